#!/usr/bin/env python3
"""Tag documents with Duckling (PyPI pyduckling-native-phihos), as TimeML TIMEX3 for te3.py.

usage: duckling_peer.py [--mode narrative|news] [--dct YYYY-MM-DD] --out-dir DIR INPUT...

Dimensions `time` and `duration`, locale EN, time zone UTC. The reference time is the DCT
(00:00 UTC) in news mode; in narrative mode there is no DCT and Duckling gets the current
clock (it has no story anchoring either way). Conversion to TIMEX3:
  time, grain year/quarter/month/week/day -> type DATE, value YYYY / YYYY-Qn / YYYY-MM /
        YYYY-Www (ISO week) / YYYY-MM-DD;
  time, grain hour/minute/second -> type TIME, value YYYY-MM-DDTHH / THH:MM / THH:MM:SS;
  time intervals ("from 1918 to 1920") -> the `from` end (else `to`) at its grain, type DATE/TIME;
  duration -> type DURATION, value P<n>Y/M/W/D or PT<n>H/M/S (quarter -> P<3n>M).
Latent matches (Duckling's guesses, e.g. a bare number read as a year) are dropped.
Each non-blank line is parsed on its own.
"""
import datetime
import sys
import time as _time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from peer_common import lines, main  # noqa: E402

import duckling  # noqa: E402

TZ = LOC = DIMS = None
NOW = int(_time.time())
CTX_CACHE = {}


def setup():
    global TZ, LOC, DIMS
    TZ = duckling.load_time_zones("/usr/share/zoneinfo")
    LOC = duckling.default_locale_lang(duckling.parse_lang("EN"))
    DIMS = duckling.parse_dimensions(["time", "duration"])


def context(dct):
    if dct not in CTX_CACHE:
        ts = NOW if dct is None else int(datetime.datetime.strptime(dct, "%Y-%m-%d")
                                         .replace(tzinfo=datetime.timezone.utc).timestamp())
        CTX_CACHE[dct] = duckling.Context(duckling.parse_ref_time(TZ, "UTC", ts), LOC)
    return CTX_CACHE[dct]


def time_value(v, grain):
    d = datetime.datetime.fromisoformat(v[:19])
    if grain == "year":
        return "DATE", f"{d.year:04d}"
    if grain == "quarter":
        return "DATE", f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
    if grain == "month":
        return "DATE", f"{d.year:04d}-{d.month:02d}"
    if grain == "week":
        y, w, _ = d.isocalendar()
        return "DATE", f"{y:04d}-W{w:02d}"
    if grain == "day":
        return "DATE", d.strftime("%Y-%m-%d")
    if grain == "hour":
        return "TIME", d.strftime("%Y-%m-%dT%H")
    if grain == "minute":
        return "TIME", d.strftime("%Y-%m-%dT%H:%M")
    return "TIME", d.strftime("%Y-%m-%dT%H:%M:%S")


DUR = {"year": "P{}Y", "month": "P{}M", "week": "P{}W", "day": "P{}D",
       "hour": "PT{}H", "minute": "PT{}M", "second": "PT{}S"}


def convert(r):
    v = r["value"]
    if r["dim"] == "duration":
        unit, n = v.get("unit"), v.get("value")
        if unit == "quarter":
            unit, n = "month", n * 3
        if unit not in DUR:
            return None
        if isinstance(n, float) and n.is_integer():
            n = int(n)
        return {"type": "DURATION", "value": DUR[unit].format(n)}
    if v.get("type") == "interval":
        end = v.get("from") or v.get("to")
        if not end:
            return None
        t, val = time_value(end["value"], end["grain"])
    else:
        t, val = time_value(v["value"], v["grain"])
    return {"type": t, "value": val}


def tag(text, dct, mode):
    ctx = context(dct)
    spans = []
    for off, line in lines(text):
        for r in duckling.parse(line, ctx, DIMS, False):
            if r.get("latent"):
                continue
            s, e = r["start"], r["end"]
            if line[s:e] != r["body"]:  # offsets are characters; guard anyway
                i = line.find(r["body"])
                if i < 0:
                    continue
                s, e = i, i + len(r["body"])
            try:
                attrs = convert(r)
            except (KeyError, ValueError, TypeError):
                attrs = None
            if attrs:
                spans.append((off + s, off + e, attrs))
    return spans


if __name__ == "__main__":
    main(__doc__.split("\n")[1], tag, setup)
