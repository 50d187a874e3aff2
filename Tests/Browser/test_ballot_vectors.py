"""The page's ballot script (window.ConsultBallot, themes/default/assets/js/ballot.js) meets the shared vectors of
Tests/Vectors/ballot-v1.json in Chromium's own WebCrypto: the same checks as Tests/Vectors/check-vectors.mjs in Node.
A Chromium without Ed25519 in WebCrypto cannot sign in the page: then only the vectors without keys are checked here,
the test says so, and test_without_ed25519.py shows the forms falling back to the plain post."""

import json

import harness

VECTORS = harness.REPO / "Tests" / "Vectors" / "ballot-v1.json"

# Runs in the page (private keys are CryptoKeys that cannot leave it) and answers the list of mismatches.
CHECK = """
var vectors = arguments[0], done = arguments[arguments.length - 1], B = window.ConsultBallot;
var failures = [], checks = 0, ed25519 = false;
function expect(actual, wanted, what) {
  checks += 1;
  if (actual !== wanted) failures.push(what + ': got ' + JSON.stringify(actual) + ', wanted ' + JSON.stringify(wanted));
}
function fromHex(text) { return Uint8Array.from(text.match(/../g) || [], function (h) { return parseInt(h, 16); }); }
(async function () {
  ed25519 = await B.supportsEd25519();
  vectors.percent_encoding.forEach(function (v) { expect(B.percentEncode(v.text), v.encoded, 'percentEncode(' + JSON.stringify(v.text) + ')'); });
  vectors.codes.forEach(function (v) {
    var got = B.normalizeCode(v.typed);
    expect(got.error, null, 'normalizeCode(' + v.typed + ').error');
    expect(got.data, v.data, 'normalizeCode(' + v.typed + ').data');
    expect(got.check, v.check, 'normalizeCode(' + v.typed + ').check');
    expect(got.grouped, v.grouped, 'normalizeCode(' + v.typed + ').grouped');
    expect(B.checkSymbol(v.data), v.check, 'checkSymbol(' + v.data + ')');
  });
  vectors.mistyped_codes.forEach(function (v) {
    var got = B.normalizeCode(v.typed);
    expect(got.error, v.error, 'normalizeCode(' + JSON.stringify(v.typed) + ').error');
    expect(got.data, null, 'normalizeCode(' + JSON.stringify(v.typed) + ').data');
    if ('position' in v) expect(got.position, v.position, 'normalizeCode(' + v.typed + ').position');
    if ('length' in v) expect(got.length, v.length, 'normalizeCode(' + v.typed + ').length');
  });
  // The seed needs only HKDF and a receipt only SHA-256; public keys and signatures need Ed25519.
  for (var v of vectors.keys) {
    expect(B.hex(await B.deriveSeed(v.code, v.roll)), v.seed, 'deriveSeed(' + v.code + ', ' + v.roll + ')');
    if (ed25519) expect((await B.deriveKey(v.code, v.roll)).publicKey, v.public_key, 'deriveKey(' + v.code + ', ' + v.roll + ').publicKey');
  }
  for (var b of vectors.ballots) {
    var text = B.canonical({form: b.form, items: b.items, nonce: fromHex(b.nonce), issued: new Date(b.issued_ms)});
    expect(text, b.text, 'canonical: ' + b.name);
    expect(await B.receipt(b.signature), b.receipt, 'receipt: ' + b.name);
    if (!ed25519) continue;
    var key = await B.deriveKey(b.code, b.roll);
    expect(key.publicKey, b.public_key, 'key: ' + b.name);
    expect(await B.sign(key.privateKey, b.text), b.signature, 'sign: ' + b.name);
  }
  var refused = await B.deriveKey(vectors.mistyped_codes[0].typed, 'city-2026').then(function () { return 'derived'; },
                                                                                    function (e) { return e.code; });
  expect(refused, 'check_mismatch', 'deriveKey refuses a mistyped code');
})().then(function () { done({checks: checks, failures: failures, ed25519: ed25519}); },
          function (error) { done({checks: checks, failures: failures.concat(['threw ' + error]), ed25519: ed25519}); });
"""


class TestBallotVectors(harness.JavaScriptOn):
    def test_ballot_script_meets_the_shared_vectors(self):
        if not VECTORS.exists():
            self.skipTest(f"{VECTORS.relative_to(harness.REPO)} is not in this checkout yet")
        # Every page of a form loads the ballot script.
        self.open(self.stack.page_of(self.open_forms("budget", "roll")[0]["id"]))
        if not self.browser.execute_script("return !!window.ConsultBallot"):
            self.skipTest("the site's pages do not expose window.ConsultBallot yet (themes/default/assets/js/ballot.js)")
        outcome = self.browser.execute_async_script(CHECK, json.loads(VECTORS.read_text()))
        self.assertGreater(outcome["checks"], 0)
        self.assertEqual(outcome["failures"], [], f"{len(outcome['failures'])} of {outcome['checks']} checks failed")
        if not outcome["ed25519"]:
            version = self.browser.capabilities.get("browserVersion", "?")
            self.skipTest(f"Chromium {version} has no Ed25519 in WebCrypto: the page cannot sign here, so public keys and "
                          f"signatures went unchecked ({outcome['checks']} other checks passed); forms fall back to "
                          "the plain post (test_without_ed25519.py)")

