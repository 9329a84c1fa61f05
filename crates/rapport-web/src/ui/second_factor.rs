//! Two-step sign-in in the browser: the code page after the password, and the setup
//! page (a QR code for the authenticator app, the first code, the recovery codes shown
//! once, turning it off). A session that still owes its second factor reaches only
//! these pages (the session middleware sees to that).

use super::i18n::Tr;
use super::session::{Peer, Visitor, with_session};
use super::sign_in::{NextParam, safe_next};
use super::{Chrome, PageError};
use crate::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use rapport_app::AppError;
use rapport_domain::SessionStage;
use serde::Deserialize;

#[derive(Template, WebTemplate)]
#[template(path = "sign_in_code.html")]
pub struct CodePage {
    pub tr: Tr,
    pub csrf: String,
    pub next: String,
    pub error: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "second_factor.html")]
pub struct SetupPage {
    pub tr: Tr,
    pub chrome: Chrome,
    pub on_since: Option<String>,
    pub required: bool,
    pub codes_left: i64,
    /// The secret in groups of four and its QR code (SVG), while a setup is open.
    pub setup: Option<(String, String)>,
    /// Recovery codes just made: shown this once.
    pub codes: Vec<String>,
    pub error: Option<String>,
    /// Where "continue" leads once the codes are saved.
    pub next: &'static str,
}

#[derive(Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub next: Option<String>,
}

fn code_page(visitor: &Visitor, next: String, error: Option<String>) -> CodePage {
    CodePage {
        tr: visitor.tr(),
        csrf: visitor.session.csrf.clone(),
        next,
        error,
    }
}

pub async fn code_form(visitor: Visitor, Query(params): Query<NextParam>) -> Response {
    if visitor.session.stage != SessionStage::Code {
        return Redirect::to("/today").into_response();
    }
    code_page(&visitor, safe_next(params.next.as_deref()), None).into_response()
}

pub async fn code_submit(
    State(state): State<AppState>,
    visitor: Visitor,
    Peer(address): Peer,
    headers: HeaderMap,
    Form(form): Form<CodeForm>,
) -> Response {
    let tr = visitor.tr();
    let next = safe_next(form.next.as_deref());
    let result = state
        .app
        .pass_second_factor(
            &visitor.session,
            &visitor.user,
            &form.code,
            address.as_deref(),
            state.now(),
        )
        .await;
    match result {
        Ok(signed_in) => with_session(
            &state,
            &headers,
            &signed_in,
            Redirect::to(&next).into_response(),
        ),
        Err(AppError::Throttled { retry_after_secs }) => {
            let minutes = retry_after_secs.div_ceil(60);
            let message = tr.t1("sign-in-throttled", "minutes", minutes);
            let mut response = (
                StatusCode::TOO_MANY_REQUESTS,
                code_page(&visitor, next, Some(message)),
            )
                .into_response();
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(retry_after_secs));
            response
        }
        Err(AppError::Invalid { .. }) => (
            StatusCode::UNAUTHORIZED,
            code_page(&visitor, next, Some(tr.t("second-factor-wrong"))),
        )
            .into_response(),
        Err(error) => PageError::of(&tr, error).into_response(),
    }
}

/// The QR code an authenticator app scans, as inline SVG.
fn qr_svg(uri: &str) -> String {
    use qrcode::render::svg;
    match qrcode::QrCode::new(uri.as_bytes()) {
        Ok(code) => code
            .render::<svg::Color>()
            .min_dimensions(200, 200)
            .dark_color(svg::Color("#111"))
            .light_color(svg::Color("#fff"))
            .build()
            .split_once("?>")
            .map_or_else(String::new, |(_, svg)| svg.to_owned()),
        Err(_) => String::new(),
    }
}

/// A base32 secret in groups of four, as people copy it by hand.
fn grouped(secret: &str) -> String {
    secret
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

async fn setup_page(
    state: &AppState,
    visitor: &Visitor,
    codes: Vec<String>,
    error: Option<String>,
) -> Response {
    let tr = visitor.tr();
    let status = match state.app.second_factor_status(&visitor.acting()).await {
        Ok(status) => status,
        Err(error) => return PageError::of(&tr, error).into_response(),
    };
    let status_code = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let page = SetupPage {
        chrome: Chrome::new(visitor, "settings"),
        on_since: status.on_since.as_ref().map(|at| tr.when(at)),
        required: status.required,
        codes_left: status.recovery_codes_left,
        setup: status
            .setup
            .map(|setup| (grouped(&setup.secret), qr_svg(&setup.uri))),
        codes,
        error,
        next: if visitor.session.stage == SessionStage::Full {
            "/settings/second-factor"
        } else {
            "/today"
        },
        tr,
    };
    (status_code, page).into_response()
}

pub async fn page(State(state): State<AppState>, visitor: Visitor) -> Response {
    setup_page(&state, &visitor, Vec::new(), None).await
}

/// A refusal shown on the setup page itself (a wrong code), else the error page.
async fn refused(state: &AppState, visitor: &Visitor, error: AppError) -> Response {
    match error {
        AppError::Invalid { field, message } => {
            let message = if field == "code" {
                visitor.tr().t("second-factor-wrong")
            } else {
                message
            };
            setup_page(state, visitor, Vec::new(), Some(message)).await
        }
        error => PageError::of(&visitor.tr(), error).into_response(),
    }
}

pub async fn start(State(state): State<AppState>, visitor: Visitor) -> Response {
    match state
        .app
        .begin_second_factor(&visitor.acting(), state.now())
        .await
    {
        Ok(_) => Redirect::to("/settings/second-factor").into_response(),
        Err(error) => refused(&state, &visitor, error).await,
    }
}

/// The first code confirms the setup; the recovery codes are shown this once. A
/// session that had to set it up becomes a full one.
pub async fn confirm(
    State(state): State<AppState>,
    visitor: Visitor,
    headers: HeaderMap,
    Form(form): Form<CodeForm>,
) -> Response {
    let now = state.now();
    let (user, codes) = match state
        .app
        .confirm_second_factor(&visitor.acting(), &form.code, now)
        .await
    {
        Ok(done) => done,
        Err(error) => return refused(&state, &visitor, error).await,
    };
    if visitor.session.stage != SessionStage::Enroll {
        return setup_page(&state, &visitor, codes, None).await;
    }
    match state
        .app
        .finish_enrollment(&visitor.session, &user, now)
        .await
    {
        Ok(signed_in) => {
            let page = setup_page(&state, &visitor, codes, None).await;
            with_session(&state, &headers, &signed_in, page)
        }
        Err(error) => PageError::of(&visitor.tr(), error).into_response(),
    }
}

pub async fn renew_codes(State(state): State<AppState>, visitor: Visitor) -> Response {
    match state
        .app
        .renew_recovery_codes(&visitor.acting(), state.now())
        .await
    {
        Ok(codes) => setup_page(&state, &visitor, codes, None).await,
        Err(error) => refused(&state, &visitor, error).await,
    }
}

pub async fn turn_off(
    State(state): State<AppState>,
    visitor: Visitor,
    Form(form): Form<CodeForm>,
) -> Response {
    let acting = visitor.acting();
    match state
        .app
        .remove_second_factor(&acting, visitor.user.id, Some(&form.code), state.now())
        .await
    {
        Ok(_) => Redirect::to("/settings/second-factor").into_response(),
        Err(error) => refused(&state, &visitor, error).await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_qr_code_is_inline_svg_and_the_secret_reads_in_fours() {
        let svg = qr_svg("otpauth://totp/Rapport:a%40example.jp?secret=MZXW6YTBOI");
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"), "{svg}");
        assert!(!svg.contains("style"), "the CSP forbids inline style");
        assert_eq!(grouped("MZXW6YTBOI"), "MZXW 6YTB OI");
    }
}
