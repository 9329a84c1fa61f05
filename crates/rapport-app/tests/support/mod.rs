//! What the application layer's tests set up alike.

#![allow(dead_code)]

use rapport_app::{ClientInput, EngagementInput, RequestInput};
use rapport_domain::{Cadence, ClientId, EngagementId, LanguageTag, TimeZoneName};

/// A client in `zone` writing `language`.
pub fn client_input(name: &str, zone: &str, language: &str) -> ClientInput {
    ClientInput {
        name: name.into(),
        time_zone: TimeZoneName::parse(zone).unwrap(),
        languages: vec![LanguageTag::parse(language).unwrap()],
        calendar: None,
        domains: Vec::new(),
    }
}

/// A request of `client`, under `engagement` when given.
pub fn request_input(
    client: ClientId,
    engagement: Option<EngagementId>,
    subject: &str,
) -> RequestInput {
    RequestInput {
        client_id: client,
        engagement_id: engagement,
        subject: subject.into(),
        assignee_id: None,
        due_at: None,
        received_at: None,
    }
}

/// An engagement of `client` with no scope, policy, hours or cadence of its own.
pub fn engagement_input(client: ClientId, name: &str) -> EngagementInput {
    EngagementInput {
        client_id: client,
        name: name.into(),
        scope_included: Vec::new(),
        scope_excluded: Vec::new(),
        extra_rate: None,
        hour_budget: None,
        sla_policy_id: None,
        auto_close_after_days: None,
        working_hours: None,
        cadence: Cadence::default(),
    }
}
