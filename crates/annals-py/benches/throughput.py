"""Throughput of annals from Python against the CLI, on one core, in the same run.

    python crates/annals-py/benches/throughput.py [--files N] [--kb K] [--repeat R]

Builds a corpus of N plain-text files of about K KB each (the reference document repeated),
then times, each in a fresh process pinned to core 0 (taskset) with one worker thread:

* the CLI: `annals tag --format json DIR` and `RAYON_NUM_THREADS=1 annals timeline --format
  json DIR`, wall time including start-up and model loading, output to /dev/null;
* Python: `annals.tag_many(paths, threads=1)` and `annals.timeline(paths, threads=1)`, from the
  first call (so model loading counts, as it does for the CLI) to the last result converted to
  Python objects; interpreter start-up and `import annals` are not counted.

Prints the best of R runs for each, MB/s, peak RSS (from /usr/bin/time -v) and the ratio of
Python's throughput to the CLI's. The CLI binary is ANNALS_CLI or target/release/annals.
"""

from __future__ import annotations

import argparse
import os
import pathlib
import re
import subprocess
import sys
import tempfile

REPO = pathlib.Path(__file__).resolve().parents[3]

PY_RUN = r"""
import pathlib, sys, time
import annals
paths = sorted(pathlib.Path(sys.argv[1]).glob("*.txt"))
what = sys.argv[2]
t0 = time.perf_counter()
if what == "tag":
    out = annals.tag_many(paths, threads=1)
    n = sum(len(d["timexes"]) for d in out)
else:
    out = annals.timeline(paths, threads=1)
    n = len(out["entries"])
print(f"ELAPSED {time.perf_counter() - t0:.4f} ITEMS {n}")
"""


def measure(cmd: list, env: dict) -> tuple:
    """(seconds, peak RSS in MB, stdout) of one pinned run."""
    full = ["taskset", "-c", "0", "/usr/bin/time", "-v", *cmd]
    p = subprocess.run(full, env=env, capture_output=True, text=True, check=True)
    wall = re.search(r"Elapsed \(wall clock\) time.*: (.+)", p.stderr).group(1)
    secs = 0.0
    for part in wall.strip().split(":"):
        secs = secs * 60 + float(part)
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr).group(1)) / 1024
    inner = re.search(r"ELAPSED ([\d.]+)", p.stdout)
    return (float(inner.group(1)) if inner else secs), rss, p.stdout


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--files", type=int, default=20)
    ap.add_argument("--kb", type=int, default=250)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    cli = os.environ.get("ANNALS_CLI", str(REPO / "target" / "release" / "annals"))
    text = (REPO / "examples" / "gilan-1920.txt").read_text(encoding="utf-8")
    one = (text + "\n\n") * (args.kb * 1024 // len(text) + 1)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = pathlib.Path(tmp)
        for i in range(args.files):
            (corpus / f"doc{i:04}.txt").write_text(one, encoding="utf-8")
        mb = sum(p.stat().st_size for p in corpus.glob("*.txt")) / 1e6
        env = dict(os.environ, RAYON_NUM_THREADS="1")
        load = open("/proc/loadavg").read().split()[:3]
        print(f"corpus: {args.files} files, {mb:.2f} MB; load {' '.join(load)}; {os.cpu_count()} cores; "
              f"best of {args.repeat}, pinned to core 0")
        print(f"{'command':<10} {'CLI MB/s':>9} {'CLI RSS':>8} {'Py MB/s':>9} {'Py RSS':>8} {'Py/CLI':>7}")
        for what in ("tag", "timeline"):
            cli_cmd = [cli, what, "--format", "json", str(corpus)]
            py_cmd = [sys.executable, "-c", PY_RUN, str(corpus), what]
            cli_runs, py_runs = [], []
            for _ in range(args.repeat):
                # Interleaved, so drifts in machine load hit both alike.
                cli_runs.append(measure(cli_cmd, env)[:2])
                py_runs.append(measure(py_cmd, env)[:2])
            c = min(cli_runs)
            p = min(py_runs)
            print(f"{what:<10} {mb / c[0]:>9.2f} {c[1]:>6.0f}MB {mb / p[0]:>9.2f} {p[1]:>6.0f}MB "
                  f"{(mb / p[0]) / (mb / c[0]):>7.2f}")


if __name__ == "__main__":
    main()
