//! Requests, their threads and messages, and their SLA clocks.

use super::{MailView, MaterialView};
use jiff::Timestamp;
use rapport_domain as d;
use serde::Serialize;
use utoipa::ToSchema;

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

impl From<crate::MessageOutcome> for MessageAdded {
    fn from(outcome: crate::MessageOutcome) -> Self {
        Self {
            message: outcome.message.into(),
            request: outcome.request.into(),
        }
    }
}
