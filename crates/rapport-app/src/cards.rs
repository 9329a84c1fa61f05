//! The card of an inbound message: the one place stored messages are decoded.
//!
//! The client's zone and calendar and the engagement's scope give the decoder its
//! context. Decoding is CPU work: tens of microseconds for a usual mail, done in place;
//! a long one (up to a second for 1 MB) runs on the blocking pool, so the threads that
//! serve requests are never held up.

use crate::{App, AppError};
use jiff::Timestamp;
use rapport_domain::{BusinessCalendar, Client, Engagement, Request, StoredCard};
use rapport_language::{DecodeInput, decode};

/// Texts up to this size are decoded without leaving the async task.
pub(crate) const INLINE_DECODE_BYTES: usize = 16 * 1024;

impl App {
    /// The card of an inbound message on `request`, as JSON with its filed facts; `None`
    /// for text the decoder refuses (empty, binary): inbound mail is never lost for it.
    pub(crate) async fn inbound_card(
        &self,
        request: &Request,
        client: Client,
        text: &str,
        sent_at: Timestamp,
    ) -> Result<Option<StoredCard>, AppError> {
        let engagement = match request.engagement_id {
            Some(engagement) => Some(self.store.get_engagement(engagement).await?),
            None => None,
        };
        self.client_card(client, engagement, text, sent_at).await
    }

    /// The card of an inbound message from `client`, read against `engagement`'s scope.
    pub(crate) async fn client_card(
        &self,
        client: Client,
        engagement: Option<Engagement>,
        text: &str,
        sent_at: Timestamp,
    ) -> Result<Option<StoredCard>, AppError> {
        // Short mail is decoded in place (tens of microseconds); long mail on the
        // blocking pool, so the threads that serve requests are never held up.
        let calendar = self.client_calendar(&client).await?;
        if text.len() <= INLINE_DECODE_BYTES {
            return Ok(decode_inbound(
                &client,
                &calendar,
                engagement.as_ref(),
                text,
                sent_at,
            ));
        }
        let text = text.to_owned();
        tokio::task::spawn_blocking(move || {
            decode_inbound(&client, &calendar, engagement.as_ref(), &text, sent_at)
        })
        .await
        .map_err(|e| AppError::Internal(format!("the decoder stopped: {e}")))
    }
}

fn decode_inbound(
    client: &Client,
    calendar: &BusinessCalendar,
    engagement: Option<&Engagement>,
    text: &str,
    sent_at: Timestamp,
) -> Option<StoredCard> {
    let sent = sent_at.to_zoned_datetime(client.time_zone.zone());
    let scope = engagement.map(|e| (e.scope_included.as_slice(), e.scope_excluded.as_slice()));
    let card = decode(&DecodeInput {
        text,
        sent_at: &sent,
        calendar,
        scope,
    })
    .ok()?;
    match serde_json::to_string(&card) {
        Ok(json) => Some(StoredCard {
            json,
            facts: card.facts(),
        }),
        Err(error) => {
            tracing::error!(%error, "a decoded card could not be serialised");
            None
        }
    }
}
