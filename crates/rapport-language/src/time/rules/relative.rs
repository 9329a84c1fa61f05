//! Days and durations counted from the sent moment: "tomorrow", 明後日, 后天, "in 3 days",
//! "within 24 hours", 3日後, 2个小时内. "now" and "yesterday" are found but deliberately
//! never read as a deadline (weakness 3).

use super::Caps;
use super::Pattern;
use super::words::{N, day, num};
use crate::time::Moment;
use crate::time::calc::add_days;
use crate::time::numbers::parse_number;
use jiff::Span;
use jiff::civil::DateTime;
use rapport_domain::BusinessCalendar;

/// Amounts of a duration: "in 2.5 hours", "in 1/2h", "in a couple of hours".
const EN_AMOUNT: &str = r"\d{1,3}\.\d|\d/\d|half an?|a quarter of an?|three[- ]quarters of an?|a couple of|a couple|couple of|a few|few|several|\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve";
const DURATION_UNITS: &str =
    r"minutes?|mins?|hours?|hrs?|h|days?|weeks?|fortnights?|months?|years?";

/// The value of a duration's amount: "2.5", "1/2", "half an", "a couple of", "a few".
fn amount_value(text: &str) -> Option<f64> {
    let lower = text.to_ascii_lowercase();
    if let Some((a, b)) = lower.split_once('/') {
        return Some(a.parse::<f64>().ok()? / b.parse::<f64>().ok().filter(|b| *b > 0.0)?);
    }
    if lower.starts_with("half") {
        return Some(0.5);
    }
    if lower.starts_with("a quarter") {
        return Some(0.25);
    }
    if lower.starts_with("three") && lower.contains("quarter") {
        return Some(0.75);
    }
    if lower.contains("couple") {
        return Some(2.0);
    }
    if lower.contains("few") || lower == "several" {
        return Some(3.0);
    }
    lower
        .parse::<f64>()
        .ok()
        .or_else(|| parse_number(&lower).map(f64::from))
}

#[derive(Clone, Copy, Debug)]
pub(super) enum Rule {
    RelativeDay,
    InDays,
}

pub(super) fn patterns() -> Vec<Pattern<Rule>> {
    vec![
        (
            30,
            Rule::RelativeDay,
            r"(?i)(?-u:\b)(?:the day after tomorrow|day after tomorrow|the day before yesterday|day before yesterday|tomorrow|tomorow|tommorow|tommorrow|tmrw|tmr|today|tonight|yesterday|right now|now)(?-u:\b)|本日中|一昨日|おととい|昨日|きのう|昨天|前天|现在|現在|此刻|此时|此時|当前|當前|只今|ただいま|今日中|本日|今日|明日中|明日|あした|あす|明後日|あさって|明々後日|今天之内|今天内|今天|今日内|今晚|今夜|明天|明晚|明早|聽日|听日|聽朝|后天|後天|大后天|大後天"
                .into(),
        ),
        (
            80,
            Rule::InDays,
            format!(r"(?i)(?-u:\b)(?:(?:in|within)\s+(?:the\s+next\s+)?(?:about\s+|around\s+|approximately\s+)?(?P<en>{EN_AMOUNT})\s*(?P<unit>{DURATION_UNITS})(?-u:\b)|(?P<en2>{EN_AMOUNT})\s*(?P<unit2>{DURATION_UNITS})\s+(?P<dir>from (?:right )?now|from today|hence|later|ago|before|after))|(?P<cn>{N})\s*(?P<cunit>日後|日以内|日内|日前|天内|天內|天之内|天之內|天以内|天以內|天后|天後|天前|週間以内|週間後|週間前|週間|周内|周之内|周后|周前|個星期內|个星期内|个月内|個月內|か月以内|ヶ月以内|か月後|ヶ月後|个月后|個月後|時間以内|時間後|時間内|个小时内|個小時內|小时内|小時內|个小时后|個小時後|小时后|小時後)"),
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
    let text = caps.get(0)?.as_str();
    let lower = text.to_ascii_lowercase();
    match rule {
        Rule::RelativeDay => {
            let offset = if lower.contains("before yesterday")
                || ["一昨日", "おととい", "前天"].contains(&text)
            {
                -2
            } else if lower == "yesterday" || ["昨日", "きのう", "昨天"].contains(&text) {
                -1
            } else if lower.contains("after")
                || ["明後日", "あさって", "后天", "後天"].contains(&text)
            {
                2
            } else if text.starts_with('大') || text == "明々後日" {
                3
            } else if lower.starts_with("tom")
                || lower.starts_with("tm")
                || text.starts_with('明')
                || text.starts_with('聽')
                || text.starts_with('听')
                || text.starts_with("あ")
            {
                1
            } else {
                0
            };
            day(add_days(today, offset))
        }
        Rule::InDays => {
            let amount = caps.name("en").or(caps.name("en2")).map(|m| m.as_str());
            let n = i64::from(
                num(caps, "en")
                    .or_else(|| num(caps, "en2"))
                    .or_else(|| num(caps, "cn"))
                    .or_else(|| amount.and_then(amount_value).map(|a| a.ceil() as u32))?,
            );
            let unit = caps
                .name("unit")
                .or(caps.name("unit2"))
                .or(caps.name("cunit"))?
                .as_str()
                .to_ascii_lowercase();
            let past = caps.name("dir").is_some_and(|d| {
                matches!(d.as_str().to_ascii_lowercase().as_str(), "ago" | "before")
            }) || unit.ends_with('前');
            let n = if past { -n } else { n };
            let hours = unit.starts_with('h') || unit.contains('時') || unit.contains('时');
            if unit.starts_with("min") || hours {
                // "within 24 hours" is a moment: the same time tomorrow.
                let per_unit = if hours { 60.0 } else { 1.0 };
                let value = amount
                    .and_then(amount_value)
                    .unwrap_or(n.unsigned_abs() as f64);
                let minutes = (value * per_unit).round() as i64 * n.signum();
                let at = now.checked_add(Span::new().minutes(minutes)).ok()?;
                return Some(Moment::Day {
                    date: at.date(),
                    time: Some(
                        at.time()
                            .with()
                            .second(0)
                            .subsec_nanosecond(0)
                            .build()
                            .ok()?,
                    ),
                });
            }
            if unit.starts_with("month") || unit.contains('月') {
                return day(today.checked_add(Span::new().months(n)).ok()?);
            }
            if unit.starts_with("year") {
                return day(today.checked_add(Span::new().years(n)).ok()?);
            }
            let weeks = unit.starts_with("week")
                || unit.contains('週')
                || unit.contains('周')
                || unit.contains("星期");
            let days = if unit.starts_with("fortnight") {
                14
            } else if weeks {
                7
            } else {
                1
            };
            day(add_days(today, n * days))
        }
    }
}

/// "now" and "yesterday" are never a deadline (3); "today" and "tonight" are a bare day (1).
pub(super) fn weakness(rule: Rule, caps: &Caps) -> u8 {
    let text = caps.get(0).map_or("", |m| m.as_str());
    let lower = text.to_ascii_lowercase();
    match rule {
        Rule::RelativeDay => {
            if matches!(
                lower.as_str(),
                "now"
                    | "right now"
                    | "yesterday"
                    | "the day before yesterday"
                    | "day before yesterday"
            ) || [
                "現在",
                "现在",
                "此刻",
                "此时",
                "此時",
                "当前",
                "當前",
                "只今",
                "ただいま",
                "昨日",
                "きのう",
                "昨天",
                "前天",
                "一昨日",
                "おととい",
            ]
            .contains(&text)
            {
                3
            } else {
                u8::from(
                    matches!(lower.as_str(), "today" | "tonight")
                        || ["今日", "本日", "今天", "今晚", "今夜"].contains(&text),
                )
            }
        }
        Rule::InDays => 0,
    }
}
