//! `onrecord feeds add URL | list | remove URL`: the subscriptions file.

use std::process::ExitCode;

use anyhow::Context;

use crate::cli::{FeedsAction, FeedsArgs};
use crate::load::{fetch, subscriptions};

pub fn run(args: &FeedsArgs) -> anyhow::Result<ExitCode> {
    let path = subscriptions::default_path().context("no configuration directory")?;
    match &args.action {
        FeedsAction::Add { url, tags } => {
            if !fetch::is_url(url) {
                anyhow::bail!(
                    "{}: not an http or https address",
                    crate::clean::sanitize::visible(url)
                );
            }
            let added = subscriptions::add(&path, url, tags)
                .with_context(|| format!("writing {}", path.display()))?;
            if !added {
                super::say(format_args!("already subscribed to {url}"));
            }
        }
        FeedsAction::List => {
            let subs = subscriptions::read(&path)
                .with_context(|| format!("reading {}", path.display()))?;
            for sub in subs {
                let mut line = sub.url;
                for tag in sub.tags {
                    line.push(' ');
                    line.push_str(&tag);
                }
                println!("{}", crate::clean::sanitize::visible(&line));
            }
        }
        FeedsAction::Remove { url } => {
            let removed = subscriptions::remove(&path, url)
                .with_context(|| format!("writing {}", path.display()))?;
            if !removed {
                anyhow::bail!("not subscribed to {}", crate::clean::sanitize::visible(url));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
