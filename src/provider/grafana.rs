//! Grafana Alerting (webhook contact point, default HMAC configuration):
//! `X-Grafana-Alerting-Signature: <hex HMAC-SHA256(secret, body)>`.
//!
//! Sources:
//! - Grafana Docs, "Configure webhook notifications", HMAC signature
//!   (<https://grafana.com/docs/grafana/latest/alerting/configure-notifications/manage-contact-points/integrations/webhook-notifier/>):
//!   with a shared secret configured, Grafana signs the payload with HMAC-SHA256 and sends
//!   the hex-encoded signature in the configured header, `X-Grafana-Alerting-Signature` by
//!   default. An optional *timestamp header* changes the signed content to
//!   `timestamp + ":" + body` and carries the Unix timestamp; without one, only the body is
//!   signed. The receiver is told to check that such a timestamp is recent; no window is
//!   given.
//! - Grafana's own source, `grafana/alerting` (the notifier library Grafana runs):
//!   `http/hmac.go`, `HMACRoundTripper.sign`: `hmac.New(sha256.New, []byte(secret))`; if a
//!   timestamp header is configured it writes `strconv.FormatInt(now.Unix(), 10)` then `":"`
//!   into the MAC (and the timestamp into that header); then the body;
//!   `hex.EncodeToString` (lower case) goes into the header, `defaultHeaderName =
//!   "X-Grafana-Alerting-Signature"` when none is configured. `http/client.go` installs it
//!   for a webhook with `hmacConfig`; `receivers/webhook/v1/config.go` reads `hmacConfig`
//!   (`secret`, `header`, `timestampHeader`, the last with no default).

use crate::HeaderKey;
use crate::provider::spec::{Algorithm, Encoding, SecretFormat, Source, Spec};

static SIGNATURE: [HeaderKey; 1] = [HeaderKey::new(
    "X-Grafana-Alerting-Signature",
    "x-grafana-alerting-signature",
)];

/// The scheme of a contact point with a secret and the default header, no timestamp header:
/// bare lower-case hex of HMAC-SHA256 over the body.
// The payload is an alert group with no delivery or event id (`groupKey` names the group,
// not the notification), so no id or idempotency key; `status` is a state, not an event type.
pub(crate) static SPEC: Spec = body_hmac_spec! {
    signature: &SIGNATURE,
    prefix: "",
    algorithm: Algorithm::Sha256,
    encoding: Encoding::Hex,
    secret: SecretFormat::Text,
    metadata: &[],
    id: Source::None,
    idempotency: Source::None,
    event_type: Source::None,
};

spec_provider! {
    /// Grafana Alerting webhook contact points signed with an HMAC secret, in the default
    /// configuration: the default signature header and no timestamp header.
    ///
    /// - **Verifies** `X-Grafana-Alerting-Signature: <hex>`, the HMAC-SHA256 of the raw body
    ///   in lower case, as `grafana/alerting`'s `HMACRoundTripper` writes it. A contact point
    ///   configured with another signature header name, or with a timestamp header, signs
    ///   differently and is not this provider: see below.
    /// - **No timestamp** is signed in this configuration, so there is no replay window.
    /// - **Secret**: the contact point's HMAC secret, used as text.
    /// - **Idempotency key**: none. A notification is an alert group (`groupKey`, `alerts`,
    ///   each alert with its `fingerprint`) and carries no notification id.
    /// - **Event type**: none; the body's `status` (`firing`, `resolved`) is the group's
    ///   state.
    ///
    /// **With a timestamp header.** Grafana then signs `{unix seconds}:{body}` and sends the
    /// timestamp in the header you named (there is no default name), and it documents no
    /// replay window. Both are your configuration, so that scheme is a
    /// [`Custom`](crate::provider::Custom) spec rather than a built-in provider; pick the
    /// window yourself:
    ///
    /// ```
    /// use hooksign::provider::{Custom, spec::Spec};
    /// use hooksign::{Message, SecretSet, Sign, UnixTime};
    ///
    /// // The header names are the contact point's; 300 s into the past is our choice.
    /// let spec = Spec::parse(
    ///     "header=X-Grafana-Alerting-Signature;timestamp-header=X-Grafana-Alerting-Timestamp;\
    ///      content={timestamp}:{body};tolerance=300/past",
    /// )?;
    /// let grafana = Custom::new("grafana", spec, SecretSet::new(["my-hmac-secret"])?)?;
    /// let now = UnixTime::from_secs(1_700_000_000);
    /// let headers = grafana.sign_at(&Message::new(b"{}"), now)?;
    /// assert!(hooksign::verify_at(&grafana, &headers, b"{}", now).is_ok());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// The default configuration:
    ///
    /// ```
    /// use hooksign::{Grafana, SecretSet};
    ///
    /// // From the documented model (tests/vectors/grafana.json, `grafana-valid-compact`).
    /// let grafana = Grafana::new(SecretSet::new(["hooksign-grafana-hmac-secret-0001"])?);
    /// let body = br#"{"receiver":"ops","status":"firing","orgId":1,"alerts":[],"version":"1","groupKey":"{}:{}"}"#;
    /// let headers = [(
    ///     "X-Grafana-Alerting-Signature",
    ///     "e5463f696fcb3ee2a0012df9f8d4757157f7b4989eb92fe8251acc2de4a19267",
    /// )];
    /// let verified = hooksign::verify(&grafana, &headers, body)?;
    /// assert!(verified.idempotency_key().is_none());
    ///
    /// // A changed body no longer matches.
    /// assert!(hooksign::verify(&grafana, &headers, br#"{"status":"resolved"}"#).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    Grafana, id = "grafana", name = "Grafana Alerting", aliases = [], spec = SPEC,
    secrets = text("contact point HMAC secret, as text")
}
