//! Dates known from people: "Nerva (96 A.D.) was the first of this line, and Trajan (98 A.D.)
//! the second. … Trajan also invaded Parthia".
//!
//! A history that writes a date in brackets after a person's name ("Trajan (98 A.D.)", "Marcus
//! Aurelius (161 to 180 A.D.)", "Napoleon (1769-1821)") says when that person acted. A sentence
//! with no date of its own inherits the story line's date; when its actor is such a person and
//! the story stands far outside the person's time (a survey that has run on to 180 A.D. and
//! comes back to Trajan), the story's date cannot be the event's, and the person's date is the
//! better one. Only a story far outside the person's time is overruled: within it, the story is
//! the finer evidence.

use super::anchor::{EventTime, How};
use super::Event;
use crate::document::Span;
use crate::entity::mentions::EntityCluster;
use crate::entity::ner::EntityType;
use crate::text::Segmented;
use crate::time::Timex;
use std::collections::HashMap;

/// How many years before a person's bracketed date the story may stand and still be theirs
/// (a reign's first year is not the first thing its ruler did).
const BEFORE: i32 = 20;

/// How many years after the last year of a person's bracketed date the story may stand and
/// still be theirs (a single year is often a reign's or a career's start).
const AFTER: i32 = 40;

/// Re-date the events that inherit the story's date when their actor is a person dated in
/// brackets elsewhere in the document and the story stands far outside that person's time.
pub fn date_by_people(
    text: &str,
    seg: &Segmented,
    timexes: &[Timex],
    events: &[Event],
    times: &mut [EventTime],
    entities: &[EntityCluster],
) {
    let dated = dated_people(text, timexes, entities);
    if dated.is_empty() {
        return;
    }
    // Every person mention, in text order, with its name (without a possessive: see
    // `entity::name_forms`).
    let mut people: Vec<(Span, &str)> = entities
        .iter()
        .filter(|c| c.etype == EntityType::Per)
        .flat_map(|c| c.mentions.iter().map(|m| (m.span, m.text.as_str())))
        .collect();
    people.sort_by_key(|(span, _)| span.start);
    let subjects = sentence_subjects(text, seg, &people);
    for (event, time) in events.iter().zip(times.iter_mut()) {
        if time.how != Some(How::Inherited) || time.bound.is_some() {
            continue;
        }
        let Some(story) = time.timex.and_then(|k| timexes[k].value.full_year()) else {
            continue;
        };
        let at = event.span.start;
        let s = seg.sentences.partition_point(|s| s.span.end <= at);
        let Some(sentence) = seg.sentences.get(s) else {
            continue;
        };
        // The actor: the nearest person named before the event in its clause, else the person
        // the sentence is about ("Hadrian, his successor, … He abandoned … of Trajan's, and he
        // also abandoned …").
        let before = people.partition_point(|(span, _)| span.start < at);
        let named = before
            .checked_sub(1)
            .map(|i| &people[i])
            .filter(|(span, _)| span.start >= sentence.span.start && span.end <= at);
        let actor = match named {
            Some((span, name)) if acts(text, *span, at) => Some(*name),
            _ => subjects[s],
        };
        let Some(Some((k, first, last))) = actor.and_then(|name| dated.get(name)).copied() else {
            continue;
        };
        if story < first - BEFORE || story > last + AFTER {
            time.timex = Some(k);
            time.how = Some(How::Person);
        }
    }
}

/// The person each sentence is about: the one whose name opens it ("Hadrian, his successor, was
/// …", whatever commas stand before the verb), or, for a sentence that opens with "he" or "she"
/// in the same paragraph, the previous sentence's ("… He abandoned these conquests").
fn sentence_subjects<'a>(
    text: &str,
    seg: &Segmented,
    people: &[(Span, &'a str)],
) -> Vec<Option<&'a str>> {
    let mut out: Vec<Option<&'a str>> = Vec::with_capacity(seg.sentences.len());
    let mut previous_end = 0;
    for sentence in &seg.sentences {
        let body = &text[sentence.span.start..sentence.span.end];
        let lead = body.len()
            - body
                .trim_start_matches(|c: char| !c.is_alphanumeric())
                .len();
        let opening = sentence.span.start + lead;
        let first_word = body[lead..]
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        let same_paragraph =
            !text[previous_end.min(sentence.span.start)..sentence.span.start].contains('\n');
        let named = people
            .get(people.partition_point(|(span, _)| span.start < opening))
            .filter(|(span, _)| span.start == opening)
            .map(|(_, name)| *name);
        let subject = named.or_else(|| {
            let pronoun = matches!(first_word, "He" | "She");
            (pronoun && same_paragraph)
                .then(|| out.last().copied().flatten())
                .flatten()
        });
        out.push(subject);
        previous_end = sentence.span.end;
    }
    out
}

/// The names dated in brackets after them: each name to the first timex in the brackets and the
/// first and last year they span, or to `None` when the document dates the name twice
/// differently (two men called "Ptolemy"). Names, not alias clusters: "Louis XIV" and "Louis XVI",
/// "Alexander the Great" and "Constantine the Great" are different men.
type Dated<'e> = HashMap<&'e str, Option<(usize, i32, i32)>>;

fn dated_people<'e>(text: &str, timexes: &[Timex], entities: &'e [EntityCluster]) -> Dated<'e> {
    let mut out: Dated = HashMap::new();
    let mentions = entities
        .iter()
        .filter(|c| c.etype == EntityType::Per)
        .flat_map(|c| &c.mentions);
    for m in mentions {
        // "A second Camillus (100 B.C.)", "another Napoleon": a name after an indefinite article
        // is a likeness, and its date is that of whoever is likened.
        let likeness = text[..m.span.start]
            .split_whitespace()
            .rev()
            .take(2)
            .any(|w| matches!(w.to_lowercase().as_str(), "a" | "an" | "another"));
        if likeness {
            continue;
        }
        if let Some(d) = bracketed_after(text, timexes, m.span.end) {
            let slot = out.entry(m.text.as_str()).or_insert(Some(d));
            if slot.is_some_and(|(_, a, b)| (a, b) != (d.1, d.2)) {
                *slot = None;
            }
        }
    }
    out
}

/// Whether the person named at `span` is the one acting in the event at `event`: named in the
/// event's clause, not after a preposition ("in rebellion against Henry III", "the successor of
/// John") nor in a relative clause of its own.
fn acts(text: &str, span: Span, event: usize) -> bool {
    let between = &text[span.end..event];
    if between.contains([',', ';', ':', '(', ')']) {
        return false;
    }
    let before = text[..span.start]
        .split_whitespace()
        .next_back()
        .unwrap_or("")
        .to_lowercase();
    !matches!(
        before.as_str(),
        "of" | "against"
            | "to"
            | "by"
            | "with"
            | "from"
            | "for"
            | "under"
            | "after"
            | "before"
            | "than"
            | "upon"
            | "on"
            | "at"
            | "in"
            | "into"
            | "towards"
            | "toward"
    )
}

/// The dates in brackets right after a name ending at `end`: "(98 A.D.)", "(161 to 180 A.D.)",
/// "(1769-1821)"; the first timex and the years they span.
fn bracketed_after(text: &str, timexes: &[Timex], end: usize) -> Option<(usize, i32, i32)> {
    let rest = &text[end..];
    let open = rest.len() - rest.trim_start().len();
    if !rest[open..].starts_with('(') {
        return None;
    }
    let inside = end + open + 1;
    let close = inside + text[inside..].find(')')?;
    let first = timexes.partition_point(|t| t.span.start < inside);
    let within: Vec<usize> = (first..timexes.len())
        .take_while(|&k| timexes[k].span.end <= close)
        .collect();
    let &k = within.first()?;
    // The brackets hold the dates and nothing else but the words that join a range.
    if !text[inside..timexes[k].span.start].trim().is_empty() {
        return None;
    }
    let years: Vec<i32> = within
        .iter()
        .filter_map(|&k| timexes[k].value.full_year())
        .collect();
    let (&lo, &hi) = (years.iter().min()?, years.iter().max()?);
    Some((k, lo, hi))
}
