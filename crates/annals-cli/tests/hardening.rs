//! Bad input never panics (issue 9): folders with unreadable files, empty files, a 50 MB line,
//! invalid UTF-8, NUL bytes, deep HTML, broken TimeML, documents over the size limit. Each case
//! runs the `annals` binary and checks its exit status and messages.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const EXAMPLE: &str = include_str!("../../../examples/gilan-1920.txt");

fn annals(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_annals"))
        .args(args)
        .output()
        .expect("running annals")
}

fn annals_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_annals"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("running annals");
    // The command may stop reading early (a size limit): a broken pipe here is not a failure.
    let _ = child.stdin.take().unwrap().write_all(input);
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// No Rust panic message, whatever the exit status.
fn assert_no_panic(o: &Output) {
    let err = stderr(o);
    assert!(!err.contains("panicked"), "panic: {err}");
    // 101 is the exit code of a panicking Rust program.
    assert_ne!(o.status.code(), Some(101), "{err}");
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&p, bytes).unwrap();
    p
}

/// Tests run as root in CI, where `chmod 000` does not stop a read: a dangling symbolic link is
/// a file the walk finds and cannot read.
fn unreadable(dir: &Path, name: &str) -> PathBuf {
    let p = dir.join(name);
    std::os::unix::fs::symlink(dir.join("does-not-exist"), &p).unwrap();
    p
}

// ---- folders ----

#[test]
fn folder_is_walked_in_sorted_order_for_known_extensions() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "b.txt", "On 4 June 1920 the Red Army landed.");
    write(
        dir.path(),
        "a.md",
        "# Notes\n\nIn March 1921 the treaty was signed.",
    );
    write(dir.path(), "sub/c.htm", "<p>In 1919 it began.</p>");
    write(dir.path(), "sub/d.html", "<p>On 1 May 1918.</p>");
    write(
        dir.path(),
        "z.tml",
        "<TimeML><TEXT>In 1917.</TEXT></TimeML>",
    );
    write(dir.path(), "skip.csv", "1900,1901");
    write(dir.path(), "skip.json", "{\"year\": 1900}");
    let o = annals(&["tag", s(dir.path())]);
    assert_no_panic(&o);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let headers: Vec<String> = out
        .lines()
        .filter(|l| l.starts_with("# "))
        .map(|l| {
            let path = l[2..].split(" (").next().unwrap();
            Path::new(path)
                .strip_prefix(dir.path())
                .unwrap()
                .display()
                .to_string()
        })
        .collect();
    assert_eq!(
        headers,
        ["a.md", "b.txt", "sub/c.htm", "sub/d.html", "z.tml"],
        "{out}"
    );
    assert!(!out.contains("1900"), "{out}");
}

#[test]
fn unreadable_files_in_a_folder_are_reported_and_the_rest_processed() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.txt",
        "On 4 June 1920 the Red Army landed at Enzeli.",
    );
    let bad = unreadable(dir.path(), "b.txt");
    write(
        dir.path(),
        "c.txt",
        "On 7 June 1920 General Heaps Khan reached Rasht.",
    );
    for cmd in ["tag", "timeline", "entities"] {
        let o = annals(&[cmd, s(dir.path())]);
        assert_no_panic(&o);
        let err = stderr(&o);
        assert!(o.status.success(), "{cmd}: {err}");
        assert!(
            err.contains(s(&bad)),
            "{cmd}: the unreadable file is named: {err}"
        );
        assert!(err.contains("1 of 3 files failed"), "{cmd}: {err}");
        let out = stdout(&o);
        assert!(
            out.contains("a.txt") && out.contains("c.txt"),
            "{cmd}: {out}"
        );
    }
    // The timeline holds the dates of both readable files.
    let o = annals(&["timeline", "--format", "csv", s(dir.path())]);
    let out = stdout(&o);
    assert!(
        out.contains("1920-06-04") && out.contains("1920-06-07"),
        "{out}"
    );
}

#[test]
fn nothing_usable_is_a_failure_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    unreadable(dir.path(), "a.txt");
    unreadable(dir.path(), "b.md");
    for cmd in ["tag", "timeline", "entities"] {
        let o = annals(&[cmd, s(dir.path())]);
        assert_no_panic(&o);
        assert!(!o.status.success(), "{cmd}");
        let err = stderr(&o);
        assert!(
            err.contains("a.txt") && err.contains("b.md"),
            "{cmd}: {err}"
        );
        assert!(
            err.contains("nothing to output: all 2 input files failed"),
            "{cmd}: {err}"
        );
        assert!(stdout(&o).is_empty(), "{cmd}");
    }
    // A folder with no readable kind of file at all.
    let empty = tempfile::tempdir().unwrap();
    write(empty.path(), "data.csv", "1,2");
    let o = annals(&["timeline", s(empty.path())]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("no .txt, .md, .html, .htm or .tml files"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn help_says_which_files_a_folder_yields() {
    for cmd in ["tag", "timeline", "entities"] {
        let o = annals(&[cmd, "--help"]);
        assert!(o.status.success());
        let out = stdout(&o);
        for ext in [".txt", ".md", ".html", ".htm", ".tml", "--max-bytes"] {
            assert!(out.contains(ext), "{cmd} --help lacks {ext}: {out}");
        }
    }
}

// ---- empty, huge, odd bytes ----

#[test]
fn empty_file_gives_empty_output() {
    let dir = tempfile::tempdir().unwrap();
    let empty = write(dir.path(), "empty.txt", "");
    let o = annals(&["tag", "--format", "json", s(&empty)]);
    assert_no_panic(&o);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
    assert_eq!(v["timexes"].as_array().map(Vec::len), Some(0), "{v}");

    let o = annals(&["timeline", "--format", "json", s(&empty)]);
    assert_no_panic(&o);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
    assert_eq!(v["entries"].as_array().map(Vec::len), Some(0), "{v}");

    let o = annals(&["entities", "--format", "json", s(&empty)]);
    assert_no_panic(&o);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
    assert_eq!(v["entities"].as_array().map(Vec::len), Some(0), "{v}");

    for format in ["timeml", "table"] {
        let o = annals(&["tag", "--format", format, s(&empty)]);
        assert_no_panic(&o);
        assert!(o.status.success(), "{format}: {}", stderr(&o));
    }
    let o = annals_stdin(&["timeline", "-"], b"");
    assert_no_panic(&o);
    assert!(o.status.success(), "{}", stderr(&o));
}

/// 50 MB without a newline (the example article repeated). `annals tag` only: a debug build
/// takes about 20 s on it; peak memory is measured in release by benches/memory.sh.
#[test]
fn a_single_50_mb_line() {
    const SIZE: usize = 50 * 1024 * 1024;
    let dir = tempfile::tempdir().unwrap();
    let line = EXAMPLE.replace(['\n', '\r'], " ");
    let mut text = line.repeat(SIZE / line.len() + 1);
    let mut cut = SIZE;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    text.truncate(cut);
    let path = write(dir.path(), "line.txt", &text);
    drop(text);
    let started = Instant::now();
    let out_dir = dir.path().join("out");
    let o = annals(&[
        "tag",
        "--format",
        "json",
        "--out-dir",
        s(&out_dir),
        s(&path),
    ]);
    let took = started.elapsed();
    assert_no_panic(&o);
    assert!(o.status.success(), "{}", stderr(&o));
    let json = std::fs::read(out_dir.join("line.txt.json")).unwrap();
    let v: serde_json::Value = serde_json::from_slice(&json).expect("valid JSON");
    let n = v["timexes"].as_array().map(Vec::len).unwrap_or(0);
    assert!(n > 10_000, "{n} time expressions");
    assert!(took < Duration::from_secs(300), "took {took:?}");
}

#[test]
fn invalid_utf8_names_the_file_and_byte_offset() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write(
        dir.path(),
        "bad.txt",
        b"On 4 June 1920 \xff\xfe the army landed.",
    );
    for cmd in ["tag", "timeline", "entities"] {
        let o = annals(&[cmd, s(&bad)]);
        assert_no_panic(&o);
        assert!(!o.status.success(), "{cmd}");
        let err = stderr(&o);
        assert!(
            err.contains(s(&bad)) && err.contains("invalid UTF-8 at byte 15"),
            "{cmd}: {err}"
        );
        assert!(err.contains("--lossy"), "{cmd}: {err}");
    }
}

#[test]
fn lossy_reads_invalid_utf8() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write(
        dir.path(),
        "bad.txt",
        b"On 4 June 1920 \xff\xfe the army landed.",
    );
    for cmd in ["tag", "timeline", "entities"] {
        let o = annals(&[cmd, "--lossy", s(&bad)]);
        assert_no_panic(&o);
        assert!(o.status.success(), "{cmd}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("replaced 1 invalid byte(s) at byte 15"),
            "{cmd}: {}",
            stderr(&o)
        );
    }
    let o = annals(&["timeline", "--lossy", "--format", "csv", s(&bad)]);
    assert!(stdout(&o).contains("1920-06-04"), "{}", stdout(&o));
}

#[test]
fn nul_bytes_are_processed() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = b"On 4 June 1920\0 the army\0\0 landed at Enzeli.\0".to_vec();
    bytes.extend(std::iter::repeat_n(0u8, 10_000));
    bytes.extend_from_slice(b"Three days later\0 it reached Rasht.");
    let path = write(dir.path(), "nul.txt", &bytes);
    let html = write(dir.path(), "nul.html", b"<p>On 4 June\0 1920</p>\0<p>x</p>");
    let md = write(dir.path(), "nul.md", b"# On 4 June 1920\0\n\n*x*\0");
    for cmd in ["tag", "timeline", "entities"] {
        for p in [&path, &html, &md] {
            let o = annals(&[cmd, s(p)]);
            assert_no_panic(&o);
            assert!(o.status.success(), "{cmd} {}: {}", p.display(), stderr(&o));
        }
    }
    let o = annals(&["timeline", "--format", "csv", s(&path)]);
    assert!(stdout(&o).contains("1920-06-04"), "{}", stdout(&o));
}

#[test]
fn html_nested_100000_deep() {
    let dir = tempfile::tempdir().unwrap();
    let depth = 100_000;
    let mut html = String::with_capacity(depth * 11 + 100);
    html.push_str("<html><body>");
    for _ in 0..depth {
        html.push_str("<div>");
    }
    html.push_str("On 4 June 1920 the Red Army landed at Enzeli.");
    for _ in 0..depth {
        html.push_str("</div>");
    }
    html.push_str("</body></html>");
    let path = write(dir.path(), "deep.html", &html);
    // Unclosed too: the tokenizer never sees the end tags.
    let open = write(dir.path(), "open.html", "<span>".repeat(depth) + "In 1921.");
    for cmd in ["tag", "timeline", "entities"] {
        for p in [&path, &open] {
            let o = annals(&[cmd, s(p)]);
            assert_no_panic(&o);
            assert!(o.status.success(), "{cmd} {}: {}", p.display(), stderr(&o));
        }
    }
    let o = annals(&["timeline", "--format", "csv", s(&path)]);
    assert!(stdout(&o).contains("1920-06-04"), "{}", stdout(&o));
}

// ---- TimeML ----

const BROKEN_TML: &str = "<?xml version=\"1.0\"?>\n<TimeML>\n<DCT><TIMEX3 tid=\"t0\" \
    type=\"DATE\" value=\"1998-03-04\">March 4, 1998</TIMEX3></DCT>\n<TEXT>On <TIMEX3 tid=\"t1\" \
    type=\"DATE\" value=\"1998-03-03\">Tuesday</TIMEX3 the talks ended.</TEXT>\n</TimeML>\n";

#[test]
fn broken_timeml_alone_is_an_error_with_a_position() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write(dir.path(), "broken.tml", BROKEN_TML);
    let truncated = write(dir.path(), "cut.tml", &BROKEN_TML[..60]);
    for p in [&bad, &truncated] {
        for cmd in ["tag", "timeline", "entities"] {
            let o = annals(&[cmd, s(p)]);
            assert_no_panic(&o);
            assert!(!o.status.success(), "{cmd} {}", p.display());
            let err = stderr(&o);
            assert!(err.contains(s(p)), "{cmd}: names the file: {err}");
            assert!(
                err.contains("line ") || err.contains("byte "),
                "{cmd}: gives a position: {err}"
            );
        }
    }
}

#[test]
fn broken_timeml_among_good_files_does_not_stop_them() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.tml", BROKEN_TML);
    write(
        dir.path(),
        "b.tml",
        "<TimeML><DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"1998-03-04\">March 4, 1998\
         </TIMEX3></DCT><TEXT>The talks ended on 3 March 1998.</TEXT></TimeML>",
    );
    write(dir.path(), "c.txt", "On 4 June 1920 the Red Army landed.");
    let o = annals(&["timeline", "--format", "csv", s(dir.path())]);
    assert_no_panic(&o);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("a.tml") && err.contains("not valid TimeML"),
        "{err}"
    );
    assert!(err.contains("1 of 3 files failed"), "{err}");
    let out = stdout(&o);
    assert!(
        out.contains("1998-03-03") && out.contains("1920-06-04"),
        "{out}"
    );

    let out_dir = dir.path().join("out");
    let o = annals(&[
        "tag",
        "--format",
        "timeml",
        "--out-dir",
        s(&out_dir),
        s(&dir.path().join("a.tml")),
        s(&dir.path().join("b.tml")),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(out_dir.join("b.tml").exists());
    assert!(!out_dir.join("a.tml").exists());
}

// ---- size limit ----

#[test]
fn documents_over_max_bytes_are_refused_by_name_and_limit() {
    let dir = tempfile::tempdir().unwrap();
    let big = write(dir.path(), "big.txt", EXAMPLE);
    let small = write(dir.path(), "small.txt", "On 4 June 1920 the army landed.");
    for cmd in ["tag", "timeline", "entities"] {
        let o = annals(&[cmd, "--max-bytes", "1000", s(&big)]);
        assert_no_panic(&o);
        assert!(!o.status.success(), "{cmd}");
        let err = stderr(&o);
        assert!(
            err.contains(s(&big))
                && err.contains(&format!("{} bytes", EXAMPLE.len()))
                && err.contains("limit of 1000 bytes")
                && err.contains("--max-bytes"),
            "{cmd}: {err}"
        );
        // With a document under the limit beside it, that one is processed.
        let o = annals(&[cmd, "--max-bytes", "1K", s(&big), s(&small)]);
        assert!(o.status.success(), "{cmd}: {}", stderr(&o));
        assert!(stderr(&o).contains("1 of 2 files failed"), "{}", stderr(&o));
        let expect = if cmd == "timeline" {
            "1920-06-04"
        } else {
            "small.txt"
        };
        assert!(stdout(&o).contains(expect), "{cmd}: {}", stdout(&o));
    }
    // Standard input has no length to check beforehand: it is read up to the limit.
    let o = annals_stdin(&["tag", "--max-bytes", "100", "-"], EXAMPLE.as_bytes());
    assert!(!o.status.success());
    assert!(stderr(&o).contains("limit of 100 bytes"), "{}", stderr(&o));
    // The default (256 MiB) lets ordinary documents through; a bad size is a usage error.
    assert!(annals(&["tag", s(&big)]).status.success());
    let o = annals(&["tag", "--max-bytes", "lots", s(&big)]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

#[test]
fn many_files_make_one_timeline() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..200 {
        write(
            dir.path(),
            &format!("doc{i:03}.txt"),
            format!("On {} June 1920 event {i} happened.", i % 28 + 1),
        );
    }
    let o = annals(&["timeline", "--format", "json", s(dir.path())]);
    assert_no_panic(&o);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["sources"].as_array().map(Vec::len), Some(200));
    // Every document is named by an entry, as its source or as a merged duplicate: the same
    // event on the same day with no participants to tell them apart ("event 0 happened" and
    // "event 28 happened" on 1 June) may merge.
    let entries = v["entries"].as_array().unwrap();
    let mut named: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
    for e in entries {
        named.insert(e["source"].as_str().unwrap().to_string());
        for a in e["also"].as_array().unwrap() {
            named.insert(a["source"].as_str().unwrap().to_string());
        }
    }
    assert_eq!(named.len(), 200, "{} entries", entries.len());
    assert!(
        entries.len() >= 28,
        "one entry per day at least: {}",
        entries.len()
    );
}

/// A document without a single full stop is one sentence of tens of thousands of words: every
/// per-sentence step of the timeline (anchoring, participants, summaries, excerpts) must stay
/// linear in it (each was quadratic once: 97 s for 300 KB in release).
#[test]
fn a_document_without_full_stops() {
    let dir = tempfile::tempdir().unwrap();
    let text = EXAMPLE.replace(['.', '\n', '\r'], " ");
    let text = text.repeat(300_000 / text.len() + 1);
    let path = write(dir.path(), "run-on.txt", &text);
    let o = annals(&["timeline", "--format", "json", s(&path)]);
    assert_no_panic(&o);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
    let entries = v["entries"].as_array().unwrap();
    // One sentence repeating the same dates and events: they merge into one entry each.
    assert!(entries.len() >= 10, "{} entries", entries.len());
    // Excerpts stay excerpts, however long the sentence.
    assert!(entries
        .iter()
        .all(|e| e["sentence"].as_str().unwrap().chars().count() <= 202));
}
