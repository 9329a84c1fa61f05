//! Today: the proactive engine's agenda, grouped by kind, most consequential first;
//! each line opens its request or client, with its draft one click away.

use super::i18n::Tr;
use super::session::Visitor;
use super::{Chrome, PageError};
use crate::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use rapport_app::AgendaLine;
use serde::Deserialize;

#[derive(Template, WebTemplate)]
#[template(path = "today.html")]
pub struct TodayPage {
    pub tr: Tr,
    pub chrome: Chrome,
    pub mine: bool,
    pub total: usize,
    pub groups: Vec<Group>,
}

pub struct Group {
    pub kind: &'static str,
    pub items: Vec<Line>,
}

pub struct Line {
    pub title: String,
    pub client: Option<String>,
    pub href: Option<String>,
    pub due: Option<String>,
    pub reason: String,
    pub draft_subject: String,
    pub draft_body: String,
    /// Opens the request's composer with this draft in it.
    pub compose_href: Option<String>,
}

#[derive(Deserialize)]
pub struct TodayParams {
    /// Only my promises and the requests assigned to me.
    #[serde(default)]
    pub mine: bool,
}

pub async fn page(
    State(state): State<AppState>,
    visitor: Visitor,
    Query(params): Query<TodayParams>,
) -> Result<TodayPage, PageError> {
    let tr = visitor.tr();
    let acting = visitor.acting();
    let whose = params.mine.then_some(visitor.user.id);
    let lines = state
        .app
        .today(&acting, whose, state.now())
        .await
        .map_err(|e| PageError::of(&tr, e))?;
    let ids: Vec<_> = lines.iter().filter_map(|l| l.item.client_id).collect();
    let clients = state
        .app
        .clients_among(&acting, &ids)
        .await
        .map_err(|e| PageError::of(&tr, e))?;
    let total = lines.len();
    let mut groups: Vec<Group> = Vec::new();
    for line in lines {
        let kind = line.item.kind.as_str();
        let entry = line_view(&tr, line, &clients);
        match groups.last_mut() {
            Some(group) if group.kind == kind => group.items.push(entry),
            _ => groups.push(Group {
                kind,
                items: vec![entry],
            }),
        }
    }
    Ok(TodayPage {
        chrome: Chrome::new(&visitor, "today"),
        tr,
        mine: params.mine,
        total,
        groups,
    })
}

fn line_view(
    tr: &Tr,
    line: AgendaLine,
    clients: &std::collections::HashMap<rapport_domain::ClientId, rapport_domain::Client>,
) -> Line {
    let item = line.item;
    let kind = item.kind.as_str();
    let href = match (item.request_id, item.client_id) {
        (Some(request), _) => Some(format!("/requests/{request}")),
        (None, Some(client)) => Some(format!("/clients/{client}")),
        (None, None) => None,
    };
    let compose_href = match (item.request_id, &line.draft, kind) {
        (Some(request), Some(_), "final_communication_pending") => {
            Some(format!("/requests/{request}?compose=final#composer"))
        }
        (Some(request), Some(_), "materials_reminder" | "materials_overdue") => Some(format!(
            "/requests/{request}?compose=reminder&material={}#composer",
            item.subject_id
        )),
        _ => None,
    };
    let due = item.due_at.as_ref().map(|d| tr.when(d));
    let reason = tr.t1(
        &format!("agenda-reason-{kind}"),
        "due",
        due.clone().unwrap_or_default(),
    );
    let (draft_subject, draft_body) = line.draft.map(|d| (d.subject, d.body)).unwrap_or_default();
    Line {
        title: item.title,
        client: item
            .client_id
            .and_then(|id| clients.get(&id))
            .map(|c| c.name.clone()),
        href,
        due,
        reason,
        draft_subject,
        draft_body,
        compose_href,
    }
}
