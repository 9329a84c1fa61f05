//! Rapport's HTTP face: the JSON API under `/api/v1`, the web desk's pages (`ui/`),
//! health checks, the OpenAPI document.
//!
//! Only this crate knows HTTP and HTML. Handlers parse input into the application
//! layer's input models (`extract.rs`, `routes/`, `ui/`), call one action of
//! `rapport_app::App`, and answer with a view (`rapport_app::views`, a template) or an
//! error. The API needs a bearer token; every page but sign-in needs a session.

pub mod auth;
mod error;
mod extract;
mod openapi;
mod routes;
pub mod ui;

pub use error::{ApiError, ErrorBody};
pub use openapi::openapi_document;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::get;
use jiff::Timestamp;
use rapport_app::App;
use rapport_domain::Clock;
use std::sync::Arc;

/// Largest accepted request body. Large enough for any message text; attachments
/// arrive through mail ingestion, not JSON.
pub const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub app: App,
    pub clock: Arc<dyn Clock>,
    pub tokens: Arc<auth::TokenCache>,
    pub web: WebSettings,
}

/// How the web desk is served.
#[derive(Clone, Debug, Default)]
pub struct WebSettings {
    /// Mark cookies Secure: the desk is reached over TLS (a proxy's
    /// `X-Forwarded-Proto: https` does the same per request).
    pub secure_cookies: bool,
    /// Reverse proxies whose `X-Forwarded-For` names the browser's address (for the
    /// sign-in throttle and the sessions list); anyone else's is ignored.
    pub trusted_proxies: Vec<std::net::IpAddr>,
}

impl AppState {
    pub fn new(app: App, clock: Arc<dyn Clock>) -> Self {
        Self {
            app,
            clock,
            tokens: Arc::default(),
            web: WebSettings::default(),
        }
    }

    pub fn now(&self) -> Timestamp {
        self.clock.now()
    }
}

/// The whole application: health checks open, the API behind a token, the pages
/// behind a session.
pub fn app(state: AppState) -> Router {
    let (api, _) = openapi::api_router().split_for_parts();
    api.route("/api/v1/openapi.json", get(openapi::serve_document))
        .route(auth::HEALTH_PATHS[0], get(routes::health::healthz))
        .route(auth::HEALTH_PATHS[1], get(routes::health::readyz))
        .route("/calendar/{file}", get(routes::calendar_feed::feed))
        .merge(ui::router())
        .fallback(routes::health::unknown_route)
        .method_not_allowed_fallback(routes::health::method_not_allowed)
        // Outermost the credential checks, so even a 404 or a 413 needs one.
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            ui::session::require_session,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            auth::require_token,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            ui::session::security_headers,
        ))
        .layer(tower_http::trace::TraceLayer::new_for_http())
        .with_state(state)
}

/// Serves the application on `listener` until `shutdown` completes, then lets
/// requests in flight finish.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let service = app(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, service)
        .with_graceful_shutdown(shutdown)
        .await
}
