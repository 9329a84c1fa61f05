//! Materials requests: what the client is to send us (logo files, access, a decision),
//! by hand or read from the asks in our replies, until it arrives. Reminders go out three
//! and one working days before the due date and on the day; mail from the client with an
//! attachment on the request counts as the materials arriving.

use crate::{
    BusinessCalendar, ClientId, MailMeta, MaterialId, MessageId, RequestId, Source, TextSpan,
};
use jiff::Timestamp;
use jiff::civil::Date;

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Material {
    pub id: MaterialId,
    pub client_id: ClientId,
    pub request_id: RequestId,
    /// What we asked for, in the words we asked ("ロゴデータを12月3日までにお送りいただけますでしょうか").
    pub what: String,
    /// When we need it; none when the ask said no time.
    pub due_at: Option<Timestamp>,
    pub source: Source,
    /// The outbound message an ask was read from.
    pub message_id: Option<MessageId>,
    pub evidence: Vec<TextSpan>,
    pub received_at: Option<Timestamp>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

impl Material {
    /// Still awaited and past its due time.
    pub fn is_overdue(&self, now: Timestamp) -> bool {
        self.received_at.is_none() && self.due_at.is_some_and(|due| due < now)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewMaterial {
    pub client_id: ClientId,
    pub request_id: RequestId,
    pub what: String,
    pub due_at: Option<Timestamp>,
    pub source: Source,
    pub evidence: Vec<TextSpan>,
}

/// The days a reminder goes out for materials due on `due`: three and one working days
/// before, and the day itself (a due date on a closed day is reminded on the working day
/// before it), earliest first, without repeats.
pub fn reminder_days(due: Date, calendar: &BusinessCalendar) -> Vec<Date> {
    let on = calendar.business_day_on_or_before(due);
    let mut days = vec![
        working_days_before(on, 3, calendar),
        working_days_before(on, 1, calendar),
        on,
    ];
    days.dedup();
    days
}

fn working_days_before(date: Date, n: u32, calendar: &BusinessCalendar) -> Date {
    let mut day = date;
    for _ in 0..n {
        day = calendar.business_day_on_or_before(day.yesterday().unwrap_or(day));
    }
    day
}

/// Whether a client's mail brings materials: a person's mail (not an automatic one) with
/// an attachment.
pub fn brings_materials(mail: &MailMeta) -> bool {
    !mail.is_automatic() && !mail.attachments.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn reminders_three_and_one_working_days_before_and_on_the_day() {
        let japan = BusinessCalendar::japan();
        // Due Thursday 2026-11-26: Monday the 23rd is a holiday, so Friday the 20th.
        assert_eq!(
            reminder_days(date(2026, 11, 26), &japan),
            vec![date(2026, 11, 20), date(2026, 11, 25), date(2026, 11, 26)]
        );
        // Due on a Sunday: reminded as if due on the Friday before.
        let plain = BusinessCalendar::weekends_only();
        assert_eq!(
            reminder_days(date(2026, 12, 6), &plain),
            vec![date(2026, 12, 1), date(2026, 12, 3), date(2026, 12, 4)]
        );
    }

    #[test]
    fn china_counts_its_adjusted_working_weekend() {
        // 2026-10-10 (Saturday) is a working day after the National Day holiday in the
        // 2026 notice: due Monday 12 October, one working day before is that Saturday.
        let china = BusinessCalendar::china();
        let days = reminder_days(date(2026, 10, 12), &china);
        assert_eq!(days[1], date(2026, 10, 10), "{days:?}");
    }
}
