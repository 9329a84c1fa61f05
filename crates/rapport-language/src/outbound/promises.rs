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

use super::{Ask, OutboundInput, Promise};
use crate::deadline::{any_within, due_of, future_times};
use crate::detect::Lang;
use crate::lexicon::{Category, Hit};
use crate::text::{Sentences, Span, Text};
use crate::time::{DateOrder, Resolved};
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
    input: &OutboundInput,
    language: Lang,
    hits: &[Hit],
) -> (Vec<Promise>, Vec<Ask>) {
    let order = DateOrder::for_client(input.sent_at.time_zone(), language);
    let times = future_times(text, input.sent_at, input.calendar, order);
    let sentences = Sentences::new(&text.norm);
    let anchors: Vec<&Hit> = hits
        .iter()
        .filter(|h| matches!(h.entry.category, Category::Promise | Category::Ask))
        .collect();
    let conditionals: Vec<&Hit> = hits
        .iter()
        .filter(|h| h.entry.category == Category::Conditional)
        .collect();
    let mut items: Vec<Item> = Vec::new();
    for anchor in &anchors {
        let sentence = sentences.around(&anchor.range);
        let promise = anchor.entry.category == Category::Promise;
        let time_between = |item: &Item| {
            times
                .iter()
                .any(|t| t.range.start >= item.range().end && t.range.end <= anchor.range.start)
        };
        match items.last_mut() {
            Some(item)
                if item.sentence == sentence && item.promise == promise && !time_between(item) =>
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
    assign_times(&mut items, &times, language);
    let mut promises = Vec::new();
    let mut asks = Vec::new();
    for item in &items {
        // "If you'd like, I can send ..." offers; it does not promise. 添付にてお送りいたします
        // sends with this very mail: nothing is owed later.
        let offer =
            item.promise && any_within(&conditionals, &(item.sentence.start..item.range().end));
        let attached = item.promise && text.norm[item.sentence.clone()].contains("添付");
        if offer || attached {
            continue;
        }
        // A stated clock time says most ("this afternoon ... by 4pm"); else the first.
        let time = item
            .times
            .iter()
            .find(|t| t.time.is_some())
            .or(item.times.first());
        let due = time.and_then(|t| due_of(t.date, t.time, input.sent_at, input.calendar));
        let mut evidence: Vec<Span> = item
            .anchors
            .iter()
            .map(|h| text.span(h.range.clone()))
            .collect();
        if let Some(time) = time {
            evidence.push(text.span(time.range.clone()));
        }
        evidence.sort_by_key(|s| s.start);
        let sentence = text.span(item.sentence.clone()).text.trim().to_owned();
        let date = due.as_ref().and(time).map(|t| t.date.to_string());
        if item.promise {
            promises.push(Promise {
                promise: sentence,
                vague: due.is_none(),
                time_stated: due.is_some() && time.is_some_and(|t| t.time.is_some()),
                phrase: text.span(item.range()).text,
                due,
                date,
                evidence,
            });
        } else {
            asks.push(Ask {
                what: sentence,
                vague: due.is_none(),
                due,
                date,
                evidence,
            });
        }
    }
    (promises, asks)
}

/// Gives each time of a sentence to an item: the nearest on the side the language reads
/// it with (English: the item before the time, "I'll send it by 3pm"; Japanese, and
/// Chinese promises: the item after it, 15時までにお送りします, 明天下午3点前发给您;
/// Chinese asks: before it, 麻烦您今天下班前过一下), else the nearest on the other side.
fn assign_times<'h>(items: &mut [Item<'h>], times: &'h [Resolved], language: Lang) {
    // A bare month or year ("11月度のレポート", "the 2026 budget") names a period, not a
    // due date; a bare clock time ("16時までに") still is one.
    let due_like = |t: &&Resolved| t.weakness < 2 || (t.weakness == 2 && t.time.is_some());
    for time in times.iter().filter(due_like) {
        let candidates = items
            .iter()
            .enumerate()
            .filter(|(_, item)| {
                item.sentence.start <= time.range.start && time.range.end <= item.sentence.end
            })
            .map(|(index, item)| {
                let after_time = item.range().start >= time.range.end;
                // Chinese asks put the time after the ask (请在周五前发给我们).
                let time_first = match language {
                    Lang::En => false,
                    Lang::Ja => true,
                    Lang::Zh => item.promise,
                };
                let preferred = after_time == time_first;
                (!preferred, gap(&item.range(), &time.range), index)
            })
            .min();
        if let Some((_, _, index)) = candidates {
            items[index].times.push(time);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{OutboundCard, OutboundInput, read_outbound};
    use rapport_domain::CalendarId;

    /// Reads `text` as sent on Tuesday 2026-11-24 at 10:15 in `zone`.
    fn read(text: &str, zone: &str) -> OutboundCard {
        let zone = rapport_domain::TimeZoneName::parse(zone).unwrap();
        let sent = "2026-11-24T10:15:00"
            .parse::<jiff::civil::DateTime>()
            .unwrap()
            .to_zoned_datetime(zone.zone())
            .unwrap();
        let calendar = CalendarId::choose(&zone, None).unwrap().calendar();
        read_outbound(&OutboundInput {
            text,
            sent_at: &sent,
            calendar,
            technical: true,
            reply_to: None,
        })
        .unwrap()
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
}
