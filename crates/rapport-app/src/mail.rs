//! Receiving mail: one raw message in, stored once, in the request it answers, a new
//! request of the client who sent it, or triage. The raw message is stored in the same
//! transaction; attachments are kept as files by their SHA-256 before it commits.

use crate::{Acting, App, AppError};
use jiff::{SignedDuration, Timestamp};
use rapport_domain::{
    Action, AttachmentMeta, Channel, ClientId, Direction, EmailAddress, MailAddress, MailMeta,
    MailWarning, NewContact, NewMessage, NewRequest, TriageReason, is_reply_subject,
    thread_subject,
};
use rapport_mail::{Blobs, InboundMail, Limits};
use rapport_store::{MailDelivery, MailStored, MailTarget, Sender};

/// Where mail files go and how large an attachment may be.
#[derive(Debug, Clone)]
pub struct MailSettings {
    /// Attachments, by SHA-256.
    pub blobs: Blobs,
    pub limits: Limits,
    /// How replies go out by mail; without it they are recorded, not sent.
    pub outgoing: Option<crate::Outgoing>,
}

/// A stored body longer than this is cut (the raw message keeps all of it).
const MAX_BODY_CHARS: usize = 1_000_000;

/// How far back a subject alone may join a thread (for mailers that drop References).
const SUBJECT_WINDOW: SignedDuration = SignedDuration::from_hours(24 * 45);

/// What receiving one message did.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Ingested {
    /// The same raw message was received before: nothing new was stored.
    Duplicate,
    /// Joined the thread of an existing request.
    Threaded {
        request_id: i64,
        message_id: i64,
        automatic: bool,
    },
    /// Opened a new request.
    NewRequest { request_id: i64, message_id: i64 },
    /// Waits in triage for a person.
    Triaged {
        triage_id: i64,
        reason: TriageReason,
    },
}

/// A parsed mail and what the desk decided about it, before anything is stored.
pub(crate) struct Routed {
    pub target: MailTarget,
    pub client: Option<ClientId>,
    /// The engagement of the request it joins, whose scope the decoder reads against.
    pub engagement: Option<rapport_domain::EngagementId>,
    pub new_contact: Option<NewContact>,
}

impl App {
    /// Keeps mail files under `settings`; without them the desk cannot receive mail.
    pub fn with_mail(mut self, settings: MailSettings) -> Self {
        self.mail = Some(std::sync::Arc::new(settings));
        self
    }

    pub(crate) fn mail_settings(&self) -> Result<&MailSettings, AppError> {
        self.mail
            .as_deref()
            .ok_or_else(|| AppError::Internal("this desk has no folder for mail files".into()))
    }

    /// Receives one raw message: parsed (never refused for its shape), deduplicated by
    /// the SHA-256 of its bytes, threaded by Message-ID and then by a reply's subject
    /// within the sender's client, else opening a request of the sender's client, else
    /// waiting in triage. Automatic mail never opens or reopens a request.
    pub async fn ingest_mail(
        &self,
        acting: &Acting,
        raw: Vec<u8>,
        now: Timestamp,
    ) -> Result<(Ingested, InboundMail), AppError> {
        let mail = self.receive_mail(acting, raw).await?;
        let ingested = self.file_mail(acting, &mail, now).await?;
        Ok((ingested, mail))
    }

    /// The first half of `ingest_mail`, which may run for many messages at once: parses
    /// the raw message on the blocking pool and keeps its attachments as files.
    pub async fn receive_mail(
        &self,
        acting: &Acting,
        raw: Vec<u8>,
    ) -> Result<InboundMail, AppError> {
        acting.may(Action::ManageMail)?;
        let settings = self.mail_settings()?.clone();
        let mail = tokio::task::spawn_blocking(move || -> std::io::Result<InboundMail> {
            let mail = rapport_mail::parse(&raw, &settings.limits);
            for attachment in &mail.attachments {
                if let Some(content) = &attachment.content {
                    settings.blobs.put(&attachment.sha256, content)?;
                }
            }
            Ok(mail)
        })
        .await
        .map_err(|e| AppError::Internal(format!("the mail parser stopped: {e}")))?
        .map_err(|e| AppError::Internal(format!("cannot keep a mail file: {e}")))?;
        Ok(mail)
    }

    /// The second half of `ingest_mail`, one message at a time in arrival order (a reply
    /// must find the request its parent opened): routes the mail and stores it.
    pub async fn file_mail(
        &self,
        acting: &Acting,
        mail: &InboundMail,
        now: Timestamp,
    ) -> Result<Ingested, AppError> {
        acting.may(Action::ManageMail)?;
        let routed = self.route(mail, now).await?;
        // A date in the future is a sender's wrong clock: the mail arrived now.
        let sent_at = mail.date.filter(|d| *d <= now).unwrap_or(now);
        let message = self
            .mail_message(mail_meta(mail), &mail.text, sent_at, &routed)
            .await?;
        let delivery = MailDelivery {
            raw_sha256: mail.raw_sha256.clone(),
            raw: mail.raw.clone(),
            target: routed.target,
            new_contact: routed.new_contact,
            message,
        };
        let ingested = match self
            .store
            .store_mail(&delivery, acting.actor(), now)
            .await?
        {
            MailStored::Duplicate => Ingested::Duplicate,
            MailStored::Message {
                message,
                request,
                opened: false,
            } => Ingested::Threaded {
                request_id: request.id.0,
                message_id: message.id.0,
                automatic: mail.auto.is_some(),
            },
            MailStored::Message {
                message,
                request,
                opened: true,
            } => Ingested::NewRequest {
                request_id: request.id.0,
                message_id: message.id.0,
            },
            MailStored::Triaged(item) => Ingested::Triaged {
                triage_id: item.id,
                reason: item.reason,
            },
        };
        Ok(ingested)
    }

    /// Decides where a mail goes: the request its Message-IDs name, else (for a reply)
    /// the request its subject names within the sender's client, else a new request of
    /// the sender's client, else triage.
    async fn route(&self, mail: &InboundMail, now: Timestamp) -> Result<Routed, AppError> {
        let sender = match &mail.from {
            Some(from) => self.store.find_sender(&from.address).await?,
            None => Sender::Unknown,
        };
        let sender_client = match &sender {
            Sender::Contact { client, .. } | Sender::Domain { client } => Some(*client),
            Sender::Ambiguous | Sender::Unknown => None,
        };
        let mut request = self.store.request_by_mail_ids(&mail.parent_ids()).await?;
        if request.is_none()
            && let Some(client) = sender_client
            && is_reply_subject(&mail.subject)
        {
            let since = now.saturating_sub(SUBJECT_WINDOW).unwrap_or(now);
            request = self
                .store
                .request_by_thread_subject(client, &thread_subject(&mail.subject), since)
                .await?;
        }
        let client = request.as_ref().map(|r| r.client_id).or(sender_client);
        let target = match (&request, &sender) {
            (Some(request), _) => MailTarget::Request(request.id),
            _ if mail.auto.is_some() => MailTarget::Triage(TriageReason::Automatic),
            (None, Sender::Contact { client, .. } | Sender::Domain { client }) => {
                MailTarget::NewRequest(NewRequest {
                    client_id: *client,
                    engagement_id: None,
                    subject: request_subject(mail),
                    assignee_id: None,
                    due_at: None,
                })
            }
            (None, Sender::Ambiguous) => MailTarget::Triage(TriageReason::AmbiguousSender),
            (None, Sender::Unknown) => MailTarget::Triage(TriageReason::UnknownSender),
        };
        // A new address at a client's domain becomes that client's contact, unless the
        // mail is automatic (an out-of-office robot is nobody to write to).
        let new_contact = match (&sender, &target) {
            (Sender::Domain { client }, MailTarget::Request(_) | MailTarget::NewRequest(_))
                if Some(*client) == client_of(&target, request.as_ref()) && mail.auto.is_none() =>
            {
                mail.from.as_ref().and_then(|from| {
                    new_contact(
                        *client,
                        &MailAddress {
                            name: from.name.clone(),
                            address: from.address.clone(),
                        },
                    )
                })
            }
            _ => None,
        };
        Ok(Routed {
            target,
            client,
            engagement: request.as_ref().and_then(|r| r.engagement_id),
            new_contact,
        })
    }

    /// The thread message a mail becomes; a person's mail to a known client is decoded
    /// in that client's zone and calendar.
    pub(crate) async fn mail_message(
        &self,
        meta: MailMeta,
        text: &str,
        sent_at: Timestamp,
        routed: &Routed,
    ) -> Result<NewMessage, AppError> {
        let body = cut_body(text);
        let card = match (routed.client, &routed.target) {
            (Some(client), MailTarget::Request(_) | MailTarget::NewRequest(_))
                if !meta.is_automatic() =>
            {
                let engagement = match routed.engagement {
                    Some(id) => Some(self.store.get_engagement(id).await?),
                    None => None,
                };
                let client = self.store.get_client(client).await?;
                self.client_card(client, engagement, &body, sent_at).await?
            }
            _ => None,
        };
        Ok(NewMessage {
            direction: Direction::Inbound,
            channel: Channel::Email,
            author: author(&meta),
            body,
            is_final: false,
            sent_at,
            card,
            mail: Some(meta),
            send: None,
        })
    }
}

fn client_of(target: &MailTarget, request: Option<&rapport_domain::Request>) -> Option<ClientId> {
    match target {
        MailTarget::NewRequest(new) => Some(new.client_id),
        MailTarget::Request(_) => request.map(|r| r.client_id),
        MailTarget::Triage(_) => None,
    }
}

/// A contact for a new sender: their display name, else the part before the `@`.
pub(crate) fn new_contact(client: ClientId, from: &MailAddress) -> Option<NewContact> {
    let email = EmailAddress::parse(&from.address).ok()?;
    let name = from.name.clone().unwrap_or_else(|| {
        from.address
            .split('@')
            .next()
            .unwrap_or_default()
            .to_owned()
    });
    Some(NewContact {
        client_id: client,
        name: name.chars().take(300).collect(),
        email,
        role: None,
        technical: false,
        reports_to: None,
    })
}

/// The request's subject: the mail's, or the first words of its text.
fn request_subject(mail: &InboundMail) -> String {
    let subject = mail.subject.trim();
    if !subject.is_empty() {
        return subject.chars().take(300).collect();
    }
    let first_line = mail
        .text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("(no subject)");
    first_line.chars().take(80).collect()
}

fn author(meta: &MailMeta) -> String {
    match &meta.from {
        Some(from) => match &from.name {
            Some(name) => format!("{name} <{}>", from.address),
            None => from.address.clone(),
        },
        None => "(unknown sender)".to_owned(),
    }
}

fn cut_body(text: &str) -> String {
    match text.char_indices().nth(MAX_BODY_CHARS) {
        Some((at, _)) => text[..at].to_owned(),
        None => text.to_owned(),
    }
}

pub(crate) fn mail_meta(mail: &InboundMail) -> MailMeta {
    let address = |m: &rapport_mail::Mailbox| MailAddress {
        name: m.name.clone(),
        address: m.address.clone(),
    };
    let mut warnings: Vec<MailWarning> = mail
        .warnings
        .iter()
        .map(|w| MailWarning {
            code: w.code.clone(),
            detail: w.detail.clone(),
        })
        .collect();
    if mail.text.chars().nth(MAX_BODY_CHARS).is_some() {
        warnings.push(MailWarning {
            code: "body_truncated".into(),
            detail: format!("the text is longer than {MAX_BODY_CHARS} characters; the thread shows the start, the raw message keeps all"),
        });
    }
    MailMeta {
        message_id: mail.message_id.clone(),
        from: mail.from.as_ref().map(address),
        to: mail.to.iter().map(address).collect(),
        cc: mail.cc.iter().map(address).collect(),
        subject: mail.subject.clone(),
        auto: mail.auto.map(|a| a.as_str().to_owned()),
        warnings,
        attachments: mail
            .attachments
            .iter()
            .map(|a| AttachmentMeta {
                filename: a.filename.clone(),
                content_type: a.content_type.clone(),
                size: a.size,
                sha256: a.sha256.clone(),
                stored: a.content.is_some(),
            })
            .collect(),
        raw_sha256: mail.raw_sha256.clone(),
        references: {
            let mut references = mail.references.clone();
            for id in &mail.in_reply_to {
                if !references.contains(id) {
                    references.push(id.clone());
                }
            }
            references
        },
    }
}

impl App {
    /// A message exactly as it arrived by mail, for someone who may read its request.
    pub async fn raw_message(
        &self,
        acting: &Acting,
        message: rapport_domain::MessageId,
    ) -> Result<Vec<u8>, AppError> {
        let found = self.store.get_message(message).await?;
        let request = self.store.get_request(found.request_id).await?;
        let missing = move || AppError::not_found("message", message.0);
        self.may_on_client(acting, Action::ReadClient, request.client_id, missing)
            .await?;
        let not_mail = || {
            AppError::Store(rapport_store::StoreError::NotFound {
                what: "mail message",
                id: message.0,
            })
        };
        let hash = found
            .mail
            .map(|m| m.raw_sha256)
            .filter(|h| !h.is_empty())
            .ok_or_else(not_mail)?;
        self.store.raw_mail(&hash).await?.ok_or_else(not_mail)
    }

    /// An attachment of a message, for someone who may read the message's request.
    pub async fn attachment(
        &self,
        acting: &Acting,
        message: rapport_domain::MessageId,
        sha256: &str,
    ) -> Result<(AttachmentMeta, Vec<u8>), AppError> {
        let found = self.store.get_message(message).await?;
        let request = self.store.get_request(found.request_id).await?;
        let missing = move || AppError::not_found("message", message.0);
        self.may_on_client(acting, Action::ReadClient, request.client_id, missing)
            .await?;
        let meta = found
            .mail
            .and_then(|m| m.attachments.into_iter().find(|a| a.sha256 == sha256))
            .ok_or_else(|| {
                AppError::Store(rapport_store::StoreError::NotFound {
                    what: "attachment of that message",
                    id: message.0,
                })
            })?;
        if !meta.stored {
            return Err(AppError::Gone(format!(
                "{} was {} bytes, over the size limit: only its description was kept",
                meta.filename, meta.size
            )));
        }
        let blobs = self.mail_settings()?.blobs.clone();
        let hash = meta.sha256.clone();
        let bytes = tokio::task::spawn_blocking(move || blobs.get(&hash))
            .await
            .map_err(|e| AppError::Internal(format!("reading an attachment stopped: {e}")))?
            .map_err(|e| {
                AppError::Internal(format!(
                    "attachment {} is missing from the mail folder: {e}",
                    meta.sha256
                ))
            })?;
        Ok((meta, bytes))
    }
}
