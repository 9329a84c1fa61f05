//! Where each mail of a batch goes, decided after a few bulk reads (the senders, the
//! Message-IDs the batch answers) and in arrival order, so that a reply finds the
//! request its parent opened even when both arrive in the same batch: the request its
//! Message-IDs name (ours included), else for a reply the request its subject names within
//! the sender's client, else a new request of the sender's client, else triage.
//! Automatic mail never opens a request.

use crate::mail::{Routed, mail_address, new_contact, request_subject};
use crate::{App, AppError};
use jiff::{SignedDuration, Timestamp};
use rapport_domain::{
    ClientId, EngagementId, NewContact, NewRequest, Request, RequestId, TriageReason,
    is_reply_subject, thread_subject,
};
use rapport_mail::InboundMail;
use rapport_store::{MailTarget, Sender};
use std::collections::HashMap;

/// How far back a subject alone may join a thread (for mailers that drop References).
const SUBJECT_WINDOW: SignedDuration = SignedDuration::from_hours(24 * 45);
/// Message-IDs read per mail: a thread's root and its last replies are enough.
const IDS_PER_MAIL: usize = 20;

/// A request a mail of the batch may join: one the desk holds, or the one an earlier
/// mail of the batch went to.
#[derive(Clone, Copy)]
struct Joinable {
    at: JoinAt,
    client: ClientId,
    engagement: Option<EngagementId>,
}

#[derive(Clone, Copy)]
enum JoinAt {
    Request(RequestId),
    /// Wherever the mail at this index of the batch goes.
    Earlier(usize),
}

impl Joinable {
    fn request(request: &Request) -> Self {
        Self {
            at: JoinAt::Request(request.id),
            client: request.client_id,
            engagement: request.engagement_id,
        }
    }
}

impl App {
    pub(crate) async fn route_batch(
        &self,
        mails: &[InboundMail],
        now: Timestamp,
    ) -> Result<Vec<Routed>, AppError> {
        let mut addresses: Vec<&str> = mails
            .iter()
            .filter_map(|m| m.from.as_ref().map(|f| f.address.as_str()))
            .collect();
        addresses.sort_unstable();
        addresses.dedup();
        let senders = self.store.find_senders(&addresses).await?;
        let mut ids: Vec<&str> = mails
            .iter()
            .flat_map(|m| m.parent_ids().into_iter().take(IDS_PER_MAIL))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        let known = self.store.requests_by_mail_ids(&ids).await?;
        // What earlier mails of the batch became, by their Message-ID and thread subject.
        let mut by_id: HashMap<&str, Joinable> = HashMap::new();
        let mut by_subject: HashMap<(ClientId, String), Joinable> = HashMap::new();
        let mut routes = Vec::with_capacity(mails.len());
        for (index, mail) in mails.iter().enumerate() {
            let sender = mail
                .from
                .as_ref()
                .and_then(|f| senders.get(&f.address).cloned())
                .unwrap_or(Sender::Unknown);
            let sender_client = match &sender {
                Sender::Contact { client } | Sender::Domain { client } => Some(*client),
                Sender::Ambiguous | Sender::Unknown => None,
            };
            let mut joined = mail
                .parent_ids()
                .into_iter()
                .take(IDS_PER_MAIL)
                .find_map(|id| {
                    known
                        .get(id)
                        .map(Joinable::request)
                        .or_else(|| by_id.get(id).copied())
                });
            if joined.is_none()
                && let Some(client) = sender_client
                && is_reply_subject(&mail.subject)
            {
                let key = thread_subject(&mail.subject);
                joined = match by_subject.get(&(client, key.clone())) {
                    Some(earlier) => Some(*earlier),
                    None => {
                        let since = now.saturating_sub(SUBJECT_WINDOW).unwrap_or(now);
                        let found = self
                            .store
                            .request_by_thread_subject(client, &key, since)
                            .await?;
                        found.as_ref().map(Joinable::request)
                    }
                };
            }
            let own = own_target(mail, &sender);
            let (target, client, engagement) = match joined {
                Some(Joinable {
                    at: JoinAt::Request(id),
                    client,
                    engagement,
                }) => (MailTarget::Request(id), Some(client), engagement),
                Some(Joinable {
                    at: JoinAt::Earlier(index),
                    client,
                    engagement,
                }) => (
                    MailTarget::AsEarlier {
                        index,
                        otherwise: Box::new(own),
                    },
                    Some(client),
                    engagement,
                ),
                None => (own, sender_client, None),
            };
            let new_contact = domain_contact(mail, &sender, &target, client);
            // Later mails of the batch may answer this one.
            if !matches!(target, MailTarget::Triage(_))
                && let Some(client) = client
            {
                let here = Joinable {
                    at: JoinAt::Earlier(index),
                    client,
                    engagement,
                };
                if let Some(id) = mail.message_id.as_deref()
                    && !known.contains_key(id)
                {
                    by_id.entry(id).or_insert(here);
                }
                if matches!(target, MailTarget::NewRequest(_)) {
                    by_subject.insert((client, thread_subject(&mail.subject)), here);
                }
            }
            routes.push(Routed {
                target,
                client,
                engagement,
                new_contact,
            });
        }
        Ok(routes)
    }
}

/// Where a mail goes on its own: a new request of its sender's client, or triage.
fn own_target(mail: &InboundMail, sender: &Sender) -> MailTarget {
    match sender {
        _ if mail.auto.is_some() => MailTarget::Triage(TriageReason::Automatic),
        Sender::Contact { client } | Sender::Domain { client } => {
            MailTarget::NewRequest(NewRequest {
                client_id: *client,
                engagement_id: None,
                subject: request_subject(&mail.subject, &mail.text),
                assignee_id: None,
                due_at: None,
                received_at: None,
            })
        }
        Sender::Ambiguous => MailTarget::Triage(TriageReason::AmbiguousSender),
        Sender::Unknown => MailTarget::Triage(TriageReason::UnknownSender),
    }
}

/// A new address at a client's domain becomes that client's contact when its mail goes to
/// that client, unless the mail is automatic (an out-of-office robot is nobody to write to).
fn domain_contact(
    mail: &InboundMail,
    sender: &Sender,
    target: &MailTarget,
    client: Option<ClientId>,
) -> Option<NewContact> {
    let (
        Sender::Domain {
            client: domain_client,
        },
        Some(from),
    ) = (sender, &mail.from)
    else {
        return None;
    };
    if matches!(target, MailTarget::Triage(_))
        || Some(*domain_client) != client
        || mail.auto.is_some()
    {
        return None;
    }
    new_contact(*domain_client, &mail_address(from))
}
