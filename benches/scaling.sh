#!/usr/bin/env bash
# Whole-command throughput of `annals timeline` with start-up included, on one and on two cores,
# over a corpus of N copies of a ~1 MB file (the reference document repeated):
#
#   bash benches/scaling.sh [N_FILES]        (default 8)
#
# Runs each configuration three times with /usr/bin/time -v and prints the best wall time, MB/s
# and peak RSS. Threads are set with RAYON_NUM_THREADS (annals uses rayon across documents).
# Scaling is the 1-thread time over the 2-thread time; on an otherwise idle 2-core machine the
# ideal is 2.0. Quote it with the machine's load (printed), since shared machines are noisy.
set -euo pipefail
n=${1:-8}
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/target/release/annals"
cargo build --release -q -p annals-cli --manifest-path "$root/Cargo.toml"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$root/examples/gilan-1920.txt" "$work/one.txt" <<'PY'
import sys
text = open(sys.argv[1], encoding="utf-8").read()
open(sys.argv[2], "w", encoding="utf-8").write((text + "\n\n") * (1_000_000 // len(text) + 1))
PY
mkdir "$work/corpus"
for i in $(seq 1 "$n"); do cp "$work/one.txt" "$work/corpus/doc$i.txt"; done
bytes=$(cat "$work/corpus"/*.txt | wc -c)
echo "corpus: $n files, $bytes bytes; load: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
run() {
    local threads=$1 best="" rss=""
    for _ in 1 2 3; do
        RAYON_NUM_THREADS=$threads /usr/bin/time -v "$bin" timeline --format json "$work/corpus" \
            >/dev/null 2>"$work/time.txt"
        local secs kb
        secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {split($2, t, ":"); s = 0; for (i = 1; i <= length(t); i++) s = s * 60 + t[i]; print s}' "$work/time.txt")
        kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
        if [ -z "$best" ] || awk "BEGIN {exit !($secs < $best)}"; then best=$secs; rss=$kb; fi
    done
    echo "$threads $best $rss"
}
one=$(run 1)
two=$(run 2)
read -r _ t1 r1 <<<"$one"
read -r _ t2 r2 <<<"$two"
awk -v b="$bytes" -v t1="$t1" -v t2="$t2" -v r1="$r1" -v r2="$r2" 'BEGIN {
    printf "1 thread : %6.2f s  %6.2f MB/s  peak RSS %d MB\n", t1, b / t1 / 1e6, r1 / 1024
    printf "2 threads: %6.2f s  %6.2f MB/s  peak RSS %d MB\n", t2, b / t2 / 1e6, r2 / 1024
    printf "scaling  : %.2fx\n", t1 / t2
}'
