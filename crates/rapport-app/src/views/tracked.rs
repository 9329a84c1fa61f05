//! What is promised, awaited and due: commitments, materials, drafts and Today's lines.

use jiff::Timestamp;
use rapport_domain as d;
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Serialize, ToSchema)]
pub struct CommitmentView {
    pub id: i64,
    pub client_id: i64,
    pub request_id: Option<i64>,
    pub owner_id: i64,
    pub promise: String,
    #[schema(value_type = String, format = DateTime)]
    pub due_at: Timestamp,
    #[schema(value_type = Option<String>, format = DateTime)]
    pub done_at: Option<Timestamp>,
    /// Open and past due at the time of the response.
    pub overdue: bool,
    /// `manual` (entered by a person) or `detected` (read from one of our replies).
    pub source: String,
    /// The outbound message a detected promise was read from.
    pub message_id: Option<i64>,
    /// No time was said: `due_at` is the desk's default of one working day.
    pub vague: bool,
    /// The words that made the promise: character offsets into the message body and the
    /// text.
    pub evidence: Vec<SpanView>,
    #[schema(value_type = String, format = DateTime)]
    pub created_at: Timestamp,
}

#[derive(Serialize, ToSchema)]
pub struct MaterialView {
    pub id: i64,
    pub client_id: i64,
    pub request_id: i64,
    /// What the client is to send, in the words we asked.
    pub what: String,
    /// When we need it; absent when the ask said no time.
    #[schema(value_type = Option<String>, format = DateTime)]
    pub due_at: Option<Timestamp>,
    #[schema(value_type = Option<String>, format = DateTime)]
    pub received_at: Option<Timestamp>,
    /// Still awaited and past due at the time of the response.
    pub overdue: bool,
    /// `manual` (entered by a person) or `detected` (read from one of our replies).
    pub source: String,
    /// The outbound message an ask was read from.
    pub message_id: Option<i64>,
    /// The words that asked: character offsets into the message body and the text.
    pub evidence: Vec<SpanView>,
    #[schema(value_type = String, format = DateTime)]
    pub created_at: Timestamp,
}

impl MaterialView {
    pub fn new(m: d::Material, now: Timestamp) -> Self {
        Self {
            overdue: m.is_overdue(now),
            id: m.id.0,
            client_id: m.client_id.0,
            request_id: m.request_id.0,
            what: m.what,
            due_at: m.due_at,
            received_at: m.received_at,
            source: m.source.as_str().to_owned(),
            message_id: m.message_id.map(|id| id.0),
            evidence: spans(m.evidence),
            created_at: m.created_at,
        }
    }
}

fn spans(spans: Vec<d::TextSpan>) -> Vec<SpanView> {
    spans
        .into_iter()
        .map(|s| SpanView {
            start: s.start,
            end: s.end,
            text: s.text,
        })
        .collect()
}

/// A drafted message to review and send.
#[derive(Serialize, ToSchema)]
pub struct DraftView {
    /// `ja`, `zh` or `en`: the client's first language.
    pub language: String,
    /// The request's subject, as a reply.
    pub subject: String,
    pub body: String,
    /// For a reminder: past its due time, and the draft says it has not arrived.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub late: Option<bool>,
}

impl From<crate::Draft> for DraftView {
    fn from(d: crate::Draft) -> Self {
        Self {
            language: d.language.to_owned(),
            subject: d.subject,
            body: d.body,
            late: d.late,
        }
    }
}

/// One line of the Today agenda.
#[derive(Serialize, ToSchema)]
pub struct AgendaItemView {
    /// Most consequential first: `commitment_overdue`, `sla_breached`,
    /// `final_communication_pending`, `materials_overdue`, `sla_warning`, `triage`,
    /// `commitment_due`, `materials_reminder`, `clarification_pending`.
    pub kind: String,
    /// Absent for mail no client is known for yet (`triage`).
    pub client_id: Option<i64>,
    pub request_id: Option<i64>,
    /// The commitment, materials request, request or triaged mail the line is about.
    pub subject_id: i64,
    pub title: String,
    #[schema(value_type = Option<String>, format = DateTime)]
    pub due_at: Option<Timestamp>,
    /// Why it needs a person now, in a sentence.
    pub reason: String,
    /// The message it proposes, in the client's language: the final communication, the
    /// materials reminder.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub draft: Option<DraftView>,
}

/// Why a line is on the agenda.
fn agenda_reason(kind: d::AgendaKind, due: Option<Timestamp>) -> String {
    let due = due.map_or_else(String::new, |d| d.to_string());
    match kind {
        d::AgendaKind::CommitmentOverdue => format!("We promised this for {due} and have not done it."),
        d::AgendaKind::SlaBreached => format!("A service-level target was missed at {due} and is still unmet."),
        d::AgendaKind::FinalCommunicationPending => "Resolved, but the client has not been told what was done and asked whether we may close.".to_owned(),
        d::AgendaKind::MaterialsOverdue => format!("The client was to send this by {due}; our own dates may depend on it."),
        d::AgendaKind::SlaWarning => format!("A service-level target is near its limit: due {due}."),
        d::AgendaKind::Triage => "Mail from a sender no client is known for.".to_owned(),
        d::AgendaKind::CommitmentDue => format!("We promised this for {due}."),
        d::AgendaKind::MaterialsReminder => format!("A reminder day for what the client is to send by {due}."),
        d::AgendaKind::ProgressReportDue => "A progress report is due: tell the client what was done, what is next and what we need.".to_owned(),
        d::AgendaKind::CheckInDue => "No contact either way for a while: check in before the client wonders.".to_owned(),
        d::AgendaKind::MeetingDue => format!("The regular meeting is due {due}: agree on a time."),
        d::AgendaKind::PosturePlay => "The client's posture calls for a play.".to_owned(),
        d::AgendaKind::ClarificationPending => "Waiting on the client's answers to our questions.".to_owned(),
    }
}

impl From<crate::AgendaLine> for AgendaItemView {
    fn from(line: crate::AgendaLine) -> Self {
        let item = line.item;
        Self {
            kind: item.kind.as_str().to_owned(),
            reason: line
                .reason
                .unwrap_or_else(|| agenda_reason(item.kind, item.due_at)),
            client_id: item.client_id.map(|c| c.0),
            request_id: item.request_id.map(|r| r.0),
            subject_id: item.subject_id,
            title: item.title,
            due_at: item.due_at,
            draft: line.draft.map(Into::into),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct SpanView {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

impl CommitmentView {
    pub fn new(c: d::Commitment, now: Timestamp) -> Self {
        Self {
            overdue: c.is_overdue(now),
            id: c.id.0,
            client_id: c.client_id.0,
            request_id: c.request_id.map(|r| r.0),
            owner_id: c.owner_id.0,
            promise: c.promise,
            due_at: c.due_at,
            done_at: c.done_at,
            source: c.source.as_str().to_owned(),
            message_id: c.message_id.map(|m| m.0),
            vague: c.vague,
            evidence: spans(c.evidence),
            created_at: c.created_at,
        }
    }
}
