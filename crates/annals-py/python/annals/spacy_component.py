"""A spaCy pipeline component that adds annals' TIMEX3 spans to a Doc.

    import spacy
    nlp = spacy.blank("en")                       # or any English pipeline
    nlp.add_pipe("annals_timex", config={"dct": None, "mode": None})
    doc = nlp("On June 1, 1920 the fleet arrived. Three days later it left.")
    [(s.text, s._.timex_value) for s in doc.spans["timex"]]
    # [('June 1, 1920', '1920-06-01'), ('Three days later', '1920-06-04')]

Each span's label is the TIMEX3 type (DATE, TIME, DURATION, SET); its value, mod, quant,
freq, anchoring and tid are the span attributes ``timex_value``, ``timex_mod``, ``timex_quant``,
``timex_freq``, ``timex_anchoring`` and ``timex_tid``. ``doc._.annals`` holds the whole
``annals.tag`` result. With ``set_ents=True`` the spans also become ``doc.ents`` where they do
not overlap an existing entity (spaCy's own DATE/TIME entities are replaced by annals' ones).

The factory is registered under the name ``annals_timex`` both on import of this module and
through the ``spacy_factories`` entry point, so ``nlp.add_pipe("annals_timex")`` works as soon as
the package is installed.
"""

from __future__ import annotations

from typing import Iterable, List, Optional

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

import annals

SPAN_ATTRIBUTES = ["value", "mod", "quant", "freq", "anchoring", "tid"]


def _register_extensions() -> None:
    for name in SPAN_ATTRIBUTES:
        if not Span.has_extension(f"timex_{name}"):
            Span.set_extension(f"timex_{name}", default=None)
    if not Doc.has_extension("annals"):
        Doc.set_extension("annals", default=None)


def char_offsets(text: str, byte_offsets: Iterable[int]) -> List[int]:
    """annals reports UTF-8 byte offsets; spaCy counts characters."""
    offsets = list(byte_offsets)
    if text.isascii():
        return offsets
    # Character index of every byte boundary, built once per document.
    boundary = {}
    at = 0
    for i, ch in enumerate(text):
        boundary[at] = i
        at += len(ch.encode("utf-8"))
    boundary[at] = len(text)
    return [boundary[b] for b in offsets]


class TimexComponent:
    """Runs ``annals.tag`` on the Doc's text and stores the TIMEX3 spans."""

    def __init__(
        self,
        nlp: Language,
        name: str,
        dct: Optional[str] = None,
        mode: Optional[str] = None,
        spans_key: str = "timex",
        set_ents: bool = False,
    ) -> None:
        _register_extensions()
        self.name = name
        self.dct = dct
        self.mode = mode
        self.spans_key = spans_key
        self.set_ents = set_ents

    def __call__(self, doc: Doc) -> Doc:
        result = annals.tag(doc.text, dct=self.dct, mode=self.mode)
        timexes = result["timexes"]
        bounds = char_offsets(
            doc.text, [b for t in timexes for b in (t["start"], t["end"])]
        )
        spans = []
        for k, t in enumerate(timexes):
            # "expand": a timex boundary inside a token ("1920s" split oddly) still yields a
            # span covering it, never a silent drop.
            span = doc.char_span(
                bounds[2 * k], bounds[2 * k + 1], label=t["type"], alignment_mode="expand"
            )
            if span is None:
                continue
            for name in SPAN_ATTRIBUTES:
                setattr(span._, f"timex_{name}", t.get(name))
            spans.append(span)
        doc.spans[self.spans_key] = spans
        doc._.annals = result
        if self.set_ents:
            keep = [e for e in doc.ents if e.label_ not in ("DATE", "TIME")]
            doc.ents = filter_spans(spans + keep)
        return doc


@Language.factory(
    "annals_timex",
    default_config={"dct": None, "mode": None, "spans_key": "timex", "set_ents": False},
)
def make_timex_component(
    nlp: Language,
    name: str,
    dct: Optional[str],
    mode: Optional[str],
    spans_key: str,
    set_ents: bool,
) -> TimexComponent:
    return TimexComponent(nlp, name, dct=dct, mode=mode, spans_key=spans_key, set_ents=set_ents)
