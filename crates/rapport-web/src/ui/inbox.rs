//! The inbox: requests the reader may see, filtered by state, client, assignee, due
//! time, urgency and language, newest or soonest due first, with each person's saved
//! views; walked with the keyboard (j / k / Enter, by key position so they work on any
//! layout).

use super::i18n::Tr;
use super::session::Visitor;
use super::{Chrome, PageError};
use crate::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use jiff::{SignedDuration, Timestamp};
use rapport_app::{RequestOrder, RequestQuery};
use rapport_domain::{ClientId, RequestState, SavedViewId, UrgencyLevel, UserId};
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
    /// The filter as a query string, to save as a view.
    pub query: String,
    pub views: Vec<(i64, String, String)>,
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
    /// `overdue`, `today` or `week`: open requests due by then.
    #[serde(default)]
    pub due: String,
    #[serde(default)]
    pub urgency: String,
    /// `ja`, `zh` or `en`.
    #[serde(default)]
    pub language: String,
    /// `due`: soonest due first; newest first otherwise.
    #[serde(default)]
    pub sort: String,
    #[serde(default)]
    pub before: Option<i64>,
}

impl InboxParams {
    /// This filter as a query string, without the page cursor.
    fn query(&self) -> String {
        [
            ("state", &self.state),
            ("client", &self.client),
            ("assignee", &self.assignee),
            ("due", &self.due),
            ("urgency", &self.urgency),
            ("language", &self.language),
            ("sort", &self.sort),
        ]
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", super::session::encode_component(v)))
        .collect::<Vec<_>>()
        .join("&")
    }

    /// The application's query for this filter, read in the reader's zone at `now`.
    fn to_query(&self, tr: &Tr, me: UserId, now: Timestamp) -> Result<RequestQuery, String> {
        let bad = |field: &str| tr.t1("error-filter", "field", field);
        let due_before = match self.due.as_str() {
            "" => None,
            "overdue" => Some(now),
            "today" => {
                let local = now.to_zoned_datetime(tr.zone.clone());
                let midnight = local.date().tomorrow().map_err(|_| bad("due"))?;
                let end = midnight
                    .to_zoned_datetime(tr.zone.clone())
                    .map_err(|_| bad("due"))?;
                Some(end.timestamp())
            }
            "week" => Some(now + SignedDuration::from_hours(24 * 7)),
            _ => return Err(bad("due")),
        };
        Ok(RequestQuery {
            state: match self.state.as_str() {
                "" => None,
                s => Some(s.parse::<RequestState>().map_err(|_| bad("state"))?),
            },
            client: match self.client.as_str() {
                "" => None,
                c => Some(ClientId(c.parse().map_err(|_| bad("client"))?)),
            },
            assignee: match self.assignee.as_str() {
                "" => None,
                "me" => Some(me),
                a => Some(UserId(a.parse().map_err(|_| bad("assignee"))?)),
            },
            urgency: match self.urgency.as_str() {
                "" => None,
                u => Some(u.parse::<UrgencyLevel>().map_err(|_| bad("urgency"))?),
            },
            language: Some(self.language.clone()).filter(|l| !l.is_empty()),
            due_before,
            order: match self.sort.as_str() {
                "" | "newest" => RequestOrder::Newest,
                "due" => RequestOrder::DueSoonest,
                _ => return Err(bad("sort")),
            },
            before_id: self.before,
            limit: PAGE_ROWS + 1,
        })
    }
}

pub async fn page(
    State(state): State<AppState>,
    visitor: Visitor,
    Query(filter): Query<InboxParams>,
) -> Result<InboxPage, PageError> {
    let tr = visitor.tr();
    let acting = visitor.acting();
    let now = state.now();
    let query = filter
        .to_query(&tr, visitor.user.id, now)
        .map_err(|message| PageError::new(StatusCode::BAD_REQUEST, message))?;
    let newest_first = query.order == RequestOrder::Newest;
    let fail = |e| PageError::of(&tr, e);
    let mut requests = state
        .app
        .list_requests(&acting, query)
        .await
        .map_err(fail)?;
    let more = requests.len() > PAGE_ROWS as usize;
    requests.truncate(PAGE_ROWS as usize);
    let clients = state.app.list_clients(&acting).await.map_err(fail)?;
    let names: std::collections::HashMap<_, _> =
        clients.iter().map(|c| (c.id, c.name.as_str())).collect();
    let views = state.app.saved_views(&acting).await.map_err(fail)?;
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
    let query = filter.query();
    let next = (more && newest_first)
        .then(|| requests.last())
        .flatten()
        .map(|last| format!("/inbox?{query}&before={}", last.id));
    Ok(InboxPage {
        chrome: Chrome::new(&visitor, "inbox"),
        next,
        rows,
        states: RequestState::ALL.iter().map(|s| s.as_str()).collect(),
        clients: clients.into_iter().map(|c| (c.id.0, c.name)).collect(),
        views: views
            .into_iter()
            .map(|v| (v.id.0, v.name, v.query))
            .collect(),
        query,
        filter,
        tr,
    })
}

#[derive(Deserialize)]
pub struct SaveViewForm {
    pub name: String,
    #[serde(default)]
    pub query: String,
}

/// Saves the inbox's current filter under a name.
pub async fn save_view(
    State(state): State<AppState>,
    visitor: Visitor,
    Form(form): Form<SaveViewForm>,
) -> Response {
    let acting = visitor.acting();
    match state
        .app
        .save_view(&acting, &form.name, &form.query, state.now())
        .await
    {
        Ok(view) => Redirect::to(&format!("/inbox?{}", view.query)).into_response(),
        Err(error) => PageError::of(&visitor.tr(), error).into_response(),
    }
}

pub async fn delete_view(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
) -> Response {
    let acting = visitor.acting();
    super::redirect_or(
        &visitor,
        state.app.delete_saved_view(&acting, SavedViewId(id)).await,
        "/inbox",
    )
}
