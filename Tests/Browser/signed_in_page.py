"""How a journey submits a form and reads its receipt with JavaScript on: ballot-form.js signs the ballot in the page,
posts it as JSON to /v1/submissions and shows the receipt under the form, so the page never changes.

Before each submit the page's fetch, XMLHttpRequest and sendBeacon are wrapped to record what they send, so a test
can show that a voting code never left the page and that the stored row is the ballot the page signed."""

import json
import re
import urllib.parse

from stored_ballot import problems, spellings

# Wraps the page's ways of sending once per page, then empties the record: only this submit's requests are kept.
RECORD_REQUESTS = """
function text(body) {
  if (body == null) return '';
  if (typeof body === 'string') return body;
  if (body instanceof URLSearchParams) return body.toString();
  if (body instanceof FormData) return new URLSearchParams(Array.from(body.entries())).toString();
  return String(body);
}
if (!window.__sent) {
  var sent = window.__sent = [];
  var fetch0 = window.fetch;
  window.fetch = function (input, init) {
    sent.push({via: 'fetch', url: String(input && input.url || input), method: (init && init.method) || 'GET', body: text(init && init.body)});
    return fetch0.apply(this, arguments);
  };
  var open0 = XMLHttpRequest.prototype.open, send0 = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) { this.__sent = {via: 'xhr', url: String(url), method: method}; return open0.apply(this, arguments); };
  XMLHttpRequest.prototype.send = function (body) { var r = this.__sent || {via: 'xhr'}; r.body = text(body); sent.push(r); return send0.apply(this, arguments); };
  if (navigator.sendBeacon) {
    var beacon0 = navigator.sendBeacon.bind(navigator);
    navigator.sendBeacon = function (url, data) { sent.push({via: 'beacon', url: String(url), method: 'POST', body: text(data)}); return beacon0(url, data); };
  }
}
window.__sent.length = 0;
"""


def form_selector(form_id):
    return f'form[data-form-id="{form_id}"]'


class SignedInPage:
    """The JavaScript-on side of BrowserCase's submit() and receipt_from_answer()."""

    answered_form = None

    def answer_of(self, form_id):
        # ballot-form.js puts one answer region right after each form.
        return self.find(form_selector(form_id) + " + .ballot-answer")

    def strings_of(self, form_id):
        """The form's words for the script (data-* of [data-ballot-strings], in the page's language)."""
        return self.find(form_selector(form_id) + " [data-ballot-strings]")

    def shown_receipt(self, form_id):
        found = self.find_all(form_selector(form_id) + " + .ballot-answer code.receipt")
        return found[0].text if found else None

    def sent(self):
        """The requests the page sent since the last submit() began (fetch, XMLHttpRequest, sendBeacon)."""
        return self.browser.execute_script("return window.__sent || []")

    def record_requests(self):
        self.browser.execute_script(RECORD_REQUESTS)

    def submit(self, form, action=None):
        """Submits `form` (with its button, or `action`) and waits until the page shows a new receipt under it."""
        form_id = form.get_attribute("data-form-id")
        before = self.shown_receipt(form_id)  # the page shows the last receipt it kept for this form
        self.record_requests()
        (action or (lambda: self.click(self.find("button[type=submit]", form))))()
        self.wait_until(lambda: self._new_receipt(form_id, before), f"the page showed no new receipt for {form_id}")
        self.answered_form = form_id

    def _new_receipt(self, form_id, before):
        if not self.find_all(form_selector(form_id)):
            raise AssertionError("the form was posted by the browser instead of signed in the page")
        errors = self.find_all(form_selector(form_id) + " + .ballot-answer .error")
        if errors:
            raise AssertionError(f"the collector refused the page's ballot: {errors[0].text}")
        shown = self.shown_receipt(form_id)
        return shown if shown and shown != before else None

    def check_log_proof(self, answer, strings, kept):
        """The page says the collector's signed log holds the ballot only after checking the proof against the site's
        key (receipt-log.js); the same proof with a changed entry, path or key is refused there."""
        pattern = re.escape(strings.get_attribute("data-receipt-logged")).replace(r"\{index\}", r"(\d+)").replace(r"\{size\}", r"(\d+)")
        self.wait_until(lambda: self.find_all(".receipt-logged, .receipt-log-unproved", answer), "the page never checked the log's proof")
        self.assertEqual(self.find_all(".receipt-log-unproved", answer), [], "the page found the collector's proof wrong")
        shown = re.fullmatch(pattern, self.find(".receipt-logged", answer).text)
        self.assertIsNotNone(shown, self.find(".receipt-logged", answer).text)
        log = kept["log"]
        saved = self.find("a.receipt-save", answer)
        self.assertEqual(saved.text, strings.get_attribute("data-receipt-save"))
        self.assertEqual(json.loads(urllib.parse.unquote(saved.get_attribute("href").split(",", 1)[1])), kept,
                         "the file the page offers is the answer it keeps, which `collector audit receipt` reads")
        self.assertEqual((int(shown.group(1)), int(shown.group(2))), (log["entry"]["index"] + 1, log["tree_head"]["tree_size"]))
        keys = [self.stack.log_key]
        other = json.loads(json.dumps(log))
        other["entry"]["received_ms"] += 1
        moved = json.loads(json.dumps(log))
        moved["entry"]["index"] = (moved["entry"]["index"] + 1) % max(2, moved["tree_head"]["tree_size"])
        receipt = log["entry"]["receipt"]
        for tampered, with_keys, about, what in [(other, keys, receipt, "a changed time"), (moved, keys, receipt, "another index"),
                                                 (log, ["11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"], receipt, "another collector's key"),
                                                 (log, keys, "0" * 64, "another receipt")]:
            outcome = self.browser.execute_async_script(
                "var done = arguments[4]; window.ConsultLog.verify(arguments[0], arguments[1], arguments[2], arguments[3])"
                ".then(function () { done('accepted'); }, function (e) { done('refused: ' + e.message); });", tampered, with_keys, about,
                kept["stored_at"])
            self.assertTrue(outcome.startswith("refused"), f"the page accepted the proof with {what}")

    def receipt_from_answer(self):
        """The receipt shown in the page, after checking the page kept it, the collector has it, and the stored row is
        the canonical ballot the page signed and posted."""
        form_id = self.answered_form
        answer, strings = self.answer_of(form_id), self.strings_of(form_id)
        receipt = self.find("code.receipt", answer).text
        self.assertRegex(receipt, r"^[0-9a-f]{64}$", answer.text)
        self.assertEqual(self.find(".ballot-stored", answer).text, strings.get_attribute("data-submit-stored"))
        self.assertEqual(self.browser.switch_to.active_element, answer, "the receipt did not take the focus")
        kept = self.browser.execute_script("return JSON.parse(localStorage.getItem(arguments[0]))", "consult:receipt:" + form_id)
        self.assertEqual((kept or {}).get("receipt"), receipt, "the page did not keep the receipt in local storage")
        self.click(self.find("button", answer))
        found = strings.get_attribute("data-receipt-found")
        self.wait_until(lambda: self.find("button + span", answer).text == found, "the check button never said the receipt is stored")
        self.check_log_proof(answer, strings, kept)
        row = self.stack.stored(receipt)
        self.assertEqual(row["form_id"], form_id)
        self.assertEqual(problems(row, form_id), [])
        posts = [request for request in self.sent() if request["method"].upper() == "POST"]
        # The harness's collector runs on the example's clock, days behind the browser's, so the page's first ballot
        # is refused as issued in the future and signed again, once, with the collector's time (ballot-form.js).
        self.assertEqual([request["url"] for request in posts], [self.stack.url("/v1/submissions")] * 2)
        self.assertNotEqual(json.loads(posts[0]["body"])["ballot"], json.loads(posts[1]["body"])["ballot"])
        body = json.loads(posts[-1]["body"])
        self.assertEqual((body["ballot"], body["public_key"], body["signature"]),
                         (row["ballot"], row["public_key"], row["signature"]), "the stored row is not what the page posted")
        return receipt

    def check_code_kept(self, code, receipt):
        """Beyond the stored row (BrowserCase): no request the page sent carried the code, in any spelling."""
        super().check_code_kept(code, receipt)
        for request in self.sent():
            for spelling in spellings(code):
                self.assertNotIn(spelling, request["url"] + request["body"], f"the code left the page ({request['via']})")

    def kept_keys(self, form_id):
        """The public keys (base64url, the JWKs' `x`) the page keeps for an open form: one, or one per identity."""
        return self.browser.execute_script(
            "var prefix = 'consult:key:' + arguments[0]; return Object.keys(localStorage)"
            ".filter(function (name) { return name === prefix || name.indexOf(prefix + ':') === 0; }).sort()"
            ".map(function (name) { return JSON.parse(localStorage.getItem(name)).x; });", form_id)

    def kept_key(self, form_id):
        """The public key of the one key the page keeps for an open form."""
        keys = self.kept_keys(form_id)
        self.assertEqual(len(keys), 1, f"the page keeps {len(keys)} keys for {form_id}")
        return keys[0]

    def check_signs_again_with_the_kept_key(self, form_id, page, sign):
        """An open form signed twice in one browser: the page says it holds an earlier receipt, and both ballots carry
        the key kept in local storage, so the tellers count only the later one (verify: superseded)."""
        first = sign()
        key = self.kept_key(form_id)
        self.assertEqual(self.stack.stored(first)["public_key"], key, "the ballot is not signed with the kept key")
        self.open(page)
        self.assertEqual(self.shown_receipt(form_id), first, "the page does not show the receipt it kept")
        self.assertEqual(self.find(".ballot-stored", self.answer_of(form_id)).text,
                         self.strings_of(form_id).get_attribute("data-receipt-previous"))
        second = sign()
        self.assertNotEqual(second, first)
        self.assertEqual(self.find(".ballot-replaces", self.answer_of(form_id)).text, self.strings_of(form_id).get_attribute("data-submit-replaces"),
                         "the page did not say the ballot replaces the earlier one")
        self.assertEqual(self.kept_key(form_id), key, "the page made a new key instead of keeping its own")
        self.assertEqual(self.stack.stored(second)["public_key"], key)
