//! Any string → `Timeline::from_text` → every renderer (JSON, table, Markdown, CSV). Entries must
//! be sorted by their interval's sort key, their spans inside the text on char boundaries.

#![no_main]

use annals::timeline::{render, Timeline};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let Ok(timeline) = Timeline::from_text(text) else {
        return;
    };
    for pair in timeline.entries.windows(2) {
        assert!(
            pair[0].interval.sort_key() <= pair[1].interval.sort_key(),
            "entries out of order: {:?} before {:?}",
            pair[0].interval,
            pair[1].interval
        );
    }
    for e in &timeline.entries {
        for span in [e.span, e.sentence_span] {
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
    }
    let json = render::json(&timeline);
    serde_json::from_str::<serde_json::Value>(&json).expect("the JSON parses");
    let _ = render::table(&timeline, None);
    let _ = render::table(&timeline, Some(40));
    let _ = render::markdown(&timeline);
    for e in &timeline.entries {
        let record = render::csv_record(&timeline, e);
        assert_eq!(record.len(), render::CSV_HEADER.len());
    }
});
