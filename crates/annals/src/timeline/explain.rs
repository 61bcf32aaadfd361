//! Why an entry has its date, in words a reader can check against the text.

use crate::event::anchor::How;
use crate::text::Segmented;
use crate::time::{Anchoring, Date, Timex};

/// The explanation of an entry dated by `timex` (of the sentence at `sentence_start`), reached
/// `how`, perhaps through a `range`, perhaps after or before another event (`relation`).
pub(super) fn explain(
    text: &str,
    seg: &Segmented,
    timex: &Timex,
    how: Option<How>,
    sentence_start: usize,
    range: Option<(&Date, &Date)>,
    relation: Option<String>,
) -> String {
    let written = quote(&text[timex.span.start..timex.span.end]);
    let mut out = match how {
        Some(How::Clause) => format!("its own clause: {written}"),
        Some(How::Sentence) => format!("its sentence: {written}"),
        Some(How::Inherited) if timex.span.start > sentence_start => {
            format!("before the story's first date, {written}, later in the text")
        }
        Some(How::Inherited) => {
            let (back, paragraph) = distance(text, seg, timex, sentence_start);
            format!(
                "the story line: {written}, {back} sentence{} back{}",
                if back == 1 { "" } else { "s" },
                if paragraph {
                    ", in an earlier paragraph"
                } else {
                    ""
                }
            )
        }
        None => format!("a date of its sentence: {written}"),
    };
    if let (Anchoring::Story, Some(reference)) = (timex.anchoring, timex.reference) {
        out.push_str(&format!("; counted from the story's {reference}"));
    }
    if let Some((first, last)) = range {
        out.push_str(&format!("; the range {first} to {last}"));
    }
    if let Some(note) = &timex.calendar {
        out.push_str(&format!(
            "; written {} {} in the {} calendar",
            note.original,
            if timex.anchoring == Anchoring::Explicit {
                "as"
            } else {
                "and read"
            },
            note.calendar.as_str()
        ));
        if let Some(reason) = note.reason {
            out.push_str(&format!(" ({reason})"));
        }
    }
    if let Some(r) = relation {
        out.push_str(&format!("; {r}"));
    }
    out
}

fn quote(s: &str) -> String {
    let s: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    format!("\u{201c}{s}\u{201d}")
}

/// How many sentences back from the sentence at `sentence_start` the timex is written, and
/// whether a paragraph break lies between.
pub(super) fn distance(
    text: &str,
    seg: &Segmented,
    timex: &Timex,
    sentence_start: usize,
) -> (usize, bool) {
    let a = seg
        .sentences
        .partition_point(|s| s.span.start <= timex.span.start);
    let b = seg
        .sentences
        .partition_point(|s| s.span.start <= sentence_start);
    let paragraph = text
        .get(timex.span.end..sentence_start)
        .is_some_and(|between| between.contains("\n\n") || between.contains("\n \n"));
    (b.saturating_sub(a), paragraph)
}
