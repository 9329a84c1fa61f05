//! Which time in a message is its deadline: candidates from `time`, ranked by the cues
//! beside them and by whether their sentence asks for something.

use crate::card::Deadline;
use crate::lexicon::{Hit, spans};
use crate::text::{Sentences, Text};
use crate::time::{DateOrder, Resolved, resolve_all_in};
use jiff::ZonedDateTime;
use jiff::civil::{Date, Time};
use rapport_domain::BusinessCalendar;
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
    /// The language the message is written in (it decides how `04/12` reads).
    pub language: crate::Lang,
}

/// The deadline of a message: the earliest time it asks for, else its vague urgency.
pub(crate) fn find_deadline(
    text: &Text,
    sent: &ZonedDateTime,
    calendar: &BusinessCalendar,
    signals: &Signals,
) -> Option<Deadline> {
    let (urgent, vague, cues) = (signals.urgent, signals.vague, signals.cues);
    let order = DateOrder::for_client(sent.time_zone(), signals.language);
    let candidates = future_times(text, sent, calendar, order).into_iter();
    let due_of = |date, time| due_of(date, time, sent, calendar);
    // A time beside a cue ("by Friday", 金曜日まで, 周五前) is a deadline; a bare weekday
    // or clock time counts only when cued; any other time only in a sentence that asks
    // for something ("can you send it tomorrow?"), since "we're closed until the 4th" and
    // "the launch on Oct 30" only inform. Among the best tier, the earliest wins.
    // Every check below looks only near its candidate (hits are sorted by start), so a
    // message dense with times and phrases costs time in proportion to its length.
    let sentences = Sentences::new(&text.norm);
    let asking = |r: &Resolved| {
        let sentence = sentences.around(&r.range);
        text.norm[sentence.clone()]
            .trim_end()
            .ends_with(['?', '？'])
            || [signals.asks, urgent, cues]
                .iter()
                .any(|hits| any_within(hits, &sentence))
    };
    // "I'll send the files today; could you reply by Friday?": the time of the sender's own
    // promise is not what they ask of us.
    let promised = |r: &Resolved| {
        let sentence = sentences.around(&r.range);
        any_within(signals.promises, &sentence) && !any_within(signals.asks, &sentence)
    };
    // A cue counts up to 24 bytes before a time or 9 after it: only cues starting in that
    // window (widened by the longest cue) can.
    let longest_cue = cues.iter().map(|c| c.range.len()).max().unwrap_or(0);
    let cued = |r: &Resolved| {
        let from = cues.partition_point(|c| c.range.start + 24 + longest_cue < r.range.start);
        let to = cues.partition_point(|c| c.range.start <= r.range.end + 9);
        cues[from..to.max(from)].iter().any(|c| {
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

/// The time expressions of the fresh parts of `text` that are not in the past, by position.
/// Each fresh part is read on its own: dates in quoted history and signatures are never
/// candidates, and the patterns do not scan them.
pub(crate) fn future_times(
    text: &Text,
    sent: &ZonedDateTime,
    calendar: &BusinessCalendar,
    order: DateOrder,
) -> Vec<Resolved> {
    let today = sent.date();
    text.fresh
        .iter()
        .flat_map(|part| {
            resolve_all_in(&text.norm[part.clone()], sent.datetime(), calendar, order)
                .into_iter()
                .map(move |mut r| {
                    r.range = r.range.start + part.start..r.range.end + part.start;
                    r
                })
        })
        .filter(|r| r.date >= today)
        .collect()
}

/// The moment a date (and maybe a time) is due: the calendar's end of the business day
/// when no time is said, in the zone the message was sent in.
pub(crate) fn due_of(
    date: Date,
    time: Option<Time>,
    sent: &ZonedDateTime,
    calendar: &BusinessCalendar,
) -> Option<ZonedDateTime> {
    date.to_datetime(time.unwrap_or(calendar.day_end))
        .to_zoned_datetime(sent.time_zone().clone())
        .ok()
}

/// Whether one of `hits` (sorted by start) lies wholly inside `range`.
pub(crate) fn any_within(hits: &[&Hit], range: &Range<usize>) -> bool {
    let first = hits.partition_point(|h| h.range.start < range.start);
    hits[first..]
        .iter()
        .take_while(|h| h.range.start < range.end)
        .any(|h| h.range.end <= range.end)
}
