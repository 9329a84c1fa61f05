//! People who work the desk and what they may do.

use crate::{EmailAddress, LanguageTag, SavedViewId, TimeZoneName, TokenId, UserId, text_enum};
use jiff::Timestamp;

text_enum!(
    /// What a user may do: admins manage users and tokens, managers own clients,
    /// agents work requests.
    Role, "role" {
        Admin => "admin",
        Manager => "manager",
        Agent => "agent",
    }
);

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct User {
    pub id: UserId,
    pub name: String,
    pub email: EmailAddress,
    pub role: Role,
    /// Where the person works: notifications wait for their working hours there. None:
    /// the hours of the client a notification is about.
    pub time_zone: Option<TimeZoneName>,
    /// Who hears of this person's overdue promises; none: the client's managers.
    pub manager_id: Option<UserId>,
    /// The language the person reads the desk in; none: what their browser asks for.
    pub language: Option<LanguageTag>,
    /// Set when the account was turned off: it signs in nowhere, its sessions and
    /// tokens stop working, its history stays.
    pub disabled_at: Option<Timestamp>,
    /// Since when the person signs in with a one-time code after the password.
    pub second_factor_at: Option<Timestamp>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewUser {
    pub name: String,
    pub email: EmailAddress,
    pub role: Role,
}

/// A personal API token as the desk keeps it: its label and dates, never the token.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ApiToken {
    pub id: TokenId,
    pub user_id: UserId,
    pub name: String,
    pub created_at: Timestamp,
    /// Set once the token is revoked; it no longer authenticates.
    pub revoked_at: Option<Timestamp>,
}

/// An inbox filter a person saved under a name, to open again in one click.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SavedView {
    pub id: SavedViewId,
    pub user_id: UserId,
    pub name: String,
    /// The inbox's query string (`state=resolved&urgency=urgent`).
    pub query: String,
}
