//! A small English lemmatiser for event words: a table of inflected forms learnt from UD English
//! EWT (the most frequent lemma of each lowercase verb, noun, adjective and auxiliary form), and
//! suffix rules for forms the table lacks.
//!
//! Event features use the lemma so that "occupied", "occupies" and "occupying" share weights, and
//! the timeline uses it to recognise two mentions of the same event.

use crate::model::{ModelError, Reader, Writer};
use crate::tagging::conllu;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

/// Inflected lowercase forms and their lemmas, sorted by form.
#[derive(Clone, Debug, Default)]
pub struct Lemmatizer {
    forms: Vec<String>,
    lemmas: Vec<String>,
    /// Lemmas seen as verbs (sorted): a noun derived from one ("withdrawal", "occupation",
    /// "attack") usually names an event, which the training data alone shows for few nouns.
    verbs: Vec<String>,
    /// Hash indexes over the two lists: every word of a document is looked up in both, and
    /// hashing beats a binary search of string comparisons there.
    form_index: HashMap<String, usize>,
    verb_index: HashSet<String>,
}

impl PartialEq for Lemmatizer {
    fn eq(&self, other: &Lemmatizer) -> bool {
        (&self.forms, &self.lemmas, &self.verbs) == (&other.forms, &other.lemmas, &other.verbs)
    }
}

impl Lemmatizer {
    fn indexed(forms: Vec<String>, lemmas: Vec<String>, verbs: Vec<String>) -> Lemmatizer {
        let form_index = forms
            .iter()
            .enumerate()
            .map(|(i, f)| (f.clone(), i))
            .collect();
        let verb_index = verbs.iter().cloned().collect();
        Lemmatizer {
            forms,
            lemmas,
            verbs,
            form_index,
            verb_index,
        }
    }
}

/// Word classes whose inflections the table keeps.
const INFLECTING: [&str; 4] = ["VERB", "AUX", "NOUN", "ADJ"];

impl Lemmatizer {
    /// Learn the table from UD sentences: for each lowercase form of an inflecting word class,
    /// its most frequent lowercase lemma (ties go to the alphabetically first, so the table does
    /// not depend on hash order). Forms that are their own lemma are left out.
    pub fn build(sentences: &[conllu::Sentence]) -> Lemmatizer {
        let mut counts: HashMap<(String, String), u32> = HashMap::new();
        let mut verbs: Vec<String> = Vec::new();
        for s in sentences {
            for w in &s.words {
                if w.upos == "VERB" && w.lemma.chars().all(|c| c.is_alphabetic()) {
                    verbs.push(w.lemma.to_lowercase());
                }
                if !INFLECTING.contains(&w.upos.as_str()) || w.lemma == "_" {
                    continue;
                }
                let key = (w.form.to_lowercase(), w.lemma.to_lowercase());
                *counts.entry(key).or_insert(0) += 1;
            }
        }
        let mut best: HashMap<String, (u32, String)> = HashMap::new();
        for ((form, lemma), n) in counts {
            let slot = best.entry(form).or_insert((0, String::new()));
            if n > slot.0 || (n == slot.0 && lemma < slot.1) {
                *slot = (n, lemma);
            }
        }
        let mut pairs: Vec<(String, String)> = best
            .into_iter()
            .filter(|(form, (_, lemma))| form != lemma)
            .map(|(form, (_, lemma))| (form, lemma))
            .collect();
        pairs.sort_unstable();
        let (forms, lemmas) = pairs.into_iter().unzip();
        verbs.sort_unstable();
        verbs.dedup();
        Lemmatizer::indexed(forms, lemmas, verbs)
    }

    /// Whether `lemma` is known as a verb.
    pub fn is_verb(&self, lemma: &str) -> bool {
        self.verb_index.contains(lemma)
    }

    /// How a noun lemma relates to a verb: 1 when it is one ("attack"), 2 when a nominal ending
    /// comes off to leave one ("withdrawal", "occupation", "agreement"), else 0.
    pub fn verb_derivation(&self, lemma: &str) -> u8 {
        if self.is_verb(lemma) {
            return 1;
        }
        const ENDINGS: [(&str, &[&str]); 9] = [
            ("ation", &["", "e", "ate"]),
            ("ition", &["", "e"]),
            ("tion", &["", "e", "te"]),
            ("sion", &["d", "de", "t", "se"]),
            ("ment", &[""]),
            ("al", &["", "e"]),
            ("ure", &["", "e"]),
            ("ance", &["", "e"]),
            ("ence", &["", "e"]),
        ];
        for (ending, restores) in ENDINGS {
            if let Some(stem) = lemma.strip_suffix(ending) {
                if stem.len() >= 3 && restores.iter().any(|r| self.is_verb(&format!("{stem}{r}"))) {
                    return 2;
                }
            }
        }
        0
    }

    pub fn len(&self) -> usize {
        self.forms.len()
    }

    pub fn is_empty(&self) -> bool {
        self.forms.is_empty()
    }

    /// The lemma of a lowercase word: from the table, else by stripping a regular ending.
    pub fn lemma<'a>(&'a self, lower: &'a str) -> Cow<'a, str> {
        match self.form_index.get(lower) {
            Some(&i) => Cow::Borrowed(&self.lemmas[i]),
            None => strip_regular_ending(lower),
        }
    }

    pub fn write(&self, w: &mut Writer) {
        w.len(self.forms.len());
        for (f, l) in self.forms.iter().zip(&self.lemmas) {
            w.str(f);
            w.str(l);
        }
        w.len(self.verbs.len());
        for v in &self.verbs {
            w.str(v);
        }
    }

    pub fn read(r: &mut Reader<'_>) -> Result<Lemmatizer, ModelError> {
        let n = r.len(8)?;
        let mut forms = Vec::with_capacity(n);
        let mut lemmas = Vec::with_capacity(n);
        for _ in 0..n {
            let form = r.str()?.to_string();
            if forms.last().is_some_and(|last: &String| *last >= form) {
                return Err(ModelError::Corrupt("lemma table out of order".into()));
            }
            forms.push(form);
            lemmas.push(r.str()?.to_string());
        }
        let n = r.len(4)?;
        let mut verbs: Vec<String> = Vec::with_capacity(n);
        for _ in 0..n {
            let v = r.str()?.to_string();
            if verbs.last().is_some_and(|last| *last >= v) {
                return Err(ModelError::Corrupt("verb list out of order".into()));
            }
            verbs.push(v);
        }
        Ok(Lemmatizer::indexed(forms, lemmas, verbs))
    }
}

/// "-ing", "-ed", "-ies"/"-ied" and plural "-s" off words the table does not know; short words
/// and "-ss" keep their ending. The stem may be off by an "e" ("proposed" → "propos"); it only
/// needs to be the same for every form of the word.
fn strip_regular_ending(lower: &str) -> Cow<'_, str> {
    let long = |stem: &str| stem.chars().count() >= 3;
    // "occupied", "occupies" → "occupy".
    for ending in ["ied", "ies"] {
        if let Some(stem) = lower.strip_suffix(ending).filter(|s| long(s)) {
            return Cow::Owned(format!("{stem}y"));
        }
    }
    for ending in ["ing", "ed", "es", "s"] {
        if let Some(stem) = lower.strip_suffix(ending) {
            if ending == "s" && stem.ends_with('s') {
                continue;
            }
            if long(stem) {
                return Cow::Borrowed(stem);
            }
        }
    }
    Cow::Borrowed(lower)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence(words: &[(&str, &str, &str)]) -> conllu::Sentence {
        conllu::Sentence {
            comments: Vec::new(),
            words: words
                .iter()
                .map(|(form, lemma, upos)| conllu::Word {
                    form: form.to_string(),
                    lemma: lemma.to_string(),
                    upos: upos.to_string(),
                    xpos: String::new(),
                    misc: String::new(),
                })
                .collect(),
        }
    }

    #[test]
    fn table_then_rules() {
        let l = Lemmatizer::build(&[sentence(&[
            ("Occupied", "occupy", "VERB"),
            ("was", "be", "AUX"),
            ("men", "man", "NOUN"),
            ("Baku", "Baku", "PROPN"),
            ("treaty", "treaty", "NOUN"),
            ("withdrew", "withdraw", "VERB"),
            ("occupies", "occupy", "VERB"),
            ("attacked", "attack", "VERB"),
        ])]);
        assert_eq!(l.verb_derivation("withdrawal"), 2);
        assert_eq!(l.verb_derivation("attack"), 1);
        assert_eq!(l.verb_derivation("treaty"), 0);
        assert_eq!(l.len(), 6, "{l:?}");
        assert_eq!(l.lemma("occupied"), "occupy");
        assert_eq!(l.lemma("was"), "be");
        assert_eq!(l.lemma("men"), "man");
        assert_eq!(l.lemma("proclaimed"), "proclaim");
        assert_eq!(l.lemma("carried"), "carry");
        assert_eq!(l.lemma("talks"), "talk");
        assert_eq!(l.lemma("class"), "class");
        assert_eq!(l.lemma("is"), "is");
    }

    #[test]
    fn round_trip() {
        let l = Lemmatizer::build(&[sentence(&[("signed", "sign", "VERB")])]);
        let mut w = Writer::new(b"TESTLEMM", 1);
        l.write(&mut w);
        let bytes = w.finish();
        let mut r = Reader::open(&bytes, b"TESTLEMM", "test", 1).unwrap();
        assert_eq!(Lemmatizer::read(&mut r).unwrap(), l);
    }
}
