//! Messages: what the client wrote, what we sent, and notes only the team sees.

use crate::{CardFacts, MailMeta, MessageId, NewOutboxMail, RequestId, StoredCard, text_enum};
use jiff::Timestamp;

text_enum!(
    /// Which way a message went.
    Direction, "direction" {
        Inbound => "inbound",
        Outbound => "outbound",
        /// An internal note: never sent to the client.
        Note => "note",
    }
);

text_enum!(
    /// The medium a message travelled through.
    Channel, "channel" {
        Email => "email",
        Chat => "chat",
        Phone => "phone",
        Web => "web",
        Api => "api",
    }
);

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Message {
    pub id: MessageId,
    pub request_id: RequestId,
    pub direction: Direction,
    pub channel: Channel,
    /// Who wrote it, as shown in the thread: a contact's or a user's name or address.
    pub author: String,
    pub body: String,
    /// Marks the final communication: what was done, is the client satisfied, may we close.
    pub is_final: bool,
    pub sent_at: Timestamp,
    pub created_at: Timestamp,
    /// The decoded card of an inbound message, as JSON.
    pub card: Option<String>,
    /// What the card says, filed as columns.
    pub card_facts: Option<CardFacts>,
    /// The envelope, for a message that came or went by mail.
    pub mail: Option<MailMeta>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewMessage {
    pub direction: Direction,
    pub channel: Channel,
    pub author: String,
    pub body: String,
    pub is_final: bool,
    pub sent_at: Timestamp,
    /// The decoded card of an inbound message.
    pub card: Option<StoredCard>,
    pub mail: Option<MailMeta>,
    /// An outbound message that goes out by mail: committed to the outbox with it.
    pub send: Option<NewOutboxMail>,
    /// The promises an outbound message makes, committed with it.
    pub promises: Vec<crate::NewCommitment>,
    /// What an outbound message asks the client to send, awaited from then on.
    pub asks: Vec<crate::NewMaterial>,
    /// A reply written having read the thread up to this message (`MessageId(0)`: an
    /// empty thread): refused if anything newer is in the thread. None: no check.
    pub seen_up_to: Option<crate::MessageId>,
}
