//! Plain-text renderings of a [`Report`] for the terminal (the CLI prints these; tests check them).

use super::{EvalError, Report, Scores};
use std::fmt::Write;

/// The totals: strict and relaxed P/R/F1, type and value accuracy and F1, and the counts.
pub fn render_table(r: &Report) -> String {
    let s = &r.scores;
    let c = &r.counts;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "TempEval-3 Task A timexes: {} files, {} gold, {} system (DCT excluded)",
        r.files.len(),
        c.gold,
        c.system
    );
    let _ = writeln!(out);
    let _ = writeln!(out, "{:<10}{:>10}{:>10}{:>10}", "", "P", "R", "F1");
    let _ = writeln!(
        out,
        "{:<10}{:>10.2}{:>10.2}{:>10.2}",
        "strict", s.strict_p, s.strict_r, s.strict_f1
    );
    let _ = writeln!(
        out,
        "{:<10}{:>10.2}{:>10.2}{:>10.2}",
        "relaxed", s.relaxed_p, s.relaxed_r, s.relaxed_f1
    );
    let _ = writeln!(out);
    let _ = writeln!(out, "{:<10}{:>10}{:>10}", "", "accuracy", "F1");
    let _ = writeln!(
        out,
        "{:<10}{:>10.2}{:>10.2}",
        "type", s.type_accuracy, s.type_f1
    );
    let _ = writeln!(
        out,
        "{:<10}{:>10.2}{:>10.2}   <- ranking figure",
        "value", s.value_accuracy, s.value_f1
    );
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "matches: {} strict (gold side), {} relaxed pairs, {} type and {} value agreements",
        c.strict_gold, c.relaxed, c.type_ok, c.value_ok
    );
    out
}

/// One line per file: counts and the main figures. A file with no timex on either side shows
/// dashes rather than zeros, since there was nothing to get wrong.
pub fn render_per_file(r: &Report) -> String {
    let width = r
        .files
        .iter()
        .map(|f| f.file.chars().count())
        .max()
        .unwrap_or(4)
        .clamp(4, 60);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<width$} {:>5} {:>5} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8}",
        "file", "gold", "sys", "strictF1", "relax-P", "relax-R", "relaxF1", "typeF1", "valueF1"
    );
    for f in &r.files {
        let c = &f.counts;
        let figures = if c.gold == 0 && c.system == 0 {
            format!(
                "{:>8} {:>8} {:>8} {:>8} {:>8} {:>8}",
                "-", "-", "-", "-", "-", "-"
            )
        } else {
            row(&f.scores)
        };
        let _ = writeln!(
            out,
            "{:<width$} {:>5} {:>5} {figures}",
            f.file, c.gold, c.system
        );
    }
    out
}

fn row(s: &Scores) -> String {
    format!(
        "{:>8.2} {:>8.2} {:>8.2} {:>8.2} {:>8.2} {:>8.2}",
        s.strict_f1, s.relaxed_p, s.relaxed_r, s.relaxed_f1, s.type_f1, s.value_f1
    )
}

/// One block per error: file, kind, the timex text, gold and system type and value, and its
/// sentence on the next line.
pub fn render_errors(r: &Report) -> String {
    let mut out = String::new();
    for e in &r.errors {
        let _ = writeln!(out, "{}", error_line(e));
        let _ = writeln!(out, "    | {}", one_line(&e.sentence, 300));
    }
    out
}

fn error_line(e: &EvalError) -> String {
    let v = |x: &Option<String>| x.as_deref().unwrap_or("-").to_string();
    let mut line = format!(
        "{}:{}  {:<12}  {:?}",
        e.file,
        e.start,
        e.kind.as_str(),
        one_line(&e.text, 80)
    );
    if let Some(st) = e.system_text.as_ref().filter(|st| **st != e.text) {
        let _ = write!(line, " (system {:?})", one_line(st, 80));
    }
    if e.kind != super::ErrorKind::Spurious {
        let _ = write!(line, "  gold {} {}", v(&e.gold_type), v(&e.gold_value));
    }
    if e.kind != super::ErrorKind::Missed {
        let _ = write!(
            line,
            "  system {} {}",
            v(&e.system_type),
            v(&e.system_value)
        );
    }
    line
}

/// Whitespace runs (newlines included) as one space, cut to `max` characters.
fn one_line(s: &str, max: usize) -> String {
    let joined = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if joined.chars().count() <= max {
        joined
    } else {
        let mut cut: String = joined.chars().take(max).collect();
        cut.push('…');
        cut
    }
}
