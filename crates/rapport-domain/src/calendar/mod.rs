//! Business calendars: weekends, working hours, public holidays and adjusted working days.
//!
//! The decoder resolves "within 3 business days" on them and the SLA clocks will run on
//! them. Japan's holidays are computed from the Public Holidays Act (2000-2035); mainland
//! China's come from the State Council's yearly arrangement, kept as one data file per
//! year in `cn/` so a new year's notice is a data change; later years get their statutory
//! days from the lunar calendar (`lunar.rs`), marked estimated, until their notice is
//! loaded. Any calendar takes extra closed days (a company's own year-end break).

mod china;
mod japan;
mod lunar;
mod settings;
mod working_time;

pub use lunar::{lunar_to_date, solar_term_date};
pub use settings::{CalendarSettings, ClosedDay, WorkingHours, WorkingHoursError};

use crate::{TimeZoneName, UnknownVariant, text_enum};
use jiff::civil::{Date, Time, Weekday};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

text_enum!(
    /// Which built-in business calendar a client works on.
    CalendarId, "calendar" {
        /// Japan's national holidays.
        Japan => "jp",
        /// Mainland China's holidays and adjusted working weekends.
        China => "cn",
        /// Monday to Friday, no holidays.
        WeekendsOnly => "none",
    }
);

impl CalendarId {
    /// The one choice of a calendar: the one `given` names, else the default of `zone`.
    /// Client creation, the decoder endpoints and the CLI all choose through here.
    pub fn choose(zone: &TimeZoneName, given: Option<&str>) -> Result<Self, UnknownVariant> {
        match given {
            Some(id) => id.trim().parse(),
            None => Ok(Self::default_for(zone)),
        }
    }

    /// The calendar a client in `zone` works on unless told otherwise.
    fn default_for(zone: &TimeZoneName) -> Self {
        match zone.as_str() {
            "Asia/Tokyo" => CalendarId::Japan,
            "Asia/Shanghai" | "Asia/Chongqing" | "Asia/Harbin" => CalendarId::China,
            _ => CalendarId::WeekendsOnly,
        }
    }

    /// The built-in calendar, computed once per process: decoding a stream of messages
    /// must not rebuild 36 years of holidays per message.
    pub fn calendar(self) -> &'static BusinessCalendar {
        static JAPAN: LazyLock<BusinessCalendar> = LazyLock::new(BusinessCalendar::japan);
        static CHINA: LazyLock<BusinessCalendar> = LazyLock::new(BusinessCalendar::china);
        static WEEKENDS: LazyLock<BusinessCalendar> =
            LazyLock::new(BusinessCalendar::weekends_only);
        match self {
            CalendarId::Japan => &JAPAN,
            CalendarId::China => &CHINA,
            CalendarId::WeekendsOnly => &WEEKENDS,
        }
    }
}

/// A day off that is not a weekend, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holiday {
    pub name: String,
    /// Computed ahead of the official notice (China after the last published year).
    pub estimated: bool,
}

/// Which days are working days, and the working hours on them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BusinessCalendar {
    pub id: CalendarId,
    /// Days off other than weekends.
    holidays: BTreeMap<Date, Holiday>,
    /// Weekend days that are working days (China's 调休).
    working_weekends: BTreeSet<Date>,
    pub day_start: Time,
    pub day_end: Time,
}

/// A calendar data file could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("calendar data, line {line}: {message}")]
pub struct CalendarDataError {
    pub line: usize,
    pub message: String,
}

impl BusinessCalendar {
    fn empty(id: CalendarId) -> Self {
        Self {
            id,
            holidays: BTreeMap::new(),
            working_weekends: BTreeSet::new(),
            day_start: Time::constant(9, 0, 0, 0),
            day_end: Time::constant(18, 0, 0, 0),
        }
    }

    /// Monday to Friday, no holidays.
    pub fn weekends_only() -> Self {
        Self::empty(CalendarId::WeekendsOnly)
    }

    /// Japan's national holidays 2000-2035, substitute and sandwiched days included.
    pub fn japan() -> Self {
        let mut calendar = Self::empty(CalendarId::Japan);
        for year in japan::FIRST_YEAR..=japan::LAST_YEAR {
            for (date, name) in japan::holidays(year) {
                calendar.holidays.insert(
                    date,
                    Holiday {
                        name: name.to_owned(),
                        estimated: false,
                    },
                );
            }
        }
        calendar
    }

    /// Mainland China: the State Council's arrangements from the data files, then the
    /// statutory days of later years, estimated, up to `china::LAST_ESTIMATED_YEAR`.
    pub fn china() -> Self {
        let mut calendar = Self::empty(CalendarId::China);
        for (_, text) in china::DATA_FILES {
            // The embedded files are checked by the tests; a broken one cannot ship.
            if let Err(error) = calendar.load_arrangement(text) {
                debug_assert!(false, "{error}");
            }
        }
        let published = calendar
            .holidays
            .keys()
            .next_back()
            .map_or(2019, |d| d.year());
        for year in published + 1..=china::LAST_ESTIMATED_YEAR {
            for (date, name) in china::statutory_holidays(year) {
                let estimated = Holiday {
                    name: name.to_owned(),
                    estimated: true,
                };
                calendar.holidays.insert(date, estimated);
            }
        }
        calendar
    }

    /// Adds days off and adjusted working days from an arrangement file: one entry per
    /// line, `YYYY-MM-DD off NAME` or `YYYY-MM-DD work NAME`; `#` starts a comment.
    /// A user extends a calendar this way when a new year's arrangement is published.
    pub fn load_arrangement(&mut self, text: &str) -> Result<(), CalendarDataError> {
        let mut replaced_years = BTreeSet::new();
        for (index, raw) in text.lines().enumerate() {
            let line = raw.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let error = |message: String| CalendarDataError {
                line: index + 1,
                message,
            };
            let mut parts = line.splitn(3, char::is_whitespace);
            let (date, kind, name) = (
                parts.next(),
                parts.next(),
                parts.next().unwrap_or("").trim(),
            );
            let date: Date = date.unwrap_or("").parse().map_err(|e| {
                error(format!(
                    "{raw:?} does not start with a date YYYY-MM-DD: {e}"
                ))
            })?;
            // A published notice replaces the estimate of its whole year.
            if replaced_years.insert(date.year()) {
                self.holidays
                    .retain(|day, holiday| !(holiday.estimated && day.year() == date.year()));
            }
            match kind {
                Some("off") => self.close(date, name),
                Some("work") => {
                    if !is_weekend(date) {
                        return Err(error(format!(
                            "{date} is not a weekend day, so it cannot be an adjusted working day"
                        )));
                    }
                    self.holidays.remove(&date);
                    self.working_weekends.insert(date);
                }
                _ => {
                    return Err(error(format!(
                        "{raw:?}: the second word must be off or work"
                    )));
                }
            }
        }
        Ok(())
    }

    /// Marks extra closed days, e.g. a company's year-end break.
    pub fn close(&mut self, date: Date, name: &str) {
        self.working_weekends.remove(&date);
        self.holidays.insert(
            date,
            Holiday {
                name: name.to_owned(),
                estimated: false,
            },
        );
    }

    pub fn holiday(&self, date: Date) -> Option<&Holiday> {
        self.holidays.get(&date)
    }

    pub fn is_business_day(&self, date: Date) -> bool {
        if self.working_weekends.contains(&date) {
            return true;
        }
        !is_weekend(date) && !self.holidays.contains_key(&date)
    }

    /// The first business day strictly after `date`.
    pub fn next_business_day(&self, date: Date) -> Date {
        self.nth_business_day_after(date, 1)
    }

    /// The n-th business day after `date` ("within 3 business days" of a Friday
    /// message is the following Wednesday). `n = 0` gives `date` itself.
    pub fn nth_business_day_after(&self, date: Date, n: u32) -> Date {
        let mut day = date;
        let mut left = n;
        // A calendar always has business days; the bound only guards against bad data.
        for _ in 0..(n as usize * 7 + 400) {
            if left == 0 {
                break;
            }
            day = day.tomorrow().unwrap_or(day);
            if self.is_business_day(day) {
                left -= 1;
            }
        }
        day
    }

    /// The last business day on or before `date`.
    pub fn business_day_on_or_before(&self, date: Date) -> Date {
        let mut day = date;
        for _ in 0..400 {
            if self.is_business_day(day) {
                return day;
            }
            day = day.yesterday().unwrap_or(day);
        }
        date
    }

    /// The last business day of the Monday-to-Sunday week holding `date`; when the
    /// whole week is off (China's Golden Week), the last business day before it.
    pub fn last_business_day_of_week(&self, date: Date) -> Date {
        let days_to_sunday = 7 - i64::from(date.weekday().to_monday_one_offset());
        let sunday = date
            .checked_add(jiff::Span::new().days(days_to_sunday))
            .unwrap_or(date);
        self.business_day_on_or_before(sunday)
    }
}

fn is_weekend(date: Date) -> bool {
    matches!(date.weekday(), Weekday::Saturday | Weekday::Sunday)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn calendars_follow_the_zone() {
        for (zone, calendar) in [
            ("Asia/Tokyo", "jp"),
            ("Asia/Shanghai", "cn"),
            ("Asia/Harbin", "cn"),
            ("Asia/Hong_Kong", "none"),
            ("Europe/London", "none"),
        ] {
            let zone = TimeZoneName::parse(zone).unwrap();
            let chosen = CalendarId::choose(&zone, None).unwrap();
            assert_eq!(chosen.as_str(), calendar, "{zone}");
            assert_eq!(chosen.calendar().id, chosen);
        }
        let london = TimeZoneName::parse("Europe/London").unwrap();
        assert_eq!(
            CalendarId::choose(&london, Some(" jp ")),
            Ok(CalendarId::Japan)
        );
        let error = CalendarId::choose(&london, Some("fr")).unwrap_err();
        assert_eq!(
            error.to_string(),
            "unknown calendar \"fr\"; expected one of: jp cn none"
        );
    }

    #[test]
    fn business_days_skip_weekends_and_holidays() {
        let jp = BusinessCalendar::japan();
        // Friday 2026-11-20 + 3 business days: Mon 23 is 勤労感謝の日 -> Tue, Wed, Thu.
        assert_eq!(
            jp.nth_business_day_after(date(2026, 11, 20), 3),
            date(2026, 11, 26)
        );
        let none = BusinessCalendar::weekends_only();
        assert_eq!(
            none.nth_business_day_after(date(2026, 11, 20), 3),
            date(2026, 11, 25)
        );
        assert_eq!(
            none.nth_business_day_after(date(2026, 11, 21), 0),
            date(2026, 11, 21)
        );
        // Year end: Japan's Jan 1 is a holiday, Dec 31 is an ordinary Thursday.
        assert_eq!(jp.next_business_day(date(2026, 12, 31)), date(2027, 1, 4));
        assert_eq!(
            jp.last_business_day_of_week(date(2026, 12, 28)),
            date(2026, 12, 31)
        );
    }

    #[test]
    fn the_last_business_day_of_a_week() {
        let jp = BusinessCalendar::japan();
        for day in 23..=29 {
            assert_eq!(
                jp.last_business_day_of_week(date(2026, 11, day)),
                date(2026, 11, 27),
                "11/{day}"
            );
        }
        let cn = BusinessCalendar::china();
        // 国庆 2026: Oct 1-7 off; the week of Sep 28 ends on Wed Sep 30.
        assert_eq!(
            cn.last_business_day_of_week(date(2026, 9, 28)),
            date(2026, 9, 30)
        );
        // The week of Oct 5 is all holiday except... Oct 10 (Sat) is a working day.
        assert_eq!(
            cn.last_business_day_of_week(date(2026, 10, 5)),
            date(2026, 10, 10)
        );
    }

    #[test]
    fn arrangements_extend_a_calendar_and_bad_lines_are_named() {
        let mut calendar = BusinessCalendar::weekends_only();
        calendar
            .load_arrangement("# company\n2026-12-29 off 年末休業\n2026-12-26 work 振替出勤\n")
            .unwrap();
        assert!(!calendar.is_business_day(date(2026, 12, 29)));
        assert!(calendar.is_business_day(date(2026, 12, 26)));
        let error = calendar
            .load_arrangement("2026-12-30 off ok\n2026-13-01 off bad\n")
            .unwrap_err();
        assert_eq!(error.line, 2);
        let error = calendar
            .load_arrangement("2026-12-30 work weekday\n")
            .unwrap_err();
        assert!(error.message.contains("not a weekend day"), "{error}");
        let error = calendar
            .load_arrangement("2026-12-30 holiday x\n")
            .unwrap_err();
        assert!(error.message.contains("off or work"), "{error}");
        calendar.close(date(2026, 12, 30), "大掃除");
        assert_eq!(calendar.holiday(date(2026, 12, 30)).unwrap().name, "大掃除");
    }
}
