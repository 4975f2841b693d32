//! Data-driven verdicts: every vector in `tests/vectors/*.json` was published by a provider or
//! produced by its official SDK (each names its source), and states the expected outcome and,
//! for rejections, the error kind.
#![allow(
    clippy::unwrap_used,
    reason = "a failed step fails the benchmark or test loudly"
)]

#[path = "support/header_maps.rs"]
mod header_maps;

use std::fs;
use std::path::Path;

use hooksign::{AnyProvider, GitHub, SecretSet, Tolerance, UnixTime};
use serde_json::Value;

struct Vector {
    file: String,
    raw: Value,
}

impl Vector {
    fn id(&self) -> &str {
        self.raw["id"].as_str().expect("every vector has an id")
    }

    fn str(&self, key: &str) -> &str {
        self.raw[key]
            .as_str()
            .unwrap_or_else(|| panic!("{}: `{key}` must be a string", self.id()))
    }

    fn secrets(&self) -> SecretSet {
        let secrets: Vec<String> = match &self.raw["secret"] {
            Value::String(s) => vec![s.clone()],
            Value::Array(list) => list
                .iter()
                .map(|s| s.as_str().expect("secret strings").to_owned())
                .collect(),
            other => panic!("{}: bad secret {other}", self.id()),
        };
        SecretSet::new(secrets).expect("vector secrets are non-empty")
    }

    fn headers(&self) -> Vec<(String, String)> {
        if let Some(pairs) = self.raw.get("header_pairs") {
            return pairs
                .as_array()
                .expect("header_pairs is an array")
                .iter()
                .map(|pair| {
                    (
                        pair[0].as_str().unwrap().to_owned(),
                        pair[1].as_str().unwrap().to_owned(),
                    )
                })
                .collect();
        }
        self.raw["headers"]
            .as_object()
            .expect("headers is an object")
            .iter()
            .map(|(k, v)| {
                (
                    k.clone(),
                    v.as_str().expect("header values are strings").to_owned(),
                )
            })
            .collect()
    }

    fn body(&self) -> Vec<u8> {
        use base64::Engine as _;
        match (
            self.raw.get("body").and_then(Value::as_str),
            self.raw.get("body_base64").and_then(Value::as_str),
        ) {
            (Some(text), _) => text.as_bytes().to_vec(),
            (None, Some(b64)) => base64::engine::general_purpose::STANDARD
                .decode(b64)
                .expect("body_base64"),
            _ => panic!("{}: no body", self.id()),
        }
    }

    /// The clock: the vector's `now`, else its signed timestamp, else an arbitrary instant (the
    /// scheme has no time check).
    fn now(&self) -> UnixTime {
        let secs = self.raw["now"]
            .as_u64()
            .or(self.raw["timestamp"].as_u64())
            .unwrap_or(1_700_000_000);
        UnixTime::from_secs(secs)
    }

    /// The verifier the vector's scheme names, with default settings.
    fn provider(&self) -> AnyProvider {
        let secrets = self.secrets();
        match self.str("scheme") {
            "github-sha256" => AnyProvider::new(GitHub::new(secrets)),
            "github-sha1" => AnyProvider::new(GitHub::new(secrets).with_legacy_sha1()),
            "stripe-v1" => AnyProvider::from_id("stripe", secrets).unwrap(),
            "slack-v0" => AnyProvider::from_id("slack", secrets).unwrap(),
            "shopify" => AnyProvider::from_id("shopify", secrets).unwrap(),
            "standard-webhooks-v1" => AnyProvider::from_id("standard-webhooks", secrets).unwrap(),
            "svix-v1" => AnyProvider::from_id("svix", secrets).unwrap(),
            // Every other vector names a registry id: a provider added to the registry is
            // tested by its vectors with no change here.
            _ => AnyProvider::from_id(self.str("provider"), secrets)
                .unwrap_or_else(|e| panic!("{}: {e}", self.id())),
        }
    }

    /// Verifies the vector's delivery, headers looked up in `headers`: with its `url` and
    /// `method` where the vector gives them (URL-signing schemes).
    fn verify<'r>(
        &'r self,
        provider: &AnyProvider,
        headers: &'r dyn hooksign::Headers,
        body: &'r [u8],
    ) -> Result<hooksign::Verified<'r>, hooksign::Error> {
        let mut delivery = hooksign::Delivery::new(headers, body);
        if let Some(url) = self.raw.get("url").and_then(Value::as_str) {
            delivery = delivery.with_url(url);
        }
        if let Some(method) = self.raw.get("method").and_then(Value::as_str) {
            delivery = delivery.with_method(method);
        }
        hooksign::Verify::verify_at(provider, &delivery, self.now())
    }

    /// The failure, if the verdict differs from the expected one.
    fn check(&self) -> Option<String> {
        let provider = self.provider();
        let headers = self.headers();
        let body = self.body();
        let result = self.verify(&provider, &headers, &body);
        match (self.str("expected"), result) {
            ("valid", Ok(verified)) => {
                if verified.provider() != self.str("provider") {
                    return Some(format!("verified as {}", verified.provider()));
                }
                let expected_index = self
                    .raw
                    .get("matched_secret_index")
                    .and_then(Value::as_u64)
                    .unwrap_or(0);
                (verified.secret_index() as u64 != expected_index).then(|| {
                    format!(
                        "secret {} matched, expected {expected_index}",
                        verified.secret_index()
                    )
                })
            }
            ("valid", Err(e)) => Some(format!("rejected ({}): {e}", e.code())),
            ("invalid", Ok(_)) => Some(format!("accepted, expected {}", self.str("error"))),
            ("invalid", Err(e)) => (e.code() != self.str("error")).then(|| {
                format!(
                    "rejected as {} ({e}), expected {}",
                    e.code(),
                    self.str("error")
                )
            }),
            (other, _) => Some(format!("unknown expected verdict {other:?}")),
        }
    }

    /// The SDK's window must be the provider's default (principle 7).
    fn check_default_tolerance(&self) -> Option<String> {
        let expected = self.raw.get("tolerance_seconds")?.as_u64()?;
        let entry = hooksign::provider::find(self.str("provider")).ok()?;
        let default: Tolerance = entry.default_tolerance()?;
        (default.past_secs != Some(expected))
            .then(|| format!("default tolerance {default:?}, the SDK uses {expected} s"))
    }
}

fn load_all() -> Vec<Vector> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors");
    let mut files: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .flat_map(|path| {
            let text = fs::read_to_string(&path).unwrap();
            let list: Vec<Value> =
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let file = path.file_name().unwrap().to_string_lossy().into_owned();
            list.into_iter().map(move |raw| Vector {
                file: file.clone(),
                raw,
            })
        })
        .collect()
}

#[test]
fn every_vector_gets_its_expected_verdict() {
    let vectors = load_all();
    let mut failures = Vec::new();
    for v in &vectors {
        assert!(
            v.raw.get("source").is_some(),
            "{}: every vector names its source",
            v.id()
        );
        if v.str("expected") == "invalid" {
            assert!(
                v.raw.get("error").is_some(),
                "{}: invalid vectors name the error kind",
                v.id()
            );
        }
        for failure in [v.check(), v.check_default_tolerance()]
            .into_iter()
            .flatten()
        {
            failures.push(format!("{} / {}: {failure}", v.file, v.id()));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} vectors failed:\n{}",
        failures.len(),
        vectors.len(),
        failures.join("\n")
    );
}

#[test]
fn the_vector_set_covers_every_provider_both_ways() {
    let vectors = load_all();
    for provider in [
        "github",
        "stripe",
        "slack",
        "shopify",
        "standard-webhooks",
        "svix",
    ] {
        for verdict in ["valid", "invalid"] {
            let n = vectors
                .iter()
                .filter(|v| v.str("provider") == provider && v.str("expected") == verdict)
                .count();
            assert!(n >= 5, "only {n} {verdict} vectors for {provider}");
        }
    }
    let ids: std::collections::HashSet<_> = vectors.iter().map(Vector::id).collect();
    assert_eq!(ids.len(), vectors.len(), "vector ids are unique");
}

/// Every registry entry is checked against a source: at least two deliveries it must accept
/// and three it must refuse (a tampered body, a wrong secret, a missing header, …).
#[test]
fn every_registry_provider_has_sourced_vectors_both_ways() {
    let vectors = load_all();
    let mut missing = Vec::new();
    for entry in hooksign::provider::REGISTRY {
        let count = |verdict: &str| {
            vectors
                .iter()
                .filter(|v| v.str("provider") == entry.id() && v.str("expected") == verdict)
                .count()
        };
        let (valid, invalid) = (count("valid"), count("invalid"));
        if valid < 2 || invalid < 3 {
            missing.push(format!("{}: {valid} valid, {invalid} invalid", entry.id()));
        }
    }
    assert!(
        missing.is_empty(),
        "too few vectors:\n{}",
        missing.join("\n")
    );
}

/// `http::HeaderMap` (and actix-web's map) are looked up through pre-parsed names
/// (`Headers::lookup_key`), pairs through their text: all must give every vector the same
/// verdict.
#[cfg(feature = "http")]
#[test]
fn a_header_map_gets_the_same_verdicts_as_pairs() {
    let vectors = load_all();
    let mut compared = 0;
    for v in &vectors {
        let pairs = v.headers();
        let Some(map) = header_maps::http_map(&pairs) else {
            continue;
        };
        compared += 1;
        let (provider, body) = (v.provider(), v.body());
        let outcome = |result: Result<hooksign::Verified<'_>, hooksign::Error>| {
            result.map(|ok| ok.secret_index())
        };
        let expected = outcome(v.verify(&provider, &pairs, &body));
        assert_eq!(
            outcome(v.verify(&provider, &map, &body)),
            expected,
            "{} / {}",
            v.file,
            v.id()
        );
        // actix-web's own map (on `http` 0.2 types), through its pre-parsed names too.
        #[cfg(feature = "actix-web")]
        {
            let actix = header_maps::actix_map(&pairs).expect("what http takes, actix-web takes");
            assert_eq!(
                outcome(v.verify(&provider, &actix, &body)),
                expected,
                "{} / {} (actix-web)",
                v.file,
                v.id()
            );
        }
    }
    assert!(
        compared * 10 >= vectors.len() * 9,
        "only {compared} of {} vectors fit in a HeaderMap",
        vectors.len()
    );
}
