//! Features of the event tagger: per-token values hashed once per sentence ([`Tok`]) and the
//! templates that combine them for one position ([`token_features`]).
//!
//! What makes a word an event in TimeML is mostly its word class and its lemma (verbs other
//! than auxiliaries; nouns such as "rebellion" or "treaty"; predicative adjectives), then its
//! neighbourhood ("the *signing* of", "*has* been", "to *withdraw*"). Derivational endings
//! ("-tion", "-ment", "-ure"), irregular nominalisations ("loss", "growth") and GUM's event
//! mentions carry the nouns the training data never shows.

use super::lemma::Lemmatizer;
use super::nouns::EventNouns;
use crate::model::FeatureHash;
use crate::tagging::Upos;

/// One token's hashed values.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Tok {
    lower: u64,
    lemma: u64,
    upos: u64,
    suffix3: u64,
    suffix4: u64,
    shape: u64,
    /// [`Lemmatizer::derivation`] of the word.
    derived: u64,
    /// [`EventNouns::grade`] of the lemma.
    gum: u64,
    /// Inside a time expression: never an event, and a strong cue for its neighbours.
    time: bool,
}

/// Reused buffers for one sentence.
#[derive(Debug, Default)]
pub(super) struct Scratch {
    pub toks: Vec<Tok>,
    pub lower: String,
    pub features: Vec<u64>,
    pub labels: Vec<usize>,
}

impl Scratch {
    /// Describe every token of a sentence; `time[i]` marks tokens inside a time expression.
    pub fn prepare(
        &mut self,
        words: &[&str],
        upos: &[Upos],
        time: &[bool],
        lem: &Lemmatizer,
        nouns: &EventNouns,
    ) {
        self.toks.clear();
        self.labels.clear();
        for (i, w) in words.iter().enumerate() {
            self.lower.clear();
            self.lower.extend(w.chars().flat_map(char::to_lowercase));
            let lower = self.lower.as_str();
            let lemma = lem.lemma(lower);
            let tail = |n: usize| {
                let start = lower
                    .char_indices()
                    .rev()
                    .nth(n - 1)
                    .map_or(0, |(at, _)| at);
                &lower[start..]
            };
            self.toks.push(Tok {
                lower: FeatureHash::new(1).str(lower).finish(),
                lemma: FeatureHash::new(2).str(&lemma).finish(),
                upos: upos.get(i).map_or(99, |u| *u as u64),
                suffix3: FeatureHash::new(3).str(tail(3)).finish(),
                suffix4: FeatureHash::new(4).str(tail(4)).finish(),
                shape: shape(w),
                derived: lem.derivation(lower, &lemma) as u64,
                gum: nouns.grade(&lemma) as u64,
                time: time.get(i).copied().unwrap_or(false),
            });
        }
    }
}

/// Capitalisation and character classes in a few values.
fn shape(w: &str) -> u64 {
    let mut chars = w.chars();
    let first = chars.next();
    match first {
        None => 0,
        Some(c) if c.is_ascii_digit() => 1,
        Some(c) if c.is_uppercase() => {
            if w.chars().all(|c| !c.is_lowercase()) {
                2
            } else {
                3
            }
        }
        Some(c) if c.is_lowercase() => {
            if w.contains('-') {
                5
            } else {
                4
            }
        }
        Some(_) => 6,
    }
}

/// Features of position `i`, given the labels of the two previous positions.
pub(super) fn token_features(toks: &[Tok], i: usize, p1: usize, p2: usize, out: &mut Vec<u64>) {
    const OUTSIDE: Tok = Tok {
        lower: 7,
        lemma: 7,
        upos: 98,
        suffix3: 7,
        suffix4: 7,
        shape: 7,
        derived: 7,
        gum: 7,
        time: false,
    };
    let at = |k: isize| -> Tok {
        usize::try_from(i as isize + k)
            .ok()
            .and_then(|k| toks.get(k).copied())
            .unwrap_or(OUTSIDE)
    };
    let (t, l1, l2, r1, r2) = (at(0), at(-1), at(-2), at(1), at(2));
    let f = |template: u32| FeatureHash::new(100 + template);
    out.push(f(0).finish());
    out.push(f(1).u64(t.lower).finish());
    out.push(f(2).u64(t.lemma).finish());
    out.push(f(4).u64(t.upos).u64(t.lemma).finish());
    out.push(f(14).u64(l1.lower).u64(t.lemma).finish());
    out.push(f(15).u64(t.lemma).u64(r1.lower).finish());
    out.push(f(23).u64(l1.upos).u64(t.lemma).finish());
    out.push(f(3).u64(t.upos).finish());
    out.push(f(5).u64(t.suffix3).u64(t.upos).finish());
    out.push(f(6).u64(t.suffix4).finish());
    out.push(f(7).u64(t.shape).u64(t.upos).finish());
    out.push(f(8).u64(l1.upos).u64(t.upos).finish());
    out.push(f(9).u64(t.upos).u64(r1.upos).finish());
    out.push(f(10).u64(l2.upos).u64(l1.upos).u64(t.upos).finish());
    out.push(f(11).u64(t.upos).u64(r1.upos).u64(r2.upos).finish());
    out.push(f(12).u64(l1.lower).finish());
    out.push(f(13).u64(r1.lower).finish());
    out.push(f(16).u64(l2.lower).finish());
    out.push(f(17).u64(r2.lower).finish());
    out.push(f(18).u64(l1.lemma).u64(t.upos).finish());
    out.push(f(19).u64(p1 as u64).finish());
    out.push(f(20).u64(p1 as u64).u64(t.upos).finish());
    out.push(f(21).u64(p2 as u64).u64(p1 as u64).finish());
    out.push(
        f(22)
            .u64(u64::from(l1.time))
            .u64(u64::from(r1.time))
            .finish(),
    );
    out.push(f(26).u64(t.upos).u64(r1.lower).finish());
    out.push(f(27).u64(l1.lower).u64(t.upos).finish());
    out.push(f(24).u64(t.derived).u64(t.upos).finish());
    out.push(f(25).u64(t.derived).u64(l1.upos).u64(t.upos).finish());
    // Frames around a noun derived from a verb: a determiner before and "of" after ("the
    // *withdrawal* of", "its *approval* of") mark the noun as naming an act, whichever noun it
    // is, so they carry over to nouns the training data never shows as events. The ending
    // with the derivation separates "-ment"/"-tion" acts from "-ure"/"-al" things.
    out.push(
        f(28)
            .u64(t.derived)
            .u64(t.upos)
            .u64(l1.upos)
            .u64(r1.lower)
            .finish(),
    );
    out.push(f(29).u64(t.derived).u64(t.suffix3).finish());
    // What GUM says of the noun ("war" and "election" head event mentions there, "company"
    // never does), alone and with the derivation: evidence from outside the TimeML data for
    // nouns it never shows. Cross-corpus event F1 rose by about 1.1 (AQUAINT → TimeBank) and
    // 0.7 (TimeBank → AQUAINT) with these two templates.
    out.push(f(31).u64(t.gum).u64(t.upos).finish());
    out.push(f(32).u64(t.gum).u64(t.derived).u64(t.upos).finish());
}
