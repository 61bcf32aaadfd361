//! `annals tag`: temporal tagging of files.

use crate::input::{self, Tally};
use annals::io;
use annals::pipeline::{Analysis, Mode, Pipeline, TagOptions};
use annals::Document;
use anyhow::Context;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum Format {
    /// TimeML with inline TIMEX3 (the TEXT of a TimeML input is kept byte for byte).
    Timeml,
    /// JSON: one object per document with its timexes (schema in docs/json-schema.md).
    Json,
    /// A plain table for reading in a terminal.
    Table,
}

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum ModeArg {
    /// Anchor relative dates to the document date.
    News,
    /// Anchor relative dates to the story's most recent explicit date.
    Narrative,
}

/// How relative and incomplete dates are anchored; shared by `tag` and `timeline`.
#[derive(clap::Args, Debug, Clone)]
pub struct AnchorArgs {
    /// Document creation date, YYYY-MM-DD (overrides a TimeML DCT).
    #[arg(long)]
    pub dct: Option<String>,
    /// Anchoring mode. Default: news when a document date is given or read from TimeML, else
    /// narrative.
    #[arg(long, value_enum)]
    pub mode: Option<ModeArg>,
    /// Read unmarked day dates before this day (YYYY-MM-DD, Gregorian) as Julian (Old Style) and
    /// convert them, e.g. 1918-02-14 for Russian sources. Dates marked "N.S." are left alone.
    #[arg(long, value_name = "DATE")]
    pub julian_until: Option<String>,
    /// Read unmarked day dates as Old Style (Julian) and convert them: `auto` when the document
    /// says so (it marks its New Style dates, or tells British events before 1752 or Russian ones
    /// before 1918), `off` never (dates marked O.S. are still converted), `on` always (up to
    /// --julian-until, else 1918-02-14). Dates before 1582-10-15 stay as written.
    #[arg(long, value_enum, default_value = "auto", value_name = "WHEN")]
    pub old_style: OldStyleArg,
}

/// How OCR'd text is read; shared by `tag`, `timeline`, `entities` and `eval-entities`.
#[derive(clap::Args, Debug, Clone)]
pub struct OcrArgs {
    /// Read OCR misreadings as the words they stand for: the long s read as f ("Houfe of
    /// Reprefentatives"), words split at line ends ("Caro¬ lina", "Uni-\nted"). `auto` when
    /// the text shows them (a "¬" line-end mark, or three or more), `on` always, `off` never.
    /// Spans stay byte offsets into the original text.
    #[arg(long, value_enum, default_value = "auto", value_name = "WHEN")]
    pub ocr: OcrArg,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum OcrArg {
    Auto,
    Off,
    On,
}

impl OcrArgs {
    pub fn mode(&self) -> annals::text::ocr::OcrMode {
        match self.ocr {
            OcrArg::Auto => annals::text::ocr::OcrMode::Auto,
            OcrArg::Off => annals::text::ocr::OcrMode::Off,
            OcrArg::On => annals::text::ocr::OcrMode::On,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum OldStyleArg {
    Auto,
    Off,
    On,
}

impl AnchorArgs {
    pub fn options(&self) -> TagOptions {
        TagOptions {
            mode: self.mode.map(|m| match m {
                ModeArg::News => Mode::News,
                ModeArg::Narrative => Mode::Narrative,
            }),
            dct: self.dct.clone(),
            julian_until: self.julian_until.clone(),
            old_style: match self.old_style {
                OldStyleArg::Auto => annals::time::OldStyle::Auto,
                OldStyleArg::Off => annals::time::OldStyle::Off,
                OldStyleArg::On => annals::time::OldStyle::On,
            },
            ..TagOptions::default()
        }
    }
}

#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:
  annals tag examples/gilan-1920.txt                      # narrative mode, a table
  annals tag --dct 1998-03-04 --format json story.txt     # news mode, anchored to the date
  annals tag --format timeml --out-dir out/ gold/*.tml    # TimeML in, TimeML out (TEXT kept)
  annals eval gold/ out/                                  # then score it (TempEval-3)")]
pub struct Args {
    #[arg(required = true, help = crate::input::FILES_HELP)]
    pub files: Vec<PathBuf>,
    #[command(flatten)]
    pub anchor: AnchorArgs,
    #[command(flatten)]
    pub ocr: OcrArgs,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
    /// Write one output file per input into this folder instead of standard output.
    #[arg(long)]
    pub out_dir: Option<PathBuf>,
    /// Also tag events (TimeML EVENT with their class) in TimeML output and the table.
    #[arg(long)]
    pub events: bool,
    /// An event model written by `annals train event`, instead of the bundled one (implies
    /// --events).
    #[arg(long, value_name = "FILE")]
    pub event_model: Option<PathBuf>,
    /// Replace invalid UTF-8 with U+FFFD instead of failing.
    #[arg(long)]
    pub lossy: bool,
    /// Refuse a document larger than this (bytes; K, M, G suffixes).
    #[arg(long, value_name = "BYTES", default_value = "256M", value_parser = crate::input::parse_size, long_help = crate::input::MAX_BYTES_HELP)]
    pub max_bytes: u64,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let pipeline = Pipeline::new();
    let event_model = match &args.event_model {
        Some(p) => Some(std::sync::Arc::new(annals::event::EventTagger::from_path(
            p,
        )?)),
        None => None,
    };
    let opts = TagOptions {
        events: args.events || event_model.is_some(),
        event_model,
        ocr: args.ocr.mode(),
        ..args.anchor.options()
    };
    if let Some(dir) = &args.out_dir {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    let stdout = std::io::stdout();
    let inputs = input::expand(&args.files);
    let mut tally = Tally::new(inputs.len());
    let mut names = input::OutputNames::default();
    for path in inputs {
        let path = match path {
            Ok(path) => path,
            Err(e) => {
                tally.fail(anyhow::anyhow!(e));
                continue;
            }
        };
        let (name, out) = match tag_one(&pipeline, &path, &args, &opts) {
            Ok(out) => out,
            Err(e) => {
                tally.fail(e);
                continue;
            }
        };
        match &args.out_dir {
            Some(dir) => {
                let (stem, ext) = name.rsplit_once('.').unwrap_or((name.as_str(), "txt"));
                let sub = input::sub_folder(&args.files, &path);
                names.write(dir, &sub.join(format!("{stem}.{ext}")), ext, &out)?;
            }
            None => match stdout.lock().write_all(out.as_bytes()) {
                // `annals tag … | head` closing the pipe early is not an error.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return Ok(()),
                r => r.context("writing to standard output")?,
            },
        }
    }
    tally.finish()
}

/// Read, tag and render one file: the output file name and its contents.
fn tag_one(
    pipeline: &Pipeline,
    path: &Path,
    args: &Args,
    opts: &TagOptions,
) -> anyhow::Result<(String, String)> {
    let (doc, analysis) = input::read_and_analyse(
        pipeline,
        path,
        args.lossy,
        args.max_bytes,
        opts,
        input::print_warning,
    )?;
    Ok((
        output_name(&doc, path, args.format),
        render(&doc, &analysis, args.format),
    ))
}

fn output_name(doc: &Document, path: &Path, format: Format) -> String {
    let stem = if path == Path::new("-") {
        "stdin".to_string()
    } else {
        doc.file_name()
    };
    match format {
        Format::Timeml if stem.ends_with(".tml") => stem,
        Format::Timeml => format!("{stem}.tml"),
        Format::Json => format!("{stem}.json"),
        Format::Table => format!("{stem}.txt"),
    }
}

pub fn render(doc: &Document, analysis: &Analysis, format: Format) -> String {
    match format {
        Format::Timeml => io::timeml::write(doc, &analysis.tags()),
        Format::Json => {
            let mut s = serde_json::to_string_pretty(&annals::io::json::document(doc, analysis))
                .expect("serialising plain data");
            s.push('\n');
            s
        }
        Format::Table => {
            let mut s = format!(
                "# {} ({} mode{}): {} time expressions\n{:>7}  {:<7} {:<9} {:<22} {:<13} TEXT\n",
                doc.path.display(),
                match analysis.mode {
                    Mode::News => "news",
                    Mode::Narrative => "narrative",
                },
                analysis
                    .dct
                    .as_deref()
                    .map(|d| format!(", document date {d}"))
                    .unwrap_or_default(),
                analysis.timexes.len(),
                "START",
                "END",
                "TYPE",
                "VALUE",
                "MOD"
            );
            for e in &analysis.events {
                s.push_str(&format!(
                    "{:>7}..{:<7} {:<9} {:<22} {:<13} {}\n",
                    e.span.start,
                    e.span.end,
                    "EVENT",
                    e.class.as_str(),
                    "-",
                    doc.slice(e.span)
                ));
            }
            for t in &analysis.timexes {
                let t = t.as_annotated(analysis.mode);
                s.push_str(&format!(
                    "{:>7}..{:<7} {:<9} {:<22} {:<13} {}\n",
                    t.span.start,
                    t.span.end,
                    t.ttype.as_str(),
                    t.value.to_string(),
                    t.modifier.map(|m| m.as_str()).unwrap_or("-"),
                    doc.slice(t.span).replace('\n', " ")
                ));
            }
            s
        }
    }
}
