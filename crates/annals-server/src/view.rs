//! The corpus as the browser sees it: every document's entries merged into one timeline (as
//! `annals timeline` merges files), with the users' date fixes and drops applied. Built from the
//! store once per change (the store's generation counter) and shared by every request.

use crate::corrections::{self, Correction};
use crate::store;
use annals::time::value::Date;
use annals::timeline::interval::parse_bound;
use annals::timeline::render::{self, Entries};
use annals::timeline::{DateRange, Entry, Source, Timeline};
use anyhow::Result;
use rusqlite::Connection;
use serde_json::Value;
use std::collections::{HashMap, HashSet};

pub struct View {
    pub generation: u64,
    pub timeline: Timeline,
    /// Per entry: its key (see `store::entry_key`) and whether a user changed its date.
    pub keys: Vec<String>,
    pub corrected: Vec<bool>,
    /// Per source: the document id.
    pub documents: Vec<i64>,
    /// `/api/timeline` without filters, rendered once.
    pub all_json: Vec<u8>,
}

/// A date as a user types it: `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (years 1–9999).
pub fn parse_user_date(value: &str) -> Result<Date> {
    let parts: Vec<&str> = value.trim().split('-').collect();
    let num = |s: &str| s.parse::<i32>().ok();
    let date = match parts.as_slice() {
        [y] if y.len() == 4 => num(y).map(Date::year),
        [y, m] if y.len() == 4 => num(y).zip(num(m)).map(|(y, m)| Date::month(y, m as u8)),
        [y, m, d] if y.len() == 4 => num(y)
            .zip(num(m))
            .zip(num(d))
            .map(|((y, m), d)| Date::day(y, m as u8, d as u8)),
        _ => None,
    };
    // parse_bound checks the calendar (month 13, 31 February).
    parse_bound(value).map_err(|e| anyhow::anyhow!("{e}"))?;
    date.ok_or_else(|| anyhow::anyhow!("{value:?}: expected YYYY, YYYY-MM or YYYY-MM-DD"))
}

fn apply_date(e: &mut Entry, value: &str) -> Result<()> {
    e.date = parse_user_date(value)?;
    e.interval = parse_bound(value).map_err(|err| anyhow::anyhow!("{err}"))?;
    e.modifier = None;
    // A date a person has checked is as certain as the timeline gets.
    e.confidence = 1.0;
    Ok(())
}

pub fn build(conn: &Connection) -> Result<View> {
    let generation = store::generation(conn)?;
    let mut drops = HashSet::new();
    let mut dates: HashMap<String, String> = HashMap::new();
    for (_, c, _) in corrections::list(conn)? {
        match c {
            Correction::Drop { entry } => {
                drops.insert(entry);
            }
            Correction::Date { entry, value } => {
                dates.insert(entry, value);
            }
            _ => {}
        }
    }
    let docs = store::all_documents(conn)?;
    let documents: Vec<i64> = docs.iter().map(|d| d.id).collect();
    let parts: Vec<Timeline> = docs
        .into_iter()
        .map(|d| {
            let source = d.source();
            let mut entries = Vec::with_capacity(d.entries.len());
            for (key, mut e) in d.entries {
                if drops.contains(&key) {
                    continue;
                }
                if let Some(v) = dates.get(&key) {
                    // Checked when the correction was made; a failure here means the stored
                    // correction predates a stricter parser, and the extracted date stands.
                    let _ = apply_date(&mut e, v);
                }
                entries.push(e);
            }
            // Entries were stored in timeline order; a corrected date may move one.
            entries.sort_by_key(Entry::order_key);
            Timeline {
                sources: vec![source],
                entries,
            }
        })
        .collect();
    let timeline = Timeline::merge(parts);
    let keys: Vec<String> = timeline
        .entries
        .iter()
        .map(|e| store::entry_key(&timeline.name_of(e.source), e))
        .collect();
    let corrected = keys.iter().map(|k| dates.contains_key(k)).collect();
    let mut view = View {
        generation,
        timeline,
        keys,
        corrected,
        documents,
        all_json: Vec::new(),
    };
    let all: Vec<usize> = (0..view.timeline.entries.len()).collect();
    view.all_json = serde_json::to_vec(&view.timeline_json(&all)?)?;
    Ok(view)
}

/// Some of a timeline's entries, in order: what the writers need to render a filtered view
/// without copying entries.
pub struct Selection<'a> {
    pub timeline: &'a Timeline,
    pub keep: &'a [usize],
}

impl Entries for Selection<'_> {
    fn sources(&self) -> &[Source] {
        &self.timeline.sources
    }
    fn each(&self, f: &mut dyn FnMut(usize, &Entry) -> annals::Result<()>) -> annals::Result<()> {
        for (pos, &k) in self.keep.iter().enumerate() {
            f(pos, &self.timeline.entries[k])?;
        }
        Ok(())
    }
}

/// Filters of `/api/timeline` and `/api/places`.
#[derive(Debug, Default, serde::Deserialize)]
pub struct Filter {
    pub from: Option<String>,
    pub to: Option<String>,
    pub who: Option<String>,
    #[serde(rename = "where")]
    pub place: Option<String>,
    pub document: Option<i64>,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        self.from.is_none()
            && self.to.is_none()
            && self.who.is_none()
            && self.place.is_none()
            && self.document.is_none()
    }
}

impl View {
    /// Add to an entry's JSON (the writers' output for entry `k`) what the browser needs
    /// beyond the CLI's fields: its stable key and its document's id.
    fn mark(&self, e: &mut Value, k: usize) {
        e["key"] = self.keys[k].clone().into();
        e["document"] = self
            .documents
            .get(self.timeline.entries[k].source)
            .copied()
            .into();
    }

    /// Indices of the entries that pass `f`.
    pub fn select(&self, f: &Filter) -> Result<Vec<usize>> {
        let range = DateRange::parse(
            f.from.as_deref().filter(|s| !s.is_empty()),
            f.to.as_deref().filter(|s| !s.is_empty()),
        )
        .map_err(|e| anyhow::anyhow!("{e}"))?;
        let who = f.who.as_deref().filter(|s| !s.trim().is_empty());
        let place = f.place.as_deref().filter(|s| !s.trim().is_empty());
        Ok(self
            .timeline
            .entries
            .iter()
            .enumerate()
            .filter(|(_, e)| {
                range.overlaps(&e.interval)
                    && who.is_none_or(|w| e.has_actor(w))
                    && place.is_none_or(|p| e.has_place(p))
                    && f.document
                        .is_none_or(|d| self.documents.get(e.source) == Some(&d))
            })
            .map(|(i, _)| i)
            .collect())
    }

    /// The CLI's timeline JSON for these entries, each with its `key`, `document` and
    /// `corrected`, each source with its `document`.
    pub fn timeline_json(&self, keep: &[usize]) -> Result<Value> {
        let sel = Selection {
            timeline: &self.timeline,
            keep,
        };
        let mut out = Vec::new();
        render::write_json(&sel, &mut out).map_err(|e| anyhow::anyhow!("{e}"))?;
        let mut v: Value = serde_json::from_slice(&out)?;
        if let Some(sources) = v["sources"].as_array_mut() {
            for (i, s) in sources.iter_mut().enumerate() {
                s["document"] = self.documents.get(i).copied().into();
            }
        }
        if let Some(entries) = v["entries"].as_array_mut() {
            for (pos, e) in entries.iter_mut().enumerate() {
                let k = keep[pos];
                self.mark(e, k);
                e["corrected"] = self.corrected[k].into();
            }
        }
        Ok(v)
    }

    /// The CLI's GeoJSON (a point per place with its entries), each entry with `key` and
    /// `document`.
    pub fn places_json(&self, keep: &[usize]) -> Result<Value> {
        let sel = Selection {
            timeline: &self.timeline,
            keep,
        };
        let mut out = Vec::new();
        annals::timeline::export::write_geojson(&sel, &mut out)
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        let mut v: Value = serde_json::from_slice(&out)?;
        let ids: HashMap<String, usize> = keep
            .iter()
            .enumerate()
            .map(|(pos, &k)| (render::entry_id(pos), k))
            .collect();
        if let Some(features) = v["features"].as_array_mut() {
            for f in features {
                if let Some(entries) = f["properties"]["entries"].as_array_mut() {
                    for e in entries {
                        if let Some(&k) = e["id"].as_str().and_then(|id| ids.get(id)) {
                            self.mark(e, k);
                        }
                    }
                }
            }
        }
        Ok(v)
    }
}
