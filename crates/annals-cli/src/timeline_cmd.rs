//! `annals timeline`: what happened in one or more documents, in order, with who and where.

use crate::input::{self, Tally};
use crate::tag_cmd::AnchorArgs;
use annals::entity::authority::Authority;
use annals::pipeline::{Pipeline, TagOptions};
use annals::timeline::render::Entries;
use annals::timeline::spill::Spill;
use annals::timeline::{export, render, DateRange, Timeline};
use anyhow::{bail, Context};
use rayon::prelude::*;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Columns date, who, where and what; wrapped and coloured on a terminal (NO_COLOR turns
    /// colour off), one plain line per entry when piped.
    Table,
    /// One object with sources and entries (docs/timeline-json.md, schema in docs/schemas/timeline.schema.json).
    Json,
    /// One row per entry with the JSON entry fields as columns.
    Csv,
    /// A Markdown table.
    Markdown,
    /// TimeML per document: TIMEX3, EVENT, and TLINKs placing events in time (one input, or
    /// --out-dir for several).
    Timeml,
    /// TimelineJS 3 JSON, to load in a TimelineJS page.
    Timelinejs,
    /// GeoJSON: one point per place, carrying its entries.
    Geojson,
}

const HELP: &str = "\
An entry is a happening: the events of a sentence that share a time, headed by the event that
best names it, with a summary (its clause), actors (people, organisations), places and the
source sentence. A sentence without a date of its own inherits the story's last date at a lower
confidence; the table marks such dates with `~`. \"after\", \"before\", \"following\" and \"on
the eve of\" order events without inventing dates (AFTER/BEFORE). Entries from several files
telling the same event are merged, keeping every source.

Examples:
  annals timeline examples/gilan-1920.txt
  annals timeline --who Trotsky --from 1919 --to 1920-06 examples/gilan-1920.txt
  annals timeline --where Rasht --format json examples/gilan-1920.txt
  annals timeline --format timelinejs chapters/ > timeline.json
  annals timeline --format geojson chapters/ > places.geojson
  annals timeline --format timeml --out-dir tml/ chapters/";

#[derive(clap::Args, Debug)]
#[command(after_help = HELP)]
pub struct Args {
    /// Input files or folders; several give one merged timeline.
    #[arg(required = true, long_help = format!("{} Several files give one merged timeline.", crate::input::FILES_HELP))]
    pub files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
    /// Keep entries that overlap this date or later: YYYY, YYYY-MM or YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Keep entries that overlap this date or earlier: YYYY, YYYY-MM or YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Keep entries with an actor whose name (or spelling in the text) contains NAME
    /// (case-insensitive).
    #[arg(long, value_name = "NAME")]
    pub who: Option<String>,
    /// Keep entries with a place whose name (or spelling in the text) contains PLACE
    /// (case-insensitive).
    #[arg(long = "where", value_name = "PLACE")]
    pub place: Option<String>,
    /// Every dated sentence becomes an entry, not only those that report a happening (states,
    /// plans, descriptions and commentary that inherit the story's date are left out by default).
    #[arg(long)]
    pub all: bool,
    /// Say why each entry has its date (its own clause, the story line at that point, a
    /// heading's range, a calendar rule): a line under each entry in the table, `explain` in
    /// JSON.
    #[arg(long)]
    pub explain: bool,
    /// Keep entries at least this confident (0-1); 0.6 drops dates inherited from an earlier
    /// sentence.
    #[arg(long, value_name = "X", default_value_t = 0.0)]
    pub min_confidence: f32,
    /// A file of canonical names and aliases (TOML or CSV) that overrides automatic clustering
    /// (see `annals entities --help`).
    #[arg(long, value_name = "FILE")]
    pub authority: Option<PathBuf>,
    /// For --format timeml: write one .tml per input into this folder.
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
    #[command(flatten)]
    pub anchor: AnchorArgs,
    #[command(flatten)]
    pub ocr: crate::tag_cmd::OcrArgs,
    /// Replace invalid UTF-8 with U+FFFD instead of failing.
    #[arg(long)]
    pub lossy: bool,
    /// Refuse a document larger than this (bytes; K, M, G suffixes).
    #[arg(long, value_name = "BYTES", default_value = "256M", value_parser = crate::input::parse_size, long_help = crate::input::MAX_BYTES_HELP)]
    pub max_bytes: u64,
}

/// A progress bar is noise for a handful of files, which take well under a second.
const PROGRESS_MIN_FILES: usize = 20;

/// Table width when stdout is a terminal and COLUMNS is unset (the standard library cannot ask
/// the terminal itself).
const DEFAULT_WIDTH: usize = 100;

pub fn run(args: Args) -> anyhow::Result<()> {
    // Check the bounds before reading anything: a typo should not cost a long run.
    let range =
        DateRange::parse(args.from.as_deref(), args.to.as_deref()).context("in --from/--to")?;
    if !(0.0..=1.0).contains(&args.min_confidence) {
        bail!("--min-confidence must be between 0 and 1");
    }
    let authority = match &args.authority {
        Some(p) => Some(Arc::new(Authority::read(p)?)),
        None => None,
    };
    let opts = TagOptions {
        events: true,
        entities: true,
        authority,
        ocr: args.ocr.mode(),
        ..args.anchor.options()
    };
    let pipeline = Pipeline::new();

    let inputs = input::expand(&args.files);
    if args.format == Format::Timeml {
        return timeml(&pipeline, &args, &opts, &inputs);
    }
    if args.out_dir.is_some() {
        bail!("--out-dir is for --format timeml; other formats give one merged timeline on standard output");
    }
    let progress = (std::io::stderr().is_terminal() && inputs.len() > PROGRESS_MIN_FILES)
        .then(|| indicatif::ProgressBar::new(inputs.len() as u64));
    let keep = |t: &mut Timeline| {
        t.retain_range(&range);
        if let Some(name) = &args.who {
            t.retain_actor(name);
        }
        if let Some(place) = &args.place {
            t.retain_place(place);
        }
        t.retain_confidence(args.min_confidence);
    };
    // Documents are analysed in parallel a batch at a time; each worker keeps only its file's
    // (filtered) entries, and the spill writes sorted runs to a temporary file past its memory
    // budget, so memory stays bounded however large the corpus and its timeline.
    let batch = (rayon::current_num_threads() * 8).max(1);
    let mut spill = Spill::default();
    let mut tally = Tally::new(inputs.len());
    for chunk in inputs.chunks(batch) {
        let results: Vec<anyhow::Result<(Timeline, Vec<String>)>> = chunk
            .par_iter()
            .map(|path| {
                let r = match path {
                    Ok(path) => {
                        timeline_of(&pipeline, path, args.lossy, args.max_bytes, &opts, args.all)
                            .map(|(mut t, w)| {
                                keep(&mut t);
                                (t, w)
                            })
                    }
                    Err(e) => Err(anyhow::anyhow!("{e}")),
                };
                if let Some(p) = &progress {
                    p.inc(1);
                }
                r
            })
            .collect();
        // Errors and warnings are reported in the order the files were given, not the order
        // the threads finished in, so that runs are reproducible.
        for r in results {
            match r {
                Ok((timeline, warnings)) => {
                    for w in warnings {
                        eprintln!("annals: {w}");
                    }
                    spill.push(timeline)?;
                }
                Err(e) => tally.fail(e),
            }
        }
    }
    if let Some(p) = &progress {
        p.finish_and_clear();
    }
    tally.finish()?;
    spill.finish()?;
    if spill.is_empty() && matches!(args.format, Format::Table | Format::Markdown) {
        eprintln!("annals: no entries found (or none left by the filters)");
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let written = write(&spill, args.format, args.explain, &mut out).and_then(|()| {
        out.flush()
            .map_err(|e| anyhow::Error::new(annals::timeline::render::output_error(e)))
    });
    match written {
        // `annals timeline … | head` closing the pipe early is not an error.
        Err(e) if input::is_broken_pipe(&e) => Ok(()),
        r => r.context("writing to standard output"),
    }
}

/// Read and analyse one file; warnings (lossy replacements) are returned for the caller to print
/// in file order.
fn timeline_of(
    pipeline: &Pipeline,
    path: &Path,
    lossy: bool,
    max_bytes: u64,
    opts: &TagOptions,
    all: bool,
) -> anyhow::Result<(Timeline, Vec<String>)> {
    let mut warnings = Vec::new();
    let (doc, analysis) =
        input::read_and_analyse(pipeline, path, lossy, max_bytes, opts, |w| warnings.push(w))?;
    Ok((Timeline::of_document(&doc, &analysis, all), warnings))
}

/// `--format timeml`: each document's TimeML, to standard output for one input or into
/// `--out-dir`, one file per input. Filters do not apply: TimeML annotates the whole text.
fn timeml(
    pipeline: &Pipeline,
    args: &Args,
    opts: &TagOptions,
    inputs: &[Result<PathBuf, String>],
) -> anyhow::Result<()> {
    if args.out_dir.is_none() && inputs.len() > 1 {
        bail!(
            "--format timeml writes one document per input: give --out-dir DIR for several inputs"
        );
    }
    if args.from.is_some() || args.to.is_some() || args.who.is_some() || args.place.is_some() {
        eprintln!("annals: --from/--to/--who/--where do not apply to TimeML output (it annotates the whole text)");
    }
    if let Some(dir) = &args.out_dir {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    let mut tally = Tally::new(inputs.len());
    let mut names = input::OutputNames::default();
    for path in inputs {
        let r = path
            .as_ref()
            .map_err(|e| anyhow::anyhow!("{e}"))
            .and_then(|path| {
                let (doc, analysis) = input::read_and_analyse(
                    pipeline,
                    path,
                    args.lossy,
                    args.max_bytes,
                    opts,
                    input::print_warning,
                )?;
                let sub = input::sub_folder(&args.files, path);
                Ok((sub.join(doc.file_name()), export::timeml(&doc, &analysis)))
            });
        match r {
            Ok((name, out)) => match &args.out_dir {
                Some(dir) => names.write(dir, &name, "tml", &out)?,
                None => std::io::stdout()
                    .lock()
                    .write_all(out.as_bytes())
                    .context("writing to standard output")?,
            },
            Err(e) => tally.fail(e),
        }
    }
    tally.finish()
}

fn table_width() -> Option<usize> {
    if !std::io::stdout().is_terminal() {
        return None;
    }
    let columns = std::env::var("COLUMNS").ok();
    Some(
        columns
            .and_then(|c| c.trim().parse::<usize>().ok())
            .filter(|&c| c > 0)
            .unwrap_or(DEFAULT_WIDTH),
    )
}

/// Write a timeline (in memory or spilled) in `format` (all but TimeML, which is per document).
pub fn write(
    src: &dyn Entries,
    format: Format,
    explain: bool,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    match format {
        Format::Table => {
            // Colour only on a terminal, and never when NO_COLOR is set (no-color.org).
            let colour = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            render::write_table_explained(src, table_width(), colour, explain, out)?
        }
        Format::Json => render::write_json(src, out)?,
        Format::Markdown => render::write_markdown(src, out)?,
        Format::Timelinejs => export::write_timelinejs(src, out)?,
        Format::Geojson => export::write_geojson(src, out)?,
        Format::Timeml => bail!("TimeML is written per document, not from a merged timeline"),
        Format::Csv => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record(render::CSV_HEADER)?;
            src.each(&mut |i, e| {
                w.write_record(render::csv_record(src, i, e))
                    .map_err(|err| annals::timeline::render::output_error(err.into()))
            })?;
            w.flush()?;
        }
    }
    Ok(())
}

/// [`write`] into a string.
#[cfg(test)]
fn render_to_string(timeline: &Timeline, format: Format) -> anyhow::Result<String> {
    let mut out = Vec::new();
    write(timeline, format, false, &mut out)?;
    String::from_utf8(out).context("output is UTF-8")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn timeline(text: &str) -> Timeline {
        Timeline::from_text(text).unwrap()
    }

    #[test]
    fn csv_quotes_commas_and_quotes() {
        let t = timeline("On 4 June 1920, the \"red\" army took Rasht.");
        let out = render_to_string(&t, Format::Csv).unwrap();
        let mut lines = out.lines();
        assert_eq!(lines.next().unwrap(), render::CSV_HEADER.join(","));
        let row = lines.next().unwrap();
        assert!(
            row.contains(r#","On 4 June 1920, the ""red"" army took Rasht.","#),
            "{row}"
        );
        let mut reader = csv::Reader::from_reader(out.as_bytes());
        let rec = reader.records().next().unwrap().unwrap();
        assert_eq!(&rec[1], "1920-06-04");
        assert_eq!(&rec[14], "On 4 June 1920, the \"red\" army took Rasht.");
    }

    #[test]
    fn missing_file_is_named() {
        let err = timeline_of(
            &Pipeline::new(),
            Path::new("no/such/file.txt"),
            false,
            u64::MAX,
            &TagOptions::default(),
            false,
        )
        .unwrap_err();
        assert!(format!("{err:#}").contains("no/such/file.txt"), "{err:#}");
    }
}
