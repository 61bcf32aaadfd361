#!/usr/bin/env bash
# `annals timeline` throughput on one thread, start-up included, for one or more builds side by
# side in the same run (interleaved, best of three, so a shared machine's load hits all alike):
#
#   bash benches/timeline-throughput.sh [BIN ...]      (default: this checkout's release build)
#
# Corpora: the reference document repeated to 1 MB and 5 MB (one file each), and the history
# development set's texts (data/dev/history, about 0.4 MB in 17+ files). Prints wall time, MB/s
# and peak RSS per build and corpus (/usr/bin/time -v). Issue 19's floor: 2 MB/s on one thread.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
if [ $# -eq 0 ]; then
    cargo build --release -q -p annals-cli --manifest-path "$root/Cargo.toml"
    set -- "$root/target/release/annals"
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$root/examples/gilan-1920.txt" "$work" <<'PY'
import sys
text = open(sys.argv[1], encoding="utf-8").read() + "\n\n"
for mb in (1, 5):
    open(f"{sys.argv[2]}/ref{mb}.txt", "w", encoding="utf-8").write(text * (mb * 1_000_000 // len(text) + 1))
PY
mkdir "$work/history"
cp "$root"/data/dev/history/*/*.txt "$work/history/"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; one thread (RAYON_NUM_THREADS=1, taskset -c 0)"
printf "%-40s %-10s %9s %8s %10s\n" build corpus seconds MB/s "peak MB"
for corpus in "$work/ref1.txt" "$work/ref5.txt" "$work/history"; do
    bytes=$(cat "$corpus" 2>/dev/null | wc -c || true)
    [ -d "$corpus" ] && bytes=$(cat "$corpus"/*.txt | wc -c)
    declare -A best=() rss=()
    for _ in 1 2 3; do
        for bin in "$@"; do
            RAYON_NUM_THREADS=1 taskset -c 0 /usr/bin/time -v "$bin" timeline --format json "$corpus" \
                >/dev/null 2>"$work/time.txt"
            secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {split($2, t, ":"); s = 0; for (i = 1; i <= length(t); i++) s = s * 60 + t[i]; print s}' "$work/time.txt")
            kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
            if [ -z "${best[$bin]:-}" ] || awk "BEGIN {exit !($secs < ${best[$bin]})}"; then
                best[$bin]=$secs
                rss[$bin]=$kb
            fi
        done
    done
    for bin in "$@"; do
        printf "%-40s %-10s %9.2f %8.2f %10.0f\n" "$bin" "$(basename "$corpus")" "${best[$bin]}" \
            "$(awk "BEGIN {print $bytes / 1e6 / ${best[$bin]}}")" "$(awk "BEGIN {print ${rss[$bin]} / 1024}")"
    done
    unset best rss
done
