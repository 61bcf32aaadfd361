//! The library's one error type. Messages name the file and the place so a user can act on them.

use std::path::PathBuf;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    // The I/O error is part of the message and deliberately not a `source`, so that error chains
    // (anyhow's `{:#}`) do not print it twice.
    #[error("reading {path}: {cause}")]
    Io {
        path: PathBuf,
        cause: std::io::Error,
    },
    #[error(
        "{path}: invalid UTF-8 at byte {offset} (use --lossy to replace invalid bytes with U+FFFD)"
    )]
    InvalidUtf8 { path: PathBuf, offset: usize },
    #[error("{path}: not valid TimeML: {message}")]
    TimeMl { path: PathBuf, message: String },
    #[error("{path}: {message}")]
    Format { path: PathBuf, message: String },
    #[error("evaluation: {0}")]
    Eval(String),
    #[error("invalid date {input:?}: {message}")]
    Date { input: String, message: String },
}
