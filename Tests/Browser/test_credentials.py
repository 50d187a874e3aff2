"""Issue 23: a petition signed anonymously with a credential. The page sends the participant to the roll's issuer,
which logs them in at a real OpenID Connect provider and blind-signs the page's key; the page unblinds, signs the
petition, and the collector and the tellers count it. What the issuer keeps and what the collector keeps share no
value that could join the person to the ballot."""

import base64
import json

import harness

PETITION = "/en/petitions/night-trains/"


class CredentialCase(harness.BrowserCase):
    @classmethod
    def setUpClass(cls):
        cls.stack = harness.stack()
        cls.browser = cls.stack.browser(cls.javascript)

    def petition_form(self):
        self.open(PETITION)
        return self.find("form[data-form-id$='/sign']")


class TestCredentialsWithJavaScript(CredentialCase):
    javascript = True

    def log_in(self, subject):
        """At the provider's page, as the participant: their subject, then Authorize; back on the petition page."""
        self.wait_until(lambda: self.browser.current_url.startswith(self.stack.identity.provider_origin), "not sent to the identity check")
        self.find("input[name=sub]").send_keys(subject)
        self.leave_page(lambda: self.click(self.find("form button[type=submit]")), "the provider did not send the participant back")
        self.wait_until(lambda: self.browser.current_url.startswith(self.stack.url(PETITION)), "not back on the petition page")

    def forget_credentials(self):
        self.browser.execute_script("Object.keys(localStorage).forEach(function (k) { localStorage.removeItem(k); })")

    def test_sign_a_petition_anonymously_with_a_credential(self):
        self.stack.identity.set_claims("alice-fr-1", {"birthdate": "1990-04-02", "name": "Alice Martin"})
        self.petition_form()
        self.forget_credentials()
        form = self.petition_form()
        box = self.find("[data-credential]", form)
        self.assertFalse(self.find("[data-needs-script]", box).is_displayed(), "the script is on: no notice that it is needed")
        self.assertFalse(self.find("button[type=submit]", form).is_displayed(), "no signing before a credential")
        self.assertEqual(self.find_all("input[name^='identity.']", form), [], "no name or email is asked")
        self.click(self.find("[data-credential-get]", box))
        self.log_in("alice-fr-1")
        form = self.find("form[data-form-id$='/sign']")
        held = self.find("[data-credential]", form).get_attribute("data-held")
        self.wait_until(lambda: self.find("[data-credential-status]", form).text == held, "the page holds no credential")
        self.assertNotIn("credential_grant", self.browser.current_url, "the one-time grant left the address bar")
        self.click(self.find("button[type=submit]", form))
        self.wait_until(lambda: self.find_all(".ballot-answer code.receipt"), "no receipt shown")
        receipt = self.find(".ballot-answer code.receipt").text
        row = self.stack.stored(receipt)
        self.assertIn("\ncredential=", row["ballot"])
        self.assertIsNone(row["identity"], "a credential signer's row holds no identity")
        self.assertEqual(self.stack.verdicts()[receipt], "valid", "the tellers count the ballot")

        # Nothing the issuer keeps or wrote holds a value of the ballot, and nothing the collector keeps holds the
        # subject, the name or the birthdate.
        credential = row["ballot"].split("\ncredential=")[1]
        issuer_text = self.stack.identity.issuer_files_text()
        raw_key = base64.urlsafe_b64decode(row["public_key"] + "=")
        raw_credential = base64.urlsafe_b64decode(credential + "=" * (-len(credential) % 4))
        for value in (row["public_key"], credential, row["signature"], receipt, raw_key.decode("latin-1"),
                      raw_credential[32:64].decode("latin-1"), raw_credential[:32].decode("latin-1")):
            self.assertNotIn(value, issuer_text, "the issuer's files hold a value of the ballot")
        collector_text = json.dumps(row) + self.stack.db.read_bytes().decode("latin-1")
        for value in ("alice-fr-1", "Alice Martin", "1990-04-02"):
            self.assertNotIn(value, collector_text, "the collector's file holds the person")

        # A second credential for the same person is refused, in words, even from a browser that forgot the first.
        self.forget_credentials()
        form = self.petition_form()
        self.click(self.find("[data-credential-get]", form))
        self.log_in("alice-fr-1")
        form = self.find("form[data-form-id$='/sign']")
        refused = self.find("[data-credential]", form).get_attribute("data-already-issued")
        self.wait_until(lambda: self.find("[data-credential-status]", form).text == refused, "a second credential was not refused")
        self.assertFalse(self.find("button[type=submit]", form).is_displayed())

    def test_a_minor_gets_no_credential_and_is_told_so(self):
        self.stack.identity.set_claims("young-fr-2", {"birthdate": "2015-01-01"})
        self.petition_form()
        self.forget_credentials()
        form = self.petition_form()
        self.click(self.find("[data-credential-get]", form))
        self.log_in("young-fr-2")
        form = self.find("form[data-form-id$='/sign']")
        refused = self.find("[data-credential]", form).get_attribute("data-not-eligible")
        self.wait_until(lambda: self.find("[data-credential-status]", form).text == refused, "a minor was not told why")
        self.assertFalse(self.find("button[type=submit]", form).is_displayed())


class TestCredentialsWithoutJavaScript(CredentialCase):
    javascript = False

    def test_the_page_says_plainly_that_signing_needs_the_script(self):
        form = self.petition_form()
        notice = self.find("[data-needs-script]", form)
        self.assertTrue(notice.is_displayed())
        self.assertIn("JavaScript", notice.text)
        self.submit(form)
        self.assertIn("JavaScript", self.find("main").text, "the collector's refusal says what is missing")
