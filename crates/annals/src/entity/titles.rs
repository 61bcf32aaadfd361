//! Titles, ranks and offices written before a person's name ("General D'Alton", "Col. Thomas
//! Duff", "Mr. Keene", "Mirza Kuchik Khan") and honorifics written after it ("Enver Pasha").
//!
//! One list serves every rule that needs it: a title with its name makes one person mention,
//! title and all (as GUM annotates people: "President Obama", "Mr. Wasserstrom"); a title alone
//! is not a name; a title puts the name after it in a person context for the gazetteer; and
//! alias matching ignores titles ("General Denikin" is "Denikin"). The named-entity model has
//! its own title feature list (`ner::features`), which is part of the trained model's inputs.

/// Titles, ranks and offices before a name: lowercase, without a final period.
#[rustfmt::skip]
const BEFORE_NAMES: &[&str] = &[
    "adm", "admiral", "alderman", "ambassador", "amir", "archbishop", "auditor", "ayatollah",
    "baron", "baroness", "bishop", "brig", "brigadier", "capt", "captain", "cardinal", "chairman",
    "chancellor", "col", "colonel", "commander", "commodore", "comrade", "consul", "corporal",
    "count", "countess", "czar", "dr", "duchess", "duke", "earl", "emir", "emperor", "empress",
    "field", "gen", "general", "gov", "governor", "hon", "honorable", "honourable", "imam",
    "judge", "kaiser", "king", "lady", "lieut", "lieutenant", "lord", "lt", "madame", "maj",
    "major", "marquis", "marshal", "mayor", "messrs", "minister", "mirza", "mlle", "mme",
    "monsieur", "mr", "mrs", "ms", "mullah", "pasha", "pope", "premier", "president", "prime",
    "prince", "princess", "prof", "professor", "queen", "rev", "reverend", "secretary", "sen",
    "senator", "sergeant", "sgt", "shah", "shaikh", "sheik", "sheikh", "sheriff", "sir", "sultan",
    "treasurer", "tsar", "tsarina",
];

/// Of [`BEFORE_NAMES`], those written abbreviated with a period ("Gen. Frunze", "Capt. J.
/// Smith"). After any other word a period ends the sentence ("… the Shah. Baku …").
#[rustfmt::skip]
const ABBREVIATED: &[&str] = &[
    "adm", "brig", "capt", "col", "dr", "gen", "gov", "hon", "lieut", "lt", "maj", "messrs",
    "mme", "mlle", "mr", "mrs", "ms", "prof", "rev", "sen", "sgt",
];

/// Of [`BEFORE_NAMES`], those that are also everyday words ("the general opinion", "a major
/// Power", "count Votes"): a title only when capitalised.
#[rustfmt::skip]
const ALSO_COMMON_WORDS: &[&str] = &[
    "alderman", "ambassador", "auditor", "chairman", "chancellor", "commander", "consul",
    "count", "field", "general", "judge", "major", "marshal", "mayor", "minister", "premier",
    "president", "prime", "secretary", "sheriff", "treasurer",
];

/// Honorifics written after a name that belong to it ("Kuchuk Khan", "Enver Pasha").
#[rustfmt::skip]
const AFTER_NAMES: &[&str] = &[
    "aga", "agha", "beg", "bey", "effendi", "khan", "khanum", "pasha",
];

/// Particles inside a name, between a title or given name and a capitalised surname ("Van der
/// Noot", "Count de la Marck", "Abd al Karim").
#[rustfmt::skip]
const PARTICLES: &[&str] = &[
    "al", "bin", "da", "de", "del", "della", "der", "di", "du", "ibn", "la", "le", "van", "von",
];

/// The word without a final period, and whether it had one.
fn bare(word: &str) -> (&str, bool) {
    match word.strip_suffix('.') {
        Some(s) => (s, true),
        None => (word, false),
    }
}

/// Whether `list` (lowercase ASCII) holds `word` in any case, without allocating: this runs for
/// every token of a document.
fn holds(list: &[&str], word: &str) -> bool {
    list.iter().any(|t| t.eq_ignore_ascii_case(word))
}

/// Whether `word` is a title before a name, as written: "General", "Gen.", "gen.", "captain";
/// "general" and other everyday words only capitalised; a period only after an abbreviation.
pub fn is_title(word: &str) -> bool {
    let (stem, period) = bare(word);
    if !holds(BEFORE_NAMES, stem) {
        return false;
    }
    if period && !holds(ABBREVIATED, stem) {
        return false;
    }
    let capitalised = word.chars().next().is_some_and(char::is_uppercase);
    capitalised || !holds(ALSO_COMMON_WORDS, stem)
}

/// Whether `word` (any case, a final period ignored) is one of the titles, whatever its form:
/// for words that never identify a person on their own.
pub fn is_title_word(word: &str) -> bool {
    holds(BEFORE_NAMES, bare(word).0)
}

/// Whether a title's abbreviation is `word` without its period ("Gen" in "Gen. Frunze" when the
/// tokenizer splits the period off).
pub fn is_abbreviation(word: &str) -> bool {
    holds(ABBREVIATED, word)
}

/// Whether `word` is an honorific written after a name ("Khan", "Pasha").
pub fn is_after_name(word: &str) -> bool {
    holds(AFTER_NAMES, word)
}

/// Whether `word` is a lowercase particle inside a name ("van", "de").
pub fn is_particle(word: &str) -> bool {
    PARTICLES.contains(&word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_as_written() {
        for w in [
            "General", "Gen.", "gen.", "captain", "Capt.", "Mr.", "Mirza", "Hon.", "Duke",
        ] {
            assert!(is_title(w), "{w}");
        }
        // Everyday words lowercase, and a period after a word that is not an abbreviation.
        for w in ["general", "major", "Shah.", "Staff", "Mister."] {
            assert!(!is_title(w), "{w}");
        }
        assert!(is_title_word("general"));
        assert!(is_after_name("Pasha") && !is_after_name("Smith"));
        assert!(is_abbreviation("Capt") && !is_abbreviation("Captain"));
    }
}
