//! The audit trail: who changed what, when, and what it was before and after.

use crate::{ActivityId, UserId, text_enum};
use jiff::Timestamp;

/// Who did something: a user, or the system acting on its own (the CLI, the demo loader).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Actor {
    User { id: UserId, name: String },
    System { name: String },
}

impl Actor {
    pub fn user_id(&self) -> Option<UserId> {
        match self {
            Actor::User { id, .. } => Some(*id),
            Actor::System { .. } => None,
        }
    }

    pub fn name(&self) -> &str {
        match self {
            Actor::User { name, .. } | Actor::System { name } => name,
        }
    }
}

text_enum!(
    /// The kind of object an activity entry is about.
    SubjectType, "subject type" {
        Client => "client",
        Contact => "contact",
        Engagement => "engagement",
        Request => "request",
        Message => "message",
        Commitment => "commitment",
        /// Something the client is to send us.
        Material => "material",
        /// A service level in working time.
        SlaPolicy => "sla_policy",
        User => "user",
        Token => "token",
        /// A user's membership of a client; the subject id is the client's.
        Membership => "membership",
        /// A message from an unknown sender, waiting for a person.
        Triage => "triage",
        /// An outgoing mail.
        Outbox => "outbox",
        /// An IMAP mailbox the desk reads.
        Mailbox => "mailbox",
        /// A business calendar's hours or closed days; the subject id is the calendar's
        /// place in `CalendarId::ALL`.
        Calendar => "calendar",
    }
);

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Activity {
    pub id: ActivityId,
    pub actor: Actor,
    pub subject_type: SubjectType,
    pub subject_id: i64,
    /// What happened, as a stable verb: `created`, `transitioned`, `final_skipped`.
    pub action: String,
    pub before: Option<String>,
    pub after: Option<String>,
    /// A person's written reason, where the rule asks for one.
    pub note: Option<String>,
    pub at: Timestamp,
}

/// An activity entry about to be written, in the same transaction as the change.
#[derive(Debug, Clone, PartialEq)]
pub struct NewActivity {
    pub subject_type: SubjectType,
    pub subject_id: i64,
    pub action: &'static str,
    pub before: Option<String>,
    pub after: Option<String>,
    pub note: Option<String>,
}

impl NewActivity {
    pub fn created(subject_type: SubjectType, subject_id: i64) -> Self {
        Self::action(subject_type, subject_id, "created")
    }

    /// A change described by its verb alone (`revoked`).
    pub fn action(subject_type: SubjectType, subject_id: i64, action: &'static str) -> Self {
        Self {
            subject_type,
            subject_id,
            action,
            before: None,
            after: None,
            note: None,
        }
    }
}
