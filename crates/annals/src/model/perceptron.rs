//! A greedy averaged perceptron for sequence tagging (Collins 2002; the design of Honnibal's
//! "A good part-of-speech tagger in about 200 lines of Python").
//!
//! The model knows nothing about words: a caller turns each position into a list of hashed
//! features ([`super::FeatureHash`]), asks for the best class, and (when training) tells the
//! [`Trainer`] the true class. Taggers decode greedily left to right and feed the classes they
//! already predicted back in as features, so training uses the model's own guesses as history,
//! exactly as tagging will.
//!
//! Averaging: the final weight of each (feature, class) pair is its mean over every training
//! instance, which makes the perceptron far less sensitive to the last examples it saw. Summing
//! every weight after every instance would be quadratic, so each pair keeps a running total and
//! the instance number of its last change, and the total is brought up to date lazily.
//!
//! A trained [`Perceptron`] stores, per feature, only its non-zero class weights (most features
//! only ever separate two or three classes), which keeps the files small and scoring cache-friendly.
//!
//! # File format (version 1, little-endian)
//!
//! ```text
//! magic "ANNLSPCP", u32 version, then the section written by Perceptron::write:
//!   u32 n_classes, n_classes × (u32 length, UTF-8 name)
//!   u32 n_features, n_features × (u64 feature hash, u8 n, n × (u8 class, f32 weight))
//!     features in increasing hash order, classes in increasing order
//! u64 checksum of everything before it
//! ```

use super::{FeatureMap, ModelError, Reader, Writer};

const MAGIC: &[u8; 8] = b"ANNLSPCP";
const VERSION: u32 = 1;

/// Class indices are stored in one byte.
pub const MAX_CLASSES: usize = 255;

/// Packed to 5 bytes: scoring is bound by memory traffic, not by unaligned loads.
#[derive(Clone, Copy, Debug, PartialEq)]
#[repr(C, packed)]
struct Entry {
    weight: f32,
    class: u8,
}

/// A trained, averaged model: scores hashed features against named classes.
#[derive(Clone, Debug)]
pub struct Perceptron {
    classes: Vec<String>,
    /// Feature hash → range in `entries`.
    index: Table,
    entries: Vec<Entry>,
}

impl Perceptron {
    pub fn classes(&self) -> &[String] {
        &self.classes
    }

    /// Number of features with at least one weight.
    pub fn n_features(&self) -> usize {
        self.index.len()
    }

    /// Number of (feature, class) weights.
    pub fn n_weights(&self) -> usize {
        self.entries.len()
    }

    pub fn n_classes(&self) -> usize {
        self.classes.len()
    }

    /// The score of every class for `features` (unknown features count zero) into `scores`,
    /// which should have [`Perceptron::n_classes`] elements (classes beyond its end are skipped).
    #[inline]
    pub fn scores(&self, features: &[u64], scores: &mut [f32]) {
        scores.fill(0.0);
        for f in features {
            if let Some((start, end)) = self.index.get(*f) {
                // In bounds: `read` and `Trainer::average` only build ranges into `entries`.
                for e in self
                    .entries
                    .get(start as usize..end as usize)
                    .unwrap_or(&[])
                {
                    let Entry { weight, class } = *e;
                    if let Some(s) = scores.get_mut(class as usize) {
                        *s += weight;
                    }
                }
            }
        }
    }

    /// The best class for `features` (the lowest index on a tie, so an empty model answers 0).
    /// `scores` is scratch space, reused across calls to avoid allocating.
    #[inline]
    pub fn predict(&self, features: &[u64], scores: &mut Vec<f32>) -> usize {
        scores.resize(self.classes.len(), 0.0);
        self.scores(features, scores);
        argmax(scores)
    }

    /// Append this model's section (without magic, version or checksum) to `w`, for formats that
    /// embed a perceptron in a larger file.
    pub fn write(&self, w: &mut Writer) {
        w.len(self.classes.len());
        for c in &self.classes {
            w.str(c);
        }
        w.len(self.index.features.len());
        for &(f, start, end) in &self.index.features {
            let entries = self
                .entries
                .get(start as usize..end as usize)
                .unwrap_or(&[]);
            w.u64(f);
            w.u8(entries.len() as u8); // at most MAX_CLASSES entries per feature
            for e in entries {
                let Entry { weight, class } = *e;
                w.u8(class);
                w.f32(weight);
            }
        }
    }

    /// Read a section written by [`Perceptron::write`], validating it completely.
    pub fn read(r: &mut Reader<'_>) -> Result<Perceptron, ModelError> {
        let n_classes = r.len(4)?;
        if n_classes == 0 || n_classes > MAX_CLASSES {
            return Err(ModelError::Corrupt(format!(
                "{n_classes} classes (1 to {MAX_CLASSES} allowed)"
            )));
        }
        let mut classes = Vec::with_capacity(n_classes);
        for _ in 0..n_classes {
            classes.push(r.str()?.to_owned());
        }
        check_classes(&classes)?;
        // The smallest feature: hash, count and one (class, weight).
        let n_features = r.len(8 + 1 + 5)?;
        let mut index = Vec::with_capacity(n_features);
        let mut entries = Vec::with_capacity(n_features * 2);
        let mut last: Option<u64> = None;
        for _ in 0..n_features {
            let f = r.u64()?;
            if last.is_some_and(|l| l >= f) {
                return Err(ModelError::Corrupt("features out of order".into()));
            }
            last = Some(f);
            let n = r.u8()? as usize;
            if n == 0 || n > n_classes {
                return Err(ModelError::Corrupt(format!(
                    "a feature with {n} weights for {n_classes} classes"
                )));
            }
            let start = entries.len() as u32;
            let mut prev_class: Option<u8> = None;
            for _ in 0..n {
                let class = r.u8()?;
                if class as usize >= n_classes || prev_class.is_some_and(|p| p >= class) {
                    return Err(ModelError::Corrupt(format!("bad class index {class}")));
                }
                prev_class = Some(class);
                let weight = r.f32()?;
                entries.push(Entry { weight, class });
            }
            index.push((f, start, entries.len() as u32));
        }
        Ok(Perceptron {
            classes,
            index: Table::build(index)?,
            entries,
        })
    }

    /// The weight-wise sum of models with the same classes: an ensemble of models trained on
    /// different shuffles that scores like their average (sums and means rank classes alike) at
    /// the cost of one model. `None` for no models or differing classes.
    pub fn sum(models: &[Perceptron]) -> Option<Perceptron> {
        let first = models.first()?;
        if models.iter().any(|m| m.classes != first.classes) {
            return None;
        }
        let mut all: Vec<(u64, usize, u32, u32)> = models
            .iter()
            .enumerate()
            .flat_map(|(k, m)| m.index.features.iter().map(move |&(f, s, e)| (f, k, s, e)))
            .collect();
        all.sort_unstable_by_key(|&(f, k, _, _)| (f, k));
        let mut index = Vec::new();
        let mut entries = Vec::new();
        let mut weights = vec![0f32; first.classes.len()];
        for group in all.chunk_by(|a, b| a.0 == b.0) {
            weights.fill(0.0);
            for &(_, k, s, e) in group {
                for entry in models[k].entries.get(s as usize..e as usize).unwrap_or(&[]) {
                    let Entry { weight, class } = *entry;
                    if let Some(w) = weights.get_mut(class as usize) {
                        *w += weight;
                    }
                }
            }
            let start = entries.len() as u32;
            for (class, &weight) in weights.iter().enumerate() {
                if weight != 0.0 {
                    entries.push(Entry {
                        weight,
                        class: class as u8,
                    });
                }
            }
            if entries.len() as u32 > start {
                index.push((group[0].0, start, entries.len() as u32));
            }
        }
        Some(Perceptron {
            classes: first.classes.clone(),
            index: Table::build(index).ok()?,
            entries,
        })
    }

    /// A standalone model file.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer::new(MAGIC, VERSION);
        self.write(&mut w);
        w.finish()
    }

    /// Load a file written by [`Perceptron::to_bytes`]. Never panics: corrupt or truncated bytes
    /// give an error.
    pub fn from_bytes(bytes: &[u8]) -> Result<Perceptron, ModelError> {
        let mut r = Reader::open(bytes, MAGIC, "perceptron", VERSION)?;
        let p = Perceptron::read(&mut r)?;
        r.end()?;
        Ok(p)
    }
}

/// Feature hash → range of `entries`: an open-addressing table with linear probing, at most half
/// full, of 8-byte slots. Scoring is dominated by these lookups, and they are cache misses, so
/// the table is kept small and a probe touches one cache line: keys are already well-mixed
/// hashes, so their low bits pick the slot directly and their high 32 bits are kept as a
/// fingerprint (a false match needs ~50 bits to agree by chance); the range is packed as a 24-bit
/// start and an 8-bit length.
#[derive(Clone, Debug, Default)]
struct Table {
    slots: Vec<Slot>,
    /// (key, start, end) in increasing key order: the source of truth, for writing.
    features: Vec<(u64, u32, u32)>,
}

/// `range == 0` marks an empty slot: a stored feature has at least one entry.
#[derive(Clone, Copy, Debug, Default)]
struct Slot {
    fingerprint: u32,
    range: u32,
}

/// Entries are addressed with 24 bits.
const MAX_ENTRIES: usize = 1 << 24;

impl Table {
    /// `features` are (key, start, end) with distinct keys, `start < end`, `end - start` at most
    /// [`MAX_CLASSES`], and `end` at most [`MAX_ENTRIES`].
    fn build(mut features: Vec<(u64, u32, u32)>) -> Result<Table, ModelError> {
        features.sort_unstable_by_key(|&(f, _, _)| f);
        let capacity = (features.len() * 2).next_power_of_two().max(8);
        let mut slots = vec![Slot::default(); capacity];
        let mask = capacity - 1;
        for &(key, start, end) in &features {
            let len = end
                .checked_sub(start)
                .filter(|&n| n > 0 && n as usize <= MAX_CLASSES);
            let Some(len) = len.filter(|_| (end as usize) <= MAX_ENTRIES) else {
                return Err(ModelError::Invalid(format!(
                    "too many weights ({end}; at most {MAX_ENTRIES}): prune the model more"
                )));
            };
            let mut i = key as usize & mask;
            while slots[i].range != 0 {
                i = (i + 1) & mask;
            }
            slots[i] = Slot {
                fingerprint: (key >> 32) as u32,
                range: start << 8 | len,
            };
        }
        Ok(Table { slots, features })
    }

    #[inline]
    fn get(&self, key: u64) -> Option<(u32, u32)> {
        let mask = self.slots.len().checked_sub(1)?;
        let fingerprint = (key >> 32) as u32;
        let mut i = key as usize & mask;
        loop {
            let s = self.slots.get(i)?;
            if s.range == 0 {
                return None;
            }
            if s.fingerprint == fingerprint {
                let start = s.range >> 8;
                return Some((start, start + (s.range & 0xff)));
            }
            i = (i + 1) & mask;
        }
    }

    fn len(&self) -> usize {
        self.features.len()
    }
}

fn argmax(scores: &[f32]) -> usize {
    let mut best = 0;
    for (i, &s) in scores.iter().enumerate() {
        if s > scores[best] {
            best = i;
        }
    }
    best
}

fn check_classes(classes: &[String]) -> Result<(), ModelError> {
    if classes.is_empty() || classes.len() > MAX_CLASSES {
        return Err(ModelError::Invalid(format!(
            "{} classes (1 to {MAX_CLASSES} allowed)",
            classes.len()
        )));
    }
    for (i, c) in classes.iter().enumerate() {
        if classes[..i].contains(c) {
            return Err(ModelError::Invalid(format!("class {c:?} appears twice")));
        }
    }
    Ok(())
}

/// What [`Trainer::average`] leaves out, to keep the model small. Dropping tiny weights and
/// features seen once costs little accuracy: such features rarely fire on new text, and when
/// they do their weight is mostly noise from a single example.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Prune {
    /// Drop features that occurred fewer times than this during the first epoch (0 keeps all).
    pub min_count: u32,
    /// Drop averaged weights whose magnitude is at most this (zero weights are always dropped).
    pub min_weight: f32,
}

impl Prune {
    pub const NONE: Prune = Prune {
        min_count: 0,
        min_weight: 0.0,
    };
}

/// Trains a [`Perceptron`] one instance at a time.
///
/// ```
/// use annals::model::{FeatureHash, Prune, Trainer};
/// let mut t = Trainer::new(vec!["even".into(), "odd".into()]).unwrap();
/// let feats = |n: u64| vec![FeatureHash::new(1).u64(n % 2).finish()];
/// let mut scores = Vec::new();
/// for _epoch in 0..3 {
///     for n in 0..20u64 {
///         let guess = t.predict(&feats(n), &mut scores);
///         t.update(&feats(n), (n % 2) as usize, guess);
///     }
///     t.end_epoch();
/// }
/// let model = t.average(Prune::NONE).unwrap();
/// assert_eq!(model.predict(&feats(7), &mut scores), 1);
/// ```
#[derive(Clone, Debug)]
pub struct Trainer {
    classes: Vec<String>,
    /// Feature hash → row in the dense per-class arrays below.
    rows: FeatureMap<u32>,
    weights: Vec<f32>,
    /// Sum of each weight over all instances up to `stamps`.
    totals: Vec<f64>,
    /// The instance at which each weight last changed.
    stamps: Vec<u64>,
    counts: FeatureMap<u32>,
    counting: bool,
    instances: u64,
}

impl Trainer {
    pub fn new(classes: Vec<String>) -> Result<Trainer, ModelError> {
        check_classes(&classes)?;
        Ok(Trainer {
            classes,
            rows: FeatureMap::default(),
            weights: Vec::new(),
            totals: Vec::new(),
            stamps: Vec::new(),
            counts: FeatureMap::default(),
            counting: true,
            instances: 0,
        })
    }

    pub fn classes(&self) -> &[String] {
        &self.classes
    }

    /// The best class under the current (not averaged) weights, as training needs.
    pub fn predict(&self, features: &[u64], scores: &mut Vec<f32>) -> usize {
        let n = self.classes.len();
        scores.clear();
        scores.resize(n, 0.0);
        for f in features {
            if let Some(&row) = self.rows.get(f) {
                let row = row as usize * n;
                for (s, w) in scores.iter_mut().zip(&self.weights[row..row + n]) {
                    *s += w;
                }
            }
        }
        argmax(scores)
    }

    /// Learn from one instance: `truth` is the right class, `guess` what [`Trainer::predict`]
    /// said. Call it for every instance, right or wrong, since averaging counts instances.
    pub fn update(&mut self, features: &[u64], truth: usize, guess: usize) {
        self.instances += 1;
        if self.counting {
            for &f in features {
                *self.counts.entry(f).or_insert(0) += 1;
            }
        }
        let n = self.classes.len();
        if truth == guess || truth >= n || guess >= n {
            return;
        }
        for &f in features {
            let next_row = self.rows.len() as u32;
            let row = *self.rows.entry(f).or_insert(next_row);
            if row == next_row {
                self.weights.resize(self.weights.len() + n, 0.0);
                self.totals.resize(self.totals.len() + n, 0.0);
                self.stamps.resize(self.stamps.len() + n, 0);
            }
            let base = row as usize * n;
            for (class, delta) in [(truth, 1.0f32), (guess, -1.0f32)] {
                let i = base + class;
                self.totals[i] += (self.instances - self.stamps[i]) as f64 * self.weights[i] as f64;
                self.stamps[i] = self.instances;
                self.weights[i] += delta;
            }
        }
    }

    /// Mark the end of an epoch. Feature counts (for [`Prune::min_count`]) come from the first
    /// epoch only, so they count occurrences in the data, not in data × epochs.
    pub fn end_epoch(&mut self) {
        self.counting = false;
    }

    /// The averaged model so far; training may continue afterwards (used to score a dev set
    /// after each epoch).
    pub fn average(&self, prune: Prune) -> Result<Perceptron, ModelError> {
        let n = self.classes.len();
        let mut features: Vec<(u64, u32)> = self.rows.iter().map(|(&f, &r)| (f, r)).collect();
        features.sort_unstable_by_key(|&(f, _)| f);
        let mut index = Vec::new();
        let mut entries = Vec::new();
        let instances = self.instances.max(1) as f64;
        for (f, row) in features {
            if prune.min_count > 0 && self.counts.get(&f).copied().unwrap_or(0) < prune.min_count {
                continue;
            }
            let start = entries.len() as u32;
            let base = row as usize * n;
            for class in 0..n {
                let i = base + class;
                let total = self.totals[i]
                    + (self.instances - self.stamps[i]) as f64 * self.weights[i] as f64;
                let weight = (total / instances) as f32;
                if weight != 0.0 && weight.abs() > prune.min_weight {
                    entries.push(Entry {
                        weight,
                        class: class as u8,
                    });
                }
            }
            if entries.len() as u32 > start {
                index.push((f, start, entries.len() as u32));
            }
        }
        Ok(Perceptron {
            classes: self.classes.clone(),
            index: Table::build(index)?,
            entries,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{FeatureHash, SplitMix64};

    /// A toy tagging task: the class of a "word" is its number mod 3, except that words in
    /// 30..40 take the class of the previous position, which only a history feature can learn.
    fn toy_sequences(seed: u64, n: usize) -> Vec<Vec<(u64, usize)>> {
        let mut rng = SplitMix64::new(seed);
        (0..n)
            .map(|_| {
                let len = 1 + rng.below(8);
                let mut seq: Vec<(u64, usize)> = Vec::new();
                for _ in 0..len {
                    let w = rng.below(40) as u64;
                    let class = match seq.last() {
                        Some(&(_, prev)) if w >= 30 => prev,
                        _ => (w % 3) as usize,
                    };
                    seq.push((w, class));
                }
                seq
            })
            .collect()
    }

    fn toy_features(w: u64, prev: Option<usize>, out: &mut Vec<u64>) {
        out.clear();
        out.push(FeatureHash::new(0).finish());
        out.push(FeatureHash::new(1).u64(w).finish());
        let prev = prev.map_or(u64::MAX, |p| p as u64);
        out.push(FeatureHash::new(2).u64(prev).finish());
        out.push(FeatureHash::new(3).u64(prev).u64(w).finish());
    }

    fn classes() -> Vec<String> {
        ["A", "B", "C"].iter().map(|s| s.to_string()).collect()
    }

    fn tag(model: &Perceptron, seq: &[(u64, usize)]) -> Vec<usize> {
        let (mut feats, mut scores, mut out) = (Vec::new(), Vec::new(), Vec::new());
        for &(w, _) in seq {
            toy_features(w, out.last().copied(), &mut feats);
            out.push(model.predict(&feats, &mut scores));
        }
        out
    }

    fn train_toy() -> Perceptron {
        let mut data = toy_sequences(1, 300);
        let mut t = Trainer::new(classes()).unwrap();
        let (mut feats, mut scores) = (Vec::new(), Vec::new());
        let mut rng = SplitMix64::new(2);
        for _ in 0..8 {
            rng.shuffle(&mut data);
            for seq in &data {
                let mut prev = None;
                for &(w, truth) in seq {
                    toy_features(w, prev, &mut feats);
                    let guess = t.predict(&feats, &mut scores);
                    t.update(&feats, truth, guess);
                    prev = Some(guess);
                }
            }
            t.end_epoch();
        }
        t.average(Prune::NONE).unwrap()
    }

    #[test]
    fn sum_adds_weights_feature_by_feature() {
        let classes = vec!["a".to_string(), "b".to_string()];
        let f = |n: u64| FeatureHash::new(1).u64(n).finish();
        let train = |pairs: &[(u64, usize)]| {
            let mut t = Trainer::new(classes.clone()).unwrap();
            let mut scores = Vec::new();
            for &(x, y) in pairs {
                let guess = t.predict(&[f(x)], &mut scores);
                t.update(&[f(x)], y, guess);
            }
            t.average(Prune::NONE).unwrap()
        };
        let a = train(&[(1, 1), (2, 0)]);
        let b = train(&[(1, 1), (3, 1)]);
        let sum = Perceptron::sum(&[a.clone(), b.clone()]).unwrap();
        let mut s = [0f32; 2];
        let mut sa = [0f32; 2];
        let mut sb = [0f32; 2];
        for x in 1..=4 {
            sum.scores(&[f(x)], &mut s);
            a.scores(&[f(x)], &mut sa);
            b.scores(&[f(x)], &mut sb);
            assert_eq!(s, [sa[0] + sb[0], sa[1] + sb[1]]);
        }
        assert!(Perceptron::sum(&[]).is_none());
    }

    #[test]
    fn learns_a_toy_sequence_task() {
        let model = train_toy();
        let test = toy_sequences(99, 200);
        let (mut right, mut total) = (0, 0);
        for seq in &test {
            let got = tag(&model, seq);
            right += got.iter().zip(seq).filter(|(g, (_, c))| *g == c).count();
            total += seq.len();
        }
        assert!(right * 100 >= total * 99, "{right}/{total}");
    }

    #[test]
    fn round_trip_keeps_predictions_and_bytes() {
        let model = train_toy();
        let bytes = model.to_bytes();
        let loaded = Perceptron::from_bytes(&bytes).unwrap();
        assert_eq!(loaded.classes(), model.classes());
        assert_eq!(loaded.n_features(), model.n_features());
        assert_eq!(loaded.to_bytes(), bytes);
        let (mut a, mut b) = (Vec::new(), Vec::new());
        for seq in toy_sequences(5, 100) {
            assert_eq!(tag(&model, &seq), tag(&loaded, &seq));
            let mut feats = Vec::new();
            for &(w, _) in &seq {
                toy_features(w, Some(1), &mut feats);
                model.predict(&feats, &mut a);
                loaded.predict(&feats, &mut b);
                assert_eq!(a, b);
            }
        }
    }

    #[test]
    fn pruning_shrinks_the_model() {
        let mut t = Trainer::new(classes()).unwrap();
        let mut scores = Vec::new();
        let f = |x: u64| FeatureHash::new(1).u64(x).finish();
        for i in 0..50u64 {
            let feats = [f(i % 5), f(100 + i)]; // 100+i is seen once
            let g = t.predict(&feats, &mut scores);
            t.update(&feats, (i % 5 % 3) as usize, g);
        }
        let all = t.average(Prune::NONE).unwrap();
        let pruned = t
            .average(Prune {
                min_count: 2,
                min_weight: 0.0,
            })
            .unwrap();
        assert!(pruned.n_features() <= 5 && all.n_features() > 5);
    }

    #[test]
    fn corrupt_bytes_are_errors() {
        let bytes = train_toy().to_bytes();
        // Every truncation, and a flipped bit at every position.
        for len in 0..bytes.len() {
            assert!(Perceptron::from_bytes(&bytes[..len]).is_err(), "len {len}");
        }
        for i in 0..bytes.len() {
            let mut bad = bytes.clone();
            bad[i] ^= 0x10;
            assert!(Perceptron::from_bytes(&bad).is_err(), "byte {i}");
        }
        let mut longer = bytes.clone();
        longer.insert(20, 0);
        assert!(Perceptron::from_bytes(&longer).is_err());
    }

    type WriteCase = Box<dyn Fn(&mut Writer)>;

    #[test]
    fn well_checksummed_nonsense_is_an_error() {
        let cases: Vec<WriteCase> = vec![
            Box::new(|w| w.u32(0)), // no classes
            Box::new(|w| {
                w.u32(2);
                w.str("A");
                w.str("A"); // duplicate class
                w.u32(0);
            }),
            Box::new(|w| {
                w.u32(1);
                w.str("A");
                w.u32(1);
                w.u64(7);
                w.u8(1);
                w.u8(3); // class out of range
                w.f32(1.0);
            }),
            Box::new(|w| {
                w.u32(1);
                w.str("A");
                w.u32(1);
                w.u64(7);
                w.u8(1);
                w.u8(0);
                w.f32(f32::NAN);
            }),
            Box::new(|w| {
                w.u32(1);
                w.str("A");
                w.u32(2);
                for _ in 0..2 {
                    w.u64(7); // repeated feature
                    w.u8(1);
                    w.u8(0);
                    w.f32(1.0);
                }
            }),
            Box::new(|w| {
                w.u32(1);
                w.u32(2);
                w.u8(0xff); // invalid UTF-8
                w.u8(0xfe);
                w.u32(0);
            }),
        ];
        for (i, case) in cases.iter().enumerate() {
            let mut w = Writer::new(MAGIC, VERSION);
            case(&mut w);
            assert!(Perceptron::from_bytes(&w.finish()).is_err(), "case {i}");
        }
        // The smallest valid model loads.
        let mut w = Writer::new(MAGIC, VERSION);
        w.u32(1);
        w.str("A");
        w.u32(0);
        let empty = Perceptron::from_bytes(&w.finish()).unwrap();
        assert_eq!(empty.predict(&[1, 2, 3], &mut Vec::new()), 0);
    }

    #[test]
    fn trainer_rejects_bad_class_lists() {
        assert!(Trainer::new(vec![]).is_err());
        assert!(Trainer::new(vec!["x".into(), "x".into()]).is_err());
        assert!(Trainer::new((0..300).map(|i| i.to_string()).collect()).is_err());
    }
}
