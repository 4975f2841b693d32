//! Store identities, to detect a lease handed to the wrong store.

use std::sync::atomic::{AtomicU64, Ordering};

/// A process-unique store identity (clones of a store share it).
pub(crate) fn store_id() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}
