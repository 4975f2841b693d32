// SDK-verdict test vectors for services built on the Standard Webhooks scheme whose SDKs
// verify it their own way, one file per provider:
//
//   openai     -> tests/vectors/openai.json     (npm `openai`, `webhooks.verifySignature`)
//   replicate  -> tests/vectors/replicate.json  (npm `replicate`, `validateWebhook`)
//
//   node standard-family.mjs   (after `npm ci`; not run by CI)
//
// Neither SDK exports a signer. Signatures are node:crypto's HMAC-SHA256, base64, of
// `${webhook-id}.${webhook-timestamp}.${body}` keyed as each SDK keys it (OpenAI: base64 after
// `whsec_`, else the secret's UTF-8 bytes; Replicate: base64 of the part after the last `_`),
// the expression each verifier compares; every `expected` is then the SDK's own verdict on the
// delivery, quoted in `sdk_verdict`, with two exceptions stated in the vector: Replicate's SDK
// checks no timestamp, and hooksign applies a 300 s window (see `src/provider/replicate.rs`).
// The SDK's clock is pinned by replacing `Date.now` around each call. Nothing here runs
// hooksign.

import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { createHmac } from "node:crypto";

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = dirname(dirname(HERE));
const SOURCE = "tools/vectors/standard-family.mjs";
const require = createRequire(import.meta.url);
const pkgVersion = (name) =>
  JSON.parse(readFileSync(join(HERE, "node_modules", name, "package.json"), "utf8")).version;

const KEY_ORDER = [
  "id", "provider", "scheme", "secret", "secret_encoding", "timestamp", "now",
  "tolerance_seconds", "headers", "header_pairs", "body", "body_base64", "expected",
  "error", "matched_secret_index", "reason", "sdk_verdict", "generator", "source",
];

const T = 1_760_000_000;
const KEY = Buffer.from("hooksign-standard-family-key-32b").toString("base64");
const WHSEC = `whsec_${KEY}`;
const BODY = '{"id":"evt_685343a1381c819085d44c354e1b330e","object":"event","created_at":1760000000,"type":"response.completed","data":{"id":"resp_abc123"}}';
const UNICODE = '{"id":"evt_unicode_0001","object":"event","created_at":1760000000,"type":"batch.completed","data":{"id":"batch_1","note":"naïve café — 日本語 ✓"}}';

function sign(key, id, ts, body) {
  return createHmac("sha256", key).update(`${id}.${ts}.${body}`).digest("base64");
}

async function atTime(now, f) {
  const real = Date.now;
  Date.now = () => now * 1000;
  try {
    return await f();
  } finally {
    Date.now = real;
  }
}

function finish(provider, generator, cases) {
  const seen = new Set();
  const out = cases.map((c) => {
    const v = {
      id: `${provider}-${c.name}`, provider, scheme: provider, secret: c.secret,
      secret_encoding: "utf8", timestamp: c.timestamp ?? T, now: c.now ?? T,
      tolerance_seconds: c.tolerance ?? null, headers: c.headers, body: c.body,
      expected: c.expected, error: c.error, matched_secret_index: c.index,
      reason: c.reason, sdk_verdict: c.verdict, generator, source: SOURCE,
    };
    if (seen.has(v.id)) throw new Error(`duplicate ${v.id}`);
    seen.add(v.id);
    if ((v.expected === "invalid") !== Boolean(v.error)) throw new Error(`${v.id}: error kind`);
    const o = {};
    for (const k of KEY_ORDER) if (v[k] !== undefined) o[k] = v[k];
    return o;
  });
  writeFileSync(join(REPO, "tests", "vectors", `${provider}.json`), JSON.stringify(out, null, 1) + "\n");
  console.log(`${provider}: ${out.length} vectors`);
}

// --- OpenAI ----------------------------------------------------------------------------------

async function openai() {
  const OpenAI = require("openai");
  const client = new OpenAI({ apiKey: "unused" });
  const version = pkgVersion("openai");
  const judge = async (secret, headers, body, now) => {
    const secrets = Array.isArray(secret) ? secret : [secret];
    const said = [];
    for (const [i, s] of secrets.entries()) {
      try {
        await atTime(now, () => client.webhooks.verifySignature(body, headers, s));
        said.push(`secret ${i}: returned`);
        return { ok: true, index: i, said: said.join("; ") };
      } catch (e) {
        said.push(`secret ${i}: threw ${e.constructor.name}: ${e.message}`);
      }
    }
    return { ok: false, said: said.join("; ") };
  };
  const key = Buffer.from(KEY, "base64");
  const id = "wh_685342e6c53c8190a1be43f081506c52";
  const good = sign(key, id, T, BODY);
  const textSecret = "hooksign-openai-text-secret-0001";
  const base = (sig, extra = {}) => ({
    "webhook-id": id, "webhook-timestamp": String(T), "webhook-signature": sig, ...extra,
  });
  const cases = [
    { name: "valid-compact", secret: WHSEC, headers: base(`v1,${good}`), body: BODY, reason: "valid event, whsec_ secret" },
    { name: "valid-unicode", secret: WHSEC, headers: base(`v1,${sign(key, id, T, UNICODE)}`), body: UNICODE, reason: "valid event whose body has non-ASCII UTF-8" },
    { name: "valid-text-secret", secret: textSecret, headers: base(`v1,${sign(Buffer.from(textSecret), id, T, BODY)}`), body: BODY, reason: "a secret without whsec_ is keyed with its UTF-8 bytes (not base64-decoded)" },
    { name: "valid-bare-entry", secret: WHSEC, headers: base(good), body: BODY, reason: "a bare signature with no `v1,` label is tried as it is" },
    { name: "valid-second-entry", secret: WHSEC, headers: base(`v1,${sign(key, id, T, "other")} v1,${good}`), body: BODY, reason: "several entries, the second matches" },
    { name: "valid-after-other-label", secret: WHSEC, headers: base(`v1a,${good.slice(4)} v1,${good}`), body: BODY, reason: "an entry under another label does not match; the v1 one does" },
    { name: "valid-rotation", secret: [`whsec_${Buffer.from("an-older-secret-of-32-bytes-long").toString("base64")}`, WHSEC], index: 1, headers: base(`v1,${good}`), body: BODY, reason: "two secrets, the second signed" },
    { name: "valid-just-inside-past", secret: WHSEC, headers: base(`v1,${good}`), body: BODY, now: T + 300, tolerance: 300, reason: "300 s old: at the edge of the SDK's 300 s window" },
    { name: "valid-just-inside-future", secret: WHSEC, headers: base(`v1,${good}`), body: BODY, now: T - 300, tolerance: 300, reason: "300 s ahead: at the edge of the window" },
    { name: "tampered-body", secret: WHSEC, headers: base(`v1,${good}`), body: BODY.replace("resp_abc123", "resp_abc124"), error: "signature_mismatch", reason: "one byte of the body changed" },
    { name: "wrong-secret", secret: `whsec_${Buffer.from("not-the-secret-that-signed-this!").toString("base64")}`, headers: base(`v1,${good}`), body: BODY, error: "signature_mismatch", reason: "another secret" },
    { name: "whsec-secret-used-as-text", secret: KEY, headers: base(`v1,${good}`), body: BODY, error: "signature_mismatch", reason: "the base64 key without whsec_ is used as text: another key" },
    { name: "too-old", secret: WHSEC, headers: base(`v1,${good}`), body: BODY, now: T + 301, tolerance: 300, error: "timestamp_too_old", reason: "301 s old" },
    { name: "too-new", secret: WHSEC, headers: base(`v1,${good}`), body: BODY, now: T - 301, tolerance: 300, error: "timestamp_too_new", reason: "301 s ahead" },
    { name: "other-version-only", secret: WHSEC, headers: base(`v2,${good}`), body: BODY, error: "no_signature", reason: "only an entry under another label" },
    { name: "missing-signature", secret: WHSEC, headers: { "webhook-id": id, "webhook-timestamp": String(T) }, body: BODY, error: "missing_header", reason: "no webhook-signature" },
    { name: "missing-id", secret: WHSEC, headers: { "webhook-timestamp": String(T), "webhook-signature": `v1,${good}` }, body: BODY, error: "missing_header", reason: "no webhook-id" },
    { name: "missing-timestamp", secret: WHSEC, headers: { "webhook-id": id, "webhook-signature": `v1,${good}` }, body: BODY, error: "missing_header", reason: "no webhook-timestamp" },
    { name: "timestamp-not-a-number", secret: WHSEC, headers: base(`v1,${good}`, { "webhook-timestamp": "soon" }), body: BODY, error: "malformed_header", reason: "webhook-timestamp is not a number" },
  ];
  for (const c of cases) {
    const r = await judge(c.secret, c.headers, c.body, c.now ?? T);
    c.expected = r.ok ? "valid" : "invalid";
    c.verdict = `openai@${version} webhooks.verifySignature (clock pinned): ${r.said}`;
    if (r.ok && Array.isArray(c.secret) && c.index !== r.index) throw new Error(`${c.name}: index`);
    if (r.ok === Boolean(c.error)) throw new Error(`${c.name}: the SDK said ${r.said}`);
  }
  finish("openai", `openai@${version} (npm), src/resources/webhooks/webhooks.ts verifySignature; signatures by node:crypto HMAC-SHA256 base64 of id.timestamp.body`, cases);
}

// --- Replicate -------------------------------------------------------------------------------

async function replicate() {
  const { validateWebhook } = require("replicate");
  const version = pkgVersion("replicate");
  const judge = async (secret, headers, body) => {
    const secrets = Array.isArray(secret) ? secret : [secret];
    const said = [];
    for (const [i, s] of secrets.entries()) {
      try {
        const ok = await validateWebhook({ headers, body }, s);
        said.push(`secret ${i}: returned ${ok}`);
        if (ok) return { ok: true, index: i, said: said.join("; ") };
      } catch (e) {
        said.push(`secret ${i}: threw ${e.message}`);
      }
    }
    return { ok: false, said: said.join("; ") };
  };
  const key = Buffer.from(KEY, "base64");
  const id = "msg_2aq9v1aQ8fT2b9uFJdYhJ6hKqQ4";
  const body = '{"id":"ufawqhfynnddngldkgtslldrkq","model":"replicate/hello-world","status":"succeeded","output":"hello world"}';
  const unicode = '{"id":"gm3qorzdhgbfurvjtvhg6dckhu","status":"succeeded","output":"¡hola, mundo! 你好 🌍"}';
  const good = sign(key, id, T, body);
  const base = (sig) => ({ "webhook-id": id, "webhook-timestamp": String(T), "webhook-signature": sig });
  const cases = [
    { name: "valid-compact", secret: WHSEC, headers: base(`v1,${good}`), body, reason: "valid prediction webhook" },
    { name: "valid-unicode", secret: WHSEC, headers: base(`v1,${sign(key, id, T, unicode)}`), body: unicode, reason: "valid webhook whose body has non-ASCII UTF-8" },
    { name: "valid-any-label", secret: WHSEC, headers: base(`v2,${good}`), body, reason: "the SDK takes what follows each entry's comma, whatever the label" },
    { name: "valid-second-entry", secret: WHSEC, headers: base(`v1,${sign(key, id, T, "x")} v1,${good}`), body, reason: "several entries, the second matches" },
    { name: "valid-rotation", secret: [`whsec_${Buffer.from("an-older-secret-of-32-bytes-long").toString("base64")}`, WHSEC], index: 1, headers: base(`v1,${good}`), body, reason: "two secrets, the second signed" },
    { name: "valid-just-inside-window", secret: WHSEC, headers: base(`v1,${good}`), body, now: T + 300, reason: "300 s old: accepted by the SDK (no window) and inside hooksign's 300 s" },
    { name: "tampered-body", secret: WHSEC, headers: base(`v1,${good}`), body: body.replace("hello world", "hello worle"), error: "signature_mismatch", reason: "one byte of the body changed" },
    { name: "wrong-secret", secret: `whsec_${Buffer.from("not-the-secret-that-signed-this!").toString("base64")}`, headers: base(`v1,${good}`), body, error: "signature_mismatch", reason: "another secret" },
    { name: "bare-entry", secret: WHSEC, headers: base(good), body, error: "no_signature", reason: "an entry with no comma has no signature for the SDK" },
    { name: "missing-signature", secret: WHSEC, headers: { "webhook-id": id, "webhook-timestamp": String(T) }, body, error: "missing_header", reason: "no webhook-signature" },
    { name: "missing-id", secret: WHSEC, headers: { "webhook-timestamp": String(T), "webhook-signature": `v1,${good}` }, body, error: "missing_header", reason: "no webhook-id" },
  ];
  for (const c of cases) {
    const r = await judge(c.secret, c.headers, c.body);
    c.expected = r.ok ? "valid" : "invalid";
    c.verdict = `replicate@${version} validateWebhook: ${r.said}`;
    if (r.ok && Array.isArray(c.secret) && c.index !== r.index) throw new Error(`${c.name}: index`);
    if (r.ok === Boolean(c.error)) throw new Error(`${c.name}: the SDK said ${r.said}`);
  }
  // The one place hooksign and the SDK part on purpose: the SDK checks no timestamp.
  const stale = { name: "stale-timestamp", secret: WHSEC, headers: base(`v1,${good}`), body, now: T + 301 };
  const r = await judge(stale.secret, stale.headers, stale.body);
  if (!r.ok) throw new Error("replicate stale: the SDK rejected it");
  cases.push({
    ...stale, expected: "invalid", error: "timestamp_too_old",
    reason: "301 s old. Not the SDK's verdict: replicate's validateWebhook checks no timestamp; Replicate's docs say the timestamp is there to mitigate replay attacks, and hooksign applies the Standard Webhooks 300 s window (policy, see src/provider/replicate.rs)",
    verdict: `replicate@${version} validateWebhook: ${r.said} (the SDK accepts any timestamp)`,
  });
  finish("replicate", `replicate@${version} (npm), lib/util.js validateWebhook; signatures by node:crypto HMAC-SHA256 base64 of id.timestamp.body with the base64 key after whsec_`, cases);
}

await openai();
await replicate();
