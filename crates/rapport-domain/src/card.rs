//! The decoded card's vocabulary: the closed sets of values the decoder answers with,
//! and the facts of a card that the desk files a message under (Today, search and the
//! inbox filter on them without reading the card's JSON).

use crate::text_enum;
use jiff::Timestamp;

/// The card layout a stored card was written in; raised when its fields change meaning.
pub const CARD_VERSION: i32 = 1;

text_enum!(
    /// What a client message asks for.
    RequestKind, "kind" {
        Question => "question",
        NewWork => "new_work",
        ChangeRequest => "change_request",
        Incident => "incident",
        Complaint => "complaint",
        MaterialDelivery => "material_delivery",
        Approval => "approval",
        Payment => "payment",
        SmallTalk => "small_talk",
    }
);

text_enum!(
    /// How urgent the sender says it is.
    UrgencyLevel, "urgency level" {
        Urgent => "urgent",
        Normal => "normal",
        Low => "low",
    }
);

text_enum!(
    /// How the sender sounds.
    ToneLabel, "tone" {
        Calm => "calm",
        Anxious => "anxious",
        Frustrated => "frustrated",
        Angry => "angry",
        Appreciative => "appreciative",
    }
);

text_enum!(
    /// The register the sender writes in: 敬語 or plain Japanese, polite or blunt otherwise.
    Politeness, "politeness" {
        Keigo => "keigo",
        Plain => "plain",
        Polite => "polite",
        Blunt => "blunt",
    }
);

impl Politeness {
    /// Whether a reply should answer in the polite register.
    pub fn is_polite(self) -> bool {
        matches!(self, Politeness::Keigo | Politeness::Polite)
    }
}

text_enum!(
    /// Whether a request falls under the engagement's scope.
    ScopeVerdict, "scope verdict" {
        In => "in",
        Out => "out",
        Unclear => "unclear",
    }
);

text_enum!(
    /// What must be asked before saying yes.
    OpenQuestion, "open question" {
        Deadline => "deadline",
        Audience => "audience",
        Purpose => "purpose",
        Acceptance => "acceptance",
        Materials => "materials",
        Budget => "budget",
    }
);

text_enum!(
    /// A habit the composer's linter points out in a reply of ours.
    LintRule, "lint rule" {
        /// "I have good news and bad news": the reader braces and waits.
        BadNewsOpening => "bad_news_opening",
        /// The cause put on the client.
        Blame => "blame",
        /// A certainty nobody can give.
        OverPromise => "over_promise",
        /// A technical term for a reader who is not technical.
        Jargon => "jargon",
        /// Bad news with no plan and no date.
        MissingNextStep => "missing_next_step",
        /// A question of the client's mail the reply does not address.
        UnansweredQuestion => "unanswered_question",
    }
);

/// The facts of a decoded card that are stored as columns of its message.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CardFacts {
    /// `CARD_VERSION` when the card was written.
    pub version: i32,
    /// `en`, `ja` or `zh`.
    pub language: String,
    pub urgency: UrgencyLevel,
    /// The most likely kind.
    pub primary_kind: Option<RequestKind>,
    /// The latest moment the deadline allows; none when vague or absent.
    pub deadline_due: Option<Timestamp>,
}

/// A decoded card as a message stores it: its JSON and its filed facts.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredCard {
    pub json: String,
    pub facts: CardFacts,
}
