//! Periods counted within something the text has dated: "the fifty-third day of the siege",
//! "the seventeenth year of the war", "the second year of his reign". Once the text has said when
//! the siege, the war or the reign began ("the siege began on 6 April", "he came to the throne
//! in 1558"), the Nth day or year is that start plus N - 1; until it has, it is the story's time.

use super::recognise::{Candidate, Part};
use super::value::{Date, Within, Year};
use super::{date_math, lexicon, Timex, Unit, Value};

/// Words that say where a kind of thing begins, by the noun that counts within it.
fn start_words(noun: &str) -> &'static [&'static str] {
    match noun {
        "siege" => &["siege", "besieg", "invest", "blockad"],
        "reign" => &[
            "reign",
            "throne",
            "accession",
            "acceded",
            "crowned",
            "succeeded",
        ],
        "war" => &["war"],
        "blockade" => &["blockad"],
        "march" => &["march", "set out", "set forth"],
        "voyage" | "journey" | "expedition" => {
            &["set out", "set sail", "sailed", "departed", "left"]
        }
        "occupation" => &["occup"],
        "battle" => &["battle", "fight", "engag"],
        "campaign" => &["campaign"],
        "revolt" | "rebellion" | "rising" | "insurrection" => &[
            "revolt",
            "rebel",
            "rising",
            "rose",
            "insurrection",
            "uprising",
        ],
        "crusade" => &["crusade"],
        _ => &[],
    }
}

/// Words that say a sentence tells a beginning.
const BEGINS: &[&str] = &[
    "began",
    "begun",
    "begin",
    "started",
    "opened",
    "commenced",
    "laid",
    "broke out",
    "declared",
    "came to the throne",
    "succeeded",
    "crowned",
    "set out",
    "arrived",
    "appeared",
    "sat down",
];

/// Date each "Nth unit of the thing" in `out` from the start the text gave the thing before it.
pub(super) fn date_counted_periods(text: &str, candidates: &[Candidate], out: &mut [Timex]) {
    for k in 0..out.len() {
        if out[k].rule != "ordinal-unit-of" {
            continue;
        }
        let Some(cand) = candidates.iter().find(|c| c.span == out[k].span) else {
            continue;
        };
        let (Some(n), Some(unit), Some(noun)) = (
            cand.part(text, Part::N).and_then(lexicon::ordinal),
            cand.part(text, Part::Unit).and_then(lexicon::unit),
            cand.part(text, Part::Refw).map(str::to_ascii_lowercase),
        ) else {
            continue;
        };
        // "On 21 July, the fifth day of the rebellion": in apposition to a date written just
        // before it, it is that date.
        let apposed = k > 0
            && matches!(out[k - 1].value, Value::Date(_))
            && text
                .get(out[k - 1].span.end..out[k].span.start)
                .is_some_and(|gap| gap.trim() == ",");
        if apposed {
            continue;
        }
        // "The first day of the Battle of the Somme": a named one starts where its name is dated.
        let name = text
            .get(cand.parts[Part::Refw as usize].map_or(0, |p| p.end)..)
            .and_then(|rest| rest.trim_start().strip_prefix("of "))
            .map(|rest| {
                rest.split_whitespace()
                    .take_while(|w| w.starts_with(char::is_uppercase) || *w == "the")
                    .filter(|w| w.starts_with(char::is_uppercase))
                    .map(|w| {
                        w.trim_matches(|c: char| !c.is_alphanumeric())
                            .to_lowercase()
                    })
                    .collect::<Vec<_>>()
            })
            .filter(|words| !words.is_empty());
        let Some(start) = start_of(text, out, k, &noun, name.as_deref()) else {
            continue;
        };
        let date = date_math::shift(&start, unit, n as i32 - 1);
        let date = match unit {
            Unit::Year => Date {
                within: Within::Whole,
                time: None,
                ..date
            },
            _ => date,
        };
        if matches!(date.year, Year::Full(_)) {
            out[k].value = Value::Date(date);
        }
    }
}

/// The start of the thing `noun` names: the first dated sentence before timex `k` that tells its
/// beginning ("the siege began on 6 April"), else the first dated sentence that names it.
fn start_of(
    text: &str,
    out: &[Timex],
    k: usize,
    noun: &str,
    name: Option<&[String]>,
) -> Option<Date> {
    let words = start_words(noun);
    let dated: Vec<(usize, Date)> = out[..k]
        .iter()
        .filter_map(|t| match t.value {
            Value::Date(d) if matches!(d.year, Year::Full(_)) && t.rule != "ordinal-unit-of" => {
                Some((t.span.start, d))
            }
            _ => None,
        })
        .collect();
    let sentence_of = |at: usize| {
        let from = text[..at].rfind(['.', '!', '?', '\n']).map_or(0, |i| i + 1);
        let to = text[at..]
            .find(['.', '!', '?', '\n'])
            .map_or(text.len(), |i| at + i);
        text[from..to].to_lowercase()
    };
    let names = |s: &str| match name {
        Some(name) => name.iter().all(|n| s.contains(n.as_str())),
        None => words.iter().any(|w| s.contains(w)),
    };
    let begins = |s: &str| BEGINS.iter().any(|w| s.contains(w));
    dated
        .iter()
        .find(|(at, _)| {
            let s = sentence_of(*at);
            names(&s) && begins(&s)
        })
        .or_else(|| dated.iter().find(|(at, _)| names(&sentence_of(*at))))
        .map(|(_, d)| *d)
}
