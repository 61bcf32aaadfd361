//! Calendar arithmetic for anchoring: a date's year and month, the calendar day behind it, a
//! shift by whole units ("three days later", "the next quarter"), the nearest weekday, and the
//! granularity a unit names. Days and weeks are counted with jiff.

use super::value::{Date, Season, Unit, Within, Year};
use jiff::civil;
use jiff::ToSpan;

pub(super) fn year_of(d: &Date) -> Option<i32> {
    d.full_year()
}

pub(super) fn month_of(d: &Date) -> Option<u8> {
    match d.within {
        Within::Month(m) | Within::Day(m, _) => m,
        Within::Season(s) => Some(match s {
            // 1918-WI is the winter whose January falls in 1918 (December 1917 to February
            // 1918), as WikiWars names winters.
            Season::Winter => 1,
            Season::Spring => 4,
            Season::Summer => 7,
            Season::Fall => 10,
        }),
        Within::Quarter(q) => Some(q * 3 - 1),
        Within::Half(h) => Some(h * 6 - 3),
        Within::Week(Some(w)) | Within::Weekend(Some(w)) | Within::WeekDay(Some(w), _) => {
            Some(((w as u32 * 7) / 31 + 1).min(12) as u8)
        }
        _ => None,
    }
}

/// The calendar day of a full date, when it exists ("1921-02-30" does not).
pub(super) fn civil_day(d: &Date) -> Option<civil::Date> {
    let (y, m, day) = d.ymd()?;
    civil::Date::new(i16::try_from(y).ok()?, m as i8, day as i8).ok()
}

pub(super) fn from_civil(c: civil::Date) -> Date {
    Date::day(c.year() as i32, c.month() as u8, c.day() as u8)
}

fn season_of_month(m: u8) -> Season {
    match m {
        3..=5 => Season::Spring,
        6..=8 => Season::Summer,
        9..=11 => Season::Fall,
        _ => Season::Winter,
    }
}

pub(super) fn unit_granularity(unit: Unit) -> super::Granularity {
    use super::Granularity as G;
    match unit {
        Unit::Millennium | Unit::Century => G::Century,
        Unit::Decade => G::Decade,
        Unit::Year => G::Year,
        Unit::Half | Unit::Quarter | Unit::Season => G::Season,
        Unit::Month => G::Month,
        Unit::Week | Unit::Weekend => G::Week,
        Unit::Day => G::Day,
        Unit::Hour | Unit::Minute | Unit::Second => G::Time,
    }
}

/// The nearest `weekday` (1 = Monday) before (-1) or after (+1) `day`; ±2 includes `day` itself.
pub(super) fn nearest_weekday(day: civil::Date, weekday: u8, dir: i32) -> civil::Date {
    let current = day.weekday().to_monday_one_offset() as i32;
    let target = weekday as i32;
    let delta = if dir > 0 {
        let mut d = (target - current).rem_euclid(7);
        if d == 0 && dir == 1 {
            d = 7;
        }
        d
    } else {
        let mut d = -((current - target).rem_euclid(7));
        if d == 0 && dir == -1 {
            d = -7;
        }
        d
    };
    day.checked_add((delta as i64).days()).unwrap_or(day)
}

/// A date at the granularity of `unit` with nothing known.
pub(super) fn unknown_at(unit: Unit) -> Date {
    let within = match unit {
        Unit::Month => Within::Month(None),
        Unit::Week => Within::Week(None),
        Unit::Weekend => Within::Weekend(None),
        Unit::Year | Unit::Decade | Unit::Century | Unit::Millennium => Within::Whole,
        Unit::Quarter | Unit::Half | Unit::Season => Within::Whole,
        _ => Within::Day(None, None),
    };
    Date {
        year: Year::Unknown,
        within,
        time: None,
    }
}

/// `r` moved by `n` units, expressed at the granularity of the unit (a day for days, an ISO week for
/// weeks, …). What the reference does not know stays unknown (`1915-XX-XX`).
pub fn shift(r: &Date, unit: Unit, n: i32) -> Date {
    // A week lies in the month (and quarter, season) of its Thursday, as ISO 8601 places weeks
    // in years; a weekend in that of its Saturday. Without this "the end of the month" after
    // "the weekend" would lose its month.
    if matches!(
        unit,
        Unit::Month | Unit::Quarter | Unit::Half | Unit::Season
    ) {
        let day = match r.within {
            Within::Week(Some(w)) => Some((w, jiff::civil::Weekday::Thursday)),
            Within::Weekend(Some(w)) => Some((w, jiff::civil::Weekday::Saturday)),
            _ => None,
        }
        .zip(year_of(r))
        .and_then(|((w, wd), y)| civil::ISOWeekDate::new(y as i16, w as i8, wd).ok());
        if let Some(day) = day {
            return shift(&from_civil(day.date()), unit, n);
        }
    }
    let Some(y) = year_of(r) else {
        return unknown_at(unit);
    };
    let month = match r.within {
        Within::Month(m) | Within::Day(m, _) => m,
        _ => None,
    };
    match unit {
        Unit::Day | Unit::Hour | Unit::Minute | Unit::Second => {
            let n = if unit == Unit::Day { n } else { 0 };
            match civil_day(r) {
                Some(c) => c
                    .checked_add((n as i64).days())
                    .map(from_civil)
                    .unwrap_or(*r),
                None => Date {
                    year: Year::Full(y),
                    within: Within::Day(if n == 0 { month } else { None }, None),
                    time: None,
                },
            }
        }
        Unit::Week | Unit::Weekend => {
            let within = |w| {
                if unit == Unit::Week {
                    Within::Week(w)
                } else {
                    Within::Weekend(w)
                }
            };
            let base = civil_day(r).or(match r.within {
                Within::Week(Some(w)) | Within::Weekend(Some(w)) => {
                    civil::ISOWeekDate::new(y as i16, w as i8, jiff::civil::Weekday::Monday)
                        .ok()
                        .map(|w| w.date())
                }
                _ => None,
            });
            match base.and_then(|c| c.checked_add((7 * n as i64).days()).ok()) {
                Some(c) => {
                    let iso = c.iso_week_date();
                    Date {
                        year: Year::Full(iso.year() as i32),
                        within: within(Some(iso.week() as u8)),
                        time: None,
                    }
                }
                None => Date {
                    year: Year::Full(y),
                    within: within(None),
                    time: None,
                },
            }
        }
        Unit::Month => match month {
            Some(m) => {
                let total = y * 12 + (m as i32 - 1) + n;
                Date::month(total.div_euclid(12), (total.rem_euclid(12) + 1) as u8)
            }
            None => Date {
                year: Year::Full(y),
                within: Within::Month(None),
                time: None,
            },
        },
        Unit::Quarter | Unit::Half | Unit::Season => {
            let per_year = match unit {
                Unit::Quarter => 4,
                Unit::Half => 2,
                _ => 4,
            };
            let current = match (unit, r.within) {
                (Unit::Quarter, Within::Quarter(q)) => Some(q as i32 - 1),
                (Unit::Half, Within::Half(h)) => Some(h as i32 - 1),
                (Unit::Season, Within::Season(s)) => Some(season_index(s)),
                (_, _) => month_of(r).filter(|_| month.is_some()).map(|m| match unit {
                    Unit::Quarter => (m as i32 - 1) / 3,
                    Unit::Half => (m as i32 - 1) / 6,
                    _ => season_index(season_of_month(m)),
                }),
            };
            match current {
                Some(i) => {
                    let total = y * per_year + i + n;
                    let (yy, idx) = (total.div_euclid(per_year), total.rem_euclid(per_year));
                    let within = match unit {
                        Unit::Quarter => Within::Quarter(idx as u8 + 1),
                        Unit::Half => Within::Half(idx as u8 + 1),
                        _ => Within::Season(SEASONS[idx as usize]),
                    };
                    Date {
                        year: Year::Full(yy),
                        within,
                        time: None,
                    }
                }
                None => Date::year(y),
            }
        }
        Unit::Year => Date::year(y + n),
        // "A decade later" names a year ten years on; "this decade" names the decade.
        Unit::Decade if n != 0 => Date::year(y + 10 * n),
        Unit::Century | Unit::Millennium if n != 0 => Date::year(y + 100 * n),
        Unit::Decade => Date {
            year: Year::Decade(y.div_euclid(10)),
            within: Within::Whole,
            time: None,
        },
        Unit::Century | Unit::Millennium => Date {
            year: Year::Century(y.div_euclid(100)),
            within: Within::Whole,
            time: None,
        },
    }
}

const SEASONS: [Season; 4] = [Season::Winter, Season::Spring, Season::Summer, Season::Fall];

fn season_index(s: Season) -> i32 {
    SEASONS.iter().position(|x| *x == s).unwrap_or(0) as i32
}

/// The years a date covers, as astronomical years with fractions (1 BC = 0, 44 BC = -43).
pub(super) fn span_in_years(d: &Date) -> Option<(f64, f64)> {
    let astro = |y: i32| f64::from(if y < 0 { y + 1 } else { y });
    let y = match d.year {
        Year::Full(y) => astro(y),
        Year::Decade(dec) if dec >= 0 => {
            return Some((f64::from(dec) * 10.0, f64::from(dec) * 10.0 + 10.0))
        }
        Year::Decade(dec) => return Some((astro(dec * 10 - 9), astro(dec * 10) + 1.0)),
        Year::Century(c) if c >= 0 => {
            return Some((f64::from(c) * 100.0, f64::from(c) * 100.0 + 100.0))
        }
        Year::Century(c) => return Some((astro(c * 100 - 99), astro(c * 100) + 1.0)),
        Year::CenturyBc(c) => {
            let c = c as i32;
            return Some((astro(-(c + 1) * 100), astro(-(c * 100 + 1)) + 1.0));
        }
        Year::Unknown => return None,
    };
    let month = |m: u8| f64::from(m - 1) / 12.0;
    let (s, e) = match d.within {
        Within::Whole => (0.0, 1.0),
        Within::Season(Season::Spring) => (2.0 / 12.0, 5.0 / 12.0),
        Within::Season(Season::Summer) => (5.0 / 12.0, 8.0 / 12.0),
        Within::Season(Season::Fall) => (8.0 / 12.0, 11.0 / 12.0),
        Within::Season(Season::Winter) => (-1.0 / 12.0, 2.0 / 12.0),
        Within::Quarter(q) => (f64::from(q - 1) / 4.0, f64::from(q) / 4.0),
        Within::Half(h) => (f64::from(h - 1) / 2.0, f64::from(h) / 2.0),
        Within::Month(Some(m)) => (month(m), month(m) + 1.0 / 12.0),
        Within::Day(Some(m), Some(day)) => {
            let s = month(m) + f64::from(day - 1) / 365.25;
            (s, s + 1.0 / 365.25)
        }
        Within::Day(Some(m), None) => (month(m), month(m) + 1.0 / 12.0),
        Within::Week(Some(w)) | Within::Weekend(Some(w)) | Within::WeekDay(Some(w), _) => {
            let s = f64::from(w - 1) * 7.0 / 365.25;
            (s, s + 7.0 / 365.25)
        }
        _ => (0.0, 1.0),
    };
    Some((y + s, y + e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shifts_by_units() {
        let r = Date::day(1920, 6, 1);
        assert_eq!(shift(&r, Unit::Day, 3).to_string(), "1920-06-04");
        assert_eq!(shift(&r, Unit::Month, -7).to_string(), "1919-11");
        assert_eq!(shift(&r, Unit::Year, 1).to_string(), "1921");
        assert_eq!(shift(&r, Unit::Week, 0).to_string(), "1920-W23");
        assert_eq!(shift(&r, Unit::Quarter, 1).to_string(), "1920-Q3");
        assert_eq!(
            shift(&Date::year(1915), Unit::Day, 4).to_string(),
            "1915-XX-XX"
        );
    }

    #[test]
    fn weekdays() {
        let wed = civil::date(1998, 3, 4);
        assert_eq!(nearest_weekday(wed, 2, -2), civil::date(1998, 3, 3));
        assert_eq!(nearest_weekday(wed, 3, -2), wed);
        assert_eq!(nearest_weekday(wed, 3, -1), civil::date(1998, 2, 25));
        assert_eq!(nearest_weekday(wed, 5, 1), civil::date(1998, 3, 6));
    }
}
