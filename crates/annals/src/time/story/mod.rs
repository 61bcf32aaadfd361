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
mod cues;

use super::neighbours::{bracketed_years, Borrow};
use super::normalise::{Meaning, Normalised};
use super::recognise::Candidate;
use super::step::{step, Before, Prepared, Stepped};
use super::value::Within;
use super::{Aside, Config, Date, Role, Timex, Value};
use crate::pipeline::Mode;
use crate::text::Segmented;
use cues::{Cues, Shape, BEAM, LOST, OTHER, READING_NEAR, STRAY_MONTH};
use std::rc::Rc;

/// One output timex on a story line, linked to the ones before it (lines share their past).
struct Node {
    timex: Timex,
    borrow: Borrow,
    prev: Option<Rc<Node>>,
}

// A long document makes a long chain: dropping it node by node, not recursively (which would
// overflow the stack on a one-line 50 MB text).
impl Drop for Node {
    fn drop(&mut self) {
        let mut prev = self.prev.take();
        while let Some(node) = prev {
            match Rc::try_unwrap(node) {
                Ok(mut node) => prev = node.prev.take(),
                Err(_) => break,
            }
        }
    }
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
    /// The paragraph of the last expression the story moved to.
    paragraph: usize,
}

impl Line {
    fn last(&self) -> Option<&Timex> {
        self.out.as_deref().map(|n| &n.timex)
    }

    /// Resolve expression `k` against this line's story.
    fn step(
        &self,
        text: &str,
        config: &Config,
        shape: &Shape,
        candidates: &[Candidate],
        k: usize,
        prep: &Prepared,
    ) -> Stepped {
        let before = Before {
            last: self.last(),
            sentence_start: shape.sentence_start(candidates[k].span.start),
        };
        step(text, config, candidates, k, prep, &self.anchor, before)
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
    seg: &Segmented,
    config: &Config,
    candidates: &[Candidate],
    prepared: &[Option<Prepared>],
) -> (Vec<Timex>, Vec<(usize, Borrow)>) {
    let start = Line {
        anchor: Anchor::new(config.mode, config.dct),
        out: None,
        len: 0,
        previous: None,
        paragraph: 0,
    };
    let shape = Shape::of(text, seg);
    if config.mode == Mode::News {
        return read_along(text, config, &shape, candidates, prepared, start);
    }
    // A story that names its year only after its first days ("the beginning of April … the
    // twenty-ninth of May, in the fourteen hundred and fifty-third year") was in that year from
    // the start: a reader who meets the year goes back and reads the days before it in it. A
    // first year that reads two ways starts two lines, the other reading a little dearer.
    let starts: Vec<(f64, Line)> = match first_year(text, candidates, prepared) {
        years if config.dct.is_none() && !years.is_empty() => years
            .into_iter()
            .map(|(y, cost)| {
                let line = Line {
                    anchor: Anchor::starting_at(config.mode, None, Date::year(y)),
                    ..start.clone()
                };
                (cost, line)
            })
            .collect(),
        _ => vec![(0.0, start)],
    };
    let attested = Attested::of(prepared);
    // A developer's view of the choices: ANNALS_DEBUG_STORY=1 prints every line's costs to
    // standard error (see docs/DESIGN.md, "The story line").
    let debug = std::env::var_os("ANNALS_DEBUG_STORY").is_some();
    let mut beam: Vec<(f64, Line)> = starts;
    let mut paragraph = None;
    for (k, prep) in prepared.iter().enumerate() {
        let Some(prep) = prep else { continue };
        let here = shape.paragraph(candidates[k].span.start);
        let cues = Cues::of(text, &shape, &candidates[k], prep, paragraph != Some(here));
        paragraph = Some(here);
        let mut next: Vec<(f64, Line)> = Vec::with_capacity(beam.len() * 3);
        let range_end = k > 0 && cues::range_joined(text, &candidates[k - 1], &candidates[k]);
        // The other reading, if any, is a branch of its own, a little dearer: on a tie the
        // expression means what it says on its own.
        let other = prep.other.as_ref().map(|norm| Prepared {
            norm: norm.clone(),
            other: None,
            ..prep.clone()
        });
        let readings = std::iter::once((prep, 0.0)).chain(other.as_ref().map(|o| (o, OTHER)));
        let readings: Vec<(&Prepared, f64)> = readings.collect();
        for (cost, line) in &beam {
            if let Some(drop) = cues.drop {
                next.push((cost + drop, line.clone()));
            }
            for &(prep, reading) in &readings {
                let cost = cost + reading;
                let stepped = line.step(text, config, &shape, candidates, k, prep);
                // The far end of a range the story just moved to ("27 B.C. to 14 A.D.") extends
                // that move: the story is the whole range, not a second jump from its start.
                let jump = if range_end
                    && line.last().is_some_and(|t| {
                        t.role == Role::Story && t.span.start >= candidates[k - 1].span.start
                    }) {
                    0.0
                } else {
                    cues.jump(&stepped)
                };
                let mut aside = cues.aside_cost(line.paragraph == here, jump);
                // Of two readings, the one nearer the story is the likelier even as an aside: "the
                // third century" in a story of A.D. 890 told in Hijri years is the ninth.
                if readings.len() > 1 {
                    aside += READING_NEAR * jump;
                }
                let (advance, why) = cues.advance_cost(prep, &stepped, jump);
                // A line with no story to count from leaves "9 June" or "three days later"
                // unread: the text assumed a date the line does not have.
                let lost = if cues::lost(prep, &stepped) {
                    LOST
                } else {
                    0.0
                };
                // A yearless "March 2" read into a year whose March the document never dates (or
                // dates less often than another year's): a story told around March 1919 that
                // glanced at 1945 reads its next "March 2" in 1919.
                let stray = STRAY_MONTH * attested.strays(prep, &stepped);
                let (aside, advance) = (aside + lost + stray, advance + lost + stray);
                if debug {
                    eprintln!(
                        "{:>6} {:<28} story {:<14} -> {:<14} adv {:.2} aside {:.2} ({:?}) line cost {:.2}",
                        candidates[k].span.start,
                        text[candidates[k].span.start..candidates[k].span.end]
                            .chars()
                            .take(28)
                            .collect::<String>(),
                        line.anchor.story().map_or("-".into(), |d| d.to_string()),
                        stepped.moved.story().map_or("-".into(), |d| d.to_string()),
                        advance,
                        aside,
                        why,
                        cost
                    );
                }
                let mut moved = line.clone();
                let mut kept = line.clone();
                take(text, &mut kept, stepped.clone(), Role::Aside(why));
                take(text, &mut moved, stepped, Role::Story);
                moved.paragraph = here;
                next.push((cost + advance, moved));
                next.push((cost + aside, kept));
            }
        }
        beam = prune(next);
    }
    let best = beam
        .into_iter()
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, line)| line)
        .expect("the beam is never empty");
    best.finish()
}

/// The months the document dates with their year written out ("March 1, 1919", "May 1920"),
/// and how often, against which a yearless month or day is read.
struct Attested {
    months: std::collections::HashMap<(i32, u8), u32>,
    /// For each month (1 to 12), the most dates the document gives it in any one year: a lookup
    /// on the beam's hot path, where a scan of `months` would run for every line at every
    /// yearless date.
    most: [u32; 13],
}

impl Attested {
    fn of(prepared: &[Option<Prepared>]) -> Attested {
        Attested::counting(
            prepared
                .iter()
                .flatten()
                .filter_map(|p| match p.norm.meaning {
                    Meaning::Fixed(Value::Date(d)) => Some((d.full_year()?, month_of(&d)?)),
                    _ => None,
                }),
        )
    }

    /// From the (year, month) of every date written with its year.
    fn counting(dated: impl Iterator<Item = (i32, u8)>) -> Attested {
        let mut months = std::collections::HashMap::new();
        for key in dated {
            *months.entry(key).or_insert(0) += 1;
        }
        let mut most = [0; 13];
        for (&(_, m), &n) in &months {
            most[usize::from(m)] = most[usize::from(m)].max(n);
        }
        Attested { months, most }
    }

    /// How far a yearless month-day strays from the document's dates of that month, from 0 to 1:
    /// 1 read into a year whose month the document never dates in full though it dates that
    /// month in another year; a share for a year whose month it dates less often than another
    /// year's ("February 22" in a story of February 1936 that once dated February 7, 1935);
    /// 0 for the month's best-dated year, or a month the document never dates.
    fn strays(&self, prep: &Prepared, stepped: &Stepped) -> f64 {
        if !matches!(prep.norm.meaning, Meaning::NeedsYear(..)) {
            return 0.0;
        }
        let Some(d) = stepped.date else { return 0.0 };
        let (Some(year), Some(month)) = (d.full_year(), month_of(&d)) else {
            return 0.0;
        };
        self.stray_share(year, month)
    }

    /// How far `month` of `year` strays from the document's dates of that month: see
    /// [`Attested::strays`].
    fn stray_share(&self, year: i32, month: u8) -> f64 {
        let most = self.most[usize::from(month)];
        if most == 0 {
            return 0.0;
        }
        let here = self.months.get(&(year, month)).copied().unwrap_or(0);
        1.0 - f64::from(here) / f64::from(most)
    }
}

fn month_of(d: &Date) -> Option<u8> {
    match d.within {
        Within::Month(m) | Within::Day(m, _) => m.filter(|m| (1..=12).contains(m)),
        _ => None,
    }
}

/// The first full year the document writes out, if any, that is not a book's year in a title
/// line ("Development of Muslim Theology (1903): Chapter II" dates no story), with the cost of
/// starting there: both readings of one that reads two ways (a bare "143" in a history that
/// writes some years A.H. and some A.D. may be A.D. 143 or 760).
fn first_year(
    text: &str,
    candidates: &[Candidate],
    prepared: &[Option<Prepared>],
) -> Vec<(i32, f64)> {
    // A year alone in brackets on a title line: one that does not end as a sentence does.
    let titles_a_book = |c: &Candidate| {
        let line_end = text[c.span.end..]
            .find('\n')
            .map_or(text.len(), |i| c.span.end + i);
        text[..c.span.start].trim_end().ends_with('(')
            && text[c.span.end..].trim_start().starts_with(')')
            && !text[c.span.end..line_end]
                .trim_end()
                .ends_with(['.', '!', '?'])
    };
    let year = |n: &Normalised| match n.meaning {
        Meaning::Fixed(v) => v.full_year(),
        _ => None,
    };
    candidates
        .iter()
        .zip(prepared)
        .filter(|(c, _)| !titles_a_book(c))
        .find_map(|(_, p)| {
            let p = p.as_ref()?;
            let first = year(&p.norm)?;
            let other = p.other.as_ref().and_then(year).map(|y| (y, OTHER));
            Some(std::iter::once((first, 0.0)).chain(other).collect())
        })
        .unwrap_or_default()
}

/// The cheapest lines, at most one per story state (two lines standing at the same date read the
/// rest of the document alike, so only the cheaper can win), at most [`BEAM`] of them.
fn prune(mut lines: Vec<(f64, Line)>) -> Vec<(f64, Line)> {
    lines.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut out: Vec<(f64, Line)> = Vec::with_capacity(BEAM);
    for (cost, line) in lines {
        if out.len() == BEAM {
            break;
        }
        if out
            .iter()
            .all(|(_, l)| l.anchor.story() != line.anchor.story())
        {
            out.push((cost, line));
        }
    }
    out
}

/// One line, each expression taking the role the reading rules give it (news).
fn read_along(
    text: &str,
    config: &Config,
    shape: &Shape,
    candidates: &[Candidate],
    prepared: &[Option<Prepared>],
    mut line: Line,
) -> (Vec<Timex>, Vec<(usize, Borrow)>) {
    for (k, prep) in prepared.iter().enumerate() {
        let Some(prep) = prep else { continue };
        let stepped = line.step(text, config, shape, candidates, k, prep);
        let role = rule_role(&stepped);
        take(text, &mut line, stepped, role);
    }
    line.finish()
}

/// The role the reading rules of news give an expression: a year-ago comparison leaves the
/// report's period where it was.
fn rule_role(stepped: &Stepped) -> Role {
    if stepped.glance.comparison {
        Role::Aside(Aside::Comparison)
    } else {
        Role::Story
    }
}

/// Put a stepped expression on `line` in `role`: its outputs, and the story it leaves.
fn take(text: &str, line: &mut Line, stepped: Stepped, role: Role) {
    let kept = stepped.kept;
    // A date the story is already inside ("the thirteenth century" while at 1206, "1941" while
    // at 8 December 1941), or one it cannot stand on (a decade, a century), leaves it where it
    // is: what follows happened where the story stands, not anywhere in the wider period.
    let role = match (role, stepped.date) {
        (Role::Story, Some(d))
            if stepped.moved.story() == kept.story()
                && kept.story() != Some(Date { time: None, ..d }) =>
        {
            Role::Aside(Aside::Broader)
        }
        _ => role,
    };
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
    } else if let Some(last) = line.last().filter(|_| line.anchor.mode() == Mode::News) {
        // In news a single year in brackets is a name's or a book's date; a narrative weighs it
        // with the rest (`Cues::bracketed`: "took Pekin (1214)" dates the taking).
        if let Some((_, false)) = bracketed_years(text, last, last) {
            line.anchor = kept.clone();
            line.retag(1, Role::Aside(Aside::Bracketed));
        }
    }
    line.previous = Some((line.len - 1, kept));
}

#[cfg(test)]
mod tests {
    use super::Attested;

    #[test]
    fn a_yearless_month_strays_by_how_much_less_its_year_dates_it() {
        // February dated three times in 1936 and once in 1935; March only in 1919.
        let dated = [(1936, 2), (1936, 2), (1936, 2), (1935, 2), (1919, 3)];
        let attested = Attested::counting(dated.into_iter());
        assert_eq!(attested.stray_share(1936, 2), 0.0);
        assert!((attested.stray_share(1935, 2) - 2.0 / 3.0).abs() < 1e-9);
        assert_eq!(attested.stray_share(1945, 3), 1.0);
        // A month the document never dates with its year: no year is favoured.
        assert_eq!(attested.stray_share(1936, 4), 0.0);
    }
}
