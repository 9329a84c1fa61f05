//! Drafts of our own messages from the sentences of `lexicons/replies.tsv`: the gentle
//! reminder for materials the client is to send (with the date as the client's language
//! writes it and the benefit of sending early), and the final communication of a
//! resolved request (what was done, whether the client is satisfied and whether we may
//! close, the next step).

use crate::detect::Lang;
use crate::replies::part;
use jiff::civil::{Date, Weekday};

/// The polite sentences the drafts are made of, and the placeholders each must hold.
pub const DRAFT_PARTS: [(&str, &[&str]); 11] = [
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
];

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

/// A reminder that `what` is due on `due` (late when `late`), polite, in `language`.
pub fn materials_reminder(language: Lang, what: &str, due: Date, late: bool) -> String {
    let what = what.trim();
    let due = written_date(language, due);
    let ask = if late { "remind_late" } else { "remind_ask" };
    let sentences: Vec<String> = ["remind_open", ask, "remind_benefit", "remind_close"]
        .iter()
        .filter_map(|key| part(language, "polite", key))
        .map(|s| s.replace("{what}", what).replace("{due}", &due))
        .collect();
    let joiner = if language == Lang::En { "\n\n" } else { "\n" };
    sentences.join(joiner)
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
