// Verifies deliveries live with the official Node SDKs (@octokit/webhooks-methods, stripe).
//
//   node server.mjs PORT_FILE
//
// Run from a copy placed beside a node_modules where `npm ci` ran on tools/vectors'
// package.json and lock (scripts/interop-send.sh does that). Listens on 127.0.0.1 (a free port, written to PORT_FILE); 204 when the SDK accepts a
// delivery, 401 with its error otherwise. Secrets: GITHUB_WEBHOOK_SECRET, STRIPE_WEBHOOK_SECRET.
import { createServer } from "node:http";
import { writeFileSync } from "node:fs";
import * as octokit from "@octokit/webhooks-methods";
import Stripe from "stripe";

const [portFile] = process.argv.slice(2);
const stripe = new Stripe("sk_test_unused");

async function verify(path, headers, body) {
  if (path === "/github") {
    const ok = await octokit.verify(process.env.GITHUB_WEBHOOK_SECRET, body.toString("utf8"), headers["x-hub-signature-256"] ?? "");
    if (!ok) throw new Error("octokit: signature does not match");
  } else if (path === "/stripe") {
    stripe.webhooks.constructEvent(body, headers["stripe-signature"] ?? "", process.env.STRIPE_WEBHOOK_SECRET);
  } else {
    throw new Error(`no route ${path}`);
  }
}

const server = createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", async () => {
    try {
      await verify(req.url, req.headers, Buffer.concat(chunks));
      res.writeHead(204).end();
    } catch (e) {
      res.writeHead(401).end(`${e.name}: ${e.message}`);
    }
  });
});
server.listen(0, "127.0.0.1", () => writeFileSync(portFile, String(server.address().port)));
