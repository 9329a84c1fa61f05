//! The patterns that find time expressions in English, Japanese and Chinese, and what each
//! resolves to. Patterns run on the normalised text (ASCII digits, `~`, `(`), with the
//! `regex` crate, whose matching time is linear in the input.
//!
//! Each rule family has its own file with its patterns, how they resolve and how weak they
//! are (`weekdays`, `relative`, `dates`, `clock`, `periods`, `holidays`, `business_days`);
//! `words` holds the vocabulary they share. This file puts the families' patterns in one
//! list and runs it over a text.

mod business_days;
mod clock;
mod dates;
mod holidays;
mod periods;
mod relative;
mod weekdays;
mod words;

use super::{DateOrder, Found, Moment};
use jiff::civil::DateTime;
use rapport_domain::BusinessCalendar;
use regex::{Captures, Match, Regex, RegexSet};
use std::sync::LazyLock;

/// What a pattern found, before it is resolved against the sent time: its family and the
/// family's rule.
#[derive(Clone, Copy, Debug)]
enum Kind {
    Weekday(weekdays::Rule),
    Relative(relative::Rule),
    Date(dates::Rule),
    Clock(clock::Rule),
    Period(periods::Rule),
    Holiday(holidays::Rule),
    BusinessDays(business_days::Rule),
}

impl Kind {
    /// A numeric date or clock, which is not one right after a digit: the match is then the
    /// tail of a longer number.
    fn is_numeric(self) -> bool {
        matches!(
            self,
            Kind::Date(dates::Rule::NumericDate)
                | Kind::Clock(clock::Rule::Clock24 | clock::Rule::EnClock)
        )
    }

    /// An English clock time, which is not one right after `%`, `/`, `=` or `&`.
    fn is_en_clock(self) -> bool {
        matches!(self, Kind::Clock(clock::Rule::EnClock))
    }

    /// A weekday's name, which beside an explicit date only confirms it (`Found::weekday`).
    fn is_weekday_name(self) -> bool {
        matches!(self, Kind::Weekday(rule) if weekdays::is_name(rule))
    }
}

/// One pattern of a family: its place in the rule list, its rule and its regex.
type Pattern<R> = (u16, R, String);

/// Every family's patterns, in the order of the rule list.
///
/// The order matters: `resolve_all` sorts the matches with a stable sort by length and
/// start, so of two rules matching the same span the earlier one wins. Each family numbers
/// its patterns with their place in the list (in steps of ten, so a new pattern slots in
/// between without renumbering), and the list is sorted by that number; a test checks
/// that no two patterns share a place.
fn patterns() -> Vec<Pattern<Kind>> {
    fn family<R>(
        patterns: Vec<Pattern<R>>,
        kind: fn(R) -> Kind,
    ) -> impl Iterator<Item = Pattern<Kind>> {
        patterns
            .into_iter()
            .map(move |(order, rule, pattern)| (order, kind(rule), pattern))
    }
    let mut all: Vec<Pattern<Kind>> = family(weekdays::patterns(), Kind::Weekday)
        .chain(family(relative::patterns(), Kind::Relative))
        .chain(family(dates::patterns(), Kind::Date))
        .chain(family(clock::patterns(), Kind::Clock))
        .chain(family(periods::patterns(), Kind::Period))
        .chain(family(holidays::patterns(), Kind::Holiday))
        .chain(family(business_days::patterns(), Kind::BusinessDays))
        .collect();
    all.sort_by_key(|(order, _, _)| *order);
    all
}

/// Every rule's pattern in one set, for a single scan of the text.
static RULE_SET: LazyLock<RegexSet> = LazyLock::new(|| {
    RegexSet::new(RULES.iter().map(|(regex, _, _)| regex.as_str())).expect("time pattern set")
});

/// A rule's named groups and where each is in its pattern.
type GroupNames = Vec<(String, usize)>;

/// Each rule's pattern, kind and named groups.
static RULES: LazyLock<Vec<(Regex, Kind, GroupNames)>> = LazyLock::new(|| {
    patterns()
        .into_iter()
        .map(|(_, kind, pattern)| {
            let regex = Regex::new(&pattern).expect("time pattern");
            let names = regex
                .capture_names()
                .enumerate()
                .filter_map(|(at, name)| Some((name?.to_owned(), at)))
                .collect();
            (regex, kind, names)
        })
        .collect()
});

/// A match's groups, found by name in the rule's own short list: a few string compares
/// cost less than the regex crate's hashed lookup, and a phrase takes some thirty.
pub(super) struct Caps<'h, 'r> {
    caps: Captures<'h>,
    names: &'r [(String, usize)],
}

impl<'h> Caps<'h, '_> {
    pub(super) fn name(&self, name: &str) -> Option<Match<'h>> {
        let (_, at) = self.names.iter().find(|(n, _)| n == name)?;
        self.caps.get(*at)
    }

    pub(super) fn get(&self, at: usize) -> Option<Match<'h>> {
        self.caps.get(at)
    }
}

/// Resolves one match; `None` when the text only looked like a time expression.
fn resolve(
    kind: Kind,
    caps: &Caps,
    now: DateTime,
    calendar: &BusinessCalendar,
    order: DateOrder,
) -> Option<Moment> {
    match kind {
        Kind::Weekday(rule) => weekdays::resolve(rule, caps, now, calendar),
        Kind::Relative(rule) => relative::resolve(rule, caps, now, calendar),
        Kind::Date(rule) => dates::resolve(rule, caps, now, order),
        Kind::Clock(rule) => clock::resolve(rule, caps, now, calendar),
        Kind::Period(rule) => periods::resolve(rule, caps, now, calendar),
        Kind::Holiday(rule) => holidays::resolve(rule, caps, now, calendar),
        Kind::BusinessDays(rule) => business_days::resolve(rule, caps, now, calendar),
    }
}

/// How little a match says about a deadline: 0 a deadline phrase ("next Friday", 月末);
/// 1 a bare day (a weekday, "today"); 2 a bare month, year or clock time; 3 never a
/// deadline ("now", "yesterday"). Weak matches count only beside a cue ("by", まで, 前).
fn weakness(kind: Kind, caps: &Caps) -> u8 {
    match kind {
        Kind::Weekday(rule) => weekdays::weakness(rule, caps),
        Kind::Relative(rule) => relative::weakness(rule, caps),
        Kind::Date(rule) => dates::weakness(rule, caps),
        Kind::Clock(rule) => clock::weakness(rule, caps),
        Kind::Period(rule) => periods::weakness(rule, caps),
        Kind::Holiday(rule) => holidays::weakness(rule, caps),
        Kind::BusinessDays(rule) => business_days::weakness(rule, caps),
    }
}

/// A clock time written without its half of the day (see `clock::half_day_open`).
fn half_day_open(kind: Kind, caps: &Caps) -> bool {
    match kind {
        Kind::Clock(rule) => clock::half_day_open(rule, caps),
        _ => false,
    }
}

/// Every time expression in `text` (normalised), resolved against `now`.
pub fn find_all(
    text: &str,
    now: DateTime,
    calendar: &BusinessCalendar,
    order: DateOrder,
) -> Vec<Found> {
    let mut found = Vec::new();
    // One pass tells which rules match at all; only those run again for positions.
    for index in RULE_SET.matches(text).iter() {
        let (regex, kind, names) = &RULES[index];
        for caps in regex.captures_iter(text) {
            let caps = Caps { caps, names };
            let Some(whole) = caps.get(0) else { continue };
            // The regex crate has no look-behind: a digit right before a numeric date or
            // clock means the match is the tail of a longer number.
            let before = text[..whole.start()].chars().next_back();
            if kind.is_numeric() && before.is_some_and(|c| c.is_ascii_digit()) {
                continue;
            }
            // "%e7%b7%8a" in a link is not 8 am.
            if kind.is_en_clock() && before.is_some_and(|c| matches!(c, '%' | '/' | '=' | '&')) {
                continue;
            }
            if let Some(moment) = resolve(*kind, &caps, now, calendar, order) {
                let mut range = whole.range();
                // Boundary characters checked around dates are not part of the phrase.
                for (name, at_start) in [("pre", true), ("post", false)] {
                    if let Some(m) = caps.name(name) {
                        if at_start {
                            range.start = m.end();
                        } else {
                            range.end = m.start();
                        }
                    }
                }
                let weekday = kind.is_weekday_name();
                let weakness = weakness(*kind, &caps);
                found.push(Found {
                    range,
                    moment,
                    weekday,
                    weakness,
                    half_day_open: half_day_open(*kind, &caps),
                });
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_patterns_share_a_place_in_the_rule_list() {
        let places: Vec<u16> = patterns().iter().map(|(order, _, _)| *order).collect();
        assert!(places.windows(2).all(|w| w[0] < w[1]), "{places:?}");
        assert_eq!(RULES.len(), 31);
    }
}
