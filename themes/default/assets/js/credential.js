/* ConsultCredential: a roll's credential for this browser (docs/BALLOT.md "Credentials", docs/ISSUER.md). A fresh
   Ed25519 key is kept in local storage; after the issuer's identity check, its message is blinded (blind-signature.js)
   and sent with the check's one-time grant; the issuer's answer is unblinded and checked before it is kept. The issuer
   sees the blinded message only, so it cannot tell which key it vouched for.

   window.ConsultCredential:
     held(roll)              -> {jwk, public_key, credential} once the credential is kept, else null
     begin(issuerURL, roll)  -> Promise: a fresh key kept, then off to the issuer's identity check, which comes back to
                                this page with #credential_grant=... or #credential_error=...
     returned()              -> {grant} or {error} from this page's address (removed from it at once), or null
     complete(issuerURL, issuerKey, roll, grant) -> Promise<kept>; rejects with .code "already_issued" or "failed"
     fromCode(issuerURL, issuerKey, roll, code) -> Promise<kept>: the roll's voting code as the identity step; rejects
                                with .code "invalid_code", "not_eligible", "already_issued" or "failed"
     key(kept)               -> Promise<{privateKey, publicKey}> that signs the roll's ballots
*/
(function () {
  "use strict";
  var B = window.ConsultBallot, Blind = window.ConsultBlind;
  if (!B || !Blind || !Blind.supported() || !window.URLSearchParams) return;
  var PREFIX_LENGTH = 32;

  function name(roll) { return "consult:credential:" + roll; }

  function get(roll) {
    try { var raw = window.localStorage.getItem(name(roll)); return raw ? JSON.parse(raw) : null; } catch (e) { return null; }
  }

  // Throws when storage is off: a credential must outlive the trip to the identity check, or it is lost for good.
  function set(roll, value) { window.localStorage.setItem(name(roll), JSON.stringify(value)); }

  function coded(code) { var error = new Error(code); error.code = code; return error; }

  function endpoint(issuerURL, path) { return issuerURL.replace(/\/?$/, "/") + path; }

  function held(roll) {
    var kept = get(roll);
    return kept && kept.credential ? kept : null;
  }

  function begin(issuerURL, roll) {
    if (held(roll)) return Promise.resolve();
    return B.generateKey().then(function (key) {
      set(roll, { jwk: key.jwk, public_key: key.publicKey });
      var back = window.location.href.split("#")[0];
      window.location.assign(endpoint(issuerURL, "v1/login?return=" + encodeURIComponent(back)));
    });
  }

  function returned() {
    var params = new URLSearchParams(window.location.hash.slice(1));
    var grant = params.get("credential_grant"), error = params.get("credential_error");
    if (!grant && !error) return null;
    // A grant is good once: it leaves the address bar and the history before anything else happens.
    window.history.replaceState(null, "", window.location.pathname + window.location.search);
    return grant ? { grant: grant } : { error: error };
  }

  // The issuer's key as the site publishes it (a SubjectPublicKeyInfo) read by WebCrypto into modulus and exponent.
  function issuerKey(text) {
    var subtle = window.crypto.subtle;
    return subtle.importKey("spki", B.fromBase64url(text), { name: "RSA-PSS", hash: "SHA-384" }, true, ["verify"]).then(function (key) {
      return subtle.exportKey("jwk", key);
    }).then(function (jwk) { return { n: B.fromBase64url(jwk.n), e: B.fromBase64url(jwk.e) }; });
  }

  function complete(issuerURL, issuerKeyText, roll, grant) {
    var kept = get(roll);
    if (kept && kept.credential) return Promise.resolve(kept);
    if (!kept || !kept.public_key) return Promise.reject(coded("failed"));
    var prepared = Blind.prepare(B.utf8("credential/v1\n" + kept.public_key));
    return issuerKey(issuerKeyText).then(function (publicKey) {
      return Blind.blind(publicKey, prepared).then(function (blinded) {
        return fetch(endpoint(issuerURL, "v1/credentials"), {
          method: "POST", credentials: "omit", cache: "no-store", headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ grant: grant, blinded: B.base64url(blinded.blinded) }),
        }).then(function (response) {
          return response.json().catch(function () { return {}; }).then(function (data) {
            if (response.status !== 201 || typeof data.blind_signature !== "string") throw coded(response.status === 409 ? "already_issued" : "failed");
            return Blind.finalize(publicKey, prepared, B.fromBase64url(data.blind_signature), blinded.inverse);
          });
        });
      });
    }).then(function (signature) {
      var credential = new Uint8Array(PREFIX_LENGTH + signature.length);
      credential.set(prepared.subarray(0, PREFIX_LENGTH));
      credential.set(signature, PREFIX_LENGTH);
      kept.credential = B.base64url(credential);
      set(roll, kept);
      return kept;
    }, function (error) {
      throw error && error.code === "already_issued" ? error : coded("failed");
    });
  }

  // The code goes to the issuer only: it vouches for the roll's card once, and the key it then signs blind is not the code's.
  function fromCode(issuerURL, issuerKeyText, roll, code) {
    if (held(roll)) return Promise.resolve(held(roll));
    var kept = get(roll);
    var made = kept && kept.public_key ? Promise.resolve() : B.generateKey().then(function (key) { set(roll, { jwk: key.jwk, public_key: key.publicKey }); });
    return made.then(function () {
      return fetch(endpoint(issuerURL, "v1/code-grants"), {
        method: "POST", credentials: "omit", cache: "no-store", headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ code: code }),
      });
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        if (response.status === 201 && typeof data.grant === "string") return data.grant;
        throw coded(response.status === 422 ? "invalid_code" : response.status === 403 ? "not_eligible" : response.status === 409 ? "already_issued" : "failed");
      });
    }).then(function (grant) { return complete(issuerURL, issuerKeyText, roll, grant); });
  }

  function key(kept) { return B.importKey(kept.jwk); }

  window.ConsultCredential = { held: held, begin: begin, returned: returned, complete: complete, fromCode: fromCode, key: key };
})();
