//! Writers for a [`Timeline`]: a terminal table, Markdown, JSON (schema in docs/timeline-json.md)
//! and the fields of a CSV record (the CLI does the CSV quoting with the `csv` crate).

use super::{anchoring_name, granularity_name, Entry, Timeline};
use crate::document::Span;
use crate::pipeline::Mode;
use crate::time::{Anchoring, Mod, TimexType};
use serde::Serialize;

/// The `version` field of the JSON output; raised when a field changes meaning or goes away
/// (adding a field does not raise it).
pub const JSON_VERSION: u32 = 1;

#[derive(Serialize)]
struct JsonTimeline<'a> {
    version: u32,
    sources: Vec<JsonSource<'a>>,
    entries: Vec<JsonEntry<'a>>,
}

#[derive(Serialize)]
struct JsonSource<'a> {
    path: String,
    mode: Mode,
    dct: Option<&'a str>,
    entries: usize,
}

#[derive(Serialize)]
struct JsonEntry<'a> {
    value: String,
    #[serde(rename = "mod")]
    modifier: Option<Mod>,
    #[serde(rename = "type")]
    ttype: TimexType,
    granularity: &'static str,
    start: String,
    end: String,
    text: &'a str,
    sentence: &'a str,
    source: String,
    span: Span,
    sentence_span: Span,
    anchoring: Anchoring,
    confidence: f32,
}

/// The timeline as pretty-printed JSON, ending with a newline.
pub fn json(timeline: &Timeline) -> String {
    let doc = JsonTimeline {
        version: JSON_VERSION,
        sources: timeline
            .sources
            .iter()
            .enumerate()
            .map(|(i, s)| JsonSource {
                path: s.name(),
                mode: s.mode,
                dct: s.dct.as_deref(),
                entries: timeline.entries.iter().filter(|e| e.source == i).count(),
            })
            .collect(),
        entries: timeline
            .entries
            .iter()
            .map(|e| JsonEntry {
                value: e.value(),
                modifier: e.modifier,
                ttype: e.ttype,
                granularity: granularity_name(e.granularity()),
                start: e.interval.start_date().to_string(),
                end: e.interval.end_date().to_string(),
                text: &e.text,
                sentence: &e.sentence,
                source: timeline.source_name(e),
                span: e.span,
                sentence_span: e.sentence_span,
                anchoring: e.anchoring,
                confidence: e.confidence,
            })
            .collect(),
    };
    let mut s = serde_json::to_string_pretty(&doc).expect("serialising plain data");
    s.push('\n');
    s
}

/// Column names of the CSV output, in order (the fields of the JSON entries, flattened).
pub const CSV_HEADER: [&str; 15] = [
    "value",
    "mod",
    "type",
    "granularity",
    "start",
    "end",
    "text",
    "sentence",
    "source",
    "span_start",
    "span_end",
    "sentence_start",
    "sentence_end",
    "anchoring",
    "confidence",
];

/// One CSV record, matching [`CSV_HEADER`]; an absent mod is an empty field.
pub fn csv_record(timeline: &Timeline, e: &Entry) -> [String; 15] {
    [
        e.value(),
        e.modifier
            .map(|m| m.as_str().to_string())
            .unwrap_or_default(),
        e.ttype.as_str().to_string(),
        granularity_name(e.granularity()).to_string(),
        e.interval.start_date().to_string(),
        e.interval.end_date().to_string(),
        e.text.clone(),
        e.sentence.clone(),
        timeline.source_name(e),
        e.span.start.to_string(),
        e.span.end.to_string(),
        e.sentence_span.start.to_string(),
        e.sentence_span.end.to_string(),
        anchoring_name(e.anchoring).to_string(),
        e.confidence.to_string(),
    ]
}

/// The cells of the table and Markdown outputs; the source only when there are several.
fn rows(timeline: &Timeline) -> (Vec<&'static str>, Vec<Vec<String>>) {
    let with_source = timeline.sources.len() > 1;
    let mut header = vec!["DATE", "TEXT"];
    if with_source {
        header.push("SOURCE");
    }
    header.push("SENTENCE");
    let rows = timeline
        .entries
        .iter()
        .map(|e| {
            let mut row = vec![e.label(), e.text.clone()];
            if with_source {
                row.push(timeline.source_name(e));
            }
            row.push(e.sentence.clone());
            row
        })
        .collect();
    (header, rows)
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
const GAP: &str = "  ";

/// A plain-text table. With `width` (a terminal's), every column but the date wraps so that a
/// line fits; without it (output piped to a file or another program) each entry is one line.
/// Widths count characters, which is right for the scripts these texts are written in but not
/// for wide (CJK) characters.
pub fn table(timeline: &Timeline, width: Option<usize>) -> String {
    let (header, rows) = rows(timeline);
    let ncols = header.len();
    let mut widths: Vec<usize> = header.iter().map(|h| chars(h)).collect();
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(chars(cell));
        }
    }
    if let Some(total) = width {
        for w in &mut widths[1..ncols - 1] {
            *w = (*w).min(MAX_SIDE_WIDTH);
        }
        let used: usize = widths[..ncols - 1].iter().sum::<usize>() + GAP.len() * (ncols - 1);
        widths[ncols - 1] = total.saturating_sub(used).max(MIN_SENTENCE_WIDTH);
    }
    let mut out = String::new();
    let header_row: Vec<String> = header.iter().map(|h| h.to_string()).collect();
    for row in std::iter::once(&header_row).chain(&rows) {
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
                text.push_str(cell);
                if i + 1 < ncols {
                    let pad = widths[i].saturating_sub(chars(cell));
                    text.push_str(&" ".repeat(pad));
                    text.push_str(GAP);
                }
            }
            out.push_str(text.trim_end());
            out.push('\n');
        }
    }
    out
}

fn markdown_cell(s: &str) -> String {
    s.replace('\\', "\\\\").replace('|', "\\|")
}

/// A GitHub-flavoured Markdown table.
pub fn markdown(timeline: &Timeline) -> String {
    let (header, rows) = rows(timeline);
    let mut out = String::new();
    let titled: Vec<String> = header
        .iter()
        .map(|h| {
            let mut c = h.chars();
            c.next()
                .map(|f| f.to_string() + &c.as_str().to_lowercase())
                .unwrap_or_default()
        })
        .collect();
    out.push_str(&format!("| {} |\n", titled.join(" | ")));
    out.push_str(&format!("|{}\n", "---|".repeat(header.len())));
    for row in rows {
        let cells: Vec<String> = row.iter().map(|c| markdown_cell(c)).collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    out
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
        assert!(plain.starts_with("DATE     TEXT        SENTENCE\n1920-04  April 1920  In April"));
    }

    #[test]
    fn markdown_escapes_pipes() {
        let t = timeline("In 1920 a | b.");
        let md = markdown(&t);
        assert!(
            md.starts_with("| Date | Text | Sentence |\n|---|---|---|\n"),
            "{md}"
        );
        assert!(md.contains("a \\| b."), "{md}");
    }

    #[test]
    fn json_and_csv_fields() {
        let t = timeline("The treaty was signed in March 1921.");
        let v: serde_json::Value = serde_json::from_str(&json(&t)).unwrap();
        assert_eq!(v["version"], 1);
        let e = &v["entries"][0];
        assert_eq!(e["value"], "1921-03");
        assert_eq!(e["mod"], serde_json::Value::Null);
        assert_eq!(e["type"], "DATE");
        assert_eq!(e["granularity"], "month");
        assert_eq!(e["start"], "1921-03-01");
        assert_eq!(e["end"], "1921-04-01");
        assert_eq!(e["anchoring"], "explicit");
        assert_eq!(e["confidence"], 0.9);
        assert_eq!(e["span"]["start"], 25);
        assert_eq!(e["text"], "March 1921");
        assert_eq!(v["sources"][0]["mode"], "narrative");
        let rec = csv_record(&t, &t.entries[0]);
        assert_eq!(rec.len(), CSV_HEADER.len());
        assert_eq!(rec[0], "1921-03");
        assert_eq!(rec[14], "0.9");
    }
}
