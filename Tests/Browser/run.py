"""Runs every browser test (Tests/Browser/test_*.py) against one site build, one collector and one browser per
JavaScript mode, prints each test's time, and closes on `browser: N passed, M failed, K skipped`.

Usage: python3 Tests/Browser/run.py [pattern]   (pattern: a test file glob, test_*.py by default)"""

import shutil
import sys
import time
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import harness  # noqa: E402  (needs the path above)


class TimedResult(unittest.TextTestResult):
    """One line per test with its outcome and time, so a slow journey stands out."""

    def startTest(self, test):
        self.started = time.monotonic()
        super().startTest(test)

    def _line(self, test, outcome):
        self.stream.writeln(f"{time.monotonic() - self.started:6.1f} s  {outcome:7} {test.id()}")
        self.stream.flush()

    def addSuccess(self, test):
        unittest.TestResult.addSuccess(self, test)
        self._line(test, "ok")

    def addFailure(self, test, err):
        unittest.TestResult.addFailure(self, test, err)
        self._line(test, "FAIL")

    def addError(self, test, err):
        unittest.TestResult.addError(self, test, err)
        self._line(test, "ERROR")

    def addSkip(self, test, reason):
        unittest.TestResult.addSkip(self, test, reason)
        self._line(test, "skipped")
        self.stream.writeln(f"           ({reason})")


def main():
    # A path such as Tests/Browser/test_survey.py names its file: discovery matches file names only.
    pattern = Path(sys.argv[1]).name if len(sys.argv) > 1 else "test_*.py"
    start = time.monotonic()
    shutil.rmtree(harness.FAILURES, ignore_errors=True)  # only this run's screenshots
    suite = unittest.defaultTestLoader.discover(str(HERE), pattern=pattern, top_level_dir=str(HERE))
    if suite.countTestCases() == 0:
        print(f"browser: no test matches {pattern!r} in {HERE}; give a file name such as test_survey.py", file=sys.stderr)
        return 2
    print("browser tests: starting the site, the collector and the browsers", flush=True)
    harness.stack()
    result = unittest.TextTestRunner(resultclass=TimedResult, verbosity=0, stream=sys.stdout).run(suite)
    harness.stack().stop()
    failed = len(result.failures) + len(result.errors)
    skipped = len(result.skipped)
    passed = result.testsRun - failed - skipped
    print(f"browser tests took {time.monotonic() - start:.0f} s")
    print(f"browser: {passed} passed, {failed} failed, {skipped} skipped")
    return 1 if failed or result.testsRun == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
