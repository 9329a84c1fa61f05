//! An engagement's cadence: the contact we keep without being asked (先回り). A progress
//! report every N working days after the last one, a check-in after N days without any
//! contact, and a meeting every N weeks from the engagement's start; each comes up on
//! Today with its draft when it is due.

use crate::BusinessCalendar;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

/// How often an engagement's proactive contact happens; `None` where there is none.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Cadence {
    /// A progress report every this many working days.
    pub report_every_days: Option<u32>,
    /// A check-in after this many days without contact either way.
    pub check_in_after_days: Option<u32>,
    /// A meeting every this many weeks, on the weekday the engagement started.
    pub meeting_every_weeks: Option<u32>,
}

/// A cadence value out of range.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field} must be from 1 to {max}")]
pub struct CadenceError {
    pub field: &'static str,
    pub max: u32,
}

impl Cadence {
    /// The shorthands `weekly`, `biweekly` and `monthly`: a progress report every 5, 10
    /// or 20 working days.
    pub fn shorthand(text: &str) -> Option<Self> {
        let days = match text.trim().to_ascii_lowercase().as_str() {
            "weekly" => 5,
            "biweekly" => 10,
            "monthly" => 20,
            _ => return None,
        };
        Some(Self {
            report_every_days: Some(days),
            ..Self::default()
        })
    }

    /// Each interval from 1 to a year's worth.
    pub fn validate(self) -> Result<Self, CadenceError> {
        for (field, value, max) in [
            ("report_every_days", self.report_every_days, 260),
            ("check_in_after_days", self.check_in_after_days, 365),
            ("meeting_every_weeks", self.meeting_every_weeks, 52),
        ] {
            if value.is_some_and(|v| v == 0 || v > max) {
                return Err(CadenceError { field, max });
            }
        }
        Ok(self)
    }

    pub fn is_empty(self) -> bool {
        self == Self::default()
    }
}

/// When the next progress report is due: `every` working days after the day of the last
/// one (or of the engagement's start), when that day opens.
pub fn report_due(
    every: u32,
    last: Timestamp,
    calendar: &BusinessCalendar,
    zone: &TimeZone,
) -> Timestamp {
    let day = calendar.nth_business_day_after(last.to_zoned_datetime(zone.clone()).date(), every);
    opening(day, calendar, zone)
}

/// When a check-in is due: `after` days without contact either way.
pub fn check_in_due(after: u32, last_contact: Timestamp) -> Timestamp {
    last_contact + SignedDuration::from_hours(24 * i64::from(after))
}

/// How many days ahead a meeting comes up, so there is time to agree on a slot.
pub const MEETING_NOTICE_DAYS: i64 = 5;

/// The next meeting day of a cadence of `every` weeks from `start`, when it is within
/// `MEETING_NOTICE_DAYS` of `today` (today included); none otherwise.
pub fn meeting_due(every: u32, start: Date, today: Date) -> Option<Date> {
    let period = 7 * i64::from(every);
    let since = start.until(today).ok()?.get_days() as i64;
    if since < 0 {
        return None;
    }
    // The first meeting day on or after today (a cadence starts one period in).
    let periods = (since + period - 1) / period;
    let next = start
        .checked_add(jiff::Span::new().days(periods.max(1) * period))
        .ok()?;
    let ahead = today.until(next).ok()?.get_days() as i64;
    (ahead < MEETING_NOTICE_DAYS).then_some(next)
}

/// The meeting days of a cadence of `every` weeks from `start`, from `from` to `until`
/// (both included).
pub fn meeting_days(every: u32, start: Date, from: Date, until: Date) -> Vec<Date> {
    let period = jiff::Span::new().days(7 * i64::from(every.max(1)));
    let mut days = Vec::new();
    let mut day = start;
    while day <= until {
        if day > start && day >= from {
            days.push(day);
        }
        match day.checked_add(period) {
            Ok(next) => day = next,
            Err(_) => break,
        }
    }
    days
}

/// The moment `day` opens in `zone`: its working hours' start, or the next working
/// day's when it is closed.
pub fn opening(day: Date, calendar: &BusinessCalendar, zone: &TimeZone) -> Timestamp {
    let start = day
        .to_datetime(calendar.day_start)
        .to_zoned_datetime(zone.clone())
        .map(|z| z.timestamp())
        .unwrap_or(Timestamp::UNIX_EPOCH);
    crate::deliver_at(start, calendar, zone)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn shorthands_and_limits() {
        assert_eq!(
            Cadence::shorthand("Weekly").unwrap().report_every_days,
            Some(5)
        );
        assert!(Cadence::shorthand("daily").is_none());
        let zero = Cadence {
            meeting_every_weeks: Some(0),
            ..Cadence::default()
        };
        assert_eq!(zero.validate().unwrap_err().field, "meeting_every_weeks");
    }

    #[test]
    fn a_report_is_due_working_days_after_the_last_across_golden_week() {
        let tokyo = TimeZone::get("Asia/Tokyo").unwrap();
        let japan = BusinessCalendar::japan();
        // Last report Thursday 2027-04-29 (昭和の日, a holiday, sent anyway): five working
        // days on are 4-30, 5-6, 5-7, 5-10, 5-11; due when 5-11 opens.
        let last: Timestamp = "2027-04-29T03:00:00Z".parse().unwrap();
        assert_eq!(
            report_due(5, last, &japan, &tokyo),
            "2027-05-11T00:00:00Z".parse::<Timestamp>().unwrap()
        );
    }

    #[test]
    fn china_counts_its_working_sunday_for_reports() {
        let shanghai = TimeZone::get("Asia/Shanghai").unwrap();
        let china = BusinessCalendar::china();
        // Friday 2026-09-18: the next working day is Sunday 9-20 (调休).
        let last: Timestamp = "2026-09-18T02:00:00Z".parse().unwrap();
        assert_eq!(
            report_due(1, last, &china, &shanghai),
            "2026-09-20T01:00:00Z".parse::<Timestamp>().unwrap()
        );
    }

    #[test]
    fn a_meeting_comes_up_in_the_days_before_it() {
        // Every 2 weeks from Monday 2026-11-02: meetings 11-16, 11-30, 12-14.
        let start = date(2026, 11, 2);
        assert_eq!(meeting_due(2, start, date(2026, 11, 10)), None);
        assert_eq!(
            meeting_due(2, start, date(2026, 11, 12)),
            Some(date(2026, 11, 16))
        );
        assert_eq!(
            meeting_due(2, start, date(2026, 11, 16)),
            Some(date(2026, 11, 16))
        );
        assert_eq!(meeting_due(2, start, date(2026, 11, 17)), None);
        assert_eq!(
            meeting_due(2, start, date(2026, 11, 2)),
            None,
            "not at the start"
        );
    }

    #[test]
    fn meeting_days_run_every_period_from_the_start() {
        let start = date(2026, 11, 2);
        assert_eq!(
            meeting_days(2, start, date(2026, 11, 20), date(2026, 12, 31)),
            [date(2026, 11, 30), date(2026, 12, 14), date(2026, 12, 28)]
        );
    }

    #[test]
    fn a_check_in_follows_days_of_silence() {
        let last: Timestamp = "2026-12-01T01:00:00Z".parse().unwrap();
        assert_eq!(
            check_in_due(14, last),
            "2026-12-15T01:00:00Z".parse::<Timestamp>().unwrap()
        );
    }
}
