//! Time stage: recognise time expressions, normalise them to TIMEX3 values, anchor the relative ones.
//!
//! - [`recognise`]: find spans and their parts with rule tables compiled once into one automaton.
//! - [`normalise`]: turn parts into a typed value, possibly underspecified or relative.
//! - [`anchor`]: resolve what is relative against the document date (news) or the story (narrative).

pub mod anchor;
pub mod calendars;
mod context;
mod counted;
mod date_math;
pub mod lexicon;
mod lookalikes;
mod neighbours;
pub mod normalise;
pub mod recognise;
pub mod rules;
mod short_years;
mod step;
pub mod story;
pub mod tense;
pub mod value;
mod words;

use crate::document::{Span, Tag};
use crate::pipeline::Mode;
use crate::text::Segmented;
use neighbours::{bc_range_starts, borrow_from_next};
use serde::Serialize;
pub use value::{Date, Duration, Granularity, Reference, Unit, Value, Within, Year};

/// TIMEX3 `type`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexType {
    Date,
    Time,
    Duration,
    Set,
}

impl TimexType {
    pub fn as_str(self) -> &'static str {
        match self {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        }
    }
}

/// TIMEX3 `mod`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Mod {
    Start,
    Mid,
    End,
    Approx,
    Before,
    After,
    OnOrBefore,
    OnOrAfter,
    LessThan,
    MoreThan,
    EqualOrLess,
    EqualOrMore,
}

impl Mod {
    pub fn as_str(self) -> &'static str {
        match self {
            Mod::Start => "START",
            Mod::Mid => "MID",
            Mod::End => "END",
            Mod::Approx => "APPROX",
            Mod::Before => "BEFORE",
            Mod::After => "AFTER",
            Mod::OnOrBefore => "ON_OR_BEFORE",
            Mod::OnOrAfter => "ON_OR_AFTER",
            Mod::LessThan => "LESS_THAN",
            Mod::MoreThan => "MORE_THAN",
            Mod::EqualOrLess => "EQUAL_OR_LESS",
            Mod::EqualOrMore => "EQUAL_OR_MORE",
        }
    }

    /// The mod a TIMEX3 `mod` attribute names (the inverse of [`Mod::as_str`]).
    pub fn parse(s: &str) -> Option<Mod> {
        [
            Mod::Start,
            Mod::Mid,
            Mod::End,
            Mod::Approx,
            Mod::Before,
            Mod::After,
            Mod::OnOrBefore,
            Mod::OnOrAfter,
            Mod::LessThan,
            Mod::MoreThan,
            Mod::EqualOrLess,
            Mod::EqualOrMore,
        ]
        .into_iter()
        .find(|m| m.as_str() == s)
    }
}

/// How a value was obtained; the timeline uses it for confidence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Anchoring {
    /// Fully given by the text.
    Explicit,
    /// Completed or computed from the story's reference time.
    Story,
    /// Completed or computed from the document creation time.
    DocumentDate,
    /// Nothing to anchor it to: left underspecified.
    Unanchored,
}

/// One recognised and normalised time expression.
#[derive(Clone, Debug, PartialEq)]
pub struct Timex {
    pub span: Span,
    pub ttype: TimexType,
    pub value: Value,
    pub modifier: Option<Mod>,
    /// For SET: `EVERY`, `EACH`, …
    pub quant: Option<String>,
    /// For SET: `2X` (twice) …
    pub freq: Option<String>,
    pub anchoring: Anchoring,
    /// The rule that recognised it, for `--explain` and error analysis.
    pub rule: &'static str,
    /// The calendar it was written in and the date as written there, when not Gregorian.
    pub calendar: Option<calendars::CalendarNote>,
    /// For an amount counted from another time ("three days later", "a day earlier"), the amount
    /// alone: its span ("three days") and length. TimeML annotates news this way, a DURATION
    /// with "later" left as a signal (see [`Timex::as_annotated`]); `value` keeps the date the
    /// amount reaches, which is what the timeline places.
    pub amount: Option<(Span, Duration)>,
    /// What the expression does to the story line (see [`story`]).
    pub role: Role,
    /// The story's date it was counted or completed from, when `anchoring` is `Story`.
    pub reference: Option<Date>,
}

/// What a time expression does to the story line the document is read along (`time::story`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// The story moves to it: what follows without a date of its own happened then.
    Story,
    /// Looks away from the story, which stays where it was.
    Aside(Aside),
}

/// Why an expression is an aside.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Aside {
    /// A look back counted from the story or a speaker ("two decades earlier", "two years ago").
    LookBack,
    /// "Since 1995": reaches from then to the story's present.
    Since,
    /// "Until the fall of Budapest in February 1945": where what is told ends.
    Until,
    /// A plan for a later time ("a planned campaign in 1976").
    Plan,
    /// In brackets in running text ("Napoleon (1769-1821)", "the Treaty of Paris (1783)").
    Bracketed,
    /// News: a comparison with the period a year back ("up 5% from a year earlier").
    Comparison,
    /// A wider period the story is already in, or one too wide to stand on ("the thirteenth
    /// century" while the story is at 1206).
    Broader,
    /// The story model found the story goes on from where it was (see `time::story`).
    Detour,
}

impl Role {
    pub fn moves_story(self) -> bool {
        self == Role::Story
    }

    /// The name JSON and `--explain` give the role.
    pub fn name(self) -> &'static str {
        match self {
            Role::Story => "moves",
            Role::Aside(Aside::LookBack) => "look-back",
            Role::Aside(Aside::Since) => "since",
            Role::Aside(Aside::Until) => "until",
            Role::Aside(Aside::Plan) => "plan",
            Role::Aside(Aside::Bracketed) => "bracketed",
            Role::Aside(Aside::Comparison) => "comparison",
            Role::Aside(Aside::Broader) => "broader",
            Role::Aside(Aside::Detour) => "detour",
        }
    }
}

impl Timex {
    /// The expression as TimeML annotates it in `mode`. In news (TimeBank, AQUAINT) a counted
    /// offset from another time is a DURATION over the amount alone: "<TIMEX3>three
    /// days</TIMEX3> later". Narrative corpora (WikiWars) annotate the whole phrase as the date
    /// it reaches, which is the timex itself.
    pub fn as_annotated(&self, mode: Mode) -> std::borrow::Cow<'_, Timex> {
        match (mode, self.amount) {
            (Mode::News, Some((span, length))) => std::borrow::Cow::Owned(Timex {
                span,
                ttype: TimexType::Duration,
                value: Value::Duration(length),
                amount: None,
                ..self.clone()
            }),
            _ => std::borrow::Cow::Borrowed(self),
        }
    }

    /// The TIMEX3 element for this expression.
    pub fn to_tag(&self, tid: usize) -> Tag {
        let mut attrs = vec![
            ("tid".to_string(), format!("t{tid}")),
            ("type".to_string(), self.ttype.as_str().to_string()),
            ("value".to_string(), self.value.to_string()),
        ];
        if let Some(m) = self.modifier {
            attrs.push(("mod".to_string(), m.as_str().to_string()));
        }
        if let Some(q) = &self.quant {
            attrs.push(("quant".to_string(), q.clone()));
        }
        if let Some(f) = &self.freq {
            attrs.push(("freq".to_string(), f.clone()));
        }
        // Not TimeML 1.2 attributes: the original calendar and date, so that nothing written
        // in the source is lost by normalising to the Gregorian value.
        if let Some(c) = &self.calendar {
            attrs.push(("calendar".to_string(), c.calendar.as_str().to_string()));
            attrs.push(("original".to_string(), c.original.clone()));
        }
        Tag {
            span: self.span,
            name: "TIMEX3".to_string(),
            attrs,
        }
    }
}

/// Parse a document creation time given as `YYYY-MM-DD` (a time part, if any, is ignored).
pub fn parse_dct(s: &str) -> crate::Result<jiff::civil::Date> {
    let day = s.get(..10).unwrap_or(s);
    day.parse::<jiff::civil::Date>()
        .map_err(|e| crate::Error::Date {
            input: s.to_string(),
            message: format!("{e}; expected YYYY-MM-DD"),
        })
}

/// Settings of one tagging run.
#[derive(Clone, Copy, Debug, Default)]
pub struct Config {
    pub mode: Mode,
    pub dct: Option<jiff::civil::Date>,
    /// Dates up to this (Gregorian) day are Julian unless marked New Style: Russian sources before
    /// 1918-02-14 write Old Style dates without saying so.
    pub julian_until: Option<jiff::civil::Date>,
    /// Whether unmarked day dates may be read as Old Style from the document's context (see
    /// [`calendars::old_style_context`]).
    pub old_style: OldStyle,
    /// Why unmarked dates are read as Julian, when the context decided it (set by `tag_with`).
    pub julian_reason: Option<&'static str>,
}

/// Reading unmarked day dates as Old Style (Julian).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum OldStyle {
    /// From the document: its style marks, or the country and period it tells of.
    #[default]
    Auto,
    /// Never (dates marked O.S. are still converted; `julian_until` still applies).
    Off,
    /// Always, up to `julian_until` or else 1918-02-14.
    On,
}

/// Find, normalise and anchor every time expression in `text`.
pub fn tag(
    text: &str,
    segmented: &Segmented,
    mode: Mode,
    dct: Option<jiff::civil::Date>,
) -> Vec<Timex> {
    tag_with(
        text,
        segmented,
        &Config {
            mode,
            dct,
            ..Config::default()
        },
    )
}

/// Find, normalise and anchor every time expression in `text`, with all settings.
pub fn tag_with(text: &str, segmented: &Segmented, config: &Config) -> Vec<Timex> {
    let candidates = recognise::recognise(text);
    let mut prepared: Vec<Option<step::Prepared>> = candidates
        .iter()
        .map(|c| step::prepare(text, c, config.mode))
        .collect();
    let lands = calendars::Lands::of(text);
    if config.mode == Mode::Narrative {
        step::read_in_context(text, &lands, &candidates, &mut prepared);
    }
    let config = &old_style(text, &lands, config, &candidates, &prepared);
    let (mut out, borrows) = story::walk(text, segmented, config, &candidates, &prepared);
    borrow_from_next(text, &mut out, &borrows);
    bc_range_starts(text, &mut out);
    counted::date_counted_periods(text, &candidates, &mut out);
    out
}

/// The settings with the document's Old Style reading decided: an explicit `julian_until` is
/// kept; otherwise `config.old_style` says whether the document's context decides.
fn old_style(
    text: &str,
    lands: &calendars::Lands,
    config: &Config,
    candidates: &[recognise::Candidate],
    prepared: &[Option<step::Prepared>],
) -> Config {
    if config.julian_until.is_some() {
        return *config;
    }
    let context = match config.old_style {
        OldStyle::Off => None,
        OldStyle::On => Some(calendars::OldStyleContext {
            until: calendars::RUSSIAN_REFORM,
            reason: "unmarked dates were asked to be read as Old Style",
        }),
        OldStyle::Auto => {
            let mut marks = (0, 0);
            for c in candidates {
                match c.style {
                    Some(recognise::Style::New | recognise::Style::DoubleYear(_)) => marks.0 += 1,
                    Some(recognise::Style::Old) => marks.1 += 1,
                    Some(recognise::Style::Dual { day, month, .. }) => {
                        // Written Old Style first ("25 October (7 November)"), or New Style
                        // first with the Old in brackets ("9 September [O.S. 28 August]").
                        let first = c
                            .part(text, recognise::Part::D)
                            .and_then(lexicon::ordinal)
                            .zip(c.part(text, recognise::Part::M).and_then(lexicon::month));
                        if first == Some((u32::from(day), month)) {
                            marks.1 += 1;
                        } else {
                            marks.0 += 1;
                        }
                    }
                    None => {}
                }
            }
            let days: Vec<jiff::civil::Date> = prepared
                .iter()
                .flatten()
                .filter_map(|p| match p.norm.meaning {
                    normalise::Meaning::Fixed(Value::Date(d)) => d.ymd(),
                    _ => None,
                })
                .filter_map(|(y, m, d)| jiff::civil::Date::new(y as i16, m as i8, d as i8).ok())
                .collect();
            calendars::old_style_context(lands, marks, &days)
        }
    };
    match context {
        Some(c) => Config {
            julian_until: Some(c.until),
            julian_reason: Some(c.reason),
            ..*config
        },
        None => *config,
    }
}
