//! Time expressions: find them, resolve them to the latest moment they allow, and join a
//! time of day to the date beside it ("Friday by 3pm", 明日の15時, 明天下午3点).
//!
//! The rules (the product's reading of a deadline):
//! - a date without a time means the end of that business day (the calendar's day end);
//! - "by Friday" / 金曜日まで / 周五前 is the coming Friday, today when today is Friday;
//!   "next Friday" / 来週の金曜日 / 下周五 is Friday of next calendar week (weeks start
//!   on Monday); "this week" / 今週中 / 本周内 is this week's last business day;
//! - "end of month" / 月末 / 月底 is the month's last calendar day; "in N days" /
//!   N日後 / N天内 is the sent date plus N calendar days; "within N business days" /
//!   N営業日以内 / N个工作日内 is the N-th business day after the sent day;
//! - ranges keep their end; a date without a year is its next occurrence.

mod calc;
pub(crate) mod movable;
mod numbers;
mod rules;

use jiff::Span;
use jiff::civil::{Date, DateTime, Time};
use rapport_domain::BusinessCalendar;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// What a time expression resolves to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Moment {
    /// A day, with a time of day when the text states one.
    Day { date: Date, time: Option<Time> },
    /// A time of day without a date ("by 3pm", EOD, 下班前); `None` is end of day.
    TimeOfDay(Option<Time>),
}

/// A time expression at a byte range of the normalised text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub range: Range<usize>,
    pub moment: Moment,
    /// A weekday name: beside an explicit date it only confirms it ("Tue, Dec 3").
    pub weekday: bool,
    /// How little the phrase says about a deadline, 0 to 3 (see `rules::weakness`).
    pub weakness: u8,
    /// A clock time written without its half of the day (no am/pm, 午前/午後, 下午):
    /// "by 3:30" at 10:00 means 15:30.
    pub half_day_open: bool,
}

/// A resolved deadline candidate: a date, maybe a time, and where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    pub range: Range<usize>,
    pub date: Date,
    pub time: Option<Time>,
    /// 0 a deadline phrase, 1 a bare day, 2 a bare month or clock time, 3 never a
    /// deadline ("now").
    pub weakness: u8,
    /// Its clock time was written without its half of the day ("2:00", 11点半): `time`
    /// is the resolver's reading, the other half-day is as likely.
    pub half_day_open: bool,
}

/// Text allowed between a date and a time of day that belong together.
static JOINER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[\s,、の的]*(?:at|by|on|before|until|between|from|@)?[\s,、の的]*$")
        .expect("joiner")
});

/// How a client writes a numeric date such as `04/12`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DateOrder {
    /// 4 December: English written outside North America (a client in London, Sydney,
    /// Mumbai).
    DayFirst,
    /// April 12: American English, and Japanese and Chinese (12/3 is 3 December).
    #[default]
    MonthFirst,
}

impl DateOrder {
    /// The order a client in `zone` writing `language` uses.
    pub fn for_client(zone: &jiff::tz::TimeZone, language: crate::Lang) -> Self {
        let name = zone.iana_name().unwrap_or("");
        let north_america = ["America/", "US/", "Canada/", "Pacific/Honolulu"]
            .iter()
            .any(|prefix| name.starts_with(prefix));
        let day_first_region = ["Europe/", "Australia/", "Africa/", "Pacific/Auckland"]
            .iter()
            .any(|prefix| name.starts_with(prefix))
            || [
                "Asia/Kolkata",
                "Asia/Calcutta",
                "Asia/Singapore",
                "Asia/Hong_Kong",
                "Asia/Dubai",
                "Asia/Karachi",
                "Asia/Kuala_Lumpur",
            ]
            .contains(&name);
        if language == crate::Lang::En && day_first_region && !north_america {
            DateOrder::DayFirst
        } else {
            DateOrder::MonthFirst
        }
    }
}

/// Every time expression in `text`, resolved against the moment it was sent; numeric
/// dates month first.
pub fn resolve_all(text: &str, now: DateTime, calendar: &BusinessCalendar) -> Vec<Resolved> {
    resolve_all_in(text, now, calendar, DateOrder::MonthFirst)
}

/// Every time expression in `text`, resolved against the moment it was sent, numeric
/// dates read in the client's `order`.
pub fn resolve_all_in(
    text: &str,
    now: DateTime,
    calendar: &BusinessCalendar,
    order: DateOrder,
) -> Vec<Resolved> {
    let today = now.date();
    let mut found = rules::find_all(text, now, calendar, order);
    // Longest first, then leftmost: "来週の金曜日" beats "金曜日" and "来週".
    found.sort_by_key(|f| (std::cmp::Reverse(f.range.len()), f.range.start));
    let mut kept: Vec<Found> = Vec::new();
    for f in found {
        if kept
            .iter()
            .all(|k| f.range.end <= k.range.start || k.range.end <= f.range.start)
        {
            kept.push(f);
        }
    }
    kept.sort_by_key(|f| f.range.start);
    // A weekday next to an explicit date only confirms it ("Sat, Sep 21"); the date
    // takes its span, so a time before the pair still joins ("1:30 PM on Sat, Sep 21").
    let gap_joins = |a: &Found, b: &Found| JOINER.is_match(&text[a.range.end..b.range.start]);
    let explicit = |f: &Found| matches!(f.moment, Moment::Day { .. }) && !f.weekday;
    let confirmed: Vec<Option<usize>> = (0..kept.len())
        .map(|i| {
            if !kept[i].weekday {
                return None;
            }
            if i > 0 && explicit(&kept[i - 1]) && gap_joins(&kept[i - 1], &kept[i]) {
                Some(i - 1)
            } else if i + 1 < kept.len()
                && explicit(&kept[i + 1])
                && gap_joins(&kept[i], &kept[i + 1])
            {
                Some(i + 1)
            } else {
                None
            }
        })
        .collect();
    for (i, date) in confirmed.iter().enumerate() {
        if let Some(j) = *date {
            let weekday = kept[i].range.clone();
            let range = &mut kept[j].range;
            *range = range.start.min(weekday.start)..range.end.max(weekday.end);
        }
    }
    let mut index = 0;
    kept.retain(|_| {
        index += 1;
        confirmed[index - 1].is_none()
    });

    let mut resolved: Vec<Resolved> = Vec::new();
    let mut used = vec![false; kept.len()];
    for i in 0..kept.len() {
        let Moment::TimeOfDay(time) = kept[i].moment else {
            continue;
        };
        let joins = |j: usize| {
            let (a, b) = if j < i {
                (&kept[j], &kept[i])
            } else {
                (&kept[i], &kept[j])
            };
            matches!(kept[j].moment, Moment::Day { time: None, .. })
                && !used[j]
                && JOINER.is_match(&text[a.range.end..b.range.start])
        };
        let partner = [i.checked_sub(1), Some(i + 1)]
            .into_iter()
            .flatten()
            .find(|&j| j < kept.len() && joins(j));
        if let Some(j) = partner
            && let Moment::Day { date, .. } = kept[j].moment
        {
            used[i] = true;
            used[j] = true;
            // "今天5点前" at 10am: today's five o'clock still to come is the afternoon's.
            let time = match time {
                Some(t) if date == today && kept[i].half_day_open => Some(later_half(t, now)),
                other => other,
            };
            let range = kept[i].range.start.min(kept[j].range.start)
                ..kept[i].range.end.max(kept[j].range.end);
            let weakness = kept[i].weakness.min(kept[j].weakness);
            resolved.push(Resolved {
                range,
                date,
                time,
                weakness,
                half_day_open: kept[i].half_day_open,
            });
        }
    }
    for (i, f) in kept.iter().enumerate() {
        if used[i] {
            continue;
        }
        let (date, time) = match f.moment {
            Moment::Day { date, time } => (date, time),
            // A clock time already past today means the next one ("by 9am" at 4pm), or
            // the afternoon when the text left the half of the day open ("by 3" at 10am).
            Moment::TimeOfDay(Some(time)) if time < now.time() => {
                let later = if f.half_day_open {
                    later_half(time, now)
                } else {
                    time
                };
                if later > now.time() {
                    (today, Some(later))
                } else {
                    (today.tomorrow().unwrap_or(today), Some(time))
                }
            }
            Moment::TimeOfDay(time) => (today, time),
        };
        resolved.push(Resolved {
            range: f.range.clone(),
            date,
            time,
            weakness: f.weakness,
            half_day_open: f.half_day_open,
        });
    }
    resolved.sort_by_key(|r| r.range.start);
    resolved
}

/// A clock time of one to eight o'clock with its half of the day left open, already past
/// at `now`, read as the afternoon's when that is still to come ("by 3" at 10am; "by
/// 9:30" at 10am stays the morning's, the next day's).
fn later_half(time: Time, now: DateTime) -> Time {
    match time.checked_add(Span::new().hours(12)) {
        Ok(pm) if time < now.time() && (1..=8).contains(&time.hour()) && pm > now.time() => pm,
        _ => time,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    /// Resolves the only expression in `phrase`, sent on `today` in Japan's calendar.
    fn one(phrase: &str, today: Date) -> (Date, Option<String>) {
        let norm: String = phrase.chars().map(crate::text::normalize_char).collect();
        let all = resolve_all(&norm, today.at(9, 0, 0, 0), &BusinessCalendar::japan());
        assert!(!all.is_empty(), "nothing found in {phrase:?}");
        let r = &all[0];
        (r.date, r.time.map(|t| t.strftime("%H:%M").to_string()))
    }

    #[test]
    fn the_product_rules_in_three_languages() {
        let tuesday = date(2026, 11, 24);
        let friday = date(2026, 11, 27);
        let cases: &[(&str, Date, Date, Option<&str>)] = &[
            ("by Friday", tuesday, friday, None),
            ("金曜日までに", tuesday, friday, None),
            ("周五前", tuesday, friday, None),
            ("by Friday", friday, friday, None),
            ("next Friday", tuesday, date(2026, 12, 4), None),
            ("来週の金曜日まで", tuesday, date(2026, 12, 4), None),
            ("下周五", tuesday, date(2026, 12, 4), None),
            ("this week", tuesday, friday, None),
            ("今週中", tuesday, friday, None),
            ("本周内", tuesday, friday, None),
            ("end of the month", tuesday, date(2026, 11, 30), None),
            ("月末まで", tuesday, date(2026, 11, 30), None),
            ("月底前", tuesday, date(2026, 11, 30), None),
            ("in 3 days", tuesday, date(2026, 11, 27), None),
            ("3日後", tuesday, date(2026, 11, 27), None),
            ("3天内", tuesday, date(2026, 11, 27), None),
            ("within 3 business days", friday, date(2026, 12, 2), None),
            ("3営業日以内", date(2026, 11, 20), date(2026, 11, 26), None),
            ("3个工作日内", tuesday, friday, None),
            ("Dec 3-5", tuesday, date(2026, 12, 5), None),
            ("12月3日～5日", tuesday, date(2026, 12, 5), None),
            ("EOD", tuesday, tuesday, None),
            ("本日中に", tuesday, tuesday, None),
            ("下班前", tuesday, tuesday, None),
            ("收工前", tuesday, tuesday, None),
            ("明早", tuesday, date(2026, 11, 25), None),
            ("今日下晝五點前", tuesday, tuesday, Some("17:00")),
            ("by noon", tuesday, tuesday, Some("12:00")),
            ("午前中に", tuesday, tuesday, Some("12:00")),
            ("中午之前", tuesday, tuesday, Some("12:00")),
            ("年内に", tuesday, date(2026, 12, 31), None),
            ("来月頭", tuesday, date(2026, 12, 1), None),
            ("下个月初", date(2026, 12, 10), date(2027, 1, 4), None),
            ("this quarter", tuesday, date(2026, 12, 31), None),
        ];
        for &(phrase, today, expected, time) in cases {
            assert_eq!(
                one(phrase, today),
                (expected, time.map(str::to_owned)),
                "{phrase} sent {today}"
            );
        }
    }

    #[test]
    fn absolute_dates_in_every_common_form() {
        let today = date(2026, 11, 24);
        for phrase in [
            "2026/12/3",
            "12月3日(木)",
            "十二月三号",
            "12/3",
            "Dec 3rd",
            "3 Dec",
            "１２月３日",
            "令和8年12月3日",
            "December 3, 2026",
            "2026-12-03",
            "2026年12月3日",
            "12 月 3 日（週四）",
            "2026 年 12 月 3 日",
        ] {
            assert_eq!(one(phrase, today).0, date(2026, 12, 3), "{phrase}");
        }
        assert_eq!(
            one("1/15", today).0,
            date(2027, 1, 15),
            "a past day-of-year means next year"
        );
    }

    #[test]
    fn times_join_their_dates() {
        let today = date(2026, 11, 24);
        assert_eq!(
            one("Friday by 3pm", today),
            (date(2026, 11, 27), Some("15:00".into()))
        );
        assert_eq!(
            one("明日の15時まで", today),
            (date(2026, 11, 25), Some("15:00".into()))
        );
        assert_eq!(
            one("明天下午3点前", today),
            (date(2026, 11, 25), Some("15:00".into()))
        );
        assert_eq!(one("EOD Friday", today), (date(2026, 11, 27), None));
        assert_eq!(
            one("tomorrow morning", today),
            (date(2026, 11, 25), Some("12:00".into()))
        );
        assert_eq!(
            one("12月3日(木)17:30", today),
            (date(2026, 12, 3), Some("17:30".into()))
        );
    }

    #[test]
    fn holidays_on_fixed_dates() {
        let today = date(2026, 12, 1);
        assert_eq!(one("クリスマスまでに", today).0, date(2026, 12, 25));
        assert_eq!(one("before Christmas", today).0, date(2026, 12, 24));
        assert_eq!(one("国庆节前", date(2026, 9, 1)).0, date(2026, 9, 30));
        assert_eq!(one("元旦", today).0, date(2027, 1, 1));
    }

    #[test]
    fn durations_clock_halves_and_movable_days() {
        let tuesday = date(2026, 11, 24);
        let at = |phrase: &str, hour: i8| {
            let norm: String = phrase.chars().map(crate::text::normalize_char).collect();
            let found = resolve_all(&norm, tuesday.at(hour, 0, 0, 0), &BusinessCalendar::china());
            let r = found
                .first()
                .unwrap_or_else(|| panic!("nothing in {phrase}"));
            (r.date, r.time.map(|t| t.strftime("%H:%M").to_string()))
        };
        let cases: &[(&str, i8, Date, Option<&str>)] = &[
            ("within 24 hours", 10, date(2026, 11, 25), Some("10:00")),
            ("in half an hour", 23, date(2026, 11, 24), Some("23:30")),
            ("in 2.5 hours", 22, date(2026, 11, 25), Some("00:30")),
            ("3時間以内に", 10, tuesday, Some("13:00")),
            ("2个小时内", 23, date(2026, 11, 25), Some("01:00")),
            ("by 3:30", 10, tuesday, Some("15:30")),
            ("by 9:30", 10, date(2026, 11, 25), Some("09:30")),
            ("3時まで", 10, tuesday, Some("15:00")),
            ("by 3pm", 16, date(2026, 11, 25), Some("15:00")),
            ("at 7p", 10, tuesday, Some("19:00")),
            ("15h30", 10, tuesday, Some("15:30")),
            (
                "1:30 PM on Sat, Dec 5",
                10,
                date(2026, 12, 5),
                Some("13:30"),
            ),
            ("Thanksgiving", 10, date(2026, 11, 26), None),
            ("before Thanksgiving", 10, date(2026, 11, 25), None),
            ("春节前", 10, date(2027, 2, 4), None),
            ("中秋节之前", 10, date(2027, 9, 14), None),
            ("the first Monday of December", 10, date(2026, 12, 7), None),
            ("last Friday of the month", 10, date(2026, 11, 27), None),
            ("Q1 2027", 10, date(2027, 3, 31), None),
            ("the third quarter", 10, date(2027, 9, 30), None),
            ("in March", 10, date(2027, 3, 31), None),
            ("31-Oct-26", 10, date(2026, 10, 31), None),
            ("we need them by the 27th.", 10, date(2026, 11, 27), None),
            ("on Thursday at 10.", 9, date(2026, 11, 26), Some("10:00")),
            ("before 9 tomorrow", 16, date(2026, 11, 25), Some("09:00")),
            ("before 2 at the latest", 10, tuesday, Some("14:00")),
            ("明日の朝9時から", 16, date(2026, 11, 25), Some("09:00")),
            ("8点之前必须恢复", 14, tuesday, Some("20:00")),
            ("１２月２０日までに", 10, date(2026, 12, 20), None),
            ("３０日（月）までに", 10, date(2026, 11, 30), None),
        ];
        for &(phrase, hour, expected, time) in cases {
            assert_eq!(
                at(phrase, hour),
                (expected, time.map(str::to_owned)),
                "{phrase} at {hour}:00"
            );
        }
        let calendar = BusinessCalendar::weekends_only();
        let nothing = |text: &str| resolve_all(text, tuesday.at(9, 0, 0, 0), &calendar).is_empty();
        assert!(
            nothing("February 29, 2026"),
            "an impossible date is not its month"
        );
        assert!(nothing("we may need it"), "may alone is a verb");
        assert!(nothing("https://example.com/%e7%b7%8a"));
        assert!(
            nothing("約1時間かかります"),
            "1時間 is a duration, not one o'clock"
        );
        assert!(
            nothing("our office at 10 Downing Street"),
            "a number after at is not always an hour"
        );
    }

    #[test]
    fn numbers_that_are_not_dates() {
        let calendar = BusinessCalendar::weekends_only();
        for text in [
            "order #12/3-A",
            "version 2.3",
            "$1,200",
            "call 03-1234-5678",
            "3 pieces",
            "v1.2/3",
        ] {
            assert!(
                resolve_all(text, date(2026, 11, 24).at(9, 0, 0, 0), &calendar).is_empty(),
                "{text}"
            );
        }
    }
}
