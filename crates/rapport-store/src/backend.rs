//! What differs between SQLite and PostgreSQL: connecting, pool layout, migrations.

use crate::StoreError;
use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::{AnyPool, Executor};
use std::time::Duration;

/// The database product behind a `Store`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn from_url(url: &str) -> Result<Self, StoreError> {
        if url.starts_with("sqlite:") {
            Ok(Backend::Sqlite)
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Ok(Backend::Postgres)
        } else {
            Err(StoreError::Config(format!(
                "unsupported database url {:?}: use sqlite://PATH or postgres://USER@HOST/DB",
                redact(url)
            )))
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

/// The URL without its password, fit for messages and logs.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let userinfo = &url[scheme_end + 3..at];
            match userinfo.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme_end + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

/// What SQL the two backends cannot share, one method per need, so that each feature
/// that needs one (full-text search, job claims, notifications) adds a method here
/// instead of testing the backend where it writes its statement. ARCHITECTURE.md lists
/// the needs and what each backend does for them.
impl Backend {
    /// Appended to a `select` of one row that a transaction reads, decides on and then
    /// changes: PostgreSQL locks the row until commit, so two servers deciding on the
    /// same request take turns and the second decides on what the first wrote. SQLite
    /// needs nothing: its single writer connection already runs one write at a time.
    pub(crate) fn lock_row(self) -> &'static str {
        match self {
            Backend::Sqlite => "",
            Backend::Postgres => " for update",
        }
    }

    /// Appended to the `select` that picks a job to claim: PostgreSQL skips rows another
    /// server is claiming this instant instead of waiting for them; SQLite's single writer
    /// claims one at a time anyway.
    pub(crate) fn skip_locked(self) -> &'static str {
        match self {
            Backend::Sqlite => "",
            Backend::Postgres => " for update skip locked",
        }
    }

    /// The database's own clock in Unix milliseconds, so that servers whose clocks
    /// disagree still agree on what is due.
    pub(crate) fn clock_millis(self) -> &'static str {
        match self {
            Backend::Sqlite => "select cast((julianday('now') - 2440587.5) * 86400000 as bigint)",
            Backend::Postgres => {
                "select cast(extract(epoch from clock_timestamp()) * 1000 as bigint)"
            }
        }
    }

    /// Whether a page of rows is cheaper fetched as one JSON value (`json_page`): on
    /// SQLite the driver's cost is per row (a channel hop and copies per value); on
    /// PostgreSQL the aggregation costs more than it saves (BENCHMARKS.md).
    pub(crate) fn pages_as_json(self) -> bool {
        self == Backend::Sqlite
    }
}

/// SQLite: wraps `inner` (a select of `columns`, in order) so the whole result comes back
/// as one JSON array of objects in a single text column, in the inner order.
pub(crate) fn json_page(inner: &str, columns: &str) -> String {
    let pairs: Vec<String> = columns
        .split(',')
        .map(|c| format!("'{0}', page.{0}", c.trim()))
        .collect();
    format!(
        "select coalesce(json_group_array(json_object({})), '[]') from ({inner}) as page",
        pairs.join(", ")
    )
}

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("migrations/postgres");

pub(crate) async fn connect(url: &str) -> Result<(Backend, AnyPool, AnyPool), StoreError> {
    install_default_drivers();
    let backend = Backend::from_url(url)?;
    let failed = |e: sqlx::Error| StoreError::Connect {
        url: redact(url),
        source: e,
    };
    match backend {
        Backend::Sqlite => {
            let url = if url.contains('?') {
                url.to_owned()
            } else {
                format!("{url}?mode=rwc")
            };
            // Readers map the file and read its pages in place instead of copying each by
            // a system call (a large desk's Today spent a fifth of its time in `read`); the
            // writer does not, so the pages an import touches are not counted against it.
            let sqlite = |n: u32, mapped: bool| {
                AnyPoolOptions::new()
                    .max_connections(n)
                    .min_connections(1)
                    .acquire_timeout(Duration::from_secs(30))
                    .after_connect(move |conn, _| {
                        Box::pin(async move {
                            // WAL lets readers run beside the writer; NORMAL sync keeps every
                            // committed transaction across a process crash (not a power cut).
                            conn.execute(
                                "pragma journal_mode = wal; pragma synchronous = normal; \
                                 pragma foreign_keys = on; pragma busy_timeout = 10000;",
                            )
                            .await?;
                            if mapped {
                                conn.execute("pragma mmap_size = 1073741824").await?;
                            }
                            Ok(())
                        })
                    })
            };
            let write = sqlite(1, false).connect(&url).await.map_err(failed)?;
            let read = sqlite(8, true).connect(&url).await.map_err(failed)?;
            Ok((backend, read, write))
        }
        Backend::Postgres => {
            let pool = AnyPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(Duration::from_secs(30))
                .after_connect(|conn, _| {
                    Box::pin(async move {
                        // The desk's data is skewed (nearly every request is closed): a
                        // generic plan, which PostgreSQL picks for a prepared statement
                        // after five runs, guesses an average state and walked a million
                        // requests for the one percent resolved (188 ms against 2 ms).
                        conn.execute("set plan_cache_mode = force_custom_plan")
                            .await?;
                        Ok(())
                    })
                })
                .connect(url)
                .await
                .map_err(failed)?;
            Ok((backend, pool.clone(), pool))
        }
    }
}

pub(crate) async fn migrate(backend: Backend, pool: &AnyPool) -> Result<usize, StoreError> {
    let migrator = match backend {
        Backend::Sqlite => &SQLITE_MIGRATIONS,
        Backend::Postgres => &POSTGRES_MIGRATIONS,
    };
    let applied_before: i64 = count_applied(pool).await;
    // PostgreSQL: the migrator takes an advisory lock, so servers starting together are safe.
    migrator
        .run(pool)
        .await
        .map_err(|e| StoreError::Migrate(e.to_string()))?;
    let applied_after: i64 = count_applied(pool).await;
    Ok(usize::try_from(applied_after - applied_before).unwrap_or(0))
}

async fn count_applied(pool: &AnyPool) -> i64 {
    // The table does not exist before the first run; that counts as none applied.
    sqlx::query_scalar("select count(*) from _sqlx_migrations where success")
        .fetch_one(pool)
        .await
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_redacted() {
        assert_eq!(redact("postgres://u:secret@h/db"), "postgres://u:***@h/db");
        assert_eq!(redact("postgres://u@h/db"), "postgres://u@h/db");
        assert_eq!(
            redact("sqlite://data/rapport.db"),
            "sqlite://data/rapport.db"
        );
    }

    #[test]
    fn backends_come_from_the_scheme() {
        assert_eq!(Backend::from_url("sqlite://x.db").unwrap(), Backend::Sqlite);
        assert_eq!(
            Backend::from_url("postgresql://h/db").unwrap(),
            Backend::Postgres
        );
        assert!(Backend::from_url("mysql://h/db").is_err());
    }
}
