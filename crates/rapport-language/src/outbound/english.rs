//! English promises and asks: any verb can follow "I'll" or "we'll" ("I'll turn around
//! the revised version", "we'll push it live"), and any verb can follow "could you" or
//! "please". The words that make such a sentence no promise or no ask are listed here.

use super::patterns::{anchor, dated_anchor, question_anchor};
use crate::detect::Lang;
use crate::lexicon::{Category, Hit};
use crate::text::{Sentences, Text, tail};
use regex::Regex;
use std::sync::LazyLock;

/// "I'll <verb>", "we will <verb>", "our lead engineer, Kenji, will <verb>", and "will
/// <verb>" with no subject at a sentence or clause start ("running behind — will send").
static PROMISE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)(?:(?-u:\b)(?:i|we)(?:'ll|’ll|\s+will|\s+shall|\s+am going to|\s+are going to)",
        r"|(?-u:\b)(?:our|my)\s+(?:[\w-]+\s+){0,3}?[\w-]+(?:,\s*\w+,)?\s+(?:will|is going to|are going to)",
        r"|(?:^|[.!?\n—–;:,]\s*|\s-\s+|\p{Extended_Pictographic}\s*)will)",
        r"\s+(?:also\s+|then\s+|now\s+|just\s+|quickly\s+|personally\s+)?(?P<verb>[a-z]+)(?P<next>\s+[a-z]+)?",
    ))
    .expect("promise pattern")
});

/// A plan stated as a fact: "the fix will ship on Tuesday", "it goes live tonight", "we've
/// booked the window for Saturday", "your account will be ready by Friday".
static PLAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)(?-u:\b)(?:(?:will|is going to|are going to)\s+(?:ship|go\s+live|go\s+out|launch|be\s+(?:live|ready|deployed|delivered|done|sent|published|back|fixed|restored|in\s+your\s+inbox|set\s+up|up\s+and\s+running|installed|updated|completed|finished|uploaded|migrated|shipped|with\s+you))",
        r"|(?:goes|go|is\s+going|are\s+going)\s+(?:live|out)|(?:will|to)\s+follow|will\s+be\s+with\s+you",
        r"|(?:we've|we\s+have|i've|i\s+have)\s+(?:scheduled|booked|planned|arranged|set\s+up))(?-u:\b)",
    ))
    .expect("plan pattern")
});

/// A plan that is a promise only with a date said for it: "Pitching starts Monday", "the
/// first brief goes to your studio on Wednesday", "Launch is still on for Thursday",
/// "Changes (done by Tuesday)", "our finance team is reversing the duplicate today",
/// "looks good — pushing to prod first thing tomorrow".
static DATED_PLAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)(?-u:\b)(?:starts|begins|kicks\s+off|goes\s+to|(?:is|are)\s+(?:still\s+)?on\s+for|(?:stays?|remains?)\s+(?:on|set\s+for|scheduled\s+for)",
        r"|(?:is|are)\s+(?:scheduled|planned|booked|set|confirmed)\s+for",
        r"|(?:done|ready|finished|completed?|delivered|fixed)\s+(?:by|on|before)",
        r"|(?:we're|we\s+are|i'm|i\s+am|our\s+(?:[\w-]+\s+){0,3}?[\w-]+\s+(?:is|are))\s+(?P<ing>[a-z-]+ing))(?-u:\b)",
        // "The analysis will be shared by Monday", "subtitles will be in there by tomorrow",
        // "recap coming your way tomorrow morning".
        r"|(?:will|shall)\s+be\s+(?P<passive>[a-z]+ed|sent|done|shown|given|built|made|written|run|in)(?-u:\b)",
        r"|(?:coming|heading|on\s+its\s+way|on\s+their\s+way)\s+(?:your\s+way|to\s+you|over)(?-u:\b)",
        // A chat line's plan with no subject: "looks good — pushing to prod tomorrow".
        r"|(?:^|\n|[—–;,]\s*|\s-\s+)(?P<bare>[a-z]+ing)\s+(?:to|the|it|this|that|them|out|live|a|an)(?-u:\b)",
        // "Revised layout with you by end of play tomorrow".
        r"|(?:with\s+you|(?:over\s+)?to\s+you|in\s+your\s+inbox)\s+(?:by|on|before|first|tomorrow|today|tonight|this|next)(?-u:\b)",
    ))
    .expect("dated plan pattern")
});

/// What "will be ...ed" says when it is no work of ours: "the office will be closed",
/// "you will be charged".
const PASSIVE_NOT_PLANNED: [&str; 14] = [
    "closed",
    "affected",
    "impacted",
    "delayed",
    "charged",
    "billed",
    "required",
    "needed",
    "asked",
    "expected",
    "limited",
    "interrupted",
    "suspended",
    "locked",
];

/// What "we're ...ing" is about when it is no plan of work.
const ING_NOT_PLANNED: [&str; 13] = [
    "looking",
    "hoping",
    "waiting",
    "seeing",
    "having",
    "going",
    "thinking",
    "sorry",
    "following",
    "regarding",
    "including",
    "according",
    "concerning",
];

/// "could you <verb>", "can you <verb>", "could someone / your team <verb>", "please <verb>", "let us know which ...", "we
/// would be grateful if you could", "it would be helpful to receive", "we'll also need",
/// "Need it by Monday".
static ASK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)(?-u:\b)(?:(?:can|could|would|will)\s+(?:you|someone|somebody|they|your\s+[a-z]+(?:\s+team)?)\s+(?:please\s+|kindly\s+|also\s+|all\s+)?(?P<verb>[a-z]+)",
        r"|(?:grateful|appreciate\s+it)\s+if\s+you\s+could|it\s+would\s+(?:also\s+)?be\s+(?:helpful|great|useful|ideal)\s+(?:to\s+(?:receive|have|get)|if\s+you)",
        r"|(?:please|kindly)\s+(?P<pverb>[a-z]+)",
        r"|let\s+(?:us|me)\s+know\s+(?P<what>which|whether|what|when|who|how|if\s+(?:you|the|this|that|it)\s+(?:approve|agree|prefer|want|can|could|would|are ok|are okay))",
        r"|(?:we|i)(?:'ll|\s+will)?\s+(?:also\s+|still\s+){0,2}need\s+(?:your|the|a|an|you to|final|sign|from\s+you|everyone's|all|high-res|hi-res|access|confirmation|approval|details|files|images|photos|logos|assets|content)(?-u:\b)",
        // "Can we get read access by Tuesday?" asks the client for it.
        r"|(?:can|could)\s+we\s+(?:get|have|borrow)(?-u:\b)",
        // "Printing vendor needs final approval by tomorrow", "badge names are due to us by
        // Friday", "we'd appreciate the source files by Friday".
        r"|needs?\s+(?:your\s+|the\s+|final\s+|a\s+)*(?:approval|sign-off|signoff|confirmation|go-ahead|answer|decision|feedback|input)\s+(?:by|before)",
        r"|(?:due|back)\s+(?:to|with)\s+us\s+(?:by|before|on)",
        r"|(?:we|i)(?:'d|\s+would)\s+appreciate\s+(?:the|your|it|a|an|receiving|getting|having)(?-u:\b)",
        // A chat line's need with no subject: "Need it by Monday".
        r"|(?:^|\n|[.!?;—–]\s+)need\s+(?:it|them|this|that|these|those|an?\s+(?:answer|decision|reply|response|confirmation|go-ahead|sign-off))\s+(?:by|before|on|today|tomorrow|asap)(?-u:\b))",
    ))
    .expect("ask pattern")
});

/// A condition before a promise in its sentence ("If the prompt still shows up, I'll
/// remote in", "Once you approve, we'll order them"), or after it in its clause ("we'll
/// lock in the venue once the deposit clears"): a conditional follow-up, no promise. An
/// awaited event is no condition: "Once they arrive I'll update the press kit" promises.
static CONDITION_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:if|unless|in case|should you|once (?:you|your|we (?:have|receive|get|hear))|once (?:approved|confirmed|signed))(?-u:\b)")
        .expect("condition pattern")
});
static CONDITION_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?:if|unless|in case|once (?:you|your|the)|(?:as soon as|when|after) (?:you|your))(?-u:\b)",
    )
    .expect("condition pattern")
});

/// Whether the promise at `range` of the text depends on a condition said with it.
fn conditional(text: &Text, sentences: &Sentences, range: std::ops::Range<usize>) -> bool {
    let sentence = sentences.around(&range);
    let rest = &text.norm[range.end..sentence.end];
    let clause = rest
        .find(['.', '!', '?', '\n', ',', ';', '—'])
        .map_or(rest, |at| &rest[..at]);
    let clause = clause.find(" and ").map_or(clause, |at| &clause[..at]);
    // "I'll switch it back on Monday unless you tell me otherwise": a default plan.
    let default_plan = clause.contains("otherwise");
    conditional_before(text, sentences, range)
        || (CONDITION_AFTER.is_match(clause) && !default_plan)
}

/// Whether a condition is said before the words at `range` in their sentence ("if
/// possible" only softens: "Need an answer today if possible, I'm booking ...").
fn conditional_before(text: &Text, sentences: &Sentences, range: std::ops::Range<usize>) -> bool {
    let sentence = sentences.around(&range);
    let before = text.norm[sentence.start..range.start].replace("if possible", "");
    CONDITION_BEFORE.is_match(&before)
}

/// "I'll reconfirm numbers on Monday and send you the seating chart by Wednesday": a
/// second verb joined by "and" after a promise is a promise of its own when it has its
/// own date.
fn second_steps(
    text: &Text,
    sentences: &Sentences,
    promise: std::ops::Range<usize>,
    hits: &mut Vec<Hit>,
) {
    // A sentence's next few clauses only: a reply of one endless sentence stays linear.
    let end = sentences.around(&promise).end.min(
        text.norm
            .floor_char_boundary(promise.end + SECOND_STEP_REACH),
    );
    let rest = &text.norm[promise.end..end];
    for (at, _) in rest.match_indices(" and ") {
        let after = rest[at + 5..]
            .trim_start_matches("then ")
            .trim_start_matches("will ");
        let verb = after
            .split(|c: char| !c.is_ascii_alphabetic())
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        // "... by Monday, and the final deck by 19th March": the same verb, another thing
        // with its own date.
        let clause = after.split(['.', ';', '!', '?', '\n']).next().unwrap_or("");
        let another_thing = verb == "the"
            && [" by ", " on ", " before "]
                .iter()
                .any(|w| clause.contains(w));
        if SECOND_STEPS.contains(&verb.as_str()) || another_thing {
            let start = promise.end + (rest.len() - after.len());
            hits.push(dated_anchor(
                Category::Promise,
                Lang::En,
                start..start + verb.len(),
            ));
        }
    }
}

/// How far after a promise a second step is looked for, in bytes.
const SECOND_STEP_REACH: usize = 240;

/// Verbs that make a second step after "and".
const SECOND_STEPS: [&str; 24] = [
    "send",
    "share",
    "email",
    "call",
    "ring",
    "update",
    "fix",
    "deploy",
    "book",
    "schedule",
    "point",
    "move",
    "upload",
    "publish",
    "push",
    "run",
    "deliver",
    "confirm",
    "reconfirm",
    "prepare",
    "draft",
    "install",
    "replace",
    "post",
];

/// Verbs after "I'll" that promise nothing to the client.
const NOT_PROMISED: [&str; 11] = [
    "need", "want", "require", "wait", "assume", "leave", "let", "miss", "try", "hope", "you",
];

/// What "I'll be ..." is about when it promises nothing.
const BE_NOT_PROMISED: [&str; 10] = [
    "closed",
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
const NOT_ASKED: [&str; 9] = [
    "for",
    "like",
    "mind",
    "find",
    "note",
    "see",
    "feel",
    "ignore",
    "disregard",
];

pub(super) fn anchors(text: &Text, sentences: &Sentences) -> Vec<Hit> {
    let mut hits = Vec::new();
    for part in &text.fresh {
        let at = |r: std::ops::Range<usize>| part.start + r.start..part.start + r.end;
        let fresh = &text.norm[part.clone()];
        let mut will_do = None;
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
            // "we will proceed as follows:" introduces the promises below it.
            let line_end = fresh[whole.end()..]
                .find('\n')
                .map_or(fresh.len(), |n| whole.end() + n);
            let heading = ["follows:", "following:", "below:"]
                .iter()
                .any(|w| fresh[..line_end].trim_end().ends_with(w));
            // The anchor is the words up to the verb, not a sentence end before them.
            let start = whole
                .as_str()
                .find(|c: char| c.is_ascii_alphabetic())
                .unwrap_or(0);
            let said = at(whole.start() + start..whole.end());
            if idle || heading || conditional(text, sentences, said) {
                continue;
            }
            let end = caps.name("verb").map_or(whole.end(), |v| v.end());
            let range = at(whole.start() + start..end);
            // "Will do." acknowledges; it is the promise only when nothing else is.
            if verb == "do"
                && next.is_empty()
                && whole
                    .as_str()
                    .trim_start_matches(|c: char| !c.is_ascii_alphabetic())
                    .len()
                    <= 7
            {
                will_do = Some(range);
                continue;
            }
            second_steps(text, sentences, range.clone(), &mut hits);
            hits.push(if heading {
                dated_anchor(Category::Promise, Lang::En, range)
            } else {
                anchor(Category::Promise, Lang::En, range)
            });
        }
        for found in PLAN.find_iter(fresh) {
            second_steps(text, sentences, at(found.range()), &mut hits);
            hits.push(anchor(Category::Promise, Lang::En, at(found.range())));
        }
        for caps in DATED_PLAN.captures_iter(fresh) {
            let Some(whole) = caps.get(0) else { continue };
            let idle = caps.name("ing").or(caps.name("bare")).is_some_and(|v| {
                ING_NOT_PLANNED.contains(&v.as_str().to_ascii_lowercase().as_str())
            }) || caps.name("passive").is_some_and(|v| {
                PASSIVE_NOT_PLANNED.contains(&v.as_str().to_ascii_lowercase().as_str())
            });
            // "The templates were finished on Friday", "is the session still on for 10:00?",
            // "Once we have it, artwork goes to the printer": no plan of ours.
            let before = tail(fresh, whole.start(), 12)
                .trim_end()
                .to_ascii_lowercase();
            let past = ["was", "were", "been", "already"]
                .iter()
                .any(|w| before.ends_with(w));
            let range = at(whole.range());
            let sentence = &text.norm[sentences.around(&range)];
            // "Your CEO's interview is confirmed for Thursday": the client's plan.
            let theirs = sentence
                .trim_start_matches(|c: char| !c.is_ascii_alphabetic())
                .get(..5)
                .is_some_and(|w| w.eq_ignore_ascii_case("your "));
            let asked = theirs || sentence.trim_end().ends_with('?');
            if !idle && !past && !asked && !conditional_before(text, sentences, range.clone()) {
                second_steps(text, sentences, range.clone(), &mut hits);
                hits.push(dated_anchor(Category::Promise, Lang::En, range));
            }
        }
        let promised = hits
            .iter()
            .any(|h| h.entry.category == Category::Promise && part.contains(&h.range.start));
        if let Some(range) = will_do.filter(|_| !promised) {
            hits.push(anchor(Category::Promise, Lang::En, range));
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
            hits.push(anchor(Category::Ask, Lang::En, at(whole.range())));
        }
        questions(fresh, part.start, &mut hits);
        sections(fresh, part.start, &mut hits);
    }
    hits
}

/// A question of three words or more asks the client something ("any update on the logo
/// files?", "which browser are you using?").
fn questions(fresh: &str, offset: usize, hits: &mut Vec<Hit>) {
    let mut start = 0;
    for (end, c) in fresh
        .char_indices()
        .filter(|(_, c)| matches!(c, '.' | '!' | '?' | '\n'))
    {
        let sentence = &fresh[start..end];
        start = end + c.len_utf8();
        if c == '?' && sentence.split_whitespace().count() >= 3 {
            // The anchor is the question's last word: the mark itself ends the sentence.
            let words = sentence.trim_end();
            let last = words.rfind(char::is_whitespace).map_or(0, |at| at + 1);
            let begin = end - sentence.len();
            hits.push(question_anchor(
                Lang::En,
                offset + begin + last..offset + begin + words.len(),
            ));
        }
    }
}

/// List items under a heading that names who acts or our plan: "Ours:", "As agreed, our
/// team will:", "Next steps on our side:", "Here's the plan:" hold our promises (each counted with its date: "Send the
/// project plan – Monday, Dec 7"); "Yours:", "Needs your input:" hold asks.
fn sections(fresh: &str, offset: usize, hits: &mut Vec<Hit>) {
    let mut section = None;
    // A blank line may part the heading from its list, not the list from what follows.
    let mut listed = false;
    let mut at = 0;
    for line in fresh.split_inclusive('\n') {
        let start = at;
        at += line.len();
        let trimmed = line.trim();
        if trimmed.is_empty() {
            if listed {
                section = None;
            }
        } else if trimmed.ends_with(':') || short_heading(trimmed) {
            section = heading_side(trimmed);
            listed = false;
        } else if let Some(inline) = inline_asks(trimmed) {
            // "What I need from you: final copy by Sunday, and sign-off by Tuesday."
            let begin = offset + start + (line.len() - line.trim_start().len());
            for part in inline {
                hits.push(dated_anchor(
                    Category::Ask,
                    Lang::En,
                    begin + part.start..begin + part.end,
                ));
            }
        } else if let Some(ours) = section {
            listed = true;
            let item = trimmed.trim_start_matches(|c: char| {
                c.is_ascii_digit() || matches!(c, '-' | '*' | '•' | '–' | '.' | ')' | ' ')
            });
            if item.len() == trimmed.len() {
                section = None;
                continue;
            }
            let begin =
                start + (line.len() - line.trim_start().len()) + (trimmed.len() - item.len());
            let range =
                offset + begin..offset + begin + item.split_whitespace().next().map_or(0, str::len);
            hits.push(if ours {
                dated_anchor(Category::Promise, Lang::En, range)
            } else {
                anchor(Category::Ask, Lang::En, range)
            });
        }
    }
}

/// A heading without its colon: "Our side", "Your side", "Next sprint (12–23 July)".
fn short_heading(line: &str) -> bool {
    line.split_whitespace().count() <= 4
        && !line.ends_with(['.', '!', '?', ','])
        && !line.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '-' | '*' | '•' | '–'))
        && heading_side(line).is_some()
}

/// The parts of a line that lists what the client is to do after a heading of its own
/// ("What I need from you: final banner copy by Sunday, and sign-off by Tuesday"): the
/// first word of each part, in the line.
fn inline_asks(line: &str) -> Option<Vec<std::ops::Range<usize>>> {
    let colon = line.find(": ")?;
    let heading = line[..colon].to_ascii_lowercase();
    let asks = [
        "need",
        "from you",
        "your side",
        "your end",
        "to do",
        "to-do",
        "action",
    ]
    .iter()
    .any(|w| heading.contains(w));
    if !asks || heading_side(&line[..=colon]) != Some(false) || heading.contains(['.', '?', '!']) {
        return None;
    }
    let mut parts = Vec::new();
    let mut from = colon + 2;
    for piece in line[from..].split_inclusive([',', ';']) {
        let word = piece.trim_start();
        let word = word.strip_prefix("and ").unwrap_or(word);
        let start = from + piece.len() - word.len();
        let first = word.split_whitespace().next().map_or(0, str::len);
        if first > 0 {
            parts.push(start..start + first);
        }
        from += piece.len();
    }
    Some(parts)
}

/// Words of a heading over our own steps when it names no one: "Here's the plan to hit
/// the launch:", "A quick status before everyone logs off:", "As agreed:".
/// ("Timeline:" and "Quick update:" list what happened as often as what will.)
const PLAN_HEADINGS: [&str; 9] = [
    "plan",
    "status",
    "steps",
    "schedule",
    "actions",
    "agreed",
    "discussed",
    "roadmap",
    "next",
];

/// Whose items a heading lists: `Some(true)` ours, `Some(false)` the client's.
fn heading_side(line: &str) -> Option<bool> {
    // "Thanks for your time. Confirming what we agreed:": the heading is its last sentence;
    // "To keep your payroll on schedule:" states a purpose and names no one's items.
    let heading = line
        .rfind(['.', '!', '?'])
        .map_or(line, |at| &line[at + 1..])
        .trim_start();
    if heading.starts_with("To ") {
        return None;
    }
    let words: Vec<String> = heading
        .split(|c: char| !c.is_ascii_alphabetic() && c != '\'')
        .map(str::to_ascii_lowercase)
        .collect();
    let has = |list: &[&str]| words.iter().any(|w| list.contains(&w.as_str()));
    let lower = heading.to_ascii_lowercase();
    let client_side = has(&["your", "yours", "you", "questions", "question"]);
    if client_side && !lower.contains("thank you") {
        Some(false)
    } else if has(&[
        "we", "we'll", "we're", "we've", "our", "ours", "us", "i", "i'll",
    ]) || has(&PLAN_HEADINGS)
    {
        Some(true)
    } else {
        None
    }
}
