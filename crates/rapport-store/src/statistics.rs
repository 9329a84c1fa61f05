//! Planner statistics after bulk writes. PostgreSQL plans with the statistics autovacuum
//! gathers, which lag behind a bulk import: a table last analyzed nearly empty still
//! looks empty, and the batch's lookup of replies' parents turns into a sequential scan
//! of every request, once a batch, growing with the table. So after every doubling of the
//! mail this process stored (from 1,000 on) the tables mail filing reads are analyzed.

use crate::{Backend, Store};
use std::sync::atomic::{AtomicU64, Ordering};

/// Mail stored before the first refresh.
const FIRST_REFRESH: u64 = 1_000;

#[derive(Debug, Default)]
pub(crate) struct Growth {
    stored: AtomicU64,
    /// The count at which the next refresh is due; 0: `FIRST_REFRESH`.
    next: AtomicU64,
}

impl Store {
    /// Counts `mails` stored and refreshes the planner's statistics when they doubled.
    pub(crate) async fn mail_stored(&self, mails: u64) {
        if self.backend != Backend::Postgres {
            return;
        }
        let stored = self.growth.stored.fetch_add(mails, Ordering::Relaxed) + mails;
        let next = self.growth.next.load(Ordering::Relaxed);
        if stored < next.max(FIRST_REFRESH) {
            return;
        }
        // One task refreshes; the others go on.
        let claimed = self.growth.next.compare_exchange(
            next,
            stored * 2,
            Ordering::Relaxed,
            Ordering::Relaxed,
        );
        if claimed.is_err() {
            return;
        }
        // An optimisation only: the mail is stored whatever this answers.
        if let Err(error) = sqlx::query("analyze requests, messages, contacts, triage")
            .execute(&self.write)
            .await
        {
            tracing::warn!(%error, "could not refresh the planner's statistics");
        }
    }
}
