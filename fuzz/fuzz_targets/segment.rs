//! Any string → `text::segment`, with every invariant later stages rely on asserted.

#![no_main]

use annals::text::{segment, Segmented};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let seg = segment(text);
    check(text, &seg);
});

/// Tokens: non-empty, inside the text, on char boundaries, sorted, not overlapping, not starting
/// with whitespace. Sentences: contiguous non-empty token ranges covering every token, spans equal
/// to their tokens' extent, sorted, found again by `sentence_at`.
fn check(text: &str, seg: &Segmented) {
    let mut prev_end = 0;
    for t in &seg.tokens {
        let (s, e) = (t.span.start, t.span.end);
        assert!(s < e && e <= text.len(), "token {s}..{e} in {text:?}");
        assert!(
            text.is_char_boundary(s) && text.is_char_boundary(e),
            "token {s}..{e} in {text:?}"
        );
        assert!(s >= prev_end, "token {s}..{e} overlaps in {text:?}");
        assert!(
            !text[s..e].starts_with(char::is_whitespace),
            "token {s}..{e} in {text:?}"
        );
        prev_end = e;
    }
    let mut next = 0;
    let mut prev_end = 0;
    for sent in &seg.sentences {
        let r = sent.tokens.clone();
        assert!(
            r.start == next && r.start < r.end && r.end <= seg.tokens.len(),
            "{r:?} in {text:?}"
        );
        assert_eq!(sent.span.start, seg.tokens[r.start].span.start);
        assert_eq!(sent.span.end, seg.tokens[r.end - 1].span.end);
        assert!(sent.span.start >= prev_end);
        assert_eq!(seg.sentence_at(sent.span.start), Some(sent));
        prev_end = sent.span.end;
        next = r.end;
    }
    assert_eq!(
        next,
        seg.tokens.len(),
        "tokens outside sentences in {text:?}"
    );
}
