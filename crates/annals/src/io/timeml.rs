//! TimeML (inline TIMEX3/EVENT/SIGNAL inside `<TEXT>`) reading and writing.
//!
//! The official TempEval-3 toolkit aborts when the TEXT of a system file differs from the gold
//! file by a single character, so the writer never re-serialises the text: it copies the input's
//! own raw TEXT source between tag boundaries, which keeps its escaping (`&amp;`, a literal `'`,
//! character references, CDATA, comments) exactly as it was.

use crate::document::{Document, SourceFormat, Span, Tag};
use crate::error::{Error, Result};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

/// What surrounds and accompanies the `<TEXT>` content, kept so the file can be written back.
#[derive(Clone, Debug, Default)]
pub struct Container {
    /// Everything before the TEXT content, as in the input (up to and including `<TEXT>`).
    pub head: String,
    /// Everything after the TEXT content, as in the input (from `</TEXT>` on).
    pub tail: String,
    /// The TEXT content exactly as in the input: markup, entity references and all.
    pub raw_text: String,
    /// How `raw_text` maps onto the decoded document text, in input order.
    pieces: Vec<Piece>,
    /// For each gold tag (same order as `Document::gold`): its start tag and end tag as written
    /// in `raw_text` (no end tag for an empty element), so a gold tag written back unchanged
    /// keeps its own spelling (attribute spacing, quotes, references).
    gold_markup: Vec<(Range<usize>, Option<Range<usize>>)>,
}

/// One stretch of the raw TEXT source and the decoded text it stands for.
#[derive(Clone, Copy, Debug)]
struct Piece {
    /// Start in the decoded text and length there (zero for markup).
    text: usize,
    text_len: usize,
    /// Start in `Container::raw_text` and length there.
    raw: usize,
    raw_len: usize,
    kind: PieceKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum PieceKind {
    /// Character data whose raw bytes are the decoded bytes.
    Verbatim,
    /// An entity or character reference, or a CDATA section: raw and decoded bytes differ.
    Encoded,
    /// An inline tag of the input (gold markup): never written back, the caller supplies tags.
    Markup,
    /// A comment or processing instruction: not text, but written back where it was.
    Kept,
}

/// Read TimeML: the TEXT content becomes the document text, inline tags become gold.
///
/// Entity and character references are decoded. A named entity XML does not predefine (such as
/// `&nbsp;`, which is not well-formed XML without a DTD) is kept literally as text, as the
/// reference scorer does, rather than failing the whole corpus over one character.
pub fn read(source: &str, path: &Path) -> Result<Document> {
    // quick-xml drops a byte-order mark without counting it, which would shift every offset.
    // Strip them all: after one stripped here, a second would be dropped by quick-xml uncounted.
    let bom = source.len() - source.trim_start_matches('\u{feff}').len();
    let src = &source[bom..];
    let err = |at: usize, message: String| Error::TimeMl {
        path: path.to_path_buf(),
        message: format!("{message} at {}", position(source, at + bom)),
    };

    let mut reader = Reader::from_str(src);
    let mut open: Vec<(String, usize)> = Vec::new();
    // Index into `open` of the TEXT element while inside it, and where its content starts.
    let mut in_text: Option<(usize, usize)> = None;
    let mut text_range: Option<(usize, usize)> = None;
    let mut empty_text_at: Option<(usize, usize)> = None;
    let mut dct: Option<String> = None;
    // How many DCT elements are open (a counter, not a scan of `open`, so deep nesting stays linear).
    let mut dct_open = 0usize;

    let mut text = String::new();
    let mut gold: Vec<Tag> = Vec::new();
    let mut open_gold: Vec<usize> = Vec::new();
    let mut pieces: Vec<Piece> = Vec::new();
    let mut gold_markup: Vec<(Range<usize>, Option<Range<usize>>)> = Vec::new();

    loop {
        let before = pos_usize(reader.buffer_position());
        let event = match reader.read_event() {
            Ok(ev) => ev,
            Err(e) => return Err(err(pos_usize(reader.error_position()), e.to_string())),
        };
        let after = pos_usize(reader.buffer_position());
        let in_dct = dct_open > 0;
        let Some((text_depth, content_start)) = in_text else {
            // Outside TEXT: only track structure, the DCT, and where TEXT begins.
            match event {
                Event::Start(e) => {
                    let name = e.name().0.to_string();
                    if in_dct && dct.is_none() && name == "TIMEX3" {
                        dct = dct_value(&e).map_err(|m| err(before, m))?;
                    }
                    if name == "TEXT" && text_range.is_none() && empty_text_at.is_none() {
                        in_text = Some((open.len(), after));
                    }
                    dct_open += usize::from(name == "DCT");
                    open.push((name, before));
                }
                Event::Empty(e) => {
                    let name = e.name().0;
                    if in_dct && dct.is_none() && name == "TIMEX3" {
                        dct = dct_value(&e).map_err(|m| err(before, m))?;
                    }
                    if name == "TEXT" && text_range.is_none() && empty_text_at.is_none() {
                        empty_text_at = Some((before, after));
                    }
                }
                Event::End(_) if open.pop().is_some_and(|(n, _)| n == "DCT") => dct_open -= 1,
                Event::Eof => break,
                _ => {}
            }
            continue;
        };
        let raw_len = after - before;
        let raw = before - content_start;
        let piece = |text: &str, text_len: usize, kind: PieceKind| Piece {
            text: text.len(),
            text_len,
            raw,
            raw_len,
            kind,
        };
        match event {
            Event::Text(_) => {
                // Text events stop at every `&`, so their raw bytes are the decoded bytes.
                let p = piece(&text, raw_len, PieceKind::Verbatim);
                pieces.push(p);
                text.push_str(&src[before..after]);
            }
            Event::GeneralRef(r) => {
                let decoded: String = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => match quick_xml::escape::resolve_xml_entity(&r) {
                        Some(s) => s.to_string(),
                        None => src[before..after].to_string(),
                    },
                    Err(e) => return Err(err(before, e.to_string())),
                };
                let p = piece(&text, decoded.len(), PieceKind::Encoded);
                pieces.push(p);
                text.push_str(&decoded);
            }
            Event::CData(c) => {
                let content = c.into_inner();
                let p = piece(&text, content.len(), PieceKind::Encoded);
                pieces.push(p);
                text.push_str(&content);
            }
            Event::Start(e) => {
                let p = piece(&text, 0, PieceKind::Markup);
                pieces.push(p);
                let name = e.name().0.to_string();
                let attrs = attributes(&e).map_err(|m| err(before, m))?;
                open_gold.push(gold.len());
                gold_markup.push((raw..raw + raw_len, None));
                gold.push(Tag {
                    span: Span::new(text.len(), text.len()),
                    name: name.clone(),
                    attrs,
                });
                open.push((name, before));
            }
            Event::Empty(e) => {
                let p = piece(&text, 0, PieceKind::Markup);
                pieces.push(p);
                let attrs = attributes(&e).map_err(|m| err(before, m))?;
                gold_markup.push((raw..raw + raw_len, None));
                gold.push(Tag {
                    span: Span::new(text.len(), text.len()),
                    name: e.name().0.to_string(),
                    attrs,
                });
            }
            Event::End(_) => {
                open.pop();
                if open.len() == text_depth {
                    text_range = Some((content_start, before));
                    in_text = None;
                } else {
                    let p = piece(&text, 0, PieceKind::Markup);
                    pieces.push(p);
                    if let Some(i) = open_gold.pop() {
                        gold[i].span.end = text.len();
                        gold_markup[i].1 = Some(raw..raw + raw_len);
                    }
                }
            }
            Event::Comment(_) | Event::PI(_) | Event::Decl(_) | Event::DocType(_) => {
                let p = piece(&text, 0, PieceKind::Kept);
                pieces.push(p);
            }
            Event::Eof => break,
        }
    }
    // quick-xml checks that end tags match but not that every element was closed.
    if let Some((name, at)) = open.last() {
        return Err(err(*at, format!("element <{name}> is never closed")));
    }

    let container = match (text_range, empty_text_at) {
        (Some((a, b)), _) => Container {
            head: source[..a + bom].to_string(),
            tail: source[b + bom..].to_string(),
            raw_text: src[a..b].to_string(),
            pieces,
            gold_markup,
        },
        // `<TEXT/>`: written back as an explicit empty element so tags have somewhere to go.
        (None, Some((a, b))) => Container {
            head: format!("{}<TEXT>", &source[..a + bom]),
            tail: format!("</TEXT>{}", &source[b + bom..]),
            raw_text: String::new(),
            pieces: Vec::new(),
            gold_markup: Vec::new(),
        },
        (None, None) => return Err(err(0, "no <TEXT> element".to_string())),
    };
    Ok(Document {
        path: path.to_path_buf(),
        format: SourceFormat::TimeMl,
        text,
        dct,
        gold,
        timeml: Some(container),
        replaced: Vec::new(),
    })
}

fn pos_usize(p: u64) -> usize {
    usize::try_from(p).unwrap_or(usize::MAX)
}

/// "line L, column C (byte B)" for a byte offset, so a user can open the file at the fault.
fn position(source: &str, at: usize) -> String {
    let at = at.min(source.len());
    let before = source.as_bytes().get(..at).unwrap_or_default();
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    format!("line {line}, column {column} (byte {at})")
}

fn attributes(e: &BytesStart<'_>) -> std::result::Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    for attr in e.attributes() {
        let attr = attr.map_err(|x| format!("bad attribute in <{}>: {x}", e.name().0))?;
        let value = attr
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|x| format!("bad attribute value in <{}>: {x}", e.name().0))?;
        out.push((attr.key.0.to_string(), value.into_owned()));
    }
    Ok(out)
}

/// The date part of the DCT's value: `YYYY-MM-DD` from `1998-01-08` or `1998-01-08T10:00`.
fn dct_value(e: &BytesStart<'_>) -> std::result::Result<Option<String>, String> {
    let attrs = attributes(e)?;
    let Some((_, value)) = attrs.iter().find(|(k, _)| k == "value") else {
        return Ok(None);
    };
    let b = value.as_bytes();
    let is_date = b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[7] == b'-'
        && b[8..10].iter().all(u8::is_ascii_digit);
    Ok(is_date.then(|| value[..10].to_string()))
}

/// Write TimeML with `tags` inline in the original TEXT.
///
/// For a document read from TimeML, everything outside TEXT is written back as read and the text
/// between tags is the input's raw TEXT source, so TEXT is byte-identical except for the tags;
/// the input's own inline tags are not written unless they are among `tags`. Other documents get
/// a fresh TimeML file. Tags with a span outside the text or off a character boundary, with a
/// name that is not an XML name, or crossing a tag already opened, are skipped so the output is
/// always well-formed. An empty span is written as an empty element.
pub fn write(doc: &Document, tags: &[Tag]) -> String {
    match doc.timeml.as_ref().filter(|c| c.matches(&doc.text)) {
        Some(c) => {
            let mut out = String::with_capacity(c.head.len() + c.raw_text.len() + c.tail.len());
            out.push_str(&c.head);
            let mut cursor = RawCursor {
                container: c,
                text: &doc.text,
                piece: 0,
            };
            let original = c.original_markup(&doc.gold);
            let spelled = |t: &Tag| original(t);
            render(
                &doc.text,
                tags,
                &mut out,
                &mut |out, a, b| cursor.emit(out, a, b),
                &spelled,
            );
            cursor.flush(&mut out);
            out.push_str(&c.tail);
            out
        }
        None => {
            let mut out = String::with_capacity(doc.text.len() + 400);
            out.push_str("<?xml version=\"1.0\" ?>\n");
            out.push_str(
                "<TimeML xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
                 xsi:noNamespaceSchemaLocation=\"http://timeml.org/timeMLdocs/TimeML_1.2.1.xsd\">\n",
            );
            if let Some(dct) = &doc.dct {
                let v = escape_attr(dct);
                out.push_str(&format!(
                    "<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"{v}\" temporalFunction=\"false\" \
                     functionInDocument=\"CREATION_TIME\">{}</TIMEX3></DCT>\n",
                    escape_text(dct)
                ));
            }
            out.push_str("<TEXT>");
            render(
                &doc.text,
                tags,
                &mut out,
                &mut |out, a, b| out.push_str(&escape_text(&doc.text[a..b])),
                &|_| None,
            );
            out.push_str("</TEXT>\n</TimeML>\n");
            out
        }
    }
}

/// A tag's start and end markup as the input spelled them, when it is one of the input's tags.
type Spelling<'a> = Option<(&'a str, Option<&'a str>)>;

impl Container {
    /// Look up how the input wrote a tag equal to one of its gold tags.
    fn original_markup<'a>(&'a self, gold: &'a [Tag]) -> impl Fn(&Tag) -> Spelling<'a> + 'a {
        let mut by_span: HashMap<(Span, &str), Vec<usize>> = HashMap::new();
        if gold.len() == self.gold_markup.len() {
            for (i, t) in gold.iter().enumerate() {
                by_span
                    .entry((t.span, t.name.as_str()))
                    .or_default()
                    .push(i);
            }
        }
        move |tag: &Tag| {
            let candidates = by_span.get(&(tag.span, tag.name.as_str()))?;
            let i = *candidates.iter().find(|&&i| gold[i] == *tag)?;
            let (start, end) = &self.gold_markup[i];
            let start = self.raw_text.get(start.clone())?;
            let end = match end {
                Some(r) => Some(self.raw_text.get(r.clone())?),
                None => None,
            };
            Some((start, end))
        }
    }

    /// Whether this container was read together with `text` (a document whose text was replaced
    /// afterwards must not be written with the old raw source).
    fn matches(&self, text: &str) -> bool {
        let total: usize = self.pieces.iter().map(|p| p.text_len).sum();
        total == text.len()
            && self.pieces.iter().all(|p| {
                p.kind != PieceKind::Verbatim
                    || self.raw_text.get(p.raw..p.raw + p.raw_len)
                        == text.get(p.text..p.text + p.text_len)
            })
    }
}

/// Walks the raw pieces in step with the decoded text, copying raw source for each stretch.
struct RawCursor<'a> {
    container: &'a Container,
    text: &'a str,
    piece: usize,
}

impl RawCursor<'_> {
    /// Write the decoded text `[a, b)` as raw source; `a` is where the previous call stopped.
    fn emit(&mut self, out: &mut String, a: usize, b: usize) {
        let pieces = &self.container.pieces;
        let raw = &self.container.raw_text;
        while let Some(p) = pieces.get(self.piece) {
            if p.text_len == 0 {
                // Comments before `b` belong to this stretch; those at `b` wait for the next one
                // so that a comment right after a tag boundary stays after the new tag.
                if p.text >= b {
                    break;
                }
                if p.kind == PieceKind::Kept {
                    out.push_str(&raw[p.raw..p.raw + p.raw_len]);
                }
                self.piece += 1;
                continue;
            }
            let end = p.text + p.text_len;
            if p.text >= b || end <= a {
                if end <= a {
                    self.piece += 1;
                    continue;
                }
                break;
            }
            let from = a.max(p.text);
            let to = b.min(end);
            if from == p.text && to == end {
                out.push_str(&raw[p.raw..p.raw + p.raw_len]);
            } else if p.kind == PieceKind::Verbatim {
                let r = p.raw + (from - p.text)..p.raw + (to - p.text);
                match raw.get(r) {
                    Some(s) => out.push_str(s),
                    None => out.push_str(&escape_text(&self.text[from..to])),
                }
            } else {
                // A boundary inside a reference or CDATA section: it cannot be split, so that
                // part is written escaped instead.
                out.push_str(&escape_text(&self.text[from..to]));
            }
            if to < end {
                break;
            }
            self.piece += 1;
        }
    }

    /// Write the comments that follow the last character.
    fn flush(&mut self, out: &mut String) {
        for p in &self.container.pieces[self.piece.min(self.container.pieces.len())..] {
            if p.kind == PieceKind::Kept {
                out.push_str(&self.container.raw_text[p.raw..p.raw + p.raw_len]);
            }
        }
        self.piece = self.container.pieces.len();
    }
}

/// Interleave `tags` with the text; `emit(out, a, b)` writes the text `[a, b)`, called with
/// consecutive ranges covering the whole text.
/// `spelled(tag)` gives the input's own markup for a tag it had, written instead of fresh markup.
fn render<'a>(
    text: &str,
    tags: &'a [Tag],
    out: &mut String,
    emit: &mut dyn FnMut(&mut String, usize, usize),
    spelled: &dyn Fn(&Tag) -> Spelling<'a>,
) {
    let mut order: Vec<usize> = (0..tags.len())
        .filter(|&i| {
            let s = tags[i].span;
            s.start <= s.end
                && s.end <= text.len()
                && text.is_char_boundary(s.start)
                && text.is_char_boundary(s.end)
                && is_xml_name(&tags[i].name)
        })
        .collect();
    // Outer tags first: by start, then longest first, then as given.
    order.sort_by_key(|&i| (tags[i].span.start, std::cmp::Reverse(tags[i].span.end), i));

    // Open tags: where each ends and its end markup.
    let mut open: Vec<(usize, String)> = Vec::new();
    let mut pos = 0;
    for tag in order.into_iter().map(|i| &tags[i]) {
        while let Some((end, _)) = open.last().filter(|(end, _)| *end <= tag.span.start) {
            emit(out, pos, *end);
            pos = *end;
            if let Some((_, close)) = open.pop() {
                out.push_str(&close);
            }
        }
        if open.last().is_some_and(|(end, _)| tag.span.end > *end) {
            continue; // crosses the innermost open tag
        }
        emit(out, pos, tag.span.start);
        pos = tag.span.start;
        if let Some((start, end)) = spelled(tag) {
            out.push_str(start);
            match end {
                Some(end) if tag.span.is_empty() => out.push_str(end),
                Some(end) => open.push((tag.span.end, end.to_string())),
                None if tag.span.is_empty() => {}
                // An empty element in the input now spanning text cannot happen for an equal tag.
                None => open.push((tag.span.end, format!("</{}>", tag.name))),
            }
            continue;
        }
        out.push('<');
        out.push_str(&tag.name);
        let mut seen: Vec<&str> = Vec::new();
        for (k, v) in &tag.attrs {
            if !is_xml_name(k) || seen.contains(&k.as_str()) {
                continue;
            }
            seen.push(k);
            out.push_str(&format!(" {k}=\"{}\"", escape_attr(v)));
        }
        if tag.span.is_empty() {
            out.push_str("/>");
        } else {
            out.push('>');
            open.push((tag.span.end, format!("</{}>", tag.name)));
        }
    }
    while let Some((end, close)) = open.pop() {
        emit(out, pos, end);
        pos = end;
        out.push_str(&close);
    }
    emit(out, pos, text.len());
}

/// A conservative XML name check (ASCII punctuation rules, any alphanumeric character).
fn is_xml_name(s: &str) -> bool {
    let mut chars = s.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    (first.is_alphabetic() || first == '_' || first == ':')
        && chars.all(|c| c.is_alphanumeric() || matches!(c, '_' | ':' | '-' | '.'))
}

/// Escape character data: `&`, `<` and `>` (the last so `]]>` can never appear).
pub(crate) fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(c),
        }
    }
    out
}

/// Escape an attribute value for double quotes. Whitespace other than space is written as a
/// character reference because a parser would otherwise normalise it to a space; characters
/// XML 1.0 cannot carry at all become U+FFFD.
pub(crate) fn escape_attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(src: &str) -> Document {
        read(src, Path::new("t.tml")).expect("valid TimeML")
    }

    #[test]
    fn raw_pieces_cover_the_text_section() {
        let d = doc(
            "<TimeML><TEXT>a &amp; <!--c--><T x=\"1\">b&#x4E2D;</T><![CDATA[<z>]]></TEXT></TimeML>",
        );
        assert_eq!(d.text, "a & b中<z>");
        let c = d.timeml.as_ref().unwrap();
        let joined: String = c
            .pieces
            .iter()
            .map(|p| &c.raw_text[p.raw..p.raw + p.raw_len])
            .collect();
        assert_eq!(joined, c.raw_text);
        assert_eq!(d.gold[0].span, Span::new(4, 8));
    }

    #[test]
    fn boundary_inside_a_reference_is_escaped_not_split() {
        let d = doc("<TimeML><TEXT>x&lt;&amp;y</TEXT></TimeML>");
        let tag = Tag {
            span: Span::new(1, 2),
            name: "TIMEX3".into(),
            attrs: vec![],
        };
        let out = write(&d, &[tag]);
        assert!(
            out.contains("<TEXT>x<TIMEX3>&lt;</TIMEX3>&amp;y</TEXT>"),
            "{out}"
        );
    }

    #[test]
    fn position_counts_lines_and_characters() {
        assert_eq!(position("ab\nçd", 5), "line 2, column 2 (byte 5)");
    }
}
