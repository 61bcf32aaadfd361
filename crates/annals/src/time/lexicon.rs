//! Word meanings shared by the rules: month and weekday names, spelled numbers, units, seasons.
//! These are facts of English, not rules; the patterns that use them live in `rules.toml`.

use super::value::{PartOfDay, Season, Unit};

/// Lowercase ASCII copy with dots removed, for looking words up ("Sept." → "sept").
pub fn key(word: &str) -> String {
    word.chars()
        .filter(|c| *c != '.')
        .flat_map(|c| c.to_lowercase())
        .collect()
}

pub fn month(word: &str) -> Option<u8> {
    let k = key(word);
    if let Ok(m) = k.parse::<u8>() {
        return (1..=12).contains(&m).then_some(m);
    }
    let m = match k.get(..3)? {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    Some(m)
}

/// ISO weekday number, Monday = 1.
pub fn weekday(word: &str) -> Option<u8> {
    let k = key(word);
    let d = match k.get(..3)? {
        "mon" => 1,
        "tue" => 2,
        "wed" => 3,
        "thu" => 4,
        "fri" => 5,
        "sat" => 6,
        "sun" => 7,
        _ => return None,
    };
    Some(d)
}

pub fn season(word: &str) -> Option<Season> {
    Some(match key(word).trim_end_matches('s') {
        "spring" => Season::Spring,
        "summer" => Season::Summer,
        "autumn" | "fall" => Season::Fall,
        "winter" => Season::Winter,
        _ => return None,
    })
}

pub fn part_of_day(word: &str) -> Option<PartOfDay> {
    Some(match key(word).trim_end_matches('s') {
        "morning" | "dawn" | "daybreak" | "sunrise" => PartOfDay::Morning,
        "noon" | "midday" => PartOfDay::Midday,
        "afternoon" => PartOfDay::Afternoon,
        "evening" | "dusk" | "sunset" | "nightfall" => PartOfDay::Evening,
        "night" | "midnight" | "overnight" | "tonight" => PartOfDay::Night,
        "day" | "daytime" => PartOfDay::Daytime,
        _ => return None,
    })
}

/// Time units, singular or plural, including adjectival forms ("three-month").
pub fn unit(word: &str) -> Option<Unit> {
    let k = key(word);
    let k = k.as_str();
    Some(match k {
        "millennium" | "millennia" | "millenniums" => Unit::Millennium,
        "century" | "centuries" => Unit::Century,
        "decade" | "decades" => Unit::Decade,
        "year" | "years" | "yr" | "yrs" | "fiscal year" => Unit::Year,
        "half" | "halves" => Unit::Half,
        "quarter" | "quarters" | "period" => Unit::Quarter,
        "season" | "seasons" => Unit::Season,
        "month" | "months" => Unit::Month,
        "week" | "weeks" | "fortnight" | "fortnights" => Unit::Week,
        "weekend" | "weekends" => Unit::Weekend,
        "day" | "days" | "night" | "nights" => Unit::Day,
        "hour" | "hours" | "hr" | "hrs" => Unit::Hour,
        "minute" | "minutes" | "min" | "mins" => Unit::Minute,
        "second" | "seconds" | "sec" | "secs" => Unit::Second,
        _ => return None,
    })
}

/// How many of the base unit one word means ("fortnight" = 2 weeks).
pub fn unit_multiplier(word: &str) -> u32 {
    if key(word).starts_with("fortnight") {
        2
    } else {
        1
    }
}

fn small_number(w: &str) -> Option<u32> {
    Some(match w {
        "zero" => 0,
        "one" | "a" | "an" | "single" => 1,
        "two" | "couple" | "pair" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" | "dozen" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "hundred" => 100,
        _ => return tens(w),
    })
}

/// "twenty" … "ninety": the tens, which also open a compound ordinal ("twenty first").
fn tens(w: &str) -> Option<u32> {
    Some(match w {
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    })
}

/// An amount in tenths ("two and a half" = 25), `Ok(None)` for vague amounts ("several", "a few"),
/// `Err(())` when the words are not a number at all.
#[allow(clippy::result_unit_err)]
pub fn amount(phrase: &str) -> Result<Option<u32>, ()> {
    // Dots are decimal points here ("2.5"), so only lowercase.
    let k = phrase.to_lowercase().replace('-', " ");
    let words: Vec<&str> = k.split_whitespace().collect();
    if words.is_empty() {
        return Err(());
    }
    match words.as_slice() {
        ["half", "a"] | ["half", "an"] | ["a", "half"] => return Ok(Some(5)),
        ["a", "few"]
        | ["few"]
        | ["several"]
        | ["some"]
        | ["many"]
        | ["a", "number", "of"]
        | ["numerous"]
        | ["dozens", "of"]
        | ["hundreds", "of"]
        | ["a", "couple", "of", "more"] => return Ok(None),
        _ => {}
    }
    if let Ok(v) = k.trim().parse::<f64>() {
        if v.is_finite() && (0.0..=100_000.0).contains(&v) {
            return Ok(Some((v * 10.0).round() as u32));
        }
        return Err(());
    }
    // "two and a half", "a couple of", "twenty five", "one hundred", "1 1/2"
    let mut total: u32 = 0;
    let mut current: u32 = 0;
    let mut tenths: u32 = 0;
    let mut seen = false;
    // A leading "a" counts only when alone ("a day"); "a couple", "a dozen" are the number itself.
    let mut i = usize::from(words.len() > 1 && matches!(words[0], "a" | "an"));
    while i < words.len() {
        let w = words[i];
        if w == "and" && words.get(i + 1) == Some(&"a") && words.get(i + 2) == Some(&"half") {
            tenths = 5;
            i += 3;
            continue;
        }
        if w == "of" || w == "and" {
            i += 1;
            continue;
        }
        if w == "1/2" || w == "½" {
            tenths = 5;
            i += 1;
            continue;
        }
        if let Ok(n) = w.parse::<u32>() {
            current += n;
            seen = true;
        } else if w == "hundred" {
            current = current.max(1) * 100;
            seen = true;
        } else if w == "thousand" {
            total += current.max(1) * 1000;
            current = 0;
            seen = true;
        } else if let Some(n) = small_number(w) {
            current += n;
            seen = true;
        } else {
            return Err(());
        }
        i += 1;
    }
    if !seen {
        return Err(());
    }
    Ok(Some((total + current).saturating_mul(10) + tenths))
}

/// Ordinal words and numerals: "first", "3rd", "twenty-first" → 1, 3, 21.
pub fn ordinal(word: &str) -> Option<u32> {
    let k = key(word).replace('-', " ");
    let k = k.trim();
    let digits = k.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    if k.starts_with(|c: char| c.is_ascii_digit()) {
        return digits.parse().ok();
    }
    let mut total = 0;
    for w in k.split_whitespace() {
        total += match w {
            "first" => 1,
            "second" => 2,
            "third" => 3,
            "fourth" => 4,
            "fifth" => 5,
            "sixth" => 6,
            "seventh" => 7,
            "eighth" => 8,
            "ninth" => 9,
            "tenth" => 10,
            "eleventh" => 11,
            "twelfth" => 12,
            "thirteenth" => 13,
            "fourteenth" => 14,
            "fifteenth" => 15,
            "sixteenth" => 16,
            "seventeenth" => 17,
            "eighteenth" => 18,
            "nineteenth" => 19,
            "twentieth" => 20,
            "thirtieth" => 30,
            "fortieth" => 40,
            "fiftieth" => 50,
            "sixtieth" => 60,
            "seventieth" => 70,
            "eightieth" => 80,
            "ninetieth" => 90,
            "hundredth" => 100,
            other => tens(other)?,
        };
    }
    (total > 0).then_some(total)
}

/// Spelled decades: "twenties" → 20.
pub fn decade_word(word: &str) -> Option<u32> {
    Some(match key(word).as_str() {
        "tens" => 10,
        "twenties" => 20,
        "thirties" => 30,
        "forties" => 40,
        "fifties" => 50,
        "sixties" => 60,
        "seventies" => 70,
        "eighties" => 80,
        "nineties" => 90,
        _ => return None,
    })
}

/// Named days of the calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Holiday {
    Fixed(u8, u8),
    /// The nth (1-based; 5 = last) given weekday (1 = Monday) of a month.
    NthWeekday(u8, u8, u8),
    /// The Tuesday after the first Monday of November (US elections).
    ElectionDay,
    /// Easter Sunday plus this many days.
    Easter(i8),
}

pub fn holiday(phrase: &str) -> Option<Holiday> {
    let k = phrase.to_lowercase().replace('\u{2019}', "'");
    let k: Vec<&str> = k.split_whitespace().collect();
    let k = k.join(" ");
    Some(match k.as_str() {
        "christmas" | "christmas day" => Holiday::Fixed(12, 25),
        "christmas eve" => Holiday::Fixed(12, 24),
        "boxing day" => Holiday::Fixed(12, 26),
        "new year's" | "new year's day" => Holiday::Fixed(1, 1),
        "new year's eve" => Holiday::Fixed(12, 31),
        "independence day" => Holiday::Fixed(7, 4),
        "bastille day" => Holiday::Fixed(7, 14),
        "armistice day" | "veterans day" | "remembrance day" => Holiday::Fixed(11, 11),
        "halloween" => Holiday::Fixed(10, 31),
        "valentine's day" => Holiday::Fixed(2, 14),
        "may day" => Holiday::Fixed(5, 1),
        "thanksgiving" | "thanksgiving day" => Holiday::NthWeekday(11, 4, 4),
        "labor day" | "labour day" => Holiday::NthWeekday(9, 1, 1),
        "memorial day" => Holiday::NthWeekday(5, 1, 5),
        "election day" => Holiday::ElectionDay,
        "easter" | "easter sunday" => Holiday::Easter(0),
        "easter monday" => Holiday::Easter(1),
        _ => return None,
    })
}

/// The month a holiday falls in (for choosing its year), and its date in a given year.
pub fn holiday_month(h: Holiday) -> u8 {
    match h {
        Holiday::Fixed(m, _) | Holiday::NthWeekday(m, _, _) => m,
        Holiday::ElectionDay => 11,
        Holiday::Easter(_) => 4,
    }
}

pub fn holiday_date(h: Holiday, year: i32) -> Option<(u8, u8)> {
    use jiff::civil::{Date, Weekday};
    use jiff::ToSpan;
    let y = i16::try_from(year).ok()?;
    let weekday = |n: u8| match n {
        1 => Weekday::Monday,
        2 => Weekday::Tuesday,
        3 => Weekday::Wednesday,
        4 => Weekday::Thursday,
        5 => Weekday::Friday,
        6 => Weekday::Saturday,
        _ => Weekday::Sunday,
    };
    let d = match h {
        Holiday::Fixed(m, d) => Date::new(y, m as i8, d as i8).ok()?,
        Holiday::NthWeekday(m, wd, n) => {
            let first = Date::new(y, m as i8, 1).ok()?;
            if n == 5 {
                first
                    .last_of_month()
                    .nth_weekday_of_month(-1, weekday(wd))
                    .ok()?
            } else {
                first.nth_weekday_of_month(n as i8, weekday(wd)).ok()?
            }
        }
        Holiday::ElectionDay => {
            let monday = Date::new(y, 11, 1)
                .ok()?
                .nth_weekday_of_month(1, Weekday::Monday)
                .ok()?;
            monday.checked_add(1.day()).ok()?
        }
        Holiday::Easter(offset) => {
            // The anonymous Gregorian computus (Meeus/Jones/Butcher).
            let (a, b, c) = (year % 19, year / 100, year % 100);
            let (d, e) = (b / 4, b % 4);
            let f = (b + 8) / 25;
            let g = (b - f + 1) / 3;
            let h = (19 * a + b - d - g + 15) % 30;
            let (i, k) = (c / 4, c % 4);
            let l = (32 + 2 * e + 2 * i - h - k) % 7;
            let m = (a + 11 * h + 22 * l) / 451;
            let month = (h + l - 7 * m + 114) / 31;
            let day = (h + l - 7 * m + 114) % 31 + 1;
            Date::new(y, month as i8, day as i8)
                .ok()?
                .checked_add((offset as i64).days())
                .ok()?
        }
    };
    Some((d.month() as u8, d.day() as u8))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts() {
        assert_eq!(amount("three"), Ok(Some(30)));
        assert_eq!(amount("twenty-five"), Ok(Some(250)));
        assert_eq!(amount("two and a half"), Ok(Some(25)));
        assert_eq!(amount("a couple of"), Ok(Some(20)));
        assert_eq!(amount("2.5"), Ok(Some(25)));
        assert_eq!(amount("several"), Ok(None));
        assert_eq!(amount("a"), Ok(Some(10)));
        assert!(amount("guns").is_err());
    }

    #[test]
    fn holidays() {
        assert_eq!(
            holiday_date(Holiday::NthWeekday(11, 4, 4), 1999),
            Some((11, 25))
        );
        assert_eq!(holiday_date(Holiday::ElectionDay, 1998), Some((11, 3)));
        assert_eq!(holiday_date(Holiday::Easter(0), 2000), Some((4, 23)));
        assert_eq!(holiday_date(Holiday::Easter(0), 1916), Some((4, 23)));
        assert_eq!(
            holiday_date(Holiday::NthWeekday(5, 1, 5), 1990),
            Some((5, 28))
        );
    }

    #[test]
    fn words() {
        assert_eq!(month("Sept."), Some(9));
        assert_eq!(month("june"), Some(6));
        assert_eq!(weekday("Thurs."), Some(4));
        assert_eq!(ordinal("twenty-first"), Some(21));
        assert_eq!(ordinal("3rd"), Some(3));
        assert_eq!(unit("fortnight"), Some(Unit::Week));
    }
}
