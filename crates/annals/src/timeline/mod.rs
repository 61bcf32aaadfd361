//! The timeline: what happened in one or more documents, in calendar order, with who took
//! part, where, and the sentence that says so.
//!
//! An entry is a happening: the events of a sentence that share a time (see
//! [`crate::event::anchor`]), headed by the event that best names it ("occupied"), with a
//! short summary (its clause), the people and organisations (actors) and places of its sentence,
//! its date, granularity and mod, and its source. Sentences without a time of their own inherit
//! the story's reference time at a lower confidence; time expressions that govern no event still
//! give an entry, so no date is lost. Entries that tell the same event (same date and head
//! lemma, sharing a participant) are merged, keeping every source ([`Entry::also`]).
//!
//! ```
//! use annals::timeline::Timeline;
//!
//! let timeline = Timeline::from_text("Rasht fell on 4 June 1920. In April 1920 Gilan had risen.")
//!     .unwrap();
//! let values: Vec<String> = timeline.entries.iter().map(|e| e.value()).collect();
//! assert_eq!(values, ["1920-04", "1920-06-04"]);
//! ```

pub mod build;
pub mod confidence;
pub mod excerpt;
mod explain;
pub mod export;
mod happening;
pub mod interval;
mod range;
pub mod render;
pub mod spill;

use crate::document::{Document, Span};
use crate::event::anchor::{How, RelationKind};
use crate::event::EventClass;
use crate::pipeline::{Analysis, Mode};
use crate::time::{Anchoring, Date, Granularity, Mod, Timex, TimexType, Value};
use serde::Serialize;
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

/// An event word of an entry.
#[derive(Clone, Debug, PartialEq, Serialize, serde::Deserialize)]
pub struct EventRef {
    /// As written.
    pub text: String,
    pub lemma: String,
    pub class: EventClass,
    pub span: Span,
}

/// A person, organisation or place taking part in an entry.
#[derive(Clone, Debug, PartialEq, Serialize, serde::Deserialize)]
pub struct Participant {
    /// The entity's name (its alias cluster's canonical name, or the authority file's).
    pub name: String,
    /// As written in this entry's sentence.
    pub text: String,
    /// PER, ORG or LOC.
    #[serde(rename = "type")]
    pub etype: crate::entity::ner::EntityType,
    /// Latitude and longitude of a place the gazetteer or authority file knows (null
    /// otherwise; always written, as the spill files' encoding needs every field).
    pub coordinates: Option<(f64, f64)>,
}

/// "This happened after/before that event", from a signal in the sentence.
#[derive(Clone, Debug, PartialEq, Serialize, serde::Deserialize)]
pub struct Ordering {
    pub kind: RelationKind,
    /// The other event's word.
    pub event: String,
    /// The signal as written ("on the eve of").
    pub signal: String,
}

/// Another place in the sources that tells the same event (see [`Timeline::merge`]).
#[derive(Clone, Debug, PartialEq, Serialize, serde::Deserialize)]
pub struct Mention {
    /// Index into [`Timeline::sources`].
    pub source: usize,
    pub span: Span,
    pub sentence_span: Span,
    pub sentence: String,
}

/// One happening.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Entry {
    /// The TIMEX3 value (always placeable: see [`interval::of_date`]); for a range, its start.
    pub date: Date,
    /// The last value of a range the entry is dated by ("July 1-3, 1863": 1863-07-03), whose
    /// days `interval` covers from `date` on.
    #[serde(default)]
    pub range: Option<Date>,
    /// The time expression's mod, or BEFORE/AFTER for an event dated by what it preceded or
    /// followed ("Following the withdrawal in July 1921, …": AFTER 1921-07).
    pub modifier: Option<Mod>,
    /// DATE or TIME.
    pub ttype: TimexType,
    /// The days the value (narrowed by its mod) covers; the sort key.
    pub interval: Interval,
    /// The time expression it was dated by, as written.
    pub text: String,
    /// Byte span of that expression (in an earlier sentence when inherited).
    pub time_span: Span,
    /// The event that heads the entry, if the sentence has events.
    pub event: Option<EventRef>,
    /// Every event word of the entry, in text order.
    pub events: Vec<EventRef>,
    /// The clause of the head event, trimmed (the sentence excerpt when there is no event).
    pub summary: String,
    /// People and organisations of the sentence.
    pub actors: Vec<Participant>,
    /// Places of the sentence.
    pub places: Vec<Participant>,
    pub ordering: Option<Ordering>,
    /// The sentence, whitespace collapsed and shortened (see [`excerpt`]).
    pub sentence: String,
    /// Index into [`Timeline::sources`].
    pub source: usize,
    /// Byte span of the head event (of the time expression when there is none).
    pub span: Span,
    /// Byte span of the whole sentence (not shortened).
    pub sentence_span: Span,
    pub anchoring: Anchoring,
    /// How the events got the time; `None` for an entry without events.
    pub how: Option<How>,
    /// 0–1: the calibrated probability that the date is right (see [`confidence`]).
    pub confidence: f32,
    /// Why the entry has its date, in words: its own clause, the story line at that point, a
    /// heading's range, a calendar rule.
    #[serde(default)]
    pub explain: Option<String>,
    /// Sentences between the entry's sentence and the one its date is written in (0: its own).
    #[serde(default)]
    pub distance: u32,
    /// Whether a paragraph break lies between the entry and its written date.
    #[serde(default)]
    pub paragraph_break: bool,
    /// Whether it reports a happening (see `happening`): only those are entries unless every
    /// dated sentence is asked for (`--all`).
    #[serde(default = "yes")]
    pub happening: bool,
    /// Other mentions of the same event, merged into this entry (at most
    /// [`build::MAX_ALSO`]).
    pub also: Vec<Mention>,
    /// How many places in the sources tell this event: 1, plus every merged mention (also
    /// those beyond the ones listed in `also`).
    pub mentions: usize,
}

impl Entry {
    /// The TimeML value string: `1920-06-04`, `1919-FA`, `192`, `BC0044`.
    pub fn value(&self) -> String {
        self.date.to_string()
    }

    pub fn granularity(&self) -> Granularity {
        self.date.granularity()
    }

    /// The value with its mod, as a reader sees it: `1920 START`, `1919-FA`, and a range as
    /// ISO 8601 writes intervals: `1863-07-01/1863-07-03`.
    pub fn label(&self) -> String {
        let value = match self.range {
            Some(last) => format!("{}/{}", self.date, last),
            None => self.date.to_string(),
        };
        match self.modifier {
            Some(m) => format!("{value} {}", m.as_str()),
            None => value,
        }
    }

    /// Calendar order; among the same days, BEFORE entries first and AFTER entries last, then
    /// document order, sources in the order given.
    pub fn order_key(&self) -> (i32, i32, u8, usize, usize) {
        let (start, end) = self.interval.sort_key();
        let rank = match self.modifier {
            Some(Mod::Before | Mod::OnOrBefore) => 0,
            Some(Mod::After | Mod::OnOrAfter) => 2,
            _ => 1,
        };
        (start, end, rank, self.source, self.span.start)
    }

    /// Whether `name` (case-insensitive) is part of an actor's name or of how it is written.
    pub fn has_actor(&self, name: &str) -> bool {
        matches_participant(&self.actors, name)
    }

    /// Whether `name` (case-insensitive) is part of a place's name or of how it is written.
    pub fn has_place(&self, name: &str) -> bool {
        matches_participant(&self.places, name)
    }

    /// Every source this entry is told in: its own first, then merged ones.
    pub fn sources(&self) -> impl Iterator<Item = usize> + '_ {
        std::iter::once(self.source).chain(self.also.iter().map(|m| m.source))
    }
}

fn matches_participant(list: &[Participant], name: &str) -> bool {
    let needle = name.to_lowercase();
    list.iter()
        .any(|p| p.name.to_lowercase().contains(&needle) || p.text.to_lowercase().contains(&needle))
}

fn yes() -> bool {
    true
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
        let analysis =
            crate::pipeline::Pipeline::new().analyse(&doc, &crate::pipeline::TagOptions::full())?;
        Ok(Timeline::from_document(&doc, &analysis))
    }

    /// The timeline of one analysed document: its happenings. Analyse it with events and
    /// entities ([`crate::pipeline::TagOptions::full`]); without them entries are dated sentences
    /// only.
    pub fn from_document(doc: &Document, analysis: &Analysis) -> Timeline {
        let mut t = Timeline::from_document_all(doc, analysis);
        t.entries.retain(|e| e.happening);
        t
    }

    /// [`Timeline::from_document_all`] when `all` is asked for (`--all`), else
    /// [`Timeline::from_document`].
    pub fn of_document(doc: &Document, analysis: &Analysis, all: bool) -> Timeline {
        if all {
            Timeline::from_document_all(doc, analysis)
        } else {
            Timeline::from_document(doc, analysis)
        }
    }

    /// The timeline of one analysed document with an entry for every dated sentence, whether it
    /// reports a happening or not (`annals timeline --all`).
    pub fn from_document_all(doc: &Document, analysis: &Analysis) -> Timeline {
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
        self.entries.extend(build::entries(doc, analysis, source));
        self.sort();
        build::merge_duplicates(&mut self.entries);
    }

    /// One timeline from several, sources in the order given. Timelines built in parallel (one
    /// per document) are merged with this; entries telling the same event are joined.
    pub fn merge(parts: impl IntoIterator<Item = Timeline>) -> Timeline {
        let mut out = Timeline::new();
        for part in parts {
            let offset = out.sources.len();
            out.sources.extend(part.sources);
            out.entries.extend(part.entries.into_iter().map(|mut e| {
                e.source += offset;
                for m in &mut e.also {
                    m.source += offset;
                }
                e
            }));
        }
        out.sort();
        build::merge_duplicates(&mut out.entries);
        out
    }

    /// Keep only the entries with an actor matching `name` (see [`Entry::has_actor`]).
    pub fn retain_actor(&mut self, name: &str) {
        self.entries.retain(|e| e.has_actor(name));
    }

    /// Keep only the entries with a place matching `name` (see [`Entry::has_place`]).
    pub fn retain_place(&mut self, name: &str) {
        self.entries.retain(|e| e.has_place(name));
    }

    /// Keep only the entries at least this confident.
    pub fn retain_confidence(&mut self, min: f32) {
        self.entries.retain(|e| e.confidence >= min);
    }

    /// Keep only the entries whose interval overlaps `range`.
    pub fn retain_range(&mut self, range: &DateRange) {
        self.entries.retain(|e| range.overlaps(&e.interval));
    }

    /// The name of an entry's source.
    pub fn source_name(&self, entry: &Entry) -> String {
        self.name_of(entry.source)
    }

    /// The name of source `index`.
    pub fn name_of(&self, index: usize) -> String {
        self.sources
            .get(index)
            .map_or_else(|| "?".to_string(), Source::name)
    }

    fn sort(&mut self) {
        self.entries.sort_by_key(Entry::order_key);
    }
}

/// Whether a time expression can be placed on the calendar: a DATE or TIME with a known year
/// (or decade, century). Durations, sets and `PRESENT_REF` name no point in the story.
pub fn is_placeable(t: &Timex) -> bool {
    matches!(t.ttype, TimexType::Date | TimexType::Time)
        && matches!(&t.value, Value::Date(d) if interval::of_value(d, t.modifier).is_some())
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::{Pipeline, TagOptions};

    fn timeline(text: &str) -> Timeline {
        Timeline::from_text(text).unwrap()
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
