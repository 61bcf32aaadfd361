//! Entries dated by a range: two time expressions of one sentence joined as its ends ("fought
//! July 1-3, 1863", "from 1453 to 1461", "between March and May 1920", a heading's "(413-404
//! BC)"). The entry covers the days from the first to the last.

use super::interval::{self, Interval};
use crate::text::{floor_boundary, Segmented};
use crate::time::{Date, Timex, TimexType, Value};

/// Words that join a range's ends, and the word that must open the range for each ("" for none).
const JOINTS: &[(&str, &str)] = &[
    ("-", ""),
    ("–", ""),
    ("—", ""),
    ("/", ""),
    ("to", "from"),
    ("until", "from"),
    ("till", "from"),
    ("through", "from"),
    ("and", "between"),
];

/// The other end of the range timex `k` belongs to, if any.
pub(super) fn partner(text: &str, timexes: &[Timex], k: usize, seg: &Segmented) -> Option<usize> {
    if joined(text, timexes, k, seg).is_some() {
        Some(k + 1)
    } else {
        k.checked_sub(1)
            .filter(|&i| joined(text, timexes, i, seg).is_some())
    }
}

/// The range timex `k` belongs to, if any: its first value, its last value and the days from
/// the first's start to the last's end.
pub(super) fn of(
    text: &str,
    timexes: &[Timex],
    k: usize,
    seg: &Segmented,
) -> Option<(Date, Date, Interval)> {
    let pair = |i: usize| joined(text, timexes, i, seg);
    pair(k).or_else(|| k.checked_sub(1).and_then(pair))
}

/// Whether timexes `i` and `i + 1` are a range's ends: its first value, last value and days.
fn joined(
    text: &str,
    timexes: &[Timex],
    i: usize,
    seg: &Segmented,
) -> Option<(Date, Date, Interval)> {
    {
        let (a, b) = (timexes.get(i)?, timexes.get(i + 1)?);
        let date = |t: &Timex| match (t.ttype, t.value) {
            (TimexType::Date | TimexType::Time, Value::Date(d)) => {
                Some((d, interval::of_value(&d, t.modifier)?))
            }
            _ => None,
        };
        // The joint is one short word or a dash: anything longer between two dates (often
        // paragraphs of them) is no range, and is not worth lowercasing to find out.
        let gap = text.get(a.span.end..b.span.start)?.trim();
        if gap.len() > "through".len() {
            return None;
        }
        let gap = gap.to_lowercase();
        let ((first, from), (last, to)) = (date(a)?, date(b)?);
        let same_sentence = seg.sentence_at(a.span.start)?.span.contains(&b.span);
        // The word before the range (a bounded look back: the text may be one long line).
        let back = floor_boundary(text, a.span.start.saturating_sub(32));
        let opener = text[back..a.span.start]
            .split_whitespace()
            .next_back()
            .unwrap_or("")
            .to_lowercase();
        let joined = JOINTS.iter().any(|(joint, open)| {
            // A bracket opens a range as "from" does: "Claudius (41 to 54 A.D.)".
            gap == *joint
                && (open.is_empty() || opener == *open || (*open == "from" && opener == "("))
        });
        (same_sentence && joined && from.start <= to.start && from.end <= to.end).then_some((
            first,
            last,
            Interval {
                start: from.start,
                end: to.end,
            },
        ))
    }
}
