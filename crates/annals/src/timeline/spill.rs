//! A merged timeline too large for memory: entries spilled to sorted runs on disk and read back
//! in timeline order, with entries telling the same event merged on the way.
//!
//! `annals timeline` over a whole archive collects entries from every document before it can
//! sort them. [`Spill`] keeps at most a budget of entries in memory; past it, it sorts them and
//! writes them as one run (postcard-encoded, length-prefixed) to a temporary file. Reading
//! ([`Spill::entries`]) merges the runs with a heap, so memory holds one entry per run plus the
//! group of entries sharing one interval being merged (see [`super::build::merge_duplicates`]).
//! The runs can be read any number of times (the table and JSON writers read twice).

use super::{build, Entry, Source, Timeline};
use crate::error::{Error, Result};
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::PathBuf;

/// Default budget: roughly this many bytes of entries are kept in memory before a run is
/// written. An entry takes about 1–2 KB in memory.
pub const DEFAULT_BUDGET_BYTES: usize = 64 << 20;

/// Entries of many documents, in memory up to a budget and in sorted runs on disk beyond it.
#[derive(Debug)]
pub struct Spill {
    pub sources: Vec<Source>,
    buffer: Vec<Entry>,
    buffered_bytes: usize,
    budget: usize,
    /// The file holding every run, one after the other, and where each run starts and ends.
    /// Named, so that each run's reader opens it with a file position of its own.
    file: Option<tempfile::NamedTempFile>,
    runs: Vec<(u64, u64)>,
    written: u64,
    total: usize,
}

impl Default for Spill {
    fn default() -> Spill {
        Spill::with_budget(DEFAULT_BUDGET_BYTES)
    }
}

fn io_error(cause: std::io::Error) -> Error {
    Error::Io {
        path: PathBuf::from("<timeline spill file>"),
        cause,
    }
}

/// A rough count of the heap and inline bytes an entry holds, for the budget.
fn size_of_entry(e: &Entry) -> usize {
    let strings = e.text.len() + e.summary.len() + e.sentence.len();
    let events: usize = e
        .events
        .iter()
        .map(|v| 80 + v.text.len() + v.lemma.len())
        .sum();
    let people: usize = e
        .actors
        .iter()
        .chain(&e.places)
        .map(|p| 100 + p.name.len() + p.text.len())
        .sum();
    let also: usize = e.also.iter().map(|m| 80 + m.sentence.len()).sum();
    std::mem::size_of::<Entry>() + strings + events + people + also
}

impl Spill {
    /// A spill that writes a run whenever about `budget` bytes of entries are in memory.
    pub fn with_budget(budget: usize) -> Spill {
        Spill {
            sources: Vec::new(),
            buffer: Vec::new(),
            buffered_bytes: 0,
            budget: budget.max(1),
            file: None,
            runs: Vec::new(),
            written: 0,
            total: 0,
        }
    }

    /// Add one document's timeline (its sources are appended; entry source indexes shift).
    pub fn push(&mut self, part: Timeline) -> Result<()> {
        let offset = self.sources.len();
        self.sources.extend(part.sources);
        for mut e in part.entries {
            e.source += offset;
            for m in &mut e.also {
                m.source += offset;
            }
            self.buffered_bytes += size_of_entry(&e);
            self.buffer.push(e);
            self.total += 1;
        }
        if self.buffered_bytes > self.budget {
            self.write_run()?;
        }
        Ok(())
    }

    /// Entries pushed so far (before merging).
    pub fn len(&self) -> usize {
        self.total
    }

    pub fn is_empty(&self) -> bool {
        self.total == 0
    }

    /// Runs written to disk so far.
    pub fn runs(&self) -> usize {
        self.runs.len()
    }

    fn write_run(&mut self) -> Result<()> {
        if self.buffer.is_empty() {
            return Ok(());
        }
        self.buffer.sort_by_key(Entry::order_key);
        let file = match &mut self.file {
            Some(f) => f,
            None => self
                .file
                .insert(tempfile::NamedTempFile::new().map_err(io_error)?),
        };
        let file = file.as_file_mut();
        file.seek(SeekFrom::Start(self.written)).map_err(io_error)?;
        let mut w = BufWriter::new(file);
        let start = self.written;
        for e in self.buffer.drain(..) {
            let bytes = postcard::to_stdvec(&e).map_err(|err| Error::Format {
                path: PathBuf::from("<timeline spill file>"),
                message: err.to_string(),
            })?;
            w.write_all(&(bytes.len() as u32).to_le_bytes())
                .and_then(|()| w.write_all(&bytes))
                .map_err(io_error)?;
            self.written += 4 + bytes.len() as u64;
        }
        w.flush().map_err(io_error)?;
        self.runs.push((start, self.written));
        self.buffered_bytes = 0;
        Ok(())
    }

    /// Finish adding: what is still in memory is sorted (and stays there if nothing was spilled).
    pub fn finish(&mut self) -> Result<()> {
        if self.runs.is_empty() {
            self.buffer.sort_by_key(Entry::order_key);
            Ok(())
        } else {
            self.write_run()
        }
    }

    /// Every entry in timeline order, duplicates merged. Call [`Spill::finish`] first.
    pub fn entries(&self) -> Result<Box<dyn Iterator<Item = Result<Entry>> + '_>> {
        let sorted: Box<dyn Iterator<Item = Result<Entry>> + '_> = match &self.file {
            None => Box::new(self.buffer.iter().cloned().map(Ok)),
            Some(file) => {
                let mut readers = Vec::with_capacity(self.runs.len());
                for &(start, end) in &self.runs {
                    let mut f = File::open(file.path()).map_err(io_error)?;
                    f.seek(SeekFrom::Start(start)).map_err(io_error)?;
                    readers.push(RunReader {
                        inner: BufReader::new(f),
                        left: end - start,
                    });
                }
                Box::new(KWay::new(readers)?)
            }
        };
        Ok(Box::new(Merged {
            inner: sorted,
            merger: build::Merger::default(),
            done: false,
        }))
    }
}

/// One run's entries, decoded as they are read.
struct RunReader {
    inner: BufReader<File>,
    left: u64,
}

impl RunReader {
    fn next_entry(&mut self) -> Result<Option<Entry>> {
        if self.left == 0 {
            return Ok(None);
        }
        let mut len = [0u8; 4];
        self.inner.read_exact(&mut len).map_err(io_error)?;
        let len = u32::from_le_bytes(len) as usize;
        let mut bytes = vec![0u8; len];
        self.inner.read_exact(&mut bytes).map_err(io_error)?;
        self.left = self.left.saturating_sub(4 + len as u64);
        postcard::from_bytes(&bytes)
            .map(Some)
            .map_err(|err| Error::Format {
                path: PathBuf::from("<timeline spill file>"),
                message: err.to_string(),
            })
    }
}

type HeapKey = Reverse<((i32, i32, u8, usize, usize), usize)>;

/// The k-way merge of sorted runs.
struct KWay {
    readers: Vec<RunReader>,
    heads: Vec<Option<Entry>>,
    heap: BinaryHeap<HeapKey>,
}

impl KWay {
    fn new(mut readers: Vec<RunReader>) -> Result<KWay> {
        let mut heads = Vec::with_capacity(readers.len());
        let mut heap = BinaryHeap::new();
        for (k, r) in readers.iter_mut().enumerate() {
            let head = r.next_entry()?;
            if let Some(e) = &head {
                heap.push(Reverse((e.order_key(), k)));
            }
            heads.push(head);
        }
        Ok(KWay {
            readers,
            heads,
            heap,
        })
    }
}

impl Iterator for KWay {
    type Item = Result<Entry>;

    fn next(&mut self) -> Option<Result<Entry>> {
        let Reverse((_, k)) = self.heap.pop()?;
        let out = self.heads[k].take()?;
        match self.readers[k].next_entry() {
            Ok(Some(e)) => {
                self.heap.push(Reverse((e.order_key(), k)));
                self.heads[k] = Some(e);
            }
            Ok(None) => {}
            Err(e) => return Some(Err(e)),
        }
        Some(Ok(out))
    }
}

/// Sorted entries with duplicates merged as they stream past (see [`build::Merger`]).
struct Merged<'a> {
    inner: Box<dyn Iterator<Item = Result<Entry>> + 'a>,
    merger: build::Merger,
    done: bool,
}

impl Iterator for Merged<'_> {
    type Item = Result<Entry>;

    fn next(&mut self) -> Option<Result<Entry>> {
        loop {
            if let Some(e) = self.merger.finished.pop_front() {
                return Some(Ok(e));
            }
            if self.done {
                return None;
            }
            match self.inner.next() {
                Some(Ok(e)) => self.merger.push(e),
                Some(Err(err)) => return Some(Err(err)),
                None => {
                    self.merger.end();
                    self.done = true;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;
    use crate::pipeline::{Pipeline, TagOptions};

    fn part(name: &str, text: &str) -> Timeline {
        let doc = Document {
            path: name.into(),
            ..Document::from_text(text)
        };
        let a = Pipeline::new().analyse(&doc, &TagOptions::full()).unwrap();
        Timeline::from_document(&doc, &a)
    }

    fn texts() -> Vec<(String, String)> {
        let gilan = include_str!("../../../../examples/gilan-1920.txt");
        let mut out: Vec<(String, String)> = (0..6)
            .map(|i| (format!("g{i}.txt"), gilan.to_string()))
            .collect();
        out.push((
            "a.txt".into(),
            "On 4 June 1920 the insurgents occupied Rasht. In 1850 a treaty was signed.".into(),
        ));
        out
    }

    #[test]
    fn spilled_runs_read_back_as_the_in_memory_merge() {
        let parts = || texts().into_iter().map(|(n, t)| part(&n, &t));
        let expected = Timeline::merge(parts());
        // A budget so small that every document becomes a run of its own.
        let mut spill = Spill::with_budget(1);
        for p in parts() {
            spill.push(p).unwrap();
        }
        spill.finish().unwrap();
        assert!(spill.runs() >= 6);
        let got: Vec<Entry> = spill.entries().unwrap().map(Result::unwrap).collect();
        assert_eq!(got.len(), expected.entries.len());
        assert_eq!(got, expected.entries);
        // Readable twice.
        assert_eq!(spill.entries().unwrap().count(), got.len());
        assert_eq!(spill.sources, expected.sources);
    }

    #[test]
    fn without_spilling_entries_stay_in_memory() {
        let mut spill = Spill::default();
        for (n, t) in texts() {
            spill.push(part(&n, &t)).unwrap();
        }
        spill.finish().unwrap();
        assert_eq!(spill.runs(), 0);
        let expected = Timeline::merge(texts().into_iter().map(|(n, t)| part(&n, &t)));
        let got: Vec<Entry> = spill.entries().unwrap().map(Result::unwrap).collect();
        assert_eq!(got, expected.entries);
    }
}
