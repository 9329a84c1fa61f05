//! The decoder's phrase lexicons, compiled in: one Aho-Corasick automaton over every phrase
//! of every category, so a message is scanned once. Inbound mail is read with
//! `lexicons/phrases.tsv` and `lexicons/kinds.tsv`, our own replies with
//! `lexicons/outbound.tsv` and the jargon glossary `lexicons/jargon.tsv`.

use crate::detect::Lang;
use crate::text::Text;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::ops::Range;
use std::sync::LazyLock;

/// What a lexicon phrase tells (the first column of `phrases.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Category {
    Urgency,
    Vague,
    Requester,
    Purpose,
    Kind,
    Tone,
    Polite,
    Cue,
    Request,
    // What our own replies say (`outbound.tsv`).
    /// A promise of ours: "I'll send", お送りいたします, 我会发.
    Promise,
    /// What we ask the client to send or do.
    Ask,
    /// An offer that depends on the client: "if you like", もしよろしければ, 如果需要.
    Conditional,
    /// News the client will not like: a delay, a problem, a refusal.
    BadNews,
    BadNewsOpening,
    Blame,
    OverPromise,
    /// A plan or a next step after bad news.
    NextStep,
    /// A technical term (`jargon.tsv`); the label is its plain wording.
    Jargon,
}

impl Category {
    /// Whether the category belongs to the outbound lexicon (`outbound.tsv`).
    pub(crate) fn is_outbound(self) -> bool {
        matches!(
            self,
            Self::Promise
                | Self::Ask
                | Self::Conditional
                | Self::BadNews
                | Self::BadNewsOpening
                | Self::Blame
                | Self::OverPromise
                | Self::NextStep
        )
    }

    pub(crate) fn parse(text: &str) -> Option<Self> {
        Some(match text {
            "urgency" => Self::Urgency,
            "vague" => Self::Vague,
            "requester" => Self::Requester,
            "purpose" => Self::Purpose,
            "kind" => Self::Kind,
            "tone" => Self::Tone,
            "polite" => Self::Polite,
            "cue" => Self::Cue,
            "request" => Self::Request,
            "promise" => Self::Promise,
            "ask" => Self::Ask,
            "conditional" => Self::Conditional,
            "bad_news" => Self::BadNews,
            "bad_news_opening" => Self::BadNewsOpening,
            "blame" => Self::Blame,
            "over_promise" => Self::OverPromise,
            "next_step" => Self::NextStep,
            "jargon" => Self::Jargon,
            _ => return None,
        })
    }
}

/// One lexicon entry.
#[derive(Debug, Clone)]
pub struct Entry {
    pub category: Category,
    pub label: String,
    pub lang: Lang,
    /// How much the phrase counts towards its label (kinds.tsv; 1 elsewhere).
    pub weight: f32,
}

/// A lexicon phrase found in fresh text.
#[derive(Debug, Clone)]
pub struct Hit {
    pub entry: &'static Entry,
    pub range: Range<usize>,
}

struct Lexicon {
    automaton: AhoCorasick,
    entries: Vec<Entry>,
}

/// (category, label, language, weight, phrase) rows, from the data files.
type Row<'a> = (&'a str, &'a str, &'a str, f32, &'a str);

fn entries_of(file: &'static str) -> impl Iterator<Item = &'static str> {
    file.lines().filter(|line| !line.starts_with('#'))
}

fn build(rows: impl Iterator<Item = Row<'static>>) -> Lexicon {
    let mut phrases = Vec::new();
    let mut entries = Vec::new();
    let mut add = |category: &str, label: &str, lang: &str, weight: f32, phrase: &str| {
        let Some(category) = Category::parse(category) else {
            return;
        };
        let lang = match lang {
            "en" => Lang::En,
            "ja" => Lang::Ja,
            "zh" => Lang::Zh,
            _ => return,
        };
        phrases.push(
            phrase
                .chars()
                .map(crate::text::normalize_char)
                .collect::<String>(),
        );
        entries.push(Entry {
            category,
            label: label.to_owned(),
            lang,
            weight,
        });
    };
    for (category, label, lang, weight, phrase) in rows {
        add(category, label, lang, weight, phrase);
    }
    let automaton = AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::Standard)
        .build(&phrases)
        .expect("lexicon automaton");
    Lexicon { automaton, entries }
}

// A malformed line is skipped by the loaders below and reported by `data::check_data`'s test.

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let phrases = entries_of(include_str!("../lexicons/phrases.tsv")).filter_map(|line| match line
        .split('\t')
        .collect::<Vec<_>>()[..]
    {
        [category, label, lang, phrase] => Some((category, label, lang, 1.0, phrase)),
        _ => None,
    });
    let kinds = entries_of(include_str!("../lexicons/kinds.tsv")).filter_map(|line| {
        match line.split('\t').collect::<Vec<_>>()[..] {
            [kind, lang, weight, phrase] => {
                Some(("kind", kind, lang, weight.parse().ok()?, phrase))
            }
            _ => None,
        }
    });
    build(phrases.chain(kinds))
});

static OUTBOUND: LazyLock<Lexicon> = LazyLock::new(|| {
    let rules = entries_of(include_str!("../lexicons/outbound.tsv")).filter_map(|line| match line
        .split('\t')
        .collect::<Vec<_>>()[..]
    {
        [rule, lang, phrase] => Some((rule, rule, lang, 1.0, phrase)),
        _ => None,
    });
    let jargon = entries_of(include_str!("../lexicons/jargon.tsv")).filter_map(|line| {
        match line.split('\t').collect::<Vec<_>>()[..] {
            [lang, term, plain] => Some(("jargon", plain, lang, 1.0, term)),
            _ => None,
        }
    });
    build(rules.chain(jargon))
});

/// The spans of the text the hits were found at.
pub(crate) fn spans(text: &Text, hits: &[&Hit]) -> Vec<crate::text::Span> {
    hits.iter().map(|h| text.span(h.range.clone())).collect()
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'\''
}

/// Every inbound lexicon phrase in the fresh parts of `text`.
pub fn scan(text: &Text) -> Vec<Hit> {
    scan_with(&LEXICON, text)
}

/// Every phrase of the outbound lexicon (our replies) in the fresh parts of `text`.
pub fn scan_outbound(text: &Text) -> Vec<Hit> {
    scan_with(&OUTBOUND, text)
}

/// Every phrase of `lexicon` in the fresh parts of `text`. English phrases match whole words.
fn scan_with(lexicon: &'static Lexicon, text: &Text) -> Vec<Hit> {
    let bytes = text.norm.as_bytes();
    let mut hits = Vec::new();
    // Overlapping search: categories never hide each other ("役員会で" is both who asks
    // and what for); within a category the longest phrase wins below.
    // Only the fresh parts are searched: quoted history and signatures cost nothing.
    let found = text.fresh.iter().flat_map(|part| {
        let input = aho_corasick::Input::new(&text.norm).range(part.clone());
        lexicon.automaton.find_overlapping_iter(input)
    });
    for found in found {
        let entry = &lexicon.entries[found.pattern().as_usize()];
        let range = found.range();
        // Phrases that begin or end with a Latin letter or digit match whole words, in any
        // language's list ("OK" must not match inside "look").
        let starts_word = bytes[range.start].is_ascii_alphanumeric();
        let ends_word = bytes[range.end - 1].is_ascii_alphanumeric();
        let before = range.start.checked_sub(1).map(|i| bytes[i]);
        let after = bytes.get(range.end).copied();
        if (starts_word && before.is_some_and(is_word_byte))
            || (ends_word && after.is_some_and(is_word_byte))
        {
            continue;
        }
        hits.push(Hit { entry, range });
    }
    hits.sort_by(|a, b| {
        (
            a.entry.category,
            a.range.start,
            std::cmp::Reverse(a.range.end),
        )
            .cmp(&(
                b.entry.category,
                b.range.start,
                std::cmp::Reverse(b.range.end),
            ))
    });
    let mut kept: Vec<Hit> = Vec::with_capacity(hits.len());
    // Within a category, hits come by start: an earlier kept hit of the same language
    // covers this one exactly when the furthest end among them reaches this one's end.
    // Japanese and Chinese lists share phrases (失望, 故障): a phrase covers only those
    // of its own language, since the decoder keeps one language's hits.
    let mut furthest_end: [Option<(Category, usize)>; 3] = [None; 3];
    for hit in hits {
        let lang = hit.entry.lang as usize;
        let covered = matches!(furthest_end[lang], Some((category, end))
            if category == hit.entry.category && hit.range.end <= end);
        if !covered {
            let end = match furthest_end[lang] {
                Some((category, end)) if category == hit.entry.category => end.max(hit.range.end),
                _ => hit.range.end,
            };
            furthest_end[lang] = Some((hit.entry.category, end));
            kept.push(hit);
        }
    }
    kept.sort_by_key(|h| h.range.start);
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(text: &str) -> Vec<(String, String)> {
        scan(&Text::new(text))
            .iter()
            .map(|h| {
                (
                    format!("{:?}", h.entry.category).to_lowercase(),
                    h.entry.label.clone(),
                )
            })
            .collect()
    }

    #[test]
    fn phrases_are_found_once_per_scan_on_word_boundaries() {
        let found = labels("ASAP please, my boss needs it for the board meeting");
        assert!(found.contains(&("urgency".into(), "urgent".into())));
        assert!(found.contains(&("requester".into(), "boss".into())));
        assert!(found.contains(&("purpose".into(), "board_meeting".into())));
        assert!(
            !labels("the rushmore file").contains(&("urgency".into(), "urgent".into())),
            "rush inside a word"
        );
        assert!(
            labels("部長から至急と言われまして").contains(&("requester".into(), "director".into()))
        );
        assert!(labels("我们总监要，麻烦尽快").contains(&("urgency".into(), "urgent".into())));
    }

    #[test]
    fn quoted_history_is_not_scanned() {
        assert!(
            labels("Thanks!\n> ASAP please")
                .iter()
                .all(|(c, _)| c != "urgency")
        );
    }
}
