//! Data-driven temporal cases: every table under testdata/time/ lists small documents and every
//! TIMEX3 the tagger must produce for them (an exact-set comparison: extra or missing is a failure).
//!
//! A case may carry `xfail = "reason"` while the tagger cannot yet handle it; such a case must still
//! fail (so a fix is noticed and the mark removed), and the number of them is printed.

use annals::pipeline::{Mode, Pipeline, TagOptions};
use annals::Document;
use serde::Deserialize;
use std::path::PathBuf;

#[derive(Deserialize)]
struct Table {
    case: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    name: String,
    mode: String,
    dct: Option<String>,
    text: String,
    #[allow(dead_code)]
    why: Option<String>,
    timexes: Vec<Expected>,
    xfail: Option<String>,
    /// Optional `--julian-until` for the case.
    julian_until: Option<String>,
    /// Optional `--old-style`: "auto" (the default), "off" or "on".
    old_style: Option<String>,
}

#[derive(Deserialize, Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Expected {
    text: String,
    #[serde(rename = "type")]
    ttype: String,
    value: String,
    #[serde(rename = "mod")]
    modifier: Option<String>,
    quant: Option<String>,
    freq: Option<String>,
    nth: Option<usize>,
    /// Checked only when given: the original calendar and the date as written there.
    calendar: Option<String>,
    original: Option<String>,
}

/// (start byte, text, type, value, mod, quant, freq)
type Row = (
    usize,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
);

fn tables() -> Vec<(String, Table)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/testdata/time");
    let mut out = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("testdata/time exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    for p in paths {
        let src = std::fs::read_to_string(&p).unwrap();
        let table: Table = toml::from_str(&src).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        out.push((p.file_name().unwrap().to_string_lossy().into_owned(), table));
    }
    out
}

/// (start byte, text, type, value, mod, quant, freq) of what the tagger produced, with the
/// (calendar, original) note of each.
fn produced(case: &Case) -> Vec<(Row, Option<(String, String)>)> {
    let doc = Document::from_text(case.text.clone());
    let opts = TagOptions {
        mode: Some(if case.mode == "news" {
            Mode::News
        } else {
            Mode::Narrative
        }),
        dct: case.dct.clone(),
        julian_until: case.julian_until.clone(),
        old_style: match case.old_style.as_deref() {
            Some("off") => annals::time::OldStyle::Off,
            Some("on") => annals::time::OldStyle::On,
            _ => annals::time::OldStyle::Auto,
        },
        ..TagOptions::default()
    };
    let analysis = Pipeline::new().analyse(&doc, &opts).expect("analyse");
    analysis
        .timexes
        .iter()
        .map(|t| {
            (
                (
                    t.span.start,
                    doc.slice(t.span).to_string(),
                    t.ttype.as_str().to_string(),
                    t.value.to_string(),
                    t.modifier.map(|m| m.as_str().to_string()),
                    t.quant.clone(),
                    t.freq.clone(),
                ),
                t.calendar
                    .as_ref()
                    .map(|c| (c.calendar.as_str().to_string(), c.original.clone())),
            )
        })
        .collect()
}

/// Differences in the calendar notes the case asks for (the others are not checked).
fn calendar_mismatches(
    case: &Case,
    want: &[Row],
    got: &[(Row, Option<(String, String)>)],
) -> Vec<String> {
    let mut out = Vec::new();
    for (e, row) in case.timexes.iter().zip(want) {
        if e.calendar.is_none() && e.original.is_none() {
            continue;
        }
        let note = got
            .iter()
            .find(|(r, _)| r.0 == row.0 && r.1 == row.1)
            .and_then(|(_, n)| n.clone());
        let (cal, orig) = note.clone().unzip();
        if e.calendar.is_some() && e.calendar != cal || e.original.is_some() && e.original != orig {
            out.push(format!(
                "{:?}: calendar/original {:?}/{:?}, expected {:?}/{:?}",
                e.text, cal, orig, e.calendar, e.original
            ));
        }
    }
    out
}

fn expected(case: &Case) -> Vec<Row> {
    case.timexes
        .iter()
        .map(|e| {
            let nth = e.nth.unwrap_or(1);
            let start = case
                .text
                .match_indices(e.text.as_str())
                .nth(nth - 1)
                .unwrap_or_else(|| panic!("{}: {:?} not in text", case.name, e.text))
                .0;
            (
                start,
                e.text.clone(),
                e.ttype.clone(),
                e.value.clone(),
                e.modifier.clone(),
                e.quant.clone(),
                e.freq.clone(),
            )
        })
        .collect()
}

#[test]
fn temporal_tables() {
    let mut total = 0;
    let mut expectations = 0;
    let mut failures = Vec::new();
    let mut xfails = 0;
    let mut fixed = Vec::new();
    for (file, table) in tables() {
        for case in &table.case {
            total += 1;
            expectations += case.timexes.len();
            let notes = produced(case);
            let want_rows = expected(case);
            let calendar_errors = calendar_mismatches(case, &want_rows, &notes);
            let mut got: Vec<Row> = notes.into_iter().map(|(r, _)| r).collect();
            let mut want = want_rows;
            got.sort();
            want.sort();
            let ok = got == want && calendar_errors.is_empty();
            match (&case.xfail, ok) {
                (Some(_), true) => fixed.push(format!("{file}: {}", case.name)),
                (Some(_), false) => xfails += 1,
                (None, true) => {}
                (None, false) => failures.push(format!(
                    "{file}: {}\n  text: {}\n  want: {:?}\n  got:  {:?}{}",
                    case.name,
                    case.text,
                    want,
                    got,
                    calendar_errors
                        .iter()
                        .map(|e| format!("\n  {e}"))
                        .collect::<String>()
                )),
            }
        }
    }
    eprintln!(
        "temporal tables: {total} cases, {expectations} timex expectations, {} failing, {xfails} marked xfail",
        failures.len()
    );
    assert!(
        fixed.is_empty(),
        "cases marked xfail now pass; remove the mark:\n{}",
        fixed.join("\n")
    );
    assert!(
        failures.is_empty(),
        "{} of {total} cases fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// TimeML annotates news with the amount of a counted offset as a DURATION ("<TIMEX3>three
/// days</TIMEX3> later"), keeping the date it reaches for the timeline; narrative keeps the
/// whole phrase as a date, and a year-ago comparison stays a date in news too.
#[test]
fn counted_offsets_as_timeml_annotates_them() {
    use annals::pipeline::{Mode, Pipeline, TagOptions};
    let text = "Shares fell on Oct. 12. Three days later they rose, and a few days later they \
                fell again. Sales were up 5% from a year earlier. Two years ago it was worse.";
    let tags = |mode| {
        let doc = annals::Document::from_text(text);
        let opts = TagOptions {
            mode: Some(mode),
            dct: Some("1989-10-20".to_string()),
            ..TagOptions::default()
        };
        let analysis = Pipeline::new().analyse(&doc, &opts).unwrap();
        let resolved: Vec<String> = analysis
            .timexes
            .iter()
            .map(|t| t.value.to_string())
            .collect();
        let written: Vec<(String, String, String)> = analysis
            .timex_tags()
            .iter()
            .map(|t| {
                let attr = |k: &str| t.attrs.iter().find(|(n, _)| n == k).unwrap().1.clone();
                (
                    text[t.span.start..t.span.end].to_string(),
                    attr("type"),
                    attr("value"),
                )
            })
            .collect();
        (resolved, written)
    };
    let own = |v: &[(&str, &str, &str)]| -> Vec<(String, String, String)> {
        v.iter()
            .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
            .collect()
    };
    let (resolved, news) = tags(Mode::News);
    assert_eq!(
        news,
        own(&[
            ("Oct. 12", "DATE", "1989-10-12"),
            ("Three days", "DURATION", "P3D"),
            ("a few days", "DURATION", "PXD"),
            ("a year earlier", "DATE", "1988"),
            ("Two years ago", "DATE", "1987"),
        ])
    );
    assert_eq!(
        resolved[1], "1989-10-15",
        "the timeline keeps the date reached"
    );
    let (_, narrative) = tags(Mode::Narrative);
    assert_eq!(
        narrative[1],
        own(&[("Three days later", "DATE", "1989-10-15")])[0]
    );
}
