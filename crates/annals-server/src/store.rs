//! The corpus store: one SQLite file holding each document's text, its timeline entries, its
//! entity mentions and a full-text index of its sentences, plus the user's corrections.
//!
//! Consistency comes from SQLite: a document is written (old rows deleted, new rows inserted) in
//! one transaction, so a crash or `kill -9` mid-ingest leaves either the old version or the new
//! one, never half of each. WAL mode lets readers (the server) keep working while an ingest
//! writes. Corrections live in their own table and are never touched by ingest.

use annals::entity::alias::fold;
use annals::entity::authority::Authority;
use annals::io::{self, ReadOptions};
use annals::pipeline::{Mode, Pipeline, TagOptions};
use annals::timeline::{Entry, Source, Timeline};
use anyhow::{Context, Result};
use rusqlite::{params, Connection, OptionalExtension};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    hash TEXT NOT NULL,            -- blake3 of the file's bytes
    analysed_with TEXT NOT NULL,   -- engine version + authority hash the rows were made with
    bytes INTEGER NOT NULL,
    mode TEXT NOT NULL,
    dct TEXT,
    text TEXT NOT NULL,            -- the text every span points into (markup removed)
    raw BLOB NOT NULL,             -- the file as read, to re-analyse after a correction
    ingested_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS entries (
    id INTEGER PRIMARY KEY,
    document INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    key TEXT NOT NULL,             -- stable across re-ingests of the same text (corrections use it)
    entry BLOB NOT NULL            -- the timeline entry, postcard-encoded (as the CLI spills it)
);
CREATE INDEX IF NOT EXISTS entries_document ON entries(document);
CREATE INDEX IF NOT EXISTS entries_key ON entries(key);
CREATE TABLE IF NOT EXISTS mentions (
    document INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    type TEXT NOT NULL,
    name TEXT NOT NULL,            -- the entity's name in its document (canonical when known)
    text TEXT NOT NULL,            -- as written
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    lat REAL,
    lon REAL
);
CREATE INDEX IF NOT EXISTS mentions_document ON mentions(document);
CREATE INDEX IF NOT EXISTS mentions_entity ON mentions(type, name);
CREATE VIRTUAL TABLE IF NOT EXISTS sentences USING fts5(
    text, document UNINDEXED, start UNINDEXED, end UNINDEXED
);
CREATE TABLE IF NOT EXISTS corrections (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    body TEXT NOT NULL,            -- the correction as posted (JSON)
    created TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT OR IGNORE INTO meta(key, value) VALUES ('generation', '0');
";

/// Open (creating if needed) a corpus database with the pragmas every connection needs.
pub fn open(path: &Path) -> Result<Connection> {
    let conn =
        Connection::open(path).with_context(|| format!("opening database {}", path.display()))?;
    // WAL: readers never block the writer nor see a half-written transaction. NORMAL sync is
    // durable across process crashes (kill -9) in WAL mode; only a power cut may lose the last
    // commits, never consistency.
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.busy_timeout(Duration::from_secs(30))?;
    conn.execute_batch(SCHEMA)
        .with_context(|| format!("preparing database {}", path.display()))?;
    Ok(conn)
}

/// A counter bumped by every change (ingest, correction), so caches know when to rebuild.
pub fn generation(conn: &Connection) -> Result<u64> {
    let v: String = conn.query_row("SELECT value FROM meta WHERE key = 'generation'", [], |r| {
        r.get(0)
    })?;
    Ok(v.parse().unwrap_or(0))
}

pub fn bump_generation(conn: &Connection) -> Result<()> {
    conn.execute(
        "UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'generation'",
        [],
    )?;
    Ok(())
}

/// A mention of an entity, flattened for the `mentions` table.
#[derive(Clone, Debug)]
pub struct MentionRow {
    pub etype: String,
    pub name: String,
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub coordinates: Option<(f64, f64)>,
}

/// Everything stored for one document, computed without touching the database (so documents
/// are analysed in parallel and written one transaction each).
pub struct Analysed {
    pub path: String,
    pub hash: String,
    pub analysed_with: String,
    pub text: String,
    pub raw: Vec<u8>,
    pub bytes: usize,
    pub mode: Mode,
    pub dct: Option<String>,
    pub entries: Vec<(String, Entry)>,
    pub mentions: Vec<MentionRow>,
    pub sentences: Vec<(usize, usize)>,
}

/// What the rows of a document depend on besides its bytes: the engine, and the entries of the
/// authority (the merges and splits) that can touch it: those with a spelling found in its text.
/// A merge of two names so changes the stamp of the documents that mention them only, and only
/// those are analysed again.
pub struct Stamper {
    engine: String,
    /// Per authority entry: its folded spellings padded with spaces (word bounds), and what it
    /// contributes to a stamp.
    entries: Vec<(Vec<String>, String)>,
}

impl Stamper {
    pub fn new(authority: Option<&Authority>) -> Stamper {
        let entries = authority.map_or_else(Vec::new, |a| {
            a.entries
                .iter()
                .map(|e| {
                    let spellings = std::iter::once(&e.name)
                        .chain(&e.aliases)
                        .map(|s| format!(" {} ", fold(s)))
                        .filter(|f| f.trim().len() > 1)
                        .collect();
                    let key = format!("{:?}|{}|{}\n", e.etype, e.name, e.aliases.join("|"));
                    (spellings, key)
                })
                .collect()
        });
        Stamper {
            engine: format!("annals {}", env!("CARGO_PKG_VERSION")),
            entries,
        }
    }

    /// The stamp of a document, from the bytes it is read from. Folding is the clustering's own
    /// (diacritics, case and punctuation aside), so every spelling the authority can match is
    /// seen; markup in the bytes can only add matches, never hide one.
    pub fn stamp(&self, raw: &[u8]) -> String {
        if self.entries.is_empty() {
            return format!("{} authority none", self.engine);
        }
        let text = format!(" {} ", fold(&String::from_utf8_lossy(raw)));
        let mut h = blake3::Hasher::new();
        let mut any = false;
        for (spellings, key) in &self.entries {
            if spellings.iter().any(|s| text.contains(s.as_str())) {
                h.update(key.as_bytes());
                any = true;
            }
        }
        // A document no entry touches is stamped as if there were no authority at all.
        if any {
            format!("{} authority {}", self.engine, h.finalize().to_hex())
        } else {
            format!("{} authority none", self.engine)
        }
    }
}

pub fn content_hash(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex().to_string()
}

/// The key that identifies an entry across re-ingests of the same text: its document and the
/// byte span of what heads it (the event word, or the time expression for an entry without one).
pub fn entry_key(path: &str, e: &Entry) -> String {
    format!("{path}@{}-{}", e.span.start, e.span.end)
}

/// Analyse one document's bytes (read from `path`, named `name` in the store).
pub fn analyse(
    name: &str,
    path: &Path,
    bytes: &[u8],
    authority: Option<&Arc<Authority>>,
    stamp: &str,
) -> Result<Analysed> {
    let doc = io::read_bytes(
        bytes,
        path,
        io::format_for_path(path),
        &ReadOptions::default(),
    )
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    let opts = TagOptions {
        authority: authority.cloned(),
        ..TagOptions::full()
    };
    let analysis = Pipeline::new()
        .analyse(&doc, &opts)
        .with_context(|| format!("analysing {}", path.display()))?;
    let timeline = Timeline::from_document(&doc, &analysis);
    let entries = timeline
        .entries
        .into_iter()
        .map(|e| (entry_key(name, &e), e))
        .collect();
    let mut mentions = Vec::new();
    for cluster in &analysis.entities {
        let etype = serde_json::to_value(cluster.etype)?
            .as_str()
            .unwrap_or("?")
            .to_string();
        for m in &cluster.mentions {
            mentions.push(MentionRow {
                etype: etype.clone(),
                name: cluster.name.clone(),
                text: m.text.clone(),
                start: m.span.start,
                end: m.span.end,
                coordinates: cluster.place.as_ref().map(|p| (p.lat, p.lon)),
            });
        }
    }
    let sentences = analysis
        .segmented
        .sentences
        .iter()
        .map(|s| (s.span.start, s.span.end))
        .collect();
    Ok(Analysed {
        path: name.to_string(),
        hash: content_hash(bytes),
        analysed_with: stamp.to_string(),
        bytes: bytes.len(),
        raw: bytes.to_vec(),
        mode: analysis.mode,
        dct: analysis.dct.clone(),
        text: doc.text,
        entries,
        mentions,
        sentences,
    })
}

/// Whether the stored rows of `path` are up to date with these bytes and this analysis stamp.
pub fn is_current(conn: &Connection, path: &str, hash: &str, stamp: &str) -> Result<bool> {
    let row: Option<(String, String)> = conn
        .query_row(
            "SELECT hash, analysed_with FROM documents WHERE path = ?1",
            [path],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    Ok(row.is_some_and(|(h, s)| h == hash && s == stamp))
}

fn mode_name(m: Mode) -> &'static str {
    match m {
        Mode::News => "news",
        Mode::Narrative => "narrative",
    }
}

/// Replace a document's rows with a new analysis, in one transaction.
pub fn write(conn: &mut Connection, a: &Analysed) -> Result<i64> {
    let tx = conn.transaction()?;
    // The document keeps its id across re-ingests, so links into it stay valid.
    let old: Option<i64> = tx
        .query_row("SELECT id FROM documents WHERE path = ?1", [&a.path], |r| {
            r.get(0)
        })
        .optional()?;
    let id = match old {
        Some(id) => {
            tx.execute("DELETE FROM entries WHERE document = ?1", [id])?;
            tx.execute("DELETE FROM mentions WHERE document = ?1", [id])?;
            tx.execute("DELETE FROM sentences WHERE document = ?1", [id])?;
            tx.execute(
                "UPDATE documents SET hash = ?2, analysed_with = ?3, bytes = ?4, mode = ?5, dct = ?6,
                 text = ?7, raw = ?8, ingested_at = datetime('now') WHERE id = ?1",
                params![id, a.hash, a.analysed_with, a.bytes as i64, mode_name(a.mode), a.dct, a.text, a.raw],
            )?;
            id
        }
        None => {
            tx.execute(
                "INSERT INTO documents(path, hash, analysed_with, bytes, mode, dct, text, raw, ingested_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, datetime('now'))",
                params![a.path, a.hash, a.analysed_with, a.bytes as i64, mode_name(a.mode), a.dct, a.text, a.raw],
            )?;
            tx.last_insert_rowid()
        }
    };
    {
        let mut ins =
            tx.prepare("INSERT INTO entries(document, key, entry) VALUES (?1, ?2, ?3)")?;
        for (key, e) in &a.entries {
            let mut e = e.clone();
            // Source indices are re-made when timelines are assembled from the store.
            e.source = 0;
            ins.execute(params![id, key, postcard::to_stdvec(&e)?])?;
        }
        let mut ins = tx.prepare(
            "INSERT INTO mentions(document, type, name, text, start, end, lat, lon)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?;
        for m in &a.mentions {
            ins.execute(params![
                id,
                m.etype,
                m.name,
                m.text,
                m.start as i64,
                m.end as i64,
                m.coordinates.map(|c| c.0),
                m.coordinates.map(|c| c.1)
            ])?;
        }
        let mut ins = tx
            .prepare("INSERT INTO sentences(text, document, start, end) VALUES (?1, ?2, ?3, ?4)")?;
        for &(s, e) in &a.sentences {
            ins.execute(params![&a.text[s..e], id, s as i64, e as i64])?;
        }
    }
    bump_generation(&tx)?;
    tx.commit()?;
    Ok(id)
}

/// A stored document's source record and entries, as a one-document timeline.
pub struct StoredDocument {
    pub id: i64,
    pub path: String,
    pub mode: Mode,
    pub dct: Option<String>,
    /// (key, entry) with `entry.source == 0`.
    pub entries: Vec<(String, Entry)>,
}

impl StoredDocument {
    pub fn source(&self) -> Source {
        Source {
            path: PathBuf::from(&self.path),
            mode: self.mode,
            dct: self.dct.clone(),
        }
    }
}

/// Every document with its entries, in id order.
pub fn all_documents(conn: &Connection) -> Result<Vec<StoredDocument>> {
    let mut docs: Vec<StoredDocument> = conn
        .prepare("SELECT id, path, mode, dct FROM documents ORDER BY id")?
        .query_map([], |r| {
            let mode: String = r.get(2)?;
            Ok(StoredDocument {
                id: r.get(0)?,
                path: r.get(1)?,
                mode: if mode == "news" {
                    Mode::News
                } else {
                    Mode::Narrative
                },
                dct: r.get(3)?,
                entries: Vec::new(),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let index: std::collections::HashMap<i64, usize> =
        docs.iter().enumerate().map(|(i, d)| (d.id, i)).collect();
    let mut stmt = conn.prepare("SELECT document, key, entry FROM entries ORDER BY id")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let doc: i64 = r.get(0)?;
        let key: String = r.get(1)?;
        let blob: Vec<u8> = r.get(2)?;
        let entry: Entry = postcard::from_bytes(&blob).context("decoding a stored entry")?;
        if let Some(&i) = index.get(&doc) {
            docs[i].entries.push((key, entry));
        }
    }
    Ok(docs)
}
