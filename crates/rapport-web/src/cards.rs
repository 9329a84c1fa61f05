//! Decoded cards for inbound messages: the client's zone, calendar and the engagement's
//! scope give the decoder its context; the card is stored with the message.

use jiff::Timestamp;
use rapport_domain::{BusinessCalendar, Direction, RequestId};
use rapport_language::{DecodeInput, decode};
use rapport_store::{Store, StoreError};

/// The card of an inbound message on request `id`, as JSON; `None` for other messages
/// and for text the decoder refuses (empty, binary): inbound mail is never lost for it.
pub async fn card_for_message(
    store: &Store,
    id: RequestId,
    direction: Direction,
    text: &str,
    sent_at: Timestamp,
) -> Result<Option<String>, StoreError> {
    if direction != Direction::Inbound {
        return Ok(None);
    }
    let request = store.get_request(id).await?;
    let client = store.get_client(request.client_id).await?;
    let engagement = match request.engagement_id {
        Some(engagement) => Some(store.get_engagement(engagement).await?),
        None => None,
    };
    let calendar = BusinessCalendar::builtin(&client.calendar_id)
        .or(BusinessCalendar::builtin("none"))
        .expect("the weekends-only calendar is built in");
    let sent = sent_at.to_zoned_datetime(client.time_zone.zone());
    let scope = engagement
        .as_ref()
        .map(|e| (e.scope_included.as_slice(), e.scope_excluded.as_slice()));
    let card = decode(&DecodeInput {
        text,
        sent_at: &sent,
        calendar,
        scope,
    });
    Ok(card.ok().and_then(|card| serde_json::to_string(&card).ok()))
}
