#!/usr/bin/env bash
# Load on `annals serve`: 200 concurrent API clients on loopback for 60 s (wrk, from Debian's
# package `wrk`), spread over the API's read endpoints, with the server's memory sampled every
# second to show whether it stays flat.
#
#   bash benches/serve-load.sh [--db corpus.db] [--seconds 60] [--clients 200]
#
# Without --db the server holds the bundled reference document. Prints wrk's latency
# distribution (p50, p99), requests/s, non-2xx responses and socket errors, and the server's
# resident memory at start, at the peak and at the end.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
db="" seconds=60 clients=200
while [ $# -gt 0 ]; do
    case $1 in
        --db) db=$2; shift 2 ;;
        --seconds) seconds=$2; shift 2 ;;
        --clients) clients=$2; shift 2 ;;
        *) echo "unknown argument $1" >&2; exit 2 ;;
    esac
done
command -v wrk >/dev/null || { echo "needs wrk: apt-get install wrk" >&2; exit 2; }
cargo build --release -q -p annals-cli --manifest-path "$root/Cargo.toml"
work=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; rm -rf "$work"' EXIT
args=(serve --port 0)
[ -n "$db" ] && args+=(--db "$db")
"$root/target/release/annals" "${args[@]}" >"$work/serve.out" 2>&1 &
pid=$!
for _ in $(seq 1 100); do grep -q serving "$work/serve.out" 2>/dev/null && break; sleep 0.1; done
url=$(grep -o 'http://[^ ]*' "$work/serve.out")
# Each connection walks through the read endpoints in turn (a user browsing).
cat >"$work/mix.lua" <<'LUA'
local paths = {
  "/api/timeline", "/api/timeline?where=Rasht", "/api/timeline?from=1920-06&to=1920-08",
  "/api/places", "/api/entities?type=PER", "/api/entities/LOC%3ARasht",
  "/api/search?q=Manjil", "/api/documents/1", "/api/documents", "/",
}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
LUA
rss() { awk '/VmRSS/ {print $2}' "/proc/$pid/status"; }
echo "server $url (pid $pid); load $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
curl -s "$url/api/timeline" >/dev/null   # the view is built once before the clock starts
start_rss=$(rss)
( while kill -0 $pid 2>/dev/null; do rss; sleep 1; done ) >"$work/rss.txt" &
sampler=$!
wrk -t2 -c"$clients" -d"${seconds}s" --timeout 10s --latency -s "$work/mix.lua" "$url" | tee "$work/wrk.txt"
kill $sampler 2>/dev/null || true
end_rss=$(rss)
peak=$(sort -n "$work/rss.txt" | tail -1)
echo "server RSS: start $((start_rss / 1024)) MB, peak $((peak / 1024)) MB, end $((end_rss / 1024)) MB"
echo "RSS every 10 s (MB): $(awk 'NR % 10 == 1 {printf "%d ", $1 / 1024}' "$work/rss.txt")"
