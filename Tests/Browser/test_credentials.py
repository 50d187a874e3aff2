"""Issue 23: a petition signed anonymously with a credential. The page sends the participant to the roll's issuer,
which logs them in at a real OpenID Connect provider and blind-signs the page's key; the page unblinds, signs the
petition, and the collector and the tellers count it. What the issuer keeps and what the collector keeps share no
value that could join the person to the ballot. Filing a petition goes the identified way: the provider's claims
give the filer's name, which the issuer attests for the filing's key, and prove the age."""

import base64
import json
import shutil
import subprocess
import tempfile
from pathlib import Path

import harness

PETITION = "/en/petitions/night-trains/"
PETITIONS = "/en/petitions/"


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

    def log_in(self, subject, page=PETITION):
        """At the provider's page, as the participant: their subject, then Authorize; back on `page`."""
        self.wait_until(lambda: self.browser.current_url.startswith(self.stack.identity.provider_origin), "not sent to the identity check")
        self.find("input[name=sub]").send_keys(subject)
        self.leave_page(lambda: self.click(self.find("form button[type=submit]")), "the provider did not send the participant back")
        self.wait_until(lambda: self.browser.current_url.startswith(self.stack.url(page)), "not back on the page")

    def filing_form(self):
        self.open(PETITIONS)
        return self.find("form[data-form-id='petitions/file']")

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


    def test_a_voting_card_gets_a_credential_without_the_provider(self):
        """The roll's issuer also takes its voting cards (`--codes`): the code goes to the issuer only, and the
        credential it gives signs as the provider's does."""
        self.petition_form()
        self.forget_credentials()
        form = self.petition_form()
        box = self.find("[data-credential]", form)
        card = self.find("[data-credential-code]", box)
        self.assertTrue(card.is_displayed(), "the page asks for a card's code beside the provider")
        typing = self.find("[data-credential-code-input]", card)
        self.assertFalse(typing.get_attribute("name"), "the code is never a field of the ballot's form")
        code = self.stack.identity.code()
        wrong = ("B" if code[0] == "A" else "A") + code[1:]
        typing.send_keys(wrong)
        self.click(self.find("[data-credential-use-code]", card))
        self.wait_until(lambda: self.find("[data-credential-status]", box).text == box.get_attribute("data-code-invalid"), "a mistyped code was not told")
        typing.clear()
        typing.send_keys(code.lower())
        self.click(self.find("[data-credential-use-code]", card))
        self.wait_until(lambda: self.find("[data-credential-status]", box).text == box.get_attribute("data-held"), "no credential from the card")
        self.assertFalse(card.is_displayed(), "the card's box goes once the credential is held")
        self.click(self.find("button[type=submit]", form))
        self.wait_until(lambda: self.find_all(".ballot-answer code.receipt"), "no receipt shown")
        receipt = self.find(".ballot-answer code.receipt").text
        row = self.stack.stored(receipt)
        self.assertIn("\ncredential=", row["ballot"])
        self.assertEqual(self.stack.verdicts()[receipt], "valid", "the tellers count the ballot")
        collector_text = json.dumps(row) + self.stack.db.read_bytes().decode("latin-1")
        self.assertNotIn(code, collector_text, "the collector never sees the card")
        self.assertNotIn(code.replace("-", ""), collector_text)

        # The same card again, from a browser that forgot its credential, gets no second one.
        self.forget_credentials()
        form = self.petition_form()
        box = self.find("[data-credential]", form)
        self.find("[data-credential-code-input]", box).send_keys(code)
        self.click(self.find("[data-credential-use-code]", box))
        self.wait_until(lambda: self.find("[data-credential-status]", box).text == box.get_attribute("data-already-issued"),
                        "a second credential for one card was not refused")

    def test_file_a_petition_under_the_name_the_identity_check_gives(self):
        self.stack.identity.set_claims("filer-fr-3", {"birthdate": "1984-07-14", "given_name": "Robin", "family_name": "Filer"})
        form = self.filing_form()
        box = self.find("[data-filer]", form)
        name = self.find("[data-attested-name]", box)
        self.assertIsNotNone(name.get_attribute("readonly"), "the filer cannot type the attested name")
        self.assertFalse(self.find("button[type=submit]", form).is_displayed(), "no filing before the identity check")
        self.click(self.find("[data-filer-get]", box))
        self.log_in("filer-fr-3", PETITIONS)
        form = self.find("form[data-form-id='petitions/file']")
        box = self.find("[data-filer]", form)
        self.wait_until(lambda: self.find("[data-filer-status]", box).text == box.get_attribute("data-held"), "no name from the identity check")
        self.assertEqual(self.find("[data-attested-name]", box).get_attribute("value"), "Robin Filer")
        self.assertNotIn("filing_grant", self.browser.current_url, "the one-time grant left the address bar")
        self.find("[name=title]", form).send_keys("Repair cafés in every town hall")
        self.find("[name=text]", form).send_keys("Fixing instead of throwing away.")
        self.find("[name='identity.email']", form).send_keys("robin.filer@example.org")
        self.click(self.find("button[type=submit]", form))
        self.wait_until(lambda: self.find_all(".ballot-answer code.receipt"), "no receipt shown")
        receipt = self.find(".ballot-answer code.receipt").text
        identity = json.loads(self.stack.stored(receipt)["identity"])
        self.assertEqual(identity["name"], "Robin Filer")
        self.assertIn("attestation", identity)

        # The moderators' CSV holds the attested name; the content file that goes to the site holds neither it nor the email.
        folder = Path(tempfile.mkdtemp(prefix="filing-", dir=self.stack.folder))
        content, identities = folder / "content", folder / "filings.csv"
        shutil.copytree(self.stack.folder / "content", content)
        rolls = [argument for roll in self.stack.folder.glob("rolls/*/roll.txt") for argument in ("--roll", roll)]
        export = subprocess.run([harness.BIN / "collector", "export", "--contributions", "--db", self.stack.db,
                                 "--manifest", self.stack.site / "ballots.json", *rolls, "--content", content, "--identities", identities],
                                capture_output=True, text=True)
        self.assertEqual(export.returncode, 0, export.stderr)
        filed = [path for path in content.rglob("*.md") if receipt in path.read_text()]
        self.assertEqual(len(filed), 1)
        self.assertIn("Repair cafés in every town hall", filed[0].read_text())
        for value in ("Robin Filer", "robin.filer@example.org"):
            self.assertNotIn(value, filed[0].read_text())
        row = next(line for line in identities.read_text().splitlines() if receipt in line)
        self.assertIn("Robin Filer", row)
        self.assertIn("robin.filer@example.org", row)

    def test_a_minor_may_not_file_and_is_told_so(self):
        self.stack.identity.set_claims("young-fr-4", {"birthdate": "2014-03-01", "given_name": "Tom", "family_name": "Petit"})
        form = self.filing_form()
        self.click(self.find("[data-filer-get]", form))
        self.log_in("young-fr-4", PETITIONS)
        box = self.find("form[data-form-id='petitions/file'] [data-filer]")
        self.wait_until(lambda: self.find("[data-filer-status]", box).text == box.get_attribute("data-not-eligible"), "a minor was not told why")
        self.assertEqual(self.find("[data-attested-name]", box).get_attribute("value"), "")
        self.assertFalse(self.find("form[data-form-id='petitions/file'] button[type=submit]").is_displayed())


class TestCredentialsWithoutJavaScript(CredentialCase):
    javascript = False

    def test_the_page_says_plainly_that_signing_needs_the_script(self):
        form = self.petition_form()
        self.assertFalse(self.find("[data-credential-code]", form).is_displayed(), "no card's code where no script could use it")
        notice = self.find("[data-needs-script]", form)
        self.assertTrue(notice.is_displayed())
        self.assertIn("JavaScript", notice.text)
        self.submit(form)
        self.assertIn("JavaScript", self.find("main").text, "the collector's refusal says what is missing")

    def test_filing_says_plainly_that_it_needs_the_script(self):
        self.open(PETITIONS)
        form = self.find("form[data-form-id='petitions/file']")
        notice = self.find("[data-filer] [data-needs-script]", form)
        self.assertTrue(notice.is_displayed())
        self.assertIn("JavaScript", notice.text)
        # A hand-made post with a typed name is refused: only the issuer's attestation names a filer.
        answer = self.stack.post_form("petitions/file", {"lang": "en", "title": "T", "text": "X", "identity.name": "Someone Else",
                                                         "identity.email": "a@example.org"})
        self.assertIn("identity check", answer)
