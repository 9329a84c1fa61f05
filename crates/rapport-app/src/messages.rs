//! Adding a message to a request's thread; an inbound one is decoded here, once.

use crate::cards::INLINE_DECODE_BYTES;
use crate::promises::{Detected, read_our_reply};
use crate::text::required;
use crate::{Acting, App, AppError};
use jiff::Timestamp;
use rapport_domain::{
    Action, Channel, Direction, Message, MessageId, NewMessage, Request, RequestId,
};
use rapport_store::{Created, IdempotencyKey};

/// Bodies above this are refused through the API and the CLI, and cut (the raw message
/// keeps all) for mail: no client message is this long, and the decoder reads at most
/// 1 MiB of it anyway.
pub(crate) const MAX_BODY_CHARS: usize = 1_000_000;

/// A message as a front door received it.
#[derive(Debug, Clone)]
pub struct MessageInput {
    pub direction: Direction,
    /// `api` when absent.
    pub channel: Option<Channel>,
    /// Who wrote it; the acting user for outbound messages and notes when absent.
    pub author: Option<String>,
    pub body: String,
    /// This outbound message is the final communication.
    pub is_final: bool,
    /// When it was sent; `now` when absent.
    pub sent_at: Option<Timestamp>,
    /// Recipients of an outbound mail; the thread's last client sender when empty.
    pub to: Vec<String>,
}

/// A new message and the state of its request after it.
#[derive(Debug, Clone)]
pub struct MessageOutcome {
    pub message: Message,
    pub request: Request,
    pub replayed: bool,
}

impl App {
    /// `add_message` for a reply written while reading the thread up to message `seen`
    /// (`MessageId(0)`: an empty thread): when anything arrived after it (a client's
    /// mail, a colleague's reply), nothing is sent and the answer says so
    /// (`StoreError::Stale`), so two people never answer one message blind. Without a
    /// channel, the reply goes the way the client last wrote: by mail if they mailed,
    /// else on the web.
    pub async fn add_reply_seen(
        &self,
        acting: &Acting,
        id: RequestId,
        mut input: MessageInput,
        seen: MessageId,
        now: Timestamp,
    ) -> Result<MessageOutcome, AppError> {
        if input.channel.is_none() {
            let thread = self.thread(acting, id).await?;
            let mailed = thread
                .messages
                .iter()
                .rev()
                .find(|m| m.direction == Direction::Inbound)
                .is_some_and(|m| m.channel == Channel::Email);
            input.channel = Some(if mailed { Channel::Email } else { Channel::Web });
        }
        self.store_message(acting, id, input, None, Some(seen), now)
            .await
    }

    /// Adds a message with the state change it implies (a client reply reopens a closed
    /// request; the final communication moves a resolved one to `final_sent`). A replay of
    /// the same Idempotency-Key answers from the stored message without decoding again.
    pub async fn add_message(
        &self,
        acting: &Acting,
        id: RequestId,
        input: MessageInput,
        idem: Option<&IdempotencyKey>,
        now: Timestamp,
    ) -> Result<MessageOutcome, AppError> {
        self.store_message(acting, id, input, idem, None, now).await
    }

    async fn store_message(
        &self,
        acting: &Acting,
        id: RequestId,
        input: MessageInput,
        idem: Option<&IdempotencyKey>,
        seen_up_to: Option<MessageId>,
        now: Timestamp,
    ) -> Result<MessageOutcome, AppError> {
        let request = self
            .workable_request(acting, id, Action::WorkRequests)
            .await?;
        if let Some(message) = self.store.earlier_outcome(idem, "message").await? {
            let message = self.store.get_message(MessageId(message)).await?;
            let request = self.store.get_request(id).await?;
            return Ok(MessageOutcome {
                message,
                request,
                replayed: true,
            });
        }
        required("body", &input.body, MAX_BODY_CHARS)?;
        let author = match input.author.as_deref().map(str::trim) {
            Some(author) if !author.is_empty() => author.to_owned(),
            _ if input.direction == Direction::Inbound => {
                return Err(AppError::invalid(
                    "author",
                    "an inbound message needs its author (the client's name or address)",
                ));
            }
            _ => acting.name().to_owned(),
        };
        let sent_at = input.sent_at.unwrap_or(now);
        // The client's zone, calendar and languages: read once for the card, our reply's
        // promises and the mail that carries it.
        let client = self.store.get_client(request.client_id).await?;
        let card = match input.direction {
            Direction::Inbound => {
                self.inbound_card(&request, client.clone(), &input.body, sent_at)
                    .await?
            }
            Direction::Outbound | Direction::Note => None,
        };
        // Our reply's promises become commitments of its author, its asks materials
        // requests; the system (the CLI without --as, the mail reader) owns none.
        let detected = match (input.direction, acting.user_id()) {
            (Direction::Outbound, Some(owner)) => {
                // Like the decoder: long text is read on the blocking pool.
                let calendar = self.client_calendar(&client).await?;
                if input.body.len() <= INLINE_DECODE_BYTES {
                    read_our_reply(&client, &calendar, &request, owner, &input.body, sent_at)
                } else {
                    let (body, request, client) =
                        (input.body.clone(), request.clone(), client.clone());
                    tokio::task::spawn_blocking(move || {
                        read_our_reply(&client, &calendar, &request, owner, &body, sent_at)
                    })
                    .await
                    .map_err(|e| AppError::Internal(format!("the outbound reader stopped: {e}")))?
                }
            }
            _ => Detected::default(),
        };
        let channel = input.channel.unwrap_or(Channel::Api);
        // An outbound mail goes out through the outbox when the desk sends mail.
        let (mail, send) = match (input.direction, channel, self.outgoing()) {
            (Direction::Outbound, Channel::Email, Some(outgoing)) => {
                let (meta, send) = self
                    .compose_reply(&request, &client, &input.body, &input.to, outgoing, sent_at)
                    .await?;
                (Some(meta), Some(send))
            }
            _ => (None, None),
        };
        let new = NewMessage {
            direction: input.direction,
            channel,
            author,
            body: input.body,
            is_final: input.is_final,
            sent_at,
            card,
            mail,
            send,
            promises: detected.promises,
            asks: detected.asks,
            seen_up_to,
        };
        let Created { value, replayed } = self
            .store
            .add_message(id, &new, acting.actor(), idem, now)
            .await?;
        Ok(MessageOutcome {
            message: value,
            request: self.store.get_request(id).await?,
            replayed,
        })
    }
}
