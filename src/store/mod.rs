//! Store: bookmarks, annotations and reading positions, kept in SQLite.
