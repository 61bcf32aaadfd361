//! Which entries report a happening: something that took place once, which a historian puts on a
//! timeline ("the fleet sailed", "the city fell"), rather than a state ("the city was rich"), a
//! habit, a wish, a possibility or something that did not happen.
//!
//! Without a parser this reads the head event and the few words before it in its clause: a
//! stative head, a modal or a negation in front of it, or a question makes no happening. An
//! entry dated in its own sentence is kept whatever its head, as the text itself dates it (a
//! dated state, "In 1920 Rasht was the capital", is still worth its place); one that only
//! inherits the story's date must report a happening to be an entry.

use crate::event::{Event, EventClass};
use crate::tagging::Upos;
use crate::text::{Segmented, TokenKind};

/// Words that, a few words before a verb, make it a possibility, a wish or a denial.
const UNREAL: &[&str] = &[
    "not",
    "n't",
    "never",
    "could",
    "would",
    "might",
    "should",
    "may",
    "must",
    "can",
    "cannot",
    "will",
    "shall",
    "if",
    "unless",
    "whether",
    "perhaps",
    "probably",
    "possibly",
    "usually",
    "often",
    "always",
    "sometimes",
    "every",
];

/// Whether a sentence is a heading or a title: a short line of its own that does not end as a
/// sentence does ("From Tiberius Gracchus to the Death of Julius Caesar"). It names what
/// follows; what it names is told there.
fn is_heading(text: &str, span: crate::document::Span) -> bool {
    let line = text[span.start..span.end].trim();
    let own_line = text[..span.start]
        .trim_end_matches([' ', '\t'])
        .ends_with('\n')
        || text[..span.start].trim().is_empty();
    let line_ends = text[span.end..].trim_start_matches([' ', '\t']);
    own_line
        && (line_ends.is_empty() || line_ends.starts_with('\n'))
        && line.len() <= 120
        && !line
            .trim_end_matches(['"', '\u{201d}', '\'', '\u{2019}', ')', ']'])
            .ends_with(['.', '!', '?', ':', ';', ','])
}

/// Whether the event `head` (of `events`) reports a happening in its sentence.
pub(super) fn reports_happening(text: &str, seg: &Segmented, upos: &[Upos], head: &Event) -> bool {
    if matches!(head.class, EventClass::State | EventClass::IState) {
        return false;
    }
    let Some(sentence) = seg.sentence_at(head.span.start) else {
        return true;
    };
    if sentence.text(text).trim_end().ends_with('?') || is_heading(text, sentence.span) {
        return false;
    }
    // A verb in the present tells what is, or what the writer thinks ("it seems", "history
    // tells"), not what happened then. Only the third person's "-s" is told apart from a past
    // form: "read", "put" and "cut" are both.
    if head.upos == Upos::Verb {
        let form = text[head.span.start..head.span.end].to_lowercase();
        let lemma = head.lemma.as_str();
        let third_person = form != lemma
            && !form.ends_with("ss")
            && (form.strip_suffix('s').is_some_and(|f| f == lemma)
                || form.strip_suffix("es").is_some_and(|f| f == lemma)
                || form
                    .strip_suffix("ies")
                    .is_some_and(|f| format!("{f}y") == lemma));
        if third_person {
            return false;
        }
    }
    // Words inside quotation marks are someone's speech, not the narrative. Only double marks
    // count: a single one is as often an apostrophe or a transliteration's ayn ("Mu‘awiya").
    let quotes = seg.tokens[sentence.tokens.start..head.token]
        .iter()
        .filter(|t| {
            t.kind == TokenKind::Quote
                && matches!(
                    t.text(text),
                    "\"" | "\u{201c}" | "\u{201d}" | "\u{201e}" | "\u{ab}" | "\u{bb}"
                )
        })
        .count();
    if quotes % 2 == 1 {
        return false;
    }
    // The words of its clause before it, back to punctuation or four words.
    let first = sentence.tokens.start;
    let mut t = head.token;
    let mut seen = 0;
    while t > first && seen < 4 {
        t -= 1;
        let tok = &seg.tokens[t];
        let w = tok.text(text).to_lowercase();
        if w.chars().all(|c| !c.is_alphanumeric()) {
            break;
        }
        if UNREAL.contains(&w.as_str()) {
            return false;
        }
        // A verb before the head that governs it ("wanted to march", "began to act") leaves
        // the head a plan or a start; the start is a happening, the wish not.
        if matches!(upos.get(t), Some(Upos::Verb))
            && matches!(
                w.as_str(),
                "wanted" | "hoped" | "planned" | "intended" | "tried" | "wished"
            )
        {
            return false;
        }
        seen += 1;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_or_heading_line_is_no_happening() {
        let text = "From Tiberius Gracchus to the Death of Julius Caesar (H. G. Wells, Chapter \
                    XXVIII)\n\nThe Fall of the Republic\n\nCaesar crossed the Rubicon. (He \
                    died in 44 B.C.)\nThen Brutus fled";
        let span = |s: &str| {
            let start = text.find(s).unwrap();
            crate::document::Span::new(start, start + s.len())
        };
        assert!(is_heading(text, span("From Tiberius Gracchus to the Death of Julius Caesar (H. G. Wells, Chapter XXVIII)")));
        assert!(is_heading(text, span("The Fall of the Republic")));
        assert!(!is_heading(text, span("Caesar crossed the Rubicon.")));
        assert!(!is_heading(text, span("(He died in 44 B.C.)")));
        // A sentence cut short at the end of a text is no heading when it shares its line.
        assert!(!is_heading(text, span("Caesar crossed the Rubicon")));
    }
}
