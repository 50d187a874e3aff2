"""Reacting to an opinion conversation's statements: with JavaScript one statement at a time, each reaction signed in
the page with the one key it keeps for the conversation (so the tellers can link a participant's reactions); without
JavaScript every statement listed with its three buttons, each a plain post."""

import harness
from stored_ballot import problems


class ConversationJourneys:
    def conversation(self):
        form = self.open_forms("opinion", "open")[0]
        self.open(self.stack.page_of(form["id"]))
        return form, self.find(f'form[data-form-id="{form["id"]}"]')

    def statement(self, page_form, statement_id):
        return self.find(f'li[data-statement="{statement_id}"]', page_form)

    def button(self, page_form, statement_id, stance):
        return self.find(f'button[name="opinion.{statement_id}"][value="{stance}"]', page_form)


class TestConversationWithJavaScript(ConversationJourneys, harness.JavaScriptOn):
    def reaction(self, form_id):
        """The stored row of the receipt the page shows: here the focus goes on to the next statement, not to the
        receipt, so receipt_from_answer's focus check does not apply."""
        row = self.stack.stored(self.shown_receipt(form_id))
        self.assertEqual(problems(row, form_id), [])
        return row

    def test_react_one_statement_at_a_time_with_one_key(self):
        form, page_form = self.conversation()
        first, second, third = [option["id"] for option in form["options"][:3]]
        self.browser.execute_script("localStorage.clear()")
        self.open(self.stack.page_of(form["id"]))
        page_form = self.find(f'form[data-form-id="{form["id"]}"]')
        self.assertTrue(self.statement(page_form, first).is_displayed())
        self.assertFalse(self.statement(page_form, second).is_displayed(), "more than one statement is shown at once")
        self.assertIn(f"1 of {len(form['options'])}", self.find(".statement-progress", self.statement(page_form, first)).text)

        self.submit(page_form, lambda: self.click(self.button(page_form, first, "agree")))
        agreed = self.reaction(form["id"])
        self.assertIn(f"choices={first}:agree\n", agreed["ballot"])
        self.assertFalse(self.statement(page_form, first).is_displayed(), "the answered statement stays on screen")
        self.assertTrue(self.statement(page_form, second).is_displayed(), "the next statement is not shown")
        self.assertEqual(self.browser.switch_to.active_element, self.find(".statement-text", self.statement(page_form, second)))

        self.submit(page_form, lambda: self.click(self.button(page_form, second, "disagree")))
        disagreed = self.reaction(form["id"])
        self.assertIn(f"choices={second}:disagree\n", disagreed["ballot"])
        self.assertEqual(disagreed["public_key"], agreed["public_key"], "two reactions of one participant carry different keys")
        self.assertEqual(disagreed["public_key"], self.kept_key(form["id"]))

        # Coming back later, the page goes on where the participant stopped.
        self.open(self.stack.page_of(form["id"]))
        page_form = self.find(f'form[data-form-id="{form["id"]}"]')
        self.assertTrue(self.statement(page_form, third).is_displayed())
        self.assertFalse(self.statement(page_form, first).is_displayed())


class TestConversationWithoutJavaScript(ConversationJourneys, harness.JavaScriptOff):
    def test_every_statement_is_listed_and_each_button_posts(self):
        form, page_form = self.conversation()
        statements = page_form.find_elements("css selector", "li[data-statement]")
        self.assertEqual(len(statements), len(form["options"]))
        self.assertTrue(all(item.is_displayed() for item in statements), "a statement is hidden without JavaScript")
        second = form["options"][1]["id"]
        self.submit(page_form, lambda: self.click(self.button(page_form, second, "pass")))
        row = self.stack.stored(self.receipt_from_answer())
        self.assertEqual(row["form_id"], form["id"])
        self.assertIn(f"choices={second}:pass\n", row["ballot"])
