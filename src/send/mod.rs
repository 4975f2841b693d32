//! The sender: deliver signed webhooks over HTTP with retries, and a record of every attempt
//! (feature `send`).
//!
//! A [`Sender`] signs each message with any provider's [`Sign`] (Standard Webhooks, Stripe,
//! GitHub, …), POSTs it, and retries failures on a [`RetryPolicy`]. What it does, and why:
//!
//! - **One id, a fresh signature per attempt.** Every attempt carries the message's id
//!   (receivers deduplicate on it) and is signed again with the attempt's own timestamp, so a
//!   retry hours later is still inside the receiver's replay window.
//! - **Retries** on connection errors, timeouts, 408, 425, 429, 5xx, and 409 with
//!   `Retry-After` (hooksign's own receiver answers that while a duplicate is in progress);
//!   `Retry-After` (seconds or HTTP date) is honoured, capped. Other 4xx and redirects are not
//!   retried; `410 Gone` ends with [`Outcome::Gone`] (the endpoint should be disabled).
//! - **Safe by default**: non-global addresses (loopback, private, link-local and cloud
//!   metadata, …, in any spelling) are refused unless allowed ([`AddressPolicy`]); names are
//!   resolved once per connection and the vetted addresses are the ones connected; redirects
//!   are not followed; environment proxies are ignored; each attempt has a connect and a total
//!   timeout; at most a few KiB of each answer is read; request bodies are capped.
//! - **A record of everything**: a serialisable [`Report`] per message, callbacks for each
//!   [`Attempt`] and outcome, and lifetime [`Stats`] (success rate, latency percentiles).
//! - **Many at once**: concurrency is bounded overall and per host (a slow endpoint cannot
//!   take every slot), for single sends, [`fan_out`](Sender::fan_out) and
//!   [`send_all`](Sender::send_all) alike.
//! - **Injectable time and DNS**: a [`Clock`] (a [`ManualClock`] runs a whole schedule
//!   without waiting) and a [`Resolver`].
//!
//! ```no_run
//! use hooksign::{SecretSet, StandardWebhooks};
//! use hooksign::send::{Outgoing, Sender};
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let signer = StandardWebhooks::new(SecretSet::new(["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"])?)?;
//! let sender = Sender::builder(signer).build()?;
//! let message = Outgoing::json(&serde_json::json!({"type": "invoice.paid"}))?
//!     .with_event_type("invoice.paid");
//! let report = sender.send("https://customer.example/webhooks", &message).await;
//! println!("{}", serde_json::to_string(&report)?);
//! # Ok(()) }
//! ```

use std::collections::HashMap;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use futures_util::stream::{Stream, StreamExt};
use reqwest::header::{HeaderName, HeaderValue};
use tokio::sync::Semaphore;

use crate::{Message, SecretError, SecretSet, Sign, StandardWebhooks};

mod address;
mod clock;
mod message;
mod report;
mod retry;
mod transport;

pub use address::{
    AddressPolicy, AddressRange, Cidr, CidrError, Refusal, Resolver, StaticResolver,
    SystemResolver, Vetting, classify,
};
pub use clock::{Clock, ManualClock, SystemClock};
pub use message::Outgoing;
pub use report::{Attempt, FailureKind, Outcome, Report, Stats};
pub use retry::{RetryPolicy, parse_retry_after};

use clock::millis;
use transport::{HttpRequest, HttpResponse, Transport, TransportError};

/// A boxed, sendable future: what [`Clock::sleep`] and [`Resolver::resolve`] return.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// What one [`Sender::attempt`] did, and whether the delivery goes on.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Step {
    /// The report, with this one attempt (or none, when the message was refused or invalid
    /// up front).
    pub report: Report,
    /// When to make the next attempt, if the retry policy calls for one.
    pub retry_in: Option<Duration>,
}

/// A signer shared between a sender, its endpoints and tasks.
pub type SharedSigner = Arc<dyn Sign + Send + Sync>;

/// Where to deliver: a URL, optionally with its own signer (fan-out to endpoints with
/// different providers or secrets) and headers.
///
/// ```
/// use hooksign::{GitHub, SecretSet};
/// use hooksign::send::Endpoint;
///
/// let endpoint = Endpoint::new("https://ci.example/github")
///     .with_signer(GitHub::new(SecretSet::new(["per-endpoint secret"])?))
///     .with_header("X-Endpoint", "ci");
/// assert_eq!(endpoint.url(), "https://ci.example/github");
/// assert!(!format!("{endpoint:?}").contains("per-endpoint secret"));
/// # Ok::<(), hooksign::SecretError>(())
/// ```
#[derive(Clone)]
pub struct Endpoint {
    url: String,
    /// The URL parsed on first use and kept (clones share it): an endpoint sent to often is
    /// parsed once.
    parsed: Arc<std::sync::OnceLock<Result<url::Url, String>>>,
    signer: Option<SharedSigner>,
    headers: Vec<(String, String)>,
}

impl Endpoint {
    /// An endpoint signed with the sender's own signer.
    pub fn new(url: impl Into<String>) -> Self {
        Endpoint {
            url: url.into(),
            parsed: Arc::default(),
            signer: None,
            headers: Vec::new(),
        }
    }

    /// Signs deliveries to this endpoint with `signer` instead of the sender's.
    pub fn with_signer(self, signer: impl Sign + Send + Sync + 'static) -> Self {
        self.with_shared_signer(Arc::new(signer))
    }

    /// [`with_signer`](Self::with_signer) with a signer already shared.
    pub fn with_shared_signer(mut self, signer: SharedSigner) -> Self {
        self.signer = Some(signer);
        self
    }

    /// Adds a header sent to this endpoint (after the message's own, before the signature's).
    pub fn with_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// The URL.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The endpoint's own headers.
    ///
    /// ```
    /// let e = hooksign::send::Endpoint::new("https://a.example/").with_header("X-Tenant", "acme");
    /// assert_eq!(e.headers(), [("X-Tenant".to_owned(), "acme".to_owned())]);
    /// ```
    pub fn headers(&self) -> &[(String, String)] {
        &self.headers
    }

    fn parsed(&self) -> Result<&url::Url, &str> {
        self.parsed
            .get_or_init(|| url::Url::parse(&self.url).map_err(|e| format!("invalid URL: {e}")))
            .as_ref()
            .map_err(String::as_str)
    }
}

impl fmt::Debug for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Endpoint")
            .field("url", &redact(&self.url))
            .field("own_signer", &self.signer.is_some())
            .field("headers", &self.headers.len())
            .finish()
    }
}

type AttemptHook = Arc<dyn Fn(&Report, &Attempt) + Send + Sync>;
type OutcomeHook = Arc<dyn Fn(&Report) + Send + Sync>;

/// Builds a [`Sender`]; see [`Sender::builder`] for the defaults.
pub struct SenderBuilder {
    signer: SharedSigner,
    retry: RetryPolicy,
    addresses: AddressPolicy,
    resolver: Arc<dyn Resolver>,
    clock: Arc<dyn Clock>,
    timeout: Duration,
    connect_timeout: Duration,
    max_body: usize,
    capture: usize,
    concurrency: usize,
    per_host: usize,
    max_pending: Option<usize>,
    user_agent: String,
    proxy: Option<String>,
    on_attempt: Option<AttemptHook>,
    on_outcome: Option<OutcomeHook>,
}

impl SenderBuilder {
    /// The retry policy (default [`RetryPolicy::standard_webhooks`]).
    pub fn with_retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Which addresses may be connected (default [`AddressPolicy::global_only`]).
    pub fn with_address_policy(mut self, policy: AddressPolicy) -> Self {
        self.addresses = policy;
        self
    }

    /// The resolver for host names (default [`SystemResolver`]).
    pub fn with_resolver(mut self, resolver: impl Resolver) -> Self {
        self.resolver = Arc::new(resolver);
        self
    }

    /// The clock that signs, stamps and sleeps (default [`SystemClock`]).
    pub fn with_clock(mut self, clock: impl Clock + 'static) -> Self {
        self.clock = Arc::new(clock);
        self
    }

    /// The limit on one attempt, from connecting to the end of the answer read (default
    /// 15 s).
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The limit on connecting, TLS included (default 5 s).
    pub fn with_connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// The largest body sent (default 1 MiB); a larger message ends as [`Outcome::Invalid`].
    pub fn with_max_body(mut self, bytes: usize) -> Self {
        self.max_body = bytes;
        self
    }

    /// How much of each answer's body is read and kept in the report (default 4 KiB); the
    /// rest is never read.
    pub fn with_response_capture(mut self, bytes: usize) -> Self {
        self.capture = bytes;
        self
    }

    /// At most this many requests in flight, over all hosts (default 64; at least 1).
    pub fn with_concurrency(mut self, requests: usize) -> Self {
        self.concurrency = requests.max(1);
        self
    }

    /// At most this many requests in flight to one host and port (default 16; at least 1).
    pub fn with_per_host_concurrency(mut self, requests: usize) -> Self {
        self.per_host = requests.max(1);
        self
    }

    /// How many messages [`Sender::send_all`] keeps going at once, those waiting for a retry
    /// included (default 4 × the overall concurrency).
    pub fn with_max_pending(mut self, messages: usize) -> Self {
        self.max_pending = Some(messages.max(1));
        self
    }

    /// The `User-Agent` (default `hooksign/<version>`).
    pub fn with_user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// Sends every request through this HTTP(S) proxy (`http://proxy.internal:3128`). By
    /// default no proxy is used, whatever the environment says (`HTTP_PROXY` and friends are
    /// ignored: a variable set for other programs must not reroute signed deliveries).
    ///
    /// A security decision: through a proxy, the proxy resolves and connects to the targets.
    /// hooksign still refuses IP-literal targets outside the [`AddressPolicy`], but it cannot
    /// see what a name resolves to, so the proxy's own egress rules must refuse private
    /// addresses for names.
    pub fn with_proxy(mut self, url: impl Into<String>) -> Self {
        self.proxy = Some(url.into());
        self
    }

    /// Calls `hook` after every attempt, with the report so far (the attempt is its last
    /// entry, `retry_in_ms` already decided) before any wait.
    pub fn with_on_attempt(
        mut self,
        hook: impl Fn(&Report, &Attempt) + Send + Sync + 'static,
    ) -> Self {
        self.on_attempt = Some(Arc::new(hook));
        self
    }

    /// Calls `hook` with each final report.
    pub fn with_on_outcome(mut self, hook: impl Fn(&Report) + Send + Sync + 'static) -> Self {
        self.on_outcome = Some(Arc::new(hook));
        self
    }

    /// The sender.
    pub fn build(self) -> Result<Sender, BuildError> {
        let transport = transport::Reqwest::new(transport::ClientSettings {
            connect_timeout: self.connect_timeout,
            user_agent: self.user_agent,
            proxy: self.proxy,
            policy: self.addresses.clone(),
            resolver: self.resolver,
        })
        .map_err(|e| BuildError::Client(e.to_string()))?;
        Ok(Sender {
            inner: Arc::new(Inner {
                signer: self.signer,
                transport: Box::new(transport),
                retry: self.retry,
                addresses: self.addresses,
                clock: self.clock,
                timeout: self.timeout,
                max_body: self.max_body,
                capture: self.capture,
                global: Arc::new(Semaphore::new(self.concurrency)),
                per_host_limit: self.per_host,
                hosts: Mutex::new(HashMap::new()),
                max_pending: self
                    .max_pending
                    .unwrap_or(self.concurrency.saturating_mul(4)),
                on_attempt: self.on_attempt,
                on_outcome: self.on_outcome,
                counters: report::Counters::new(),
                jitter: retry::Jitter::new(),
            }),
        })
    }
}

impl fmt::Debug for SenderBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SenderBuilder")
            .field("retry", &self.retry)
            .field("addresses", &self.addresses)
            .field("timeout", &self.timeout)
            .field("concurrency", &self.concurrency)
            .field("per_host", &self.per_host)
            .finish_non_exhaustive()
    }
}

/// Why a sender could not be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    /// The HTTP client could not be set up (TLS initialisation).
    #[error("cannot set up the HTTP client: {0}")]
    Client(String),
}

/// Delivers signed messages; cheap to clone (clones share limits, stats and connections).
///
/// Every `send` needs a Tokio runtime. See the [module](self) for what it guarantees.
///
/// ```
/// use std::time::Duration;
/// use hooksign::{Stripe, SecretSet};
/// use hooksign::send::{AddressPolicy, Outgoing, Outcome, RetryPolicy, Sender};
///
/// # tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(async {
/// let sender = Sender::builder(Stripe::new(SecretSet::new(["whsec_test"]).unwrap()))
///     .with_retry(RetryPolicy::fast())
///     .with_timeout(Duration::from_secs(5))
///     .build()
///     .unwrap();
/// // Loopback is refused by default, before anything is sent.
/// let report = sender.send("http://127.0.0.1:9/hook", &Outgoing::new("{}")).await;
/// assert_eq!(report.outcome, Outcome::Refused);
/// assert!(report.attempts.is_empty());
/// # });
/// ```
#[derive(Clone)]
pub struct Sender {
    inner: Arc<Inner>,
}

struct Inner {
    signer: SharedSigner,
    transport: Box<dyn Transport>,
    retry: RetryPolicy,
    addresses: AddressPolicy,
    clock: Arc<dyn Clock>,
    timeout: Duration,
    max_body: usize,
    capture: usize,
    global: Arc<Semaphore>,
    per_host_limit: usize,
    hosts: Mutex<HashMap<String, Arc<Semaphore>>>,
    max_pending: usize,
    on_attempt: Option<AttemptHook>,
    on_outcome: Option<OutcomeHook>,
    counters: report::Counters,
    jitter: retry::Jitter,
}

impl fmt::Debug for Sender {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Sender")
            .field("retry", &self.inner.retry)
            .field("addresses", &self.inner.addresses)
            .field("timeout", &self.inner.timeout)
            .finish_non_exhaustive()
    }
}

/// Headers a message may not set: the transport's own.
const FORBIDDEN_HEADERS: &[&str] = &["host", "content-length", "transfer-encoding", "connection"];

impl Sender {
    /// A builder signing with `signer`. Defaults: the Standard Webhooks retry schedule,
    /// global addresses only, a 15 s timeout per attempt (5 s to connect), 1 MiB bodies, 4 KiB
    /// of each answer kept, 64 requests in flight overall and 16 per host.
    pub fn builder(signer: impl Sign + Send + Sync + 'static) -> SenderBuilder {
        Sender::builder_shared(Arc::new(signer))
    }

    /// [`builder`](Self::builder) with a signer already shared.
    pub fn builder_shared(signer: SharedSigner) -> SenderBuilder {
        SenderBuilder {
            signer,
            retry: RetryPolicy::default(),
            addresses: AddressPolicy::default(),
            resolver: Arc::new(SystemResolver),
            clock: Arc::new(SystemClock),
            timeout: Duration::from_secs(15),
            connect_timeout: Duration::from_secs(5),
            max_body: 1024 * 1024,
            capture: 4096,
            concurrency: 64,
            per_host: 16,
            max_pending: None,
            user_agent: concat!("hooksign/", env!("CARGO_PKG_VERSION")).to_owned(),
            proxy: None,
            on_attempt: None,
            on_outcome: None,
        }
    }

    /// A Standard Webhooks builder from its secrets (`whsec_…`): the default provider.
    ///
    /// ```
    /// use hooksign::SecretSet;
    /// let builder = hooksign::send::Sender::standard_webhooks(SecretSet::new(["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"])?)?;
    /// # Ok::<(), hooksign::SecretError>(())
    /// ```
    pub fn standard_webhooks(secrets: SecretSet) -> Result<SenderBuilder, SecretError> {
        Ok(Sender::builder(StandardWebhooks::new(secrets)?))
    }

    /// Delivers `message` to `url` with the sender's signer; see [`send_to`](Self::send_to).
    pub async fn send(&self, url: &str, message: &Outgoing) -> Report {
        let parsed = url::Url::parse(url).map_err(|e| format!("invalid URL: {e}"));
        let parsed = parsed.as_ref().map_err(String::as_str);
        self.deliver(url, parsed, None, &[], message).await
    }

    /// Delivers `message` to `endpoint`, retrying on the sender's policy, and reports every
    /// attempt. Never fails: whatever happens is the report's [`Outcome`].
    ///
    /// Cancellation-safe: dropping the future mid-way abandons the delivery and frees its
    /// slots (it may or may not have reached the endpoint).
    pub async fn send_to(&self, endpoint: &Endpoint, message: &Outgoing) -> Report {
        self.deliver(
            &endpoint.url,
            endpoint.parsed(),
            endpoint.signer.as_ref(),
            &endpoint.headers,
            message,
        )
        .await
    }

    /// Delivers one message to several endpoints at once (each with its own signer, if it
    /// has one), within the sender's limits; the reports come in the endpoints' order.
    pub async fn fan_out(&self, message: &Outgoing, endpoints: &[Endpoint]) -> Vec<Report> {
        futures_util::future::join_all(endpoints.iter().map(|e| self.send_to(e, message))).await
    }

    /// Delivers a stream of messages, each to its endpoint, yielding each report when that
    /// delivery ends (in completion order).
    ///
    /// At most [`with_max_pending`](SenderBuilder::with_max_pending) messages are under way at
    /// once (those waiting for a retry included) and the sender's limits on requests in
    /// flight apply. Dropping the stream cancels what is under way.
    ///
    /// ```no_run
    /// use futures_util::StreamExt;
    /// use hooksign::{SecretSet, StandardWebhooks};
    /// use hooksign::send::{Endpoint, Outgoing, Sender};
    ///
    /// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
    /// let sender = Sender::standard_webhooks(SecretSet::new(["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"])?)?.build()?;
    /// let jobs = (0..100).map(|i| {
    ///     (Endpoint::new("https://customer.example/hooks"), Outgoing::new(format!(r#"{{"n":{i}}}"#)))
    /// });
    /// let mut reports = sender.send_all(futures_util::stream::iter(jobs));
    /// while let Some(report) = reports.next().await {
    ///     println!("{} {:?}", report.id, report.outcome);
    /// }
    /// # Ok(()) }
    /// ```
    pub fn send_all<S>(&self, jobs: S) -> impl Stream<Item = Report> + Send + use<S>
    where
        S: Stream<Item = (Endpoint, Outgoing)> + Send,
    {
        let sender = self.clone();
        let pending = self.inner.max_pending;
        jobs.map(move |(endpoint, message)| {
            let sender = sender.clone();
            async move { sender.send_to(&endpoint, &message).await }
        })
        .buffer_unordered(pending)
    }

    /// One attempt of a delivery whose retries are scheduled elsewhere (a durable outbox, whose
    /// retries must survive a crash): attempt `number` (1 for the first) of a delivery first
    /// tried at `first_tried`, judged by the sender's retry policy as [`send_to`](Self::send_to)
    /// judges each of its attempts.
    ///
    /// The step's report holds this one attempt. When the policy calls for another,
    /// [`Step::retry_in`] says when, and the report's outcome is [`Outcome::Failed`] so far;
    /// otherwise the report is final (and counted in [`stats`](Self::stats) as `send_to`'s).
    ///
    /// ```
    /// # tokio::runtime::Runtime::new()?.block_on(async {
    /// use hooksign::{SecretSet, UnixTime};
    /// use hooksign::send::{Endpoint, Outcome, Outgoing, Sender};
    ///
    /// let sender = Sender::standard_webhooks(SecretSet::new(["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"])?)?.build()?;
    /// // A private address is refused before any attempt: final, no retry.
    /// let step = sender
    ///     .attempt(&Endpoint::new("http://127.0.0.1:9/"), &Outgoing::new("{}"), 1, UnixTime::now())
    ///     .await;
    /// assert_eq!(step.report.outcome, Outcome::Refused);
    /// assert!(step.retry_in.is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// # })?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub async fn attempt(
        &self,
        endpoint: &Endpoint,
        message: &Outgoing,
        number: u32,
        first_tried: crate::UnixTime,
    ) -> Step {
        let inner = &*self.inner;
        let report = Report::new(message.id(), redact(&endpoint.url));
        let prepared = endpoint
            .parsed()
            .map_err(|e| (Outcome::Invalid, e.to_owned()))
            .and_then(|parsed| self.prepare(parsed, &endpoint.headers, message));
        let finish = |report: Report| {
            inner.counters.outcome(report.delivered);
            if let Some(hook) = &inner.on_outcome {
                hook(&report);
            }
            Step {
                report,
                retry_in: None,
            }
        };
        let prepared = match prepared {
            Ok(prepared) => prepared,
            Err((outcome, error)) => return finish(report.finish(outcome, Some(error))),
        };
        let signer = endpoint.signer.as_ref().unwrap_or(&inner.signer);
        let step = self
            .attempt_once(
                &prepared,
                signer.as_ref(),
                message,
                number.max(1),
                first_tried,
            )
            .await;
        let (attempt, outcome, error_text) = match step {
            Ok(step) => step,
            Err(error) => return finish(report.finish(Outcome::Invalid, Some(error))),
        };
        let retry_in = attempt.retry_in_ms.map(Duration::from_millis);
        let mut report = report;
        report.attempts.push(attempt);
        if let (Some(hook), Some(last)) = (&inner.on_attempt, report.attempts.last()) {
            hook(&report, last);
        }
        match outcome {
            Some(outcome) => {
                let error = (outcome != Outcome::Delivered).then_some(error_text);
                finish(report.finish(outcome, error))
            }
            None => Step {
                report: report.finish(Outcome::Failed, Some(error_text)),
                retry_in,
            },
        }
    }

    /// The counts over this sender's lifetime (and its clones').
    pub fn stats(&self) -> Stats {
        self.inner.counters.snapshot()
    }

    async fn deliver(
        &self,
        url: &str,
        parsed: Result<&url::Url, &str>,
        signer: Option<&SharedSigner>,
        endpoint_headers: &[(String, String)],
        message: &Outgoing,
    ) -> Report {
        let inner = &*self.inner;
        let report = Report::new(message.id(), redact(url));
        let prepared = parsed
            .map_err(|e| (Outcome::Invalid, e.to_owned()))
            .and_then(|parsed| self.prepare(parsed, endpoint_headers, message));
        let report = match prepared {
            Ok(prepared) => {
                let signer = signer.unwrap_or(&inner.signer);
                self.attempts(report, prepared, signer.as_ref(), message)
                    .await
            }
            Err((outcome, error)) => report.finish(outcome, Some(error)),
        };
        inner.counters.outcome(report.delivered);
        if let Some(hook) = &inner.on_outcome {
            hook(&report);
        }
        report
    }

    /// Everything checked before the first attempt.
    fn prepare(
        &self,
        parsed: &url::Url,
        endpoint_headers: &[(String, String)],
        message: &Outgoing,
    ) -> Result<Prepared, (Outcome, String)> {
        let inner = &*self.inner;
        let invalid = |e: String| (Outcome::Invalid, e);
        if !matches!(parsed.scheme(), "http" | "https") {
            return Err(invalid(format!(
                "unsupported scheme {:?} (http or https only)",
                parsed.scheme()
            )));
        }
        // `host_str` is the canonical spelling (`127.0.0.1` for `2130706433`, `[::1]`).
        let host = parsed.host_str().unwrap_or_default().to_ascii_lowercase();
        let literal = match parsed.host() {
            Some(url::Host::Ipv4(ip)) => Some(std::net::IpAddr::V4(ip)),
            Some(url::Host::Ipv6(ip)) => Some(std::net::IpAddr::V6(ip)),
            // What `getaddrinfo` would read as an address is judged as one.
            Some(url::Host::Domain(name)) => address::literal(name),
            None => return Err(invalid("the URL has no host".into())),
        };
        if let Some(ip) = literal {
            let shown = host.trim_start_matches('[').trim_end_matches(']');
            inner
                .addresses
                .check(shown, ip)
                .map_err(|r| (Outcome::Refused, r.to_string()))?;
        }
        if message.body().len() > inner.max_body {
            return Err(invalid(format!(
                "the body is {} bytes, over the {} byte limit",
                message.body().len(),
                inner.max_body
            )));
        }
        let mut headers = Vec::new();
        let mut has_content_type = false;
        for (name, value) in message.headers().iter().chain(endpoint_headers) {
            let header = HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| invalid(format!("{name:?} is not a valid header name")))?;
            if FORBIDDEN_HEADERS.contains(&header.as_str()) {
                return Err(invalid(format!("the {name} header cannot be set")));
            }
            let value = HeaderValue::from_str(value)
                .map_err(|_| invalid(format!("the value of {name} is not a valid header value")))?;
            has_content_type |= header == reqwest::header::CONTENT_TYPE;
            headers.push((header, value));
        }
        if !has_content_type {
            headers.push((
                reqwest::header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            ));
        }
        let port = parsed.port_or_known_default().unwrap_or(0);
        Ok(Prepared {
            host_key: format!("{host}:{port}"),
            url: parsed.clone(),
            headers,
        })
    }

    async fn attempts(
        &self,
        mut report: Report,
        prepared: Prepared,
        signer: &(dyn Sign + Send + Sync),
        message: &Outgoing,
    ) -> Report {
        let inner = &*self.inner;
        let first_start = inner.clock.now();
        let mut number = 0u32;
        loop {
            number += 1;
            let step = self
                .attempt_once(&prepared, signer, message, number, first_start)
                .await;
            let (attempt, outcome, error_text) = match step {
                Ok(step) => step,
                Err(error) => return report.finish(Outcome::Invalid, Some(error)),
            };
            let delay = attempt.retry_in_ms;
            report.attempts.push(attempt);
            if let (Some(hook), Some(last)) = (&inner.on_attempt, report.attempts.last()) {
                hook(&report, last);
            }
            if let Some(outcome) = outcome {
                let error = (outcome != Outcome::Delivered).then_some(error_text);
                return report.finish(outcome, error);
            }
            if let Some(ms) = delay {
                inner.clock.sleep(Duration::from_millis(ms)).await;
            }
        }
    }

    /// Attempt `number` of a delivery that started at `first_start`: signs, posts, judges the
    /// answer, and says how the delivery ended (`Some`) or when to try again
    /// (`attempt.retry_in_ms`), with the attempt's error in a sentence. `Err` when the
    /// message cannot be signed.
    async fn attempt_once(
        &self,
        prepared: &Prepared,
        signer: &(dyn Sign + Send + Sync),
        message: &Outgoing,
        number: u32,
        first_start: crate::UnixTime,
    ) -> Result<(Attempt, Option<Outcome>, String), String> {
        let inner = &*self.inner;
        let url_text = prepared.url.as_str();
        // The host's slot first, then the global one: a message waiting for a busy host
        // holds no global slot, so one slow endpoint cannot starve the others.
        let host = self.host_semaphore(&prepared.host_key);
        let (_host_permit, _global_permit) = match host.acquire_owned().await {
            Ok(h) => match Arc::clone(&inner.global).acquire_owned().await {
                Ok(g) => (h, g),
                Err(_) => unreachable!("the sender never closes its semaphore"),
            },
            Err(_) => unreachable!("the sender never closes its semaphores"),
        };

        let now = inner.clock.now();
        let mut signing = Message::new(message.body())
            .with_id(message.id())
            .with_url(url_text)
            .with_method("POST");
        if let Some(event_type) = message.event_type() {
            signing = signing.with_event_type(event_type);
        }
        let signed = signer
            .sign_at(&signing, now)
            .map_err(|e| format!("cannot sign: {e}"))?;
        let mut headers = prepared.headers.clone();
        for (name, value) in &signed {
            let (Ok(name), Ok(value)) = (
                HeaderName::from_bytes(name.as_bytes()),
                HeaderValue::from_str(value),
            ) else {
                return Err(format!("the signer produced an invalid {name} header"));
            };
            headers.retain(|(n, _)| *n != name);
            headers.push((name, value));
        }
        let signed_at = signed_timestamp(&signed).unwrap_or(now.as_secs());

        let started = Instant::now();
        let result = inner
            .transport
            .post(
                HttpRequest {
                    url: prepared.url.clone(),
                    headers,
                    body: message.body_bytes(),
                },
                inner.capture,
                inner.timeout,
            )
            .await;
        let latency = started.elapsed();
        drop((_host_permit, _global_permit));
        inner.counters.attempt(number, latency);

        let mut attempt = Attempt {
            number,
            started_at_ms: now.as_millis(),
            signed_at,
            latency_ms: latency.as_secs_f64() * 1000.0,
            status: None,
            error: None,
            message: None,
            retry_after_ms: None,
            excerpt: None,
            truncated: false,
            retry_in_ms: None,
        };
        let verdict = match result {
            Ok(response) => judge(&mut attempt, response, inner.clock.now()),
            Err(error) => {
                let (kind, text, verdict) = match error {
                    TransportError::Refused(r) => (
                        FailureKind::Refused,
                        r.to_string(),
                        Verdict::Stop(Outcome::Refused),
                    ),
                    TransportError::Connect(t) => (FailureKind::Connect, t, Verdict::Retry),
                    TransportError::Timeout(t) => (FailureKind::Timeout, t, Verdict::Retry),
                    TransportError::Transport(t) => (FailureKind::Transport, t, Verdict::Retry),
                };
                attempt.error = Some(kind);
                attempt.message = Some(text);
                verdict
            }
        };
        let error_text = attempt_error(&attempt);
        let outcome = match verdict {
            Verdict::Stop(outcome) => Some(outcome),
            Verdict::Retry => {
                let elapsed = Duration::from_millis(
                    inner
                        .clock
                        .now()
                        .as_millis()
                        .saturating_sub(first_start.as_millis()),
                );
                let hint = attempt.retry_after_ms.map(Duration::from_millis);
                match inner
                    .retry
                    .next_delay(number, elapsed, hint, inner.jitter.unit())
                {
                    Some(delay) => {
                        attempt.retry_in_ms = Some(millis(delay));
                        None
                    }
                    None => Some(Outcome::Failed),
                }
            }
        };
        Ok((attempt, outcome, error_text))
    }

    fn host_semaphore(&self, key: &str) -> Arc<Semaphore> {
        let mut hosts = self
            .inner
            .hosts
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(semaphore) = hosts.get(key) {
            return Arc::clone(semaphore);
        }
        if hosts.len() >= 4096 {
            // Forget hosts nobody is sending to (their semaphore is only in the map).
            hosts.retain(|_, s| Arc::strong_count(s) > 1);
        }
        let semaphore = Arc::new(Semaphore::new(self.inner.per_host_limit));
        hosts.insert(key.to_owned(), Arc::clone(&semaphore));
        semaphore
    }
}

struct Prepared {
    host_key: String,
    url: url::Url,
    headers: Vec<(HeaderName, HeaderValue)>,
}

enum Verdict {
    Retry,
    Stop(Outcome),
}

/// Fills the attempt from an answer and decides what follows.
fn judge(attempt: &mut Attempt, response: HttpResponse, now: crate::UnixTime) -> Verdict {
    let status = response.status;
    attempt.status = Some(status);
    attempt.retry_after_ms = response
        .retry_after
        .as_deref()
        .and_then(|v| parse_retry_after(v, now))
        .map(millis);
    attempt.excerpt = Some(String::from_utf8_lossy(&response.excerpt).into_owned());
    attempt.truncated = response.truncated;
    match status {
        200..=299 => Verdict::Stop(Outcome::Delivered),
        300..=399 => {
            attempt.error = Some(FailureKind::Redirect);
            attempt.message = Some(match response.location {
                Some(location) => format!("redirect to {} not followed", redact(&location)),
                None => "redirect not followed".to_owned(),
            });
            Verdict::Stop(Outcome::NotRetryable)
        }
        410 => Verdict::Stop(Outcome::Gone),
        409 if attempt.retry_after_ms.is_some() => Verdict::Retry,
        408 | 425 | 429 | 500..=599 => Verdict::Retry,
        _ => Verdict::Stop(Outcome::NotRetryable),
    }
}

/// A sentence for the report's `error`.
fn attempt_error(attempt: &Attempt) -> String {
    match (&attempt.message, attempt.status) {
        (Some(message), _) => message.clone(),
        (None, Some(status)) => format!("the endpoint answered {status}"),
        (None, None) => "no answer".to_owned(),
    }
}

/// The timestamp the signer put in its headers, where the scheme has one in a header of its
/// own (`webhook-timestamp`, `svix-timestamp`, `X-Slack-Request-Timestamp`) or in Stripe's
/// `t=`.
fn signed_timestamp(headers: &crate::SignedHeaders) -> Option<u64> {
    headers.iter().find_map(|(name, value)| {
        let name = name.to_ascii_lowercase();
        if name.ends_with("-timestamp") {
            value.parse().ok()
        } else if name == "stripe-signature" {
            value
                .split(',')
                .find_map(|part| part.strip_prefix("t="))
                .and_then(|t| t.parse().ok())
        } else {
            None
        }
    })
}

/// A URL without user name and password (reports and logs must not carry credentials).
fn redact(url: &str) -> String {
    if !url.contains('@') {
        return url.to_owned();
    }
    match url::Url::parse(url) {
        Ok(mut parsed) => {
            if !parsed.username().is_empty() || parsed.password().is_some() {
                let _ = parsed.set_username("");
                let _ = parsed.set_password(None);
            }
            parsed.to_string()
        }
        // Not a URL: drop whatever precedes an `@`, which might be credentials.
        Err(_) => match url.rsplit_once('@') {
            Some((_, rest)) => format!("…@{rest}"),
            None => url.to_owned(),
        },
    }
}
