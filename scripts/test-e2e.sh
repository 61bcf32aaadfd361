#!/usr/bin/env bash
# Browser end-to-end tests of `annals serve` (crates/annals-server/e2e): headless Debian
# Chromium driven by playwright-core. Screenshots go to target/e2e-artifacts/.
#
#   bash scripts/test-e2e.sh
#
# Needs Chromium at /usr/bin/chromium and Node.js with npm. When Chromium is missing and this
# runs as root on Debian, it installs Debian's package (the one set-up step a fresh machine needs).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
if [ ! -x /usr/bin/chromium ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        apt-get update -qq && apt-get install -y -qq chromium >/dev/null
    else
        echo "scripts/test-e2e.sh: needs /usr/bin/chromium (as root: apt-get install chromium)" >&2
        exit 1
    fi
fi
target=${CARGO_TARGET_DIR:-$root/target}
cargo build -q -p annals-cli
(cd crates/annals-server/e2e && npm ci --silent --no-audit --no-fund)
mkdir -p "$target/e2e-artifacts"
node crates/annals-server/e2e/run.mjs --bin "$target/debug/annals" --out "$target/e2e-artifacts"
