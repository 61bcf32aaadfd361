//! The timeline of the reference document, its sort order across granularities, and filters.

use annals::event::anchor::How;
use annals::io::{self, ReadOptions};
use annals::pipeline::{Pipeline, TagOptions};
use annals::time::value::{Season, Within, Year};
use annals::time::{Date, Mod};
use annals::timeline::{interval, DateRange, Entry, Timeline};
use std::path::Path;

fn gilan() -> Timeline {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/gilan-1920.txt");
    let doc = io::read_path(&path, &ReadOptions::default()).unwrap();
    let analysis = Pipeline::new().analyse(&doc, &TagOptions::full()).unwrap();
    Timeline::from_document(&doc, &analysis)
}

/// The entry dated `value` and `modifier` by a time expression of its own sentence.
fn find<'a>(t: &'a Timeline, value: &str, modifier: Option<Mod>) -> &'a Entry {
    t.entries
        .iter()
        .find(|e| e.value() == value && e.modifier == modifier && e.how != Some(How::Inherited))
        .unwrap_or_else(|| panic!("no entry {value} {modifier:?} in {:#?}", t.entries))
}

/// The acceptance list of issue 5, as far as dates go: value, mod, a word of the sentence.
const GILAN: &[(&str, Option<Mod>, &str)] = &[
    ("1919-FA", None, "Trotsky"),
    ("1920", Some(Mod::Start), "Frunze"),
    ("1920-SP", None, "Azerbaijan"),
    ("1920-04", None, "Gilan"),
    ("1920-05-17", None, "Baku"),
    ("1920-06-04", None, "Rasht"),
    ("1920-06-05", None, "proclaimed"),
    ("1920-08-01", None, "Manjil"),
    ("1921-03", None, "Treaty"),
    ("1921-07", None, "withdrawal"),
];

#[test]
fn gilan_has_the_expected_entries_with_their_sentences() {
    let t = gilan();
    for &(value, modifier, word) in GILAN {
        let e = find(&t, value, modifier);
        assert!(
            e.sentence.contains(word),
            "{value}: sentence {:?} lacks {word:?}",
            e.sentence
        );
        assert_eq!(t.source_name(e), t.sources[0].name());
        assert!(e.span.start < e.span.end && e.sentence_span.contains(&e.span));
        assert!(e.confidence > 0.0 && e.confidence <= 1.0);
    }
    // The Manjil day is computed from the story ("the next day"), so it is trusted less.
    let manjil = t
        .entries
        .iter()
        .find(|e| e.sentence.contains("Manjil"))
        .unwrap();
    assert_eq!(manjil.how, Some(How::Clause));
    let treaty = t
        .entries
        .iter()
        .find(|e| e.sentence.contains("Treaty"))
        .unwrap();
    assert!(
        manjil.confidence < treaty.confidence,
        "{} {}",
        manjil.confidence,
        treaty.confidence
    );
}

#[test]
fn gilan_is_in_chronological_order() {
    let t = gilan();
    assert!(t
        .entries
        .windows(2)
        .all(|w| w[0].interval.sort_key() <= w[1].interval.sort_key()));
    // And the acceptance entries appear in the order listed.
    let positions: Vec<usize> = GILAN
        .iter()
        .map(|&(value, modifier, word)| {
            t.entries
                .iter()
                .position(|e| {
                    e.value() == value && e.modifier == modifier && e.sentence.contains(word)
                })
                .unwrap()
        })
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
}

#[test]
fn gilan_leaves_out_durations_and_vague_references() {
    let t = gilan();
    for e in &t.entries {
        let v = e.value();
        assert!(
            !v.starts_with('P') && !v.ends_with("_REF") && !v.contains('X'),
            "{v}"
        );
    }
}

fn key(value: Date, modifier: Option<Mod>) -> (i32, i32) {
    interval::of_value(&value, modifier).unwrap().sort_key()
}

#[test]
fn sort_key_orders_granularities() {
    let spring = Date {
        within: Within::Season(Season::Spring),
        ..Date::year(1920)
    };
    let ordered = [
        key(Date::year(1920), Some(Mod::Start)),
        key(Date::year(1920), None),
        key(spring, None),
        key(Date::month(1920, 6), None),
        key(Date::day(1920, 6, 4), None),
        key(Date::year(1920), Some(Mod::End)),
    ];
    assert!(ordered.windows(2).all(|w| w[0] < w[1]), "{ordered:?}");
    // The same start: the shorter, more precise interval first.
    assert!(key(Date::day(1920, 6, 1), None) < key(Date::month(1920, 6), None));
    let decade = Date {
        year: Year::Decade(192),
        ..Date::year(0)
    };
    assert!(key(Date::year(1920), None) < key(decade, None));
    assert!(key(Date::year(1919), None) < key(decade, None));
}

#[test]
fn sort_key_puts_bc_before_ad() {
    let order = [
        key(Date::year(-499), None),
        key(Date::year(-44), None),
        key(Date::day(-44, 3, 15), None),
        key(Date::year(-1), None),
        key(Date::year(1), None),
        key(Date::year(1920), None),
    ];
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
}

#[test]
fn filters_keep_overlapping_entries() {
    let mut t = gilan();
    let range = DateRange::parse(Some("1920-06"), Some("1920-08")).unwrap();
    t.retain_range(&range);
    let values: Vec<String> = t.entries.iter().map(|e| e.value()).collect();
    assert!(values.contains(&"1920-06-04".to_string()), "{values:?}");
    assert!(values.contains(&"1920-08-01".to_string()), "{values:?}");
    for gone in ["1919-FA", "1920-04", "1920-05-17", "1921-03", "1921-07"] {
        assert!(!values.iter().any(|v| v == gone), "{gone} kept: {values:?}");
    }
    // "1920-SP" is March to May: outside. The whole year 1920 overlaps, but the
    // reference text has no plain "1920" (only its START, January to April).
    assert!(!values.iter().any(|v| v == "1920-SP"));

    let mut t = gilan();
    t.retain_range(&DateRange::parse(Some("1921"), None).unwrap());
    let mut values: Vec<String> = t.entries.iter().map(|e| e.value()).collect();
    values.dedup();
    assert_eq!(values, ["1921-03", "1921-07"]);

    let mut t = gilan();
    t.retain_range(&DateRange::parse(None, Some("1919")).unwrap());
    let mut values: Vec<String> = t.entries.iter().map(|e| e.value()).collect();
    values.dedup();
    assert_eq!(values, ["1919-FA"]);

    assert!(DateRange::parse(Some("June 1920"), None).is_err());
}
