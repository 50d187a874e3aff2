#!/usr/bin/env bash
# Installs what the tests need and runs every test: Swift unit and integration tests, and the ballot vectors in Node when it is here.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh --test
swift build --build-tests
# The tests are XCTest; Swift Testing would only add a closing line about zero tests of its own.
swift test --skip-build --disable-swift-testing 2>&1 | tee .build/test.log
summary=$(grep -E "^[[:space:]]*Executed [0-9]+ tests?, with [0-9]+ failures?" .build/test.log | tail -1)
total=$(echo "$summary" | sed -E 's/.*Executed ([0-9]+) tests?.*/\1/')
failed=$(echo "$summary" | sed -E 's/.*with ([0-9]+) failures?.*/\1/')
echo "tests: $((total - failed)) passed, $failed failed"
# The page's script against the same vectors as the Swift tests, when Node is here (the browser test covers it too).
if command -v node >/dev/null; then node Tests/Vectors/check-vectors.mjs; else echo "check-vectors: skipped (node is not installed)"; fi
