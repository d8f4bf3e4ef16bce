# Shared helpers for the scripts in this folder. Sourced, not run.

# Prints a step header, so long runs say what they are doing.
step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

# Runs a command as root (directly, or through sudo when available).
as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "error: '$*' needs root; run it as root or install sudo" >&2; return 1; fi
}

# Installs Debian packages that are missing; `apt-get update` only when something is.
apt_install() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  step "Installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

# The version the workspace pins for a crate in Cargo.lock.
locked_version() {
  awk -v name="$1" '$0 == "name = \"" name "\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

# cargo's tools (cargo-leptos, wasm-bindgen) live here; a fresh shell may not have it on PATH.
export HOME="${HOME:-$(getent passwd "$(id -u)" | cut -d: -f6)}"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
