//! A client's posture and health, read from a trailing window of its mail against its own
//! baseline (seed 004: 客进我退，客驻我扰，客疲我打，客退我追).
//!
//! - **Pushing** (客进我退): more requests than the client's usual, or many urgent: execute
//!   fast, without bargaining.
//! - **Quiet** (客驻我扰): fewer requests than usual, or silence: offer proactive value (a
//!   review of the last period, a strategy, a competitor's case).
//! - **Tired / undecided** (客疲我打): revisions pile up, or the client answers slower than
//!   it used to: lead with a clear recommendation.
//! - **In trouble** (客退我追): incidents and complaints: mobilise to help.
//!
//! Health is 0-100 with every reason that moved it. Both are pure functions of the
//! client's events and `now`.

use crate::{Reason, RequestKind, text_enum};
use jiff::{SignedDuration, Timestamp};

/// The trailing window a posture is read from.
pub const POSTURE_WINDOW: SignedDuration = SignedDuration::from_hours(24 * 28);
/// The period before the window that is the client's own baseline (three windows).
pub const POSTURE_BASELINE: SignedDuration = SignedDuration::from_hours(24 * 84);

text_enum!(
    /// How a client stands toward us now.
    Posture, "posture" {
        /// Nothing out of the client's usual.
        Steady => "steady",
        /// More or more urgent requests than usual.
        Pushing => "pushing",
        /// Fewer requests than usual, or silent.
        Quiet => "quiet",
        /// Revisions pile up, or answers come slower than they used to.
        Tired => "tired",
        /// Incidents or complaints.
        InTrouble => "in_trouble",
    }
);

impl Posture {
    /// What to do about it, in a sentence.
    pub fn play(self) -> &'static str {
        match self {
            Posture::Steady => "Keep the cadence.",
            Posture::Pushing => {
                "Execute fast and without bargaining: this is their busy time; confirm dates and deliver."
            }
            Posture::Quiet => {
                "Offer proactive value: a review of the last period, a strategy for the next, a competitor's case."
            }
            Posture::Tired => {
                "Lead with a clear recommendation: propose one option with its reasons and ask for a yes."
            }
            Posture::InTrouble => {
                "Mobilise to help: call, put people on their problem, and report progress daily."
            }
        }
    }
}

/// One client message as posture reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct MailSignal {
    pub at: Timestamp,
    pub inbound: bool,
    pub urgent: bool,
    /// The decoder read the tone as frustrated or angry.
    pub negative: bool,
    pub kind: Option<RequestKind>,
    /// The decoder read the request as outside the engagement's scope.
    pub out_of_scope: bool,
}

/// What a client's posture and health are read from.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ClientSignals {
    /// When each request of the client was received.
    pub requests: Vec<Timestamp>,
    /// Messages either way, oldest first.
    pub mail: Vec<MailSignal>,
    /// SLA targets missed and still unmet.
    pub unmet_breaches: u32,
    /// SLA targets missed within the window (met late or not).
    pub breaches_in_window: u32,
    /// Our promises past due and not kept.
    pub overdue_commitments: u32,
    /// Requests closed without their final communication within the window.
    pub skipped_finals: u32,
}

/// A posture with the figures that made it.
#[derive(Debug, Clone, PartialEq)]
pub struct PostureReading {
    pub posture: Posture,
    pub reasons: Vec<Reason>,
}

/// One reason that moved a health score, with its points (negative): in English (`why`)
/// and as the reason's code and figures, for other languages. Readings kept before
/// codes existed have none.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct HealthReason {
    pub points: i32,
    pub why: String,
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub figures: Vec<String>,
}

impl HealthReason {
    pub fn new(points: i32, reason: Reason) -> Self {
        Self {
            points,
            why: reason.to_string(),
            code: reason.code.to_owned(),
            figures: reason.figures,
        }
    }
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Health {
    /// 0 to 100.
    pub score: u8,
    pub reasons: Vec<HealthReason>,
}

/// The window's and the baseline's share of a client's mail.
struct Periods<'a> {
    window: Vec<&'a MailSignal>,
    baseline: Vec<&'a MailSignal>,
    window_start: Timestamp,
    baseline_start: Timestamp,
}

impl<'a> Periods<'a> {
    fn new(signals: &'a ClientSignals, now: Timestamp) -> Self {
        let window_start = now - POSTURE_WINDOW;
        let baseline_start = window_start - POSTURE_BASELINE;
        let (window, baseline) = signals
            .mail
            .iter()
            .filter(|m| m.at >= baseline_start && m.at <= now)
            .partition(|m| m.at >= window_start);
        Self {
            window,
            baseline,
            window_start,
            baseline_start,
        }
    }
}

/// How long the client took to write after our messages, on average, among `mail`.
fn reply_latency(mail: &[&MailSignal]) -> Option<SignedDuration> {
    let mut waits = Vec::new();
    let mut ours: Option<Timestamp> = None;
    for message in mail {
        match (message.inbound, ours) {
            (false, None) => ours = Some(message.at),
            (true, Some(sent)) => {
                waits.push(message.at.duration_since(sent));
                ours = None;
            }
            _ => {}
        }
    }
    if waits.len() < 2 {
        return None;
    }
    let total: i64 = waits.iter().map(|w| w.as_secs()).sum();
    Some(SignedDuration::from_secs(total / waits.len() as i64))
}

fn days(d: SignedDuration) -> f64 {
    d.as_secs_f64() / 86_400.0
}

/// The client's posture at `now`, with its reasons; the most pressing one wins (trouble,
/// then pushing, then tired, then quiet).
pub fn read_posture(signals: &ClientSignals, now: Timestamp) -> PostureReading {
    let periods = Periods::new(signals, now);
    let inbound: Vec<&MailSignal> = periods
        .window
        .iter()
        .copied()
        .filter(|m| m.inbound)
        .collect();
    let count = |f: &dyn Fn(&MailSignal) -> bool| inbound.iter().filter(|m| f(m)).count();
    let troubles =
        count(&|m| matches!(m.kind, Some(RequestKind::Incident | RequestKind::Complaint)));
    let negative = count(&|m| m.negative);
    if troubles >= 2 || (troubles >= 1 && negative >= 1) {
        return PostureReading {
            posture: Posture::InTrouble,
            reasons: vec![Reason::new("incidents_and_anger", &[&troubles, &negative])],
        };
    }
    let in_window = signals
        .requests
        .iter()
        .filter(|r| **r >= periods.window_start && **r <= now)
        .count();
    let in_baseline = signals
        .requests
        .iter()
        .filter(|r| **r >= periods.baseline_start && **r < periods.window_start)
        .count();
    // The client's usual rate per window, over the part of the baseline it has history
    // for; a client younger than one window before the current one has no usual yet.
    let first = signals
        .requests
        .iter()
        .chain(signals.mail.iter().map(|m| &m.at))
        .min()
        .copied();
    let history_start = first.map_or(periods.window_start, |f| f.max(periods.baseline_start));
    let windows = days(periods.window_start.duration_since(history_start)) / days(POSTURE_WINDOW);
    let usual = (windows >= 1.0).then(|| in_baseline as f64 / windows);
    let urgent = count(&|m| m.urgent);
    let mut pushing = Vec::new();
    if let Some(usual) = usual
        && in_window >= 3
        && in_window as f64 >= 1.5 * usual.max(1.0)
    {
        pushing.push(Reason::new(
            "requests_above_usual",
            &[&in_window, &format!("{usual:.1}")],
        ));
    }
    if inbound.len() >= 3 && urgent * 100 >= 40 * inbound.len() {
        pushing.push(Reason::new("urgent_share", &[&urgent, &inbound.len()]));
    }
    if !pushing.is_empty() {
        return PostureReading {
            posture: Posture::Pushing,
            reasons: pushing,
        };
    }
    let mut tired = Vec::new();
    let revisions = count(&|m| m.kind == Some(RequestKind::ChangeRequest));
    if revisions >= 3 && revisions * 100 >= 30 * inbound.len() {
        tired.push(Reason::new(
            "revisions_share",
            &[&revisions, &inbound.len()],
        ));
    }
    if let (Some(now_wait), Some(usual_wait)) = (
        reply_latency(&periods.window),
        reply_latency(&periods.baseline),
    ) && now_wait.as_secs() >= 2 * usual_wait.as_secs().max(3600)
    {
        tired.push(Reason::new(
            "slower_answers",
            &[
                &format!("{:.1}", days(now_wait)),
                &format!("{:.1}", days(usual_wait)),
            ],
        ));
    }
    if !tired.is_empty() {
        return PostureReading {
            posture: Posture::Tired,
            reasons: tired,
        };
    }
    let last_inbound = signals.mail.iter().rev().find(|m| m.inbound).map(|m| m.at);
    let silent = last_inbound.map(|at| now.duration_since(at));
    let mut quiet = Vec::new();
    if let Some(usual) = usual
        && usual >= 2.0
        && (in_window as f64) <= 0.5 * usual
    {
        quiet.push(Reason::new(
            "requests_below_usual",
            &[&in_window, &format!("{usual:.1}")],
        ));
    }
    if let Some(silent) = silent.filter(|s| days(*s) >= 14.0) {
        quiet.push(Reason::new(
            "silent_days",
            &[&format!("{:.0}", days(silent))],
        ));
    }
    if !quiet.is_empty() {
        return PostureReading {
            posture: Posture::Quiet,
            reasons: quiet,
        };
    }
    PostureReading {
        posture: Posture::Steady,
        reasons: Vec::new(),
    }
}

/// The client's health at `now`: 100 less the points of every reason.
pub fn client_health(signals: &ClientSignals, now: Timestamp) -> Health {
    let periods = Periods::new(signals, now);
    let mut reasons = Vec::new();
    let mut take = |points: i32, reason: Reason| {
        if points < 0 {
            reasons.push(HealthReason::new(points, reason));
        }
    };
    let capped = |each: i32, n: u32, cap: i32| -(each * n as i32).min(cap);
    take(
        capped(10, signals.unmet_breaches, 30),
        Reason::new("unmet_breaches", &[&signals.unmet_breaches]),
    );
    take(
        capped(5, signals.breaches_in_window, 15),
        Reason::new("recent_breaches", &[&signals.breaches_in_window]),
    );
    take(
        capped(10, signals.overdue_commitments, 30),
        Reason::new("overdue_promises", &[&signals.overdue_commitments]),
    );
    take(
        capped(10, signals.skipped_finals, 20),
        Reason::new("skipped_finals", &[&signals.skipped_finals]),
    );
    let last = signals.mail.iter().rev().find(|m| m.inbound).map(|m| m.at);
    if let Some(silent) = last
        .map(|at| days(now.duration_since(at)))
        .filter(|d| *d >= 21.0)
    {
        take(-15, Reason::new("silent_days", &[&format!("{silent:.0}")]));
    }
    let share = |mail: &[&MailSignal], f: fn(&MailSignal) -> bool| {
        let inbound: Vec<_> = mail.iter().filter(|m| m.inbound).collect();
        if inbound.is_empty() {
            0.0
        } else {
            inbound.iter().filter(|m| f(m)).count() as f64 / inbound.len() as f64
        }
    };
    let negative_now = share(&periods.window, |m| m.negative);
    let negative_before = share(&periods.baseline, |m| m.negative);
    if negative_now >= 0.2 && negative_now > negative_before + 0.1 {
        take(
            -10,
            Reason::new(
                "anger_rising",
                &[
                    &format!("{:.0}", negative_now * 100.0),
                    &format!("{:.0}", negative_before * 100.0),
                ],
            ),
        );
    }
    let out_of_scope = periods
        .window
        .iter()
        .filter(|m| m.inbound && m.out_of_scope)
        .count();
    if out_of_scope >= 2 {
        take(-10, Reason::new("out_of_scope", &[&out_of_scope]));
    }
    let lost: i32 = reasons.iter().map(|r| r.points).sum();
    Health {
        score: u8::try_from((100 + lost).clamp(0, 100)).unwrap_or(0),
        reasons,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::ToSpan;

    fn now() -> Timestamp {
        "2026-12-07T01:00:00Z".parse().unwrap()
    }

    fn inbound(days_ago: i64, kind: Option<RequestKind>) -> MailSignal {
        MailSignal {
            at: now() - (days_ago * 24).hours(),
            inbound: true,
            urgent: false,
            negative: false,
            kind,
            out_of_scope: false,
        }
    }

    fn ours(days_ago: i64) -> MailSignal {
        MailSignal {
            inbound: false,
            ..inbound(days_ago, None)
        }
    }

    /// A steady client: a request and a message every week for four months.
    fn steady() -> ClientSignals {
        let mut signals = ClientSignals::default();
        for week in (0..16).rev() {
            signals.requests.push(now() - (week * 7 * 24 + 24).hours());
            signals
                .mail
                .push(inbound(week * 7 + 1, Some(RequestKind::NewWork)));
            signals.mail.push(ours(week * 7));
        }
        signals
    }

    #[test]
    fn a_steady_client_is_steady_and_healthy() {
        let signals = steady();
        assert_eq!(read_posture(&signals, now()).posture, Posture::Steady);
        assert_eq!(client_health(&signals, now()).score, 100);
    }

    #[test]
    fn incidents_with_anger_are_trouble() {
        let mut signals = steady();
        signals.mail.push(MailSignal {
            negative: true,
            ..inbound(1, Some(RequestKind::Incident))
        });
        let reading = read_posture(&signals, now());
        assert_eq!(reading.posture, Posture::InTrouble);
        assert!(
            reading.reasons[0].to_string().contains("1 incident"),
            "{reading:?}"
        );
    }

    #[test]
    fn twice_the_usual_requests_is_pushing() {
        let mut signals = steady();
        for day in 2..8 {
            signals.requests.push(now() - (day * 24).hours());
        }
        let reading = read_posture(&signals, now());
        assert_eq!(reading.posture, Posture::Pushing, "{reading:?}");
        assert!(
            reading.reasons[0].to_string().starts_with("10 requests"),
            "{reading:?}"
        );
    }

    #[test]
    fn a_new_client_has_no_usual_to_push_against() {
        // Three requests in its first two weeks: busy, but not busier than usual.
        let signals = ClientSignals {
            requests: (1..4).map(|d| now() - (d * 24 * 3).hours()).collect(),
            ..ClientSignals::default()
        };
        assert_eq!(read_posture(&signals, now()).posture, Posture::Steady);
    }

    #[test]
    fn piling_revisions_are_tiredness() {
        let mut signals = steady();
        for day in 2..5 {
            signals
                .mail
                .push(inbound(day, Some(RequestKind::ChangeRequest)));
        }
        signals.mail.sort_by_key(|m| m.at);
        assert_eq!(read_posture(&signals, now()).posture, Posture::Tired);
    }

    #[test]
    fn silence_is_quiet_and_costs_health() {
        let mut signals = steady();
        let cutoff = now() - (24 * 24).hours();
        signals.mail.retain(|m| m.at < cutoff);
        signals.requests.retain(|r| *r < cutoff);
        let reading = read_posture(&signals, now());
        assert_eq!(reading.posture, Posture::Quiet);
        let health = client_health(&signals, now());
        assert_eq!(health.score, 85, "{health:?}");
        assert!(
            health.reasons[0]
                .why
                .starts_with("no message from the client for 2")
        );
    }

    #[test]
    fn health_counts_every_reason_with_caps() {
        let signals = ClientSignals {
            unmet_breaches: 5,
            overdue_commitments: 1,
            skipped_finals: 1,
            ..steady()
        };
        let health = client_health(&signals, now());
        assert_eq!(health.score, 100 - 30 - 10 - 10);
        assert_eq!(health.reasons.len(), 3);
    }
}
