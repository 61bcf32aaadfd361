#!/usr/bin/env bash
# Build the cargo-fuzz targets in fuzz/ and, when cargo-fuzz is installed, fuzz each for a while.
#
#   scripts/fuzz-smoke.sh [SECONDS_PER_TARGET]     (default 60)
#
# Building needs only stable Rust and a C++ compiler (libfuzzer-sys compiles libFuzzer). Fuzzing
# needs `cargo install cargo-fuzz`. It runs without a sanitizer by default because AddressSanitizer
# needs nightly `-Z` flags and the library has no unsafe code: what we hunt is panics, arithmetic
# overflow (cargo-fuzz builds with debug assertions) and hangs, which need no sanitizer. To use
# ASan anyway: FUZZ_SANITIZER=address with a nightly toolchain (or RUSTC_BOOTSTRAP=1).
#
# A crash stops the script with cargo-fuzz's report; the input is saved under
# fuzz/artifacts/TARGET/ and can be replayed with `cargo fuzz run TARGET fuzz/artifacts/TARGET/…`.
set -euo pipefail

secs=${1:-60}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root/fuzz"

echo "== building fuzz targets (cargo build)"
cargo build --bins

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "== cargo-fuzz is not installed (cargo install cargo-fuzz): targets built, not run"
    exit 0
fi

sanitizer=${FUZZ_SANITIZER:-none}
for target in read_and_tag segment; do
    corpus="corpus/$target"
    mkdir -p "$corpus"
    # Seed with real inputs so the fuzzer starts from text, TimeML and markup, not from nothing.
    seeds=()
    # (../shared/data/timeml is the TimeML corpus checked out beside the repository, if present.)
    for dir in "$root/examples" "$root/crates/annals/tests/testdata" "$root/../shared/data/timeml"; do
        [ -d "$dir" ] && seeds+=("$dir")
    done
    echo "== fuzzing $target for ${secs}s (sanitizer: $sanitizer)"
    # -timeout: an input taking over 10 s is a hang (for instance quadratic work) and a failure.
    cargo fuzz run --sanitizer "$sanitizer" "$target" "$corpus" "${seeds[@]}" -- \
        -max_total_time="$secs" -max_len=16384 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
done
echo "== fuzzing found no crash"
