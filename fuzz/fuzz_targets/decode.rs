//! Fuzz target: any bytes, read as UTF-8 where they are, must decode without panicking,
//! and every evidence span must point into the text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rapport_domain::BusinessCalendar;
use rapport_language::{DecodeInput, decode};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let sent: jiff::Timestamp = "2026-11-27T08:59:00Z".parse().unwrap();
    for (zone, calendar) in [("Asia/Tokyo", "jp"), ("Asia/Shanghai", "cn"), ("America/New_York", "none")] {
        let sent = sent.to_zoned_datetime(jiff::tz::TimeZone::get(zone).unwrap());
        let calendar = BusinessCalendar::builtin(calendar).unwrap();
        if let Ok(card) = decode(&DecodeInput { text, sent_at: &sent, calendar, scope: None }) {
            let length = text.chars().count();
            let kinds = card.kinds.iter().flat_map(|k| k.evidence.iter());
            let tone = card.tone.evidence.iter();
            for span in card.deadline.iter().flat_map(|d| d.evidence.iter()).chain(card.urgency.evidence.iter()).chain(kinds).chain(tone) {
                assert!(span.start <= span.end && span.end <= length);
            }
        }
    }
});
