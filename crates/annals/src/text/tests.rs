//! Unit tests of the private pieces; behaviour tests are in `tests/text_segment.rs`.

use super::abbreviations::{classify, Class};
use super::chars::line_breaks;
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
