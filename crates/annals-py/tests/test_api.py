"""The Python API: the reference document's expectations (the same as the CLI's acceptance tests
in crates/annals/tests/timeline_gilan.rs), parity with the CLI's JSON, frames, errors, threads."""

from __future__ import annotations

import json
import pathlib
import threading
import time

import pytest

import annals
from conftest import REFERENCE, REPO, json_stream, run_cli, shared

# value, mod, a word of the summary, actors and places the entry must name (as in
# timeline_gilan.rs: what the timeline issue lists for the reference document).
GILAN = [
    ("1919-FA", None, "plans", ["Trotsky"], []),
    ("1920", "START", "wrote", ["Frunze"], []),
    ("1920-SP", None, "Soviet power", [], ["Azerbaijan"]),
    ("1920-04", None, "rebellion", ["Hiabani"], ["Gilan"]),
    ("1920-05-17", None, "flotilla", ["Raskolnikov", "Ordzhonikidze"], ["Baku", "Enzeli"]),
    ("1920-06-04", None, "occupied", ["Tunb Khan"], ["Rasht"]),
    ("1920-06-05", None, "proclaimed", [], []),
    ("1920-08-01", None, "captured", ["Red Army"], ["Manjil"]),
    ("1921-03", None, "Treaty", [], ["RSFSR", "Persia"]),
    ("1921-07", None, "withdrawal", [], ["Persia"]),
]


def names(people: list) -> str:
    # Matched like the CLI's --who/--where: against canonical names and spellings in the text.
    return " | ".join(f"{p['name']} {p['text']}" for p in people).lower()


def find(entries: list, value: str, mod, word: str) -> int:
    for i, e in enumerate(entries):
        if (
            e["value"] == value
            and e["mod"] == mod
            and e["how"] != "inherited"
            and word in e["summary"]
        ):
            return i
    near = [e["summary"] for e in entries if e["value"] == value]
    raise AssertionError(f"no {value} {mod} entry with {word!r}; entries of that date: {near}")


@pytest.fixture(scope="module")
def gilan_timeline():
    return annals.timeline(REFERENCE)


def test_every_listed_happening_is_dated_with_its_actors_and_places(gilan_timeline):
    entries = gilan_timeline["entries"]
    for value, mod, word, actors, places in GILAN:
        e = entries[find(entries, value, mod, word)]
        for a in actors:
            assert a.lower() in names(e["actors"]), (value, a, e["actors"])
        for p in places:
            assert p.lower() in names(e["places"]), (value, p, e["places"])
        assert e["event"] is not None and e["summary"]
        assert e["confidence"] >= 0.7, (value, e["confidence"])


def test_the_listed_happenings_come_in_chronological_order(gilan_timeline):
    entries = gilan_timeline["entries"]
    positions = [find(entries, v, m, w) for v, m, w, _, _ in GILAN]
    assert positions == sorted(positions)
    keys = [tuple(e["sort_key"]) for e in entries]
    assert keys == sorted(keys)


def test_relative_dates_are_anchored_to_the_story():
    doc = annals.tag("On June 1, 1920 the fleet arrived. Three days later it left. A day later, rain.")
    assert [(t["text"], t["value"]) for t in doc["timexes"]] == [
        ("June 1, 1920", "1920-06-01"),
        ("Three days later", "1920-06-04"),
        ("A day later", "1920-06-05"),
    ]
    assert doc["mode"] == "narrative" and doc["dct"] is None


def test_news_mode_counts_from_the_document_date():
    doc = annals.tag("Officials said yesterday the talks would resume next year.", dct="1998-03-04")
    assert doc["mode"] == "news"
    assert [t["value"] for t in doc["timexes"]] == ["1998-03-03", "1999"]
    narrative = annals.tag("He arrived in 1920. Two years later he left.", mode="narrative")
    assert narrative["timexes"][1]["value"] == "1922"


def test_tag_is_the_cli_json_exactly(reference_text):
    cli = json.loads(run_cli("tag", "--format", "json", "--events", str(REFERENCE)))
    py = annals.tag(REFERENCE, events=True)
    assert py == cli
    # A string of the same text gives the same timexes and events (only `file` differs).
    from_text = annals.tag(reference_text, events=True)
    assert from_text["file"] == "-"
    assert from_text["timexes"] == cli["timexes"] and from_text["events"] == cli["events"]
    assert list(py) == list(cli), "keys in the CLI's order"


def test_timeml_input_reads_its_document_date():
    folder = shared("timeml", "tbaq-cleaned", "TimeBank")
    path = sorted(folder.glob("*.tml"))[0]
    cli = json.loads(run_cli("tag", "--format", "json", str(path)))
    by_path = annals.tag(path)
    by_text = annals.tag(path.read_text(encoding="utf-8"), format="timeml")
    assert by_path["dct"] is not None and by_path["mode"] == "news"
    assert by_path["timexes"] == cli["timexes"] == by_text["timexes"]


def test_timeline_is_the_cli_json_exactly(gilan_timeline):
    cli = json.loads(run_cli("timeline", "--format", "json", str(REFERENCE)))
    assert gilan_timeline == cli


def test_timeline_filters_match_the_cli():
    args = ["--who", "Khan", "--from", "1920-06", "--to", "1920", "--min-confidence", "0.6"]
    cli = json.loads(run_cli("timeline", "--format", "json", *args, str(REFERENCE)))
    py = annals.timeline(
        REFERENCE, who="Khan", date_from="1920-06", date_to="1920", min_confidence=0.6
    )
    assert py == cli and py["entries"]
    assert all(e["start"] >= "1920-06" for e in py["entries"])


def test_timeline_all_is_the_cli_all():
    cli = json.loads(run_cli("timeline", "--format", "json", "--all", str(REFERENCE)))
    py = annals.timeline(REFERENCE, all=True)
    assert py == cli
    # Every dated sentence: more entries than the happenings alone, some marked as no happening.
    assert len(py["entries"]) > len(annals.timeline(REFERENCE)["entries"])
    assert any(e["happening"] is False for e in py["entries"])


def test_entities_are_the_cli_json_exactly():
    cli = json.loads(run_cli("entities", "--format", "json", str(REFERENCE)))
    py = annals.entities(REFERENCE)
    assert py == cli
    # Spellings of one place or person share a cluster; places carry coordinates.
    spellings = {e["name"]: {m["text"] for m in e["mentions"]} for e in py["entities"]}
    assert {"Enzeli", "Anzali"} <= spellings["Bandar-e Anzalī"]
    assert {"Trotsky", "Leon Trotsky"} <= spellings["Leon Trotsky"]
    rasht = next(e for e in py["entities"] if e["name"] == "Rasht")
    assert rasht["type"] == "LOC" and 37 < rasht["place"]["lat"] < 38


def test_the_same_event_in_two_sources_is_one_entry_with_both():
    tl = annals.timeline(
        [
            ("a.txt", "On 4 June 1920 the insurgents occupied Rasht. The Shah fled."),
            ("b.txt", "Kuchik Khan's men occupied Rasht on 4 June 1920, after a short fight."),
            ("c.txt", "On 4 June 1920 the British occupied Baku."),
        ]
    )
    assert [s["path"] for s in tl["sources"]] == ["a.txt", "b.txt", "c.txt"]
    rasht = [
        e
        for e in tl["entries"]
        if e["event"] and e["event"]["lemma"] == "occupy" and "Rasht" in names(e["places"]).title()
    ]
    assert len(rasht) == 1
    assert rasht[0]["source"] == "a.txt" and [a["source"] for a in rasht[0]["also"]] == ["b.txt"]
    assert any(e["source"] == "c.txt" and "baku" in names(e["places"]) for e in tl["entries"])


def test_unnamed_texts_are_numbered_and_folders_walked(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "one.txt").write_text("On 4 June 1920 the insurgents occupied Rasht.")
    (tmp_path / "two.md").write_text("# Notes\n\nIn March 1921 a treaty was signed in Moscow.")
    (tmp_path / "ignored.csv").write_text("On 1 May 1900 nothing.")
    tl = annals.timeline([tmp_path, "In 1919 the war went on."])
    paths = [s["path"] for s in tl["sources"]]
    assert paths == [str(tmp_path / "sub" / "one.txt"), str(tmp_path / "two.md"), "text-3"]


def test_frames():
    pd = pytest.importorskip("pandas")
    tl = annals.timeline(REFERENCE, as_frame=True)
    assert isinstance(tl, pd.DataFrame)
    cli_rows = run_cli("timeline", "--format", "csv", str(REFERENCE)).splitlines()
    assert list(tl.columns) == cli_rows[0].split(",")
    assert len(tl) == len(annals.timeline(REFERENCE)["entries"])
    rasht = tl[(tl.value == "1920-06-04") & tl.places.apply(lambda p: "Rasht" in p)]
    assert len(rasht) >= 1
    tx = annals.tag_many([REFERENCE, "In 1919 it rained."], as_frame=True)
    assert list(tx.doc.unique()) == [0, 1]
    assert tx[tx.doc == 1].value.tolist() == ["1919"]
    ents = annals.entities(REFERENCE, as_frame=True)
    assert {"entity", "mention", "start", "end", "lat", "lon"} <= set(ents.columns)
    assert ents[ents.entity == "Rasht"].lat.notna().all()


def test_tag_many_in_parallel_equals_one_at_a_time(reference_text):
    texts = [reference_text[i:] for i in range(0, 4000, 500)]
    assert annals.tag_many(texts, threads=2) == [annals.tag(t) for t in texts]
    assert annals.tag_many(texts) == annals.tag_many(texts, threads=1)


def test_errors_carry_the_cli_messages(tmp_path):
    with pytest.raises(OSError, match="no-such-file.txt"):
        annals.tag(tmp_path / "no-such-file.txt")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"In 1920 \xff the war.")
    with pytest.raises(annals.AnnalsError, match=r"bad.txt: invalid UTF-8 at byte 8"):
        annals.tag(bad)
    assert annals.tag(bad, lossy=True)["timexes"][0]["value"] == "1920"
    with pytest.raises(annals.AnnalsError, match="1920-13-01"):
        annals.tag("x", dct="1920-13-01")
    with pytest.raises(ValueError, match="mode must be"):
        annals.tag("x", mode="sometimes")
    with pytest.raises(ValueError, match="format must be"):
        annals.tag("x", format="pdf")
    with pytest.raises(TypeError, match="got bytes"):
        annals.tag(b"In 1920")
    with pytest.raises(annals.AnnalsError, match="not valid TimeML"):
        annals.tag("<TimeML><TEXT>unclosed", format="timeml")
    with pytest.raises(annals.AnnalsError, match="ends before it starts"):
        annals.timeline("In 1920.", date_from="1921", date_to="1920")
    with pytest.raises(annals.AnnalsError, match="larger than the limit"):
        annals.tag("In 1920 the war.", max_bytes=4)
    assert issubclass(annals.AnnalsError, ValueError)


def test_the_gil_is_released_while_working(reference_text):
    big = reference_text * 60  # about 1 MB: long enough for the other thread to run a while
    done = threading.Event()
    ticks = 0

    def work():
        annals.tag_many([big], events=True, threads=1)
        done.set()

    t = threading.Thread(target=work)
    t.start()
    time.sleep(0.01)
    started = time.perf_counter()
    while not done.is_set():
        ticks += 1
    elapsed = time.perf_counter() - started
    t.join()
    # Holding the GIL, the worker would freeze this loop for the whole call (a handful of ticks
    # at its ends); released, the loop spins freely: millions of ticks a second.
    assert elapsed > 0.05, "the call was too short to tell"
    assert ticks / elapsed > 100_000, (ticks, elapsed)


def test_version_and_stubs():
    assert annals.__version__ == run_cli("--version").split()[-1]
    pkg = pathlib.Path(annals.__file__).parent
    assert (pkg / "py.typed").exists() and (pkg / "_annals.pyi").exists()
    assert annals.timeline.__doc__ and "timeline" in annals.timeline.__doc__
    assert REPO.exists()
