// Generate SDK-verdict test vectors for GitHub (@octokit/webhooks-methods) and
// Shopify (@shopify/shopify-api). Every signature is made by the SDK (octokit `sign`,
// Shopify's exported `createSHA256HMAC`, the function its validator uses) and every
// `expected` is what the SDK's verify/validate returned.
//
//   node gen.mjs                 merge GitHub + Shopify vectors into tests/vectors/sdk.json
//   node gen.mjs --stripe-oracle read [{payload, header, secret, now}] on stdin and print
//                                stripe-node's verdicts (used by gen.py to cross-check Stripe)

import { readFileSync, writeFileSync, existsSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = dirname(dirname(HERE));
const OUT = join(REPO, "tests", "vectors", "sdk.json");
const SOURCE = "tools/vectors/gen.mjs";
const require = createRequire(import.meta.url);
const pkgVersion = (name) =>
  JSON.parse(readFileSync(join(HERE, "node_modules", name, "package.json"), "utf8")).version;

// ---------------------------------------------------------------------------
// Stripe oracle (stripe-node)
// ---------------------------------------------------------------------------
async function stripeOracle() {
  const Stripe = (await import("stripe")).default;
  const stripe = new Stripe("sk_test_unused");
  const input = JSON.parse(readFileSync(0, "utf8"));
  const verdicts = input.map(({ payload, header, secret, now }) => {
    try {
      // tolerance 300 = Webhook.DEFAULT_TOLERANCE, receivedAt pins the clock (ms)
      stripe.webhooks.signature.verifyHeader(payload, header ?? undefined, secret, 300, undefined, now * 1000);
      return [true, "verifyHeader returned true"];
    } catch (e) {
      return [false, `${e.constructor.name}: ${String(e.message).split("\n")[0]}`];
    }
  });
  process.stdout.write(JSON.stringify({ version: pkgVersion("stripe"), verdicts }));
}

// ---------------------------------------------------------------------------
// helpers
// ---------------------------------------------------------------------------
const KEY_ORDER = [
  "id", "provider", "scheme", "secret", "secret_encoding", "timestamp", "now",
  "tolerance_seconds", "headers", "header_pairs", "body", "body_base64", "expected",
  "error", "matched_secret_index", "reason", "sdk_verdict", "generator", "source",
];
const PROVIDER_ORDER = ["github", "stripe", "slack", "shopify", "standard-webhooks", "svix"];
const VECTORS = [];
const NOTES = [];

function emit(v) {
  if (!["valid", "invalid"].includes(v.expected)) throw new Error(`bad expected in ${v.id}`);
  if (v.expected === "invalid" && !v.error) throw new Error(`${v.id}: SDK rejected but no error kind: ${v.sdk_verdict}`);
  if (v.expected === "valid") delete v.error;
  if (!(Array.isArray(v.secret) && v.expected === "valid")) delete v.matched_secret_index;
  if (("headers" in v) === ("header_pairs" in v)) throw new Error(`${v.id}: headers xor header_pairs`);
  if (VECTORS.some((x) => x.id === v.id)) throw new Error(`duplicate id ${v.id}`);
  const o = {};
  for (const k of KEY_ORDER) if (k in v && v[k] !== undefined) o[k] = v[k];
  VECTORS.push(o);
}
function note(id, anticipated, got) {
  if (anticipated && anticipated !== got) NOTES.push(`${id}: anticipated ${anticipated}, SDK said ${got}`);
}

function largeBody() {
  const items = [];
  for (let i = 0; i < 60; i++) items.push({ id: `item_${String(i).padStart(4, "0")}`, qty: i % 7, note: "lorem ipsum dolor sit amet" });
  return JSON.stringify({ object: "event", items });
}
const BODIES = {
  json: '{"action":"opened","number":1,"repository":{"id":1,"full_name":"o/r"}}',
  unicode: '{"msg":"h\u00e9llo w\u00f6rld \u2713 \u65e5\u672c\u8a9e \u{1F389}"}',
  "control-escape": '{"text":"esc \\u001B[0m and tab \\u0009"}',
  "trailing-newline": '{"action":"closed"}\n',
  crlf: '{"action":"closed",\r\n"n":2}\r\n',
  large: largeBody(),
};
const BODY_REASON = {
  json: "compact JSON body",
  unicode: "body with non-ASCII UTF-8 (accents, CJK, emoji)",
  "control-escape": "JSON body with upper-case \\u001B escapes as GitHub emits",
  "trailing-newline": "body ending in a newline (the newline is signed)",
  crlf: "body with CRLF line endings (signed as is)",
  large: `body of ${Buffer.byteLength(largeBody())} bytes`,
};
const tamper = (b) => b[0] + (b[1] !== "X" ? "X" : "Y") + b.slice(2);

// ---------------------------------------------------------------------------
// GitHub
// ---------------------------------------------------------------------------
async function genGithub() {
  const v6 = await import("@octokit/webhooks-methods");
  const v4 = require("octokit-v4");
  const V6 = pkgVersion("@octokit/webhooks-methods");
  const V4 = pkgVersion("octokit-v4");
  const S = "hooksign-github-secret-0001";
  const SB = "hooksign-github-secret-0002";
  const SC = "hooksign-github-secret-0003";
  const SW = "hooksign-github-secret-0009";
  const J = BODIES.json;

  async function verdictOf(fn, ...args) {
    try {
      const ok = await fn(...args);
      return [ok === true, `returned ${ok}`];
    } catch (e) {
      return [false, `threw ${e.constructor.name}: ${e.message}`];
    }
  }

  async function vec({ id, scheme, body, headers, reason, err, secret = S, anticipate, pairs }) {
    const sha1 = scheme === "github-sha1";
    const lib = sha1 ? v4 : v6;
    const libName = sha1 ? `@octokit/webhooks-methods@${V4} (npm alias octokit-v4)` : `@octokit/webhooks-methods@${V6}`;
    const hdr = sha1 ? "X-Hub-Signature" : "X-Hub-Signature-256";
    const v = {
      id: `github-${id}`, provider: "github", scheme, secret, secret_encoding: "utf8",
      timestamp: null, now: null, tolerance_seconds: null, body, reason,
      generator: `${libName} (sign to sign; ${Array.isArray(secret) ? "verifyWithFallback" : "verify"} to verify)`,
      source: SOURCE,
    };
    if (pairs) {
      v.header_pairs = pairs;
      const parts = [];
      let i = 0;
      for (const [n, val] of pairs) {
        if (n !== hdr) continue;
        const [ok, msg] = await verdictOf(lib.verify, secret, body, val);
        parts.push(`value ${++i} alone: ${ok ? "valid" : msg}`);
      }
      Object.assign(v, { expected: "invalid", error: err, sdk_verdict: `policy, not SDK (verify takes one signature string). ${parts.join(" | ")}` });
      emit(v);
      return;
    }
    v.headers = headers;
    const sig = headers[hdr];
    if (Array.isArray(secret)) {
      const [ok, msg] = await verdictOf(lib.verifyWithFallback, secret[0], body, sig, secret.slice(1));
      v.expected = ok ? "valid" : "invalid";
      if (ok) {
        for (let i = 0; i < secret.length; i++) {
          if ((await verdictOf(lib.verify, secret[i], body, sig))[0]) { v.matched_secret_index = i; break; }
        }
      }
      v.sdk_verdict = `verifyWithFallback(secret[0], body, sig, secret[1..]) ${msg}` +
        (ok ? `; verify alone first accepts secret[${v.matched_secret_index}]` : "");
    } else {
      const [ok, msg] = await verdictOf(lib.verify, secret, body, sig);
      v.expected = ok ? "valid" : "invalid";
      v.sdk_verdict = `verify(secret, body, ${sig === undefined ? "undefined" : "header value"}) ${msg}`;
    }
    v.error = err;
    note(v.id, anticipate, v.expected);
    emit(v);
  }

  const sign256 = (body, secret = S) => v6.sign(secret, body);
  const sign1 = (body, secret = S) => v4.sign({ secret, algorithm: "sha1" }, body);
  const good = await sign256(J);
  const hex = good.slice("sha256=".length);

  for (const [name, body] of Object.entries(BODIES)) {
    await vec({ id: `sha256-valid-${name}`, scheme: "github-sha256", body, headers: { "X-Hub-Signature-256": await sign256(body) }, reason: `valid delivery, ${BODY_REASON[name]}`, anticipate: "valid" });
  }
  await vec({ id: "sha256-valid-with-delivery-headers", scheme: "github-sha256", body: J, headers: {
    "X-GitHub-Event": "pull_request", "X-GitHub-Delivery": "72d3162e-cc78-11e3-81ab-4c9367dc0958",
    "X-GitHub-Hook-ID": "292430182", "X-Hub-Signature": await sign1(J), "X-Hub-Signature-256": good,
    "User-Agent": "GitHub-Hookshot/044aadd" }, reason: "valid delivery with the full GitHub header set, sha1 header alongside", anticipate: "valid" });
  await vec({ id: "sha256-tampered-body", scheme: "github-sha256", body: tamper(J), headers: { "X-Hub-Signature-256": good }, reason: "one byte of the body changed", err: "signature_mismatch", anticipate: "invalid" });
  await vec({ id: "sha256-wrong-secret", scheme: "github-sha256", body: J, headers: { "X-Hub-Signature-256": await sign256(J, SW) }, reason: "signed with another secret", err: "signature_mismatch", anticipate: "invalid" });
  await vec({ id: "sha256-uppercase-hex", scheme: "github-sha256", body: J, headers: { "X-Hub-Signature-256": "sha256=" + hex.toUpperCase() }, reason: "correct digest in upper-case hex; octokit compares the exact string", err: "malformed_header", anticipate: "invalid" });
  await vec({ id: "sha256-uppercase-prefix", scheme: "github-sha256", body: J, headers: { "X-Hub-Signature-256": "SHA256=" + hex }, reason: "prefix written 'SHA256='", err: "malformed_header", anticipate: "invalid" });
  await vec({ id: "sha256-missing-prefix", scheme: "github-sha256", body: J, headers: { "X-Hub-Signature-256": hex }, reason: "bare hex without 'sha256='", err: "malformed_header", anticipate: "invalid" });
  await vec({ id: "sha256-wrong-prefix", scheme: "github-sha256", body: J, headers: { "X-Hub-Signature-256": "sha1=" + hex }, reason: "sha256 digest behind a 'sha1=' prefix", err: "malformed_header", anticipate: "invalid" });
  await vec({ id: "sha256-truncated", scheme: "github-sha256", body: J, headers: { "X-Hub-Signature-256": good.slice(0, -2) }, reason: "signature missing its last two hex chars", err: "malformed_header", anticipate: "invalid" });
  await vec({ id: "sha256-non-hex", scheme: "github-sha256", body: J, headers: { "X-Hub-Signature-256": "sha256=" + "z".repeat(64) }, reason: "64 non-hex chars after the prefix", err: "malformed_header", anticipate: "invalid" });
  await vec({ id: "sha256-missing-header", scheme: "github-sha256", body: J, headers: { "X-GitHub-Event": "push" }, reason: "no X-Hub-Signature-256 header", err: "missing_header", anticipate: "invalid" });
  await vec({ id: "sha256-only-sha1-header", scheme: "github-sha256", body: J, headers: { "X-Hub-Signature": await sign1(J) }, reason: "only the legacy sha1 header is present; a sha256 verifier needs X-Hub-Signature-256", err: "missing_header", anticipate: "invalid" });
  await vec({ id: "sha256-rotation-second-of-two", scheme: "github-sha256", body: J, headers: { "X-Hub-Signature-256": await sign256(J, SB) }, secret: [S, SB], reason: "verifier holds [old, new]; signed with the 2nd", err: "signature_mismatch", anticipate: "valid" });
  await vec({ id: "sha256-rotation-third-of-three", scheme: "github-sha256", body: J, headers: { "X-Hub-Signature-256": await sign256(J, SC) }, secret: [S, SB, SC], reason: "verifier holds three secrets; signed with the 3rd", err: "signature_mismatch", anticipate: "valid" });
  await vec({ id: "sha256-rotation-none-matches", scheme: "github-sha256", body: J, headers: { "X-Hub-Signature-256": await sign256(J, SW) }, secret: [S, SB], reason: "verifier holds two secrets; signed with neither", err: "signature_mismatch", anticipate: "invalid" });
  await vec({ id: "sha256-repeated-header", scheme: "github-sha256", body: J, pairs: [["X-Hub-Signature-256", good], ["X-Hub-Signature-256", await sign256(J, SW)]], reason: "X-Hub-Signature-256 twice: the valid value and one made with another secret", err: "malformed_header" });

  // legacy SHA-1 (octokit v4; v5+ removed it)
  const good1 = await sign1(J);
  const hex1 = good1.slice("sha1=".length);
  for (const name of ["json", "unicode", "trailing-newline"]) {
    const body = BODIES[name];
    await vec({ id: `sha1-valid-${name}`, scheme: "github-sha1", body, headers: { "X-Hub-Signature": await sign1(body) }, reason: `valid legacy sha1 delivery, ${BODY_REASON[name]}`, anticipate: "valid" });
  }
  await vec({ id: "sha1-tampered-body", scheme: "github-sha1", body: tamper(J), headers: { "X-Hub-Signature": good1 }, reason: "one byte of the body changed", err: "signature_mismatch", anticipate: "invalid" });
  await vec({ id: "sha1-wrong-secret", scheme: "github-sha1", body: J, headers: { "X-Hub-Signature": await sign1(J, SW) }, reason: "signed with another secret", err: "signature_mismatch", anticipate: "invalid" });
  await vec({ id: "sha1-uppercase-hex", scheme: "github-sha1", body: J, headers: { "X-Hub-Signature": "sha1=" + hex1.toUpperCase() }, reason: "correct digest in upper-case hex", err: "malformed_header", anticipate: "invalid" });
  await vec({ id: "sha1-missing-prefix", scheme: "github-sha1", body: J, headers: { "X-Hub-Signature": hex1 }, reason: "bare hex without 'sha1='", err: "malformed_header", anticipate: "invalid" });
  await vec({ id: "sha1-truncated", scheme: "github-sha1", body: J, headers: { "X-Hub-Signature": good1.slice(0, -2) }, reason: "signature missing its last two hex chars", err: "malformed_header", anticipate: "invalid" });
  await vec({ id: "sha1-missing-header", scheme: "github-sha1", body: J, headers: { "X-GitHub-Event": "push" }, reason: "no signature header at all (hooksign's legacy mode prefers X-Hub-Signature-256 when GitHub sends both, so only the no-header case is an SDK verdict that applies)", err: "missing_header", anticipate: "invalid" });
  await vec({ id: "sha1-rotation-second-of-two", scheme: "github-sha1", body: J, headers: { "X-Hub-Signature": await sign1(J, SB) }, secret: [S, SB], reason: "verifier holds [old, new]; signed with the 2nd", err: "signature_mismatch", anticipate: "valid" });

  // empty body: octokit refuses it (no verdict on the HMAC) -> recorded in the README, not a vector
  const empty6 = await verdictOf(v6.verify, S, "", "sha256=" + "0".repeat(64));
  NOTES.push(`github empty body: octokit verify ${empty6[1]} (no vector emitted)`);
  const v6sha1 = await verdictOf(v6.verify, S, J, good1);
  NOTES.push(`github: octokit v6 verify with a valid sha1= value ${v6sha1[1]}`);
}

// ---------------------------------------------------------------------------
// Shopify
// ---------------------------------------------------------------------------
async function genShopify() {
  await import("@shopify/shopify-api/adapters/node");
  const { shopifyApi, ApiVersion, LogSeverity } = await import("@shopify/shopify-api");
  const { createSHA256HMAC } = await import("@shopify/shopify-api/runtime");
  const V = pkgVersion("@shopify/shopify-api");
  const S = "hooksign_shopify_client_secret_0001";
  const SB = "hooksign_shopify_client_secret_0002";
  const SC = "hooksign_shopify_client_secret_0003";
  const SW = "hooksign_shopify_client_secret_0009";

  const apis = new Map();
  const api = (secret) => {
    if (!apis.has(secret)) {
      apis.set(secret, shopifyApi({
        apiKey: "hooksign-test-key", apiSecretKey: secret, hostName: "hooksign.example",
        apiVersion: ApiVersion.October25 ?? Object.values(ApiVersion)[0], isEmbeddedApp: false,
        logger: { level: LogSeverity.Error, log: async () => {} },
      }));
    }
    return apis.get(secret);
  };
  const sign = (body, secret = S) => createSHA256HMAC(secret, body, "base64");

  // node IncomingMessage-like request: header names lower-cased, repeated values as arrays
  function rawRequest(headerPairs) {
    const headers = {};
    for (const [n, val] of headerPairs) {
      const k = n.toLowerCase();
      if (k in headers) headers[k] = [].concat(headers[k], val);
      else headers[k] = val;
    }
    return { headers, method: "POST", url: "/webhooks" };
  }
  async function validate(secret, body, headerPairs) {
    try {
      const r = await api(secret).webhooks.validate({ rawBody: body, rawRequest: rawRequest(headerPairs), rawResponse: {} });
      const detail = r.valid ? `valid:true, webhookType:${r.webhookType}` : `valid:false, reason:${r.reason}${r.missingHeaders ? `, missingHeaders:${JSON.stringify(r.missingHeaders)}` : ""}`;
      return [r.valid === true, `webhooks.validate -> {${detail}}`];
    } catch (e) {
      return [false, `webhooks.validate threw ${e.constructor.name}: ${e.message}`];
    }
  }

  const J = '{"id":820982911946154500,"email":"jon@example.com","total_price":"10.00"}';
  const META = {
    "X-Shopify-Topic": "orders/create", "X-Shopify-Shop-Domain": "hooksign-test.myshopify.com",
    "X-Shopify-API-Version": "2025-10", "X-Shopify-Webhook-Id": "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043",
  };
  const EVENTS_META = {
    "shopify-topic": "orders/create", "shopify-shop-domain": "hooksign-test.myshopify.com",
    "shopify-api-version": "2025-10", "shopify-webhook-id": "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043",
    "shopify-event-id": "98880550-7158-44d4-b7cd-2c97c8a091b5",
  };
  const H = (hmac, meta = META, hdr = "X-Shopify-Hmac-Sha256") => (hmac === undefined ? { ...meta } : { ...meta, [hdr]: hmac });

  async function vec({ id, body, headers, reason, err, secret = S, anticipate, pairs }) {
    const v = {
      id: `shopify-${id}`, provider: "shopify", scheme: "shopify", secret, secret_encoding: "utf8",
      timestamp: null, now: null, tolerance_seconds: null, body, reason,
      generator: `@shopify/shopify-api@${V} (runtime createSHA256HMAC(secret, body, 'base64') to sign, as its validator does; shopify.webhooks.validate with the node adapter to verify)`,
      source: SOURCE,
    };
    if (pairs) {
      v.header_pairs = pairs;
      const [ok, msg] = await validate(secret, body, pairs);
      Object.assign(v, { expected: "invalid", error: err, sdk_verdict: `policy, not SDK. SDK given both values (node adapter, array): ${ok ? "valid" : "invalid"} (${msg}; it reads the first value)` });
      emit(v);
      return;
    }
    v.headers = headers;
    const pairsOf = Object.entries(headers);
    if (Array.isArray(secret)) {
      const res = [];
      for (const s of secret) res.push(await validate(s, body, pairsOf));
      const i = res.findIndex((r) => r[0]);
      v.expected = i >= 0 ? "valid" : "invalid";
      if (i >= 0) v.matched_secret_index = i;
      v.sdk_verdict = "no multi-secret verify in the SDK: valid iff the SDK accepts with one secret of the set. " +
        res.map((r, k) => `secret[${k}]: ${r[1]}`).join("; ");
    } else {
      const [ok, msg] = await validate(secret, body, pairsOf);
      v.expected = ok ? "valid" : "invalid";
      v.sdk_verdict = msg;
    }
    v.error = err;
    note(v.id, anticipate, v.expected);
    emit(v);
  }

  const shopBodies = { ...BODIES, json: J };
  delete shopBodies["control-escape"];
  for (const [name, body] of Object.entries(shopBodies)) {
    await vec({ id: `valid-${name}`, body, headers: H(await sign(body)), reason: `valid delivery, ${BODY_REASON[name]}`, anticipate: "valid" });
  }
  const good = await sign(J);
  await vec({ id: "valid-full-header-set", body: J, headers: { ...H(good), "X-Shopify-Event-Id": "98880550-7158-44d4-b7cd-2c97c8a091b5", "X-Shopify-Triggered-At": "2023-11-14T22:13:20.000000Z", "X-Shopify-Sub-Topic": "", "X-Shopify-Name": "hooksign" }, reason: "valid delivery with the optional headers too", anticipate: "valid" });
  await vec({ id: "valid-lowercase-header-names", body: J, headers: Object.fromEntries(Object.entries(H(good)).map(([k, val]) => [k.toLowerCase(), val])), reason: "X-Shopify-* header names in lower case", anticipate: "valid" });
  await vec({ id: "tampered-body", body: tamper(J), headers: H(good), reason: "one byte of the body changed", err: "signature_mismatch", anticipate: "invalid" });
  await vec({ id: "wrong-secret", body: J, headers: H(await sign(J, SW)), reason: "signed with another client secret", err: "signature_mismatch", anticipate: "invalid" });
  await vec({ id: "unpadded-base64", body: J, headers: H(good.replace(/=+$/, "")), reason: "correct digest with its '=' padding removed; the SDK compares base64 strings", err: "malformed_header", anticipate: "invalid" });
  await vec({ id: "hex-digest", body: J, headers: H(Buffer.from(good, "base64").toString("hex")), reason: "correct digest as hex instead of base64", err: "malformed_header", anticipate: "invalid" });
  await vec({ id: "truncated", body: J, headers: H(good.slice(0, 20)), reason: "base64 digest cut to 20 chars", err: "malformed_header", anticipate: "invalid" });
  await vec({ id: "sha256-prefix", body: J, headers: H("sha256=" + good), reason: "digest behind a 'sha256=' prefix (Shopify sends none)", err: "malformed_header", anticipate: "invalid" });
  // url-safe alphabet: find a body whose digest contains '+' or '/'
  let k = 0, ub, us;
  for (;; k++) { ub = `{"id":${k}}`; us = await sign(ub); if (/[+/]/.test(us)) break; }
  await vec({ id: "urlsafe-base64", body: ub, headers: H(us.replace(/\+/g, "-").replace(/\//g, "_")), reason: "correct digest in the URL-safe base64 alphabet ('-' and '_')", err: "malformed_header", anticipate: "invalid" });
  await vec({ id: "missing-hmac-header", body: J, headers: H(undefined), reason: "no X-Shopify-Hmac-Sha256 header", err: "missing_header", anticipate: "invalid" });
  for (const h of Object.keys(META)) {
    const hs = H(good); delete hs[h];
    await vec({ id: `missing-${h.toLowerCase().replace(/^x-shopify-/, "")}-header`, body: J, headers: hs, reason: `valid HMAC but no ${h} header (the SDK requires it)`, err: "missing_header", anticipate: undefined });
  }
  // Events header family (shopify-*)
  await vec({ id: "events-family-valid", body: J, headers: H(good, EVENTS_META, "shopify-hmac-sha256"), reason: "Events-style shopify-* headers (no X- prefix)", anticipate: "valid" });
  const ev = H(good, EVENTS_META, "shopify-hmac-sha256"); delete ev["shopify-event-id"];
  await vec({ id: "events-family-missing-event-id", body: J, headers: ev, reason: "shopify-* family without shopify-event-id (required for Events)", err: "missing_header", anticipate: undefined });
  await vec({ id: "events-family-tampered", body: tamper(J), headers: H(good, EVENTS_META, "shopify-hmac-sha256"), reason: "shopify-* family, one body byte changed", err: "signature_mismatch", anticipate: "invalid" });
  await vec({ id: "events-hmac-with-x-metadata", body: J, headers: { ...META, "shopify-hmac-sha256": good }, reason: "shopify-hmac-sha256 with X-Shopify-* metadata: the Events family is chosen, so its own headers are required", err: "missing_header", anticipate: undefined });
  await vec({ id: "both-families-events-wins", body: J, headers: { ...H(await sign(J, SW)), ...H(good, EVENTS_META, "shopify-hmac-sha256") }, reason: "both HMAC headers present, X-Shopify-Hmac-Sha256 wrong, shopify-hmac-sha256 right", anticipate: undefined, err: "signature_mismatch" });
  await vec({ id: "both-families-x-valid-events-wrong", body: J, headers: { ...H(good), ...H(await sign(J, SW), EVENTS_META, "shopify-hmac-sha256") }, reason: "both HMAC headers present, X-Shopify-Hmac-Sha256 right, shopify-hmac-sha256 wrong", anticipate: undefined, err: "signature_mismatch" });
  // rotation
  await vec({ id: "rotation-second-of-two", body: J, headers: H(await sign(J, SB)), secret: [S, SB], reason: "verifier holds [new, old] during the 1 h rotation window; signed with the 2nd", err: "signature_mismatch", anticipate: "valid" });
  await vec({ id: "rotation-third-of-three", body: J, headers: H(await sign(J, SC)), secret: [S, SB, SC], reason: "verifier holds three secrets; signed with the 3rd", err: "signature_mismatch", anticipate: "valid" });
  await vec({ id: "rotation-none-matches", body: J, headers: H(await sign(J, SW)), secret: [S, SB], reason: "verifier holds two secrets; signed with neither", err: "signature_mismatch", anticipate: "invalid" });
  await vec({ id: "repeated-hmac-header", body: J, pairs: [...Object.entries(META), ["X-Shopify-Hmac-Sha256", good], ["X-Shopify-Hmac-Sha256", await sign(J, SW)]], reason: "X-Shopify-Hmac-Sha256 twice: the valid value first, then one made with another secret", err: "malformed_header" });

  const empty = await validate(S, "", Object.entries(H(await createSHA256HMAC(S, "", "base64"))));
  NOTES.push(`shopify empty body: ${empty[1]} (refused before any HMAC check; no vector emitted)`);
}

// ---------------------------------------------------------------------------
function mergeAndWrite() {
  let existing = [];
  if (existsSync(OUT)) existing = JSON.parse(readFileSync(OUT, "utf8")).filter((v) => v.source !== SOURCE);
  const all = [...existing, ...VECTORS];
  const idx = (v) => PROVIDER_ORDER.indexOf(v.provider);
  const sorted = all.map((v, i) => [v, i]).sort((a, b) => idx(a[0]) - idx(b[0]) || a[1] - b[1]).map(([v]) => v);
  const ids = new Set(sorted.map((v) => v.id));
  if (ids.size !== sorted.length) throw new Error("duplicate ids across generators");
  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(OUT, JSON.stringify(sorted, null, 1) + "\n");
}

if (process.argv.includes("--stripe-oracle")) {
  await stripeOracle();
} else {
  await genGithub();
  await genShopify();
  mergeAndWrite();
  const counts = {};
  for (const v of VECTORS) counts[v.provider] = (counts[v.provider] ?? 0) + 1;
  console.error("gen.mjs vectors:", JSON.stringify(counts));
  for (const n of NOTES) console.error("note:", n);
}
