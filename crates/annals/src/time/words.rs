//! The words around a candidate time expression, and the word lists the context checks in
//! `context.rs` read them against (prepositions of time, words that open a clause, count nouns).

use crate::text::floor_boundary;

/// The word before `at` (lowercased), skipping spaces.
pub(super) fn word_before(text: &str, at: usize) -> String {
    // A caller's offset arithmetic must not panic inside a multi-byte character.
    let at = floor_boundary(text, at);
    let head = text[..at].trim_end();
    let start = head
        .rfind(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-'))
        .map(|i| i + head[i..].chars().next().map_or(1, |c| c.len_utf8()))
        .unwrap_or(0);
    head[start..].to_lowercase()
}

/// The `n` words before `at` (lowercased), nearest first, skipping spaces and punctuation.
pub(super) fn words_before(text: &str, at: usize, n: usize) -> Vec<String> {
    let at = floor_boundary(text, at);
    text[..at]
        .rsplit(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-'))
        .filter(|w| !w.is_empty())
        .take(n)
        .map(str::to_lowercase)
        .collect()
}

/// Whether `at` is inside a sentence: what comes before it, past spaces and opening quotes or
/// brackets, is not a sentence end, a heading break or the start of the text.
pub(super) fn mid_sentence(text: &str, at: usize) -> bool {
    let head = text[..at].trim_end_matches(|c: char| {
        c == ' ' || c == '\t' || matches!(c, '"' | '\'' | '`' | '(' | '[' | '\u{201c}' | '\u{2018}')
    });
    head.chars()
        .next_back()
        .is_some_and(|c| !matches!(c, '.' | '!' | '?' | ':' | ';' | '\n' | '\r' | '-' | '_'))
}

/// The word after `at` (as written), skipping spaces.
pub(super) fn word_after(text: &str, at: usize) -> &str {
    let tail = text[at..].trim_start();
    let end = tail
        .find(|c: char| !(c.is_alphanumeric() || c == '\''))
        .unwrap_or(tail.len());
    &tail[..end]
}

/// Whether a lowercase word, right after a time expression, starts the rest of the clause (a
/// subject, a determiner, a conjunction or preposition, a particle of a name) rather than
/// continuing a noun phrase the expression modifies ("the 20th *century*", "summer *shoes*").
pub(super) fn opens_clause(word: &str) -> bool {
    matches!(
        word,
        "the"
            | "a"
            | "an"
            | "he"
            | "she"
            | "it"
            | "they"
            | "we"
            | "i"
            | "his"
            | "her"
            | "its"
            | "their"
            | "our"
            | "and"
            | "but"
            | "when"
            | "as"
            | "while"
            | "at"
            | "in"
            | "after"
            | "before"
            | "there"
            | "this"
            | "that"
            | "then"
            | "de"
            | "von"
            | "van"
            | "all"
            | "both"
            | "some"
            | "most"
            | "to"
            | "through"
            | "until"
            | "or"
    )
}

pub(super) const POINT_PREPOSITIONS: &[&str] = &[
    "in",
    "of",
    "by",
    "since",
    "until",
    "till",
    "from",
    "during",
    "early",
    "late",
    "mid",
    "last",
    "next",
    "this",
    "that",
    "before",
    "after",
    "between",
    "through",
    "throughout",
    "and",
    "or",
    "on",
    "to",
    "at",
    "around",
    "about",
    "circa",
    "into",
    "spring",
    "summer",
    "autumn",
    "winter",
];

pub(super) const VERB_FOLLOWERS: &[&str] = &[
    "on", "against", "into", "toward", "towards", "through", "across", "upon", "off", "back",
    "forward", "onward", "onwards", "out", "in", "along", "past", "away", "with", "be", "have",
    "not", "also", "well", "never", "still", "only", "then",
];

pub(super) fn count_noun(word: &str) -> bool {
    // Only nouns that count people and things: "1913 levels" and "1920 elections" are years.
    const COUNT_WORDS: &[&str] = &[
        "men",
        "people",
        "persons",
        "soldiers",
        "troops",
        "sailors",
        "marines",
        "officers",
        "prisoners",
        "refugees",
        "civilians",
        "workers",
        "deaths",
        "dead",
        "killed",
        "wounded",
        "casualties",
        "feet",
        "strong",
        "infantry",
        "cavalry",
        "artillery",
        "personnel",
        "km",
        "kilometers",
        "kilometres",
        "miles",
        "tons",
        "tonnes",
        "guns",
        "rifles",
        "tanks",
        "planes",
        "ships",
        "vessels",
        "aircraft",
        "horses",
        "hectares",
        "acres",
        "yards",
        "metres",
        "meters",
        "dollars",
        "pounds",
        "rubles",
        "roubles",
        "marks",
        "francs",
        "yen",
        "cases",
        "votes",
        "seats",
        "members",
        "delegates",
        "students",
        "children",
        "women",
        "inhabitants",
        "residents",
        "families",
        "households",
        "units",
        "shares",
        "barrels",
        "copies",
        "pages",
        "authors",
        "schoolchildren",
        "pupils",
        "teachers",
        "writers",
        "participants",
        "respondents",
        "patients",
        "victims",
        "pilgrims",
        "passengers",
        "visitors",
        "spectators",
        "fans",
        "voters",
        "employees",
        "jobs",
        "rebels",
        "fighters",
        "insurgents",
        "policemen",
        "homes",
        "houses",
        "buildings",
        "vehicles",
        "cars",
        "animals",
        "species",
        "words",
        "books",
        "items",
        "samples",
        "schools",
        "villages",
    ];
    COUNT_WORDS.contains(&word)
}
