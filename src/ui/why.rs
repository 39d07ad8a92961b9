//! Why a quotation has its speaker, in words: the rule that found where
//! the text names the speaker, its cue, the mention and what a pronoun or
//! description stands for, and the reader's corrections. Built from the
//! analysis' attribution, never by reading the text again.

use crate::analyze::{LinkRule, QuoteRule, Span};
use crate::clean::sanitize::for_display;
use crate::index::Corpus;
use crate::store::Fix;

/// Longest excerpt of the quotation shown, in characters.
const EXCERPT_CHARS: usize = 80;

/// The explanation of one quotation's speaker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    /// The quotation's first words.
    pub quotation: String,
    /// "speaker: Jane Roe", or "no speaker: …".
    pub speaker: String,
    /// The speaker's role, as the articles give it.
    pub role: Option<String>,
    /// What the reader changed, newest last ("given to Jane Roe").
    pub corrections: Vec<String>,
    /// Who the machine named, when a correction changed it.
    pub machine: Option<String>,
    /// How the machine found the speaker, in plain words.
    pub reasons: Vec<String>,
    /// The rules by name, as `analyze` writes them.
    pub rules: Option<String>,
}

/// Explains quotation `quote` of article `article`; `None` when there is
/// no such quotation.
pub fn explain(corpus: &Corpus, article: usize, quote: usize) -> Option<Explanation> {
    let analysis = corpus.analysis(article)?;
    let q = analysis.quotes.get(quote)?;
    let text = corpus.articles.get(article)?.text.as_str();
    let words = |span: Span| format!("‘{}’", for_display(span.text(text)));
    let speaker = corpus.quote_speaker(article, quote);
    let words_of = |name: &str| format!("‘{}’", for_display(name));
    let rejected = corpus.is_rejected(article, quote);
    let corrections: Vec<String> = corpus
        .corrections_of(article, quote)
        .iter()
        .map(|c| describe(&c.fix))
        .collect();
    let machine_speaker = corpus.machine_quote_speaker(article, quote);
    let machine = (!corrections.is_empty())
        .then(|| machine_speaker.map_or("no speaker".to_string(), |s| for_display(&s.name)));

    let mut reasons = Vec::new();
    let trace = q.attribution;
    if let Some(trace) = trace {
        let cue = trace
            .cue
            .map(|c| c.text(text))
            .or(q.cue)
            .map(|c| match c {
                ":" => "the colon".to_string(),
                c => format!("‘{}’", for_display(c)),
            })
            .unwrap_or_else(|| "a speech verb".into());
        reasons.push(rule_words(trace.rule, &cue));
        let mention = q.speaker_mention.map(words);
        let distance = |from: Span, to: Span| {
            let sentence = |at: u32| analysis.sentences.partition_point(|s| s.end <= at);
            sentences_back(sentence(to.start).saturating_sub(sentence(from.start)))
        };
        let evidence = match (trace.link, mention, trace.antecedent) {
            (LinkRule::Pronoun | LinkRule::Description, Some(mention), Some(antecedent)) => {
                let back = q
                    .speaker_mention
                    .map(|m| distance(antecedent, m))
                    .unwrap_or_default();
                Some(format!("{mention} → {}, {back}", words(antecedent)))
            }
            (LinkRule::Described, Some(mention), _) => {
                Some(format!("{mention} speaks as itself: no name is given"))
            }
            (LinkRule::Unresolved, Some(mention), _) => {
                Some(format!("{mention} stands for no one named before it"))
            }
            (_, Some(mention), Some(antecedent)) if trace.rule == QuoteRule::Continuation => {
                Some(format!("named as {mention}, {}", words(antecedent)))
            }
            // A name as the speaker is called needs no more words.
            (_, Some(mention), _) if speaker.is_some_and(|s| mention == words_of(&s.name)) => None,
            (_, Some(mention), _) => Some(format!("named as {mention}")),
            (_, None, _) => None,
        };
        reasons.extend(evidence);
    }

    let speaker_line = match (speaker, rejected) {
        (_, true) => "not a quotation".to_string(),
        (Some(s), false) => format!("speaker: {}", for_display(&s.name)),
        (None, false) => match trace {
            Some(t) if t.link == LinkRule::Unresolved => {
                "no speaker: the pronoun could not be resolved".into()
            }
            Some(_) => "no speaker".into(),
            None => "no speaker: no cue found".into(),
        },
    };
    Some(Explanation {
        quotation: excerpt(q.span.text(text)),
        speaker: speaker_line,
        role: speaker
            .filter(|_| !rejected)
            .and_then(|s| s.roles.first())
            .map(|r| for_display(r)),
        corrections,
        machine,
        reasons,
        rules: trace.map(|t| format!("rules: {}, {}", t.rule.as_str(), t.link.as_str())),
    })
}

/// A correction in words, as the popup and the status line say it.
pub fn describe(fix: &Fix) -> String {
    match fix {
        Fix::Reassign { speaker, .. } => format!("given to {}", for_display(speaker)),
        Fix::NotAQuotation { .. } => "marked not a quotation".into(),
        Fix::MergeSpeaker { speaker, into } => {
            format!("{} merged into {}", for_display(speaker), for_display(into))
        }
        Fix::SplitAlias { speaker, alias } => {
            format!(
                "“{}” split off {}",
                for_display(alias),
                for_display(speaker)
            )
        }
    }
}

/// What a quote → mention rule did, with its cue ("‘said’", "the colon").
fn rule_words(rule: QuoteRule, cue: &str) -> String {
    match rule {
        QuoteRule::TrailingCue => format!("from {cue} after the quotation"),
        QuoteRule::TrailingSubject => "from the name right after the quotation".into(),
        QuoteRule::LeadingCue => format!("from {cue} before the quotation"),
        QuoteRule::SentenceCue => format!("from {cue} earlier in the sentence"),
        QuoteRule::ColonSubject => "from the name before the colon that opens it".into(),
        QuoteRule::PreviousSentence => format!("from {cue} in the sentence before"),
        QuoteRule::BeatSubject => "from the person the sentence before is about".into(),
        QuoteRule::SentenceSubject => "from the subject of the sentence it is part of".into(),
        QuoteRule::Interrupted => format!("from {cue} between its two parts"),
        QuoteRule::Continuation => "it goes on from the quotation before".into(),
        QuoteRule::NextCue => format!("from {cue} after the quotation that follows it"),
    }
}

/// "in the same sentence", "one sentence back", "12 sentences back".
fn sentences_back(n: usize) -> String {
    const WORDS: [&str; 10] = [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    match n {
        0 => "in the same sentence".into(),
        1 => "one sentence back".into(),
        n => match WORDS.get(n - 1) {
            Some(word) => format!("{word} sentences back"),
            None => format!("{n} sentences back"),
        },
    }
}

fn excerpt(quotation: &str) -> String {
    let flat = for_display(quotation);
    let mut out: String = flat.chars().take(EXCERPT_CHARS).collect();
    if out.len() < flat.len() {
        out = format!("{}…", out.trim_end());
    }
    format!("“{out}”")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances_are_words_up_to_ten() {
        assert_eq!(sentences_back(0), "in the same sentence");
        assert_eq!(sentences_back(2), "two sentences back");
        assert_eq!(sentences_back(11), "11 sentences back");
    }

    #[test]
    fn colon_cues_and_verbs_read_as_words() {
        assert_eq!(
            rule_words(QuoteRule::TrailingCue, "‘said’"),
            "from ‘said’ after the quotation"
        );
        assert_eq!(
            rule_words(QuoteRule::LeadingCue, "the colon"),
            "from the colon before the quotation"
        );
    }
}
