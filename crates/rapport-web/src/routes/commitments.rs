//! `/api/v1/commitments`: promises to get back to a client, until kept.

use super::created;
use crate::AppState;
use crate::auth::CurrentUser;
use crate::error::{ApiError, ErrorBody};
use crate::extract::{Id, Params, Write};
use axum::Json;
use axum::extract::State;
use axum::response::Response;
use jiff::Timestamp;
use rapport_app::views::CommitmentView;
use rapport_app::{CommitmentInput, CommitmentQuery};
use rapport_domain::{ClientId, CommitmentId, RequestId, UserId};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateCommitment {
    pub client_id: i64,
    pub request_id: Option<i64>,
    /// Who keeps the promise; the calling user when absent.
    pub owner_id: Option<i64>,
    /// The promise in the words it was made.
    pub promise: String,
    /// RFC 3339 with an offset.
    #[schema(value_type = String, format = DateTime)]
    pub due_at: Timestamp,
}

#[utoipa::path(post, path = "/api/v1/commitments", tag = "commitments", request_body = CreateCommitment,
    params(("Idempotency-Key" = Option<String>, Header)),
    responses((status = 201, body = CommitmentView), (status = 422, body = ErrorBody)))]
pub async fn create_commitment(
    State(state): State<AppState>,
    input: Write<CreateCommitment>,
) -> Result<Response, ApiError> {
    let body = input.body;
    let new = CommitmentInput {
        client_id: ClientId(body.client_id),
        request_id: body.request_id.map(RequestId),
        owner_id: body.owner_id.map(UserId),
        promise: body.promise,
        due_at: body.due_at,
    };
    let now = state.now();
    let outcome = state
        .app
        .create_commitment(&input.user.acting(), new, input.idempotency.as_ref(), now)
        .await?;
    Ok(created(outcome, |c| CommitmentView::new(c, now)))
}

#[derive(Deserialize, IntoParams)]
pub struct CommitmentParams {
    pub client: Option<i64>,
    pub request: Option<i64>,
    /// `true` (the default) lists only commitments not yet kept.
    pub open: Option<bool>,
}

#[utoipa::path(get, path = "/api/v1/commitments", tag = "commitments", params(CommitmentParams),
    responses((status = 200, body = Vec<CommitmentView>)))]
pub async fn list_commitments(
    State(state): State<AppState>,
    user: CurrentUser,
    Params(query): Params<CommitmentParams>,
) -> Result<Json<Vec<CommitmentView>>, ApiError> {
    let now = state.now();
    let query = CommitmentQuery {
        client: query.client.map(ClientId),
        request: query.request.map(RequestId),
        open_only: query.open.unwrap_or(true),
        owner: None,
    };
    let rows = state.app.list_commitments(&user.acting(), query).await?;
    Ok(Json(
        rows.into_iter()
            .map(|c| CommitmentView::new(c, now))
            .collect(),
    ))
}

#[utoipa::path(post, path = "/api/v1/commitments/{id}/complete", tag = "commitments", params(("id" = i64, Path)),
    responses((status = 200, body = CommitmentView), (status = 404, body = ErrorBody)))]
pub async fn complete_commitment(
    State(state): State<AppState>,
    user: CurrentUser,
    Id(id): Id,
) -> Result<Json<CommitmentView>, ApiError> {
    let now = state.now();
    let commitment = state
        .app
        .complete_commitment(&user.acting(), CommitmentId(id), now)
        .await?;
    Ok(Json(CommitmentView::new(commitment, now)))
}
