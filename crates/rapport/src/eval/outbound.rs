//! `rapport eval outbound`: the outbound reader's promises and asks against a labelled set
//! of our replies (`eval/outbound/*.jsonl`), per language.
//!
//! A reply's commitments are right ("exact") when the multiset of their dates (none for a
//! vague promise) is the labelled one; precision and recall count promises matched by
//! date; promise-free replies must get none; asks are matched by date the same way.

use super::{Labelled, Score, items_of, read_reply};
use anyhow::Context;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Deserialize)]
struct Expect {
    commitments: Vec<Dated>,
    asks: Vec<Dated>,
}

#[derive(Deserialize)]
struct Dated {
    date: Option<String>,
    time: Option<String>,
}

/// What one language's replies added up to.
#[derive(Default)]
struct Tally {
    exact: Score,
    promise_free: Score,
    /// Promises found and matched, found, and labelled.
    matched: usize,
    found: usize,
    labelled: usize,
    asks: Score,
    time: Score,
}

const FIELDS: [&str; 6] = [
    "commitments exact",
    "promise precision",
    "promise recall",
    "no invented promise",
    "asks recall",
    "time where stated",
];

impl Tally {
    fn show(&self, field: &str) -> String {
        let ratio = |num: usize, den: usize| {
            Score {
                hits: num,
                trials: den,
            }
            .show()
        };
        match field {
            "commitments exact" => self.exact.show(),
            "promise precision" => ratio(self.matched, self.found),
            "promise recall" => ratio(self.matched, self.labelled),
            "no invented promise" => self.promise_free.show(),
            "asks recall" => self.asks.show(),
            _ => self.time.show(),
        }
    }
}

/// How many items two lists of keys share, each item counted once.
fn shared<T: Ord + Clone>(a: &[T], b: &[T]) -> usize {
    let mut left: Vec<T> = a.to_vec();
    let mut n = 0;
    for key in b {
        if let Some(at) = left.iter().position(|k| k == key) {
            left.remove(at);
            n += 1;
        }
    }
    n
}

pub(super) fn eval_outbound(set: &Path, show_errors: bool) -> anyhow::Result<()> {
    let mut by_language: BTreeMap<String, Tally> = BTreeMap::new();
    let mut count = 0;
    for item in items_of::<Labelled<Expect>>(set)? {
        let card = read_reply(&item.text, &item.sent_at, &item.tz, true, None)
            .with_context(|| format!("{}: the reader refused it", item.id))?;
        let language = item
            .id
            .split('-')
            .next()
            .unwrap_or("?")
            .trim_start_matches('o');
        let tally = by_language.entry(language.to_owned()).or_default();
        count += 1;
        let expected: Vec<Option<String>> = item
            .expect
            .commitments
            .iter()
            .map(|c| c.date.clone())
            .collect();
        let got: Vec<Option<String>> = card.commitments.iter().map(|c| c.date.clone()).collect();
        let mut sorted = (expected.clone(), got.clone());
        sorted.0.sort();
        sorted.1.sort();
        let exact = sorted.0 == sorted.1;
        tally.exact.add(exact);
        if expected.is_empty() {
            tally.promise_free.add(got.is_empty());
        }
        tally.matched += shared(&expected, &got);
        tally.found += got.len();
        tally.labelled += expected.len();
        let asked: Vec<Option<String>> = item.expect.asks.iter().map(|a| a.date.clone()).collect();
        let got_asks: Vec<Option<String>> = card.asks.iter().map(|a| a.date.clone()).collect();
        let asks_found = shared(&asked, &got_asks);
        for n in 0..asked.len() {
            tally.asks.add(n < asks_found);
        }
        for labelled in item.expect.commitments.iter().filter(|c| c.time.is_some()) {
            let hit = card.commitments.iter().any(|c| {
                c.date == labelled.date
                    && c.time_stated
                    && c.due.as_ref().map(|d| d.strftime("%H:%M").to_string()) == labelled.time
            });
            tally.time.add(hit);
        }
        if show_errors && (!exact || asks_found < asked.len()) {
            eprintln!(
                "{}: promises expected {expected:?} got {got:?}; asks expected {asked:?} got {got_asks:?}\n  {}",
                item.id,
                item.text.replace('\n', " / ")
            );
        }
    }
    anyhow::ensure!(count > 0, "{} holds no labelled replies", set.display());
    println!(
        "outbound reader evaluation on {} ({count} replies)\n",
        set.display()
    );
    print!("{:<22}", "field");
    for language in by_language.keys() {
        print!("{language:<22}");
    }
    println!();
    for field in FIELDS {
        print!("{field:<22}");
        for tally in by_language.values() {
            print!("{:<22}", tally.show(field));
        }
        println!();
    }
    Ok(())
}
