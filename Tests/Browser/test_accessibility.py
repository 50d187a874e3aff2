"""axe-core with the WCAG 2.1 A and AA rules: no serious or critical violation on a page of every template kind, in
English and in Arabic, nor on any space's pages with its own colours, nor on the answers the page or the collector
gives after a submit."""

import re
from urllib.parse import quote

import harness
from budget_ballot import BudgetBallot, swap_neighbours

# One page of each template kind, by its path under a language's folder ("" is the language's home page).
TEMPLATE_PAGES = {
    "home": "",
    "section": "news/",
    "page": "about/",
    "news": "news/{first news}",
    "tags": "tags/",
    "tag": "tags/{first tag}",
    "space": "city-budget/ward-4/",
    "group": "schools/",
    "proposals": "open-source/needs/",
    "proposal": "open-source/needs/{first proposal}",
    "budget": "city-budget/ward-4/projects/",
    "budget results": "city-budget/ward-1/projects/",
    "project": "city-budget/ward-1/projects/harbor-promenade-lights/",
    "petitions": "petitions/",
    "petition": "petitions/night-trains/",
    "meetings": "data-policy/meetings/",
    "meeting": "data-policy/meetings/{first meeting}",
    "survey": "schools/survey/",
    "debate": "data-policy/debate/",
    "conversation": "schools/conversation/",
    "report": "open-source/report/",
}


class TestAccessibility(BudgetBallot, harness.JavaScriptOn):
    def violations(self, path):
        """axe's serious and critical WCAG 2.1 A/AA violations on `path`, as readable lines."""
        self.open(path)
        self.assertTrue(self.find_all("main h1"), f"{path} is not a page of the site")
        return self.violations_here()

    def violations_here(self):
        return harness.axe_violations(self.browser)

    def first_child(self, section, language):
        """The first page listed under `section` of the built site, so the list follows the content."""
        listing = self.stack.read(f"{language}/{section}")
        found = re.search(rf'href="(/{language}/{re.escape(section)}[^"#?]+/)"', listing)
        self.assertTrue(found, f"/{language}/{section} lists no page")
        return found.group(1).removeprefix(f"/{language}/")

    def path(self, pattern, language):
        template = re.search(r"\{first \w+\}", pattern)
        if template:
            return f"/{language}/" + self.first_child(pattern[:template.start()], language)
        return f"/{language}/{pattern}"

    def check(self, paths):
        failures = {path: found for path in paths for found in [self.violations(path)] if found}
        if failures:
            self.fail(f"{len(failures)} of {len(paths)} pages break WCAG 2.1 A/AA rules:\n"
                      + "\n".join(f"{path}:\n  " + "\n  ".join(found) for path, found in failures.items()))

    def test_every_template_kind_in_english_and_arabic(self):
        paths = ["/#choose", "/404.html"]
        paths += [self.path(pattern, language) for language in ("en", "ar") for pattern in TEMPLATE_PAGES.values()]
        self.check(paths)

    def test_every_space_with_its_own_colours(self):
        # Pages link their space's charter, a stylesheet of its own. Per charter: every section page (the
        # space, its ballots and listings, where cards, buttons and the ballot's bar take its colours) and one item.
        charters = {}
        for page in sorted((self.stack.site / "en").rglob("index.html")):
            charter = re.search(r'<link rel="stylesheet" href="([^"]*/assets/charter\.[0-9a-f]+\.css)">', page.read_text())
            if charter:
                charters.setdefault(charter.group(1), []).append(page.parent)
        self.assertGreater(len(charters), 3, "the example spaces have lost their own colours")
        paths = []
        for folders in charters.values():
            sections = [folder for folder in folders if any(other.parent == folder for other in folders)]
            paths += sections + [next(folder for folder in folders if folder not in sections)]
        self.check(["/" + folder.relative_to(self.stack.site).as_posix() + "/" for folder in paths])

    def test_the_collectors_answer_pages(self):
        # What a participant without JavaScript reads after posting: a receipt, or the reason for a refusal.
        failures = {}
        for name, html in self.stack.answer_pages("ar").items():
            self.browser.get("data:text/html;charset=utf-8," + quote(html))
            failures.update({name: found for found in [self.violations_here()] if found})
        self.assertEqual(failures, {})

    def test_the_pages_own_answers(self):
        # With the script the page answers in place (ballot-form.js): a refused code beside its field, then the receipt
        # with its check button under the form. In Arabic, where the answers must mirror too.
        form = self.ward_budget()
        self.open(self.stack.page_of(form["id"], "ar"))
        ballot = self.find(f'form[data-form-id="{form["id"]}"]')
        boxes = self.boxes(ballot)
        self.set_choices(boxes, self.within_the_rule(form, boxes))
        self.type_code(ballot, swap_neighbours(harness.voting_code(form["roll"])))
        self.click(self.find("button[type=submit]", ballot))
        self.wait_until(lambda: self.find_all("p.error", ballot), "no message beside the mistyped code")
        refused = self.violations_here()
        self.type_code(ballot, harness.voting_code(form["roll"]))
        self.submit(ballot)
        self.receipt_from_answer()
        self.assertEqual({"refused": refused, "stored": self.violations_here()}, {"refused": [], "stored": []})
