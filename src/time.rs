//! Time: the clock value verification runs against, and replay windows.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::Error;

/// A point in time as seconds (with millisecond precision) since the Unix epoch.
///
/// Every time-dependent check takes one (`verify_at`, `sign_at`), so tests and replays can pin
/// the clock; the plain forms read [`UnixTime::now`].
///
/// ```
/// use hooksign::UnixTime;
/// let t = UnixTime::from_secs(1_700_000_000);
/// assert_eq!(t.as_secs(), 1_700_000_000);
/// assert_eq!(UnixTime::from_millis(1_700_000_000_999).as_secs(), 1_700_000_000);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UnixTime {
    millis: u64,
}

impl UnixTime {
    /// The system clock. A clock before 1970 reads as the epoch.
    ///
    /// ```
    /// assert!(hooksign::UnixTime::now().as_secs() > 1_600_000_000);
    /// ```
    pub fn now() -> Self {
        let since = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or(Duration::ZERO);
        UnixTime::from_millis(u64::try_from(since.as_millis()).unwrap_or(u64::MAX))
    }

    /// From whole seconds since the epoch.
    ///
    /// ```
    /// assert_eq!(hooksign::UnixTime::from_secs(5).as_millis(), 5_000);
    /// ```
    pub const fn from_secs(secs: u64) -> Self {
        UnixTime {
            millis: secs.saturating_mul(1000),
        }
    }

    /// From milliseconds since the epoch.
    ///
    /// ```
    /// assert_eq!(hooksign::UnixTime::from_millis(5_500).as_secs(), 5);
    /// ```
    pub const fn from_millis(millis: u64) -> Self {
        UnixTime { millis }
    }

    /// Whole seconds since the epoch (rounded down).
    ///
    /// ```
    /// assert_eq!(hooksign::UnixTime::from_secs(42).as_secs(), 42);
    /// ```
    pub const fn as_secs(self) -> u64 {
        self.millis / 1000
    }

    /// Milliseconds since the epoch.
    ///
    /// ```
    /// assert_eq!(hooksign::UnixTime::from_secs(1).as_millis(), 1000);
    /// ```
    pub const fn as_millis(self) -> u64 {
        self.millis
    }
}

/// A replay window: how far in the past and in the future a signed timestamp may lie.
///
/// `None` on a side means that side is not checked. Providers' defaults follow their official
/// SDKs (Stripe: 300 s in the past, any future; Slack and Standard Webhooks: 300 s either way).
/// A timestamp exactly at the limit is accepted, as every reference SDK does.
///
/// ```
/// use hooksign::{Tolerance, UnixTime};
///
/// let window = Tolerance::symmetric(300);
/// let now = UnixTime::from_secs(1_000_000);
/// assert!(window.check(1_000_000 - 300, now).is_ok());
/// assert!(window.check(1_000_000 - 301, now).is_err());
/// assert!(Tolerance::past_only(300).check(9_999_999, now).is_ok());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tolerance {
    /// How old a timestamp may be, in seconds; `None` accepts any age.
    pub past_secs: Option<u64>,
    /// How far ahead of the clock a timestamp may be, in seconds; `None` accepts any.
    pub future_secs: Option<u64>,
}

impl Tolerance {
    /// The same window on both sides.
    ///
    /// ```
    /// let t = hooksign::Tolerance::symmetric(60);
    /// assert_eq!((t.past_secs, t.future_secs), (Some(60), Some(60)));
    /// ```
    pub const fn symmetric(secs: u64) -> Self {
        Tolerance {
            past_secs: Some(secs),
            future_secs: Some(secs),
        }
    }

    /// Only stale timestamps are rejected; future ones pass (Stripe's SDK behaviour).
    ///
    /// ```
    /// let t = hooksign::Tolerance::past_only(300);
    /// assert_eq!(t.future_secs, None);
    /// ```
    pub const fn past_only(secs: u64) -> Self {
        Tolerance {
            past_secs: Some(secs),
            future_secs: None,
        }
    }

    /// No time check at all. Only for replaying recorded deliveries: without a window a
    /// captured request stays valid forever.
    ///
    /// ```
    /// let t = hooksign::Tolerance::unchecked();
    /// assert!(t.check(0, hooksign::UnixTime::from_secs(u64::MAX / 1000)).is_ok());
    /// ```
    pub const fn unchecked() -> Self {
        Tolerance {
            past_secs: None,
            future_secs: None,
        }
    }

    /// This window with its future side set to `secs`.
    ///
    /// ```
    /// let t = hooksign::Tolerance::past_only(300).with_future(30);
    /// assert_eq!(t.future_secs, Some(30));
    /// ```
    pub const fn with_future(mut self, secs: u64) -> Self {
        self.future_secs = Some(secs);
        self
    }

    /// Checks a signed timestamp (unix seconds) against the clock.
    ///
    /// The comparison is done in milliseconds, so a `now` a fraction of a second past the
    /// limit is already outside it (as in SDKs comparing floating-point clocks).
    pub fn check(&self, timestamp_secs: u64, now: UnixTime) -> Result<(), Error> {
        self.check_millis(timestamp_secs.saturating_mul(1000), now)
    }

    /// Checks a timestamp given in milliseconds (HubSpot, WorkOS, Linear).
    ///
    /// ```
    /// let now = hooksign::UnixTime::from_millis(10_000);
    /// assert!(hooksign::Tolerance::symmetric(1).check_millis(9_000, now).is_ok());
    /// assert!(hooksign::Tolerance::symmetric(1).check_millis(8_999, now).is_err());
    /// ```
    pub fn check_millis(&self, timestamp_millis: u64, now: UnixTime) -> Result<(), Error> {
        let now = now.as_millis();
        if let Some(past) = self.past_secs {
            let age = now.saturating_sub(timestamp_millis);
            if age > past.saturating_mul(1000) {
                return Err(Error::TimestampTooOld {
                    age_secs: age / 1000,
                    tolerance_secs: past,
                });
            }
        }
        if let Some(future) = self.future_secs {
            let ahead = timestamp_millis.saturating_sub(now);
            if ahead > future.saturating_mul(1000) {
                return Err(Error::TimestampTooNew {
                    ahead_secs: ahead / 1000,
                    tolerance_secs: future,
                });
            }
        }
        Ok(())
    }
}

/// Parses a unix timestamp: ASCII digits only, at most 19 of them (no sign, no spaces, no
/// fraction). Providers send plain integers; anything else is refused rather than guessed at.
pub(crate) fn parse_unix(value: &str) -> Option<u64> {
    if value.is_empty() || value.len() > 19 {
        return None;
    }
    // Validates and converts in one pass; 19 digits cannot overflow (10^19 - 1 < 2^64).
    value.bytes().try_fold(0u64, |n, b| {
        b.is_ascii_digit().then(|| n * 10 + u64::from(b - b'0'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundaries_are_inclusive_and_errors_say_how_far() {
        let now = UnixTime::from_secs(1000);
        let w = Tolerance::symmetric(300);
        assert!(w.check(700, now).is_ok());
        assert!(w.check(1300, now).is_ok());
        assert_eq!(
            w.check(699, now),
            Err(Error::TimestampTooOld {
                age_secs: 301,
                tolerance_secs: 300
            })
        );
        assert_eq!(
            w.check(1301, now),
            Err(Error::TimestampTooNew {
                ahead_secs: 301,
                tolerance_secs: 300
            })
        );
        assert!(w.check(700, UnixTime::from_millis(1_000_001)).is_err());
    }

    #[test]
    fn parse_is_strict() {
        assert_eq!(parse_unix("1614265330"), Some(1_614_265_330));
        assert_eq!(
            parse_unix("9999999999999999999"),
            Some(9_999_999_999_999_999_999)
        );
        assert_eq!(parse_unix("0"), Some(0));
        for bad in [
            "",
            " 1",
            "1 ",
            "+1",
            "-1",
            "1.5",
            "1e3",
            "99999999999999999999",
            "１",
        ] {
            assert_eq!(parse_unix(bad), None, "{bad:?}");
        }
    }
}

/// Parses a timestamp the way the Standard Webhooks reference libraries do: surrounding ASCII
/// whitespace and a fractional part are tolerated (Python's `float()`, JavaScript's
/// `parseInt`) and the fraction is dropped. The signed content then uses the canonical
/// integer, as those libraries rebuild it from the parsed value.
pub(crate) fn parse_unix_lenient(value: &str) -> Option<u64> {
    // Plain digits, what every sender writes, need none of the tolerance below.
    if let Some(secs) = parse_unix(value) {
        return Some(secs);
    }
    let value = value.trim_matches(|c: char| c.is_ascii_whitespace());
    // `memchr` rather than `split_once`: this runs on every Standard Webhooks verification.
    let (whole, fraction) = match memchr::memchr(b'.', value.as_bytes()) {
        Some(dot) => (&value[..dot], &value[dot + 1..]),
        None => (value, ""),
    };
    if !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    parse_unix(whole)
}

/// The decimal text of a parsed timestamp, as the SDKs sign it: they parse the received value
/// and sign the number written back out.
///
/// That is the received text itself whenever it is plain digits without a leading zero (every
/// real sender's form), so only other forms (`0042`, ` 42`, `42.0`) are written out again.
pub(crate) enum SignedTimestamp<'a> {
    /// The received text, already canonical.
    Received(&'a str),
    /// The parsed value written out.
    Written(Decimal),
}

impl<'a> SignedTimestamp<'a> {
    /// The canonical text of `secs`, which the caller parsed from `received` (plain digits
    /// are taken as they are, so they must be the digits of `secs`).
    pub(crate) fn new(secs: u64, received: &'a str) -> Self {
        let bytes = received.as_bytes();
        let canonical = bytes.iter().all(u8::is_ascii_digit)
            && (bytes.len() == 1 || bytes.first().is_some_and(|&b| b != b'0'));
        if canonical {
            debug_assert_eq!(Decimal::new(secs).as_bytes(), bytes);
            SignedTimestamp::Received(received)
        } else {
            SignedTimestamp::Written(Decimal::new(secs))
        }
    }

    pub(crate) fn as_bytes(&self) -> &[u8] {
        match self {
            SignedTimestamp::Received(text) => text.as_bytes(),
            SignedTimestamp::Written(decimal) => decimal.as_bytes(),
        }
    }
}

/// A `u64` written in decimal on the stack, for signed content that holds a timestamp.
pub(crate) struct Decimal {
    buf: [u8; 20],
    start: usize,
}

impl Decimal {
    pub(crate) fn new(mut n: u64) -> Self {
        let mut buf = [0u8; 20];
        let mut start = buf.len();
        loop {
            start -= 1;
            buf[start] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        Decimal { buf, start }
    }

    pub(crate) fn as_bytes(&self) -> &[u8] {
        &self.buf[self.start..]
    }
}

#[cfg(test)]
mod decimal_tests {
    use super::*;

    #[test]
    fn decimal_matches_to_string() {
        for n in [0, 7, 10, 1_614_265_330, u64::MAX] {
            assert_eq!(Decimal::new(n).as_bytes(), n.to_string().as_bytes());
        }
    }

    #[test]
    fn signed_timestamps_are_canonical_whatever_was_received() {
        for (received, signed) in [
            ("1700000200", "1700000200"),
            ("0", "0"),
            ("0042", "42"),
            ("00", "0"),
            (" 42 ", "42"),
            ("42.9", "42"),
        ] {
            let secs = parse_unix_lenient(received).unwrap();
            assert_eq!(
                SignedTimestamp::new(secs, received).as_bytes(),
                signed.as_bytes(),
                "{received:?}"
            );
        }
    }

    #[test]
    fn lenient_parse_takes_what_the_reference_libraries_take() {
        assert_eq!(parse_unix_lenient(" 1700000200 "), Some(1_700_000_200));
        assert_eq!(parse_unix_lenient("1700000200.9"), Some(1_700_000_200));
        assert_eq!(parse_unix_lenient("1700000200."), Some(1_700_000_200));
        assert_eq!(parse_unix_lenient("1.5e3"), None);
        assert_eq!(parse_unix_lenient("abc"), None);
    }
}
