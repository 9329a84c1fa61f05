//! Date arithmetic for deadlines: weeks start on Monday, business days come from the
//! client's calendar, and every function returns the latest day a phrase allows.

use jiff::civil::{Date, Weekday};
use jiff::{Span, ToSpan};
use rapport_domain::BusinessCalendar;

pub fn add_days(date: Date, days: i64) -> Date {
    date.checked_add(Span::new().days(days)).unwrap_or(date)
}

pub fn monday_of(date: Date) -> Date {
    add_days(date, -(i64::from(date.weekday().to_monday_zero_offset())))
}

/// "by Friday": the coming Friday, today when today is Friday.
pub fn coming(today: Date, weekday: Weekday) -> Date {
    let ahead = (i64::from(weekday.to_monday_zero_offset())
        - i64::from(today.weekday().to_monday_zero_offset()))
    .rem_euclid(7);
    add_days(today, ahead)
}

/// "this Friday" (weeks_ahead 0), "next Friday" (1): that weekday of a calendar week.
pub fn weekday_of_week(today: Date, weekday: Weekday, weeks_ahead: i64) -> Date {
    add_days(
        monday_of(today),
        weeks_ahead * 7 + i64::from(weekday.to_monday_zero_offset()),
    )
}

pub fn last_day_of_month(year: i16, month: i8) -> Date {
    Date::new(year, month, 1)
        .map(|d| d.last_of_month())
        .unwrap_or(Date::MIN)
}

/// The month `offset` months after the one holding `date`, as (year, month).
pub fn month_after(date: Date, offset: i64) -> (i16, i8) {
    let first = Date::new(date.year(), date.month(), 1).unwrap_or(date);
    let shifted = first.checked_add(offset.months()).unwrap_or(first);
    (shifted.year(), shifted.month())
}

/// The date with this month and day nearest ahead of `today`: this year, else next, but
/// a date of the last 90 days stays in the past ("we paid on Oct 30", sent Nov 5).
pub fn next_occurrence(today: Date, month: i8, day: i8) -> Option<Date> {
    let this_year = Date::new(today.year(), month, day).ok()?;
    if this_year >= today || add_days(this_year, 90) >= today {
        Some(this_year)
    } else {
        Date::new(today.year() + 1, month, day).ok()
    }
}

/// A day of the month without a month ("by the 15th"): this month, else next month.
pub fn next_day_of_month(today: Date, day: i8) -> Option<Date> {
    if let Ok(date) = Date::new(today.year(), today.month(), day)
        && date >= today
    {
        return Some(date);
    }
    let (year, month) = month_after(today, 1);
    Date::new(year, month, day).ok()
}

pub fn first_business_day_of_month(calendar: &BusinessCalendar, year: i16, month: i8) -> Date {
    let first = Date::new(year, month, 1).unwrap_or(Date::MIN);
    if calendar.is_business_day(first) {
        first
    } else {
        calendar.next_business_day(first)
    }
}

pub fn quarter_end(date: Date) -> Date {
    let last_month = ((date.month() - 1) / 3 + 1) * 3;
    last_day_of_month(date.year(), last_month)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn weekdays_resolve_by_the_product_rules() {
        let tuesday = date(2026, 11, 24);
        let friday = date(2026, 11, 27);
        assert_eq!(coming(tuesday, Weekday::Friday), friday);
        assert_eq!(
            coming(friday, Weekday::Friday),
            friday,
            "today when today is Friday"
        );
        assert_eq!(
            weekday_of_week(tuesday, Weekday::Friday, 1),
            date(2026, 12, 4)
        );
        assert_eq!(
            weekday_of_week(friday, Weekday::Monday, 1),
            date(2026, 11, 30)
        );
        let sunday = date(2026, 11, 29);
        assert_eq!(
            weekday_of_week(sunday, Weekday::Friday, 1),
            date(2026, 12, 4),
            "weeks start on Monday"
        );
        assert_eq!(coming(sunday, Weekday::Friday), date(2026, 12, 4));
    }

    #[test]
    fn months_years_and_quarters() {
        assert_eq!(last_day_of_month(2027, 2), date(2027, 2, 28));
        assert_eq!(month_after(date(2026, 12, 15), 1), (2027, 1));
        assert_eq!(
            next_occurrence(date(2026, 12, 20), 1, 5),
            Some(date(2027, 1, 5))
        );
        assert_eq!(
            next_occurrence(date(2026, 11, 24), 12, 3),
            Some(date(2026, 12, 3))
        );
        assert_eq!(
            next_day_of_month(date(2026, 11, 24), 15),
            Some(date(2026, 12, 15))
        );
        assert_eq!(quarter_end(date(2026, 11, 24)), date(2026, 12, 31));
        let jp = BusinessCalendar::japan();
        assert_eq!(first_business_day_of_month(&jp, 2027, 1), date(2027, 1, 4));
    }
}
