//! What the deliverable is for: the first purpose phrase of the client's fresh text that
//! names an occasion still ahead. An occasion already past ("先週の展示会", 上次发布会,
//! "our webinar last Thursday") is context, not what this request serves.

use crate::card::{Purpose, audience_and_format};
use crate::lexicon::Hit;
use crate::text::{Text, tail};

/// How far around a phrase a marker is looked for, in bytes (a few words; the
/// sentence's own start or end comes first).
const WINDOW: usize = 36;

/// Markers before an occasion, in its sentence, that put it in the past.
const PAST_BEFORE: [&str; 28] = [
    "先週",
    "先日",
    "昨日の",
    "前回の",
    "この前の",
    "この間の",
    "昨年",
    "去年",
    "先月の",
    "上周",
    "上週",
    "上次",
    "上回",
    "前几天",
    "前幾天",
    "上个月",
    "上個月",
    "已向",
    "已经向",
    "已經向",
    "last week",
    "last month",
    "last year",
    "yesterday",
    "back from",
    "thanks for",
    "thank you for",
    "saw your",
];

/// Markers just after an occasion that put it in the past (English word order).
const PAST_AFTER: [&str; 5] = [
    "last week",
    "last month",
    "last year",
    "yesterday",
    "went well",
];

/// Words just after a meeting that make the message about the meeting itself (moving
/// it, coming late to it), not something prepared for it.
const ABOUT_THE_MEETING: [&str; 9] = [
    "ですが",
    "の日程",
    "には連絡",
    "日程",
    "，能否改",
    "能否改",
    "改到",
    "改期",
    "reschedul",
];

const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// The card's purpose, from the purpose hits of the fresh text in text order.
pub(crate) fn purpose_of(text: &Text, hits: &[&Hit]) -> Option<Purpose> {
    let hit = hits.iter().find(|h| !in_the_past(&text.norm, h))?;
    let (audience, suggested_format) = audience_and_format(&hit.entry.label);
    Some(Purpose {
        purpose: hit.entry.label.clone(),
        audience,
        suggested_format,
        evidence: vec![text.span(hit.range.clone())],
    })
}

fn in_the_past(norm: &str, hit: &Hit) -> bool {
    let before = window_before(norm, hit.range.start).to_lowercase();
    if PAST_BEFORE.iter().any(|m| before.contains(m)) {
        return true;
    }
    let after = window_after(norm, hit.range.end).to_lowercase();
    let after = after.trim_start();
    if hit.entry.label == "meeting" && ABOUT_THE_MEETING.iter().any(|m| after.starts_with(m)) {
        return true;
    }
    PAST_AFTER.iter().any(|m| after.starts_with(m))
        || after
            .strip_prefix("last ")
            .is_some_and(|day| WEEKDAYS.iter().any(|d| day.starts_with(d)))
}

/// Up to `WINDOW` bytes before `at`, from the start of its sentence.
fn window_before(norm: &str, at: usize) -> &str {
    let before = tail(norm, at, WINDOW);
    let sentence_start = SENTENCE_ENDS
        .iter()
        .filter_map(|end| before.rfind(end).map(|i| i + end.len()))
        .max();
    sentence_start.map_or(before, |i| &before[i..])
}

const SENTENCE_ENDS: [&str; 7] = ["\n", "。", "！", "？", ". ", "! ", "? "];

/// Up to `WINDOW` bytes after `at` on the same line.
fn window_after(norm: &str, at: usize) -> &str {
    let line = &norm[at..norm.floor_char_boundary(at + WINDOW)];
    line.find('\n').map_or(line, |i| &line[..i])
}
