//! The web desk's door: the session cookie, the redirect of anonymous visits to the
//! sign-in page, CSRF checks on every state change, and the security headers of every
//! answer.

use super::i18n::{Lang, Tr};
use crate::AppState;
use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use jiff::tz::TimeZone;
use rapport_domain::{SessionStage, User, WebSession};

pub const SESSION_COOKIE: &str = "rapport_session";
/// Binds the sign-in form to the browser that loaded it (there is no session yet).
pub const SIGN_IN_COOKIE: &str = "rapport_sign_in";
pub const CSRF_HEADER: &str = "x-csrf-token";

/// Paths of the web desk that answer without a session.
pub fn is_open_path(path: &str) -> bool {
    path == "/sign-in"
        || path.starts_with("/assets/")
        || path.starts_with(crate::auth::API_PREFIX)
        || path.starts_with(crate::auth::FEED_PREFIX)
        || crate::auth::HEALTH_PATHS.contains(&path)
}

/// The signed-in person and their session, in a page request's extensions.
#[derive(Clone, Debug)]
pub struct Visitor {
    pub user: User,
    pub session: WebSession,
    /// The person's language and time zone, read once per request.
    tr: Tr,
    /// Their unread notifications (up to 100), for the navigation; read for full pages only.
    pub unread: u32,
}

impl Visitor {
    fn new(user: User, session: WebSession, lang: Lang, now: jiff::Timestamp) -> Self {
        let zone = user
            .time_zone
            .as_ref()
            .and_then(|z| TimeZone::get(z.as_str()).ok())
            .unwrap_or(TimeZone::UTC);
        Self {
            tr: Tr::new(lang, zone, now),
            user,
            session,
            unread: 0,
        }
    }

    pub fn tr(&self) -> Tr {
        self.tr.clone()
    }

    /// The person as the application layer's actor.
    pub fn acting(&self) -> rapport_app::Acting {
        rapport_app::Acting::user(&self.user)
    }
}

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for Visitor {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        _: &S,
    ) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<Visitor>()
            .cloned()
            .ok_or_else(|| sign_in_redirect(parts.uri.path()).into_response())
    }
}

/// The browser's network address, when the server knows it (for the throttle and the
/// sessions list): the connection's, or behind a trusted proxy the nearest address in
/// `X-Forwarded-For` that is not one of the trusted proxies.
pub struct Peer(pub Option<String>);

impl axum::extract::FromRequestParts<AppState> for Peer {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let connection = parts
            .extensions
            .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
            .map(|info| info.0.ip());
        Ok(Peer(
            peer_address(connection, &parts.headers, &state.web.trusted_proxies)
                .map(|ip| ip.to_string()),
        ))
    }
}

fn peer_address(
    connection: Option<std::net::IpAddr>,
    headers: &HeaderMap,
    trusted: &[std::net::IpAddr],
) -> Option<std::net::IpAddr> {
    let connection = connection?;
    if !trusted.contains(&connection) {
        return Some(connection);
    }
    let forwarded: Vec<std::net::IpAddr> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|a| a.trim().parse().ok())
        .collect();
    // Each proxy appends the address it saw: read from the right, past our own proxies.
    Some(
        forwarded
            .into_iter()
            .rev()
            .find(|a| !trusted.contains(a))
            .unwrap_or(connection),
    )
}

/// The value of cookie `name` in the request's Cookie headers.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|pair| {
            let (key, value) = pair.trim().split_once('=')?;
            (key == name).then_some(value)
        })
}

/// A Set-Cookie value: HttpOnly, SameSite=Lax, Secure when the desk is behind TLS.
pub fn set_cookie(
    name: &str,
    value: &str,
    path: &str,
    max_age: Option<i64>,
    secure: bool,
) -> HeaderValue {
    let mut cookie = format!("{name}={value}; Path={path}; HttpOnly; SameSite=Lax");
    if let Some(age) = max_age {
        cookie.push_str(&format!("; Max-Age={age}"));
    }
    if secure {
        cookie.push_str("; Secure");
    }
    HeaderValue::from_str(&cookie).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// The answer after a sign-out: the sign-in page, and the session cookie cleared.
pub fn signed_out(state: &AppState, headers: &HeaderMap) -> Response {
    let mut response = Redirect::to("/sign-in").into_response();
    let cookie = set_cookie(SESSION_COOKIE, "", "/", Some(0), is_secure(state, headers));
    response.headers_mut().append(header::SET_COOKIE, cookie);
    response
}

/// `response` carrying a new session's cookie, for as long as the session lives.
pub fn with_session(
    state: &AppState,
    headers: &HeaderMap,
    signed_in: &rapport_app::SignedIn,
    mut response: Response,
) -> Response {
    let age = (signed_in.session.expires_at - state.now())
        .as_secs()
        .max(0);
    let secure = is_secure(state, headers);
    let cookie = set_cookie(SESSION_COOKIE, &signed_in.secret, "/", Some(age), secure);
    response.headers_mut().append(header::SET_COOKIE, cookie);
    response
}

/// Whether the browser reached the desk over TLS (directly or through a proxy that says so).
pub fn is_secure(state: &AppState, headers: &HeaderMap) -> bool {
    state.web.secure_cookies
        || headers
            .get("x-forwarded-proto")
            .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"https"))
}

/// The page's language: the person's setting, else what the browser asks for.
pub fn language(user: Option<&User>, headers: &HeaderMap) -> Lang {
    user.and_then(|u| u.language.as_ref())
        .and_then(|tag| Lang::of_tag(tag.as_str()))
        .unwrap_or_else(|| {
            Lang::negotiate(
                headers
                    .get(header::ACCEPT_LANGUAGE)
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or(""),
            )
        })
}

fn sign_in_redirect(path_and_query: &str) -> Redirect {
    if path_and_query == "/" || path_and_query.is_empty() {
        return Redirect::to("/sign-in");
    }
    Redirect::to(&format!(
        "/sign-in?next={}",
        encode_component(path_and_query)
    ))
}

/// Percent-encodes everything but unreserved characters.
pub fn encode_component(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A cross-site state change: the browser says so (`Sec-Fetch-Site`), or the Origin is
/// not this host.
pub fn is_cross_site(headers: &HeaderMap) -> bool {
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok())
        && !matches!(site, "same-origin" | "none")
    {
        return true;
    }
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    match headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        // Old browsers send neither header; the token below still holds.
        None => false,
        Some(origin) => {
            let origin_host = origin.split_once("://").map(|(_, rest)| rest);
            origin_host.is_none() || origin_host != host
        }
    }
}

/// The `csrf` field of a form body, or the header a partial update sends.
pub fn presented_token<'a>(headers: &'a HeaderMap, body: &'a [u8]) -> Option<&'a str> {
    if let Some(token) = headers.get(CSRF_HEADER).and_then(|v| v.to_str().ok()) {
        return Some(token);
    }
    std::str::from_utf8(body)
        .ok()?
        .split('&')
        .find_map(|pair| pair.strip_prefix("csrf="))
}

pub use rapport_app::same_secret;

fn refused(status: StatusCode, message: &'static str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        message,
    )
        .into_response()
}

/// Middleware for every page: finds the session behind the cookie (anonymous visits go
/// to the sign-in page with 303), and refuses a state change that is cross-site or
/// lacks the session's CSRF token.
pub async fn require_session(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path().to_owned();
    if is_open_path(&path) {
        return next.run(request).await;
    }
    let changes_state = !matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    // A cross-site state change is refused before anything else, signed in or not.
    if changes_state && is_cross_site(request.headers()) {
        return refused(
            StatusCode::FORBIDDEN,
            "refused: a cross-site request may not change anything here",
        );
    }
    let found = match cookie(request.headers(), SESSION_COOKIE) {
        Some(secret) => state.app.session(secret, state.now()).await,
        None => Ok(None),
    };
    let (session, user) = match found {
        Ok(Some(found)) => found,
        Ok(None) => {
            if super::is_partial(request.headers()) {
                let mut answer = StatusCode::UNAUTHORIZED.into_response();
                answer
                    .headers_mut()
                    .insert("hx-redirect", HeaderValue::from_static("/sign-in"));
                return answer;
            }
            let target = request
                .uri()
                .path_and_query()
                .map_or("/", |pq| pq.as_str())
                .to_owned();
            let target = if request.method() == Method::GET {
                target
            } else {
                "/".to_owned()
            };
            return sign_in_redirect(&target).into_response();
        }
        Err(error) => {
            tracing::error!(%error, "a session could not be read");
            return refused(
                StatusCode::SERVICE_UNAVAILABLE,
                "the desk cannot be reached; try again",
            );
        }
    };
    if let Err(home) = staged_path(session.stage, &path) {
        if super::is_partial(request.headers()) {
            let mut answer = StatusCode::UNAUTHORIZED.into_response();
            answer
                .headers_mut()
                .insert("hx-redirect", HeaderValue::from_static(home));
            return answer;
        }
        return Redirect::to(home).into_response();
    }
    let (mut parts, body) = request.into_parts();
    let body = if !changes_state {
        body
    } else {
        let Ok(bytes) = to_bytes(body, crate::MAX_BODY_BYTES).await else {
            return refused(StatusCode::PAYLOAD_TOO_LARGE, "the form is too large");
        };
        match presented_token(&parts.headers, &bytes) {
            Some(token) if same_secret(token, &session.csrf) => {}
            _ => {
                return refused(
                    StatusCode::FORBIDDEN,
                    "refused: the form has expired or did not come from this desk; reload the page and try again",
                );
            }
        }
        Body::from(bytes)
    };
    let lang = language(Some(&user), &parts.headers);
    let mut visitor = Visitor::new(user, session, lang, state.now());
    // Only a full page shows the navigation's unread count.
    if !changes_state
        && !super::is_partial(&parts.headers)
        && visitor.session.stage == SessionStage::Full
    {
        let acting = visitor.acting();
        match state
            .app
            .unread_notification_count(&acting, state.now())
            .await
        {
            Ok(unread) => visitor.unread = unread,
            Err(error) => tracing::warn!(%error, "the unread notifications could not be counted"),
        }
    }
    parts.extensions.insert(visitor);
    next.run(Request::from_parts(parts, body)).await
}

/// Whether a session may open `path`: a full one anything; one that owes its second
/// factor only that step's pages and signing out, else the page it is sent to.
fn staged_path(stage: SessionStage, path: &str) -> Result<(), &'static str> {
    let (home, allowed): (&'static str, &[&str]) = match stage {
        SessionStage::Full => return Ok(()),
        SessionStage::Code => ("/sign-in/code", &["/sign-in/code"]),
        SessionStage::Enroll => (
            "/settings/second-factor",
            &[
                "/settings/second-factor",
                "/settings/second-factor/start",
                "/settings/second-factor/confirm",
            ],
        ),
    };
    if path == "/sign-out" || allowed.contains(&path) {
        Ok(())
    } else {
        Err(home)
    }
}

/// Headers on every answer: no inline script, no framing, no referrer to other sites;
/// over TLS, HTTPS only from then on.
pub async fn security_headers(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let secure = is_secure(&state, request.headers());
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let set = [
        (
            "content-security-policy",
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
             connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; \
             object-src 'none'",
        ),
        ("x-frame-options", "DENY"),
        ("referrer-policy", "same-origin"),
        ("x-content-type-options", "nosniff"),
        ("cross-origin-opener-policy", "same-origin"),
    ];
    for (name, value) in set {
        headers.insert(name, HeaderValue::from_static(value));
    }
    // Pages and API answers are a person's own: no shared or back-button caching (a new
    // API token is shown once). Static files say otherwise for themselves.
    if !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if secure {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        );
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (k, v) in pairs {
            map.append(*k, HeaderValue::from_static(v));
        }
        map
    }

    #[test]
    fn cross_site_requests_are_recognised() {
        assert!(is_cross_site(&headers(&[("sec-fetch-site", "cross-site")])));
        assert!(is_cross_site(&headers(&[("sec-fetch-site", "same-site")])));
        assert!(!is_cross_site(&headers(&[(
            "sec-fetch-site",
            "same-origin"
        )])));
        assert!(is_cross_site(&headers(&[
            ("host", "desk.example"),
            ("origin", "https://evil.example")
        ])));
        assert!(!is_cross_site(&headers(&[
            ("host", "desk.example"),
            ("origin", "https://desk.example")
        ])));
        assert!(is_cross_site(&headers(&[
            ("host", "desk.example"),
            ("origin", "null")
        ])));
        assert!(!is_cross_site(&headers(&[])));
    }

    #[test]
    fn the_browsers_address_is_taken_from_trusted_proxies_only() {
        let proxy: std::net::IpAddr = "10.0.0.2".parse().unwrap();
        let browser: std::net::IpAddr = "203.0.113.7".parse().unwrap();
        let h = headers(&[("x-forwarded-for", "198.51.100.1, 203.0.113.7")]);
        assert_eq!(peer_address(Some(proxy), &h, &[proxy]), Some(browser));
        assert_eq!(
            peer_address(Some(proxy), &h, &[]),
            Some(proxy),
            "not trusted"
        );
        let forged = headers(&[("x-forwarded-for", "10.0.0.2")]);
        assert_eq!(
            peer_address(Some(browser), &forged, &[proxy]),
            Some(browser)
        );
        assert_eq!(
            peer_address(Some(proxy), &HeaderMap::new(), &[proxy]),
            Some(proxy)
        );
    }

    #[test]
    fn a_session_owing_its_second_factor_opens_only_that_step() {
        assert_eq!(staged_path(SessionStage::Full, "/inbox"), Ok(()));
        assert_eq!(
            staged_path(SessionStage::Code, "/inbox"),
            Err("/sign-in/code")
        );
        assert_eq!(staged_path(SessionStage::Code, "/sign-in/code"), Ok(()));
        assert_eq!(staged_path(SessionStage::Code, "/sign-out"), Ok(()));
        assert_eq!(
            staged_path(SessionStage::Code, "/settings/second-factor/start"),
            Err("/sign-in/code")
        );
        assert_eq!(
            staged_path(SessionStage::Enroll, "/settings/second-factor/confirm"),
            Ok(())
        );
        assert_eq!(
            staged_path(SessionStage::Enroll, "/settings/second-factor/off"),
            Err("/settings/second-factor")
        );
    }

    #[test]
    fn cookies_and_tokens_are_found() {
        let h = headers(&[("cookie", "a=1; rapport_session=abc; b=2")]);
        assert_eq!(cookie(&h, SESSION_COOKIE), Some("abc"));
        assert_eq!(cookie(&h, "c"), None);
        assert_eq!(
            presented_token(&HeaderMap::new(), b"body=x&csrf=tok&y=1"),
            Some("tok")
        );
        assert_eq!(presented_token(&HeaderMap::new(), b"body=xcsrf=tok"), None);
        assert!(same_secret("abc", "abc") && !same_secret("abc", "abd") && !same_secret("a", "ab"));
        assert_eq!(
            encode_component("/inbox?state=new&x=日"),
            "/inbox%3Fstate%3Dnew%26x%3D%E6%97%A5"
        );
    }
}
