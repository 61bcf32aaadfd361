//! JSON output (schema: docs/json-schema.md).

use crate::document::Document;
use crate::pipeline::Analysis;
use serde::Serialize;

#[derive(Serialize)]
pub struct JsonDocument<'a> {
    pub file: String,
    pub dct: Option<&'a str>,
    pub mode: crate::pipeline::Mode,
    pub timexes: Vec<JsonTimex<'a>>,
    /// With `annals tag --events`: every event word with its class and time.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<JsonEvent<'a>>,
}

#[derive(Serialize)]
pub struct JsonEvent<'a> {
    pub eid: String,
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    pub class: crate::event::EventClass,
    pub lemma: &'a str,
    /// The `tid` of the time expression the event is anchored to, if any.
    pub tid: Option<String>,
    /// How: `clause`, `sentence` or `inherited`.
    pub how: Option<crate::event::anchor::How>,
    /// `before`/`after` another event (`eid`) from a signal such as "after".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relation: Option<(crate::event::anchor::RelationKind, String)>,
}

#[derive(Serialize)]
pub struct JsonTimex<'a> {
    pub tid: String,
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    #[serde(rename = "type")]
    pub ttype: &'static str,
    pub value: String,
    #[serde(rename = "mod", skip_serializing_if = "Option::is_none")]
    pub modifier: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quant: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub freq: Option<&'a str>,
    pub anchoring: crate::time::Anchoring,
    pub rule: &'static str,
    /// What the expression does to the story line: `moves` (what follows without a date of its
    /// own happened then), or why it is an aside (`look-back`, `since`, `until`, `plan`,
    /// `bracketed`, `comparison`, `broader`, `detour`).
    pub story: &'static str,
    /// Set when the expression was written in another calendar (`julian`, `hijri`, `persian`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub calendar: Option<&'static str>,
    /// The date as written in that calendar (`1917-10-25`, `1339-07`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub original: Option<&'a str>,
    /// In news mode, an amount counted from another time ("three days" in "three days later")
    /// is the DURATION TimeML annotates; this is the date it reaches.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reaches: Option<String>,
}

/// The JSON view of a tagged document.
pub fn document<'a>(doc: &'a Document, analysis: &'a Analysis) -> JsonDocument<'a> {
    JsonDocument {
        file: doc.path.display().to_string(),
        dct: analysis.dct.as_deref(),
        mode: analysis.mode,
        timexes: analysis
            .timexes
            .iter()
            .enumerate()
            .map(|(i, resolved)| {
                let t = resolved.as_annotated(analysis.mode);
                JsonTimex {
                    tid: format!("t{}", i + 1),
                    start: t.span.start,
                    end: t.span.end,
                    text: doc.slice(t.span),
                    ttype: t.ttype.as_str(),
                    value: t.value.to_string(),
                    modifier: t.modifier.map(|m| m.as_str()),
                    quant: resolved.quant.as_deref(),
                    freq: resolved.freq.as_deref(),
                    anchoring: t.anchoring,
                    rule: t.rule,
                    story: resolved.role.name(),
                    calendar: resolved.calendar.as_ref().map(|c| c.calendar.as_str()),
                    original: resolved.calendar.as_ref().map(|c| c.original.as_str()),
                    reaches: (t.span != resolved.span).then(|| resolved.value.to_string()),
                }
            })
            .collect(),
        events: analysis
            .events
            .iter()
            .zip(&analysis.event_times)
            .enumerate()
            .map(|(i, (e, t))| JsonEvent {
                eid: format!("e{}", i + 1),
                start: e.span.start,
                end: e.span.end,
                text: doc.slice(e.span),
                class: e.class,
                lemma: &e.lemma,
                tid: t.timex.map(|k| format!("t{}", k + 1)),
                how: t.how,
                relation: t.relation.map(|r| (r.kind, format!("e{}", r.event + 1))),
            })
            .collect(),
    }
}
