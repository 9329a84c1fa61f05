//! `/api/v1/sla-policies`: named service levels in working time.

use crate::AppState;
use crate::auth::CurrentUser;
use crate::error::{ApiError, ErrorBody};
use crate::extract::{Id, Write};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use rapport_app::SlaPolicyInput;
use rapport_app::views::SlaPolicyView;
use serde::Deserialize;
use utoipa::ToSchema;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateSlaPolicy {
    pub name: String,
    /// Working minutes to our first reply.
    pub first_response_minutes: i64,
    /// Working minutes to our reply after each client message.
    pub next_response_minutes: i64,
    /// Working minutes to resolved.
    pub resolution_minutes: i64,
    /// The share of a target after which it warns; 75 when absent.
    pub warn_at_percent: Option<i64>,
}

#[utoipa::path(post, path = "/api/v1/sla-policies", tag = "settings", request_body = CreateSlaPolicy,
    responses((status = 201, body = SlaPolicyView), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create_sla_policy(
    State(state): State<AppState>,
    input: Write<CreateSlaPolicy>,
) -> Result<(StatusCode, Json<SlaPolicyView>), ApiError> {
    let new = input.body.into();
    let policy = state
        .app
        .create_sla_policy(&input.user.acting(), new, state.now())
        .await?;
    Ok((StatusCode::CREATED, Json(policy.into())))
}

impl From<CreateSlaPolicy> for SlaPolicyInput {
    fn from(body: CreateSlaPolicy) -> Self {
        SlaPolicyInput {
            name: body.name,
            first_response_minutes: body.first_response_minutes,
            next_response_minutes: body.next_response_minutes,
            resolution_minutes: body.resolution_minutes,
            warn_at_percent: body.warn_at_percent,
        }
    }
}

/// Replaces a policy's name and targets; engagements that name it follow a new name, and
/// their requests' clocks the new targets.
#[utoipa::path(put, path = "/api/v1/sla-policies/{id}", tag = "settings", request_body = CreateSlaPolicy,
    params(("id" = i64, Path)),
    responses((status = 200, body = SlaPolicyView), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn update_sla_policy(
    State(state): State<AppState>,
    Id(id): Id,
    input: Write<CreateSlaPolicy>,
) -> Result<Json<SlaPolicyView>, ApiError> {
    let policy = state
        .app
        .update_sla_policy(&input.user.acting(), id, input.body.into(), state.now())
        .await?;
    Ok(Json(policy.into()))
}

/// Deletes a policy no engagement is held to (409 while one is).
#[utoipa::path(delete, path = "/api/v1/sla-policies/{id}", tag = "settings", params(("id" = i64, Path)),
    responses((status = 204), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn delete_sla_policy(
    State(state): State<AppState>,
    user: CurrentUser,
    Id(id): Id,
) -> Result<StatusCode, ApiError> {
    state
        .app
        .delete_sla_policy(&user.acting(), id, state.now())
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/api/v1/sla-policies", tag = "settings",
    responses((status = 200, body = Vec<SlaPolicyView>)))]
pub async fn list_sla_policies(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Json<Vec<SlaPolicyView>>, ApiError> {
    let policies = state.app.list_sla_policies(&user.acting()).await?;
    Ok(Json(policies.into_iter().map(Into::into).collect()))
}
