//! What the proactive engine told the reader (the newest 200, as the application layer
//! lists them): unread first, each opening its request, marked read one by one.

use super::i18n::Tr;
use super::session::Visitor;
use super::{Chrome, PageError};
use crate::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::response::Response;
use rapport_domain::NotificationId;

#[derive(Template, WebTemplate)]
#[template(path = "notifications.html")]
pub struct NotificationsPage {
    pub tr: Tr,
    pub chrome: Chrome,
    pub items: Vec<Item>,
}

pub struct Item {
    pub id: i64,
    pub kind: &'static str,
    pub title: String,
    pub href: String,
    pub when: String,
    pub unread: bool,
}

pub async fn page(
    State(state): State<AppState>,
    visitor: Visitor,
) -> Result<NotificationsPage, PageError> {
    let tr = visitor.tr();
    let acting = visitor.acting();
    let mut notifications = state
        .app
        .list_notifications(&acting, None, false, state.now())
        .await
        .map_err(|e| PageError::of(&tr, e))?;
    // Unread first, newest first within each.
    notifications.sort_by(|a, b| {
        (a.read_at.is_some(), std::cmp::Reverse(a.deliver_at))
            .cmp(&(b.read_at.is_some(), std::cmp::Reverse(b.deliver_at)))
    });
    let items = notifications
        .into_iter()
        .map(|n| Item {
            id: n.id.0,
            kind: n.kind.as_str(),
            href: n.request_id.map_or_else(
                || format!("/clients/{}", n.client_id),
                |r| format!("/requests/{r}"),
            ),
            when: tr.when(&n.deliver_at),
            unread: n.read_at.is_none(),
            title: n.title,
        })
        .collect();
    Ok(NotificationsPage {
        chrome: Chrome::new(&visitor, "notifications"),
        tr,
        items,
    })
}

pub async fn read(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
) -> Response {
    let acting = visitor.acting();
    super::redirect_or(
        &visitor,
        state
            .app
            .read_notification(&acting, NotificationId(id), state.now())
            .await,
        "/notifications",
    )
}
