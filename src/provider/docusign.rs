//! DocuSign Connect: `X-DocuSign-Signature-<n>: <base64 HMAC-SHA256(key n, body)>`, one header
//! per HMAC key the account has active.
//!
//! Sources:
//! - DocuSign Developer Center, "How to validate an HMAC signature"
//!   (<https://developers.docusign.com/platform/webhooks/connect/validate/>, the how-to for
//!   "HMAC security", <https://developers.docusign.com/platform/webhooks/connect/hmac/>): the
//!   HMAC-SHA256 of the entire request body ("including line endings"), keyed with the UTF-8
//!   bytes of a Connect HMAC key, base64-encoded; there is one `x-docusign-signature` header for
//!   each HMAC key configured (the first in `X-DocuSign-Signature-1`, the second in `-2`, …),
//!   and at least one must match the digest computed with the listener's key.
//! - DocuSign Developers blog, "Manually authenticating HMAC signatures for Docusign Connect
//!   webhook configurations"
//!   (<https://www.docusign.com/blog/developers/manually-authenticating-hmac-signatures-docusign-connect-webhook-configurations>):
//!   the key is used as DocuSign shows it (not decoded), the signature is base64,
//!   `X-Authorization-Digest` names the algorithm, "current Docusign HMACs use SHA256".

use crate::provider::registry::{Entry, Family, Keys, Signs};
use crate::provider::spec::{Algorithm, Encoding, SecretFormat, Source, Spec};
use crate::provider::{Sign, Verify};
use crate::scheme::template::{Clock, Plan, SpecRef, Template};
use crate::{
    Delivery, Error, HeaderKey, Message, SecretSet, SignError, SignedHeaders, UnixTime, Verified,
};

/// How many numbered headers are read: `X-DocuSign-Signature-1` to `-10`.
const HEADERS: usize = 10;

/// The numbered headers, each with its one-header spec (the keys are shared).
macro_rules! numbered {
    ($($n:literal),*) => {
        static SIGNATURES: [[HeaderKey; 1]; HEADERS] = [$([HeaderKey::new(
            concat!("X-DocuSign-Signature-", $n),
            concat!("x-docusign-signature-", $n),
        )]),*];
        static SPECS: [Spec; HEADERS] = [$(body_hmac_spec! {
            signature: &SIGNATURES[$n - 1],
            prefix: "",
            algorithm: Algorithm::Sha256,
            encoding: Encoding::Base64,
            secret: SecretFormat::Text,
            metadata: &[],
            id: Source::None,
            idempotency: Source::None,
            event_type: Source::None,
        }),*];
    };
}
numbered!(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);

/// The registry's entry: the spec shown is the first header's.
pub(crate) static ENTRY: Entry = Entry {
    id: DocuSign::ID,
    aliases: &[],
    name: "DocuSign Connect",
    type_name: "DocuSign",
    family: Family::HmacTemplate,
    spec: Some(&SPECS[0]),
    about: None,
    headers: &[],
    tolerance: None,
    signs: Signs::NOTHING_ELSE,
    keys: Keys::Secrets,
    secret_format: "Connect HMAC key, as text",
    // Each numbered header is tried with its own spec.
    runs_its_spec: false,
    build: |secrets, options| {
        let mut docusign = DocuSign::new(secrets);
        options.apply(DocuSign::ID, &mut docusign.engine)?;
        Ok(crate::AnyProvider::new(docusign))
    },
};

/// DocuSign Connect webhooks (envelope and recipient events, JSON or XML).
///
/// - **Verifies** the base64 HMAC-SHA256 of the body in `X-DocuSign-Signature-1` through
///   `-10`: DocuSign sends one header per active HMAC key, so each present header is checked
///   against every secret of the [`SecretSet`] and one match is enough. A receiver that holds
///   only the newer of two active keys is therefore accepted, whichever header carries it.
///   Headers past `-10` are not read.
/// - **No timestamp** is signed: a replayed message verifies. Connect retries failed
///   deliveries; make handling idempotent (the body's envelope id and status identify the
///   change).
/// - **Secret**: the Connect HMAC key, used as DocuSign displays it (its base64 look is not
///   decoded).
/// - **Idempotency key** and **event type**: none read (the payload shapes differ between
///   JSON and XML configurations).
/// - **Algorithm**: SHA-256, what `X-Authorization-Digest` names today; that header is not
///   read.
///
/// ```
/// use hooksign::{DocuSign, SecretSet};
///
/// // An independent model of the documented scheme (tests/vectors/docusign.json,
/// // `docusign-valid-second-header`): two active keys, the listener holds the second.
/// let docusign = DocuSign::new(SecretSet::new(["Zk5x1Qm2Rn3So4Tp5Uq6Vr7Ws8Xt9Yu0Zv1Aw2Bx3C="])?);
/// let body = br#"{"event":"envelope-completed","apiVersion":"v2.1","uri":"/restapi/v2.1/accounts/1/envelopes/9d5f0c1e","retryCount":0,"generatedDateTime":"2026-11-30T10:00:00.000Z","data":{"accountId":"1","envelopeId":"9d5f0c1e"}}"#;
/// let headers = [
///     ("X-DocuSign-Signature-1", "Lkcx4PUv2geF1yzQEGrWjaxSQWK4QPV6nBq5Uhjvw6U="),
///     ("X-DocuSign-Signature-2", "2nkdg2iU6Zp0NhbSRNcaYbxMFxNoudULaZBhXGKMEmc="),
/// ];
/// assert!(hooksign::verify(&docusign, &headers, body).is_ok());
/// // Only the first header: signed with the key the listener does not hold.
/// assert!(hooksign::verify(&docusign, &[headers[0]], body).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct DocuSign {
    engine: Template,
    plans: [Plan; HEADERS],
}

impl DocuSign {
    /// The registry id.
    pub const ID: &'static str = "docusign";

    /// A verifier for `secrets` (Connect HMAC keys, used as text).
    pub fn new(secrets: SecretSet) -> Self {
        // Text secrets are keys as they are, and a `SecretSet` holds no empty one.
        let engine = Template::new(SpecRef::Static(&SPECS[0]), &secrets)
            .expect("text secrets are always usable keys");
        DocuSign {
            engine,
            plans: std::array::from_fn(|i| Plan::new(&SPECS[i])),
        }
    }
}

impl Verify for DocuSign {
    fn id(&self) -> &str {
        Self::ID
    }

    fn verify_at<'r>(&self, delivery: &Delivery<'r>, _now: UnixTime) -> Result<Verified<'r>, Error> {
        self.verify(delivery)
    }

    fn verify<'r>(&self, delivery: &Delivery<'r>) -> Result<Verified<'r>, Error> {
        self.engine.verify_first_present(
            SPECS.iter().zip(&self.plans),
            &SIGNATURES[0][0],
            Self::ID.into(),
            delivery,
            Clock::System,
        )
    }
}

impl Sign for DocuSign {
    /// Signs as DocuSign does with one key: `X-DocuSign-Signature-1` (with
    /// [`Options::with_all_secrets_signing`](crate::provider::Options::with_all_secrets_signing)
    /// unsupported: each key would need its own numbered header).
    fn sign_at(&self, message: &Message<'_>, now: UnixTime) -> Result<SignedHeaders, SignError> {
        self.engine.sign(message, now)
    }
}
