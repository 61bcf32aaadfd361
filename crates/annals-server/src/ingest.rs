//! `annals ingest`: files into the corpus store, incrementally.
//!
//! A file is skipped when its bytes (blake3) and the analysis stamp (engine version and the
//! corrections' authority) match what is stored; otherwise it is analysed and its rows replaced
//! in one transaction. Files are read and analysed in parallel a batch at a time and written by
//! one connection, so memory stays bounded by the batch, whatever the corpus.

use crate::corrections;
use crate::store::{self, Analysed, Stamper};
use annals::entity::authority::Authority;
use anyhow::{Context, Result};
use rayon::prelude::*;
use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What an ingest did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Report {
    pub files: usize,
    /// Analysed and written (new or changed).
    pub written: usize,
    /// Unchanged since the last ingest.
    pub unchanged: usize,
    pub failed: usize,
    /// Removed because their file no longer exists (with `prune`).
    pub pruned: usize,
}

/// The authority the corrections add up to, with the stamper that records on each document the
/// part of it that can touch that document.
pub fn current_authority(conn: &Connection) -> Result<(Option<Arc<Authority>>, Stamper)> {
    let toml = corrections::authority_toml(&corrections::list(conn)?);
    let authority = match toml {
        Some(text) => Some(Arc::new(
            Authority::from_toml(&text, Path::new("corrections"))
                .map_err(|e| anyhow::anyhow!("{e}"))?,
        )),
        None => None,
    };
    let stamper = Stamper::new(authority.as_deref());
    Ok((authority, stamper))
}

/// The name a file is stored under: its absolute path, so that the same file ingested from
/// another working folder is the same document.
pub fn stored_name(path: &Path) -> String {
    std::fs::canonicalize(path)
        .unwrap_or_else(|_| path.to_path_buf())
        .display()
        .to_string()
}

/// Ingest files and folders into the database at `db`. `progress(done, total)` is called after
/// each batch; `warn` receives one message per file that failed (the rest go on).
pub fn ingest(
    db: &Path,
    inputs: &[PathBuf],
    mut progress: impl FnMut(usize, usize),
    mut warn: impl FnMut(String),
) -> Result<Report> {
    let mut conn = store::open(db)?;
    let (authority, stamper) = current_authority(&conn)?;
    let files = annals::io::walk::expand(inputs);
    let mut report = Report {
        files: files.len(),
        ..Report::default()
    };
    let batch = (rayon::current_num_threads() * 8).max(8);
    let mut done = 0;
    for chunk in files.chunks(batch) {
        // Read and hash first (cheap), so unchanged files cost no analysis.
        let mut todo: Vec<(String, PathBuf, Vec<u8>, String)> = Vec::new();
        for f in chunk {
            match f {
                Err(e) => {
                    report.failed += 1;
                    warn(e.clone());
                }
                Ok(path) => match std::fs::read(path) {
                    Err(e) => {
                        report.failed += 1;
                        warn(format!("reading {}: {e}", path.display()));
                    }
                    Ok(bytes) => {
                        let name = stored_name(path);
                        let stamp = stamper.stamp(&bytes);
                        if store::is_current(&conn, &name, &store::content_hash(&bytes), &stamp)? {
                            report.unchanged += 1;
                        } else {
                            todo.push((name, path.clone(), bytes, stamp));
                        }
                    }
                },
            }
        }
        let analysed: Vec<Result<Analysed>> = todo
            .par_iter()
            .map(|(name, path, bytes, stamp)| {
                store::analyse(name, path, bytes, authority.as_ref(), stamp)
            })
            .collect();
        for a in analysed {
            match a {
                Ok(a) => {
                    store::write(&mut conn, &a)
                        .with_context(|| format!("writing {} to {}", a.path, db.display()))?;
                    report.written += 1;
                }
                Err(e) => {
                    report.failed += 1;
                    warn(format!("{e:#}"));
                }
            }
        }
        done += chunk.len();
        progress(done, files.len());
    }
    Ok(report)
}

/// Remove the documents whose file no longer exists (each in its own transaction, rows and
/// all; corrections stay, as they do across re-ingests). Documents not stored from a file
/// (the bundled example) have relative names and are kept.
pub fn prune(db: &Path) -> Result<usize> {
    let mut conn = store::open(db)?;
    let paths: Vec<(i64, String)> = conn
        .prepare("SELECT id, path FROM documents ORDER BY id")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut n = 0;
    for (id, path) in paths {
        let p = Path::new(&path);
        if p.is_absolute() && !p.exists() {
            let tx = conn.transaction()?;
            tx.execute("DELETE FROM sentences WHERE document = ?1", [id])?;
            tx.execute("DELETE FROM documents WHERE id = ?1", [id])?;
            store::bump_generation(&tx)?;
            tx.commit()?;
            n += 1;
        }
    }
    Ok(n)
}

/// Re-analyse every stored document whose analysis stamp is not the current one (after a merge
/// or split changed the authority, only the documents that mention its names), from the bytes
/// stored with it. Returns how many changed.
pub fn reanalyse_stale(db: &Path) -> Result<usize> {
    let mut conn = store::open(db)?;
    let (authority, stamper) = current_authority(&conn)?;
    let stored: Vec<(String, Vec<u8>, String)> = conn
        .prepare("SELECT path, raw, analysed_with FROM documents ORDER BY id")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let analysed: Vec<Result<Analysed>> = stored
        .par_iter()
        .filter_map(|(name, raw, old)| {
            let stamp = stamper.stamp(raw);
            (stamp != *old)
                .then(|| store::analyse(name, Path::new(name), raw, authority.as_ref(), &stamp))
        })
        .collect();
    let mut n = 0;
    for a in analysed {
        store::write(&mut conn, &a?)?;
        n += 1;
    }
    Ok(n)
}
