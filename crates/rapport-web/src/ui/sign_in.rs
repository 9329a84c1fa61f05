//! Signing in and out. The sign-in form is bound to the browser that loaded it by a
//! cookie (there is no session to hold a CSRF token yet); failures are throttled per
//! account and per address by the application layer.

use super::i18n::Tr;
use super::session::{
    Peer, SIGN_IN_COOKIE, Visitor, cookie, encode_component, is_cross_site, is_secure, language,
    same_secret, set_cookie, signed_out, with_session,
};
use crate::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use jiff::tz::TimeZone;
use rapport_app::{AppError, SignInInput};
use rapport_domain::SessionStage;
use serde::Deserialize;

#[derive(Template, WebTemplate)]
#[template(path = "sign_in.html")]
pub struct SignInPage {
    pub tr: Tr,
    pub csrf: String,
    pub next: String,
    pub email: String,
    pub error: Option<String>,
}

#[derive(Deserialize)]
pub struct NextParam {
    pub next: Option<String>,
}

/// Only a path on this desk: never `//elsewhere`, `/\\elsewhere`, `https://elsewhere`, nor
/// a path with spaces or control characters (browsers drop a tab, turning `/<tab>/x`
/// into `//x`).
pub(super) fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n)
            if n.starts_with('/')
                && !n.starts_with("//")
                && n.bytes().all(|b| (0x21..=0x7e).contains(&b) && b != b'\\') =>
        {
            n.to_owned()
        }
        _ => "/today".to_owned(),
    }
}

fn page(
    headers: &HeaderMap,
    now: jiff::Timestamp,
    csrf: String,
    next: String,
    email: String,
    error: Option<String>,
) -> SignInPage {
    SignInPage {
        tr: Tr::new(language(None, headers), TimeZone::UTC, now),
        csrf,
        next,
        email,
        error,
    }
}

pub async fn form(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(params): Query<NextParam>,
) -> Response {
    // One token per browser for the cookie's hour, so that a second tab or a stray
    // request for an icon does not spoil the form already on screen.
    let kept = cookie(&headers, SIGN_IN_COOKIE)
        .filter(|t| t.len() == 64 && t.bytes().all(|b| b.is_ascii_hexdigit()))
        .map(str::to_owned);
    let token = match kept.map_or_else(rapport_app::random_secret, Ok) {
        Ok(token) => token,
        Err(error) => {
            return super::PageError::of(
                &Tr::new(language(None, &headers), TimeZone::UTC, state.now()),
                error,
            )
            .into_response();
        }
    };
    let secure = is_secure(&state, &headers);
    let cookie = set_cookie(SIGN_IN_COOKIE, &token, "/sign-in", Some(3600), secure);
    let next = safe_next(params.next.as_deref());
    let mut response =
        page(&headers, state.now(), token, next, String::new(), None).into_response();
    response.headers_mut().append(header::SET_COOKIE, cookie);
    response
}

#[derive(Deserialize)]
pub struct SignInForm {
    pub email: String,
    pub password: String,
    #[serde(default)]
    pub next: Option<String>,
    #[serde(default)]
    pub csrf: String,
}

pub async fn submit(
    State(state): State<AppState>,
    Peer(address): Peer,
    headers: HeaderMap,
    Form(form): Form<SignInForm>,
) -> Response {
    let tr = Tr::new(language(None, &headers), TimeZone::UTC, state.now());
    let bound = cookie(&headers, SIGN_IN_COOKIE)
        .is_some_and(|c| c.len() == 64 && same_secret(c, &form.csrf));
    if is_cross_site(&headers) || !bound {
        return (
            StatusCode::FORBIDDEN,
            page(
                &headers,
                state.now(),
                form.csrf,
                safe_next(form.next.as_deref()),
                form.email,
                Some(tr.t("sign-in-expired")),
            ),
        )
            .into_response();
    }
    let input = SignInInput {
        email: form.email.clone(),
        password: form.password,
        address,
        user_agent: headers
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned),
    };
    let next = safe_next(form.next.as_deref());
    match state.app.sign_in(input, state.now()).await {
        Ok(signed_in) => {
            let secure = is_secure(&state, &headers);
            // A second factor is still owed: its page first, then where the visit was going.
            let to = match signed_in.session.stage {
                SessionStage::Full => next,
                SessionStage::Code => format!("/sign-in/code?next={}", encode_component(&next)),
                SessionStage::Enroll => "/settings/second-factor".to_owned(),
            };
            let mut response = with_session(
                &state,
                &headers,
                &signed_in,
                Redirect::to(&to).into_response(),
            );
            response.headers_mut().append(
                header::SET_COOKIE,
                set_cookie(SIGN_IN_COOKIE, "", "/sign-in", Some(0), secure),
            );
            response
        }
        Err(AppError::Throttled { retry_after_secs }) => {
            let minutes = retry_after_secs.div_ceil(60);
            let body = page(
                &headers,
                state.now(),
                form.csrf,
                next,
                form.email,
                Some(tr.t1("sign-in-throttled", "minutes", minutes)),
            );
            let mut response = (StatusCode::TOO_MANY_REQUESTS, body).into_response();
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(retry_after_secs));
            response
        }
        Err(AppError::Unauthenticated(_)) => (
            StatusCode::UNAUTHORIZED,
            page(
                &headers,
                state.now(),
                form.csrf,
                next,
                form.email,
                Some(tr.t("sign-in-wrong")),
            ),
        )
            .into_response(),
        Err(error) => super::PageError::of(&tr, error).into_response(),
    }
}

/// Ends this browser's session (the session middleware checked the CSRF token).
pub async fn sign_out(
    State(state): State<AppState>,
    visitor: Visitor,
    headers: HeaderMap,
) -> Response {
    let acting = visitor.acting();
    if let Err(error) = state.app.end_session(&acting, visitor.session.id).await {
        return super::PageError::of(&visitor.tr(), error).into_response();
    }
    signed_out(&state, &headers)
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn only_paths_on_this_desk_are_followed_after_sign_in() {
        assert_eq!(safe_next(Some("/requests/4")), "/requests/4");
        assert_eq!(safe_next(Some("//evil.example/")), "/today");
        assert_eq!(safe_next(Some("https://evil.example/")), "/today");
        assert_eq!(safe_next(Some("/\\evil.example")), "/today");
        assert_eq!(safe_next(Some("/\t/evil.example")), "/today");
        assert_eq!(safe_next(Some("/ /evil.example")), "/today");
        assert_eq!(safe_next(Some("/inbox?state=new")), "/inbox?state=new");
        assert_eq!(safe_next(None), "/today");
    }
}
