"""The page's blind-signature script (window.ConsultBlind, themes/default/assets/js/blind-signature.js) meets RFC 9474's
own vectors (Tests/Vectors/rfc9474.json) in Chromium's BigInt and WebCrypto: the same checks as
Tests/Vectors/check-vectors.mjs in Node and IssuerKeyTests in Swift."""

import json

import harness

VECTORS = harness.REPO / "Tests" / "Vectors" / "rfc9474.json"
SCRIPT = harness.REPO / "themes" / "default" / "assets" / "js" / "blind-signature.js"

# Runs in the page and answers the list of mismatches. The vectors give r's inverse; blinding takes r.
CHECK = """
var vectors = arguments[0], done = arguments[arguments.length - 1], Blind = window.ConsultBlind;
var failures = [], checks = 0;
function expect(actual, wanted, what) {
  checks += 1;
  if (actual !== wanted) failures.push(what + ': got ' + JSON.stringify(actual) + ', wanted ' + JSON.stringify(wanted));
}
function fromHex(text) { return Uint8Array.from(text.match(/../g) || [], function (h) { return parseInt(h, 16); }); }
function hex(bytes) { return Array.from(bytes, function (b) { return b.toString(16).padStart(2, '0'); }).join(''); }
function modInverse(a, m) {
  var oldR = a % m, r = m, oldS = 1n, s = 0n;
  while (r !== 0n) { var q = oldR / r, t = oldR - q * r; oldR = r; r = t; t = oldS - q * s; oldS = s; s = t; }
  return ((oldS % m) + m) % m;
}
(async function () {
  expect(Blind.supported(), true, 'supported');
  for (var v of vectors) {
    var key = {n: fromHex(v.n), e: fromHex(v.e)}, prepared = fromHex(v.prepared_msg), salt = fromHex(v.salt);
    var encoded = await Blind.encode(prepared, salt, v.n.length * 4);
    var r = fromHex(modInverse(BigInt('0x' + v.inv), BigInt('0x' + v.n)).toString(16).padStart(v.n.length, '0'));
    var blinded = Blind.blindWith(key, encoded, r);
    expect(hex(blinded.blinded), v.blinded_msg, 'blind: ' + v.name);
    expect(await Blind.verify(key, prepared, fromHex(v.sig), salt.length), true, 'verify: ' + v.name);
    if (salt.length === 48) expect(hex(await Blind.finalize(key, prepared, fromHex(v.blind_sig), fromHex(v.inv))), v.sig, 'finalize: ' + v.name);
  }
  // A fresh blinding of the page's own: random salt and r, then the issuer's answer stands in by the vector's private
  // exponent, and the unblinded signature must verify.
  var v0 = vectors[0], k0 = {n: fromHex(v0.n), e: fromHex(v0.e)};
  var fresh = Blind.prepare(new TextEncoder().encode('a fresh key'));
  var made = await Blind.blind(k0, fresh);
  var n = BigInt('0x' + v0.n), d = BigInt('0x' + v0.d), m = BigInt('0x' + hex(made.blinded)), s = 1n, b = m % n, x = d;
  while (x > 0n) { if (x & 1n) s = s * b % n; b = b * b % n; x >>= 1n; }
  var answer = fromHex(s.toString(16).padStart(v0.n.length, '0'));
  expect(hex(await Blind.finalize(k0, fresh, answer, made.inverse)).length, v0.sig.length, 'finalize a fresh blinding');
})().then(function () { done({checks: checks, failures: failures}); },
          function (error) { done({checks: checks, failures: failures.concat(['threw ' + error]), }); });
"""


class TestBlindSignatureVectors(harness.JavaScriptOn):
    def test_blind_signature_script_meets_rfc_9474_vectors(self):
        self.open("/en/")
        self.browser.execute_script(SCRIPT.read_text())
        outcome = self.browser.execute_async_script(CHECK, json.loads(VECTORS.read_text()))
        self.assertGreater(outcome["checks"], 0)
        self.assertEqual(outcome["failures"], [], f"{len(outcome['failures'])} of {outcome['checks']} checks failed")
