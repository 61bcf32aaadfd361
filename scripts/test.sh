#!/usr/bin/env bash
# Every test: the Rust workspace (unit, integration, data-driven tables, quality gates on the
# dev sets) and the Python package (API, spaCy component, PySpark in local mode).
#
#   bash scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --workspace
bash scripts/test-python.sh
