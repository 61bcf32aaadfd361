//! Scoring one document: tag extraction, extent matching and attribute comparison.
//!
//! The rules follow the reference scorer (`../shared/tools/te3.py`) exactly, because figures are
//! only comparable when every detail agrees: extents are trimmed of whitespace (Python's
//! `str.isspace`) and dropped when empty; strict counts gold and system tags separately (so a
//! duplicated extent counts on both sides); relaxed pairs overlapping extents one to one, greedily,
//! in the order of the later of the two starts, ties broken by gold then system position in
//! closing-tag order; attributes compare as present-or-absent strings. The same matching serves
//! TIMEX3 (Task A: `type` and `value`) and EVENT (Task B: `class`), each tag name on its own.

use super::{Counts, ErrorKind, EvalError, EventCounts};
use crate::document::{Span, Tag};
use crate::error::{Error, Result};
use std::collections::HashSet;

/// A tag (TIMEX3 or EVENT) prepared for matching.
struct Mention<'a> {
    /// Trimmed extent in its own text (for messages).
    span: Span,
    /// Trimmed extent in the coordinates shared by gold and system (bytes, or non-space
    /// characters when the two texts differ in whitespace).
    key: (usize, usize),
    tag: &'a Tag,
}

impl<'a> Mention<'a> {
    fn attr(&self, key: &str) -> Option<&'a str> {
        self.tag.attr(key)
    }
}

/// Python's `str.isspace`, which the reference scorer trims and compares texts with: Unicode
/// White_Space plus the four ASCII information separators.
pub(crate) fn is_py_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// The `name` tags of a document in the reference scorer's order (by closing tag: end, then the
/// inner of nested tags first), trimmed, with empty and out-of-text ones dropped.
fn mentions<'a>(text: &str, tags: &'a [Tag], name: &str) -> Vec<Mention<'a>> {
    let mut picked: Vec<&Tag> = tags
        .iter()
        .filter(|t| {
            t.name == name
                && t.span.start <= t.span.end
                && text.get(t.span.start..t.span.end).is_some()
        })
        .collect();
    picked.sort_by_key(|t| (t.span.end, std::cmp::Reverse(t.span.start)));
    picked
        .into_iter()
        .filter_map(|t| {
            let s = &text[t.span.start..t.span.end];
            let start = t.span.start + (s.len() - s.trim_start_matches(is_py_space).len());
            let end = t.span.end - (s.len() - s.trim_end_matches(is_py_space).len());
            (end > start).then(|| Mention {
                span: Span::new(start, end),
                key: (start, end),
                tag: t,
            })
        })
        .collect()
}

/// Byte offsets of the non-space characters; a byte offset's index among them is its position
/// in whitespace-free coordinates.
fn non_space_offsets(text: &str) -> Vec<usize> {
    text.char_indices()
        .filter(|&(_, c)| !is_py_space(c))
        .map(|(i, _)| i)
        .collect()
}

fn to_non_space(offsets: &[usize], at: usize) -> usize {
    offsets.partition_point(|&x| x < at)
}

/// Where two texts first differ once whitespace is ignored, as byte offsets into each.
fn first_difference(gold: &str, system: &str) -> Option<(usize, usize)> {
    let mut g = gold.char_indices().filter(|&(_, c)| !is_py_space(c));
    let mut s = system.char_indices().filter(|&(_, c)| !is_py_space(c));
    loop {
        match (g.next(), s.next()) {
            (None, None) => return None,
            (Some((i, a)), Some((j, b))) if a != b => return Some((i, j)),
            (Some(_), Some(_)) => {}
            (Some((i, _)), None) => return Some((i, system.len())),
            (None, Some((j, _))) => return Some((gold.len(), j)),
        }
    }
}

fn excerpt(text: &str, at: usize) -> String {
    let start = crate::text::floor_boundary(text, at.saturating_sub(20));
    text[start..].chars().take(40).collect()
}

/// One side of a file to score.
pub(crate) struct Side<'a> {
    pub text: &'a str,
    pub tags: &'a [Tag],
}

/// The figures and errors of one file: timexes (Task A) and events (Task B) apart.
pub(crate) struct FileScore {
    pub counts: Counts,
    pub events: EventCounts,
    pub errors: Vec<EvalError>,
    pub event_errors: Vec<EvalError>,
}

/// The tags of one name on both sides, matched strictly and relaxedly.
struct Matched<'a> {
    g: Vec<Mention<'a>>,
    s: Vec<Mention<'a>>,
    strict_gold: usize,
    strict_system: usize,
    /// Relaxed pairs, as indexes into `g` and `s`.
    pairs: Vec<(usize, usize)>,
}

impl<'a> Matched<'a> {
    /// Gold mentions in no relaxed pair (missed), and system mentions in none (spurious).
    fn unpaired(&self) -> (Vec<&Mention<'a>>, Vec<&Mention<'a>>) {
        let mut gold_used = vec![false; self.g.len()];
        let mut sys_used = vec![false; self.s.len()];
        for &(gi, si) in &self.pairs {
            gold_used[gi] = true;
            sys_used[si] = true;
        }
        fn left<'m, 'a>(m: &'m [Mention<'a>], used: &[bool]) -> Vec<&'m Mention<'a>> {
            m.iter()
                .zip(used)
                .filter(|(_, &u)| !u)
                .map(|(t, _)| t)
                .collect()
        }
        (left(&self.g, &gold_used), left(&self.s, &sys_used))
    }
}

/// Extract the `name` tags of both sides and match them. `offsets` holds the non-space byte
/// offsets of the gold and system texts when the two differ in whitespace.
fn match_tags<'a>(
    gold: &Side<'a>,
    system: &Side<'a>,
    name: &str,
    offsets: Option<&(Vec<usize>, Vec<usize>)>,
) -> Matched<'a> {
    let mut g = mentions(gold.text, gold.tags, name);
    let mut s = mentions(system.text, system.tags, name);
    if let Some((go, so)) = offsets {
        // Same text but for whitespace: compare extents by non-space character position.
        for t in &mut g {
            t.key = (to_non_space(go, t.span.start), to_non_space(go, t.span.end));
        }
        for t in &mut s {
            t.key = (to_non_space(so, t.span.start), to_non_space(so, t.span.end));
        }
    }
    let gold_keys: HashSet<(usize, usize)> = g.iter().map(|t| t.key).collect();
    let sys_keys: HashSet<(usize, usize)> = s.iter().map(|t| t.key).collect();
    let strict_gold = g.iter().filter(|t| sys_keys.contains(&t.key)).count();
    let strict_system = s.iter().filter(|t| gold_keys.contains(&t.key)).count();
    let pairs = relaxed_pairs(&g, &s);
    Matched {
        g,
        s,
        strict_gold,
        strict_system,
        pairs,
    }
}

/// Score one file; `file` names it in results and errors.
pub(crate) fn score_file(file: &str, gold: Side<'_>, system: Side<'_>) -> Result<FileScore> {
    let mut offsets = None;
    if gold.text != system.text {
        if let Some((i, j)) = first_difference(gold.text, system.text) {
            return Err(Error::Eval(format!(
                "{file}: the system text differs from the gold text (gold byte {i}: {:?}, system \
                 byte {j}: {:?}); a system file must keep the TEXT of its gold file",
                excerpt(gold.text, i),
                excerpt(system.text, j)
            )));
        }
        offsets = Some((non_space_offsets(gold.text), non_space_offsets(system.text)));
    }
    let (mut errors, counts) = score_timexes(file, &gold, &system, offsets.as_ref());
    let (mut event_errors, events) = score_events(file, &gold, &system, offsets.as_ref());
    add_sentences([&mut errors, &mut event_errors], gold.text, system.text);
    Ok(FileScore {
        counts,
        events,
        errors,
        event_errors,
    })
}

/// TIMEX3: extents, `type` and `value`.
fn score_timexes(
    file: &str,
    gold: &Side<'_>,
    system: &Side<'_>,
    offsets: Option<&(Vec<usize>, Vec<usize>)>,
) -> (Vec<EvalError>, Counts) {
    let m = match_tags(gold, system, "TIMEX3", offsets);
    let mut c = Counts {
        gold: m.g.len(),
        system: m.s.len(),
        strict_gold: m.strict_gold,
        strict_system: m.strict_system,
        relaxed: m.pairs.len(),
        ..Counts::default()
    };
    let mut errors = Vec::new();
    for &(gi, si) in &m.pairs {
        let (a, b) = (&m.g[gi], &m.s[si]);
        let type_ok = a.attr("type") == b.attr("type");
        let value_ok = a.attr("value") == b.attr("value");
        c.type_ok += usize::from(type_ok);
        c.value_ok += usize::from(value_ok);
        let mut report = |kind| {
            let mut e = timex_error(file, kind, gold.text, a.span, Some(a), Some(b));
            e.system_text = system
                .text
                .get(b.span.start..b.span.end)
                .map(str::to_string);
            errors.push(e);
        };
        if a.key != b.key {
            report(ErrorKind::WrongExtent);
        }
        if !value_ok {
            report(ErrorKind::WrongValue);
        }
        if !type_ok {
            report(ErrorKind::WrongType);
        }
    }
    let (missed, spurious) = m.unpaired();
    for t in missed {
        errors.push(timex_error(
            file,
            ErrorKind::Missed,
            gold.text,
            t.span,
            Some(t),
            None,
        ));
    }
    for t in spurious {
        errors.push(timex_error(
            file,
            ErrorKind::Spurious,
            system.text,
            t.span,
            None,
            Some(t),
        ));
    }
    errors.sort_by_key(|e| (e.start, e.end));
    (errors, c)
}

/// EVENT: extents and `class`. Errors are kept short: missed, spurious and wrong class only
/// (an extent that merely differs counts against the strict figures but is not listed).
fn score_events(
    file: &str,
    gold: &Side<'_>,
    system: &Side<'_>,
    offsets: Option<&(Vec<usize>, Vec<usize>)>,
) -> (Vec<EvalError>, EventCounts) {
    let m = match_tags(gold, system, "EVENT", offsets);
    let mut c = EventCounts {
        gold: m.g.len(),
        system: m.s.len(),
        strict_gold: m.strict_gold,
        strict_system: m.strict_system,
        relaxed: m.pairs.len(),
        class_ok: 0,
    };
    let mut errors = Vec::new();
    let class = |t: &Mention<'_>| t.attr("class").map(str::to_string);
    for &(gi, si) in &m.pairs {
        let (a, b) = (&m.g[gi], &m.s[si]);
        if a.attr("class") == b.attr("class") {
            c.class_ok += 1;
        } else {
            let mut e = error(file, ErrorKind::WrongClass, gold.text, a.span);
            e.system_text = system
                .text
                .get(b.span.start..b.span.end)
                .map(str::to_string);
            e.gold_class = class(a);
            e.system_class = class(b);
            errors.push(e);
        }
    }
    let (missed, spurious) = m.unpaired();
    for t in missed {
        let mut e = error(file, ErrorKind::Missed, gold.text, t.span);
        e.gold_class = class(t);
        errors.push(e);
    }
    for t in spurious {
        let mut e = error(file, ErrorKind::Spurious, system.text, t.span);
        e.system_class = class(t);
        errors.push(e);
    }
    errors.sort_by_key(|e| (e.start, e.end));
    (errors, c)
}

/// One-to-one pairs of overlapping extents, taken greedily by the later start of the two.
fn relaxed_pairs(g: &[Mention<'_>], s: &[Mention<'_>]) -> Vec<(usize, usize)> {
    // Find overlapping candidates without comparing every pair: system extents sorted by start,
    // with a running maximum of ends so the backward scan stops at the first hopeless prefix.
    let mut by_start: Vec<usize> = (0..s.len()).collect();
    by_start.sort_by_key(|&i| s[i].key.0);
    let mut max_end = Vec::with_capacity(by_start.len());
    let mut m = 0;
    for &i in &by_start {
        m = m.max(s[i].key.1);
        max_end.push(m);
    }
    let mut cand: Vec<(usize, usize, usize)> = Vec::new();
    for (gi, t) in g.iter().enumerate() {
        let (a, b) = t.key;
        let mut j = by_start.partition_point(|&i| s[i].key.0 < b);
        while j > 0 && max_end[j - 1] > a {
            j -= 1;
            let si = by_start[j];
            let (c, d) = s[si].key;
            if c < b && a < d {
                cand.push((a.max(c), gi, si));
            }
        }
    }
    cand.sort_unstable();
    let mut gold_used = vec![false; g.len()];
    let mut sys_used = vec![false; s.len()];
    let mut pairs = Vec::new();
    for (_, gi, si) in cand {
        if !gold_used[gi] && !sys_used[si] {
            gold_used[gi] = true;
            sys_used[si] = true;
            pairs.push((gi, si));
        }
    }
    pairs
}

fn error(file: &str, kind: ErrorKind, text: &str, span: Span) -> EvalError {
    EvalError {
        file: file.to_string(),
        kind,
        start: span.start,
        end: span.end,
        text: text[span.start..span.end].to_string(),
        system_text: None,
        gold_type: None,
        gold_value: None,
        system_type: None,
        system_value: None,
        gold_class: None,
        system_class: None,
        sentence: String::new(),
    }
}

fn timex_error(
    file: &str,
    kind: ErrorKind,
    text: &str,
    span: Span,
    gold: Option<&Mention<'_>>,
    system: Option<&Mention<'_>>,
) -> EvalError {
    let owned =
        |t: Option<&Mention<'_>>, key: &str| t.and_then(|t| t.attr(key)).map(str::to_string);
    EvalError {
        gold_type: owned(gold, "type"),
        gold_value: owned(gold, "value"),
        system_type: owned(system, "type"),
        system_value: owned(system, "value"),
        ..error(file, kind, text, span)
    }
}

/// Fill in each error's sentence (from the system text for spurious tags, else the gold text).
fn add_sentences(lists: [&mut Vec<EvalError>; 2], gold: &str, system: &str) {
    if lists.iter().all(|l| l.is_empty()) {
        return;
    }
    let gold_seg = crate::text::segment(gold);
    let sys_seg = (gold != system
        && lists
            .iter()
            .any(|l| l.iter().any(|e| e.kind == ErrorKind::Spurious)))
    .then(|| crate::text::segment(system));
    for e in lists.into_iter().flat_map(|l| l.iter_mut()) {
        let (text, seg) = match (&e.kind, &sys_seg) {
            (ErrorKind::Spurious, Some(seg)) => (system, seg),
            _ => (gold, &gold_seg),
        };
        let span = seg
            .sentence_at(e.start)
            .map(|s| s.span)
            .filter(|s| s.end <= text.len() && text.get(s.start..s.end).is_some())
            .unwrap_or_else(|| line_around(text, e.start));
        e.sentence = text[span.start..span.end].trim().to_string();
    }
}

/// The line holding `at`, when the segmenter has no sentence there.
fn line_around(text: &str, at: usize) -> Span {
    let b = text.as_bytes();
    let at = at.min(b.len());
    // Newlines are ASCII, so byte search keeps both ends on character boundaries.
    let start = b[..at]
        .iter()
        .rposition(|&c| c == b'\n')
        .map_or(0, |i| i + 1);
    let end = b[at..]
        .iter()
        .position(|&c| c == b'\n')
        .map_or(b.len(), |i| at + i);
    Span::new(start, end)
}
