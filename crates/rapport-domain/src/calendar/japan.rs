//! Japan's national holidays, computed from the Public Holidays Act (国民の祝日に関する法律).
//!
//! Fixed days, Happy Monday days, the equinoxes (by the formula the National Astronomical
//! Observatory's announcements follow for 1980-2099), the one-off days of 2019-2021, then
//! the two derived rules: a holiday on a Sunday moves to the next non-holiday (振替休日),
//! and a day between two holidays is itself a holiday (国民の休日).

use jiff::civil::{Date, Weekday, date};

pub const FIRST_YEAR: i16 = 2000;
pub const LAST_YEAR: i16 = 2035;

/// The n-th Monday of a month.
fn nth_monday(year: i16, month: i8, n: i8) -> Date {
    date(year, month, 1)
        .nth_weekday_of_month(n, Weekday::Monday)
        .unwrap_or(date(year, month, 1))
}

fn equinox_day(year: i16, base: f64) -> i8 {
    let y = f64::from(year - 1980);
    (base + 0.242194 * y - (y / 4.0).floor()).floor() as i8
}

/// The holidays the law names directly for `year`.
fn named_holidays(year: i16) -> Vec<(Date, &'static str)> {
    let mut days = vec![
        (date(year, 1, 1), "元日"),
        (nth_monday(year, 1, 2), "成人の日"),
        (date(year, 2, 11), "建国記念の日"),
        (date(year, 3, equinox_day(year, 20.8431)), "春分の日"),
        (date(year, 5, 3), "憲法記念日"),
        (date(year, 5, 5), "こどもの日"),
        (date(year, 9, equinox_day(year, 23.2488)), "秋分の日"),
        (date(year, 11, 3), "文化の日"),
        (date(year, 11, 23), "勤労感謝の日"),
    ];
    days.push(if year >= 2007 {
        (date(year, 4, 29), "昭和の日")
    } else {
        (date(year, 4, 29), "みどりの日")
    });
    if year >= 2007 {
        days.push((date(year, 5, 4), "みどりの日"));
    }
    match year {
        ..=2018 => days.push((date(year, 12, 23), "天皇誕生日")),
        2019 => {}
        _ => days.push((date(year, 2, 23), "天皇誕生日")),
    }
    days.push(match year {
        ..=2002 => (date(year, 7, 20), "海の日"),
        2020 => (date(2020, 7, 23), "海の日"),
        2021 => (date(2021, 7, 22), "海の日"),
        _ => (nth_monday(year, 7, 3), "海の日"),
    });
    match year {
        ..=2015 => {}
        2020 => days.push((date(2020, 8, 10), "山の日")),
        2021 => days.push((date(2021, 8, 8), "山の日")),
        _ => days.push((date(year, 8, 11), "山の日")),
    }
    days.push(if year <= 2002 {
        (date(year, 9, 15), "敬老の日")
    } else {
        (nth_monday(year, 9, 3), "敬老の日")
    });
    days.push(match year {
        ..=2019 => (nth_monday(year, 10, 2), "体育の日"),
        2020 => (date(2020, 7, 24), "スポーツの日"),
        2021 => (date(2021, 7, 23), "スポーツの日"),
        _ => (nth_monday(year, 10, 2), "スポーツの日"),
    });
    if year == 2019 {
        days.push((date(2019, 5, 1), "天皇の即位の日"));
        days.push((date(2019, 10, 22), "即位礼正殿の儀の行われる日"));
    }
    days
}

/// Every holiday of `year`, sorted, derived rules applied.
pub fn holidays(year: i16) -> Vec<(Date, &'static str)> {
    let mut days = named_holidays(year);
    days.sort();
    let is_named = |d: Date, days: &[(Date, &str)]| days.iter().any(|(h, _)| *h == d);
    let mut extra = Vec::new();
    // 振替休日: a holiday on a Sunday makes the next day that is not a holiday one.
    for (day, _) in &days {
        if day.weekday() == Weekday::Sunday {
            let mut next = day.tomorrow().unwrap_or(*day);
            while is_named(next, &days) {
                next = next.tomorrow().unwrap_or(next);
            }
            extra.push((next, "振替休日"));
        }
    }
    // 国民の休日: a weekday squeezed between two holidays.
    for window in days.windows(2) {
        let (a, b) = (window[0].0, window[1].0);
        if let Ok(middle) = a.tomorrow()
            && b.yesterday().ok() == Some(middle)
            && middle.weekday() != Weekday::Sunday
            && !is_named(middle, &days)
        {
            extra.push((middle, "国民の休日"));
        }
    }
    days.extend(extra);
    days.sort();
    days.dedup_by_key(|(d, _)| *d);
    days
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(year: i16) -> Vec<String> {
        holidays(year)
            .iter()
            .map(|(d, _)| d.strftime("%m-%d").to_string())
            .collect()
    }

    #[test]
    fn the_2026_holidays_match_the_cabinet_office_list() {
        assert_eq!(
            dates(2026),
            [
                "01-01", "01-12", "02-11", "02-23", "03-20", "04-29", "05-03", "05-04", "05-05",
                "05-06", "07-20", "08-11", "09-21", "09-22", "09-23", "10-12", "11-03", "11-23"
            ]
        );
    }

    #[test]
    fn golden_week_2019_and_the_olympic_years() {
        let y2019 = dates(2019);
        for day in [
            "04-29", "04-30", "05-01", "05-02", "05-03", "05-04", "05-05", "05-06", "10-22",
        ] {
            assert!(y2019.contains(&day.to_owned()), "2019-{day}");
        }
        assert!(!y2019.contains(&"12-23".to_owned()) && !y2019.contains(&"02-23".to_owned()));
        let y2020 = dates(2020);
        for day in ["07-23", "07-24", "08-10", "02-24"] {
            assert!(y2020.contains(&day.to_owned()), "2020-{day}");
        }
        assert!(
            dates(2021).contains(&"08-09".to_owned()),
            "山の日 on a Sunday moves to Monday"
        );
    }

    #[test]
    fn equinoxes_across_the_range() {
        for (year, spring, autumn) in [
            (2000, 20, 23),
            (2012, 20, 22),
            (2025, 20, 23),
            (2030, 20, 23),
            (2035, 21, 24),
        ] {
            let all = dates(year);
            assert!(all.contains(&format!("03-{spring}")), "{year} spring");
            assert!(all.contains(&format!("09-{autumn}")), "{year} autumn");
        }
    }

    #[test]
    fn substitute_days_before_2007_and_after() {
        // 2006-01-01 was a Sunday: Monday Jan 2 was a substitute holiday.
        assert!(dates(2006).contains(&"01-02".to_owned()));
        // 2008-05-06: May 4 (Sunday) moved past May 5 to Tuesday May 6.
        assert!(dates(2008).contains(&"05-06".to_owned()));
        // 2015-09-22: between 敬老の日 (21) and 秋分の日 (23).
        assert!(dates(2015).contains(&"09-22".to_owned()));
        // 2027: 春分の日 on Sunday the 21st, substitute on the 22nd.
        assert!(dates(2027).contains(&"03-22".to_owned()));
    }
}
