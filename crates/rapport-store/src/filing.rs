//! What filing one received mail writes, shared by mail ingestion and triage: a new
//! contact for its sender, the message joined to a request or opening one, or a triage
//! entry. `Filed` reads the batch's requests once and gathers what is written once at
//! the end of the batch (on PostgreSQL its new requests and messages too: `deferred.rs`).

use crate::StoreError;
use crate::activity::record_created_many;
use crate::clients::insert_contact;
use crate::deferred::Deferred;
use crate::materials::receive_all;
use crate::requests::{
    REQUEST_COLUMNS, apply_message_effect, counts_as_contact, insert_message_row, insert_request,
    load_request_locked, note_contact, request_from_row,
};
use crate::rows::{IN_LIST, millis, parse, placeholders, timestamp};
use jiff::Timestamp;
use rapport_domain::{
    Actor, ClientId, Message, NewContact, NewMessage, NewRequest, Request, RequestId, SubjectType,
    TriageItem, TriageReason, brings_materials, plan_inbound_mail,
};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};
use std::collections::HashMap;

pub(crate) const TRIAGE_COLUMNS: &str =
    "id, reason, body, received_at, mail, request_id, client_id, created_at";

/// A batch of filing: the requests it joins, read and locked once and kept current as
/// its mail joins them; and what it writes once at its end: the audit entries of what it
/// created, the latest contact with each client, and the requests a message only
/// touched.
#[derive(Debug, Default)]
pub(crate) struct Filed<'d> {
    /// The new requests and messages written at the end, if the batch defers them.
    deferred: Option<Deferred<'d>>,
    requests: HashMap<RequestId, Request>,
    created: Vec<(SubjectType, i64)>,
    contact: HashMap<ClientId, Timestamp>,
    touched: Vec<RequestId>,
}

impl<'d> Filed<'d> {
    /// A batch that writes its new requests and messages at its end, with ids reserved
    /// now for at most `requests` and `messages` of them.
    pub(crate) async fn deferring(
        conn: &mut AnyConnection,
        requests: usize,
        messages: usize,
        now: Timestamp,
    ) -> Result<Self, StoreError> {
        Ok(Self {
            deferred: Some(Deferred::reserve(conn, requests, messages, now).await?),
            ..Self::default()
        })
    }

    /// Writes what is deferred if it holds request `id`, before `id` is read or changed.
    async fn write_request(
        &mut self,
        conn: &mut AnyConnection,
        id: RequestId,
    ) -> Result<(), StoreError> {
        match &mut self.deferred {
            Some(deferred) if deferred.holds(id) => deferred.flush(conn).await,
            _ => Ok(()),
        }
    }

    async fn insert_request(
        &mut self,
        conn: &mut AnyConnection,
        new: &NewRequest,
        now: Timestamp,
    ) -> Result<Request, StoreError> {
        if let Some(request) = self.deferred.as_mut().and_then(|d| d.request(new)) {
            return request;
        }
        insert_request(conn, new, now).await
    }

    async fn insert_message(
        &mut self,
        conn: &mut AnyConnection,
        request: RequestId,
        message: &'d NewMessage,
        now: Timestamp,
    ) -> Result<Message, StoreError> {
        if let Some(stored) = self
            .deferred
            .as_mut()
            .and_then(|d| d.message(request, message))
        {
            return stored;
        }
        // Out of reserved ids: written now, after the request it may belong to.
        self.write_request(conn, request).await?;
        insert_message_row(conn, request, message, now).await
    }

    /// Reads and locks the requests the batch's replies join, a few hundred to a statement.
    pub(crate) async fn load_requests(
        &mut self,
        conn: &mut AnyConnection,
        mut ids: Vec<RequestId>,
        lock: &str,
    ) -> Result<(), StoreError> {
        // In id order, as every writer locks them: no two batches wait on each other.
        ids.sort();
        ids.dedup();
        for chunk in ids.chunks(IN_LIST) {
            let sql = format!(
                "select {REQUEST_COLUMNS} from requests where id in ({}) order by id{lock}",
                placeholders(chunk.len())
            );
            let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
            for id in chunk {
                query = query.bind(id.0);
            }
            for row in query.fetch_all(&mut *conn).await? {
                let request = request_from_row(&row)?;
                self.requests.insert(request.id, request);
            }
        }
        Ok(())
    }

    /// The request `id`, from the batch's reads or else read and locked now.
    async fn request(
        &mut self,
        conn: &mut AnyConnection,
        id: RequestId,
        lock: &str,
    ) -> Result<Request, StoreError> {
        match self.requests.remove(&id) {
            Some(request) => Ok(request),
            None => {
                self.write_request(conn, id).await?;
                load_request_locked(conn, id, lock).await
            }
        }
    }

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
        mut self,
        conn: &mut AnyConnection,
        actor: &Actor,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        if let Some(deferred) = &mut self.deferred {
            deferred.flush(conn).await?;
        }
        record_created_many(conn, actor, &self.created, now).await?;
        for (client, at) in self.contact {
            note_contact(conn, client, at).await?;
        }
        let mut touched = self.touched;
        touched.sort();
        touched.dedup();
        for chunk in touched.chunks(IN_LIST) {
            let sql = format!(
                "update requests set updated_at = ${} where id in ({})",
                chunk.len() + 1,
                placeholders(chunk.len())
            );
            let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
            for id in chunk {
                query = query.bind(id.0);
            }
            query.bind(millis(now)).execute(&mut *conn).await?;
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
    filed: &mut Filed<'_>,
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
    filed: &mut Filed<'_>,
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
pub(crate) async fn join_request<'d>(
    conn: &mut AnyConnection,
    id: RequestId,
    message: &'d NewMessage,
    lock: &str,
    actor: &Actor,
    filed: &mut Filed<'d>,
    now: Timestamp,
) -> Result<(Message, Request), StoreError> {
    let request = filed.request(conn, id, lock).await?;
    let automatic = message.mail.as_ref().is_some_and(|m| m.is_automatic());
    let effect = plan_inbound_mail(&request, automatic);
    let stored = filed.insert_message(conn, id, message, now).await?;
    filed.created(SubjectType::Message, stored.id.0);
    filed.message(&request, message);
    if message.mail.as_ref().is_some_and(brings_materials) {
        receive_all(conn, id, actor, now).await?;
    }
    // A message that only touches its request is written with the batch's others.
    if effect.transition.is_none() && !effect.marks_final {
        filed.touched.push(id);
    } else {
        filed.write_request(conn, id).await?;
        apply_message_effect(conn, &request, &effect, message.sent_at, actor, now).await?;
    }
    // Read back only what a transition changed; otherwise only `updated_at` moved.
    let request = match effect.transition {
        Some(_) => load_request_locked(conn, id, "").await?,
        None => Request {
            updated_at: now,
            ..request
        },
    };
    filed.requests.insert(id, request.clone());
    Ok((stored, request))
}

/// Opens a request with its first message.
pub(crate) async fn open_request<'d>(
    conn: &mut AnyConnection,
    new: &NewRequest,
    message: &'d NewMessage,
    filed: &mut Filed<'d>,
    now: Timestamp,
) -> Result<(Message, Request), StoreError> {
    // A request opened by mail was received when the mail was.
    let new = NewRequest {
        received_at: new.received_at.or(Some(message.sent_at)),
        ..new.clone()
    };
    let request = filed.insert_request(conn, &new, now).await?;
    let stored = filed.insert_message(conn, request.id, message, now).await?;
    filed.requests.insert(request.id, request.clone());
    filed.created(SubjectType::Request, request.id.0);
    filed.created(SubjectType::Message, stored.id.0);
    filed.message(&request, message);
    Ok((stored, request))
}
