//! Buildings, streets and other made places ("the King's Arms Inn", "High-street",
//! "Horsemonger-lane Gaol", "Critchell House"), found by the word that ends their name. The
//! model, trained on modern English, types most of them as organisations or people and often
//! sees only part of the name; the head word says what they are. Natural features named the
//! same way ("Snow Hill", "Kensal-green") are places.

use super::mentions::{near, EntityMention, Source, LOWERCASE_WORDS};
use super::ner::EntityType;
use crate::document::Span;
use crate::text::Segmented;

/// Head words that make a building or street whatever the model said: no person is called
/// "… Inn" or "… Gaol", so a person mention inside the run gives way.
const STRONG_HEADS: &[&str] = &[
    "abbey",
    "arms",
    "asylum",
    "barracks",
    "cathedral",
    "cemetery",
    "chapel",
    "crescent",
    "docks",
    "gaol",
    "gardens",
    "hospital",
    "hotel",
    "house",
    "infirmary",
    "inn",
    "jail",
    "pier",
    "priory",
    "prison",
    "quay",
    "road",
    "rooms",
    "square",
    "station",
    "street",
    "tavern",
    "terrace",
    "theatre",
    "theater",
    "wharf",
    "workhouse",
];

/// Head words that are also common surnames ("Benjamin Hall", "John Stuart Mill", "Mungo
/// Park"): a run ending in one is a building only when no person mention lies inside it.
const WEAK_HEADS: &[&str] = &[
    "bridge", "castle", "church", "hall", "lane", "market", "mill", "palace", "park", "tower",
];

/// Natural features named like streets ("Snow Hill", "Kensal-green"): places, not buildings,
/// and also surnames, so weak in the same way.
const FEATURE_HEADS: &[&str] = &["common", "green", "heath", "hill", "moor"];

/// The type a head word gives its run, and whether a person inside the run blocks it.
fn head_kind(word: &str) -> Option<(EntityType, bool)> {
    let last = word.rsplit(['-', '\u{2010}']).next().unwrap_or(word);
    let last = last.to_lowercase();
    let last = last.as_str();
    if STRONG_HEADS.contains(&last) {
        Some((EntityType::Fac, false))
    } else if WEAK_HEADS.contains(&last) {
        Some((EntityType::Fac, true))
    } else if FEATURE_HEADS.contains(&last) {
        Some((EntityType::Loc, true))
    } else {
        None
    }
}

/// A word of a name: an initial capital, letters with possessive apostrophes and hyphens
/// ("King's", "Saracen’s", "Kensal-green").
fn is_name_word(w: &str) -> bool {
    w.starts_with(|c: char| c.is_uppercase())
        && w.chars().any(char::is_alphabetic)
        && w.chars()
            .all(|c| c.is_alphabetic() || matches!(c, '\'' | '\u{2019}' | '-' | '\u{2010}'))
}

/// "High-street", "Snow-hill": a capitalised first part joined to a head word, a name alone.
fn is_compound_name(w: &str) -> bool {
    match w.split_once(['-', '\u{2010}']) {
        Some((first, rest)) => is_name_word(first) && !rest.is_empty(),
        None => false,
    }
}

/// Add the facilities of the document to `mentions` (sorted by start), replacing mentions
/// that are parts of their names. A run of capitalised words ending in a head word is one
/// name; at the start of a sentence, where every word has a capital, the first word counts
/// only if English does not write it in lowercase ("The" does not, "Black" does not either:
/// a sentence opening "Black Horse Inn" loses "Black", a boundary error rather than a guess).
pub(super) fn facility_names(text: &str, seg: &Segmented, mentions: &mut Vec<EntityMention>) {
    let mut added: Vec<(Span, EntityType)> = Vec::new();
    for sentence in &seg.sentences {
        let tokens = &seg.tokens[sentence.tokens.clone()];
        let word = |k: usize| tokens[k].text(text);
        let in_name = |k: usize| {
            let w = word(k);
            is_name_word(w) && (k > 0 || !LOWERCASE_WORDS.contains(w.to_lowercase().as_str()))
        };
        for k in 0..tokens.len() {
            let Some((etype, weak)) = head_kind(word(k)) else {
                continue;
            };
            let compound = is_compound_name(word(k));
            if !compound && !in_name(k) {
                continue;
            }
            let mut first = k;
            while first > 0 && in_name(first - 1) {
                first -= 1;
            }
            if first == k && !compound {
                continue;
            }
            let span = Span::new(tokens[first].span.start, tokens[k].span.end);
            let blocked = near(mentions, |m| m.span.start, span)
                .iter()
                .filter(|m| m.span.overlaps(&span))
                .any(|m| {
                    let inside = span.start <= m.span.start && m.span.end <= span.end;
                    !inside || m.source == Source::Title || weak && m.etype == EntityType::Per
                });
            if !blocked {
                added.push((span, etype));
            }
        }
    }
    // "King's Arms Inn" also holds "King's Arms": the longer run is the name.
    let outer: Vec<Span> = added.iter().map(|(s, _)| *s).collect();
    added.retain(|(s, _)| {
        !outer
            .iter()
            .any(|o| o != s && o.start <= s.start && s.end <= o.end)
    });
    if added.is_empty() {
        return;
    }
    mentions.retain(|m| !added.iter().any(|(a, _)| a.overlaps(&m.span)));
    mentions.extend(added.into_iter().map(|(span, etype)| EntityMention {
        span,
        text: text[span.start..span.end].to_string(),
        etype,
        place: None,
        source: Source::Facility,
    }));
    mentions.sort_by_key(|m| m.span.start);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str, mut mentions: Vec<EntityMention>) -> Vec<(String, EntityType)> {
        let seg = crate::text::segment(text);
        facility_names(text, &seg, &mut mentions);
        mentions.into_iter().map(|m| (m.text, m.etype)).collect()
    }

    fn person(text: &str, name: &str) -> EntityMention {
        let start = text.find(name).unwrap();
        EntityMention {
            span: Span::new(start, start + name.len()),
            text: name.to_string(),
            etype: EntityType::Per,
            place: None,
            source: Source::Model,
        }
    }

    #[test]
    fn runs_ending_in_a_head_word_are_facilities() {
        let text = "He lodged at the King’s Arms Inn in High-street, near Kensal-green Cemetery.";
        let got = found(text, Vec::new());
        assert_eq!(
            got,
            vec![
                ("King’s Arms Inn".to_string(), EntityType::Fac),
                ("High-street".to_string(), EntityType::Fac),
                ("Kensal-green Cemetery".to_string(), EntityType::Fac),
            ]
        );
    }

    #[test]
    fn a_model_person_gives_way_to_a_strong_head_only() {
        let text = "They dined at Critchell House with Benjamin Hall.";
        let got = found(
            text,
            vec![
                person(text, "Critchell House"),
                person(text, "Benjamin Hall"),
            ],
        );
        assert_eq!(
            got,
            vec![
                ("Critchell House".to_string(), EntityType::Fac),
                ("Benjamin Hall".to_string(), EntityType::Per),
            ]
        );
    }

    #[test]
    fn a_lone_head_word_or_a_sentence_opening_article_is_no_name() {
        assert!(found("The House rose at ten. Street lamps were lit.", Vec::new()).is_empty());
        let got = found("The Royal Hotel was full.", Vec::new());
        assert_eq!(got, vec![("Royal Hotel".to_string(), EntityType::Fac)]);
    }
}
