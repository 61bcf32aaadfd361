//! The sentence shown beside a timeline entry: whitespace collapsed and, when long, cut at word
//! boundaries to a window that still contains the time expression (so every entry shows the
//! words it was dated by, even in a 600-character sentence).

use crate::document::Span;

/// The default length of an excerpt, in characters (ellipses excluded).
pub const MAX_CHARS: usize = 200;

const ELLIPSIS: &str = "…";

/// A word of the sentence: its byte range in the text and its length in characters.
struct Word {
    start: usize,
    end: usize,
    chars: usize,
}

fn words(text: &str, within: Span) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start = None;
    let mut chars = 0;
    for (i, c) in text[within.start..within.end].char_indices() {
        let at = within.start + i;
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                out.push(Word {
                    start: s,
                    end: at,
                    chars,
                });
            }
        } else {
            if start.is_none() {
                start = Some(at);
                chars = 0;
            }
            chars += 1;
        }
    }
    if let Some(s) = start {
        out.push(Word {
            start: s,
            end: within.end,
            chars,
        });
    }
    out
}

/// The text of `sentence` with runs of whitespace collapsed to one space and, when longer than
/// `max_chars`, shortened at word boundaries to a window containing `focus`, with an ellipsis
/// on each side that was cut. `focus` should lie inside `sentence`; if it does not, the window
/// starts at the beginning.
pub fn excerpt(text: &str, sentence: Span, focus: Span, max_chars: usize) -> String {
    // Only the words near the focus can be shown: look at a window of 4 bytes per character
    // (the most UTF-8 needs) on each side of it, so that a sentence of a million words (text
    // without full stops) costs no more than a short one. Words cut by the window's edges are
    // dropped and count as cut text.
    let reach = max_chars.saturating_mul(4).saturating_add(4);
    let inside = sentence.start <= focus.start && focus.end <= sentence.end;
    let (mut lo, mut hi) = if inside {
        (
            focus.start.saturating_sub(reach).max(sentence.start),
            focus.end.saturating_add(reach).min(sentence.end),
        )
    } else {
        (
            sentence.start,
            sentence.start.saturating_add(2 * reach).min(sentence.end),
        )
    };
    while lo > sentence.start && !text.is_char_boundary(lo) {
        lo -= 1;
    }
    while hi < sentence.end && !text.is_char_boundary(hi) {
        hi += 1;
    }
    let (cut_left, cut_right) = (lo > sentence.start, hi < sentence.end);
    let mut words = words(text, Span::new(lo, hi));
    if cut_left && !words.is_empty() {
        words.remove(0);
    }
    if cut_right {
        words.pop();
    }
    if words.is_empty() {
        return String::new();
    }
    // Characters of words[..i], so that the length of a run of words is a subtraction.
    let mut before = Vec::with_capacity(words.len() + 1);
    before.push(0usize);
    for w in &words {
        before.push(before.last().copied().unwrap_or(0) + w.chars);
    }
    // Length of words[a..b] joined by single spaces.
    let len = |a: usize, b: usize| -> usize { before[b] - before[a] + (b - a).saturating_sub(1) };
    let n = words.len();
    let (mut a, mut b) = (0, n);
    if len(0, n) > max_chars {
        // The words the focus touches (the first word when the focus is elsewhere).
        let f0 = words
            .iter()
            .position(|w| w.end > focus.start)
            .unwrap_or(0)
            .min(n - 1);
        let f1 = words[f0..]
            .iter()
            .rposition(|w| w.start < focus.end)
            .map_or(f0, |i| f0 + i);
        // Prefer the beginning of the sentence; slide right only as far as the focus needs.
        b = 1;
        while b < n && len(0, b + 1) <= max_chars {
            b += 1;
        }
        if b <= f1 {
            b = f1 + 1;
            while a < f0 && len(a, b) > max_chars {
                a += 1;
            }
            while b < n && len(a, b + 1) <= max_chars {
                b += 1;
            }
        }
    }
    let (a_cut, b_cut) = (a > 0 || cut_left, b < n || cut_right);
    let mut out = String::new();
    if a_cut {
        out.push_str(ELLIPSIS);
    }
    for (i, w) in words[a..b].iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(&text[w.start..w.end]);
    }
    if b_cut {
        // "fire,…" reads worse than "fire…".
        let kept = out.trim_end_matches([',', ';', ':', '–', '—', '-']).len();
        out.truncate(kept);
        out.push_str(ELLIPSIS);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str) -> Span {
        Span::new(0, text.len())
    }

    #[test]
    fn collapses_whitespace_and_trims() {
        let t = "  In April\n 1920,\tthe  rebellion broke out. ";
        assert_eq!(
            excerpt(t, all(t), Span::new(5, 16), 200),
            "In April 1920, the rebellion broke out."
        );
    }

    #[test]
    fn cuts_at_a_word_boundary_after_the_focus() {
        let t =
            "On 17 May 1920 the flotilla left Baku for Enzeli, under the command of Raskolnikov.";
        let out = excerpt(t, all(t), Span::new(3, 14), 40);
        assert_eq!(out, "On 17 May 1920 the flotilla left Baku…");
        assert!(out.chars().count() <= 41);
    }

    #[test]
    fn slides_the_window_to_the_focus() {
        let t = "Exhausted and poorly trained, the regiments fell back, and only in July 1921 did the withdrawal end.";
        let at = t.find("July 1921").unwrap();
        let out = excerpt(t, all(t), Span::new(at, at + 9), 40);
        assert!(out.starts_with('…') && out.ends_with('…'), "{out}");
        assert!(out.contains("July 1921"), "{out}");
        assert!(out.chars().count() <= 42, "{out}");
    }

    #[test]
    fn strips_dangling_punctuation_before_the_ellipsis() {
        let t = "one two, three four five six";
        assert_eq!(excerpt(t, all(t), Span::new(0, 3), 10), "one two…");
    }

    #[test]
    fn long_words_and_empty_input() {
        let t = "x".repeat(500);
        assert_eq!(excerpt(&t, all(&t), Span::new(0, 1), 200), t);
        assert_eq!(excerpt("   ", Span::new(0, 3), Span::new(0, 0), 200), "");
        let t = "α β γ δ ε ζ η θ";
        assert_eq!(excerpt(t, all(t), Span::new(0, 2), 5), "α β γ…");
    }

    #[test]
    fn a_huge_sentence_costs_only_its_window() {
        // Far into a sentence of 200,000 words the excerpt is the same as in a short one.
        let head = "word ".repeat(100_000);
        let t = format!("{head}the treaty was signed in March 1921 and {head}");
        let at = t.find("March 1921").unwrap();
        let out = excerpt(&t, all(&t), Span::new(at, at + 10), 40);
        assert!(out.starts_with('…') && out.ends_with('…'), "{out}");
        assert!(out.contains("March 1921"), "{out}");
        assert!(out.chars().count() <= 42, "{out}");
        let short = "word word word the treaty was signed in March 1921 and word word";
        let at = short.find("March 1921").unwrap();
        assert_eq!(
            excerpt(short, all(short), Span::new(at, at + 10), 20),
            "…signed in March 1921…"
        );
    }
}
