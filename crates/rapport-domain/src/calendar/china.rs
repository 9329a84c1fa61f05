//! Mainland China's official holiday arrangements (国务院办公厅 放假安排), one data file per
//! year in `cn/` (2007-2026; each file names its notices), embedded at build time. Adjusted working days (调休) are weekend days
//! marked `work`. Years after the last published one get their statutory days computed
//! from the lunar calendar, marked estimated, until their notice is loaded.

use super::lunar::{lunar_to_date, solar_term_date};
use jiff::Span;
use jiff::civil::{Date, date};

/// A year's arrangement file: its path under `calendar/` and its text.
macro_rules! year_file {
    ($year:literal) => {
        (
            concat!("cn/", $year, ".txt"),
            include_str!(concat!("cn/", $year, ".txt")),
        )
    };
}

/// Every year's arrangement, as (file, text).
pub const DATA_FILES: &[(&str, &str)] = &[
    year_file!("2007"),
    year_file!("2008"),
    year_file!("2009"),
    year_file!("2010"),
    year_file!("2011"),
    year_file!("2012"),
    year_file!("2013"),
    year_file!("2014"),
    year_file!("2015"),
    year_file!("2016"),
    year_file!("2017"),
    year_file!("2018"),
    year_file!("2019"),
    year_file!("2020"),
    year_file!("2021"),
    year_file!("2022"),
    year_file!("2023"),
    year_file!("2024"),
    year_file!("2025"),
    year_file!("2026"),
];

/// Years after the data files whose statutory days are computed.
pub const LAST_ESTIMATED_YEAR: i16 = 2050;

/// The statutory days off of `year` under the national holidays regulation (全国年节及纪念日
/// 放假办法, as amended from 2025): New Year 1 day, Spring Festival 4 (eve to the third
/// day), Qingming 1, Labour Day 2, Dragon Boat 1, Mid-Autumn 1, National Day 3. The
/// bridging days and adjusted working weekends of each year's notice cannot be predicted.
pub fn statutory_holidays(year: i16) -> Vec<(Date, &'static str)> {
    let days_after = |day: Date, n: i32| day.checked_add(Span::new().days(n)).expect("in range");
    let spring = lunar_to_date(year, 1, 1);
    let mut days = vec![(date(year, 1, 1), "元旦")];
    days.extend((-1..=2).map(|n| (days_after(spring, n), "春节")));
    days.push((solar_term_date(year, 15.0), "清明节"));
    days.extend([(date(year, 5, 1), "劳动节"), (date(year, 5, 2), "劳动节")]);
    days.push((lunar_to_date(year, 5, 5), "端午节"));
    days.push((lunar_to_date(year, 8, 15), "中秋节"));
    days.extend((1..=3).map(|day| (date(year, 10, day), "国庆节")));
    days
}

#[cfg(test)]
mod tests {
    use super::super::BusinessCalendar;
    use jiff::civil::date;

    #[test]
    fn every_data_file_loads() {
        for (file, text) in super::DATA_FILES {
            if let Err(error) = BusinessCalendar::weekends_only().load_arrangement(text) {
                panic!("calendar/{file}: {error}");
            }
        }
    }

    #[test]
    fn spring_festival_and_national_day_with_adjusted_working_days() {
        let cn = BusinessCalendar::china();
        // 春节 2026: Feb 15-23 off, Sat Feb 14 and Sat Feb 28 are working days.
        for day in 15..=23 {
            assert!(!cn.is_business_day(date(2026, 2, day)), "2026-02-{day}");
        }
        assert!(cn.is_business_day(date(2026, 2, 14)) && cn.is_business_day(date(2026, 2, 28)));
        // A message on Friday Feb 13 asking for 3 working days: Sat 14, then Tue 24, Wed 25.
        assert_eq!(
            cn.nth_business_day_after(date(2026, 2, 13), 3),
            date(2026, 2, 25)
        );
        // 国庆 2025: Oct 1-8 off, Sun Sep 28 and Sat Oct 11 worked.
        assert!(!cn.is_business_day(date(2025, 10, 8)));
        assert!(cn.is_business_day(date(2025, 9, 28)) && cn.is_business_day(date(2025, 10, 11)));
        // 元旦 2026: Jan 1-3 off, Sunday Jan 4 worked.
        assert!(!cn.is_business_day(date(2026, 1, 2)) && cn.is_business_day(date(2026, 1, 4)));
        assert_eq!(cn.holiday(date(2026, 10, 1)).unwrap().name, "国庆节");
    }

    #[test]
    fn years_after_the_last_notice_are_estimated_from_the_lunar_calendar() {
        let cn = BusinessCalendar::china();
        // 2027: 春节 is Saturday Feb 6, so the eve (Fri Feb 5) to Mon Feb 8 are off.
        for day in [5, 8] {
            let holiday = cn.holiday(date(2027, 2, day)).unwrap();
            assert_eq!(holiday.name, "春节");
            assert!(holiday.estimated);
        }
        assert!(!cn.is_business_day(date(2027, 6, 9)), "端午 2027");
        assert!(!cn.is_business_day(date(2027, 9, 15)), "中秋 2027");
        assert!(!cn.is_business_day(date(2027, 4, 5)), "清明 2027");
        assert!(
            !cn.holiday(date(2026, 10, 1)).unwrap().estimated,
            "published"
        );
        // The 2033 leap eleventh month: 春节 2034 is Feb 19, not a month earlier.
        assert!(!cn.is_business_day(date(2034, 2, 20)));
        assert!(cn.holiday(date(2034, 1, 20)).is_none());
    }

    #[test]
    fn computed_statutory_days_are_off_in_every_published_notice() {
        let cn = BusinessCalendar::china();
        for year in 2020..=2026 {
            for (day, name) in super::statutory_holidays(year) {
                // 2020-2024 gave the Spring Festival from its first day, not the eve.
                if year < 2025 && name == "春节" && cn.holiday(day).is_none() {
                    continue;
                }
                let holiday = cn.holiday(day);
                assert!(
                    holiday.is_some(),
                    "{day} {name} is off in the {year} notice"
                );
                assert!(!holiday.unwrap().estimated);
            }
        }
    }

    #[test]
    fn the_lunar_festivals_are_days_off_in_every_notice_since_2008() {
        // 清明, 端午 and 中秋 became holidays in 2008; 春节's first day always was.
        let cn = BusinessCalendar::china();
        for year in 2008..=2026 {
            let festivals = [
                ("春节", super::lunar_to_date(year, 1, 1)),
                ("清明节", super::solar_term_date(year, 15.0)),
                ("端午节", super::lunar_to_date(year, 5, 5)),
                ("中秋节", super::lunar_to_date(year, 8, 15)),
            ];
            for (name, day) in festivals {
                assert!(
                    !cn.is_business_day(day),
                    "{name} {day} is off in the {year} notice"
                );
            }
        }
    }

    #[test]
    fn a_published_notice_replaces_the_estimate_for_its_year() {
        let mut cn = BusinessCalendar::china();
        assert!(cn.holiday(date(2027, 10, 3)).unwrap().estimated);
        cn.load_arrangement(
            "2027-10-01 off 国庆节\n2027-10-07 off 国庆节\n2027-09-26 work 调休上班\n",
        )
        .unwrap();
        assert!(!cn.holiday(date(2027, 10, 1)).unwrap().estimated);
        assert!(
            cn.holiday(date(2027, 10, 3)).is_none(),
            "estimates of 2027 are gone"
        );
        assert!(
            cn.holiday(date(2028, 10, 3)).unwrap().estimated,
            "other years stay"
        );
        assert!(cn.is_business_day(date(2027, 9, 26)));
    }
}
