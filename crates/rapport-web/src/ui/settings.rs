//! Settings: one's language and time zone, one's sessions (listed, ended one by one or
//! everywhere) and API tokens; for admins the users, the business calendars, the SLA
//! policies and the mailboxes (their actions are in `admin.rs` and `sla_policies.rs`).

use super::i18n::{Lang, Tr};
use super::session::{Visitor, signed_out};
use super::sla_policies::PolicyRow;
use super::{Chrome, PageError};
use crate::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use rapport_app::AppError;
use rapport_domain::{LanguageTag, Role, SessionId, TimeZoneName, TokenId};
use serde::Deserialize;

#[derive(Template, WebTemplate)]
#[template(path = "settings.html")]
pub struct SettingsPage {
    pub tr: Tr,
    pub chrome: Chrome,
    pub notice: Option<String>,
    /// The person's own choice; empty: the browser's.
    pub language: String,
    pub languages: Vec<(&'static str, &'static str)>,
    pub time_zone: String,
    pub sessions: Vec<SessionRow>,
    pub tokens: Vec<TokenRow>,
    pub users: Vec<UserRow>,
    pub calendars: Vec<CalendarRow>,
    pub policies: Vec<PolicyRow>,
    pub mailboxes: Vec<MailboxRow>,
    /// Since when the reader signs in with a second factor.
    pub second_factor_on: Option<String>,
    /// The roles that must (admins' view).
    pub second_factor_roles: Vec<&'static str>,
}

pub struct TokenRow {
    pub id: i64,
    pub name: String,
    pub created: String,
    pub revoked: bool,
}

pub struct CalendarRow {
    pub id: &'static str,
    pub hours: String,
    /// Date and name of each day the desk closed.
    pub closed: Vec<(String, String)>,
}

pub struct MailboxRow {
    pub url: String,
    pub last_sync: String,
    pub error: String,
}

pub struct SessionRow {
    pub id: i64,
    pub created: String,
    pub last_seen: String,
    pub address: String,
    pub user_agent: String,
    pub current: bool,
}

pub struct UserRow {
    pub id: i64,
    /// The reader: no switch to turn oneself off.
    pub me: bool,
    pub name: String,
    pub email: String,
    pub role: &'static str,
    pub disabled: bool,
    pub second_factor: bool,
}

pub async fn page(
    State(state): State<AppState>,
    visitor: Visitor,
) -> Result<SettingsPage, PageError> {
    render(&state, &visitor, None).await
}

async fn render(
    state: &AppState,
    visitor: &Visitor,
    notice: Option<String>,
) -> Result<SettingsPage, PageError> {
    let tr = visitor.tr();
    let acting = visitor.acting();
    let fail = |e: AppError| PageError::of(&tr, e);
    let sessions = state
        .app
        .sessions(&acting, visitor.user.id)
        .await
        .map_err(fail)?;
    let tokens = state
        .app
        .list_tokens(&acting, Some(visitor.user.id))
        .await
        .map_err(fail)?;
    let admin = visitor.user.role == Role::Admin;
    let mut page = SettingsPage {
        chrome: Chrome::new(visitor, "settings"),
        notice,
        language: visitor
            .user
            .language
            .as_ref()
            .map(|l| l.as_str().to_owned())
            .unwrap_or_default(),
        languages: Lang::ALL.iter().map(|l| (l.tag(), l.own_name())).collect(),
        time_zone: visitor
            .user
            .time_zone
            .as_ref()
            .map_or("", |z| z.as_str())
            .to_owned(),
        sessions: sessions
            .into_iter()
            .map(|s| SessionRow {
                id: s.id.0,
                created: tr.when(&s.created_at),
                last_seen: tr.when(&s.last_seen_at),
                address: s.address.unwrap_or_default(),
                user_agent: s.user_agent.unwrap_or_default(),
                current: s.id == visitor.session.id,
            })
            .collect(),
        tokens: tokens
            .into_iter()
            .map(|t| TokenRow {
                id: t.id.0,
                name: t.name,
                created: tr.when(&t.created_at),
                revoked: t.revoked_at.is_some(),
            })
            .collect(),
        users: Vec::new(),
        calendars: Vec::new(),
        policies: Vec::new(),
        mailboxes: Vec::new(),
        second_factor_on: visitor.user.second_factor_at.as_ref().map(|at| tr.when(at)),
        second_factor_roles: Vec::new(),
        tr: tr.clone(),
    };
    if !admin {
        return Ok(page);
    }
    page.users = state
        .app
        .list_users(&acting)
        .await
        .map_err(fail)?
        .into_iter()
        .map(|u| UserRow {
            id: u.id.0,
            me: u.id == visitor.user.id,
            name: u.name,
            email: u.email.to_string(),
            role: u.role.as_str(),
            disabled: u.disabled_at.is_some(),
            second_factor: u.second_factor_at.is_some(),
        })
        .collect();
    page.second_factor_roles = state
        .app
        .second_factor_roles()
        .await
        .map_err(fail)?
        .iter()
        .map(|r| r.as_str())
        .collect();
    page.calendars = state
        .app
        .list_calendars(&acting)
        .await
        .map_err(fail)?
        .into_iter()
        .map(|c| CalendarRow {
            id: c.id.as_str(),
            hours: c.apply().hours().text(),
            closed: c
                .closed
                .into_iter()
                .map(|d| (d.date.to_string(), d.name))
                .collect(),
        })
        .collect();
    page.policies = state
        .app
        .list_sla_policies(&acting)
        .await
        .map_err(fail)?
        .into_iter()
        .map(PolicyRow::from)
        .collect();
    page.mailboxes = state
        .app
        .list_mailboxes(&acting)
        .await
        .map_err(fail)?
        .into_iter()
        .map(|m| MailboxRow {
            url: m.url,
            last_sync: tr.when_opt(&m.last_sync_at),
            error: m.last_error.unwrap_or_default(),
        })
        .collect();
    Ok(page)
}

#[derive(Deserialize)]
pub struct TokenForm {
    pub name: String,
}

/// Makes an API token for the reader and shows it, once.
pub async fn create_token(
    State(state): State<AppState>,
    visitor: Visitor,
    Form(form): Form<TokenForm>,
) -> Response {
    let acting = visitor.acting();
    let tr = visitor.tr();
    match state
        .app
        .issue_token(&acting, visitor.user.id, &form.name, state.now())
        .await
    {
        Ok(issued) => {
            let notice = tr.t1("settings-token-made", "token", issued.token);
            match render(&state, &visitor, Some(notice)).await {
                Ok(page) => page.into_response(),
                Err(error) => error.into_response(),
            }
        }
        Err(error) => PageError::of(&tr, error).into_response(),
    }
}

pub async fn revoke_token(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
) -> Response {
    let acting = visitor.acting();
    match state
        .app
        .revoke_token(&acting, TokenId(id), state.now())
        .await
    {
        Ok(_) => {
            state.tokens.clear();
            Redirect::to("/settings#tokens").into_response()
        }
        Err(error) => PageError::of(&visitor.tr(), error).into_response(),
    }
}

#[derive(Deserialize)]
pub struct LanguageForm {
    #[serde(default)]
    pub language: String,
}

pub async fn set_language(
    State(state): State<AppState>,
    visitor: Visitor,
    Form(form): Form<LanguageForm>,
) -> Response {
    let tr = visitor.tr();
    let language = match form.language.trim() {
        "" => None,
        tag => match Lang::of_tag(tag).and_then(|l| LanguageTag::parse(l.tag()).ok()) {
            Some(tag) => Some(tag),
            None => {
                return PageError::invalid(tr.t1("error-filter", "field", "language"));
            }
        },
    };
    let acting = visitor.acting();
    super::redirect_or(
        &visitor,
        state
            .app
            .set_user_language(&acting, visitor.user.id, language, state.now())
            .await,
        "/settings",
    )
}

#[derive(Deserialize)]
pub struct TimeZoneForm {
    #[serde(default)]
    pub time_zone: String,
}

pub async fn set_time_zone(
    State(state): State<AppState>,
    visitor: Visitor,
    Form(form): Form<TimeZoneForm>,
) -> Response {
    let zone = match form.time_zone.trim() {
        "" => None,
        name => match TimeZoneName::parse(name) {
            Ok(zone) => Some(zone),
            Err(error) => {
                return PageError::invalid(error.to_string());
            }
        },
    };
    let acting = visitor.acting();
    super::redirect_or(
        &visitor,
        state
            .app
            .set_user_time_zone(&acting, visitor.user.id, zone, state.now())
            .await,
        "/settings",
    )
}

pub async fn end_session(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
) -> Response {
    let acting = visitor.acting();
    super::redirect_or(
        &visitor,
        state.app.end_session(&acting, SessionId(id)).await,
        "/settings",
    )
}

/// Ends every session of the reader, this one too.
pub async fn sign_out_everywhere(
    State(state): State<AppState>,
    visitor: Visitor,
    headers: HeaderMap,
) -> Response {
    let acting = visitor.acting();
    if let Err(error) = state
        .app
        .sign_out_everywhere(&acting, visitor.user.id, state.now())
        .await
    {
        return PageError::of(&visitor.tr(), error).into_response();
    }
    signed_out(&state, &headers)
}
