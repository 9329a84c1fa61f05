//! Idempotency keys: a retried POST replays the first outcome instead of acting twice.
//!
//! The key is stored in the same transaction as the change it guards, so either both
//! exist or neither does. Two concurrent first attempts with one key cannot both commit:
//! the primary key refuses the second, whose transaction rolls back.

use crate::StoreError;
use crate::rows::millis;
use jiff::Timestamp;
use rapport_domain::UserId;
use sqlx::{AnyConnection, Row};

/// A client-chosen key, scoped to the user, with a fingerprint of the request it came with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdempotencyKey {
    pub user_id: UserId,
    pub key: String,
    /// Hash of method, path and body: the same key with a different body is an error.
    pub fingerprint: String,
}

/// The outcome of a creating action: the value, and whether it was a replay.
#[derive(Debug, Clone, PartialEq)]
pub struct Created<T> {
    pub value: T,
    pub replayed: bool,
}

impl<T> Created<T> {
    pub(crate) fn new(value: T) -> Self {
        Self {
            value,
            replayed: false,
        }
    }

    pub(crate) fn replayed(value: T) -> Self {
        Self {
            value,
            replayed: true,
        }
    }
}

/// The id the key already produced, if it was used before with the same fingerprint.
pub(crate) async fn earlier_outcome(
    conn: &mut AnyConnection,
    key: Option<&IdempotencyKey>,
    resource_type: &str,
) -> Result<Option<i64>, StoreError> {
    let Some(key) = key else { return Ok(None) };
    let row = sqlx::query(
        "select fingerprint, resource_type, resource_id from idempotency_keys where user_id = $1 and key = $2",
    )
    .bind(key.user_id.0)
    .bind(&key.key)
    .fetch_optional(conn)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let fingerprint: String = row.try_get("fingerprint")?;
    let stored_type: String = row.try_get("resource_type")?;
    if fingerprint != key.fingerprint || stored_type != resource_type {
        return Err(StoreError::IdempotencyMismatch {
            key: key.key.clone(),
        });
    }
    Ok(Some(row.try_get("resource_id")?))
}

impl crate::Store {
    /// The id an Idempotency-Key already produced for `resource_type`, read outside any
    /// write, so that a replay can answer before doing expensive work again.
    pub async fn earlier_outcome(
        &self,
        key: Option<&IdempotencyKey>,
        resource_type: &str,
    ) -> Result<Option<i64>, StoreError> {
        if key.is_none() {
            return Ok(None);
        }
        let mut conn = self.read.acquire().await?;
        earlier_outcome(&mut conn, key, resource_type).await
    }
}

pub(crate) async fn remember(
    conn: &mut AnyConnection,
    key: Option<&IdempotencyKey>,
    resource_type: &str,
    resource_id: i64,
    now: Timestamp,
) -> Result<(), StoreError> {
    let Some(key) = key else { return Ok(()) };
    sqlx::query(
        "insert into idempotency_keys (user_id, key, fingerprint, resource_type, resource_id, created_at, updated_at) \
         values ($1, $2, $3, $4, $5, $6, $6)",
    )
    .bind(key.user_id.0)
    .bind(&key.key)
    .bind(&key.fingerprint)
    .bind(resource_type)
    .bind(resource_id)
    .bind(millis(now))
    .execute(conn)
    .await
    .map_err(|e| {
        StoreError::from_insert(e, || format!("a request with Idempotency-Key {:?} is already in progress", key.key))
    })?;
    Ok(())
}
