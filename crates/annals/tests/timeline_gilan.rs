//! Issue 5's acceptance on the reference document: each happening dated correctly, with its
//! event, actors and places, in chronological order; ordering signals; merging across sources.

use annals::event::anchor::{How, RelationKind};
use annals::pipeline::{Pipeline, TagOptions};
use annals::time::Mod;
use annals::timeline::{Entry, Timeline};
use annals::Document;
use std::path::Path;

fn gilan_text() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/gilan-1920.txt");
    std::fs::read_to_string(path).unwrap()
}

fn timeline_of(name: &str, text: &str) -> Timeline {
    let doc = Document {
        path: name.into(),
        ..Document::from_text(text)
    };
    let analysis = Pipeline::new().analyse(&doc, &TagOptions::full()).unwrap();
    Timeline::from_document(&doc, &analysis)
}

/// What the issue lists: value, mod, a word of the entry's summary (what a reader sees as "what
/// happened"), actors and places it must name (matched against names and spellings,
/// case-insensitive).
struct Expected {
    value: &'static str,
    modifier: Option<Mod>,
    word: &'static str,
    actors: &'static [&'static str],
    places: &'static [&'static str],
}

const GILAN: &[Expected] = &[
    Expected {
        value: "1919-FA",
        modifier: None,
        word: "plans",
        actors: &["Trotsky"],
        places: &[],
    },
    Expected {
        value: "1920",
        modifier: Some(Mod::Start),
        word: "wrote",
        actors: &["Frunze"],
        places: &[],
    },
    Expected {
        value: "1920-SP",
        modifier: None,
        word: "Soviet power",
        actors: &[],
        places: &["Azerbaijan"],
    },
    Expected {
        value: "1920-04",
        modifier: None,
        word: "rebellion",
        actors: &["Hiabani"],
        places: &["Gilan"],
    },
    Expected {
        value: "1920-05-17",
        modifier: None,
        word: "flotilla",
        actors: &["Raskolnikov", "Ordzhonikidze"],
        places: &["Baku", "Enzeli"],
    },
    Expected {
        value: "1920-06-04",
        modifier: None,
        word: "occupied",
        actors: &["Tunb Khan"],
        places: &["Rasht"],
    },
    Expected {
        value: "1920-06-05",
        modifier: None,
        word: "proclaimed",
        actors: &[],
        places: &[],
    },
    Expected {
        value: "1920-08-01",
        modifier: None,
        word: "captured",
        actors: &["Red Army"],
        places: &["Manjil"],
    },
    Expected {
        value: "1921-03",
        modifier: None,
        word: "Treaty",
        actors: &[],
        places: &["RSFSR", "Persia"],
    },
    Expected {
        value: "1921-07",
        modifier: None,
        word: "withdrawal",
        actors: &[],
        places: &["Persia"],
    },
];

fn find<'a>(t: &'a Timeline, x: &Expected) -> (usize, &'a Entry) {
    t.entries
        .iter()
        .enumerate()
        .find(|(_, e)| {
            e.value() == x.value
                && e.modifier == x.modifier
                && e.how != Some(How::Inherited)
                && e.summary.contains(x.word)
        })
        .unwrap_or_else(|| {
            let near: Vec<String> = t
                .entries
                .iter()
                .filter(|e| e.value() == x.value)
                .map(|e| {
                    format!(
                        "{:?} {:?}",
                        e.events.iter().map(|v| &v.lemma).collect::<Vec<_>>(),
                        e.summary
                    )
                })
                .collect();
            panic!(
                "no {} {:?} entry with {:?}: {near:#?}",
                x.value, x.modifier, x.word
            )
        })
}

#[test]
fn every_listed_happening_is_dated_with_its_actors_and_places() {
    let t = timeline_of("gilan-1920.txt", &gilan_text());
    for x in GILAN {
        let (_, e) = find(&t, x);
        for a in x.actors {
            assert!(
                e.has_actor(a),
                "{}: no actor {a} in {:?}",
                x.value,
                e.actors
            );
        }
        for p in x.places {
            assert!(
                e.has_place(p),
                "{}: no place {p} in {:?}",
                x.value,
                e.places
            );
        }
        assert!(e.event.is_some() && !e.summary.is_empty());
        assert!(e.sentence_span.contains(&e.span));
        assert!(e.confidence >= 0.7, "{}: {}", x.value, e.confidence);
    }
}

#[test]
fn the_listed_happenings_come_in_chronological_order() {
    let t = timeline_of("gilan-1920.txt", &gilan_text());
    let positions: Vec<usize> = GILAN.iter().map(|x| find(&t, x).0).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
    assert!(t
        .entries
        .windows(2)
        .all(|w| w[0].interval.sort_key() <= w[1].interval.sort_key()));
}

#[test]
fn undated_sentences_inherit_the_story_time_at_lower_confidence() {
    let t = timeline_of("gilan-1920.txt", &gilan_text());
    let lenin = t
        .entries
        .iter()
        .find(|e| e.has_actor("Lenin"))
        .expect("Lenin's sentence inherits a date");
    assert_eq!(lenin.how, Some(How::Inherited));
    assert_eq!(lenin.value(), "1920");
    assert_eq!(lenin.modifier, Some(Mod::Start));
    // Inherited from a date several sentences and a paragraph back: trusted less than the
    // sentence that writes the date.
    let frunze = t
        .entries
        .iter()
        .find(|e| e.sentence.contains("Turkistan"))
        .unwrap();
    assert!(lenin.confidence < frunze.confidence);
}

#[test]
fn ordering_signals_order_without_inventing_dates() {
    let t = timeline_of("gilan-1920.txt", &gilan_text());
    // "Following the withdrawal … in July 1921, the Iranian revolutionaries finally quarreled".
    let quarrel = t
        .entries
        .iter()
        .find(|e| e.events.iter().any(|v| v.lemma == "quarrel"))
        .unwrap();
    assert_eq!(quarrel.value(), "1921-07");
    assert_eq!(quarrel.modifier, Some(Mod::After));
    let o = quarrel.ordering.as_ref().unwrap();
    assert_eq!(
        (o.kind, o.event.as_str()),
        (RelationKind::After, "withdrawal")
    );
    // It sorts after the withdrawal itself.
    let withdrawal = t
        .entries
        .iter()
        .position(|e| e.event.as_ref().is_some_and(|v| v.lemma == "withdrawal"))
        .unwrap();
    let quarrel = t
        .entries
        .iter()
        .position(|e| std::ptr::eq(e, quarrel))
        .unwrap();
    assert!(withdrawal < quarrel);
    // "On the eve of the entrance of the port of Enzeli Raskolnikov met …": before, no new date.
    let met = t
        .entries
        .iter()
        .find(|e| e.event.as_ref().is_some_and(|v| v.lemma == "meet"))
        .unwrap();
    let o = met.ordering.as_ref().unwrap();
    assert_eq!(
        (o.kind, o.event.as_str()),
        (RelationKind::Before, "entrance")
    );
    assert_eq!(o.signal, "On the eve of");
    // A date given in the sentence itself stays exact: "A day later, after consultations with
    // Moscow, was proclaimed …" is 1920-06-05, ordered after the consultations.
    let proclaimed = t
        .entries
        .iter()
        .find(|e| e.event.as_ref().is_some_and(|v| v.lemma == "proclaim"))
        .unwrap();
    assert_eq!(
        (proclaimed.value().as_str(), proclaimed.modifier),
        ("1920-06-05", None)
    );
    assert_eq!(
        proclaimed.ordering.as_ref().unwrap().kind,
        RelationKind::After
    );
}

#[test]
fn the_same_event_in_two_sources_is_one_entry_with_both() {
    let a = timeline_of(
        "a.txt",
        "On 4 June 1920 the insurgents occupied Rasht. The Shah fled.",
    );
    let b = timeline_of(
        "b.txt",
        "Kuchik Khan's men occupied Rasht on 4 June 1920, after a short fight.",
    );
    let c = timeline_of("c.txt", "On 4 June 1920 the British occupied Baku.");
    let t = Timeline::merge([a, b, c]);
    let rasht: Vec<&Entry> = t
        .entries
        .iter()
        .filter(|e| e.event.as_ref().is_some_and(|v| v.lemma == "occupy") && e.has_place("Rasht"))
        .collect();
    assert_eq!(rasht.len(), 1, "{:#?}", t.entries);
    let sources: Vec<usize> = rasht[0].sources().collect();
    assert_eq!(sources, [0, 1]);
    // Baku's occupation, the same day, shares no place with Rasht's: kept apart.
    assert!(t
        .entries
        .iter()
        .any(|e| e.has_place("Baku") && e.source == 2));
}

#[test]
fn a_time_expression_is_not_an_ordering_signal() {
    // "the following day" is a date; "after two days of fighting" orders by the fighting.
    let t = timeline_of(
        "v.txt",
        "On 3 July 1863 the charge failed. Vicksburg fell the following day. \
         After two days of fighting, the garrison surrendered on 6 July 1863.",
    );
    let fell = t
        .entries
        .iter()
        .find(|e| e.event.as_ref().is_some_and(|v| v.lemma == "fall"))
        .unwrap();
    assert_eq!((fell.value().as_str(), fell.modifier), ("1863-07-04", None));
    assert!(fell.ordering.is_none(), "{:?}", fell.ordering);
    let surrendered = t
        .entries
        .iter()
        .find(|e| e.event.as_ref().is_some_and(|v| v.lemma == "surrender"))
        .unwrap();
    assert_eq!(surrendered.value(), "1863-07-06");
    let o = surrendered.ordering.as_ref().unwrap();
    assert_eq!(
        (o.kind, o.event.as_str()),
        (RelationKind::After, "fighting")
    );
}

#[test]
fn a_flashback_in_a_relative_clause_is_not_the_story_time() {
    let t = timeline_of(
        "p.txt",
        "The first campaign, in 492 BC, was led by Mardonius, who subjugated Thrace, which had \
         been Persian since 513 BC. Mardonius also forced Macedon to submit.",
    );
    let forced = t
        .entries
        .iter()
        .find(|e| e.event.as_ref().is_some_and(|v| v.lemma == "force"))
        .unwrap();
    assert_eq!(forced.how, Some(How::Inherited));
    assert_eq!(forced.value(), "BC0492");
}
