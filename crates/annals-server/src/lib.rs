//! `annals ingest` and `annals serve`: a corpus in one SQLite file, explored in the browser.
//!
//! - `store`: the schema, one transaction per document, WAL for readers during ingest;
//! - `ingest`: incremental ingest (content hash + analysis stamp), parallel analysis;
//! - `corrections`: merges, splits, date fixes and drops, kept apart from extracted rows;
//! - `view`: the merged corpus timeline with corrections applied, cached per store generation;
//! - `api`: the JSON API (openapi.json) and the embedded UI (`assets`).

pub mod api;
pub mod assets;
pub mod corrections;
pub mod ingest;
pub mod store;
pub mod view;

/// Re-exported for callers that read the store directly (tests, tools).
pub use rusqlite;

use anyhow::{Context, Result};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The bundled reference document, served when no database is given.
pub const REFERENCE_NAME: &str = "examples/gilan-1920.txt";
pub const REFERENCE_TEXT: &str = include_str!("../../../examples/gilan-1920.txt");

/// A database holding only the reference document, in `dir`.
pub fn reference_database(dir: &Path) -> Result<PathBuf> {
    let db = dir.join("reference.db");
    let mut conn = store::open(&db)?;
    let (authority, stamper) = ingest::current_authority(&conn)?;
    let a = store::analyse(
        REFERENCE_NAME,
        Path::new(REFERENCE_NAME),
        REFERENCE_TEXT.as_bytes(),
        authority.as_ref(),
        &stamper.stamp(REFERENCE_TEXT.as_bytes()),
    )?;
    store::write(&mut conn, &a)?;
    Ok(db)
}

/// Serve `db` on `addr` until Ctrl-C; `ready` is called with the bound address (port 0 picks a
/// free one).
pub async fn serve(db: PathBuf, addr: SocketAddr, ready: impl FnOnce(SocketAddr)) -> Result<()> {
    // Fail now, with the path in the message, rather than on the first request.
    store::open(&db)?;
    let state = Arc::new(api::AppState::new(db));
    let app = api::router(state);
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("listening on {addr}"))?;
    ready(listener.local_addr()?);
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .context("serving")
}

/// [`serve`] on its own runtime, for callers without one (the CLI).
pub fn serve_blocking(db: PathBuf, addr: SocketAddr, ready: impl FnOnce(SocketAddr)) -> Result<()> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        // SQLite work runs on blocking threads; a few per core keep every core busy, and a bound
        // keeps memory flat under hundreds of concurrent clients (tokio's default is 512
        // threads, each with its stack and its own SQLite connection).
        .max_blocking_threads(4 * std::thread::available_parallelism().map_or(2, |n| n.get()))
        .build()
        .context("starting the server's runtime")?
        .block_on(serve(db, addr, ready))
}
