//! The `Pipeline` wires the stages together; the CLI (and later the server and bindings) call it.

use crate::document::{Document, Span, Tag};
use crate::entity::authority::Authority;
use crate::entity::mentions::EntityCluster;
use crate::event::anchor::EventTime;
use crate::event::{Event, EventTagger};
use crate::tagging::{PosTagger, Upos};
use crate::text::{self, Segmented};
use crate::time::{self, Timex};
use serde::Serialize;
use std::sync::Arc;

/// How underspecified and relative times are anchored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// Against the document creation time (newswire).
    News,
    /// Against the most recent explicit date in the story; the document date only as a fallback.
    #[default]
    Narrative,
}

/// Options for temporal tagging.
#[derive(Clone, Debug, Default)]
pub struct TagOptions {
    /// Anchoring mode; when `None`, news if the document has a creation time, else narrative.
    pub mode: Option<Mode>,
    /// Document creation time (`YYYY-MM-DD`), overriding one read from the input.
    pub dct: Option<String>,
    /// Treat unmarked day dates before this Gregorian day (`YYYY-MM-DD`) as Julian (Old Style),
    /// as Russian sources before 1918-02-14 do.
    pub julian_until: Option<String>,
    /// Whether unmarked day dates may be read as Old Style from the document's context.
    pub old_style: time::OldStyle,
    /// Also find events (and anchor them in time).
    pub events: bool,
    /// Also find people, places and organisations.
    pub entities: bool,
    /// An event model to use instead of the bundled one.
    pub event_model: Option<Arc<EventTagger>>,
    /// Names and places that override the entity stage's guesses (see `entity::authority`).
    pub authority: Option<Arc<Authority>>,
    /// Whether to read OCR misreadings (long s as f, words split at line ends) as their words
    /// (see `text::ocr`). Spans stay byte offsets into the original text either way.
    pub ocr: text::ocr::OcrMode,
}

impl TagOptions {
    /// Every stage: time, events and entities, as a timeline needs.
    pub fn full() -> TagOptions {
        TagOptions {
            events: true,
            entities: true,
            ..TagOptions::default()
        }
    }
}

/// The result of running the pipeline over one document.
#[derive(Clone, Debug)]
pub struct Analysis {
    pub segmented: Segmented,
    pub timexes: Vec<Timex>,
    pub mode: Mode,
    pub dct: Option<String>,
    /// One UPOS tag per token of `segmented` (empty unless events or entities were asked for).
    pub upos: Vec<Upos>,
    /// Events in text order (empty unless asked for).
    pub events: Vec<Event>,
    /// The time of each event, in step with `events`.
    pub event_times: Vec<EventTime>,
    /// People, places and organisations (empty unless asked for).
    pub entities: Vec<EntityCluster>,
}

impl Analysis {
    /// TIMEX3 tags numbered t1, t2, … in text order, ready for a TimeML writer: each timex as
    /// TimeML annotates it in this mode ([`Timex::as_annotated`]).
    pub fn timex_tags(&self) -> Vec<Tag> {
        self.timexes
            .iter()
            .enumerate()
            .map(|(i, t)| t.as_annotated(self.mode).to_tag(i + 1))
            .collect()
    }

    /// EVENT tags numbered e1, e2, … in text order, with their class.
    pub fn event_tags(&self) -> Vec<Tag> {
        self.events
            .iter()
            .enumerate()
            .map(|(i, e)| Tag {
                span: e.span,
                name: "EVENT".to_string(),
                attrs: vec![
                    ("eid".to_string(), format!("e{}", i + 1)),
                    ("class".to_string(), e.class.as_str().to_string()),
                ],
            })
            .collect()
    }

    /// TIMEX3 and EVENT tags together, in text order, for a TimeML writer.
    pub fn tags(&self) -> Vec<Tag> {
        let mut tags = self.timex_tags();
        tags.extend(self.event_tags());
        tags.sort_by_key(|t| (t.span.start, t.span.end));
        tags
    }
}

/// The configured pipeline. Rule tables are compiled once, process-wide, on first use.
#[derive(Clone, Debug, Default)]
pub struct Pipeline {}

impl Pipeline {
    pub fn new() -> Pipeline {
        Pipeline {}
    }

    pub fn analyse(&self, doc: &Document, opts: &TagOptions) -> crate::Result<Analysis> {
        let dct = opts.dct.clone().or_else(|| doc.dct.clone());
        let mode = opts.mode.unwrap_or(if dct.is_some() {
            Mode::News
        } else {
            Mode::Narrative
        });
        let dct_date = match &dct {
            Some(s) => Some(time::parse_dct(s)?),
            None => None,
        };
        let julian_until = match &opts.julian_until {
            Some(s) => Some(time::parse_dct(s)?),
            None => None,
        };
        // Every stage reads the repaired copy, which has the original's length and offsets.
        let repaired = text::ocr::repair(&doc.text, opts.ocr);
        let text: &str = &repaired.text;
        let segmented = text::segment(text);
        let timexes = time::tag_with(
            text,
            &segmented,
            &time::Config {
                mode,
                dct: dct_date,
                julian_until,
                old_style: opts.old_style,
                julian_reason: None,
            },
        );
        let times: Vec<Span> = timexes.iter().map(|t| t.span).collect();
        // Part-of-speech tags once, for every stage that needs them.
        let upos = if opts.events || opts.entities {
            PosTagger::bundled().tag_segmented(text, &segmented)
        } else {
            Vec::new()
        };
        let (events, mut event_times) = if opts.events {
            let tagger = opts
                .event_model
                .as_deref()
                .unwrap_or_else(|| EventTagger::bundled());
            let mut events = tagger.tag_document(text, &segmented, &upos, &times);
            crate::event::anchor::add_signal_objects(
                text,
                &segmented,
                &upos,
                &times,
                &mut events,
                tagger,
            );
            let event_times = crate::event::anchor::anchor_events(
                text,
                &segmented,
                &upos,
                &events,
                &timexes,
                crate::timeline::is_placeable,
            );
            (events, event_times)
        } else {
            Default::default()
        };
        let entities = if opts.entities {
            // The document's era chooses between a name's ancient and modern places.
            let years = timexes.iter().filter_map(|t| t.value.full_year()).collect();
            crate::entity::mentions::entities_with(
                text,
                &segmented,
                &times,
                opts.authority.as_deref(),
                Some(&upos),
                crate::entity::gazetteer::Era::of_years(years),
            )
        } else {
            Vec::new()
        };
        if opts.events && opts.entities {
            crate::event::people::date_by_people(
                text,
                &segmented,
                &timexes,
                &events,
                &mut event_times,
                &entities,
            );
        }
        if opts.events {
            crate::event::named::date_by_named_happenings(
                text,
                &segmented,
                &timexes,
                &events,
                &mut event_times,
            );
        }
        let mut analysis = Analysis {
            segmented,
            timexes,
            mode,
            dct,
            upos,
            events,
            event_times,
            entities,
        };
        if !repaired.joins.is_empty() {
            restore_spans(&mut analysis, &repaired);
        }
        Ok(analysis)
    }
}

/// Stretch every span that ends inside a word joined across a line end ("Carolina" read from
/// "Caro¬\nlina") to the word's end in the original text, so that spans slice the original.
fn restore_spans(a: &mut Analysis, repaired: &text::ocr::Repaired<'_>) {
    let fix = |span: &mut Span| span.end = repaired.original_end(span.end);
    a.segmented.tokens.iter_mut().for_each(|t| fix(&mut t.span));
    a.segmented
        .sentences
        .iter_mut()
        .for_each(|s| fix(&mut s.span));
    for t in &mut a.timexes {
        fix(&mut t.span);
        if let Some((span, _)) = &mut t.amount {
            fix(span);
        }
    }
    a.events.iter_mut().for_each(|e| fix(&mut e.span));
    for c in &mut a.entities {
        c.mentions.iter_mut().for_each(|m| fix(&mut m.span));
    }
}
