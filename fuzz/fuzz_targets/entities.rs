//! Any string → entity mentions and clusters. Every mention must be a span inside the text on
//! char boundaries whose text is the text it spans.

#![no_main]

use annals::entity::mentions::entities;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let seg = annals::text::segment(text);
    for cluster in entities(text, &seg, &[], None) {
        for m in &cluster.mentions {
            let (s, e) = (m.span.start, m.span.end);
            assert!(
                s <= e && e <= text.len(),
                "mention {s}..{e} in {} bytes",
                text.len()
            );
            assert!(
                text.is_char_boundary(s) && text.is_char_boundary(e),
                "mention {s}..{e} inside a char"
            );
            assert_eq!(m.text, text[s..e], "mention text at {s}..{e}");
        }
    }
});
