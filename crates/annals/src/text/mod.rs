//! Text stage: sentences and tokens as byte spans into the document text.
//!
//! Segmentation is rule-based and abbreviation-aware, one pass for tokens and one over the tokens
//! for sentences; it never copies the text and allocates nothing beyond the two output vectors.
//!
//! # Tokens
//!
//! Tokens never overlap, are in text order, are never empty, and start and end on char
//! boundaries. Whitespace, control characters and zero-width spaces are between tokens, never in
//! them.
//!
//! - **Words** are runs of letters (`char::is_alphabetic`, any script), digits and combining marks
//!   (`вὀйска`, Persian words with ZWNJ stay whole). A single hyphen between two letters or digits
//!   joins (`worker-peasant`, `Sultan-zadeh`), as does an apostrophe before a letter (`Tehran’s`).
//! - **Numbers** are the same runs starting with a digit. Inside them `.`, `,`, `:` and `/` join
//!   between digits. So `1,200`, `2.5`, `10:30`, `6/1/1920`, `1920-06-01`, `20-30` and `1914-18`
//!   are each **one** number token (as in the Penn Treebank), while an en or em dash never joins:
//!   `1914–18` and `1914 – 1918` are number, dash, number. `1920s` and `5th` are numbers too. The
//!   temporal tagger matches on the text, not on tokens, so this only needs to be predictable.
//! - **Abbreviations** are words with their period attached: known abbreviations (`Mr.`, `Gen.`,
//!   `St.`, `Sept.`, `etc.`, `No.` before a number), initials (`F.`), and dotted initialisms
//!   (`U.S.`, `U.S.S.R.`, `e.g.`, `a.m.`). An abbreviation that ends a sentence keeps its period;
//!   no separate `.` token is made, so tokens never overlap.
//! - **Quotes** (`“ ” « » „ " '` …) and **dashes** (`- – — −`) are tokens of their own, one per
//!   character except that runs of one dash (`--`, `——`) are one token.
//! - **Punct**: other punctuation; an ellipsis (`...`, `…`) and runs of `!`/`?` are one token.
//! - **Symbols**: everything else (`$`, `%`, `°`, emoji).
//!
//! # Sentences
//!
//! Every token belongs to exactly one sentence; a sentence's span runs from its first token's
//! start to its last token's end. A sentence ends:
//!
//! - at a paragraph break (blank line, form feed, U+2029), whatever precedes it; this is also what
//!   separates the lowercase sentence starts of machine-translated text;
//! - after `.`, `!`, `?`, an ellipsis or another terminator (`؟`, `۔`, `。`) followed by
//!   whitespace; closing quotes and brackets written right after it stay in the sentence
//!   (`… the white court.”`); `!`, `?` and ellipses do not end it before a lowercase word
//!   (`“Who?” asked the guard`); `1.` or `IV.` alone at a sentence start is a list marker;
//! - after an abbreviation only when its class allows: titles and `e.g.`-like words never
//!   (`Gen. Denikin`); `etc.`, `Inc.`, `Jr.`, month abbreviations and Russian `г.` before a
//!   capitalised word; initials and initialisms (`F.`, `U.S.`, `a.m.`) only before a word that
//!   typically starts a sentence (`U.S. Army` goes on, `U.S. The war` ends);
//! - at the end of a heading line: a line holding a whole sentence so far, of at most 12 tokens,
//!   ending in a word, number or closing bracket, at most two thirds as long as the next line
//!   (which tells a heading from a hard-wrapped paragraph), the next line not starting lowercase.
//!
//! No maximum sentence length is imposed: a 10 MB line without punctuation is one sentence.

pub(crate) mod abbreviations;
mod chars;
pub mod ocr;
mod sentences;
mod tokens;

pub(crate) use chars::{ceil_boundary, floor_boundary};

use crate::document::Span;
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenKind {
    Word,
    Number,
    Punct,
    Symbol,
    /// A word with its abbreviation period attached: `Mr.`, `Gen.`, `F.`, `U.S.`, `e.g.`.
    Abbreviation,
    Quote,
    Dash,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
}

impl Token {
    /// The token's text in `text` (the text it was segmented from).
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.span.start..self.span.end]
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Sentence {
    pub span: Span,
    /// Index range into [`Segmented::tokens`].
    pub tokens: std::ops::Range<usize>,
}

impl Sentence {
    /// The sentence's text in `text` (the text it was segmented from).
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.span.start..self.span.end]
    }
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

    /// The tokens of `sentence` (one of this segmentation's sentences).
    pub fn tokens_of(&self, sentence: &Sentence) -> &[Token] {
        &self.tokens[sentence.tokens.clone()]
    }
}

/// Split `text` into sentences and tokens.
pub fn segment(text: &str) -> Segmented {
    let mut out = Segmented::default();
    segment_into(text, &mut out);
    out
}

/// Like [`segment`], reusing `out`'s buffers (cleared first): for segmenting many documents in a
/// loop without reallocating.
pub fn segment_into(text: &str, out: &mut Segmented) {
    out.tokens.clear();
    out.sentences.clear();
    // About one token per 5.5 bytes of English prose; reserving up front avoids most regrowth.
    out.tokens.reserve(text.len() / 5 + 1);
    tokens::tokenize(text, &mut out.tokens);
    out.sentences.reserve(out.tokens.len() / 16 + 1);
    sentences::split(text, &out.tokens, &mut out.sentences);
}

#[cfg(test)]
mod tests;
