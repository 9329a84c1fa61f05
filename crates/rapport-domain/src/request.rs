//! Requests: one thread of client work and where it stands.

use crate::{ClientId, EngagementId, RequestId, UserId, text_enum};
use jiff::Timestamp;

text_enum!(
    /// Where a request stands. The allowed moves are in `lifecycle.rs`.
    RequestState, "request state" {
        New => "new",
        /// Open questions (deadline, audience, purpose, ...) must be answered first.
        Clarifying => "clarifying",
        InProgress => "in_progress",
        WaitingOnClient => "waiting_on_client",
        /// The work is done; the final communication has not gone out yet.
        Resolved => "resolved",
        /// The client was told what was done and asked whether we may close.
        FinalSent => "final_sent",
        Closed => "closed",
        /// The client wrote again after the request was closed.
        Reopened => "reopened",
    }
);

impl RequestState {
    /// States in which someone on our side still owes work.
    pub fn is_open(self) -> bool {
        !matches!(self, RequestState::Closed)
    }
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Request {
    pub id: RequestId,
    pub client_id: ClientId,
    pub engagement_id: Option<EngagementId>,
    pub subject: String,
    pub assignee_id: Option<UserId>,
    pub state: RequestState,
    pub due_at: Option<Timestamp>,
    /// When the final communication went out; cleared when work starts again.
    pub final_sent_at: Option<Timestamp>,
    /// When the client's request reached us (the mail's date, or as entered); the SLA
    /// clocks start here.
    pub received_at: Timestamp,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub closed_at: Option<Timestamp>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewRequest {
    pub client_id: ClientId,
    pub engagement_id: Option<EngagementId>,
    pub subject: String,
    pub assignee_id: Option<UserId>,
    pub due_at: Option<Timestamp>,
    /// None: now.
    pub received_at: Option<Timestamp>,
}
