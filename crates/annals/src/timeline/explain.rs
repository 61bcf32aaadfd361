//! Why an entry has its date, in words a reader can check against the text.

use crate::event::anchor::How;
use crate::text::Segmented;
use crate::time::{Anchoring, Date, Timex};

/// The explanation of an entry dated by `timex` (of the sentence at `sentence_start`), reached
/// `how`, perhaps through a `range`, perhaps after or before another event (`relation`).
/// `(back, paragraph)` is the timex's [`distance`] back from that sentence.
pub(super) fn explain(
    text: &str,
    timex: &Timex,
    how: Option<How>,
    sentence_start: usize,
    (back, paragraph): (usize, bool),
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
        Some(How::Person) => {
            format!(
                "its actor's date: {written}, written beside the name {back} sentence{} back",
                if back == 1 { "" } else { "s" }
            )
        }
        Some(How::Named) => {
            format!(
                "its named happening's date: {written}, written where it is first named {back} \
                 sentence{} back",
                if back == 1 { "" } else { "s" }
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
    seg: &Segmented,
    breaks: &ParagraphBreaks,
    timex: &Timex,
    sentence_start: usize,
) -> (usize, bool) {
    let a = seg
        .sentences
        .partition_point(|s| s.span.start <= timex.span.start);
    let b = seg
        .sentences
        .partition_point(|s| s.span.start <= sentence_start);
    (
        b.saturating_sub(a),
        breaks.between(timex.span.end, sentence_start),
    )
}

/// Where a document's paragraph breaks are ("\n\n", or "\n \n"), found once: an entry that
/// inherits a date from far back must not scan the text between for one.
pub(super) struct ParagraphBreaks {
    /// Starts of every "\n\n" (overlapping ones too: "\n\n\n" holds two).
    double: Vec<usize>,
    /// Starts of every "\n \n".
    spaced: Vec<usize>,
}

impl ParagraphBreaks {
    pub(super) fn of(text: &str) -> ParagraphBreaks {
        let b = text.as_bytes();
        let mut breaks = ParagraphBreaks {
            double: Vec::new(),
            spaced: Vec::new(),
        };
        for (i, _) in b.iter().enumerate().filter(|(_, &c)| c == b'\n') {
            match (b.get(i + 1), b.get(i + 2)) {
                (Some(b'\n'), _) => breaks.double.push(i),
                (Some(b' '), Some(b'\n')) => breaks.spaced.push(i),
                _ => {}
            }
        }
        breaks
    }

    /// Whether a break lies wholly within `from..to`.
    fn between(&self, from: usize, to: usize) -> bool {
        let within = |starts: &[usize], len: usize| {
            let i = starts.partition_point(|&p| p < from);
            starts.get(i).is_some_and(|&p| p + len <= to)
        };
        within(&self.double, 2) || within(&self.spaced, 3)
    }
}

#[cfg(test)]
mod tests {
    use super::ParagraphBreaks;

    /// The index answers as a scan of the text between would, for every pair of offsets.
    #[test]
    fn paragraph_breaks_agree_with_a_scan() {
        for text in [
            "a\n\n\nb",
            "a\n \nb\nc",
            "one.\ntwo.\n\nthree. \n \n",
            "no break at all",
        ] {
            let breaks = ParagraphBreaks::of(text);
            for from in 0..=text.len() {
                for to in 0..=text.len() {
                    let scan = text
                        .get(from..to)
                        .is_some_and(|s| s.contains("\n\n") || s.contains("\n \n"));
                    assert_eq!(breaks.between(from, to), scan, "{text:?} {from}..{to}");
                }
            }
        }
    }
}
