//! Context checks for recognised candidates: what separates a time expression from a look-alike
//! ("may" the modal, "March on Tehran", "1200 men", "summer" in "Winter Palace"), and the
//! modifiers a candidate takes in from the words before it ("early", "the end of", "more
//! than"). [`accept`] is called once per candidate by [`super::recognise::recognise`].

use super::recognise::{Candidate, Part};
use super::rules::{rules, Kind};
use super::words::{
    count_noun, mid_sentence, opens_clause, word_after, word_before, POINT_PREPOSITIONS,
    VERB_FOLLOWERS,
};
use super::Mod;
use crate::text::ceil_boundary;
use regex_automata::meta::Regex;
use regex_automata::Input;
use std::sync::LazyLock;

/// Modifiers that may stand right before an expression, and what they mean. Compiled once, one
/// automaton for points in time and one for durations, since "about" or "over" mean different things.
struct Modifiers {
    regex: Regex,
    meanings: Vec<Option<Mod>>,
}

const POINT_MODIFIERS: &[(&str, Option<Mod>)] = &[
    (
        r"the\s+(?:very\s+)?(?:beginning|start|dawn|outset|early\s+part|first\s+days)\s+of",
        Some(Mod::Start),
    ),
    (
        r"the\s+(?:very\s+)?(?:end|close|latter\s+part|late\s+part|last\s+days|final\s+days)\s+of",
        Some(Mod::End),
    ),
    (r"the\s+(?:middle|height|midst)\s+of", Some(Mod::Mid)),
    (r"the\s+first\s+half\s+of", Some(Mod::Start)),
    (r"the\s+(?:second|latter)\s+half\s+of", Some(Mod::End)),
    (
        r"the\s+rest\s+of|the\s+remainder\s+of|the\s+whole\s+of|the\s+course\s+of",
        None,
    ),
    // The article belongs to the phrase: "the early summer of 1943", as in "the early 1960s".
    (
        r"(?:the\s+)?early|early\s+in|earlier\s+in|early-",
        Some(Mod::Start),
    ),
    (
        r"(?:the\s+)?late|late\s+in|later\s+in|late-",
        Some(Mod::End),
    ),
    (r"mid|mid-|the\s+mid-", Some(Mod::Mid)),
    (
        r"about|around|approximately|roughly|circa|c\.|ca\.",
        Some(Mod::Approx),
    ),
];

const DURATION_MODIFIERS: &[(&str, Option<Mod>)] = &[
    (
        r"about|around|approximately|roughly|circa|some|an\s+estimated",
        Some(Mod::Approx),
    ),
    (
        r"less\s+than|under|fewer\s+than|nearly|almost|just\s+under",
        Some(Mod::LessThan),
    ),
    (
        r"more\s+than|upwards\s+of|just\s+over|well\s+over",
        Some(Mod::MoreThan),
    ),
    (
        r"at\s+least|no\s+less\s+than|no\s+fewer\s+than",
        Some(Mod::EqualOrMore),
    ),
    (
        r"at\s+most|up\s+to|no\s+more\s+than",
        Some(Mod::EqualOrLess),
    ),
];

fn compile_modifiers(table: &[(&str, Option<Mod>)]) -> Modifiers {
    let patterns: Vec<String> = table
        .iter()
        .map(|(p, _)| format!(r"(?-u:\b)(?:{p})\s*$"))
        .collect();
    let regex = Regex::builder()
        .syntax(regex_automata::util::syntax::Config::new().case_insensitive(true))
        .build_many(&patterns)
        .expect("modifier patterns compile");
    Modifiers {
        regex,
        meanings: table.iter().map(|(_, m)| *m).collect(),
    }
}

static POINT_MODS: LazyLock<Modifiers> = LazyLock::new(|| compile_modifiers(POINT_MODIFIERS));
static DURATION_MODS: LazyLock<Modifiers> = LazyLock::new(|| compile_modifiers(DURATION_MODIFIERS));

/// Give a match to the rule called `to`, with that rule's kind: for a reading that a context
/// check settles after an earlier rule has matched (refusing the match would hide the later
/// rule). False if no rule has that name.
fn hand_over(cand: &mut Candidate, to: &str, kind: Kind) -> bool {
    match rules().index(to) {
        Some(i) => {
            cand.rule = i;
            cand.kind = kind;
            true
        }
        None => false,
    }
}

/// Whether the text before `at` reads "from <Month> to": then a month at `at` ends a range of
/// months ("from October to March") rather than following an infinitive "to".
fn ends_month_range(text: &str, at: usize) -> bool {
    let mut words = text[..at]
        .rsplit(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty());
    matches!(
        (words.next(), words.next(), words.next()),
        (Some(to), Some(month), Some(from))
            if to.eq_ignore_ascii_case("to")
                && month.starts_with(|c: char| c.is_uppercase())
                && super::lexicon::month(month).is_some()
                && (from.eq_ignore_ascii_case("from") || from.eq_ignore_ascii_case("between"))
    )
}

/// Whether an anaphoric "the year" is followed by "ended"/"ending" and a date ("the year ended
/// March 31", "the year ending tomorrow"): a fiscal period. "The year ended badly" is not one.
fn fiscal_period(text: &str, cand: &Candidate) -> bool {
    let core = text[cand.core.start..cand.core.end].to_ascii_lowercase();
    let verb = word_after(text, cand.core.end);
    let verb_end = text[cand.core.end..]
        .find(verb)
        .map_or(text.len(), |at| cand.core.end + at + verb.len());
    let words: Vec<&str> = core.split_whitespace().collect();
    matches!(
        words.as_slice(),
        ["the", "year"] | ["the", "fiscal", "year"]
    ) && matches!(verb, "ended" | "ending")
        && {
            let next = word_after(text, verb_end);
            next.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
                || matches!(
                    next.to_ascii_lowercase().as_str(),
                    "today" | "tomorrow" | "yesterday" | "next" | "last" | "this"
                )
        }
}

/// Whether the phrase after "of" that follows the candidate names a time ("of a century", "of an
/// hour", "of 1990", "of the year").
fn time_follows_of(text: &str, cand: &Candidate) -> bool {
    // The caller has seen "of" right after the candidate; skip it and up to two determiners.
    let after_of = text[cand.core.end..].trim_start().get(2..).unwrap_or("");
    let word = after_of
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .take(3)
        .map(str::to_lowercase)
        .find(|w| {
            !matches!(
                w.as_str(),
                "a" | "an" | "the" | "this" | "that" | "last" | "next"
            )
        })
        .unwrap_or_default();
    word.starts_with(|c: char| c.is_ascii_digit())
        || super::lexicon::unit(word.trim_end_matches('s')).is_some()
        || super::lexicon::unit(&word).is_some()
}

/// Context checks and modifier extension. Returns false when the match is not a time expression.
pub(super) fn accept(text: &str, cand: &mut Candidate, rule: &super::rules::Rule) -> bool {
    let name = rule.name.as_str();
    // A year of three digits is checked first: a refused one is cut off the date, and what is
    // left is checked as written ("By 30 March, 100,000 troops").
    if !super::short_years::accept(text, cand, name) {
        return false;
    }
    let before = word_before(text, cand.core.start);
    let after = word_after(text, cand.core.end);
    let after_lower = after.to_lowercase();

    // Numbers glued to other numbers or currency are not dates ("1,920", "$1990", "1920.5").
    let b = text.as_bytes();
    let prev_byte = cand.core.start.checked_sub(1).map(|i| b[i]);
    let next_byte = b.get(cand.core.end).copied();
    let starts_digit = b[cand.core.start].is_ascii_digit();
    let after_abbreviation = prev_byte == Some(b'.')
        && cand
            .core
            .start
            .checked_sub(2)
            .is_some_and(|i| b[i].is_ascii_alphabetic());
    if starts_digit
        && !after_abbreviation
        && matches!(
            prev_byte,
            Some(b'$' | b'#' | b',' | b'.' | b'/' | b'+' | b':' | 0xC2)
        )
    {
        // 0xC2 starts "£" and "§" in UTF-8.
        return false;
    }
    if matches!(next_byte, Some(b'%'))
        || (matches!(next_byte, Some(b',' | b'.'))
            && b.get(cand.core.end + 1).is_some_and(|c| c.is_ascii_digit())
            && starts_digit)
    {
        return false;
    }

    if super::lookalikes::is_lookalike(text, cand, name, after) {
        return false;
    }

    if let Some(mspan) = cand.parts[Part::M as usize] {
        let mword = &text[mspan.start..mspan.end];
        let lower = mword.to_lowercase();
        let has_d = cand.has(Part::D);
        let has_y = cand.has(Part::Y) || cand.has(Part::Yrel) || cand.has(Part::Rel);
        let ambiguous =
            lower == "may" || lower == "march" || lower.starts_with("mar") && lower.len() <= 4;
        let capital = mword.starts_with(|c: char| c.is_uppercase());
        if ambiguous && !capital && !(cand.has(Part::Y) || has_d) {
            // Lowercase "may"/"march" is a verb unless a day or year makes it a date.
            return false;
        }
        // Only read for "May" or "March" alone, so written as closures.
        // "(May-August 1950)": a month opening a range of months.
        let opens_range = || {
            text[cand.core.end..]
                .trim_start_matches(['-', '–', '—'])
                .split(|c: char| !c.is_alphabetic())
                .next()
                .is_some_and(|w| {
                    w.starts_with(|c: char| c.is_uppercase())
                        && super::lexicon::month(w).is_some()
                        && text[cand.core.end..].starts_with(['-', '–', '—'])
                })
        };
        // "The March accession", "a March operation": after a determiner and before a noun,
        // a capitalised March or May names the month an event falls in. "The March on Rome"
        // and "the March began" are the event itself.
        let modifies_noun = || {
            capital
                && matches!(
                    before.as_str(),
                    "the"
                        | "a"
                        | "an"
                        | "this"
                        | "that"
                        | "its"
                        | "his"
                        | "her"
                        | "their"
                        | "last"
                        | "next"
                )
                && after.len() > 2
                && after.chars().all(|c| c.is_ascii_lowercase())
                && !after.ends_with("ed")
                && !VERB_FOLLOWERS.contains(&after)
                && !matches!(
                    after,
                    "to" | "of" | "from" | "was" | "is" | "were" | "and" | "began" | "had" | "for"
                )
        };
        if ambiguous && !has_y && !has_d && !opens_range() && !modifies_noun() {
            {
                // "May" and "March" alone are months only after a preposition and not before a
                // verb particle ("to March on Tehran", "May God help").
                let range_end = before == "to" && ends_month_range(text, cand.core.start);
                if (before == "to" && !range_end) || !POINT_PREPOSITIONS.contains(&before.as_str())
                {
                    return false;
                }
                if VERB_FOLLOWERS.contains(&after_lower.as_str()) {
                    return false;
                }
            }
        }
        if name == "month-alone" && !mword.starts_with(|c: char| c.is_uppercase()) {
            return false;
        }
        // "April Hughes": a month name before a capitalised word is a name, not a date. In "in
        // late April Soviet forces" the preposition stands before the month's modifier.
        let before = if matches!(before.as_str(), "early" | "late" | "mid" | "middle") {
            let head = text[..cand.core.start].trim_end();
            word_before(text, head.len() - before.len())
        } else {
            before.clone()
        };
        if name == "month-alone"
            && after.starts_with(|c: char| c.is_uppercase())
            && !matches!(
                before.as_str(),
                "in" | "of" | "since" | "until" | "by" | "during"
            )
        {
            return false;
        }
    }

    // What follows and precedes the match, as written.
    let rest = &text[cand.core.end..];
    let head = &text[..cand.core.start];
    // "a quarter-to-quarter comparison", "day-to-day running", "year-over-year growth": a unit
    // paired with another in a compound adjective names no time.
    if cand.has(Part::Unit)
        && ["-to-", "-over-", "-by-"]
            .iter()
            .any(|joint| rest.starts_with(joint) || head.ends_with(joint))
    {
        return false;
    }

    // "ABC's ''This Week''", "VOA Today": a deictic unit or day word written with a capital in
    // mid-sentence is part of a title. Counted amounts stay ("the Seven Days Battles", "the
    // Six-Day War" are annotated in WikiWars).
    if let Some(word) = cand.parts[Part::Unit as usize].or(cand.parts[Part::Dayw as usize]) {
        let capital = text[word.start..].starts_with(|c: char| c.is_uppercase());
        if capital && !cand.has(Part::N) && mid_sentence(text, cand.core.start) {
            return false;
        }
    }

    match name {
        "year" if count_noun(after) => {
            return false;
        }
        // "two thousand years" is an amount, not the year 2000.
        "spelled-year" if super::lexicon::unit(after).is_some() => {
            return false;
        }
        // "fourteen hundred and fifty men", "one thousand horse": a spelled number before what
        // it counts is no year; written as a year it stands alone or after "the year".
        "spelled-year-long"
            if !text[cand.core.start..]
                .to_ascii_lowercase()
                .starts_with("the year")
                && (count_noun(after)
                    || super::lexicon::unit(after).is_some()
                    || after.chars().next().is_some_and(|c| c.is_lowercase())
                        && !opens_clause(after)) =>
        {
            return false;
        }
        "ordinal-unit-of" => {
            // The expression is "the fifty-third day", as both corpora mark it; "of the siege"
            // says what it counts within and stays outside (time/counted.rs reads it).
            if let Some(unit) = cand.parts[Part::Unit as usize] {
                cand.span.end = unit.end;
                cand.core.end = unit.end;
            }
        }
        "double-year" => {
            // The second year is the first's neighbour (the next; the previous for BC), written
            // by its last digits; a three-digit first year needs an era or a word of time.
            let (Some(y), Some(yy)) = (cand.part(text, Part::Y), cand.part(text, Part::Yy2)) else {
                return false;
            };
            let first: i32 = y.parse().unwrap_or(0);
            let tail: i32 = yy.parse().unwrap_or(-1);
            let modulus = 10i32.pow(yy.len() as u32);
            let bc = cand
                .part(text, Part::Era)
                .is_some_and(|e| e.starts_with(['B', 'b']));
            let neighbour = if bc { first - 1 } else { first + 1 };
            let cued = y.len() == 4
                || cand.has(Part::Era)
                || matches!(
                    before.as_str(),
                    "in" | "of" | "from" | "c" | "ca" | "circa" | "about" | "year" | "until"
                );
            if yy.len() >= y.len() || neighbour.rem_euclid(modulus) != tail || !cued {
                return false;
            }
        }
        "year-range-short" => {
            // "1914–18" only when the second part can be a later year in the same century.
            let y: i32 = text[cand.parts[Part::Y as usize].unwrap().start..]
                .get(..4)
                .and_then(|s| s.parse().ok())
                .unwrap_or(0);
            let yy: i32 = cand
                .part(text, Part::Yy2)
                .and_then(|s| s.parse().ok())
                .unwrap_or(0);
            if yy <= y % 100 || count_noun(after) {
                return false;
            }
        }
        "season-alone" => {
            let season = text[cand.core.start..cand.core.end].to_lowercase();
            let has_the = season.starts_with("the");
            let word = season.trim_start_matches("the").trim();
            let written = &text[cand.core.end - word.len()..cand.core.end];
            // A season naming a campaign is its time, capitalised or not ("the Spring Offensive
            // of 1918", "a spring offensive", "winter quarters"): WikiWars marks every one.
            const OPERATIONS: &[&str] = &[
                "offensive",
                "offensives",
                "counter-offensive",
                "counter-offensives",
                "counteroffensive",
                "campaign",
                "campaigns",
                "fighting",
                "quarters",
            ];
            // Words after which the season heads its own phrase ("the winter came", "the
            // summer months"); after any other word, a season modifies the noun that follows
            // and the article belongs to that noun ("the [winter] food supplies").
            const HEADS_BEFORE: &[&str] = &[
                "came", "arrived", "began", "was", "had", "brought", "set", "saw", "ended", "fell",
                "months", "weather", "rains",
            ];
            // "Spring" and "fall" are other words too: only a campaign makes them modifiers.
            let ambiguous = word == "fall" || word == "spring";
            let operation = OPERATIONS.contains(&after_lower.as_str());
            let modifies_noun = operation
                || (!ambiguous
                    && after.starts_with(|c: char| c.is_lowercase())
                    && !opens_clause(&after_lower)
                    && !after_lower.ends_with("ed")
                    && !HEADS_BEFORE.contains(&after_lower.as_str()));
            if modifies_noun {
                cand.core.start = cand.core.end - word.len();
                cand.span.start = cand.core.start;
            }
            if operation {
                return true;
            }
            // "Winter Palace", "Summer Olympics": a capitalised season before a name is a name.
            if written.starts_with(|c: char| c.is_uppercase())
                && after.starts_with(|c: char| c.is_uppercase())
            {
                return false;
            }
            const OK: &[&str] = &[
                "in",
                "during",
                "by",
                "since",
                "until",
                "till",
                "through",
                "throughout",
                "that",
                "this",
                "last",
                "next",
                "early",
                "late",
                "mid",
                "before",
                "after",
                "for",
                "spent",
                "over",
                "all",
            ];
            let head_text = text[..cand.core.start].trim_end();
            let starts_sentence =
                head_text.is_empty() || head_text.ends_with(['.', '!', '?', '\n', ':', ';']);
            if ambiguous
                && starts_sentence
                && written.starts_with(|c: char| c.is_uppercase())
                && after.starts_with(|c: char| c.is_lowercase())
            {
                // "Spring came": a sentence-initial season before a verb.
            } else if ambiguous {
                // "the fall of Rome", "prices fall", "water from the spring"
                let head = if has_the {
                    word_before(text, cand.core.start)
                } else {
                    before.clone()
                };
                if after_lower == "of" || !OK.contains(&head.as_str()) {
                    return false;
                }
            }
            // "Winter", "summer" and "autumn" are no other word: alone or before a noun they
            // name the season ("the winter food supplies", "in the middle of summer").
        }
        "bare-part-of-day" => {
            const OK: &[&str] = &[
                "at",
                "in",
                "by",
                "during",
                "until",
                "till",
                "before",
                "after",
                "from",
                "through",
                "all",
                "overnight",
            ];
            // "during the night": look past the article (only when it is "the", three ASCII
            // bytes, so the offset stays on a character boundary).
            let head = if before == "the" {
                word_before(
                    text,
                    text[..cand.core.start].trim_end().len().saturating_sub(3),
                )
            } else {
                String::new()
            };
            if !(OK.contains(&before.as_str()) || before == "the" && OK.contains(&head.as_str())) {
                return false;
            }
        }
        "weekday" => {
            // "Sunday Times", "Tuesday's meeting" are fine; nothing to reject but plural noun use.
        }
        "duration" => {
            let unit = cand.part(text, Part::Unit).unwrap_or("").to_lowercase();
            let n = cand.part(text, Part::N).unwrap_or("").to_lowercase();
            if unit.starts_with("second") && (n == "a" || n == "an") {
                return false;
            }
            // "a decades-long feud": "a" belongs to the noun, not to a plural unit.
            if (n == "a" || n == "an") && unit.ends_with('s') {
                return false;
            }
            // A year number is not an amount ("the 1988 quarter").
            if n.len() == 4 && n.chars().all(|c| c.is_ascii_digit()) {
                return false;
            }
            // "Three-quarters of its food", "a quarter of the market" are shares, not periods;
            // "a quarter of a century" and "three quarters of an hour" stay durations.
            if unit.starts_with("quarter") && after_lower == "of" && !time_follows_of(text, cand) {
                return false;
            }
            // Ages ("a 6-year-old boy", "52 years old") are not time expressions in TimeML.
            if rest.starts_with("-old") || after_lower == "old" {
                return false;
            }
            // "Islam will one day be…", "hopes to one day return": after a modal or "to", "one
            // day" is an unnamed time to come, not a length of a day. The duration rule matches
            // first, so it hands the match over (a refusal would hide the later rule).
            if n == "one"
                && unit == "day"
                && matches!(
                    before.as_str(),
                    "will"
                        | "would"
                        | "could"
                        | "might"
                        | "may"
                        | "shall"
                        | "should"
                        | "can"
                        | "to"
                )
                && hand_over(cand, "ref-future", Kind::Ref)
            {
                return true;
            }
        }
        // "for years", "took months": a bare plural unit is a duration only after such words.
        "duration-bare-plural"
            if !matches!(
                before.as_str(),
                "for"
                    | "within"
                    | "over"
                    | "after"
                    | "lasted"
                    | "took"
                    | "spent"
                    | "in"
                    | "take"
                    | "takes"
                    | "taken"
                    | "taking"
                    | "need"
                    | "needed"
                    | "needs"
                    | "last"
                    | "lasts"
                    | "wait"
                    | "waited"
            ) =>
        {
            return false;
        }
        // "Lukaku scored again, this time from a header", "This time you are able to": without
        // a preposition, "this time" is an occasion, not a time (WikiWars marks "during this
        // time", "at the same time", never ", this time led by").
        "story-time"
            if text[cand.core.start..cand.core.end]
                .to_ascii_lowercase()
                .ends_with("time")
                && !matches!(
                    before.as_str(),
                    "at" | "by"
                        | "during"
                        | "around"
                        | "about"
                        | "from"
                        | "in"
                        | "on"
                        | "until"
                        | "till"
                        | "since"
                        | "after"
                        | "before"
                        | "throughout"
                        | "for"
                        | "of"
                        | "to"
                        | "within"
                        | "near"
                ) =>
        {
            return false;
        }
        // "the period from 2004 to 2009", "the period of the CPA's inception", "the period
        // between the wars": a period its own words define, not the quarter a report is about.
        "current-period"
            if text[cand.core.start..cand.core.end]
                .to_ascii_lowercase()
                .ends_with("period")
                && matches!(
                    after_lower.as_str(),
                    "from"
                        | "between"
                        | "of"
                        | "when"
                        | "in"
                        | "during"
                        | "before"
                        | "after"
                        | "since"
                        | "until"
                ) =>
        {
            return false;
        }
        // "the year's end" and "the year-end" are the end of the year (rule "unit-end-of").
        "current-period"
            if rest.starts_with("'s end")
                || rest.starts_with("\u{2019}s end")
                || rest.starts_with("-end") =>
        {
            return false;
        }
        "clock-in-the-pod"
            if !matches!(
                before.as_str(),
                "at" | "by"
                    | "until"
                    | "till"
                    | "around"
                    | "about"
                    | "before"
                    | "after"
                    | "from"
                    | "to"
                    | "since"
            ) =>
        {
            return false;
        }
        "ordinal-day" => {
            let before_time = matches!(
                before.as_str(),
                "on" | "by" | "until" | "till" | "from" | "since" | "to" | "before" | "after"
            );
            // What follows a day: punctuation, or a word that opens the rest of the clause.
            let clause_follows = after.is_empty() || opens_clause(&after_lower);
            if !(before_time && clause_follows) {
                return false;
            }
        }
        "ref-present" => {
            let w = text[cand.core.start..cand.core.end].to_lowercase();
            if w == "current" || w == "the current" {
                // Only as an adjective of a time-like noun is "current" a time ("current year").
                return false;
            }
            // "The present study", "the present government": an adjective, like "the current"
            // before a noun. "In the present, we live" and "the present is" are the time.
            if w == "the present"
                && after.starts_with(|c: char| c.is_ascii_lowercase())
                && !opens_clause(&after_lower)
                && !matches!(
                    after_lower.as_str(),
                    "is" | "was" | "and" | "or" | "of" | "to" | "for" | "with" | "on" | "by"
                )
            {
                return false;
            }
        }
        _ => {}
    }

    // "two days before the battle": the offset word introduces an event, so only the amount is a
    // time expression (a duration); "two days before." keeps its direction.
    if let Some(dir) = cand.parts[Part::Earlier as usize].or(cand.parts[Part::Later as usize]) {
        let word = text[dir.start..dir.end].to_ascii_lowercase();
        if matches!(word.as_str(), "before" | "after" | "prior" | "on" | "back")
            && after.starts_with(|c: char| c.is_alphanumeric())
        {
            let unit_end = cand.parts[Part::Unit as usize].map_or(dir.start, |u| u.end);
            if !cand.has(Part::N) {
                return false;
            }
            cand.core.end = unit_end;
            cand.span.end = unit_end;
            cand.parts[Part::Earlier as usize] = None;
            cand.parts[Part::Later as usize] = None;
            cand.kind = Kind::Duration;
        }
    }
    // Hyphenated adjectives ("The 14-day visa", "its third-quarter loss", "the year-ago results")
    // leave the article out; a following noun brings it back in ("the year-ago period").
    let core_text = &text[cand.core.start..cand.core.end];
    let article = ["the ", "that ", "a ", "its "].into_iter().find(|a| {
        core_text
            .get(..a.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(a))
    });
    if let Some(article) = article {
        let rest = core_text[article.len()..].trim();
        let last = rest.rsplit('-').next().unwrap_or("").to_ascii_lowercase();
        let adjectival = rest.contains('-')
            && !rest.contains(char::is_whitespace)
            && (super::lexicon::unit(&last).is_some() || last == "ago" || last == "earlier");
        if adjectival {
            cand.core.start += article.len();
            cand.span.start = cand.core.start;
        }
    }
    let rel_starts_core =
        cand.parts[Part::Rel as usize].is_some_and(|r| r.start == cand.core.start);
    if name == "relative-unit"
        && core_text.to_ascii_lowercase().starts_with("that ")
        && !rel_starts_core
    {
        // "that same day" keeps "that"; "that last week" is "last week" after a demonstrative.
        let rel = cand
            .part(text, Part::Rel)
            .unwrap_or("")
            .to_ascii_lowercase();
        if rel != "same" {
            return false;
        }
    }
    if matches!(cand.kind, Kind::Ref) {
        return true;
    }
    // Modifier extension: look at up to 40 bytes before the match.
    let window_start = ceil_boundary(text, cand.core.start.saturating_sub(40));
    let window = &text[window_start..cand.core.start];
    // Counted offsets ("nearly two weeks ago") take the comparatives of amounts.
    let counted_offset = matches!(cand.kind, Kind::Offset) && cand.has(Part::N);
    let mods: &Modifiers = if matches!(cand.kind, Kind::Duration) || counted_offset {
        &DURATION_MODS
    } else {
        &POINT_MODS
    };
    // Every modifier pattern ends at the end of the window, so the leftmost match is the longest.
    // Comparatives qualify an amount ("about three years"), not a definite phrase ("the past year").
    let definite = text[cand.core.start..]
        .get(..4)
        .is_some_and(|w| w.eq_ignore_ascii_case("the "));
    let found = if window.is_empty() || (definite && matches!(cand.kind, Kind::Duration)) {
        None
    } else {
        mods.regex.search(&Input::new(window)).map(|m| {
            (
                window_start + m.start(),
                mods.meanings[m.pattern().as_usize()],
            )
        })
    };
    match found {
        Some((start, modifier)) => {
            cand.span.start = start;
            cand.modifier = modifier;
            // "mid-1990s" style prefixes already captured inside the rule.
        }
        // "For the year ended March 31": the bare "the year" before "ended" is the fiscal period
        // that ends on the date, a duration of one year.
        None if matches!(name, "anaphoric-unit" | "current-period")
            && fiscal_period(text, cand) =>
        {
            hand_over(cand, "period-ended", Kind::Duration);
        }
        None if rule.needs_mod => return false,
        None => {}
    }
    true
}
