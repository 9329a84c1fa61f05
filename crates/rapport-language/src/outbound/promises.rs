//! Promises and asks in a reply of ours, with their dates.
//!
//! A sentence's promise phrases ("I'll send", お送りいたします, 发给您) and ask phrases
//! ("could you send", ご送付いただけますでしょうか, 请提供) are its anchors; anchors of one
//! kind with no time between them are one item ("let me check and get back to you"). Each
//! time expression of the sentence belongs to the nearest item: English says the time
//! after the verb ("I'll send it by 3pm"), Japanese and Chinese before it (15時までに
//! お送りします, 明天下午3点前发给您), so a time between two items goes to the one that
//! reads it that way. Quoted history is never read; past times ("the files I sent
//! yesterday") are no due dates; an offer that depends on the client ("if you'd like, I
//! can send", もしよろしければ, 如果需要) is not a promise.

use super::{Ask, OutboundInput, Promise, chinese, patterns, times};
use crate::deadline::{any_within, due_of};
use crate::detect::Lang;
use crate::lexicon::{Category, Hit};
use crate::text::{Sentences, Span, Text};
use crate::time::Resolved;
use jiff::civil::{Date, Time};
use std::ops::Range;

/// A run of anchors of one kind in a sentence, and the times that belong to it.
struct Item<'h> {
    promise: bool,
    anchors: Vec<&'h Hit>,
    times: Vec<&'h Resolved>,
    sentence: Range<usize>,
}

impl Item<'_> {
    fn range(&self) -> Range<usize> {
        let start = self.anchors.first().map_or(0, |h| h.range.start);
        let end = self.anchors.last().map_or(0, |h| h.range.end);
        start..end
    }
}

/// The gap between two ranges; 0 when they overlap.
fn gap(a: &Range<usize>, b: &Range<usize>) -> usize {
    if a.end <= b.start {
        b.start - a.end
    } else {
        a.start.saturating_sub(b.end)
    }
}

pub(super) fn read(
    text: &Text,
    sentences: &Sentences,
    input: &OutboundInput,
    language: Lang,
    hits: &[Hit],
    times: &[Resolved],
) -> (Vec<Promise>, Vec<Ask>) {
    let anchors: Vec<&Hit> = hits
        .iter()
        .filter(|h| matches!(h.entry.category, Category::Promise | Category::Ask))
        .collect();
    let conditionals: Vec<&Hit> = hits
        .iter()
        .filter(|h| h.entry.category == Category::Conditional)
        .collect();
    let mut items: Vec<Item> = Vec::new();
    for (n, anchor) in anchors.iter().enumerate() {
        let sentence = sentences.around(&anchor.range);
        let promise = anchor.entry.category == Category::Promise;
        // Times are in text order: look only at those starting inside `range`.
        let time_in = |range: Range<usize>| {
            let first = times.partition_point(|t| t.range.start < range.start);
            times[first..]
                .iter()
                .take_while(|t| t.range.start < range.end)
                .any(|t| t.range.end <= range.end)
        };
        // A Chinese time says itself before the verb: "还需要您确认,麻烦周三前回复" is one
        // ask, since its first verb has no time of its own. (Promises in a row are not:
        // "我先发您个初版,明天再补全细节".)
        let own_time = |item: &Item| {
            let from = n
                .checked_sub(item.anchors.len() + 1)
                .map_or(item.sentence.start, |p| {
                    anchors[p].range.end.max(item.sentence.start)
                });
            time_in(from..item.range().start)
        };
        let separate = |item: &Item| {
            time_in(item.range().end..anchor.range.start)
                && (language != Lang::Zh || promise || own_time(item))
        };
        match items.last_mut() {
            Some(item)
                if item.sentence == sentence && item.promise == promise && !separate(item) =>
            {
                item.anchors.push(anchor);
            }
            _ => items.push(Item {
                promise,
                anchors: vec![anchor],
                times: Vec::new(),
                sentence,
            }),
        }
    }
    assign_times(&text.norm, &mut items, times, language);
    times_below(&text.norm, &mut items, times);
    if language == Lang::En {
        times_after_asks(&text.norm, sentences, &anchors, &mut items, times);
    }
    let mut promises = Vec::new();
    let mut asks = Vec::new();
    for item in &items {
        // "If you'd like, I can send ..." offers; it does not promise. 添付にてお送りいたします
        // sends with this very mail: nothing is owed later.
        // Chinese conditions are read clause by clause (`chinese.rs`).
        let offer = item.promise
            && language != Lang::Zh
            && any_within(&conditionals, &(item.sentence.start..item.range().end));
        let attached = item.promise && text.norm[item.sentence.clone()].contains("添付");
        // "正式版下周五交付" promises by its date; without one it is only a statement.
        let undated = item.times.is_empty()
            && item
                .anchors
                .iter()
                .all(|h| h.entry.label == patterns::DATED);
        if offer || attached || undated || reports_now(text, item, language) {
            continue;
        }
        let when = when(&text.norm, item);
        let due = when
            .as_ref()
            .and_then(|w| due_of(w.date, w.time, input.sent_at, input.calendar));
        let mut evidence: Vec<Span> = item
            .anchors
            .iter()
            .map(|h| text.span(h.range.clone()))
            .collect();
        if let Some(when) = &when {
            evidence.extend(when.ranges.iter().map(|r| text.span(r.clone())));
        }
        evidence.sort_by_key(|s| s.start);
        let sentence = text.span(item.sentence.clone()).text.trim().to_owned();
        let date = due.as_ref().and(when.as_ref()).map(|w| w.date.to_string());
        // "I'll turn it around this afternoon and send it by 4pm": a second step of the
        // same sentence due the same day is the same promise.
        let dated_only = item
            .anchors
            .iter()
            .all(|h| h.entry.label == patterns::DATED);
        let same_day = promises
            .last()
            .is_some_and(|p: &Promise| p.date.is_some() && p.date == date && p.promise == sentence);
        // "下周三之前出第一版，到时候发您邮箱": a step dated "then" is the same promise
        // ("… and we will share the report with you on the same day" is a second one).
        let then = language != Lang::En
            && when.as_ref().is_some_and(|w| {
                w.ranges
                    .iter()
                    .all(|r| times::refers_back(&text.norm[r.clone()]))
            });
        if item.promise && (dated_only || then) && same_day {
            continue;
        }
        if item.promise {
            promises.push(Promise {
                promise: sentence,
                vague: due.is_none(),
                time_stated: due.is_some() && when.as_ref().is_some_and(|w| w.time.is_some()),
                phrase: text.span(item.range()).text,
                due,
                date,
                evidence,
            });
        } else {
            asks.push(Ask {
                what: sentence,
                vague: due.is_none(),
                question: item
                    .anchors
                    .iter()
                    .all(|h| h.entry.label == patterns::QUESTION),
                due,
                date,
                evidence,
            });
        }
    }
    (promises, asks)
}

/// "進捗についてご報告いたします", "以下のとおりご連絡いたします", "進捗をご報告いたします",
/// "確定いたしましたので、ご案内いたします": this very mail reports; nothing is owed later
/// unless a date is said for it (or 改めて, 後ほど, 確認のうえ: see `LATER`).
fn reports_now(text: &Text, item: &Item, language: Lang) -> bool {
    let sentence = &text.norm[item.sentence.clone()];
    let about = ["について", "につきまして", "以下", "下記", "とおり", "通り"]
        .iter()
        .any(|w| sentence.contains(w));
    let later = LATER.iter().any(|w| sentence.contains(w));
    language == Lang::Ja
        && item.promise
        && item.times.is_empty()
        && item.anchors.iter().any(|h| {
            // The sentence up to the anchor's end, less the humble verb: "…進捗をご報告".
            let said = &text.norm[item.sentence.start.min(h.range.start)..h.range.end];
            let stem = ["いたします", "致します", "します"]
                .iter()
                .find_map(|w| said.strip_suffix(w))
                .unwrap_or(said);
            let Some(report) = [
                "報告",
                "連絡",
                "案内",
                "知らせ",
                "説明",
                "共有",
                "進め",
                "回答",
                "送り",
                "送付",
                "対応",
            ]
            .iter()
            .find(|w| stem.ends_with(*w) || text.norm[h.range.clone()].contains(*w)) else {
                return false;
            };
            let lead = stem
                .strip_suffix(report)
                .unwrap_or(stem)
                .trim_end_matches(['ご', 'お'])
                .trim_end_matches(['、', ',']);
            let performed = lead.ends_with('を') || lead.ends_with("ので") || lead.ends_with('件');
            // (…データをお送りいたします may send it later; 以下のとおりお送りいたします sends
            // it now.)
            if ["送り", "送付", "対応"].contains(report) {
                return about && !later;
            }
            about || (!later && performed)
        })
}

/// Words that put a report later than this mail: 確認のうえ改めてご連絡いたします.
const LATER: [&str; 12] = [
    "改めて",
    "後ほど",
    "追って",
    "次第",
    "確認",
    "別途",
    "後日",
    "折り返し",
    "完了後",
    "引き続き",
    "調査",
    "結果",
];

/// When an item is due, and the words that say so.
struct When {
    date: Date,
    time: Option<Time>,
    ranges: Vec<Range<usize>>,
}

/// An item's due time. Times written side by side are one ("明天(11月25日)下班前": the
/// latest date, with the clock time said); a stated clock time says most ("this
/// afternoon ... by 4pm"); else the time nearest the item.
fn when(text: &str, item: &Item) -> Option<When> {
    let mut times = item.times.clone();
    times.sort_by_key(|t| t.range.start);
    let mut runs: Vec<Vec<&Resolved>> = Vec::new();
    for time in times {
        match runs.last_mut() {
            Some(run)
                if run.last().is_some_and(|last| {
                    last.range.end <= time.range.start
                        && text[last.range.end..time.range.start]
                            .chars()
                            .all(|c| c.is_whitespace() || "()的の,".contains(c))
                }) =>
            {
                run.push(time)
            }
            _ => runs.push(vec![time]),
        }
    }
    // A deadline phrase ("by Monday", "下班前") says most, then a stated clock time, then
    // nearness: "the kickoff invite for next week by Monday" is due Monday.
    let run = runs.iter().min_by_key(|run| {
        let weakness = run.iter().map(|t| t.weakness).min().unwrap_or(u8::MAX);
        let clock = run.iter().any(|t| t.time.is_some());
        let span = run[0].range.start..run[run.len() - 1].range.end;
        (weakness, !clock, gap(&item.range(), &span))
    })?;
    let date = run.iter().map(|t| t.date).max()?;
    let time = run
        .iter()
        .filter(|t| t.date == date)
        .find_map(|t| t.time)
        .or_else(|| run.iter().find_map(|t| t.time));
    Some(When {
        date,
        time,
        ranges: run.iter().map(|t| t.range.clone()).collect(),
    })
}

/// Gives each time of a sentence to an item: the nearest on the side the language reads
/// it with (English: the item before the time, "I'll send it by 3pm"; Japanese and
/// Chinese: the item after it, 15時までにお送りします, 明天下午3点前发给您), else the
/// nearest on the other side. Chinese anchors are clause verbs, and a time belongs to its
/// own clause's verb ("证书将于12月5日到期,新证书预计12月2日前完成安装"), unless the
/// clause holds only the time ("下周一,我们把报价发您").
fn assign_times<'h>(text: &str, items: &mut [Item<'h>], times: &'h [Resolved], language: Lang) {
    for time in times {
        let reachable = |item: &Item| {
            if language != Lang::Zh {
                return true;
            }
            let range = item.range();
            let between = if range.start >= time.range.end {
                time.range.end..range.start
            } else {
                range.end..time.range.start.max(range.end)
            };
            !text[between].contains(CLAUSE_ENDS) || clause_is_only(text, &time.range)
        };
        // Items are in text order, and so are their sentences: only those around the time.
        let first = items.partition_point(|item| item.sentence.end <= time.range.start);
        let candidates = items[first..]
            .iter()
            .enumerate()
            .take_while(|(_, item)| item.sentence.start <= time.range.start)
            .map(|(n, item)| (first + n, item))
            .filter(|(_, item)| {
                time.range.end <= item.sentence.end
                    && reachable(item)
                    && !item
                        .anchors
                        .iter()
                        .all(|h| h.entry.label == patterns::QUESTION)
            })
            .map(|(index, item)| {
                let after_time = item.range().start >= time.range.end;
                let time_first = language != Lang::En;
                let preferred = after_time == time_first;
                (!preferred, gap(&item.range(), &time.range), index)
            })
            .min();
        if let Some((_, _, index)) = candidates {
            items[index].times.push(time);
        }
    }
}

/// Words that point at what follows: "下記の日程にて実施いたします" and a "■作業日時" block
/// under it, "时间如下", "as follows".
const POINTS_BELOW: [&str; 6] = ["下記", "以下", "如下", "下列", "below", "as follows"];

/// Whether the next line with words labels a time: "Maintenance window: Saturday 17/07,
/// 23:00 to Sunday 03:00", "When: Saturday 7/17, 11:00 PM to 1:00 AM".
fn labels_a_time(after: &str) -> bool {
    let line = after
        .trim_start()
        .lines()
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    TIME_LABELS.iter().any(|l| line.starts_with(l))
}

/// Labels of a line that says when the work happens.
const TIME_LABELS: [&str; 6] = [
    "when:",
    "maintenance window:",
    "window:",
    "date:",
    "date and time:",
    "time:",
];

/// Where the times items already hold start, sorted: a time is free when it is not here.
fn taken(items: &[Item]) -> Vec<usize> {
    let mut taken: Vec<usize> = items
        .iter()
        .flat_map(|item| item.times.iter().map(|t| t.range.start))
        .collect();
    taken.sort_unstable();
    taken
}

/// How far below its sentence a pointed-at time may be, in bytes (a short block).
const BELOW: usize = 400;

/// An item whose sentence points below and holds no time takes the first time said in
/// the lines under it that no item took.
fn times_below<'h>(text: &str, items: &mut [Item<'h>], times: &'h [Resolved]) {
    let taken = taken(items);
    for item in items.iter_mut().filter(|item| item.times.is_empty()) {
        let sentence = text[item.sentence.clone()].to_ascii_lowercase();
        if !POINTS_BELOW.iter().any(|w| sentence.contains(w))
            && !labels_a_time(&text[item.sentence.end..])
        {
            continue;
        }
        let end = item.sentence.end;
        let first = times.partition_point(|t| t.range.start < end);
        if let Some(time) = times[first..]
            .iter()
            .take_while(|t| t.range.start < end + BELOW)
            .find(|t| taken.binary_search(&t.range.start).is_err())
        {
            item.times.push(time);
        }
    }
}

/// An English ask with no time takes the time of the short sentence right after it when
/// that sentence asks or promises nothing of its own: "Can you confirm whether trial users
/// should be excluded? Ideally by tomorrow." (In Chinese the next sentence's time is as
/// often another request's.)
fn times_after_asks<'h>(
    text: &str,
    sentences: &Sentences,
    anchors: &[&Hit],
    items: &mut [Item<'h>],
    times: &'h [Resolved],
) {
    let taken = taken(items);
    let mut anchored: Vec<usize> = anchors.iter().map(|a| a.range.start).collect();
    anchored.sort_unstable();
    for item in items.iter_mut() {
        if item.promise || !item.times.is_empty() {
            continue;
        }
        let next = sentences.around(&(item.sentence.end..item.sentence.end + 1));
        let next = next.start.max(item.sentence.end)..next.end;
        let short =
            next.len() <= FOLLOW_UP && !text[item.sentence.end..next.start].contains("\n\n");
        let own_anchor = anchored
            .get(anchored.partition_point(|&at| at < next.start))
            .is_some_and(|&at| at < next.end);
        if !short || own_anchor {
            continue;
        }
        let first = times.partition_point(|t| t.range.start < next.start);
        if let Some(time) = times[first..]
            .iter()
            .take_while(|t| t.range.end <= next.end)
            .find(|t| taken.binary_search(&t.range.start).is_err())
        {
            item.times.push(time);
        }
    }
}

/// The longest follow-up sentence that gives an ask its time, in bytes.
const FOLLOW_UP: usize = 120;

/// What ends a Chinese clause.
const CLAUSE_ENDS: [char; 6] = [',', ';', '。', '!', '?', '\n'];

/// Whether the clause holding `range` names no action of its own, so that its time is
/// said for the next one.
fn clause_is_only(text: &str, range: &Range<usize>) -> bool {
    let start = text[..range.start]
        .char_indices()
        .rfind(|(_, c)| CLAUSE_ENDS.contains(c))
        .map_or(0, |(at, c)| at + c.len_utf8());
    let end = text[range.end..]
        .find(CLAUSE_ENDS)
        .map_or(text.len(), |at| range.end + at);
    !chinese::names_an_action(&text[start..end])
}

#[cfg(test)]
mod tests {
    use super::super::{OutboundCard, read_on_a_tuesday as read};

    /// The dates of a reply's promises, read in `zone`.
    fn dates(text: &str, zone: &str) -> Vec<Option<String>> {
        read(text, zone)
            .commitments
            .iter()
            .map(|c| c.date.clone())
            .collect()
    }

    /// The dates of a reply's asks, read in `zone`.
    fn asks(text: &str, zone: &str) -> Vec<Option<String>> {
        read(text, zone)
            .asks
            .iter()
            .map(|a| a.date.clone())
            .collect()
    }

    fn day(date: &str) -> Option<String> {
        Some(date.to_owned())
    }

    fn dues(card: &OutboundCard) -> Vec<Option<String>> {
        card.commitments
            .iter()
            .map(|c| {
                c.due
                    .as_ref()
                    .map(|d| d.strftime("%Y-%m-%dT%H:%M%:z").to_string())
            })
            .collect()
    }

    #[test]
    fn promises_with_their_due_times_in_three_languages() {
        let card = read(
            "Hi Megan,\n\nThanks for the quick reply. I'll send the revised deck by 3pm tomorrow.\n\nBest,\nJames",
            "America/New_York",
        );
        assert_eq!(dues(&card), vec![Some("2026-11-25T15:00-05:00".into())]);
        assert_eq!(card.commitments[0].phrase, "I'll send");
        assert!(card.commitments[0].time_stated);
        let card = read(
            "小林様\n\nいつもお世話になっております。\n明日の15時までに修正版をお送りいたします。\n何卒よろしくお願いいたします。",
            "Asia/Tokyo",
        );
        assert_eq!(dues(&card), vec![Some("2026-11-25T15:00+09:00".into())]);
        let card = read("林经理您好，方案我们明天下午3点前发给您。", "Asia/Shanghai");
        assert_eq!(dues(&card), vec![Some("2026-11-25T15:00+08:00".into())]);
        let card = read(
            "Quick update: you'll have the first draft on December 8.",
            "Europe/London",
        );
        assert_eq!(dues(&card), vec![Some("2026-12-08T18:00+00:00".into())]);
        assert!(!card.commitments[0].time_stated, "no time said: end of day");
    }

    #[test]
    fn work_in_a_window_is_due_at_its_end() {
        let card = read(
            "Heads up: we'll be patching the web servers on Wednesday 25 November between 10pm and 1am ET.",
            "America/New_York",
        );
        assert_eq!(dues(&card), vec![Some("2026-11-26T01:00-05:00".into())]);
        let card = read(
            "We'll upgrade the database from Saturday 11/28 at 11:00 PM ET until Sunday 11/29 at 3:00 AM ET.",
            "America/New_York",
        );
        assert_eq!(dues(&card), vec![Some("2026-11-29T03:00-05:00".into())]);
        let card = read(
            "12月1日（火）22:00～翌2:00にメールサーバーのメンテナンスを実施いたします。",
            "Asia/Tokyo",
        );
        assert_eq!(dues(&card), vec![Some("2026-12-02T02:00+09:00".into())]);
        let card = read(
            "我们会在11月28日晚上10点到11点半进行系统升级，期间网站无法访问。",
            "Asia/Shanghai",
        );
        assert_eq!(dues(&card), vec![Some("2026-11-28T23:30+08:00".into())]);
    }

    #[test]
    fn a_maintenance_notice_promises_by_its_work_window() {
        let notice = "お客様各位\n\nメールサーバーのOSアップデートのため、下記のとおりメンテナンスを実施いたします。\n\n\
                      日時：１２月１日（火）２３：００～翌２：００\n内容：OSアップデート\n\n\
                      作業中はメールの送受信ができません。\n\n株式会社クラウドネスト";
        assert_eq!(
            dues(&read(notice, "Asia/Tokyo")),
            vec![Some("2026-12-02T02:00+09:00".into())]
        );
        let headed = "下記の日程にて、サーバー機器の定期メンテナンスを実施いたします。\n\n■作業日時\n\
                      １１月２８日（土）２２：００　～　１１月２９日（日）６：００\n\n■影響\nサイトが閲覧できません。";
        assert_eq!(
            dues(&read(headed, "Asia/Tokyo")),
            vec![Some("2026-11-29T06:00+09:00".into())]
        );
        // Days off are announced, not promised.
        let closed = "弊社では下記の期間を年末年始休業とさせていただきます。\n\n休業期間：１２月２９日（火）～１月３日（日）\n";
        assert!(read(closed, "Asia/Tokyo").commitments.is_empty());
    }

    #[test]
    fn a_plan_listed_under_its_heading_promises_each_dated_step() {
        let plan = "Hi Olivia,\n\nThank you for approving the concept. Here's the plan to hit the launch:\n\n\
                    1. Copy deck to you Thursday.\n2. Design in market sizes by Friday 27th.\n\nThanks,\nLachlan";
        assert_eq!(
            dues(&read(plan, "Australia/Sydney")),
            vec![
                Some("2026-11-26T18:00+11:00".into()),
                Some("2026-11-27T18:00+11:00".into())
            ]
        );
        // What happened, listed under a timeline, promises nothing.
        let timeline = "Timeline (ET):\n- 08:12 Alerts fired on the payments service\n- 09:18 Service recovered\n";
        assert!(read(timeline, "America/New_York").commitments.is_empty());
    }

    #[test]
    fn japanese_steps_chained_in_one_sentence_each_promise_by_their_time() {
        assert_eq!(
            dates(
                "カートの不具合、原因わかりました。今日の18時までにステージングに修正入れて、明日の朝イチで本番に反映します。",
                "Asia/Tokyo"
            ),
            vec![Some("2026-11-24".into()), Some("2026-11-25".into())]
        );
        let card = read(
            "ポリシーページの修正は本日中に弊社で行い、明日再申請いたします。",
            "Asia/Tokyo",
        );
        assert_eq!(card.commitments.len(), 2);
        // A reason before the promise is no step of its own.
        assert_eq!(
            dates(
                "セットアップは11月27日までに完了させますので、データのバックアップをお願いいたします。",
                "Asia/Tokyo"
            ),
            vec![Some("2026-11-27".into())]
        );
    }

    #[test]
    fn a_chat_plan_without_a_subject_promises_by_its_time() {
        assert_eq!(
            dates(
                "Tested on staging, looks good — pushing to prod first thing tomorrow.",
                "Europe/London"
            ),
            vec![Some("2026-11-25".into())]
        );
        let card = read(
            "Which address should the DMARC reports go to? Need it by Friday; we're publishing the record on Monday either way.",
            "Europe/London",
        );
        assert_eq!(
            card.asks.last().and_then(|a| a.date.as_deref()),
            Some("2026-11-27")
        );
        assert_eq!(card.commitments[0].date.as_deref(), Some("2026-11-30"));
        assert_eq!(card.commitments.len(), 1);
        let card = read(
            "Following this morning's outage: the carrier has fixed the fault today.",
            "Europe/London",
        );
        assert!(card.commitments.is_empty(), "{:?}", card.commitments);
    }

    #[test]
    fn japanese_hedged_plans_promise_by_their_dates() {
        let in_tokyo = |text: &str| dates(text, "Asia/Tokyo");
        assert_eq!(
            in_tokyo(
                "遅くにすみません！チラシのラフ、あと少しなので明日の昼までには送れると思います🙏"
            ),
            vec![Some("2026-11-25".into())]
        );
        assert_eq!(
            in_tokyo(
                "すみません、集計スクリプトにバグが見つかったので、数字は明後日には出せるかと。"
            ),
            vec![Some("2026-11-26".into())]
        );
        // With no date a hedge promises nothing.
        assert!(in_tokyo("たぶん大丈夫だと思います。").is_empty());
        // A list under a line that names a finished event (購入完了イベント) is still ours.
        assert_eq!(
            in_tokyo(
                "購入完了イベントが二重で送信されていたので、以下の流れで直します。\n\n・本日中：タグの修正\n・11/27（金）：本番反映\n"
            ),
            vec![Some("2026-11-24".into()), Some("2026-11-27".into())]
        );
    }

    #[test]
    fn english_second_steps_noun_plans_and_needs() {
        let in_london = |text: &str| dates(text, "Europe/London");
        assert_eq!(
            in_london(
                "I'll reconfirm numbers with the restaurant on Friday and send you the final seating chart by Monday."
            ),
            vec![Some("2026-11-27".into()), Some("2026-11-30".into())]
        );
        // One deliverable turned around and sent the same day is one promise.
        assert_eq!(
            in_london(
                "I'll turn around the revised version this afternoon and send it through by 4pm."
            ),
            vec![Some("2026-11-24".into())]
        );
        // "year-end" before a noun names the thing, not the date.
        assert_eq!(
            in_london(
                "We'll prepare the year-end campaign message and send you the draft by December 1."
            ),
            vec![Some("2026-12-01".into())]
        );
        assert_eq!(
            in_london(
                "Morning Jo - thanks, the feedback's clear. Revised brochure layout with you by end of play tomorrow."
            ),
            vec![Some("2026-11-25".into())]
        );
        assert_eq!(
            in_london("on it, pushing the fix for the checkout redirect tonight"),
            vec![Some("2026-11-24".into())]
        );
        let card = read(
            "We can cap daily spend or let it run - which would you prefer? Need a decision by Wednesday.",
            "Europe/London",
        );
        assert_eq!(
            card.asks.last().and_then(|a| a.date.as_deref()),
            Some("2026-11-25")
        );
    }

    #[test]
    fn an_ask_takes_its_time_from_the_short_sentence_after_it() {
        let asked = |text: &str| -> Vec<Option<String>> {
            read(text, "Europe/London")
                .asks
                .iter()
                .map(|a| a.date.clone())
                .collect()
        };
        assert_eq!(
            asked(
                "One thing I need from you: can you confirm whether trial users who never converted should be excluded? Ideally by tomorrow so it doesn't hold up the model."
            ),
            vec![Some("2026-11-25".into())]
        );
        // Someone other than the reader, asked to be somewhere at a time.
        assert_eq!(
            asked(
                "To finish setting up MFA, could they all be at their desks at 2pm on Thursday? It'll only take five minutes."
            ),
            vec![Some("2026-11-26".into())]
        );
        // A sentence with its own promise keeps its time.
        let card = read(
            "Can you check the copy? I'll send the layout by Friday.",
            "Europe/London",
        );
        assert_eq!(card.asks[0].date, None);
        assert_eq!(card.commitments[0].date.as_deref(), Some("2026-11-27"));
    }

    #[test]
    fn japanese_schedules_and_plans_promise_by_their_dates() {
        let days = |text: &str| -> Vec<Option<String>> {
            dues(&read(text, "Asia/Tokyo"))
                .into_iter()
                .map(|d| d.map(|d| d[..10].to_owned()))
                .collect()
        };
        let list = "田中様\n\nお世話になっております。\n今後の進め方は下記のとおりです。\n\n\
                    ・ワイヤーフレーム：１１月２７日（金）にご提出\n・デザイン初稿：１２月４日（金）\n\
                    ・貴社ご確認：１２月８日（火）までにお願いいたします\n\nよろしくお願いいたします。";
        assert_eq!(
            days(list),
            vec![Some("2026-11-27".into()), Some("2026-12-04".into())],
            "the client's item is no promise of ours"
        );
        let done = "修正版を添付いたしました。以下の点を変更しております。\n\n\
                    ・公開日を１２月１日に変更\n・トップの写真を差し替え";
        assert_eq!(days(done), Vec::<Option<String>>::new(), "what was done");
        assert_eq!(
            days("次回のリリースは１２月３日（木）の予定です。"),
            vec![Some("2026-12-03".into())]
        );
        assert_eq!(
            days("リリース日は未定ですが、決まり次第の予定です。"),
            Vec::<Option<String>>::new(),
            "a plan with no date promises nothing"
        );
        assert_eq!(
            dues(&read("了解です、明日の午前中に反映します🙏", "Asia/Tokyo")),
            vec![Some("2026-11-25T12:00+09:00".into())]
        );
    }

    #[test]
    fn a_promise_without_a_time_is_vague() {
        for (text, zone) in [
            ("Good question - let me check and get back to you.", "UTC"),
            ("確認のうえ、改めてご連絡いたします。", "Asia/Tokyo"),
            ("收到，我这边确认一下，稍后回复您。", "Asia/Shanghai"),
        ] {
            let card = read(text, zone);
            assert_eq!(card.commitments.len(), 1, "{text}: {card:?}");
            let promise = &card.commitments[0];
            assert!(
                promise.vague && promise.due.is_none() && promise.date.is_none(),
                "{text}"
            );
        }
    }

    #[test]
    fn past_actions_offers_and_quoted_history_are_not_promises() {
        for (text, zone) in [
            ("Did the files I sent yesterday arrive?", "UTC"),
            ("If you'd like, I can send a shorter version too.", "UTC"),
            ("もしよろしければ、別案もお送りします。", "Asia/Tokyo"),
            ("如果需要的话，我们会再出一版。", "Asia/Shanghai"),
            (
                "Thanks!\n\nOn Mon, Nov 23, 2026 at 9:00 AM Megan wrote:\n> I'll send the logo by Friday.",
                "UTC",
            ),
        ] {
            let card = read(text, zone);
            assert!(
                card.commitments.is_empty(),
                "{text}: {:?}",
                card.commitments
            );
        }
    }

    #[test]
    fn asks_of_the_client_with_their_dates() {
        let card = read(
            "Could you send the logo files by Dec 3? I'll send the first mock-up on Dec 8.",
            "UTC",
        );
        assert_eq!(card.asks.len(), 1, "{card:?}");
        assert_eq!(card.asks[0].date.as_deref(), Some("2026-12-03"));
        assert_eq!(dues(&card), vec![Some("2026-12-08T18:00+00:00".into())]);
        let card = read(
            "恐れ入りますが、ロゴデータを12月3日までにお送りいただけますでしょうか。",
            "Asia/Tokyo",
        );
        assert_eq!(card.asks[0].date.as_deref(), Some("2026-12-03"));
        assert!(card.commitments.is_empty(), "{:?}", card.commitments);
        let card = read("麻烦您在周五前提供一下产品图片，谢谢！", "Asia/Shanghai");
        assert_eq!(card.asks[0].date.as_deref(), Some("2026-11-27"));
    }

    #[test]
    fn several_promises_in_one_sentence_take_their_own_times() {
        let card = read(
            "I'll send the revised deck by 3pm tomorrow, and let me check the budget and get back to you.",
            "America/New_York",
        );
        assert_eq!(
            dues(&card),
            vec![Some("2026-11-25T15:00-05:00".into()), None],
            "{card:?}"
        );
        let card = read("By Friday, I'll send you the report.", "UTC");
        assert_eq!(dues(&card), vec![Some("2026-11-27T18:00+00:00".into())]);
    }

    #[test]
    fn plans_stated_as_facts_and_chinese_asks() {
        let card = read(
            "Thanks for the screenshots. The fix will ship in our release on Tuesday, December 8.",
            "UTC",
        );
        assert_eq!(dues(&card), vec![Some("2026-12-08T18:00+00:00".into())]);
        let card = read(
            "刘总，12月的投放预算还需要您这边最终确认，麻烦周三前回复一下。",
            "Asia/Shanghai",
        );
        assert_eq!(card.asks.len(), 1, "{card:?}");
        assert_eq!(card.asks[0].date.as_deref(), Some("2026-11-25"));
        assert!(card.commitments.is_empty(), "{:?}", card.commitments);
    }

    #[test]
    fn requests_put_as_questions_take_their_dates_and_conditions_promise_nothing() {
        // Sent Tuesday 2026-11-24.
        let tomorrow = vec![Some("2026-11-25".to_owned())];
        assert_eq!(
            asks("動作確認を明日中にお願いできますでしょうか。", "Asia/Tokyo"),
            tomorrow
        );
        assert_eq!(
            asks("原稿、明日までにもらえますか？", "Asia/Tokyo"),
            tomorrow
        );
        assert_eq!(
            asks("写真だけ明日中にもらえると助かります🙏", "Asia/Tokyo"),
            tomorrow
        );
        assert_eq!(
            asks("领导名单能否在明天下班前定下来？", "Asia/Shanghai"),
            tomorrow
        );
        // A topic question's time is what it asks about.
        assert_eq!(
            asks("研修は12月15日13時からでよろしいでしょうか。", "Asia/Tokyo"),
            vec![None]
        );
        let promised = |text: &str, zone: &str| -> Vec<Option<String>> {
            read(text, zone)
                .commitments
                .iter()
                .map(|c| c.date.clone())
                .collect()
        };
        assert_eq!(
            promised("ロゴ差し替え、明日やっときます！", "Asia/Tokyo"),
            tomorrow
        );
        assert_eq!(
            promised("我这边明天把新驱动装好。", "Asia/Shanghai"),
            tomorrow
        );
        assert_eq!(
            promised("我哋聽日下晝五點前幫你搞掂佢。", "Asia/Hong_Kong"),
            tomorrow
        );
        for (text, zone) in [
            (
                "１点確認させてください。\n対象期間は９月～１１月でよろしいでしょうか。",
                "Asia/Tokyo",
            ),
            (
                "明日以降も同じ症状が出るようでしたら、リモートで確認いたします。",
                "Asia/Tokyo",
            ),
            (
                "If the prompt still shows up tomorrow, I'll remote in.",
                "UTC",
            ),
            ("We'll lock in the venue once the deposit clears.", "UTC"),
        ] {
            assert!(
                read(text, zone).commitments.is_empty(),
                "{text}: {:?}",
                read(text, zone).commitments
            );
        }
        // An awaited event is no condition.
        assert_eq!(
            promised("Once they arrive I'll update the press kit.", "UTC"),
            vec![None]
        );
    }

    #[test]
    fn a_numeric_date_before_the_closing_point_is_read() {
        let card = read("I'll send the final files by 25/12.", "Europe/London");
        let dates: Vec<_> = card.commitments.iter().map(|c| c.date.clone()).collect();
        assert_eq!(dates, vec![Some("2026-12-25".into())]);
        // A version number is still no date.
        let card = read("I'll install release 12/3.5 tomorrow.", "Europe/London");
        assert_eq!(card.commitments[0].date.as_deref(), Some("2026-11-25"));
    }

    #[test]
    fn several_promises_in_one_mail() {
        let card = read(
            "本日中にお見積もりをお送りいたします。\nまた、金曜日までに修正版をご用意いたします。",
            "Asia/Tokyo",
        );
        let dates: Vec<_> = card.commitments.iter().map(|c| c.date.clone()).collect();
        assert_eq!(
            dates,
            vec![Some("2026-11-24".into()), Some("2026-11-27".into())]
        );
    }

    #[test]
    fn passives_whose_turn_lists_and_conditions_of_each_language() {
        // Sent Tuesday 2026-11-24.
        let london = "Europe/London";
        assert_eq!(
            dates(
                "The audit summary will be emailed by Thursday, and the remediation plan by 4 December.",
                london
            ),
            vec![day("2026-11-26"), day("2026-12-04")]
        );
        assert_eq!(
            dates(
                "I'll restart the sync job on Monday at 7am unless you tell me otherwise.",
                london
            ),
            vec![day("2026-11-30")]
        );
        assert!(dates("Our office will be closed on 24 December.", london).is_empty());
        assert_eq!(
            asks("Kindly sign the SOW by Friday.", london),
            vec![day("2026-11-27")]
        );
        assert_eq!(
            asks(
                "What we need from you: the brand fonts by Wednesday, and the logo files by Friday.",
                london
            ),
            vec![day("2026-11-25"), day("2026-11-27")]
        );
        let tokyo = "Asia/Tokyo";
        let lists = "今後の進め方です。\n\n【弊社対応】\n・初稿のご提出：11月27日（金）\n\n【御社にてご対応いただきたい事項】\n・掲載写真のご支給：11月26日（木）まで";
        assert_eq!(dates(lists, tokyo), vec![day("2026-11-27")]);
        assert_eq!(asks(lists, tokyo), vec![day("2026-11-26")]);
        assert!(dates("先週の作業の進捗をご報告いたします。", tokyo).is_empty());
        assert_eq!(
            dates("納品は11月30日（月）となります。", tokyo),
            vec![day("2026-11-30")]
        );
        assert!(dates("問題がなければ、明日の夜に本番へ反映いたします。", tokyo).is_empty());
        let shanghai = "Asia/Shanghai";
        // A time before "…的" names the thing; one before 把 is the ask's.
        assert_eq!(
            dates("下周直播的脚本我周四前整理好发您。", shanghai),
            vec![day("2026-11-26")]
        );
        assert_eq!(
            asks("麻烦您明天把签好的合同发我。", shanghai),
            vec![day("2026-11-25")]
        );
        assert_eq!(
            dates("將於 12 月 3 日（週四）前完成部署。", "Asia/Taipei"),
            vec![day("2026-12-03")]
        );
        assert!(dates("付款后我们会在2个工作日内开通账号。", shanghai).is_empty());
        // Sent at 10:15: today's five o'clock still to come is the afternoon's.
        assert_eq!(
            asks("麻烦你今天5点前确认。", shanghai),
            vec![day("2026-11-24")]
        );
        assert_eq!(
            asks("库存数据麻烦让仓库同事导一份最新的给我。", shanghai),
            vec![None]
        );
        assert!(dates("检查结果的报告如附件。", shanghai).is_empty());
        // Dates offered to choose from are no plan of ours; a supplier's delivery is not ours.
        let offered = "先方より日程の候補をいただきました。\n・11月30日（月）14:00～15:00\n・12月2日（水）10:00～11:00\nご都合のよい日時を11月26日（木）までにお知らせいただけますでしょうか。";
        assert!(dates(offered, tokyo).is_empty());
        assert_eq!(asks(offered, tokyo), vec![day("2026-11-26")]);
        assert!(dates("仕上がりは印刷所から来週水曜に届く予定です。", tokyo).is_empty());
        assert_eq!(
            asks(
                "作業中は管理画面での更新を控えていただくようお願いします。",
                tokyo
            ),
            vec![None]
        );
    }

    #[test]
    fn statements_before_a_question_conditions_and_numbered_things() {
        let shanghai = "Asia/Shanghai";
        // Sent Tuesday 2026-11-24: what we do before the question still promises.
        let text = "接口的bug我今天修好，明早发布到测试环境，你们明天下午帮忙回归一下？";
        assert_eq!(
            dates(text, shanghai),
            vec![day("2026-11-24"), day("2026-11-25")]
        );
        assert_eq!(asks(text, shanghai), vec![day("2026-11-25")]);
        // A lead-in of no one's is only the question's.
        assert!(dates("想跟您确认一下，周五的活动是在几楼呢？", shanghai).is_empty());
        // 修复建议 is a noun; 建议安排在 proposes.
        assert_eq!(
            dates("完整报告（含修复建议）我们会在3个工作日内提交。", shanghai),
            vec![day("2026-11-27")]
        );
        assert!(dates("复盘会建议安排在周四。", shanghai).is_empty());
        let london = "Europe/London";
        assert_eq!(
            dates(
                "We'll check the signal on the 3rd floor tomorrow morning.",
                london
            ),
            vec![day("2026-11-25")]
        );
        assert!(
            dates(
                "Once we have your sign-off, the job goes to press on Friday.",
                london
            )
            .is_empty()
        );
        assert_eq!(
            dates(
                "The drafts were finished on Friday. Final files stay on for 4 December.",
                london
            ),
            vec![day("2026-12-04")]
        );
        assert_eq!(
            asks(
                "The one thing we still need from you is the venue list, by Thursday.",
                london
            ),
            vec![day("2026-11-26")]
        );
        let tokyo = "Asia/Tokyo";
        assert!(dates("お問い合わせの件、回答いたします。", tokyo).is_empty());
        assert_eq!(
            dates("見積書は明日持っていきます！", tokyo),
            vec![day("2026-11-25")]
        );
    }

    #[test]
    fn announcements_kansai_endings_and_steps_before_the_promise() {
        let london = "Europe/London";
        // "a.m." ends no sentence; a "When:" line below an announcement dates it.
        assert_eq!(
            dates(
                "Our team will complete the cutover by 6 a.m. Monday.",
                london
            ),
            vec![day("2026-11-30")]
        );
        assert_eq!(
            dates(
                "We're upgrading the database cluster.\n\nWhen: Saturday 28/11, 11:00 PM to Sunday 29/11, 1:00 AM",
                london
            ),
            vec![day("2026-11-29")]
        );
        assert!(dates("Your CEO's interview is confirmed for Thursday.", london).is_empty());
        let tokyo = "Asia/Tokyo";
        assert_eq!(
            dates("名刺、明日の午前中に持っていきますわ。", tokyo),
            vec![day("2026-11-25")]
        );
        assert_eq!(
            dates("報告書は12月2日（水）のご提出とさせていただきます。", tokyo),
            vec![day("2026-12-02")]
        );
        assert!(dates("ご不便をおかけいたしますが、ご理解ください。", tokyo).is_empty());
        let shanghai = "Asia/Shanghai";
        assert_eq!(
            dates("直播的数据我们整理一下，明天中午前把复盘表发您。", shanghai),
            vec![day("2026-11-25")]
        );
        assert_eq!(
            dates("好嘞，明天上午10点前发您过目。", shanghai),
            vec![day("2026-11-25")]
        );
        assert!(dates("想跟您确认两点：", shanghai).is_empty());
        // Under a plan heading a dated item promises whatever its verb.
        assert_eq!(
            dates(
                "上线安排如下：\n- 11月30日至12月4日：与贵司财务并行试算\n- 12月7日：正式切换",
                shanghai
            ),
            vec![day("2026-12-04"), day("2026-12-07")]
        );
    }
}
