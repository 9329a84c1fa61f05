//! Notifications delivered by now also reach their person by mail, when the desk sends
//! mail: each claimed by one sender with a lease, handed to the SMTP server, and marked;
//! a refusal is kept and tried again a few times.

use super::Sweep;
use crate::AppError;
use crate::outbox::mailbox;
use jiff::SignedDuration;
use rapport_domain::{Notification, NotificationKind};
use rapport_mail::{Mailbox, OutgoingMail, build_message};

/// How long one sender holds a notification it is mailing.
const LEASE: SignedDuration = SignedDuration::from_mins(5);
/// Attempts before a notification is left to the desk's own list.
const MAX_ATTEMPTS: u32 = 5;
/// Notifications mailed per run at most.
const BATCH: u32 = 200;

fn subject(n: &Notification) -> String {
    let what = match n.kind {
        NotificationKind::SlaWarning => "SLA warning",
        NotificationKind::SlaBreached => "SLA breached",
        NotificationKind::CommitmentOverdue => "Promise overdue",
        NotificationKind::MaterialsReminder => "Materials reminder",
        NotificationKind::FinalCommunicationPending => "Final communication owed",
    };
    let title: String = n.title.chars().take(80).collect();
    format!("[Rapport] {what}: {title}")
}

fn body(n: &Notification) -> String {
    let request = n
        .request_id
        .map_or_else(String::new, |r| format!("\nRequest #{r}"));
    format!("{}\n\n{}{request}\n", n.title, n.reason)
}

impl Sweep<'_> {
    pub(crate) async fn notification_mail(&mut self) -> Result<(), AppError> {
        let Some(outgoing) = self.app.outgoing() else {
            return Ok(());
        };
        let from = mailbox(&outgoing.from);
        let claimed = self
            .app
            .store
            .claim_notifications_to_mail(self.now, self.now + LEASE, MAX_ATTEMPTS, BATCH)
            .await?;
        for notification in claimed {
            let Some(user) = self.users().await?.get(&notification.user_id) else {
                continue;
            };
            let email = user.email.as_str().to_owned();
            let to = [Mailbox {
                name: None,
                address: email.clone(),
            }];
            let message_id = outgoing.message_id(&format!("n{}", notification.id));
            let built = build_message(&OutgoingMail {
                from: &from,
                to: &to,
                cc: &[],
                subject: &subject(&notification),
                body: &body(&notification),
                message_id: &message_id,
                in_reply_to: None,
                references: &[],
                language: None,
                date: self.now,
            });
            let result = match built {
                Ok(raw) => outgoing
                    .smtp
                    .send(&from.address, std::slice::from_ref(&email), &raw)
                    .await
                    .map_err(|e| e.message),
                Err(error) => Err(error.to_string()),
            };
            let error = result.err();
            if error.is_none() {
                self.mailed += 1;
            }
            self.app
                .store
                .record_notification_mail(notification.id, error.as_deref(), self.now)
                .await?;
        }
        Ok(())
    }
}
