//! Other calendars: Julian (Old Style), Islamic (tabular Hijri) and Solar Hijri (Persian).
//! Every conversion goes through icu_calendar; nothing here knows a month length.
//!
//! TIMEX3 values are always (proleptic) Gregorian; the date as written in its own calendar is kept
//! beside the value as a [`CalendarNote`].

use icu_calendar::cal::{
    hijri::{TabularAlgorithmEpoch, TabularAlgorithmLeapYears},
    Gregorian, Hijri, Julian, Persian,
};
use icu_calendar::{AsCalendar, Date};
use serde::Serialize;

/// A calendar other than the Gregorian.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Calendar {
    Julian,
    /// The tabular ("civil") Islamic calendar: Friday epoch, type II leap years, the usual
    /// convention for converting historical Hijri dates.
    Hijri,
    /// The Solar Hijri calendar of Iran and Afghanistan.
    Persian,
}

impl Calendar {
    pub fn as_str(self) -> &'static str {
        match self {
            Calendar::Julian => "julian",
            Calendar::Hijri => "hijri",
            Calendar::Persian => "persian",
        }
    }
}

/// The original calendar and the date as written in it (`1917-10-25`, `1339`, `1339-07`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct CalendarNote {
    pub calendar: Calendar,
    pub original: String,
    /// Why an unmarked date was read in this calendar (see [`OldStyleContext`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<&'static str>,
}

/// Why a document's unmarked day dates are read as Julian (Old Style) and converted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OldStyleContext {
    /// Days before this (Gregorian) day are Julian.
    pub until: jiff::civil::Date,
    pub reason: &'static str,
}

/// Britain and its colonies changed calendars after 2 September 1752; Russia after 31 January
/// 1918 (Julian), the next day being 14 February.
pub const BRITISH_REFORM: jiff::civil::Date = jiff::civil::date(1752, 9, 14);
pub const RUSSIAN_REFORM: jiff::civil::Date = jiff::civil::date(1918, 2, 14);

/// Words that say what country a text is about, counted to tell a British or Russian story from
/// one told elsewhere (whose dates are Gregorian already).
const BRITISH: &[&str] = &[
    "England",
    "English",
    "Britain",
    "British",
    "London",
    "Parliament",
    "Scotland",
    "Scottish",
    "Scots",
    "Westminster",
    "Commons",
    "Oxford",
    "Cambridge",
    "Edinburgh",
    "Dublin",
];
const RUSSIAN: &[&str] = &[
    "Russia",
    "Russian",
    "Russians",
    "Moscow",
    "Petersburg",
    "Petrograd",
    "Tsar",
    "Czar",
    "Tsarina",
    "Muscovy",
    "Muscovite",
    "Novgorod",
    "Kiev",
    "Romanov",
    "Cossack",
    "Cossacks",
];
const ELSEWHERE: &[&str] = &[
    "France", "French", "Paris", "Germany", "German", "Prussia", "Prussian", "Austria", "Austrian",
    "Vienna", "Spain", "Spanish", "Italy", "Italian", "Rome", "Holland", "Dutch", "Sweden",
    "Swedish", "Poland", "Polish", "America", "American", "China", "Chinese", "Japan", "Japanese",
    "Ottoman", "Turkish", "Persia", "Persian", "India", "Indian",
];

/// Words of the Islamic world's history: a document where they abound may count its years from
/// the Hijra (see `step::read_in_context`).
const ISLAMIC: &[&str] = &[
    "Islam",
    "Islamic",
    "Muslim",
    "Muslims",
    "Moslem",
    "Moslems",
    "Khalifa",
    "Khalifate",
    "Caliph",
    "Caliphs",
    "Caliphate",
    "Hijra",
    "Hegira",
    "Mecca",
    "Medina",
    "Baghdad",
    "Koran",
    "Qur'an",
    "Quran",
    "Sunni",
    "Sunnite",
    "Shi'ite",
    "Shiite",
    "Shi'ites",
    "Imam",
    "wazir",
    "vizier",
    "Umayyad",
    "Umayyads",
    "Abbasid",
    "Abbasids",
    "Fatimid",
    "Fatimids",
    "Seljuk",
    "Sufi",
    "Sufiism",
    "Sufism",
    "mosque",
];

/// How often a document names the lands whose calendars its dates may be in: the Islamic
/// world's (an Arabic article "al-" counts too), Britain's, Russia's, and others' (whose dates
/// are Gregorian already). Counted once, in one pass over the document, when first asked: the
/// Hijri reading (`step::read_in_context`) and the Old Style one ([`old_style_context`]) both
/// read them.
pub struct Lands<'a> {
    text: &'a str,
    counts: std::cell::OnceCell<LandCounts>,
}

#[derive(Clone, Copy, Default)]
struct LandCounts {
    islamic: usize,
    british: usize,
    russian: usize,
    elsewhere: usize,
}

impl<'a> Lands<'a> {
    pub fn of(text: &'a str) -> Lands<'a> {
        Lands {
            text,
            counts: std::cell::OnceCell::new(),
        }
    }

    fn counts(&self) -> LandCounts {
        *self.counts.get_or_init(|| {
            let mut n = LandCounts::default();
            for w in self
                .text
                .split(|c: char| !(c.is_alphabetic() || c == '\'' || c == '-'))
            {
                // Test the first letter before the lists: this reads every word of the document.
                if w.starts_with("al-") || w.starts_with("Al-") || ISLAMIC.contains(&w) {
                    n.islamic += 1;
                } else if w.starts_with(|c: char| c.is_uppercase()) {
                    // The lists are disjoint: a word counts for one land at most.
                    if BRITISH.contains(&w) {
                        n.british += 1;
                    } else if RUSSIAN.contains(&w) {
                        n.russian += 1;
                    } else if ELSEWHERE.contains(&w) {
                        n.elsewhere += 1;
                    }
                }
            }
            n
        })
    }

    /// Whether the document tells the Islamic world's history: its words abound and outnumber
    /// those of other lands.
    pub fn islamic(&self) -> bool {
        let n = self.counts();
        n.islamic >= 10 && n.islamic > 2 * (n.british + n.russian + n.elsewhere)
    }
}

/// Whether a document's unmarked day dates are Old Style, from the document as a whole:
/// - its own marks: a document that marks dates "N.S." (or writes Old Style first in dual dates,
///   or double-dates its years, "1648/9") keeps Old Style as its rule; one that marks dates "O.S."
///   writes New Style as its rule;
/// - else the country it tells of, when the most of its day dates lie before that country's
///   reform: Britain before 14 September 1752, Russia before 14 February 1918.
///
/// `marks` counts (Old-Style-as-rule, New-Style-as-rule) votes from the written markers and
/// `days` gives the Gregorian day dates the document writes.
pub fn old_style_context(
    lands: &Lands,
    marks: (usize, usize),
    days: &[jiff::civil::Date],
) -> Option<OldStyleContext> {
    let reform = |until: jiff::civil::Date| {
        let before = days.iter().filter(|d| **d < until).count();
        2 * before > days.len()
    };
    let (old_rule, new_rule) = marks;
    if old_rule > 0 || new_rule > 0 {
        if old_rule <= new_rule {
            return None;
        }
        let until = if days.iter().any(|d| d.year() > 1752) {
            RUSSIAN_REFORM
        } else {
            BRITISH_REFORM
        };
        return Some(OldStyleContext {
            until,
            reason: "the document marks its New Style dates, so its unmarked ones are Old Style",
        });
    }
    if days.is_empty() {
        return None;
    }
    let LandCounts {
        british,
        russian,
        elsewhere,
        ..
    } = lands.counts();
    let dominant = |n: usize, other: usize| n >= 5 && n > 2 * (other + elsewhere);
    if dominant(british, russian) && reform(BRITISH_REFORM) {
        return Some(OldStyleContext {
            until: BRITISH_REFORM,
            reason: "British events before 14 September 1752 are told in the Julian calendar",
        });
    }
    if dominant(russian, british) && reform(RUSSIAN_REFORM) {
        return Some(OldStyleContext {
            until: RUSSIAN_REFORM,
            reason: "Russian events before 14 February 1918 are told in the Julian calendar",
        });
    }
    None
}

fn hijri() -> Hijri<icu_calendar::cal::hijri::TabularAlgorithm> {
    Hijri::new_tabular(
        TabularAlgorithmLeapYears::TypeII,
        TabularAlgorithmEpoch::Friday,
    )
}

type Ymd = (i32, u8, u8);

fn gregorian_of<A: AsCalendar>(d: Date<A>) -> Ymd {
    let g = d.to_calendar(Gregorian);
    (
        g.year().extended_year(),
        g.month().ordinal,
        g.day_of_month().0,
    )
}

fn ymd_of<A: AsCalendar>(d: &Date<A>) -> Ymd {
    (
        d.year().extended_year(),
        d.month().ordinal,
        d.day_of_month().0,
    )
}

/// A date of `calendar` as a proleptic Gregorian date; `None` if it does not exist.
pub fn to_gregorian(calendar: Calendar, (y, m, d): Ymd) -> Option<Ymd> {
    Some(match calendar {
        Calendar::Julian => gregorian_of(Date::try_new_julian(y, m, d).ok()?),
        Calendar::Hijri => gregorian_of(Date::try_new_hijri_with_calendar(y, m, d, hijri()).ok()?),
        Calendar::Persian => gregorian_of(Date::try_new_persian(y, m, d).ok()?),
    })
}

/// A proleptic Gregorian date in `calendar`.
pub fn from_gregorian(calendar: Calendar, (y, m, d): Ymd) -> Option<Ymd> {
    let g = Date::try_new_gregorian(y, m, d).ok()?;
    Some(match calendar {
        Calendar::Julian => ymd_of(&g.to_calendar(Julian)),
        Calendar::Hijri => ymd_of(&g.to_calendar(hijri())),
        Calendar::Persian => ymd_of(&g.to_calendar(Persian)),
    })
}

/// How many days month `m` of year `y` has in `calendar`.
fn month_length(calendar: Calendar, y: i32, m: u8) -> Option<u8> {
    Some(match calendar {
        Calendar::Julian => Date::try_new_julian(y, m, 1).ok()?.days_in_month(),
        Calendar::Hijri => Date::try_new_hijri_with_calendar(y, m, 1, hijri())
            .ok()?
            .days_in_month(),
        Calendar::Persian => Date::try_new_persian(y, m, 1).ok()?.days_in_month(),
    })
}

/// The first and last Gregorian days of month `m` (or of the whole year when `m` is `None`).
pub fn gregorian_range(calendar: Calendar, y: i32, m: Option<u8>) -> Option<(Ymd, Ymd)> {
    let (first_month, last_month) = match m {
        Some(m) => (m, m),
        None => (1, 12),
    };
    let start = to_gregorian(calendar, (y, first_month, 1))?;
    let end = to_gregorian(
        calendar,
        (y, last_month, month_length(calendar, y, last_month)?),
    )?;
    Some((start, end))
}

fn civil((y, m, d): Ymd) -> Option<jiff::civil::Date> {
    jiff::civil::Date::new(i16::try_from(y).ok()?, m as i8, d as i8).ok()
}

/// The Gregorian month holding most days of the range (the earlier one on a tie).
pub fn majority_month(start: Ymd, end: Ymd) -> Option<(i32, u8)> {
    let (s, e) = (civil(start)?, civil(end)?);
    let mut best = None;
    let mut cursor = s.first_of_month();
    while cursor <= e {
        let last = cursor.last_of_month();
        let from = if cursor < s { s } else { cursor };
        let to = if last > e { e } else { last };
        let days = (to - from).get_days() + 1;
        if best.is_none_or(|(_, _, b)| days > b) {
            best = Some((cursor.year() as i32, cursor.month() as u8, days));
        }
        cursor = cursor.checked_add(jiff::Span::new().months(1)).ok()?;
    }
    best.map(|(y, m, _)| (y, m))
}

/// The Gregorian year holding most days of the range (the earlier one on a tie).
pub fn majority_year(start: Ymd, end: Ymd) -> Option<i32> {
    let (s, e) = (civil(start)?, civil(end)?);
    if s.year() == e.year() {
        return Some(s.year() as i32);
    }
    let first = (s.last_of_year() - s).get_days() + 1;
    let second = (e - e.first_of_year()).get_days() + 1;
    Some(if second > first { e.year() } else { s.year() } as i32)
}

/// Hijri month names as written in English texts ("Rajab", "Rabi al-Awwal", "Dhu al-Hijjah").
pub fn hijri_month(word: &str) -> Option<u8> {
    let w: String = super::lexicon::key(word)
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    Some(match w.as_str() {
        "muharram" => 1,
        "safar" => 2,
        "rabialawwal" | "rabiulawwal" | "rabii" | "rabi1" | "rabialawal" => 3,
        "rabialthani" | "rabiulthani" | "rabiii" | "rabi2" | "rabialakhir" | "rabiathani" => 4,
        "jumadaalawwal" | "jumadaalula" | "jumadai" | "jumada1" | "jumadalawwal" => 5,
        "jumadaalthani" | "jumadaalakhira" | "jumadaii" | "jumada2" | "jumadathani" => 6,
        "rajab" => 7,
        "shaban" => 8,
        "ramadan" | "ramazan" => 9,
        "shawwal" => 10,
        "dhualqadah" | "dhualqada" | "dhulqadah" | "dhulqada" | "zulqada" => 11,
        "dhualhijjah" | "dhulhijjah" | "dhualhijja" | "zulhijja" => 12,
        _ => return None,
    })
}

/// Solar Hijri month names ("Farvardin" … "Esfand").
pub fn persian_month(word: &str) -> Option<u8> {
    Some(match super::lexicon::key(word).as_str() {
        "farvardin" => 1,
        "ordibehesht" => 2,
        "khordad" => 3,
        "tir" => 4,
        "mordad" | "amordad" => 5,
        "shahrivar" => 6,
        "mehr" => 7,
        "aban" => 8,
        "azar" => 9,
        "dey" => 10,
        "bahman" => 11,
        "esfand" => 12,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_conversions() {
        // The October Revolution: 25 October 1917 (Julian) = 7 November 1917 (Gregorian).
        assert_eq!(
            to_gregorian(Calendar::Julian, (1917, 10, 25)),
            Some((1917, 11, 7))
        );
        // Solar Hijri 1299 begins at the March equinox of 1920.
        assert_eq!(
            to_gregorian(Calendar::Persian, (1299, 1, 1)),
            Some((1920, 3, 21))
        );
        let (s, e) = gregorian_range(Calendar::Hijri, 1339, None).unwrap();
        assert_eq!(s.0, 1920);
        assert_eq!(e.0, 1921);
        assert_eq!(majority_year(s, e), Some(1921));
        assert_eq!(
            majority_month((1920, 1, 20), (1920, 2, 18)),
            Some((1920, 2))
        );
        assert_eq!(hijri_month("Rabi' al-Awwal"), Some(3));
        assert_eq!(hijri_month("Sha'ban"), Some(8));
    }
}
