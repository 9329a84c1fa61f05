//! Clients, their contacts and engagements (scope, cadence).

use jiff::Timestamp;
use rapport_domain as d;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

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
