"""The tellers' step after the journeys: import the collector's database, verify it and count it, and find the
journeys' ballots there. (Files load in name order, so this one runs after every journey.)"""

import json
import sqlite3
import subprocess
import unittest
from contextlib import closing

import harness

TELLER_COMMANDS = ("credentials", "import", "verify", "tally")


class TestTellers(unittest.TestCase):
    def collector(self, *arguments):
        return subprocess.run([harness.BIN / "collector", *map(str, arguments)], capture_output=True, text=True, check=True)

    def test_import_verify_and_tally_find_the_journeys_ballots(self):
        listed = self.collector("--help").stdout
        missing = [name for name in TELLER_COMMANDS if f"  {name}" not in listed]
        if missing:
            self.skipTest(f"`collector --help` does not list {', '.join(missing)} yet")
        stack = harness.stack()
        with closing(sqlite3.connect(f"file:{stack.db}?mode=ro", uri=True)) as connection:
            receipts = {row[0]: row[1] for row in connection.execute("SELECT receipt, form_id FROM submissions")}
        self.assertTrue(receipts, "the journeys stored nothing")
        with closing(sqlite3.connect(f"file:{stack.db}?mode=ro", uri=True)) as connection:
            begun = connection.execute("SELECT COALESCE(SUM(count), 0) FROM starts WHERE form_id LIKE 'city-budget/%'").fetchone()[0]
        # The budget journeys with JavaScript on each begin a ballot (ballot-form.js counts the first choice).
        self.assertGreater(begun, 0, "no ballot begun was counted")
        merged, report, results = stack.folder / "merged.sqlite", stack.folder / "verify.json", stack.folder / "results"
        manifest = stack.site / "ballots.json"
        # The rolls `collector credentials` made for the journeys' codes (rolls.py); options as in docs/TELLERS.md.
        rolls = [argument for roll in stack.folder.glob("rolls/*/roll.txt") for argument in ("--roll", roll)]
        self.assertTrue(rolls, "the journeys made no roll")
        self.collector("import", stack.db, "--into", merged)
        self.collector("verify", "--db", merged, "--manifest", manifest, *rolls, "--report", report)
        self.collector("tally", "--db", merged, "--manifest", manifest, *rolls, "--out", results)
        refused = {entry["receipt"]: entry["verdict"] for entry in json.loads(report.read_text())["rejected"]}
        roll_forms = {form["id"] for form in stack.manifest["forms"] if form.get("eligibility") == "roll"}
        for receipt, form in receipts.items():
            verdict = refused.get(receipt, "valid")
            if form in roll_forms:
                # Every journey types a code of the roll nobody used before, so every ballot of a roll form counts.
                self.assertEqual(verdict, "valid", f"a journey's ballot for {form}")
            else:
                # With JavaScript on, open forms are signed again with the key the page kept (the later one counts),
                # and the same participant signs a petition in both modes (counted once).
                self.assertIn(verdict, {"valid", "superseded", "duplicate_identity"}, f"a journey's ballot for {form}")
        for form in set(receipts.values()):
            self.assertTrue((results / (form + ".json")).exists(), f"no result for {form}")
