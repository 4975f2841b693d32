//! `scheme::list::versioned` (Standard Webhooks / Svix `v1,<b64> v1a,<b64> …` lists) and
//! `Signatures` on its `v1` entries (canonical base64, 32 bytes).
//!
//! Input: the header value as text (invalid UTF-8 is replaced).
//! Invariants:
//! - never panics; for the versions `v1`, `v1a` and `` the items are exactly the reference
//!   split: space-separated entries, the version's signatures as `Ok`, an entry without a
//!   comma or with two as `Err(BadElement{index})`, other versions skipped;
//! - the `Signatures` of the `v1` items agree with `hooksign_fuzz::check_signatures`
//!   (the list ends at the first malformed entry, bounded, entries kept in order, `mismatch`
//!   reports the entry that ended the list);
//! - generative round trip: the input bytes, cut into 32-byte tags, encoded as a
//!   `v1,<b64>` list with decoys of other versions, parse back to the same texts, and each
//!   tag's canonical text matches and none is malformed.
#![no_main]
#![forbid(unsafe_code)]

use base64::Engine as _;
use hooksign::HeaderKey;
use hooksign::Malformed;
use hooksign::provider::spec::Encoding;
use hooksign::scheme::list::{Signatures, versioned};
use hooksign_fuzz::{MAX_SIGNATURES, check_signatures};

static WEBHOOK_SIGNATURE: HeaderKey = HeaderKey::new("webhook-signature", "webhook-signature");
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let text = text.as_ref();
    for version in ["v1", "v1a", ""] {
        let got: Vec<Result<&str, Malformed>> = versioned(text, version).collect();
        let bad = |index| Malformed::BadElement {
            index,
            expected: "version,signature",
        };
        let reference: Vec<Result<&str, Malformed>> = text
            .split(' ')
            .enumerate()
            .filter_map(|(i, e)| match e.split_once(',') {
                None => Some(Err(bad(i))),
                Some((_, s)) if s.contains(',') => Some(Err(bad(i))),
                Some((v, s)) if v == version => Some(Ok(s)),
                Some(_) => None,
            })
            .collect();
        assert_eq!(got, reference);
        assert!(got.iter().flatten().all(|s| !s.contains([' ', ','])));
    }
    let v1: Vec<_> = versioned(text, "v1").collect();
    check_signatures(&v1, Encoding::Base64, 32);

    // Round trip: tags from the input bytes, with decoys around them.
    let tags: Vec<&[u8]> = data.chunks_exact(32).take(MAX_SIGNATURES).collect();
    let mut list = String::from("v1a,AAAA");
    for tag in &tags {
        list.push_str(" v1,");
        list.push_str(&base64::engine::general_purpose::STANDARD.encode(tag));
        list.push_str(" v2,");
        list.push_str(&hex::encode(tag));
    }
    let mut sigs = Signatures::new(Encoding::Base64, 32, &WEBHOOK_SIGNATURE, "v1");
    sigs.extend(versioned(&list, "v1"));
    match sigs.check() {
        Ok(()) => {
            let encoded: Vec<String> = tags
                .iter()
                .map(|t| base64::engine::general_purpose::STANDARD.encode(t))
                .collect();
            assert_eq!(sigs.texts(), encoded);
            for text in &encoded {
                assert!(bool::from(sigs.matches(text.as_bytes())));
            }
            assert_eq!(sigs.malformed(), None);
        }
        Err(e) => assert!(tags.is_empty(), "{e:?} for {list}"),
    }
});
