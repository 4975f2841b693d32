//! `scheme::list::versioned` (Standard Webhooks / Svix `v1,<b64> v1a,<b64> …` lists, and the
//! laxer OpenAI / Replicate readings) and `Signatures` on its entries (canonical base64, 32
//! bytes).
//!
//! Input: the header value as text (invalid UTF-8 is replaced).
//! Invariants:
//! - never panics; for the versions `v1`, `v1a` and `` and each `Labels` rule the items are
//!   exactly the reference split (`hooksign_fuzz::reference::versioned_entry`, written from the
//!   `Labels` rustdoc): space-separated entries;
//!   - `Exact`: the version's signatures as `Ok`, an entry without a comma, with two, or empty
//!     as `Err(BadElement{index})`, other versions skipped;
//!   - `ExactOrBare`: the version's signatures and the bare (comma-less, non-empty) entries as
//!     `Ok`, everything else skipped, never an `Err`;
//!   - `Any`: the signature of every entry with exactly one comma as `Ok`, whatever its label;
//!     everything else skipped, never an `Err`;
//! - the `Signatures` of each rule's items agree with `hooksign_fuzz::check_signatures`
//!   (the list ends at the first malformed entry, bounded, entries kept in order, `mismatch`
//!   reports the entry that ended the list);
//! - generative round trip, per rule: the input bytes, cut into 32-byte tags, encoded as a list
//!   in the forms the rule reads (labelled, bare, other labels) with decoys it must skip, parse
//!   back to the same texts, and each tag's canonical text matches and none is malformed.
#![no_main]
#![forbid(unsafe_code)]

use base64::Engine as _;
use hooksign::HeaderKey;
use hooksign::Malformed;
use hooksign::provider::spec::{Encoding, Labels};
use hooksign::scheme::list::{Signatures, versioned};
use hooksign_fuzz::reference::{VersionedEntry, versioned_entry};
use hooksign_fuzz::{MAX_SIGNATURES, check_signatures};

static WEBHOOK_SIGNATURE: HeaderKey = HeaderKey::new("webhook-signature", "webhook-signature");
use libfuzzer_sys::fuzz_target;

const RULES: [Labels; 3] = [Labels::Exact, Labels::ExactOrBare, Labels::Any];

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let text = text.as_ref();
    for labels in RULES {
        for version in ["v1", "v1a", ""] {
            let got: Vec<Result<&str, Malformed>> = versioned(text, version, labels).collect();
            let reference: Vec<Result<&str, Malformed>> = text
                .split(' ')
                .enumerate()
                .filter_map(|(index, e)| match versioned_entry(e, version, labels) {
                    VersionedEntry::Candidate(sig) => Some(Ok(sig)),
                    VersionedEntry::Skipped => None,
                    VersionedEntry::Malformed => Some(Err(Malformed::BadElement {
                        index,
                        expected: "version,signature",
                    })),
                })
                .collect();
            assert_eq!(got, reference, "{labels:?} {version:?}");
            assert!(got.iter().flatten().all(|s| !s.contains([' ', ','])));
            if labels != Labels::Exact {
                assert!(got.iter().all(Result::is_ok), "{labels:?}: {got:?}");
            }
        }
        let v1: Vec<_> = versioned(text, "v1", labels).collect();
        check_signatures(&v1, Encoding::Base64, 32);
    }

    // Round trip: tags from the input bytes, in each rule's forms, with decoys around them.
    let tags: Vec<&[u8]> = data.chunks_exact(32).take(MAX_SIGNATURES).collect();
    let b64 = |t: &[u8]| base64::engine::general_purpose::STANDARD.encode(t);
    for labels in RULES {
        let mut list = String::from("v1a,AAAA");
        for (i, tag) in tags.iter().enumerate() {
            let entry = match (labels, i % 2) {
                (Labels::ExactOrBare, 1) => b64(tag),
                (Labels::Any, 1) => format!("v{i},{}", b64(tag)),
                _ => format!("v1,{}", b64(tag)),
            };
            list.push(' ');
            list.push_str(&entry);
            // Decoys each rule skips.
            list.push_str(match labels {
                Labels::Exact => " v2,",
                Labels::ExactOrBare => " x,y,z v2,",
                _ => " x,y,z ",
            });
            list.push_str(&hex::encode(tag));
        }
        if labels == Labels::Any {
            // `v1a,AAAA` is a candidate under `Any`.
            list = list.replacen("v1a,AAAA", "v1aAAAA", 1);
        }
        let mut sigs = Signatures::new(Encoding::Base64, 32, &WEBHOOK_SIGNATURE, "v1");
        sigs.extend(versioned(&list, "v1", labels));
        match sigs.check() {
            Ok(()) => {
                let encoded: Vec<String> = tags.iter().map(|t| b64(t)).collect();
                assert_eq!(sigs.texts(), encoded, "{labels:?} {list}");
                for text in &encoded {
                    assert!(bool::from(sigs.matches(text.as_bytes())));
                }
                assert_eq!(sigs.malformed(), None);
            }
            Err(e) => assert!(tags.is_empty(), "{labels:?}: {e:?} for {list}"),
        }
    }
});
