//! `decode`: one message in, one card out. Pure and deterministic: the same input gives
//! the same card, and nothing is read from outside the binary.

use crate::card::*;
use crate::deadline::{Signals, find_deadline};
use crate::detect::{Lang, detect};
use crate::kinds::score_kinds;
use crate::lexicon::{Category, Hit, scan, spans};
use crate::purpose::purpose_of;
use crate::scope::judge_scope;
use crate::text::{Text, tail};
use jiff::ZonedDateTime;
use rapport_domain::{
    BusinessCalendar, OpenQuestion, Politeness, RequestKind, ScopeVerdict, ToneLabel, UrgencyLevel,
};
use std::collections::BTreeMap;

/// The longest message the decoder reads.
pub const MAX_TEXT_BYTES: usize = 1024 * 1024;

/// What to decode.
pub struct DecodeInput<'a> {
    pub text: &'a str,
    /// When it was sent, in the client's time zone.
    pub sent_at: &'a ZonedDateTime,
    pub calendar: &'a BusinessCalendar,
    /// The engagement's scope, when known: (included items, excluded items).
    pub scope: Option<(&'a [String], &'a [String])>,
}

/// Why a text was not decoded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("the text is empty")]
    Empty,
    #[error("the text is {0} bytes; the decoder reads at most 1 MiB per message")]
    TooLong(usize),
    #[error("the text looks like binary data ({0} control characters), not a message")]
    Binary(usize),
}

/// Refuses what is not a message: empty, longer than `MAX_TEXT_BYTES`, or binary.
pub(crate) fn check_text(raw: &str) -> Result<(), DecodeError> {
    if raw.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    if raw.len() > MAX_TEXT_BYTES {
        return Err(DecodeError::TooLong(raw.len()));
    }
    let controls = raw
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        .count();
    if controls * 20 > raw.chars().count().max(1) || raw.contains('\0') {
        return Err(DecodeError::Binary(controls));
    }
    Ok(())
}

pub fn decode(input: &DecodeInput) -> Result<Card, DecodeError> {
    let raw = input.text;
    check_text(raw)?;
    let text = Text::new(raw);
    let fresh = text.fresh_text();
    let detection = detect(if fresh.trim().is_empty() {
        &text.norm
    } else {
        &fresh
    });
    // Japanese and Chinese share characters: a Japanese mail's ご確認 must not count as a
    // Chinese "approved". Keep the detected language's phrases and English ones.
    let hits: Vec<Hit> = scan(&text)
        .into_iter()
        .filter(|h| h.entry.lang == detection.language || h.entry.lang == Lang::En)
        .collect();
    let of = |category: Category| {
        hits.iter()
            .filter(|h| h.entry.category == category)
            .collect::<Vec<_>>()
    };
    let labelled = |category: Category, labels: &[&str]| {
        hits.iter()
            .filter(|h| h.entry.category == category && labels.contains(&h.entry.label.as_str()))
            .collect::<Vec<_>>()
    };

    let urgent = labelled(Category::Urgency, &["urgent"]);
    let low = labelled(Category::Urgency, &["low"]);
    let urgency = if !low.is_empty() && urgent.is_empty() {
        Urgency {
            stated: true,
            level: UrgencyLevel::Low,
            evidence: spans(&text, &low),
        }
    } else if !urgent.is_empty() {
        Urgency {
            stated: true,
            level: UrgencyLevel::Urgent,
            evidence: spans(&text, &urgent),
        }
    } else {
        Urgency {
            stated: false,
            level: UrgencyLevel::Normal,
            evidence: Vec::new(),
        }
    };

    // "よろしくお願いします" and "please find attached" hold a request marker but ask for
    // nothing: the longer closing phrase (label `closing`) covers the marker inside it.
    let asks = labelled(Category::Request, &["marker"]);
    let deadline = find_deadline(
        &text,
        input.sent_at,
        input.calendar,
        &Signals {
            urgent: &urgent,
            vague: &of(Category::Vague),
            cues: &of(Category::Cue),
            asks: &labelled(Category::Request, &["marker", "wants"]),
            promises: &labelled(Category::Request, &["promise"]),
            language: detection.language,
        },
    );
    let requester = of(Category::Requester)
        .into_iter()
        .find(|h| !addressee_or_signature(&text, h))
        .map(|h| Requester {
            role: h.entry.label.clone(),
            phrase: text.span(h.range.clone()).text,
            evidence: vec![text.span(h.range.clone())],
        });
    let purpose = purpose_of(&text, &of(Category::Purpose));
    let kinds = score_kinds(
        &text,
        &of(Category::Kind),
        &asks,
        &fresh,
        detection.language,
    );
    let tone = read_tone(
        &text,
        &of(Category::Tone),
        &of(Category::Polite),
        detection.language,
        &fresh,
    );
    let scope = input
        .scope
        .map(|(included, excluded)| judge_scope(&text, &fresh, included, excluded));
    let open_questions =
        open_questions(&kinds, deadline.as_ref(), purpose.as_ref(), scope.as_ref());
    let clarifying_reply = clarifying_reply(detection.language, tone.politeness, &open_questions);
    Ok(Card {
        language: detection.language,
        languages: detection.languages,
        kinds,
        urgency,
        deadline,
        requester,
        purpose,
        tone,
        scope,
        open_questions,
        clarifying_reply,
    })
}

/// A title that names the reader ("刘经理您好", "山田部長様"), the audience in English ("for
/// the board"; 给领导汇报 is labelled the boss behind the request) or the sender's own line in a signature ("市场部 经理",
/// "Marketing Director, Acme") is not someone relayed.
fn addressee_or_signature(text: &Text, hit: &Hit) -> bool {
    let norm = &text.norm;
    // Only the last few bytes matter: lower-casing the whole prefix for every hit would
    // make a text dense with titles quadratic.
    let before = tail(norm, hit.range.start, 16)
        .trim_end()
        .to_ascii_lowercase();
    let audience_before = ["for", "to", "with", "before"].iter().any(|w| {
        before.ends_with(w)
            && !before[..before.len() - w.len()].ends_with(|c: char| c.is_ascii_alphanumeric())
    });
    if audience_before {
        return true;
    }
    let line_start = norm[..hit.range.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = norm[hit.range.end..]
        .find('\n')
        .map_or(norm.len(), |i| hit.range.end + i);
    let after = norm[hit.range.end..line_end].trim_start();
    let first_line = norm[..line_start].trim().is_empty();
    let greets = [
        "您好", "你好", "好", "：", ":", "，", ",", "様", "さま", "さん", "殿", "御中",
    ]
    .iter()
    .any(|g| after.starts_with(g));
    if first_line && greets {
        return true;
    }
    // A signature line: short, no sentence in it, and nothing written as a sentence after.
    let line = &norm[line_start..line_end];
    let sentence = |s: &str| {
        s.contains(['。', '！', '？', '!', '?', '；']) || s.contains(". ") || s.ends_with('.')
    };
    let mut offset = line_end;
    let sentence_after = norm[line_end..].split('\n').any(|later| {
        let range = offset..offset + later.len();
        offset += later.len() + 1;
        sentence(later) && text.is_fresh(&range)
    });
    // Full-width commas are ASCII in `norm`: a CJK line with a comma is prose.
    let cjk_clause = line.contains(['、', ',']) && line.chars().any(|c| c as u32 > 0x2E80);
    line.chars().count() <= 40 && !sentence(line) && !cjk_clause && !sentence_after
}

fn read_tone(text: &Text, hits: &[&Hit], polite: &[&Hit], language: Lang, fresh: &str) -> Tone {
    let rank = |label: &str| match label {
        "angry" => 3,
        "frustrated" => 2,
        "anxious" => 1,
        _ => 0,
    };
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for hit in hits {
        *counts.entry(hit.entry.label.as_str()).or_default() += 1;
    }
    if fresh.contains("!!")
        || fresh.contains("？？")
        || fresh.contains("??")
        || fresh.contains("!?")
    {
        *counts.entry("frustrated").or_default() += 1;
    }
    // Every tone label is known: `lexicon::tests` checks the data files.
    let (label, text_label) = counts
        .iter()
        .max_by_key(|(label, n)| (**n, rank(label)))
        .and_then(|(label, _)| Some((label.parse().ok()?, *label)))
        .unwrap_or((ToneLabel::Calm, "calm"));
    let evidence = spans(
        text,
        &hits
            .iter()
            .filter(|h| h.entry.label == text_label)
            .copied()
            .collect::<Vec<_>>(),
    );
    let politeness = match (language, polite.iter().any(|h| h.entry.lang == language)) {
        (Lang::Ja, true) => Politeness::Keigo,
        (Lang::Ja, false) => Politeness::Plain,
        (_, true) => Politeness::Polite,
        (_, false) => Politeness::Blunt,
    };
    Tone {
        label,
        politeness,
        evidence,
    }
}

fn open_questions(
    kinds: &[KindScore],
    deadline: Option<&Deadline>,
    purpose: Option<&Purpose>,
    scope: Option<&Scope>,
) -> Vec<OpenQuestion> {
    use RequestKind::*;
    let main = kinds.first().map_or(NewWork, |k| k.kind);
    let work = matches!(main, NewWork | ChangeRequest);
    let mut open = Vec::new();
    if (work || main == Question || main == Incident) && deadline.is_none_or(|d| d.vague) {
        open.push(OpenQuestion::Deadline);
    }
    if work && purpose.is_none() {
        open.push(OpenQuestion::Audience);
        open.push(OpenQuestion::Purpose);
    }
    if main == NewWork {
        open.push(OpenQuestion::Acceptance);
        if !kinds.iter().any(|k| k.kind == MaterialDelivery) {
            open.push(OpenQuestion::Materials);
        }
    }
    if scope.is_some_and(|s| s.verdict == ScopeVerdict::Out) {
        open.push(OpenQuestion::Budget);
    }
    open
}

fn clarifying_reply(
    language: Lang,
    politeness: Politeness,
    open: &[OpenQuestion],
) -> Option<String> {
    if open.is_empty() {
        return None;
    }
    let register = if politeness.is_polite() {
        "polite"
    } else {
        "casual"
    };
    let part = |key: &str| crate::replies::part(language, register, key);
    let mut reply = part("open")?.to_owned();
    for (n, code) in open.iter().enumerate() {
        reply.push_str(&format!("\n{}. {}", n + 1, part(code.as_str())?));
    }
    reply.push('\n');
    reply.push_str(part("close")?);
    Some(reply)
}
