//! Mail: raw bytes in, a parsed message with warnings out (never failing); the
//! attachments and raw messages kept by their SHA-256; the
//! files mail arrives in (.eml, mbox, Maildir); mail we send, built and handed to SMTP.

mod auto;
mod blobs;
mod charset;
mod html;
mod imap;
mod message;
mod outbound;
mod parse;
mod sources;

pub use blobs::Blobs;
pub use html::html_to_text;
pub use imap::{ImapError, ImapSession, ImapUrl, connect as imap_connect};
pub use message::{Attachment, AutoKind, InboundMail, Mailbox, Warning};
pub use outbound::{BuildError, OutgoingMail, SendError, SmtpSender, build_message};
pub use parse::{Limits, parse};
pub use sources::{MailFile, SourceError, read_sources};

use sha2::{Digest, Sha256};

/// SHA-256 of `bytes` as lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut hex = String::with_capacity(64);
    for byte in digest {
        hex.push(char::from_digit(u32::from(byte >> 4), 16).unwrap_or('0'));
        hex.push(char::from_digit(u32::from(byte & 0xf), 16).unwrap_or('0'));
    }
    hex
}

/// `%XX` escapes as bytes (RFC 2231 values, URL parts); anything else as it is.
pub(crate) fn percent_decode(text: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    out
}

/// Whether `host` is this machine: plain (unencrypted) IMAP and SMTP are allowed there only.
pub(crate) fn is_loopback(host: &str) -> bool {
    host == "localhost"
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}
