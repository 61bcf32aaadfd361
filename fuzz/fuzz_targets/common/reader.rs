//! The check every reader target makes: any bytes, read lossily in one format, either fail with an
//! error or give a document whose gold tags are spans on char boundaries of its text, and which
//! writes back as TimeML. Nothing may panic.

use annals::document::SourceFormat;
use annals::io::{self, ReadOptions};
use std::path::Path;

pub fn read_and_write_back(data: &[u8], name: &str, format: SourceFormat) {
    let opts = ReadOptions {
        lossy: true,
        ..Default::default()
    };
    let Ok(doc) = io::read_bytes(data, Path::new(name), format, &opts) else {
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
}
