//! `ApiError`: every failure of the HTTP API as `{"error": {"code", "message", "field"}}`.

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use rapport_app::AppError;
use rapport_domain::TransitionError;
use rapport_store::StoreError;
use serde::Serialize;
use utoipa::ToSchema;

/// An error the API reports to its caller. Internal causes are logged, never shown.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
    pub field: Option<String>,
}

/// The body of every error response.
#[derive(Serialize, ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Serialize, ToSchema)]
pub struct ErrorDetail {
    /// Stable, machine-readable: `invalid_json`, `invalid_field`, `not_found`, `final_communication_missing`, ...
    pub code: String,
    /// What went wrong and, where possible, what to do, for a person.
    pub message: String,
    /// The input field at fault (`time_zone`, `languages[1]`), when there is one.
    pub field: Option<String>,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        Self {
            status,
            code,
            message: message.into(),
            field: None,
        }
    }

    pub fn with_field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    pub fn invalid_field(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid_field", message).with_field(field)
    }

    pub fn unauthorized(message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, "unauthorized", message)
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, "not_found", message)
    }

    fn internal() -> Self {
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "internal error; the server log has the details",
        )
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorBody {
            error: ErrorDetail {
                code: self.code.to_owned(),
                message: self.message,
                field: self.field,
            },
        };
        let mut response = (self.status, axum::Json(body)).into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                header::HeaderValue::from_static("Bearer"),
            );
        }
        response
    }
}

fn transition_code(error: &TransitionError) -> &'static str {
    match error {
        TransitionError::NotAllowed { .. } => "transition_not_allowed",
        TransitionError::FinalCommunicationMissing => "final_communication_missing",
        TransitionError::FinalSentNeedsMessage => "final_sent_needs_message",
        TransitionError::FinalMustBeOutbound => "final_must_be_outbound",
        TransitionError::FinalBeforeResolved { .. } => "final_before_resolved",
        TransitionError::SkipReasonNotApplicable => "skip_reason_not_applicable",
    }
}

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::NotFound { .. } => ApiError::not_found(error.to_string()),
            StoreError::InvalidReference { field, message } => ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "unknown_reference",
                message,
            )
            .with_field(field),
            StoreError::Conflict { message, .. } => {
                ApiError::new(StatusCode::CONFLICT, "conflict", message)
            }
            StoreError::Rule(rule) => {
                let field = match rule {
                    TransitionError::FinalMustBeOutbound
                    | TransitionError::FinalBeforeResolved { .. } => "final",
                    TransitionError::SkipReasonNotApplicable => "skip_final_reason",
                    _ => "to",
                };
                ApiError::new(
                    StatusCode::CONFLICT,
                    transition_code(&rule),
                    rule.to_string(),
                )
                .with_field(field)
            }
            StoreError::Stale { .. } => {
                ApiError::new(StatusCode::CONFLICT, "stale", error.to_string())
            }
            StoreError::IdempotencyMismatch { .. } => ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "idempotency_key_reused",
                error.to_string(),
            )
            .with_field("Idempotency-Key"),
            other => {
                tracing::error!(error = %other, "store failure");
                ApiError::internal()
            }
        }
    }
}

impl From<AppError> for ApiError {
    fn from(error: AppError) -> Self {
        match error {
            AppError::Invalid { field, message } => ApiError::invalid_field(field, message),
            AppError::Forbidden(message) => {
                ApiError::new(StatusCode::FORBIDDEN, "forbidden", message)
            }
            AppError::Internal(message) => {
                tracing::error!(error = %message, "internal failure");
                ApiError::internal()
            }
            AppError::Gone(message) => ApiError::new(StatusCode::GONE, "gone", message),
            AppError::Unavailable(message) => {
                ApiError::new(StatusCode::BAD_GATEWAY, "unavailable", message)
            }
            AppError::Unauthenticated(message) => ApiError::unauthorized(message),
            error @ AppError::Throttled { .. } => ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                "throttled",
                error.to_string(),
            ),
            AppError::Store(error) => error.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_refusals_are_conflicts_with_a_code_per_rule() {
        let error = ApiError::from(StoreError::Rule(TransitionError::FinalCommunicationMissing));
        assert_eq!(error.status, StatusCode::CONFLICT);
        assert_eq!(error.code, "final_communication_missing");
        assert_eq!(error.field.as_deref(), Some("to"));
    }

    #[test]
    fn internal_causes_are_not_shown() {
        let error = ApiError::from(StoreError::Corrupt("secret path /var/lib/x".into()));
        assert_eq!(error.status, StatusCode::INTERNAL_SERVER_ERROR);
        assert!(!error.message.contains("/var/lib"));
    }
}
