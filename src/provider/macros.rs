//! The macro that generates a spec provider's type and trait implementations.

/// Defines a provider that is one [`Spec`](spec::Spec) run by the template engine: the type, its
/// id, its constructor and its [`Verify`] and [`Sign`] implementations. Each provider file
/// gives its documentation, its spec and anything bespoke.
///
/// `secrets = text` makes an infallible `new` (the secrets are used as they are); `secrets =
/// decoded` a `new` that returns the [`SecretError`](crate::SecretError) of a secret in the
/// wrong form. `timestamped` adds `DEFAULT_TOLERANCE` and `with_tolerance`.
///
/// `fields = { name: Type = init }` adds private fields beside the engine, each made by
/// `init(&secrets)` when the provider is built (Zoom keys its handshake's HMAC there, Meta
/// keeps its verify token). `handshake = path` answers the provider's verification handshake
/// with `path(&self, delivery, now)`, a function giving
/// `Option<Result<HandshakeReply, Error>>` (see [`Verify::handshake`]).
macro_rules! spec_provider {
    (
        $(#[$attr:meta])*
        $name:ident, id = $id:literal, name = $display:literal, aliases = [$($alias:literal),*],
        spec = $spec:path, secrets = $secrets:ident ($format:literal)
        $(, timestamped = $tolerance:expr)?
        $(, fields = { $($field:ident : $fty:ty = $init:path),* $(,)? })?
        $(, handshake = $handshake:path)?
    ) => {
        /// The registry's entry.
        pub(crate) static ENTRY: crate::provider::registry::Entry = crate::provider::registry::Entry {
            id: $id,
            aliases: &[$($alias),*],
            name: $display,
            type_name: stringify!($name),
            family: crate::provider::registry::Family::HmacTemplate,
            spec: Some(&$spec),
            about: None,
            headers: &[],
            tolerance: None,
            signs: crate::provider::registry::Signs::NOTHING_ELSE,
            keys: crate::provider::registry::Keys::Secrets,
            secret_format: $format,
            runs_its_spec: true,
            build: |secrets, options| {
                let mut provider = spec_provider!(@build $secrets, $name, secrets);
                options.apply($id, &mut provider.engine)?;
                Ok(crate::AnyProvider::new(provider))
            },
        };

        $(#[$attr])*
        #[derive(Debug, Clone)]
        pub struct $name {
            engine: crate::scheme::template::Template,
            $($($field: $fty,)*)?
        }

        impl $name {
            /// The provider id.
            pub const ID: &'static str = $id;

            $(
                /// The official SDK's replay window.
                pub const DEFAULT_TOLERANCE: crate::Tolerance = $tolerance;

                /// Sets the replay window.
                pub fn with_tolerance(mut self, tolerance: crate::Tolerance) -> Self {
                    self.engine.tolerance = tolerance;
                    self
                }
            )?

            spec_provider!(@new $secrets, $spec, [$($($field = $init),*)?]);
        }

        impl crate::provider::Verify for $name {
            fn id(&self) -> &str {
                Self::ID
            }

            fn verify_at<'r>(
                &self,
                delivery: &crate::Delivery<'r>,
                now: crate::UnixTime,
            ) -> Result<crate::Verified<'r>, crate::Error> {
                self.engine.verify(
                    Self::ID.into(),
                    delivery,
                    crate::scheme::template::Clock::At(now),
                )
            }

            /// Reads the system clock only if the scheme signs a timestamp.
            fn verify<'r>(
                &self,
                delivery: &crate::Delivery<'r>,
            ) -> Result<crate::Verified<'r>, crate::Error> {
                self.engine.verify(
                    Self::ID.into(),
                    delivery,
                    crate::scheme::template::Clock::System,
                )
            }

            $(
                fn handshake<'r>(
                    &self,
                    delivery: &crate::Delivery<'r>,
                    now: crate::UnixTime,
                ) -> Option<Result<crate::handshake::HandshakeReply, crate::Error>> {
                    $handshake(self, delivery, now)
                }
            )?
        }

        impl crate::provider::Sign for $name {
            fn sign_at(
                &self,
                message: &crate::Message<'_>,
                now: crate::UnixTime,
            ) -> Result<crate::SignedHeaders, crate::SignError> {
                self.engine.sign(message, now)
            }
        }
    };
    (@build text, $name:ident, $secrets:ident) => {
        $name::new($secrets)
    };
    (@build decoded, $name:ident, $secrets:ident) => {
        $name::new($secrets)?
    };
    (@new text, $spec:path, [$($field:ident = $init:path),*]) => {
        /// A verifier and signer for these secrets, used as text.
        pub fn new(secrets: crate::SecretSet) -> Self {
            let engine = crate::scheme::template::Template::new(
                crate::scheme::template::SpecRef::Static(&$spec),
                &secrets,
            );
            // Text secrets are keys as they are, and a `SecretSet` holds no empty one.
            Self {
                engine: engine.expect("text secrets are always usable keys"),
                $($field: $init(&secrets),)*
            }
        }
    };
    (@new decoded, $spec:path, [$($field:ident = $init:path),*]) => {
        /// A verifier and signer for these secrets, written as the provider issues them.
        pub fn new(secrets: crate::SecretSet) -> Result<Self, crate::SecretError> {
            Ok(Self {
                engine: crate::scheme::template::Template::new(
                    crate::scheme::template::SpecRef::Static(&$spec),
                    &secrets,
                )?,
                $($field: $init(&secrets),)*
            })
        }
    };
}

/// The [`Spec`](spec::Spec) of the simplest family, shared by many providers: one signature
/// (after an optional prefix) in the first present of `signature`'s headers, the HMAC of the
/// body alone, no timestamp, `metadata` read after the MAC. The fields are named so that each
/// provider file reads as its facts. (A macro rather than a `const fn`: a function could not
/// move the header names out of an argument at compile time.)
macro_rules! body_hmac_spec {
    (
        signature: $signature:expr,
        prefix: $prefix:expr,
        algorithm: $algorithm:expr,
        encoding: $encoding:expr,
        secret: $secret:expr,
        metadata: $metadata:expr,
        id: $id:expr,
        idempotency: $idempotency:expr,
        event_type: $event_type:expr $(,)?
    ) => {
        $crate::provider::spec::Spec {
            signature_header: ::std::borrow::Cow::Borrowed($signature),
            format: $crate::provider::spec::SignatureFormat::Prefixed {
                prefix: ::std::borrow::Cow::Borrowed($prefix),
            },
            algorithm: $algorithm,
            encoding: $encoding,
            secret: $secret,
            content: ::std::borrow::Cow::Borrowed(&$crate::provider::spec::BODY),
            timestamp: None,
            message_id: None,
            order: $crate::provider::spec::Order::SignatureFirst,
            empty_is_missing: false,
            metadata: ::std::borrow::Cow::Borrowed($metadata),
            id: $id,
            idempotency: $idempotency,
            event_type: $event_type,
            legacy: None,
        }
    };
}

/// The [`Spec`](spec::Spec) of the family that signs a timestamp header with the body (Slack's
/// shape): one signature after an optional prefix, the timestamp from its own header, digits
/// only, signed as received; missing headers reported signature first. The fields that vary
/// are named, so that each provider file reads as its facts.
macro_rules! header_timestamp_spec {
    (
        signature: $signature:expr,
        prefix: $prefix:expr,
        algorithm: $algorithm:expr,
        encoding: $encoding:expr,
        secret: $secret:expr,
        content: $content:expr,
        timestamp: $timestamp:expr,
        unit: $unit:expr,
        tolerance: $tolerance:expr,
        check: $check:expr,
        metadata: $metadata:expr,
        id: $id:expr,
        idempotency: $idempotency:expr,
        event_type: $event_type:expr $(,)?
    ) => {
        $crate::provider::spec::Spec {
            signature_header: ::std::borrow::Cow::Borrowed($signature),
            format: $crate::provider::spec::SignatureFormat::Prefixed {
                prefix: ::std::borrow::Cow::Borrowed($prefix),
            },
            algorithm: $algorithm,
            encoding: $encoding,
            secret: $secret,
            content: ::std::borrow::Cow::Borrowed($content),
            timestamp: Some($crate::provider::spec::TimestampSpec {
                source: $crate::provider::spec::TimestampSource::Header(
                    ::std::borrow::Cow::Borrowed($timestamp),
                ),
                unit: $unit,
                parsing: $crate::provider::spec::Parsing::Strict,
                signed: $crate::provider::spec::SignedForm::AsReceived,
                tolerance: $tolerance,
                check: $check,
            }),
            message_id: None,
            order: $crate::provider::spec::Order::SignatureFirst,
            empty_is_missing: false,
            metadata: ::std::borrow::Cow::Borrowed($metadata),
            id: $id,
            idempotency: $idempotency,
            event_type: $event_type,
            legacy: None,
        }
    };
}

/// The [`Spec`](spec::Spec) of the family that carries its timestamp in a `key=value` list with
/// the signatures (Stripe's shape: `t=…,v1=…`): the timestamp digits only, signed as received;
/// missing headers reported signature first. The fields that vary are named.
macro_rules! list_timestamp_spec {
    (
        signature: $signature:expr,
        separator: $separator:expr,
        written_separator: $written:expr,
        trim: $trim:expr,
        signature_key: $key:expr,
        pick: $pick:expr,
        algorithm: $algorithm:expr,
        encoding: $encoding:expr,
        secret: $secret:expr,
        content: $content:expr,
        timestamp_key: $timestamp_key:expr,
        unit: $unit:expr,
        tolerance: $tolerance:expr,
        check: $check:expr,
        metadata: $metadata:expr,
        id: $id:expr,
        idempotency: $idempotency:expr,
        event_type: $event_type:expr $(,)?
    ) => {
        $crate::provider::spec::Spec {
            signature_header: ::std::borrow::Cow::Borrowed($signature),
            format: $crate::provider::spec::SignatureFormat::KeyValues {
                separator: $separator,
                written_separator: ::std::borrow::Cow::Borrowed($written),
                trim: $trim,
                signature_key: ::std::borrow::Cow::Borrowed($key),
                pick: $pick,
            },
            algorithm: $algorithm,
            encoding: $encoding,
            secret: $secret,
            content: ::std::borrow::Cow::Borrowed($content),
            timestamp: Some($crate::provider::spec::TimestampSpec {
                source: $crate::provider::spec::TimestampSource::ListKey(
                    ::std::borrow::Cow::Borrowed($timestamp_key),
                ),
                unit: $unit,
                parsing: $crate::provider::spec::Parsing::Strict,
                signed: $crate::provider::spec::SignedForm::AsReceived,
                tolerance: $tolerance,
                check: $check,
            }),
            message_id: None,
            order: $crate::provider::spec::Order::SignatureFirst,
            empty_is_missing: false,
            metadata: ::std::borrow::Cow::Borrowed($metadata),
            id: $id,
            idempotency: $idempotency,
            event_type: $event_type,
            legacy: None,
        }
    };
}
