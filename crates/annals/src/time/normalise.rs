//! Normalisation: turn a candidate's parts into a typed meaning. What the text alone cannot settle
//! (a missing year, "three days later", "Tuesday") stays relative here and is resolved by `anchor`.

use super::anchor::is_anaphoric;
use super::calendars::{self, Calendar, CalendarNote};
use super::lexicon;
use super::recognise::{Candidate, Part, Style};
use super::rules::Kind;
use super::value::{Date, Duration, PartOfDay, Reference, TimeOfDay, Unit, Value, Within, Year};
use super::{Mod, TimexType};

/// Which year a date without one belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum YearChoice {
    /// The reference year, moving forward or back by tense and the order of months.
    Context,
    /// The reference year plus this many ("next year" = +1, "that year" = 0).
    Shift(i32),
    /// The nearest such period after (+1) or before (-1) the reference ("next March", "last summer").
    Nearest(i32),
}

/// What an expression means before anchoring.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Meaning {
    Fixed(Value),
    /// A calendar date with `Year::Unknown`, to be completed from the reference.
    NeedsYear(Date, YearChoice),
    /// An offset of `amount` units from the reference (`None` = a vague amount, "a few days later").
    Offset {
        unit: Unit,
        amount: Option<i32>,
        sign: i32,
        time: Option<TimeOfDay>,
        /// Relative to the story's time ("the next day", "three days later", "that year") rather
        /// than to the moment of writing ("tomorrow", "next year", "two years ago").
        anaphoric: bool,
        /// Counted ("a year earlier", "two years ago") rather than named ("last year"): a counted
        /// year from a quarter lands on the same quarter.
        counted: bool,
    },
    /// A weekday: the nearest one before (-1), after (+1) or by tense (0).
    Weekday {
        weekday: u8,
        dir: i32,
        time: Option<TimeOfDay>,
        /// Counted from the story's day ("the previous Friday", "the following Monday") rather
        /// than from the moment of writing ("last Friday", "next Monday").
        anaphoric: bool,
    },
    /// A time of day on the reference day.
    Clock(TimeOfDay),
    /// A day of the reference month ("on the 20th").
    MonthDay(u8),
    /// The story's current time ("at the same time", "this period").
    StoryTime,
    /// "The turn of the century": the century boundary nearest the story's year.
    CenturyTurn,
    /// A named day whose date depends on the year ("Thanksgiving", "Easter").
    Holiday(lexicon::Holiday, YearChoice),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Normalised {
    pub ttype: TimexType,
    pub meaning: Meaning,
    pub modifier: Option<Mod>,
    pub quant: Option<String>,
    pub freq: Option<String>,
    /// The date as written in another calendar (Hijri, Persian), when it was one.
    pub calendar: Option<CalendarNote>,
    /// Whether the resolved date is Julian and must be converted, or a dual date.
    pub julian: JulianHint,
}

/// What the text says about the Julian calendar for this date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JulianHint {
    /// Nothing: Gregorian unless a Julian cut-over option says otherwise.
    Unmarked,
    /// Marked Old Style: convert the resolved day to Gregorian.
    OldStyle,
    /// Marked New Style: Gregorian whatever the cut-over option says.
    NewStyle,
    /// Both styles given; the value is the New Style one, the Julian one is kept as the original.
    Dual,
}

fn parse_year(s: &str) -> Option<i32> {
    let digits: String = s.chars().filter(|c| c.is_ascii_digit()).collect();
    let y: i32 = digits.parse().ok()?;
    let upper = s.to_ascii_uppercase();
    if upper.contains("B.C") || upper.contains("BC") {
        Some(-y)
    } else {
        Some(y)
    }
}

fn rel_sign(word: &str) -> i32 {
    let w = word.to_ascii_lowercase();
    let w = w.trim_start_matches("the").trim();
    let w = w.split_whitespace().next().unwrap_or("");
    match w {
        "next" | "following" | "coming" | "upcoming" => 1,
        "last" | "previous" | "preceding" | "past" | "prior" => -1,
        // "The latest quarter" in a report is the last one completed before it was written.
        "latest" => -1,
        _ => 0,
    }
}

fn pod_of(c: &Candidate, text: &str) -> Option<TimeOfDay> {
    let w = c.part(text, Part::Pod)?;
    let w = w
        .split_whitespace()
        .last()
        .unwrap_or(w)
        .to_ascii_lowercase();
    // Noon and midnight are clock times; ISO 8601 and TimeML write the midnight that ends a
    // day ("midnight Friday") as 24:00 of that day.
    if w == "noon" || w == "midday" || w == "midnight" {
        return Some(TimeOfDay::Clock {
            hour: if w == "midnight" { 24 } else { 12 },
            minute: Some(0),
            second: None,
        });
    }
    lexicon::part_of_day(w.trim_start_matches("mid").trim_start_matches('-')).map(TimeOfDay::Part)
}

fn span_mod(dmod: Option<&str>) -> Option<Mod> {
    match dmod.map(|s| s.to_ascii_lowercase()) {
        Some(s) if s == "early" => Some(Mod::Start),
        Some(s) if s == "mid" => Some(Mod::Mid),
        Some(s) if s == "late" => Some(Mod::End),
        _ => None,
    }
}

/// Normalise one candidate; `None` when its parts do not make a valid time (e.g. "31 February").
pub fn normalise(text: &str, c: &Candidate) -> Option<Normalised> {
    let mut out = Normalised {
        ttype: TimexType::Date,
        meaning: Meaning::Fixed(Value::Ref(Reference::Present)),
        modifier: c.modifier,
        quant: None,
        freq: None,
        calendar: None,
        julian: match c.style {
            // "10 (22) April 1870": the first day is Old Style, the bracketed one its New Style.
            None if c.has(Part::Dn) || c.has(Part::Dn2) => JulianHint::OldStyle,
            None => JulianHint::Unmarked,
            Some(Style::Old) => JulianHint::OldStyle,
            Some(Style::New) => JulianHint::NewStyle,
            Some(Style::Dual { .. }) => JulianHint::Dual,
            Some(Style::DoubleYear(_)) => JulianHint::OldStyle,
        },
    };
    let p = |part| c.part(text, part);
    if let Some((meaning, note)) = other_calendar(text, c) {
        out.meaning = meaning;
        out.calendar = Some(note);
        return Some(out);
    }
    match c.kind {
        Kind::Date | Kind::Time => {
            out.meaning = date_meaning(text, c, &mut out.modifier)?;
        }
        Kind::Offset if c.has(Part::Wd) => {
            out.meaning = date_meaning(text, c, &mut out.modifier)?;
        }
        // "Over the past decade" is the ten years up to now, a duration; "the last decade" names
        // the previous decade (see `Anchor::resolve`).
        Kind::Offset
            if super::rules::rules().names[c.rule] == "relative-unit"
                && p(Part::Rel).is_some_and(|r| r.eq_ignore_ascii_case("past"))
                && p(Part::Unit).is_some_and(|u| {
                    matches!(lexicon::unit(u), Some(Unit::Decade | Unit::Century))
                }) =>
        {
            let unit_word = p(Part::Unit)?;
            let unit = lexicon::unit(unit_word)?;
            out.ttype = TimexType::Duration;
            out.meaning = Meaning::Fixed(Value::Duration(Duration {
                tenths: Some(10 * lexicon::unit_multiplier(unit_word)),
                unit,
            }));
        }
        Kind::Offset => {
            out.meaning = offset_meaning(text, c)?;
            if super::rules::rules().names[c.rule] == "later-that-unit" {
                out.modifier = Some(if c.has(Part::Later) {
                    Mod::End
                } else {
                    Mod::Start
                });
            }
            if c.part(text, Part::Rel)
                .is_some_and(|r| r.to_ascii_lowercase().ends_with("end"))
            {
                out.modifier = Some(Mod::End);
            }
        }
        Kind::Duration => {
            let unit_word = p(Part::Unit)?;
            let unit = lexicon::unit(unit_word)?;
            let tenths = match p(Part::N) {
                Some(n) => lexicon::amount(n).ok()?,
                // "the year ended March 31" is one year.
                None if super::rules::rules().names[c.rule] == "period-ended" => Some(10),
                // "a day-long meeting" is one day; "decades-long" is some decades.
                None if super::rules::rules().names[c.rule] == "unit-long"
                    && !unit_word.ends_with('s') =>
                {
                    Some(10)
                }
                None => None,
            };
            let tenths = tenths.map(|t| t * lexicon::unit_multiplier(unit_word));
            // "a year and a half", "a month-and-a-half": the half comes after the unit.
            let written = text[c.core.start..c.core.end].to_ascii_lowercase();
            let tenths = match tenths {
                Some(t) if written.ends_with("and a half") || written.ends_with("-and-a-half") => {
                    Some(t + 5 * lexicon::unit_multiplier(unit_word))
                }
                other => other,
            };
            // "A couple of years" is about two: TimeBank writes P2Y with mod APPROX.
            if out.modifier.is_none()
                && p(Part::N).is_some_and(|n| n.to_ascii_lowercase().contains("couple"))
            {
                out.modifier = Some(Mod::Approx);
            }
            out.ttype = TimexType::Duration;
            out.meaning = Meaning::Fixed(Value::Duration(Duration { tenths, unit }));
        }
        Kind::Set => {
            out.ttype = TimexType::Set;
            out.meaning = set_meaning(text, c, &mut out)?;
        }
        Kind::Ref
            if matches!(
                super::rules::rules().names[c.rule],
                "story-time" | "ordinal-day-of" | "ordinal-unit-of"
            ) =>
        {
            out.meaning = Meaning::StoryTime;
        }
        Kind::Ref => {
            let name = super::rules::rules().names[c.rule];
            let word = c.part(text, Part::Refw).unwrap_or("").to_ascii_lowercase();
            let r = match name {
                "ref-adjective" if word == "former" || word == "recent" => Reference::Past,
                "ref-adjective" if word == "future" => Reference::Future,
                "ref-past" => Reference::Past,
                "ref-future" => Reference::Future,
                _ => Reference::Present,
            };
            out.meaning = Meaning::Fixed(Value::Ref(r));
        }
    }
    // "mid-afternoon (yesterday)": the middle of that part of the day ("midnight" and "midday"
    // are points, not the middle of anything).
    if c.part(text, Part::Pod).is_some_and(|w| {
        let w = w.to_ascii_lowercase();
        w.strip_prefix("mid").is_some_and(|rest| {
            matches!(rest.trim_start_matches(['-', ' ']), "morning" | "afternoon")
        })
    }) {
        out.modifier = Some(Mod::Mid);
    }
    // "Sunday mornings" recur: a set keeps its type whatever the time of day in its value.
    if has_time(&out.meaning) && out.ttype != TimexType::Set {
        out.ttype = TimexType::Time;
    }
    Some(out)
}

fn has_time(m: &Meaning) -> bool {
    match m {
        Meaning::Fixed(Value::Date(d)) | Meaning::NeedsYear(d, _) => d.time.is_some(),
        Meaning::Offset { time, .. } | Meaning::Weekday { time, .. } => time.is_some(),
        Meaning::Clock(_) => true,
        _ => false,
    }
}

fn clock(text: &str, c: &Candidate) -> Option<TimeOfDay> {
    let hr = c.part(text, Part::Hr)?;
    let mut hour: u8 = match hr.parse() {
        Ok(h) => h,
        Err(_) => (lexicon::amount(hr).ok()?? / 10) as u8,
    };
    let minute = match c.part(text, Part::Min) {
        Some(m) => Some(m.parse().ok()?),
        None => None,
    };
    let second = match c.part(text, Part::Sec) {
        Some(s) => Some(s.parse().ok()?),
        None => None,
    };
    let pm = c
        .part(text, Part::Ampm)
        .map(|a| a.to_ascii_lowercase().starts_with('p'))
        .or_else(|| {
            c.part(text, Part::Pod).map(|p| {
                let p = p.to_ascii_lowercase();
                p.contains("afternoon") || p.contains("evening") || p.contains("night")
            })
        });
    match pm {
        Some(true) if hour < 12 => hour += 12,
        Some(false) if hour == 12 => hour = 0,
        _ => {}
    }
    (hour < 24).then_some(TimeOfDay::Clock {
        hour,
        minute,
        second,
    })
}

/// Hijri and Solar Hijri dates: converted to the Gregorian day, or to the Gregorian month or year
/// holding most of the written month or year.
fn other_calendar(text: &str, c: &Candidate) -> Option<(Meaning, CalendarNote)> {
    let p = |part| c.part(text, part);
    let (calendar, year, month) = if let Some(y) = p(Part::Hy).or(p(Part::Hy2)) {
        let month = match p(Part::Hm) {
            Some(m) => Some(calendars::hijri_month(m)?),
            None => None,
        };
        (Calendar::Hijri, y.parse::<i32>().ok()?, month)
    } else if let Some(y) = p(Part::Sy) {
        let month = match p(Part::Pm) {
            Some(m) => Some(calendars::persian_month(m)?),
            None => None,
        };
        (Calendar::Persian, y.parse::<i32>().ok()?, month)
    } else {
        return None;
    };
    let day = match p(Part::D) {
        Some(d) => Some(lexicon::ordinal(d)? as u8),
        None => None,
    };
    let (date, original) = match (month, day) {
        (Some(m), Some(d)) => {
            let (gy, gm, gd) = calendars::to_gregorian(calendar, (year, m, d))?;
            (Date::day(gy, gm, gd), format!("{year:04}-{m:02}-{d:02}"))
        }
        (Some(m), None) => {
            let (s, e) = calendars::gregorian_range(calendar, year, Some(m))?;
            let (gy, gm) = calendars::majority_month(s, e)?;
            (Date::month(gy, gm), format!("{year:04}-{m:02}"))
        }
        _ => {
            let (s, e) = calendars::gregorian_range(calendar, year, None)?;
            (
                Date::year(calendars::majority_year(s, e)?),
                format!("{year:04}"),
            )
        }
    };
    Some((
        Meaning::Fixed(Value::Date(date)),
        CalendarNote {
            calendar,
            original,
            reason: None,
        },
    ))
}

fn date_meaning(text: &str, c: &Candidate, modifier: &mut Option<Mod>) -> Option<Meaning> {
    let p = |part| c.part(text, part);
    let name = super::rules::rules().names[c.rule];

    if name == "ordinal-day" {
        let d = p(Part::D)?;
        let n: u8 = d
            .trim_end_matches(|c: char| c.is_ascii_alphabetic())
            .parse()
            .ok()?;
        return (1..=31).contains(&n).then_some(Meaning::MonthDay(n));
    }
    if name == "interwar" {
        // 1918–1939 has no single TimeML value; the century is the honest underspecified one
        // (the timeline places it in the 1900s).
        return Some(Meaning::Fixed(Value::Date(Date {
            year: Year::Century(19),
            within: Within::Whole,
            time: None,
        })));
    }
    if name == "turn-of-century" {
        *modifier = Some(Mod::Approx);
        return Some(match p(Part::Cent) {
            // The turn of the 20th century is around 1900.
            Some(cent) => Meaning::Fixed(Value::Date(Date::year(
                (lexicon::ordinal(cent)? as i32 - 1) * 100,
            ))),
            None => Meaning::CenturyTurn,
        });
    }

    // Years, decades and centuries.
    let year = if let Some(y) = p(Part::Y).or(p(Part::Y2)) {
        // Spelled years ("January nineteen ninety-seven") come through the same part.
        let mut y = match parse_year(y) {
            Some(y) => y,
            None => spelled_year(y)?,
        };
        if let Some(era) = p(Part::Era).or(p(Part::Era2)) {
            if era.to_ascii_uppercase().starts_with('B') {
                y = -y.abs();
            }
        }
        Some(Year::Full(y))
    } else if let Some(words) = p(Part::Yw) {
        Some(Year::Full(spelled_year(words)?))
    } else if let Some(yy) = p(Part::Yy) {
        let yy: i32 = yy.parse().ok()?;
        // Two-digit years in news copy are of the 20th century unless they are small.
        Some(Year::Full(if yy < 30 { 2000 + yy } else { 1900 + yy }))
    } else if let Some(dec) = p(Part::Dec) {
        let digits: String = dec.chars().filter(|c| c.is_ascii_digit()).collect();
        let n: i32 = digits.parse().ok()?;
        let d = if digits.len() == 2 {
            190 + n / 10
        } else {
            n / 10
        };
        modifier.get_or_insert_with(|| span_mod(p(Part::Dmod)).unwrap_or(Mod::Start));
        if modifier == &Some(Mod::Start) && p(Part::Dmod).is_none() {
            *modifier = None;
        }
        // "The 470s BC" is written BC047, like a BC year.
        let bc = p(Part::Era).is_some_and(|e| e.to_ascii_uppercase().starts_with('B'));
        Some(Year::Decade(if bc { -d } else { d }))
    } else if let Some(w) = p(Part::Decw) {
        let n = lexicon::decade_word(w)? as i32;
        if let Some(m) = span_mod(p(Part::Dmod)) {
            *modifier = Some(m);
        }
        Some(Year::Decade(190 + n / 10))
    } else if let Some(cent) = p(Part::Cent) {
        let n = lexicon::ordinal(cent)? as i32;
        if n == 0 {
            return None;
        }
        if let Some(m) = span_mod(p(Part::Dmod)) {
            *modifier = Some(m);
        }
        let bc = p(Part::Era).is_some_and(|e| e.to_ascii_uppercase().starts_with('B'));
        Some(if bc {
            Year::CenturyBc((n - 1) as u32)
        } else {
            Year::Century(n - 1)
        })
    } else {
        None
    };

    if name == "year-range-short" || name == "double-year" {
        // Only the first year is this expression; the second is emitted by `second_of_range`.
        let y = match year? {
            Year::Full(y) => y,
            _ => return None,
        };
        return Some(Meaning::Fixed(Value::Date(Date::year(y))));
    }

    if let Some(h) = p(Part::Hol) {
        let holiday = lexicon::holiday(h)?;
        return Some(match year {
            Some(Year::Full(y)) => {
                let (m, d) = lexicon::holiday_date(holiday, y)?;
                Meaning::Fixed(Value::Date(Date::day(y, m, d)))
            }
            _ => {
                let choice = match p(Part::Rel).map(rel_sign) {
                    Some(0) | None => YearChoice::Context,
                    Some(s) => YearChoice::Nearest(s),
                };
                Meaning::Holiday(holiday, choice)
            }
        });
    }
    let mut month = match p(Part::M) {
        Some(m) => Some(lexicon::month(m)?),
        None => None,
    };
    let mut day = match p(Part::D) {
        Some(d) => {
            let d = lexicon::ordinal(d)?;
            if !(1..=31).contains(&d) {
                return None;
            }
            Some(d as u8)
        }
        None => None,
    };
    let mut year = year;
    if let Some(Style::DoubleYear(y)) = c.style {
        year = Some(Year::Full(y));
    }
    if let Some(Style::Dual {
        day: ns_day,
        month: ns_month,
        year: ns_year,
    }) = c.style
    {
        // The value is the New Style date; a year written after the pair belongs to it.
        day = Some(ns_day);
        month = Some(ns_month);
        if let Some(y) = ns_year {
            year = Some(Year::Full(y));
        }
    }
    let time = clock(text, c).or_else(|| pod_of(c, text));

    let within = if let Some(m) = month {
        match day {
            Some(d) => {
                let julian = matches!(c.style, Some(Style::Old | Style::DoubleYear(_)))
                    || c.has(Part::Dn)
                    || c.has(Part::Dn2);
                if let Some(Year::Full(y)) = year {
                    // Reject impossible days ("31 June 1920") with the calendar library, in the
                    // calendar the date is written in (Julian 29 February 1700 exists).
                    if julian {
                        calendars::to_gregorian(Calendar::Julian, (y, m, d))?;
                    } else {
                        jiff::civil::Date::new(y.clamp(1, 9999) as i16, m as i8, d as i8).ok()?;
                    }
                } else if d as u32 > days_in_month_max(m) {
                    return None;
                }
                Within::Day(Some(m), Some(d))
            }
            None => Within::Month(Some(m)),
        }
    } else if let Some(s) = p(Part::Season) {
        Within::Season(lexicon::season(s)?)
    } else if let Some(q) = p(Part::Q) {
        let q = match q.to_ascii_lowercase().as_str() {
            "final" | "last" => 4,
            // "Q3" as accounts write it.
            abbr if abbr.len() == 2 && abbr.starts_with('q') => abbr[1..].parse().ok()?,
            other => lexicon::ordinal(other)?,
        };
        if !(1..=4).contains(&q) {
            return None;
        }
        Within::Quarter(q as u8)
    } else if let Some(h) = p(Part::Half) {
        Within::Half(
            if h.eq_ignore_ascii_case("first") || h.eq_ignore_ascii_case("h1") {
                1
            } else {
                2
            },
        )
    } else if let Some(wd) = p(Part::Wd) {
        let weekday = lexicon::weekday(wd)?;
        if year.is_none() {
            let rel = p(Part::Rel);
            let dir = rel.map(rel_sign).unwrap_or(0);
            let anaphoric = rel.is_some_and(|r| {
                matches!(
                    r.to_ascii_lowercase().as_str(),
                    "previous" | "following" | "preceding"
                )
            });
            return Some(Meaning::Weekday {
                weekday,
                dir,
                time,
                anaphoric,
            });
        }
        Within::WeekDay(None, weekday)
    } else if year.is_some() {
        Within::Whole
    } else if let Some(t) = clock(text, c) {
        return Some(Meaning::Clock(t));
    } else if let Some(t) = time {
        // A bare part of the day ("at night"): no particular day.
        return Some(Meaning::Fixed(Value::Date(Date {
            year: Year::Unknown,
            within: Within::Day(None, None),
            time: Some(t),
        })));
    } else {
        return None;
    };

    let date = Date {
        year: year.unwrap_or(Year::Unknown),
        within,
        time,
    };
    if year.is_some() {
        return Some(Meaning::Fixed(Value::Date(date)));
    }
    let choice = if let Some(yrel) = p(Part::Yrel).or(p(Part::Yrel2)) {
        YearChoice::Shift(rel_sign(yrel))
    } else if let Some(rel) = p(Part::Rel) {
        match rel_sign(rel) {
            0 => YearChoice::Shift(0),
            s => YearChoice::Nearest(s),
        }
    } else {
        YearChoice::Context
    };
    Some(Meaning::NeedsYear(date, choice))
}

/// "nineteen ninety-six" → 1996, "two thousand and one" → 2001, "fourteen hundred and
/// fifty-three" → 1453, "one thousand two hundred and fourth" (a year counted as an ordinal) →
/// 1204.
fn spelled_year(words: &str) -> Option<i32> {
    let w = words.to_ascii_lowercase().replace('-', " ");
    let mut parts: Vec<String> = w
        .split_whitespace()
        .filter(|x| *x != "and")
        .map(str::to_string)
        .collect();
    // The last word of an ordinal year is its cardinal's ("fifty-third" → "fifty three").
    if let Some(last) = parts.last_mut() {
        if let Some(n) = lexicon::ordinal(last) {
            *last = n.to_string();
        }
    }
    if parts.iter().any(|p| p == "thousand" || p == "hundred") {
        let n = lexicon::amount(&parts.join(" ")).ok()?? / 10;
        return (100..=2100).contains(&n).then_some(n as i32);
    }
    let century = (lexicon::amount(parts.first()?).ok()?? / 10) as i32;
    let mut rest: Vec<&str> = parts[1..].iter().map(String::as_str).collect();
    if rest.first() == Some(&"oh") {
        rest.remove(0);
    }
    let n = if rest.is_empty() {
        0
    } else {
        (lexicon::amount(&rest.join(" ")).ok()?? / 10) as i32
    };
    (n < 100).then_some(century * 100 + n)
}

fn days_in_month_max(m: u8) -> u32 {
    match m {
        2 => 29,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn offset_meaning(text: &str, c: &Candidate) -> Option<Meaning> {
    let p = |part| c.part(text, part);
    let time = pod_of(c, text);
    if let Some(w) = p(Part::Dayw) {
        let w = w.to_ascii_lowercase();
        let (amount, time): (i32, _) = if w.contains("before yesterday") {
            (-2, time)
        } else if w.contains("after tomorrow") {
            (2, time)
        } else if w.starts_with("yesterday") {
            (-1, time)
        } else if w.starts_with("tomorrow") {
            (1, time)
        } else if w == "tonight" {
            (0, Some(TimeOfDay::Part(PartOfDay::Night)))
        } else {
            (0, time)
        };
        return Some(Meaning::Offset {
            unit: Unit::Day,
            amount: Some(amount.abs()),
            sign: amount.signum(),
            time,
            anaphoric: false,
            counted: false,
        });
    }
    // "that night", "the next morning": a day offset carrying a part of the day.
    let (unit, time) = match p(Part::Unit) {
        Some(u) => match lexicon::unit(u) {
            Some(unit) => (unit, time),
            None => (Unit::Day, Some(TimeOfDay::Part(lexicon::part_of_day(u)?))),
        },
        None if time.is_some() => (Unit::Day, time),
        None => {
            // "year-end": the reference's own year, month, … (the END mod is set by the caller).
            let r = p(Part::Rel)?;
            let word = r.split(|c: char| !c.is_ascii_alphabetic()).next()?;
            return Some(Meaning::Offset {
                unit: lexicon::unit(word)?,
                amount: Some(0),
                sign: 0,
                time: None,
                anaphoric: false,
                counted: false,
            });
        }
    };
    let sign = if p(Part::Later).is_some() {
        1
    } else if p(Part::Earlier).is_some() {
        -1
    } else if let Some(r) = p(Part::Rel) {
        rel_sign(r)
    } else {
        0
    };
    let amount = match p(Part::N) {
        Some(n) => lexicon::amount(n).ok()?.map(|t| ((t + 5) / 10) as i32),
        None if p(Part::Rel).is_some() || p(Part::Dayw).is_some() => {
            Some(if sign == 0 { 0 } else { 1 })
        }
        // "the day after", "the year before"
        None if c.has(Part::Later) || c.has(Part::Earlier) => {
            if c.kind == Kind::Offset && p(Part::Unit).is_some_and(|u| !u.ends_with('s')) {
                Some(1)
            } else {
                None
            }
        }
        None => None,
    };
    // "later that month" / "earlier this year": the reference period itself.
    let named = super::rules::rules().names[c.rule];
    let (amount, sign) = if named == "later-that-unit" || named == "pod-mid" {
        // "later that month" / "earlier this year" name the period itself; the mod says which end.
        (Some(0), 0)
    } else {
        (amount, sign)
    };
    let anaphoric = is_anaphoric(c, text);
    let counted = c.has(Part::N) || c.has(Part::Later) || c.has(Part::Earlier);
    Some(Meaning::Offset {
        unit,
        amount,
        sign,
        time,
        anaphoric,
        counted,
    })
}

fn set_meaning(text: &str, c: &Candidate, out: &mut Normalised) -> Option<Meaning> {
    let p = |part| c.part(text, part);
    if let Some(every) = p(Part::Every) {
        out.quant = Some(every.to_ascii_uppercase());
    }
    let named = match (p(Part::M), p(Part::Season), p(Part::Pod)) {
        (Some(m), _, _) => Some((Within::Month(Some(lexicon::month(m)?)), None)),
        (_, Some(s), _) => Some((Within::Season(lexicon::season(s)?), None)),
        (_, _, Some(_)) if !c.has(Part::Wd) => Some((Within::Day(None, None), pod_of(c, text))),
        _ => None,
    };
    if let Some((within, time)) = named {
        return Some(Meaning::Fixed(Value::Date(Date {
            year: Year::Unknown,
            within,
            time,
        })));
    }
    if let Some(wd) = p(Part::Wd) {
        let weekday = lexicon::weekday(wd)?;
        let date = Date {
            year: Year::Unknown,
            within: Within::WeekDay(None, weekday),
            time: pod_of(c, text),
        };
        return Some(Meaning::Fixed(Value::Date(date)));
    }
    if let Some(f) = p(Part::Freq) {
        let f = f.to_ascii_lowercase();
        let n = match f.as_str() {
            "once" => 1,
            "twice" => 2,
            "thrice" => 3,
            other => lexicon::amount(other.trim_end_matches("times").trim()).ok()?? / 10,
        };
        out.freq = Some(format!("{n}X"));
    }
    let (unit, tenths) = if let Some(w) = p(Part::Setw) {
        let unit = match w.to_ascii_lowercase().as_str() {
            "annually" | "yearly" => (Unit::Year, 10),
            "monthly" => (Unit::Month, 10),
            "weekly" => (Unit::Week, 10),
            "daily" | "nightly" => (Unit::Day, 10),
            "hourly" => (Unit::Hour, 10),
            "quarterly" => (Unit::Month, 30),
            "biannually" | "semiannually" => (Unit::Month, 60),
            "biennially" => (Unit::Year, 20),
            "fortnightly" => (Unit::Week, 20),
            _ => return None,
        };
        unit
    } else {
        let u = p(Part::Unit)?;
        let unit = lexicon::unit(u.trim_end_matches('s')).or_else(|| lexicon::unit(u))?;
        let n = match p(Part::N) {
            Some(n) if n.eq_ignore_ascii_case("other") => 20,
            Some(n) => lexicon::amount(n).ok()??,
            None => 10,
        };
        (unit, n * lexicon::unit_multiplier(u))
    };
    Some(Meaning::Fixed(Value::Duration(Duration {
        tenths: Some(tenths),
        unit,
    })))
}
