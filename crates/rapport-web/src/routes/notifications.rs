//! `/api/v1/notifications`: what the proactive engine told the signed-in person.

use crate::AppState;
use crate::auth::CurrentUser;
use crate::error::{ApiError, ErrorBody};
use crate::extract::{Id, Params};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use rapport_app::views::NotificationView;
use rapport_domain::NotificationId;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

#[derive(Deserialize, IntoParams)]
pub struct NotificationParams {
    /// Only those not read yet (default false).
    pub unread: Option<bool>,
}

#[derive(Serialize, ToSchema)]
pub struct Notifications {
    /// Delivered by now (the person's working hours reached), newest first.
    pub items: Vec<NotificationView>,
}

#[utoipa::path(get, path = "/api/v1/notifications", tag = "notifications", params(NotificationParams),
    responses((status = 200, body = Notifications)))]
pub async fn list_notifications(
    State(state): State<AppState>,
    user: CurrentUser,
    Params(query): Params<NotificationParams>,
) -> Result<Json<Notifications>, ApiError> {
    let items = state
        .app
        .list_notifications(
            &user.acting(),
            None,
            query.unread.unwrap_or(false),
            state.now(),
        )
        .await?;
    Ok(Json(Notifications {
        items: items.into_iter().map(Into::into).collect(),
    }))
}

#[utoipa::path(post, path = "/api/v1/notifications/{id}/read", tag = "notifications", params(("id" = i64, Path)),
    responses((status = 204), (status = 404, body = ErrorBody)))]
pub async fn read_notification(
    State(state): State<AppState>,
    user: CurrentUser,
    Id(id): Id,
) -> Result<StatusCode, ApiError> {
    state
        .app
        .read_notification(&user.acting(), NotificationId(id), state.now())
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
