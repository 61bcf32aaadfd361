//! `annals eval-entities`: people, places and organisations scored against token-annotated
//! gold (HIPE-2022 TSV or CoNLL BIO), strict and fuzzy, as the HIPE shared tasks score them.

use annals::entity::ner::EntityType;
use annals::eval::entities::{self as score, EntityCounts, Judged, Outcome, TokenDocument};
use annals::Pipeline;
use anyhow::{bail, Context};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
#[command(after_help = HELP)]
pub struct Args {
    /// The gold file: HIPE-2022 TSV (a `TOKEN` header line, `# hipe2022:document_id` lines) or
    /// CoNLL BIO (token first, tag last, blank lines between sentences, -DOCSTART- between
    /// documents).
    pub gold: PathBuf,
    /// A system file in the same format over the same tokens (another tagger's output, to
    /// score with the same scorer). Without it, annals reads each gold document's text and finds
    /// the mentions itself, as `annals entities` would.
    pub system: Option<PathBuf>,
    /// Score only these types (comma-separated, of PER, LOC, ORG). Default: the types the gold
    /// file annotates.
    #[arg(long, value_delimiter = ',', value_parser = parse_type)]
    pub types: Vec<EntityType>,
    /// List the mentions not found exactly (boundary, wrong type, spurious, missed), with their
    /// words.
    #[arg(long)]
    pub errors: bool,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Also write the system's mentions as a HIPE-2022 TSV file over the gold tokens, labels
    /// spelled as the gold spells them (for the official HIPE scorer or another tool).
    #[arg(long, value_name = "FILE")]
    pub write_system: Option<PathBuf>,
    #[command(flatten)]
    pub ocr: crate::tag_cmd::OcrArgs,
}

const HELP: &str = "\
Types: gold pers/PER, loc/LOC (with topres19th's BUILDING and STREET: every toponym is a place)
and org/ORG are scored as PER, LOC and ORG; other gold types (prod, time, MISC) are left out and
counted apart; annals' buildings and streets (FAC) count as places. Only the types the gold
annotates are scored unless --types says otherwise, so a file of toponyms alone does not count
people as spurious.

  strict  same first and last token, same type
  fuzzy   same type, at least one token shared

Pairing follows the HIPE scorer's definitions: each system mention, in text order, pairs with an
identical gold mention, else a gold mention of the same span and another type, else the first
unpaired gold mention it overlaps. Precision = correct / system mentions, recall = correct /
gold mentions, micro-averaged.

Examples:
  annals eval-entities ../shared/data/hipe2022-en/HIPE-2022-v2.1-hipe2020-dev-en.tsv
  annals eval-entities --types LOC --errors ../shared/data/hipe2022-en/HIPE-2022-v2.1-topres19th-dev-en.tsv
  annals eval-entities gold.tsv spacy-output.tsv";

fn parse_type(s: &str) -> Result<EntityType, String> {
    EntityType::ALL
        .into_iter()
        .find(|t| t.as_str().eq_ignore_ascii_case(s.trim()))
        .ok_or_else(|| format!("'{s}' is not one of PER, LOC, ORG"))
}

struct Scored {
    counts: EntityCounts,
    judged: Vec<Judged>,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let gold_text = std::fs::read_to_string(&args.gold)
        .with_context(|| format!("reading {}", args.gold.display()))?;
    let (format, gold_docs) =
        score::read(&gold_text).map_err(|e| anyhow::anyhow!("{}: {e}", args.gold.display()))?;
    if gold_docs.is_empty() {
        bail!("{}: no tokens", args.gold.display());
    }
    let gold: Vec<(Vec<score::TokenMention>, Vec<String>)> =
        gold_docs.iter().map(score::mentions).collect();
    let types = if args.types.is_empty() {
        score::annotated_types(gold.iter().flat_map(|(m, _)| m))
    } else {
        args.types.clone()
    };
    if types.is_empty() {
        bail!(
            "{}: no people, places or organisations in the gold ({format:?} format)",
            args.gold.display()
        );
    }
    let system = match &args.system {
        Some(path) => read_system(path, &gold_docs)?,
        None => {
            let pipeline = Pipeline::new();
            gold_docs
                .par_iter()
                .map(|d| {
                    score::annals_mentions(&pipeline, d, args.ocr.mode())
                        .with_context(|| format!("document {}", d.id))
                })
                .collect::<anyhow::Result<Vec<_>>>()?
        }
    };
    if let Some(path) = &args.write_system {
        let spelled = gold_spelling(&gold_docs);
        let tags: Vec<Vec<String>> = gold_docs
            .iter()
            .zip(&system)
            .map(|(d, s)| {
                // Types the gold does not have (groups, or people in a file of places) keep
                // annals' own label, which no scorer counts here.
                score::bio_tags(d.tokens.len(), s, |t| {
                    spelled
                        .get(&t)
                        .cloned()
                        .unwrap_or_else(|| t.as_str().to_string())
                })
            })
            .collect();
        std::fs::write(path, score::write_hipe(&gold_docs, &tags))
            .with_context(|| format!("writing {}", path.display()))?;
    }
    let scored: Vec<Scored> = gold
        .iter()
        .zip(&system)
        .map(|((g, _), s)| {
            let (counts, judged) = score::score(g, s, &types);
            Scored { counts, judged }
        })
        .collect();
    let mut total = EntityCounts::default();
    for s in &scored {
        total.add(&s.counts);
    }
    let mut other: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, o) in &gold {
        for label in o {
            *other.entry(label.as_str()).or_default() += 1;
        }
    }
    let system_label = match &args.system {
        Some(p) => p.display().to_string(),
        None => "annals".to_string(),
    };
    if args.json {
        let (strict, fuzzy) = total.micro(&types);
        let per_type: BTreeMap<&str, serde_json::Value> = types
            .iter()
            .map(|t| {
                let (strict, fuzzy) = total.micro(&[*t]);
                (
                    t.as_str(),
                    serde_json::json!({
                        "strict": figures(&strict),
                        "fuzzy": figures(&fuzzy),
                    }),
                )
            })
            .collect();
        let errors: Vec<serde_json::Value> = if args.errors {
            error_items(&gold_docs, &scored)
                .map(|(doc, j)| {
                    serde_json::json!({
                        "document": doc.id,
                        "outcome": j.outcome,
                        "gold": j.gold.map(|m| mention_json(doc, &m)),
                        "system": j.system.map(|m| mention_json(doc, &m)),
                    })
                })
                .collect()
        } else {
            Vec::new()
        };
        let out = serde_json::json!({
            "gold": args.gold.display().to_string(),
            "system": system_label,
            "documents": gold_docs.len(),
            "tokens": gold_docs.iter().map(|d| d.tokens.len()).sum::<usize>(),
            "types": types.iter().map(|t| t.as_str()).collect::<Vec<_>>(),
            "not_scored": other,
            "strict": figures(&strict),
            "fuzzy": figures(&fuzzy),
            "by_type": per_type,
            "errors": errors,
        });
        println!("{}", serde_json::to_string_pretty(&out)?);
        return Ok(());
    }
    let mut out = String::new();
    if args.errors {
        for (doc, j) in error_items(&gold_docs, &scored) {
            let show = |m: Option<score::TokenMention>| match m {
                Some(m) => format!("{} “{}”", m.etype.as_str(), words(doc, &m)),
                None => "-".to_string(),
            };
            writeln!(
                out,
                "{:<11} {:<32} gold {:<40} {} {}",
                j.outcome.as_str(),
                truncate(&doc.id, 32),
                show(j.gold),
                system_label_short(&args.system),
                show(j.system),
            )?;
        }
        out.push('\n');
    }
    let n_tokens: usize = gold_docs.iter().map(|d| d.tokens.len()).sum();
    writeln!(
        out,
        "{}: {} documents, {} tokens; system: {}",
        args.gold.display(),
        gold_docs.len(),
        n_tokens,
        system_label
    )?;
    if !other.is_empty() {
        let list: Vec<String> = other.iter().map(|(k, v)| format!("{k} {v}")).collect();
        writeln!(
            out,
            "gold mentions of other types, not scored: {}",
            list.join(", ")
        )?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "{:<6} {:>6} {:>7}   {:>6} {:>6} {:>6}   {:>6} {:>6} {:>6}",
        "type", "gold", "system", "strict", "", "", "fuzzy", "", ""
    )?;
    writeln!(
        out,
        "{:<6} {:>6} {:>7}   {:>6} {:>6} {:>6}   {:>6} {:>6} {:>6}",
        "", "", "", "P", "R", "F1", "P", "R", "F1"
    )?;
    for t in &types {
        let (strict, fuzzy) = total.micro(&[*t]);
        row(&mut out, t.as_str(), &strict, &fuzzy)?;
    }
    let (strict, fuzzy) = total.micro(&types);
    row(&mut out, "all", &strict, &fuzzy)?;
    print!("{out}");
    Ok(())
}

fn read_system(
    path: &PathBuf,
    gold: &[TokenDocument],
) -> anyhow::Result<Vec<Vec<score::TokenMention>>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let (_, docs) = score::read(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    // The scorer compares token positions, so the two files must hold the same tokens; a file
    // written as one document is split at the gold's document boundaries.
    let flat: Vec<&score::Token> = docs.iter().flat_map(|d| &d.tokens).collect();
    let n_gold: usize = gold.iter().map(|d| d.tokens.len()).sum();
    if flat.len() != n_gold {
        bail!(
            "{} has {} tokens, the gold {}: both files must hold the same tokens",
            path.display(),
            flat.len(),
            n_gold
        );
    }
    let mut out = Vec::with_capacity(gold.len());
    let mut at = 0;
    for g in gold {
        let tokens: Vec<score::Token> = flat[at..at + g.tokens.len()]
            .iter()
            .map(|t| (*t).clone())
            .collect();
        if let Some(k) = tokens
            .iter()
            .zip(&g.tokens)
            .position(|(s, g)| s.text != g.text)
        {
            bail!(
                "{}: token {} of document {} is “{}”, the gold has “{}”",
                path.display(),
                k + 1,
                g.id,
                tokens[k].text,
                g.tokens[k].text
            );
        }
        at += g.tokens.len();
        let doc = TokenDocument {
            id: g.id.clone(),
            tokens,
        };
        out.push(score::mentions(&doc).0);
    }
    Ok(out)
}

/// How the gold file spells each type (its most frequent label of that type: "pers" in HIPE
/// 2020, "LOC" in topres19th), so a written system file scores under the gold's own labels.
fn gold_spelling(docs: &[TokenDocument]) -> BTreeMap<EntityType, String> {
    let mut seen: BTreeMap<EntityType, BTreeMap<&str, usize>> = BTreeMap::new();
    for t in docs.iter().flat_map(|d| &d.tokens) {
        if let Some(label) = t
            .tag
            .strip_prefix("B-")
            .or_else(|| t.tag.strip_prefix("S-"))
        {
            if let Some(ty) = score::coarse_type(label) {
                *seen.entry(ty).or_default().entry(label).or_default() += 1;
            }
        }
    }
    seen.into_iter()
        .filter_map(|(ty, labels)| {
            let (label, _) = labels
                .into_iter()
                .max_by_key(|(l, n)| (*n, std::cmp::Reverse(*l)))?;
            Some((ty, label.to_string()))
        })
        .collect()
}

fn figures(t: &score::Tally) -> serde_json::Value {
    serde_json::json!({
        "precision": round(t.precision()),
        "recall": round(t.recall()),
        "f1": round(t.f1()),
        "correct": t.correct,
        "incorrect": t.incorrect,
        "missed": t.missed,
        "spurious": t.spurious,
        "gold": t.possible(),
        "system": t.actual(),
    })
}

fn round(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

fn row(out: &mut String, name: &str, s: &score::Tally, f: &score::Tally) -> std::fmt::Result {
    writeln!(
        out,
        "{:<6} {:>6} {:>7}   {:>6.3} {:>6.3} {:>6.3}   {:>6.3} {:>6.3} {:>6.3}",
        name,
        s.possible(),
        s.actual(),
        s.precision(),
        s.recall(),
        s.f1(),
        f.precision(),
        f.recall(),
        f.f1()
    )
}

fn error_items<'a>(
    docs: &'a [TokenDocument],
    scored: &'a [Scored],
) -> impl Iterator<Item = (&'a TokenDocument, &'a Judged)> {
    docs.iter().zip(scored).flat_map(|(d, s)| {
        s.judged
            .iter()
            .filter(|j| j.outcome != Outcome::Correct)
            .map(move |j| (d, j))
    })
}

fn words(doc: &TokenDocument, m: &score::TokenMention) -> String {
    let mut s = String::new();
    for t in doc.tokens.get(m.start..m.end).unwrap_or(&[]) {
        s.push_str(&t.text);
        if t.space_after {
            s.push(' ');
        }
    }
    s.trim_end().to_string()
}

fn mention_json(doc: &TokenDocument, m: &score::TokenMention) -> serde_json::Value {
    serde_json::json!({
        "type": m.etype.as_str(),
        "tokens": [m.start, m.end],
        "text": words(doc, m),
    })
}

fn system_label_short(system: &Option<PathBuf>) -> &'static str {
    if system.is_some() {
        "system"
    } else {
        "annals"
    }
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        s.chars().take(n - 1).chain(['…']).collect()
    }
}
