//! The admin's part of Settings: adding people and turning accounts off, and the
//! business calendars' closed days. Every action is the application layer's, which
//! refuses it to anyone but an admin.

use super::PageError;
use super::session::Visitor;
use crate::AppState;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use rapport_app::{PasswordInput, UserInput};
use rapport_domain::{CalendarId, ClosedDay, EmailAddress, Role, UserId, WorkingHours};
use serde::Deserialize;

fn done_or<T>(visitor: &Visitor, result: Result<T, rapport_app::AppError>) -> Response {
    super::redirect_or(visitor, result, "/settings#admin")
}

#[derive(Deserialize)]
pub struct NewUserForm {
    pub name: String,
    pub email: String,
    pub role: String,
    /// Optional: the person can be given one later with `rapport user set-password`.
    #[serde(default)]
    pub password: String,
}

pub async fn add_user(
    State(state): State<AppState>,
    visitor: Visitor,
    Form(form): Form<NewUserForm>,
) -> Response {
    let acting = visitor.acting();
    let (Ok(email), Ok(role)) = (EmailAddress::parse(&form.email), form.role.parse::<Role>())
    else {
        return PageError::invalid(visitor.tr().t1("error-filter", "field", "email / role"));
    };
    let input = UserInput {
        name: form.name,
        email,
        role,
    };
    let now = state.now();
    let result = async {
        let user = state.app.create_user(&acting, input, now).await?;
        if !form.password.is_empty() {
            state
                .app
                .set_password(&acting, user.id, &form.password, now)
                .await?;
        }
        Ok(())
    }
    .await;
    done_or(&visitor, result)
}

#[derive(Deserialize)]
pub struct SwitchForm {
    /// `off` or `on`.
    pub switch: String,
}

/// Turns an account off (its sessions end) or on again.
pub async fn switch_user(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
    Form(form): Form<SwitchForm>,
) -> Response {
    let acting = visitor.acting();
    let disabled = form.switch == "off";
    let result = state
        .app
        .set_user_disabled(&acting, UserId(id), disabled, state.now())
        .await
        .map(|_| {
            // Cached API tokens carry the account as it was: forget them at once.
            state.tokens.clear();
        });
    done_or(&visitor, result)
}

#[derive(Deserialize)]
pub struct RoleForm {
    pub role: String,
}

pub async fn set_role(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
    Form(form): Form<RoleForm>,
) -> Response {
    let acting = visitor.acting();
    let Ok(role) = form.role.parse::<Role>() else {
        return PageError::invalid(visitor.tr().t1("error-filter", "field", "role"));
    };
    let result = state
        .app
        .set_user_role(&acting, UserId(id), role, state.now())
        .await
        .map(|_| {
            // Cached API tokens carry the account as it was: forget them at once.
            state.tokens.clear();
        });
    done_or(&visitor, result)
}

/// The roles that must sign in with a second factor: one checkbox each.
#[derive(Deserialize)]
pub struct SecondFactorRolesForm {
    #[serde(default)]
    pub admin: Option<String>,
    #[serde(default)]
    pub manager: Option<String>,
    #[serde(default)]
    pub agent: Option<String>,
}

pub async fn second_factor_roles(
    State(state): State<AppState>,
    visitor: Visitor,
    Form(form): Form<SecondFactorRolesForm>,
) -> Response {
    let roles: Vec<Role> = [
        (Role::Admin, &form.admin),
        (Role::Manager, &form.manager),
        (Role::Agent, &form.agent),
    ]
    .into_iter()
    .filter_map(|(role, checked)| checked.is_some().then_some(role))
    .collect();
    let result = state
        .app
        .set_second_factor_roles(&visitor.acting(), &roles, state.now())
        .await;
    done_or(&visitor, result)
}

/// An admin's reset for a lost phone: the person's second factor goes and they are
/// signed out everywhere.
pub async fn reset_second_factor(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
) -> Response {
    let result = state
        .app
        .remove_second_factor(&visitor.acting(), UserId(id), None, state.now())
        .await;
    done_or(&visitor, result)
}

#[derive(Deserialize)]
pub struct MailboxForm {
    pub url: String,
    pub password: String,
}

/// A mailbox to read; its password is kept sealed with the desk's key, and the server
/// starts reading it within a minute.
pub async fn add_mailbox(
    State(state): State<AppState>,
    visitor: Visitor,
    Form(form): Form<MailboxForm>,
) -> Response {
    let result = state
        .app
        .add_mailbox(
            &visitor.acting(),
            form.url.trim(),
            PasswordInput::Typed(form.password),
            state.now(),
        )
        .await;
    done_or(&visitor, result)
}

#[derive(Deserialize)]
pub struct HoursForm {
    pub hours: String,
}

/// A calendar's working hours, such as `09:00-18:00`.
pub async fn set_hours(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(calendar): Path<String>,
    Form(form): Form<HoursForm>,
) -> Response {
    let (Ok(id), Ok(hours)) = (
        calendar.parse::<CalendarId>(),
        WorkingHours::parse(&form.hours),
    ) else {
        return PageError::invalid(visitor.tr().t("settings-hours-invalid"));
    };
    let result = state
        .app
        .set_calendar_hours(&visitor.acting(), id, hours, state.now())
        .await;
    done_or(&visitor, result)
}

#[derive(Deserialize)]
pub struct CloseDayForm {
    pub date: String,
    pub name: String,
}

pub async fn close_day(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(calendar): Path<String>,
    Form(form): Form<CloseDayForm>,
) -> Response {
    let acting = visitor.acting();
    let (Ok(id), Ok(date)) = (calendar.parse::<CalendarId>(), form.date.parse()) else {
        return PageError::invalid(visitor.tr().t1("error-filter", "field", "date"));
    };
    let day = ClosedDay {
        date,
        name: form.name,
    };
    let result = state
        .app
        .close_calendar_day(&acting, id, day, state.now())
        .await
        .map(drop);
    done_or(&visitor, result)
}

pub async fn reopen_day(
    State(state): State<AppState>,
    visitor: Visitor,
    Path((calendar, date)): Path<(String, String)>,
) -> Response {
    let acting = visitor.acting();
    let (Ok(id), Ok(date)) = (calendar.parse::<CalendarId>(), date.parse()) else {
        return PageError::invalid(visitor.tr().t1("error-filter", "field", "date"));
    };
    let result = state
        .app
        .reopen_calendar_day(&acting, id, date, state.now())
        .await
        .map(drop);
    done_or(&visitor, result)
}
