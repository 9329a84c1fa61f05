//! What the parser makes of one raw message: the parts Rapport reads, and warnings.

use jiff::Timestamp;

/// One address with its display name, as the mailer wrote it (encoded words decoded).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Mailbox {
    pub name: Option<String>,
    /// Lower-cased, as addresses are compared.
    pub address: String,
}

/// An attachment's description; the bytes are kept only under the size limit.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Attachment {
    pub filename: String,
    pub content_type: String,
    pub size: u64,
    /// SHA-256 of the decoded bytes, lower-case hex: the name it is stored under.
    pub sha256: String,
    /// The decoded bytes; `None` when the attachment is over the size limit.
    #[serde(skip)]
    pub content: Option<Vec<u8>>,
}

/// Why a message counts as automatic: such mail never opens or reopens a request and
/// never gets a reply from us.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AutoKind {
    /// `Auto-Submitted` other than `no` (RFC 3834).
    AutoSubmitted,
    /// `X-Autoreply`, `X-Autorespond` and their kin.
    AutoreplyHeader,
    /// `Precedence: bulk`, `junk`, `list` or `auto_reply`.
    Precedence,
    /// `Return-Path: <>`: bounces and other mail that must not be answered.
    NullReturnPath,
    /// A `multipart/report` delivery status notification.
    DeliveryReport,
    /// Sent by MAILER-DAEMON or postmaster.
    MailerDaemon,
    /// Outlook's `X-Auto-Response-Suppress` on its own automatic replies.
    AutoResponseSuppress,
}

impl AutoKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::AutoSubmitted => "auto_submitted",
            Self::AutoreplyHeader => "autoreply_header",
            Self::Precedence => "precedence",
            Self::NullReturnPath => "null_return_path",
            Self::DeliveryReport => "delivery_report",
            Self::MailerDaemon => "mailer_daemon",
            Self::AutoResponseSuppress => "auto_response_suppress",
        }
    }
}

/// Something the parser had to guess or leave out; the message is kept all the same.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Warning {
    /// Stable, for programs: `charset_missing`, `charset_unknown`, `charset_mislabeled`,
    /// `raw_8bit_header`, `missing_from`, `missing_date`, `unparsable_date`,
    /// `missing_message_id`, `nul_bytes`, `encoding_problem`, `no_text_body`,
    /// `attachment_too_large`, `not_a_message`, `parser_failed`.
    pub code: String,
    /// For people: what was seen and what was done about it.
    pub detail: String,
}

impl Warning {
    pub(crate) fn new(code: &str, detail: impl Into<String>) -> Self {
        Self {
            code: code.to_owned(),
            detail: detail.into(),
        }
    }
}

/// A message as Rapport reads it. Parsing never fails: whatever could not be read is
/// said in `warnings`, and the raw bytes come along in `raw`.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct InboundMail {
    /// Without angle brackets.
    pub message_id: Option<String>,
    pub in_reply_to: Vec<String>,
    pub references: Vec<String>,
    pub from: Option<Mailbox>,
    pub to: Vec<Mailbox>,
    pub cc: Vec<Mailbox>,
    /// Empty when the message has none.
    pub subject: String,
    pub date: Option<Timestamp>,
    /// The readable body: the text part, else the HTML made readable. LF line ends.
    pub text: String,
    pub auto: Option<AutoKind>,
    pub attachments: Vec<Attachment>,
    pub warnings: Vec<Warning>,
    /// SHA-256 of the raw message, lower-case hex: the dedupe key for files.
    pub raw_sha256: String,
    /// The message as it arrived.
    #[serde(skip)]
    pub raw: Vec<u8>,
}

impl InboundMail {
    /// Every Message-ID this message answers, the most direct first: In-Reply-To, then
    /// References from the last (the parent) back to the first (the thread's root).
    pub fn parent_ids(&self) -> Vec<&str> {
        let mut ids: Vec<&str> = self.in_reply_to.iter().map(String::as_str).collect();
        for id in self.references.iter().rev() {
            if !ids.contains(&id.as_str()) {
                ids.push(id);
            }
        }
        ids
    }
}
