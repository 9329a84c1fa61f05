//! Automatic mail: out-of-office replies, bounces, lists and newsletters. Such mail is
//! stored and threaded but never opens or reopens a request, and never gets an answer.

use crate::AutoKind;
use mail_parser::{Message, MimeHeaders};

/// Why `message` is automatic, or `None` for mail a person wrote; the most specific
/// reason first (a report or a mailer daemon before headers any robot may set).
pub(crate) fn auto_kind(message: &Message<'_>, from: Option<&str>) -> Option<AutoKind> {
    let header = |name: &str| {
        message
            .header_raw(name)
            .map(|v| v.trim().to_ascii_lowercase())
    };
    if message.root_part().is_content_type("multipart", "report") {
        return Some(AutoKind::DeliveryReport);
    }
    let local = from.map(|f| f.split('@').next().unwrap_or_default());
    if matches!(local, Some("mailer-daemon" | "postmaster")) {
        return Some(AutoKind::MailerDaemon);
    }
    if header("Auto-Submitted").is_some_and(|v| !v.is_empty() && !v.starts_with("no")) {
        return Some(AutoKind::AutoSubmitted);
    }
    let autoreply = [
        "X-Autoreply",
        "X-Autorespond",
        "X-Autoresponder",
        "X-Auto-Reply",
    ];
    if autoreply
        .iter()
        .any(|name| header(name).is_some_and(|v| v != "no" && v != "false"))
    {
        return Some(AutoKind::AutoreplyHeader);
    }
    if header("X-Auto-Response-Suppress").is_some() {
        return Some(AutoKind::AutoResponseSuppress);
    }
    if header("Return-Path").is_some_and(|v| v == "<>") {
        return Some(AutoKind::NullReturnPath);
    }
    if header("Precedence")
        .is_some_and(|v| matches!(v.as_str(), "bulk" | "junk" | "list" | "auto_reply"))
    {
        return Some(AutoKind::Precedence);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::auto_kind;
    use crate::AutoKind;

    fn kind(headers: &str) -> Option<AutoKind> {
        let raw = format!("{headers}From: a@example.jp\r\nSubject: x\r\n\r\nbody\r\n");
        let message = mail_parser::MessageParser::default()
            .parse(raw.as_bytes())
            .unwrap();
        let from = message
            .from()
            .and_then(|f| f.first())
            .and_then(|a| a.address())
            .map(str::to_ascii_lowercase);
        auto_kind(&message, from.as_deref())
    }

    #[test]
    fn automatic_headers_are_recognised() {
        assert_eq!(
            kind("Auto-Submitted: auto-replied\r\n"),
            Some(AutoKind::AutoSubmitted)
        );
        assert_eq!(kind("Auto-Submitted: no\r\n"), None);
        assert_eq!(
            kind("X-Autoreply: yes\r\n"),
            Some(AutoKind::AutoreplyHeader)
        );
        assert_eq!(kind("Precedence: bulk\r\n"), Some(AutoKind::Precedence));
        assert_eq!(kind("Precedence: first-class\r\n"), None);
        assert_eq!(kind("Return-Path: <>\r\n"), Some(AutoKind::NullReturnPath));
        assert_eq!(
            kind("X-Auto-Response-Suppress: All\r\n"),
            Some(AutoKind::AutoResponseSuppress)
        );
        assert_eq!(
            kind("Content-Type: multipart/report; report-type=delivery-status; boundary=b\r\n"),
            Some(AutoKind::DeliveryReport)
        );
        assert_eq!(kind(""), None);
    }
}
