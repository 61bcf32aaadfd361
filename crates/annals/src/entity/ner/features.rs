//! Features of the named-entity tagger: per-word values hashed once per sentence ([`Tok`]),
//! document-wide spelling statistics ([`DocStats`]), the UPOS ambiguity-class [`Lexicon`], and
//! the templates that combine them for one position ([`token_features`]).

use super::FeatureHook;
use crate::entity::gum;
use crate::model::{FeatureHash, ModelError, Reader, Writer};
use std::collections::HashMap;

/// UPOS ambiguity classes of word forms seen in tagged training text (UD English EWT and GUM):
/// the set of tags a form takes at least a tenth of the time. It stands in for a POS tagger —
/// "Will" is PROPN, "will" AUX; "Even" at a sentence start is looked up as "even" — and covers
/// words the NER training data never shows.
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    /// Sorted form hashes and, in step, their classes (a bit per [`gum::UPOS_TAGS`] entry).
    keys: Vec<u64>,
    classes: Vec<u32>,
}

/// Set in a class found through the lowercased form.
pub(super) const LEX_LOWERED: u64 = 1 << 20;
/// The class of a form the lexicon does not hold.
pub(super) const LEX_UNKNOWN: u64 = 1 << 21;

impl Lexicon {
    /// Build from tagged sentences; forms seen fewer than `min_count` times are left out.
    pub fn build<'a>(
        sentences: impl Iterator<Item = &'a gum::Sentence>,
        min_count: u32,
    ) -> Lexicon {
        let mut counts: HashMap<u64, [u32; 17]> = HashMap::new();
        for s in sentences {
            for (form, upos) in s.forms.iter().zip(&s.upos) {
                if let Some(k) = gum::UPOS_TAGS.iter().position(|t| t == upos) {
                    counts.entry(hash_str(form)).or_insert([0; 17])[k] += 1;
                }
            }
        }
        let mut entries: Vec<(u64, u32)> = counts
            .into_iter()
            .filter_map(|(key, c)| {
                let total: u32 = c.iter().sum();
                let class = (0..17)
                    .filter(|&k| c[k] * 10 >= total)
                    .fold(0u32, |m, k| m | 1 << k);
                (total >= min_count).then_some((key, class))
            })
            .collect();
        entries.sort_unstable();
        let (keys, classes) = entries.into_iter().unzip();
        Lexicon { keys, classes }
    }

    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    fn get(&self, key: u64) -> Option<u64> {
        let i = self.keys.binary_search(&key).ok()?;
        self.classes.get(i).map(|&c| u64::from(c))
    }

    /// The class of `w`, falling back to its lowercase form.
    pub(super) fn class(&self, w: &str) -> u64 {
        if let Some(c) = self.get(hash_str(w)) {
            return c;
        }
        if w.chars().any(char::is_uppercase) {
            let mut buf = [0u8; 64];
            if let Some(lower) = ascii_lower(w, &mut buf) {
                if let Some(c) = self.get(hash_str(lower)) {
                    return c | LEX_LOWERED;
                }
            }
        }
        LEX_UNKNOWN
    }

    pub(super) fn write(&self, w: &mut Writer) {
        w.len(self.keys.len());
        for (k, c) in self.keys.iter().zip(&self.classes) {
            w.u64(*k);
            w.u32(*c);
        }
    }

    pub(super) fn read(r: &mut Reader<'_>) -> std::result::Result<Lexicon, ModelError> {
        let n = r.len(12)?;
        let mut lex = Lexicon::default();
        for _ in 0..n {
            lex.keys.push(r.u64()?);
            lex.classes.push(r.u32()?);
        }
        if !lex.keys.is_sorted() {
            return Err(ModelError::Corrupt("lexicon keys out of order".into()));
        }
        Ok(lex)
    }
}

/// `w` lowercased into `buf` when it is ASCII and fits (other words skip the fallback).
pub(super) fn ascii_lower<'b>(w: &str, buf: &'b mut [u8; 64]) -> Option<&'b str> {
    let out = buf.get_mut(..w.len()).filter(|_| w.is_ascii())?;
    for (o, b) in out.iter_mut().zip(w.bytes()) {
        *o = b.to_ascii_lowercase();
    }
    std::str::from_utf8(out).ok()
}

// ---------------------------------------------------------------------------------------------
// Features

/// How each word (by lowercase hash) is written across a document: capitalised away from a
/// sentence start, and in lowercase.
#[derive(Default)]
pub(super) struct DocStats {
    counts: HashMap<u64, (u32, u32)>,
}

impl DocStats {
    pub(super) fn new<'a>(sentences: impl Iterator<Item = &'a [&'a str]>) -> DocStats {
        let mut counts: HashMap<u64, (u32, u32)> = HashMap::new();
        for tokens in sentences {
            for (i, w) in tokens.iter().enumerate() {
                let caps = caps_class(w);
                let c = counts.entry(hash_lower(w)).or_default();
                if caps == Caps::Lower {
                    c.1 += 1;
                } else if caps != Caps::None && !sentence_initial(tokens, i) {
                    c.0 += 1;
                }
            }
        }
        DocStats { counts }
    }

    /// A small code for the feature: capitalised elsewhere mid-sentence, lowercase elsewhere.
    pub(super) fn code(&self, tokens: &[&str], i: usize, lower: u64, caps: Caps) -> u64 {
        let (mut mid_caps, mut low) = self.counts.get(&lower).copied().unwrap_or_default();
        // Discount this occurrence, so that the feature says something about the others.
        if caps == Caps::Lower {
            low = low.saturating_sub(1);
        } else if caps != Caps::None && !sentence_initial(tokens, i) {
            mid_caps = mid_caps.saturating_sub(1);
        }
        u64::from(mid_caps > 0) | u64::from(low > 0) << 1
    }
}

/// The first word of a sentence, possibly after opening quotes or brackets.
pub(super) fn sentence_initial(tokens: &[&str], i: usize) -> bool {
    tokens[..i.min(tokens.len())]
        .iter()
        .all(|w| w.chars().all(|c| !c.is_alphanumeric()))
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) enum Caps {
    /// No letters.
    #[default]
    None,
    Lower,
    /// First letter upper, the rest lower.
    Title,
    Upper,
    Mixed,
}

pub(super) fn caps_class(w: &str) -> Caps {
    let (mut upper, mut lower, mut first_upper, mut first) = (0, 0, false, true);
    for c in w.chars().filter(|c| c.is_alphabetic()) {
        if c.is_uppercase() {
            upper += 1;
            first_upper |= first;
        } else {
            lower += 1;
        }
        first = false;
    }
    match (upper, lower) {
        (0, 0) => Caps::None,
        (0, _) => Caps::Lower,
        (_, 0) => Caps::Upper,
        (1, _) if first_upper => Caps::Title,
        _ => Caps::Mixed,
    }
}

/// Per-token values hashed once per sentence, shared by the token and its neighbours.
#[derive(Clone, Copy, Default)]
pub(super) struct Tok {
    pub(super) lower: u64,
    pub(super) shape: u64,
    pub(super) short_shape: u64,
    pub(super) prefix: [u64; 3],
    pub(super) suffix: [u64; 4],
    pub(super) caps: Caps,
    pub(super) initial: bool,
    pub(super) title: bool,
    pub(super) doc: u64,
    pub(super) pos: u64,
    pub(super) lex: u64,
    pub(super) hook: u64,
}

#[derive(Default)]
pub(super) struct Scratch {
    pub(super) toks: Vec<Tok>,
    pub(super) hook_tags: Vec<u64>,
    pub(super) features: Vec<u64>,
    pub(super) labels: Vec<usize>,
}

impl Scratch {
    pub(super) fn prepare(
        &mut self,
        tokens: &[&str],
        upos: Option<&[&str]>,
        doc: &DocStats,
        lexicon: &Lexicon,
        hook: Option<&dyn FeatureHook>,
    ) {
        self.labels.clear();
        self.hook_tags.clear();
        self.hook_tags.resize(tokens.len(), 0);
        if let Some(h) = hook {
            h.token_tags(tokens, &mut self.hook_tags);
        }
        self.toks.clear();
        self.toks.extend(tokens.iter().enumerate().map(|(i, w)| {
            let mut tok = describe(w);
            tok.initial = sentence_initial(tokens, i);
            tok.doc = doc.code(tokens, i, tok.lower, tok.caps);
            tok.pos = upos.and_then(|u| u.get(i)).map_or(0, |p| hash_str(p));
            tok.lex = lexicon.class(w);
            tok.hook = self.hook_tags.get(i).copied().unwrap_or(0);
            tok
        }));
    }
}

pub(super) const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
pub(super) const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

pub(super) fn fnv(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(FNV_PRIME);
    }
    h
}

pub(super) fn hash_str(s: &str) -> u64 {
    fnv(FNV_OFFSET, s.as_bytes())
}

/// Hash of `s` lowercased, without allocating.
pub(super) fn hash_lower(s: &str) -> u64 {
    if s.is_ascii() {
        return s.bytes().fold(FNV_OFFSET, |h, b| {
            (h ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(FNV_PRIME)
        });
    }
    let mut buf = [0u8; 4];
    s.chars()
        .flat_map(char::to_lowercase)
        .fold(FNV_OFFSET, |h, c| {
            fnv(h, c.encode_utf8(&mut buf).as_bytes())
        })
}

/// One feature: a template id and a value.
pub(super) fn feature_hash(template: u64, value: u64) -> u64 {
    FeatureHash::new(template as u32).u64(value).finish()
}

pub(super) fn pair(a: u64, b: u64) -> u64 {
    a.rotate_left(23) ^ b.wrapping_mul(0x2545_f491_4f6c_dd1d)
}

/// Titles and honorifics next to names (case-insensitive, final period ignored). They are
/// features, not rules: "King" also starts "King's College".
pub(super) const TITLE_CUES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "dr",
    "sir",
    "lord",
    "lady",
    "gen",
    "general",
    "col",
    "colonel",
    "lt",
    "lieutenant",
    "capt",
    "captain",
    "maj",
    "major",
    "adm",
    "admiral",
    "commander",
    "marshal",
    "sheikh",
    "shaikh",
    "mirza",
    "khan",
    "shah",
    "sultan",
    "emir",
    "amir",
    "pasha",
    "bey",
    "president",
    "king",
    "queen",
    "prince",
    "princess",
    "emperor",
    "tsar",
    "czar",
    "pope",
    "minister",
    "governor",
    "senator",
    "prof",
    "professor",
    "rev",
    "ayatollah",
    "comrade",
];

pub(super) fn is_title(w: &str) -> bool {
    let w = w.strip_suffix('.').unwrap_or(w);
    TITLE_CUES.iter().any(|t| t.eq_ignore_ascii_case(w))
}

pub(super) fn char_class(c: char) -> u8 {
    if c.is_uppercase() {
        b'X'
    } else if c.is_alphabetic() {
        b'x'
    } else if c.is_numeric() {
        b'd'
    } else if c.is_ascii() {
        c as u8
    } else {
        b'o'
    }
}

/// The sentence-independent values of one word.
pub(super) fn describe(w: &str) -> Tok {
    // `shape` keeps runs of a character class up to four long ("Xxxx", "dddd"), `short_shape`
    // one long ("Xx", "d").
    let (mut shape, mut short) = (FNV_OFFSET, FNV_OFFSET);
    let (mut last, mut run) = (0u8, 0usize);
    let mut prefix = [0u64; 3];
    for (k, (at, c)) in w.char_indices().enumerate() {
        if k < prefix.len() {
            prefix[k] = hash_lower(&w[..at + c.len_utf8()]);
        }
        let class = char_class(c);
        if class == last {
            run += 1;
        } else {
            run = 1;
            short = fnv(short, &[class]);
        }
        if run <= 4 {
            shape = fnv(shape, &[class]);
        }
        last = class;
    }
    let mut suffix = [0u64; 4];
    for (slot, (at, _)) in suffix.iter_mut().zip(w.char_indices().rev()) {
        *slot = hash_lower(&w[at..]);
    }
    Tok {
        lower: hash_lower(w),
        shape,
        short_shape: short,
        prefix,
        suffix,
        caps: caps_class(w),
        title: is_title(w),
        ..Tok::default()
    }
}

/// Feature template ids. They are baked into trained models: change one only together with
/// [`super::FORMAT_VERSION`].
mod t {
    pub const BIAS: u64 = 0;
    pub const W: u64 = 1;
    pub const SHAPE: u64 = 2;
    pub const SHORT: u64 = 3;
    pub const PREFIX: u64 = 4; // + 0..3
    pub const SUFFIX: u64 = 7; // + 0..4
    pub const CAPS_INITIAL: u64 = 11;
    pub const TITLE: u64 = 12;
    pub const DOC: u64 = 13;
    pub const N_W: u64 = 14; // + 0..4 for neighbours -2, -1, +1, +2
    pub const N_SHAPE: u64 = 18; // + 0..4
    pub const N_CAPS: u64 = 22; // + 0..4
    pub const N_POS: u64 = 26; // + 0..4
    pub const N_TITLE: u64 = 30;
    pub const N_HOOK: u64 = 31; // + 0..4
    pub const N_SUFFIX: u64 = 35; // + 0..4
    pub const POS: u64 = 39;
    pub const POS_SHAPE: u64 = 40;
    pub const HOOK: u64 = 41;
    pub const PREV: u64 = 42;
    pub const PREV2: u64 = 43;
    pub const PREV_W: u64 = 44;
    pub const PREV_SHAPE: u64 = 45;
    pub const PREV_SUFFIX: u64 = 46;
    pub const BIGRAM_LEFT: u64 = 47;
    pub const BIGRAM_RIGHT: u64 = 48;
    pub const DOC_SHAPE: u64 = 49;
    pub const LEX: u64 = 50;
    pub const LEX_CAPS: u64 = 51;
    pub const N_LEX: u64 = 52; // + 0..2 for neighbours -1, +1
    pub const TRIGRAM: u64 = 54;
}

/// Push the features of token `i` given the two previous labels.
pub(super) fn token_features(
    words: &[&str],
    toks: &[Tok],
    i: usize,
    p1: usize,
    p2: usize,
    out: &mut Vec<u64>,
) {
    const EDGE: u64 = 0x5eed;
    let tok = toks[i];
    let mut push = |template: u64, value: u64| out.push(feature_hash(template, value));
    push(t::BIAS, 0);
    push(t::W, tok.lower);
    push(t::SHAPE, tok.shape);
    push(t::SHORT, tok.short_shape);
    for (k, &p) in (0..).zip(&tok.prefix) {
        if p != 0 {
            push(t::PREFIX + k, p);
        }
    }
    for (k, &s) in (0..).zip(&tok.suffix) {
        if s != 0 {
            push(t::SUFFIX + k, s);
        }
    }
    push(
        t::CAPS_INITIAL,
        tok.caps as u64 * 2 + u64::from(tok.initial),
    );
    push(
        t::DOC,
        tok.doc * 16 + tok.caps as u64 * 2 + u64::from(tok.initial),
    );
    push(t::DOC_SHAPE, pair(tok.doc, tok.short_shape));
    if tok.title {
        push(t::TITLE, 1);
    }
    for (k, off) in (0..).zip([-2isize, -1, 1, 2]) {
        let n = i.checked_add_signed(off).and_then(|j| toks.get(j));
        let Some(n) = n else {
            push(t::N_W + k, EDGE);
            continue;
        };
        push(t::N_W + k, n.lower);
        push(t::N_SHAPE + k, n.short_shape);
        push(t::N_CAPS + k, n.caps as u64);
        push(t::N_SUFFIX + k, n.suffix[2]);
        if n.pos != 0 {
            push(t::N_POS + k, n.pos);
        }
        if n.hook != 0 {
            push(t::N_HOOK + k, n.hook);
        }
        if n.title {
            push(t::N_TITLE, k);
        }
    }
    if tok.pos != 0 {
        push(t::POS, tok.pos);
        push(t::POS_SHAPE, pair(tok.pos, tok.short_shape));
    }
    push(t::LEX, tok.lex);
    push(
        t::LEX_CAPS,
        pair(tok.lex, tok.caps as u64 * 2 + u64::from(tok.initial)),
    );
    for (k, off) in (0..).zip([-1isize, 1]) {
        let n = i.checked_add_signed(off).and_then(|j| toks.get(j));
        push(t::N_LEX + k, n.map_or(EDGE, |n| n.lex));
    }
    // Also when 0: a capitalised word that is not a known place is evidence too.
    push(t::HOOK, pair(tok.hook, tok.caps as u64));
    let (p1, p2) = (p1 as u64, p2 as u64);
    push(t::PREV, p1);
    push(t::PREV2, pair(p1, p2));
    push(t::PREV_W, pair(p1, tok.lower));
    push(t::PREV_SHAPE, pair(p1, tok.short_shape));
    push(t::PREV_SUFFIX, pair(p1, tok.suffix[2]));
    let left = i.checked_sub(1).map_or(EDGE, |j| toks[j].lower);
    let right = toks.get(i + 1).map_or(EDGE, |n| n.lower);
    push(t::BIGRAM_LEFT, pair(left, tok.lower));
    push(t::BIGRAM_RIGHT, pair(tok.lower, right));
    // Byte trigrams of capitalised words: name-forming pieces beyond the suffix ("-idze",
    // "Ord", "stan") for names the training data never shows.
    if matches!(tok.caps, Caps::Title | Caps::Upper) {
        for piece in words[i].as_bytes().windows(3) {
            push(t::TRIGRAM, fnv(FNV_OFFSET, piece));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Reader, Writer};

    #[test]
    fn lowercase_hash_agrees_across_scripts_and_cases() {
        assert_eq!(hash_lower("Baku"), hash_lower("BAKU"));
        assert_eq!(hash_lower("Baku"), hash_str("baku"));
        assert_eq!(hash_lower("Ölçek"), hash_lower("ölçek"));
        assert_eq!(hash_lower("Ölçek"), hash_str("ölçek"));
        assert_ne!(hash_lower("Baku"), hash_lower("Bakı"));
    }

    #[test]
    fn word_descriptions() {
        assert_eq!(caps_class("Denikin"), Caps::Title);
        assert_eq!(caps_class("USSR"), Caps::Upper);
        assert_eq!(caps_class("McDonald"), Caps::Mixed);
        assert_eq!(caps_class("1920"), Caps::None);
        assert!(is_title("Gen.") && is_title("MIRZA") && !is_title("Generally"));
        assert!(sentence_initial(&["“", "Who"], 1) && !sentence_initial(&["a", "Who"], 1));
        let a = describe("Baku");
        let b = describe("Rome");
        assert_eq!((a.shape, a.short_shape), (b.shape, b.short_shape));
        assert_ne!(a.suffix, b.suffix);
    }

    #[test]
    fn document_stats_look_past_the_sentence_start() {
        let s1: &[&str] = &["Byron", "wrote"];
        let s2: &[&str] = &["They", "met", "Byron", "even", "so"];
        let s3: &[&str] = &["Even", "so"];
        let doc = DocStats::new([s1, s2, s3].into_iter());
        let code = |s: &[&str], i: usize| {
            let w = s[i];
            doc.code(s, i, hash_lower(w), caps_class(w))
        };
        assert_eq!(code(s1, 0), 1, "capitalised mid-sentence elsewhere");
        assert_eq!(code(s2, 2), 0, "its own occurrence does not count");
        assert_eq!(code(s3, 0), 2, "lowercase elsewhere");
    }

    #[test]
    fn lexicon_round_trips_and_falls_back_to_lowercase() {
        let s = gum::Sentence {
            forms: vec!["Will".into(), "will".into(), "even".into()],
            upos: vec!["PROPN", "AUX", "ADV"],
            entities: vec![],
        };
        let lex = Lexicon::build(std::iter::once(&s), 1);
        let mut w = Writer::new(b"TESTLEXI", 1);
        lex.write(&mut w);
        let bytes = w.finish();
        let mut r = Reader::open(&bytes, b"TESTLEXI", "test", 1).unwrap();
        let back = Lexicon::read(&mut r).unwrap();
        r.end().unwrap();
        assert_eq!(back.class("Will"), 1 << 11);
        assert_eq!(back.class("will"), 1 << 3);
        assert_eq!(back.class("Even"), 1 << 2 | LEX_LOWERED);
        assert_eq!(back.class("Zzz"), LEX_UNKNOWN);
    }
}
