//! `/api/v1/activity`: the audit trail, newest first.

use super::{PageParams, page, parse_enum};
use crate::AppState;
use crate::auth::CurrentUser;
use crate::error::{ApiError, ErrorBody};
use crate::extract::Params;
use axum::Json;
use axum::extract::State;
use rapport_app::ActivityQuery;
use rapport_app::views::{ActivityView, Page};
use serde::Deserialize;
use utoipa::IntoParams;

#[derive(Deserialize, IntoParams)]
pub struct ActivityParams {
    /// `client`, `contact`, `engagement`, `request`, `message`, `commitment`, `user` or `token`.
    pub subject_type: Option<String>,
    pub subject_id: Option<i64>,
    pub limit: Option<u32>,
    pub cursor: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/activity", tag = "activity", params(ActivityParams),
    responses((status = 200, body = Page<ActivityView>), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn list_activity(
    State(state): State<AppState>,
    user: CurrentUser,
    Params(query): Params<ActivityParams>,
) -> Result<Json<Page<ActivityView>>, ApiError> {
    let (limit, before_id) = PageParams {
        limit: query.limit,
        cursor: query.cursor,
    }
    .resolve()?;
    let query = ActivityQuery {
        subject_type: query
            .subject_type
            .as_deref()
            .map(|s| parse_enum("subject_type", s))
            .transpose()?,
        subject_id: query.subject_id,
        before_id,
        limit: limit + 1,
    };
    let rows = state.app.list_activity(&user.acting(), query).await?;
    Ok(Json(page(rows, limit, |a| a.id.0, ActivityView::from)))
}
