//! Markup: HTML left in scraped text files.
//!
//! Scrapers leave tags (`<p>`, `<br>`, `<a href=…>`), entities (`&amp;`,
//! `&#8220;`, `&rsquo;`) and embedded posts (`<tweet author="@x">…</tweet>`)
//! in what is meant to be plain text. Known tags go (block-level ones
//! become paragraph breaks), entities are decoded, and an embedded post
//! becomes a quotation line of its own (`> text —@author`) that [`lines`]
//! turns into a quotation block. A `<` that does not open a known tag is
//! text (`a < b`, `<Jane Doe>`) and stays.
//!
//! [`lines`]: super::lines

use std::borrow::Cow;

/// Tags that only style text.
const INLINE_TAGS: &[&str] = &[
    "a", "b", "i", "em", "strong", "span", "u", "font", "sup", "sub", "small", "abbr", "cite",
    "time", "mark", "s", "strike", "img", "q", "big", "ins", "del", "wbr", "code", "source",
    "picture", "video", "audio", "embed",
];
/// Tags whose content is never text to read.
const HIDDEN_TAGS: &[&str] = &["script", "style", "iframe", "noscript", "object", "svg"];
/// Embedded social-media posts.
const POST_TAGS: &[&str] = &["tweet", "post"];
/// A tag longer than this is not a tag but text with a `<` in it.
const MAX_TAG_BYTES: usize = 2048;

/// Removes known tags and decodes entities; borrows when there is nothing
/// to do.
pub(crate) fn strip(text: &str) -> Cow<'_, str> {
    let has_tag = text.contains('<');
    let has_entity = text.contains('&');
    if !has_tag && !has_entity {
        return Cow::Borrowed(text);
    }
    let untagged = if has_tag {
        strip_tags(text)
    } else {
        Cow::Borrowed(text)
    };
    if has_entity {
        match html_escape::decode_html_entities(&untagged) {
            Cow::Borrowed(_) => untagged,
            Cow::Owned(s) => Cow::Owned(s),
        }
    } else {
        untagged
    }
}

/// A tag parsed at a `<`.
struct Tag<'a> {
    name: String,
    closing: bool,
    attrs: &'a str,
    /// Bytes from the `<` through the `>`.
    len: usize,
}

fn parse_tag(s: &str) -> Option<Tag<'_>> {
    let rest = s.strip_prefix('<')?;
    let (closing, rest) = match rest.strip_prefix('/') {
        Some(r) => (true, r),
        None => (false, rest),
    };
    let name_len = rest
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    if name_len == 0 || !rest.as_bytes()[0].is_ascii_alphabetic() {
        return None;
    }
    let name = rest[..name_len].to_ascii_lowercase();
    let after = &rest[name_len..];
    if !after.starts_with(['>', ' ', '/', '\t', '\n']) {
        return None;
    }
    // Find the closing `>` outside straight-quoted attribute values.
    let mut quote = None;
    for (i, c) in after.char_indices() {
        if i > MAX_TAG_BYTES {
            return None;
        }
        match (c, quote) {
            ('"' | '\'', None) => quote = Some(c),
            (c, Some(q)) if c == q => quote = None,
            ('>', None) => {
                let len = s.len() - after.len() + i + 1;
                return Some(Tag {
                    name,
                    closing,
                    attrs: after[..i].trim_end_matches('/'),
                    len,
                });
            }
            _ => {}
        }
    }
    None
}

/// The value of attribute `key` in a tag's attribute text.
fn attr<'a>(attrs: &'a str, key: &str) -> Option<&'a str> {
    let mut rest = attrs;
    while let Some(at) = rest.find(key) {
        let before_ok = rest[..at]
            .chars()
            .next_back()
            .is_none_or(char::is_whitespace);
        let after = rest[at + key.len()..].trim_start();
        if before_ok {
            if let Some(value) = after.strip_prefix('=') {
                let value = value.trim_start();
                let quote = value.chars().next()?;
                if matches!(quote, '"' | '\'' | '”' | '“') {
                    let body = &value[quote.len_utf8()..];
                    let end = body.find(['"', '\'', '”', '“'])?;
                    return Some(&body[..end]);
                }
                return value.split_whitespace().next();
            }
        }
        rest = &rest[at + key.len()..];
    }
    None
}

fn strip_tags(text: &str) -> Cow<'_, str> {
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    let mut pos = 0;
    // The author of the embedded post being copied, if any.
    let mut post: Option<String> = None;
    while let Some(found) = text[pos..].find('<') {
        let at = pos + found;
        push_text(&mut out, &text[pos..at], post.is_some());
        pos = at;
        let Some(tag) = parse_tag(&text[at..]) else {
            out.push('<');
            pos += 1;
            continue;
        };
        let name = tag.name.as_str();
        let known = super::words::is_block_tag(name)
            || INLINE_TAGS.contains(&name)
            || HIDDEN_TAGS.contains(&name)
            || POST_TAGS.contains(&name)
            || name == "br";
        if !known {
            out.push('<');
            pos += 1;
            continue;
        }
        changed = true;
        pos += tag.len;
        if POST_TAGS.contains(&name) {
            if tag.closing {
                if let Some(author) = post.take() {
                    if !author.is_empty() {
                        out.push_str(" —");
                        out.push_str(&author);
                    }
                    out.push_str("\n\n");
                }
            } else {
                let author = attr(tag.attrs, "author").unwrap_or("").trim().to_string();
                out.push_str("\n\n> ");
                post = Some(author);
            }
        } else if HIDDEN_TAGS.contains(&name) && !tag.closing {
            let close = format!("</{name}");
            pos = find_ascii_ci(&text[pos..], &close).map_or(text.len(), |i| {
                let end = pos + i;
                text[end..].find('>').map_or(text.len(), |j| end + j + 1)
            });
        } else if name == "br" {
            out.push(if post.is_some() { ' ' } else { '\n' });
        } else if super::words::is_block_tag(name) {
            out.push_str(if post.is_some() { " " } else { "\n\n" });
        }
    }
    push_text(&mut out, &text[pos..], post.is_some());
    if changed {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(text)
    }
}

/// Copies text; inside an embedded post, line breaks become spaces so the
/// post stays one quotation line.
fn push_text(out: &mut String, s: &str, in_post: bool) {
    if in_post {
        out.extend(s.chars().map(|c| if c == '\n' { ' ' } else { c }));
    } else {
        out.push_str(s);
    }
}

fn find_ascii_ci(haystack: &str, needle: &str) -> Option<usize> {
    let n = needle.len();
    haystack
        .as_bytes()
        .windows(n)
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed() {
        assert!(matches!(
            strip("No markup, a < b and x > y."),
            Cow::Borrowed(_)
        ));
        assert!(matches!(strip("AT&T and R&D stay"), Cow::Borrowed(_)));
    }

    #[test]
    fn tags_go_and_blocks_break() {
        assert_eq!(
            strip("First <b>bold</b> part.<br>Next line.<p>New para.</p>"),
            "First bold part.\nNext line.\n\nNew para.\n\n"
        );
        assert_eq!(
            strip("watch at <a href=\"http://video.example\">video.example</a>."),
            "watch at video.example."
        );
        assert_eq!(
            strip("see <a href=”https://x.example/a” target=”_blank”>the story</a>"),
            "see the story"
        );
        assert_eq!(strip("a<script>var x = '<p>';</script>b"), "ab");
    }

    #[test]
    fn unknown_angle_brackets_stay() {
        for s in [
            "a < b",
            "<Jane Doe> wrote",
            "x <3 y",
            "if a<b then",
            "<unclosed tag",
        ] {
            assert_eq!(strip(s), s);
        }
    }

    #[test]
    fn entities_decode() {
        assert_eq!(
            strip("Q&amp;A: &#8220;No,&#8221; she said &mdash; it&rsquo;s &lt;done&gt;"),
            "Q&A: “No,” she said — it’s <done>"
        );
        assert_eq!(strip("&#x201C;hex&#x201D;"), "“hex”");
    }

    #[test]
    fn embedded_posts_become_quotation_lines() {
        let text = "Before.\n<tweet id=\"1\" author=\"@jane_roe\" datetime=\"2016-01-02\">We \
                    won&#8217;t stop.\nNever.</tweet>.\nAfter.";
        assert_eq!(
            strip(text),
            "Before.\n\n\n> We won’t stop. Never. —@jane_roe\n\n.\nAfter."
        );
    }
}
