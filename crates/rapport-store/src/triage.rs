//! The triage queue: mail from senders no client is known by, kept until a manager says
//! whose it is, and then filed into a request of that client.

use crate::activity::record;
use crate::filing::{
    Filed, TRIAGE_COLUMNS, add_contact_once, join_request, open_request, triage_from_row,
};
use crate::mail::MailTarget;
use crate::rows::millis;
use crate::{Store, StoreError};
use jiff::Timestamp;
use rapport_domain::{
    Actor, Message, NewActivity, NewContact, NewMessage, Request, SubjectType, TriageItem,
};

impl Store {
    /// Triaged mail, oldest first: only what still waits for a person unless `all`.
    pub async fn list_triage(&self, all: bool, limit: u32) -> Result<Vec<TriageItem>, StoreError> {
        let filter = if all { "" } else { " where request_id is null" };
        let rows = sqlx::query(sql!(
            "select {TRIAGE_COLUMNS} from triage{filter} order by id limit {}",
            limit.max(1)
        ))
        .fetch_all(&self.read)
        .await?;
        rows.iter().map(triage_from_row).collect()
    }

    pub async fn get_triage(&self, id: i64) -> Result<TriageItem, StoreError> {
        let row = sqlx::query(sql!("select {TRIAGE_COLUMNS} from triage where id = $1"))
            .bind(id)
            .fetch_optional(&self.read)
            .await?
            .ok_or(StoreError::NotFound {
                what: "triaged message",
                id,
            })?;
        triage_from_row(&row)
    }

    /// Gives a triaged message to a client: it joins `target`'s request or opens one,
    /// its sender may become a contact, and the triage entry records where it went.
    pub async fn assign_triage(
        &self,
        id: i64,
        target: &MailTarget,
        new_contact: Option<&NewContact>,
        message: &NewMessage,
        actor: &Actor,
        now: Timestamp,
    ) -> Result<(Message, Request), StoreError> {
        let mut tx = self.write.begin().await?;
        let assigned: Option<Option<i64>> =
            sqlx::query_scalar("select request_id from triage where id = $1")
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
        match assigned {
            None => {
                return Err(StoreError::NotFound {
                    what: "triaged message",
                    id,
                });
            }
            Some(Some(request)) => {
                return Err(StoreError::Conflict {
                    constraint: "triage.request_id".into(),
                    message: format!(
                        "triaged message {id} was already assigned to request {request}"
                    ),
                });
            }
            Some(None) => {}
        }
        let mut filed = Filed::default();
        if let Some(contact) = new_contact {
            add_contact_once(&mut tx, contact, &mut filed, now).await?;
        }
        let (message, request) = match target {
            MailTarget::Request(request) => {
                join_request(
                    &mut tx,
                    *request,
                    message,
                    self.backend.lock_row(),
                    actor,
                    &mut filed,
                    now,
                )
                .await?
            }
            MailTarget::NewRequest(new) => {
                open_request(&mut tx, new, message, &mut filed, now).await?
            }
            MailTarget::Triage(_) | MailTarget::AsEarlier { .. } => {
                return Err(StoreError::Config(
                    "a triaged message is assigned to a request".into(),
                ));
            }
        };
        let updated = sqlx::query(
            "update triage set request_id = $1, client_id = $2, updated_at = $3 where id = $4 and request_id is null",
        )
        .bind(request.id.0)
        .bind(request.client_id.0)
        .bind(millis(now))
        .bind(id)
        .execute(&mut *tx)
        .await?;
        if updated.rows_affected() != 1 {
            return Err(StoreError::Conflict {
                constraint: "triage.request_id".into(),
                message: format!("triaged message {id} was assigned meanwhile"),
            });
        }
        let entry = NewActivity {
            subject_type: SubjectType::Triage,
            subject_id: id,
            action: "assigned",
            before: None,
            after: Some(format!("request {}", request.id)),
            note: None,
        };
        record(&mut tx, actor, entry, now).await?;
        filed.finish(&mut tx, actor, now).await?;
        tx.commit().await?;
        Ok((message, request))
    }
}
