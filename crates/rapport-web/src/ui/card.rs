//! An inbound message's decoded card as the request page shows it: the message text cut
//! into pieces, the ones the decoder read as the deadline, the urgency, the requester or
//! the purpose inside `<mark>`, and the card's fields in the reader's words.

use super::i18n::Tr;
use jiff::Timestamp;
use serde_json::Value;

/// A piece of a message: plain, or the evidence of one card field (`mark` names it).
pub struct Segment {
    pub text: String,
    pub mark: &'static str,
}

/// The card's fields, ready to show.
pub struct CardView {
    pub deadline: Option<String>,
    pub deadline_vague: bool,
    pub urgency: String,
    pub requester: Option<String>,
    pub purpose: Option<String>,
    pub open_questions: Vec<&'static str>,
    pub clarifying_reply: Option<String>,
}

/// The fields whose evidence is marked, in the order a tie is given to.
const MARKED: [&str; 4] = ["deadline", "urgency", "requester", "purpose"];

/// Cuts `body` at the card's evidence (character offsets); overlapping spans keep the
/// first field's.
pub fn segments(body: &str, card: Option<&Value>) -> Vec<Segment> {
    let mut spans: Vec<(usize, usize, &'static str)> = Vec::new();
    if let Some(card) = card {
        for field in MARKED {
            let evidence = card[field]["evidence"].as_array().into_iter().flatten();
            for span in evidence {
                if let (Some(start), Some(end)) = (span["start"].as_u64(), span["end"].as_u64())
                    && start < end
                {
                    spans.push((start as usize, end as usize, field));
                }
            }
        }
    }
    spans.sort_by_key(|(start, end, _)| (*start, std::cmp::Reverse(*end)));
    let chars: Vec<char> = body.chars().collect();
    let mut out = Vec::new();
    let mut at = 0;
    for (start, end, field) in spans {
        let end = end.min(chars.len());
        if start < at || start >= end {
            continue;
        }
        if start > at {
            out.push(Segment {
                text: chars[at..start].iter().collect(),
                mark: "",
            });
        }
        out.push(Segment {
            text: chars[start..end].iter().collect(),
            mark: field,
        });
        at = end;
    }
    if at < chars.len() {
        out.push(Segment {
            text: chars[at..].iter().collect(),
            mark: "",
        });
    }
    out
}

pub fn card_view(tr: &Tr, card: &Value) -> CardView {
    let text = |v: &Value| v.as_str().map(str::to_owned);
    let deadline = &card["deadline"];
    let due = deadline["due"]
        .as_str()
        .and_then(|d| d.parse::<Timestamp>().ok())
        .map(|d| tr.when(&d));
    let open_questions = card["open_questions"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|q| q.as_str())
        .filter_map(|q| q.parse::<rapport_domain::OpenQuestion>().ok())
        .map(rapport_domain::OpenQuestion::as_str)
        .collect();
    CardView {
        deadline: due.or_else(|| text(&deadline["phrase"])),
        deadline_vague: deadline["vague"].as_bool().unwrap_or(false),
        urgency: card["urgency"]["level"]
            .as_str()
            .map(|level| tr.tk("urgency-", level))
            .unwrap_or_default(),
        requester: card["requester"]["role"]
            .as_str()
            .map(|role| tr.label("requester-", role)),
        purpose: card["purpose"]["purpose"]
            .as_str()
            .map(|purpose| tr.label("purpose-", purpose)),
        open_questions,
        clarifying_reply: text(&card["clarifying_reply"]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evidence_is_cut_out_by_characters_not_bytes() {
        let card = serde_json::json!({
            "deadline": {"evidence": [{"start": 3, "end": 7, "text": "来週金曜"}]},
            "urgency": {"evidence": [{"start": 0, "end": 2, "text": "至急"}]},
            "purpose": {"evidence": [{"start": 4, "end": 9, "text": "overlapping"}]},
        });
        let pieces = segments("至急、来週金曜までに。", Some(&card));
        let shown: Vec<_> = pieces.iter().map(|s| (s.text.as_str(), s.mark)).collect();
        assert_eq!(
            shown,
            [
                ("至急", "urgency"),
                ("、", ""),
                ("来週金曜", "deadline"),
                ("までに。", "")
            ]
        );
        assert_eq!(segments("plain", None).len(), 1);
    }
}
