//! IMAP mailboxes and how far each has been read.

use crate::create::Begun;
use crate::idempotency::Created;
use crate::rows::{millis, opt_timestamp, timestamp};
use crate::{Store, StoreError};
use jiff::Timestamp;
use rapport_domain::{Actor, ImapMailbox, MailboxPassword, SubjectType};
use sqlx::Row;
use sqlx::any::AnyRow;

const MAILBOX_COLUMNS: &str = "id, url, password_file, password_sealed, uid_validity, last_uid, last_sync_at, last_error, \
     created_at";

fn mailbox_from_row(row: &AnyRow) -> Result<ImapMailbox, StoreError> {
    let small = |value: i64| u32::try_from(value).unwrap_or(0);
    Ok(ImapMailbox {
        id: row.try_get("id")?,
        url: row.try_get("url")?,
        password: match row.try_get::<Option<String>, _>("password_sealed")? {
            Some(sealed) => MailboxPassword::Sealed(sealed),
            None => MailboxPassword::File(row.try_get("password_file")?),
        },
        uid_validity: row.try_get::<Option<i64>, _>("uid_validity")?.map(small),
        last_uid: small(row.try_get("last_uid")?),
        last_sync_at: opt_timestamp(row.try_get("last_sync_at")?)?,
        last_error: row.try_get("last_error")?,
        created_at: timestamp(row.try_get("created_at")?)?,
    })
}

impl Store {
    pub async fn create_mailbox(
        &self,
        url: &str,
        password: &MailboxPassword,
        actor: &Actor,
        now: Timestamp,
    ) -> Result<Created<ImapMailbox>, StoreError> {
        let Begun::Fresh(mut creation) = self.begin_create("mailbox", None, now).await? else {
            return Err(StoreError::Config(
                "a mailbox is created without a key".into(),
            ));
        };
        let row = sqlx::query(sql!(
            "insert into mailboxes (url, password_file, password_sealed, last_uid, created_at, \
             updated_at) values ($1, $2, $3, 0, $4, $4) returning {MAILBOX_COLUMNS}"
        ))
        .bind(url)
        .bind(match password {
            MailboxPassword::File(path) => path.as_str(),
            MailboxPassword::Sealed(_) => "",
        })
        .bind(match password {
            MailboxPassword::Sealed(sealed) => Some(sealed.as_str()),
            MailboxPassword::File(_) => None,
        })
        .bind(millis(now))
        .fetch_one(creation.conn())
        .await
        .map_err(|e| StoreError::from_insert(e, || format!("the mailbox {url} is read already")))?;
        let mailbox = mailbox_from_row(&row)?;
        creation
            .finish(actor, SubjectType::Mailbox, mailbox.id)
            .await?;
        Ok(Created::new(mailbox))
    }

    pub async fn list_mailboxes(&self) -> Result<Vec<ImapMailbox>, StoreError> {
        let rows = sqlx::query(sql!("select {MAILBOX_COLUMNS} from mailboxes order by id"))
            .fetch_all(&self.read)
            .await?;
        rows.iter().map(mailbox_from_row).collect()
    }

    pub async fn get_mailbox(&self, id: i64) -> Result<ImapMailbox, StoreError> {
        let row = sqlx::query(sql!(
            "select {MAILBOX_COLUMNS} from mailboxes where id = $1"
        ))
        .bind(id)
        .fetch_optional(&self.read)
        .await?
        .ok_or(StoreError::NotFound {
            what: "mailbox",
            id,
        })?;
        mailbox_from_row(&row)
    }

    /// Records that every message up to `last_uid` (under `uid_validity`) is stored.
    pub async fn mailbox_progress(
        &self,
        id: i64,
        uid_validity: u32,
        last_uid: u32,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "update mailboxes set uid_validity = $1, last_uid = $2, updated_at = $3 where id = $4",
        )
        .bind(i64::from(uid_validity))
        .bind(i64::from(last_uid))
        .bind(millis(now))
        .bind(id)
        .execute(&self.write)
        .await?;
        Ok(())
    }

    /// Records the end of a sync: when, and what went wrong (`None`: nothing).
    pub async fn mailbox_synced(
        &self,
        id: i64,
        error: Option<&str>,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        sqlx::query("update mailboxes set last_sync_at = $1, last_error = $2, updated_at = $1 where id = $3")
            .bind(millis(now))
            .bind(error)
            .bind(id)
            .execute(&self.write)
            .await?;
        Ok(())
    }
}
