//! SLA policies, and a request's clocks under the policy its engagement names.

use crate::text::required;
use crate::{Acting, App, AppError};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use rapport_domain::{
    Action, BusinessCalendar, Client, ClientId, Direction, EngagementId, Request, RequestId,
    RequestState, SlaEvent, SlaPolicy, SlaStatus, SlaTargets, sla_status,
};
use rapport_store::{SlaHistory, Thread};
use std::collections::HashMap;
use std::sync::Arc;

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
        let Some(terms) = SlaTermsCache::default().terms(self, request).await? else {
            return Ok(None);
        };
        // The thread holds the messages already; only the trail's moves are read.
        let history = SlaHistory {
            messages: thread
                .messages
                .iter()
                .map(|m| (m.direction, m.sent_at))
                .collect(),
            moves: self
                .store
                .state_moves(&[request.id])
                .await?
                .remove(&request.id)
                .unwrap_or_default(),
        };
        Ok(Some(terms.clocks(request, &history, now)))
    }
}

/// What a request's clocks run on: its engagement's policy, calendar and time zone.
pub(crate) struct SlaTerms {
    targets: SlaTargets,
    calendar: Arc<BusinessCalendar>,
    zone: TimeZone,
}

impl SlaTerms {
    /// The clocks of `request` from its history, as of `now`.
    pub(crate) fn clocks(
        &self,
        request: &Request,
        history: &SlaHistory,
        now: Timestamp,
    ) -> SlaStatus {
        let mut events: Vec<SlaEvent> = history
            .messages
            .iter()
            .filter_map(|&(direction, at)| match direction {
                Direction::Inbound => Some(SlaEvent::ClientMessage(at)),
                Direction::Outbound => Some(SlaEvent::Reply(at)),
                Direction::Note => None,
            })
            .collect();
        let mut resolved = None;
        for entry in &history.moves {
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
        let done = matches!(
            request.state,
            RequestState::Resolved | RequestState::FinalSent | RequestState::Closed
        );
        // Only a resolution that stood (not one reopened since) meets the target.
        if let Some(at) = resolved.filter(|_| done) {
            events.push(SlaEvent::Resolved(at));
        }
        sla_status(
            &self.targets,
            &self.calendar,
            &self.zone,
            request.received_at,
            &events,
            now,
        )
    }
}

/// The terms of each engagement read so far: a sweep reads each engagement, policy and
/// client once, and a page's new ones together, not once per request.
#[derive(Default)]
pub(crate) struct SlaTermsCache {
    by_engagement: HashMap<EngagementId, Option<Arc<SlaTerms>>>,
    policies: Option<Vec<SlaPolicy>>,
}

impl SlaTermsCache {
    /// Reads the terms of the engagements of `requests` not read yet.
    pub(crate) async fn load(&mut self, app: &App, requests: &[Request]) -> Result<(), AppError> {
        let mut ids: Vec<EngagementId> = requests
            .iter()
            .filter_map(|r| r.engagement_id)
            .filter(|id| !self.by_engagement.contains_key(id))
            .collect();
        ids.sort();
        ids.dedup();
        if ids.is_empty() {
            return Ok(());
        }
        if self.policies.is_none() {
            self.policies = Some(app.store.list_sla_policies().await?);
        }
        let policies = self.policies.as_deref().unwrap_or_default();
        let engagements = app.store.engagements_by_ids(&ids).await?;
        let mut client_ids: Vec<ClientId> = engagements.iter().map(|e| e.client_id).collect();
        client_ids.sort();
        client_ids.dedup();
        let clients: HashMap<ClientId, Client> = app
            .store
            .clients_by_ids(&client_ids)
            .await?
            .into_iter()
            .map(|c| (c.id, c))
            .collect();
        for id in &ids {
            self.by_engagement.insert(*id, None);
        }
        for engagement in engagements {
            let policy = engagement
                .sla_policy_id
                .as_deref()
                .and_then(|key| policy_named(policies, key));
            let (Some(policy), Some(client)) = (policy, clients.get(&engagement.client_id)) else {
                continue;
            };
            let terms = SlaTerms {
                targets: policy.targets,
                calendar: app.engagement_calendar(client, &engagement).await?,
                zone: client.time_zone.zone(),
            };
            self.by_engagement
                .insert(engagement.id, Some(Arc::new(terms)));
        }
        Ok(())
    }

    /// The terms `request` runs on; none when its engagement names no policy, or one
    /// that is gone.
    pub(crate) async fn terms(
        &mut self,
        app: &App,
        request: &Request,
    ) -> Result<Option<Arc<SlaTerms>>, AppError> {
        let Some(id) = request.engagement_id else {
            return Ok(None);
        };
        if !self.by_engagement.contains_key(&id) {
            self.load(app, std::slice::from_ref(request)).await?;
        }
        Ok(self.by_engagement.get(&id).cloned().flatten())
    }
}

/// The policy an engagement names: by id when the key is a number, else by name, as
/// `Store::find_sla_policy` finds it.
fn policy_named<'a>(policies: &'a [SlaPolicy], key: &str) -> Option<&'a SlaPolicy> {
    let key = key.trim();
    match key.parse::<i64>() {
        Ok(id) => policies.iter().find(|p| p.id == id),
        Err(_) => policies.iter().find(|p| p.name == key),
    }
}
