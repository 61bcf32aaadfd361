//! Named-entity scoring on token-annotated gold: HIPE-2022 TSV (the CLEF HIPE shared tasks'
//! format, OCR'd historical newspapers) or CoNLL-style BIO columns.
//!
//! Gold and system mentions are compared on token spans with the HIPE scorer's two regimes:
//!
//! - **strict**: the system mention has the gold mention's first and last token and its type;
//! - **fuzzy**: the types agree and the two mentions share at least one token.
//!
//! The pairing follows the HIPE scorer's definitions (SemEval-2013 task 9.1 as adapted for
//! HIPE). System mentions are taken in text order. One that equals a gold mention (span and
//! type) is correct in both regimes. Otherwise the first gold mention with the same span but
//! another type, or else the first not yet paired gold mention it overlaps, is its pair: same
//! type, fuzzy-correct and strict-incorrect; another type, incorrect in both. A system mention
//! with no pair is spurious; a gold mention never paired is missed. Precision is correct over
//! everything the system produced (correct + incorrect + spurious), recall correct over every
//! gold mention (correct + incorrect + missed); all figures are micro-averaged. Counts of
//! correct, incorrect and missed go to the gold mention's type, spurious to the system's.
//!
//! Types are the coarse three annals produces: people, places, organisations. HIPE's `pers`,
//! `loc` and `org`, and topres19th's `LOC`, `BUILDING` and `STREET` (all toponyms as one place
//! type) map onto them; other gold types (`prod`, `time`, `MISC`, …) are dropped and counted
//! apart. As in the HIPE scorer, only types the gold file annotates are scored: a file of
//! toponyms alone does not count the system's people as spurious.

use crate::entity::ner::EntityType;
use serde::Serialize;

/// One token of a gold (or system) file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub text: String,
    /// The BIO tag as written ("B-pers", "I-LOC", "O").
    pub tag: String,
    /// Whether white space follows the token in the original text.
    pub space_after: bool,
    /// The last token of a printed line (HIPE `EndOfLine`).
    pub line_end: bool,
    /// The last token of a sentence (HIPE `EndOfSentence`, or a blank line in CoNLL).
    pub sentence_end: bool,
}

/// A document of tokens.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TokenDocument {
    pub id: String,
    pub tokens: Vec<Token>,
}

/// A mention over tokens `start..end` of its document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct TokenMention {
    pub start: usize,
    pub end: usize,
    #[serde(rename = "type")]
    pub etype: EntityType,
}

/// The file's format, told by its first line: HIPE files open with a `TOKEN` header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Hipe,
    Conll,
}

/// Read a HIPE-2022 TSV file or a CoNLL BIO file (token first, tag last, blank lines between
/// sentences, `-DOCSTART-` between documents).
pub fn read(text: &str) -> Result<(Format, Vec<TokenDocument>), String> {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    if first.starts_with("TOKEN\t") {
        read_hipe(text).map(|d| (Format::Hipe, d))
    } else {
        read_conll(text).map(|d| (Format::Conll, d))
    }
}

fn read_hipe(text: &str) -> Result<Vec<TokenDocument>, String> {
    let mut lines = text.lines().enumerate();
    let header = lines.next().map(|(_, l)| l).unwrap_or("");
    let columns: Vec<&str> = header.split('\t').collect();
    let at = |name: &str| columns.iter().position(|c| *c == name);
    let (Some(tag_col), Some(misc_col)) = (at("NE-COARSE-LIT"), at("MISC")) else {
        return Err("the HIPE header has no NE-COARSE-LIT or MISC column".into());
    };
    let mut docs: Vec<TokenDocument> = Vec::new();
    for (n, line) in lines {
        if line.trim().is_empty() {
            continue;
        }
        // Comments carry no tab; a token line may start with '#' (an OCR'd "#").
        if let Some(comment) = line.strip_prefix('#').filter(|_| !line.contains('\t')) {
            // Every document opens with its id; other comments are its metadata.
            if let Some(id) = comment.trim().strip_prefix("hipe2022:document_id =") {
                docs.push(TokenDocument {
                    id: id.trim().to_string(),
                    tokens: Vec::new(),
                });
            }
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let (Some(token), Some(tag), Some(misc)) =
            (fields.first(), fields.get(tag_col), fields.get(misc_col))
        else {
            return Err(format!(
                "line {}: {} columns, the header names {}",
                n + 1,
                fields.len(),
                columns.len()
            ));
        };
        if docs.is_empty() {
            docs.push(TokenDocument::default());
        }
        let flags: Vec<&str> = misc.split('|').collect();
        let doc = docs.last_mut().expect("pushed above");
        doc.tokens.push(Token {
            text: token.to_string(),
            tag: tag.to_string(),
            space_after: !flags.contains(&"NoSpaceAfter"),
            line_end: flags.contains(&"EndOfLine"),
            sentence_end: flags.contains(&"EndOfSentence"),
        });
    }
    Ok(docs)
}

fn read_conll(text: &str) -> Result<Vec<TokenDocument>, String> {
    let mut docs = vec![TokenDocument::default()];
    for (n, line) in text.lines().enumerate() {
        let fields: Vec<&str> = line.split_whitespace().collect();
        let doc = docs.last_mut().expect("never empty");
        match fields.as_slice() {
            [] => {
                // One sentence a line when the text is rebuilt.
                if let Some(last) = doc.tokens.last_mut() {
                    last.sentence_end = true;
                    last.line_end = true;
                }
            }
            [first, ..] if *first == "-DOCSTART-" => {
                if !doc.tokens.is_empty() {
                    docs.push(TokenDocument {
                        id: String::new(),
                        tokens: Vec::new(),
                    });
                }
            }
            [_] => return Err(format!("line {}: a token without a tag", n + 1)),
            [token, .., tag] => doc.tokens.push(Token {
                text: token.to_string(),
                tag: tag.to_string(),
                space_after: true,
                line_end: false,
                sentence_end: false,
            }),
        }
    }
    docs.retain(|d| !d.tokens.is_empty());
    for (i, d) in docs.iter_mut().enumerate() {
        d.id = format!("document {}", i + 1);
    }
    Ok(docs)
}

/// The coarse type of a gold or system label, `None` for types annals does not produce.
pub fn coarse_type(label: &str) -> Option<EntityType> {
    match label.to_ascii_lowercase().as_str() {
        "pers" | "per" | "person" => Some(EntityType::Per),
        "loc" | "gpe" | "building" | "street" | "fac" => Some(EntityType::Loc),
        "org" | "organisation" | "organization" => Some(EntityType::Org),
        _ => None,
    }
}

/// The mentions written by a document's BIO tags (IOB1, IOB2 and IOBES alike: an `I-` after
/// another type or after `O` starts a mention), with the labels of types annals does not
/// produce in the second list.
pub fn mentions(doc: &TokenDocument) -> (Vec<TokenMention>, Vec<String>) {
    let mut out = Vec::new();
    let mut other = Vec::new();
    let mut open: Option<(usize, &str)> = None;
    let close = |open: Option<(usize, &str)>, end, out: &mut Vec<_>, other: &mut Vec<_>| {
        if let Some((start, label)) = open {
            match coarse_type(label) {
                Some(etype) => out.push(TokenMention { start, end, etype }),
                None => other.push(label.to_string()),
            }
        }
    };
    for (i, t) in doc.tokens.iter().enumerate() {
        let (prefix, label) = match t.tag.split_once('-') {
            Some((p, l)) if matches!(p, "B" | "I" | "E" | "S") => (p, l),
            _ => ("O", ""),
        };
        let continues = matches!(prefix, "I" | "E") && open.is_some_and(|(_, l)| l == label);
        if !continues {
            close(open.take(), i, &mut out, &mut other);
            if prefix != "O" {
                open = Some((i, label));
            }
        }
        if matches!(prefix, "E" | "S") {
            close(open.take(), i + 1, &mut out, &mut other);
        }
    }
    close(open, doc.tokens.len(), &mut out, &mut other);
    (out, other)
}

/// The document's text as it was printed: tokens joined by a space unless the file says none
/// followed, a line break after the last token of a printed line. Returns the text and each
/// token's byte range in it.
pub fn rebuild_text(doc: &TokenDocument) -> (String, Vec<(usize, usize)>) {
    let mut text = String::new();
    let mut spans = Vec::with_capacity(doc.tokens.len());
    for t in &doc.tokens {
        let start = text.len();
        text.push_str(&t.text);
        spans.push((start, text.len()));
        if t.line_end {
            text.push('\n');
        } else if t.space_after {
            text.push(' ');
        }
    }
    (text, spans)
}

/// The tokens a byte span covers (every token it overlaps), `None` if it covers none.
pub fn token_range(spans: &[(usize, usize)], start: usize, end: usize) -> Option<(usize, usize)> {
    let first = spans.partition_point(|&(_, e)| e <= start);
    let last = spans.partition_point(|&(s, _)| s < end);
    (first < last).then_some((first, last))
}

/// Counts of one regime for one type (or all).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    pub correct: usize,
    pub incorrect: usize,
    pub missed: usize,
    pub spurious: usize,
}

impl Tally {
    fn add(&mut self, o: &Tally) {
        self.correct += o.correct;
        self.incorrect += o.incorrect;
        self.missed += o.missed;
        self.spurious += o.spurious;
    }

    /// Gold mentions that count (correct + incorrect + missed).
    pub fn possible(&self) -> usize {
        self.correct + self.incorrect + self.missed
    }

    /// System mentions that count (correct + incorrect + spurious).
    pub fn actual(&self) -> usize {
        self.correct + self.incorrect + self.spurious
    }

    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.actual())
    }

    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.possible())
    }

    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// What became of one gold or system mention, for error lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    /// Same span and type.
    Correct,
    /// Same type, overlapping span (fuzzy-correct only).
    Boundary,
    /// Overlapping or same span, another type.
    WrongType,
    /// A system mention with no gold mention under it.
    Spurious,
    /// A gold mention no system mention touched.
    Missed,
}

impl Outcome {
    /// The outcome's name, as JSON writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Correct => "correct",
            Outcome::Boundary => "boundary",
            Outcome::WrongType => "wrong-type",
            Outcome::Spurious => "spurious",
            Outcome::Missed => "missed",
        }
    }
}

/// One pairing decision, in token offsets of its document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Judged {
    pub outcome: Outcome,
    pub gold: Option<TokenMention>,
    pub system: Option<TokenMention>,
}

/// Strict and fuzzy counts per type (in [`EntityType::ALL`] order).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct EntityCounts {
    pub strict: [Tally; 3],
    pub fuzzy: [Tally; 3],
}

impl EntityCounts {
    /// The counts of a list of decisions: correct, incorrect and missed go to the gold
    /// mention's type, spurious to the system's.
    pub fn of(judged: &[Judged]) -> EntityCounts {
        let mut c = EntityCounts::default();
        for j in judged {
            let Some(m) = j.gold.or(j.system) else {
                continue;
            };
            let (strict, fuzzy) = (
                &mut c.strict[m.etype.index()],
                &mut c.fuzzy[m.etype.index()],
            );
            match j.outcome {
                Outcome::Correct => {
                    strict.correct += 1;
                    fuzzy.correct += 1;
                }
                Outcome::Boundary => {
                    strict.incorrect += 1;
                    fuzzy.correct += 1;
                }
                Outcome::WrongType => {
                    strict.incorrect += 1;
                    fuzzy.incorrect += 1;
                }
                Outcome::Spurious => {
                    strict.spurious += 1;
                    fuzzy.spurious += 1;
                }
                Outcome::Missed => {
                    strict.missed += 1;
                    fuzzy.missed += 1;
                }
            }
        }
        c
    }

    pub fn add(&mut self, o: &EntityCounts) {
        for i in 0..3 {
            self.strict[i].add(&o.strict[i]);
            self.fuzzy[i].add(&o.fuzzy[i]);
        }
    }

    /// Micro-averaged over `types`.
    pub fn micro(&self, types: &[EntityType]) -> (Tally, Tally) {
        let mut strict = Tally::default();
        let mut fuzzy = Tally::default();
        for t in types {
            strict.add(&self.strict[t.index()]);
            fuzzy.add(&self.fuzzy[t.index()]);
        }
        (strict, fuzzy)
    }
}

/// Score one document's system mentions against its gold mentions, both restricted to
/// `types` first. Returns the counts and every decision.
pub fn score(
    gold: &[TokenMention],
    system: &[TokenMention],
    types: &[EntityType],
) -> (EntityCounts, Vec<Judged>) {
    let gold: Vec<TokenMention> = gold
        .iter()
        .filter(|m| types.contains(&m.etype))
        .copied()
        .collect();
    let mut system: Vec<TokenMention> = system
        .iter()
        .filter(|m| types.contains(&m.etype))
        .copied()
        .collect();
    system.sort_by_key(|m| (m.start, m.end));
    let mut judged = Vec::new();
    let mut paired = vec![false; gold.len()];
    for s in &system {
        if let Some(i) = gold.iter().position(|g| g == s) {
            paired[i] = true;
            judged.push(Judged {
                outcome: Outcome::Correct,
                gold: Some(*s),
                system: Some(*s),
            });
            continue;
        }
        let overlaps = |g: &TokenMention| g.start < s.end && s.start < g.end;
        let pair = gold
            .iter()
            .enumerate()
            .find(|(i, g)| (g.start == s.start && g.end == s.end) || (overlaps(g) && !paired[*i]));
        judged.push(match pair {
            Some((i, g)) => {
                paired[i] = true;
                Judged {
                    outcome: if g.etype == s.etype {
                        Outcome::Boundary
                    } else {
                        Outcome::WrongType
                    },
                    gold: Some(*g),
                    system: Some(*s),
                }
            }
            None => Judged {
                outcome: Outcome::Spurious,
                gold: None,
                system: Some(*s),
            },
        });
    }
    for (g, _) in gold.iter().zip(&paired).filter(|(_, p)| !**p) {
        judged.push(Judged {
            outcome: Outcome::Missed,
            gold: Some(*g),
            system: None,
        });
    }
    (EntityCounts::of(&judged), judged)
}

/// The types a gold set annotates, in [`EntityType::ALL`] order.
pub fn annotated_types<'a>(gold: impl IntoIterator<Item = &'a TokenMention>) -> Vec<EntityType> {
    let mut seen = [false; 3];
    for m in gold {
        seen[m.etype.index()] = true;
    }
    EntityType::ALL
        .into_iter()
        .filter(|t| seen[t.index()])
        .collect()
}

/// annals' mentions of a gold document: its printed text rebuilt ([`rebuild_text`]) and run
/// through the pipeline as `annals entities` would run it, each mention typed as its cluster
/// (the type a user reads) and mapped onto the tokens it covers.
pub fn annals_mentions(
    pipeline: &crate::Pipeline,
    doc: &TokenDocument,
    ocr: crate::text::ocr::OcrMode,
) -> crate::Result<Vec<TokenMention>> {
    let (text, spans) = rebuild_text(doc);
    let document = crate::Document::from_text(text);
    let opts = crate::TagOptions {
        entities: true,
        ocr,
        ..Default::default()
    };
    let analysis = pipeline.analyse(&document, &opts)?;
    let mut out: Vec<TokenMention> = analysis
        .entities
        .iter()
        .flat_map(|c| c.mentions.iter().map(move |m| (c.etype, m.span)))
        // Buildings and streets are places in HIPE's coarse types (loc.fac, loc.add) and in
        // topres19th (BUILDING, STREET).
        .map(|(etype, span)| match etype {
            EntityType::Fac => (EntityType::Loc, span),
            other => (other, span),
        })
        .filter_map(|(etype, span)| {
            let (start, end) = token_range(&spans, span.start, span.end)?;
            Some(TokenMention { start, end, etype })
        })
        .collect();
    // BIO tags hold one mention per token: of overlapping mentions the first (and at the same
    // start the longest) is kept, so that scoring in memory and scoring a written file agree.
    out.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    let mut kept: Vec<TokenMention> = Vec::with_capacity(out.len());
    for m in out {
        if kept.last().is_none_or(|k| k.end <= m.start) {
            kept.push(m);
        }
    }
    Ok(kept)
}

/// BIO tags for `mentions` (sorted, not overlapping) over a document of `n` tokens, each type
/// spelled by `label`.
pub fn bio_tags(
    n: usize,
    mentions: &[TokenMention],
    label: impl Fn(EntityType) -> String,
) -> Vec<String> {
    let mut tags = vec!["O".to_string(); n];
    for m in mentions {
        let l = label(m.etype);
        for (k, tag) in tags.iter_mut().enumerate().take(m.end).skip(m.start) {
            *tag = format!("{}-{l}", if k == m.start { "B" } else { "I" });
        }
    }
    tags
}

/// A HIPE-2022 TSV file of `docs` with `tags[d][i]` as token i's NE-COARSE-LIT and the other
/// annotation columns empty (`_`), for the HIPE scorer or any tool that reads the format.
pub fn write_hipe(docs: &[TokenDocument], tags: &[Vec<String>]) -> String {
    let mut out = String::from(
        "TOKEN\tNE-COARSE-LIT\tNE-COARSE-METO\tNE-FINE-LIT\tNE-FINE-METO\tNE-FINE-COMP\tNE-NESTED\tNEL-LIT\tNEL-METO\tMISC\n",
    );
    for (doc, tags) in docs.iter().zip(tags) {
        out.push_str(&format!("# hipe2022:document_id = {}\n", doc.id));
        for (t, tag) in doc.tokens.iter().zip(tags) {
            let mut flags = Vec::new();
            if !t.space_after {
                flags.push("NoSpaceAfter");
            }
            if t.line_end {
                flags.push("EndOfLine");
            }
            if t.sentence_end {
                flags.push("EndOfSentence");
            }
            let misc = if flags.is_empty() {
                "_".to_string()
            } else {
                flags.join("|")
            };
            out.push_str(&format!("{}\t{tag}\t_\t_\t_\t_\t_\t_\t_\t{misc}\n", t.text));
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(start: usize, end: usize, etype: EntityType) -> TokenMention {
        TokenMention { start, end, etype }
    }

    const ALL: [EntityType; 3] = EntityType::ALL;
    use EntityType::{Loc, Org, Per};

    #[test]
    fn exact_boundary_and_type_regimes() {
        let gold = [m(0, 2, Per), m(5, 6, Loc), m(8, 9, Org)];
        // "General" + "D'Alton" against "General D'Alton": one boundary match, one spurious.
        let system = [m(0, 1, Per), m(1, 2, Per), m(5, 6, Per), m(8, 9, Org)];
        let (c, j) = score(&gold, &system, &ALL);
        let (strict, fuzzy) = c.micro(&ALL);
        assert_eq!(
            strict,
            Tally {
                correct: 1,
                incorrect: 2,
                missed: 0,
                spurious: 1
            }
        );
        assert_eq!(
            fuzzy,
            Tally {
                correct: 2,
                incorrect: 1,
                missed: 0,
                spurious: 1
            }
        );
        assert_eq!(j[0].outcome, Outcome::Boundary);
        assert_eq!(j[1].outcome, Outcome::Spurious);
        assert_eq!(j[2].outcome, Outcome::WrongType);
        // Spurious counts go to the system's type, the rest to the gold's.
        assert_eq!(c.strict[Per.index()].spurious, 1);
        assert_eq!(c.fuzzy[Loc.index()].incorrect, 1);
        assert!((strict.precision() - 0.25).abs() < 1e-9);
        // Every system mention is counted once, in both regimes.
        assert_eq!(
            (strict.actual(), fuzzy.actual()),
            (system.len(), system.len())
        );
        // Outcomes are named in JSON as `as_str` names them.
        for j in &j {
            let json = serde_json::to_value(j.outcome).unwrap();
            assert_eq!(json, j.outcome.as_str());
        }
        assert!((fuzzy.recall() - 2.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn missed_and_types_outside_the_gold_are_not_scored() {
        let gold = [m(0, 1, Loc), m(3, 4, Loc)];
        let system = [m(0, 1, Loc), m(6, 7, Per)];
        let types = annotated_types(&gold);
        assert_eq!(types, vec![Loc]);
        let (c, _) = score(&gold, &system, &types);
        let (strict, _) = c.micro(&types);
        assert_eq!((strict.correct, strict.missed, strict.spurious), (1, 1, 0));
    }

    #[test]
    fn reads_hipe_and_rebuilds_the_printed_text() {
        let tsv = "TOKEN\tNE-COARSE-LIT\tNE-COARSE-METO\tNE-FINE-LIT\tNE-FINE-METO\tNE-FINE-COMP\tNE-NESTED\tNEL-LIT\tNEL-METO\tMISC\n\
# hipe2022:document_id = d1\n\
General\tB-pers\tO\t_\t_\t_\t_\tNIL\t_\t_\n\
D'Alton\tI-pers\tO\t_\t_\t_\t_\tNIL\t_\tNoSpaceAfter\n\
,\tO\tO\t_\t_\t_\t_\t_\t_\tEndOfLine\n\
Dublin\tB-loc\tO\t_\t_\t_\t_\tQ1761\t_\tNoSpaceAfter\n\
.\tO\tO\t_\t_\t_\t_\t_\t_\tEndOfSentence\n\
\n\
# hipe2022:document_id = d2\n\
The\tB-prod\tO\t_\t_\t_\t_\t_\t_\t_\n\
Times\tI-prod\tO\t_\t_\t_\t_\t_\t_\t_\n";
        let (format, docs) = read(tsv).unwrap();
        assert_eq!(format, Format::Hipe);
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].id, "d1");
        let (text, spans) = rebuild_text(&docs[0]);
        assert_eq!(text, "General D'Alton,\nDublin. ");
        assert_eq!(token_range(&spans, 0, 15), Some((0, 2)));
        assert_eq!(token_range(&spans, 17, 23), Some((3, 4)));
        let (gold, other) = mentions(&docs[0]);
        assert_eq!(gold, vec![m(0, 2, Per), m(3, 4, Loc)]);
        assert!(other.is_empty());
        let (gold, other) = mentions(&docs[1]);
        assert!(gold.is_empty());
        assert_eq!(other, vec!["prod".to_string()]);
    }

    #[test]
    fn written_tags_read_back_as_the_same_mentions() {
        let doc = TokenDocument {
            id: "d".into(),
            tokens: ["In", "New", "York", "Smith", "spoke"]
                .iter()
                .map(|w| Token {
                    text: w.to_string(),
                    tag: "O".into(),
                    space_after: true,
                    line_end: false,
                    sentence_end: false,
                })
                .collect(),
        };
        let found = vec![m(1, 3, Loc), m(3, 4, Per)];
        let tags = bio_tags(5, &found, |t| t.as_str().to_lowercase());
        assert_eq!(tags, ["O", "B-loc", "I-loc", "B-per", "O"]);
        let (_, back) = read(&write_hipe(std::slice::from_ref(&doc), &[tags])).unwrap();
        assert_eq!(back[0].id, "d");
        assert_eq!(mentions(&back[0]).0, found);
    }

    #[test]
    fn reads_conll_iob1_and_iobes() {
        let conll = "-DOCSTART- O\n\nJohn NNP I-PER\nSmith NNP I-PER\nin IN O\nParis NNP I-LOC\n\n\
-DOCSTART- O\n\nAcme S-ORG\nCorp O\nNew B-LOC\nYork E-LOC\n";
        let (format, docs) = read(conll).unwrap();
        assert_eq!(format, Format::Conll);
        assert_eq!(docs.len(), 2);
        assert_eq!(mentions(&docs[0]).0, vec![m(0, 2, Per), m(3, 4, Loc)]);
        assert_eq!(mentions(&docs[1]).0, vec![m(0, 1, Org), m(2, 4, Loc)]);
        assert!(docs[0].tokens[3].sentence_end);
    }
}
