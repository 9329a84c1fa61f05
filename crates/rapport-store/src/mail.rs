//! Mail: who the senders of a batch are, which requests their mail answers, and storing
//! a batch of received mail once each (with the request each opens or joins, or in
//! triage: `triage.rs`).

use crate::filing::{Filed, add_contact_once, insert_triage, join_request, open_request};
use crate::requests::{REQUEST_COLUMNS, request_from_row};
use crate::rows::{batches, millis, placeholders, value_rows};
use crate::{Backend, Store, StoreError};
use jiff::Timestamp;
use rapport_domain::{
    Actor, ClientId, MailDomain, Message, NewContact, NewMessage, NewRequest, Request, RequestId,
    TriageItem, TriageReason,
};
use sqlx::{AnyConnection, Row};
use std::collections::HashMap;

/// Who a sender's address belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sender {
    /// A known contact of this client.
    Contact {
        client: ClientId,
    },
    /// A new address at a client's mail domain.
    Domain {
        client: ClientId,
    },
    /// A contact of several clients: a person must say which.
    Ambiguous,
    Unknown,
}

/// Where a received mail goes.
#[derive(Debug, Clone)]
pub enum MailTarget {
    /// Joins this request's thread.
    Request(RequestId),
    /// Opens a new request.
    NewRequest(NewRequest),
    /// Waits in triage for a person.
    Triage(TriageReason),
    /// Goes where an earlier mail of the same batch went (a reply to it); `otherwise`
    /// when that one stored nothing or waits in triage.
    AsEarlier {
        index: usize,
        otherwise: Box<MailTarget>,
    },
}

/// A received mail, ready to be stored in one transaction.
#[derive(Debug, Clone)]
pub struct MailDelivery<'a> {
    /// SHA-256 of the raw message: the same raw message is stored once.
    pub raw_sha256: &'a str,
    /// The message as it arrived, kept with it (borrowed: it may be tens of megabytes).
    pub raw: &'a [u8],
    pub target: MailTarget,
    /// A new address at a known client's domain becomes a contact.
    pub new_contact: Option<NewContact>,
    pub message: NewMessage,
}

/// What storing a received mail did.
#[derive(Debug, Clone)]
pub enum MailStored {
    /// This raw message was stored before; nothing changed.
    Duplicate,
    /// The message joined (`opened: false`) or opened a request.
    Message {
        message: Box<Message>,
        request: Box<Request>,
        opened: bool,
    },
    Triaged(Box<TriageItem>),
}

impl Store {
    /// Who each of `addresses` (lower-case) belongs to, in two queries.
    pub async fn find_senders(
        &self,
        addresses: &[&str],
    ) -> Result<HashMap<String, Sender>, StoreError> {
        let mut senders: HashMap<String, Sender> = HashMap::new();
        if addresses.is_empty() {
            return Ok(senders);
        }
        let sql = format!(
            "select client_id, lower(email) as address from contacts where lower(email) in ({}) order by id",
            placeholders(addresses.len())
        );
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
        for address in addresses {
            query = query.bind(*address);
        }
        for row in query.fetch_all(&self.read).await? {
            let address: String = row.try_get("address")?;
            let client = ClientId(row.try_get("client_id")?);
            let sender = match senders.get(&address) {
                Some(Sender::Contact { client: first }) if *first != client => Sender::Ambiguous,
                Some(existing) => existing.clone(),
                None => Sender::Contact { client },
            };
            senders.insert(address, sender);
        }
        let unknown: Vec<&str> = addresses
            .iter()
            .copied()
            .filter(|a| !senders.contains_key(*a))
            .collect();
        let candidates: Vec<String> = unknown
            .iter()
            .flat_map(|a| MailDomain::candidates(a))
            .collect();
        if !candidates.is_empty() {
            let sql = format!(
                "select domain, client_id from client_domains where domain in ({})",
                placeholders(candidates.len())
            );
            let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
            for domain in &candidates {
                query = query.bind(domain);
            }
            let mut owners: HashMap<String, i64> = HashMap::new();
            for row in query.fetch_all(&self.read).await? {
                owners.insert(row.try_get("domain")?, row.try_get("client_id")?);
            }
            for address in unknown {
                // The most specific domain wins: tokyo.example.co.jp before example.co.jp.
                let owner = MailDomain::candidates(address)
                    .iter()
                    .find_map(|d| owners.get(d).copied());
                if let Some(client) = owner {
                    senders.insert(
                        address.to_owned(),
                        Sender::Domain {
                            client: ClientId(client),
                        },
                    );
                }
            }
        }
        Ok(senders)
    }

    /// The request each of `ids` (Message-IDs) names, for those naming a message we hold.
    pub async fn requests_by_mail_ids(
        &self,
        ids: &[&str],
    ) -> Result<HashMap<String, Request>, StoreError> {
        let mut found = HashMap::new();
        if ids.is_empty() {
            return Ok(found);
        }
        let columns: Vec<String> = REQUEST_COLUMNS
            .split(", ")
            .map(|c| format!("r.{c}"))
            .collect();
        let sql = format!(
            "select m.mail_message_id as matched, {} from messages m join requests r on r.id = m.request_id \
             where m.mail_message_id in ({}) order by m.id desc",
            columns.join(", "),
            placeholders(ids.len())
        );
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
        for id in ids {
            query = query.bind(*id);
        }
        // Oldest last, so the first message that carried an id is the one kept.
        for row in query.fetch_all(&self.read).await? {
            found.insert(
                row.try_get::<String, _>("matched")?,
                request_from_row(&row)?,
            );
        }
        Ok(found)
    }

    /// The client's most recently active request whose thread is known by `key`, if it
    /// was active since `since`.
    pub async fn request_by_thread_subject(
        &self,
        client: ClientId,
        key: &str,
        since: Timestamp,
    ) -> Result<Option<Request>, StoreError> {
        if key.is_empty() {
            return Ok(None);
        }
        let row = sqlx::query(sql!(
            "select {REQUEST_COLUMNS} from requests where client_id = $1 and thread_subject = $2 \
             and updated_at >= $3 order by updated_at desc, id desc limit 1"
        ))
        .bind(client.0)
        .bind(key)
        .bind(millis(since))
        .fetch_optional(&self.read)
        .await?;
        row.as_ref().map(request_from_row).transpose()
    }

    /// The raw message with this SHA-256, as it arrived.
    pub async fn raw_mail(&self, raw_sha256: &str) -> Result<Option<Vec<u8>>, StoreError> {
        Ok(
            sqlx::query_scalar("select raw from mail_received where sha256 = $1")
                .bind(raw_sha256)
                .fetch_optional(&self.read)
                .await?,
        )
    }

    /// Stores a batch of received mail, in order, in one transaction: a mail may go where
    /// an earlier one of the batch went. Any failure stores none of them.
    pub async fn store_mails(
        &self,
        deliveries: &[MailDelivery<'_>],
        actor: &Actor,
        now: Timestamp,
    ) -> Result<Vec<MailStored>, StoreError> {
        let mut tx = self.write.begin().await?;
        let fresh = insert_raw_mails(&mut tx, deliveries, now).await?;
        let mut filed = match self.backend {
            // Each statement is a round trip to a server sharing the machine: the batch's
            // new requests and messages are written many to a statement at its end.
            Backend::Postgres => {
                let targets = deliveries.iter().zip(&fresh).filter(|(_, f)| **f);
                let targets: Vec<&MailTarget> = targets.map(|(d, _)| &d.target).collect();
                let requests = targets.iter().filter(|t| may_open(t)).count();
                let messages = targets
                    .iter()
                    .filter(|t| !matches!(t, MailTarget::Triage(_)))
                    .count();
                Filed::deferring(&mut tx, requests, messages, now).await?
            }
            Backend::Sqlite => Filed::default(),
        };
        let joined = deliveries.iter().filter_map(|d| joined_request(&d.target));
        filed
            .load_requests(&mut tx, joined.collect(), self.backend.lock_row())
            .await?;
        let mut stored = Vec::with_capacity(deliveries.len());
        for (delivery, fresh) in deliveries.iter().zip(fresh) {
            let one = match fresh {
                false => MailStored::Duplicate,
                true => {
                    store_one(
                        &mut tx,
                        delivery,
                        &stored,
                        self.backend.lock_row(),
                        actor,
                        &mut filed,
                        now,
                    )
                    .await?
                }
            };
            stored.push(one);
        }
        filed.finish(&mut tx, actor, now).await?;
        tx.commit().await?;
        self.mail_stored(deliveries.len() as u64).await;
        Ok(stored)
    }
}

/// The stored request a mail joins, if it names one (directly or as its fallback).
fn joined_request(target: &MailTarget) -> Option<RequestId> {
    match target {
        MailTarget::Request(id) => Some(*id),
        MailTarget::AsEarlier { otherwise, .. } => joined_request(otherwise),
        MailTarget::NewRequest(_) | MailTarget::Triage(_) => None,
    }
}

/// Whether a mail may open a request (directly or as its fallback).
fn may_open(target: &MailTarget) -> bool {
    match target {
        MailTarget::NewRequest(_) => true,
        MailTarget::AsEarlier { otherwise, .. } => may_open(otherwise),
        MailTarget::Request(_) | MailTarget::Triage(_) => false,
    }
}

/// Where `target` points once the earlier mails of the batch are stored.
fn resolve<'t>(target: &'t MailTarget, earlier: &[MailStored]) -> std::borrow::Cow<'t, MailTarget> {
    match target {
        MailTarget::AsEarlier { index, otherwise } => match earlier.get(*index) {
            Some(MailStored::Message { request, .. }) => {
                std::borrow::Cow::Owned(MailTarget::Request(request.id))
            }
            _ => resolve(otherwise, earlier),
        },
        other => std::borrow::Cow::Borrowed(other),
    }
}

/// Stores the batch's raw messages, a few to a statement; says for each delivery whether
/// it is new (its bytes were not stored before, in the database or earlier in the batch).
async fn insert_raw_mails(
    tx: &mut AnyConnection,
    deliveries: &[MailDelivery<'_>],
    now: Timestamp,
) -> Result<Vec<bool>, StoreError> {
    let mut inserted: std::collections::HashSet<String> = std::collections::HashSet::new();
    // A few to a statement: at most 32 messages or 8 MiB, so a batch of large mails
    // never makes one oversized statement.
    for run in batches(deliveries, 32, 8 << 20, |d| d.raw.len()) {
        let chunk = &deliveries[run];
        let sql = format!(
            "insert into mail_received (sha256, raw, created_at, updated_at) values {} \
             on conflict (sha256) do nothing returning sha256",
            value_rows(chunk.len(), 3)
        );
        let mut query = sqlx::query_scalar::<_, String>(sqlx::AssertSqlSafe(sql));
        for delivery in chunk {
            query = query
                .bind(delivery.raw_sha256)
                .bind(delivery.raw)
                .bind(millis(now));
        }
        inserted.extend(query.fetch_all(&mut *tx).await?);
    }
    // The first of equal messages in the batch is the one stored.
    Ok(deliveries
        .iter()
        .map(|d| inserted.remove(d.raw_sha256))
        .collect())
}

async fn store_one<'d>(
    tx: &mut AnyConnection,
    delivery: &'d MailDelivery<'_>,
    earlier: &[MailStored],
    lock: &str,
    actor: &Actor,
    filed: &mut Filed<'d>,
    now: Timestamp,
) -> Result<MailStored, StoreError> {
    if let Some(contact) = &delivery.new_contact {
        add_contact_once(tx, contact, filed, now).await?;
    }
    Ok(match resolve(&delivery.target, earlier).as_ref() {
        MailTarget::Triage(reason) => MailStored::Triaged(Box::new(
            insert_triage(tx, *reason, &delivery.message, filed, now).await?,
        )),
        MailTarget::Request(id) => {
            let (message, request) =
                join_request(tx, *id, &delivery.message, lock, actor, filed, now).await?;
            MailStored::Message {
                message: Box::new(message),
                request: Box::new(request),
                opened: false,
            }
        }
        MailTarget::NewRequest(new) => {
            let (message, request) = open_request(tx, new, &delivery.message, filed, now).await?;
            MailStored::Message {
                message: Box::new(message),
                request: Box::new(request),
                opened: true,
            }
        }
        MailTarget::AsEarlier { .. } => unreachable!("resolve leaves no earlier reference"),
    })
}
