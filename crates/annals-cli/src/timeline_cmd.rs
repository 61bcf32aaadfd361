//! `annals timeline`: the dated statements of one or more documents, in order.

use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Input files (.txt, .md, .html, .tml); `-` for standard input.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

pub fn run(_args: Args) -> anyhow::Result<()> {
    anyhow::bail!("timeline is not built yet")
}
