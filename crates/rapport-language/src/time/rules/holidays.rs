//! Holidays: fixed dates from `lexicons/holidays.tsv` (Christmas, 元旦, 国庆节) and movable
//! ones from `lexicons/movable_holidays.tsv` (Thanksgiving, Easter, 春节, 中秋节); "before
//! X" / X前 is the last business day before it. Only the names in those tables are read,
//! and an English name only on word boundaries.

use super::Caps;
use super::Pattern;
use super::words::{day, num};
use crate::time::Moment;
use crate::time::calc::{add_days, next_occurrence};
use crate::time::movable;
use jiff::civil::DateTime;
use rapport_domain::BusinessCalendar;
use std::sync::LazyLock;

#[derive(Clone, Copy, Debug)]
pub(super) enum Rule {
    FixedHoliday,
    MovableHoliday,
}

/// Holidays on fixed dates from `lexicons/holidays.tsv`: (lower-cased name, month, day).
static HOLIDAYS: LazyLock<Vec<(String, i8, i8)>> = LazyLock::new(|| {
    let mut names = Vec::new();
    for line in include_str!("../../../lexicons/holidays.tsv")
        .lines()
        .filter(|l| !l.starts_with('#'))
    {
        let fields: Vec<&str> = line.split('\t').collect();
        if let [month, day, list] = fields[..]
            && let (Ok(month), Ok(day)) = (month.parse(), day.parse())
        {
            names.extend(list.split('|').map(|n| (n.to_lowercase(), month, day)));
        }
    }
    // Longest first, so the alternation prefers "christmas eve" over "christmas".
    names.sort_by_key(|(n, _, _)| std::cmp::Reverse(n.len()));
    names
});

/// Names as one alternation: English names on word boundaries; CJK names anywhere (CJK has
/// no spaces).
fn alternation<'a>(names: impl Iterator<Item = &'a String>) -> String {
    let names: Vec<String> = names
        .map(|n| {
            if n.is_ascii() {
                format!(r"(?-u:\b){}(?-u:\b)", regex::escape(n))
            } else {
                regex::escape(n)
            }
        })
        .collect();
    names.join("|")
}

pub(super) fn patterns() -> Vec<Pattern<Rule>> {
    let fixed_names = alternation(HOLIDAYS.iter().map(|(n, _, _)| n));
    let movable_names = alternation(movable::NAMES.iter().map(|(n, _)| n));
    vec![
        (
            250,
            Rule::FixedHoliday,
            format!(
                r"(?i)(?P<ahead>(?-u:\b)before\s+)?(?P<name>{fixed_names})(?P<before>前|之前|以前|前に)?"
            ),
        ),
        (
            260,
            Rule::MovableHoliday,
            format!(
                r"(?i)(?P<ahead>(?-u:\b)before\s+)?(?:(?P<which>next|this|last)\s+)?(?P<name>{movable_names})(?:\s+(?:of\s+)?(?P<year>\d{{4}})(?-u:\b)|\s+of\s+(?P<rel>next|last|this)\s+year)?(?P<before>前|之前|以前|前に)?"
            ),
        ),
    ]
}

pub(super) fn resolve(
    rule: Rule,
    caps: &Caps,
    now: DateTime,
    calendar: &BusinessCalendar,
) -> Option<Moment> {
    let today = now.date();
    match rule {
        Rule::FixedHoliday => {
            let name = caps.name("name")?.as_str().to_lowercase();
            let &(_, month, d) = HOLIDAYS.iter().find(|(n, _, _)| *n == name)?;
            let holiday = next_occurrence(today, month, d)?;
            if caps.name("before").is_some() || caps.name("ahead").is_some() {
                // "before National Day": the last business day before the holiday starts.
                return day(calendar.business_day_on_or_before(add_days(holiday, -1)));
            }
            day(holiday)
        }
        Rule::MovableHoliday => {
            let name = caps.name("name")?.as_str().to_lowercase();
            let (_, date_rule) = movable::NAMES.iter().find(|(n, _)| *n == name)?;
            let year = match caps.name("rel").map(|m| m.as_str().to_ascii_lowercase()) {
                Some(rel) if rel == "next" => Some(today.year() + 1),
                Some(rel) if rel == "last" => Some(today.year() - 1),
                Some(_) => Some(today.year()),
                None => num(caps, "year").and_then(|y| i16::try_from(y).ok()),
            };
            let mut holiday = movable::resolve(date_rule, today, year)?;
            if year.is_none()
                && caps
                    .name("which")
                    .is_some_and(|w| w.as_str().eq_ignore_ascii_case("last"))
            {
                holiday = movable::date_in(date_rule, today.year())
                    .filter(|d| *d < today)
                    .or_else(|| movable::date_in(date_rule, today.year() - 1))?;
            }
            if caps.name("before").is_some() || caps.name("ahead").is_some() {
                // "before Chinese New Year": the last business day before the break.
                return day(calendar.business_day_on_or_before(add_days(holiday, -1)));
            }
            day(holiday)
        }
    }
}

/// A holiday is a deadline phrase.
pub(super) fn weakness(_rule: Rule, _caps: &Caps) -> u8 {
    0
}
