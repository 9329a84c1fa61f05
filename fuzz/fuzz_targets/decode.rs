//! Fuzz target: any bytes, read as UTF-8 where they are, must decode without panicking,
//! as a client's message and as a reply of ours (with itself as the client's message),
//! and every evidence span must point into the text it came from.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rapport_domain::CalendarId;
use rapport_language::text::Span;
use rapport_language::{DecodeInput, OutboundInput, decode, read_outbound};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let length = text.chars().count();
    let inside = |span: &Span| assert!(span.start <= span.end && span.end <= length);
    let sent: jiff::Timestamp = "2026-11-27T08:59:00Z".parse().unwrap();
    for (zone, calendar) in [("Asia/Tokyo", CalendarId::Japan), ("Asia/Shanghai", CalendarId::China), ("Europe/London", CalendarId::WeekendsOnly)] {
        let sent = sent.to_zoned_datetime(jiff::tz::TimeZone::get(zone).unwrap());
        let calendar = calendar.calendar();
        if let Ok(card) = decode(&DecodeInput { text, sent_at: &sent, calendar, scope: None }) {
            let kinds = card.kinds.iter().flat_map(|k| k.evidence.iter());
            let tone = card.tone.evidence.iter();
            card.deadline.iter().flat_map(|d| d.evidence.iter()).chain(card.urgency.evidence.iter()).chain(kinds).chain(tone).for_each(inside);
        }
        let outbound = OutboundInput { text, sent_at: &sent, calendar, technical: false, reply_to: Some(text) };
        if let Ok(card) = read_outbound(&outbound) {
            let promises = card.commitments.iter().flat_map(|c| c.evidence.iter());
            let asks = card.asks.iter().flat_map(|a| a.evidence.iter());
            let findings = card.findings.iter().flat_map(|f| f.evidence.iter());
            promises.chain(asks).chain(findings).for_each(inside);
        }
    }
});
