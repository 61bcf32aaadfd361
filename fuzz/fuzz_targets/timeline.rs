//! Any string → the whole pipeline (time, events, entities) → `Timeline` → every writer (JSON,
//! table, Markdown, CSV, TimelineJS, GeoJSON, TimeML), and the same entries through a spill
//! that writes every document's entries as a run of its own. Entries must be sorted by their
//! interval's sort key, their spans inside the text on char boundaries, and the JSON outputs
//! must parse.

#![no_main]

use annals::pipeline::{Pipeline, TagOptions};
use annals::timeline::spill::Spill;
use annals::timeline::{export, render, Timeline};
use annals::Document;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let doc = Document::from_text(text);
    let Ok(analysis) = Pipeline::new().analyse(&doc, &TagOptions::full()) else {
        return;
    };
    let timeline = Timeline::from_document(&doc, &analysis);
    for pair in timeline.entries.windows(2) {
        assert!(
            pair[0].interval.sort_key() <= pair[1].interval.sort_key(),
            "entries out of order: {:?} before {:?}",
            pair[0].interval,
            pair[1].interval
        );
    }
    for e in &timeline.entries {
        for span in [e.span, e.sentence_span, e.time_span] {
            assert!(
                span.start <= span.end
                    && span.end <= text.len()
                    && text.is_char_boundary(span.start)
                    && text.is_char_boundary(span.end),
                "span {}..{} in {} bytes",
                span.start,
                span.end,
                text.len()
            );
        }
        assert!(!e.value().is_empty());
        assert!(e.confidence > 0.0 && e.confidence <= 1.0);
    }
    let json = render::json(&timeline);
    serde_json::from_str::<serde_json::Value>(&json).expect("the JSON parses");
    serde_json::from_str::<serde_json::Value>(&export::timelinejs(&timeline))
        .expect("the TimelineJS JSON parses");
    serde_json::from_str::<serde_json::Value>(&export::geojson(&timeline))
        .expect("the GeoJSON parses");
    let _ = export::timeml(&doc, &analysis);
    let _ = render::table(&timeline, None);
    let _ = render::table(&timeline, Some(40));
    let _ = render::markdown(&timeline);
    for (i, e) in timeline.entries.iter().enumerate() {
        let record = render::csv_record(&timeline, i, e);
        assert_eq!(record.len(), render::CSV_HEADER.len());
    }
    // Through the disk: two copies of the document, each its own run, read back merged.
    let mut spill = Spill::with_budget(1);
    spill.push(timeline.clone()).expect("spilling");
    spill.push(timeline.clone()).expect("spilling");
    spill.finish().expect("spilling");
    let merged = Timeline::merge([timeline.clone(), timeline]);
    let read: Vec<_> = spill
        .entries()
        .expect("reading the spill")
        .map(|e| e.expect("decoding"))
        .collect();
    assert_eq!(read, merged.entries);
});
