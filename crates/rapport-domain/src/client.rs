//! Client organisations, the people at them, and the engagements we work under.

use crate::{
    Cadence, CalendarId, ClientId, ContactId, EmailAddress, EngagementId, LanguageTag, MailDomain,
    TimeZoneName, WorkingHours,
};
use jiff::Timestamp;

/// A client organisation: whose time zone and languages every reply respects.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Client {
    pub id: ClientId,
    pub name: String,
    pub time_zone: TimeZoneName,
    pub languages: Vec<LanguageTag>,
    /// Business calendar for deadlines and SLA clocks.
    pub calendar: CalendarId,
    /// Mail from a new address at one of these domains joins this client.
    pub domains: Vec<MailDomain>,
    /// The last message either way (automatic mail aside): when a check-in is due.
    pub last_contact_at: Option<Timestamp>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewClient {
    pub name: String,
    pub time_zone: TimeZoneName,
    pub languages: Vec<LanguageTag>,
    pub calendar: CalendarId,
    pub domains: Vec<MailDomain>,
}

/// A person at a client; `reports_to` records the boss behind the sender.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Contact {
    pub id: ContactId,
    pub client_id: ClientId,
    pub name: String,
    pub email: EmailAddress,
    pub role: Option<String>,
    /// Whether technical vocabulary is fine in replies to this person.
    pub technical: bool,
    pub reports_to: Option<ContactId>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewContact {
    pub client_id: ClientId,
    pub name: String,
    pub email: EmailAddress,
    pub role: Option<String>,
    pub technical: bool,
    pub reports_to: Option<ContactId>,
}

/// The terms we work under for a client: what is in scope, what is not, what extras cost.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Engagement {
    pub id: EngagementId,
    pub client_id: ClientId,
    pub name: String,
    pub scope_included: Vec<String>,
    pub scope_excluded: Vec<String>,
    /// Price of work outside scope, as the contract states it ("15,000 JPY / hour").
    pub extra_rate: Option<String>,
    pub hour_budget: Option<f64>,
    pub sla_policy_id: Option<String>,
    /// A request whose final communication got no reply closes after this many working
    /// days; none: it waits for a person.
    pub auto_close_after_days: Option<u32>,
    /// The engagement's own working hours for its SLA clocks; none: the calendar's.
    pub working_hours: Option<WorkingHours>,
    /// Progress reports, check-ins and meetings we keep without being asked.
    pub cadence: Cadence,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

/// How an engagement is served, changed as a whole once it runs: the SLA policy its
/// requests are held to, its own working hours, the cadence we keep, and when a final
/// communication the client leaves unanswered closes a request.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EngagementTerms {
    pub sla_policy_id: Option<String>,
    pub working_hours: Option<WorkingHours>,
    pub cadence: Cadence,
    pub auto_close_after_days: Option<u32>,
}

impl Engagement {
    pub fn terms(&self) -> EngagementTerms {
        EngagementTerms {
            sla_policy_id: self.sla_policy_id.clone(),
            working_hours: self.working_hours,
            cadence: self.cadence,
            auto_close_after_days: self.auto_close_after_days,
        }
    }
}

/// The terms in a line, for the audit trail.
impl std::fmt::Display for EngagementTerms {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let parts: Vec<String> = [
            self.sla_policy_id.as_ref().map(|p| format!("sla {p}")),
            self.working_hours.map(|h| format!("hours {}", h.text())),
            self.cadence
                .report_every_days
                .map(|n| format!("report every {n} working days")),
            self.cadence
                .check_in_after_days
                .map(|n| format!("check-in after {n} quiet days")),
            self.cadence
                .meeting_every_weeks
                .map(|n| format!("meeting every {n} weeks")),
            self.auto_close_after_days
                .map(|n| format!("auto-close after {n} working days")),
        ]
        .into_iter()
        .flatten()
        .collect();
        if parts.is_empty() {
            f.write_str("none")
        } else {
            f.write_str(&parts.join(", "))
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewEngagement {
    pub client_id: ClientId,
    pub name: String,
    pub scope_included: Vec<String>,
    pub scope_excluded: Vec<String>,
    pub extra_rate: Option<String>,
    pub hour_budget: Option<f64>,
    pub sla_policy_id: Option<String>,
    /// A request whose final communication got no reply closes after this many working
    /// days; none: it waits for a person.
    pub auto_close_after_days: Option<u32>,
    /// The engagement's own working hours for its SLA clocks; none: the calendar's.
    pub working_hours: Option<WorkingHours>,
    /// Progress reports, check-ins and meetings we keep without being asked.
    pub cadence: Cadence,
}
