#!/usr/bin/env python3
"""Tag documents with dateparser's search_dates, written as TimeML TIMEX3 for te3.py.

usage: dateparser_peer.py [--mode narrative|news] [--dct YYYY-MM-DD] --out-dir DIR INPUT...

dateparser (PyPI `dateparser`) finds and normalises dates but has no TimeML types, no durations,
sets or times as such, and no story anchoring. Every match becomes
<TIMEX3 type="DATE" value="YYYY-MM-DD"> (its datetime at day granularity, whatever the
expression's own granularity: "1920" becomes 1920-MM-DD with today's month and day, as
dateparser fills missing parts from the base). Settings: languages=["en"] (no language
detection), RELATIVE_BASE = the DCT in news mode; in narrative mode no base (dateparser then
uses the current clock). Each non-blank line is searched on its own; a match is located in the
line by searching its substring from the end of the previous match.
"""
import datetime
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from peer_common import lines, main  # noqa: E402

from dateparser.search import search_dates  # noqa: E402


def tag(text, dct, mode):
    settings = {}
    if dct:
        settings["RELATIVE_BASE"] = datetime.datetime.strptime(dct, "%Y-%m-%d")
    spans = []
    for off, line in lines(text):
        try:
            found = search_dates(line, languages=["en"], settings=settings) or []
        except Exception as e:  # dateparser raises on some odd inputs; keep going
            print(f"dateparser_peer.py: search_dates failed on a line: {e!r}", file=sys.stderr)
            continue
        cur = 0
        for s, dt in found:
            i = line.find(s, cur)
            if i < 0:
                i = line.find(s)
            if i < 0:
                continue
            cur = i + len(s)
            spans.append((off + i, off + i + len(s), {"type": "DATE", "value": dt.strftime("%Y-%m-%d")}))
    return spans


if __name__ == "__main__":
    main(__doc__.split("\n")[1], tag)
