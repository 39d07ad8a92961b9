//! Command-line arguments.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// A keyboard-driven terminal reader for news: who is named, who said what,
/// and how each outlet tells it.
///
/// With no PATH, opens the bundled seed articles.
#[derive(Debug, Parser)]
#[command(name = "onrecord", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Article files or directories (searched recursively for text, web
    /// pages and feed files).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Read the subscribed feeds (`onrecord feeds add URL`). Plain
    /// `onrecord` does too once there are subscriptions.
    #[arg(long)]
    pub feeds: bool,

    /// Where bookmarks and annotations are kept (default: the platform's
    /// data directory).
    #[arg(long, env = "ONRECORD_DATA_DIR", global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// The configuration file (default: $XDG_CONFIG_HOME/onrecord/config.toml).
    #[arg(long, env = "ONRECORD_CONFIG", global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show the configuration: `--print-default` writes the commented
    /// defaults.
    Config(ConfigArgs),
    /// Print the entities and quotations found in articles.
    Analyze(AnalyzeArgs),
    /// Print every quotation with its speaker, outlet and article, for
    /// spreadsheets and scripts.
    Quotes(QuotesArgs),
    /// Write bookmarks and annotations to standard output.
    Export(ExportArgs),
    /// Merge bookmarks and annotations from an exported JSON file.
    Import(ImportArgs),
    /// Copy every readable bookmark and annotation out of a damaged store
    /// (a moved-aside `onrecord.db.corrupt-*` file) into the notes store.
    Salvage(SalvageArgs),
    /// Manage the subscribed feeds ($XDG_CONFIG_HOME/onrecord/feeds).
    Feeds(FeedsArgs),
}

#[derive(Debug, Args)]
pub struct AnalyzeArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = AnalyzeFormat::Json)]
    pub format: AnalyzeFormat,

    /// The machine's own answer: ignore the reader's corrections.
    #[arg(long)]
    pub no_corrections: bool,

    /// Article files or directories; the bundled seeds when none.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AnalyzeFormat {
    /// One JSON array of article records.
    Json,
    /// One JSON record per line.
    Jsonl,
    /// A readable list of quotes by speaker.
    Text,
}

#[derive(Debug, Args)]
pub struct QuotesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = QuotesFormat::Csv)]
    pub format: QuotesFormat,

    /// Only speakers whose name contains this (any case).
    #[arg(long, value_name = "NAME")]
    pub speaker: Option<String>,

    /// Only outlets whose name contains this (any case).
    #[arg(long, value_name = "NAME")]
    pub outlet: Option<String>,

    /// The machine's own answer: ignore the reader's corrections.
    #[arg(long)]
    pub no_corrections: bool,

    /// Article files or directories; the bundled seeds when none.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum QuotesFormat {
    /// RFC 4180 CSV with a header row.
    Csv,
    /// One JSON array of rows.
    Json,
    /// Block quotes with their citations.
    Markdown,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExportFormat::Markdown)]
    pub format: ExportFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Markdown,
    /// W3C Web Annotation JSON.
    Json,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// A JSON file written by `onrecord export --format json`.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// Create the data directory if it does not exist (otherwise a
    /// mistyped --data-dir is an error).
    #[arg(long)]
    pub create: bool,
}

#[derive(Debug, Args)]
pub struct SalvageArgs {
    /// The damaged store file.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
}

#[derive(Debug, Args)]
pub struct FeedsArgs {
    #[command(subcommand)]
    pub action: FeedsAction,
}

#[derive(Debug, Subcommand)]
pub enum FeedsAction {
    /// Subscribe to a feed (optional tags after the URL).
    Add {
        #[arg(value_name = "URL")]
        url: String,
        #[arg(value_name = "TAG")]
        tags: Vec<String>,
    },
    /// List the subscriptions.
    List,
    /// Unsubscribe.
    Remove {
        #[arg(value_name = "URL")]
        url: String,
    },
}

#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// Write every setting with its default value, commented out.
    #[arg(long)]
    pub print_default: bool,
}
