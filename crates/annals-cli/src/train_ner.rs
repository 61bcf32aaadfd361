//! `annals train ner`: train the named-entity model on GUM and score it.

use annals::entity::gum::{self, Document, SpanScores, Split};
use annals::entity::ner::{self, EntityType, Lexicon, NerTagger, TrainEvent, TrainOptions};
use anyhow::Context;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Arguments of `annals train ner`.
#[derive(clap::Args, Debug)]
#[command(after_help = HELP)]
pub struct NerArgs {
    /// The shared data folder (holding gum/ and ud-english-ewt/).
    #[arg(long, default_value = "../shared/data")]
    pub data: PathBuf,
    /// Where to write the model.
    #[arg(long, default_value = "data/ner-gum.bin")]
    pub out: PathBuf,
    /// Passes over the training data.
    #[arg(long, default_value_t = TrainOptions::default().epochs)]
    pub epochs: usize,
    /// Models trained with different shuffles and summed into one.
    #[arg(long, default_value_t = TrainOptions::default().ensemble)]
    pub ensemble: usize,
    /// Seed of the sentence shuffle.
    #[arg(long, default_value_t = TrainOptions::default().seed)]
    pub seed: u64,
    /// Train without the gazetteer features.
    #[arg(long)]
    pub no_gazetteer: bool,
    /// Train without UPOS features from the bundled POS tagger.
    #[arg(long)]
    pub no_pos: bool,
    /// Do not train: tag GUM test with the bundled model (or --model) and write words, gold
    /// UPOS, gold spans and predicted spans as JSON (used by benches/peers/spacy_ner_gum.py).
    #[arg(long, hide = true, value_name = "FILE")]
    pub dump_test: Option<PathBuf>,
    /// The model for --dump-test instead of the bundled one.
    #[arg(long, hide = true, value_name = "FILE")]
    pub model: Option<PathBuf>,
}

const HELP: &str = "\
Trains on GUM's training documents outside the non-commercial genres (essay, fiction, letter,
podcast, whow are left out because their texts are CC BY-NC-SA), prints the span F1 on GUM dev
after each epoch and the final precision, recall and F1 per type on GUM test (all genres, and
the documents outside the non-commercial genres), then writes the model. UPOS ambiguity classes
come from UD English EWT's training file. The same data, epochs and seed give the same model.

Examples:
  annals train ner
  annals train ner --data ../shared/data --out data/ner-gum.bin --epochs 10
";

pub fn run(args: NerArgs) -> anyhow::Result<()> {
    let gum_dir = args.data.join("gum");
    if let Some(out) = &args.dump_test {
        return dump_test(&gum_dir, args.model.as_deref(), out);
    }
    let started = Instant::now();
    let read = |split, nc| {
        gum::read_split(&gum_dir, split, nc)
            .with_context(|| format!("reading GUM {} from {}", split.name(), gum_dir.display()))
    };
    let train_docs = read(Split::Train, false)?;
    let dev = read(Split::Dev, true)?;
    let test = read(Split::Test, true)?;
    let ewt_path = args.data.join("ud-english-ewt/en_ewt-ud-train.conllu");
    let ewt_text = std::fs::read_to_string(&ewt_path)
        .with_context(|| format!("reading {}", ewt_path.display()))?;
    let ewt = gum::parse_conllu(&ewt_text, &ewt_path)?;
    let lexicon = Lexicon::build(ewt.iter(), 1);
    let genres: std::collections::BTreeSet<&str> =
        train_docs.iter().map(|d| d.genre.as_str()).collect();
    eprintln!(
        "training on {} GUM documents ({}), {} sentences, {} entities; lexicon of {} EWT forms",
        train_docs.len(),
        genres.into_iter().collect::<Vec<_>>().join(", "),
        train_docs.iter().map(|d| d.sentences.len()).sum::<usize>(),
        count_entities(&train_docs),
        lexicon.len()
    );
    let opts = TrainOptions {
        epochs: args.epochs,
        seed: args.seed,
        ensemble: args.ensemble,
        use_pos: !args.no_pos,
        gazetteer: !args.no_gazetteer,
    };
    let percent = |c: gum::Counts| {
        format!(
            "{:5.1} (P {:5.1}, R {:5.1})",
            100.0 * c.f1(),
            100.0 * c.precision(),
            100.0 * c.recall()
        )
    };
    let tagger = ner::train(&train_docs, &dev, lexicon, &opts, |event| match event {
        TrainEvent::Epoch { member, epoch, dev } => {
            eprintln!(
                "model {member}, epoch {epoch:>2}: dev span F1 {}",
                percent(dev.micro())
            )
        }
        TrainEvent::Ensemble { members, dev } => {
            eprintln!(
                "sum of {members} models:   dev span F1 {}",
                percent(dev.micro())
            )
        }
    })?;
    let trained = started.elapsed();
    let (non_nc, _): (Vec<Document>, Vec<Document>) =
        test.iter().cloned().partition(|d| !d.is_non_commercial());
    println!(
        "GUM test, all {} documents ({} entities):",
        test.len(),
        count_entities(&test)
    );
    print_scores(&tagger.evaluate(&test));
    println!(
        "GUM test, {} documents outside the non-commercial genres ({} entities):",
        non_nc.len(),
        count_entities(&non_nc)
    );
    print_scores(&tagger.evaluate(&non_nc));
    let bytes = tagger.to_bytes();
    if let Some(dir) = args.out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    std::fs::write(&args.out, &bytes).with_context(|| format!("writing {}", args.out.display()))?;
    println!(
        "wrote {} ({:.2} MB) after {:.1} s of reading and training",
        args.out.display(),
        bytes.len() as f64 / 1e6,
        trained.as_secs_f64()
    );
    Ok(())
}

fn count_entities(docs: &[Document]) -> usize {
    docs.iter()
        .flat_map(|d| &d.sentences)
        .map(|s| s.entities.len())
        .sum()
}

fn print_scores(scores: &SpanScores) {
    println!("  type      P      R     F1   gold");
    let rows = EntityType::ALL
        .iter()
        .map(|t| (t.as_str(), scores.get(*t)))
        .chain([("micro", scores.micro())]);
    for (name, c) in rows {
        println!(
            "  {name:<5} {:6.1} {:6.1} {:6.1} {:6}",
            100.0 * c.precision(),
            100.0 * c.recall(),
            100.0 * c.f1(),
            c.gold()
        );
    }
}

/// The JSON for the peer comparison: per document, per sentence, words, gold UPOS, gold spans
/// and the model's spans (normalised as the gold ones), each span `[start, end, type]`.
fn dump_test(gum_dir: &Path, model: Option<&Path>, out: &Path) -> anyhow::Result<()> {
    let loaded;
    let tagger = match model {
        Some(path) => {
            let bytes =
                std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
            loaded = NerTagger::from_bytes(&bytes)
                .with_context(|| format!("loading {}", path.display()))?;
            &loaded
        }
        None => NerTagger::bundled(),
    };
    let test = gum::read_split(gum_dir, Split::Test, true)
        .with_context(|| format!("reading GUM test from {}", gum_dir.display()))?;
    let spans = |spans: &[gum::EntitySpan]| -> Vec<serde_json::Value> {
        spans
            .iter()
            .map(|e| serde_json::json!([e.start, e.end, e.etype.as_str()]))
            .collect()
    };
    let docs: Vec<serde_json::Value> = test
        .iter()
        .map(|d| {
            let predicted = tagger.predict_document(d);
            let sentences: Vec<serde_json::Value> = d
                .sentences
                .iter()
                .zip(&predicted)
                .map(|(s, p)| {
                    serde_json::json!({
                        "words": s.forms,
                        "upos": s.upos,
                        "gold": spans(&s.entities),
                        "annals": spans(p),
                    })
                })
                .collect();
            serde_json::json!({"name": d.name, "genre": d.genre, "sentences": sentences})
        })
        .collect();
    let json = serde_json::json!({ "source": "GUM V11.1.0 test split", "documents": docs });
    std::fs::write(out, serde_json::to_string(&json)?)
        .with_context(|| format!("writing {}", out.display()))?;
    Ok(())
}
