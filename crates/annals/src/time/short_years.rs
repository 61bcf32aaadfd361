//! Years of three digits ("In 348 Pachomius died", "c. 314 – 368", "30 September 420", "the
//! winter of 373"). A bare number of three digits is far more often an amount than a year, so one
//! is read as a year only where nothing else fits: after a day and month, a month or a season, or,
//! in narrative, after a word of time ("in", "about", "c.") or as the end of such a range, and
//! never before a word that continues a noun phrase ("in 300 ships", "5 June 300 soldiers").
//! In a story told in BC years, such a year is BC too ("in 480" after "490 BC").

use super::lookalikes::{continues_clause, label_before};
use super::recognise::{Candidate, Part};
use super::value::{Date, Value, Year};
use super::words::{count_noun, opens_clause, word_after, word_before};

/// The year part of a candidate when it is three bare digits (no era written).
fn three_digit_year(text: &str, cand: &Candidate) -> Option<(usize, usize)> {
    let y = cand.parts[Part::Y as usize]?;
    let digits = &text[y.start..y.end];
    (digits.len() == 3 && digits.bytes().all(|b| b.is_ascii_digit()) && !cand.has(Part::Era))
        .then_some((y.start, y.end))
}

/// Words after which a bare three-digit number can be a year in narrative.
fn year_cue(word: &str) -> bool {
    matches!(
        word,
        "in" | "around"
            | "about"
            | "c"
            | "ca"
            | "circa"
            | "until"
            | "till"
            | "since"
            | "by"
            | "from"
            | "before"
            | "after"
    )
}

/// Whether a word is a name: capitalised, or a capitalised name behind an Arabic article
/// ("ash-Shahrastani", "al-Ghazzali").
fn name_like(word: &str) -> bool {
    if word.starts_with(char::is_uppercase) {
        return true;
    }
    word.split_once('-').is_some_and(|(article, name)| {
        (2..=3).contains(&article.len())
            && article.starts_with('a')
            && article.chars().all(|c| c.is_ascii_lowercase())
            && name.starts_with(char::is_uppercase)
    })
}

/// Where the word before `at` starts (skipping spaces), for the word before that.
fn label_start(text: &str, at: usize) -> usize {
    let head = text[..at].trim_end();
    head.rfind(char::is_whitespace).map_or(0, |i| i + 1)
}

/// Whether what follows a three-digit year at `end` lets it stay one: punctuation, the end of
/// the text, or a word that does not continue a noun phrase the number would count.
fn free_after(text: &str, end: usize, strict: bool) -> bool {
    let rest = &text[end..];
    let next = rest.chars().next();
    // "100,000" and "114.5" go on as numbers.
    if rest
        .chars()
        .nth(1)
        .is_some_and(|c| c.is_ascii_digit() && matches!(next, Some(',' | '.')))
    {
        return false;
    }
    if next.is_none_or(|c| matches!(c, ',' | '.' | ';' | ':' | ')' | ']')) {
        return true;
    }
    if !next.is_some_and(char::is_whitespace) {
        return false;
    }
    let trimmed = rest.trim_start();
    if trimmed.starts_with(['-', '–', '—']) {
        return true;
    }
    let word = word_after(text, end);
    let lower = word.to_ascii_lowercase();
    if count_noun(&lower) || super::lexicon::unit(&lower).is_some() {
        return false;
    }
    if strict {
        // "about 960 a week" is a rate.
        // "in 455 did the cloud pass": an inverted auxiliary after the year.
        (opens_clause(&lower) && !matches!(lower.as_str(), "a" | "an"))
            || matches!(lower.as_str(), "did" | "was" | "were" | "had" | "came")
    } else {
        // "from a high in January of 114 to over 250": "to", "of" and "and" can join amounts.
        !word.starts_with(|c: char| c.is_ascii_lowercase())
            || (continues_clause(&lower) && !matches!(lower.as_str(), "to" | "of" | "and"))
    }
}

/// Whether a bare number at `start` follows a range's joint whose first number came after a
/// word of time: "c. 314 – 368", "about 360 - 366", "from 325 to 337".
fn ends_cued_range(text: &str, start: usize) -> bool {
    let head = text[..start].trim_end();
    let Some(head) = ["-", "–", "—", " to", " and"]
        .iter()
        .find_map(|j| head.strip_suffix(j))
    else {
        return false;
    };
    let head = head.trim_end();
    let first = head.trim_end_matches(|c: char| c.is_ascii_digit());
    let cue = label_before(text, first.len());
    // "the winter of 373 - 374": "of" opens a range after a season or month ("a vote of 111 to
    // 333" is a count).
    let of_date = || {
        cue == "of" && {
            let before_of = word_before(text, first.trim_end().len() - 2);
            super::lexicon::month(&before_of).is_some()
                || matches!(
                    before_of.as_str(),
                    "spring" | "summer" | "autumn" | "fall" | "winter"
                )
        }
    };
    (3..=4).contains(&(head.len() - first.len())) && (year_cue(&cue) || of_date())
}

/// Whether a range closed by a BC year follows `end` ("from 218 to 201 BC"): its first year is
/// BC too, and `neighbours::bc_range_starts` adds it once the end is read.
fn opens_bc_range(text: &str, end: usize) -> bool {
    let rest = text[end..].trim_start();
    let Some(rest) = ["-", "–", "—", "to ", "and ", "until "]
        .iter()
        .find_map(|j| rest.strip_prefix(j))
    else {
        return false;
    };
    let rest = rest.trim_start();
    let number = rest.trim_start_matches(|c: char| c.is_ascii_digit());
    number.len() < rest.len() && {
        let era = number.trim_start();
        era.starts_with("BC") || era.starts_with("B.C")
    }
}

/// Checks a candidate whose year has three digits: `false` rejects it. A composite date whose
/// year is refused keeps its day and month ("5 June" in "5 June 300 soldiers").
pub(super) fn accept(text: &str, cand: &mut Candidate, name: &str) -> bool {
    if name == "double-year" {
        // Its own check (context.rs): the second year must be the first's neighbour.
        return true;
    }
    if matches!(name, "year-small" | "the-year-small") {
        // "the year 32", "in 81": after "the year" or a word of time, and free of what a number
        // would count.
        let Some(y) = cand.parts[Part::Y as usize] else {
            return false;
        };
        let the_year = y.start > cand.span.start;
        let cue = label_before(text, y.start);
        let digit_near = |s: &str| s.chars().next().is_some_and(|c| c.is_ascii_digit());
        return (the_year || year_cue(&cue))
            && !digit_near(&text[y.end..])
            && !text[..y.start].ends_with(|c: char| c.is_ascii_digit() || c == '.' || c == ',')
            && free_after(text, y.end, true);
    }
    let Some((start, end)) = three_digit_year(text, cand) else {
        return true;
    };
    if name == "year-short" {
        let cue = label_before(text, start);
        // "the middle of 488", "the end of 499", "the spring of 320": a part of a year.
        let part_of = || {
            cue == "of" && {
                let before_of = word_before(text, label_start(text, start));
                matches!(
                    before_of.as_str(),
                    "end"
                        | "beginning"
                        | "middle"
                        | "start"
                        | "close"
                        | "course"
                        | "spring"
                        | "summer"
                        | "autumn"
                        | "fall"
                        | "winter"
                )
            }
        };
        if !(year_cue(&cue) || part_of() || ends_cued_range(text, start))
            || opens_bc_range(text, end)
        {
            return false;
        }
        // "In 348 Pachomius died": a name may follow a year after "in" or "c.", but "about 400
        // Greeks" counts them.
        let token = text[end..].split_whitespace().next().unwrap_or("");
        if text[end..].starts_with(char::is_whitespace) && name_like(token) {
            return matches!(cue.as_str(), "in" | "c" | "ca" | "circa");
        }
        return free_after(text, end, true);
    }
    if free_after(text, end, false) {
        return true;
    }
    // Keep the date without the number: its end is the latest other part.
    cand.parts[Part::Y as usize] = None;
    let new_end = cand
        .parts
        .iter()
        .flatten()
        .map(|p| p.end)
        .filter(|&e| e <= start)
        .max();
    match new_end {
        Some(e) => {
            cand.core.end = e;
            cand.span.end = e;
            cand.parts
                .iter_mut()
                .for_each(|p| *p = p.filter(|s| s.end <= e));
            true
        }
        None => false,
    }
}

/// In a story told in BC years, a three-digit year written without an era is BC as well.
pub(super) fn inherit_era(
    text: &str,
    cand: &Candidate,
    story_year: Option<i32>,
    value: &mut Value,
) {
    if three_digit_year(text, cand).is_none() || story_year.is_none_or(|y| y >= 0) {
        return;
    }
    if let Value::Date(Date {
        year: Year::Full(y),
        ..
    }) = value
    {
        if *y > 0 {
            *y = -*y;
        }
    }
}
