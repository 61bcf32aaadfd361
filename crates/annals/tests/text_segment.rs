//! Sentence and token segmentation: boundary cases, token shapes, the bundled example, and
//! property tests (span invariants on any string; no panic from reading and tagging any bytes).

use annals::document::SourceFormat;
use annals::io::{read_bytes, ReadOptions};
use annals::text::{segment, Segmented, TokenKind};
use annals::Pipeline;
use proptest::prelude::*;
use std::path::Path;

fn sentences(text: &str) -> Vec<&str> {
    let seg = segment(text);
    check_invariants(text, &seg).unwrap();
    seg.sentences.iter().map(|s| s.text(text)).collect()
}

fn tokens(text: &str) -> Vec<(&str, TokenKind)> {
    let seg = segment(text);
    check_invariants(text, &seg).unwrap();
    seg.tokens.iter().map(|t| (t.text(text), t.kind)).collect()
}

fn token_texts(text: &str) -> Vec<&str> {
    tokens(text).into_iter().map(|(s, _)| s).collect()
}

/// Every invariant downstream stages rely on; an `Err` names the first one broken.
fn check_invariants(text: &str, seg: &Segmented) -> Result<(), String> {
    let mut prev_end = 0;
    for (i, t) in seg.tokens.iter().enumerate() {
        let (s, e) = (t.span.start, t.span.end);
        if !(s < e && e <= text.len()) {
            return Err(format!(
                "token {i} {s}..{e} empty or outside 0..{}",
                text.len()
            ));
        }
        if !(text.is_char_boundary(s) && text.is_char_boundary(e)) {
            return Err(format!("token {i} {s}..{e} not on char boundaries"));
        }
        if s < prev_end {
            return Err(format!(
                "token {i} {s}..{e} overlaps or precedes the one before"
            ));
        }
        if text[s..e].starts_with(char::is_whitespace) {
            return Err(format!("token {i} {s}..{e} starts with whitespace"));
        }
        prev_end = e;
    }
    let mut next_token = 0;
    let mut prev_end = 0;
    for (i, sent) in seg.sentences.iter().enumerate() {
        let r = &sent.tokens;
        if r.start != next_token || r.end <= r.start || r.end > seg.tokens.len() {
            return Err(format!(
                "sentence {i} token range {r:?} not contiguous or empty"
            ));
        }
        let span = (
            seg.tokens[r.start].span.start,
            seg.tokens[r.end - 1].span.end,
        );
        if (sent.span.start, sent.span.end) != span {
            return Err(format!(
                "sentence {i} span {:?} is not its tokens' {span:?}",
                sent.span
            ));
        }
        if sent.span.start < prev_end {
            return Err(format!("sentence {i} overlaps the one before"));
        }
        if seg.sentence_at(sent.span.start) != Some(sent) {
            return Err(format!(
                "sentence_at({}) does not find sentence {i}",
                sent.span.start
            ));
        }
        prev_end = sent.span.end;
        next_token = r.end;
    }
    if next_token != seg.tokens.len() {
        return Err(format!("tokens {next_token}.. are in no sentence"));
    }
    Ok(())
}

/// Each case: the text, then the sentences expected, in order.
const BOUNDARIES: &[(&str, &[&str])] = &[
    // Titles never end a sentence.
    (
        "Mr. Smith went to Washington. He arrived on Jan. 5.",
        &["Mr. Smith went to Washington.", "He arrived on Jan. 5."],
    ),
    (
        "Gen. Denikin retreated. Col. Ivanov stayed.",
        &["Gen. Denikin retreated.", "Col. Ivanov stayed."],
    ),
    (
        "Mrs. Smith met Prof. Brown and Dr. Jones at 5 p.m. on Tuesday.",
        &["Mrs. Smith met Prof. Brown and Dr. Jones at 5 p.m. on Tuesday."],
    ),
    (
        "Capt. A. Smith and Lt. B. Jones arrived. They were late.",
        &["Capt. A. Smith and Lt. B. Jones arrived.", "They were late."],
    ),
    (
        "He lived near St. Isaac's Cathedral. Dr. Ivanov visited him.",
        &["He lived near St. Isaac's Cathedral.", "Dr. Ivanov visited him."],
    ),
    // Initials never end a sentence before a name.
    (
        "The flotilla of F. Raskolnikov sailed. It reached Enzeli.",
        &["The flotilla of F. Raskolnikov sailed.", "It reached Enzeli."],
    ),
    (
        "J. R. R. Tolkien wrote it. He was a professor.",
        &["J. R. R. Tolkien wrote it.", "He was a professor."],
    ),
    (
        "Mikhail V. Frunze wrote to the Council.",
        &["Mikhail V. Frunze wrote to the Council."],
    ),
    (
        "Ф. Ф. Раскольников командовал флотилией. Он прибыл в Энзели.",
        &["Ф. Ф. Раскольников командовал флотилией.", "Он прибыл в Энзели."],
    ),
    // ... but do before a word that typically starts a sentence.
    (
        "This is Plan B. It works.",
        &["This is Plan B.", "It works."],
    ),
    // Initialisms: sentence-final only before a typical sentence start.
    (
        "He lived in the U.S. The war changed that.",
        &["He lived in the U.S.", "The war changed that."],
    ),
    ("The U.S. Army landed.", &["The U.S. Army landed."]),
    (
        "The U.S.S.R. was founded in 1922. Lenin died in 1924.",
        &["The U.S.S.R. was founded in 1922.", "Lenin died in 1924."],
    ),
    (
        "It happened in the U.K. In 1920 the war ended.",
        &["It happened in the U.K.", "In 1920 the war ended."],
    ),
    (
        "They met at 10 a.m. The talks failed.",
        &["They met at 10 a.m.", "The talks failed."],
    ),
    ("They met at 10 a.m. Moscow time.", &["They met at 10 a.m. Moscow time."]),
    // Weak abbreviations end a sentence before a capitalised word.
    (
        "Guns, rifles, etc. The list was long.",
        &["Guns, rifles, etc.", "The list was long."],
    ),
    ("Guns, rifles, etc. were sent.", &["Guns, rifles, etc. were sent."]),
    (
        "Smith & Co. Ltd. was founded in 1901.",
        &["Smith & Co. Ltd. was founded in 1901."],
    ),
    (
        "The offensive began in Sept. The army advanced.",
        &["The offensive began in Sept.", "The army advanced."],
    ),
    ("On Sept. 5 the army advanced.", &["On Sept. 5 the army advanced."]),
    (
        "Восстание началось в 1920 г. Оно охватило Гилян.",
        &["Восстание началось в 1920 г.", "Оно охватило Гилян."],
    ),
    ("В 1920 г. началось восстание.", &["В 1920 г. началось восстание."]),
    // Latin connectives and number prefixes.
    (
        "Use a cipher, e.g. the old one. It worked, i.e. nobody read it.",
        &["Use a cipher, e.g. the old one.", "It worked, i.e. nobody read it."],
    ),
    ("Lenin vs. Trotsky was not the question.", &["Lenin vs. Trotsky was not the question."]),
    (
        "See No. 5 for details. He said no. Then he left.",
        &["See No. 5 for details.", "He said no.", "Then he left."],
    ),
    (
        "He was born c. 1880 in Baku. He died in 1937.",
        &["He was born c. 1880 in Baku.", "He died in 1937."],
    ),
    // Numbers with periods inside do not end sentences; after them they do.
    (
        "It cost $1,200.50 in all. The treaty was signed on 26.02.1921. Persia agreed.",
        &[
            "It cost $1,200.50 in all.",
            "The treaty was signed on 26.02.1921.",
            "Persia agreed.",
        ],
    ),
    // Closing quotes and brackets after the terminator belong to the sentence.
    (
        "Trotsky stressed: “Persia is unable to disarm the white court.” Lenin did not object.",
        &[
            "Trotsky stressed: “Persia is unable to disarm the white court.”",
            "Lenin did not object.",
        ],
    ),
    (
        "She said, \"Go.\" He went. (He left.) Then she arrived.",
        &["She said, \"Go.\"", "He went.", "(He left.)", "Then she arrived."],
    ),
    (
        "“Who goes there?” asked the guard. Nobody answered!",
        &["“Who goes there?” asked the guard.", "Nobody answered!"],
    ),
    ("Where is he? Nobody knows!", &["Where is he?", "Nobody knows!"]),
    // Ellipses end a sentence unless a lowercase word follows.
    ("He waited... Then he left.", &["He waited...", "Then he left."]),
    ("He waited… and waited.", &["He waited… and waited."]),
    // Paragraph breaks end sentences, even before a lowercase start (machine translation).
    (
        "the army retreated\n\nthe next day just created the Persian Red Army captured Manjil.",
        &[
            "the army retreated",
            "the next day just created the Persian Red Army captured Manjil.",
        ],
    ),
    // A heading line is its own sentence; a hard-wrapped paragraph is not cut at its line ends.
    (
        "Overthrow of the bourgeoisie\nIn April 1920, in the Iranian province of Gilan rebellion broke out.",
        &[
            "Overthrow of the bourgeoisie",
            "In April 1920, in the Iranian province of Gilan rebellion broke out.",
        ],
    ),
    (
        "The flotilla sailed from Baku on the 17th of May, and it reached the\nport of Anzali the next morning, where the White fleet lay at anchor.",
        &["The flotilla sailed from Baku on the 17th of May, and it reached the\nport of Anzali the next morning, where the White fleet lay at anchor."],
    ),
    (
        "He arrived.\nThe army of the Shah\nRetreated to Tehran.",
        &["He arrived.", "The army of the Shah\nRetreated to Tehran."],
    ),
    (
        "1. Introduction\nThe text begins here and goes on for a good while after the heading.",
        &[
            "1. Introduction",
            "The text begins here and goes on for a good while after the heading.",
        ],
    ),
    // Other scripts and terminators.
    (
        "Ο πόλεμος τελείωσε. Η ειρήνη ήρθε.",
        &["Ο πόλεμος τελείωσε.", "Η ειρήνη ήρθε."],
    ),
    ("جنگ تمام شد. صلح آمد.", &["جنگ تمام شد.", "صلح آمد."]),
    ("هل انتهت الحرب؟ نعم.", &["هل انتهت الحرب؟", "نعم."]),
];

#[test]
fn sentence_boundaries_with_abbreviations_and_initials() {
    assert!(BOUNDARIES.len() >= 25);
    let mut failures = Vec::new();
    for (text, expected) in BOUNDARIES {
        let got = sentences(text);
        if got != *expected {
            failures.push(format!(
                "{text:?}\n  expected {expected:?}\n  got      {got:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn no_sentences_in_empty_or_blank_text() {
    for text in ["", " ", "\n\n\t", "\u{feff}", "\u{200b}\u{2029}"] {
        let seg = segment(text);
        assert!(
            seg.tokens.is_empty() && seg.sentences.is_empty(),
            "{text:?}"
        );
    }
}

#[test]
fn numbers_with_separators_and_ranges() {
    use TokenKind::*;
    assert_eq!(
        tokens("1,200 2.5 20-30 1920-06-01 6/1/1920 10:30 1920s 5th"),
        vec![
            ("1,200", Number),
            ("2.5", Number),
            ("20-30", Number),
            ("1920-06-01", Number),
            ("6/1/1920", Number),
            ("10:30", Number),
            ("1920s", Number),
            ("5th", Number),
        ]
    );
    // En dashes never join, spaced or not.
    assert_eq!(
        tokens("1914–18, 1914 – 1918"),
        vec![
            ("1914", Number),
            ("–", Dash),
            ("18", Number),
            (",", Punct),
            ("1914", Number),
            ("–", Dash),
            ("1918", Number),
        ]
    );
    // A sentence-final period, a comma before a space and a trailing hyphen stay separate.
    assert_eq!(
        token_texts("in 1920. 1,2, 3- and"),
        ["in", "1920", ".", "1,2", ",", "3", "-", "and"]
    );
    assert_eq!(
        token_texts("$5 20% 12 guns"),
        ["$", "5", "20", "%", "12", "guns"]
    );
}

#[test]
fn quotes_dashes_and_ellipses() {
    use TokenKind::*;
    assert_eq!(
        tokens("“Go,” «vite» \"now\" 'then' ‘so’"),
        vec![
            ("“", Quote),
            ("Go", Word),
            (",", Punct),
            ("”", Quote),
            ("«", Quote),
            ("vite", Word),
            ("»", Quote),
            ("\"", Quote),
            ("now", Word),
            ("\"", Quote),
            ("'", Quote),
            ("then", Word),
            ("'", Quote),
            ("‘", Quote),
            ("so", Word),
            ("’", Quote),
        ]
    );
    assert_eq!(
        tokens("Iran – one — two -- three ——"),
        vec![
            ("Iran", Word),
            ("–", Dash),
            ("one", Word),
            ("—", Dash),
            ("two", Word),
            ("--", Dash),
            ("three", Word),
            ("——", Dash),
        ]
    );
    assert_eq!(
        token_texts("wait... so… what?!"),
        ["wait", "...", "so", "…", "what", "?!"]
    );
}

#[test]
fn words_keep_hyphens_apostrophes_and_marks() {
    assert_eq!(
        token_texts("worker-peasant Sultan-zadeh Tehran’s don't rebels' -led"),
        [
            "worker-peasant",
            "Sultan-zadeh",
            "Tehran’s",
            "don't",
            "rebels",
            "'",
            "-",
            "led"
        ]
    );
    // Combining marks stay inside words, in any script.
    assert_eq!(token_texts("вὀйска Persian"), ["вὀйска", "Persian"]);
    assert_eq!(
        token_texts("e\u{301}cole и\u{306}"),
        ["e\u{301}cole", "и\u{306}"]
    );
    assert_eq!(token_texts("Ἀθῆναι, Ἑλλάς."), ["Ἀθῆναι", ",", "Ἑλλάς", "."]);
    // Persian writes ZWNJ inside words; Arabic harakat are marks.
    assert_eq!(
        token_texts("می\u{200c}خواهم كَتَبَ"),
        ["می\u{200c}خواهم", "كَتَبَ"]
    );
    assert_eq!(token_texts("انقلاب، ایران"), ["انقلاب", "،", "ایران"]);
}

#[test]
fn abbreviation_tokens_keep_their_period() {
    use TokenKind::*;
    assert_eq!(
        tokens("U.S.S.R. e.g. Gen. F. No. 5 the U.S"),
        vec![
            ("U.S.S.R.", Abbreviation),
            ("e.g.", Abbreviation),
            ("Gen.", Abbreviation),
            ("F.", Abbreviation),
            ("No.", Abbreviation),
            ("5", Number),
            ("the", Word),
            ("U.S", Abbreviation),
        ]
    );
    // A period after an ordinary word, or between words without a space, is punctuation.
    assert_eq!(token_texts("army.The end"), ["army", ".", "The", "end"]);
    assert_eq!(sentences("army.The end"), ["army.The end"]);
}

fn gilan() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/gilan-1920.txt");
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {path}: {e}"))
}

#[test]
fn gilan_sentences() {
    let text = gilan();
    let seg = segment(&text);
    check_invariants(&text, &seg).unwrap();
    let got: Vec<&str> = seg.sentences.iter().map(|s| s.text(&text)).collect();
    for expected in [
        "Overthrow of the bourgeoisie",
        "Take by force",
        "the Coup",
        "Persia is unable to disarm the white court.”",
        "Lenin against the operation did not object.",
        "9 Jun Tunb Khan was forced to resign from the revolutionary Cabinet.",
        "the next day just created the Persian Red Army captured a fortified city Manjil.",
        "Inspired by the Iranian Communists wrote to Moscow: “the British are retreating.",
        "By August, according to the headquarters of the Persian red Army, the time had come to March on Tehran.",
        "17 may 1920, from Baku to Enzeli on the course came out of the Volga-Caspian military flotilla under command of Fyodor Raskolnikov and Sergo Ordzhonikidze.",
    ] {
        assert!(got.contains(&expected), "no sentence {expected:?} in {got:#?}");
    }
    // The quoted appeal with its 20-30 and the em-dashed attribution is one sentence.
    let appeal = got
        .iter()
        .find(|s| s.starts_with("“If there is support 20-30 thousand people"))
        .expect("the appeal sentence");
    assert!(
        appeal.ends_with("– was mentioned in the message."),
        "{appeal}"
    );
    // Lowercase paragraph starts from machine translation are sentence starts.
    assert!(got
        .iter()
        .any(|s| s.starts_with("back in the fall of 1919, after")));
    assert!(got
        .iter()
        .any(|s| s.starts_with("in less than a couple of days")));
    assert!(got
        .iter()
        .any(|s| s.starts_with("part of the Persian red Army")));
    // 57 sentences, as read by hand (4 headings included); the count guards against regressions.
    assert_eq!(got.len(), 57, "{got:#?}");
}

/// Strings built from the pieces segmentation cares about, so that random cases hit the rules.
fn texty() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "Mr.",
        "U.S.",
        "U.S",
        "F.",
        "e.g.",
        "etc.",
        "No.",
        "c.",
        "Sept.",
        "г.",
        "a",
        "I",
        "The",
        "word",
        "вὀйска",
        "Ἀθῆναι",
        "می",
        "\u{200c}",
        "\u{301}",
        "\u{feff}",
        " ",
        " ",
        " ",
        "\n",
        "\n\n",
        "\r\n",
        "\r",
        "\t",
        "\u{2029}",
        "\u{85}",
        ".",
        ".",
        "...",
        "…",
        "!",
        "?",
        "؟",
        ",",
        "“",
        "”",
        "\"",
        "'",
        "’",
        "«",
        "»",
        "(",
        ")",
        "-",
        "–",
        "—",
        "5",
        "1,200",
        "2.5",
        "20-30",
        "1914–18",
        "10:30",
        "6/1/1920",
        "$",
        "\u{0}",
        "🙂",
    ]);
    prop::collection::vec(pieces, 0..80).prop_map(|v| v.concat())
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), "\\PC{0,200}", texty()]
}

/// Byte strings that mix markup, entities, invalid UTF-8 and text.
fn any_bytes() -> impl Strategy<Value = Vec<u8>> {
    let pieces = prop::sample::select(vec![
        &b"<?xml version=\"1.0\"?>"[..],
        b"<TimeML>",
        b"</TimeML>",
        b"<DOCID>x</DOCID>",
        b"<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"1920-06-01\" functionInDocument=\"CREATION_TIME\">June 1, 1920</TIMEX3></DCT>",
        b"<TEXT>",
        b"</TEXT>",
        b"<TIMEX3 tid=\"t1\" type=\"DATE\" value=\"1920\">",
        b"</TIMEX3>",
        b"<EVENT eid=\"e1\" class=\"OCCURRENCE\">",
        b"</EVENT>",
        b"<TLINK lid=\"l1\" relType=\"BEFORE\"/>",
        b"<html><body><p>",
        b"</p>",
        b"<script>x</script>",
        b"<!-- c -->",
        b"<![CDATA[x]]>",
        b"&amp;",
        b"&#x41;",
        b"&#9999999;",
        b"&bogus;",
        b"# Head\n",
        b"* item\n",
        b"[link](http://x)",
        b"```\ncode\n```\n",
        b"June 1, 1920",
        b"in the fall of 1919",
        b"Three days later",
        b"9 Jun",
        b" ",
        b"\n",
        b"\n\n",
        b".",
        b"<",
        b">",
        b"\"",
        b"\xff",
        b"\xe2\x80",
        b"\xc3",
        b"\0",
    ]);
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..400),
        prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat()),
    ]
}

/// Read `bytes` leniently in `format` and tag it; either step may fail, neither may panic.
fn read_and_tag(bytes: &[u8], format: SourceFormat) {
    let opts = ReadOptions {
        lossy: true,
        ..Default::default()
    };
    if let Ok(doc) = read_bytes(bytes, Path::new("x.txt"), format, &opts) {
        let _ = Pipeline::new().analyse(&doc, &Default::default());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn segmentation_invariants_hold_for_any_text(text in any_text()) {
        let seg = segment(&text);
        if let Err(e) = check_invariants(&text, &seg) {
            return Err(TestCaseError::fail(format!("{e} in {text:?}")));
        }
    }

    #[test]
    fn reading_and_tagging_text_never_panics(bytes in any_bytes()) {
        read_and_tag(&bytes, SourceFormat::Text);
    }

    #[test]
    fn reading_and_tagging_html_never_panics(bytes in any_bytes()) {
        read_and_tag(&bytes, SourceFormat::Html);
    }

    #[test]
    fn reading_and_tagging_markdown_never_panics(bytes in any_bytes()) {
        read_and_tag(&bytes, SourceFormat::Markdown);
    }

    #[test]
    fn reading_and_tagging_timeml_never_panics(bytes in any_bytes()) {
        read_and_tag(&bytes, SourceFormat::TimeMl);
    }
}
