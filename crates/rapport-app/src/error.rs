//! `AppError`: why an action was refused, in terms every front door can show.

use rapport_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// A field of the input is wrong; `field` names it as the API does (`time_zone`).
    #[error("{message}")]
    Invalid { field: String, message: String },
    /// The actor may see the subject but not do this (HTTP 403).
    #[error("{0}")]
    Forbidden(String),
    /// Something on the desk's side failed (no random bytes, a crashed worker); logged.
    #[error("{0}")]
    Internal(String),
    /// A server the desk depends on (a mailbox, an SMTP server) cannot be reached or
    /// refused; the reason is shown (HTTP 502).
    #[error("{0}")]
    Unavailable(String),
    /// The thing existed but its content was not kept (HTTP 410).
    #[error("{0}")]
    Gone(String),
    /// The credentials presented are wrong (HTTP 401); the message never says which.
    #[error("{0}")]
    Unauthenticated(String),
    /// Too many failed sign-ins: try again after this many seconds (HTTP 429).
    #[error("too many failed sign-ins; try again in {retry_after_secs} seconds")]
    Throttled { retry_after_secs: u64 },
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl AppError {
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        AppError::Invalid {
            field: field.into(),
            message: message.into(),
        }
    }

    pub(crate) fn not_found(what: &'static str, id: i64) -> Self {
        AppError::Store(StoreError::NotFound { what, id })
    }
}
