// Generate SDK-verdict test vectors for catalogue providers, one file per provider:
//
//   razorpay           -> tests/vectors/razorpay.json           (npm `razorpay`)
//   coinbase-commerce  -> tests/vectors/coinbase-commerce.json  (npm `coinbase-commerce-node`)
//   paddle             -> tests/vectors/paddle.json             (npm `@paddle/paddle-node-sdk`)
//   mux                -> tests/vectors/mux.json                (npm `@mux/mux-node`)
//   modern-treasury    -> tests/vectors/modern-treasury.json    (npm `modern-treasury`)
//   elevenlabs         -> tests/vectors/elevenlabs.json         (npm `@elevenlabs/elevenlabs-js`)
//   polar              -> tests/vectors/polar.json              (npm `@polar-sh/sdk`)
//   linear             -> tests/vectors/linear.json             (npm `@linear/sdk`)
//   workos             -> tests/vectors/workos.json             (npm `@workos-inc/node`)
//   sanity             -> tests/vectors/sanity.json             (npm `@sanity/webhook`)
//
//   node catalogue.mjs              (after `npm ci`; not run by CI): every provider
//   node catalogue.mjs workos …     only these providers' files
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
        const res = secret.map((s) => verdict(s, body, sig, headers));
        const i = res.findIndex((r) => r[0]);
        v.expected = i >= 0 ? "valid" : "invalid";
        if (i >= 0) v.matched_secret_index = i;
        v.sdk_verdict = "no multi-secret verify in the SDK: valid iff the SDK accepts with one secret of the set. " +
          res.map((r, k) => `secret[${k}]: ${r[1]}`).join("; ");
      } else {
        const [ok, msg] = verdict(secret, body, sig, headers);
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


// ---------------------------------------------------------------------------
// Modern Treasury
// ---------------------------------------------------------------------------
function genModernTreasury() {
  const ModernTreasury = require("modern-treasury").default;
  const V = pkgVersion("modern-treasury");
  const client = new ModernTreasury({ apiKey: "hooksign-vectors-not-a-key", organizationID: "hooksign-vectors" });
  const H = "X-Signature";
  const WID = "X-Webhook-ID";
  const S = "hooksign-modern-treasury-webhook-key-0001";
  const SB = "hooksign-modern-treasury-webhook-key-0002";
  const SW = "hooksign-modern-treasury-webhook-key-0009";

  // validateSignature reads X-Signature from the headers it is given, so it gets the whole set.
  const verdict = (secret, body, _sig, headers) => {
    try {
      const ok = client.webhooks.validateSignature(body, headers, { key: secret });
      return [ok === true, `client.webhooks.validateSignature(body, headers, { key }) returned ${ok}`];
    } catch (e) {
      return [false, `client.webhooks.validateSignature threw ${e.constructor.name}: ${e.message}`];
    }
  };
  const sign = (body, secret = S) => client.webhooks.getSignature(body, { key: secret });
  const g = generator({
    provider: "modern-treasury", header: H, verdict,
    generatorText: `modern-treasury@${V} (client.webhooks.getSignature to sign; client.webhooks.validateSignature, src/resources/webhooks.ts, to verify)`,
  });

  const J = '{"event":"completed","data":{"id":"5f7a1c2e-8b3d-4e6f-9a0b-1c2d3e4f5a6b","object":"payment_order","type":"ach","amount":1000,"direction":"credit","currency":"USD","status":"completed","live_mode":true,"created_at":"2023-11-14T22:13:20Z"}}';
  const U = '{"event":"created","data":{"id":"0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d","object":"counterparty","name":"Zoë Ångström GmbH","metadata":{"memo":"Überweisung ✓ 日本語 🎉"},"live_mode":false}}';
  const C = '{"event":"completed","data":{"id":"5f7a1c2e-8b3d-4e6f-9a0b-1c2d3e4f5a6b","object":"payment_order"}}';
  const meta = (id = "2c9f4b7e-0d1a-4e3b-8f6c-5a4b3c2d1e0f") => ({ "Content-Type": "application/json", [WID]: id });
  const good = sign(J);

  g.vec({ id: "valid-json", body: J, secret: S, headers: { ...meta(), [H]: good }, reason: "valid payment_order completed webhook with X-Webhook-ID", expect: "valid" });
  g.vec({ id: "valid-unicode", body: U, secret: S, headers: { ...meta("7e6d5c4b-3a29-4180-9f7e-6d5c4b3a2918"), [H]: sign(U) }, reason: "valid counterparty created webhook whose body has non-ASCII UTF-8 (accents, CJK, emoji)", expect: "valid" });
  g.vec({ id: "valid-compact", body: C, secret: S, headers: { [WID]: "2c9f4b7e-0d1a-4e3b-8f6c-5a4b3c2d1e0f", [H]: sign(C) }, reason: "valid webhook, short body (the rustdoc example)", expect: "valid" });
  g.vec({ id: "valid-without-webhook-id", body: J, secret: S, headers: { [H]: good }, reason: "valid signature, no X-Webhook-ID (the SDK checks the signature alone)", expect: "valid" });
  g.vec({ id: "tampered-body", body: J.replace('"amount":1000', '"amount":9000'), secret: S, headers: { ...meta(), [H]: good }, reason: "one byte of the body changed (amount 1000 -> 9000)", err: "signature_mismatch", expect: "invalid" });
  g.vec({ id: "wrong-secret", body: J, secret: S, headers: { ...meta(), [H]: sign(J, SW) }, reason: "signed with another webhook key", err: "signature_mismatch", expect: "invalid" });
  g.vec({ id: "uppercase-hex", body: J, secret: S, headers: { ...meta(), [H]: good.toUpperCase() }, reason: "correct digest in upper-case hex; the SDK compares the lower-case hex string with ===", err: "malformed_header", expect: "invalid" });
  g.vec({ id: "sha256-prefix", body: J, secret: S, headers: { ...meta(), [H]: "sha256=" + good }, reason: "digest behind a 'sha256=' prefix (Modern Treasury sends bare hex)", err: "malformed_header", expect: "invalid" });
  g.vec({ id: "truncated", body: J, secret: S, headers: { ...meta(), [H]: good.slice(0, -2) }, reason: "signature missing its last two hex chars", err: "malformed_header", expect: "invalid" });
  g.vec({ id: "base64-digest", body: J, secret: S, headers: { ...meta(), [H]: Buffer.from(good, "hex").toString("base64") }, reason: "correct digest as base64 instead of hex", err: "malformed_header", expect: "invalid" });
  g.vec({ id: "missing-header", body: J, secret: S, headers: meta(), reason: "no X-Signature header ('Could not find X-Signature header')", err: "missing_header", expect: "invalid" });
  g.vec({ id: "rotation-second-of-two", body: J, secret: [S, SB], headers: { ...meta(), [H]: sign(J, SB) }, reason: "verifier holds [new, old] webhook keys (a support-coordinated rotation); signed with the 2nd", err: "signature_mismatch", expect: "valid" });
  g.vec({ id: "rotation-none-matches", body: J, secret: [S, SB], headers: { ...meta(), [H]: sign(J, SW) }, reason: "verifier holds two keys; signed with neither", err: "signature_mismatch", expect: "invalid" });
  write("modern-treasury", g.vectors);
}

// ---------------------------------------------------------------------------
// Timestamped schemes: the SDK's clock is pinned (Date.now and `new Date()`), and each
// vector records `timestamp`, `now` and the SDK's tolerance.
// ---------------------------------------------------------------------------
const RealDate = Date;
function pinClock(secs) {
  const ms = secs * 1000;
  globalThis.Date = class extends RealDate {
    constructor(...args) { if (args.length === 0) super(ms); else super(...args); }
    static now() { return ms; }
  };
}
function unpinClock() { globalThis.Date = RealDate; }

/// Like `generator`, for async SDK verifiers of timestamped schemes: `verdict(secret, body,
/// headers)` resolves to [accepted, what it said], run with the clock pinned at `now`.
function tgenerator({ provider, verdict, generatorText, tolerance }) {
  const vectors = [];
  const seen = new Set();
  return {
    vectors,
    async vec({ id, body, headers, reason, err, secret, expect, timestamp, now }) {
      const v = {
        id: `${provider}-${id}`, provider, scheme: provider, secret, secret_encoding: "utf8",
        timestamp, now, tolerance_seconds: tolerance, headers, body, reason,
        generator: generatorText, source: SOURCE,
      };
      const judge = async (s) => { pinClock(now); try { return await verdict(s, body, headers); } finally { unpinClock(); } };
      if (Array.isArray(secret)) {
        const res = [];
        for (const s of secret) res.push(await judge(s));
        const i = res.findIndex((r) => r[0]);
        v.expected = i >= 0 ? "valid" : "invalid";
        if (i >= 0) v.matched_secret_index = i;
        v.sdk_verdict = "no multi-secret verify in the SDK: valid iff the SDK accepts with one secret of the set. " +
          res.map((r, k) => `secret[${k}]: ${r[1]}`).join("; ");
      } else {
        const [ok, msg] = await judge(secret);
        v.expected = ok ? "valid" : "invalid";
        v.sdk_verdict = msg;
      }
      v.error = err;
      if (expect && expect !== v.expected) NOTES.push(`${v.id}: anticipated ${expect}, SDK said ${v.expected}`);
      vectors.push(normalise(v, seen));
    },
  };
}

// ---------------------------------------------------------------------------
// Paddle (Billing)
// ---------------------------------------------------------------------------
async function genPaddle() {
  const { Paddle } = require("@paddle/paddle-node-sdk");
  const V = pkgVersion("@paddle/paddle-node-sdk");
  const paddle = new Paddle("pdl_sdbx_apikey_hooksign_vectors_not_a_real_key");
  // The SDK's own signer: the runtime crypto provider WebhooksValidator.isValidSignature calls.
  const { RuntimeProvider } = require(join(HERE, "node_modules/@paddle/paddle-node-sdk/dist/cjs/internal/providers/runtime-provider.js"));
  const H = "Paddle-Signature";
  const S = "pdl_ntfset_01hv8x2a3b4c5d6e7f8g9h0jkm_hooksignPaddleSecret0001";
  const SB = "pdl_ntfset_01hv8x2a3b4c5d6e7f8g9h0jkm_hooksignPaddleSecret0002";
  const SW = "pdl_ntfset_01hv8x2a3b4c5d6e7f8g9h0jkm_hooksignPaddleSecret0009";
  const T = 1700000000;

  const verdict = async (secret, body, headers) => {
    const sig = headers[H];
    try {
      const ok = await paddle.webhooks.isSignatureValid(body, secret, sig);
      return [ok === true, `paddle.webhooks.isSignatureValid(body, secret, ${sig === undefined ? "undefined" : "header value"}) resolved ${ok}`];
    } catch (e) {
      return [false, `paddle.webhooks.isSignatureValid threw ${e.constructor.name}: ${e.message}`];
    }
  };
  const hmac = (ts, body, secret = S) => RuntimeProvider.getProvider().crypto.computeHmac(`${ts}:${body}`, secret);
  const header = async (ts, body, secret = S) => `ts=${ts};h1=${await hmac(ts, body, secret)}`;
  const g = tgenerator({
    provider: "paddle", verdict, tolerance: 5,
    generatorText: `@paddle/paddle-node-sdk@${V} (Webhooks.isSignatureValid -> WebhooksValidator.isValidSignature, dist/cjs/notifications/helpers/webhooks-validator.js, to verify; signatures from the SDK's runtime crypto provider computeHmac(\`\${ts}:\${body}\`, secret), the call that function makes)`,
  });

  const J = '{"event_id":"evt_01hv8x9q2k3m4n5p6r7s8t9v0w","event_type":"transaction.completed","occurred_at":"2023-11-14T22:13:20.000000Z","notification_id":"ntf_01hv8x9q3a4b5c6d7e8f9g0h1j","data":{"id":"txn_01hv8wptq8987qeep44cyrewp9","status":"completed","customer_id":"ctm_01hv8wt8nffez4p2t6tsz8gcnb","currency_code":"USD","details":{"totals":{"total":"1099"}}}}';
  const U = '{"event_id":"evt_01hv8xa7b8c9d0e1f2g3h4j5k6","event_type":"customer.updated","occurred_at":"2023-11-14T22:13:21.000000Z","notification_id":"ntf_01hv8xa7c8d9e0f1g2h3j4k5m6","data":{"id":"ctm_01hv8wt8nffez4p2t6tsz8gcnb","name":"Zoë Ångström","email":"zoe@example.com","custom_data":{"note":"merci ✓ 日本語 🎉"}}}';
  const C = '{"event_id":"evt_01hv8x9q2k3m4n5p6r7s8t9v0w","event_type":"transaction.completed","notification_id":"ntf_01hv8x9q3a4b5c6d7e8f9g0h1j","data":{}}';
  const meta = { "Content-Type": "application/json" };
  const good = await header(T, J);
  const goodHex = good.split("h1=")[1];

  await g.vec({ id: "valid-json", body: J, secret: S, timestamp: T, now: T, headers: { ...meta, [H]: good }, reason: "valid transaction.completed delivery, received at its timestamp", expect: "valid" });
  await g.vec({ id: "valid-unicode", body: U, secret: S, timestamp: T + 1, now: T + 2, headers: { ...meta, [H]: await header(T + 1, U) }, reason: "valid customer.updated delivery whose body has non-ASCII UTF-8 (accents, CJK, emoji), received 1 s later", expect: "valid" });
  await g.vec({ id: "valid-compact", body: C, secret: S, timestamp: T, now: T + 3, headers: { [H]: await header(T, C) }, reason: "valid delivery, short body (the rustdoc example), received 3 s later", expect: "valid" });
  await g.vec({ id: "just-inside-window", body: J, secret: S, timestamp: T, now: T + 5, headers: { ...meta, [H]: good }, reason: "received 5 s after its timestamp: the SDK rejects only when now > (ts + 5) s", expect: "valid" });
  await g.vec({ id: "just-outside-window", body: J, secret: S, timestamp: T, now: T + 6, headers: { ...meta, [H]: good }, reason: "received 6 s after its timestamp: past the SDK's 5 s (MAX_VALID_TIME_DIFFERENCE)", err: "timestamp_too_old", expect: "invalid" });
  await g.vec({ id: "future-timestamp", body: J, secret: S, timestamp: T + 3600, now: T, headers: { ...meta, [H]: await header(T + 3600, J) }, reason: "timestamp an hour ahead of the clock: the SDK checks only the past", expect: "valid" });
  await g.vec({ id: "stale-and-forged", body: J, secret: S, timestamp: T, now: T + 60, headers: { ...meta, [H]: await header(T, J, SW) }, reason: "60 s old and signed with another secret: the SDK checks the window before the HMAC, so the window is reported", err: "timestamp_too_old", expect: "invalid" });
  await g.vec({ id: "tampered-body", body: J.replace('"total":"1099"', '"total":"1999"'), secret: S, timestamp: T, now: T, headers: { ...meta, [H]: good }, reason: "one byte of the body changed (the total 1099 -> 1999)", err: "signature_mismatch", expect: "invalid" });
  await g.vec({ id: "tampered-timestamp", body: J, secret: S, timestamp: T + 1, now: T + 1, headers: { ...meta, [H]: `ts=${T + 1};h1=${goodHex}` }, reason: "ts changed by one second, h1 kept (ts is signed)", err: "signature_mismatch", expect: "invalid" });
  await g.vec({ id: "wrong-secret", body: J, secret: S, timestamp: T, now: T, headers: { ...meta, [H]: await header(T, J, SW) }, reason: "signed with another notification destination's secret", err: "signature_mismatch", expect: "invalid" });
  await g.vec({ id: "uppercase-hex", body: J, secret: S, timestamp: T, now: T, headers: { ...meta, [H]: `ts=${T};h1=${goodHex.toUpperCase()}` }, reason: "correct digest in upper-case hex; the SDK compares the lower-case hex string with ===", err: "malformed_header", expect: "invalid" });
  await g.vec({ id: "comma-separated", body: J, secret: S, timestamp: T, now: T, headers: { ...meta, [H]: `ts=${T},h1=${goodHex}` }, reason: "elements separated by ',' instead of ';' (the SDK splits on ';')", err: "malformed_header", expect: "invalid" });
  await g.vec({ id: "missing-h1", body: J, secret: S, timestamp: T, now: T, headers: { ...meta, [H]: `ts=${T}` }, reason: "no h1 element (the SDK throws 'Invalid webhook signature')", err: "no_signature", expect: "invalid" });
  await g.vec({ id: "missing-ts", body: J, secret: S, timestamp: T, now: T, headers: { ...meta, [H]: `h1=${goodHex}` }, reason: "no ts element (the SDK throws 'Invalid webhook signature')", err: "malformed_header", expect: "invalid" });
  await g.vec({ id: "missing-header", body: J, secret: S, timestamp: T, now: T, headers: meta, reason: "no Paddle-Signature header", err: "missing_header", expect: "invalid" });
  await g.vec({ id: "rotation-second-of-two", body: J, secret: [S, SB], timestamp: T, now: T, headers: { ...meta, [H]: await header(T, J, SB) }, reason: "verifier holds [new, old] secrets; signed with the 2nd", err: "signature_mismatch", expect: "valid" });
  await g.vec({ id: "rotation-none-matches", body: J, secret: [S, SB], timestamp: T, now: T, headers: { ...meta, [H]: await header(T, J, SW) }, reason: "verifier holds two secrets; signed with neither", err: "signature_mismatch", expect: "invalid" });
  await g.vec({ id: "two-h1-last-matches", body: J, secret: S, timestamp: T, now: T, headers: { ...meta, [H]: `ts=${T};h1=${await hmac(T, J, SW)};h1=${goodHex}` }, reason: "two h1 elements (Paddle documents 'at least one h1'), the last made with this secret", expect: "valid" });

  // Where the SDK and a verifier that tries every h1 part ways: the SDK keeps only the last h1.
  pinClock(T);
  const firstOnly = await verdict(S, J, { [H]: `ts=${T};h1=${goodHex};h1=${await hmac(T, J, SW)}` });
  unpinClock();
  NOTES.push(`paddle: two h1 elements, the first made with this secret, the last not: SDK ${firstOnly[0] ? "accepts" : "rejects"} (it keeps only the last h1); no vector emitted`);
  write("paddle", g.vectors);
}

// ---------------------------------------------------------------------------
// Mux
// ---------------------------------------------------------------------------
async function genMux() {
  const Mux = require("@mux/mux-node").default;
  const V = pkgVersion("@mux/mux-node");
  const mux = new Mux({ tokenId: "hooksign-vectors", tokenSecret: "not-a-real-token" });
  const H = "Mux-Signature";
  const S = "hooksign0mux0webhook0signing0secret01";
  const SB = "hooksign0mux0webhook0signing0secret02";
  const SW = "hooksign0mux0webhook0signing0secret09";
  const T = 1700000000;

  const verdict = async (secret, body, headers) => {
    try {
      await mux.webhooks.verifySignature(body, headers, secret);
      return [true, "mux.webhooks.verifySignature(body, headers, secret) resolved"];
    } catch (e) {
      return [false, `mux.webhooks.verifySignature threw ${e.constructor.name}: ${e.message}`];
    }
  };
  // The SDK's own signer: the (TypeScript-private) method verifySignature calls.
  const hmac = (ts, body, secret = S) => mux.webhooks.computeSignature(`${ts}.${body}`, secret);
  const header = async (ts, body, secret = S) => `t=${ts},v1=${await hmac(ts, body, secret)}`;
  const g = tgenerator({
    provider: "mux", verdict, tolerance: 300,
    generatorText: `@mux/mux-node@${V} (mux.webhooks.verifySignature, src/resources/webhooks/webhooks.ts, to verify; signatures from the same class's computeSignature(\`\${t}.\${body}\`, secret), the call verifySignature makes)`,
  });

  const J = '{"type":"video.asset.ready","object":{"type":"asset","id":"0201p02fGKPE7MrbC269XRD7LpcHhrmbu0002"},"id":"3a56ac3d-33da-4366-855b-f592d898409d","environment":{"name":"Production","id":"j0863n"},"data":{"status":"ready","playback_ids":[{"policy":"public","id":"0201p02fGKPE7MrbC269XRD7LpcHhrmbu0002"}],"duration":23.8},"created_at":"2023-11-14T22:13:20.000000Z","attempts":[],"accessor_source":null,"accessor":null,"request_id":null}';
  const U = '{"type":"video.asset.created","object":{"type":"asset","id":"7Zq2xYp4w6v8u0t2s4r6q8p0o2n4m6l8"},"id":"8f1c2d3e-4b5a-4c6d-9e8f-7a6b5c4d3e2f","environment":{"name":"Production","id":"j0863n"},"data":{"status":"preparing","passthrough":"Zoë Ångström ✓ 日本語 🎉"},"created_at":"2023-11-14T22:13:21.000000Z","attempts":[{"webhook_id":4242,"response_status_code":500,"max_attempts":30,"id":"b1c2d3e4-0000-4000-8000-000000000001","created_at":"2023-11-14T22:13:21.000000Z","address":"https://example.com/mux"}]}';
  const C = '{"type":"video.asset.ready","id":"3a56ac3d-33da-4366-855b-f592d898409d","data":{}}';
  const meta = { "Content-Type": "application/json" };
  const good = await header(T, J);
  const goodHex = good.split("v1=")[1];

  await g.vec({ id: "valid-json", body: J, secret: S, timestamp: T, now: T, headers: { ...meta, [H]: good }, reason: "valid video.asset.ready delivery, received at its timestamp", expect: "valid" });
  await g.vec({ id: "valid-unicode", body: U, secret: S, timestamp: T + 1, now: T + 30, headers: { ...meta, [H]: await header(T + 1, U) }, reason: "valid video.asset.created delivery (a retry: attempts lists the first) whose body has non-ASCII UTF-8, received 29 s later", expect: "valid" });
  await g.vec({ id: "valid-compact", body: C, secret: S, timestamp: T, now: T + 10, headers: { [H]: await header(T, C) }, reason: "valid delivery, short body (the rustdoc example), received 10 s later", expect: "valid" });
  await g.vec({ id: "just-inside-window", body: J, secret: S, timestamp: T, now: T + 300, headers: { ...meta, [H]: good }, reason: "received 300 s after its timestamp: the SDK rejects only an age > 300 s", expect: "valid" });
  await g.vec({ id: "just-outside-window", body: J, secret: S, timestamp: T, now: T + 301, headers: { ...meta, [H]: good }, reason: "received 301 s after its timestamp", err: "timestamp_too_old", expect: "invalid" });
  await g.vec({ id: "future-timestamp", body: J, secret: S, timestamp: T + 3600, now: T, headers: { ...meta, [H]: await header(T + 3600, J) }, reason: "timestamp an hour ahead of the clock: the SDK checks only the past", expect: "valid" });
  await g.vec({ id: "stale-and-forged", body: J, secret: S, timestamp: T, now: T + 3600, headers: { ...meta, [H]: await header(T, J, SW) }, reason: "an hour old and signed with another secret: the SDK checks the signature before the window, so the mismatch is reported", err: "signature_mismatch", expect: "invalid" });
  await g.vec({ id: "tampered-body", body: J.replace('"duration":23.8', '"duration":93.8'), secret: S, timestamp: T, now: T, headers: { ...meta, [H]: good }, reason: "one byte of the body changed (duration 23.8 -> 93.8)", err: "signature_mismatch", expect: "invalid" });
  await g.vec({ id: "tampered-timestamp", body: J, secret: S, timestamp: T + 1, now: T + 1, headers: { ...meta, [H]: `t=${T + 1},v1=${goodHex}` }, reason: "t changed by one second, v1 kept (t is signed)", err: "signature_mismatch", expect: "invalid" });
  await g.vec({ id: "wrong-secret", body: J, secret: S, timestamp: T, now: T, headers: { ...meta, [H]: await header(T, J, SW) }, reason: "signed with another webhook signing secret", err: "signature_mismatch", expect: "invalid" });
  await g.vec({ id: "uppercase-hex", body: J, secret: S, timestamp: T, now: T, headers: { ...meta, [H]: `t=${T},v1=${goodHex.toUpperCase()}` }, reason: "correct digest in upper-case hex; the SDK compares the hex strings' bytes", err: "malformed_header", expect: "invalid" });
  await g.vec({ id: "v0-only", body: J, secret: S, timestamp: T, now: T, headers: { ...meta, [H]: `t=${T},v0=${goodHex}` }, reason: "the right digest under v0 (only v1 counts: 'No v1 signatures found')", err: "no_signature", expect: "invalid" });
  await g.vec({ id: "two-v1-second-matches", body: J, secret: S, timestamp: T, now: T, headers: { ...meta, [H]: `t=${T},v1=${await hmac(T, J, SW)},v1=${goodHex}` }, reason: "two v1 elements, the second made with this secret (any v1 may match)", expect: "valid" });
  await g.vec({ id: "two-v1-first-matches", body: J, secret: S, timestamp: T, now: T, headers: { ...meta, [H]: `t=${T},v1=${goodHex},v1=${await hmac(T, J, SW)}` }, reason: "two v1 elements, the first made with this secret", expect: "valid" });
  await g.vec({ id: "missing-t", body: J, secret: S, timestamp: T, now: T, headers: { ...meta, [H]: `v1=${goodHex}` }, reason: "no t element ('Unable to extract timestamp and signatures from header')", err: "malformed_header", expect: "invalid" });
  await g.vec({ id: "missing-header", body: J, secret: S, timestamp: T, now: T, headers: meta, reason: "no Mux-Signature header", err: "missing_header", expect: "invalid" });
  await g.vec({ id: "rotation-second-of-two", body: J, secret: [S, SB], timestamp: T, now: T, headers: { ...meta, [H]: await header(T, J, SB) }, reason: "verifier holds [new, old] secrets; signed with the 2nd", err: "signature_mismatch", expect: "valid" });
  await g.vec({ id: "rotation-none-matches", body: J, secret: [S, SB], timestamp: T, now: T, headers: { ...meta, [H]: await header(T, J, SW) }, reason: "verifier holds two secrets; signed with neither", err: "signature_mismatch", expect: "invalid" });
  write("mux", g.vectors);
}

// ---------------------------------------------------------------------------
// ElevenLabs
// ---------------------------------------------------------------------------
async function genElevenLabs() {
  const { ElevenLabsClient } = require("@elevenlabs/elevenlabs-js");
  const V = pkgVersion("@elevenlabs/elevenlabs-js");
  const client = new ElevenLabsClient({ apiKey: "hooksign-vectors-not-a-key" });
  const H = "ElevenLabs-Signature";
  const S = "wsec_hooksign0elevenlabs0webhook0secret0001";
  const SB = "wsec_hooksign0elevenlabs0webhook0secret0002";
  const SW = "wsec_hooksign0elevenlabs0webhook0secret0009";
  const T = 1700000000;

  const verdict = async (secret, body, headers) => {
    const sig = headers[H];
    try {
      await client.webhooks.constructEvent(body, sig, secret);
      return [true, `client.webhooks.constructEvent(body, ${sig === undefined ? "undefined" : "header value"}, secret) resolved`];
    } catch (e) {
      return [false, `client.webhooks.constructEvent threw ${e.constructor.name}: ${e.message}`];
    }
  };
  // The module-private hmacSHA256 constructEvent compares with is not exported: signatures are
  // node:crypto's HMAC-SHA256 hex of `${t}.${body}`, the same bytes, judged by the SDK.
  const hmac = (ts, body, secret = S) => createHmac("sha256", secret).update(`${ts}.${body}`).digest("hex");
  const header = (ts, body, secret = S) => `t=${ts},v0=${hmac(ts, body, secret)}`;
  const g = tgenerator({
    provider: "elevenlabs", verdict, tolerance: 1800,
    generatorText: `@elevenlabs/elevenlabs-js@${V} (client.webhooks.constructEvent, wrapper/webhooks.js, to verify; signatures made with node:crypto createHmac('sha256', secret).update(\`\${t}.\${body}\`).digest('hex'), the digest it compares after 'v0=')`,
  });

  const J = '{"type":"post_call_transcription","event_timestamp":1700000000,"data":{"agent_id":"xyz1234567890abcdefg","conversation_id":"conv_01hv8xa7b8c9d0e1f2g3h4j5k6","status":"done","transcript":[{"role":"agent","message":"Hello, how can I help you today?","time_in_call_secs":0}],"metadata":{"call_duration_secs":22,"cost":296}}}';
  const U = '{"type":"post_call_transcription","event_timestamp":1700000001,"data":{"agent_id":"xyz1234567890abcdefg","conversation_id":"conv_01hv8xb1c2d3e4f5g6h7j8k9m0","status":"done","transcript":[{"role":"user","message":"Bonjour, je m’appelle Zoë — 日本語 🎉","time_in_call_secs":1}]}}';
  const C = '{"type":"post_call_transcription","event_timestamp":1700000000,"data":{}}';
  const meta = { "Content-Type": "application/json" };
  const good = header(T, J);
  const goodHex = good.split("v0=")[1];

  await g.vec({ id: "valid-json", body: J, secret: S, timestamp: T, now: T, headers: { ...meta, [H]: good }, reason: "valid post_call_transcription delivery, received at its timestamp", expect: "valid" });
  await g.vec({ id: "valid-unicode", body: U, secret: S, timestamp: T + 1, now: T + 60, headers: { ...meta, [H]: header(T + 1, U) }, reason: "valid delivery whose body has non-ASCII UTF-8 (accents, a typographic apostrophe, CJK, emoji), received 59 s later", expect: "valid" });
  await g.vec({ id: "valid-compact", body: C, secret: S, timestamp: T, now: T + 10, headers: { [H]: header(T, C) }, reason: "valid delivery, short body (the rustdoc example), received 10 s later", expect: "valid" });
  await g.vec({ id: "just-inside-window", body: J, secret: S, timestamp: T, now: T + 1800, headers: { ...meta, [H]: good }, reason: "received 30 min after its timestamp: the SDK rejects only t * 1000 < now - 30 min", expect: "valid" });
  await g.vec({ id: "just-outside-window", body: J, secret: S, timestamp: T, now: T + 1801, headers: { ...meta, [H]: good }, reason: "received 30 min 1 s after its timestamp", err: "timestamp_too_old", expect: "invalid" });
  await g.vec({ id: "future-timestamp", body: J, secret: S, timestamp: T + 86400, now: T, headers: { ...meta, [H]: header(T + 86400, J) }, reason: "timestamp a day ahead of the clock: the SDK checks only the past", expect: "valid" });
  await g.vec({ id: "stale-and-forged", body: J, secret: S, timestamp: T, now: T + 7200, headers: { ...meta, [H]: header(T, J, SW) }, reason: "two hours old and signed with another secret: the SDK checks the window before the HMAC, so the window is reported", err: "timestamp_too_old", expect: "invalid" });
  await g.vec({ id: "tampered-body", body: J.replace('"cost":296', '"cost":996'), secret: S, timestamp: T, now: T, headers: { ...meta, [H]: good }, reason: "one byte of the body changed (cost 296 -> 996)", err: "signature_mismatch", expect: "invalid" });
  await g.vec({ id: "tampered-timestamp", body: J, secret: S, timestamp: T + 1, now: T + 1, headers: { ...meta, [H]: `t=${T + 1},v0=${goodHex}` }, reason: "t changed by one second, v0 kept (t is signed)", err: "signature_mismatch", expect: "invalid" });
  await g.vec({ id: "wrong-secret", body: J, secret: S, timestamp: T, now: T, headers: { ...meta, [H]: header(T, J, SW) }, reason: "signed with another webhook secret", err: "signature_mismatch", expect: "invalid" });
  await g.vec({ id: "uppercase-hex", body: J, secret: S, timestamp: T, now: T, headers: { ...meta, [H]: `t=${T},v0=${goodHex.toUpperCase()}` }, reason: "correct digest in upper-case hex; the SDK compares 'v0=' + lower-case hex with !==", err: "malformed_header", expect: "invalid" });
  await g.vec({ id: "v1-only", body: J, secret: S, timestamp: T, now: T, headers: { ...meta, [H]: `t=${T},v1=${goodHex}` }, reason: "the right digest under v1 (only v0 counts: 'No signature hash found with expected scheme v0')", err: "no_signature", expect: "invalid" });
  await g.vec({ id: "space-after-comma", body: J, secret: S, timestamp: T, now: T, headers: { ...meta, [H]: `t=${T}, v0=${goodHex}` }, reason: "', ' between the elements: ' v0=' does not start with 'v0=', so the SDK finds no v0", err: "no_signature", expect: "invalid" });
  await g.vec({ id: "missing-t", body: J, secret: S, timestamp: T, now: T, headers: { ...meta, [H]: `v0=${goodHex}` }, reason: "no t element", err: "malformed_header", expect: "invalid" });
  await g.vec({ id: "missing-header", body: J, secret: S, timestamp: T, now: T, headers: meta, reason: "no ElevenLabs-Signature header ('Missing signature header')", err: "missing_header", expect: "invalid" });
  await g.vec({ id: "rotation-second-of-two", body: J, secret: [S, SB], timestamp: T, now: T, headers: { ...meta, [H]: header(T, J, SB) }, reason: "verifier holds [new, old] secrets; signed with the 2nd", err: "signature_mismatch", expect: "valid" });
  await g.vec({ id: "rotation-none-matches", body: J, secret: [S, SB], timestamp: T, now: T, headers: { ...meta, [H]: header(T, J, SW) }, reason: "verifier holds two secrets; signed with neither", err: "signature_mismatch", expect: "invalid" });

  pinClock(T);
  const second = await verdict(S, J, { [H]: `t=${T},v0=${hmac(T, J, SW)},v0=${goodHex}` });
  unpinClock();
  NOTES.push(`elevenlabs: two v0 elements, the matching one second: SDK ${second[0] ? "accepts" : "rejects"} (it uses only the first v0); no vector emitted`);
  write("elevenlabs", g.vectors);
}

// ---------------------------------------------------------------------------
// Polar
// ---------------------------------------------------------------------------
async function genPolar() {
  const { validateEvent } = require("@polar-sh/sdk/webhooks");
  // The standardwebhooks package the Polar SDK resolves (its dependency).
  const { Webhook } = require(require.resolve("standardwebhooks", { paths: [join(HERE, "node_modules/@polar-sh/sdk")] }));
  const V = pkgVersion("@polar-sh/sdk");
  const SWV = JSON.parse(readFileSync(require.resolve("standardwebhooks/package.json", { paths: [join(HERE, "node_modules/@polar-sh/sdk")] }), "utf8")).version;
  const S = "polar_whs_hooksign0polar0webhook0secret0001";
  const SB = "polar_whs_hooksign0polar0webhook0secret0002";
  const SW = "polar_whs_hooksign0polar0webhook0secret0009";
  const T = 1700000000;
  // What validateEvent does before parsing the event: the secret's UTF-8 bytes, base64-encoded,
  // handed to standardwebhooks (which decodes them back).
  const webhookFor = (secret) => new Webhook(Buffer.from(secret, "utf-8").toString("base64"));

  const verdict = async (secret, body, headers) => {
    let sig;
    try {
      webhookFor(secret).verify(body, headers);
      sig = [true, "new Webhook(base64(secret)).verify(body, headers) returned"];
    } catch (e) {
      sig = [false, `new Webhook(base64(secret)).verify threw ${e.constructor.name}: ${e.message}`];
    }
    let full;
    try {
      validateEvent(body, headers, secret);
      full = "validateEvent returned";
    } catch (e) {
      full = `validateEvent threw ${e.constructor.name}` + (e.constructor.name === "WebhookVerificationError" ? "" : " (the signature passed; the event did not match the SDK's schema for its type)");
    }
    return [sig[0], `${sig[1]}; ${full}`];
  };
  const sign = (id, ts, body, secret = S) => webhookFor(secret).sign(id, new Date(ts * 1000), body);
  const g = tgenerator({
    provider: "polar", verdict, tolerance: 300,
    generatorText: `@polar-sh/sdk@${V} (validateEvent, src/webhooks.ts: new Webhook(base64(utf8(secret))) from standardwebhooks@${SWV}; its verify is the verdict, its sign the signer; validateEvent's own outcome, which also parses the event against the SDK's schemas, is recorded in sdk_verdict)`,
  });
  const hdr = (id, ts, sig) => ({ "Content-Type": "application/json", "webhook-id": id, "webhook-timestamp": String(ts), "webhook-signature": sig });

  const J = '{"type":"order.paid","timestamp":"2023-11-14T22:13:20Z","data":{"id":"8d6f2f4c-3b1e-4c8a-9f7d-2e5a6b7c8d90","status":"paid","total_amount":1000,"currency":"usd","customer_id":"1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"}}';
  const U = '{"type":"customer.updated","timestamp":"2023-11-14T22:13:21Z","data":{"id":"1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d","name":"Zoë Ångström","metadata":{"note":"merci ✓ 日本語 🎉"}}}';
  const C = '{"type":"order.paid","data":{}}';
  const ID = "msg_2abcHooksignPolar0001";

  await g.vec({ id: "valid-json", body: J, secret: S, timestamp: T, now: T, headers: hdr(ID, T, sign(ID, T, J)), reason: "valid order.paid delivery, received at its timestamp", expect: "valid" });
  await g.vec({ id: "valid-unicode", body: U, secret: S, timestamp: T + 1, now: T + 60, headers: hdr("msg_2abcHooksignPolar0002", T + 1, sign("msg_2abcHooksignPolar0002", T + 1, U)), reason: "valid customer.updated delivery whose body has non-ASCII UTF-8 (accents, CJK, emoji), received 59 s later", expect: "valid" });
  await g.vec({ id: "valid-compact", body: C, secret: S, timestamp: T, now: T + 10, headers: { "webhook-id": ID, "webhook-timestamp": String(T), "webhook-signature": sign(ID, T, C) }, reason: "valid delivery, short body (the rustdoc example), received 10 s later", expect: "valid" });
  await g.vec({ id: "just-inside-window", body: J, secret: S, timestamp: T, now: T + 300, headers: hdr(ID, T, sign(ID, T, J)), reason: "received 300 s after its timestamp (the limit is now - t > 300)", expect: "valid" });
  await g.vec({ id: "just-outside-window", body: J, secret: S, timestamp: T, now: T + 301, headers: hdr(ID, T, sign(ID, T, J)), reason: "received 301 s after its timestamp ('Message timestamp too old')", err: "timestamp_too_old", expect: "invalid" });
  await g.vec({ id: "just-inside-future", body: J, secret: S, timestamp: T + 300, now: T, headers: hdr(ID, T + 300, sign(ID, T + 300, J)), reason: "timestamp 300 s ahead of the clock (the limit is t > now + 300)", expect: "valid" });
  await g.vec({ id: "just-outside-future", body: J, secret: S, timestamp: T + 301, now: T, headers: hdr(ID, T + 301, sign(ID, T + 301, J)), reason: "timestamp 301 s ahead of the clock ('Message timestamp too new')", err: "timestamp_too_new", expect: "invalid" });
  await g.vec({ id: "stale-and-forged", body: J, secret: S, timestamp: T, now: T + 3600, headers: hdr(ID, T, sign(ID, T, J, SW)), reason: "an hour old and signed with another secret: the window is checked first", err: "timestamp_too_old", expect: "invalid" });
  await g.vec({ id: "tampered-body", body: J.replace('"total_amount":1000', '"total_amount":9000'), secret: S, timestamp: T, now: T, headers: hdr(ID, T, sign(ID, T, J)), reason: "one byte of the body changed (total 1000 -> 9000)", err: "signature_mismatch", expect: "invalid" });
  await g.vec({ id: "tampered-id", body: J, secret: S, timestamp: T, now: T, headers: hdr("msg_2abcHooksignPolar0003", T, sign(ID, T, J)), reason: "webhook-id changed, signature kept (the id is signed)", err: "signature_mismatch", expect: "invalid" });
  await g.vec({ id: "wrong-secret", body: J, secret: S, timestamp: T, now: T, headers: hdr(ID, T, sign(ID, T, J, SW)), reason: "signed with another Polar webhook secret", err: "signature_mismatch", expect: "invalid" });
  // The Standard Webhooks convention Polar does not follow: the part after the last '_' decoded as base64.
  const stdKey = new Webhook("whsec_" + S.split("_").pop());
  await g.vec({ id: "secret-decoded-as-base64", body: J, secret: S, timestamp: T, now: T, headers: hdr(ID, T, stdKey.sign(ID, new Date(T * 1000), J)), reason: "signed with the key a Standard Webhooks library would derive (the part after the last '_' base64-decoded): Polar keys with the whole secret's bytes", err: "signature_mismatch", expect: "invalid" });
  await g.vec({ id: "two-signatures-second-matches", body: J, secret: S, timestamp: T, now: T, headers: hdr(ID, T, `${sign(ID, T, J, SW)} ${sign(ID, T, J)}`), reason: "two v1 entries, the second made with this secret", expect: "valid" });
  await g.vec({ id: "v1a-only", body: J, secret: S, timestamp: T, now: T, headers: hdr(ID, T, sign(ID, T, J).replace("v1,", "v1a,")), reason: "the right digest under v1a (only v1 entries count)", err: "no_signature", expect: "invalid" });
  await g.vec({ id: "missing-id", body: J, secret: S, timestamp: T, now: T, headers: { "webhook-timestamp": String(T), "webhook-signature": sign(ID, T, J) }, reason: "no webhook-id header ('Missing required headers')", err: "missing_header", expect: "invalid" });
  await g.vec({ id: "rotation-second-of-two", body: J, secret: [S, SB], timestamp: T, now: T, headers: hdr(ID, T, sign(ID, T, J, SB)), reason: "verifier holds [new, old] secrets; signed with the 2nd", err: "signature_mismatch", expect: "valid" });
  await g.vec({ id: "rotation-none-matches", body: J, secret: [S, SB], timestamp: T, now: T, headers: hdr(ID, T, sign(ID, T, J, SW)), reason: "verifier holds two secrets; signed with neither", err: "signature_mismatch", expect: "invalid" });
  write("polar", g.vectors);
}

// ---------------------------------------------------------------------------
// Linear (the timestamp is a field of the signed body, in milliseconds)
// ---------------------------------------------------------------------------
async function genLinear() {
  const { LinearWebhookClient } = await import("@linear/sdk/webhooks");
  const V = pkgVersion("@linear/sdk");
  const H = "Linear-Signature";
  const S = "lin_wh_hooksignLinearSigningSecret0001";
  const SB = "lin_wh_hooksignLinearSigningSecret0002";
  const SW = "lin_wh_hooksignLinearSigningSecret0009";
  const T = 1700000000;
  const TM = T * 1000;

  const verdict = async (secret, body, headers) => {
    const sig = headers[H];
    try {
      const ok = new LinearWebhookClient(secret).verify(Buffer.from(body, "utf8"), sig);
      return [ok === true, `new LinearWebhookClient(secret).verify(Buffer.from(body), ${sig === undefined ? "undefined" : "header value"}) returned ${ok}`];
    } catch (e) {
      return [false, `LinearWebhookClient.verify threw ${e.constructor.name}: ${e.message}`];
    }
  };
  // The expression verify() evaluates (the SDK exports no signer).
  const sign = (body, secret = S) => createHmac("sha256", secret).update(Buffer.from(body, "utf8")).digest("hex");
  const g = tgenerator({
    provider: "linear", verdict, tolerance: 60,
    generatorText: `@linear/sdk@${V} (LinearWebhookClient.verify, dist/webhooks-*.mjs (src/webhooks/client.ts), to verify, with the clock pinned; signatures made with node:crypto createHmac('sha256', secret).update(rawBody).digest('hex'), the expression verify() compares byte for byte)`,
  });
  const meta = { "Content-Type": "application/json; charset=utf-8" };
  const issue = (ts, extra = "") => `{"action":"update","actor":{"id":"b5ea4c6d-7f3e-4e8a-9d2b-1c0f3a6e8b47","type":"user","name":"Ada Lovelace"},"createdAt":"2023-11-14T22:13:19.512Z","data":{"id":"9c3f2d1e-6b5a-4c7d-8e9f-0a1b2c3d4e5f","identifier":"ENG-42","title":"Fix the flaky build","priority":2,"teamId":"4d5e6f70-8192-4a3b-bc4d-5e6f708192a3"},"updatedFrom":{"priority":3},"url":"https://linear.app/hooksign/issue/ENG-42/fix-the-flaky-build","type":"Issue","organizationId":"0f1e2d3c-4b5a-4697-8877-665544332211","webhookTimestamp":${ts},"webhookId":"7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d"${extra}}`;
  const J = issue(TM);
  const U = `{"action":"create","actor":{"id":"c6fb5d7e-8a4f-4f9b-ae3c-2d1a4b7f9c58","type":"user","name":"Zoë Ångström"},"createdAt":"2023-11-14T22:13:20.734Z","data":{"id":"1b2c3d4e-5f60-4718-8a9b-0c1d2e3f4a5b","body":"Ça marche ✓ 日本語 🎉","issueId":"9c3f2d1e-6b5a-4c7d-8e9f-0a1b2c3d4e5f"},"url":"https://linear.app/hooksign/issue/ENG-42#comment-1b2c3d4e","type":"Comment","organizationId":"0f1e2d3c-4b5a-4697-8877-665544332211","webhookTimestamp":${TM + 1000},"webhookId":"7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d"}`;
  const C = `{"action":"create","type":"Issue","data":{"id":"9c3f2d1e-6b5a-4c7d-8e9f-0a1b2c3d4e5f"},"webhookTimestamp":${TM}}`;
  const at = (body, secret = S, extra = {}) => ({ ...meta, ...extra, [H]: sign(body, secret) });

  await g.vec({ id: "valid-json", body: J, secret: S, timestamp: T, now: T, headers: at(J), reason: "valid Issue update delivery, received at its webhookTimestamp", expect: "valid" });
  await g.vec({ id: "valid-unicode", body: U, secret: S, timestamp: T + 1, now: T + 30, headers: at(U), reason: "valid Comment create delivery whose body has non-ASCII UTF-8 (accents, CJK, emoji), received 29 s later", expect: "valid" });
  await g.vec({ id: "valid-compact", body: C, secret: S, timestamp: T, now: T + 10, headers: { [H]: sign(C) }, reason: "valid delivery, short body (the rustdoc example), received 10 s later", expect: "valid" });
  const Jms = issue(TM + 999);
  await g.vec({ id: "valid-millisecond-timestamp", body: Jms, secret: S, timestamp: T + 0.999, now: T + 1, headers: at(Jms), reason: "webhookTimestamp with a non-zero millisecond part (…999), received 1 ms later", expect: "valid" });
  await g.vec({ id: "just-inside-window", body: J, secret: S, timestamp: T, now: T + 60, headers: at(J), reason: "received 60 s after webhookTimestamp (the SDK rejects |now - t| > 60 000 ms)", expect: "valid" });
  await g.vec({ id: "just-outside-window", body: J, secret: S, timestamp: T, now: T + 61, headers: at(J), reason: "received 61 s after webhookTimestamp ('Invalid webhook timestamp')", err: "timestamp_too_old", expect: "invalid" });
  const Jm1 = issue(TM - 1);
  await g.vec({ id: "just-outside-window-by-1ms", body: Jm1, secret: S, timestamp: T - 0.001, now: T + 60, headers: at(Jm1), reason: "received 60.001 s after webhookTimestamp: the window is in milliseconds", err: "timestamp_too_old", expect: "invalid" });
  const Jf = issue(TM + 60000);
  await g.vec({ id: "just-inside-future", body: Jf, secret: S, timestamp: T + 60, now: T, headers: at(Jf), reason: "webhookTimestamp 60 s ahead of the clock (the window is two-sided: Math.abs)", expect: "valid" });
  const Jf2 = issue(TM + 61000);
  await g.vec({ id: "just-outside-future", body: Jf2, secret: S, timestamp: T + 61, now: T, headers: at(Jf2), reason: "webhookTimestamp 61 s ahead of the clock ('Invalid webhook timestamp')", err: "timestamp_too_new", expect: "invalid" });
  await g.vec({ id: "stale-and-forged", body: J, secret: S, timestamp: T, now: T + 3600, headers: at(J, SW), reason: "an hour old and signed with another secret: the SDK compares the signature before it reads the timestamp", err: "signature_mismatch", expect: "invalid" });
  await g.vec({ id: "header-timestamp-ignored", body: J, secret: S, timestamp: T, now: T + 3600, headers: at(J, S, { "Linear-Timestamp": String((T + 3600) * 1000) }), reason: "an hour old by webhookTimestamp, with a fresh Linear-Timestamp header: the SDK trusts only the signed body field", err: "timestamp_too_old", expect: "invalid" });
  await g.vec({ id: "tampered-body", body: J.replace('"priority":2', '"priority":1'), secret: S, timestamp: T, now: T, headers: at(J), reason: "one byte of the body changed (priority 2 -> 1)", err: "signature_mismatch", expect: "invalid" });
  await g.vec({ id: "tampered-timestamp", body: issue(TM + 1000), secret: S, timestamp: T + 1, now: T + 1, headers: at(J), reason: "webhookTimestamp moved by one second, signature kept (the field is part of the signed body)", err: "signature_mismatch", expect: "invalid" });
  await g.vec({ id: "wrong-secret", body: J, secret: S, timestamp: T, now: T, headers: at(J, SW), reason: "signed with another webhook's signing secret", err: "signature_mismatch", expect: "invalid" });
  await g.vec({ id: "uppercase-hex", body: J, secret: S, timestamp: T, now: T, headers: { ...meta, [H]: sign(J).toUpperCase() }, reason: "correct digest in upper-case hex; the SDK compares the lower-case hex text byte for byte", err: "malformed_header", expect: "invalid" });
  await g.vec({ id: "sha256-prefix", body: J, secret: S, timestamp: T, now: T, headers: { ...meta, [H]: "sha256=" + sign(J) }, reason: "digest behind a 'sha256=' prefix (Linear sends bare hex)", err: "malformed_header", expect: "invalid" });
  await g.vec({ id: "truncated", body: J, secret: S, timestamp: T, now: T, headers: { ...meta, [H]: sign(J).slice(0, -2) }, reason: "signature missing its last two hex chars", err: "malformed_header", expect: "invalid" });
  await g.vec({ id: "missing-header", body: J, secret: S, timestamp: T, now: T, headers: meta, reason: "no Linear-Signature header", err: "missing_header", expect: "invalid" });
  const N = '{"action":"create","type":"Issue","data":{"id":"9c3f2d1e-6b5a-4c7d-8e9f-0a1b2c3d4e5f"}}';
  await g.vec({ id: "missing-webhook-timestamp", body: N, secret: S, timestamp: T, now: T, headers: at(N), reason: "correctly signed body without webhookTimestamp ('Missing webhook timestamp')", err: "malformed_body", expect: "invalid" });
  await g.vec({ id: "rotation-second-of-two", body: J, secret: [S, SB], timestamp: T, now: T, headers: at(J, SB), reason: "verifier holds [new, old] signing secrets; signed with the 2nd", err: "signature_mismatch", expect: "valid" });
  await g.vec({ id: "rotation-none-matches", body: J, secret: [S, SB], timestamp: T, now: T, headers: at(J, SW), reason: "verifier holds two secrets; signed with neither", err: "signature_mismatch", expect: "invalid" });

  // Where the SDK is stricter than a reader of "a number or a string of digits".
  for (const [what, ts] of [["a string of digits", `"${TM}"`], ["a number with a fraction", `${TM}.5`]]) {
    const b = issue(ts);
    pinClock(T);
    const r = await verdict(S, b, { [H]: sign(b) });
    unpinClock();
    NOTES.push(`linear: webhookTimestamp as ${what}, correctly signed: SDK ${r[0] ? "accepts" : "rejects"} (${r[1]}); no vector emitted`);
  }
  write("linear", g.vectors);
}

// ---------------------------------------------------------------------------
// WorkOS (`t` in milliseconds)
// ---------------------------------------------------------------------------
async function genWorkOS() {
  const { WorkOS } = require("@workos-inc/node");
  const V = pkgVersion("@workos-inc/node");
  const workos = new WorkOS("sk_test_hooksign_vectors_not_a_real_key");
  const H = "WorkOS-Signature";
  const S = "hooksignWorkOSWebhookSecret0001";
  const SB = "hooksignWorkOSWebhookSecret0002";
  const SW = "hooksignWorkOSWebhookSecret0009";
  const T = 1700000000;
  const TM = T * 1000;

  // The verdict is verifyHeader given the raw body text (decodePayloadToString keeps a string
  // as it is). Given the parsed payload, as older docs showed, the SDK signs JSON.stringify of
  // it instead: recorded too, with where it disagrees.
  const call = async (secret, payload, sigHeader) => {
    try {
      const ok = await workos.webhooks.verifyHeader({ payload, sigHeader, secret });
      return [ok === true, `resolved ${ok}`];
    } catch (e) {
      return [false, `threw ${e.constructor.name}: ${e.message}`];
    }
  };
  const verdict = async (secret, body, headers) => {
    const sig = headers[H];
    const [ok, msg] = await call(secret, body, sig);
    let parsed;
    try { parsed = JSON.parse(body); } catch { parsed = undefined; }
    const [okObj, msgObj] = parsed === undefined ? [false, "not run (body is not JSON)"] : await call(secret, parsed, sig);
    return [ok, `workos.webhooks.verifyHeader({ payload: raw body text, sigHeader: ${sig === undefined ? "undefined" : "header value"}, secret }) ${msg}; with payload: JSON.parse(body) it ${msgObj}` +
      (ok !== okObj ? " (they disagree: the SDK signs JSON.stringify of a parsed payload, not the bytes received)" : "")];
  };
  const hex = (tsText, body, secret = S) => workos.webhooks.computeSignature(tsText, body, secret);
  const header = async (ts, body, secret = S) => `t=${ts}, v1=${await hex(String(ts), body, secret)}`;
  const g = tgenerator({
    provider: "workos", verdict, tolerance: 180,
    generatorText: `@workos-inc/node@${V} (workos.webhooks.verifyHeader -> SignatureProvider.verifyHeader, lib/factory-*.cjs (src/common/crypto/signature-provider.ts), to verify with the clock pinned; signatures from workos.webhooks.computeSignature(timestamp, payload, secret), the call verifyHeader makes; header written 't=<ms>, v1=<hex>' as the SDK's own tests write it)`,
  });
  const meta = { "Content-Type": "application/json" };
  const J = '{"id":"event_01HF8Q2N9ZK4X7C3V5B6M1D0EA","event":"dsync.user.created","data":{"id":"directory_user_01HF8Q2N9ZK4X7C3V5B6M1D0EB","object":"directory_user","directory_id":"directory_01HF8Q2N9ZK4X7C3V5B6M1D0EC","organization_id":"org_01HF8Q2N9ZK4X7C3V5B6M1D0ED","state":"active","emails":[{"primary":true,"type":"work","value":"ada@example.com"}],"first_name":"Ada","last_name":"Lovelace"},"created_at":"2023-11-14T22:13:20.000Z"}';
  const U = '{"id":"event_01HF8Q3P0AL5Y8D4W6C7N2E1FB","event":"user.updated","data":{"id":"user_01HF8Q3P0AL5Y8D4W6C7N2E1FC","object":"user","email":"zoe@example.com","first_name":"Zoë","last_name":"Ångström","metadata":{"note":"merci ✓ 日本語 🎉"}},"created_at":"2023-11-14T22:13:21.000Z"}';
  const C = '{"id":"event_01HF8Q2N9ZK4X7C3V5B6M1D0EA","event":"dsync.user.created","data":{}}';
  const P = '{\n  "id": "event_01HF8Q4R1BM6Z9E5X7D8P3F2GC",\n  "event": "connection.activated",\n  "data": {"id": "conn_01HF8Q4R1BM6Z9E5X7D8P3F2GD", "name": "Caf\\u00e9 SSO"}\n}';
  const good = await header(TM, J);
  const goodHex = good.split("v1=")[1];

  await g.vec({ id: "valid-json", body: J, secret: S, timestamp: T, now: T, headers: { ...meta, [H]: good }, reason: "valid dsync.user.created delivery, received at its timestamp", expect: "valid" });
  await g.vec({ id: "valid-unicode", body: U, secret: S, timestamp: T + 1, now: T + 30, headers: { ...meta, [H]: await header(TM + 1000, U) }, reason: "valid user.updated delivery whose body has non-ASCII UTF-8 (accents, CJK, emoji), received 29 s later", expect: "valid" });
  await g.vec({ id: "valid-compact", body: C, secret: S, timestamp: T, now: T + 10, headers: { [H]: await header(TM, C) }, reason: "valid delivery, short body (the rustdoc example), received 10 s later", expect: "valid" });
  await g.vec({ id: "valid-pretty-printed", body: P, secret: S, timestamp: T, now: T, headers: { ...meta, [H]: await header(TM, P) }, reason: "valid delivery whose body has newlines, indentation and a \\u escape: signed as received; a verifier that re-serialises the parsed payload gets other bytes", expect: "valid" });
  await g.vec({ id: "valid-without-space", body: J, secret: S, timestamp: T, now: T, headers: { ...meta, [H]: `t=${TM},v1=${goodHex}` }, reason: "'t=…,v1=…' without the space after the comma (the SDK splits on ',' and then on '=')", expect: "valid" });
  await g.vec({ id: "just-inside-window", body: J, secret: S, timestamp: T, now: T + 180, headers: { ...meta, [H]: good }, reason: "received 180 s after t (the SDK rejects |now - t| > 180 000 ms)", expect: "valid" });
  await g.vec({ id: "just-outside-window", body: J, secret: S, timestamp: T, now: T + 181, headers: { ...meta, [H]: good }, reason: "received 181 s after t ('Timestamp outside the tolerance zone')", err: "timestamp_too_old", expect: "invalid" });
  await g.vec({ id: "just-outside-window-by-1ms", body: J, secret: S, timestamp: T - 0.001, now: T + 180, headers: { ...meta, [H]: await header(TM - 1, J) }, reason: "received 180.001 s after t: t and the window are in milliseconds", err: "timestamp_too_old", expect: "invalid" });
  await g.vec({ id: "just-inside-future", body: J, secret: S, timestamp: T + 180, now: T, headers: { ...meta, [H]: await header(TM + 180000, J) }, reason: "t 180 s ahead of the clock (the window is two-sided: Math.abs)", expect: "valid" });
  await g.vec({ id: "just-outside-future", body: J, secret: S, timestamp: T + 181, now: T, headers: { ...meta, [H]: await header(TM + 181000, J) }, reason: "t 181 s ahead of the clock ('Timestamp outside the tolerance zone')", err: "timestamp_too_new", expect: "invalid" });
  await g.vec({ id: "seconds-timestamp", body: J, secret: S, timestamp: T, now: T, headers: { ...meta, [H]: await header(T, J) }, reason: "correctly signed with t in seconds: read as milliseconds it is in 1970", err: "timestamp_too_old", expect: "invalid" });
  await g.vec({ id: "stale-and-forged", body: J, secret: S, timestamp: T, now: T + 3600, headers: { ...meta, [H]: await header(TM, J, SW) }, reason: "an hour old and signed with another secret: the SDK checks the window before the HMAC", err: "timestamp_too_old", expect: "invalid" });
  await g.vec({ id: "tampered-body", body: J.replace('"first_name":"Ada"', '"first_name":"Eve"'), secret: S, timestamp: T, now: T, headers: { ...meta, [H]: good }, reason: "the body changed (first_name Ada -> Eve)", err: "signature_mismatch", expect: "invalid" });
  await g.vec({ id: "tampered-timestamp", body: J, secret: S, timestamp: T + 1, now: T + 1, headers: { ...meta, [H]: `t=${TM + 1000}, v1=${goodHex}` }, reason: "t moved by one second, v1 kept (t is signed)", err: "signature_mismatch", expect: "invalid" });
  await g.vec({ id: "wrong-secret", body: J, secret: S, timestamp: T, now: T, headers: { ...meta, [H]: await header(TM, J, SW) }, reason: "signed with another endpoint's webhook secret", err: "signature_mismatch", expect: "invalid" });
  await g.vec({ id: "uppercase-hex", body: J, secret: S, timestamp: T, now: T, headers: { ...meta, [H]: `t=${TM}, v1=${goodHex.toUpperCase()}` }, reason: "correct digest in upper-case hex; the SDK compares the lower-case hex text", err: "malformed_header", expect: "invalid" });
  await g.vec({ id: "non-digit-timestamp", body: J, secret: S, timestamp: T, now: T, headers: { ...meta, [H]: `t=${TM}.0, v1=${goodHex}` }, reason: "t with a fraction ('Invalid timestamp': the SDK requires /^\\d+$/)", err: "malformed_header", expect: "invalid" });
  await g.vec({ id: "missing-v1", body: J, secret: S, timestamp: T, now: T, headers: { ...meta, [H]: `t=${TM}` }, reason: "no v1 element ('Signature or timestamp missing')", err: "no_signature", expect: "invalid" });
  await g.vec({ id: "missing-header", body: J, secret: S, timestamp: T, now: T, headers: meta, reason: "no WorkOS-Signature header", err: "missing_header", expect: "invalid" });
  await g.vec({ id: "rotation-second-of-two", body: J, secret: [S, SB], timestamp: T, now: T, headers: { ...meta, [H]: await header(TM, J, SB) }, reason: "verifier holds [new, old] webhook secrets; signed with the 2nd", err: "signature_mismatch", expect: "valid" });
  await g.vec({ id: "rotation-none-matches", body: J, secret: [S, SB], timestamp: T, now: T, headers: { ...meta, [H]: await header(TM, J, SW) }, reason: "verifier holds two secrets; signed with neither", err: "signature_mismatch", expect: "invalid" });

  // Where the SDK reads by position and a key=value reader by key.
  pinClock(T);
  const swapped = await verdict(S, J, { [H]: `v1=${goodHex}, t=${TM}` });
  const twoV1 = await verdict(S, J, { [H]: `t=${TM}, v1=${await hex(String(TM), J, SW)}, v1=${goodHex}` });
  unpinClock();
  NOTES.push(`workos: 'v1=…, t=…' (elements swapped): SDK ${swapped[0] ? "accepts" : "rejects"} (it takes the first element as the timestamp, whatever its key); no vector emitted`);
  NOTES.push(`workos: two v1 elements, the second matching: SDK ${twoV1[0] ? "accepts" : "rejects"} (it reads only the second element); no vector emitted`);
  write("workos", g.vectors);
}

// ---------------------------------------------------------------------------
// Sanity (`t` in milliseconds, no replay window in the SDK)
// ---------------------------------------------------------------------------
async function genSanity() {
  const { assertValidSignature, isValidSignature, encodeSignatureHeader } = require("@sanity/webhook");
  const V = pkgVersion("@sanity/webhook");
  const H = "sanity-webhook-signature";
  const S = "hooksign-sanity-webhook-secret-0001";
  const SB = "hooksign-sanity-webhook-secret-0002";
  const SW = "hooksign-sanity-webhook-secret-0009";
  const T = 1700000000;
  const TM = T * 1000;

  const verdict = async (secret, body, headers) => {
    const sig = headers[H];
    let what;
    try {
      await assertValidSignature(body, sig, secret);
      what = "assertValidSignature(body, header value, secret) resolved";
    } catch (e) {
      what = `assertValidSignature threw ${e.constructor.name}: ${e.message}`;
    }
    const ok = await isValidSignature(body, sig, secret);
    return [ok === true, `isValidSignature(body, ${sig === undefined ? "undefined" : "header value"}, secret) resolved ${ok}; ${what}`];
  };
  const header = (ts, body, secret = S) => encodeSignatureHeader(body, ts, secret);
  const g = tgenerator({
    provider: "sanity", verdict, tolerance: null,
    generatorText: `@sanity/webhook@${V} (isValidSignature / assertValidSignature, dist/index.js (src/signature.ts), to verify; headers from the SDK's encodeSignatureHeader(body, timestamp, secret), which assertValidSignature rebuilds and compares with the received header text)`,
  });
  const meta = { "Content-Type": "application/json" };
  const J = '{"_id":"post-4f2a9c1e","_type":"post","_rev":"vX3r8kHooksign01","_createdAt":"2023-11-14T22:10:00Z","_updatedAt":"2023-11-14T22:13:20Z","title":"Release notes","slug":{"_type":"slug","current":"release-notes"}}';
  const U = '{"_id":"author-7b3d","_type":"author","_rev":"vX3r8kHooksign02","name":"Zoë Ångström","bio":"Écrit en français ✓ 日本語 🎉"}';
  const C = '{"_id":"post-4f2a9c1e","_type":"post"}';
  const good = await header(TM, J);
  const sigOf = (h) => h.split("v1=")[1];

  await g.vec({ id: "valid-json", body: J, secret: S, timestamp: T, now: T, headers: { ...meta, [H]: good }, reason: "valid delivery of a post document (the default projection: the whole document)", expect: "valid" });
  await g.vec({ id: "valid-unicode", body: U, secret: S, timestamp: T + 1, now: T + 30, headers: { ...meta, [H]: await header(TM + 1000, U) }, reason: "valid delivery whose body has non-ASCII UTF-8 (accents, CJK, emoji)", expect: "valid" });
  await g.vec({ id: "valid-compact", body: C, secret: S, timestamp: T, now: T + 10, headers: { [H]: await header(TM, C) }, reason: "valid delivery, short body (the rustdoc example)", expect: "valid" });
  await g.vec({ id: "valid-a-year-later", body: J, secret: S, timestamp: T, now: T + 365 * 86400, headers: { ...meta, [H]: good }, reason: "received a year after t: the SDK checks no replay window", expect: "valid" });
  await g.vec({ id: "valid-future-timestamp", body: J, secret: S, timestamp: T + 3600, now: T, headers: { ...meta, [H]: await header(TM + 3600000, J) }, reason: "t an hour ahead of the clock: no window either way", expect: "valid" });
  await g.vec({ id: "tampered-body", body: J.replace("Release notes", "Release nodes"), secret: S, timestamp: T, now: T, headers: { ...meta, [H]: good }, reason: "the body changed (title)", err: "signature_mismatch", expect: "invalid" });
  await g.vec({ id: "tampered-timestamp", body: J, secret: S, timestamp: T + 1, now: T + 1, headers: { ...meta, [H]: `t=${TM + 1000},v1=${sigOf(good)}` }, reason: "t moved by one second, v1 kept (t is signed)", err: "signature_mismatch", expect: "invalid" });
  await g.vec({ id: "wrong-secret", body: J, secret: S, timestamp: T, now: T, headers: { ...meta, [H]: await header(TM, J, SW) }, reason: "signed with another webhook's secret", err: "signature_mismatch", expect: "invalid" });
  // Find a body whose signature has URL-safe characters, so its standard-base64 spelling differs.
  let k = 0, B, BS;
  do { B = `{"_id":"post-4f2a9c1e","_type":"post","n":${k++}}`; BS = sigOf(await header(TM, B)); } while (!/[-_]/.test(BS));
  await g.vec({ id: "standard-base64", body: B, secret: S, timestamp: T, now: T, headers: { [H]: `t=${TM},v1=${BS.replace(/-/g, "+").replace(/_/g, "/")}` }, reason: "correct digest in standard base64 ('+' and '/'): the SDK compares its URL-safe text", err: "malformed_header", expect: "invalid" });
  await g.vec({ id: "padded-base64url", body: J, secret: S, timestamp: T, now: T, headers: { ...meta, [H]: `${good}=` }, reason: "correct digest with base64 padding: the SDK writes none and compares the text", err: "malformed_header", expect: "invalid" });
  await g.vec({ id: "space-after-comma", body: J, secret: S, timestamp: T, now: T, headers: { ...meta, [H]: good.replace(",v1=", ", v1=") }, reason: "'t=…, v1=…': the SDK's pattern allows the space, but the header it rebuilds has none, so the comparison fails", err: "no_signature", expect: "invalid" });
  await g.vec({ id: "missing-v1", body: J, secret: S, timestamp: T, now: T, headers: { ...meta, [H]: `t=${TM}` }, reason: "no v1 element ('Invalid signature payload format')", err: "no_signature", expect: "invalid" });
  await g.vec({ id: "missing-header", body: J, secret: S, timestamp: T, now: T, headers: meta, reason: "no sanity-webhook-signature header ('Missing or empty signature header')", err: "missing_header", expect: "invalid" });
  await g.vec({ id: "rotation-second-of-two", body: J, secret: [S, SB], timestamp: T, now: T, headers: { ...meta, [H]: await header(TM, J, SB) }, reason: "verifier holds [new, old] secrets; signed with the 2nd", err: "signature_mismatch", expect: "valid" });
  await g.vec({ id: "rotation-none-matches", body: J, secret: [S, SB], timestamp: T, now: T, headers: { ...meta, [H]: await header(TM, J, SW) }, reason: "verifier holds two secrets; signed with neither", err: "signature_mismatch", expect: "invalid" });

  // What the SDK refuses before any HMAC and a template verifier does not know about.
  const crypto = await import("node:crypto");
  const own = (ts, body) => `t=${ts},v1=${crypto.createHmac("sha256", S).update(`${ts}.${body}`).digest("base64url")}`;
  for (const [what, ts, body] of [["t in seconds (before 2021-01-01 in ms)", T, J], ["an empty body", TM, ""], ["t with a leading zero", `0${TM}`, J]]) {
    const r = await verdict(S, body, { [H]: own(ts, body) });
    NOTES.push(`sanity: ${what}, signed over the received text: SDK ${r[0] ? "accepts" : "rejects"} (${r[1]}); no vector emitted`);
  }
  write("sanity", g.vectors);
}

// ---------------------------------------------------------------------------
// Box (V2 webhooks: a primary and a secondary key, each with its own header)
// ---------------------------------------------------------------------------
async function genBox() {
  const { WebhooksManager } = require("box-typescript-sdk-gen/lib/managers/webhooks.generated");
  const { computeWebhookSignature } = require("box-typescript-sdk-gen/lib/internal/utilsNode");
  const V = pkgVersion("box-typescript-sdk-gen");
  const P = "hooksignBoxPrimaryKey0001";
  const S2 = "hooksignBoxSecondaryKey0002";
  const OLD = "old-primary-key";
  const W = "not-a-box-signature-key";
  // 2026-11-30T10:10:33-07:00
  const T = 1796058633;
  const TS = "2026-11-30T10:10:33-07:00";
  const body = '{"type":"webhook_event","id":"eb0c4e06-751f-442c-86f8-fd5bb404dbec","trigger":"FILE.UPLOADED"}';
  const uni = '{"type":"webhook_event","id":"1c2d3e4f-0000-4000-8000-000000000001","trigger":"FILE.UPLOADED","source":{"type":"file","name":"Präsentation — 日本語.pdf"}}';
  const headersFor = async (b, { ts = TS, version = "1", algorithm = "HmacSHA256", primary = P, secondary = S2 } = {}) => {
    const base = { "box-delivery-id": "673a081b-bb4b-4d45-b4f1-4131a29c1d07", "box-delivery-timestamp": ts, "box-signature-version": "1", "box-signature-algorithm": "HmacSHA256" };
    const h = { ...base };
    if (primary) h["box-signature-primary"] = await computeWebhookSignature(b, base, primary, false);
    if (secondary) h["box-signature-secondary"] = await computeWebhookSignature(b, base, secondary, false);
    h["box-signature-version"] = version;
    h["box-signature-algorithm"] = algorithm;
    return h;
  };
  // validateMessage(body, headers, primaryKey, { secondaryKey }): the set's first secret is the
  // primary key, its second the secondary key.
  const judge = async (keys, b, headers, now) => {
    const run = async (ks) => {
      pinClock(now);
      try {
        const ok = await WebhooksManager.validateMessage(b, headers, ks[0], ks[1] === undefined ? {} : { secondaryKey: ks[1] });
        return [ok === true, `returned ${ok}`];
      } catch (e) {
        return [false, `threw ${e.constructor.name}: ${e.message}`];
      } finally { unpinClock(); }
    };
    const [ok, said] = await run(keys);
    // Which key matched: the primary alone decides whether it was the primary's header.
    const index = ok ? ((await run([keys[0]]))[0] ? 0 : 1) : undefined;
    return { ok, said, index };
  };
  const vectors = [];
  const seen = new Set();
  // `policy`: where hooksign's verdict is deliberately not the SDK's (stated in the vector).
  const vec = async ({ id, keys, b = body, headers, now = T + 10, reason, err, policy }) => {
    const r = await judge(keys, b, headers, now);
    if (policy) {
      if (r.ok) throw new Error(`box-${id}: the SDK accepts it; no policy needed`);
      r.said += `. Not the SDK's verdict: ${policy.why}`;
      r.ok = true;
      r.index = policy.index;
    }
    const v = {
      id: `box-${id}`, provider: "box", scheme: "box", secret: keys.length === 1 ? keys[0] : keys,
      secret_encoding: "utf8", timestamp: T, now, tolerance_seconds: 600, headers, body: b,
      expected: r.ok ? "valid" : "invalid", error: err, reason,
      sdk_verdict: `WebhooksManager.validateMessage(body, headers, ${keys.length > 1 ? "primaryKey, { secondaryKey }" : "primaryKey"}) with the clock pinned ${r.said}` + (r.ok && keys.length > 1 ? `; with the primary key alone it ${r.index === 0 ? "also accepts" : "rejects"}` : ""),
      generator: `box-typescript-sdk-gen@${V} (WebhooksManager.validateMessage, lib/managers/webhooks.generated.js, to verify, the clock pinned; signatures from its computeWebhookSignature, lib/internal/utilsNode.js)`,
      source: SOURCE,
    };
    if (r.ok && Array.isArray(v.secret)) v.matched_secret_index = r.index;
    if ((v.expected === "invalid") !== Boolean(err)) throw new Error(`${v.id}: the SDK said ${r.said}`);
    vectors.push(normalise(v, seen));
  };
  await vec({ id: "valid-primary", keys: [P], headers: await headersFor(body), reason: "both signatures sent; the receiver holds the primary key" });
  await vec({ id: "valid-unicode", keys: [P, S2], b: uni, headers: await headersFor(uni), reason: "body with non-ASCII UTF-8; both keys held, the primary matches" });
  await vec({ id: "valid-secondary-only", keys: [OLD, S2], headers: await headersFor(body), reason: "the receiver's primary key is not the one Box used; the secondary signature matches the secondary key" });
  await vec({ id: "valid-only-secondary-header", keys: [OLD, S2], headers: await headersFor(body, { primary: null }), reason: "no primary signature header; the secondary matches" });
  await vec({ id: "just-inside-window", keys: [P], headers: await headersFor(body), now: T + 600, reason: "600 s old: the SDK's maxAge" });
  await vec({ id: "just-outside-window", keys: [P], headers: await headersFor(body), now: T + 601, reason: "601 s old", err: "timestamp_too_old" });
  await vec({ id: "from-the-future", keys: [P], headers: await headersFor(body), now: T - 1, reason: "one second ahead of the receiver's clock: the SDK refuses any future timestamp", err: "timestamp_too_new" });
  await vec({ id: "tampered-body", keys: [P, S2], b: body.replace("UPLOADED", "UPLOADEE"), headers: await headersFor(body), reason: "one byte of the body changed", err: "signature_mismatch" });
  await vec({ id: "wrong-keys", keys: [W, OLD], headers: await headersFor(body), reason: "neither key is the webhook's", err: "signature_mismatch" });
  await vec({ id: "secondary-key-alone", keys: [S2], headers: await headersFor(body), reason: "only the secondary key held: it matches the secondary header", policy: { index: 0, why: "the SDK pairs its primaryKey argument with the primary header only; hooksign tries every held key on both headers (the signature is Box's either way; see src/provider/box_com.rs)" } });
  await vec({ id: "version-2", keys: [P], headers: await headersFor(body, { version: "2" }), reason: "BOX-SIGNATURE-VERSION is not 1: the SDK computes no signature", err: "malformed_header" });
  await vec({ id: "algorithm-sha1", keys: [P], headers: await headersFor(body, { algorithm: "HmacSHA1" }), reason: "BOX-SIGNATURE-ALGORITHM is not HmacSHA256", err: "malformed_header" });
  const noSig = await headersFor(body, { primary: null, secondary: null });
  await vec({ id: "no-signature-headers", keys: [P, S2], headers: noSig, reason: "neither signature header", err: "missing_header" });
  const noTs = await headersFor(body);
  delete noTs["box-delivery-timestamp"];
  await vec({ id: "missing-timestamp", keys: [P], headers: noTs, reason: "no BOX-DELIVERY-TIMESTAMP", err: "missing_header" });
  // The SDK's second body form: a signature over the body with non-ASCII escaped.
  const escaped = await computeWebhookSignature(uni, { "box-signature-version": "1", "box-signature-algorithm": "HmacSHA256", "box-delivery-timestamp": TS }, P, true);
  const h = { ...(await headersFor(uni, { secondary: null })), "box-signature-primary": escaped };
  const r = await judge([P], uni, h, T + 10);
  NOTES.push(`box: a signature over the unicode-escaped body is ${r.ok ? "accepted" : "rejected"} by the SDK (${r.said}); hooksign verifies the raw bytes only, no vector emitted`);
  write("box", vectors);
}

// `node catalogue.mjs --oracle <provider>`: catalogue.py's cross-check with the provider's npm
// SDK. Reads [{secret, body, signature}] on stdin and writes that SDK's verdict on each.
const ORACLES = {
  gocardless: () => {
    const { verifySignature } = require("gocardless-nodejs/webhooks");
    return [pkgVersion("gocardless-nodejs"), "verifySignature", (secret, body, sig) => { verifySignature(body, secret, sig); return "returned"; }];
  },
  line: () => {
    const { validateSignature } = require("@line/bot-sdk");
    return [pkgVersion("@line/bot-sdk"), "validateSignature", (secret, body, sig) => { const r = validateSignature(body, secret, sig); if (r !== true) throw new Error(`returned ${r}`); return "returned true"; }];
  },
};
function oracle(provider) {
  const [version, fn, check] = ORACLES[provider]();
  const cases = JSON.parse(readFileSync(0, "utf8"));
  const out = cases.map(({ secret, body, signature }) => {
    try {
      return { ok: true, said: `${fn}(body, secret, header value) ${check(secret, body, signature)}` };
    } catch (e) {
      return { ok: false, said: e.message && e.message.startsWith("returned") ? `${fn}(body, secret, header value) ${e.message}` : `${fn} threw ${e.name || e.constructor.name}` };
    }
  });
  process.stdout.write(JSON.stringify({ version, verdicts: out }));
}

if (process.argv[2] === "--oracle") {
  oracle(process.argv[3]);
} else {
  // `node catalogue.mjs [provider …]`: only those providers' files are rewritten (all by default).
  const only = process.argv.slice(2);
  const GENERATORS = {
    razorpay: genRazorpay, "coinbase-commerce": genCoinbaseCommerce, paddle: genPaddle, mux: genMux,
    "modern-treasury": genModernTreasury, elevenlabs: genElevenLabs, polar: genPolar,
    linear: genLinear, workos: genWorkOS, sanity: genSanity, box: genBox,
  };
  for (const name of only) if (!(name in GENERATORS)) throw new Error(`unknown provider ${name}; known: ${Object.keys(GENERATORS).join(", ")}`);
  for (const [name, gen] of Object.entries(GENERATORS)) if (only.length === 0 || only.includes(name)) await gen();

  for (const n of NOTES) console.error("note:", n);
}
