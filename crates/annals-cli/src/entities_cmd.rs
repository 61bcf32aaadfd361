//! `annals entities`: the people, places and organisations of documents, with alias clusters and
//! places on the map.

use annals::entity::authority::Authority;
use annals::entity::mentions::{self, EntityCluster};
use crate::input::{self, Tally};
use anyhow::Context;
use std::io::Write;
use std::path::PathBuf;

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum Format {
    /// One line per entity: type, name, confidence, coordinates, mentions.
    Table,
    /// One object per document: entities with their mentions (byte spans) and places.
    Json,
    /// One row per mention: file, entity, type, confidence, mention, start, end, lat, lon.
    Csv,
    /// A GeoJSON FeatureCollection: one point per place entity, its mentions as properties.
    Geojson,
}

#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:
  annals entities examples/gilan-1920.txt
  annals entities --format geojson examples/gilan-1920.txt > places.geojson
  annals entities --authority names.toml chapter*.txt

An authority file (TOML or CSV) lists canonical names with their aliases, type (PER, LOC, ORG)
and optional lat/lon and Wikidata id; it overrides every automatic link:
  [[entity]]
  name = \"Mirza Kuchik Khan\"
  aliases = [\"Kuchuk Khan\", \"Heaps Khan\", \"Tunb Khan\"]
  type = \"PER\"")]
pub struct Args {
    #[arg(required = true, help = crate::input::FILES_HELP)]
    pub files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
    /// A file of canonical names and aliases (TOML or CSV) that overrides automatic clustering.
    #[arg(long, value_name = "FILE")]
    pub authority: Option<PathBuf>,
    /// Replace invalid UTF-8 with U+FFFD instead of failing.
    #[arg(long)]
    pub lossy: bool,
    /// Refuse a document larger than this (bytes; K, M, G suffixes).
    #[arg(long, value_name = "BYTES", default_value = "256M", value_parser = crate::input::parse_size, long_help = crate::input::MAX_BYTES_HELP)]
    pub max_bytes: u64,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let authority = match &args.authority {
        Some(p) => Some(Authority::read(p)?),
        None => None,
    };
    let pipeline = annals::Pipeline::new();
    let inputs = input::expand(&args.files);
    let mut tally = Tally::new(inputs.len());
    // Only the clusters of each file are kept, not its text or analysis.
    let mut results = Vec::new();
    for path in inputs {
        let r = path.map_err(|e| anyhow::anyhow!(e)).and_then(|path| {
            let doc = input::read(&path, args.lossy, args.max_bytes)?;
            for w in input::replacement_warnings(&path, &doc) {
                eprintln!("annals: {w}");
            }
            let analysis = pipeline
                .analyse(&doc, &Default::default())
                .with_context(|| format!("analysing {}", path.display()))?;
            let times: Vec<annals::Span> = analysis.timexes.iter().map(|t| t.span).collect();
            let clusters =
                mentions::entities(&doc.text, &analysis.segmented, &times, authority.as_ref());
            Ok((path.display().to_string(), clusters))
        });
        match r {
            Ok(r) => results.push(r),
            Err(e) => tally.fail(e),
        }
    }
    tally.finish()?;
    let out = match args.format {
        Format::Table => table(&results),
        Format::Json => {
            let docs: Vec<serde_json::Value> = results
                .iter()
                .map(|(file, clusters)| serde_json::json!({ "file": file, "entities": clusters }))
                .collect();
            let value = if docs.len() == 1 {
                docs.into_iter().next().unwrap_or_default()
            } else {
                serde_json::Value::Array(docs)
            };
            serde_json::to_string_pretty(&value).context("serialising")? + "\n"
        }
        Format::Csv => csv(&results)?,
        Format::Geojson => {
            serde_json::to_string_pretty(&geojson(&results)).context("serialising")? + "\n"
        }
    };
    let stdout = std::io::stdout();
    let mut lock = stdout.lock();
    match lock.write_all(out.as_bytes()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.context("writing output"),
    }
}

fn table(results: &[(String, Vec<EntityCluster>)]) -> String {
    let mut s = String::new();
    for (file, clusters) in results {
        s.push_str(&format!("# {file}: {} entities\n", clusters.len()));
        s.push_str(&format!(
            "{:<4} {:<28} {:>5} {:<22} MENTIONS\n",
            "TYPE", "NAME", "CONF", "PLACE"
        ));
        let mut sorted: Vec<&EntityCluster> = clusters.iter().collect();
        sorted.sort_by_key(|c| (c.etype, std::cmp::Reverse(c.mentions.len())));
        for c in sorted {
            let place = c
                .place
                .as_ref()
                .map(|p| format!("{:.2},{:.2} {}", p.lat, p.lon, p.country))
                .unwrap_or_default();
            let mut names: Vec<&str> = c.mentions.iter().map(|m| m.text.as_str()).collect();
            names.dedup();
            s.push_str(&format!(
                "{:<4} {:<28} {:>5.2} {:<22} {}\n",
                c.etype.as_str(),
                c.name,
                c.confidence,
                place,
                names.join(" | ")
            ));
        }
    }
    s
}

fn csv(results: &[(String, Vec<EntityCluster>)]) -> anyhow::Result<String> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    w.write_record([
        "file",
        "entity",
        "type",
        "confidence",
        "mention",
        "start",
        "end",
        "lat",
        "lon",
    ])?;
    for (file, clusters) in results {
        for c in clusters {
            for m in &c.mentions {
                let (lat, lon) = c
                    .place
                    .as_ref()
                    .map(|p| (p.lat.to_string(), p.lon.to_string()))
                    .unwrap_or_default();
                w.write_record([
                    file.as_str(),
                    &c.name,
                    c.etype.as_str(),
                    &format!("{:.2}", c.confidence),
                    &m.text,
                    &m.span.start.to_string(),
                    &m.span.end.to_string(),
                    &lat,
                    &lon,
                ])?;
            }
        }
    }
    Ok(String::from_utf8(w.into_inner()?)?)
}

fn geojson(results: &[(String, Vec<EntityCluster>)]) -> serde_json::Value {
    let features: Vec<serde_json::Value> = results
        .iter()
        .flat_map(|(file, clusters)| clusters.iter().map(move |c| (file, c)))
        .filter_map(|(file, c)| {
            let p = c.place.as_ref()?;
            Some(serde_json::json!({
                "type": "Feature",
                // GeoJSON positions are longitude first.
                "geometry": { "type": "Point", "coordinates": [p.lon, p.lat] },
                "properties": {
                    "name": c.name,
                    "country": p.country,
                    "kind": p.kind,
                    "file": file,
                    "confidence": c.confidence,
                    "mentions": c.mentions.iter().map(|m| serde_json::json!({
                        "text": m.text, "start": m.span.start, "end": m.span.end
                    })).collect::<Vec<_>>(),
                }
            }))
        })
        .collect();
    serde_json::json!({ "type": "FeatureCollection", "features": features })
}
