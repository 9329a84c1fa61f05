//! Decoding a text without storing it (`POST /api/v1/decode`): a client's message, or a
//! reply of ours (`outbound`).

use crate::{Acting, AppError};
use jiff::Timestamp;
use rapport_domain::{Action, CalendarId, TimeZoneName};
use rapport_language::{Card, DecodeInput, OutboundCard, OutboundInput, decode, read_outbound};

/// A text to decode and its context.
#[derive(Debug, Clone)]
pub struct DecodeText {
    pub text: String,
    pub sent_at: Timestamp,
    pub tz: TimeZoneName,
    /// `jp`, `cn` or `none`; the zone's default when absent.
    pub calendar: Option<String>,
    pub scope_included: Vec<String>,
    pub scope_excluded: Vec<String>,
    /// Read as a reply of ours instead of a client's message.
    pub outbound: Option<Outbound>,
}

/// What a reply of ours is read against.
#[derive(Debug, Clone)]
pub struct Outbound {
    /// Whether the recipient is technical (jargon is pointed out only when not).
    pub technical: bool,
    /// The client message being answered.
    pub reply_to: Option<String>,
}

/// The card of a decoded text.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(untagged)]
pub enum Decoded {
    Inbound(Box<Card>),
    Outbound(OutboundCard),
}

impl crate::App {
    pub async fn decode_text(
        &self,
        acting: &Acting,
        input: DecodeText,
    ) -> Result<Decoded, AppError> {
        acting.may(Action::Decode)?;
        let calendar = CalendarId::choose(&input.tz, input.calendar.as_deref())
            .map_err(|e| AppError::invalid("calendar", e.to_string()))?;
        let calendar = self.calendar(calendar).await?;
        tokio::task::spawn_blocking(move || {
            let sent = input.sent_at.to_zoned_datetime(input.tz.zone());
            let invalid =
                |e: rapport_language::DecodeError| AppError::invalid("text", e.to_string());
            if let Some(outbound) = &input.outbound {
                return read_outbound(&OutboundInput {
                    text: &input.text,
                    sent_at: &sent,
                    calendar: &calendar,
                    technical: outbound.technical,
                    reply_to: outbound.reply_to.as_deref(),
                })
                .map(Decoded::Outbound)
                .map_err(invalid);
            }
            let has_scope = !input.scope_included.is_empty() || !input.scope_excluded.is_empty();
            let scope = has_scope.then_some((
                input.scope_included.as_slice(),
                input.scope_excluded.as_slice(),
            ));
            decode(&DecodeInput {
                text: &input.text,
                sent_at: &sent,
                calendar: &calendar,
                scope,
            })
            .map(|card| Decoded::Inbound(Box::new(card)))
            .map_err(invalid)
        })
        .await
        .map_err(|e| AppError::Internal(format!("the decoder stopped: {e}")))?
    }
}

impl crate::App {
    /// Reads a reply being written on request `id` as it would be read when sent: in the
    /// client's zone and calendar, against the client's last message, with jargon pointed
    /// out when the person it answers is not technical. Nothing is stored.
    pub async fn preview_reply(
        &self,
        acting: &Acting,
        id: rapport_domain::RequestId,
        text: String,
        now: Timestamp,
    ) -> Result<OutboundCard, AppError> {
        let thread = self.thread(acting, id).await?;
        acting.may(Action::Decode)?;
        let client = self.store.get_client(thread.request.client_id).await?;
        let calendar = self.client_calendar(&client).await?;
        let last_inbound = thread
            .messages
            .iter()
            .rev()
            .find(|m| m.direction == rapport_domain::Direction::Inbound);
        let technical = match last_inbound {
            Some(message) => {
                let author = message.author.to_lowercase();
                let contacts = self.store.list_contacts(client.id).await?;
                contacts
                    .iter()
                    .find(|c| {
                        author.contains(c.email.as_str()) || author.contains(&c.name.to_lowercase())
                    })
                    .is_none_or(|c| c.technical)
            }
            None => true,
        };
        let reply_to = last_inbound.map(|m| m.body.clone());
        tokio::task::spawn_blocking(move || {
            let sent = now.to_zoned_datetime(client.time_zone.zone());
            let mut card = read_outbound(&OutboundInput {
                text: &text,
                sent_at: &sent,
                calendar: &calendar,
                technical,
                reply_to: reply_to.as_deref(),
            })
            .map_err(|e| AppError::invalid("body", e.to_string()))?;
            // Only what sending will await: a question to the client is answered, not
            // awaited as materials.
            card.asks.retain(crate::promises::awaited);
            Ok(card)
        })
        .await
        .map_err(|e| AppError::Internal(format!("the outbound reader stopped: {e}")))?
    }
}
