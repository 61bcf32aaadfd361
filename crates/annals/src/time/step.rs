//! One time expression against one state of the story: what it resolves to, what the story would
//! be if it took the expression, and what the story is if it does not.
//!
//! The story model (`time::story`) walks the document's expressions with several candidate
//! story lines at once; for each it calls [`step`], which reads the story and never changes it.
//! What the expression's value is depends on the story (a "9 June" is the story's year's), and
//! which story is right depends on what follows, so the two are decided together there.

use super::anchor::{Anchor, Glance};
use super::neighbours::{opens_month_range, quarter_ended, Borrow};
use super::normalise::{self, Meaning, Normalised};
use super::recognise::{self, Candidate};
use super::{calendars, date_math, short_years, tense, Anchoring, Config, Date, Duration};
use super::{Timex, TimexType, Unit, Value, Within, Year};
use crate::document::Span;
use crate::pipeline::Mode;

/// What a candidate needs that does not depend on the story: computed once.
#[derive(Clone, Debug)]
pub(super) struct Prepared {
    pub norm: Normalised,
    pub tense: tense::Tense,
    pub rule: &'static str,
    /// Another way to read it that the story model weighs against `norm` (a bare year in a
    /// document that counts some years from the Hijra may be one of those).
    pub other: Option<Normalised>,
}

/// Readings that depend on the whole document: in one that marks dates "A.H.", a bare year may
/// be a Hijri one ("as early as the year 32" in a story of A.D. 656), and one of one or two digits
/// can be nothing else. Elsewhere such small numbers are no years at all.
pub(super) fn read_in_context(
    text: &str,
    lands: &calendars::Lands,
    candidates: &[Candidate],
    prepared: &mut [Option<Prepared>],
) {
    let marked = prepared.iter().flatten().any(|p| {
        p.norm
            .calendar
            .as_ref()
            .is_some_and(|c| c.calendar == calendars::Calendar::Hijri)
    });
    // A history of the Islamic world that never writes a year of four digits nor an era counts
    // its years from the Hijra even where it does not say so ("the death of Tughril Beg in 455",
    // "in 459 the latter founded the Nizamite Academy").
    let islamic = lands.islamic();
    let long_or_dated = candidates.iter().zip(prepared.iter()).any(|(c, p)| {
        let Some(p) = p else { return false };
        let written = &text[c.span.start..c.span.end];
        matches!(p.norm.meaning, Meaning::Fixed(Value::Date(d)) if d.full_year().is_some_and(|y| y.abs() >= 1000))
            || c.has(super::recognise::Part::Era)
            || written.contains("A.D")
            || written.contains("AD ")
    });
    let hijri = marked || islamic;
    let hijri_first = islamic && !marked && !long_or_dated;
    for (cand, slot) in candidates.iter().zip(prepared.iter_mut()) {
        let Some(p) = slot else { continue };
        if p.rule == "century" && hijri {
            // "The first century and a half of Muslim history": a Hijri document counts its
            // centuries from the Hijra too.
            p.other = as_hijri_century(&p.norm);
            continue;
        }
        if !matches!(
            p.rule,
            "year" | "year-short" | "year-small" | "the-year-small"
        ) {
            continue;
        }
        // The year as written, without an era ("the middle of 488" is bare, "A.D. 488" not).
        let bare = !cand.has(super::recognise::Part::Era)
            && cand
                .part(text, super::recognise::Part::Y)
                .is_some_and(|y| y.bytes().all(|b| b.is_ascii_digit()));
        let hijri_reading = if hijri && bare {
            as_hijri_year(&p.norm)
        } else {
            None
        };
        match (p.rule, hijri_reading) {
            ("year-small" | "the-year-small", Some(h)) => p.norm = h,
            ("year-small" | "the-year-small", None) => *slot = None,
            // The Hijri reading first, the written one weighed against it: in a history of the
            // Islamic world that writes no era at all, and for a bare year before the Hijra in
            // one that does ("the revolt of 143" is A.D. 760: a year before 622 would have been
            // given its era).
            (_, Some(h)) if hijri_first || (islamic && before_hijra(&p.norm)) => {
                p.other = Some(std::mem::replace(&mut p.norm, h))
            }
            (_, h) => p.other = h,
        }
    }
}

/// Whether a year as written falls before the Hijra (A.D. 622).
fn before_hijra(norm: &Normalised) -> bool {
    match norm.meaning {
        Meaning::Fixed(v) => v.full_year().is_some_and(|y| (1..622).contains(&y)),
        _ => false,
    }
}

/// A century without an era read as a Hijri century: the Gregorian century holding its middle.
fn as_hijri_century(norm: &Normalised) -> Option<Normalised> {
    let Meaning::Fixed(Value::Date(Date {
        year: Year::Century(c @ 0..=14),
        within: Within::Whole,
        time: None,
    })) = norm.meaning
    else {
        return None;
    };
    let (s, _) = calendars::gregorian_range(calendars::Calendar::Hijri, (c * 100).max(1), None)?;
    let (_, e) = calendars::gregorian_range(calendars::Calendar::Hijri, c * 100 + 99, None)?;
    let middle = (s.0 + e.0) / 2;
    Some(Normalised {
        meaning: Meaning::Fixed(Value::Date(Date {
            year: Year::Century(middle.div_euclid(100)),
            within: Within::Whole,
            time: None,
        })),
        calendar: Some(calendars::CalendarNote {
            calendar: calendars::Calendar::Hijri,
            original: format!("{c:02}"),
            reason: None,
        }),
        ..norm.clone()
    })
}

/// A bare year read as a Hijri year: the Gregorian year holding most of it.
fn as_hijri_year(norm: &Normalised) -> Option<Normalised> {
    let Meaning::Fixed(Value::Date(Date {
        year: Year::Full(y),
        within: Within::Whole,
        time: None,
    })) = norm.meaning
    else {
        return None;
    };
    if !(1..=1500).contains(&y) {
        return None;
    }
    let (s, e) = calendars::gregorian_range(calendars::Calendar::Hijri, y, None)?;
    Some(Normalised {
        meaning: Meaning::Fixed(Value::Date(Date::year(calendars::majority_year(s, e)?))),
        calendar: Some(calendars::CalendarNote {
            calendar: calendars::Calendar::Hijri,
            original: format!("{y:04}"),
            reason: None,
        }),
        ..norm.clone()
    })
}

/// The outputs of one expression, before the story model decides its role.
#[derive(Clone, Debug)]
pub(super) struct Stepped {
    /// The timexes it gives (two for "June 1-3" and "1914-18"), with what each may borrow.
    pub timexes: Vec<(Timex, Borrow)>,
    /// The story if it takes the expression.
    pub moved: Anchor,
    /// The story if it does not: as it was before.
    pub kept: Anchor,
    /// The value the story would take, when the expression names a date.
    pub date: Option<Date>,
    /// Whether the main timex is one of a pair of years or days written as a range in one
    /// expression ("1914-18", "June 1-3"): such pairs never take part in bracket handling.
    pub split: bool,
    pub glance: Glance,
}

/// The few facts of the outputs so far that a step reads: the last timex (for "compared with
/// ... a year earlier" after "the nine months") and where the expression's sentence starts (for
/// "… after 500, … fifteen years earlier").
#[derive(Clone, Copy, Debug)]
pub(super) struct Before<'a> {
    pub last: Option<&'a Timex>,
    pub sentence_start: usize,
}

/// Resolve candidate `k` against `anchor`.
pub(super) fn step(
    text: &str,
    config: &Config,
    candidates: &[Candidate],
    k: usize,
    prep: &Prepared,
    anchor: &Anchor,
    before: Before<'_>,
) -> Stepped {
    let cand = &candidates[k];
    let norm = &prep.norm;
    let tense = prep.tense;
    let rule = prep.rule;
    let mut meaning = norm.meaning;
    if let Meaning::Fixed(v) = &mut meaning {
        short_years::inherit_era(text, cand, anchor.story_year(), v);
    }
    let kept = anchor.clone();
    let mut moved = anchor.clone();
    // "From October to March": a range of months without years is anchored as one unit. When
    // the story has reached a month, the range's end is placed against it and its start takes
    // the end's year (or the year before, `borrow_from_next`), so the start must not move the
    // story first: October resolved alone would run ahead of a story already in March. With only
    // a year in the story ("In 1944 … from October to March") the range starts in that year, as
    // resolving in order gives.
    let range_start = anchor.story_names_month()
        && opens_month_range(text, &meaning, cand, candidates.get(k + 1));
    // "… when writing after 500, and … when investigating, fifteen years earlier": a count
    // from a date earlier in its own sentence counts from that date, even one the story did
    // not move to (an aside), not from the story. Not a count from an event ("at the end of
    // 499, eleven years after his flight"): that one counts back to the date.
    let sentence_date = match (meaning, before.last) {
        (
            Meaning::Offset {
                anaphoric: true,
                amount: Some(_),
                ..
            },
            Some(last),
        ) if last.role != super::Role::Story
            && counts_itself(&text[cand.span.start..cand.span.end])
            && last.span.start >= before.sentence_start =>
        {
            match last.value {
                Value::Date(d) if d.full_year().is_some() => Some((d, last.modifier)),
                _ => None,
            }
        }
        _ => None,
    };
    let (mut value, anchoring, glance) = match sentence_date {
        Some((d, modifier)) => {
            let mut from = anchor.clone();
            from.advance_to(&d, modifier);
            from.resolve(meaning, tense)
        }
        None => anchor.resolve(meaning, tense),
    };
    if let (Value::Date(d), false) = (&value, range_start) {
        moved.advance_to(d, norm.modifier);
    }
    if let Value::Date(d) = &mut value {
        if let Some(q) = quarter_ended(text, cand.span, d, candidates.get(k + 1), &moved) {
            *d = q;
            moved.advance(d);
        }
    }
    // "The 1989 period", "the year-ago quarter": in a report a period named by its year is the
    // reported quarter of that year.
    if matches!(
        rule,
        "year-period" | "year-ago" | "period-year-ago" | "period-last-year" | "last-years-period"
    ) {
        let written = text[cand.span.start..cand.span.end].to_ascii_lowercase();
        if let (Value::Date(d), Some(q), true) = (
            &mut value,
            moved.reporting_quarter(),
            written.contains("quarter") || written.contains("period"),
        ) {
            if d.within == Within::Whole && matches!(d.year, Year::Full(_)) && d.time.is_none() {
                d.within = q;
                if rule == "year-period" {
                    moved.advance(d);
                }
            }
        }
    }
    // "For the nine months, net was $5 million, compared with $4 million a year earlier": the
    // comparison is with the same months a year back, which no quarter names; the year is the
    // nearest TimeML date.
    if let (
        Meaning::Offset {
            unit: Unit::Year,
            counted: true,
            sign: -1,
            ..
        },
        Value::Date(d),
        Some(last),
    ) = (norm.meaning, &mut value, before.last)
    {
        let months_before = matches!(
            last.value,
            Value::Duration(Duration {
                tenths: Some(60 | 90),
                unit: Unit::Month
            })
        ) && text
            .get(last.span.end..cand.span.start)
            .is_some_and(|between| !between.contains(". "));
        if months_before && matches!(d.within, Within::Quarter(_) | Within::Half(_)) {
            d.within = Within::Whole;
        }
    }
    // "The seventh day (of the siege)" names a day: when the story only knows its month or
    // year, the day stays unknown within it (BC0480-08-XX), not the month itself.
    if rule == "ordinal-day-of" {
        if let Value::Date(d) = &mut value {
            match d.within {
                Within::Day(..) => {}
                Within::Month(m) => d.within = Within::Day(m, None),
                _ => d.within = Within::Day(None, None),
            }
        }
    }
    // "The week of March 6" is the ISO week that holds the day, and so is "Easter week".
    let holiday_week = rule == "holiday"
        && text[cand.span.start..cand.span.end]
            .trim_end_matches(|c: char| c.is_ascii_digit() || c == ',' || c == ' ')
            .to_ascii_lowercase()
            .ends_with("week");
    if matches!(rule, "week-of-date" | "week-of-date-dm") || holiday_week {
        if let Value::Date(d) = &mut value {
            if let Some(day) = date_math::civil_day(d) {
                let iso = day.iso_week_date();
                *d = Date {
                    year: Year::Full(iso.year() as i32),
                    within: Within::Week(Some(iso.week() as u8)),
                    time: None,
                };
            }
        }
    }
    let mut calendar = norm.calendar.clone();
    let cut_over = |v: Value| match (config.julian_until, julian_to_gregorian(v)) {
        // Dates before the Gregorian calendar began (15 October 1582) stay as written.
        (Some(cut), Some((Value::Date(g), _))) => g
            .ymd()
            .and_then(|(y, m, d)| jiff::civil::Date::new(y as i16, m as i8, d as i8).ok())
            .is_some_and(|g| g < cut && g >= jiff::civil::date(1582, 10, 15)),
        _ => false,
    };
    let convert = match norm.julian {
        normalise::JulianHint::OldStyle => true,
        normalise::JulianHint::Unmarked => cut_over(value),
        _ => false,
    };
    if convert {
        if let Some((gregorian, mut note)) = julian_to_gregorian(value) {
            if norm.julian == normalise::JulianHint::Unmarked {
                note.reason = config.julian_reason;
            }
            value = gregorian;
            calendar = Some(note);
            if let Value::Date(d) = value {
                moved.advance(&d);
            }
        }
    } else if norm.julian == normalise::JulianHint::Dual {
        if let Value::Date(d) = value {
            if let Some((y, m, day)) = d.ymd() {
                calendar = calendars::from_gregorian(calendars::Calendar::Julian, (y, m, day)).map(
                    |(jy, jm, jd)| calendars::CalendarNote {
                        calendar: calendars::Calendar::Julian,
                        original: format!("{jy:04}-{jm:02}-{jd:02}"),
                        reason: None,
                    },
                );
            }
        }
    }
    let date = match value {
        Value::Date(d) => Some(d),
        _ => None,
    };
    let timex = |span: Span, ttype: TimexType, value: Value| Timex {
        span,
        ttype,
        value,
        modifier: None,
        quant: None,
        freq: None,
        anchoring,
        rule,
        calendar: calendar.clone(),
        amount: None,
        role: super::Role::Story,
        reference: (anchoring == Anchoring::Story)
            .then(|| anchor.story())
            .flatten(),
    };
    let stepped = |timexes: Vec<(Timex, Borrow)>, split: bool| Stepped {
        timexes,
        moved: moved.clone(),
        kept: kept.clone(),
        date,
        split,
        glance,
    };
    if rule == "year-range-short" || rule == "double-year" {
        // "1914–18" is two years: the first as written, the second completed from the first;
        // "446/5 BC" the year and the one before it, both BC.
        if let (Some(y), Some(yy)) = (
            cand.parts[recognise::Part::Y as usize],
            cand.parts[recognise::Part::Yy2 as usize],
        ) {
            let digits = &text[yy.start..yy.end];
            let modulus = 10i32.pow(digits.len() as u32);
            let bc = cand
                .part(text, recognise::Part::Era)
                .is_some_and(|e| e.starts_with(['B', 'b']));
            let sign = if bc { -1 } else { 1 };
            let written: i32 = text[y.start..y.end].parse().unwrap_or(0);
            let first = sign * written;
            let near = if bc { written - 1 } else { written + 1 };
            let second =
                sign * (near - near.rem_euclid(modulus) + digits.parse::<i32>().unwrap_or(0));
            let yy = if rule == "double-year" {
                Span::new(yy.start, cand.span.end)
            } else {
                yy
            };
            let pair = [(y, first), (yy, second)]
                .into_iter()
                .map(|(span, year)| {
                    let mut t = timex(span, TimexType::Date, Value::Date(Date::year(year)));
                    t.anchoring = Anchoring::Explicit;
                    t.calendar = None;
                    (t, Borrow::Nothing)
                })
                .collect();
            return stepped(pair, true);
        }
    }
    if let (Some(d), Some(d2)) = (
        cand.parts[recognise::Part::D as usize],
        cand.parts[recognise::Part::D2 as usize],
    ) {
        // "6–7 January 1916", "June 1-3": two dates sharing month and year.
        let second_day: Option<u8> = text[d2.start..d2.end]
            .trim_end_matches(|c: char| c.is_ascii_alphabetic())
            .parse()
            .ok();
        if let (Value::Date(first), Some(day2)) = (value, second_day) {
            if let Within::Day(m, Some(_)) = first.within {
                let second = Date {
                    within: Within::Day(m, Some(day2)),
                    ..first
                };
                let pair = [
                    (Span::new(cand.span.start, d.end), first),
                    (Span::new(d2.start, cand.span.end), second),
                ]
                .into_iter()
                .map(|(span, v)| (timex(span, norm.ttype, Value::Date(v)), Borrow::Nothing))
                .collect();
                return stepped(pair, true);
            }
        }
    }
    let borrow = match norm.meaning {
        Meaning::NeedsYear(..) => Borrow::Year,
        Meaning::Clock(t) => Borrow::Day(t),
        Meaning::MonthDay(d) => Borrow::Month(d),
        _ => Borrow::Nothing,
    };
    let mut main = timex(cand.span, norm.ttype, value);
    main.modifier = norm.modifier;
    main.quant = norm.quant.clone();
    main.freq = norm.freq.clone();
    main.amount = super::neighbours::counted_amount(cand, &norm.meaning);
    stepped(vec![(main, borrow)], false)
}

/// Convert a resolved Julian day to the Gregorian calendar, keeping the Julian date as a note.
fn julian_to_gregorian(value: Value) -> Option<(Value, calendars::CalendarNote)> {
    let Value::Date(d) = value else { return None };
    let (y, m, day) = d.ymd()?;
    let (gy, gm, gd) = calendars::to_gregorian(calendars::Calendar::Julian, (y, m, day))?;
    Some((
        Value::Date(Date {
            time: d.time,
            ..Date::day(gy, gm, gd)
        }),
        calendars::CalendarNote {
            calendar: calendars::Calendar::Julian,
            original: format!("{y:04}-{m:02}-{day:02}"),
            reason: None,
        },
    ))
}

/// Prepare candidate `cand` (rule `rule`) in `mode`: `None` when it is no time expression here.
pub(super) fn prepare(text: &str, cand: &Candidate, mode: Mode) -> Option<Prepared> {
    let rules = super::rules::rules();
    if mode == Mode::News && rules.rules[cand.rule].narrative_only {
        return None;
    }
    let rule = rules.names[cand.rule];
    // "Later in the day", "earlier in the day": TimeBank and AQUAINT leave these unmarked (one
    // of four has only "the day" marked); "later that day" is marked. A narrative keeps them
    // all, as they place events on the story's day.
    if mode == Mode::News
        && matches!(rule, "anaphoric-unit" | "later-that-unit")
        && cand
            .part(text, recognise::Part::Unit)
            .is_some_and(|u| u.eq_ignore_ascii_case("day"))
        && cand
            .part(text, recognise::Part::Rel)
            .is_some_and(|r| r.eq_ignore_ascii_case("the"))
    {
        return None;
    }
    let mut norm = normalise::normalise(text, cand)?;
    let tense = tense::tense_near(text, cand.span.start, cand.span.end);
    if mode == Mode::Narrative && norm.ttype == TimexType::Duration {
        if let Some(meaning) = super::neighbours::offset_from_event(text, cand, &norm.meaning) {
            norm.meaning = meaning;
            norm.ttype = TimexType::Date;
        }
    }
    Some(Prepared {
        norm,
        tense,
        rule,
        other: None,
    })
}

/// Whether a counted offset says its own direction and nothing follows it ("fifteen years
/// earlier", "two days later"), unlike one counted from an event ("eleven years [after his
/// flight]").
fn counts_itself(written: &str) -> bool {
    written.split_whitespace().next_back().is_some_and(|w| {
        matches!(
            w.to_lowercase().as_str(),
            "earlier" | "later" | "afterwards" | "afterward" | "previously" | "before" | "after"
        )
    })
}
