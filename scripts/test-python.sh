#!/usr/bin/env bash
# The Python package's tests (crates/annals-py): build the wheel with maturin, install it with
# its extras (pandas, pyarrow, spaCy, PySpark) in a virtual environment, run pytest.
#
#   bash scripts/test-python.sh [pytest args…]
#
# The environment is target/py-venv (ANNALS_PY_VENV to choose another); it is made on the first
# run and reused. The Spark tests need Java 17 (on the machine). The tests compare with the CLI,
# so the CLI is built first (debug, as `cargo test` builds it).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
venv=${ANNALS_PY_VENV:-$root/target/py-venv}
target=${CARGO_TARGET_DIR:-$root/target}

if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
# pandas < 3: PySpark 4.3 does not support pandas 3 yet (it warns, and mapInPandas is affected).
"$venv/bin/pip" install -q --disable-pip-version-check \
    "maturin>=1.9,<2" "pytest>=7" "pandas>=1.5,<3" "pyarrow>=10" "pyspark>=3.5" "spacy>=3.5"

cargo build -q -p annals-cli
rm -rf "$target/wheels"
"$venv/bin/maturin" build --release --quiet -m crates/annals-py/Cargo.toml -o "$target/wheels"
"$venv/bin/pip" install -q --disable-pip-version-check --force-reinstall --no-deps "$target"/wheels/annals-*.whl

# Run from outside the source tree so that `import annals` is the installed wheel, not
# crates/annals-py/python.
cd "$root/crates/annals-py/tests"
ANNALS_PY_REQUIRE_ALL=${ANNALS_PY_REQUIRE_ALL:-1} ANNALS_CLI="$target/debug/annals" \
    PYSPARK_PYTHON="$venv/bin/python" "$venv/bin/python" -m pytest -q "$@" .
