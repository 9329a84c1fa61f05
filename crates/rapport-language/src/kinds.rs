//! Which kinds of message this is (question, new work, change, incident, ...): the weighted
//! phrases of `lexicons/kinds.tsv`, questions told apart from polite requests, and the
//! framing (greetings, attachments) that accompanies most requests kept from leading;
//! then the trained model of `kind_model.rs` for wording the phrases do not hold.

use crate::card::KindScore;
use crate::detect::Lang;
use crate::kind_model;
use crate::lexicon::Hit;
use crate::text::{Span, Text};
use std::collections::BTreeMap;

/// Kinds that ask us to do something; beside one of them, files and greetings are framing.
const WORK: [&str; 5] = [
    "new_work",
    "change_request",
    "incident",
    "payment",
    "complaint",
];

/// Scores every kind with a signal; the best first, at most three.
///
/// `kind_hits` are the kind phrases found; `asks` the request markers (please, お願い,
/// 麻烦), which tell a request from a message that only thanks or informs.
pub(crate) fn score_kinds(
    text: &Text,
    kind_hits: &[&Hit],
    asks: &[&Hit],
    fresh: &str,
    language: Lang,
) -> Vec<KindScore> {
    let mut by_kind: BTreeMap<&str, (f32, Vec<Span>)> = BTreeMap::new();
    let first_of = |kinds: &[&str]| {
        kind_hits
            .iter()
            .filter(|h| kinds.contains(&h.entry.label.as_str()))
            .map(|h| h.range.start)
            .min()
    };
    // "Files attached; please update the banners" delivers; "please build the page,
    // brief attached" asks for work: whichever is written first leads.
    let files_first = match (first_of(&["material_delivery"]), first_of(&WORK)) {
        (Some(files), Some(work)) => files < work,
        _ => true,
    };
    for hit in kind_hits {
        let entry = by_kind.entry(hit.entry.label.as_str()).or_default();
        entry.0 += hit.entry.weight;
        entry.1.push(text.span(hit.range.clone()));
    }
    let questions = count_questions(fresh, language);
    if questions > 0 {
        by_kind.entry("question").or_default().0 += (0.5 * questions as f32).min(1.0);
    }
    let asks_something = !asks.is_empty();
    let work_score: f32 = WORK
        .iter()
        .filter_map(|kind| by_kind.get(kind).map(|(score, _)| *score))
        .sum();
    // Files usually come with a request, and greetings open most of them: beside work,
    // both are framing and count for less (files only when the request is written first).
    if work_score > 0.0
        && !files_first
        && let Some(material) = by_kind.get_mut("material_delivery")
    {
        material.0 *= 0.5;
    }
    if (asks_something || work_score > 0.0)
        && let Some(small_talk) = by_kind.get_mut("small_talk")
    {
        small_talk.0 *= 0.3;
    }
    let mut scored: Vec<(f32, &str, Vec<Span>)> = by_kind
        .into_iter()
        .filter(|(_, (score, _))| *score > 0.0)
        .map(|(kind, (score, evidence))| (score, kind, evidence))
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    // Something asked for with no more specific signal is new work; so is a message with
    // no signal at all, so that its open questions still get asked.
    let leader = scored.first().map(|(_, kind, _)| *kind);
    if leader.is_none() || (asks_something && leader == Some("small_talk")) {
        let evidence = asks.iter().map(|h| text.span(h.range.clone())).collect();
        let lead = scored.first().map_or(1.0, |(score, _, _)| *score + 0.1);
        scored.insert(0, (lead, "new_work", evidence));
    }
    // The lexicon's shares and the model's probabilities count equally.
    let total: f32 = scored.iter().map(|(score, _, _)| score).sum();
    let mut combined: Vec<(f32, &str, Vec<Span>)> = scored
        .into_iter()
        .map(|(score, kind, evidence)| (score / total, kind, evidence))
        .collect();
    let reading = kind_model::read(fresh);
    if let Some(reading) = &reading {
        for (k, kind) in kind_model::KINDS.iter().enumerate() {
            match combined.iter_mut().find(|(_, known, _)| known == kind) {
                Some(entry) => entry.0 += reading.probability[k],
                None => combined.push((reading.probability[k], kind, Vec::new())),
            }
        }
        for entry in &mut combined {
            entry.0 /= 2.0;
        }
    }
    combined.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    combined
        .into_iter()
        .filter(|(score, _, _)| *score > 0.01)
        .take(3)
        .filter_map(|(score, kind, mut evidence)| {
            // Every label is a known kind: `lexicon::tests` checks the data files.
            let kind: rapport_domain::RequestKind = kind.parse().ok()?;
            // The model's evidence: the features that favour this kind most.
            if let Some(reading) = &reading
                && let Some(k) = kind_model::KINDS
                    .iter()
                    .position(|known| *known == kind.as_str())
            {
                let ranges = reading.evidence[k].iter().cloned();
                evidence.extend(
                    ranges
                        .filter_map(|range| text.norm_range_of_fresh(range))
                        .map(|range| text.span(range)),
                );
            }
            Some(KindScore {
                kind,
                score,
                evidence,
            })
        })
        .collect()
}

/// Sentences that ask for information, not for work: they end in a question mark, or in
/// か / 吗 / 呢 (Japanese and Chinese often leave the mark out). "Could you send ...?",
/// 〜いただけますか and 能…吗 are polite requests, not questions.
fn count_questions(fresh: &str, language: Lang) -> usize {
    fresh
        .split_inclusive(['?', '？', '.', '!', '\n', '。', '！'])
        .map(|sentence| sentence.trim())
        .filter(|sentence| {
            sentence.ends_with(['?', '？'])
                || match language {
                    Lang::Ja => sentence.trim_end_matches(['。', '\n']).ends_with('か'),
                    Lang::Zh => sentence
                        .trim_end_matches(['。', '\n'])
                        .ends_with(['吗', '嗎', '呢']),
                    Lang::En => false,
                }
        })
        .filter(|sentence| !is_polite_request(sentence, language))
        .count()
}

fn is_polite_request(sentence: &str, language: Lang) -> bool {
    let lower = sentence.to_ascii_lowercase();
    let english = [
        "could",
        "can",
        "would",
        "will",
        "please",
        "pls",
        "any chance",
    ]
    .iter()
    .any(|modal| lower.starts_with(modal))
        && !["tell me", "let me know", "confirm whether", "explain"]
            .iter()
            .any(|asks_information| lower.contains(asks_information));
    let japanese = [
        "いただけ",
        "頂け",
        "もらえ",
        "くれ",
        "お願いでき",
        "ください",
        "下さい",
    ]
    .iter()
    .any(|form| sentence.contains(form))
        && !["教え", "ご教示", "伺"]
            .iter()
            .any(|w| sentence.contains(w));
    let chinese = ["能", "可以", "帮", "幫", "麻烦", "麻煩", "请", "請"]
        .iter()
        .any(|form| sentence.contains(form))
        && ![
            "是否",
            "什么",
            "什麼",
            "为什么",
            "為什麼",
            "怎么",
            "怎麼",
            "多少",
            "哪",
        ]
        .iter()
        .any(|w| sentence.contains(w));
    english || (language == Lang::Ja && japanese) || (language == Lang::Zh && chinese)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::Lang::*;

    #[test]
    fn polite_requests_are_not_questions() {
        let cases = [
            ("Could you send the revised deck by Friday?", En, 0),
            ("What's the login for staging?", En, 1),
            ("Can you tell me how much storage is left?", En, 1),
            ("バナー案をお昼までにいただけますか？", Ja, 0),
            ("保存期間は何日間でしょうか？", Ja, 1),
            ("12号前能出货吗？", Zh, 0),
            ("这个以哪个为准？", Zh, 1),
            ("日本本社と同じ契約に含めることはできますか。", Ja, 1),
            ("初稿をお願いできますでしょうか。", Ja, 0),
            ("上次付的是按季付还是按月付呢。", Zh, 1),
        ];
        for (sentence, language, expected) in cases {
            assert_eq!(count_questions(sentence, language), expected, "{sentence}");
        }
    }
}
