//! Each person's saved inbox filters.

use crate::rows::millis;
use crate::{Store, StoreError};
use jiff::Timestamp;
use rapport_domain::{SavedView, SavedViewId, UserId};
use sqlx::Row;
use sqlx::any::AnyRow;

fn view_from_row(row: &AnyRow) -> Result<SavedView, StoreError> {
    Ok(SavedView {
        id: SavedViewId(row.try_get("id")?),
        user_id: UserId(row.try_get("user_id")?),
        name: row.try_get("name")?,
        query: row.try_get("query")?,
    })
}

impl Store {
    /// A person's saved views, by name.
    pub async fn saved_views(&self, user: UserId) -> Result<Vec<SavedView>, StoreError> {
        let rows = sqlx::query(
            "select id, user_id, name, query from saved_views where user_id = $1 order by name, id",
        )
        .bind(user.0)
        .fetch_all(&self.read)
        .await?;
        rows.iter().map(view_from_row).collect()
    }

    /// Saves a view under `name`; a view of the same name is replaced.
    pub async fn save_view(
        &self,
        user: UserId,
        name: &str,
        query: &str,
        now: Timestamp,
    ) -> Result<SavedView, StoreError> {
        let row = sqlx::query(
            "insert into saved_views (user_id, name, query, created_at, updated_at) \
             values ($1, $2, $3, $4, $4) \
             on conflict (user_id, name) do update set query = excluded.query, updated_at = excluded.updated_at \
             returning id, user_id, name, query",
        )
        .bind(user.0)
        .bind(name)
        .bind(query)
        .bind(millis(now))
        .fetch_one(&self.write)
        .await?;
        view_from_row(&row)
    }

    /// Deletes one of `user`'s views; someone else's is answered as missing.
    pub async fn delete_saved_view(&self, user: UserId, id: SavedViewId) -> Result<(), StoreError> {
        let done = sqlx::query("delete from saved_views where id = $1 and user_id = $2")
            .bind(id.0)
            .bind(user.0)
            .execute(&self.write)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound {
                what: "saved view",
                id: id.0,
            });
        }
        Ok(())
    }
}
