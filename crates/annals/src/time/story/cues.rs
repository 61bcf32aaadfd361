//! What an expression's place and words say about the story line, and what each choice costs.
//!
//! Costs are in one unit, roughly "how surprised a reader is". Moving the story costs the jump
//! ([`jump`]): nothing within or just after where it stands, more the further back, a little for
//! long leaps ahead. Leaving the story where it is costs [`ASIDE`], more for a date that opens its
//! sentence, heads a section or is counted from the story, less for words that look away
//! ("since", "until", "had", a relative clause, "later").

use super::super::normalise::Meaning;
use super::super::recognise::Candidate;
use super::super::step::{Prepared, Stepped};
use super::super::value::Year;
use super::super::{neighbours, tense, words, Aside};
use crate::text::{ceil_boundary, floor_boundary, Segmented};

/// Story lines kept at once. Measured on the tune half of data/dev/history: see the closing
/// note of issue 19.
pub(in crate::time) const BEAM: usize = 8;

/// Leaving the story where it is, before cues.
const ASIDE: f64 = 1.2;

/// Reading a bare number as no date at all ("1214 demonstrations took place"), before the
/// evidence that it counts something.
const DROP: f64 = 1.3;

/// Reading an expression another way than it reads on its own (a bare year as a Hijri year).
pub(in crate::time) const OTHER: f64 = 0.2;

/// How much of a reading's distance from the story counts against it when it is an aside.
pub(in crate::time) const READING_NEAR: f64 = 0.3;

/// Leaving an expression that needs the story unresolved ("9 June" with no year to give it).
pub(in crate::time) const LOST: f64 = 2.0;

/// Reading a yearless month or day into a year whose month the document never dates, though it
/// dates that month in another year.
pub(in crate::time) const STRAY_MONTH: f64 = 0.5;

/// Whether the expression needed a story to count from and this line had none to give.
pub(in crate::time) fn lost(prep: &Prepared, stepped: &Stepped) -> bool {
    let needs = !matches!(prep.norm.meaning, Meaning::Fixed(_));
    needs
        && stepped
            .date
            .is_some_and(|d| matches!(d.year, Year::Unknown))
}

/// How far back the words of an expression's sentence and clause are read.
const WINDOW: usize = 300;

/// Where paragraphs and sentences start (byte offsets, ascending), for "the first date of a
/// paragraph" and "a date of its own sentence".
pub(in crate::time) struct Shape {
    paragraphs: Vec<usize>,
    sentence_starts: Vec<usize>,
}

impl Shape {
    pub(in crate::time) fn of(text: &str, seg: &Segmented) -> Shape {
        let mut paragraphs = vec![0];
        let bytes = text.as_bytes();
        let mut i = 0;
        while let Some(off) = text[i..].find('\n') {
            let at = i + off + 1;
            // A blank line (spaces allowed) ends a paragraph; so does a heading line.
            let rest = &bytes[at..];
            let blank = rest
                .iter()
                .take_while(|&&b| b == b' ' || b == b'\t' || b == b'\r')
                .count();
            if rest.get(blank) == Some(&b'\n') {
                paragraphs.push(at + blank + 1);
            }
            i = at;
        }
        paragraphs.dedup();
        Shape {
            paragraphs,
            sentence_starts: seg.sentences.iter().map(|s| s.span.start).collect(),
        }
    }

    pub(in crate::time) fn paragraph(&self, at: usize) -> usize {
        self.paragraphs.partition_point(|&p| p <= at)
    }

    /// Where the sentence holding byte `at` starts (by the document's segmentation).
    pub(in crate::time) fn sentence_start(&self, at: usize) -> usize {
        let i = self.sentence_starts.partition_point(|&s| s <= at);
        i.checked_sub(1).map_or(0, |i| self.sentence_starts[i])
    }
}

/// The facts about one expression that do not depend on the story.
pub(in crate::time) struct Cues {
    /// It opens its sentence ("In April 1920, …", "On 18 May the fleet …").
    fronted: bool,
    /// It stands on a heading line.
    heading: bool,
    /// It is the first date of its paragraph.
    pub(in crate::time) paragraph_first: bool,
    /// It is counted from the story ("three days later", "9 June"): it continues the story.
    relative: bool,
    /// It stands in a relative clause (", which …", ", who …").
    relative_clause: bool,
    /// Its clause looks back from the story ("had taken", "had been").
    pluperfect: bool,
    /// Its clause looks ahead ("later", "eventually", "today").
    looks_ahead: bool,
    /// A year naming a thing ("the 1686 alliance", "the 1953 team").
    names_thing: bool,
    /// A single year in brackets: 0 none, 1 after running words ("took Pekin (1214)",
    /// "Thereupon (1218)"), 2 after a name it dates ("the Treaty of Paris (1783)").
    bracketed: u8,
    /// A bare number read as a year before what it may count: the cost of reading it as no
    /// date at all.
    pub(in crate::time) drop: Option<f64>,
    /// "The first incursion since 1995": a span reaching from then up to the story's present.
    since: bool,
    /// "An assault that lasted until the fall of Budapest in February 1945": where what is told
    /// ends.
    until: bool,
}

impl Cues {
    pub(in crate::time) fn of(
        text: &str,
        shape: &Shape,
        cand: &Candidate,
        prep: &Prepared,
        paragraph_first: bool,
    ) -> Cues {
        let at = cand.span.start;
        // Within a window: a "sentence" of megabytes without a stop must not be read whole for
        // each of its expressions.
        let sentence = shape
            .sentence_start(at)
            .max(floor_boundary(text, at.saturating_sub(WINDOW)));
        let lead = &text[sentence..at];
        // Up to three short words before it ("In", "On the", "When in", "By early"), the first
        // capitalised as a sentence's first word is.
        let fronted = lead.split_whitespace().count() <= 3
            && lead.split_whitespace().enumerate().all(|(i, w)| {
                w.chars()
                    .skip(usize::from(i == 0))
                    .all(|c| c.is_lowercase() || !c.is_alphabetic())
            });
        // Counted forward from the story or placed within it; a count backwards ("a fortnight
        // previously", "three days earlier") looks back from it instead.
        let (relative, counts_back) = match prep.norm.meaning {
            Meaning::NeedsYear(..)
            | Meaning::MonthDay(_)
            | Meaning::Clock(_)
            | Meaning::StoryTime
            | Meaning::Holiday(..)
            | Meaning::Weekday {
                anaphoric: true, ..
            } => (true, false),
            Meaning::Offset {
                anaphoric: true,
                amount: Some(_),
                sign,
                ..
            } => (sign >= 0, sign < 0),
            _ => (false, false),
        };
        let clause = clause_before(text, sentence, at);
        let lower = clause.to_lowercase();
        let relative_clause = lower.starts_with("which ")
            || lower.starts_with("who ")
            || lower.starts_with("whose ")
            || lower.starts_with("whom ");
        // The clause goes on after the expression: "before his promotion in January 1935, he
        // had promised".
        let after_clause = clause_after(text, cand.span.end).to_lowercase();
        let pluperfect = has_pluperfect(&lower) || has_pluperfect(&after_clause) || counts_back;
        let looks_ahead = [
            "later",
            "eventually",
            "afterwards",
            "subsequently",
            "today",
            "nowadays",
        ]
        .iter()
        .any(|w| lower.split(|c: char| !c.is_alphabetic()).any(|x| x == *w))
            || ["at present", "to this day", "present day", "present-day"]
                .iter()
                .any(|p| lower.contains(p));
        let written = &text[cand.span.start..cand.span.end];
        let bare = written.len() >= 3 && written.bytes().all(|b| b.is_ascii_digit());
        let before = words::word_before(text, at);
        let after = words::word_after(text, cand.span.end);
        let names_thing =
            bare && matches!(
                before.as_str(),
                "the" | "a" | "an" | "his" | "her" | "their" | "its"
            ) && after.chars().next().is_some_and(|c| c.is_lowercase())
                && !words::opens_clause(after);
        let year_word = matches!(
            before.as_str(),
            "in" | "of"
                | "since"
                | "until"
                | "till"
                | "by"
                | "from"
                | "to"
                | "after"
                | "before"
                | "year"
                | "about"
                | "around"
                | "c"
                | "circa"
                | "during"
                | "and"
        );
        let bracketed = text[..at].trim_end().ends_with('(');
        // "1214 demonstrations took place", "from 150 to 170 guns", "a 1000-man force": a number
        // counting what follows; the more so before a plural. A range's first year ("1861-1863")
        // and a year after a determiner ("a secret 1902 pact") are years.
        let joined = text[..at].trim_end().ends_with(['-', '–', '—', '/']);
        let tail = &text[cand.span.end..];
        let dashed_word = tail.starts_with('-') && tail[1..].starts_with(char::is_alphabetic);
        let counts = dashed_word
            || after.chars().next().is_some_and(|c| c.is_lowercase())
                && !words::opens_clause(after);
        let plural = after.len() > 3 && after.ends_with('s') && !after.ends_with("ss");
        let determined = words::words_before(text, at, 2).iter().any(|w| {
            matches!(
                w.as_str(),
                "the" | "a" | "an" | "his" | "her" | "their" | "its" | "as"
            )
        });
        let count_weight =
            if !(bare && counts && !year_word && !bracketed && !joined && !determined) {
                None
            } else if plural || dashed_word {
                Some(0.6)
            } else {
                Some(0.3)
            };
        let in_brackets =
            bracketed && text[cand.span.end..].trim_start().starts_with(')') && !joined;
        let bracketed = match (in_brackets, names_before_bracket(text, sentence, at)) {
            (false, _) => 0,
            (true, false) => 1,
            (true, true) => 2,
        };
        Cues {
            since: before == "since",
            until: neighbours::reaches_until(text, at),
            bracketed,
            fronted,
            heading: on_heading(text, cand.span.start, cand.span.end),
            paragraph_first,
            relative,
            relative_clause,
            pluperfect,
            looks_ahead,
            names_thing,
            drop: count_weight.map(|w| DROP - w),
        }
    }

    /// The cost of the story's move to the expression (see [`jump`]).
    pub(in crate::time) fn jump(&self, stepped: &Stepped) -> f64 {
        jump(stepped.kept.story_span(), stepped.moved.story_span())
    }

    /// What the expression's own words say of looking away, as the reading rules have it.
    fn said_aside(&self, prep: &Prepared, stepped: &Stepped) -> Option<Aside> {
        let kept = &stepped.kept;
        if stepped.glance.flashback {
            return Some(Aside::LookBack);
        }
        if self.since {
            return Some(Aside::Since);
        }
        // A story with no date yet still starts where what is told ends ("The siege lasted
        // until 1855").
        if kept.has_story() && self.until {
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

    /// What leaving the story where it is costs: more for an expression that opens its
    /// sentence, heads a section, or is counted from a story date of its own paragraph (a
    /// "three years later" after a paragraph break is as likely counted from something in its
    /// own sentence: "He married her when he was already a king, and Alexander was born three
    /// years later").
    pub(in crate::time) fn aside_cost(&self, story_nearby: bool, jump: f64) -> f64 {
        let mut cost = ASIDE;
        if self.fronted {
            cost += 2.0;
        }
        if self.heading {
            cost += 1.5;
        }
        // Only a short count continues the story: "more than 100 years later" looks ahead.
        if self.relative && story_nearby && jump < 1.0 {
            cost += 1.0;
        }
        cost
    }

    /// What moving the story to the expression costs: the jump, and the words that say it looks
    /// away; with the reason an aside would give.
    pub(in crate::time) fn advance_cost(
        &self,
        prep: &Prepared,
        stepped: &Stepped,
        jump: f64,
    ) -> (f64, Aside) {
        let mut cost = if self.paragraph_first {
            0.7 * jump
        } else {
            jump
        };
        let said = self.said_aside(prep, stepped);
        cost += match said {
            Some(Aside::Since | Aside::LookBack) => 2.0,
            Some(Aside::Until | Aside::Plan) => 1.5,
            _ => 0.0,
        };
        if self.relative_clause {
            cost += 0.5;
        }
        if self.pluperfect {
            cost += 0.6;
        }
        if self.looks_ahead {
            cost += 0.5;
        }
        if self.names_thing {
            cost += 0.8;
        }
        let said = match self.bracketed {
            1 => {
                cost += 0.3;
                said.or(Some(Aside::Bracketed))
            }
            2 => {
                cost += 1.0;
                said.or(Some(Aside::Bracketed))
            }
            _ => said,
        };
        (cost, said.unwrap_or(Aside::Detour))
    }
}

/// Whether two expressions are the ends of one range: "27 B.C. to 14 A.D.", "1453-1461",
/// "between 1840 and 1842" (only the words that join a range's ends stand between them).
pub(in crate::time) fn range_joined(text: &str, first: &Candidate, second: &Candidate) -> bool {
    let Some(gap) = text.get(first.span.end..second.span.start) else {
        return false;
    };
    match gap.trim() {
        "-" | "–" | "—" | "to" | "till" => true,
        "and" => {
            let back = first.span.start.saturating_sub(12);
            text.get(back..first.span.start)
                .is_some_and(|b| b.trim_end().to_lowercase().ends_with("between"))
        }
        _ => false,
    }
}

/// The words of the expression's clause before it: from the last clause mark (comma, semicolon,
/// colon, bracket, dash) or the sentence's start.
fn clause_before(text: &str, sentence: usize, at: usize) -> &str {
    let head = &text[sentence.min(at)..at];
    let cut = head.rfind([',', ';', ':', '(', '—', '–']).map_or(0, |i| {
        i + head[i..].chars().next().map_or(1, char::len_utf8)
    });
    head[cut..].trim_start()
}

/// Whether the words before a bracket at `at` are a name it dates: "the Treaty of Paris (",
/// "Napoleon (": capitalised words (with "of", "the", "de" between) back to a determiner or
/// the clause's start.
fn names_before_bracket(text: &str, sentence: usize, at: usize) -> bool {
    let head = text[sentence.min(at)..at].trim_end();
    let Some(head) = head.strip_suffix('(') else {
        return false;
    };
    let clause = clause_before(text, sentence, sentence + head.len());
    let words: Vec<&str> = clause.split_whitespace().collect();
    let mut name = 0;
    for w in words.iter().rev() {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        if w.starts_with(char::is_uppercase) {
            name += 1;
        } else if matches!(w, "of" | "the" | "de" | "von" | "al" | "and") && name > 0 {
            continue;
        } else {
            return name > 0 && matches!(w, "the" | "a" | "an" | "his" | "her" | "their" | "its");
        }
    }
    name > 0
}

/// The words after `at` up to the end of the next clause (a comma, semicolon, colon, bracket or
/// sentence stop after at least one word), within [`WINDOW`] bytes.
fn clause_after(text: &str, at: usize) -> &str {
    let end = ceil_boundary(text, (at + WINDOW).min(text.len()));
    let tail = &text[at..end];
    // Past the first comma (the one that closes a fronted phrase), to the next stop.
    let first = tail.find([',', ';']).map_or(0, |i| i + 1);
    let stop = tail[first..]
        .find([',', ';', ':', '(', '.', '!', '?'])
        .map_or(tail.len(), |i| first + i);
    &tail[..stop]
}

/// "had taken", "had been", "had already": a look back from the story's time.
fn has_pluperfect(lower_clause: &str) -> bool {
    let words: Vec<&str> = lower_clause.split_whitespace().collect();
    words.windows(2).any(|w| {
        w[0] == "had"
            && (w[1].ends_with("ed")
                || w[1].ends_with("en")
                || matches!(
                    w[1],
                    "been" | "already" | "long" | "once" | "made" | "held" | "won"
                ))
    })
}

/// Whether the expression stands on a heading: a short line of its own that does not end like a
/// sentence.
fn on_heading(text: &str, start: usize, end: usize) -> bool {
    // A heading is short: look no further than this for its line's ends (a line of megabytes
    // without a break must not be scanned once per expression).
    const REACH: usize = 160;
    let floor = floor_boundary(text, start.saturating_sub(REACH));
    let ceiling = ceil_boundary(text, (end + REACH).min(text.len()));
    let Some(line_start) = text[floor..start].rfind('\n').map(|i| floor + i + 1) else {
        return false;
    };
    let Some(line_end) = text[end..ceiling].find('\n').map(|i| end + i) else {
        return false;
    };
    let line = text[line_start..line_end].trim();
    !line.is_empty()
        && line.len() <= 120
        && !line.ends_with(['.', '!', '?', ':', ';', ','])
        && line_start > 0
        && text[..line_start - 1].ends_with('\n')
}

/// What the story's move from `from` to `to` costs: nothing within or a little ahead, a little
/// for long leaps ahead, dear for going back. Distances are measured in the larger of a year and
/// the story's own period, so a story told by centuries moves by centuries as cheaply as one told
/// by days moves by years; a story at a day that leaps to a century it is not in pays in years.
pub(in crate::time) fn jump(from: Option<(f64, f64)>, to: Option<(f64, f64)>) -> f64 {
    let (Some((fs, fe)), Some((ts, te))) = (from, to) else {
        return 0.0;
    };
    let unit = (fe - fs).max(1.0);
    if ts >= fe {
        // Ahead: beyond a century or so a reader no longer weighs how far.
        (0.6 * (1.0 + (ts - fe) / (3.0 * unit)).ln()).min(2.5)
    } else if te <= fs {
        // Back.
        0.4 + 0.8 * (1.0 + (fs - te) / unit).ln()
    } else {
        0.0
    }
}
