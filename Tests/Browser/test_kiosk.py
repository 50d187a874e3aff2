"""A polling-station kiosk (`collector serve --kiosk`): residents in a row on one browser, each counted, none seeing
the one before; a page left alone is cleared for the next, and says so first."""

import subprocess

import harness
from signed_in_page import form_selector
from stored_ballot import problems

RESIDENTS = ["Amina Haddad", "Bruno Costa", "Chen Wei"]


class TestKiosk(harness.JavaScriptOn):
    IDLE = 12

    @classmethod
    def setUpClass(cls):
        cls.stack = harness.KioskStack(harness.stack(), idle=cls.IDLE)
        cls.browser = cls.stack.browser(True)

    @classmethod
    def tearDownClass(cls):
        cls.stack.stop()

    def open_in_kiosk(self, path):
        self.open(path)
        self.wait_until(lambda: self.find(".kiosk-bar").is_displayed(), "the page never said the computer is shared")

    def storage(self):
        return self.browser.execute_script("return [Object.keys(localStorage), Object.keys(sessionStorage)]")

    def kept_nothing(self):
        local, session = self.storage()
        self.assertEqual([key for key in local + session if key.startswith(("consult:key", "consult:receipt", "consult:opinions"))], [],
                         "the kiosk's browser kept a key, a receipt or reactions")

    def shows_no_earlier_answer(self, form_id):
        self.assertFalse(self.find(form_selector(form_id) + " + .ballot-answer").is_displayed(), "the page shows an earlier receipt")

    def kiosk_receipt(self, form_id):
        """The receipt shown under the form: stored, checked against the collector's signed log, and not kept."""
        answer, strings = self.answer_of(form_id), self.strings_of(form_id)
        receipt = self.find("code.receipt", answer).text
        self.assertEqual(self.find(".help", answer).text, strings.get_attribute("data-receipt-keep-kiosk"),
                         "the page does not tell the participant to note the receipt, since the computer keeps nothing")
        self.assertEqual(self.find_all("a.receipt-save", answer), [], "a kiosk offers the receipt as a file the next resident finds")
        # The QR code a phone takes away, read back by a real decoder (zbar): the receipt's check address.
        code = self.find("svg.qr-code", answer)
        self.assertEqual(code.get_attribute("aria-label"), strings.get_attribute("data-receipt-qr"))
        image = self.stack.folder / f"qr-{receipt}.png"
        image.write_bytes(code.screenshot_as_png)
        decoded = subprocess.run(["zbarimg", "--raw", "-q", str(image)], capture_output=True, text=True)
        self.assertEqual(decoded.stdout.strip(), self.stack.url(f"/v1/receipts/{receipt}"), decoded.stderr)
        self.wait_until(lambda: self.find_all(".receipt-logged, .receipt-log-unproved", answer), "the page never checked the log's proof")
        self.assertEqual(self.find_all(".receipt-log-unproved", answer), [])
        row = self.stack.stored(receipt)
        self.assertEqual((row["form_id"], problems(row, form_id)), (form_id, []))
        self.kept_nothing()
        return receipt

    def sign(self, petition, resident):
        self.open_in_kiosk(self.stack.page_of(petition["id"]))
        self.shows_no_earlier_answer(petition["id"])
        form = self.find(form_selector(petition["id"]))
        for field in self.find_all("input:not([type=hidden])", form):
            kind = field.get_attribute("type")
            self.assertFalse(field.is_selected() if kind == "checkbox" else field.get_attribute("value"), "the page shows what the last resident entered")
            if kind == "checkbox":
                if field.get_attribute("required"):
                    self.click(field)
            else:
                field.send_keys(resident if kind == "text" else resident.split()[0].lower() + "@example.org")
        self.submit(form)
        return self.kiosk_receipt(petition["id"])

    def support(self, supports):
        self.open_in_kiosk(self.stack.page_of(supports["id"]))
        self.shows_no_earlier_answer(supports["id"])
        form = self.find(form_selector(supports["id"]))
        box = self.find("input[name=choice]", form)
        self.assertFalse(box.is_selected(), "the last resident's support is still ticked")
        self.click(self.find(f'label[for="{box.get_attribute("id")}"]'))
        self.submit(form)
        return self.kiosk_receipt(supports["id"])

    def answer(self, survey):
        self.open_in_kiosk(self.stack.page_of(survey["id"]))
        self.shows_no_earlier_answer(survey["id"])
        form = self.find(form_selector(survey["id"]))
        for question in [q["id"] for q in survey["questions"] if q.get("required")]:
            first = self.find(f'fieldset[data-question="{question}"] input', form)
            self.click(self.find(f'label[for="{first.get_attribute("id")}"]'))
        self.find("textarea", form).send_keys("More benches by the library.")
        self.submit(form)
        return self.kiosk_receipt(survey["id"])

    def finish(self):
        home = self.find(".kiosk-bar").get_attribute("data-home")
        self.leave_page(lambda: self.click(self.find("[data-kiosk-finish]")), "'I have finished' did not leave the page")
        self.wait_until(lambda: self.browser.current_url == self.stack.url(home), "'I have finished' did not return to the start")
        self.assertEqual(self.storage(), [[], ["consult:kiosk"]], "'I have finished' left something but the kiosk's own setting")

    def test_idle_page_is_announced_then_cleared(self):
        survey = self.open_forms("survey", "open")[0]
        self.open_in_kiosk(self.stack.page_of(survey["id"]))
        text = self.find("textarea", self.find(form_selector(survey["id"])))
        text.send_keys("Half an answer")
        dialog = self.find("[data-kiosk-idle]")
        self.wait_until(dialog.is_displayed, "no warning came before the page was cleared")
        self.assertEqual(dialog.get_attribute("role"), "alertdialog")
        self.assertEqual(self.browser.switch_to.active_element, self.find("[data-kiosk-stay]"), "the warning did not take the focus")
        self.assertRegex(self.find("#kiosk-idle-text").text, r"\d")
        # "I am still here" keeps the page as it was and gives the focus back.
        self.click(self.find("[data-kiosk-stay]"))
        self.assertFalse(dialog.is_displayed())
        self.assertEqual(self.browser.switch_to.active_element, text)
        self.assertEqual(text.get_attribute("value"), "Half an answer")
        # Left alone, the page warns again, then clears itself for the next resident.
        self.wait_until(dialog.is_displayed, "no second warning")
        home = self.find(".kiosk-bar").get_attribute("data-home")
        self.wait_until(lambda: self.browser.current_url == self.stack.url(home), "the page left alone was never cleared")
        self.assertEqual(self.storage(), [[], ["consult:kiosk"]])
        self.open_in_kiosk(self.stack.page_of(survey["id"]))
        self.assertEqual(self.find("textarea", self.find(form_selector(survey["id"]))).get_attribute("value"), "")

    def test_kiosk_screens_pass_axe_and_the_nu_checker_in_english_and_arabic(self):
        petition = next(f for f in self.open_forms("petition", "open") if f["identity_fields"])
        screens = self.stack.folder / "screens"
        screens.mkdir(exist_ok=True)
        for language in ("en", "ar"):
            self.open_in_kiosk(self.stack.page_of(petition["id"], language))
            self.assertEqual(harness.axe_violations(self.browser), [], f"the kiosk bar in {language}")
            self.find("input:not([type=hidden])", self.find(form_selector(petition["id"]))).send_keys("x")
            self.wait_until(self.find("[data-kiosk-idle]").is_displayed, "no warning came")
            self.assertEqual(harness.axe_violations(self.browser), [], f"the idle warning in {language}")
            # The page as the script left it, warning shown: the markup a screen reader gets.
            html = self.browser.execute_script("return '<!DOCTYPE html>\\n' + document.documentElement.outerHTML")
            (screens / f"kiosk-{language}.html").write_text(html)
            self.click(self.find("[data-kiosk-stay]"))
        self.assertEqual(harness.nu_errors(screens), [])

    def test_qr_codes_of_every_version_read_back(self):
        """ConsultQR at each size it draws (versions 1 to 10, 7 and up carrying version bits), read back by zbar."""
        self.open_in_kiosk("/")
        for length in (10, 20, 40, 60, 80, 100, 120, 150, 175, 210):
            text = ("https://consult.example.org/v1/receipts/" + "0123456789abcdef" * 14)[:length]
            code = self.browser.execute_script(
                "var code = window.ConsultQR.svg(arguments[0], 'test'); code.style.width = '24rem'; code.style.height = '24rem';"
                "document.querySelector('main').prepend(code); return code;", text)
            image = self.stack.folder / f"qr-{length}.png"
            image.write_bytes(code.screenshot_as_png)
            decoded = subprocess.run(["zbarimg", "--raw", "-q", str(image)], capture_output=True, text=True)
            self.assertEqual(decoded.stdout.strip(), text, f"{length} bytes: {decoded.stderr}")
            self.browser.execute_script("arguments[0].remove();", code)

    def test_three_residents_in_a_row_are_each_counted(self):
        petition = next(f for f in self.open_forms("petition", "open") if f["identity_fields"])
        supports = self.open_forms("supports", "open")[0]
        survey = self.open_forms("survey", "open")[0]
        receipts = {petition["id"]: [], supports["id"]: [], survey["id"]: []}
        for resident in RESIDENTS:
            receipts[petition["id"]].append(self.sign(petition, resident))
            receipts[supports["id"]].append(self.support(supports))
            receipts[survey["id"]].append(self.answer(survey))
            self.finish()
        for form, kept in receipts.items():
            keys = {self.stack.stored(receipt)["public_key"] for receipt in kept}
            self.assertEqual(len(keys), len(RESIDENTS), f"residents shared a key on {form}")

        # The tellers' count: every resident's ballot on every form is valid, none superseded by the next.
        self.stack.collector.terminate()
        self.assertEqual(self.stack.collector.wait(timeout=30), 0)
        verdicts = self.stack.verdicts()
        for form, kept in receipts.items():
            self.assertEqual([verdicts[receipt] for receipt in kept], ["valid"] * len(RESIDENTS), f"a resident's ballot on {form}")
