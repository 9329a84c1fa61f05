//! The Chinese lunisolar calendar, computed from the sky: new moons and the sun's
//! longitude (Meeus, *Astronomical Algorithms*, chapters 25 and 49), read in China
//! Standard Time (UTC+8), with the calendar's rules on top: a month starts on the day of
//! a new moon, the month holding the winter solstice is the eleventh, and in a year of
//! thirteen months the first month without a principal solar term is the leap month.
//!
//! Accurate to a few minutes, which places a new moon on the right day except when it
//! falls within minutes of midnight; the holidays computed from it are marked estimated.

use jiff::civil::Date;

/// Julian day of the Unix epoch, 1970-01-01 00:00 UTC.
const UNIX_EPOCH_JD: f64 = 2_440_587.5;
/// Terrestrial time runs ahead of UTC by about 70 s in these decades.
const DELTA_T_DAYS: f64 = 70.0 / 86_400.0;
/// China Standard Time, UTC+8.
const CST_DAYS: f64 = 8.0 / 24.0;

fn sin_deg(degrees: f64) -> f64 {
    degrees.to_radians().sin()
}

/// The civil date in China of a moment given as a Julian Ephemeris Day.
fn china_date(jde: f64) -> Date {
    let days = (jde - DELTA_T_DAYS + CST_DAYS - UNIX_EPOCH_JD).floor() as i32;
    Date::constant(1970, 1, 1)
        .checked_add(jiff::Span::new().days(days))
        .expect("a date within jiff's range")
}

/// The moment of new moon number `k` counted from the one of 2000-01-06 (Meeus 49.1 and
/// the main periodic terms of table 49.A).
fn new_moon(k: f64) -> f64 {
    let t = k / 1236.85;
    let jde = 2_451_550.097_66 + 29.530_588_861 * k + 0.000_154_37 * t * t
        - 0.000_000_150 * t * t * t
        + 0.000_000_000_73 * t * t * t * t;
    let e = 1.0 - 0.002_516 * t - 0.000_007_4 * t * t;
    let m = 2.5534 + 29.105_356_70 * k - 0.000_001_4 * t * t - 0.000_000_11 * t * t * t;
    let mp = 201.5643 + 385.816_935_28 * k + 0.010_758_2 * t * t + 0.000_012_38 * t * t * t
        - 0.000_000_058 * t * t * t * t;
    let f = 160.7108 + 390.670_502_84 * k - 0.001_611_8 * t * t - 0.000_002_27 * t * t * t
        + 0.000_000_011 * t * t * t * t;
    let omega = 124.7746 - 1.563_755_88 * k + 0.002_067_2 * t * t + 0.000_002_15 * t * t * t;
    let correction = -0.40720 * sin_deg(mp)
        + 0.17241 * e * sin_deg(m)
        + 0.01608 * sin_deg(2.0 * mp)
        + 0.01039 * sin_deg(2.0 * f)
        + 0.00739 * e * sin_deg(mp - m)
        - 0.00514 * e * sin_deg(mp + m)
        + 0.00208 * e * e * sin_deg(2.0 * m)
        - 0.00111 * sin_deg(mp - 2.0 * f)
        - 0.00057 * sin_deg(mp + 2.0 * f)
        + 0.00056 * e * sin_deg(2.0 * mp + m)
        - 0.00042 * sin_deg(3.0 * mp)
        + 0.00042 * e * sin_deg(m + 2.0 * f)
        + 0.00038 * e * sin_deg(m - 2.0 * f)
        - 0.00024 * e * sin_deg(2.0 * mp - m)
        - 0.00017 * sin_deg(omega)
        - 0.00007 * sin_deg(mp + 2.0 * m)
        + 0.00004 * sin_deg(2.0 * mp - 2.0 * f)
        + 0.00004 * sin_deg(3.0 * m)
        + 0.00003 * sin_deg(mp + m - 2.0 * f)
        + 0.00003 * sin_deg(2.0 * mp + 2.0 * f)
        - 0.00003 * sin_deg(mp + m + 2.0 * f)
        + 0.00003 * sin_deg(mp - m + 2.0 * f)
        - 0.00002 * sin_deg(mp - m - 2.0 * f)
        - 0.00002 * sin_deg(3.0 * mp + m)
        + 0.00002 * sin_deg(4.0 * mp);
    jde + correction
}

/// The sun's apparent longitude in degrees at a Julian Ephemeris Day (Meeus 25, to about
/// 0.01 degree, a quarter of an hour of the sun's motion).
fn solar_longitude(jde: f64) -> f64 {
    let t = (jde - 2_451_545.0) / 36_525.0;
    let l0 = 280.46646 + 36_000.769_83 * t + 0.000_303_2 * t * t;
    let m = 357.52911 + 35_999.050_29 * t - 0.000_153_7 * t * t;
    let center = (1.914_602 - 0.004_817 * t - 0.000_014 * t * t) * sin_deg(m)
        + (0.019_993 - 0.000_101 * t) * sin_deg(2.0 * m)
        + 0.000_289 * sin_deg(3.0 * m);
    let omega = 125.04 - 1934.136 * t;
    (l0 + center - 0.00569 - 0.00478 * sin_deg(omega)).rem_euclid(360.0)
}

/// The moment near `guess` when the sun's apparent longitude is `degrees`.
fn solar_term(degrees: f64, guess: f64) -> f64 {
    let mut jde = guess;
    for _ in 0..20 {
        let behind = (degrees - solar_longitude(jde) + 540.0).rem_euclid(360.0) - 180.0;
        jde += behind * 365.2422 / 360.0;
        if behind.abs() < 1e-6 {
            break;
        }
    }
    jde
}

/// A rough Julian day for a date, for seeding searches.
fn julian_day(date: Date) -> f64 {
    let days = date
        .since(Date::constant(1970, 1, 1))
        .expect("a span of days")
        .get_days();
    UNIX_EPOCH_JD + f64::from(days)
}

/// The date in China of the solar term at `degrees` of solar longitude in the solar year
/// that starts at `year`'s March equinox (15 is 清明 in April, 270 the winter solstice in
/// December, 300 大寒 in the next January).
pub fn solar_term_date(year: i16, degrees: f64) -> Date {
    // The sun is at 0 degrees near March 20 and moves about a degree a day.
    let days_after_equinox = degrees * 365.2422 / 360.0;
    let guess = julian_day(Date::constant(year, 3, 20)) + days_after_equinox;
    china_date(solar_term(degrees, guess))
}

/// The first day of the lunar month holding `date`: the last new moon day on or before it.
fn month_start_on_or_before(date: Date) -> (f64, Date) {
    let jd = julian_day(date);
    let mut k = ((jd - 2_451_550.097_66) / 29.530_588_861).floor() + 1.0;
    loop {
        let start = china_date(new_moon(k));
        if start <= date {
            return (k, start);
        }
        k -= 1.0;
    }
}

/// A lunar month: its number (1-12), whether it is a leap month, and its first day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LunarMonth {
    pub number: u8,
    pub leap: bool,
    pub first_day: Date,
}

/// The lunar months between two winter solstices (a 岁): from the eleventh month, which
/// holds the previous year's solstice, to the month before the eleventh month holding
/// `solstice_year`'s.
fn months_of_sui(solstice_year: i16) -> Vec<LunarMonth> {
    let start_solstice = solar_term_date(solstice_year - 1, 270.0);
    let end_solstice = solar_term_date(solstice_year, 270.0);
    let (first_k, _) = month_start_on_or_before(start_solstice);
    let (end_k, _) = month_start_on_or_before(end_solstice);
    let starts: Vec<Date> = (0..=(end_k - first_k) as i32)
        .map(|i| china_date(new_moon(first_k + f64::from(i))))
        .collect();
    // Principal terms (multiples of 30 degrees) between the two solstices.
    let principal: Vec<Date> = (0..12)
        .map(|i| {
            let degrees = (270.0 + 30.0 * f64::from(i)).rem_euclid(360.0);
            let year = if degrees >= 270.0 {
                solstice_year - 1
            } else {
                solstice_year
            };
            solar_term_date(year, degrees)
        })
        .collect();
    let leap_year = starts.len() == 14;
    let mut months = Vec::new();
    let mut number = 11u8;
    let mut leap_taken = false;
    for window in starts.windows(2) {
        let (first_day, next) = (window[0], window[1]);
        let has_principal = principal.iter().any(|d| first_day <= *d && *d < next);
        let leap = leap_year && !leap_taken && !has_principal && !months.is_empty();
        if leap {
            leap_taken = true;
        } else if !months.is_empty() {
            number = number % 12 + 1;
        }
        months.push(LunarMonth {
            number,
            leap,
            first_day,
        });
    }
    months
}

/// The Gregorian date of lunar `month`/`day` (not a leap month) in the lunar year that
/// begins in Gregorian `year`.
pub fn lunar_to_date(year: i16, month: u8, day: i8) -> Date {
    // Months 1 to 10 of lunar year `year` lie between the solstices of `year - 1` and
    // `year`; its months 11 and 12 open the next span.
    let sui = if month >= 11 {
        months_of_sui(year + 1)
    } else {
        months_of_sui(year)
    };
    let skip_previous_year = month < 11;
    let found = sui
        .iter()
        .skip_while(|m| skip_previous_year && m.number >= 11)
        .find(|m| m.number == month && !m.leap)
        .expect("every lunar year has months 1 to 12");
    found
        .first_day
        .checked_add(jiff::Span::new().days(i32::from(day) - 1))
        .expect("a date within jiff's range")
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn spring_festival_matches_the_published_dates() {
        let published = [
            (2020, date(2020, 1, 25)),
            (2021, date(2021, 2, 12)),
            (2022, date(2022, 2, 1)),
            (2023, date(2023, 1, 22)),
            (2024, date(2024, 2, 10)),
            (2025, date(2025, 1, 29)),
            (2026, date(2026, 2, 17)),
            (2027, date(2027, 2, 6)),
            (2028, date(2028, 1, 26)),
            (2029, date(2029, 2, 13)),
            (2030, date(2030, 2, 3)),
            (2031, date(2031, 1, 23)),
            (2032, date(2032, 2, 11)),
            (2033, date(2033, 1, 31)),
            (2034, date(2034, 2, 19)),
            (2035, date(2035, 2, 8)),
        ];
        for (year, expected) in published {
            assert_eq!(lunar_to_date(year, 1, 1), expected, "春节 {year}");
        }
    }

    #[test]
    fn dragon_boat_and_mid_autumn_match_the_published_dates() {
        let dragon_boat = [
            (2024, date(2024, 6, 10)),
            (2025, date(2025, 5, 31)),
            (2026, date(2026, 6, 19)),
            (2027, date(2027, 6, 9)),
            (2028, date(2028, 5, 28)),
            (2030, date(2030, 6, 5)),
        ];
        for (year, expected) in dragon_boat {
            assert_eq!(lunar_to_date(year, 5, 5), expected, "端午 {year}");
        }
        let mid_autumn = [
            (2023, date(2023, 9, 29)),
            (2024, date(2024, 9, 17)),
            (2025, date(2025, 10, 6)),
            (2026, date(2026, 9, 25)),
            (2027, date(2027, 9, 15)),
            (2028, date(2028, 10, 3)),
        ];
        for (year, expected) in mid_autumn {
            assert_eq!(lunar_to_date(year, 8, 15), expected, "中秋 {year}");
        }
    }

    #[test]
    fn leap_months_fall_where_the_almanac_puts_them() {
        // 2023 had a leap second month (闰二月), 2025 a leap sixth (闰六月), and 2033 the
        // famous leap eleventh (闰十一月).
        let leap_of = |year: i16| {
            months_of_sui(year)
                .into_iter()
                .chain(months_of_sui(year + 1))
                .find(|m| m.leap && m.first_day.year() == year)
                .map(|m| m.number)
        };
        assert_eq!(leap_of(2023), Some(2));
        assert_eq!(leap_of(2025), Some(6));
        assert_eq!(leap_of(2033), Some(11));
        assert_eq!(leap_of(2024), None);
    }

    #[test]
    fn qingming_and_the_solstice_fall_on_their_days() {
        assert_eq!(solar_term_date(2025, 15.0), date(2025, 4, 4));
        assert_eq!(solar_term_date(2026, 15.0), date(2026, 4, 5));
        assert_eq!(solar_term_date(2024, 15.0), date(2024, 4, 4));
        assert_eq!(solar_term_date(2025, 270.0), date(2025, 12, 21));
        assert_eq!(solar_term_date(2026, 270.0), date(2026, 12, 22));
    }
}
