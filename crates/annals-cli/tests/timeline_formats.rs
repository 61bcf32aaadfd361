//! `annals timeline` on the reference document in every format, as a user runs it: golden
//! snapshots (insta; review changes with `cargo insta review` or by reading the .snap diff),
//! the JSON against docs/schemas/timeline.schema.json, TimelineJS against a schema that mirrors
//! TimelineJS 3's loader, GeoJSON against its schema, and the TimeML read back.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `annals timeline --format FORMAT examples/gilan-1920.txt`, run from the repository root so
/// that the source path in the output is the one a user sees.
fn timeline(format: &str, extra: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_annals"))
        .current_dir(root())
        .args(["timeline", "--format", format])
        .args(extra)
        .arg("examples/gilan-1920.txt")
        .output()
        .expect("running annals");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

fn schema(name: &str) -> jsonschema::Validator {
    let path = root().join("docs/schemas").join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn assert_valid(validator: &jsonschema::Validator, doc: &serde_json::Value) {
    let errors: Vec<String> = validator
        .iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn table_snapshot() {
    insta::assert_snapshot!("gilan_table", timeline("table", &[]));
}

#[test]
fn markdown_snapshot() {
    insta::assert_snapshot!("gilan_markdown", timeline("markdown", &[]));
}

#[test]
fn csv_snapshot() {
    let csv = timeline("csv", &[]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(reader.headers().unwrap().len(), 23);
    assert!(reader.records().all(|r| r.unwrap().len() == 23));
    insta::assert_snapshot!("gilan_csv", csv);
}

#[test]
fn json_snapshot_and_schema() {
    let text = timeline("json", &[]);
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_valid(&schema("timeline.schema.json"), &doc);
    insta::assert_snapshot!("gilan_json", text);
}

#[test]
fn the_schema_rejects_what_it_should() {
    let v = schema("timeline.schema.json");
    let mut doc: serde_json::Value = serde_json::from_str(&timeline("json", &[])).unwrap();
    doc["entries"][0]["confidence"] = serde_json::json!(1.5);
    assert!(!v.is_valid(&doc));
    let mut doc: serde_json::Value = serde_json::from_str(&timeline("json", &[])).unwrap();
    doc["entries"][0]["event"]["class"] = serde_json::json!("HAPPENING");
    assert!(!v.is_valid(&doc));
}

#[test]
fn timelinejs_snapshot_and_loader_rules() {
    let text = timeline("timelinejs", &[]);
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_valid(&schema("timelinejs.schema.json"), &doc);
    // What the schema cannot say: unique ids, and no slide ending before it starts.
    let events = doc["events"].as_array().unwrap();
    let mut ids: Vec<&str> = events
        .iter()
        .map(|e| e["unique_id"].as_str().unwrap())
        .collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), events.len());
    let day = |d: &serde_json::Value| {
        (
            d["year"].as_i64().unwrap(),
            d["month"].as_i64().unwrap_or(1),
            d["day"].as_i64().unwrap_or(1),
        )
    };
    for e in events {
        if let Some(end) = e.get("end_date") {
            assert!(day(&e["start_date"]) <= day(end), "{e}");
        }
        // TimelineJS renders text as HTML: nothing from the document may be markup.
        let html = e["text"]["text"].as_str().unwrap();
        assert!(!html.contains("<script"), "{html}");
    }
    insta::assert_snapshot!("gilan_timelinejs", text);
}

#[test]
fn geojson_snapshot_and_schema() {
    let text = timeline("geojson", &[]);
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_valid(&schema("geojson.schema.json"), &doc);
    let names: Vec<&str> = doc["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["properties"]["name"].as_str().unwrap())
        .collect();
    for place in ["Baku", "Rasht", "Tehran", "Moscow"] {
        assert!(names.contains(&place), "{place} not in {names:?}");
    }
    insta::assert_snapshot!("gilan_geojson", text);
}

#[test]
fn timeml_snapshot_reads_back() {
    let text = timeline("timeml", &[]);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gilan.tml");
    std::fs::write(&path, &text).unwrap();
    let doc = annals::io::read_path(&path, &Default::default()).unwrap();
    let original = std::fs::read_to_string(root().join("examples/gilan-1920.txt")).unwrap();
    assert_eq!(
        doc.text, original,
        "TEXT must be the document, byte for byte"
    );
    let count = |name: &str| doc.gold.iter().filter(|t| t.name == name).count();
    assert!(
        count("TIMEX3") >= 15 && count("EVENT") >= 40,
        "{}",
        count("EVENT")
    );
    assert!(text.contains("relType=\"IS_INCLUDED\"") && text.contains("relType=\"AFTER\""));
    insta::assert_snapshot!("gilan_timeml", text);
}

#[test]
fn filters_by_person_and_place() {
    let who = timeline("csv", &["--who", "raskolnikov"]);
    let rows: Vec<&str> = who.lines().skip(1).collect();
    assert!(!rows.is_empty());
    assert!(rows
        .iter()
        .all(|r| r.to_lowercase().contains("raskolnikov")));
    let place = timeline("json", &["--where", "Rasht"]);
    let doc: serde_json::Value = serde_json::from_str(&place).unwrap();
    let entries = doc["entries"].as_array().unwrap();
    assert!(entries.iter().any(|e| e["value"] == "1920-06-04"));
    assert!(entries.iter().all(|e| e["places"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["name"] == "Rasht")));
    // Confidence is a calibrated probability: the filter keeps what reaches it, and drops the
    // rest (inherited dates far from their story date among them).
    let all = timeline("json", &[]);
    let all: serde_json::Value = serde_json::from_str(&all).unwrap();
    let sure = timeline("json", &["--min-confidence", "0.7"]);
    let doc: serde_json::Value = serde_json::from_str(&sure).unwrap();
    let kept = doc["entries"].as_array().unwrap();
    assert!(kept
        .iter()
        .all(|e| e["confidence"].as_f64().unwrap() >= 0.7));
    assert!(!kept.is_empty() && kept.len() < all["entries"].as_array().unwrap().len());
}
