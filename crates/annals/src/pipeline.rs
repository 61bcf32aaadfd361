//! The `Pipeline` wires the stages together; the CLI (and later the server and bindings) call it.

use crate::document::{Document, Tag};
use crate::text::{self, Segmented};
use crate::time::{self, Timex};
use serde::Serialize;

/// How underspecified and relative times are anchored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// Against the document creation time (newswire).
    News,
    /// Against the most recent explicit date in the story; the document date only as a fallback.
    #[default]
    Narrative,
}

/// Options for temporal tagging.
#[derive(Clone, Debug, Default)]
pub struct TagOptions {
    /// Anchoring mode; when `None`, news if the document has a creation time, else narrative.
    pub mode: Option<Mode>,
    /// Document creation time (`YYYY-MM-DD`), overriding one read from the input.
    pub dct: Option<String>,
    /// Treat unmarked day dates before this Gregorian day (`YYYY-MM-DD`) as Julian (Old Style),
    /// as Russian sources before 1918-02-14 do.
    pub julian_until: Option<String>,
}

/// The result of running the pipeline over one document.
#[derive(Clone, Debug)]
pub struct Analysis {
    pub segmented: Segmented,
    pub timexes: Vec<Timex>,
    pub mode: Mode,
    pub dct: Option<String>,
}

impl Analysis {
    /// TIMEX3 tags numbered t1, t2, … in text order, ready for a TimeML writer.
    pub fn timex_tags(&self) -> Vec<Tag> {
        self.timexes
            .iter()
            .enumerate()
            .map(|(i, t)| t.to_tag(i + 1))
            .collect()
    }
}

/// The configured pipeline. Rule tables are compiled once, process-wide, on first use.
#[derive(Clone, Debug, Default)]
pub struct Pipeline {}

impl Pipeline {
    pub fn new() -> Pipeline {
        Pipeline {}
    }

    pub fn analyse(&self, doc: &Document, opts: &TagOptions) -> crate::Result<Analysis> {
        let dct = opts.dct.clone().or_else(|| doc.dct.clone());
        let mode = opts.mode.unwrap_or(if dct.is_some() {
            Mode::News
        } else {
            Mode::Narrative
        });
        let dct_date = match &dct {
            Some(s) => Some(time::parse_dct(s)?),
            None => None,
        };
        let julian_until = match &opts.julian_until {
            Some(s) => Some(time::parse_dct(s)?),
            None => None,
        };
        let segmented = text::segment(&doc.text);
        let timexes = time::tag_with(
            &doc.text,
            &segmented,
            &time::Config {
                mode,
                dct: dct_date,
                julian_until,
            },
        );
        Ok(Analysis {
            segmented,
            timexes,
            mode,
            dct,
        })
    }
}
