//! `annals eval`: TempEval-3 Task A scoring.

use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Folder of gold TimeML files.
    pub gold: PathBuf,
    /// Folder of system TimeML files with the same names.
    pub system: PathBuf,
}

pub fn run(_args: Args) -> anyhow::Result<()> {
    anyhow::bail!("eval is not built yet")
}
