//! Feature extraction for the part-of-speech tagger.
//!
//! Speed: each token is described once per sentence ([`describe`]): its string parts (lowercased
//! form, suffixes, prefix, shape) are hashed to `u64`s right away. A feature is then a template id
//! mixed with one or two of those hashes and the previous tags, so extracting the 44 features of
//! a position is integer arithmetic with no allocation and no string formatting.
//!
//! What the features look at: the word (lowercased, and as written), its suffixes of 1–4
//! characters, prefixes of 1 and 3, shape (`Xxxxx`, `dddd`), capitalisation and sentence-initial
//! position; the two words each side, their suffixes and shapes; the two previous predicted tags,
//! alone and with the word; the ambiguity class of the word and its neighbours (the tags each
//! was seen with in training, which gives a left-to-right tagger some view of what comes next);
//! and the casing style of the whole sentence (headline, all capitals, all lowercase).
//!
//! Changing what any feature means requires bumping [`FEATURE_SET`], which is stored in the model
//! file, so an old model is rejected instead of silently scoring the wrong features.

use crate::model::FeatureHash;

/// Version of the feature definitions below; see the module docs.
pub const FEATURE_SET: u32 = 1;

/// Suffixes are taken up to this many characters.
const MAX_SUFFIX: usize = 4;
/// Shapes longer than this are cut (a 10 MB token gets a 24-character shape).
const MAX_SHAPE: usize = 24;

const FLAG_UPPER_FIRST: u64 = 1;
const FLAG_ALL_UPPER: u64 = 1 << 1;
const FLAG_DIGIT: u64 = 1 << 2;
const FLAG_HYPHEN: u64 = 1 << 3;
const FLAG_LETTER: u64 = 1 << 4;

/// The parts of one token that features use, already hashed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TokenInfo {
    /// The form exactly as written: the tag dictionary's key.
    pub exact: u64,
    /// The lowercased form.
    pub lower: u64,
    /// The tags the word was seen with in the training data (its ambiguity class): a bit set
    /// over class indices, or [`UNSEEN`]. Filled in by the tagger, which owns the lexicon.
    pub ambiguity: u64,
    /// How the whole sentence is cased (see [`sentence_style`]), copied to each of its tokens.
    pub style: u64,
    /// Suffixes of 1..=MAX_SUFFIX characters of the lowercased form (the last ones repeat the
    /// whole word when it is shorter).
    suffix: [u64; MAX_SUFFIX],
    prefix1: u64,
    prefix3: u64,
    /// The shape ("Xxxxx", "dd"): `lower_hash` of it.
    pub shape: u64,
    short_shape: u64,
    flags: u64,
}

/// Padding before the sentence start and after its end.
const fn boundary(id: u64) -> TokenInfo {
    let h = FeatureHash::new(0xB0).u64(id).finish();
    TokenInfo {
        exact: h,
        lower: h,
        ambiguity: h,
        style: h,
        suffix: [h; MAX_SUFFIX],
        prefix1: h,
        prefix3: h,
        shape: h,
        short_shape: h,
        flags: 1 << 63 | id,
    }
}
const START: [TokenInfo; 2] = [boundary(1), boundary(2)];
const END: [TokenInfo; 2] = [boundary(3), boundary(4)];

/// The ambiguity class of a word not in the lexicon.
pub const UNSEEN: u64 = 1 << 40;

/// Stand-ins for the tags before the first word.
pub const START_TAG: [u64; 2] = [u64::MAX, u64::MAX - 1];

#[inline]
fn part(s: &str) -> u64 {
    FeatureHash::new(0).str(s).finish()
}

/// Hash of a lowercased form, as [`TokenInfo::lower`] holds it.
pub fn lower_hash(lowercased: &str) -> u64 {
    part(lowercased)
}

/// Hash of a form as written, the tag dictionary's key.
pub fn exact_hash(form: &str) -> u64 {
    FeatureHash::new(0xE).str(form).finish()
}

/// Curly quotes and apostrophes as the straight ones EWT mostly uses, so `Tehran’s` and
/// `Tehran's` look alike to the model.
#[inline]
fn normalise(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => '"',
        _ => c,
    }
}

#[inline]
fn shape_char(c: char) -> char {
    if c.is_ascii_digit() || c.is_numeric() {
        'd'
    } else if c.is_uppercase() {
        'X'
    } else if c.is_lowercase() {
        'x'
    } else if c.is_alphabetic() {
        // Letters of uncased scripts (Persian, Chinese): neither capitalised nor lowercase.
        'a'
    } else if c.is_ascii() {
        c
    } else {
        'o'
    }
}

/// Reusable buffers for [`describe`].
#[derive(Default, Debug)]
pub struct Scratch {
    lower: String,
    shape: String,
    short_shape: String,
}

/// Describe one token.
pub fn describe(form: &str, s: &mut Scratch) -> TokenInfo {
    s.lower.clear();
    s.shape.clear();
    s.short_shape.clear();
    let mut flags = 0;
    let (mut run_char, mut run_len, mut shape_len) = ('\0', 0usize, 0usize);
    let (mut letters, mut upper) = (0usize, 0usize);
    for (i, c) in form.chars().enumerate() {
        let c = normalise(c);
        for l in c.to_lowercase() {
            s.lower.push(l);
        }
        if c.is_alphabetic() {
            letters += 1;
            flags |= FLAG_LETTER;
            if c.is_uppercase() {
                upper += 1;
                if i == 0 {
                    flags |= FLAG_UPPER_FIRST;
                }
            }
        } else if c.is_numeric() {
            flags |= FLAG_DIGIT;
        } else if c == '-' {
            flags |= FLAG_HYPHEN;
        }
        let sc = shape_char(c);
        if sc == run_char {
            run_len += 1;
        } else {
            run_char = sc;
            run_len = 1;
            if s.short_shape.len() < MAX_SHAPE {
                s.short_shape.push(sc);
            }
        }
        // Runs are cut at four ("Xxxxx" stands for any capitalised word of five or more).
        if run_len <= 4 && shape_len < MAX_SHAPE {
            s.shape.push(sc);
            shape_len += 1;
        }
    }
    if letters > 0 && upper == letters {
        flags |= FLAG_ALL_UPPER;
    }
    let mut suffix = [0u64; MAX_SUFFIX];
    let mut ends = s.lower.char_indices().rev().map(|(i, _)| i);
    let mut start = s.lower.len();
    for slot in &mut suffix {
        start = ends.next().unwrap_or(start);
        *slot = part(&s.lower[start..]);
    }
    let prefix1 = s.lower.chars().next().map_or(0, |c| {
        let mut b = [0u8; 4];
        part(c.encode_utf8(&mut b))
    });
    let prefix3 = {
        let end = s
            .lower
            .char_indices()
            .nth(3)
            .map_or(s.lower.len(), |(i, _)| i);
        part(&s.lower[..end])
    };
    TokenInfo {
        exact: exact_hash(form),
        prefix3,
        lower: part(&s.lower),
        ambiguity: UNSEEN,
        style: 0,
        suffix,
        prefix1,
        shape: part(&s.shape),
        short_shape: part(&s.short_shape),
        flags,
    }
}

/// Mark every token with the sentence's casing style: capitalisation means less in a headline
/// in title case or capitals, and more in text written all in lowercase (common on the web and
/// in machine translation), so features pair the style with the token's shape.
pub fn sentence_style(tokens: &mut [TokenInfo]) {
    let (mut words, mut capitalised, mut capitals) = (0usize, 0usize, 0usize);
    for t in tokens.iter().skip(1) {
        if t.flags & FLAG_LETTER != 0 {
            words += 1;
            capitalised += usize::from(t.flags & FLAG_UPPER_FIRST != 0);
            capitals += usize::from(t.flags & FLAG_ALL_UPPER != 0);
        }
    }
    let style = if words < 3 {
        0
    } else if capitals * 5 >= words * 3 {
        1
    } else if capitalised * 5 >= words * 3 {
        2
    } else if capitalised == 0 {
        3
    } else {
        4
    };
    for t in tokens {
        t.style = style;
    }
}

/// The features of position `i` of `tokens`, given the two previous predicted tags (class
/// indices, or [`START_TAG`]), into `out` (cleared first).
pub fn extract(tokens: &[TokenInfo], i: usize, prev: u64, prev2: u64, out: &mut Vec<u64>) {
    let at = |offset: isize| -> &TokenInfo {
        let j = i as isize + offset;
        if j < 0 {
            &START[((-j) as usize - 1).min(1)]
        } else {
            let j = j as usize;
            tokens
                .get(j)
                .unwrap_or(&END[j.saturating_sub(tokens.len()).min(1)])
        }
    };
    let (w, wm1, wm2, wp1, wp2) = (at(0), at(-1), at(-2), at(1), at(2));
    let initial = u64::from(i == 0);
    let f = |t: u32| FeatureHash::new(t);
    out.clear();
    out.extend_from_slice(&[
        f(0).finish(),
        f(1).u64(w.lower).finish(),
        f(2).u64(w.suffix[0]).finish(),
        f(3).u64(w.suffix[1]).finish(),
        f(4).u64(w.suffix[2]).finish(),
        f(5).u64(w.suffix[3]).finish(),
        f(6).u64(w.prefix1).finish(),
        f(7).u64(w.shape).finish(),
        f(8).u64(w.flags).u64(initial).finish(),
        f(9).u64(prev).finish(),
        f(10).u64(prev2).finish(),
        f(11).u64(prev).u64(prev2).finish(),
        f(12).u64(prev).u64(w.lower).finish(),
        f(13).u64(wm1.lower).finish(),
        f(14).u64(wm1.suffix[2]).finish(),
        f(15).u64(wm2.lower).finish(),
        f(16).u64(wp1.lower).finish(),
        f(17).u64(wp1.suffix[2]).finish(),
        f(18).u64(wp2.lower).finish(),
        f(19).u64(wm1.lower).u64(w.lower).finish(),
        f(20).u64(w.lower).u64(wp1.lower).finish(),
        f(21).u64(wp1.short_shape).finish(),
        f(22).u64(wm1.short_shape).finish(),
        f(23).u64(w.exact).finish(),
        f(24).u64(prev).u64(wp1.lower).finish(),
        f(25).u64(w.short_shape).u64(initial).finish(),
        f(26).u64(w.ambiguity).finish(),
        f(27).u64(wp1.ambiguity).finish(),
        f(28).u64(wp2.ambiguity).finish(),
        f(29).u64(wm1.ambiguity).finish(),
        f(30).u64(prev).u64(w.ambiguity).finish(),
        f(31).u64(w.ambiguity).u64(wp1.ambiguity).finish(),
        f(32).u64(prev).u64(wp1.ambiguity).finish(),
        f(33).u64(w.style).u64(w.short_shape).finish(),
        f(34).u64(w.style).u64(w.ambiguity).finish(),
        f(35).u64(prev).u64(w.short_shape).finish(),
        f(36).u64(w.short_shape).u64(wp1.short_shape).finish(),
        f(37).u64(w.prefix3).finish(),
        f(38).u64(wm1.lower).u64(wp1.lower).finish(),
        f(39).u64(prev).u64(w.suffix[2]).finish(),
        f(40).u64(wp1.ambiguity).u64(wp2.ambiguity).finish(),
        f(41).u64(w.lower).u64(wp1.ambiguity).finish(),
        f(42).u64(w.lower).u64(wp1.short_shape).finish(),
        f(43).u64(w.suffix[2]).u64(w.flags).finish(),
    ]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_and_flags() {
        let mut s = Scratch::default();
        let tehran = describe("Tehran", &mut s);
        assert_eq!(s.shape, "Xxxxx");
        assert_eq!(s.short_shape, "Xx");
        assert_eq!(tehran.flags, FLAG_UPPER_FIRST | FLAG_LETTER);
        describe("1920-21", &mut s);
        assert_eq!(s.shape, "dddd-dd");
        assert_eq!(s.short_shape, "d-d");
        let ussr = describe("USSR", &mut s);
        assert_eq!(ussr.flags & FLAG_ALL_UPPER, FLAG_ALL_UPPER);
        describe("رشت", &mut s);
        assert_eq!(s.shape, "aaa");
        // Curly and straight apostrophes are one word to the model, but not to the dictionary.
        let a = describe("Tehran’s", &mut s);
        let b = describe("Tehran's", &mut s);
        assert_eq!(a.lower, b.lower);
        assert_ne!(a.exact, b.exact);
    }

    #[test]
    fn suffixes_of_short_words_repeat_the_word() {
        let mut s = Scratch::default();
        let a = describe("a", &mut s);
        assert_eq!(a.suffix, [part("a"); MAX_SUFFIX]);
        let e = describe("", &mut s);
        assert_eq!(e.suffix, [part(""); MAX_SUFFIX]);
        let ing = describe("Marching", &mut s);
        assert_eq!(ing.suffix[2], part("ing"));
    }

    #[test]
    fn long_tokens_get_bounded_shapes() {
        let mut s = Scratch::default();
        let long = "ab1-".repeat(100_000);
        describe(&long, &mut s);
        assert!(s.shape.chars().count() <= MAX_SHAPE);
        let mut out = Vec::new();
        let toks = [describe(&long, &mut s)];
        extract(&toks, 0, START_TAG[0], START_TAG[1], &mut out);
        let n = out.len();
        extract(&[describe("a", &mut s)], 0, 0, 0, &mut out);
        assert_eq!(out.len(), n);
    }

    #[test]
    fn context_differs_at_the_edges() {
        let mut s = Scratch::default();
        let toks: Vec<TokenInfo> = ["a", "b", "c"]
            .iter()
            .map(|w| describe(w, &mut s))
            .collect();
        let (mut x, mut y) = (Vec::new(), Vec::new());
        extract(&toks, 0, 1, 2, &mut x);
        extract(&toks, 2, 1, 2, &mut y);
        assert_ne!(x, y);
        extract(&toks[..0], 0, 1, 2, &mut x); // an empty sentence: only boundary padding
    }
}
