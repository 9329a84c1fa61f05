//! The inbox: requests the reader may see, filtered by state, client and assignee,
//! newest first, walked with the keyboard (j / k / Enter, by key position so they work
//! on any layout).

use super::i18n::Tr;
use super::session::Visitor;
use super::{Chrome, PageError};
use crate::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use rapport_app::{Acting, RequestQuery};
use rapport_domain::{ClientId, RequestState, UserId};
use serde::Deserialize;

/// Rows on one page of the inbox.
const PAGE_ROWS: u32 = 100;

#[derive(Template, WebTemplate)]
#[template(path = "inbox.html")]
pub struct InboxPage {
    pub tr: Tr,
    pub chrome: Chrome,
    pub rows: Vec<Row>,
    pub states: Vec<&'static str>,
    pub clients: Vec<(i64, String)>,
    pub filter: InboxParams,
    /// The cursor of the next page, when there is one.
    pub next: Option<String>,
}

pub struct Row {
    pub id: i64,
    pub subject: String,
    pub client: String,
    pub state: &'static str,
    pub due: String,
    pub received: String,
    pub overdue: bool,
}

#[derive(Deserialize, Default, Clone)]
pub struct InboxParams {
    #[serde(default)]
    pub state: String,
    #[serde(default)]
    pub client: String,
    /// `me` for the reader's own requests.
    #[serde(default)]
    pub assignee: String,
    #[serde(default)]
    pub before: Option<i64>,
}

impl InboxParams {
    /// The query string of this filter with `before` set, for the next page.
    pub fn next_page(&self, before: i64) -> String {
        format!(
            "/inbox?state={}&client={}&assignee={}&before={before}",
            self.state, self.client, self.assignee
        )
    }
}

pub async fn page(
    State(state): State<AppState>,
    visitor: Visitor,
    Query(filter): Query<InboxParams>,
) -> Result<InboxPage, PageError> {
    let tr = visitor.tr();
    let acting = Acting::user(&visitor.user);
    let now = state.now();
    let refuse = |field: &str| {
        PageError::new(
            axum::http::StatusCode::BAD_REQUEST,
            tr.t1("error-filter", "field", field),
        )
    };
    let query = RequestQuery {
        state: match filter.state.as_str() {
            "" => None,
            s => Some(s.parse::<RequestState>().map_err(|_| refuse("state"))?),
        },
        client: match filter.client.as_str() {
            "" => None,
            c => Some(ClientId(c.parse().map_err(|_| refuse("client"))?)),
        },
        assignee: match filter.assignee.as_str() {
            "" => None,
            "me" => Some(visitor.user.id),
            a => Some(UserId(a.parse().map_err(|_| refuse("assignee"))?)),
        },
        before_id: filter.before,
        limit: PAGE_ROWS + 1,
    };
    let mut requests = state
        .app
        .list_requests(&acting, query)
        .await
        .map_err(|e| PageError::of(&tr, e))?;
    let more = requests.len() > PAGE_ROWS as usize;
    requests.truncate(PAGE_ROWS as usize);
    let all_clients = state
        .app
        .list_clients(&acting)
        .await
        .map_err(|e| PageError::of(&tr, e))?;
    let names: std::collections::HashMap<_, _> = all_clients
        .iter()
        .map(|c| (c.id, c.name.as_str()))
        .collect();
    let rows = requests
        .iter()
        .map(|r| Row {
            id: r.id.0,
            subject: r.subject.clone(),
            client: names.get(&r.client_id).copied().unwrap_or("").to_owned(),
            state: r.state.as_str(),
            due: tr.when_opt(&r.due_at),
            received: tr.when(&r.received_at),
            overdue: r.due_at.is_some_and(|d| d < now)
                && !matches!(r.state, RequestState::Closed | RequestState::FinalSent),
        })
        .collect();
    Ok(InboxPage {
        chrome: Chrome::new(&visitor, "inbox"),
        next: more
            .then(|| requests.last().map(|r| filter.next_page(r.id.0)))
            .flatten(),
        rows,
        states: RequestState::ALL.iter().map(|s| s.as_str()).collect(),
        clients: all_clients.into_iter().map(|c| (c.id.0, c.name)).collect(),
        filter,
        tr,
    })
}
