//! What the proactive engine tells people, stored once per key, and SLA breaches as
//! they were recorded.

use crate::rows::{millis, opt_timestamp, parse, rows_sharing_first, timestamp};
use crate::{Store, StoreError};
use jiff::Timestamp;
use rapport_domain::{
    ClientId, NewNotification, Notification, NotificationId, RequestId, SlaTarget, UserId,
};
use sqlx::Row;
use sqlx::any::AnyRow;

const NOTIFICATION_COLUMNS: &str = "id, user_id, kind, client_id, request_id, subject_id, title, \
     reason, deliver_at, read_at, created_at";

fn notification_from_row(row: &AnyRow) -> Result<Notification, StoreError> {
    Ok(Notification {
        id: NotificationId(row.try_get("id")?),
        user_id: UserId(row.try_get("user_id")?),
        kind: parse(row.try_get::<&str, _>("kind")?)?,
        client_id: ClientId(row.try_get("client_id")?),
        request_id: row.try_get::<Option<i64>, _>("request_id")?.map(RequestId),
        subject_id: row.try_get("subject_id")?,
        title: row.try_get("title")?,
        reason: row.try_get("reason")?,
        deliver_at: timestamp(row.try_get("deliver_at")?)?,
        read_at: opt_timestamp(row.try_get("read_at")?)?,
        created_at: timestamp(row.try_get("created_at")?)?,
    })
}

/// How many notifications or breaches one insert statement carries.
const ROWS: usize = 200;

/// An SLA target missed, with why, to record.
#[derive(Debug, Clone, Copy)]
pub struct Breach<'a> {
    pub request: RequestId,
    pub target: SlaTarget,
    pub due: Timestamp,
    pub cause: &'a str,
}

/// Which of a person's notifications to list, newest first.
#[derive(Debug, Clone, Copy)]
pub struct NotificationFilter {
    pub user: UserId,
    /// Only those delivered by this moment (the person's working hours reached).
    pub delivered_by: Timestamp,
    pub unread_only: bool,
    pub limit: u32,
}

impl Store {
    /// Stores each notification unless one with its key exists, a few hundred to a
    /// statement in one transaction; returns how many were new.
    pub async fn notify(
        &self,
        notifications: &[NewNotification],
        now: Timestamp,
    ) -> Result<u64, StoreError> {
        let mut tx = self.write.begin().await?;
        let mut new = 0;
        for chunk in notifications.chunks(ROWS) {
            let sql = format!(
                "insert into notifications (user_id, kind, client_id, request_id, subject_id, title, \
                 reason, deliver_at, key, created_at) values {} on conflict (key) do nothing",
                rows_sharing_first(chunk.len(), 9)
            );
            let mut query = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(millis(now));
            for n in chunk {
                query = query
                    .bind(n.user_id.0)
                    .bind(n.kind.as_str())
                    .bind(n.client_id.0)
                    .bind(n.request_id.map(|r| r.0))
                    .bind(n.subject_id)
                    .bind(n.title.clone())
                    .bind(n.reason.clone())
                    .bind(millis(n.deliver_at))
                    .bind(n.key.clone());
            }
            new += query.execute(&mut *tx).await?.rows_affected();
        }
        tx.commit().await?;
        Ok(new)
    }

    pub async fn list_notifications(
        &self,
        filter: &NotificationFilter,
    ) -> Result<Vec<Notification>, StoreError> {
        let unread = if filter.unread_only {
            " and read_at is null"
        } else {
            ""
        };
        let rows = sqlx::query(sql!(
            "select {NOTIFICATION_COLUMNS} from notifications where user_id = $1 and deliver_at <= $2{unread} \
             order by deliver_at desc, id desc limit {}",
            filter.limit.max(1)
        ))
        .bind(filter.user.0)
        .bind(millis(filter.delivered_by))
        .fetch_all(&self.read)
        .await?;
        rows.iter().map(notification_from_row).collect()
    }

    /// How many of `user`'s notifications delivered by `delivered_by` are unread, counting
    /// no further than `cap` (a badge says "99+", not the exact figure).
    pub async fn unread_notifications(
        &self,
        user: UserId,
        delivered_by: Timestamp,
        cap: u32,
    ) -> Result<u32, StoreError> {
        let count: i64 = sqlx::query_scalar(sql!(
            "select count(*) from (select 1 from notifications where user_id = $1 \
             and deliver_at <= $2 and read_at is null limit {cap}) unread"
        ))
        .bind(user.0)
        .bind(millis(delivered_by))
        .fetch_one(&self.read)
        .await?;
        Ok(u32::try_from(count).unwrap_or(cap))
    }

    /// Marks one of `user`'s notifications read; false when they have no such one.
    pub async fn mark_notification_read(
        &self,
        user: UserId,
        id: NotificationId,
        now: Timestamp,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "update notifications set read_at = coalesce(read_at, $1) where id = $2 and user_id = $3",
        )
        .bind(millis(now))
        .bind(id.0)
        .bind(user.0)
        .execute(&self.write)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Records each breach unless it is on record (per request, target and due time), in
    /// one statement; returns how many were new.
    pub async fn record_breaches(
        &self,
        breaches: &[Breach<'_>],
        now: Timestamp,
    ) -> Result<u64, StoreError> {
        let mut new = 0;
        for chunk in breaches.chunks(ROWS) {
            let sql = format!(
                "insert into sla_breaches (request_id, target, due_at, cause, recorded_at) values {} \
                 on conflict (request_id, target, due_at) do nothing",
                rows_sharing_first(chunk.len(), 4)
            );
            let mut query = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(millis(now));
            for breach in chunk {
                query = query
                    .bind(breach.request.0)
                    .bind(breach.target.as_str())
                    .bind(millis(breach.due))
                    .bind(breach.cause);
            }
            new += query.execute(&self.write).await?.rows_affected();
        }
        Ok(new)
    }

    /// Claims up to `limit` notifications delivered by `now` and not mailed yet, for this
    /// sender until `lease_until`; those that failed `max_attempts` times are left alone.
    pub async fn claim_notifications_to_mail(
        &self,
        now: Timestamp,
        lease_until: Timestamp,
        max_attempts: u32,
        limit: u32,
    ) -> Result<Vec<Notification>, StoreError> {
        let ids: Vec<i64> = sqlx::query_scalar(sql!(
            "select id from notifications where mailed_at is null and deliver_at <= $1 \
             and mail_attempts < $2 and (mail_lease_until is null or mail_lease_until < $1) \
             order by deliver_at, id limit {}",
            limit.max(1)
        ))
        .bind(millis(now))
        .bind(i64::from(max_attempts))
        .fetch_all(&self.read)
        .await?;
        let mut claimed = Vec::new();
        for id in ids {
            let row = sqlx::query(sql!(
                "update notifications set mail_lease_until = $1, mail_attempts = mail_attempts + 1 \
                 where id = $2 and mailed_at is null and (mail_lease_until is null or mail_lease_until < $3) \
                 returning {NOTIFICATION_COLUMNS}"
            ))
            .bind(millis(lease_until))
            .bind(id)
            .bind(millis(now))
            .fetch_optional(&self.write)
            .await?;
            if let Some(row) = row {
                claimed.push(notification_from_row(&row)?);
            }
        }
        Ok(claimed)
    }

    /// Records a mailing: handed to the SMTP server, or refused with the server's answer.
    pub async fn record_notification_mail(
        &self,
        id: NotificationId,
        error: Option<&str>,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "update notifications set mailed_at = $1, mail_error = $2, mail_lease_until = null where id = $3",
        )
        .bind(error.is_none().then_some(millis(now)))
        .bind(error)
        .bind(id.0)
        .execute(&self.write)
        .await?;
        Ok(())
    }
}
