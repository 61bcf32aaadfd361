//! TempEval-3 Task A scoring: the gold corpus against itself, a damaged copy with figures worked
//! out by hand, and the matching rules of the reference scorer (../shared/tools/te3.py); and the
//! Task B-style event scoring beside it (hand-computed cases are unit tests in src/eval).

use annals::document::{Document, Span, Tag};
use annals::eval::{self, Counts, ErrorKind, EventCounts};
use annals::io::timeml;
use std::path::{Path, PathBuf};

fn timeml_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/timeml");
    assert!(
        dir.is_dir(),
        "shared TimeML data not found at {}: these tests need ../shared next to the checkout",
        dir.display()
    );
    dir
}

/// A fresh scratch folder for this test (removed first in case an earlier run left it).
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("annals-eval-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn timex(doc: &Document, needle: &str, nth: usize, ttype: &str, value: &str) -> Tag {
    let start = doc
        .text
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("{needle:?} not in {}", doc.path.display()))
        .0;
    Tag {
        span: Span::new(start, start + needle.len()),
        name: "TIMEX3".into(),
        attrs: vec![
            ("tid".into(), "t1".into()),
            ("type".into(), ttype.into()),
            ("value".into(), value.into()),
        ],
    }
}

fn gold_timex(doc: &Document, tid: &str) -> Tag {
    doc.gold
        .iter()
        .find(|t| t.name == "TIMEX3" && t.attr("tid") == Some(tid))
        .unwrap_or_else(|| panic!("no {tid} in {}", doc.path.display()))
        .clone()
}

fn with(mut t: Tag, key: &str, value: &str) -> Tag {
    for (k, v) in &mut t.attrs {
        if k == key {
            *v = value.to_string();
        }
    }
    t
}

#[test]
fn gold_against_itself_is_100_everywhere() {
    let dir = timeml_dir().join("tbaq-cleaned");
    let report = eval::score_dirs(&dir, &dir).unwrap();
    assert_eq!(report.files.len(), 256);
    assert_eq!(report.counts.gold, 1822);
    assert_eq!(report.counts.system, 1822);
    assert!(report.errors.is_empty());
    let s = report.scores;
    for x in [
        s.strict_p,
        s.strict_r,
        s.strict_f1,
        s.relaxed_p,
        s.relaxed_r,
        s.relaxed_f1,
        s.type_accuracy,
        s.type_f1,
        s.value_accuracy,
        s.value_f1,
    ] {
        assert_eq!(x, 100.0);
    }
    let table = eval::render_table(&report);
    assert_eq!(table.matches("100.00").count(), 10, "{table}");
    assert!(
        table.contains("256 files, 1822 gold, 1822 system"),
        "{table}"
    );
}

#[test]
fn gold_events_against_themselves_are_100_everywhere() {
    let dir = timeml_dir().join("tbaq-cleaned");
    let report = eval::score_dirs(&dir, &dir).unwrap();
    // Every `<EVENT ` inside <TEXT>: 11145 in all, less 3 + 13 outside it (in the headlines of
    // TimeBank/APW19980213.1380.tml and WSJ910225-0066.tml), which are not scored.
    let n = 11129;
    assert_eq!(
        report.events,
        EventCounts {
            gold: n,
            system: n,
            strict_gold: n,
            strict_system: n,
            relaxed: n,
            class_ok: n,
        }
    );
    assert!(report.has_events());
    assert!(report.event_errors.is_empty());
    let s = report.event_scores;
    for x in [
        s.strict_p,
        s.strict_r,
        s.strict_f1,
        s.relaxed_p,
        s.relaxed_r,
        s.relaxed_f1,
        s.class_accuracy,
        s.class_f1,
    ] {
        assert_eq!(x, 100.0);
    }
    assert!(report
        .files
        .iter()
        .all(|f| f.events.gold == f.events.class_ok && f.event_scores.class_f1 == 100.0));
    let table = eval::render_event_table(&report);
    assert_eq!(table.matches("100.00").count(), 8, "{table}");
    assert!(
        table.contains("TempEval-3 Task B events: 256 files, 11129 gold, 11129 system"),
        "{table}"
    );
    // The timex table is the Task A one, events or not.
    assert!(!eval::render_table(&report).contains("event"));
}

/// A system that tags timexes only, against gold with events: the timex figures are unchanged,
/// events score zero recall, and the error listing sums the misses up in one line.
#[test]
fn a_timex_only_system_keeps_its_timex_figures() {
    let path = timeml_dir().join("tbaq-cleaned/AQUAINT/XIE19981203.0008.tml");
    let gold = timeml::read(&std::fs::read_to_string(&path).unwrap(), &path).unwrap();
    let timexes: Vec<Tag> = gold
        .gold
        .iter()
        .filter(|t| t.name == "TIMEX3")
        .cloned()
        .collect();
    let n = gold.gold.iter().filter(|t| t.name == "EVENT").count();
    assert!(n > 0);
    let r = eval::score_pairs(&[(&gold, &timexes[..])]);
    let both = eval::score_pairs(&[(&gold, &gold.gold[..])]);
    assert_eq!(r.counts, both.counts);
    assert_eq!(r.scores, both.scores);
    assert_eq!(
        (r.events.gold, r.events.system, r.events.relaxed),
        (n, 0, 0)
    );
    assert_eq!(r.event_scores.relaxed_r, 0.0);
    assert_eq!(both.event_scores.class_f1, 100.0);
    assert_eq!(
        eval::render_errors(&r),
        format!(
            "events: the system has no EVENT, so all {n} gold events are missed (not listed)\n"
        )
    );
}

/// Two gold files, and a system copy damaged by hand: dropped timexes, extents moved by one
/// token, changed values and types, spurious timexes. Every figure is worked out below.
#[test]
fn damaged_copy_scores_as_computed_by_hand() {
    let root = scratch("damaged");
    let (gold_dir, sys_dir) = (root.join("gold"), root.join("system"));
    std::fs::create_dir_all(gold_dir.join("AQUAINT")).unwrap();
    std::fs::create_dir_all(sys_dir.join("AQUAINT")).unwrap();
    let src = timeml_dir().join("tbaq-cleaned/AQUAINT");
    let read = |name: &str| {
        let path = src.join(name);
        std::fs::copy(&path, gold_dir.join("AQUAINT").join(name)).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        timeml::read(&text, &path).unwrap()
    };

    // File A, 6 gold timexes: December 2, Wednesday, October, February, last year, April.
    let a = read("XIE19981203.0008.tml");
    let sys_a = vec![
        // December 2: exact.
        gold_timex(&a, "t111"),
        // Wednesday dropped: missed.
        // October grown by one token: a relaxed match only.
        timex(&a, "early October", 0, "DATE", "1998-10"),
        // February with a wrong value.
        with(gold_timex(&a, "t4"), "value", "1998-03"),
        // last year with a wrong type.
        with(gold_timex(&a, "t5"), "type", "DURATION"),
        // April: exact.
        gold_timex(&a, "t6"),
        // Spurious.
        timex(&a, "next year", 0, "DATE", "1999"),
    ];
    // File A: gold 6, system 6; strict 4 (December 2, February, last year, April) on both
    // sides; relaxed pairs 5 (those four + October); type right 4/5, value right 4/5.

    // File B, 7 gold timexes: Monday, Aug. 7, 1998, last fall, past 20 years, Dec. 21, 1988,
    // April, 1950.
    let b = read("APW19990607.0041.tml");
    let sys_b = vec![
        // Monday: exact.
        gold_timex(&b, "t2"),
        // Aug. 7, 1998 shifted one token right: still overlapping, a relaxed match.
        timex(&b, "7, 1998, bombings", 0, "DATE", "1998-08-07"),
        // last fall dropped: missed.
        // past 20 years one token shorter: a relaxed match.
        timex(&b, "20 years", 0, "DURATION", "P20Y"),
        // Dec. 21, 1988 with a wrong value.
        with(gold_timex(&b, "t6"), "value", "1988-12-12"),
        // April shifted one token right, off the gold extent: a miss and a spurious timex.
        timex(&b, "to hand", 0, "DATE", "1999-04"),
        // 1950 with wrong type and value.
        with(
            with(gold_timex(&b, "t8"), "type", "DURATION"),
            "value",
            "P1950Y",
        ),
    ];
    // File B: gold 7, system 6; strict 3 (Monday, Dec. 21, 1988, 1950); relaxed pairs 5
    // (Monday, Aug. 7, past 20 years, Dec. 21, 1950); type right 4/5 (not 1950); value right
    // 3/5 (not Dec. 21, not 1950).

    for (doc, tags) in [(&a, &sys_a), (&b, &sys_b)] {
        let out = sys_dir.join("AQUAINT").join(doc.file_name());
        std::fs::write(out, timeml::write(doc, tags)).unwrap();
    }
    let report = eval::score_dirs(&gold_dir, &sys_dir).unwrap();

    // Totals: gold 6+7 = 13, system 6+6 = 12, strict 4+3 = 7, relaxed 5+5 = 10,
    // type 4+4 = 8, value 4+3 = 7.
    let expected = Counts {
        gold: 13,
        system: 12,
        strict_gold: 7,
        strict_system: 7,
        relaxed: 10,
        type_ok: 8,
        value_ok: 7,
    };
    assert_eq!(report.counts, expected);
    // strict  P = 7/12 = 58.33, R = 7/13 = 53.85, F1 = 2·7/(12+13) = 56.00
    // relaxed P = 10/12 = 83.33, R = 10/13 = 76.92, F1 = 2·10/(12+13) = 80.00
    // type  accuracy 8/10 = 80.00, F1 = 80.00 × 0.8 = 64.00
    // value accuracy 7/10 = 70.00, F1 = 80.00 × 0.7 = 56.00
    let table = eval::render_table(&report);
    for line in [
        "2 files, 13 gold, 12 system",
        "strict         58.33     53.85     56.00",
        "relaxed        83.33     76.92     80.00",
        "type           80.00     64.00",
        "value          70.00     56.00",
    ] {
        assert!(table.contains(line), "missing {line:?} in\n{table}");
    }
    // Per file: A relaxed F1 = 2·5/(6+6) = 83.33, value F1 = 83.33 × 4/5 = 66.67;
    //           B relaxed F1 = 2·5/(7+6) = 76.92, value F1 = 76.92 × 3/5 = 46.15.
    let per_file = eval::render_per_file(&report);
    assert!(
        per_file.contains("AQUAINT/APW19990607.0041.tml     7     6"),
        "{per_file}"
    );
    let f = |name: &str| {
        report
            .files
            .iter()
            .find(|f| f.file.ends_with(name))
            .unwrap()
    };
    assert_eq!(
        format!("{:.2}", f("XIE19981203.0008.tml").scores.relaxed_f1),
        "83.33"
    );
    assert_eq!(
        format!("{:.2}", f("XIE19981203.0008.tml").scores.value_f1),
        "66.67"
    );
    assert_eq!(
        format!("{:.2}", f("APW19990607.0041.tml").scores.relaxed_f1),
        "76.92"
    );
    assert_eq!(
        format!("{:.2}", f("APW19990607.0041.tml").scores.value_f1),
        "46.15"
    );

    // Errors: missed Wednesday, last fall, April; spurious next year, "to hand"; wrong extent
    // October, Aug. 7, past 20 years; wrong value February, Dec. 21, 1950; wrong type last
    // year, 1950.
    let kinds = |k: ErrorKind| {
        let mut v: Vec<&str> = report
            .errors
            .iter()
            .filter(|e| e.kind == k)
            .map(|e| e.text.as_str())
            .collect();
        v.sort();
        v
    };
    assert_eq!(
        kinds(ErrorKind::Missed),
        ["April", "Wednesday", "last fall"]
    );
    assert_eq!(kinds(ErrorKind::Spurious), ["next year", "to hand"]);
    assert_eq!(
        kinds(ErrorKind::WrongExtent),
        ["Aug. 7, 1998", "October", "past 20 years"]
    );
    assert_eq!(
        kinds(ErrorKind::WrongValue),
        ["1950", "Dec. 21, 1988", "February"]
    );
    assert_eq!(kinds(ErrorKind::WrongType), ["1950", "last year"]);
    let feb = report.errors.iter().find(|e| e.text == "February").unwrap();
    assert_eq!(feb.gold_value.as_deref(), Some("1998-02"));
    assert_eq!(feb.system_value.as_deref(), Some("1998-03"));
    assert!(
        feb.sentence
            .starts_with("The ratification process began in February"),
        "{feb:?}"
    );
    let listing = eval::render_errors(&report);
    assert!(
        listing.contains("wrong-value   \"February\"  gold DATE 1998-02  system DATE 1998-03"),
        "{listing}"
    );

    let _ = std::fs::remove_dir_all(&root);
}

fn doc(text: &str, timexes: &[(&str, usize, &str)]) -> Document {
    let mut d = Document::from_text(text);
    d.path = PathBuf::from("mem.tml");
    let gold = timexes
        .iter()
        .map(|&(needle, nth, value)| timex(&d, needle, nth, "DATE", value))
        .collect();
    d.gold = gold;
    d
}

fn span_tag(start: usize, end: usize, value: &str) -> Tag {
    Tag {
        span: Span::new(start, end),
        name: "TIMEX3".into(),
        attrs: vec![
            ("type".into(), "DATE".into()),
            ("value".into(), value.into()),
        ],
    }
}

#[test]
fn relaxed_pairs_one_to_one_by_later_start() {
    // Gold [0,10) and [12,20); one system extent [5,15) overlaps both. The reference scorer
    // takes candidates in order of max(starts): (5, g0) before (12, g1), so only g0 pairs.
    let mut g = Document::from_text("aaaaaaaaaa  bbbbbbbb and more");
    g.gold = vec![span_tag(0, 10, "1"), span_tag(12, 20, "2")];
    let r = eval::score_pairs(&[(&g, &[span_tag(5, 15, "2")][..])]);
    assert_eq!((r.counts.relaxed, r.counts.value_ok), (1, 0));
    let missed: Vec<_> = r
        .errors
        .iter()
        .filter(|e| e.kind == ErrorKind::Missed)
        .collect();
    assert_eq!(missed.len(), 1);
    assert_eq!(missed[0].text, "bbbbbbbb");

    // Two system extents inside one gold extent: one pair, one spurious.
    let r = eval::score_pairs(&[(&g, &[span_tag(0, 3, "1"), span_tag(4, 8, "1")][..])]);
    assert_eq!(
        (r.counts.relaxed, r.counts.system, r.counts.gold),
        (1, 2, 2)
    );
    assert_eq!(r.scores.relaxed_p, 50.0);
}

#[test]
fn extents_are_trimmed_and_empty_ones_dropped() {
    let mut g = Document::from_text("on 4 June 1920 .");
    g.gold = vec![
        span_tag(2, 15, "1920-06-04"),
        span_tag(0, 0, "x"),
        span_tag(15, 16, "y"),
    ];
    // " 4 June 1920 " trims to "4 June 1920"; the empty tag is dropped; "." stays.
    let sys = [span_tag(3, 14, "1920-06-04"), span_tag(14, 15, "z")];
    let r = eval::score_pairs(&[(&g, &sys[..])]);
    assert_eq!(r.counts.gold, 2);
    assert_eq!(r.counts.system, 1); // " " trims to nothing
    assert_eq!(r.counts.strict_gold, 1);
}

#[test]
fn whitespace_differences_are_tolerated_other_differences_are_errors() {
    let g = doc(
        "Rasht fell on 4 June 1920.\nThen",
        &[("4 June 1920", 0, "1920-06-04")],
    );
    let s = doc(
        "Rasht  fell on 4 June\n\n1920. \n Then",
        &[("4 June\n\n1920", 0, "1920-06-04")],
    );
    let r = eval::score_docs(&[(&g, &s)]).unwrap();
    assert_eq!(r.counts.strict_gold, 1);
    assert_eq!(r.scores.value_f1, 100.0);

    let other = doc("Rasht fell on 5 June 1920.\nThen", &[]);
    let err = eval::score_docs(&[(&g, &other)]).unwrap_err().to_string();
    assert!(err.contains("mem.tml") && err.contains("differs"), "{err}");
}

#[test]
fn in_memory_and_folder_scoring_agree() {
    let path = timeml_dir().join("wikiwars-train/10_PunicWars.tml");
    let gold = timeml::read(&std::fs::read_to_string(&path).unwrap(), &path).unwrap();
    // A system that keeps every other gold timex and bumps every third value.
    let tags: Vec<Tag> = gold
        .gold
        .iter()
        .filter(|t| t.name == "TIMEX3")
        .enumerate()
        .filter(|(i, _)| i % 2 == 0)
        .map(|(i, t)| {
            if i % 3 == 0 {
                with(t.clone(), "value", "X")
            } else {
                t.clone()
            }
        })
        .collect();
    let in_memory = eval::score_pairs(&[(&gold, &tags[..])]);

    let root = scratch("agree");
    std::fs::create_dir_all(root.join("g")).unwrap();
    std::fs::create_dir_all(root.join("s")).unwrap();
    std::fs::copy(&path, root.join("g/10_PunicWars.tml")).unwrap();
    std::fs::write(root.join("s/10_PunicWars.tml"), timeml::write(&gold, &tags)).unwrap();
    let on_disk = eval::score_dirs(&root.join("g"), &root.join("s")).unwrap();
    assert_eq!(in_memory.counts, on_disk.counts);
    assert_eq!(in_memory.scores, on_disk.scores);
    assert!(in_memory.counts.value_ok < in_memory.counts.relaxed);
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn different_file_sets_name_the_file() {
    let root = scratch("sets");
    for d in ["g", "s", "g/sub", "s/sub"] {
        std::fs::create_dir_all(root.join(d)).unwrap();
    }
    let src = timeml_dir().join("wikiwars-train/10_PunicWars.tml");
    std::fs::copy(&src, root.join("g/sub/a.tml")).unwrap();
    std::fs::copy(&src, root.join("g/b.tml")).unwrap();
    std::fs::copy(&src, root.join("s/sub/a.tml")).unwrap();
    let err = eval::score_dirs(&root.join("g"), &root.join("s"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("b.tml") && err.contains("missing"), "{err}");

    std::fs::copy(&src, root.join("s/b.tml")).unwrap();
    std::fs::copy(&src, root.join("s/extra.tml")).unwrap();
    let err = eval::score_dirs(&root.join("g"), &root.join("s"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("extra.tml"), "{err}");

    std::fs::remove_file(root.join("s/extra.tml")).unwrap();
    std::fs::write(root.join("s/b.tml"), "<TimeML><TEXT>broken</TIMEX3></TEXT>").unwrap();
    let err = eval::score_dirs(&root.join("g"), &root.join("s"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("b.tml") && err.contains("line 1"), "{err}");

    let err = eval::score_dirs(&root.join("nothing"), &root.join("s"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("nothing"), "{err}");
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn nothing_to_score_gives_zeros_not_nan() {
    let g = Document::from_text("no dates here");
    let r = eval::score_pairs(&[(&g, &[][..])]);
    assert_eq!(r.scores, eval::Scores::default());
    assert!(eval::render_per_file(&r).contains("-"));
}
