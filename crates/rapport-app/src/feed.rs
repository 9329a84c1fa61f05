//! Each person's iCalendar feed: their promises, the due dates of their requests and of
//! the materials those await, and the regular meetings of the clients they work, at a
//! secret address a calendar program can subscribe to (it cannot send a token).

use crate::tokens::{hash_token, random_token};
use crate::{Acting, App, AppError, CommitmentQuery, MaterialQuery, RequestQuery};
use jiff::Timestamp;
use jiff::civil::Date;
use rapport_domain::{Action, User, UserId, meeting_days};

/// How far ahead the feed lists the regular meetings.
const MEETINGS_AHEAD_DAYS: i64 = 56;

/// The most events of one kind a feed lists.
const MAX_EVENTS: u32 = 500;

/// One event of a person's calendar.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedEvent {
    /// Stable across reads, so a calendar program updates the event instead of adding one.
    pub uid: String,
    pub title: String,
    pub description: String,
    pub when: FeedTime,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FeedTime {
    /// Due at this moment.
    At(Timestamp),
    /// The whole day, in the client's calendar.
    Day(Date),
}

impl App {
    /// A new secret feed address for `user` (oneself, or anyone for an admin); the
    /// earlier one stops working. Only its hash is stored.
    pub async fn calendar_link(
        &self,
        acting: &Acting,
        user: UserId,
        now: Timestamp,
    ) -> Result<String, AppError> {
        acting.may_on_owned(Action::UseToken, user, || {
            AppError::not_found("user", user.0)
        })?;
        let secret = random_token("cal_")?;
        self.store
            .set_calendar_token(user, &hash_token(&secret), acting.actor(), now)
            .await?;
        Ok(secret)
    }

    /// The person a feed address belongs to and their events; `None` for an address that
    /// is not (or no longer) anyone's.
    pub async fn calendar_feed(
        &self,
        secret: &str,
        now: Timestamp,
    ) -> Result<Option<(User, Vec<FeedEvent>)>, AppError> {
        let Some(person) = self
            .store
            .user_for_calendar_token(&hash_token(secret))
            .await?
        else {
            return Ok(None);
        };
        let acting = Acting::user(&person);
        let mut events = Vec::new();
        let promises = CommitmentQuery {
            open_only: true,
            owner: Some(person.id),
            ..CommitmentQuery::default()
        };
        for c in self.list_commitments(&acting, promises).await? {
            events.push(FeedEvent {
                uid: format!("commitment-{}", c.id),
                title: format!("Promised: {}", c.promise),
                description: c.promise,
                when: FeedTime::At(c.due_at),
            });
        }
        let materials = MaterialQuery {
            awaited_only: true,
            assignee: Some(person.id),
            ..MaterialQuery::default()
        };
        for m in self.list_materials(&acting, materials).await? {
            let Some(due) = m.due_at else { continue };
            events.push(FeedEvent {
                uid: format!("materials-{}", m.id),
                title: format!("Client to send: {}", m.what),
                description: m.what,
                when: FeedTime::At(due),
            });
        }
        let requests = RequestQuery {
            assignee: Some(person.id),
            limit: MAX_EVENTS,
            ..RequestQuery::default()
        };
        for r in self.list_requests(&acting, requests).await? {
            let Some(due) = r.due_at.filter(|_| r.state.is_open()) else {
                continue;
            };
            events.push(FeedEvent {
                uid: format!("request-{}", r.id),
                title: format!("Due: {}", r.subject),
                description: format!("Request #{} ({})", r.id, r.state),
                when: FeedTime::At(due),
            });
        }
        let meeting: Vec<_> = self
            .store
            .engagements_with_cadence(acting.member_scope())
            .await?
            .into_iter()
            .filter(|e| e.cadence.meeting_every_weeks.is_some())
            .collect();
        let clients = self
            .clients_by_id(meeting.iter().map(|e| e.client_id))
            .await?;
        for engagement in meeting {
            let (Some(weeks), Some(client)) = (
                engagement.cadence.meeting_every_weeks,
                clients.get(&engagement.client_id),
            ) else {
                continue;
            };
            let zone = client.time_zone.zone();
            let today = now.to_zoned_datetime(zone.clone()).date();
            let until = today
                .checked_add(jiff::Span::new().days(MEETINGS_AHEAD_DAYS))
                .unwrap_or(today);
            let start = engagement.created_at.to_zoned_datetime(zone).date();
            for day in meeting_days(weeks, start, today, until) {
                events.push(FeedEvent {
                    uid: format!("meeting-{}-{day}", engagement.id),
                    title: format!("Meeting: {} ({})", engagement.name, client.name),
                    description: format!("The regular meeting of {}", engagement.name),
                    when: FeedTime::Day(day),
                });
            }
        }
        Ok(Some((person, events)))
    }
}
