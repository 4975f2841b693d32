// Generate SDK-verdict test vectors for catalogue providers, one file per provider:
//
//   razorpay           -> tests/vectors/razorpay.json           (npm `razorpay`)
//   coinbase-commerce  -> tests/vectors/coinbase-commerce.json  (npm `coinbase-commerce-node`)
//
//   node catalogue.mjs   (after `npm ci`; not run by CI)
//
// Every `expected` is what the SDK's own verify function returned for the delivery, and
// `sdk_verdict` quotes it. Signatures:
// - coinbase-commerce-node exports its signer, `Webhook.computeSignature(payload, secret)`,
//   which `verifySigHeader` calls: every signature comes from it.
// - razorpay exports no signer, only `validateWebhookSignature(body, signature, secret)`.
//   Signatures are made with node:crypto's `createHmac('sha256', secret).update(body)
//   .digest('hex')`, the expression that function evaluates, and every one is then judged by
//   the SDK (a valid vector is one the SDK accepted). The Razorpay SDK's own test vector
//   (razorpay-node `test/utils/razorpay-utils.spec.js`) is included as published.
// Nothing here runs hooksign.

import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { createHmac } from "node:crypto";

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = dirname(dirname(HERE));
const SOURCE = "tools/vectors/catalogue.mjs";
const require = createRequire(import.meta.url);
const pkgVersion = (name) =>
  JSON.parse(readFileSync(join(HERE, "node_modules", name, "package.json"), "utf8")).version;

const KEY_ORDER = [
  "id", "provider", "scheme", "secret", "secret_encoding", "timestamp", "now",
  "tolerance_seconds", "headers", "header_pairs", "body", "body_base64", "expected",
  "error", "matched_secret_index", "reason", "sdk_verdict", "generator", "source",
];
const NOTES = [];

function normalise(v, seen) {
  if (!["valid", "invalid"].includes(v.expected)) throw new Error(`bad expected in ${v.id}`);
  if (v.expected === "invalid" && !v.error) throw new Error(`${v.id}: SDK rejected but no error kind: ${v.sdk_verdict}`);
  if (v.expected === "valid") delete v.error;
  if (!(Array.isArray(v.secret) && v.expected === "valid")) delete v.matched_secret_index;
  if (seen.has(v.id)) throw new Error(`duplicate id ${v.id}`);
  seen.add(v.id);
  const o = {};
  for (const k of KEY_ORDER) if (k in v && v[k] !== undefined) o[k] = v[k];
  return o;
}

function write(provider, vectors) {
  const out = join(REPO, "tests", "vectors", `${provider}.json`);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(vectors, null, 1) + "\n");
  const valid = vectors.filter((v) => v.expected === "valid").length;
  console.error(`${provider}: ${vectors.length} vectors (${valid} valid, ${vectors.length - valid} invalid) -> ${out}`);
}

const tamper = (b) => b[0] + (b[1] !== "X" ? "X" : "Y") + b.slice(2);

/// One provider's vectors: `verdict(secret, body, signature)` is the SDK's verify, returning
/// [accepted, what it said]; each vector's `expected` is that verdict.
function generator({ provider, header, verdict, generatorText, anticipate = true }) {
  const vectors = [];
  const seen = new Set();
  return {
    vectors,
    vec({ id, body, headers, reason, err, secret, expect }) {
      const v = {
        id: `${provider}-${id}`, provider, scheme: provider, secret, secret_encoding: "utf8",
        timestamp: null, now: null, tolerance_seconds: null, headers, body, reason,
        generator: generatorText, source: SOURCE,
      };
      const sig = headers[header];
      if (Array.isArray(secret)) {
        const res = secret.map((s) => verdict(s, body, sig));
        const i = res.findIndex((r) => r[0]);
        v.expected = i >= 0 ? "valid" : "invalid";
        if (i >= 0) v.matched_secret_index = i;
        v.sdk_verdict = "no multi-secret verify in the SDK: valid iff the SDK accepts with one secret of the set. " +
          res.map((r, k) => `secret[${k}]: ${r[1]}`).join("; ");
      } else {
        const [ok, msg] = verdict(secret, body, sig);
        v.expected = ok ? "valid" : "invalid";
        v.sdk_verdict = msg;
      }
      v.error = err;
      if (anticipate && expect && expect !== v.expected) NOTES.push(`${v.id}: anticipated ${expect}, SDK said ${v.expected}`);
      vectors.push(normalise(v, seen));
    },
  };
}

// ---------------------------------------------------------------------------
// Razorpay
// ---------------------------------------------------------------------------
function genRazorpay() {
  const Razorpay = require("razorpay");
  const V = pkgVersion("razorpay");
  const H = "X-Razorpay-Signature";
  const EVENT_ID = "X-Razorpay-Event-Id";
  const S = "hooksign-razorpay-webhook-secret-0001";
  const SB = "hooksign-razorpay-webhook-secret-0002";
  const SW = "hooksign-razorpay-webhook-secret-0009";

  const verdict = (secret, body, sig) => {
    try {
      const ok = Razorpay.validateWebhookSignature(body, sig, secret);
      return [ok === true, `Razorpay.validateWebhookSignature(body, ${sig === undefined ? "undefined" : "header value"}, secret) returned ${ok}`];
    } catch (e) {
      return [false, `Razorpay.validateWebhookSignature threw ${e.constructor.name}: ${e.message}`];
    }
  };
  // The expression validateWebhookSignature evaluates (the SDK exports no signer).
  const sign = (body, secret = S) => createHmac("sha256", secret).update(body).digest("hex");
  const g = generator({
    provider: "razorpay", header: H, verdict,
    generatorText: `razorpay@${V} (Razorpay.validateWebhookSignature, dist/utils/razorpay-utils.js, to verify; signatures made with node:crypto createHmac('sha256', secret).update(body).digest('hex'), the expression that function compares with ===)`,
  });

  const J = '{"entity":"event","account_id":"acc_BFQ7uQEaa7j2z7","event":"payment.captured","contains":["payment"],"payload":{"payment":{"entity":{"id":"pay_DESlfW9H8K9uqM","entity":"payment","amount":50000,"currency":"INR","status":"captured","method":"upi","captured":true}}},"created_at":1700000000}';
  const U = '{"entity":"event","account_id":"acc_BFQ7uQEaa7j2z7","event":"order.paid","contains":["payment","order"],"payload":{"order":{"entity":{"id":"order_DESlLckIVRkHWj","notes":{"customer":"Aarav Śarmā","city":"मुंबई","memo":"Café ₹500 ✓ 日本語 🎉"}}}},"created_at":1700000001}';
  const meta = (eventId = "KxRjI3n9DVeFY0") => ({ [EVENT_ID]: eventId, "Content-Type": "application/json"});
  const good = sign(J);

  g.vec({ id: "valid-json", body: J, secret: S, headers: { ...meta(), [H]: good }, reason: "valid payment.captured delivery with X-Razorpay-Event-Id", expect: "valid" });
  g.vec({ id: "valid-unicode", body: U, secret: S, headers: { ...meta("KxRjKbFh1LpB2q"), [H]: sign(U) }, reason: "valid order.paid delivery whose body has non-ASCII UTF-8 (Devanagari, accents, CJK, emoji)", expect: "valid" });
  const C = '{"entity":"event","event":"payment.captured","contains":["payment"],"payload":{},"created_at":1700000000}';
  g.vec({ id: "valid-compact", body: C, secret: S, headers: { [EVENT_ID]: "KxRjI3n9DVeFY0", [H]: sign(C) }, reason: "valid delivery, short body (the rustdoc example)", expect: "valid" });
  g.vec({ id: "valid-trailing-newline", body: J + "\n", secret: S, headers: { ...meta(), [H]: sign(J + "\n") }, reason: "valid delivery, body ending in a newline (the newline is signed)", expect: "valid" });
  g.vec({ id: "valid-without-event-id", body: J, secret: S, headers: { [H]: good }, reason: "valid signature, no X-Razorpay-Event-Id (the SDK checks the signature alone)", expect: "valid" });
  g.vec({ id: "valid-empty-body", body: "", secret: S, headers: { [H]: sign("") }, reason: "valid signature over an empty body (the SDK accepts it)", expect: "valid" });
  // razorpay-node's own unit test (test/utils/razorpay-utils.spec.js, 'validateWebhookSignature').
  g.vec({ id: "sdk-test-valid", body: '{"a":1,"b":2,"c":{"d":3}}', secret: "123456", headers: { [H]: "2fe04e22977002e6c7cb553adab8b460cb9e2a4970d5953cb27a8472752e3bbc" }, reason: "razorpay-node's published unit-test vector (test/utils/razorpay-utils.spec.js)", expect: "valid" });
  g.vec({ id: "sdk-test-wrong-signature", body: '{"a":1,"b":2,"c":{"d":3}}', secret: "123456", headers: { [H]: "sdfafds" }, reason: "razorpay-node's published unit-test wrong signature ('sdfafds': not hex, not 64 chars)", err: "malformed_header", expect: "invalid" });
  g.vec({ id: "tampered-body", body: tamper(J), secret: S, headers: { ...meta(), [H]: good }, reason: "one byte of the body changed", err: "signature_mismatch", expect: "invalid" });
  g.vec({ id: "wrong-secret", body: J, secret: S, headers: { ...meta(), [H]: sign(J, SW) }, reason: "signed with another webhook secret", err: "signature_mismatch", expect: "invalid" });
  g.vec({ id: "uppercase-hex", body: J, secret: S, headers: { ...meta(), [H]: good.toUpperCase() }, reason: "correct digest in upper-case hex; the SDK compares the lower-case hex string with ===", err: "malformed_header", expect: "invalid" });
  g.vec({ id: "sha256-prefix", body: J, secret: S, headers: { ...meta(), [H]: "sha256=" + good }, reason: "digest behind a 'sha256=' prefix (Razorpay sends bare hex)", err: "malformed_header", expect: "invalid" });
  g.vec({ id: "truncated", body: J, secret: S, headers: { ...meta(), [H]: good.slice(0, -2) }, reason: "signature missing its last two hex chars", err: "malformed_header", expect: "invalid" });
  g.vec({ id: "non-hex", body: J, secret: S, headers: { ...meta(), [H]: "z".repeat(64) }, reason: "64 non-hex chars", err: "malformed_header", expect: "invalid" });
  g.vec({ id: "base64-digest", body: J, secret: S, headers: { ...meta(), [H]: Buffer.from(good, "hex").toString("base64") }, reason: "correct digest as base64 instead of hex", err: "malformed_header", expect: "invalid" });
  g.vec({ id: "missing-header", body: J, secret: S, headers: meta(), reason: "no X-Razorpay-Signature header", err: "missing_header", expect: "invalid" });
  g.vec({ id: "rotation-second-of-two", body: J, secret: [S, SB], headers: { ...meta(), [H]: sign(J, SB) }, reason: "verifier holds [new, old] secrets (Razorpay signs retries of older events with the old secret); signed with the 2nd", err: "signature_mismatch", expect: "valid" });
  g.vec({ id: "rotation-none-matches", body: J, secret: [S, SB], headers: { ...meta(), [H]: sign(J, SW) }, reason: "verifier holds two secrets; signed with neither", err: "signature_mismatch", expect: "invalid" });

  // What the SDK does with a body that is not valid UTF-8: `body.toString()` decodes a Buffer
  // lossily before the HMAC, so it cannot accept a signature over those raw bytes.
  const raw = Buffer.from([0x7b, 0xff, 0xfe, 0x7d]);
  const [ok] = verdict(S, raw, createHmac("sha256", S).update(raw).digest("hex"));
  NOTES.push(`razorpay: a non-UTF-8 Buffer body signed over its raw bytes: SDK ${ok ? "accepts" : "rejects"} (body.toString() decodes it first); no vector emitted`);
  write("razorpay", g.vectors);
}

// ---------------------------------------------------------------------------
// Coinbase Commerce
// ---------------------------------------------------------------------------
function genCoinbaseCommerce() {
  const { Webhook } = require("coinbase-commerce-node");
  const V = pkgVersion("coinbase-commerce-node");
  const H = "X-CC-Webhook-Signature";
  const S = "5b5d4e2a-hooksign-cc-shared-secret-0001";
  const SB = "5b5d4e2a-hooksign-cc-shared-secret-0002";
  const SW = "5b5d4e2a-hooksign-cc-shared-secret-0009";

  // verifySigHeader is what the SDK's README documents; verifyEventBody also parses the body
  // and requires an `event` in it. The verdict is verifySigHeader's; both are recorded.
  const call = (fn, ...args) => {
    try {
      const r = fn.apply(Webhook, args);
      return [true, `returned ${r && r.constructor ? (r === true ? "true" : `an ${r.constructor.name}`) : r}`];
    } catch (e) {
      return [false, `threw ${e.constructor.name}`];
    }
  };
  const verdict = (secret, body, sig) => {
    const [ok, msg] = call(Webhook.verifySigHeader, body, sig, secret);
    const [okBody, msgBody] = call(Webhook.verifyEventBody, body, sig, secret);
    return [ok, `Webhook.verifySigHeader(body, ${sig === undefined ? "undefined" : "header value"}, secret) ${msg}; Webhook.verifyEventBody ${msgBody}` + (ok !== okBody ? " (they disagree: verifyEventBody also parses the body)" : "")];
  };
  const sign = (body, secret = S) => Webhook.computeSignature(body, secret);
  const g = generator({
    provider: "coinbase-commerce", header: H, verdict,
    generatorText: `coinbase-commerce-node@${V} (Webhook.computeSignature to sign; Webhook.verifySigHeader, lib/Webhook.js, to verify)`,
  });

  const J = '{"attempt_number":1,"event":{"api_version":"2018-03-22","created_at":"2023-11-14T22:13:20Z","data":{"id":"2aee9dd1-67b8-43ef-8dfe-977959850f27","code":"XA6G6ZFR","pricing":{"local":{"amount":"1.00","currency":"USD"},"settlement":{"amount":"1","currency":"USDC"}}},"id":"f9b3a9d4-5a4e-4c52-9d2c-3b0a1c6e7d11","resource":"event","type":"charge:confirmed"},"id":"0c8bb5b2-8d9e-4a59-86b6-5c0c4a0b2e7f","scheduled_for":"2023-11-14T22:13:20Z"}';
  const U = '{"attempt_number":2,"event":{"api_version":"2018-03-22","created_at":"2023-11-14T22:13:21Z","data":{"id":"7d1c5e9a-0b7a-4a77-9c39-1a7f5c1f2d40","code":"B7Q2M9KD","metadata":{"name":"Zoë Ångström","email":"zoe@example.com","note":"paiement reçu ✓ 日本語 🎉"}},"id":"3e1f8a52-2f1c-4b6e-8a0e-6f7d9c2b1a00","resource":"event","type":"charge:pending"},"id":"a4d2f0e1-9c8b-4e7a-b6d5-c4b3a2918f70","scheduled_for":"2023-11-14T22:13:21Z"}';
  const meta = { "Content-Type": "application/json; charset=utf-8"};
  const good = sign(J);

  g.vec({ id: "valid-json", body: J, secret: S, headers: { ...meta, [H]: good }, reason: "valid charge:confirmed delivery, the body shaped as Coinbase documents it", expect: "valid" });
  g.vec({ id: "valid-unicode", body: U, secret: S, headers: { ...meta, [H]: sign(U) }, reason: "valid charge:pending delivery (a retry, attempt_number 2) whose body has non-ASCII UTF-8 (accents, CJK, emoji)", expect: "valid" });
  const C = '{"attempt_number":1,"event":{"id":"f9b3a9d4-5a4e-4c52-9d2c-3b0a1c6e7d11","resource":"event","type":"charge:created"},"id":"0c8bb5b2-8d9e-4a59-86b6-5c0c4a0b2e7f"}';
  g.vec({ id: "valid-compact", body: C, secret: S, headers: { [H]: sign(C) }, reason: "valid delivery, short body (the rustdoc example)", expect: "valid" });
  g.vec({ id: "valid-trailing-newline", body: J + "\n", secret: S, headers: { [H]: sign(J + "\n") }, reason: "valid delivery, body ending in a newline (the newline is signed)", expect: "valid" });
  g.vec({ id: "valid-crlf", body: J.replace(",", ",\r\n"), secret: S, headers: { [H]: sign(J.replace(",", ",\r\n")) }, reason: "valid delivery, body with a CRLF (signed as is)", expect: "valid" });
  g.vec({ id: "tampered-body", body: J.replace('"amount":"1.00"', '"amount":"9.00"'), secret: S, headers: { ...meta, [H]: good }, reason: "one byte of the body changed (the charge's local amount 1.00 -> 9.00; still JSON with an event)", err: "signature_mismatch", expect: "invalid" });
  g.vec({ id: "wrong-secret", body: J, secret: S, headers: { ...meta, [H]: sign(J, SW) }, reason: "signed with another shared secret", err: "signature_mismatch", expect: "invalid" });
  g.vec({ id: "uppercase-hex", body: J, secret: S, headers: { ...meta, [H]: good.toUpperCase() }, reason: "correct digest in upper-case hex; the SDK's secure-compare compares the lower-case hex string exactly", err: "malformed_header", expect: "invalid" });
  g.vec({ id: "sha256-prefix", body: J, secret: S, headers: { ...meta, [H]: "sha256=" + good }, reason: "digest behind a 'sha256=' prefix (Coinbase sends bare hex)", err: "malformed_header", expect: "invalid" });
  g.vec({ id: "truncated", body: J, secret: S, headers: { ...meta, [H]: good.slice(0, -2) }, reason: "signature missing its last two hex chars", err: "malformed_header", expect: "invalid" });
  g.vec({ id: "non-hex", body: J, secret: S, headers: { ...meta, [H]: "g".repeat(64) }, reason: "64 non-hex chars", err: "malformed_header", expect: "invalid" });
  g.vec({ id: "empty-signature", body: J, secret: S, headers: { ...meta, [H]: "" }, reason: "X-CC-Webhook-Signature present but empty", err: "malformed_header", expect: "invalid" });
  g.vec({ id: "missing-header", body: J, secret: S, headers: meta, reason: "no X-CC-Webhook-Signature header", err: "missing_header", expect: "invalid" });
  g.vec({ id: "rotation-second-of-two", body: J, secret: [S, SB], headers: { ...meta, [H]: sign(J, SB) }, reason: "verifier holds [new, old] shared secrets; signed with the 2nd", err: "signature_mismatch", expect: "valid" });
  g.vec({ id: "rotation-none-matches", body: J, secret: [S, SB], headers: { ...meta, [H]: sign(J, SW) }, reason: "verifier holds two secrets; signed with neither", err: "signature_mismatch", expect: "invalid" });

  const notJson = "not json";
  NOTES.push(`coinbase-commerce: a correctly signed non-JSON body: ${verdict(S, notJson, sign(notJson))[1]}; no vector emitted`);
  write("coinbase-commerce", g.vectors);
}

genRazorpay();
genCoinbaseCommerce();
for (const n of NOTES) console.error("note:", n);
