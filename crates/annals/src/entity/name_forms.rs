//! The written forms around a person's name that belong to it or do not: a possessive is not
//! part of the name ("Mr. Bigelow's" names Mr. Bigelow), nor is a sentence adverb that opens it
//! with the capital of the sentence's first word ("Whereupon Sulla"), while a regnal number
//! ("Henry V"), a name suffix ("Kuchik Khan"), "Esq." ("Benjamin Ballard, Esq.") and a shortened
//! given name before it ("Wm. W. Cowper", "Geo. Davis") are. Two people joined by "and" are
//! two names ("Muranaka and Isobe", "Peng Shousong and Xu Chongzhi").

use super::mentions::{EntityMention, Source, NAME_SUFFIXES};
use super::ner::EntityType;
use crate::text::abbreviations::GIVEN_NAMES;

/// Fit each mention to its name's written form (see the module's summary).
pub(super) fn fit(text: &str, mentions: &mut Vec<EntityMention>) {
    for m in mentions.iter_mut() {
        let before = m.span;
        trim_possessive(text, m);
        trim_sentence_adverb(text, m);
        if m.etype == EntityType::Per {
            extend_suffix(text, m);
            extend_regnal_number(text, m);
            extend_esquire(text, m);
        }
        extend_given_name(text, m);
        if m.span != before {
            m.text = text[m.span.start..m.span.end].to_string();
        }
    }
    split_coordinated(text, mentions);
    // A mention that grew to take in its neighbour ("Geo." and "Davis") keeps one copy.
    mentions.sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)));
    mentions.dedup_by(|b, a| a.span.start <= b.span.start && b.span.end <= a.span.end);
}

/// "Muranaka and Isobe", "Ferdinand and Isabella": a person mention that joins two capitalised
/// names of up to three words with "and" (or "&") is two people. An organisation keeps its
/// "and" ("Smith and Sons" is a firm).
fn split_coordinated(text: &str, mentions: &mut Vec<EntityMention>) {
    let mut added = Vec::new();
    for m in mentions.iter_mut().filter(|m| m.etype == EntityType::Per) {
        let written = &text[m.span.start..m.span.end];
        let Some((at, joint)) = [" and ", " & "]
            .iter()
            .find_map(|j| written.find(j).map(|i| (i, j.len())))
        else {
            continue;
        };
        let (left, right) = (&written[..at], &written[at + joint..]);
        let named = |part: &str| {
            part.split_whitespace()
                .next()
                .is_some_and(|w| w.starts_with(char::is_uppercase))
                && part.split_whitespace().count() <= 3
        };
        // "Mr. and Mrs. Eddings", "Judge and Mrs. Canfield": titles alone before "and" share
        // the name after it.
        let titles_only = left.split_whitespace().all(super::titles::is_title);
        if !named(left) || !named(right) || titles_only {
            continue;
        }
        let right_start = m.span.start + at + joint;
        added.push(EntityMention {
            span: crate::document::Span::new(right_start, m.span.end),
            text: right.to_string(),
            ..m.clone()
        });
        m.span.end = m.span.start + at;
        m.text = left.to_string();
    }
    mentions.extend(added);
}

/// "Mr. Bigelow's", "England’s": the possessive is not part of the name.
fn trim_possessive(text: &str, m: &mut EntityMention) {
    let written = &text[m.span.start..m.span.end];
    for s in ["'s", "\u{2019}s", "'S", "\u{2019}S"] {
        if let Some(name) = written.strip_suffix(s) {
            if name.chars().any(char::is_alphabetic) {
                m.span.end = m.span.start + name.len();
            }
            return;
        }
    }
}

/// Sentence adverbs that open a sentence with a capital and so join a name the tagger finds
/// after them ("Whereupon Sulla", "Thereupon Caesar", "Meanwhile Gordon").
const SENTENCE_ADVERBS: &[&str] = &[
    "accordingly",
    "afterwards",
    "consequently",
    "furthermore",
    "hence",
    "henceforth",
    "however",
    "meanwhile",
    "moreover",
    "nevertheless",
    "nonetheless",
    "thereafter",
    "therefore",
    "thereupon",
    "thus",
    "whereupon",
    "wherefore",
];

/// "Whereupon Sulla": the adverb is not part of the name.
fn trim_sentence_adverb(text: &str, m: &mut EntityMention) {
    let written = &text[m.span.start..m.span.end];
    let Some((first, rest)) = written.split_once(' ') else {
        return;
    };
    let rest = rest.trim_start();
    if SENTENCE_ADVERBS.contains(&first.to_lowercase().as_str())
        && rest.starts_with(char::is_uppercase)
    {
        m.span.start = m.span.end - rest.len();
    }
}

/// The next word after the mention, with the spaces before it, if it is one of `words`
/// followed by a non-word character.
fn next_word<'a>(
    text: &str,
    end: usize,
    words: impl IntoIterator<Item = &'a str>,
) -> Option<usize> {
    let rest = &text[end..];
    let trimmed = rest.trim_start_matches(' ');
    let gap = rest.len() - trimmed.len();
    if gap > 1 {
        return None;
    }
    words
        .into_iter()
        .find(|w| {
            trimmed.starts_with(w) && !trimmed[w.len()..].starts_with(|c: char| c.is_alphanumeric())
        })
        .map(|w| gap + w.len())
}

/// "Kuchik Khan", "Enver Pasha": a suffix of rank or respect after the name is part of it.
fn extend_suffix(text: &str, m: &mut EntityMention) {
    let written = &text[m.span.start..m.span.end];
    if NAME_SUFFIXES.iter().any(|s| written.ends_with(s)) {
        return;
    }
    if let Some(n) = next_word(text, m.span.end, NAME_SUFFIXES.iter().copied()) {
        m.span.end += n;
    }
}

/// "Henry V", "Louis XIV", "Charles II": a regnal number after a one-word given name. "I" is
/// left alone: "when Henry I came" and "as Henry I said" read alike.
fn extend_regnal_number(text: &str, m: &mut EntityMention) {
    const NUMERALS: &[&str] = &[
        "XVIII", "XVII", "XIII", "VIII", "XIV", "XVI", "XII", "III", "XIX", "XV", "XI", "IX", "IV",
        "VI", "VII", "II", "XX", "V", "X",
    ];
    let written = &text[m.span.start..m.span.end];
    if written.split_whitespace().count() != 1 || m.source == Source::Gazetteer {
        return;
    }
    if let Some(n) = next_word(text, m.span.end, NUMERALS.iter().copied()) {
        m.span.end += n;
    }
}

/// "Benjamin Ballard, Esq.", "John Brink, Esquire": the style of a gentleman ends his name.
fn extend_esquire(text: &str, m: &mut EntityMention) {
    let rest = &text[m.span.end..];
    let comma = usize::from(rest.starts_with(','));
    if let Some(n) = next_word(text, m.span.end + comma, ["Esq.", "Esquire", "Esq"]) {
        m.span.end += comma + n;
    }
}

/// "Wm. W. Cowper", "Geo. Davis": a shortened given name (and any initials after it) before
/// a name starts the person's name; the name is a person's, not a place.
fn extend_given_name(text: &str, m: &mut EntityMention) {
    let mut start = m.span.start;
    // Initials between: "Wm. W. Cowper".
    loop {
        let head = text[..start].trim_end_matches(' ');
        if head.len() + 1 < start {
            return;
        }
        let Some(word) = head.strip_suffix('.').and_then(|h| h.rsplit(' ').next()) else {
            return;
        };
        let is_initial = word.len() == 1 && word.chars().all(|c| c.is_ascii_uppercase());
        if GIVEN_NAMES.contains(&word) {
            m.span.start = head.len() - 1 - word.len();
            m.etype = EntityType::Per;
            m.place = None;
            return;
        }
        if !is_initial {
            return;
        }
        start = head.len() - 1 - word.len();
    }
}
