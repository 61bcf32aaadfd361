"""Documents per second through the Spark helpers in local mode, with the CLI on the same files
and the same number of cores for comparison, in the same run.

    python crates/annals-py/benches/spark_docs.py [--master local[2]] [--copies C]

The corpus is the TBAQ-cleaned TimeML files from ../shared/data (256 news articles), copied C
times (default 4) into a temporary folder. Spark reads it with `read_documents`, then each helper
runs to completion into Spark's `noop` sink (every row computed, nothing written):
`tag_column` (a row per time expression) and `timeline_column` (a row per entry). Session start
and a warm-up job (which starts the Python workers and loads the models) are not counted. The
CLI runs `annals tag` (one thread: it is sequential) and `annals timeline` (RAYON_NUM_THREADS
set to the master's cores) over the same folder, start-up included.
"""

from __future__ import annotations

import argparse
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import time

REPO = pathlib.Path(__file__).resolve().parents[3]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--master", default="local[2]")
    ap.add_argument("--copies", type=int, default=4)
    args = ap.parse_args()
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)

    from pyspark.sql import SparkSession

    from annals import spark as annals_spark

    source = REPO.parent / "shared" / "data" / "timeml" / "tbaq-cleaned"
    files = sorted(source.rglob("*.tml"))
    cores = int(re.search(r"\[(\d+)\]", args.master).group(1)) if "[" in args.master else os.cpu_count()
    cli = os.environ.get("ANNALS_CLI", str(REPO / "target" / "release" / "annals"))
    with tempfile.TemporaryDirectory() as tmp:
        corpus = pathlib.Path(tmp) / "corpus"
        corpus.mkdir()
        for c in range(args.copies):
            for f in files:
                shutil.copy(f, corpus / f"{c}-{f.name}")
        n = len(list(corpus.iterdir()))
        mb = sum(p.stat().st_size for p in corpus.iterdir()) / 1e6
        spark = (
            SparkSession.builder.master(args.master)
            .appName("annals bench")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .getOrCreate()
        )
        docs = annals_spark.read_documents(spark, str(corpus)).cache()
        docs.count()
        # Warm-up: Python workers started, models loaded.
        annals_spark.timeline_column(docs.limit(8), "text", format_col="format").write.format("noop").mode(
            "overwrite"
        ).save()
        load = " ".join(open("/proc/loadavg").read().split()[:3])
        print(f"corpus: {n} TimeML files, {mb:.1f} MB; master {args.master}; load {load}")
        print(f"{'job':<10} {'Spark s':>8} {'docs/s':>8} {'MB/s':>6}   {'CLI s':>6} {'docs/s':>8}  {'Spark/CLI':>9}")
        for what, helper in (("tag", annals_spark.tag_column), ("timeline", annals_spark.timeline_column)):
            t0 = time.perf_counter()
            helper(docs, "text", format_col="format").write.format("noop").mode("overwrite").save()
            spark_s = time.perf_counter() - t0
            env = dict(os.environ, RAYON_NUM_THREADS=str(cores))
            t0 = time.perf_counter()
            subprocess.run([cli, what, "--format", "json", str(corpus)], env=env, check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            cli_s = time.perf_counter() - t0
            print(f"{what:<10} {spark_s:>8.2f} {n / spark_s:>8.1f} {mb / spark_s:>6.2f}   {cli_s:>6.2f} "
                  f"{n / cli_s:>8.1f}  {cli_s / spark_s:>9.2f}")
        spark.stop()


if __name__ == "__main__":
    main()
