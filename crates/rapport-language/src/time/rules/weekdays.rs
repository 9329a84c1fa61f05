//! Weekdays: "next Friday", 来週の金曜日, 下周五, "the first Monday of December". A lone 月
//! or 金 is deliberately not a weekday (it is a month or money far more often).

use super::Caps;
use super::Pattern;
use super::words::{
    EN_MONTHS, EN_WEEKDAYS, day, month_from_en, num, weekday_from_cjk, weekday_from_en,
};
use crate::time::Moment;
use crate::time::calc::{coming, month_after, weekday_of_week};
use crate::time::movable;
use jiff::civil::DateTime;
use rapport_domain::BusinessCalendar;

#[derive(Clone, Copy, Debug)]
pub(super) enum Rule {
    EnWeekday,
    JaWeekday,
    ZhWeekday,
    NthWeekdayOfMonth,
}

/// A weekday's name ("Friday", 金曜日, 周五), which beside an explicit date only confirms
/// it; "the first Monday of December" is a date of its own.
pub(super) fn is_name(rule: Rule) -> bool {
    matches!(rule, Rule::EnWeekday | Rule::JaWeekday | Rule::ZhWeekday)
}

pub(super) fn patterns() -> Vec<Pattern<Rule>> {
    vec![
        (
            0,
            Rule::EnWeekday,
            format!(r"(?i)(?-u:\b)(?:(?P<which>next|this|coming|the following|following|last|previous)\s+)?(?P<wd>{EN_WEEKDAYS})(?-u:\b)\.?(?:,?\s+(?:of\s+|from\s+)?(?P<after>next week|this week|last week|after next))?"),
        ),
        // A lone 月 or 金 is a month or money far more often than a weekday: a weekday
        // has 曜, a week word before it, or まで right after it (金曜 / 来週金 / 金まで).
        (
            10,
            Rule::JaWeekday,
            r"(?P<which>再来週|来週|今週|翌週|先週|前週)の?(?P<wd>[月火水木金土日])(?:曜日?)?|(?P<wd2>[月火水木金土日])曜日?|(?P<wd3>[月火水木金土日])(?P<post>まで|迄)".into(),
        ),
        (
            20,
            Rule::ZhWeekday,
            // 一 that starts a word (下周一定, 这周一起, 本周一直) is no Monday: `word` catches it.
            r"(?P<which>下下|下个|下個|下|这个|這個|这|這|本|本个|上个|上個|上)?(?:周|星期|礼拜|禮拜|週)(?P<wd>[一二三四五六日天1-7])(?P<word>[定起些样樣直般切共])?".into(),
        ),
        (
            270,
            Rule::NthWeekdayOfMonth,
            format!(r"(?i)(?-u:\b)(?:the\s+)?(?P<nth>first|second|third|fourth|fifth|last|1st|2nd|3rd|4th|5th)\s+(?P<wd>{EN_WEEKDAYS})\s+(?:of|in)\s+(?:(?:the\s+)?(?P<rel>this|the|next|last)\s+month|(?P<month>{EN_MONTHS}))(?:,?\s+(?P<year>\d{{4}}))?(?-u:\b)"),
        ),
    ]
}

pub(super) fn resolve(
    rule: Rule,
    caps: &Caps,
    now: DateTime,
    _calendar: &BusinessCalendar,
) -> Option<Moment> {
    let today = now.date();
    match rule {
        Rule::EnWeekday => {
            let weekday = weekday_from_en(caps.name("wd")?.as_str())?;
            let which = caps.name("which").map(|m| m.as_str().to_ascii_lowercase());
            let after = caps.name("after").map(|m| m.as_str().to_ascii_lowercase());
            let weeks = match (which.as_deref(), after.as_deref()) {
                (Some("next") | Some("the following") | Some("following"), _)
                | (_, Some("next week")) => 1,
                (_, Some("after next")) => 1,
                (Some("this"), _) | (_, Some("this week")) => 0,
                (Some("last") | Some("previous"), _) | (_, Some("last week")) => -1,
                _ => return day(coming(today, weekday)),
            };
            day(weekday_of_week(today, weekday, weeks))
        }
        Rule::JaWeekday | Rule::ZhWeekday => {
            if caps.name("word").is_some() {
                return None;
            }
            let written = caps.name("wd").or(caps.name("wd2")).or(caps.name("wd3"))?;
            let weekday = weekday_from_cjk(written.as_str())?;
            let weeks = match caps.name("which").map(|m| m.as_str()) {
                Some("再来週" | "下下") => 2,
                Some("来週" | "翌週" | "下" | "下个" | "下個") => 1,
                Some("先週" | "前週" | "上" | "上个" | "上個") => -1,
                Some(_) => 0,
                None => return day(coming(today, weekday)),
            };
            day(weekday_of_week(today, weekday, weeks))
        }
        Rule::NthWeekdayOfMonth => {
            let weekday = weekday_from_en(caps.name("wd")?.as_str())?;
            let nth = caps.name("nth")?.as_str().to_ascii_lowercase();
            let n: i8 = match &nth[..3.min(nth.len())] {
                "las" => -1,
                "fir" | "1st" => 1,
                "sec" | "2nd" => 2,
                "thi" | "3rd" => 3,
                "fou" | "4th" => 4,
                _ => 5,
            };
            let (year, month) = match caps.name("month") {
                Some(m) => {
                    let month = month_from_en(m.as_str())?;
                    match num(caps, "year") {
                        Some(y) => (i16::try_from(y).ok()?, month),
                        None if month >= today.month() => (today.year(), month),
                        None => (today.year() + 1, month),
                    }
                }
                None => {
                    let rel = caps.name("rel")?.as_str().to_ascii_lowercase();
                    let step = match rel.as_str() {
                        "next" => 1,
                        "last" => -1,
                        _ => 0,
                    };
                    month_after(today, step)
                }
            };
            day(movable::nth_weekday_of_month(year, month, weekday, n)?)
        }
    }
}

/// A weekday alone is a bare day (1); with its week ("next Friday", "Friday next week",
/// 来週の金曜日) it is a deadline phrase.
pub(super) fn weakness(rule: Rule, caps: &Caps) -> u8 {
    match rule {
        Rule::EnWeekday | Rule::JaWeekday | Rule::ZhWeekday => {
            u8::from(caps.name("which").is_none() && caps.name("after").is_none())
        }
        Rule::NthWeekdayOfMonth => 0,
    }
}
