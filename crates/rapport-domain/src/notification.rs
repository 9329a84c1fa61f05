//! Notifications: what the proactive engine tells a person (an SLA about to break or
//! broken, a promise overdue, a reminder to send, a final communication still owed). Each
//! carries a key naming the one event it is about, so a sweep that runs again (after a
//! restart, on a second server) never tells anyone twice; and each waits for the
//! person's working hours rather than arriving at midnight.

use crate::{BusinessCalendar, ClientId, NotificationId, RequestId, UserId, text_enum};
use jiff::Timestamp;
use jiff::tz::TimeZone;

text_enum!(
    /// What a notification is about.
    NotificationKind, "notification kind" {
        /// An SLA target has used its warning share of the time.
        SlaWarning => "sla_warning",
        /// An SLA target was missed (to the assignee and the client's managers).
        SlaBreached => "sla_breached",
        /// A promise of ours is past its due time (to its owner and the owner's manager).
        CommitmentOverdue => "commitment_overdue",
        /// Today is one of the days to remind the client of materials we await.
        MaterialsReminder => "materials_reminder",
        /// A resolved request still owes the client its final communication.
        FinalCommunicationPending => "final_communication_pending",
    }
);

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Notification {
    pub id: NotificationId,
    pub user_id: UserId,
    pub kind: NotificationKind,
    pub client_id: ClientId,
    pub request_id: Option<RequestId>,
    /// The commitment, materials request or request it is about.
    pub subject_id: i64,
    /// What it is about, in the words it was written (the promise, the subject).
    pub title: String,
    /// Why it reached this person, in a sentence.
    pub reason: String,
    /// Shown from this moment: the person's next working moment after it arose.
    pub deliver_at: Timestamp,
    pub read_at: Option<Timestamp>,
    pub created_at: Timestamp,
}

/// A notification to create, once per `key`.
#[derive(Debug, Clone, PartialEq)]
pub struct NewNotification {
    pub user_id: UserId,
    pub kind: NotificationKind,
    pub client_id: ClientId,
    pub request_id: Option<RequestId>,
    pub subject_id: i64,
    pub title: String,
    pub reason: String,
    pub deliver_at: Timestamp,
    /// The one event it is about, e.g. `sla_breached:r12:first_response:<due>:u3`.
    pub key: String,
}

/// When something that arose at `now` reaches a person who works `calendar`'s hours in
/// `zone`: at once during working hours, else when the next working day opens.
pub fn deliver_at(now: Timestamp, calendar: &BusinessCalendar, zone: &TimeZone) -> Timestamp {
    calendar
        .add_business_time(
            &now.to_zoned_datetime(zone.clone()),
            jiff::SignedDuration::ZERO,
        )
        .timestamp()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::CalendarId;

    fn at(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    #[test]
    fn a_notification_waits_for_the_persons_working_hours() {
        let tokyo = TimeZone::get("Asia/Tokyo").unwrap();
        let japan = CalendarId::Japan.calendar();
        // Tuesday 10:00 in Tokyo: at once.
        assert_eq!(
            deliver_at(at("2026-12-08T01:00:00Z"), japan, &tokyo),
            at("2026-12-08T01:00:00Z")
        );
        // Tuesday 23:30: Wednesday 09:00.
        assert_eq!(
            deliver_at(at("2026-12-08T14:30:00Z"), japan, &tokyo),
            at("2026-12-09T00:00:00Z")
        );
        // Saturday noon before Monday's holiday (2027-01-11, Coming of Age Day): Tuesday.
        assert_eq!(
            deliver_at(at("2027-01-09T03:00:00Z"), japan, &tokyo),
            at("2027-01-12T00:00:00Z")
        );
        // Shanghai's adjusted working Sunday (2026-09-20 before 国庆) opens at 09:00.
        let shanghai = TimeZone::get("Asia/Shanghai").unwrap();
        assert_eq!(
            deliver_at(
                at("2026-09-19T16:00:00Z"),
                CalendarId::China.calendar(),
                &shanghai
            ),
            at("2026-09-20T01:00:00Z")
        );
    }
}
