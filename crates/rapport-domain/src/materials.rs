//! Materials requests: what the client is to send us (logo files, access, a decision),
//! by hand or read from the asks in our replies, until it arrives. Reminders go out three
//! and one working days before the due date and on the day; mail from the client with an
//! attachment on the request counts as the materials arriving.

use crate::{
    BusinessCalendar, ClientId, MailMeta, MaterialId, MessageId, Request, RequestId, Source,
    TextSpan,
};
use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;

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

/// The reminder day a reminder is owed for at `now` (in the client's `zone`): the latest
/// reminder day that has come, while the materials are awaited and not yet overdue. A
/// reminder missed while the desk was down is still owed on a later day, once.
pub fn reminder_due(
    material: &Material,
    calendar: &BusinessCalendar,
    zone: &TimeZone,
    now: Timestamp,
) -> Option<Date> {
    let due = material.due_at?;
    if material.received_at.is_some() || due < now {
        return None;
    }
    let today = now.to_zoned_datetime(zone.clone()).date();
    reminder_days(due.to_zoned_datetime(zone.clone()).date(), calendar)
        .into_iter()
        .rev()
        .find(|day| *day <= today)
}

/// The materials that put a request's own deadline at risk at `now`: awaited past their
/// due time while the request, still open, has a deadline of its own.
pub fn deadline_at_risk<'a>(
    request: &Request,
    materials: &'a [Material],
    now: Timestamp,
) -> Vec<&'a Material> {
    if request.due_at.is_none() || !request.state.is_open() {
        return Vec::new();
    }
    materials
        .iter()
        .filter(|m| m.request_id == request.id && m.is_overdue(now))
        .collect()
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
    fn the_reminder_owed_is_the_latest_day_reached_until_the_due_time() {
        let tokyo = TimeZone::get("Asia/Tokyo").unwrap();
        let japan = BusinessCalendar::japan();
        let material = Material {
            id: MaterialId(1),
            client_id: ClientId(1),
            request_id: RequestId(1),
            what: "ロゴデータ".into(),
            // Thursday 2026-11-26, 18:00 in Tokyo.
            due_at: Some("2026-11-26T09:00:00Z".parse().unwrap()),
            source: Source::Manual,
            message_id: None,
            evidence: Vec::new(),
            received_at: None,
            created_at: Timestamp::UNIX_EPOCH,
            updated_at: Timestamp::UNIX_EPOCH,
        };
        let owed = |now: &str| reminder_due(&material, &japan, &tokyo, now.parse().unwrap());
        assert_eq!(owed("2026-11-19T03:00:00Z"), None, "before the first day");
        assert_eq!(owed("2026-11-20T00:00:00Z"), Some(date(2026, 11, 20)));
        // Down over the holiday weekend: the first reminder is still owed on Tuesday.
        assert_eq!(owed("2026-11-24T02:00:00Z"), Some(date(2026, 11, 20)));
        assert_eq!(owed("2026-11-25T02:00:00Z"), Some(date(2026, 11, 25)));
        assert_eq!(owed("2026-11-26T08:59:00Z"), Some(date(2026, 11, 26)));
        assert_eq!(
            owed("2026-11-26T09:01:00Z"),
            None,
            "overdue is another line"
        );
        let received = Material {
            received_at: Some("2026-11-21T00:00:00Z".parse().unwrap()),
            ..material.clone()
        };
        assert_eq!(
            reminder_due(
                &received,
                &japan,
                &tokyo,
                "2026-11-25T02:00:00Z".parse().unwrap()
            ),
            None
        );
    }

    #[test]
    fn late_materials_put_the_requests_own_deadline_at_risk() {
        let now: Timestamp = "2026-12-07T01:00:00Z".parse().unwrap();
        let late = Material {
            id: MaterialId(1),
            client_id: ClientId(1),
            request_id: RequestId(7),
            what: "原稿".into(),
            due_at: Some("2026-12-04T09:00:00Z".parse().unwrap()),
            source: Source::Manual,
            message_id: None,
            evidence: Vec::new(),
            received_at: None,
            created_at: now,
            updated_at: now,
        };
        let on_time = Material {
            id: MaterialId(2),
            due_at: Some("2026-12-10T09:00:00Z".parse().unwrap()),
            ..late.clone()
        };
        let request = crate::Request {
            id: RequestId(7),
            client_id: ClientId(1),
            engagement_id: None,
            subject: "会社案内の改訂".into(),
            assignee_id: None,
            state: crate::RequestState::InProgress,
            due_at: Some("2026-12-11T09:00:00Z".parse().unwrap()),
            final_sent_at: None,
            received_at: now,
            created_at: now,
            updated_at: now,
            closed_at: None,
        };
        let materials = [late.clone(), on_time];
        let risks = deadline_at_risk(&request, &materials, now);
        assert_eq!(
            risks.iter().map(|m| m.id).collect::<Vec<_>>(),
            [MaterialId(1)]
        );
        let no_deadline = crate::Request {
            due_at: None,
            ..request.clone()
        };
        assert!(deadline_at_risk(&no_deadline, &materials, now).is_empty());
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
