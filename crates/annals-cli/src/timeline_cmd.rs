//! `annals timeline`: the dated statements of one or more documents, in order.

use crate::input::{self, Tally};
use crate::tag_cmd::AnchorArgs;
use annals::pipeline::{Pipeline, TagOptions};
use annals::timeline::{render, DateRange, Timeline};
use anyhow::Context;
use rayon::prelude::*;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum Format {
    /// Columns date, text and sentence; wrapped to the terminal, one line per entry when piped.
    Table,
    /// One object with sources and entries (schema in docs/timeline-json.md).
    Json,
    /// One row per entry with the JSON entry fields as columns.
    Csv,
    /// A Markdown table.
    Markdown,
}

#[derive(clap::Args, Debug)]
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
    #[command(flatten)]
    pub anchor: AnchorArgs,
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
    let opts = args.anchor.options();
    let pipeline = Pipeline::new();

    let inputs = input::expand(&args.files);
    let progress = (std::io::stderr().is_terminal() && inputs.len() > PROGRESS_MIN_FILES)
        .then(|| indicatif::ProgressBar::new(inputs.len() as u64));
    // Each worker keeps only the timeline of its file (entries with their sentences), never the
    // document or its analysis, so memory grows with the output, not with the corpus.
    let results: Vec<anyhow::Result<(Timeline, Vec<String>)>> = inputs
        .par_iter()
        .map(|path| {
            let r = match path {
                Ok(path) => timeline_of(&pipeline, path, args.lossy, args.max_bytes, &opts),
                Err(e) => Err(anyhow::anyhow!("{e}")),
            };
            if let Some(p) = &progress {
                p.inc(1);
            }
            r
        })
        .collect();
    if let Some(p) = &progress {
        p.finish_and_clear();
    }

    // Errors and warnings are reported in the order the files were given, not the order the
    // threads finished in, so that runs are reproducible.
    let mut parts = Vec::with_capacity(results.len());
    let mut tally = Tally::new(results.len());
    for r in results {
        match r {
            Ok((timeline, warnings)) => {
                for w in warnings {
                    eprintln!("annals: {w}");
                }
                parts.push(timeline);
            }
            Err(e) => tally.fail(e),
        }
    }
    tally.finish()?;

    let mut timeline = Timeline::merge(parts);
    timeline.retain_range(&range);
    if timeline.entries.is_empty() && matches!(args.format, Format::Table | Format::Markdown) {
        eprintln!("annals: no dated statements found");
    }
    let out = render_to_string(&timeline, args.format)?;
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(out.as_bytes())
        .and_then(|()| stdout.flush())
    {
        // `annals timeline … | head` closing the pipe early is not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
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
) -> anyhow::Result<(Timeline, Vec<String>)> {
    let doc = input::read(path, lossy, max_bytes)?;
    let warnings = input::replacement_warnings(path, &doc);
    let analysis = pipeline
        .analyse(&doc, opts)
        .with_context(|| format!("analysing {}", path.display()))?;
    Ok((Timeline::from_document(&doc, &analysis), warnings))
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

pub fn render_to_string(timeline: &Timeline, format: Format) -> anyhow::Result<String> {
    Ok(match format {
        Format::Table => render::table(timeline, table_width()),
        Format::Json => render::json(timeline),
        Format::Markdown => render::markdown(timeline),
        Format::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            w.write_record(render::CSV_HEADER)?;
            for e in &timeline.entries {
                w.write_record(render::csv_record(timeline, e))?;
            }
            String::from_utf8(w.into_inner()?).context("CSV output is UTF-8")?
        }
    })
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
        assert_eq!(&rec[0], "1920-06-04");
        assert_eq!(&rec[7], "On 4 June 1920, the \"red\" army took Rasht.");
    }

    #[test]
    fn missing_file_is_named() {
        let err = timeline_of(
            &Pipeline::new(),
            Path::new("no/such/file.txt"),
            false,
            u64::MAX,
            &TagOptions::default(),
        )
        .unwrap_err();
        assert!(format!("{err:#}").contains("no/such/file.txt"), "{err:#}");
    }
}
