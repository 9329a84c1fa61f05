//! Users of the desk and their personal API tokens (stored only as hashes).

use crate::activity::record;
use crate::rows::{millis, parse, timestamp};
use crate::{Store, StoreError};
use jiff::Timestamp;
use rapport_domain::{
    Actor, ApiToken, EmailAddress, NewActivity, NewUser, Role, SubjectType, TimeZoneName, TokenId,
    User, UserId,
};
use sqlx::Row;
use sqlx::any::AnyRow;

pub(crate) const USER_COLUMNS: &str = "id, name, email, role, time_zone, manager_id, language, \
     disabled_at, second_factor_at, created_at, updated_at";
const TOKEN_COLUMNS: &str = "id, user_id, name, created_at, revoked_at";

fn token_from_row(row: &AnyRow) -> Result<ApiToken, StoreError> {
    Ok(ApiToken {
        id: TokenId(row.try_get("id")?),
        user_id: UserId(row.try_get("user_id")?),
        name: row.try_get("name")?,
        created_at: timestamp(row.try_get("created_at")?)?,
        revoked_at: row
            .try_get::<Option<i64>, _>("revoked_at")?
            .map(timestamp)
            .transpose()?,
    })
}

pub(crate) fn user_from_row(row: &AnyRow) -> Result<User, StoreError> {
    Ok(User {
        id: UserId(row.try_get("id")?),
        name: row.try_get("name")?,
        email: parse(row.try_get::<&str, _>("email")?)?,
        role: parse(row.try_get::<&str, _>("role")?)?,
        time_zone: row
            .try_get::<Option<&str>, _>("time_zone")?
            .map(parse)
            .transpose()?,
        manager_id: row.try_get::<Option<i64>, _>("manager_id")?.map(UserId),
        language: row
            .try_get::<Option<&str>, _>("language")?
            .map(parse)
            .transpose()?,
        disabled_at: row
            .try_get::<Option<i64>, _>("disabled_at")?
            .map(timestamp)
            .transpose()?,
        second_factor_at: row
            .try_get::<Option<i64>, _>("second_factor_at")?
            .map(timestamp)
            .transpose()?,
        created_at: timestamp(row.try_get("created_at")?)?,
        updated_at: timestamp(row.try_get("updated_at")?)?,
    })
}

impl Store {
    pub async fn create_user(
        &self,
        new: &NewUser,
        actor: &Actor,
        now: Timestamp,
    ) -> Result<User, StoreError> {
        let mut creation = self.begin_create_unkeyed("user", now).await?;
        let row = sqlx::query(sql!(
            "insert into users (name, email, role, created_at, updated_at) values ($1, $2, $3, $4, $4) \
             returning {USER_COLUMNS}"
        ))
        .bind(new.name.trim())
        .bind(new.email.as_str())
        .bind(new.role.as_str())
        .bind(millis(now))
        .fetch_one(creation.conn())
        .await
        .map_err(|e| StoreError::from_insert(e, || format!("a user with e-mail {} already exists", new.email)))?;
        let user = user_from_row(&row)?;
        creation.finish(actor, SubjectType::User, user.id.0).await?;
        Ok(user)
    }

    /// Sets where a user works and who their manager is; the change is audited.
    pub async fn set_user_work(
        &self,
        id: UserId,
        time_zone: Option<&TimeZoneName>,
        manager: Option<UserId>,
        actor: &Actor,
        now: Timestamp,
    ) -> Result<User, StoreError> {
        let mut tx = self.write.begin().await?;
        let row = sqlx::query(sql!(
            "update users set time_zone = $1, manager_id = $2, updated_at = $3 where id = $4 \
             returning {USER_COLUMNS}"
        ))
        .bind(time_zone.map(TimeZoneName::as_str))
        .bind(manager.map(|m| m.0))
        .bind(millis(now))
        .bind(id.0)
        .fetch_optional(&mut *tx)
        .await
        .map_err(|error| match &error {
            sqlx::Error::Database(db) if db.is_foreign_key_violation() => {
                StoreError::InvalidReference {
                    field: "manager",
                    message: "no such user".into(),
                }
            }
            _ => error.into(),
        })?
        .ok_or(StoreError::NotFound {
            what: "user",
            id: id.0,
        })?;
        let user = user_from_row(&row)?;
        let entry = NewActivity {
            after: Some(format!(
                "time zone {}, manager {}",
                user.time_zone.as_ref().map_or("-", TimeZoneName::as_str),
                user.manager_id.map_or("-".to_owned(), |m| m.to_string())
            )),
            ..NewActivity::action(SubjectType::User, id.0, "updated")
        };
        record(&mut tx, actor, entry, now).await?;
        tx.commit().await?;
        Ok(user)
    }

    /// Gives a user another role; the change is audited.
    pub async fn set_user_role(
        &self,
        id: UserId,
        role: Role,
        actor: &Actor,
        now: Timestamp,
    ) -> Result<User, StoreError> {
        let mut tx = self.write.begin().await?;
        let before: Option<String> = sqlx::query_scalar("select role from users where id = $1")
            .bind(id.0)
            .fetch_optional(&mut *tx)
            .await?;
        let before = before.ok_or(StoreError::NotFound {
            what: "user",
            id: id.0,
        })?;
        let row = sqlx::query(sql!(
            "update users set role = $1, updated_at = $2 where id = $3 returning {USER_COLUMNS}"
        ))
        .bind(role.as_str())
        .bind(millis(now))
        .bind(id.0)
        .fetch_one(&mut *tx)
        .await?;
        let entry = NewActivity {
            before: Some(before),
            after: Some(role.as_str().to_owned()),
            ..NewActivity::action(SubjectType::User, id.0, "role_changed")
        };
        record(&mut tx, actor, entry, now).await?;
        tx.commit().await?;
        user_from_row(&row)
    }

    pub async fn get_user(&self, id: UserId) -> Result<User, StoreError> {
        let row = sqlx::query(sql!("select {USER_COLUMNS} from users where id = $1"))
            .bind(id.0)
            .fetch_optional(&self.read)
            .await?
            .ok_or(StoreError::NotFound {
                what: "user",
                id: id.0,
            })?;
        user_from_row(&row)
    }

    pub async fn find_user_by_email(
        &self,
        email: &EmailAddress,
    ) -> Result<Option<User>, StoreError> {
        let row = sqlx::query(sql!("select {USER_COLUMNS} from users where email = $1"))
            .bind(email.as_str())
            .fetch_optional(&self.read)
            .await?;
        row.as_ref().map(user_from_row).transpose()
    }

    pub async fn list_users(&self) -> Result<Vec<User>, StoreError> {
        let rows = sqlx::query(sql!("select {USER_COLUMNS} from users order by id"))
            .fetch_all(&self.read)
            .await?;
        rows.iter().map(user_from_row).collect()
    }

    /// Stores a token's hash for `user`; the plain token is never seen here.
    pub async fn create_api_token(
        &self,
        user: UserId,
        name: &str,
        token_hash: &str,
        actor: &Actor,
        now: Timestamp,
    ) -> Result<TokenId, StoreError> {
        let mut creation = self.begin_create_unkeyed("token", now).await?;
        let tx = creation.conn();
        let exists: Option<i64> = sqlx::query_scalar("select id from users where id = $1")
            .bind(user.0)
            .fetch_optional(&mut *tx)
            .await?;
        if exists.is_none() {
            return Err(StoreError::NotFound {
                what: "user",
                id: user.0,
            });
        }
        let id: i64 = sqlx::query_scalar(
            "insert into api_tokens (user_id, name, token_hash, created_at, updated_at) values ($1, $2, $3, $4, $4) \
             returning id",
        )
        .bind(user.0)
        .bind(name)
        .bind(token_hash)
        .bind(millis(now))
        .fetch_one(&mut *tx)
        .await?;
        creation.finish(actor, SubjectType::Token, id).await?;
        Ok(TokenId(id))
    }

    /// Tokens, newest first: one user's, or everyone's.
    pub async fn list_api_tokens(&self, user: Option<UserId>) -> Result<Vec<ApiToken>, StoreError> {
        let rows = match user {
            Some(user) => {
                sqlx::query(sql!(
                    "select {TOKEN_COLUMNS} from api_tokens where user_id = $1 order by id desc"
                ))
                .bind(user.0)
                .fetch_all(&self.read)
                .await?
            }
            None => {
                sqlx::query(sql!(
                    "select {TOKEN_COLUMNS} from api_tokens order by id desc"
                ))
                .fetch_all(&self.read)
                .await?
            }
        };
        rows.iter().map(token_from_row).collect()
    }

    pub async fn get_api_token(&self, id: TokenId) -> Result<ApiToken, StoreError> {
        let row = sqlx::query(sql!("select {TOKEN_COLUMNS} from api_tokens where id = $1"))
            .bind(id.0)
            .fetch_optional(&self.read)
            .await?
            .ok_or(StoreError::NotFound {
                what: "API token",
                id: id.0,
            })?;
        token_from_row(&row)
    }

    /// Revokes a token: it stays listed, stops authenticating, and the audit trail says
    /// who revoked it. Revoking a revoked token is a conflict.
    pub async fn revoke_api_token(
        &self,
        id: TokenId,
        actor: &Actor,
        now: Timestamp,
    ) -> Result<ApiToken, StoreError> {
        let mut tx = self.write.begin().await?;
        let row = sqlx::query(sql!(
            "update api_tokens set revoked_at = $1, updated_at = $1 where id = $2 and revoked_at is null \
             returning {TOKEN_COLUMNS}"
        ))
        .bind(millis(now))
        .bind(id.0)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(row) = row else {
            let exists: Option<i64> = sqlx::query_scalar("select id from api_tokens where id = $1")
                .bind(id.0)
                .fetch_optional(&mut *tx)
                .await?;
            return Err(match exists {
                Some(_) => StoreError::Conflict {
                    constraint: "revoked".into(),
                    message: format!("API token {} is already revoked", id.0),
                },
                None => StoreError::NotFound {
                    what: "API token",
                    id: id.0,
                },
            });
        };
        let token = token_from_row(&row)?;
        record(
            &mut tx,
            actor,
            NewActivity::action(SubjectType::Token, id.0, "revoked"),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(token)
    }

    /// Gives a user a new calendar feed address (its hash); the old one stops working.
    pub async fn set_calendar_token(
        &self,
        user: UserId,
        token_hash: &str,
        actor: &Actor,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        let mut tx = self.write.begin().await?;
        let done =
            sqlx::query("update users set calendar_token_hash = $1, updated_at = $2 where id = $3")
                .bind(token_hash)
                .bind(millis(now))
                .bind(user.0)
                .execute(&mut *tx)
                .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound {
                what: "user",
                id: user.0,
            });
        }
        let entry = NewActivity::action(SubjectType::User, user.0, "calendar_link_issued");
        record(&mut tx, actor, entry, now).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The user whose calendar feed address hashes to `token_hash`.
    pub async fn user_for_calendar_token(
        &self,
        token_hash: &str,
    ) -> Result<Option<User>, StoreError> {
        let row = sqlx::query(sql!(
            "select {USER_COLUMNS} from users where calendar_token_hash = $1 and disabled_at is null"
        ))
        .bind(token_hash)
        .fetch_optional(&self.read)
        .await?;
        row.as_ref().map(user_from_row).transpose()
    }

    /// The user a token hash belongs to, if the token exists and is not revoked.
    pub async fn user_for_token(&self, token_hash: &str) -> Result<Option<User>, StoreError> {
        let row = sqlx::query(sql!(
            "select {USER_COLUMNS} from users where disabled_at is null and id = \
             (select user_id from api_tokens where token_hash = $1 and revoked_at is null)"
        ))
        .bind(token_hash)
        .fetch_optional(&self.read)
        .await?;
        row.as_ref().map(user_from_row).transpose()
    }
}
