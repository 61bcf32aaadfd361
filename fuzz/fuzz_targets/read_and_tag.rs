//! Any bytes → read as each input format (lossily, and strictly as text) → the whole pipeline →
//! both writers. Reading may fail with an error; nothing may panic, and every annotation must be
//! a span on char boundaries of the document text.

#![no_main]

use annals::document::{SourceFormat, Span};
use annals::io::{self, ReadOptions};
use annals::Pipeline;
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let lossy = ReadOptions {
        lossy: true,
        ..Default::default()
    };
    for format in [
        SourceFormat::Text,
        SourceFormat::Markdown,
        SourceFormat::Html,
        SourceFormat::TimeMl,
    ] {
        if let Ok(doc) = io::read_bytes(data, Path::new("fuzz.in"), format, &lossy) {
            run(&doc);
        }
    }
    // The strict path must report invalid UTF-8 as an error, not panic.
    if let Ok(doc) = io::read_bytes(
        data,
        Path::new("fuzz.txt"),
        SourceFormat::Text,
        &Default::default(),
    ) {
        run(&doc);
    }
});

fn run(doc: &annals::Document) {
    for tag in &doc.gold {
        assert_span(&doc.text, tag.span, "gold tag");
    }
    let Ok(analysis) = Pipeline::new().analyse(doc, &Default::default()) else {
        return;
    };
    for t in &analysis.segmented.tokens {
        assert_span(&doc.text, t.span, "token");
    }
    for t in &analysis.timexes {
        assert_span(&doc.text, t.span, "timex");
    }
    let tags = analysis.timex_tags();
    let _ = io::timeml::write(doc, &tags);
    let _ = serde_json::to_string(&io::json::document(doc, &analysis));
}

fn assert_span(text: &str, span: Span, what: &str) {
    assert!(
        span.start <= span.end
            && span.end <= text.len()
            && text.is_char_boundary(span.start)
            && text.is_char_boundary(span.end),
        "{what} {}..{} outside or inside a char of a text of {} bytes",
        span.start,
        span.end,
        text.len()
    );
}
