//! `annals eval-timeline`: how many hand-dated happenings a timeline dates right.

use annals::eval::timeline::{self as score, GoldDocument, SystemEntry, TimelineReport};
use annals::pipeline::Pipeline;
use annals::timeline::Timeline;
use anyhow::{bail, Context};
use rayon::prelude::*;
use std::fmt::Write as _;
use std::path::PathBuf;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Baseline {
    /// Each happening gets the last year, month or day written before it.
    LastDate,
}

#[derive(clap::Args, Debug)]
#[command(after_help = HELP)]
pub struct Args {
    /// A gold file (.jsonl) or a folder of them; the texts they name are read from beside them.
    pub gold: PathBuf,
    /// `annals timeline --format json` output for the gold texts. Without it, annals builds the
    /// timelines itself with the default options (as `annals timeline` would).
    pub system: Option<PathBuf>,
    /// Also score a naive reader on the same gold, side by side.
    #[arg(long, value_enum)]
    pub baseline: Option<Baseline>,
    /// Keep every dated sentence as an entry (as `annals timeline --all`), when annals builds
    /// the timelines itself.
    #[arg(long)]
    pub all: bool,
    /// List every happening with its gold and system dates and the outcome.
    #[arg(long)]
    pub items: bool,
    /// List the happenings that were not dated right (wrong, far-wrong, missing).
    #[arg(long)]
    pub errors: bool,
    /// Print JSON instead of tables.
    #[arg(long)]
    pub json: bool,
}

const HELP: &str = "\
The gold format (docs/eval-timeline.md) is one JSON object per line:
  {\"document\": \"malta.txt\", \"sentence\": \"an exact quote of the sentence\", \"event\": \"landed\",
   \"value\": \"1565-05-18\", \"own_date\": true}
with \"mod\" (BEFORE, AFTER, START, MID, END, APPROX) or a range (\"start\" and \"end\" instead of
\"value\") where the text gives one. Each happening is matched to the entry of its sentence that
holds its word (else the entry of that sentence nearest it) and judged on the calendar:

  exact       the entry covers the same days as the gold date
  consistent  the days overlap and the entry is at most one level coarser (a month for a day,
              a year for a month), or finer inside the gold date
  wrong       any other date; far-wrong: more than ten years away
  missing     no entry in that sentence

Accuracy is (exact + consistent) / happenings; 'own date' and 'story-dated' split the happenings
by whether their sentence has a date of its own. The reliability table bins the matched entries by
confidence: a calibrated confidence c is right about c of the time (ECE is the weighted gap).

Examples:
  annals eval-timeline data/dev/history/tune --baseline last-date
  annals timeline --format json mine/*.txt > mine.json && annals eval-timeline mine/gold.jsonl mine.json
  annals eval-timeline data/dev/history/check --errors";

pub fn run(args: Args) -> anyhow::Result<()> {
    let gold = score::read_gold(&args.gold)
        .with_context(|| format!("reading the gold happenings in {}", args.gold.display()))?;
    let entries = match &args.system {
        Some(path) => {
            let json = std::fs::read_to_string(path)
                .with_context(|| format!("reading {}", path.display()))?;
            score::entries_from_json(&json).with_context(|| format!("in {}", path.display()))?
        }
        None => own_timelines(&gold, args.all)?,
    };
    if args.system.is_some()
        && !gold
            .iter()
            .any(|d| entries.iter().any(|e| d.names(&e.source)))
    {
        bail!(
            "no entry of {} comes from a gold document: were the timelines built from the same files?",
            args.system.as_ref().map_or(String::new(), |p| p.display().to_string())
        );
    }
    let report = score::score(&gold, &entries);
    let baseline = args
        .baseline
        .map(|Baseline::LastDate| score::score(&gold, &score::baseline_last_date(&gold)));
    let out = if args.json {
        let mut v = serde_json::json!({ "annals": summary(&report, args.items || args.errors) });
        if let Some(b) = &baseline {
            v["baseline_last_date"] = summary(b, false);
        }
        let mut s = serde_json::to_string_pretty(&v)?;
        s.push('\n');
        s
    } else {
        render(&report, baseline.as_ref(), &args)
    };
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(out.as_bytes()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.context("writing to standard output"),
    }
}

/// Timelines of the gold texts, built as `annals timeline` builds them.
fn own_timelines(gold: &[GoldDocument], all: bool) -> anyhow::Result<Vec<SystemEntry>> {
    let pipeline = Pipeline::new();
    let parts: Vec<anyhow::Result<Timeline>> = gold
        .par_iter()
        .map(|g| {
            g.timeline(&pipeline, all)
                .with_context(|| format!("analysing {}", g.path.display()))
        })
        .collect();
    let mut out = Vec::new();
    for t in parts {
        out.extend(score::entries_of(&t?));
    }
    Ok(out)
}

fn summary(r: &TimelineReport, items: bool) -> serde_json::Value {
    let round = |x: f64| (x * 100.0).round() / 100.0;
    let tally = |t: &score::Tally| {
        serde_json::json!({
            "gold": t.gold, "exact": t.exact, "consistent": t.consistent, "wrong": t.wrong,
            "far_wrong": t.far_wrong, "missing": t.missing, "accuracy": round(t.accuracy()),
        })
    };
    let mut v = serde_json::json!({
        "total": tally(&r.total),
        "own_date": tally(&r.own_date),
        "story_dated": tally(&r.story_dated),
        "documents": r.documents.iter().map(|(name, d)| serde_json::json!({
            "document": name, "words": d.words, "entries": d.entries, "tally": tally(&d.tally),
        })).collect::<Vec<_>>(),
        "reliability": r.bins.iter().filter(|b| b.entries > 0).map(|b| serde_json::json!({
            "confidence": [b.low, b.high], "entries": b.entries, "right": b.right,
            "mean_confidence": round(b.mean_confidence * 100.0) / 100.0,
        })).collect::<Vec<_>>(),
        "ece": round(r.ece * 100.0) / 100.0,
        "confident": {"entries": r.confident, "right": r.confident_right},
    });
    if items {
        v["items"] = serde_json::to_value(&r.items).unwrap_or_default();
    }
    v
}

fn render(r: &TimelineReport, baseline: Option<&TimelineReport>, args: &Args) -> String {
    let mut s = String::new();
    if args.items || args.errors {
        for i in &r.items {
            if args.errors && i.outcome.is_right() {
                continue;
            }
            let _ = writeln!(
                s,
                "{:<11} {:<26} gold {:<22} annals {:<22} conf {:<5} {}: {:?} ({}){}",
                i.outcome.as_str(),
                i.document,
                i.gold,
                i.system.as_deref().unwrap_or("-"),
                i.confidence.map_or("-".to_string(), |c| format!("{c:.2}")),
                if i.own_date == Some(false) {
                    "story"
                } else {
                    "own"
                },
                i.sentence,
                i.event.as_deref().unwrap_or(""),
                i.explain
                    .as_deref()
                    .map_or(String::new(), |e| format!(" [{e}]")),
            );
        }
        s.push('\n');
    }
    let _ = writeln!(
        s,
        "{} happenings in {} documents ({} with a date in their sentence, {} dated by the story)\n",
        r.total.gold,
        r.documents.len(),
        r.own_date.gold,
        r.story_dated.gold
    );
    let _ = writeln!(
        s,
        "{:<14} {:>8} {:>7} {:>10} {:>7} {:>9} {:>8} {:>9} {:>11}",
        "",
        "accuracy",
        "exact",
        "consistent",
        "wrong",
        "far-wrong",
        "missing",
        "own date",
        "story-dated"
    );
    let mut row = |name: &str, r: &TimelineReport| {
        let t = &r.total;
        let _ = writeln!(
            s,
            "{:<14} {:>7.1}% {:>6.1}% {:>9.1}% {:>6.1}% {:>8.1}% {:>7.1}% {:>8.1}% {:>10.1}%",
            name,
            t.accuracy(),
            t.share(t.exact),
            t.share(t.consistent),
            t.share(t.wrong),
            t.share(t.far_wrong),
            t.share(t.missing),
            r.own_date.accuracy(),
            r.story_dated.accuracy(),
        );
    };
    row("annals", r);
    if let Some(b) = baseline {
        row("naive reader", b);
    }
    let _ = writeln!(
        s,
        "\n{:<34} {:>6} {:>8} {:>8} {:>9} {:>10}",
        "document", "words", "entries", "per 1000", "happenings", "accuracy"
    );
    for (name, d) in &r.documents {
        let _ = writeln!(
            s,
            "{:<34} {:>6} {:>8} {:>8.1} {:>9} {:>9.1}%",
            name,
            d.words,
            d.entries,
            1000.0 * d.entries as f64 / d.words.max(1) as f64,
            d.tally.gold,
            d.tally.accuracy()
        );
    }
    let _ = writeln!(s, "\nconfidence   entries  right   mean conf");
    for b in r.bins.iter().filter(|b| b.entries > 0) {
        let _ = writeln!(
            s,
            "{:.1}-{:.1}     {:>7} {:>6.1}% {:>9.2}",
            b.low,
            b.high,
            b.entries,
            100.0 * b.right as f64 / b.entries as f64,
            b.mean_confidence
        );
    }
    let _ = writeln!(
        s,
        "expected calibration error {:.3}; confidence >= 0.6: {} entries, {:.1}% right",
        r.ece,
        r.confident,
        if r.confident == 0 {
            0.0
        } else {
            100.0 * r.confident_right as f64 / r.confident as f64
        }
    );
    s
}
