//! HTML reader: the visible text of a page.
//!
//! This drives html5ever's spec-compliant tokenizer directly instead of building a DOM. The tree
//! builder (and so `scraper`) is quadratic on deeply nested `<div>`s — 30,000 levels take seconds,
//! 100,000 most of a minute — because every block start tag scans the stack of open elements.
//! Visible text needs no tree: entities, raw-text elements and comments are the tokenizer's job,
//! and which text is hidden is decided by counting the few hiding elements, so the cost is linear
//! and there is no recursion at any depth.

use crate::document::{Document, SourceFormat};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use html5ever::TokenizerResult;
use std::cell::RefCell;

/// Read HTML: the visible text, with block elements as line breaks.
pub fn read(source: &str) -> Document {
    let mut doc = Document::from_text(visible_text(source));
    doc.format = SourceFormat::Html;
    doc
}

/// The text a browser would show: `script`, `style`, `noscript`, `template`, `title` and the like
/// dropped, entities decoded, whitespace collapsed outside `pre`, block elements on their own
/// lines and paragraphs separated by a blank line.
pub fn visible_text(source: &str) -> String {
    let tokenizer = Tokenizer::new(Sink::default(), TokenizerOpts::default());
    let queue = BufferQueue::default();
    // Tendrils hold at most 4 GiB, so feed bounded chunks (split on character boundaries).
    const CHUNK: usize = 1 << 20;
    let mut rest = source;
    while !rest.is_empty() {
        let mut cut = rest.len().min(CHUNK);
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        queue.push_back(StrTendril::from_slice(&rest[..cut]));
        rest = &rest[cut..];
    }
    // The sink never asks to run a script, so one feed consumes everything.
    while let TokenizerResult::Script(()) = tokenizer.feed(&queue) {}
    tokenizer.end();
    tokenizer.sink.state.into_inner().out.finish()
}

#[derive(Default)]
struct Sink {
    state: RefCell<State>,
}

#[derive(Default)]
struct State {
    out: VisibleText,
    /// Inside a raw-text element whose content is not shown (script, style, title, …).
    in_hidden_raw: bool,
    /// Open `template` elements: parsed like markup but never rendered.
    template_depth: usize,
    /// Open `pre`-like elements, where whitespace is kept.
    pre_depth: usize,
}

/// Elements whose content the tokenizer must read as raw text, and whether it is shown.
fn raw_kind(name: &str) -> Option<(RawKind, bool)> {
    Some(match name {
        "script" => (RawKind::ScriptData, false),
        // noscript is raw text when scripting is on, which is how browsers show pages.
        "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => {
            (RawKind::Rawtext, false)
        }
        "title" => (RawKind::Rcdata, false),
        "textarea" => (RawKind::Rcdata, true),
        _ => return None,
    })
}

/// Block elements whose boundaries are paragraph breaks (a blank line).
fn is_paragraph(name: &str) -> bool {
    matches!(
        name,
        "p" | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "blockquote"
            | "pre"
            | "listing"
            | "table"
            | "ul"
            | "ol"
            | "dl"
            | "hr"
            | "figure"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "aside"
            | "nav"
            | "main"
            | "address"
    )
}

/// Other block elements, whose boundaries are line breaks.
fn is_line(name: &str) -> bool {
    matches!(
        name,
        "div"
            | "li"
            | "dd"
            | "dt"
            | "tr"
            | "caption"
            | "thead"
            | "tbody"
            | "tfoot"
            | "figcaption"
            | "details"
            | "summary"
            | "dialog"
            | "form"
            | "fieldset"
            | "legend"
            | "option"
            | "hgroup"
            | "body"
            | "head"
            | "html"
            | "center"
            | "menu"
            | "textarea"
            | "plaintext"
    )
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut st = self.state.borrow_mut();
        match token {
            Token::TagToken(tag) => {
                let name: &str = &tag.name;
                let start = tag.kind == TagKind::StartTag;
                if is_paragraph(name) {
                    st.out.paragraph_break();
                } else if is_line(name) {
                    st.out.line_break();
                } else if matches!(name, "td" | "th") {
                    st.out.space();
                }
                if name == "br" && st.template_depth == 0 {
                    // `</br>` is read as `<br>` by browsers too.
                    st.out.hard_break();
                }
                if matches!(name, "pre" | "listing" | "textarea" | "plaintext") {
                    st.pre_depth = if start {
                        st.pre_depth + 1
                    } else {
                        st.pre_depth.saturating_sub(1)
                    };
                }
                if name == "template" {
                    st.template_depth = if start {
                        st.template_depth + 1
                    } else {
                        st.template_depth.saturating_sub(1)
                    };
                }
                if start {
                    if name == "plaintext" {
                        return TokenSinkResult::Plaintext;
                    }
                    if let Some((kind, shown)) = raw_kind(name) {
                        st.in_hidden_raw = !shown;
                        return TokenSinkResult::RawData(kind);
                    }
                } else if raw_kind(name).is_some() {
                    st.in_hidden_raw = false;
                }
            }
            Token::CharacterTokens(s) if !st.in_hidden_raw && st.template_depth == 0 => {
                if st.pre_depth > 0 {
                    st.out.push_pre(&s);
                } else {
                    st.out.push_collapsed(&s);
                }
            }
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

/// Builds visible text: collapses whitespace, and turns block boundaries into at most the line
/// breaks asked for (so nested blocks do not pile up empty lines, and nothing leads or trails).
#[derive(Default)]
pub(crate) struct VisibleText {
    out: String,
    pending_space: bool,
    pending_breaks: usize,
}

impl VisibleText {
    /// Text whose whitespace runs show as one space (HTML's rendering and Markdown's).
    pub(crate) fn push_collapsed(&mut self, s: &str) {
        for c in s.chars() {
            if matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}') {
                self.pending_space = true;
            } else {
                self.flush();
                self.out.push(c);
            }
        }
    }

    /// Text shown as written (preformatted blocks, code).
    pub(crate) fn push_pre(&mut self, s: &str) {
        if s.is_empty() {
            return;
        }
        self.flush();
        self.out.push_str(s);
    }

    /// A separation that shows as a space (table cells, Markdown soft breaks).
    pub(crate) fn space(&mut self) {
        self.pending_space = true;
    }

    pub(crate) fn line_break(&mut self) {
        self.pending_breaks = self.pending_breaks.max(1);
        self.pending_space = false;
    }

    pub(crate) fn paragraph_break(&mut self) {
        self.pending_breaks = 2;
        self.pending_space = false;
    }

    /// An explicit line break (`<br>`, a Markdown hard break): each one counts.
    pub(crate) fn hard_break(&mut self) {
        self.flush();
        self.out.push('\n');
        self.pending_space = false;
    }

    fn flush(&mut self) {
        if self.pending_breaks > 0 {
            if !self.out.is_empty() {
                let have = self.out.len() - self.out.trim_end_matches('\n').len();
                for _ in have..self.pending_breaks {
                    self.out.push('\n');
                }
            }
        } else if self.pending_space && !self.out.is_empty() && !self.out.ends_with('\n') {
            self.out.push(' ');
        }
        self.pending_breaks = 0;
        self.pending_space = false;
    }

    pub(crate) fn finish(mut self) -> String {
        let keep = self.out.trim_end_matches('\n').len();
        self.out.truncate(keep);
        let lead = self.out.len() - self.out.trim_start_matches('\n').len();
        self.out.drain(..lead);
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::visible_text;

    #[test]
    fn hidden_elements_and_entities() {
        let html = "<html><head><title>T</title><style>p{}</style></head><body>\
                    <h1>Gilan&nbsp;1920</h1><p>On 4 June   1920 <b>Rasht</b> fell.<script>x()</script>\
                    <noscript>enable js</noscript><template><p>hidden</p></template></p>\
                    <ul><li>one</li><li>two &amp; three</li></ul></body></html>";
        assert_eq!(
            visible_text(html),
            "Gilan\u{a0}1920\n\nOn 4 June 1920 Rasht fell.\n\none\ntwo & three"
        );
    }

    #[test]
    fn pre_keeps_whitespace_and_br_breaks() {
        assert_eq!(
            visible_text("a<br>b<pre>x  y\n z</pre>c"),
            "a\nb\n\nx  y\n z\n\nc"
        );
    }
}
