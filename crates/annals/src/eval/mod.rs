//! Evaluation: TempEval-3 Task A timex scoring.
//!
//! Figures are micro-averaged over all files; the DCT is excluded because only timexes inside
//! `<TEXT>` are scored. Strict matching wants identical extents (after trimming whitespace),
//! relaxed matching pairs overlapping extents one to one. Type and value accuracy are measured
//! over the relaxed pairs, and the attribute F1 is relaxed F1 × accuracy; value F1 is the
//! official TempEval-3 ranking figure. The details follow the reference scorer
//! `../shared/tools/te3.py` (see `score.rs`), and the figures agree with it.
//!
//! Three entry points: [`score_dirs`] for two folders of `.tml` files, [`score_docs`] for
//! documents already read, and [`score_pairs`] for gold documents and system tags over the same
//! text (quality gates tag gold documents in memory and score them without writing files).

mod report;
mod score;

pub use report::{render_errors, render_per_file, render_table};

use crate::document::{Document, SourceFormat, Tag};
use crate::error::{Error, Result};
use crate::io::{self, ReadOptions};
use score::Side;
use serde::Serialize;
use std::path::{Path, PathBuf};

/// Raw counts, which add up across files (scores do not).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Gold timexes (non-empty after trimming).
    pub gold: usize,
    /// System timexes.
    pub system: usize,
    /// Gold timexes with a system timex of identical extent (strict recall numerator).
    pub strict_gold: usize,
    /// System timexes with a gold timex of identical extent (strict precision numerator).
    pub strict_system: usize,
    /// One-to-one pairs of overlapping extents (relaxed numerator on both sides).
    pub relaxed: usize,
    /// Relaxed pairs with equal `type`.
    pub type_ok: usize,
    /// Relaxed pairs with equal `value`.
    pub value_ok: usize,
}

impl Counts {
    pub fn add(&mut self, o: &Counts) {
        self.gold += o.gold;
        self.system += o.system;
        self.strict_gold += o.strict_gold;
        self.strict_system += o.strict_system;
        self.relaxed += o.relaxed;
        self.type_ok += o.type_ok;
        self.value_ok += o.value_ok;
    }

    /// Percentages. A ratio with nothing to divide by is 0, as in the reference scorer.
    pub fn scores(&self) -> Scores {
        // Same operations in the same order as te3.py, so the floats (and their rounding) agree.
        let ratio = |n: usize, d: usize| if d == 0 { 0.0 } else { n as f64 / d as f64 };
        let f1 = |p: f64, r: f64| {
            if p + r != 0.0 {
                2.0 * p * r / (p + r)
            } else {
                0.0
            }
        };
        let (sp, sr) = (
            ratio(self.strict_system, self.system),
            ratio(self.strict_gold, self.gold),
        );
        let (rp, rr) = (
            ratio(self.relaxed, self.system),
            ratio(self.relaxed, self.gold),
        );
        let rf = f1(rp, rr);
        let ta = ratio(self.type_ok, self.relaxed);
        let va = ratio(self.value_ok, self.relaxed);
        Scores {
            strict_p: 100.0 * sp,
            strict_r: 100.0 * sr,
            strict_f1: 100.0 * f1(sp, sr),
            relaxed_p: 100.0 * rp,
            relaxed_r: 100.0 * rr,
            relaxed_f1: 100.0 * rf,
            type_accuracy: 100.0 * ta,
            type_f1: 100.0 * rf * ta,
            value_accuracy: 100.0 * va,
            value_f1: 100.0 * rf * va,
        }
    }
}

/// Precision, recall, F1 and accuracies, as percentages (0–100).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Scores {
    pub strict_p: f64,
    pub strict_r: f64,
    pub strict_f1: f64,
    pub relaxed_p: f64,
    pub relaxed_r: f64,
    pub relaxed_f1: f64,
    pub type_accuracy: f64,
    /// Relaxed F1 × type accuracy.
    pub type_f1: f64,
    pub value_accuracy: f64,
    /// Relaxed F1 × value accuracy: the TempEval-3 ranking figure.
    pub value_f1: f64,
}

/// The figures for one file.
#[derive(Clone, Debug, Serialize)]
pub struct FileReport {
    /// The file's path relative to the scored folder (or the document's path).
    pub file: String,
    pub counts: Counts,
    pub scores: Scores,
}

/// What went wrong with one timex.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ErrorKind {
    /// A gold timex no system timex overlaps.
    Missed,
    /// A system timex no gold timex overlaps.
    Spurious,
    /// Overlapping but not identical extents (counts against strict, not relaxed, figures).
    WrongExtent,
    /// Paired timexes with different `value`.
    WrongValue,
    /// Paired timexes with different `type`.
    WrongType,
}

impl ErrorKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            ErrorKind::Missed => "missed",
            ErrorKind::Spurious => "spurious",
            ErrorKind::WrongExtent => "wrong-extent",
            ErrorKind::WrongValue => "wrong-value",
            ErrorKind::WrongType => "wrong-type",
        }
    }
}

/// One timex error, with the sentence it occurs in: the list rules are improved from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EvalError {
    pub file: String,
    pub kind: ErrorKind,
    /// Byte span of the timex in the gold text (in the system text for a spurious one).
    pub start: usize,
    pub end: usize,
    /// The timex's text (the gold extent, or the system extent for a spurious one).
    pub text: String,
    /// For a paired timex, the system's extent.
    pub system_text: Option<String>,
    pub gold_type: Option<String>,
    pub gold_value: Option<String>,
    pub system_type: Option<String>,
    pub system_value: Option<String>,
    /// The sentence holding the timex, as segmented by [`crate::text::segment`].
    pub sentence: String,
}

/// The result of scoring: totals over all files, each file, and every error.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Report {
    pub counts: Counts,
    pub scores: Scores,
    pub files: Vec<FileReport>,
    pub errors: Vec<EvalError>,
}

impl Report {
    fn push(&mut self, file: String, counts: Counts, errors: Vec<EvalError>) {
        self.counts.add(&counts);
        self.scores = self.counts.scores();
        self.files.push(FileReport {
            file,
            counts,
            scores: counts.scores(),
        });
        self.errors.extend(errors);
    }
}

/// Score the `.tml` files of `system` against those of `gold`, matched by path relative to each
/// folder (sub-folders included). Both folders must hold the same files, and each system file the
/// same text as its gold file (whitespace aside).
pub fn score_dirs(gold: &Path, system: &Path) -> Result<Report> {
    let gold_files = tml_files(gold)?;
    let system_files = tml_files(system)?;
    if gold_files.is_empty() {
        return Err(Error::Eval(format!(
            "no .tml files in the gold folder {}",
            gold.display()
        )));
    }
    for f in &gold_files {
        if system_files.binary_search(f).is_err() {
            return Err(Error::Eval(format!(
                "{} has no system file: {} is missing",
                f.display(),
                system.join(f).display()
            )));
        }
    }
    for f in &system_files {
        if gold_files.binary_search(f).is_err() {
            return Err(Error::Eval(format!(
                "{} has no gold file: {} is missing (the folders must hold the same files)",
                f.display(),
                gold.join(f).display()
            )));
        }
    }
    let opts = ReadOptions {
        lossy: false,
        format: Some(SourceFormat::TimeMl),
    };
    let mut report = Report::default();
    for f in &gold_files {
        let g = io::read_path(&gold.join(f), &opts)?;
        let s = io::read_path(&system.join(f), &opts)?;
        let name = f.to_string_lossy().replace('\\', "/");
        let (counts, errors) = score::score_file(&name, side(&g, &g.gold), side(&s, &s.gold))?;
        report.push(name, counts, errors);
    }
    Ok(report)
}

/// Score documents already read: each pair is (gold, system), compared by their `gold` tags.
/// The system text must equal the gold text, whitespace aside.
pub fn score_docs(pairs: &[(&Document, &Document)]) -> Result<Report> {
    let mut report = Report::default();
    for (g, s) in pairs {
        let name = g.path.display().to_string();
        let (counts, errors) = score::score_file(&name, side(g, &g.gold), side(s, &s.gold))?;
        report.push(name, counts, errors);
    }
    Ok(report)
}

/// Score system tags against gold documents over the same text: each pair is (gold document,
/// system tags as byte spans into its text). Only `TIMEX3` tags count, on either side.
pub fn score_pairs(pairs: &[(&Document, &[Tag])]) -> Report {
    let mut report = Report::default();
    for (g, tags) in pairs {
        let name = g.path.display().to_string();
        // The texts are the same, so the only error score_file can return cannot happen.
        if let Ok((counts, errors)) = score::score_file(&name, side(g, &g.gold), side(g, tags)) {
            report.push(name, counts, errors);
        }
    }
    report
}

fn side<'a>(doc: &'a Document, tags: &'a [Tag]) -> Side<'a> {
    Side {
        text: &doc.text,
        tags,
    }
}

/// The `.tml` files under `dir`, as sorted paths relative to it. Symbolic links to folders are
/// not followed, so a link cycle cannot loop.
fn tml_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let io_err = |path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::Io {
            path,
            cause: source,
        }
    };
    if !dir.is_dir() {
        return Err(Error::Eval(format!("{} is not a folder", dir.display())));
    }
    let mut out = Vec::new();
    let mut todo = vec![PathBuf::new()];
    while let Some(rel) = todo.pop() {
        let abs = dir.join(&rel);
        for entry in std::fs::read_dir(&abs).map_err(io_err(&abs))? {
            let entry = entry.map_err(io_err(&abs))?;
            let kind = entry.file_type().map_err(io_err(&entry.path()))?;
            let rel = rel.join(entry.file_name());
            if kind.is_dir() {
                todo.push(rel);
            } else if rel
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("tml"))
                && (kind.is_file() || entry.path().is_file())
            {
                out.push(rel);
            }
        }
    }
    out.sort();
    Ok(out)
}
