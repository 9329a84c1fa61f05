//! Business calendars: which one applies to a client by default.

use crate::TimeZoneName;

/// The calendars Rapport knows: Japanese, mainland Chinese, or weekends only.
pub const CALENDAR_IDS: &[&str] = &["jp", "cn", "none"];

/// The calendar a client in `zone` works on unless told otherwise.
pub fn default_calendar_for(zone: &TimeZoneName) -> &'static str {
    match zone.as_str() {
        "Asia/Tokyo" => "jp",
        "Asia/Shanghai" | "Asia/Chongqing" | "Asia/Harbin" => "cn",
        _ => "none",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendars_follow_the_zone() {
        for (zone, calendar) in [
            ("Asia/Tokyo", "jp"),
            ("Asia/Shanghai", "cn"),
            ("Asia/Harbin", "cn"),
            ("Asia/Hong_Kong", "none"),
            ("Europe/London", "none"),
        ] {
            assert_eq!(
                default_calendar_for(&TimeZoneName::parse(zone).unwrap()),
                calendar,
                "{zone}"
            );
        }
    }
}
