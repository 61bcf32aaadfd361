//! Training and scoring the event tagger on TimeML documents with gold EVENT tags.
//!
//! Documents are segmented and POS-tagged exactly as at tagging time, and their time
//! expressions come from annals' own time tagger (not the gold TIMEX3), so the model learns
//! from the inputs it will see. A gold EVENT marks the token it overlaps with its class.

use super::features::{token_features, Scratch};
use super::lemma::Lemmatizer;
use super::nouns::EventNouns;
use super::{argmax, can_be_event, previous, EventClass, EventTagger, LABELS, N_LABELS};
use crate::document::{Document, Span};
use crate::error::{Error, Result};
use crate::model::{ModelError, Perceptron, Prune, SplitMix64, Trainer};
use crate::pipeline::{Pipeline, TagOptions};
use crate::tagging::{PosTagger, Upos};
use serde::Serialize;
use std::path::PathBuf;

/// One sentence ready for training or scoring.
#[derive(Clone, Debug)]
pub struct LabelledSentence {
    pub words: Vec<String>,
    pub upos: Vec<Upos>,
    pub time: Vec<bool>,
    /// Gold label per word: 0 for none, else 1 + the class index.
    pub gold: Vec<usize>,
}

/// Split a TimeML document with gold EVENT tags into labelled sentences.
pub fn prepare(doc: &Document) -> Result<Vec<LabelledSentence>> {
    let analysis = Pipeline::new().analyse(doc, &TagOptions::default())?;
    let seg = &analysis.segmented;
    let upos = PosTagger::bundled().tag_segmented(&doc.text, seg);
    let times: Vec<Span> = analysis.timexes.iter().map(|t| t.span).collect();
    let mut events: Vec<(Span, usize)> = doc
        .gold
        .iter()
        .filter(|t| t.name == "EVENT")
        .map(|t| {
            let class = t.attr("class").and_then(EventClass::from_name);
            (t.span, class.map_or(0, EventClass::label))
        })
        .filter(|&(_, label)| label != 0)
        .collect();
    events.sort_by_key(|(s, _)| s.start);
    let mut out = Vec::new();
    for sentence in &seg.sentences {
        let tokens = &seg.tokens[sentence.tokens.clone()];
        let words = tokens
            .iter()
            .map(|t| t.text(&doc.text).to_string())
            .collect();
        let time = tokens
            .iter()
            .map(|t| super::in_any(&times, t.span))
            .collect();
        let gold = tokens
            .iter()
            .map(|t| {
                let i = events.partition_point(|(s, _)| s.end <= t.span.start);
                events
                    .get(i)
                    .filter(|(s, _)| s.overlaps(&t.span))
                    .map_or(0, |&(_, label)| label)
            })
            .collect();
        out.push(LabelledSentence {
            words,
            upos: upos[sentence.tokens.clone()].to_vec(),
            time,
            gold,
        });
    }
    Ok(out)
}

/// Extent and class figures of predicted against gold events (one word each, so extent match
/// is token identity).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct EventScores {
    pub gold: usize,
    pub system: usize,
    pub matched: usize,
    pub class_ok: usize,
}

impl EventScores {
    pub fn precision(&self) -> f64 {
        pct(self.matched, self.system)
    }
    pub fn recall(&self) -> f64 {
        pct(self.matched, self.gold)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    /// Share of matched events with the right class.
    pub fn class_accuracy(&self) -> f64 {
        pct(self.class_ok, self.matched)
    }
}

fn pct(n: usize, d: usize) -> f64 {
    if d == 0 {
        0.0
    } else {
        100.0 * n as f64 / d as f64
    }
}

impl EventTagger {
    /// Score the tagger on labelled sentences.
    pub fn evaluate(&self, sentences: &[LabelledSentence]) -> EventScores {
        let mut s = EventScores::default();
        let mut sc = Scratch::default();
        for sentence in sentences {
            let words: Vec<&str> = sentence.words.iter().map(String::as_str).collect();
            self.predict(&words, &sentence.upos, &sentence.time, &mut sc);
            for (&g, &p) in sentence.gold.iter().zip(&sc.labels) {
                s.gold += usize::from(g != 0);
                s.system += usize::from(p != 0);
                if g != 0 && p != 0 {
                    s.matched += 1;
                    s.class_ok += usize::from(g == p);
                }
            }
        }
        s
    }
}

/// Settings for [`train`].
#[derive(Clone, Debug)]
pub struct TrainOptions {
    pub epochs: usize,
    /// Seed of the per-epoch shuffle: the same seed and data give the same model.
    pub seed: u64,
    /// Models trained with successive seeds and summed (steadier than one on small data).
    pub ensemble: usize,
    /// Score head start of "no event" while training (an uneven-margin perceptron); 0 is the
    /// plain perceptron. Tagging never adds it, so the model leans towards events.
    pub margin: f32,
}

impl Default for TrainOptions {
    fn default() -> TrainOptions {
        TrainOptions {
            epochs: 10,
            seed: 0x6576_656e_7473,
            ensemble: 3,
            margin: 3.0,
        }
    }
}

/// Train on `train`, reporting `(member, epoch, dev scores)` after every epoch.
pub fn train(
    train: &[LabelledSentence],
    dev: &[LabelledSentence],
    lemmatizer: Lemmatizer,
    nouns: EventNouns,
    opts: &TrainOptions,
    mut progress: impl FnMut(usize, usize, &EventScores),
) -> Result<EventTagger> {
    let invalid = |e: ModelError| Error::Format {
        path: PathBuf::from("<event training>"),
        message: e.to_string(),
    };
    let labels: Vec<String> = LABELS.iter().map(|l| l.to_string()).collect();
    let empty = || Trainer::new(labels.clone()).and_then(|t| t.average(Prune::NONE));
    let mut tagger = EventTagger {
        model: empty().map_err(invalid)?,
        lemmatizer,
        nouns,
    };
    let mut members: Vec<Perceptron> = Vec::new();
    for member in 1..=opts.ensemble.max(1) {
        let mut trainer = Trainer::new(labels.clone()).map_err(invalid)?;
        let mut rng = SplitMix64::new(opts.seed.wrapping_add(member as u64 - 1));
        let mut order: Vec<usize> = (0..train.len()).collect();
        let mut sc = Scratch::default();
        let mut scores = Vec::with_capacity(N_LABELS);
        for epoch in 1..=opts.epochs.max(1) {
            rng.shuffle(&mut order);
            for &k in &order {
                let s = &train[k];
                let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
                sc.prepare(&words, &s.upos, &s.time, &tagger.lemmatizer, &tagger.nouns);
                for (i, &truth) in s.gold.iter().enumerate() {
                    // Words the tagger never considers are not training examples either.
                    if !can_be_event(words[i], s.upos.get(i), s.time[i]) {
                        sc.labels.push(0);
                        continue;
                    }
                    let (p1, p2) = previous(&sc.labels, i);
                    sc.features.clear();
                    token_features(&sc.toks, i, p1, p2, &mut sc.features);
                    trainer.predict(&sc.features, &mut scores);
                    // Uneven margins: "no event" gets a head start while training, so an
                    // event must win by `margin` to count as right. Events are the rarer label
                    // and the plain perceptron under-predicts them (recall trailed precision
                    // by 5-12 points in both cross-corpus directions).
                    scores[0] += opts.margin;
                    let guess = argmax(&scores);
                    trainer.update(&sc.features, truth, guess);
                    sc.labels.push(guess);
                }
            }
            trainer.end_epoch();
            tagger.model = trainer.average(Prune::NONE).map_err(invalid)?;
            progress(member, epoch, &tagger.evaluate(dev));
        }
        members.push(tagger.model.clone());
    }
    tagger.model =
        Perceptron::sum(&members).ok_or_else(|| invalid(ModelError::Invalid("ensemble".into())))?;
    Ok(tagger)
}
