//! Inputs the fuzz targets (fuzz/fuzz_targets/) crashed on, minimised and inlined, each checked
//! with the invariant of its target: no panic, gold spans inside the text on char boundaries, and
//! the TimeML writer accepts the document.

use annals::document::SourceFormat;
use annals::io::{self, ReadOptions};
use annals::Document;
use std::path::Path;

fn read_lossy(bytes: &[u8], name: &str, format: SourceFormat) -> annals::Result<Document> {
    let opts = ReadOptions {
        lossy: true,
        ..Default::default()
    };
    io::read_bytes(bytes, Path::new(name), format, &opts)
}

fn check_gold(doc: &Document) {
    for tag in &doc.gold {
        let (s, e) = (tag.span.start, tag.span.end);
        assert!(s <= e && e <= doc.text.len(), "{} {s}..{e}", tag.name);
        assert!(
            doc.text.is_char_boundary(s) && doc.text.is_char_boundary(e),
            "{} {s}..{e} inside a char",
            tag.name
        );
    }
    let _ = io::timeml::write(doc, &doc.gold);
}

/// read_tml, crash-cf011ecb3f64426cb62c7f6852fbca4feb29f1fe (4,336 bytes, minimised to these 14):
/// two byte-order marks. The reader stripped one, quick-xml dropped the second without counting
/// it, so every offset was 3 bytes short and slicing the TEXT panicked inside the U+FFFD that
/// replaced the invalid byte.
#[test]
fn tml_two_byte_order_marks() {
    let crash = b"\xef\xbb\xbf\xef\xbb\xbf<TEXT>\xc7 ";
    if let Ok(doc) = read_lossy(crash, "f.tml", SourceFormat::TimeMl) {
        check_gold(&doc);
    }

    let source = "\u{feff}\u{feff}<TimeML><TEXT>ab\u{20ac} in \
                  <TIMEX3 tid=\"t1\" type=\"DATE\" value=\"1920\">1920</TIMEX3>.</TEXT></TimeML>\n";
    let doc = read_lossy(source.as_bytes(), "f.tml", SourceFormat::TimeMl).unwrap();
    assert_eq!(doc.text, "ab\u{20ac} in 1920.");
    check_gold(&doc);
    let timex = doc.gold.iter().find(|t| t.name == "TIMEX3").unwrap();
    assert_eq!(&doc.text[timex.span.start..timex.span.end], "1920");
    assert_eq!(io::timeml::write(&doc, &doc.gold), source);
}

/// read_and_tag, crash-a05a919db3eae61910278a0192b7235dcee6ec32 (4,079 bytes): a part of day
/// ("night") after a one-letter word after a multi-byte character. The rule that looks past
/// "the" ("during the night") stepped back three bytes without checking that the word was
/// "the", landing inside the U+FFFD and panicking.
#[test]
fn part_of_day_after_a_multibyte_character() {
    use annals::pipeline::{Pipeline, TagOptions};
    for text in [
        "\u{FFFD}a night",
        "é night",
        "\u{FFFD}a morning came",
        "ü the night",
        "during the night",
    ] {
        let doc = Document::from_text(text);
        let analysis = Pipeline::new().analyse(&doc, &TagOptions::full()).unwrap();
        for t in &analysis.timexes {
            assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
        }
    }
}
