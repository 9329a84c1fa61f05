//! The admin's SLA policies in Settings: added, changed and deleted, their targets typed
//! as working time (`4h`, `1d4h`, `3d`), as `rapport sla add` reads them.

use super::PageError;
use super::i18n::Tr;
use super::session::Visitor;
use crate::AppState;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use rapport_app::SlaPolicyInput;
use rapport_domain::{SlaPolicy, policy_target_minutes};
use serde::Deserialize;

/// A policy as Settings lists it, its targets in the form they are typed.
pub struct PolicyRow {
    pub id: i64,
    pub name: String,
    pub first_response: String,
    pub next_response: String,
    pub resolution: String,
    pub warn_at: u8,
}

impl From<SlaPolicy> for PolicyRow {
    fn from(p: SlaPolicy) -> Self {
        Self {
            id: p.id,
            name: p.name,
            first_response: working_time(p.targets.first_response),
            next_response: working_time(p.targets.next_response),
            resolution: working_time(p.targets.resolution),
            warn_at: p.targets.warn_at_percent,
        }
    }
}

/// Working time as it is typed back: `4h`, `1h30m`, `45m`.
fn working_time(duration: jiff::SignedDuration) -> String {
    let minutes = duration.as_mins();
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m}m"),
        (h, 0) => format!("{h}h"),
        (h, m) => format!("{h}h{m}m"),
    }
}

#[derive(Deserialize)]
pub struct PolicyForm {
    pub name: String,
    pub first_response: String,
    pub next_response: String,
    pub resolution: String,
    pub warn_at: Option<String>,
}

impl PolicyForm {
    /// The policy, or what is wrong with the form in the reader's words.
    fn input(self, tr: &Tr) -> Result<SlaPolicyInput, String> {
        let target = |field: &str, text: &str| {
            policy_target_minutes(text)
                .map_err(|_| format!("{}: {}", tr.t(field), tr.t("settings-sla-hint")))
        };
        let warn_at_percent = match self.warn_at.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(text) => Some(
                text.parse()
                    .map_err(|_| tr.t1("error-filter", "field", tr.t("settings-sla-warn")))?,
            ),
        };
        Ok(SlaPolicyInput {
            first_response_minutes: target("sla-first_response", &self.first_response)?,
            next_response_minutes: target("sla-next_response", &self.next_response)?,
            resolution_minutes: target("sla-resolution", &self.resolution)?,
            name: self.name,
            warn_at_percent,
        })
    }
}

fn done_or<T>(visitor: &Visitor, result: Result<T, rapport_app::AppError>) -> Response {
    super::redirect_or(visitor, result, "/settings#sla-policies-title")
}

pub async fn add(
    State(state): State<AppState>,
    visitor: Visitor,
    Form(form): Form<PolicyForm>,
) -> Response {
    let input = match form.input(&visitor.tr()) {
        Ok(input) => input,
        Err(message) => return PageError::invalid(message),
    };
    let result = state
        .app
        .create_sla_policy(&visitor.acting(), input, state.now())
        .await;
    done_or(&visitor, result)
}

/// Changes a policy; engagements that name it follow a new name.
pub async fn update(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
    Form(form): Form<PolicyForm>,
) -> Response {
    let input = match form.input(&visitor.tr()) {
        Ok(input) => input,
        Err(message) => return PageError::invalid(message),
    };
    let result = state
        .app
        .update_sla_policy(&visitor.acting(), id, input, state.now())
        .await;
    done_or(&visitor, result)
}

/// Deletes a policy no engagement is held to.
pub async fn delete(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
) -> Response {
    let result = state
        .app
        .delete_sla_policy(&visitor.acting(), id, state.now())
        .await;
    done_or(&visitor, result)
}

#[cfg(test)]
mod tests {
    use super::working_time;
    use jiff::SignedDuration;

    #[test]
    fn targets_are_shown_as_they_are_typed() {
        assert_eq!(working_time(SignedDuration::from_mins(240)), "4h");
        assert_eq!(working_time(SignedDuration::from_mins(90)), "1h30m");
        assert_eq!(working_time(SignedDuration::from_mins(45)), "45m");
        assert_eq!(working_time(SignedDuration::from_mins(1620)), "27h");
    }
}
