//! Where a TIMEX3 date value lies on the calendar: a half-open interval of days.
//!
//! Values of different granularity ("1920", "1920-SP", "1920-06-04") cannot be compared as
//! strings, so the timeline sorts them by the days they cover. Calendar arithmetic is jiff's
//! (proleptic Gregorian), never hand-written month lengths.

use crate::error::{Error, Result};
use crate::time::value::{Season, Within, Year};
use crate::time::{Date, Mod};
use jiff::civil::{self, ISOWeekDate, Weekday};
use jiff::{Span as JiffSpan, Unit};

/// Day 0 of [`Interval`]'s numbering. Any fixed day would do; the Unix epoch is familiar.
const EPOCH: civil::Date = civil::date(1970, 1, 1);

/// The days `[start, end)` a value covers, numbered from 1970-01-01 (earlier days negative).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct Interval {
    pub start: i32,
    pub end: i32,
}

impl Interval {
    /// The interval from `start` up to, but not including, `end`.
    pub fn between(start: civil::Date, end: civil::Date) -> Option<Interval> {
        Some(Interval {
            start: day_number(start)?,
            end: day_number(end)?,
        })
    }

    /// Length in days.
    pub fn days(&self) -> i32 {
        self.end - self.start
    }

    pub fn overlaps(&self, other: &Interval) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The first day.
    pub fn start_date(&self) -> civil::Date {
        from_day_number(self.start)
    }

    /// The first day after the interval.
    pub fn end_date(&self) -> civil::Date {
        from_day_number(self.end)
    }

    /// The ordering the timeline uses: earlier start first and, for the same start, the shorter
    /// (more precise) interval first, so "1920-06-01" comes before "1920-06" and "1920-06-04"
    /// after both.
    pub fn sort_key(&self) -> (i32, i32) {
        (self.start, self.end)
    }
}

fn day_number(d: civil::Date) -> Option<i32> {
    EPOCH.until((Unit::Day, d)).ok().map(|s| s.get_days())
}

fn from_day_number(n: i32) -> civil::Date {
    // Only day numbers made by `day_number` reach here, so they are within jiff's range.
    EPOCH
        .checked_add(JiffSpan::new().days(n))
        .expect("day numbers come from valid dates")
}

/// A historical year (`-44` = 44 BC, as [`Year::Full`] stores it) as jiff's astronomical year
/// (1 BC = 0, 44 BC = -43), when jiff can represent it.
fn astronomical(year: i32) -> Option<i16> {
    let y = if year < 0 { year + 1 } else { year };
    i16::try_from(y).ok()
}

fn ymd(year: i16, month: i8, day: i8) -> Option<civil::Date> {
    civil::Date::new(year, month, day).ok()
}

/// The first day of `month` (1-based, may run past 12 into the next years) of `year`.
fn month_start(year: i16, month: i32) -> Option<civil::Date> {
    let y = i32::from(year) + (month - 1).div_euclid(12);
    let m = (month - 1).rem_euclid(12) + 1;
    ymd(i16::try_from(y).ok()?, m as i8, 1)
}

/// Months `[first, first + count)` of `year`.
fn months(year: i16, first: i32, count: i32) -> Option<Interval> {
    Interval::between(month_start(year, first)?, month_start(year, first + count)?)
}

fn years(first: i32, last_inclusive: i32) -> Option<Interval> {
    let start = ymd(i16::try_from(first).ok()?, 1, 1)?;
    let end = ymd(i16::try_from(last_inclusive.checked_add(1)?).ok()?, 1, 1)?;
    Interval::between(start, end)
}

fn iso_week_day(year: i16, week: u8, weekday: Weekday) -> Option<civil::Date> {
    ISOWeekDate::new(year, i8::try_from(week).ok()?, weekday)
        .ok()
        .map(|w| w.date())
}

/// The days a calendar value covers, before any `mod`.
///
/// `None` when the value cannot be placed: an unknown year, month or week (`XXXX`, `1920-XX`,
/// `1920-WXX`), an impossible date, or a year outside jiff's range (-9999..=9999).
pub fn of_date(date: &Date) -> Option<Interval> {
    let year = match date.year {
        Year::Full(y) => astronomical(y)?,
        // TimeML decades drop the last digit: 192 = 1920–1929; BC047 = 479–470 BC.
        Year::Decade(d) if d >= 0 => return years(d.checked_mul(10)?, d * 10 + 9),
        Year::Decade(d) => {
            let d = -d;
            return years(
                i32::from(astronomical(-(d * 10 + 9))?),
                i32::from(astronomical(-(d * 10))?),
            );
        }
        // Centuries count completed centuries: 19 = 1900–1999; BC03 = the 4th century BC,
        // 400–301 BC.
        Year::Century(c) if c >= 0 => return years(c.checked_mul(100)?, c * 100 + 99),
        Year::Century(c) => {
            let c = -c;
            return years(
                i32::from(astronomical(-(c * 100 + 100))?),
                i32::from(astronomical(-(c * 100 + 1))?),
            );
        }
        Year::CenturyBc(c) => {
            let c = i32::try_from(c).ok()?;
            return years(
                i32::from(astronomical(-(c * 100 + 100))?),
                i32::from(astronomical(-(c * 100 + 1))?),
            );
        }
        Year::Unknown => return None,
    };
    match date.within {
        Within::Whole => months(year, 1, 12),
        // Meteorological seasons. A winter is named by the year its January falls in, as the
        // tagger names it (WikiWars' convention): 1919-WI is December 1918 to February 1919.
        Within::Season(s) => {
            let first = match s {
                Season::Spring => 3,
                Season::Summer => 6,
                Season::Fall => 9,
                Season::Winter => 0,
            };
            months(year, first, 3)
        }
        Within::Quarter(q) if (1..=4).contains(&q) => months(year, i32::from(q) * 3 - 2, 3),
        Within::Half(h) if (1..=2).contains(&h) => months(year, i32::from(h) * 6 - 5, 6),
        Within::Quarter(_) | Within::Half(_) => None,
        Within::Month(Some(m)) if (1..=12).contains(&m) => months(year, i32::from(m), 1),
        Within::Month(_) => None,
        Within::Day(Some(m), Some(d)) => {
            let day = ymd(year, i8::try_from(m).ok()?, i8::try_from(d).ok()?)?;
            Interval::between(day, day.tomorrow().ok()?)
        }
        Within::Day(..) => None,
        Within::Week(Some(w)) => {
            let monday = iso_week_day(year, w, Weekday::Monday)?;
            Interval::between(monday, monday.checked_add(JiffSpan::new().days(7)).ok()?)
        }
        Within::Weekend(Some(w)) => {
            let saturday = iso_week_day(year, w, Weekday::Saturday)?;
            Interval::between(
                saturday,
                saturday.checked_add(JiffSpan::new().days(2)).ok()?,
            )
        }
        Within::WeekDay(Some(w), d) => {
            let weekday = Weekday::from_monday_one_offset(i8::try_from(d).ok()?).ok()?;
            let day = iso_week_day(year, w, weekday)?;
            Interval::between(day, day.tomorrow().ok()?)
        }
        Within::Week(None) | Within::Weekend(None) | Within::WeekDay(None, _) => None,
    }
}

/// The days a value with its `mod` covers: START, MID and END keep the first, middle and last
/// third ("the beginning of 1920" is January to April, not the whole year). Other mods
/// (APPROX, BEFORE, AFTER, …) keep the named interval: the timeline shows the mod rather than
/// inventing an open-ended range, and the entry's confidence is lowered instead.
pub fn of_value(date: &Date, modifier: Option<Mod>) -> Option<Interval> {
    let whole = of_date(date)?;
    let third = whole.days() / 3;
    if third == 0 {
        // A day cannot be split at this resolution.
        return Some(whole);
    }
    Some(match modifier {
        Some(Mod::Start) => Interval {
            start: whole.start,
            end: whole.start + third,
        },
        Some(Mod::Mid) => Interval {
            start: whole.start + third,
            end: whole.end - third,
        },
        Some(Mod::End) => Interval {
            start: whole.end - third,
            end: whole.end,
        },
        _ => whole,
    })
}

/// Parse a `--from`/`--to` bound: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, or a BC year written as
/// TimeML writes it (`BC0044`). The result is the whole year, month or day.
pub fn parse_bound(s: &str) -> Result<Interval> {
    let bad = |message: &str| Error::Date {
        input: s.to_string(),
        message: message.to_string(),
    };
    let expected = "expected YYYY, YYYY-MM or YYYY-MM-DD";
    let t = s.trim();
    let (bc, rest) = match t.strip_prefix("BC").or_else(|| t.strip_prefix("bc")) {
        Some(r) => (true, r),
        None => (false, t),
    };
    let mut parts = rest.split('-');
    let number = |p: Option<&str>, digits: usize| -> Result<Option<u32>> {
        match p {
            None => Ok(None),
            Some(p) if p.len() == digits && p.bytes().all(|b| b.is_ascii_digit()) => {
                Ok(Some(p.parse().map_err(|_| bad(expected))?))
            }
            Some(_) => Err(bad(expected)),
        }
    };
    let year = number(parts.next(), 4)?.ok_or_else(|| bad(expected))? as i32;
    let month = number(parts.next(), 2)?;
    let day = number(parts.next(), 2)?;
    if parts.next().is_some() || (bc && month.is_some()) {
        return Err(bad(expected));
    }
    let date = match (month, day) {
        (None, _) => Date::year(if bc { -year } else { year }),
        (Some(m), None) => Date::month(year, m as u8),
        (Some(m), Some(d)) => Date::day(year, m as u8, d as u8),
    };
    of_date(&date).ok_or_else(|| bad("not a date on the calendar"))
}

/// The `--from`/`--to` window. An entry is kept when its interval overlaps the window, so
/// `--from 1920-06` keeps "1920" (which includes June) as well as "1920-06-04".
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DateRange {
    /// The first day kept.
    pub from: Option<i32>,
    /// The first day no longer kept.
    pub to: Option<i32>,
}

impl DateRange {
    /// From the bounds as the user wrote them; `to` is inclusive of its whole year, month or day.
    pub fn parse(from: Option<&str>, to: Option<&str>) -> Result<DateRange> {
        let from_i = from.map(parse_bound).transpose()?;
        let to_i = to.map(parse_bound).transpose()?;
        if let (Some(f), Some(t)) = (from_i, to_i) {
            if f.start >= t.end {
                return Err(Error::Date {
                    input: format!("{}..{}", from.unwrap_or(""), to.unwrap_or("")),
                    message: "the range ends before it starts".to_string(),
                });
            }
        }
        Ok(DateRange {
            from: from_i.map(|i| i.start),
            to: to_i.map(|i| i.end),
        })
    }

    pub fn is_unbounded(&self) -> bool {
        self.from.is_none() && self.to.is_none()
    }

    pub fn overlaps(&self, i: &Interval) -> bool {
        // `map_or` rather than `is_none_or`: the workspace supports Rust 1.80.
        self.from.is_none_or(|f| i.end > f) && self.to.is_none_or(|t| i.start < t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::value::TimeOfDay;

    fn d(s: &str) -> civil::Date {
        s.parse().unwrap()
    }

    fn dates(i: Interval) -> (civil::Date, civil::Date) {
        (i.start_date(), i.end_date())
    }

    #[test]
    fn granularities() {
        let year = of_date(&Date::year(1920)).unwrap();
        assert_eq!(dates(year), (d("1920-01-01"), d("1921-01-01")));
        assert_eq!(year.days(), 366);
        let feb = of_date(&Date::month(1920, 2)).unwrap();
        assert_eq!(feb.days(), 29);
        let day = of_date(&Date::day(1920, 6, 4)).unwrap();
        assert_eq!(dates(day), (d("1920-06-04"), d("1920-06-05")));
        let week = Date {
            within: Within::Week(Some(23)),
            ..Date::year(1920)
        };
        let w = of_date(&week).unwrap();
        assert_eq!(dates(w), (d("1920-05-31"), d("1920-06-07")));
        let winter = Date {
            within: Within::Season(Season::Winter),
            ..Date::year(1919)
        };
        assert_eq!(
            dates(of_date(&winter).unwrap()),
            (d("1918-12-01"), d("1919-03-01"))
        );
        let night = Date {
            time: Some(TimeOfDay::Part(crate::time::value::PartOfDay::Night)),
            ..Date::day(1920, 7, 31)
        };
        assert_eq!(dates(of_date(&night).unwrap()).0, d("1920-07-31"));
    }

    #[test]
    fn decades_centuries_and_bc() {
        let decade = Date {
            year: Year::Decade(192),
            ..Date::year(0)
        };
        assert_eq!(
            dates(of_date(&decade).unwrap()),
            (d("1920-01-01"), d("1930-01-01"))
        );
        let century = Date {
            year: Year::Century(19),
            ..Date::year(0)
        };
        assert_eq!(
            dates(of_date(&century).unwrap()),
            (d("1900-01-01"), d("2000-01-01"))
        );
        // 44 BC is astronomical year -43.
        let caesar = of_date(&Date::year(-44)).unwrap();
        assert_eq!(caesar.start_date(), d("-000043-01-01"));
        // The 470s BC: 479 BC up to the start of 469 BC.
        let bc_decade = Date {
            year: Year::Decade(-47),
            ..Date::year(0)
        };
        assert_eq!(
            dates(of_date(&bc_decade).unwrap()),
            (d("-000478-01-01"), d("-000468-01-01"))
        );
        // BC03, the 4th century BC: 400 BC up to the start of 300 BC.
        let bc_century = Date {
            year: Year::Century(-3),
            ..Date::year(0)
        };
        assert_eq!(
            dates(of_date(&bc_century).unwrap()),
            (d("-000399-01-01"), d("-000299-01-01"))
        );
        assert!(caesar.end <= of_date(&Date::year(1)).unwrap().start);
    }

    #[test]
    fn unplaceable_values() {
        let unknown = Date {
            year: Year::Unknown,
            ..Date::month(0, 6)
        };
        assert_eq!(of_date(&unknown), None);
        let no_month = Date {
            within: Within::Month(None),
            ..Date::year(1920)
        };
        assert_eq!(of_date(&no_month), None);
        assert_eq!(of_date(&Date::day(1921, 2, 29)), None);
        assert_eq!(of_date(&Date::year(20_000)), None);
    }

    #[test]
    fn mods_take_thirds() {
        let year = Date::year(1920);
        let start = of_value(&year, Some(Mod::Start)).unwrap();
        assert_eq!(dates(start), (d("1920-01-01"), d("1920-05-02")));
        let end = of_value(&year, Some(Mod::End)).unwrap();
        assert_eq!(end.end_date(), d("1921-01-01"));
        let mid = of_value(&year, Some(Mod::Mid)).unwrap();
        assert!(start.end <= mid.start && mid.end <= end.start);
        let approx = of_value(&year, Some(Mod::Approx)).unwrap();
        assert_eq!(approx, of_date(&year).unwrap());
        let day = Date::day(1920, 6, 4);
        assert_eq!(of_value(&day, Some(Mod::Start)), of_date(&day));
    }

    #[test]
    fn bounds() {
        assert_eq!(
            dates(parse_bound("1920").unwrap()),
            (d("1920-01-01"), d("1921-01-01"))
        );
        assert_eq!(
            dates(parse_bound("1920-06").unwrap()),
            (d("1920-06-01"), d("1920-07-01"))
        );
        assert_eq!(parse_bound("1920-06-04").unwrap().days(), 1);
        assert_eq!(
            parse_bound("BC0044").unwrap().start_date(),
            d("-000043-01-01")
        );
        for bad in [
            "",
            "20",
            "1920-6",
            "1920-13",
            "1920-02-30",
            "June 1920",
            "1920-06-04-01",
        ] {
            assert!(parse_bound(bad).is_err(), "{bad:?} should be rejected");
        }
        assert!(DateRange::parse(Some("1921"), Some("1920")).is_err());
        let r = DateRange::parse(Some("1920-06"), Some("1920-06")).unwrap();
        assert!(r.overlaps(&parse_bound("1920").unwrap()));
        assert!(r.overlaps(&parse_bound("1920-06-30").unwrap()));
        assert!(!r.overlaps(&parse_bound("1920-07-01").unwrap()));
        assert!(!r.overlaps(&parse_bound("1920-05").unwrap()));
    }
}
