#!/usr/bin/env bash
# Every test Convene has, in the order that fails fastest: formatting, clippy, unit tests,
# the integration suite on SQLite and (with CONVENE_TEST_POSTGRES_URL) on PostgreSQL, the
# release build with its bundle checks, and the end-to-end suite in Chromium.
#
#   CONVENE_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/postgres  run on PostgreSQL too
#   CONVENE_TEST_REQUIRE_POSTGRES=1   fail unless the PostgreSQL suite actually ran (CI sets it)
#   --only-e2e                   only the release build and the browser tests
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
started=$SECONDS
only_e2e=false
[ "${1:-}" = "--only-e2e" ] && only_e2e=true

bash scripts/install-tools.sh --test

if ! $only_e2e; then
  step "Formatting (cargo fmt --check)"
  cargo fmt --all -- --check

  step "Clippy, warnings denied: server side"
  cargo clippy -p domain -p services -p app -p server --all-targets --features app/ssr -- -D warnings
  step "Clippy, warnings denied: browser side (wasm32)"
  cargo clippy -p frontend --target wasm32-unknown-unknown -- -D warnings

  step "Unit tests (domain, services, app)"
  # The domain alone, as the browser builds it (without its `server` feature).
  cargo test -p domain
  cargo test -p services
  cargo test -p app --features ssr --lib

  step "Integration tests on SQLite"
  CONVENE_TEST_DATABASE=sqlite cargo test -p server

  if [ -n "${CONVENE_TEST_POSTGRES_URL:-}" ]; then
    step "Integration tests on PostgreSQL"
    log=$(mktemp)
    CONVENE_TEST_DATABASE=postgres cargo test -p server --test api 2>&1 | tee "$log"
    passed=$(sed -n 's/^test result: ok\. \([0-9]*\) passed.*/\1/p' "$log" | tail -1)
    rm -f "$log"
    if [ -z "$passed" ] || [ "$passed" -eq 0 ]; then
      echo "error: the PostgreSQL suite ran no test" >&2
      exit 1
    fi
    echo "PostgreSQL suite: $passed tests passed."
  elif [ -n "${CONVENE_TEST_REQUIRE_POSTGRES:-}" ]; then
    echo "error: CONVENE_TEST_REQUIRE_POSTGRES is set but CONVENE_TEST_POSTGRES_URL is not" >&2
    exit 1
  else
    echo "(CONVENE_TEST_POSTGRES_URL is not set: the PostgreSQL suite is skipped)"
  fi
fi

step "Release build (server + wasm bundle)"
cargo leptos build --release --precompress --split
bash scripts/check-bundle.sh

step "End-to-end tests in Chromium"
(cd end2end && npx playwright test)

echo
echo "All checks passed in $(( (SECONDS - started) / 60 )) min $(( (SECONDS - started) % 60 )) s."
