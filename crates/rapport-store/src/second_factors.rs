//! Two-step sign-in: each person's sealed one-time-code secret and the newest code step
//! they used, their recovery codes (SHA-256 only), and the roles that must use it.

use crate::activity::record;
use crate::rows::{millis, parse, timestamp};
use crate::users::{USER_COLUMNS, user_from_row};
use crate::{Store, StoreError};
use jiff::Timestamp;
use rapport_domain::{Actor, NewActivity, Role, SubjectType, User, UserId};
use sqlx::{AnyConnection, Row};

/// A person's second factor as kept: the secret sealed with the desk's key.
#[derive(Debug, Clone)]
pub struct StoredSecondFactor {
    pub sealed_secret: String,
    pub last_step: Option<i64>,
    /// None while it is being set up (the first code has not been typed yet).
    pub confirmed_at: Option<Timestamp>,
}

async fn put_recovery_codes(
    conn: &mut AnyConnection,
    user: UserId,
    hashes: &[String],
) -> Result<(), StoreError> {
    sqlx::query("delete from recovery_codes where user_id = $1")
        .bind(user.0)
        .execute(&mut *conn)
        .await?;
    for hash in hashes {
        sqlx::query("insert into recovery_codes (user_id, code_hash) values ($1, $2)")
            .bind(user.0)
            .bind(hash)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

impl Store {
    pub async fn second_factor_of(
        &self,
        user: UserId,
    ) -> Result<Option<StoredSecondFactor>, StoreError> {
        let row = sqlx::query(
            "select sealed_secret, last_step, confirmed_at from second_factors where user_id = $1",
        )
        .bind(user.0)
        .fetch_optional(&self.write)
        .await?;
        row.map(|row| {
            Ok(StoredSecondFactor {
                sealed_secret: row.try_get("sealed_secret")?,
                last_step: row.try_get("last_step")?,
                confirmed_at: row
                    .try_get::<Option<i64>, _>("confirmed_at")?
                    .map(timestamp)
                    .transpose()?,
            })
        })
        .transpose()
    }

    /// Starts setting up a second factor with a new secret, replacing a setup left
    /// unfinished; a confirmed one stays and the answer is a conflict.
    pub async fn begin_second_factor(
        &self,
        user: UserId,
        sealed_secret: &str,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        let mut tx = self.write.begin().await?;
        sqlx::query("delete from second_factors where user_id = $1 and confirmed_at is null")
            .bind(user.0)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "insert into second_factors (user_id, sealed_secret, created_at) values ($1, $2, $3)",
        )
        .bind(user.0)
        .bind(sealed_secret)
        .bind(millis(now))
        .execute(&mut *tx)
        .await
        .map_err(|e| {
            StoreError::from_insert(e, || "a second factor is already set up".to_owned())
        })?;
        tx.commit().await?;
        Ok(())
    }

    /// Finishes a setup with the step of its first code and the new recovery codes.
    pub async fn confirm_second_factor(
        &self,
        user: UserId,
        step: i64,
        recovery_hashes: &[String],
        actor: &Actor,
        now: Timestamp,
    ) -> Result<User, StoreError> {
        let mut tx = self.write.begin().await?;
        let done = sqlx::query(
            "update second_factors set confirmed_at = $1, last_step = $2 \
             where user_id = $3 and confirmed_at is null",
        )
        .bind(millis(now))
        .bind(step)
        .bind(user.0)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound {
                what: "second factor setup",
                id: user.0,
            });
        }
        let row = sqlx::query(sql!(
            "update users set second_factor_at = $1, updated_at = $1 where id = $2 \
             returning {USER_COLUMNS}"
        ))
        .bind(millis(now))
        .bind(user.0)
        .fetch_one(&mut *tx)
        .await?;
        put_recovery_codes(&mut tx, user, recovery_hashes).await?;
        let entry = NewActivity::action(SubjectType::User, user.0, "second_factor_on");
        record(&mut tx, actor, entry, now).await?;
        tx.commit().await?;
        user_from_row(&row)
    }

    /// Takes a code's step if it is newer than the last one used; false when it was
    /// used already (by this request or a concurrent one).
    pub async fn use_code_step(&self, user: UserId, step: i64) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "update second_factors set last_step = $1 where user_id = $2 \
             and confirmed_at is not null and (last_step is null or last_step < $1)",
        )
        .bind(step)
        .bind(user.0)
        .execute(&self.write)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Uses up a recovery code; false when there is no such unused code.
    pub async fn use_recovery_code(
        &self,
        user: UserId,
        code_hash: &str,
        now: Timestamp,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "update recovery_codes set used_at = $1 \
             where user_id = $2 and code_hash = $3 and used_at is null",
        )
        .bind(millis(now))
        .bind(user.0)
        .bind(code_hash)
        .execute(&self.write)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Replaces a person's recovery codes with new ones.
    pub async fn renew_recovery_codes(
        &self,
        user: UserId,
        hashes: &[String],
        actor: &Actor,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        let mut tx = self.write.begin().await?;
        put_recovery_codes(&mut tx, user, hashes).await?;
        let entry = NewActivity::action(SubjectType::User, user.0, "recovery_codes_renewed");
        record(&mut tx, actor, entry, now).await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn unused_recovery_codes(&self, user: UserId) -> Result<i64, StoreError> {
        let row = sqlx::query(
            "select count(*) as n from recovery_codes where user_id = $1 and used_at is null",
        )
        .bind(user.0)
        .fetch_one(&self.read)
        .await?;
        Ok(row.try_get("n")?)
    }

    /// Turns a person's second factor off; with `end_sessions` (an admin's reset for a
    /// lost phone) every session of theirs ends too.
    pub async fn remove_second_factor(
        &self,
        user: UserId,
        end_sessions: bool,
        actor: &Actor,
        now: Timestamp,
    ) -> Result<User, StoreError> {
        let mut tx = self.write.begin().await?;
        for table in ["second_factors", "recovery_codes"] {
            sqlx::query(sql!("delete from {table} where user_id = $1"))
                .bind(user.0)
                .execute(&mut *tx)
                .await?;
        }
        if end_sessions {
            sqlx::query("delete from web_sessions where user_id = $1")
                .bind(user.0)
                .execute(&mut *tx)
                .await?;
        }
        let row = sqlx::query(sql!(
            "update users set second_factor_at = null, updated_at = $1 where id = $2 \
             returning {USER_COLUMNS}"
        ))
        .bind(millis(now))
        .bind(user.0)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StoreError::NotFound {
            what: "user",
            id: user.0,
        })?;
        let entry = NewActivity::action(SubjectType::User, user.0, "second_factor_off");
        record(&mut tx, actor, entry, now).await?;
        tx.commit().await?;
        user_from_row(&row)
    }

    /// The roles whose people must sign in with a second factor.
    pub async fn second_factor_roles(&self) -> Result<Vec<Role>, StoreError> {
        let rows = sqlx::query("select role from second_factor_roles order by role")
            .fetch_all(&self.read)
            .await?;
        rows.iter()
            .map(|row| parse(row.try_get::<&str, _>("role")?))
            .collect()
    }

    pub async fn set_second_factor_roles(
        &self,
        roles: &[Role],
        actor: &Actor,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        let mut tx = self.write.begin().await?;
        sqlx::query("delete from second_factor_roles")
            .execute(&mut *tx)
            .await?;
        for role in roles {
            sqlx::query("insert into second_factor_roles (role) values ($1)")
                .bind(role.as_str())
                .execute(&mut *tx)
                .await?;
        }
        let names: Vec<&str> = roles.iter().map(|r| r.as_str()).collect();
        let entry = NewActivity {
            after: Some(names.join(",")),
            ..NewActivity::action(
                SubjectType::User,
                actor_subject(actor),
                "second_factor_roles_set",
            )
        };
        record(&mut tx, actor, entry, now).await?;
        tx.commit().await?;
        Ok(())
    }
}

/// The audit subject of a desk-wide setting: the person who changed it.
fn actor_subject(actor: &Actor) -> i64 {
    actor.user_id().map_or(0, |id| id.0)
}
