/* ConsultLog: checks the proof a collector's acceptance carries that it logged the ballot (docs/LOG.md): the entry's
   leaf hash, the inclusion path up to the signed tree head's root (RFC 9162 §2.1.3.2), and the head's Ed25519
   signature under one of the site's collector keys (site.yaml `collector_keys`), which the collector cannot swap.
     verify(log, keys, receipt, storedAt, content) -> Promise<{ index, size, signed }>, rejected with a reason when the
                          proof does not hold, or is not about `receipt` stored at `storedAt` with `content` (hex SHA-256 of
                          the key, a line feed and the ballot's text; not checked when absent) (docs/LOG.md, "Checking an
                          answer"); signed is false when the site lists no key to check the head with.
     content(publicKey, ballot) -> Promise<hex>: that hash, as the page computes it for the ballot it sent. */
(function () {
  "use strict";
  var subtle = window.crypto && window.crypto.subtle;

  function bytesOfHex(text) {
    if (!/^([0-9a-f]{2})*$/.test(text)) throw new Error("not hex");
    var out = new Uint8Array(text.length / 2);
    for (var i = 0; i < out.length; i++) out[i] = parseInt(text.substr(i * 2, 2), 16);
    return out;
  }

  function concat(parts) {
    var length = parts.reduce(function (sum, part) { return sum + part.length; }, 0);
    var out = new Uint8Array(length), at = 0;
    parts.forEach(function (part) { out.set(part, at); at += part.length; });
    return out;
  }

  // Numbers below 2^53, big-endian in 8 bytes; a collector id's length in 2.
  function u64(value) {
    if (!Number.isSafeInteger(value) || value < 0) throw new Error("not a size");
    var out = new Uint8Array(8);
    for (var i = 7; i >= 0; i--) { out[i] = value % 256; value = Math.floor(value / 256); }
    return out;
  }
  function withLength(text) {
    var bytes = new TextEncoder().encode(text);
    if (bytes.length < 1 || bytes.length > 65535) throw new Error("bad collector id");
    return concat([new Uint8Array([bytes.length >> 8, bytes.length & 255]), bytes]);
  }

  function sha256(bytes) { return subtle.digest("SHA-256", bytes).then(function (hash) { return new Uint8Array(hash); }); }
  function same(a, b) { return a.length === b.length && a.every(function (byte, i) { return byte === b[i]; }); }

  function leaf(entry) {
    return concat([new Uint8Array([2]), u64(entry.index), u64(entry.received_ms), bytesOfHex(entry.receipt), bytesOfHex(entry.content),
      withLength(entry.collector_id)]);
  }

  function hex(bytes) {
    return Array.prototype.map.call(bytes, function (byte) { return (byte < 16 ? "0" : "") + byte.toString(16); }).join("");
  }

  function content(publicKey, ballot) {
    return sha256(new TextEncoder().encode(publicKey + "\n" + ballot)).then(hex);
  }

  // RFC 9162 §2.1.3.2, step by step.
  function root(leafHash, index, size, path) {
    if (index >= size) return Promise.reject(new Error("index beyond the tree"));
    var fn = index, sn = size - 1, r = Promise.resolve(leafHash);
    path.forEach(function (hex) {
      var p = bytesOfHex(hex);
      if (sn === 0) throw new Error("path too long");
      var left = fn % 2 === 1 || fn === sn;
      r = r.then(function (hash) { return sha256(concat([new Uint8Array([1]), left ? p : hash, left ? hash : p])); });
      if (left) {
        if (fn % 2 === 0) { while (fn % 2 === 0 && fn !== 0) { fn = Math.floor(fn / 2); sn = Math.floor(sn / 2); } }
      }
      fn = Math.floor(fn / 2); sn = Math.floor(sn / 2);
    });
    if (sn !== 0) return Promise.reject(new Error("path too short"));
    return r;
  }

  function headMessage(head) {
    return concat([new TextEncoder().encode("consultation-tree-head-v1\n"), u64(head.tree_size), u64(head.timestamp_ms),
      bytesOfHex(head.root_hash), withLength(head.collector_id)]);
  }

  function signedBy(head, keys) {
    var message = headMessage(head), signature = window.ConsultBallot.fromBase64url(head.signature);
    return keys.reduce(function (found, key) {
      return found.then(function (yes) {
        if (yes) return true;
        return subtle.importKey("raw", window.ConsultBallot.fromBase64url(key), { name: "Ed25519" }, false, ["verify"]).then(function (publicKey) {
          return subtle.verify({ name: "Ed25519" }, publicKey, signature, message);
        }).catch(function () { return false; });
      });
    }, Promise.resolve(false));
  }

  function verify(log, keys, receipt, storedAt, sentContent) {
    return Promise.resolve().then(function () {
      var entry = log.entry, head = log.tree_head;
      if (entry.receipt !== receipt) throw new Error("the proof is about another receipt");
      if (sentContent !== undefined && entry.content !== sentContent) throw new Error("the entry holds another ballot than the one sent");
      if (entry.received_ms !== Date.parse(storedAt)) throw new Error("the entry's time is not the answer's");
      if (entry.collector_id !== head.collector_id) throw new Error("the entry and the head are not one collector's");
      return sha256(concat([new Uint8Array([0]), leaf(entry)])).then(function (leafHash) {
        return root(leafHash, entry.index, head.tree_size, log.inclusion_path);
      }).then(function (computed) {
        if (!same(computed, bytesOfHex(head.root_hash))) throw new Error("the path does not lead to the head's root");
        if (!keys.length) return { index: entry.index, size: head.tree_size, signed: false };
        return signedBy(head, keys).then(function (yes) {
          if (!yes) throw new Error("no collector key of this site signed the head");
          return { index: entry.index, size: head.tree_size, signed: true };
        });
      });
    });
  }

  window.ConsultLog = { verify: verify, leaf: leaf, content: content };
})();
