//! annals: reconstruct a dated, sourced timeline from historical narrative.
//!
//! Data flows one way through the stages, each in its own module:
//!
//! ```text
//! bytes ─> io (Document) ─> text (sentences, tokens) ─> time (recognise ─> normalise ─> anchor)
//!       ─> writers (io::timeml, io::json) and eval (TempEval-3 scoring)
//! ```
//!
//! Every annotation is a byte span into [`Document::text`], which is never rewritten.

pub mod document;
pub mod entity;
pub mod error;
pub mod eval;
pub mod event;
pub mod io;
pub mod model;
pub mod pipeline;
pub mod tagging;
pub mod text;
pub mod time;
pub mod timeline;

pub use document::{Document, Span, Tag};
pub use error::{Error, Result};
pub use pipeline::{Mode, Pipeline, TagOptions};
