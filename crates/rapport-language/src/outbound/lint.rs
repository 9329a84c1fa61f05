//! The composer's linter: the habits in a reply that lose clients, each pointed out with
//! its span, why it matters and what to write instead, in the reply's language
//! (`lexicons/lint.tsv`). The phrases are in `lexicons/outbound.tsv`, the jargon glossary
//! in `lexicons/jargon.tsv`.

use super::{Finding, OutboundInput};
use crate::detect::Lang;
use crate::lexicon::{Category, Hit};
use crate::scope::terms;
use crate::text::{Sentences, Span, Text};
use crate::time::Resolved;
use rapport_domain::LintRule;
use regex::Regex;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// (rule, language) -> (message, suggestion).
type Words = HashMap<(&'static str, &'static str), (&'static str, &'static str)>;

static WORDS: LazyLock<Words> = LazyLock::new(|| {
    crate::data::data_lines(include_str!("../../lexicons/lint.tsv"))
        .filter_map(|(_, line)| match line.split('\t').collect::<Vec<_>>()[..] {
            [rule, lang, message, suggestion] => Some(((rule, lang), (message, suggestion))),
            _ => None,
        })
        .collect()
});

/// A result stated as certain: "the open rate will reach 60%", 開封率が60%に向上します,
/// 转化率会提升到30%. Hedged sentences (expect, 見込み, 预计) are left alone.
static CERTAIN_FIGURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)(?-u:\b)(?:will|is going to|are going to)\s+(?:be|reach|hit|increase|grow|improve|rise|double|go up)(?:\s+(?:to|by))?\s+\d+(?:\.\d+)?\s*%",
        r"|\d+(?:\.\d+)?\s*%(?:に|まで|の)?(?:向上|改善|増加|達成|アップ)(?:します|いたします|できます)",
        r"|(?:会|将|能)(?:达到|提升|提高|增长|增加)(?:到)?\s*\d+(?:\.\d+)?\s*%",
    ))
    .expect("certain figure pattern")
});

/// A cause put on the client: "because your team changed ...", "your team never sent",
/// 御社法務部のご確認に3日もかかったため, 是因为你们法务审了三天.
static BLAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)(?-u:\b)(?:because|since|as|due to)\s+(?:of\s+)?(?:you|your)(?-u:\b)",
        r"|(?-u:\b)(?:you|your\s+[a-z]+(?:\s+[a-z]+)?)\s+(?:never|still\s+hasn't|still\s+haven't|hasn't|haven't|didn't|did\s+not|failed\s+to|forgot\s+to)(?-u:\b)",
        r"|(?:御社|貴社|お客様|ご担当者様)[^。\n]{0,40}?(?:ため|ので|せいで|が原因|ことが原因)",
        r"|(?:因为|由于|是因为)[^。\n，,]{0,6}?(?:你们|您们|贵司|贵方|你方|您那边|你们那边)",
        r"|(?:你们|贵司|贵方)[^。\n]{0,20}?(?:一直没|没有及时|太慢|拖了|迟迟|到现在都没|都没批|都没给|都没发)",
        r"|(?:いただいた|頂いた|ご提供の)[^。\n]{0,20}?(?:古い|誤り|間違|不備)[^。\n]{0,12}?(?:ため|せい)",
    ))
    .expect("blame pattern")
});

const HEDGES: [&str; 10] = [
    "expect", "aim", "target", "estimate", "見込", "目標", "想定", "预计", "目标", "预估",
];

fn finding(rule: LintRule, language: Lang, evidence: Vec<Span>, extra: &str) -> Finding {
    let (message, suggestion) = WORDS
        .get(&(rule.as_str(), language.as_str()))
        .copied()
        .unwrap_or_default();
    Finding {
        rule,
        message: message.to_owned(),
        evidence,
        suggestion: format!("{suggestion}{extra}"),
    }
}

pub(super) fn findings(
    text: &Text,
    sentences: &Sentences,
    input: &OutboundInput,
    language: Lang,
    hits: &[Hit],
    times: &[Resolved],
) -> Vec<Finding> {
    let of = |category: Category| hits.iter().filter(move |h| h.entry.category == category);
    let span = |h: &Hit| text.span(h.range.clone());
    let mut out = Vec::new();
    for (category, rule) in [
        (Category::BadNewsOpening, LintRule::BadNewsOpening),
        (Category::Blame, LintRule::Blame),
        (Category::OverPromise, LintRule::OverPromise),
    ] {
        out.extend(
            of(category)
                .filter(|h| category != Category::OverPromise || !disclaimed(&text.norm, h))
                .map(|h| finding(rule, language, vec![span(h)], "")),
        );
    }
    out.extend(certain_figures(text, sentences, language));
    let named_blame: Vec<std::ops::Range<usize>> =
        of(Category::Blame).map(|h| h.range.clone()).collect();
    for part in &text.fresh {
        for found in BLAME.find_iter(&text.norm[part.clone()]) {
            let range = found.start() + part.start..found.end() + part.start;
            // "as soon as you've signed" is no cause.
            let before = text.norm[..range.start].to_ascii_lowercase();
            if before.ends_with("as soon ") || before.ends_with("such ") {
                continue;
            }
            if !named_blame
                .iter()
                .any(|r| r.start < range.end && range.start < r.end)
            {
                out.push(finding(
                    LintRule::Blame,
                    language,
                    vec![text.span(range)],
                    "",
                ));
            }
        }
    }
    if !input.technical {
        let mut named = HashSet::new();
        for hit in of(Category::Jargon) {
            let term = text.norm[hit.range.clone()].to_lowercase();
            if named.insert(term) {
                let plain = format!(" {}", hit.entry.label);
                out.push(finding(LintRule::Jargon, language, vec![span(hit)], &plain));
            }
        }
    }
    // Bad news needs a plan or a date: a next step said, or a date ahead in another
    // sentence ("今天给到的话,11月20日前可以接好"; not "won't launch on Monday as planned").
    // A condition is no news ("要是来不及改,...").
    let conditions: Vec<&Hit> = of(Category::Conditional).collect();
    let news: Vec<&Hit> = of(Category::BadNews)
        // "CPM is down 12%" reports a figure.
        .filter(|h| {
            !text.norm[h.range.end..]
                .trim_start()
                .starts_with(|c: char| c.is_ascii_digit())
        })
        .filter(|h| {
            let sentence = sentences.around(&h.range);
            let first = conditions.partition_point(|c| c.range.start < sentence.start);
            !conditions[first..]
                .iter()
                .take_while(|c| c.range.start < h.range.start)
                .any(|c| c.range.end <= h.range.start)
        })
        .collect();
    let news_sentences: HashSet<usize> = news
        .iter()
        .map(|h| sentences.around(&h.range).start)
        .collect();
    let bad_news: Vec<Span> = news.iter().map(|h| span(h)).collect();
    let planned = of(Category::NextStep).next().is_some()
        || times
            .iter()
            .any(|t| !news_sentences.contains(&sentences.around(&t.range).start));
    if !bad_news.is_empty() && !planned {
        out.push(finding(LintRule::MissingNextStep, language, bad_news, ""));
    }
    if let Some(reply_to) = input.reply_to {
        out.extend(unanswered(reply_to, &text.fresh_text(), language));
    }
    out.sort_by_key(|f| f.evidence.first().map_or(usize::MAX, |s| s.start));
    out
}

/// A guarantee said as what we cannot give: "I can't guarantee", 质量又有保证 ("quality
/// assured", a noun), 絶対にとは言えません.
fn disclaimed(text: &str, hit: &Hit) -> bool {
    let before: String = text[..hit.range.start]
        .chars()
        .rev()
        .take(12)
        .collect::<String>()
        .chars()
        .rev()
        .collect();
    let before = before.to_lowercase();
    let after: String = text[hit.range.end..].chars().take(8).collect();
    [
        "can't",
        "cannot",
        "can not",
        "won't",
        "not",
        "no one",
        "有",
        "无法",
        "難しい",
        "难以",
        "不能",
        "不敢",
        "很难",
    ]
    .iter()
    .any(|w| before.ends_with(w) || before.trim_end().ends_with(w))
        || ["とは言え", "できかね", "できません"]
            .iter()
            .any(|w| after.contains(w))
}

fn certain_figures(text: &Text, sentences: &Sentences, language: Lang) -> Vec<Finding> {
    text.fresh
        .iter()
        .flat_map(|part| {
            CERTAIN_FIGURE
                .find_iter(&text.norm[part.clone()])
                .map(move |m| m.start() + part.start..m.end() + part.start)
        })
        .filter(|range| {
            let sentence = text.norm[sentences.around(range)].to_lowercase();
            !HEDGES.iter().any(|h| sentence.contains(h))
        })
        .map(|range| finding(LintRule::OverPromise, language, vec![text.span(range)], ""))
        .collect()
}

/// The terms that carry content: English words of four letters or more ("the", "for"
/// and "can" answer nothing), CJK pairs without hiragana (a pair with one is grammar:
/// でし, 日に, の方).
fn content_terms(text: &str) -> HashSet<String> {
    let hiragana = |c: char| ('\u{3041}'..='\u{309F}').contains(&c);
    terms(text)
        .into_iter()
        .filter(|t| {
            if t.is_ascii() {
                t.len() >= 4
            } else {
                !t.chars().any(hiragana)
            }
        })
        .collect()
}

/// A yes-or-no question ("Can we ...?", "Is it ...?"), which "Yes, ..." answers.
fn yes_no(question: &str) -> bool {
    let first = question
        .trim_start()
        .split(|c: char| !c.is_ascii_alphabetic())
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    [
        "can", "could", "is", "are", "do", "does", "will", "would", "should", "may", "did", "have",
        "has",
    ]
    .contains(&first.as_str())
}

/// Kinds of question and the words that answer them in other terms: what happened, and
/// why ("原因是...", "because"), will it happen again ("为了避免再次发生", "to prevent"),
/// can it be done on time ("恐怕不行了", "I'm afraid we can't"), in what form
/// ("a spreadsheet").
const ANSWERED_IN_KIND: [(&[&str], &[&str]); 5] = [
    (
        &[
            "回复了吗",
            "有消息",
            "返事はありました",
            "連絡はありました",
            "heard back",
            "any word",
            "any news",
        ],
        &[
            "确认",
            "回复",
            "連絡があり",
            "確定",
            "confirmed",
            "heard",
            "replied",
            "got back",
        ],
    ),
    (
        &[
            "怎么回事",
            "为什么",
            "為什麼",
            "什么原因",
            "何が起き",
            "なぜ",
            "どうして",
            "what happened",
            "why",
        ],
        &[
            "原因",
            "因为",
            "由于",
            "是因为",
            "ため",
            "because",
            "caused",
            "due to",
            "the cause",
        ],
    ),
    (
        &[
            "还会不会",
            "会不会再",
            "再次",
            "また同じ",
            "再発",
            "happen again",
            "again",
        ],
        &[
            "避免",
            "防止",
            "以后",
            "再発防止",
            "今後",
            "prevent",
            "going forward",
            "from now on",
        ],
    ),
    (
        &[
            "按时",
            "能否",
            "能不能",
            "来得及",
            "間に合",
            "on time",
            "on track",
            "in time",
        ],
        &[
            "恐怕",
            "不行",
            "来不及",
            "延期",
            "推迟",
            "難しい",
            "間に合いません",
            "afraid",
            "can't",
            "won't",
            "unfortunately",
            "delayed",
        ],
    ),
    (
        &["格式", "形式", "format"],
        &[
            "格式",
            "形式",
            "excel",
            "csv",
            "pdf",
            "spreadsheet",
            "ファイル",
        ],
    ),
];

/// Whether the draft answers the question in its kind's terms.
fn answered_in_kind(question: &str, draft: &str) -> bool {
    let question = question.to_lowercase();
    let draft = draft.to_lowercase();
    ANSWERED_IN_KIND.iter().any(|(asks, answers)| {
        asks.iter().any(|w| question.contains(w)) && answers.iter().any(|w| draft.contains(w))
    })
}

/// Whether a line of the draft starts with a plain answer: yes, no, sure, はい, 是的, 可以.
fn answers_yes_or_no(draft: &str) -> bool {
    draft.lines().any(|line| {
        let line = line.trim_start().to_lowercase();
        [
            "yes",
            "no,",
            "no.",
            "sure",
            "absolutely",
            "of course",
            "はい",
            "是的",
            "可以",
            "没问题",
            "沒問題",
        ]
        .iter()
        .any(|w| line.starts_with(w))
    })
}

/// The questions of the client's message that the draft hardly touches: fewer than a
/// quarter of their content terms appear in it (a yes-or-no question answered "Yes, ..."
/// is answered).
fn unanswered(reply_to: &str, draft: &str, language: Lang) -> Vec<Finding> {
    let client = Text::new(reply_to);
    let answered = content_terms(draft);
    let sentences = Sentences::new(&client.norm);
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for part in &client.fresh {
        for (at, c) in client.norm[part.clone()].char_indices() {
            let at = part.start + at;
            let end = at + c.len_utf8();
            let question = matches!(c, '?' | '？') || is_cjk_question_end(&client.norm, end);
            if !question {
                continue;
            }
            let sentence = sentences.around(&(at..end));
            if !seen.insert(sentence.start) {
                continue;
            }
            let sentence = trimmed(&client.norm, sentence);
            let asked = content_terms(&client.norm[sentence.clone()]);
            let shared = asked.intersection(&answered).count();
            // The question itself, after a greeting or "two things:" on its line.
            let clause = client.norm[sentence.clone()]
                .rsplit([':', ',', '、', '，'])
                .next()
                .unwrap_or("");
            let plainly_answered = (yes_no(clause) && answers_yes_or_no(draft))
                || answered_in_kind(&client.norm[sentence.clone()], draft);
            if asked.len() >= 2 && shared * 4 < asked.len() && !plainly_answered {
                let evidence = vec![client.span(sentence)];
                out.push(finding(
                    LintRule::UnansweredQuestion,
                    language,
                    evidence,
                    "",
                ));
            }
        }
    }
    out
}

/// `range` without the white space at its ends.
fn trimmed(text: &str, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let inner = &text[range.clone()];
    let start = range.start + (inner.len() - inner.trim_start().len());
    let end = range.end - (inner.len() - inner.trim_end().len());
    start..end.max(start)
}

/// A Japanese or Chinese question often ends without a mark: か。, 吗, 呢 before a
/// sentence end or a line break.
fn is_cjk_question_end(text: &str, end: usize) -> bool {
    let before = &text[..end];
    let ends_sentence = text[end..]
        .chars()
        .next()
        .is_none_or(|c| matches!(c, '。' | '\n' | '!' | '！'));
    ends_sentence
        && (before.ends_with("でしょうか") || before.ends_with('吗') || before.ends_with('呢'))
}

#[cfg(test)]
mod tests {
    use super::super::{OutboundCard, read_on_a_tuesday_for};
    use rapport_domain::LintRule;

    fn lint(text: &str, zone: &str, technical: bool, reply_to: Option<&str>) -> OutboundCard {
        read_on_a_tuesday_for(text, zone, technical, reply_to)
    }

    fn rules(card: &OutboundCard) -> Vec<&'static str> {
        card.findings.iter().map(|f| f.rule.as_str()).collect()
    }

    #[test]
    fn bad_news_delivered_badly_is_pointed_out() {
        let card = lint(
            "Hi Megan, I have two pieces of news: a good one and a bad one. Unfortunately the launch is delayed.",
            "America/New_York",
            true,
            None,
        );
        assert_eq!(rules(&card), vec!["bad_news_opening", "missing_next_step"]);
        let card = lint(
            "小林様\n良いお知らせと悪いお知らせがございます。お客様から素材をいただけなかったため、公開が遅れております。",
            "Asia/Tokyo",
            true,
            None,
        );
        assert_eq!(
            rules(&card),
            vec!["bad_news_opening", "blame", "missing_next_step"]
        );
        assert!(card.findings[1].message.contains("お客様"), "in Japanese");
        let card = lint(
            "林经理，有一个好消息和一个坏消息。由于你们没有按时提供素材，上线要推迟了。",
            "Asia/Shanghai",
            true,
            None,
        );
        assert!(rules(&card).contains(&"blame"), "{:?}", rules(&card));
    }

    #[test]
    fn bad_news_done_well_passes() {
        for (text, zone) in [
            (
                "Hi Megan, the launch will move from Dec 3 to Dec 10: the payment provider's review takes a week longer. I'll send the updated plan by 3pm tomorrow, and we'll keep the campaign dates as they are.",
                "America/New_York",
            ),
            (
                "小林様\n公開日が12月3日から12月10日に変更となります。決済会社の審査に1週間ほど追加でかかるためです。明日の15時までに新しいスケジュールをお送りいたします。",
                "Asia/Tokyo",
            ),
            (
                "林经理您好，上线时间需要从12月3日调整到12月10日，支付渠道审核多了一周。新的排期我们明天下午3点前发给您。",
                "Asia/Shanghai",
            ),
        ] {
            let card = lint(text, zone, false, None);
            assert!(card.findings.is_empty(), "{text}: {:?}", card.findings);
        }
    }

    #[test]
    fn over_promises_and_certain_figures() {
        let card = lint(
            "We guarantee the new page will reach a 60% open rate.",
            "UTC",
            true,
            None,
        );
        assert!(rules(&card).iter().all(|r| *r == "over_promise"));
        assert!(!rules(&card).is_empty());
        let card = lint(
            "施策により、開封率が60%に向上します。",
            "Asia/Tokyo",
            true,
            None,
        );
        assert_eq!(rules(&card), vec!["over_promise"]);
        let card = lint("我们保证转化率会提升到30%。", "Asia/Shanghai", true, None);
        assert!(rules(&card).contains(&"over_promise"));
        let hedged = lint(
            "We expect the open rate will rise to 40%, as it did last time.",
            "UTC",
            true,
            None,
        );
        assert!(hedged.findings.is_empty(), "{:?}", hedged.findings);
    }

    #[test]
    fn jargon_matters_only_to_a_reader_who_is_not_technical() {
        let text = "We'll deploy the hotfix to staging tonight and clear the CDN cache.";
        let card = lint(text, "UTC", false, None);
        assert_eq!(
            rules(&card).iter().filter(|r| **r == "jargon").count(),
            5,
            "{:?}",
            card.findings
        );
        assert!(
            card.findings[0].suggestion.ends_with("publish"),
            "{:?}",
            card.findings[0]
        );
        assert!(lint(text, "UTC", true, None).findings.is_empty());
        let card = lint(
            "本番環境へのデプロイは今夜実施いたします。",
            "Asia/Tokyo",
            false,
            None,
        );
        assert!(
            card.findings.iter().all(|f| f.rule == LintRule::Jargon) && card.findings.len() == 2
        );
    }

    #[test]
    fn a_question_the_draft_leaves_unanswered() {
        let client = "Hi James, two things: what is the total budget for the landing page? And can the banner use our new logo?";
        let draft =
            "Hi Megan, yes - the banner will use the new logo. I'll send the mock-up by Friday.";
        let card = lint(draft, "UTC", true, Some(client));
        assert_eq!(rules(&card), vec!["unanswered_question"]);
        assert!(card.findings[0].evidence[0].text.contains("budget"));
        let client = "お世話になっております。見積もりの金額はおいくらでしょうか。";
        let card = lint(
            "ご連絡ありがとうございます。明日お送りします。",
            "Asia/Tokyo",
            true,
            Some(client),
        );
        assert_eq!(rules(&card), vec!["unanswered_question"]);
        let answered = lint(
            "お見積もりの金額は税込55万円です。",
            "Asia/Tokyo",
            true,
            Some(client),
        );
        assert!(answered.findings.is_empty(), "{:?}", answered.findings);
    }
}
