//! Health checks (the only routes open without a token) and the JSON 404 / 405.

use crate::AppState;
use crate::error::ApiError;
use axum::Json;
use axum::extract::State;
use axum::http::{Method, StatusCode, Uri};
use serde_json::{Value, json};

/// The process is up.
pub async fn healthz() -> Json<Value> {
    Json(json!({"status": "ok"}))
}

/// The database answers.
pub async fn readyz(State(state): State<AppState>) -> Result<Json<Value>, ApiError> {
    state.app.ping().await.map_err(|e| {
        tracing::warn!(error = %e, "readiness check failed");
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "database_unavailable",
            "the database does not answer",
        )
    })?;
    Ok(Json(
        json!({"status": "ready", "database": state.app.backend().as_str()}),
    ))
}

pub async fn unknown_route(uri: Uri) -> axum::response::Response {
    use axum::response::IntoResponse;
    if !uri.path().starts_with(crate::auth::API_PREFIX) {
        return crate::ui::not_found().await;
    }
    ApiError::not_found(format!(
        "no route {}; the API is under /api/v1 (see /api/v1/openapi.json)",
        uri.path()
    ))
    .into_response()
}

pub async fn method_not_allowed(method: Method, uri: Uri) -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        format!("{method} is not allowed on {}", uri.path()),
    )
}
