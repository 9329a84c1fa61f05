//! Materials requests: what the client is to send us, tracked until it arrives.

use crate::drafts::{Draft, reminder_draft_of};
use crate::text::required;
use crate::{Acting, App, AppError};
use jiff::Timestamp;
use rapport_domain::{
    Action, ClientId, Material, MaterialId, NewMaterial, RequestId, Source, UserId,
    deadline_at_risk,
};
use rapport_store::{Created, IdempotencyKey, MaterialFilter};

/// A materials request as a front door received it.
#[derive(Debug, Clone)]
pub struct MaterialInput {
    pub request_id: RequestId,
    /// What the client is to send, in the words we asked.
    pub what: String,
    /// When we need it.
    pub due_at: Option<Timestamp>,
}

/// Which materials requests to list, by due time.
#[derive(Debug, Clone, Default)]
pub struct MaterialQuery {
    pub client: Option<ClientId>,
    pub request: Option<RequestId>,
    /// Leave out the ones already received.
    pub awaited_only: bool,
    /// Only those of requests assigned to this user.
    pub assignee: Option<UserId>,
}

impl App {
    pub async fn create_material(
        &self,
        acting: &Acting,
        input: MaterialInput,
        idem: Option<&IdempotencyKey>,
        now: Timestamp,
    ) -> Result<Created<Material>, AppError> {
        let request = self
            .workable_request(acting, input.request_id, Action::WorkRequests)
            .await?;
        let new = NewMaterial {
            client_id: request.client_id,
            request_id: request.id,
            what: required("what", &input.what, 2000)?,
            due_at: input.due_at,
            source: Source::Manual,
            evidence: Vec::new(),
        };
        Ok(self
            .store
            .create_material(&new, acting.actor(), idem, now)
            .await?)
    }

    /// The materials requests of the clients the actor may see.
    pub async fn list_materials(
        &self,
        acting: &Acting,
        query: MaterialQuery,
    ) -> Result<Vec<Material>, AppError> {
        self.tracked_materials(acting.member_scope(), query).await
    }

    /// The same within the clients `scope` works (all when none).
    pub(crate) async fn tracked_materials(
        &self,
        scope: Option<UserId>,
        query: MaterialQuery,
    ) -> Result<Vec<Material>, AppError> {
        let filter = MaterialFilter {
            client: query.client,
            request: query.request,
            member: scope,
            awaited_only: query.awaited_only,
            due_before: None,
            assignee: query.assignee,
        };
        Ok(self.store.list_materials(&filter).await?)
    }

    /// A gentle reminder to send `id`, in the client's language and calendar date, saying
    /// why early helps. Materials received or with no due time need none (409).
    pub async fn material_reminder(
        &self,
        acting: &Acting,
        id: MaterialId,
        now: Timestamp,
    ) -> Result<Draft, AppError> {
        let material = self.store.get_material(id).await?;
        let missing = move || AppError::not_found("material", id.0);
        self.may_on_client(acting, Action::WorkRequests, material.client_id, missing)
            .await?;
        if material.received_at.is_some() {
            return Err(conflict("these materials have arrived already"));
        }
        let Some(due) = material.due_at else {
            return Err(conflict(
                "no due time was set, so there is nothing to remind of: set one first",
            ));
        };
        let client = self.store.get_client(material.client_id).await?;
        let request = self.store.get_request(material.request_id).await?;
        Ok(reminder_draft_of(
            &client,
            &request.subject,
            &material,
            due,
            now,
        ))
    }

    /// The materials whose lateness puts the thread's request deadline at risk, for a
    /// thread already read under the actor's rights.
    pub async fn deadline_risks(
        &self,
        thread: &rapport_store::Thread,
        now: Timestamp,
    ) -> Result<Vec<Material>, AppError> {
        if thread.request.due_at.is_none() {
            return Ok(Vec::new());
        }
        let awaited = self
            .tracked_materials(
                None,
                MaterialQuery {
                    request: Some(thread.request.id),
                    awaited_only: true,
                    ..MaterialQuery::default()
                },
            )
            .await?;
        Ok(deadline_at_risk(&thread.request, &awaited, now)
            .into_iter()
            .cloned()
            .collect())
    }

    /// Marks a materials request received; marking it again changes nothing.
    pub async fn receive_material(
        &self,
        acting: &Acting,
        id: MaterialId,
        now: Timestamp,
    ) -> Result<Material, AppError> {
        let material = self.store.get_material(id).await?;
        let missing = move || AppError::not_found("material", id.0);
        self.may_on_client(acting, Action::WorkRequests, material.client_id, missing)
            .await?;
        Ok(self.store.receive_material(id, acting.actor(), now).await?)
    }
}

/// A reminder the state of the materials makes pointless (HTTP 409).
fn conflict(message: &str) -> AppError {
    AppError::Store(rapport_store::StoreError::Conflict {
        constraint: "material_state".into(),
        message: message.into(),
    })
}
