"""Shared fixtures: the repository, the development data beside it, and the CLI to compare with.

The CLI binary is ANNALS_CLI if set, else the newest of target/{release,debug}/annals (built by
`cargo build -p annals-cli` or `cargo test --workspace`). With ANNALS_PY_REQUIRE_ALL=1 (set by
.ci/run) a missing optional extra (spaCy, PySpark) or binary fails the run instead of skipping.
"""

from __future__ import annotations

import json
import os
import pathlib
import subprocess

import pytest

REPO = pathlib.Path(__file__).resolve().parents[3]
SHARED = REPO.parent / "shared" / "data"
REFERENCE = REPO / "examples" / "gilan-1920.txt"
REQUIRE_ALL = os.environ.get("ANNALS_PY_REQUIRE_ALL") == "1"


def require(module: str):
    """Import an optional extra, or skip (fail under ANNALS_PY_REQUIRE_ALL=1)."""
    if REQUIRE_ALL:
        return __import__(module)
    return pytest.importorskip(module)


def cli_path() -> pathlib.Path:
    if os.environ.get("ANNALS_CLI"):
        return pathlib.Path(os.environ["ANNALS_CLI"])
    target = pathlib.Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
    built = [p for p in (target / "release" / "annals", target / "debug" / "annals") if p.exists()]
    if not built:
        if REQUIRE_ALL:
            raise RuntimeError(f"no annals binary under {target}: run cargo build -p annals-cli")
        pytest.skip("the annals CLI is not built")
    return max(built, key=lambda p: p.stat().st_mtime)


def run_cli(*args: str) -> str:
    out = subprocess.run(
        [str(cli_path()), *args], check=True, capture_output=True, text=True, cwd=REPO
    )
    return out.stdout


def json_stream(text: str) -> list:
    """`annals tag --format json` over several files prints one object after another."""
    decoder = json.JSONDecoder()
    out, at = [], 0
    while True:
        while at < len(text) and text[at].isspace():
            at += 1
        if at == len(text):
            return out
        obj, at = decoder.raw_decode(text, at)
        out.append(obj)


@pytest.fixture(scope="session")
def reference_text() -> str:
    return REFERENCE.read_text(encoding="utf-8")


def shared(*parts: str) -> pathlib.Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        if REQUIRE_ALL:
            raise RuntimeError(f"{path} is missing: the development data must be beside the checkout")
        pytest.skip(f"{path} is missing")
    return path
