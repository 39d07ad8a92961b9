//! Corrections by the reader: why a quotation has its speaker, giving it
//! to another, taking it out of the record, merging and splitting
//! speakers, and undoing. Each queues an edit for the store, anchored to
//! the quoted words like a note; the corpus applies it at once
//! ([`App::submit`]) and keeps it once the store has it.

use crate::store::{Correction, Edit, Fix, Selector};
use crate::ui::mode::{Choice, Mode, Pick};
use crate::ui::panel::PanelItem;
use crate::ui::state::{App, Pane};
use crate::ui::whoquotes::Tab;
use crate::ui::why::describe;

use super::find::{open_pick, speaker_choices};

/// The quotation the keys act on: the one explained, the one selected,
/// the one chosen in the panel, else the marked one or the first on
/// screen in the reader.
pub fn quote_at_hand(app: &App) -> Option<(usize, usize)> {
    match &app.mode {
        Mode::Why { article, quote, .. } => return Some((*article, *quote)),
        Mode::WhoQuotes(view) => return view.selected_quote(),
        Mode::Select(selection) => {
            let range = app.selection_range(selection)?;
            let quotes = &app.corpus.analysis(selection.article)?.quotes;
            return quotes
                .iter()
                .position(|q| {
                    let span = q.span.range();
                    span.start < range.end && range.start < span.end
                })
                .map(|q| (selection.article, q));
        }
        _ => {}
    }
    match app.focus {
        Pane::Panel => match app.panel.selected_item()? {
            PanelItem::Quote { article, quote, .. } => Some((article, quote)),
            PanelItem::Speaker { .. } => None,
        },
        Pane::Reader => app.quote_in_view(),
        Pane::List => None,
    }
}

/// The quotation at hand, or a word in the status line saying how to get
/// one.
pub(super) fn quote_or_say(app: &mut App) -> Option<(usize, usize)> {
    let found = quote_at_hand(app);
    if found.is_none() {
        app.notify(match (&app.mode, app.focus) {
            (Mode::WhoQuotes(view), _) if view.tab == Tab::Statements => {
                "no statement here: no two columns carry the same words"
            }
            (Mode::WhoQuotes(_), _) => "select a quotation: Enter lists the cell's",
            (_, Pane::Panel) => "select a quotation (Enter on a speaker lists them)",
            (_, Pane::List) => "open the article first: no quotation is at hand in the list",
            _ => "no quotation here: ] marks the next one",
        });
    }
    found
}

/// `w`: opens the explanation of the quotation at hand.
pub fn explain(app: &mut App) {
    if let Some((article, quote)) = quote_or_say(app) {
        let back = Box::new(std::mem::take(&mut app.mode));
        app.mode = Mode::Why {
            article,
            quote,
            back,
        };
    }
}

/// `c`: the picker, to give the quotation at hand to another speaker.
pub fn change_speaker(app: &mut App) {
    let Some((article, quote)) = quote_or_say(app) else {
        return;
    };
    let current = app
        .corpus
        .quote_speaker_name(article, quote)
        .map(str::to_string);
    let choices = speaker_choices(app, current.as_deref(), "its speaker now");
    open_pick(app, Pick::Reassign { article, quote }, choices);
}

/// `x`: marks the quotation at hand as not a quotation.
pub fn not_a_quotation(app: &mut App) {
    let Some((article, quote)) = quote_or_say(app) else {
        return;
    };
    if app.corpus.is_rejected(article, quote) {
        app.notify("already marked not a quotation (r reverts)");
        return;
    }
    if let Some((article_key, selector)) = anchor(app, article, quote) {
        let fix = Fix::NotAQuotation {
            article: article_key,
            quote: selector,
        };
        correct(app, fix);
    }
}

/// `M` in the panel: the picker, to merge the selected speaker into
/// another.
pub fn merge_speaker(app: &mut App) {
    let Some(name) = panel_speaker_or_say(app) else {
        return;
    };
    let choices = speaker_choices(app, Some(&name), "the one to merge");
    open_pick(app, Pick::Merge { speaker: name }, choices);
}

/// `P` in the panel: the picker over the selected speaker's other names,
/// to split one off.
pub fn split_alias(app: &mut App) {
    let Some(name) = panel_speaker_or_say(app) else {
        return;
    };
    let aliases = app
        .corpus
        .speaker_named(&name)
        .map(|s| s.aliases.clone())
        .unwrap_or_default();
    if aliases.is_empty() {
        app.notify(format!("{name} goes by no other name here"));
        return;
    }
    let choices = aliases
        .into_iter()
        .map(|alias| Choice {
            name: alias,
            detail: format!("not {name}"),
            also: Vec::new(),
        })
        .collect();
    open_pick(app, Pick::Split { speaker: name }, choices);
}

/// `r`: takes back the newest correction of the quotation at hand, or in
/// the panel of the speaker selected; with none there, the newest made
/// in this run.
pub fn undo(app: &mut App) {
    let speaker = match (&app.mode, app.focus, app.panel.selected_item()) {
        (Mode::Normal, Pane::Panel, Some(PanelItem::Speaker { speaker, .. })) => {
            app.corpus.speakers.get(speaker).map(|s| s.name.clone())
        }
        _ => None,
    };
    let newest = match &speaker {
        Some(name) => app.corpus.corrections_naming(name).last().copied(),
        None => match quote_at_hand(app) {
            Some((article, quote)) => app.corpus.corrections_of(article, quote).last().copied(),
            None => None,
        },
    };
    // Nothing at hand: the newest correction of this run still in force.
    let newest = newest.or_else(|| {
        let made = &app.corrections_made;
        app.corpus
            .corrections()
            .iter()
            .filter(|c| made.contains(&c.id))
            .max_by_key(|c| made.iter().position(|id| id == &c.id))
    });
    let Some(newest) = newest.cloned() else {
        app.notify("no correction of yours here to revert");
        return;
    };
    app.submit(Edit::Uncorrect { id: newest.id });
    app.notify(format!("reverted: {}", describe(&newest.fix)));
}

/// The picker's choice, for what it was opened for.
pub fn picked(app: &mut App, pick: Pick, name: String) {
    match pick {
        Pick::Follow => app.set_speaker_filter(Some(name)),
        Pick::Reassign { article, quote } => {
            if app.corpus.quote_speaker_name(article, quote) == Some(name.as_str()) {
                app.notify(format!("already {name}'s"));
                return;
            }
            if let Some((article_key, selector)) = anchor(app, article, quote) {
                let fix = Fix::Reassign {
                    article: article_key,
                    quote: selector,
                    speaker: name,
                };
                correct(app, fix);
            }
        }
        Pick::Merge { speaker } if speaker == name => {
            app.notify(format!("{name} is the speaker to merge: pick another"));
        }
        Pick::Merge { speaker } => {
            let followed = app.speaker_filter.as_deref() == Some(speaker.as_str());
            correct(
                app,
                Fix::MergeSpeaker {
                    speaker,
                    into: name.clone(),
                },
            );
            // Whoever was followed is followed under their one name.
            if followed {
                app.set_speaker_filter(Some(name));
            }
        }
        Pick::Split { speaker } => correct(
            app,
            Fix::SplitAlias {
                speaker,
                alias: name,
            },
        ),
    }
}

/// Queues `fix` for the store and says what it did.
fn correct(app: &mut App, fix: Fix) {
    let said = format!("{} (r reverts)", describe(&fix));
    let correction = Correction::new(fix);
    app.corrections_made.push(correction.id.clone());
    app.submit(Edit::Correct(correction));
    app.notify(said);
}

/// The store key of a quotation's article and the anchor of its words.
fn anchor(app: &App, article: usize, quote: usize) -> Option<(crate::store::ArticleKey, Selector)> {
    let text = &app.corpus.articles.get(article)?.text;
    let span = app.corpus.analysis(article)?.quotes.get(quote)?.span;
    let selector = Selector::from_range(text, span.range())?;
    Some((app.articles.get(article)?.key.clone(), selector))
}

/// The name of the speaker selected in the panel (or of the quotation
/// selected there).
pub(super) fn panel_speaker(app: &App) -> Option<String> {
    let (PanelItem::Speaker { speaker, .. } | PanelItem::Quote { speaker, .. }) =
        app.panel.selected_item()?;
    app.corpus.speakers.get(speaker).map(|s| s.name.clone())
}

/// The panel's speaker, or a word in the status line saying to select one.
fn panel_speaker_or_say(app: &mut App) -> Option<String> {
    let found = panel_speaker(app);
    if found.is_none() {
        app.notify("select a speaker in the quotes panel");
    }
    found
}
