use std::process::ExitCode;

use clap::Parser;
use onrecord::cli::{Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let data_dir = cli.data_dir.as_deref();
    let result = match &cli.command {
        Some(Command::Analyze(args)) => onrecord::commands::analyze::run(args),
        Some(Command::Export(args)) => onrecord::commands::notes::export(data_dir, args),
        Some(Command::Import(args)) => onrecord::commands::notes::import(data_dir, args),
        None => Ok(ExitCode::SUCCESS),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("onrecord: {e:#}");
            ExitCode::from(2)
        }
    }
}
