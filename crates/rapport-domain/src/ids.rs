//! Typed row identifiers, so a client id can never be passed where a request id belongs.

macro_rules! id_type {
    ($($(#[$meta:meta])* $name:ident),+ $(,)?) => {$(
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    )+};
}

id_type!(
    /// A client organisation.
    ClientId,
    /// A person at a client.
    ContactId,
    /// A contract with a client: scope, rates, cadence.
    EngagementId,
    /// A request: one thread of work.
    RequestId,
    /// One message in a request's thread.
    MessageId,
    /// A promise to get back to someone.
    CommitmentId,
    /// Something the client is to send us: files, access, a decision.
    MaterialId,
    /// A person who works the desk.
    UserId,
    /// A personal API token.
    TokenId,
    /// One entry of the audit trail.
    ActivityId,
    /// Something the proactive engine told a person.
    NotificationId,
    /// A signed-in browser.
    SessionId,
    /// A person's saved inbox filter.
    SavedViewId,
);
