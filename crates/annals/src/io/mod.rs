//! Readers and writers. Readers turn bytes into a [`Document`]; writers turn a document and its
//! annotations into TimeML or JSON.

pub mod html;
pub mod json;
pub mod markdown;
pub mod timeml;

use crate::document::{Document, SourceFormat};
use crate::error::{Error, Result};
use std::path::Path;

/// How to read input.
#[derive(Clone, Debug, Default)]
pub struct ReadOptions {
    /// Replace invalid UTF-8 with U+FFFD (recording what was replaced) instead of failing.
    pub lossy: bool,
    /// Force a format instead of guessing it from the file extension.
    pub format: Option<SourceFormat>,
}

/// The format implied by a file's extension; plain text when unknown.
pub fn format_for_path(path: &Path) -> SourceFormat {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
        .as_deref()
    {
        Some("tml") | Some("timeml") => SourceFormat::TimeMl,
        Some("md") | Some("markdown") => SourceFormat::Markdown,
        Some("html") | Some("htm") | Some("xhtml") => SourceFormat::Html,
        _ => SourceFormat::Text,
    }
}

/// Read a file (or standard input when `path` is `-`).
pub fn read_path(path: &Path, opts: &ReadOptions) -> Result<Document> {
    let bytes = if path == Path::new("-") {
        let mut buf = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut buf).map_err(|source| {
            Error::Io {
                path: path.to_path_buf(),
                cause: source,
            }
        })?;
        buf
    } else {
        std::fs::read(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            cause: source,
        })?
    };
    let format = opts.format.unwrap_or_else(|| format_for_path(path));
    read_bytes(&bytes, path, format, opts)
}

/// Read a document from bytes in a known format.
pub fn read_bytes(
    bytes: &[u8],
    path: &Path,
    format: SourceFormat,
    opts: &ReadOptions,
) -> Result<Document> {
    let (text, replaced) = decode_utf8(bytes, path, opts.lossy)?;
    let mut doc = match format {
        SourceFormat::Text => Document::from_text(text),
        SourceFormat::TimeMl => timeml::read(&text, path)?,
        SourceFormat::Markdown => markdown::read(&text),
        SourceFormat::Html => html::read(&text),
    };
    doc.path = path.to_path_buf();
    doc.replaced = replaced;
    Ok(doc)
}

/// Decode UTF-8 strictly, or lossily with a record of every replaced byte run.
pub fn decode_utf8(
    bytes: &[u8],
    path: &Path,
    lossy: bool,
) -> Result<(String, Vec<(usize, usize)>)> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok((s.to_string(), Vec::new())),
        Err(e) if !lossy => Err(Error::InvalidUtf8 {
            path: path.to_path_buf(),
            offset: e.valid_up_to(),
        }),
        Err(_) => {
            let mut out = String::with_capacity(bytes.len());
            let mut replaced = Vec::new();
            let mut at = 0;
            for chunk in bytes.utf8_chunks() {
                out.push_str(chunk.valid());
                at += chunk.valid().len();
                if !chunk.invalid().is_empty() {
                    replaced.push((at, chunk.invalid().len()));
                    out.push('\u{FFFD}');
                    at += chunk.invalid().len();
                }
            }
            Ok((out, replaced))
        }
    }
}
