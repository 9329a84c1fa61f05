//! The web desk: server-rendered pages in Japanese, Chinese and English.
//!
//! Each page module turns a request into one or two calls of the application layer and
//! renders an askama template (`templates/`, checked at compile time, HTML-escaped).
//! Partial routes (the outbound card as one types) answer only requests that carry
//! htmx's `HX-Request` header. Static files are compiled into the binary.

mod admin;
mod assets;
mod card;
mod clients;
mod engagements;
pub mod i18n;
mod inbox;
mod notifications;
mod requests;
mod second_factor;
pub mod session;
mod settings;
mod sign_in;
mod sla_policies;
mod today;

use crate::AppState;
use axum::Router;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use i18n::Tr;
use rapport_app::AppError;
use rapport_domain::Role;
use session::Visitor;

/// Every page of the desk; the session middleware guards them all but sign-in and assets.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(|| async { Redirect::to("/today") }))
        .route("/sign-in", get(sign_in::form).post(sign_in::submit))
        .route(
            "/sign-in/code",
            get(second_factor::code_form).post(second_factor::code_submit),
        )
        .route("/sign-out", post(sign_in::sign_out))
        .route("/assets/{file}", get(assets::serve))
        .route("/today", get(today::page))
        .route("/inbox", get(inbox::page))
        .route("/inbox/views", post(inbox::save_view))
        .route("/inbox/views/{id}/delete", post(inbox::delete_view))
        .route("/requests/{id}", get(requests::page))
        .route("/requests/{id}/reply", post(requests::reply))
        .route("/requests/{id}/state", post(requests::change_state))
        .route(
            "/requests/{id}/outbound-card",
            post(requests::outbound_card),
        )
        .route("/notifications", get(notifications::page))
        .route("/notifications/{id}/read", post(notifications::read))
        .route("/clients/{id}", get(clients::page))
        .route("/clients/{id}/members", post(clients::add_member))
        .route(
            "/clients/{client}/engagements/{id}/terms",
            post(engagements::set_terms),
        )
        .route(
            "/clients/{id}/members/{user}/remove",
            post(clients::remove_member),
        )
        .route("/settings", get(settings::page))
        .route("/settings/language", post(settings::set_language))
        .route("/settings/time-zone", post(settings::set_time_zone))
        .route("/settings/sessions/{id}/end", post(settings::end_session))
        .route(
            "/settings/sign-out-everywhere",
            post(settings::sign_out_everywhere),
        )
        .route("/settings/second-factor", get(second_factor::page))
        .route("/settings/second-factor/start", post(second_factor::start))
        .route(
            "/settings/second-factor/confirm",
            post(second_factor::confirm),
        )
        .route(
            "/settings/second-factor/recovery-codes",
            post(second_factor::renew_codes),
        )
        .route("/settings/second-factor/off", post(second_factor::turn_off))
        .route(
            "/settings/second-factor/roles",
            post(admin::second_factor_roles),
        )
        .route(
            "/settings/users/{id}/second-factor/reset",
            post(admin::reset_second_factor),
        )
        .route("/settings/tokens", post(settings::create_token))
        .route("/settings/tokens/{id}/revoke", post(settings::revoke_token))
        .route("/settings/users", post(admin::add_user))
        .route("/settings/users/{id}/switch", post(admin::switch_user))
        .route("/settings/users/{id}/role", post(admin::set_role))
        .route("/settings/calendars/{id}/hours", post(admin::set_hours))
        .route("/settings/sla-policies", post(sla_policies::add))
        .route("/settings/sla-policies/{id}", post(sla_policies::update))
        .route(
            "/settings/sla-policies/{id}/delete",
            post(sla_policies::delete),
        )
        .route("/settings/mailboxes", post(admin::add_mailbox))
        .route(
            "/settings/calendars/{id}/closed-days",
            post(admin::close_day),
        )
        .route(
            "/settings/calendars/{id}/closed-days/{date}/reopen",
            post(admin::reopen_day),
        )
}

/// What the frame around every page shows: who is signed in, the navigation, the
/// session's CSRF token for the forms.
#[derive(Debug, Clone)]
pub struct Chrome {
    pub user_name: String,
    pub csrf: String,
    /// The navigation entry to mark as current.
    pub current: &'static str,
    pub is_admin: bool,
    /// The session still owes its second factor: no navigation to pages it cannot open.
    pub staged: bool,
    /// Unread notifications, "99+" past 99; empty when none.
    pub unread: String,
}

impl Chrome {
    pub fn new(visitor: &Visitor, current: &'static str) -> Self {
        Self {
            user_name: visitor.user.name.clone(),
            csrf: visitor.session.csrf.clone(),
            current,
            is_admin: visitor.user.role == Role::Admin,
            staged: visitor.session.stage != rapport_domain::SessionStage::Full,
            unread: match visitor.unread {
                0 => String::new(),
                n @ 1..=99 => n.to_string(),
                _ => "99+".to_owned(),
            },
        }
    }
}

/// The answer to a form: on to `to` when the action succeeded, else its refusal in the
/// reader's words.
pub fn redirect_or<T>(visitor: &Visitor, result: Result<T, AppError>, to: &str) -> Response {
    match result {
        Ok(_) => Redirect::to(to).into_response(),
        Err(error) => PageError::of(&visitor.tr(), error).into_response(),
    }
}

/// Whether a request came from htmx (a partial update).
pub fn is_partial(headers: &HeaderMap) -> bool {
    headers.contains_key("hx-request")
}

/// A failed page: the application's refusal, in the reader's language, with the status
/// the API would use (404 for what the reader may not see).
pub struct PageError {
    status: StatusCode,
    message: String,
}

impl PageError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        Self {
            status,
            message: message.into(),
        }
    }

    /// A form the page could not read (422), with what is wrong in the reader's words.
    pub fn invalid(message: impl Into<String>) -> Response {
        Self::new(StatusCode::UNPROCESSABLE_ENTITY, message).into_response()
    }

    pub fn of(tr: &Tr, error: AppError) -> Self {
        let api = crate::ApiError::from(error);
        let message = match api.status {
            StatusCode::NOT_FOUND => tr.t("error-not-found"),
            StatusCode::FORBIDDEN => tr.t("error-forbidden"),
            StatusCode::INTERNAL_SERVER_ERROR => tr.t("error-internal"),
            _ => api.message,
        };
        Self::new(api.status, message)
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let body = format!(
            "<!doctype html><meta charset=\"utf-8\"><link rel=\"stylesheet\" href=\"/assets/desk.css\">\
             <main class=\"error-page\"><h1>{}</h1><p><a href=\"/today\">Today</a></p></main>",
            escape(&self.message)
        );
        (self.status, Html(body)).into_response()
    }
}

/// HTML-escapes text for the few answers built without a template.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// The page for a path no route serves, for a signed-in reader.
pub async fn not_found() -> Response {
    PageError::new(StatusCode::NOT_FOUND, "404").into_response()
}
