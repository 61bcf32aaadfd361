//! The document model: the text under analysis, kept exactly as read, and byte-span annotations.

use serde::Serialize;
use std::path::PathBuf;

/// A half-open byte range `[start, end)` into [`Document::text`].
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end);
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }
    pub fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

/// An inline markup element over a span, such as a TIMEX3 or EVENT read from TimeML or produced
/// by a tagger. Attribute order is kept so that written TimeML reads naturally.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Tag {
    pub span: Span,
    pub name: String,
    pub attrs: Vec<(String, String)>,
}

impl Tag {
    pub fn attr(&self, key: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// What the document was read from; writers use it to reproduce the container.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceFormat {
    Text,
    Markdown,
    Html,
    TimeMl,
}

/// A document ready for analysis.
///
/// `text` is what every stage reads and what every span points into. For plain text it is the input,
/// byte for byte; for TimeML it is the content of `<TEXT>` with markup removed and entities decoded;
/// for Markdown and HTML it is the visible text.
#[derive(Clone, Debug)]
pub struct Document {
    /// Where it came from (`-` for standard input); used in messages and output names.
    pub path: PathBuf,
    pub format: SourceFormat,
    pub text: String,
    /// The document creation time, `YYYY-MM-DD` (read from TimeML's DCT or given by the user).
    pub dct: Option<String>,
    /// Markup found in the input (TimeML's TIMEX3, EVENT, SIGNAL): kept as gold, never tagged over.
    pub gold: Vec<Tag>,
    /// For TimeML: what is needed to write the container back exactly (see `io::timeml`).
    pub timeml: Option<crate::io::timeml::Container>,
    /// Replacements made by a lossy read (byte offset in the input, number of bytes replaced).
    pub replaced: Vec<(usize, usize)>,
}

impl Document {
    /// A plain-text document from a string (no file behind it).
    pub fn from_text(text: impl Into<String>) -> Document {
        Document {
            path: PathBuf::from("-"),
            format: SourceFormat::Text,
            text: text.into(),
            dct: None,
            gold: Vec::new(),
            timeml: None,
            replaced: Vec::new(),
        }
    }

    pub fn slice(&self, span: Span) -> &str {
        &self.text[span.start..span.end]
    }

    /// The file name without folders, for output file names.
    pub fn file_name(&self) -> String {
        self.path
            .file_name()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "stdin".to_string())
    }
}
