//! `/api/v1/materials`: what the client is to send us, until it arrives.

use super::created;
use crate::AppState;
use crate::auth::CurrentUser;
use crate::error::{ApiError, ErrorBody};
use crate::extract::{Id, Params, Write};
use axum::Json;
use axum::extract::State;
use axum::response::Response;
use jiff::Timestamp;
use rapport_app::views::{DraftView, MaterialView};
use rapport_app::{MaterialInput, MaterialQuery};
use rapport_domain::{ClientId, MaterialId, RequestId};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateMaterial {
    pub request_id: i64,
    /// What the client is to send, in the words we asked.
    pub what: String,
    /// When we need it, RFC 3339 with an offset.
    #[schema(value_type = Option<String>, format = DateTime)]
    pub due_at: Option<Timestamp>,
}

#[utoipa::path(post, path = "/api/v1/materials", tag = "materials", request_body = CreateMaterial,
    params(("Idempotency-Key" = Option<String>, Header)),
    responses((status = 201, body = MaterialView), (status = 422, body = ErrorBody)))]
pub async fn create_material(
    State(state): State<AppState>,
    input: Write<CreateMaterial>,
) -> Result<Response, ApiError> {
    let body = input.body;
    let new = MaterialInput {
        request_id: RequestId(body.request_id),
        what: body.what,
        due_at: body.due_at,
    };
    let now = state.now();
    let outcome = state
        .app
        .create_material(&input.user.acting(), new, input.idempotency.as_ref(), now)
        .await?;
    Ok(created(outcome, |m| MaterialView::new(m, now)))
}

#[derive(Deserialize, IntoParams)]
pub struct MaterialParams {
    pub client: Option<i64>,
    pub request: Option<i64>,
    /// `true` (the default) lists only materials not yet received.
    pub awaited: Option<bool>,
}

#[utoipa::path(get, path = "/api/v1/materials", tag = "materials", params(MaterialParams),
    responses((status = 200, body = Vec<MaterialView>)))]
pub async fn list_materials(
    State(state): State<AppState>,
    user: CurrentUser,
    Params(query): Params<MaterialParams>,
) -> Result<Json<Vec<MaterialView>>, ApiError> {
    let now = state.now();
    let query = MaterialQuery {
        client: query.client.map(ClientId),
        request: query.request.map(RequestId),
        awaited_only: query.awaited.unwrap_or(true),
        assignee: None,
    };
    let rows = state.app.list_materials(&user.acting(), query).await?;
    Ok(Json(
        rows.into_iter()
            .map(|m| MaterialView::new(m, now))
            .collect(),
    ))
}

#[utoipa::path(post, path = "/api/v1/materials/{id}/received", tag = "materials", params(("id" = i64, Path)),
    responses((status = 200, body = MaterialView), (status = 404, body = ErrorBody)))]
pub async fn receive_material(
    State(state): State<AppState>,
    user: CurrentUser,
    Id(id): Id,
) -> Result<Json<MaterialView>, ApiError> {
    let now = state.now();
    let material = state
        .app
        .receive_material(&user.acting(), MaterialId(id), now)
        .await?;
    Ok(Json(MaterialView::new(material, now)))
}

/// A gentle reminder drafted in the client's language, the due date as that language
/// writes it, why early helps; `late` when past due.
#[utoipa::path(get, path = "/api/v1/materials/{id}/reminder", tag = "materials", params(("id" = i64, Path)),
    responses((status = 200, body = DraftView), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn material_reminder(
    State(state): State<AppState>,
    user: CurrentUser,
    Id(id): Id,
) -> Result<Json<DraftView>, ApiError> {
    let draft = state
        .app
        .material_reminder(&user.acting(), MaterialId(id), state.now())
        .await?;
    Ok(Json(draft.into()))
}
