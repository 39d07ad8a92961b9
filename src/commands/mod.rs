//! The subcommands' bodies, called by the binary.

pub mod analyze;
pub mod notes;
