//! `annals train event`: train the event tagger on TimeML EVENT annotation (TBAQ-cleaned).

use annals::event::lemma::Lemmatizer;
use annals::event::nouns::EventNouns;
use annals::event::train::{self, EventScores, LabelledSentence, TrainOptions};
use annals::event::EventTagger;
use annals::io::{self, ReadOptions};
use anyhow::{bail, Context};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Arguments of `annals train event`.
#[derive(clap::Args, Debug)]
#[command(after_help = HELP)]
pub struct EventArgs {
    /// Folders of TimeML files with gold EVENT tags to train on (sub-folders included).
    #[arg(
        long = "train",
        value_name = "DIR",
        default_values = ["../shared/data/timeml/tbaq-cleaned/TimeBank", "../shared/data/timeml/tbaq-cleaned/AQUAINT"]
    )]
    pub train: Vec<PathBuf>,
    /// A folder of TimeML files to score after every epoch and at the end (never trained on).
    #[arg(long, value_name = "DIR")]
    pub dev: Option<PathBuf>,
    /// UD English EWT training file, for the lemma table (with GUM train).
    #[arg(
        long,
        value_name = "FILE",
        default_value = "../shared/data/ud-english-ewt/en_ewt-ud-train.conllu"
    )]
    pub ewt: PathBuf,
    /// GUM folder (holding dep/ and splits/): its train documents add to the lemma table, and
    /// its train and dev documents say how often a noun heads an event mention
    /// (non-commercial genres left out).
    #[arg(long, value_name = "DIR", default_value = "../shared/data/gum")]
    pub gum: PathBuf,
    /// Where to write the model (the bundled one is data/event-tbaq.bin; rebuild to use it).
    #[arg(long, value_name = "FILE", default_value = "data/event-tbaq.bin")]
    pub out: PathBuf,
    /// Passes over the training data.
    #[arg(long, default_value_t = TrainOptions::default().epochs)]
    pub epochs: usize,
    /// Models trained with different shuffles and summed into one.
    #[arg(long, default_value_t = TrainOptions::default().ensemble)]
    pub ensemble: usize,
    /// Head start of "no event" while training: larger values trade precision for recall.
    #[arg(long, default_value_t = TrainOptions::default().margin)]
    pub margin: f32,
    /// Seed of the sentence shuffle.
    #[arg(long, default_value_t = TrainOptions::default().seed)]
    pub seed: u64,
}

const HELP: &str = "\
Every EVENT in TimeBank and AQUAINT is one word, so the tagger labels words: no event, or one of
the seven TimeML classes. Documents are segmented, POS-tagged and time-tagged by annals itself,
as they will be when tagging. The lemma table comes from UD English EWT, and how often a noun
names an event from GUM's entity layer (train and dev, non-commercial genres left out). The
same data, epochs and seed give the same model. TimeBank/AQUAINT are for research use (see data/PROVENANCE.md);
the training text is not copied into the model, only feature weights.

Cross-corpus scores (train on one part, score the other), as in data/PROVENANCE.md:
  annals train event --train ../shared/data/timeml/tbaq-cleaned/TimeBank \\
      --dev ../shared/data/timeml/tbaq-cleaned/AQUAINT --out /tmp/event-tb.bin
  annals train event --train ../shared/data/timeml/tbaq-cleaned/AQUAINT \\
      --dev ../shared/data/timeml/tbaq-cleaned/TimeBank --out /tmp/event-aq.bin

The bundled model (both parts):
  cargo run --release -p annals-cli -- train event
";

pub fn run(args: EventArgs) -> anyhow::Result<()> {
    if args.epochs == 0 || args.ensemble == 0 {
        bail!("--epochs and --ensemble must be at least 1");
    }
    if !(args.margin.is_finite() && args.margin >= 0.0) {
        bail!("--margin must be a finite number, at least 0");
    }
    let started = Instant::now();
    let lemmatizer = Lemmatizer::from_ud_corpora(&args.ewt, &args.gum).with_context(|| {
        format!(
            "reading the lemma table's sources {} and {} (point --ewt at UD English EWT's \
             training file and --gum at the GUM folder holding dep/ and splits/)",
            args.ewt.display(),
            args.gum.display()
        )
    })?;
    eprintln!(
        "lemma table: {} forms from {} and GUM train",
        lemmatizer.len(),
        args.ewt.display()
    );
    let nouns = EventNouns::read_gum(&args.gum).with_context(|| {
        format!(
            "reading {} (point --gum at the GUM folder holding dep/ and splits/)",
            args.gum.display()
        )
    })?;
    eprintln!(
        "event nouns: {} noun lemmas from {}",
        nouns.len(),
        args.gum.display()
    );
    let mut train_sentences = Vec::new();
    for dir in &args.train {
        train_sentences.extend(read_folder(dir)?);
    }
    let dev = match &args.dev {
        Some(dir) => read_folder(dir)?,
        None => Vec::new(),
    };
    eprintln!(
        "{} training sentences, {} dev sentences ({:.1} s)",
        train_sentences.len(),
        dev.len(),
        started.elapsed().as_secs_f64()
    );
    let opts = TrainOptions {
        epochs: args.epochs,
        seed: args.seed,
        ensemble: args.ensemble,
        margin: args.margin,
    };
    let tagger = train::train(
        &train_sentences,
        &dev,
        lemmatizer,
        nouns,
        &opts,
        |m, e, s| {
            if args.dev.is_some() {
                eprintln!("member {m} epoch {e}: dev {}", describe(s));
            } else {
                eprintln!("member {m} epoch {e} done");
            }
        },
    )
    .context("training the event tagger")?;
    let bytes = tagger.to_bytes();
    EventTagger::from_bytes(&bytes).context("the new model does not load back")?;
    if !dev.is_empty() {
        println!("dev: {}", describe(&tagger.evaluate(&dev)));
    }
    println!(
        "train (seen): {}",
        describe(&tagger.evaluate(&train_sentences))
    );
    crate::train_cmd::write_atomically(&args.out, &bytes)?;
    println!(
        "wrote {}: {} bytes, {} weights ({:.1} s)",
        args.out.display(),
        bytes.len(),
        tagger.n_weights(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn describe(s: &EventScores) -> String {
    format!(
        "extent P {:.2} R {:.2} F1 {:.2}, class accuracy {:.2} (gold {}, system {}, matched {})",
        s.precision(),
        s.recall(),
        s.f1(),
        s.class_accuracy(),
        s.gold,
        s.system,
        s.matched
    )
}

/// Every .tml file under `dir`, read and labelled, in path order.
fn read_folder(dir: &Path) -> anyhow::Result<Vec<LabelledSentence>> {
    let mut files: Vec<PathBuf> = walk(dir)?;
    files.sort();
    if files.is_empty() {
        bail!("{} holds no .tml files", dir.display());
    }
    let mut out = Vec::new();
    for f in files {
        let doc = io::read_path(&f, &ReadOptions::default())?;
        if !doc.gold.iter().any(|t| t.name == "EVENT") {
            bail!("{} has no EVENT tags to learn from", f.display());
        }
        out.extend(train::prepare(&doc).with_context(|| format!("labelling {}", f.display()))?);
    }
    Ok(out)
}

fn walk(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let entries = std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))?;
    for entry in entries {
        let path = entry?.path();
        if path.is_dir() {
            out.extend(walk(&path)?);
        } else if path.extension().is_some_and(|e| e == "tml") {
            out.push(path);
        }
    }
    Ok(out)
}
