//! The promises in our own replies, read by the outbound reader and committed with the
//! message: each becomes a commitment owned by the author, due when it says (or one
//! working day later when it says no time), with the words that made it.

use jiff::Timestamp;
use rapport_domain::{
    Client, CommitmentSource, NewCommitment, Request, TextSpan, UserId, one_working_day_after,
};
use rapport_language::{OutboundInput, read_outbound};

/// The longest promise text kept: the sentence that made it, cut at a character.
const MAX_PROMISE_CHARS: usize = 2000;

/// The commitments `body`, a reply of ours on `request` sent at `sent_at` by `owner`,
/// makes. Text the reader refuses (empty, binary) promises nothing.
pub(crate) fn detected_promises(
    client: &Client,
    request: &Request,
    owner: UserId,
    body: &str,
    sent_at: Timestamp,
) -> Vec<NewCommitment> {
    let sent = sent_at.to_zoned_datetime(client.time_zone.zone());
    let calendar = client.calendar.calendar();
    let Ok(card) = read_outbound(&OutboundInput {
        text: body,
        sent_at: &sent,
        calendar,
        technical: true,
        reply_to: None,
    }) else {
        return Vec::new();
    };
    card.commitments
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
            source: CommitmentSource::Detected,
            evidence: promise
                .evidence
                .into_iter()
                .map(|span| TextSpan {
                    start: span.start,
                    end: span.end,
                    text: span.text,
                })
                .collect(),
        })
        .collect()
}
