//! Commitments: promises to get back to a client, tracked until done.

use crate::activity::record;
use crate::clients::require_client;
use crate::create::Begun;
use crate::idempotency::{Created, IdempotencyKey};
use crate::rows::{
    Arg, Conditions, IN_LIST, flag, from_json_list, millis, opt_timestamp, parse, placeholders,
    timestamp, to_json_list,
};
use crate::{Store, StoreError};
use jiff::Timestamp;
use rapport_domain::{
    Actor, ClientId, Commitment, CommitmentId, MessageId, NewActivity, NewCommitment, RequestId,
    SubjectType, UserId, kept_by_next_reply,
};
use sqlx::Row;
use sqlx::any::AnyRow;

const COMMITMENT_COLUMNS: &str = "id, client_id, request_id, owner_id, promise, due_at, done_at, \
     source, message_id, vague, evidence, created_at, updated_at";

/// Which commitments to list.
#[derive(Debug, Clone, Default)]
pub struct CommitmentFilter {
    pub client: Option<ClientId>,
    pub request: Option<RequestId>,
    /// Only commitments of the clients this user is a member of.
    pub member: Option<UserId>,
    /// Leave out the ones already kept.
    pub open_only: bool,
    /// Only those due before this moment.
    pub due_before: Option<Timestamp>,
    /// Only the promises this user made.
    pub owner: Option<UserId>,
    /// Only those due, made or changed at or after this moment.
    pub changed_since: Option<Timestamp>,
}

fn commitment_from_row(row: &AnyRow) -> Result<Commitment, StoreError> {
    Ok(Commitment {
        id: CommitmentId(row.try_get("id")?),
        client_id: ClientId(row.try_get("client_id")?),
        request_id: row.try_get::<Option<i64>, _>("request_id")?.map(RequestId),
        owner_id: UserId(row.try_get("owner_id")?),
        promise: row.try_get("promise")?,
        due_at: timestamp(row.try_get("due_at")?)?,
        done_at: opt_timestamp(row.try_get("done_at")?)?,
        source: parse(&row.try_get::<String, _>("source")?)?,
        message_id: row.try_get::<Option<i64>, _>("message_id")?.map(MessageId),
        vague: flag(row, "vague")?,
        evidence: match row.try_get::<Option<String>, _>("evidence")? {
            Some(json) => from_json_list(&json)?,
            None => Vec::new(),
        },
        created_at: timestamp(row.try_get("created_at")?)?,
        updated_at: timestamp(row.try_get("updated_at")?)?,
    })
}

/// Writes a commitment; `message` is the outbound message a detected one was read from.
pub(crate) async fn insert_commitment(
    tx: &mut sqlx::AnyConnection,
    new: &NewCommitment,
    message: Option<MessageId>,
    now: Timestamp,
) -> Result<AnyRow, StoreError> {
    Ok(sqlx::query(sql!(
        "insert into commitments (client_id, request_id, owner_id, promise, due_at, source, message_id, vague, evidence, created_at, updated_at) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) returning {COMMITMENT_COLUMNS}"
    ))
    .bind(new.client_id.0)
    .bind(new.request_id.map(|r| r.0))
    .bind(new.owner_id.0)
    .bind(new.promise.trim())
    .bind(millis(new.due_at))
    .bind(new.source.as_str())
    .bind(message.map(|m| m.0))
    .bind(new.vague)
    .bind(to_json_list(&new.evidence))
    .bind(millis(now))
    .fetch_one(&mut *tx)
    .await?)
}

/// Keeps the open commitments that a reply of ours on `request` keeps (see
/// `kept_by_next_reply`): those read with no time said from an earlier reply.
pub(crate) async fn keep_by_reply(
    tx: &mut sqlx::AnyConnection,
    request: RequestId,
    actor: &Actor,
    now: Timestamp,
) -> Result<(), StoreError> {
    let rows = sqlx::query(sql!(
        "select {COMMITMENT_COLUMNS} from commitments where request_id = $1 and done_at is null"
    ))
    .bind(request.0)
    .fetch_all(&mut *tx)
    .await?;
    for row in &rows {
        let commitment = commitment_from_row(row)?;
        if !kept_by_next_reply(&commitment) {
            continue;
        }
        sqlx::query("update commitments set done_at = $1, updated_at = $1 where id = $2")
            .bind(millis(now))
            .bind(commitment.id.0)
            .execute(&mut *tx)
            .await?;
        let entry = NewActivity {
            action: "completed",
            ..NewActivity::created(SubjectType::Commitment, commitment.id.0)
        };
        record(tx, actor, entry, now).await?;
    }
    Ok(())
}

impl Store {
    pub async fn create_commitment(
        &self,
        new: &NewCommitment,
        actor: &Actor,
        idem: Option<&IdempotencyKey>,
        now: Timestamp,
    ) -> Result<Created<Commitment>, StoreError> {
        let mut creation = match self.begin_create("commitment", idem, now).await? {
            Begun::Replay(id) => {
                return Ok(Created::replayed(
                    self.get_commitment(CommitmentId(id)).await?,
                ));
            }
            Begun::Fresh(creation) => creation,
        };
        let tx = creation.conn();
        require_client(tx, new.client_id, "client_id").await?;
        if let Some(request) = new.request_id {
            let owner: Option<i64> =
                sqlx::query_scalar("select client_id from requests where id = $1")
                    .bind(request.0)
                    .fetch_optional(&mut *tx)
                    .await?;
            if owner != Some(new.client_id.0) {
                return Err(StoreError::InvalidReference {
                    field: "request_id",
                    message: format!("no request with id {request} at client {}", new.client_id),
                });
            }
        }
        let owner: Option<i64> = sqlx::query_scalar("select id from users where id = $1")
            .bind(new.owner_id.0)
            .fetch_optional(&mut *tx)
            .await?;
        if owner.is_none() {
            return Err(StoreError::InvalidReference {
                field: "owner_id",
                message: format!("no user with id {}", new.owner_id),
            });
        }
        let row = insert_commitment(tx, new, None, now).await?;
        let commitment = commitment_from_row(&row)?;
        creation
            .finish(actor, SubjectType::Commitment, commitment.id.0)
            .await?;
        Ok(Created::new(commitment))
    }

    pub async fn get_commitment(&self, id: CommitmentId) -> Result<Commitment, StoreError> {
        let row = sqlx::query(sql!(
            "select {COMMITMENT_COLUMNS} from commitments where id = $1"
        ))
        .bind(id.0)
        .fetch_optional(&self.read)
        .await?
        .ok_or(StoreError::NotFound {
            what: "commitment",
            id: id.0,
        })?;
        commitment_from_row(&row)
    }

    /// Commitments by due time.
    pub async fn list_commitments(
        &self,
        filter: &CommitmentFilter,
    ) -> Result<Vec<Commitment>, StoreError> {
        let mut conditions = Conditions::tracked(
            filter.client,
            filter.request,
            filter.member,
            "done_at",
            filter.open_only,
        );
        if let Some(owner) = filter.owner {
            conditions.push("owner_id =", Arg::Int(owner.0));
        }
        if let Some(before) = filter.due_before {
            conditions.push("due_at <", Arg::Int(millis(before)));
        }
        if let Some(since) = filter.changed_since {
            conditions.push_around(
                "(due_at >= {} or updated_at >= {})",
                Arg::Int(millis(since)),
            );
        }
        let (clause, _) = conditions.sql();
        let sql =
            format!("select {COMMITMENT_COLUMNS} from commitments{clause} order by due_at, id");
        let rows = conditions.bind(sql).fetch_all(&self.read).await?;
        rows.iter().map(commitment_from_row).collect()
    }

    /// Marks a commitment kept. Marking a kept one again changes nothing.
    pub async fn complete_commitment(
        &self,
        id: CommitmentId,
        actor: &Actor,
        now: Timestamp,
    ) -> Result<Commitment, StoreError> {
        let mut tx = self.write.begin().await?;
        let updated = sqlx::query("update commitments set done_at = $1, updated_at = $1 where id = $2 and done_at is null")
            .bind(millis(now))
            .bind(id.0)
            .execute(&mut *tx)
            .await?;
        if updated.rows_affected() == 1 {
            let entry = NewActivity {
                action: "completed",
                ..NewActivity::created(SubjectType::Commitment, id.0)
            };
            record(&mut tx, actor, entry, now).await?;
        }
        let row = sqlx::query(sql!(
            "select {COMMITMENT_COLUMNS} from commitments where id = $1"
        ))
        .bind(id.0)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StoreError::NotFound {
            what: "commitment",
            id: id.0,
        })?;
        tx.commit().await?;
        commitment_from_row(&row)
    }
}

impl Store {
    /// The promises kept on each of these requests, in the order they were due.
    pub async fn kept_promises(
        &self,
        requests: &[RequestId],
    ) -> Result<std::collections::HashMap<RequestId, Vec<String>>, StoreError> {
        let mut kept: std::collections::HashMap<RequestId, Vec<String>> = Default::default();
        for chunk in requests.chunks(IN_LIST) {
            let sql = format!(
                "select request_id, promise from commitments where done_at is not null \
                 and request_id in ({}) order by due_at, id",
                placeholders(chunk.len())
            );
            let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
            for id in chunk {
                query = query.bind(id.0);
            }
            for row in query.fetch_all(&self.read).await? {
                kept.entry(RequestId(row.try_get("request_id")?))
                    .or_default()
                    .push(row.try_get("promise")?);
            }
        }
        Ok(kept)
    }
}
