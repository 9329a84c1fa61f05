//! The outbound reader: what *we* write to a client. Every promise to get back becomes a
//! commitment with its due time, every ask of the client a materials request with its
//! date, and the linter points out the habits that lose clients (bad news delivered
//! badly, blame, over-promising, jargon to a non-technical reader, bad news without a
//! plan, a client's question left unanswered). Pure and deterministic like the decoder;
//! every item carries the spans of text that produced it. A finding never blocks sending.

mod chinese;
mod english;
mod japanese;
mod lint;
mod patterns;
mod promises;
mod times;

use crate::card::rfc3339_with_offset;
use crate::decode::{DecodeError, check_text};
use crate::detect::{Lang, detect};
use crate::lexicon::{Category, Hit, scan_outbound};
use crate::text::{Sentences, Span, Text};
use jiff::ZonedDateTime;
use rapport_domain::{BusinessCalendar, LintRule};
use serde::Serialize;

/// A reply of ours and what it is read against.
pub struct OutboundInput<'a> {
    pub text: &'a str,
    /// When it is (or was) sent, in the client's time zone.
    pub sent_at: &'a ZonedDateTime,
    pub calendar: &'a BusinessCalendar,
    /// Whether the recipient is technical: jargon is pointed out only when not.
    pub technical: bool,
    /// The client message being answered, for questions left unanswered.
    pub reply_to: Option<&'a str>,
}

/// What a reply of ours commits to, asks for and should reconsider.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutboundCard {
    pub language: Lang,
    /// One per promise the sender makes, in the order written.
    pub commitments: Vec<Promise>,
    /// What we ask the client to send or do, in the order written.
    pub asks: Vec<Ask>,
    pub findings: Vec<Finding>,
}

/// A promise of ours: the sentence it is in, and when it is due.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Promise {
    /// The sentence that makes the promise, as written.
    pub promise: String,
    /// The latest moment the time phrase allows, in the client's zone; `None` when no
    /// time is said ("let me check and get back to you").
    #[serde(serialize_with = "rfc3339_with_offset")]
    pub due: Option<ZonedDateTime>,
    /// The due date in the client's zone.
    pub date: Option<String>,
    pub time_stated: bool,
    /// No time was said: the desk gives it a default and says so.
    pub vague: bool,
    /// The words that make it a promise ("I'll send", お送りいたします, 发给您).
    pub phrase: String,
    pub evidence: Vec<Span>,
}

/// Something we ask of the client.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ask {
    /// The sentence that asks, as written.
    pub what: String,
    #[serde(serialize_with = "rfc3339_with_offset")]
    pub due: Option<ZonedDateTime>,
    pub date: Option<String>,
    pub vague: bool,
    /// Only a question to the client ("any update on the logo files?"), not a request to
    /// send or do something.
    pub question: bool,
    pub evidence: Vec<Span>,
}

/// A habit the linter points out, with what to write instead.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub rule: LintRule,
    /// Why it matters, in the reply's language.
    pub message: String,
    /// Spans of the reply; for `unanswered_question`, of the client's message.
    pub evidence: Vec<Span>,
    pub suggestion: String,
}

/// Reads a reply of ours. Refuses, like the decoder, empty, oversized or binary text.
pub fn read_outbound(input: &OutboundInput) -> Result<OutboundCard, DecodeError> {
    check_text(input.text)?;
    let text = Text::new(input.text);
    let fresh = text.fresh_text();
    let language = detect(if fresh.trim().is_empty() {
        &text.norm
    } else {
        &fresh
    })
    .language;
    // The reply's language and English: a Japanese reply's 延期 is not a Chinese phrase.
    // Chinese promises and asks are read clause by clause (`chinese.rs`), not by phrase.
    let mut hits: Vec<Hit> = scan_outbound(&text)
        .into_iter()
        .filter(|h| h.entry.lang == language || h.entry.lang == Lang::En)
        .filter(|h| {
            language != Lang::Zh || !matches!(h.entry.category, Category::Promise | Category::Ask)
        })
        .collect();
    // Sentence ends are found once for every reader of this reply.
    let sentences = Sentences::new(&text.norm);
    // A pattern's anchor inside a phrase's of the same kind adds nothing.
    let anchors = match language {
        Lang::En => english::anchors(&text, &sentences),
        Lang::Ja => japanese::anchors(&text, &sentences),
        Lang::Zh => chinese::anchors(&text, &sentences),
    };
    let mut taken = Taken::default();
    for hit in &hits {
        taken.add(hit);
    }
    for anchor in anchors {
        if !taken.overlaps(&anchor) {
            taken.add(&anchor);
            hits.push(anchor);
        }
    }
    hits.sort_by_key(|h| h.range.start);
    let times = times::due_times(&text, input, language);
    let (commitments, asks) = promises::read(&text, &sentences, input, language, &hits, &times);
    let findings = lint::findings(&text, &sentences, input, language, &hits, &times);
    Ok(OutboundCard {
        language,
        commitments,
        asks,
        findings,
    })
}

/// The ranges promise and ask anchors hold, by start, to find an overlap without a scan
/// of every anchor (a reply of a megabyte holds thousands).
#[derive(Default)]
struct Taken {
    by_start: std::collections::BTreeMap<usize, Vec<(usize, Category)>>,
    longest: usize,
}

impl Taken {
    fn add(&mut self, hit: &Hit) {
        let range = &hit.range;
        self.longest = self.longest.max(range.end - range.start);
        self.by_start
            .entry(range.start)
            .or_default()
            .push((range.end, hit.entry.category));
    }

    /// Whether a held range of the hit's kind overlaps it.
    fn overlaps(&self, hit: &Hit) -> bool {
        let from = hit.range.start.saturating_sub(self.longest);
        self.by_start
            .range(from..hit.range.end)
            .flat_map(|(_, held)| held)
            .any(|&(end, category)| category == hit.entry.category && hit.range.start < end)
    }
}

/// Reads `text` as sent on Tuesday 2026-11-24 at 10:15 in `zone`, for the readers' tests.
#[cfg(test)]
pub(super) fn read_on_a_tuesday(text: &str, zone: &str) -> OutboundCard {
    read_on_a_tuesday_for(text, zone, true, None)
}

/// The same, for a reader who is `technical` or not, answering `reply_to`.
#[cfg(test)]
pub(super) fn read_on_a_tuesday_for(
    text: &str,
    zone: &str,
    technical: bool,
    reply_to: Option<&str>,
) -> OutboundCard {
    let zone = rapport_domain::TimeZoneName::parse(zone).unwrap();
    let sent = "2026-11-24T10:15:00"
        .parse::<jiff::civil::DateTime>()
        .unwrap()
        .to_zoned_datetime(zone.zone())
        .unwrap();
    let calendar = rapport_domain::CalendarId::choose(&zone, None)
        .unwrap()
        .calendar();
    read_outbound(&OutboundInput {
        text,
        sent_at: &sent,
        calendar,
        technical,
        reply_to,
    })
    .unwrap()
}
