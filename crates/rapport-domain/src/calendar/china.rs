//! Mainland China's official holiday arrangements (国务院办公厅 放假安排), one data file per
//! year in `cn/`, embedded at build time. Adjusted working days (调休) are weekend days
//! marked `work`.

pub const DATA_FILES: &[&str] = &[
    include_str!("cn/2020.txt"),
    include_str!("cn/2021.txt"),
    include_str!("cn/2022.txt"),
    include_str!("cn/2023.txt"),
    include_str!("cn/2024.txt"),
    include_str!("cn/2025.txt"),
    include_str!("cn/2026.txt"),
];

#[cfg(test)]
mod tests {
    use super::super::BusinessCalendar;
    use jiff::civil::date;

    #[test]
    fn every_data_file_loads() {
        for text in super::DATA_FILES {
            BusinessCalendar::weekends_only()
                .load_arrangement(text)
                .unwrap();
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
}
