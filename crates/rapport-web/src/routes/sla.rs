//! `/api/v1/sla-policies`: named service levels in working time.

use crate::AppState;
use crate::auth::CurrentUser;
use crate::error::{ApiError, ErrorBody};
use crate::extract::Write;
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
    let body = input.body;
    let new = SlaPolicyInput {
        name: body.name,
        first_response_minutes: body.first_response_minutes,
        next_response_minutes: body.next_response_minutes,
        resolution_minutes: body.resolution_minutes,
        warn_at_percent: body.warn_at_percent,
    };
    let policy = state
        .app
        .create_sla_policy(&input.user.acting(), new, state.now())
        .await?;
    Ok((StatusCode::CREATED, Json(policy.into())))
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
