//! Which time in a message is its deadline: candidates from `time`, ranked by the cues
//! beside them and by whether their sentence asks for something.

use crate::card::Deadline;
use crate::decode::DecodeInput;
use crate::lexicon::{Hit, spans};
use crate::text::Text;
use crate::time::{Resolved, resolve_all};
use jiff::civil::Time;
use std::ops::Range;

/// The phrases around time expressions that tell a deadline from a date in passing.
pub(crate) struct Signals<'a> {
    /// Stated urgency (ASAP, 至急, 尽快).
    pub urgent: &'a [&'a Hit],
    /// Vague timing ("soon", 近いうちに).
    pub vague: &'a [&'a Hit],
    /// Deadline cues around a time ("by", まで, 前).
    pub cues: &'a [&'a Hit],
    /// Request markers and wants (please, お願い, 麻烦, "wants", 欲しい, 想).
    pub asks: &'a [&'a Hit],
    /// The sender's own promises ("I'll send", お送りします, 我会发).
    pub promises: &'a [&'a Hit],
}

/// The deadline of a message: the earliest time it asks for, else its vague urgency.
pub(crate) fn find_deadline(
    text: &Text,
    input: &DecodeInput,
    signals: &Signals,
) -> Option<Deadline> {
    let (urgent, vague, cues) = (signals.urgent, signals.vague, signals.cues);
    let sent = input.sent_at;
    let today = sent.date();
    let calendar = input.calendar;
    // Each fresh part is read on its own: dates in quoted history and signatures are
    // never candidates, and the patterns do not scan them.
    let candidates = text
        .fresh
        .iter()
        .flat_map(|part| {
            resolve_all(&text.norm[part.clone()], sent.datetime(), calendar)
                .into_iter()
                .map(move |mut r| {
                    r.range = r.range.start + part.start..r.range.end + part.start;
                    r
                })
        })
        .filter(|r| r.date >= today);
    let due_of = |date: jiff::civil::Date, time: Option<Time>| {
        date.to_datetime(time.unwrap_or(calendar.day_end))
            .to_zoned_datetime(sent.time_zone().clone())
            .ok()
    };
    // A time beside a cue ("by Friday", 金曜日まで, 周五前) is a deadline; a bare weekday
    // or clock time counts only when cued; any other time only in a sentence that asks
    // for something ("can you send it tomorrow?"), since "we're closed until the 4th" and
    // "the launch on Oct 30" only inform. Among the best tier, the earliest wins.
    let asking = |r: &Resolved| {
        let sentence = sentence_around(&text.norm, &r.range);
        text.norm[sentence.clone()]
            .trim_end()
            .ends_with(['?', '？'])
            || signals
                .asks
                .iter()
                .chain(urgent)
                .chain(cues)
                .any(|h| sentence.start <= h.range.start && h.range.end <= sentence.end)
    };
    // "I'll send the files today; could you reply by Friday?": the time of the sender's own
    // promise is not what they ask of us.
    let promised = |r: &Resolved| {
        let sentence = sentence_around(&text.norm, &r.range);
        let within = |h: &&&Hit| sentence.start <= h.range.start && h.range.end <= sentence.end;
        signals.promises.iter().any(|h| within(&h)) && !signals.asks.iter().any(|h| within(&h))
    };
    let cued = |r: &Resolved| {
        cues.iter().any(|c| {
            let overlaps = c.range.start < r.range.end && r.range.start < c.range.end;
            let before = matches!(c.entry.label.as_str(), "before" | "around")
                && c.range.end <= r.range.start
                && r.range.start - c.range.end <= 24;
            let after = matches!(c.entry.label.as_str(), "after" | "around")
                && c.range.start >= r.range.end
                && c.range.start - r.range.end <= 9;
            overlaps || before || after
        })
    };
    let earliest = candidates
        .filter_map(|r| {
            let tier = match (r.weakness, cued(&r)) {
                (3, _) => return None,
                _ if promised(&r) => 3,
                (_, true) => 0,
                (0, false) if asking(&r) => 1,
                (1, false) if asking(&r) => 2,
                _ => return None,
            };
            Some((tier, due_of(r.date, r.time)?, r))
        })
        .min_by_key(|(tier, due, _)| (*tier, due.timestamp()))
        .map(|(_, due, r)| (due, r));
    if let Some((due, found)) = earliest {
        let span = text.span(found.range.clone());
        return Some(Deadline {
            due: Some(due),
            date: Some(found.date.to_string()),
            time_stated: found.time.is_some(),
            phrase: span.text.clone(),
            vague: false,
            evidence: vec![span],
        });
    }
    let words: Vec<&Hit> = urgent.iter().chain(vague).copied().collect();
    let first = words.iter().min_by_key(|h| h.range.start)?;
    let span = text.span(first.range.clone());
    Some(Deadline {
        due: None,
        date: None,
        time_stated: false,
        phrase: span.text.clone(),
        vague: true,
        evidence: spans(text, &words),
    })
}

/// The byte range of the sentence holding `range`: up to the nearest sentence end or line
/// break on either side.
fn sentence_around(text: &str, range: &Range<usize>) -> Range<usize> {
    let ends = |c: char| matches!(c, '.' | '!' | '?' | '\n' | '。' | '！' | '？');
    let start = text[..range.start].rfind(ends).map_or(0, |i| {
        i + text[i..].chars().next().map_or(1, char::len_utf8)
    });
    let end = text[range.end..].find(ends).map_or(text.len(), |i| {
        let at = range.end + i;
        at + text[at..].chars().next().map_or(1, char::len_utf8)
    });
    start..end
}
