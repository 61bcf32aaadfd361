"""PySpark in local mode: the TBAQ-cleaned and WikiWars training texts through the helper give
exactly the timexes the CLI gives on the same files; the merged timeline aggregates sources."""

from __future__ import annotations

import os
import sys

import pytest

from conftest import REFERENCE, json_stream, require, run_cli, shared

require("pyspark")
require("pyarrow")

from annals import spark as annals_spark  # noqa: E402  (needs pyspark)

FIELDS = ["tid", "start", "end", "type", "value", "mod", "quant", "freq", "anchoring", "rule"]


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    # The executors' Python must be this one (where annals is installed).
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    session = (
        SparkSession.builder.master("local[2]")
        .appName("annals tests")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .getOrCreate()
    )
    yield session
    session.stop()


def local_path(uri: str) -> str:
    return uri[len("file:") :].lstrip("/") if uri.startswith("file:") else uri


def cli_timexes(folder, *mode) -> dict:
    docs = json_stream(run_cli("tag", "--format", "json", *mode, str(folder)))
    return {
        os.path.realpath(d["file"]): [(t["text"], *[t.get(f) for f in FIELDS]) for t in d["timexes"]]
        for d in docs
    }


def spark_timexes(spark, folder, mode=None) -> dict:
    docs = annals_spark.read_documents(spark, str(folder))
    rows = annals_spark.tag_column(docs, "text", keep=["path"], format_col="format", mode=mode)
    out: dict = {}
    for r in rows.collect():
        out.setdefault(os.path.realpath("/" + local_path(r["path"])), []).append(
            (r["timex"], *[r[f] for f in FIELDS])
        )
    for v in out.values():
        v.sort(key=lambda t: int(t[1][1:]))  # by tid number: Spark does not keep row order
    return out


@pytest.mark.parametrize(
    "corpus, mode",
    [(("timeml", "tbaq-cleaned"), None), (("timeml", "wikiwars-train"), "narrative")],
    ids=["tbaq-cleaned", "wikiwars-train"],
)
def test_spark_gets_exactly_the_cli_timexes(spark, corpus, mode):
    folder = shared(*corpus)
    cli = cli_timexes(folder, *(["--mode", mode] if mode else []))
    got = spark_timexes(spark, folder, mode)
    assert len(cli) >= 16, "the corpus was read"
    # Documents without any time expression have no rows in Spark's output.
    cli_nonempty = {k: v for k, v in cli.items() if v}
    assert sorted(got) == sorted(cli_nonempty)
    differing = [k for k in cli_nonempty if got[k] != cli_nonempty[k]]
    assert not differing, f"{len(differing)} documents differ, e.g. {differing[:3]}"
    total = sum(len(v) for v in got.values())
    assert total > 500, total


def test_merged_timeline_joins_the_same_event_across_documents(spark):
    rows = [
        ("a.txt", "On 4 June 1920 the insurgents occupied Rasht. The Shah fled."),
        ("b.txt", "Kuchik Khan's men occupied Rasht on 4 June 1920, after a short fight."),
        ("c.txt", "In March 1921 a treaty was signed in Moscow."),
        ("d.txt", REFERENCE.read_text(encoding="utf-8")),
    ]
    docs = spark.createDataFrame(rows, ["path", "text"])
    entries = annals_spark.timeline_column(docs, "text", name_col="path", keep=["path"])
    merged = annals_spark.merged_timeline(entries).collect()
    occupy = [r for r in merged if r["value"] == "1920-06-04" and r["lemma"] == "occupy"]
    assert len(occupy) == 1
    assert occupy[0]["sources"] == ["a.txt", "b.txt", "d.txt"]
    assert occupy[0]["mentions"] == 3 and "Rasht" in occupy[0]["places"]
    keys = [(r["sort_start"], r["sort_end"]) for r in merged]
    assert keys == sorted(keys), "chronological"
    # Per document, the entries are the Python API's (and so the CLI's) entries.
    import annals

    d_entries = [r for r in entries.collect() if r["path"] == "d.txt"]
    api = annals.timeline([("d.txt", rows[3][1])])["entries"]
    assert sorted(r["id"] for r in d_entries) == sorted(e["id"] for e in api)
