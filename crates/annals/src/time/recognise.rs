//! Recognition: find time expressions and their parts with the compiled rule table, then hand
//! each candidate to the context checks (`time/context.rs`) that separate dates from look-alikes
//! and extend spans over modifiers.

use super::context::accept;
use super::rules::{rules, Kind};
use super::Mod;
use crate::document::Span;
use regex_automata::meta::Regex;
use regex_automata::util::captures::Captures;
use regex_automata::Input;
use std::sync::LazyLock;

/// The part names rules may capture (see the header of rules.toml).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(usize)]
pub enum Part {
    Y,
    Yy,
    Era,
    Y2,
    Era2,
    Yy2,
    M,
    D,
    Wd,
    Season,
    Q,
    Half,
    Pod,
    Hr,
    Min,
    Sec,
    Ampm,
    Dec,
    Decw,
    Dmod,
    Cent,
    N,
    Unit,
    Later,
    Earlier,
    Rel,
    Yrel,
    Setw,
    Every,
    Freq,
    Dayw,
    Refw,
    Dash,
    D2,
    Yrel2,
    Yw,
    Hol,
    Hy,
    Hm,
    Sy,
    Pm,
    Hy2,
    Dn,
    Dn2,
}

const PART_NAMES: [(&str, Part); 44] = [
    ("y", Part::Y),
    ("yy", Part::Yy),
    ("era", Part::Era),
    ("y2", Part::Y2),
    ("era2", Part::Era2),
    ("yy2", Part::Yy2),
    ("m", Part::M),
    ("d", Part::D),
    ("wd", Part::Wd),
    ("season", Part::Season),
    ("q", Part::Q),
    ("half", Part::Half),
    ("pod", Part::Pod),
    ("hr", Part::Hr),
    ("min", Part::Min),
    ("sec", Part::Sec),
    ("ampm", Part::Ampm),
    ("dec", Part::Dec),
    ("decw", Part::Decw),
    ("dmod", Part::Dmod),
    ("cent", Part::Cent),
    ("n", Part::N),
    ("unit", Part::Unit),
    ("later", Part::Later),
    ("earlier", Part::Earlier),
    ("rel", Part::Rel),
    ("yrel", Part::Yrel),
    ("setw", Part::Setw),
    ("every", Part::Every),
    ("freq", Part::Freq),
    ("dayw", Part::Dayw),
    ("refw", Part::Refw),
    ("dash", Part::Dash),
    ("d2", Part::D2),
    ("yrel2", Part::Yrel2),
    ("yw", Part::Yw),
    ("hol", Part::Hol),
    ("hy", Part::Hy),
    ("hm", Part::Hm),
    ("sy", Part::Sy),
    ("pm", Part::Pm),
    ("hy2", Part::Hy2),
    ("dn", Part::Dn),
    ("dn2", Part::Dn2),
];
const NPARTS: usize = PART_NAMES.len();

/// A recognised expression: its span (modifier included), the rule, and the spans of its parts.
#[derive(Clone, Debug)]
pub struct Candidate {
    pub span: Span,
    /// The span the rule matched, before modifier extension.
    pub core: Span,
    pub rule: usize,
    pub kind: Kind,
    pub parts: [Option<Span>; NPARTS],
    pub modifier: Option<Mod>,
    /// An Old Style / New Style marker or a dual date written after a day and month.
    pub style: Option<Style>,
}

/// How a day-and-month date says which calendar it is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// "(O.S.)", "Old Style": the date is Julian.
    Old,
    /// "(N.S.)", "New Style": the date is Gregorian.
    New,
    /// "25 October (7 November) 1917": both given; this is the New Style day and month, and the
    /// year when one follows.
    Dual {
        day: u8,
        month: u8,
        year: Option<i32>,
    },
    /// "30 January 1648/9": an English double-dated year; the date is Julian in the later year.
    DoubleYear(i32),
}

impl Candidate {
    pub fn part<'t>(&self, text: &'t str, p: Part) -> Option<&'t str> {
        self.parts[p as usize].map(|s| &text[s.start..s.end])
    }
    pub fn has(&self, p: Part) -> bool {
        self.parts[p as usize].is_some()
    }
}

/// Years glued to the next word by lost line breaks in extracted headings ("1917-1918Events of").
static GLUED_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^0-9A-Za-z,.$])((?:1[0-9]{3}|20[0-9]{2}))[A-Z][a-z]").expect("compiles")
});

fn glued_years(text: &str, out: &mut Vec<Candidate>) {
    let Some(rule) = rules().index("year") else {
        return;
    };
    let mut found = Vec::new();
    for caps in GLUED_YEAR.captures_iter(text) {
        let Some(y) = caps.get_group(1) else { continue };
        let span = Span::new(y.start, y.end);
        if !out.iter().any(|c| c.span.overlaps(&span)) {
            let mut parts = [None; NPARTS];
            parts[Part::Y as usize] = Some(span);
            found.push(Candidate {
                span,
                core: span,
                rule,
                kind: Kind::Date,
                parts,
                modifier: None,
                style: None,
            });
        }
    }
    if !found.is_empty() {
        out.extend(found);
        out.sort_by_key(|c| c.span.start);
    }
}

/// Find every candidate time expression in `text`, in text order, non-overlapping.
pub fn recognise(text: &str) -> Vec<Candidate> {
    let set = rules();
    let re = &set.regex;
    let mut caps = re.create_captures();
    let mut out: Vec<Candidate> = Vec::new();
    let mut at = 0;
    while at < text.len() {
        let input = Input::new(text).span(at..text.len());
        re.search_captures(&input, &mut caps);
        let Some(m) = caps.get_match() else { break };
        let rule = m.pattern().as_usize();
        let mut cand = build(text, &caps, rule, m.start(), m.end());
        let accepted = accept(text, &mut cand, &set.rules[rule]);
        if accepted {
            style_suffix(text, &mut cand);
            // A modifier may not reach back into the previous expression.
            if let Some(prev) = out.last() {
                if cand.span.start < prev.span.end {
                    cand.span.start = cand.core.start;
                    cand.modifier = None;
                }
            }
            at = cand.span.end.max(m.end());
            out.push(cand);
        } else {
            // Try again from the next word: a shorter rule may still match inside.
            at = next_word(text, m.start());
        }
    }
    glued_years(text, &mut out);
    out
}

fn build(text: &str, caps: &Captures, rule: usize, start: usize, end: usize) -> Candidate {
    let mut parts = [None; NPARTS];
    for (name, p) in PART_NAMES {
        if let Some(s) = caps.get_group_by_name(name) {
            parts[p as usize] = Some(Span::new(s.start, s.end));
        }
    }
    let mut end = end;
    // Dotted abbreviations ("B.C", "a.m") keep their final period, which the word boundary left out.
    let b = text.as_bytes();
    if end < b.len()
        && b[end] == b'.'
        && end >= 2
        && b[end - 2] == b'.'
        && b[end - 1].is_ascii_alphabetic()
    {
        end += 1;
    }
    Candidate {
        span: Span::new(start, end),
        core: Span::new(start, end),
        rule,
        kind: rules().rules[rule].kind,
        parts,
        modifier: None,
        style: None,
    }
}

/// What may follow a day and month to give its calendar: dual dates and style markers. Compiled
/// once, with the rule file's macros.
struct StyleSuffixes {
    dual: Regex,
    marker: Regex,
    /// A marker before the date: "O.S. 5 November 1688".
    prefix: Regex,
    /// A gloss in the lunar calendar after it.
    lunar: Regex,
}

static STYLE_SUFFIXES: LazyLock<StyleSuffixes> = LazyLock::new(|| {
    let set = rules();
    let x = |p: &str| super::rules::expand(p, &set.macros, 0);
    let build = |p: String| {
        Regex::builder()
            .syntax(regex_automata::util::syntax::Config::new().case_insensitive(true))
            .build(&p)
            .expect("style suffix patterns compile")
    };
    let marker = r"O\.\s?S\.|N\.\s?S\.|old\s+style(?-u:\b)|new\s+style(?-u:\b)";
    StyleSuffixes {
        // A second day and month in brackets (the year may follow inside or after them), with
        // a style marker before or after it inside the brackets, or none; after a slash; or
        // month first.
        dual: build(x(&format!(
            r"(?:\s*[\(\[]\s*(?:(?P<mk1>{marker})\s*)?(?P<d>{{DAYNUM}})\s+(?P<m>{{MONTH}})(?:,?\s+(?P<yn>{{YEAR4}}))?\s*,?\s*(?P<mk2>{marker})?\s*[\)\]]|\s*/\s*(?P<d2>{{DAYNUM}})\s+(?P<m2>{{MONTH}})|\s*\(\s*(?P<m3>{{MONTH}})\s+(?P<d3>{{DAYNUM}})\s*\))(?:,?\s+(?P<y>{{YEAR4}})(?-u:\b))?"
        ))),
        marker: build(format!(
            r"(?:,?\s*\(\s*(?P<s>{marker})\s*\)|,?\s+(?P<s2>{marker}))"
        )),
        prefix: build(format!(
            r"(?:\(\s*(?P<p>{marker})\s*\)|(?P<p2>{marker}))\s*$"
        )),
        // "April 1, 1919 (lunar March 1)": the day in the old lunar calendar, a gloss that is
        // part of the date, not a date of its own.
        lunar: build(x(
            r"\s*[\(\[]\s*(?:the\s+)?(?:lunar|lunisolar|old)(?:\s+calendar)?,?\s+(?:{DAYNUM}\s+{MONTH}|{MONTH}\s+{DAYNUM}|(?:the\s+)?{DAYNUM}\s+(?:day\s+)?of\s+the\s+\w+\s+month|\w+\s+month\s+{DAYNUM})\s*[\)\]]",
        )),
    }
});

fn day_month(d: &str, m: &str) -> Option<(u8, u8)> {
    let day = super::lexicon::ordinal(d).filter(|d| (1..=31).contains(d))? as u8;
    Some((day, super::lexicon::month(m)?))
}

/// Extend a day-and-month candidate over a dual date or a style marker after it.
fn style_suffix(text: &str, cand: &mut Candidate) {
    if !(cand.has(Part::D) && cand.has(Part::M)) || cand.has(Part::D2) {
        return;
    }
    let suffixes = &*STYLE_SUFFIXES;
    // "O.S. 5 November 1688": a marker before the date says its style as one after it does.
    let head_from = crate::text::ceil_boundary(text, cand.span.start.saturating_sub(16));
    let mut pre = suffixes.prefix.create_captures();
    suffixes
        .prefix
        .search_captures(&Input::new(&text[head_from..cand.span.start]), &mut pre);
    if let Some(m) = pre.get_match() {
        let word = pre
            .get_group_by_name("p")
            .or(pre.get_group_by_name("p2"))
            .map(|s| text[head_from + s.start..head_from + s.end].to_ascii_lowercase())
            .unwrap_or_default();
        let before = &text[..head_from + m.start()];
        if before.is_empty() || before.ends_with(|c: char| !c.is_alphanumeric()) {
            cand.style = Some(if word.starts_with('o') {
                Style::Old
            } else {
                Style::New
            });
            cand.span.start = head_from + m.start();
            return;
        }
    }
    let input = Input::new(text)
        .range(cand.span.end..)
        .anchored(regex_automata::Anchored::Yes);
    if let Some(m) = suffixes.lunar.find(input.clone()) {
        cand.span.end = m.end();
        cand.core.end = m.end();
        return;
    }
    let mut caps = suffixes.dual.create_captures();
    suffixes.dual.search_captures(&input, &mut caps);
    if let Some(m) = caps.get_match() {
        let g = |name: &str| caps.get_group_by_name(name).map(|s| &text[s.start..s.end]);
        let year = g("yn").or(g("y")).and_then(|y| y.parse().ok());
        // Which of the two is the New Style one: the second, unless a marker in its brackets
        // says it is the Old ("9 September [O.S. 28 August]").
        let old_marked = g("mk1")
            .or(g("mk2"))
            .is_some_and(|mk| mk.trim_start().to_ascii_lowercase().starts_with('o'));
        let second = if let (Some(d), Some(mo)) = (g("d").or(g("d2")), g("m").or(g("m2"))) {
            day_month(d, mo)
        } else if let (Some(d), Some(mo)) = (g("d3"), g("m3")) {
            day_month(d, mo)
        } else {
            None
        };
        let ns = if old_marked {
            // The main date is the New Style one.
            match (cand.part(text, Part::D), cand.part(text, Part::M)) {
                (Some(d), Some(mo)) => day_month(d, mo).filter(|_| second.is_some()),
                _ => None,
            }
        } else {
            second
        };
        if let Some((day, month)) = ns {
            cand.style = Some(Style::Dual { day, month, year });
            cand.span.end = m.end();
            cand.core.end = m.end();
            return;
        }
    }
    // "1648/9", "1731/32": the second year is the January-start one of an English Old Style date.
    if let (Some(y), Some(rest)) = (cand.part(text, Part::Y), text.get(cand.span.end..)) {
        let digits: String = rest
            .strip_prefix('/')
            .unwrap_or("")
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        let after = rest.get(1 + digits.len()..).unwrap_or("");
        if (1..=2).contains(&digits.len()) && !after.starts_with(|c: char| c.is_alphanumeric()) {
            if let (Ok(first), Ok(second)) = (y.parse::<i32>(), digits.parse::<i32>()) {
                let modulus = 10i32.pow(digits.len() as u32);
                let later = first - first.rem_euclid(modulus) + second;
                if later == first + 1 {
                    cand.style = Some(Style::DoubleYear(later));
                    cand.span.end += 1 + digits.len();
                    cand.core.end = cand.span.end;
                    return;
                }
            }
        }
    }
    let mut caps = suffixes.marker.create_captures();
    suffixes.marker.search_captures(&input, &mut caps);
    if let Some(m) = caps.get_match() {
        let word = caps
            .get_group_by_name("s")
            .or(caps.get_group_by_name("s2"))
            .map(|s| text[s.start..s.end].to_ascii_lowercase())
            .unwrap_or_default();
        cand.style = Some(if word.starts_with('o') {
            Style::Old
        } else {
            Style::New
        });
        cand.span.end = m.end();
        cand.core.end = m.end();
    }
}

fn next_word(text: &str, from: usize) -> usize {
    let mut seen_sep = false;
    for (i, c) in text[from..].char_indices() {
        if !c.is_alphanumeric() {
            seen_sep = true;
        } else if seen_sep {
            return from + i;
        }
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every rule's own examples are recognised whole, by that rule (given a neutral left context
    /// for rules whose checks need one).
    #[test]
    fn rule_examples_are_recognised_by_their_rule() {
        let set = rules();
        let mut failures = Vec::new();
        for (i, rule) in set.rules.iter().enumerate() {
            for ex in &rule.examples {
                // An ordinal day alone needs "on", "by" or "until" before it ("in the 20th" is
                // usually a century cut short), and "4 in the morning" a preposition of time.
                let prefix = if rule.needs_mod {
                    "the end of "
                } else if rule.name == "ordinal-day" {
                    "on "
                } else if rule.name == "clock-in-the-pod" {
                    "at "
                } else {
                    "in "
                };
                // A fiscal period is one only before "ended"; a counted day or year only before
                // what it counts within (which stays outside the expression).
                let suffix = if rule.name == "period-ended" {
                    " ended March 31"
                } else if rule.name == "ordinal-unit-of" {
                    " of the siege"
                } else {
                    ""
                };
                let text = format!("{prefix}{ex}{suffix}");
                let found = recognise(&text);
                let whole = found.iter().any(|c| {
                    c.rule == i
                        && c.core.start == prefix.len()
                        && c.core.end == text.len() - suffix.len()
                });
                if !whole {
                    let got: Vec<_> = found
                        .iter()
                        .map(|c| (set.names[c.rule], &text[c.core.start..c.core.end]))
                        .collect();
                    failures.push(format!("{} {ex:?}: got {got:?}", rule.name));
                }
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }
}
