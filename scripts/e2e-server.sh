#!/usr/bin/env bash
# The server the browser tests run against: the release binary on a fresh SQLite file in a
# temporary directory, seeded with the demo data. Started and stopped by Playwright.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${1:-3100}
data=$(mktemp -d -t convene-e2e.XXXXXX)
trap 'rm -rf "$data"' EXIT
export CONVENE_DATA_DIR="$data" CONVENE_ADDR="127.0.0.1:$port" CONVENE_SITE_ROOT=target/site
target/release/convene seed --scale demo >/dev/null
target/release/convene serve
