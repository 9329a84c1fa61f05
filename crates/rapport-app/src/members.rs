//! Client membership: who works which client (what an agent may see).

use crate::{Acting, App, AppError};
use jiff::Timestamp;
use rapport_domain::{Action, ClientId, User, UserId};

impl App {
    /// Makes `user` a member of `client`; false when they already were.
    pub async fn add_client_member(
        &self,
        acting: &Acting,
        client: ClientId,
        user: UserId,
        now: Timestamp,
    ) -> Result<bool, AppError> {
        let missing = move || AppError::not_found("client", client.0);
        self.may_on_client(acting, Action::ManageMembers, client, missing)
            .await?;
        Ok(self
            .store
            .add_client_member(client, user, acting.actor(), now)
            .await?)
    }

    /// Ends `user`'s membership of `client` (an agent no longer sees it); false when they
    /// were not a member.
    pub async fn remove_client_member(
        &self,
        acting: &Acting,
        client: ClientId,
        user: UserId,
        now: Timestamp,
    ) -> Result<bool, AppError> {
        let missing = move || AppError::not_found("client", client.0);
        self.may_on_client(acting, Action::ManageMembers, client, missing)
            .await?;
        Ok(self
            .store
            .remove_client_member(client, user, acting.actor(), now)
            .await?)
    }

    pub async fn list_client_members(
        &self,
        acting: &Acting,
        client: ClientId,
    ) -> Result<Vec<User>, AppError> {
        let missing = move || AppError::not_found("client", client.0);
        self.may_on_client(acting, Action::ReadClient, client, missing)
            .await?;
        Ok(self.store.list_client_members(client).await?)
    }
}
