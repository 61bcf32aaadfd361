//! Names read from the rest of the document rather than from their own sentence: a person's
//! name found once names them wherever else it stands, and a capitalised run ending in an
//! organisation's head word is one name even where the model saw only part of it. Both run
//! after the model, the titles, the gazetteer and the sentence-initial rule
//! ([`super::mentions::find_mentions_with`]).

use super::mentions::{
    is_capitalised, near, words, EntityMention, Source, LOWERCASE_WORDS, NAME_SUFFIXES, ORG_HEADS,
};
use super::ner::EntityType;
use crate::document::Span;
use crate::text::Segmented;

/// A word of letters only with an initial capital.
fn is_capitalised_word(w: &str) -> bool {
    is_capitalised(w) && w.chars().all(char::is_alphabetic)
}

/// Whether English writes the word in lowercase (by the EWT word list).
fn is_common_word(w: &str) -> bool {
    LOWERCASE_WORDS.contains(w.to_lowercase().as_str())
}

/// Organisations named by a run of two or more capitalised words ending in a head word
/// ([`ORG_HEADS`]: "the Persian Red Army", "the Communist Party"), where the model found no
/// name or only part of this one. The capital on every
/// word is what makes the run a name; at the start of a sentence, where every word has one,
/// the first word counts only if English does not write it in lowercase ("The" does not).
pub(super) fn org_head_names(text: &str, seg: &Segmented, mentions: &mut Vec<EntityMention>) {
    let mut added = Vec::new();
    for sentence in &seg.sentences {
        let tokens = &seg.tokens[sentence.tokens.clone()];
        let capitalised = |k: usize| {
            let w = tokens[k].text(text);
            is_capitalised_word(w) && (k > 0 || !is_common_word(w))
        };
        for k in 1..tokens.len() {
            let head = tokens[k].text(text).to_lowercase();
            if !capitalised(k) || !ORG_HEADS.contains(&head.as_str()) {
                continue;
            }
            let mut first = k;
            while first > 0 && capitalised(first - 1) {
                first -= 1;
            }
            let span = Span::new(tokens[first].span.start, tokens[k].span.end);
            let inside = near(mentions, |m| m.span.start, span);
            // A mention inside the run that is part of the organisation's name (the model's
            // "Persian" as ORG, the gazetteer's "Persian" as Iran) gives way to the whole name;
            // a person or a mention reaching outside the run keeps it.
            let conflict = |m: &EntityMention| {
                m.span.overlaps(&span)
                    && !(span.start <= m.span.start
                        && m.span.end <= span.end
                        && (m.source == Source::Gazetteer || m.etype == EntityType::Org))
            };
            if first == k || inside.iter().any(conflict) {
                continue;
            }
            added.push(span);
        }
    }
    if added.is_empty() {
        return;
    }
    mentions.retain(|m| !added.iter().any(|a| a.overlaps(&m.span)));
    mentions.extend(added.into_iter().map(|span| EntityMention {
        span,
        text: text[span.start..span.end].to_string(),
        etype: EntityType::Org,
        place: None,
        source: Source::OrgHead,
    }));
    mentions.sort_by_key(|m| m.span.start);
}

/// One name, one referent per document: a word that is the last word of a person's name
/// somewhere in the document names that person wherever else it stands capitalised outside
/// any mention. The mention takes in the capitalised words around it that English does not
/// write in lowercase ("Leon" before "Trotsky"). Name suffixes ("Khan") are shared by many
/// people, so they do not count. `mentions` and `times` are sorted by start.
pub(super) fn repeated_names(
    text: &str,
    seg: &Segmented,
    mentions: &[EntityMention],
    times: &[Span],
) -> Vec<EntityMention> {
    let surnames: std::collections::HashSet<&str> = mentions
        .iter()
        .filter(|m| m.etype == EntityType::Per)
        .filter_map(|m| words(&m.text).last())
        .filter(|w| w.chars().count() >= 3 && is_capitalised(w) && !NAME_SUFFIXES.contains(w))
        .collect();
    if surnames.is_empty() {
        return Vec::new();
    }
    let free = |span: Span| {
        !near(mentions, |m| m.span.start, span)
            .iter()
            .any(|m| m.span.overlaps(&span))
            && times
                .get(times.partition_point(|t| t.end <= span.start))
                .is_none_or(|t| t.start >= span.end)
    };
    let mut out: Vec<EntityMention> = Vec::new();
    for sentence in &seg.sentences {
        let tokens = &seg.tokens[sentence.tokens.clone()];
        let name_word = |k: usize| {
            let w = tokens[k].text(text);
            is_capitalised_word(w) && !is_common_word(w) && free(tokens[k].span)
        };
        for k in 0..tokens.len() {
            // A possessive may be part of the token ("Trotsky's"); the name stops before it.
            let word = tokens[k].text(text);
            let name = ["'s", "’s"]
                .iter()
                .find_map(|s| word.strip_suffix(s))
                .unwrap_or(word);
            if !surnames.contains(name) || !free(tokens[k].span) {
                continue;
            }
            if out
                .last()
                .is_some_and(|m| m.span.end > tokens[k].span.start)
            {
                continue;
            }
            let mut first = k;
            while first > 0 && name_word(first - 1) {
                first -= 1;
            }
            let mut last = k;
            while name.len() == word.len() && last + 1 < tokens.len() && name_word(last + 1) {
                last += 1;
            }
            let end = if last == k {
                tokens[k].span.start + name.len()
            } else {
                tokens[last].span.end
            };
            let span = Span::new(tokens[first].span.start, end);
            out.push(EntityMention {
                span,
                text: text[span.start..span.end].to_string(),
                etype: EntityType::Per,
                place: None,
                source: Source::Repeated,
            });
        }
    }
    out
}

/// People named with their dates in brackets, as histories name them ("the indefatigable Hadrian
/// (117 A.D.)", "Tiberius (14 to 37 A.D.)", "Constantine the Great (312 A.D.)"), where the model
/// found no name: a run of capitalised words right before a bracket that opens with a date. Not
/// after an article ("the Second War (413-404 BC)" names a war, "a Camillus (100 B.C.)" a
/// likeness) and not opening with a word English writes in lowercase; places and organisations the
/// gazetteer or the model found are already mentions and stay what they are.
pub(super) fn bracket_dated_names(text: &str, times: &[Span], mentions: &mut Vec<EntityMention>) {
    let mut added = Vec::new();
    for t in times {
        let head = text[..t.start].trim_end();
        let Some(head) = head.strip_suffix('(') else {
            continue;
        };
        let head = head.trim_end();
        // The run of name words before the bracket, "the" allowed inside ("Constantine the
        // Great"), at most four words.
        let mut start = head.len();
        let mut words_in = 0;
        while words_in < 4 {
            let rest = &head[..start];
            let joined = rest.trim_end_matches(' ');
            if words_in > 0 && joined.len() == rest.len() {
                break;
            }
            let from = joined.rfind(' ').map_or(0, |i| i + 1);
            let w = &joined[from..];
            let capital = is_capitalised_word(w.trim_end_matches(['’', '\'']));
            if !(capital || w == "the" && words_in > 0) {
                break;
            }
            start = from;
            words_in += 1;
        }
        // "the" only joins two name words.
        let name = head[start..].trim_start_matches("the ");
        let start = head.len() - name.len();
        if name.is_empty() {
            continue;
        }
        let before = head[..start].split_whitespace().next_back().unwrap_or("");
        let article = matches!(
            before.to_lowercase().as_str(),
            "the" | "a" | "an" | "another" | "this" | "that"
        );
        // The name's first word says whether it is one: "Constantine the Great", not "The
        // Second War" at a sentence's start.
        let common = name.split(' ').next().is_some_and(is_common_word);
        if article || common {
            continue;
        }
        let span = Span::new(start, head.len());
        if near(mentions, |m| m.span.start, span)
            .iter()
            .any(|m| m.span.overlaps(&span))
        {
            continue;
        }
        added.push(EntityMention {
            span,
            text: name.to_string(),
            etype: EntityType::Per,
            place: None,
            source: Source::Dated,
        });
    }
    if !added.is_empty() {
        mentions.extend(added);
        mentions.sort_by_key(|m| m.span.start);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mention(text: &str, words: &str, etype: EntityType, source: Source) -> EntityMention {
        let start = text.find(words).unwrap();
        EntityMention {
            span: Span::new(start, start + words.len()),
            text: words.to_string(),
            etype,
            place: None,
            source,
        }
    }

    fn texts(text: &str, mentions: &[EntityMention]) -> Vec<String> {
        mentions
            .iter()
            .map(|m| text[m.span.start..m.span.end].to_string())
            .collect()
    }

    #[test]
    fn a_persons_name_found_once_names_them_elsewhere() {
        let text = "Trotsky stressed it. Then the whites Leon Trotsky had plans. \
                    Kuchuk Khan left, and Khan Ehsanullah stayed. Trotsky's plan failed.";
        let seg = crate::text::segment(text);
        let found = [
            mention(text, "Trotsky", EntityType::Per, Source::Model),
            mention(text, "Kuchuk Khan", EntityType::Per, Source::Model),
        ];
        let added = repeated_names(text, &seg, &found, &[]);
        // "Leon" comes along (English never writes it in lowercase); a name suffix ("Khan")
        // is shared by many people and spreads nothing.
        assert_eq!(texts(text, &added), ["Leon Trotsky", "Trotsky"]);
        assert!(added.iter().all(|m| m.etype == EntityType::Per));
    }

    #[test]
    fn a_name_with_its_dates_in_brackets_is_a_person() {
        let text = "They were followed by the indefatigable Hadrian (117 A.D.), Constantine the \
                    Great (312 A.D.) and Tiberius (14 to 37 A.D.). The Second War (413 BC) and \
                    a Camillus (100 B.C.) and the (1866) treaty and Rome (753 B.C.) came.";
        let times: Vec<Span> = [
            "117 A.D.", "312 A.D.", "14", "413 BC", "100 B.C.", "1866", "753",
        ]
        .iter()
        .map(|t| {
            let start = text.find(t).unwrap();
            Span::new(start, start + t.len())
        })
        .collect();
        // The gazetteer found Rome already: it stays a place.
        let mut found = vec![mention(text, "Rome", EntityType::Loc, Source::Gazetteer)];
        bracket_dated_names(text, &times, &mut found);
        assert_eq!(
            texts(text, &found),
            ["Hadrian", "Constantine the Great", "Tiberius", "Rome"]
        );
        assert!(found[..3].iter().all(|m| m.etype == EntityType::Per));
        assert!(found[..3].iter().all(|m| m.source == Source::Dated));
    }

    #[test]
    fn a_capitalised_run_ending_in_an_organisation_head_is_one_name() {
        let text = "Then the Persian Red Army captured Manjil. The Army left. \
                    General Staff officers of the Red Army met.";
        let seg = crate::text::segment(text);
        let mut found = vec![
            // The model's part of the name and the gazetteer's demonym give way.
            mention(text, "Persian", EntityType::Loc, Source::Gazetteer),
            // A person overlapping a run keeps it.
            mention(text, "General Staff", EntityType::Per, Source::Title),
        ];
        found.sort_by_key(|m| m.span.start);
        org_head_names(text, &seg, &mut found);
        // "The Army": at the start of a sentence "The" is a common word, so the run has one
        // word and is no name.
        assert_eq!(
            texts(text, &found),
            ["Persian Red Army", "General Staff", "Red Army"]
        );
        assert_eq!(found[0].etype, EntityType::Org);
        assert_eq!(found[0].source, Source::OrgHead);
    }
}
