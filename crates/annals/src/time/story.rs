//! The story line: which of a document's dates the narrative moves through, and which look away.
//!
//! A history text moves through time: "In April 1920 …", "three days later …", "on 9 June …".
//! Sentences without a date of their own happened where the story stands, and relative or
//! partial dates ("the next day", "9 Jun") are counted from it. But not every date written moves
//! the story: a look back ("the Knights had held it since 1530"), a look ahead ("a monument was
//! raised there in 1886"), an aside in brackets, a plan. Reading greedily ("the last date seen")
//! lets one such date reset everything after it.
//!
//! This module walks the document's expressions keeping several candidate story lines at once (a
//! beam). At each expression every line resolves it against its own story ([`step`]) and splits
//! in two: the story takes the date, or it goes on from where it was. Each choice has a cost:
//! moving the story pays for the jump (backward jumps and long forward leaps are dear, small
//! steps forward cheap), staying pays a fixed price lowered by cues that the expression looks
//! away (since, until, a plan, a look back, brackets). Later dates settle earlier choices: a date
//! that the story soon returns from was an aside, because keeping the story there makes every
//! later date cheap. The cheapest line at the end is the story line; every timex records its
//! [`Role`] on it, and events without a date of their own take the story line's date.
//!
//! News is read along one line with the rules TimeBank's conventions need (a year-ago comparison
//! does not move the report's period).

use super::anchor::Anchor;
use super::neighbours::{bracketed_years, reaches_until, Borrow};
use super::recognise::Candidate;
use super::step::{step, Before, Prepared, Stepped};
use super::{tense, words, Aside, Config, Role, Timex};
use crate::pipeline::Mode;
use std::rc::Rc;

/// One output timex on a story line, linked to the ones before it (lines share their past).
struct Node {
    timex: Timex,
    borrow: Borrow,
    prev: Option<Rc<Node>>,
}

/// One candidate story line.
#[derive(Clone)]
struct Line {
    anchor: Anchor,
    out: Option<Rc<Node>>,
    len: usize,
    /// The index of the last output of a single expression, and the story before it (for a
    /// pair of years in brackets, which are two expressions).
    previous: Option<(usize, Anchor)>,
}

impl Line {
    fn last(&self) -> Option<&Timex> {
        self.out.as_deref().map(|n| &n.timex)
    }

    fn push(&mut self, timex: Timex, borrow: Borrow) {
        self.out = Some(Rc::new(Node {
            timex,
            borrow,
            prev: self.out.take(),
        }));
        self.len += 1;
    }

    /// Give the last `n` outputs a new role (a bracketed pair is found at its second year).
    fn retag(&mut self, n: usize, role: Role) {
        let mut popped = Vec::with_capacity(n);
        for _ in 0..n {
            let Some(node) = self.out.take() else { break };
            self.out = node.prev.clone();
            self.len -= 1;
            popped.push((node.timex.clone(), node.borrow));
        }
        for (mut timex, borrow) in popped.into_iter().rev() {
            timex.role = role;
            self.push(timex, borrow);
        }
    }

    /// The outputs in text order, with what each may borrow from the next.
    fn finish(self) -> (Vec<Timex>, Vec<(usize, Borrow)>) {
        let mut nodes = Vec::with_capacity(self.len);
        let mut at = self.out;
        while let Some(node) = at {
            at = node.prev.clone();
            nodes.push(node);
        }
        nodes.reverse();
        let mut borrows = Vec::new();
        let out = nodes
            .into_iter()
            .enumerate()
            .map(|(i, n)| {
                if !matches!(n.borrow, Borrow::Nothing) {
                    borrows.push((i, n.borrow));
                }
                n.timex.clone()
            })
            .collect();
        (out, borrows)
    }
}

/// Resolve every prepared candidate along the story line; the outputs in text order and the
/// borrowing each may do from the next.
pub(super) fn walk(
    text: &str,
    config: &Config,
    candidates: &[Candidate],
    prepared: &[Option<Prepared>],
) -> (Vec<Timex>, Vec<(usize, Borrow)>) {
    let mut line = Line {
        anchor: Anchor::new(config.mode, config.dct),
        out: None,
        len: 0,
        previous: None,
    };
    for (k, prep) in prepared.iter().enumerate() {
        let Some(prep) = prep else { continue };
        let stepped = step(
            text,
            config,
            candidates,
            k,
            prep,
            &line.anchor,
            Before { last: line.last() },
        );
        let role = rule_role(text, config.mode, &candidates[k], prep, &stepped);
        take(text, &mut line, stepped, role);
    }
    line.finish()
}

/// The role the reading rules give an expression, without looking ahead.
fn rule_role(text: &str, mode: Mode, cand: &Candidate, prep: &Prepared, stepped: &Stepped) -> Role {
    match mode {
        Mode::News if stepped.glance.comparison => Role::Aside(Aside::Comparison),
        Mode::News => Role::Story,
        Mode::Narrative => match cues(text, cand, prep, stepped) {
            Some(aside) => Role::Aside(aside),
            None => Role::Story,
        },
    }
}

/// Why, by its own words, a narrative expression would look away from the story.
fn cues(text: &str, cand: &Candidate, prep: &Prepared, stepped: &Stepped) -> Option<Aside> {
    let kept = &stepped.kept;
    if stepped.glance.flashback {
        return Some(Aside::LookBack);
    }
    // "The first incursion since 1995": a span reaching from then up to the story's present.
    if words::word_before(text, cand.span.start) == "since" {
        return Some(Aside::Since);
    }
    // "An assault that lasted until the fall of Budapest in February 1945": the end of what is
    // told reaches ahead (a story with no date yet still starts there: "The siege lasted until
    // 1855").
    if kept.has_story() && reaches_until(text, cand.span.start) {
        return Some(Aside::Until);
    }
    // "… exposed for a planned campaign in 1976": a plan for a later year.
    let later = match (stepped.date, kept.story_year()) {
        (Some(d), Some(y)) => d.full_year().is_some_and(|dy| dy > y),
        _ => false,
    };
    if prep.tense == tense::Tense::Future && later {
        return Some(Aside::Plan);
    }
    None
}

/// Put a stepped expression on `line` in `role`: its outputs, and the story it leaves.
fn take(text: &str, line: &mut Line, stepped: Stepped, role: Role) {
    let kept = stepped.kept;
    line.anchor = if role.moves_story() {
        stepped.moved
    } else {
        kept.clone()
    };
    let split = stepped.split;
    for (mut timex, borrow) in stepped.timexes {
        timex.role = role;
        line.push(timex, borrow);
    }
    if split {
        return;
    }
    // A year range in brackets: on a heading ("The Directory (1795-1799)") it opens a section
    // that starts at its first year, so the story reads on from there; in running text
    // ("Napoleon (1769-1821) was exiled") it is an aside that leaves the story alone. So is a
    // single year in brackets in running text: a book's date ("How Wars Are Won (2003),
    // Alexander reports"), a treaty's ("the Treaty of Paris (1783)").
    let mut aside = false;
    if let (Some(last), Some((at, before_first))) = (line.out.as_deref(), &line.previous) {
        if let Some(first) = last.prev.as_deref().filter(|_| *at + 2 == line.len) {
            match bracketed_years(text, &first.timex, &last.timex) {
                Some((start, true)) => line.anchor.advance(&start),
                Some((_, false)) => {
                    line.anchor = before_first.clone();
                    aside = true;
                }
                None => {}
            }
        }
    }
    if aside {
        // Both years are the aside: the first was taken alone before the second closed it.
        line.retag(2, Role::Aside(Aside::Bracketed));
    } else if let Some(last) = line.last() {
        if let Some((_, false)) = bracketed_years(text, last, last) {
            line.anchor = kept.clone();
            line.retag(1, Role::Aside(Aside::Bracketed));
        }
    }
    line.previous = Some((line.len - 1, kept));
}
