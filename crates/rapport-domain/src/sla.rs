//! SLA clocks, as a pure function of a request's events and `now`: first response, next
//! response (each client message after our first reply starts one) and resolution, all
//! counted in working time of the client's calendar. While the request waits on the
//! client (clarifying), the clocks stop and the paused working time is credited back.

use crate::{BusinessCalendar, text_enum};
use jiff::{SignedDuration, Timestamp, ZonedDateTime, tz::TimeZone};

/// A named service level: the targets every request of an engagement that names it is
/// held to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlaPolicy {
    pub id: i64,
    pub name: String,
    pub targets: SlaTargets,
    pub created_at: Timestamp,
}

/// The targets of a policy, in working time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SlaTargets {
    pub first_response: SignedDuration,
    pub next_response: SignedDuration,
    pub resolution: SignedDuration,
    /// The share of a target after which it warns (75 by default).
    pub warn_at_percent: u8,
}

/// What happened on a request, as the clocks read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlaEvent {
    ClientMessage(Timestamp),
    /// An outbound message of ours (a note is none).
    Reply(Timestamp),
    /// The request went to clarifying: waiting on the client.
    WaitingOnClient(Timestamp),
    /// It left clarifying.
    Resumed(Timestamp),
    Resolved(Timestamp),
}

impl SlaEvent {
    fn at(self) -> Timestamp {
        match self {
            Self::ClientMessage(t)
            | Self::Reply(t)
            | Self::WaitingOnClient(t)
            | Self::Resumed(t)
            | Self::Resolved(t) => t,
        }
    }
}

text_enum!(
    /// Which target a breach is of.
    SlaTarget, "SLA target" {
        FirstResponse => "first_response",
        NextResponse => "next_response",
        Resolution => "resolution",
    }
);

text_enum!(
    /// Where a request stands against its service level, as the engine last found it.
    SlaStanding, "SLA standing" {
        Ok => "ok",
        /// A running target is past its warning share.
        Warning => "warning",
        /// A target was missed and is still unmet.
        Breached => "breached",
    }
);

impl SlaStatus {
    /// The standing these clocks give, with the due time that matters: the unmet breach's,
    /// else the nearest running target's.
    pub fn standing(&self) -> (SlaStanding, Option<Timestamp>) {
        if let Some(breach) = self.breaches.iter().find(|b| b.met_at.is_none()) {
            return (SlaStanding::Breached, Some(breach.due));
        }
        let next = [
            self.first_response_due,
            self.next_response_due,
            self.resolution_due,
        ]
        .into_iter()
        .flatten()
        .min();
        if self.warning {
            (SlaStanding::Warning, next)
        } else {
            (SlaStanding::Ok, next)
        }
    }
}

/// A target missed: when it was due, and when it was met (none while still unmet).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Breach {
    pub target: SlaTarget,
    pub due: Timestamp,
    pub met_at: Option<Timestamp>,
}

/// The clocks of one request at `now`. A due time is absent when its target is met, or
/// while the clock is paused (it is not known yet).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlaStatus {
    pub first_response_due: Option<Timestamp>,
    pub next_response_due: Option<Timestamp>,
    pub resolution_due: Option<Timestamp>,
    pub paused: bool,
    /// A running target is past its warning share.
    pub warning: bool,
    pub breaches: Vec<Breach>,
    /// The next moment the clocks change on their own (a warning or a due time is
    /// reached); none while paused or with nothing running.
    pub next_change: Option<Timestamp>,
}

/// Reads a duration in working time: `4h`, `30m`, `3d` (working days of `calendar`),
/// or several together (`1d4h`).
pub fn parse_working_duration(
    text: &str,
    calendar: &BusinessCalendar,
) -> Result<SignedDuration, String> {
    let text = text.trim();
    let bad = || format!("{text:?} is no duration: write it like 4h, 30m, 3d or 1d4h");
    let mut total = SignedDuration::ZERO;
    let mut number = String::new();
    for c in text.chars() {
        if c.is_ascii_digit() {
            number.push(c);
            continue;
        }
        let n: i32 = number.parse().map_err(|_| bad())?;
        number.clear();
        let unit = match c.to_ascii_lowercase() {
            'm' => SignedDuration::from_mins(1),
            'h' => SignedDuration::from_hours(1),
            'd' => calendar.working_day(),
            _ => return Err(bad()),
        };
        total += unit * n;
    }
    if !number.is_empty() || total <= SignedDuration::ZERO {
        return Err(bad());
    }
    Ok(total)
}

/// A policy's target as a person types it (`4h`, `3d`, `1d4h`), in minutes of working
/// time; a day is one working day of the default hours (09:00-18:00).
pub fn policy_target_minutes(text: &str) -> Result<i64, String> {
    parse_working_duration(text, &BusinessCalendar::weekends_only()).map(|d| d.as_mins())
}

/// The clocks of a request received at `received` with `events` (in any order).
pub fn sla_status(
    targets: &SlaTargets,
    calendar: &BusinessCalendar,
    zone: &TimeZone,
    received: Timestamp,
    events: &[SlaEvent],
    now: Timestamp,
) -> SlaStatus {
    let mut events = events.to_vec();
    events.sort_by_key(|e| e.at());
    let pauses = pauses(&events);
    let paused = pauses.last().is_some_and(|p| p.1.is_none());
    let clock = Clock {
        calendar,
        zone,
        pauses: &pauses,
    };
    let mut breaches = Vec::new();
    let mut warning = false;
    let mut next_change: Option<Timestamp> = None;
    let mut changes_at = |at: Timestamp| {
        if at > now {
            next_change = Some(next_change.map_or(at, |n| n.min(at)));
        }
    };
    let mut track =
        |target: SlaTarget, from: Timestamp, length: SignedDuration, met: Option<Timestamp>| {
            let due = clock.due(from, length);
            if let Some(due) = due {
                let late = met.map_or(now > due, |m| m > due);
                if late {
                    breaches.push(Breach {
                        target,
                        due,
                        met_at: met,
                    });
                } else if met.is_none() {
                    let warn_after = length * i32::from(targets.warn_at_percent) / 100;
                    let warn = clock.due(from, warn_after);
                    warning |= warn.is_some_and(|w| now >= w);
                    warn.into_iter().chain([due]).for_each(&mut changes_at);
                }
            }
            if met.is_some() { None } else { due }
        };
    let first_reply = events.iter().find_map(|e| match e {
        SlaEvent::Reply(t) if *t >= received => Some(*t),
        _ => None,
    });
    let first_response_due = track(
        SlaTarget::FirstResponse,
        received,
        targets.first_response,
        first_reply,
    );
    // Each client message after our first reply starts a next-response clock, met by our
    // next reply; only the last one can still be running.
    let mut next_response_due = None;
    if let Some(first) = first_reply {
        for (n, event) in events.iter().enumerate() {
            let SlaEvent::ClientMessage(asked) = *event else {
                continue;
            };
            if asked <= first {
                continue;
            }
            let answered = events[n..].iter().find_map(|e| match e {
                SlaEvent::Reply(t) if *t >= asked => Some(*t),
                _ => None,
            });
            let due = track(
                SlaTarget::NextResponse,
                asked,
                targets.next_response,
                answered,
            );
            if answered.is_none() {
                next_response_due = due;
                break;
            }
        }
    }
    let resolved = events.iter().rev().find_map(|e| match e {
        SlaEvent::Resolved(t) => Some(*t),
        _ => None,
    });
    let resolution_due = track(
        SlaTarget::Resolution,
        received,
        targets.resolution,
        resolved,
    );
    SlaStatus {
        first_response_due,
        next_response_due,
        resolution_due,
        paused,
        warning: warning && !paused,
        breaches,
        // A paused clock moves again only with an event, which the sweep sees anyway.
        next_change: next_change.filter(|_| !paused),
    }
}

/// The intervals spent waiting on the client, the last one open while it still waits.
fn pauses(events: &[SlaEvent]) -> Vec<(Timestamp, Option<Timestamp>)> {
    let mut out: Vec<(Timestamp, Option<Timestamp>)> = Vec::new();
    for event in events {
        match *event {
            SlaEvent::WaitingOnClient(t) if out.last().is_none_or(|p| p.1.is_some()) => {
                out.push((t, None));
            }
            SlaEvent::Resumed(t) | SlaEvent::ClientMessage(t) | SlaEvent::Resolved(t) => {
                // The client's answer (or our resuming) ends the wait.
                if let Some(open) = out.last_mut().filter(|p| p.1.is_none()) {
                    open.1 = Some(t);
                }
            }
            _ => {}
        }
    }
    out
}

struct Clock<'a> {
    calendar: &'a BusinessCalendar,
    zone: &'a TimeZone,
    pauses: &'a [(Timestamp, Option<Timestamp>)],
}

impl Clock<'_> {
    /// When `length` of working time after `from` runs out, the paused working time
    /// credited back; none while a pause that the clock runs into is still open.
    fn due(&self, from: Timestamp, length: SignedDuration) -> Option<Timestamp> {
        let zoned = |t: Timestamp| -> ZonedDateTime { t.to_zoned_datetime(self.zone.clone()) };
        let mut at = from;
        let mut left = length;
        for &(start, end) in self.pauses {
            if end.is_some_and(|e| e <= at) {
                continue;
            }
            let candidate = self
                .calendar
                .add_business_time(&zoned(at), left)
                .timestamp();
            if candidate <= start.max(at) {
                return Some(candidate);
            }
            if start > at {
                left -= self
                    .calendar
                    .business_time_between(&zoned(at), &zoned(start));
            }
            at = end?.max(at);
        }
        Some(
            self.calendar
                .add_business_time(&zoned(at), left)
                .timestamp(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(local: &str) -> Timestamp {
        local
            .parse::<jiff::civil::DateTime>()
            .unwrap()
            .to_zoned_datetime(TimeZone::get("Asia/Tokyo").unwrap())
            .unwrap()
            .timestamp()
    }

    fn targets(calendar: &BusinessCalendar) -> SlaTargets {
        SlaTargets {
            first_response: parse_working_duration("4h", calendar).unwrap(),
            next_response: parse_working_duration("8h", calendar).unwrap(),
            resolution: parse_working_duration("3d", calendar).unwrap(),
            warn_at_percent: 75,
        }
    }

    fn status(events: &[SlaEvent], now: Timestamp) -> SlaStatus {
        let japan = BusinessCalendar::japan();
        let zone = TimeZone::get("Asia/Tokyo").unwrap();
        sla_status(
            &targets(&japan),
            &japan,
            &zone,
            at("2026-11-20T16:00"),
            events,
            now,
        )
    }

    #[test]
    fn durations_read_in_working_time() {
        let plain = BusinessCalendar::weekends_only();
        assert_eq!(
            parse_working_duration("1d4h", &plain),
            Ok(SignedDuration::from_hours(13))
        );
        assert_eq!(
            parse_working_duration("30m", &plain),
            Ok(SignedDuration::from_mins(30))
        );
        for bad in ["", "4", "h", "-2h", "4x", "0h"] {
            assert!(parse_working_duration(bad, &plain).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_clocks_say_when_they_next_change_on_their_own() {
        // Friday 17:00: the first-response warning comes Tuesday 10:00 (3h of 4h).
        let s = status(&[], at("2026-11-20T17:00"));
        assert_eq!(s.next_change, Some(at("2026-11-24T10:00")));
        // Tuesday 10:30: next, the due time at 11:00.
        let s = status(&[], at("2026-11-24T10:30"));
        assert_eq!(s.next_change, Some(at("2026-11-24T11:00")));
        // Waiting on the client: nothing moves until an event.
        let waiting = [SlaEvent::WaitingOnClient(at("2026-11-20T16:30"))];
        assert_eq!(status(&waiting, at("2026-11-20T17:00")).next_change, None);
    }

    #[test]
    fn first_response_counts_working_hours_over_a_holiday_weekend() {
        // Friday 16:00 in Tokyo, Monday the 23rd a holiday: 2h Friday, 2h Tuesday.
        let s = status(&[], at("2026-11-20T17:00"));
        assert_eq!(s.first_response_due, Some(at("2026-11-24T11:00")));
        assert!(!s.warning && s.breaches.is_empty());
        // Tuesday 10:30: past 75% (3h of 4h), not yet due.
        assert!(status(&[], at("2026-11-24T10:30")).warning);
        // A reply at 11:30 is late: a breach with when it was met.
        let s = status(
            &[SlaEvent::Reply(at("2026-11-24T11:30"))],
            at("2026-11-24T12:00"),
        );
        assert_eq!(s.first_response_due, None);
        assert_eq!(
            s.breaches,
            vec![Breach {
                target: SlaTarget::FirstResponse,
                due: at("2026-11-24T11:00"),
                met_at: Some(at("2026-11-24T11:30")),
            }]
        );
    }

    #[test]
    fn waiting_on_the_client_pauses_and_credits_the_time_back() {
        // Resolution: 3 working days (27h) from Friday 16:00 would be Thursday 16:00.
        let plain = status(
            &[SlaEvent::Reply(at("2026-11-20T17:00"))],
            at("2026-11-24T09:00"),
        );
        assert_eq!(plain.resolution_due, Some(at("2026-11-26T16:00")));
        // Waiting on the client from Tuesday 09:00 to Wednesday 09:00 (9 working hours)
        // moves it to Friday 16:00; while it waits, no due time is known.
        let waiting = [
            SlaEvent::Reply(at("2026-11-20T17:00")),
            SlaEvent::WaitingOnClient(at("2026-11-24T09:00")),
        ];
        let s = status(&waiting, at("2026-11-24T15:00"));
        assert!(s.paused && !s.warning);
        assert_eq!(s.resolution_due, None);
        let answered = [
            SlaEvent::Reply(at("2026-11-20T17:00")),
            SlaEvent::WaitingOnClient(at("2026-11-24T09:00")),
            SlaEvent::ClientMessage(at("2026-11-25T09:00")),
        ];
        let s = status(&answered, at("2026-11-25T10:00"));
        assert!(!s.paused);
        assert_eq!(s.resolution_due, Some(at("2026-11-27T16:00")));
        // The client's message starts a next-response clock of 8 working hours.
        assert_eq!(s.next_response_due, Some(at("2026-11-25T17:00")));
    }
}
