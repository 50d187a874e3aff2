"""Voting in a ward's budget with a voting code, and in two budgets of a group that allows it."""

import harness
from budget_ballot import BudgetBallot, swap_neighbours

MISTYPED = ("This voting code has a typing mistake: a character is wrong or two are swapped. "
            "Check each one against your letter.")  # the collector's words (Sources/CollectorKit/Server/Messages.swift)


class BudgetJourneys(BudgetBallot):
    def cast(self, ballot, form):
        """Types a fresh code of the form's roll, submits, and checks the code stayed with the participant."""
        code = harness.voting_code(form["roll"])
        self.type_code(ballot, code)
        self.submit(ballot)
        receipt = self.receipt_from_answer()
        self.check_code_kept(code, receipt)
        return receipt

    def check_receipt(self, receipt, form, chosen):
        self.open(f"/v1/receipts/{receipt}")
        self.assertIn('"stored":true', self.find("body").text.replace(" ", ""))
        stored = self.stack.stored(receipt)
        self.assertEqual(stored["form_id"], form["id"])
        self.assertIn("choices=" + ",".join(sorted(chosen)) + "\n", stored["ballot"])

    def test_vote_in_a_ward_budget_with_a_voting_code(self):
        form = self.ward_budget()
        ballot = self.open_ballot(form)
        rules = [item.text for item in self.find_all(".budget-rules li")]
        self.assertTrue(rules and all(rules), "the page does not explain the ballot's rule")
        boxes = self.boxes(ballot)
        self.set_choices(boxes, self.over_the_limit(form, boxes))
        self.see_the_rule(form, ballot, broken=True)
        ballot = self.break_the_rule(form, ballot)
        boxes = self.boxes(ballot)
        chosen = self.within_the_rule(form, boxes)
        self.set_choices(boxes, chosen)
        self.see_the_rule(form, ballot, broken=False)
        ids = [box.get_attribute("value") for box in chosen]
        self.check_receipt(self.cast(ballot, form), form, ids)

    def test_a_code_with_two_neighbours_swapped_is_refused(self):
        form = self.ward_budget()
        ballot = self.open_ballot(form)
        boxes = self.boxes(ballot)
        self.set_choices(boxes, self.within_the_rule(form, boxes))
        before = self.stack.stored_count(form["id"])
        self.type_code(ballot, swap_neighbours(harness.voting_code(form["roll"])))
        self.see_the_code_refused(form, ballot)
        self.assertEqual(self.stack.stored_count(form["id"]), before, "a ballot with a mistyped code was stored")

    def test_vote_in_two_budgets_of_a_group(self):
        # The school budgets let a participant vote in each one they hold a code for (vote_in: all).
        forms = [f for f in self.open_forms("budget", "roll") if f["id"].startswith("schools/")
                 and not f["constraints"].get("points")][:2]
        self.assertEqual(len(forms), 2, "the example content has fewer than two open school budgets to tick")
        for form in forms:
            ballot = self.open_ballot(form)
            self.assertTrue(self.find(".budgets-guide p").text, "the ballot does not say in how many budgets one may vote")
            self.assertGreaterEqual(len(self.find_all(".budgets-guide li a")), 2, "the ballot does not link the group's other budgets")
            boxes = self.boxes(ballot)
            self.set_choices(boxes, self.within_the_rule(form, boxes))
            self.assertEqual(self.stack.stored(self.cast(ballot, form))["form_id"], form["id"])


class TestBudgetWithJavaScript(BudgetJourneys, harness.JavaScriptOn):
    def see_the_rule(self, form, ballot, broken):
        # The running total, what is left, and the rule's verdict in words, as the participant ticks.
        tally = self.find("[data-tally]", ballot)
        self.assertTrue(tally.is_displayed())
        chosen = sum(int(box.get_attribute("data-cost")) for box in self.find_all("input[name=choice]:checked", ballot))
        self.assertIn(f"{chosen:,}", self.find("[data-total]", tally).text)
        check = self.find("[data-check]", tally)
        self.assertTrue(check.text)
        self.assertIn("check-problem" if broken else "check-ok", check.get_attribute("class"), check.text)

    def break_the_rule(self, form, ballot):
        # The script keeps a ballot that breaks the rule on the page and takes the participant to the reason.
        why = self.find("[data-check]", ballot).text
        self.type_code(ballot, harness.voting_code(form["roll"]))
        self.click(self.find("button[type=submit]", ballot))
        self.assertTrue(self.find_all(f'form[data-form-id="{form["id"]}"]'), "the ballot was posted though it breaks the rule")
        self.assertEqual(self.browser.switch_to.active_element, self.find("[data-tally]", ballot))
        self.assertEqual(self.find("[data-check]", ballot).text, why)
        return ballot

    def see_the_code_refused(self, form, ballot):
        # The check symbol is checked in the page: the message sits right after the field's paragraph, tied to the
        # field, the focus is on the field, and no request left the page.
        self.record_requests()
        self.click(self.find("button[type=submit]", ballot))
        field = self.find("input[name=code]", ballot)
        message = self.find("[data-ballot-strings]", ballot).get_attribute("data-code-mistyped")
        shown = lambda: [e for e in self.find_all("p.error", ballot) if e.is_displayed() and e.text == message]
        error = self.wait_until(lambda: shown() and shown()[0], "no message next to the mistyped code")
        self.assertIn(error.get_attribute("id"), field.get_attribute("aria-describedby").split())
        self.assertEqual(field.get_attribute("aria-invalid"), "true")
        self.assertTrue(self.browser.execute_script("return arguments[0].previousElementSibling.contains(arguments[1])", error, field),
                        "the message is not next to the code field")
        self.assertEqual(self.browser.switch_to.active_element, field)
        self.assertEqual(self.sent(), [], "the page sent something with a mistyped code")


class TestBudgetWithoutJavaScript(BudgetJourneys, harness.JavaScriptOff):
    def see_the_rule(self, form, ballot, broken):
        # Without the script there is no running total: the rule is in the page's words, the collector applies it.
        self.assertFalse(self.find("[data-tally]", ballot).is_displayed())

    def break_the_rule(self, form, ballot):
        self.type_code(ballot, harness.voting_code(form["roll"]))
        self.submit(ballot)
        # The collector's words for the two ways of passing the limit (Sources/CollectorKit/Server/Messages.swift).
        self.assertIn(self.find("[role=alert]").text, {"The chosen projects cost more than the budget.",
                                                        "Too many options are chosen."})
        return self.back_to_form(form["id"])

    def see_the_code_refused(self, form, ballot):
        # Without the script the check symbol is the collector's to check: it refuses, says why, and stores nothing.
        self.submit(ballot)
        self.assertEqual(self.find("[role=alert]").text, MISTYPED)
