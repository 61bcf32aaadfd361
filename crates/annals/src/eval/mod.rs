//! Evaluation: TempEval-3 Task A timex scoring, and Task B-style event extent and class scoring.
//!
//! Figures are micro-averaged over all files; the DCT is excluded because only timexes inside
//! `<TEXT>` are scored. Strict matching wants identical extents (after trimming whitespace),
//! relaxed matching pairs overlapping extents one to one. Type and value accuracy are measured
//! over the relaxed pairs, and the attribute F1 is relaxed F1 × accuracy; value F1 is the
//! official TempEval-3 ranking figure. The details follow the reference scorer
//! `../shared/tools/te3.py` (see `score.rs`), and the figures agree with it.
//!
//! EVENT tags are matched by the same code, on their own: strict and relaxed P/R/F1 of the
//! extents ([`EventCounts`], [`EventScores`]), class accuracy over the relaxed pairs, and class
//! F1 = relaxed F1 × class accuracy. They sit beside the timex figures in the [`Report`]
//! (`events`, `event_scores`, `event_errors`) and never change them; [`Report::has_events`] tells
//! whether either side held any EVENT, and only then does [`render_event_table`] print anything.
//!
//! Three entry points: [`score_dirs`] for two folders of `.tml` files, [`score_docs`] for
//! documents already read, and [`score_pairs`] for gold documents and system tags over the same
//! text (quality gates tag gold documents in memory and score them without writing files).

pub mod entities;
mod report;
mod score;
pub mod timeline;

pub use report::{render_errors, render_event_table, render_per_file, render_table};

use crate::document::{Document, SourceFormat, Tag};
use crate::error::{Error, Result};
use crate::io::{self, ReadOptions};
use score::{FileScore, Side};
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

/// A ratio with nothing to divide by is 0, as in the reference scorer.
fn ratio(n: usize, d: usize) -> f64 {
    if d == 0 {
        0.0
    } else {
        n as f64 / d as f64
    }
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r != 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    }
}

/// Raw EVENT counts (TempEval-3 Task B-style extents and class), which add up across files.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct EventCounts {
    /// Gold events (non-empty after trimming).
    pub gold: usize,
    /// System events.
    pub system: usize,
    /// Gold events with a system event of identical extent (strict recall numerator).
    pub strict_gold: usize,
    /// System events with a gold event of identical extent (strict precision numerator).
    pub strict_system: usize,
    /// One-to-one pairs of overlapping extents (relaxed numerator on both sides).
    pub relaxed: usize,
    /// Relaxed pairs with equal `class`.
    pub class_ok: usize,
}

impl EventCounts {
    pub fn add(&mut self, o: &EventCounts) {
        self.gold += o.gold;
        self.system += o.system;
        self.strict_gold += o.strict_gold;
        self.strict_system += o.strict_system;
        self.relaxed += o.relaxed;
        self.class_ok += o.class_ok;
    }

    /// No event on either side: nothing to score or to show.
    pub fn is_empty(&self) -> bool {
        self.gold == 0 && self.system == 0
    }

    /// Percentages, computed as for timexes ([`Counts::scores`]).
    pub fn scores(&self) -> EventScores {
        let (sp, sr) = (
            ratio(self.strict_system, self.system),
            ratio(self.strict_gold, self.gold),
        );
        let (rp, rr) = (
            ratio(self.relaxed, self.system),
            ratio(self.relaxed, self.gold),
        );
        let rf = f1(rp, rr);
        let ca = ratio(self.class_ok, self.relaxed);
        EventScores {
            strict_p: 100.0 * sp,
            strict_r: 100.0 * sr,
            strict_f1: 100.0 * f1(sp, sr),
            relaxed_p: 100.0 * rp,
            relaxed_r: 100.0 * rr,
            relaxed_f1: 100.0 * rf,
            class_accuracy: 100.0 * ca,
            class_f1: 100.0 * rf * ca,
        }
    }
}

/// Event precision, recall, F1 and class accuracy, as percentages (0–100).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct EventScores {
    pub strict_p: f64,
    pub strict_r: f64,
    pub strict_f1: f64,
    pub relaxed_p: f64,
    pub relaxed_r: f64,
    pub relaxed_f1: f64,
    /// Share of the relaxed pairs with equal `class`.
    pub class_accuracy: f64,
    /// Relaxed F1 × class accuracy.
    pub class_f1: f64,
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
    pub events: EventCounts,
    pub event_scores: EventScores,
}

/// What went wrong with one timex or event.
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
    /// Paired events with different `class`.
    WrongClass,
}

impl ErrorKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            ErrorKind::Missed => "missed",
            ErrorKind::Spurious => "spurious",
            ErrorKind::WrongExtent => "wrong-extent",
            ErrorKind::WrongValue => "wrong-value",
            ErrorKind::WrongType => "wrong-type",
            ErrorKind::WrongClass => "wrong-class",
        }
    }
}

/// One timex or event error, with the sentence it occurs in: the list rules are improved from.
/// Timex errors fill the `type`/`value` fields, event errors the `class` ones (which are left out
/// of the JSON when absent, so timex errors serialise as they always did).
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
    /// An event's gold `class`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gold_class: Option<String>,
    /// An event's system `class`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub system_class: Option<String>,
    /// The sentence holding the timex, as segmented by [`crate::text::segment`].
    pub sentence: String,
}

/// The result of scoring: totals over all files, each file, and every error. Timex figures
/// (`counts`, `scores`, `errors`) and event figures (`events`, `event_scores`, `event_errors`)
/// are kept apart.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Report {
    pub counts: Counts,
    pub scores: Scores,
    pub files: Vec<FileReport>,
    /// Timex errors.
    pub errors: Vec<EvalError>,
    /// Event totals.
    pub events: EventCounts,
    pub event_scores: EventScores,
    /// Missed, spurious and wrong-class events.
    pub event_errors: Vec<EvalError>,
}

impl Report {
    /// Whether gold or system held any EVENT: event figures are shown only then.
    pub fn has_events(&self) -> bool {
        !self.events.is_empty()
    }

    fn push(&mut self, file: String, f: FileScore) {
        self.counts.add(&f.counts);
        self.scores = self.counts.scores();
        self.events.add(&f.events);
        self.event_scores = self.events.scores();
        self.files.push(FileReport {
            file,
            counts: f.counts,
            scores: f.counts.scores(),
            events: f.events,
            event_scores: f.events.scores(),
        });
        self.errors.extend(f.errors);
        self.event_errors.extend(f.event_errors);
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
        let scored = score::score_file(&name, side(&g, &g.gold), side(&s, &s.gold))?;
        report.push(name, scored);
    }
    Ok(report)
}

/// Score documents already read: each pair is (gold, system), compared by their `gold` tags.
/// The system text must equal the gold text, whitespace aside.
pub fn score_docs(pairs: &[(&Document, &Document)]) -> Result<Report> {
    let mut report = Report::default();
    for (g, s) in pairs {
        let name = g.path.display().to_string();
        let scored = score::score_file(&name, side(g, &g.gold), side(s, &s.gold))?;
        report.push(name, scored);
    }
    Ok(report)
}

/// Score system tags against gold documents over the same text: each pair is (gold document,
/// system tags as byte spans into its text). Only `TIMEX3` and `EVENT` tags count, on either
/// side, each against its own kind (a system that tags no events leaves the timex figures as
/// they are and gets zero event recall).
pub fn score_pairs(pairs: &[(&Document, &[Tag])]) -> Report {
    let mut report = Report::default();
    for (g, tags) in pairs {
        let name = g.path.display().to_string();
        // The texts are the same, so the only error score_file can return cannot happen.
        if let Ok(scored) = score::score_file(&name, side(g, &g.gold), side(g, tags)) {
            report.push(name, scored);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Span;

    fn tag(text: &str, needle: &str, name: &str, attrs: &[(&str, &str)]) -> Tag {
        let start = text.find(needle).unwrap();
        Tag {
            span: Span::new(start, start + needle.len()),
            name: name.into(),
            attrs: attrs
                .iter()
                .map(|&(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        }
    }

    fn event(text: &str, needle: &str, class: &str) -> Tag {
        tag(text, needle, "EVENT", &[("eid", "e1"), ("class", class)])
    }

    const TEXT: &str = "He said the attack happened, and officials were worried on Monday.";

    /// Gold: said (REPORTING), attack (OCCURRENCE), worried (I_STATE), and the timex Monday.
    /// System: said (REPORTING) exact; "the attack" (STATE) overlapping with the wrong class;
    /// worried missed; "officials" (OCCURRENCE) spurious; Monday exact.
    fn tiny() -> Report {
        let mut g = Document::from_text(TEXT);
        g.path = PathBuf::from("tiny.tml");
        let monday = tag(
            TEXT,
            "Monday",
            "TIMEX3",
            &[("type", "DATE"), ("value", "XXXX-WXX-1")],
        );
        g.gold = vec![
            event(TEXT, "said", "REPORTING"),
            event(TEXT, "attack", "OCCURRENCE"),
            event(TEXT, "worried", "I_STATE"),
            monday.clone(),
        ];
        let sys = [
            event(TEXT, "said", "REPORTING"),
            event(TEXT, "the attack", "STATE"),
            event(TEXT, "officials", "OCCURRENCE"),
            monday,
        ];
        score_pairs(&[(&g, &sys[..])])
    }

    #[test]
    fn events_are_counted_and_scored_by_hand() {
        let r = tiny();
        // gold 3, system 3; strict: said on both sides; relaxed pairs: said, attack/the attack;
        // class agrees for said only.
        assert_eq!(
            r.events,
            EventCounts {
                gold: 3,
                system: 3,
                strict_gold: 1,
                strict_system: 1,
                relaxed: 2,
                class_ok: 1,
            }
        );
        assert!(r.has_events());
        let s = r.event_scores;
        let two = |x: f64| format!("{x:.2}");
        // strict P = R = F1 = 1/3; relaxed P = R = F1 = 2/3; class accuracy 1/2, F1 2/3 × 1/2.
        assert_eq!(
            [s.strict_p, s.strict_r, s.strict_f1].map(two),
            ["33.33", "33.33", "33.33"]
        );
        assert_eq!(
            [s.relaxed_p, s.relaxed_r, s.relaxed_f1].map(two),
            ["66.67", "66.67", "66.67"]
        );
        assert_eq!(s.class_accuracy, 50.0);
        assert_eq!(two(s.class_f1), "33.33");
        // The timex is scored on its own, untouched by the events.
        assert_eq!(
            (r.counts.gold, r.counts.relaxed, r.counts.value_ok),
            (1, 1, 1)
        );
        assert_eq!(r.scores.value_f1, 100.0);
        assert!(r.errors.is_empty());
        // The per-file figures are the totals here.
        assert_eq!(r.files[0].events, r.events);
        assert_eq!(r.files[0].event_scores, r.event_scores);
    }

    #[test]
    fn event_errors_are_missed_spurious_and_wrong_class() {
        let r = tiny();
        let got: Vec<(ErrorKind, &str)> = r
            .event_errors
            .iter()
            .map(|e| (e.kind, e.text.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (ErrorKind::WrongClass, "attack"),
                (ErrorKind::Spurious, "officials"),
                (ErrorKind::Missed, "worried"),
            ]
        );
        let wrong = &r.event_errors[0];
        assert_eq!(wrong.system_text.as_deref(), Some("the attack"));
        assert_eq!(wrong.gold_class.as_deref(), Some("OCCURRENCE"));
        assert_eq!(wrong.system_class.as_deref(), Some("STATE"));
        assert_eq!(wrong.sentence, TEXT);
        let listing = render_errors(&r);
        assert!(
            listing.contains(
                "tiny.tml:12  wrong-class   event \"attack\" (system \"the attack\")  gold \
                 OCCURRENCE  system STATE"
            ),
            "{listing}"
        );
        assert!(listing.contains("missed        event \"worried\"  gold I_STATE\n"));
        assert!(listing.contains("spurious      event \"officials\"  system OCCURRENCE\n"));
    }

    #[test]
    fn event_table_and_per_file_columns() {
        let r = tiny();
        let table = render_event_table(&r);
        for line in [
            "TempEval-3 Task B events: 1 files, 3 gold, 3 system",
            "strict         33.33     33.33     33.33",
            "relaxed        66.67     66.67     66.67",
            "class          50.00     33.33",
            "matches: 1 strict (gold side), 2 relaxed pairs, 1 class agreements",
        ] {
            assert!(table.contains(line), "missing {line:?} in\n{table}");
        }
        let per_file = render_per_file(&r);
        assert!(per_file.lines().next().unwrap().ends_with("classF1"));
        assert!(
            per_file.contains("      3      3    33.33    66.67    33.33\n"),
            "{per_file}"
        );
    }

    #[test]
    fn no_events_no_event_output() {
        let mut g = Document::from_text(TEXT);
        g.gold = vec![tag(TEXT, "Monday", "TIMEX3", &[("type", "DATE")])];
        let r = score_pairs(&[(&g, &g.gold[..])]);
        assert!(!r.has_events());
        assert_eq!(r.events, EventCounts::default());
        assert_eq!(r.event_scores, EventScores::default());
        assert_eq!(render_event_table(&r), "");
        assert!(!render_per_file(&r).contains("ev-gold"));
        assert_eq!(render_errors(&r), "");
    }

    #[test]
    fn events_on_one_side_only_are_summed_up_in_the_listing() {
        let mut g = Document::from_text(TEXT);
        g.gold = vec![
            event(TEXT, "said", "REPORTING"),
            event(TEXT, "worried", "I_STATE"),
        ];
        let r = score_pairs(&[(&g, &[][..])]);
        assert_eq!(
            (r.events.gold, r.events.system, r.events.relaxed),
            (2, 0, 0)
        );
        assert_eq!(r.event_scores, EventScores::default());
        assert_eq!(r.event_errors.len(), 2);
        assert_eq!(
            render_errors(&r),
            "events: the system has no EVENT, so all 2 gold events are missed (not listed)\n"
        );
    }
}
