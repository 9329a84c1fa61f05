//! Rapport's objects and rules, free of I/O: whoever calls in passes the current time.
//!
//! The store persists these types, the web crate shows them, and every rule about
//! them (which state may follow which, what a valid time zone is) lives here, once.

mod account;
mod activity;
mod cadence;
mod calendar;
mod card;
mod client;
mod clock;
mod commitment;
mod email;
mod ids;
mod language;
mod lifecycle;
mod mail;
mod materials;
mod message;
mod notification;
mod outbox;
mod policy;
mod posture;
mod reason;
mod request;
mod schedule;
mod second_factor;
mod sla;
mod thread;
mod time_zone;
mod today;
mod user;

pub use account::{
    PASSWORD_MAX_CHARS, PASSWORD_MIN_CHARS, PasswordError, SESSION_ABSOLUTE, SESSION_IDLE,
    SESSION_TOUCH, SignInThrottle, WebSession, check_password,
};
pub use activity::{Activity, Actor, NewActivity, SubjectType};
pub use cadence::{
    Cadence, CadenceError, MEETING_NOTICE_DAYS, check_in_due, meeting_days, meeting_due, opening,
    report_due,
};
pub use calendar::{
    BusinessCalendar, CalendarDataError, CalendarId, CalendarSettings, ClosedDay, Holiday,
    WorkingHours, WorkingHoursError, lunar_to_date, solar_term_date,
};
pub use card::{
    CARD_VERSION, CardFacts, LintRule, OpenQuestion, Politeness, RequestKind, ScopeVerdict,
    StoredCard, ToneLabel, UrgencyLevel,
};
pub use client::{
    Client, Contact, Engagement, EngagementTerms, NewClient, NewContact, NewEngagement,
};
pub use clock::Clock;
pub use commitment::{
    Commitment, NewCommitment, Source, TextSpan, kept_by_next_reply, one_working_day_after,
};
pub use email::{EmailAddress, EmailAddressError};
pub use ids::{
    ActivityId, ClientId, CommitmentId, ContactId, EngagementId, MaterialId, MessageId,
    NotificationId, RequestId, SavedViewId, SessionId, TokenId, UserId,
};
pub use language::{LanguageTag, LanguageTagError};
pub use lifecycle::{
    MessageEffect, Transition, TransitionError, auto_close_due, manual_moves, plan_inbound_mail,
    plan_message, plan_transition,
};
pub use mail::{
    AttachmentMeta, ImapMailbox, MailAddress, MailDomain, MailDomainError, MailMeta, MailWarning,
    MailboxPassword, TriageItem, TriageReason,
};
pub use materials::{
    Material, NewMaterial, brings_materials, deadline_at_risk, reminder_days, reminder_due,
};
pub use message::{Channel, Direction, Message, NewMessage};
pub use notification::{NewNotification, Notification, NotificationKind, deliver_at};
pub use outbox::{MAX_SEND_ATTEMPTS, NewOutboxMail, OutboxItem, OutboxState, next_send_attempt};
pub use policy::{Action, Refusal, Rights, Subject, authorize, scoped_to_membership};
pub use posture::{
    ClientSignals, Health, HealthReason, MailSignal, POSTURE_BASELINE, POSTURE_WINDOW, Posture,
    PostureReading, client_health, read_posture,
};
pub use reason::{REASON_CODES, Reason};
pub use request::{NewRequest, Request, RequestState};
pub use schedule::{JOB_LEASE, JOB_RETRY, Job, JobName};
pub use second_factor::{
    CODE_STAGE_TTL, ENROLL_STAGE_TTL, RECOVERY_CODES, SessionStage, TOTP_SECRET_BYTES,
    acceptable_steps, base32, code_of_digest, decode_base32, is_totp_code, normalize_code,
    otpauth_uri, recovery_code, step_message, totp_step,
};
pub use sla::{
    Breach, SlaEvent, SlaPolicy, SlaStanding, SlaStatus, SlaTarget, SlaTargets,
    parse_working_duration, policy_target_minutes, sla_status,
};
pub use thread::{is_reply_subject, thread_subject};
pub use time_zone::{TimeZoneName, UnknownTimeZone};
pub use today::{
    AgendaItem, AgendaKind, DUE_SOON, agenda_order, cadence_item, commitment_item, material_item,
    posture_item, request_item, sla_item, triage_item,
};
pub use user::{ApiToken, NewUser, Role, SavedView, User};

/// A parse failure for one of the small enums that travel as text (`"in_progress"`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} {value:?}; expected one of: {expected}")]
pub struct UnknownVariant {
    pub what: &'static str,
    pub value: String,
    pub expected: &'static str,
}

/// Declares a text-backed enum with `as_str`, `FromStr`, `Display` and serde as text.
macro_rules! text_enum {
    ($(#[$meta:meta])* $name:ident, $what:literal { $($(#[$vmeta:meta])* $variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            /// Every variant, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable text form used in the database, the API and the CLI.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::UnknownVariant;
            fn from_str(value: &str) -> Result<Self, Self::Err> {
                match value {
                    $($text => Ok($name::$variant),)+
                    _ => Err($crate::UnknownVariant {
                        what: $what,
                        value: value.to_owned(),
                        expected: concat!($($text, " "),+).trim_ascii_end(),
                    }),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
pub(crate) use text_enum;
