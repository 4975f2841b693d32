// Vectors for the URL-signed family over form parameters, judged by the official SDKs:
//   twilio 6.3.1 (npm `twilio`, lib/webhooks/webhooks.js): signatures from its exported
//     getExpectedTwilioSignature; verdicts from validateRequest (form requests, parameters
//     parsed with node:querystring as express.urlencoded hands them over) and
//     validateRequestWithBody (JSON requests with bodySHA256).
//   plivo 4.79.0 (npm `plivo`, dist/utils/v3Security.js): the SDK exports no signer, so the
//     signature is node:crypto's base64 HMAC-SHA256 of the string written out below (this
//     file's own model of the documented construction), and every `expected` is the verdict
//     of the SDK's validateV3Signature.
// Nothing here runs hooksign. Usage: npm ci && node gen.mjs   (writes tests/vectors/*.json)

import { createRequire } from "node:module";
import { createHmac, createHash } from "node:crypto";
import { parse } from "node:querystring";
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const require = createRequire(import.meta.url);
const twilio = require("twilio/lib/webhooks/webhooks.js");
const plivoV3 = require("plivo/dist/utils/v3Security.js");
const versions = {
  twilio: require("twilio/package.json").version,
  plivo: require("plivo/package.json").version,
};

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const write = (id, vectors) => {
  const file = path.join(root, "tests/vectors", `${id}.json`);
  writeFileSync(file, JSON.stringify(vectors, null, 1) + "\n");
  console.log(`${file}: ${vectors.length} vectors`);
};

const FORM = "application/x-www-form-urlencoded";
const base = (provider, secret) => ({
  provider,
  scheme: provider,
  secret,
  secret_encoding: "utf8",
  timestamp: null,
  now: null,
  tolerance_seconds: null,
});

function check(v, verdict) {
  const expected = verdict ? "valid" : "invalid";
  if (v.expected !== expected) {
    throw new Error(`${v.id}: the SDK says ${expected}, the vector ${v.expected}`);
  }
  v.sdk_verdict = verdict;
  return v;
}

// ---------------------------------------------------------------- Twilio
const TOKEN = "hooksign-twilio-auth-token-0001";
const twilioGen = `npm twilio ${versions.twilio} (lib/webhooks/webhooks.js): signature = getExpectedTwilioSignature(authToken, signedUrl, params); verdict = validateRequest(authToken, header, url, querystring.parse(body)) or, with bodySHA256, validateRequestWithBody(authToken, header, url, body)`;
const callBody =
  "AccountSid=AC00000000000000000000000000000001&ApiVersion=2010-04-01&Body=Hello+there%21+%E2%9C%93&From=%2B14155550100&MessageSid=SM00000000000000000000000000000001&NumMedia=0&To=%2B14155550199";

function twilioVector({ id, url, signedUrl = url, body, json = false, tamper, expected, error, reason }) {
  const params = json ? {} : parse(body);
  const signature = twilio.getExpectedTwilioSignature(TOKEN, signedUrl, params);
  const headers = {
    "X-Twilio-Signature": signature,
    "Content-Type": json ? "application/json" : FORM,
  };
  const sent = tamper ? tamper({ url, body, headers }) : { url, body, headers };
  const v = {
    id,
    ...base("twilio", TOKEN),
    headers: sent.headers,
    body: sent.body,
    url: sent.url,
    method: "POST",
    expected,
    ...(error ? { error } : {}),
    reason,
    generator: twilioGen,
    source: "tools/vectors/urlform/gen.mjs",
  };
  const header = sent.headers["X-Twilio-Signature"];
  const verdict = json
    ? twilio.validateRequestWithBody(TOKEN, header || "", sent.url, sent.body)
    : twilio.validateRequest(TOKEN, header || "", sent.url, parse(sent.body));
  return check(v, verdict);
}

const jsonBody = '{"event":"message.delivered","sid":"SM00000000000000000000000000000002"}';
const jsonUrl = `https://hooks.example.com/twilio/events?bodySHA256=${createHash("sha256").update(jsonBody).digest("hex")}`;

write("twilio", [
  twilioVector({
    id: "twilio-valid-sms-form",
    url: "https://hooks.example.com/twilio/sms?tenant=acme",
    body: callBody,
    expected: "valid",
    reason: "an incoming-message form POST: the URL as received, then every parameter (decoded) sorted by name, name followed by value",
  }),
  twilioVector({
    id: "twilio-valid-port-added",
    url: "https://hooks.example.com/twilio/sms",
    signedUrl: "https://hooks.example.com:443/twilio/sms",
    body: callBody,
    expected: "valid",
    reason: "signed with the standard port :443, received without it: the SDK also tries the URL with the scheme's standard port added",
  }),
  twilioVector({
    id: "twilio-valid-port-removed",
    url: "https://hooks.example.com:8443/twilio/sms",
    signedUrl: "https://hooks.example.com/twilio/sms",
    body: callBody,
    expected: "valid",
    reason: "signed without a port, received with :8443: the SDK also tries the URL with its port removed",
  }),
  twilioVector({
    id: "twilio-valid-repeated-keys",
    url: "https://hooks.example.com/twilio/mms",
    body: "MediaUrl=https%3A%2F%2Fapi.twilio.com%2Fb&NumMedia=2&MediaUrl=https%3A%2F%2Fapi.twilio.com%2Fa&MediaUrl=https%3A%2F%2Fapi.twilio.com%2Fa&Empty=",
    expected: "valid",
    reason: "a repeated name: each distinct value once, values sorted, each preceded by the name; an empty value signs the bare name",
  }),
  twilioVector({
    id: "twilio-valid-json-body-sha256",
    url: jsonUrl,
    body: jsonBody,
    json: true,
    expected: "valid",
    reason: "a JSON request: the URL (with its bodySHA256 query parameter) signed alone, and bodySHA256 the hex SHA-256 of the body",
  }),
  twilioVector({
    id: "twilio-invalid-wrong-url",
    url: "https://hooks.example.com/twilio/other?tenant=acme",
    signedUrl: "https://hooks.example.com/twilio/sms?tenant=acme",
    body: callBody,
    expected: "invalid",
    error: "signature_mismatch",
    reason: "verified against another path than the one signed",
  }),
  twilioVector({
    id: "twilio-invalid-tampered-param",
    url: "https://hooks.example.com/twilio/sms?tenant=acme",
    body: callBody,
    tamper: (r) => ({ ...r, body: r.body.replace("Hello+there", "Hello+thera") }),
    expected: "invalid",
    error: "signature_mismatch",
    reason: "one character of the Body parameter changed after signing",
  }),
  twilioVector({
    id: "twilio-invalid-other-port",
    url: "https://hooks.example.com/twilio/sms",
    signedUrl: "https://hooks.example.com:8443/twilio/sms",
    body: callBody,
    expected: "invalid",
    error: "signature_mismatch",
    reason: "signed with :8443, received without a port: only the standard port is added back",
  }),
  twilioVector({
    id: "twilio-invalid-json-body-tampered",
    url: jsonUrl,
    body: jsonBody,
    json: true,
    tamper: (r) => ({ ...r, body: r.body.replace("delivered", "undelivered") }),
    expected: "invalid",
    error: "body_digest_mismatch",
    reason: "the signed URL's bodySHA256 is not the SHA-256 of the body received",
  }),
  twilioVector({
    id: "twilio-invalid-missing-signature",
    url: "https://hooks.example.com/twilio/sms?tenant=acme",
    body: callBody,
    tamper: (r) => ({ ...r, headers: { "Content-Type": FORM } }),
    expected: "invalid",
    error: "missing_header",
    reason: "no X-Twilio-Signature header",
  }),
]);

// ---------------------------------------------------------------- Plivo V3
const AUTH = "hooksign-plivo-auth-token-0001";
const NONCE = "05429567804466091622";
const plivoGen = `npm plivo ${versions.plivo} (dist/utils/v3Security.js validateV3Signature judges; it exports no signer, so the signature is node:crypto base64 HMAC-SHA256(authToken, signed + "." + nonce) of the string in "signed")`;

function plivoVector({ id, method, url, body = "", signed, tamper, expected, error, reason }) {
  const signature = createHmac("sha256", AUTH).update(`${signed}.${NONCE}`).digest("base64");
  const headers = {
    "X-Plivo-Signature-V3": signature,
    "X-Plivo-Signature-V3-Nonce": NONCE,
    ...(method === "POST" ? { "Content-Type": FORM } : {}),
  };
  const sent = tamper ? tamper({ url, body, headers }) : { url, body, headers };
  const v = {
    id,
    ...base("plivo", AUTH),
    headers: sent.headers,
    body: sent.body,
    url: sent.url,
    method,
    expected,
    ...(error ? { error } : {}),
    reason,
    signed,
    generator: plivoGen,
    source: "tools/vectors/urlform/gen.mjs",
  };
  const params = method === "POST" ? parse(sent.body) : {};
  const verdict = plivoV3.validateV3Signature(
    method,
    sent.url,
    sent.headers["X-Plivo-Signature-V3-Nonce"] || "",
    AUTH,
    sent.headers["X-Plivo-Signature-V3"] || "",
    { ...params },
  );
  return check(v, verdict);
}

const plivoBody = "CallUUID=f4e6a3b2-0000-4000-8000-000000000001&From=14155550100&To=14155550199&Event=StartApp&Digits=1&Digits=%2A";
const plivoSigned =
  "https://api.example.com/plivo/answer?b=2&lang=en US.CallUUIDf4e6a3b2-0000-4000-8000-000000000001Digits*Digits1EventStartAppFrom14155550100To14155550199";

write("plivo", [
  plivoVector({
    id: "plivo-valid-post-query-and-body",
    method: "POST",
    url: "https://api.example.com/plivo/answer?lang=en%20US&b=2",
    body: plivoBody,
    signed: plivoSigned,
    expected: "valid",
    reason: "POST: the base URL, ?, the query sorted and decoded as name=value joined by &, ., then the body parameters sorted (a repeated name keeps every value, sorted), each name followed by its value, then . and the nonce",
  }),
  plivoVector({
    id: "plivo-valid-get-query",
    method: "GET",
    url: "https://api.example.com/plivo/status?To=14155550199&From=14155550100&Status=completed",
    signed: "https://api.example.com/plivo/status?From=14155550100&Status=completed&To=14155550199",
    expected: "valid",
    reason: "GET: the callback's parameters are the query, sorted and decoded",
  }),
  plivoVector({
    id: "plivo-valid-several-signatures",
    method: "POST",
    url: "https://api.example.com:8443/plivo/hangup#frag",
    body: "CallUUID=abc&Duration=12",
    signed: "https://api.example.com:8443/plivo/hangup?CallUUIDabcDuration12",
    tamper: (r) => ({
      ...r,
      headers: {
        ...r.headers,
        "X-Plivo-Signature-V3": `${createHmac("sha256", "an-older-token").update("x").digest("base64")},${r.headers["X-Plivo-Signature-V3"]}`,
      },
    }),
    expected: "valid",
    reason: "the header carries several comma-separated signatures and one matches; the port is kept, the fragment dropped, and with no query but body parameters the URL ends in ?",
  }),
  plivoVector({
    id: "plivo-invalid-wrong-url",
    method: "POST",
    url: "https://api.example.com/plivo/other?lang=en%20US&b=2",
    body: plivoBody,
    signed: plivoSigned,
    expected: "invalid",
    error: "signature_mismatch",
    reason: "verified against another path than the one signed",
  }),
  plivoVector({
    id: "plivo-invalid-tampered-param",
    method: "POST",
    url: "https://api.example.com/plivo/answer?lang=en%20US&b=2",
    body: plivoBody.replace("Digits=1", "Digits=2"),
    signed: plivoSigned,
    expected: "invalid",
    error: "signature_mismatch",
    reason: "a body parameter differs from the one signed",
  }),
  plivoVector({
    id: "plivo-invalid-other-nonce",
    method: "POST",
    url: "https://api.example.com/plivo/answer?lang=en%20US&b=2",
    body: plivoBody,
    signed: plivoSigned,
    tamper: (r) => ({ ...r, headers: { ...r.headers, "X-Plivo-Signature-V3-Nonce": "05429567804466091623" } }),
    expected: "invalid",
    error: "signature_mismatch",
    reason: "the nonce is signed: another nonce does not verify",
  }),
  plivoVector({
    id: "plivo-invalid-missing-nonce",
    method: "POST",
    url: "https://api.example.com/plivo/answer?lang=en%20US&b=2",
    body: plivoBody,
    signed: plivoSigned,
    tamper: (r) => ({ ...r, headers: { "X-Plivo-Signature-V3": r.headers["X-Plivo-Signature-V3"], "Content-Type": FORM } }),
    expected: "invalid",
    error: "missing_header",
    reason: "no X-Plivo-Signature-V3-Nonce header",
  }),
]);
