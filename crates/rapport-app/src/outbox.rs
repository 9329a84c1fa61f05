//! Mail we send: a reply composed as the thread's next mail (to whoever wrote last, our
//! Message-ID naming the request, In-Reply-To and References continuing the chain),
//! committed to the outbox with its message, and sent by `send_due_mail`, which a worker
//! of `rapport serve` (or `rapport outbox send`) runs.

use crate::drafts::reply_subject;
use crate::tokens::random_hex;
use crate::{Acting, App, AppError};
use jiff::{SignedDuration, Timestamp};
use rapport_domain::{
    Action, Client, Direction, EmailAddress, MailAddress, MailMeta, NewOutboxMail, OutboxItem,
    OutboxState, Request, next_send_attempt,
};
use rapport_mail::{BuildError, Mailbox, OutgoingMail, SmtpSender, build_message};

/// How the desk sends mail.
#[derive(Debug, Clone)]
pub struct Outgoing {
    /// The address replies come from (and the domain of our Message-IDs).
    pub from: MailAddress,
    pub smtp: SmtpSender,
}

/// What one round of sending did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct SendRound {
    pub sent: u32,
    /// Refused for now; tried again later.
    pub deferred: u32,
    /// Refused for good or out of attempts: shown as failed until a person retries.
    pub failed: u32,
}

/// How long one sender holds a mail before another may try it.
const LEASE: SignedDuration = SignedDuration::from_mins(5);

pub(crate) fn mailbox(address: &MailAddress) -> Mailbox {
    Mailbox {
        name: address.name.clone(),
        address: address.address.clone(),
    }
}

impl Outgoing {
    /// A Message-ID of ours, `rapport-<local>@<our domain>`: what names our mail when a
    /// reply comes back.
    pub(crate) fn message_id(&self, local: &str) -> String {
        let domain = self
            .from
            .address
            .rsplit('@')
            .next()
            .unwrap_or("rapport.invalid");
        format!("rapport-{local}@{domain}")
    }
}

impl App {
    pub(crate) fn outgoing(&self) -> Option<&Outgoing> {
        self.mail.as_deref().and_then(|m| m.outgoing.as_ref())
    }

    /// The envelope and the outbox entry of a reply on `request`: to `to` when given,
    /// else to whoever sent the thread's last client mail.
    pub(crate) async fn compose_reply(
        &self,
        request: &Request,
        client: &Client,
        body: &str,
        to: &[String],
        outgoing: &Outgoing,
        now: Timestamp,
    ) -> Result<(MailMeta, NewOutboxMail), AppError> {
        let thread = self.store.thread(request.id).await?;
        let parent = thread
            .messages
            .iter()
            .rev()
            .filter(|m| m.direction == Direction::Inbound)
            .find_map(|m| {
                m.mail
                    .as_ref()
                    .filter(|mail| mail.from.is_some() && mail.auto.is_none())
            });
        let recipients: Vec<MailAddress> = if to.is_empty() {
            match parent.and_then(|p| p.from.clone()) {
                Some(from) => vec![from],
                None => {
                    return Err(AppError::invalid(
                        "to",
                        "no client mail in this thread to answer: say whom the mail goes to",
                    ));
                }
            }
        } else {
            to.iter()
                .map(|address| {
                    EmailAddress::parse(address)
                        .map(|a| MailAddress {
                            name: None,
                            address: a.as_str().to_owned(),
                        })
                        .map_err(|e| AppError::invalid("to", e.to_string()))
                })
                .collect::<Result<_, _>>()?
        };
        let subject = match parent
            .map(|p| p.subject.as_str())
            .filter(|s| !s.trim().is_empty())
        {
            Some(subject) => reply_subject(subject),
            None => request.subject.clone(),
        };
        let in_reply_to = parent.and_then(|p| p.message_id.clone());
        let mut references = parent.map(|p| p.references.clone()).unwrap_or_default();
        if let Some(id) = &in_reply_to
            && !references.contains(id)
        {
            references.push(id.clone());
        }
        let message_id = outgoing.message_id(&format!("r{}-{}", request.id, random_hex(8)?));
        let language = client.languages.first().map(|l| l.as_str().to_owned());
        let to_boxes: Vec<Mailbox> = recipients.iter().map(mailbox).collect();
        let raw = build_message(&OutgoingMail {
            from: &mailbox(&outgoing.from),
            to: &to_boxes,
            cc: &[],
            subject: &subject,
            body,
            message_id: &message_id,
            in_reply_to: in_reply_to.as_deref(),
            references: &references,
            language: language.as_deref(),
            date: now,
        })
        .map_err(|error| match error {
            BuildError::HeaderInjection { field } => AppError::invalid(field, error.to_string()),
            BuildError::Address(_) | BuildError::NoRecipient => {
                AppError::invalid("to", error.to_string())
            }
            BuildError::Build(message) => AppError::Internal(message),
        })?;
        let meta = MailMeta {
            message_id: Some(message_id),
            from: Some(outgoing.from.clone()),
            to: recipients.clone(),
            cc: Vec::new(),
            subject,
            auto: None,
            warnings: Vec::new(),
            attachments: Vec::new(),
            raw_sha256: rapport_mail::sha256_hex(&raw),
            references,
        };
        let send = NewOutboxMail {
            sender: outgoing.from.address.clone(),
            recipients: recipients.into_iter().map(|r| r.address).collect(),
            raw,
        };
        Ok((meta, send))
    }

    /// Sends what is due in the outbox: each mail leased to this sender, handed to the
    /// SMTP server, and its answer recorded (sent, tried again later, or failed).
    pub async fn send_due_mail(
        &self,
        acting: &Acting,
        now: Timestamp,
    ) -> Result<SendRound, AppError> {
        acting.may(Action::ManageMail)?;
        let mut round = SendRound::default();
        let Some(outgoing) = self.outgoing() else {
            return Ok(round);
        };
        let lease_until = now.checked_add(LEASE).unwrap_or(now);
        for id in self.store.due_outbox(now, 100).await? {
            let Some(leased) = self.store.lease_outbox(id, lease_until, now).await? else {
                continue;
            };
            let result = outgoing
                .smtp
                .send(&leased.item.sender, &leased.item.recipients, &leased.raw)
                .await;
            let item = match result {
                Ok(answer) => {
                    round.sent += 1;
                    self.store
                        .record_send_attempt(id, true, &answer, None, acting.actor(), now)
                        .await?
                }
                Err(error) => {
                    let next = next_send_attempt(leased.item.attempts + 1, error.permanent, now);
                    if next.is_some() {
                        round.deferred += 1;
                    } else {
                        round.failed += 1;
                    }
                    tracing::warn!(outbox = id, permanent = error.permanent, answer = %error.message, "mail not sent");
                    self.store
                        .record_send_attempt(id, false, &error.message, next, acting.actor(), now)
                        .await?
                }
            };
            tracing::debug!(outbox = item.id, state = %item.state, "send attempt recorded");
        }
        Ok(round)
    }

    /// Outgoing mail, newest first, in one state or all.
    pub async fn list_outbox(
        &self,
        acting: &Acting,
        state: Option<OutboxState>,
        limit: u32,
    ) -> Result<Vec<OutboxItem>, AppError> {
        acting.may(Action::ManageMail)?;
        Ok(self.store.list_outbox(state, limit.clamp(1, 500)).await?)
    }

    /// Puts a failed mail back in the queue.
    pub async fn retry_outbox(
        &self,
        acting: &Acting,
        id: i64,
        now: Timestamp,
    ) -> Result<OutboxItem, AppError> {
        acting.may(Action::ManageMail)?;
        Ok(self.store.retry_outbox(id, acting.actor(), now).await?)
    }
}
