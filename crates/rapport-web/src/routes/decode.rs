//! `POST /api/v1/decode`: decode a message without storing anything.

use crate::AppState;
use crate::error::{ApiError, ErrorBody};
use crate::extract::Write;
use axum::Json;
use axum::extract::State;
use jiff::Timestamp;
use rapport_app::{DecodeText, Outbound};
use rapport_domain::TimeZoneName;
use serde::Deserialize;
use utoipa::ToSchema;

/// The same object `rapport decode --jsonl` reads, plus an optional engagement scope.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DecodeRequest {
    /// Accepted so that a `--jsonl` input line can be posted as it is; not used.
    #[schema(value_type = Option<Object>)]
    #[allow(dead_code)]
    pub id: Option<serde_json::Value>,
    pub text: String,
    /// When the message was sent, RFC 3339 with offset.
    #[schema(value_type = String, format = DateTime)]
    pub sent_at: Timestamp,
    /// The client's IANA time zone.
    #[schema(value_type = String, example = "Asia/Tokyo")]
    pub tz: TimeZoneName,
    /// `jp`, `cn` or `none`; defaults from the zone.
    pub calendar: Option<String>,
    #[serde(default)]
    pub scope_included: Vec<String>,
    #[serde(default)]
    pub scope_excluded: Vec<String>,
    /// `inbound` (a client's message, the default) or `outbound` (a reply of ours:
    /// promises, asks and the linter's findings).
    pub direction: Option<String>,
    /// Outbound: whether the recipient is technical; `false` points out jargon.
    pub technical: Option<bool>,
    /// Outbound: the client message being answered, for unanswered questions.
    pub reply_to: Option<String>,
}

#[utoipa::path(post, path = "/api/v1/decode", tag = "decoder", request_body = DecodeRequest,
    responses((status = 200, body = Object, description = "the decoded card: language, kinds, urgency, deadline, requester, purpose, tone, scope, open_questions, clarifying_reply, each with evidence spans; with \"direction\": \"outbound\", the outbound card: language, commitments, asks, findings"),
        (status = 422, body = ErrorBody)))]
pub async fn decode_message(
    State(state): State<AppState>,
    input: Write<DecodeRequest>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let body = input.body;
    let outbound = match body.direction.as_deref() {
        None | Some("inbound") => None,
        Some("outbound") => Some(Outbound {
            technical: body.technical.unwrap_or(true),
            reply_to: body.reply_to,
        }),
        Some(other) => {
            return Err(ApiError::invalid_field(
                "direction",
                format!("unknown direction {other:?}; expected inbound or outbound"),
            ));
        }
    };
    let text = DecodeText {
        text: body.text,
        sent_at: body.sent_at,
        tz: body.tz,
        calendar: body.calendar,
        scope_included: body.scope_included,
        scope_excluded: body.scope_excluded,
        outbound,
    };
    let card = state.app.decode_text(&input.user.acting(), text).await?;
    let card = serde_json::to_value(&card).map_err(|e| {
        tracing::error!(error = %e, "card serialisation failed");
        ApiError::new(
            axum::http::StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "internal error",
        )
    })?;
    Ok(Json(card))
}
