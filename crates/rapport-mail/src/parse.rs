//! Raw bytes to an `InboundMail`, with mail-parser underneath. Never fails: a message
//! that cannot be read as mail is kept as text with a warning.

use crate::charset::{Label, decode_detected, decode_mostly_utf8};
use crate::html::html_to_text;
use crate::{Attachment, InboundMail, Mailbox, Warning, auto, sha256_hex};
use jiff::Timestamp;
use mail_parser::decoders::{base64::base64_decode, quoted_printable::quoted_printable_decode};
use mail_parser::{
    Address, Encoding, HeaderValue, Message, MessageParser, MessagePart, MimeHeaders, PartType,
};
use std::panic::{AssertUnwindSafe, catch_unwind};

/// What the parser keeps and what it only describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// An attachment larger than this is described (name, type, size, hash) but its
    /// bytes are not kept.
    pub max_attachment_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_attachment_bytes: 25 * 1024 * 1024,
        }
    }
}

/// Reads one raw message. Whatever cannot be read is said in the warnings.
pub fn parse(raw: &[u8], limits: &Limits) -> InboundMail {
    let raw_sha256 = sha256_hex(raw);
    let parser = MessageParser::default();
    // mail-parser 0.11 can panic on some broken MIME structures; the message is kept
    // all the same, with its headers if those can be read, and the rest as text.
    match catch_unwind(AssertUnwindSafe(|| parser.parse(raw))) {
        Ok(Some(message)) => read_message(&message, limits, Vec::new(), raw_sha256),
        Ok(None) => unreadable(
            raw,
            raw_sha256,
            Vec::new(),
            "not_a_message",
            "no mail headers were found; the bytes are kept as text",
        ),
        Err(_) => {
            let failed = Warning::new(
                "parser_failed",
                "the MIME structure could not be read; the headers and the raw text are kept",
            );
            match catch_unwind(AssertUnwindSafe(|| parser.parse_headers(raw))) {
                Ok(Some(headers)) => {
                    let mut mail = read_message(&headers, limits, vec![failed], raw_sha256);
                    let body = body_after_headers(raw);
                    mail.text = clean_text(&decode_detected(body).0, &mut mail.warnings);
                    mail.warnings
                        .retain(|w| w.code != "no_text_body" || mail.text.is_empty());
                    mail
                }
                _ => unreadable(
                    raw,
                    raw_sha256,
                    Vec::new(),
                    "parser_failed",
                    "the message could not be read; the bytes are kept as text",
                ),
            }
        }
    }
}

/// What follows the first empty line (CRLF or bare LF), where the body starts.
fn body_after_headers(raw: &[u8]) -> &[u8] {
    let crlf = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|at| at + 4);
    let lf = raw.windows(2).position(|w| w == b"\n\n").map(|at| at + 2);
    let start = match (crlf, lf) {
        (Some(a), Some(b)) => a.min(b),
        (a, b) => a.or(b).unwrap_or(raw.len()),
    };
    &raw[start..]
}

/// A message mail-parser could not read at all: its bytes as text, with the reason.
fn unreadable(
    raw: &[u8],
    raw_sha256: String,
    mut warnings: Vec<Warning>,
    code: &str,
    detail: &str,
) -> InboundMail {
    let (text, _) = decode_detected(raw);
    warnings.push(Warning::new(code, detail));
    InboundMail {
        message_id: None,
        in_reply_to: Vec::new(),
        references: Vec::new(),
        from: None,
        to: Vec::new(),
        cc: Vec::new(),
        subject: String::new(),
        date: None,
        text: clean_text(&text, &mut warnings),
        auto: None,
        attachments: Vec::new(),
        warnings,
        raw_sha256,
        raw: raw.to_vec(),
    }
}

fn read_message(
    message: &Message<'_>,
    limits: &Limits,
    mut warnings: Vec<Warning>,
    raw_sha256: String,
) -> InboundMail {
    let from = mailboxes(message.from()).into_iter().next();
    if from.is_none() {
        warnings.push(Warning::new("missing_from", "the message names no sender"));
    }
    let message_id = message
        .message_id()
        .map(clean_id)
        .filter(|id| !id.is_empty());
    if message_id.is_none() {
        warnings.push(Warning::new(
            "missing_message_id",
            "the message has no Message-ID; it is threaded by its subject",
        ));
    }
    let date = message_date(message, &mut warnings);
    let subject = subject(message, &mut warnings);
    let text = body_text(message, &mut warnings);
    let attachments = attachments(message, limits, &mut warnings);
    // A message with no body at all is flagged by the parser too; that is not a problem.
    if message
        .parts
        .iter()
        .any(|p| p.is_encoding_problem && p.offset_end > p.offset_body)
    {
        warnings.push(Warning::new(
            "encoding_problem",
            "a part is truncated or could not be decoded; what could be read is kept",
        ));
    }
    let auto = auto::auto_kind(message, from.as_ref().map(|f| f.address.as_str()));
    warnings.sort_by(|a, b| a.code.cmp(&b.code));
    warnings.dedup_by(|a, b| a.code == b.code);
    InboundMail {
        message_id,
        in_reply_to: ids(message.in_reply_to()),
        references: ids(message.references()),
        to: mailboxes(message.to()),
        cc: mailboxes(message.cc()),
        from,
        subject,
        date,
        text: clean_text(&text, &mut warnings),
        auto,
        attachments,
        warnings,
        raw_sha256,
        raw: message.raw_message.to_vec(),
    }
}

fn mailboxes(address: Option<&Address<'_>>) -> Vec<Mailbox> {
    let Some(address) = address else {
        return Vec::new();
    };
    address
        .iter()
        .filter_map(|addr| {
            let email = addr
                .address()?
                .trim()
                .trim_matches(['<', '>'])
                .to_lowercase();
            if !email.contains('@') {
                return None;
            }
            let name = addr
                .name()
                .map(|n| n.trim().trim_matches('"').trim().to_owned())
                .filter(|n| !n.is_empty() && n.to_lowercase() != email);
            Some(Mailbox {
                name,
                address: email,
            })
        })
        .collect()
}

fn clean_id(id: &str) -> String {
    id.trim()
        .trim_start_matches('<')
        .trim_end_matches('>')
        .trim()
        .to_owned()
}

fn ids(value: &HeaderValue<'_>) -> Vec<String> {
    let list: Vec<&str> = match value {
        HeaderValue::Text(id) => vec![id.as_ref()],
        HeaderValue::TextList(ids) => ids.iter().map(AsRef::as_ref).collect(),
        _ => Vec::new(),
    };
    let mut out: Vec<String> = Vec::with_capacity(list.len());
    for id in list.into_iter().map(clean_id) {
        if !id.is_empty() && !out.contains(&id) {
            out.push(id);
        }
    }
    out
}

fn message_date(message: &Message<'_>, warnings: &mut Vec<Warning>) -> Option<Timestamp> {
    let Some(raw) = message.header_raw("Date") else {
        warnings.push(Warning::new(
            "missing_date",
            "the message has no Date; the time it arrived is used",
        ));
        return None;
    };
    let date = message
        .date()
        .filter(|d| d.is_valid())
        .and_then(|d| Timestamp::from_second(d.to_timestamp()).ok());
    if date.is_none() {
        warnings.push(Warning::new(
            "unparsable_date",
            format!(
                "the Date {:?} could not be read; the time it arrived is used",
                raw.trim()
            ),
        ));
    }
    date
}

/// The subject, with raw 8-bit bytes (a mailer that skipped RFC 2047) detected rather
/// than read as broken UTF-8.
fn subject(message: &Message<'_>, warnings: &mut Vec<Warning>) -> String {
    let raw_header = message
        .root_part()
        .headers
        .iter()
        .find(|h| h.name().eq_ignore_ascii_case("subject"));
    if let Some(header) = raw_header {
        let bytes = message
            .raw_message
            .get(header.offset_start() as usize..header.offset_end() as usize)
            .unwrap_or_default();
        if std::str::from_utf8(bytes).is_err() {
            let (text, encoding) = decode_detected(bytes);
            warnings.push(Warning::new(
                "raw_8bit_header",
                format!("the subject is unencoded 8-bit text; read as {encoding}"),
            ));
            return unfold(&text);
        }
    }
    message.subject().map(unfold).unwrap_or_default()
}

fn unfold(text: &str) -> String {
    text.split(['\r', '\n'])
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The readable body: every text body part (HTML made readable), joined by blank lines.
fn body_text(message: &Message<'_>, warnings: &mut Vec<Warning>) -> String {
    let ids = if message.text_body.is_empty() {
        &message.html_body
    } else {
        &message.text_body
    };
    let mut texts = Vec::new();
    for part in ids.iter().filter_map(|&id| message.parts.get(id as usize)) {
        let text = match &part.body {
            PartType::Text(_) => part_text(message, part, warnings),
            PartType::Html(_) => html_to_text(&part_text(message, part, warnings)),
            _ => continue,
        };
        if !text.trim().is_empty() {
            texts.push(text);
        }
    }
    if texts.is_empty() {
        warnings.push(Warning::new(
            "no_text_body",
            "the message has no readable text",
        ));
    }
    texts.join("\n\n")
}

/// A text part's content: as its label says when the label is known, else detected.
fn part_text(message: &Message<'_>, part: &MessagePart<'_>, warnings: &mut Vec<Warning>) -> String {
    let parsed = part.text_contents().unwrap_or_default();
    let label = part.content_type().and_then(|ct| ct.attribute("charset"));
    let (code, what) = match Label::of(label) {
        Label::Known => return parsed.to_owned(),
        Label::Utf8 if !parsed.contains('\u{fffd}') => return parsed.to_owned(),
        Label::Utf8 => {
            let bytes = part_bytes(message, part);
            if std::str::from_utf8(&bytes).is_ok() {
                // The replacement character was in the text as sent.
                return parsed.to_owned();
            }
            warnings.push(Warning::new(
                "charset_mislabeled",
                "labelled UTF-8 but some bytes are not; those were read as windows-1252",
            ));
            return decode_mostly_utf8(&bytes);
        }
        Label::Missing => ("charset_missing", "no charset label".to_owned()),
        Label::Unknown => (
            "charset_unknown",
            format!("unknown charset {:?}", label.unwrap_or_default()),
        ),
        Label::Ascii => (
            "charset_mislabeled",
            "labelled US-ASCII but 8-bit".to_owned(),
        ),
    };
    let bytes = part_bytes(message, part);
    let (text, encoding) = decode_detected(&bytes);
    if bytes.is_ascii() && encoding == "UTF-8" {
        return text;
    }
    warnings.push(Warning::new(code, format!("{what}; read as {encoding}")));
    text
}

/// A part's bytes after its transfer encoding, before any charset.
fn part_bytes(message: &Message<'_>, part: &MessagePart<'_>) -> Vec<u8> {
    match &part.body {
        PartType::Message(nested) => return nested.raw_message.to_vec(),
        // A truncated part comes back undecoded: decode what did arrive, below.
        PartType::Binary(bytes) | PartType::InlineBinary(bytes) if !part.is_encoding_problem => {
            return bytes.to_vec();
        }
        _ => {}
    }
    let body = message
        .raw_message
        .get(part.offset_body as usize..part.offset_end as usize)
        .unwrap_or_default();
    // A part the parser could not decode is left marked as not encoded: go by its header.
    let encoding = match part
        .content_transfer_encoding()
        .map(str::to_ascii_lowercase)
    {
        Some(declared) if part.is_encoding_problem && declared == "base64" => Encoding::Base64,
        Some(declared) if part.is_encoding_problem && declared == "quoted-printable" => {
            Encoding::QuotedPrintable
        }
        _ => part.encoding,
    };
    let decoded = match encoding {
        Encoding::Base64 => {
            let mut compact: Vec<u8> = body
                .iter()
                .copied()
                .filter(|b| !b.is_ascii_whitespace())
                .collect();
            // A cut message ends inside a group: keep the whole groups.
            if !compact.ends_with(b"=") {
                compact.truncate(compact.len() / 4 * 4);
            }
            base64_decode(&compact)
        }
        Encoding::QuotedPrintable => quoted_printable_decode(body),
        Encoding::None => None,
    };
    decoded.unwrap_or_else(|| body.to_vec())
}

fn attachments(
    message: &Message<'_>,
    limits: &Limits,
    warnings: &mut Vec<Warning>,
) -> Vec<Attachment> {
    let mut out = Vec::new();
    for (n, part) in message.attachments().enumerate() {
        let bytes = part_bytes(message, part);
        let content_type = part
            .content_type()
            .map(|ct| match &ct.c_subtype {
                Some(sub) => format!("{}/{}", ct.c_type, sub),
                None => ct.c_type.to_string(),
            })
            .unwrap_or_else(|| "application/octet-stream".to_owned())
            .to_ascii_lowercase();
        let filename = part
            .attachment_name()
            .map(|name| match name.contains('\u{fffd}') {
                true => split_rfc2231_name(message, part).unwrap_or_else(|| name.to_owned()),
                false => name.to_owned(),
            })
            .map(|name| unfold(&name).replace(['/', '\\'], "_"))
            .filter(|name| !name.is_empty())
            .unwrap_or_else(|| match part.body {
                PartType::Message(_) => format!("message-{}.eml", n + 1),
                _ => format!("attachment-{}", n + 1),
            });
        let size = bytes.len() as u64;
        let sha256 = sha256_hex(&bytes);
        let content = if size > limits.max_attachment_bytes {
            warnings.push(Warning::new(
                "attachment_too_large",
                format!("{filename} is {size} bytes, over the limit of {}; only its description is kept", limits.max_attachment_bytes),
            ));
            None
        } else {
            Some(bytes)
        };
        out.push(Attachment {
            sha256,
            filename,
            content_type,
            size,
            content,
        });
    }
    out
}

/// An RFC 2231 file name whose continuations (`filename*0*=`, `filename*1*=`) split a
/// multi-byte character: the percent-decoded bytes of every section joined first, then
/// decoded in the charset the first section names.
fn split_rfc2231_name(message: &Message<'_>, part: &MessagePart<'_>) -> Option<String> {
    let header = message
        .raw_message
        .get(part.offset_header as usize..part.offset_body as usize)?;
    let header = String::from_utf8_lossy(header)
        .replace("\r\n", "\n")
        .replace("\n ", " ")
        .replace("\n\t", " ");
    let fields: Vec<&str> = header
        .lines()
        .filter(|line| {
            let lower = line.to_ascii_lowercase();
            lower.starts_with("content-disposition:") || lower.starts_with("content-type:")
        })
        .collect();
    for key in ["filename*", "name*"] {
        let mut sections: Vec<(u32, String)> = Vec::new();
        for param in fields.iter().flat_map(|f| f.split(';')).map(str::trim) {
            let Some((name, value)) = param.split_once('=') else {
                continue;
            };
            let name = name.trim().to_ascii_lowercase();
            let Some(rest) = name.strip_prefix(key) else {
                continue;
            };
            let Ok(index) = rest.trim_end_matches('*').parse::<u32>() else {
                continue;
            };
            sections.push((index, value.trim().trim_matches('"').to_owned()));
        }
        if sections.is_empty() {
            continue;
        }
        sections.sort_by_key(|(index, _)| *index);
        let (charset, value) = split_charset(&sections[0].1)?;
        let mut bytes = crate::percent_decode(value);
        for (_, value) in &sections[1..] {
            bytes.extend(crate::percent_decode(value));
        }
        let encoding =
            encoding_rs::Encoding::for_label(charset.as_bytes()).unwrap_or(encoding_rs::UTF_8);
        return Some(encoding.decode_without_bom_handling(&bytes).0.into_owned());
    }
    None
}

/// The charset and the value of an RFC 2231 first section, `charset'language'value`.
fn split_charset(value: &str) -> Option<(&str, &str)> {
    let (charset, rest) = value.split_once('\'')?;
    let (_language, value) = rest.split_once('\'')?;
    Some((charset, value))
}

/// LF line ends, no NUL bytes, no trailing space at the end.
fn clean_text(text: &str, warnings: &mut Vec<Warning>) -> String {
    let mut text = text.replace("\r\n", "\n").replace('\r', "\n");
    if text.contains('\0') {
        text.retain(|c| c != '\0');
        warnings.push(Warning::new(
            "nul_bytes",
            "NUL bytes were removed from the text",
        ));
        warnings.sort_by(|a, b| a.code.cmp(&b.code));
    }
    let end = text.trim_end().len();
    text.truncate(end);
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_structure_that_breaks_the_parser_keeps_headers_and_text() {
        // Nested message parts with no headers of their own make mail-parser 0.11 panic.
        let raw = b"From: a@example.jp\nSubject: nested\nContent-Type:multipart;boundary=q\n\n--qContent-Type:message/rfc822\n\n7\nContent-Type:message/rfc822\n\n\n--q--";
        let mail = parse(raw, &Limits::default());
        let codes: Vec<&str> = mail.warnings.iter().map(|w| w.code.as_str()).collect();
        assert!(codes.contains(&"parser_failed"), "{codes:?}");
        assert_eq!(mail.subject, "nested");
        assert_eq!(mail.from.unwrap().address, "a@example.jp");
        assert!(
            mail.text.contains("Content-Type:message/rfc822"),
            "{}",
            mail.text
        );
    }

    #[test]
    fn nothing_at_all_is_still_a_message() {
        for raw in [
            &b""[..],
            b"\0\0\0",
            b"just some words",
            &[0xff, 0xfe, 0x00, 0x41],
        ] {
            let mail = parse(raw, &Limits::default());
            assert_eq!(mail.raw_sha256.len(), 64);
        }
    }
}
