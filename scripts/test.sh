#!/usr/bin/env bash
# Every test: the Rust workspace (unit, integration, data-driven tables, quality gates on the
# dev sets), the Python package (API, spaCy component, PySpark in local mode) and the browser
# end-to-end tests of `annals serve` (headless Chromium; needs /usr/bin/chromium).
#
#   bash scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --workspace
bash scripts/test-python.sh
bash scripts/test-e2e.sh
