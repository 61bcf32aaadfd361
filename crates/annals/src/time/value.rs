//! Typed TIMEX3 values. They are printed as TimeML strings only at the edge (`Display`).

use std::fmt;

/// The year part of a date: a full year, or a coarser period written with fewer digits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Year {
    /// Astronomical numbering is not used: `-43` means 44 BC? No: we store the historical year and
    /// a sign, so `Year::Full(-44)` is 44 BC and prints as `BC0044`.
    Full(i32),
    /// `192` = the 1920s.
    Decade(i32),
    /// `19` = the 1900s (the twentieth century in TimeML's convention).
    Century(i32),
    /// `BC02` = the third century BC (centuries counted from zero, as for AD).
    CenturyBc(u32),
    /// `XXXX`: not known.
    Unknown,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Season {
    Spring,
    Summer,
    Fall,
    Winter,
}

impl Season {
    pub fn code(self) -> &'static str {
        match self {
            Season::Spring => "SP",
            Season::Summer => "SU",
            Season::Fall => "FA",
            Season::Winter => "WI",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum PartOfDay {
    Morning,
    Midday,
    Afternoon,
    Evening,
    Night,
    Daytime,
}

impl PartOfDay {
    pub fn code(self) -> &'static str {
        match self {
            PartOfDay::Morning => "MO",
            PartOfDay::Midday => "MI",
            PartOfDay::Afternoon => "AF",
            PartOfDay::Evening => "EV",
            PartOfDay::Night => "NI",
            PartOfDay::Daytime => "DT",
        }
    }
}

/// Below the year: which part of it the date names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Within {
    Whole,
    Season(Season),
    Quarter(u8),
    Half(u8),
    /// Month 1–12, or `None` for `XX`.
    Month(Option<u8>),
    /// Month and day; either may be unknown.
    Day(Option<u8>, Option<u8>),
    /// ISO week 1–53 (or unknown).
    Week(Option<u8>),
    Weekend(Option<u8>),
    /// A weekday (1 = Monday) in a week (unknown week prints `WXX`).
    WeekDay(Option<u8>, u8),
}

/// Time of day, when a date is finer than a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum TimeOfDay {
    Part(PartOfDay),
    Clock {
        hour: u8,
        minute: Option<u8>,
        second: Option<u8>,
    },
}

/// A calendar point or period: DATE and TIME values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Date {
    pub year: Year,
    pub within: Within,
    pub time: Option<TimeOfDay>,
}

impl Date {
    pub fn year(y: i32) -> Date {
        Date {
            year: Year::Full(y),
            within: Within::Whole,
            time: None,
        }
    }
    pub fn month(y: i32, m: u8) -> Date {
        Date {
            year: Year::Full(y),
            within: Within::Month(Some(m)),
            time: None,
        }
    }
    pub fn day(y: i32, m: u8, d: u8) -> Date {
        Date {
            year: Year::Full(y),
            within: Within::Day(Some(m), Some(d)),
            time: None,
        }
    }
    /// The full year, when known.
    pub fn full_year(&self) -> Option<i32> {
        match self.year {
            Year::Full(y) => Some(y),
            _ => None,
        }
    }
    /// A fully known calendar day, when this is one.
    pub fn ymd(&self) -> Option<(i32, u8, u8)> {
        match (self.year, self.within) {
            (Year::Full(y), Within::Day(Some(m), Some(d))) => Some((y, m, d)),
            _ => None,
        }
    }
    pub fn granularity(&self) -> Granularity {
        if self.time.is_some() {
            return Granularity::Time;
        }
        match (self.year, self.within) {
            (Year::Century(_) | Year::CenturyBc(_), _) => Granularity::Century,
            (Year::Decade(_), _) => Granularity::Decade,
            (_, Within::Whole) => Granularity::Year,
            (_, Within::Season(_)) | (_, Within::Quarter(_)) | (_, Within::Half(_)) => {
                Granularity::Season
            }
            (_, Within::Month(_)) => Granularity::Month,
            (_, Within::Week(_)) | (_, Within::Weekend(_)) => Granularity::Week,
            (_, Within::Day(..)) | (_, Within::WeekDay(..)) => Granularity::Day,
        }
    }
}

/// How fine a value is, coarsest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Granularity {
    Century,
    Decade,
    Year,
    Season,
    Month,
    Week,
    Day,
    Time,
}

/// Units of durations and offsets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Unit {
    Millennium,
    Century,
    Decade,
    Year,
    Half,
    Quarter,
    Season,
    Month,
    Week,
    Weekend,
    Day,
    Hour,
    Minute,
    Second,
}

impl Unit {
    /// The letter used in ISO 8601 durations, with the number it multiplies by.
    fn iso(self) -> (char, u32, bool) {
        // (designator, multiplier, is_time_part)
        match self {
            // TimeBank writes decades and centuries in years ("two decades" = P20Y).
            Unit::Millennium => ('Y', 1000, false),
            Unit::Century => ('Y', 100, false),
            Unit::Decade => ('Y', 10, false),
            Unit::Year => ('Y', 1, false),
            Unit::Half => ('M', 6, false),
            Unit::Quarter => ('Q', 1, false),
            Unit::Season => ('M', 3, false),
            Unit::Month => ('M', 1, false),
            Unit::Week => ('W', 1, false),
            Unit::Weekend => ('W', 1, false),
            Unit::Day => ('D', 1, false),
            Unit::Hour => ('H', 1, true),
            Unit::Minute => ('M', 1, true),
            Unit::Second => ('S', 1, true),
        }
    }
}

/// A length of time: `P3D`, `P2Y`, `PT5H`, `PXY` (some years).
#[derive(Clone, Copy, Debug, PartialEq, Hash, Eq)]
pub struct Duration {
    /// `None` = unknown amount (`X`). Fractions are kept in tenths so 2.5 years prints `P2.5Y`.
    pub tenths: Option<u32>,
    pub unit: Unit,
}

/// Indexical references.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Reference {
    Present,
    Past,
    Future,
}

/// A TIMEX3 value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Value {
    Date(Date),
    Duration(Duration),
    Ref(Reference),
}

impl fmt::Display for Year {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Year::Full(y) if y < 0 => write!(f, "BC{:04}", -y),
            Year::Full(y) => write!(f, "{y:04}"),
            Year::Decade(d) if d < 0 => write!(f, "BC{:03}", -d),
            Year::Decade(d) => write!(f, "{d:03}"),
            Year::Century(c) if c < 0 => write!(f, "BC{:02}", -c),
            Year::Century(c) => write!(f, "{c:02}"),
            Year::CenturyBc(c) => write!(f, "BC{c:02}"),
            Year::Unknown => f.write_str("XXXX"),
        }
    }
}

fn two(f: &mut fmt::Formatter<'_>, v: Option<u8>) -> fmt::Result {
    match v {
        Some(v) => write!(f, "{v:02}"),
        None => f.write_str("XX"),
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.year)?;
        if matches!(
            self.year,
            Year::Decade(_) | Year::Century(_) | Year::CenturyBc(_)
        ) {
            return Ok(());
        }
        match self.within {
            Within::Whole => {}
            Within::Season(s) => write!(f, "-{}", s.code())?,
            Within::Quarter(q) => write!(f, "-Q{q}")?,
            Within::Half(h) => write!(f, "-H{h}")?,
            Within::Month(m) => {
                f.write_str("-")?;
                two(f, m)?;
            }
            Within::Day(m, d) => {
                f.write_str("-")?;
                two(f, m)?;
                f.write_str("-")?;
                two(f, d)?;
            }
            Within::Week(w) => {
                f.write_str("-W")?;
                two(f, w)?;
            }
            Within::Weekend(w) => {
                f.write_str("-W")?;
                two(f, w)?;
                f.write_str("-WE")?;
            }
            Within::WeekDay(w, d) => {
                f.write_str("-W")?;
                two(f, w)?;
                write!(f, "-{d}")?;
            }
        }
        match self.time {
            None => Ok(()),
            Some(TimeOfDay::Part(p)) => write!(f, "T{}", p.code()),
            Some(TimeOfDay::Clock {
                hour,
                minute,
                second,
            }) => {
                write!(f, "T{hour:02}:{:02}", minute.unwrap_or(0))?;
                if let Some(s) = second {
                    write!(f, ":{s:02}")?;
                }
                Ok(())
            }
        }
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (letter, mult, is_time) = self.unit.iso();
        f.write_str(if is_time { "PT" } else { "P" })?;
        match self.tenths {
            None => f.write_str("X")?,
            Some(t) => {
                let t = t * mult;
                // A fraction of a day, an hour or a minute is written in the next smaller
                // unit when it comes out whole ("5 1/2 hours" = PT5H30M, "half an hour" =
                // PT30M, "a day and a half" = P1DT12H). Years and months keep the decimal
                // (WikiWars writes "two and a half years" as P2.5Y).
                let smaller = match letter {
                    'D' if !is_time => Some(('H', 24)),
                    'H' => Some(('M', 60)),
                    'M' if is_time => Some(('S', 60)),
                    _ => None,
                };
                if let Some((small, per)) =
                    smaller.filter(|(_, per)| t % 10 != 0 && (t % 10) * per % 10 == 0)
                {
                    let (whole, part) = (t / 10, (t % 10) * per / 10);
                    if letter == 'D' {
                        if whole > 0 {
                            write!(f, "{whole}D")?;
                        }
                        return write!(f, "T{part}{small}");
                    }
                    if whole > 0 {
                        write!(f, "{whole}{letter}")?;
                    }
                    return write!(f, "{part}{small}");
                }
                if t % 10 == 0 {
                    write!(f, "{}", t / 10)?;
                } else {
                    write!(f, "{}.{}", t / 10, t % 10)?;
                }
            }
        }
        write!(f, "{letter}")
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Date(d) => d.fmt(f),
            Value::Duration(d) => d.fmt(f),
            Value::Ref(Reference::Present) => f.write_str("PRESENT_REF"),
            Value::Ref(Reference::Past) => f.write_str("PAST_REF"),
            Value::Ref(Reference::Future) => f.write_str("FUTURE_REF"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_timeml_values() {
        assert_eq!(Date::day(1920, 6, 4).to_string(), "1920-06-04");
        assert_eq!(Date::month(1921, 3).to_string(), "1921-03");
        let fall = Date {
            year: Year::Full(1919),
            within: Within::Season(Season::Fall),
            time: None,
        };
        assert_eq!(fall.to_string(), "1919-FA");
        let night = Date {
            time: Some(TimeOfDay::Part(PartOfDay::Night)),
            ..Date::day(1920, 7, 31)
        };
        assert_eq!(night.to_string(), "1920-07-31TNI");
        assert_eq!(Date::year(-44).to_string(), "BC0044");
        let decade = Date {
            year: Year::Decade(192),
            within: Within::Whole,
            time: None,
        };
        assert_eq!(decade.to_string(), "192");
        let d = Duration {
            tenths: Some(25),
            unit: Unit::Year,
        };
        assert_eq!(d.to_string(), "P2.5Y");
        let h = Duration {
            tenths: Some(10),
            unit: Unit::Half,
        };
        assert_eq!(h.to_string(), "P6M");
        let x = Duration {
            tenths: None,
            unit: Unit::Day,
        };
        assert_eq!(x.to_string(), "PXD");
        let t = Duration {
            tenths: Some(30),
            unit: Unit::Minute,
        };
        assert_eq!(t.to_string(), "PT3M");
    }
}
