"""Participants' contributions on the example site, from the page to the page: a proposal, a debate comment and a
conversation statement sent from Chromium (JavaScript off, so the collector signs), then `collector export
--contributions` into a copy of the content, the moderator's `accepted`, and a rebuild that shows each of them. A
petition filing, whose filer's name the issuer attests, needs the script: test_credentials.py files one."""

import re
import subprocess

import harness

CONTRIBUTIONS = {
    # form id: (page fields to fill, text to find on the rebuilt site, path of the page that shows it)
    "open-source/needs/propose": ({"title": "A shared accessibility checker for public forms", "text": "Every ministry builds its own."},
                                  "A shared accessibility checker for public forms", None),
    "data-policy/debate/comment": ({"text": "A person must check every refusal of a benefit.", "author": "Dana"},
                                   "A person must check every refusal of a benefit.", "data-policy/debate/"),
    "schools/conversation/statement": ({"text": "Teachers should know every student's name."},
                                       "Teachers should know every student&#39;s name.", "schools/conversation/"),
}


class TestContributionsReachTheSite(harness.JavaScriptOff):
    def send(self, form_id, fields):
        self.open(self.stack.page_of(form_id))
        form = self.find(f'form[data-form-id="{form_id}"]')
        for name, value in fields.items():
            control = self.find(f'[name="{name}"]', form)
            if control.get_attribute("type") == "checkbox":
                self.click(control)
            else:
                control.send_keys(value)
        for box in form.find_elements("css selector", "input[type=checkbox][required]"):
            if not box.is_selected():
                self.click(box)
        self.submit(form)
        return self.receipt_from_answer()

    def test_export_accept_and_rebuild_show_each_contribution(self):
        receipts = {form_id: self.send(form_id, fields) for form_id, (fields, _, _) in CONTRIBUTIONS.items()}
        content, identities = self.stack.folder / "content", self.stack.folder / "filings.csv"
        # The journeys' rolls too: export verifies the whole database, whose budget ballots need them.
        rolls = [argument for roll in self.stack.folder.glob("rolls/*/roll.txt") for argument in ("--roll", roll)]
        export = subprocess.run([harness.BIN / "collector", "export", "--contributions", "--db", self.stack.db,
                                 "--manifest", self.stack.site / "ballots.json", *rolls, "--content", content, "--identities", identities],
                                capture_output=True, text=True)
        self.assertEqual(export.returncode, 0, export.stderr)
        written = {}
        for receipt in receipts.values():
            files = [path for path in content.rglob("*.md") if receipt in path.read_text()]
            self.assertEqual(len(files), 1, f"receipt {receipt} is in {len(files)} content files")
            written[receipt] = files[0]

        site = self.stack.folder / "moderated"
        def rebuild():
            run = subprocess.run([harness.BIN / "sitegen", "build", "--content", content, "--output", site, "--no-search",
                                  "--base-url", self.stack.origin + "/", "--clock", harness.CLOCK], capture_output=True, text=True)
            self.assertEqual(run.returncode, 0, run.stderr)
            return "".join(path.read_text() for path in site.rglob("index.html"))

        pending = rebuild()
        for form_id, (_, shown, _) in CONTRIBUTIONS.items():
            self.assertNotIn(shown, pending, f"a pending contribution of {form_id} is on the site")
        for path in written.values():
            path.write_text(re.sub(r'(?m)^moderation: "pending"$', "moderation: accepted", path.read_text()))
        accepted = rebuild()
        for form_id, (_, shown, page) in CONTRIBUTIONS.items():
            self.assertIn(shown, accepted, f"the accepted contribution of {form_id} is not on the site")
            if page:
                self.assertIn(shown, (site / "en" / page / "index.html").read_text(), f"not on the page of {form_id}")
