//! Any string → the tagger, narrative mode and news mode with a document date. Every timex must
//! be a non-empty span inside the text, on char boundaries, sorted and not overlapping, with a
//! value that prints as something.

#![no_main]

use annals::{Document, Mode, Pipeline, TagOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let doc = Document::from_text(text);
    let pipeline = Pipeline::new();
    let news = TagOptions {
        mode: Some(Mode::News),
        dct: Some("1998-02-27".to_string()),
        ..Default::default()
    };
    for opts in [TagOptions::default(), news] {
        let Ok(analysis) = pipeline.analyse(&doc, &opts) else {
            continue;
        };
        let mut prev_end = 0;
        for t in &analysis.timexes {
            let (s, e) = (t.span.start, t.span.end);
            assert!(
                s < e && e <= text.len(),
                "timex {s}..{e} in {} bytes",
                text.len()
            );
            assert!(
                text.is_char_boundary(s) && text.is_char_boundary(e),
                "timex {s}..{e} inside a char"
            );
            assert!(s >= prev_end, "timex {s}..{e} overlaps or is unsorted");
            prev_end = e;
            assert!(!t.value.to_string().is_empty(), "empty value at {s}..{e}");
        }
        let tags = analysis.timex_tags();
        let _ = annals::io::timeml::write(&doc, &tags);
    }
});
