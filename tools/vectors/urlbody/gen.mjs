// Generates SDK-verdict vectors for the URL-and-body family (not run by CI):
//
//   square   -> tests/vectors/square.json   (npm `square`, WebhooksHelper.verifySignature)
//   hubspot  -> tests/vectors/hubspot.json  (npm `@hubspot/api-client`, Signature.isValid)
//
//   cd tools/vectors/urlbody && npm ci && node gen.mjs
//
// Trello publishes no SDK verifier: its vectors come from `trello.py`, an independent model.
//
// Every `expected` is what the SDK's verify function returned (or threw) for the delivery, and
// `sdk_verdict` quotes it; `error` is the hooksign error kind the delivery must get. Signatures:
// - Square: `createHmacOverride(payload, key)` (square/core/crypto/createHmacOverride.js), the
//   function `verifySignature` itself calls, over `notificationUrl + body`.
// - HubSpot: the SDK's exported `Signature.getSignature(method, version, options)`, which
//   `isValid` calls; the clock is pinned by replacing `Date.now` around each `isValid` call.
// HubSpot v1/v2's docs examples (also the SDK's unit tests) are included as published.
// Nothing here runs hooksign.

import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = dirname(dirname(dirname(HERE)));
const SOURCE = "tools/vectors/urlbody/gen.mjs";
const require = createRequire(import.meta.url);
const version = (name) =>
  JSON.parse(readFileSync(join(HERE, "node_modules", name, "package.json"), "utf8")).version;

const KEY_ORDER = [
  "id", "provider", "scheme", "secret", "timestamp", "now", "tolerance_seconds", "headers",
  "body", "url", "method", "expected", "error", "matched_secret_index", "reason",
  "sdk_verdict", "generator", "source",
];

function write(provider, vectors) {
  const seen = new Set();
  const out = vectors.map((v) => {
    if (seen.has(v.id)) throw new Error(`duplicate id ${v.id}`);
    seen.add(v.id);
    if (v.expected === "invalid" && !v.error) throw new Error(`${v.id}: no error kind`);
    const o = {};
    for (const k of KEY_ORDER) if (k in v && v[k] !== undefined) o[k] = v[k];
    return o;
  });
  const path = join(REPO, "tests", "vectors", `${provider}.json`);
  writeFileSync(path, JSON.stringify(out, null, 2) + "\n");
  console.log(`${path}: ${out.length} vectors`);
}

// ---------------------------------------------------------------- Square
async function square() {
  const { WebhooksHelper } = require("square");
  // Not in the package's `exports`: loaded by its path.
  const { createHmacOverride } = require(join(HERE, "node_modules/square/core/crypto/createHmacOverride.js"));
  const generator = `square@${version("square")} (WebhooksHelper.verifySignature, wrapper/WebhooksHelper.js, to verify; signatures from createHmacOverride(notificationUrl + body, key), core/crypto/createHmacOverride.js, the call it makes)`;
  const KEY = "hooksign-square-signature-key";
  const OTHER_KEY = "hooksign-square-rotated-key";
  const URL = "https://example.com/webhooks/square";
  const PAYMENT = JSON.stringify({
    merchant_id: "6SSW7HV8K2ST5", type: "payment.updated",
    event_id: "13b867cf-db3d-4b1c-90b6-2f32a9d78124", created_at: "2026-01-15T16:02:27Z",
    data: { type: "payment", id: "hYy9pRFVxpDsO1FB05SunFWUe9JZY" },
  });
  const CUSTOMER = JSON.stringify({
    merchant_id: "6SSW7HV8K2ST5", type: "customer.created",
    event_id: "6a8f5f28-54a1-4eb0-a98a-3111513fd4fc", created_at: "2026-01-15T16:05:00Z",
    data: { type: "customer", id: "JDKYHBWT1D4F8MFH63DBMEN8Y4", object: { customer: { given_name: "Zoë", family_name: "Ñandú" } } },
  }, null, 2) + "\n";
  const sign = (body, url, key = KEY) => createHmacOverride(url + body, key);
  const cases = [
    { id: "square-valid-payment-updated", body: PAYMENT, url: URL, sigUrl: URL,
      reason: "a payment.updated notification signed over its notification URL" },
    { id: "square-valid-pretty-utf8-with-query", body: CUSTOMER, url: `${URL}?env=prod&v=2`, sigUrl: `${URL}?env=prod&v=2`,
      reason: "a pretty-printed body with non-ASCII UTF-8 and a trailing newline; a notification URL with a query" },
    { id: "square-valid-rotated-key", body: PAYMENT, url: URL, sigUrl: URL, secret: [KEY, OTHER_KEY], signKey: OTHER_KEY,
      matched: 1, reason: "two keys configured, signed with the second (valid iff the SDK accepts with one key of the set)" },
    { id: "square-invalid-wrong-url", body: PAYMENT, url: "https://example.com/webhooks/square/", sigUrl: URL,
      error: "signature_mismatch", reason: "signed for the notification URL, verified against another (a trailing slash)" },
    { id: "square-invalid-tampered-body", body: PAYMENT.replace("payment.updated", "payment.created"), url: URL, sigUrl: URL, signBody: PAYMENT,
      error: "signature_mismatch", reason: "the body's type changed after signing" },
    { id: "square-invalid-wrong-key", body: PAYMENT, url: URL, sigUrl: URL, signKey: OTHER_KEY,
      error: "signature_mismatch", reason: "signed with a key the receiver does not hold" },
    { id: "square-invalid-http-scheme", body: PAYMENT, url: "http://example.com/webhooks/square", sigUrl: URL,
      error: "signature_mismatch", reason: "the URL as seen behind a TLS-terminating proxy (http), not the registered https one" },
  ];
  const out = [];
  for (const c of cases) {
    const signature = await sign(c.signBody ?? c.body, c.sigUrl, c.signKey ?? KEY);
    const keys = c.secret ?? [KEY];
    const verdicts = [];
    for (const key of keys) {
      verdicts.push(await WebhooksHelper.verifySignature({
        requestBody: c.body, signatureHeader: signature, signatureKey: key, notificationUrl: c.url,
      }));
    }
    const valid = verdicts.includes(true);
    out.push({
      id: c.id, provider: "square", scheme: "square", secret: c.secret ?? KEY,
      headers: { "x-square-hmacsha256-signature": signature, "content-type": "application/json" },
      body: c.body, url: c.url, expected: valid ? "valid" : "invalid", error: valid ? undefined : c.error,
      matched_secret_index: valid && c.secret ? verdicts.indexOf(true) : undefined,
      reason: c.reason,
      sdk_verdict: `WebhooksHelper.verifySignature({requestBody, signatureHeader, signatureKey, notificationUrl}) resolved ${verdicts.join(", ")}${keys.length > 1 ? " (one call per key)" : ""}`,
      generator, source: SOURCE,
    });
    if ((c.error === undefined) !== valid) throw new Error(`${c.id}: the SDK said ${verdicts}`);
  }
  // A non-base64 header: the SDK compares strings (false); hooksign calls it malformed.
  {
    const verdict = await WebhooksHelper.verifySignature({
      requestBody: PAYMENT, signatureHeader: "0c6f4d4a", signatureKey: KEY, notificationUrl: URL,
    });
    if (verdict) throw new Error("square hex header accepted");
    out.push({
      id: "square-invalid-not-base64", provider: "square", scheme: "square", secret: KEY,
      headers: { "x-square-hmacsha256-signature": "0c6f4d4a" }, body: PAYMENT, url: URL,
      expected: "invalid", error: "malformed_header", reason: "a header that is not a base64 HMAC-SHA256",
      sdk_verdict: `WebhooksHelper.verifySignature resolved ${verdict}`, generator, source: SOURCE,
    });
  }
  write("square", out);
}

// ---------------------------------------------------------------- HubSpot
function hubspot() {
  const { Signature } = require("@hubspot/api-client");
  const generator = `@hubspot/api-client@${version("@hubspot/api-client")} (Signature.isValid, lib/src/utils/signature.js, to verify; signatures from Signature.getSignature(method, version, options), which isValid calls; Date.now pinned to \`now\`)`;
  const DOCS_SECRET = "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy";
  const SECRET = "hooksign-hubspot-client-secret-0001";
  const OTHER = "hooksign-hubspot-client-secret-0002";
  const NOW = 1_700_000_000; // seconds
  const URL = "https://example.com/webhooks/hubspot?portal=62515";
  const EVENTS = JSON.stringify([
    { eventId: 4242, subscriptionId: 12345, portalId: 62515, appId: 54321, occurredAt: 1699999990000,
      subscriptionType: "contact.propertyChange", attemptNumber: 0, objectId: 123,
      propertyName: "email", propertyValue: "zoë@example.com", changeSource: "CRM" },
  ]);
  const DOCS_V1_BODY = '[{"eventId":1,"subscriptionId":12345,"portalId":62515,"occurredAt":1564113600000,"subscriptionType":"contact.creation","attemptNumber":0,"objectId":123,"changeSource":"CRM","changeFlag":"NEW","appId":54321}]';
  const judge = (options, nowMs) => {
    const realNow = Date.now;
    Date.now = () => nowMs;
    try {
      const valid = Signature.isValid(options);
      return { valid, text: `Signature.isValid returned ${valid}` };
    } catch (e) {
      return { valid: false, text: `Signature.isValid threw: ${e.message}` };
    } finally {
      Date.now = realNow;
    }
  };
  const out = [];
  const add = (v, options, nowMs) => {
    const keys = Array.isArray(v.secret) ? v.secret : [v.secret];
    const verdicts = keys.map((clientSecret) => judge({ ...options, clientSecret }, nowMs));
    const valid = verdicts.some((r) => r.valid);
    if ((v.error === undefined) !== valid) throw new Error(`${v.id}: ${verdicts.map((r) => r.text)}`);
    out.push({
      ...v, provider: "hubspot", scheme: "hubspot", now: Math.floor(nowMs / 1000),
      expected: valid ? "valid" : "invalid",
      matched_secret_index: valid && keys.length > 1 ? verdicts.findIndex((r) => r.valid) : undefined,
      sdk_verdict: verdicts.map((r) => r.text).join("; ") + (keys.length > 1 ? " (one call per secret)" : ""),
      generator: v.generator ?? generator, source: SOURCE,
    });
  };
  const published = "HubSpot docs 'Validating requests' example, also @hubspot/api-client lib/test/unit/signature.spec.js; judged by " + generator;

  // v1: published, with and without the version header (the SDK's default is v1).
  const v1Sig = "232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de";
  add({ id: "hubspot-valid-v1-published", secret: DOCS_SECRET,
        headers: { "X-HubSpot-Signature-Version": "v1", "X-HubSpot-Signature": v1Sig }, body: DOCS_V1_BODY,
        reason: "the docs' v1 example: SHA-256 hex of secret + body", generator: published },
      { signature: v1Sig, requestBody: DOCS_V1_BODY, signatureVersion: "v1" }, NOW * 1000);
  add({ id: "hubspot-valid-v1-no-version-header", secret: DOCS_SECRET,
        headers: { "X-HubSpot-Signature": v1Sig }, body: DOCS_V1_BODY,
        reason: "no X-HubSpot-Signature-Version: v1, the SDK's default (its unit test passes no version)", generator: published },
      { signature: v1Sig, requestBody: DOCS_V1_BODY }, NOW * 1000);
  add({ id: "hubspot-invalid-v1-tampered-body", secret: DOCS_SECRET, error: "signature_mismatch",
        headers: { "X-HubSpot-Signature-Version": "v1", "X-HubSpot-Signature": v1Sig }, body: DOCS_V1_BODY.replace('"objectId":123', '"objectId":124'),
        reason: "the docs' v1 example with the body's objectId changed" },
      { signature: v1Sig, requestBody: DOCS_V1_BODY.replace('"objectId":123', '"objectId":124'), signatureVersion: "v1" }, NOW * 1000);

  // v2: published GET and POST, then a wrong URL and a wrong method.
  const v2Get = "eee2dddcc73c94d699f5e395f4b9d454a069a6855fbfa152e91e88823087200e";
  const v2Post = "9569219f8ba981ffa6f6f16aa0f48637d35d728c7e4d93d0d52efaa512af7900";
  const DOCS_URL = "https://www.example.com/webhook_uri";
  const DOCS_BODY = '{"example_field":"example_value"}';
  add({ id: "hubspot-valid-v2-published-get", secret: DOCS_SECRET,
        headers: { "X-HubSpot-Signature-Version": "v2", "X-HubSpot-Signature": v2Get }, body: "", url: DOCS_URL, method: "GET",
        reason: "the docs' v2 GET example: SHA-256 hex of secret + method + URI (empty body)", generator: published },
      { signature: v2Get, requestBody: "", url: DOCS_URL, method: "GET", signatureVersion: "v2" }, NOW * 1000);
  add({ id: "hubspot-valid-v2-published-post", secret: DOCS_SECRET,
        headers: { "X-HubSpot-Signature-Version": "v2", "X-HubSpot-Signature": v2Post }, body: DOCS_BODY, url: DOCS_URL, method: "POST",
        reason: "the docs' v2 POST example: SHA-256 hex of secret + method + URI + body", generator: published },
      { signature: v2Post, requestBody: DOCS_BODY, url: DOCS_URL, method: "POST", signatureVersion: "v2" }, NOW * 1000);
  add({ id: "hubspot-invalid-v2-wrong-url", secret: DOCS_SECRET, error: "signature_mismatch",
        headers: { "X-HubSpot-Signature-Version": "v2", "X-HubSpot-Signature": v2Post }, body: DOCS_BODY, url: "http://www.example.com/webhook_uri", method: "POST",
        reason: "the docs' v2 POST example verified against the http:// URL (the protocol is signed)" },
      { signature: v2Post, requestBody: DOCS_BODY, url: "http://www.example.com/webhook_uri", method: "POST", signatureVersion: "v2" }, NOW * 1000);
  add({ id: "hubspot-invalid-v2-wrong-method", secret: DOCS_SECRET, error: "signature_mismatch",
        headers: { "X-HubSpot-Signature-Version": "v2", "X-HubSpot-Signature": v2Post }, body: DOCS_BODY, url: DOCS_URL, method: "PUT",
        reason: "the docs' v2 POST example verified as a PUT" },
      { signature: v2Post, requestBody: DOCS_BODY, url: DOCS_URL, method: "PUT", signatureVersion: "v2" }, NOW * 1000);

  // v3: generated with the SDK's signer at timestamp `ts` (ms), judged at `now`.
  const v3 = (o) => {
    const ts = o.ts ?? NOW * 1000 - 60_000;
    const signature = Signature.getSignature(o.signMethod ?? "POST", "v3", {
      clientSecret: o.signSecret ?? SECRET, requestBody: o.signBody ?? EVENTS, url: o.signUrl ?? URL, timestamp: ts,
    });
    const headers = { "X-HubSpot-Signature-v3": signature, "X-HubSpot-Request-Timestamp": String(ts) };
    if (o.legacy) Object.assign(headers, o.legacy);
    add({ id: o.id, secret: o.secret ?? SECRET, timestamp: Math.floor(ts / 1000), tolerance_seconds: 300, headers,
          body: o.body ?? EVENTS, url: o.url ?? URL, method: o.method ?? "POST", error: o.error, reason: o.reason },
        { signature, requestBody: o.body ?? EVENTS, url: o.sdkUrl ?? o.url ?? URL, method: o.method ?? "POST",
          signatureVersion: "v3", timestamp: ts }, o.nowMs ?? NOW * 1000);
  };
  v3({ id: "hubspot-valid-v3", reason: "v3 signed 60 s before now: HMAC-SHA256 base64 of method + URI + body + timestamp" });
  v3({ id: "hubspot-valid-v3-rotated-secret", secret: [OTHER, SECRET],
       reason: "two secrets configured, signed with the second (valid iff the SDK accepts with one secret of the set)" });
  v3({ id: "hubspot-valid-v3-future-timestamp", ts: NOW * 1000 + 600_000,
       reason: "a timestamp 10 minutes ahead: the SDK only refuses old ones" });
  v3({ id: "hubspot-valid-v3-at-the-limit", ts: NOW * 1000 - 300_000,
       reason: "exactly 300 s old: the SDK refuses only `now - timestamp > 300000`" });
  v3({ id: "hubspot-valid-v3-encoded-uri", url: "https://example.com/webhooks/hubspot?email=ops%40example.com&path=%2Fa%3Bb",
       signUrl: "https://example.com/webhooks/hubspot?email=ops@example.com&path=/a;b",
       sdkUrl: "https://example.com/webhooks/hubspot?email=ops@example.com&path=/a;b",
       reason: "a requested URL with %40, %2F and %3B: v3 signs the URI with the docs' table decoded (the SDK, which decodes nothing, judged the decoded URI)" });
  v3({ id: "hubspot-valid-v3-version-header", legacy: { "X-HubSpot-Signature-Version": "v3" },
       reason: "X-HubSpot-Signature-Version: v3 chooses v3, as the SDK's signatureVersion" });
  v3({ id: "hubspot-invalid-v3-stale", ts: NOW * 1000 - 301_000, error: "timestamp_too_old",
       reason: "signed 301 s before now: outside the 5-minute window" });
  v3({ id: "hubspot-invalid-v3-wrong-url", url: "https://example.com/webhooks/hubspot?portal=62516", error: "signature_mismatch",
       reason: "verified against another query string" });
  v3({ id: "hubspot-invalid-v3-tampered-body", body: EVENTS.replace("4242", "4243"), error: "signature_mismatch",
       reason: "the body's eventId changed after signing" });
  v3({ id: "hubspot-invalid-v3-wrong-method", method: "PUT", error: "signature_mismatch",
       reason: "signed as a POST, verified as a PUT" });
  v3({ id: "hubspot-invalid-v3-encoded-uri-not-decoded", url: "https://example.com/webhooks/hubspot?q=a%20b",
       signUrl: "https://example.com/webhooks/hubspot?q=a b", sdkUrl: "https://example.com/webhooks/hubspot?q=a%20b", error: "signature_mismatch",
       reason: "%20 is not in the docs' table: it is signed as received, so a signature over the decoded space does not match" });
  {
    const ts = NOW * 1000 - 60_000;
    const signature = Signature.getSignature("POST", "v3", { clientSecret: SECRET, requestBody: EVENTS, url: URL, timestamp: ts });
    let text;
    try {
      text = `Signature.isValid returned ${Signature.isValid({ signature, clientSecret: SECRET, requestBody: EVENTS, url: URL, method: "POST", signatureVersion: "v4", timestamp: ts })}`;
    } catch (e) {
      text = `Signature.isValid threw: ${e.message}`;
    }
    out.push({ id: "hubspot-invalid-unknown-version", provider: "hubspot", scheme: "hubspot", secret: SECRET,
      timestamp: Math.floor(ts / 1000), now: NOW, tolerance_seconds: 300,
      headers: { "X-HubSpot-Signature-Version": "v4", "X-HubSpot-Signature-v3": signature, "X-HubSpot-Request-Timestamp": String(ts) },
      body: EVENTS, url: URL, method: "POST", expected: "invalid", error: "malformed_header",
      reason: "X-HubSpot-Signature-Version names a version the SDK does not know", sdk_verdict: text, generator, source: SOURCE });
  }
  write("hubspot", out);
}

await square();
hubspot();
