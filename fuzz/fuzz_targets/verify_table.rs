//! Placeholder while the table target is written.
#![no_main]
use libfuzzer_sys::fuzz_target;
fuzz_target!(|data: &[u8]| {
    let _ = hooksign_fuzz::Delivery::parse(data);
});
