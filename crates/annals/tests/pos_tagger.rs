//! The bundled part-of-speech model: UPOS accuracy on the UD English EWT test file, and the
//! sentences from the reference document that a date-aware pipeline depends on.

use annals::tagging::{accuracy, conllu, PosTagger, Upos};
use std::path::PathBuf;

fn ewt(file: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/ud-english-ewt")
        .join(file)
}

fn tags(words: &str) -> Vec<(String, Upos)> {
    let words: Vec<&str> = words.split(' ').collect();
    let tags = PosTagger::bundled().tag(&words);
    words.iter().map(|w| w.to_string()).zip(tags).collect()
}

fn tag_of(sentence: &str, word: &str) -> Upos {
    let tagged = tags(sentence);
    match tagged.iter().find(|(w, _)| w == word) {
        Some(&(_, t)) => t,
        None => panic!("{word:?} not in {sentence:?}"),
    }
}

/// The committed model scores at least 94.8% on the official test file (training reports
/// 95.5%; the floor leaves room for retraining noise, not for regressions).
#[test]
fn ewt_test_accuracy() {
    let path = ewt("en_ewt-ud-test.conllu");
    assert!(
        path.is_file(),
        "{} is missing: the POS quality gate needs the shared data folder next to the checkout",
        path.display()
    );
    let gold = conllu::read(&path).unwrap();
    // All 25,094 words: tagging them takes well under a second even in a debug build.
    let acc = accuracy(PosTagger::bundled(), &gold);
    assert!(acc.total >= 25_000, "{} words", acc.total);
    assert!(
        acc.percent() >= 94.8,
        "UPOS accuracy {:.2}% ({}/{}) is under 94.8%",
        acc.percent(),
        acc.correct,
        acc.total
    );
}

#[test]
fn march_the_verb_and_march_the_month() {
    let s = "By August , the time had come to March on Tehran .";
    assert_eq!(tag_of(s, "March"), Upos::Verb, "{:?}", tags(s));
    assert_eq!(tag_of(s, "to"), Upos::Part, "{:?}", tags(s));
    assert_eq!(
        tag_of("They decided to march into Rasht .", "march"),
        Upos::Verb
    );
    assert_eq!(
        tag_of("The army would march on Tehran .", "march"),
        Upos::Verb
    );
    let s = "In March 1921 between the RSFSR and Persia signed a Treaty .";
    assert_eq!(tag_of(s, "March"), Upos::Propn, "{:?}", tags(s));
    assert_eq!(
        tag_of("It lasted from January to March .", "March"),
        Upos::Propn
    );
    assert_eq!(
        tag_of("It lasted from January to March 1921 .", "March"),
        Upos::Propn
    );
}

#[test]
fn may_the_modal_and_may_the_month() {
    assert_eq!(tag_of("The fleet may return to Baku .", "may"), Upos::Aux);
    assert_eq!(tag_of("It may rain .", "may"), Upos::Aux);
    assert_eq!(tag_of("May I ask a question ?", "May"), Upos::Aux);
    assert_eq!(
        tag_of("17 may 1920 , the flotilla came out .", "may"),
        Upos::Propn
    );
    assert_eq!(
        tag_of("The treaty was signed in May 1921 .", "May"),
        Upos::Propn
    );
}

#[test]
fn reference_document_sentences() {
    let s = "Soviet Russia reached the Shah of Iran .";
    let t = tags(s);
    assert_eq!(t[1].1, Upos::Propn, "{t:?}");
    assert_eq!(t[2].1, Upos::Verb, "{t:?}");
    assert_eq!(t[5].1, Upos::Adp, "{t:?}");
    assert_eq!(
        tag_of("Three days later insurgent troops occupied Rasht .", "days"),
        Upos::Noun
    );
}

#[test]
fn segmented_documents_get_one_tag_per_token() {
    let text = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/seed/gilan-1920.txt"),
    )
    .unwrap_or_else(|_| {
        "In March 1921 the RSFSR and Persia signed a treaty. Then, come what may.".into()
    });
    let seg = annals::text::segment(&text);
    let tags = PosTagger::bundled().tag_segmented(&text, &seg);
    assert_eq!(tags.len(), seg.tokens.len());
    let puncts = seg
        .tokens
        .iter()
        .zip(&tags)
        .filter(|(t, _)| t.text(&text) == "." || t.text(&text) == ",");
    for (t, tag) in puncts {
        assert_eq!(*tag, Upos::Punct, "{:?} at {}", t.text(&text), t.span.start);
    }
}

#[test]
fn bundled_model_describes_itself() {
    let t = PosTagger::try_bundled().expect("data/pos-ud.bin loads");
    assert!(
        t.description().contains("UD English EWT"),
        "{}",
        t.description()
    );
    assert!(t.description().contains("CC BY-SA 4.0"));
}

#[test]
fn any_input_is_tagged_without_panicking() {
    let t = PosTagger::bundled();
    let long = "ا".repeat(100_000);
    for words in [
        vec![],
        vec![""],
        vec!["\u{0}", "\u{FEFF}", "\u{301}"],
        vec!["东京", "は", "首都", "です"],
        vec!["Тегеран", "رشت", "🙂", long.as_str()],
        vec!["to"; 3],
        vec!["march", "to"],
        vec!["to", "March"],
    ] {
        assert_eq!(t.tag(&words).len(), words.len());
    }
    let text = "x".repeat(1 << 20) + " may 7";
    let seg = annals::text::segment(&text);
    assert_eq!(t.tag_segmented(&text, &seg).len(), seg.tokens.len());
}
