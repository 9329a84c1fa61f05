//! What a desk changes on a built-in calendar: its working hours (an engagement may have
//! its own) and its own closed days (a year-end break, a company holiday).

use super::{BusinessCalendar, CalendarId};
use jiff::civil::{Date, Time};

/// Working hours of a day, `start` before `end`, in the calendar's zone; serialised as
/// `09:00-18:00`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WorkingHours {
    pub start: Time,
    pub end: Time,
}

/// Working hours that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("working hours are written 09:00-18:00, the start before the end; got {0:?}")]
pub struct WorkingHoursError(pub String);

impl WorkingHours {
    /// `09:00-18:00` (or with a full-width or en dash).
    pub fn parse(text: &str) -> Result<Self, WorkingHoursError> {
        let fail = || WorkingHoursError(text.to_owned());
        let (start, end) = text
            .trim()
            .split_once(['-', '–', '－', '~', '〜'])
            .ok_or_else(fail)?;
        let time = |t: &str| t.trim().parse::<Time>().map_err(|_| fail());
        let hours = Self {
            start: time(start)?,
            end: time(end)?,
        };
        if hours.start >= hours.end {
            return Err(fail());
        }
        Ok(hours)
    }

    pub fn text(self) -> String {
        format!(
            "{:02}:{:02}-{:02}:{:02}",
            self.start.hour(),
            self.start.minute(),
            self.end.hour(),
            self.end.minute()
        )
    }
}

impl std::str::FromStr for WorkingHours {
    type Err = WorkingHoursError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::parse(text)
    }
}

impl serde::Serialize for WorkingHours {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text())
    }
}

/// A day a desk closes beyond the calendar's holidays.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClosedDay {
    pub date: Date,
    pub name: String,
}

/// A desk's changes to one built-in calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarSettings {
    pub id: CalendarId,
    /// None: 09:00-18:00.
    pub hours: Option<WorkingHours>,
    pub closed: Vec<ClosedDay>,
}

impl CalendarSettings {
    /// The built-in calendar with these changes.
    pub fn apply(&self) -> BusinessCalendar {
        let mut calendar = self.id.calendar().clone();
        if let Some(hours) = self.hours {
            calendar = calendar.with_hours(hours);
        }
        for day in &self.closed {
            calendar.close(day.date, &day.name);
        }
        calendar
    }
}

impl BusinessCalendar {
    /// The same days with other working hours (an engagement's own).
    pub fn with_hours(&self, hours: WorkingHours) -> Self {
        Self {
            day_start: hours.start,
            day_end: hours.end,
            ..self.clone()
        }
    }

    pub fn hours(&self) -> WorkingHours {
        WorkingHours {
            start: self.day_start,
            end: self.day_end,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn hours_are_read_and_checked() {
        let hours = WorkingHours::parse("10:00－19:30").unwrap();
        assert_eq!(hours.text(), "10:00-19:30");
        assert!(WorkingHours::parse("18:00-09:00").is_err());
        assert!(WorkingHours::parse("nine to five").is_err());
    }

    #[test]
    fn a_desk_closes_its_year_end_and_keeps_its_own_hours() {
        let settings = CalendarSettings {
            id: CalendarId::Japan,
            hours: Some(WorkingHours::parse("10:00-19:00").unwrap()),
            closed: vec![ClosedDay {
                date: date(2026, 12, 29),
                name: "年末休業".into(),
            }],
        };
        let calendar = settings.apply();
        assert!(!calendar.is_business_day(date(2026, 12, 29)));
        assert!(calendar.is_business_day(date(2026, 12, 28)));
        assert_eq!(calendar.working_day(), jiff::SignedDuration::from_hours(9));
        assert_eq!(calendar.day_start, Time::constant(10, 0, 0, 0));
        // The built-in calendar is untouched.
        assert!(
            CalendarId::Japan
                .calendar()
                .is_business_day(date(2026, 12, 29))
        );
    }
}
