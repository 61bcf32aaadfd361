//! `annals._annals`: the native half of the Python package `annals` (python/annals wraps it with
//! docstrings, pandas frames, the spaCy component and the Spark helpers).
//!
//! Every function returns plain Python data shaped exactly like the command-line tool's JSON
//! (`annals tag --format json`, `annals entities --format json`, `annals timeline --format
//! json`), so a script can move between the two without translation. The work is done with the
//! GIL released: other Python threads run meanwhile, and a thread pool of the caller's making
//! gets real parallelism.

use annals::entity::authority::Authority;
use annals::io::{self, walk, ReadOptions};
use annals::pipeline::{Mode, Pipeline, TagOptions};
use annals::timeline::{render, DateRange, Timeline};
use annals::{Document, Error};
use pyo3::exceptions::{PyOSError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyString, PyTuple};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pyo3::create_exception!(
    _annals,
    AnnalsError,
    pyo3::exceptions::PyValueError,
    "A document annals cannot read or a date it cannot parse; the message names the file and the place."
);

/// The library's errors as Python exceptions, with the CLI's messages: files that cannot be read
/// are `OSError`s, everything else (invalid UTF-8, broken TimeML, a bad date) `AnnalsError`.
fn to_py(e: Error) -> PyErr {
    match e {
        Error::Io { .. } => PyOSError::new_err(e.to_string()),
        other => AnnalsError::new_err(other.to_string()),
    }
}

/// What a document is given as: a string of text (with an optional name), or a path to read.
enum Source {
    Text { name: Option<String>, text: String },
    Path(PathBuf),
}

impl Source {
    /// `str` is text, `(name, text)` is named text, anything path-like is a file or folder.
    /// A `str` is never taken for a path: a one-line text that happens to name a file must not
    /// be read from disk.
    fn extract(obj: &Bound<'_, PyAny>) -> PyResult<Source> {
        if let Ok(s) = obj.cast::<PyString>() {
            return Ok(Source::Text {
                name: None,
                text: s.to_cow()?.into_owned(),
            });
        }
        if let Ok(t) = obj.cast::<PyTuple>() {
            if t.len() == 2 {
                let name: String = t.get_item(0)?.extract()?;
                let text: String = t.get_item(1)?.extract()?;
                return Ok(Source::Text {
                    name: Some(name),
                    text,
                });
            }
        }
        match obj.extract::<PathBuf>() {
            Ok(p) => Ok(Source::Path(p)),
            Err(_) => Err(PyTypeError::new_err(format!(
                "expected a str (text), a (name, text) tuple or a path (pathlib.Path), got {}",
                obj.get_type().name()?
            ))),
        }
    }
}

/// How a string of text is read: plain text, or markup whose visible text is tagged.
fn parse_format(format: &str) -> PyResult<annals::document::SourceFormat> {
    use annals::document::SourceFormat;
    Ok(match format.to_ascii_lowercase().as_str() {
        "text" | "txt" => SourceFormat::Text,
        "timeml" | "tml" => SourceFormat::TimeMl,
        "markdown" | "md" => SourceFormat::Markdown,
        "html" | "htm" => SourceFormat::Html,
        other => {
            return Err(PyValueError::new_err(format!(
                "format must be 'text', 'timeml', 'markdown' or 'html', not {other:?}"
            )))
        }
    })
}

fn parse_mode(mode: Option<&str>) -> PyResult<Option<Mode>> {
    match mode.map(str::to_ascii_lowercase).as_deref() {
        None => Ok(None),
        Some("news") => Ok(Some(Mode::News)),
        Some("narrative") => Ok(Some(Mode::Narrative)),
        Some(other) => Err(PyValueError::new_err(format!(
            "mode must be 'news' or 'narrative', not {other:?}"
        ))),
    }
}

/// Reading options shared by every function.
struct Reading {
    format: annals::document::SourceFormat,
    lossy: bool,
    max_bytes: u64,
}

impl Reading {
    fn new(format: &str, lossy: bool, max_bytes: u64) -> PyResult<Reading> {
        Ok(Reading {
            format: parse_format(format)?,
            lossy,
            max_bytes,
        })
    }

    /// The document a source names; a path is read with the format its extension implies.
    fn document(&self, source: &Source, fallback_name: &str) -> annals::Result<Document> {
        match source {
            Source::Text { name, text } => {
                let name = name.as_deref().unwrap_or(fallback_name);
                if text.len() as u64 > self.max_bytes {
                    return Err(Error::Format {
                        path: PathBuf::from(name),
                        message: format!(
                            "{} bytes, larger than the limit of {} bytes (raise it with max_bytes)",
                            text.len(),
                            self.max_bytes
                        ),
                    });
                }
                let opts = ReadOptions {
                    lossy: self.lossy,
                    format: None,
                };
                io::read_bytes(text.as_bytes(), Path::new(name), self.format, &opts)
            }
            Source::Path(p) => io::read_path_limited(
                p,
                &ReadOptions {
                    lossy: self.lossy,
                    format: None,
                },
                self.max_bytes,
            ),
        }
    }
}

fn tag_options(
    dct: Option<String>,
    mode: Option<&str>,
    julian_until: Option<String>,
) -> PyResult<TagOptions> {
    Ok(TagOptions {
        mode: parse_mode(mode)?,
        dct,
        julian_until,
        ..TagOptions::default()
    })
}

fn read_authority(path: Option<PathBuf>) -> PyResult<Option<Arc<Authority>>> {
    path.map(|p| Authority::read(&p).map(Arc::new).map_err(to_py))
        .transpose()
}

/// Run `work` over `items` on `threads` threads (all cores when `None`), keeping their order.
fn parallel_map<T: Sync, R: Send>(
    items: &[T],
    threads: Option<usize>,
    work: impl Fn(&T) -> R + Sync + Send,
) -> PyResult<Vec<R>> {
    match threads {
        // One thread: no pool, no thread hand-off (the Spark helper runs one per worker).
        Some(1) => Ok(items.iter().map(work).collect()),
        Some(0) => Err(PyValueError::new_err("threads must be at least 1")),
        Some(n) => rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .map_err(|e| PyOSError::new_err(format!("starting {n} threads: {e}")))
            .map(|pool| pool.install(|| items.par_iter().map(work).collect())),
        None => Ok(items.par_iter().map(work).collect()),
    }
}

/// The CLI's JSON text, parsed by Python's C parser: exactly the CLI's objects (lists where the
/// JSON has arrays, keys in the CLI's order) for any output the CLI can write. Serialising is
/// done without the GIL, in the workers; only this parse holds it.
fn loads<'py>(py: Python<'py>, json: &[u8]) -> PyResult<Bound<'py, PyAny>> {
    py.import("json")?
        .call_method1("loads", (pyo3::types::PyBytes::new(py, json),))
}

fn to_json(value: &impl serde::Serialize) -> Vec<u8> {
    serde_json::to_vec(value).expect("plain data serialises")
}

/// Tag one document or many: `sources` is a list, each a str, a (name, text) tuple or a path.
#[pyfunction]
#[pyo3(signature = (sources, *, dct=None, mode=None, julian_until=None, events=false, format="text", lossy=false, max_bytes=u64::MAX, threads=None))]
#[allow(clippy::too_many_arguments)]
fn tag_many<'py>(
    py: Python<'py>,
    sources: Vec<Bound<'py, PyAny>>,
    dct: Option<String>,
    mode: Option<&str>,
    julian_until: Option<String>,
    events: bool,
    format: &str,
    lossy: bool,
    max_bytes: u64,
    threads: Option<usize>,
) -> PyResult<Vec<Bound<'py, PyAny>>> {
    let sources: Vec<Source> = sources
        .iter()
        .map(Source::extract)
        .collect::<PyResult<_>>()?;
    let reading = Reading::new(format, lossy, max_bytes)?;
    let opts = TagOptions {
        events,
        ..tag_options(dct, mode, julian_until)?
    };
    let pipeline = Pipeline::new();
    let results = py.detach(|| {
        parallel_map(&sources, threads, |s| {
            let doc = reading.document(s, "-")?;
            let analysis = pipeline.analyse(&doc, &opts)?;
            Ok::<_, Error>(to_json(&io::json::document(&doc, &analysis)))
        })
    })?;
    results
        .into_iter()
        .map(|r| loads(py, &r.map_err(to_py)?))
        .collect()
}

/// People, places and organisations of one document, as `annals entities --format json`.
#[pyfunction]
#[pyo3(signature = (source, *, authority=None, format="text", lossy=false, max_bytes=u64::MAX))]
fn entities<'py>(
    py: Python<'py>,
    source: Bound<'py, PyAny>,
    authority: Option<PathBuf>,
    format: &str,
    lossy: bool,
    max_bytes: u64,
) -> PyResult<Bound<'py, PyAny>> {
    let source = Source::extract(&source)?;
    let reading = Reading::new(format, lossy, max_bytes)?;
    let opts = TagOptions {
        entities: true,
        authority: read_authority(authority)?,
        ..TagOptions::default()
    };
    let value = py
        .detach(|| {
            let doc = reading.document(&source, "-")?;
            let analysis = Pipeline::new().analyse(&doc, &opts)?;
            Ok::<_, Error>(to_json(&serde_json::json!({
                "file": doc.path.display().to_string(),
                "entities": analysis.entities,
            })))
        })
        .map_err(to_py)?;
    loads(py, &value)
}

/// One merged timeline of many documents, as `annals timeline --format json` (version 3).
#[pyfunction]
#[pyo3(signature = (sources, *, dct=None, mode=None, julian_until=None, authority=None, date_from=None, date_to=None, who=None, place=None, min_confidence=0.0, all=false, format="text", lossy=false, max_bytes=u64::MAX, threads=None))]
#[allow(clippy::too_many_arguments)]
fn timeline<'py>(
    py: Python<'py>,
    sources: Vec<Bound<'py, PyAny>>,
    dct: Option<String>,
    mode: Option<&str>,
    julian_until: Option<String>,
    authority: Option<PathBuf>,
    date_from: Option<String>,
    date_to: Option<String>,
    who: Option<String>,
    place: Option<String>,
    min_confidence: f32,
    all: bool,
    format: &str,
    lossy: bool,
    max_bytes: u64,
    threads: Option<usize>,
) -> PyResult<Bound<'py, PyAny>> {
    let range = DateRange::parse(date_from.as_deref(), date_to.as_deref()).map_err(to_py)?;
    if !(0.0..=1.0).contains(&min_confidence) {
        return Err(PyValueError::new_err(
            "min_confidence must be between 0 and 1",
        ));
    }
    let mut expanded = Vec::new();
    for s in &sources {
        match Source::extract(s)? {
            // A folder becomes the files it holds, walked as the CLI walks it.
            Source::Path(p) => {
                for input in walk::expand(&[p]) {
                    expanded.push(input.map(Source::Path).map_err(PyOSError::new_err)?);
                }
            }
            text => expanded.push(text),
        }
    }
    let reading = Reading::new(format, lossy, max_bytes)?;
    let opts = TagOptions {
        events: true,
        entities: true,
        authority: read_authority(authority)?,
        ..tag_options(dct, mode, julian_until)?
    };
    let pipeline = Pipeline::new();
    let json = py.detach(|| {
        let numbered: Vec<(usize, &Source)> = expanded.iter().enumerate().collect();
        let parts = parallel_map(&numbered, threads, |(i, s)| {
            // Unnamed texts are told apart in `sources` by their position: text-1, text-2…
            let doc = reading.document(s, &format!("text-{}", i + 1))?;
            let analysis = pipeline.analyse(&doc, &opts)?;
            Ok::<_, Error>(Timeline::of_document(&doc, &analysis, all))
        })?;
        let parts: Vec<Timeline> = parts.into_iter().collect::<Result<_, _>>().map_err(to_py)?;
        let mut merged = Timeline::merge(parts);
        merged.retain_range(&range);
        if let Some(name) = &who {
            merged.retain_actor(name);
        }
        if let Some(name) = &place {
            merged.retain_place(name);
        }
        merged.retain_confidence(min_confidence);
        let mut out = Vec::new();
        render::write_json(&merged, &mut out).map_err(to_py)?;
        Ok::<_, PyErr>(out)
    })?;
    loads(py, &json)
}

/// The native module; `python/annals/__init__.py` is the documented interface.
#[pymodule]
fn _annals(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("AnnalsError", m.py().get_type::<AnnalsError>())?;
    m.add_function(wrap_pyfunction!(tag_many, m)?)?;
    m.add_function(wrap_pyfunction!(entities, m)?)?;
    m.add_function(wrap_pyfunction!(timeline, m)?)?;
    Ok(())
}
