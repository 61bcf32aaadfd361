//! `annals ingest` and `annals serve`: a corpus in one SQLite file, explored in the browser
//! (crates/annals-server).

use anyhow::bail;
use std::io::IsTerminal;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:
  annals ingest archive/ --db corpus.db          # first run: every file
  annals ingest archive/ --db corpus.db          # again: only new or changed files
  annals serve --db corpus.db

Each file is written in one transaction: an interrupted ingest (Ctrl-C, a crash, kill -9)
leaves every document either fully in or untouched, and the next run finishes the work.
A server may read the database while an ingest writes it.")]
pub struct IngestArgs {
    /// Input files or folders (walked for .txt, .md, .html, .htm and .tml files).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// The corpus database (created if missing).
    #[arg(long, value_name = "FILE", default_value = "corpus.db")]
    pub db: PathBuf,
    /// Report progress as plain lines even when standard error is not a terminal.
    #[arg(long)]
    pub progress: bool,
    /// Also remove stored documents whose file no longer exists.
    #[arg(long)]
    pub prune: bool,
}

pub fn ingest(args: IngestArgs) -> anyhow::Result<()> {
    let terminal = std::io::stderr().is_terminal();
    let bar = terminal.then(|| {
        let bar = indicatif::ProgressBar::new(0);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{bar:40} {pos}/{len} files  {elapsed_precise} (eta {eta})",
            )
            .expect("a valid template"),
        );
        bar
    });
    let started = std::time::Instant::now();
    let mut last_line = 0;
    let mut report = annals_server::ingest::ingest(
        &args.db,
        &args.files,
        |done, total| match &bar {
            Some(b) => {
                b.set_length(total as u64);
                b.set_position(done as u64);
            }
            None => {
                // Piped (logs, CI): a line at every tenth of the way and at the end.
                let step = (total / 10).max(1);
                if args.progress && (done >= last_line + step || done == total) {
                    last_line = done;
                    eprintln!("annals: ingest {done}/{total} files");
                }
            }
        },
        |w| match &bar {
            Some(b) => b.println(format!("annals: {w}")),
            None => eprintln!("annals: {w}"),
        },
    )?;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    if args.prune {
        report.pruned = annals_server::ingest::prune(&args.db)?;
    }
    eprintln!(
        "annals: {} files: {} ingested, {} unchanged, {} failed{}, in {:.1} s ({})",
        report.files,
        report.written,
        report.unchanged,
        report.failed,
        if args.prune {
            format!(", {} removed (file gone)", report.pruned)
        } else {
            String::new()
        },
        started.elapsed().as_secs_f64(),
        args.db.display()
    );
    if report.files > 0 && report.failed == report.files {
        bail!("no file could be ingested");
    }
    Ok(())
}

#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:
  annals serve                                   # the bundled example, at once
  annals serve --db corpus.db --port 8080

Then open the printed address: a zoomable timeline, a map, people and places, full-text search,
each entry linked to its sentence; corrections (merge or split names, fix a date, drop an entry)
are kept in the database and survive re-ingests. The JSON API is under /api
(description: /api/openapi.json).")]
pub struct ServeArgs {
    /// The corpus database made by `annals ingest`; without it, the bundled reference document.
    #[arg(long, value_name = "FILE")]
    pub db: Option<PathBuf>,
    /// Port to listen on (0: any free port).
    #[arg(long, default_value_t = 8430)]
    pub port: u16,
    /// Address to listen on. The default serves this machine only; anything else exposes the
    /// corpus (and its corrections) to the network.
    #[arg(long, default_value = "127.0.0.1")]
    pub host: IpAddr,
}

pub fn serve(args: ServeArgs) -> anyhow::Result<()> {
    // The reference database lives in a temporary folder removed on exit.
    let scratch;
    let db = match args.db {
        Some(db) => {
            if !db.exists() {
                bail!(
                    "{}: no such database (make one with `annals ingest FILES --db {}`)",
                    db.display(),
                    db.display()
                );
            }
            db
        }
        None => {
            scratch = tempfile::tempdir()?;
            annals_server::reference_database(scratch.path())?
        }
    };
    if !args.host.is_loopback() {
        eprintln!(
            "annals: warning: listening on {}: other machines can read and correct this corpus",
            args.host
        );
    }
    annals_server::serve_blocking(db, SocketAddr::new(args.host, args.port), |addr| {
        println!("annals: serving http://{addr}/");
    })
}
