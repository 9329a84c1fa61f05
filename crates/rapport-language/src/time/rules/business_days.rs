//! Business days counted from the sent day: "within 3 business days", 3営業日以内,
//! 3个工作日内, the N-th business day after it in the calendar. English counts are read in
//! digits or as words up to "twelve" only, and a count is capped at 366.

use super::Caps;
use super::Pattern;
use super::words::{N, day, num};
use crate::time::Moment;
use jiff::civil::DateTime;
use rapport_domain::BusinessCalendar;

const EN_NUMBER: &str =
    r"\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve";

#[derive(Clone, Copy, Debug)]
pub(super) enum Rule {
    BusinessDays,
}

pub(super) fn patterns() -> Vec<Pattern<Rule>> {
    vec![(
        90,
        Rule::BusinessDays,
        format!(
            r"(?i)(?-u:\b)(?:(?:in|within)\s+)?(?P<en>{EN_NUMBER})\s+(?:business|working|work)\s+days?(?-u:\b)|(?P<cn>{N})\s*(?:営業日|個?工作日|个工作日|[個个]?工作天)"
        ),
    )]
}

pub(super) fn resolve(
    rule: Rule,
    caps: &Caps,
    now: DateTime,
    calendar: &BusinessCalendar,
) -> Option<Moment> {
    let today = now.date();
    match rule {
        Rule::BusinessDays => {
            let n = num(caps, "en").or_else(|| num(caps, "cn"))?;
            day(calendar.nth_business_day_after(today, n.min(366)))
        }
    }
}

/// A count of business days is a deadline phrase.
pub(super) fn weakness(_rule: Rule, _caps: &Caps) -> u8 {
    0
}
