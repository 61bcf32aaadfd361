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
    let words = words(text, sentence);
    if words.is_empty() {
        return String::new();
    }
    // Length of words[a..b] joined by single spaces.
    let len = |a: usize, b: usize| -> usize {
        words[a..b].iter().map(|w| w.chars).sum::<usize>() + (b - a).saturating_sub(1)
    };
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
    let mut out = String::new();
    if a > 0 {
        out.push_str(ELLIPSIS);
    }
    for (i, w) in words[a..b].iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(&text[w.start..w.end]);
    }
    if b < n {
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
}
