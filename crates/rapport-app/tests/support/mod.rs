//! What the application layer's tests set up alike.

#![allow(dead_code)]

use rapport_app::{ClientInput, RequestInput};
use rapport_domain::{ClientId, EngagementId, LanguageTag, TimeZoneName};

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
