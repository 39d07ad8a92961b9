//! Decode: raw bytes to text, whatever encoding the file or page used.
//!
//! UTF-8 (with or without a byte-order mark) is taken as is. Anything else
//! goes by a declared charset when there is one (an HTTP header, a
//! `<meta charset>`), else by detection: scraped news saved as
//! Windows-1252 or Latin-1 keeps its curly quotes instead of turning them
//! into U+FFFD.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8};

/// Decoded text and how it was obtained.
#[derive(Debug)]
pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    /// The encoding the bytes were read as (`"UTF-8"`, `"windows-1252"`…).
    pub encoding: &'static str,
    /// Some bytes were not valid in that encoding and became U+FFFD.
    pub lossy: bool,
}

/// Decodes `bytes`, trusting a byte-order mark first, then `declared` (a
/// charset label such as `iso-8859-1`), then valid UTF-8, then detection.
pub fn decode<'a>(bytes: &'a [u8], declared: Option<&str>) -> Decoded<'a> {
    let encoding = Encoding::for_bom(bytes)
        .map(|(enc, _)| enc)
        .or_else(|| declared.and_then(|label| Encoding::for_label(label.trim().as_bytes())))
        .unwrap_or_else(|| guess(bytes));
    // `decode` strips a BOM of the encoding it is given.
    let (text, used, lossy) = encoding.decode(bytes);
    Decoded {
        text,
        encoding: used.name(),
        lossy,
    }
}

/// The charset a page declares in its first kilobyte
/// (`<meta charset="…">` or `<meta http-equiv … content="…; charset=…">`),
/// as the HTML standard's prescan looks for it.
pub fn meta_charset(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(1024)];
    let lower = head.to_ascii_lowercase();
    let at = lower.windows(8).position(|w| w == b"charset=")? + 8;
    let rest = &lower[at..];
    let rest = rest
        .strip_prefix(b"\"")
        .or(rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let len = rest
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.'))
        .count();
    (len > 0).then(|| String::from_utf8_lossy(&rest[..len]).into_owned())
}

/// UTF-8 when the bytes are UTF-8 (most files are, and detection on short
/// ASCII-heavy text could say otherwise), also with a few damaged bytes
/// (a cut or spliced file: lossy beats turning every curly quote into
/// mojibake); else chardetng's guess.
fn guess(bytes: &[u8]) -> &'static Encoding {
    let mut valid_non_ascii = 0usize;
    let mut invalid = 0usize;
    for chunk in bytes.utf8_chunks() {
        valid_non_ascii += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    if invalid == 0 || valid_non_ascii >= 2 * invalid {
        return UTF_8;
    }
    use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    detector.guess(None, Utf8Detection::Deny)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_is_borrowed() {
        let d = decode("“Yes,” she said.".as_bytes(), None);
        assert!(matches!(d.text, Cow::Borrowed(_)));
        assert_eq!(d.encoding, "UTF-8");
        assert!(!d.lossy);
    }

    #[test]
    fn windows_1252_keeps_curly_quotes() {
        // “We will not leave,” the minister’s aide said — in Windows-1252.
        let mut bytes = vec![0x93];
        bytes.extend_from_slice(b"We will not leave,");
        bytes.push(0x94);
        bytes.extend_from_slice(b" the minister");
        bytes.push(0x92);
        bytes.extend_from_slice(b"s aide said ");
        bytes.push(0x97);
        bytes.extend_from_slice(b" and then the caf");
        bytes.push(0xe9);
        bytes.extend_from_slice(b" closed for the night.");
        let d = decode(&bytes, None);
        assert_eq!(
            d.text,
            "“We will not leave,” the minister’s aide said — and then the café closed for the night."
        );
        assert!(!d.lossy);
    }

    #[test]
    fn damaged_utf8_stays_utf8() {
        let d = decode("“Yes,” she said \u{2014} ok ".as_bytes(), None);
        assert_eq!(d.encoding, "UTF-8");
        let mut bytes = "“Yes,” she said — ".as_bytes().to_vec();
        bytes.push(0xff);
        let d = decode(&bytes, None);
        assert_eq!(d.text, "“Yes,” she said — \u{fffd}");
        assert!(d.lossy);
    }

    #[test]
    fn meta_charsets() {
        assert_eq!(
            meta_charset(b"<html><head><meta charset=\"ISO-8859-1\">").as_deref(),
            Some("iso-8859-1")
        );
        assert_eq!(
            meta_charset(
                b"<meta http-equiv=Content-Type content='text/html; charset=windows-1252'>"
            )
            .as_deref(),
            Some("windows-1252")
        );
        assert_eq!(meta_charset(b"<html><p>no charset here</p>"), None);
    }

    #[test]
    fn declared_charset_and_bom_win() {
        let d = decode(b"caf\xe9", Some("ISO-8859-1"));
        assert_eq!(d.text, "café");
        let d = decode(b"\xef\xbb\xbfplain", Some("windows-1252"));
        assert_eq!(d.text, "plain");
        assert_eq!(d.encoding, "UTF-8");
        // An unknown label is ignored, not trusted.
        assert_eq!(decode(b"plain", Some("x-no-such")).text, "plain");
    }
}
