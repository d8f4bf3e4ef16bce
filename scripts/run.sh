#!/usr/bin/env bash
# Quick start: install what is missing, build the release app, create and seed
# ./data/convene.db when it is empty, and serve on http://127.0.0.1:3000.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

bash scripts/install-tools.sh
step "Building the release app (the first build takes several minutes)"
cargo leptos build --release
step "Migrating and seeding the database (demo data only goes into an empty database)"
target/release/convene seed --scale demo
step "Serving on ${CONVENE_BASE_URL:-http://${CONVENE_ADDR:-127.0.0.1:3000}} (Ctrl-C stops)"
exec target/release/convene serve
