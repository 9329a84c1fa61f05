//! Signing in to the web desk: password hashes, each person's language and on/off
//! switch, and browser sessions (kept by the SHA-256 of their secret, never the secret).

use crate::activity::record;
use crate::rows::{millis, parse, timestamp};
use crate::users::{USER_COLUMNS, user_from_row};
use crate::{Store, StoreError};
use jiff::Timestamp;
use rapport_domain::{
    Actor, EmailAddress, LanguageTag, NewActivity, SessionId, SessionStage, SubjectType, User,
    UserId, WebSession,
};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

const SESSION_COLUMNS: &str =
    "id, user_id, csrf, address, user_agent, created_at, updated_at, expires_at, stage";

fn session_from_row(row: &AnyRow) -> Result<WebSession, StoreError> {
    Ok(WebSession {
        id: SessionId(row.try_get("id")?),
        user_id: UserId(row.try_get("user_id")?),
        csrf: row.try_get("csrf")?,
        address: row.try_get("address")?,
        user_agent: row.try_get("user_agent")?,
        created_at: timestamp(row.try_get("created_at")?)?,
        last_seen_at: timestamp(row.try_get("updated_at")?)?,
        expires_at: timestamp(row.try_get("expires_at")?)?,
        stage: parse(row.try_get::<&str, _>("stage")?)?,
    })
}

/// A session about to be made: who, from where, until when.
#[derive(Debug, Clone)]
pub struct NewSession<'a> {
    pub user: UserId,
    pub secret_hash: &'a str,
    pub csrf: &'a str,
    pub address: Option<&'a str>,
    pub user_agent: Option<&'a str>,
    pub expires_at: Timestamp,
    pub stage: SessionStage,
}

fn missing_user(id: UserId) -> StoreError {
    StoreError::NotFound {
        what: "user",
        id: id.0,
    }
}

async fn end_all(conn: &mut AnyConnection, user: UserId) -> Result<u64, StoreError> {
    let done = sqlx::query("delete from web_sessions where user_id = $1")
        .bind(user.0)
        .execute(conn)
        .await?;
    Ok(done.rows_affected())
}

impl Store {
    /// A user and their password hash (none when they have no password), by address.
    pub async fn password_of(
        &self,
        email: &EmailAddress,
    ) -> Result<Option<(User, Option<String>)>, StoreError> {
        let row = sqlx::query(sql!(
            "select {USER_COLUMNS}, password_hash from users where email = $1"
        ))
        .bind(email.as_str())
        .fetch_optional(&self.read)
        .await?;
        row.map(|row| Ok((user_from_row(&row)?, row.try_get("password_hash")?)))
            .transpose()
    }

    /// Sets a user's password hash and ends every session they have: whoever knew the old
    /// password is signed out.
    pub async fn set_password_hash(
        &self,
        user: UserId,
        hash: &str,
        actor: &Actor,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        let mut tx = self.write.begin().await?;
        let done =
            sqlx::query("update users set password_hash = $1, updated_at = $2 where id = $3")
                .bind(hash)
                .bind(millis(now))
                .bind(user.0)
                .execute(&mut *tx)
                .await?;
        if done.rows_affected() == 0 {
            return Err(missing_user(user));
        }
        end_all(&mut tx, user).await?;
        let entry = NewActivity::action(SubjectType::User, user.0, "password_set");
        record(&mut tx, actor, entry, now).await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn set_user_language(
        &self,
        user: UserId,
        language: Option<&LanguageTag>,
        actor: &Actor,
        now: Timestamp,
    ) -> Result<User, StoreError> {
        let mut tx = self.write.begin().await?;
        let row = sqlx::query(sql!(
            "update users set language = $1, updated_at = $2 where id = $3 returning {USER_COLUMNS}"
        ))
        .bind(language.map(LanguageTag::as_str))
        .bind(millis(now))
        .bind(user.0)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or_else(|| missing_user(user))?;
        let entry = NewActivity {
            after: Some(language.map_or("-", LanguageTag::as_str).to_owned()),
            ..NewActivity::action(SubjectType::User, user.0, "language_set")
        };
        record(&mut tx, actor, entry, now).await?;
        tx.commit().await?;
        user_from_row(&row)
    }

    /// Turns an account off (its sessions end at once) or back on.
    pub async fn set_user_disabled(
        &self,
        user: UserId,
        disabled: bool,
        actor: &Actor,
        now: Timestamp,
    ) -> Result<User, StoreError> {
        let mut tx = self.write.begin().await?;
        let row = sqlx::query(sql!(
            "update users set disabled_at = $1, updated_at = $2 where id = $3 returning {USER_COLUMNS}"
        ))
        .bind(disabled.then(|| millis(now)))
        .bind(millis(now))
        .bind(user.0)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or_else(|| missing_user(user))?;
        if disabled {
            end_all(&mut tx, user).await?;
        }
        let what = if disabled { "disabled" } else { "enabled" };
        record(
            &mut tx,
            actor,
            NewActivity::action(SubjectType::User, user.0, what),
            now,
        )
        .await?;
        tx.commit().await?;
        user_from_row(&row)
    }

    /// Records a sign-in: a new session, and the audit entry that says from where.
    pub async fn create_session(
        &self,
        new: &NewSession<'_>,
        actor: &Actor,
        now: Timestamp,
    ) -> Result<WebSession, StoreError> {
        let mut tx = self.write.begin().await?;
        let row = sqlx::query(sql!(
            "insert into web_sessions (secret_hash, user_id, csrf, address, user_agent, \
             created_at, updated_at, expires_at, stage) \
             values ($1, $2, $3, $4, $5, $6, $6, $7, $8) \
             returning {SESSION_COLUMNS}"
        ))
        .bind(new.secret_hash)
        .bind(new.user.0)
        .bind(new.csrf)
        .bind(new.address)
        .bind(new.user_agent)
        .bind(millis(now))
        .bind(millis(new.expires_at))
        .bind(new.stage.as_str())
        .fetch_one(&mut *tx)
        .await?;
        let session = session_from_row(&row)?;
        let entry = NewActivity {
            after: new.address.map(str::to_owned),
            ..NewActivity::action(
                SubjectType::User,
                new.user.0,
                match new.stage {
                    SessionStage::Full => "signed_in",
                    // The password was right; the second factor is still owed.
                    SessionStage::Code | SessionStage::Enroll => "password_checked",
                },
            )
        };
        record(&mut tx, actor, entry, now).await?;
        tx.commit().await?;
        Ok(session)
    }

    /// The session whose secret hashes to `secret_hash` and its user, unless the account
    /// is turned off.
    pub async fn session_by_secret(
        &self,
        secret_hash: &str,
    ) -> Result<Option<(WebSession, User)>, StoreError> {
        let row = sqlx::query(sql!(
            "select s.id as session_id, s.user_id, s.csrf, s.address, s.user_agent, \
             s.created_at as session_created_at, s.updated_at as seen_at, s.expires_at, s.stage, \
             u.{} from web_sessions s join users u on u.id = s.user_id \
             where s.secret_hash = $1 and u.disabled_at is null",
            USER_COLUMNS.replace(", ", ", u.")
        ))
        .bind(secret_hash)
        .fetch_optional(&self.read)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let session = WebSession {
            id: SessionId(row.try_get("session_id")?),
            user_id: UserId(row.try_get("user_id")?),
            csrf: row.try_get("csrf")?,
            address: row.try_get("address")?,
            user_agent: row.try_get("user_agent")?,
            created_at: timestamp(row.try_get("session_created_at")?)?,
            last_seen_at: timestamp(row.try_get("seen_at")?)?,
            expires_at: timestamp(row.try_get("expires_at")?)?,
            stage: parse(row.try_get::<&str, _>("stage")?)?,
        };
        Ok(Some((session, user_from_row(&row)?)))
    }

    /// Notes that a session was used now (the idle timeout restarts).
    pub async fn touch_session(&self, id: SessionId, now: Timestamp) -> Result<(), StoreError> {
        sqlx::query("update web_sessions set updated_at = $1 where id = $2")
            .bind(millis(now))
            .bind(id.0)
            .execute(&self.write)
            .await?;
        Ok(())
    }

    pub async fn list_sessions(&self, user: UserId) -> Result<Vec<WebSession>, StoreError> {
        let rows = sqlx::query(sql!(
            "select {SESSION_COLUMNS} from web_sessions where user_id = $1 order by updated_at desc"
        ))
        .bind(user.0)
        .fetch_all(&self.read)
        .await?;
        rows.iter().map(session_from_row).collect()
    }

    pub async fn get_session(&self, id: SessionId) -> Result<WebSession, StoreError> {
        let row = sqlx::query(sql!(
            "select {SESSION_COLUMNS} from web_sessions where id = $1"
        ))
        .bind(id.0)
        .fetch_optional(&self.read)
        .await?
        .ok_or(StoreError::NotFound {
            what: "session",
            id: id.0,
        })?;
        session_from_row(&row)
    }

    /// Ends one session (sign-out, revocation, a lapsed one found on use).
    pub async fn end_session(&self, id: SessionId) -> Result<(), StoreError> {
        sqlx::query("delete from web_sessions where id = $1")
            .bind(id.0)
            .execute(&self.write)
            .await?;
        Ok(())
    }

    /// Ends every session of a user ("sign out everywhere"); how many there were.
    pub async fn end_sessions_of(
        &self,
        user: UserId,
        actor: &Actor,
        now: Timestamp,
    ) -> Result<u64, StoreError> {
        let mut tx = self.write.begin().await?;
        let ended = end_all(&mut tx, user).await?;
        let entry = NewActivity::action(SubjectType::User, user.0, "signed_out_everywhere");
        record(&mut tx, actor, entry, now).await?;
        tx.commit().await?;
        Ok(ended)
    }

    /// Forgets sessions past their absolute end or idle since `idle_before`.
    pub async fn purge_sessions(
        &self,
        now: Timestamp,
        idle_before: Timestamp,
    ) -> Result<u64, StoreError> {
        let done =
            sqlx::query("delete from web_sessions where expires_at <= $1 or updated_at <= $2")
                .bind(millis(now))
                .bind(millis(idle_before))
                .execute(&self.write)
                .await?;
        Ok(done.rows_affected())
    }
}
