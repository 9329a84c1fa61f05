//! What the proactive engine tells and reads: notifications, a client's standing.

use jiff::Timestamp;
use rapport_domain as d;
use serde::Serialize;
use utoipa::ToSchema;

/// Something the proactive engine told a person.
#[derive(Serialize, ToSchema)]
pub struct NotificationView {
    pub id: i64,
    /// `sla_warning`, `sla_breached`, `commitment_overdue`, `materials_reminder` or
    /// `final_communication_pending`.
    pub kind: String,
    pub client_id: i64,
    pub request_id: Option<i64>,
    /// The commitment, materials request or request it is about.
    pub subject_id: i64,
    pub title: String,
    pub reason: String,
    /// When it reached the person: their next working moment after it arose.
    #[schema(value_type = String, format = DateTime)]
    pub deliver_at: Timestamp,
    #[schema(value_type = Option<String>, format = DateTime)]
    pub read_at: Option<Timestamp>,
}

impl From<d::Notification> for NotificationView {
    fn from(n: d::Notification) -> Self {
        Self {
            id: n.id.0,
            kind: n.kind.as_str().to_owned(),
            client_id: n.client_id.0,
            request_id: n.request_id.map(|r| r.0),
            subject_id: n.subject_id,
            title: n.title,
            reason: n.reason,
            deliver_at: n.deliver_at,
            read_at: n.read_at,
        }
    }
}

/// A client's posture with its play, and its health with its reasons and history.
#[derive(Serialize, ToSchema)]
pub struct StandingView {
    /// `steady`, `pushing`, `quiet`, `tired` or `in_trouble`.
    pub posture: String,
    /// The figures that made the posture.
    pub reasons: Vec<String>,
    /// What to do about it.
    pub play: String,
    pub health: HealthView,
    /// Oldest first, one reading per day the engine ran (last 90).
    pub history: Vec<HealthDayView>,
}

#[derive(Serialize, ToSchema)]
pub struct HealthView {
    /// 0 to 100.
    pub score: u8,
    pub reasons: Vec<HealthReasonView>,
}

#[derive(Serialize, ToSchema)]
pub struct HealthReasonView {
    /// What the reason took off the score (negative).
    pub points: i32,
    pub why: String,
}

#[derive(Serialize, ToSchema)]
pub struct HealthDayView {
    /// `YYYY-MM-DD` (UTC).
    pub day: String,
    pub score: u8,
    pub posture: String,
}

impl From<d::Health> for HealthView {
    fn from(h: d::Health) -> Self {
        Self {
            score: h.score,
            reasons: h
                .reasons
                .into_iter()
                .map(|r| HealthReasonView {
                    points: r.points,
                    why: r.why,
                })
                .collect(),
        }
    }
}

impl From<crate::ClientStanding> for StandingView {
    fn from(s: crate::ClientStanding) -> Self {
        Self {
            posture: s.posture.posture.as_str().to_owned(),
            play: s.posture.posture.play().to_owned(),
            reasons: s.posture.reasons.iter().map(ToString::to_string).collect(),
            health: s.health.into(),
            history: s
                .history
                .into_iter()
                .map(|day| HealthDayView {
                    day: day.day,
                    score: day.health.score,
                    posture: day.posture.as_str().to_owned(),
                })
                .collect(),
        }
    }
}
