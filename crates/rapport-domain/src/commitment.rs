//! Commitments: every promise to get back to someone, with a due time and an owner.

use crate::{ClientId, CommitmentId, RequestId, UserId};
use jiff::Timestamp;

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
}
