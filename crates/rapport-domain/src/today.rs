//! The "Today" agenda: what needs a person now, grouped and ordered by consequence. A
//! broken promise costs trust first, then a client left without the word that their work
//! is done, then materials late enough to hold up our own dates, then what is due within
//! a day, then questions still waiting for the client's answer.

use crate::{
    ClientId, Commitment, Material, Request, RequestId, RequestState, TriageItem, TriageReason,
};
use jiff::{SignedDuration, Timestamp};

/// How far ahead "due soon" looks.
pub const DUE_SOON: SignedDuration = SignedDuration::from_hours(24);

/// Why an item is on the agenda, most consequential first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum AgendaKind {
    /// A promise of ours past its due time.
    OverdueCommitment,
    /// A resolved request whose final communication has not gone out.
    FinalCommunicationOwed,
    /// Materials the client has not sent by their due time.
    OverdueMaterials,
    /// A person's mail from a sender no client is known for, waiting to be given to one.
    Triage,
    /// A promise of ours due within a day.
    CommitmentDueSoon,
    /// Materials due within a day: the last reminder.
    MaterialsDueSoon,
    /// A request waiting on the client's answers to our questions.
    Clarifying,
}

impl AgendaKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::OverdueCommitment => "overdue_commitment",
            Self::FinalCommunicationOwed => "final_communication_owed",
            Self::OverdueMaterials => "overdue_materials",
            Self::Triage => "triage",
            Self::CommitmentDueSoon => "commitment_due_soon",
            Self::MaterialsDueSoon => "materials_due_soon",
            Self::Clarifying => "clarifying",
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
    /// The commitment, materials request or request the line is about.
    pub subject_id: i64,
    /// In the words it was written: the promise, what we asked for, the subject.
    pub title: String,
    pub due_at: Option<Timestamp>,
}

/// Whether something due at `due` needs a person today.
enum Lateness {
    Overdue,
    DueSoon,
}

fn lateness(due: Timestamp, now: Timestamp) -> Option<Lateness> {
    if due < now {
        Some(Lateness::Overdue)
    } else if due <= now.checked_add(DUE_SOON).ok()? {
        Some(Lateness::DueSoon)
    } else {
        None
    }
}

/// A commitment's line: overdue, or due within a day; kept and later ones have none.
pub fn commitment_item(commitment: &Commitment, now: Timestamp) -> Option<AgendaItem> {
    if commitment.done_at.is_some() {
        return None;
    }
    let kind = match lateness(commitment.due_at, now)? {
        Lateness::Overdue => AgendaKind::OverdueCommitment,
        Lateness::DueSoon => AgendaKind::CommitmentDueSoon,
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

/// A materials request's line: overdue, or due within a day; received ones and those
/// with no due time have none.
pub fn material_item(material: &Material, now: Timestamp) -> Option<AgendaItem> {
    if material.received_at.is_some() {
        return None;
    }
    let due = material.due_at?;
    let kind = match lateness(due, now)? {
        Lateness::Overdue => AgendaKind::OverdueMaterials,
        Lateness::DueSoon => AgendaKind::MaterialsDueSoon,
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

/// A request's line: resolved without its final communication, or waiting on the
/// client's answers.
pub fn request_item(request: &Request) -> Option<AgendaItem> {
    let kind = match request.state {
        RequestState::Resolved => AgendaKind::FinalCommunicationOwed,
        RequestState::Clarifying => AgendaKind::Clarifying,
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

/// Orders the agenda by consequence, then by due time (the most overdue first; lines
/// with no due time last), then by subject.
pub fn order_agenda(items: &mut [AgendaItem]) {
    items.sort_by_key(|item| {
        (
            item.kind,
            item.due_at.is_none(),
            item.due_at,
            item.subject_id,
        )
    });
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
        assert_eq!(late.kind, AgendaKind::OverdueCommitment);
        let soon = commitment_item(&commitment(2, now() + 20.hours()), now()).unwrap();
        assert_eq!(soon.kind, AgendaKind::CommitmentDueSoon);
        assert!(commitment_item(&commitment(3, now() + 30.hours()), now()).is_none());
        let kept = Commitment {
            done_at: Some(now()),
            ..commitment(4, now() - 2.hours())
        };
        assert!(commitment_item(&kept, now()).is_none());
    }

    #[test]
    fn the_agenda_runs_by_consequence_then_by_how_late() {
        let mut items = vec![
            commitment_item(&commitment(1, now() + 3.hours()), now()).unwrap(),
            commitment_item(&commitment(2, now() - 1.hours()), now()).unwrap(),
            commitment_item(&commitment(3, now() - 30.hours()), now()).unwrap(),
            AgendaItem {
                kind: AgendaKind::FinalCommunicationOwed,
                client_id: Some(ClientId(1)),
                request_id: Some(RequestId(9)),
                subject_id: 9,
                title: "LP公開".into(),
                due_at: None,
            },
        ];
        order_agenda(&mut items);
        let order: Vec<_> = items.iter().map(|i| (i.kind, i.subject_id)).collect();
        assert_eq!(
            order,
            vec![
                (AgendaKind::OverdueCommitment, 3),
                (AgendaKind::OverdueCommitment, 2),
                (AgendaKind::FinalCommunicationOwed, 9),
                (AgendaKind::CommitmentDueSoon, 1),
            ]
        );
    }
}
