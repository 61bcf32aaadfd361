//! The `annals` command.

mod corpus_cmd;
mod entities_cmd;
mod eval_cmd;
mod eval_entities_cmd;
mod eval_timeline_cmd;
mod input;
mod tag_cmd;
mod timeline_cmd;
mod train_cmd;
mod train_confidence;
mod train_event;
mod train_ner;

use clap::{Parser, Subcommand};

/// annals: turn historical narrative into a dated, sourced timeline.
///
/// Input files may be plain text (.txt), Markdown (.md), HTML (.html, .htm) or TimeML (.tml); `-`
/// reads standard input; a folder is walked for files with those extensions.
#[derive(Parser, Debug)]
#[command(name = "annals", version, about, long_about = None, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// What happened, who took part and where: the timeline of one or more documents.
    Timeline(timeline_cmd::Args),
    /// Find time expressions and normalise them to TimeML TIMEX3 values.
    Tag(tag_cmd::Args),
    /// Score a folder of system TimeML files against a gold folder (TempEval-3 Task A).
    Eval(eval_cmd::Args),
    /// Score timelines against hand-dated happenings (exact, consistent, wrong, missing).
    EvalTimeline(eval_timeline_cmd::Args),
    /// Score people, places and organisations against HIPE-2022 TSV or CoNLL gold (strict, fuzzy).
    EvalEntities(eval_entities_cmd::Args),
    /// People, places and organisations: alias clusters, places on the map.
    Entities(entities_cmd::Args),
    /// Store documents and their timelines in a corpus database (for `annals serve`).
    Ingest(corpus_cmd::IngestArgs),
    /// Explore a corpus in the browser: timeline, map, people and places, search, corrections.
    Serve(corpus_cmd::ServeArgs),
    /// Train the bundled models from ../shared/data (part of speech, named entities, events).
    Train(train_cmd::Args),
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Timeline(a) => timeline_cmd::run(a),
        Command::Tag(a) => tag_cmd::run(a),
        Command::Eval(a) => eval_cmd::run(a),
        Command::EvalTimeline(a) => eval_timeline_cmd::run(a),
        Command::EvalEntities(a) => eval_entities_cmd::run(a),
        Command::Entities(a) => entities_cmd::run(a),
        Command::Ingest(a) => corpus_cmd::ingest(a),
        Command::Serve(a) => corpus_cmd::serve(a),
        Command::Train(a) => train_cmd::run(a),
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("annals: error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
