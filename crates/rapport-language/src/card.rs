//! The decoded card: every field the decoder outputs, each with the text that produced it.

use crate::detect::Lang;
use crate::text::Span;
use rapport_domain::{
    CARD_VERSION, CardFacts, OpenQuestion, Politeness, RequestKind, ScopeVerdict, ToneLabel,
    UrgencyLevel,
};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Card {
    /// The dominant language of what the sender wrote now.
    pub language: Lang,
    /// Every language with a real share of the text.
    pub languages: Vec<Lang>,
    /// What the message asks for, most likely first.
    pub kinds: Vec<KindScore>,
    pub urgency: Urgency,
    /// `None` when the message says nothing about time.
    pub deadline: Option<Deadline>,
    /// Someone behind the sender who really wants it.
    pub requester: Option<Requester>,
    pub purpose: Option<Purpose>,
    pub tone: Tone,
    /// Present when the caller gave the engagement's scope.
    pub scope: Option<Scope>,
    /// What must be asked before saying yes: deadline, audience, purpose, acceptance,
    /// materials, budget.
    pub open_questions: Vec<OpenQuestion>,
    /// A reply asking the open questions, in the client's language and register.
    pub clarifying_reply: Option<String>,
}

impl Card {
    /// The facts a message is filed under.
    pub fn facts(&self) -> CardFacts {
        CardFacts {
            version: CARD_VERSION,
            language: self.language.as_str().to_owned(),
            urgency: self.urgency.level,
            primary_kind: self.kinds.first().map(|k| k.kind),
            deadline_due: self
                .deadline
                .as_ref()
                .and_then(|d| d.due.as_ref())
                .map(jiff::ZonedDateTime::timestamp),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KindScore {
    pub kind: RequestKind,
    /// Share of the kind signals found, 0 to 1.
    pub score: f32,
    pub evidence: Vec<Span>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Urgency {
    /// Whether the text says how urgent it is (ASAP, 至急, no rush).
    pub stated: bool,
    pub level: UrgencyLevel,
    pub evidence: Vec<Span>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Deadline {
    /// The latest moment the phrase allows, in the client's zone (shown as RFC 3339 with
    /// the client's offset); `None` when the deadline is vague.
    #[serde(serialize_with = "rfc3339_with_offset")]
    pub due: Option<jiff::ZonedDateTime>,
    /// The due date in the client's zone.
    pub date: Option<String>,
    pub time_stated: bool,
    pub phrase: String,
    /// Urgency without a date: ask when exactly, and what happens then.
    pub vague: bool,
    pub evidence: Vec<Span>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Requester {
    /// boss, director, ceo or executives.
    pub role: String,
    pub phrase: String,
    pub evidence: Vec<Span>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Purpose {
    /// board_meeting, executive_meeting, monthly_report, quarterly_report, weekly_report,
    /// report, budget, approval, press, internal_sharing, pitch, meeting, event or
    /// client_demo.
    pub purpose: String,
    /// Who will read the deliverable.
    pub audience: &'static str,
    pub suggested_format: &'static str,
    pub evidence: Vec<Span>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tone {
    pub label: ToneLabel,
    /// keigo or plain (ja), polite or blunt (zh, en).
    pub politeness: Politeness,
    pub evidence: Vec<Span>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scope {
    pub verdict: ScopeVerdict,
    pub matched_item: Option<String>,
    pub evidence: Vec<Span>,
}

pub(crate) fn rfc3339_with_offset<S: serde::Serializer>(
    due: &Option<jiff::ZonedDateTime>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match due {
        Some(due) => serializer.collect_str(&due.strftime("%Y-%m-%dT%H:%M:%S%:z")),
        None => serializer.serialize_none(),
    }
}

/// Who reads a deliverable made for `purpose`, and the format that serves them.
pub fn audience_and_format(purpose: &str) -> (&'static str, &'static str) {
    match purpose {
        "board_meeting" => ("board", "executive summary with slides"),
        "executive_meeting" => ("executives", "executive summary with slides"),
        "monthly_report" | "quarterly_report" | "weekly_report" => {
            ("management", "key figures in a forwardable summary")
        }
        "budget" => ("budget approvers", "cost breakdown with justification"),
        "press" => ("press", "press-ready text with images"),
        "internal_sharing" => ("colleagues", "forwardable email"),
        "pitch" => ("prospective client", "slides"),
        "report" => (
            "management",
            "findings and figures in a forwardable summary",
        ),
        "approval" => (
            "approvers",
            "decision summary with options and a recommendation",
        ),
        "meeting" => ("meeting attendees", "slides or a one-page handout"),
        "event" => (
            "event visitors",
            "print- or screen-ready files to the event's specifications",
        ),
        "client_demo" => (
            "the client's customer",
            "a working demo with a scripted walkthrough",
        ),
        _ => ("unknown", "forwardable email"),
    }
}
