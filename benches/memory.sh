#!/usr/bin/env bash
# benches/memory.sh — peak memory of annals over a large corpus (issue 9: under 500 MB over
# 100 MB of text).
#
# usage: benches/memory.sh [--gb] [--files N] [--file-bytes N] [--limit-mb N] [--no-build] [--keep]
#
#   CARGO_TARGET_DIR=/work/target-hard benches/memory.sh          # 100 MB: 1,000 files of 100 KB
#   CARGO_TARGET_DIR=/work/target-hard benches/memory.sh --gb     # 1 GB: 10,000 files of 100 KB
#
# What it does
#   1. cargo build --release -p annals-cli (skip with --no-build); annals is
#      $CARGO_TARGET_DIR/release/annals (default <repo>/target).
#   2. Writes the corpus into a temp folder: each file is the sentences of
#      examples/gilan-1920.txt shuffled (seeded, so every run writes the same bytes) and
#      repeated to --file-bytes, in paragraphs of five sentences.
#   3. Runs, one at a time, under /usr/bin/time -v (apt-get install -y time if it is missing):
#        annals tag --format json --out-dir OUT DIR
#        annals timeline --format json DIR      (output to /dev/null)
#        annals entities --format json DIR      (output to /dev/null)
#      and prints wall time, throughput and peak RSS (maximum resident set size) for each.
#   4. Exits non-zero if a command failed or its peak RSS is over --limit-mb (default 500).
#
# The temp folder is removed at the end unless --keep is given.

set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
files=1000
file_bytes=100000
limit_mb=500
build=1
keep=0

while [[ $# -gt 0 ]]; do
    case "$1" in
        --gb) files=10000 ;;
        --files) files="$2"; shift ;;
        --file-bytes) file_bytes="$2"; shift ;;
        --limit-mb) limit_mb="$2"; shift ;;
        --no-build) build=0 ;;
        --keep) keep=1 ;;
        -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
        *) echo "memory.sh: unknown argument $1" >&2; exit 2 ;;
    esac
    shift
done

if [[ ! -x /usr/bin/time ]]; then
    echo "memory.sh: /usr/bin/time is missing; installing it (apt-get install -y time)" >&2
    apt-get install -y time >/dev/null
fi

target="${CARGO_TARGET_DIR:-$repo/target}"
if [[ $build == 1 ]]; then
    (cd "$repo" && cargo build --release -p annals-cli)
fi
annals="$target/release/annals"
[[ -x $annals ]] || { echo "memory.sh: $annals not found (build it or drop --no-build)" >&2; exit 1; }

work="$(mktemp -d "${TMPDIR:-/tmp}/annals-memory.XXXXXX")"
if [[ $keep == 0 ]]; then
    trap 'rm -rf "$work"' EXIT
fi
corpus="$work/corpus"
mkdir -p "$corpus"

echo "memory.sh: writing $files files of about $file_bytes bytes into $corpus" >&2
python3 - "$repo/examples/gilan-1920.txt" "$corpus" "$files" "$file_bytes" <<'EOF'
import os, random, re, sys
src, out, files, size = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
text = open(src, encoding="utf-8").read()
sentences = [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if s.strip()]
rng = random.Random(9)
for i in range(files):
    parts, n = [], 0
    while n < size:
        order = sentences[:]
        rng.shuffle(order)
        for j in range(0, len(order), 5):
            para = " ".join(order[j:j + 5])
            parts.append(para)
            n += len(para.encode("utf-8")) + 2
            if n >= size:
                break
    with open(os.path.join(out, f"doc{i:05d}.txt"), "w", encoding="utf-8") as f:
        f.write("\n\n".join(parts) + "\n")
EOF
total_bytes=$(du -sb "$corpus" | cut -f1)
total_mb=$(awk -v b="$total_bytes" 'BEGIN { printf "%.1f", b / 1e6 }')
echo "memory.sh: corpus $total_mb MB in $files files" >&2

status=0
results=()
measure() {
    local name="$1"; shift
    local log="$work/$name.time"
    local rc=0
    /usr/bin/time -v -o "$log" "$@" >/dev/null 2>"$work/$name.stderr" || rc=$?
    local kb wall secs mb rate verdict
    kb=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$log")
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { print $2 }' "$log")
    # h:mm:ss or m:ss.ss -> seconds
    secs=$(awk -v t="$wall" 'BEGIN { n = split(t, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%.1f", s }')
    mb=$(awk -v k="$kb" 'BEGIN { printf "%.0f", k / 1024 }')
    rate=$(awk -v b="$total_bytes" -v s="$secs" 'BEGIN { if (s > 0) printf "%.2f", b / 1e6 / s; else print "-" }')
    verdict=ok
    if [[ $rc != 0 ]]; then
        verdict="FAILED (exit $rc, see below)"
        status=1
        tail -5 "$work/$name.stderr" >&2
    elif (( mb > limit_mb )); then
        verdict="OVER ${limit_mb} MB"
        status=1
    fi
    results+=("$(printf '%-40s %8s s %8s MB/s %8s MB  %s' "$name" "$secs" "$rate" "$mb" "$verdict")")
    echo "memory.sh: $name: ${secs} s, peak RSS ${mb} MB ($verdict)" >&2
}

measure "tag --format json --out-dir" "$annals" tag --format json --out-dir "$work/out" "$corpus"
measure "timeline --format json" "$annals" timeline --format json "$corpus"
measure "entities --format json" "$annals" entities --format json "$corpus"

echo
echo "annals peak memory over $total_mb MB ($files files of about $file_bytes bytes), limit $limit_mb MB"
echo "machine: $(nproc) cores, $(uname -m), $(awk '/MemTotal/ { printf "%.1f GB RAM", $2 / 1048576 }' /proc/meminfo)"
printf '%-40s %10s %13s %11s\n' "command" "wall" "throughput" "peak RSS"
for r in "${results[@]}"; do
    echo "$r"
done
exit $status
