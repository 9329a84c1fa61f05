//! Commitments: promises to get back to a client, tracked until kept.

use crate::requests::unknown_client;
use crate::text::required;
use crate::{Acting, App, AppError};
use jiff::Timestamp;
use rapport_domain::{
    Action, ClientId, Commitment, CommitmentId, NewCommitment, RequestId, Source, UserId,
};
use rapport_store::{CommitmentFilter, Created, IdempotencyKey};

/// A promise as a front door received it.
#[derive(Debug, Clone)]
pub struct CommitmentInput {
    pub client_id: ClientId,
    pub request_id: Option<RequestId>,
    /// Who keeps the promise; the acting user when absent.
    pub owner_id: Option<UserId>,
    /// The promise in the words it was made.
    pub promise: String,
    pub due_at: Timestamp,
}

/// Which commitments to list, by due time.
#[derive(Debug, Clone, Default)]
pub struct CommitmentQuery {
    pub client: Option<ClientId>,
    pub request: Option<RequestId>,
    /// Leave out the ones already kept.
    pub open_only: bool,
    /// Only those this user promised.
    pub owner: Option<UserId>,
}

impl App {
    pub async fn create_commitment(
        &self,
        acting: &Acting,
        input: CommitmentInput,
        idem: Option<&IdempotencyKey>,
        now: Timestamp,
    ) -> Result<Created<Commitment>, AppError> {
        let client = input.client_id;
        self.may_on_client(acting, Action::WorkRequests, client, unknown_client(client))
            .await?;
        let owner = match (input.owner_id, acting.user_id()) {
            (Some(owner), _) => owner,
            (None, Some(me)) => me,
            (None, None) => {
                return Err(AppError::invalid(
                    "owner_id",
                    "a commitment needs its owner: the user who keeps the promise",
                ));
            }
        };
        self.may_give_work(acting, client, Some(owner), unknown_client(client))
            .await?;
        let new = NewCommitment {
            client_id: client,
            request_id: input.request_id,
            owner_id: owner,
            promise: required("promise", &input.promise, 2000)?,
            due_at: input.due_at,
            source: Source::Manual,
            vague: false,
            evidence: Vec::new(),
        };
        Ok(self
            .store
            .create_commitment(&new, acting.actor(), idem, now)
            .await?)
    }

    /// The commitments of the clients the actor may see.
    pub async fn list_commitments(
        &self,
        acting: &Acting,
        query: CommitmentQuery,
    ) -> Result<Vec<Commitment>, AppError> {
        self.tracked_commitments(acting.member_scope(), query).await
    }

    /// The same within the clients `scope` works (all when none).
    pub(crate) async fn tracked_commitments(
        &self,
        scope: Option<UserId>,
        query: CommitmentQuery,
    ) -> Result<Vec<Commitment>, AppError> {
        let filter = CommitmentFilter {
            client: query.client,
            request: query.request,
            member: scope,
            open_only: query.open_only,
            due_before: None,
            owner: query.owner,
            changed_since: None,
        };
        Ok(self.store.list_commitments(&filter).await?)
    }

    /// Marks a commitment kept; marking a kept one again changes nothing.
    pub async fn complete_commitment(
        &self,
        acting: &Acting,
        id: CommitmentId,
        now: Timestamp,
    ) -> Result<Commitment, AppError> {
        let commitment = self.store.get_commitment(id).await?;
        let missing = move || AppError::not_found("commitment", id.0);
        self.may_on_client(acting, Action::WorkRequests, commitment.client_id, missing)
            .await?;
        Ok(self
            .store
            .complete_commitment(id, acting.actor(), now)
            .await?)
    }
}
