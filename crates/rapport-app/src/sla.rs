//! SLA policies, and a request's clocks under the policy its engagement names.

use crate::text::required;
use crate::{Acting, App, AppError};
use jiff::{SignedDuration, Timestamp};
use rapport_domain::{
    Action, Direction, RequestId, RequestState, SlaEvent, SlaPolicy, SlaStatus, SlaTargets,
    SubjectType, sla_status,
};
use rapport_store::{ActivityFilter, Thread};

/// A policy as a front door received it; durations in minutes of working time.
#[derive(Debug, Clone)]
pub struct SlaPolicyInput {
    pub name: String,
    pub first_response_minutes: i64,
    pub next_response_minutes: i64,
    pub resolution_minutes: i64,
    /// 75 when absent.
    pub warn_at_percent: Option<i64>,
}

impl SlaPolicyInput {
    /// The name and targets, checked: each target a positive number of working minutes up
    /// to a year, the warning share from 1 to 100 (75 when absent).
    fn parse(self) -> Result<(String, SlaTargets), AppError> {
        let name = required("name", &self.name, 100)?;
        let minutes = |field: &str, value: i64| {
            if (1..=60 * 24 * 365).contains(&value) {
                Ok(SignedDuration::from_mins(value))
            } else {
                Err(AppError::invalid(
                    field,
                    "a target is a positive number of working minutes (at most a year)",
                ))
            }
        };
        let warn = self.warn_at_percent.unwrap_or(75);
        let warn_at_percent = u8::try_from(warn)
            .ok()
            .filter(|w| (1..=100).contains(w))
            .ok_or_else(|| AppError::invalid("warn_at_percent", "a share from 1 to 100"))?;
        let targets = SlaTargets {
            first_response: minutes("first_response_minutes", self.first_response_minutes)?,
            next_response: minutes("next_response_minutes", self.next_response_minutes)?,
            resolution: minutes("resolution_minutes", self.resolution_minutes)?,
            warn_at_percent,
        };
        Ok((name, targets))
    }
}

/// The activity entries of one request a clock reads at most.
const TRAIL: u32 = 1000;

impl App {
    pub async fn create_sla_policy(
        &self,
        acting: &Acting,
        input: SlaPolicyInput,
        now: Timestamp,
    ) -> Result<SlaPolicy, AppError> {
        acting.may(Action::ManageSettings)?;
        let (name, targets) = input.parse()?;
        Ok(self
            .store
            .create_sla_policy(&name, &targets, acting.actor(), now)
            .await?)
    }

    /// Changes a policy's name and targets; its engagements' requests follow.
    pub async fn update_sla_policy(
        &self,
        acting: &Acting,
        id: i64,
        input: SlaPolicyInput,
        now: Timestamp,
    ) -> Result<SlaPolicy, AppError> {
        acting.may(Action::ManageSettings)?;
        let (name, targets) = input.parse()?;
        Ok(self
            .store
            .update_sla_policy(id, &name, &targets, acting.actor(), now)
            .await?)
    }

    /// Deletes a policy no engagement is held to.
    pub async fn delete_sla_policy(
        &self,
        acting: &Acting,
        id: i64,
        now: Timestamp,
    ) -> Result<(), AppError> {
        acting.may(Action::ManageSettings)?;
        Ok(self
            .store
            .delete_sla_policy(id, acting.actor(), now)
            .await?)
    }

    pub async fn list_sla_policies(&self, _acting: &Acting) -> Result<Vec<SlaPolicy>, AppError> {
        Ok(self.store.list_sla_policies().await?)
    }

    /// The clocks of a request the actor may read; see `sla_of`.
    pub async fn request_sla(
        &self,
        acting: &Acting,
        id: RequestId,
        now: Timestamp,
    ) -> Result<Option<SlaStatus>, AppError> {
        let thread = self.thread(acting, id).await?;
        self.sla_of(&thread, now).await
    }

    /// The clocks of a thread already read (under the actor's rights) whose engagement
    /// names a policy; none otherwise. The clocks start when the request was received.
    pub async fn sla_of(
        &self,
        thread: &Thread,
        now: Timestamp,
    ) -> Result<Option<SlaStatus>, AppError> {
        let request = &thread.request;
        let id = request.id;
        let Some(engagement) = request.engagement_id else {
            return Ok(None);
        };
        let engagement = self.store.get_engagement(engagement).await?;
        let Some(key) = engagement.sla_policy_id.as_deref() else {
            return Ok(None);
        };
        let Some(policy) = self.store.find_sla_policy(key).await? else {
            return Ok(None);
        };
        let client = self.store.get_client(request.client_id).await?;
        let mut events: Vec<SlaEvent> = thread
            .messages
            .iter()
            .filter_map(|m| match m.direction {
                Direction::Inbound => Some(SlaEvent::ClientMessage(m.sent_at)),
                Direction::Outbound => Some(SlaEvent::Reply(m.sent_at)),
                Direction::Note => None,
            })
            .collect();
        let trail = self
            .store
            .list_activity(&ActivityFilter {
                subject_type: Some(SubjectType::Request),
                subject_id: Some(id.0),
                before_id: None,
                limit: TRAIL,
            })
            .await?;
        let done = matches!(
            request.state,
            RequestState::Resolved | RequestState::FinalSent | RequestState::Closed
        );
        let mut resolved = None;
        for entry in trail.iter().filter(|a| a.action != "created") {
            let (before, after) = (entry.before.as_deref(), entry.after.as_deref());
            if after == Some("clarifying") {
                events.push(SlaEvent::WaitingOnClient(entry.at));
            } else if before == Some("clarifying") {
                events.push(SlaEvent::Resumed(entry.at));
            }
            if after == Some("resolved") {
                resolved = Some(resolved.map_or(entry.at, |r: Timestamp| r.max(entry.at)));
            }
        }
        // Only a resolution that stood (not one reopened since) meets the target.
        if let Some(at) = resolved.filter(|_| done) {
            events.push(SlaEvent::Resolved(at));
        }
        Ok(Some(sla_status(
            &policy.targets,
            &*self.engagement_calendar(&client, &engagement).await?,
            &client.time_zone.zone(),
            request.received_at,
            &events,
            now,
        )))
    }
}
