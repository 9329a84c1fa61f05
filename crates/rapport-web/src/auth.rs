//! Bearer-token authentication: the middleware that guards every route but the health
//! checks, and a short cache of verified tokens (the tokens themselves are the
//! application layer's: `rapport_app::App::issue_token`, stored only as hashes).

use crate::AppState;
use crate::error::ApiError;
use axum::extract::{Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::Response;
use rapport_app::{Acting, hash_token};
use rapport_domain::User;

/// The user a request authenticated as, placed in the request's extensions.
#[derive(Clone, Debug)]
pub struct CurrentUser(pub User);

impl CurrentUser {
    /// The user as the application layer's actor, with the rights of their role.
    pub fn acting(&self) -> Acting {
        Acting::user(&self.0)
    }
}

/// The only routes that answer without a token.
pub const HEALTH_PATHS: [&str; 2] = ["/healthz", "/readyz"];

/// Where the calendar feeds live: the one place outside the API that a secret address,
/// not a token, opens (calendar programs cannot send a token).
pub const FEED_PREFIX: &str = "/calendar/";

/// Where the API lives: every path under it needs a bearer token.
pub const API_PREFIX: &str = "/api/";

/// Middleware: refuses an API request with 401 unless it carries a valid bearer token.
/// Pages are the session middleware's (`ui::session`).
pub async fn require_token(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Result<Response, ApiError> {
    let path = request.uri().path();
    // Everything outside the API: the health checks, the calendar feeds whose secret
    // address is their credential, and the pages (`ui::session`).
    if !path.starts_with(API_PREFIX) {
        return Ok(next.run(request).await);
    }
    let header = request
        .headers()
        .get(header::AUTHORIZATION)
        .ok_or_else(|| {
            ApiError::unauthorized(
                "missing Authorization header; send \"Authorization: Bearer <token>\"",
            )
        })?;
    let token = header
        .to_str()
        .ok()
        .and_then(|h| {
            h.strip_prefix("Bearer ")
                .or_else(|| h.strip_prefix("bearer "))
        })
        .map(str::trim)
        .ok_or_else(|| {
            ApiError::unauthorized("the Authorization header must be \"Bearer <token>\"")
        })?;
    let hash = hash_token(token);
    let user = match state.tokens.get(&hash) {
        Some(user) => user,
        None => {
            let user = state
                .app
                .authenticate(token)
                .await?
                .ok_or_else(|| ApiError::unauthorized("invalid or revoked API token"))?;
            state.tokens.insert(hash, user.clone());
            user
        }
    };
    request.extensions_mut().insert(CurrentUser(user));
    Ok(next.run(request).await)
}

/// Recently verified token hashes, so a busy client does not cost a database read per
/// request. An entry lives `TOKEN_CACHE_SECONDS`: a token revoked elsewhere (the command
/// line, another server) stops working within that; one revoked here, at once.
#[derive(Default)]
pub struct TokenCache {
    entries: std::sync::RwLock<std::collections::HashMap<String, (User, std::time::Instant)>>,
}

pub const TOKEN_CACHE_SECONDS: u64 = 10;

impl TokenCache {
    fn get(&self, hash: &str) -> Option<User> {
        let entries = self.entries.read().unwrap_or_else(|e| e.into_inner());
        let (user, at) = entries.get(hash)?;
        (at.elapsed().as_secs() < TOKEN_CACHE_SECONDS).then(|| user.clone())
    }

    /// Forgets every verified token, after a revocation.
    pub fn clear(&self) {
        self.entries
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
    }

    fn insert(&self, hash: String, user: User) {
        let mut entries = self.entries.write().unwrap_or_else(|e| e.into_inner());
        // Bounded: stale entries go whenever the map grows large.
        if entries.len() > 10_000 {
            entries.retain(|_, (_, at)| at.elapsed().as_secs() < TOKEN_CACHE_SECONDS);
        }
        entries.insert(hash, (user, std::time::Instant::now()));
    }
}
