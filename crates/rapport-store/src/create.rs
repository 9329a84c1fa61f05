//! The sequence every creating action repeats, in one place: replay an earlier outcome of
//! the same Idempotency-Key, else insert, write the activity entry, remember the key and
//! commit, all in one transaction.

use crate::activity::record_created;
use crate::idempotency::{self, IdempotencyKey};
use crate::{Store, StoreError};
use jiff::Timestamp;
use rapport_domain::{Actor, SubjectType};
use sqlx::{Any, AnyConnection, Transaction};

/// How a creating action starts.
pub(crate) enum Begun<'k> {
    /// The key was used before with the same request: the id it produced.
    Replay(i64),
    Fresh(Creation<'k>),
}

/// An open creating transaction; dropped without `finish`, it rolls back.
pub(crate) struct Creation<'k> {
    tx: Transaction<'static, Any>,
    idem: Option<&'k IdempotencyKey>,
    resource: &'static str,
    now: Timestamp,
}

impl Store {
    /// Opens the write transaction of a creating action named `resource` in the
    /// idempotency table, answering with the earlier outcome when the key was used.
    pub(crate) async fn begin_create<'k>(
        &self,
        resource: &'static str,
        idem: Option<&'k IdempotencyKey>,
        now: Timestamp,
    ) -> Result<Begun<'k>, StoreError> {
        let mut tx = self.write.begin().await?;
        if let Some(id) = idempotency::earlier_outcome(&mut tx, idem, resource).await? {
            return Ok(Begun::Replay(id));
        }
        Ok(Begun::Fresh(Creation {
            tx,
            idem,
            resource,
            now,
        }))
    }

    /// Opens the write transaction of a creating action that takes no Idempotency-Key.
    pub(crate) async fn begin_create_unkeyed(
        &self,
        resource: &'static str,
        now: Timestamp,
    ) -> Result<Creation<'static>, StoreError> {
        Ok(Creation {
            tx: self.write.begin().await?,
            idem: None,
            resource,
            now,
        })
    }
}

impl Creation<'_> {
    pub(crate) fn conn(&mut self) -> &mut AnyConnection {
        &mut self.tx
    }

    /// Writes the `created` entry of the new row.
    pub(crate) async fn record_created(
        &mut self,
        actor: &Actor,
        subject: SubjectType,
        id: i64,
    ) -> Result<(), StoreError> {
        record_created(&mut self.tx, actor, subject, id, self.now).await
    }

    /// Remembers the key as having produced `id`, and commits.
    pub(crate) async fn commit(mut self, id: i64) -> Result<(), StoreError> {
        idempotency::remember(&mut self.tx, self.idem, self.resource, id, self.now).await?;
        self.tx.commit().await?;
        Ok(())
    }

    /// The usual ending: the `created` entry, the key, the commit.
    pub(crate) async fn finish(
        mut self,
        actor: &Actor,
        subject: SubjectType,
        id: i64,
    ) -> Result<(), StoreError> {
        self.record_created(actor, subject, id).await?;
        self.commit(id).await
    }
}
