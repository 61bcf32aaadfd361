#!/usr/bin/env bash
# Build the fuzz targets in fuzz/ with coverage instrumentation and fuzz each for a while.
#
#   scripts/fuzz-smoke.sh [SECONDS_PER_TARGET [TARGET...]]     (default 60 s, every target)
#
# CI runs `scripts/fuzz-smoke.sh 6` (9 targets, about a minute of fuzzing). Long runs (the issue
# asks for 10 minutes a target before a release) are the same command with 600.
#
# Needs only stable Rust and a C++ compiler (libfuzzer-sys compiles libFuzzer): cargo-fuzz is NOT
# needed. The targets are built with plain `cargo build` and the RUSTFLAGS cargo-fuzz would pass
# (SanitizerCoverage so that libFuzzer sees coverage, `--cfg fuzzing`), plus debug assertions and
# overflow checks, since what we hunt is panics, arithmetic overflow and hangs. No sanitizer:
# AddressSanitizer needs nightly and the library has no unsafe code. Each target binary is then
# run directly; a libfuzzer-sys binary takes libFuzzer's flags. The binaries land where
# `cargo fuzz build` puts them (fuzz/target/TRIPLE/release/TARGET), so with cargo-fuzz installed
# `cargo fuzz run TARGET` works as well.
#
# A crash, a hang over the timeout or memory over the limit stops the script with libFuzzer's
# report and a non-zero exit; the input is saved as fuzz/artifacts/TARGET/crash-… (or timeout-…,
# oom-…). Replay it with `fuzz/target/TRIPLE/release/TARGET fuzz/artifacts/TARGET/crash-…`, then
# add it to crates/annals/tests/fuzz_regressions.rs with the fix.
set -euo pipefail

secs=${1:-60}
shift || true
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root/fuzz"

all_targets=(read_txt read_md read_html read_tml tag timeline entities read_and_tag segment)
if [ $# -gt 0 ]; then targets=("$@"); else targets=("${all_targets[@]}"); fi

triple=$(rustc -vV | sed -n 's/^host: //p')
flags=(
    -Cpasses=sancov-module
    -Cllvm-args=-sanitizer-coverage-level=4
    -Cllvm-args=-sanitizer-coverage-inline-8bit-counters
    -Cllvm-args=-sanitizer-coverage-pc-table
    -Cllvm-args=-sanitizer-coverage-trace-compares
    -Cllvm-args=-sanitizer-coverage-stack-depth
    --cfg fuzzing
    -Cdebug-assertions
    -Coverflow-checks
)
echo "== building fuzz targets (instrumented, release, $triple)"
# --target keeps these flags away from build scripts and proc macros.
RUSTFLAGS="${flags[*]}" cargo build --release --bins --target "$triple" \
    --config 'profile.release.debug="line-tables-only"'

# Seeds: real text, TimeML and markup, so the fuzzer does not start from nothing.
# (../shared/data/timeml is the TimeML corpus beside the checkout, if present; libFuzzer reads
# directories recursively and cuts inputs at -max_len.)
seeds=()
for dir in "$root/examples" "$root/crates/annals/tests/testdata" "$root/../shared/data/timeml"; do
    [ -d "$dir" ] && seeds+=("$dir")
done

for target in "${targets[@]}"; do
    case $target in
        tag | timeline | entities | read_and_tag) max_len=4096 ;; # the models are slower
        *) max_len=16384 ;;
    esac
    mkdir -p "corpus/$target" "artifacts/$target"
    echo "== fuzzing $target for ${secs}s"
    # -timeout: an input taking over 30 s is a hang (for instance quadratic work).
    log="artifacts/$target/fuzz.log"
    rc=0
    "target/$triple/release/$target" "corpus/$target" "${seeds[@]}" \
        -max_total_time="$secs" -max_len="$max_len" -timeout=30 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="artifacts/$target/" >"$log" 2>&1 || rc=$?
    # libFuzzer's report without its progress lines.
    grep -vE '^#[0-9]+[[:space:]]+(NEW|REDUCE|pulse)' "$log" || true
    if [ "$rc" -ne 0 ]; then
        echo "== $target failed (exit $rc): the input is in fuzz/artifacts/$target/"
        exit 1
    fi
done
echo "== fuzzing found no crash"
