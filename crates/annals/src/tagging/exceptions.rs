//! Corrections for what the training data cannot teach.
//!
//! UD English EWT never uses "march" as a verb: all 36 of its uses are the month. So the model
//! tags "the time had come to March on Tehran" (from the project's reference document, which
//! capitalises it) as a month, and the time stage would then read a date into it. A month name
//! is not a verb after a modal ("would march") or after "to" when a direction follows ("to
//! March on", "to march into"): there it is the verb, and the "to" is the infinitive marker. The
//! direction list leaves "from January to March in 1920" and "to March 1921" alone.
//!
//! The other way round, EWT has lowercase "may" as the modal 221 times out of 222, so the tag
//! dictionary makes every "may" a modal, including the month in machine-translated dates such as
//! "17 may 1920". Next to a day number or a year, "may" and "march" are the month.

use super::features::{lower_hash, TokenInfo};
use super::Upos;

const MODALS: &[&str] = &[
    "will", "would", "shall", "should", "can", "could", "may", "might", "must", "'ll", "'d",
];
const DIRECTIONS: &[&str] = &[
    "on",
    "upon",
    "into",
    "onto",
    "toward",
    "towards",
    "against",
    "through",
    "across",
    "along",
    "back",
    "forward",
    "forth",
    "north",
    "south",
    "east",
    "west",
    "northward",
    "southward",
    "eastward",
    "westward",
    "out",
    "off",
    "down",
    "up",
    "past",
    "around",
    "from",
];

#[derive(Clone, Debug)]
pub(crate) struct Exceptions {
    march: u64,
    may: u64,
    to: u64,
    /// Shapes of numbers of one to four digits.
    numbers: [u64; 4],
    modals: Vec<u64>,
    directions: Vec<u64>,
    verb: usize,
    part: usize,
    month: [usize; 2],
}

/// What [`Exceptions::apply`] decided for a position.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Correction {
    pub class: usize,
    /// The previous word's class, if it changes too.
    pub previous: Option<usize>,
}

impl Exceptions {
    /// `None` if the model lacks a class the rules need.
    pub fn new(tags: &[Upos]) -> Option<Exceptions> {
        let class = |u: Upos| tags.iter().position(|&t| t == u);
        let hashes = |words: &[&str]| words.iter().map(|w| lower_hash(w)).collect();
        Some(Exceptions {
            march: lower_hash("march"),
            may: lower_hash("may"),
            numbers: ["d", "dd", "ddd", "dddd"].map(lower_hash),
            to: lower_hash("to"),
            modals: hashes(MODALS),
            directions: hashes(DIRECTIONS),
            verb: class(Upos::Verb)?,
            part: class(Upos::Part)?,
            month: [class(Upos::Propn)?, class(Upos::Noun)?],
        })
    }

    /// Correct the model's `class` for position `i` of `tokens`.
    #[inline]
    pub fn apply(&self, tokens: &[TokenInfo], i: usize, class: usize) -> Correction {
        let keep = Correction {
            class,
            previous: None,
        };
        let lower = |j: usize| tokens.get(j).map(|t| t.lower);
        let word = lower(i);
        if word != Some(self.march) && word != Some(self.may) {
            return keep;
        }
        let number = |j: usize| {
            tokens
                .get(j)
                .is_some_and(|t| self.numbers.contains(&t.shape))
        };
        let day_before = i > 0
            && tokens
                .get(i - 1)
                .is_some_and(|t| self.numbers[..2].contains(&t.shape));
        if day_before || number(i + 1) {
            return Correction {
                class: self.month[0],
                previous: None,
            };
        }
        if word != Some(self.march) || !self.month.contains(&class) || i == 0 {
            return keep;
        }
        let before = lower(i - 1).unwrap_or(0);
        if self.modals.contains(&before) {
            return Correction {
                class: self.verb,
                previous: None,
            };
        }
        let after = lower(i + 1).unwrap_or(0);
        if before == self.to && self.directions.contains(&after) {
            return Correction {
                class: self.verb,
                previous: Some(self.part),
            };
        }
        keep
    }
}
