//! `annals train`: rebuild the bundled models from the shared training data.

use annals::entity::gum::{self, Split};
use annals::tagging::{self, conllu, PosTagger, TrainOptions};
use anyhow::{bail, Context};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Arguments of `annals train`. The one-line summary lives in main.rs.
#[derive(clap::Args, Debug)]
#[command(after_help = HELP)]
pub struct Args {
    #[command(subcommand)]
    pub model: Model,
}

#[derive(clap::Subcommand, Debug)]
pub enum Model {
    /// Part-of-speech tagger (UPOS) from UD English EWT and GUM, written to data/pos-ud.bin.
    #[command(after_help = POS_HELP)]
    Pos(PosArgs),
    /// Named-entity tagger (PER, LOC, ORG) from GUM, written to data/ner-gum.bin.
    Ner(crate::train_ner::NerArgs),
    /// Event tagger (TimeML EVENT words and classes) from TBAQ-cleaned, written to
    /// data/event-tbaq.bin.
    Event(crate::train_event::EventArgs),
    /// Entry confidence (a calibrated probability that the date is right) from the hand-dated
    /// happenings of data/dev/history/tune, written to data/confidence.json.
    Confidence(crate::train_confidence::ConfidenceArgs),
}

#[derive(clap::Args, Debug)]
pub struct PosArgs {
    /// The shared data folder; it must hold ud-english-ewt/en_ewt-ud-{train,dev,test}.conllu
    /// and, unless --no-gum, gum/ (dep/ and splits/).
    #[arg(long, value_name = "DIR", default_value = "../shared/data")]
    pub data: PathBuf,
    /// Where to write the model (the bundled one is data/pos-ud.bin; rebuild annals to use it).
    #[arg(long, value_name = "FILE", default_value = "data/pos-ud.bin")]
    pub out: PathBuf,
    /// Train on EWT alone, without GUM's training documents.
    #[arg(long)]
    pub no_gum: bool,
    /// Passes over the training data.
    #[arg(long, value_name = "N", default_value_t = TrainOptions::default().epochs)]
    pub epochs: usize,
    /// Seed of the shuffle before each pass (the same seed gives the same bytes).
    #[arg(long, value_name = "N", default_value_t = TrainOptions::default().seed)]
    pub seed: u64,
}

const HELP: &str = "\
Training is deterministic: the same data, command and build give a byte-identical model. Run it
in release mode from the repository root, then rebuild to bundle the new model:

  cargo run --release -p annals-cli -- train pos

Provenance, licences and the scores of the committed models are in data/PROVENANCE.md.
";

const POS_HELP: &str = "\
Trains on en_ewt-ud-train.conllu and the documents of GUM's train split outside its
non-commercial genres, prints UPOS accuracy on en_ewt-ud-dev.conllu after every epoch (progress
goes to standard error), then scores the final model on GUM dev and once on en_ewt-ud-test.conllu,
the official test file, which is used for nothing else. GUM adds news, interviews, biographies,
travel guides, academic and spoken English to EWT's web text. The model is derived from EWT
(CC BY-SA 4.0) and GUM's annotations (CC BY 4.0), so it carries CC BY-SA 4.0.

Examples:
  annals train pos
  annals train pos --epochs 5 --out /tmp/pos.bin
  annals train pos --no-gum --out /tmp/pos-ewt.bin
  annals train pos --data /path/to/shared/data
";

pub fn run(args: Args) -> anyhow::Result<()> {
    match args.model {
        Model::Pos(a) => train_pos(a),
        Model::Ner(a) => crate::train_ner::run(a),
        Model::Event(a) => crate::train_event::run(a),
        Model::Confidence(a) => crate::train_confidence::run(a),
    }
}

fn read_split(dir: &Path, split: &str) -> anyhow::Result<Vec<conllu::Sentence>> {
    let path = dir.join(format!("en_ewt-ud-{split}.conllu"));
    let start = Instant::now();
    let sentences = conllu::read(&path)?;
    report_read(&path.display().to_string(), &sentences, start);
    Ok(sentences)
}

/// One line on standard error: what was read, how many sentences and words, and how long it took.
fn report_read(what: &str, sentences: &[conllu::Sentence], start: Instant) {
    let words: usize = sentences.iter().map(|s| s.words.len()).sum();
    eprintln!(
        "read {what}: {} sentences, {words} words ({:.1} s)",
        sentences.len(),
        start.elapsed().as_secs_f64()
    );
}

fn train_pos(args: PosArgs) -> anyhow::Result<()> {
    if args.epochs == 0 {
        bail!("--epochs must be at least 1");
    }
    let dir = args.data.join("ud-english-ewt");
    if !dir.join("en_ewt-ud-train.conllu").is_file() {
        bail!(
            "{} has no en_ewt-ud-train.conllu: point --data at the shared data folder \
             (the one holding ud-english-ewt/), e.g. --data ../shared/data",
            dir.display()
        );
    }
    let mut train = read_split(&dir, "train")?;
    let gum = args.data.join("gum");
    if !args.no_gum {
        train.extend(read_gum(&gum, Split::Train)?);
    }
    // GUM dev is scored either way, so the two kinds of model compare on other genres than
    // EWT's; without --no-gum a missing GUM has already stopped the run.
    let gum_dev = if gum.is_dir() {
        read_gum(&gum, Split::Dev)?
    } else {
        Vec::new()
    };
    let dev = read_split(&dir, "dev")?;
    let test = read_split(&dir, "test")?;
    let opts = TrainOptions {
        epochs: args.epochs,
        seed: args.seed,
        ..TrainOptions::default()
    };
    let start = Instant::now();
    let mut tagger = tagging::train(&train, &dev, &opts, |r| {
        let dev = r
            .dev
            .map_or(String::new(), |d| format!(", dev {:.2}%", d.percent()));
        eprintln!(
            "epoch {}/{}: train {:.2}%{dev} ({:.1} s)",
            r.epoch,
            r.epochs,
            r.train.percent(),
            start.elapsed().as_secs_f64()
        );
    })
    .context("training the part-of-speech tagger")?;
    let train_secs = start.elapsed().as_secs_f64();
    let score = |name: &str, gold: &[conllu::Sentence]| {
        let a = tagging::accuracy(&tagger, gold);
        format!("{name} {:.2}% ({}/{})", a.percent(), a.correct, a.total)
    };
    let mut scores = vec![score("EWT dev", &dev)];
    if !gum_dev.is_empty() {
        scores.push(score("GUM dev", &gum_dev));
    }
    scores.push(score("EWT test", &test));
    let scores = scores.join(", ");
    let data = if args.no_gum {
        "UD English EWT (en_ewt-ud-train.conllu), CC BY-SA 4.0, so this model is CC BY-SA 4.0 too"
    } else {
        "UD English EWT (en_ewt-ud-train.conllu), CC BY-SA 4.0, and GUM train outside the \
         non-commercial genres, annotations CC BY 4.0, so this model is CC BY-SA 4.0"
    };
    let description = format!(
        "{}. Data: {data}. UPOS accuracy: {scores}.",
        tagger.description()
    );
    tagger.set_description(description);
    let bytes = tagger.to_bytes();
    // Check the file loads before it replaces a working one.
    PosTagger::from_bytes(&bytes).context("the new model does not load back")?;
    write_atomically(&args.out, &bytes)?;
    let (dict, features) = tagger.sizes();
    println!("UPOS accuracy: {scores}");
    println!(
        "wrote {}: {} bytes ({:.2} MB; {features} features, {dict} dictionary words), trained in {train_secs:.1} s",
        args.out.display(),
        bytes.len(),
        bytes.len() as f64 / 1e6,
    );
    Ok(())
}

/// The UD sentences of a GUM split, leaving out the non-commercial genres (models built from
/// them could not be used commercially).
fn read_gum(gum_dir: &Path, split: Split) -> anyhow::Result<Vec<conllu::Sentence>> {
    let start = Instant::now();
    let sentences = gum::read_ud_sentences(gum_dir, split).with_context(|| {
        format!(
            "reading GUM's {} split from {} (point --data at the shared data folder, or pass --no-gum)",
            split.name(),
            gum_dir.display()
        )
    })?;
    report_read(
        &format!("GUM {} (outside the non-commercial genres)", split.name()),
        &sentences,
        start,
    );
    Ok(sentences)
}

/// Write through a temporary file and rename, so an interrupted run never leaves half a model.
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".tmp");
    let tmp = PathBuf::from(tmp);
    std::fs::write(&tmp, bytes).with_context(|| format!("writing {}", tmp.display()))?;
    std::fs::rename(&tmp, path)
        .with_context(|| format!("renaming {} to {}", tmp.display(), path.display()))
}
