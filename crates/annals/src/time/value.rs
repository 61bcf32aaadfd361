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

impl Value {
    /// The full year of a date, if it has one (BC negative).
    pub fn full_year(&self) -> Option<i32> {
        match self {
            Value::Date(d) => d.full_year(),
            _ => None,
        }
    }
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

/// A TIMEX3 DATE or TIME value that cannot be read (see [`Date::from_str`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseDateError(pub String);

impl fmt::Display for ParseDateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:?} is not a TIMEX3 date value (expected forms like 1920-06-04, 1920-06, 1920, \
             1919-FA, 1920-Q1, 1920-W23, 192, 19, BC0044, BC04)",
            self.0
        )
    }
}

impl std::error::Error for ParseDateError {}

impl std::str::FromStr for Date {
    type Err = ParseDateError;

    /// Reads what [`Date`]'s `Display` writes, so values kept as text (gold files, corrections)
    /// come back typed: `1920-06-04`, `1920-06`, `1920`, `1919-FA`, `1920-Q1`, `1920-H2`,
    /// `1920-W23`, `1920-W23-WE`, `1920-W23-3`, `1920-07-31TNI`, `1920-07-31T14:30`, decades
    /// `192`, centuries `19`, and BC years, decades and centuries (`BC0044`, `BC047`, `BC04`).
    /// `X` digits give unknown parts (`XXXX-06-09`).
    fn from_str(s: &str) -> Result<Date, ParseDateError> {
        let bad = || ParseDateError(s.to_string());
        let (date_part, time_part) = match s.split_once('T') {
            Some((d, t)) => (d, Some(t)),
            None => (s, None),
        };
        let (bc, rest) = match date_part.strip_prefix("BC") {
            Some(r) => (true, r),
            None => (false, date_part),
        };
        let mut fields = rest.split('-');
        let head = fields.next().ok_or_else(bad)?;
        let digits = |f: &str| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit());
        let number = |f: &str| -> Result<i32, ParseDateError> {
            if digits(f) {
                f.parse().map_err(|_| bad())
            } else {
                Err(bad())
            }
        };
        let sign = if bc { -1 } else { 1 };
        let year = match head.len() {
            4 if head == "XXXX" => Year::Unknown,
            4 => Year::Full(sign * number(head)?),
            3 => Year::Decade(sign * number(head)?),
            2 if bc => Year::CenturyBc(number(head)? as u32),
            2 => Year::Century(number(head)?),
            _ => return Err(bad()),
        };
        let two = |f: &str, max: i32| -> Result<Option<u8>, ParseDateError> {
            if f == "XX" {
                return Ok(None);
            }
            match number(f)? {
                n @ 1.. if f.len() == 2 && n <= max => Ok(Some(n as u8)),
                _ => Err(bad()),
            }
        };
        let rest: Vec<&str> = fields.collect();
        let coarse = !matches!(year, Year::Full(_) | Year::Unknown);
        if coarse && (!rest.is_empty() || time_part.is_some()) {
            return Err(bad());
        }
        let within = match rest.as_slice() {
            [] => Within::Whole,
            ["SP"] => Within::Season(Season::Spring),
            ["SU"] => Within::Season(Season::Summer),
            ["FA"] => Within::Season(Season::Fall),
            ["WI"] => Within::Season(Season::Winter),
            [q] if q.len() == 2 && q.starts_with('Q') => match number(&q[1..])? {
                n @ 1..=4 => Within::Quarter(n as u8),
                _ => return Err(bad()),
            },
            [h] if h.len() == 2 && h.starts_with('H') => match number(&h[1..])? {
                n @ 1..=2 => Within::Half(n as u8),
                _ => return Err(bad()),
            },
            [w, tail @ ..] if w.starts_with('W') => {
                let week = two(&w[1..], 53)?;
                match tail {
                    [] => Within::Week(week),
                    ["WE"] => Within::Weekend(week),
                    [d] if d.len() == 1 => match number(d)? {
                        n @ 1..=7 => Within::WeekDay(week, n as u8),
                        _ => return Err(bad()),
                    },
                    _ => return Err(bad()),
                }
            }
            [m] => Within::Month(two(m, 12)?),
            [m, d] => Within::Day(two(m, 12)?, two(d, 31)?),
            _ => return Err(bad()),
        };
        let time = match time_part {
            None => None,
            Some("MO") => Some(TimeOfDay::Part(PartOfDay::Morning)),
            Some("MI") => Some(TimeOfDay::Part(PartOfDay::Midday)),
            Some("AF") => Some(TimeOfDay::Part(PartOfDay::Afternoon)),
            Some("EV") => Some(TimeOfDay::Part(PartOfDay::Evening)),
            Some("NI") => Some(TimeOfDay::Part(PartOfDay::Night)),
            Some("DT") => Some(TimeOfDay::Part(PartOfDay::Daytime)),
            Some(t) => {
                let mut parts = t.split(':');
                let mut field = |max: i32| -> Result<Option<u8>, ParseDateError> {
                    match parts.next() {
                        None => Ok(None),
                        Some(f) if f.len() == 2 => match number(f)? {
                            n @ 0.. if n <= max => Ok(Some(n as u8)),
                            _ => Err(bad()),
                        },
                        Some(_) => Err(bad()),
                    }
                };
                let hour = field(24)?.ok_or_else(bad)?;
                let minute = field(59)?;
                let second = field(59)?;
                if parts.next().is_some() {
                    return Err(bad());
                }
                Some(TimeOfDay::Clock {
                    hour,
                    minute,
                    second,
                })
            }
        };
        Ok(Date { year, within, time })
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
    #[test]
    fn reads_what_it_prints() {
        for v in [
            "1920-06-04",
            "1920-06",
            "1920",
            "1919-FA",
            "1920-Q1",
            "1920-H2",
            "1920-W23",
            "1920-W23-WE",
            "1920-W23-3",
            "1920-07-31TNI",
            "1920-07-31T14:30",
            "192",
            "19",
            "BC0044",
            "BC0413-05",
            "BC047",
            "BC04",
            "XXXX-06-09",
            "1920-XX",
        ] {
            let d: Date = v.parse().unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(d.to_string(), v);
        }
        for bad in [
            "",
            "1920-13",
            "1920-06-32",
            "20201",
            "1920-ZZ",
            "192-06",
            "BC04-05",
            "x",
        ] {
            assert!(bad.parse::<Date>().is_err(), "{bad}");
        }
    }
}
