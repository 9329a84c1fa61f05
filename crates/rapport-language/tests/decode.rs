//! The decoder on whole messages as clients write them, and its properties on any input.

use jiff::ZonedDateTime;
use proptest::prelude::*;
use rapport_domain::BusinessCalendar;
use rapport_language::{
    Card, Deadline, DecodeError, DecodeInput, OutboundInput, decode, read_outbound,
};

/// The due time as the card's JSON shows it.
fn rfc3339(deadline: &Deadline) -> Option<String> {
    let due = deadline.due.as_ref()?;
    Some(due.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string())
}

fn sent(at: &str, zone: &str) -> ZonedDateTime {
    let instant: jiff::Timestamp = at.parse().unwrap();
    instant.to_zoned_datetime(jiff::tz::TimeZone::get(zone).unwrap())
}

fn card(text: &str, at: &str, zone: &str, calendar: &str) -> Card {
    let sent = sent(at, zone);
    let calendar = calendar
        .parse::<rapport_domain::CalendarId>()
        .unwrap()
        .calendar();
    decode(&DecodeInput {
        text,
        sent_at: &sent,
        calendar,
        scope: None,
    })
    .unwrap()
}

#[test]
fn a_japanese_mail_with_a_boss_a_deadline_and_quoted_history() {
    let mail = "株式会社ブライトリンク\n佐藤様\n\nいつもお世話になっております。ひだまり食品の小林です。\n\
                部長の山田から、来週の金曜日までに役員会で使う資料をご用意いただきたいと言われまして、\
                なる早でご対応いただけますでしょうか。\n\n――――――――――\n株式会社ひだまり食品\n広報部 主任 小林 由美\n\
                TEL: 03-0000-1234\n\n差出人: 佐藤\n送信日時: 2026年11月16日 10:02\n件名: 12月3日の件\n";
    let card = card(mail, "2026-11-24T10:15:00+09:00", "Asia/Tokyo", "jp");
    assert_eq!(card.language.as_str(), "ja");
    let deadline = card.deadline.unwrap();
    assert_eq!(
        deadline.date.as_deref(),
        Some("2026-12-04"),
        "not the quoted 12月3日"
    );
    assert_eq!(
        rfc3339(&deadline).as_deref(),
        Some("2026-12-04T18:00:00+09:00")
    );
    assert_eq!(card.urgency.level.as_str(), "urgent");
    assert_eq!(card.requester.unwrap().role, "director");
    assert_eq!(card.purpose.unwrap().purpose, "board_meeting");
    assert_eq!(card.tone.politeness.as_str(), "keigo");
}

#[test]
fn a_chinese_chat_with_vague_urgency() {
    let card = card(
        "老板说这个要马上弄好，越快越好！",
        "2026-11-24T10:15:00+08:00",
        "Asia/Shanghai",
        "cn",
    );
    assert_eq!(card.language.as_str(), "zh");
    let deadline = card.deadline.unwrap();
    assert!(deadline.vague && deadline.date.is_none() && deadline.due.is_none());
    assert_eq!(card.requester.unwrap().role, "ceo");
    assert!(
        card.open_questions
            .contains(&rapport_domain::OpenQuestion::Deadline)
    );
    let reply = card.clarifying_reply.unwrap();
    assert!(
        reply.contains("最晚什么时候要"),
        "a blunt message gets a plain reply: {reply}"
    );
}

#[test]
fn an_english_mail_whose_quoted_history_has_other_dates() {
    let mail = "Hi team,\n\nMy boss needs the traffic numbers for the board meeting - can you send them by EOD Thursday?\n\n\
                Thanks,\nMegan\n\nOn Mon, Nov 16, 2026 at 10:02 AM Raj Patel <raj@cedarlane.example> wrote:\n\
                > Let's aim for December 3rd.\n";
    let card = card(
        mail,
        "2026-11-24T09:00:00-05:00",
        "America/New_York",
        "none",
    );
    assert_eq!(card.language.as_str(), "en");
    let deadline = card.deadline.unwrap();
    assert_eq!(deadline.date.as_deref(), Some("2026-11-26"));
    assert_eq!(
        rfc3339(&deadline).as_deref(),
        Some("2026-11-26T18:00:00-05:00")
    );
    assert_eq!(card.requester.unwrap().role, "boss");
    assert_eq!(
        card.purpose.unwrap().suggested_format,
        "executive summary with slides"
    );
}

#[test]
fn bad_input_is_refused_with_a_reason() {
    let sent = sent("2026-11-24T10:00:00Z", "UTC");
    let calendar = BusinessCalendar::weekends_only();
    let run = |text: &str| {
        decode(&DecodeInput {
            text,
            sent_at: &sent,
            calendar: &calendar,
            scope: None,
        })
    };
    assert_eq!(run(" \n\t").unwrap_err(), DecodeError::Empty);
    assert!(matches!(
        run(&"x".repeat(2 * 1024 * 1024)),
        Err(DecodeError::TooLong(_))
    ));
    assert!(matches!(
        run("\u{0}\u{1}\u{2}binary\u{3}\u{4}"),
        Err(DecodeError::Binary(_))
    ));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_text_decodes_without_panicking_and_evidence_points_into_it(text in "\\PC{0,400}") {
        let sent = sent("2026-11-24T10:00:00+09:00", "Asia/Tokyo");
        let calendar = BusinessCalendar::japan();
        let input = DecodeInput { text: &text, sent_at: &sent, calendar: &calendar, scope: None };
        if let Ok(card) = decode(&input) {
            let chars: Vec<char> = text.chars().collect();
            let mut spans = card.urgency.evidence.clone();
            spans.extend(card.kinds.iter().flat_map(|k| k.evidence.clone()));
            spans.extend(card.deadline.iter().flat_map(|d| d.evidence.clone()));
            for span in spans {
                prop_assert!(span.start <= span.end && span.end <= chars.len());
                prop_assert_eq!(chars[span.start..span.end].iter().collect::<String>(), span.text);
            }
            prop_assert_eq!(decode(&input).unwrap(), card, "deterministic");
        }
    }

    #[test]
    fn any_reply_reads_without_panicking_and_evidence_points_into_it(
        parts in proptest::collection::vec(
            proptest::sample::select(vec![
                "I'll send", "by 3pm tomorrow", "let me check", "Could you send", "if you like",
                "お送りいたします", "明日の15時までに", "もしよろしければ", "ご送付いただけますか", "良いお知らせと悪いお知らせ",
                "我们明天下午3点前发给您", "稍后回复您", "由于你们没有", "保证", "百分之百", "如果需要",
                "guarantee", "60%", "will reach 60%", "DNS", "デプロイ", "部署", "unfortunately", "遅延",
                "?", "？", "。", "\n", "> I'll send it Friday", "On Mon wrote:", "04/12", "24/7", "吗", "でしょうか",
            ]),
            0..24,
        ),
        reply in "\\PC{0,80}",
    ) {
        let text = parts.concat();
        for zone in ["Asia/Tokyo", "Asia/Shanghai", "Europe/London"] {
            let sent = sent("2026-11-24T10:00:00Z", zone);
            let calendar = rapport_domain::CalendarId::choose(
                &rapport_domain::TimeZoneName::parse(zone).unwrap(),
                None,
            )
            .unwrap()
            .calendar();
            let input = OutboundInput {
                text: &text,
                sent_at: &sent,
                calendar,
                technical: false,
                reply_to: Some(&reply),
            };
            if let Ok(card) = read_outbound(&input) {
                let chars: Vec<char> = text.chars().collect();
                let spans = card.commitments.iter().flat_map(|c| c.evidence.iter())
                    .chain(card.asks.iter().flat_map(|a| a.evidence.iter()))
                    .chain(card.findings.iter().filter(|f| f.rule.as_str() != "unanswered_question").flat_map(|f| f.evidence.iter()));
                for span in spans {
                    prop_assert!(span.start <= span.end && span.end <= chars.len());
                    prop_assert_eq!(&chars[span.start..span.end].iter().collect::<String>(), &span.text);
                }
                prop_assert_eq!(read_outbound(&input).unwrap(), card, "deterministic");
            }
        }
    }

    #[test]
    fn mixed_cjk_and_dates_never_panic(parts in proptest::collection::vec(
        proptest::sample::select(vec![
            "至急", "来週の金曜日", "12月3日", "１２／３", "下周五前", "3个工作日内", "by Friday", "EOD", "月末",
            "十二月三十一号", "令和8年", "> quoted", "\n", "On Mon wrote:", "25日に", "99月99日", "0/0", "31/31/31",
            "。", "？", "お願いします", "麻烦", "please", "3時間以内", "within 24 hours", "春节前", "Thanksgiving",
            "Q1 2027", "by 3:30", "1時間", "the first Monday of March", "31-Oct-26", "%8a", "就行",
        ]),
        0..20,
    )) {
        let text = parts.concat();
        let sent = sent("2026-12-31T23:59:00+08:00", "Asia/Shanghai");
        let calendar = BusinessCalendar::china();
        if let Ok(card) = decode(&DecodeInput { text: &text, sent_at: &sent, calendar: &calendar, scope: None }) {
            let chars: Vec<char> = text.chars().collect();
            let spans = card.kinds.iter().flat_map(|k| k.evidence.iter())
                .chain(card.deadline.iter().flat_map(|d| d.evidence.iter()));
            for span in spans {
                prop_assert_eq!(&chars[span.start..span.end].iter().collect::<String>(), &span.text);
            }
        }
    }
}

#[test]
fn the_main_kind_of_a_message_leads() {
    let cases = [
        (
            "Hi Dana, the checkout page throws a 502 whenever someone pays with PayPal. Can you look into it today?",
            "incident",
        ),
        (
            "Could you swap the hero image on the About page for the attached one? The old photo shows our previous office.",
            "change_request",
        ),
        (
            "Quick question: do your retainers include weekend monitoring, or is that billed separately?",
            "question",
        ),
        (
            "Thanks a million for getting the launch over the line, the whole team is thrilled!",
            "small_talk",
        ),
        (
            "お世話になっております。\n新サービスの紹介動画（1分程度）を制作いただきたく、ご相談です。\nよろしくお願いいたします。",
            "new_work",
        ),
        (
            "お世話になっております。\n先日お送りいただいた請求書ですが、振込先の口座番号が以前と異なっておりました。\nご確認のほどよろしくお願いいたします。",
            "payment",
        ),
        (
            "いつもありがとうございます。\n今年も大変お世話になりました。\n良いお年をお迎えください。",
            "small_talk",
        ),
        (
            "今朝からメールが送信できません。エラーが出ます。",
            "incident",
        ),
        (
            "公众号菜单第三个按钮的链接麻烦换成新活动页，谢谢！",
            "change_request",
        ),
        (
            "你们的方案我们内部过了，没问题，就按这个方案执行吧。",
            "approval",
        ),
        ("附件是这次活动的全部照片，请查收。", "material_delivery"),
        (
            "说好周一给的稿子，到现在还没收到，你们到底怎么回事？",
            "complaint",
        ),
    ];
    let mut wrong = Vec::new();
    for (text, kind) in cases {
        let card = card(text, "2026-11-24T10:00:00+09:00", "Asia/Tokyo", "none");
        let chars: Vec<char> = text.chars().collect();
        for span in card.kinds.iter().flat_map(|k| &k.evidence) {
            assert_eq!(
                chars[span.start..span.end].iter().collect::<String>(),
                span.text
            );
        }
        if card.kinds[0].kind.as_str() != kind {
            wrong.push(format!("{text}: expected {kind}, got {:?}", card.kinds));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_reader_and_the_senders_own_title_are_not_a_requester() {
    let at = "2026-11-24T10:00:00+08:00";
    let none = [
        "刘经理您好，\n麻烦下周五前把新版首页发我确认，谢谢！\n\n徐静\n品牌中心 经理\n手机：137 5711 4408",
        "Hi Sam,\n\nCould you send the deck by Friday? It's for the board.\n\nThanks,\nAnna Lee\nMarketing Director, Acme",
        "山田部長様\n\nお世話になっております。見積書を添付いたします。\n\n株式会社ミナト 営業部 課長 高橋",
    ];
    for text in none {
        let card = card(text, at, "Asia/Shanghai", "cn");
        assert!(card.requester.is_none(), "{text}: {:?}", card.requester);
    }
    let relayed = [
        ("我们经理要一份上个月的投放数据，麻烦明天给我。", "boss"),
        ("My boss wants the deck by Friday.", "boss"),
        (
            "部長から至急と言われまして、資料をご用意いただけますか。",
            "director",
        ),
    ];
    for (text, role) in relayed {
        let card = card(text, at, "Asia/Shanghai", "cn");
        assert_eq!(
            card.requester.map(|r| r.role),
            Some(role.to_owned()),
            "{text}"
        );
    }
}

#[test]
fn a_time_the_sender_promises_is_not_the_deadline() {
    let mail = "田村様\n\nいつもお世話になっております。\n原稿と製品画像は本日中にお送りいたします。\n\n\
                恐れ入りますが、１１月２０日（金）までに初稿をご提出いただけますでしょうか。\n";
    let japanese = card(mail, "2026-11-04T15:00:00+09:00", "Asia/Tokyo", "jp");
    assert_eq!(
        japanese.deadline.unwrap().date.as_deref(),
        Some("2026-11-20")
    );
    let mail = "I'll send the assets today. Could you have the first cut ready by Friday?";
    let card = card(
        mail,
        "2026-11-24T10:00:00-05:00",
        "America/New_York",
        "none",
    );
    assert_eq!(card.deadline.unwrap().date.as_deref(), Some("2026-11-27"));
}

#[test]
fn cantonese_with_english_nouns_is_chinese_and_no_rush_is_low() {
    let card_zh = card(
        "logo嘅AI檔send咗俾你喇，check下收唔收到",
        "2026-09-15T15:00:00+08:00",
        "Asia/Hong_Kong",
        "none",
    );
    assert_eq!(card_zh.language.as_str(), "zh");
    let card_ja = card(
        "急ぎではございませんので、お手すきの際にご回答いただけますと幸いです。",
        "2026-10-05T14:10:00+09:00",
        "Asia/Tokyo",
        "jp",
    );
    assert_eq!(card_ja.urgency.level.as_str(), "low");
    let card_en = card(
        "honestly the last round of designs felt rushed",
        "2026-09-18T18:20:00+01:00",
        "Europe/London",
        "none",
    );
    assert!(!card_en.urgency.stated, "rushed describes, it does not ask");
}

#[test]
fn numeric_dates_follow_how_the_client_writes_them() {
    let date = |text: &str, zone: &str| {
        card(text, "2026-11-24T10:00:00Z", zone, "none")
            .deadline
            .and_then(|d| d.date)
    };
    let ask = "Could you send the final copy by 04/12, please?";
    assert_eq!(date(ask, "Europe/London").as_deref(), Some("2026-12-04"));
    assert_eq!(date(ask, "Australia/Sydney").as_deref(), Some("2026-12-04"));
    assert_eq!(date(ask, "Asia/Kolkata").as_deref(), Some("2026-12-04"));
    assert_eq!(date(ask, "America/New_York").as_deref(), Some("2027-04-12"));
    assert_eq!(
        date(
            "Please confirm the booking by 25/12, thanks.",
            "Europe/London"
        )
        .as_deref(),
        Some("2026-12-25")
    );
    assert_eq!(
        date("資料は12/3までにお送りいただけますか。", "Asia/Tokyo").as_deref(),
        Some("2026-12-03")
    );
    assert_eq!(
        date("请在12/3前把素材发给我们。", "Asia/Shanghai").as_deref(),
        Some("2026-12-03")
    );
    assert_eq!(
        date(
            "Can you confirm the 24/7 support contract?",
            "Europe/London"
        ),
        None,
        "round the clock is no date"
    );
}

#[test]
fn a_word_that_starts_with_one_is_no_monday() {
    // 下周一定 is "definitely next week", 下周一 is next Monday.
    let date = |text: &str| {
        card(text, "2026-11-24T10:00:00+08:00", "Asia/Shanghai", "cn")
            .deadline
            .and_then(|d| d.date)
    };
    assert_eq!(date("方案下周一定要给我。").as_deref(), Some("2026-12-04"));
    assert_eq!(date("方案下周一前给我。").as_deref(), Some("2026-11-30"));
}

/// What the card says a deliverable is for, or none.
fn purpose_of(text: &str, zone: &str, calendar: &str) -> Option<String> {
    card(text, "2027-02-03T01:00:00Z", zone, calendar)
        .purpose
        .map(|p| p.purpose)
}

#[test]
fn the_occasion_a_deliverable_serves_is_its_purpose() {
    let cases = [
        (
            "来月の展示会で配るパンフレットを500部お願いします。",
            "Asia/Tokyo",
            "jp",
            Some("event"),
        ),
        (
            "再来週、取引先の物流会社さんが来社して実際に触ってもらうので、検索画面だけでも動くようにしておいてください。",
            "Asia/Tokyo",
            "jp",
            Some("client_demo"),
        ),
        (
            "王工，下周三要给客户演示新版小程序，下单到支付这条流程得能跑通。",
            "Asia/Shanghai",
            "cn",
            Some("client_demo"),
        ),
        (
            "这套海报是4月深圳展会上用的，麻烦下周五前出终稿。",
            "Asia/Shanghai",
            "cn",
            Some("event"),
        ),
        (
            "Could you tidy up the roadmap slide? I'm taking the Hartwell team through it at Monday's weekly sync.",
            "Europe/London",
            "none",
            Some("meeting"),
        ),
        (
            "Legal need to read the final wording before anything goes live, so please put it on staging.",
            "Europe/London",
            "none",
            Some("approval"),
        ),
    ];
    for (text, zone, calendar, expected) in cases {
        assert_eq!(
            purpose_of(text, zone, calendar).as_deref(),
            expected,
            "{text}"
        );
    }
}

#[test]
fn an_occasion_already_past_or_a_meeting_being_moved_is_no_purpose() {
    let cases = [
        (
            "先週の展示会では撮影ありがとうございました！写真の全データを送っていただけますか？",
            "Asia/Tokyo",
            "jp",
        ),
        (
            "明後日の定例会議ですが、社長の都合で来週火曜に変更させていただけないでしょうか。",
            "Asia/Tokyo",
            "jp",
        ),
        (
            "上次发布会你们拍的那组照片效果很好，这次想再约一次拍摄，3月初可以吗？",
            "Asia/Shanghai",
            "cn",
        ),
        (
            "Thanks again for presenting at our webinar last Thursday! Could you resize our logo for the email signatures?",
            "Europe/London",
            "none",
        ),
    ];
    for (text, zone, calendar) in cases {
        assert_eq!(purpose_of(text, zone, calendar), None, "{text}");
    }
}
