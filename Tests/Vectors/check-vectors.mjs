// Checks themes/default/assets/js/ballot.js against Tests/Vectors/ballot-v1.json in Node (20 or later: WebCrypto with
// Ed25519). The browser test runs the same checks in Chromium; this one is for working on ballot.js without a browser.
// Usage: node Tests/Vectors/check-vectors.mjs
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import vm from "node:vm";

const root = fileURLToPath(new URL("../../", import.meta.url));
const window = { crypto: globalThis.crypto, TextEncoder };
vm.runInNewContext(readFileSync(root + "themes/default/assets/js/ballot.js", "utf8"), { window, TextEncoder, encodeURIComponent });
vm.runInNewContext(readFileSync(root + "themes/default/assets/js/blind-signature.js", "utf8"), { window });
const B = window.ConsultBallot;
const vectors = JSON.parse(readFileSync(root + "Tests/Vectors/ballot-v1.json", "utf8"));

let failures = 0, checks = 0;
function expect(actual, wanted, what) {
  checks += 1;
  if (actual !== wanted) {
    failures += 1;
    console.error(`FAIL ${what}\n  got:    ${JSON.stringify(actual)}\n  wanted: ${JSON.stringify(wanted)}`);
  }
}
const fromHex = (text) => Uint8Array.from(text.match(/../g) || [], (h) => parseInt(h, 16));

// RFC 9474's own vectors (four 4096-bit keys) against blind-signature.js: the PSS encoding with the vector's salt,
// the blinding with the r whose inverse the vector gives, the unblinding, and WebCrypto's check of the result.
// The vectors give r's inverse; r is what blinding takes.
function modInverse(a, m) {
  let [oldR, r, oldS, s] = [a % m, m, 1n, 0n];
  while (r !== 0n) { const q = oldR / r; [oldR, r] = [r, oldR - q * r]; [oldS, s] = [s, oldS - q * s]; }
  return ((oldS % m) + m) % m;
}
const blindVectors = JSON.parse(readFileSync(root + "Tests/Vectors/rfc9474.json", "utf8"));
const Blind = window.ConsultBlind;
for (const v of blindVectors) {
  const key = { n: fromHex(v.n), e: fromHex(v.e) };
  const prepared = fromHex(v.prepared_msg), salt = fromHex(v.salt), bits = v.n.length * 4;
  const encoded = await Blind.encode(prepared, salt, bits);
  const r = fromHex(modInverse(BigInt("0x" + v.inv), BigInt("0x" + v.n)).toString(16).padStart(v.n.length, "0"));
  const blinded = Blind.blindWith(key, encoded, r);
  expect(B.hex(blinded.blinded), v.blinded_msg, `blind: ${v.name}`);
  expect(B.hex(blinded.inverse), v.inv, `inverse: ${v.name}`);
  expect(await Blind.verify(key, prepared, fromHex(v.sig), salt.length), true, `verify: ${v.name}`);
  if (salt.length === 48) {
    expect(B.hex(await Blind.finalize(key, prepared, fromHex(v.blind_sig), fromHex(v.inv))), v.sig, `finalize: ${v.name}`);
  }
  const tampered = fromHex(v.sig); tampered[10] ^= 1;
  expect(await Blind.verify(key, prepared, tampered, salt.length), false, `verify refuses a changed signature: ${v.name}`);
  const refused = await Blind.finalize(key, prepared, tampered, fromHex(v.inv)).then(() => "finalized", (e) => e.code);
  expect(refused, "invalid_signature", `finalize refuses a bad blind signature: ${v.name}`);
}

if (!(await B.supportsEd25519())) {
  console.log("check-vectors: skipped, this Node has no WebCrypto Ed25519 (Node 20 or later has it)");
  process.exit(0);
}
for (const v of vectors.percent_encoding) expect(B.percentEncode(v.text), v.encoded, `percentEncode(${JSON.stringify(v.text)})`);
for (const v of vectors.codes) {
  const got = B.normalizeCode(v.typed);
  expect(got.error, null, `normalizeCode(${v.typed}).error`);
  expect(got.data, v.data, `normalizeCode(${v.typed}).data`);
  expect(got.check, v.check, `normalizeCode(${v.typed}).check`);
  expect(got.grouped, v.grouped, `normalizeCode(${v.typed}).grouped`);
  expect(B.checkSymbol(v.data), v.check, `checkSymbol(${v.data})`);
}
for (const v of vectors.mistyped_codes) {
  const got = B.normalizeCode(v.typed);
  expect(got.error, v.error, `normalizeCode(${JSON.stringify(v.typed)}).error`);
  expect(got.data, null, `normalizeCode(${JSON.stringify(v.typed)}).data`);
  if ("position" in v) expect(got.position, v.position, `normalizeCode(${v.typed}).position`);
  if ("character" in v) expect(got.character, v.character, `normalizeCode(${v.typed}).character`);
  if ("length" in v) expect(got.length, v.length, `normalizeCode(${v.typed}).length`);
}
for (const v of vectors.keys) {
  expect(B.hex(await B.deriveSeed(v.code, v.roll)), v.seed, `deriveSeed(${v.code}, ${v.roll})`);
  expect((await B.deriveKey(v.code, v.roll)).publicKey, v.public_key, `deriveKey(${v.code}, ${v.roll}).publicKey`);
}
for (const v of vectors.ballots) {
  const text = B.canonical({ form: v.form, items: v.items, nonce: fromHex(v.nonce), issued: new Date(v.issued_ms) });
  expect(text, v.text, `canonical: ${v.name}`);
  const key = await B.deriveKey(v.code, v.roll);
  expect(key.publicKey, v.public_key, `key: ${v.name}`);
  const signature = await B.sign(key.privateKey, v.text);
  expect(signature, v.signature, `sign: ${v.name}`);
  expect(await B.receipt(v.signature), v.receipt, `receipt: ${v.name}`);
}
const mistyped = await B.deriveKey(vectors.mistyped_codes[0].typed, "city-2026").then(() => "derived", (e) => e.code);
expect(mistyped, "check_mismatch", "deriveKey refuses a mistyped code");

console.log(`check-vectors: ${checks - failures}/${checks} checks passed`);
process.exit(failures ? 1 : 0);
