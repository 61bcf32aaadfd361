//! How far to trust an entry's date: a probability, calibrated on hand-dated history texts.
//!
//! A logistic model over what the entry knows of how it got its date: from its own clause, its
//! sentence or the story line (and how many sentences back, across a paragraph break or not),
//! written in full or counted from the story, with a mod, at what precision, from a range. The
//! weights are fitted by `annals train confidence` on the tune half of `data/dev/history` (the
//! entries matched to its happenings, each right when exact or consistent) and bundled as
//! `data/confidence.json`; `data/PROVENANCE.md` says how. A confidence of 0.8 then means: of
//! entries like this one, about 80 in a hundred have the right date.

use super::Entry;
use crate::event::anchor::How;
use crate::time::{Anchoring, Granularity, Mod};
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

/// The names of the features, in the order of [`features`]; the model's first weight is the
/// intercept.
pub const FEATURES: [&str; 12] = [
    "how=sentence",
    "how=inherited",
    "no event",
    "counted from the story",
    "mod=start/mid/end",
    "mod=other",
    "day or finer",
    "year",
    "decade or coarser",
    "range",
    "ln(1+sentences back)",
    "paragraph break",
];

/// The feature values of an entry.
pub fn features(e: &Entry) -> [f64; FEATURES.len()] {
    let flag = |b: bool| if b { 1.0 } else { 0.0 };
    let g = e.granularity();
    [
        flag(e.how == Some(How::Sentence)),
        // A date from its actor's name is, like the story's, read from outside the sentence.
        flag(e.how.is_some_and(How::from_outside)),
        flag(e.how.is_none()),
        flag(e.anchoring != Anchoring::Explicit),
        flag(matches!(e.modifier, Some(Mod::Start | Mod::Mid | Mod::End))),
        flag(matches!(e.modifier, Some(m) if !matches!(m, Mod::Start | Mod::Mid | Mod::End))),
        flag(g >= Granularity::Day),
        flag(g == Granularity::Year),
        flag(g <= Granularity::Decade),
        flag(e.range.is_some()),
        (1.0 + f64::from(e.distance)).ln(),
        flag(e.paragraph_break),
    ]
}

/// The fitted weights, intercept first, and what they were fitted on.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Model {
    pub features: Vec<String>,
    pub weights: Vec<f64>,
    /// The gold the model was fitted on, and how many matched entries it had.
    pub trained_on: String,
    pub entries: usize,
}

static BUNDLED: LazyLock<Model> = LazyLock::new(|| {
    serde_json::from_slice(include_bytes!("../../../../data/confidence.json"))
        .expect("data/confidence.json is a confidence model")
});

impl Model {
    /// The probability that an entry with these features has the right date.
    pub fn probability(&self, x: &[f64; FEATURES.len()]) -> f64 {
        let z = self.weights[0]
            + self
                .weights
                .iter()
                .skip(1)
                .zip(x)
                .map(|(w, v)| w * v)
                .sum::<f64>();
        1.0 / (1.0 + (-z).exp())
    }

    /// Fit by Newton's method (iteratively reweighted least squares) with a small ridge, so
    /// that a feature the data never shows stays near zero.
    pub fn fit(samples: &[([f64; FEATURES.len()], bool)], trained_on: &str) -> Model {
        const RIDGE: f64 = 1.0;
        let n = FEATURES.len() + 1;
        let mut w = vec![0.0; n];
        let row = |x: &[f64; FEATURES.len()]| {
            let mut r = vec![1.0];
            r.extend_from_slice(x);
            r
        };
        for _ in 0..50 {
            let mut grad = vec![0.0; n];
            let mut hess = vec![vec![0.0; n]; n];
            for (x, y) in samples {
                let r = row(x);
                let z: f64 = r.iter().zip(&w).map(|(a, b)| a * b).sum();
                let p = 1.0 / (1.0 + (-z).exp());
                let y = if *y { 1.0 } else { 0.0 };
                for i in 0..n {
                    grad[i] += (p - y) * r[i];
                    for j in 0..n {
                        hess[i][j] += p * (1.0 - p) * r[i] * r[j];
                    }
                }
            }
            // The intercept is not shrunk.
            for i in 1..n {
                grad[i] += RIDGE * w[i];
                hess[i][i] += RIDGE;
            }
            let Some(step) = solve(hess, grad) else { break };
            let mut change = 0.0f64;
            for i in 0..n {
                w[i] -= step[i];
                change = change.max(step[i].abs());
            }
            if change < 1e-9 {
                break;
            }
        }
        Model {
            features: FEATURES.iter().map(|f| f.to_string()).collect(),
            weights: w.iter().map(|v| (v * 1e6).round() / 1e6).collect(),
            trained_on: trained_on.to_string(),
            entries: samples.len(),
        }
    }
}

/// Solve `a x = b` by Gaussian elimination with partial pivoting.
fn solve(mut a: Vec<Vec<f64>>, mut b: Vec<f64>) -> Option<Vec<f64>> {
    let n = b.len();
    for col in 0..n {
        let pivot = (col..n).max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))?;
        if a[pivot][col].abs() < 1e-12 {
            return None;
        }
        a.swap(col, pivot);
        b.swap(col, pivot);
        let (upper, lower) = a.split_at_mut(col + 1);
        let pivot_row = &upper[col];
        for (offset, row) in lower.iter_mut().enumerate() {
            let f = row[col] / pivot_row[col];
            for (x, p) in row[col..].iter_mut().zip(&pivot_row[col..]) {
                *x -= f * p;
            }
            b[col + 1 + offset] -= f * b[col];
        }
    }
    let mut x = vec![0.0; n];
    for i in (0..n).rev() {
        let s: f64 = (i + 1..n).map(|k| a[i][k] * x[k]).sum();
        x[i] = (b[i] - s) / a[i][i];
    }
    Some(x)
}

/// The bundled model's confidence in an entry, in hundredths.
pub fn of(e: &Entry) -> f32 {
    let p = BUNDLED.probability(&features(e));
    ((p * 100.0).round() / 100.0) as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fitting_recovers_a_rate() {
        // Entries with the first feature are right 90% of the time, the others 40%.
        let mut samples = Vec::new();
        for i in 0..200 {
            let mut x = [0.0; FEATURES.len()];
            x[0] = 1.0;
            samples.push((x, i % 10 != 0));
            samples.push(([0.0; FEATURES.len()], i % 10 < 4));
        }
        let m = Model::fit(&samples, "test");
        let mut x = [0.0; FEATURES.len()];
        x[0] = 1.0;
        assert!(
            (m.probability(&x) - 0.9).abs() < 0.05,
            "{}",
            m.probability(&x)
        );
        assert!((m.probability(&[0.0; FEATURES.len()]) - 0.4).abs() < 0.05);
    }
}
