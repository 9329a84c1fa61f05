//! The patterns that find time expressions in English, Japanese and Chinese, and what each
//! resolves to. Patterns run on the normalised text (ASCII digits, `~`, `(`), with the
//! `regex` crate, whose matching time is linear in the input.

use super::calc::*;
use super::movable;
use super::numbers::parse_number;
use super::{Found, Moment};
use jiff::Span;
use jiff::civil::{Date, DateTime, Time, Weekday};
use rapport_domain::BusinessCalendar;
use regex::{Captures, Regex, RegexSet};
use std::sync::LazyLock;

/// What a pattern found, before it is resolved against the sent time.
#[derive(Clone, Copy, Debug)]
enum Kind {
    EnWeekday,
    JaWeekday,
    ZhWeekday,
    RelativeDay,
    WeekPeriod,
    MonthPeriod,
    YearEnd,
    QuarterEnd,
    InDays,
    BusinessDays,
    EnMonthDay,
    EnDayMonth,
    NumericDate,
    CjkDate,
    DayOfMonth,
    EnClock,
    CjkClock,
    Clock24,
    PartOfDay,
    EnRelativePeriod,
    MonthYear,
    YearOnly,
    DayOfRelativeMonth,
    CjkYearWord,
    CjkMonthWord,
    FixedHoliday,
    MovableHoliday,
    NthWeekdayOfMonth,
    Quarter,
    EnMonth,
}

/// Holidays on fixed dates from `lexicons/holidays.tsv`: (lower-cased name, month, day).
static HOLIDAYS: LazyLock<Vec<(String, i8, i8)>> = LazyLock::new(|| {
    let mut names = Vec::new();
    for line in include_str!("../../lexicons/holidays.tsv")
        .lines()
        .filter(|l| !l.starts_with('#'))
    {
        let fields: Vec<&str> = line.split('\t').collect();
        if let [month, day, list] = fields[..]
            && let (Ok(month), Ok(day)) = (month.parse(), day.parse())
        {
            names.extend(list.split('|').map(|n| (n.to_lowercase(), month, day)));
        }
    }
    // Longest first, so the alternation prefers "christmas eve" over "christmas".
    names.sort_by_key(|(n, _, _)| std::cmp::Reverse(n.len()));
    names
});

const N: &str = r"[0-9〇零一二三四五六七八九十两兩]{1,4}";
const EN_MONTHS: &str = r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";
const EN_WEEKDAYS: &str = r"mon(?:day)?|tue(?:s|sday)?|wed(?:s|nesday)?|wensday|thu(?:r|rs|rsday)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?";
const EN_ORDINAL: &str = r"thirty-first|thirtieth|twenty-ninth|twenty-eighth|twenty-seventh|twenty-sixth|twenty-fifth|twenty-fourth|twenty-third|twenty-second|twenty-first|twentieth|nineteenth|eighteenth|seventeenth|sixteenth|fifteenth|fourteenth|thirteenth|twelfth|eleventh|tenth|ninth|eighth|seventh|sixth|fifth|fourth|third|second|first";
/// Ordinal words in the order of their values, for `ordinal_value`.
const ORDINALS: [&str; 31] = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
    "twenty-first",
    "twenty-second",
    "twenty-third",
    "twenty-fourth",
    "twenty-fifth",
    "twenty-sixth",
    "twenty-seventh",
    "twenty-eighth",
    "twenty-ninth",
    "thirtieth",
    "thirty-first",
];
const EN_NUMBER: &str =
    r"\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve";
/// Amounts of a duration: "in 2.5 hours", "in 1/2h", "in a couple of hours".
const EN_AMOUNT: &str = r"\d{1,3}\.\d|\d/\d|half an?|a quarter of an?|three[- ]quarters of an?|a couple of|a couple|a few|few|several|\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve";
const DURATION_UNITS: &str =
    r"minutes?|mins?|hours?|hrs?|h|days?|weeks?|fortnights?|months?|years?";

/// Every rule's pattern in one set, for a single scan of the text.
static RULE_SET: LazyLock<RegexSet> = LazyLock::new(|| {
    RegexSet::new(RULES.iter().map(|(regex, _)| regex.as_str())).expect("time pattern set")
});

static RULES: LazyLock<Vec<(Regex, Kind)>> = LazyLock::new(|| {
    let rule = |pattern: String, kind| (Regex::new(&pattern).expect("time pattern"), kind);
    vec![
        rule(
            format!(r"(?i)(?-u:\b)(?:(?P<which>next|this|coming|the following|following|last|previous)\s+)?(?P<wd>{EN_WEEKDAYS})(?-u:\b)\.?(?:,?\s+(?:of\s+|from\s+)?(?P<after>next week|this week|last week|after next))?"),
            Kind::EnWeekday,
        ),
        // A lone 月 or 金 is a month or money far more often than a weekday: a weekday
        // has 曜, a week word before it, or まで right after it (金曜 / 来週金 / 金まで).
        rule(r"(?P<which>再来週|来週|今週|翌週|先週|前週)の?(?P<wd>[月火水木金土日])(?:曜日?)?|(?P<wd2>[月火水木金土日])曜日?|(?P<wd3>[月火水木金土日])(?P<post>まで|迄)".into(), Kind::JaWeekday),
        rule(
            r"(?P<which>下下|下个|下個|下|这个|這個|这|這|本|本个|上个|上個|上)?(?:周|星期|礼拜|禮拜|週)(?P<wd>[一二三四五六日天1-7])".into(),
            Kind::ZhWeekday,
        ),
        rule(
            r"(?i)(?-u:\b)(?:the day after tomorrow|day after tomorrow|the day before yesterday|day before yesterday|tomorrow|tomorow|tommorow|tommorrow|tmrw|tmr|today|tonight|yesterday|right now|now)(?-u:\b)|本日中|一昨日|おととい|昨日|きのう|昨天|前天|现在|現在|此刻|此时|此時|当前|當前|只今|ただいま|今日中|本日|今日|明日中|明日|あした|あす|明後日|あさって|明々後日|今天之内|今天内|今天|今日内|今晚|今夜|明天|明晚|聽日|听日|聽朝|后天|後天|大后天|大後天"
                .into(),
            Kind::RelativeDay,
        ),
        rule(
            r"(?i)(?-u:\b)(?:(?:by |until )?(?:the )?end of (?:the |this )?week|end of next week|eow|this week|next week|last week|(?:by )?the weekend|early next week)(?-u:\b)|今週中|今週いっぱい|今週末|来週中|来週いっぱい|来週末|来週|週明け|本周内|本周之内|这周内|這週內|本周|这周|這週|这个星期|这星期|周末前|下周内|下周之内|下周|下週|下个星期|下個星期|下星期|下礼拜|下禮拜|这一周|這一周|这礼拜|這禮拜|这个礼拜|這個禮拜|今個星期|今個禮拜|今個礼拜|上周|上週|上个星期|上個星期|上星期|上礼拜|上禮拜|先週|前週"
                .into(),
            Kind::WeekPeriod,
        ),
        rule(
            format!(r"(?i)(?-u:\b)(?:(?:the )?end of (?:the |this )?month|eom|month[- ]end|end of next month|early next month|(?:the )?(?:beginning|start) of next month|mid[- ]month|(?:the )?middle of (?:the |this )?month|(?P<enpart>end|mid|middle|early|beginning|start)(?:[- ]|\s+of\s+)(?P<enm>{EN_MONTHS}))(?-u:\b)|(?:(?P<m>{N})月|(?P<rel>下个月|下個月|下月|来月|來月|这个月|這個月|本月|今月))(?:中旬|上旬|下旬|末|底|初|頭|初め)|中旬|上旬|下旬|(?P<mm>{N})月(?:中|いっぱい|内|之内|以内|まで|までに|に|は|で|の間|前|之前)?|今月中|今月末|今月いっぱい|来月中|来月末|来月頭|来月初め|来月初旬|来月上旬|来月|本月底|本月内|这个月底|這個月底|月底|月末|月中|下个月底|下個月底|下月底|下个月初|下個月初|下月初|下个月|下個月|下月")
                ,
            Kind::MonthPeriod,
        ),
        rule(
            r"(?i)(?-u:\b)(?:(?:the )?end of (?:the |this )?year|year[- ]end|eoy|before the new year|by the new year)(?-u:\b)|年内|年末|今年中|今年内|今年之内|年底|年度末".into(),
            Kind::YearEnd,
        ),
        rule(
            r"(?i)(?-u:\b)(?:(?:the )?end of (?:the |this )?quarter|this quarter|eoq|end of q(?P<q>[1-4]))(?-u:\b)|本季度末?|这个季度|今期中|四半期末".into(),
            Kind::QuarterEnd,
        ),
        rule(
            format!(r"(?i)(?-u:\b)(?:(?:in|within)\s+(?:the\s+next\s+)?(?:about\s+|around\s+|approximately\s+)?(?P<en>{EN_AMOUNT})\s*(?P<unit>{DURATION_UNITS})(?-u:\b)|(?P<en2>{EN_AMOUNT})\s*(?P<unit2>{DURATION_UNITS})\s+(?P<dir>from (?:right )?now|from today|hence|later|ago|before|after))|(?P<cn>{N})\s*(?P<cunit>日後|日以内|日内|日前|天内|天內|天之内|天之內|天以内|天以內|天后|天後|天前|週間以内|週間後|週間前|週間|周内|周之内|周后|周前|個星期內|个星期内|个月内|個月內|か月以内|ヶ月以内|か月後|ヶ月後|个月后|個月後|時間以内|時間後|時間内|个小时内|個小時內|小时内|小時內|个小时后|個小時後|小时后|小時後)"),
            Kind::InDays,
        ),
        rule(
            format!(r"(?i)(?-u:\b)(?:(?:in|within)\s+)?(?P<en>{EN_NUMBER})\s+(?:business|working|work)\s+days?(?-u:\b)|(?P<cn>{N})\s*(?:営業日|個?工作日|个工作日|[個个]?工作天)"),
            Kind::BusinessDays,
        ),
        rule(
            format!(r"(?i)(?-u:\b)(?P<month>{EN_MONTHS})\.?\s+(?:the\s+)?(?P<day>\d{{1,2}}|{EN_ORDINAL})(?:st|nd|rd|th)?(?:\s*(?:-|–|to|~)\s*(?P<to>\d{{1,2}})(?:st|nd|rd|th)?)?(?:,?\s+(?P<year>\d{{4}}))?(?-u:\b)"),
            Kind::EnMonthDay,
        ),
        rule(
            format!(r"(?i)(?-u:\b)(?:the\s+)?(?P<day>\d{{1,2}}|{EN_ORDINAL})(?:st|nd|rd|th)?(?:\s*(?:-|–|to|~)\s*(?P<to>\d{{1,2}})(?:st|nd|rd|th)?)?(?:\s+(?:of\s+)?|[-/]|)(?P<month>{EN_MONTHS})(?-u:\b)\.?(?:(?:,?\s+|[-/])(?P<year>\d{{4}})|[-/](?P<year2>\d{{2}}))?(?-u:\b)"),
            Kind::EnDayMonth,
        ),
        rule(
            r"(?P<pre>[^\s\d]?)(?:(?P<y1>\d{4})[-/.](?P<m1>\d{1,2})[-/.](?P<d1>\d{1,2})|(?P<m2>\d{1,2})/(?P<d2>\d{1,2})(?:/(?P<y2>\d{4}|\d{2}))?)(?P<post>[^\s]?)".into(),
            Kind::NumericDate,
        ),
        rule(
            format!(r"(?:(?:(?P<era>令和|平成|昭和|大正|R|H)(?P<ey>{N}|元)年)|(?P<y>\d{{4}}|[〇零一二三四五六七八九]{{4}})年)?(?P<m>{N})月(?P<d>{N})[日号號](?:\s*(?:~|-|から|到|至)\s*(?:(?P<m2>{N})月)?(?P<d2>{N})[日号號]?)?(?:\s*\((?:周|星期|週|礼拜|禮拜)?(?P<wd>[月火水木金土日一二三四五六天])(?:曜日?)?\))?"),
            Kind::CjkDate,
        ),
        rule(format!(r"(?i)(?-u:\b)(?:the|on the|on)\s+(?P<en>\d{{1,2}})(?P<suffix>st|nd|rd|th)?(?-u:\b)(?P<slash>[/.:-]\d)?|(?P<cn>{N})[日号號](?:\s*\((?:周|星期|週)?[月火水木金土日一二三四五六天](?:曜日?)?\))?(?P<post>まで|までに|に|は|で|中|前|之前|以前)"), Kind::DayOfMonth),
        rule(r"(?i)(?-u:\b)(?P<h>\d{1,2})(?::(?P<min>\d{2}))?(?:\s*(?P<ap>a\.?m\.?|p\.?m\.?|a\.?\s?m|p\.?\s?m)|(?P<ap1>[ap])(?-u:\b)|\s*o'?clock(?:\s*(?P<ap2>a\.?m\.?|p\.?m\.?))?)".into(), Kind::EnClock),
        rule(
            // "before 9 tomorrow", "on Thursday at 10.": an hour after a preposition, where
            // the next word says it is a time (the end of a clause, or a day word).
            r"(?i)(?-u:\b)(?:by|before|at|until|till)\s+(?P<h>\d{1,2})(?::(?P<min>[0-5]\d))?(?P<post>\s+(?:tomorrow|today|tonight|this|on|next|at the latest|latest|sharp)(?-u:\b)|\s*[,;!?)\n]|\.(?:\s|\z)|\s*\z)".into(),
            Kind::EnClock,
        ),
        rule(
            format!(r"(?P<ap>午前|午後|上午|下午|中午|晚上|今晚上|今晚|今夜|夜|早上|傍晚|今朝|朝|夕方)?(?P<h>{N})[時时点點](?:(?P<half>半)|(?P<min>{N})分?)?(?P<hours>間|间|鐘|钟)?"),
            Kind::CjkClock,
        ),
        rule(r"(?P<pre>[^\s\d]?)(?-u:\b)(?P<h>[01]?\d|2[0-3])(?::(?P<min>[0-5]\d)|h(?P<hmin>[0-5]\d)?)(?-u:\b)".into(), Kind::Clock24),
        rule(
            r"(?i)(?-u:\b)(?P<which>this|next|last|previous|past|coming|upcoming|following|current)\s+(?P<unit>week|month|year|yr|quarter|qtr)(?-u:\b)".into(),
            Kind::EnRelativePeriod,
        ),
        rule(format!(r"(?i)(?P<lead>\d+(?:st|nd|rd|th)?\s+)?(?-u:\b)(?P<month>{EN_MONTHS})\.?,?\s+(?P<year>\d{{4}})(?-u:\b)|(?-u:\b)(?P<y>\d{{4}})[-/](?P<m>\d{{1,2}})(?-u:\b)(?P<more>[-/]\d)?"), Kind::MonthYear),
        rule(r"(?i)(?-u:\b)(?:in|by|during|until|before)\s+(?P<year>\d{4})(?-u:\b)|(?P<cy>\d{4})年(?:中|内|末|まで|までに|に|は|で|底|前)?".into(), Kind::YearOnly),
        rule(
            format!(r"(?i)(?-u:\b)(?:the\s+)?(?P<day>\d{{1,2}}|{EN_ORDINAL})(?:st|nd|rd|th)?(?:\s+day)?\s+of\s+(?:the\s+)?(?P<which>next|this|current|previous|last|coming)\s+month(?-u:\b)"),
            Kind::DayOfRelativeMonth,
        ),
        rule(r"(?P<w>今年|本年|今年度|明年|来年|來年|下年|翌年|去年|昨年|上年|前年)(?:中|内|內|之内|底|末|まで|までに|に)?".into(), Kind::CjkYearWord),
        rule(
            format!(r"(?P<w>上个月|上個月|上月|先月|前月|这个月|這個月|本月|今月|今個月|下个月|下個月|下月|来月|來月|翌月)(?:(?P<d>{N})[日号號])?"),
            Kind::CjkMonthWord,
        ),
        rule(
            {
                // English names on word boundaries; CJK names anywhere (CJK has no spaces).
                let names: Vec<String> = HOLIDAYS
                    .iter()
                    .map(|(n, _, _)| if n.is_ascii() { format!(r"(?-u:\b){}(?-u:\b)", regex::escape(n)) } else { regex::escape(n) })
                    .collect();
                format!(r"(?i)(?P<ahead>(?-u:\b)before\s+)?(?P<name>{})(?P<before>前|之前|以前|前に)?", names.join("|"))
            },
            Kind::FixedHoliday,
        ),
        rule(
            {
                let names: Vec<String> = movable::NAMES
                    .iter()
                    .map(|(n, _)| if n.is_ascii() { format!(r"(?-u:\b){}(?-u:\b)", regex::escape(n)) } else { regex::escape(n) })
                    .collect();
                format!(r"(?i)(?P<ahead>(?-u:\b)before\s+)?(?:(?P<which>next|this|last)\s+)?(?P<name>{})(?:\s+(?:of\s+)?(?P<year>\d{{4}})(?-u:\b)|\s+of\s+(?P<rel>next|last|this)\s+year)?(?P<before>前|之前|以前|前に)?", names.join("|"))
            },
            Kind::MovableHoliday,
        ),
        rule(
            format!(r"(?i)(?-u:\b)(?:the\s+)?(?P<nth>first|second|third|fourth|fifth|last|1st|2nd|3rd|4th|5th)\s+(?P<wd>{EN_WEEKDAYS})\s+(?:of|in)\s+(?:(?:the\s+)?(?P<rel>this|the|next|last)\s+month|(?P<month>{EN_MONTHS}))(?:,?\s+(?P<year>\d{{4}}))?(?-u:\b)"),
            Kind::NthWeekdayOfMonth,
        ),
        rule(
            r"(?i)(?-u:\b)(?:the\s+)?(?P<nth>first|second|third|fourth|1st|2nd|3rd|4th)\s+(?:quarter|qtr)(?:\s+(?:of\s+)?(?P<year>\d{4}))?(?-u:\b)|(?-u:\b)q(?P<q>[1-4])(?:\s*(?P<qy>\d{4}))?(?-u:\b)|(?-u:\b)(?P<y>\d{4})\s*q(?P<q2>[1-4])(?-u:\b)|(?-u:\b)(?P<sy>\d{2})q(?P<q3>[1-4])(?-u:\b)".into(),
            Kind::Quarter,
        ),
        rule(
            // "may" alone is a verb far more often than a month: only after a preposition.
            r"(?i)(?P<lead>\d+(?:st|nd|rd|th)?\s+(?:of\s+)?)?(?-u:\b)(?:(?P<pre>in|during|by|until|before|next|this|throughout|early|late)\s+)?(?P<month>january|february|march|april|june|july|august|september|october|november|december|sept)(?P<after>\s+after\s+next)?(?-u:\b)(?P<tail>,?\s*\d)?|(?-u:\b)(?:in|during|by|until|before|next|this)\s+(?P<may>may)(?-u:\b)".into(),
            Kind::EnMonth,
        ),
        rule(
            r"(?i)(?-u:\b)(?:eod|cob|eob|end of (?:the )?(?:business )?day|close of business|end of business|noon|midday|mid day|midnight|lunch ?time|by lunch|(?:this |tomorrow )?morning|this afternoon|afternoon)(?-u:\b)|正午|お昼|昼まで|午前中|夕方|終業|定時|下班前|下班之前|下班|中午之前|中午前|中午|上午|下午".into(),
            Kind::PartOfDay,
        ),
    ]
});

fn weekday_from_en(text: &str) -> Option<Weekday> {
    let t = text.to_ascii_lowercase();
    Some(match &t[..2.min(t.len())] {
        "mo" => Weekday::Monday,
        "tu" => Weekday::Tuesday,
        "we" => Weekday::Wednesday,
        "th" => Weekday::Thursday,
        "fr" => Weekday::Friday,
        "sa" => Weekday::Saturday,
        "su" => Weekday::Sunday,
        _ => return None,
    })
}

fn weekday_from_cjk(c: &str) -> Option<Weekday> {
    Some(match c {
        "月" | "一" | "1" => Weekday::Monday,
        "火" | "二" | "2" => Weekday::Tuesday,
        "水" | "三" | "3" => Weekday::Wednesday,
        "木" | "四" | "4" => Weekday::Thursday,
        "金" | "五" | "5" => Weekday::Friday,
        "土" | "六" | "6" => Weekday::Saturday,
        "日" | "天" | "7" => Weekday::Sunday,
        _ => return None,
    })
}

fn month_from_en(text: &str) -> Option<i8> {
    let t = text.to_ascii_lowercase();
    let months = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    months
        .iter()
        .position(|m| t.starts_with(m))
        .map(|i| i as i8 + 1)
}

fn num(caps: &Captures, name: &str) -> Option<u32> {
    let text = caps.name(name)?.as_str();
    parse_number(text).or_else(|| {
        let lower = text.to_ascii_lowercase();
        ORDINALS
            .iter()
            .position(|o| *o == lower)
            .map(|i| i as u32 + 1)
    })
}

fn small(n: u32) -> Option<i8> {
    i8::try_from(n).ok()
}

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

fn clock(hour: u32, minute: u32) -> Option<Time> {
    Time::new(i8::try_from(hour).ok()?, i8::try_from(minute).ok()?, 0, 0).ok()
}

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

/// Resolves one match; `None` when the text only looked like a time expression.
fn resolve(
    kind: Kind,
    caps: &Captures,
    now: DateTime,
    calendar: &BusinessCalendar,
) -> Option<Moment> {
    let today = now.date();
    let text = caps.get(0)?.as_str();
    let lower = text.to_ascii_lowercase();
    let day = |date: Date| Some(Moment::Day { date, time: None });
    match kind {
        Kind::EnWeekday => {
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
        Kind::JaWeekday | Kind::ZhWeekday => {
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
        Kind::RelativeDay => {
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
        Kind::WeekPeriod => {
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
        Kind::MonthPeriod => {
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
            if !within && (text.contains("中旬") || text.contains("月中") || lower.contains("mid"))
            {
                return day(Date::new(year, month, 20).ok()?);
            }
            day(last_day_of_month(year, month))
        }
        Kind::YearEnd => {
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
        Kind::QuarterEnd => match num(caps, "q") {
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
        Kind::InDays => {
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
        Kind::BusinessDays => {
            let n = num(caps, "en").or_else(|| num(caps, "cn"))?;
            day(calendar.nth_business_day_after(today, n.min(366)))
        }
        Kind::EnMonthDay | Kind::EnDayMonth => {
            let month = u32::try_from(month_from_en(caps.name("month")?.as_str())?).ok()?;
            let last = num(caps, "to").or_else(|| num(caps, "day"))?;
            let year = num(caps, "year").or_else(|| num(caps, "year2"));
            day(dated(today, year, month, last)?)
        }
        Kind::NumericDate => {
            // Not part of an order number, a fraction in a word, or a version ("#12/3-A").
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
                _ => dated(today, num(caps, "y2"), num(caps, "m2")?, num(caps, "d2")?)?,
            };
            day(date)
        }
        Kind::CjkDate => {
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
        Kind::DayOfMonth => {
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
        Kind::EnClock => {
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
        Kind::CjkClock => {
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
                    "午後" | "下午" | "晚上" | "今晚上" | "今晚" | "今夜" | "夜" | "傍晚" | "夕方"
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
        Kind::Clock24 => {
            let pre = caps.name("pre").map_or("", |m| m.as_str());
            if pre.chars().any(|c| c.is_ascii_digit() || c == ':') {
                return None;
            }
            let minute = num(caps, "min").or_else(|| num(caps, "hmin")).unwrap_or(0);
            Some(Moment::TimeOfDay(Some(clock(num(caps, "h")?, minute)?)))
        }
        Kind::EnRelativePeriod => {
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
        Kind::MonthYear => {
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
        Kind::YearOnly => {
            let year = num(caps, "year").or_else(|| num(caps, "cy"))?;
            day(Date::new(i16::try_from(year).ok()?, 12, 31).ok()?)
        }
        Kind::DayOfRelativeMonth => {
            let which = caps.name("which")?.as_str().to_ascii_lowercase();
            let step = match which.as_str() {
                "next" | "coming" => 1,
                "previous" | "last" => -1,
                _ => 0,
            };
            let (year, month) = month_after(today, step);
            day(Date::new(year, month, small(num(caps, "day")?)?).ok()?)
        }
        Kind::CjkYearWord => {
            let w = caps.name("w")?.as_str();
            let step: i16 = match w {
                "明年" | "来年" | "來年" | "下年" | "翌年" => 1,
                "去年" | "昨年" | "上年" | "前年" => -1,
                _ => 0,
            };
            day(Date::new(today.year() + step, 12, 31).ok()?)
        }
        Kind::CjkMonthWord => {
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
        Kind::FixedHoliday => {
            let name = caps.name("name")?.as_str().to_lowercase();
            let &(_, month, d) = HOLIDAYS.iter().find(|(n, _, _)| *n == name)?;
            let holiday = next_occurrence(today, month, d)?;
            if caps.name("before").is_some() || caps.name("ahead").is_some() {
                // "before National Day": the last business day before the holiday starts.
                return day(calendar.business_day_on_or_before(add_days(holiday, -1)));
            }
            day(holiday)
        }
        Kind::MovableHoliday => {
            let name = caps.name("name")?.as_str().to_lowercase();
            let (_, rule) = movable::NAMES.iter().find(|(n, _)| *n == name)?;
            let year = match caps.name("rel").map(|m| m.as_str().to_ascii_lowercase()) {
                Some(rel) if rel == "next" => Some(today.year() + 1),
                Some(rel) if rel == "last" => Some(today.year() - 1),
                Some(_) => Some(today.year()),
                None => num(caps, "year").and_then(|y| i16::try_from(y).ok()),
            };
            let mut holiday = movable::resolve(rule, today, year)?;
            if year.is_none()
                && caps
                    .name("which")
                    .is_some_and(|w| w.as_str().eq_ignore_ascii_case("last"))
            {
                holiday = movable::date_in(rule, today.year())
                    .filter(|d| *d < today)
                    .or_else(|| movable::date_in(rule, today.year() - 1))?;
            }
            if caps.name("before").is_some() || caps.name("ahead").is_some() {
                // "before Chinese New Year": the last business day before the break.
                return day(calendar.business_day_on_or_before(add_days(holiday, -1)));
            }
            day(holiday)
        }
        Kind::NthWeekdayOfMonth => {
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
        Kind::Quarter => {
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
        Kind::EnMonth => {
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
        Kind::PartOfDay => {
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
            if text == "下午" || lower.contains("afternoon") {
                return Some(Moment::TimeOfDay(None));
            }
            Some(Moment::TimeOfDay(time))
        }
    }
}

/// How little a match says about a deadline: 0 a deadline phrase ("next Friday", 月末);
/// 1 a bare day (a weekday, "today"); 2 a bare month, year or clock time; 3 never a
/// deadline ("now", "yesterday"). Weak matches count only beside a cue ("by", まで, 前).
fn weakness(kind: Kind, caps: &Captures) -> u8 {
    let text = caps.get(0).map_or("", |m| m.as_str());
    let lower = text.to_ascii_lowercase();
    let word = caps.name("w").map_or("", |w| w.as_str());
    match kind {
        Kind::EnWeekday | Kind::JaWeekday | Kind::ZhWeekday => {
            u8::from(caps.name("which").is_none() && caps.name("after").is_none())
        }
        Kind::RelativeDay => {
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
        Kind::MonthPeriod if text.ends_with('月') => 2,
        Kind::EnClock | Kind::CjkClock | Kind::Clock24 => 2,
        Kind::EnMonth => 2,
        // "the Q1 campaign" names a period; "Q1 2027" or "the first quarter" is a time.
        Kind::Quarter if lower.starts_with('q') && caps.name("qy").is_none() => 3,
        Kind::Quarter => 2,
        Kind::PartOfDay
            if ["morning", "afternoon"].iter().any(|w| lower.contains(w))
                || ["上午", "下午", "夕方", "中午"].contains(&text) =>
        {
            2
        }
        Kind::CjkYearWord if text == word => 2,
        Kind::CjkMonthWord if caps.name("d").is_none() && text == word => 2,
        Kind::YearOnly if caps.name("cy").is_some() && text.ends_with('年') => 2,
        _ => 0,
    }
}

/// A clock time written without its half of the day ("by 3:30", 3時まで, 3点前): 1 to 8
/// o'clock may still mean the afternoon or evening; "by 9:30" at 10am is the next
/// morning, not 21:30.
fn half_day_unknown(kind: Kind, caps: &Captures) -> bool {
    let hour = num(caps, "h").unwrap_or(0);
    let unmarked = match kind {
        Kind::Clock24 => true,
        Kind::CjkClock => caps.name("ap").is_none(),
        Kind::EnClock => caps
            .name("ap")
            .or(caps.name("ap1"))
            .or(caps.name("ap2"))
            .is_none(),
        _ => false,
    };
    unmarked && (1..=8).contains(&hour)
}

/// Every time expression in `text` (normalised), resolved against `now`.
pub fn find_all(text: &str, now: DateTime, calendar: &BusinessCalendar) -> Vec<Found> {
    let mut found = Vec::new();
    // One pass tells which rules match at all; only those run again for positions.
    for index in RULE_SET.matches(text).iter() {
        let (regex, kind) = &RULES[index];
        for caps in regex.captures_iter(text) {
            let Some(whole) = caps.get(0) else { continue };
            // The regex crate has no look-behind: a digit right before a numeric date or
            // clock means the match is the tail of a longer number.
            let before = text[..whole.start()].chars().next_back();
            if matches!(kind, Kind::NumericDate | Kind::Clock24 | Kind::EnClock)
                && before.is_some_and(|c| c.is_ascii_digit())
            {
                continue;
            }
            // "%e7%b7%8a" in a link is not 8 am.
            if matches!(kind, Kind::EnClock)
                && before.is_some_and(|c| matches!(c, '%' | '/' | '=' | '&'))
            {
                continue;
            }
            if let Some(moment) = resolve(*kind, &caps, now, calendar) {
                let mut range = whole.range();
                // Boundary characters checked around dates are not part of the phrase.
                for (name, at_start) in [("pre", true), ("post", false)] {
                    if let Some(m) = caps.name(name) {
                        if at_start {
                            range.start = m.end();
                        } else {
                            range.end = m.start();
                        }
                    }
                }
                let weekday = matches!(kind, Kind::EnWeekday | Kind::JaWeekday | Kind::ZhWeekday);
                let weakness = weakness(*kind, &caps);
                found.push(Found {
                    range,
                    moment,
                    weekday,
                    weakness,
                    half_day_unknown: half_day_unknown(*kind, &caps),
                });
            }
        }
    }
    found
}
