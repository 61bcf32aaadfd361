//! Time stage: recognise time expressions, normalise them to TIMEX3 values, anchor the relative ones.
//!
//! - [`recognise`]: find spans and their parts with rule tables compiled once into one automaton.
//! - [`normalise`]: turn parts into a typed value, possibly underspecified or relative.
//! - [`anchor`]: resolve what is relative against the document date (news) or the story (narrative).

pub mod anchor;
pub mod calendars;
mod context;
mod date_math;
pub mod lexicon;
mod lookalikes;
mod neighbours;
pub mod normalise;
pub mod recognise;
pub mod rules;
mod short_years;
pub mod tense;
pub mod value;
mod words;

use crate::document::{Span, Tag};
use crate::pipeline::Mode;
use crate::text::Segmented;
use neighbours::{
    bc_range_starts, borrow_from_next, bracketed_years, counted_amount, offset_from_event,
    opens_month_range, quarter_ended, reaches_until, Borrow,
};
use serde::Serialize;
pub use value::{Date, Duration, Granularity, Reference, Unit, Value, Within, Year};

/// TIMEX3 `type`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexType {
    Date,
    Time,
    Duration,
    Set,
}

impl TimexType {
    pub fn as_str(self) -> &'static str {
        match self {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        }
    }
}

/// TIMEX3 `mod`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Mod {
    Start,
    Mid,
    End,
    Approx,
    Before,
    After,
    OnOrBefore,
    OnOrAfter,
    LessThan,
    MoreThan,
    EqualOrLess,
    EqualOrMore,
}

impl Mod {
    pub fn as_str(self) -> &'static str {
        match self {
            Mod::Start => "START",
            Mod::Mid => "MID",
            Mod::End => "END",
            Mod::Approx => "APPROX",
            Mod::Before => "BEFORE",
            Mod::After => "AFTER",
            Mod::OnOrBefore => "ON_OR_BEFORE",
            Mod::OnOrAfter => "ON_OR_AFTER",
            Mod::LessThan => "LESS_THAN",
            Mod::MoreThan => "MORE_THAN",
            Mod::EqualOrLess => "EQUAL_OR_LESS",
            Mod::EqualOrMore => "EQUAL_OR_MORE",
        }
    }
}

/// How a value was obtained; the timeline uses it for confidence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Anchoring {
    /// Fully given by the text.
    Explicit,
    /// Completed or computed from the story's reference time.
    Story,
    /// Completed or computed from the document creation time.
    DocumentDate,
    /// Nothing to anchor it to: left underspecified.
    Unanchored,
}

/// One recognised and normalised time expression.
#[derive(Clone, Debug, PartialEq)]
pub struct Timex {
    pub span: Span,
    pub ttype: TimexType,
    pub value: Value,
    pub modifier: Option<Mod>,
    /// For SET: `EVERY`, `EACH`, …
    pub quant: Option<String>,
    /// For SET: `2X` (twice) …
    pub freq: Option<String>,
    pub anchoring: Anchoring,
    /// The rule that recognised it, for `--explain` and error analysis.
    pub rule: &'static str,
    /// The calendar it was written in and the date as written there, when not Gregorian.
    pub calendar: Option<calendars::CalendarNote>,
    /// For an amount counted from another time ("three days later", "a day earlier"), the amount
    /// alone: its span ("three days") and length. TimeML annotates news this way, a DURATION
    /// with "later" left as a signal (see [`Timex::as_annotated`]); `value` keeps the date the
    /// amount reaches, which is what the timeline places.
    pub amount: Option<(Span, Duration)>,
}

impl Timex {
    /// The expression as TimeML annotates it in `mode`. In news (TimeBank, AQUAINT) a counted
    /// offset from another time is a DURATION over the amount alone: "<TIMEX3>three
    /// days</TIMEX3> later". Narrative corpora (WikiWars) annotate the whole phrase as the date
    /// it reaches, which is the timex itself.
    pub fn as_annotated(&self, mode: Mode) -> std::borrow::Cow<'_, Timex> {
        match (mode, self.amount) {
            (Mode::News, Some((span, length))) => std::borrow::Cow::Owned(Timex {
                span,
                ttype: TimexType::Duration,
                value: Value::Duration(length),
                amount: None,
                ..self.clone()
            }),
            _ => std::borrow::Cow::Borrowed(self),
        }
    }

    /// The TIMEX3 element for this expression.
    pub fn to_tag(&self, tid: usize) -> Tag {
        let mut attrs = vec![
            ("tid".to_string(), format!("t{tid}")),
            ("type".to_string(), self.ttype.as_str().to_string()),
            ("value".to_string(), self.value.to_string()),
        ];
        if let Some(m) = self.modifier {
            attrs.push(("mod".to_string(), m.as_str().to_string()));
        }
        if let Some(q) = &self.quant {
            attrs.push(("quant".to_string(), q.clone()));
        }
        if let Some(f) = &self.freq {
            attrs.push(("freq".to_string(), f.clone()));
        }
        // Not TimeML 1.2 attributes: the original calendar and date, so that nothing written
        // in the source is lost by normalising to the Gregorian value.
        if let Some(c) = &self.calendar {
            attrs.push(("calendar".to_string(), c.calendar.as_str().to_string()));
            attrs.push(("original".to_string(), c.original.clone()));
        }
        Tag {
            span: self.span,
            name: "TIMEX3".to_string(),
            attrs,
        }
    }
}

/// Parse a document creation time given as `YYYY-MM-DD` (a time part, if any, is ignored).
pub fn parse_dct(s: &str) -> crate::Result<jiff::civil::Date> {
    let day = s.get(..10).unwrap_or(s);
    day.parse::<jiff::civil::Date>()
        .map_err(|e| crate::Error::Date {
            input: s.to_string(),
            message: format!("{e}; expected YYYY-MM-DD"),
        })
}

/// Settings of one tagging run.
#[derive(Clone, Copy, Debug, Default)]
pub struct Config {
    pub mode: Mode,
    pub dct: Option<jiff::civil::Date>,
    /// Dates up to this (Gregorian) day are Julian unless marked New Style: Russian sources before
    /// 1918-02-14 write Old Style dates without saying so.
    pub julian_until: Option<jiff::civil::Date>,
}

/// Find, normalise and anchor every time expression in `text`.
pub fn tag(
    text: &str,
    segmented: &Segmented,
    mode: Mode,
    dct: Option<jiff::civil::Date>,
) -> Vec<Timex> {
    tag_with(
        text,
        segmented,
        &Config {
            mode,
            dct,
            julian_until: None,
        },
    )
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
        },
    ))
}

/// Find, normalise and anchor every time expression in `text`, with all settings.
pub fn tag_with(text: &str, _segmented: &Segmented, config: &Config) -> Vec<Timex> {
    let (mode, dct) = (config.mode, config.dct);
    let names = &rules::rules().names;
    let mut anchor = anchor::Anchor::new(mode, dct);
    let mut out: Vec<Timex> = Vec::new();
    let mut borrows = Vec::new();
    let all_rules = &rules::rules().rules;
    let candidates = recognise::recognise(text);
    // The last timex pushed by the main path, with the anchor as it was before it.
    let mut previous: Option<(usize, anchor::Anchor)> = None;
    for (k, cand) in candidates.iter().enumerate() {
        if mode == Mode::News && all_rules[cand.rule].narrative_only {
            continue;
        }
        // "Later in the day", "earlier in the day": TimeBank and AQUAINT leave these unmarked
        // (one of four has only "the day" marked); "later that day" is marked. A narrative
        // keeps them all, as they place events on the story's day.
        if mode == Mode::News
            && matches!(names[cand.rule], "anaphoric-unit" | "later-that-unit")
            && cand
                .part(text, recognise::Part::Unit)
                .is_some_and(|u| u.eq_ignore_ascii_case("day"))
            && cand
                .part(text, recognise::Part::Rel)
                .is_some_and(|r| r.eq_ignore_ascii_case("the"))
        {
            continue;
        }
        let Some(mut norm) = normalise::normalise(text, cand) else {
            continue;
        };
        let tense = tense::tense_near(text, cand.span.start, cand.span.end);
        if mode == Mode::Narrative && norm.ttype == TimexType::Duration {
            if let Some(meaning) = offset_from_event(text, cand, &norm.meaning) {
                norm.meaning = meaning;
                norm.ttype = TimexType::Date;
            }
        }
        if let normalise::Meaning::Fixed(v) = &mut norm.meaning {
            short_years::inherit_era(text, cand, anchor.story_year(), v);
        }
        let state_before = anchor.clone();
        // "From October to March": a range of months without years is anchored as one unit.
        // When the story has reached a month, the range's end is placed against it and its
        // start takes the end's year (or the year before, `borrow_from_next`), so the start
        // must not move the story first: October resolved alone would run ahead of a story
        // already in March. With only a year in the story ("In 1944 … from October to March")
        // the range starts in that year, as resolving in order gives.
        let story_before = (anchor.story_names_month()
            && opens_month_range(text, &norm.meaning, cand, candidates.get(k + 1)))
        .then(|| anchor.clone());
        let (mut value, anchoring) = anchor.resolve(norm.meaning, tense);
        if let Some(before) = story_before {
            anchor = before;
        }
        if let Value::Date(d) = &mut value {
            if let Some(q) = quarter_ended(text, cand.span, d, candidates.get(k + 1), &anchor) {
                *d = q;
                anchor.advance(d);
            }
        }
        // "The first incursion since 1995": a span reaching from then up to the story's present
        // looks back without moving the story (the next "February 29" stays in its year). "An
        // assault that lasted until the fall of Budapest in February 1945": the end of what is
        // told reaches ahead without taking the story there (which still starts a story that has
        // no date yet: "The siege lasted until 1855").
        let since = || words::word_before(text, cand.span.start) == "since";
        let until = || state_before.has_story() && reaches_until(text, cand.span.start);
        // "… exposed for a planned campaign in 1976. The ARVN collapsed on 11 March": a plan
        // for a later year tells what was expected, not what happened next; the story stays.
        let planned = || {
            tense == tense::Tense::Future
                && matches!((&value, state_before.story_year()), (Value::Date(d), Some(y))
                    if d.full_year().is_some_and(|dy| dy > y))
        };
        if mode == Mode::Narrative && (since() || until() || planned()) {
            anchor = state_before.clone();
        }
        let rule = names[cand.rule];
        // "The 1989 period", "the year-ago quarter": in a report a period named by its year is
        // the reported quarter of that year.
        if matches!(
            rule,
            "year-period"
                | "year-ago"
                | "period-year-ago"
                | "period-last-year"
                | "last-years-period"
        ) {
            let written = text[cand.span.start..cand.span.end].to_ascii_lowercase();
            if let (Value::Date(d), Some(q), true) = (
                &mut value,
                anchor.reporting_quarter(),
                written.contains("quarter") || written.contains("period"),
            ) {
                if d.within == Within::Whole && matches!(d.year, Year::Full(_)) && d.time.is_none()
                {
                    d.within = q;
                    if rule == "year-period" {
                        anchor.advance(d);
                    }
                }
            }
        }
        // "For the nine months, net was $5 million, compared with $4 million a year earlier":
        // the comparison is with the same months a year back, which no quarter names; the year
        // is the nearest TimeML date.
        if let (
            normalise::Meaning::Offset {
                unit: Unit::Year,
                counted: true,
                sign: -1,
                ..
            },
            Value::Date(d),
            Some(last),
        ) = (norm.meaning, &mut value, out.last())
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
            (Some(cut), Some((Value::Date(g), _))) => g
                .ymd()
                .and_then(|(y, m, d)| jiff::civil::Date::new(y as i16, m as i8, d as i8).ok())
                .is_some_and(|g| g < cut),
            _ => false,
        };
        let convert = match norm.julian {
            normalise::JulianHint::OldStyle => true,
            normalise::JulianHint::Unmarked => cut_over(value),
            _ => false,
        };
        if convert {
            if let Some((gregorian, note)) = julian_to_gregorian(value) {
                value = gregorian;
                calendar = Some(note);
                if let Value::Date(d) = value {
                    anchor.advance(&d);
                }
            }
        } else if norm.julian == normalise::JulianHint::Dual {
            if let Value::Date(d) = value {
                if let Some((y, m, day)) = d.ymd() {
                    calendar = calendars::from_gregorian(calendars::Calendar::Julian, (y, m, day))
                        .map(|(jy, jm, jd)| calendars::CalendarNote {
                            calendar: calendars::Calendar::Julian,
                            original: format!("{jy:04}-{jm:02}-{jd:02}"),
                        });
                }
            }
        }
        let borrow = match norm.meaning {
            normalise::Meaning::NeedsYear(..) => Borrow::Year,
            normalise::Meaning::Clock(t) => Borrow::Day(t),
            normalise::Meaning::MonthDay(d) => Borrow::Month(d),
            _ => Borrow::Nothing,
        };
        if rule == "year-range-short" {
            // "1914–18" is two years: the first as written, the second completed from the first.
            if let (Some(y), Some(yy)) = (
                cand.parts[recognise::Part::Y as usize],
                cand.parts[recognise::Part::Yy2 as usize],
            ) {
                let first: i32 = text[y.start..y.end].parse().unwrap_or(0);
                let second =
                    first - first % 100 + text[yy.start..yy.end].parse::<i32>().unwrap_or(0);
                for (span, year) in [(y, first), (yy, second)] {
                    out.push(Timex {
                        span,
                        ttype: TimexType::Date,
                        value: Value::Date(Date::year(year)),
                        modifier: None,
                        quant: None,
                        freq: None,
                        anchoring: Anchoring::Explicit,
                        rule,
                        calendar: None,
                        amount: None,
                    });
                }
                continue;
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
                    for (span, v) in [
                        (Span::new(cand.span.start, d.end), first),
                        (Span::new(d2.start, cand.span.end), second),
                    ] {
                        out.push(Timex {
                            span,
                            ttype: norm.ttype,
                            value: Value::Date(v),
                            modifier: None,
                            quant: None,
                            freq: None,
                            anchoring,
                            rule,
                            calendar: calendar.clone(),
                            amount: None,
                        });
                    }
                    continue;
                }
            }
        }
        borrows.push((out.len(), borrow));
        let amount = counted_amount(cand, &norm.meaning);
        out.push(Timex {
            span: cand.span,
            ttype: norm.ttype,
            value,
            modifier: norm.modifier,
            quant: norm.quant,
            freq: norm.freq,
            anchoring,
            rule,
            calendar: calendar.clone(),
            amount,
        });
        // A year range in brackets: on a heading ("The Directory (1795-1799)") it opens a
        // section that starts at its first year, so the story reads on from there; in running
        // text ("Napoleon (1769-1821) was exiled") it is an aside that leaves the story alone.
        // So is a single year in brackets in running text: a book's date ("How Wars Are Won
        // (2003), Alexander reports"), a treaty's ("the Treaty of Paris (1783)").
        let mut aside = false;
        if let ([.., first, last], Some((at, before_first))) = (out.as_slice(), &previous) {
            if *at == out.len() - 2 {
                match bracketed_years(text, first, last) {
                    Some((start, true)) => anchor.advance(&start),
                    Some((_, false)) => {
                        anchor = before_first.clone();
                        aside = true;
                    }
                    None => {}
                }
            }
        }
        if let (false, Some(last)) = (aside, out.last()) {
            if let Some((_, false)) = bracketed_years(text, last, last) {
                anchor = state_before.clone();
            }
        }
        previous = Some((out.len() - 1, state_before));
    }
    borrow_from_next(text, &mut out, &borrows);
    bc_range_starts(text, &mut out);
    out
}
