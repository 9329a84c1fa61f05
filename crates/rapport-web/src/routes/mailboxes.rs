//! `/api/v1/mailboxes`: the IMAP mailboxes the desk reads, with their last sync and
//! error; adding one (its password kept sealed with the desk's key); a sync on demand.

use crate::AppState;
use crate::auth::CurrentUser;
use crate::error::{ApiError, ErrorBody};
use crate::extract::{Id, Write};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use rapport_app::views::MailboxView;
use rapport_app::{MailboxSync, PasswordInput};
use serde::Deserialize;
use utoipa::ToSchema;

#[utoipa::path(get, path = "/api/v1/mailboxes", tag = "mail",
    responses((status = 200, body = Vec<MailboxView>), (status = 403, body = ErrorBody)))]
pub async fn list_mailboxes(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Json<Vec<MailboxView>>, ApiError> {
    let mailboxes = state.app.list_mailboxes(&user.acting()).await?;
    Ok(Json(mailboxes.into_iter().map(Into::into).collect()))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AddMailbox {
    /// `imaps://user@host:993/INBOX` (plain `imap://` on loopback only), without a password.
    pub imap_url: String,
    /// Kept sealed with the desk's key; never shown again.
    pub password: String,
}

#[utoipa::path(post, path = "/api/v1/mailboxes", tag = "mail", request_body = AddMailbox,
    responses((status = 201, body = MailboxView), (status = 403, body = ErrorBody),
        (status = 409, body = ErrorBody, description = "the mailbox is read already"),
        (status = 422, body = ErrorBody)))]
pub async fn add_mailbox(
    State(state): State<AppState>,
    input: Write<AddMailbox>,
) -> Result<(StatusCode, Json<MailboxView>), ApiError> {
    let body = input.body;
    let mailbox = state
        .app
        .add_mailbox(
            &input.user.acting(),
            &body.imap_url,
            PasswordInput::Typed(body.password),
            state.now(),
        )
        .await?;
    Ok((StatusCode::CREATED, Json(mailbox.into())))
}

/// No fields: the mailbox is read now.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SyncBody {}

#[utoipa::path(post, path = "/api/v1/mailboxes/{id}/sync", tag = "mail", params(("id" = i64, Path)),
    request_body = SyncBody,
    responses((status = 200, body = MailboxSync), (status = 404, body = ErrorBody),
        (status = 502, body = ErrorBody, description = "the mail server could not be reached or refused")))]
pub async fn sync_mailbox(
    State(state): State<AppState>,
    Id(id): Id,
    input: Write<SyncBody>,
) -> Result<Json<MailboxSync>, ApiError> {
    Ok(Json(
        state.app.sync_mailbox(&input.user.acting(), id).await?,
    ))
}
