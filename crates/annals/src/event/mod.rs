//! Event stage: the words that name what happened ("broke out", "occupied", "rebellion",
//! "treaty", "withdrawal"), each with its TimeML class, and the times they are anchored to.
//!
//! Detection is a token classifier — every EVENT in TimeBank and AQUAINT is a single word —
//! trained by `annals train event` on the EVENT annotation of TBAQ-cleaned (see
//! `data/PROVENANCE.md`) with the shared greedy averaged perceptron. Its features are the word,
//! its lemma ([`lemma::Lemmatizer`]), how often GUM makes the noun an event
//! ([`nouns::EventNouns`]), its UPOS tag from [`crate::tagging`], endings and
//! neighbours ([`features`]). Words inside time expressions are never events.
//!
//! [`anchor`] then ties each event to the time expression that governs it.

pub mod anchor;
mod features;
pub mod lemma;
pub mod named;
pub mod nouns;
pub mod people;
pub mod train;

use crate::document::Span;
use crate::error::{Error, Result};
use crate::model::{ModelError, Perceptron, Reader, Writer};
use crate::tagging::Upos;
use crate::text::Segmented;
use features::{token_features, Scratch};
use lemma::Lemmatizer;
use nouns::EventNouns;
use serde::Serialize;
use std::path::PathBuf;
use std::sync::OnceLock;

/// The TimeML event classes.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum EventClass {
    Occurrence,
    State,
    Reporting,
    IAction,
    IState,
    Aspectual,
    Perception,
}

impl EventClass {
    pub const ALL: [EventClass; 7] = [
        EventClass::Occurrence,
        EventClass::State,
        EventClass::Reporting,
        EventClass::IAction,
        EventClass::IState,
        EventClass::Aspectual,
        EventClass::Perception,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EventClass::Occurrence => "OCCURRENCE",
            EventClass::State => "STATE",
            EventClass::Reporting => "REPORTING",
            EventClass::IAction => "I_ACTION",
            EventClass::IState => "I_STATE",
            EventClass::Aspectual => "ASPECTUAL",
            EventClass::Perception => "PERCEPTION",
        }
    }

    pub fn from_name(name: &str) -> Option<EventClass> {
        EventClass::ALL.into_iter().find(|c| c.as_str() == name)
    }

    /// The model's label index (0 is "no event").
    fn label(self) -> usize {
        1 + self as usize
    }

    fn from_label(label: usize) -> Option<EventClass> {
        label
            .checked_sub(1)
            .and_then(|k| EventClass::ALL.get(k).copied())
    }
}

/// Class labels of the model: O, then the classes in [`EventClass::ALL`] order.
const LABELS: [&str; 8] = [
    "O",
    "OCCURRENCE",
    "STATE",
    "REPORTING",
    "I_ACTION",
    "I_STATE",
    "ASPECTUAL",
    "PERCEPTION",
];
const N_LABELS: usize = LABELS.len();
/// The label "before" the first token, for the previous-label features.
const START: usize = N_LABELS;

/// An event mention: one word.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Event {
    pub span: Span,
    /// Index into [`Segmented::tokens`].
    pub token: usize,
    pub class: EventClass,
    /// Lowercase lemma ("occupied" → "occupy").
    pub lemma: String,
    /// The word's UPOS tag: verbs, nouns and adjectives name events differently.
    pub upos: Upos,
}

const MAGIC: &[u8; 8] = b"ANNLEVNT";
/// Changes whenever the features change meaning. 2: derivation kinds, lemma restoration and
/// the GUM event-noun grades.
const FORMAT_VERSION: u32 = 2;

/// The event tagger: a perceptron and the lexicons its features use.
#[derive(Clone, Debug)]
pub struct EventTagger {
    model: Perceptron,
    lemmatizer: Lemmatizer,
    nouns: EventNouns,
}

static BUNDLED_BYTES: &[u8] = include_bytes!("../../../../data/event-tbaq.bin");

impl EventTagger {
    /// The model trained on TBAQ-cleaned and bundled in the binary, loaded on first use.
    pub fn bundled() -> &'static EventTagger {
        static BUNDLED: OnceLock<EventTagger> = OnceLock::new();
        BUNDLED.get_or_init(|| {
            // Written by `annals train event` and loaded by the tests: a failure is a build
            // defect, not an input error.
            EventTagger::from_bytes(BUNDLED_BYTES).expect("data/event-tbaq.bin is a valid model")
        })
    }

    /// Load a model written by [`EventTagger::to_bytes`]; corrupt bytes are an error.
    pub fn from_bytes(bytes: &[u8]) -> Result<EventTagger> {
        let bad = |e: ModelError| Error::Format {
            path: PathBuf::from("<event model>"),
            message: e.to_string(),
        };
        let mut r = Reader::open(bytes, MAGIC, "event", FORMAT_VERSION).map_err(bad)?;
        let lemmatizer = Lemmatizer::read(&mut r).map_err(bad)?;
        let nouns = EventNouns::read(&mut r).map_err(bad)?;
        let model = Perceptron::read(&mut r).map_err(bad)?;
        r.end().map_err(bad)?;
        if model.classes().iter().map(String::as_str).ne(LABELS) {
            return Err(bad(ModelError::Invalid(format!(
                "labels {:?}, expected {LABELS:?}",
                model.classes()
            ))));
        }
        Ok(EventTagger {
            model,
            lemmatizer,
            nouns,
        })
    }

    /// Load a model file (for `--event-model`).
    pub fn from_path(path: &std::path::Path) -> Result<EventTagger> {
        let bytes = std::fs::read(path).map_err(|cause| Error::Io {
            path: path.to_path_buf(),
            cause,
        })?;
        EventTagger::from_bytes(&bytes).map_err(|e| match e {
            Error::Format { message, .. } => Error::Format {
                path: path.to_path_buf(),
                message,
            },
            other => other,
        })
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer::new(MAGIC, FORMAT_VERSION);
        self.lemmatizer.write(&mut w);
        self.nouns.write(&mut w);
        self.model.write(&mut w);
        w.finish()
    }

    pub fn lemmatizer(&self) -> &Lemmatizer {
        &self.lemmatizer
    }

    pub fn event_nouns(&self) -> &EventNouns {
        &self.nouns
    }

    /// Whether a lowercase noun can name something that happens, by evidence from outside the
    /// TimeML training data: GUM makes it the head of event mentions, or it is derived from a
    /// verb ("withdrawal", "loss", "takeover"), or a gerund ("bombing"), or it is a verb that GUM never shows
    /// as a noun ("plunge"). "judge" and "court" are verbs too, but GUM knows them as nouns
    /// that never head an event.
    pub fn is_eventive_noun(&self, lower: &str) -> bool {
        use lemma::Derivation;
        use nouns::Grade;
        let lemma = self.lemmatizer.lemma(lower);
        let grade = self.nouns.grade(&lemma);
        // A gerund names the act of its verb ("the *bombing*"), even when GUM knows the
        // verb's bare noun as a thing ("bomb").
        let gerund = lower.ends_with("ing") && *lemma != *lower;
        match self.lemmatizer.derivation(lower, &lemma) {
            _ if gerund || matches!(grade, Grade::Sometimes | Grade::Often) => true,
            Derivation::Suffix
            | Derivation::Irregular
            | Derivation::Gerund
            | Derivation::Phrasal => true,
            Derivation::Verb => grade == Grade::Unknown,
            Derivation::None => false,
        }
    }

    /// Number of (feature, class) weights, for reports.
    pub fn n_weights(&self) -> usize {
        self.model.n_weights()
    }

    /// The events of a segmented document. `upos` has one tag per token of `seg` (from
    /// [`crate::tagging::PosTagger::tag_segmented`]); `times` are the spans of the document's
    /// time expressions, whose words are never events.
    pub fn tag_document(
        &self,
        text: &str,
        seg: &Segmented,
        upos: &[Upos],
        times: &[Span],
    ) -> Vec<Event> {
        let mut sc = Scratch::default();
        let mut out = Vec::new();
        let mut time_mask = Vec::new();
        let mut words = Vec::new();
        for sentence in &seg.sentences {
            let range = sentence.tokens.clone();
            let (Some(tokens), Some(tags)) = (seg.tokens.get(range.clone()), upos.get(range))
            else {
                continue;
            };
            words.clear();
            words.extend(
                tokens
                    .iter()
                    .map(|t| text.get(t.span.start..t.span.end).unwrap_or("")),
            );
            time_mask.clear();
            time_mask.extend(tokens.iter().map(|t| in_any(times, t.span)));
            self.predict(&words, tags, &time_mask, &mut sc);
            for (k, &label) in sc.labels.iter().enumerate() {
                let Some(class) = EventClass::from_label(label) else {
                    continue;
                };
                let token = sentence.tokens.start + k;
                let lower = words[k].to_lowercase();
                out.push(Event {
                    span: tokens[k].span,
                    token,
                    class,
                    lemma: self.lemmatizer.lemma(&lower).to_string(),
                    upos: tags[k],
                });
            }
        }
        out
    }

    /// Greedy left-to-right decoding into `sc.labels`.
    fn predict(&self, words: &[&str], upos: &[Upos], time: &[bool], sc: &mut Scratch) {
        sc.prepare(words, upos, time, &self.lemmatizer, &self.nouns);
        let mut scores = [0f32; N_LABELS];
        for (i, word) in words.iter().enumerate() {
            let label = if !can_be_event(word, upos.get(i), time.get(i).copied().unwrap_or(false)) {
                0
            } else {
                let (p1, p2) = previous(&sc.labels, i);
                sc.features.clear();
                token_features(&sc.toks, i, p1, p2, &mut sc.features);
                self.model.scores(&sc.features, &mut scores);
                argmax(&scores)
            };
            sc.labels.push(label);
        }
    }
}

/// Whether a token can be an event word at all. Punctuation and numbers cannot, nor words inside
/// time expressions, nor auxiliaries and copulas (UPOS AUX): TimeML tags the main verb or the
/// predicate ("has *left*", "was *ill*", "will *meet*"), never "has", "was" or "will". Both
/// training corpora mark a few anyway (AQUAINT 104 of 1,330); leaving them out raised the
/// cross-corpus extent F1 in both directions (AQUAINT→TimeBank 79.21 → 79.74, the reverse 85.16
/// → 85.36; +0.2 to +0.5 over three seeds).
fn can_be_event(word: &str, upos: Option<&Upos>, in_time: bool) -> bool {
    !in_time && word.chars().any(char::is_alphabetic) && upos != Some(&Upos::Aux)
}

/// Whether `span` lies inside one of `spans` (sorted by start).
fn in_any(spans: &[Span], span: Span) -> bool {
    let i = spans.partition_point(|s| s.end <= span.start);
    spans
        .get(i)
        .is_some_and(|s| s.start <= span.start && span.end <= s.end)
}

/// The highest score; ties go to the lower index, so to "no event".
fn argmax(scores: &[f32]) -> usize {
    let mut best = 0;
    for (k, s) in scores.iter().enumerate() {
        if *s > scores[best] {
            best = k;
        }
    }
    best
}

/// The labels at `i - 1` and `i - 2`, [`START`] before the sentence.
fn previous(labels: &[usize], i: usize) -> (usize, usize) {
    let at = |k: Option<usize>| k.and_then(|k| labels.get(k).copied()).unwrap_or(START);
    (at(i.checked_sub(1)), at(i.checked_sub(2)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auxiliaries_numbers_and_times_are_never_events() {
        assert!(can_be_event("occupied", Some(&Upos::Verb), false));
        assert!(!can_be_event("was", Some(&Upos::Aux), false));
        assert!(!can_be_event("1920", Some(&Upos::Num), false));
        assert!(!can_be_event("spring", Some(&Upos::Noun), true));
        // The bundled model never marks an auxiliary, whatever its weights say.
        let tagger = EventTagger::bundled();
        let mut sc = Scratch::default();
        let words = ["The", "army", "was", "defeated", "."];
        let upos = [Upos::Det, Upos::Noun, Upos::Aux, Upos::Verb, Upos::Punct];
        tagger.predict(&words, &upos, &[false; 5], &mut sc);
        assert_eq!(sc.labels[2], 0);
        assert_ne!(sc.labels[3], 0);
    }

    #[test]
    fn classes_round_trip_through_labels() {
        for c in EventClass::ALL {
            assert_eq!(EventClass::from_label(c.label()), Some(c));
            assert_eq!(LABELS[c.label()], c.as_str());
            assert_eq!(EventClass::from_name(c.as_str()), Some(c));
        }
        assert_eq!(EventClass::from_label(0), None);
    }

    #[test]
    fn time_spans_contain_tokens() {
        let times = [Span::new(3, 10), Span::new(20, 30)];
        assert!(in_any(&times, Span::new(3, 5)));
        assert!(in_any(&times, Span::new(25, 30)));
        assert!(!in_any(&times, Span::new(9, 12)));
        assert!(!in_any(&times, Span::new(0, 2)));
    }
}
