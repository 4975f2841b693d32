//! Adyen standard notification webhooks: every `NotificationRequestItem` of the
//! `notificationItems` array carries its own signature, `additionalData.hmacSignature`, the
//! base64 HMAC-SHA256 of eight of its fields joined by `:`, keyed with the hex-decoded HMAC key.
//!
//! Sources:
//! - Official library `@adyen/api-library` (Adyen/adyen-node-api-library) 32.0.0,
//!   `src/utils/hmacValidator.ts`: `getDataToSign(item)` joins `pspReference`,
//!   `originalReference`, `merchantAccountCode`, `merchantReference`, `amount.value`,
//!   `amount.currency`, `eventCode`, `success` with `:` (`Array.prototype.join`, so an absent
//!   or `null` field is an empty string, numbers and booleans are written out, and nothing is
//!   escaped: the `\\` and `\:` escaping of the same file applies only to its key-value form,
//!   used by hosted payment pages, not to notification items); `calculateHmacSignature` keys
//!   HMAC-SHA256 with `Buffer.from(key, "hex")` and base64-encodes it; `validateHMAC` throws
//!   `Missing hmacSignature` when the item has none (or an empty one) and compares in constant
//!   time. Its tests, `src/__tests__/hmacValidator.spec.ts` ("should have valid hmac", "should
//!   have valid notification request item HMAC"), are this provider's vectors
//!   `adyen-node-spec-report-available` and `adyen-node-spec-event`.
//! - Adyen Docs, "Verify HMAC signatures"
//!   (<https://docs.adyen.com/development-resources/webhooks/verify-hmac-signatures>): the same
//!   eight fields in that order, empty when absent, the key from the Customer Area (hex).
//! - Adyen Docs, "Understand notifications": JSON and HTTP POST notifications always contain a
//!   single `NotificationRequestItem`; SOAP ones up to six.
//!
//! The Node library decodes the received signature leniently (`Buffer.from(s, "base64")`);
//! adyen-java's `HMACValidator` compares the base64 strings. The stricter verdict (canonical
//! base64) is kept. HTTP POST (form) notifications and the Banking / Management webhooks
//! (an HMAC of the whole body in a `HmacSignature` header) are other schemes, not covered here.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};

use crate::provider::registry::{About, Entry, Family, Keys, Signs};
use crate::provider::spec::{Encoding, SecretFormat};
use crate::provider::{Sign, Verify};
use crate::scheme::body_embedded::{self as engine, Embedded, Obj, Scalar, Skip};
use crate::scheme::mac::SecretMatch;
use crate::time::Decimal;
use crate::verified::Field;
use crate::{
    Delivery, Error, Malformed, Message, SecretError, SecretSet, SignError, SignedHeaders,
    UnixTime, Verified,
};

/// The registry's entry.
pub(crate) static ENTRY: Entry = Entry {
    id: Adyen::ID,
    aliases: &[],
    name: "Adyen",
    type_name: "Adyen",
    family: Family::BodyEmbedded,
    spec: None,
    about: Some(&About {
        signature: "body `notificationItems[].NotificationRequestItem.additionalData.hmacSignature`: `<base64>`",
        content: "`{pspReference}:{originalReference}:{merchantAccountCode}:{merchantReference}:{amount.value}:{amount.currency}:{eventCode}:{success}` per item",
        idempotency: Some("body pspReference:eventCode:success, one item"),
        event_type: Some("body eventCode, one item"),
    }),
    headers: &[],
    tolerance: None,
    signs: Signs::NOTHING_ELSE,
    keys: Keys::Secrets,
    secret_format: "HMAC key, hex",
    runs_its_spec: false,
    build: |secrets, options| {
        options.window_only(Adyen::ID, false)?;
        Ok(crate::AnyProvider::new(Adyen::new(secrets)?))
    },
};

/// Adyen standard notifications (JSON), each item checked against its HMAC signature.
///
/// - **Verifies** every item of `notificationItems`, in order: the canonical base64
///   HMAC-SHA256 of its `pspReference:originalReference:merchantAccountCode:merchantReference:`
///   `amount.value:amount.currency:eventCode:success` (absent or `null` fields empty, no
///   escaping) against its `additionalData.hmacSignature`. The first item that fails is
///   reported as [`Error::BatchItem`] with its index and the reason (that error's
///   [`code`](Error::code) is the reason's). Fields outside the eight are **not** signed.
/// - **No timestamp** is signed (`eventDate` is not), so no replay window: deduplicate.
/// - **Secret**: the HMAC key from the Customer Area, hex (either case); a new key takes a
///   while to propagate, so keep the old one in the [`SecretSet`] meanwhile.
/// - **Idempotency key**: for a notification of one item (every JSON notification),
///   `adyen:<pspReference>:<eventCode>:<success>`, made of signed fields that a resent
///   duplicate repeats (hooksign's choice: Adyen asks receivers to accept duplicates without
///   naming a key); `None` for a batch of several items. **Event type**: the item's
///   `eventCode` (one item).
/// - **Signing** returns a new body ([`SignedHeaders::body`]) with every item's
///   `additionalData.hmacSignature` set; the members come out sorted by name.
///
/// ```
/// use hooksign::{Adyen, Delivery, SecretSet, UnixTime, Verify};
///
/// // @adyen/api-library 32.0.0's hmacValidator.spec.ts ("should have valid notification
/// // request item HMAC"; tests/vectors/adyen.json, `adyen-node-spec-event`).
/// let adyen = Adyen::new(SecretSet::new(["DFB1EB5485895CFA84146406857104ABB4CBCABDC8AAF103A624C8F6A3EAAB00"])?)?;
/// let body = br#"{"live":"false","notificationItems":[{"NotificationRequestItem":{
///     "pspReference":"pspReference","originalReference":"originalReference",
///     "merchantAccountCode":"merchantAccount","merchantReference":"reference",
///     "amount":{"currency":"EUR","value":1000},"eventCode":"EVENT","success":"true",
///     "additionalData":{"hmacSignature":"ipnxGCaUZ4l8TUW75a71/ghd2Fe5ffvX0pV4TLTntIc="}}}]}"#;
/// let no_headers: [(&str, &str); 0] = [];
/// let verified = adyen.verify(&Delivery::new(&no_headers, body))?;
/// assert_eq!(verified.idempotency_key().unwrap().as_str(), "adyen:pspReference:EVENT:true");
///
/// // Another amount: the item's signature no longer matches, and the error says which item.
/// let tampered = String::from_utf8(body.to_vec())?.replace("1000", "1001");
/// let err = adyen.verify(&Delivery::new(&no_headers, tampered.as_bytes())).unwrap_err();
/// assert_eq!(err.to_string(), "notification item 0: no signature matched");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Adyen {
    mac: Embedded,
}

/// The fields of a `NotificationRequestItem` the scheme reads.
#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct Item<'b> {
    #[serde(borrow, default)]
    psp_reference: Scalar<'b>,
    #[serde(borrow, default)]
    original_reference: Scalar<'b>,
    #[serde(borrow, default)]
    merchant_account_code: Scalar<'b>,
    #[serde(borrow, default)]
    merchant_reference: Scalar<'b>,
    #[serde(borrow, default)]
    amount: Obj<Amount<'b>>,
    #[serde(borrow, default)]
    event_code: Scalar<'b>,
    #[serde(borrow, default)]
    success: Scalar<'b>,
    #[serde(borrow, default)]
    additional_data: Obj<AdditionalData<'b>>,
}

#[derive(serde::Deserialize)]
struct Amount<'b> {
    #[serde(borrow, default)]
    value: Scalar<'b>,
    #[serde(borrow, default)]
    currency: Scalar<'b>,
}

#[derive(serde::Deserialize)]
struct AdditionalData<'b> {
    #[serde(rename = "hmacSignature", borrow, default)]
    hmac_signature: Scalar<'b>,
}

/// An element of `notificationItems`.
#[derive(serde::Deserialize)]
struct Wrapper<'b> {
    #[serde(rename = "NotificationRequestItem", borrow, default)]
    item: Obj<Item<'b>>,
}

const PREFIX: &str = "NotificationRequestItem";
const SIGNATURE_FIELD: &str = "NotificationRequestItem.additionalData.hmacSignature";

/// A string field as `join` writes it: absent or `null` empty.
fn text_part<'s>(value: &'s Scalar<'_>, field: &'static str) -> Result<&'s [u8], Error> {
    match value {
        Scalar::Text(text) => Ok(text.as_bytes()),
        Scalar::Absent | Scalar::Null => Ok(b""),
        _ => Err(Error::MalformedBody {
            field: field.into(),
            reason: Malformed::WrongType {
                expected: "a string",
            },
        }),
    }
}

impl Item<'_> {
    /// Calls `f` with the eight signed fields joined by `:` (as parts) and the signature.
    fn with_signed<T>(
        &self,
        f: impl FnOnce(&[&[u8]], &str) -> Result<T, Error>,
    ) -> Result<T, Error> {
        let amount = match &self.amount {
            Obj::Present(amount) => amount,
            Obj::Absent => return Err(malformed("NotificationRequestItem.amount", Malformed::Absent)),
            Obj::NotObject => {
                return Err(malformed(
                    "NotificationRequestItem.amount",
                    Malformed::WrongType {
                        expected: "an object",
                    },
                ));
            }
        };
        let written;
        let value = match &amount.value {
            Scalar::Uint(n) => {
                written = Decimal::new(*n);
                written.as_bytes()
            }
            Scalar::Text(text) => text.as_bytes(),
            Scalar::Absent | Scalar::Null => {
                return Err(malformed("NotificationRequestItem.amount.value", Malformed::Absent));
            }
            _ => {
                return Err(malformed(
                    "NotificationRequestItem.amount.value",
                    Malformed::WrongType {
                        expected: "a non-negative integer",
                    },
                ));
            }
        };
        let success: &[u8] = match &self.success {
            Scalar::Bool(true) => b"true",
            Scalar::Bool(false) => b"false",
            other => text_part(other, "NotificationRequestItem.success")?,
        };
        let signature = match &self.additional_data {
            Obj::Present(data) => data.hmac_signature.required_text(SIGNATURE_FIELD)?,
            Obj::Absent => return Err(malformed("NotificationRequestItem.additionalData", Malformed::Absent)),
            Obj::NotObject => {
                return Err(malformed(
                    "NotificationRequestItem.additionalData",
                    Malformed::WrongType {
                        expected: "an object",
                    },
                ));
            }
        };
        let parts: [&[u8]; 15] = [
            text_part(
                &self.psp_reference,
                "NotificationRequestItem.pspReference",
            )?,
            b":",
            text_part(
                &self.original_reference,
                "NotificationRequestItem.originalReference",
            )?,
            b":",
            text_part(
                &self.merchant_account_code,
                "NotificationRequestItem.merchantAccountCode",
            )?,
            b":",
            text_part(
                &self.merchant_reference,
                "NotificationRequestItem.merchantReference",
            )?,
            b":",
            value,
            b":",
            text_part(
                &amount.currency,
                "NotificationRequestItem.amount.currency",
            )?,
            b":",
            text_part(&self.event_code, "NotificationRequestItem.eventCode")?,
            b":",
            success,
        ];
        f(&parts, signature)
    }
}

/// A malformed field of the item, named from the item (`NotificationRequestItem.amount`).
fn malformed(field: &'static str, reason: Malformed) -> Error {
    Error::MalformedBody {
        field: field.into(),
        reason,
    }
}

/// What walking the batch found.
struct Batch<'a, 'b> {
    mac: &'a Embedded,
    /// Items seen so far.
    count: usize,
    /// The first item's match and metadata.
    first: Option<(SecretMatch, Scalar<'b>, Scalar<'b>, Scalar<'b>)>,
    /// The first item that failed.
    error: Option<Error>,
    /// Whether `notificationItems` was seen (a repeated one is refused).
    seen: bool,
}

impl<'b> Batch<'_, 'b> {
    /// Verifies item `index` (once an item has failed, the rest are only parsed).
    fn item(&mut self, index: usize, wrapper: Wrapper<'b>) {
        self.count += 1;
        if self.error.is_some() {
            return;
        }
        let checked = match wrapper.item {
            Obj::Present(item) => item
                .with_signed(|parts, signature| self.mac.verify(parts, signature, SIGNATURE_FIELD))
                .map(|secret| (secret, item)),
            Obj::Absent => Err(malformed(PREFIX, Malformed::Absent)),
            Obj::NotObject => Err(malformed(
                PREFIX,
                Malformed::WrongType {
                    expected: "an object",
                },
            )),
        };
        match checked {
            Ok((secret, item)) if index == 0 => {
                self.first = Some((secret, item.psp_reference, item.event_code, item.success));
            }
            Ok(_) => {}
            Err(reason) => {
                self.error = Some(Error::BatchItem {
                    index,
                    reason: Box::new(reason),
                });
            }
        }
    }
}

/// The root object: `notificationItems` is walked, everything else skipped.
struct Root<'x, 'a, 'b>(&'x mut Batch<'a, 'b>);

impl<'de> Visitor<'de> for Root<'_, '_, 'de> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a notification object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<Scalar<'de>>()? {
            if key.text() == Some("notificationItems") {
                if self.0.seen {
                    return Err(de::Error::duplicate_field("notificationItems"));
                }
                self.0.seen = true;
                map.next_value_seed(Items(&mut *self.0))?;
            } else {
                map.next_value::<Skip>()?;
            }
        }
        Ok(())
    }
}

/// The `notificationItems` array, verified element by element as it is read.
struct Items<'x, 'a, 'b>(&'x mut Batch<'a, 'b>);

impl<'de> DeserializeSeed<'de> for Items<'_, '_, 'de> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Items<'_, '_, 'de> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of notification items")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut index = 0;
        while let Some(wrapper) = seq.next_element::<Wrapper<'de>>()? {
            self.0.item(index, wrapper);
            index += 1;
        }
        Ok(())
    }
}

impl Adyen {
    /// The provider id.
    pub const ID: &'static str = "adyen";

    /// A verifier and signer for these HMAC keys (hex; the first signs).
    pub fn new(secrets: SecretSet) -> Result<Self, SecretError> {
        Ok(Adyen {
            mac: Embedded::new(&secrets, &SecretFormat::Hex, Encoding::Base64)?,
        })
    }
}

impl Verify for Adyen {
    fn id(&self) -> &str {
        Self::ID
    }

    fn verify_at<'r>(&self, delivery: &Delivery<'r>, _now: UnixTime) -> Result<Verified<'r>, Error> {
        self.verify(delivery)
    }

    /// No timestamp is signed: the clock is not read.
    fn verify<'r>(&self, delivery: &Delivery<'r>) -> Result<Verified<'r>, Error> {
        let body = delivery.body();
        engine::bounded(body)?;
        let mut batch = Batch {
            mac: &self.mac,
            count: 0,
            first: None,
            error: None,
            seen: false,
        };
        let mut de = serde_json::Deserializer::from_slice(body);
        de::Deserializer::deserialize_map(&mut de, Root(&mut batch))
            .and_then(|()| de.end())
            .map_err(|_| engine::not_json("body"))?;
        if let Some(error) = batch.error {
            return Err(error);
        }
        let Some((secret, psp, event, success)) = batch.first else {
            let reason = if batch.seen {
                Malformed::Empty
            } else {
                Malformed::Absent
            };
            return Err(Error::MalformedBody {
                field: "notificationItems".into(),
                reason,
            });
        };
        let mut verified = Verified::from_parts(Self::ID.into(), secret, body);
        if batch.count == 1 {
            let success = match &success {
                Scalar::Bool(b) => Some(if *b { "true" } else { "false" }),
                other => other.text(),
            };
            if let (Some(psp), Some(code), Some(success)) = (psp.text(), event.text(), success) {
                // One allocation, of the exact size.
                let mut id = String::with_capacity(psp.len() + code.len() + success.len() + 2);
                for (i, part) in [psp, code, success].into_iter().enumerate() {
                    if i > 0 {
                        id.push(':');
                    }
                    id.push_str(part);
                }
                verified.idempotency = Field::Value(Cow::Owned(id));
            }
            if let Some(code) = event.into_text() {
                verified.event_type = Field::Value(code);
            }
        }
        Ok(verified)
    }
}

impl Sign for Adyen {
    /// A new body in which every item's `additionalData.hmacSignature` is set; no headers.
    fn sign_at(&self, message: &Message<'_>, _now: UnixTime) -> Result<SignedHeaders, SignError> {
        let invalid = |reason| SignError::Invalid {
            field: "body",
            reason,
        };
        let mut root: serde_json::Value = serde_json::from_slice(message.body())
            .map_err(|_| invalid("not a JSON notification"))?;
        let items = root
            .get_mut("notificationItems")
            .and_then(serde_json::Value::as_array_mut)
            .filter(|items| !items.is_empty())
            .ok_or(invalid("no notificationItems array with an item"))?;
        for wrapper in items {
            let item = wrapper
                .get_mut(PREFIX)
                .and_then(serde_json::Value::as_object_mut)
                .ok_or(invalid("an element of notificationItems has no NotificationRequestItem object"))?;
            let data = item
                .entry("additionalData")
                .or_insert_with(|| serde_json::Value::Object(serde_json::Map::new()));
            let data = data
                .as_object_mut()
                .ok_or(invalid("additionalData is not an object"))?;
            // A placeholder, so that the fields are read exactly as verification reads them.
            data.insert("hmacSignature".into(), "-".into());
            let text = serde_json::to_vec(item).map_err(|_| invalid("unserialisable"))?;
            let parsed: Item<'_> =
                engine::parse_json(&text).ok_or(invalid("not a notification item"))?;
            let signature = parsed
                .with_signed(|parts, _| Ok(self.mac.sign(parts)))
                .map_err(|_| invalid("an item lacks a signed field (amount.value) or has one of the wrong type"))?;
            if let Some(data) = item
                .get_mut("additionalData")
                .and_then(serde_json::Value::as_object_mut)
            {
                data.insert("hmacSignature".into(), signature.into());
            }
        }
        let body = serde_json::to_vec(&root).map_err(|_| invalid("unserialisable"))?;
        Ok(SignedHeaders::new().with_body(body))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "DFB1EB5485895CFA84146406857104ABB4CBCABDC8AAF103A624C8F6A3EAAB00";

    fn item(psp: &str, signature: &str) -> String {
        format!(
            r#"{{"NotificationRequestItem":{{"pspReference":"{psp}","merchantAccountCode":"M","amount":{{"value":5,"currency":"EUR"}},"eventCode":"AUTHORISATION","success":true,"additionalData":{{"hmacSignature":"{signature}"}}}}}}"#
        )
    }

    #[test]
    fn a_batch_is_signed_and_verified_item_by_item() {
        let adyen = Adyen::new(SecretSet::new([KEY]).unwrap()).unwrap();
        let body = format!(
            r#"{{"live":"false","notificationItems":[{},{}]}}"#,
            item("a", "x"),
            item("b", "y")
        );
        let signed = adyen
            .sign_at(&Message::new(body.as_bytes()), UnixTime::from_secs(0))
            .unwrap();
        let out = signed.body().unwrap();
        let verified = crate::verify(&adyen, &signed, out).unwrap();
        assert_eq!(verified.idempotency_key(), None, "two items: no single key");

        // The second item's signature replaced by the first's.
        let text = String::from_utf8(out.to_vec()).unwrap();
        let first: serde_json::Value = serde_json::from_slice(out).unwrap();
        let sig = |i: usize| {
            first["notificationItems"][i][PREFIX]["additionalData"]["hmacSignature"]
                .as_str()
                .unwrap()
                .to_owned()
        };
        let swapped = text.replace(&sig(1), &sig(0));
        let err = crate::verify(&adyen, &signed, swapped.as_bytes()).unwrap_err();
        assert_eq!(
            err,
            Error::BatchItem {
                index: 1,
                reason: Box::new(Error::SignatureMismatch {
                    secrets: 1,
                    signatures: 1
                })
            }
        );
        assert_eq!(err.code(), "signature_mismatch");
    }

    #[test]
    fn errors_name_the_item_and_field() {
        let adyen = Adyen::new(SecretSet::new([KEY]).unwrap()).unwrap();
        let no: [(&str, &str); 0] = [];
        let err = |body: &str| crate::verify(&adyen, &no, body.as_bytes()).unwrap_err();
        assert_eq!(
            err(r#"{"live":"false"}"#),
            Error::MalformedBody {
                field: "notificationItems".into(),
                reason: Malformed::Absent
            }
        );
        assert_eq!(
            err(r#"{"notificationItems":[]}"#).to_string(),
            "malformed body field notificationItems: empty"
        );
        assert_eq!(
            err(r#"{"notificationItems":[{"NotificationRequestItem":{"amount":{"value":1}}}]}"#)
                .to_string(),
            "notification item 0: malformed body field NotificationRequestItem.additionalData: absent"
        );
        assert_eq!(
            err(r#"{"notificationItems":[{"NotificationRequestItem":{"amount":{"value":1},"additionalData":{"hmacSignature":"%%"}}}]}"#)
                .to_string(),
            "notification item 0: malformed body field NotificationRequestItem.additionalData.hmacSignature: signature is not canonical base64"
        );
        assert_eq!(
            err(r#"{"notificationItems":[{"NotificationRequestItem":{"additionalData":{"hmacSignature":"x"}}}]}"#)
                .to_string(),
            "notification item 0: malformed body field NotificationRequestItem.amount: absent"
        );
        assert_eq!(err("[1]").code(), "malformed_body");
        assert_eq!(
            err(r#"{"notificationItems":[],"notificationItems":[]}"#).code(),
            "malformed_body"
        );
    }
}
