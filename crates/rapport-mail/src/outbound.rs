//! Mail we send: a message built as RFC 5322 bytes (UTF-8 headers encoded, our
//! Message-ID, the thread's In-Reply-To and References) and the SMTP client that hands
//! it to the server. Header injection is refused, never escaped into something else.

use crate::Mailbox;
use jiff::Timestamp;
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Mailbox as LettreMailbox, Message};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{Address, AsyncSmtpTransport, AsyncTransport, Tokio1Executor};

/// A message about to go out.
#[derive(Debug, Clone)]
pub struct OutgoingMail<'a> {
    pub from: &'a Mailbox,
    pub to: &'a [Mailbox],
    pub cc: &'a [Mailbox],
    pub subject: &'a str,
    pub body: &'a str,
    /// Without angle brackets.
    pub message_id: &'a str,
    pub in_reply_to: Option<&'a str>,
    /// The thread's Message-IDs, oldest first, without angle brackets.
    pub references: &'a [String],
    /// BCP 47 tag of the text, for `Content-Language`.
    pub language: Option<&'a str>,
    pub date: Timestamp,
}

/// Why a message cannot be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BuildError {
    #[error("the {field} contains a line break; header injection is refused")]
    HeaderInjection { field: &'static str },
    #[error("{0:?} is not an address mail can be sent to")]
    Address(String),
    #[error("the message has no recipient")]
    NoRecipient,
    #[error("the message could not be built: {0}")]
    Build(String),
}

fn no_line_break(field: &'static str, text: &str) -> Result<(), BuildError> {
    if text.contains(['\r', '\n', '\0']) {
        return Err(BuildError::HeaderInjection { field });
    }
    Ok(())
}

fn mailbox(field: &'static str, m: &Mailbox) -> Result<LettreMailbox, BuildError> {
    no_line_break(field, &m.address)?;
    if let Some(name) = &m.name {
        no_line_break(field, name)?;
    }
    let address: Address = m
        .address
        .parse()
        .map_err(|_| BuildError::Address(m.address.clone()))?;
    Ok(LettreMailbox::new(m.name.clone(), address))
}

/// The message as the bytes that go on the wire.
pub fn build_message(mail: &OutgoingMail<'_>) -> Result<Vec<u8>, BuildError> {
    no_line_break("subject", mail.subject)?;
    no_line_break("message id", mail.message_id)?;
    if mail.to.is_empty() {
        return Err(BuildError::NoRecipient);
    }
    let mut builder = Message::builder()
        .from(mailbox("from", mail.from)?)
        .subject(mail.subject)
        .message_id(Some(format!("<{}>", mail.message_id)))
        .date(
            std::time::SystemTime::UNIX_EPOCH
                + std::time::Duration::from_secs(mail.date.as_second().max(0) as u64),
        );
    for to in mail.to {
        builder = builder.to(mailbox("to", to)?);
    }
    for cc in mail.cc {
        builder = builder.cc(mailbox("cc", cc)?);
    }
    if let Some(parent) = mail.in_reply_to {
        no_line_break("in-reply-to", parent)?;
        builder = builder.in_reply_to(format!("<{parent}>"));
    }
    if !mail.references.is_empty() {
        for id in mail.references {
            no_line_break("references", id)?;
        }
        let references: Vec<String> = mail.references.iter().map(|id| format!("<{id}>")).collect();
        builder = builder.references(references.join(" "));
    }
    let mut message = builder
        .header(lettre::message::header::MIME_VERSION_1_0)
        .header(ContentType::TEXT_PLAIN)
        .body(mail.body.replace("\r\n", "\n"))
        .map_err(|e| BuildError::Build(e.to_string()))?;
    if let Some(language) = mail.language {
        no_line_break("language", language)?;
        message.headers_mut().insert_raw(HeaderValue::new(
            HeaderName::new_from_ascii_str("Content-Language"),
            language.to_owned(),
        ));
    }
    Ok(message.formatted())
}

/// Why the SMTP server did not take a message.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{message}")]
pub struct SendError {
    /// The server refused for good (a 5xx answer): retrying will not help.
    pub permanent: bool,
    /// What the server or the connection said.
    pub message: String,
}

/// An SMTP server the desk sends through.
#[derive(Clone)]
pub struct SmtpSender {
    transport: AsyncSmtpTransport<Tokio1Executor>,
}

impl std::fmt::Debug for SmtpSender {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SmtpSender")
    }
}

impl SmtpSender {
    /// `smtp://host:port` (plain, loopback only), `smtp://host:587?tls=required`
    /// (STARTTLS) or `smtps://host:465`; a user in the URL logs in with `password`;
    /// `ca_pem` adds certificates to trust beside the public roots (a private CA).
    pub fn from_url(
        url: &str,
        password: Option<&str>,
        ca_pem: Option<&[u8]>,
    ) -> Result<Self, SendError> {
        let refused = |message: String| SendError {
            permanent: true,
            message,
        };
        let (scheme, rest) = url
            .split_once("://")
            .ok_or_else(|| refused(format!("{url:?} is not an smtp:// or smtps:// URL")))?;
        let authority = rest.split(['/', '?']).next().unwrap_or_default();
        let host = authority.rsplit('@').next().unwrap_or_default();
        let host = host
            .strip_prefix('[')
            .and_then(|h| h.split(']').next())
            .unwrap_or_else(|| host.split(':').next().unwrap_or_default());
        let loopback = crate::is_loopback(host);
        let tls =
            scheme == "smtps" || url.contains("tls=required") || url.contains("tls=opportunistic");
        if scheme != "smtp" && scheme != "smtps" {
            return Err(refused(format!(
                "{url:?} is not an smtp:// or smtps:// URL"
            )));
        }
        if !tls && !loopback {
            return Err(refused(format!(
                "plain SMTP to {host} would send mail and passwords in the clear; use smtps:// or ?tls=required (plain is allowed on loopback only)"
            )));
        }
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| refused(format!("invalid SMTP URL: {e}")))?;
        if let Some(pem) = ca_pem.filter(|_| tls) {
            use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
            let certificate =
                Certificate::from_pem(pem).map_err(|e| refused(format!("invalid CA file: {e}")))?;
            let parameters = TlsParameters::builder(host.to_owned())
                .add_root_certificate(certificate)
                .build_rustls()
                .map_err(|e| refused(format!("TLS settings: {e}")))?;
            builder = builder.tls(match scheme {
                "smtps" => Tls::Wrapper(parameters),
                _ if url.contains("tls=opportunistic") => Tls::Opportunistic(parameters),
                _ => Tls::Required(parameters),
            });
        }
        if let (Some(password), Some((user, _))) = (password, authority.rsplit_once('@')) {
            builder = builder.credentials(Credentials::new(user.to_owned(), password.to_owned()));
        }
        Ok(Self {
            transport: builder
                .timeout(Some(std::time::Duration::from_secs(60)))
                .build(),
        })
    }

    /// Hands `raw` to the server for `recipients`; returns what the server answered.
    pub async fn send(
        &self,
        from: &str,
        recipients: &[String],
        raw: &[u8],
    ) -> Result<String, SendError> {
        let temporary = |message: String| SendError {
            permanent: false,
            message,
        };
        let from: Address = from.parse().map_err(|_| SendError {
            permanent: true,
            message: format!("{from:?} is not a sender address"),
        })?;
        let mut to = Vec::with_capacity(recipients.len());
        for recipient in recipients {
            to.push(recipient.parse::<Address>().map_err(|_| SendError {
                permanent: true,
                message: format!("{recipient:?} is not a recipient address"),
            })?);
        }
        let envelope =
            lettre::address::Envelope::new(Some(from), to).map_err(|e| temporary(e.to_string()))?;
        match self.transport.send_raw(&envelope, raw).await {
            Ok(response) => Ok(format!(
                "{} {}",
                response.code(),
                response.message().collect::<Vec<_>>().join(" ")
            )),
            Err(error) => Err(SendError {
                permanent: error.is_permanent(),
                message: error.to_string(),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(name: Option<&str>, address: &str) -> Mailbox {
        Mailbox {
            name: name.map(str::to_owned),
            address: address.to_owned(),
        }
    }

    fn reply<'a>(
        from: &'a Mailbox,
        to: &'a [Mailbox],
        subject: &'a str,
        references: &'a [String],
    ) -> OutgoingMail<'a> {
        OutgoingMail {
            from,
            to,
            cc: &[],
            subject,
            body: "小林様\n\n修正版をお送りします。",
            message_id: "rapport-r7-0123456789abcdef@agency.example",
            in_reply_to: Some("m2@hidamari.example.jp"),
            references,
            language: Some("ja"),
            date: "2026-12-04T03:00:00Z".parse().unwrap(),
        }
    }

    #[test]
    fn a_reply_carries_the_threads_ids_and_encoded_utf8_headers() {
        let from = m(Some("佐藤 美咲"), "sato@agency.example");
        let to = [m(Some("小林 由美"), "y.kobayashi@hidamari.example.jp")];
        let references = vec![
            "m1@hidamari.example.jp".to_owned(),
            "m2@hidamari.example.jp".to_owned(),
        ];
        let raw = build_message(&reply(&from, &to, "Re: 新商品リリースの件", &references)).unwrap();
        let text = String::from_utf8(raw.clone()).unwrap();
        assert!(text.is_ascii(), "headers and body are 7-bit on the wire");
        assert!(
            text.contains("Message-ID: <rapport-r7-0123456789abcdef@agency.example>\r\n"),
            "{text}"
        );
        assert!(
            text.contains("In-Reply-To: <m2@hidamari.example.jp>\r\n"),
            "{text}"
        );
        assert!(
            text.contains("References: <m1@hidamari.example.jp> <m2@hidamari.example.jp>\r\n"),
            "{text}"
        );
        assert!(text.contains("Content-Language: ja\r\n"), "{text}");
        assert!(text.contains("MIME-Version: 1.0\r\n"), "{text}");
        // Our own parser reads it back as it was meant.
        let parsed = crate::parse(&raw, &crate::Limits::default());
        assert_eq!(parsed.subject, "Re: 新商品リリースの件");
        assert_eq!(parsed.from.unwrap().name.as_deref(), Some("佐藤 美咲"));
        assert_eq!(parsed.text, "小林様\n\n修正版をお送りします。");
        assert_eq!(parsed.in_reply_to, ["m2@hidamari.example.jp"]);
    }

    #[test]
    fn header_injection_is_refused() {
        let from = m(None, "sato@agency.example");
        let to = [m(None, "client@example.jp")];
        let injected = build_message(&reply(&from, &to, "Hello\r\nBcc: victim@example.com", &[]));
        assert_eq!(
            injected,
            Err(BuildError::HeaderInjection { field: "subject" })
        );
        let bad_name = [m(Some("x\nBcc: v@example.com"), "client@example.jp")];
        assert_eq!(
            build_message(&reply(&from, &bad_name, "Hi", &[])),
            Err(BuildError::HeaderInjection { field: "to" })
        );
        let bad_address = [m(None, "client@example.jp>\r\nBcc: v@example.com")];
        assert!(build_message(&reply(&from, &bad_address, "Hi", &[])).is_err());
        assert_eq!(
            build_message(&reply(&from, &[], "Hi", &[])),
            Err(BuildError::NoRecipient)
        );
    }

    #[test]
    fn plain_smtp_is_for_loopback_only() {
        assert!(SmtpSender::from_url("smtp://127.0.0.1:2525", None, None).is_ok());
        assert!(SmtpSender::from_url("smtp://localhost:25", None, None).is_ok());
        let refused = SmtpSender::from_url("smtp://mail.example.com:25", None, None).unwrap_err();
        assert!(
            refused.message.contains("in the clear"),
            "{}",
            refused.message
        );
        assert!(
            SmtpSender::from_url("smtps://desk@mail.example.com:465", Some("pw"), None).is_ok()
        );
        assert!(
            SmtpSender::from_url("smtp://mail.example.com:587?tls=required", None, None).is_ok()
        );
        assert!(SmtpSender::from_url("http://x", None, None).is_err());
    }
}
