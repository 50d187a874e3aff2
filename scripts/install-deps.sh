#!/usr/bin/env bash
# Installs what building and testing need on a fresh Debian machine; quick when everything is there.
set -euo pipefail
packages=(libcmark-gfm-dev libcmark-gfm-extensions-dev libsqlite3-dev sqlite3 pkg-config)
if [ "${1:-}" = "--test" ]; then packages+=(hugo); fi
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
# Site search (optional for sitegen, which says so when it is missing).
python3 -c "import pagefind_bin" 2>/dev/null || python3 -m pip install -q --disable-pip-version-check pagefind-bin
command -v swift >/dev/null || { echo "swift not found: install the Swift 6 toolchain (https://swift.org/install) and put it on PATH" >&2; exit 1; }
