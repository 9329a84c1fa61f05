//! Decoding a text without storing it (`POST /api/v1/decode`).

use crate::{Acting, AppError};
use jiff::Timestamp;
use rapport_domain::{Action, CalendarId, TimeZoneName};
use rapport_language::{Card, DecodeInput, decode};

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
}

impl crate::App {
    pub async fn decode_text(&self, acting: &Acting, input: DecodeText) -> Result<Card, AppError> {
        acting.may(Action::Decode)?;
        let calendar = CalendarId::choose(&input.tz, input.calendar.as_deref())
            .map_err(|e| AppError::invalid("calendar", e.to_string()))?;
        tokio::task::spawn_blocking(move || {
            let sent = input.sent_at.to_zoned_datetime(input.tz.zone());
            let has_scope = !input.scope_included.is_empty() || !input.scope_excluded.is_empty();
            let scope = has_scope.then_some((
                input.scope_included.as_slice(),
                input.scope_excluded.as_slice(),
            ));
            decode(&DecodeInput {
                text: &input.text,
                sent_at: &sent,
                calendar: calendar.calendar(),
                scope,
            })
            .map_err(|e| AppError::invalid("text", e.to_string()))
        })
        .await
        .map_err(|e| AppError::Internal(format!("the decoder stopped: {e}")))?
    }
}
