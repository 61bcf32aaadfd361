//! Dates known from named happenings: "In the battle of Falkirk, fought on the 22nd of July,
//! A.D. 1298, perished the Master … He succeeded Brian le Jay, who was slain, as before
//! mentioned, in the battle of Falkirk".
//!
//! A history names a battle, a siege or a treaty once with its date and refers back to it by
//! name. An event told as taking place *in* or *at* that happening ("slain in the battle of
//! Falkirk", "wounded at the siege of Acre", "signed during the Congress of Vienna") happened
//! when it did, whatever date the story line has reached since. Only events that would inherit
//! the story's date are re-dated; a date of their own sentence stands.

use super::anchor::{EventTime, How};
use super::Event;
use crate::text::Segmented;
use crate::time::Timex;
use std::collections::HashMap;

/// Nouns that head the name of a happening ("the *battle* of Falkirk", "the *Treaty* of
/// Paris"). Nouns for a person's end ("the death of Alexander") are left out: the same words
/// as often name a state of affairs ("in the death of Caesar's hopes").
const HEADS: &[&str] = &[
    "battle",
    "battles",
    "siege",
    "sack",
    "storming",
    "capture",
    "fall",
    "massacre",
    "treaty",
    "peace",
    "congress",
    "council",
    "synod",
    "diet",
    "conference",
    "convention",
    "coronation",
];

/// Words that put an event inside the happening named after them.
const INSIDE: &[&str] = &["in", "at", "during"];

/// One mention of a named happening: where its head word starts and its key ("battle of
/// falkirk").
struct Mention {
    head: usize,
    key: String,
}

/// Re-date the events that inherit the story's date when their clause puts them in a named
/// happening the document dates elsewhere.
pub fn date_by_named_happenings(
    text: &str,
    seg: &Segmented,
    timexes: &[Timex],
    events: &[Event],
    times: &mut [EventTime],
) {
    let mentions = find_mentions(text);
    if mentions.len() < 2 {
        return;
    }
    let dated = dated_happenings(&mentions, timexes, events, times);
    if dated.is_empty() {
        return;
    }
    for m in &mentions {
        let Some(&Some(k)) = dated.get(m.key.as_str()) else {
            continue;
        };
        // "in the battle of": the word before the name's article (or the name).
        let head = text[..m.head].trim_end();
        let before = head.strip_suffix("the").unwrap_or(head);
        let inside = before
            .split_whitespace()
            .next_back()
            .is_some_and(|w| INSIDE.contains(&w.to_lowercase().as_str()));
        if !inside {
            continue;
        }
        let Some(sentence) = seg.sentence_at(m.head) else {
            continue;
        };
        // The happening itself ("the battle" named again) and the event the phrase completes:
        // the last one before it in its clause ("was slain in the battle of Falkirk"), not
        // across a comma ("He succeeded the Master, who was slain, … in the battle").
        let at = events.partition_point(|e| e.span.start < m.head);
        let itself = head_event(events, m.head);
        let completed = at.checked_sub(1).filter(|&e| {
            events[e].span.start >= sentence.span.start
                && !text[events[e].span.end..m.head].contains([',', ';', ':'])
        });
        for e in itself.into_iter().chain(completed) {
            let time = &mut times[e];
            if time.how == Some(How::Inherited) && time.bound.is_none() && time.timex != Some(k) {
                time.timex = Some(k);
                time.how = Some(How::Named);
            }
        }
    }
}

/// Every "battle of X", "Treaty of X" in `text`: a head noun, "of", and a capitalised name
/// (after "the" if any: "the fall of the Bastille").
fn find_mentions(text: &str) -> Vec<Mention> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(i) = text[at..].find(" of ") {
        let of = at + i;
        at = of + 4;
        let head_start = text[..of]
            .char_indices()
            .rev()
            .find(|(_, c)| !c.is_alphabetic())
            .map_or(0, |(j, c)| j + c.len_utf8());
        let head = &text[head_start..of];
        if !HEADS.contains(&head.to_lowercase().as_str()) {
            continue;
        }
        // The name: capitalised words, "the" allowed first.
        let mut name_start = of + 4;
        if text[name_start..].starts_with("the ") {
            name_start += 4;
        }
        let mut end = name_start;
        loop {
            let word_end = text[end..]
                .find(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'))
                .map_or(text.len(), |j| end + j);
            let word = &text[end..word_end];
            if !word.starts_with(char::is_uppercase) {
                break;
            }
            end = word_end;
            // Another capitalised word after one space continues the name ("the battle of
            // Bunker Hill").
            let next = end + 1;
            if bytes.get(end) != Some(&b' ') || !text[next..].starts_with(char::is_uppercase) {
                break;
            }
            end = next;
        }
        let name = text[name_start..end].trim_end();
        if name.is_empty() {
            continue;
        }
        out.push(Mention {
            head: head_start,
            key: format!("{} of {}", head.to_lowercase(), name.to_lowercase()),
        });
    }
    out
}

/// The event whose word is the name's head ("battle" of "the battle of Falkirk"), if the event
/// model took it for one.
fn head_event(events: &[Event], head: usize) -> Option<usize> {
    let e = events.partition_point(|e| e.span.start < head);
    events
        .get(e)
        .is_some_and(|e| e.span.start == head)
        .then_some(e)
}

/// The happenings the document dates: each key to the timex of the first mention whose head
/// event has a date of its own clause or sentence, or to `None` when two mentions date it
/// differently.
fn dated_happenings<'m>(
    mentions: &'m [Mention],
    timexes: &[Timex],
    events: &[Event],
    times: &[EventTime],
) -> HashMap<&'m str, Option<usize>> {
    let mut out: HashMap<&str, Option<usize>> = HashMap::new();
    for m in mentions {
        let Some(e) = head_event(events, m.head) else {
            continue;
        };
        let time = &times[e];
        let own = matches!(time.how, Some(How::Clause | How::Sentence))
            && time.bound.is_none()
            && !time.via_relation;
        let Some(k) = time.timex.filter(|_| own) else {
            continue;
        };
        // A named happening is a day, a month or a year, not a span of years or an hour.
        if timexes[k].value.full_year().is_none() {
            continue;
        }
        let slot = out.entry(m.key.as_str()).or_insert(Some(k));
        if slot.is_some_and(|j| timexes[j].value != timexes[k].value) {
            *slot = None;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_of_happenings_are_found_with_their_heads() {
        let text = "In the battle of Falkirk, fought in 1298, and at the fall of the Bastille \
                    and the Treaty of Paris and the battle of this day.";
        let keys: Vec<String> = find_mentions(text).into_iter().map(|m| m.key).collect();
        assert_eq!(
            keys,
            ["battle of falkirk", "fall of bastille", "treaty of paris"]
        );
    }
}
