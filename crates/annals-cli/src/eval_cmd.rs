//! `annals eval`: TempEval-3 Task A timex scoring, plus Task B-style event extent and class
//! scoring when the files hold EVENT tags.

use annals::eval::{self, Report};
use anyhow::Context;
use std::path::PathBuf;

/// Arguments of `annals eval`. The subcommand's one-line summary lives in main.rs; the details
/// are in `after_help` because the enum variant's doc comment replaces this struct's.
#[derive(clap::Args, Debug)]
#[command(after_help = HELP)]
pub struct Args {
    /// Folder of gold TimeML files (.tml).
    pub gold: PathBuf,
    /// Folder of system TimeML files with the same names.
    pub system: PathBuf,
    /// Print JSON instead of tables: totals, and per-file figures and errors when asked for.
    #[arg(long)]
    pub json: bool,
    /// Also give the figures for each file.
    #[arg(long)]
    pub per_file: bool,
    /// Also list every missed, spurious, wrong-extent, wrong-value and wrong-type timex, with its
    /// file, text, gold and system type and value, and the sentence it is in; then missed,
    /// spurious and wrong-class events.
    #[arg(long)]
    pub errors: bool,
}

const HELP: &str = "\
Every .tml file under GOLD (sub-folders included) must have a system file at the same relative
path under SYSTEM with the same TEXT (whitespace differences are tolerated), and SYSTEM may hold
no other .tml files. Only TIMEX3 inside <TEXT> are scored, so the document creation time (DCT)
is excluded. Figures are micro-averaged over all files, as percentages:

  strict   P/R/F1 of timexes with the identical extent (after trimming whitespace)
  relaxed  P/R/F1 of timexes with an overlapping extent, paired one to one in text order
  type     accuracy over the relaxed pairs, and F1 = relaxed F1 x accuracy
  value    the same for the TIMEX3 value; value F1 is the official TempEval-3 ranking figure

When GOLD or SYSTEM holds any EVENT, events are scored the same way on their own (TempEval-3
Task B style) and printed below the timex table: strict and relaxed P/R/F1 of the EVENT extents,
and class accuracy over the relaxed pairs with class F1 = relaxed F1 x accuracy. --json then
has an \"events\" object, --per-file adds event columns, and --errors lists missed, spurious
and wrong-class events (or, when one side has no EVENT at all, one summary line). Timex figures
never depend on events, and a corpus without events prints exactly the timex report.

Examples:
  annals eval gold/ system/
  annals eval gold/ system/ --per-file --errors | less
  annals eval gold/ system/ --json > scores.json
";

pub fn run(args: Args) -> anyhow::Result<()> {
    let report = eval::score_dirs(&args.gold, &args.system).with_context(|| {
        format!(
            "scoring {} against {}",
            args.system.display(),
            args.gold.display()
        )
    })?;
    let out = if args.json {
        let mut s = serde_json::to_string_pretty(&json(&report, &args))?;
        s.push('\n');
        s
    } else {
        let mut s = String::new();
        if args.errors {
            s.push_str(&eval::render_errors(&report));
            s.push('\n');
        }
        if args.per_file {
            s.push_str(&eval::render_per_file(&report));
            s.push('\n');
        }
        s.push_str(&eval::render_table(&report));
        if report.has_events() {
            s.push('\n');
            s.push_str(&eval::render_event_table(&report));
        }
        s
    };
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(out.as_bytes()) {
        // A closed pipe (`| head`) is not an error worth reporting.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.context("writing to standard output"),
    }
}

/// Totals always; per-file figures and errors on request; the same for events when either side
/// has any. Figures are rounded to two decimals like the reference scorer's JSON.
fn json(r: &Report, args: &Args) -> serde_json::Value {
    let round = |x: f64| (x * 100.0).round() / 100.0;
    let scores = |s: &eval::Scores| {
        serde_json::json!({
            "strict": {"p": round(s.strict_p), "r": round(s.strict_r), "f1": round(s.strict_f1)},
            "relaxed": {"p": round(s.relaxed_p), "r": round(s.relaxed_r), "f1": round(s.relaxed_f1)},
            "type": {"accuracy": round(s.type_accuracy), "f1": round(s.type_f1)},
            "value": {"accuracy": round(s.value_accuracy), "f1": round(s.value_f1)},
        })
    };
    let event_scores = |s: &eval::EventScores| {
        serde_json::json!({
            "strict": {"p": round(s.strict_p), "r": round(s.strict_r), "f1": round(s.strict_f1)},
            "relaxed": {"p": round(s.relaxed_p), "r": round(s.relaxed_r), "f1": round(s.relaxed_f1)},
            "class": {"accuracy": round(s.class_accuracy), "f1": round(s.class_f1)},
        })
    };
    let events = r.has_events();
    let mut v = serde_json::json!({
        "files": r.files.len(),
        "gold": r.counts.gold,
        "system": r.counts.system,
        "counts": r.counts,
        "scores": scores(&r.scores),
    });
    if events {
        v["events"] = serde_json::json!({
            "gold": r.events.gold,
            "system": r.events.system,
            "counts": r.events,
            "scores": event_scores(&r.event_scores),
        });
    }
    if args.per_file {
        v["per_file"] = r
            .files
            .iter()
            .map(|f| {
                let mut o = serde_json::json!({"file": f.file, "counts": f.counts, "scores": scores(&f.scores)});
                if events {
                    o["events"] = serde_json::json!({"counts": f.events, "scores": event_scores(&f.event_scores)});
                }
                o
            })
            .collect();
    }
    if args.errors {
        v["errors"] = serde_json::to_value(&r.errors).unwrap_or_default();
        // Listed only when both sides have events (else every event on one side is an error).
        if r.events.gold > 0 && r.events.system > 0 {
            v["event_errors"] = serde_json::to_value(&r.event_errors).unwrap_or_default();
        }
    }
    v
}
