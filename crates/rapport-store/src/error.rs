//! `StoreError`: what can go wrong behind the store, in terms callers can act on.

use rapport_domain::TransitionError;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("no {what} with id {id}")]
    NotFound { what: &'static str, id: i64 },
    /// A field of the caller's input refers to a row that does not exist or does not fit.
    #[error("{message}")]
    InvalidReference {
        field: &'static str,
        message: String,
    },
    #[error("{message}")]
    Conflict { constraint: String, message: String },
    /// The domain refused the change (for example closing before the final communication).
    #[error(transparent)]
    Rule(#[from] TransitionError),
    /// Messages arrived on the thread after the one the writer had seen.
    #[error(
        "{newer} new message(s) arrived on this request since you opened it; read them, then send again"
    )]
    Stale { newer: usize },
    #[error("the Idempotency-Key {key:?} was already used for a different request")]
    IdempotencyMismatch { key: String },
    #[error("{0}")]
    Config(String),
    #[error("cannot connect to the database at {url}: {source}")]
    Connect { url: String, source: sqlx::Error },
    #[error("database migration failed: {0}")]
    Migrate(String),
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
    #[error(transparent)]
    Other(#[from] sqlx::Error),
}

impl StoreError {
    /// Maps a unique-constraint violation to `Conflict`, leaving other errors as they are.
    pub(crate) fn from_insert(error: sqlx::Error, message: impl FnOnce() -> String) -> Self {
        if let sqlx::Error::Database(db) = &error
            && db.is_unique_violation()
        {
            return StoreError::Conflict {
                constraint: db.constraint().unwrap_or("unique").to_owned(),
                message: message(),
            };
        }
        StoreError::Other(error)
    }
}
