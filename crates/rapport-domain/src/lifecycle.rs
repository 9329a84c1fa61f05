//! The request lifecycle: which state may follow which, and what a message does to it.
//!
//! `new -> clarifying -> in_progress <-> waiting_on_client -> resolved -> final_sent -> closed`,
//! with `reopened` when the client writes after closing. The rule the product exists for:
//! a request is not closed before the final communication went out, unless a person
//! skips it with a written reason, which goes into the audit trail.

use crate::{BusinessCalendar, Direction, Request, RequestState};
use RequestState::*;
use jiff::Timestamp;
use jiff::tz::TimeZone;

/// Why a state change was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    #[error("a request cannot move from {from} to {to}; from {from} it can move to: {allowed}")]
    NotAllowed {
        from: RequestState,
        to: RequestState,
        allowed: String,
    },
    #[error(
        "the final communication has not been sent: send an outbound message marked final \
         (what was done, is the client satisfied, may we close), or close with a written skip reason"
    )]
    FinalCommunicationMissing,
    #[error("a request moves to final_sent by sending the final communication, not by hand")]
    FinalSentNeedsMessage,
    #[error("only an outbound message can be the final communication")]
    FinalMustBeOutbound,
    #[error("the final communication goes out once the request is resolved; it is {state}")]
    FinalBeforeResolved { state: RequestState },
    #[error("a skip reason is only for closing without the final communication")]
    SkipReasonNotApplicable,
}

/// A state change the domain agreed to; the store writes it and its activity entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transition {
    pub from: RequestState,
    pub to: RequestState,
    /// The written reason when closing skipped the final communication.
    pub skipped_final_reason: Option<String>,
    /// Work starts again, so a new final communication will be owed.
    pub clears_final: bool,
}

/// States reachable by hand from `from`, not counting closing.
fn successors(from: RequestState) -> &'static [RequestState] {
    match from {
        New => &[Clarifying, InProgress, WaitingOnClient],
        Clarifying => &[InProgress, WaitingOnClient],
        InProgress => &[Clarifying, WaitingOnClient, Resolved],
        WaitingOnClient => &[InProgress, Clarifying, Resolved],
        Resolved => &[InProgress, FinalSent],
        FinalSent => &[InProgress],
        Closed => &[Reopened],
        Reopened => &[Clarifying, InProgress, WaitingOnClient, Resolved],
    }
}

/// The moves a person makes with a button from `from`: the successors but `final_sent`
/// (sending the final communication makes that move), and closing once it went out.
pub fn manual_moves(from: RequestState) -> Vec<RequestState> {
    let mut moves: Vec<_> = successors(from)
        .iter()
        .copied()
        .filter(|s| *s != FinalSent)
        .collect();
    if from == FinalSent {
        moves.push(Closed);
    }
    moves
}

fn allowed_list(from: RequestState) -> String {
    let mut names: Vec<&str> = successors(from).iter().map(|s| s.as_str()).collect();
    if from != Closed {
        names.push("closed");
    }
    names.join(", ")
}

/// Decides whether `request` may move to `to`; `skip_final_reason` is the person's
/// written reason for closing without a final communication.
pub fn plan_transition(
    request: &Request,
    to: RequestState,
    skip_final_reason: Option<&str>,
) -> Result<Transition, TransitionError> {
    let from = request.state;
    let reason = skip_final_reason.map(str::trim).filter(|r| !r.is_empty());
    if to == Closed && from != Closed {
        return match (from, reason) {
            (FinalSent, None) => Ok(Transition {
                from,
                to,
                skipped_final_reason: None,
                clears_final: false,
            }),
            (FinalSent, Some(_)) => Err(TransitionError::SkipReasonNotApplicable),
            (_, Some(reason)) => Ok(Transition {
                from,
                to,
                skipped_final_reason: Some(reason.to_owned()),
                clears_final: false,
            }),
            (_, None) => Err(TransitionError::FinalCommunicationMissing),
        };
    }
    if reason.is_some() {
        return Err(TransitionError::SkipReasonNotApplicable);
    }
    if !successors(from).contains(&to) {
        return Err(TransitionError::NotAllowed {
            from,
            to,
            allowed: allowed_list(from),
        });
    }
    if to == FinalSent && request.final_sent_at.is_none() {
        return Err(TransitionError::FinalSentNeedsMessage);
    }
    let clears_final = matches!(from, Resolved | FinalSent | Closed) && to != FinalSent;
    Ok(Transition {
        from,
        to,
        skipped_final_reason: None,
        clears_final,
    })
}

/// What adding a message does to its request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageEffect {
    /// The state change the message causes, if any.
    pub transition: Option<Transition>,
    /// The message is the final communication: record when it went out.
    pub marks_final: bool,
}

/// Decides what a new message does: a client reply reopens a closed request and
/// takes a waiting one back into progress; the final communication moves a resolved
/// request to `final_sent`.
/// What an inbound mail does to the request it joins: automatic mail (an out-of-office
/// reply, a bounce) is kept in the thread but moves nothing; a person's mail is a client
/// message like any other.
pub fn plan_inbound_mail(request: &Request, automatic: bool) -> MessageEffect {
    let unchanged = MessageEffect {
        transition: None,
        marks_final: false,
    };
    if automatic {
        return unchanged;
    }
    // An inbound message that is not the final communication is refused in no state.
    plan_message(request, Direction::Inbound, false).unwrap_or(unchanged)
}

pub fn plan_message(
    request: &Request,
    direction: Direction,
    is_final: bool,
) -> Result<MessageEffect, TransitionError> {
    let state = request.state;
    let moved = |to| {
        Some(Transition {
            from: state,
            to,
            skipped_final_reason: None,
            clears_final: state == Closed,
        })
    };
    if is_final {
        if direction != Direction::Outbound {
            return Err(TransitionError::FinalMustBeOutbound);
        }
        return match state {
            Resolved => Ok(MessageEffect {
                transition: moved(FinalSent),
                marks_final: true,
            }),
            FinalSent => Ok(MessageEffect {
                transition: None,
                marks_final: true,
            }),
            _ => Err(TransitionError::FinalBeforeResolved { state }),
        };
    }
    let transition = match (direction, state) {
        (Direction::Inbound, Closed) => moved(Reopened),
        (Direction::Inbound, WaitingOnClient) => moved(InProgress),
        _ => None,
    };
    Ok(MessageEffect {
        transition,
        marks_final: false,
    })
}

/// Whether a request whose final communication went out closes on its own at `now`:
/// still `final_sent`, the client has not written since (`last_client_message`), and
/// `after_days` working days of the client's calendar have passed since it went out.
pub fn auto_close_due(
    request: &Request,
    last_client_message: Option<Timestamp>,
    after_days: u32,
    calendar: &BusinessCalendar,
    zone: &TimeZone,
    now: Timestamp,
) -> bool {
    let Some(sent) = request.final_sent_at else {
        return false;
    };
    if request.state != RequestState::FinalSent || last_client_message.is_some_and(|m| m > sent) {
        return false;
    }
    let wait = calendar.working_day() * i32::try_from(after_days).unwrap_or(i32::MAX);
    calendar
        .add_business_time(&sent.to_zoned_datetime(zone.clone()), wait)
        .timestamp()
        <= now
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ClientId, RequestId};
    use jiff::Timestamp;

    fn request(state: RequestState, final_sent: bool) -> Request {
        Request {
            id: RequestId(1),
            client_id: ClientId(1),
            engagement_id: None,
            subject: "月次レポートの修正".into(),
            assignee_id: None,
            state,
            due_at: None,
            final_sent_at: final_sent.then_some(Timestamp::UNIX_EPOCH),
            received_at: Timestamp::UNIX_EPOCH,
            created_at: Timestamp::UNIX_EPOCH,
            updated_at: Timestamp::UNIX_EPOCH,
            closed_at: None,
        }
    }

    #[test]
    fn a_final_communication_unanswered_for_the_working_days_closes() {
        let tokyo = TimeZone::get("Asia/Tokyo").unwrap();
        let japan = BusinessCalendar::japan();
        // Sent Friday 2026-12-25 at 17:00 in Tokyo; two working days are the hour left
        // on Friday, Monday 12-28 and eight hours of Tuesday 12-29 (no year-end closure
        // in the national calendar).
        let sent: Timestamp = "2026-12-25T08:00:00Z".parse().unwrap();
        let request = Request {
            state: FinalSent,
            final_sent_at: Some(sent),
            ..request(FinalSent, true)
        };
        let before: Timestamp = "2026-12-24T08:00:00Z".parse().unwrap();
        let due = |now: &str, client: Option<Timestamp>| {
            auto_close_due(&request, client, 2, &japan, &tokyo, now.parse().unwrap())
        };
        assert!(!due("2026-12-29T07:59:00Z", Some(before)));
        assert!(due("2026-12-29T08:00:00Z", Some(before)));
        // The client answered the final communication: a person reads it first.
        let answer = sent + jiff::SignedDuration::from_hours(1);
        assert!(!due("2027-01-10T00:00:00Z", Some(answer)));
        let reopened = Request {
            state: InProgress,
            ..request.clone()
        };
        let later = "2027-01-10T00:00:00Z".parse().unwrap();
        assert!(!auto_close_due(&reopened, None, 2, &japan, &tokyo, later));
    }

    #[test]
    fn automatic_mail_moves_no_request() {
        for &state in RequestState::ALL {
            let effect = plan_inbound_mail(&request(state, true), true);
            assert_eq!(effect.transition, None, "{state}");
        }
        let reply = plan_inbound_mail(&request(Closed, true), false);
        assert_eq!(reply.transition.map(|t| t.to), Some(Reopened));
    }

    #[test]
    fn every_pair_of_states_follows_the_table() {
        // (from, to, final already sent?, expected outcome) for every pair without a skip reason.
        let allowed: &[(RequestState, RequestState)] = &[
            (New, Clarifying),
            (New, InProgress),
            (New, WaitingOnClient),
            (Clarifying, InProgress),
            (Clarifying, WaitingOnClient),
            (InProgress, Clarifying),
            (InProgress, WaitingOnClient),
            (InProgress, Resolved),
            (WaitingOnClient, InProgress),
            (WaitingOnClient, Clarifying),
            (WaitingOnClient, Resolved),
            (Resolved, InProgress),
            (Resolved, FinalSent),
            (FinalSent, InProgress),
            (FinalSent, Closed),
            (Closed, Reopened),
            (Reopened, Clarifying),
            (Reopened, InProgress),
            (Reopened, WaitingOnClient),
            (Reopened, Resolved),
        ];
        for &from in RequestState::ALL {
            for &to in RequestState::ALL {
                let result = plan_transition(&request(from, true), to, None);
                assert_eq!(
                    result.is_ok(),
                    allowed.contains(&(from, to)),
                    "{from} -> {to}: {result:?}"
                );
            }
        }
    }

    #[test]
    fn closing_without_final_communication_is_refused() {
        for from in [
            New,
            Clarifying,
            InProgress,
            WaitingOnClient,
            Resolved,
            Reopened,
        ] {
            assert_eq!(
                plan_transition(&request(from, false), Closed, None),
                Err(TransitionError::FinalCommunicationMissing),
                "{from}"
            );
            // A blank reason is no reason.
            assert_eq!(
                plan_transition(&request(from, false), Closed, Some("   ")),
                Err(TransitionError::FinalCommunicationMissing)
            );
        }
    }

    #[test]
    fn closing_with_a_written_reason_records_it() {
        let t = plan_transition(
            &request(Resolved, false),
            Closed,
            Some("  顧客と電話で完了確認済み "),
        )
        .unwrap();
        assert_eq!(t.to, Closed);
        assert_eq!(
            t.skipped_final_reason.as_deref(),
            Some("顧客と電話で完了確認済み")
        );
    }

    #[test]
    fn a_skip_reason_is_refused_where_nothing_is_skipped() {
        assert_eq!(
            plan_transition(&request(FinalSent, true), Closed, Some("x")),
            Err(TransitionError::SkipReasonNotApplicable)
        );
        assert_eq!(
            plan_transition(&request(New, false), InProgress, Some("x")),
            Err(TransitionError::SkipReasonNotApplicable)
        );
    }

    #[test]
    fn final_sent_needs_the_message_and_rework_clears_it() {
        assert_eq!(
            plan_transition(&request(Resolved, false), FinalSent, None),
            Err(TransitionError::FinalSentNeedsMessage)
        );
        assert!(
            plan_transition(&request(FinalSent, true), InProgress, None)
                .unwrap()
                .clears_final
        );
        assert!(
            plan_transition(&request(Closed, true), Reopened, None)
                .unwrap()
                .clears_final
        );
        assert!(
            !plan_transition(&request(New, false), InProgress, None)
                .unwrap()
                .clears_final
        );
    }

    #[test]
    fn refusals_name_the_allowed_moves() {
        let err = plan_transition(&request(New, false), Resolved, None).unwrap_err();
        assert_eq!(
            err.to_string(),
            "a request cannot move from new to resolved; from new it can move to: clarifying, in_progress, waiting_on_client, closed"
        );
    }

    #[test]
    fn messages_move_requests() {
        use Direction::*;
        let cases: &[(RequestState, Direction, bool, Option<RequestState>)] = &[
            (Closed, Inbound, false, Some(Reopened)),
            (WaitingOnClient, Inbound, false, Some(InProgress)),
            (InProgress, Inbound, false, None),
            (Closed, Note, false, None),
            (Closed, Outbound, false, None),
            (Resolved, Outbound, true, Some(FinalSent)),
            (FinalSent, Outbound, true, None),
        ];
        for &(state, direction, is_final, expected) in cases {
            let effect = plan_message(&request(state, false), direction, is_final).unwrap();
            assert_eq!(
                effect.transition.map(|t| t.to),
                expected,
                "{state} {direction} final={is_final}"
            );
            assert_eq!(effect.marks_final, is_final);
        }
        assert!(
            plan_message(&request(Closed, true), Inbound, false)
                .unwrap()
                .transition
                .unwrap()
                .clears_final
        );
    }

    #[test]
    fn the_final_communication_is_outbound_and_after_resolution() {
        assert_eq!(
            plan_message(&request(Resolved, false), Direction::Note, true),
            Err(TransitionError::FinalMustBeOutbound)
        );
        assert_eq!(
            plan_message(&request(InProgress, false), Direction::Outbound, true),
            Err(TransitionError::FinalBeforeResolved { state: InProgress })
        );
    }
}
