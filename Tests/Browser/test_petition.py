"""Signing a petition and seeing its count move."""

import harness

IDENTITY = {"text": "Amina Haddad", "email": "amina@example.org"}


class PetitionJourneys:
    def unpublished_petition(self):
        """An open petition with no published count yet, so the collector's running count is the one shown."""
        for form in self.open_forms("petition", "open"):
            page = self.stack.page_of(form["id"])
            if 'data-count="0"' in self.stack.read(page):
                return form, page
        self.fail("every open petition of the example content has a published count")

    def sign(self, form, page, identity=IDENTITY):
        self.open(page)
        sign = self.find(f'form[data-form-id="{form["id"]}"]')
        for field in self.find_all("input:not([type=hidden])", sign):
            kind = field.get_attribute("type")
            if kind == "checkbox":
                if field.get_attribute("required"):
                    self.click(field)
            else:
                field.send_keys(identity[kind])
        self.submit(sign)
        return self.receipt_from_answer()

    def test_sign_a_petition_and_see_the_count_move(self):
        form, page = self.unpublished_petition()
        before = self.stack.stored_count(form["id"])
        receipt = self.sign(form, page)
        self.assertEqual(self.stack.stored(receipt)["form_id"], form["id"])
        self.see_the_count(form, page, before + 1)


class TestPetitionWithJavaScript(PetitionJourneys, harness.JavaScriptOn):
    def test_sign_again_with_the_key_the_page_kept(self):
        form, page = self.unpublished_petition()
        self.check_signs_again_with_the_kept_key(form["id"], page, lambda: self.sign(form, page))

    def test_a_household_signs_twice_in_one_browser_and_can_forget(self):
        """Two people on one family computer: two identities, two keys, so both signatures count; then the page
        forgets what it kept for the form when asked."""
        form, page = self.unpublished_petition()
        self.forget(form["id"], page)
        first = self.sign(form, page)
        second = self.sign(form, page, {"text": "Yusuf Haddad", "email": "yusuf@example.org"})
        self.assertEqual(self.find_all(".ballot-replaces"), [], "a second person's signature was said to replace the first's")
        keys = self.kept_keys(form["id"])
        self.assertEqual(len(keys), 2, "one browser kept one key for two people")
        self.assertEqual({self.stack.stored(r)["public_key"] for r in (first, second)}, set(keys), "the two signatures share a key")
        # The same person again replaces their own; the tellers count each person once, both people.
        again = self.sign(form, page, {"text": "Yusuf Haddad", "email": "yusuf@example.org"})
        self.assertEqual(self.find(".ballot-replaces", self.answer_of(form["id"])).text,
                         self.strings_of(form["id"]).get_attribute("data-submit-replaces"))
        verdicts = self.stack.verdicts()
        self.assertEqual([verdicts[r] for r in (first, second, again)], ["valid", "superseded", "valid"])
        self.forget(form["id"], page)
        self.assertEqual(self.kept_keys(form["id"]), [])
        self.assertIsNone(self.browser.execute_script("return localStorage.getItem(arguments[0])", "consult:receipt:" + form["id"]))

    def forget(self, form_id, page):
        self.open(page)
        keeps = self.find(f'form[data-form-id="{form_id}"] [data-browser-keeps]')
        self.wait_until(keeps.is_displayed, "the page does not say what the browser keeps")
        self.click(self.find("button", keeps))
        self.assertEqual(self.find("[data-forgotten]", keeps).text, self.strings_of(form_id).get_attribute("data-browser-forgotten"))

    def see_the_count(self, form, page, expected):
        # The page asks the collector for the running count as it loads; the collector recomputes it at most
        # every second, so a reload may still get the old one.
        def shown():
            self.open(page)
            return self.holds_within(2, lambda: self.find(".signatures .count").text.startswith(f"{expected} "))
        self.wait_until(shown, f"the page never showed {expected} signatures")


class TestPetitionWithoutJavaScript(PetitionJourneys, harness.JavaScriptOff):
    def see_the_count(self, form, page, expected):
        # Without the script the page keeps the count of its build; the collector's count is one link away.
        def counted():
            self.open(f"/v1/counts/{form['id']}")
            return f'"count":{expected},' in self.find("body").text.replace(" ", "")
        self.wait_until(counted, f"the collector's count never reached {expected}")
