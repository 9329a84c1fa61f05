//! The audit trail: written inside every changing transaction, read back by subject.

use crate::rows::{Arg, Conditions, millis, parse, timestamp};
use crate::{Store, StoreError};
use jiff::Timestamp;
use rapport_domain::{Activity, ActivityId, Actor, NewActivity, SubjectType, UserId};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

/// Which activity entries to list, newest first.
#[derive(Debug, Clone, Default)]
pub struct ActivityFilter {
    pub subject_type: Option<SubjectType>,
    pub subject_id: Option<i64>,
    /// Only entries older than this id (the cursor of the previous page).
    pub before_id: Option<i64>,
    pub limit: u32,
}

/// Writes the `created` entry of a new row.
pub(crate) async fn record_created(
    conn: &mut AnyConnection,
    actor: &Actor,
    subject: SubjectType,
    id: i64,
    now: Timestamp,
) -> Result<(), StoreError> {
    record(conn, actor, NewActivity::created(subject, id), now).await
}

/// Writes the `created` entries of many new rows, a hundred to a statement.
pub(crate) async fn record_created_many(
    conn: &mut AnyConnection,
    actor: &Actor,
    created: &[(SubjectType, i64)],
    now: Timestamp,
) -> Result<(), StoreError> {
    for chunk in created.chunks(100) {
        let rows: Vec<String> = (0..chunk.len())
            .map(|n| {
                let p = n * 5;
                format!(
                    "(${}, ${}, ${}, ${}, 'created', ${}, ${}, ${})",
                    p + 1,
                    p + 2,
                    p + 3,
                    p + 4,
                    p + 5,
                    p + 5,
                    p + 5
                )
            })
            .collect();
        let sql = format!(
            "insert into activity (actor_user_id, actor_name, subject_type, subject_id, action, at, created_at, updated_at) \
             values {}",
            rows.join(", ")
        );
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
        for (subject, id) in chunk {
            query = query
                .bind(actor.user_id().map(|id| id.0))
                .bind(actor.name())
                .bind(subject.as_str())
                .bind(*id)
                .bind(millis(now));
        }
        query.execute(&mut *conn).await?;
    }
    Ok(())
}

pub(crate) async fn record(
    conn: &mut AnyConnection,
    actor: &Actor,
    entry: NewActivity,
    now: Timestamp,
) -> Result<(), StoreError> {
    sqlx::query(
        "insert into activity (actor_user_id, actor_name, subject_type, subject_id, action, \
         before_value, after_value, note, at, created_at, updated_at) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $9)",
    )
    .bind(actor.user_id().map(|id| id.0))
    .bind(actor.name())
    .bind(entry.subject_type.as_str())
    .bind(entry.subject_id)
    .bind(entry.action)
    .bind(entry.before)
    .bind(entry.after)
    .bind(entry.note)
    .bind(millis(now))
    .execute(conn)
    .await?;
    Ok(())
}

fn activity_from_row(row: &AnyRow) -> Result<Activity, StoreError> {
    let name: String = row.try_get("actor_name")?;
    let actor = match row.try_get::<Option<i64>, _>("actor_user_id")? {
        Some(id) => Actor::User {
            id: UserId(id),
            name,
        },
        None => Actor::System { name },
    };
    Ok(Activity {
        id: ActivityId(row.try_get("id")?),
        actor,
        subject_type: parse(row.try_get::<&str, _>("subject_type")?)?,
        subject_id: row.try_get("subject_id")?,
        action: row.try_get("action")?,
        before: row.try_get("before_value")?,
        after: row.try_get("after_value")?,
        note: row.try_get("note")?,
        at: timestamp(row.try_get("at")?)?,
    })
}

impl Store {
    pub async fn list_activity(
        &self,
        filter: &ActivityFilter,
    ) -> Result<Vec<Activity>, StoreError> {
        let mut conditions = Conditions::default();
        if let Some(t) = filter.subject_type {
            conditions.push("subject_type =", Arg::Text(t.as_str().to_owned()));
        }
        if let Some(id) = filter.subject_id {
            conditions.push("subject_id =", Arg::Int(id));
        }
        if let Some(id) = filter.before_id {
            conditions.push("id <", Arg::Int(id));
        }
        let (clause, _) = conditions.sql();
        let sql = format!(
            "select id, actor_user_id, actor_name, subject_type, subject_id, action, before_value, \
             after_value, note, at from activity{clause} order by id desc limit {}",
            filter.limit.max(1)
        );
        let rows = conditions.bind(sql).fetch_all(&self.read).await?;
        rows.iter().map(activity_from_row).collect()
    }
}
