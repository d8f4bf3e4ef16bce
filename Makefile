# The two commands of the README's quick start, plus the steps they are made of.
.PHONY: run test tools build e2e

# cargo installs its tools here; a fresh shell may not have it on PATH yet.
export PATH := $(HOME)/.cargo/bin:$(PATH)

run:    ## install what is missing, build, seed an empty database, serve on :3000
	@bash scripts/run.sh

test:   ## every check: fmt, clippy, unit, integration (SQLite, PostgreSQL), wasm, e2e
	@bash scripts/test.sh

tools:  ## install the build and test tools only
	@bash scripts/install-tools.sh --test

build:  ## the release build only
	@bash scripts/install-tools.sh && cargo leptos build --release --precompress --split

e2e:    ## the browser tests only, against a fresh release build
	@bash scripts/test.sh --only-e2e
