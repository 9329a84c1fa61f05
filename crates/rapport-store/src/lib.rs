//! Every SQL statement of Rapport, behind one `Store` that runs on SQLite or PostgreSQL.
//!
//! The SQL is written once in the dialect both databases share (`$1` placeholders,
//! `returning`, integer milliseconds for times, JSON text for lists) and runs through
//! sqlx's `Any` driver; what differs per backend (pool layout, pragmas, migrations)
//! is in `backend.rs`. Each public method is one user action and one transaction,
//! and writes its audit-trail entry inside that transaction.

/// A query text built from the crate's own constant column lists, never from input.
macro_rules! sql {
    ($($format:tt)*) => { sqlx::AssertSqlSafe(format!($($format)*)) };
}

mod activity;
mod backend;
mod calendars;
mod clients;
mod commitments;
mod create;
mod deferred;
mod error;
mod filing;
mod idempotency;
mod jobs;
mod mail;
mod mailboxes;
mod materials;
mod members;
mod notifications;
mod outbox;
mod posture;
mod requests;
mod rows;
mod saved_views;
pub mod scratch;
mod second_factors;
mod sessions;
mod sla;
mod statistics;
mod triage;
mod users;

pub use activity::ActivityFilter;
pub use backend::{Backend, redact};
pub use commitments::CommitmentFilter;
pub use error::StoreError;
pub use idempotency::{Created, IdempotencyKey};
pub use jobs::ClaimedJob;
pub use mail::{MailDelivery, MailStored, MailTarget, Sender};
pub use materials::MaterialFilter;
pub use notifications::{Breach, NotificationFilter};
pub use outbox::LeasedMail;
pub use posture::{ClientActivity, ClientMail, HealthDay};
pub use requests::{RequestFilter, RequestOrder, Thread};
pub use second_factors::StoredSecondFactor;
pub use sessions::NewSession;
pub use sla::{SlaHistory, SlaStandingRow, StateMove};

use sqlx::AnyPool;

/// Rapport's database. Cheap to clone: it holds connection pools.
#[derive(Clone, Debug)]
pub struct Store {
    /// Serves reads. On SQLite a pool of its own so readers never queue behind the writer.
    read: AnyPool,
    /// Serves writes. On SQLite a single connection: SQLite has one writer at a time
    /// anyway, and queueing here avoids `SQLITE_BUSY` on lock upgrades.
    write: AnyPool,
    backend: Backend,
    /// Mail stored by this process, for refreshing the planner's statistics.
    growth: std::sync::Arc<statistics::Growth>,
}

impl Store {
    /// Opens (creating it if needed) the database at `url` and brings its schema up to date.
    pub async fn open(url: &str) -> Result<Self, StoreError> {
        let store = Self::connect(url).await?;
        store.migrate().await?;
        Ok(store)
    }

    /// Opens the database without touching its schema.
    pub async fn connect(url: &str) -> Result<Self, StoreError> {
        let (backend, read, write) = backend::connect(url).await?;
        Ok(Self {
            read,
            write,
            backend,
            growth: Default::default(),
        })
    }

    /// Applies the migrations this binary embeds and the database lacks; returns how many.
    pub async fn migrate(&self) -> Result<usize, StoreError> {
        backend::migrate(self.backend, &self.write).await
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Succeeds when the database answers a trivial query.
    pub async fn ping(&self) -> Result<(), StoreError> {
        sqlx::query("select 1").execute(&self.read).await?;
        Ok(())
    }

    /// Whether the database holds no clients yet (the demo desk loads only then).
    pub async fn is_empty(&self) -> Result<bool, StoreError> {
        let n: i64 = sqlx::query_scalar("select count(*) from clients")
            .fetch_one(&self.read)
            .await?;
        Ok(n == 0)
    }

    /// Closes every connection, waiting for running statements to finish.
    pub async fn close(&self) {
        self.write.close().await;
        self.read.close().await;
    }
}
