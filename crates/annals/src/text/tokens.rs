//! Tokenization: one left-to-right pass over the bytes, ASCII through a table, no allocation
//! beyond the output vector.
//!
//! Rules (documented for users in [`super`]):
//! - A word or number is a run of alphanumerics and combining marks. Inside it, a single `-` (or
//!   U+2010/U+2011) between two alphanumerics joins (`worker-peasant`, `20-30`, `1920-06-01`); `.`,
//!   `,`, `:` and `/` join between two digits (`2.5`, `1,200`, `10:30`, `6/1/1920`); an apostrophe
//!   joins before a letter (`Tehran’s`). En and em dashes never join (`1914–18` is three tokens).
//! - A token is a number when it starts with a digit (`1920s`, `5th`, `20-30`), else a word.
//! - A period is attached to the word before it when that word is a known abbreviation, a single
//!   capital letter (an initial), a single lowercase letter before a number or lowercase word
//!   (`c. 1920`), or a dotted initialism (`U.S.`, `e.g.`, `a.m.`, `U.S.S.R.`); the token is then an
//!   [`TokenKind::Abbreviation`].
//! - Quotes and dashes are single tokens of their own kinds; runs of the same dash (`--`), of
//!   periods (`...`) and of `!`/`?` are one token.

use super::abbreviations::{self, Class};
use super::chars::{self, char_at, class, Ascii, ALPHA, ASCII, MARK, NUMERIC};
use super::{Token, TokenKind};
use crate::document::Span;

/// Append the tokens of `text` to `out`.
pub(crate) fn tokenize(text: &str, out: &mut Vec<Token>) {
    let bytes = text.as_bytes();
    let mut pos = 0;
    while pos < bytes.len() {
        let b = bytes[pos];
        let (end, kind) = if b < 0x80 {
            match ASCII[b as usize] {
                Ascii::Space => {
                    pos += 1;
                    continue;
                }
                Ascii::Alnum => {
                    pos = word(text, pos, out);
                    continue;
                }
                Ascii::Period => (run_of(bytes, pos, b'.'), TokenKind::Punct),
                Ascii::Bang => {
                    let mut e = pos + 1;
                    while e < bytes.len() && matches!(bytes[e], b'!' | b'?') {
                        e += 1;
                    }
                    (e, TokenKind::Punct)
                }
                Ascii::Hyphen => (run_of(bytes, pos, b'-'), TokenKind::Dash),
                Ascii::Quote => (pos + 1, TokenKind::Quote),
                Ascii::Punct => (pos + 1, TokenKind::Punct),
                Ascii::Symbol => (pos + 1, TokenKind::Symbol),
            }
        } else {
            // `pos` is always on a char boundary: every step below advances by whole chars.
            let Some(c) = char_at(text, pos) else { break };
            let len = c.len_utf8();
            if class(c) & (ALPHA | NUMERIC) != 0 {
                pos = word(text, pos, out);
                continue;
            }
            if c.is_whitespace() || chars::is_invisible_space(c) {
                pos += len;
                continue;
            }
            let kind = if chars::is_quote(c) {
                TokenKind::Quote
            } else if chars::is_dash(c) {
                TokenKind::Dash
            } else if chars::is_terminator(c) || chars::is_other_punct(c) {
                TokenKind::Punct
            } else {
                TokenKind::Symbol
            };
            let mut e = pos + len;
            if kind == TokenKind::Dash {
                // `——` is one dash, as `--` is.
                while char_at(text, e) == Some(c) {
                    e += len;
                }
            }
            (e, kind)
        };
        let end = skip_marks(text, end);
        out.push(Token {
            span: Span::new(pos, end),
            kind,
        });
        pos = end;
    }
}

/// End of the run of byte `b` starting at `pos`.
#[inline]
fn run_of(bytes: &[u8], pos: usize, b: u8) -> usize {
    let mut e = pos + 1;
    while e < bytes.len() && bytes[e] == b {
        e += 1;
    }
    e
}

/// Past any combining marks at `at`, so that a mark never starts a token of its own when it
/// follows a punctuation character or symbol (and never splits a grapheme).
#[inline]
fn skip_marks(text: &str, mut at: usize) -> usize {
    while at < text.len() && text.as_bytes()[at] >= 0x80 {
        match char_at(text, at) {
            Some(c) if class(c) & MARK != 0 => at += c.len_utf8(),
            _ => break,
        }
    }
    at
}

#[inline]
fn is_alnum_at(text: &str, at: usize) -> bool {
    match text.as_bytes().get(at) {
        Some(b) if *b < 0x80 => b.is_ascii_alphanumeric(),
        Some(_) => char_at(text, at).is_some_and(|c| class(c) & (ALPHA | NUMERIC) != 0),
        None => false,
    }
}

#[inline]
fn is_digit_at(text: &str, at: usize) -> bool {
    match text.as_bytes().get(at) {
        Some(b) if *b < 0x80 => b.is_ascii_digit(),
        Some(_) => char_at(text, at).is_some_and(|c| class(c) & NUMERIC != 0),
        None => false,
    }
}

#[inline]
fn is_alpha_at(text: &str, at: usize) -> bool {
    match text.as_bytes().get(at) {
        Some(b) if *b < 0x80 => b.is_ascii_alphabetic(),
        Some(_) => char_at(text, at).is_some_and(|c| class(c) & ALPHA != 0),
        None => false,
    }
}

/// Scan the word or number starting at `start` (an alphanumeric), push it, return where it ends.
fn word(text: &str, start: usize, out: &mut Vec<Token>) -> usize {
    let bytes = text.as_bytes();
    let Some(first) = char_at(text, start) else {
        return bytes.len();
    };
    let mut end = start + first.len_utf8();
    let first_class = class(first);
    let mut last_digit = first_class & NUMERIC != 0;
    // Base characters (not marks) seen, to recognise single letters.
    let mut base = 1usize;
    while end < bytes.len() {
        let b = bytes[end];
        if b < 0x80 {
            if b.is_ascii_alphanumeric() {
                end += 1;
                last_digit = b.is_ascii_digit();
                base += 1;
                continue;
            }
            let joins = match b {
                b'-' => is_alnum_at(text, end + 1),
                b'.' | b',' | b':' | b'/' => last_digit && is_digit_at(text, end + 1),
                b'\'' => is_alpha_at(text, end + 1),
                _ => false,
            };
            if !joins {
                break;
            }
            // The joiner and the alphanumeric after it (checked above) both belong to the word.
            end += 1;
            base += 1;
            continue;
        }
        let Some(c) = char_at(text, end) else { break };
        let len = c.len_utf8();
        let k = class(c);
        if k & (ALPHA | NUMERIC) != 0 {
            end += len;
            last_digit = k & NUMERIC != 0;
            base += 1;
        } else if k & MARK != 0 {
            end += len;
        } else if (chars::is_joining_hyphen(c) && is_alnum_at(text, end + len))
            || (chars::is_apostrophe(c) && is_alpha_at(text, end + len))
        {
            end += len;
            base += 1;
        } else {
            break;
        }
    }

    let kind = if first_class & NUMERIC != 0 {
        TokenKind::Number
    } else {
        TokenKind::Word
    };
    if bytes.get(end) == Some(&b'.') && kind == TokenKind::Word {
        let single = base == 1 && first_class & ALPHA != 0;
        if single {
            if let Some(e) = dotted(text, end) {
                out.push(Token {
                    span: Span::new(start, e),
                    kind: TokenKind::Abbreviation,
                });
                return e;
            }
        }
        // An ellipsis wins over an abbreviation period: `etc...` is `etc` + `...`.
        if bytes.get(end + 1) != Some(&b'.') && attaches_period(text, start, end, first, single) {
            out.push(Token {
                span: Span::new(start, end + 1),
                kind: TokenKind::Abbreviation,
            });
            return end + 1;
        }
    }
    out.push(Token {
        span: Span::new(start, end),
        kind,
    });
    end
}

/// After a single letter, at the `.` at `dot`: if what follows is `X.` (single letters, each with
/// its period, at least two letters in all: `U.S.`, `e.g.`, `U.S.S.R.`), the end of the whole
/// initialism, including its final period when it has one.
fn dotted(text: &str, dot: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut at = dot;
    let mut letters = 1;
    while bytes.get(at) == Some(&b'.') {
        let Some(c) = char_at(text, at + 1) else {
            break;
        };
        if !c.is_alphabetic() {
            break;
        }
        let after = skip_marks(text, at + 1 + c.len_utf8());
        if is_alnum_at(text, after) {
            // A longer word follows (`in.The`): not an initialism.
            break;
        }
        at = after;
        letters += 1;
    }
    if letters < 2 {
        return None;
    }
    if bytes.get(at) == Some(&b'.') && bytes.get(at + 1) != Some(&b'.') {
        at += 1;
    }
    Some(at)
}

/// Whether the `.` right after the word `text[start..end]` belongs to it.
fn attaches_period(text: &str, start: usize, end: usize, first: char, single: bool) -> bool {
    let word = &text[start..end];
    match abbreviations::lookup(word) {
        Some(Class::NumberPrefix) => next_visible(text, end + 1).is_some_and(|c| c.is_numeric()),
        Some(_) => true,
        None if single && first.is_uppercase() => true,
        None if single && first.is_lowercase() => {
            next_visible(text, end + 1).is_some_and(|c| c.is_numeric() || c.is_lowercase())
        }
        None => false,
    }
}

/// The first character at or after `at` that is not a space or tab on the same line.
fn next_visible(text: &str, mut at: usize) -> Option<char> {
    loop {
        let c = char_at(text, at)?;
        if matches!(c, ' ' | '\t' | '\u{00A0}' | '\u{202F}') {
            at += c.len_utf8();
        } else {
            return Some(c);
        }
    }
}
