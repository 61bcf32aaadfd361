//! Any bytes → read as Text (`.txt`, lossily) → written back as TimeML with the gold tags.
//! Reading may fail with an error; nothing may panic, and every gold tag must be a span on char
//! boundaries of the document text.

#![no_main]

use annals::document::SourceFormat;
use annals::io::{self, ReadOptions};
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let opts = ReadOptions {
        lossy: true,
        ..Default::default()
    };
    let Ok(doc) = io::read_bytes(data, Path::new("f.txt"), SourceFormat::Text, &opts) else {
        return;
    };
    for tag in &doc.gold {
        let (s, e) = (tag.span.start, tag.span.end);
        assert!(
            s <= e
                && e <= doc.text.len()
                && doc.text.is_char_boundary(s)
                && doc.text.is_char_boundary(e),
            "gold {} {s}..{e} outside or inside a char of a text of {} bytes",
            tag.name,
            doc.text.len()
        );
    }
    let out = io::timeml::write(&doc, &doc.gold);
    assert!(!out.is_empty());
});
