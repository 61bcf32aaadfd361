//! Scoring timelines against hand-dated happenings (`annals eval-timeline`).
//!
//! TimeML scoring asks whether each time expression got its value; a historian asks whether each
//! happening got its date. The gold format (docs/eval-timeline.md) lists happenings: the document,
//! an exact quote from the sentence that tells it, the word naming it, and the date the text gives
//! it (a TIMEX3 value with an optional mod, or a range as `start` and `end`). Each gold happening is
//! matched to the timeline entry of its sentence that holds its word (else the entry of that
//! sentence nearest to it) and judged on the calendar:
//!
//! - **exact**: the entry covers the same days as the gold date (and agrees on BEFORE/AFTER);
//! - **consistent**: the days overlap and the entry is at most one level coarser (a month for a
//!   day, a year for a month) or finer inside it;
//! - **far-wrong**: more than ten years between the two (an entry dated BEFORE or AFTER a date
//!   is not far-wrong for a gold date on its side of it: the bound is true, only too vague);
//! - **wrong**: anything else;
//! - **missing**: no entry in that sentence.
//!
//! Accuracy is (exact + consistent) / gold happenings. The naive reader (`baseline_last_date`)
//! gives each happening the last date written before it, which is what a "last date seen" anchor
//! does at best; a timeline that does not beat it by a wide margin has no story model.

use crate::document::Span;
use crate::error::{Error, Result};
use crate::pipeline::Mode;
use crate::time::{Date, Mod, Value};
use crate::timeline::interval::{self, Interval};
use crate::timeline::Timeline;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One hand-dated happening, as a line of a gold file.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct GoldItem {
    /// File name of the text, relative to the gold file's folder.
    pub document: String,
    /// An exact quote from the sentence that tells the happening, unique in the document.
    pub sentence: String,
    /// The word naming the happening, inside the quote.
    #[serde(default)]
    pub event: Option<String>,
    /// TIMEX3 value of the happening's date; absent for a range given by `start` and `end`.
    #[serde(default)]
    pub value: Option<String>,
    #[serde(default)]
    pub start: Option<String>,
    #[serde(default)]
    pub end: Option<String>,
    #[serde(default, rename = "mod")]
    pub modifier: Option<String>,
    /// Whether the happening's own sentence has a date expression that dates it.
    #[serde(default)]
    pub own_date: Option<bool>,
    #[serde(default)]
    pub calendar: Option<String>,
    #[serde(default)]
    pub original: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

/// A gold document: its text and its happenings, located.
#[derive(Clone, Debug)]
pub struct GoldDocument {
    pub name: String,
    pub path: PathBuf,
    pub text: String,
    pub items: Vec<Located>,
}

impl GoldDocument {
    /// Whether a timeline entry's source path names this document (the same path, or the same
    /// file name).
    pub fn names(&self, source: &str) -> bool {
        let p = Path::new(source);
        p == self.path
            || p.file_name().is_some_and(|f| f == self.name.as_str())
            || source == self.name
    }

    /// Its timeline as `annals timeline` builds it (`all`: as `--all` does).
    pub fn timeline(&self, pipeline: &crate::Pipeline, all: bool) -> Result<Timeline> {
        let doc = crate::Document {
            path: self.path.clone(),
            ..crate::Document::from_text(&self.text)
        };
        let analysis = pipeline.analyse(&doc, &crate::TagOptions::full())?;
        Ok(Timeline::of_document(&doc, &analysis, all))
    }
}

/// A gold happening with its place in the text and its days.
#[derive(Clone, Debug)]
pub struct Located {
    pub item: GoldItem,
    /// The quote's bytes in the text.
    pub quote: Span,
    /// The event word's bytes (the quote when no event is given).
    pub event: Span,
    pub interval: Interval,
    /// BEFORE or AFTER (or their ON_OR_ forms): the gold date is a bound, not the date.
    pub bound: Option<bool>,
}

/// One timeline entry, as far as scoring needs it.
#[derive(Clone, Debug, Serialize)]
pub struct SystemEntry {
    /// The source path as the timeline names it.
    pub source: String,
    pub value: String,
    pub modifier: Option<String>,
    pub interval: Interval,
    pub sentence_span: Span,
    /// The head event (or the time expression for an entry without events).
    pub span: Span,
    pub events: Vec<Span>,
    pub confidence: f32,
    /// Why the entry has its date, when the timeline says.
    pub explain: Option<String>,
    /// Its position in the list it was given in (to find the entry a happening matched).
    pub index: usize,
}

/// How a gold happening fared.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    Exact,
    Consistent,
    Wrong,
    FarWrong,
    Missing,
}

impl Outcome {
    pub fn is_right(self) -> bool {
        matches!(self, Outcome::Exact | Outcome::Consistent)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Exact => "exact",
            Outcome::Consistent => "consistent",
            Outcome::Wrong => "wrong",
            Outcome::FarWrong => "far-wrong",
            Outcome::Missing => "missing",
        }
    }
}

/// Outcome counts, which add up across documents.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    pub gold: usize,
    pub exact: usize,
    pub consistent: usize,
    pub wrong: usize,
    pub far_wrong: usize,
    pub missing: usize,
}

impl Tally {
    fn count(&mut self, o: Outcome) {
        self.gold += 1;
        match o {
            Outcome::Exact => self.exact += 1,
            Outcome::Consistent => self.consistent += 1,
            Outcome::Wrong => self.wrong += 1,
            Outcome::FarWrong => self.far_wrong += 1,
            Outcome::Missing => self.missing += 1,
        }
    }

    pub fn add(&mut self, o: &Tally) {
        self.gold += o.gold;
        self.exact += o.exact;
        self.consistent += o.consistent;
        self.wrong += o.wrong;
        self.far_wrong += o.far_wrong;
        self.missing += o.missing;
    }

    /// (exact + consistent) / gold, as a percentage.
    pub fn accuracy(&self) -> f64 {
        percent(self.exact + self.consistent, self.gold)
    }

    pub fn share(&self, n: usize) -> f64 {
        percent(n, self.gold)
    }
}

fn percent(n: usize, d: usize) -> f64 {
    if d == 0 {
        0.0
    } else {
        100.0 * n as f64 / d as f64
    }
}

/// One scored happening.
#[derive(Clone, Debug, Serialize)]
pub struct ScoredItem {
    pub document: String,
    pub sentence: String,
    pub event: Option<String>,
    pub gold: String,
    pub own_date: Option<bool>,
    pub outcome: Outcome,
    /// The matched entry's value with its mod.
    pub system: Option<String>,
    pub confidence: Option<f32>,
    pub explain: Option<String>,
    /// The matched entry's `index`.
    #[serde(skip)]
    pub entry: Option<usize>,
}

/// A confidence bin of the reliability table.
#[derive(Clone, Copy, Debug, Default, Serialize)]
pub struct Bin {
    pub low: f32,
    pub high: f32,
    pub entries: usize,
    pub right: usize,
    pub mean_confidence: f64,
}

/// Everything `eval-timeline` reports for one system.
#[derive(Clone, Debug, Default, Serialize)]
pub struct TimelineReport {
    pub total: Tally,
    /// Happenings whose sentence has its own date.
    pub own_date: Tally,
    /// Happenings dated only by the story around them.
    pub story_dated: Tally,
    pub documents: BTreeMap<String, DocumentScore>,
    /// Reliability of the confidence over matched happenings, in tenths.
    pub bins: Vec<Bin>,
    /// Expected calibration error over matched happenings (0-1).
    pub ece: f64,
    /// Among matched happenings with confidence at least 0.6: how many, and the share right.
    pub confident: usize,
    pub confident_right: usize,
    pub items: Vec<ScoredItem>,
}

/// One document's figures.
#[derive(Clone, Debug, Default, Serialize)]
pub struct DocumentScore {
    pub tally: Tally,
    pub words: usize,
    /// Timeline entries of the document (a system without entries, such as the baseline, has 0).
    pub entries: usize,
}

/// Read a gold file (`*.jsonl`) or every `*.jsonl` file of a folder (sub-folders included), with
/// the texts they name, which are read from the folder of each gold file.
pub fn read_gold(path: &Path) -> Result<Vec<GoldDocument>> {
    let files = if path.is_dir() {
        let mut files = Vec::new();
        collect_jsonl(path, &mut files)?;
        files.sort();
        files
    } else {
        vec![path.to_path_buf()]
    };
    if files.is_empty() {
        return Err(Error::Eval(format!(
            "no gold files (*.jsonl) in {}",
            path.display()
        )));
    }
    let mut docs: BTreeMap<PathBuf, GoldDocument> = BTreeMap::new();
    for file in files {
        let raw = std::fs::read_to_string(&file).map_err(|e| Error::Io {
            path: file.clone(),
            cause: e,
        })?;
        let dir = file.parent().unwrap_or(Path::new("."));
        for (n, line) in raw.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let at = || format!("{} line {}", file.display(), n + 1);
            let item: GoldItem =
                serde_json::from_str(line).map_err(|e| Error::Eval(format!("{}: {e}", at())))?;
            let doc_path = dir.join(&item.document);
            if !docs.contains_key(&doc_path) {
                let text = std::fs::read_to_string(&doc_path).map_err(|e| {
                    Error::Eval(format!(
                        "{}: reading the document {}: {e}",
                        at(),
                        doc_path.display()
                    ))
                })?;
                docs.insert(
                    doc_path.clone(),
                    GoldDocument {
                        name: item.document.clone(),
                        path: doc_path.clone(),
                        text,
                        items: Vec::new(),
                    },
                );
            }
            let doc = docs.get_mut(&doc_path).expect("inserted above");
            let located =
                locate(&doc.text, item).map_err(|m| Error::Eval(format!("{}: {m}", at())))?;
            doc.items.push(located);
        }
    }
    Ok(docs.into_values().collect())
}

fn collect_jsonl(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::Io {
        path: dir.to_path_buf(),
        cause: e,
    })?;
    for entry in entries.flatten() {
        let p = entry.path();
        if p.is_dir() {
            collect_jsonl(&p, out)?;
        } else if p.extension().is_some_and(|e| e == "jsonl") {
            out.push(p);
        }
    }
    Ok(())
}

/// Find a gold item's quote and event in the text and read its date.
fn locate(text: &str, item: GoldItem) -> std::result::Result<Located, String> {
    let mut found = text.match_indices(item.sentence.as_str()).map(|(i, _)| i);
    let start = found
        .next()
        .ok_or_else(|| format!("the quote {:?} is not in the document", item.sentence))?;
    if found.next().is_some() {
        return Err(format!(
            "the quote {:?} occurs more than once in the document; make it longer",
            item.sentence
        ));
    }
    let quote = Span::new(start, start + item.sentence.len());
    let event = match &item.event {
        Some(e) => {
            let at = item
                .sentence
                .find(e.as_str())
                .ok_or_else(|| format!("the event {e:?} is not inside the quote"))?;
            Span::new(start + at, start + at + e.len())
        }
        None => quote,
    };
    let modifier = item.modifier.as_deref().map(parse_mod).transpose()?;
    let parse = |v: &str| v.parse::<Date>().map_err(|e| e.to_string());
    let days = |d: &Date, m: Option<Mod>| {
        interval::of_value(d, m).ok_or_else(|| format!("{d} is not a date on the calendar"))
    };
    let interval = match (&item.value, &item.start, &item.end) {
        (_, Some(s), Some(e)) => {
            let (s, e) = (days(&parse(s)?, None)?, days(&parse(e)?, None)?);
            if e.end <= s.start {
                return Err("the range ends before it starts".to_string());
            }
            Interval {
                start: s.start,
                end: e.end,
            }
        }
        (Some(v), _, _) => days(&parse(v)?, modifier)?,
        _ => return Err("a happening needs a value, or a start and an end".to_string()),
    };
    let bound = match modifier {
        Some(Mod::Before | Mod::OnOrBefore) => Some(true),
        Some(Mod::After | Mod::OnOrAfter) => Some(false),
        _ => None,
    };
    Ok(Located {
        item,
        quote,
        event,
        interval,
        bound,
    })
}

fn parse_mod(s: &str) -> std::result::Result<Mod, String> {
    Mod::parse(s).ok_or_else(|| format!("unknown mod {s:?}"))
}

/// The entries of an in-memory timeline.
pub fn entries_of(timeline: &Timeline) -> Vec<SystemEntry> {
    timeline
        .entries
        .iter()
        .enumerate()
        .map(|(index, e)| SystemEntry {
            index,
            source: timeline.source_name(e),
            value: e.value(),
            modifier: e.modifier.map(|m| m.as_str().to_string()),
            interval: e.interval,
            sentence_span: e.sentence_span,
            span: e.span,
            events: e.events.iter().map(|x| x.span).collect(),
            confidence: e.confidence,
            explain: e.explain.clone(),
        })
        .collect()
}

/// The entries of `annals timeline --format json` output.
pub fn entries_from_json(json: &str) -> Result<Vec<SystemEntry>> {
    let bad = |m: String| Error::Eval(format!("reading the timeline JSON: {m}"));
    let root: serde_json::Value = serde_json::from_str(json).map_err(|e| bad(e.to_string()))?;
    let list = root
        .get("entries")
        .and_then(|e| e.as_array())
        .ok_or_else(|| {
            bad("no \"entries\" array (is it `annals timeline --format json` output?)".into())
        })?;
    let span = |v: &serde_json::Value| -> Option<Span> {
        Some(Span::new(
            v.get("start")?.as_u64()? as usize,
            v.get("end")?.as_u64()? as usize,
        ))
    };
    let day =
        |v: &serde_json::Value, key: &str| -> std::result::Result<jiff::civil::Date, String> {
            let s = v
                .get(key)
                .and_then(|s| s.as_str())
                .ok_or_else(|| format!("an entry has no {key}"))?;
            s.parse::<jiff::civil::Date>()
                .map_err(|e| format!("{key} {s:?}: {e}"))
        };
    let mut out = Vec::with_capacity(list.len());
    for (index, e) in list.iter().enumerate() {
        let field = |k: &str| e.get(k).and_then(|v| v.as_str()).map(str::to_string);
        let interval =
            Interval::between(day(e, "start").map_err(bad)?, day(e, "end").map_err(bad)?)
                .ok_or_else(|| bad("an entry's interval is off the calendar".into()))?;
        out.push(SystemEntry {
            index,
            source: field("source").unwrap_or_default(),
            value: field("value").unwrap_or_default(),
            modifier: field("mod"),
            interval,
            sentence_span: e
                .get("sentence_span")
                .and_then(span)
                .ok_or_else(|| bad("an entry has no sentence_span".into()))?,
            span: e.get("span").and_then(span).unwrap_or(Span::new(0, 0)),
            events: e
                .get("events")
                .and_then(|v| v.as_array())
                .map(|a| {
                    a.iter()
                        .filter_map(|x| x.get("span").and_then(span))
                        .collect()
                })
                .unwrap_or_default(),
            confidence: e.get("confidence").and_then(|c| c.as_f64()).unwrap_or(0.0) as f32,
            explain: field("explain"),
        });
    }
    Ok(out)
}

/// How coarse an interval of `days` is: 0 a day, 1 a month, 2 a year, 3 a decade, 4 a century
/// (weeks and seasons halfway between their neighbours).
fn level(days: i32) -> f32 {
    const LEVELS: [(i32, f32); 7] = [
        (1, 0.0),
        (7, 0.5),
        (31, 1.0),
        (92, 1.5),
        (366, 2.0),
        (3653, 3.0),
        (36525, 4.0),
    ];
    LEVELS
        .iter()
        .find(|(most, _)| days <= *most)
        .map_or(5.0, |(_, level)| *level)
}

/// Days between two intervals that do not overlap (0 when they do).
fn gap(a: &Interval, b: &Interval) -> i32 {
    (b.start - a.end).max(a.start - b.end).max(0)
}

/// Judge a system interval against a gold happening.
pub fn judge(gold: &Located, system: &Interval, modifier: Option<&str>) -> Outcome {
    let sys_bound = match modifier {
        Some("BEFORE" | "ON_OR_BEFORE") => Some(true),
        Some("AFTER" | "ON_OR_AFTER") => Some(false),
        _ => None,
    };
    let g = &gold.interval;
    if system == g && sys_bound == gold.bound {
        return Outcome::Exact;
    }
    if system.overlaps(g) && level(system.days()) <= level(g.days()) + 1.0 {
        return Outcome::Consistent;
    }
    // "Before September 1309" is no date for a happening of 1291, but it is not decades off
    // either: a bound the gold date lies within is wrong (too vague), never far-wrong.
    let within_bound = match sys_bound {
        Some(true) => g.end <= system.end,
        Some(false) => g.start >= system.start,
        None => false,
    };
    if gap(system, g) > 3652 && !within_bound {
        Outcome::FarWrong
    } else {
        Outcome::Wrong
    }
}

/// The entry of `entries` (one document's) that tells gold happening `g`: one of its sentence
/// whose events include the gold word, else the one of its sentence nearest the word.
fn matching<'a>(g: &Located, entries: &[&'a SystemEntry]) -> Option<&'a SystemEntry> {
    let in_sentence: Vec<&SystemEntry> = entries
        .iter()
        .copied()
        .filter(|e| e.sentence_span.start < g.quote.end && g.quote.start < e.sentence_span.end)
        .collect();
    let holds = |e: &&SystemEntry| {
        e.events
            .iter()
            .chain(std::iter::once(&e.span))
            .any(|s| s.start < g.event.end && g.event.start < s.end)
    };
    in_sentence.iter().copied().find(holds).or_else(|| {
        in_sentence
            .iter()
            .copied()
            .min_by_key(|e| e.span.start.abs_diff(g.event.start))
    })
}

/// Score timeline entries against the gold documents.
pub fn score(gold: &[GoldDocument], entries: &[SystemEntry]) -> TimelineReport {
    let mut report = TimelineReport::default();
    let mut bins = [Bin::default(); 10];
    for (k, b) in bins.iter_mut().enumerate() {
        b.low = k as f32 / 10.0;
        b.high = (k + 1) as f32 / 10.0;
    }
    let mut conf_sum = [0.0f64; 10];
    for doc in gold {
        let mine: Vec<&SystemEntry> = entries.iter().filter(|e| doc.names(&e.source)).collect();
        let mut score = DocumentScore {
            words: doc.text.split_whitespace().count(),
            entries: mine.len(),
            ..Default::default()
        };
        for g in &doc.items {
            let found = matching(g, &mine);
            let outcome = match found {
                Some(e) => judge(g, &e.interval, e.modifier.as_deref()),
                None => Outcome::Missing,
            };
            if let Some(e) = found {
                let k = ((e.confidence * 10.0) as usize).min(9);
                bins[k].entries += 1;
                bins[k].right += usize::from(outcome.is_right());
                conf_sum[k] += f64::from(e.confidence);
                if e.confidence >= 0.6 - 1e-6 {
                    report.confident += 1;
                    report.confident_right += usize::from(outcome.is_right());
                }
            }
            score.tally.count(outcome);
            report.total.count(outcome);
            match g.item.own_date {
                Some(true) => report.own_date.count(outcome),
                Some(false) => report.story_dated.count(outcome),
                None => {}
            }
            report.items.push(ScoredItem {
                document: doc.name.clone(),
                sentence: g.item.sentence.clone(),
                event: g.item.event.clone(),
                gold: gold_label(&g.item),
                own_date: g.item.own_date,
                outcome,
                system: found.map(|e| match &e.modifier {
                    Some(m) => format!("{} {m}", e.value),
                    None => e.value.clone(),
                }),
                confidence: found.map(|e| e.confidence),
                explain: found.and_then(|e| e.explain.clone()),
                entry: found.map(|e| e.index),
            });
        }
        report.documents.insert(doc.name.clone(), score);
    }
    let matched: usize = bins.iter().map(|b| b.entries).sum();
    let mut ece = 0.0;
    for (b, sum) in bins.iter_mut().zip(conf_sum) {
        if b.entries > 0 {
            b.mean_confidence = sum / b.entries as f64;
            let acc = b.right as f64 / b.entries as f64;
            ece += b.entries as f64 / matched as f64 * (acc - b.mean_confidence).abs();
        }
    }
    report.ece = ece;
    report.bins = bins.to_vec();
    report
}

fn gold_label(item: &GoldItem) -> String {
    let base = match (&item.value, &item.start, &item.end) {
        (_, Some(s), Some(e)) => format!("{s}/{e}"),
        (Some(v), _, _) => v.clone(),
        _ => String::new(),
    };
    match &item.modifier {
        Some(m) => format!("{base} {m}"),
        None => base,
    }
}

/// The naive reader: each happening gets the last date written before its word (a year, a
/// month or a day, with a partial date completed from the years before it, as annals' tagger
/// completes it in narrative mode). Relative expressions ("three days later") are not read: the
/// naive reader repeats what was written.
pub fn baseline_last_date(gold: &[GoldDocument]) -> Vec<SystemEntry> {
    let mut out = Vec::new();
    for doc in gold {
        let seg = crate::text::segment(&doc.text);
        let timexes = crate::time::tag(&doc.text, &seg, Mode::Narrative, None);
        let written: Vec<(Span, Date)> = timexes
            .iter()
            .filter(|t| t.ttype == crate::time::TimexType::Date)
            .filter(|t| {
                let s = &doc.text[t.span.start..t.span.end];
                s.bytes().any(|b| b.is_ascii_digit())
                    || s.split(|c: char| !c.is_alphabetic()).any(names_month)
            })
            .filter_map(|t| match t.value {
                Value::Date(d) => Some((t.span, d)),
                _ => None,
            })
            .filter(|(_, d)| interval::of_date(d).is_some())
            .collect();
        for g in &doc.items {
            let k = written.partition_point(|(s, _)| s.start < g.event.start);
            let Some((span, date)) = k.checked_sub(1).map(|i| written[i]) else {
                continue;
            };
            let Some(days) = interval::of_date(&date) else {
                continue;
            };
            let sentence = seg.sentence_at(g.event.start).map_or(g.quote, |s| s.span);
            out.push(SystemEntry {
                index: out.len(),
                source: doc.name.clone(),
                value: date.to_string(),
                modifier: None,
                interval: days,
                sentence_span: sentence,
                span: g.event,
                events: vec![g.event],
                confidence: if sentence.contains(&span) { 0.9 } else { 0.6 },
                explain: None,
            });
        }
    }
    out
}

/// Whether `word` is a month's name or its usual abbreviation.
fn names_month(word: &str) -> bool {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let w = word.to_lowercase();
    w.len() >= 3
        && MONTHS
            .iter()
            .any(|m| *m == w || (w.len() <= 4 && m.starts_with(w.as_str())))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gold(value: &str) -> Located {
        let item: GoldItem = serde_json::from_value(serde_json::json!({
            "document": "d.txt", "sentence": "It fell.", "value": value
        }))
        .unwrap();
        locate("It fell.", item).unwrap()
    }

    fn days(value: &str) -> Interval {
        interval::of_value(&value.parse::<Date>().unwrap(), None).unwrap()
    }

    #[test]
    fn a_true_bound_is_vague_not_far_wrong() {
        let acre = gold("1291");
        // "had escaped the slaughter at Acre" dated before September 1309: true, too vague.
        assert_eq!(
            judge(&acre, &days("1309-09"), Some("BEFORE")),
            Outcome::Wrong
        );
        // The same date without the bound claims 1309: eighteen years off.
        assert_eq!(judge(&acre, &days("1309-09"), None), Outcome::FarWrong);
        // A bound on the wrong side is as far off as the date.
        assert_eq!(
            judge(&acre, &days("1250"), Some("BEFORE")),
            Outcome::FarWrong
        );
        assert_eq!(
            judge(&acre, &days("1309"), Some("AFTER")),
            Outcome::FarWrong
        );
        assert_eq!(judge(&acre, &days("1291-05"), None), Outcome::Consistent);
        assert_eq!(judge(&acre, &days("1291"), None), Outcome::Exact);
    }
}
