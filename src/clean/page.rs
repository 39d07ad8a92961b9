//! Page: an HTML page (or a feed item's HTML) to the article's text and
//! metadata.
//!
//! The article is found by Readability (Mozilla's algorithm, as ported by
//! `dom_smoothie`); its HTML is then walked into blocks written the way the
//! text cleaner reads them (`# heading`, `- item`, `> quotation`, one
//! paragraph per line), so pages and text files share every later step:
//! boilerplate, repairs, title and subtitle.

use dom_query::{Document, NodeRef};
use dom_smoothie::{Config, Readability};

use super::lines::collapse_whitespace as collapse;
use super::sanitize;

/// What a page gave.
#[derive(Debug, Default)]
pub(crate) struct Page {
    pub title: Option<String>,
    pub byline: Option<String>,
    pub outlet: Option<String>,
    /// ISO `YYYY-MM-DD`.
    pub date: Option<String>,
    pub url: Option<String>,
    pub language: Option<String>,
    /// The body as lines for the text cleaner, blocks apart by a blank
    /// line.
    pub text: String,
    /// Figure captions, set aside.
    pub captions: Vec<String>,
    /// Readability found no article; `text` is empty.
    pub no_article: bool,
}

/// Pages with more elements than this are not scored (a pathological or
/// hostile page); the whole body is walked instead.
const MAX_ELEMENTS: usize = 60_000;

/// Extracts the article of a whole page. `url` is where the page came
/// from, if known (it resolves relative links and names the outlet when
/// the page does not).
pub(crate) fn extract_page(html: &str, url: Option<&str>) -> Page {
    let doc = Document::from(html);
    let mut page = Page {
        url: canonical_url(&doc).or_else(|| url.map(str::to_string)),
        language: doc
            .select("html")
            .attr("lang")
            .map(|l| l.to_string())
            .filter(|l| !l.is_empty()),
        date: first_time_datetime(&doc),
        ..Page::default()
    };
    let cfg = Config {
        max_elements_to_parse: MAX_ELEMENTS,
        // The walk below sets aside newsletter and share boxes by class.
        keep_classes: true,
        ..Config::default()
    };
    let absolute = url.filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    let page_title = doc
        .select("title")
        .nodes()
        .first()
        .map(|t| t.text().to_string());
    let fallback_byline = byline_of(&doc);
    // Boxes Readability would fold into a paragraph (and lose the class
    // that marks them) go before it scores the page.
    for node in doc.select("[class], [id]").nodes() {
        if is_clutter(node, FOR_READABILITY) {
            node.remove_from_parent();
        }
    }
    let parsed = Readability::with_document(doc, absolute, Some(cfg)).and_then(|mut r| r.parse());
    match parsed {
        Ok(article) => {
            page.title = Some(article.title.clone()).filter(|t| !t.trim().is_empty());
            page.byline = article.byline.clone().or(fallback_byline);
            page.outlet = article.site_name.clone();
            if let Some(date) = article.published_time.as_deref().and_then(iso_date) {
                page.date = Some(date);
            }
            page.language = article.lang.clone().or(page.language);
            if page.url.is_none() {
                page.url = article.url.clone();
            }
            let content = Document::fragment(article.content.to_string());
            let mut walker = Walker::default();
            walker.walk(&content.root(), Context::Paragraph);
            walker.flush(Context::Paragraph);
            page.text = walker.text;
            page.captions = walker.captions;
        }
        Err(e) => {
            log::info!("no article found by readability: {e}");
            page.title = page_title;
        }
    }
    // A section front or gallery gives Readability a list of teasers: an
    // article has at least one real paragraph.
    page.no_article = !page
        .text
        .split("\n\n")
        .any(|b| b.len() >= MIN_PARAGRAPH_BYTES && !b.starts_with(['#', '-', '>']));
    if page.no_article {
        page.text.clear();
    }
    tidy(&mut page);
    page
}

/// The shortest paragraph that makes a page an article.
const MIN_PARAGRAPH_BYTES: usize = 80;

/// A byline Readability did not report: `<meta name="author">`, else an
/// element whose class says byline or author.
fn byline_of(doc: &Document) -> Option<String> {
    let meta = doc.select(r#"meta[name="author"]"#).attr("content");
    let text = meta.map(|m| m.to_string()).or_else(|| {
        doc.select(r#"[class*="byline"], [rel="author"], [class*="author"]"#)
            .nodes()
            .first()
            .map(|n| n.text().to_string())
    })?;
    let text = collapse(&text);
    let names = text.split(['|', '·', '—']).next().unwrap_or(&text).trim();
    (!names.is_empty() && names.len() <= 120).then(|| names.to_string())
}

/// Walks HTML that is the article already (a feed item's content).
pub(crate) fn extract_fragment(html: &str) -> Page {
    let doc = Document::fragment(html.to_string());
    let mut walker = Walker::default();
    walker.walk(&doc.root(), Context::Paragraph);
    walker.flush(Context::Paragraph);
    let mut page = Page {
        no_article: !walker.text.chars().any(char::is_alphanumeric),
        text: walker.text,
        captions: walker.captions,
        ..Page::default()
    };
    tidy(&mut page);
    page
}

/// Metadata strings become one safe line each.
fn tidy(page: &mut Page) {
    for field in [
        &mut page.title,
        &mut page.byline,
        &mut page.outlet,
        &mut page.url,
        &mut page.language,
    ] {
        *field = field
            .take()
            .map(|s| sanitize::for_display(s.trim()))
            .filter(|s| !s.is_empty());
    }
    if let Some(byline) = &page.byline {
        // "By Jane Doe" → "Jane Doe".
        let trimmed = byline
            .strip_prefix("By ")
            .or_else(|| byline.strip_prefix("by "))
            .unwrap_or(byline);
        page.byline = Some(trimmed.to_string());
    }
}

/// `<link rel="canonical">`, else `og:url`.
fn canonical_url(doc: &Document) -> Option<String> {
    doc.select(r#"link[rel="canonical"]"#)
        .attr("href")
        .or_else(|| doc.select(r#"meta[property="og:url"]"#).attr("content"))
        .map(|u| u.trim().to_string())
        .filter(|u| u.starts_with("http://") || u.starts_with("https://"))
}

/// The first `<time datetime>`, the date a page without metadata shows.
fn first_time_datetime(doc: &Document) -> Option<String> {
    doc.select("time[datetime]")
        .nodes()
        .iter()
        .find_map(|t| t.attr("datetime").and_then(|d| iso_date(&d)))
}

/// `2024-12-10`, `2024-12-10T08:30:00Z` … to `2024-12-10`.
pub(crate) fn iso_date(s: &str) -> Option<String> {
    let s = s.trim();
    let date = s.get(..10)?;
    chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .ok()
        .map(|d| d.format("%Y-%m-%d").to_string())
}

/// The kind of block the text inside an element makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Context {
    Paragraph,
    ListItem,
    Quotation,
}

impl Context {
    fn marker(self) -> &'static str {
        match self {
            Context::Paragraph => "",
            Context::ListItem => "- ",
            Context::Quotation => "> ",
        }
    }
}

/// Elements that hold no text to read.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "svg", "button", "form", "nav", "iframe", "select", "template",
    "input", "textarea", "img", "picture", "video", "audio",
];
/// Kept for Readability, which reads the byline and dateline itself.
const FOR_READABILITY: &[&str] = &["byline", "dateline"];

/// Whether a class or id names clutter (`assets/page_clutter.txt`: whole
/// words, so a `commentary` body stays); `keep` lists words not to count.
fn is_clutter(node: &NodeRef, keep: &[&str]) -> bool {
    let class = node.class().unwrap_or_default().to_ascii_lowercase();
    let id = node.id_attr().unwrap_or_default().to_ascii_lowercase();
    class
        .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
        .chain(id.split(['-', '_']))
        .any(|w| super::words::is_clutter_word(w) && !keep.contains(&w))
}

#[derive(Default)]
struct Walker {
    text: String,
    captions: Vec<String>,
    /// Inline text gathered for the current block.
    inline: String,
}

impl Walker {
    fn walk(&mut self, node: &NodeRef, ctx: Context) {
        for child in node.children_it(false) {
            if child.is_text() {
                self.inline.push_str(&child.text());
                continue;
            }
            if !child.is_element() {
                continue;
            }
            let name = child
                .node_name()
                .map(|n| n.to_ascii_lowercase())
                .unwrap_or_default();
            let name = name.as_str();
            if SKIPPED.contains(&name) || is_clutter(&child, &[]) {
                continue;
            }
            if !super::words::is_block_tag(name) {
                self.walk(&child, ctx);
                continue;
            }
            self.flush(ctx);
            match name {
                "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                    self.push_block("# ", &child.text());
                }
                "figcaption" => {
                    let caption = collapse(&child.text());
                    if !caption.is_empty() {
                        self.captions.push(caption);
                    }
                }
                "li" => {
                    self.walk(&child, Context::ListItem);
                    self.flush(Context::ListItem);
                }
                "blockquote" => {
                    self.walk(&child, Context::Quotation);
                    self.flush(Context::Quotation);
                }
                _ => {
                    self.walk(&child, ctx);
                    self.flush(ctx);
                }
            }
        }
    }

    /// Ends the inline run as a block of `ctx`'s kind.
    fn flush(&mut self, ctx: Context) {
        let inline = std::mem::take(&mut self.inline);
        self.push_block(ctx.marker(), &inline);
    }

    fn push_block(&mut self, marker: &str, text: &str) {
        let text = collapse(text);
        if text.is_empty() {
            return;
        }
        if !self.text.is_empty() {
            self.text.push_str("\n\n");
        }
        self.text.push_str(marker);
        self.text.push_str(&text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragment_blocks() {
        let page = extract_fragment(
            "<h2>Sub</h2><p>One <b>two</b>\n three.</p><ul><li>a</li><li><p>b</p></li></ul>\
             <blockquote><p>Quoted.</p></blockquote><figure><img src=x>\
             <figcaption>A photo. Credit</figcaption></figure>tail text<script>x()</script>",
        );
        assert_eq!(
            page.text,
            "# Sub\n\nOne two three.\n\n- a\n\n- b\n\n> Quoted.\n\ntail text"
        );
        assert_eq!(page.captions, vec!["A photo. Credit"]);
        assert!(!page.no_article);
    }

    #[test]
    fn clutter_boxes_are_left_out() {
        let page = extract_fragment(
            "<p>Body.</p><div class=\"newsletter-box\"><p>Sign up now</p></div>\
             <div id=\"share-tools\">Share</div><p>More.</p>",
        );
        assert_eq!(page.text, "Body.\n\nMore.");
    }

    #[test]
    fn iso_dates() {
        assert_eq!(
            iso_date("2024-12-10T08:30:00Z").as_deref(),
            Some("2024-12-10")
        );
        assert_eq!(iso_date("2024-13-10"), None);
        assert_eq!(iso_date("soon"), None);
    }
}
