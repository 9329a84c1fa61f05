//! English promises and asks: any verb can follow "I'll" or "we'll" ("I'll turn around
//! the revised version", "we'll push it live"), and any verb can follow "could you" or
//! "please". The words that make such a sentence no promise or no ask are listed here.

use super::patterns::anchor;
use crate::detect::Lang;
use crate::lexicon::{Category, Hit};
use crate::text::Text;
use regex::Regex;
use std::sync::LazyLock;

/// "I'll <verb>", "we will <verb>", "will have it to you" at a sentence start.
static PROMISE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)(?:(?-u:\b)(?:i|we)(?:'ll|’ll|\s+will|\s+shall|\s+am going to|\s+are going to)",
        r"|(?:^|[.!?\n]\s*)will)",
        r"\s+(?:also\s+|then\s+|now\s+|just\s+|quickly\s+|personally\s+)?(?P<verb>[a-z]+)(?P<next>\s+[a-z]+)?",
    ))
    .expect("promise pattern")
});

/// A plan stated as a fact: "the fix will ship on Tuesday", "it goes live tonight", "we've
/// booked the window for Saturday", "your account will be ready by Friday".
static PLAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)(?-u:\b)(?:(?:will|is going to|are going to)\s+(?:ship|go\s+live|go\s+out|launch|be\s+(?:live|ready|deployed|delivered|done|sent|published|back|fixed|restored|in\s+your\s+inbox))",
        r"|(?:goes|go)\s+(?:live|out)",
        r"|(?:we've|we\s+have|i've|i\s+have)\s+(?:scheduled|booked|planned|arranged|set\s+up))(?-u:\b)",
    ))
    .expect("plan pattern")
});

/// "could you <verb>", "can you <verb>", "please <verb>", "let us know which ...".
static ASK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)(?-u:\b)(?:(?:can|could|would|will)\s+you\s+(?:please\s+|kindly\s+|also\s+)?(?P<verb>[a-z]+)",
        r"|please\s+(?P<pverb>[a-z]+)",
        r"|let\s+(?:us|me)\s+know\s+(?P<what>which|whether|what|when|who|how|if\s+(?:you|the|this|that|it)\s+(?:approve|agree|prefer|want|can|could|would|are ok|are okay))",
        r"|(?:we|i)\s+(?:also\s+|still\s+)?need\s+(?:your|the|a|an|you to)(?-u:\b))",
    ))
    .expect("ask pattern")
});

/// Verbs after "I'll" that promise nothing to the client.
const NOT_PROMISED: [&str; 10] = [
    "need", "want", "require", "wait", "assume", "leave", "let", "miss", "try", "hope",
];

/// What "I'll be ..." is about when it promises nothing.
const BE_NOT_PROMISED: [&str; 9] = [
    "out",
    "away",
    "off",
    "on",
    "happy",
    "glad",
    "unavailable",
    "travelling",
    "traveling",
];

/// Verbs after "could you" or "please" that ask for nothing.
const NOT_ASKED: [&str; 8] = [
    "like",
    "mind",
    "find",
    "note",
    "see",
    "feel",
    "ignore",
    "disregard",
];

pub(super) fn anchors(text: &Text) -> Vec<Hit> {
    let mut hits = Vec::new();
    for part in &text.fresh {
        let fresh = &text.norm[part.clone()];
        for caps in PROMISE.captures_iter(fresh) {
            let (Some(whole), Some(verb)) = (caps.get(0), caps.name("verb")) else {
                continue;
            };
            let verb = verb.as_str().to_ascii_lowercase();
            let next = caps
                .name("next")
                .map_or(String::new(), |n| n.as_str().trim().to_ascii_lowercase());
            let idle = NOT_PROMISED.contains(&verb.as_str())
                || (verb == "be" && BE_NOT_PROMISED.contains(&next.as_str()));
            if !idle {
                // The anchor is the words up to the verb, not a sentence end before them.
                let start = whole
                    .as_str()
                    .find(|c: char| c.is_ascii_alphabetic())
                    .unwrap_or(0);
                let end = caps.name("verb").map_or(whole.end(), |v| v.end());
                hits.push(anchor(
                    Category::Promise,
                    Lang::En,
                    part.start + whole.start() + start..part.start + end,
                ));
            }
        }
        for found in PLAN.find_iter(fresh) {
            hits.push(anchor(
                Category::Promise,
                Lang::En,
                part.start + found.start()..part.start + found.end(),
            ));
        }
        for caps in ASK.captures_iter(fresh) {
            let Some(whole) = caps.get(0) else { continue };
            let verb = caps
                .name("verb")
                .or(caps.name("pverb"))
                .map(|v| v.as_str().to_ascii_lowercase());
            if verb.is_some_and(|v| NOT_ASKED.contains(&v.as_str())) {
                continue;
            }
            hits.push(anchor(
                Category::Ask,
                Lang::En,
                part.start + whole.start()..part.start + whole.end(),
            ));
        }
    }
    hits
}
