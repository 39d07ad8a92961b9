//! Boilerplate: lines that came with the page, not the story. They are set
//! aside (kept, with a reason) rather than deleted, so nothing is lost if a
//! rule misfires.

use crate::model::{SetAside, SetAsideReason};

use super::lines::{Line, LineKind};

/// Lines that open a related-content footer when they stand alone
/// (compared lowercase, without trailing `:` and arrows).
const FOOTER_MARKERS: &[&str] = &[
    "you may also like",
    "you might also like",
    "you may also be interested in",
    "you might be interested in",
    "related",
    "related articles",
    "related stories",
    "related content",
    "related news",
    "related posts",
    "related reading",
    "read more",
    "read next",
    "more to read",
    "more stories",
    "more like this",
    "more on this story",
    "more on this topic",
    "most read",
    "most popular",
    "most viewed",
    "recommended",
    "recommended for you",
    "recommended stories",
    "recommended reading",
    "also read",
    "see also",
    "what to read next",
    "trending",
    "trending now",
    "popular now",
    "latest stories",
    "latest news",
    "don't miss",
    "don’t miss",
    "around the web",
    "explore more on these topics",
    "related topics",
];

/// Line openings that label a picture caption or credit.
const CAPTION_LABELS: &[&str] = &[
    "image",
    "images",
    "photo",
    "photos",
    "photograph",
    "photography",
    "picture",
    "pictured",
    "illustration",
    "graphic",
    "caption",
    "credit",
    "credits",
    "image credit",
    "photo credit",
    "file photo",
    "image source",
    "top image",
    "main image",
    "header image",
    "featured image",
    "cover image",
    "lead image",
    "image caption",
    "media caption",
    "video caption",
];

/// Picture agencies and credit words that end a caption ("…/Reuters",
/// "(AFP via Getty Images)").
const AGENCIES: &[&str] = &[
    "reuters",
    "ap",
    "ap photo",
    "afp",
    "getty",
    "getty images",
    "epa",
    "epa-efe",
    "efe",
    "shutterstock",
    "alamy",
    "associated press",
    "bloomberg",
    "xinhua",
    "anadolu",
    "anadolu agency",
    "sputnik",
    "istock",
    "istockphoto",
    "dpa",
    "pa",
    "pa images",
    "pa wire",
    "nurphoto",
    "sopa images",
    "zuma",
    "zuma press",
    "imago",
    "abaca",
    "pool",
    "handout",
    "wikimedia commons",
    "unsplash",
];

/// Captions, credits and source lines are short; a longer line is prose
/// and is not lowercased and searched at all.
const MAX_BOILERPLATE_BYTES: usize = 1000;

/// Names that only ever appear in picture credits.
const PICTURE_LIBRARIES: &[&str] = &[
    "getty images",
    "ap photo",
    "shutterstock",
    "alamy",
    "istock",
    "istockphoto",
    "pa images",
    "pa wire",
    "nurphoto",
    "sopa images",
    "zuma press",
    "imago",
    "unsplash",
    "wikimedia commons",
];

/// Prose this long or longer is "the story has begun": only then may a
/// footer marker take everything after it.
const BODY_BEFORE_FOOTER: usize = 200;

/// Takes captions, source lines and related-content footers out of `lines`
/// (leaving blank lines in their place) and returns them in reading order.
pub(crate) fn set_aside(lines: &mut [Line]) -> Vec<SetAside> {
    let mut out = Vec::new();
    let mut body_chars = 0;
    let mut in_footer = false;
    for line in lines.iter_mut() {
        if line.is_blank() {
            continue;
        }
        let reason = if in_footer {
            Some(SetAsideReason::Footer)
        } else if line.text.len() > MAX_BOILERPLATE_BYTES {
            None
        } else if is_related_link(&line.text) {
            // "Read more: Another story" inside the text: set aside alone.
            Some(SetAsideReason::Footer)
        } else if is_footer_marker(&line.text) {
            // A marker before any story is navigation, not the end.
            in_footer = body_chars >= BODY_BEFORE_FOOTER;
            Some(SetAsideReason::Footer)
        } else if is_source_line(&line.text) {
            Some(SetAsideReason::SourceLine)
        } else if is_caption(&line.text) {
            Some(SetAsideReason::Caption)
        } else {
            None
        };
        match reason {
            Some(reason) => out.push(SetAside {
                text: line.remove(),
                reason,
            }),
            None => {
                if line.kind != LineKind::Bullet {
                    body_chars += line.text.len();
                }
            }
        }
    }
    out
}

/// A line that is nothing but a "you may also like"-style marker.
pub(crate) fn is_footer_marker(text: &str) -> bool {
    let key = text
        .trim_end_matches([':', '»', '›', '→', '>', '.', ' '])
        .to_lowercase();
    FOOTER_MARKERS.contains(&key.as_str())
}

/// A footer marker with a colon and a linked headline after it ("Read
/// more: Why Russia wants its bases"), as inserted between paragraphs.
pub(crate) fn is_related_link(text: &str) -> bool {
    let Some((head, tail)) = text.split_once(':') else {
        return false;
    };
    !tail.trim().is_empty()
        && head.len() <= 40
        && tail.split_whitespace().count() <= 25
        && FOOTER_MARKERS.contains(&head.trim().to_lowercase().as_str())
}

/// "Source: …", "Source The headline of the page", "Originally published …".
pub(crate) fn is_source_line(text: &str) -> bool {
    let words = text.split_whitespace().count();
    if words > 40 {
        return false;
    }
    let lower = text.to_lowercase();
    for label in ["source", "sources"] {
        let Some(original_rest) = text
            .get(..label.len())
            .filter(|head| head.eq_ignore_ascii_case(label))
            .and_then(|_| text.get(label.len()..))
        else {
            continue;
        };
        if original_rest.starts_with(':') {
            return true;
        }
        // "Source The secret talks …": a label glued to a page title, which
        // (unlike a sentence starting "Source") does not end in a period.
        if original_rest.starts_with(' ')
            && original_rest.split_whitespace().count() >= 3
            && original_rest
                .trim_start()
                .starts_with(|c: char| c.is_uppercase() || c == '“' || c == '"')
            && !ends_sentence(text)
            && words <= 25
        {
            return true;
        }
    }
    [
        "originally published",
        "this article was originally published",
        "this story was originally published",
        "this article originally appeared",
        "this story originally appeared",
        "republished from",
        "republished with permission",
    ]
    .iter()
    .any(|p| lower.starts_with(p))
}

/// A picture caption or credit: a labelled line ("Photo: …"), an
/// AI-image note, a bare credit ("(Reuters)", "REUTERS/Jane Doe") or a
/// caption ending in an agency credit ("… in Aleppo. Getty Images").
pub(crate) fn is_caption(text: &str) -> bool {
    let words = text.split_whitespace().count();
    if words > 60 {
        return false;
    }
    let lower = text.to_lowercase();
    has_caption_label(&lower)
        || is_ai_image_note(&lower, words)
        || starts_with_credit(&lower, words)
        || ends_with_credit(&lower)
        || ends_with_agency_slash_name(&lower)
}

/// "… port of Tartus. REUTERS/Jane Doe": a caption ending in an agency, a
/// slash and a photographer's name of a few words.
fn ends_with_agency_slash_name(lower: &str) -> bool {
    let Some(slash) = lower.rfind('/') else {
        return false;
    };
    let name = lower[slash + 1..].trim_end_matches([')', ']', '.', ' ']);
    let name_words = name.split_whitespace().count();
    if !(1..=4).contains(&name_words) || name.contains(['.', ',', ';', ':']) {
        return false;
    }
    let before = lower[..slash].trim_end();
    AGENCIES.iter().any(|agency| {
        ends_with_word(before, agency) && {
            let lead = before[..before.len() - agency.len()].trim_end();
            lead.is_empty() || lead.ends_with(['.', '(', '[', '|', ':', ';', ',', '-', '–', '—'])
        }
    })
}

/// "REUTERS/Evelyn Hockstein": an agency, a slash, a photographer.
fn starts_with_credit(lower: &str, words: usize) -> bool {
    words <= 8
        && AGENCIES.iter().any(|a| {
            lower
                .strip_prefix(a)
                .is_some_and(|rest| rest.starts_with('/'))
        })
}

fn has_caption_label(lower: &str) -> bool {
    CAPTION_LABELS.iter().any(|label| {
        lower.strip_prefix(label).is_some_and(|rest| {
            rest.starts_with(':')
                // "Image source, Getty Images" (a two-word label only:
                // "Images, videos and documents show…" is prose).
                || (rest.starts_with(',') && label.contains(' '))
                || rest.starts_with(" by ")
                || rest.starts_with(" |")
                || rest.starts_with(" courtesy")
                || rest.starts_with(" credit")
                || rest.starts_with(" via ")
                || rest.starts_with(" created by")
                || rest.starts_with(" generated by")
        })
    })
}

fn is_ai_image_note(lower: &str, words: usize) -> bool {
    const AI: &[&str] = &[
        "created by ai",
        "generated by ai",
        "created with ai",
        "generated with ai",
        "made with ai",
        "ai-generated",
        "ai generated",
        "ai-created",
    ];
    const PICTURE_WORDS: &[&str] = &[
        "image",
        "picture",
        "photo",
        "illustration",
        "graphic",
        "artwork",
    ];
    // A note, not a sentence about AI images: no final period, or it
    // opens with what the picture is.
    words <= 12
        && AI.iter().any(|p| lower.contains(p))
        && (!ends_sentence(lower) || PICTURE_WORDS.iter().any(|w| lower.starts_with(w)))
}

/// The line ends in an agency credit set off by `/`, `(`, `|`, "via" or a
/// sentence end, and what precedes it is short or a caption.
fn ends_with_credit(lower: &str) -> bool {
    let body = lower.trim_end_matches([')', ']', '.', ' ']);
    let Some(agency) = AGENCIES
        .iter()
        .filter(|a| ends_with_word(body, a))
        .max_by_key(|a| a.len())
    else {
        return false;
    };
    // A sentence naming an agency ("… the Palestinian Authority (PA).")
    // ends with a period; a credit does not, unless it is a picture
    // library's, which no sentence ends on.
    if lower.trim_end().ends_with('.') && !PICTURE_LIBRARIES.contains(agency) {
        return false;
    }
    let before = body[..body.len() - agency.len()].trim_end();
    if before.is_empty() {
        // A bare news agency is a credit only in brackets ("(Reuters)"); a
        // picture library's name is one on its own ("Getty Images").
        return lower.trim_start().starts_with(['(', '[']) || PICTURE_LIBRARIES.contains(agency);
    }
    let lead_words = before.split_whitespace().count();
    // "…/Reuters", "(AFP via Getty Images)", "| AP": a credit by its form.
    if before.ends_with(['/', '(', '[', '|']) || ends_with_word(before, "via") {
        return lead_words <= 40;
    }
    // "… in Aleppo. Getty Images": a short caption, then the credit.
    before.ends_with(['.', ',', ';', ':', '-', '–', '—']) && lead_words <= 25
}

fn ends_with_word(s: &str, word: &str) -> bool {
    s.ends_with(word)
        && s[..s.len() - word.len()]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric())
}

fn ends_sentence(text: &str) -> bool {
    text.trim_end_matches(['”', '’', '"', '\'', ')'])
        .ends_with(['.', '!', '?', '…'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn captions() {
        for s in [
            "Image created by AI",
            "Photo: Jane Doe/Reuters",
            "(Reuters)",
            "REUTERS/Evelyn Hockstein",
            "A man walks past rubble in Aleppo. Getty Images",
            "Smoke rises over Damascus (Photo by John Roe/AFP via Getty Images)",
            "Illustration by Anna Lee",
            "Getty Images",
            "AFP via Getty Images",
            "Image source, Reuters",
            "Media caption, Crowds gathered in the capital",
            "Smoke rises over the port of Tartus. REUTERS/Jane Doe",
            "Rescuers search the rubble (AP Photo/Omar Sanadiki)",
        ] {
            assert!(is_caption(s), "{s}");
        }
        for s in [
            "DAMASCUS (Reuters) - Syria's new rulers met Russian envoys on Monday.",
            "The deal was first reported by Reuters.",
            "Reuters reports Russia is leaving",
            "Reuters",
            "Images, videos and documents show the base.",
            "He met the head of the Palestinian Authority (PA).",
            "The footage was obtained via AP.",
            "The AI-generated image spread fast.",
            "Images of the base show ships leaving port.",
            "Photographers gathered at the gate.",
            "The ratio rose to 3/4 of the total, Reuters/Ipsos found in a poll of voters.",
        ] {
            assert!(!is_caption(s), "{s}");
        }
    }

    #[test]
    fn related_links_set_aside_alone() {
        assert!(is_related_link("Read more: Why Russia wants its bases"));
        assert!(is_related_link("RELATED: Turkey weighs its options"));
        assert!(!is_related_link(
            "Read more carefully: the deal is not done."
        ));
        assert!(!is_related_link("Note: the deal is not done."));
        let mut lines = super::super::lines::split(&format!(
            "{}\n\nRead more: Another story\n\nThe story goes on.",
            "Story text. ".repeat(30)
        ));
        let aside = set_aside(&mut lines);
        assert_eq!(aside.len(), 1);
        assert_eq!(lines[4].text, "The story goes on.");
    }

    #[test]
    fn source_lines() {
        assert!(is_source_line("Source: The Economist"));
        assert!(is_source_line(
            "Source The secret talks between Syria’s new leaders and the Kremlin"
        ));
        assert!(!is_source_line("Sources say the deal is close."));
        assert!(!is_source_line("Source material was scarce, he said."));
    }

    #[test]
    fn footer_takes_the_rest_only_after_the_story() {
        let mut lines = super::super::lines::split(&format!(
            "Related articles\n{}\n\nRead more\nOther story\nAnother",
            "Story text. ".repeat(30)
        ));
        let aside = set_aside(&mut lines);
        let texts: Vec<_> = aside.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(
            texts,
            vec!["Related articles", "Read more", "Other story", "Another"]
        );
        assert!(lines[1].text.starts_with("Story text."));
    }
}
