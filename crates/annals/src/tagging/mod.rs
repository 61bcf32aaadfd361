//! Tagging stage: parts of speech (Universal Dependencies UPOS) from a learned model.
//!
//! [`PosTagger`] is a greedy averaged perceptron ([`crate::model::perceptron`]) over the features
//! in [`features`], plus a tag dictionary: words that are frequent in the training data and
//! almost always carry one tag (`the`, `of`, `may`) get it without consulting the model: 40–45%
//! of running text, at no measurable cost in accuracy. A lexicon of ambiguity classes (the tags
//! each training word was seen with) feeds the features, and `exceptions.rs` corrects the two
//! month names the training data cannot teach ("to March on Tehran", "17 may 1920"). The bundled
//! model is trained on UD English EWT by `annals train pos` (see `data/PROVENANCE.md`; UPOS
//! accuracy 95.5% on the EWT test file) and compiled into the binary.
//!
//! ```
//! use annals::tagging::{PosTagger, Upos};
//! let tags = PosTagger::bundled().tag(&["In", "March", "1921", "they", "signed", "a", "treaty"]);
//! assert_eq!(tags[1], Upos::Propn);
//! assert_eq!(tags[4], Upos::Verb);
//! ```
//!
//! # File format (version 1, little-endian; see [`crate::model`] for the codec)
//!
//! ```text
//! magic "ANNLSPOS", u32 version, u32 feature-set version, u32 length + UTF-8 description,
//! u32 n, n × (u64 exact-form hash, u8 class)      tag dictionary, increasing hash order
//! u32 n, n × (u64 form hash, u32 tag bit set)    lexicon (ambiguity classes), same order
//! perceptron section (classes are UPOS names)
//! u64 checksum
//! ```

pub mod conllu;
mod exceptions;
pub mod features;
mod train;

pub use train::{accuracy, train, Accuracy, EpochReport, TrainOptions};

use crate::model::{FeatureMap, ModelError, Perceptron, Reader, Writer};
use crate::text::Segmented;
use features::{describe, extract, Scratch, TokenInfo, START_TAG};
use serde::Serialize;
use std::sync::OnceLock;

const MAGIC: &[u8; 8] = b"ANNLSPOS";
const VERSION: u32 = 1;

/// The trained model, compiled in so the binary needs no files at run time.
static BUNDLED: &[u8] = include_bytes!("../../../../data/pos-ud.bin");

/// A Universal Dependencies part-of-speech tag (<https://universaldependencies.org/u/pos/>).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Upos {
    Adj,
    Adp,
    Adv,
    Aux,
    Cconj,
    Det,
    Intj,
    Noun,
    Num,
    Part,
    Pron,
    Propn,
    Punct,
    Sconj,
    Sym,
    Verb,
    X,
}

impl Upos {
    pub const ALL: [Upos; 17] = [
        Upos::Adj,
        Upos::Adp,
        Upos::Adv,
        Upos::Aux,
        Upos::Cconj,
        Upos::Det,
        Upos::Intj,
        Upos::Noun,
        Upos::Num,
        Upos::Part,
        Upos::Pron,
        Upos::Propn,
        Upos::Punct,
        Upos::Sconj,
        Upos::Sym,
        Upos::Verb,
        Upos::X,
    ];

    /// The UD name: `"ADJ"`, `"PROPN"`, …
    pub const fn as_str(self) -> &'static str {
        match self {
            Upos::Adj => "ADJ",
            Upos::Adp => "ADP",
            Upos::Adv => "ADV",
            Upos::Aux => "AUX",
            Upos::Cconj => "CCONJ",
            Upos::Det => "DET",
            Upos::Intj => "INTJ",
            Upos::Noun => "NOUN",
            Upos::Num => "NUM",
            Upos::Part => "PART",
            Upos::Pron => "PRON",
            Upos::Propn => "PROPN",
            Upos::Punct => "PUNCT",
            Upos::Sconj => "SCONJ",
            Upos::Sym => "SYM",
            Upos::Verb => "VERB",
            Upos::X => "X",
        }
    }

    /// The tag named `name` (a UD name, as in CoNLL-U files).
    pub fn from_name(name: &str) -> Option<Upos> {
        Upos::ALL.into_iter().find(|u| u.as_str() == name)
    }
}

impl std::fmt::Display for Upos {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A part-of-speech tagger. Cheap to share: tagging takes `&self`.
#[derive(Clone, Debug)]
pub struct PosTagger {
    pub(crate) model: Perceptron,
    /// Class index → tag.
    pub(crate) tags: Vec<Upos>,
    /// Exact-form hash → class index, for frequent unambiguous words.
    pub(crate) dict: FeatureMap<u8>,
    /// Exact-form and lowercased-form hashes → the tags seen with them in training (a bit set).
    pub(crate) lexicon: FeatureMap<u32>,
    exceptions: Option<exceptions::Exceptions>,
    description: String,
}

/// Reusable buffers, so tagging a document allocates once, not per sentence.
#[derive(Default, Debug)]
pub(crate) struct State {
    pub scratch: Scratch,
    pub infos: Vec<TokenInfo>,
    pub feats: Vec<u64>,
    pub scores: Vec<f32>,
}

impl PosTagger {
    /// The model bundled with annals (UPOS, trained on UD English EWT), loaded on first use.
    pub fn bundled() -> &'static PosTagger {
        match PosTagger::try_bundled() {
            Ok(t) => t,
            // Unreachable in a released build: tests/pos_tagger.rs loads the bundled model.
            Err(e) => panic!("the bundled data/pos-ud.bin does not load: {e}"),
        }
    }

    /// Like [`PosTagger::bundled`], but an error instead of a panic if the file compiled into
    /// this build is broken (only possible in a development checkout).
    pub fn try_bundled() -> Result<&'static PosTagger, &'static ModelError> {
        static TAGGER: OnceLock<Result<PosTagger, ModelError>> = OnceLock::new();
        TAGGER
            .get_or_init(|| PosTagger::from_bytes(BUNDLED))
            .as_ref()
    }

    pub(crate) fn new(
        model: Perceptron,
        dict: FeatureMap<u8>,
        lexicon: FeatureMap<u32>,
        description: String,
    ) -> Result<PosTagger, ModelError> {
        let tags = model
            .classes()
            .iter()
            .map(|c| {
                Upos::from_name(c)
                    .ok_or_else(|| ModelError::Invalid(format!("{c:?} is not a UPOS tag")))
            })
            .collect::<Result<Vec<_>, _>>()?;
        if let Some((_, &c)) = dict.iter().find(|(_, &c)| c as usize >= tags.len()) {
            return Err(ModelError::Corrupt(format!(
                "tag dictionary class {c} out of range"
            )));
        }
        let outside = |m: u32| m.checked_shr(tags.len() as u32).unwrap_or(0) != 0;
        if lexicon.values().any(|&m| m == 0 || outside(m)) {
            return Err(ModelError::Corrupt("lexicon tag set out of range".into()));
        }
        Ok(PosTagger {
            model,
            exceptions: exceptions::Exceptions::new(&tags),
            tags,
            dict,
            lexicon,
            description,
        })
    }

    /// How the model was trained (data, settings, scores), as recorded by `annals train pos`.
    pub fn description(&self) -> &str {
        &self.description
    }

    pub fn set_description(&mut self, description: String) {
        self.description = description;
    }

    /// Number of words in the tag dictionary and features in the model.
    pub fn sizes(&self) -> (usize, usize) {
        (self.dict.len(), self.model.n_features())
    }

    /// Serialise to the model file format.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer::new(MAGIC, VERSION);
        w.u32(features::FEATURE_SET);
        w.str(&self.description);
        let mut dict: Vec<(u64, u8)> = self.dict.iter().map(|(&k, &v)| (k, v)).collect();
        dict.sort_unstable();
        w.len(dict.len());
        for (k, v) in dict {
            w.u64(k);
            w.u8(v);
        }
        let mut lexicon: Vec<(u64, u32)> = self.lexicon.iter().map(|(&k, &v)| (k, v)).collect();
        lexicon.sort_unstable();
        w.len(lexicon.len());
        for (k, v) in lexicon {
            w.u64(k);
            w.u32(v);
        }
        self.model.write(&mut w);
        w.finish()
    }

    /// Load a model file. Never panics: a corrupt, truncated or foreign file is an error.
    pub fn from_bytes(bytes: &[u8]) -> Result<PosTagger, ModelError> {
        let mut r = Reader::open(bytes, MAGIC, "part-of-speech", VERSION)?;
        let feature_set = r.u32()?;
        if feature_set != features::FEATURE_SET {
            return Err(ModelError::Version {
                what: "part-of-speech feature set",
                found: feature_set,
                supported: features::FEATURE_SET,
            });
        }
        let description = r.str()?.to_owned();
        let n = r.len(9)?;
        let mut dict = FeatureMap::default();
        dict.reserve(n);
        let mut last = None;
        for _ in 0..n {
            let (k, v) = (r.u64()?, r.u8()?);
            if last.is_some_and(|l| l >= k) {
                return Err(ModelError::Corrupt("tag dictionary out of order".into()));
            }
            last = Some(k);
            dict.insert(k, v);
        }
        let n = r.len(12)?;
        let mut lexicon = FeatureMap::default();
        lexicon.reserve(n);
        let mut last = None;
        for _ in 0..n {
            let (k, v) = (r.u64()?, r.u32()?);
            if last.is_some_and(|l| l >= k) {
                return Err(ModelError::Corrupt("lexicon out of order".into()));
            }
            last = Some(k);
            lexicon.insert(k, v);
        }
        let model = Perceptron::read(&mut r)?;
        r.end()?;
        PosTagger::new(model, dict, lexicon, description)
    }

    /// Tag one sentence of words (or any token sequence; an empty one gives no tags).
    pub fn tag<S: AsRef<str>>(&self, words: &[S]) -> Vec<Upos> {
        let mut st = State::default();
        let mut out = Vec::with_capacity(words.len());
        self.tag_forms(words.iter().map(AsRef::as_ref), &mut st, &mut out);
        out
    }

    /// Tag every token of a segmented document, one sentence at a time: the result has one tag
    /// per token of `seg.tokens`, in the same order. `text` must be the text `seg` was made from;
    /// if it is not, out-of-range tokens are tagged as empty words rather than panicking.
    pub fn tag_segmented(&self, text: &str, seg: &Segmented) -> Vec<Upos> {
        let mut out = Vec::new();
        self.tag_segmented_into(text, seg, &mut out);
        out
    }

    /// Like [`PosTagger::tag_segmented`], reusing `out`'s allocation (cleared first).
    pub fn tag_segmented_into(&self, text: &str, seg: &Segmented, out: &mut Vec<Upos>) {
        out.clear();
        out.resize(seg.tokens.len(), Upos::X);
        let mut st = State::default();
        let mut tags = Vec::new();
        for s in &seg.sentences {
            let Some(tokens) = seg.tokens.get(s.tokens.clone()) else {
                continue;
            };
            tags.clear();
            let forms = tokens
                .iter()
                .map(|t| text.get(t.span.start..t.span.end).unwrap_or(""));
            self.tag_forms(forms, &mut st, &mut tags);
            if let Some(dst) = out.get_mut(s.tokens.clone()) {
                dst.copy_from_slice(&tags);
            }
        }
    }

    fn tag_forms<'a>(
        &self,
        forms: impl Iterator<Item = &'a str>,
        st: &mut State,
        out: &mut Vec<Upos>,
    ) {
        st.infos.clear();
        for f in forms {
            let mut info = describe(f, &mut st.scratch);
            info.ambiguity = self.ambiguity(&info);
            st.infos.push(info);
        }
        features::sentence_style(&mut st.infos);
        let (mut prev, mut prev2) = (START_TAG[0], START_TAG[1]);
        let tag = |class: usize| self.tags.get(class).copied().unwrap_or(Upos::X);
        for i in 0..st.infos.len() {
            let mut class = self.classify(st, i, prev, prev2);
            if let Some(e) = &self.exceptions {
                let c = e.apply(&st.infos, i, class);
                class = c.class;
                if let (Some(p), Some(last)) = (c.previous, out.last_mut()) {
                    *last = tag(p);
                }
            }
            out.push(tag(class));
            (prev, prev2) = (class as u64, prev);
        }
    }

    /// The word's ambiguity class: the tags seen with its exact form, else with its lowercased
    /// form (a sentence-initial capital), else [`features::UNSEEN`].
    #[inline]
    fn ambiguity(&self, info: &TokenInfo) -> u64 {
        self.lexicon
            .get(&info.exact)
            .or_else(|| self.lexicon.get(&info.lower))
            .map_or(features::UNSEEN, |&m| u64::from(m))
    }

    /// The class of position `i` of `st.infos`: from the tag dictionary, else the model.
    #[inline]
    pub(crate) fn classify(&self, st: &mut State, i: usize, prev: u64, prev2: u64) -> usize {
        if let Some(&c) = st.infos.get(i).and_then(|t| self.dict.get(&t.exact)) {
            return c as usize;
        }
        extract(&st.infos, i, prev, prev2, &mut st.feats);
        self.model.predict(&st.feats, &mut st.scores)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upos_names_round_trip() {
        for u in Upos::ALL {
            assert_eq!(Upos::from_name(u.as_str()), Some(u));
            assert_eq!(
                serde_json::to_string(&u).unwrap(),
                format!("\"{}\"", u.as_str())
            );
        }
        assert_eq!(Upos::from_name("propn"), None);
    }

    fn tiny() -> PosTagger {
        let data = conllu::parse(
            "1\tThe\tthe\tDET\tDT\t_\t0\t_\t_\t_\n2\tcat\tcat\tNOUN\tNN\t_\t0\t_\t_\t_\n\
             3\tsat\tsit\tVERB\tVBD\t_\t0\t_\t_\t_\n4\t.\t.\tPUNCT\t.\t_\t0\t_\t_\t_\n",
            std::path::Path::new("tiny"),
        )
        .unwrap();
        let opts = TrainOptions {
            epochs: 3,
            dict_min_count: 1,
            ..TrainOptions::default()
        };
        train(&data, &[], &opts, |_| {}).unwrap()
    }

    #[test]
    fn file_round_trip_and_corruption() {
        let t = tiny();
        assert_eq!(t.tag(&["The", "cat", "sat", "."]).len(), 4);
        let bytes = t.to_bytes();
        let u = PosTagger::from_bytes(&bytes).unwrap();
        assert_eq!(u.to_bytes(), bytes);
        assert_eq!(u.description(), t.description());
        for len in 0..bytes.len() {
            assert!(PosTagger::from_bytes(&bytes[..len]).is_err());
        }
        for i in 0..bytes.len() {
            let mut bad = bytes.clone();
            bad[i] ^= 0x01;
            assert!(PosTagger::from_bytes(&bad).is_err(), "byte {i}");
        }
        // A perceptron file is not a tagger file.
        assert!(matches!(
            PosTagger::from_bytes(&t.model.to_bytes()),
            Err(ModelError::BadMagic { .. })
        ));
    }

    #[test]
    fn odd_input_does_not_panic() {
        let t = tiny();
        let empty: [&str; 0] = [];
        assert!(t.tag(&empty).is_empty());
        let long = "x".repeat(1 << 20);
        let words = [
            "",
            " ",
            "\u{0}",
            "رشت",
            "东京",
            "🙂",
            long.as_str(),
            "\u{301}",
        ];
        assert_eq!(t.tag(&words).len(), words.len());
        // A segmentation that does not belong to the text.
        let seg = crate::text::segment("One two three. Four five.");
        assert_eq!(t.tag_segmented("One", &seg).len(), seg.tokens.len());
        let mut broken = seg.clone();
        broken.sentences[0].tokens = 2..99;
        assert_eq!(t.tag_segmented("x", &broken).len(), seg.tokens.len());
    }
}
