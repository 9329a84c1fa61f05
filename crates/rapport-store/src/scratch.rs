//! Throw-away databases for tests and benchmarks: a fresh SQLite file or PostgreSQL database.

use crate::backend::redact;
use crate::{Backend, StoreError};
use sqlx::any::{AnyPoolOptions, install_default_drivers};
use std::sync::atomic::{AtomicU32, Ordering};

/// The server used for PostgreSQL scratch databases, overridable by
/// `RAPPORT_TEST_POSTGRES_URL` (it must allow `create database`).
pub fn postgres_admin_url() -> String {
    std::env::var("RAPPORT_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned())
}

/// Prefix of every scratch PostgreSQL database, so leftovers can be found and dropped.
pub const SCRATCH_PREFIX: &str = "rapport_scratch_";

fn unique_name() -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    format!(
        "{}_{}_{nanos}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

/// Creates an empty database on `backend` and returns its URL.
pub async fn scratch_database_url(backend: Backend) -> Result<String, StoreError> {
    match backend {
        Backend::Sqlite => {
            let dir = std::env::temp_dir().join(format!("rapport-scratch-{}", unique_name()));
            std::fs::create_dir_all(&dir)
                .map_err(|e| StoreError::Config(format!("{}: {e}", dir.display())))?;
            Ok(format!("sqlite://{}", dir.join("rapport.db").display()))
        }
        Backend::Postgres => {
            install_default_drivers();
            let admin = postgres_admin_url();
            let pool = AnyPoolOptions::new()
                .max_connections(1)
                .connect(&admin)
                .await
                .map_err(|e| StoreError::Connect {
                    url: redact(&admin),
                    source: e,
                })?;
            let name = format!("{SCRATCH_PREFIX}{}", unique_name());
            sqlx::query(sqlx::AssertSqlSafe(format!("create database {name}")))
                .execute(&pool)
                .await?;
            pool.close().await;
            let base = admin
                .rsplit_once('/')
                .map_or(admin.as_str(), |(base, _)| base);
            Ok(format!("{base}/{name}"))
        }
    }
}
