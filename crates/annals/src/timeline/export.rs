//! Timelines for other tools: TimelineJS 3 JSON, GeoJSON (a feature per place with its
//! events) and TimeML (a document with its TIMEX3, EVENT and TLINK annotation).

use super::render::{date_label, entry_id, indented_json, output_error, to_string, Entries};
use super::{Entry, Timeline};
use crate::document::{Document, Tag};
use crate::error::Result;
use crate::event::anchor::{How, RelationKind};
use crate::pipeline::Analysis;
use crate::time::Granularity;
use serde::Serialize;
use serde_json::{json, Value};
use std::io::Write;

/// Headlines longer than this many characters are cut at a word boundary.
const HEADLINE_CHARS: usize = 90;

/// Escape text for the HTML that TimelineJS renders in `text` fields.
fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out = String::new();
    for word in s.split_whitespace() {
        if out.chars().count() + word.chars().count() + 1 > max.saturating_sub(1) {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out.push('…');
    out
}

/// A TimelineJS date object: as precise as the entry (a year, a month or a day).
fn tl_date(d: jiff::civil::Date, precision: Granularity) -> Value {
    let mut v = json!({ "year": d.year() });
    if precision >= Granularity::Month {
        v["month"] = json!(d.month());
    }
    if precision >= Granularity::Day {
        v["day"] = json!(d.day());
    }
    v
}

/// TimelineJS 3 JSON (the format of its `TL.Timeline` constructor and Google-sheet-free JSON
/// loading): one slide per entry and a title slide. A day, month or year is a point; anything
/// vaguer (a season, a decade, "the beginning of 1920") is a span from its first to its last
/// day, with the TimeML label as `display_date`. Text is HTML-escaped: TimelineJS renders
/// `text` fields as HTML. Written entry by entry (keys in serde_json's sorted order: `events`,
/// then `title`).
pub fn write_timelinejs(src: &dyn Entries, out: &mut dyn Write) -> Result<()> {
    write!(out, "{{\n  \"events\": [").map_err(output_error)?;
    let mut count = 0;
    src.each(&mut |i, e| {
        let sep = if count > 0 { "," } else { "" };
        count += 1;
        write!(
            out,
            "{sep}\n{}",
            indented_json(&timelinejs_event(src, i, e), 4)
        )
        .map_err(output_error)
    })?;
    let close = if count > 0 { "\n  ]" } else { "]" };
    let names: Vec<String> = src.sources().iter().map(|s| s.name()).collect();
    let title = json!({
        "text": {
            "headline": "Timeline",
            "text": html(&format!("{count} entries from {}", names.join(", "))),
        }
    });
    writeln!(
        out,
        "{close},\n  \"title\": {}\n}}",
        indented_json(&title, 2).trim_start()
    )
    .map_err(output_error)
}

/// [`write_timelinejs`] into a string.
pub fn timelinejs(timeline: &Timeline) -> String {
    to_string(|out| write_timelinejs(timeline, out))
}

fn timelinejs_event(src: &dyn Entries, index: usize, e: &Entry) -> Value {
    let g = e.granularity();
    let point = e.modifier.is_none() && matches!(g, Granularity::Year | Granularity::Month)
        || matches!(g, Granularity::Day | Granularity::Time);
    let start = e.interval.start_date();
    let last = e.interval.end_date().yesterday().unwrap_or(start);
    let mut v = json!({
        "unique_id": entry_id(index),
        "display_date": date_label(e),
        "group": src.name_of(e.source),
    });
    if point {
        v["start_date"] = tl_date(start, g.min(Granularity::Day));
    } else {
        v["start_date"] = tl_date(start, Granularity::Day);
        v["end_date"] = tl_date(last, Granularity::Day);
    }
    let who: Vec<&str> = e
        .actors
        .iter()
        .chain(&e.places)
        .map(|p| p.name.as_str())
        .collect();
    let mut text = format!("<p>{}</p>", html(&e.sentence));
    if !who.is_empty() {
        text.push_str(&format!("<p>{}</p>", html(&who.join(" · "))));
    }
    text.push_str(&format!(
        "<p><small>{} · confidence {}</small></p>",
        html(&src.name_of(e.source)),
        e.confidence
    ));
    v["text"] = json!({ "headline": html(&shorten(&e.summary, HEADLINE_CHARS)), "text": text });
    v
}

#[derive(Serialize)]
struct GeoEntry {
    id: String,
    value: String,
    label: String,
    summary: String,
    source: String,
}

/// A place of the GeoJSON output while entries are read.
struct GeoPlace {
    name: String,
    lat: f64,
    lon: f64,
    written: Vec<String>,
    entries: Vec<GeoEntry>,
}

/// GeoJSON: one Point feature per place with coordinates, carrying the entries that mention it
/// (in timeline order) and the ways it is written. Places without coordinates are left out:
/// GeoJSON has nowhere to put them. Memory holds a short record per (place, entry) pair, not
/// the entries.
pub fn write_geojson(src: &dyn Entries, out: &mut dyn Write) -> Result<()> {
    let mut places: Vec<GeoPlace> = Vec::new();
    let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    src.each(&mut |i, e| {
        for p in &e.places {
            let Some((lat, lon)) = p.coordinates else {
                continue;
            };
            let k = *index.entry(p.name.clone()).or_insert_with(|| {
                places.push(GeoPlace {
                    name: p.name.clone(),
                    lat,
                    lon,
                    written: Vec::new(),
                    entries: Vec::new(),
                });
                places.len() - 1
            });
            let place = &mut places[k];
            if !place.written.contains(&p.text) {
                place.written.push(p.text.clone());
            }
            let id = entry_id(i);
            if place.entries.last().is_none_or(|g| g.id != id) {
                place.entries.push(GeoEntry {
                    id,
                    value: e.value(),
                    label: date_label(e),
                    summary: e.summary.clone(),
                    source: src.name_of(e.source),
                });
            }
        }
        Ok(())
    })?;
    let features: Vec<Value> = places
        .into_iter()
        .map(|p| {
            json!({
                "type": "Feature",
                "geometry": { "type": "Point", "coordinates": [p.lon, p.lat] },
                "properties": {
                    "name": p.name,
                    "written": p.written,
                    "entries": p.entries,
                },
            })
        })
        .collect();
    let doc = json!({ "type": "FeatureCollection", "features": features });
    serde_json::to_writer_pretty(&mut *out, &doc).map_err(|e| output_error(e.into()))?;
    writeln!(out).map_err(output_error)
}

/// [`write_geojson`] into a string.
pub fn geojson(timeline: &Timeline) -> String {
    to_string(|out| write_geojson(timeline, out))
}

/// A document as TimeML: TIMEX3 and EVENT inline, then a MAKEINSTANCE per event and TLINKs for
/// how events were placed in time: IS_INCLUDED in the time expression of their clause or
/// sentence (inherited times are a guess and get no link), BEFORE/AFTER another event from an
/// ordering signal.
pub fn timeml(doc: &Document, analysis: &Analysis) -> String {
    let tags: Vec<Tag> = analysis.tags();
    let mut out = crate::io::timeml::write(doc, &tags);
    let mut links = String::new();
    for (i, _) in analysis.events.iter().enumerate() {
        links.push_str(&format!(
            "<MAKEINSTANCE eiid=\"ei{n}\" eventID=\"e{n}\"/>\n",
            n = i + 1
        ));
    }
    let mut lid = 0;
    for (i, time) in analysis.event_times.iter().enumerate() {
        if let (Some(k), Some(How::Clause | How::Sentence)) = (time.timex, time.how) {
            lid += 1;
            links.push_str(&format!(
                "<TLINK lid=\"l{lid}\" relType=\"IS_INCLUDED\" eventInstanceID=\"ei{}\" relatedToTime=\"t{}\"/>\n",
                i + 1,
                k + 1
            ));
        }
        if let Some(r) = time.relation {
            lid += 1;
            let rel = match r.kind {
                RelationKind::Before => "BEFORE",
                RelationKind::After => "AFTER",
            };
            links.push_str(&format!(
                "<TLINK lid=\"l{lid}\" relType=\"{rel}\" eventInstanceID=\"ei{}\" relatedToEventInstance=\"ei{}\"/>\n",
                i + 1,
                r.event + 1
            ));
        }
    }
    if let Some(at) = out.rfind("</TEXT>") {
        let at = at + "</TEXT>".len();
        let insert = format!("\n{}", links.trim_end_matches('\n'));
        out.insert_str(at, &insert);
    }
    out
}
