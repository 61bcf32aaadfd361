"""annals over Spark DataFrames: tagging and timelines per document, and the corpus-wide
merged timeline as Spark aggregations.

    from annals import spark as annals_spark
    docs = annals_spark.read_documents(spark, "archive/")      # path, text
    timexes = annals_spark.tag_column(docs, "text")             # a row per time expression
    entries = annals_spark.timeline_column(docs, "text", name_col="path")
    merged = annals_spark.merged_timeline(entries)              # the corpus timeline
    merged.write.parquet("out/timeline.parquet")

Each function returns a new DataFrame and runs lazily like any Spark transformation. The work
is done by ``mapInPandas`` in the executors' Python workers: ``import annals`` happens once per
worker, and the engine's models are loaded once per worker process on first use and then reused
for every batch (Spark reuses Python workers, ``spark.python.worker.reuse``, on by default), so
there is no per-row start-up. Each worker uses one thread; Spark's tasks give the parallelism.

Offsets (``start``, ``end``, ``span_start``, ``span_end``) are UTF-8 byte offsets into the text,
as in the CLI; dates are ISO strings (Spark dates cannot hold every historical value annals
writes: ``1919-FA``, ``192``, ``BC0044``).
"""

from __future__ import annotations

from typing import Callable, Iterable, Iterator, List, Optional, Sequence

import pandas as pd
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql import types as T

TIMEX_FIELDS = [
    ("tid", T.StringType()),
    ("start", T.LongType()),
    ("end", T.LongType()),
    ("timex", T.StringType()),
    ("type", T.StringType()),
    ("value", T.StringType()),
    ("mod", T.StringType()),
    ("quant", T.StringType()),
    ("freq", T.StringType()),
    ("anchoring", T.StringType()),
    ("rule", T.StringType()),
    ("calendar", T.StringType()),
    ("original", T.StringType()),
]

ENTRY_FIELDS = [
    ("id", T.StringType()),
    ("value", T.StringType()),
    ("mod", T.StringType()),
    ("type", T.StringType()),
    ("granularity", T.StringType()),
    ("start", T.StringType()),
    ("end", T.StringType()),
    ("sort_start", T.LongType()),
    ("sort_end", T.LongType()),
    ("text", T.StringType()),
    ("event", T.StringType()),
    ("lemma", T.StringType()),
    ("event_class", T.StringType()),
    ("summary", T.StringType()),
    ("actors", T.ArrayType(T.StringType())),
    ("places", T.ArrayType(T.StringType())),
    ("ordering", T.StringType()),
    ("sentence", T.StringType()),
    ("source", T.StringType()),
    ("span_start", T.LongType()),
    ("span_end", T.LongType()),
    ("anchoring", T.StringType()),
    ("how", T.StringType()),
    ("confidence", T.DoubleType()),
]


def read_documents(
    spark: SparkSession, path: str, pattern: str = "*.{txt,md,html,htm,tml}"
) -> DataFrame:
    """A folder of documents (subfolders too) as a DataFrame with ``path`` and ``text``, one row
    per file, the whole file in ``text`` and its format in ``format`` (from the extension)."""
    df = (
        spark.read.option("recursiveFileLookup", True)
        .option("pathGlobFilter", pattern)
        # wholetext only works as an argument: as an option() it is ignored (a row per line).
        .text(path, wholetext=True)
        .select(F.input_file_name().alias("path"), F.col("value").alias("text"))
    )
    ext = F.lower(F.regexp_extract("path", r"\.([A-Za-z]+)$", 1))
    return df.withColumn(
        "format",
        F.when(ext == "tml", "timeml")
        .when(ext == "md", "markdown")
        .when(ext.isin("html", "htm"), "html")
        .otherwise("text"),
    )


def _kept(df: DataFrame, text_col: str, keep: Optional[Sequence[str]]) -> List[T.StructField]:
    names = [c for c in df.columns if c != text_col] if keep is None else list(keep)
    return [df.schema[n] for n in names]


def _value(row: pd.Series, col: Optional[str], default: Optional[str]) -> Optional[str]:
    if col is None:
        return default
    v = row[col]
    return None if pd.isna(v) else str(v)


def _per_document(
    df: DataFrame,
    text_col: str,
    keep: Optional[Sequence[str]],
    fields: List[tuple],
    rows_of: Callable[[object, pd.Series, str], Iterable[dict]],
) -> DataFrame:
    """The rows ``rows_of(index, row, text)`` makes of each document, each with the ``keep``
    columns of its input row, through ``mapInPandas`` (rows without text give none)."""
    kept = _kept(df, text_col, keep)
    kept_names = [f.name for f in kept]
    schema = T.StructType(kept + [T.StructField(n, t) for n, t in fields])
    columns = [f.name for f in schema.fields]

    def run(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for pdf in batches:
            rows = []
            for i, row in pdf.iterrows():
                text = row[text_col]
                if text is None or (not isinstance(text, str) and pd.isna(text)):
                    continue
                base = {n: row[n] for n in kept_names}
                rows.extend({**base, **out} for out in rows_of(i, row, text))
            # Only the schema's columns are kept, in its order.
            yield pd.DataFrame(rows, columns=columns)

    return df.mapInPandas(run, schema)


def tag_column(
    df: DataFrame,
    text_col: str = "text",
    *,
    keep: Optional[Sequence[str]] = None,
    dct_col: Optional[str] = None,
    format_col: Optional[str] = None,
    mode: Optional[str] = None,
    format: str = "text",
) -> DataFrame:
    """One row per time expression of every document in ``text_col``.

    keep: input columns carried into each output row (all but the text by default).
    dct_col: a column of document dates (``YYYY-MM-DD``); a TimeML text's own DCT otherwise.
    format_col: a column naming each text's format (as :func:`read_documents` makes it);
        ``format`` for all rows otherwise.
    The timex columns are those of ``annals tag --format json`` (its ``text`` is ``timex``).
    """

    def timexes(_i: object, row: pd.Series, text: str) -> Iterable[dict]:
        import annals

        doc = annals.tag(
            text,
            dct=_value(row, dct_col, None),
            mode=mode,
            format=_value(row, format_col, format),
        )
        for t in doc["timexes"]:
            yield {**{n: t.get(n) for n, _ in TIMEX_FIELDS}, "timex": t["text"]}

    return _per_document(df, text_col, keep, TIMEX_FIELDS, timexes)


def timeline_column(
    df: DataFrame,
    text_col: str = "text",
    *,
    name_col: Optional[str] = None,
    keep: Optional[Sequence[str]] = None,
    dct_col: Optional[str] = None,
    format_col: Optional[str] = None,
    mode: Optional[str] = None,
    format: str = "text",
) -> DataFrame:
    """One row per timeline entry of every document (each document's own timeline).

    name_col: the column naming each document (its ``source``), e.g. ``path``.
    The entry columns are the CLI's CSV columns, plus ``lemma`` (the head event's lemma) and
    ``sort_start``/``sort_end`` (day numbers that order entries); :func:`merged_timeline` joins
    the entries of many documents.
    """

    def entries(i: object, row: pd.Series, text: str) -> Iterable[dict]:
        import annals

        tl = annals.timeline(
            [(_value(row, name_col, f"row-{i}"), text)],
            dct=_value(row, dct_col, None),
            mode=mode,
            format=_value(row, format_col, format),
            threads=1,
        )
        for e in tl["entries"]:
            out = annals.entry_row(e)
            out["lemma"] = (e.get("event") or {}).get("lemma")
            out["sort_start"], out["sort_end"] = e["sort_key"]
            yield out

    return _per_document(df, text_col, keep, ENTRY_FIELDS, entries)


def merged_timeline(entries: DataFrame) -> DataFrame:
    """The corpus-wide timeline: entries of :func:`timeline_column` that tell the same event
    joined by a Spark aggregation, in chronological order.

    Entries are the same event when they share the dates (``sort_start``, ``sort_end``,
    ``value``, ``mod``) and the head event's lemma; entries without an event are never joined
    across sentences. Unlike the CLI's merge, a shared participant is not required (it is not
    an equality a ``groupBy`` can test), so two same-day "attacks" by different armies in
    different documents become one entry listing both sources and all their actors.

    Columns: the dates, ``event``, ``lemma``, ``event_class``, ``summary``, ``sentence`` and
    ``source`` of the most confident mention, ``confidence`` (the highest), ``actors`` and
    ``places`` (all of them), ``sources`` (every document), ``mentions`` (how many entries were
    joined).
    """
    key = F.coalesce(
        F.col("lemma"),
        F.concat_ws("#", F.lit("sentence"), F.col("source"), F.col("span_start").cast("string")),
    )
    best = lambda c: F.max_by(F.col(c), F.col("confidence")).alias(c)  # noqa: E731
    return (
        entries.withColumn("_key", key)
        .groupBy("sort_start", "sort_end", "value", "mod", "_key")
        .agg(
            F.first("type").alias("type"),
            F.first("granularity").alias("granularity"),
            F.first("start").alias("start"),
            F.first("end").alias("end"),
            F.first("lemma").alias("lemma"),
            best("event"),
            best("event_class"),
            best("text"),
            best("summary"),
            best("sentence"),
            best("source"),
            F.max("confidence").alias("confidence"),
            F.array_sort(F.array_distinct(F.flatten(F.collect_list("actors")))).alias("actors"),
            F.array_sort(F.array_distinct(F.flatten(F.collect_list("places")))).alias("places"),
            F.array_sort(F.collect_set("source")).alias("sources"),
            F.count(F.lit(1)).alias("mentions"),
        )
        .drop("_key")
        .orderBy("sort_start", "sort_end", "value", "source")
    )
