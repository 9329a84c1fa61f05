//! What a client's posture and health are read from, and the readings kept per day.

use crate::rows::{from_json_list, millis, parse, timestamp, to_json_list};
use crate::{Store, StoreError};
use jiff::Timestamp;
use rapport_domain::{ClientId, Health, HealthReason, Posture, UserId};
use sqlx::Row;

/// One message of a client's, as the store keeps it.
#[derive(Debug, Clone)]
pub struct ClientMail {
    pub inbound: bool,
    pub at: Timestamp,
    pub urgency: Option<String>,
    pub kind: Option<String>,
    /// The decoded card's JSON (tone, scope).
    pub card: Option<String>,
}

/// A client's events since a moment, and the counts health reads.
#[derive(Debug, Clone, Default)]
pub struct ClientActivity {
    pub requests: Vec<Timestamp>,
    pub mail: Vec<ClientMail>,
    pub unmet_breaches: u32,
    pub breaches_since_window: u32,
    pub overdue_commitments: u32,
    pub skipped_finals: u32,
}

/// A day's reading of a client.
#[derive(Debug, Clone, PartialEq)]
pub struct HealthDay {
    pub client_id: ClientId,
    /// `YYYY-MM-DD`, UTC.
    pub day: String,
    pub health: Health,
    pub posture: Posture,
    pub posture_reasons: Vec<String>,
}

fn count(n: i64) -> u32 {
    u32::try_from(n).unwrap_or(0)
}

impl Store {
    /// The client's requests and messages since `since`, and the counts of what hurts its
    /// health now (`window`: the start of the trailing window).
    pub async fn client_activity(
        &self,
        client: ClientId,
        since: Timestamp,
        window: Timestamp,
        now: Timestamp,
    ) -> Result<ClientActivity, StoreError> {
        let requests: Vec<i64> = sqlx::query_scalar(
            "select received_at from requests where client_id = $1 and received_at >= $2 order by received_at",
        )
        .bind(client.0)
        .bind(millis(since))
        .fetch_all(&self.read)
        .await?;
        let rows = sqlx::query(
            "select m.direction, m.sent_at, m.card_urgency, m.card_kind, m.card from messages m \
             join requests r on r.id = m.request_id \
             where r.client_id = $1 and m.sent_at >= $2 and m.direction <> 'note' order by m.sent_at, m.id",
        )
        .bind(client.0)
        .bind(millis(since))
        .fetch_all(&self.read)
        .await?;
        let mail = rows
            .iter()
            .map(|row| {
                Ok(ClientMail {
                    inbound: row.try_get::<&str, _>("direction")? == "inbound",
                    at: timestamp(row.try_get("sent_at")?)?,
                    urgency: row.try_get("card_urgency")?,
                    kind: row.try_get("card_kind")?,
                    card: row.try_get("card")?,
                })
            })
            .collect::<Result<_, StoreError>>()?;
        let unmet: i64 = sqlx::query_scalar(
            "select count(*) from sla_clocks c join requests r on r.id = c.request_id \
             where r.client_id = $1 and c.state = 'breached'",
        )
        .bind(client.0)
        .fetch_one(&self.read)
        .await?;
        let breaches: i64 = sqlx::query_scalar(
            "select count(*) from sla_breaches b join requests r on r.id = b.request_id \
             where r.client_id = $1 and b.due_at >= $2 and b.due_at <= $3",
        )
        .bind(client.0)
        .bind(millis(window))
        .bind(millis(now))
        .fetch_one(&self.read)
        .await?;
        let overdue: i64 = sqlx::query_scalar(
            "select count(*) from commitments where client_id = $1 and done_at is null and due_at < $2",
        )
        .bind(client.0)
        .bind(millis(now))
        .fetch_one(&self.read)
        .await?;
        let skipped: i64 = sqlx::query_scalar(
            "select count(*) from activity a join requests r on r.id = a.subject_id \
             where a.subject_type = 'request' and a.action = 'final_skipped' \
             and r.client_id = $1 and a.at >= $2 and a.at <= $3",
        )
        .bind(client.0)
        .bind(millis(window))
        .bind(millis(now))
        .fetch_one(&self.read)
        .await?;
        Ok(ClientActivity {
            requests: requests
                .into_iter()
                .map(timestamp)
                .collect::<Result<_, _>>()?,
            mail,
            unmet_breaches: count(unmet),
            breaches_since_window: count(breaches),
            overdue_commitments: count(overdue),
            skipped_finals: count(skipped),
        })
    }

    /// Keeps a client's reading of the day, replacing an earlier one of the same day.
    pub async fn save_health_day(&self, day: &HealthDay, now: Timestamp) -> Result<(), StoreError> {
        let reasons = serde_json::to_string(&day.health.reasons)
            .map_err(|e| StoreError::Corrupt(e.to_string()))?;
        sqlx::query(
            "insert into client_health_days (client_id, day, score, reasons, posture, posture_reasons, updated_at) \
             values ($1, $2, $3, $4, $5, $6, $7) on conflict (client_id, day) do update set \
             score = excluded.score, reasons = excluded.reasons, posture = excluded.posture, \
             posture_reasons = excluded.posture_reasons, updated_at = excluded.updated_at",
        )
        .bind(day.client_id.0)
        .bind(&day.day)
        .bind(i64::from(day.health.score))
        .bind(reasons)
        .bind(day.posture.as_str())
        .bind(to_json_list(&day.posture_reasons))
        .bind(millis(now))
        .execute(&self.write)
        .await?;
        Ok(())
    }

    /// A client's readings, oldest first, the last `days` of them.
    pub async fn health_history(
        &self,
        client: ClientId,
        days: u32,
    ) -> Result<Vec<HealthDay>, StoreError> {
        let rows = sqlx::query(sql!(
            "select client_id, day, score, reasons, posture, posture_reasons from client_health_days \
             where client_id = $1 order by day desc limit {}",
            days.max(1)
        ))
        .bind(client.0)
        .fetch_all(&self.read)
        .await?;
        let mut history = rows.iter().map(health_day).collect::<Result<Vec<_>, _>>()?;
        history.reverse();
        Ok(history)
    }

    /// The latest reading of every client not steady, among the clients `member` works.
    pub async fn postures_to_play(
        &self,
        member: Option<UserId>,
    ) -> Result<Vec<HealthDay>, StoreError> {
        let scope = if member.is_some() {
            " and h.client_id in (select client_id from client_members where user_id = $1)"
        } else {
            ""
        };
        let sql = format!(
            "select client_id, day, score, reasons, posture, posture_reasons from client_health_days h \
             where h.posture <> 'steady' and h.day = \
             (select max(day) from client_health_days l where l.client_id = h.client_id){scope} \
             order by h.client_id"
        );
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
        if let Some(member) = member {
            query = query.bind(member.0);
        }
        let rows = query.fetch_all(&self.read).await?;
        rows.iter().map(health_day).collect()
    }
}

fn health_day(row: &sqlx::any::AnyRow) -> Result<HealthDay, StoreError> {
    let reasons: Vec<HealthReason> = serde_json::from_str(row.try_get("reasons")?)
        .map_err(|e| StoreError::Corrupt(format!("health reasons: {e}")))?;
    let score: i64 = row.try_get("score")?;
    Ok(HealthDay {
        client_id: ClientId(row.try_get("client_id")?),
        day: row.try_get("day")?,
        health: Health {
            score: u8::try_from(score).unwrap_or(0),
            reasons,
        },
        posture: parse(row.try_get::<&str, _>("posture")?)?,
        posture_reasons: from_json_list(row.try_get("posture_reasons")?)?,
    })
}
