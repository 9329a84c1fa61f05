//! `rapport eval purpose`: what the decoder says a deliverable is for, against any
//! labelled inbound set (`eval/purpose/`, and the purpose labels of `eval/devset/` and
//! `eval/holdout/`), per language: exact (a purpose or none), recall on the labelled
//! purposes, precision of the purposes given, and purposes invented where none was said.

use super::{Labelled, Score, items_of};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// Only the two labels this measure reads; a full decoder label set parses too.
#[derive(Deserialize)]
struct Expect {
    language: String,
    purpose: Option<String>,
}

#[derive(Default)]
struct Tally {
    exact: Score,
    recall: Score,
    precision: Score,
    invented: Score,
}

impl Tally {
    fn rows(&self) -> [(&'static str, Score); 4] {
        [
            ("purpose or none exact", self.exact),
            ("labelled purpose recall", self.recall),
            ("purpose given precision", self.precision),
            ("invented where none", self.invented),
        ]
    }
}

pub(super) fn eval_purpose(set: &Path, show_errors: bool) -> anyhow::Result<()> {
    let mut by_language: BTreeMap<String, Tally> = BTreeMap::new();
    let mut count = 0;
    for item in items_of::<Labelled<Expect>>(set)? {
        let card = item.decoded()?;
        count += 1;
        let got = card.purpose.as_ref().map(|p| p.purpose.as_str());
        let expected = item.expect.purpose.as_deref();
        for key in [item.expect.language.as_str(), "all"] {
            let tally = by_language.entry(key.to_owned()).or_default();
            tally.exact.add(got == expected);
            if expected.is_some() {
                tally.recall.add(got == expected);
            } else {
                tally.invented.add(got.is_some());
            }
            if got.is_some() {
                tally.precision.add(got == expected);
            }
        }
        if show_errors && got != expected {
            let phrase = card
                .purpose
                .as_ref()
                .and_then(|p| p.evidence.first())
                .map(|s| s.text.as_str())
                .unwrap_or("");
            eprintln!("{}: expected {expected:?}, got {got:?} {phrase:?}", item.id);
        }
    }
    anyhow::ensure!(count > 0, "{} holds no labelled items", set.display());
    println!(
        "purpose evaluation on {} ({count} messages)\n",
        set.display()
    );
    let mut languages: Vec<&String> = by_language.keys().filter(|k| *k != "all").collect();
    languages.extend(by_language.keys().filter(|k| *k == "all"));
    print!("{:<26}", "measure");
    for language in &languages {
        print!("{language:<20}");
    }
    println!();
    for row in 0..4 {
        print!("{:<26}", by_language["all"].rows()[row].0);
        for language in &languages {
            print!("{:<20}", by_language[*language].rows()[row].1.show());
        }
        println!();
    }
    Ok(())
}
