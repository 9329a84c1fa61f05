//! Explicit dates: "Dec 3rd", "3 Dec 2026", 2026/12/3, 12/3, 12月3日(木), 令和8年12月3日, "on
//! the 27th", "August 2026", "by 2027", 2027年. Deliberately not read: numbers that only
//! look like dates (an order number "#12/3-A", a version, "printer on 3") and impossible
//! dates ("February 29, 2026" is not even its month).

use super::Caps;
use super::Pattern;
use super::words::{EN_MONTHS, EN_ORDINAL, N, day, month_from_en, num, small, weekday_from_cjk};
use crate::time::calc::next_occurrence;
use crate::time::calc::{last_day_of_month, next_day_of_month};
use crate::time::numbers::parse_number;
use crate::time::{DateOrder, Moment};
use jiff::civil::{Date, DateTime};

/// An explicit date: a given year, or the next occurrence on or after today.
fn dated(today: Date, year: Option<u32>, month: u32, day: u32) -> Option<Date> {
    let (month, day) = (small(month)?, small(day)?);
    match year {
        Some(y) => {
            let y = if y < 100 { 2000 + y } else { y };
            Date::new(i16::try_from(y).ok()?, month, day).ok()
        }
        None => next_occurrence(today, month, day),
    }
}

#[derive(Clone, Copy, Debug)]
pub(super) enum Rule {
    EnMonthDay,
    EnDayMonth,
    NumericDate,
    CjkDate,
    DayOfMonth,
    MonthYear,
    YearOnly,
}

pub(super) fn patterns() -> Vec<Pattern<Rule>> {
    vec![
        (
            100,
            Rule::EnMonthDay,
            format!(r"(?i)(?-u:\b)(?P<month>{EN_MONTHS})\.?\s+(?:the\s+)?(?P<day>\d{{1,2}}|{EN_ORDINAL})(?:st|nd|rd|th)?(?:\s*(?:-|–|to|~)\s*(?P<to>\d{{1,2}})(?:st|nd|rd|th)?)?(?:,?\s+(?P<year>\d{{4}}))?(?-u:\b)"),
        ),
        (
            110,
            Rule::EnDayMonth,
            format!(r"(?i)(?-u:\b)(?:the\s+)?(?P<day>\d{{1,2}}|{EN_ORDINAL})(?:st|nd|rd|th)?(?:\s*(?:-|–|to|~)\s*(?P<to>\d{{1,2}})(?:st|nd|rd|th)?)?(?:\s+(?:of\s+)?|[-/]|)(?P<month>{EN_MONTHS})(?-u:\b)\.?(?:(?:,?\s+|[-/])(?P<year>\d{{4}})|[-/](?P<year2>\d{{2}}))?(?-u:\b)"),
        ),
        (
            120,
            Rule::NumericDate,
            r"(?P<pre>[^\s\d]?)(?:(?P<y1>\d{4})[-/.](?P<m1>\d{1,2})[-/.](?P<d1>\d{1,2})|(?P<m2>\d{1,2})/(?P<d2>\d{1,2})(?:/(?P<y2>\d{4}|\d{2}))?)(?P<post>\.[^\s]|[^\s.]?)".into(),
        ),
        (
            130,
            Rule::CjkDate,
            format!(r"(?:(?:(?P<era>令和|平成|昭和|大正|R|H)(?P<ey>{N}|元)年)|(?P<y>\d{{4}}|[〇零一二三四五六七八九]{{4}}) ?年 ?)?(?P<m>{N}) ?月 ?(?P<d>{N}) ?[日号號](?:\s*(?:~|-|から|到|至)\s*(?:(?P<m2>{N}) ?月 ?)?(?P<d2>{N}) ?[日号號]?)?(?:\s*\((?:周|星期|週|礼拜|禮拜)?(?P<wd>[月火水木金土日一二三四五六天])(?:曜日?)?\))?"),
        ),
        (
            140,
            Rule::DayOfMonth,
            format!(r"(?i)(?-u:\b)(?:the|on the|on)\s+(?P<en>\d{{1,2}})(?P<suffix>st|nd|rd|th)?(?-u:\b)(?P<slash>[/.:-]\d)?|(?P<cn>{N})[日号號](?:\s*\((?:周|星期|週)?[月火水木金土日一二三四五六天](?:曜日?)?\))?(?P<post>まで|までに|に|は|で|中|前|之前|以前)"),
        ),
        (
            200,
            Rule::MonthYear,
            format!(r"(?i)(?P<lead>\d+(?:st|nd|rd|th)?\s+)?(?-u:\b)(?P<month>{EN_MONTHS})\.?,?\s+(?P<year>\d{{4}})(?-u:\b)|(?-u:\b)(?P<y>\d{{4}})[-/](?P<m>\d{{1,2}})(?-u:\b)(?P<more>[-/]\d)?"),
        ),
        (
            210,
            Rule::YearOnly,
            r"(?i)(?-u:\b)(?:in|by|during|until|before)\s+(?P<year>\d{4})(?-u:\b)|(?P<cy>\d{4})年(?:中|内|末|まで|までに|に|は|で|底|前)?".into(),
        ),
    ]
}

/// Dates need no calendar; a numeric one is read in the client's `order`.
pub(super) fn resolve(rule: Rule, caps: &Caps, now: DateTime, order: DateOrder) -> Option<Moment> {
    let today = now.date();
    let text = caps.get(0)?.as_str();
    let lower = text.to_ascii_lowercase();
    match rule {
        Rule::EnMonthDay | Rule::EnDayMonth => {
            let month = u32::try_from(month_from_en(caps.name("month")?.as_str())?).ok()?;
            let last = num(caps, "to").or_else(|| num(caps, "day"))?;
            let year = num(caps, "year").or_else(|| num(caps, "year2"));
            day(dated(today, year, month, last)?)
        }
        Rule::NumericDate => {
            // Not part of an order number, a fraction in a word, or a version ("#12/3-A",
            // "12/3.5"); a sentence's closing point is none of these ("by 25/12.").
            let around = |name| caps.name(name).map_or("", |m| m.as_str());
            let blocked = |s: &str| {
                s.chars()
                    .any(|c| c.is_ascii_alphanumeric() || matches!(c, '#' | '/' | '.' | '-' | '$'))
            };
            if blocked(around("pre")) || blocked(around("post")) {
                return None;
            }
            let date = match (num(caps, "y1"), num(caps, "m1"), num(caps, "d1")) {
                (Some(y), Some(m), Some(d)) => dated(today, Some(y), m, d)?,
                // The pattern names the parts month and day; a day-first writer swaps them.
                _ => {
                    let (first, second) = (num(caps, "m2")?, num(caps, "d2")?);
                    // "24/7" is round the clock, not the 24th of July.
                    if (first, second) == (24, 7) && caps.name("y2").is_none() {
                        return None;
                    }
                    let (month, day) = match order {
                        DateOrder::MonthFirst => (first, second),
                        DateOrder::DayFirst => (second, first),
                    };
                    dated(today, num(caps, "y2"), month, day)?
                }
            };
            day(date)
        }
        Rule::CjkDate => cjk_date(caps, today),
        Rule::DayOfMonth => {
            // "on 2/15" is a numeric date; "printer on 3" is a floor, "on the 3rd" a day.
            let bare_on = lower.starts_with("on ")
                && !lower.starts_with("on the")
                && caps.name("suffix").is_none();
            if bare_on || caps.name("slash").is_some() {
                return None;
            }
            let n = num(caps, "en").or_else(|| num(caps, "cn"))?;
            day(next_day_of_month(today, small(n)?)?)
        }
        Rule::MonthYear => {
            // "32 August 2014" or "2014-08-32" that failed as a date is not its month.
            if caps.name("lead").is_some() || caps.name("more").is_some() {
                return None;
            }
            let month = match caps.name("month") {
                Some(m) => month_from_en(m.as_str())?,
                None => small(num(caps, "m")?)?,
            };
            let year = num(caps, "year").or_else(|| num(caps, "y"))?;
            if !(1..=12).contains(&month) {
                return None;
            }
            day(last_day_of_month(i16::try_from(year).ok()?, month))
        }
        Rule::YearOnly => {
            let year = num(caps, "year").or_else(|| num(caps, "cy"))?;
            day(Date::new(i16::try_from(year).ok()?, 12, 31).ok()?)
        }
    }
}

/// 12月3日, 2026年12月3日, 令和8年12月3日, 12月3日～5日, 12月3日(木).
fn cjk_date(caps: &Caps, today: Date) -> Option<Moment> {
    let year = match (caps.name("era"), caps.name("ey"), num(caps, "y")) {
        (Some(era), Some(ey), _) => {
            let base = match era.as_str() {
                "令和" | "R" => 2018,
                "平成" | "H" => 1988,
                "昭和" => 1925,
                _ => 1911,
            };
            Some(
                base + if ey.as_str() == "元" {
                    1
                } else {
                    parse_number(ey.as_str())?
                },
            )
        }
        (_, _, year) => year,
    };
    let month = num(caps, "m2").or_else(|| num(caps, "m"))?;
    let last = num(caps, "d2").or_else(|| num(caps, "d"))?;
    let date = dated(today, year, month, last)?;
    if let Some(wd) = caps.name("wd").and_then(|m| weekday_from_cjk(m.as_str()))
        && caps.name("d2").is_none()
        && wd != date.weekday()
    {
        // 12月3日(金) when the 3rd is a Thursday: trust the weekday only if a
        // year later matches; otherwise keep the written date.
        if let Some(next) = dated(
            date,
            Some(u32::try_from(date.year() + 1).ok()?),
            month,
            last,
        ) && next.weekday() == wd
        {
            return day(next);
        }
    }
    day(date)
}

/// A year alone written as 2027年 is a bare year (2); "by 2027" is a deadline phrase.
pub(super) fn weakness(rule: Rule, caps: &Caps) -> u8 {
    let text = caps.get(0).map_or("", |m| m.as_str());
    match rule {
        Rule::YearOnly if caps.name("cy").is_some() && text.ends_with('年') => 2,
        _ => 0,
    }
}
