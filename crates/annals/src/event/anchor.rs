//! Anchoring events in time: which time expression each event takes, and which events a
//! sentence orders ("after the defeat", "on the eve of the entrance") without dating them.
//!
//! Without a parser, "the time expression its clause governs" is approximated from the surface:
//!
//! 1. **Clause**: a sentence is cut into clauses at `;`, `:`, dashes, quotes, and at commas
//!    that open a relative or subordinate clause ("…, whose goal was …", "…, when …"). An event
//!    takes a time expression of its own clause.
//! 2. **Sentence**: otherwise the nearest time expression before it in the sentence (a fronted
//!    "In April 1920, …" governs what follows), else the nearest after it.
//! 3. **Inherited**: a sentence without a time expression inherits the narrative reference time,
//!    the last time expression of a main clause before it in the document (a date in a relative
//!    or subordinate clause is usually a flashback), at a lower confidence.
//!
//! Ordering signals ("after", "before", "following", "prior to", "on the eve of", "in the
//! wake of") introduce a phrase that ends at the next clause boundary or verb; its first event is
//! the reference event. Every other event of the sentence is ordered before or after it. An
//! event whose only time expression lies inside such a phrase ("Following the withdrawal … in
//! July 1921, the revolutionaries quarreled") is dated relative to it (`via_relation`), which the
//! timeline shows as BEFORE/AFTER that date rather than inventing a day.

use super::Event;
use crate::document::Span;
use crate::tagging::Upos;
use crate::text::{Segmented, TokenKind};
use crate::time::Timex;
use serde::Serialize;
use std::collections::HashMap;

/// How an event got its time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum How {
    /// A time expression in the event's own clause.
    Clause,
    /// A time expression elsewhere in its sentence.
    Sentence,
    /// The narrative reference time: the last time expression before the sentence.
    Inherited,
    /// The date written in brackets beside its actor's name elsewhere ("Trajan (98 A.D.)"),
    /// where the story line stood far outside that person's time (see [`super::people`]).
    Person,
    /// The date of a named happening the event is told as part of ("slain in the battle of
    /// Falkirk"), written where the document first names it (see [`super::named`]).
    Named,
}

impl How {
    /// Whether the date was read from outside the event's sentence (the story line's, its
    /// actor's or its named happening's): such dates are shown as approximate and trusted less.
    pub fn from_outside(self) -> bool {
        matches!(self, How::Inherited | How::Person | How::Named)
    }
}

/// Temporal order between two events of one sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RelationKind {
    Before,
    After,
}

impl RelationKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RelationKind::Before => "before",
            RelationKind::After => "after",
        }
    }
}

/// "This event happened `kind` event `event`", from a signal such as "after".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Relation {
    pub kind: RelationKind,
    /// Index into the events given to [`anchor_events`].
    pub event: usize,
    /// The signal words ("on the eve of").
    pub signal: Span,
}

/// The time of one event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct EventTime {
    /// Index into the timexes given to [`anchor_events`], if any time applies.
    pub timex: Option<usize>,
    pub how: Option<How>,
    pub relation: Option<Relation>,
    /// The time is that of the related event's phrase, so this event lies before or after it.
    pub via_relation: bool,
    /// The event lies before (or after) the time rather than at it: what a text tells before
    /// its story's first date happened before it.
    pub bound: Option<RelationKind>,
}

/// Ordering signals, lowercase word sequences, and the order they give the *other* events.
const SIGNALS: &[(&[&str], RelationKind)] = &[
    (&["on", "the", "eve", "of"], RelationKind::Before),
    (&["the", "eve", "of"], RelationKind::Before),
    (&["prior", "to"], RelationKind::Before),
    (&["in", "the", "wake", "of"], RelationKind::After),
    (&["in", "the", "aftermath", "of"], RelationKind::After),
    (&["after"], RelationKind::After),
    (&["following"], RelationKind::After),
    (&["before"], RelationKind::Before),
];

/// Words that, after a comma, open a new clause.
const CLAUSE_OPENERS: &[&str] = &[
    "which", "who", "whose", "whom", "when", "where", "while", "whereas", "although", "though",
    "because", "but", "if", "unless", "since",
];

/// Anchor each event (sorted by position) to one of `timexes` (sorted by position) that
/// `placeable` accepts. `upos` has one tag per token of `seg`.
pub fn anchor_events(
    text: &str,
    seg: &Segmented,
    upos: &[Upos],
    events: &[Event],
    timexes: &[Timex],
    placeable: impl Fn(&Timex) -> bool,
) -> Vec<EventTime> {
    let times: Vec<Span> = timexes.iter().map(|t| t.span).collect();
    let usable: Vec<usize> = (0..timexes.len())
        .filter(|&k| placeable(&timexes[k]))
        .collect();
    // For inheritance: the last date before each position that the story line moved to (see
    // `time::story`): a look back, an aside or a date the story soon returned from is not where
    // the story stands.
    let mut main_before: Vec<Option<usize>> = Vec::with_capacity(usable.len());
    let first_story = usable
        .iter()
        .copied()
        .find(|&k| timexes[k].role.moves_story());
    let mut last_main = None;
    for &k in &usable {
        if timexes[k].role.moves_story() {
            last_main = Some(k);
        }
        main_before.push(last_main);
    }
    let mut out = vec![
        EventTime {
            timex: None,
            how: None,
            relation: None,
            via_relation: false,
            bound: None,
        };
        events.len()
    ];
    let mut next_event = 0;
    for sentence in &seg.sentences {
        let first = next_event;
        while next_event < events.len() && events[next_event].span.start < sentence.span.end {
            next_event += 1;
        }
        let sentence_events = first..next_event;
        if sentence_events.is_empty() {
            continue;
        }
        let tokens = sentence.tokens.clone();
        let clause_of = clause_starts(text, seg, tokens.clone());
        let token_at = |byte: usize| {
            tokens.start + seg.tokens[tokens.clone()].partition_point(|t| t.span.end <= byte)
        };
        let clause_at = |byte: usize| clause_of.partition_point(|&c| c <= token_at(byte));
        let conjuncts = conjunct_starts(text, seg, upos, tokens.clone());
        let conjunct_at = |byte: usize| conjuncts.partition_point(|&c| c <= token_at(byte));
        // A date alone in brackets belongs to the clause before it ("defeated Ketboga in
        // Palestine (1260)"), not to a clause of its own.
        let home = |k: usize| {
            let span = timexes[k].span;
            let open = text[..span.start].trim_end();
            let close = text[span.end..].trim_start();
            let alone = open.ends_with('(')
                && (close.starts_with(')')
                    || close
                        .split_once(')')
                        .is_some_and(|(era, _)| era.len() <= 6 && !era.contains('(')));
            if alone {
                open.len().saturating_sub(1)
            } else {
                span.start
            }
        };
        // Usable time expressions of this sentence, and the reference time before it (binary
        // searches: `usable` is in text order, and a scan per sentence would be quadratic).
        let lo = usable.partition_point(|&k| timexes[k].span.start < sentence.span.start);
        let hi = usable.partition_point(|&k| timexes[k].span.start < sentence.span.end);
        let inside: Vec<usize> = usable[lo..hi.max(lo)]
            .iter()
            .copied()
            .filter(|&k| sentence.span.contains(&timexes[k].span))
            // "Since 1644" tells when a state began ("compulsory since 1644"), not when anything
            // of its sentence happened.
            .filter(|&k| timexes[k].role != crate::time::Role::Aside(crate::time::Aside::Since))
            .collect();
        let reference = lo
            .checked_sub(1)
            .map(|i| main_before[i].unwrap_or(usable[i]));
        let phrases = signal_phrases(
            text,
            seg,
            upos,
            tokens.clone(),
            &times,
            events,
            sentence_events.clone(),
        );
        // The sentence's timexes by clause, in text order, so that each event finds its own and
        // its neighbours by binary search (a sentence can be a whole document without full stops).
        let mut by_clause: HashMap<usize, Vec<usize>> = HashMap::new();
        for &k in &inside {
            by_clause.entry(clause_at(home(k))).or_default().push(k);
        }
        // The timex of `list` (in text order) nearest to `at`; ties go to the earlier one.
        let nearest = |list: &[usize], at: usize| {
            let i = list.partition_point(|&k| timexes[k].span.start < at);
            [i.checked_sub(1), Some(i)]
                .into_iter()
                .flatten()
                .filter_map(|i| list.get(i).copied())
                .min_by_key(|&k| timexes[k].span.start.abs_diff(at))
        };
        for e in sentence_events.clone() {
            let at = events[e].span.start;
            let clause = clause_at(at);
            // Its own conjunct's date ("declared autonomy on 23 June and proclaimed the republic
            // on 20 November"), the finest if it has two ("On the 22nd of November, a fortnight
            // previously, the Pope had issued"); else a date of its clause before its conjunct (a
            // fronted "In June, they marched and took the city").
            let conjunct = conjunct_at(at);
            let own = by_clause.get(&clause).and_then(|list| {
                let mine: Vec<usize> = list
                    .iter()
                    .copied()
                    .filter(|&k| conjunct_at(home(k)) == conjunct)
                    .collect();
                // The finest; of equally fine ones, one written out before one counted ("at the
                // end of 499, exactly eleven years after his flight").
                let rank = |k: usize| {
                    (
                        granularity(&timexes[k]),
                        u8::from(timexes[k].anchoring == crate::time::Anchoring::Explicit),
                    )
                };
                let finest = mine.iter().map(|&k| rank(k)).max();
                let best: Vec<usize> = mine
                    .into_iter()
                    .filter(|&k| Some(rank(k)) == finest)
                    .collect();
                nearest(&best, at).or_else(|| {
                    let before: Vec<usize> = list
                        .iter()
                        .copied()
                        .filter(|&k| conjunct_at(home(k)) < conjunct)
                        .collect();
                    before.last().copied()
                })
            });
            let split = inside.partition_point(|&k| timexes[k].span.start < at);
            let before = split.checked_sub(1).map(|i| inside[i]);
            let after = inside[split..]
                .iter()
                .copied()
                .find(|&k| timexes[k].span.start > at);
            let (timex, how) = match (own, before.or(after), reference) {
                (Some(k), _, _) => (Some(k), Some(How::Clause)),
                (None, Some(k), _) => (Some(k), Some(How::Sentence)),
                (None, None, Some(k)) => (Some(k), Some(How::Inherited)),
                _ => (None, None),
            };
            // Before the story's first date: the event happened before it. So did one told in
            // the pluperfect where the story stands ("Many of them had escaped the slaughter at
            // Acre"): the story's date bounds it, it does not date it.
            let (timex, how, bound) = match (timex, first_story) {
                (None, Some(k)) if timexes[k].span.start >= sentence.span.end => {
                    (Some(k), Some(How::Inherited), Some(RelationKind::Before))
                }
                _ if how == Some(How::Inherited) && pluperfect(text, seg, &events[e]) => {
                    (timex, how, Some(RelationKind::Before))
                }
                _ => (timex, how, None),
            };
            let mut time = EventTime {
                timex,
                how,
                relation: None,
                via_relation: false,
                bound,
            };
            // Ordered by a signal phrase it is not part of.
            if let Some(p) = phrases.iter().find(|p| !p.span.contains(&events[e].span)) {
                time.relation = Some(Relation {
                    kind: p.kind,
                    event: p.event,
                    signal: p.signal,
                });
                time.via_relation = timex.is_some_and(|k| p.span.contains(&timexes[k].span))
                    && how != Some(How::Inherited);
            }
            out[e] = time;
        }
    }
    out
}

/// Whether a verb is told in the pluperfect: "had" before it, with at most "been", "already",
/// "long", "not", "also", "once" or "never" between ("had escaped", "had already been sold").
fn pluperfect(text: &str, seg: &Segmented, event: &Event) -> bool {
    if event.upos != Upos::Verb {
        return false;
    }
    for i in (event.token.saturating_sub(4)..event.token).rev() {
        let w = seg.tokens[i].text(text).to_lowercase();
        match w.as_str() {
            "had" | "hadn't" => return true,
            "been" | "already" | "long" | "not" | "also" | "once" | "never" | "just" => {}
            _ => return false,
        }
    }
    false
}

/// How fine a timex's value is (coarsest lowest); non-dates lowest of all.
fn granularity(t: &Timex) -> u8 {
    match t.value {
        crate::time::Value::Date(d) => d.granularity() as u8 + 1,
        _ => 0,
    }
}

/// Token indices where a coordinated predicate of the sentence `tokens` begins: "and", "but" or
/// "then" followed by a verb, perhaps after a subject pronoun or an adverb ("… on 23 June *and
/// proclaimed* the republic on 20 November", "… *and he returned*"). The sentence's first token
/// starts the first.
fn conjunct_starts(
    text: &str,
    seg: &Segmented,
    upos: &[Upos],
    tokens: std::ops::Range<usize>,
) -> Vec<usize> {
    let mut out = vec![tokens.start];
    for i in tokens.clone() {
        let w = seg.tokens[i].text(text).to_ascii_lowercase();
        if !matches!(w.as_str(), "and" | "but" | "then" | "whereupon") {
            continue;
        }
        // ", and in 516 the Khalifa himself attended": a comma before "and" or a time phrase
        // right after it opens a clause of its own.
        let comma = i > tokens.start && seg.tokens[i - 1].text(text) == ",";
        let timed = seg
            .tokens
            .get(i + 1)
            .is_some_and(|t| matches!(t.text(text).to_ascii_lowercase().as_str(), "in" | "on"))
            && seg
                .tokens
                .get(i + 2)
                .is_some_and(|t| t.text(text).starts_with(|c: char| c.is_ascii_digit()));
        let mut j = i + 1;
        while j < tokens.end
            && j <= i + 3
            && matches!(upos.get(j), Some(Upos::Adv | Upos::Pron | Upos::Cconj))
        {
            j += 1;
        }
        if comma && w != "then"
            || timed
            || j < tokens.end && matches!(upos.get(j), Some(Upos::Verb | Upos::Aux))
        {
            out.push(i);
        }
    }
    out
}

/// Token indices (into `seg.tokens`) where a clause of the sentence `tokens` begins, ascending,
/// starting with the sentence's first token.
pub(crate) fn clause_starts(
    text: &str,
    seg: &Segmented,
    tokens: std::ops::Range<usize>,
) -> Vec<usize> {
    let mut out = vec![tokens.start];
    for i in tokens.clone() {
        let t = &seg.tokens[i];
        let w = t.text(text);
        let next = seg
            .tokens
            .get(i + 1)
            .filter(|_| i + 1 < tokens.end)
            .map(|n| n.text(text).to_lowercase());
        let boundary = match t.kind {
            TokenKind::Quote | TokenKind::Dash => true,
            TokenKind::Punct => {
                matches!(w, ";" | ":" | "(" | ")")
                    || (w == "," && next.as_deref().is_some_and(|n| CLAUSE_OPENERS.contains(&n)))
            }
            _ => false,
        };
        if boundary && i + 1 < tokens.end {
            out.push(i + 1);
        }
    }
    out.dedup();
    out
}

/// A signal and the phrase it governs.
#[derive(Debug)]
struct Phrase {
    kind: RelationKind,
    signal: Span,
    /// From the signal to the end of the phrase.
    span: Span,
    /// The reference event: the first event in the phrase.
    event: usize,
}

/// The lowercase words of the sentence `tokens`, with words inside a time expression blanked:
/// "the following day" is a date, not an ordering signal.
fn signal_words(
    text: &str,
    seg: &Segmented,
    tokens: &std::ops::Range<usize>,
    times: &[Span],
) -> Vec<String> {
    seg.tokens[tokens.clone()]
        .iter()
        .map(|t| {
            if super::in_any(times, t.span) {
                String::new()
            } else {
                t.text(text).to_lowercase()
            }
        })
        .collect()
}

/// Ordering signals of a sentence: (signal start, phrase body start, kind), as offsets into the
/// sentence's tokens.
fn signals(words: &[String]) -> Vec<(usize, usize, RelationKind)> {
    let mut out = Vec::new();
    let mut k = 0;
    while k < words.len() {
        // "one after the other", "day after day": "after" between two words, no ordering.
        let idiom = k > 0
            && matches!(words[k].as_str(), "after" | "before")
            && (words[k - 1] == "one" || words.get(k + 1) == Some(&words[k - 1]));
        match SIGNALS
            .iter()
            .find(|(s, _)| words.get(k..k + s.len()).is_some_and(|w| w == *s))
            .filter(|_| !idiom)
        {
            Some((signal, kind)) => {
                out.push((k, k + signal.len(), *kind));
                k += signal.len();
            }
            None => k += 1,
        }
    }
    out
}

/// Where a signal's phrase ends (exclusive, sentence offset): at a clause boundary or at the
/// first verb after its first word.
fn phrase_stop(
    seg: &Segmented,
    upos: &[Upos],
    tokens: &std::ops::Range<usize>,
    body: usize,
) -> usize {
    let n = tokens.len();
    let mut stop = body;
    while stop < n {
        let t = &seg.tokens[tokens.start + stop];
        if matches!(
            t.kind,
            TokenKind::Punct | TokenKind::Quote | TokenKind::Dash
        ) {
            break;
        }
        let verb = matches!(upos.get(tokens.start + stop), Some(Upos::Verb | Upos::Aux));
        if verb && stop > body {
            break;
        }
        stop += 1;
    }
    stop
}

/// What an ordering signal governs is an event by construction ("on the eve of the
/// *entrance*", "following the *withdrawal*"), whether or not the tagger saw one: for each
/// signal phrase without an event whose object is a noun phrase, the head noun becomes an
/// OCCURRENCE event if it can name a happening ([`super::EventTagger::is_eventive_noun`]:
/// "before the *committee*" is a place, not a time). Keeps `events` sorted.
pub fn add_signal_objects(
    text: &str,
    seg: &Segmented,
    upos: &[Upos],
    times: &[Span],
    events: &mut Vec<Event>,
    tagger: &super::EventTagger,
) {
    let mut added = Vec::new();
    for sentence in &seg.sentences {
        let tokens = sentence.tokens.clone();
        let words = signal_words(text, seg, &tokens, times);
        for (k, body, _) in signals(&words) {
            let stop = phrase_stop(seg, upos, &tokens, body);
            let range = tokens.start + body..tokens.start + stop;
            let first = events.partition_point(|e| e.token < range.start);
            if events.get(first).is_some_and(|e| range.contains(&e.token)) {
                continue;
            }
            let at = tokens.start + k;
            let Some(t) = signal_object(text, seg, upos, times, at, range, tokens.end) else {
                continue;
            };
            let span = seg.tokens[t].span;
            let lower = text[span.start..span.end].to_lowercase();
            // Only "before", "after" and "following" have other senses ("before the
            // *committee*", "go after"); "on the eve of" and "in the wake of" take events.
            if body > k + 1 || tagger.is_eventive_noun(&lower) {
                added.push(Event {
                    span,
                    token: t,
                    class: super::EventClass::Occurrence,
                    lemma: tagger.lemmatizer().lemma(&lower).to_string(),
                    upos: Upos::Noun,
                });
            }
        }
    }
    if !added.is_empty() {
        events.extend(added);
        events.sort_by_key(|e| e.span.start);
        events.dedup_by_key(|e| e.token);
    }
}

/// The head noun of a signal's object (document token index), when that object is a noun
/// phrase naming something that happens. `signal` is the signal's first token, `phrase` its
/// phrase (up to [`phrase_stop`]) and `sentence_end` the end of its sentence. None when:
/// - the signal is a verb after an auxiliary ("she is *following* the case");
/// - a gerund or a clause follows ("after *cabling* leaders", "after the market *closed*"):
///   its verb is the event, and the tagger sees verbs;
/// - the head names a stretch of time ("after several *quarters* of losses", "90 days after
///   their issue *date*").
///
/// The head is the last noun of the first run of nouns ("the stock market *plunge*").
fn signal_object(
    text: &str,
    seg: &Segmented,
    upos: &[Upos],
    times: &[Span],
    signal: usize,
    phrase: std::ops::Range<usize>,
    sentence_end: usize,
) -> Option<usize> {
    let tag = |t: usize| upos.get(t).copied();
    let verbal = |t: usize| matches!(tag(t), Some(Upos::Verb | Upos::Aux));
    if signal > 0 && tag(signal - 1) == Some(Upos::Aux) {
        return None;
    }
    if verbal(phrase.start) {
        return None;
    }
    let noun = |t: usize| tag(t) == Some(Upos::Noun) && !super::in_any(times, seg.tokens[t].span);
    let first = phrase.clone().find(|&t| noun(t))?;
    let head = (first..phrase.end)
        .take_while(|&t| noun(t))
        .last()
        .unwrap_or(first);
    // Only a one-word signal ("after", "before") can open a clause, and then its subject runs
    // straight into the verb ("after the market *closed*"); a phrase that goes on after its
    // noun ("After the meeting the delegates left", "On the eve of the entrance of the port
    // Raskolnikov met") is a prepositional phrase before the main clause.
    let conjunction = phrase.start == signal + 1;
    let after_names = (head + 1..sentence_end)
        .find(|&t| !matches!(tag(t), Some(Upos::Noun | Upos::Propn)))
        .unwrap_or(sentence_end);
    if conjunction && after_names < sentence_end && verbal(after_names) {
        return None;
    }
    let word = seg.tokens[head].text(text).to_lowercase();
    let timely = crate::time::lexicon::unit(&word).is_some()
        || matches!(word.as_str(), "date" | "dates" | "time" | "times");
    (!timely).then_some(head)
}

fn signal_phrases(
    text: &str,
    seg: &Segmented,
    upos: &[Upos],
    tokens: std::ops::Range<usize>,
    times: &[Span],
    events: &[Event],
    sentence_events: std::ops::Range<usize>,
) -> Vec<Phrase> {
    let mut out = Vec::new();
    let words = signal_words(text, seg, &tokens, times);
    for (k, body, kind) in signals(&words) {
        let stop = phrase_stop(seg, upos, &tokens, body);
        let token_span = |from: usize, to: usize| {
            Span::new(
                seg.tokens[tokens.start + from].span.start,
                seg.tokens[tokens.start + to - 1].span.end,
            )
        };
        let in_tokens = |e: usize, to: usize| {
            let t = events[e].token;
            t >= tokens.start + body && t < tokens.start + to
        };
        // The reference is the phrase's first event ("after the defeat …"); with none, the verb
        // that ends it ("after he left").
        let mut end = stop;
        let mut first_event = sentence_events.clone().find(|&e| in_tokens(e, stop));
        if first_event.is_none() && stop < words.len() {
            first_event = sentence_events.clone().find(|&e| in_tokens(e, stop + 1));
            end = stop + 1;
        }
        if let Some(event) = first_event.filter(|_| end > body) {
            out.push(Phrase {
                kind,
                signal: token_span(k, body),
                span: token_span(k, end),
                event,
            });
        }
    }
    out
}
