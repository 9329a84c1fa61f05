//! Rapport's request decoder for English, Japanese and Chinese: what a client really
//! wants, by when, for whom, and what to ask before saying yes.
//!
//! Pure and deterministic: no I/O, no network, no model; lexicons are data files in
//! `lexicons/` compiled into the binary. Every field of the card carries the spans of
//! text (character offsets into the text as given) that produced it.

mod card;
mod data;
mod deadline;
mod decode;
pub mod detect;
pub mod drafts;
mod kind_model;
mod kinds;
mod lexicon;
mod outbound;
mod purpose;
mod quoted;
mod replies;
mod scope;
pub mod text;
pub mod time;

pub use card::*;
pub use data::{DataError, check_data};
pub use decode::{DecodeError, DecodeInput, MAX_TEXT_BYTES, decode};
pub use detect::Lang;
pub use kind_model::train as train_kind_model;
pub use outbound::{Ask, Finding, OutboundCard, OutboundInput, Promise, read_outbound};
