//! Times of day: "3pm", "by 3:30", 15時, 下午3点, 17:30, "15h30", EOD, "by noon", 下班前.
//! Deliberately not read: a number that only looks like an hour (1時間 is a duration, "at
//! 10 Downing Street" an address, "%e7%b7%8a" in a link not 8 am); a clock time without
//! its half of the day is flagged (`half_day_open`) rather than guessed.

use super::Caps;
use super::Pattern;
use super::words::{N, num};
use crate::time::Moment;
use crate::time::calc::add_days;
use jiff::civil::{DateTime, Time};
use rapport_domain::BusinessCalendar;

fn clock(hour: u32, minute: u32) -> Option<Time> {
    Time::new(i8::try_from(hour).ok()?, i8::try_from(minute).ok()?, 0, 0).ok()
}

#[derive(Clone, Copy, Debug)]
pub(super) enum Rule {
    EnClock,
    CjkClock,
    Clock24,
    PartOfDay,
}

pub(super) fn patterns() -> Vec<Pattern<Rule>> {
    vec![
        (
            150,
            Rule::EnClock,
            r"(?i)(?-u:\b)(?P<h>\d{1,2})(?::(?P<min>\d{2}))?(?:\s*(?P<ap>a\.?m\.?|p\.?m\.?|a\.?\s?m|p\.?\s?m)|(?P<ap1>[ap])(?-u:\b)|\s*o'?clock(?:\s*(?P<ap2>a\.?m\.?|p\.?m\.?))?)".into(),
        ),
        (
            160,
            Rule::EnClock,
            // "before 9 tomorrow", "on Thursday at 10.": an hour after a preposition, where
            // the next word says it is a time (the end of a clause, or a day word).
            r"(?i)(?-u:\b)(?:by|before|at|until|till)\s+(?P<h>\d{1,2})(?::(?P<min>[0-5]\d))?(?P<post>\s+(?:tomorrow|today|tonight|this|on|next|at the latest|latest|sharp)(?-u:\b)|\s*[,;!?)\n]|\.(?:\s|\z)|\s*\z)".into(),
        ),
        (
            170,
            Rule::CjkClock,
            format!(r"(?P<ap>午前|午後|上午|下午|下晝|下昼|中午|晚上|今晚上|今晚|今夜|夜|早上|傍晚|今朝|朝|夕方)?(?P<h>{N})[時时点點](?:(?P<half>半)|(?P<min>{N})分?)?(?P<hours>間|间|鐘|钟)?"),
        ),
        (
            180,
            Rule::Clock24,
            r"(?P<pre>[^\s\d]?)(?-u:\b)(?P<h>[01]?\d|2[0-3])(?::(?P<min>[0-5]\d)|h(?P<hmin>[0-5]\d)?)(?-u:\b)".into(),
        ),
        (
            300,
            Rule::PartOfDay,
            r"(?i)(?-u:\b)(?:eod|cob|eob|end of (?:the )?(?:business )?day|close of business|end of business|noon|midday|mid day|midnight|lunch ?time|by lunch|(?:this |tomorrow )?morning|this afternoon|afternoon)(?-u:\b)|正午|お昼|昼まで|午前中|夕方|終業|定時|下班前|下班之前|下班|收工前|收工|放工前|中午之前|中午前|中午|上午|下午|下晝".into(),
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
        Rule::EnClock => {
            let hour = num(caps, "h")?;
            let minute = num(caps, "min").unwrap_or(0);
            let Some(ap) = caps.name("ap").or(caps.name("ap1")).or(caps.name("ap2")) else {
                // "3 o'clock": a 12-hour clock without its half of the day.
                return (hour <= 12).then(|| Moment::TimeOfDay(clock(hour, minute)));
            };
            let pm = ap.as_str().to_ascii_lowercase().starts_with('p');
            if hour == 0 || hour > 12 {
                return None;
            }
            let hour = match (pm, hour) {
                (true, 12) => 12,
                (true, h) => h + 12,
                (false, 12) => 0,
                (false, h) => h,
            };
            Some(Moment::TimeOfDay(Some(clock(hour, minute)?)))
        }
        Rule::CjkClock => {
            // 1時間 / 1个小时 is a duration, not one o'clock.
            if caps.name("hours").is_some() {
                return None;
            }
            let mut hour = num(caps, "h")?;
            let minute = if caps.name("half").is_some() {
                30
            } else {
                num(caps, "min").unwrap_or(0)
            };
            let afternoon = matches!(
                caps.name("ap").map(|m| m.as_str()),
                Some(
                    "午後"
                        | "下午"
                        | "下晝"
                        | "下昼"
                        | "晚上"
                        | "今晚上"
                        | "今晚"
                        | "今夜"
                        | "夜"
                        | "傍晚"
                        | "夕方"
                )
            );
            if afternoon && hour < 12 {
                hour += 12;
            }
            if hour > 24 {
                return None;
            }
            Some(Moment::TimeOfDay(Some(clock(
                hour.min(23),
                if hour == 24 { 59 } else { minute },
            )?)))
        }
        Rule::Clock24 => {
            let pre = caps.name("pre").map_or("", |m| m.as_str());
            if pre.chars().any(|c| c.is_ascii_digit() || c == ':') {
                return None;
            }
            let minute = num(caps, "min").or_else(|| num(caps, "hmin")).unwrap_or(0);
            Some(Moment::TimeOfDay(Some(clock(num(caps, "h")?, minute)?)))
        }
        Rule::PartOfDay => {
            if lower == "midnight" {
                return Some(Moment::TimeOfDay(Some(Time::constant(23, 59, 0, 0))));
            }
            let noon = ["noon", "midday", "mid day", "lunch", "morning"]
                .iter()
                .any(|w| lower.contains(w))
                || ["正午", "お昼", "昼まで", "午前中", "中午", "上午"]
                    .iter()
                    .any(|w| text.contains(w));
            let time = noon.then(|| Time::constant(12, 0, 0, 0));
            if lower.contains("tomorrow") {
                return Some(Moment::Day {
                    date: add_days(today, 1),
                    time,
                });
            }
            if ["下午", "下晝"].contains(&text) || lower.contains("afternoon") {
                return Some(Moment::TimeOfDay(None));
            }
            Some(Moment::TimeOfDay(time))
        }
    }
}

/// A clock time alone is weak (2), and so is a bare half of the day ("morning", 下午); EOD,
/// "by noon" and 下班前 are deadline phrases.
pub(super) fn weakness(rule: Rule, caps: &Caps) -> u8 {
    let text = caps.get(0).map_or("", |m| m.as_str());
    let lower = text.to_ascii_lowercase();
    match rule {
        Rule::EnClock | Rule::CjkClock | Rule::Clock24 => 2,
        Rule::PartOfDay
            if ["morning", "afternoon"].iter().any(|w| lower.contains(w))
                || ["上午", "下午", "下晝", "夕方", "中午"].contains(&text) =>
        {
            2
        }
        Rule::PartOfDay => 0,
    }
}

/// A clock time written without its half of the day ("by 3:30", 3時まで, 3点前, 22:00):
/// no am/pm, 午前/午後, 上午/下午 or other part of the day with it.
pub(super) fn half_day_open(rule: Rule, caps: &Caps) -> bool {
    match rule {
        Rule::Clock24 => true,
        Rule::CjkClock => caps.name("ap").is_none(),
        Rule::EnClock => caps
            .name("ap")
            .or(caps.name("ap1"))
            .or(caps.name("ap2"))
            .is_none(),
        Rule::PartOfDay => false,
    }
}
