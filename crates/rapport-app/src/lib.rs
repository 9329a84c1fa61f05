//! Rapport's use cases: one method of `App` per user action.
//!
//! Every front door (the HTTP API, the command line, the demo loader, and mail and jobs
//! to come) turns its input into one of the input models here, calls the action with
//! who is acting and `now`, and shows the result. An action checks the authorization
//! policy (`rapport_domain::authorize`), validates its input once, runs the domain's
//! plan and the store's transaction, and decodes inbound messages. Nothing here knows
//! HTTP or the shell.

mod accounts;
mod acting;
mod activity;
mod bytes;
mod cadence;
mod calendars;
mod cards;
mod clients;
mod commitments;
mod decode;
mod drafts;
mod engagement_terms;
mod engine;
mod error;
mod feed;
mod mail;
mod mailboxes;
mod materials;
mod members;
mod messages;
mod notifications;
mod outbox;
mod posture;
mod promises;
mod requests;
mod routing;
mod saved_views;
mod sealing;
mod second_factor;
mod sla;
mod text;
mod today;
mod tokens;
mod triage;
mod users;
pub mod views;

pub use accounts::{SignInInput, SignedIn};
pub use acting::Acting;
pub use activity::ActivityQuery;
pub use clients::{ClientInput, ContactInput, EngagementInput};
pub use commitments::{CommitmentInput, CommitmentQuery};
pub use decode::{DecodeText, Decoded, Outbound};
pub use drafts::Draft;
pub use engine::{JobRound, JobTiming};
pub use error::AppError;
pub use feed::{FeedEvent, FeedTime};
pub use mail::{Ingested, MailSettings};
pub use mailboxes::{MailboxSync, PasswordInput};
pub use materials::{MaterialInput, MaterialQuery};
pub use messages::{MessageInput, MessageOutcome};
pub use outbox::{Outgoing, SendRound};
pub use posture::ClientStanding;
pub use rapport_language::OutboundCard;
pub use requests::{RequestInput, RequestOrder, RequestQuery, TransitionInput};
pub use sealing::SealingKey;
pub use second_factor::{SecondFactorSetup, SecondFactorStatus, one_time_code};
pub use sla::SlaPolicyInput;
pub use today::AgendaLine;
pub use tokens::{IssuedToken, hash_token, random_secret, same_secret, sha256_hex};
pub use triage::TriageAssignment;
pub use users::UserInput;

use jiff::Timestamp;
use rapport_domain::Clock;
use rapport_store::Store;

/// The desk's use cases over one store. Cheap to clone.
#[derive(Clone, Debug)]
pub struct App {
    store: Store,
    /// Where received mail is kept; `None` on a desk that takes no mail.
    mail: Option<std::sync::Arc<MailSettings>>,
    /// The business calendars with the desk's hours and closed days.
    calendars: std::sync::Arc<calendars::CalendarCache>,
    /// Failed sign-ins, per account and per address.
    throttles: std::sync::Arc<accounts::Throttles>,
    /// The key that seals second-factor secrets; `None`: second factors are unavailable.
    sealing: Option<std::sync::Arc<SealingKey>>,
}

impl App {
    pub fn new(store: Store) -> Self {
        Self {
            store,
            mail: None,
            calendars: Default::default(),
            throttles: Default::default(),
            sealing: None,
        }
    }

    /// The store's backend, for health reports.
    pub fn backend(&self) -> rapport_store::Backend {
        self.store.backend()
    }

    /// Succeeds when the database answers.
    pub async fn ping(&self) -> Result<(), AppError> {
        Ok(self.store.ping().await?)
    }
}

/// The clock of a running desk: the system's.
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        Timestamp::now()
    }
}
