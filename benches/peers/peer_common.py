"""Shared helpers of the Python peers (dateparser_peer.py, spacy_dates_peer.py, duckling_peer.py).

Inputs are read exactly as /work/shared/tools/te3.py and heideltime_tag.py read them: a .txt
file is the document (no DCT unless --dct); a .tml file's document is the content of <TEXT>
(tags stripped, entities decoded) and its DCT the CREATION_TIME TIMEX3 value. Each input gets
OUT_DIR/<stem>.tml, the same text with the tool's TIMEX3 inline, ready for te3.py.
Documents are cut into lines (at "\\n") and each non-empty line is given to the tool on its
own, with character offsets mapped back; none of these tools is meant for megabyte strings.
"""
import argparse
import re
import sys
import time
from pathlib import Path

ATTR = re.compile(r'(\w+)="([^"]*)"')


def read_tml(path):
    raw = open(path, encoding="utf-8").read()
    m = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S)
    if not m:
        sys.exit(f"{path}: no <TEXT>")
    parts = []
    for tok in re.split(r"(<[^>]+>)", m.group(1)):
        if tok and not tok.startswith("<"):
            parts.append(tok.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
                         .replace("&apos;", "'").replace("&amp;", "&"))
    dct = None
    for tag in re.findall(r"<TIMEX3\b[^>]*>", raw):
        a = dict(ATTR.findall(tag))
        if a.get("functionInDocument") == "CREATION_TIME":
            v = a.get("value", "")
            if re.match(r"\d{4}-\d\d-\d\d", v):
                dct = v[:10]
            break
    return "".join(parts), dct


def collect(inputs):
    files = []
    for p in map(Path, inputs):
        if p.is_dir():
            files += sorted(q for q in p.iterdir() if q.suffix in (".tml", ".txt"))
        elif p.is_file():
            files.append(p)
        else:
            sys.exit(f"no such input: {p}")
    return files


def lines(text):
    """(offset, line) for every non-blank line."""
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            yield pos, line
        pos += len(line) + 1


def xml_escape(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def to_timeml(text, spans, name):
    """spans: (start, end, {attr: value}); overlapping ones after the first are dropped."""
    out, cur, n = [], 0, 0
    for a, b, attrs in sorted(spans, key=lambda s: (s[0], -s[1])):
        if a < cur or b <= a:
            continue
        n += 1
        attrs = {"tid": f"t{n}", **attrs}
        at = "".join(f' {k}="{xml_escape(str(v)).replace(chr(34), "&quot;")}"' for k, v in attrs.items())
        out.append(xml_escape(text[cur:a]))
        out.append(f"<TIMEX3{at}>{xml_escape(text[a:b])}</TIMEX3>")
        cur = b
    out.append(xml_escape(text[cur:]))
    return (f'<?xml version="1.0" ?>\n<TimeML>\n<DOCID>{xml_escape(name)}</DOCID>\n'
            f"<TEXT>{''.join(out)}</TEXT>\n</TimeML>\n")


def main(description, tag_document, setup=None):
    """tag_document(text, dct_or_None, mode) -> spans. Runs the CLI shared by the peers."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("inputs", nargs="+")
    ap.add_argument("--out-dir", required=True)
    ap.add_argument("--mode", choices=["narrative", "news"], default="narrative",
                    help="news: anchor on each file's DCT (or --dct); narrative: no DCT")
    ap.add_argument("--dct", help="YYYY-MM-DD; overrides a .tml file's own DCT")
    args = ap.parse_args()
    t_setup = time.time()
    if setup:
        setup()
    t0 = time.time()
    out = Path(args.out_dir)
    out.mkdir(parents=True, exist_ok=True)
    n_docs = n_tx = n_chars = 0
    for f in collect(args.inputs):
        if f.suffix == ".tml":
            text, dct = read_tml(f)
        else:
            text, dct = f.read_text(encoding="utf-8"), None
        if args.dct:
            dct = args.dct
        if args.mode == "narrative":
            dct = None
        spans = tag_document(text, dct, args.mode)
        (out / (f.stem + ".tml")).write_text(to_timeml(text, spans, f.stem), encoding="utf-8")
        n_docs += 1; n_tx += len(spans); n_chars += len(text)
    print(f"{Path(sys.argv[0]).name}: {n_docs} documents, {n_chars} characters, {n_tx} TIMEX3 "
          f"in {time.time() - t0:.2f} s (after {t0 - t_setup:.2f} s of set-up)", file=sys.stderr)
