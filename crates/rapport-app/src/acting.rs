//! `Acting`: who takes an action, with the rights the policy checks, and the checks
//! every action repeats (may this actor see this client, do this to it).

use crate::{App, AppError};
use rapport_domain::{
    Action, Actor, ClientId, Refusal, Rights, Subject, User, UserId, authorize,
    scoped_to_membership,
};

/// The person or process behind an action.
#[derive(Debug, Clone, PartialEq)]
pub struct Acting {
    actor: Actor,
    rights: Rights,
}

impl Acting {
    /// The desk itself (the command line without `--as`, the demo loader): every right.
    pub fn system(name: impl Into<String>) -> Self {
        Self {
            actor: Actor::System { name: name.into() },
            rights: Rights::System,
        }
    }

    /// A signed-in user, with the rights of their role.
    pub fn user(user: &User) -> Self {
        Self {
            actor: Actor::User {
                id: user.id,
                name: user.name.clone(),
            },
            rights: Rights::Role(user.role),
        }
    }

    /// Who the audit trail names.
    pub fn actor(&self) -> &Actor {
        &self.actor
    }

    pub fn user_id(&self) -> Option<UserId> {
        self.actor.user_id()
    }

    pub fn name(&self) -> &str {
        self.actor.name()
    }

    /// The user whose memberships bound what this actor sees, if any (agents).
    pub(crate) fn member_scope(&self) -> Option<UserId> {
        scoped_to_membership(self.rights)
            .then(|| self.user_id())
            .flatten()
    }

    /// Checks an action that is about no client in particular.
    pub(crate) fn may(&self, action: Action) -> Result<(), AppError> {
        self.decide(action, Subject::Desk, desk_is_never_hidden)
    }

    /// Checks an action on something `owner` owns; hidden is answered as `missing`.
    pub(crate) fn may_on_owned(
        &self,
        action: Action,
        owner: UserId,
        missing: impl FnOnce() -> AppError,
    ) -> Result<(), AppError> {
        let own = self.user_id() == Some(owner);
        self.decide(action, Subject::Owned { own }, missing)
    }

    /// Whether the actor may take `action` on what other users own (admins, the system).
    pub(crate) fn may_on_others(&self, action: Action) -> bool {
        authorize(self.rights, action, Subject::Owned { own: false }).is_ok()
    }

    fn decide(
        &self,
        action: Action,
        subject: Subject,
        missing: impl FnOnce() -> AppError,
    ) -> Result<(), AppError> {
        authorize(self.rights, action, subject).map_err(|refusal| match refusal {
            Refusal::Hidden => missing(),
            forbidden @ Refusal::Forbidden { .. } => AppError::Forbidden(forbidden.to_string()),
        })
    }
}

/// `Subject::Desk` is visible to everyone, so the policy never hides it.
fn desk_is_never_hidden() -> AppError {
    AppError::Forbidden("not visible to this user".into())
}

impl App {
    /// Checks `action` on `client` for `acting`. A client the actor may not see is
    /// answered by `missing()`, the same error a client that does not exist gets.
    pub(crate) async fn may_on_client(
        &self,
        acting: &Acting,
        action: Action,
        client: ClientId,
        missing: impl FnOnce() -> AppError,
    ) -> Result<(), AppError> {
        // Only an agent's view depends on membership; the others see every client.
        let member = match acting.member_scope() {
            None => true,
            Some(user) => self.store.is_client_member(client, user).await?,
        };
        acting.decide(action, Subject::Client { member }, missing)
    }

    /// Giving work of `client` (a request, a promise) to someone other than oneself is a
    /// manager's call; a client the actor may not see answers as `missing()`.
    pub(crate) async fn may_give_work(
        &self,
        acting: &Acting,
        client: ClientId,
        to: Option<UserId>,
        missing: impl FnOnce() -> AppError,
    ) -> Result<(), AppError> {
        match to {
            Some(user) if acting.user_id() != Some(user) => {
                self.may_on_client(acting, Action::AssignRequests, client, missing)
                    .await
            }
            _ => Ok(()),
        }
    }
}
