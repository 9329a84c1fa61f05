//! The promises and asks in our own replies, read by the outbound reader and committed
//! with the message: each promise becomes a commitment owned by the author, due when it
//! says (or one working day later when it says no time); each request to send or do
//! something a materials request, due when it says; both with the words that made them.

use jiff::Timestamp;
use rapport_domain::{
    BusinessCalendar, Client, NewCommitment, NewMaterial, Request, Source, TextSpan, UserId,
    one_working_day_after,
};
use rapport_language::text::Span;
use rapport_language::{OutboundInput, read_outbound};

/// The longest promise text kept: the sentence that made it, cut at a character.
const MAX_PROMISE_CHARS: usize = 2000;

/// What a reply of ours commits to.
#[derive(Debug, Default)]
pub(crate) struct Detected {
    pub promises: Vec<NewCommitment>,
    pub asks: Vec<NewMaterial>,
}

/// The commitments and materials requests `body`, a reply of ours on `request` sent at
/// `sent_at` by `owner`, makes. Text the reader refuses (empty, binary) makes none.
pub(crate) fn read_our_reply(
    client: &Client,
    calendar: &BusinessCalendar,
    request: &Request,
    owner: UserId,
    body: &str,
    sent_at: Timestamp,
) -> Detected {
    let sent = sent_at.to_zoned_datetime(client.time_zone.zone());
    let Ok(card) = read_outbound(&OutboundInput {
        text: body,
        sent_at: &sent,
        calendar,
        technical: true,
        reply_to: None,
    }) else {
        return Detected::default();
    };
    let promises = card
        .commitments
        .into_iter()
        .map(|promise| NewCommitment {
            client_id: request.client_id,
            request_id: Some(request.id),
            owner_id: owner,
            due_at: promise.due.as_ref().map_or_else(
                || one_working_day_after(&sent, calendar),
                |due| due.timestamp(),
            ),
            vague: promise.due.is_none(),
            promise: promise.promise.chars().take(MAX_PROMISE_CHARS).collect(),
            source: Source::Detected,
            evidence: spans(promise.evidence),
        })
        .collect();
    // A question ("any update on the logo files?") is answered, not sent: only a request
    // to send or do something is awaited as materials.
    let asks = card
        .asks
        .into_iter()
        .filter(awaited)
        .map(|ask| NewMaterial {
            client_id: request.client_id,
            request_id: request.id,
            what: ask.what.chars().take(MAX_PROMISE_CHARS).collect(),
            due_at: ask.due.as_ref().map(|due| due.timestamp()),
            source: Source::Detected,
            evidence: spans(ask.evidence),
        })
        .collect();
    Detected { promises, asks }
}

/// Whether an ask of ours is awaited as materials: a request to send or do something,
/// not a question.
pub(crate) fn awaited(ask: &rapport_language::Ask) -> bool {
    !ask.question
}

fn spans(evidence: Vec<Span>) -> Vec<TextSpan> {
    evidence
        .into_iter()
        .map(|span| TextSpan {
            start: span.start,
            end: span.end,
            text: span.text,
        })
        .collect()
}
