//! The tense of the clause around a time expression, read from nearby auxiliaries and verb
//! forms without a parser. News anchoring uses it to choose between the last and the next
//! occurrence of a bare weekday or month ("met Tuesday" against "will meet Tuesday").

use crate::text::{ceil_boundary, floor_boundary};

/// Tense of the clause around an expression, used to pick a direction for bare weekdays and months.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tense {
    Past,
    Future,
    Unknown,
}

/// Common English verbs whose past tense does not end in "-ed" (the regular ones are caught by
/// their ending).
fn is_irregular_past(w: &str) -> bool {
    matches!(
        w,
        "began"
            | "broke"
            | "brought"
            | "built"
            | "bought"
            | "came"
            | "caught"
            | "chose"
            | "drew"
            | "drove"
            | "fell"
            | "felt"
            | "fled"
            | "flew"
            | "fought"
            | "found"
            | "gave"
            | "got"
            | "grew"
            | "heard"
            | "held"
            | "hit"
            | "hung"
            | "kept"
            | "knew"
            | "led"
            | "left"
            | "lost"
            | "made"
            | "meant"
            | "met"
            | "paid"
            | "ran"
            | "rose"
            | "sank"
            | "sat"
            | "saw"
            | "sent"
            | "shot"
            | "shook"
            | "slew"
            | "sold"
            | "spent"
            | "spoke"
            | "stood"
            | "stole"
            | "struck"
            | "swore"
            | "took"
            | "taught"
            | "thought"
            | "threw"
            | "told"
            | "tore"
            | "understood"
            | "went"
            | "won"
            | "wore"
            | "wrote"
    )
}

/// Words that, after "was" or "were", tell of a plan rather than a past act.
const PLAN_WORDS: &[&str] = &[
    "planning",
    "going",
    "expected",
    "scheduled",
    "due",
    "set",
    "supposed",
    "about",
    "slated",
    "preparing",
    "poised",
];

/// Words that open a noun phrase, so the "to" before them is a preposition, not an infinitive.
fn is_determiner(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "a"
            | "an"
            | "its"
            | "his"
            | "her"
            | "their"
            | "our"
            | "this"
            | "that"
            | "these"
            | "those"
    )
}

/// Where sentences end in `s`: at a paragraph break; after "?" or "!" and a space; after "." and
/// a space before a capital or a quote, when the word before the stop is a number or has four
/// letters or more ("agreement. They", "in April. The", "in 1990. The"), so that "Dec. 15",
/// "Mr. Smith" and "Corp. President" do not end one. Returns the offset just after each stop.
fn sentence_ends(s: &str) -> impl Iterator<Item = usize> + '_ {
    let b = s.as_bytes();
    (1..b.len()).filter(move |&i| {
        if b[i - 1] == b'\n' && b[i] == b'\n' {
            return true;
        }
        if !(matches!(b[i - 1], b'.' | b'?' | b'!') && b[i].is_ascii_whitespace()) {
            return false;
        }
        if b[i - 1] != b'.' {
            return true;
        }
        let opens_sentence = s[i..]
            .trim_start()
            .starts_with(|c: char| c.is_uppercase() || matches!(c, '"' | '\'' | '`' | '\u{201c}'));
        let word = s[..i - 1]
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        let abbreviation = matches!(
            word.to_ascii_lowercase().as_str(),
            "corp" | "sept" | "calif" | "dept" | "govt" | "bros" | "assn"
        );
        opens_sentence
            && !abbreviation
            && (word.len() >= 4 || !word.is_empty() && word.chars().all(|c| c.is_ascii_digit()))
    })
}

/// A form of "be" (or "get") before a participle makes it passive, not past.
fn is_passive_auxiliary(w: &str) -> bool {
    matches!(w, "be" | "been" | "being" | "is" | "are" | "am" | "get")
}

/// A regular past form ("-ed"), leaving out the words that only look like one: base forms in
/// "-eed" ("succeed", "proceed", "need"; but "agreed" and "freed" are past), negated participles
/// that are adjectives ("unspecified", "unchanged"), and common "-ed" words that are not verbs.
fn is_regular_past(w: &str) -> bool {
    if !w.ends_with("ed") || w.len() <= 4 {
        return false;
    }
    if w.ends_with("eed") {
        return matches!(
            w,
            "agreed" | "disagreed" | "freed" | "guaranteed" | "decreed"
        );
    }
    !(w.starts_with("un") || matches!(w, "hundred" | "kindred" | "sacred" | "naked" | "wicked"))
}

/// Guess the tense of the clause around an expression from auxiliaries and verb forms near it.
pub fn tense_near(text: &str, start: usize, end: usize) -> Tense {
    // A sentence that opens with its date ("In January, a week after the anniversary of …, a
    // bombing killed …") reaches its verb late: when nothing near tells the tense, look well
    // ahead, within the sentence. (Only then: this runs for every candidate.)
    match tense_within(text, start, end, 80) {
        Tense::Unknown => tense_within(text, start, end, 200),
        tense => tense,
    }
}

/// The tense from markers up to 160 bytes before the expression and `ahead` bytes after it.
fn tense_within(text: &str, start: usize, end: usize, ahead: usize) -> Tense {
    let mut lo = ceil_boundary(text, start.saturating_sub(160));
    let mut hi = floor_boundary(text, end + ahead);
    // The clause's tense is in its own sentence: "based" in the next one says nothing about
    // "expect ... by Dec. 15".
    let (from, to) = (lo, hi);
    for stop in sentence_ends(&text[from..to]) {
        if from + stop < start {
            lo = from + stop + 1;
        } else if from + stop >= end {
            hi = from + stop;
            break;
        }
    }
    let window = &text[lo..hi];
    // "Wednesday's ruling", "Sunday's debate": a news story names by their day the events it
    // reports, which have happened.
    let after = &text[end..];
    if after.starts_with("'s ") || after.starts_with("\u{2019}s ") {
        return Tense::Past;
    }
    // The marker nearest the expression decides: in "said they will meet Tuesday" the future
    // auxiliary governs the weekday, in "will say what happened Tuesday" the past form does.
    let centre = (start - lo + end - lo) / 2;
    let mut nearest_future = usize::MAX;
    let mut nearest_past = usize::MAX;
    // One lowercase copy of the window (ASCII lowercasing keeps byte offsets), sliced per word:
    // this runs for every candidate expression.
    let lower = window.to_ascii_lowercase();
    // Each word with its byte offset in the window, taken from the slice itself: counting one
    // byte per separator drifted after "—" or "’" and could land inside a character.
    let words: Vec<(usize, &str, bool)> = window
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .map(|w| {
            let offset = w.as_ptr() as usize - window.as_ptr() as usize;
            (
                offset,
                &lower[offset..offset + w.len()],
                w.starts_with(char::is_uppercase),
            )
        })
        .collect();
    for (i, &(pos, w, capitalised)) in words.iter().enumerate() {
        let distance = pos.abs_diff(centre);
        let prev = i.checked_sub(1).map_or("", |j| words[j].1);
        let next = words.get(i + 1).map_or("", |x| x.1);
        let next2 = words.get(i + 2).map_or("", |x| x.1);
        let prev2 = i.checked_sub(2).map_or("", |j| words[j].1);
        match w {
            // A plan overtaken before the report ("had been due to expire Friday", "had been
            // scheduled", "as previously planned Saturday night") looks back.
            "due" | "scheduled" | "planned" | "expected" | "slated" | "set"
                if prev == "previously" || (prev == "been" && prev2 == "had") =>
            {
                nearest_past = nearest_past.min(distance)
            }
            // "Were planning to", "was expected to", "was due to": a plan told in the past is
            // still ahead of the report, so the past auxiliary says nothing; the plan word
            // that follows decides.
            "was" | "were" if PLAN_WORDS.contains(&next) || (next == "to" && next2 == "be") => {}
            // "are to travel on Wednesday", "is to leave Friday": "be to" with an infinitive is
            // a plan or an order, still ahead.
            "is" | "are" | "am" if next == "to" && !next2.is_empty() && !is_determiner(next2) => {
                nearest_future = nearest_future.min(distance)
            }
            // "would" and "might" are the future of reported speech ("said he would leave
            // Tuesday"); "as soon as"/"as early as" put a time ahead ("as early as Tuesday").
            "will" | "shall" | "'ll" | "won't" | "tomorrow" | "upcoming" | "would" | "might" => {
                nearest_future = nearest_future.min(distance)
            }
            "soon" | "early" if prev == "as" && next == "as" => {
                nearest_future = nearest_future.min(distance)
            }
            // Plans and schedules point forward, in any form: "expected to", "has scheduled
            // a news conference Thursday", "planned a demonstration on Saturday".
            "planning" | "intends" | "preparing" => nearest_future = nearest_future.min(distance),
            // As verbs, not as adjectives ("a hastily planned trip", "as planned Saturday"):
            // followed by what is planned.
            "expected" | "scheduled" | "planned" | "slated"
                if matches!(next, "to" | "a" | "an" | "the" | "for" | "on") =>
            {
                nearest_future = nearest_future.min(distance)
            }
            // Nouns as often as verbs ("vacation plans"): only with what follows.
            "plan" | "plans" | "hopes" | "set" | "going" | "supposed" if next == "to" => {
                nearest_future = nearest_future.min(distance)
            }
            // "due to expire" is scheduled; "due to its loss" is a cause.
            "due" if next == "to" && !is_determiner(next2) => {
                nearest_future = nearest_future.min(distance)
            }
            // What a company or a forecaster expects has not happened yet.
            "expect" | "expects" | "anticipate" | "anticipates" | "forecast" | "forecasts" => {
                nearest_future = nearest_future.min(distance)
            }
            // Money that is "payable" or "of record" on a date has not been paid yet, and a
            // change "effective" on a date has not taken effect: notices name coming dates.
            // A trailing attribution (", the bank said") dates the report, not the reported
            // clause: "will succeed him March 1, the bank said".
            "said" | "says" | "told" | "added" | "noted" | "reported"
                if lo + pos > end && text[end..lo + pos].contains(',') => {}
            "payable" | "effective" => nearest_future = nearest_future.min(distance),
            "record" if prev == "of" => nearest_future = nearest_future.min(distance),
            "was" | "were" | "had" | "did" | "said" | "says" | "ago" | "last" | "yesterday"
            | "since" => nearest_past = nearest_past.min(distance),
            // A participle after a form of "be" ("will be closed", "will be paid") says nothing
            // about the past.
            _ if is_passive_auxiliary(prev) => {}
            // After a determiner a participle is an adjective: "a planned campaign", "the
            // expected attack", "its revised forecast".
            _ if is_determiner(prev) => {}
            _ if is_irregular_past(w) => nearest_past = nearest_past.min(distance),
            // Names are not verbs: "the United States", "Ahmed".
            _ if is_regular_past(w) && !capitalised => nearest_past = nearest_past.min(distance),
            _ => {}
        }
    }
    // A deadline set or moved ("postponed until Tuesday", "extended its deadline until 9 a.m.
    // Tuesday", "has given them until Friday", "extended loans through January") lies after the
    // act that set it, whatever that act's tense.
    let before = &text[lo..start];
    let until = before
        .trim_end()
        .rsplit(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(3)
        .any(|w| {
            w.eq_ignore_ascii_case("until")
                || w.eq_ignore_ascii_case("till")
                || w.eq_ignore_ascii_case("through")
        });
    let deadline = words.iter().any(|&(_, w, _)| {
        matches!(
            w,
            "postponed" | "delayed" | "deferred" | "extended" | "adjourned" | "deadline" | "given"
        )
    });
    if until && deadline {
        return Tense::Future;
    }
    match (nearest_future, nearest_past) {
        (usize::MAX, usize::MAX) => Tense::Unknown,
        (f, p) if f < p => Tense::Future,
        _ => Tense::Past,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tense_of(text: &str, expr: &str) -> Tense {
        let start = text.find(expr).unwrap();
        tense_near(text, start, start + expr.len())
    }

    #[test]
    fn sentence_ends_skip_abbreviations() {
        let s = "Mr. Smith left on Dec. 15. The Corp. President agreed. Next? Yes";
        let ends: Vec<usize> = sentence_ends(s).collect();
        assert_eq!(ends, vec![26, 54, 60]);
    }

    #[test]
    fn regular_past_forms() {
        assert!(is_regular_past("occupied"));
        assert!(is_regular_past("agreed"));
        assert!(!is_regular_past("succeed"));
        assert!(!is_regular_past("unspecified"));
        assert!(!is_regular_past("hundred"));
    }

    #[test]
    fn clause_tense() {
        assert_eq!(tense_of("They met Tuesday.", "Tuesday"), Tense::Past);
        assert_eq!(
            tense_of("They will meet Tuesday.", "Tuesday"),
            Tense::Future
        );
        assert_eq!(
            tense_of(
                "They expect to close in April. It is based in Ohio.",
                "April"
            ),
            Tense::Future
        );
        assert_eq!(
            tense_of("He will leave March 1, the bank said.", "March 1"),
            Tense::Future
        );
        assert_eq!(
            tense_of("It fell due to its April loss.", "April"),
            Tense::Past
        );
        // Word offsets stay on character boundaries after multi-byte separators (this panicked);
        // the nearest marker, "said", decides, as a dash is not an attribution's comma.
        assert_eq!(
            tense_of("He will leave March 1 \u{2014} said the bank.", "March 1"),
            Tense::Past
        );
        assert_eq!(
            tense_of(
                "\u{201c}We will leave\u{201d} \u{2014} on March 1.",
                "March 1"
            ),
            Tense::Future
        );
        assert_eq!(
            tense_of("The court postponed the hearing until Friday.", "Friday"),
            Tense::Future
        );
        // A participle after a determiner is an adjective, not a past form.
        assert_eq!(
            tense_of(
                "The road would be open for a planned campaign in 1976.",
                "1976"
            ),
            Tense::Future
        );
        assert_eq!(
            tense_of("The minister is to leave on Friday.", "Friday"),
            Tense::Future
        );
    }
}
