//! Holidays whose date moves from year to year (`lexicons/movable_holidays.tsv`): US days
//! fixed by weekday of the month, Easter and the days around it, and the Chinese
//! festivals of the lunar calendar.

use super::calc::add_days;
use jiff::civil::{Date, Weekday};
use rapport_domain::{lunar_to_date, solar_term_date};
use std::sync::LazyLock;

/// (lower-cased name, rule), longest names first so an alternation prefers them.
pub static NAMES: LazyLock<Vec<(String, &'static str)>> = LazyLock::new(|| {
    let mut names = Vec::new();
    for line in include_str!("../../lexicons/movable_holidays.tsv")
        .lines()
        .filter(|l| !l.starts_with('#'))
    {
        if let Some((rule, list)) = line.split_once('\t') {
            let rule: &'static str = rule;
            names.extend(list.split('|').map(|n| (n.to_lowercase(), rule)));
        }
    }
    names.sort_by_key(|(n, _)| std::cmp::Reverse(n.len()));
    names
});

/// The `n`-th `weekday` of a month (1-based); `n = -1` is the last one.
pub fn nth_weekday_of_month(year: i16, month: i8, weekday: Weekday, n: i8) -> Option<Date> {
    let first = Date::new(year, month, 1).ok()?;
    if n < 0 {
        let last = first.last_of_month();
        let back =
            (last.weekday().to_monday_zero_offset() + 7 - weekday.to_monday_zero_offset()) % 7;
        return Some(add_days(last, -i64::from(back)));
    }
    let ahead = (weekday.to_monday_zero_offset() + 7 - first.weekday().to_monday_zero_offset()) % 7;
    let date = add_days(first, i64::from(ahead) + 7 * i64::from(n - 1));
    (date.month() == month).then_some(date)
}

/// Easter Sunday in the Gregorian calendar (the anonymous computus).
pub fn easter(year: i16) -> Option<Date> {
    let y = i32::from(year);
    let (a, b, c) = (y % 19, y / 100, y % 100);
    let (d, e) = (b / 4, b % 4);
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let (i, k) = (c / 4, c % 4);
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    Date::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()
}

/// The date of a movable holiday `rule` in `year`.
pub fn date_in(rule: &str, year: i16) -> Option<Date> {
    use Weekday::*;
    let lunar = |month, day| {
        (1900..=2100)
            .contains(&year)
            .then(|| lunar_to_date(year, month, day))
    };
    match rule {
        "thanksgiving" => nth_weekday_of_month(year, 11, Thursday, 4),
        "black_friday" => nth_weekday_of_month(year, 11, Thursday, 4).map(|d| add_days(d, 1)),
        "cyber_monday" => nth_weekday_of_month(year, 11, Thursday, 4).map(|d| add_days(d, 4)),
        "mlk_day" => nth_weekday_of_month(year, 1, Monday, 3),
        "presidents_day" => nth_weekday_of_month(year, 2, Monday, 3),
        "memorial_day" => nth_weekday_of_month(year, 5, Monday, -1),
        "labor_day" => nth_weekday_of_month(year, 9, Monday, 1),
        "columbus_day" => nth_weekday_of_month(year, 10, Monday, 2),
        "mothers_day" => nth_weekday_of_month(year, 5, Sunday, 2),
        "fathers_day" => nth_weekday_of_month(year, 6, Sunday, 3),
        "easter" => easter(year),
        "good_friday" => easter(year).map(|d| add_days(d, -2)),
        "easter_monday" => easter(year).map(|d| add_days(d, 1)),
        "lunar_new_year" => lunar(1, 1),
        "lunar_new_years_eve" => lunar(1, 1).map(|d| add_days(d, -1)),
        "dragon_boat" => lunar(5, 5),
        "mid_autumn" => lunar(8, 15),
        "qingming" => (1900..=2100)
            .contains(&year)
            .then(|| solar_term_date(year, 15.0)),
        _ => None,
    }
}

/// The holiday's next date on or after `today`, or its date in `year` when one is given.
pub fn resolve(rule: &str, today: Date, year: Option<i16>) -> Option<Date> {
    if let Some(year) = year {
        return date_in(rule, year);
    }
    let this_year = date_in(rule, today.year())?;
    if this_year >= today {
        Some(this_year)
    } else {
        date_in(rule, today.year() + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn us_days_easter_and_lunar_festivals() {
        assert_eq!(date_in("thanksgiving", 2026), Some(date(2026, 11, 26)));
        assert_eq!(date_in("black_friday", 2013), Some(date(2013, 11, 29)));
        assert_eq!(date_in("memorial_day", 2026), Some(date(2026, 5, 25)));
        assert_eq!(date_in("mlk_day", 2014), Some(date(2014, 1, 20)));
        assert_eq!(date_in("easter", 2013), Some(date(2013, 3, 31)));
        assert_eq!(date_in("easter", 2027), Some(date(2027, 3, 28)));
        assert_eq!(date_in("good_friday", 2026), Some(date(2026, 4, 3)));
        assert_eq!(date_in("lunar_new_year", 2027), Some(date(2027, 2, 6)));
        assert_eq!(date_in("lunar_new_years_eve", 2027), Some(date(2027, 2, 5)));
        assert_eq!(date_in("mid_autumn", 2026), Some(date(2026, 9, 25)));
        assert_eq!(nth_weekday_of_month(2026, 2, Weekday::Friday, 5), None);
        assert_eq!(
            resolve("thanksgiving", date(2026, 12, 1), None),
            Some(date(2027, 11, 25))
        );
    }
}
