//! Real HTTP servers on 127.0.0.1 for the sender's tests: each records every request (headers,
//! body, arrival time), counts requests in flight (its own and, optionally, a gauge shared
//! by several servers), and answers through a test-supplied handler.
#![allow(dead_code, reason = "each test file uses part of it")]
#![allow(
    clippy::unwrap_used,
    reason = "test code: a failed unwrap is a failed assertion"
)]

use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use axum::Router;
use axum::body::Body;
use axum::extract::Request;
use axum::response::{IntoResponse, Response};

/// One request as the server saw it.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub path: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    pub at: Instant,
}

impl Recorded {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Requests in flight and the most seen at once.
#[derive(Debug, Default)]
pub struct Gauge {
    now: AtomicUsize,
    max: AtomicUsize,
}

impl Gauge {
    fn enter(&self) {
        let now = self.now.fetch_add(1, Ordering::SeqCst) + 1;
        self.max.fetch_max(now, Ordering::SeqCst);
    }
    fn leave(&self) {
        self.now.fetch_sub(1, Ordering::SeqCst);
    }
    pub fn max(&self) -> usize {
        self.max.load(Ordering::SeqCst)
    }
}

pub type BoxFuture<T> = Pin<Box<dyn Future<Output = T> + Send>>;

/// Answers request number `n` (0-based, in arrival order).
pub type Handler = Arc<dyn Fn(usize, Recorded) -> BoxFuture<Response> + Send + Sync>;

pub struct Server {
    pub addr: SocketAddr,
    pub requests: Arc<Mutex<Vec<Recorded>>>,
    pub gauge: Arc<Gauge>,
}

impl Server {
    /// A server answering every request through `handler`.
    pub async fn start(handler: Handler) -> Server {
        Server::start_with_gauge(handler, None).await
    }

    /// The same, also counting its requests in flight on `shared`.
    pub async fn start_with_gauge(handler: Handler, shared: Option<Arc<Gauge>>) -> Server {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        let requests: Arc<Mutex<Vec<Recorded>>> = Arc::default();
        let gauge: Arc<Gauge> = Arc::default();
        let (log, own) = (Arc::clone(&requests), Arc::clone(&gauge));
        let app = Router::new().fallback(move |req: Request| {
            let (log, own, shared, handler) = (
                Arc::clone(&log),
                Arc::clone(&own),
                shared.clone(),
                Arc::clone(&handler),
            );
            async move {
                own.enter();
                if let Some(g) = &shared {
                    g.enter();
                }
                let path = req.uri().path().to_owned();
                let headers = req
                    .headers()
                    .iter()
                    .map(|(n, v)| (n.as_str().to_owned(), v.to_str().unwrap_or("").to_owned()))
                    .collect();
                let body = axum::body::to_bytes(req.into_body(), usize::MAX)
                    .await
                    .map(|b| b.to_vec())
                    .unwrap_or_default();
                let recorded = Recorded {
                    path,
                    headers,
                    body,
                    at: Instant::now(),
                };
                let n = {
                    let mut log = log.lock().unwrap();
                    log.push(recorded.clone());
                    log.len() - 1
                };
                let response = handler(n, recorded).await;
                own.leave();
                if let Some(g) = &shared {
                    g.leave();
                }
                response
            }
        });
        tokio::spawn(async move { axum::serve(listener, app).await.expect("serve") });
        Server {
            addr,
            requests,
            gauge,
        }
    }

    /// A server answering the statuses in `script` in turn (the last one repeated).
    pub async fn script(script: &[u16]) -> Server {
        let script: Vec<u16> = script.to_vec();
        Server::start(Arc::new(move |n, _| {
            let status = script[n.min(script.len() - 1)];
            Box::pin(async move { status_response(status, &[]) })
        }))
        .await
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    pub fn recorded(&self) -> Vec<Recorded> {
        self.requests.lock().unwrap().clone()
    }

    pub fn count(&self) -> usize {
        self.requests.lock().unwrap().len()
    }
}

/// A response with this status, headers and a short body.
pub fn status_response(status: u16, headers: &[(&str, &str)]) -> Response {
    let mut response = Response::builder().status(status);
    for (name, value) in headers {
        response = response.header(*name, *value);
    }
    response
        .body(Body::from(format!("status {status}")))
        .expect("response")
        .into_response()
}
