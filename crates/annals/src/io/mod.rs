//! Readers and writers. Readers turn bytes into a [`Document`]; writers turn a document and its
//! annotations into TimeML or JSON.

pub mod html;
pub mod json;
pub mod markdown;
pub mod timeml;
pub mod walk;

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
    read_path_limited(path, opts, u64::MAX)
}

/// Read a file (or standard input when `path` is `-`), refusing one longer than `max_bytes`.
///
/// A regular file is refused from its length before anything is read; standard input and other
/// streams are read up to one byte past the limit, so memory stays bounded either way.
pub fn read_path_limited(path: &Path, opts: &ReadOptions, max_bytes: u64) -> Result<Document> {
    let io_error = |cause| Error::Io {
        path: path.to_path_buf(),
        cause,
    };
    let too_large = |len: Option<u64>| Error::Format {
        path: path.to_path_buf(),
        message: format!(
            "{} larger than the limit of {max_bytes} bytes (raise it with --max-bytes)",
            match len {
                Some(n) => format!("{n} bytes,"),
                None => "input".to_string(),
            }
        ),
    };
    let mut buf = Vec::new();
    if path == Path::new("-") {
        let stdin = std::io::stdin();
        read_at_most(stdin.lock(), max_bytes, &mut buf).map_err(io_error)?;
    } else {
        let file = std::fs::File::open(path).map_err(io_error)?;
        let meta = file.metadata().map_err(io_error)?;
        if meta.is_dir() {
            return Err(io_error(std::io::Error::other("is a directory")));
        }
        if meta.is_file() {
            if meta.len() > max_bytes {
                return Err(too_large(Some(meta.len())));
            }
            buf.reserve_exact(meta.len() as usize);
        }
        read_at_most(file, max_bytes, &mut buf).map_err(io_error)?;
    }
    if buf.len() as u64 > max_bytes {
        return Err(too_large(None));
    }
    // Valid UTF-8 (the usual case) becomes the text without a second copy.
    let (text, replaced) = match String::from_utf8(buf) {
        Ok(text) => (text, Vec::new()),
        Err(e) => decode_utf8(e.as_bytes(), path, opts.lossy)?,
    };
    let format = opts.format.unwrap_or_else(|| format_for_path(path));
    read_text(text, replaced, path, format)
}

/// Read up to `max_bytes + 1` bytes: one past the limit tells the caller the input is too long.
fn read_at_most(r: impl std::io::Read, max_bytes: u64, buf: &mut Vec<u8>) -> std::io::Result<()> {
    std::io::Read::read_to_end(&mut r.take(max_bytes.saturating_add(1)), buf).map(|_| ())
}

/// Read a document from bytes in a known format.
pub fn read_bytes(
    bytes: &[u8],
    path: &Path,
    format: SourceFormat,
    opts: &ReadOptions,
) -> Result<Document> {
    let (text, replaced) = decode_utf8(bytes, path, opts.lossy)?;
    read_text(text, replaced, path, format)
}

fn read_text(
    text: String,
    replaced: Vec<(usize, usize)>,
    path: &Path,
    format: SourceFormat,
) -> Result<Document> {
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
