//! Microsoft Teams outgoing webhooks: `Authorization: HMAC <base64 HMAC-SHA256(base64-decoded
//! security token, body)>`.
//!
//! Sources:
//! - Microsoft Learn, "Create Outgoing Webhooks"
//!   (<https://learn.microsoft.com/en-us/microsoftteams/platform/webhooks-and-connectors/how-to/add-outgoing-webhook>):
//!   creating the webhook shows a security token once (copy it, it cannot be retrieved
//!   again); Teams sends an HMAC in the `Authorization` header; verify it with the standard
//!   SHA-256 HMAC of the UTF-8 request body, computed with the byte array of the security
//!   token, and compare it with the header.
//! - Microsoft's official samples (OfficeDev/Microsoft-Teams-Samples
//!   `samples/outgoing-webhook/nodejs/app.js`; the older OfficeDev
//!   msteams-samples-outgoing-webhook-nodejs and the C# `AuthProvider`, whose keys "must be
//!   valid 256 bit base64 encoded strings"): the byte array is the token *base64-decoded*
//!   (`Buffer(sharedSecret, "base64")`, example `+ZaRRMC8+mpnfGaGsBOmkIFt98bttL5YQRq3p2tXgcE=`),
//!   and the check is `"HMAC " + createHmac('sha256', key).update(body).digest("base64") ===
//!   authorization`: standard base64 with padding, after the scheme `HMAC ` and one space.
//!   Nothing else is signed; no timestamp is sent.

use crate::HeaderKey;
use crate::provider::spec::{Algorithm, Encoding, SecretFormat, Source, Spec};

static SIGNATURE: [HeaderKey; 1] = [HeaderKey::new("Authorization", "authorization")];

/// The scheme: `HMAC <base64>` over the body, keyed with the decoded token.
pub(crate) static SPEC: Spec = body_hmac_spec! {
    signature: &SIGNATURE,
    // The samples compare with `"HMAC " + …`: that scheme word and one space, exactly.
    prefix: "HMAC ",
    algorithm: Algorithm::Sha256,
    encoding: Encoding::Base64,
    // The token is base64; its decoded bytes are the key.
    secret: SecretFormat::Base64 {
        prefix: std::borrow::Cow::Borrowed(""),
    },
    metadata: &[],
    id: Source::None,
    idempotency: Source::None,
    event_type: Source::None,
};

spec_provider! {
    /// Microsoft Teams outgoing webhooks (the team-scoped "bots" that Teams calls when they
    /// are @mentioned; not incoming webhooks or Bot Framework bots).
    ///
    /// - **Verifies** `Authorization: HMAC <base64>`, the HMAC-SHA256 of the raw body, in
    ///   standard padded base64, as Microsoft's samples compare it.
    /// - **No timestamp** is signed, so there is no replay window: a captured request stays
    ///   valid, and the sources above define no id to deduplicate on.
    /// - **Secret**: the security token Teams displays once when the outgoing webhook is
    ///   created, a base64 string; its *decoded* bytes are the HMAC key (the token's text as
    ///   key gives other signatures). A token that is not base64 is a
    ///   [`SecretError`](crate::SecretError).
    /// - **Idempotency key**: none. The sources above define no delivery or event id.
    /// - **Event type**: none is read (every call is a channel message).
    ///
    /// ```
    /// use hooksign::{MicrosoftTeams, SecretSet};
    ///
    /// // tests/vectors/microsoft-teams.json, `microsoft-teams-valid-message`.
    /// let teams = MicrosoftTeams::new(SecretSet::new(["aG9va3NpZ24tdGVhbXMtb3V0Z29pbmctd2ViaG9vayE="])?)?;
    /// let body = br#"{"type":"message","id":"1700000000000","text":"<at>Hooksign</at> build status","from":{"id":"29:1abc","name":"Ada Lovelace"},"channelId":"msteams"}"#;
    /// let headers = [("Authorization", "HMAC nB/EhDUlHjazv9nLp0fNQ7hzvdt+GwXLohpNHTsu05I=")];
    /// assert!(hooksign::verify(&teams, &headers, body).is_ok());
    /// assert!(hooksign::verify(&teams, &headers, &body[1..]).is_err());
    /// // The token must be base64.
    /// assert!(MicrosoftTeams::new(SecretSet::new(["not base64!"])?).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    MicrosoftTeams, id = "microsoft-teams", name = "Microsoft Teams", aliases = [], spec = SPEC,
    secrets = decoded("base64 security token, decoded")
}
