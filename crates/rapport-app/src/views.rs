//! What the desk shows: the JSON shapes of the API and of the CLI's `--json`, one per
//! object, with their OpenAPI schemas (description only; nothing here knows HTTP).

use jiff::Timestamp;
use rapport_domain as d;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// One page of a list, newest first; pass `next_cursor` as `cursor` for the next page.
#[derive(Serialize, ToSchema)]
pub struct Page<T: ToSchema> {
    pub items: Vec<T>,
    /// Absent on the last page.
    pub next_cursor: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct ClientView {
    pub id: i64,
    pub name: String,
    /// IANA time zone, e.g. `Asia/Tokyo`.
    pub time_zone: String,
    /// BCP 47 tags, e.g. `["ja"]`.
    pub languages: Vec<String>,
    /// Business calendar: `jp`, `cn` or `none`.
    pub calendar: String,
    /// Mail domains the client's people write from: mail from a new address there joins the client.
    pub domains: Vec<String>,
    #[schema(value_type = String, format = DateTime)]
    pub created_at: Timestamp,
    #[schema(value_type = String, format = DateTime)]
    pub updated_at: Timestamp,
}

impl From<d::Client> for ClientView {
    fn from(c: d::Client) -> Self {
        Self {
            id: c.id.0,
            name: c.name,
            time_zone: c.time_zone.into(),
            languages: c.languages.into_iter().map(String::from).collect(),
            calendar: c.calendar.as_str().to_owned(),
            domains: c.domains.into_iter().map(String::from).collect(),
            created_at: c.created_at,
            updated_at: c.updated_at,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct ContactView {
    pub id: i64,
    pub client_id: i64,
    pub name: String,
    pub email: String,
    pub role: Option<String>,
    pub technical: bool,
    /// The contact this one reports to: the boss behind the sender.
    pub reports_to: Option<i64>,
    #[schema(value_type = String, format = DateTime)]
    pub created_at: Timestamp,
    #[schema(value_type = String, format = DateTime)]
    pub updated_at: Timestamp,
}

impl From<d::Contact> for ContactView {
    fn from(c: d::Contact) -> Self {
        Self {
            id: c.id.0,
            client_id: c.client_id.0,
            name: c.name,
            email: c.email.into(),
            role: c.role,
            technical: c.technical,
            reports_to: c.reports_to.map(|r| r.0),
            created_at: c.created_at,
            updated_at: c.updated_at,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct EngagementView {
    pub id: i64,
    pub client_id: i64,
    pub name: String,
    pub scope_included: Vec<String>,
    pub scope_excluded: Vec<String>,
    pub extra_rate: Option<String>,
    pub hour_budget: Option<f64>,
    pub sla_policy_id: Option<String>,
    pub cadence: CadenceView,
    /// A request whose final communication got no reply closes after this many working
    /// days.
    pub auto_close_after_days: Option<u32>,
    /// The engagement's own working hours (`10:00-19:00`); absent: the calendar's.
    pub working_hours: Option<String>,
    #[schema(value_type = String, format = DateTime)]
    pub created_at: Timestamp,
    #[schema(value_type = String, format = DateTime)]
    pub updated_at: Timestamp,
}

/// The contact an engagement keeps without being asked; absent intervals are not kept.
#[derive(Serialize, Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct CadenceView {
    /// A progress report every this many working days.
    pub report_every_days: Option<u32>,
    /// A check-in after this many days without contact either way.
    pub check_in_after_days: Option<u32>,
    /// A meeting every this many weeks, on the weekday the engagement started.
    pub meeting_every_weeks: Option<u32>,
}

impl From<d::Cadence> for CadenceView {
    fn from(c: d::Cadence) -> Self {
        Self {
            report_every_days: c.report_every_days,
            check_in_after_days: c.check_in_after_days,
            meeting_every_weeks: c.meeting_every_weeks,
        }
    }
}

impl From<CadenceView> for d::Cadence {
    fn from(c: CadenceView) -> Self {
        Self {
            report_every_days: c.report_every_days,
            check_in_after_days: c.check_in_after_days,
            meeting_every_weeks: c.meeting_every_weeks,
        }
    }
}

impl From<d::Engagement> for EngagementView {
    fn from(e: d::Engagement) -> Self {
        Self {
            id: e.id.0,
            client_id: e.client_id.0,
            name: e.name,
            scope_included: e.scope_included,
            scope_excluded: e.scope_excluded,
            extra_rate: e.extra_rate,
            hour_budget: e.hour_budget,
            sla_policy_id: e.sla_policy_id,
            cadence: e.cadence.into(),
            auto_close_after_days: e.auto_close_after_days,
            working_hours: e.working_hours.map(|h| h.text()),
            created_at: e.created_at,
            updated_at: e.updated_at,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct RequestView {
    pub id: i64,
    pub client_id: i64,
    pub engagement_id: Option<i64>,
    pub subject: String,
    pub assignee_id: Option<i64>,
    /// `new`, `clarifying`, `in_progress`, `waiting_on_client`, `resolved`, `final_sent`, `closed` or `reopened`.
    pub state: String,
    #[schema(value_type = Option<String>, format = DateTime)]
    pub due_at: Option<Timestamp>,
    #[schema(value_type = Option<String>, format = DateTime)]
    pub final_sent_at: Option<Timestamp>,
    #[schema(value_type = Option<String>, format = DateTime)]
    pub closed_at: Option<Timestamp>,
    /// When the client's request reached us; the SLA clocks start here.
    #[schema(value_type = String, format = DateTime)]
    pub received_at: Timestamp,
    #[schema(value_type = String, format = DateTime)]
    pub created_at: Timestamp,
    #[schema(value_type = String, format = DateTime)]
    pub updated_at: Timestamp,
    /// The clocks under the SLA policy the engagement names; shown on one request only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sla: Option<SlaView>,
    /// Materials the client has not sent by their due time while the request has a
    /// deadline of its own: that deadline is at risk. Shown on one request only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deadline_at_risk: Option<Vec<MaterialView>>,
}

/// A request's SLA clocks; a due time is absent once met, or while paused.
#[derive(Serialize, ToSchema)]
pub struct SlaView {
    #[schema(value_type = Option<String>, format = DateTime)]
    pub first_response_due: Option<Timestamp>,
    #[schema(value_type = Option<String>, format = DateTime)]
    pub next_response_due: Option<Timestamp>,
    #[schema(value_type = Option<String>, format = DateTime)]
    pub resolution_due: Option<Timestamp>,
    /// Waiting on the client: the clocks stand still, and the time is credited back.
    pub paused: bool,
    /// A running target is past its policy's warning share.
    pub warning: bool,
    pub breaches: Vec<BreachView>,
}

#[derive(Serialize, ToSchema)]
pub struct BreachView {
    /// `first_response`, `next_response` or `resolution`.
    pub target: String,
    #[schema(value_type = String, format = DateTime)]
    pub due: Timestamp,
    /// When it was met late; absent while still unmet.
    #[schema(value_type = Option<String>, format = DateTime)]
    pub at: Option<Timestamp>,
}

impl From<d::SlaStatus> for SlaView {
    fn from(s: d::SlaStatus) -> Self {
        Self {
            first_response_due: s.first_response_due,
            next_response_due: s.next_response_due,
            resolution_due: s.resolution_due,
            paused: s.paused,
            warning: s.warning,
            breaches: s
                .breaches
                .into_iter()
                .map(|b| BreachView {
                    target: b.target.as_str().to_owned(),
                    due: b.due,
                    at: b.met_at,
                })
                .collect(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct SlaPolicyView {
    pub id: i64,
    pub name: String,
    /// Working minutes.
    pub first_response_minutes: i64,
    pub next_response_minutes: i64,
    pub resolution_minutes: i64,
    pub warn_at_percent: u8,
}

impl From<d::SlaPolicy> for SlaPolicyView {
    fn from(p: d::SlaPolicy) -> Self {
        Self {
            id: p.id,
            name: p.name,
            first_response_minutes: p.targets.first_response.as_mins(),
            next_response_minutes: p.targets.next_response.as_mins(),
            resolution_minutes: p.targets.resolution.as_mins(),
            warn_at_percent: p.targets.warn_at_percent,
        }
    }
}

impl From<d::Request> for RequestView {
    fn from(r: d::Request) -> Self {
        Self {
            id: r.id.0,
            client_id: r.client_id.0,
            engagement_id: r.engagement_id.map(|e| e.0),
            subject: r.subject,
            assignee_id: r.assignee_id.map(|u| u.0),
            state: r.state.as_str().to_owned(),
            due_at: r.due_at,
            final_sent_at: r.final_sent_at,
            closed_at: r.closed_at,
            received_at: r.received_at,
            created_at: r.created_at,
            updated_at: r.updated_at,
            sla: None,
            deadline_at_risk: None,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct MessageView {
    pub id: i64,
    pub request_id: i64,
    /// `inbound`, `outbound` or `note`.
    pub direction: String,
    /// `email`, `chat`, `phone`, `web` or `api`.
    pub channel: String,
    pub author: String,
    pub body: String,
    /// The final communication of the request.
    pub r#final: bool,
    #[schema(value_type = String, format = DateTime)]
    pub sent_at: Timestamp,
    #[schema(value_type = String, format = DateTime)]
    pub created_at: Timestamp,
    /// The decoded card of an inbound message (see `POST /api/v1/decode`).
    #[schema(value_type = Option<Object>)]
    pub card: Option<serde_json::Value>,
    /// The envelope of a message that came by mail; null and empty otherwise.
    #[serde(flatten)]
    pub mail: MailView,
}

/// One address of a mail header.
#[derive(Serialize, ToSchema)]
pub struct AddressView {
    pub name: Option<String>,
    pub address: String,
}

/// An attachment; `stored` is false when it was over the size limit (only described).
#[derive(Serialize, ToSchema)]
pub struct AttachmentView {
    pub filename: String,
    pub content_type: String,
    pub size: u64,
    /// Its name in the download URL.
    pub sha256: String,
    pub stored: bool,
}

/// What the mail parser had to guess or leave out (`charset_missing`, `missing_date`, ...).
#[derive(Serialize, ToSchema)]
pub struct WarningView {
    pub code: String,
    pub detail: String,
}

/// The envelope of a mail, as the message and triage views show it.
#[derive(Serialize, ToSchema, Default)]
pub struct MailView {
    pub from: Option<AddressView>,
    pub to: Vec<AddressView>,
    pub cc: Vec<AddressView>,
    /// Without angle brackets.
    pub message_id: Option<String>,
    /// Automatic mail (an out-of-office reply, a bounce, a list) never opens or reopens a request.
    pub auto: bool,
    /// Why it counts as automatic: `auto_submitted`, `precedence`, `delivery_report`, ...
    pub auto_reason: Option<String>,
    pub warnings: Vec<WarningView>,
    pub attachments: Vec<AttachmentView>,
}

impl From<d::MailMeta> for MailView {
    fn from(m: d::MailMeta) -> Self {
        let address = |a: d::MailAddress| AddressView {
            name: a.name,
            address: a.address,
        };
        Self {
            from: m.from.map(address),
            to: m.to.into_iter().map(address).collect(),
            cc: m.cc.into_iter().map(address).collect(),
            message_id: m.message_id,
            auto: m.auto.is_some(),
            auto_reason: m.auto,
            warnings: m
                .warnings
                .into_iter()
                .map(|w| WarningView {
                    code: w.code,
                    detail: w.detail,
                })
                .collect(),
            attachments: m
                .attachments
                .into_iter()
                .map(|a| AttachmentView {
                    filename: a.filename,
                    content_type: a.content_type,
                    size: a.size,
                    sha256: a.sha256,
                    stored: a.stored,
                })
                .collect(),
        }
    }
}

/// A mail waiting in triage (or, once assigned, where it went).
#[derive(Serialize, ToSchema)]
pub struct TriageView {
    pub id: i64,
    /// `unknown_sender`, `ambiguous_sender` or `automatic`.
    pub reason: String,
    pub subject: String,
    pub body: String,
    #[schema(value_type = String, format = DateTime)]
    pub received_at: Timestamp,
    #[serde(flatten)]
    pub mail: MailView,
    /// The request it became or joined, once assigned.
    pub request_id: Option<i64>,
    pub client_id: Option<i64>,
    #[schema(value_type = String, format = DateTime)]
    pub created_at: Timestamp,
}

impl From<d::TriageItem> for TriageView {
    fn from(t: d::TriageItem) -> Self {
        Self {
            id: t.id,
            reason: t.reason.as_str().to_owned(),
            subject: t.mail.subject.clone(),
            body: t.body,
            received_at: t.received_at,
            mail: t.mail.into(),
            request_id: t.request_id.map(|r| r.0),
            client_id: t.client_id.map(|c| c.0),
            created_at: t.created_at,
        }
    }
}

/// The triage queue.
#[derive(Serialize, ToSchema)]
pub struct TriageList {
    pub items: Vec<TriageView>,
}

impl From<d::Message> for MessageView {
    fn from(m: d::Message) -> Self {
        Self {
            id: m.id.0,
            request_id: m.request_id.0,
            direction: m.direction.as_str().to_owned(),
            channel: m.channel.as_str().to_owned(),
            author: m.author,
            body: m.body,
            r#final: m.is_final,
            sent_at: m.sent_at,
            created_at: m.created_at,
            card: m.card.and_then(|card| match serde_json::from_str(&card) {
                Ok(card) => Some(card),
                Err(error) => {
                    tracing::error!(message = m.id.0, %error, "a stored card does not read back");
                    None
                }
            }),
            mail: m.mail.map(MailView::from).unwrap_or_default(),
        }
    }
}

/// A request with its whole thread, oldest message first.
#[derive(Serialize, ToSchema)]
pub struct ThreadView {
    pub request: RequestView,
    pub messages: Vec<MessageView>,
}

impl From<rapport_store::Thread> for ThreadView {
    fn from(t: rapport_store::Thread) -> Self {
        Self {
            request: t.request.into(),
            messages: t.messages.into_iter().map(Into::into).collect(),
        }
    }
}

/// A new message and the state of its request after it.
#[derive(Serialize, ToSchema)]
pub struct MessageAdded {
    pub message: MessageView,
    pub request: RequestView,
}

/// A personal API token: its label and dates, never the token.
#[derive(Serialize, ToSchema)]
pub struct TokenView {
    pub id: i64,
    pub user_id: i64,
    pub name: String,
    #[schema(value_type = String, format = DateTime)]
    pub created_at: Timestamp,
    #[schema(value_type = Option<String>, format = DateTime)]
    pub revoked_at: Option<Timestamp>,
}

impl From<d::ApiToken> for TokenView {
    fn from(token: d::ApiToken) -> Self {
        Self {
            id: token.id.0,
            user_id: token.user_id.0,
            name: token.name,
            created_at: token.created_at,
            revoked_at: token.revoked_at,
        }
    }
}

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

#[derive(Serialize, ToSchema)]
pub struct ActivityView {
    pub id: i64,
    /// The user who acted; absent when the system did (CLI, demo loader).
    pub actor_user_id: Option<i64>,
    pub actor_name: String,
    pub subject_type: String,
    pub subject_id: i64,
    /// `created`, `transitioned`, `final_skipped`, `completed`.
    pub action: String,
    pub before: Option<String>,
    pub after: Option<String>,
    /// A person's written reason, e.g. why the final communication was skipped.
    pub note: Option<String>,
    #[schema(value_type = String, format = DateTime)]
    pub at: Timestamp,
}

impl From<d::Activity> for ActivityView {
    fn from(a: d::Activity) -> Self {
        Self {
            id: a.id.0,
            actor_user_id: a.actor.user_id().map(|u| u.0),
            actor_name: a.actor.name().to_owned(),
            subject_type: a.subject_type.as_str().to_owned(),
            subject_id: a.subject_id,
            action: a.action,
            before: a.before,
            after: a.after,
            note: a.note,
            at: a.at,
        }
    }
}

impl From<crate::MessageOutcome> for MessageAdded {
    fn from(outcome: crate::MessageOutcome) -> Self {
        Self {
            message: outcome.message.into(),
            request: outcome.request.into(),
        }
    }
}

/// A person who works the desk.
#[derive(Serialize, ToSchema)]
pub struct UserView {
    pub id: i64,
    pub name: String,
    pub email: String,
    /// `admin`, `manager` or `agent`.
    pub role: String,
    /// Where the person works; notifications wait for their working hours there.
    pub time_zone: Option<String>,
    /// Who hears of this person's overdue promises.
    pub manager_id: Option<i64>,
    #[schema(value_type = String, format = DateTime)]
    pub created_at: Timestamp,
    #[schema(value_type = String, format = DateTime)]
    pub updated_at: Timestamp,
}

impl From<d::User> for UserView {
    fn from(u: d::User) -> Self {
        Self {
            id: u.id.0,
            name: u.name,
            email: u.email.into(),
            role: u.role.as_str().to_owned(),
            time_zone: u.time_zone.map(|z| z.as_str().to_owned()),
            manager_id: u.manager_id.map(|m| m.0),
            created_at: u.created_at,
            updated_at: u.updated_at,
        }
    }
}

/// An outgoing mail and its delivery so far.
#[derive(Serialize, ToSchema)]
pub struct OutboxView {
    pub id: i64,
    pub message_id: i64,
    pub request_id: i64,
    pub sender: String,
    pub recipients: Vec<String>,
    /// `pending`, `sent` or `failed`.
    pub state: String,
    pub attempts: u32,
    #[schema(value_type = Option<String>, format = DateTime)]
    pub next_attempt_at: Option<Timestamp>,
    /// What the SMTP server answered last: its acceptance or its refusal.
    pub last_answer: Option<String>,
    #[schema(value_type = Option<String>, format = DateTime)]
    pub sent_at: Option<Timestamp>,
    #[schema(value_type = String, format = DateTime)]
    pub created_at: Timestamp,
}

impl From<d::OutboxItem> for OutboxView {
    fn from(o: d::OutboxItem) -> Self {
        Self {
            id: o.id,
            message_id: o.message_id.0,
            request_id: o.request_id.0,
            sender: o.sender,
            recipients: o.recipients,
            state: o.state.as_str().to_owned(),
            attempts: o.attempts,
            next_attempt_at: o.next_attempt_at,
            last_answer: o.last_answer,
            sent_at: o.sent_at,
            created_at: o.created_at,
        }
    }
}

/// The outbox.
#[derive(Serialize, ToSchema)]
pub struct OutboxList {
    pub items: Vec<OutboxView>,
}

/// An IMAP mailbox the desk reads.
#[derive(Serialize, ToSchema)]
pub struct MailboxView {
    pub id: i64,
    /// Never with a password.
    pub url: String,
    pub password_file: String,
    pub last_uid: u32,
    #[schema(value_type = Option<String>, format = DateTime)]
    pub last_sync_at: Option<Timestamp>,
    /// What went wrong on the last attempt; null after a good one.
    pub last_error: Option<String>,
}

impl From<d::ImapMailbox> for MailboxView {
    fn from(m: d::ImapMailbox) -> Self {
        Self {
            id: m.id,
            url: m.url,
            password_file: m.password_file,
            last_uid: m.last_uid,
            last_sync_at: m.last_sync_at,
            last_error: m.last_error,
        }
    }
}

/// Something the proactive engine told a person.
#[derive(Serialize, ToSchema)]
pub struct NotificationView {
    pub id: i64,
    /// `sla_warning`, `sla_breached`, `commitment_overdue`, `materials_reminder` or
    /// `final_communication_pending`.
    pub kind: String,
    pub client_id: i64,
    pub request_id: Option<i64>,
    /// The commitment, materials request or request it is about.
    pub subject_id: i64,
    pub title: String,
    pub reason: String,
    /// When it reached the person: their next working moment after it arose.
    #[schema(value_type = String, format = DateTime)]
    pub deliver_at: Timestamp,
    #[schema(value_type = Option<String>, format = DateTime)]
    pub read_at: Option<Timestamp>,
}

impl From<d::Notification> for NotificationView {
    fn from(n: d::Notification) -> Self {
        Self {
            id: n.id.0,
            kind: n.kind.as_str().to_owned(),
            client_id: n.client_id.0,
            request_id: n.request_id.map(|r| r.0),
            subject_id: n.subject_id,
            title: n.title,
            reason: n.reason,
            deliver_at: n.deliver_at,
            read_at: n.read_at,
        }
    }
}

/// A client's posture with its play, and its health with its reasons and history.
#[derive(Serialize, ToSchema)]
pub struct StandingView {
    /// `steady`, `pushing`, `quiet`, `tired` or `in_trouble`.
    pub posture: String,
    /// The figures that made the posture.
    pub reasons: Vec<String>,
    /// What to do about it.
    pub play: String,
    pub health: HealthView,
    /// Oldest first, one reading per day the engine ran (last 90).
    pub history: Vec<HealthDayView>,
}

#[derive(Serialize, ToSchema)]
pub struct HealthView {
    /// 0 to 100.
    pub score: u8,
    pub reasons: Vec<HealthReasonView>,
}

#[derive(Serialize, ToSchema)]
pub struct HealthReasonView {
    /// What the reason took off the score (negative).
    pub points: i32,
    pub why: String,
}

#[derive(Serialize, ToSchema)]
pub struct HealthDayView {
    /// `YYYY-MM-DD` (UTC).
    pub day: String,
    pub score: u8,
    pub posture: String,
}

impl From<d::Health> for HealthView {
    fn from(h: d::Health) -> Self {
        Self {
            score: h.score,
            reasons: h
                .reasons
                .into_iter()
                .map(|r| HealthReasonView {
                    points: r.points,
                    why: r.why,
                })
                .collect(),
        }
    }
}

impl From<crate::ClientStanding> for StandingView {
    fn from(s: crate::ClientStanding) -> Self {
        Self {
            posture: s.posture.posture.as_str().to_owned(),
            play: s.posture.posture.play().to_owned(),
            reasons: s.posture.reasons,
            health: s.health.into(),
            history: s
                .history
                .into_iter()
                .map(|day| HealthDayView {
                    day: day.day,
                    score: day.health.score,
                    posture: day.posture.as_str().to_owned(),
                })
                .collect(),
        }
    }
}
