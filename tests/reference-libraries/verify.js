// Verifies deliveries with the senders' own libraries, offline: standardwebhooks and svix (Standard Webhooks v1
// signatures) and stripe (Stripe-Signature). Reads a JSON array of checks on stdin, each
//   { "library": "standardwebhooks" | "svix" | "stripe", "secret": "...", "headers": { name: value }, "body": base64 }
// and writes one JSON array of results, each { "ok": true, "id": ..., "timestamp": ... } or { "ok": false, "error": ... }.
"use strict";

const { Webhook: StandardWebhook } = require("standardwebhooks");
const { Webhook: SvixWebhook } = require("svix");
const Stripe = require("stripe");

// The API key is never used: verifying a signature makes no request.
const stripe = new Stripe("sk_test_offline_reference_check");

function lowerCase(headers) {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}

function verify(check) {
  const headers = lowerCase(check.headers);
  const body = Buffer.from(check.body, "base64").toString("utf8");
  switch (check.library) {
    case "standardwebhooks":
      new StandardWebhook(check.secret).verify(body, headers);
      return { id: headers["webhook-id"], timestamp: headers["webhook-timestamp"] };
    case "svix":
      new SvixWebhook(check.secret).verify(body, headers);
      return { id: headers["webhook-id"], timestamp: headers["webhook-timestamp"] };
    case "stripe": {
      const event = stripe.webhooks.constructEvent(body, headers["stripe-signature"], check.secret);
      return { id: event.id };
    }
    default:
      throw new Error(`unknown library ${check.library}`);
  }
}

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  const results = JSON.parse(input).map((check) => {
    try {
      return { ok: true, ...verify(check) };
    } catch (error) {
      return { ok: false, error: String(error && error.message ? error.message : error) };
    }
  });
  process.stdout.write(JSON.stringify(results));
});
