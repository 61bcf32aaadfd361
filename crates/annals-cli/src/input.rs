//! Input handling shared by `annals tag`, `annals timeline` and `annals entities`: folders walked
//! into the files they hold, a size limit per document, reading and analysing one file, and
//! failures reported file by file so that one bad file in an archive does not stop the rest
//! (and a closed output pipe is not a failure at all).

use annals::io::{self, ReadOptions};
use annals::pipeline::{Analysis, Pipeline, TagOptions};
use annals::Document;
use anyhow::Context;
use std::path::{Path, PathBuf};

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

pub use annals::io::walk::expand;

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

/// The sub-folder an input file sits in below the folder argument it was found under (empty for
/// files named directly): `--out-dir` mirrors it, so `annals tag --out-dir sys/ gold/` writes
/// `sys/AQUAINT/x.tml` for `gold/AQUAINT/x.tml` and `annals eval gold/ sys/` finds every file.
pub fn sub_folder(args: &[PathBuf], path: &Path) -> PathBuf {
    args.iter()
        .filter(|a| a.is_dir())
        .filter_map(|a| path.parent()?.strip_prefix(a).ok())
        .min_by_key(|rel| rel.components().count())
        .map(Path::to_path_buf)
        .unwrap_or_default()
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

    /// Write `contents` under `dir` as `name` (a path relative to `dir`, given the extension
    /// `ext` and made unique as [`OutputNames::claim`] does), creating its folders.
    pub fn write(
        &mut self,
        dir: &Path,
        name: &Path,
        ext: &str,
        contents: &str,
    ) -> anyhow::Result<()> {
        let target = dir.join(self.claim(&name.to_string_lossy(), ext));
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("creating {}", parent.display()))?;
        }
        std::fs::write(&target, contents).with_context(|| format!("writing {}", target.display()))
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

#[cfg(test)]
mod sub_folder_tests {
    use super::sub_folder;
    use std::path::{Path, PathBuf};

    #[test]
    fn out_dir_mirrors_the_folders_below_each_argument() {
        let dir = tempfile::tempdir().unwrap();
        let gold = dir.path().join("gold");
        std::fs::create_dir_all(gold.join("AQUAINT")).unwrap();
        let args = [gold.clone(), PathBuf::from("loose.txt")];
        assert_eq!(
            sub_folder(&args, &gold.join("AQUAINT").join("a.tml")),
            Path::new("AQUAINT")
        );
        assert_eq!(sub_folder(&args, &gold.join("b.tml")), Path::new(""));
        assert_eq!(sub_folder(&args, Path::new("loose.txt")), Path::new(""));
    }
}
