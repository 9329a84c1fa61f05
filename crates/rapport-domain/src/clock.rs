//! `Clock`: where "now" comes from, so that rules and tests never read the system time.

use jiff::Timestamp;

/// A source of the current time, supplied by whoever calls into the domain.
pub trait Clock: Send + Sync + 'static {
    fn now(&self) -> Timestamp;
}
