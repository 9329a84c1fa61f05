//! What the desk shows: the JSON shapes of the API and of the CLI's `--json`, one per
//! object, with their OpenAPI schemas (description only; nothing here knows HTTP), one
//! file per concept.

mod clients;
mod engine;
mod mail;
mod people;
mod requests;
mod tracked;

pub use clients::*;
pub use engine::*;
pub use mail::*;
pub use people::*;
pub use requests::*;
pub use tracked::*;

use serde::Serialize;
use utoipa::ToSchema;

/// One page of a list, newest first; pass `next_cursor` as `cursor` for the next page.
#[derive(Serialize, ToSchema)]
pub struct Page<T: ToSchema> {
    pub items: Vec<T>,
    /// Absent on the last page.
    pub next_cursor: Option<String>,
}
