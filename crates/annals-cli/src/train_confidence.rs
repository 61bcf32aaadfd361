//! `annals train confidence`: fit the entry confidence model on hand-dated happenings.

use annals::eval::timeline as score;
use annals::pipeline::Pipeline;
use annals::timeline::confidence::{self, Model};
use annals::timeline::Entry;
use anyhow::Context;
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct ConfidenceArgs {
    /// Gold happenings to fit on (a .jsonl file or a folder of them, texts beside them).
    #[arg(long, value_name = "PATH", default_value = "data/dev/history/tune")]
    pub gold: PathBuf,
    /// Where to write the model (the bundled one is data/confidence.json; rebuild annals to
    /// use it).
    #[arg(long, value_name = "FILE", default_value = "data/confidence.json")]
    pub out: PathBuf,
}

/// The timelines of the gold texts, built as `annals timeline` builds them, with the features of
/// each entry that matches a happening and whether its date is right.
pub fn samples(
    gold: &[score::GoldDocument],
) -> anyhow::Result<Vec<([f64; confidence::FEATURES.len()], bool)>> {
    let pipeline = Pipeline::new();
    let mut entries: Vec<Entry> = Vec::new();
    let mut system = Vec::new();
    for g in gold {
        let t = g
            .timeline(&pipeline, false)
            .with_context(|| format!("analysing {}", g.path.display()))?;
        for mut e in score::entries_of(&t) {
            e.index += entries.len();
            system.push(e);
        }
        entries.extend(t.entries);
    }
    let report = score::score(gold, &system);
    Ok(report
        .items
        .iter()
        .filter_map(|i| {
            let e = &entries[i.entry?];
            Some((confidence::features(e), i.outcome.is_right()))
        })
        .collect())
}

pub fn run(args: ConfidenceArgs) -> anyhow::Result<()> {
    let gold = score::read_gold(&args.gold)
        .with_context(|| format!("reading the gold happenings in {}", args.gold.display()))?;
    let samples = samples(&gold)?;
    let model = Model::fit(&samples, &args.gold.display().to_string());
    let right = samples.iter().filter(|(_, y)| *y).count();
    eprintln!(
        "fitted on {} matched entries of {} happenings ({right} right)",
        samples.len(),
        gold.iter().map(|g| g.items.len()).sum::<usize>()
    );
    for (name, w) in std::iter::once(&"intercept")
        .chain(confidence::FEATURES.iter())
        .zip(&model.weights)
    {
        eprintln!("  {name:<26} {w:+.3}");
    }
    let mut json = serde_json::to_string_pretty(&model)?;
    json.push('\n');
    crate::train_cmd::write_atomically(&args.out, json.as_bytes())?;
    eprintln!("wrote {}; rebuild annals to bundle it", args.out.display());
    Ok(())
}
