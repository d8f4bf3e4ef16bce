#!/usr/bin/env bash
# The server the browser tests run against: the release binary on a fresh SQLite file in a
# temporary directory, seeded with the demo data. Playwright starts it and stops it with
# SIGTERM; the server drains and the temporary directory is removed.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${1:-3100}
# The tests read the mail the server writes and the demo passwords from this directory.
data=${E2E_DATA_DIR:-$(mktemp -d -t convene-e2e.XXXXXX)}
rm -rf "$data" && mkdir -p "$data"
# Every test signs in from 127.0.0.1: the per-address login limit would stop the suite.
export CONVENE_DATA_DIR="$data" CONVENE_ADDR="127.0.0.1:$port" CONVENE_SITE_ROOT=target/site \
  CONVENE_LOGIN_IP_FAILURES=1000
target/release/convene seed --scale demo >"$data/seed.txt"
target/release/convene serve &
server=$!
stop() { kill -TERM "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$data"; }
trap stop EXIT TERM INT
wait "$server"
