//! Our promises past their due time: the owner hears, and so does the owner's manager
//! (escalation), once per promise and due time.

use super::sweep::About;
use super::{CLOCK_MARGIN, Sweep};
use crate::AppError;
use jiff::Timestamp;
use rapport_domain::NotificationKind;
use rapport_store::CommitmentFilter;

impl Sweep<'_> {
    /// Tells of the promises that fell due, or were made or changed, since `last_run` (the
    /// sweep's last run that went through; every overdue one when none): the others were
    /// told of then.
    pub(crate) async fn commitments(
        &mut self,
        last_run: Option<Timestamp>,
    ) -> Result<(), AppError> {
        let since = last_run.map(|at| at.min(self.now) - CLOCK_MARGIN);
        let overdue = self
            .app
            .store
            .list_commitments(&CommitmentFilter {
                client: None,
                request: None,
                member: None,
                open_only: true,
                due_before: Some(self.now),
                owner: None,
                changed_since: since,
            })
            .await?;
        for commitment in overdue {
            let client = self.client(commitment.client_id).await?;
            let key = format!(
                "commitment_overdue:c{}:{}",
                commitment.id,
                commitment.due_at.as_millisecond()
            );
            let about = |reason: String, key: String| About {
                kind: NotificationKind::CommitmentOverdue,
                client_id: commitment.client_id,
                request_id: commitment.request_id,
                subject_id: commitment.id.0,
                title: commitment.promise.clone(),
                reason,
                key,
            };
            let owner = commitment.owner_id;
            let yours = about(
                format!(
                    "Your promise to {} was due {} and has not been kept.",
                    client.name, commitment.due_at
                ),
                format!("{key}:owner"),
            );
            self.tell(&[owner], &yours).await?;
            let above = self.escalation(owner, commitment.client_id).await?;
            let escalated = about(
                format!(
                    "Escalated: a promise to {} (owner: user {owner}) was due {} and has not been kept.",
                    client.name, commitment.due_at
                ),
                format!("{key}:escalated"),
            );
            self.tell(&above, &escalated).await?;
        }
        Ok(())
    }
}
