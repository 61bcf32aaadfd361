//! Reader for GUM (Georgetown University Multilayer corpus) CoNLL-U files, turning its entity
//! layer into named-entity spans for training and scoring the NER tagger.
//!
//! GUM annotates *every* mention (pronouns, "the city", "his native Bohemia", nested mentions) with
//! one of ten entity types, in the CorefUD bracket notation of the MISC column:
//! `Entity=(12-person-new-…` opens mention 12, `Entity=12)` closes it, `Entity=(12-person-…)` is a
//! one-token mention, and several brackets can stack on one token. A named-entity tagger needs
//! something narrower, so [`read_document`] converts mentions to named-entity spans:
//!
//! 1. **Types.** `person` → PER, `place` → LOC, `organization` → ORG; the seven other types
//!    (abstract, event, object, time, substance, animal, plant) are dropped. GUM files nationality
//!    and group nouns under `person` ("the Americans"), so those are PER here when named.
//! 2. **Named mentions only.** A mention is kept when a head token (a token of the mention whose
//!    syntactic head lies outside it) is `PROPN`, or when its first token is a capitalised `PROPN`
//!    and its first head token is capitalised too. The second clause catches names whose head UD
//!    tags as a common noun ("Washington St", "Terminal 2", "Protector of Mexico") while keeping
//!    out possessed common nouns ("Michael 's nephews" is a mention of the nephews).
//!    Pronouns and descriptions ("he", "the city", "the school of Dr. William Glennie") go.
//! 3. **Names, not noun phrases.** A GUM mention can run over appositions, coordinations,
//!    locative modifiers and relative clauses ("Rochester , New York , where she graduated …",
//!    "Sorbonne in Paris", "Fyodor Raskolnikov and Sergo Ordzhonikidze"). The span is cut to the
//!    chunk around the head token, between separating punctuation, conjunctions followed by
//!    another named mention, prepositions other than name-internal ones ("Bank of America")
//!    and lowercase verbs or pronouns (`name_chunk`). The other names in the mention are
//!    annotated as mentions of their own and survive through rule 5.
//! 4. **Name boundaries.** Leading determiners, pronouns, punctuation and lowercase words are
//!    trimmed ("the British Library" → "British Library", "his native Bohemia" → "Bohemia"),
//!    and so are trailing punctuation and possessive markers ("Japan 's" → "Japan");
//!    [`trim_span`] is the rule. The scorer applies the same rule to every system's output so
//!    that taggers following the other common convention (keeping "the") are not penalised for
//!    it. Titles stay, as GUM has them ("President Obama", "Mr. Wasserstrom").
//! 5. **Nesting.** Only the outermost kept span survives ("Aberdeen Grammar School" is ORG and
//!    the place "Aberdeen" inside it is dropped), since NER spans do not nest. Kept spans are
//!    taken longest-first from the left; a nested named mention survives when the mention
//!    around it is not named ("the school of [Dr. William Glennie]") or was cut away from it.
//!
//! Multiword-token lines (`3-4`) and empty nodes (`5.1`) are skipped: tokens are syntactic words,
//! which is what the bracket notation and the UPOS column refer to.

use super::ner::EntityType;
use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// GUM genres whose texts are licensed non-commercially (CC BY-NC-SA): never train the shipped
/// model on them (see `../shared/data/LICENSES.md`).
pub const NON_COMMERCIAL_GENRES: [&str; 5] = ["essay", "fiction", "letter", "podcast", "whow"];

/// The seventeen Universal Dependencies part-of-speech tags, to intern the UPOS column.
pub const UPOS_TAGS: [&str; 17] = [
    "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN",
    "PUNCT", "SCONJ", "SYM", "VERB", "X",
];

/// A named-entity span over token indices `start..end` of one sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EntitySpan {
    pub start: usize,
    pub end: usize,
    pub etype: EntityType,
}

/// One sentence: its syntactic words, their gold UPOS tags and the named-entity spans.
#[derive(Clone, Debug, Default)]
pub struct Sentence {
    pub forms: Vec<String>,
    /// Gold UPOS, interned from [`UPOS_TAGS`] (`"X"` for anything outside it).
    pub upos: Vec<&'static str>,
    /// Sorted by start, non-overlapping.
    pub entities: Vec<EntitySpan>,
}

/// One GUM document.
#[derive(Clone, Debug)]
pub struct Document {
    /// The document name, e.g. `GUM_bio_byron`.
    pub name: String,
    /// The genre, from the name (`GUM_<genre>_<title>`), e.g. `bio`.
    pub genre: String,
    pub sentences: Vec<Sentence>,
}

impl Document {
    /// Whether the document's text is licensed for non-commercial use only.
    pub fn is_non_commercial(&self) -> bool {
        NON_COMMERCIAL_GENRES.contains(&self.genre.as_str())
    }
}

/// Which official split to read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Split {
    Train,
    Dev,
    Test,
}

impl Split {
    pub fn name(self) -> &'static str {
        match self {
            Split::Train => "train",
            Split::Dev => "dev",
            Split::Test => "test",
        }
    }
}

/// Read the documents of `split` from a GUM folder (the one holding `dep/` and `splits/`), in
/// the order of the split list. `include_non_commercial` false leaves out the NC genres.
pub fn read_split(
    gum_dir: &Path,
    split: Split,
    include_non_commercial: bool,
) -> Result<Vec<Document>> {
    split_files(gum_dir, split, include_non_commercial)?
        .iter()
        .map(|path| read_document(path))
        .collect()
}

/// The CoNLL-U files of `split` in a GUM folder, in the order of the split list;
/// `include_non_commercial` false leaves out the NC genres.
pub fn split_files(
    gum_dir: &Path,
    split: Split,
    include_non_commercial: bool,
) -> Result<Vec<PathBuf>> {
    let list = gum_dir.join("splits").join(format!("{}.txt", split.name()));
    let names = std::fs::read_to_string(&list).map_err(|cause| Error::Io {
        path: list.clone(),
        cause,
    })?;
    Ok(names
        .lines()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .filter(|n| include_non_commercial || !NON_COMMERCIAL_GENRES.contains(&genre_of(n)))
        .map(|name| gum_dir.join("dep").join(format!("{name}.conllu")))
        .collect())
}

/// The UD sentences (forms, lemmas, UPOS) of `split`, leaving out the non-commercial genres:
/// for what learns from GUM's syntax rather than its entities (the UPOS tagger, the lemma
/// table).
pub fn read_ud_sentences(
    gum_dir: &Path,
    split: Split,
) -> Result<Vec<crate::tagging::conllu::Sentence>> {
    let mut sentences = Vec::new();
    for path in split_files(gum_dir, split, false)? {
        sentences.extend(crate::tagging::conllu::read(&path)?);
    }
    Ok(sentences)
}

/// Read one GUM CoNLL-U file.
pub fn read_document(path: &Path) -> Result<Document> {
    let text = std::fs::read_to_string(path).map_err(|cause| Error::Io {
        path: path.to_path_buf(),
        cause,
    })?;
    let name = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let sentences = parse_conllu(&text, path)?;
    Ok(Document {
        genre: genre_of(&name).to_string(),
        name,
        sentences,
    })
}

/// `GUM_bio_byron` → `bio`.
fn genre_of(name: &str) -> &str {
    name.strip_prefix("GUM_")
        .and_then(|rest| rest.split('_').next())
        .unwrap_or("")
}

/// A mention as read, before filtering: token range, GUM type, head and first-token tests.
struct RawMention {
    start: usize,
    end: usize,
    etype: EntityType,
}

/// Per-sentence scratch: the words' heads (1-based, 0 = root) for the named-mention test.
#[derive(Default)]
struct Scratch<'a> {
    sentence: Sentence,
    heads: Vec<usize>,
    /// Open mentions: the type is None when not PER/LOC/ORG.
    open: Vec<OpenMention<'a, Option<EntityType>>>,
    mentions: Vec<RawMention>,
}

/// Parse CoNLL-U text into sentences; `path` is for error messages only.
pub fn parse_conllu(text: &str, path: &Path) -> Result<Vec<Sentence>> {
    let mut out = Vec::new();
    let mut s = Scratch::default();
    for (lineno, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            finish_sentence(&mut s, &mut out);
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(format_error(
                path,
                lineno,
                &format!("expected 10 tab-separated columns, found {}", cols.len()),
            ));
        }
        if cols[0].contains(['-', '.']) {
            continue; // multiword token or empty node
        }
        let head = if cols[6] == "_" {
            0
        } else {
            cols[6]
                .parse::<usize>()
                .map_err(|_| format_error(path, lineno, &format!("bad HEAD {:?}", cols[6])))?
        };
        let index = s.sentence.forms.len();
        s.sentence.forms.push(cols[1].to_string());
        s.sentence.upos.push(intern_upos(cols[3]));
        s.heads.push(head);
        for item in cols[9].split('|') {
            if let Some(brackets) = item.strip_prefix("Entity=") {
                read_brackets(brackets, index, &mut s)
                    .map_err(|m| format_error(path, lineno, &m))?;
            }
        }
    }
    finish_sentence(&mut s, &mut out);
    Ok(out)
}

fn format_error(path: &Path, lineno: usize, message: &str) -> Error {
    Error::Format {
        path: PathBuf::from(path),
        message: format!("line {}: {message}", lineno + 1),
    }
}

fn intern_upos(tag: &str) -> &'static str {
    UPOS_TAGS
        .iter()
        .find(|&&t| t == tag)
        .copied()
        .unwrap_or("X")
}

fn map_type(gum: &str) -> Option<EntityType> {
    match gum {
        "person" => Some(EntityType::Per),
        "place" => Some(EntityType::Loc),
        "organization" => Some(EntityType::Org),
        _ => None,
    }
}

/// Read one MISC `Entity=` value on token `index`: openings `(id-type-…`, optionally closed on
/// the spot by `)`, and closings `id)`, in written order.
fn read_brackets<'a>(value: &'a str, index: usize, s: &mut Scratch<'a>) -> Result<(), String> {
    let mentions = &mut s.mentions;
    entity_brackets(value, index, map_type, &mut s.open, |etype, start, end| {
        if let Some(etype) = etype {
            mentions.push(RawMention { start, end, etype });
        }
    })
}

/// An open mention while a sentence is read: GUM's entity id, what `classify` made of its type
/// and its first token.
pub(crate) type OpenMention<'a, T> = (&'a str, T, usize);

/// The bracket notation of GUM's (CorefUD's) `Entity=` MISC value on token `index`: an opening
/// `(id-type-…` goes on `open`, closed on the spot by `)` for a one-token mention; a closing
/// `id)` closes the most recent open mention of that entity (the CorefUD nesting rule). Each
/// mention found is reported as `(classify(type), first token, end token exclusive)`. Shared by
/// the NER training reader and the event-noun lexicon (`event::nouns`).
pub(crate) fn entity_brackets<'a, T: Copy>(
    value: &'a str,
    index: usize,
    classify: impl Fn(&str) -> T,
    open: &mut Vec<OpenMention<'a, T>>,
    mut mention: impl FnMut(T, usize, usize),
) -> Result<(), String> {
    let bytes = value.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'(' {
            let body_end = value[i + 1..]
                .find(['(', ')'])
                .map_or(value.len(), |k| i + 1 + k);
            let mut fields = value[i + 1..body_end].split('-');
            let id = fields.next().unwrap_or("");
            let kind = classify(fields.next().unwrap_or(""));
            if id.is_empty() {
                return Err(format!("entity opening without an id in {value:?}"));
            }
            i = body_end;
            if bytes.get(i) == Some(&b')') {
                mention(kind, index, index + 1);
                i += 1;
            } else {
                open.push((id, kind, index));
            }
        } else {
            let close_end = value[i..]
                .find(')')
                .map(|k| i + k)
                .ok_or_else(|| format!("unterminated entity closing in {value:?}"))?;
            let id = &value[i..close_end];
            let Some(pos) = open.iter().rposition(|o| o.0 == id) else {
                return Err(format!("entity {id:?} closed but never opened"));
            };
            let (_, kind, start) = open.remove(pos);
            mention(kind, start, index + 1);
            i = close_end + 1;
        }
    }
    Ok(())
}

/// Turn the sentence's raw mentions into named-entity spans (see the module comment) and move
/// the sentence to `out`. Mentions still open at a sentence break are dropped: GUM does not
/// annotate cross-sentence mentions, so an open one means a malformed line we choose to skip.
fn finish_sentence(s: &mut Scratch<'_>, out: &mut Vec<Sentence>) {
    s.open.clear();
    if s.sentence.forms.is_empty() {
        s.mentions.clear();
        return;
    }
    // Named mentions with their head token, before cutting (inner names decide some cuts).
    let named: Vec<(&RawMention, usize)> = s
        .mentions
        .iter()
        .filter_map(|m| Some((m, named_head(&s.sentence, &s.heads, m.start, m.end)?)))
        .collect();
    let mut kept: Vec<EntitySpan> = Vec::new();
    for &(m, head) in &named {
        let inner_starts: Vec<usize> = named
            .iter()
            .filter(|(o, _)| {
                m.start <= o.start && o.end <= m.end && (o.end - o.start) < (m.end - m.start)
            })
            .map(|(o, _)| o.start)
            .collect();
        let (start, end) = name_chunk(&s.sentence, m, head, &inner_starts);
        if let Some((start, end)) = trim_span(&s.sentence.forms, &s.sentence.upos, start, end) {
            kept.push(EntitySpan {
                start,
                end,
                etype: m.etype,
            });
        }
    }
    s.mentions.clear();
    let mut sentence = std::mem::take(&mut s.sentence);
    sentence.entities = outermost(kept);
    s.heads.clear();
    out.push(sentence);
}

/// The named-mention test (rule 2 of the module comment): the head token the name is built
/// around, or `None` when the mention is not a name.
fn named_head(sentence: &Sentence, heads: &[usize], start: usize, end: usize) -> Option<usize> {
    // Heads are 1-based word ids; a word is a head of the mention when its head is outside it.
    let outside = |k: usize| {
        let h = heads[k];
        h == 0 || h <= start || h > end
    };
    let mut first_head = None;
    for k in start..end {
        if outside(k) {
            if sentence.upos[k] == "PROPN" {
                return Some(k);
            }
            first_head.get_or_insert(k);
        }
    }
    let capitalised = |k: usize| {
        sentence.forms[k]
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
    };
    let first_head = first_head?;
    (sentence.upos[start] == "PROPN" && capitalised(start) && capitalised(first_head))
        .then_some(first_head)
}

/// Words that join the parts of a name ("Bank of America", "Universidade Federal de Santa
/// Catarina", "Mary & Leigh Block Museum") rather than attach something to it.
const NAME_LINKERS: &[&str] = &[
    "of", "for", "&", "de", "del", "da", "di", "do", "du", "des", "dos", "von", "van", "der",
    "den", "la", "le", "el", "al", "bin", "ibn", "y",
];

/// Cut a mention to the name around its head (rule 3 of the module comment). The chunk
/// stops at separating punctuation, lowercase prepositions other than [`NAME_LINKERS`],
/// lowercase verbs, auxiliaries, pronouns, adverbs and subordinators, and conjunctions (other
/// than `&`) followed by a named mention of their own (`inner_starts`): "Raskolnikov and
/// Ordzhonikidze", both annotated, is cut; "National Aeronautics and Space Administration"
/// is one name.
fn name_chunk(
    sentence: &Sentence,
    m: &RawMention,
    head: usize,
    inner_starts: &[usize],
) -> (usize, usize) {
    let (start, end) = (m.start, m.end);
    let cuts = |k: usize| {
        let f = sentence.forms[k].as_str();
        let lower = f.chars().next().is_some_and(char::is_lowercase);
        match sentence.upos[k] {
            "PUNCT" => matches!(
                f,
                "," | ";" | ":" | "(" | ")" | "[" | "]" | "—" | "–" | "--"
            ),
            "CCONJ" => f != "&" && inner_starts.iter().any(|&i| i > k),
            "ADP" => lower && !NAME_LINKERS.contains(&f),
            "VERB" | "AUX" | "PRON" | "ADV" | "SCONJ" => lower,
            _ => false,
        }
    };
    let mut s = head;
    while s > start && !cuts(s - 1) {
        s -= 1;
    }
    let mut e = head + 1;
    while e < end && !cuts(e) {
        e += 1;
    }
    (s, e)
}

/// Trim a mention `start..end` to its name (rule 4 of the module comment): drop leading
/// determiners, pronouns, punctuation and words starting with a lowercase letter, and trailing
/// punctuation and possessive markers. `None` when nothing is left. Scoring applies this to
/// system spans too, so it must not depend on anything but the tokens and their UPOS.
pub fn trim_span(
    forms: &[impl AsRef<str>],
    upos: &[&str],
    start: usize,
    end: usize,
) -> Option<(usize, usize)> {
    let end = end.min(forms.len()).min(upos.len());
    let mut start = start.min(end);
    let mut end = end;
    while start < end {
        let f = forms[start].as_ref();
        let lower = f.chars().next().is_some_and(char::is_lowercase);
        if lower || matches!(upos[start], "DET" | "PRON" | "PUNCT") {
            start += 1;
        } else {
            break;
        }
    }
    while end > start {
        let f = forms[end - 1].as_ref();
        let possessive = upos[end - 1] == "PART" && matches!(f, "'s" | "’s" | "'" | "’");
        if possessive || upos[end - 1] == "PUNCT" {
            end -= 1;
        } else {
            break;
        }
    }
    (start < end).then_some((start, end))
}

/// Keep the outermost of nested or overlapping spans: longest first, then leftmost.
fn outermost(mut spans: Vec<EntitySpan>) -> Vec<EntitySpan> {
    spans.sort_by_key(|e| (std::cmp::Reverse(e.end - e.start), e.start));
    let mut kept: Vec<EntitySpan> = Vec::with_capacity(spans.len());
    for e in spans {
        if kept.iter().all(|k| e.end <= k.start || k.end <= e.start) {
            kept.push(e);
        }
    }
    kept.sort();
    kept
}

/// Exact-match span counts for one type.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    pub true_pos: usize,
    pub false_pos: usize,
    pub false_neg: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.true_pos, self.true_pos + self.false_pos)
    }

    pub fn recall(&self) -> f64 {
        ratio(self.true_pos, self.true_pos + self.false_neg)
    }

    pub fn f1(&self) -> f64 {
        ratio(
            2 * self.true_pos,
            2 * self.true_pos + self.false_pos + self.false_neg,
        )
    }

    /// Gold spans counted.
    pub fn gold(&self) -> usize {
        self.true_pos + self.false_neg
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Exact-match span scores per type (in [`EntityType::ALL`] order), micro-averaged on demand.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct SpanScores {
    pub by_type: [Counts; 3],
}

impl SpanScores {
    pub fn get(&self, t: EntityType) -> Counts {
        self.by_type[t.index()]
    }

    pub fn micro(&self) -> Counts {
        self.by_type.iter().fold(Counts::default(), |a, c| Counts {
            true_pos: a.true_pos + c.true_pos,
            false_pos: a.false_pos + c.false_pos,
            false_neg: a.false_neg + c.false_neg,
        })
    }

    /// Count one sentence: a predicted span is right when a gold span has the same start, end
    /// and type. Neither list may hold duplicates.
    pub fn add(&mut self, gold: &[EntitySpan], predicted: &[EntitySpan]) {
        for p in predicted {
            let c = &mut self.by_type[p.etype.index()];
            if gold.contains(p) {
                c.true_pos += 1;
            } else {
                c.false_pos += 1;
            }
        }
        for g in gold.iter().filter(|g| !predicted.contains(g)) {
            self.by_type[g.etype.index()].false_neg += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Vec<Sentence> {
        parse_conllu(s, Path::new("t.conllu")).unwrap()
    }

    fn line(id: usize, form: &str, upos: &str, head: usize, misc: &str) -> String {
        format!("{id}\t{form}\t_\t{upos}\t_\t_\t{head}\t_\t_\t{misc}\n")
    }

    #[test]
    fn nested_named_mentions_keep_the_outermost() {
        let text = [
            line(1, "at", "ADP", 4, "_"),
            line(
                2,
                "Aberdeen",
                "PROPN",
                4,
                "Entity=(4-organization-new-x-cf5-1,2,3-coref-A(5-place-new-x-cf10-1-sgl-Ab)",
            ),
            line(3, "Grammar", "PROPN", 4, "_"),
            line(4, "School", "PROPN", 0, "Entity=4)"),
        ]
        .concat();
        let s = parse(&text);
        assert_eq!(
            s[0].entities,
            vec![EntitySpan {
                start: 1,
                end: 4,
                etype: EntityType::Org
            }]
        );
    }

    #[test]
    fn descriptions_and_pronouns_are_dropped_but_named_inner_mentions_survive() {
        let text = [
            line(
                1,
                "the",
                "DET",
                2,
                "Entity=(8-organization-new-x-cf3-2,4,6-coref",
            ),
            line(2, "school", "NOUN", 0, "_"),
            line(3, "of", "ADP", 5, "_"),
            line(
                4,
                "Dr.",
                "PROPN",
                5,
                "Entity=(9-person-new-x-cf4-1,2,3-sgl-W",
            ),
            line(5, "William", "PROPN", 2, "_"),
            line(6, "Glennie", "PROPN", 5, "Entity=9)8)"),
            line(7, "he", "PRON", 2, "Entity=(9-person-giv-x-cf4-1-ana)"),
        ]
        .concat();
        let s = parse(&text);
        assert_eq!(
            s[0].entities,
            vec![EntitySpan {
                start: 3,
                end: 6,
                etype: EntityType::Per
            }]
        );
    }

    #[test]
    fn trims_determiners_modifiers_and_possessives() {
        let text = [
            line(
                1,
                "his",
                "PRON",
                3,
                "Entity=(1-person-new-x-cf3-1-ana)(2-place-new-x-cf3-1-sgl",
            ),
            line(2, "native", "ADJ", 3, "_"),
            line(
                3,
                "Bohemia",
                "PROPN",
                0,
                "Entity=2)(3-place-new-x-cf3-1-sgl",
            ),
            line(4, "'s", "PART", 3, "Entity=3)"),
        ]
        .concat();
        let s = parse(&text);
        // "Bohemia 's" (3..4) is the longer mention; trimmed it equals "Bohemia".
        assert_eq!(
            s[0].entities,
            vec![EntitySpan {
                start: 2,
                end: 3,
                etype: EntityType::Loc
            }]
        );
    }

    #[test]
    fn possessed_common_nouns_are_not_names() {
        let text = [
            line(
                1,
                "Michael",
                "PROPN",
                3,
                "Entity=(1-person-new-x-cf3-1-sgl(2-person-new-x-cf3-1-sgl)",
            ),
            line(2, "'s", "PART", 1, "_"),
            line(3, "nephews", "NOUN", 0, "Entity=1)"),
        ]
        .concat();
        let s = parse(&text);
        assert_eq!(
            s[0].entities,
            vec![EntitySpan {
                start: 0,
                end: 1,
                etype: EntityType::Per
            }]
        );
    }

    #[test]
    fn skips_multiword_tokens_and_empty_nodes_and_reports_bad_lines() {
        let text = "1-2\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n".to_string()
            + &line(1, "do", "AUX", 0, "_")
            + &line(2, "n't", "PART", 1, "_")
            + "2.1\tx\t_\t_\t_\t_\t_\t_\t_\t_\n";
        let s = parse(&text);
        assert_eq!(s[0].forms, vec!["do", "n't"]);
        assert!(parse_conllu("1\tx\n", Path::new("t")).is_err());
        assert!(parse_conllu(&line(1, "x", "X", 0, "Entity=7)"), Path::new("t")).is_err());
        assert!(parse_conllu(&line(1, "x", "X", 0, "Entity=(7-person"), Path::new("t")).is_ok());
    }
    #[test]
    fn coordinations_and_locative_modifiers_are_cut_into_names() {
        // [Sorbonne in [Paris]] and [[Fyodor Raskolnikov] and [Sergo Ordzhonikidze]]
        let text = [
            line(
                1,
                "Sorbonne",
                "PROPN",
                0,
                "Entity=(1-organization-new-x-cf1-1-sgl",
            ),
            line(2, "in", "ADP", 3, "_"),
            line(3, "Paris", "PROPN", 1, "Entity=(2-place-new-x-cf1-1-sgl)1)"),
            line(4, "and", "CCONJ", 5, "_"),
            line(
                5,
                "Fyodor",
                "PROPN",
                1,
                "Entity=(3-person-new-x-cf1-1-sgl(4-person-new-x-cf1-1-sgl",
            ),
            line(6, "Raskolnikov", "PROPN", 5, "Entity=4)"),
            line(7, "and", "CCONJ", 8, "_"),
            line(8, "Sergo", "PROPN", 5, "Entity=(5-person-new-x-cf1-1-sgl"),
            line(9, "Ordzhonikidze", "PROPN", 8, "Entity=5)3)"),
        ]
        .concat();
        let spans: Vec<(usize, usize, EntityType)> = parse(&text)[0]
            .entities
            .iter()
            .map(|e| (e.start, e.end, e.etype))
            .collect();
        assert_eq!(
            spans,
            vec![
                (0, 1, EntityType::Org),
                (2, 3, EntityType::Loc),
                (4, 6, EntityType::Per),
                (7, 9, EntityType::Per)
            ]
        );
    }
}
