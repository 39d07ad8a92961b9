//! Analysis off the UI thread: the reader is usable at once and analyses
//! arrive as they finish.

use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::thread;

use rayon::prelude::*;

use crate::analyze::{self, Analysis};
use crate::model::Article;

/// Finished analyses, as they come.
pub struct AnalysisFeed {
    receiver: Receiver<(usize, Analysis)>,
    done: bool,
}

impl AnalysisFeed {
    /// Starts analyzing `articles` on other threads, article `first` (the
    /// one on screen) before the rest.
    pub fn start(articles: Vec<Article>, first: usize) -> Self {
        let (sender, receiver) = mpsc::channel();
        let spawned = thread::Builder::new()
            .name("analysis".into())
            .spawn(move || {
                if let Some(article) = articles.get(first) {
                    if sender.send((first, analyze::analyze(article))).is_err() {
                        return;
                    }
                }
                articles
                    .par_iter()
                    .enumerate()
                    .filter(|(i, _)| *i != first)
                    .for_each_with(sender, |sender, (i, article)| {
                        // The reader has quit when the receiver is gone.
                        let _ = sender.send((i, analyze::analyze(article)));
                    });
            });
        if let Err(e) = &spawned {
            log::error!("could not start the analysis thread: {e}");
        }
        AnalysisFeed {
            receiver,
            done: spawned.is_err(),
        }
    }

    /// Whether more analyses may still come.
    pub fn pending(&self) -> bool {
        !self.done
    }

    /// Every analysis finished since the last call.
    pub fn drain(&mut self) -> Vec<(usize, Analysis)> {
        let mut batch = Vec::new();
        loop {
            match self.receiver.try_recv() {
                Ok(item) => batch.push(item),
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    self.done = true;
                    break;
                }
            }
        }
        batch
    }
}
