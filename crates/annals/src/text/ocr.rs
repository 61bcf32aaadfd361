//! Repairs for OCR'd text, made without moving any byte offset.
//!
//! Scanned newspapers and books carry two misreadings that break names and words: the long s
//! read as f ("Houfe of Reprefentatives") and words split at a line end ("Caro¬\nlina",
//! "Uni-\nted States"). The pipeline reads a repaired copy of the text of exactly the same
//! length: a word is rewritten in place, its letters moved left and the bytes it no longer
//! needs left as spaces at its end ("Carolina   "). Every offset outside a repaired word is
//! unchanged, so spans stay byte offsets into the original; a span that ends inside a joined
//! word is stretched to the word's original end by [`Repaired::original_end`].
//!
//! A word is repaired only when the repair makes an English word of a non-word (by the EWT
//! word list, `data/english-lowercase.txt`) or the OCR marked the line-end hyphen itself ("¬").
//! [`OcrMode::Auto`] repairs a text only when it shows OCR's fingerprints: a "¬" line-end mark,
//! or several long-s misreadings or split words.

use crate::document::Span;
use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::LazyLock;

/// When to repair OCR errors.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum OcrMode {
    /// When the text looks OCR'd: "¬" line-end marks, or [`AUTO_MIN_REPAIRS`] long-s
    /// misreadings or words split at line ends.
    #[default]
    Auto,
    /// Never.
    Off,
    /// Always; a word split by a line-end hyphen is joined even when the joined word is not
    /// in the word list, provided neither part is a word ("Phila-\ndelphia").
    On,
}

/// Long-s misreadings (or split words) a text needs before [`OcrMode::Auto`] repairs them:
/// one could be a typo.
pub const AUTO_MIN_REPAIRS: usize = 3;

/// Words English writes in lowercase (UD English EWT; see `data/PROVENANCE.md`).
static LEXICON: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("../../../../data/english-lowercase.txt")
        .lines()
        .collect()
});

/// A repaired copy of a text, of the same length.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Repaired<'a> {
    pub text: Cow<'a, str>,
    /// The original spans of the words the repair made shorter (line-end joins, "ſ"), in text
    /// order: each holds the repaired word, then spaces.
    pub joins: Vec<Span>,
}

impl Repaired<'_> {
    /// Where a span ending at `end` in the repaired text ends in the original: inside or at the
    /// end of a joined word, the original word's end ("Carolina" covers "Caro¬\nlina").
    pub fn original_end(&self, end: usize) -> usize {
        let i = self.joins.partition_point(|j| j.start < end);
        match i.checked_sub(1).map(|k| self.joins[k]) {
            Some(word) if end <= word.end => word.end,
            _ => end,
        }
    }

    pub fn changed(&self) -> bool {
        matches!(self.text, Cow::Owned(_))
    }
}

fn in_lexicon(word: &str) -> bool {
    LEXICON.contains(word.to_lowercase().as_str())
}

/// The word with some of its f's read as s, when that makes an English word of a non-word
/// ("Houfe" → "House", "Reprefentatives" → "Representatives"); ſ is always s. Capitals are
/// kept.
fn long_s_repair(word: &str) -> Option<String> {
    if word.contains('ſ') {
        return Some(word.replace('ſ', "s"));
    }
    let fs: Vec<usize> = word.match_indices(['f']).map(|(i, _)| i).collect();
    if fs.is_empty() || fs.len() > 4 || in_lexicon(word) {
        return None;
    }
    // Fewest changes first, so that a word keeps every f it can: one s may already make the
    // word, and a second would change a true f.
    let mut masks: Vec<u32> = (1..(1u32 << fs.len())).collect();
    masks.sort_by_key(|m| m.count_ones());
    masks.into_iter().find_map(|mask| {
        let mut bytes = word.as_bytes().to_vec();
        for (k, &at) in fs.iter().enumerate() {
            if mask & (1 << k) != 0 {
                bytes[at] = b's';
            }
        }
        let candidate = String::from_utf8(bytes).ok()?;
        in_lexicon(&candidate).then_some(candidate)
    })
}

fn is_letter(c: char) -> bool {
    c.is_alphabetic() || c == '\''
}

/// The text with OCR misreadings repaired (or borrowed unchanged).
pub fn repair(text: &str, mode: OcrMode) -> Repaired<'_> {
    let unchanged = Repaired {
        text: Cow::Borrowed(text),
        joins: Vec::new(),
    };
    if mode == OcrMode::Off {
        return unchanged;
    }
    let marked = text.contains('¬');
    let mut out = text.as_bytes().to_vec();
    let mut joins = Vec::new();
    let (mut long_s, mut line_breaks) = (0, 0);
    let word_end = |from: usize| {
        text[from..]
            .char_indices()
            .find(|&(_, c)| !is_letter(c))
            .map_or(text.len(), |(k, _)| from + k)
    };
    let mut i = 0;
    while i < text.len() {
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        if !c.is_alphabetic() {
            i += c.len_utf8();
            continue;
        }
        // A word, possibly split at a line end: "Caro¬\nlina", "Uni-\nted".
        let first_end = word_end(i);
        let mut end = first_end;
        let mut joined = String::from(&text[i..first_end]);
        let rest = &text[first_end..];
        let hyphen = if rest.starts_with('¬') {
            Some('¬')
        } else if rest.starts_with('-') || rest.starts_with('\u{ad}') {
            rest.chars().next()
        } else {
            None
        };
        if let Some(h) = hyphen {
            let after = &rest[h.len_utf8()..];
            let gap = after.len() - after.trim_start().len();
            let has_newline = after[..gap].contains('\n');
            let next_start = first_end + h.len_utf8() + gap;
            let next_lower = text[next_start..]
                .chars()
                .next()
                .is_some_and(char::is_lowercase);
            let second_end = word_end(next_start);
            if next_lower && gap > 0 && (h == '¬' || has_newline) && second_end > next_start {
                let second = &text[next_start..second_end];
                let candidate = format!("{joined}{second}");
                // "well-\nknown" is a compound of two words and stays; "Uni-\nted" makes a
                // word of two non-words; with --ocr on, so do two non-words ("Phila-\ndelphia").
                let (a, b) = (in_lexicon(&joined), in_lexicon(second));
                let accept = h == '¬'
                    || !(a && b) && (in_lexicon(&candidate) || mode == OcrMode::On && !a && !b);
                if accept {
                    joined = candidate;
                    end = second_end;
                    line_breaks += 1;
                }
            }
        }
        let repaired = long_s_repair(&joined);
        if repaired.is_some() {
            long_s += 1;
        }
        let new_word = repaired.unwrap_or(joined);
        if end != first_end || new_word != text[i..end] {
            let bytes = new_word.as_bytes();
            debug_assert!(bytes.len() <= end - i, "repairs never lengthen a word");
            out[i..i + bytes.len()].copy_from_slice(bytes);
            for b in &mut out[i + bytes.len()..end] {
                *b = b' ';
            }
            if i + bytes.len() < end {
                joins.push(Span::new(i, end));
            }
        }
        i = end;
    }
    let looks_ocred = marked || long_s >= AUTO_MIN_REPAIRS || line_breaks >= AUTO_MIN_REPAIRS;
    if long_s + line_breaks == 0 || mode == OcrMode::Auto && !looks_ocred {
        return unchanged;
    }
    // Only ASCII bytes were written over whole characters, so the copy is valid UTF-8.
    let text = String::from_utf8(out).expect("repairs write whole characters");
    Repaired {
        text: Cow::Owned(text),
        joins,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_s_and_marked_line_ends_are_repaired_in_place() {
        let text = "the Houfe of Reprefentatives of North Caro¬\nlina, the fame day.";
        let r = repair(text, OcrMode::On);
        assert_eq!(r.text.len(), text.len());
        assert!(r
            .text
            .starts_with("the House of Representatives of North Carolina"));
        // "fame" is a word: left alone.
        assert!(r.text.contains("the fame day"));
        let at = text.find("Caro").unwrap();
        assert_eq!(&r.text[at..at + 8], "Carolina");
        assert_eq!(r.original_end(at + 8), at + "Caro¬\nlina".len());
        assert_eq!(r.original_end(3), 3);
    }

    #[test]
    fn auto_needs_fingerprints_and_plain_hyphens_need_the_lexicon() {
        // One f-word is no evidence of OCR.
        let text = "He wrote to the Houfe.";
        assert!(!repair(text, OcrMode::Auto).changed());
        assert!(repair(text, OcrMode::On).changed());
        // A real compound split at a line end stays hyphenated; a split word is joined.
        let text = "a well-\nknown man of the Uni-\nted States";
        let r = repair(text, OcrMode::On);
        assert!(r.text.contains("well-\nknown"), "{}", r.text);
        assert!(r.text.contains("United"), "{}", r.text);
        let off = repair(text, OcrMode::Off);
        assert!(!off.changed());
    }

    #[test]
    fn modern_text_is_untouched() {
        let text = "After the fifth of March, the staff of the office left for Rasht.";
        assert!(!repair(text, OcrMode::Auto).changed());
        assert!(!repair(text, OcrMode::On).changed());
    }
}
