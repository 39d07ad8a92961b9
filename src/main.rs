use std::process::ExitCode;

use clap::Parser;
use onrecord::cache::Cache;
use onrecord::clean::sanitize;
use onrecord::cli::{Cli, Command};
use onrecord::commands::say;
use onrecord::load::Source;
use onrecord::store::{ArticleKey, Store};
use onrecord::ui::sync::NotesSync;

/// The subscriptions file's feeds.
fn subscribed_feeds() -> anyhow::Result<Vec<onrecord::load::subscriptions::Subscription>> {
    let Some(path) = onrecord::load::subscriptions::default_path() else {
        return Ok(Vec::new());
    };
    onrecord::load::subscriptions::read(&path)
        .map_err(|e| anyhow::anyhow!("reading {}: {e}", path.display()))
}

fn main() -> ExitCode {
    let mut cli = Cli::parse();
    // A bad configuration stops here, before the terminal is touched.
    let config = match load_config(&cli) {
        Ok(config) => config,
        Err(e) => {
            say(e);
            return ExitCode::from(2);
        }
    };
    if cli.data_dir.is_none() {
        cli.data_dir.clone_from(&config.data_dir);
    }
    let data_dir = cli.data_dir.as_deref();
    let result = match &cli.command {
        Some(Command::Config(args)) => {
            onrecord::commands::config::run(args, config_path(&cli).as_deref())
        }
        Some(Command::Analyze(args)) => onrecord::commands::analyze::run(args, data_dir),
        Some(Command::Quotes(args)) => onrecord::commands::quotes::run(args, data_dir),
        Some(Command::Feeds(args)) => onrecord::commands::feeds::run(args),
        Some(Command::Export(args)) => onrecord::commands::notes::export(data_dir, args),
        Some(Command::Import(args)) => onrecord::commands::notes::import(data_dir, args),
        Some(Command::Salvage(args)) => onrecord::commands::notes::salvage(data_dir, args),
        None => read(&cli, &config),
    };
    match result {
        Ok(code) => code,
        // The reader of our output has gone: nothing more to say.
        Err(e) if onrecord::commands::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            say(format_args!("{e:#}"));
            ExitCode::from(2)
        }
    }
}

fn config_path(cli: &Cli) -> Option<std::path::PathBuf> {
    cli.config.clone().or_else(onrecord::config::default_path)
}

/// The configuration file named on the command line, else the default one
/// (missing is fine: the defaults).
fn load_config(cli: &Cli) -> Result<onrecord::config::Config, onrecord::config::ConfigError> {
    match config_path(cli) {
        Some(path) => onrecord::config::load(&path),
        None => Ok(onrecord::config::Config::default()),
    }
}

/// Opens the reader on the paths and addresses given, on the subscribed
/// feeds (`--feeds`, or when nothing is named and there are
/// subscriptions), or on the bundled seeds.
fn read(cli: &Cli, config: &onrecord::config::Config) -> anyhow::Result<ExitCode> {
    let feeds = if cli.feeds || cli.paths.is_empty() {
        subscribed_feeds()?
    } else {
        Vec::new()
    };
    if cli.feeds && feeds.is_empty() {
        anyhow::bail!("no subscriptions yet: add one with `onrecord feeds add URL`");
    }
    let embedded = cli.paths.is_empty() && feeds.is_empty();
    let cache_dir = onrecord::commands::cache_dir(cli.data_dir.as_deref());
    // Addresses (named ones and subscriptions) open from the copies
    // fetched before, at once; the reader refreshes them in the background.
    let mut web: Vec<(String, Vec<String>)> = cli
        .paths
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .filter(|p| onrecord::load::fetch::is_url(p))
        .map(|url| (url, Vec::new()))
        .collect();
    let mut inputs = cli.paths.clone();
    for feed in feeds {
        if !web.iter().any(|(url, _)| *url == feed.url) {
            inputs.push(std::path::PathBuf::from(&feed.url));
            web.push((feed.url, feed.tags));
        }
    }
    let (mut loaded, reports) = if embedded {
        let seeds = onrecord::load::Found::from(onrecord::load::Loaded {
            docs: onrecord::load::embedded_seeds(),
            skipped: Vec::new(),
        });
        (seeds, Vec::new())
    } else {
        let fetcher = onrecord::load::fetch::Fetcher::cache_only(cache_dir.clone());
        onrecord::load::discover_inputs_through(&inputs, &fetcher)?
    };
    // Not fetched yet is no problem: the refresh fetches it.
    loaded
        .skipped
        .retain(|s| !onrecord::load::fetch::is_url(&s.path.to_string_lossy()));
    if loaded.sources.is_empty() && web.is_empty() {
        for skipped in loaded.problems() {
            say(format_args!("skipped {skipped}"));
        }
        anyhow::bail!("no articles to read: no article among the paths given could be read");
    }
    let log_path = onrecord::logging::init();
    let mut notices = Vec::new();
    for skipped in loaded.problems() {
        log::warn!("skipped {skipped}");
        notices.push(sanitize::visible(&format!("skipped {skipped}")));
    }
    let fetch_cache = cache_dir.clone();
    let cache = (!embedded)
        .then_some(cache_dir)
        .flatten()
        .and_then(|dir| Cache::open(&dir));
    // Files get keys by their absolute path, so notes follow them
    // whatever the working directory; the text's hash follows the text.
    let keys = loaded
        .sources
        .iter()
        .map(|source| match source {
            Source::File(file) => ArticleKey::unread(file.canonical.to_string_lossy()),
            Source::Doc(doc) => ArticleKey::unread(onrecord::store::source_of(&doc.path)),
        })
        .collect();
    let (corpus, loading) =
        onrecord::ui::worker::unread_corpus(&inputs, std::mem::take(&mut loaded.sources), cache);
    let (width, height) = crossterm::terminal::size().unwrap_or((80, 24));
    let mut app = onrecord::ui::App::new(corpus, width, height);
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let mut theme = onrecord::ui::theme::Theme::for_env(no_color);
    config.theme.apply(&mut theme, no_color);
    app.set_theme(theme);
    app.keymap = config.keymap.clone();
    // On only where the terminal is known to take OSC 52.
    app.clipboard = config.clipboard
        && onrecord::ui::clipboard::terminal_supports_osc52(|name| std::env::var(name).ok());
    app.set_layout(config.layout);
    if !embedded {
        app.set_keys(keys);
        app.set_sort(onrecord::ui::state::ListSort::Date);
    }
    if !web.is_empty() {
        app.feeds = onrecord::ui::feeds::Feeds::new(web, fetch_cache);
        app.feeds.update(&reports);
        app.feeds.index(&app.corpus.articles);
        app.feeds.wanted = true;
    }
    app.not_articles = loaded.not_articles();
    app.notices = notices;
    let notes = match Store::open(cli.data_dir.as_deref()) {
        Ok(mut store) => {
            // A busy store must not freeze the reader: edits that wait are
            // retried from the pending queue.
            store.set_busy_timeout(std::time::Duration::from_millis(300));
            // The reader's corrections (made elsewhere or imported) come
            // with the notes, and apply as analyses arrive.
            Some(NotesSync::new(store))
        }
        Err(e) => {
            log::warn!("no notes store: {e}");
            app.notices
                .push(format!("bookmarks and notes are off: {e}"));
            None
        }
    };
    let exit = onrecord::ui::run(app, notes, loading)?;
    for skipped in loaded.problems() {
        say(format_args!("skipped {skipped}"));
    }
    for message in exit.lines {
        say(message);
    }
    if let Some(path) = log_path {
        log::info!("exit; log at {}", path.display());
    }
    // After a signal, the shell convention: 128 + its number.
    Ok(match exit.signal {
        Some(signal) => ExitCode::from(u8::try_from(128 + signal).unwrap_or(255)),
        None => ExitCode::SUCCESS,
    })
}
