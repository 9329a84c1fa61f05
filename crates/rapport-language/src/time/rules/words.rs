//! The vocabulary the time patterns of several families share (numbers, month and weekday
//! names, ordinals) and the helpers that read their captures.

use super::Caps;
use crate::time::Moment;
use crate::time::numbers::parse_number;
use jiff::civil::{Date, Weekday};

pub(super) const N: &str = r"[0-9〇零一二三四五六七八九十两兩]{1,4}";
pub(super) const EN_MONTHS: &str = r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";
pub(super) const EN_WEEKDAYS: &str = r"mon(?:day)?|tue(?:s|sday)?|wed(?:s|nesday)?|wensday|thu(?:r|rs|rsday)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?";
pub(super) const EN_ORDINAL: &str = r"thirty-first|thirtieth|twenty-ninth|twenty-eighth|twenty-seventh|twenty-sixth|twenty-fifth|twenty-fourth|twenty-third|twenty-second|twenty-first|twentieth|nineteenth|eighteenth|seventeenth|sixteenth|fifteenth|fourteenth|thirteenth|twelfth|eleventh|tenth|ninth|eighth|seventh|sixth|fifth|fourth|third|second|first";
/// Ordinal words in the order of their values, for `num`.
const ORDINALS: [&str; 31] = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
    "twenty-first",
    "twenty-second",
    "twenty-third",
    "twenty-fourth",
    "twenty-fifth",
    "twenty-sixth",
    "twenty-seventh",
    "twenty-eighth",
    "twenty-ninth",
    "thirtieth",
    "thirty-first",
];

/// A day without a time of day.
pub(super) fn day(date: Date) -> Option<Moment> {
    Some(Moment::Day { date, time: None })
}

pub(super) fn weekday_from_en(text: &str) -> Option<Weekday> {
    let t = text.to_ascii_lowercase();
    Some(match &t[..2.min(t.len())] {
        "mo" => Weekday::Monday,
        "tu" => Weekday::Tuesday,
        "we" => Weekday::Wednesday,
        "th" => Weekday::Thursday,
        "fr" => Weekday::Friday,
        "sa" => Weekday::Saturday,
        "su" => Weekday::Sunday,
        _ => return None,
    })
}

pub(super) fn weekday_from_cjk(c: &str) -> Option<Weekday> {
    Some(match c {
        "月" | "一" | "1" => Weekday::Monday,
        "火" | "二" | "2" => Weekday::Tuesday,
        "水" | "三" | "3" => Weekday::Wednesday,
        "木" | "四" | "4" => Weekday::Thursday,
        "金" | "五" | "5" => Weekday::Friday,
        "土" | "六" | "6" => Weekday::Saturday,
        "日" | "天" | "7" => Weekday::Sunday,
        _ => return None,
    })
}

pub(super) fn month_from_en(text: &str) -> Option<i8> {
    let t = text.to_ascii_lowercase();
    let months = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    months
        .iter()
        .position(|m| t.starts_with(m))
        .map(|i| i as i8 + 1)
}

pub(super) fn num(caps: &Caps, name: &str) -> Option<u32> {
    let text = caps.name(name)?.as_str();
    parse_number(text).or_else(|| {
        let lower = text.to_ascii_lowercase();
        ORDINALS
            .iter()
            .position(|o| *o == lower)
            .map(|i| i as u32 + 1)
    })
}

pub(super) fn small(n: u32) -> Option<i8> {
    i8::try_from(n).ok()
}
