/* Signs participation forms in the page (docs/BALLOT.md): the ballot is written and signed here and posted as JSON,
   so a voting code never leaves the page. Without this script, without WebCrypto Ed25519, or when the collector
   cannot be reached, the form posts as it is and the collector signs for the participant.
   Needs ballot.js (window.ConsultBallot); words come from the form's [data-ballot-strings] (themes/default/i18n). */
(function () {
  "use strict";
  var B = window.ConsultBallot;
  if (!B || !window.fetch || !window.Promise || !window.TextEncoder) return;
  var lang = document.documentElement.lang || "en";
  // On a shared kiosk (kiosk.js) nothing is kept in the browser: a key lives as long as the page, a receipt on screen.
  var kiosk = window.ConsultKiosk ? window.ConsultKiosk.ready : Promise.resolve(null);

  function fill(text, values) {
    return String(text || "").replace(/\{(\w+)\}/g, function (all, name) { return values[name] !== undefined ? values[name] : all; });
  }

  // Storage may be off (private modes, policies): the page then works without keeping anything.
  var store = {
    get: function (key) {
      try { var raw = window.localStorage.getItem(key); return raw ? JSON.parse(raw) : null; } catch (e) { return null; }
    },
    set: function (key, value) {
      try { window.localStorage.setItem(key, JSON.stringify(value)); } catch (e) { /* not kept: nothing to do */ }
    },
  };

  function element(tag, attributes, text) {
    var el = document.createElement(tag);
    for (var name in attributes) el.setAttribute(name, attributes[name]);
    if (text !== undefined) el.textContent = text;
    return el;
  }

  function collectorBase(form) {
    var action = new URL(form.getAttribute("action"), window.location.href).href;
    var at = action.indexOf("/v1/forms/");
    return at < 0 ? null : action.slice(0, at);
  }

  function setup(form) {
    var formID = form.getAttribute("data-form-id");
    var base = collectorBase(form);
    var stringsEl = form.querySelector("[data-ballot-strings]");
    if (!formID || !base || !stringsEl) return;
    var t = stringsEl.dataset;
    var codeInput = form.querySelector("input[name=code]");
    var roll = codeInput ? codeInput.getAttribute("data-roll") || "" : null;
    var credentialBox = form.querySelector("[data-credential]");
    var credential = credentialBox ? setupCredential(form, credentialBox) : null;
    var filerBox = form.querySelector("[data-filer]");
    var filer = filerBox ? setupFiler(form, filerBox) : null;
    var receiptKey = "consult:receipt:" + formID;
    var keyKey = "consult:key:" + formID;
    var signing = false;
    var shared = false;
    var pageKey = null;
    B.supportsEd25519().then(function (yes) { signing = yes; });
    kiosk.then(function (settings) { shared = settings !== null; });

    // One place per form where outcomes are announced; the receipt goes into it too.
    var answer = element("div", { "class": "ballot-answer", tabindex: "-1", role: "status", "aria-live": "polite" });
    answer.hidden = true;
    form.parentNode.insertBefore(answer, form.nextSibling);

    var shownErrors = [];
    function clearErrors() {
      shownErrors.forEach(function (undo) { undo(); });
      shownErrors = [];
    }

    // The refusal next to the field it names, tied to it with aria-describedby, and the focus moved there.
    function showFieldError(field, message) {
      var set = field && field.indexOf("q.") === 0 ? form.querySelector('[data-question="' + field.slice(2).split(".")[0].replace(/["\\]/g, "") + '"]') : null;
      if (set && set.querySelector("[data-error]")) {
        var line = set.querySelector("[data-error]");
        line.textContent = message;
        line.hidden = false;
        set.setAttribute("aria-invalid", "true");
        shownErrors.push(function () { line.hidden = true; line.textContent = ""; set.setAttribute("aria-invalid", "false"); });
        var first = set.querySelector("input, textarea, select");
        if (first) first.focus();
        return true;
      }
      var group = field === "choice" || field === "points";
      var control = !field ? null : group ? form.querySelector(field === "choice" ? "input[name=choice]" : "input[name^='points.']")
        : form.querySelector('[name="' + field.replace(/["\\]/g, "") + '"]');
      if (!control) return false;
      var id = "error-" + (control.id || formID.replace(/[^A-Za-z0-9_-]/g, "-") + "-" + field.replace(/[^A-Za-z0-9_-]/g, "-"));
      var error = element("p", { "class": "error", id: id, role: "alert" }, message);
      // A choice among many is answered under the whole list, not under its first box.
      var holder = (group && control.closest("fieldset, ul")) || control.closest("p, li") || control;
      holder.parentNode.insertBefore(error, holder.nextSibling);
      var described = control.getAttribute("aria-describedby");
      control.setAttribute("aria-describedby", described ? described + " " + id : id);
      control.setAttribute("aria-invalid", "true");
      shownErrors.push(function () {
        error.remove();
        if (described) control.setAttribute("aria-describedby", described); else control.removeAttribute("aria-describedby");
        control.removeAttribute("aria-invalid");
      });
      control.focus();
      return true;
    }

    function announce(parts, focus) {
      answer.textContent = "";
      parts.forEach(function (part) { answer.appendChild(part); });
      answer.hidden = false;
      if (focus) answer.focus();
    }

    function showReceipt(saved, fresh, focus, sent, replaces) {
      var result = element("span", { "aria-live": "polite" });
      var check = element("button", { type: "button" }, t.receiptCheck);
      check.addEventListener("click", function () {
        result.textContent = "";
        fetch(base + "/v1/receipts/" + encodeURIComponent(saved.receipt), { credentials: "omit", cache: "no-store" }).then(function (response) {
          result.textContent = response.status === 200 ? t.receiptFound : response.status === 404 ? t.receiptNotFound : t.receiptUnreachable;
        }, function () { result.textContent = t.receiptUnreachable; });
      });
      var line = element("p");
      line.appendChild(element("strong", {}, t.receiptLabel + " "));
      line.appendChild(element("code", { "class": "receipt" }, saved.receipt));
      // On a kiosk the receipt leaves with the participant: its check address as a QR code for a phone.
      var code = shared && window.ConsultQR ? window.ConsultQR.svg(base + "/v1/receipts/" + saved.receipt, t.receiptQr) : null;
      if (code) line.appendChild(code);
      var actions = element("p");
      actions.appendChild(check);
      actions.appendChild(document.createTextNode(" "));
      actions.appendChild(result);
      // The answer as a file the participant keeps beyond this browser: `collector audit receipt` checks it against the
      // published bundle (docs/AUDIT.md). Not on a kiosk, where the file would stay for the next participant.
      if (saved.log && !shared) {
        var file = element("a", { "class": "receipt-save", download: "receipt-" + saved.receipt.slice(0, 16) + ".json",
          href: "data:application/json;charset=utf-8," + encodeURIComponent(JSON.stringify(saved)) }, t.receiptSave);
        actions.appendChild(document.createTextNode(" "));
        actions.appendChild(file);
      }
      announce([element("p", { "class": "ballot-stored" }, fresh ? t.submitStored : t.receiptPrevious)]
        .concat(replaces ? [element("p", { "class": "ballot-replaces" }, t.submitReplaces)] : []).concat([line,
        element("p", { "class": "help" }, shared ? t.receiptKeepKiosk : t.receiptKeep), actions]), focus);
      showLog(saved, sent);
    }

    // What the collector's answer proves (receipt-log.js): said only once checked against a key the site publishes,
    // and, for the ballot just sent, that the entry holds that ballot.
    function showLog(saved, sent) {
      if (!saved.log || !window.ConsultLog) return;
      var keys = (t.logKeys || "").split(" ").filter(Boolean);
      var content = sent ? window.ConsultLog.content(sent.public_key, sent.ballot) : Promise.resolve(undefined);
      content.then(function (hash) {
        return window.ConsultLog.verify(saved.log, keys, saved.receipt, saved.stored_at, hash);
      }).then(function (proved) {
        if (proved.signed) answer.appendChild(element("p", { "class": "receipt-logged" }, fill(t.receiptLogged, { index: proved.index + 1, size: proved.size })));
      }, function () {
        answer.appendChild(element("p", { "class": "receipt-log-unproved error" }, t.receiptLogUnproved));
      });
    }

    function codeMessage(result) {
      if (result.error === "check_mismatch") return t.codeMistyped;
      if (result.error === "invalid_character") return fill(t.codeInvalidCharacter, { character: result.character, position: result.position });
      return t.codeWrongLength;
    }

    function checkCode() {
      var result = B.normalizeCode(codeInput.value);
      if (result.error) showFieldError("code", codeMessage(result));
      return !result.error;
    }

    // The name a key is kept under: one per identity on forms that ask for one, so two people signing in one
    // browser (a family computer) sign with two keys and both count, while the same person again replaces their own.
    function keyName(identity) {
      var names = Object.keys(identity || {}).sort();
      if (!names.length) return Promise.resolve(keyKey);
      var text = names.map(function (name) { return name + "=" + String(identity[name]).normalize("NFC").trim().toLowerCase(); }).join("\n");
      return window.crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)).then(function (hash) {
        return keyKey + ":" + Array.prototype.map.call(new Uint8Array(hash).slice(0, 8), function (b) { return (b < 16 ? "0" : "") + b.toString(16); }).join("");
      });
    }

    function openKey(identity) {
      if (shared) {
        pageKey = pageKey || B.generateKey();
        return pageKey;
      }
      return keyName(identity).then(function (name) {
        var kept = store.get(name);
        var fresh = function () {
          return B.generateKey().then(function (key) { store.set(name, key.jwk); return key; });
        };
        return kept ? B.importKey(kept).catch(fresh) : fresh();
      });
    }

    // What this browser keeps for the form, and a way to forget it (not on a kiosk, which keeps nothing).
    var keeps = form.querySelector("[data-browser-keeps]");
    if (keeps) {
      kiosk.then(function (settings) {
        if (settings) return;
        keeps.hidden = false;
        var forget = keeps.querySelector("button");
        forget.addEventListener("click", function () {
          try {
            Object.keys(window.localStorage).filter(function (name) {
              return name === keyKey || name.indexOf(keyKey + ":") === 0 || name === receiptKey || name === "consult:opinions:" + formID;
            }).forEach(function (name) { window.localStorage.removeItem(name); });
          } catch (e) { /* nothing kept */ }
          answer.hidden = true;
          keeps.querySelector("[data-forgotten]").textContent = t.browserForgotten;
        });
      });
    }

    function busy(on) {
      form.setAttribute("aria-busy", on ? "true" : "false");
      Array.prototype.forEach.call(form.querySelectorAll("button[type=submit], button:not([type])"), function (button) { button.disabled = on; });
      if (on) announce([element("p", {}, t.submitSending)], false);
    }

    var sentItems = [];
    // The key and text of the ballot last sent, which the collector's log entry must hold.
    var sentBallot = null;
    // The receipt of the ballot last sent, as this page computes it (SHA-256 of its signature): the only one the
    // collector's answer may name, or a collector could prove it logged someone else's ballot.
    var sentReceipt = null;
    // Signs and posts; resolves with the collector's answer, rejects when it could not be asked. The button that
    // submitted counts as a field, as in a plain post (an opinion's agree / disagree / pass). A device whose clock is
    // ahead of the collector's is told the collector's time (issued_in_future): the ballot is signed again with it, once.
    function send(submitter, issued) {
      var read = B.formItems(form, submitter);
      sentItems = read.items;
      var held = credential ? credential.held() : null;
      var attested = filer ? filer.held() : null;
      var key = held ? window.ConsultCredential.key(held) : attested ? Promise.resolve(attested.key) : roll !== null ? B.deriveKey(read.code, roll)
        : kiosk.then(function () { return openKey(read.identity); });
      return key.then(function (key) {
        var text = B.canonical({ form: formID, items: read.items, nonce: window.crypto.getRandomValues(new Uint8Array(16)), issued: issued || new Date(),
          credential: held ? held.credential : undefined });
        return B.sign(key.privateKey, text).then(function (signature) {
          return B.receipt(signature).then(function (receipt) { sentReceipt = receipt; return signature; });
        }).then(function (signature) {
          var body = { form: formID, ballot: text, public_key: key.publicKey, signature: signature };
          sentBallot = { public_key: key.publicKey, ballot: text };
          if (roll === null && !credential) body.identity = read.identity;
          return fetch(base + "/v1/submissions", {
            method: "POST", credentials: "omit", cache: "no-store",
            headers: { "Content-Type": "application/json", "Accept-Language": lang },
            body: JSON.stringify(body),
          }).then(function (response) {
            if (issued || response.status !== 422) return response;
            return response.clone().json().then(function (data) {
              var error = data.error || {};
              var now = error.code === "issued_in_future" ? new Date(error.detail) : null;
              return now && !isNaN(now.getTime()) ? send(submitter, now) : response;
            }, function () { return response; });
          });
        });
      });
    }

    function answered(response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        busy(false);
        if (response.status === 201 && data.receipt) {
          // An answer naming another receipt proves nothing about this ballot: the page keeps its own, and the check
          // of the log's proof (about the other one) then says so.
          var saved = { form: formID, receipt: sentReceipt || data.receipt, stored_at: data.stored_at, log: data.log };
          if (!shared) store.set(receiptKey, saved);
          // A page script that takes the participant on (conversation.js) cancels the event and keeps the focus.
          var next = form.dispatchEvent(new CustomEvent("consult:stored", { cancelable: true, detail: { receipt: data.receipt, items: sentItems } }));
          showReceipt(saved, true, next, sentBallot, data.replaces === true);
          return;
        }
        var error = data.error || {};
        var message = error.code === "code_mistyped" ? t.codeMistyped : error.message || t.submitRefused;
        announce([element("p", { "class": "error" }, t.submitRefused + " " + message)], false);
        // The page sends the key its code makes: a key refused (not on the roll) is the code's field to fix.
        var field = error.field === "public_key" && codeInput ? codeInput.name : error.field;
        if (!showFieldError(field, message)) answer.focus();
      });
    }

    // The first choice on a ballot is counted as a ballot begun (POST /v1/starts/<form>, once per browser session),
    // so reports can set the ballots submitted against those begun; it carries nothing about who.
    if (form.hasAttribute("data-count-start")) {
      var startKey = "consult:started:" + formID;
      var begun = function () {
        form.removeEventListener("change", begun);
        try { if (window.sessionStorage.getItem(startKey)) return; window.sessionStorage.setItem(startKey, "1"); } catch (e) { /* counted anyway */ }
        fetch(base + "/v1/starts/" + formID, { method: "POST", credentials: "omit", cache: "no-store", keepalive: true }).catch(function () {});
      };
      form.addEventListener("change", begun);
    }

    if (codeInput) {
      codeInput.addEventListener("change", function () { clearErrors(); if (codeInput.value.trim()) checkCode(); });
    }
    form.addEventListener("submit", function (event) {
      if (event.defaultPrevented) return;
      clearErrors();
      // A mistyped code is caught here even when the plain post follows.
      if (codeInput && !checkCode()) { event.preventDefault(); return; }
      if (!signing) return;
      event.preventDefault();
      var submitter = event.submitter;
      busy(true);
      send(submitter).then(answered, function () {
        // No Ed25519 after all, or the collector unreachable: the plain post lets the collector sign; submit()
        // sends no button, so the one pressed goes along as a hidden field.
        busy(false);
        answer.hidden = true;
        if (submitter && submitter.name) form.appendChild(element("input", { type: "hidden", name: submitter.name, value: submitter.value }));
        HTMLFormElement.prototype.submit.call(form);
      });
    });

    kiosk.then(function (settings) {
      var previous = settings ? null : store.get(receiptKey);
      if (previous && /^[0-9a-f]{64}$/.test(previous.receipt)) showReceipt(previous, false, false);
    });
  }

  // A form that needs something from the roll's issuer before it signs (a credential, a filer's attested name): its
  // notice that the script is needed goes, and show(message, ready) says where it stands, with the button that asks
  // the issuer until it is ready and the form's submit buttons once it is, since the collector would refuse the rest.
  function gate(form, box, status, get) {
    var submits = form.querySelectorAll("button[type=submit], button:not([type])");
    box.querySelector("[data-needs-script]").hidden = true;
    return function show(message, ready) {
      status.textContent = message;
      get.hidden = ready;
      Array.prototype.forEach.call(submits, function (button) { if (button !== get) button.hidden = !ready; });
    };
  }

  // A form voted with a roll's credential: the page gets one from the roll's issuer (credential.js) before it signs;
  // until then the form has no submit button, since the collector would refuse a ballot without one. Returns what
  // the signing needs, or null when this browser cannot make credentials (the notice that says so stays).
  function setupCredential(form, box) {
    var C = window.ConsultCredential;
    if (!C) return null;
    var t = box.dataset;
    var roll = t.roll;
    var get = box.querySelector("[data-credential-get]");
    var show = gate(form, box, box.querySelector("[data-credential-status]"), get);
    get.addEventListener("click", function () {
      show(t.getting, false);
      get.disabled = true;
      C.begin(t.issuerUrl, roll).catch(function () { get.disabled = false; show(t.failed, false); });
    });
    var codeBox = box.querySelector("[data-credential-code]");
    if (codeBox) {
      codeBox.hidden = false;
      var codeInput = codeBox.querySelector("[data-credential-code-input]");
      var useCode = codeBox.querySelector("[data-credential-use-code]");
      useCode.addEventListener("click", function () {
        show(t.getting, false);
        useCode.disabled = true;
        C.fromCode(t.issuerUrl, t.issuerKey, roll, codeInput.value).then(function () {
          codeInput.value = "";
          codeBox.hidden = true;
          show(t.held, true);
        }, function (error) {
          var code = error && error.code;
          show(code === "invalid_code" ? t.codeInvalid : code === "not_eligible" ? t.notEligible : code === "already_issued" ? t.alreadyIssued : t.failed, false);
        }).then(function () { useCode.disabled = false; });
      });
    }
    var back = C.returned();
    if (C.held(roll)) {
      show(t.held, true);
    } else if (back && back.grant) {
      show(t.getting, false);
      get.hidden = true;
      C.complete(t.issuerUrl, t.issuerKey, roll, back.grant).then(function () { show(t.held, true); }, function (error) {
        show(error && error.code === "already_issued" ? t.alreadyIssued : t.failed, false);
      });
    } else if (back && back.error) {
      show(back.error === "already_issued" ? t.alreadyIssued : back.error === "not_eligible" ? t.notEligible : t.failed, false);
    } else {
      show("", false);
    }
    if (codeBox && C.held(roll)) codeBox.hidden = true;
    return { held: function () { return C.held(roll); } };
  }

  // A filing whose name the roll's issuer attests (filer.js): the page asks the issuer's identity check for the name,
  // which fills the field the filer cannot type, and signs with the key the attestation names.
  function setupFiler(form, box) {
    var F = window.ConsultFiler;
    if (!F) return null;
    var t = box.dataset;
    var get = box.querySelector("[data-filer-get]");
    var show = gate(form, box, box.querySelector("[data-filer-status]"), get);
    var name = box.querySelector("[data-attested-name]");
    var attestation = box.querySelector("input[name='identity.attestation']");
    var held = null;
    get.addEventListener("click", function () {
      show(t.getting, false);
      get.disabled = true;
      F.begin(t.issuerUrl);
    });
    var back = F.returned();
    if (back && back.grant) {
      show(t.getting, false);
      get.hidden = true;
      F.complete(t.issuerUrl, back.grant).then(function (filed) {
        held = filed;
        name.value = filed.name;
        attestation.value = filed.attestation;
        show(t.held, true);
      }, function () { show(t.failed, false); });
    } else if (back && back.error) {
      show(back.error === "not_eligible" ? t.notEligible : t.failed, false);
    } else {
      show("", false);
    }
    // Once the filing is stored the name goes with it: the next person at a shared screen confirms their own.
    form.addEventListener("consult:stored", function () { held = null; name.value = ""; attestation.value = ""; show("", false); });
    return { held: function () { return held; } };
  }

  Array.prototype.forEach.call(document.querySelectorAll("form[data-form-id][action]"), setup);
})();
