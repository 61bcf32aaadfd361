//! Plain-text renderings of a [`Report`] for the terminal (the CLI prints these; tests check them).
//!
//! Event figures appear only when gold or system held an EVENT ([`Report::has_events`]), so the
//! renderings of a timex-only corpus are what they were before events were scored.

use super::{ErrorKind, EvalError, EventScores, Report, Scores};
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

/// The event totals (TempEval-3 Task B-style): strict and relaxed P/R/F1 of the EVENT extents,
/// class accuracy and F1, and the counts. Empty when neither side holds an EVENT; the CLI prints
/// it under [`render_table`].
pub fn render_event_table(r: &Report) -> String {
    if !r.has_events() {
        return String::new();
    }
    let s = &r.event_scores;
    let c = &r.events;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "TempEval-3 Task B events: {} files, {} gold, {} system",
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
        "class", s.class_accuracy, s.class_f1
    );
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "matches: {} strict (gold side), {} relaxed pairs, {} class agreements",
        c.strict_gold, c.relaxed, c.class_ok
    );
    out
}

/// One line per file: counts and the main figures. A file with no timex on either side shows
/// dashes rather than zeros, since there was nothing to get wrong. When the corpus has events,
/// event counts and strict, relaxed and class F1 follow (dashes likewise for a file without any).
pub fn render_per_file(r: &Report) -> String {
    let width = r
        .files
        .iter()
        .map(|f| f.file.chars().count())
        .max()
        .unwrap_or(4)
        .clamp(4, 60);
    let events = r.has_events();
    let mut out = String::new();
    let _ = write!(
        out,
        "{:<width$} {:>5} {:>5} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8}",
        "file", "gold", "sys", "strictF1", "relax-P", "relax-R", "relaxF1", "typeF1", "valueF1"
    );
    if events {
        let _ = write!(
            out,
            " {:>7} {:>6} {:>8} {:>8} {:>8}",
            "ev-gold", "ev-sys", "evStrF1", "evRelF1", "classF1"
        );
    }
    let _ = writeln!(out);
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
        let _ = write!(
            out,
            "{:<width$} {:>5} {:>5} {figures}",
            f.file, c.gold, c.system
        );
        if events {
            let e = &f.events;
            let figures = if e.is_empty() {
                format!("{:>8} {:>8} {:>8}", "-", "-", "-")
            } else {
                event_row(&f.event_scores)
            };
            let _ = write!(out, " {:>7} {:>6} {figures}", e.gold, e.system);
        }
        let _ = writeln!(out);
    }
    out
}

fn event_row(s: &EventScores) -> String {
    format!(
        "{:>8.2} {:>8.2} {:>8.2}",
        s.strict_f1, s.relaxed_f1, s.class_f1
    )
}

fn row(s: &Scores) -> String {
    format!(
        "{:>8.2} {:>8.2} {:>8.2} {:>8.2} {:>8.2} {:>8.2}",
        s.strict_f1, s.relaxed_p, s.relaxed_r, s.relaxed_f1, s.type_f1, s.value_f1
    )
}

/// One block per error: file, kind, the timex text, gold and system type and value, and its
/// sentence on the next line. Event errors (missed, spurious, wrong class) follow in the same
/// form with the class; when one side has no EVENT at all they are summed up in one line rather
/// than listed, since every event on the other side would be an error.
pub fn render_errors(r: &Report) -> String {
    let mut out = String::new();
    for e in &r.errors {
        let _ = writeln!(out, "{}", error_line(e));
        let _ = writeln!(out, "    | {}", one_line(&e.sentence, 300));
    }
    let ev = &r.events;
    if ev.system == 0 && ev.gold > 0 {
        let _ = writeln!(
            out,
            "events: the system has no EVENT, so all {} gold events are missed (not listed)",
            ev.gold
        );
    } else if ev.gold == 0 && ev.system > 0 {
        let _ = writeln!(
            out,
            "events: the gold has no EVENT, so all {} system events are spurious (not listed)",
            ev.system
        );
    } else {
        for e in &r.event_errors {
            let _ = writeln!(out, "{}", event_error_line(e));
            let _ = writeln!(out, "    | {}", one_line(&e.sentence, 300));
        }
    }
    out
}

fn event_error_line(e: &EvalError) -> String {
    let v = |x: &Option<String>| x.as_deref().unwrap_or("-").to_string();
    let mut line = format!(
        "{}:{}  {:<12}  event {:?}",
        e.file,
        e.start,
        e.kind.as_str(),
        one_line(&e.text, 80)
    );
    if let Some(st) = e.system_text.as_ref().filter(|st| **st != e.text) {
        let _ = write!(line, " (system {:?})", one_line(st, 80));
    }
    if e.kind != ErrorKind::Spurious {
        let _ = write!(line, "  gold {}", v(&e.gold_class));
    }
    if e.kind != ErrorKind::Missed {
        let _ = write!(line, "  system {}", v(&e.system_class));
    }
    line
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
    if e.kind != ErrorKind::Spurious {
        let _ = write!(line, "  gold {} {}", v(&e.gold_type), v(&e.gold_value));
    }
    if e.kind != ErrorKind::Missed {
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
