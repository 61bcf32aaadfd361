"""The spaCy component: annals' TIMEX3 spans on a spaCy Doc, with value and type."""

from __future__ import annotations

import annals
from conftest import REFERENCE, require

spacy = require("spacy")


def test_component_adds_timex_spans_with_values():
    import annals.spacy_component  # noqa: F401  (registers the factory)

    nlp = spacy.blank("en")
    nlp.add_pipe("annals_timex")
    doc = nlp("On June 1, 1920 the fleet arrived. Three days later it left.")
    spans = doc.spans["timex"]
    assert [(s.text, s.label_, s._.timex_value) for s in spans] == [
        ("June 1, 1920", "DATE", "1920-06-01"),
        ("Three days later", "DATE", "1920-06-04"),
    ]
    assert spans[1]._.timex_anchoring is not None
    assert doc._.annals["mode"] == "narrative"


def test_offsets_are_characters_not_bytes():
    import annals.spacy_component  # noqa: F401

    nlp = spacy.blank("en")
    nlp.add_pipe("annals_timex", config={"set_ents": True})
    # Multi-byte letters before the date: annals' byte offsets must be turned into characters.
    doc = nlp("Bandar-e Anzalī fell on 18 May 1920; Rasht on 4 June 1920.")
    assert [(e.text, e.label_, e._.timex_value) for e in doc.ents] == [
        ("18 May 1920", "DATE", "1920-05-18"),
        ("4 June 1920", "DATE", "1920-06-04"),
    ]


def test_the_reference_document_agrees_with_the_api():
    import annals.spacy_component  # noqa: F401

    text = REFERENCE.read_text(encoding="utf-8")
    nlp = spacy.blank("en")
    nlp.add_pipe("annals_timex", config={"spans_key": "dates"})
    doc = nlp(text)
    expected = [(t["text"], t["type"], t["value"]) for t in annals.tag(text)["timexes"]]
    assert [(s.text, s.label_, s._.timex_value) for s in doc.spans["dates"]] == expected


def test_factory_is_found_through_the_entry_point_without_importing_it():
    # A fresh interpreter: only the installed entry point can make the name known.
    import subprocess
    import sys

    code = (
        "import spacy; nlp = spacy.blank('en'); nlp.add_pipe('annals_timex'); "
        "doc = nlp('It ended in 1921.'); print(doc.spans['timex'][0]._.timex_value)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "1921"
