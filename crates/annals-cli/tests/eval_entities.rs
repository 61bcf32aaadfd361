//! `annals eval-entities`: figures worked out by hand on a made-up file, a system file scored
//! like annals' own mentions, and agreement with the independent checker
//! (scripts/hipe_ner_check.py) on the HIPE-2022 dev set in ../shared (read there, never copied).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn annals(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_annals"))
        .args(args)
        .output()
        .expect("running annals")
}

fn json(o: &Output) -> serde_json::Value {
    assert!(
        o.status.success(),
        "annals failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    serde_json::from_slice(&o.stdout).expect("JSON out")
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("annals-eval-ent-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

const HEADER: &str = "TOKEN\tNE-COARSE-LIT\tNE-COARSE-METO\tNE-FINE-LIT\tNE-FINE-METO\tNE-FINE-COMP\tNE-NESTED\tNEL-LIT\tNEL-METO\tMISC\n";

/// A HIPE file of one document from (token, tag) pairs.
fn hipe(tokens: &[(&str, &str)]) -> String {
    let mut s = format!("{HEADER}# hipe2022:document_id = made-up-1\n");
    for (t, tag) in tokens {
        s.push_str(&format!("{t}\t{tag}\tO\t_\t_\t_\t_\t_\t_\t_\n"));
    }
    s
}

#[test]
fn hand_worked_figures_on_a_made_up_file() {
    let dir = scratch("hand");
    let words = [
        "General", "Dalton", "left", "Dublin", "for", "the", "Bank", "of", "Ireland", "with",
        "Smith", "and", "a", "Prod",
    ];
    let gold_tags = [
        "B-pers", "I-pers", "O", "B-loc", "O", "B-org", "I-org", "I-org", "I-org", "O", "B-pers",
        "O", "O", "B-prod",
    ];
    // "Dalton" alone (boundary), Dublin as a person (wrong type), "Bank of Ireland" without
    // "the" (boundary), Smith missed, "with" spurious, the prod mention not scored.
    let sys_tags = [
        "O", "B-pers", "O", "B-pers", "O", "O", "B-org", "I-org", "I-org", "B-loc", "O", "O", "O",
        "O",
    ];
    fn pair<'a>(words: &[&'a str], tags: &[&'a str]) -> Vec<(&'a str, &'a str)> {
        words.iter().copied().zip(tags.iter().copied()).collect()
    }
    let gold = dir.join("gold.tsv");
    let system = dir.join("system.tsv");
    std::fs::write(&gold, hipe(&pair(&words, &gold_tags))).unwrap();
    std::fs::write(&system, hipe(&pair(&words, &sys_tags))).unwrap();
    let out = json(&annals(&[
        "eval-entities",
        "--json",
        gold.to_str().unwrap(),
        system.to_str().unwrap(),
    ]));
    assert_eq!(out["not_scored"]["prod"], 1);
    // System: Dalton, Dublin, Bank of Ireland, with = 4; gold: 4 scored.
    let strict = &out["strict"];
    assert_eq!(
        (
            &strict["correct"],
            &strict["incorrect"],
            &strict["missed"],
            &strict["spurious"]
        ),
        (&0.into(), &3.into(), &1.into(), &1.into())
    );
    let fuzzy = &out["fuzzy"];
    assert_eq!(fuzzy["correct"], 2);
    assert_eq!(fuzzy["incorrect"], 1);
    assert_eq!(fuzzy["precision"], 0.5);
    assert_eq!(fuzzy["recall"], 0.5);
    // The same file with --types PER scores people only.
    let out = json(&annals(&[
        "eval-entities",
        "--json",
        "--types",
        "PER",
        gold.to_str().unwrap(),
        system.to_str().unwrap(),
    ]));
    assert_eq!(out["types"], serde_json::json!(["PER"]));
    assert_eq!(out["fuzzy"]["correct"], 1);
    assert_eq!(out["fuzzy"]["missed"], 1);
    // Dublin as PER overlaps no gold person: spurious when only people are scored.
    assert_eq!(out["fuzzy"]["spurious"], 1);
}

#[test]
fn a_system_file_over_other_tokens_is_refused() {
    let dir = scratch("mismatch");
    let gold = dir.join("gold.tsv");
    let system = dir.join("system.tsv");
    std::fs::write(&gold, hipe(&[("Dublin", "B-loc"), ("fell", "O")])).unwrap();
    std::fs::write(&system, hipe(&[("Dublin", "B-loc")])).unwrap();
    let o = annals(&[
        "eval-entities",
        gold.to_str().unwrap(),
        system.to_str().unwrap(),
    ]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("same tokens"));
}

#[test]
fn agrees_with_the_independent_checker_on_hipe2020_dev() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let gold = root.join("../shared/data/hipe2022-en/HIPE-2022-v2.1-hipe2020-dev-en.tsv");
    assert!(
        gold.is_file(),
        "HIPE-2022 data not found at {}: this test needs ../shared next to the checkout",
        gold.display()
    );
    let dir = scratch("hipe");
    let written = dir.join("annals.tsv");
    let ours = json(&annals(&[
        "eval-entities",
        "--json",
        "--write-system",
        written.to_str().unwrap(),
        gold.to_str().unwrap(),
    ]));
    // The written file, scored as a system file, gives the same figures.
    let again = json(&annals(&[
        "eval-entities",
        "--json",
        gold.to_str().unwrap(),
        written.to_str().unwrap(),
    ]));
    assert_eq!(ours["strict"], again["strict"]);
    assert_eq!(ours["fuzzy"], again["fuzzy"]);
    let check = Command::new("python3")
        .arg(root.join("scripts/hipe_ner_check.py"))
        .arg(&gold)
        .arg(&written)
        .output()
        .expect("running python3");
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    let theirs: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
    for regime in ["strict", "fuzzy"] {
        for k in ["correct", "incorrect", "missed", "spurious"] {
            assert_eq!(ours[regime][k], theirs[regime][k], "{regime} {k}");
        }
        // Both round to four decimals (Python's rounding of ties may differ in the last one).
        for k in ["precision", "recall", "f1"] {
            let (a, b) = (ours[regime][k].as_f64(), theirs[regime][k].as_f64());
            assert!(
                (a.unwrap() - b.unwrap()).abs() < 2e-4,
                "{regime} {k}: {a:?} {b:?}"
            );
        }
    }
    assert!(ours["strict"]["correct"].as_u64().unwrap() > 100);
}
