//! `/api/v1/today`: the agenda of what needs a person now.

use crate::AppState;
use crate::auth::CurrentUser;
use crate::error::ApiError;
use crate::extract::Params;
use axum::Json;
use axum::extract::State;
use rapport_app::views::AgendaItemView;
use rapport_domain::UserId;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

#[derive(Serialize, ToSchema)]
pub struct Agenda {
    /// Most consequential first: broken promises, missed service levels, final
    /// communications owed, late materials, service levels near their limit, mail from
    /// unknown senders, what is due within a day, reminder days, requests waiting on the
    /// client.
    pub items: Vec<AgendaItemView>,
}

#[derive(Deserialize, IntoParams)]
pub struct TodayParams {
    /// One person's agenda (their promises, the requests assigned to them): yourself, or
    /// anyone for managers and admins. Absent: everything in your clients.
    pub user: Option<i64>,
}

#[utoipa::path(get, path = "/api/v1/today", tag = "today", params(TodayParams),
    responses((status = 200, body = Agenda)))]
pub async fn today(
    State(state): State<AppState>,
    user: CurrentUser,
    Params(query): Params<TodayParams>,
) -> Result<Json<Agenda>, ApiError> {
    let items = state
        .app
        .today(&user.acting(), query.user.map(UserId), state.now())
        .await?;
    Ok(Json(Agenda {
        items: items.into_iter().map(Into::into).collect(),
    }))
}
