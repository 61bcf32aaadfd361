//! Character classes used by the tokenizer and the sentence splitter.
//!
//! ASCII goes through a 128-entry table because it is almost all of the input we see; everything
//! else goes through `char` methods and a few small range lists.

/// What an ASCII byte starts (or is) in the tokenizer.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Ascii {
    /// Whitespace and control characters: separate tokens, never part of one.
    Space,
    /// Letters and digits: start or continue a word or number.
    Alnum,
    /// `.`: sentence end, abbreviation, decimal point or ellipsis, decided by context.
    Period,
    /// `!` and `?`: runs of them form one token.
    Bang,
    /// `-`: joins words and numbers (`worker-peasant`, `20-30`), otherwise a dash.
    Hyphen,
    /// `"`, `'`, `` ` ``.
    Quote,
    /// Other punctuation: `, ; : ( ) [ ] { } / \ _`.
    Punct,
    /// Symbols: `# $ % & * + < = > @ ^ | ~`.
    Symbol,
}

pub(crate) static ASCII: [Ascii; 128] = {
    let mut t = [Ascii::Space; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c.is_ascii_alphanumeric() {
            Ascii::Alnum
        } else if c.is_ascii_whitespace() || c.is_ascii_control() {
            Ascii::Space
        } else {
            match c {
                b'.' => Ascii::Period,
                b'!' | b'?' => Ascii::Bang,
                b'-' => Ascii::Hyphen,
                b'"' | b'\'' | b'`' => Ascii::Quote,
                b'#' | b'$' | b'%' | b'&' | b'*' | b'+' | b'<' | b'=' | b'>' | b'@' | b'^'
                | b'|' | b'~' => Ascii::Symbol,
                _ => Ascii::Punct,
            }
        };
        b += 1;
    }
    t
};

/// The nearest character boundary at or before `at` (at most the text's end): a byte offset
/// computed by arithmetic ("40 bytes back") must not cut a character. (`str::floor_char_boundary`
/// needs Rust 1.91; the project supports 1.85.)
pub(crate) fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The nearest character boundary at or after `at` (at most the text's end).
pub(crate) fn ceil_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// The character at byte offset `at`, if `at` is inside `text` and on a char boundary.
///
/// Decoded by hand: `text` is valid UTF-8, so only the lead byte's length matters, and this avoids
/// the slice-and-iterator round trip in the tokenizer's inner loop.
#[inline]
pub(crate) fn char_at(text: &str, at: usize) -> Option<char> {
    let b = text.as_bytes();
    let b0 = *b.get(at)?;
    let cont = |i: usize| b.get(at + i).map(|&x| u32::from(x & 0x3F));
    let u = match b0 {
        0x00..=0x7F => return Some(b0 as char),
        0x80..=0xBF => return None,
        0xC0..=0xDF => (u32::from(b0 & 0x1F) << 6) | cont(1)?,
        0xE0..=0xEF => (u32::from(b0 & 0x0F) << 12) | (cont(1)? << 6) | cont(2)?,
        _ => (u32::from(b0 & 0x07) << 18) | (cont(1)? << 12) | (cont(2)? << 6) | cont(3)?,
    };
    char::from_u32(u)
}

/// Class bits of a character, from [`class`].
pub(crate) const ALPHA: u8 = 1;
pub(crate) const NUMERIC: u8 = 2;
pub(crate) const MARK: u8 = 4;

/// Class bits of every character of the Basic Multilingual Plane, built once per process.
///
/// std's `is_alphabetic` and `is_numeric` search compressed tables for every non-ASCII char, which
/// made Cyrillic text tokenize at a tenth of the speed of English; one byte per BMP char (64 KiB,
/// of which a text in one script touches a few cache lines) makes it a single load.
fn bmp_table() -> &'static [u8; 0x10000] {
    static TABLE: std::sync::OnceLock<Box<[u8; 0x10000]>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = Box::new([0u8; 0x10000]);
        for (u, slot) in t.iter_mut().enumerate() {
            if let Some(c) = char::from_u32(u as u32) {
                *slot = slow_class(c);
            }
        }
        t
    })
}

fn slow_class(c: char) -> u8 {
    let mut k = 0;
    if c.is_alphabetic() {
        k |= ALPHA;
    }
    if c.is_numeric() {
        k |= NUMERIC;
    }
    if is_mark(c) {
        k |= MARK;
    }
    k
}

/// [`ALPHA`], [`NUMERIC`] and [`MARK`] bits of `c` (as `char::is_alphabetic`, `char::is_numeric`
/// and [`is_mark`]).
#[inline]
pub(crate) fn class(c: char) -> u8 {
    let u = c as u32;
    if u < 0x80 {
        let b = u as u8;
        return if b.is_ascii_alphabetic() {
            ALPHA
        } else if b.is_ascii_digit() {
            NUMERIC
        } else {
            0
        };
    }
    if u < 0x10000 {
        bmp_table()[u as usize]
    } else {
        slow_class(c)
    }
}

/// Combining marks and joiners that must stay inside the token before them.
///
/// `char::is_alphabetic` already covers the marks with the Other_Alphabetic property (most Arabic
/// harakat, Hebrew points, Indic vowel signs); std has no General_Category, so the remaining common
/// ranges are listed here: Latin/Greek/Cyrillic diacritics, Cyrillic titlo, Arabic Quranic marks,
/// the extended and supplementary diacritic blocks, variation selectors and ZWJ/ZWNJ (which Persian
/// writes inside words).
#[inline]
pub(crate) fn is_mark(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'
        | '\u{0483}'..='\u{0489}'
        | '\u{0591}'..='\u{05BD}'
        | '\u{05BF}' | '\u{05C1}'..='\u{05C2}' | '\u{05C4}'..='\u{05C5}' | '\u{05C7}'
        | '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06DC}'
        | '\u{06DF}'..='\u{06E4}'
        | '\u{06E7}'..='\u{06E8}'
        | '\u{06EA}'..='\u{06ED}'
        | '\u{08D3}'..='\u{08FF}'
        | '\u{0900}'..='\u{0903}'
        | '\u{093A}'..='\u{094F}'
        | '\u{0951}'..='\u{0957}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{200C}'..='\u{200D}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{3099}'..='\u{309A}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{FE20}'..='\u{FE2F}'
        | '\u{E0100}'..='\u{E01EF}'
    )
}

/// Characters that separate tokens like whitespace but are not `char::is_whitespace`: zero-width
/// spaces, the word joiner and the byte-order mark (common at the start of files).
#[inline]
pub(crate) fn is_invisible_space(c: char) -> bool {
    matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{180E}') || c.is_control()
}

/// Quotation marks in every script we expect; ASCII `"`, `'` and `` ` `` are in [`ASCII`].
#[inline]
pub(crate) fn is_quote(c: char) -> bool {
    matches!(
        c,
        '“' | '”'
            | '„'
            | '‟'
            | '‘'
            | '’'
            | '‚'
            | '‛'
            | '«'
            | '»'
            | '‹'
            | '›'
            | '「'
            | '」'
            | '『'
            | '』'
            | '〝'
            | '〞'
            | '〟'
            | '＂'
            | '＇'
            | '´'
    )
}

/// Dashes other than ASCII `-` (which is in [`ASCII`]), including the minus sign.
#[inline]
pub(crate) fn is_dash(c: char) -> bool {
    matches!(
        c,
        '\u{2010}'
            ..='\u{2015}'
                | '\u{2E3A}'
                | '\u{2E3B}'
                | '\u{2212}'
                | '\u{FE58}'
                | '\u{FE63}'
                | '\u{FF0D}'
    )
}

/// Hyphens that join two alphanumerics into one token, like ASCII `-` does.
#[inline]
pub(crate) fn is_joining_hyphen(c: char) -> bool {
    matches!(c, '\u{2010}' | '\u{2011}')
}

/// Apostrophes that join letters (`Tehran’s`, `don't`). U+02BC is a letter already.
#[inline]
pub(crate) fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’')
}

/// Non-ASCII sentence terminators: ellipsis, Arabic question mark, Urdu full stop, CJK and
/// fullwidth stops, the Greek question mark, and the double punctuation marks.
#[inline]
pub(crate) fn is_terminator(c: char) -> bool {
    matches!(
        c,
        '…' | '؟'
            | '۔'
            | '。'
            | '！'
            | '？'
            | '．'
            | '\u{037E}'
            | '‼'
            | '⁇'
            | '⁈'
            | '⁉'
            | '।'
            | '॥'
    )
}

/// Non-ASCII punctuation that is not a quote, dash or terminator; anything else that is neither a
/// letter, a digit nor a mark becomes a symbol.
#[inline]
pub(crate) fn is_other_punct(c: char) -> bool {
    matches!(
        c,
        '¡' | '¿'
            | '·'
            | '•'
            | '§'
            | '¶'
            | '†'
            | '‡'
            | '′'
            | '″'
            | '‰'
            | '،'
            | '؛'
            | '٫'
            | '٬'
            | '、'
            | '，'
            | '：'
            | '；'
            | '（'
            | '）'
            | '［'
            | '］'
            | '【'
            | '】'
            | '〈'
            | '〉'
            | '《'
            | '》'
            | '⟨'
            | '⟩'
    )
}

/// Number of line breaks in a gap between tokens; 2 or more is a paragraph break. Form feed and
/// U+2029 PARAGRAPH SEPARATOR count as paragraph breaks on their own; `\r\n` counts once.
pub(crate) fn line_breaks(gap: &str) -> usize {
    let b = gap.as_bytes();
    let mut n = 0;
    for (i, &c) in b.iter().enumerate() {
        match c {
            b'\n' => n += 1,
            b'\r' if b.get(i + 1) != Some(&b'\n') => n += 1,
            0x0B => n += 1,
            0x0C => n += 2,
            // U+0085 NEL is C2 85; U+2028/U+2029 are E2 80 A8/A9.
            0x85 if i > 0 && b[i - 1] == 0xC2 => n += 1,
            0xA8 if i > 1 && b[i - 2] == 0xE2 && b[i - 1] == 0x80 => n += 1,
            0xA9 if i > 1 && b[i - 2] == 0xE2 && b[i - 1] == 0x80 => n += 2,
            _ => {}
        }
    }
    n
}
