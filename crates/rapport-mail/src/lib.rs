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
