//! The timeline: the dated statements of one or more documents, in calendar order.
//!
//! This first version dates *sentences*, not events: every DATE or TIME expression whose value
//! can be placed on the calendar (a known year, or a decade or century) gives one entry holding
//! the value, the expression and the sentence it is in. Durations, sets, `PRESENT_REF` and values
//! with an unknown year are left out because they name no point in the story. Event detection,
//! actors and places (issue 5) will refine entries later without changing how they are sorted.
//!
//! ```
//! use annals::pipeline::{Pipeline, TagOptions};
//! use annals::timeline::Timeline;
//! use annals::Document;
//!
//! let doc = Document::from_text("Rasht fell on 4 June 1920. In April 1920 Gilan had risen.");
//! let analysis = Pipeline::new().analyse(&doc, &TagOptions::default()).unwrap();
//! let timeline = Timeline::from_document(&doc, &analysis);
//! let values: Vec<String> = timeline.entries.iter().map(|e| e.value()).collect();
//! assert_eq!(values, ["1920-04", "1920-06-04"]);
//! ```

pub mod excerpt;
pub mod interval;
pub mod render;

use crate::document::{Document, Span};
use crate::pipeline::{Analysis, Mode};
use crate::time::{Anchoring, Date, Granularity, Mod, TimexType, Value};
use std::collections::HashMap;
use std::path::PathBuf;

pub use interval::{DateRange, Interval};

/// A document a timeline was built from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    /// As given (`-` for standard input).
    pub path: PathBuf,
    /// How its relative dates were anchored.
    pub mode: Mode,
    /// Its document creation time, if it had one.
    pub dct: Option<String>,
}

impl Source {
    /// The name entries show for their source: the path as given.
    pub fn name(&self) -> String {
        self.path.display().to_string()
    }
}

/// One dated statement.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// The TIMEX3 value (always placeable: see [`interval::of_date`]).
    pub date: Date,
    pub modifier: Option<Mod>,
    /// DATE or TIME.
    pub ttype: TimexType,
    /// The days the value (narrowed by its mod) covers; the sort key.
    pub interval: Interval,
    /// The time expression as written.
    pub text: String,
    /// The sentence containing it, whitespace collapsed and shortened (see [`excerpt`]).
    pub sentence: String,
    /// Index into [`Timeline::sources`].
    pub source: usize,
    /// Byte span of the time expression in the source's [`Document::text`].
    pub span: Span,
    /// Byte span of the whole sentence (not shortened).
    pub sentence_span: Span,
    pub anchoring: Anchoring,
    /// 0–1: how far to trust the date (see [`confidence`]).
    pub confidence: f32,
}

impl Entry {
    /// The TimeML value string: `1920-06-04`, `1919-FA`, `192`, `BC0044`.
    pub fn value(&self) -> String {
        self.date.to_string()
    }

    pub fn granularity(&self) -> Granularity {
        self.date.granularity()
    }

    /// The value with its mod, as a reader sees it: `1920 START`, `1919-FA`.
    pub fn label(&self) -> String {
        match self.modifier {
            Some(m) => format!("{} {}", self.date, m.as_str()),
            None => self.date.to_string(),
        }
    }

    /// Calendar order; ties (the same days) keep document order, sources in the order given.
    fn order_key(&self) -> (i32, i32, usize, usize) {
        let (start, end) = self.interval.sort_key();
        (start, end, self.source, self.span.start)
    }
}

/// Entries from one or more documents, sorted by [`Interval::sort_key`] then document order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Timeline {
    pub sources: Vec<Source>,
    pub entries: Vec<Entry>,
}

impl Timeline {
    pub fn new() -> Timeline {
        Timeline::default()
    }

    /// The timeline of a plain text with the default tagging options (narrative mode, no
    /// document date): a shortcut for scripts and tests.
    pub fn from_text(text: &str) -> crate::Result<Timeline> {
        let doc = Document::from_text(text);
        let analysis = crate::pipeline::Pipeline::new()
            .analyse(&doc, &crate::pipeline::TagOptions::default())?;
        Ok(Timeline::from_document(&doc, &analysis))
    }

    /// The timeline of one analysed document.
    pub fn from_document(doc: &Document, analysis: &Analysis) -> Timeline {
        let mut t = Timeline::new();
        t.add_document(doc, analysis);
        t
    }

    /// Add a document's entries, keeping the timeline sorted.
    pub fn add_document(&mut self, doc: &Document, analysis: &Analysis) {
        let source = self.sources.len();
        self.sources.push(Source {
            path: doc.path.clone(),
            mode: analysis.mode,
            dct: analysis.dct.clone(),
        });
        self.entries.extend(entries(doc, analysis, source));
        self.sort();
    }

    /// One timeline from several, sources in the order given. Timelines built in parallel (one
    /// per document) are merged with this.
    pub fn merge(parts: impl IntoIterator<Item = Timeline>) -> Timeline {
        let mut out = Timeline::new();
        for part in parts {
            let offset = out.sources.len();
            out.sources.extend(part.sources);
            out.entries.extend(part.entries.into_iter().map(|mut e| {
                e.source += offset;
                e
            }));
        }
        out.sort();
        out
    }

    /// Keep only the entries whose interval overlaps `range`.
    pub fn retain_range(&mut self, range: &DateRange) {
        self.entries.retain(|e| range.overlaps(&e.interval));
    }

    /// The name of an entry's source.
    pub fn source_name(&self, entry: &Entry) -> String {
        self.sources
            .get(entry.source)
            .map_or_else(|| "?".to_string(), Source::name)
    }

    fn sort(&mut self) {
        self.entries.sort_by_key(Entry::order_key);
    }
}

/// How far to trust an entry's date, from how it was obtained and how vague its mod is.
///
/// A date written in full is not certain to be the date of what the sentence tells (the
/// sentence may mention it in passing), hence 0.9 rather than 1. Dates computed from the story
/// ("three days later") inherit any error in the reference date; dates from the document date
/// are the weakest guess in a history text. START/MID/END are vague by a third; APPROX, BEFORE,
/// AFTER and the like say the date is not the one named.
pub fn confidence(anchoring: Anchoring, modifier: Option<Mod>) -> f32 {
    let base: u8 = match anchoring {
        Anchoring::Explicit => 90,
        Anchoring::Story => 70,
        Anchoring::DocumentDate => 60,
        Anchoring::Unanchored => 50,
    };
    let penalty: u8 = match modifier {
        None => 0,
        Some(Mod::Start | Mod::Mid | Mod::End) => 10,
        Some(_) => 20,
    };
    // Computed in hundredths so that the printed figures are exactly 0.9, 0.7, …
    f32::from(base - penalty) / 100.0
}

/// The name JSON and CSV use for a granularity.
pub fn granularity_name(g: Granularity) -> &'static str {
    match g {
        Granularity::Century => "century",
        Granularity::Decade => "decade",
        Granularity::Year => "year",
        Granularity::Season => "season",
        Granularity::Month => "month",
        Granularity::Week => "week",
        Granularity::Day => "day",
        Granularity::Time => "time",
    }
}

/// The name JSON and CSV use for how a value was anchored (as `time::Anchoring` serialises).
pub fn anchoring_name(a: Anchoring) -> &'static str {
    match a {
        Anchoring::Explicit => "explicit",
        Anchoring::Story => "story",
        Anchoring::DocumentDate => "document_date",
        Anchoring::Unanchored => "unanchored",
    }
}

/// The entries of one analysed document, in document order, for source index `source`.
///
/// Several expressions with the same value and mod in one sentence ("on 1 June … that 1 June")
/// make one entry, at the first of them, with the higher confidence.
pub fn entries(doc: &Document, analysis: &Analysis, source: usize) -> Vec<Entry> {
    let mut out: Vec<Entry> = Vec::new();
    let mut seen: HashMap<(usize, Date, Option<Mod>), usize> = HashMap::new();
    for t in &analysis.timexes {
        if !matches!(t.ttype, TimexType::Date | TimexType::Time) {
            continue;
        }
        let Value::Date(date) = t.value else { continue };
        let Some(interval) = interval::of_value(&date, t.modifier) else {
            continue;
        };
        let Some(text) = doc.text.get(t.span.start..t.span.end) else {
            continue;
        };
        // An expression outside every sentence (which the segmenter should not produce) is its
        // own sentence rather than being dropped.
        let sentence_span = analysis
            .segmented
            .sentence_at(t.span.start)
            .map_or(t.span, |s| s.span);
        let confidence = confidence(t.anchoring, t.modifier);
        let key = (sentence_span.start, date, t.modifier);
        if let Some(&i) = seen.get(&key) {
            let kept = &mut out[i];
            if confidence > kept.confidence {
                kept.confidence = confidence;
                kept.anchoring = t.anchoring;
            }
            continue;
        }
        seen.insert(key, out.len());
        out.push(Entry {
            date,
            modifier: t.modifier,
            ttype: t.ttype,
            interval,
            text: text.split_whitespace().collect::<Vec<_>>().join(" "),
            sentence: excerpt::excerpt(&doc.text, sentence_span, t.span, excerpt::MAX_CHARS),
            source,
            span: t.span,
            sentence_span,
            anchoring: t.anchoring,
            confidence,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::{Pipeline, TagOptions};

    fn timeline(text: &str) -> Timeline {
        Timeline::from_text(text).unwrap()
    }

    #[test]
    fn confidences() {
        assert_eq!(confidence(Anchoring::Explicit, None), 0.9);
        assert_eq!(confidence(Anchoring::Story, None), 0.7);
        assert_eq!(confidence(Anchoring::DocumentDate, None), 0.6);
        assert_eq!(confidence(Anchoring::Explicit, Some(Mod::Start)), 0.8);
        assert_eq!(confidence(Anchoring::Explicit, Some(Mod::Approx)), 0.7);
    }

    #[test]
    fn skips_what_cannot_be_placed() {
        let t = timeline("It lasted three days. Now it is over. Every year they remember it.");
        assert!(t.entries.is_empty(), "{:?}", t.entries);
    }

    #[test]
    fn merges_the_same_value_within_a_sentence() {
        let t = timeline(
            "On 4 June 1920, yes on 4 June 1920, Rasht fell. On 4 June 1920 Tehran heard.",
        );
        assert_eq!(t.entries.len(), 2, "{:?}", t.entries);
        assert!(t.entries[0].sentence.contains("Rasht"));
        assert!(t.entries[1].sentence.contains("Tehran"));
    }

    #[test]
    fn merged_sources_keep_their_names() {
        let a = Document {
            path: "a.txt".into(),
            ..Document::from_text("In 1921 the treaty was signed.")
        };
        let b = Document {
            path: "b.txt".into(),
            ..Document::from_text("In 1920 Rasht fell.")
        };
        let p = Pipeline::new();
        let parts = [&a, &b]
            .map(|d| Timeline::from_document(d, &p.analyse(d, &TagOptions::default()).unwrap()));
        let t = Timeline::merge(parts);
        let names: Vec<String> = t.entries.iter().map(|e| t.source_name(e)).collect();
        assert_eq!(names, ["b.txt", "a.txt"]);
        assert_eq!(t.sources.len(), 2);
    }
}
