//! The owned, serialisable message a sender delivers.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use bytes::Bytes;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A message to deliver: an id, an optional event type, the body and extra headers. Owned and
/// serialisable, so it can be queued, written to a file and sent later.
///
/// The id is the same on every attempt (receivers deduplicate on it); [`Outgoing::new`]
/// generates one (`msg_` and 32 hex digits) unless [`with_id`](Self::with_id) sets it. The
/// body serialises as a string when it is UTF-8 and as `body_base64` otherwise.
///
/// ```
/// use hooksign::send::Outgoing;
///
/// let message = Outgoing::new(r#"{"type":"invoice.paid"}"#)
///     .with_id("msg_2KWPBgLlAfxdpx2AI54pPJ85f4W")
///     .with_event_type("invoice.paid")
///     .with_header("X-Tenant", "acme");
/// let json = serde_json::to_string(&message)?;
/// assert_eq!(
///     json,
///     r#"{"id":"msg_2KWPBgLlAfxdpx2AI54pPJ85f4W","event_type":"invoice.paid","headers":[["X-Tenant","acme"]],"body":"{\"type\":\"invoice.paid\"}"}"#
/// );
/// assert_eq!(serde_json::from_str::<Outgoing>(&json)?, message);
/// assert!(Outgoing::new("{}").id().starts_with("msg_"));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outgoing {
    id: String,
    event_type: Option<String>,
    headers: Vec<(String, String)>,
    body: Bytes,
}

impl Outgoing {
    /// A message with this body and a generated id.
    pub fn new(body: impl Into<Bytes>) -> Self {
        Outgoing {
            id: generate_id(),
            event_type: None,
            headers: Vec::new(),
            body: body.into(),
        }
    }

    /// A message whose body is `value` as compact JSON.
    ///
    /// ```
    /// let m = hooksign::send::Outgoing::json(&serde_json::json!({"a": 1}))?;
    /// assert_eq!(m.body(), br#"{"a":1}"#);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn json<T: Serialize + ?Sized>(value: &T) -> Result<Self, serde_json::Error> {
        Ok(Outgoing::new(serde_json::to_vec(value)?))
    }

    /// Sets the id (the same on every attempt).
    pub fn with_id(mut self, id: impl Into<String>) -> Self {
        self.id = id.into();
        self
    }

    /// Sets the event type (sent by providers that have a header for it: GitHub's
    /// `X-GitHub-Event`, Shopify's `X-Shopify-Topic`).
    pub fn with_event_type(mut self, event_type: impl Into<String>) -> Self {
        self.event_type = Some(event_type.into());
        self
    }

    /// Adds a header sent with every attempt. The provider's signature headers win over a
    /// header of the same name; `Host`, `Content-Length`, `Transfer-Encoding` and `Connection`
    /// cannot be set.
    pub fn with_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// The id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The event type, if set.
    pub fn event_type(&self) -> Option<&str> {
        self.event_type.as_deref()
    }

    /// The extra headers, in order.
    pub fn headers(&self) -> &[(String, String)] {
        &self.headers
    }

    /// The body.
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    pub(crate) fn body_bytes(&self) -> Bytes {
        self.body.clone()
    }
}

#[derive(Serialize, Deserialize)]
struct Wire<'a> {
    id: std::borrow::Cow<'a, str>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    event_type: Option<std::borrow::Cow<'a, str>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    headers: Vec<(String, String)>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    body: Option<std::borrow::Cow<'a, str>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    body_base64: Option<String>,
}

impl Serialize for Outgoing {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (body, body_base64) = match std::str::from_utf8(&self.body) {
            Ok(text) => (Some(text.into()), None),
            Err(_) => (
                None,
                Some(base64::engine::general_purpose::STANDARD.encode(&self.body)),
            ),
        };
        Wire {
            id: self.id.as_str().into(),
            event_type: self.event_type.as_deref().map(Into::into),
            headers: self.headers.clone(),
            body,
            body_base64,
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Outgoing {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let wire = Wire::deserialize(deserializer)?;
        let body = match (wire.body, wire.body_base64) {
            (Some(text), None) => Bytes::from(text.into_owned()),
            (None, Some(b64)) => base64::engine::general_purpose::STANDARD
                .decode(b64)
                .map(Bytes::from)
                .map_err(|e| serde::de::Error::custom(format!("body_base64: {e}")))?,
            (None, None) => Bytes::new(),
            (Some(_), Some(_)) => {
                return Err(serde::de::Error::custom(
                    "a message has `body` or `body_base64`, not both",
                ));
            }
        };
        Ok(Outgoing {
            id: wire.id.into_owned(),
            event_type: wire.event_type.map(std::borrow::Cow::into_owned),
            headers: wire.headers,
            body,
        })
    }
}

/// A fresh `msg_` id: unique (receivers deduplicate on it), not secret (it is sent in clear),
/// so the clock, the process id and a counter hashed with std's randomly keyed SipHash.
pub(crate) fn generate_id() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let count = COUNTER.fetch_add(1, Ordering::Relaxed);
    let state = RandomState::new();
    let mut id = String::with_capacity(36);
    id.push_str("msg_");
    for half in 0..2u8 {
        let mut hasher = state.build_hasher();
        hasher.write_u128(nanos);
        hasher.write_u32(std::process::id());
        hasher.write_u64(count);
        hasher.write_u8(half);
        let bits = hasher.finish();
        for shift in (0..16).rev() {
            let nibble = (bits >> (shift * 4)) & 0xf;
            id.push(char::from(b"0123456789abcdef"[nibble as usize]));
        }
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_bodies_round_trip_as_base64() {
        let m = Outgoing::new(vec![0xff, 0x00, 0x80]).with_id("a");
        let json = serde_json::to_string(&m).unwrap();
        assert_eq!(json, r#"{"id":"a","body_base64":"/wCA"}"#);
        assert_eq!(serde_json::from_str::<Outgoing>(&json).unwrap(), m);
    }

    #[test]
    fn ids_differ() {
        let a = generate_id();
        assert_ne!(a, generate_id());
        assert_eq!(a.len(), 36);
    }
}
