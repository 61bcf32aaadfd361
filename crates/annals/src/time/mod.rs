//! Time stage: recognise time expressions, normalise them to TIMEX3 values, anchor the relative ones.
//!
//! - [`recognise`]: find spans and their parts with rule tables compiled once into one automaton.
//! - [`normalise`]: turn parts into a typed value, possibly underspecified or relative.
//! - [`anchor`]: resolve what is relative against the document date (news) or the story (narrative).

pub mod anchor;
pub mod calendars;
mod context;
pub mod lexicon;
pub mod normalise;
pub mod recognise;
pub mod rules;
pub mod tense;
pub mod value;
mod words;

use crate::document::{Span, Tag};
use crate::pipeline::Mode;
use crate::text::Segmented;
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
        let Some(norm) = normalise::normalise(text, cand) else {
            continue;
        };
        let tense = tense::tense_near(text, cand.span.start, cand.span.end);
        let mut norm = norm;
        if mode == Mode::Narrative && norm.ttype == TimexType::Duration {
            if let Some(meaning) = offset_from_event(text, cand, &norm.meaning) {
                norm.meaning = meaning;
                norm.ttype = TimexType::Date;
            }
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
        // looks back without moving the story (the next "February 29" stays in its year).
        if mode == Mode::Narrative && words::word_before(text, cand.span.start) == "since" {
            anchor = state_before.clone();
        }
        // "An assault that lasted until the fall of Budapest in February 1945": the end of
        // what is told reaches ahead without taking the story there (which still starts a
        // story that has no date yet: "The siege lasted until 1855").
        if mode == Mode::Narrative
            && state_before.has_story()
            && reaches_until(text, cand.span.start)
        {
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
                if let Some(day) = anchor::civil_day(d) {
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

/// "499-493 BC", "from 264 to 241 BC": a bare number joined to a BC year is the range's first
/// year, in the same era, when it lies before it (BC years count down). Alone, "499" is a
/// number; the era written on the range's end makes it a year.
fn bc_range_starts(text: &str, out: &mut Vec<Timex>) {
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
        let head = text[..t.span.start].trim_end();
        let Some(head) = ["-", "–", "—", " to", " until", " and"]
            .iter()
            .find_map(|c| {
                head.strip_suffix(c.trim_start())
                    .filter(|h| !c.starts_with(' ') || h.ends_with(char::is_whitespace))
            })
        else {
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
fn reaches_until(text: &str, at: usize) -> bool {
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
fn quarter_ended(
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
    let (Value::Date(end), _) = anchor.clone().resolve(meaning, tense::Tense::Past) else {
        return None;
    };
    let middle = anchor::civil_day(&end)?
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
fn offset_from_event(
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
fn counted_amount(
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
    if length_unit == Unit::Year && sign < 0 && amount == Some(1) || amount == Some(0) {
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
fn bracketed_years(text: &str, first: &Timex, last: &Timex) -> Option<(Date, bool)> {
    let (Value::Date(a), Value::Date(b)) = (first.value, last.value) else {
        return None;
    };
    if a.within != Within::Whole || b.within != Within::Whole || a.full_year()? > b.full_year()? {
        return None;
    }
    let gap = if first.span == last.span {
        "-"
    } else {
        text.get(first.span.end..last.span.start)?.trim()
    };
    let opened = text.get(..first.span.start)?.trim_end().ends_with('(');
    let closed = text.get(last.span.end..)?.trim_start().starts_with(')');
    if !(matches!(gap, "-" | "–" | "—") && opened && closed) {
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
fn opens_month_range(
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
#[derive(Clone, Copy)]
enum Borrow {
    Nothing,
    /// Its year ("14 August–24 August 1914", "between March and April 1918").
    Year,
    /// Its day ("11 a.m. on 11 November 1918", "10:35 a.m. yesterday").
    Day(value::TimeOfDay),
    /// Its month and year ("from the 13th to the 19th of October 1950").
    Month(u8),
}

/// In ranges and "time on date" pairs the second expression completes the first; that beats the
/// story's reference, which may be stale.
/// Whether the words between a clock time and a date name where the clock is read: "5:34 AM
/// Baghdad time on March 20", "10 p.m. local time Friday", "noon EST on Tuesday".
fn names_a_zone(gap: &str) -> bool {
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

fn borrow_from_next(text: &str, out: &mut [Timex], borrows: &[(usize, Borrow)]) {
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
        if !(joined || zone) {
            continue;
        }
        let (Value::Date(first), Value::Date(second)) = (out[i].value, next.value) else {
            continue;
        };
        let next_anchoring = next.anchoring;
        match borrow {
            Borrow::Year => {
                let (Year::Full(y), Some(m2)) = (second.year, month_of(&second)) else {
                    continue;
                };
                let m1 = month_of(&first).unwrap_or(m2);
                let year = if m1 > m2 { y - 1 } else { y };
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
                    if anchor::civil_day(&d).is_some() {
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
