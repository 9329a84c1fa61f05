//! The outbox: outgoing mail committed with its message, leased to one sender at a time,
//! and its delivery recorded.

use crate::activity::record;
use crate::rows::{
    Arg, Conditions, from_json_list, millis, opt_timestamp, parse, timestamp, to_json_list,
};
use crate::{Store, StoreError};
use jiff::Timestamp;
use rapport_domain::{
    Actor, MessageId, NewActivity, NewOutboxMail, OutboxItem, OutboxState, RequestId, SubjectType,
};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

const OUTBOX_COLUMNS: &str = "id, message_id, request_id, sender, recipients, state, attempts, next_attempt_at, \
                              last_answer, sent_at, created_at";

fn outbox_from_row(row: &AnyRow) -> Result<OutboxItem, StoreError> {
    Ok(OutboxItem {
        id: row.try_get("id")?,
        message_id: MessageId(row.try_get("message_id")?),
        request_id: RequestId(row.try_get("request_id")?),
        sender: row.try_get("sender")?,
        recipients: from_json_list(row.try_get("recipients")?)?,
        state: parse(row.try_get::<&str, _>("state")?)?,
        attempts: u32::try_from(row.try_get::<i32, _>("attempts")?).unwrap_or(0),
        next_attempt_at: opt_timestamp(row.try_get("next_attempt_at")?)?,
        last_answer: row.try_get("last_answer")?,
        sent_at: opt_timestamp(row.try_get("sent_at")?)?,
        created_at: timestamp(row.try_get("created_at")?)?,
    })
}

/// Queues a mail in the transaction that stores its message.
pub(crate) async fn insert_outbox(
    conn: &mut AnyConnection,
    message: MessageId,
    request: RequestId,
    mail: &NewOutboxMail,
    now: Timestamp,
) -> Result<(), StoreError> {
    let raw = String::from_utf8(mail.raw.clone())
        .map_err(|_| StoreError::Corrupt("an outgoing mail is not 7-bit text".into()))?;
    sqlx::query(
        "insert into outbox (message_id, request_id, sender, recipients, raw, state, attempts, next_attempt_at, \
         created_at, updated_at) values ($1, $2, $3, $4, $5, 'pending', 0, $6, $6, $6)",
    )
    .bind(message.0)
    .bind(request.0)
    .bind(&mail.sender)
    .bind(to_json_list(&mail.recipients))
    .bind(raw)
    .bind(millis(now))
    .execute(conn)
    .await?;
    Ok(())
}

/// An outgoing mail leased to this sender until `lease_until`, with its bytes.
#[derive(Debug, Clone)]
pub struct LeasedMail {
    pub item: OutboxItem,
    pub raw: Vec<u8>,
}

impl Store {
    /// Ids of the mail due by `now` and not leased to another sender, oldest first.
    pub async fn due_outbox(&self, now: Timestamp, limit: u32) -> Result<Vec<i64>, StoreError> {
        let ids = sqlx::query_scalar(sql!(
            "select id from outbox where state = 'pending' and next_attempt_at <= $1 \
             and (lease_until is null or lease_until < $1) order by next_attempt_at, id limit {}",
            limit.max(1)
        ))
        .bind(millis(now))
        .fetch_all(&self.read)
        .await?;
        Ok(ids)
    }

    /// Leases one due mail to the caller; `None` when another sender has it or it is done.
    /// The guarded update lets exactly one of several servers win.
    pub async fn lease_outbox(
        &self,
        id: i64,
        lease_until: Timestamp,
        now: Timestamp,
    ) -> Result<Option<LeasedMail>, StoreError> {
        let row = sqlx::query(sql!(
            "update outbox set lease_until = $1, updated_at = $2 where id = $3 and state = 'pending' \
             and (lease_until is null or lease_until < $2) returning {OUTBOX_COLUMNS}, raw"
        ))
        .bind(millis(lease_until))
        .bind(millis(now))
        .bind(id)
        .fetch_optional(&self.write)
        .await?;
        let Some(row) = row else { return Ok(None) };
        Ok(Some(LeasedMail {
            item: outbox_from_row(&row)?,
            raw: row.try_get::<String, _>("raw")?.into_bytes(),
        }))
    }

    /// Records one attempt: sent (`next_attempt` unused), or failed and tried again at
    /// `next_attempt`, or failed for good when that is `None`.
    pub async fn record_send_attempt(
        &self,
        id: i64,
        sent: bool,
        answer: &str,
        next_attempt: Option<Timestamp>,
        actor: &Actor,
        now: Timestamp,
    ) -> Result<OutboxItem, StoreError> {
        let state = match (sent, next_attempt) {
            (true, _) => OutboxState::Sent,
            (false, Some(_)) => OutboxState::Pending,
            (false, None) => OutboxState::Failed,
        };
        let mut tx = self.write.begin().await?;
        let row = sqlx::query(sql!(
            "update outbox set state = $1, attempts = attempts + 1, next_attempt_at = $2, lease_until = null, \
             last_answer = $3, sent_at = $4, updated_at = $5 where id = $6 returning {OUTBOX_COLUMNS}"
        ))
        .bind(state.as_str())
        .bind(if sent { None } else { next_attempt.map(millis) })
        .bind(answer)
        .bind(sent.then_some(millis(now)))
        .bind(millis(now))
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StoreError::NotFound { what: "outgoing mail", id })?;
        let entry = NewActivity {
            subject_type: SubjectType::Outbox,
            subject_id: id,
            action: match state {
                OutboxState::Sent => "sent",
                OutboxState::Pending => "send_deferred",
                OutboxState::Failed => "send_failed",
            },
            before: None,
            after: Some(answer.chars().take(500).collect()),
            note: None,
        };
        record(&mut tx, actor, entry, now).await?;
        tx.commit().await?;
        outbox_from_row(&row)
    }

    /// Outgoing mail, newest first: in one state, or all.
    pub async fn list_outbox(
        &self,
        state: Option<OutboxState>,
        limit: u32,
    ) -> Result<Vec<OutboxItem>, StoreError> {
        let mut conditions = Conditions::default();
        if let Some(state) = state {
            conditions.push("state =", Arg::Text(state.as_str().to_owned()));
        }
        let (clause, _) = conditions.sql();
        let sql = format!(
            "select {OUTBOX_COLUMNS} from outbox{clause} order by id desc limit {}",
            limit.max(1)
        );
        let rows = conditions.bind(sql).fetch_all(&self.read).await?;
        rows.iter().map(outbox_from_row).collect()
    }

    /// Puts a failed mail back in the queue for a fresh series of attempts.
    pub async fn retry_outbox(
        &self,
        id: i64,
        actor: &Actor,
        now: Timestamp,
    ) -> Result<OutboxItem, StoreError> {
        let mut tx = self.write.begin().await?;
        let row = sqlx::query(sql!(
            "update outbox set state = 'pending', attempts = 0, next_attempt_at = $1, updated_at = $1 \
             where id = $2 and state = 'failed' returning {OUTBOX_COLUMNS}"
        ))
        .bind(millis(now))
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(row) = row else {
            let exists: Option<String> =
                sqlx::query_scalar("select state from outbox where id = $1")
                    .bind(id)
                    .fetch_optional(&mut *tx)
                    .await?;
            return Err(match exists {
                None => StoreError::NotFound {
                    what: "outgoing mail",
                    id,
                },
                Some(state) => StoreError::Conflict {
                    constraint: "outbox.state".into(),
                    message: format!("outgoing mail {id} is {state}; only a failed one is retried"),
                },
            });
        };
        record(
            &mut tx,
            actor,
            NewActivity::action(SubjectType::Outbox, id, "retried"),
            now,
        )
        .await?;
        tx.commit().await?;
        outbox_from_row(&row)
    }
}
