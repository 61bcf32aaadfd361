//! Word-level heuristics of the gazetteer scanner: word boundaries, person contexts, and the
//! stoplists of names that are mostly something else in English running text.

use super::fold::Folder;
use crate::entity::titles;
use unicode_normalization::char::canonical_combining_class;

/// Letters, digits and combining marks (so that decomposed "Tehra\u{301}n" stays one word).
pub(super) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || (!c.is_ascii() && canonical_combining_class(c) != 0)
}

pub(super) fn next_word(text: &str, from: usize) -> Option<usize> {
    text[from..]
        .char_indices()
        .find(|&(_, c)| is_word_char(c))
        .map(|(i, _)| from + i)
}

pub(super) fn word_end(text: &str, start: usize) -> usize {
    text[start..]
        .char_indices()
        .find(|&(_, c)| !is_word_char(c))
        .map_or(text.len(), |(i, _)| start + i)
}

pub(super) fn is_possessive(rest: &str) -> bool {
    let mut chars = rest.chars();
    matches!(chars.next(), Some('\'' | '\u{2019}'))
        && matches!(chars.next(), Some('s' | 'S'))
        && !chars.next().is_some_and(is_word_char)
}

/// The word before `before`, skipping spaces and one abbreviation period ("Gen. Frunze"), and
/// whether a period was skipped.
fn previous_word(text: &str, before: usize) -> (&str, bool) {
    let head = text[..before].trim_end_matches(' ');
    let (head, period) = match head.strip_suffix('.') {
        Some(head) => (head, true),
        None => (head, false),
    };
    let start = head
        .char_indices()
        .rev()
        .find(|&(_, c)| !is_word_char(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    (&head[start..], period)
}

fn following_word(text: &str, after: usize) -> &str {
    let tail = &text[after..];
    let tail = tail.trim_start_matches(' ');
    let end = word_end(tail, 0);
    &tail[..end]
}

/// Lowercase words inside multiword place names ("Dar es Salaam", "Frankfurt am Main").
#[rustfmt::skip]
pub(super) const CONNECTORS: &[&str] = &[
    "al", "am", "an", "da", "das", "de", "del", "der", "des", "di", "do", "dos", "du", "e", "el",
    "en", "es", "i", "im", "la", "le", "les", "na", "of", "on", "sur", "the", "upon", "y",
];

/// Capitalised words that may stand next to a place name without making it a person's name.
#[rustfmt::skip]
const NOT_NAMES: &[&str] = &[
    "A", "About", "Across", "After", "All", "An", "And", "As", "At", "Before", "Between", "But",
    "By", "During", "For", "From", "He", "In", "Into", "Like", "Near", "Of", "On", "Outside", "She",
    "Since", "The", "Then", "They", "Through", "To", "Toward", "Towards", "Under", "Until", "Via",
    "We", "When", "While", "With",
];

/// A capitalised word standing right next to a span (one space between): "George" in
/// "George Washington".
fn is_name_like(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase) && !NOT_NAMES.contains(&word)
}

/// Whether the name at `start..end` stands where a person would: after a title or before a
/// name suffix; or, for a name that people share (a given name or surname in [`PERSON_NAMES`],
/// or any village's name when `homonym`), next to another capitalised word ("George
/// Washington", "Henry Bond": a longer place name would have been matched whole).
pub(super) fn person_context(
    text: &str,
    start: usize,
    end: usize,
    folder: &mut Folder,
    homonym: bool,
) -> bool {
    let (before, period) = previous_word(text, start);
    // A title puts the next name in a person context ("General Frunze", "Gen. Frunze"); after
    // any other word a period ends a sentence ("… the Shah. Baku …").
    let titled = if period {
        titles::is_abbreviation(before)
    } else {
        titles::is_title(before)
    };
    if titled || titles::is_after_name(following_word(text, end)) {
        return true;
    }
    folder.clear();
    folder.push_str(&text[start..end]);
    if !homonym && PERSON_NAMES.binary_search(&folder.out.as_str()).is_err() {
        return false;
    }
    let before = text[..start].strip_suffix(' ').map(|head| {
        let from = head
            .char_indices()
            .rev()
            .find(|&(_, c)| !is_word_char(c))
            .map_or(0, |(i, c)| i + c.len_utf8());
        &head[from..]
    });
    let after = text[end..]
        .strip_prefix(' ')
        .map(|tail| &tail[..word_end(tail, 0)]);
    before.is_some_and(is_name_like) || after.is_some_and(is_name_like)
}

// ---- Stoplists ----
//
// Drafted by scanning the English corpora under ../shared/data (UD EWT, GUM, TimeBank,
// WikiWars) and reviewing every one-word match that also occurs there in lowercase or as a
// person; then decided by hand. Folded forms, sorted (binary search).

/// Names the scanner always skips, because in English running text they are mostly something
/// else: capitalised common words ("March", "Nice", "Reading"), people ("Castro", "Kennedy"),
/// and the people Soviet towns were named after ("Frunze", "Kirov"), whom history texts mean.
/// `lookup` still finds all of them.
#[rustfmt::skip]
pub(super) const STOPLIST: &[&str] = &[
    "abu", "acropolis", "adam", "adams", "ahmad", "airport", "ali", "alice", "allen", "alliance",
    "alma", "along", "ames", "anderson", "ann", "anna", "ariel", "arnold", "bad", "bank", "barnes",
    "barry", "basic", "bath", "batman", "bay", "bear", "bell", "bella", "ben", "best", "bid", "big",
    "boone", "bose", "brad", "bradley", "bryan", "buchanan", "burton", "bush", "butterfly", "buy",
    "campbell", "can", "cardona", "care", "carnegie", "castro", "cat", "center", "central",
    "chandler", "chi", "clayton", "clinton", "come", "commonwealth", "dalton", "date", "david",
    "davis", "deal", "delta", "dining", "donna", "drama", "due", "dumas", "duran", "dzerzhinsky",
    "eagle", "edison", "enterprise", "evans", "ever", "everett", "far", "federal", "fillmore",
    "fleet", "flora", "forest", "fountain", "frunze", "garcia", "garner", "gary", "george",
    "gilbert", "gloria", "god", "gold", "golden", "google", "gorki", "gorky", "graham", "green",
    "griffin", "gutierrez", "hall", "hamas", "hammond", "hannibal", "harrison", "harvey", "hassan",
    "henderson", "hindenburg", "hit", "holt", "howard", "human", "hurricane", "imperial",
    "independence", "irving", "is", "johnston", "julia", "kai", "kalinin", "kennedy", "kim",
    "kirov", "kuibyshev", "kuybyshev", "kyle", "lara", "lawson", "lenin", "leo", "leslie",
    "liberty", "linda", "lopez", "lucero", "lynn", "magna", "male", "man", "mao", "march", "marion",
    "market", "marks", "marshall", "martin", "martinez", "mary", "may", "metro", "mets", "mine",
    "miranda", "mission", "mitchell", "mobile", "molotov", "montalvo", "moore", "more", "morelos",
    "most", "much", "murphy", "murray", "name", "navarro", "never", "nice", "nigel", "norton",
    "obama", "of", "officer", "okay", "olympic", "opportunity", "orange", "ordzhonikidze",
    "pahlavi", "paine", "paradise", "patterson", "perez", "perry", "police", "pop", "put",
    "ralston", "ramon", "reading", "republic", "rest", "rich", "richardson", "robertson", "rogers",
    "roman", "ron", "roosevelt", "roy", "sadr", "sale", "salt", "sam", "same", "sandy", "savage",
    "save", "say", "sergo", "set", "she", "sheridan", "sherman", "since", "solana", "split",
    "spring", "springs", "stalin", "stuart", "sue", "summit", "superior", "surprise", "sverdlov",
    "tana", "tank", "taylor", "temple", "terrell", "thai", "than", "thomson", "time", "tour",
    "turn", "tyler", "union", "university", "vera", "victor", "victoria", "voroshilov", "walker",
    "wayne", "wedding", "white house", "whitman", "wilson", "winston", "wright", "xinhua", "young",
    "zhdanov",
];

/// Names of places that are also common given names or surnames: skipped only next to another
/// capitalised word ("George Washington", "Leon Trotsky", "Florence Nightingale") or a title,
/// and kept otherwise ("in Florence", "to Washington").
#[rustfmt::skip]
const PERSON_NAMES: &[&str] = &[
    "albert", "alexandria", "augusta", "austin", "charlotte", "cleveland", "columbus", "douglas",
    "elizabeth", "eugene", "florence", "franklin", "frederick", "hamilton", "houston", "hudson",
    "jackson", "jefferson", "kent", "lawrence", "leon", "lincoln", "madison", "milton", "monroe",
    "montgomery", "nancy", "nelson", "raleigh", "regina", "richmond", "stanley", "troy", "vernon",
    "warren", "washington", "wellington",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entity::gazetteer::fold;

    #[test]
    fn words() {
        let t = "the Shah, Gen. Frunze and Kuchuk Khan";
        assert_eq!(previous_word(t, t.find("Frunze").unwrap()), ("Gen", true));
        let mut folder = Folder::default();
        let t = "It angered the Shah. Baku fell; Gen. Frunze left.";
        let at = |w: &str| (t.find(w).unwrap(), t.find(w).unwrap() + w.len());
        let (s, e) = at("Baku");
        assert!(!person_context(t, s, e, &mut folder, false));
        let (s, e) = at("Frunze");
        assert!(person_context(t, s, e, &mut folder, false));
        let t = "the Shah, Gen. Frunze and Kuchuk Khan";
        assert_eq!(following_word(t, t.find(" Khan").unwrap()), "Khan");
        for list in [STOPLIST, PERSON_NAMES] {
            assert!(
                list.windows(2).all(|w| w[0] < w[1]),
                "stoplists must be sorted: {list:?}"
            );
            assert!(
                list.iter().all(|w| fold(w) == *w),
                "stoplists hold folded forms"
            );
        }
    }
}
