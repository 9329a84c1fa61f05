//! Promises and asks that a phrase list cannot enumerate: in English any verb can follow
//! "I'll" or "we'll" ("I'll turn around the revised version", "we'll push it live"),
//! and any verb can follow "could you" or "please". These patterns add anchors beside the
//! lexicon's; the words that make such a sentence no promise or no ask are listed here.

use crate::detect::Lang;
use crate::lexicon::{Category, Entry, Hit};
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

/// A Japanese sentence that ends in a humble or plain volitional verb: 再発行いたします。
/// 作っておきますね。反映させていただきます。確認させてください。修正は本日中に入れます。
/// 反映する予定です。 (お願いいたします and 失礼いたします are no promise: see
/// `JA_NOT_PROMISED`).
static JA_PROMISE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?:いたします|致します|します|ておきます|でおきます|させていただきます|させて頂きます|させてください|させて下さい",
        r"|(?:送り|書き|入れ|進め|作り|出し|直し|返し|伺い|上げ|載せ|投げ|回し|戻し|当て|差し替え|貼り|調べ|決め|見|聞き",
        r"|まとめ|仕上げ|届け|変え|止め|切り替え|始め|行い|組み)ます",
        r"|(?:する|いたす|行う|[るうく])予定(?:です|でございます|となっております))",
        r"(?:ね|ので|よ)?(?:[。！!]|\n|$)",
    ))
    .expect("Japanese promise pattern")
});

/// What asks the client in Japanese beyond the lexicon's fixed forms: a question
/// ("〜でよろしいでしょうか"), a request for a named action ("議事録のご確認をお願いします",
/// "ご検討のほどよろしくお願いいたします", "差し替えてください"), a wish
/// ("ご判断いただけますと助かります"). The closing "よろしくお願いいたします" asks nothing.
static JA_ASK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?P<question>(?:でしょうか|ですか|ますか|ませんか|でございますか)[?]?\s*(?:[。]|\n|$)|か[?])",
        r"|(?:を|のほど[、,]?\s*(?:よろしく)?|ご[^\s。、,をのにはが]{1,6}|お[^\s。、,をのにはが]{1,6})お願い(?:いたします|致します|します|申し上げます)",
        r"|(?:て|で)(?:ください|下さい)|(?:ご|お)[^\s。、,をのにはが]{1,6}(?:ください|下さい)",
        r"|いただけますと(?:助かります|幸いです)|いただけると助かります|いただければ幸いです|いただけないでしょうか|いただきたく",
    ))
    .expect("Japanese ask pattern")
});

/// Requests that ask for no action ("ご理解のほど", "ご査収ください", "お待ちください") or
/// invite without a need ("お気軽にご連絡ください", "ご不明な点がございましたら").
const JA_NOT_ASKED: [&str; 14] = [
    "理解",
    "了承",
    "容赦",
    "協力",
    "査収",
    "お待ち",
    "安心",
    "放念",
    "自愛",
    "お気軽",
    "いつでも",
    "ございましたら",
    "不明な点",
    "お過ごし",
];

/// What comes before いたします when it promises nothing.
const JA_NOT_PROMISED: [&str; 10] = [
    "願い",
    "失礼",
    "感謝",
    "申し上げ",
    "恐縮",
    "安心",
    "了承",
    "承知",
    "お待ち",
    "拝察",
];

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

/// The promise and ask anchors these patterns find in the fresh parts of `text`.
pub(super) fn anchors(text: &Text, language: Lang) -> Vec<Hit> {
    match language {
        Lang::En => english(text),
        Lang::Ja => japanese(text),
        Lang::Zh => super::chinese::anchors(text),
    }
}

fn japanese(text: &Text) -> Vec<Hit> {
    let sentences = crate::text::Sentences::new(&text.norm);
    let mut hits = Vec::new();
    for part in &text.fresh {
        let fresh = &text.norm[part.clone()];
        for found in JA_PROMISE.find_iter(fresh) {
            let before = &fresh[..found.start()];
            let tail: String = before
                .chars()
                .rev()
                .take(4)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            // 〜とさせていただきます declares ("確定とさせていただきます"); 御礼申し上げます
            // thanks; neither promises anything.
            let declares =
                before.ends_with('と') || tail.ends_with("とさせて") || before.ends_with("申し");
            if declares || JA_NOT_PROMISED.iter().any(|w| tail.contains(w)) {
                continue;
            }
            let verb = found
                .as_str()
                .trim_end_matches(['。', '！', '!', '\n', 'ね'])
                .trim_end_matches("ので");
            hits.push(anchor(
                Category::Promise,
                Lang::Ja,
                part.start + found.start()..part.start + found.start() + verb.len(),
            ));
        }
        for caps in JA_ASK.captures_iter(fresh) {
            let Some(found) = caps.get(0) else { continue };
            let range = part.start + found.start()..part.start + found.end();
            let sentence = &text.norm[sentences.around(&range)];
            if JA_NOT_ASKED.iter().any(|w| sentence.contains(w)) {
                continue;
            }
            hits.push(if caps.name("question").is_some() {
                question_anchor(Lang::Ja, range)
            } else {
                anchor(Category::Ask, Lang::Ja, range)
            });
        }
    }
    hits
}

fn english(text: &Text) -> Vec<Hit> {
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
