//! The proactive engine's recurring jobs: each sweeps one rule family over the desk and
//! runs again after its interval. The database keeps when each runs next and which server
//! holds it, so a job runs on one server at a time and resumes after downtime; what a
//! sweep produces carries its own key, so running it late or twice changes nothing.

use crate::text_enum;
use jiff::{SignedDuration, Timestamp};

text_enum!(
    /// One recurring sweep.
    JobName, "job" {
        /// SLA warnings and breaches: recorded, and told to the people responsible.
        Sla => "sla",
        /// Our promises past their due time: told to their owner and the owner's manager.
        Commitments => "commitments",
        /// Materials reminder days: the reminder's draft is ready for the assignee.
        Materials => "materials",
        /// Resolved requests owing their final communication: once every working day.
        FinalCommunication => "final_communication",
        /// Requests whose final communication went unanswered for their engagement's
        /// working days: closed, in the audit trail.
        AutoClose => "auto_close",
        /// Every client's posture and health, kept per day for Today and the history.
        Health => "health",
        /// Notifications delivered by now go to their person by mail too.
        NotificationMail => "notification_mail",
        /// Browser sessions past their timeouts: forgotten.
        Sessions => "sessions",
    }
);

impl JobName {
    /// How long after one run the next one is due.
    pub fn every(self) -> SignedDuration {
        match self {
            JobName::NotificationMail => SignedDuration::from_mins(1),
            JobName::Sla | JobName::Commitments => SignedDuration::from_mins(5),
            JobName::Materials | JobName::AutoClose => SignedDuration::from_mins(15),
            JobName::FinalCommunication | JobName::Health | JobName::Sessions => {
                SignedDuration::from_hours(1)
            }
        }
    }

    /// When the job runs again after a run that ended at `ran`; a missed run is not
    /// replayed once per missed interval: one run catches up on everything.
    pub fn next_run(self, ran: Timestamp) -> Timestamp {
        ran + self.every()
    }
}

/// How long a server holds a job it claimed before another may take it over (a server
/// that died mid-run).
pub const JOB_LEASE: SignedDuration = SignedDuration::from_mins(10);

/// When a failed run is tried again.
pub const JOB_RETRY: SignedDuration = SignedDuration::from_mins(1);

/// A recurring job as the database keeps it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Job {
    pub name: JobName,
    pub run_at: Timestamp,
    pub last_run_at: Option<Timestamp>,
    pub last_error: Option<String>,
    /// Runs so far, failed ones included.
    pub runs: i64,
}
