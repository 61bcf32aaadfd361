//! Unit tests of the private pieces; behaviour tests are in `tests/text_segment.rs`.

use super::abbreviations::{classify, Class};
use super::chars::{char_at, class, is_mark, line_breaks, ALPHA, MARK, NUMERIC};
use super::*;

fn toks(text: &str) -> Vec<(&str, TokenKind)> {
    segment(text)
        .tokens
        .iter()
        .map(|t| (t.text(text), t.kind))
        .collect()
}

#[test]
fn classes_of_abbreviation_tokens() {
    assert_eq!(classify("Gen."), Class::Never);
    assert_eq!(classify("No."), Class::Never);
    assert_eq!(classify("etc."), Class::Weak);
    assert_eq!(classify("U.S."), Class::Starter);
    assert_eq!(classify("e.g."), Class::Never);
    assert_eq!(classify("F."), Class::Starter);
    assert_eq!(classify("c."), Class::Never);
}

#[test]
fn line_break_counting() {
    assert_eq!(line_breaks(" "), 0);
    assert_eq!(line_breaks("\n"), 1);
    assert_eq!(line_breaks("\r\n"), 1);
    assert_eq!(line_breaks("\r\n  \r\n"), 2);
    assert_eq!(line_breaks("\r\r"), 2);
    assert_eq!(line_breaks("\u{2029}"), 2);
    assert_eq!(line_breaks("\u{2028}"), 1);
    assert_eq!(line_breaks("\u{85}"), 1);
}

#[test]
fn number_prefix_needs_a_number() {
    assert_eq!(toks("No. 5")[0], ("No.", TokenKind::Abbreviation));
    assert_eq!(toks("said no. Then")[1], ("no", TokenKind::Word));
}

#[test]
fn ellipsis_after_abbreviation() {
    assert_eq!(
        toks("etc..."),
        vec![("etc", TokenKind::Word), ("...", TokenKind::Punct)]
    );
}

#[test]
fn class_table_agrees_with_std_for_every_char() {
    for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
        let k = class(c);
        assert_eq!(k & ALPHA != 0, c.is_alphabetic(), "{c:?}");
        assert_eq!(k & NUMERIC != 0, c.is_numeric(), "{c:?}");
        assert_eq!(k & MARK != 0, is_mark(c), "{c:?}");
    }
}

#[test]
fn hand_decoding_agrees_with_std() {
    let text = "a\u{e9}\u{416}\u{1f00}\u{feff}\u{10348}\u{1f642}z";
    for (i, c) in text.char_indices() {
        assert_eq!(char_at(text, i), Some(c));
        for j in 1..c.len_utf8() {
            assert_eq!(char_at(text, i + j), None, "inside {c:?}");
        }
    }
    assert_eq!(char_at(text, text.len()), None);
}
