//! Drafts of our own messages from the sentences of `lexicons/replies.tsv`: the gentle
//! reminder for materials the client is to send (with the date as the client's language
//! writes it and the benefit of sending early), and the final communication of a
//! resolved request (what was done, whether the client is satisfied and whether we may
//! close, the next step).

use crate::detect::Lang;
use crate::replies::part;
use jiff::civil::{Date, Weekday};

/// The polite sentences the drafts are made of, and the placeholders each must hold.
pub const DRAFT_PARTS: [(&str, &[&str]); 29] = [
    ("remind_open", &[]),
    ("remind_ask", &["{what}", "{due}"]),
    ("remind_late", &["{what}", "{due}"]),
    ("remind_benefit", &[]),
    ("remind_close", &[]),
    ("final_open", &[]),
    ("final_done", &["{subject}"]),
    ("final_list", &[]),
    ("final_ask", &[]),
    ("final_next", &[]),
    ("final_close", &[]),
    ("report_open", &[]),
    ("report_intro", &["{name}"]),
    ("report_done", &[]),
    ("report_next", &[]),
    ("report_needs", &[]),
    ("report_quiet", &[]),
    ("report_close", &[]),
    ("checkin_open", &[]),
    ("checkin_ask", &["{name}"]),
    ("checkin_offer", &[]),
    ("checkin_close", &[]),
    ("meeting_open", &[]),
    ("meeting_ask", &["{date}"]),
    ("meeting_agenda", &[]),
    ("meeting_close", &[]),
    ("report_subject", &["{name}"]),
    ("checkin_subject", &["{name}"]),
    ("meeting_subject", &["{name}"]),
];

/// The subject line `key` (`report_subject`, `checkin_subject`, `meeting_subject`) about
/// `name`.
pub fn subject(language: Lang, key: &str, name: &str) -> String {
    part(language, "polite", key)
        .unwrap_or("{name}")
        .replace("{name}", name.trim())
}

/// The final communication of a resolved request about `subject`: what was done (`done`,
/// our kept promises in their words), whether it is what the client needed and whether
/// we may close, and the next step.
pub fn final_communication(language: Lang, subject: &str, done: &[String]) -> String {
    let say = |key: &str| {
        part(language, "polite", key)
            .unwrap_or_default()
            .replace("{subject}", subject.trim())
    };
    let mut paragraphs = vec![say("final_open"), say("final_done")];
    if !done.is_empty() {
        let bullet = if language == Lang::En { "- " } else { "・" };
        let list: Vec<String> = done
            .iter()
            .map(|d| format!("{bullet}{}", d.trim()))
            .collect();
        paragraphs.push(format!("{}\n{}", say("final_list"), list.join("\n")));
    }
    paragraphs.extend([say("final_ask"), say("final_next"), say("final_close")]);
    paragraphs.join("\n\n")
}

/// A progress report on `name`: what was done since the last one, what comes next (with
/// its date when one was promised) and what we need from the client; a quiet period says
/// so rather than sending an empty list.
pub fn progress_report(
    language: Lang,
    name: &str,
    done: &[String],
    next: &[(String, Option<Date>)],
    needs: &[(String, Option<Date>)],
) -> String {
    let say = |key: &str| {
        part(language, "polite", key)
            .unwrap_or_default()
            .replace("{name}", name.trim())
    };
    let bullet = if language == Lang::En { "- " } else { "・" };
    let dated = |(what, date): &(String, Option<Date>)| match (date, language) {
        (Some(date), Lang::En) => {
            format!(
                "{bullet}{} ({})",
                what.trim(),
                written_date(language, *date)
            )
        }
        (Some(date), _) => format!(
            "{bullet}{}（{}）",
            what.trim(),
            written_date(language, *date)
        ),
        (None, _) => format!("{bullet}{}", what.trim()),
    };
    let mut paragraphs = vec![say("report_open"), say("report_intro")];
    if done.is_empty() && next.is_empty() && needs.is_empty() {
        paragraphs.push(say("report_quiet"));
    }
    if !done.is_empty() {
        let list: Vec<String> = done
            .iter()
            .map(|d| format!("{bullet}{}", d.trim()))
            .collect();
        paragraphs.push(format!("{}\n{}", say("report_done"), list.join("\n")));
    }
    for (key, items) in [("report_next", next), ("report_needs", needs)] {
        if !items.is_empty() {
            let list: Vec<String> = items.iter().map(dated).collect();
            paragraphs.push(format!("{}\n{}", say(key), list.join("\n")));
        }
    }
    paragraphs.push(say("report_close"));
    paragraphs.join("\n\n")
}

/// A check-in after a quiet spell on `name`: how is it going, anything on your mind.
pub fn check_in(language: Lang, name: &str) -> String {
    sentences(
        language,
        &[
            "checkin_open",
            "checkin_ask",
            "checkin_offer",
            "checkin_close",
        ],
    )
    .replace("{name}", name.trim())
}

/// Proposing the regular meeting due on `date`.
pub fn meeting_proposal(language: Lang, date: Date) -> String {
    sentences(
        language,
        &[
            "meeting_open",
            "meeting_ask",
            "meeting_agenda",
            "meeting_close",
        ],
    )
    .replace("{date}", &written_date(language, date))
}

/// The sentences `keys` in `language`, as its letters set them apart.
fn sentences(language: Lang, keys: &[&str]) -> String {
    let joiner = if language == Lang::En { "\n\n" } else { "\n" };
    keys.iter()
        .filter_map(|key| part(language, "polite", key))
        .collect::<Vec<_>>()
        .join(joiner)
}

/// A reminder that `what` is due on `due` (late when `late`), polite, in `language`.
pub fn materials_reminder(language: Lang, what: &str, due: Date, late: bool) -> String {
    let what = what.trim();
    let due = written_date(language, due);
    let ask = if late { "remind_late" } else { "remind_ask" };
    sentences(
        language,
        &["remind_open", ask, "remind_benefit", "remind_close"],
    )
    .replace("{what}", what)
    .replace("{due}", &due)
}

/// A date as the language writes it: 12月3日（木）, 12月3日（周四）, Thursday 3 December.
pub fn written_date(language: Lang, date: Date) -> String {
    let index = date.weekday().to_monday_zero_offset() as usize;
    match language {
        Lang::Ja => {
            let day = ["月", "火", "水", "木", "金", "土", "日"][index];
            format!("{}月{}日（{day}）", date.month(), date.day())
        }
        Lang::Zh => {
            let day = ["一", "二", "三", "四", "五", "六", "日"][index];
            format!("{}月{}日（周{day}）", date.month(), date.day())
        }
        Lang::En => {
            let month = [
                "January",
                "February",
                "March",
                "April",
                "May",
                "June",
                "July",
                "August",
                "September",
                "October",
                "November",
                "December",
            ][date.month() as usize - 1];
            format!("{} {} {month}", weekday_name(date.weekday()), date.day())
        }
    }
}

fn weekday_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Monday => "Monday",
        Weekday::Tuesday => "Tuesday",
        Weekday::Wednesday => "Wednesday",
        Weekday::Thursday => "Thursday",
        Weekday::Friday => "Friday",
        Weekday::Saturday => "Saturday",
        Weekday::Sunday => "Sunday",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn a_final_communication_lists_what_was_done_and_asks_to_close() {
        let done = vec!["修正版を12月3日にお送りしました".to_owned()];
        let ja = final_communication(Lang::Ja, "新商品LPの修正", &done);
        assert!(
            ja.contains("「新商品LPの修正」の件")
                && ja.contains("・修正版を12月3日にお送りしました"),
            "{ja}"
        );
        assert!(
            ja.contains("完了とさせていただいてもよろしいでしょうか"),
            "{ja}"
        );
        let zh = final_communication(Lang::Zh, "双十二活动页", &[]);
        assert!(
            zh.contains("“双十二活动页”") && zh.contains("结项") && !zh.contains("均已完成"),
            "{zh}"
        );
        let en = final_communication(Lang::En, "Spring media plan", &["- x".to_owned()]);
        assert!(en.contains("may we close this request?"), "{en}");
    }

    #[test]
    fn a_progress_report_lists_done_next_and_needs_or_says_it_was_quiet() {
        let ja = progress_report(
            Lang::Ja,
            "コーポレートサイト運用",
            &["採用ページの更新".to_owned()],
            &[(
                "お問い合わせフォームの改修".to_owned(),
                Some(date(2026, 12, 18)),
            )],
            &[("新しい社員写真".to_owned(), None)],
        );
        assert!(
            ja.contains("「コーポレートサイト運用」の進捗")
                && ja.contains("・採用ページの更新")
                && ja.contains("・お問い合わせフォームの改修（12月18日（金））")
                && ja.contains("ご対応をお願いしたいこと：\n・新しい社員写真"),
            "{ja}"
        );
        let zh = progress_report(Lang::Zh, "小红书代运营", &[], &[], &[]);
        assert!(
            zh.contains("没有大的变动") && !zh.contains("已完成"),
            "{zh}"
        );
        let en = progress_report(
            Lang::En,
            "the spring campaign",
            &[],
            &[("media plan v2".to_owned(), Some(date(2026, 12, 10)))],
            &[],
        );
        assert!(
            en.contains("- media plan v2 (Thursday 10 December)"),
            "{en}"
        );
    }

    #[test]
    fn a_check_in_and_a_meeting_proposal_read_natively() {
        let ja = check_in(Lang::Ja, "サイト運用");
        assert!(ja.contains("「サイト運用」の件でその後"), "{ja}");
        let zh = meeting_proposal(Lang::Zh, date(2026, 12, 14));
        assert!(zh.contains("下次例会计划在12月14日（周一）"), "{zh}");
        let en = meeting_proposal(Lang::En, date(2026, 12, 14));
        assert!(en.contains("due on Monday 14 December"), "{en}");
    }

    #[test]
    fn a_reminder_in_each_language_names_what_when_and_why_early() {
        let ja = materials_reminder(Lang::Ja, "ロゴデータ（AI形式）", date(2026, 12, 3), false);
        assert!(
            ja.contains("「ロゴデータ（AI形式）」") && ja.contains("12月3日（木）までに"),
            "{ja}"
        );
        assert!(
            ja.contains("早めに") && ja.ends_with("よろしくお願いいたします。"),
            "{ja}"
        );
        let zh = materials_reminder(Lang::Zh, "产品图片的高清素材", date(2026, 11, 26), false);
        assert!(
            zh.contains("“产品图片的高清素材”") && zh.contains("11月26日（周四）前"),
            "{zh}"
        );
        let en = materials_reminder(Lang::En, "the brand guidelines", date(2026, 12, 4), true);
        assert!(
            en.contains("\"the brand guidelines\"") && en.contains("Friday 4 December"),
            "{en}"
        );
        assert!(
            en.contains("haven't received"),
            "a late reminder says so: {en}"
        );
    }
}
