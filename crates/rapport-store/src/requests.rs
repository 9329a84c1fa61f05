//! Requests, their threads of messages, and their state changes.

use crate::activity::record;
use crate::backend::json_page;
use crate::clients::{require_client, require_engagement_of};
use crate::commitments::{insert_commitment, keep_by_reply};
use crate::create::Begun;
use crate::idempotency::{self, Created, IdempotencyKey};
use crate::materials::insert_material;
use crate::outbox::insert_outbox;
use crate::rows::{Arg, Conditions, flag, millis, opt_timestamp, parse, timestamp};
use crate::{Store, StoreError};
use jiff::Timestamp;
use rapport_domain::{
    Actor, CardFacts, ClientId, Direction, EngagementId, Message, MessageEffect, MessageId,
    NewActivity, NewMessage, NewRequest, Request, RequestId, RequestState, SubjectType, Transition,
    UrgencyLevel, UserId, plan_message, plan_transition, thread_subject,
};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

pub(crate) const REQUEST_COLUMNS: &str = "id, client_id, engagement_id, subject, assignee_id, state, due_at, final_sent_at, \
                               closed_at, received_at, created_at, updated_at";
const MESSAGE_COLUMNS: &str = "id, request_id, direction, channel, author, body, is_final, sent_at, created_at, card, \
                               card_version, card_language, card_urgency, card_kind, card_due, mail";

/// Which requests to list, newest first unless `order` says otherwise.
#[derive(Debug, Clone, Default)]
pub struct RequestFilter {
    pub state: Option<RequestState>,
    pub client: Option<ClientId>,
    pub assignee: Option<UserId>,
    /// Only requests of the clients this user is a member of.
    pub member: Option<UserId>,
    /// Only requests older than this id (the cursor of the previous page; newest first only).
    pub before_id: Option<i64>,
    pub limit: u32,
    /// Only requests with a client message the decoder read at this urgency.
    pub urgency: Option<UrgencyLevel>,
    /// Only requests with a client message in this language (`ja`, `zh`, `en`).
    pub language: Option<String>,
    /// Only requests due before this moment.
    pub due_before: Option<Timestamp>,
    /// Leave out requests whose final communication went out, and closed ones.
    pub open_only: bool,
    pub order: RequestOrder,
}

/// How a list of requests is ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum RequestOrder {
    #[default]
    Newest,
    /// The nearest due time first; requests without one last.
    DueSoonest,
}

/// A request with every message in it, oldest first.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Thread {
    pub request: Request,
    pub messages: Vec<Message>,
}

pub(crate) fn request_from_row(row: &AnyRow) -> Result<Request, StoreError> {
    Ok(Request {
        id: RequestId(row.try_get("id")?),
        client_id: ClientId(row.try_get("client_id")?),
        engagement_id: row
            .try_get::<Option<i64>, _>("engagement_id")?
            .map(EngagementId),
        subject: row.try_get("subject")?,
        assignee_id: row.try_get::<Option<i64>, _>("assignee_id")?.map(UserId),
        state: parse(row.try_get::<&str, _>("state")?)?,
        due_at: opt_timestamp(row.try_get("due_at")?)?,
        final_sent_at: opt_timestamp(row.try_get("final_sent_at")?)?,
        closed_at: opt_timestamp(row.try_get("closed_at")?)?,
        received_at: timestamp(row.try_get("received_at")?)?,
        created_at: timestamp(row.try_get("created_at")?)?,
        updated_at: timestamp(row.try_get("updated_at")?)?,
    })
}

fn message_from_row(row: &AnyRow) -> Result<Message, StoreError> {
    Ok(Message {
        id: MessageId(row.try_get("id")?),
        request_id: RequestId(row.try_get("request_id")?),
        direction: parse(row.try_get::<&str, _>("direction")?)?,
        channel: parse(row.try_get::<&str, _>("channel")?)?,
        author: row.try_get("author")?,
        body: row.try_get("body")?,
        is_final: flag(row, "is_final")?,
        sent_at: timestamp(row.try_get("sent_at")?)?,
        created_at: timestamp(row.try_get("created_at")?)?,
        card: row.try_get("card")?,
        card_facts: card_facts_from_row(row)?,
        mail: row
            .try_get::<Option<&str>, _>("mail")?
            .map(|json| {
                serde_json::from_str(json)
                    .map_err(|e| StoreError::Corrupt(format!("mail envelope: {e}")))
            })
            .transpose()?,
    })
}

fn card_facts_from_row(row: &AnyRow) -> Result<Option<CardFacts>, StoreError> {
    let Some(version) = row.try_get::<Option<i32>, _>("card_version")? else {
        return Ok(None);
    };
    Ok(Some(CardFacts {
        version,
        language: row
            .try_get::<Option<String>, _>("card_language")?
            .unwrap_or_default(),
        urgency: parse(
            row.try_get::<Option<&str>, _>("card_urgency")?
                .unwrap_or("normal"),
        )?,
        primary_kind: row
            .try_get::<Option<&str>, _>("card_kind")?
            .map(parse)
            .transpose()?,
        deadline_due: opt_timestamp(row.try_get("card_due")?)?,
    }))
}

/// One request as the JSON page query returns it.
#[derive(serde::Deserialize)]
struct RequestRow {
    id: i64,
    client_id: i64,
    engagement_id: Option<i64>,
    subject: String,
    assignee_id: Option<i64>,
    state: String,
    due_at: Option<i64>,
    final_sent_at: Option<i64>,
    closed_at: Option<i64>,
    received_at: i64,
    created_at: i64,
    updated_at: i64,
}

impl RequestRow {
    fn into_request(self) -> Result<Request, StoreError> {
        Ok(Request {
            id: RequestId(self.id),
            client_id: ClientId(self.client_id),
            engagement_id: self.engagement_id.map(EngagementId),
            subject: self.subject,
            assignee_id: self.assignee_id.map(UserId),
            state: parse(&self.state)?,
            due_at: opt_timestamp(self.due_at)?,
            final_sent_at: opt_timestamp(self.final_sent_at)?,
            closed_at: opt_timestamp(self.closed_at)?,
            received_at: timestamp(self.received_at)?,
            created_at: timestamp(self.created_at)?,
            updated_at: timestamp(self.updated_at)?,
        })
    }
}

async fn load_request(conn: &mut AnyConnection, id: RequestId) -> Result<Request, StoreError> {
    load_request_locked(conn, id, "").await
}

/// Loads a request inside a writing transaction, locked where the backend needs it
/// (`Backend::lock_row`), so that what is decided on it still holds at commit.
pub(crate) async fn load_request_locked(
    conn: &mut AnyConnection,
    id: RequestId,
    lock: &str,
) -> Result<Request, StoreError> {
    let row = sqlx::query(sql!(
        "select {REQUEST_COLUMNS} from requests where id = $1{lock}"
    ))
    .bind(id.0)
    .fetch_optional(conn)
    .await?
    .ok_or(StoreError::NotFound {
        what: "request",
        id: id.0,
    })?;
    request_from_row(&row)
}

/// Writes a state change the domain agreed to, guarded against a concurrent change.
async fn apply_transition(
    conn: &mut AnyConnection,
    request: &Request,
    transition: &Transition,
    final_sent_at: Option<Timestamp>,
    actor: &Actor,
    now: Timestamp,
) -> Result<(), StoreError> {
    let final_sent_at = if transition.clears_final {
        None
    } else {
        final_sent_at.or(request.final_sent_at)
    };
    let closed_at = (transition.to == RequestState::Closed).then_some(now);
    let updated = sqlx::query(
        "update requests set state = $1, final_sent_at = $2, closed_at = $3, updated_at = $4 \
         where id = $5 and state = $6",
    )
    .bind(transition.to.as_str())
    .bind(final_sent_at.map(millis))
    .bind(closed_at.map(millis))
    .bind(millis(now))
    .bind(request.id.0)
    .bind(transition.from.as_str())
    .execute(&mut *conn)
    .await?;
    if updated.rows_affected() != 1 {
        return Err(StoreError::Conflict {
            constraint: "requests.state".into(),
            message: format!(
                "request {} changed while this change was made; reload and try again",
                request.id
            ),
        });
    }
    if transition.to == RequestState::Closed {
        // A closed request's clocks stop: its standing no longer needs anyone.
        sqlx::query("delete from sla_clocks where request_id = $1")
            .bind(request.id.0)
            .execute(&mut *conn)
            .await?;
    }
    let entry = NewActivity {
        subject_type: SubjectType::Request,
        subject_id: request.id.0,
        action: if transition.skipped_final_reason.is_some() {
            "final_skipped"
        } else {
            "transitioned"
        },
        before: Some(transition.from.as_str().to_owned()),
        after: Some(transition.to.as_str().to_owned()),
        note: transition.skipped_final_reason.clone(),
    };
    record(conn, actor, entry, now).await
}

/// The columns a new request is written with: the nine values `bind_request` binds, and
/// its creation time again as `updated_at`.
pub(crate) const REQUEST_INSERT_COLUMNS: &str = "client_id, engagement_id, subject, assignee_id, state, \
     due_at, thread_subject, received_at, created_at, updated_at";

pub(crate) type AnyQuery<'q> = sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments>;

/// Binds a new request's nine values; its thread is known by its subject without reply
/// prefixes.
pub(crate) fn bind_request<'q>(
    query: AnyQuery<'q>,
    new: &'q NewRequest,
    now: Timestamp,
) -> AnyQuery<'q> {
    query
        .bind(new.client_id.0)
        .bind(new.engagement_id.map(|e| e.0))
        .bind(new.subject.trim())
        .bind(new.assignee_id.map(|u| u.0))
        .bind(RequestState::New.as_str())
        .bind(new.due_at.map(millis))
        .bind(thread_subject(&new.subject))
        .bind(millis(new.received_at.unwrap_or(now)))
        .bind(millis(now))
}

/// A new request's missing client, for the requests `clients` of one statement.
pub(crate) fn request_insert_error(
    clients: &[ClientId],
) -> impl FnOnce(sqlx::Error) -> StoreError + '_ {
    move |error| match &error {
        sqlx::Error::Database(db) if db.is_foreign_key_violation() => {
            let mut ids: Vec<i64> = clients.iter().map(|c| c.0).collect();
            ids.sort();
            ids.dedup();
            let message = match ids.as_slice() {
                [id] => format!("no client with id {id}"),
                _ => format!("no client with one of the ids {ids:?}"),
            };
            StoreError::InvalidReference {
                field: "client_id",
                message,
            }
        }
        _ => StoreError::Other(error),
    }
}

pub(crate) async fn insert_request(
    conn: &mut AnyConnection,
    new: &NewRequest,
    now: Timestamp,
) -> Result<Request, StoreError> {
    let query = sqlx::query(sql!(
        "insert into requests ({REQUEST_INSERT_COLUMNS}) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) \
         returning {REQUEST_COLUMNS}"
    ));
    let row = bind_request(query, new, now)
        .fetch_one(conn)
        .await
        .map_err(request_insert_error(&[new.client_id]))?;
    let request = request_from_row(&row)?;
    // Deferred filing builds the request instead of reading it back: every test that
    // writes a request checks that the two agree.
    debug_assert_eq!(
        Some(&request),
        request_as_stored(request.id, new, now).ok().as_ref()
    );
    Ok(request)
}

/// The request `new` becomes once written with `id`, as reading its row gives it back
/// (times to the millisecond).
pub(crate) fn request_as_stored(
    id: RequestId,
    new: &NewRequest,
    now: Timestamp,
) -> Result<Request, StoreError> {
    let stored = |at: Timestamp| timestamp(millis(at));
    Ok(Request {
        id,
        client_id: new.client_id,
        engagement_id: new.engagement_id,
        subject: new.subject.trim().to_owned(),
        assignee_id: new.assignee_id,
        state: RequestState::New,
        due_at: new.due_at.map(stored).transpose()?,
        final_sent_at: None,
        received_at: stored(new.received_at.unwrap_or(now))?,
        created_at: stored(now)?,
        updated_at: stored(now)?,
        closed_at: None,
    })
}

/// Inserts a message into a request's thread (the request's state is the caller's).
/// Whether a new message is contact with the client (a check-in counts from it): a
/// person's message either way, not a note nor automatic mail.
pub(crate) fn counts_as_contact(new: &NewMessage) -> bool {
    new.direction != Direction::Note && new.mail.as_ref().is_none_or(|m| m.auto.is_none())
}

/// Moves a client's last contact forward to `at`.
pub(crate) async fn note_contact(
    conn: &mut AnyConnection,
    client: ClientId,
    at: Timestamp,
) -> Result<(), StoreError> {
    sqlx::query(
        "update clients set last_contact_at = $1 where id = $2 \
         and (last_contact_at is null or last_contact_at < $1)",
    )
    .bind(millis(at))
    .bind(client.0)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Stores a message and moves its client's last contact.
pub(crate) async fn insert_message(
    conn: &mut AnyConnection,
    request: RequestId,
    new: &NewMessage,
    now: Timestamp,
) -> Result<Message, StoreError> {
    let message = insert_message_row(conn, request, new, now).await?;
    if counts_as_contact(new) {
        sqlx::query(
            "update clients set last_contact_at = $1 where id = (select client_id from requests where id = $2) \
             and (last_contact_at is null or last_contact_at < $1)",
        )
        .bind(millis(new.sent_at))
        .bind(request.0)
        .execute(&mut *conn)
        .await?;
    }
    Ok(message)
}

/// The columns a message is written with: its request, the fourteen values
/// `bind_message` binds, and its creation time twice.
pub(crate) const MESSAGE_INSERT_COLUMNS: &str = "request_id, direction, channel, author, body, is_final, sent_at, \
     card, card_version, card_language, card_urgency, card_kind, card_due, mail, mail_message_id, \
     created_at, updated_at";

pub(crate) fn mail_json(new: &NewMessage) -> Result<Option<String>, StoreError> {
    new.mail
        .as_ref()
        .map(|m| {
            serde_json::to_string(m).map_err(|e| StoreError::Corrupt(format!("mail envelope: {e}")))
        })
        .transpose()
}

/// Binds a message's fourteen values, from its direction to its mail's Message-ID.
pub(crate) fn bind_message<'q>(
    query: AnyQuery<'q>,
    new: &'q NewMessage,
    mail: Option<String>,
) -> AnyQuery<'q> {
    let facts = new.card.as_ref().map(|c| &c.facts);
    query
        .bind(new.direction.as_str())
        .bind(new.channel.as_str())
        .bind(new.author.trim())
        .bind(&new.body)
        .bind(new.is_final)
        .bind(millis(new.sent_at))
        .bind(new.card.as_ref().map(|c| c.json.as_str()))
        .bind(facts.map(|f| f.version))
        .bind(facts.map(|f| f.language.as_str()))
        .bind(facts.map(|f| f.urgency.as_str()))
        .bind(facts.and_then(|f| f.primary_kind).map(|k| k.as_str()))
        .bind(facts.and_then(|f| f.deadline_due).map(millis))
        .bind(mail)
        .bind(new.mail.as_ref().and_then(|m| m.message_id.as_deref()))
}

/// The message `new` becomes once written with `id`, as reading its row gives it back
/// (times to the millisecond).
pub(crate) fn message_as_stored(
    id: MessageId,
    request: RequestId,
    new: &NewMessage,
    now: Timestamp,
) -> Result<Message, StoreError> {
    let stored = |at: Timestamp| timestamp(millis(at));
    let card_facts = match new.card.as_ref().map(|c| &c.facts) {
        Some(facts) => Some(CardFacts {
            deadline_due: facts.deadline_due.map(stored).transpose()?,
            ..facts.clone()
        }),
        None => None,
    };
    Ok(Message {
        id,
        request_id: request,
        direction: new.direction,
        channel: new.channel,
        author: new.author.trim().to_owned(),
        body: new.body.clone(),
        is_final: new.is_final,
        sent_at: stored(new.sent_at)?,
        created_at: stored(now)?,
        card: new.card.as_ref().map(|c| c.json.clone()),
        card_facts,
        mail: new.mail.clone(),
    })
}

/// Stores a message; its client's last contact is the caller's to move.
pub(crate) async fn insert_message_row(
    conn: &mut AnyConnection,
    request: RequestId,
    new: &NewMessage,
    now: Timestamp,
) -> Result<Message, StoreError> {
    let query = sqlx::query(sql!(
        "insert into messages ({MESSAGE_INSERT_COLUMNS}) values ($1, $2, $3, $4, $5, $6, $7, $8, \
         $9, $10, $11, $12, $13, $14, $15, $16, $16) returning {MESSAGE_COLUMNS}"
    ))
    .bind(request.0);
    let row = bind_message(query, new, mail_json(new)?)
        .bind(millis(now))
        .fetch_one(&mut *conn)
        .await?;
    let message = message_from_row(&row)?;
    // Deferred filing builds the message instead of reading it back: every test
    // that writes a message checks that the two agree.
    debug_assert_eq!(
        Some(&message),
        message_as_stored(message.id, request, new, now)
            .ok()
            .as_ref()
    );
    Ok(message)
}

/// Writes what a new message does to its request: the state change the domain planned,
/// or the time the final communication went out, or only the request's `updated_at`.
pub(crate) async fn apply_message_effect(
    conn: &mut AnyConnection,
    request: &Request,
    effect: &MessageEffect,
    sent_at: Timestamp,
    actor: &Actor,
    now: Timestamp,
) -> Result<(), StoreError> {
    let final_sent_at = effect.marks_final.then_some(sent_at);
    match &effect.transition {
        Some(transition) => {
            apply_transition(conn, request, transition, final_sent_at, actor, now).await
        }
        None if effect.marks_final => {
            sqlx::query("update requests set final_sent_at = $1, updated_at = $2 where id = $3")
                .bind(millis(sent_at))
                .bind(millis(now))
                .bind(request.id.0)
                .execute(conn)
                .await?;
            Ok(())
        }
        None => {
            sqlx::query("update requests set updated_at = $1 where id = $2")
                .bind(millis(now))
                .bind(request.id.0)
                .execute(conn)
                .await?;
            Ok(())
        }
    }
}

impl Store {
    pub async fn create_request(
        &self,
        new: &NewRequest,
        actor: &Actor,
        idem: Option<&IdempotencyKey>,
        now: Timestamp,
    ) -> Result<Created<Request>, StoreError> {
        let mut creation = match self.begin_create("request", idem, now).await? {
            Begun::Replay(id) => {
                return Ok(Created::replayed(self.get_request(RequestId(id)).await?));
            }
            Begun::Fresh(creation) => creation,
        };
        // The common case (client only) leaves the check to the foreign key: one statement
        // fewer per creation, and on SQLite every statement is a hand-off between threads.
        if new.assignee_id.is_some() {
            require_client(creation.conn(), new.client_id, "client_id").await?;
        }
        if let Some(engagement) = new.engagement_id {
            require_engagement_of(creation.conn(), engagement, new.client_id).await?;
        }
        if let Some(assignee) = new.assignee_id {
            let found: Option<i64> = sqlx::query_scalar("select id from users where id = $1")
                .bind(assignee.0)
                .fetch_optional(creation.conn())
                .await?;
            if found.is_none() {
                return Err(StoreError::InvalidReference {
                    field: "assignee_id",
                    message: format!("no user with id {assignee}"),
                });
            }
        }
        let request = insert_request(creation.conn(), new, now).await?;
        creation
            .finish(actor, SubjectType::Request, request.id.0)
            .await?;
        Ok(Created::new(request))
    }

    pub async fn get_request(&self, id: RequestId) -> Result<Request, StoreError> {
        let mut conn = self.read.acquire().await?;
        load_request(&mut conn, id).await
    }

    /// The request and its messages, read in one transaction so they agree.
    pub async fn thread(&self, id: RequestId) -> Result<Thread, StoreError> {
        let mut tx = self.read.begin().await?;
        let request = load_request(&mut tx, id).await?;
        let rows = sqlx::query(sql!(
            "select {MESSAGE_COLUMNS} from messages where request_id = $1 order by sent_at, id"
        ))
        .bind(id.0)
        .fetch_all(&mut *tx)
        .await?;
        let messages = rows
            .iter()
            .map(message_from_row)
            .collect::<Result<_, _>>()?;
        tx.commit().await?;
        Ok(Thread { request, messages })
    }

    pub async fn list_requests(&self, filter: &RequestFilter) -> Result<Vec<Request>, StoreError> {
        let mut conditions = Conditions::default();
        if let Some(state) = filter.state {
            conditions.push("state =", Arg::Text(state.as_str().to_owned()));
        }
        if let Some(client) = filter.client {
            conditions.push("client_id =", Arg::Int(client.0));
        }
        if let Some(assignee) = filter.assignee {
            conditions.push("assignee_id =", Arg::Int(assignee.0));
        }
        if let Some(member) = filter.member {
            conditions.push_member(member);
        }
        if let Some(id) = filter.before_id {
            conditions.push("id <", Arg::Int(id));
        }
        if let Some(urgency) = filter.urgency {
            conditions.push_around(
                "exists (select 1 from messages m where m.request_id = requests.id and m.card_urgency = {})",
                Arg::Text(urgency.as_str().to_owned()),
            );
        }
        if let Some(language) = &filter.language {
            conditions.push_around(
                "exists (select 1 from messages m where m.request_id = requests.id and m.card_language = {})",
                Arg::Text(language.clone()),
            );
        }
        if let Some(due) = filter.due_before {
            conditions.push("due_at <", Arg::Int(millis(due)));
        }
        if filter.open_only {
            conditions.push_fixed("state not in ('final_sent', 'closed')");
        }
        let (clause, _) = conditions.sql();
        let order = match filter.order {
            RequestOrder::Newest => "id desc",
            RequestOrder::DueSoonest => {
                "case when due_at is null then 1 else 0 end, due_at, id desc"
            }
        };
        let inner = format!(
            "select {REQUEST_COLUMNS} from requests{clause} order by {order} limit {}",
            filter.limit.max(1)
        );
        if !self.backend.pages_as_json() {
            let rows = conditions.bind(inner).fetch_all(&self.read).await?;
            return rows.iter().map(request_from_row).collect();
        }
        let sql = json_page(&inner, REQUEST_COLUMNS);
        let page: String = conditions
            .bind(sql)
            .fetch_one(&self.read)
            .await?
            .try_get(0)?;
        let rows: Vec<RequestRow> = serde_json::from_str(&page)
            .map_err(|e| StoreError::Corrupt(format!("request page: {e}")))?;
        rows.into_iter().map(RequestRow::into_request).collect()
    }

    /// Moves a request to `to` if the lifecycle allows it; `skip_final_reason` is a
    /// person's written reason for closing without the final communication.
    pub async fn transition_request(
        &self,
        id: RequestId,
        to: RequestState,
        skip_final_reason: Option<&str>,
        actor: &Actor,
        idem: Option<&IdempotencyKey>,
        now: Timestamp,
    ) -> Result<Created<Request>, StoreError> {
        let mut tx = self.write.begin().await?;
        if idempotency::earlier_outcome(&mut tx, idem, "transition")
            .await?
            .is_some()
        {
            drop(tx);
            return Ok(Created::replayed(self.get_request(id).await?));
        }
        let request = load_request_locked(&mut tx, id, self.backend.lock_row()).await?;
        let transition = plan_transition(&request, to, skip_final_reason)?;
        apply_transition(&mut tx, &request, &transition, None, actor, now).await?;
        idempotency::remember(&mut tx, idem, "transition", id.0, now).await?;
        let request = load_request(&mut tx, id).await?;
        tx.commit().await?;
        Ok(Created::new(request))
    }

    /// Adds a message to a request's thread, with the state change it implies
    /// (a client reply reopens a closed request; the final communication moves a
    /// resolved one to `final_sent`).
    pub async fn add_message(
        &self,
        id: RequestId,
        new: &NewMessage,
        actor: &Actor,
        idem: Option<&IdempotencyKey>,
        now: Timestamp,
    ) -> Result<Created<Message>, StoreError> {
        let mut creation = match self.begin_create("message", idem, now).await? {
            Begun::Replay(message_id) => {
                return Ok(Created::replayed(
                    self.get_message(MessageId(message_id)).await?,
                ));
            }
            Begun::Fresh(creation) => creation,
        };
        let tx = creation.conn();
        let request = load_request_locked(tx, id, self.backend.lock_row()).await?;
        // Checked under the request's lock: two replies sent at once cannot both pass.
        if let Some(seen) = new.seen_up_to {
            let newer: i64 = sqlx::query_scalar(
                "select count(*) from messages where request_id = $1 and id > $2",
            )
            .bind(id.0)
            .bind(seen.0)
            .fetch_one(&mut *tx)
            .await?;
            if newer > 0 {
                return Err(StoreError::Stale {
                    newer: usize::try_from(newer).unwrap_or(usize::MAX),
                });
            }
        }
        let effect = plan_message(&request, new.direction, new.is_final)?;
        let message = insert_message(tx, id, new, now).await?;
        if let Some(mail) = &new.send {
            insert_outbox(creation.conn(), message.id, id, mail, now).await?;
        }
        // A reply of ours keeps what earlier replies promised to get back about, and
        // commits what it promises itself.
        if new.direction == Direction::Outbound {
            keep_by_reply(creation.conn(), id, actor, now).await?;
        }
        for promise in &new.promises {
            let row = insert_commitment(creation.conn(), promise, Some(message.id), now).await?;
            let commitment_id: i64 = sqlx::Row::try_get(&row, "id")?;
            let entry = NewActivity::created(SubjectType::Commitment, commitment_id);
            record(creation.conn(), actor, entry, now).await?;
        }
        for ask in &new.asks {
            insert_material(creation.conn(), ask, Some(message.id), actor, now).await?;
        }
        creation
            .record_created(actor, SubjectType::Message, message.id.0)
            .await?;
        apply_message_effect(creation.conn(), &request, &effect, new.sent_at, actor, now).await?;
        creation.commit(message.id.0).await?;
        Ok(Created::new(message))
    }

    pub async fn get_message(&self, id: MessageId) -> Result<Message, StoreError> {
        let row = sqlx::query(sql!("select {MESSAGE_COLUMNS} from messages where id = $1"))
            .bind(id.0)
            .fetch_optional(&self.read)
            .await?
            .ok_or(StoreError::NotFound {
                what: "message",
                id: id.0,
            })?;
        message_from_row(&row)
    }
}

impl Store {
    /// The subjects and deadlines of these requests.
    pub async fn request_subjects(
        &self,
        ids: &[RequestId],
    ) -> Result<std::collections::HashMap<RequestId, (String, Option<Timestamp>)>, StoreError> {
        let mut subjects = std::collections::HashMap::new();
        for chunk in ids.chunks(crate::rows::IN_LIST) {
            let sql = format!(
                "select id, subject, due_at from requests where id in ({})",
                crate::rows::placeholders(chunk.len())
            );
            let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
            for id in chunk {
                query = query.bind(id.0);
            }
            for row in query.fetch_all(&self.read).await? {
                subjects.insert(
                    RequestId(row.try_get("id")?),
                    (
                        row.try_get("subject")?,
                        opt_timestamp(row.try_get("due_at")?)?,
                    ),
                );
            }
        }
        Ok(subjects)
    }
}

impl Store {
    /// Requests in `final_sent` whose engagement closes them on its own, with the
    /// engagement's working days and when the client last wrote.
    pub async fn requests_to_auto_close(
        &self,
    ) -> Result<Vec<(Request, u32, Option<Timestamp>)>, StoreError> {
        let columns: Vec<String> = REQUEST_COLUMNS
            .split(',')
            .map(|c| format!("r.{}", c.trim()))
            .collect();
        let rows = sqlx::query(sql!(
            "select {}, e.auto_close_after_days as after_days, (select max(m.sent_at) from messages m \
             where m.request_id = r.id and m.direction = 'inbound') as last_inbound from requests r \
             join engagements e on e.id = r.engagement_id \
             where r.state = 'final_sent' and e.auto_close_after_days is not null order by r.id",
            columns.join(", ")
        ))
        .fetch_all(&self.read)
        .await?;
        rows.iter()
            .map(|row| {
                let days: i64 = row.try_get("after_days")?;
                let days = u32::try_from(days)
                    .map_err(|_| StoreError::Corrupt(format!("auto_close_after_days {days}")))?;
                Ok((
                    request_from_row(row)?,
                    days,
                    opt_timestamp(row.try_get("last_inbound")?)?,
                ))
            })
            .collect()
    }
}
