//! What a message that came by mail keeps of its envelope, the mail domains a client
//! writes from, and the triage queue where mail from unknown senders waits for a person.

use crate::{ClientId, RequestId, text_enum};
use jiff::Timestamp;
use std::fmt;

/// One address as a header gave it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct MailAddress {
    pub name: Option<String>,
    pub address: String,
}

/// Something the mail parser had to guess or leave out.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct MailWarning {
    pub code: String,
    pub detail: String,
}

/// An attachment's description; `stored` is false when it was over the size limit and
/// only this description was kept.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct AttachmentMeta {
    pub filename: String,
    pub content_type: String,
    pub size: u64,
    pub sha256: String,
    pub stored: bool,
}

/// The envelope of a message that came by mail (or will go out by mail).
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct MailMeta {
    /// Without angle brackets; threads join on it.
    pub message_id: Option<String>,
    pub from: Option<MailAddress>,
    pub to: Vec<MailAddress>,
    pub cc: Vec<MailAddress>,
    pub subject: String,
    /// Why the message is automatic (an out-of-office reply, a bounce, a list), if it is.
    pub auto: Option<String>,
    pub warnings: Vec<MailWarning>,
    pub attachments: Vec<AttachmentMeta>,
    /// SHA-256 of the raw message, under which it is kept.
    pub raw_sha256: String,
    /// The Message-IDs this one answers, the thread's root first: a reply of ours
    /// continues the chain.
    #[serde(default)]
    pub references: Vec<String>,
}

impl MailMeta {
    pub fn is_automatic(&self) -> bool {
        self.auto.is_some()
    }
}

/// A domain a client's people write from (`example.co.jp`): mail from a new address there
/// joins that client. Shared free-mail domains are refused: they name nobody's company.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct MailDomain(String);

/// Why a text is not a client's mail domain.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MailDomainError {
    #[error("{0:?} is not a mail domain: expected a name such as example.co.jp")]
    Shape(String),
    #[error("{0} is a free-mail domain shared by many people; add the contact's address instead")]
    FreeMail(String),
}

/// Free-mail and carrier domains common in Japan, China and elsewhere.
const FREE_MAIL: &[&str] = &[
    "gmail.com",
    "googlemail.com",
    "outlook.com",
    "hotmail.com",
    "live.com",
    "msn.com",
    "yahoo.com",
    "yahoo.co.jp",
    "ymail.com",
    "icloud.com",
    "me.com",
    "mac.com",
    "aol.com",
    "proton.me",
    "protonmail.com",
    "gmx.de",
    "gmx.net",
    "mail.ru",
    "naver.com",
    "qq.com",
    "foxmail.com",
    "163.com",
    "126.com",
    "yeah.net",
    "sina.com",
    "sina.cn",
    "sohu.com",
    "139.com",
    "189.cn",
    "aliyun.com",
    "docomo.ne.jp",
    "ezweb.ne.jp",
    "au.com",
    "softbank.ne.jp",
    "i.softbank.jp",
    "nifty.com",
    "ocn.ne.jp",
    "hotmail.co.jp",
    "outlook.jp",
    "hotmail.co.uk",
    "yahoo.co.uk",
    "yahoo.com.hk",
    "yahoo.com.tw",
    "hinet.net",
    "netvigator.com",
];

impl MailDomain {
    pub fn parse(text: &str) -> Result<Self, MailDomainError> {
        let domain = text
            .trim()
            .trim_start_matches('@')
            .trim_end_matches('.')
            .to_lowercase();
        let shaped = domain.len() <= 253
            && domain.contains('.')
            && domain.split('.').all(|label| {
                !label.is_empty()
                    && label.len() <= 63
                    && !label.starts_with('-')
                    && !label.ends_with('-')
                    && label.chars().all(|c| c.is_alphanumeric() || c == '-')
            });
        if !shaped {
            return Err(MailDomainError::Shape(text.trim().to_owned()));
        }
        if FREE_MAIL.contains(&domain.as_str()) {
            return Err(MailDomainError::FreeMail(domain));
        }
        Ok(Self(domain))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The domains a sender's address may belong to, most specific first:
    /// `a@tokyo.example.co.jp` -> `tokyo.example.co.jp`, `example.co.jp`, `co.jp`.
    pub fn candidates(address: &str) -> Vec<String> {
        let Some((_, domain)) = address.rsplit_once('@') else {
            return Vec::new();
        };
        let domain = domain.to_lowercase();
        let mut out = Vec::new();
        let mut rest = domain.as_str();
        while rest.contains('.') {
            out.push(rest.to_owned());
            rest = rest.split_once('.').map_or("", |(_, tail)| tail);
        }
        out
    }
}

impl TryFrom<String> for MailDomain {
    type Error = MailDomainError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<MailDomain> for String {
    fn from(value: MailDomain) -> Self {
        value.0
    }
}

impl fmt::Display for MailDomain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::str::FromStr for MailDomain {
    type Err = MailDomainError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

text_enum!(
    /// Why a message waits in triage instead of joining a request.
    TriageReason, "triage reason" {
        /// The sender matches no contact and no client's domain.
        UnknownSender => "unknown_sender",
        /// The sender is a contact of more than one client.
        AmbiguousSender => "ambiguous_sender",
        /// Automatic mail that answers no thread of ours.
        Automatic => "automatic",
    }
);

/// A message waiting for a person to say which client it belongs to.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct TriageItem {
    pub id: i64,
    pub reason: TriageReason,
    pub body: String,
    pub received_at: Timestamp,
    pub mail: MailMeta,
    /// Set once a person assigned it: the request it became or joined.
    pub request_id: Option<RequestId>,
    pub client_id: Option<ClientId>,
    pub created_at: Timestamp,
}

/// Where a mailbox's password comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MailboxPassword {
    /// A file read at each connection; the password is not stored.
    File(String),
    /// Sealed with the desk's key, bound to the mailbox's URL.
    Sealed(String),
}

/// An IMAP mailbox the desk reads, and how far it has read.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ImapMailbox {
    pub id: i64,
    /// `imaps://user@host:993/INBOX`, never with a password.
    pub url: String,
    /// Where the password comes from at each connection.
    #[serde(skip)]
    pub password: MailboxPassword,
    /// The mailbox's UIDVALIDITY when `last_uid` was taken.
    pub uid_validity: Option<u32>,
    /// The highest UID stored (and marked seen on the server).
    pub last_uid: u32,
    pub last_sync_at: Option<Timestamp>,
    /// What went wrong on the last attempt; `None` after a good one.
    pub last_error: Option<String>,
    pub created_at: Timestamp,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_domains_are_company_domains() {
        assert_eq!(
            MailDomain::parse(" @Example.CO.JP. ").unwrap().as_str(),
            "example.co.jp"
        );
        assert_eq!(MailDomain::parse("星野.jp").unwrap().as_str(), "星野.jp");
        assert!(matches!(
            MailDomain::parse("gmail.com"),
            Err(MailDomainError::FreeMail(_))
        ));
        assert!(matches!(
            MailDomain::parse("QQ.com"),
            Err(MailDomainError::FreeMail(_))
        ));
        for bad in ["", "localhost", "a..jp", "-a.jp", "a b.jp", "a@b.jp"] {
            assert!(
                matches!(MailDomain::parse(bad), Err(MailDomainError::Shape(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn a_sender_belongs_to_its_domain_and_the_domains_above_it() {
        assert_eq!(
            MailDomain::candidates("Sato@Tokyo.Example.co.jp"),
            ["tokyo.example.co.jp", "example.co.jp", "co.jp"]
        );
        assert!(MailDomain::candidates("nobody").is_empty());
    }
}
