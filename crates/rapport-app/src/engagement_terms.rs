//! How an engagement is served, set when it starts and changed as a whole later: the
//! SLA policy its requests are held to, its own working hours, the cadence we keep, and
//! the auto-close after a final communication the client leaves unanswered.

use crate::text::optional;
use crate::{Acting, App, AppError};
use jiff::Timestamp;
use rapport_domain::{Action, Engagement, EngagementId, EngagementTerms};

/// Terms as a front door received them, checked: the cadence's intervals and the
/// auto-close in range, the policy's name or id trimmed.
pub(crate) fn check_terms(terms: EngagementTerms) -> Result<EngagementTerms, AppError> {
    if let Some(days) = terms.auto_close_after_days
        && !(1..=60).contains(&days)
    {
        return Err(AppError::invalid(
            "auto_close_after_days",
            "from 1 to 60 working days",
        ));
    }
    Ok(EngagementTerms {
        sla_policy_id: optional("sla_policy_id", terms.sla_policy_id, 100)?,
        cadence: terms
            .cadence
            .validate()
            .map_err(|e| AppError::invalid(format!("cadence.{}", e.field), e.to_string()))?,
        ..terms
    })
}

impl App {
    /// The policy an engagement names must exist: its requests' clocks come from it.
    pub(crate) async fn require_sla_policy(&self, key: Option<&str>) -> Result<(), AppError> {
        match key {
            Some(key) if self.store.find_sla_policy(key).await?.is_none() => {
                Err(AppError::invalid(
                    "sla_policy_id",
                    format!(
                        "no SLA policy has the id or name {key:?}; add it first (rapport sla add)"
                    ),
                ))
            }
            _ => Ok(()),
        }
    }

    /// Changes how an engagement is served (its client's managers and admins).
    pub async fn set_engagement_terms(
        &self,
        acting: &Acting,
        id: EngagementId,
        terms: EngagementTerms,
        now: Timestamp,
    ) -> Result<Engagement, AppError> {
        let engagement = self.store.get_engagement(id).await?;
        let missing = move || AppError::not_found("engagement", id.0);
        self.may_on_client(
            acting,
            Action::ManageEngagements,
            engagement.client_id,
            missing,
        )
        .await?;
        let terms = check_terms(terms)?;
        self.require_sla_policy(terms.sla_policy_id.as_deref())
            .await?;
        Ok(self
            .store
            .set_engagement_terms(id, &terms, acting.actor(), now)
            .await?)
    }
}
