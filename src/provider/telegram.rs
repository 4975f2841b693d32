//! Telegram Bot API webhooks: `X-Telegram-Bot-Api-Secret-Token: <secret_token>`.
//!
//! Source: Telegram Bot API, `setWebhook` (<https://core.telegram.org/bots/api#setwebhook>):
//! "If you'd like to make sure that the webhook was set by you, you can specify secret data in
//! the parameter `secret_token`. If specified, the request will contain a header
//! `X-Telegram-Bot-Api-Secret-Token` with the secret token as content"; `secret_token` is
//! "1-256 characters. Only characters `A-Z`, `a-z`, `0-9`, `_` and `-` are allowed." The body
//! (a JSON-serialized `Update`) is not signed and no timestamp is sent. An unsuccessful
//! request is repeated "after a reasonable amount of attempts" (the same `Update`, with its
//! `update_id`).
//!
//! Telegram publishes no receiver library: the comparison is this crate's, in constant time
//! without leaking the token's length (see `scheme::token`).

use crate::provider::registry::{About, Entry, Family, Keys, Signs};
use crate::provider::{Sign, Verify};
use crate::scheme::token::{TokenForm, Tokens};
use crate::{
    Delivery, Error, HeaderKey, Message, SecretError, SecretSet, SignError, SignedHeaders,
    UnixTime, Verified,
};

static TOKEN: HeaderKey = HeaderKey::new(
    "X-Telegram-Bot-Api-Secret-Token",
    "x-telegram-bot-api-secret-token",
);

/// The registry's entry.
pub(crate) static ENTRY: Entry = Entry {
    id: Telegram::ID,
    aliases: &[],
    name: "Telegram",
    type_name: "Telegram",
    family: Family::Token,
    spec: None,
    about: Some(&About {
        signature: "`X-Telegram-Bot-Api-Secret-Token: <secret_token>`",
        content: "nothing: the token itself, compared in constant time",
        idempotency: None,
        event_type: None,
    }),
    headers: &["X-Telegram-Bot-Api-Secret-Token"],
    tolerance: None,
    signs: Signs::NOTHING_ELSE,
    keys: Keys::Secrets,
    secret_format: "setWebhook secret_token: 1-256 characters A-Z a-z 0-9 _ -",
    runs_its_spec: false,
    build: |secrets, options| {
        options.window_only(Telegram::ID, false)?;
        Ok(crate::AnyProvider::new(Telegram::new(secrets)?))
    },
};

/// Telegram bot updates delivered to a webhook set with a `secret_token`.
///
/// - **Verifies** that `X-Telegram-Bot-Api-Secret-Token` equals one of the tokens, compared in
///   constant time through keyed digests (timing reveals neither content nor length). The
///   body is **not** authenticated: Telegram does not sign it.
/// - **No timestamp**, so no replay window.
/// - **Secret**: the `secret_token` given to `setWebhook`; one that Telegram would refuse (empty,
///   longer than 256 characters, or with a character outside `A-Z a-z 0-9 _ -`) is a
///   [`SecretError::Form`](crate::SecretError::Form) when the provider is built.
/// - **Idempotency key**: none from the headers. The body's `update_id` (a number, the same when
///   Telegram repeats a failed request) is the natural key: read it from the body.
/// - **Event type**: none (the kind of update is whichever field the body carries).
///
/// ```
/// use hooksign::{Delivery, SecretSet, Telegram, Verify};
///
/// // tests/vectors/telegram.json, `telegram-valid-message`.
/// let telegram = Telegram::new(SecretSet::new(["hooksign_Telegram-secret_0123456789"])?)?;
/// let headers = [("X-Telegram-Bot-Api-Secret-Token", "hooksign_Telegram-secret_0123456789")];
/// let body = br#"{"update_id":10000,"message":{"message_id":1,"text":"/start"}}"#;
/// assert_eq!(telegram.verify(&Delivery::new(&headers, body))?.provider(), "telegram");
///
/// let wrong = [("X-Telegram-Bot-Api-Secret-Token", "hooksign_Telegram-secret_012345678")];
/// assert!(telegram.verify(&Delivery::new(&wrong, body)).is_err());
/// // Telegram refuses tokens with spaces; so does the constructor.
/// assert!(Telegram::new(SecretSet::new(["not a token"])?).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Telegram {
    tokens: Tokens,
}

impl Telegram {
    /// The provider id.
    pub const ID: &'static str = "telegram";

    /// A verifier and signer for these secret tokens (the first is sent when signing).
    pub fn new(secrets: SecretSet) -> Result<Self, SecretError> {
        Ok(Telegram {
            tokens: Tokens::new(&secrets, TokenForm::Telegram)?,
        })
    }
}

impl Verify for Telegram {
    fn id(&self) -> &str {
        Self::ID
    }

    fn verify_at<'r>(&self, delivery: &Delivery<'r>, _now: UnixTime) -> Result<Verified<'r>, Error> {
        self.verify(delivery)
    }

    /// No timestamp is sent: the clock is not read.
    fn verify<'r>(&self, delivery: &Delivery<'r>) -> Result<Verified<'r>, Error> {
        let secret = self.tokens.verify(delivery, &TOKEN)?;
        Ok(Verified::from_parts(Self::ID.into(), secret, delivery.body()))
    }
}

impl Sign for Telegram {
    /// The secret token header, as Telegram sends it.
    fn sign_at(&self, _message: &Message<'_>, _now: UnixTime) -> Result<SignedHeaders, SignError> {
        let mut out = SignedHeaders::new();
        out.push(&TOKEN, self.tokens.primary());
        Ok(out)
    }
}
