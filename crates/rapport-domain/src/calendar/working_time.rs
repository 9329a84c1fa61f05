//! Working time: the one place SLA clocks, reminders and cadence count time with. Only
//! business days of the calendar count (China's adjusted working weekends included), and
//! on them only the working hours (`day_start` to `day_end`, in the client's zone: a
//! day that loses or gains an hour to daylight saving counts what the clock shows).

use super::BusinessCalendar;
use jiff::civil::{Date, Time};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, ZonedDateTime};

/// How many days a computation may walk before it gives up: a calendar always has
/// business days, so this only guards against bad data.
const MAX_DAYS: usize = 40_000;

impl BusinessCalendar {
    /// The length of one working day ("3d" in an SLA policy is three of these).
    pub fn working_day(&self) -> SignedDuration {
        self.day_end
            .duration_since(self.day_start)
            .max(SignedDuration::ZERO)
    }

    /// The working time between two moments; zero when `to` is not after `from`.
    pub fn business_time_between(
        &self,
        from: &ZonedDateTime,
        to: &ZonedDateTime,
    ) -> SignedDuration {
        if to.timestamp() <= from.timestamp() {
            return SignedDuration::ZERO;
        }
        let zone = from.time_zone().clone();
        let end_date = to.with_time_zone(zone.clone()).date();
        let mut total = SignedDuration::ZERO;
        let mut day = from.date();
        for _ in 0..MAX_DAYS {
            if day > end_date {
                break;
            }
            if let Some((open, close)) = self.hours_on(day, &zone) {
                let start = open.timestamp().max(from.timestamp());
                let end = close.timestamp().min(to.timestamp());
                if end > start {
                    total += end.duration_since(start);
                }
            }
            let Some(next) = day.tomorrow().ok() else {
                break;
            };
            day = next;
        }
        total
    }

    /// The moment `amount` of working time after `from`: counting starts at `from` when it
    /// falls in working hours, else at the next opening; an amount that ends exactly at
    /// closing time ends there, not at the next opening.
    pub fn add_business_time(&self, from: &ZonedDateTime, amount: SignedDuration) -> ZonedDateTime {
        let zone = from.time_zone().clone();
        let mut left = amount.max(SignedDuration::ZERO);
        let mut day = from.date();
        let cursor = from.timestamp();
        for _ in 0..MAX_DAYS {
            if let Some((open, close)) = self.hours_on(day, &zone) {
                let start = open.timestamp().max(cursor);
                if start < close.timestamp() {
                    let available = close.timestamp().duration_since(start);
                    if left <= available {
                        let end = start.checked_add(left).unwrap_or(close.timestamp());
                        return end.to_zoned_datetime(zone);
                    }
                    left -= available;
                }
            }
            let Some(next) = day.tomorrow().ok() else {
                break;
            };
            day = next;
        }
        from.clone()
    }

    /// Opening and closing on `date` in `zone`; none on a day off.
    fn hours_on(&self, date: Date, zone: &TimeZone) -> Option<(ZonedDateTime, ZonedDateTime)> {
        if !self.is_business_day(date) {
            return None;
        }
        let at = |time: Time| date.to_datetime(time).to_zoned_datetime(zone.clone()).ok();
        Some((at(self.day_start)?, at(self.day_end)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(local: &str, zone: &str) -> ZonedDateTime {
        local
            .parse::<jiff::civil::DateTime>()
            .unwrap()
            .to_zoned_datetime(TimeZone::get(zone).unwrap())
            .unwrap()
    }

    fn hours(h: i64) -> SignedDuration {
        SignedDuration::from_hours(h)
    }

    #[test]
    fn a_friday_afternoon_request_is_due_on_monday() {
        let plain = BusinessCalendar::weekends_only();
        let from = at("2026-12-04T17:00", "Europe/London");
        assert_eq!(
            plain.add_business_time(&from, hours(4)),
            at("2026-12-07T12:00", "Europe/London")
        );
        assert_eq!(
            plain.business_time_between(&from, &at("2026-12-07T12:00", "Europe/London")),
            hours(4)
        );
    }

    #[test]
    fn outside_hours_counting_starts_at_the_next_opening_and_closing_time_is_kept() {
        let plain = BusinessCalendar::weekends_only();
        // Saturday night: Monday 09:00 plus 2 hours.
        let saturday = at("2026-12-05T23:30", "America/New_York");
        assert_eq!(
            plain.add_business_time(&saturday, hours(2)),
            at("2026-12-07T11:00", "America/New_York")
        );
        // Exactly one working day from opening ends at that day's close.
        let opening = at("2026-12-07T09:00", "America/New_York");
        assert_eq!(
            plain.add_business_time(&opening, plain.working_day()),
            at("2026-12-07T18:00", "America/New_York")
        );
        assert_eq!(
            plain.business_time_between(&opening, &saturday),
            SignedDuration::ZERO
        );
    }

    #[test]
    fn japanese_holidays_and_chinese_working_weekends_count_as_their_calendars_say() {
        // Friday 2026-11-20 16:00 in Tokyo, 8 hours: 2 on Friday, Monday the 23rd is a
        // holiday, 6 on Tuesday.
        let japan = BusinessCalendar::japan();
        let from = at("2026-11-20T16:00", "Asia/Tokyo");
        assert_eq!(
            japan.add_business_time(&from, hours(8)),
            at("2026-11-24T15:00", "Asia/Tokyo")
        );
        // Golden Week 2026 in China: 1-7 October off, Saturday the 10th worked (调休).
        let china = BusinessCalendar::china();
        let from = at("2026-09-30T17:00", "Asia/Shanghai");
        assert_eq!(
            china.add_business_time(&from, hours(4)),
            at("2026-10-08T12:00", "Asia/Shanghai")
        );
        let friday = at("2026-10-09T17:00", "Asia/Shanghai");
        assert_eq!(
            china.add_business_time(&friday, hours(2)),
            at("2026-10-10T10:00", "Asia/Shanghai")
        );
    }

    #[test]
    fn a_week_across_the_end_of_summer_time_counts_its_working_hours() {
        // London leaves summer time on Sunday 2026-10-25; working hours are local.
        let plain = BusinessCalendar::weekends_only();
        let friday = at("2026-10-23T09:00", "Europe/London");
        let monday = at("2026-10-26T18:00", "Europe/London");
        assert_eq!(plain.business_time_between(&friday, &monday), hours(18));
    }
}
