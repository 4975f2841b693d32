// Vectors for the asymmetric providers, made and judged by the official SDKs:
//   tests/vectors/discord.json   tweetnacl signs, discord-interactions `verifyKey` judges
//   tests/vectors/telnyx.json    tweetnacl signs, telnyx `TelnyxWebhook.verify` judges
//   tests/vectors/sendgrid.json  node:crypto signs, @sendgrid/eventwebhook `verifySignature` judges
//                                (plus the SDK's own test vectors, from shared/vectors/published.json)
//   tests/vectors/standard-webhooks-v1a.json  the spec's published vectors (no reference library
//                                implements v1a), and derived/extra ones judged by tweetnacl alone
// Every vector records the judge's verdict; a vector whose verdict differs from `expected` aborts.
// Run: npm install && node gen.mjs  (from tools/vectors/asym; not run by CI)
import { createRequire } from 'node:module';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import url from 'node:url';

const require = createRequire(import.meta.url);
const nacl = require('tweetnacl');
const { verifyKey } = require('discord-interactions');
const { TelnyxWebhook } = require('telnyx/lib/webhooks.js');
const { EventWebhook } = require('@sendgrid/eventwebhook');

const here = path.dirname(url.fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const version = (name) => JSON.parse(fs.readFileSync(path.join(here, 'node_modules', name, 'package.json'), 'utf8')).version;
const V = {
  tweetnacl: version('tweetnacl'),
  discord: version('discord-interactions'),
  telnyx: version('telnyx'),
  sendgrid: version('@sendgrid/eventwebhook'),
};

/** A deterministic Ed25519 key pair from a label. */
function pair(label) {
  const seed = crypto.createHash('sha256').update(`hooksign-vectors/${label}`).digest();
  return nacl.sign.keyPair.fromSeed(new Uint8Array(seed));
}
const hex = (bytes) => Buffer.from(bytes).toString('hex');
const b64 = (bytes) => Buffer.from(bytes).toString('base64');
const sign = (kp, message) => nacl.sign.detached(new TextEncoder().encode(message), kp.secretKey);
function flip(bytes, at = 0) {
  const out = Uint8Array.from(bytes);
  out[at] ^= 0x01;
  return out;
}

function check(v, verdict) {
  const got = verdict ? 'valid' : 'invalid';
  if (got !== v.expected) throw new Error(`${v.id}: the SDK says ${got}, expected ${v.expected}`);
  v.sdk_verdict = got;
  return v;
}

function write(name, vectors) {
  const file = path.join(root, 'tests/vectors', name);
  fs.writeFileSync(file, JSON.stringify(vectors, null, 1) + '\n');
  console.log(`${file}: ${vectors.length} vectors`);
}

// ---------------------------------------------------------------- Discord
async function discord() {
  const kp = pair('discord');
  const old = pair('discord-old');
  const wrong = pair('discord-wrong');
  const ts = '1733000000';
  const ping = '{"app_permissions":"0","application_id":"1180000000000000000","id":"1312345678901234567","token":"aW50ZXJhY3Rpb246MTMxMjM0NTY3ODkwMTIzNDU2Nzp0b2tlbg","type":1,"user":{"id":"80351110224678912","username":"nelly"},"version":1}';
  const command = '{"application_id":"1180000000000000000","data":{"id":"1200000000000000001","name":"ping","type":1},"guild_id":"290926798626357999","id":"1312345678901234999","token":"dG9rZW4","type":2,"version":1}\n';
  const generator = `tweetnacl ${V.tweetnacl} nacl.sign.detached over timestamp+body; judged by discord-interactions ${V.discord} verifyKey (tools/vectors/asym/gen.mjs)`;
  const out = [];
  const add = async (id, o) => {
    const v = {
      id: `discord-${id}`,
      provider: 'discord',
      scheme: 'discord-ed25519',
      secret: o.secret ?? hex(kp.publicKey),
      headers: o.headers,
      body: o.body,
      now: o.now ?? Number(ts),
      expected: o.expected,
      ...(o.error ? { error: o.error } : {}),
      ...(o.matched !== undefined ? { matched_secret_index: o.matched } : {}),
      reason: o.reason,
      generator,
      source: `discord-interactions@${V.discord} (npm), dist/index.js verifyKey`,
    };
    const keys = Array.isArray(v.secret) ? v.secret : [v.secret];
    let ok = false;
    for (const key of keys) {
      ok ||= await verifyKey(v.body, v.headers['X-Signature-Ed25519'] ?? '', v.headers['X-Signature-Timestamp'] ?? '', key);
    }
    // The SDK's middleware answers 401 when either header is absent or empty.
    if (!v.headers['X-Signature-Ed25519'] || !v.headers['X-Signature-Timestamp']) ok = false;
    out.push(check(v, ok));
  };
  const headers = (sig, t = ts) => ({ 'X-Signature-Ed25519': sig, 'X-Signature-Timestamp': t });
  const sigPing = sign(kp, ts + ping);
  await add('valid-ping', { headers: headers(hex(sigPing)), body: ping, expected: 'valid', reason: 'a PING interaction (type 1)' });
  await add('valid-command-newline', { headers: headers(hex(sign(kp, ts + command))), body: command, expected: 'valid', reason: 'an application command; the body ends in a newline, signed as received' });
  await add('valid-upper-hex', { headers: headers(hex(sigPing).toUpperCase()), body: ping, expected: 'valid', reason: 'upper-case hex: the SDK parses each byte with parseInt(..., 16)' });
  await add('valid-rotation-second-key', { secret: [hex(old.publicKey), hex(kp.publicKey)], matched: 1, headers: headers(hex(sigPing)), body: ping, expected: 'valid', reason: 'two keys configured, the second signed' });
  await add('valid-old-timestamp-no-window', { headers: headers(hex(sigPing)), body: ping, now: Number(ts) + 86400, expected: 'valid', reason: 'a day later: neither Discord nor its SDK applies a timestamp window' });
  await add('invalid-flipped-signature-byte', { headers: headers(hex(flip(sigPing, 7))), body: ping, expected: 'invalid', error: 'signature_mismatch', reason: 'one bit of the signature flipped' });
  await add('invalid-tampered-body', { headers: headers(hex(sigPing)), body: ping.replace('"type":1', '"type":2'), expected: 'invalid', error: 'signature_mismatch', reason: 'the body changed after signing' });
  await add('invalid-wrong-key', { secret: hex(wrong.publicKey), headers: headers(hex(sigPing)), body: ping, expected: 'invalid', error: 'signature_mismatch', reason: 'verified with another application\'s key' });
  await add('invalid-tampered-timestamp', { headers: headers(hex(sigPing), '1733000001'), body: ping, expected: 'invalid', error: 'signature_mismatch', reason: 'the timestamp is signed: changing it breaks the signature' });
  await add('invalid-signature-not-hex', { headers: headers('zz' + hex(sigPing).slice(2)), body: ping, expected: 'invalid', error: 'malformed_header', reason: 'the signature is not hex (the SDK reads NaN as 0 and rejects)' });
  await add('invalid-signature-short', { headers: headers(hex(sigPing).slice(0, 126)), body: ping, expected: 'invalid', error: 'malformed_header', reason: 'a 63-byte signature' });
  await add('invalid-missing-timestamp', { headers: { 'X-Signature-Ed25519': hex(sigPing) }, body: ping, expected: 'invalid', error: 'missing_header', reason: 'no X-Signature-Timestamp (the middleware answers 401)' });
  write('discord.json', out);
  return { kp, sigPing, ts, ping };
}

// ---------------------------------------------------------------- Telnyx
async function telnyx() {
  const kp = pair('telnyx');
  const old = pair('telnyx-old');
  const wrong = pair('telnyx-wrong');
  const ts = 1733000000;
  const initiated = '{"data":{"event_type":"call.initiated","id":"0ccc7b54-4df3-4bca-a65a-3da1ecc777f0","occurred_at":"2024-11-30T21:33:20.000000Z","payload":{"call_control_id":"v3:abc","direction":"incoming","from":"+15551230000","to":"+15553210000","state":"parked"},"record_type":"event"},"meta":{"attempt":1,"delivered_to":"https://example.com/webhooks"}}';
  const message = '{"data":{"event_type":"message.received","id":"b301ed3f-1490-491f-995f-6e64e69674d4","occurred_at":"2024-11-30T21:33:21.000+00:00","payload":{"text":"Hé, ça marche ✓","type":"SMS"},"record_type":"event"},"meta":{"attempt":2,"delivered_to":"https://example.com/webhooks"}}\n';
  const generator = `tweetnacl ${V.tweetnacl} nacl.sign.detached over "{timestamp}|{body}"; judged by telnyx ${V.telnyx} TelnyxWebhook.verify with Date.now pinned to \`now\` (tools/vectors/asym/gen.mjs)`;
  const out = [];
  const add = async (id, o) => {
    const v = {
      id: `telnyx-${id}`,
      provider: 'telnyx',
      scheme: 'telnyx-ed25519',
      secret: o.secret ?? b64(kp.publicKey),
      headers: o.headers,
      body: o.body,
      timestamp: ts,
      now: o.now ?? ts,
      tolerance_seconds: 300,
      expected: o.expected,
      ...(o.error ? { error: o.error } : {}),
      ...(o.matched !== undefined ? { matched_secret_index: o.matched } : {}),
      reason: o.reason,
      generator,
      source: `telnyx@${V.telnyx} (npm), src/lib/webhooks.ts TelnyxWebhook.verify`,
    };
    const keys = Array.isArray(v.secret) ? v.secret : [v.secret];
    const realNow = Date.now;
    Date.now = () => v.now * 1000;
    let ok = false;
    try {
      for (const key of keys) {
        try {
          await new TelnyxWebhook(key).verify(v.body, v.headers);
          ok = true;
        } catch (e) {
          v.sdk_error ??= e.message;
        }
      }
    } finally {
      Date.now = realNow;
    }
    if (ok) delete v.sdk_error;
    out.push(check(v, ok));
  };
  const headers = (sig, t = String(ts)) => ({ 'telnyx-signature-ed25519': sig, 'telnyx-timestamp': t });
  const sig = sign(kp, `${ts}|${initiated}`);
  await add('valid-call-initiated', { headers: headers(b64(sig)), body: initiated, expected: 'valid', reason: 'a call.initiated event' });
  await add('valid-message-utf8-newline', { headers: headers(b64(sign(kp, `${ts}|${message}`))), body: message, expected: 'valid', reason: 'non-ASCII text and a final newline, signed as received' });
  await add('valid-rotation-second-key', { secret: [b64(old.publicKey), b64(kp.publicKey)], matched: 1, headers: headers(b64(sig)), body: initiated, expected: 'valid', reason: 'two keys configured, the second signed' });
  await add('valid-edge-of-window', { headers: headers(b64(sig)), body: initiated, now: ts + 300, expected: 'valid', reason: 'exactly 300 s old: the SDK rejects only |now - t| > 300' });
  await add('invalid-flipped-signature-byte', { headers: headers(b64(flip(sig, 40))), body: initiated, expected: 'invalid', error: 'signature_mismatch', reason: 'one bit of the signature flipped' });
  await add('invalid-tampered-body', { headers: headers(b64(sig)), body: initiated.replace('+15551230000', '+15551230001'), expected: 'invalid', error: 'signature_mismatch', reason: 'the body changed after signing' });
  await add('invalid-wrong-key', { secret: b64(wrong.publicKey), headers: headers(b64(sig)), body: initiated, expected: 'invalid', error: 'signature_mismatch', reason: 'verified with another account\'s key' });
  await add('invalid-stale-timestamp', { headers: headers(b64(sig)), body: initiated, now: ts + 301, expected: 'invalid', error: 'timestamp_too_old', reason: '301 s old, outside the SDK\'s 300 s window' });
  await add('invalid-future-timestamp', { headers: headers(b64(sig)), body: initiated, now: ts - 301, expected: 'invalid', error: 'timestamp_too_new', reason: '301 s ahead: the SDK\'s window is symmetric' });
  await add('invalid-signature-not-base64', { headers: headers(b64(sig).slice(0, 86) + '*='), body: initiated, expected: 'invalid', error: 'malformed_header', reason: 'the signature is not base64' });
  await add('invalid-signature-hex', { headers: headers(hex(sig)), body: initiated, expected: 'invalid', error: 'malformed_header', reason: 'hex where base64 is expected: 96 bytes, not 64' });
  await add('invalid-timestamp-not-digits', { headers: headers(b64(sig), `${ts}.0`), body: initiated, expected: 'invalid', error: 'malformed_header', reason: 'the SDK requires ^\\d+$' });
  await add('invalid-missing-signature', { headers: { 'telnyx-timestamp': String(ts) }, body: initiated, expected: 'invalid', error: 'missing_header', reason: 'no signature header' });
  write('telnyx.json', out);
}

// ---------------------------------------------------------------- SendGrid
function p256Key(label) {
  // A deterministic scalar from the label (far below the group order), as a JWK.
  const d = crypto.createHash('sha256').update(`hooksign-vectors/${label}`).digest();
  d[0] &= 0x7f;
  const ecdh = crypto.createECDH('prime256v1');
  ecdh.setPrivateKey(d);
  const point = ecdh.getPublicKey();
  const b64u = (b) => Buffer.from(b).toString('base64url');
  const jwk = { kty: 'EC', crv: 'P-256', d: b64u(d), x: b64u(point.subarray(1, 33)), y: b64u(point.subarray(33)) };
  const privateKey = crypto.createPrivateKey({ key: jwk, format: 'jwk' });
  const publicKey = crypto.createPublicKey(privateKey);
  return {
    privateKey,
    spki: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    pkcs8: privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'),
  };
}

function sendgrid() {
  const key = p256Key('sendgrid');
  const old = p256Key('sendgrid-old');
  const wrong = p256Key('sendgrid-wrong');
  const ts = '1733000000';
  const body = '[{"email":"example@test.com","timestamp":1732999990,"smtp-id":"<14c5d75ce93.dfd.64b469@ismtpd-555>","event":"delivered","category":"cat facts","sg_event_id":"rbtnWrG1DVDGGGFHFyun0A==","sg_message_id":"14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0","response":"250 OK"}]\r\n';
  const two = '[{"email":"a@example.com","event":"open","sg_event_id":"b3Blbi0x","timestamp":1732999991},\r\n{"email":"b@example.com","event":"click","url":"https://example.com/é","sg_event_id":"Y2xpY2stMQ","timestamp":1732999992}]\r\n';
  const der = (k, message) => crypto.sign('sha256', Buffer.from(message), { key: k.privateKey, dsaEncoding: 'der' });
  const generator = `node ${process.version} crypto.sign('sha256', …, { dsaEncoding: 'der' }) over timestamp+body with a P-256 key; judged by @sendgrid/eventwebhook ${V.sendgrid} EventWebhook.verifySignature (tools/vectors/asym/gen.mjs)`;
  const webhook = new EventWebhook();
  const out = [];
  const add = (id, o) => {
    const v = {
      id: `sendgrid-${id}`,
      provider: 'sendgrid',
      scheme: 'sendgrid-ecdsa',
      secret: o.secret ?? key.spki,
      headers: o.headers,
      body: o.body,
      timestamp: Number(ts),
      now: o.now ?? Number(ts),
      expected: o.expected,
      ...(o.error ? { error: o.error } : {}),
      ...(o.matched !== undefined ? { matched_secret_index: o.matched } : {}),
      reason: o.reason,
      generator: o.generator ?? generator,
      source: o.source ?? `@sendgrid/eventwebhook@${V.sendgrid} (npm), src/eventwebhook.js verifySignature`,
    };
    const keys = Array.isArray(v.secret) ? v.secret : [v.secret];
    const sig = v.headers['X-Twilio-Email-Event-Webhook-Signature'];
    const t = v.headers['X-Twilio-Email-Event-Webhook-Timestamp'];
    let ok = false;
    if (sig && t) {
      for (const k of keys) {
        try {
          const pem = `-----BEGIN PUBLIC KEY-----\n${k}\n-----END PUBLIC KEY-----\n`;
          ok ||= webhook.verifySignature(webhook.convertPublicKeyToECDSA(pem), v.body, sig, t);
        } catch (e) {
          v.sdk_error ??= String(e.message ?? e);
        }
      }
    }
    if (ok) delete v.sdk_error;
    out.push(check(v, ok));
  };
  const headers = (sig, t = ts) => ({ 'X-Twilio-Email-Event-Webhook-Signature': sig, 'X-Twilio-Email-Event-Webhook-Timestamp': t });
  const sig = der(key, ts + body);
  // The SDK's own test vectors, as the shared catalogue recorded them.
  const published = JSON.parse(fs.readFileSync(path.join(root, '../shared/vectors/published.json'), 'utf8'))
    .filter((p) => p.provider === 'sendgrid');
  for (const p of published) {
    add(p.id.replace(/^sendgrid-/, ''), {
      secret: p.secret, headers: p.headers, body: p.body, expected: p.expected, now: p.timestamp ?? Number(ts),
      error: p.expected === 'invalid' ? (p.id.endsWith('bad-timestamp') || p.id.endsWith('wrong-key') || p.id.endsWith('bad-payload') || p.id.endsWith('lf-only') || p.id.endsWith('bad-signature') ? 'signature_mismatch' : undefined) : undefined,
      reason: p.reason, source: p.source,
      generator: `published: the SDK's test suite (re-judged by @sendgrid/eventwebhook ${V.sendgrid})`,
    });
  }
  add('valid-delivered', { headers: headers(sig.toString('base64')), body, expected: 'valid', reason: 'a delivered event, CRLF-terminated as SendGrid posts it' });
  add('valid-two-events-utf8', { headers: headers(der(key, ts + two).toString('base64')), body: two, expected: 'valid', reason: 'two events and non-ASCII text' });
  add('valid-rotation-second-key', { secret: [old.spki, key.spki], matched: 1, headers: headers(sig.toString('base64')), body, expected: 'valid', reason: 'two keys configured, the second signed' });
  add('valid-old-timestamp-no-window', { headers: headers(sig.toString('base64')), body, now: Number(ts) + 86400, expected: 'valid', reason: 'a day later: the SDK applies no window' });
  const flipped = Buffer.from(sig);
  flipped[flipped.length - 1] ^= 0x01;
  add('invalid-flipped-signature-byte', { headers: headers(flipped.toString('base64')), body, expected: 'invalid', error: 'signature_mismatch', reason: 'the last byte of the DER signature (in s) flipped' });
  add('invalid-tampered-body', { headers: headers(sig.toString('base64')), body: body.replace('delivered', 'bounce'), expected: 'invalid', error: 'signature_mismatch', reason: 'the body changed after signing' });
  add('invalid-wrong-key', { secret: wrong.spki, headers: headers(sig.toString('base64')), body, expected: 'invalid', error: 'signature_mismatch', reason: 'verified with another account\'s key' });
  add('invalid-signature-not-der', { headers: headers(Buffer.from('not a DER signature').toString('base64')), body, expected: 'invalid', error: 'malformed_header', reason: 'base64 of bytes that are not a DER ECDSA signature' });
  add('invalid-missing-timestamp', { headers: { 'X-Twilio-Email-Event-Webhook-Signature': sig.toString('base64') }, body, expected: 'invalid', error: 'missing_header', reason: 'no timestamp header' });
  write('sendgrid.json', out);
  return key;
}

// ---------------------------------------------------------------- Standard Webhooks v1a
function standardWebhooksV1a() {
  const published = JSON.parse(fs.readFileSync(path.join(root, '../shared/vectors/published.json'), 'utf8'))
    .filter((p) => p.scheme === 'standard-webhooks-v1a');
  const judge = (v) => {
    // tweetnacl as an independent Ed25519 model of the spec's scheme: any v1a entry verifies
    // over `${id}.${timestamp}.${body}` with any key, and the timestamp is within 300 s.
    const keys = (Array.isArray(v.secret) ? v.secret : [v.secret]).map((k) => Buffer.from(k.slice(5), 'base64'));
    const h = v.headers;
    const t = Number(h['webhook-timestamp']);
    if (!h['webhook-id'] || !h['webhook-timestamp'] || !h['webhook-signature']) return false;
    if (!(Math.abs(v.now - t) <= 300)) return false;
    const msg = new TextEncoder().encode(`${h['webhook-id']}.${h['webhook-timestamp']}.${v.body}`);
    return h['webhook-signature'].split(' ').some((entry) => {
      const [version, sig] = entry.split(',');
      if (version !== 'v1a') return false;
      const bytes = Buffer.from(sig, 'base64');
      return bytes.length === 64 && keys.some((k) => nacl.sign.detached.verify(msg, bytes, k));
    });
  };
  const out = [];
  const add = (v) => out.push(check({ provider: 'standard-webhooks-v1a', scheme: 'standard-webhooks-v1a', ...v }, judge(v)));
  const errors = { 'stdwh-v1a-tampered': 'signature_mismatch', 'stdwh-spec-example-header-mismatch': 'signature_mismatch' };
  for (const p of published) {
    const { secret_encoding, verified, ...rest } = p;
    add({ ...rest, id: p.id, provider: 'standard-webhooks-v1a', ...(p.expected === 'invalid' ? { error: errors[p.id] } : {}), generator: 'published (the spec repository and the Svix server it cites); judged by tweetnacl as an independent model' });
  }
  const base = published.find((p) => p.id === 'stdwh-v1a-svix-server');
  const derived = (id, patch, reason) => {
    const { secret_encoding, verified, ...rest } = base;
    add({ ...rest, ...patch, id: `stdwh-v1a-${id}`, provider: 'standard-webhooks-v1a', reason, source: `derived from ${base.source}`, generator: 'derived from the published vector; judged by tweetnacl as an independent model' });
  };
  const sig = base.headers['webhook-signature'].slice(4);
  const flipped = Buffer.from(sig, 'base64');
  flipped[10] ^= 0x01;
  derived('flipped-signature-byte', { headers: { ...base.headers, 'webhook-signature': `v1a,${flipped.toString('base64')}` }, expected: 'invalid', error: 'signature_mismatch' }, 'one bit of the signature flipped');
  derived('stale-timestamp', { now: base.timestamp + 301, expected: 'invalid', error: 'timestamp_too_old' }, '301 s old: outside the 300 s window the spec\'s libraries apply');
  derived('wrong-key', { secret: `whpk_${b64(pair('stdwh-wrong').publicKey)}`, expected: 'invalid', error: 'signature_mismatch' }, 'another public key');
  derived('v1-only', { headers: { ...base.headers, 'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=' }, expected: 'invalid', error: 'no_signature' }, 'only a v1 (HMAC) entry: nothing a public key can check');
  derived('signature-not-base64', { headers: { ...base.headers, 'webhook-signature': 'v1a,****' }, expected: 'invalid', error: 'malformed_header' }, 'the v1a entry is not base64');
  derived('rotation-second-key', { secret: [`whpk_${b64(pair('stdwh-old').publicKey)}`, base.secret], matched_secret_index: 1, expected: 'valid' }, 'two keys configured, the second signed');
  // A key pair made here, in the whsk_ form the Svix server uses (seed || public key).
  const kp = pair('stdwh');
  const id = 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W';
  const ts = 1674087231;
  const body = '{"type":"contact.created","timestamp":"2022-11-03T20:26:10.344522Z","data":{"id":"1f81eb52-5198-4599-803e-771906343485"}}';
  const s = sign(kp, `${id}.${ts}.${body}`);
  add({
    id: 'stdwh-v1a-generated-with-v1-entry', secret: `whpk_${b64(kp.publicKey)}`, timestamp: ts, now: ts, tolerance_seconds: 300,
    headers: { 'webhook-id': id, 'webhook-timestamp': String(ts), 'webhook-signature': `v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4= v1a,${b64(s)}` },
    body, expected: 'valid', reason: `the spec's example message, signed here; private key whsk_${b64(kp.secretKey)}`,
    source: 'tools/vectors/asym/gen.mjs', generator: `tweetnacl ${V.tweetnacl} nacl.sign.detached over the spec's "{id}.{timestamp}.{body}"; judged by tweetnacl (no reference library implements v1a)`,
  });
  write('standard-webhooks-v1a.json', out);
}

const d = await discord();
await telnyx();
const sg = sendgrid();
standardWebhooksV1a();
// The keys the CLI test and the docs use.
console.log('discord private', hex(d.kp.secretKey), 'public', hex(d.kp.publicKey));
const t = pair('telnyx');
console.log('telnyx private', b64(t.secretKey), 'public', b64(t.publicKey));
const s = pair('stdwh');
console.log('stdwh private', `whsk_${b64(s.secretKey)}`, 'public', `whpk_${b64(s.publicKey)}`);
console.log('sendgrid private', sg.pkcs8, 'public', sg.spki);
