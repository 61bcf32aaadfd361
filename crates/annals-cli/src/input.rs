//! Input handling shared by `annals tag`, `annals timeline` and `annals entities`: folders walked
//! into the files they hold, a size limit per document, reading and analysing one file, and
//! failures reported file by file so that one bad file in an archive does not stop the rest
//! (and a closed output pipe is not a failure at all).

use annals::io::{self, ReadOptions};
use annals::pipeline::{Analysis, Pipeline, TagOptions};
use annals::Document;
use anyhow::Context;
use std::path::{Path, PathBuf};

/// The extensions a folder walk picks up (a file named on the command line is read whatever
/// its extension: as plain text when the extension is not one of these).
pub const EXTENSIONS: &[&str] = &["txt", "md", "html", "htm", "tml"];

/// Help text for the input arguments, shared by the three commands.
pub const FILES_HELP: &str = "Input files or folders; `-` for standard input. A folder is walked \
    (subfolders too, in sorted order) for .txt, .md, .html, .htm and .tml files; links to \
    folders are not followed.";

pub const MAX_BYTES_HELP: &str = "Refuse a document larger than this many bytes (suffixes K, M, \
    G: 1024-based). Documents are read one at a time, so memory stays bounded whatever the \
    number of files; this bounds the size of each one. Default 256M.";

/// Parse `--max-bytes`: a byte count with an optional K, M or G suffix (powers of 1024).
pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let (digits, unit) = match t.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        Some((i, _)) => t.split_at(i),
        None => (t, ""),
    };
    let n: u64 = digits
        .parse()
        .map_err(|_| format!("{s:?} is not a size (a number of bytes, or with K, M, G)"))?;
    let mult: u64 = match unit.trim().to_ascii_uppercase().as_str() {
        "" | "B" => 1,
        "K" | "KB" | "KIB" => 1 << 10,
        "M" | "MB" | "MIB" => 1 << 20,
        "G" | "GB" | "GIB" => 1 << 30,
        other => return Err(format!("unknown size suffix {other:?} (use K, M or G)")),
    };
    n.checked_mul(mult)
        .ok_or_else(|| format!("{s:?} is too large"))
}

/// One input to read, or the reason a named input yielded nothing (a folder that could not be
/// listed or holds no readable files).
pub type Input = Result<PathBuf, String>;

/// The command-line inputs with every folder replaced by the files it holds, in sorted order.
pub fn expand(args: &[PathBuf]) -> Vec<Input> {
    let mut out = Vec::new();
    for arg in args {
        if arg != Path::new("-") && arg.is_dir() {
            let before = out.len();
            walk(arg, &mut out);
            if out.len() == before {
                out.push(Err(format!(
                    "{}: no .txt, .md, .html, .htm or .tml files in this folder",
                    arg.display()
                )));
            }
        } else {
            out.push(Ok(arg.clone()));
        }
    }
    out
}

fn has_known_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.iter().any(|k| e.eq_ignore_ascii_case(k)))
}

/// Depth-first, entries of each folder in name order, with an explicit stack (no recursion on
/// deep trees).
fn walk(root: &Path, out: &mut Vec<Input>) {
    // (path, is a folder); popped last first, so each folder's entries are pushed in reverse.
    let mut stack = vec![(root.to_path_buf(), true)];
    while let Some((path, is_dir)) = stack.pop() {
        if !is_dir {
            out.push(Ok(path));
            continue;
        }
        let entries = match std::fs::read_dir(&path) {
            Ok(rd) => rd,
            Err(e) => {
                out.push(Err(format!("reading folder {}: {e}", path.display())));
                continue;
            }
        };
        let mut items: Vec<(PathBuf, bool)> = Vec::new();
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    out.push(Err(format!("reading folder {}: {e}", path.display())));
                    continue;
                }
            };
            let p = entry.path();
            // `file_type` does not follow links: a link to a folder is not walked (no cycles),
            // a link to a file is read, a dangling link is reported when it is read.
            let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
            if is_dir {
                items.push((p, true));
            } else if has_known_extension(&p) && !std::fs::metadata(&p).is_ok_and(|m| m.is_dir()) {
                items.push((p, false));
            }
        }
        items.sort();
        stack.extend(items.into_iter().rev());
    }
}

/// Read one document with the size limit; the error names the file.
pub fn read(path: &Path, lossy: bool, max_bytes: u64) -> anyhow::Result<Document> {
    let opts = ReadOptions {
        lossy,
        format: None,
    };
    // The library's message already names the file and includes the OS error; `{e}` rather
    // than `?` keeps anyhow from printing that OS error a second time as the cause.
    io::read_path_limited(path, &opts, max_bytes).map_err(|e| anyhow::anyhow!("{e}"))
}

/// Read one document (see [`read`]) and analyse it. The warnings of a lossy read go to `warn`
/// as soon as the file is read, before the analysis, which may still fail.
pub fn read_and_analyse(
    pipeline: &Pipeline,
    path: &Path,
    lossy: bool,
    max_bytes: u64,
    opts: &TagOptions,
    mut warn: impl FnMut(String),
) -> anyhow::Result<(Document, Analysis)> {
    let doc = read(path, lossy, max_bytes)?;
    for w in replacement_warnings(path, &doc) {
        warn(w);
    }
    let analysis = pipeline
        .analyse(&doc, opts)
        .with_context(|| format!("analysing {}", path.display()))?;
    Ok((doc, analysis))
}

/// Print a warning as every command does.
pub fn print_warning(w: String) {
    eprintln!("annals: {w}");
}

/// Whether an error is a closed output pipe (`annals … | head`), which is not a failure: the
/// `io::Error` itself or the library's `Error::Io` anywhere in the chain.
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || matches!(
                cause.downcast_ref::<annals::Error>(),
                Some(annals::Error::Io { cause, .. }) if cause.kind() == std::io::ErrorKind::BrokenPipe
            )
    })
}

/// The warnings of a lossy read: one line per replaced byte run.
pub fn replacement_warnings(path: &Path, doc: &Document) -> Vec<String> {
    doc.replaced
        .iter()
        .map(|(at, n)| {
            format!(
                "{}: replaced {n} invalid byte(s) at byte {at}",
                path.display()
            )
        })
        .collect()
}

/// Counts inputs that worked and failed; failures are printed as they come (when there are
/// several inputs) and [`Tally::finish`] decides the exit status.
pub struct Tally {
    total: usize,
    failed: usize,
    only: Option<anyhow::Error>,
}

impl Tally {
    pub fn new(total: usize) -> Tally {
        Tally {
            total,
            failed: 0,
            only: None,
        }
    }

    /// Record a failed input. With a single input the error is kept and returned by `finish`
    /// (printed once, by `main`); otherwise it is printed now and the run goes on.
    pub fn fail(&mut self, e: anyhow::Error) {
        self.failed += 1;
        if self.total == 1 {
            self.only = Some(e);
        } else {
            eprintln!("annals: error: {e:#}");
        }
    }

    /// Ok when at least one input was processed (with "N of M files failed" on standard error
    /// if some were not); an error when nothing usable came out.
    pub fn finish(self) -> anyhow::Result<()> {
        if let Some(e) = self.only {
            return Err(e);
        }
        if self.total == 0 {
            anyhow::bail!("no input files");
        }
        if self.failed == self.total {
            anyhow::bail!(
                "nothing to output: all {} input files failed (see the errors above)",
                self.total
            );
        }
        if self.failed > 0 {
            eprintln!("annals: {} of {} files failed", self.failed, self.total);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("100"), Ok(100));
        assert_eq!(parse_size("4K"), Ok(4096));
        assert_eq!(parse_size("256M"), Ok(256 * 1024 * 1024));
        assert_eq!(parse_size("1g"), Ok(1 << 30));
        assert!(parse_size("12X").is_err());
        assert!(parse_size("").is_err());
    }
}

/// Output file names for `--out-dir`, unique within one run: two inputs with the same name in
/// different folders (`a/ch1.txt`, `b/ch1.txt`) get `ch1.txt.tml` and `ch1.txt-2.tml` instead
/// of one overwriting the other.
#[derive(Debug, Default)]
pub struct OutputNames {
    taken: std::collections::HashSet<String>,
}

impl OutputNames {
    /// `name` with the extension `ext` added unless it already ends with it, made unique.
    pub fn claim(&mut self, name: &str, ext: &str) -> String {
        let dotted = format!(".{ext}");
        let stem = name.strip_suffix(&dotted).unwrap_or(name);
        let mut candidate = format!("{stem}{dotted}");
        let mut n = 1;
        while !self.taken.insert(candidate.clone()) {
            n += 1;
            candidate = format!("{stem}-{n}{dotted}");
        }
        candidate
    }
}

#[cfg(test)]
mod output_name_tests {
    use super::OutputNames;

    #[test]
    fn names_are_unique_and_keep_their_extension() {
        let mut names = OutputNames::default();
        assert_eq!(names.claim("ch1.txt", "tml"), "ch1.txt.tml");
        assert_eq!(names.claim("ch1.txt", "tml"), "ch1.txt-2.tml");
        assert_eq!(names.claim("a.tml", "tml"), "a.tml");
        assert_eq!(names.claim("a.tml", "tml"), "a-2.tml");
        assert_eq!(names.claim("ch1.txt", "tml"), "ch1.txt-3.tml");
    }
}
