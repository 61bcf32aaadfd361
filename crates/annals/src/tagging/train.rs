//! Training and scoring the part-of-speech tagger (used by `annals train pos`).

use super::conllu::Sentence;
use super::features::{
    describe, exact_hash, extract, Scratch, TokenInfo, FEATURE_SET, START_TAG, UNSEEN,
};
use super::{PosTagger, State, Upos};
use crate::model::{FeatureMap, ModelError, Prune, SplitMix64, Trainer};
use std::collections::HashMap;

/// Training settings. The defaults are the ones the bundled model was trained with.
#[derive(Clone, Debug, PartialEq)]
pub struct TrainOptions {
    /// Passes over the training data; the order is shuffled before each.
    pub epochs: usize,
    /// Seed of the shuffle: the same data, seed and settings give the same model bytes.
    pub seed: u64,
    /// A word enters the tag dictionary if it occurs at least this often…
    pub dict_min_count: u32,
    /// …and carries its most frequent tag at least this share of the time.
    pub dict_min_ratio: f64,
    /// A tag belongs to a word's ambiguity class if it carries at least this share of the
    /// word's occurrences (so one annotation slip does not widen a class).
    pub lexicon_min_share: f64,
    pub prune: Prune,
}

impl Default for TrainOptions {
    fn default() -> TrainOptions {
        TrainOptions {
            epochs: 10,
            seed: 1920,
            // Honnibal's thresholds: frequent enough that the share is reliable, and ambiguous
            // in under 3% of uses, below what the model itself gets wrong.
            dict_min_count: 20,
            dict_min_ratio: 0.97,
            lexicon_min_share: 0.05,
            prune: Prune {
                min_count: 2,
                min_weight: 0.001,
            },
        }
    }
}

/// Tagging accuracy: correct words out of all words.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Accuracy {
    pub correct: usize,
    pub total: usize,
}

impl Accuracy {
    /// As a percentage (0 for no words).
    pub fn percent(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            100.0 * self.correct as f64 / self.total as f64
        }
    }
}

/// What [`train`] reports after each epoch.
#[derive(Clone, Copy, Debug)]
pub struct EpochReport {
    /// 1-based.
    pub epoch: usize,
    pub epochs: usize,
    /// Accuracy of the model's own greedy guesses while it learned during this epoch.
    pub train: Accuracy,
    /// Accuracy of the averaged model on the development sentences (`None` without any).
    pub dev: Option<Accuracy>,
}

fn gold_classes(s: &Sentence) -> Result<Vec<u8>, ModelError> {
    s.words
        .iter()
        .map(|w| {
            Upos::from_name(&w.upos).map(|u| u as u8).ok_or_else(|| {
                ModelError::Invalid(format!(
                    "unknown UPOS tag {:?} for {:?} in the training data",
                    w.upos, w.form
                ))
            })
        })
        .collect()
}

/// The tag dictionary: frequent words that (nearly) always carry the same tag.
fn tag_dictionary(train: &[Sentence], gold: &[Vec<u8>], opts: &TrainOptions) -> FeatureMap<u8> {
    let mut counts: HashMap<&str, [u32; 17]> = HashMap::new();
    for (s, g) in train.iter().zip(gold) {
        for (w, &c) in s.words.iter().zip(g) {
            counts.entry(w.form.as_str()).or_insert([0; 17])[c as usize] += 1;
        }
    }
    let mut dict = FeatureMap::default();
    for (form, by_tag) in counts {
        let total: u32 = by_tag.iter().sum();
        // The lowest index wins a tie, so the result does not depend on map order.
        let (best, &n) = by_tag
            .iter()
            .enumerate()
            .rev()
            .max_by_key(|&(_, n)| n)
            .unwrap_or((0, &0));
        if total >= opts.dict_min_count && f64::from(n) >= opts.dict_min_ratio * f64::from(total) {
            dict.insert(exact_hash(form), best as u8);
        }
    }
    dict
}

fn tag_set(counts: &[u32; 17], min_share: f64) -> u32 {
    let total: u32 = counts.iter().sum();
    let mut mask = 0;
    for (t, &n) in counts.iter().enumerate() {
        if n > 0 && f64::from(n) >= min_share * f64::from(total) {
            mask |= 1 << t;
        }
    }
    mask
}

/// The lexicon of ambiguity classes (by exact and by lowercased form), and each training token's
/// own class computed without that token (leave-one-out). Without leaving it out, every word
/// seen once would arrive with its answer attached, and the model would learn to trust classes
/// far more than it can on new text, where rare words are mostly unseen.
fn ambiguity_classes(
    infos: &mut [Vec<TokenInfo>],
    gold: &[Vec<u8>],
    min_share: f64,
) -> FeatureMap<u32> {
    let mut counts: FeatureMap<[u32; 17]> = FeatureMap::default();
    for (s, g) in infos.iter().zip(gold) {
        for (t, &c) in s.iter().zip(g) {
            counts.entry(t.exact).or_insert([0; 17])[c as usize] += 1;
            counts.entry(t.lower).or_insert([0; 17])[c as usize] += 1;
        }
    }
    let without = |key: u64, own: u8| -> u32 {
        counts.get(&key).map_or(0, |c| {
            let mut c = *c;
            c[own as usize] = c[own as usize].saturating_sub(1);
            tag_set(&c, min_share)
        })
    };
    for (s, g) in infos.iter_mut().zip(gold) {
        for (t, &c) in s.iter_mut().zip(g) {
            let mut mask = without(t.exact, c);
            if mask == 0 {
                mask = without(t.lower, c);
            }
            t.ambiguity = if mask == 0 { UNSEEN } else { u64::from(mask) };
        }
    }
    counts
        .iter()
        .map(|(&k, c)| (k, tag_set(c, min_share)))
        .filter(|&(_, m)| m != 0)
        .collect()
}

/// Train a tagger on `train`, scoring the averaged model on `dev` after each epoch (pass `&[]`
/// to skip that). Deterministic: see [`TrainOptions::seed`].
pub fn train(
    train: &[Sentence],
    dev: &[Sentence],
    opts: &TrainOptions,
    mut progress: impl FnMut(&EpochReport),
) -> Result<PosTagger, ModelError> {
    let gold = train
        .iter()
        .map(gold_classes)
        .collect::<Result<Vec<_>, _>>()?;
    let dict = tag_dictionary(train, &gold, opts);
    // Tokens are described once: their string features do not change between epochs.
    let mut scratch = Scratch::default();
    let mut infos: Vec<Vec<TokenInfo>> = train
        .iter()
        .map(|s| {
            s.words
                .iter()
                .map(|w| describe(&w.form, &mut scratch))
                .collect()
        })
        .collect();
    let lexicon = ambiguity_classes(&mut infos, &gold, opts.lexicon_min_share);
    for s in &mut infos {
        super::features::sentence_style(s);
    }
    let classes = Upos::ALL.iter().map(|u| u.as_str().to_owned()).collect();
    let mut trainer = Trainer::new(classes)?;
    let mut order: Vec<usize> = (0..train.len()).collect();
    let mut rng = SplitMix64::new(opts.seed);
    let (mut feats, mut scores) = (Vec::new(), Vec::new());
    let words: usize = gold.iter().map(Vec::len).sum();
    let description = format!(
        "UPOS tagger: greedy averaged perceptron, feature set {FEATURE_SET}; trained on {} \
         sentences / {words} words; {} epochs, shuffle seed {}; tag dictionary: {} words seen \
         {}+ times with one tag {}%+ of the time; pruned features seen under {} times in the \
         data and weights of magnitude {} or less",
        train.len(),
        opts.epochs,
        opts.seed,
        dict.len(),
        opts.dict_min_count,
        opts.dict_min_ratio * 100.0,
        opts.prune.min_count,
        opts.prune.min_weight,
    );
    for epoch in 1..=opts.epochs {
        rng.shuffle(&mut order);
        let mut acc = Accuracy::default();
        for &s in &order {
            let (tokens, truth) = (&infos[s], &gold[s]);
            let (mut prev, mut prev2) = (START_TAG[0], START_TAG[1]);
            for (i, &t) in truth.iter().enumerate() {
                // Dictionary words are not learned from, just as they are not tagged by the model.
                let guess = match dict.get(&tokens[i].exact) {
                    Some(&c) => c as usize,
                    None => {
                        extract(tokens, i, prev, prev2, &mut feats);
                        let guess = trainer.predict(&feats, &mut scores);
                        trainer.update(&feats, t as usize, guess);
                        guess
                    }
                };
                acc.total += 1;
                acc.correct += usize::from(guess == t as usize);
                (prev, prev2) = (guess as u64, prev);
            }
        }
        trainer.end_epoch();
        let dev = if dev.is_empty() {
            None
        } else {
            let tagger = PosTagger::new(
                trainer.average(opts.prune)?,
                dict.clone(),
                lexicon.clone(),
                String::new(),
            )?;
            Some(accuracy(&tagger, dev))
        };
        progress(&EpochReport {
            epoch,
            epochs: opts.epochs,
            train: acc,
            dev,
        });
    }
    PosTagger::new(trainer.average(opts.prune)?, dict, lexicon, description)
}

/// UPOS accuracy of `tagger` on gold sentences (every syntactic word counts).
pub fn accuracy(tagger: &PosTagger, gold: &[Sentence]) -> Accuracy {
    let mut st = State::default();
    let mut tags = Vec::new();
    let mut acc = Accuracy::default();
    for s in gold {
        tags.clear();
        tagger.tag_forms(s.words.iter().map(|w| w.form.as_str()), &mut st, &mut tags);
        for (w, t) in s.words.iter().zip(&tags) {
            acc.total += 1;
            acc.correct += usize::from(w.upos == t.as_str());
        }
    }
    acc
}
