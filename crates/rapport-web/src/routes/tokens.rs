//! `/api/v1/tokens`: the caller's personal API tokens (an admin sees everyone's), and
//! revoking one. Tokens are created from the command line, where they are shown once.

use crate::AppState;
use crate::auth::CurrentUser;
use crate::error::{ApiError, ErrorBody};
use crate::extract::Id;
use axum::Json;
use axum::extract::State;
use rapport_app::views::TokenView;
use rapport_domain::TokenId;

#[utoipa::path(get, path = "/api/v1/tokens", tag = "tokens",
    responses((status = 200, body = Vec<TokenView>)))]
pub async fn list_tokens(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Json<Vec<TokenView>>, ApiError> {
    let tokens = state.app.list_tokens(&user.acting(), None).await?;
    Ok(Json(tokens.into_iter().map(TokenView::from).collect()))
}

#[utoipa::path(delete, path = "/api/v1/tokens/{id}", tag = "tokens", params(("id" = i64, Path)),
    responses((status = 200, body = TokenView), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn revoke_token(
    State(state): State<AppState>,
    user: CurrentUser,
    Id(id): Id,
) -> Result<Json<TokenView>, ApiError> {
    // Someone else's token is not theirs to know about: the same 404 as a missing one.
    let revoked = state
        .app
        .revoke_token(&user.acting(), TokenId(id), state.now())
        .await?;
    // Verified tokens are cached for a few seconds: forget them all on this server.
    state.tokens.clear();
    Ok(Json(TokenView::from(revoked)))
}
