//! SLA policies: named service levels in working time.

use crate::requests::{REQUEST_COLUMNS, request_from_row};
use crate::rows::{
    Arg, Conditions, IN_LIST, millis, opt_timestamp, parse, placeholders, rows_for_ids,
    rows_sharing_first, timestamp,
};
use crate::{Store, StoreError};
use jiff::{SignedDuration, Timestamp};
use rapport_domain::{
    Actor, Direction, NewActivity, Request, RequestId, SlaPolicy, SlaStanding, SlaTargets,
    SubjectType, UserId,
};
use sqlx::Row;
use sqlx::any::AnyRow;
use std::collections::HashMap;

const POLICY_COLUMNS: &str = "id, name, first_response_minutes, next_response_minutes, \
     resolution_minutes, warn_at_percent, created_at";

fn policy_from_row(row: &AnyRow) -> Result<SlaPolicy, StoreError> {
    let minutes = |column: &str| -> Result<SignedDuration, StoreError> {
        Ok(SignedDuration::from_mins(row.try_get::<i64, _>(column)?))
    };
    let warn: i64 = row.try_get("warn_at_percent")?;
    Ok(SlaPolicy {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        targets: SlaTargets {
            first_response: minutes("first_response_minutes")?,
            next_response: minutes("next_response_minutes")?,
            resolution: minutes("resolution_minutes")?,
            warn_at_percent: u8::try_from(warn)
                .map_err(|_| StoreError::Corrupt(format!("warn_at_percent {warn}")))?,
        },
        created_at: timestamp(row.try_get("created_at")?)?,
    })
}

/// A policy's name, in the transaction that changes it.
async fn policy_name(conn: &mut sqlx::AnyConnection, id: i64) -> Result<String, StoreError> {
    sqlx::query_scalar("select name from sla_policies where id = $1")
        .bind(id)
        .fetch_optional(conn)
        .await?
        .ok_or(StoreError::NotFound {
            what: "SLA policy",
            id,
        })
}

impl Store {
    /// Adds a policy; a name already taken is a conflict.
    pub async fn create_sla_policy(
        &self,
        name: &str,
        targets: &SlaTargets,
        actor: &Actor,
        now: Timestamp,
    ) -> Result<SlaPolicy, StoreError> {
        let mut tx = self.write.begin().await?;
        let row = sqlx::query(sql!(
            "insert into sla_policies (name, first_response_minutes, next_response_minutes, resolution_minutes, warn_at_percent, created_at) \
             values ($1, $2, $3, $4, $5, $6) returning {POLICY_COLUMNS}"
        ))
        .bind(name)
        .bind(targets.first_response.as_mins())
        .bind(targets.next_response.as_mins())
        .bind(targets.resolution.as_mins())
        .bind(i64::from(targets.warn_at_percent))
        .bind(millis(now))
        .fetch_one(&mut *tx)
        .await
        .map_err(|e| {
            StoreError::from_insert(e, || format!("an SLA policy is named {name:?} already"))
        })?;
        // Engagements may have named it before it existed.
        sqlx::query("update sla_clocks set check_at = 0")
            .execute(&mut *tx)
            .await?;
        let policy = policy_from_row(&row)?;
        let entry = NewActivity::created(SubjectType::SlaPolicy, policy.id);
        crate::activity::record(&mut tx, actor, entry, now).await?;
        tx.commit().await?;
        Ok(policy)
    }

    /// Changes a policy's name and targets. Engagements that name it by its old name
    /// follow the new one, and every SLA standing is read again at the next sweep.
    pub async fn update_sla_policy(
        &self,
        id: i64,
        name: &str,
        targets: &SlaTargets,
        actor: &Actor,
        now: Timestamp,
    ) -> Result<SlaPolicy, StoreError> {
        let mut tx = self.write.begin().await?;
        let old = policy_name(&mut tx, id).await?;
        let row = sqlx::query(sql!(
            "update sla_policies set name = $1, first_response_minutes = $2, \
             next_response_minutes = $3, resolution_minutes = $4, warn_at_percent = $5 \
             where id = $6 returning {POLICY_COLUMNS}"
        ))
        .bind(name)
        .bind(targets.first_response.as_mins())
        .bind(targets.next_response.as_mins())
        .bind(targets.resolution.as_mins())
        .bind(i64::from(targets.warn_at_percent))
        .bind(id)
        .fetch_one(&mut *tx)
        .await
        .map_err(|e| {
            StoreError::from_insert(e, || format!("an SLA policy is named {name:?} already"))
        })?;
        sqlx::query("update engagements set sla_policy_id = $1 where sla_policy_id = $2")
            .bind(name)
            .bind(&old)
            .execute(&mut *tx)
            .await?;
        sqlx::query("update sla_clocks set check_at = 0")
            .execute(&mut *tx)
            .await?;
        let policy = policy_from_row(&row)?;
        let entry = NewActivity {
            before: Some(old),
            after: Some(policy.name.clone()),
            ..NewActivity::action(SubjectType::SlaPolicy, id, "updated")
        };
        crate::activity::record(&mut tx, actor, entry, now).await?;
        tx.commit().await?;
        Ok(policy)
    }

    /// Deletes a policy no engagement names; one in use is a conflict.
    pub async fn delete_sla_policy(
        &self,
        id: i64,
        actor: &Actor,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        let mut tx = self.write.begin().await?;
        let name = policy_name(&mut tx, id).await?;
        let users: i64 = sqlx::query_scalar(
            "select count(*) from engagements where sla_policy_id = $1 or sla_policy_id = $2",
        )
        .bind(id.to_string())
        .bind(&name)
        .fetch_one(&mut *tx)
        .await?;
        if users > 0 {
            return Err(StoreError::Conflict {
                constraint: "sla_policy_in_use".into(),
                message: format!(
                    "{users} engagement(s) are held to the SLA policy {name:?}: give them another first"
                ),
            });
        }
        sqlx::query("delete from sla_policies where id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        let entry = NewActivity {
            before: Some(name),
            ..NewActivity::action(SubjectType::SlaPolicy, id, "deleted")
        };
        crate::activity::record(&mut tx, actor, entry, now).await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn list_sla_policies(&self) -> Result<Vec<SlaPolicy>, StoreError> {
        let rows = sqlx::query(sql!(
            "select {POLICY_COLUMNS} from sla_policies order by name"
        ))
        .fetch_all(&self.read)
        .await?;
        rows.iter().map(policy_from_row).collect()
    }

    /// The policy an engagement names: by id when it is a number, else by name.
    pub async fn find_sla_policy(&self, key: &str) -> Result<Option<SlaPolicy>, StoreError> {
        let key = key.trim();
        let row = match key.parse::<i64>() {
            Ok(id) => {
                sqlx::query(sql!(
                    "select {POLICY_COLUMNS} from sla_policies where id = $1"
                ))
                .bind(id)
                .fetch_optional(&self.read)
                .await?
            }
            Err(_) => {
                sqlx::query(sql!(
                    "select {POLICY_COLUMNS} from sla_policies where name = $1"
                ))
                .bind(key)
                .fetch_optional(&self.read)
                .await?
            }
        };
        row.as_ref().map(policy_from_row).transpose()
    }
}

impl Store {
    /// The requests whose SLA standing may have changed by `now`: the open ones changed
    /// at or after `since` (every open one when `None`) and those past the moment their
    /// clocks change on their own. In id order. Both halves are index ranges, so the cost
    /// follows the desk's activity since the last sweep, not its size.
    pub async fn sla_candidates(
        &self,
        since: Option<Timestamp>,
        now: Timestamp,
    ) -> Result<Vec<RequestId>, StoreError> {
        let ids: Vec<i64> = sqlx::query_scalar(
            "select id from requests where updated_at >= $1 and state <> 'closed' \
             union select request_id from sla_clocks where check_at <= $2 order by 1",
        )
        .bind(since.map_or(i64::MIN, millis))
        .bind(millis(now))
        .fetch_all(&self.read)
        .await?;
        Ok(ids.into_iter().map(RequestId).collect())
    }

    /// Of these requests, the ones to read: not closed, their engagement names an SLA
    /// policy, and their standing not read since they changed nor past its moment.
    /// The requests and their clocks are read by key apart (an anti-join here makes
    /// PostgreSQL hash every clock for each page).
    pub async fn requests_under_sla(
        &self,
        ids: &[RequestId],
        now: Timestamp,
    ) -> Result<Vec<Request>, StoreError> {
        let mut requests = Vec::with_capacity(ids.len());
        for chunk in ids.chunks(IN_LIST) {
            let list = placeholders(chunk.len());
            let bind = |sql: String| {
                let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
                for id in chunk {
                    query = query.bind(id.0);
                }
                query
            };
            let mut fresh = std::collections::HashMap::new();
            let clocks = bind(format!(
                "select request_id, updated_at, check_at from sla_clocks where request_id in ({list})"
            ));
            for row in clocks.fetch_all(&self.read).await? {
                let check_at: Option<i64> = row.try_get("check_at")?;
                if check_at.is_none_or(|at| at > millis(now)) {
                    let read: i64 = row.try_get("updated_at")?;
                    fresh.insert(row.try_get::<i64, _>("request_id")?, read);
                }
            }
            let rows = bind(format!(
                "select {REQUEST_COLUMNS} from requests where id in ({list}) and state <> 'closed' \
                 and engagement_id in (select id from engagements where sla_policy_id is not null) \
                 order by id"
            ));
            for row in rows.fetch_all(&self.read).await? {
                let request = request_from_row(&row)?;
                let read = fresh.get(&request.id.0).copied();
                if read.is_none_or(|read| read < millis(request.updated_at)) {
                    requests.push(request);
                }
            }
        }
        Ok(requests)
    }
}

/// What a request's SLA clocks are counted from: its client's messages and our replies
/// (notes do not count), and every move of its state, each in the order it happened.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SlaHistory {
    pub messages: Vec<(Direction, Timestamp)>,
    pub moves: Vec<StateMove>,
}

/// One entry of a request's audit trail other than its creation: from what to what, when.
#[derive(Debug, Clone, PartialEq)]
pub struct StateMove {
    pub before: Option<String>,
    pub after: Option<String>,
    pub at: Timestamp,
}

/// A request's standing as the SLA sweep found it, to keep.
#[derive(Debug, Clone)]
pub struct SlaStandingRow<'a> {
    pub request: &'a Request,
    pub standing: SlaStanding,
    pub due: Option<Timestamp>,
    /// When it changes on its own next (a target falls due, a warning starts).
    pub check_at: Option<Timestamp>,
}

impl Store {
    /// The SLA histories of these requests (one that has none is absent), read in two
    /// statements per few hundred requests rather than a thread and a trail apiece.
    pub async fn sla_histories(
        &self,
        ids: &[RequestId],
    ) -> Result<HashMap<RequestId, SlaHistory>, StoreError> {
        let mut histories: HashMap<RequestId, SlaHistory> = HashMap::new();
        let sql = "select request_id, direction, sent_at from messages \
                   where direction <> 'note' and request_id in ({ids}) order by sent_at, id";
        for row in rows_for_ids(&self.read, sql, ids.iter().map(|id| id.0)).await? {
            let direction = parse(row.try_get::<&str, _>("direction")?)?;
            let at = timestamp(row.try_get("sent_at")?)?;
            let id = RequestId(row.try_get("request_id")?);
            histories
                .entry(id)
                .or_default()
                .messages
                .push((direction, at));
        }
        for (id, moves) in self.state_moves(ids).await? {
            histories.entry(id).or_default().moves = moves;
        }
        Ok(histories)
    }

    /// The moves in these requests' audit trails, oldest first (one with none is absent).
    pub async fn state_moves(
        &self,
        ids: &[RequestId],
    ) -> Result<HashMap<RequestId, Vec<StateMove>>, StoreError> {
        let mut moves: HashMap<RequestId, Vec<StateMove>> = HashMap::new();
        let sql = "select subject_id, before_value, after_value, at from activity \
                   where subject_type = 'request' and action <> 'created' and subject_id in ({ids}) \
                   order by id";
        for row in rows_for_ids(&self.read, sql, ids.iter().map(|id| id.0)).await? {
            let entry = StateMove {
                before: row.try_get("before_value")?,
                after: row.try_get("after_value")?,
                at: timestamp(row.try_get("at")?)?,
            };
            let id = RequestId(row.try_get("subject_id")?);
            moves.entry(id).or_default().push(entry);
        }
        Ok(moves)
    }

    /// Keeps the standings the SLA sweep found, a few hundred to a statement.
    pub async fn set_sla_standings(
        &self,
        rows: &[SlaStandingRow<'_>],
        now: Timestamp,
    ) -> Result<(), StoreError> {
        const ROWS: usize = 100;
        for chunk in rows.chunks(ROWS) {
            let sql = format!(
                "insert into sla_clocks (request_id, state, due_at, client_id, assignee_id, check_at, updated_at) \
                 values {} on conflict (request_id) do update set state = excluded.state, \
                 due_at = excluded.due_at, updated_at = excluded.updated_at, client_id = excluded.client_id, \
                 assignee_id = excluded.assignee_id, check_at = excluded.check_at",
                rows_sharing_first(chunk.len(), 6)
            );
            let mut tx = self.write.begin().await?;
            let mut query = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(millis(now));
            for row in chunk {
                query = query
                    .bind(row.request.id.0)
                    .bind(row.standing.as_str())
                    .bind(row.due.map(millis))
                    .bind(row.request.client_id.0)
                    .bind(row.request.assignee_id.map(|a| a.0))
                    .bind(row.check_at.map(millis));
            }
            query.execute(&mut *tx).await?;
            // One closed while the sweep read it keeps no standing (closing deletes it).
            let list = placeholders(chunk.len());
            let sql = format!(
                "delete from sla_clocks where request_id in \
                 (select id from requests where id in ({list}) and state = 'closed')"
            );
            let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
            for row in chunk {
                query = query.bind(row.request.id.0);
            }
            query.execute(&mut *tx).await?;
            tx.commit().await?;
        }
        Ok(())
    }
}

impl Store {
    /// Requests whose service level needs a person (a warning or an unmet breach), with
    /// their standing and due time, among the clients `member` works and assigned to
    /// `assignee` when given.
    pub async fn sla_attention(
        &self,
        member: Option<UserId>,
        assignee: Option<UserId>,
    ) -> Result<Vec<(Request, SlaStanding, Option<Timestamp>)>, StoreError> {
        let mut conditions = Conditions::default();
        conditions.push_fixed("c.state <> 'ok'");
        if let Some(member) = member {
            conditions.push_member_of("c.client_id", member);
        }
        if let Some(assignee) = assignee {
            conditions.push("c.assignee_id =", Arg::Int(assignee.0));
        }
        let (clause, _) = conditions.sql();
        let columns: Vec<String> = REQUEST_COLUMNS
            .split(',')
            .map(|c| format!("r.{}", c.trim()))
            .collect();
        let sql = format!(
            "select {}, c.state as sla_state, c.due_at as sla_due from sla_clocks c \
             join requests r on r.id = c.request_id{clause} order by c.due_at, r.id",
            columns.join(", ")
        );
        let rows = conditions.bind(sql).fetch_all(&self.read).await?;
        rows.iter()
            .map(|row| {
                Ok((
                    request_from_row(row)?,
                    parse(row.try_get::<&str, _>("sla_state")?)?,
                    opt_timestamp(row.try_get("sla_due")?)?,
                ))
            })
            .collect()
    }
}

impl Store {
    /// Makes every SLA standing due for a new read: the calendars it was counted on changed.
    pub async fn recheck_sla_standings(&self) -> Result<(), StoreError> {
        sqlx::query("update sla_clocks set check_at = 0")
            .execute(&self.write)
            .await?;
        Ok(())
    }
}
