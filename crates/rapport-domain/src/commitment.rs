//! Commitments: every promise to get back to someone, with a due time and an owner. Made
//! by hand, or read from our own replies (`Detected`): a promise with no time said is due
//! one working day after it was made, and the next reply on its request keeps it.

use crate::{BusinessCalendar, ClientId, CommitmentId, MessageId, RequestId, UserId};
use jiff::{Timestamp, ZonedDateTime};

crate::text_enum!(
    /// Where a tracked item (a commitment, a materials request) came from.
    Source, "source" {
        /// Entered by a person.
        Manual => "manual",
        /// Read from one of our outbound messages (a promise, an ask of the client).
        Detected => "detected",
    }
);

/// Words of a message that made a commitment: character offsets into its body and the
/// text.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TextSpan {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Commitment {
    pub id: CommitmentId,
    pub client_id: ClientId,
    pub request_id: Option<RequestId>,
    pub owner_id: UserId,
    /// The promise in the words it was made ("明日までにご連絡します").
    pub promise: String,
    pub due_at: Timestamp,
    pub done_at: Option<Timestamp>,
    pub source: Source,
    /// The outbound message a detected promise was read from.
    pub message_id: Option<MessageId>,
    /// No time was said: `due_at` is the desk's default of one working day.
    pub vague: bool,
    pub evidence: Vec<TextSpan>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

impl Commitment {
    /// Open and past its due time.
    pub fn is_overdue(&self, now: Timestamp) -> bool {
        self.done_at.is_none() && self.due_at < now
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewCommitment {
    pub client_id: ClientId,
    pub request_id: Option<RequestId>,
    pub owner_id: UserId,
    pub promise: String,
    pub due_at: Timestamp,
    pub source: Source,
    pub vague: bool,
    pub evidence: Vec<TextSpan>,
}

/// When a promise with no time said is due: one working day of working time after it was
/// made, in the client's calendar (made at 10:15, due 10:15 the next working day; made
/// after hours, due at the next working day's close).
pub fn one_working_day_after(made: &ZonedDateTime, calendar: &BusinessCalendar) -> Timestamp {
    calendar
        .add_business_time(made, calendar.working_day())
        .timestamp()
}

/// Whether a reply of ours keeps a commitment: an open one read from an earlier reply on
/// the same request with no time said ("let me check and get back to you") is kept by
/// the next reply; a dated one ("the deck by Friday") is kept by hand.
pub fn kept_by_next_reply(commitment: &Commitment) -> bool {
    commitment.source == Source::Detected && commitment.vague && commitment.done_at.is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zoned(at: &str, zone: &str) -> ZonedDateTime {
        at.parse::<jiff::civil::DateTime>()
            .unwrap()
            .to_zoned_datetime(jiff::tz::TimeZone::get(zone).unwrap())
            .unwrap()
    }

    #[test]
    fn a_vague_promise_is_due_one_working_day_later() {
        // Friday 2026-11-20 in Tokyo: Monday the 23rd is a holiday, so Tuesday.
        let due = one_working_day_after(
            &zoned("2026-11-20T10:15", "Asia/Tokyo"),
            &BusinessCalendar::japan(),
        );
        assert_eq!(due, zoned("2026-11-24T10:15", "Asia/Tokyo").timestamp());
        // Late in the evening: the next working day's end, not 23:00.
        let due = one_working_day_after(
            &zoned("2026-12-01T23:00", "Europe/London"),
            &BusinessCalendar::weekends_only(),
        );
        assert_eq!(due, zoned("2026-12-02T18:00", "Europe/London").timestamp());
    }
}
