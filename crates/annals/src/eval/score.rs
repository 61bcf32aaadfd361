//! Scoring one document: timex extraction, extent matching and attribute comparison.
//!
//! The rules follow the reference scorer (`../shared/tools/te3.py`) exactly, because figures are
//! only comparable when every detail agrees: extents are trimmed of whitespace (Python's
//! `str.isspace`) and dropped when empty; strict counts gold and system timexes separately (so a
//! duplicated extent counts on both sides); relaxed pairs overlapping extents one to one, greedily,
//! in the order of the later of the two starts, ties broken by gold then system position in
//! closing-tag order; attributes compare as present-or-absent strings.

use super::{Counts, ErrorKind, EvalError};
use crate::document::{Span, Tag};
use crate::error::{Error, Result};
use std::collections::HashSet;

/// A timex prepared for matching.
struct Timex<'a> {
    /// Trimmed extent in its own text (for messages).
    span: Span,
    /// Trimmed extent in the coordinates shared by gold and system (bytes, or non-space
    /// characters when the two texts differ in whitespace).
    key: (usize, usize),
    ttype: Option<&'a str>,
    value: Option<&'a str>,
}

/// Python's `str.isspace`, which the reference scorer trims and compares texts with: Unicode
/// White_Space plus the four ASCII information separators.
pub(crate) fn is_py_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// The TIMEX3 tags of a document in the reference scorer's order (by closing tag: end, then the
/// inner of nested tags first), trimmed, with empty and out-of-text ones dropped.
fn timexes<'a>(text: &str, tags: &'a [Tag]) -> Vec<Timex<'a>> {
    let mut picked: Vec<&Tag> = tags
        .iter()
        .filter(|t| {
            t.name == "TIMEX3"
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
            (end > start).then(|| Timex {
                span: Span::new(start, end),
                key: (start, end),
                ttype: t.attr("type"),
                value: t.attr("value"),
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
    let mut start = at.saturating_sub(20);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    text[start..].chars().take(40).collect()
}

/// One side of a file to score.
pub(crate) struct Side<'a> {
    pub text: &'a str,
    pub tags: &'a [Tag],
}

/// Score one file; `file` names it in results and errors.
pub(crate) fn score_file(
    file: &str,
    gold: Side<'_>,
    system: Side<'_>,
) -> Result<(Counts, Vec<EvalError>)> {
    let mut g = timexes(gold.text, gold.tags);
    let mut s = timexes(system.text, system.tags);
    if gold.text != system.text {
        if let Some((i, j)) = first_difference(gold.text, system.text) {
            return Err(Error::Eval(format!(
                "{file}: the system text differs from the gold text (gold byte {i}: {:?}, system \
                 byte {j}: {:?}); a system file must keep the TEXT of its gold file",
                excerpt(gold.text, i),
                excerpt(system.text, j)
            )));
        }
        // Same text but for whitespace: compare extents by non-space character position.
        let (go, so) = (non_space_offsets(gold.text), non_space_offsets(system.text));
        for t in &mut g {
            t.key = (
                to_non_space(&go, t.span.start),
                to_non_space(&go, t.span.end),
            );
        }
        for t in &mut s {
            t.key = (
                to_non_space(&so, t.span.start),
                to_non_space(&so, t.span.end),
            );
        }
    }

    let mut c = Counts {
        gold: g.len(),
        system: s.len(),
        ..Counts::default()
    };
    let gold_keys: HashSet<(usize, usize)> = g.iter().map(|t| t.key).collect();
    let sys_keys: HashSet<(usize, usize)> = s.iter().map(|t| t.key).collect();
    c.strict_gold = g.iter().filter(|t| sys_keys.contains(&t.key)).count();
    c.strict_system = s.iter().filter(|t| gold_keys.contains(&t.key)).count();

    let pairs = relaxed_pairs(&g, &s);
    c.relaxed = pairs.len();

    let mut errors = Vec::new();
    let mut gold_used = vec![false; g.len()];
    let mut sys_used = vec![false; s.len()];
    for &(gi, si) in &pairs {
        gold_used[gi] = true;
        sys_used[si] = true;
        let (a, b) = (&g[gi], &s[si]);
        let type_ok = a.ttype == b.ttype;
        let value_ok = a.value == b.value;
        c.type_ok += usize::from(type_ok);
        c.value_ok += usize::from(value_ok);
        let mut report = |kind| {
            let mut e = error(file, kind, gold.text, a.span, Some(a), Some(b));
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
    for (t, _) in g.iter().zip(&gold_used).filter(|(_, &u)| !u) {
        errors.push(error(
            file,
            ErrorKind::Missed,
            gold.text,
            t.span,
            Some(t),
            None,
        ));
    }
    for (t, _) in s.iter().zip(&sys_used).filter(|(_, &u)| !u) {
        errors.push(error(
            file,
            ErrorKind::Spurious,
            system.text,
            t.span,
            None,
            Some(t),
        ));
    }
    errors.sort_by_key(|e| (e.start, e.end));
    add_sentences(&mut errors, gold.text, system.text);
    Ok((c, errors))
}

/// One-to-one pairs of overlapping extents, taken greedily by the later start of the two.
fn relaxed_pairs(g: &[Timex<'_>], s: &[Timex<'_>]) -> Vec<(usize, usize)> {
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

fn error(
    file: &str,
    kind: ErrorKind,
    text: &str,
    span: Span,
    gold: Option<&Timex<'_>>,
    system: Option<&Timex<'_>>,
) -> EvalError {
    let owned = |v: Option<&str>| v.map(str::to_string);
    EvalError {
        file: file.to_string(),
        kind,
        start: span.start,
        end: span.end,
        text: text[span.start..span.end].to_string(),
        system_text: None,
        gold_type: owned(gold.and_then(|t| t.ttype)),
        gold_value: owned(gold.and_then(|t| t.value)),
        system_type: owned(system.and_then(|t| t.ttype)),
        system_value: owned(system.and_then(|t| t.value)),
        sentence: String::new(),
    }
}

/// Fill in each error's sentence (from the system text for spurious timexes, else the gold text).
fn add_sentences(errors: &mut [EvalError], gold: &str, system: &str) {
    if errors.is_empty() {
        return;
    }
    let gold_seg = crate::text::segment(gold);
    let sys_seg = (gold != system && errors.iter().any(|e| e.kind == ErrorKind::Spurious))
        .then(|| crate::text::segment(system));
    for e in errors.iter_mut() {
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
