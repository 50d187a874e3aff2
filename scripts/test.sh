#!/usr/bin/env bash
# Installs what the tests need and runs every test: Swift unit and integration tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh --test
swift build --build-tests
swift test --skip-build 2>&1 | tee .build/test.log
