//! `annals ingest` and `annals serve` as a user runs them: a generated 10,000-document corpus
//! with progress and a kill -9 in the middle, the API, corrections surviving a re-ingest, and
//! the server's safety rules (markup stays text, no path outside the corpus, bounded bodies).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

fn annals() -> Command {
    Command::new(env!("CARGO_BIN_EXE_annals"))
}

/// A tiny corpus generator: each document a dated arrival and a relative departure.
fn generate(dir: &Path, n: usize) {
    let people = [
        "Kuchik Khan",
        "Raskolnikov",
        "Trotsky",
        "Ordzhonikidze",
        "Frunze",
    ];
    let places = [
        "Rasht", "Baku", "Tehran", "Enzeli", "Manjil", "Moscow", "Tabriz",
    ];
    let months = [
        "January", "March", "May", "June", "August", "October", "December",
    ];
    for i in 0..n {
        let text = format!(
            "On {} {} {} {} arrived in {}. Three days later the troops left {}.\n",
            1 + i % 28,
            months[i % months.len()],
            1900 + i % 31,
            people[i % people.len()],
            places[i % places.len()],
            places[(i / 7) % places.len()],
        );
        std::fs::write(dir.join(format!("doc{i:05}.txt")), text).unwrap();
    }
}

fn count(conn: &annals_server::rusqlite::Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

/// Every stored document is whole: it has its entries, mentions and sentences, and no row
/// belongs to a document that is not there.
fn assert_consistent(db: &Path) -> i64 {
    let conn = annals_server::store::open(db).unwrap();
    let docs = count(&conn, "SELECT count(*) FROM documents");
    assert_eq!(
        count(&conn, "SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM entries e WHERE e.document = d.id)"),
        0,
        "a document without its entries"
    );
    assert_eq!(
        count(&conn, "SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM sentences s WHERE s.document = d.id)"),
        0,
        "a document without its sentences"
    );
    assert_eq!(
        count(
            &conn,
            "SELECT count(*) FROM entries WHERE document NOT IN (SELECT id FROM documents)"
        ),
        0
    );
    assert_eq!(
        count(
            &conn,
            "SELECT count(*) FROM mentions WHERE document NOT IN (SELECT id FROM documents)"
        ),
        0
    );
    assert_eq!(
        count(&conn, "SELECT count(DISTINCT path) FROM documents"),
        docs,
        "a document stored twice"
    );
    docs
}

#[test]
fn ingest_reports_progress_and_a_kill_9_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    generate(&corpus, 10_000);
    let db = dir.path().join("corpus.db");

    let mut child = annals()
        .args(["ingest", "--progress", "--db"])
        .arg(&db)
        .arg(&corpus)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Kill -9 as soon as the first progress line shows the ingest is under way.
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    stderr.read_line(&mut line).unwrap();
    assert!(
        line.starts_with("annals: ingest ") && line.contains("/10000 files"),
        "{line:?}"
    );
    child.kill().unwrap(); // SIGKILL on Unix: no chance to clean up
    child.wait().unwrap();

    let partial = assert_consistent(&db);
    assert!(
        partial > 0 && partial < 10_000,
        "killed mid-way: {partial} documents stored"
    );

    // The re-run finishes the work: every document exactly once, the stored ones skipped.
    let out = annals()
        .args(["ingest", "--progress", "--db"])
        .arg(&db)
        .arg(&corpus)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("annals: ingest 10000/10000 files"),
        "{stderr}"
    );
    let summary = format!(
        "10000 files: {} ingested, {} unchanged, 0 failed",
        10_000 - partial,
        partial
    );
    assert!(stderr.contains(&summary), "{stderr}");
    assert_eq!(assert_consistent(&db), 10_000);
}

/// A running `annals serve`, stopped when dropped.
struct Server {
    child: Child,
    port: u16,
}

impl Server {
    fn start(db: Option<&Path>) -> Server {
        let mut cmd = annals();
        cmd.args(["serve", "--port", "0"]);
        if let Some(db) = db {
            cmd.arg("--db").arg(db);
        }
        let mut child = cmd.stdout(Stdio::piped()).spawn().unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        // Loopback unless told otherwise.
        let addr = line
            .trim()
            .strip_prefix("annals: serving http://127.0.0.1:")
            .unwrap_or_else(|| panic!("{line:?}"));
        Server {
            child,
            port: addr.trim_end_matches('/').parse().unwrap(),
        }
    }

    /// One HTTP/1.1 request: (status, headers, body).
    fn request(&self, method: &str, path: &str, body: &[u8]) -> (u16, String, String) {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        write!(
            s,
            "{method} {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
            body.len()
        )
        .unwrap();
        // A body the server refuses may be cut short by it: that is the point of the limit.
        let _ = s.write_all(body);
        let mut raw = Vec::new();
        let _ = s.read_to_end(&mut raw);
        let raw = String::from_utf8_lossy(&raw).into_owned();
        let (head, rest) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
        let status = head.split(' ').nth(1).unwrap_or("0").parse().unwrap();
        let body = if head
            .to_ascii_lowercase()
            .contains("transfer-encoding: chunked")
        {
            dechunk(rest)
        } else {
            rest.to_string()
        };
        (status, head.to_string(), body)
    }

    fn get_json(&self, path: &str) -> serde_json::Value {
        let (status, _, body) = self.request("GET", path, b"");
        assert_eq!(status, 200, "{path}: {body}");
        serde_json::from_str(&body).unwrap()
    }
}

fn dechunk(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some((size, after)) = rest.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if n == 0 {
            break;
        }
        out.push_str(&after[..n]);
        rest = &after[n + 2..];
    }
    out
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn serve_without_a_database_shows_the_reference_document() {
    let server = Server::start(None);
    let tl = server.get_json("/api/timeline?where=Rasht");
    let rasht = tl["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["value"] == "1920-06-04")
        .expect("the Rasht entry on 1920-06-04");
    assert_eq!(rasht["document"], 1);
    assert!(rasht["key"]
        .as_str()
        .unwrap()
        .starts_with("examples/gilan-1920.txt@"));
    let places = server.get_json("/api/places");
    assert!(places["features"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["properties"]["name"] == "Rasht"));
    let hits = server.get_json("/api/search?q=Manjil");
    assert!(hits["results"][0]["match"] == "Manjil", "{hits}");
    // Mentions come a page at a time; the spellings and the count cover them all.
    let page = server.get_json("/api/entities/LOC%3ABandar-e%20Anzal%C4%AB?offset=1&limit=1");
    assert_eq!(page["total_mentions"], 3, "{page}");
    assert_eq!(page["mentions"].as_array().unwrap().len(), 1);
    assert_eq!(page["aliases"], serde_json::json!(["Anzali", "Enzeli"]));
    let spec = server.get_json("/api/openapi.json");
    assert_eq!(spec["openapi"], "3.1.0");
    let (status, head, body) = server.request("GET", "/", b"");
    assert_eq!(status, 200);
    assert!(
        head.to_ascii_lowercase().contains("script-src 'self'"),
        "{head}"
    );
    assert!(
        body.contains("<html") || body.contains("<!doctype"),
        "{body}"
    );
}

fn ingest(db: &Path, files: &[PathBuf]) -> String {
    let out = annals()
        .arg("ingest")
        .arg("--db")
        .arg(db)
        .args(files)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{stderr}");
    stderr
}

#[test]
fn corrections_survive_a_reingest_and_markup_stays_text() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.txt");
    let b = dir.path().join("b.txt");
    let evil = dir.path().join("evil.txt");
    std::fs::write(&a, "On 4 June 1920 Kuchik Khan occupied Rasht.\n").unwrap();
    std::fs::write(
        &b,
        "In August 1920 Mirza Kuchak led the rebels at Manjil.\n",
    )
    .unwrap();
    std::fs::write(
        &evil,
        "<script>window.__pwned=1</script><b>bold</b> On 4 June 1920 the rebels took Rasht.\n",
    )
    .unwrap();
    let db = dir.path().join("corpus.db");
    ingest(&db, &[a.clone(), b.clone(), evil.clone()]);

    let server = Server::start(Some(&db));
    let people = server.get_json("/api/entities?type=PER");
    let ids: Vec<String> = people["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect();
    let kuchik = ids
        .iter()
        .find(|i| i.contains("Kuchik"))
        .expect("Kuchik Khan")
        .clone();
    let kuchak = ids
        .iter()
        .find(|i| i.contains("Kuchak"))
        .expect("Mirza Kuchak")
        .clone();
    assert_ne!(kuchik, kuchak, "clustered apart before the merge");
    let body = serde_json::json!({"kind": "merge", "entities": [kuchik, kuchak], "name": "Mirza Kuchik Khan"});
    let (status, _, resp) = server.request("POST", "/api/corrections", body.to_string().as_bytes());
    assert_eq!(status, 201, "{resp}");
    let merged = |server: &Server| {
        let e = server.get_json(&format!("/api/entities/{}", "PER:Mirza%20Kuchik%20Khan"));
        let mut aliases: Vec<String> = e["aliases"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a.as_str().unwrap().to_string())
            .collect();
        aliases.sort();
        aliases
    };
    assert_eq!(merged(&server), ["Kuchik Khan", "Mirza Kuchak"]);

    // A re-ingest while the server runs (WAL: it keeps serving): one file changed.
    std::fs::write(
        &b,
        "In August 1920 Mirza Kuchak led the rebels at Manjil and Rasht.\n",
    )
    .unwrap();
    let report = ingest(&db, &[a.clone(), b.clone(), evil.clone()]);
    assert!(
        report.contains("3 files: 1 ingested, 2 unchanged"),
        "{report}"
    );
    assert_eq!(merged(&server), ["Kuchik Khan", "Mirza Kuchak"]);
    drop(server);
    let server = Server::start(Some(&db));
    assert_eq!(merged(&server), ["Kuchik Khan", "Mirza Kuchak"]);
    let (_, _, authority) = server.request("GET", "/api/authority", b"");
    assert!(
        authority.contains("name = \"Mirza Kuchik Khan\""),
        "{authority}"
    );

    // Markup in a document is data: the API carries it inside JSON strings, never as markup,
    // and every page forbids inline scripts.
    let docs = server.get_json("/api/documents");
    let evil_id = docs["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["path"].as_str().unwrap().ends_with("evil.txt"))
        .unwrap()["id"]
        .clone();
    let (status, head, body) = server.request("GET", &format!("/api/documents/{evil_id}"), b"");
    assert_eq!(status, 200);
    assert!(
        head.contains("application/json") && head.contains("nosniff"),
        "{head}"
    );
    let doc: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert!(doc["text"]
        .as_str()
        .unwrap()
        .starts_with("<script>window.__pwned=1</script>"));
    let hits = server.get_json("/api/search?q=pwned");
    assert_eq!(hits["results"][0]["match"], "pwned");

    // Nothing outside the corpus is reachable; bodies are bounded.
    for path in [
        "/../../../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/api/../Cargo.toml",
        "/..%2fCargo.toml",
    ] {
        let (status, _, body) = server.request("GET", path, b"");
        assert!(
            !body.contains("root:") && !body.contains("[package]"),
            "{path}: {body}"
        );
        assert!(status == 404 || status == 400, "{path}: {status}");
    }
    let big = vec![b'x'; 1 << 20];
    let (status, _, _) = server.request("POST", "/api/corrections", &big);
    assert_eq!(status, 413, "a 1 MB body is refused");
    let (status, _, body) = server.request(
        "POST",
        "/api/corrections",
        br#"{"kind":"drop","entry":"nope"}"#,
    );
    assert_eq!(status, 404, "what the corpus lacks is not found: {body}");
    let (status, _, body) = server.request(
        "POST",
        "/api/corrections",
        br#"{"kind":"date","entry":"x","value":"1920-13-01"}"#,
    );
    assert_eq!(status, 400, "{body}");
    assert!(body.starts_with("{\"error\":"), "{body}");
    let (status, head, _) = server.request("GET", "/api/documents/notanumber", b"");
    assert_eq!(status, 400);
    assert!(
        head.contains("application/json"),
        "errors under /api are JSON: {head}"
    );
}

#[test]
fn prune_removes_documents_whose_file_is_gone() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    generate(&corpus, 3);
    let db = dir.path().join("corpus.db");
    ingest(&db, std::slice::from_ref(&corpus));
    std::fs::remove_file(corpus.join("doc00001.txt")).unwrap();
    // Without --prune a vanished file is left alone (it may be on a drive not mounted now).
    let report = ingest(&db, std::slice::from_ref(&corpus));
    assert!(
        report.contains("2 files: 0 ingested, 2 unchanged, 0 failed,"),
        "{report}"
    );
    assert_eq!(assert_consistent(&db), 3);
    let out = annals()
        .args(["ingest", "--prune", "--db"])
        .arg(&db)
        .arg(&corpus)
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&out.stderr);
    assert!(
        report.contains("0 failed, 1 removed (file gone)"),
        "{report}"
    );
    assert_eq!(assert_consistent(&db), 2);
    let conn = annals_server::store::open(&db).unwrap();
    assert_eq!(
        count(
            &conn,
            "SELECT count(*) FROM sentences WHERE document NOT IN (SELECT id FROM documents)"
        ),
        0
    );
}

#[test]
fn a_merge_reanalyses_only_the_documents_that_mention_its_names() {
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<PathBuf> = [
        ("a.txt", "On 4 June 1920 Kuchik Khan occupied Rasht.\n"),
        (
            "b.txt",
            "In August 1920 Mirza Kuchak led the rebels at Manjil.\n",
        ),
        ("c.txt", "In March 1921 Trotsky spoke in Moscow.\n"),
    ]
    .iter()
    .map(|(name, text)| {
        let p = dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p
    })
    .collect();
    let db = dir.path().join("corpus.db");
    ingest(&db, &files);
    let stamps = || -> Vec<(String, String)> {
        let conn = annals_server::store::open(&db).unwrap();
        let mut stmt = conn
            .prepare("SELECT path, analysed_with FROM documents ORDER BY path")
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let before = stamps();
    let server = Server::start(Some(&db));
    let body =
        serde_json::json!({"kind": "merge", "entities": ["PER:Kuchik Khan", "PER:Mirza Kuchak"]});
    let (status, _, resp) = server.request("POST", "/api/corrections", body.to_string().as_bytes());
    assert_eq!(status, 201, "{resp}");
    let after = stamps();
    assert_ne!(
        before[0].1, after[0].1,
        "a.txt names Kuchik Khan: analysed again"
    );
    assert_ne!(
        before[1].1, after[1].1,
        "b.txt names Mirza Kuchak: analysed again"
    );
    assert_eq!(before[2].1, after[2].1, "c.txt names neither: left alone");
    // The next ingest agrees: nothing is stale.
    let report = ingest(&db, &files);
    assert!(
        report.contains("3 files: 0 ingested, 3 unchanged"),
        "{report}"
    );
}
