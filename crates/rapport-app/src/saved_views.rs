//! Saved inbox filters: each person's own, by name.

use crate::text::required;
use crate::{Acting, App, AppError};
use jiff::Timestamp;
use rapport_domain::{SavedView, SavedViewId, UserId};

/// A person keeps at most this many views.
const MAX_VIEWS: usize = 50;

impl App {
    pub async fn saved_views(&self, acting: &Acting) -> Result<Vec<SavedView>, AppError> {
        Ok(self.store.saved_views(own(acting)?).await?)
    }

    /// Saves the inbox filter `query` (a query string) as `name`, replacing a view of
    /// that name.
    pub async fn save_view(
        &self,
        acting: &Acting,
        name: &str,
        query: &str,
        now: Timestamp,
    ) -> Result<SavedView, AppError> {
        let user = own(acting)?;
        let name = required("name", name, 60)?;
        if query.len() > 1000 || query.contains(['\n', '\r']) {
            return Err(AppError::invalid("query", "not an inbox filter"));
        }
        let views = self.store.saved_views(user).await?;
        if views.len() >= MAX_VIEWS && !views.iter().any(|v| v.name == name) {
            return Err(AppError::invalid(
                "name",
                format!("a person keeps at most {MAX_VIEWS} views; delete one first"),
            ));
        }
        Ok(self.store.save_view(user, &name, query, now).await?)
    }

    pub async fn delete_saved_view(
        &self,
        acting: &Acting,
        id: SavedViewId,
    ) -> Result<(), AppError> {
        Ok(self.store.delete_saved_view(own(acting)?, id).await?)
    }
}

/// Views belong to people; the desk itself has none.
fn own(acting: &Acting) -> Result<UserId, AppError> {
    acting
        .user_id()
        .ok_or_else(|| AppError::invalid("user", "saved views belong to a person; use --as"))
}
