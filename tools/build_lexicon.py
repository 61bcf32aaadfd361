#!/usr/bin/env python3
"""Build data/english-lowercase.txt: the words UD English EWT (train) writes in lowercase.

A capitalised word at the start of a sentence is ambiguous ("Take", "Lenin"); a word English text
writes in lowercase elsewhere is a common word, one it never does is most likely a name. The entity
stage uses this list to find sentence-initial names the model misses.

usage: python3 tools/build_lexicon.py [../shared/data] > data/english-lowercase.txt
Deterministic: sorted, one word per line; every word seen in lowercase, letters only.
"""
import collections
import os
import sys

data = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data")
path = os.path.join(data, "ud-english-ewt", "en_ewt-ud-train.conllu")
counts = collections.Counter()
with open(path, encoding="utf-8") as f:
    for line in f:
        if not line or line.startswith("#") or line == "\n":
            continue
        cols = line.rstrip("\n").split("\t")
        if len(cols) < 2 or not cols[0].isdigit():
            continue  # multiword-token lines (3-4) and empty nodes (5.1)
        form = cols[1]
        if form.isalpha() and form.islower():
            counts[form] += 1
for word in sorted(counts):
    print(word)
