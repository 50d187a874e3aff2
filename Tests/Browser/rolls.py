"""Voting codes for the journeys, made by `collector credentials` as a teller would make them.

Each roll gets one batch per run, in <stack folder>/rolls/<roll>/ (where test_tellers.py finds roll.txt), and every
journey takes a code nobody has used yet: one code one voter, so a later ballot never supersedes another journey's."""

import csv
import subprocess

CODES_PER_ROLL = 40  # more than the journeys of both JavaScript modes type for any one roll


class Rolls:
    def __init__(self, collector, folder, manifest, site_url):
        self.collector, self.folder, self.manifest, self.site_url = collector, folder, manifest, site_url
        self.unused = {}  # roll id -> [(grouped code, public key)], in the order of the cards
        self.handed = {}  # grouped code -> public key, for the codes handed out so far

    def code(self, roll):
        """A fresh grouped code of `roll` (`XXXXX-XXXXX-XXXXX-XXXXX-XXXXC`)."""
        if roll not in self.unused:
            self.unused[roll] = self.make(roll)
        if not self.unused[roll]:
            raise RuntimeError(f"the journeys used all {CODES_PER_ROLL} codes of {roll}: raise CODES_PER_ROLL")
        code, public_key = self.unused[roll].pop(0)
        self.handed[code] = public_key
        return code

    def public_key(self, code):
        """The public key `collector credentials` wrote beside `code`: the key every ballot of that code is signed with."""
        return self.handed[code]

    def make(self, roll):
        out = self.folder / roll
        run = subprocess.run([self.collector, "credentials", "--roll", roll, "--count", str(CODES_PER_ROLL),
                              "--out", out, "--manifest", self.manifest, "--site-url", self.site_url],
                             capture_output=True, text=True)
        if run.returncode != 0:
            raise RuntimeError(f"collector credentials --roll {roll} failed:\n{run.stderr}")
        with open(out / "codes.csv", newline="") as codes:
            rows = [(row["code"], row["public_key"]) for row in csv.DictReader(codes)]
        if len(rows) != CODES_PER_ROLL:
            raise RuntimeError(f"{out / 'codes.csv'} has {len(rows)} codes, not {CODES_PER_ROLL}")
        return rows
