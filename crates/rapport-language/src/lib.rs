//! Rapport's request decoder: what a client really wants, by when, for whom.

pub mod detect;
mod quoted;
pub mod text;
pub mod time;
