//! `/api/v1/triage`: mail from unknown senders, waiting for a manager to say whose it is.

use crate::AppState;
use crate::auth::CurrentUser;
use crate::error::{ApiError, ErrorBody};
use crate::extract::{Id, Params, Write};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use rapport_app::TriageAssignment;
use rapport_app::views::{MessageAdded, TriageList, TriageView};
use rapport_domain::{ClientId, RequestId};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

#[derive(Deserialize, IntoParams)]
pub struct TriageParams {
    /// `true` also lists messages assigned already.
    pub all: Option<bool>,
    /// 1 to 500; 100 when absent.
    pub limit: Option<u32>,
}

#[utoipa::path(get, path = "/api/v1/triage", tag = "mail", params(TriageParams),
    responses((status = 200, body = TriageList), (status = 403, body = ErrorBody)))]
pub async fn list_triage(
    State(state): State<AppState>,
    user: CurrentUser,
    Params(params): Params<TriageParams>,
) -> Result<Json<TriageList>, ApiError> {
    let items = state
        .app
        .list_triage(
            &user.acting(),
            params.all.unwrap_or(false),
            params.limit.unwrap_or(100),
        )
        .await?;
    Ok(Json(TriageList {
        items: items.into_iter().map(Into::into).collect(),
    }))
}

#[utoipa::path(get, path = "/api/v1/triage/{id}", tag = "mail", params(("id" = i64, Path)),
    responses((status = 200, body = TriageView), (status = 404, body = ErrorBody)))]
pub async fn get_triage(
    State(state): State<AppState>,
    user: CurrentUser,
    Id(id): Id,
) -> Result<Json<TriageView>, ApiError> {
    Ok(Json(state.app.get_triage(&user.acting(), id).await?.into()))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AssignTriage {
    /// The client the message belongs to; its sender becomes a contact there.
    pub client_id: i64,
    /// Join this request of the client instead of opening a new one.
    pub request_id: Option<i64>,
}

#[utoipa::path(post, path = "/api/v1/triage/{id}/assign", tag = "mail", request_body = AssignTriage,
    params(("id" = i64, Path)),
    responses((status = 201, body = MessageAdded), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn assign_triage(
    State(state): State<AppState>,
    Id(id): Id,
    input: Write<AssignTriage>,
) -> Result<(StatusCode, Json<MessageAdded>), ApiError> {
    let assignment = TriageAssignment {
        client_id: ClientId(input.body.client_id),
        request_id: input.body.request_id.map(RequestId),
    };
    let (message, request) = state
        .app
        .assign_triage(&input.user.acting(), id, assignment, state.now())
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(MessageAdded {
            message: message.into(),
            request: request.into(),
        }),
    ))
}
