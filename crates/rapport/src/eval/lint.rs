//! `rapport eval lint`: the composer's linter against labelled drafts (`eval/lint/*.jsonl`),
//! per language: drafts whose findings are exactly the labelled rules, good drafts left
//! alone, and each rule's precision and recall.

use super::{Score, items_of, read_reply};
use anyhow::Context;
use rapport_domain::LintRule;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

#[derive(Deserialize)]
struct Draft {
    id: String,
    text: String,
    sent_at: String,
    tz: String,
    technical: bool,
    reply_to: Option<String>,
    expect: Expect,
}

#[derive(Deserialize)]
struct Expect {
    rules: Vec<String>,
}

#[derive(Default)]
struct Tally {
    exact: Score,
    good_left_alone: Score,
    /// Per rule: (found and labelled, found, labelled).
    rules: BTreeMap<&'static str, (usize, usize, usize)>,
}

pub(super) fn eval_lint(set: &Path, show_errors: bool) -> anyhow::Result<()> {
    let mut by_language: BTreeMap<String, Tally> = BTreeMap::new();
    let mut count = 0;
    for draft in items_of::<Draft>(set)? {
        let card = read_reply(
            &draft.text,
            &draft.sent_at,
            &draft.tz,
            draft.technical,
            draft.reply_to.as_deref(),
        )
        .with_context(|| format!("{}: the reader refused it", draft.id))?;
        let found: BTreeSet<&'static str> = card.findings.iter().map(|f| f.rule.as_str()).collect();
        let labelled: BTreeSet<&'static str> = LintRule::ALL
            .iter()
            .map(|r| r.as_str())
            .filter(|r| draft.expect.rules.iter().any(|e| e == r))
            .collect();
        let language = draft
            .id
            .split('-')
            .next()
            .unwrap_or("?")
            .trim_start_matches('l');
        let tally = by_language.entry(language.to_owned()).or_default();
        count += 1;
        tally.exact.add(found == labelled);
        if labelled.is_empty() {
            tally.good_left_alone.add(found.is_empty());
        }
        for rule in LintRule::ALL.iter().map(|r| r.as_str()) {
            let entry = tally.rules.entry(rule).or_default();
            let (f, l) = (found.contains(rule), labelled.contains(rule));
            entry.0 += usize::from(f && l);
            entry.1 += usize::from(f);
            entry.2 += usize::from(l);
        }
        if show_errors && found != labelled {
            eprintln!(
                "{}: expected {labelled:?} got {found:?}\n  {}",
                draft.id,
                draft.text.replace('\n', " / ")
            );
        }
    }
    anyhow::ensure!(count > 0, "{} holds no labelled drafts", set.display());
    println!("linter evaluation on {} ({count} drafts)\n", set.display());
    print!("{:<34}", "field");
    for language in by_language.keys() {
        print!("{language:<20}");
    }
    println!();
    print!("{:<34}", "findings exactly as labelled");
    for tally in by_language.values() {
        print!("{:<20}", tally.exact.show());
    }
    println!();
    print!("{:<34}", "good drafts left alone");
    for tally in by_language.values() {
        print!("{:<20}", tally.good_left_alone.show());
    }
    println!();
    for rule in LintRule::ALL.iter().map(|r| r.as_str()) {
        for (what, pick) in [("precision", 1usize), ("recall", 2usize)] {
            print!("{:<34}", format!("{rule} {what}"));
            for tally in by_language.values() {
                let (hit, found, labelled) = tally.rules.get(rule).copied().unwrap_or_default();
                let score = Score {
                    hits: hit,
                    trials: if pick == 1 { found } else { labelled },
                };
                print!("{:<20}", score.show());
            }
            println!();
        }
    }
    Ok(())
}
