//! What a client's posture and health are read from, and the readings kept per day.

use crate::rows::{
    IN_LIST, from_json_list, millis, parse, placeholders, rows_sharing_first, timestamp,
    to_json_list,
};
use crate::{Store, StoreError};
use jiff::Timestamp;
use rapport_domain::{ClientId, Health, HealthReason, Posture, UserId};
use sqlx::Row;
use sqlx::any::AnyRow;
use std::collections::HashMap;

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

/// The activity of the client a row names.
fn entry<'a>(
    activity: &'a mut HashMap<ClientId, ClientActivity>,
    row: &AnyRow,
) -> Result<&'a mut ClientActivity, StoreError> {
    Ok(activity
        .entry(ClientId(row.try_get("client_id")?))
        .or_default())
}

impl Store {
    /// These clients' requests and messages since `since`, and the counts of what hurts
    /// their health now (`window`: the start of the trailing window): six statements for
    /// a few hundred clients. Every client asked for has an entry.
    pub async fn client_activity(
        &self,
        clients: &[ClientId],
        since: Timestamp,
        window: Timestamp,
        now: Timestamp,
    ) -> Result<HashMap<ClientId, ClientActivity>, StoreError> {
        let mut activity: HashMap<ClientId, ClientActivity> = clients
            .iter()
            .map(|&id| (id, ClientActivity::default()))
            .collect();
        for chunk in clients.chunks(IN_LIST) {
            let list = placeholders(chunk.len());
            let n = chunk.len();
            // Each statement binds the chunk's ids as $1..$n, then its own values.
            let run = |sql: String, times: &[Timestamp]| {
                let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
                for id in chunk {
                    query = query.bind(id.0);
                }
                for &at in times {
                    query = query.bind(millis(at));
                }
                query
            };
            let rows = run(
                format!(
                    "select client_id, received_at from requests where client_id in ({list}) \
                     and received_at >= ${} order by received_at",
                    n + 1
                ),
                &[since],
            )
            .fetch_all(&self.read)
            .await?;
            for row in rows {
                let at = timestamp(row.try_get("received_at")?)?;
                entry(&mut activity, &row)?.requests.push(at);
            }
            let rows = run(
                format!(
                    "select r.client_id, m.direction, m.sent_at, m.card_urgency, m.card_kind, m.card \
                     from messages m join requests r on r.id = m.request_id \
                     where r.client_id in ({list}) and m.sent_at >= ${} and m.direction <> 'note' \
                     order by m.sent_at, m.id",
                    n + 1
                ),
                &[since],
            )
            .fetch_all(&self.read)
            .await?;
            for row in rows {
                let mail = ClientMail {
                    inbound: row.try_get::<&str, _>("direction")? == "inbound",
                    at: timestamp(row.try_get("sent_at")?)?,
                    urgency: row.try_get("card_urgency")?,
                    kind: row.try_get("card_kind")?,
                    card: row.try_get("card")?,
                };
                entry(&mut activity, &row)?.mail.push(mail);
            }
            let counts = [
                (
                    format!(
                        "select client_id, count(*) as n from sla_clocks \
                         where client_id in ({list}) and state = 'breached' group by client_id"
                    ),
                    Vec::new(),
                ),
                (
                    format!(
                        "select r.client_id, count(*) as n from sla_breaches b join requests r on r.id = b.request_id \
                         where r.client_id in ({list}) and b.due_at >= ${} and b.due_at <= ${} group by r.client_id",
                        n + 1,
                        n + 2
                    ),
                    vec![window, now],
                ),
                (
                    format!(
                        "select client_id, count(*) as n from commitments where client_id in ({list}) \
                         and done_at is null and due_at < ${} group by client_id",
                        n + 1
                    ),
                    vec![now],
                ),
                (
                    format!(
                        "select r.client_id, count(*) as n from activity a join requests r on r.id = a.subject_id \
                         where a.subject_type = 'request' and a.action = 'final_skipped' \
                         and r.client_id in ({list}) and a.at >= ${} and a.at <= ${} group by r.client_id",
                        n + 1,
                        n + 2
                    ),
                    vec![window, now],
                ),
            ];
            for (which, (sql, times)) in counts.into_iter().enumerate() {
                for row in run(sql, &times).fetch_all(&self.read).await? {
                    let n = count(row.try_get("n")?);
                    let client = entry(&mut activity, &row)?;
                    *match which {
                        0 => &mut client.unmet_breaches,
                        1 => &mut client.breaches_since_window,
                        2 => &mut client.overdue_commitments,
                        _ => &mut client.skipped_finals,
                    } = n;
                }
            }
        }
        Ok(activity)
    }

    /// Keeps clients' readings of the day, each replacing an earlier one of the same day,
    /// a hundred to a statement in one transaction.
    pub async fn save_health_days(
        &self,
        days: &[HealthDay],
        now: Timestamp,
    ) -> Result<(), StoreError> {
        let mut tx = self.write.begin().await?;
        for chunk in days.chunks(100) {
            let sql = format!(
                "insert into client_health_days (client_id, day, score, reasons, posture, posture_reasons, updated_at) \
                 values {} on conflict (client_id, day) do update set \
                 score = excluded.score, reasons = excluded.reasons, posture = excluded.posture, \
                 posture_reasons = excluded.posture_reasons, updated_at = excluded.updated_at",
                rows_sharing_first(chunk.len(), 6)
            );
            let mut query = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(millis(now));
            for day in chunk {
                let reasons = serde_json::to_string(&day.health.reasons)
                    .map_err(|e| StoreError::Corrupt(e.to_string()))?;
                query = query
                    .bind(day.client_id.0)
                    .bind(day.day.clone())
                    .bind(i64::from(day.health.score))
                    .bind(reasons)
                    .bind(day.posture.as_str())
                    .bind(to_json_list(&day.posture_reasons));
            }
            query.execute(&mut *tx).await?;
        }
        tx.commit().await?;
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
