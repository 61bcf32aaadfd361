//! Readers and the TimeML writer: byte-exact round trips over the shared corpora, and the inputs
//! that must give a clear error instead of a panic.

use annals::document::{Document, SourceFormat, Span, Tag};
use annals::io::{self, timeml, ReadOptions};
use annals::Error;
use std::path::{Path, PathBuf};

/// The shared corpora sit beside the checkout (`X/main` and `X/shared`), locally and in CI.
fn timeml_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/timeml");
    assert!(
        dir.is_dir(),
        "shared TimeML data not found at {}: these tests need ../shared next to the checkout",
        dir.display()
    );
    dir
}

fn tml_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let p = entry.unwrap().path();
            if p.is_dir() {
                todo.push(p);
            } else if p.extension().is_some_and(|e| e == "tml") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// The raw source between `<TEXT>` and `</TEXT>`.
fn text_section(src: &str) -> &str {
    let a = src.find("<TEXT>").expect("<TEXT>") + "<TEXT>".len();
    let b = src.rfind("</TEXT>").expect("</TEXT>");
    &src[a..b]
}

/// `raw` with every tag removed except those named `keep` (entities left as they are).
fn strip_tags_except(raw: &str, keep: &[&str]) -> String {
    let mut out = String::new();
    let mut rest = raw;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let j = rest[i..].find('>').expect("closed tag") + i + 1;
        let tag = &rest[i..j];
        let name: String = tag[1..]
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_alphanumeric())
            .collect();
        if keep.contains(&name.as_str()) {
            out.push_str(tag);
        }
        rest = &rest[j..];
    }
    out.push_str(rest);
    out
}

fn read_tml(path: &Path) -> (String, Document) {
    let src = std::fs::read_to_string(path).unwrap();
    let doc = timeml::read(&src, path).unwrap_or_else(|e| panic!("{e}"));
    (src, doc)
}

#[test]
fn every_shared_tml_round_trips_byte_for_byte() {
    let files = tml_files(&timeml_dir());
    assert!(
        files.len() > 250,
        "expected the full corpora, found {} files",
        files.len()
    );
    let mut total_timexes = 0;
    for path in &files {
        let (src, doc) = read_tml(path);
        let name = path.display();
        assert_eq!(doc.format, SourceFormat::TimeMl);
        assert!(doc.dct.is_some(), "{name}: no DCT read");
        let timexes: Vec<Tag> = doc
            .gold
            .iter()
            .filter(|t| t.name == "TIMEX3")
            .cloned()
            .collect();
        total_timexes += timexes.len();

        // Gold TIMEX3 only: the input with its EVENT and SIGNAL markup removed, nothing else.
        let out = timeml::write(&doc, &timexes);
        let expected = strip_tags_except(text_section(&src), &["TIMEX3"]);
        assert_eq!(text_section(&out), expected, "{name}: TEXT differs");
        assert_eq!(
            strip_tags_except(text_section(&out), &[]),
            strip_tags_except(text_section(&src), &[]),
            "{name}: text content differs"
        );
        // Outside TEXT everything is kept (DCT, MAKEINSTANCE, TLINK, …).
        let (a, b) = (src.find("<TEXT>").unwrap(), src.rfind("</TEXT>").unwrap());
        assert!(out.starts_with(&src[..a + 6]), "{name}: head differs");
        assert!(out.ends_with(&src[b..]), "{name}: tail differs");

        // All gold markup: the file itself, since attribute order is kept.
        assert!(
            timeml::write(&doc, &doc.gold) == src,
            "{name}: full round trip differs"
        );

        // And what we wrote reads back to the same text and timexes.
        let again = timeml::read(&out, path).unwrap();
        assert_eq!(again.text, doc.text, "{name}");
        assert_eq!(again.gold, timexes, "{name}");
    }
    // Some files have no timex in TEXT at all (wsj_0106), but the corpora have thousands.
    assert!(
        total_timexes > 3500,
        "only {total_timexes} gold TIMEX3 read"
    );
}

#[test]
fn gold_spans_point_at_their_text() {
    let path = timeml_dir().join("wikiwars-train/01_WW2.tml");
    let (_, doc) = read_tml(&path);
    assert_eq!(doc.dct.as_deref(), Some("2009-12-19"));
    let t1 = doc
        .gold
        .iter()
        .find(|t| t.attr("tid") == Some("t1"))
        .unwrap();
    assert_eq!(doc.slice(t1.span), "September 1, 1939");
    assert_eq!(t1.attrs[0], ("tid".to_string(), "t1".to_string()));
    assert_eq!(t1.attr("value"), Some("1939-09-01"));
    assert!(doc.text.starts_with("\nCourse of the war\n"));
}

#[test]
fn entities_decoded_and_written_back_as_they_were() {
    let src = "<?xml version=\"1.0\" ?>\n<TimeML><DCT><TIMEX3 tid=\"t0\" value=\"1998-01-08T10:00\">x</TIMEX3></DCT>\
               <TEXT>AT&amp;T &#x41;&apos;s \"Q\" on <TIMEX3 tid=\"t1\" value=\"1998-01\">Jan&#46; 98</TIMEX3>.<!-- note --></TEXT>\
               <TLINK lid=\"l1\"/></TimeML>\n";
    let doc = timeml::read(src, Path::new("e.tml")).unwrap();
    assert_eq!(doc.text, "AT&T A's \"Q\" on Jan. 98.");
    assert_eq!(doc.dct.as_deref(), Some("1998-01-08"));
    assert_eq!(doc.slice(doc.gold[0].span), "Jan. 98");
    assert_eq!(timeml::write(&doc, &doc.gold), src);
    // Tags at new places, one of them cutting a reference in two would be impossible, so the
    // cut piece is escaped instead; elsewhere the raw source is copied.
    let tags = vec![tag(0, 4, "TIMEX3", &[("value", "a<\"&b")])];
    let out = timeml::write(&doc, &tags);
    assert!(out.contains("<TEXT><TIMEX3 value=\"a&lt;&quot;&amp;b\">AT&amp;T</TIMEX3> &#x41;&apos;s \"Q\" on Jan&#46; 98.<!-- note --></TEXT>"), "{out}");
}

fn tag(start: usize, end: usize, name: &str, attrs: &[(&str, &str)]) -> Tag {
    Tag {
        span: Span::new(start, end),
        name: name.to_string(),
        attrs: attrs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    }
}

#[test]
fn fresh_timeml_for_plain_text() {
    let mut doc = Document::from_text("On 4 June 1920 Rasht fell <&> later.");
    doc.dct = Some("1920-06-10".into());
    let tags = vec![tag(
        3,
        14,
        "TIMEX3",
        &[("tid", "t1"), ("type", "DATE"), ("value", "1920-06-04")],
    )];
    let out = timeml::write(&doc, &tags);
    assert_eq!(
        out,
        "<?xml version=\"1.0\" ?>\n<TimeML xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xsi:noNamespaceSchemaLocation=\"http://timeml.org/timeMLdocs/TimeML_1.2.1.xsd\">\n\
         <DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"1920-06-10\" temporalFunction=\"false\" \
         functionInDocument=\"CREATION_TIME\">1920-06-10</TIMEX3></DCT>\n\
         <TEXT>On <TIMEX3 tid=\"t1\" type=\"DATE\" value=\"1920-06-04\">4 June 1920</TIMEX3> Rasht fell &lt;&amp;&gt; later.</TEXT>\n\
         </TimeML>\n"
    );
    let back = timeml::read(&out, Path::new("x.tml")).unwrap();
    assert_eq!(back.text, doc.text);
    assert_eq!(back.dct, doc.dct);
    assert_eq!(back.gold, tags);

    doc.dct = None;
    assert!(!timeml::write(&doc, &[]).contains("<DCT>"));
}

#[test]
fn nested_kept_crossing_and_invalid_tags_skipped() {
    let doc = Document::from_text("abcdefgh");
    let tags = vec![
        tag(0, 6, "TIMEX3", &[]),
        tag(2, 4, "EVENT", &[]),  // nested: kept inside
        tag(5, 8, "SIGNAL", &[]), // crosses TIMEX3: skipped
        tag(7, 99, "X", &[]),     // outside the text
        tag(6, 7, "bad name", &[]),
        tag(7, 7, "E", &[("k", "v"), ("k", "w"), ("1x", "y")]), // empty span, duplicate key
    ];
    let out = timeml::write(&doc, &tags);
    assert!(
        out.contains("<TEXT><TIMEX3>ab<EVENT>cd</EVENT>ef</TIMEX3>g<E k=\"v\"/>h</TEXT>"),
        "{out}"
    );
    assert!(timeml::read(&out, Path::new("n.tml")).is_ok());
}

#[test]
fn broken_timeml_is_an_error_with_a_position() {
    let cases = [
        (
            "<TimeML><TEXT>a <TIMEX3>b</EVENT></TEXT></TimeML>",
            "line 1",
        ),
        ("<TimeML><TEXT>a <TIMEX3>b</TEXT></TimeML>", "line 1"),
        ("<TimeML>\n<TEXT>a & b</TEXT></TimeML>", "line 2"),
        (
            "<TimeML><TEXT>a <TIMEX3 tid=t1>b</TIMEX3></TEXT></TimeML>",
            "line 1",
        ),
        ("<TimeML><TEXT>&#0;</TEXT></TimeML>", "line 1"),
        ("<TimeML><TEXT>abc", "never closed"),
        ("<TimeML><DOC>no text</DOC></TimeML>", "no <TEXT>"),
        ("<TimeML><TEXT>a <TIMEX3", "line 1"),
        ("", "no <TEXT>"),
    ];
    for (src, needle) in cases {
        match timeml::read(src, Path::new("bad.tml")) {
            Err(e @ Error::TimeMl { .. }) => {
                let msg = e.to_string();
                assert!(msg.starts_with("bad.tml: "), "{msg}");
                assert!(msg.contains(needle), "{src:?}: {msg}");
            }
            other => panic!("{src:?}: expected a TimeML error, got {other:?}"),
        }
    }
}

#[test]
fn truncated_and_mangled_files_never_panic() {
    let path = timeml_dir().join("wikiwars-train/10_PunicWars.tml");
    let src = std::fs::read_to_string(&path).unwrap();
    let mut cut = 0;
    while cut < src.len() {
        if src.is_char_boundary(cut) {
            let _ = timeml::read(&src[..cut], &path);
            let mangled = format!("{}<{}", &src[..cut], &src[cut..]);
            let _ = timeml::read(&mangled, &path);
        }
        cut += 101;
    }
}

#[test]
fn deeply_nested_timeml_is_linear_and_safe() {
    let n = 100_000;
    let src = format!(
        "<TimeML><TEXT>{}x{}</TEXT></TimeML>",
        "<E>".repeat(n),
        "</E>".repeat(n)
    );
    let doc = timeml::read(&src, Path::new("deep.tml")).unwrap();
    assert_eq!(doc.gold.len(), n);
    assert_eq!(timeml::write(&doc, &doc.gold), src);
}

fn read(bytes: &[u8], name: &str) -> annals::Result<Document> {
    let path = Path::new(name);
    io::read_bytes(
        bytes,
        path,
        io::format_for_path(path),
        &ReadOptions::default(),
    )
}

#[test]
fn html_visible_text_only() {
    let html = "<!DOCTYPE html><html><head><title>Page</title><style>body{color:red}</style>\
                <script>var x = '<p>not text</p>';</script></head><body><!-- comment -->\
                <h1>Gilan &amp; Rasht</h1><p>On 4&nbsp;June&#160;1920 the <em>Red</em> fleet \
                arrived.</p><noscript>Enable JS</noscript><template>hidden</template>\
                <div>Three days later<br>they left.</div></body></html>";
    let doc = read(html.as_bytes(), "page.html").unwrap();
    assert_eq!(doc.format, SourceFormat::Html);
    assert_eq!(
        doc.text,
        "Gilan & Rasht\n\nOn 4\u{a0}June\u{a0}1920 the Red fleet arrived.\n\nThree days later\nthey left."
    );
    assert_eq!(doc.path, Path::new("page.html"));
}

#[test]
fn html_deeply_nested_does_not_blow_up() {
    for tag in ["div", "b", "p", "table", "a"] {
        let html = format!("<{tag}>x").repeat(100_000);
        let doc = read(html.as_bytes(), "deep.html").unwrap();
        assert_eq!(doc.text.matches('x').count(), 100_000, "{tag}");
    }
    let unclosed = "<script>".repeat(1000) + "<style><!--";
    assert_eq!(read(unclosed.as_bytes(), "s.html").unwrap().text, "");
}

#[test]
fn markdown_markup_is_not_words() {
    let md = "# The *Gilan* Republic\n\nIn **June 1920** the [fleet](https://x.example \"t\") landed at `Enzeli`.\n\
              Next line.\n\n* First item\n* Second &amp; last ![a picture of ships](ships.png)\n\n\
              > Quoted 9 Jun\n\n<script>alert(1)</script>\n\n```\ncode  kept\n```\n";
    let doc = read(md.as_bytes(), "a.md").unwrap();
    assert_eq!(doc.format, SourceFormat::Markdown);
    assert_eq!(
        doc.text,
        "The Gilan Republic\n\nIn June 1920 the fleet landed at Enzeli. Next line.\n\n\
         First item\nSecond & last\n\nQuoted 9 Jun\n\ncode  kept"
    );
}

#[test]
fn markdown_deeply_nested_does_not_blow_up() {
    let n = 100_000;
    for md in [
        ">".repeat(n) + " deep",
        "* ".repeat(n) + "deep",
        "[".repeat(n) + "deep" + &"]".repeat(n),
        "*".repeat(n) + "deep" + &"*".repeat(n),
        "<div>".repeat(n) + "deep",
    ] {
        let doc = read(md.as_bytes(), "deep.md").unwrap();
        assert!(doc.text.contains("deep"), "{}", &md[..10]);
    }
}

#[test]
fn invalid_utf8_names_file_and_offset() {
    let bytes = b"On 4 June 1920 \xff Rasht";
    for name in ["a.txt", "a.md", "a.html", "a.tml"] {
        match read(bytes, name) {
            Err(e @ Error::InvalidUtf8 { offset: 15, .. }) => {
                assert!(e.to_string().contains(name), "{e}");
                assert!(e.to_string().contains("byte 15"), "{e}");
            }
            other => panic!("{name}: expected invalid UTF-8 at 15, got {other:?}"),
        }
    }
    let lossy = ReadOptions {
        lossy: true,
        ..ReadOptions::default()
    };
    let doc = io::read_bytes(bytes, Path::new("a.txt"), SourceFormat::Text, &lossy).unwrap();
    assert_eq!(doc.replaced, vec![(15, 1)]);
}

#[test]
fn any_bytes_in_any_format_never_panic() {
    let samples: [&[u8]; 8] = [
        b"",
        b"\0\0\0",
        b"<",
        b"&",
        b"<TEXT>&#xFFFFFFFF;</TEXT>",
        b"<TimeML><TEXT><![CDATA[x",
        b"\xef\xbb\xbf<TimeML><TEXT>bom</TEXT></TimeML>",
        b"<a b='1' b='2'><TEXT/></a>",
    ];
    for bytes in samples {
        for name in ["a.txt", "a.md", "a.html", "a.tml"] {
            let _ = read(bytes, name);
        }
    }
    let doc = read(b"\xef\xbb\xbf<TimeML><TEXT>bom</TEXT></TimeML>", "b.tml").unwrap();
    assert_eq!(doc.text, "bom");
    assert!(timeml::write(&doc, &[]).starts_with('\u{feff}'));
    let empty = read(b"<T><TEXT/></T>", "e.tml").unwrap();
    assert_eq!(timeml::write(&empty, &[]), "<T><TEXT></TEXT></T>");
}
