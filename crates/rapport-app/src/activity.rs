//! The audit trail, as far as the actor may see it.

use crate::{Acting, App, AppError};
use rapport_domain::{
    Action, Activity, ClientId, CommitmentId, ContactId, EngagementId, MaterialId, MessageId,
    RequestId, SubjectType,
};
use rapport_store::ActivityFilter;

/// Which entries to list, newest first.
#[derive(Debug, Clone, Default)]
pub struct ActivityQuery {
    pub subject_type: Option<SubjectType>,
    pub subject_id: Option<i64>,
    pub before_id: Option<i64>,
    pub limit: u32,
}

impl App {
    /// Admins and managers read the whole trail; an agent reads the trail of one subject
    /// of a client they work (a request, its messages, a contact, ...).
    pub async fn list_activity(
        &self,
        acting: &Acting,
        query: ActivityQuery,
    ) -> Result<Vec<Activity>, AppError> {
        if acting.member_scope().is_some() {
            let (Some(kind), Some(id)) = (query.subject_type, query.subject_id) else {
                return Err(AppError::Forbidden(
                    "an agent reads the activity of one subject: give subject_type and subject_id"
                        .into(),
                ));
            };
            let client = self.client_of(kind, id).await?;
            let missing = move || AppError::not_found(kind.as_str(), id);
            self.may_on_client(acting, Action::ReadClient, client, missing)
                .await?;
        }
        let filter = ActivityFilter {
            subject_type: query.subject_type,
            subject_id: query.subject_id,
            before_id: query.before_id,
            limit: query.limit,
        };
        Ok(self.store.list_activity(&filter).await?)
    }

    /// The client a subject of the audit trail belongs to.
    async fn client_of(&self, kind: SubjectType, id: i64) -> Result<ClientId, AppError> {
        Ok(match kind {
            SubjectType::Client | SubjectType::Membership => ClientId(id),
            SubjectType::Contact => self.store.get_contact(ContactId(id)).await?.client_id,
            SubjectType::Engagement => self.store.get_engagement(EngagementId(id)).await?.client_id,
            SubjectType::Request => self.store.get_request(RequestId(id)).await?.client_id,
            SubjectType::Message => {
                let message = self.store.get_message(MessageId(id)).await?;
                self.store.get_request(message.request_id).await?.client_id
            }
            SubjectType::Commitment => self.store.get_commitment(CommitmentId(id)).await?.client_id,
            SubjectType::Material => self.store.get_material(MaterialId(id)).await?.client_id,
            SubjectType::User
            | SubjectType::Token
            | SubjectType::Triage
            | SubjectType::Outbox
            | SubjectType::Mailbox
            | SubjectType::Calendar
            | SubjectType::SlaPolicy => {
                return Err(AppError::Forbidden(
                    "the activity of users, tokens and mail is for admins and managers".into(),
                ));
            }
        })
    }
}
