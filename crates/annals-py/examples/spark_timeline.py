"""Read a folder of documents with Spark, tag and timeline every one, write Parquet.

    python crates/annals-py/examples/spark_timeline.py ARCHIVE/ OUT/ [--master local[2]]

Writes OUT/timexes.parquet (a row per time expression), OUT/entries.parquet (a row per
timeline entry of each document) and OUT/timeline.parquet (the corpus-wide merged timeline,
in chronological order), then prints the first entries of the merged timeline.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

from pyspark.sql import SparkSession

from annals import spark as annals_spark


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("input", help="folder of .txt, .md, .html, .htm or .tml files (walked)")
    ap.add_argument("output", help="folder for the Parquet outputs")
    ap.add_argument("--master", default="local[2]", help="Spark master (default local[2])")
    ap.add_argument("--mode", choices=["news", "narrative"], help="anchoring mode for every document")
    ap.add_argument("--show", type=int, default=20, help="merged entries to print (default 20)")
    args = ap.parse_args()
    # Executors' Python workers must be this interpreter (the one annals is installed in), not
    # whatever `python3` is first on PATH.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)

    spark = (
        SparkSession.builder.master(args.master)
        .appName("annals timeline")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate()
    )
    started = time.perf_counter()
    docs = annals_spark.read_documents(spark, args.input).cache()
    n_docs = docs.count()

    timexes = annals_spark.tag_column(docs, "text", keep=["path"], format_col="format", mode=args.mode)
    timexes.write.mode("overwrite").parquet(f"{args.output}/timexes.parquet")

    entries = annals_spark.timeline_column(
        docs, "text", name_col="path", keep=["path"], format_col="format", mode=args.mode
    ).cache()
    entries.write.mode("overwrite").parquet(f"{args.output}/entries.parquet")

    merged = annals_spark.merged_timeline(entries)
    merged.write.mode("overwrite").parquet(f"{args.output}/timeline.parquet")
    elapsed = time.perf_counter() - started

    merged.select("value", "event", "actors", "places", "mentions", "summary").show(
        args.show, truncate=60
    )
    print(
        f"{n_docs} documents, {spark.read.parquet(f'{args.output}/timexes.parquet').count()} time "
        f"expressions, {entries.count()} entries, merged into "
        f"{spark.read.parquet(f'{args.output}/timeline.parquet').count()} in {elapsed:.1f} s"
    )
    spark.stop()


if __name__ == "__main__":
    main()
