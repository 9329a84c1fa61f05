//! People: users, their API tokens, and the audit trail of what they did.

use jiff::Timestamp;
use rapport_domain as d;
use serde::Serialize;
use utoipa::ToSchema;

/// A personal API token: its label and dates, never the token.
#[derive(Serialize, ToSchema)]
pub struct TokenView {
    pub id: i64,
    pub user_id: i64,
    pub name: String,
    #[schema(value_type = String, format = DateTime)]
    pub created_at: Timestamp,
    #[schema(value_type = Option<String>, format = DateTime)]
    pub revoked_at: Option<Timestamp>,
}

impl From<d::ApiToken> for TokenView {
    fn from(token: d::ApiToken) -> Self {
        Self {
            id: token.id.0,
            user_id: token.user_id.0,
            name: token.name,
            created_at: token.created_at,
            revoked_at: token.revoked_at,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct ActivityView {
    pub id: i64,
    /// The user who acted; absent when the system did (CLI, demo loader).
    pub actor_user_id: Option<i64>,
    pub actor_name: String,
    pub subject_type: String,
    pub subject_id: i64,
    /// `created`, `transitioned`, `final_skipped`, `completed`.
    pub action: String,
    pub before: Option<String>,
    pub after: Option<String>,
    /// A person's written reason, e.g. why the final communication was skipped.
    pub note: Option<String>,
    #[schema(value_type = String, format = DateTime)]
    pub at: Timestamp,
}

impl From<d::Activity> for ActivityView {
    fn from(a: d::Activity) -> Self {
        Self {
            id: a.id.0,
            actor_user_id: a.actor.user_id().map(|u| u.0),
            actor_name: a.actor.name().to_owned(),
            subject_type: a.subject_type.as_str().to_owned(),
            subject_id: a.subject_id,
            action: a.action,
            before: a.before,
            after: a.after,
            note: a.note,
            at: a.at,
        }
    }
}

/// A person who works the desk.
#[derive(Serialize, ToSchema)]
pub struct UserView {
    pub id: i64,
    pub name: String,
    pub email: String,
    /// `admin`, `manager` or `agent`.
    pub role: String,
    /// Where the person works; notifications wait for their working hours there.
    pub time_zone: Option<String>,
    /// Who hears of this person's overdue promises.
    pub manager_id: Option<i64>,
    /// Whether the person signs in to the web desk with a one-time code after the password.
    pub second_factor: bool,
    #[schema(value_type = String, format = DateTime)]
    pub created_at: Timestamp,
    #[schema(value_type = String, format = DateTime)]
    pub updated_at: Timestamp,
}

impl From<d::User> for UserView {
    fn from(u: d::User) -> Self {
        Self {
            id: u.id.0,
            name: u.name,
            email: u.email.into(),
            role: u.role.as_str().to_owned(),
            time_zone: u.time_zone.map(|z| z.as_str().to_owned()),
            manager_id: u.manager_id.map(|m| m.0),
            second_factor: u.second_factor_at.is_some(),
            created_at: u.created_at,
            updated_at: u.updated_at,
        }
    }
}
