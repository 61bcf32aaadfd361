//! `annals eval`: TempEval-3 Task A scoring.

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
    /// file, text, gold and system type and value, and the sentence it is in.
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

/// Totals always; per-file figures and errors on request. Figures are rounded to two decimals
/// like the reference scorer's JSON.
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
    let mut v = serde_json::json!({
        "files": r.files.len(),
        "gold": r.counts.gold,
        "system": r.counts.system,
        "counts": r.counts,
        "scores": scores(&r.scores),
    });
    if args.per_file {
        v["per_file"] = r
            .files
            .iter()
            .map(|f| serde_json::json!({"file": f.file, "counts": f.counts, "scores": scores(&f.scores)}))
            .collect();
    }
    if args.errors {
        v["errors"] = serde_json::to_value(&r.errors).unwrap_or_default();
    }
    v
}
