//! `/api/v1/tokens`: the caller's personal API tokens (an admin sees everyone's), and
//! revoking one. Tokens are created from the command line, where they are shown once.

use crate::AppState;
use crate::auth::CurrentUser;
use crate::error::{ApiError, ErrorBody};
use crate::extract::Id;
use crate::views::TokenView;
use axum::Json;
use axum::extract::State;
use rapport_domain::{Role, TokenId};

#[utoipa::path(get, path = "/api/v1/tokens", tag = "tokens",
    responses((status = 200, body = Vec<TokenView>)))]
pub async fn list_tokens(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Json<Vec<TokenView>>, ApiError> {
    let whose = (user.0.role != Role::Admin).then_some(user.0.id);
    let tokens = state.store.list_api_tokens(whose).await?;
    Ok(Json(tokens.into_iter().map(TokenView::from).collect()))
}

#[utoipa::path(delete, path = "/api/v1/tokens/{id}", tag = "tokens", params(("id" = i64, Path)),
    responses((status = 200, body = TokenView), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn revoke_token(
    State(state): State<AppState>,
    user: CurrentUser,
    Id(id): Id,
) -> Result<Json<TokenView>, ApiError> {
    let token = state.store.get_api_token(TokenId(id)).await?;
    // Someone else's token is not theirs to know about: the same 404 as a missing one.
    if token.user_id != user.0.id && user.0.role != Role::Admin {
        return Err(ApiError::not_found(format!("no API token with id {id}")));
    }
    let revoked = state
        .store
        .revoke_api_token(token.id, &user.actor(), state.now())
        .await?;
    // Verified tokens are cached for a few seconds: forget them all on this server.
    state.tokens.clear();
    Ok(Json(TokenView::from(revoked)))
}
