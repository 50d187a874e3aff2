/* ConsultBlind: the participant's side of RFC 9474 blind RSA signatures (RSABSSA-SHA384-PSS-Randomized), so that a
   credential issuer can sign a participant's public key without ever seeing it. Sources/Model/Credential/ is the
   reference for checking; Tests/Vectors/rfc9474.json (the RFC's own vectors) is what both must meet.
   Classic script, no dependencies: BigInt for the RSA arithmetic, WebCrypto for SHA-384, randomness and the final check.

   window.ConsultBlind (stable: the Node and browser checks call it on every vector):
     prepare(message)                     -> Uint8Array: 32 random bytes, then the message (RFC 9474 §4.1, randomized)
     blind(publicKey, prepared)           -> Promise<{blinded: Uint8Array, inverse: Uint8Array}>; publicKey: {n, e} as
                                             big-endian Uint8Arrays; the inverse stays in the page until finalize
     finalize(publicKey, prepared, blindSignature, inverse) -> Promise<Uint8Array signature>; rejects with .code
                                             "invalid_signature" when the issuer's answer does not verify
     encode(prepared, salt, modulusBits)  -> Promise<Uint8Array>: EMSA-PSS-ENCODE with SHA-384 and MGF1-SHA-384 (RFC 8017
                                             §9.1.1); the salt is given, so that the vectors can be met
     blindWith(publicKey, encoded, r)     -> {blinded, inverse}: blinding with a given r (vectors: blinded_msg from inv)
     verify(publicKey, prepared, signature, saltLength) -> Promise<boolean>: RSASSA-PSS-VERIFY by WebCrypto
     supported()                          -> whether this browser has BigInt and WebCrypto's SHA-384
*/
(function () {
  "use strict";
  var HASH_LENGTH = 48;

  function toBig(bytes) {
    var value = 0n;
    for (var i = 0; i < bytes.length; i++) value = (value << 8n) | BigInt(bytes[i]);
    return value;
  }

  function toBytes(value, length) {
    var out = new Uint8Array(length);
    for (var i = length - 1; i >= 0; i--) { out[i] = Number(value & 0xffn); value >>= 8n; }
    if (value !== 0n) throw codedError("integer_too_large");
    return out;
  }

  function modPow(base, exponent, modulus) {
    var result = 1n;
    base %= modulus;
    while (exponent > 0n) {
      if (exponent & 1n) result = (result * base) % modulus;
      base = (base * base) % modulus;
      exponent >>= 1n;
    }
    return result;
  }

  // The inverse of a modulo m, or null when they share a factor.
  function modInverse(a, m) {
    var oldR = a % m, r = m, oldS = 1n, s = 0n;
    while (r !== 0n) {
      var q = oldR / r;
      var t = oldR - q * r; oldR = r; r = t;
      t = oldS - q * s; oldS = s; s = t;
    }
    if (oldR !== 1n) return null;
    return ((oldS % m) + m) % m;
  }

  function bitLength(value) { return value.toString(2).length; }

  function concat() {
    var length = 0, i;
    for (i = 0; i < arguments.length; i++) length += arguments[i].length;
    var out = new Uint8Array(length), offset = 0;
    for (i = 0; i < arguments.length; i++) { out.set(arguments[i], offset); offset += arguments[i].length; }
    return out;
  }

  function codedError(code) { var error = new Error(code); error.code = code; return error; }

  function sha384(bytes) {
    return window.crypto.subtle.digest("SHA-384", bytes).then(function (digest) { return new Uint8Array(digest); });
  }

  function randomBytes(length) { return window.crypto.getRandomValues(new Uint8Array(length)); }

  async function mgf1(seed, length) {
    var out = new Uint8Array(length), counter = 0, offset = 0;
    while (offset < length) {
      var block = await sha384(concat(seed, Uint8Array.of(counter >>> 24, (counter >>> 16) & 255, (counter >>> 8) & 255, counter & 255)));
      out.set(block.subarray(0, Math.min(block.length, length - offset)), offset);
      offset += block.length;
      counter += 1;
    }
    return out;
  }

  async function encode(prepared, salt, modulusBits) {
    var emBits = modulusBits - 1, emLength = Math.ceil(emBits / 8);
    if (emLength < HASH_LENGTH + salt.length + 2) throw codedError("encoding_error");
    var mHash = await sha384(prepared);
    var h = await sha384(concat(new Uint8Array(8), mHash, salt));
    var db = concat(new Uint8Array(emLength - salt.length - HASH_LENGTH - 2), Uint8Array.of(1), salt);
    var mask = await mgf1(h, emLength - HASH_LENGTH - 1);
    for (var i = 0; i < db.length; i++) db[i] ^= mask[i];
    db[0] &= 0xff >> (8 * emLength - emBits);
    return concat(db, h, Uint8Array.of(0xbc));
  }

  function key(publicKey) {
    var n = toBig(publicKey.n);
    return { n: n, e: toBig(publicKey.e), length: Math.ceil(bitLength(n) / 8), bits: bitLength(n) };
  }

  function blindWith(publicKey, encoded, r) {
    var k = key(publicKey), m = toBig(encoded), rValue = toBig(r);
    if (modInverse(m, k.n) === null) throw codedError("invalid_input");
    var inverse = modInverse(rValue, k.n);
    if (inverse === null) throw codedError("invalid_blind");
    return { blinded: toBytes((m * modPow(rValue, k.e, k.n)) % k.n, k.length), inverse: toBytes(inverse, k.length) };
  }

  async function blind(publicKey, prepared) {
    var k = key(publicKey);
    var encoded = await encode(prepared, randomBytes(HASH_LENGTH), k.bits);
    // r uniform in [1, n): a few more random bytes than the modulus, reduced, leave no bias worth the name.
    for (;;) {
      var r = toBig(randomBytes(k.length + 16)) % k.n;
      if (r !== 0n && modInverse(r, k.n) !== null) return blindWith(publicKey, encoded, toBytes(r, k.length));
    }
  }

  function spki(publicKey) {
    // The DER of RSAPublicKey inside a SubjectPublicKeyInfo with rsaEncryption, as WebCrypto imports it.
    function length(n) {
      if (n < 128) return Uint8Array.of(n);
      var bytes = [];
      while (n > 0) { bytes.unshift(n & 255); n >>>= 8; }
      return Uint8Array.from([0x80 | bytes.length].concat(bytes));
    }
    function tlv(tag, body) { return concat(Uint8Array.of(tag), length(body.length), body); }
    function integer(bytes) {
      var i = 0;
      while (i < bytes.length - 1 && bytes[i] === 0) i++;
      bytes = bytes.subarray(i);
      return tlv(0x02, bytes[0] & 0x80 ? concat(Uint8Array.of(0), bytes) : bytes);
    }
    var rsaKey = tlv(0x30, concat(integer(publicKey.n), integer(publicKey.e)));
    var algorithm = Uint8Array.of(0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00);
    return tlv(0x30, concat(algorithm, tlv(0x03, concat(Uint8Array.of(0), rsaKey))));
  }

  async function verify(publicKey, prepared, signature, saltLength) {
    var imported = await window.crypto.subtle.importKey("spki", spki(publicKey), { name: "RSA-PSS", hash: "SHA-384" }, false, ["verify"]);
    return window.crypto.subtle.verify({ name: "RSA-PSS", saltLength: saltLength }, imported, signature, prepared);
  }

  async function finalize(publicKey, prepared, blindSignature, inverse) {
    var k = key(publicKey);
    if (blindSignature.length !== k.length) throw codedError("invalid_signature");
    var signature = toBytes((toBig(blindSignature) * toBig(inverse)) % k.n, k.length);
    if (!(await verify(publicKey, prepared, signature, HASH_LENGTH))) throw codedError("invalid_signature");
    return signature;
  }

  function prepare(message) { return concat(randomBytes(32), message); }

  function supported() {
    return typeof BigInt === "function" && !!(window.crypto && window.crypto.subtle && window.crypto.getRandomValues);
  }

  window.ConsultBlind = { prepare: prepare, blind: blind, finalize: finalize, encode: encode, blindWith: blindWith,
                          verify: verify, supported: supported };
})();
