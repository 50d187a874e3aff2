"""Every generated HTML page of the example site passes the Nu HTML Checker with zero errors."""

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
        errors = harness.nu_errors(stack.folder)
        if errors:
            self.fail(f"{len(errors)} errors on {len(pages)} pages, the first:\n" + "\n".join(errors[:40]))
