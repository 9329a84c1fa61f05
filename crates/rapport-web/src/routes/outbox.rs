//! `/api/v1/outbox`: mail we send, pending, sent or failed, with the server's answer.

use crate::AppState;
use crate::auth::CurrentUser;
use crate::error::{ApiError, ErrorBody};
use crate::extract::{Id, Params, Write};
use axum::Json;
use axum::extract::State;
use rapport_app::views::{OutboxList, OutboxView};
use rapport_domain::OutboxState;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

#[derive(Deserialize, IntoParams)]
pub struct OutboxParams {
    /// `pending`, `sent` or `failed`; every state when absent.
    #[param(value_type = Option<String>)]
    pub state: Option<OutboxState>,
    /// 1 to 500; 100 when absent.
    pub limit: Option<u32>,
}

#[utoipa::path(get, path = "/api/v1/outbox", tag = "mail", params(OutboxParams),
    responses((status = 200, body = OutboxList), (status = 403, body = ErrorBody)))]
pub async fn list_outbox(
    State(state): State<AppState>,
    user: CurrentUser,
    Params(params): Params<OutboxParams>,
) -> Result<Json<OutboxList>, ApiError> {
    let items = state
        .app
        .list_outbox(&user.acting(), params.state, params.limit.unwrap_or(100))
        .await?;
    Ok(Json(OutboxList {
        items: items.into_iter().map(Into::into).collect(),
    }))
}

/// No fields: the mail is queued again as it was.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RetryBody {}

#[utoipa::path(post, path = "/api/v1/outbox/{id}/retry", tag = "mail", params(("id" = i64, Path)),
    request_body = RetryBody,
    responses((status = 200, body = OutboxView), (status = 409, body = ErrorBody, description = "only failed mail is retried")))]
pub async fn retry_outbox(
    State(state): State<AppState>,
    Id(id): Id,
    input: Write<RetryBody>,
) -> Result<Json<OutboxView>, ApiError> {
    let item = state
        .app
        .retry_outbox(&input.user.acting(), id, state.now())
        .await?;
    Ok(Json(item.into()))
}
