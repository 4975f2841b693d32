//! How long a queue remembers finished jobs.

use std::time::Duration;

/// Queue settings shared by the backends.
///
/// ```
/// use std::time::Duration;
/// let config = hooksign::queue::QueueConfig::default().with_retention(Duration::from_secs(3600));
/// assert_eq!(config.retention(), Duration::from_secs(3600));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QueueConfig {
    retention: Duration,
}

impl QueueConfig {
    /// The default retention: 24 hours, longer than any provider's redelivery of an event it
    /// has seen acknowledged.
    pub const DEFAULT_RETENTION: Duration = Duration::from_secs(24 * 3600);

    /// How long the id of an acknowledged job is remembered, so that enqueueing it again is a
    /// duplicate.
    pub fn with_retention(mut self, retention: Duration) -> Self {
        self.retention = retention;
        self
    }

    /// The retention.
    pub fn retention(&self) -> Duration {
        self.retention
    }
}

impl Default for QueueConfig {
    fn default() -> Self {
        QueueConfig {
            retention: Self::DEFAULT_RETENTION,
        }
    }
}
