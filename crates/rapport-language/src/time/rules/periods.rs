//! Weeks, months, quarters and years as periods: "this week", 今週中, "end of month", 月末,
//! 来月頭, "year-end", 年内, "Q1 2027", "next month", 来年, "in March". Deliberately not
//! read: "may" alone (a verb far more often than a month), and "the Q1 campaign" names a
//! period rather than a deadline (weakness 3).

use super::Caps;
use super::Pattern;
use super::words::{EN_MONTHS, EN_ORDINAL, N, day, month_from_en, num, small};
use crate::time::Moment;
use crate::time::calc::{
    add_days, first_business_day_of_month, last_day_of_month, monday_of, month_after, quarter_end,
};
use jiff::civil::{Date, DateTime};
use rapport_domain::BusinessCalendar;

#[derive(Clone, Copy, Debug)]
pub(super) enum Rule {
    WeekPeriod,
    MonthPeriod,
    YearEnd,
    QuarterEnd,
    EnRelativePeriod,
    DayOfRelativeMonth,
    CjkYearWord,
    CjkMonthWord,
    Quarter,
    EnMonth,
}

pub(super) fn patterns() -> Vec<Pattern<Rule>> {
    vec![
        (
            40,
            Rule::WeekPeriod,
            r"(?i)(?-u:\b)(?:(?:by |until )?(?:the )?end of (?:the |this )?week|end of next week|eow|this week|next week|last week|(?:by )?the weekend|early next week)(?-u:\b)|今週中|今週いっぱい|今週末|来週中|来週いっぱい|来週末|来週|週明け|本周内|本周之内|这周内|這週內|本周|这周|這週|这个星期|这星期|周末前|下周内|下周之内|下周|下週|下个星期|下個星期|下星期|下礼拜|下禮拜|这一周|這一周|这礼拜|這禮拜|这个礼拜|這個禮拜|今個星期|今個禮拜|今個礼拜|上周|上週|上个星期|上個星期|上星期|上礼拜|上禮拜|先週|前週"
                .into(),
        ),
        (
            50,
            Rule::MonthPeriod,
            format!(r"(?i)(?-u:\b)(?:(?:the )?end of (?:the |this )?month|eom|month[- ]end|end of next month|early next month|(?:the )?(?:beginning|start) of next month|mid[- ]month|(?:the )?middle of (?:the |this )?month|(?P<enpart>end|mid|middle|early|beginning|start)(?:[- ]|\s+of\s+)(?P<enm>{EN_MONTHS}))(?-u:\b)|(?:(?P<m>{N})月|(?P<rel>下个月|下個月|下月|来月|來月|这个月|這個月|本月|今月))(?:中旬|上旬|下旬|末|底|初|頭|初め)|中旬|上旬|下旬|(?P<mm>{N})月(?:中|いっぱい|内|之内|以内|まで|までに|に|は|で|の間|前|之前)?|今月中|今月末|今月いっぱい|来月中|来月末|来月頭|来月初め|来月初旬|来月上旬|来月|本月底|本月内|这个月底|這個月底|月底|月末|月中|下个月底|下個月底|下月底|下个月初|下個月初|下月初|下个月|下個月|下月"),
        ),
        (
            60,
            Rule::YearEnd,
            r"(?i)(?-u:\b)(?:(?:the )?end of (?:the |this )?year|year[- ]end|eoy|before the new year|by the new year)(?-u:\b)|年内|年末|今年中|今年内|今年之内|年底|年度末".into(),
        ),
        (
            70,
            Rule::QuarterEnd,
            r"(?i)(?-u:\b)(?:(?:the )?end of (?:the |this )?quarter|this quarter|eoq|end of q(?P<q>[1-4]))(?-u:\b)|本季度末?|这个季度|今期中|四半期末".into(),
        ),
        (
            190,
            Rule::EnRelativePeriod,
            r"(?i)(?-u:\b)(?P<which>this|next|last|previous|past|coming|upcoming|following|current)\s+(?P<unit>week|month|year|yr|quarter|qtr)(?-u:\b)".into(),
        ),
        (
            220,
            Rule::DayOfRelativeMonth,
            format!(r"(?i)(?-u:\b)(?:the\s+)?(?P<day>\d{{1,2}}|{EN_ORDINAL})(?:st|nd|rd|th)?(?:\s+day)?\s+of\s+(?:the\s+)?(?P<which>next|this|current|previous|last|coming)\s+month(?-u:\b)"),
        ),
        (
            230,
            Rule::CjkYearWord,
            r"(?P<w>今年|本年|今年度|明年|来年|來年|下年|翌年|去年|昨年|上年|前年)(?:中|内|內|之内|底|末|まで|までに|に)?".into(),
        ),
        (
            240,
            Rule::CjkMonthWord,
            format!(r"(?P<w>上个月|上個月|上月|先月|前月|这个月|這個月|本月|今月|今個月|下个月|下個月|下月|来月|來月|翌月)(?:(?P<d>{N})[日号號])?"),
        ),
        (
            280,
            Rule::Quarter,
            r"(?i)(?-u:\b)(?:the\s+)?(?P<nth>first|second|third|fourth|1st|2nd|3rd|4th)\s+(?:quarter|qtr)(?:\s+(?:of\s+)?(?P<year>\d{4}))?(?-u:\b)|(?-u:\b)q(?P<q>[1-4])(?:\s*(?P<qy>\d{4}))?(?-u:\b)|(?-u:\b)(?P<y>\d{4})\s*q(?P<q2>[1-4])(?-u:\b)|(?-u:\b)(?P<sy>\d{2})q(?P<q3>[1-4])(?-u:\b)".into(),
        ),
        (
            290,
            Rule::EnMonth,
            // "may" alone is a verb far more often than a month: only after a preposition.
            r"(?i)(?P<lead>\d+(?:st|nd|rd|th)?\s+(?:of\s+)?)?(?-u:\b)(?:(?P<pre>in|during|by|until|before|next|this|throughout|early|late)\s+)?(?P<month>january|february|march|april|june|july|august|september|october|november|december|sept)(?P<after>\s+after\s+next)?(?-u:\b)(?P<tail>,?\s*\d)?|(?-u:\b)(?:in|during|by|until|before|next|this)\s+(?P<may>may)(?-u:\b)".into(),
        ),
    ]
}

pub(super) fn resolve(
    rule: Rule,
    caps: &Caps,
    now: DateTime,
    calendar: &BusinessCalendar,
) -> Option<Moment> {
    let today = now.date();
    let text = caps.get(0)?.as_str();
    let lower = text.to_ascii_lowercase();
    match rule {
        Rule::WeekPeriod => week_period(text, &lower, today, calendar),
        Rule::MonthPeriod => month_period(caps, text, &lower, today, calendar),
        Rule::YearEnd => {
            if text == "年度末" {
                let year = if today.month() > 3 {
                    today.year() + 1
                } else {
                    today.year()
                };
                return day(Date::new(year, 3, 31).ok()?);
            }
            day(Date::new(today.year(), 12, 31).ok()?)
        }
        Rule::QuarterEnd => match num(caps, "q") {
            Some(q) => {
                let end = last_day_of_month(today.year(), small(q * 3)?);
                day(if end >= today {
                    end
                } else {
                    last_day_of_month(today.year() + 1, small(q * 3)?)
                })
            }
            None => day(quarter_end(today)),
        },
        Rule::EnRelativePeriod => {
            let which = caps.name("which")?.as_str().to_ascii_lowercase();
            let step: i64 = match which.as_str() {
                "next" | "coming" | "upcoming" | "following" => 1,
                "last" | "previous" | "past" => -1,
                _ => 0,
            };
            match caps.name("unit")?.as_str().to_ascii_lowercase().as_str() {
                "week" => day(calendar.last_business_day_of_week(add_days(today, 7 * step))),
                "month" => {
                    let (year, month) = month_after(today, step);
                    day(last_day_of_month(year, month))
                }
                "quarter" | "qtr" => {
                    let (year, month) = month_after(today, 3 * step);
                    day(quarter_end(Date::new(year, month, 1).ok()?))
                }
                _ => day(Date::new(today.year() + i16::try_from(step).ok()?, 12, 31).ok()?),
            }
        }
        Rule::DayOfRelativeMonth => {
            let which = caps.name("which")?.as_str().to_ascii_lowercase();
            let step = match which.as_str() {
                "next" | "coming" => 1,
                "previous" | "last" => -1,
                _ => 0,
            };
            let (year, month) = month_after(today, step);
            day(Date::new(year, month, small(num(caps, "day")?)?).ok()?)
        }
        Rule::CjkYearWord => {
            let w = caps.name("w")?.as_str();
            let step: i16 = match w {
                "明年" | "来年" | "來年" | "下年" | "翌年" => 1,
                "去年" | "昨年" | "上年" | "前年" => -1,
                _ => 0,
            };
            day(Date::new(today.year() + step, 12, 31).ok()?)
        }
        Rule::CjkMonthWord => {
            let w = caps.name("w")?.as_str();
            let step =
                if w.contains('下') || w.contains('来') || w.contains('來') || w.contains('翌')
                {
                    1
                } else if w.contains('上') || w.contains('先') || w.contains('前') {
                    -1
                } else {
                    0
                };
            let (year, month) = month_after(today, step);
            match num(caps, "d").and_then(small) {
                Some(d) => day(Date::new(year, month, d).ok()?),
                None => day(last_day_of_month(year, month)),
            }
        }
        Rule::Quarter => {
            let q = match caps.name("nth") {
                Some(nth) => match &nth.as_str().to_ascii_lowercase()[..3] {
                    "fir" | "1st" => 1,
                    "sec" | "2nd" => 2,
                    "thi" | "3rd" => 3,
                    _ => 4,
                },
                None => num(caps, "q")
                    .or_else(|| num(caps, "q2"))
                    .or_else(|| num(caps, "q3"))?,
            };
            let year = num(caps, "year")
                .or_else(|| num(caps, "qy"))
                .or_else(|| num(caps, "y"))
                .or_else(|| num(caps, "sy").map(|y| 2000 + y));
            let end_in = |year: i16| last_day_of_month(year, small(q * 3).unwrap_or(12));
            day(match year {
                Some(y) => end_in(i16::try_from(y).ok()?),
                None if end_in(today.year()) >= today => end_in(today.year()),
                None => end_in(today.year() + 1),
            })
        }
        Rule::EnMonth => {
            // "February 29, 2022" or "32 August" that failed as a date is not a month.
            if caps.name("lead").is_some() || caps.name("tail").is_some() {
                return None;
            }
            let month = month_from_en(caps.name("month").or(caps.name("may"))?.as_str())?;
            let mut year = if month >= today.month() {
                today.year()
            } else {
                today.year() + 1
            };
            if caps.name("after").is_some() {
                year += 1;
            }
            day(last_day_of_month(year, month))
        }
    }
}

/// "this week", 今週中, 来週, 週明け: the week's last business day, or the first one of
/// next week for 週明け / "early next week".
fn week_period(
    text: &str,
    lower: &str,
    today: Date,
    calendar: &BusinessCalendar,
) -> Option<Moment> {
    let next = lower.contains("next")
        || text.contains('来')
        || text.contains('下')
        || text.contains("週明け");
    if text.contains("週明け") || lower.contains("early next week") {
        let monday = add_days(monday_of(today), 7);
        return day(if calendar.is_business_day(monday) {
            monday
        } else {
            calendar.next_business_day(monday)
        });
    }
    let last = lower.contains("last")
        || text.contains('上')
        || text.contains('先')
        || text.contains("前週");
    let in_week = add_days(
        today,
        if next {
            7
        } else if last {
            -7
        } else {
            0
        },
    );
    day(calendar.last_business_day_of_week(in_week))
}

/// "end of month", 月末, 来月頭, 12月中旬, "mid-March", 12月まで: the month's end, its
/// first business day, the 10th (上旬) or the 20th (the middle).
fn month_period(
    caps: &Caps,
    text: &str,
    lower: &str,
    today: Date,
    calendar: &BusinessCalendar,
) -> Option<Moment> {
    if let Some(m) = num(caps, "mm").and_then(small) {
        let year = if m >= today.month() {
            today.year()
        } else {
            today.year() + 1
        };
        return day(last_day_of_month(year, m));
    }
    // 下旬 is "late in the month", not "next": only a leading 来月 / 下个月 means next.
    let next = lower.contains("next")
        || ["来月", "來月", "下个月", "下個月", "下月"]
            .iter()
            .any(|p| text.starts_with(p));
    let (mut year, mut month) = month_after(today, i64::from(next));
    let named = caps.name("enm").and_then(|m| month_from_en(m.as_str()));
    if let Some(m) = num(caps, "m").and_then(small).or(named) {
        month = m;
        year = if m >= today.month() {
            today.year()
        } else {
            today.year() + 1
        };
    }
    if text.contains("頭")
        || text.contains("初")
        || text.contains("上旬")
        || lower.contains("early")
        || lower.contains("beginning")
        || lower.contains("start")
    {
        if text.contains("上旬") {
            return day(Date::new(year, month, 10).ok()?);
        }
        return day(first_business_day_of_month(calendar, year, month));
    }
    // 今月中 is "within this month"; 月中 alone is the middle of it.
    let within = ["今月中", "来月中", "來月中"].contains(&text);
    if !within && (text.contains("中旬") || text.contains("月中") || lower.contains("mid")) {
        return day(Date::new(year, month, 20).ok()?);
    }
    day(last_day_of_month(year, month))
}

/// A bare month or year word (12月, "in March", 来年, 来月) or a quarter is weak (2); "Q1"
/// alone is never a deadline (3); "end of month", 来月末, 来月3日 are deadline phrases.
pub(super) fn weakness(rule: Rule, caps: &Caps) -> u8 {
    let text = caps.get(0).map_or("", |m| m.as_str());
    let lower = text.to_ascii_lowercase();
    let word = caps.name("w").map_or("", |w| w.as_str());
    match rule {
        Rule::MonthPeriod if text.ends_with('月') => 2,
        Rule::EnMonth => 2,
        // "the Q1 campaign" names a period; "Q1 2027" or "the first quarter" is a time.
        Rule::Quarter if lower.starts_with('q') && caps.name("qy").is_none() => 3,
        Rule::Quarter => 2,
        Rule::CjkYearWord if text == word => 2,
        Rule::CjkMonthWord if caps.name("d").is_none() && text == word => 2,
        _ => 0,
    }
}
