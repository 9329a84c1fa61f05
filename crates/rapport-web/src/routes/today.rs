//! `/api/v1/today`: the agenda of what needs a person now.

use crate::AppState;
use crate::auth::CurrentUser;
use crate::error::ApiError;
use axum::Json;
use axum::extract::State;
use rapport_app::views::AgendaItemView;
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Serialize, ToSchema)]
pub struct Agenda {
    /// Most consequential first: broken promises, final communications owed, late
    /// materials, what is due within a day, requests waiting on the client.
    pub items: Vec<AgendaItemView>,
}

#[utoipa::path(get, path = "/api/v1/today", tag = "today",
    responses((status = 200, body = Agenda)))]
pub async fn today(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Json<Agenda>, ApiError> {
    let items = state.app.today(&user.acting(), state.now()).await?;
    Ok(Json(Agenda {
        items: items.into_iter().map(Into::into).collect(),
    }))
}
