//! A small English lemmatiser for event words: a table of inflected forms learnt from UD English
//! EWT (the most frequent lemma of each lowercase verb, noun, adjective and auxiliary form), and
//! suffix rules for forms the table lacks.
//!
//! Event features use the lemma so that "occupied", "occupies" and "occupying" share weights, and
//! the timeline uses it to recognise two mentions of the same event.

use crate::entity::gum::Split;
use crate::model::{ModelError, Reader, Writer};
use crate::tagging::conllu;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::path::Path;

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
    /// The table the event tagger is trained with: from UD English EWT's training file and
    /// GUM's training documents outside the non-commercial genres. GUM adds forms EWT's web
    /// text lacks (news and history vocabulary); both follow the UD lemma guidelines.
    pub fn from_ud_corpora(ewt_train: &Path, gum_dir: &Path) -> crate::Result<Lemmatizer> {
        let mut sentences = conllu::read(ewt_train)?;
        sentences.extend(crate::entity::gum::read_ud_sentences(
            gum_dir,
            Split::Train,
        )?);
        Ok(Lemmatizer::build(&sentences))
    }

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

    /// Whether `stem` followed by one of `restores` is a known verb of at least `min` letters;
    /// a doubled final consonant may also be single ("occurr" + "ence" ← "occur", "stopp" +
    /// "age" ← "stop").
    fn verb_from(&self, stem: &str, restores: &[&str], min: usize) -> bool {
        std::iter::once(stem).chain(undouble(stem)).any(|s| {
            restores.iter().any(|r| {
                let verb = format!("{s}{r}");
                verb.len() >= min && self.is_verb(&verb)
            })
        })
    }

    /// How a word relates to a verb ([`Derivation`]), from its lowercase form and its lemma.
    /// TimeML marks nouns that name an act or a change ("the *sale*", "its *withdrawal*", "the
    /// *takeover*"), and most of those are nominalisations of a verb; the training data shows
    /// few of them, so the kind of derivation carries over to the ones it never shows.
    pub fn derivation(&self, lower: &str, lemma: &str) -> Derivation {
        if self.is_verb(lemma) {
            return Derivation::Verb;
        }
        if IRREGULAR_NOMINALS
            .iter()
            .any(|(noun, verb)| *noun == lemma && self.is_verb(verb))
        {
            return Derivation::Irregular;
        }
        for (ending, restores, min) in NOMINAL_ENDINGS {
            if let Some(stem) = lemma.strip_suffix(ending) {
                if (stem.len() >= 3 || ending.len() >= 6) && self.verb_from(stem, restores, *min) {
                    return Derivation::Suffix;
                }
            }
        }
        // A gerund used as a noun ("the *trading*", "a *meeting*"); its lemma is the "-ing"
        // form itself, or the verb when the table lacks the form.
        if let Some(stem) = lower
            .strip_suffix("ing")
            .or_else(|| lemma.strip_suffix("ing"))
        {
            if self.verb_from(stem, &["", "e"], 3) {
                return Derivation::Gerund;
            }
        }
        // The noun of a phrasal verb, written as one word: "takeover" ← "take over",
        // "layoff", "shutdown", "buyout", "setback".
        for particle in PARTICLES {
            if let Some(head) = lemma.strip_suffix(particle) {
                if head.len() >= 3 && self.is_verb(head) {
                    return Derivation::Phrasal;
                }
            }
        }
        Derivation::None
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
            None => self.restore(lower),
        }
    }

    /// [`strip_regular_ending`], then, for "-ing" and "-ed", the verb the stem spells with an
    /// "e" or a single final consonant when only that is a known verb ("restructuring" →
    /// "restructure", "surprised" → "surprise", "plugged" → "plug"). Without it a form the
    /// table lacks gets a stem ("restructur") that matches neither the verb's other forms nor
    /// its entries elsewhere.
    fn restore<'a>(&self, lower: &'a str) -> Cow<'a, str> {
        let stem = strip_regular_ending(lower);
        if stem == lower
            || self.is_verb(&stem)
            || !(lower.ends_with("ing") || lower.ends_with("ed"))
        {
            return stem;
        }
        let with_e = format!("{stem}e");
        if self.is_verb(&with_e) {
            return Cow::Owned(with_e);
        }
        match undouble(&stem) {
            Some(single) if single.len() >= 3 && self.is_verb(single) => {
                Cow::Owned(single.to_string())
            }
            _ => stem,
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

/// How a word relates to a verb; see [`Lemmatizer::derivation`]. The values are feature
/// values of saved models: append, never renumber.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Derivation {
    None = 0,
    /// The lemma is a verb ("attack", "offer", "drop").
    Verb = 1,
    /// A nominal ending comes off to leave a verb ("withdrawal", "occupation", "delivery").
    Suffix = 2,
    /// An irregular nominalisation ("loss" ← "lose", "growth" ← "grow"): [`IRREGULAR_NOMINALS`].
    Irregular = 3,
    /// A gerund used as a noun ("trading", "financing").
    Gerund = 4,
    /// The one-word noun of a phrasal verb ("takeover", "layoff").
    Phrasal = 5,
}

/// Nominal endings, what restores the verb after taking one off, and the verb's least length
/// (short stems make false verbs: "army" is not "arm" + "-y", "party" not "part" + "-y").
/// Facts of English morphology, more specific endings first. The stem left must also have
/// three letters unless the ending is long ("dial" is not "die" + "-al", but "solution" is
/// "solve" + "-olution").
const NOMINAL_ENDINGS: &[(&str, &[&str], usize)] = &[
    // "modification" ← "modify", "application" ← "apply".
    ("ication", &["y"], 3),
    // "explanation" ← "explain", "proclamation" ← "proclaim".
    ("anation", &["ain"], 3),
    ("amation", &["aim"], 3),
    // "pronunciation" ← "pronounce", "denunciation" ← "denounce".
    ("unciation", &["ounce"], 3),
    ("ation", &["", "e", "ate"], 3),
    // "acquisition" ← "acquire", "requisition" ← "require".
    ("isition", &["ire"], 3),
    ("ition", &["", "e"], 3),
    // "retention" ← "retain", "attention" ← "attend".
    ("ention", &["ain", "end"], 3),
    // "description" ← "describe", "consumption" ← "consume", "absorption" ← "absorb",
    // "redemption" ← "redeem", "reception" ← "receive", "solution" ← "solve".
    ("scription", &["scribe"], 3),
    ("umption", &["ume"], 3),
    ("rption", &["rb"], 3),
    ("emption", &["eem"], 3),
    ("ception", &["ceive"], 3),
    ("olution", &["olve"], 3),
    ("tion", &["", "e", "te"], 3),
    // "admission" ← "admit", "concession" ← "concede", "discussion" ← "discuss".
    ("ission", &["it"], 3),
    ("ession", &["ede", "eed"], 3),
    ("ssion", &["ss"], 3),
    ("sion", &["d", "de", "t", "se"], 3),
    // "analysis" ← "analyze"/"analyse", "paralysis" ← "paralyze".
    ("ysis", &["yze", "yse"], 3),
    ("ment", &["", "e"], 3),
    // "denial" ← "deny", "burial" ← "bury".
    ("ial", &["y"], 3),
    ("al", &["", "e"], 3),
    ("ure", &["", "e"], 3),
    // "reliance" ← "rely", "compliance" ← "comply".
    ("iance", &["y"], 3),
    ("ance", &["", "e"], 3),
    ("ence", &["", "e"], 3),
    // "coverage" ← "cover", "stoppage" ← "stop", "shortage" ← "short".
    ("age", &["", "e"], 4),
    // "delivery", "recovery", "discovery", "inquiry" ← "inquire", "injury" ← "injure".
    ("y", &["", "e"], 6),
];

/// Irregular English nominalisations of verbs: a vowel change, a changed consonant, or a
/// different ending ("loss" ← "lose", "choice" ← "choose", "proof" ← "prove", "complaint" ←
/// "complain"). A general table of the language, not drawn from any corpus; a pair counts only
/// when EWT knows the verb. Also the legal "-er" nouns of an act ("merger", "waiver"), which
/// no ending rule can take, since "-er" mostly makes agents ("buyer", "trader").
const IRREGULAR_NOMINALS: &[(&str, &str)] = &[
    ("advice", "advise"),
    ("applause", "applaud"),
    ("belief", "believe"),
    ("bequest", "bequeath"),
    ("birth", "bear"),
    ("breath", "breathe"),
    ("choice", "choose"),
    ("complaint", "complain"),
    ("conquest", "conquer"),
    ("constraint", "constrain"),
    ("death", "die"),
    ("defence", "defend"),
    ("defense", "defend"),
    ("descent", "descend"),
    ("destruction", "destroy"),
    ("disclaimer", "disclaim"),
    ("entry", "enter"),
    ("expenditure", "expend"),
    ("flight", "fly"),
    ("growth", "grow"),
    ("hatred", "hate"),
    ("intent", "intend"),
    ("knowledge", "know"),
    ("laughter", "laugh"),
    ("loss", "lose"),
    ("maintenance", "maintain"),
    ("merger", "merge"),
    ("obedience", "obey"),
    ("offence", "offend"),
    ("offense", "offend"),
    ("pretence", "pretend"),
    ("pretense", "pretend"),
    ("procedure", "proceed"),
    ("proof", "prove"),
    ("pursuit", "pursue"),
    ("receipt", "receive"),
    ("response", "respond"),
    ("restraint", "restrain"),
    ("sale", "sell"),
    ("service", "serve"),
    ("shot", "shoot"),
    ("speech", "speak"),
    ("suit", "sue"),
    ("thought", "think"),
    ("trial", "try"),
    ("waiver", "waive"),
    ("weight", "weigh"),
];

/// Particles that end the one-word noun of a phrasal verb.
const PARTICLES: [&str; 8] = [
    "over", "out", "down", "off", "back", "up", "through", "away",
];

/// `stem` without its last letter when that is a doubled consonant ("stopp" → "stop").
fn undouble(stem: &str) -> Option<&str> {
    let b = stem.as_bytes();
    let n = b.len();
    (n >= 2
        && b[n - 1] == b[n - 2]
        && b[n - 1].is_ascii_alphabetic()
        && !b"aeiou".contains(&b[n - 1]))
    .then(|| &stem[..n - 1])
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
            // "class", and "crisis", "status", "bonus": "-is" and "-us" are not plurals.
            if ending == "s" && (stem.ends_with('s') || stem.ends_with('i') || stem.ends_with('u'))
            {
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
        assert_eq!(l.derivation("withdrawal", "withdrawal"), Derivation::Suffix);
        assert_eq!(l.derivation("attack", "attack"), Derivation::Verb);
        assert_eq!(l.derivation("treaty", "treaty"), Derivation::None);
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

    /// A lemmatiser that knows the given verbs (and no forms).
    fn knowing(verbs: &[&str]) -> Lemmatizer {
        let words: Vec<(&str, &str, &str)> = verbs.iter().map(|v| (*v, *v, "VERB")).collect();
        Lemmatizer::build(&[sentence(&words)])
    }

    #[test]
    fn regular_nominalisations() {
        let l = knowing(&[
            "modify", "explain", "acquire", "retain", "describe", "consume", "solve", "admit",
            "concede", "discuss", "analyze", "deny", "rely", "stop", "deliver", "inquire", "arm",
            "occur", "pay", "decide", "die",
        ]);
        for noun in [
            "modification",
            "explanation",
            "acquisition",
            "retention",
            "description",
            "consumption",
            "solution",
            "admission",
            "concession",
            "discussion",
            "analysis",
            "denial",
            "reliance",
            "stoppage",
            "delivery",
            "inquiry",
            "occurrence",
            "payment",
            "decision",
        ] {
            assert_eq!(l.derivation(noun, noun), Derivation::Suffix, "{noun}");
        }
        // Short stems make false verbs: "army" is not "arm" + "-y".
        assert_eq!(l.derivation("army", "army"), Derivation::None);
        assert_eq!(l.derivation("dial", "dial"), Derivation::None);
        assert_eq!(l.derivation("pay", "pay"), Derivation::Verb);
    }

    #[test]
    fn irregular_gerund_and_phrasal_nominalisations() {
        let l = knowing(&[
            "lose", "sell", "grow", "trade", "take", "lay", "merge", "meet",
        ]);
        assert_eq!(l.derivation("losses", "loss"), Derivation::Irregular);
        assert_eq!(l.derivation("sales", "sale"), Derivation::Irregular);
        assert_eq!(l.derivation("growth", "growth"), Derivation::Irregular);
        assert_eq!(l.derivation("merger", "merger"), Derivation::Irregular);
        // The table counts a pair only when the verb is known.
        assert_eq!(l.derivation("speech", "speech"), Derivation::None);
        assert_eq!(l.derivation("trading", "trading"), Derivation::Gerund);
        assert_eq!(l.derivation("meetings", "meeting"), Derivation::Gerund);
        assert_eq!(l.derivation("takeover", "takeover"), Derivation::Phrasal);
        assert_eq!(l.derivation("layoffs", "layoff"), Derivation::Phrasal);
        assert_eq!(l.derivation("ring", "ring"), Derivation::None);
    }

    #[test]
    fn unknown_forms_restore_the_verb() {
        let l = knowing(&["restructure", "plug", "surprise", "see"]);
        assert_eq!(l.lemma("restructuring"), "restructure");
        assert_eq!(l.lemma("surprised"), "surprise");
        assert_eq!(l.lemma("plugged"), "plug");
        // Not a known verb either way: the plain stem, as before.
        assert_eq!(l.lemma("blorfed"), "blorf");
        assert_eq!(l.lemma("crisis"), "crisis");
        assert_eq!(l.lemma("status"), "status");
        assert_eq!(l.lemma("seeds"), "seed");
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
