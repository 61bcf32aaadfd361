//! Mention detection: the named-entity model, the gazetteer and title cues combined, then alias
//! clusters with places put on the map.
//!
//! How the sources are weighed:
//! - a name the gazetteer resolves, tagged by the model as a person without a title in front of it,
//!   is a place ("Manjil", "Anzali": a model trained on modern English meets unfamiliar names);
//! - a title ("Mirza", "Sheikh", "General", "Shah", …) before capitalised words makes a person,
//!   whatever either source said;
//! - places the model missed are added from the gazetteer; model mentions the gazetteer does not
//!   know keep the model's type.

use super::alias::{self, Cluster, LinkKind, Mention};
use super::authority::Authority;
use super::gazetteer::{is_shouted, Era, Evidence, Gazetteer, PlaceId, PlaceKind};
use super::ner::{EntityType, NerTagger};
use super::titles;
use crate::document::Span;
use crate::text::Segmented;
use serde::Serialize;

/// Honorifics that follow a name ("Kuchuk Khan") and belong to it.
pub(super) const NAME_SUFFIXES: &[&str] = &["Khan", "Pasha", "Bey", "Beg"];

/// Where a mention came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    Model,
    Gazetteer,
    ModelAndGazetteer,
    Title,
    /// An unknown capitalised word opening a sentence as its subject ("Lenin against the
    /// operation did not object."), where the capital hides the name from the model.
    Subject,
    /// Another occurrence of a word that names a person elsewhere in the document ("Trotsky
    /// stressed" … "the whites Leon Trotsky had plans"), which the model missed in its
    /// context.
    Repeated,
    /// A run of capitalised words ending in an organisation's head word ("the Persian Red
    /// *Army*", "the Revolutionary *Committee*") that the model left out.
    OrgHead,
    /// A run of capitalised words ending in a building's, street's or feature's head word
    /// ("the King's Arms *Inn*", "High-*street*"): see `facilities.rs`.
    Facility,
    /// A name followed by its dates in brackets ("the indefatigable Hadrian (117 A.D.)",
    /// "Tiberius (14 to 37 A.D.)"), as histories date people: see `document_names.rs`.
    Dated,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EntityMention {
    pub span: Span,
    pub text: String,
    #[serde(rename = "type")]
    pub etype: EntityType,
    pub place: Option<PlaceId>,
    pub source: Source,
}

/// A place's facts for output.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlaceInfo {
    /// The gazetteer's id; `None` for a place known only from the authority file.
    pub id: Option<PlaceId>,
    pub name: String,
    pub country: String,
    pub kind: PlaceKind,
    pub population: u64,
    pub lat: f64,
    pub lon: f64,
}

/// An entity of a document: its cluster of mentions, with coordinates for places.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EntityCluster {
    pub name: String,
    #[serde(rename = "type")]
    pub etype: EntityType,
    pub confidence: f64,
    pub links: Vec<LinkKind>,
    pub mentions: Vec<EntityMention>,
    pub place: Option<PlaceInfo>,
    /// From the authority file: its coordinates override the gazetteer's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wikidata: Option<String>,
}

/// How far before a span an overlapping name may start: names are short.
const REACH: usize = 512;

/// The items of `sorted` (ordered by start) that may overlap `span`: a binary search instead of a
/// scan, so a long document costs n log n, not n².
pub(super) fn near<T>(sorted: &[T], start_of: impl Fn(&T) -> usize, span: Span) -> &[T] {
    let lo = sorted.partition_point(|x| start_of(x) + REACH < span.start);
    let hi = sorted.partition_point(|x| start_of(x) < span.end).max(lo);
    &sorted[lo..hi]
}

fn round(x: f64, scale: f64) -> f64 {
    (x * scale).round() / scale
}

pub(super) fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Person mentions introduced by a title, title and all: "Sheikh Mohammed Hiabani", "General
/// Denikin", "Rev. Dr. Read", "Capt. J. Smith", "Count de la Marck" (see [`super::titles`]). A
/// run of titles counts as one; the name is the capitalised words after it (initials and
/// particles between them included), and a title with no name after it makes no mention.
fn title_mentions(text: &str, seg: &Segmented) -> Vec<(Span, bool)> {
    let mut out = Vec::new();
    for sentence in &seg.sentences {
        let toks = &seg.tokens[sentence.tokens.clone()];
        let word = |k: usize| toks[k].text(text);
        // The token after a title at `k`, past a period split off an abbreviation ("Capt" ".").
        let past_title = |k: usize| -> Option<usize> {
            let w = word(k);
            if titles::is_title(w) {
                return Some(k + 1);
            }
            let dot = toks
                .get(k + 1)
                .filter(|t| t.text(text) == "." && t.span.start == toks[k].span.end);
            (dot.is_some() && titles::is_abbreviation(w)).then_some(k + 2)
        };
        let mut i = 0;
        while i < toks.len() {
            let Some(mut j) = past_title(i) else {
                i += 1;
                continue;
            };
            while j < toks.len() {
                match past_title(j) {
                    Some(next) => j = next,
                    None => break,
                }
            }
            let mut k = j;
            let mut last = None;
            while k < toks.len() && k - j < 6 {
                let w = word(k);
                let elided = ["d'", "d’", "l'", "l’"]
                    .iter()
                    .find_map(|p| w.strip_prefix(p))
                    .is_some_and(is_capitalised);
                if (is_capitalised(w) && !NOT_AFTER_TITLE.contains(&w)) || elided {
                    last = Some(k);
                } else {
                    let initial =
                        w == "." && last == Some(k - 1) && word(k - 1).chars().count() == 1;
                    let particle = titles::is_particle(w)
                        && toks.get(k + 1).is_some_and(|t| {
                            let next = t.text(text);
                            is_capitalised(next) || titles::is_particle(next)
                        });
                    if !initial && !particle {
                        break;
                    }
                }
                k += 1;
            }
            let ends_in_head = last.is_some_and(|l| {
                let head = word(l).to_lowercase();
                ORG_HEADS.contains(&head.as_str()) || COMMON_AFTER_TITLE.contains(&head.as_str())
            });
            if let Some(l) = last.filter(|_| !ends_in_head) {
                out.push((Span::new(toks[i].span.start, toks[l].span.end), true));
            }
            i = k.max(i + 1);
        }
    }
    out
}

/// Capitalised words that do not start a name after a title ("General The", "Major And").
const NOT_AFTER_TITLE: &[&str] = &["The", "A", "An", "And", "Of", "In", "On", "At", "To", "By"];

/// Nouns that make a title the first word of something else: "General Staff", "General
/// Assembly", "Lord Mayor", "King's Court" is not a person called Court.
const COMMON_AFTER_TITLE: &[&str] = &[
    "staff",
    "assembly",
    "court",
    "post",
    "hospital",
    "election",
    "orders",
    "headquarters",
    "mayor",
    "street",
    "road",
    "square",
    "avenue",
    "house",
    "hall",
    "college",
    "school",
];

/// Single words a model may take for a name at the start of a sentence or heading.
const NOT_NAMES: &[&str] = &[
    "if",
    "when",
    "then",
    "but",
    "and",
    "or",
    "the",
    "a",
    "this",
    "that",
    "these",
    "those",
    "it",
    "he",
    "she",
    "they",
    "we",
    "east",
    "west",
    "north",
    "south",
    "coup",
    "republic",
    "council",
    "army",
    "government",
    "state",
    "party",
    "war",
    "revolution",
    "take",
    "overthrow",
    "however",
    "soon",
    "part",
    "following",
];

/// Head nouns that make a name an organisation ("Gilan Soviet Republic", "Red Army").
pub(super) const ORG_HEADS: &[&str] = &[
    "republic",
    "kingdom",
    "empire",
    "party",
    "council",
    "army",
    "committee",
    "government",
    "union",
    "company",
    "bank",
    "university",
    "ministry",
    "front",
    "fleet",
    "flotilla",
    "navy",
    "league",
    "congress",
    "parliament",
    "assembly",
    "cabinet",
    "bureau",
    "office",
];

/// Bodies that a capitalised head word names alone ("the Senate", "the Board", "the
/// Legislature"), besides the [`ORG_HEADS`].
const BODIES: &[&str] = &[
    "senate",
    "board",
    "legislature",
    "department",
    "society",
    "association",
    "directory",
    "convention",
    "diet",
    "synod",
];

pub(super) fn words(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
}

/// Find the people, places and organisations of a document. `times` are the spans of time
/// expressions, which no name may overlap ("9 Jun Tunb Khan" is a date and a name).
pub fn find_mentions(text: &str, seg: &Segmented, times: &[Span]) -> Vec<EntityMention> {
    find_mentions_with(text, seg, times, None, Era::Unknown)
}

/// [`find_mentions`] with UPOS tags already computed for every token of `seg`.
pub fn find_mentions_with(
    text: &str,
    seg: &Segmented,
    times: &[Span],
    upos: Option<&[crate::tagging::Upos]>,
    era: Era,
) -> Vec<EntityMention> {
    let gazetteer = Gazetteer::bundled();
    let places = gazetteer.find_places_in(text, era);
    let titled = title_mentions(text, seg);
    let mut model = NerTagger::bundled().tag_document_with(text, seg, upos);
    // Names never run into a time expression: cut a model span at the first one inside it.
    // `times` is sorted and disjoint, so only the few around each span are looked at (a scan of
    // all of them per name would be quadratic in a long document).
    for e in &mut model {
        let first = times.partition_point(|t| t.end <= e.span.start);
        let last = times.partition_point(|t| t.start < e.span.end);
        for t in &times[first..last.max(first)] {
            if t.overlaps(&e.span) {
                if t.start <= e.span.start {
                    e.span.start = t.end.min(e.span.end);
                } else {
                    e.span.end = t.start;
                }
            }
        }
        // Leading lowercase words ("of Iran" after a cut) are not part of a name.
        let inner = &text[e.span.start..e.span.end];
        let lead = inner
            .find(|c: char| c.is_uppercase())
            .unwrap_or(inner.len());
        let trail = inner.len() - inner.trim_end().len();
        e.span = Span::new(
            e.span.start + lead,
            (e.span.end - trail).max(e.span.start + lead),
        );
    }
    model.retain(|e| !e.span.is_empty());
    // A title inside a model span starts a person there ("Iran Mirza Heaps Khan"), and a place
    // at the start of a longer span is a place of its own ("Enzeli Raskolnikov").
    let mut split = Vec::new();
    for e in &model {
        let cut = near(&titled, |t| t.0.start, e.span)
            .iter()
            .map(|(t, _)| t.start)
            .chain(
                near(&places, |p| p.start, e.span)
                    .iter()
                    .filter(|p| p.start == e.span.start && p.end < e.span.end)
                    .map(|p| p.end),
            )
            .filter(|&at| e.span.start < at && at < e.span.end)
            .min();
        match cut {
            Some(at) => {
                let left = Span::new(e.span.start, at);
                let trimmed = text[left.start..left.end].trim_end();
                let left = Span::new(left.start, left.start + trimmed.len());
                let rest = &text[at..e.span.end];
                let right_start = at + (rest.len() - rest.trim_start().len());
                for span in [left, Span::new(right_start, e.span.end)] {
                    if !span.is_empty() {
                        split.push(super::ner::Entity {
                            span,
                            tokens: e.tokens.clone(),
                            etype: e.etype,
                        });
                    }
                }
            }
            None => split.push(e.clone()),
        }
    }
    // A name the model found without its title ("Bigelow" in "Mr. Bigelow"), or a title it
    // found without the name, takes the whole titled span; the copies this makes are dropped.
    let mut model = split;
    for e in &mut model {
        if let Some((t, _)) = near(&titled, |t| t.0.start, e.span)
            .iter()
            .find(|(t, _)| t.overlaps(&e.span))
        {
            e.span = Span::new(e.span.start.min(t.start), e.span.end.max(t.end));
        }
    }
    model.sort_by_key(|e| (e.span.start, std::cmp::Reverse(e.span.end)));
    model.dedup_by(|b, a| a.span.start <= b.span.start && b.span.end <= a.span.end);

    let place_at = |span: Span| {
        near(&places, |p| p.start, span)
            .iter()
            .find(|p| p.start == span.start && p.end == span.end)
    };
    let mut out: Vec<EntityMention> = Vec::new();
    for e in &model {
        let mut etype = e.etype;
        let mut place = None;
        let mut source = Source::Model;
        let titled_here = near(&titled, |t| t.0.start, e.span)
            .iter()
            .any(|(t, _)| t.overlaps(&e.span));
        if let Some(p) = place_at(e.span) {
            // A resolved place the model calls a person is a place unless a title says otherwise;
            // an organisation with exactly a place's name is the place (metonymy aside). A
            // village's name is as often a surname ("Goodman", "Vian"): it overrules the model
            // only where English puts a place ("at Devizes", "in Tisbury"); not after "of",
            // which as often takes a person ("the death of Alexander").
            let village = gazetteer
                .place(p.id)
                .is_some_and(|place| place.is_village());
            let overrules = if village {
                after_place_preposition(text, e.span.start)
            } else {
                etype != EntityType::Per || p.evidence != Evidence::Default
            };
            if !titled_here && overrules {
                etype = EntityType::Loc;
            }
            if etype == EntityType::Loc {
                place = Some(p.id);
                source = Source::ModelAndGazetteer;
            }
        } else if etype == EntityType::Loc {
            // A longer model span around a known place ("the city of Rasht"): keep the place.
            place = near(&places, |p| p.start, e.span)
                .iter()
                .find(|p| e.span.start <= p.start && p.end <= e.span.end)
                .map(|p| p.id);
        }
        let text_here = &text[e.span.start..e.span.end];
        let lower_words: Vec<String> = words(text_here).map(str::to_lowercase).collect();
        if lower_words.len() == 1 && NOT_NAMES.contains(&lower_words[0].as_str()) {
            continue;
        }
        // A shouted common word in a headline or an advertisement ("EXTENSIVE", "STORE", "FOR")
        // is no name: capitals that mark every word mark none.
        if place.is_none() && lower_words.len() == 1 && is_shouted(text_here) {
            let w = lower_words[0].as_str();
            if LOWERCASE_WORDS.contains(w) && !titles::is_title_word(w) {
                continue;
            }
        }
        // A title or office alone is not a name ("Sir", "the Judge", "Rev. Dr.", "Mr. and" of
        // "Mr. and Mrs. Eddings").
        if lower_words
            .iter()
            .all(|w| titles::is_title_word(w) || matches!(w.as_str(), "and" | "the" | "of"))
        {
            continue;
        }
        // An organisation's head word ends its name ("the Persian Red Army"), or is the name
        // itself ("the Senate", "the Board", "the Union").
        let heads_org =
            |w: &String| ORG_HEADS.contains(&w.as_str()) || BODIES.contains(&w.as_str());
        if place.is_none()
            && (lower_words.iter().skip(1).any(heads_org)
                || (lower_words.len() == 1 && heads_org(&lower_words[0])))
        {
            etype = EntityType::Org;
        }
        if place.is_none()
            && lower_words.len() >= 2
            && NAME_SUFFIXES.iter().any(|s| text_here.ends_with(s))
        {
            etype = EntityType::Per;
        }
        if titled_here {
            etype = EntityType::Per;
        }
        // "Khan Ehsanullah": a name suffix cannot start a name; it ends the previous one.
        let mut span = e.span;
        if let Some(first) = words(text_here).next() {
            if NAME_SUFFIXES.contains(&first) && words(text_here).count() > 1 {
                let rest = &text_here[first.len()..];
                span.start += first.len() + (rest.len() - rest.trim_start().len());
            }
        }
        let e = super::ner::Entity {
            span,
            tokens: e.tokens.clone(),
            etype,
        };
        out.push(EntityMention {
            span: e.span,
            text: text[e.span.start..e.span.end].to_string(),
            etype,
            place,
            source,
        });
    }
    out.sort_by_key(|m| m.span.start);
    let mut added = Vec::new();
    for (span, _) in &titled {
        if !near(&out, |m| m.span.start, *span)
            .iter()
            .any(|m| m.span.overlaps(span))
        {
            added.push(EntityMention {
                span: *span,
                text: text[span.start..span.end].to_string(),
                etype: EntityType::Per,
                place: None,
                source: Source::Title,
            });
        }
    }
    out.extend(added);
    out.sort_by_key(|m| m.span.start);
    let mut added = Vec::new();
    for p in &places {
        let span = Span::new(p.start, p.end);
        // A village the model did not take for a name at all needs a place's preposition
        // before it or a place after it ("Tisbury, Wilts"): narrative history is full of
        // people named like villages ("Cato", "Alexander").
        let village = gazetteer
            .place(p.id)
            .is_some_and(|place| place.is_village());
        if village
            && !after_place_preposition(text, p.start)
            && !qualified_by_place(text, p.end, &places)
        {
            continue;
        }
        if !near(&out, |m| m.span.start, span)
            .iter()
            .any(|m| m.span.overlaps(&span))
        {
            added.push(EntityMention {
                span,
                text: text[p.start..p.end].to_string(),
                etype: EntityType::Loc,
                place: Some(p.id),
                source: Source::Gazetteer,
            });
        }
    }
    out.extend(added);
    out.sort_by_key(|m| m.span.start);
    let subjects = sentence_initial_names(text, seg, &out, &places, upos);
    out.extend(subjects);
    super::name_forms::fit(text, &mut out);
    // A one-word name the model typed as a place or organisation, with no place behind it, is a
    // person when it is the surname of a person in the same document ("Raskolnikov").
    let surnames: Vec<String> = out
        .iter()
        .filter(|m| m.etype == EntityType::Per)
        .filter_map(|m| words(&m.text).last().map(str::to_lowercase))
        .collect();
    for m in &mut out {
        if m.etype != EntityType::Per
            && m.place.is_none()
            && words(&m.text).count() == 1
            && surnames.contains(&m.text.to_lowercase())
        {
            m.etype = EntityType::Per;
        }
    }
    out.sort_by_key(|m| m.span.start);
    super::document_names::org_head_names(text, seg, &mut out);
    super::facilities::facility_names(text, seg, &mut out);
    super::document_names::bracket_dated_names(text, times, &mut out);
    let repeated = super::document_names::repeated_names(text, seg, &out, times);
    if !repeated.is_empty() {
        out.extend(repeated);
        out.sort_by_key(|m| m.span.start);
    }
    for m in &mut out {
        if m.place.is_none() && m.etype != EntityType::Loc && names_group(text, m) {
            m.etype = EntityType::Group;
        }
    }
    out
}

/// The word ending just before `at`, spaces skipped (empty after punctuation).
fn word_before(text: &str, at: usize) -> &str {
    text[..at]
        .trim_end()
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or_default()
}

/// Whether the word before `at` is a preposition that introduces places far more often than
/// people ("in", "at", "near").
fn after_place_preposition(text: &str, at: usize) -> bool {
    let word = word_before(text, at);
    ["in", "at", "near"]
        .iter()
        .any(|p| word.eq_ignore_ascii_case(p))
}

/// Whether a comma and another found place follow `end` ("Tisbury, Wilts").
fn qualified_by_place(text: &str, end: usize, places: &[super::gazetteer::ResolvedPlace]) -> bool {
    let rest = &text[end..];
    let Some(after_comma) = rest.strip_prefix(',') else {
        return false;
    };
    let next = end + 1 + (after_comma.len() - after_comma.trim_start().len());
    places
        .get(places.partition_point(|p| p.start < next))
        .is_some_and(|p| p.start == next)
}

/// Endings of plural nouns for peoples and parties ("Athenians", "Europeans", "Communists",
/// "Israelites", "Bolsheviks"): no one person is called that.
const GROUP_ENDINGS: &[&str] = &["ians", "eans", "icans", "ists", "ites", "iks", "crats"];

/// Whether a mention names a group of people rather than one person or an organisation: its
/// last word is a plural of a people or party ("Iranian Communists"), or it is one plural word
/// after "the" that the model took for a person ("the Greeks", "the Whites"): a person's name
/// takes no article.
fn names_group(text: &str, m: &EntityMention) -> bool {
    let ws: Vec<&str> = words(&m.text).collect();
    let Some(last) = ws.last() else {
        return false;
    };
    if !ws.iter().all(|w| is_capitalised(w)) {
        return false;
    }
    if ws
        .iter()
        .any(|w| ORG_HEADS.contains(&w.to_lowercase().as_str()))
    {
        return false;
    }
    let plural_of_people = last.chars().count() >= 6
        && GROUP_ENDINGS
            .iter()
            .any(|e| last.len() > e.len() && last.ends_with(e));
    if plural_of_people {
        return true;
    }
    let after_the = word_before(text, m.span.start).eq_ignore_ascii_case("the");
    let plural = last.ends_with('s') && !["ss", "us", "is"].iter().any(|e| last.ends_with(e));
    m.etype == EntityType::Per && ws.len() == 1 && after_the && plural
}

/// Words UD English EWT writes in lowercase (data/english-lowercase.txt, see PROVENANCE.md).
pub(super) static LOWERCASE_WORDS: std::sync::LazyLock<std::collections::HashSet<&'static str>> =
    std::sync::LazyLock::new(|| {
        include_str!("../../../../data/english-lowercase.txt")
            .lines()
            .collect()
    });

/// English derivational endings: a capitalised word with one is a common word, not a name.
const WORD_ENDINGS: &[&str] = &[
    "ing", "ed", "ly", "tion", "sion", "ment", "ness", "ous", "ive", "able", "ible", "ful", "less",
];

/// Sentence-opening names nothing else claimed: a capitalised word English never writes in
/// lowercase (by the EWT word list), not a place, followed by a word the tagger reads as a
/// preposition, verb, auxiliary or adverb. Such a subject is a person far more often than not
/// in narrative history; this is the classic use of case elsewhere to read an initial capital.
fn sentence_initial_names(
    text: &str,
    seg: &Segmented,
    found: &[EntityMention],
    places: &[super::gazetteer::ResolvedPlace],
    upos: Option<&[crate::tagging::Upos]>,
) -> Vec<EntityMention> {
    use crate::tagging::{PosTagger, Upos};
    let Ok(tagger) = PosTagger::try_bundled() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for sentence in &seg.sentences {
        let toks = &seg.tokens[sentence.tokens.clone()];
        let (Some(first), Some(second)) = (toks.first(), toks.get(1)) else {
            continue;
        };
        let (w1, w2) = (first.text(text), second.text(text));
        let lower = w1.to_lowercase();
        if !is_capitalised(w1)
            || !w2.starts_with(|c: char| c.is_lowercase())
            || w1.chars().count() < 3
            || !w1.chars().all(char::is_alphabetic)
            || LOWERCASE_WORDS.contains(lower.as_str())
            || WORD_ENDINGS.iter().any(|e| lower.ends_with(e))
            || near(found, |m| m.span.start, first.span)
                .iter()
                .any(|m| m.span.overlaps(&first.span))
            || near(places, |p| p.start, first.span)
                .iter()
                .any(|p| p.start < first.span.end && first.span.start < p.end)
        {
            continue;
        }
        // The second word's tag, from the document's tags when given, else from tagging the
        // sentence's first words.
        let second_tag = match upos.and_then(|u| u.get(sentence.tokens.start + 1)) {
            Some(&t) => Some(t),
            None => {
                let words: Vec<&str> = toks.iter().take(8).map(|t| t.text(text)).collect();
                tagger.tag(&words).get(1).copied()
            }
        };
        if matches!(
            second_tag,
            Some(Upos::Adp | Upos::Verb | Upos::Aux | Upos::Adv | Upos::Part)
        ) {
            out.push(EntityMention {
                span: first.span,
                text: w1.to_string(),
                etype: EntityType::Per,
                place: None,
                source: Source::Subject,
            });
        }
    }
    out
}

/// Mentions grouped into entities, places with their coordinates; the authority file, if any,
/// names and places entities first.
pub fn entities(
    text: &str,
    seg: &Segmented,
    times: &[Span],
    authority: Option<&Authority>,
) -> Vec<EntityCluster> {
    entities_with(text, seg, times, authority, None, Era::Unknown)
}

/// [`entities`] with UPOS tags already computed for every token of `seg`, for a document of
/// `era` (which chooses between a name's ancient and modern places).
pub fn entities_with(
    text: &str,
    seg: &Segmented,
    times: &[Span],
    authority: Option<&Authority>,
    upos: Option<&[crate::tagging::Upos]>,
    era: Era,
) -> Vec<EntityCluster> {
    let mentions = find_mentions_with(text, seg, times, upos, era);
    let inputs: Vec<Mention> = mentions
        .iter()
        .map(|m| Mention {
            span: m.span,
            text: m.text.clone(),
            etype: m.etype,
            place: m.place,
        })
        .collect();
    let gazetteer = Gazetteer::bundled();
    alias::cluster(&inputs, authority)
        .into_iter()
        .map(|c: Cluster| {
            let entry = c.authority.and_then(|k| authority.map(|a| &a.entries[k]));
            let mut place = c
                .place
                .and_then(|id| gazetteer.place(id))
                .map(|p| PlaceInfo {
                    id: Some(p.id),
                    name: p.name.to_string(),
                    country: p.country.to_string(),
                    kind: p.kind,
                    population: p.population,
                    // Stored as f32: five decimals (about a metre) is all they hold.
                    lat: round(f64::from(p.lat), 1e5),
                    lon: round(f64::from(p.lon), 1e5),
                });
            if let Some((e, (lat, lon))) = entry.and_then(|e| Some((e, e.coordinates?))) {
                let p = place.get_or_insert_with(|| PlaceInfo {
                    id: None,
                    name: e.name.clone(),
                    country: String::new(),
                    kind: PlaceKind::City,
                    population: 0,
                    lat,
                    lon,
                });
                p.lat = lat;
                p.lon = lon;
            }
            let name = match (&entry, &place) {
                (Some(e), _) => e.name.clone(),
                (None, Some(p)) if c.etype == EntityType::Loc => p.name.to_string(),
                // A name broken across printed lines reads as one line.
                _ => c.canonical.split_whitespace().collect::<Vec<_>>().join(" "),
            };
            EntityCluster {
                name,
                etype: entry.map(|e| e.etype).unwrap_or(c.etype),
                confidence: round(f64::from(c.confidence), 100.0),
                links: c.links.clone(),
                mentions: c.mentions.iter().map(|&i| mentions[i].clone()).collect(),
                place,
                wikidata: entry.and_then(|e| e.wikidata.clone()),
            }
        })
        .collect()
}
