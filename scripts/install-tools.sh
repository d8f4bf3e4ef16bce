#!/usr/bin/env bash
# Installs everything building Convene needs, and with --test what testing it needs too.
# Each tool is checked first, so a second run takes seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

CARGO_LEPTOS_VERSION=0.3.11
BINARYEN_VERSION=132.0.0
with_tests=false
[ "${1:-}" = "--test" ] && with_tests=true

# mold is the linker named in .cargo/config.toml; nothing links without it.
packages=(mold)
# nginx: the reverse proxy the client-address tests put in front of the server; sqlite3: the
# browser tests leave a campaign as a crashed sender would.
$with_tests && packages+=(chromium brotli nginx-light sqlite3)
apt_install "${packages[@]}"

if ! command -v rustup >/dev/null; then
  echo "error: rustup is required (https://rustup.rs); it installs the toolchain pinned in rust-toolchain.toml" >&2
  exit 1
fi
channel=$(sed -n 's/^channel = "\(.*\)"/\1/p' rust-toolchain.toml)
if ! rustup run "$channel" rustc --print target-list >/dev/null 2>&1 \
   || ! rustup target list --installed --toolchain "$channel" | grep -q wasm32-unknown-unknown; then
  step "Installing Rust $channel with the wasm32 target"
  rustup toolchain install "$channel" --profile minimal -c rustfmt -c clippy -t wasm32-unknown-unknown
fi

if ! cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
  step "Installing cargo-leptos $CARGO_LEPTOS_VERSION (about 12 minutes, once)"
  # no_downloads: a missing tool is an error instead of a download this network refuses.
  cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked --features no_downloads
fi

wasm_bindgen=$(locked_version wasm-bindgen)
if ! wasm-bindgen --version 2>/dev/null | grep -q "$wasm_bindgen"; then
  step "Installing wasm-bindgen-cli $wasm_bindgen (must equal the crate in Cargo.lock)"
  cargo install wasm-bindgen-cli --version "$wasm_bindgen" --force
fi

# cargo-leptos runs wasm-opt on every release build; Debian's binaryen is too old for
# current rustc output, npm's is recent.
# `|| true`: without wasm-opt the pipeline fails, and under pipefail that would end the script.
wasm_opt_major=$( (wasm-opt --version 2>/dev/null || true) | sed -n 's/.*version \([0-9]*\).*/\1/p')
if [ -z "$wasm_opt_major" ] || [ "$wasm_opt_major" -lt 120 ]; then
  step "Installing wasm-opt (binaryen $BINARYEN_VERSION from npm)"
  as_root npm install --global --no-fund --no-audit "binaryen@$BINARYEN_VERSION" >/dev/null
fi

if $with_tests && ! python3 -c "import aiosmtpd" 2>/dev/null; then
  step "Installing aiosmtpd, the SMTP server the mail tests send to"
  python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore "aiosmtpd==1.4.6"
fi

if $with_tests; then
  step "Installing the end-to-end test runner (Playwright, using Debian's Chromium)"
  (cd end2end && npm ci --no-fund --no-audit --loglevel=error)
fi
