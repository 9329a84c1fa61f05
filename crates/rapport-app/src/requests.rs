//! Requests: create, list, read with their thread, move through the lifecycle.

use crate::text::required;
use crate::{Acting, App, AppError};
use jiff::Timestamp;
use rapport_domain::{
    Action, ClientId, EngagementId, NewRequest, Request, RequestId, RequestState, UrgencyLevel,
    UserId,
};
pub use rapport_store::RequestOrder;
use rapport_store::{Created, IdempotencyKey, RequestFilter, StoreError, Thread};

/// A new request as a front door received it.
#[derive(Debug, Clone)]
pub struct RequestInput {
    pub client_id: ClientId,
    pub engagement_id: Option<EngagementId>,
    pub subject: String,
    pub assignee_id: Option<UserId>,
    pub due_at: Option<Timestamp>,
    /// When the client's request reached us; now when absent, never later than now.
    pub received_at: Option<Timestamp>,
}

/// Which requests to list, newest first unless `order` says otherwise.
#[derive(Debug, Clone, Default)]
pub struct RequestQuery {
    pub state: Option<RequestState>,
    pub client: Option<ClientId>,
    pub assignee: Option<UserId>,
    /// Only requests older than this id (the cursor of the previous page).
    pub before_id: Option<i64>,
    pub limit: u32,
    /// Only requests with a client message decoded at this urgency.
    pub urgency: Option<UrgencyLevel>,
    /// Only requests with a client message in this language (`ja`, `zh`, `en`).
    pub language: Option<String>,
    /// Only open requests (final communication not sent) due before this moment.
    pub due_before: Option<Timestamp>,
    pub order: RequestOrder,
}

/// A move through the lifecycle.
#[derive(Debug, Clone)]
pub struct TransitionInput {
    pub to: RequestState,
    /// Only when closing without the final communication: why, in writing (audited).
    pub skip_final_reason: Option<String>,
}

/// A client reference that the actor may not see, worded as for one that does not exist.
pub(crate) fn unknown_client(id: ClientId) -> impl FnOnce() -> AppError {
    move || {
        AppError::Store(StoreError::InvalidReference {
            field: "client_id",
            message: format!("no client with id {id}"),
        })
    }
}

impl App {
    pub async fn create_request(
        &self,
        acting: &Acting,
        input: RequestInput,
        idem: Option<&IdempotencyKey>,
        now: Timestamp,
    ) -> Result<Created<Request>, AppError> {
        let client = input.client_id;
        self.may_on_client(acting, Action::WorkRequests, client, unknown_client(client))
            .await?;
        self.may_give_work(acting, client, input.assignee_id, unknown_client(client))
            .await?;
        let new = NewRequest {
            client_id: client,
            engagement_id: input.engagement_id,
            subject: required("subject", &input.subject, 500)?,
            assignee_id: input.assignee_id,
            due_at: input.due_at,
            received_at: match input.received_at {
                Some(at) if at > now => {
                    return Err(AppError::invalid(
                        "received_at",
                        "a request cannot be received in the future",
                    ));
                }
                at => at,
            },
        };
        Ok(self
            .store
            .create_request(&new, acting.actor(), idem, now)
            .await?)
    }

    /// Requests the actor may see, newest first.
    pub async fn list_requests(
        &self,
        acting: &Acting,
        query: RequestQuery,
    ) -> Result<Vec<Request>, AppError> {
        if let Some(language) = &query.language
            && !matches!(language.as_str(), "ja" | "zh" | "en")
        {
            return Err(AppError::invalid(
                "language",
                "language must be ja, zh or en",
            ));
        }
        self.scoped_requests(acting.member_scope(), query).await
    }

    /// The same within the clients `scope` works (all when none).
    pub(crate) async fn scoped_requests(
        &self,
        scope: Option<UserId>,
        query: RequestQuery,
    ) -> Result<Vec<Request>, AppError> {
        let filter = RequestFilter {
            state: query.state,
            client: query.client,
            assignee: query.assignee,
            member: scope,
            before_id: query.before_id,
            limit: query.limit,
            urgency: query.urgency,
            language: query.language,
            due_before: query.due_before,
            // A due date matters while the work is open.
            open_only: query.due_before.is_some(),
            order: query.order,
        };
        Ok(self.store.list_requests(&filter).await?)
    }

    /// A request the actor may work, or the same 404 as a missing one.
    pub(crate) async fn workable_request(
        &self,
        acting: &Acting,
        id: RequestId,
        action: Action,
    ) -> Result<Request, AppError> {
        let request = self.store.get_request(id).await?;
        let missing = move || AppError::not_found("request", id.0);
        self.may_on_client(acting, action, request.client_id, missing)
            .await?;
        Ok(request)
    }

    /// The request with every message in it, oldest first.
    pub async fn thread(&self, acting: &Acting, id: RequestId) -> Result<Thread, AppError> {
        let thread = self.store.thread(id).await?;
        let missing = move || AppError::not_found("request", id.0);
        self.may_on_client(
            acting,
            Action::ReadClient,
            thread.request.client_id,
            missing,
        )
        .await?;
        Ok(thread)
    }

    pub async fn get_request(&self, acting: &Acting, id: RequestId) -> Result<Request, AppError> {
        self.workable_request(acting, id, Action::ReadClient).await
    }

    pub async fn transition_request(
        &self,
        acting: &Acting,
        id: RequestId,
        input: TransitionInput,
        idem: Option<&IdempotencyKey>,
        now: Timestamp,
    ) -> Result<Created<Request>, AppError> {
        self.workable_request(acting, id, Action::WorkRequests)
            .await?;
        Ok(self
            .store
            .transition_request(
                id,
                input.to,
                input.skip_final_reason.as_deref(),
                acting.actor(),
                idem,
                now,
            )
            .await?)
    }
}
