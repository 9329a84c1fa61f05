//! Materials requests: what the client is to send us, tracked until it arrives.

use crate::text::required;
use crate::{Acting, App, AppError};
use jiff::Timestamp;
use rapport_domain::{Action, ClientId, Material, MaterialId, NewMaterial, RequestId, Source};
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
        let filter = MaterialFilter {
            client: query.client,
            request: query.request,
            member: acting.member_scope(),
            awaited_only: query.awaited_only,
        };
        Ok(self.store.list_materials(&filter).await?)
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
