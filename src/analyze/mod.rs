//! Analyze: sentences, entities, quotations and their speakers.
