//! `Reason`: why a posture or a health score reads as it does, as a stable code and its
//! figures, so each front door words it in its reader's language. `Display` is the
//! English wording the API and the command line show.

use std::fmt;

/// Every code a reason is given, for the front doors' catalogues to cover.
pub const REASON_CODES: &[&str] = &[
    "incidents_and_anger",
    "requests_above_usual",
    "requests_below_usual",
    "urgent_share",
    "revisions_share",
    "slower_answers",
    "silent_days",
    "unmet_breaches",
    "recent_breaches",
    "overdue_promises",
    "skipped_finals",
    "anger_rising",
    "out_of_scope",
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason {
    /// `requests_above_usual`, `silent_days`, ...: one per sentence below.
    pub code: &'static str,
    /// The sentence's numbers, in its order.
    pub figures: Vec<String>,
}

impl Reason {
    pub fn new(code: &'static str, figures: &[&dyn fmt::Display]) -> Self {
        Self {
            code,
            figures: figures.iter().map(|f| f.to_string()).collect(),
        }
    }

    fn figure(&self, n: usize) -> &str {
        self.figures.get(n).map_or("?", String::as_str)
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (a, b) = (self.figure(0), self.figure(1));
        match self.code {
            "incidents_and_anger" => write!(
                f,
                "{a} incident or complaint message(s) and {b} frustrated or angry one(s) in the last 28 days"
            ),
            "requests_above_usual" | "requests_below_usual" => {
                write!(f, "{a} requests in the last 28 days against {b} usually")
            }
            "urgent_share" => write!(f, "{a} of {b} messages urgent in the last 28 days"),
            "revisions_share" => {
                write!(f, "{a} of {b} messages ask for changes in the last 28 days")
            }
            "slower_answers" => write!(f, "answers take {a} days against {b} usually"),
            "silent_days" => write!(f, "no message from the client for {a} days"),
            "unmet_breaches" => write!(f, "{a} SLA target(s) missed and still unmet"),
            "recent_breaches" => write!(f, "{a} SLA breach(es) in the last 28 days"),
            "overdue_promises" => write!(f, "{a} promise(s) of ours overdue"),
            "skipped_finals" => write!(
                f,
                "{a} request(s) closed without a final communication in the last 28 days"
            ),
            "anger_rising" => {
                write!(f, "frustrated or angry in {a}% of messages, up from {b}%")
            }
            "out_of_scope" => {
                write!(
                    f,
                    "{a} requests outside the agreed scope in the last 28 days"
                )
            }
            other => write!(f, "{other} {}", self.figures.join(" ")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_its_english_sentence() {
        for code in REASON_CODES {
            let text = Reason::new(code, &[&3, &"1.5"]).to_string();
            assert!(!text.starts_with(code), "{code} has no sentence");
            assert!(text.contains('3'), "{code}: {text}");
        }
        assert_eq!(
            Reason::new("silent_days", &[&"21"]).to_string(),
            "no message from the client for 21 days"
        );
    }
}
