//! Scope verdicts: does a request fall under an engagement's included or excluded items?
//!
//! Language-aware overlap: English words and CJK character bigrams of each scope item
//! are looked up in the message; an item counts as matched when most of its terms occur.

use crate::card::Scope;
use crate::text::{Span, Text};
use rapport_domain::ScopeVerdict;
use std::collections::HashSet;

/// Word stems (ASCII, lower-cased, 3+ letters) and CJK bigrams of `text`.
pub(crate) fn terms(text: &str) -> HashSet<String> {
    let mut out = HashSet::new();
    let lower = text.to_lowercase();
    for word in lower
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| w.len() >= 3)
    {
        // A crude stem: "integrations" and "integrate" meet at "integr".
        out.insert(word.chars().take(6).collect());
    }
    let cjk: Vec<char> = lower.chars().collect();
    for pair in cjk.windows(2) {
        if pair.iter().all(|c| !c.is_ascii() && c.is_alphanumeric()) {
            out.insert(pair.iter().collect());
        }
    }
    out
}

/// Share of `item`'s terms present in the message terms.
fn coverage(item: &str, message: &HashSet<String>) -> (f32, Vec<String>) {
    let item_terms = terms(item);
    if item_terms.is_empty() {
        return (0.0, Vec::new());
    }
    let shared: Vec<String> = item_terms
        .iter()
        .filter(|t| message.contains(*t))
        .cloned()
        .collect();
    (shared.len() as f32 / item_terms.len() as f32, shared)
}

/// `fresh` is `text.fresh_text()`, which the caller already holds.
pub fn judge_scope(text: &Text, fresh: &str, included: &[String], excluded: &[String]) -> Scope {
    let message = terms(fresh);
    let best = |items: &[String]| {
        items
            .iter()
            .map(|item| (coverage(item, &message), item))
            .max_by(|a, b| a.0.0.total_cmp(&b.0.0))
            .map(|((score, shared), item)| (score, shared, item.clone()))
    };
    let (inside, outside) = (best(included), best(excluded));
    // Matched: most of the item's terms, or two of them covering a third of it.
    let score = |b: &Option<(f32, Vec<String>, String)>| {
        b.as_ref().map_or(0.0, |(coverage, shared, _)| {
            if shared.len() >= 2 && *coverage >= 0.3 {
                coverage.max(0.5)
            } else {
                *coverage
            }
        })
    };
    let (verdict, chosen) = if score(&outside) >= 0.5 && score(&outside) >= score(&inside) {
        (ScopeVerdict::Out, outside)
    } else if score(&inside) >= 0.5 {
        (ScopeVerdict::In, inside)
    } else {
        (ScopeVerdict::Unclear, None)
    };
    let evidence = chosen
        .as_ref()
        .map_or_else(Vec::new, |(_, shared, _)| evidence_spans(text, shared));
    Scope {
        verdict,
        matched_item: chosen.map(|c| c.2),
        evidence,
    }
}

/// The first fresh occurrence of each shared term, as spans of the original text.
fn evidence_spans(text: &Text, shared: &[String]) -> Vec<Span> {
    let lower = text.norm.to_lowercase();
    let mut spans: Vec<Span> = Vec::new();
    for term in shared {
        // Lower-casing can change byte lengths outside ASCII; only trust equal lengths.
        if lower.len() != text.norm.len() {
            break;
        }
        if let Some(at) = lower
            .match_indices(term.as_str())
            .map(|(i, _)| i)
            .find(|&i| text.is_fresh(&(i..i + term.len())))
        {
            spans.push(text.span(at..at + term.len()));
        }
    }
    spans.sort_by_key(|s| s.start);
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verdict(text: &str, included: &[&str], excluded: &[&str]) -> (&'static str, Option<String>) {
        let owned = |items: &[&str]| items.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let text = Text::new(text);
        let scope = judge_scope(
            &text,
            &text.fresh_text(),
            &owned(included),
            &owned(excluded),
        );
        (scope.verdict.as_str(), scope.matched_item)
    }

    #[test]
    fn requests_are_placed_against_the_scope() {
        let included = [
            "プレスリリースの企画・作成・配信",
            "コーポレートサイトの更新",
        ];
        let excluded = ["SNSアカウントの運用代行", "広告バナー・動画の制作"];
        assert_eq!(
            verdict(
                "Instagramアカウントの運用代行もお願いできますか",
                &included,
                &excluded
            )
            .0,
            "out"
        );
        assert_eq!(
            verdict(
                "新商品のプレスリリースを作成してください",
                &included,
                &excluded
            )
            .0,
            "in"
        );
        assert_eq!(
            verdict("お元気ですか", &included, &excluded),
            ("unclear", None)
        );
        assert_eq!(
            verdict(
                "Could you also integrate NetSuite with the store?",
                &["Managed hosting"],
                &["Third-party integrations (NetSuite, ERP)"]
            )
            .0,
            "out"
        );
    }
}
