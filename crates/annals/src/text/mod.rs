//! Text stage: sentences and tokens as byte spans into the document text.
//!
//! Segmentation is rule-based and abbreviation-aware; it never allocates a copy of the text.

use crate::document::Span;
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenKind {
    Word,
    Number,
    Punct,
    Symbol,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Sentence {
    pub span: Span,
    /// Index range into [`Segmented::tokens`].
    pub tokens: std::ops::Range<usize>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Segmented {
    pub sentences: Vec<Sentence>,
    pub tokens: Vec<Token>,
}

impl Segmented {
    /// The sentence containing byte offset `at`, if any.
    pub fn sentence_at(&self, at: usize) -> Option<&Sentence> {
        let i = self.sentences.partition_point(|s| s.span.end <= at);
        self.sentences.get(i).filter(|s| s.span.start <= at)
    }
}

/// Split `text` into sentences and tokens.
pub fn segment(text: &str) -> Segmented {
    // Placeholder until the abbreviation-aware segmenter lands: tokens are runs of alphanumerics or
    // single other characters; sentences end at blank lines or at `.!?` followed by space.
    let mut tokens = Vec::new();
    let mut it = text.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c.is_whitespace() {
            continue;
        }
        let mut end = i + c.len_utf8();
        let kind = if c.is_alphanumeric() {
            while let Some(&(j, d)) = it.peek() {
                if d.is_alphanumeric() {
                    end = j + d.len_utf8();
                    it.next();
                } else {
                    break;
                }
            }
            if c.is_ascii_digit() {
                TokenKind::Number
            } else {
                TokenKind::Word
            }
        } else if c.is_ascii_punctuation() {
            TokenKind::Punct
        } else {
            TokenKind::Symbol
        };
        tokens.push(Token {
            span: Span::new(i, end),
            kind,
        });
    }
    let mut sentences = Vec::new();
    let mut first = 0;
    for (k, t) in tokens.iter().enumerate() {
        let s = &text[t.span.start..t.span.end];
        let next_gap = tokens
            .get(k + 1)
            .map(|n| &text[t.span.end..n.span.start])
            .unwrap_or(" ");
        if matches!(s, "." | "!" | "?") && !next_gap.is_empty() || next_gap.contains("\n\n") {
            sentences.push(Sentence {
                span: Span::new(tokens[first].span.start, t.span.end),
                tokens: first..k + 1,
            });
            first = k + 1;
        }
    }
    if first < tokens.len() {
        sentences.push(Sentence {
            span: Span::new(tokens[first].span.start, tokens[tokens.len() - 1].span.end),
            tokens: first..tokens.len(),
        });
    }
    Segmented { sentences, tokens }
}
