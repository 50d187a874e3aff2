"""With JavaScript on but no Ed25519 in WebCrypto (older browsers), the page still catches a mistyped code, then posts
the form as it is and the collector signs for the participant. This Chromium has Ed25519, so the test takes it away
before the page's scripts run (a script Chromium evaluates first in every new document), for this test only."""

import harness
from budget_ballot import BudgetBallot, swap_neighbours

# Makes WebCrypto refuse Ed25519 as a browser without it does: ballot.js's supportsEd25519() then answers false.
HIDE_ED25519 = """
(function () {
  var subtle = crypto.subtle;
  function refuses(name, at) {
    var original = subtle[name].bind(subtle);
    subtle[name] = function () {
      var algorithm = arguments[at], id = typeof algorithm === 'string' ? algorithm : algorithm && algorithm.name;
      if (String(id).toLowerCase() === 'ed25519') return Promise.reject(new DOMException('Unrecognized name', 'NotSupportedError'));
      return original.apply(null, arguments);
    };
  }
  refuses('generateKey', 0);
  refuses('importKey', 2);
  refuses('sign', 0);
})();
"""


class TestWithoutEd25519(BudgetBallot, harness.JavaScriptOn):
    def hide_ed25519(self):
        added = self.browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": HIDE_ED25519})
        # The browser is shared with the other JavaScript-on tests: give Ed25519 back whatever happens here.
        self.addCleanup(self.browser.execute_cdp_cmd, "Page.removeScriptToEvaluateOnNewDocument",
                        {"identifier": added["identifier"]})

    def test_a_ballot_falls_back_to_the_form_post(self):
        self.hide_ed25519()
        form = self.ward_budget()
        ballot = self.open_ballot(form)
        self.assertFalse(self.browser.execute_async_script(
            "window.ConsultBallot.supportsEd25519().then(arguments[arguments.length - 1])"), "Ed25519 is still there")
        boxes = self.boxes(ballot)
        self.set_choices(boxes, self.within_the_rule(form, boxes))
        # The check symbol is the page's to check even when it cannot sign: the form stays, the message shows.
        self.type_code(ballot, swap_neighbours(harness.voting_code(form["roll"])))
        self.click(self.find("button[type=submit]", ballot))
        message = self.find("[data-ballot-strings]", ballot).get_attribute("data-code-mistyped")
        self.wait_until(lambda: message in [e.text for e in self.find_all("p.error", ballot)],
                        "no message next to the mistyped code")
        code = harness.voting_code(form["roll"])
        self.type_code(ballot, code)
        # The plain post: the browser leaves for the collector's answer page, and the collector signed with the
        # code's key.
        harness.BrowserCase.submit(self, ballot)
        receipt = harness.BrowserCase.receipt_from_answer(self)
        harness.BrowserCase.check_code_kept(self, code, receipt)
        self.assertEqual(self.stack.stored(receipt)["form_id"], form["id"])
