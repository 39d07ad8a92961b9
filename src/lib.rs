//! onrecord: a keyboard-driven terminal reader for news.
//!
//! Data flows one way through plain types:
//! [`load`] (files to bytes) → [`clean`] (bytes to [`model::Article`]) →
//! [`analyze`] (entities, quotations, speakers) → [`index`] (the corpus) →
//! [`ui`]. The [`store`] keeps bookmarks and annotations; [`cli`] and
//! [`commands`] are the scriptable edges.

pub mod analyze;
pub mod cache;
pub mod clean;
pub mod cli;
pub mod commands;
pub mod config;
pub mod files;
pub mod index;
pub mod load;
pub mod logging;
pub mod model;
pub mod store;
pub mod ui;
pub mod wordlists;
