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

/// The signed timestamp of a scheme whose official SDK checks no window (Discord, SendGrid):
/// with no `window` any text is accepted, as the SDK accepts it, and read as unix seconds when
/// it is one; with a window it must be unix seconds within it.
#[cfg(any(feature = "ed25519", feature = "p256"))]
pub(crate) fn check_optional_window(
    text: &str,
    window: Option<Tolerance>,
    header: &crate::HeaderKey,
    now: UnixTime,
) -> Result<Option<UnixTime>, Error> {
    let secs = parse_unix(text);
    if let Some(window) = window {
        let secs =
            secs.ok_or_else(|| Error::malformed(header, crate::Malformed::InvalidTimestamp))?;
        window.check(secs, now)?;
    }
    Ok(secs.map(UnixTime::from_secs))
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

/// Parses an RFC 3339 date-time (`2024-01-31T12:00:00Z`, `…T12:00:00.123+01:00`) into Unix
/// seconds (the fraction is dropped). Strict: four-digit year, two-digit fields, `T` (or `t`),
/// `Z` (or `z`, as RFC 3339 §5.6 allows) or a `±HH:MM` offset; no date written before 1970. A
/// leap second (`:60`, which RFC 3339 allows) is the next minute's first: Unix time has none.
pub(crate) fn parse_rfc3339(text: &str) -> Option<u64> {
    let b = text.as_bytes();
    let num = |range: std::ops::Range<usize>| -> Option<u64> {
        let digits = b.get(range)?;
        digits.iter().try_fold(0u64, |n, &d| {
            d.is_ascii_digit().then(|| n * 10 + u64::from(d - b'0'))
        })
    };
    if b.len() < 20
        || b[4] != b'-'
        || b[7] != b'-'
        || !matches!(b[10], b'T' | b't')
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (hour, minute, second) = (num(11..13)?, num(14..16)?, num(17..19)?);
    let mut at = 19;
    if b[at] == b'.' {
        at += 1;
        let start = at;
        while b.get(at).is_some_and(u8::is_ascii_digit) {
            at += 1;
        }
        if at == start {
            return None;
        }
    }
    let offset: i64 = match b.get(at..)? {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let digits = [*h1, *h2, *m1, *m2];
            if !digits.iter().all(u8::is_ascii_digit) {
                return None;
            }
            let (h, m) = (
                i64::from((h1 - b'0') * 10 + (h2 - b'0')),
                i64::from((m1 - b'0') * 10 + (m2 - b'0')),
            );
            if h > 23 || m > 59 {
                return None;
            }
            let secs = h * 3600 + m * 60;
            if *sign == b'+' { secs } else { -secs }
        }
        _ => return None,
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let month_days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if !(1..=12).contains(&month)
        || day == 0
        || day > month_days[(month - 1) as usize]
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let days = days_from_civil(year, month, day)?;
    let local =
        i64::try_from(days.checked_mul(86_400)? + hour * 3600 + minute * 60 + second).ok()?;
    u64::try_from(local - offset).ok()
}

/// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's `days_from_civil`),
/// `None` before 1970.
fn days_from_civil(year: u64, month: u64, day: u64) -> Option<u64> {
    let y = i64::try_from(year).ok()? - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::try_from(month).ok()?;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::try_from(day).ok()? - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    u64::try_from(era * 146_097 + doe - 719_468).ok()
}

/// Unix seconds as an RFC 3339 UTC date-time, `YYYY-MM-DDTHH:MM:SSZ`.
pub(crate) fn format_rfc3339(secs: u64) -> String {
    let days = secs / 86_400;
    let rem = secs % 86_400;
    // Hinnant's `civil_from_days`.
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem / 60 % 60,
        rem % 60
    )
}

#[cfg(test)]
mod rfc3339_tests {
    use super::*;

    #[test]
    fn rfc3339_round_trips_and_is_strict() {
        assert_eq!(parse_rfc3339("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(parse_rfc3339("2023-11-14T22:13:20Z"), Some(1_700_000_000));
        assert_eq!(
            parse_rfc3339("2023-11-14T14:13:20-08:00"),
            Some(1_700_000_000)
        );
        assert_eq!(
            parse_rfc3339("2023-11-15T00:13:20.999+02:00"),
            Some(1_700_000_000)
        );
        assert_eq!(parse_rfc3339("2024-02-29T00:00:00Z"), Some(1_709_164_800));
        for bad in [
            "2023-02-29T00:00:00Z",
            "2023-11-14 22:13:20Z",
            "2023-11-14T22:13:20",
            "2023-11-14T22:13:20.Z",
            "2023-13-01T00:00:00Z",
            "1969-12-31T23:59:59Z",
            "2023-11-14T22:13:20+0100",
            "２023-11-14T22:13:20Z",
        ] {
            assert_eq!(parse_rfc3339(bad), None, "{bad}");
        }
        for secs in [0, 1_700_000_000, 951_782_400, 4_102_444_800] {
            assert_eq!(parse_rfc3339(&format_rfc3339(secs)), Some(secs), "{secs}");
        }
        assert_eq!(format_rfc3339(1_700_000_000), "2023-11-14T22:13:20Z");
    }
}
