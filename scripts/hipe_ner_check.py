#!/usr/bin/env python3
"""An independent check of `annals eval-entities`: HIPE-2022 NERC-coarse scoring, written apart
from the Rust scorer and following the definitions of the official HIPE scorer
(github.com/hipe-eval/HIPE-scorer, hipe_evaluation/ner_eval.py, SemEval-2013 task 9.1 style):

  * entities are collected per document from the NE-COARSE-LIT column (lines merged, since a
    name may run across a printed line);
  * only labels the gold file uses are scored; system entities of other labels are ignored;
  * each system entity, in order: an identical gold entity (span and label) makes it correct in
    both regimes; else the first gold entity with its span (another label), or else the first
    gold entity it overlaps that no system entity has claimed, is claimed: strict counts it
    incorrect, fuzzy ("ent_type") correct when the labels agree and incorrect otherwise; with
    no such gold entity it is spurious;
  * gold entities never claimed are missed;
  * P = correct / (correct + incorrect + spurious), R = correct / (correct + incorrect +
    missed), micro-averaged over all documents.

Labels are mapped to the coarse PER / LOC / ORG the way annals maps them (BUILDING and STREET
are places), and labels outside the three are dropped from both sides, so the two scorers see
the same entities.

Usage: python3 scripts/hipe_ner_check.py GOLD.tsv SYSTEM.tsv   (prints JSON)
"""

import json
import sys

COARSE = {
    "pers": "PER", "per": "PER", "person": "PER",
    "loc": "LOC", "gpe": "LOC", "building": "LOC", "street": "LOC", "fac": "LOC",
    "org": "ORG", "organisation": "ORG", "organization": "ORG",
}


def documents(path):
    """[(doc_id, [(token, tag)])] from a HIPE TSV file."""
    docs = []
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        col = header.index("NE-COARSE-LIT")
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                continue
            if line.startswith("#") and "\t" not in line:  # a token may be an OCR'd "#"
                key = line[1:].strip()
                if key.startswith("hipe2022:document_id"):
                    docs.append((key.split("=", 1)[1].strip(), []))
                continue
            if not docs:
                docs.append(("", []))
            cells = line.split("\t")
            docs[-1][1].append((cells[0], cells[col]))
    return docs


def entities(tokens):
    """[(start, end_inclusive, coarse label)] from IOB tags."""
    out, start, label = [], None, None

    def close(end):
        if start is not None and COARSE.get(label.lower()):
            out.append((start, end, COARSE[label.lower()]))

    for i, (_, tag) in enumerate(tokens):
        prefix, _, lab = tag.partition("-")
        if prefix == "I" and start is not None and lab == label:
            continue
        close(i - 1)
        start, label = (i, lab) if prefix in ("B", "I") else (None, None)
    close(len(tokens) - 1)
    return out


def main(gold_path, system_path):
    gold_docs, sys_docs = documents(gold_path), documents(system_path)
    gold_flat = [t for _, toks in gold_docs for t, _ in toks]
    sys_flat = [t for _, toks in sys_docs for t, _ in toks]
    assert gold_flat == sys_flat, "the two files must hold the same tokens"
    labels = {e[2] for _, toks in gold_docs for e in entities(toks)}
    tallies = {regime: dict(correct=0, incorrect=0, missed=0, spurious=0) for regime in ("strict", "fuzzy")}
    for (_, gtoks), (_, stoks) in zip(gold_docs, sys_docs):
        gold = [e for e in entities(gtoks) if e[2] in labels]
        system = [e for e in entities(stoks) if e[2] in labels]
        claimed = set()
        for s in system:
            if s in gold:
                claimed.add(gold.index(s))
                tallies["strict"]["correct"] += 1
                tallies["fuzzy"]["correct"] += 1
                continue
            pick = None
            for k, g in enumerate(gold):
                same_span = (g[0], g[1]) == (s[0], s[1])
                overlap = g[0] <= s[1] and s[0] <= g[1]
                if same_span or (overlap and k not in claimed):
                    pick = k
                    break
            if pick is None:
                tallies["strict"]["spurious"] += 1
                tallies["fuzzy"]["spurious"] += 1
                continue
            claimed.add(pick)
            tallies["strict"]["incorrect"] += 1
            tallies["fuzzy"]["correct" if gold[pick][2] == s[2] else "incorrect"] += 1
        missed = len(gold) - len(claimed)
        tallies["strict"]["missed"] += missed
        tallies["fuzzy"]["missed"] += missed
    result = {"types": sorted(labels)}
    for regime, t in tallies.items():
        actual = t["correct"] + t["incorrect"] + t["spurious"]
        possible = t["correct"] + t["incorrect"] + t["missed"]
        p = t["correct"] / actual if actual else 0.0
        r = t["correct"] / possible if possible else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        result[regime] = dict(t, precision=round(p, 4), recall=round(r, 4), f1=round(f, 4))
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
