//! What filing one received mail writes, shared by mail ingestion and triage: a new
//! contact for its sender, the message joined to a request or opening one, or a triage
//! entry. The audit entries and each client's last contact are gathered in `Filed` and
//! written once at the end of the batch.

use crate::StoreError;
use crate::activity::record_created_many;
use crate::clients::insert_contact;
use crate::materials::receive_all;
use crate::requests::{
    apply_message_effect, counts_as_contact, insert_message_row, insert_request,
    load_request_locked, note_contact,
};
use crate::rows::{millis, parse, timestamp};
use jiff::Timestamp;
use rapport_domain::{
    Actor, ClientId, Message, NewContact, NewMessage, NewRequest, Request, RequestId, SubjectType,
    TriageItem, TriageReason, brings_materials, plan_inbound_mail,
};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

pub(crate) const TRIAGE_COLUMNS: &str =
    "id, reason, body, received_at, mail, request_id, client_id, created_at";

/// What a batch of filing writes once at its end: the audit entries of what it created,
/// and the latest contact with each client.
#[derive(Debug, Default)]
pub(crate) struct Filed {
    created: Vec<(SubjectType, i64)>,
    contact: std::collections::HashMap<ClientId, Timestamp>,
}

impl Filed {
    fn created(&mut self, subject: SubjectType, id: i64) {
        self.created.push((subject, id));
    }

    /// Notes the message as contact with the request's client, if it is one.
    fn message(&mut self, request: &Request, message: &NewMessage) {
        if counts_as_contact(message) {
            let at = self
                .contact
                .entry(request.client_id)
                .or_insert(message.sent_at);
            *at = (*at).max(message.sent_at);
        }
    }

    pub(crate) async fn finish(
        self,
        conn: &mut AnyConnection,
        actor: &Actor,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        record_created_many(conn, actor, &self.created, now).await?;
        for (client, at) in self.contact {
            note_contact(conn, client, at).await?;
        }
        Ok(())
    }
}

pub(crate) fn triage_from_row(row: &AnyRow) -> Result<TriageItem, StoreError> {
    Ok(TriageItem {
        id: row.try_get("id")?,
        reason: parse(row.try_get::<&str, _>("reason")?)?,
        body: row.try_get("body")?,
        received_at: timestamp(row.try_get("received_at")?)?,
        mail: serde_json::from_str(row.try_get::<&str, _>("mail")?)
            .map_err(|e| StoreError::Corrupt(format!("triaged mail: {e}")))?,
        request_id: row.try_get::<Option<i64>, _>("request_id")?.map(RequestId),
        client_id: row.try_get::<Option<i64>, _>("client_id")?.map(ClientId),
        created_at: timestamp(row.try_get("created_at")?)?,
    })
}

/// Adds a contact unless the client has one with that address already; its `created`
/// entry goes to `filed`, written with the batch's.
pub(crate) async fn add_contact_once(
    conn: &mut AnyConnection,
    contact: &NewContact,
    filed: &mut Filed,
    now: Timestamp,
) -> Result<(), StoreError> {
    let existing: Option<i64> =
        sqlx::query_scalar("select id from contacts where client_id = $1 and lower(email) = $2")
            .bind(contact.client_id.0)
            .bind(contact.email.as_str().to_lowercase())
            .fetch_optional(&mut *conn)
            .await?;
    if existing.is_none() {
        let contact = insert_contact(conn, contact, now).await?;
        filed.created(SubjectType::Contact, contact.id.0);
    }
    Ok(())
}

pub(crate) async fn insert_triage(
    conn: &mut AnyConnection,
    reason: TriageReason,
    message: &NewMessage,
    filed: &mut Filed,
    now: Timestamp,
) -> Result<TriageItem, StoreError> {
    let mail = serde_json::to_string(&message.mail.clone().unwrap_or_default())
        .map_err(|e| StoreError::Corrupt(format!("triaged mail: {e}")))?;
    let row = sqlx::query(sql!(
        "insert into triage (reason, body, received_at, mail, created_at, updated_at) \
         values ($1, $2, $3, $4, $5, $5) returning {TRIAGE_COLUMNS}"
    ))
    .bind(reason.as_str())
    .bind(&message.body)
    .bind(millis(message.sent_at))
    .bind(mail)
    .bind(millis(now))
    .fetch_one(&mut *conn)
    .await?;
    let item = triage_from_row(&row)?;
    filed.created(SubjectType::Triage, item.id);
    Ok(item)
}

/// Adds an inbound mail to an existing request; automatic mail moves nothing.
pub(crate) async fn join_request(
    conn: &mut AnyConnection,
    id: RequestId,
    message: &NewMessage,
    lock: &str,
    actor: &Actor,
    filed: &mut Filed,
    now: Timestamp,
) -> Result<(Message, Request), StoreError> {
    let request = load_request_locked(conn, id, lock).await?;
    let automatic = message.mail.as_ref().is_some_and(|m| m.is_automatic());
    let effect = plan_inbound_mail(&request, automatic);
    let stored = insert_message_row(conn, id, message, now).await?;
    filed.created(SubjectType::Message, stored.id.0);
    filed.message(&request, message);
    if message.mail.as_ref().is_some_and(brings_materials) {
        receive_all(conn, id, actor, now).await?;
    }
    apply_message_effect(conn, &request, &effect, message.sent_at, actor, now).await?;
    // Read back only what a transition changed; otherwise only `updated_at` moved.
    let request = match effect.transition {
        Some(_) => load_request_locked(conn, id, "").await?,
        None => Request {
            updated_at: now,
            ..request
        },
    };
    Ok((stored, request))
}

/// Opens a request with its first message.
pub(crate) async fn open_request(
    conn: &mut AnyConnection,
    new: &NewRequest,
    message: &NewMessage,
    filed: &mut Filed,
    now: Timestamp,
) -> Result<(Message, Request), StoreError> {
    // A request opened by mail was received when the mail was.
    let new = NewRequest {
        received_at: new.received_at.or(Some(message.sent_at)),
        ..new.clone()
    };
    let request = insert_request(conn, &new, now).await?;
    filed.created(SubjectType::Request, request.id.0);
    let stored = insert_message_row(conn, request.id, message, now).await?;
    filed.created(SubjectType::Message, stored.id.0);
    filed.message(&request, message);
    Ok((stored, request))
}
