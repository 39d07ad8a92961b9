//! Copying through the terminal: OSC 52 asks the terminal to put text on
//! the system clipboard, which works over SSH and inside tmux. The update
//! step only leaves the text in [`super::App::clipboard_out`]; the event loop
//! writes the sequence.

use base64::Engine;

use crate::index::Corpus;

/// The OSC 52 sequence that sets the clipboard to `text`.
pub fn osc52(text: &str) -> String {
    let encoded = base64::engine::general_purpose::STANDARD.encode(text);
    format!("\x1b]52;c;{encoded}\x07")
}

/// Whether the terminal is one known to take OSC 52 (others may ignore it
/// or, like xterm by default, refuse it): kitty, WezTerm, Alacritty, foot,
/// iTerm2, Windows Terminal, Ghostty, and tmux (which passes it on).
pub fn terminal_supports_osc52(var: impl Fn(&str) -> Option<String>) -> bool {
    if var("TMUX").is_some() || var("WT_SESSION").is_some() || var("KITTY_WINDOW_ID").is_some() {
        return true;
    }
    let program = var("TERM_PROGRAM").unwrap_or_default();
    if ["WezTerm", "iTerm.app", "ghostty"].contains(&program.as_str()) {
        return true;
    }
    let term = var("TERM").unwrap_or_default();
    [
        "xterm-kitty",
        "alacritty",
        "foot",
        "xterm-ghostty",
        "wezterm",
    ]
    .iter()
    .any(|known| term.starts_with(known))
}

/// `“…” — Speaker, Outlet, Date`: a quotation with its citation; an
/// article that names no outlet is cited by its title (never its file's
/// name).
pub fn citation(corpus: &Corpus, article: usize, quote: usize) -> Option<String> {
    let a = corpus.articles.get(article)?;
    let q = corpus.analysis(article)?.quotes.get(quote)?;
    let words = q.span.text(&a.text).split_whitespace().collect::<Vec<_>>();
    let mut parts = vec![corpus
        .quote_speaker_name(article, quote)
        .unwrap_or("unattributed")
        .to_string()];
    parts.push(match &a.outlet {
        Some(outlet) => outlet.clone(),
        None => format!("“{}”", a.title),
    });
    parts.extend(a.date.clone());
    Some(format!("“{}” — {}", words.join(" "), parts.join(", ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn osc52_is_base64_between_the_markers() {
        assert_eq!(osc52("hi “you”"), "\x1b]52;c;aGkg4oCceW914oCd\x07");
    }

    #[test]
    fn known_terminals_are_recognized_and_others_not() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert!(terminal_supports_osc52(env(&[("TERM", "xterm-kitty")])));
        assert!(terminal_supports_osc52(env(&[("TERM_PROGRAM", "WezTerm")])));
        assert!(terminal_supports_osc52(env(&[("TMUX", "/tmp/x,1,0")])));
        assert!(!terminal_supports_osc52(env(&[("TERM", "xterm-256color")])));
        assert!(!terminal_supports_osc52(env(&[])));
    }
}
