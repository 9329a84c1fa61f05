//! The proactive engine: recurring sweeps that apply the domain's rules to the whole desk
//! and tell people what needs them. `run_due_jobs` claims each due job from the database
//! (one server at a time), runs its sweep and schedules the next run; every effect a sweep
//! has carries a key, so a sweep run late, twice or on two servers tells nobody twice.

mod auto_close;
mod commitments;
mod final_communication;
mod health;
mod materials;
mod notification_mail;
mod sla;
mod sweep;

use crate::{Acting, App, AppError};
use jiff::Timestamp;
use rapport_domain::{Action, JOB_LEASE, JOB_RETRY, Job, JobName};

pub(crate) use sweep::Sweep;

/// How far before its last good run a sweep looks for changes: room for servers whose
/// clocks disagree, and for a change committed while that run read.
const CLOCK_MARGIN: jiff::SignedDuration = jiff::SignedDuration::from_hours(1);

/// What one call of `run_due_jobs` did.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct JobRound {
    /// The jobs this server ran, in order.
    pub ran: Vec<JobName>,
    /// Notifications created (not counting ones that existed already).
    pub notified: u32,
    /// SLA breaches recorded for the first time.
    pub breaches: u32,
    /// Requests closed because their final communication went unanswered.
    pub closed: u32,
    /// Notifications handed to the SMTP server.
    pub mailed: u32,
    /// Jobs whose run failed, with why; they are tried again shortly.
    pub failed: Vec<(JobName, String)>,
    /// How long each job ran, in the order they ran.
    pub timings: Vec<JobTiming>,
}

/// How long one job of a round ran (wall time, milliseconds).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct JobTiming {
    pub job: JobName,
    pub millis: u64,
}

impl App {
    /// Runs every job due at `now` (the database's clock when `None`) that no other
    /// server holds, each once.
    pub async fn run_due_jobs(
        &self,
        acting: &Acting,
        now: Option<Timestamp>,
    ) -> Result<JobRound, AppError> {
        acting.may(Action::ManageSettings)?;
        let now = match now {
            Some(now) => now,
            None => self.store.database_now().await?,
        };
        self.store.ensure_jobs(now).await?;
        let mut round = JobRound::default();
        let lease_until = now + JOB_LEASE;
        while let Some(job) = self.store.claim_due_job(now, lease_until).await? {
            let started = std::time::Instant::now();
            let mut sweep = Sweep::new(self, now);
            let outcome = match job.name {
                JobName::Sla => sweep.sla(job.last_success).await,
                JobName::Commitments => sweep.commitments(job.last_success).await,
                JobName::Materials => sweep.materials().await,
                JobName::FinalCommunication => sweep.final_communication().await,
                JobName::AutoClose => sweep.auto_close().await,
                JobName::Health => sweep.health().await,
                JobName::NotificationMail => sweep.notification_mail().await,
                JobName::Sessions => self.purge_sessions(now).await.map(drop),
            };
            // What it told before it failed is kept too: the keys make a retry tell no one twice.
            let outcome = outcome.and(sweep.flush().await);
            round.notified += sweep.notified;
            round.breaches += sweep.breaches;
            round.closed += sweep.closed;
            round.mailed += sweep.mailed;
            let (next, error) = match outcome {
                Ok(()) => (job.name.next_run(now), None),
                Err(error) => {
                    tracing::error!(job = job.name.as_str(), %error, "a job failed");
                    (now + JOB_RETRY, Some(error.to_string()))
                }
            };
            self.store
                .finish_job(job, now, next, error.as_deref())
                .await?;
            round.ran.push(job.name);
            round.timings.push(JobTiming {
                job: job.name,
                millis: u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
            });
            if let Some(error) = error {
                round.failed.push((job.name, error));
            }
        }
        Ok(round)
    }

    /// The recurring jobs: when each runs next and how its last run went.
    pub async fn list_jobs(&self, acting: &Acting) -> Result<Vec<Job>, AppError> {
        acting.may(Action::ManageSettings)?;
        Ok(self.store.list_jobs().await?)
    }
}
