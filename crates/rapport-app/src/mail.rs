//! Receiving mail: one raw message in, stored once, in the request it answers, a new
//! request of the client who sent it, or triage. The raw message is stored in the same
//! transaction; attachments are kept as files by their SHA-256 before it commits.

use crate::messages::MAX_BODY_CHARS;
use crate::{Acting, App, AppError};
use jiff::Timestamp;
use rapport_domain::{
    Action, AttachmentMeta, Channel, Client, ClientId, Direction, EmailAddress, Engagement,
    EngagementId, MailAddress, MailMeta, MailWarning, NewContact, NewMessage, TriageReason,
};
use rapport_mail::{Blobs, InboundMail, Limits};
use rapport_store::{MailDelivery, MailStored, MailTarget};

/// Where mail files go and how large an attachment may be.
#[derive(Debug, Clone)]
pub struct MailSettings {
    /// Attachments, by SHA-256.
    pub blobs: Blobs,
    pub limits: Limits,
    /// How replies go out by mail; without it they are recorded, not sent.
    pub outgoing: Option<crate::Outgoing>,
    /// Certificates (PEM) to trust beside the public roots, for mail servers with a
    /// private CA.
    pub ca_file: Option<std::path::PathBuf>,
}

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

    /// The second half of `ingest_mail`: routes one mail and stores it.
    pub async fn file_mail(
        &self,
        acting: &Acting,
        mail: &InboundMail,
        now: Timestamp,
    ) -> Result<Ingested, AppError> {
        let mut filed = self
            .file_mails(acting, std::slice::from_ref(mail), now)
            .await?;
        Ok(filed.remove(0))
    }

    /// Routes and stores a batch of mails, in arrival order and in one transaction (a
    /// reply finds the request its parent opened, in the same batch or before): a few
    /// reads for the whole batch instead of several per mail. Any failure stores none.
    pub async fn file_mails(
        &self,
        acting: &Acting,
        mails: &[InboundMail],
        now: Timestamp,
    ) -> Result<Vec<Ingested>, AppError> {
        acting.may(Action::ManageMail)?;
        let routes = self.route_batch(mails, now).await?;
        let mut contexts = DecodeContexts::default();
        let mut deliveries = Vec::with_capacity(mails.len());
        for (mail, routed) in mails.iter().zip(routes) {
            // A date in the future is a sender's wrong clock: the mail arrived now.
            let sent_at = mail.date.filter(|d| *d <= now).unwrap_or(now);
            let message = self
                .mail_message(mail_meta(mail), &mail.text, sent_at, &routed, &mut contexts)
                .await?;
            deliveries.push(MailDelivery {
                raw_sha256: &mail.raw_sha256,
                raw: &mail.raw,
                target: routed.target,
                new_contact: routed.new_contact,
                message,
            });
        }
        let stored = self
            .store
            .store_mails(&deliveries, acting.actor(), now)
            .await?;
        Ok(mails
            .iter()
            .zip(stored)
            .map(|(mail, stored)| match stored {
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
            })
            .collect())
    }

    /// The thread message a mail becomes; a person's mail to a known client is decoded
    /// in that client's zone and calendar.
    pub(crate) async fn mail_message(
        &self,
        mut meta: MailMeta,
        text: &str,
        sent_at: Timestamp,
        routed: &Routed,
        contexts: &mut DecodeContexts,
    ) -> Result<NewMessage, AppError> {
        // The thread shows at most MAX_BODY_CHARS; the raw message keeps all of it.
        let body = match text.char_indices().nth(MAX_BODY_CHARS) {
            Some((at, _)) => {
                meta.warnings.push(MailWarning {
                    code: "body_truncated".into(),
                    detail: format!(
                        "the text is longer than {MAX_BODY_CHARS} characters; the thread shows the start, the raw message keeps all"
                    ),
                });
                text[..at].to_owned()
            }
            None => text.to_owned(),
        };
        let card = match routed.client {
            Some(client)
                if !meta.is_automatic() && !matches!(routed.target, MailTarget::Triage(_)) =>
            {
                let engagement = match routed.engagement {
                    Some(id) => Some(contexts.engagement(self, id).await?),
                    None => None,
                };
                let client = contexts.client(self, client).await?;
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
            promises: Vec::new(),
            asks: Vec::new(),
            seen_up_to: None,
        })
    }
}

/// The clients and engagements a batch decodes against, each read once.
#[derive(Default)]
pub(crate) struct DecodeContexts {
    clients: std::collections::HashMap<ClientId, Client>,
    engagements: std::collections::HashMap<EngagementId, Engagement>,
}

impl DecodeContexts {
    async fn client(&mut self, app: &App, id: ClientId) -> Result<Client, AppError> {
        if let Some(client) = self.clients.get(&id) {
            return Ok(client.clone());
        }
        let client = app.store.get_client(id).await?;
        self.clients.insert(id, client.clone());
        Ok(client)
    }

    async fn engagement(&mut self, app: &App, id: EngagementId) -> Result<Engagement, AppError> {
        if let Some(engagement) = self.engagements.get(&id) {
            return Ok(engagement.clone());
        }
        let engagement = app.store.get_engagement(id).await?;
        self.engagements.insert(id, engagement.clone());
        Ok(engagement)
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
pub(crate) fn request_subject(subject: &str, text: &str) -> String {
    let subject = subject.trim();
    if !subject.is_empty() {
        return subject.chars().take(300).collect();
    }
    let first_line = text
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

/// A parsed address as the envelope keeps it.
pub(crate) fn mail_address(mailbox: &rapport_mail::Mailbox) -> MailAddress {
    MailAddress {
        name: mailbox.name.clone(),
        address: mailbox.address.clone(),
    }
}

pub(crate) fn mail_meta(mail: &InboundMail) -> MailMeta {
    let address = mail_address;
    let warnings = mail
        .warnings
        .iter()
        .map(|w| MailWarning {
            code: w.code.clone(),
            detail: w.detail.clone(),
        })
        .collect();
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
