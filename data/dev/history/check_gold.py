#!/usr/bin/env python3
"""Check a gold happenings file against its text (see GUIDELINES.md)."""
import json, re, sys

VALUE = re.compile(r"^(BC)?(\d{4}(-(\d{2}(-\d{2}(T(MO|MI|AF|EV|NI|DT|\d{2}(:\d{2})?))?)?|SP|SU|FA|WI|Q[1-4]|H[12]|W\d{2}))?|\d{2,3}|XXXX-\d{2}(-\d{2})?)$")
MODS = {"BEFORE", "AFTER", "START", "MID", "END", "APPROX", "ON_OR_BEFORE", "ON_OR_AFTER"}

def main(text_path, gold_path):
    text = open(text_path, encoding="utf-8").read()
    bad = 0
    n = own = 0
    for i, line in enumerate(open(gold_path, encoding="utf-8"), 1):
        if not line.strip():
            continue
        try:
            g = json.loads(line)
        except Exception as e:
            print(f"line {i}: bad JSON: {e}"); bad += 1; continue
        def err(msg):
            nonlocal bad
            bad += 1
            print(f"line {i}: {msg}: {line.strip()[:160]}")
        for f in ("document", "sentence", "event", "own_date", "note"):
            if f not in g:
                err(f"missing {f}")
        s = g.get("sentence", "")
        c = text.count(s)
        if c != 1:
            err(f"sentence occurs {c} times")
        if g.get("event", "") not in s:
            err("event not inside sentence")
        vals = [g.get("value"), g.get("start"), g.get("end")]
        if g.get("value") is None and (g.get("start") is None or g.get("end") is None):
            err("needs value or start+end")
        for v in vals:
            if v is not None and not VALUE.match(v):
                err(f"bad value {v!r}")
            # Three digits are a decade (192 = the 1920s), two a century: a value after today is
            # a year written without its leading zero (write 0913 for the year 913).
            if v is not None and re.fullmatch(r"\d{3}", v) and int(v) > 203:
                err(f"{v!r} is the decade {v}0s; write a year of three digits as 0{v}")
            if v is not None and re.fullmatch(r"\d{2}", v) and int(v) > 20:
                err(f"{v!r} is the century {v}00s; write a year of two digits as 00{v}")
        if g.get("mod") is not None and g["mod"] not in MODS:
            err(f"bad mod {g['mod']!r}")
        if not isinstance(g.get("own_date"), bool):
            err("own_date must be true/false")
        n += 1
        own += bool(g.get("own_date"))
    words = len(text.split())
    print(f"{gold_path}: {n} happenings, {n-own} without own date ({(n-own)/max(n,1):.0%}); text {words} words; {bad} problems")
    return 1 if bad else 0

if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
