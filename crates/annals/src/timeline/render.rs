//! Writers for a [`Timeline`]: a terminal table, Markdown, JSON (schema in docs/timeline-json.md)
//! and the fields of a CSV record (the CLI does the CSV quoting with the `csv` crate).

use super::spill::Spill;
use super::{
    anchoring_name, granularity_name, Entry, EventRef, Ordering, Participant, Source, Timeline,
};
use crate::document::Span;
use crate::error::{Error, Result};
use crate::event::anchor::How;
use crate::pipeline::Mode;
use crate::time::{Anchoring, Mod, TimexType};
use serde::Serialize;
use std::io::Write;

/// The `version` field of the JSON output; raised when a field changes meaning or goes away
/// (adding a field does not raise it). Version 2: entries are happenings (events with actors
/// and places), `span` is the head event's. Version 3: `confidence` is a calibrated probability;
/// `explain`, `happening` and `range` are new.
pub const JSON_VERSION: u32 = 3;

#[derive(Serialize)]
struct JsonSource<'a> {
    path: String,
    mode: Mode,
    dct: Option<&'a str>,
    entries: usize,
}

#[derive(Serialize)]
struct JsonEntry<'a> {
    id: String,
    value: String,
    #[serde(rename = "mod")]
    modifier: Option<Mod>,
    #[serde(rename = "type")]
    ttype: TimexType,
    granularity: &'static str,
    start: String,
    end: String,
    sort_key: [i32; 2],
    text: &'a str,
    time_span: Span,
    event: Option<&'a EventRef>,
    events: &'a [EventRef],
    summary: &'a str,
    actors: &'a [Participant],
    places: &'a [Participant],
    ordering: Option<&'a Ordering>,
    sentence: &'a str,
    source: String,
    span: Span,
    sentence_span: Span,
    anchoring: Anchoring,
    how: Option<How>,
    confidence: f32,
    explain: Option<&'a str>,
    happening: bool,
    range: Option<[String; 2]>,
    mentions: usize,
    also: Vec<JsonMention<'a>>,
}

#[derive(Serialize)]
struct JsonMention<'a> {
    source: String,
    span: Span,
    sentence_span: Span,
    sentence: &'a str,
}

/// The stable identifier of an entry in one output: its position, from 1.
pub fn entry_id(index: usize) -> String {
    format!("entry-{}", index + 1)
}

/// What the writers read entries from: a timeline in memory or one spilled to disk. Writers
/// that need two passes (column widths, per-source counts) call [`Entries::each`] twice.
pub trait Entries {
    fn sources(&self) -> &[Source];
    /// Call `f` with each entry's position and the entry, in timeline order.
    fn each(&self, f: &mut dyn FnMut(usize, &Entry) -> Result<()>) -> Result<()>;

    /// The name of source `index` (`?` if there is none).
    fn name_of(&self, index: usize) -> String {
        self.sources()
            .get(index)
            .map_or_else(|| "?".to_string(), Source::name)
    }
}

impl Entries for Timeline {
    fn sources(&self) -> &[Source] {
        &self.sources
    }

    fn each(&self, f: &mut dyn FnMut(usize, &Entry) -> Result<()>) -> Result<()> {
        self.entries
            .iter()
            .enumerate()
            .try_for_each(|(i, e)| f(i, e))
    }
}

impl Entries for Spill {
    fn sources(&self) -> &[Source] {
        &self.sources
    }

    fn each(&self, f: &mut dyn FnMut(usize, &Entry) -> Result<()>) -> Result<()> {
        for (i, e) in self.entries()?.enumerate() {
            f(i, &e?)?;
        }
        Ok(())
    }
}

/// An output error (a closed pipe shows as `BrokenPipe` in the cause).
pub fn output_error(cause: std::io::Error) -> Error {
    Error::Io {
        path: std::path::PathBuf::from("<output>"),
        cause,
    }
}

/// Write a writer's output into a string (for timelines in memory and tests).
pub fn to_string(write: impl FnOnce(&mut Vec<u8>) -> Result<()>) -> String {
    let mut out = Vec::new();
    write(&mut out).expect("writing to memory");
    String::from_utf8(out).expect("the writers write UTF-8")
}

/// `value` pretty-printed as serde_json does, every line indented by `indent` spaces.
pub(crate) fn indented_json(value: &impl Serialize, indent: usize) -> String {
    let text = serde_json::to_string_pretty(value).expect("serialising plain data");
    let pad = " ".repeat(indent);
    text.lines()
        .map(|l| format!("{pad}{l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn json_entry<'a>(src: &dyn Entries, i: usize, e: &'a Entry) -> JsonEntry<'a> {
    let (a, b) = e.interval.sort_key();
    JsonEntry {
        id: entry_id(i),
        value: e.value(),
        modifier: e.modifier,
        ttype: e.ttype,
        granularity: granularity_name(e.granularity()),
        start: e.interval.start_date().to_string(),
        end: e.interval.end_date().to_string(),
        sort_key: [a, b],
        text: &e.text,
        time_span: e.time_span,
        event: e.event.as_ref(),
        events: &e.events,
        summary: &e.summary,
        actors: &e.actors,
        places: &e.places,
        ordering: e.ordering.as_ref(),
        sentence: &e.sentence,
        source: src.name_of(e.source),
        span: e.span,
        sentence_span: e.sentence_span,
        anchoring: e.anchoring,
        how: e.how,
        confidence: e.confidence,
        explain: e.explain.as_deref(),
        happening: e.happening,
        range: e.range.map(|last| [e.date.to_string(), last.to_string()]),
        mentions: e.mentions,
        also: e
            .also
            .iter()
            .map(|m| JsonMention {
                source: src.name_of(m.source),
                span: m.span,
                sentence_span: m.sentence_span,
                sentence: &m.sentence,
            })
            .collect(),
    }
}

/// The timeline as pretty-printed JSON (docs/timeline-json.md), entry by entry: memory does
/// not grow with the number of entries. Two passes: per-source counts come first.
pub fn write_json(src: &dyn Entries, out: &mut dyn Write) -> Result<()> {
    let mut counts = vec![0usize; src.sources().len()];
    src.each(&mut |_, e| {
        let mut seen: Vec<usize> = e.sources().collect();
        seen.sort_unstable();
        seen.dedup();
        for k in seen {
            if let Some(c) = counts.get_mut(k) {
                *c += 1;
            }
        }
        Ok(())
    })?;
    let sources: Vec<JsonSource> = src
        .sources()
        .iter()
        .zip(&counts)
        .map(|(s, &entries)| JsonSource {
            path: s.name(),
            mode: s.mode,
            dct: s.dct.as_deref(),
            entries,
        })
        .collect();
    let sources = if sources.is_empty() {
        "[]".to_string()
    } else {
        indented_json(&sources, 2).trim_start().to_string()
    };
    write!(
        out,
        "{{\n  \"version\": {JSON_VERSION},\n  \"sources\": {sources},\n  \"entries\": ["
    )
    .map_err(output_error)?;
    let mut any = false;
    src.each(&mut |i, e| {
        let sep = if any { "," } else { "" };
        any = true;
        write!(out, "{sep}\n{}", indented_json(&json_entry(src, i, e), 4)).map_err(output_error)
    })?;
    let close = if any { "\n  ]" } else { "]" };
    writeln!(out, "{close}\n}}").map_err(output_error)
}

/// The timeline as pretty-printed JSON, ending with a newline.
pub fn json(timeline: &Timeline) -> String {
    to_string(|out| write_json(timeline, out))
}

/// Column names of the CSV output, in order (the JSON entry fields, flattened; lists joined
/// with "; ").
pub const CSV_HEADER: [&str; 23] = [
    "id",
    "value",
    "mod",
    "type",
    "granularity",
    "start",
    "end",
    "text",
    "event",
    "event_class",
    "summary",
    "actors",
    "places",
    "ordering",
    "sentence",
    "source",
    "span_start",
    "span_end",
    "anchoring",
    "how",
    "confidence",
    "mentions",
    "also",
];

fn names(list: &[Participant]) -> String {
    list.iter()
        .map(|p| p.name.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}

/// "after withdrawal", "before entrance".
fn ordering_label(o: &Ordering) -> String {
    format!("{} {}", o.kind.as_str(), o.event)
}

/// One CSV record, matching [`CSV_HEADER`]; absent values are empty fields.
pub fn csv_record(timeline: &dyn Entries, index: usize, e: &Entry) -> [String; 23] {
    [
        entry_id(index),
        e.value(),
        e.modifier
            .map(|m| m.as_str().to_string())
            .unwrap_or_default(),
        e.ttype.as_str().to_string(),
        granularity_name(e.granularity()).to_string(),
        e.interval.start_date().to_string(),
        e.interval.end_date().to_string(),
        e.text.clone(),
        e.event.as_ref().map(|v| v.text.clone()).unwrap_or_default(),
        e.event
            .as_ref()
            .map(|v| v.class.as_str().to_string())
            .unwrap_or_default(),
        e.summary.clone(),
        names(&e.actors),
        names(&e.places),
        e.ordering.as_ref().map(ordering_label).unwrap_or_default(),
        e.sentence.clone(),
        timeline.name_of(e.source),
        e.span.start.to_string(),
        e.span.end.to_string(),
        anchoring_name(e.anchoring).to_string(),
        e.how.map(how_name).unwrap_or_default().to_string(),
        e.confidence.to_string(),
        e.mentions.to_string(),
        e.also
            .iter()
            .map(|m| format!("{}@{}", timeline.name_of(m.source), m.span.start))
            .collect::<Vec<_>>()
            .join("; "),
    ]
}

/// The name JSON and CSV use for how events got their time.
pub fn how_name(h: How) -> &'static str {
    match h {
        How::Clause => "clause",
        How::Sentence => "sentence",
        How::Inherited => "inherited",
        How::Person => "person",
        How::Named => "named",
    }
}

/// The date column: the value with its mod, and "~" for a date inherited from an earlier
/// sentence, so vague entries look vague.
pub fn date_label(e: &Entry) -> String {
    let label = e.label();
    if e.how.is_some_and(How::from_outside) {
        format!("~{label}")
    } else {
        label
    }
}

/// The columns of the table and Markdown outputs; the source only when there are several.
fn header(src: &dyn Entries) -> Vec<&'static str> {
    let mut header = vec!["DATE", "WHO", "WHERE"];
    if src.sources().len() > 1 {
        header.push("SOURCE");
    }
    header.push("WHAT");
    header
}

/// The cells of one entry, matching [`header`].
fn row(src: &dyn Entries, e: &Entry) -> Vec<String> {
    let mut row = vec![date_label(e), names(&e.actors), names(&e.places)];
    if src.sources().len() > 1 {
        let mut sources: Vec<String> = Vec::new();
        for k in e.sources() {
            let name = src.name_of(k);
            if !sources.contains(&name) {
                sources.push(name);
            }
        }
        row.push(sources.join("; "));
    }
    let what = match &e.ordering {
        Some(o) => format!("{} ({})", e.summary, ordering_label(o)),
        None => e.summary.clone(),
    };
    row.push(what);
    row
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

/// Split `s` into lines of at most `width` characters at spaces; a longer word is split.
pub fn wrap(s: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut line_chars = 0;
    for mut word in s.split_whitespace() {
        // A word longer than a line gets lines of its own, split anywhere.
        if chars(word) > width {
            if line_chars > 0 {
                lines.push(std::mem::take(&mut line));
                line_chars = 0;
            }
            while let Some((cut, _)) = word.char_indices().nth(width) {
                lines.push(word[..cut].to_string());
                word = &word[cut..];
            }
        }
        let word_chars = chars(word);
        if line_chars > 0 && line_chars + 1 + word_chars > width {
            lines.push(std::mem::take(&mut line));
            line_chars = 0;
        }
        if line_chars > 0 {
            line.push(' ');
            line_chars += 1;
        }
        line.push_str(word);
        line_chars += word_chars;
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Narrow columns are not worth wrapping into; below this the sentence overflows instead.
const MIN_SENTENCE_WIDTH: usize = 24;
/// Expressions and file names longer than this wrap within their column on a terminal.
const MAX_SIDE_WIDTH: usize = 24;
/// Side columns are not squeezed below this.
const MIN_SIDE_WIDTH: usize = 6;
const GAP: &str = "  ";

/// A plain-text table. With `width` (a terminal's), every column but the date wraps so that a
/// line fits; without it (output piped to a file or another program) each entry is one line.
/// Widths count characters, which is right for the scripts these texts are written in but not
/// for wide (CJK) characters. Two passes: column widths, then the rows.
pub fn write_table(src: &dyn Entries, width: Option<usize>, out: &mut dyn Write) -> Result<()> {
    write_table_styled(src, width, false, out)
}

/// ANSI styles of the table's columns on a terminal: the date bold (dim when inherited from an
/// earlier sentence, so vague entries look vague), people green, places cyan, sources magenta.
fn style(column: usize, header: &[&str], cell: &str) -> &'static str {
    match header.get(column).copied() {
        Some("DATE") if cell.starts_with('~') => "\x1b[2m",
        Some("DATE") => "\x1b[1m",
        Some("WHO") => "\x1b[32m",
        Some("WHERE") => "\x1b[36m",
        Some("SOURCE") => "\x1b[35m",
        _ => "",
    }
}

/// [`write_table`], coloured with ANSI escapes when `colour` is set (a terminal without
/// `NO_COLOR`); padding counts only the visible characters.
pub fn write_table_styled(
    src: &dyn Entries,
    width: Option<usize>,
    colour: bool,
    out: &mut dyn Write,
) -> Result<()> {
    write_table_explained(src, width, colour, false, out)
}

/// [`write_table_styled`], with a line under each entry saying why it has its date when
/// `explain` is set (`annals timeline --explain`).
pub fn write_table_explained(
    src: &dyn Entries,
    width: Option<usize>,
    colour: bool,
    explain: bool,
    out: &mut dyn Write,
) -> Result<()> {
    let header = header(src);
    let ncols = header.len();
    let mut widths: Vec<usize> = header.iter().map(|h| chars(h)).collect();
    src.each(&mut |_, e| {
        for (w, cell) in widths.iter_mut().zip(row(src, e)) {
            *w = (*w).max(chars(&cell));
        }
        Ok(())
    })?;
    if let Some(total) = width {
        // Side columns share what the date and a readable last column leave, so a narrow
        // terminal still gets every column.
        let sides = ncols.saturating_sub(2).max(1);
        let spare =
            total.saturating_sub(widths[0] + GAP.len() * (ncols - 1) + MIN_SENTENCE_WIDTH) / sides;
        let cap = spare.clamp(MIN_SIDE_WIDTH, MAX_SIDE_WIDTH);
        for w in &mut widths[1..ncols - 1] {
            *w = (*w).min(cap);
        }
        let used: usize = widths[..ncols - 1].iter().sum::<usize>() + GAP.len() * (ncols - 1);
        widths[ncols - 1] = total.saturating_sub(used).max(MIN_SENTENCE_WIDTH);
    }
    let write_row = |out: &mut dyn Write, row: &[String], is_header: bool| -> Result<()> {
        let cells: Vec<Vec<String>> = row
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(i, (cell, &w))| match width {
                // The date is never wrapped: it is what the eye scans down.
                Some(_) if i > 0 => wrap(cell, w),
                _ => vec![cell.clone()],
            })
            .collect();
        let height = cells.iter().map(Vec::len).max().unwrap_or(1);
        for line in 0..height {
            let mut text = String::new();
            for (i, col) in cells.iter().enumerate() {
                let cell = col.get(line).map_or("", String::as_str);
                let code = if colour && !is_header && !cell.is_empty() {
                    style(i, &header, &row[i])
                } else {
                    ""
                };
                text.push_str(code);
                text.push_str(cell);
                if !code.is_empty() {
                    text.push_str("\x1b[0m");
                }
                if i + 1 < ncols {
                    let pad = widths[i].saturating_sub(chars(cell));
                    text.push_str(&" ".repeat(pad));
                    text.push_str(GAP);
                }
            }
            writeln!(out, "{}", text.trim_end()).map_err(output_error)?;
        }
        Ok(())
    };
    let header_row: Vec<String> = header.iter().map(|h| h.to_string()).collect();
    write_row(out, &header_row, true)?;
    src.each(&mut |_, e| {
        write_row(out, &row(src, e), false)?;
        if let (true, Some(why)) = (explain, &e.explain) {
            let indent = " ".repeat(widths[0] + GAP.len());
            let lines = match width {
                Some(w) => wrap(
                    &format!("why: {why}"),
                    w.saturating_sub(indent.len()).max(20),
                ),
                None => vec![format!("why: {why}")],
            };
            for line in lines {
                let (on, off) = if colour {
                    ("\x1b[2m", "\x1b[0m")
                } else {
                    ("", "")
                };
                writeln!(out, "{indent}{on}{line}{off}").map_err(output_error)?;
            }
        }
        Ok(())
    })
}

/// [`write_table`] into a string.
pub fn table(timeline: &Timeline, width: Option<usize>) -> String {
    to_string(|out| write_table(timeline, width, out))
}

fn markdown_cell(s: &str) -> String {
    s.replace('\\', "\\\\").replace('|', "\\|")
}

/// A GitHub-flavoured Markdown table, entry by entry.
pub fn write_markdown(src: &dyn Entries, out: &mut dyn Write) -> Result<()> {
    let header = header(src);
    let titled: Vec<String> = header
        .iter()
        .map(|h| {
            let mut c = h.chars();
            c.next()
                .map(|f| f.to_string() + &c.as_str().to_lowercase())
                .unwrap_or_default()
        })
        .collect();
    writeln!(out, "| {} |", titled.join(" | ")).map_err(output_error)?;
    writeln!(out, "|{}", "---|".repeat(header.len())).map_err(output_error)?;
    src.each(&mut |_, e| {
        let cells: Vec<String> = row(src, e).iter().map(|c| markdown_cell(c)).collect();
        writeln!(out, "| {} |", cells.join(" | ")).map_err(output_error)
    })
}

/// [`write_markdown`] into a string.
pub fn markdown(timeline: &Timeline) -> String {
    to_string(|out| write_markdown(timeline, out))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn timeline(text: &str) -> Timeline {
        Timeline::from_text(text).unwrap()
    }

    #[test]
    fn wraps_at_spaces_and_splits_long_words() {
        assert_eq!(wrap("a bb ccc dddd", 6), ["a bb", "ccc", "dddd"]);
        assert_eq!(wrap("abcdefgh ij", 3), ["abc", "def", "gh", "ij"]);
        assert_eq!(wrap("", 5), [""]);
        assert_eq!(wrap("αβγδ", 2), ["αβ", "γδ"]);
    }

    #[test]
    fn colour_only_when_asked_and_padding_ignores_it() {
        let t = timeline("In April 1920 the rebels took Rasht. Then they rested.");
        let plain = table(&t, Some(80));
        assert!(!plain.contains('\x1b'));
        let mut out = Vec::new();
        write_table_styled(&t, Some(80), true, &mut out).unwrap();
        let coloured = String::from_utf8(out).unwrap();
        assert!(coloured.contains("\x1b[1m1920-04\x1b[0m"), "{coloured}");
        assert!(coloured.contains("\x1b[2m~1920-04\x1b[0m"), "{coloured}");
        // Without the escapes, the same table.
        let stripped = coloured
            .replace("\x1b[0m", "")
            .replace("\x1b[1m", "")
            .replace("\x1b[2m", "")
            .replace("\x1b[32m", "")
            .replace("\x1b[36m", "")
            .replace("\x1b[35m", "");
        assert_eq!(stripped, plain);
    }

    #[test]
    fn table_fits_the_width_and_piped_output_is_one_line_per_entry() {
        let t = timeline(
            "In April 1920, in the Iranian province of Gilan, a rebellion broke out under the \
             leadership of Sheikh Mohammed Khiabani, whose goal was the overthrow of the government.",
        );
        let wrapped = table(&t, Some(60));
        assert!(
            wrapped.lines().all(|l| l.chars().count() <= 60),
            "{wrapped}"
        );
        assert!(wrapped.lines().count() > 2);
        let plain = table(&t, None);
        assert_eq!(plain.lines().count(), 2, "{plain}");
        assert!(
            plain.starts_with("DATE     WHO                       WHERE           WHAT\n1920-04  Sheikh Mohammed Khiabani  Gilan Province  in the Iranian province of Gilan, a rebellion broke out"),
            "{plain}"
        );
    }

    #[test]
    fn markdown_escapes_pipes() {
        let t = timeline("In 1920 the army crossed the river a | b.");
        let md = markdown(&t);
        assert!(
            md.starts_with("| Date | Who | Where | What |\n|---|---|---|---|\n"),
            "{md}"
        );
        assert!(md.contains("a \\| b"), "{md}");
    }

    #[test]
    fn json_and_csv_fields() {
        let t = timeline("The treaty was signed in March 1921.");
        let v: serde_json::Value = serde_json::from_str(&json(&t)).unwrap();
        assert_eq!(v["version"], 3);
        let e = &v["entries"][0];
        assert_eq!(e["id"], "entry-1");
        assert_eq!(e["event"]["text"], "signed");
        assert_eq!(e["event"]["lemma"], "sign");
        assert_eq!(e["event"]["class"], "OCCURRENCE");
        assert_eq!(e["how"], "clause");
        assert_eq!(e["summary"], "The treaty was signed in March 1921");
        assert_eq!(e["value"], "1921-03");
        assert_eq!(e["mod"], serde_json::Value::Null);
        assert_eq!(e["type"], "DATE");
        assert_eq!(e["granularity"], "month");
        assert_eq!(e["start"], "1921-03-01");
        assert_eq!(e["end"], "1921-04-01");
        assert_eq!(e["anchoring"], "explicit");
        let c = t.entries[0].confidence;
        assert!(c > 0.8, "{c}");
        assert!((e["confidence"].as_f64().unwrap() - f64::from(c)).abs() < 1e-6);
        assert_eq!(e["span"]["start"], 15);
        assert_eq!(e["time_span"]["start"], 25);
        assert_eq!(e["text"], "March 1921");
        assert_eq!(v["sources"][0]["mode"], "narrative");
        let rec = csv_record(&t, 0, &t.entries[0]);
        assert_eq!(rec.len(), CSV_HEADER.len());
        assert_eq!(rec[0], "entry-1");
        assert_eq!(rec[1], "1921-03");
        assert_eq!(rec[8], "signed");
        assert_eq!(rec[20], c.to_string());
    }
}
