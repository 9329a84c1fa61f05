//! An engagement on the client page: its scope, and how it is served (SLA policy, own
//! working hours, cadence, auto-close), which the client's managers change in place.

use super::PageError;
use super::session::Visitor;
use crate::AppState;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use rapport_domain::{Cadence, Engagement, EngagementId, EngagementTerms, SlaPolicy, WorkingHours};
use serde::Deserialize;

pub struct EngagementRow {
    pub id: i64,
    pub name: String,
    pub included: Vec<String>,
    pub excluded: Vec<String>,
    /// The policy's name, or empty.
    pub sla: String,
    /// The policy's id, for the form's choice.
    pub sla_id: String,
    /// The engagement's own hours, or empty (the calendar's).
    pub hours: String,
    pub report_every: String,
    pub check_in_after: String,
    pub meeting_every: String,
    pub auto_close: String,
}

fn number(value: Option<u32>) -> String {
    value.map(|n| n.to_string()).unwrap_or_default()
}

impl EngagementRow {
    pub fn new(engagement: Engagement, policies: &[SlaPolicy]) -> Self {
        let policy = engagement.sla_policy_id.as_deref().and_then(|key| {
            policies
                .iter()
                .find(|p| p.id.to_string() == key || p.name == key)
        });
        let cadence = engagement.cadence;
        Self {
            id: engagement.id.0,
            name: engagement.name,
            included: engagement.scope_included,
            excluded: engagement.scope_excluded,
            sla: policy.map_or_else(
                || engagement.sla_policy_id.clone().unwrap_or_default(),
                |p| p.name.clone(),
            ),
            sla_id: policy.map(|p| p.id.to_string()).unwrap_or_default(),
            hours: engagement
                .working_hours
                .map(WorkingHours::text)
                .unwrap_or_default(),
            report_every: number(cadence.report_every_days),
            check_in_after: number(cadence.check_in_after_days),
            meeting_every: number(cadence.meeting_every_weeks),
            auto_close: number(engagement.auto_close_after_days),
        }
    }
}

/// The terms form: every field as typed; empty means none.
#[derive(Deserialize)]
pub struct TermsForm {
    #[serde(default)]
    pub sla: String,
    #[serde(default)]
    pub hours: String,
    #[serde(default)]
    pub report_every: String,
    #[serde(default)]
    pub check_in_after: String,
    #[serde(default)]
    pub meeting_every: String,
    #[serde(default)]
    pub auto_close: String,
}

impl TermsForm {
    /// The terms, or the label key of the first field that is not a number or hours.
    fn parse(self) -> Result<EngagementTerms, &'static str> {
        let count = |text: &str, field: &'static str| -> Result<Option<u32>, &'static str> {
            match text.trim() {
                "" => Ok(None),
                text => text.parse().map(Some).map_err(|_| field),
            }
        };
        Ok(EngagementTerms {
            sla_policy_id: Some(self.sla.trim().to_owned()).filter(|s| !s.is_empty()),
            working_hours: match self.hours.trim() {
                "" => None,
                text => Some(WorkingHours::parse(text).map_err(|_| "client-terms-hours")?),
            },
            cadence: Cadence {
                report_every_days: count(&self.report_every, "client-terms-report")?,
                check_in_after_days: count(&self.check_in_after, "client-terms-check-in")?,
                meeting_every_weeks: count(&self.meeting_every, "client-terms-meeting")?,
            },
            auto_close_after_days: count(&self.auto_close, "client-terms-auto-close")?,
        })
    }
}

/// Changes how an engagement is served (its client's managers and admins).
pub async fn set_terms(
    State(state): State<AppState>,
    visitor: Visitor,
    Path((client, id)): Path<(i64, i64)>,
    Form(form): Form<TermsForm>,
) -> Response {
    let tr = visitor.tr();
    let terms = match form.parse() {
        Ok(terms) => terms,
        Err(field) => {
            let message = tr.t1("error-filter", "field", tr.t(field));
            return PageError::invalid(message);
        }
    };
    let result = state
        .app
        .set_engagement_terms(&visitor.acting(), EngagementId(id), terms, state.now())
        .await;
    super::redirect_or(
        &visitor,
        result,
        &format!("/clients/{client}#engagement-{id}"),
    )
}
