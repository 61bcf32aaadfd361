"""annals: dated, sourced timelines from historical narrative.

The same engine as the ``annals`` command-line tool, as a library::

    import annals

    doc = annals.tag("On June 1, 1920 the fleet arrived. Three days later it left.")
    [t["value"] for t in doc["timexes"]]          # ['1920-06-01', '1920-06-04']

    tl = annals.timeline([pathlib.Path("chapters/")])   # one merged timeline of a folder
    df = annals.timeline(pathlib.Path("chapters/"), as_frame=True)  # … as a pandas DataFrame

What a document is given as:

* a ``str`` is the text itself (never read as a file name);
* a ``(name, text)`` tuple is a text with a name for ``file``/``sources``;
* a ``pathlib.Path`` (any ``os.PathLike``) is a file read from disk, its format from its
  extension (``.txt``, ``.md``, ``.html``, ``.tml``), or a folder walked for such files.

Results are plain dicts and lists shaped exactly like the CLI's JSON (``docs/json-schema.md``,
``docs/timeline-json.md``); ``as_frame=True`` gives pandas DataFrames instead (pandas is then
needed). The work runs with the GIL released. Errors: ``OSError`` for files that cannot be
read, :class:`AnnalsError` (a ``ValueError``) for invalid input, with the CLI's messages.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, Iterable, Optional, Sequence, Union

from . import _annals
from ._annals import AnnalsError, __version__

if TYPE_CHECKING:  # pragma: no cover
    import pandas

__all__ = [
    "AnnalsError",
    "__version__",
    "tag",
    "tag_many",
    "entities",
    "timeline",
    "timexes_frame",
    "entities_frame",
    "timeline_frame",
]

Source = Union[str, "os.PathLike[str]", "tuple[str, str]"]

#: The CLI's default ``--max-bytes``: larger documents are refused by name.
DEFAULT_MAX_BYTES = 256 * 1024 * 1024


def _as_list(sources: Union[Source, Iterable[Source]]) -> list:
    """One source or many: a lone str, tuple or path is a list of one."""
    if isinstance(sources, (str, tuple, os.PathLike)):
        return [sources]
    return list(sources)


def tag(
    source: Source,
    *,
    dct: Optional[str] = None,
    mode: Optional[str] = None,
    julian_until: Optional[str] = None,
    events: bool = False,
    format: str = "text",
    lossy: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    as_frame: bool = False,
) -> Union[dict, "pandas.DataFrame"]:
    """Find and normalise the time expressions (TIMEX3) of one document.

    Returns the object ``annals tag --format json`` prints: ``file``, ``dct``, ``mode`` and
    ``timexes`` (each with ``tid``, ``start``/``end`` byte offsets into the text, ``text``,
    ``type``, ``value``, and ``mod``/``quant``/``freq``/``calendar``/``original`` when set,
    ``anchoring``, ``rule``), plus ``events`` when ``events=True``.

    dct: the document creation date, ``YYYY-MM-DD`` (a TimeML input's DCT is read otherwise).
    mode: ``"news"`` (relative dates count from the DCT) or ``"narrative"`` (from the story's
        last date); by default news when there is a DCT, else narrative.
    julian_until: read unmarked day dates before this Gregorian day as Julian (Old Style).
    format: how a ``str`` is read: ``"text"``, ``"timeml"``, ``"markdown"`` or ``"html"``
        (a path's format comes from its extension).
    lossy: replace invalid UTF-8 in files with U+FFFD instead of raising.
    as_frame: a DataFrame with one row per time expression instead.
    """
    (doc,) = _annals.tag_many(
        [source],
        dct=dct,
        mode=mode,
        julian_until=julian_until,
        events=events,
        format=format,
        lossy=lossy,
        max_bytes=max_bytes,
        threads=1,
    )
    return timexes_frame([doc]) if as_frame else doc


def tag_many(
    sources: Iterable[Source],
    *,
    dct: Optional[str] = None,
    mode: Optional[str] = None,
    julian_until: Optional[str] = None,
    events: bool = False,
    format: str = "text",
    lossy: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    threads: Optional[int] = None,
    as_frame: bool = False,
) -> Union[list, "pandas.DataFrame"]:
    """:func:`tag` over many documents in parallel (``threads``: all cores by default).

    Returns one result per source, in order; the first failure raises. ``as_frame=True``
    gives one DataFrame of every time expression with a ``doc`` column (the source's position)
    and a ``file`` column.
    """
    docs = _annals.tag_many(
        _as_list(sources),
        dct=dct,
        mode=mode,
        julian_until=julian_until,
        events=events,
        format=format,
        lossy=lossy,
        max_bytes=max_bytes,
        threads=threads,
    )
    return timexes_frame(docs) if as_frame else docs


def entities(
    source: Source,
    *,
    authority: Optional[Union[str, "os.PathLike[str]"]] = None,
    format: str = "text",
    lossy: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    as_frame: bool = False,
) -> Union[dict, "pandas.DataFrame"]:
    """People, places and organisations of one document, with alias clusters and coordinates.

    Returns the object ``annals entities --format json`` prints: ``file`` and ``entities``
    (each with ``name``, ``type`` PER/LOC/ORG/NORP/FAC, ``confidence``, ``links``, ``mentions`` with
    byte spans, and ``place`` with coordinates for places found in the gazetteer).

    authority: a TOML or CSV file of canonical names and aliases that overrides the automatic
        clusters (see ``annals entities --help``).
    as_frame: a DataFrame with one row per mention instead (the CLI's CSV columns).
    """
    doc = _annals.entities(
        source,
        authority=None if authority is None else os.fspath(authority),
        format=format,
        lossy=lossy,
        max_bytes=max_bytes,
    )
    return entities_frame(doc) if as_frame else doc


def timeline(
    sources: Union[Source, Iterable[Source]],
    *,
    dct: Optional[str] = None,
    mode: Optional[str] = None,
    julian_until: Optional[str] = None,
    authority: Optional[Union[str, "os.PathLike[str]"]] = None,
    date_from: Optional[str] = None,
    date_to: Optional[str] = None,
    who: Optional[str] = None,
    where: Optional[str] = None,
    min_confidence: float = 0.0,
    all: bool = False,  # noqa: A002 (the CLI's --all)
    format: str = "text",
    lossy: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    threads: Optional[int] = None,
    as_frame: bool = False,
) -> Union[dict, "pandas.DataFrame"]:
    """What happened, in order: one merged timeline of one or many documents.

    Returns the object ``annals timeline --format json`` prints (version 3, see
    ``docs/timeline-json.md``): ``sources`` and ``entries``, each entry with its date
    (``value``, ``start``, ``end``, ``granularity``, ``mod``), head ``event``, ``summary``,
    ``actors``, ``places``, ``sentence``, ``source``, ``span``, ``confidence``, and the other
    mentions it was merged with. Folders are walked as the CLI walks them; unnamed texts are
    ``text-1``, ``text-2``, … in ``sources``.

    date_from, date_to: keep entries overlapping this range (``YYYY``, ``YYYY-MM`` or
        ``YYYY-MM-DD``; ``date_to`` includes its whole year, month or day).
    who, where: keep entries with an actor / a place whose name contains this text.
    min_confidence: keep entries at least this confident (a calibrated probability that the
        date is right).
    all: keep every dated sentence as an entry, not only those that report a happening
        (states, plans and commentary that inherit the story's date are left out by default).
    threads: documents analysed in parallel (all cores by default).
    as_frame: a DataFrame with one row per entry instead (the CLI's CSV columns).
    """
    result = _annals.timeline(
        _as_list(sources),
        dct=dct,
        mode=mode,
        julian_until=julian_until,
        authority=None if authority is None else os.fspath(authority),
        date_from=date_from,
        date_to=date_to,
        who=who,
        place=where,
        min_confidence=min_confidence,
        all=all,
        format=format,
        lossy=lossy,
        max_bytes=max_bytes,
        threads=threads,
    )
    return timeline_frame(result) if as_frame else result


# --- pandas views -------------------------------------------------------------------------
# Dates stay ISO strings: pandas timestamps cannot hold years before 1677, which histories need.

TIMEX_COLUMNS = [
    "doc", "file", "tid", "start", "end", "text", "type", "value", "mod", "quant", "freq",
    "anchoring", "rule", "calendar", "original",
]  # fmt: skip


def _pandas() -> Any:
    try:
        import pandas
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError("as_frame=True needs pandas: pip install pandas") from e
    return pandas


def timexes_frame(docs: Sequence[dict]) -> "pandas.DataFrame":
    """One row per time expression of ``tag``/``tag_many`` results."""
    rows = [
        {"doc": i, "file": d["file"], **{k: t.get(k) for k in TIMEX_COLUMNS[2:]}}
        for i, d in enumerate(docs)
        for t in d["timexes"]
    ]
    return _pandas().DataFrame(rows, columns=TIMEX_COLUMNS)


ENTITY_COLUMNS = ["file", "entity", "type", "confidence", "mention", "start", "end", "lat", "lon"]


def entities_frame(doc: dict) -> "pandas.DataFrame":
    """One row per mention of an ``entities`` result (the CLI's CSV columns)."""
    rows = []
    for e in doc["entities"]:
        place = e.get("place") or {}
        for m in e["mentions"]:
            rows.append(
                {
                    "file": doc["file"],
                    "entity": e["name"],
                    "type": e["type"],
                    "confidence": e["confidence"],
                    "mention": m["text"],
                    "start": m["span"]["start"],
                    "end": m["span"]["end"],
                    "lat": place.get("lat"),
                    "lon": place.get("lon"),
                }
            )
    return _pandas().DataFrame(rows, columns=ENTITY_COLUMNS)


TIMELINE_COLUMNS = [
    "id", "value", "mod", "type", "granularity", "start", "end", "text", "event",
    "event_class", "summary", "actors", "places", "ordering", "sentence", "source",
    "span_start", "span_end", "anchoring", "how", "confidence", "mentions", "also",
]  # fmt: skip


def entry_row(entry: dict) -> dict:
    """One timeline entry flattened into the CLI's CSV columns; actors, places and the other
    sources (``also``) stay lists."""
    event = entry.get("event") or {}
    ordering = entry.get("ordering")
    return {
        "id": entry["id"],
        "value": entry["value"],
        "mod": entry["mod"],
        "type": entry["type"],
        "granularity": entry["granularity"],
        "start": entry["start"],
        "end": entry["end"],
        "text": entry["text"],
        "event": event.get("text"),
        "event_class": event.get("class"),
        "summary": entry.get("summary"),
        "actors": [a["name"] for a in entry["actors"]],
        "places": [p["name"] for p in entry["places"]],
        "ordering": None if not ordering else f"{ordering['kind']} {ordering['event']}",
        "sentence": entry["sentence"],
        "source": entry["source"],
        "span_start": entry["span"]["start"],
        "span_end": entry["span"]["end"],
        "anchoring": entry["anchoring"],
        "how": entry.get("how"),
        "confidence": entry["confidence"],
        "mentions": entry["mentions"],
        "also": [a["source"] for a in entry.get("also", [])],
    }


def timeline_frame(result: dict) -> "pandas.DataFrame":
    """One row per entry of a ``timeline`` result (the CLI's CSV columns)."""
    rows = [entry_row(e) for e in result["entries"]]
    return _pandas().DataFrame(rows, columns=TIMELINE_COLUMNS)
