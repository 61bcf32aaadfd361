//! What a resolved timex takes from, or gives to, the expressions and words around it: a year or
//! day borrowed from the next date ("June 1-3", "10 p.m. local time Friday"), the first year of a
//! BC range, a quarter named by the day it ended, the amount of a counted offset, and the phrases
//! ("until …", a year in brackets) that reach away from the story without moving it.

use super::recognise;
use super::{anchor, date_math, normalise, tense, words};
use super::{Date, Duration, Timex, Unit, Value, Within, Year};
use crate::document::Span;

/// "499-493 BC", "from 264 to 241 BC": a bare number joined to a BC year is the range's first
/// year, in the same era, when it lies before it (BC years count down). Alone, "499" is a
/// number; the era written on the range's end makes it a year.
pub(super) fn bc_range_starts(text: &str, out: &mut Vec<Timex>) {
    let mut found = Vec::new();
    for (k, t) in out.iter().enumerate() {
        let Value::Date(Date {
            year: Year::Full(end),
            within: Within::Whole,
            time: None,
        }) = t.value
        else {
            continue;
        };
        if end >= 0 {
            continue;
        }
        // The range's joint: a dash, or a word standing on its own ("to", not "onto").
        let head = text[..t.span.start].trim_end();
        let dash = ["-", "–", "—"].iter().find_map(|d| head.strip_suffix(d));
        let word = || {
            ["to", "until", "and"].iter().find_map(|w| {
                head.strip_suffix(w)
                    .filter(|h| h.ends_with(char::is_whitespace))
            })
        };
        let Some(head) = dash.or_else(word) else {
            continue;
        };
        let head = head.trim_end();
        let digits = head.len() - head.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        let start = head.len() - digits;
        let standalone =
            !head[..start].ends_with(|c: char| c.is_alphanumeric() || c == ',' || c == '.');
        let Ok(first) = head[start..].parse::<i32>() else {
            continue;
        };
        let free = k == 0 || out[k - 1].span.end <= start;
        if (2..=4).contains(&digits) && standalone && free && first > -end {
            found.push(Timex {
                span: Span::new(start, head.len()),
                value: Value::Date(Date::year(-first)),
                amount: None,
                calendar: None,
                modifier: None,
                rule: "bc-range-start",
                ..t.clone()
            });
        }
    }
    if !found.is_empty() {
        out.extend(found);
        out.sort_by_key(|t| t.span.start);
    }
}

/// Whether "until" or "till" opens the phrase that ends at `at`, within the clause and a few
/// words back ("until the fall of Budapest in February 1945", "until 1921").
pub(super) fn reaches_until(text: &str, at: usize) -> bool {
    let head = &text[..at];
    let clause = head
        .rfind([',', ';', '.', '(', ':'])
        .map_or(head, |i| &head[i + 1..]);
    let words: Vec<&str> = clause.split_whitespace().rev().take(6).collect();
    // "Relations deteriorated until in March 1980, Iran …": "until" opening a clause with its
    // own date moves the story like any date.
    words.iter().enumerate().any(|(i, w)| {
        (w.eq_ignore_ascii_case("until") || w.eq_ignore_ascii_case("till"))
            && !(i > 0
                && matches!(
                    words[i - 1].to_ascii_lowercase().as_str(),
                    "in" | "on" | "at" | "early" | "late" | "after"
                ))
    })
}

/// "The quarter ended July 31": the three months up to that day, which a report names by the
/// calendar quarter holding most of them (May to July is the second). `date` is the quarter as
/// resolved without the day, `next` the candidate after it.
pub(super) fn quarter_ended(
    text: &str,
    span: Span,
    date: &Date,
    next: Option<&recognise::Candidate>,
    anchor: &anchor::Anchor,
) -> Option<Date> {
    if !matches!(date.within, Within::Quarter(_)) || date.time.is_some() {
        return None;
    }
    // A quarter named by its number keeps it: "the fiscal first quarter ended Sept. 30" is the
    // company's own count, which the day cannot give.
    let named = text.get(span.start..span.end)?.to_ascii_lowercase();
    if [
        "first", "second", "third", "fourth", "1st", "2nd", "3rd", "4th",
    ]
    .iter()
    .any(|n| named.contains(n))
    {
        return None;
    }
    let next = next?;
    let between = text
        .get(span.end..next.span.start)?
        .trim()
        .to_ascii_lowercase();
    if !matches!(
        between.as_str(),
        "ended" | "ending" | "that ended" | "which ended" | ", which ended"
    ) {
        return None;
    }
    let meaning = normalise::normalise(text, next)?.meaning;
    let (Value::Date(end), ..) = anchor.resolve(meaning, tense::Tense::Past) else {
        return None;
    };
    let middle = date_math::civil_day(&end)?
        .checked_sub(jiff::Span::new().days(45))
        .ok()?;
    Some(Date {
        year: Year::Full(i32::from(middle.year())),
        within: Within::Quarter((middle.month() as u8 - 1) / 3 + 1),
        time: None,
    })
}

/// "Eight days after Fort Sumter", "a year after Marathon", "two days after the KPA invaded": in
/// a story, an amount before "after" or "before" and an event is the date it reaches from the
/// event, which is where the story stands (WikiWars annotates such phrases as dates; TimeBank
/// keeps the amount a duration, so news is left alone). "For two days after the battle" is a
/// length.
pub(super) fn offset_from_event(
    text: &str,
    cand: &recognise::Candidate,
    meaning: &normalise::Meaning,
) -> Option<normalise::Meaning> {
    let normalise::Meaning::Fixed(Value::Duration(Duration {
        tenths: Some(tenths),
        unit,
    })) = *meaning
    else {
        return None;
    };
    if tenths % 10 != 0
        || !matches!(
            unit,
            Unit::Day | Unit::Week | Unit::Month | Unit::Year | Unit::Decade
        )
    {
        return None;
    }
    let sign = match words::word_after(text, cand.span.end)
        .to_ascii_lowercase()
        .as_str()
    {
        "after" => 1,
        "before" => -1,
        _ => return None,
    };
    let rest = text[cand.span.end..].trim_start();
    let event = words::word_after(rest, rest.find(char::is_whitespace)?);
    if event.is_empty()
        || event.starts_with(|c: char| c.is_ascii_digit())
        || matches!(
            words::word_before(text, cand.span.start).as_str(),
            "for" | "lasted"
        )
    {
        return None;
    }
    Some(normalise::Meaning::Offset {
        unit,
        amount: Some(i32::try_from(tenths / 10).ok()?),
        sign,
        time: None,
        anaphoric: true,
        counted: true,
    })
}

/// The amount of an offset counted from another time: "three days" in "three days later", "a
/// day" in "a day earlier", "five hours" in "five hours on". An offset from the moment of
/// writing ("two years ago", "a week from now") is a date in every corpus, and so is the
/// year-ago comparison of a report ("up 5% from a year earlier"), which names the period
/// compared with.
pub(super) fn counted_amount(
    cand: &recognise::Candidate,
    meaning: &normalise::Meaning,
) -> Option<(Span, Duration)> {
    let normalise::Meaning::Offset {
        unit: length_unit,
        amount,
        sign,
        anaphoric: true,
        counted: true,
        ..
    } = *meaning
    else {
        return None;
    };
    let year_ago = length_unit == Unit::Year && sign < 0 && amount == Some(1);
    if year_ago || amount == Some(0) {
        return None;
    }
    // Counted means written with a number or a vague plural ("days later"); "the week
    // following" and "later that day" name a period.
    let unit = cand.parts[recognise::Part::Unit as usize]?;
    let plural = cand.span.start == unit.start;
    let unit_end = unit.end;
    ((cand.has(recognise::Part::N) || plural)
        && (cand.has(recognise::Part::Later) || cand.has(recognise::Part::Earlier)))
    .then(|| {
        (
            Span::new(cand.span.start, unit_end),
            Duration {
                tenths: amount.and_then(|n| u32::try_from(n).ok()).map(|n| n * 10),
                unit: length_unit,
            },
        )
    })
}

/// Two years in brackets ("(1795-1799)"), or one (`first` = `last`, "(2003)"): the first, and
/// whether they stand on a heading line (a line without a sentence's final stop) rather than in
/// running text ("Napoleon (1769-1821) was exiled.").
pub(super) fn bracketed_years(text: &str, first: &Timex, last: &Timex) -> Option<(Date, bool)> {
    let (Value::Date(a), Value::Date(b)) = (first.value, last.value) else {
        return None;
    };
    if a.within != Within::Whole || b.within != Within::Whole || a.full_year()? > b.full_year()? {
        return None;
    }
    let joined = first.span == last.span
        || matches!(
            text.get(first.span.end..last.span.start)?.trim(),
            "-" | "–" | "—"
        );
    let opened = text.get(..first.span.start)?.trim_end().ends_with('(');
    let closed = text.get(last.span.end..)?.trim_start().starts_with(')');
    if !(joined && opened && closed) {
        return None;
    }
    let line_end = text[last.span.end..]
        .find('\n')
        .map_or(text.len(), |i| last.span.end + i);
    let heading = !text[last.span.end..line_end]
        .trim_end()
        .ends_with(['.', '!', '?', ':', ';', ',']);
    Some((a, heading))
}

/// Whether `cand`, a month without a year after "from" or "between", starts a range whose end,
/// `next`, follows after "to", "until", "through" or a dash ("from October to March").
pub(super) fn opens_month_range(
    text: &str,
    meaning: &normalise::Meaning,
    cand: &recognise::Candidate,
    next: Option<&recognise::Candidate>,
) -> bool {
    let normalise::Meaning::NeedsYear(date, _) = meaning else {
        return false;
    };
    let Some(next) = next else { return false };
    let opener = text[..cand.span.start]
        .split_whitespace()
        .next_back()
        .unwrap_or("")
        .to_ascii_lowercase();
    let gap = text
        .get(cand.span.end..next.span.start)
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    matches!(date.within, Within::Month(Some(_)))
        && matches!(opener.as_str(), "from" | "between")
        && matches!(
            gap.as_str(),
            "to" | "until" | "till" | "through" | "-" | "–" | "—" | "and"
        )
}

/// What an expression left to context and may take from the expression right after it.
#[derive(Clone, Copy, Debug)]
pub(super) enum Borrow {
    Nothing,
    /// Its year ("14 August–24 August 1914", "between March and April 1918").
    Year,
    /// Its day ("11 a.m. on 11 November 1918", "10:35 a.m. yesterday").
    Day(super::value::TimeOfDay),
    /// Its month and year ("from the 13th to the 19th of October 1950").
    Month(u8),
}

/// In ranges and "time on date" pairs the second expression completes the first; that beats the
/// story's reference, which may be stale.
/// Whether the words between a clock time and a date name where the clock is read: "5:34 AM
/// Baghdad time on March 20", "10 p.m. local time Friday", "noon EST on Tuesday".
pub(super) fn names_a_zone(gap: &str) -> bool {
    let gap = gap
        .strip_suffix(" on")
        .or_else(|| gap.strip_suffix(','))
        .unwrap_or(gap)
        .trim();
    let words: Vec<&str> = gap.split_whitespace().collect();
    let zone = |w: &str| {
        w.eq_ignore_ascii_case("time")
            || (2..=4).contains(&w.len()) && w.chars().all(|c| c.is_ascii_uppercase())
    };
    (1..=3).contains(&words.len()) && words.last().is_some_and(|w| zone(w))
}

pub(super) fn borrow_from_next(text: &str, out: &mut [Timex], borrows: &[(usize, Borrow)]) {
    for &(i, borrow) in borrows {
        let Some(next) = out.get(i + 1) else { continue };
        let gap = text[out[i].span.end..next.span.start].trim();
        let joined = matches!(
            gap.to_ascii_lowercase().as_str(),
            "" | "-"
                | "–"
                | "—"
                | "to"
                | "and"
                | "or"
                | "until"
                | "till"
                | "through"
                | "on"
                | ","
                | "to the"
                | "and the"
        );
        let zone = matches!(borrow, Borrow::Day(_)) && names_a_zone(gap);
        // "The twenty-ninth of May, in the fourteen hundred and fifty-third year": older prose
        // gives the year after the day, in a phrase of its own.
        // So does a day named by what it was like: "one January morning in 1649", "a dark and
        // stormy August day in 1642".
        let year_phrase = matches!(borrow, Borrow::Year) && {
            let gap = gap.to_ascii_lowercase();
            let gap = gap.trim_start_matches(',').trim_start();
            let gap = ["morning", "afternoon", "evening", "night", "day"]
                .iter()
                .find_map(|w| gap.strip_prefix(w))
                .unwrap_or(gap)
                .trim_start();
            matches!(gap, "in" | "of")
        };
        if !(joined || zone || year_phrase) {
            continue;
        }
        let (Value::Date(first), Value::Date(second)) = (out[i].value, next.value) else {
            continue;
        };
        let next_anchoring = next.anchoring;
        match borrow {
            Borrow::Year => {
                let Year::Full(y) = second.year else {
                    continue;
                };
                // A range's end in another month may be in the next year ("December to March
                // 1918" starts in 1917); a year alone is the year.
                let year = match (month_of(&first), month_of(&second)) {
                    (Some(m1), Some(m2)) if m1 > m2 => y - 1,
                    (_, Some(_)) => y,
                    _ if second.within == Within::Whole => y,
                    _ => continue,
                };
                out[i].value = Value::Date(Date {
                    year: Year::Full(year),
                    ..first
                });
                out[i].anchoring = next_anchoring;
            }
            Borrow::Day(t) => {
                if second.ymd().is_some() {
                    out[i].value = Value::Date(Date {
                        time: Some(t),
                        ..second
                    });
                    out[i].anchoring = next_anchoring;
                }
            }
            Borrow::Month(day) => {
                if let Some((y, m, _)) = second.ymd() {
                    let d = Date::day(y, m, day);
                    if date_math::civil_day(&d).is_some() {
                        out[i].value = Value::Date(d);
                        out[i].anchoring = next_anchoring;
                    }
                }
            }
            Borrow::Nothing => {}
        }
    }
}

fn month_of(d: &Date) -> Option<u8> {
    match d.within {
        Within::Month(m) | Within::Day(m, _) => m,
        _ => None,
    }
}
