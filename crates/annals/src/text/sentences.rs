//! Sentence boundaries, decided over the token sequence with a little lookahead.
//!
//! A sentence ends:
//! - at a paragraph break (a blank line, form feed or U+2029), whatever precedes it;
//! - after `.`, `!`, `?`, an ellipsis or another terminator, followed by whitespace, with any
//!   closing quotes and brackets written right after it (`… court.” Lenin`); `!`, `?` and
//!   ellipses do not end it when the next word is lowercase (`“Who?” asked the guard`), and a
//!   `1.` or `IV.` alone at the start of a sentence is a list marker, not a sentence;
//! - after an abbreviation only as its [`Class`] allows (`etc. The` ends, `Gen. Denikin` does
//!   not, `U.S. Army` does not, `U.S. The` does);
//! - at the end of a line that looks like a heading: the line holds a whole sentence so far, is
//!   short (at most 12 tokens, 150 bytes, and no more than two thirds of the next line, which is
//!   what tells a heading from a hard-wrapped paragraph), ends in a word, number or closing
//!   bracket, and the next line does not start with a lowercase letter.

use super::abbreviations::{self, Class};
use super::chars::{self, char_at};
use super::{Sentence, Token, TokenKind};
use crate::document::Span;

const HEADING_MAX_TOKENS: usize = 12;
const HEADING_MAX_BYTES: usize = 150;

/// Append the sentences of `tokens` (the tokens of `text`) to `out`.
pub(crate) fn split(text: &str, tokens: &[Token], out: &mut Vec<Sentence>) {
    let n = tokens.len();
    // First token of the current sentence, and of the current line.
    let mut start = 0;
    let mut line_first = 0;
    let mut k = 0;
    while k < n {
        let mut last = k;
        let mut boundary = false;
        if is_terminal(text, &tokens[k]) {
            // Closing quotes and brackets written right after the terminator go with it.
            while last + 1 < n
                && tokens[last + 1].span.start == tokens[last].span.end
                && is_closer(text, &tokens[last + 1])
            {
                last += 1;
            }
            boundary = ends_after(text, tokens, start, k, last);
        }
        let next_start = tokens.get(last + 1).map_or(text.len(), |t| t.span.start);
        let breaks = chars::line_breaks(&text[tokens[last].span.end..next_start]);
        if !boundary && last + 1 < n {
            boundary = breaks >= 2
                || (breaks == 1
                    && start == line_first
                    && is_heading(text, tokens, line_first, last));
        }
        if boundary || last + 1 == n {
            out.push(Sentence {
                span: Span::new(tokens[start].span.start, tokens[last].span.end),
                tokens: start..last + 1,
            });
            start = last + 1;
        }
        if breaks > 0 {
            line_first = last + 1;
        }
        k = last + 1;
    }
}

#[inline]
fn tok<'a>(text: &'a str, t: &Token) -> &'a str {
    &text[t.span.start..t.span.end]
}

/// Tokens after which a sentence may end: terminators and abbreviations.
#[inline]
fn is_terminal(text: &str, t: &Token) -> bool {
    match t.kind {
        TokenKind::Abbreviation => true,
        TokenKind::Punct => is_terminator_token(tok(text, t)),
        _ => false,
    }
}

fn is_terminator_token(s: &str) -> bool {
    match s.as_bytes().first() {
        Some(b'.' | b'!' | b'?') => true,
        Some(_) => s.chars().next().is_some_and(chars::is_terminator),
        None => false,
    }
}

/// Quotes (any, when written right after a terminator they close) and closing brackets.
#[inline]
fn is_closer(text: &str, t: &Token) -> bool {
    match t.kind {
        TokenKind::Quote => true,
        TokenKind::Punct => matches!(tok(text, t), ")" | "]" | "}" | "）" | "］" | "》" | "〉"),
        _ => false,
    }
}

/// Whether the sentence ends after the terminal token `k` (followed by closers up to `last`).
fn ends_after(text: &str, tokens: &[Token], start: usize, k: usize, last: usize) -> bool {
    let Some(next) = tokens.get(last + 1) else {
        return true;
    };
    if next.span.start == tokens[last].span.end {
        // No space after: `a.b`, `?!` split oddly, a quote opening right after.
        return false;
    }
    let next_text = tok(text, next);
    if next.kind == TokenKind::Punct
        && (is_terminator_token(next_text) || matches!(next_text, "," | ";" | ":" | ")" | "]"))
    {
        // `. . .` spaced ellipses end (if at all) at their last dot; `“Who?”, he said` goes on.
        return false;
    }
    let t = &tokens[k];
    let s = tok(text, t);
    if t.kind == TokenKind::Abbreviation {
        let word = next_word(text, tokens, last + 1);
        return match abbreviations::classify(s) {
            Class::Never | Class::NumberPrefix => false,
            // `Smith & Co. Ltd. was …`: a chain of company or name suffixes goes on.
            Class::Weak => word.is_some_and(|(kind, w)| {
                starts_upper(w)
                    && !(kind == TokenKind::Abbreviation
                        && abbreviations::classify(w) == Class::Weak)
            }),
            Class::Starter => word.is_some_and(|(kind, w)| {
                kind == TokenKind::Word && abbreviations::is_sentence_starter(w)
            }),
        };
    }
    if s == "." {
        // `1.` or `IV.` at the start of a sentence: a list or section marker.
        return !(k == start + 1 && is_list_marker(text, &tokens[start]));
    }
    // `!`, `?`, ellipses and other terminators: not before a lowercase word.
    !next_word(text, tokens, last + 1).is_some_and(|(_, w)| starts_lower(w))
}

/// The first word or number at or after token `from`, skipping opening quotes, brackets and
/// dashes (`. “The`, `! — and`); `None` if something else comes first.
fn next_word<'a>(text: &'a str, tokens: &[Token], from: usize) -> Option<(TokenKind, &'a str)> {
    for t in tokens.iter().skip(from).take(4) {
        match t.kind {
            TokenKind::Word | TokenKind::Number | TokenKind::Abbreviation => {
                return Some((t.kind, tok(text, t)))
            }
            TokenKind::Quote | TokenKind::Dash => {}
            TokenKind::Punct if matches!(tok(text, t), "(" | "[" | "¿" | "¡") => {}
            _ => return None,
        }
    }
    None
}

fn starts_upper(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

fn starts_lower(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_lowercase)
}

fn is_list_marker(text: &str, t: &Token) -> bool {
    let s = tok(text, t);
    match t.kind {
        TokenKind::Number => s.len() <= 3 && s.bytes().all(|b| b.is_ascii_digit()),
        TokenKind::Word => {
            s.len() <= 6
                && s.bytes()
                    .all(|b| matches!(b, b'I' | b'V' | b'X' | b'L' | b'C'))
        }
        _ => false,
    }
}

/// Whether the line from token `first` to token `last` (a whole sentence so far, followed by a
/// single line break) is a heading.
fn is_heading(text: &str, tokens: &[Token], first: usize, last: usize) -> bool {
    if last + 1 - first > HEADING_MAX_TOKENS {
        return false;
    }
    let line_len = tokens[last].span.end - tokens[first].span.start;
    if line_len > HEADING_MAX_BYTES {
        return false;
    }
    let end = &tokens[last];
    let ends_well = match end.kind {
        TokenKind::Word | TokenKind::Number => true,
        TokenKind::Punct => matches!(tok(text, end), ")" | "]"),
        _ => false,
    };
    if !ends_well {
        return false;
    }
    let next = &tokens[last + 1];
    if char_at(text, next.span.start).is_some_and(char::is_lowercase) {
        return false;
    }
    // A wrapped paragraph's lines are all about as long as the wrap width; a heading is shorter
    // than the text under it. Only the next line is measured, so the scan stays linear overall.
    let rest = &text.as_bytes()[next.span.start..];
    let next_len = rest
        .iter()
        .position(|&b| b == b'\n' || b == b'\r')
        .unwrap_or(rest.len());
    line_len * 3 <= next_len * 2
}
