//! The "Today" agenda: what needs a person now, grouped and ordered by consequence. A
//! broken promise costs trust first, then a missed service level, then a client left
//! without the word that their work is done, then materials late enough to hold up our
//! own dates; then what is about to go wrong (a service level near its limit, mail no
//! client is known for, a promise due within a day, a materials reminder day), and last
//! the questions still waiting for the client's answer.

use crate::{
    BusinessCalendar, ClientId, Commitment, Engagement, Material, Request, RequestId, RequestState,
    TriageItem, TriageReason, reminder_due,
};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

/// How far ahead "due soon" looks.
pub const DUE_SOON: SignedDuration = SignedDuration::from_hours(24);

/// Why an item is on the agenda, most consequential first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum AgendaKind {
    /// A promise of ours past its due time.
    CommitmentOverdue,
    /// A service-level target missed and still unmet.
    SlaBreached,
    /// A resolved request whose final communication has not gone out.
    FinalCommunicationPending,
    /// Materials the client has not sent by their due time.
    MaterialsOverdue,
    /// A service-level target past its warning share.
    SlaWarning,
    /// A person's mail from a sender no client is known for, waiting to be given to one.
    Triage,
    /// A promise of ours due within a day.
    CommitmentDue,
    /// Today is a day to remind the client of materials we await.
    MaterialsReminder,
    /// An engagement's progress report is due.
    ProgressReportDue,
    /// No contact either way for the engagement's check-in interval.
    CheckInDue,
    /// The engagement's regular meeting is within a few days.
    MeetingDue,
    /// A client's posture calls for a play (pushing, quiet, tired, in trouble).
    PosturePlay,
    /// A request waiting on the client's answers to our questions.
    ClarificationPending,
}

impl AgendaKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::CommitmentOverdue => "commitment_overdue",
            Self::SlaBreached => "sla_breached",
            Self::FinalCommunicationPending => "final_communication_pending",
            Self::MaterialsOverdue => "materials_overdue",
            Self::SlaWarning => "sla_warning",
            Self::Triage => "triage",
            Self::CommitmentDue => "commitment_due",
            Self::MaterialsReminder => "materials_reminder",
            Self::ProgressReportDue => "progress_report_due",
            Self::CheckInDue => "check_in_due",
            Self::MeetingDue => "meeting_due",
            Self::PosturePlay => "posture_play",
            Self::ClarificationPending => "clarification_pending",
        }
    }
}

/// One line of the agenda.
#[derive(Debug, Clone, PartialEq)]
pub struct AgendaItem {
    pub kind: AgendaKind,
    /// None for mail no client is known for yet.
    pub client_id: Option<ClientId>,
    pub request_id: Option<RequestId>,
    /// The commitment, materials request, request or triaged mail the line is about.
    pub subject_id: i64,
    /// In the words it was written: the promise, what we asked for, the subject.
    pub title: String,
    pub due_at: Option<Timestamp>,
}

/// A commitment's line: overdue, or due within a day; kept and later ones have none.
pub fn commitment_item(commitment: &Commitment, now: Timestamp) -> Option<AgendaItem> {
    if commitment.done_at.is_some() {
        return None;
    }
    let kind = if commitment.due_at < now {
        AgendaKind::CommitmentOverdue
    } else if commitment.due_at <= now.checked_add(DUE_SOON).ok()? {
        AgendaKind::CommitmentDue
    } else {
        return None;
    };
    Some(AgendaItem {
        kind,
        client_id: Some(commitment.client_id),
        request_id: commitment.request_id,
        subject_id: commitment.id.0,
        title: commitment.promise.clone(),
        due_at: Some(commitment.due_at),
    })
}

/// A materials request's line: overdue, or today is one of its reminder days (in the
/// client's `calendar` and `zone`); received ones and those with no due time have none.
pub fn material_item(
    material: &Material,
    calendar: &BusinessCalendar,
    zone: &TimeZone,
    now: Timestamp,
) -> Option<AgendaItem> {
    let due = material.due_at?;
    let kind = if material.is_overdue(now) {
        AgendaKind::MaterialsOverdue
    } else {
        let today = now.to_zoned_datetime(zone.clone()).date();
        reminder_due(material, calendar, zone, now).filter(|day| *day == today)?;
        AgendaKind::MaterialsReminder
    };
    Some(AgendaItem {
        kind,
        client_id: Some(material.client_id),
        request_id: Some(material.request_id),
        subject_id: material.id.0,
        title: material.what.clone(),
        due_at: Some(due),
    })
}

/// A request's line when its service level needs a person: a target missed (`breached`)
/// or near its limit, due at `due`.
pub fn sla_item(request: &Request, breached: bool, due: Option<Timestamp>) -> AgendaItem {
    AgendaItem {
        kind: if breached {
            AgendaKind::SlaBreached
        } else {
            AgendaKind::SlaWarning
        },
        client_id: Some(request.client_id),
        request_id: Some(request.id),
        subject_id: request.id.0,
        title: request.subject.clone(),
        due_at: due,
    }
}

/// A request's line: resolved without its final communication, or waiting on the
/// client's answers.
pub fn request_item(request: &Request) -> Option<AgendaItem> {
    let kind = match request.state {
        RequestState::Resolved => AgendaKind::FinalCommunicationPending,
        RequestState::Clarifying => AgendaKind::ClarificationPending,
        _ => return None,
    };
    Some(AgendaItem {
        kind,
        client_id: Some(request.client_id),
        request_id: Some(request.id),
        subject_id: request.id.0,
        title: request.subject.clone(),
        due_at: request.due_at,
    })
}

/// A triaged mail's line: a person's mail not yet given to a client (automatic mail
/// waits without anyone's attention).
pub fn triage_item(item: &TriageItem) -> Option<AgendaItem> {
    if item.request_id.is_some() || item.reason == TriageReason::Automatic {
        return None;
    }
    let subject = item.mail.subject.trim();
    let title = if subject.is_empty() {
        item.body.lines().next().unwrap_or_default().to_owned()
    } else {
        subject.to_owned()
    };
    Some(AgendaItem {
        kind: AgendaKind::Triage,
        client_id: None,
        request_id: None,
        subject_id: item.id,
        title,
        due_at: None,
    })
}

/// An engagement's line for its cadence (a report, a check-in, a meeting) due at `due`:
/// about the client, not one request.
pub fn cadence_item(kind: AgendaKind, engagement: &Engagement, due: Timestamp) -> AgendaItem {
    AgendaItem {
        kind,
        client_id: Some(engagement.client_id),
        request_id: None,
        subject_id: engagement.id.0,
        title: engagement.name.clone(),
        due_at: Some(due),
    }
}

/// A client's line when its posture calls for a play.
pub fn posture_item(client: ClientId, name: &str) -> AgendaItem {
    AgendaItem {
        kind: AgendaKind::PosturePlay,
        client_id: Some(client),
        request_id: None,
        subject_id: client.0,
        title: name.to_owned(),
        due_at: None,
    }
}

/// Where a line goes: by consequence, then by due time (the most overdue first; lines
/// with no due time last), then by subject.
pub fn agenda_order(item: &AgendaItem) -> impl Ord + use<> {
    (
        item.kind,
        item.due_at.is_none(),
        item.due_at,
        item.subject_id,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{CommitmentId, Source, UserId};
    use jiff::ToSpan;

    fn now() -> Timestamp {
        "2026-12-07T01:00:00Z".parse().unwrap()
    }

    fn commitment(id: i64, due_at: Timestamp) -> Commitment {
        Commitment {
            id: CommitmentId(id),
            client_id: ClientId(1),
            request_id: Some(RequestId(7)),
            owner_id: UserId(2),
            promise: "明日15時までに修正版をお送りいたします".into(),
            due_at,
            done_at: None,
            source: Source::Detected,
            message_id: None,
            vague: false,
            evidence: Vec::new(),
            created_at: now(),
            updated_at: now(),
        }
    }

    #[test]
    fn promises_are_on_the_agenda_when_overdue_or_due_within_a_day() {
        let late = commitment_item(&commitment(1, now() - 2.hours()), now()).unwrap();
        assert_eq!(late.kind, AgendaKind::CommitmentOverdue);
        let soon = commitment_item(&commitment(2, now() + 20.hours()), now()).unwrap();
        assert_eq!(soon.kind, AgendaKind::CommitmentDue);
        assert!(commitment_item(&commitment(3, now() + 30.hours()), now()).is_none());
        let kept = Commitment {
            done_at: Some(now()),
            ..commitment(4, now() - 2.hours())
        };
        assert!(commitment_item(&kept, now()).is_none());
    }

    #[test]
    fn materials_are_on_the_agenda_on_their_reminder_days_and_when_late() {
        use crate::{Material, MaterialId};
        let tokyo = TimeZone::get("Asia/Tokyo").unwrap();
        let japan = BusinessCalendar::japan();
        let material = Material {
            id: MaterialId(5),
            client_id: ClientId(1),
            request_id: RequestId(7),
            what: "ロゴデータ".into(),
            // Wednesday 2026-12-09, 18:00 in Tokyo: reminded 12-04, 12-08 and 12-09.
            due_at: Some("2026-12-09T09:00:00Z".parse().unwrap()),
            source: Source::Manual,
            message_id: None,
            evidence: Vec::new(),
            received_at: None,
            created_at: now(),
            updated_at: now(),
        };
        let kind = |at: &str| {
            material_item(&material, &japan, &tokyo, at.parse().unwrap()).map(|i| i.kind)
        };
        assert_eq!(
            kind("2026-12-07T01:00:00Z"),
            None,
            "Monday is no reminder day"
        );
        assert_eq!(
            kind("2026-12-08T01:00:00Z"),
            Some(AgendaKind::MaterialsReminder)
        );
        assert_eq!(
            kind("2026-12-09T08:00:00Z"),
            Some(AgendaKind::MaterialsReminder)
        );
        assert_eq!(
            kind("2026-12-09T10:00:00Z"),
            Some(AgendaKind::MaterialsOverdue)
        );
    }

    #[test]
    fn the_agenda_runs_by_consequence_then_by_how_late() {
        let mut items = [
            commitment_item(&commitment(1, now() + 3.hours()), now()).unwrap(),
            commitment_item(&commitment(2, now() - 1.hours()), now()).unwrap(),
            commitment_item(&commitment(3, now() - 30.hours()), now()).unwrap(),
            AgendaItem {
                kind: AgendaKind::FinalCommunicationPending,
                client_id: Some(ClientId(1)),
                request_id: Some(RequestId(9)),
                subject_id: 9,
                title: "LP公開".into(),
                due_at: None,
            },
        ];
        items.sort_by_key(agenda_order);
        let order: Vec<_> = items.iter().map(|i| (i.kind, i.subject_id)).collect();
        assert_eq!(
            order,
            vec![
                (AgendaKind::CommitmentOverdue, 3),
                (AgendaKind::CommitmentOverdue, 2),
                (AgendaKind::FinalCommunicationPending, 9),
                (AgendaKind::CommitmentDue, 1),
            ]
        );
    }
}
