//! The outbox: mail we send is committed with its message and handed to the SMTP server
//! by a worker, retried with backoff, and kept with the server's answer; nothing is
//! silently dropped.

use crate::{MessageId, RequestId, text_enum};
use jiff::{SignedDuration, Timestamp};

text_enum!(
    /// Where an outgoing mail stands.
    OutboxState, "outbox state" {
        /// Waiting for its (next) attempt.
        Pending => "pending",
        /// The server took it.
        Sent => "sent",
        /// Refused for good, or out of attempts: a person must look.
        Failed => "failed",
    }
);

/// An outgoing mail and its delivery so far.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct OutboxItem {
    pub id: i64,
    pub message_id: MessageId,
    pub request_id: RequestId,
    /// The envelope sender.
    pub sender: String,
    pub recipients: Vec<String>,
    pub state: OutboxState,
    pub attempts: u32,
    pub next_attempt_at: Option<Timestamp>,
    /// What the server answered last (its refusal, or its acceptance).
    pub last_answer: Option<String>,
    pub sent_at: Option<Timestamp>,
    pub created_at: Timestamp,
}

/// A mail to send, committed with its message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewOutboxMail {
    pub sender: String,
    pub recipients: Vec<String>,
    /// The message as it goes on the wire.
    pub raw: Vec<u8>,
}

/// Attempts before an outgoing mail is given up as failed.
pub const MAX_SEND_ATTEMPTS: u32 = 8;

/// When to try again after `attempts` failed ones: 1, 5, 15 and 30 minutes, then every
/// 2 hours; `None` once the attempts are used up (about 7 hours in all), or at once for
/// a permanent refusal.
pub fn next_send_attempt(attempts: u32, permanent: bool, now: Timestamp) -> Option<Timestamp> {
    if permanent || attempts >= MAX_SEND_ATTEMPTS {
        return None;
    }
    let minutes = match attempts {
        0 | 1 => 1,
        2 => 5,
        3 => 15,
        4 => 30,
        _ => 120,
    };
    now.checked_add(SignedDuration::from_mins(minutes)).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_then_give_up() {
        let now: Timestamp = "2026-12-04T00:00:00Z".parse().unwrap();
        let after = |n| next_send_attempt(n, false, now).map(|t| t.duration_since(now).as_mins());
        assert_eq!(
            [1, 2, 3, 4, 5, 7].map(after),
            [Some(1), Some(5), Some(15), Some(30), Some(120), Some(120)]
        );
        assert_eq!(after(MAX_SEND_ATTEMPTS), None);
        assert_eq!(next_send_attempt(1, true, now), None);
    }
}
