//! Who may do what: a pure function of the actor's rights, the action and its subject.
//!
//! Admins manage users, other people's tokens and settings; managers manage clients,
//! engagements, memberships and assignments; agents work the requests of the clients
//! they are members of. What an agent may not see does not exist for them: acting on
//! another client's request is refused exactly as a missing one would be, so ids of
//! other clients do not leak. The system (the command line without `--as`, the demo
//! loader, mail ingestion) holds every right.

use crate::Role;

/// Whose rights an action is checked against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rights {
    /// The desk acting on its own: every right.
    System,
    Role(Role),
}

/// Something a user does, grouped by the least role that may do it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Add users, change roles.
    ManageUsers,
    /// SLA policies, calendars, mailboxes.
    ManageSettings,
    /// Create a client.
    CreateClient,
    /// Add or change the terms of a client: its engagements and mail domains.
    ManageEngagements,
    /// Say who works a client.
    ManageMembers,
    /// Give a request to someone other than oneself.
    AssignRequests,
    /// Sort mail from unknown senders, take in mail, and watch and retry outgoing mail.
    ManageMail,
    /// See a client and what hangs off it: contacts, engagements, requests, activity.
    ReadClient,
    /// Create requests, add messages and contacts, move requests, track commitments.
    WorkRequests,
    /// List or revoke an API token.
    UseToken,
    /// Decode a text without storing it.
    Decode,
}

impl Action {
    /// The least role that may take this action on a subject it can see.
    pub fn least_role(self) -> Role {
        match self {
            Action::ManageUsers | Action::ManageSettings => Role::Admin,
            Action::CreateClient
            | Action::ManageEngagements
            | Action::ManageMembers
            | Action::AssignRequests
            | Action::ManageMail => Role::Manager,
            Action::ReadClient | Action::WorkRequests | Action::UseToken | Action::Decode => {
                Role::Agent
            }
        }
    }

    /// What the action is, for a refusal a person reads.
    pub fn describe(self) -> &'static str {
        match self {
            Action::ManageUsers => "manage users",
            Action::ManageSettings => "change settings",
            Action::CreateClient => "create clients",
            Action::ManageEngagements => "manage engagements and mail domains",
            Action::ManageMembers => "change who works a client",
            Action::AssignRequests => "assign requests to others",
            Action::ManageMail => "manage the desk's mail",
            Action::ReadClient => "see this client",
            Action::WorkRequests => "work requests",
            Action::UseToken => "use API tokens",
            Action::Decode => "decode messages",
        }
    }
}

/// What an action is about, as far as the policy cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    /// Nothing client-bound: the desk as a whole.
    Desk,
    /// Something of one client; `member` says whether the actor works that client.
    Client { member: bool },
    /// Something a user owns (an API token); `own` says whether it is the actor's.
    Owned { own: bool },
}

/// Why the policy refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// The actor may see the subject but not do this to it (HTTP 403).
    #[error("a user with role {role} may not {}; ask a {} (or an admin)", action.describe(), action.least_role())]
    Forbidden { role: Role, action: Action },
    /// The subject does not exist for this actor; answer as if it were missing (404).
    #[error("not visible to this user")]
    Hidden,
}

fn rank(role: Role) -> u8 {
    match role {
        Role::Agent => 0,
        Role::Manager => 1,
        Role::Admin => 2,
    }
}

/// Decides whether `rights` may take `action` on `subject`.
pub fn authorize(rights: Rights, action: Action, subject: Subject) -> Result<(), Refusal> {
    let role = match rights {
        Rights::System => return Ok(()),
        Rights::Role(role) => role,
    };
    let visible = match subject {
        Subject::Desk => true,
        Subject::Client { member } => member || role != Role::Agent,
        Subject::Owned { own } => own || role == Role::Admin,
    };
    if !visible {
        return Err(Refusal::Hidden);
    }
    if rank(role) < rank(action.least_role()) {
        return Err(Refusal::Forbidden { role, action });
    }
    Ok(())
}

/// Whether a user with `role` works only the clients they are members of.
pub fn scoped_to_membership(rights: Rights) -> bool {
    rights == Rights::Role(Role::Agent)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Action::*;

    const MEMBER: Subject = Subject::Client { member: true };
    const OTHER: Subject = Subject::Client { member: false };

    fn outcome(rights: Rights, action: Action, subject: Subject) -> &'static str {
        match authorize(rights, action, subject) {
            Ok(()) => "allow",
            Err(Refusal::Forbidden { .. }) => "403",
            Err(Refusal::Hidden) => "404",
        }
    }

    #[test]
    fn every_role_against_every_action() {
        let agent = Rights::Role(Role::Agent);
        let manager = Rights::Role(Role::Manager);
        let admin = Rights::Role(Role::Admin);
        // (action, subject, agent, manager, admin)
        let table = [
            (ManageUsers, Subject::Desk, "403", "403", "allow"),
            (ManageSettings, Subject::Desk, "403", "403", "allow"),
            (CreateClient, Subject::Desk, "403", "allow", "allow"),
            (ManageEngagements, MEMBER, "403", "allow", "allow"),
            (ManageEngagements, OTHER, "404", "allow", "allow"),
            (ManageMembers, MEMBER, "403", "allow", "allow"),
            (AssignRequests, MEMBER, "403", "allow", "allow"),
            (ReadClient, MEMBER, "allow", "allow", "allow"),
            (ReadClient, OTHER, "404", "allow", "allow"),
            (WorkRequests, MEMBER, "allow", "allow", "allow"),
            (WorkRequests, OTHER, "404", "allow", "allow"),
            (
                UseToken,
                Subject::Owned { own: true },
                "allow",
                "allow",
                "allow",
            ),
            (
                UseToken,
                Subject::Owned { own: false },
                "404",
                "404",
                "allow",
            ),
            (Decode, Subject::Desk, "allow", "allow", "allow"),
        ];
        for (action, subject, a, m, ad) in table {
            assert_eq!(
                outcome(agent, action, subject),
                a,
                "agent {action:?} {subject:?}"
            );
            assert_eq!(
                outcome(manager, action, subject),
                m,
                "manager {action:?} {subject:?}"
            );
            assert_eq!(
                outcome(admin, action, subject),
                ad,
                "admin {action:?} {subject:?}"
            );
            assert_eq!(outcome(Rights::System, action, subject), "allow");
        }
    }

    #[test]
    fn a_refusal_says_who_may() {
        let error = authorize(Rights::Role(Role::Agent), CreateClient, Subject::Desk).unwrap_err();
        assert_eq!(
            error.to_string(),
            "a user with role agent may not create clients; ask a manager (or an admin)"
        );
        assert!(scoped_to_membership(Rights::Role(Role::Agent)));
        assert!(!scoped_to_membership(Rights::Role(Role::Manager)));
        assert!(!scoped_to_membership(Rights::System));
    }
}
