//! Write-behind for a batch of filing on PostgreSQL, where every statement is a round
//! trip to a server sharing the machine: the batch's new requests and messages take ids
//! reserved up front, are built in memory as their rows will read back, and are written
//! many to a statement when the batch ends or before anything reads or changes them.

use crate::StoreError;
use crate::requests::{
    AnyQuery, MESSAGE_INSERT_COLUMNS, REQUEST_INSERT_COLUMNS, bind_message, bind_request,
    mail_json, message_as_stored, request_as_stored, request_insert_error,
};
use crate::rows::{batches, millis, value_rows};
use jiff::Timestamp;
use rapport_domain::{ClientId, Message, MessageId, NewMessage, NewRequest, Request, RequestId};
use sqlx::{AnyConnection, Row};
use std::collections::VecDeque;

/// At most this many rows, or this many bytes of message text, to a statement.
const ROWS: usize = 64;
const BYTES: usize = 8 << 20;

#[derive(Debug)]
pub(crate) struct Deferred<'d> {
    now: Timestamp,
    request_ids: VecDeque<RequestId>,
    message_ids: VecDeque<MessageId>,
    requests: Vec<(RequestId, NewRequest)>,
    messages: Vec<(MessageId, RequestId, &'d NewMessage)>,
}

impl<'d> Deferred<'d> {
    /// Reserves ids for at most `requests` new requests and `messages` messages, in one
    /// round trip. Ids left unused are gaps, as a rolled-back insert leaves.
    pub(crate) async fn reserve(
        conn: &mut AnyConnection,
        requests: usize,
        messages: usize,
        now: Timestamp,
    ) -> Result<Self, StoreError> {
        let mut deferred = Self {
            now,
            request_ids: VecDeque::with_capacity(requests),
            message_ids: VecDeque::with_capacity(messages),
            requests: Vec::with_capacity(requests),
            messages: Vec::with_capacity(messages),
        };
        if requests + messages == 0 {
            return Ok(deferred);
        }
        let rows = sqlx::query(
            "select 0 as kind, nextval(pg_get_serial_sequence('requests', 'id')) as id \
             from generate_series(1, $1) \
             union all select 1, nextval(pg_get_serial_sequence('messages', 'id')) \
             from generate_series(1, $2) order by 1, 2",
        )
        .bind(requests as i64)
        .bind(messages as i64)
        .fetch_all(&mut *conn)
        .await?;
        for row in rows {
            let id: i64 = row.try_get("id")?;
            match row.try_get::<i32, _>("kind")? {
                0 => deferred.request_ids.push_back(RequestId(id)),
                _ => deferred.message_ids.push_back(MessageId(id)),
            }
        }
        Ok(deferred)
    }

    /// The request `new` opens, written later; `None` when the reserved ids ran out.
    pub(crate) fn request(&mut self, new: &NewRequest) -> Option<Result<Request, StoreError>> {
        let id = self.request_ids.pop_front()?;
        let request = request_as_stored(id, new, self.now);
        self.requests.push((id, new.clone()));
        Some(request)
    }

    /// The message `new` in `request`, written later; `None` when the reserved ids ran out.
    pub(crate) fn message(
        &mut self,
        request: RequestId,
        new: &'d NewMessage,
    ) -> Option<Result<Message, StoreError>> {
        let id = self.message_ids.pop_front()?;
        self.messages.push((id, request, new));
        Some(message_as_stored(id, request, new, self.now))
    }

    /// Whether the request is built but not yet written.
    pub(crate) fn holds(&self, request: RequestId) -> bool {
        self.requests.iter().any(|(id, _)| *id == request)
    }

    /// Writes the pending requests, then the pending messages.
    pub(crate) async fn flush(&mut self, conn: &mut AnyConnection) -> Result<(), StoreError> {
        let now = self.now;
        for run in batches(&self.requests, ROWS, usize::MAX, |_| 0) {
            insert_requests(conn, &self.requests[run], now).await?;
        }
        self.requests.clear();
        for run in batches(&self.messages, ROWS, BYTES, |(_, _, m)| m.body.len()) {
            insert_messages(conn, &self.messages[run], now).await?;
        }
        self.messages.clear();
        Ok(())
    }
}

async fn insert_requests(
    conn: &mut AnyConnection,
    rows: &[(RequestId, NewRequest)],
    now: Timestamp,
) -> Result<(), StoreError> {
    let sql = sql!(
        "insert into requests (id, {REQUEST_INSERT_COLUMNS}) values {}",
        value_rows(rows.len(), 10)
    );
    let mut query: AnyQuery<'_> = sqlx::query(sql);
    for (id, new) in rows {
        query = bind_request(query.bind(id.0), new, now);
    }
    let clients: Vec<ClientId> = rows.iter().map(|(_, new)| new.client_id).collect();
    query
        .execute(&mut *conn)
        .await
        .map_err(request_insert_error(&clients))?;
    Ok(())
}

async fn insert_messages(
    conn: &mut AnyConnection,
    rows: &[(MessageId, RequestId, &NewMessage)],
    now: Timestamp,
) -> Result<(), StoreError> {
    let sql = sql!(
        "insert into messages (id, {MESSAGE_INSERT_COLUMNS}) values {}",
        value_rows(rows.len(), 17)
    );
    let mut query: AnyQuery<'_> = sqlx::query(sql);
    for (id, request, new) in rows {
        query =
            bind_message(query.bind(id.0).bind(request.0), new, mail_json(new)?).bind(millis(now));
    }
    query.execute(&mut *conn).await?;
    Ok(())
}
