//! Coinbase Commerce: `X-CC-Webhook-Signature: <hex HMAC-SHA256(shared secret, body)>`.
//!
//! Sources:
//! - Official SDK `coinbase-commerce-node` (npm) 1.0.4, `lib/Webhook.js`:
//!   `computeSignature(payload, secret)` is `crypto.createHmac('sha256', secret)
//!   .update(payload, 'utf8').digest('hex')`, and `verifySigHeader(payload, sigHeader, secret)`
//!   compares it with the header using `secure-compare` (exact string comparison, so
//!   upper-case hex is rejected). The shared secret is used as text; no timestamp or other
//!   header is read. `verifyEventBody` additionally parses the body and requires an `event`
//!   in it, then returns that event.
//! - Coinbase Developer Docs, "Commerce API Webhooks Overview"
//!   (<https://docs.cdp.coinbase.com/commerce/api-arcitecture/webhooks-overview>) and
//!   "Webhooks Security" (<https://docs.cdp.coinbase.com/commerce/api-arcitecture/webhooks-security>):
//!   the header holds the SHA256 HMAC of the raw payload keyed with the webhook shared secret
//!   (Settings > Notifications); unacknowledged deliveries are retried with exponential backoff
//!   for up to three days.
//! - "Webhooks Fields and Events"
//!   (<https://docs.cdp.coinbase.com/commerce/api-arcitecture/webhooks-fields>): the body is
//!   `{id, scheduled_for, attempt_number, event}`, the event carrying its `id` and `type`
//!   (`charge:created`, `charge:pending`, `charge:confirmed`, `charge:failed`).


use crate::HeaderKey;
use crate::provider::spec::{Algorithm, SecretFormat, 
    BodyPaths, Encoding, Source, Spec,
};

static SIGNATURE: [HeaderKey; 1] =
    [HeaderKey::new("X-CC-Webhook-Signature", "x-cc-webhook-signature")];

/// The scheme: bare lower-case hex of HMAC-SHA256 over the body.
// `secure-compare` on `digest('hex')`: lower case only.
pub(crate) static SPEC: Spec = body_hmac_spec! {
    signature: &SIGNATURE,
    prefix: "",
    algorithm: Algorithm::Sha256,
    encoding: Encoding::Hex,
    secret: SecretFormat::Text,
    metadata: &[],
    id: Source::None,
    idempotency: Source::Body(BodyPaths::from_static(&[&["event", "id"]])),
    event_type: Source::Body(BodyPaths::from_static(&[&["event", "type"]])),
};

spec_provider! {
    /// Coinbase Commerce webhooks (charge events).
    ///
    /// - **Verifies** `X-CC-Webhook-Signature: <hex>`, the HMAC-SHA256 of the raw body, in
    ///   lower case as `coinbase-commerce-node@1.0.4`'s `Webhook.verifySigHeader` compares it.
    ///   Nothing else is signed. Unlike the SDK's `verifyEventBody`, hooksign does not also
    ///   require the body to be JSON with an `event`: a correctly signed body is accepted
    ///   whatever it holds, as `verifySigHeader` does.
    /// - **No timestamp** is signed, so there is no replay window: deduplicate on the event id.
    /// - **Secret**: the webhook shared secret from Settings > Notifications, used as text.
    /// - **Idempotency key**: `coinbase-commerce:<event.id>`, the id of the event itself, read
    ///   from the body on request. The body's `attempt_number` counts delivery attempts, which
    ///   suggests a retry re-sends the same event with its id; the docs do not say so in
    ///   words. The body's top-level `id` (documented only as the "uuid of webhook event") is
    ///   not used: the docs do not say whether a retry keeps it either.
    /// - **Event type**: the body's `event.type` (e.g. `charge:confirmed`).
    ///
    /// ```
    /// use hooksign::{CoinbaseCommerce, SecretSet};
    ///
    /// // Generated with coinbase-commerce-node@1.0.4
    /// // (tests/vectors/coinbase-commerce.json, `coinbase-commerce-valid-compact`).
    /// let coinbase = CoinbaseCommerce::new(SecretSet::new(["5b5d4e2a-hooksign-cc-shared-secret-0001"])?);
    /// let body = br#"{"attempt_number":1,"event":{"id":"f9b3a9d4-5a4e-4c52-9d2c-3b0a1c6e7d11","resource":"event","type":"charge:created"},"id":"0c8bb5b2-8d9e-4a59-86b6-5c0c4a0b2e7f"}"#;
    /// let headers = [(
    ///     "X-CC-Webhook-Signature",
    ///     "6054e4511bdb8277278c97df3c485d5675290cf6ad2010a553b33dd5277f9cd1",
    /// )];
    /// let verified = hooksign::verify(&coinbase, &headers, body)?;
    /// assert_eq!(
    ///     verified.idempotency_key().unwrap().as_str(),
    ///     "coinbase-commerce:f9b3a9d4-5a4e-4c52-9d2c-3b0a1c6e7d11"
    /// );
    /// assert_eq!(verified.event_type().as_deref(), Some("charge:created"));
    /// assert!(hooksign::verify(&coinbase, &headers, &body[..body.len() - 1]).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    CoinbaseCommerce, id = "coinbase-commerce", name = "Coinbase Commerce", aliases = [],
    spec = SPEC, secrets = text("webhook shared secret, as text")
}
