//! Mail: envelopes, attachments, triage, the outbox and IMAP mailboxes.

use jiff::Timestamp;
use rapport_domain as d;
use serde::Serialize;
use utoipa::ToSchema;

/// One address of a mail header.
#[derive(Serialize, ToSchema)]
pub struct AddressView {
    pub name: Option<String>,
    pub address: String,
}

/// An attachment; `stored` is false when it was over the size limit (only described).
#[derive(Serialize, ToSchema)]
pub struct AttachmentView {
    pub filename: String,
    pub content_type: String,
    pub size: u64,
    /// Its name in the download URL.
    pub sha256: String,
    pub stored: bool,
}

/// What the mail parser had to guess or leave out (`charset_missing`, `missing_date`, ...).
#[derive(Serialize, ToSchema)]
pub struct WarningView {
    pub code: String,
    pub detail: String,
}

/// The envelope of a mail, as the message and triage views show it.
#[derive(Serialize, ToSchema, Default)]
pub struct MailView {
    pub from: Option<AddressView>,
    pub to: Vec<AddressView>,
    pub cc: Vec<AddressView>,
    /// Without angle brackets.
    pub message_id: Option<String>,
    /// Automatic mail (an out-of-office reply, a bounce, a list) never opens or reopens a request.
    pub auto: bool,
    /// Why it counts as automatic: `auto_submitted`, `precedence`, `delivery_report`, ...
    pub auto_reason: Option<String>,
    pub warnings: Vec<WarningView>,
    pub attachments: Vec<AttachmentView>,
}

impl From<d::MailMeta> for MailView {
    fn from(m: d::MailMeta) -> Self {
        let address = |a: d::MailAddress| AddressView {
            name: a.name,
            address: a.address,
        };
        Self {
            from: m.from.map(address),
            to: m.to.into_iter().map(address).collect(),
            cc: m.cc.into_iter().map(address).collect(),
            message_id: m.message_id,
            auto: m.auto.is_some(),
            auto_reason: m.auto,
            warnings: m
                .warnings
                .into_iter()
                .map(|w| WarningView {
                    code: w.code,
                    detail: w.detail,
                })
                .collect(),
            attachments: m
                .attachments
                .into_iter()
                .map(|a| AttachmentView {
                    filename: a.filename,
                    content_type: a.content_type,
                    size: a.size,
                    sha256: a.sha256,
                    stored: a.stored,
                })
                .collect(),
        }
    }
}

/// A mail waiting in triage (or, once assigned, where it went).
#[derive(Serialize, ToSchema)]
pub struct TriageView {
    pub id: i64,
    /// `unknown_sender`, `ambiguous_sender` or `automatic`.
    pub reason: String,
    pub subject: String,
    pub body: String,
    #[schema(value_type = String, format = DateTime)]
    pub received_at: Timestamp,
    #[serde(flatten)]
    pub mail: MailView,
    /// The request it became or joined, once assigned.
    pub request_id: Option<i64>,
    pub client_id: Option<i64>,
    #[schema(value_type = String, format = DateTime)]
    pub created_at: Timestamp,
}

impl From<d::TriageItem> for TriageView {
    fn from(t: d::TriageItem) -> Self {
        Self {
            id: t.id,
            reason: t.reason.as_str().to_owned(),
            subject: t.mail.subject.clone(),
            body: t.body,
            received_at: t.received_at,
            mail: t.mail.into(),
            request_id: t.request_id.map(|r| r.0),
            client_id: t.client_id.map(|c| c.0),
            created_at: t.created_at,
        }
    }
}

/// The triage queue.
#[derive(Serialize, ToSchema)]
pub struct TriageList {
    pub items: Vec<TriageView>,
}

/// An outgoing mail and its delivery so far.
#[derive(Serialize, ToSchema)]
pub struct OutboxView {
    pub id: i64,
    pub message_id: i64,
    pub request_id: i64,
    pub sender: String,
    pub recipients: Vec<String>,
    /// `pending`, `sent` or `failed`.
    pub state: String,
    pub attempts: u32,
    #[schema(value_type = Option<String>, format = DateTime)]
    pub next_attempt_at: Option<Timestamp>,
    /// What the SMTP server answered last: its acceptance or its refusal.
    pub last_answer: Option<String>,
    #[schema(value_type = Option<String>, format = DateTime)]
    pub sent_at: Option<Timestamp>,
    #[schema(value_type = String, format = DateTime)]
    pub created_at: Timestamp,
}

impl From<d::OutboxItem> for OutboxView {
    fn from(o: d::OutboxItem) -> Self {
        Self {
            id: o.id,
            message_id: o.message_id.0,
            request_id: o.request_id.0,
            sender: o.sender,
            recipients: o.recipients,
            state: o.state.as_str().to_owned(),
            attempts: o.attempts,
            next_attempt_at: o.next_attempt_at,
            last_answer: o.last_answer,
            sent_at: o.sent_at,
            created_at: o.created_at,
        }
    }
}

/// The outbox.
#[derive(Serialize, ToSchema)]
pub struct OutboxList {
    pub items: Vec<OutboxView>,
}

/// An IMAP mailbox the desk reads.
#[derive(Serialize, ToSchema)]
pub struct MailboxView {
    pub id: i64,
    /// Never with a password.
    pub url: String,
    /// The file its password is read from; none: the password is kept sealed with the
    /// desk's key.
    pub password_file: Option<String>,
    pub last_uid: u32,
    #[schema(value_type = Option<String>, format = DateTime)]
    pub last_sync_at: Option<Timestamp>,
    /// What went wrong on the last attempt; null after a good one.
    pub last_error: Option<String>,
}

impl From<d::ImapMailbox> for MailboxView {
    fn from(m: d::ImapMailbox) -> Self {
        Self {
            id: m.id,
            url: m.url,
            password_file: match m.password {
                d::MailboxPassword::File(path) => Some(path),
                d::MailboxPassword::Sealed(_) => None,
            },
            last_uid: m.last_uid,
            last_sync_at: m.last_sync_at,
            last_error: m.last_error,
        }
    }
}
