/* ConsultFiler: a filer's name, attested by the roll's issuer (docs/ISSUER.md, "Filing"). The issuer's identity check
   gives the name and proves the age; the page then makes a fresh Ed25519 key and the issuer signs the name for that
   key, so the attestation is worth nothing to anyone who does not hold the key. The key signs the filing and lives
   in this page only: a reload asks again.

   window.ConsultFiler:
     begin(issuerURL)           -> off to the issuer's identity check, which comes back to this page with
                                   #filing_grant=... or #filing_error=...
     returned()                 -> {grant} or {error} from this page's address (removed from it at once), or null
     complete(issuerURL, grant) -> Promise<{name, attestation, key}>: key signs the filing; rejects when refused
*/
(function () {
  "use strict";
  var B = window.ConsultBallot;
  if (!B || !window.URLSearchParams) return;

  function endpoint(issuerURL, path) { return issuerURL.replace(/\/?$/, "/") + path; }

  function begin(issuerURL) {
    var back = window.location.href.split("#")[0];
    window.location.assign(endpoint(issuerURL, "v1/login?purpose=file&return=" + encodeURIComponent(back)));
  }

  function returned() {
    var params = new URLSearchParams(window.location.hash.slice(1));
    var grant = params.get("filing_grant"), error = params.get("filing_error");
    if (!grant && !error) return null;
    // A grant is good once: it leaves the address bar and the history before anything else happens.
    window.history.replaceState(null, "", window.location.pathname + window.location.search);
    return grant ? { grant: grant } : { error: error };
  }

  function complete(issuerURL, grant) {
    return B.generateKey().then(function (made) {
      return fetch(endpoint(issuerURL, "v1/filings"), {
        method: "POST", credentials: "omit", cache: "no-store", headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ grant: grant, key: made.publicKey }),
      }).then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (data) {
          if (response.status !== 201 || typeof data.name !== "string" || typeof data.attestation !== "string") throw new Error("refused");
          return { name: data.name, attestation: data.attestation, key: made };
        });
      });
    });
  }

  window.ConsultFiler = { begin: begin, returned: returned, complete: complete };
})();
