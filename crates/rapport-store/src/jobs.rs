//! The recurring jobs of the proactive engine: when each runs next, claimed with a lease
//! so that one server runs it while others on the same database skip it.

use crate::rows::{millis, opt_timestamp, parse, timestamp};
use crate::{Store, StoreError};
use jiff::Timestamp;
use rapport_domain::{Job, JobName};
use sqlx::Row;
use sqlx::any::AnyRow;

const JOB_COLUMNS: &str = "name, run_at, runs, last_run_at, last_error";

fn job_from_row(row: &AnyRow) -> Result<Job, StoreError> {
    Ok(Job {
        name: parse(row.try_get::<&str, _>("name")?)?,
        run_at: timestamp(row.try_get("run_at")?)?,
        last_run_at: opt_timestamp(row.try_get("last_run_at")?)?,
        last_error: row.try_get("last_error")?,
        runs: row.try_get("runs")?,
    })
}

/// A job this server holds until `lease_until`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClaimedJob {
    pub name: JobName,
    pub lease_until: Timestamp,
    /// When its last run that went through (no error) ran; none before the first.
    pub last_success: Option<Timestamp>,
}

impl Store {
    /// The database's clock: what every server compares due times against.
    pub async fn database_now(&self) -> Result<Timestamp, StoreError> {
        let now: i64 = sqlx::query_scalar(self.backend.clock_millis())
            .fetch_one(&self.read)
            .await?;
        timestamp(now)
    }

    /// Adds the jobs the database does not know yet, due at once: one statement.
    pub async fn ensure_jobs(&self, now: Timestamp) -> Result<(), StoreError> {
        let rows: Vec<String> = (0..JobName::ALL.len())
            .map(|i| format!("(${}, $1)", i + 2))
            .collect();
        let sql = format!(
            "insert into jobs (name, run_at) values {} on conflict (name) do nothing",
            rows.join(", ")
        );
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(millis(now));
        for name in JobName::ALL {
            query = query.bind(name.as_str());
        }
        query.execute(&self.write).await?;
        Ok(())
    }

    /// Claims the job due longest, unless another server holds it; `None` when nothing is
    /// due. The lease ends at `lease_until` so that a server that died mid-run does not
    /// hold its job forever.
    pub async fn claim_due_job(
        &self,
        now: Timestamp,
        lease_until: Timestamp,
    ) -> Result<Option<ClaimedJob>, StoreError> {
        let row = sqlx::query(sql!(
            "update jobs set lease_until = $1, runs = runs + 1 where name = (\
             select name from jobs where run_at <= $2 and (lease_until is null or lease_until < $2) \
             order by run_at, name limit 1{}) \
             and (lease_until is null or lease_until < $2) returning name, last_run_at, last_error",
            self.backend.skip_locked()
        ))
        .bind(millis(lease_until))
        .bind(millis(now))
        .fetch_optional(&self.write)
        .await?;
        row.map(|row| {
            let failed = row.try_get::<Option<String>, _>("last_error")?.is_some();
            Ok(ClaimedJob {
                name: parse(row.try_get::<&str, _>("name")?)?,
                lease_until,
                last_success: opt_timestamp(row.try_get("last_run_at")?)?.filter(|_| !failed),
            })
        })
        .transpose()
    }

    /// Ends a claimed run: the job runs next at `next`, with the run's error if it failed.
    /// Returns false when the lease had lapsed and another server took the job over.
    pub async fn finish_job(
        &self,
        job: ClaimedJob,
        ran_at: Timestamp,
        next: Timestamp,
        error: Option<&str>,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "update jobs set run_at = $1, lease_until = null, last_run_at = $2, last_error = $3 \
             where name = $4 and lease_until = $5",
        )
        .bind(millis(next))
        .bind(millis(ran_at))
        .bind(error)
        .bind(job.name.as_str())
        .bind(millis(job.lease_until))
        .execute(&self.write)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    pub async fn list_jobs(&self) -> Result<Vec<Job>, StoreError> {
        let rows = sqlx::query(sql!("select {JOB_COLUMNS} from jobs order by name"))
            .fetch_all(&self.read)
            .await?;
        rows.iter().map(job_from_row).collect()
    }
}
