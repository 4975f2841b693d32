// Vectors judged by official libraries (not run by CI; the output is committed):
//
//   tests/vectors/adyen.json           @adyen/api-library 32.0.0 (Adyen's Node library):
//                                      HmacValidator.calculateHmac signs each item,
//                                      HmacValidator.validateHMAC judges each item; the
//                                      library's own test fixtures (src/__tests__/
//                                      hmacValidator.spec.ts) are included as published.
//   tests/vectors/gitlab-signing.json  standardwebhooks 1.0.0 (npm), the library GitLab's
//                                      MR 230944 test receiver verifies signing tokens with:
//                                      Webhook.sign signs, Webhook.verify judges.
//
//   cd tools/vectors/bodytoken && npm ci && node gen.mjs
//
// No signature here is computed by hooksign; every `expected` is the library's verdict.

import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const HmacValidator = require("@adyen/api-library/lib/src/utils/hmacValidator.js").default;
const { Webhook } = require("standardwebhooks");

const HERE = dirname(fileURLToPath(import.meta.url));
const VECTORS = join(HERE, "..", "..", "..", "tests", "vectors");
const SOURCE = "tools/vectors/bodytoken/gen.mjs";

// ---------------------------------------------------------------------------------- Adyen
const ADYEN_GEN =
  "@adyen/api-library 32.0.0 (Adyen/adyen-node-api-library src/utils/hmacValidator.ts): " +
  "calculateHmac signs each NotificationRequestItem, validateHMAC judges each (a batch is " +
  "valid iff every item is; a thrown 'Missing hmacSignature' is a rejection)";
// The key of the library's own tests (src/__tests__/hmacValidator.spec.ts).
const ADYEN_KEY = "DFB1EB5485895CFA84146406857104ABB4CBCABDC8AAF103A624C8F6A3EAAB00";
const OTHER_KEY = "44782DEF547AAA06C910C43932B1EB0C71FC68D9D0C057550C48EC2ACF6BA056";
const validator = new HmacValidator();

/** The library's verdict on every item, in order: true, false, or the thrown message. */
function adyenVerdicts(notification, key) {
  return notification.notificationItems.map(({ NotificationRequestItem: item }) => {
    try {
      return validator.validateHMAC(item, key);
    } catch (e) {
      return `threw: ${e.message}`;
    }
  });
}

function signItem(item, key) {
  const signed = structuredClone(item);
  signed.additionalData = { ...(signed.additionalData ?? {}) };
  signed.additionalData.hmacSignature = validator.calculateHmac(signed, key);
  return signed;
}

function adyenVector({ name, key, notification, error, item, reason, published }) {
  const verdicts = adyenVerdicts(notification, key);
  const valid = verdicts.every((v) => v === true);
  const failing = verdicts.findIndex((v) => v !== true);
  if (!valid && item !== undefined && failing !== item) {
    throw new Error(`${name}: the library fails item ${failing}, not ${item}`);
  }
  const v = {
    id: `adyen-${name}`,
    provider: "adyen",
    scheme: "adyen",
    secret: key,
    headers: {},
    body: JSON.stringify(notification),
    expected: valid ? "valid" : "invalid",
  };
  if (!valid) {
    v.error = error;
    if (item !== undefined) v.failing_item = item;
  }
  v.reason = reason;
  v.sdk_verdict = `validateHMAC per item: ${JSON.stringify(verdicts)}`;
  v.generator = published
    ? `${ADYEN_GEN}; the item is the library's own test fixture (${published})`
    : ADYEN_GEN;
  v.source = SOURCE;
  return v;
}

const specItem = {
  pspReference: "pspReference",
  originalReference: "originalReference",
  merchantAccountCode: "merchantAccount",
  merchantReference: "reference",
  amount: { currency: "EUR", value: 1000 },
  eventCode: "REPORT_AVAILABLE",
  eventDate: "2019-09-21T11:45:24.637Z",
  paymentMethod: "VISA",
  reason: "reason",
  success: "true",
  additionalData: { hmacSignature: "ZNBPtI+oDyyRrLyD1XirkKnQgIAlFc07Vj27TeHsDRE=" },
};
const eventItem = {
  pspReference: "pspReference",
  originalReference: "originalReference",
  merchantAccountCode: "merchantAccount",
  merchantReference: "reference",
  amount: { currency: "EUR", value: 1000 },
  eventCode: "EVENT",
  success: "true",
  additionalData: { hmacSignature: "ipnxGCaUZ4l8TUW75a71/ghd2Fe5ffvX0pV4TLTntIc=" },
};
const authorisation = signItem(
  {
    additionalData: {
      authCode: "58747",
      cardSummary: "1111",
      expiryDate: "8/2018",
      "recurring.recurringDetailReference": "123",
    },
    amount: { currency: "EUR", value: 1130 },
    eventCode: "AUTHORISATION",
    eventDate: "2019-06-28T18:03:50+01:00",
    merchantAccountCode: "YOUR_MERCHANT_ACCOUNT",
    merchantReference: "YOUR_REFERENCE",
    operations: ["CANCEL", "CAPTURE", "REFUND"],
    paymentMethod: "visa",
    pspReference: "7914073381342284",
    success: "true",
  },
  ADYEN_KEY,
);
const refused = signItem(
  {
    amount: { currency: "USD", value: 0 },
    eventCode: "AUTHORISATION",
    merchantAccountCode: "YOUR_MERCHANT_ACCOUNT",
    merchantReference: "order:42\\a",
    pspReference: "8835511210681156",
    reason: "Refused",
    success: "false",
  },
  ADYEN_KEY,
);
const wrap = (...items) => ({
  live: "false",
  notificationItems: items.map((i) => ({ NotificationRequestItem: i })),
});
const SPEC = "src/__tests__/hmacValidator.spec.ts";
const adyen = [
  adyenVector({
    name: "node-spec-report-available",
    key: ADYEN_KEY,
    notification: wrap(specItem),
    reason: "the library's 'should have valid hmac' fixture: REPORT_AVAILABLE item with extra fields",
    published: `${SPEC}, 'should have valid hmac'`,
  }),
  adyenVector({
    name: "node-spec-event",
    key: ADYEN_KEY,
    notification: wrap(eventItem),
    reason: "the library's 'should have valid notification request item HMAC' fixture",
    published: `${SPEC}, 'should have valid notification request item HMAC'`,
  }),
  adyenVector({
    name: "sdk-authorisation",
    key: ADYEN_KEY,
    notification: wrap(authorisation),
    reason: "the docs' AUTHORISATION example (no originalReference: an empty field), signed by the library",
  }),
  adyenVector({
    name: "sdk-refused-colon-in-reference",
    key: ADYEN_KEY,
    notification: wrap(refused),
    reason: "success false, value 0, and a ':' and '\\' in merchantReference: joined as they are, not escaped",
  }),
  adyenVector({
    name: "sdk-batch-of-three",
    key: ADYEN_KEY,
    notification: wrap(authorisation, refused, eventItem),
    reason: "a SOAP-sized batch: every item verifies",
  }),
  adyenVector({
    name: "node-spec-not-valid-sign",
    key: ADYEN_KEY,
    notification: wrap({ ...eventItem, additionalData: { hmacSignature: "notValidSign" } }),
    error: "malformed_body",
    item: 0,
    reason: "the library's 'notValidSign' case: not a 32-byte base64 signature",
    published: `${SPEC}, 'should have valid notification request item HMAC'`,
  }),
  adyenVector({
    name: "tampered-amount",
    key: ADYEN_KEY,
    notification: wrap({ ...authorisation, amount: { currency: "EUR", value: 11300 } }),
    error: "signature_mismatch",
    item: 0,
    reason: "amount.value changed after signing",
  }),
  adyenVector({
    name: "wrong-key",
    key: OTHER_KEY,
    notification: wrap(authorisation),
    error: "signature_mismatch",
    item: 0,
    reason: "verified with another HMAC key",
  }),
  adyenVector({
    name: "batch-bad-second-item",
    key: ADYEN_KEY,
    notification: wrap(authorisation, { ...refused, success: "true" }, eventItem),
    error: "signature_mismatch",
    item: 1,
    reason: "item 1 (success flipped to true) fails; items 0 and 2 verify",
  }),
  adyenVector({
    name: "missing-hmac-signature",
    key: ADYEN_KEY,
    notification: wrap({ ...eventItem, additionalData: {} }),
    error: "malformed_body",
    item: 0,
    reason: "no additionalData.hmacSignature: the library throws 'Missing hmacSignature'",
    published: `${SPEC}, 'should throw error with missing hmac signature'`,
  }),
];

// ------------------------------------------------------------------------- GitLab signing
const SW_GEN =
  "standardwebhooks 1.0.0 (npm; the library gitlab-org/gitlab MR 230944's test receiver uses): " +
  "Webhook.sign signs, Webhook.verify judges with Date.now pinned to `now`";
const GITLAB_SECRET = "whsec_aG9va3NpZ24tZ2l0bGFiLXNpZ25pbmctdG9rZW4wMQ==";
const OTHER_SECRET = "whsec_b3RoZXItc2lnbmluZy10b2tlbi0wMTIzNDU2Nzg5YWI=";

function judged(secret, payload, headers, now) {
  const real = Date.now;
  Date.now = () => now * 1000;
  try {
    new Webhook(secret).verify(payload, headers);
    return "accepted";
  } catch (e) {
    return `rejected: ${e.message}`;
  } finally {
    Date.now = real;
  }
}

function gitlabVector({ name, secret, signWith, id, ts, now, body, tamper, error, reason }) {
  const signature = new Webhook(signWith ?? secret).sign(id, new Date(ts * 1000), body);
  const headers = {
    "webhook-id": id,
    "webhook-timestamp": String(ts),
    "webhook-signature": signature,
    "X-Gitlab-Event": "Push Hook",
  };
  const sent = tamper ? tamper(body) : body;
  const verdict = judged(secret, sent, headers, now);
  const valid = verdict === "accepted";
  if (valid !== (error === undefined)) throw new Error(`${name}: the library ${verdict}`);
  const v = {
    id: `gitlab-signing-${name}`,
    provider: "gitlab-signing",
    scheme: "gitlab-signing",
    secret,
    timestamp: ts,
    now,
    tolerance_seconds: 300,
    headers,
    body: sent,
    expected: valid ? "valid" : "invalid",
  };
  if (!valid) v.error = error;
  v.reason = reason;
  v.sdk_verdict = verdict;
  v.generator = SW_GEN;
  v.source = SOURCE;
  return v;
}

const PUSH = '{"object_kind":"push"}';
const gitlab = [
  gitlabVector({
    name: "valid-push",
    secret: GITLAB_SECRET,
    id: "f0d1ec13-8aa7-4f4b-b2a4-5d4e1b7e3c55",
    ts: 1700000000,
    now: 1700000010,
    body: PUSH,
    reason: "a push event signed with the signing token",
  }),
  gitlabVector({
    name: "valid-merge-request-utf8",
    secret: GITLAB_SECRET,
    id: "2b4f6a4e-57c1-4d3f-9d3e-0c8f8f1d9a10",
    ts: 1700000300,
    now: 1700000000,
    body: '{"object_kind":"merge_request","object_attributes":{"title":"Réparer ✓"}}',
    reason: "non-ASCII body, timestamp 300 s ahead: the edge of the window",
  }),
  gitlabVector({
    name: "tampered-body",
    secret: GITLAB_SECRET,
    id: "f0d1ec13-8aa7-4f4b-b2a4-5d4e1b7e3c55",
    ts: 1700000000,
    now: 1700000010,
    body: PUSH,
    tamper: () => '{"object_kind":"tag_push"}',
    error: "signature_mismatch",
    reason: "the body changed after signing",
  }),
  gitlabVector({
    name: "wrong-token",
    secret: GITLAB_SECRET,
    signWith: OTHER_SECRET,
    id: "f0d1ec13-8aa7-4f4b-b2a4-5d4e1b7e3c55",
    ts: 1700000000,
    now: 1700000010,
    body: PUSH,
    error: "signature_mismatch",
    reason: "signed with another signing token",
  }),
  gitlabVector({
    name: "stale",
    secret: GITLAB_SECRET,
    id: "f0d1ec13-8aa7-4f4b-b2a4-5d4e1b7e3c55",
    ts: 1700000000,
    now: 1700000301,
    body: PUSH,
    error: "timestamp_too_old",
    reason: "301 s after signing: outside the 300 s window",
  }),
];

writeFileSync(join(VECTORS, "adyen.json"), `${JSON.stringify(adyen, null, 2)}\n`);
writeFileSync(join(VECTORS, "gitlab-signing.json"), `${JSON.stringify(gitlab, null, 2)}\n`);
console.log(`adyen: ${adyen.length}, gitlab-signing: ${gitlab.length}`);
