//! Promises and asks that a phrase list cannot enumerate, per language (`english.rs`,
//! `japanese.rs`, `chinese.rs`): they add anchors beside the lexicon's. Each anchor is
//! an entry of one of a few kinds: an anchor that counts on its own, one that counts only
//! with a date said for it, and a question to the client.

use crate::detect::Lang;
use crate::lexicon::{Category, Entry, Hit};
use std::sync::LazyLock;

/// The lexicon entries the patterns' anchors stand for: a promise and an ask per language.
static ENTRIES: LazyLock<Vec<Entry>> = LazyLock::new(|| {
    let mut entries = Vec::new();
    for lang in [Lang::En, Lang::Ja, Lang::Zh] {
        for (category, label) in [
            (Category::Promise, "promise"),
            (Category::Ask, "ask"),
            (Category::Promise, DATED),
            (Category::Ask, DATED),
            (Category::Ask, QUESTION),
        ] {
            entries.push(Entry {
                category,
                label: label.to_owned(),
                lang,
                weight: 1.0,
            });
        }
    }
    entries
});

/// The label of an anchor that counts only with a date said for it ("正式版下周五交付").
pub(super) const DATED: &str = "dated";

/// The label of an ask that is a question: the times in it are what it asks about
/// ("研修は12月15日13時からでよろしいでしょうか"), not when the answer is due.
pub(super) const QUESTION: &str = "question";

fn labelled(category: Category, lang: Lang, label: &str, range: std::ops::Range<usize>) -> Hit {
    let entry = ENTRIES
        .iter()
        .find(|e| e.category == category && e.lang == lang && e.label == label)
        .expect("every language has each anchor entry");
    Hit { entry, range }
}

/// An anchor of `category` in `lang` at `range`.
pub(super) fn anchor(category: Category, lang: Lang, range: std::ops::Range<usize>) -> Hit {
    let label = if category == Category::Promise {
        "promise"
    } else {
        "ask"
    };
    labelled(category, lang, label, range)
}

/// An anchor of `category` that counts only when a date is said for it.
pub(super) fn dated_anchor(category: Category, lang: Lang, range: std::ops::Range<usize>) -> Hit {
    labelled(category, lang, DATED, range)
}

/// A question to the client.
pub(super) fn question_anchor(lang: Lang, range: std::ops::Range<usize>) -> Hit {
    labelled(Category::Ask, lang, QUESTION, range)
}
