//! Abbreviations, and the words that tell whether a period after one also ends the sentence.
//!
//! Lookups are `match` statements on the exact word (without its period): the compiler turns them
//! into a length switch plus a few comparisons, and they run only for words directly followed by
//! a period, so no hashing or automaton is needed.

/// How a period after an abbreviation relates to sentence boundaries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Class {
    /// Titles and Latin connectives (`Mr.`, `Gen.`, `St.`, `e.g.`, `vs.`): always followed by more
    /// of the same sentence, so the period never ends it.
    Never,
    /// Like `Never`, but only an abbreviation when a number follows (`No. 5`, `art. 12`, `ca. 1920`);
    /// otherwise the word is ordinary (`the answer was no.`, `a work of art.`).
    NumberPrefix,
    /// Abbreviations that often end a sentence (`etc.`, `Inc.`, `Jr.`, `Sept.`, Russian `г.`): the
    /// sentence ends when the next word is capitalised.
    Weak,
    /// Initials and initialisms (`F.`, `U.S.`, `a.m.`): usually followed by a capitalised name
    /// (`F. Raskolnikov`, `U.S. Army`), so the sentence ends only when the next word is one that
    /// typically starts a sentence (`The`, `In`, `He`; see [`is_sentence_starter`]).
    Starter,
}

/// Given names shortened in older English, without their period ("Wm. Cowper", "Geo. Davis",
/// "Thos. Jefferson"): a name follows, as after an initial.
pub(crate) const GIVEN_NAMES: &[&str] = &[
    "Wm", "Geo", "Thos", "Chas", "Jas", "Jno", "Saml", "Benj", "Robt", "Richd", "Edw", "Danl",
    "Jos", "Nathl",
];

/// The class of a known abbreviation, given without its final period.
pub(crate) fn lookup(word: &str) -> Option<Class> {
    use Class::*;
    Some(match word {
        // Titles, ranks and honorifics.
        "Mr" | "Mrs" | "Ms" | "Messrs" | "Mme" | "Mlle" | "Dr" | "Drs" | "Prof" | "Rev" | "Hon"
        | "Rt" | "Fr" | "Gen" | "Gens" | "Col" | "Lt" | "Lieut" | "Capt" | "Cpt" | "Maj"
        | "Sgt" | "Cpl" | "Pvt" | "Adm" | "Cmdr" | "Cdr" | "Brig" | "Comdr" | "Gov" | "Sen"
        | "Rep" | "Pres" | "Supt" | "Insp" | "Amb" | "Sec" | "Secy" | "Gen'l" | "MR" | "MRS"
        | "DR" | "GEN" | "COL" | "LT" | "CAPT" => Never,
        // Given names shortened in older English ("Wm. Cowper", "Geo. Davis", "Thos. Jefferson"):
        // a name follows, as after an initial.
        w if GIVEN_NAMES.contains(&w) => Starter,
        // Saints and places before a name.
        "St" | "Ste" | "Sts" | "Mt" | "Ft" | "Pt" => Never,
        // Latin and scholarly connectives.
        "vs" | "cf" | "Cf" | "viz" | "approx" | "Approx" | "esp" | "incl" | "resp" | "ibid"
        | "Ibid" | "loc" => Never,
        // Before numbers only.
        "No" | "no" | "Nos" | "nos" | "Nr" | "nr" | "art" | "Art" | "fig" | "Fig" | "figs"
        | "ch" | "Ch" | "chap" | "Chap" | "vol" | "Vol" | "vols" | "pp" | "ca" | "Ca" | "sec"
        | "para" | "nn" | "ed" | "eds" | "ser" | "cap" => NumberPrefix,
        // Often sentence-final.
        "etc" | "al" | "Inc" | "Ltd" | "Co" | "Corp" | "Bros" | "Plc" | "Jr" | "Sr" | "Esq"
        | "Ave" | "Blvd" | "Rd" | "Sq" | "Jan" | "Feb" | "Mar" | "Apr" | "Jun" | "Jul" | "Aug"
        | "Sep" | "Sept" | "Oct" | "Nov" | "Dec" | "Mon" | "Tue" | "Tues" | "Wed" | "Thu"
        | "Thur" | "Thurs" | "Fri" | "Sat" | "Sun" | "cent" | "yrs" | "hrs" | "mins" | "km"
        | "mi" | "ft" | "lbs" => Weak,
        // Russian: titles and street words never end a sentence; years, centuries, quantities
        // and "и др." often do.
        "ген" | "Ген" | "тов" | "Тов" | "проф" | "акад" | "св" | "им" | "ул" | "пер" | "просп"
        | "пл" | "наб" | "ст" | "см" | "напр" | "ок" | "стр" | "рис" | "гл" => {
            Never
        }
        "г" | "гг" | "в" | "вв" | "тыс" | "млн" | "млрд" | "руб" | "коп" | "др" | "пр" | "янв"
        | "февр" | "апр" | "авг" | "сент" | "окт" | "нояб" | "дек" | "чел" | "км" => {
            Weak
        }
        _ => return None,
    })
}

/// The class of an abbreviation token (which includes its final period, if it has one).
pub(crate) fn classify(token: &str) -> Class {
    let word = token.strip_suffix('.').unwrap_or(token);
    if let Some(c) = lookup(word) {
        // A number prefix only became a token because a number follows it.
        return if c == Class::NumberPrefix {
            Class::Never
        } else {
            c
        };
    }
    if word.contains('.') {
        // Dotted forms: `e.g.`, `i.e.`, `т.е.` continue the sentence; `т.д.`, `т.п.` (etc.) may
        // end it; initialisms such as `U.S.`, `U.S.S.R.`, `a.m.` behave like initials.
        return match word {
            "e.g" | "i.e" | "E.g" | "I.e" | "т.е" | "т.к" | "т.н" => Class::Never,
            "т.д" | "т.п" | "и.о" => Class::Weak,
            _ => Class::Starter,
        };
    }
    let mut chars = word.chars();
    match chars.next() {
        // The tokenizer attaches a period to a single lowercase letter only before a number or a
        // lowercase word (`c. 1920`, `p. 5`, `b. 1879`).
        Some(c) if c.is_lowercase() => Class::Never,
        _ => Class::Starter,
    }
}

/// Capitalised words that commonly start a sentence and are rarely part of a name, so that a
/// period after an initial or an initialism followed by one of them ends the sentence
/// (`… in the U.S. The war …`, `… World War I. In 1920 …`).
pub(crate) fn is_sentence_starter(word: &str) -> bool {
    matches!(
        word,
        "The" | "A" | "An" | "In" | "On" | "At" | "He" | "She" | "It" | "They" | "We" | "I"
            | "You" | "This" | "That" | "These" | "Those" | "There" | "Then" | "But" | "And"
            | "Or" | "So" | "Yet" | "However" | "After" | "Before" | "When" | "While" | "As"
            | "By" | "For" | "From" | "Of" | "To" | "With" | "His" | "Her" | "Their" | "Its"
            | "Our" | "My" | "Meanwhile" | "Soon" | "Later" | "Also" | "Thus" | "Therefore"
            | "Moreover" | "Furthermore" | "Finally" | "Now" | "What" | "Who" | "Why" | "How"
            | "Where" | "Although" | "Though" | "If" | "Since" | "During" | "Despite" | "Such"
            | "Many" | "Some" | "All" | "Most" | "No" | "Not" | "Nevertheless" | "Instead"
            | "Only" | "Even" | "Both" | "Each" | "Every" | "Several" | "Few" | "Under"
            | "Over" | "Until" | "Once" | "Here" | "Hence" | "Indeed" | "Still" | "Because"
            | "Whereas" | "Unlike" | "Following" | "Next" | "Last" | "Today" | "Yesterday"
            // Russian.
            | "В" | "На" | "Но" | "И" | "А" | "Он" | "Она" | "Они" | "Это" | "После" | "Через"
            | "Когда" | "Однако" | "Тогда" | "Уже" | "Так" | "По" | "С" | "К" | "Из" | "При"
    )
}
