#!/usr/bin/env bash
# Quick start: install what is missing, build the release app, create and seed
# ./data/convene.db when it is empty, and serve on http://127.0.0.1:3000.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

bash scripts/install-tools.sh
# cargo-leptos re-optimises the wasm on every build (about 20 s); skip it when no input
# changed since the last successful build.
stamp=target/.release-build-stamp
if [ -f "$stamp" ] && [ -x target/release/convene ] && [ -z "$(find app frontend server style public \
     migrations Cargo.toml Cargo.lock rust-toolchain.toml -newer "$stamp" -print -quit)" ]; then
  step "The release build is up to date"
else
  step "Building the release app (the first build takes several minutes)"
  cargo leptos build --release --precompress --split
  touch "$stamp"
fi
step "Migrating and seeding the database (demo data only goes into an empty database)"
target/release/convene seed --scale demo
step "Serving on ${CONVENE_BASE_URL:-http://${CONVENE_ADDR:-127.0.0.1:3000}} (Ctrl-C stops)"
exec target/release/convene serve
