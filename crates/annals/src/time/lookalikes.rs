//! Look-alikes: numbers and names that are written like time expressions but are not one in
//! their context. A number after a label noun ("p. 1225", "Rule 2016"), in a street address
//! ("1355 Inwood Terrace") or a phone number ("461-1776"), or before a unit of measure ("1100
//! ft") counts or numbers something; a frequency word or part of a day inside a capitalised
//! name ("LA Weekly", "the Saturday Evening Post") and a holiday before a noun ("Christmas
//! trees", "the Easter Bunny") name a thing. [`is_lookalike`] is read by `context::accept` for
//! every candidate, before the rule-specific checks.

use super::recognise::{Candidate, Part};
use super::words::{mid_sentence, opens_clause, word_after, word_before};

/// Whether the candidate, matched by rule `name` and followed by the word `after`, is a
/// look-alike and no time expression.
pub(super) fn is_lookalike(text: &str, cand: &Candidate, name: &str, after: &str) -> bool {
    let core = &text[cand.core.start..cand.core.end];
    if core.starts_with(|c: char| c.is_ascii_digit()) {
        // "p. 1225", "Rule 2016", "No. 12 Second baseman": what a label numbers is no time.
        if is_label(&label_before(text, cand.core.start)) {
            return true;
        }
        if name == "year" && (is_measure(after) || street_follows(text, cand.core.end)) {
            return true;
        }
        if phone_digits_before(text, cand.core.start) {
            return true;
        }
    }
    match name {
        // A frequency word before a name is part of it or names a newspaper ("the Communist
        // Party daily Granma", "the weekly Der Spiegel", "The Daily Telegraph"), and so is a
        // capitalised one after another capitalised word in mid-sentence ("LA Weekly",
        // "Publishers Weekly").
        "set-adverb" => {
            !cand.has(Part::Freq)
                && (after.starts_with(|c: char| c.is_uppercase())
                    || (core.starts_with(|c: char| c.is_uppercase())
                        && mid_sentence(text, cand.core.start)
                        && capitalised_word_before(text, cand.core.start)))
        }
        // "the Saturday Evening Post", "Saturday Morning Breakfast Cereal": a weekday with a
        // capitalised part of the day, before another capitalised word, is a title.
        "weekday" => {
            cand.parts[Part::Pod as usize]
                .is_some_and(|p| text[p.start..].starts_with(|c: char| c.is_uppercase()))
                && after.starts_with(|c: char| c.is_uppercase())
                && super::lexicon::month(after).is_none()
        }
        // "Christmas trees", "a Christmas miracle", "Halloween costumes": a holiday before the
        // name of a thing made or sold for it names that thing. Campaigns keep their date ("the
        // Christmas truce", "the Easter Offensive" are marked in WikiWars), so only things are
        // listed.
        "holiday" => !cand.has(Part::Y) && is_holiday_thing(&after.to_ascii_lowercase()),
        // "Q3 2001" as accounts write it; a lowercase "q1" numbers a question.
        "quarter-abbr" => !core.starts_with(['Q', 'H']),
        // "this august body": lowercase "august" before a noun is the adjective.
        "month-relative" => cand.parts[Part::M as usize].is_some_and(|m| {
            text[m.start..m.end].eq_ignore_ascii_case("august")
                && text[m.start..].starts_with('a')
                && after.starts_with(|c: char| c.is_ascii_lowercase())
                && !continues_clause(after)
        }),
        _ => false,
    }
}

/// Things made, sold or told for a holiday: "Christmas trees", "Easter eggs".
fn is_holiday_thing(word: &str) -> bool {
    matches!(
        word,
        "tree"
            | "trees"
            | "card"
            | "cards"
            | "carol"
            | "carols"
            | "present"
            | "presents"
            | "gift"
            | "gifts"
            | "decoration"
            | "decorations"
            | "lights"
            | "ornament"
            | "ornaments"
            | "shopping"
            | "sale"
            | "sales"
            | "bunny"
            | "egg"
            | "eggs"
            | "costume"
            | "costumes"
            | "candy"
            | "miracle"
            | "special"
            | "song"
            | "songs"
            | "music"
            | "movie"
            | "film"
            | "market"
            | "markets"
            | "spirit"
            | "story"
            | "stories"
            | "stocking"
            | "stockings"
            | "wreath"
            | "pudding"
            | "cake"
            | "turkey"
    )
}

/// A word that can follow a time expression that ends its noun phrase: one that opens a clause,
/// a preposition, a conjunction, a form of "be".
pub(super) fn continues_clause(word: &str) -> bool {
    opens_clause(word)
        || matches!(
            word,
            "is" | "was"
                | "are"
                | "were"
                | "will"
                | "would"
                | "and"
                | "or"
                | "of"
                | "to"
                | "for"
                | "with"
                | "on"
                | "by"
                | "from"
                | "until"
                | "through"
                | "since"
                | "this"
                | "last"
                | "next"
                | "morning"
                | "afternoon"
                | "evening"
                | "night"
                | "week"
                | "weekend"
                | "season"
                | "holidays"
                | "holiday"
                | "vacation"
                | "break"
                | "time"
        )
}

/// The word before `at`, lowercase, read through a full stop that ends an abbreviation ("p." in
/// "p. 1225", "No." in "No. 1980"): `word_before` stops at the stop and would give "".
pub(super) fn label_before(text: &str, at: usize) -> String {
    let head = text[..at.min(text.len())].trim_end();
    match head.strip_suffix('.') {
        Some(abbreviated) => word_before(text, abbreviated.len()),
        None => word_before(text, head.len()),
    }
}

/// Nouns that number what follows them: after one, a number is a page, a rule or a flight.
pub(super) fn is_label(word: &str) -> bool {
    matches!(
        word,
        "page"
            | "p"
            | "pp"
            | "no"
            | "nos"
            | "number"
            | "route"
            | "flight"
            | "room"
            | "highway"
            | "rule"
            | "rules"
            | "section"
            | "sec"
            | "chapter"
            | "ch"
            | "paragraph"
            | "para"
            | "exit"
            | "gate"
            | "platform"
            | "suite"
            | "apt"
            | "item"
    )
}

/// Abbreviated units of measure: "1100 ft", "2000 m". (Written-out units and counted things are
/// in `words::count_noun`.)
fn is_measure(word: &str) -> bool {
    matches!(
        word,
        "ft" | "m" | "cm" | "mm" | "mi" | "kg" | "lb" | "lbs" | "sq" | "hp" | "rpm" | "mph"
    )
}

/// Whether a street name follows `at`: up to three capitalised words, then a street word ("1355
/// Inwood Terrace", "1214 Anderson Ave", "1600 Pennsylvania Avenue").
fn street_follows(text: &str, at: usize) -> bool {
    const STREET: &[&str] = &[
        "street",
        "st",
        "avenue",
        "ave",
        "boulevard",
        "blvd",
        "road",
        "rd",
        "lane",
        "ln",
        "drive",
        "dr",
        "terrace",
        "place",
        "pl",
        "plaza",
        "court",
        "ct",
        "parkway",
        "pkwy",
        "highway",
        "hwy",
        "way",
    ];
    let mut rest = &text[at..];
    for _ in 0..4 {
        let word = word_after(rest, 0);
        if !word.starts_with(|c: char| c.is_uppercase()) {
            return false;
        }
        if STREET.contains(&word.to_ascii_lowercase().as_str()) {
            return true;
        }
        let skip = rest.find(word).map_or(rest.len(), |i| i + word.len());
        rest = &rest[skip..];
    }
    false
}

/// Whether `at` ends a phone number's groups: three digits and a hyphen, after another group
/// of digits ("201 944-6800", "(201) 461-1776", "1-800-555-1990"). A range of years has no group
/// before it ("499-493 BC", "1914-1918").
fn phone_digits_before(text: &str, at: usize) -> bool {
    let Some(head) = text[..at].strip_suffix('-') else {
        return false;
    };
    let group = head.trim_end_matches(|c: char| c.is_ascii_digit());
    if head.len() - group.len() != 3 {
        return false;
    }
    let Some(before_group) = group.strip_suffix([' ', '-', ')', '.']) else {
        return false;
    };
    before_group.ends_with(|c: char| c.is_ascii_digit())
        || before_group
            .strip_suffix(')')
            .is_some_and(|h| h.ends_with(|c: char| c.is_ascii_digit()))
        || group.ends_with(')')
}

/// Whether the word just before `at` (past spaces) is written with a capital: "LA" in "LA
/// Weekly", "Publishers" in "Publishers Weekly".
fn capitalised_word_before(text: &str, at: usize) -> bool {
    let head = text[..at].trim_end();
    head.rsplit(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-'))
        .next()
        .is_some_and(|w| w.starts_with(char::is_uppercase))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_read_through_abbreviations() {
        assert_eq!(label_before("see p. 1225", 7), "p");
        assert_eq!(label_before("under Rule 2016", 11), "rule");
        assert_eq!(label_before("in 1990", 3), "in");
    }

    #[test]
    fn streets_and_phones() {
        assert!(street_follows("1355 Inwood Terrace, tel", 4));
        assert!(street_follows("1214 Anderson Ave, 1 201", 4));
        assert!(!street_follows("1920 Soviet forces", 4));
        assert!(phone_digits_before("tel: 1 201 461-1776", 15));
        assert!(phone_digits_before("(201) 461-1776", 10));
        assert!(!phone_digits_before("1914-1918", 5));
        assert!(!phone_digits_before("(499-493 BC)", 5));
    }
}
