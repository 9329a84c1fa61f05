//! Route handlers, one file per resource.

pub mod activity;
pub mod calendar_feed;
pub mod calendars;
pub mod clients;
pub mod commitments;
pub mod decode;
pub mod health;
pub mod mailboxes;
pub mod materials;
pub mod notifications;
pub mod outbox;
pub mod requests;
pub mod sla;
pub mod today;
pub mod tokens;
pub mod triage;

use crate::error::ApiError;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use rapport_app::views::Page;
use rapport_store::Created;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// `limit` and `cursor` of every list.
#[derive(Deserialize, IntoParams)]
pub struct PageParams {
    /// Items per page, 1 to 200; 50 when absent.
    pub limit: Option<u32>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

impl PageParams {
    pub const MAX_LIMIT: u32 = 200;

    /// The page size and the id to continue below, or a 400 naming the bad parameter.
    pub fn resolve(&self) -> Result<(u32, Option<i64>), ApiError> {
        let limit = self.limit.unwrap_or(50);
        if !(1..=Self::MAX_LIMIT).contains(&limit) {
            return Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                "invalid_query",
                "limit must be between 1 and 200",
            )
            .with_field("limit"));
        }
        let before = match &self.cursor {
            None => None,
            Some(c) => Some(c.parse::<i64>().map_err(|_| {
                ApiError::new(
                    StatusCode::BAD_REQUEST,
                    "invalid_query",
                    "cursor is not one this server issued",
                )
                .with_field("cursor")
            })?),
        };
        Ok((limit, before))
    }
}

/// Builds a page from `limit + 1` fetched rows: the extra row only says there is more.
pub fn page<T, V: ToSchema>(
    mut rows: Vec<T>,
    limit: u32,
    id: impl Fn(&T) -> i64,
    view: impl Fn(T) -> V,
) -> Page<V> {
    let more = rows.len() > limit as usize;
    rows.truncate(limit as usize);
    let next_cursor = if more {
        rows.last().map(|r| id(r).to_string())
    } else {
        None
    };
    Page {
        items: rows.into_iter().map(view).collect(),
        next_cursor,
    }
}

/// 201 with the created resource; a replayed idempotent request says so in a header.
pub fn created<T, V: Serialize>(outcome: Created<T>, view: impl FnOnce(T) -> V) -> Response {
    created_view(outcome.replayed, view(outcome.value))
}

/// 201 with `view`, saying in a header when it answers a replayed idempotent request.
pub fn created_view<V: Serialize>(replayed: bool, view: V) -> Response {
    let mut headers = HeaderMap::new();
    if replayed {
        headers.insert("idempotent-replayed", HeaderValue::from_static("true"));
    }
    (StatusCode::CREATED, headers, axum::Json(view)).into_response()
}

/// Parses a text parameter into one of the domain's text enums, naming the field on failure.
pub fn parse_enum<T: std::str::FromStr<Err = rapport_domain::UnknownVariant>>(
    field: &str,
    value: &str,
) -> Result<T, ApiError> {
    value
        .parse()
        .map_err(|e: rapport_domain::UnknownVariant| ApiError::invalid_field(field, e.to_string()))
}
