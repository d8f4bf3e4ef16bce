#!/usr/bin/env bash
# Checks the browser bundle: it must not link server-only crates, and the code a first visit
# downloads (the islands' JavaScript and WebAssembly, one bundle for every page) must stay
# within the attendee pages' budget: 150 KB brotli. Prints the sizes every run.
# `end2end/tests/downloads.spec.ts` checks what each page type really fetches.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

BUDGET_BROTLI_BYTES=150000

step "Checking that the wasm bundle links no server-only crate"
# tokio may come in for its channels alone (the IndexedDB crate of the check-in app uses
# them); its runtime, network, files or timers would mean server code got in.
forbidden='^(services|sqlx|sqlx-core|libsqlite3-sys|argon2|lettre|mio|axum|leptos_axum|hyper) '
deps=$(cargo tree -p frontend --target wasm32-unknown-unknown -e normal --prefix none --format '{p}' | sort -u)
if bad=$(grep -E "$forbidden" <<<"$deps"); then
  echo "error: the wasm bundle depends on server-only crates:" >&2
  echo "$bad" >&2
  exit 1
fi
tokio_features=$(cargo tree -p frontend --target wasm32-unknown-unknown -e normal,features --prefix none \
  | grep -oE '^tokio feature "[a-z-]+"' | sort -u || true)
if bad=$(grep -vE '"(sync|default)"$' <<<"$tokio_features" | grep .); then
  echo "error: the wasm bundle uses tokio beyond its channels:" >&2
  echo "$bad" >&2
  exit 1
fi
echo "ok: none of services, sqlx, argon2, lettre, mio, hyper, axum in the wasm dependency tree; tokio only for its channels"

step "Checking that the server logic depends on no Leptos crate"
if bad=$(cargo tree -p services -e normal --prefix none --format '{p}' | grep -i leptos | sort -u); then
  echo "error: services depends on Leptos:" >&2
  echo "$bad" >&2
  exit 1
fi
echo "ok: no leptos crate in the dependency tree of services"

step "Bundle size"
# The main bundle of the latest build (lazy islands are split into files of their own, and
# older builds' hashed files may still lie next to it); what each page adds to it is checked
# page by page in the browser (end2end/tests/downloads.spec.ts).
wasm=$(ls -t target/site/pkg/convene.*.wasm | head -1)
raw=$(stat -c %s "$wasm")
br=$(brotli -c -q 11 "$wasm" | wc -c)
gz=$(gzip -c -9 "$wasm" | wc -c)
js=$(ls -t target/site/pkg/convene.*.js | head -1)
js_br=$(brotli -c -q 11 "$js" | wc -c)
total=$((br + js_br))
printf 'wasm: %s\n  raw    %7d bytes\n  gzip   %7d bytes\n  brotli %7d bytes\njs: %s\n  raw    %7d bytes\n  brotli %7d bytes\ntotal brotli %d bytes (budget %d)\n' \
  "$wasm" "$raw" "$gz" "$br" "$js" "$(stat -c %s "$js")" "$js_br" "$total" "$BUDGET_BROTLI_BYTES"
if [ "$total" -gt "$BUDGET_BROTLI_BYTES" ]; then
  echo "error: the bundle is over its budget of $BUDGET_BROTLI_BYTES bytes brotli" >&2
  exit 1
fi
