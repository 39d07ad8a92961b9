//! Subscriptions: the feeds file, one URL per line as newsboat's `urls`.
//!
//! `$XDG_CONFIG_HOME/onrecord/feeds` (`~/.config/onrecord/feeds`): a URL,
//! then optional tags (`"two words"` quoted); `#` starts a comment. Adding
//! and removing keep the other lines, comments included, as they were.

use std::path::{Path, PathBuf};

/// One subscribed feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subscription {
    pub url: String,
    pub tags: Vec<String>,
}

/// The feeds file's place.
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "onrecord").map(|d| d.config_dir().join("feeds"))
}

/// The subscriptions in the file; none when it does not exist.
pub fn read(path: &Path) -> std::io::Result<Vec<Subscription>> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    Ok(text.lines().filter_map(parse_line).collect())
}

/// A line's subscription, if it holds one.
pub fn parse_line(line: &str) -> Option<Subscription> {
    let line = line.trim();
    if line.is_empty() || line.starts_with('#') {
        return None;
    }
    let mut words = Vec::new();
    let mut rest = line;
    while let Some(c) = rest.chars().next() {
        if c.is_whitespace() {
            rest = rest.trim_start();
            continue;
        }
        if c == '#' {
            break;
        }
        if c == '"' {
            let body = &rest[1..];
            let end = body.find('"').unwrap_or(body.len());
            words.push(body[..end].to_string());
            rest = body.get(end + 1..).unwrap_or("");
        } else {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            words.push(rest[..end].to_string());
            rest = &rest[end..];
        }
    }
    let mut words = words.into_iter();
    let url = words.next()?;
    Some(Subscription {
        url,
        tags: words.filter(|t| !t.is_empty()).collect(),
    })
}

/// Adds a subscription; `false` when the URL is already there.
pub fn add(path: &Path, url: &str, tags: &[String]) -> std::io::Result<bool> {
    if read(path)?.iter().any(|s| s.url == url) {
        return Ok(false);
    }
    let mut text = std::fs::read_to_string(path).unwrap_or_default();
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(url);
    for tag in tags {
        text.push(' ');
        if tag.contains(char::is_whitespace) {
            text.push_str(&format!("\"{tag}\""));
        } else {
            text.push_str(tag);
        }
    }
    text.push('\n');
    write(path, &text)?;
    Ok(true)
}

/// Removes a subscription; `false` when it was not there.
pub fn remove(path: &Path, url: &str) -> std::io::Result<bool> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(e),
    };
    let mut removed = false;
    let kept: Vec<&str> = text
        .lines()
        .filter(|line| {
            let matches = parse_line(line).is_some_and(|s| s.url == url);
            removed |= matches;
            !matches
        })
        .collect();
    if removed {
        let mut out = kept.join("\n");
        out.push('\n');
        write(path, &out)?;
    }
    Ok(removed)
}

fn write(path: &Path, text: &str) -> std::io::Result<()> {
    crate::files::write_whole(path, text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_as_newsboat_writes_them() {
        assert_eq!(
            parse_line(r#"https://a.example/feed news "two words" # note"#),
            Some(Subscription {
                url: "https://a.example/feed".into(),
                tags: vec!["news".into(), "two words".into()],
            })
        );
        assert_eq!(parse_line("  # a comment"), None);
        assert_eq!(parse_line(""), None);
        assert_eq!(
            parse_line("https://b.example/rss"),
            Some(Subscription {
                url: "https://b.example/rss".into(),
                tags: vec![],
            })
        );
    }

    #[test]
    fn add_and_remove_keep_other_lines() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("onrecord/feeds");
        assert!(add(&path, "https://a.example/feed", &[]).unwrap());
        std::fs::write(
            &path,
            "# mine\nhttps://a.example/feed\nhttps://b.example/rss politics\n",
        )
        .unwrap();
        assert!(!add(&path, "https://a.example/feed", &[]).unwrap());
        assert!(add(&path, "https://c.example/atom", &["local news".into()]).unwrap());
        assert!(remove(&path, "https://a.example/feed").unwrap());
        assert!(!remove(&path, "https://a.example/feed").unwrap());
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "# mine\nhttps://b.example/rss politics\nhttps://c.example/atom \"local news\"\n"
        );
    }
}
