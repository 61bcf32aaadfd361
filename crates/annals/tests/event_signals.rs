//! The object of an ordering signal ("after the *bombing*", "on the eve of the *entrance*")
//! is an event even when the tagger does not mark it, but only when that object is a noun
//! phrase naming something that happens.

use annals::{Document, Pipeline, TagOptions};

fn event_words(text: &str) -> Vec<String> {
    let doc = Document::from_text(text.to_string());
    let options = TagOptions {
        events: true,
        ..TagOptions::default()
    };
    let analysis = Pipeline::new().analyse(&doc, &options).unwrap();
    analysis
        .events
        .iter()
        .map(|e| text[e.span.start..e.span.end].to_string())
        .collect()
}

#[test]
fn a_noun_phrase_after_a_temporal_signal_is_an_event() {
    let words = event_words("On the eve of the entrance of the port the admiral met the envoy.");
    assert!(words.contains(&"entrance".to_string()), "{words:?}");
    assert!(words.contains(&"met".to_string()), "{words:?}");
}

#[test]
fn the_subject_of_a_clause_after_a_signal_is_not_an_event() {
    // "after" opens a clause here: "closed" is the event, "market" its subject.
    for (text, not) in [
        ("Shares fell after the market closed.", "market"),
        (
            "The vote came after convention delegates voted.",
            "delegates",
        ),
        ("Prices fell before most analysts expected.", "analysts"),
    ] {
        let words = event_words(text);
        assert!(!words.contains(&not.to_string()), "{text}: {words:?}");
    }
}

#[test]
fn spatial_and_verbal_uses_of_signals_take_no_event() {
    for (text, not) in [
        // "before" as "in front of" a body of people.
        ("He testified before the committee.", "committee"),
        ("She will appear before a judge in Manhattan.", "judge"),
        // "following" as a verb.
        ("She is following the case closely.", "case"),
    ] {
        let words = event_words(text);
        assert!(!words.contains(&not.to_string()), "{text}: {words:?}");
    }
}
