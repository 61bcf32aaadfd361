//! `annals entities`: the people, places and organisations of documents, with alias clusters and
//! places on the map.

use crate::input::{self, Tally};
use annals::entity::authority::Authority;
use annals::entity::mentions::EntityCluster;
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

An authority file (TOML or CSV) lists canonical names with their aliases, type (PER, LOC, ORG,
NORP, FAC) and optional lat/lon and Wikidata id; it overrides every automatic link:
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
    #[command(flatten)]
    pub ocr: crate::tag_cmd::OcrArgs,
    /// Replace invalid UTF-8 with U+FFFD instead of failing.
    #[arg(long)]
    pub lossy: bool,
    /// Refuse a document larger than this (bytes; K, M, G suffixes).
    #[arg(long, value_name = "BYTES", default_value = "256M", value_parser = crate::input::parse_size, long_help = crate::input::MAX_BYTES_HELP)]
    pub max_bytes: u64,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let authority = match &args.authority {
        Some(p) => Some(std::sync::Arc::new(Authority::read(p)?)),
        None => None,
    };
    let opts = annals::TagOptions {
        entities: true,
        authority,
        ocr: args.ocr.mode(),
        ..Default::default()
    };
    let pipeline = annals::Pipeline::new();
    let inputs = input::expand(&args.files);
    let mut tally = Tally::new(inputs.len());
    let mut out = Stream::new(std::io::stdout().lock(), args.format, inputs.len() > 1);
    // Each document's entities are written as soon as they are found: memory holds one document
    // at a time, whatever the size of the corpus.
    for path in inputs {
        let r = path.map_err(|e| anyhow::anyhow!(e)).and_then(|path| {
            let (_doc, analysis) = input::read_and_analyse(
                &pipeline,
                &path,
                args.lossy,
                args.max_bytes,
                &opts,
                input::print_warning,
            )?;
            Ok((path.display().to_string(), analysis.entities))
        });
        let written = match r {
            Ok(result) => out.document(result),
            Err(e) => {
                tally.fail(e);
                Ok(())
            }
        };
        match written {
            // `annals entities … | head` closing the pipe early is not an error.
            Err(e) if input::is_broken_pipe(&e) => return Ok(()),
            r => r?,
        }
    }
    match out.finish() {
        Err(e) if input::is_broken_pipe(&e) => {}
        r => r?,
    }
    tally.finish()
}

/// Writes documents one by one in the chosen format. JSON is one object for a single input and
/// an array for several; GeoJSON is one FeatureCollection; CSV has one header. Nothing is
/// written before the first document, so a run where every input failed prints nothing.
struct Stream<W: Write> {
    out: std::io::BufWriter<W>,
    format: Format,
    several: bool,
    documents: usize,
    features: usize,
}

impl<W: Write> Stream<W> {
    fn new(out: W, format: Format, several: bool) -> Self {
        Stream {
            out: std::io::BufWriter::new(out),
            format,
            several,
            documents: 0,
            features: 0,
        }
    }

    fn document(&mut self, result: (String, Vec<EntityCluster>)) -> anyhow::Result<()> {
        let first = self.documents == 0;
        self.documents += 1;
        let one = [result];
        match self.format {
            Format::Table => self.out.write_all(table(&one).as_bytes())?,
            Format::Csv => self.out.write_all(csv(&one, first)?.as_bytes())?,
            Format::Json => {
                let (file, clusters) = &one[0];
                let value = serde_json::json!({ "file": file, "entities": clusters });
                let text = serde_json::to_string_pretty(&value).context("serialising")?;
                if !self.several {
                    writeln!(self.out, "{text}")?;
                } else {
                    self.out.write_all(if first { b"[\n" } else { b",\n" })?;
                    self.out.write_all(indent(&text, 2).as_bytes())?;
                }
            }
            Format::Geojson => {
                if first {
                    self.out.write_all(b"{\n  \"features\": [")?;
                }
                for feature in geojson_features(&one) {
                    let text = serde_json::to_string_pretty(&feature).context("serialising")?;
                    let sep: &[u8] = if self.features == 0 { b"\n" } else { b",\n" };
                    self.out.write_all(sep)?;
                    self.out.write_all(indent(&text, 4).as_bytes())?;
                    self.features += 1;
                }
            }
        }
        Ok(())
    }

    fn finish(mut self) -> anyhow::Result<()> {
        if self.documents > 0 {
            match self.format {
                Format::Json if self.several => self.out.write_all(b"\n]\n")?,
                Format::Geojson => {
                    if self.features > 0 {
                        self.out.write_all(b"\n  ")?;
                    }
                    self.out
                        .write_all(b"],\n  \"type\": \"FeatureCollection\"\n}\n")?;
                }
                _ => {}
            }
        }
        self.out.flush()?;
        Ok(())
    }
}

/// Every line of `text` indented by `n` spaces (JSON strings hold no raw newlines, so this
/// nests pretty-printed JSON exactly as serde_json would).
fn indent(text: &str, n: usize) -> String {
    let pad = " ".repeat(n);
    text.lines()
        .map(|l| format!("{pad}{l}"))
        .collect::<Vec<_>>()
        .join("\n")
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

const CSV_HEADER: [&str; 9] = [
    "file",
    "entity",
    "type",
    "confidence",
    "mention",
    "start",
    "end",
    "lat",
    "lon",
];

fn csv(results: &[(String, Vec<EntityCluster>)], header: bool) -> anyhow::Result<String> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    if header {
        w.write_record(CSV_HEADER)?;
    }
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

/// One GeoJSON Feature per place entity.
fn geojson_features(results: &[(String, Vec<EntityCluster>)]) -> Vec<serde_json::Value> {
    results
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
        .collect()
}
