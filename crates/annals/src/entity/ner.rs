//! Named-entity tagger: PER, LOC and ORG spans from BIO labels predicted left to right by the
//! shared greedy averaged perceptron ([`crate::model::perceptron`]).
//!
//! The model is trained by `annals train ner` on GUM's entity layer (see [`super::gum`] for how
//! GUM mentions become named-entity spans) and bundled as `data/ner-gum.bin`.
//!
//! Features are hashed to `u64` without allocating: the token's lowercase form, shape, prefixes
//! and suffixes, capitalisation, sentence position, the same for two neighbours each side, title
//! cues ("Gen.", "Mirza", "Khan"), the two previous labels, how the word is written elsewhere in
//! the document (a sentence-initial "Byron" is a name if "Byron" appears capitalised
//! mid-sentence, "Even" is not if "even" appears), its UPOS ambiguity class in UD English EWT
//! ([`Lexicon`]: "Will" is PROPN, "will" AUX), and whether the gazetteer knows it as a place
//! name ([`GazetteerHook`]).
//!
//! Hooks for later stages: UPOS tags from a POS tagger (used only by models trained with them,
//! see [`NerTagger::uses_pos`]; the bundled model is trained without them) and [`FeatureHook`],
//! the interface the gazetteer features go through, for further per-token evidence.

use super::gum::{self, EntitySpan};
use crate::document::Span;
use crate::error::{Error, Result};
use crate::model::{ModelError, Perceptron, Prune, Reader, SplitMix64, Trainer, Writer};
use crate::text::{Segmented, TokenKind};
use serde::Serialize;
use std::path::PathBuf;
use std::sync::OnceLock;

mod features;

pub use features::Lexicon;
use features::{token_features, DocStats, Scratch};

/// The entity types: the three the tagger predicts ([`EntityType::ALL`]), and groups of people,
/// which rules find among its people ("the Persians", "Communists").
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, serde::Deserialize,
)]
pub enum EntityType {
    #[serde(rename = "PER")]
    Per,
    #[serde(rename = "LOC")]
    Loc,
    #[serde(rename = "ORG")]
    Org,
    /// Nationalities, religious and political groups (OntoNotes' NORP): "the Persians",
    /// "Communists", "the Athenians". They act in history as people do, but are not one person.
    #[serde(rename = "NORP")]
    Group,
    /// Buildings, streets and other made places (OntoNotes' FAC): "the Angel Inn",
    /// "Downing-street", "Horsemonger-lane Gaol". Places on the ground, but not on the map.
    #[serde(rename = "FAC")]
    Fac,
}

impl EntityType {
    /// The types the named-entity model tags, in the order of its labels.
    pub const ALL: [EntityType; 3] = [EntityType::Per, EntityType::Loc, EntityType::Org];

    /// Every type, groups and facilities included.
    pub const EVERY: [EntityType; 5] = [
        EntityType::Per,
        EntityType::Loc,
        EntityType::Org,
        EntityType::Group,
        EntityType::Fac,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Per => "PER",
            EntityType::Loc => "LOC",
            EntityType::Org => "ORG",
            EntityType::Group => "NORP",
            EntityType::Fac => "FAC",
        }
    }

    pub(crate) fn index(self) -> usize {
        self as usize
    }
}

/// BIO labels as class indices: 0 is O, then B and I for each type in [`EntityType::ALL`] order.
const LABELS: [&str; 7] = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG"];
const N_LABELS: usize = LABELS.len();
const O: usize = 0;
/// The label "before" the first token, for the previous-label features.
const START: usize = N_LABELS;

fn b_label(t: EntityType) -> usize {
    1 + 2 * t.index()
}

fn label_type(label: usize) -> Option<EntityType> {
    if label == O {
        return None;
    }
    EntityType::ALL.get((label - 1) / 2).copied()
}

fn is_inside(label: usize) -> bool {
    label != O && label < N_LABELS && (label - 1) % 2 == 1
}

/// Extra per-token evidence for the model, e.g. from a gazetteer ("this token begins a known
/// place name"). Register the same hook when training and when tagging: a model only knows the
/// features it was trained with.
pub trait FeatureHook: Send + Sync {
    /// Set `tags[i]` to a non-zero value describing token `i` of the sentence `tokens`, or leave
    /// it 0 for nothing. The tagger turns each value into features of the token and of its
    /// neighbours, so keep the set of values small (a handful of kinds and positions).
    fn token_tags(&self, tokens: &[&str], tags: &mut [u64]);
}

/// A named entity found in a document: byte span, token range in [`Segmented::tokens`], type.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Entity {
    pub span: Span,
    pub tokens: std::ops::Range<usize>,
    #[serde(rename = "type")]
    pub etype: EntityType,
}

/// The model file: [`Writer`]'s header (magic, version) and checksum around a flags byte, the
/// [`Lexicon`] and the perceptron. The version changes whenever features change meaning.
const MAGIC: &[u8; 8] = b"ANNALNER";
const FORMAT_VERSION: u32 = 1;
const FLAG_POS: u8 = 1;
const FLAG_GAZETTEER: u8 = 2;

/// The named-entity tagger: a perceptron model plus its feature settings.
pub struct NerTagger {
    model: Perceptron,
    lexicon: Lexicon,
    use_pos: bool,
    /// Trained with [`GazetteerHook`] (saved in the file, so loading attaches it again).
    gazetteer: bool,
    hook: Option<Box<dyn FeatureHook>>,
}

impl std::fmt::Debug for NerTagger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NerTagger")
            .field("use_pos", &self.use_pos)
            .field("hook", &self.hook.is_some())
            .finish_non_exhaustive()
    }
}

static BUNDLED_BYTES: &[u8] = include_bytes!("../../../../data/ner-gum.bin");

impl NerTagger {
    /// The model trained on GUM and bundled in the binary (see `data/PROVENANCE.md`), loaded
    /// on first use.
    pub fn bundled() -> &'static NerTagger {
        static BUNDLED: OnceLock<NerTagger> = OnceLock::new();
        BUNDLED.get_or_init(|| {
            // The file is written by `annals train ner` and loaded by the tests, so a failure is
            // a build defect, not an input error.
            NerTagger::from_bytes(BUNDLED_BYTES).expect("data/ner-gum.bin is a valid NER model")
        })
    }

    /// Load a model written by [`NerTagger::to_bytes`]. Corrupt or truncated bytes are an
    /// error, never a panic.
    pub fn from_bytes(bytes: &[u8]) -> Result<NerTagger> {
        let bad = |e: ModelError| Error::Format {
            path: PathBuf::from("<named-entity model>"),
            message: e.to_string(),
        };
        let mut r = Reader::open(bytes, MAGIC, "named-entity", FORMAT_VERSION).map_err(bad)?;
        let flags = r.u8().map_err(bad)?;
        let lexicon = Lexicon::read(&mut r).map_err(bad)?;
        let model = Perceptron::read(&mut r).map_err(bad)?;
        r.end().map_err(bad)?;
        if model.classes().iter().map(String::as_str).ne(LABELS) {
            return Err(bad(ModelError::Invalid(format!(
                "labels {:?}, expected {LABELS:?}",
                model.classes()
            ))));
        }
        let gazetteer = flags & FLAG_GAZETTEER != 0;
        Ok(NerTagger {
            model,
            lexicon,
            use_pos: flags & FLAG_POS != 0,
            gazetteer,
            hook: gazetteer.then(|| Box::new(GazetteerHook) as Box<dyn FeatureHook>),
        })
    }

    /// Serialise the model. A hook is code, not data: only the use of [`GazetteerHook`] is
    /// recorded.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer::new(MAGIC, FORMAT_VERSION);
        w.u8((u8::from(self.use_pos) * FLAG_POS) | (u8::from(self.gazetteer) * FLAG_GAZETTEER));
        self.lexicon.write(&mut w);
        self.model.write(&mut w);
        w.finish()
    }

    /// Whether the model was trained with UPOS features (then pass tags to
    /// [`NerTagger::tag_sentences`] for best results).
    pub fn uses_pos(&self) -> bool {
        self.use_pos
    }

    /// Whether the model uses the bundled gazetteer's place names as features.
    pub fn uses_gazetteer(&self) -> bool {
        self.gazetteer
    }

    /// Replace the feature hook (by default the gazetteer for models trained with it). The
    /// features must mean what they meant in training, so this is for experiments.
    pub fn with_hook(mut self, hook: Box<dyn FeatureHook>) -> NerTagger {
        self.hook = Some(hook);
        self
    }

    /// Tag one sentence of tokens: `(start, end, type)` token-index spans, sorted, disjoint.
    /// The sentence is its own document for the document-level features; tag a whole document
    /// with [`NerTagger::tag_sentences`] or [`NerTagger::tag_document`] for better results.
    pub fn tag(&self, tokens: &[&str]) -> Vec<(usize, usize, EntityType)> {
        self.tag_sentences(&[tokens], None)
            .pop()
            .unwrap_or_default()
    }

    /// Tag the sentences of one document, with their UPOS tags if the model uses them (tags are
    /// ignored otherwise, and for a sentence whose tag count differs from its token count).
    pub fn tag_sentences(
        &self,
        sentences: &[&[&str]],
        upos: Option<&[&[&str]]>,
    ) -> Vec<Vec<(usize, usize, EntityType)>> {
        let doc = DocStats::new(sentences.iter().copied());
        let mut scratch = Scratch::default();
        sentences
            .iter()
            .enumerate()
            .map(|(k, tokens)| {
                let tags = upos.and_then(|u| u.get(k).copied());
                self.predict(tokens, tags, &doc, &mut scratch);
                spans(&scratch.labels)
            })
            .collect()
    }

    /// Tag every sentence of a segmented document. A word ending in a possessive `'s` or `’s`
    /// (one token in [`crate::text`], two in the training data) is tagged without it, and the
    /// entity's byte span leaves it out.
    pub fn tag_document(&self, text: &str, seg: &Segmented) -> Vec<Entity> {
        self.tag_document_with(text, seg, None)
    }

    /// [`NerTagger::tag_document`] with UPOS tags already computed for every token of `seg`
    /// (the pipeline tags once for all stages); `None` tags each sentence here if the model
    /// uses UPOS.
    pub fn tag_document_with(
        &self,
        text: &str,
        seg: &Segmented,
        upos: Option<&[crate::tagging::Upos]>,
    ) -> Vec<Entity> {
        // Token texts as the model should see them, and where each one ends in `text`.
        let (words, ends): (Vec<&str>, Vec<usize>) = seg
            .tokens
            .iter()
            .map(|t| {
                let w = t.text(text);
                let w = if t.kind == TokenKind::Word {
                    strip_possessive(w)
                } else {
                    w
                };
                (w, t.span.start + w.len())
            })
            .unzip();
        let sentence_words = || {
            seg.sentences
                .iter()
                .filter_map(|s| words.get(s.tokens.clone()))
        };
        let doc = DocStats::new(sentence_words());
        let mut scratch = Scratch::default();
        let mut out = Vec::new();
        for sentence in &seg.sentences {
            let Some(tokens) = words.get(sentence.tokens.clone()) else {
                continue;
            };
            let tags: Option<Vec<&str>> = upos
                .and_then(|u| u.get(sentence.tokens.clone()))
                .map(|u| u.iter().map(|t| t.as_str()).collect());
            self.predict(tokens, tags.as_deref(), &doc, &mut scratch);
            for (s, e, etype) in spans(&scratch.labels) {
                let (first, last) = (sentence.tokens.start + s, sentence.tokens.start + e);
                out.push(Entity {
                    span: Span::new(seg.tokens[first].span.start, ends[last - 1]),
                    tokens: first..last,
                    etype,
                });
            }
        }
        out
    }

    /// Greedy left-to-right decoding into `scratch.labels`.
    fn predict(&self, tokens: &[&str], upos: Option<&[&str]>, doc: &DocStats, sc: &mut Scratch) {
        let given = upos.filter(|u| u.len() == tokens.len());
        let predicted: Vec<&str>;
        let upos = match (self.use_pos, given) {
            (false, _) => None,
            (true, Some(u)) => Some(u),
            (true, None) => {
                predicted = pos_tags(tokens);
                Some(predicted.as_slice())
            }
        };
        sc.prepare(tokens, upos, doc, &self.lexicon, self.hook.as_deref());
        let mut scores = [0f32; N_LABELS];
        for i in 0..tokens.len() {
            let (p1, p2) = previous(&sc.labels, i);
            sc.features.clear();
            token_features(tokens, &sc.toks, i, p1, p2, &mut sc.features);
            self.model.scores(&sc.features, &mut scores);
            sc.labels.push(best_valid(&scores, p1));
        }
    }
}

/// UPOS tags from the bundled POS tagger.
fn pos_tags(tokens: &[&str]) -> Vec<&'static str> {
    crate::tagging::PosTagger::bundled()
        .tag(tokens)
        .into_iter()
        .map(crate::tagging::Upos::as_str)
        .collect()
}

/// The best-scoring label that may follow `prev`: I-X only after B-X or I-X, so that every
/// entity starts with B (ties go to the lower index, so to O).
fn best_valid(scores: &[f32], prev: usize) -> usize {
    let mut best = O;
    for label in 1..N_LABELS {
        if is_inside(label) && prev != label && prev + 1 != label {
            continue;
        }
        if scores.get(label) > scores.get(best) {
            best = label;
        }
    }
    best
}

/// The labels at `i - 1` and `i - 2`, [`START`] before the sentence.
fn previous(labels: &[usize], i: usize) -> (usize, usize) {
    let at = |k: Option<usize>| k.and_then(|k| labels.get(k).copied()).unwrap_or(START);
    (at(i.checked_sub(1)), at(i.checked_sub(2)))
}

/// BIO labels to spans. A stray I- (impossible after [`best_valid`]) starts an entity.
fn spans(labels: &[usize]) -> Vec<(usize, usize, EntityType)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, EntityType)> = None;
    for (i, &label) in labels.iter().enumerate() {
        let t = label_type(label);
        if is_inside(label) && open.is_some_and(|(_, ot)| Some(ot) == t) {
            continue;
        }
        if let Some((s, ot)) = open.take() {
            out.push((s, i, ot));
        }
        open = t.map(|t| (i, t));
    }
    if let Some((s, ot)) = open {
        out.push((s, labels.len(), ot));
    }
    out
}

fn strip_possessive(w: &str) -> &str {
    ["'s", "’s", "'S", "’S"]
        .iter()
        .find_map(|suffix| w.strip_suffix(suffix).filter(|stem| !stem.is_empty()))
        .unwrap_or(w)
}

/// The gazetteer as a [`FeatureHook`]: tokens inside a place name found by
/// [`super::gazetteer::Gazetteer::scan`] get its position (first or later word) and the kind of
/// its first candidate (country, city, region …). The scanner already skips names in a person
/// context ("General Frunze"), which is what a NER model wants from it.
pub struct GazetteerHook;

impl FeatureHook for GazetteerHook {
    fn token_tags(&self, tokens: &[&str], tags: &mut [u64]) {
        let gaz = super::gazetteer::Gazetteer::bundled();
        // Rebuild the sentence with single spaces, remembering where each token starts.
        let mut text = String::with_capacity(tokens.iter().map(|t| t.len() + 1).sum());
        let mut starts = Vec::with_capacity(tokens.len());
        for t in tokens {
            starts.push(text.len());
            text.push_str(t);
            text.push(' ');
        }
        for m in gaz.scan_major(&text) {
            let kind = m
                .candidates
                .first()
                .and_then(|&id| gaz.place(id))
                .map_or(7, |p| p.kind as u64);
            let first = starts.partition_point(|&s| s < m.start);
            let last = starts.partition_point(|&s| s < m.end);
            for (k, tag) in tags.iter_mut().enumerate().take(last).skip(first) {
                let position = if k == first { 1 } else { 2 };
                let ambiguous = u64::from(m.candidates.len() > 1);
                *tag = position | kind << 2 | ambiguous << 5;
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Evaluation and training on GUM

/// The words of each sentence of a GUM document, as the tagger takes them.
fn words_of(doc: &gum::Document) -> Vec<Vec<&str>> {
    doc.sentences
        .iter()
        .map(|s| s.forms.iter().map(String::as_str).collect())
        .collect()
}

impl NerTagger {
    /// Predicted spans for each sentence of a GUM document, normalised with
    /// [`gum::trim_span`] exactly as the gold spans are (the peer script does the same to
    /// spaCy's spans). The gold UPOS column is not used: UPOS features, if any, come from the
    /// POS tagger, as they would on any other text.
    pub fn predict_document(&self, doc: &gum::Document) -> Vec<Vec<EntitySpan>> {
        let words = words_of(doc);
        let refs: Vec<&[&str]> = words.iter().map(Vec::as_slice).collect();
        let tagged = self.tag_sentences(&refs, None);
        tagged
            .into_iter()
            .zip(&doc.sentences)
            .map(|(spans, s)| {
                let mut out: Vec<EntitySpan> = spans
                    .into_iter()
                    .filter_map(|(start, end, etype)| {
                        let (start, end) = gum::trim_span(&s.forms, &s.upos, start, end)?;
                        Some(EntitySpan { start, end, etype })
                    })
                    .collect();
                out.dedup();
                out
            })
            .collect()
    }

    /// Score the tagger on GUM documents (exact span match).
    pub fn evaluate(&self, docs: &[gum::Document]) -> gum::SpanScores {
        let mut scores = gum::SpanScores::default();
        for doc in docs {
            for (s, predicted) in doc.sentences.iter().zip(self.predict_document(doc)) {
                scores.add(&s.entities, &predicted);
            }
        }
        scores
    }
}

/// Settings for [`train`].
#[derive(Clone, Debug)]
pub struct TrainOptions {
    pub epochs: usize,
    /// Seed of the per-epoch sentence shuffle: the same seed and data give the same model.
    pub seed: u64,
    /// How many models to train, each with its own shuffle (seeds `seed`, `seed + 1`, …), and
    /// sum into one. The training set is small, so a single model's score depends on the
    /// shuffle by a point or two either way; the sum of several is steadier (and the same size
    /// as a single one, give or take the features only some members use).
    pub ensemble: usize,
    /// Use UPOS tags from the bundled POS tagger ([`crate::tagging::PosTagger`]) as features,
    /// in training and in tagging (never GUM's gold tags, which no real input has).
    pub use_pos: bool,
    /// Use the bundled gazetteer's place names as features ([`GazetteerHook`]).
    pub gazetteer: bool,
}

impl Default for TrainOptions {
    fn default() -> TrainOptions {
        TrainOptions {
            epochs: 8,
            seed: 0x616e_6e61_6c73,
            ensemble: 5,
            use_pos: true,
            gazetteer: true,
        }
    }
}

/// Progress reported by [`train`].
#[derive(Debug)]
pub enum TrainEvent<'a> {
    /// Ensemble member `member` (from 1) finished `epoch` (from 1); its averaged weights score
    /// `dev` on the development documents.
    Epoch {
        member: usize,
        epoch: usize,
        dev: &'a gum::SpanScores,
    },
    /// The sum of the first `members` models scores `dev`.
    Ensemble {
        members: usize,
        dev: &'a gum::SpanScores,
    },
}

/// Train a tagger on `train_docs` with UPOS classes from `lexicon`, reporting dev scores to
/// `progress` after every epoch of every ensemble member.
pub fn train(
    train_docs: &[gum::Document],
    dev_docs: &[gum::Document],
    lexicon: Lexicon,
    opts: &TrainOptions,
    mut progress: impl FnMut(TrainEvent<'_>),
) -> Result<NerTagger> {
    let invalid = |e: ModelError| Error::Format {
        path: PathBuf::from("<named-entity training>"),
        message: e.to_string(),
    };
    let labels: Vec<String> = LABELS.iter().map(|l| l.to_string()).collect();
    let words: Vec<Vec<Vec<&str>>> = train_docs.iter().map(words_of).collect();
    let stats: Vec<DocStats> = words
        .iter()
        .map(|doc| DocStats::new(doc.iter().map(Vec::as_slice)))
        .collect();
    // Predicted tags, as at tagging time, computed once for all epochs and members.
    let pos: Vec<Vec<Vec<&str>>> = if opts.use_pos {
        words
            .iter()
            .map(|doc| doc.iter().map(|s| pos_tags(s)).collect())
            .collect()
    } else {
        Vec::new()
    };
    let empty = || Trainer::new(labels.clone()).and_then(|t| t.average(Prune::NONE));
    // A tagger around the weights being trained, for scoring them on dev.
    let mut tagger = NerTagger {
        model: empty().map_err(invalid)?,
        lexicon,
        use_pos: opts.use_pos,
        gazetteer: opts.gazetteer,
        hook: opts
            .gazetteer
            .then(|| Box::new(GazetteerHook) as Box<dyn FeatureHook>),
    };
    let mut members = Vec::new();
    for member in 1..=opts.ensemble.max(1) {
        let mut trainer = Trainer::new(labels.clone()).map_err(invalid)?;
        let mut rng = SplitMix64::new(opts.seed.wrapping_add(member as u64 - 1));
        // (document, sentence) pairs, shuffled before each epoch.
        let mut order: Vec<(usize, usize)> = (0..train_docs.len())
            .flat_map(|d| (0..train_docs[d].sentences.len()).map(move |s| (d, s)))
            .collect();
        let mut sc = Scratch::default();
        let mut gold = Vec::new();
        let mut scores = Vec::with_capacity(N_LABELS);
        for epoch in 1..=opts.epochs.max(1) {
            rng.shuffle(&mut order);
            for &(d, s) in &order {
                let sentence = &train_docs[d].sentences[s];
                let tokens = words[d][s].as_slice();
                let upos = pos.get(d).and_then(|doc| doc.get(s)).map(Vec::as_slice);
                sc.prepare(
                    tokens,
                    upos,
                    &stats[d],
                    &tagger.lexicon,
                    tagger.hook.as_deref(),
                );
                gold_labels(sentence, &mut gold);
                // Greedy training: the history is the model's own predictions, as when tagging,
                // and the guess obeys the same BIO constraint (`predict` leaves the raw scores).
                for (i, &truth) in gold.iter().enumerate() {
                    let (p1, p2) = previous(&sc.labels, i);
                    sc.features.clear();
                    token_features(tokens, &sc.toks, i, p1, p2, &mut sc.features);
                    trainer.predict(&sc.features, &mut scores);
                    let guess = best_valid(&scores, p1);
                    trainer.update(&sc.features, truth, guess);
                    sc.labels.push(guess);
                }
            }
            trainer.end_epoch();
            tagger.model = trainer.average(Prune::NONE).map_err(invalid)?;
            let dev = tagger.evaluate(dev_docs);
            progress(TrainEvent::Epoch {
                member,
                epoch,
                dev: &dev,
            });
        }
        members.push(std::mem::replace(
            &mut tagger.model,
            empty().map_err(invalid)?,
        ));
        if opts.ensemble > 1 {
            tagger.model = Perceptron::sum(&members)
                .ok_or_else(|| invalid(ModelError::Invalid("ensemble".into())))?;
            let dev = tagger.evaluate(dev_docs);
            progress(TrainEvent::Ensemble {
                members: member,
                dev: &dev,
            });
        }
    }
    tagger.model =
        Perceptron::sum(&members).ok_or_else(|| invalid(ModelError::Invalid("ensemble".into())))?;
    Ok(tagger)
}

/// The gold BIO labels of a GUM sentence.
fn gold_labels(sentence: &gum::Sentence, out: &mut Vec<usize>) {
    out.clear();
    out.resize(sentence.forms.len(), O);
    for e in &sentence.entities {
        let b = b_label(e.etype);
        if let Some(first) = out.get_mut(e.start) {
            *first = b;
        }
        for label in out.iter_mut().take(e.end).skip(e.start + 1) {
            *label = b + 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const B_PER: usize = 1;
    const I_PER: usize = 2;
    const B_LOC: usize = 3;
    const I_LOC: usize = 4;

    #[test]
    fn bio_labels_become_spans() {
        assert_eq!(spans(&[]), vec![]);
        assert_eq!(
            spans(&[B_PER, I_PER, O, B_LOC, B_LOC, I_LOC]),
            vec![
                (0, 2, EntityType::Per),
                (3, 4, EntityType::Loc),
                (4, 6, EntityType::Loc)
            ]
        );
        // A stray I- starts an entity; an I- of another type does too.
        assert_eq!(
            spans(&[I_LOC, B_PER, I_LOC]),
            vec![
                (0, 1, EntityType::Loc),
                (1, 2, EntityType::Per),
                (2, 3, EntityType::Loc)
            ]
        );
    }

    #[test]
    fn possessives_come_off_words() {
        assert_eq!(strip_possessive("Tehran’s"), "Tehran");
        assert_eq!(strip_possessive("Lenin's"), "Lenin");
        assert_eq!(strip_possessive("'s"), "'s");
    }

    #[test]
    fn inside_labels_only_continue_their_type() {
        let mut scores = [0f32; N_LABELS];
        scores[I_PER] = 5.0;
        scores[B_LOC] = 1.0;
        assert_eq!(best_valid(&scores, START), B_LOC);
        assert_eq!(best_valid(&scores, O), B_LOC);
        assert_eq!(best_valid(&scores, B_LOC), B_LOC);
        assert_eq!(best_valid(&scores, B_PER), I_PER);
        assert_eq!(best_valid(&scores, I_PER), I_PER);
    }

    #[test]
    fn bad_model_bytes_are_errors() {
        assert!(NerTagger::from_bytes(b"").is_err());
        assert!(NerTagger::from_bytes(b"ANNALNER").is_err());
        let newer = Writer::new(MAGIC, FORMAT_VERSION + 1).finish();
        assert!(NerTagger::from_bytes(&newer).is_err());
        let mut w = Writer::new(MAGIC, FORMAT_VERSION);
        w.u8(0);
        w.u32(u32::MAX); // a lexicon the file cannot hold
        assert!(NerTagger::from_bytes(&w.finish()).is_err());
    }
}
