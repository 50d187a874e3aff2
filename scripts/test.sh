#!/usr/bin/env bash
# Installs what the tests need and runs every test: Swift unit and integration tests, then the browser tests
# (Tests/Browser: journeys in Chromium, the Nu HTML Checker and axe-core on the example site).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh --test
# Python is the repository's venv, which install-deps.sh made: the browser tests, Pagefind and pabutools are there.
. scripts/python-env.sh
swift build --build-tests
# The tests are XCTest; Swift Testing would only add a closing line about zero tests of its own.
swift_status=0
swift test --skip-build --disable-swift-testing 2>&1 | tee .build/test.log || swift_status=$?
# XCTest's total reads "Executed 264 tests, with 1 test skipped and 0 failures" when a test was skipped.
summary=$(grep -E "^[[:space:]]*Executed [0-9]+ tests?, with ([0-9]+ tests? skipped and )?[0-9]+ failures?" .build/test.log | tail -1 || true)
swift_total=$(echo "$summary" | sed -nE 's/.*Executed ([0-9]+) tests?.*/\1/p')
swift_failed=$(echo "$summary" | sed -nE 's/.*with ([0-9]+ tests? skipped and )?([0-9]+) failures?.*/\2/p')
swift_skipped=$(echo "$summary" | sed -nE 's/.*with ([0-9]+) tests? skipped.*/\1/p')
swift_skipped=${swift_skipped:-0}
# A run that crashed before its summary counts as one failure.
if [ -z "$swift_total" ]; then swift_total=1; swift_failed=1; fi
# The page's script against the Swift tests' vectors in Node too, when Node is here: quicker to read than the browser's.
node_status=0
if command -v node >/dev/null; then node Tests/Vectors/check-vectors.mjs || node_status=$?; else echo "check-vectors: skipped (node is not installed)"; fi
# The browser tests use the sitegen and collector just built.
browser_status=0
python3 Tests/Browser/run.py 2>&1 | tee .build/browser-test.log || browser_status=$?
browser=$(grep -E "^browser: [0-9]+ passed, [0-9]+ failed" .build/browser-test.log | tail -1 || true)
browser_passed=$(echo "$browser" | sed -nE 's/^browser: ([0-9]+) passed.*/\1/p')
browser_failed=$(echo "$browser" | sed -nE 's/.* ([0-9]+) failed.*/\1/p')
if [ -z "$browser_passed" ]; then browser_passed=0; browser_failed=1; browser="browser: 0 passed, 1 failed (no summary: see .build/browser-test.log)"; fi
# Every parser a stranger's bytes reach, 20 seconds each under libFuzzer (the seeds and past findings also run in
# the Swift tests, FuzzCorpusTests).
fuzz_status=0
bash scripts/fuzz.sh 20 2>.build/fuzz.log | tee .build/fuzz-summary.log || { fuzz_status=$?; tail -20 .build/fuzz.log; }
echo "swift: $((swift_total - swift_failed - swift_skipped)) passed, $swift_failed failed, $swift_skipped skipped"
grep -E "^Test Case .* skipped" .build/test.log | sed 's/^/  skipped: /' || true
echo "$browser"
echo "tests: $((swift_total - swift_failed - swift_skipped + browser_passed)) passed, $((swift_failed + browser_failed)) failed, $swift_skipped skipped"
[ "$fuzz_status" -eq 0 ] && echo "fuzz: $(grep -c '^fuzz ' .build/fuzz-summary.log) targets, no finding" || echo "fuzz: a finding (see above)"
[ "$swift_status" -eq 0 ] && [ "$browser_status" -eq 0 ] && [ "$node_status" -eq 0 ] && [ "$fuzz_status" -eq 0 ]
