//! Which common nouns name events, as GUM's entity layer shows them.
//!
//! TimeML marks nouns such as "war", "crisis", "election" or "flight" as events, and the
//! TimeML training data shows few of the nouns a new text uses. GUM (see
//! `../shared/data/LICENSES.md`) gives every mention one of ten entity types, `event` among them
//! ("the war", "her arrival", "the 2012 election"), over twelve genres. How often a noun heads
//! an `event` mention there is evidence about that noun wherever it appears, independent of any
//! TimeML corpus and its annotation conventions, so it carries to nouns the TimeML data never
//! shows.
//!
//! Only the train and dev splits are read (test stays for final GUM numbers), and never the
//! genres whose texts are licensed non-commercially
//! ([`crate::entity::gum::NON_COMMERCIAL_GENRES`]): the grades end up in the shipped model.

use crate::entity::gum::{entity_brackets, split_files, OpenMention, Split};
use crate::error::{Error, Result};
use crate::model::{ModelError, Reader, Writer};
use std::collections::HashMap;
use std::path::Path;

/// What GUM says of a noun lemma. The values are feature values of saved models.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Grade {
    /// Not a common noun in GUM.
    Unknown = 0,
    /// A common noun that never heads an `event` mention ("company", "price").
    Never = 1,
    /// Heads an `event` mention less than a third of the times it occurs ("time", "change").
    Sometimes = 2,
    /// Heads an `event` mention at least a third of the times ("war", "election", "flight").
    Often = 3,
}

impl Grade {
    fn from_u8(v: u8) -> Option<Grade> {
        [Grade::Unknown, Grade::Never, Grade::Sometimes, Grade::Often]
            .into_iter()
            .find(|g| *g as u8 == v)
    }

    fn of_counts(events: u32, total: u32) -> Grade {
        if total == 0 {
            Grade::Unknown
        } else if events == 0 {
            Grade::Never
        } else if 3 * events < total {
            Grade::Sometimes
        } else {
            Grade::Often
        }
    }
}

/// Lowercase noun lemmas and their [`Grade`], sorted by lemma.
#[derive(Clone, Debug, Default)]
pub struct EventNouns {
    lemmas: Vec<String>,
    grades: Vec<Grade>,
    index: HashMap<String, Grade>,
}

impl PartialEq for EventNouns {
    fn eq(&self, other: &EventNouns) -> bool {
        (&self.lemmas, &self.grades) == (&other.lemmas, &other.grades)
    }
}

/// Per-lemma counts while reading: occurrences as a common noun, and how many of those head an
/// `event` mention.
#[derive(Debug, Default)]
pub struct NounCounts {
    counts: HashMap<String, (u32, u32)>,
}

/// One syntactic word of a sentence, as [`NounCounts::add_conllu`] needs it.
struct Word<'a> {
    lemma: &'a str,
    upos: &'a str,
    /// 1-based, 0 for the root.
    head: usize,
}

impl NounCounts {
    /// Count the common nouns of a CoNLL-U text with GUM's `Entity=` brackets in MISC. A noun
    /// heads a mention when it lies inside it and its syntactic head lies outside it.
    /// Multiword-token lines and empty nodes are skipped, as in [`crate::entity::gum`].
    pub fn add_conllu(&mut self, text: &str) {
        let mut words: Vec<Word<'_>> = Vec::new();
        // Mentions as (first, last) 0-based word indices and whether they are events.
        let mut mentions: Vec<(usize, usize, bool)> = Vec::new();
        let mut open: Vec<OpenMention<'_, bool>> = Vec::new();
        for line in text.lines().chain(std::iter::once("")) {
            if line.trim().is_empty() {
                self.add_sentence(&words, &mentions);
                words.clear();
                mentions.clear();
                open.clear();
                continue;
            }
            if line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 10 || !cols[0].bytes().all(|b| b.is_ascii_digit()) {
                continue;
            }
            let index = words.len();
            words.push(Word {
                lemma: cols[2],
                upos: cols[3],
                head: cols[6].parse().unwrap_or(0),
            });
            let Some(value) = cols[9].split('|').find_map(|kv| kv.strip_prefix("Entity=")) else {
                continue;
            };
            // A lexicon, not a validator: a malformed value only loses its own mentions.
            let _ = entity_brackets(
                value,
                index,
                |etype| etype == "event",
                &mut open,
                |event, first, end| mentions.push((first, end - 1, event)),
            );
        }
    }

    fn add_sentence(&mut self, words: &[Word<'_>], mentions: &[(usize, usize, bool)]) {
        let mut event_head = vec![false; words.len()];
        for &(first, last, event) in mentions {
            if !event {
                continue;
            }
            // 1-based ids of the mention are first + 1 ..= last + 1.
            let inside = |id: usize| id > first && id <= last + 1;
            if let Some(k) =
                (first..=last.min(words.len().saturating_sub(1))).find(|&k| !inside(words[k].head))
            {
                event_head[k] = true;
            }
        }
        for (w, &event) in words.iter().zip(&event_head) {
            if w.upos != "NOUN" || !w.lemma.chars().all(char::is_alphabetic) {
                continue;
            }
            let slot = self.counts.entry(w.lemma.to_lowercase()).or_default();
            slot.0 += 1;
            slot.1 += u32::from(event);
        }
    }

    pub fn finish(self) -> EventNouns {
        let mut pairs: Vec<(String, Grade)> = self
            .counts
            .into_iter()
            .map(|(lemma, (total, events))| (lemma, Grade::of_counts(events, total)))
            .collect();
        pairs.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let (lemmas, grades) = pairs.into_iter().unzip();
        EventNouns::indexed(lemmas, grades)
    }
}

impl EventNouns {
    fn indexed(lemmas: Vec<String>, grades: Vec<Grade>) -> EventNouns {
        let index = lemmas.iter().cloned().zip(grades.iter().copied()).collect();
        EventNouns {
            lemmas,
            grades,
            index,
        }
    }

    /// Count the train and dev documents of a GUM folder (the one holding `dep/` and
    /// `splits/`), leaving out the non-commercial genres.
    pub fn read_gum(gum_dir: &Path) -> Result<EventNouns> {
        let io = |path: &Path| {
            let path = path.to_path_buf();
            move |cause| Error::Io { path, cause }
        };
        let mut counts = NounCounts::default();
        for split in [Split::Train, Split::Dev] {
            for path in split_files(gum_dir, split, false)? {
                counts.add_conllu(&std::fs::read_to_string(&path).map_err(io(&path))?);
            }
        }
        Ok(counts.finish())
    }

    /// The grade of a lowercase lemma.
    pub fn grade(&self, lemma: &str) -> Grade {
        self.index.get(lemma).copied().unwrap_or(Grade::Unknown)
    }

    pub fn len(&self) -> usize {
        self.lemmas.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lemmas.is_empty()
    }

    pub fn write(&self, w: &mut Writer) {
        w.len(self.lemmas.len());
        for (l, g) in self.lemmas.iter().zip(&self.grades) {
            w.str(l);
            w.u8(*g as u8);
        }
    }

    pub fn read(r: &mut Reader<'_>) -> Result<EventNouns, ModelError> {
        let n = r.len(6)?;
        let mut lemmas: Vec<String> = Vec::with_capacity(n);
        let mut grades = Vec::with_capacity(n);
        for _ in 0..n {
            let lemma = r.str()?.to_string();
            if lemmas.last().is_some_and(|last| *last >= lemma) {
                return Err(ModelError::Corrupt("event noun list out of order".into()));
            }
            let grade = Grade::from_u8(r.u8()?)
                .ok_or_else(|| ModelError::Corrupt("bad event noun grade".into()))?;
            lemmas.push(lemma);
            grades.push(grade);
        }
        Ok(EventNouns::indexed(lemmas, grades))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "\
# sent_id = 1
1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\tEntity=(1-event-new-1-coref
2\twar\twar\tNOUN\tNN\t_\t3\tnsubj\t_\tEntity=1)
3\tended\tend\tVERB\tVBD\t_\t0\troot\t_\t_
4\tthe\tthe\tDET\tDT\t_\t5\tdet\t_\tEntity=(2-abstract-new-1-coref
5\twar\twar\tNOUN\tNN\t_\t6\tcompound\t_\t_
6\teconomy\teconomy\tNOUN\tNN\t_\t3\tobj\t_\tEntity=2)
7\tand\tand\tCCONJ\tCC\t_\t8\tcc\t_\t_
8\ttalks\ttalk\tNOUN\tNNS\t_\t6\tconj\t_\tEntity=(3-event-new-1-sgl)
9\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_

1\tPrices\tprice\tNOUN\tNNS\t_\t2\tnsubj\t_\tEntity=(4-abstract-new-1-sgl)
2\trose\trise\tVERB\tVBD\t_\t0\troot\t_\t_
3\tafter\tafter\tADP\tIN\t_\t5\tcase\t_\t_
4\tthe\tthe\tDET\tDT\t_\t5\tdet\t_\tEntity=(5-event-new-1-coref
5\ttalks\ttalk\tNOUN\tNNS\t_\t2\tobl\t_\tEntity=5)
";

    #[test]
    fn heads_of_event_mentions() {
        let mut c = NounCounts::default();
        c.add_conllu(SAMPLE);
        let nouns = c.finish();
        // "war" heads one event mention in two uses (the other is a compound modifier).
        assert_eq!(nouns.grade("war"), Grade::Often);
        assert_eq!(nouns.grade("talk"), Grade::Often);
        assert_eq!(nouns.grade("economy"), Grade::Never);
        assert_eq!(nouns.grade("price"), Grade::Never);
        assert_eq!(nouns.grade("treaty"), Grade::Unknown);
        assert_eq!(nouns.len(), 4);
    }

    #[test]
    fn grades_from_counts() {
        assert_eq!(Grade::of_counts(0, 0), Grade::Unknown);
        assert_eq!(Grade::of_counts(0, 9), Grade::Never);
        assert_eq!(Grade::of_counts(2, 9), Grade::Sometimes);
        assert_eq!(Grade::of_counts(3, 9), Grade::Often);
    }

    #[test]
    fn round_trip() {
        let mut c = NounCounts::default();
        c.add_conllu(SAMPLE);
        let nouns = c.finish();
        let mut w = Writer::new(b"TESTNOUN", 1);
        nouns.write(&mut w);
        let bytes = w.finish();
        let mut r = Reader::open(&bytes, b"TESTNOUN", "test", 1).unwrap();
        assert_eq!(EventNouns::read(&mut r).unwrap(), nouns);
    }
}
