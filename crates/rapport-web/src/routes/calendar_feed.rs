//! `/calendar/<secret>.ics`: a person's iCalendar feed (RFC 5545), reached by its secret
//! address because calendar programs cannot send a token; and `POST
//! /api/v1/calendar-link`, which gives the signed-in person a new address.

use crate::AppState;
use crate::auth::{CurrentUser, FEED_PREFIX};
use crate::error::ApiError;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use jiff::Timestamp;
use rapport_app::{FeedEvent, FeedTime};
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Serialize, ToSchema)]
pub struct CalendarLink {
    /// The feed's path on this server: subscribe to `https://<host><path>`. Keep it
    /// secret; asking again makes a new one and the old one stops working.
    pub path: String,
}

#[utoipa::path(post, path = "/api/v1/calendar-link", tag = "today",
    responses((status = 201, body = CalendarLink)))]
pub async fn calendar_link(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<(StatusCode, Json<CalendarLink>), ApiError> {
    let acting = user.acting();
    let id = acting
        .user_id()
        .ok_or_else(|| ApiError::unauthorized("a calendar belongs to a person"))?;
    let secret = state.app.calendar_link(&acting, id, state.now()).await?;
    Ok((
        StatusCode::CREATED,
        Json(CalendarLink {
            path: format!("{FEED_PREFIX}{secret}.ics"),
        }),
    ))
}

/// The feed, or the same 404 for any address that is not someone's.
pub async fn feed(State(state): State<AppState>, Path(file): Path<String>) -> Response {
    let not_found = || StatusCode::NOT_FOUND.into_response();
    let Some(secret) = file.strip_suffix(".ics") else {
        return not_found();
    };
    match state.app.calendar_feed(secret, state.now()).await {
        Ok(Some((person, events))) => (
            [
                (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
                (header::CACHE_CONTROL, "private, max-age=300"),
            ],
            ics(&person.name, &events, state.now()),
        )
            .into_response(),
        Ok(None) => not_found(),
        Err(error) => ApiError::from(error).into_response(),
    }
}

/// A calendar of `events` as RFC 5545 text: CRLF line ends, lines folded at 75 octets
/// without splitting a character, text values escaped.
fn ics(name: &str, events: &[FeedEvent], now: Timestamp) -> String {
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_owned(),
        "VERSION:2.0".to_owned(),
        "PRODID:-//Rapport//Today//EN".to_owned(),
        "CALSCALE:GREGORIAN".to_owned(),
        format!("X-WR-CALNAME:{}", escape(&format!("Rapport: {name}"))),
    ];
    let stamp = utc(now);
    for event in events {
        lines.push("BEGIN:VEVENT".to_owned());
        lines.push(format!("UID:{}@rapport", event.uid));
        lines.push(format!("DTSTAMP:{stamp}"));
        match event.when {
            FeedTime::At(at) => {
                // A due moment: a quarter of an hour ending at it.
                let start = at - jiff::SignedDuration::from_mins(15);
                lines.push(format!("DTSTART:{}", utc(start)));
                lines.push(format!("DTEND:{}", utc(at)));
            }
            FeedTime::Day(day) => {
                let next = day.tomorrow().unwrap_or(day);
                lines.push(format!("DTSTART;VALUE=DATE:{}", day.strftime("%Y%m%d")));
                lines.push(format!("DTEND;VALUE=DATE:{}", next.strftime("%Y%m%d")));
            }
        }
        lines.push(format!("SUMMARY:{}", escape(&event.title)));
        lines.push(format!("DESCRIPTION:{}", escape(&event.description)));
        lines.push("END:VEVENT".to_owned());
    }
    lines.push("END:VCALENDAR".to_owned());
    let mut out = String::new();
    for line in lines {
        fold(&line, &mut out);
    }
    out
}

fn utc(at: Timestamp) -> String {
    at.strftime("%Y%m%dT%H%M%SZ").to_string()
}

/// Backslash, semicolon, comma and line breaks escaped as RFC 5545 asks.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends `line` folded into 75-octet pieces (continuations start with a space).
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_japanese_lines_fold_between_characters_and_text_is_escaped() {
        let events = vec![FeedEvent {
            uid: "commitment-1".into(),
            title: "Promised: 修正版を明日の15時までにお送りいたします、よろしくお願いいたします"
                .into(),
            description: "a; b, c\nd".into(),
            when: FeedTime::At("2026-12-08T06:00:00Z".parse().unwrap()),
        }];
        let text = ics("田中 健", &events, "2026-12-07T01:00:00Z".parse().unwrap());
        for line in text.split("\r\n") {
            assert!(line.len() <= 75, "{line:?}");
        }
        let unfolded = text.replace("\r\n ", "");
        assert!(
            unfolded
                .contains("SUMMARY:Promised: 修正版を明日の15時までにお送りいたします、よろしく"),
            "{unfolded}"
        );
        assert!(
            unfolded.contains("DESCRIPTION:a\\; b\\, c\\nd"),
            "{unfolded}"
        );
        assert!(
            unfolded.contains("DTSTART:20261208T054500Z\r\nDTEND:20261208T060000Z"),
            "{unfolded}"
        );
        assert!(text.ends_with("END:VCALENDAR\r\n"));
    }
}
