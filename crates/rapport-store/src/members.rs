//! Client membership: which users work which client. An agent sees only those clients.

use crate::activity::record;
use crate::clients::require_client;
use crate::rows::millis;
use crate::users::{USER_COLUMNS, user_from_row};
use crate::{Store, StoreError};
use jiff::Timestamp;
use rapport_domain::{Actor, ClientId, NewActivity, SubjectType, User, UserId};

impl Store {
    /// Makes `user` a member of `client`; returns false when they already were.
    pub async fn add_client_member(
        &self,
        client: ClientId,
        user: UserId,
        actor: &Actor,
        now: Timestamp,
    ) -> Result<bool, StoreError> {
        let mut tx = self.write.begin().await?;
        require_client(&mut tx, client, "client_id").await?;
        let exists: Option<i64> = sqlx::query_scalar("select id from users where id = $1")
            .bind(user.0)
            .fetch_optional(&mut *tx)
            .await?;
        if exists.is_none() {
            return Err(StoreError::InvalidReference {
                field: "user_id",
                message: format!("no user with id {user}"),
            });
        }
        let already: Option<i64> = sqlx::query_scalar(
            "select user_id from client_members where client_id = $1 and user_id = $2",
        )
        .bind(client.0)
        .bind(user.0)
        .fetch_optional(&mut *tx)
        .await?;
        if already.is_some() {
            return Ok(false);
        }
        sqlx::query(
            "insert into client_members (client_id, user_id, created_at, updated_at) values ($1, $2, $3, $3)",
        )
        .bind(client.0)
        .bind(user.0)
        .bind(millis(now))
        .execute(&mut *tx)
        .await?;
        let entry = NewActivity {
            after: Some(user.to_string()),
            ..NewActivity::action(SubjectType::Membership, client.0, "member_added")
        };
        record(&mut tx, actor, entry, now).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Ends `user`'s membership of `client`; false when they were not a member.
    pub async fn remove_client_member(
        &self,
        client: ClientId,
        user: UserId,
        actor: &Actor,
        now: Timestamp,
    ) -> Result<bool, StoreError> {
        let mut tx = self.write.begin().await?;
        let done = sqlx::query("delete from client_members where client_id = $1 and user_id = $2")
            .bind(client.0)
            .bind(user.0)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 0 {
            return Ok(false);
        }
        let entry = NewActivity {
            before: Some(user.to_string()),
            ..NewActivity::action(SubjectType::Membership, client.0, "member_removed")
        };
        record(&mut tx, actor, entry, now).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// The users who work `client`, by id.
    pub async fn list_client_members(&self, client: ClientId) -> Result<Vec<User>, StoreError> {
        self.get_client(client).await?;
        let rows = sqlx::query(sql!(
            "select {USER_COLUMNS} from users \
             where id in (select user_id from client_members where client_id = $1) order by id"
        ))
        .bind(client.0)
        .fetch_all(&self.read)
        .await?;
        rows.iter().map(user_from_row).collect()
    }

    /// Whether `user` works `client`.
    pub async fn is_client_member(
        &self,
        client: ClientId,
        user: UserId,
    ) -> Result<bool, StoreError> {
        let found: Option<i64> = sqlx::query_scalar(
            "select user_id from client_members where client_id = $1 and user_id = $2",
        )
        .bind(client.0)
        .bind(user.0)
        .fetch_optional(&self.read)
        .await?;
        Ok(found.is_some())
    }
}
