//! The bundled named-entity model: its score on GUM test (a quality gate) and what it finds in
//! the reference document.

use annals::entity::gum::{self, Split};
use annals::entity::ner::{EntityType, NerTagger};
use std::path::Path;

/// Micro span F1 of the bundled model on all of GUM test, as `annals train ner` printed it
/// when data/ner-gum.bin was built (59.7, see data/PROVENANCE.md), less 0.6.
const GUM_TEST_F1_FLOOR: f64 = 0.591;

#[test]
fn bundled_model_scores_on_gum_test() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/gum");
    assert!(
        dir.is_dir(),
        "{} is missing: this gate needs ../shared beside the checkout",
        dir.display()
    );
    let test = gum::read_split(&dir, Split::Test, true).unwrap();
    assert_eq!(test.len(), 30);
    let scores = NerTagger::bundled().evaluate(&test);
    let f1 = scores.micro().f1();
    for t in EntityType::ALL {
        let c = scores.get(t);
        eprintln!(
            "{}: P {:.3} R {:.3} F1 {:.3}",
            t.as_str(),
            c.precision(),
            c.recall(),
            c.f1()
        );
    }
    assert!(
        f1 >= GUM_TEST_F1_FLOOR,
        "micro span F1 on GUM test fell to {f1:.4} (floor {GUM_TEST_F1_FLOOR})"
    );
}

/// Types given to each occurrence of `word` in the reference document (None: outside any
/// entity).
fn types_of(word: &str) -> Vec<Option<EntityType>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/gilan-1920.txt");
    let text = std::fs::read_to_string(path).unwrap();
    let seg = annals::text::segment(&text);
    let entities = NerTagger::bundled().tag_document(&text, &seg);
    text.match_indices(word)
        .map(|(at, _)| {
            entities
                .iter()
                .find(|e| e.span.start <= at && at + word.len() <= e.span.end)
                .map(|e| e.etype)
        })
        .collect()
}

/// People of the reference document that the bundled model misses, as an expected failure:
/// "Lenin" occurs once, as the first word of "Lenin against the operation did not object.",
/// where a capitalised word seen nowhere else in the document or the training data gives the
/// model little to go on (in mid-sentence it is tagged PER). A model that finds him fails this
/// test until he is taken off the list.
const KNOWN_MISSES: &[&str] = &["Lenin"];

#[test]
fn reference_document_people_are_people() {
    for name in [
        "Trotsky",
        "Frunze",
        "Lenin",
        "Denikin",
        "Raskolnikov",
        "Ordzhonikidze",
    ] {
        let types = types_of(name);
        let found = types.contains(&Some(EntityType::Per));
        if KNOWN_MISSES.contains(&name) {
            assert!(!found, "{name} is now found: remove it from KNOWN_MISSES");
        } else {
            assert!(found, "{name} is never tagged PER: {types:?}");
        }
    }
}

#[test]
fn reference_document_places_are_not_people() {
    for name in ["Baku", "Rasht", "Tehran", "Moscow"] {
        let types = types_of(name);
        assert!(!types.is_empty(), "{name} not in the text");
        assert!(
            !types.contains(&Some(EntityType::Per)),
            "{name} tagged PER: {types:?}"
        );
    }
}

#[test]
fn tagging_odd_input_does_not_panic() {
    let tagger = NerTagger::bundled();
    assert!(tagger.tag(&[]).is_empty());
    let long = "Moscow ".repeat(5000);
    let words: Vec<&str> = long.split(' ').collect();
    for (s, e, _) in tagger.tag(&words) {
        assert!(s < e && e <= words.len());
    }
    for text in ["", " ", "\u{0}\u{fffd}", "’s 's ' Ö ß İ ǅ", "X'S’S"] {
        let seg = annals::text::segment(text);
        for e in tagger.tag_document(text, &seg) {
            assert!(e.span.start < e.span.end && text.get(e.span.start..e.span.end).is_some());
        }
    }
}
