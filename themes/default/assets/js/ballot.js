/* ConsultBallot: voting codes, keys, canonical ballots, signatures and receipts of docs/BALLOT.md in the page.
   Sources/Model/Ballot/ is the reference; Tests/Vectors/ballot-v1.json holds the vectors both must meet.
   Classic script, no dependencies; HKDF, SHA-256 and Ed25519 come from WebCrypto only.

   window.ConsultBallot (stable: the browser test calls it on every vector):
     normalizeCode(typed)            -> {data, check, grouped, error: null}
                                        or {data: null, error: "invalid_character", position, character}
                                        or {data: null, error: "wrong_length", length} or {data: null, error: "check_mismatch"}
                                        (vectors: codes, mistyped_codes; position counts typed characters from 1)
     checkSymbol(data)               -> the check symbol of 24 (or any number of) code symbols, e.g. "6"
     percentEncode(text)             -> text with every UTF-8 byte outside A-Z a-z 0-9 - _ . ~ as %XX (vectors: percent_encoding)
     canonical({form, items, nonce, issued, credential}) -> the ballot text; credential: base64url, credential forms only;
                                        items: arrays of decoded parts (["q3", "2", "x"]) or
                                        strings (one part), in any order, duplicates allowed; nonce: Uint8Array(16) (or an
                                        array of 16 bytes); issued: Date or milliseconds since 1970 (fractions of a second
                                        dropped) (vectors: ballots[].text with nonce from hex and issued_ms)
     deriveSeed(code, rollID)        -> Promise<Uint8Array(32)> (vectors: keys[].seed)
     deriveKey(code, rollID)         -> Promise<{privateKey: CryptoKey (not extractable), publicKey: base64url}>;
                                        rejects with an Error whose .code is normalizeCode's error for a bad code
     generateKey()                   -> Promise<{privateKey, publicKey, jwk}>: a fresh key for open forms, jwk to keep it
     importKey(jwk)                  -> Promise<{privateKey, publicKey}> of a key kept by generateKey
     sign(privateKey, text)          -> Promise<base64url signature> (Ed25519 is deterministic: vectors ballots[].signature)
     receipt(signatureB64)           -> Promise<lowercase hex SHA-256 of the signature bytes> (vectors: ballots[].receipt)
     supportsEd25519()               -> Promise<boolean>: whether this browser can sign here (WebCrypto Ed25519)
     formItems(form, submitter)      -> {items, identity, code}: what a <form> posts (with the button that submitted it), read by the collector's no-JS rules
     base64url(bytes), fromBase64url(text), hex(bytes), utf8(text)
*/
(function () {
  "use strict";
  var ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  var DATA_LENGTH = 24;
  var INFO = "ballot-key-v1";
  var PKCS8_PREFIX = [0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20];
  var B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

  function utf8(text) { return new TextEncoder().encode(text); }

  function hex(bytes) {
    var out = "";
    for (var i = 0; i < bytes.length; i++) out += (bytes[i] < 16 ? "0" : "") + bytes[i].toString(16);
    return out;
  }

  function base64url(bytes) {
    var out = "", i = 0;
    for (; i + 3 <= bytes.length; i += 3) {
      var n = bytes[i] << 16 | bytes[i + 1] << 8 | bytes[i + 2];
      out += B64[n >> 18 & 63] + B64[n >> 12 & 63] + B64[n >> 6 & 63] + B64[n & 63];
    }
    if (bytes.length - i === 1) {
      out += B64[bytes[i] >> 2] + B64[(bytes[i] & 3) << 4];
    } else if (bytes.length - i === 2) {
      var m = bytes[i] << 8 | bytes[i + 1];
      out += B64[m >> 10] + B64[m >> 4 & 63] + B64[(m & 15) << 2];
    }
    return out;
  }

  function fromBase64url(text) {
    var out = [], acc = 0, bits = 0;
    for (var i = 0; i < text.length; i++) {
      var v = B64.indexOf(text[i]);
      if (v < 0) throw new Error("not base64url");
      acc = (acc << 6 | v) & 0xffffff;
      bits += 6;
      if (bits >= 8) { bits -= 8; out.push(acc >> bits & 255); }
    }
    return new Uint8Array(out);
  }

  // Crockford's look-alikes: I and L are 1, O is 0; U is not a symbol at all.
  // Only ASCII letters and digits: toUpperCase would turn "ß" into "SS" and the dotless "ı" into "I".
  function symbolValue(ch) {
    if (!/^[A-Za-z0-9]$/.test(ch)) return -1;
    var c = ch.toUpperCase();
    if (c === "I" || c === "L") return 1;
    if (c === "O") return 0;
    return ALPHABET.indexOf(c);
  }

  // 2 * x in GF(32) modulo x^5 + x^2 + 1.
  function double(x) { x <<= 1; return x & 32 ? x ^ 37 : x; }

  function checkValue(values) {
    var c = 0;
    for (var i = 0; i < values.length; i++) c = double(c) ^ values[i];
    return double(c);
  }

  function checkSymbol(data) {
    var values = [];
    for (var i = 0; i < data.length; i++) {
      var v = symbolValue(data[i]);
      if (v < 0) throw new Error("not a code symbol: " + data[i]);
      values.push(v);
    }
    return ALPHABET[checkValue(values)];
  }

  function normalizeCode(typed) {
    var values = [], position = 0;
    for (var ch of String(typed)) {
      position += 1;
      if (ch === " " || ch === "-") continue;
      var v = symbolValue(ch);
      if (v < 0) return { data: null, error: "invalid_character", position: position, character: ch };
      values.push(v);
    }
    if (values.length !== DATA_LENGTH + 1) return { data: null, error: "wrong_length", length: values.length };
    var dataValues = values.slice(0, DATA_LENGTH);
    if (checkValue(dataValues) !== values[DATA_LENGTH]) return { data: null, error: "check_mismatch" };
    var data = dataValues.map(function (v) { return ALPHABET[v]; }).join("");
    var all = data + ALPHABET[values[DATA_LENGTH]];
    return { data: data, check: all[DATA_LENGTH], grouped: all.match(/.{5}/g).join("-"), error: null };
  }

  function percentEncode(text) {
    return encodeURIComponent(String(text)).replace(/[!'()*]/g, function (c) {
      return "%" + c.charCodeAt(0).toString(16).toUpperCase();
    });
  }

  function encodeItem(item) {
    var parts = typeof item === "string" ? [item] : item;
    if (!parts.length) throw new Error("an item has at least one part");
    return parts.map(function (part) {
      if (part === "") throw new Error("an item's parts are not empty");
      return percentEncode(part);
    }).join(":");
  }

  function canonical(ballot) {
    // Array-likes from any realm (a test harness, another frame) are welcome, as are times as numbers or strings.
    var nonce = Uint8Array.from(ballot.nonce || []);
    if (nonce.length !== 16) throw new Error("the nonce is 16 bytes");
    var time = new Date(ballot.issued).getTime();
    if (isNaN(time)) throw new Error("issued is not a time");
    var seen = {};
    var items = ballot.items.map(encodeItem).filter(function (item) {
      if (seen[item]) return false;
      seen[item] = true;
      return true;
    });
    // Encoded items are ASCII, so comparing UTF-16 code units is comparing bytes.
    items.sort(function (a, b) { return a < b ? -1 : a > b ? 1 : 0; });
    var issued = new Date(Math.floor(time / 1000) * 1000).toISOString().replace(".000Z", "Z");
    return ["ballot/v1", "form=" + percentEncode(ballot.form), "choices=" + items.join(","),
      "nonce=" + base64url(nonce), "issued=" + issued].join("\n") + (ballot.credential ? "\ncredential=" + ballot.credential : "");
  }

  function subtle() {
    if (!window.crypto || !window.crypto.subtle) throw new Error("WebCrypto is not available (the page needs HTTPS)");
    return window.crypto.subtle;
  }

  function codeError(result) {
    var error = new Error("voting code refused: " + result.error);
    error.code = result.error;
    error.detail = result;
    return error;
  }

  function deriveSeed(code, rollID) {
    var result = normalizeCode(code);
    if (result.error) return Promise.reject(codeError(result));
    return subtle().importKey("raw", utf8(result.data), "HKDF", false, ["deriveBits"]).then(function (material) {
      return subtle().deriveBits({ name: "HKDF", hash: "SHA-256", salt: utf8(rollID), info: utf8(INFO) }, material, 256);
    }).then(function (bits) { return new Uint8Array(bits); });
  }

  function pkcs8(seed) {
    var der = new Uint8Array(PKCS8_PREFIX.length + 32);
    der.set(PKCS8_PREFIX);
    der.set(seed, PKCS8_PREFIX.length);
    return der;
  }

  function deriveKey(code, rollID) {
    return deriveSeed(code, rollID).then(function (seed) {
      var der = pkcs8(seed);
      // The public key is read from an extractable copy; the key kept for signing cannot be exported.
      return Promise.all([
        subtle().importKey("pkcs8", der, { name: "Ed25519" }, true, ["sign"]).then(function (key) { return subtle().exportKey("jwk", key); }),
        subtle().importKey("pkcs8", der, { name: "Ed25519" }, false, ["sign"]),
      ]);
    }).then(function (both) { return { privateKey: both[1], publicKey: both[0].x }; });
  }

  function generateKey() {
    return subtle().generateKey({ name: "Ed25519" }, true, ["sign", "verify"]).then(function (pair) {
      return subtle().exportKey("jwk", pair.privateKey);
    }).then(function (jwk) {
      return importKey(jwk).then(function (key) { return { privateKey: key.privateKey, publicKey: key.publicKey, jwk: jwk }; });
    });
  }

  function importKey(jwk) {
    return subtle().importKey("jwk", jwk, { name: "Ed25519" }, false, ["sign"]).then(function (key) {
      return { privateKey: key, publicKey: jwk.x };
    });
  }

  function sign(privateKey, text) {
    return subtle().sign({ name: "Ed25519" }, privateKey, utf8(text)).then(function (signature) {
      return base64url(new Uint8Array(signature));
    });
  }

  function receipt(signatureB64) {
    return subtle().digest("SHA-256", fromBase64url(signatureB64)).then(function (hash) { return hex(new Uint8Array(hash)); });
  }

  var support = null;
  function supportsEd25519() {
    if (!support) {
      support = Promise.resolve().then(function () {
        return subtle().generateKey({ name: "Ed25519" }, false, ["sign", "verify"]);
      }).then(function (pair) {
        return subtle().sign({ name: "Ed25519" }, pair.privateKey, new Uint8Array(1));
      }).then(function () { return true; }, function () { return false; });
    }
    return support;
  }

  // Browsers post textareas with CRLF; the collector turns them into LF before signing, so the script does too.
  function lf(text) { return text.replace(/\r\n?/g, "\n"); }
  function blank(text) { return /^\s*$/.test(text); }
  function trimSpaces(text) { return text.replace(/^ +| +$/g, ""); }

  // The fields a form submits, in order, as the browser would post them.
  function fields(form) {
    var out = [];
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.disabled || /^(submit|button|reset|file|image)$/.test(el.type) || el.tagName === "FIELDSET" || el.tagName === "OBJECT") return;
      if ((el.type === "checkbox" || el.type === "radio") && !el.checked) return;
      if (el.tagName === "SELECT") {
        Array.prototype.forEach.call(el.selectedOptions, function (o) { out.push({ name: el.name, value: o.value, el: el }); });
        return;
      }
      out.push({ name: el.name, value: el.value, el: el });
    });
    return out;
  }

  // The collector's no-JS rules (Sources/CollectorKit/Server/FormPost.swift, docs/BALLOT.md "Form fields").
  function formItems(form, submitter) {
    var items = [], identity = {}, code = null;
    var list = fields(form);
    if (submitter && submitter.name) list.push({ name: submitter.name, value: submitter.value, el: submitter });
    list.forEach(function (field) {
      var name = field.name, value = field.value, rest;
      if (name === "lang" || name === "return") return;
      if (name === "code") { code = value; return; }
      if (name === "choice") { if (value) items.push([value]); return; }
      if (name === "title" || name === "text" || name === "author") { if (!blank(lf(value))) items.push([name, lf(value)]); return; }
      if (name === "language") { if (value) items.push([name, value]); return; }
      if (name.indexOf("points.") === 0 && name.length > 7) {
        var points = trimSpaces(value);
        if (points && points !== "0") items.push([name.slice(7), points]);
        return;
      }
      if (name.indexOf("opinion.") === 0 && name.length > 8) { if (value) items.push([name.slice(8), value]); return; }
      if (name.indexOf("identity.") === 0 && name.length > 9) { identity[name.slice(9)] = value; return; }
      if (name.indexOf("q.") === 0 && name.length > 2) {
        rest = name.slice(2);
        var set = field.el.closest("[data-question]");
        var question = set ? set.getAttribute("data-question") : rest;
        if (rest === question) {
          var text = field.el.tagName === "TEXTAREA" || field.el.type === "text" ? lf(value) : value;
          if (!blank(text)) items.push([question, text]);
        } else if (value && rest.indexOf(question + ".") === 0) {
          var sub = rest.slice(question.length + 1);
          // Matrix: q.<question>.<row> = <column>; ranking: q.<question>.<choice> = <rank>.
          items.push(field.el.type === "radio" ? [question, sub, value] : [question, trimSpaces(value), sub]);
        }
      }
    });
    return { items: items, identity: identity, code: code };
  }

  window.ConsultBallot = {
    normalizeCode: normalizeCode,
    checkSymbol: checkSymbol,
    percentEncode: percentEncode,
    canonical: canonical,
    deriveSeed: deriveSeed,
    deriveKey: deriveKey,
    generateKey: generateKey,
    importKey: importKey,
    sign: sign,
    receipt: receipt,
    supportsEd25519: supportsEd25519,
    formItems: formItems,
    base64url: base64url,
    fromBase64url: fromBase64url,
    hex: hex,
    utf8: utf8,
  };
})();
