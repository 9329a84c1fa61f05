//! Triage: mail from senders the desk does not know waits here until a manager says
//! which client it belongs to; then it opens (or joins) a request like any client mail,
//! and its sender becomes a contact of that client.

use crate::mail::{Routed, new_contact, request_subject};
use crate::{Acting, App, AppError};
use jiff::Timestamp;
use rapport_domain::{Action, ClientId, Message, NewRequest, Request, RequestId, TriageItem};
use rapport_store::MailTarget;

/// Which client a triaged message belongs to, and optionally which of its requests.
#[derive(Debug, Clone)]
pub struct TriageAssignment {
    pub client_id: ClientId,
    /// Join this request instead of opening a new one.
    pub request_id: Option<RequestId>,
}

impl App {
    /// Triaged mail, oldest first; with `all`, also what was assigned already.
    pub async fn list_triage(
        &self,
        acting: &Acting,
        all: bool,
        limit: u32,
    ) -> Result<Vec<TriageItem>, AppError> {
        acting.may(Action::ManageMail)?;
        Ok(self.store.list_triage(all, limit.clamp(1, 500)).await?)
    }

    pub async fn get_triage(&self, acting: &Acting, id: i64) -> Result<TriageItem, AppError> {
        acting.may(Action::ManageMail)?;
        Ok(self.store.get_triage(id).await?)
    }

    /// Gives a triaged message to a client: it becomes a request of that client (or joins
    /// the request named), decoded in the client's zone and calendar.
    pub async fn assign_triage(
        &self,
        acting: &Acting,
        id: i64,
        assignment: TriageAssignment,
        now: Timestamp,
    ) -> Result<(Message, Request), AppError> {
        acting.may(Action::ManageMail)?;
        let item = self.store.get_triage(id).await?;
        let client = assignment.client_id;
        self.store
            .get_client(client)
            .await
            .map_err(|_| AppError::invalid("client_id", format!("no client with id {client}")))?;
        let target = match assignment.request_id {
            Some(request_id) => {
                let request = self.store.get_request(request_id).await.map_err(|_| {
                    AppError::invalid("request_id", format!("no request with id {request_id}"))
                })?;
                if request.client_id != client {
                    return Err(AppError::invalid(
                        "request_id",
                        format!(
                            "request {request_id} belongs to client {}, not to client {client}",
                            request.client_id
                        ),
                    ));
                }
                MailTarget::Request(request_id)
            }
            None => MailTarget::NewRequest(NewRequest {
                client_id: client,
                engagement_id: None,
                subject: request_subject(&item.mail.subject, &item.body),
                assignee_id: None,
                due_at: None,
                received_at: None,
            }),
        };
        let contact = match &item.mail.auto {
            None => item
                .mail
                .from
                .as_ref()
                .and_then(|from| new_contact(client, from)),
            Some(_) => None,
        };
        let engagement = match &target {
            MailTarget::Request(id) => self.store.get_request(*id).await?.engagement_id,
            _ => None,
        };
        let routed = Routed {
            target,
            client: Some(client),
            engagement,
            new_contact: contact,
        };
        let message = self
            .mail_message(
                item.mail.clone(),
                &item.body,
                item.received_at,
                &routed,
                &mut Default::default(),
            )
            .await?;
        Ok(self
            .store
            .assign_triage(
                id,
                &routed.target,
                routed.new_contact.as_ref(),
                &message,
                acting.actor(),
                now,
            )
            .await?)
    }
}
