//! Building a document's entries from its analysis: events grouped by the time that governs
//! them, a head event and summary for each group, the sentence's participants, and the merging
//! of entries that tell the same event.

use super::{excerpt, interval, is_placeable, Entry, EventRef, Mention, Ordering, Participant};
use crate::document::{Document, Span};
use crate::entity::ner::EntityType;
use crate::event::anchor::{clause_starts, How, RelationKind};
use crate::event::{Event, EventClass};
use crate::pipeline::Analysis;
use crate::tagging::Upos;
use crate::text::Segmented;
use crate::time::{Mod, Value};
use std::collections::{HashMap, HashSet};

/// A date without events takes the participants within this many bytes of it.
const PARTICIPANT_REACH: usize = 600;

/// Summaries longer than this many characters are cut at word boundaries around the head event.
const SUMMARY_CHARS: usize = 140;

/// Words that are events only in a weak sense: as the head of an entry, any other event says
/// more ("Trotsky *had* plans" is headed by "plans").
const LIGHT_VERBS: &[&str] = &["be", "have", "do", "get", "make", "take", "become"];

/// A group of events sharing a time within one sentence.
struct Group {
    sentence: usize,
    timex: usize,
    via: Option<RelationKind>,
    events: Vec<usize>,
}

/// One participant mention of the document, flattened from the entity clusters.
struct Found {
    span: Span,
    participant: Participant,
}

/// The entries of one analysed document, in document order, for source index `source`.
pub fn entries(doc: &Document, analysis: &Analysis, source: usize) -> Vec<Entry> {
    let seg = &analysis.segmented;
    let text = &doc.text;
    let breaks = super::explain::ParagraphBreaks::of(text);
    let sentence_of = |at: usize| seg.sentences.partition_point(|s| s.span.end <= at);

    // Events grouped by (sentence, time expression, relation that dates them).
    let mut groups: Vec<Group> = Vec::new();
    let mut index: HashMap<(usize, usize, Option<RelationKind>), usize> = HashMap::new();
    for (e, (event, time)) in analysis
        .events
        .iter()
        .zip(&analysis.event_times)
        .enumerate()
    {
        let Some(timex) = time.timex else { continue };
        let sentence = sentence_of(event.span.start);
        let via = time
            .relation
            .filter(|_| time.via_relation)
            .map(|r| r.kind)
            .or(time.bound);
        let key = (sentence, timex, via);
        let g = *index.entry(key).or_insert_with(|| {
            groups.push(Group {
                sentence,
                timex,
                via,
                events: Vec::new(),
            });
            groups.len() - 1
        });
        groups[g].events.push(e);
    }

    let found = participants(analysis);
    // Groups by sentence, so that nothing below is quadratic in a long document.
    let mut by_sentence: HashMap<usize, Vec<usize>> = HashMap::new();
    for (g, group) in groups.iter().enumerate() {
        by_sentence.entry(group.sentence).or_default().push(g);
    }
    let timex_heads: HashSet<(usize, usize)> =
        groups.iter().map(|g| (g.sentence, g.timex)).collect();
    // Clause starts of each sentence, computed once however many entries it gives.
    let mut clauses: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut assigned = assign_participants(seg, &found, &groups, &by_sentence, &analysis.events);
    let mut out: Vec<Entry> = Vec::new();
    for (g, group) in groups.iter().enumerate() {
        let Some(sentence) = seg.sentences.get(group.sentence) else {
            continue;
        };
        let head = choose_head(&analysis.events, &analysis.event_times, &group.events);
        let t = &analysis.timexes[group.timex];
        let Value::Date(date) = t.value else { continue };
        let modifier = match group.via {
            Some(RelationKind::Before) => Some(Mod::Before),
            Some(RelationKind::After) => Some(Mod::After),
            None => t.modifier,
        };
        let Some(interval) = interval::of_value(&date, modifier) else {
            continue;
        };
        // "Fought July 1-3, 1863", "from 1453 to 1461", a heading's "(413-404 BC)" the story
        // inherits: the entry covers the whole range.
        let (date, range, interval) =
            match super::range::of(text, &analysis.timexes, group.timex, &analysis.segmented) {
                Some((first, last, whole)) if group.via.is_none() => (first, Some(last), whole),
                _ => (date, None, interval),
            };
        let head_event = &analysis.events[head];
        let how = analysis.event_times[head].how;
        // A day the story reached sentences ago, or before a paragraph break, is no longer
        // certain to be the day of what is told now; its month still is (a historian writes
        // "then, in June" rather than repeating "on 4 June").
        let (distance, paragraph_break) =
            super::explain::distance(seg, &breaks, t, sentence.span.start);
        let (date, interval) = match (how, range) {
            (Some(How::Inherited), None) if distance > 1 || paragraph_break => {
                let month = coarser(&date);
                match interval::of_value(&month, modifier) {
                    Some(i) => (month, i),
                    None => (date, interval),
                }
            }
            _ => (date, interval),
        };
        let ordering = analysis.event_times[head].relation.map(|r| Ordering {
            kind: r.kind,
            event: doc.slice(analysis.events[r.event].span).to_string(),
            signal: collapse(doc.slice(r.signal)),
        });
        let (actors, places) = std::mem::take(&mut assigned[g]);
        out.push(Entry {
            date,
            range,
            modifier,
            ttype: t.ttype,
            interval,
            text: collapse(doc.slice(t.span)),
            time_span: t.span,
            event: Some(event_ref(doc, head_event)),
            events: group
                .events
                .iter()
                .map(|&e| event_ref(doc, &analysis.events[e]))
                .collect(),
            summary: summary(
                text,
                seg,
                sentence.tokens.clone(),
                clauses
                    .entry(group.sentence)
                    .or_insert_with(|| clause_starts(text, seg, sentence.tokens.clone())),
                head_event.span,
                t.span,
            ),
            actors,
            places,
            ordering: ordering.clone(),
            sentence: excerpt::excerpt(text, sentence.span, head_event.span, excerpt::MAX_CHARS),
            source,
            span: head_event.span,
            sentence_span: sentence.span,
            anchoring: t.anchoring,
            how,
            // Set from all the entry's evidence once it is built (see `confidence`).
            confidence: 0.0,
            explain: Some(super::explain::explain(
                text,
                t,
                how,
                sentence.span.start,
                (distance, paragraph_break),
                range.as_ref().map(|last| (&date, last)),
                ordering.as_ref().map(|o| {
                    format!(
                        "{} {} (\u{201c}{}\u{201d})",
                        o.kind.as_str(),
                        o.event,
                        o.signal
                    )
                }),
            )),
            distance: distance as u32,
            paragraph_break,
            happening: !how.is_some_and(How::from_outside)
                || group.events.iter().any(|&e| {
                    super::happening::reports_happening(
                        text,
                        seg,
                        &analysis.upos,
                        &analysis.events[e],
                    )
                }),
            also: Vec::new(),
            mentions: 1,
        });
    }

    // Time expressions that head no group in their own sentence still give a (dated sentence)
    // entry, so that no date of the text is lost.
    // The same date written twice in a sentence ("on 4 June 1920, yes on 4 June 1920") is one.
    let mut seen: HashSet<(usize, crate::time::Date, Option<Mod>)> = groups
        .iter()
        .filter_map(|g| {
            let t = &analysis.timexes[g.timex];
            let Value::Date(date) = t.value else {
                return None;
            };
            (g.via.is_none()).then_some((g.sentence, date, t.modifier))
        })
        .collect();
    for (k, t) in analysis.timexes.iter().enumerate() {
        if !is_placeable(t) {
            continue;
        }
        let s = sentence_of(t.span.start);
        // Nor does one end of a range whose other end heads a group: the group's entry covers it.
        let partner = super::range::partner(text, &analysis.timexes, k, seg);
        if timex_heads.contains(&(s, k)) || partner.is_some_and(|p| timex_heads.contains(&(s, p))) {
            continue;
        }
        let Value::Date(date) = t.value else { continue };
        let Some(interval) = interval::of_value(&date, t.modifier) else {
            continue;
        };
        let (date, range, interval) =
            match super::range::of(text, &analysis.timexes, k, &analysis.segmented) {
                Some((first, last, whole)) => (first, Some(last), whole),
                None => (date, None, interval),
            };
        if !seen.insert((s, date, t.modifier)) {
            continue;
        }
        let sentence_span = seg.sentences.get(s).map_or(t.span, |x| x.span);
        // The sentence's participants go to its events' entries when it has any; otherwise
        // those near the date (a bounded window, so a sentence of a million words with many
        // dates stays linear).
        let (actors, places) = if by_sentence.contains_key(&s) {
            (Vec::new(), Vec::new())
        } else {
            let near = Span::new(
                t.span
                    .start
                    .saturating_sub(PARTICIPANT_REACH)
                    .max(sentence_span.start),
                (t.span.end + PARTICIPANT_REACH).min(sentence_span.end),
            );
            participants_within(&found, near)
        };
        let sentence = excerpt::excerpt(text, sentence_span, t.span, excerpt::MAX_CHARS);
        out.push(Entry {
            date,
            range,
            modifier: t.modifier,
            ttype: t.ttype,
            interval,
            text: collapse(doc.slice(t.span)),
            time_span: t.span,
            event: None,
            events: Vec::new(),
            summary: sentence.clone(),
            actors,
            places,
            ordering: None,
            sentence,
            source,
            span: t.span,
            sentence_span,
            anchoring: t.anchoring,
            how: None,
            confidence: 0.0,
            explain: Some(super::explain::explain(
                text,
                t,
                None,
                sentence_span.start,
                (0, false),
                range.as_ref().map(|last| (&date, last)),
                None,
            )),
            distance: 0,
            paragraph_break: false,
            happening: true,
            also: Vec::new(),
            mentions: 1,
        });
    }
    for e in &mut out {
        e.confidence = super::confidence::of(e);
    }
    out.sort_by_key(|e| e.span.start);
    out
}

/// A day (or a time of a day) as the month that holds it; anything coarser as it is.
fn coarser(d: &crate::time::Date) -> crate::time::Date {
    use crate::time::Within;
    match d.within {
        Within::Day(m @ Some(_), _) => crate::time::Date {
            within: Within::Month(m),
            time: None,
            ..*d
        },
        _ => *d,
    }
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn event_ref(doc: &Document, e: &Event) -> EventRef {
    EventRef {
        text: doc.slice(e.span).to_string(),
        lemma: e.lemma.clone(),
        class: e.class,
        span: e.span,
    }
}

/// The event that best names what happened: one in the time expression's own clause before
/// others, and not the object of an ordering signal; then a verb of action, then a noun naming an occurrence, then anything; light verbs
/// ("had") last; ties to the earlier word.
fn choose_head(
    events: &[Event],
    times: &[crate::event::anchor::EventTime],
    group: &[usize],
) -> usize {
    // The object of "after", "on the eve of" … is what the head happened relative to.
    let referenced = |e: usize| {
        group
            .iter()
            .any(|&o| times[o].relation.is_some_and(|r| r.event == e))
    };
    let rank = |e: usize| {
        let ev = &events[e];
        let clause = u8::from(times[e].how != Some(How::Clause)) + u8::from(referenced(e));
        let light = LIGHT_VERBS.contains(&ev.lemma.as_str());
        let kind = match (ev.upos, ev.class) {
            _ if light => 4,
            (
                Upos::Verb,
                EventClass::Occurrence
                | EventClass::Aspectual
                | EventClass::IAction
                | EventClass::Perception,
            ) => 0,
            (Upos::Noun | Upos::Propn, EventClass::Occurrence) => 1,
            (Upos::Verb, _) => 2,
            _ => 3,
        };
        (clause, kind, ev.span.start)
    };
    group
        .iter()
        .copied()
        .min_by_key(|&e| rank(e))
        .unwrap_or(group[0])
}

/// The clause holding the head event, without a time expression it opens with, collapsed and
/// cut to [`SUMMARY_CHARS`] around the head.
fn summary(
    text: &str,
    seg: &Segmented,
    tokens: std::ops::Range<usize>,
    starts: &[usize],
    head: Span,
    time: Span,
) -> String {
    let head_token = seg.tokens.partition_point(|t| t.span.end <= head.start);
    let k = starts
        .partition_point(|&s| s <= head_token)
        .saturating_sub(1);
    let first = starts.get(k).copied().unwrap_or(tokens.start);
    let end = starts.get(k + 1).copied().unwrap_or(tokens.end);
    // Clause tokens without the boundary punctuation that closes it.
    let mut last = end;
    while last > first + 1
        && seg.tokens[last - 1]
            .text(text)
            .chars()
            .all(|c| !c.is_alphanumeric())
    {
        last -= 1;
    }
    let mut start_byte = seg.tokens[first].span.start;
    // "In April 1920, …": the date is shown beside the entry; the summary starts after it.
    // (Only a short lead can be two words: no need to look at a long one.)
    if time.start >= start_byte && time.end <= head.start && time.start - start_byte < 64 {
        let lead = &text[start_byte..time.start];
        if lead.split_whitespace().count() <= 2 {
            start_byte = time.end;
            let rest = &text[start_byte..];
            let skipped = rest.len()
                - rest
                    .trim_start_matches(|c: char| c.is_whitespace() || c == ',')
                    .len();
            start_byte += skipped;
        }
    }
    let end_byte = seg.tokens[last - 1].span.end.max(start_byte);
    if start_byte >= end_byte || head.start < start_byte {
        let whole = Span::new(seg.tokens[first].span.start, end_byte.max(head.end));
        return excerpt::excerpt(text, whole, head, SUMMARY_CHARS);
    }
    excerpt::excerpt(text, Span::new(start_byte, end_byte), head, SUMMARY_CHARS)
}

/// Every entity mention of the document with its entity's name and place, by position.
fn participants(analysis: &Analysis) -> Vec<Found> {
    let mut out: Vec<Found> = analysis
        .entities
        .iter()
        .flat_map(|c| {
            let coordinates = c.place.as_ref().map(|p| (p.lat, p.lon));
            c.mentions.iter().map(move |m| Found {
                span: m.span,
                participant: Participant {
                    name: c.name.clone(),
                    text: collapse(&m.text),
                    etype: c.etype,
                    coordinates: if c.etype == EntityType::Loc {
                        coordinates
                    } else {
                        None
                    },
                },
            })
        })
        .collect();
    out.sort_by_key(|f| f.span.start);
    out
}

/// Actors (PER, ORG, NORP) and places (LOC, FAC) mentioned within `within`, each entity once,
/// in text order.
fn participants_within(found: &[Found], within: Span) -> (Vec<Participant>, Vec<Participant>) {
    let lo = found.partition_point(|f| f.span.start < within.start);
    let mut actors: Vec<Participant> = Vec::new();
    let mut places: Vec<Participant> = Vec::new();
    for f in found[lo..].iter().take_while(|f| f.span.start < within.end) {
        let list = match f.participant.etype {
            EntityType::Loc | EntityType::Fac => &mut places,
            EntityType::Per | EntityType::Org | EntityType::Group => &mut actors,
        };
        if !list.iter().any(|p| p.name == f.participant.name) {
            list.push(f.participant.clone());
        }
    }
    (actors, places)
}

/// Each group's actors and places: every participant mention of a sentence goes to the group
/// owning the event nearest to it (a binary search over the sentence's events), each entity
/// once per group, in text order.
fn assign_participants(
    seg: &Segmented,
    found: &[Found],
    groups: &[Group],
    by_sentence: &HashMap<usize, Vec<usize>>,
    events: &[Event],
) -> Vec<(Vec<Participant>, Vec<Participant>)> {
    let mut out: Vec<(Vec<Participant>, Vec<Participant>)> = vec![Default::default(); groups.len()];
    let mut seen: HashSet<(usize, String)> = HashSet::new();
    let mut sentences: Vec<(&usize, &Vec<usize>)> = by_sentence.iter().collect();
    sentences.sort();
    for (&s, siblings) in sentences {
        let Some(sentence) = seg.sentences.get(s) else {
            continue;
        };
        let mut starts: Vec<(usize, usize)> = siblings
            .iter()
            .flat_map(|&g| {
                groups[g]
                    .events
                    .iter()
                    .map(move |&e| (events[e].span.start, g))
            })
            .collect();
        starts.sort_unstable();
        let lo = found.partition_point(|f| f.span.start < sentence.span.start);
        for f in found[lo..]
            .iter()
            .take_while(|f| f.span.start < sentence.span.end)
        {
            let at = f.span.start;
            let i = starts.partition_point(|&(start, _)| start < at);
            let nearest = [i.checked_sub(1), Some(i)]
                .into_iter()
                .flatten()
                .filter_map(|k| starts.get(k))
                .min_by_key(|&&(start, _)| start.abs_diff(at));
            let Some(&(_, g)) = nearest else { continue };
            if !seen.insert((g, f.participant.name.clone())) {
                continue;
            }
            let (actors, places) = &mut out[g];
            match f.participant.etype {
                EntityType::Loc | EntityType::Fac => places.push(f.participant.clone()),
                EntityType::Per | EntityType::Org | EntityType::Group => {
                    actors.push(f.participant.clone())
                }
            }
        }
    }
    out
}

/// What entries must share to be merged: the head lemma, or for entries without an event
/// (source, sentence start).
type MergeKey = (Option<String>, Option<(usize, usize)>);

/// Join entries (sorted) that tell the same event: the same days, mod and head lemma, and a
/// shared participant unless one of them names none. The first keeps the others as
/// [`Entry::also`], all participants, and the highest confidence. Entries without an event are
/// joined only with one of the same sentence (the same date written twice).
pub fn merge_duplicates(entries: &mut Vec<Entry>) {
    let mut merger = Merger::default();
    for e in entries.drain(..) {
        merger.push(e);
    }
    merger.end();
    *entries = merger.finished.into();
}

/// [`merge_duplicates`] one entry at a time, for sorted streams: memory holds the entries of
/// the current run (entries with the same days, mod and value) after merging, and the
/// finished ones until they are taken.
#[derive(Debug, Default)]
pub(crate) struct Merger {
    run: Vec<Entry>,
    /// Within the run: head lemma (or sentence) → indices into `run`.
    by_key: HashMap<MergeKey, Vec<usize>>,
    pub(crate) finished: std::collections::VecDeque<Entry>,
}

impl Merger {
    pub(crate) fn push(&mut self, e: Entry) {
        let same_run = self.run.first().is_some_and(|first| {
            first.interval == e.interval && first.modifier == e.modifier && first.date == e.date
        });
        if !same_run {
            self.end();
        }
        let key = match &e.event {
            Some(ev) => (Some(ev.lemma.clone()), None),
            None => (None, Some((e.source, e.sentence_span.start))),
        };
        let run = &self.run;
        let target = self.by_key.get(&key).and_then(|list| {
            list.iter()
                .copied()
                .find(|&k| e.event.is_none() || share_participant(&run[k], &e))
        });
        match target {
            Some(k) => absorb(&mut self.run[k], e),
            None => {
                self.by_key.entry(key).or_default().push(self.run.len());
                self.run.push(e);
            }
        }
    }

    /// The current run is complete: move it to `finished`.
    pub(crate) fn end(&mut self) {
        self.finished.extend(self.run.drain(..));
        self.by_key.clear();
    }
}

/// Merged entries list at most this many other mentions; [`Entry::mentions`] counts them all.
/// An event told in thousands of documents of an archive would otherwise carry thousands of
/// sentences.
pub const MAX_ALSO: usize = 100;

fn share_participant(a: &Entry, b: &Entry) -> bool {
    let names = |e: &Entry| -> Vec<String> {
        e.actors
            .iter()
            .chain(&e.places)
            .map(|p| p.name.clone())
            .collect()
    };
    let (na, nb) = (names(a), names(b));
    na.is_empty() || nb.is_empty() || na.iter().any(|n| nb.contains(n))
}

fn absorb(into: &mut Entry, e: Entry) {
    let same_sentence = into.source == e.source && into.sentence_span == e.sentence_span;
    if !same_sentence {
        into.mentions += e.mentions;
        if into.also.len() < MAX_ALSO {
            into.also.push(Mention {
                source: e.source,
                span: e.span,
                sentence_span: e.sentence_span,
                sentence: e.sentence,
            });
        }
        let room = MAX_ALSO - into.also.len();
        into.also.extend(e.also.into_iter().take(room));
    }
    for p in e.actors {
        if !into.actors.iter().any(|q| q.name == p.name) {
            into.actors.push(p);
        }
    }
    for p in e.places {
        if !into.places.iter().any(|q| q.name == p.name) {
            into.places.push(p);
        }
    }
    if e.confidence > into.confidence {
        into.confidence = e.confidence;
        into.anchoring = e.anchoring;
    }
}
