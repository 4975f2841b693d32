//! `scheme::list::KeyValues` (Stripe-style `t=…,v1=…` lists) and `Signatures` of its `v1` values
//! (lower-case hex, 32 bytes).
//!
//! Input: the header value as text (invalid UTF-8 is replaced). Each input is parsed with the
//! separators `,` and `;`, plain and trimmed.
//! Invariants:
//! - never panics; `iter()` yields one element per separator-split piece, keys hold no `=`,
//!   and (untrimmed) rejoining `key[=value]` with the separator gives the input back; trimmed
//!   elements have no surrounding ASCII whitespace;
//! - `values(k)` is exactly the values of the elements keyed `k`;
//! - `timestamp("t")` is `Ok(v)` only when every `t` element is `t=v`, `NoTimestamp` only
//!   without any `t` element, `RepeatedTimestamp` only with differing `t` values,
//!   `BadElement{index}` only where element `index` is a `t` without `=`;
//! - the `Signatures` of the `v1` values agree with the reference in
//!   `hooksign_fuzz::check_signatures` (bounded, entries kept in order, each matching its own
//!   text, failures explained by the first decode error or `NoSignature`);
//! - `timestamp_and_signatures` finds the same timestamp as `timestamp` and the same
//!   signatures as `values`, in one pass; a bare `v1` element is `BadElement` there (unless an
//!   earlier `t` element already failed);
//! - no error message is empty, and errors name the header they were given.
#![no_main]
#![forbid(unsafe_code)]

use hooksign::Malformed;
use hooksign::provider::spec::Encoding;
use hooksign::scheme::list::{KeyValues, Signatures};
use hooksign_fuzz::{FUZZ_SIGNATURE, MAX_SIGNATURES, check_signatures};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let text = text.as_ref();
    for separator in [',', ';'] {
        for trim in [false, true] {
            let kv = if trim {
                KeyValues::new(text, separator).trimmed()
            } else {
                KeyValues::new(text, separator)
            };
            let elements: Vec<(&str, Option<&str>)> = kv.iter().collect();
            assert_eq!(elements.len(), text.split(separator).count());
            for (k, v) in &elements {
                assert!(!k.contains('='));
                if trim {
                    let ws = |c: char| c.is_ascii_whitespace();
                    assert!(!k.starts_with(ws));
                    match v {
                        Some(v) => assert!(!v.ends_with(ws)),
                        None => assert!(!k.ends_with(ws)),
                    }
                }
            }
            if !trim {
                let rejoined: Vec<String> = elements
                    .iter()
                    .map(|(k, v)| match v {
                        Some(v) => format!("{k}={v}"),
                        None => (*k).to_owned(),
                    })
                    .collect();
                assert_eq!(rejoined.join(&separator.to_string()), text);
            }
            for key in ["v1", "t", ""] {
                let values: Vec<&str> = kv.values(key).collect();
                let reference: Vec<&str> = elements
                    .iter()
                    .filter(|(k, _)| *k == key)
                    .filter_map(|(_, v)| *v)
                    .collect();
                assert_eq!(values, reference);
            }
            let ts: Vec<(usize, Option<&str>)> = elements
                .iter()
                .enumerate()
                .filter(|(_, (k, _))| *k == "t")
                .map(|(i, (_, v))| (i, *v))
                .collect();
            match kv.timestamp("t") {
                Ok(v) => {
                    assert!(!ts.is_empty());
                    assert!(ts.iter().all(|(_, t)| *t == Some(v)), "{v:?} {ts:?}");
                }
                Err(Malformed::NoTimestamp) => assert!(ts.is_empty()),
                Err(Malformed::RepeatedTimestamp) => {
                    let values: Vec<_> = ts.iter().filter_map(|(_, t)| *t).collect();
                    assert!(values.iter().any(|t| *t != values[0]), "{ts:?}");
                }
                Err(Malformed::BadElement { index, expected }) => {
                    assert!(ts.contains(&(index, None)), "{index} {ts:?}");
                    assert!(!expected.is_empty());
                }
                Err(other) => panic!("unexpected timestamp error {other:?}"),
            }
            let v1: Vec<_> = kv.values("v1").map(Ok).collect();
            check_signatures(&v1, Encoding::Hex, 32);
            let mut signatures = Signatures::new(Encoding::Hex, 32, &FUZZ_SIGNATURE, "v1");
            let one_pass = kv.timestamp_and_signatures("t", "v1", &mut signatures);
            // A bare signature key (`v1` without `=`) is malformed in the one pass (as
            // stripe-python refuses it); otherwise the pass finds what `timestamp` finds.
            let bare_v1 = elements.iter().position(|(k, v)| *k == "v1" && v.is_none());
            match (bare_v1, &one_pass) {
                (Some(i), Err(Malformed::BadElement { index, .. })) if *index == i => {}
                (Some(i), Err(Malformed::BadElement { index, .. })) => {
                    assert!(ts.contains(&(*index, None)) && *index < i, "{index} {i}");
                }
                (Some(i), Err(Malformed::RepeatedTimestamp)) => {
                    let before: Vec<_> = ts
                        .iter()
                        .filter(|(j, _)| *j < i)
                        .filter_map(|(_, t)| *t)
                        .collect();
                    assert!(before.iter().any(|t| *t != before[0]), "{ts:?} {i}");
                }
                (Some(_), other) => panic!("bare v1 gave {other:?}"),
                (None, _) => assert_eq!(one_pass, kv.timestamp("t")),
            }
            if one_pass.is_ok() {
                let values: Vec<&str> = kv.values("v1").take(MAX_SIGNATURES).collect();
                assert_eq!(signatures.texts(), values.as_slice());
            }
        }
    }
});
