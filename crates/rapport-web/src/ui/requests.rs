//! The request page: the thread with each inbound message's card beside it (its evidence
//! marked in the text), SLA clocks, promises and materials, the moves a person can make,
//! and the reply composer with the outbound card read as one types.

use super::card::{CardView, Segment, card_view, segments};
use super::i18n::Tr;
use super::session::Visitor;
use super::{Chrome, PageError, is_partial};
use crate::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use rapport_app::{
    AppError, CommitmentQuery, MaterialQuery, MessageInput, OutboundCard, TransitionInput,
};
use rapport_domain::{Direction, MessageId, RequestId, RequestState, manual_moves};
use rapport_store::StoreError;
use serde::Deserialize;

#[derive(Template, WebTemplate)]
#[template(path = "request.html")]
pub struct RequestPage {
    pub tr: Tr,
    pub chrome: Chrome,
    pub id: i64,
    pub subject: String,
    pub client_id: i64,
    pub client: String,
    pub state: &'static str,
    pub due: String,
    pub received: String,
    pub messages: Vec<MessageBlock>,
    pub sla: Option<SlaBlock>,
    pub commitments: Vec<Tracked>,
    pub materials: Vec<Tracked>,
    pub moves: Vec<&'static str>,
    /// The last inbound message's open questions and the reply that asks them.
    pub open_questions: Vec<&'static str>,
    pub clarifying_reply: Option<String>,
    pub composer: Composer,
    /// A refused move or send, in the reader's words.
    pub alert: Option<String>,
}

pub struct MessageBlock {
    pub id: i64,
    pub direction: &'static str,
    pub author: String,
    pub when: String,
    pub is_final: bool,
    /// Arrived after the reply being written was begun.
    pub is_new: bool,
    pub segments: Vec<Segment>,
    pub card: Option<CardView>,
}

pub struct SlaBlock {
    pub first_response: String,
    pub next_response: String,
    pub resolution: String,
    pub paused: bool,
    pub warning: bool,
    pub breaches: Vec<String>,
}

/// A promise or a materials request, as one line.
pub struct Tracked {
    pub text: String,
    pub due: String,
    pub done: bool,
    pub late: bool,
}

#[derive(Default)]
pub struct Composer {
    pub body: String,
    pub is_final: bool,
    /// The newest message the writer has seen: the thread's last, set when rendered.
    pub seen: i64,
}

#[derive(Deserialize, Default)]
pub struct PageParams {
    /// `final`: open the composer with the final communication's draft; `clarify`: with
    /// the reply that asks the open questions; `reminder`: with the reminder of
    /// `material`.
    #[serde(default)]
    pub compose: String,
    pub material: Option<i64>,
}

pub async fn page(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
    Query(params): Query<PageParams>,
) -> Result<RequestPage, PageError> {
    let tr = visitor.tr();
    let acting = visitor.acting();
    let mut composer = Composer::default();
    if let ("reminder", Some(material)) = (params.compose.as_str(), params.material) {
        let draft = state
            .app
            .reminder_draft(&acting, rapport_domain::MaterialId(material), state.now())
            .await
            .map_err(|e| PageError::of(&tr, e))?;
        composer.body = draft.body;
    }
    if params.compose == "final" {
        let draft = state
            .app
            .final_draft(&acting, RequestId(id))
            .await
            .map_err(|e| PageError::of(&tr, e))?;
        composer.body = draft.body;
        composer.is_final = true;
    }
    let mut page = render(&state, &visitor, id, composer, None, None).await?;
    if params.compose == "clarify" {
        page.composer.body = page.clarifying_reply.clone().unwrap_or_default();
    }
    Ok(page)
}

/// The page with `composer` in it; `seen`: the message the writer last saw, so newer ones
/// are marked.
async fn render(
    state: &AppState,
    visitor: &Visitor,
    id: i64,
    mut composer: Composer,
    seen: Option<i64>,
    alert: Option<String>,
) -> Result<RequestPage, PageError> {
    let tr = visitor.tr();
    let acting = visitor.acting();
    let now = state.now();
    let fail = |e: AppError| PageError::of(&tr, e);
    let thread = state
        .app
        .thread(&acting, RequestId(id))
        .await
        .map_err(fail)?;
    let sla = state.app.sla_of(&thread, now).await.map_err(fail)?;
    let request_query = Some(RequestId(id));
    let commitments = state
        .app
        .list_commitments(
            &acting,
            CommitmentQuery {
                request: request_query,
                ..Default::default()
            },
        )
        .await
        .map_err(fail)?;
    let materials = state
        .app
        .list_materials(
            &acting,
            MaterialQuery {
                request: request_query,
                ..Default::default()
            },
        )
        .await
        .map_err(fail)?;
    let client = state
        .app
        .get_client(&acting, thread.request.client_id)
        .await
        .map_err(fail)?;
    let request = &thread.request;
    let mut open_questions = Vec::new();
    let mut clarifying = None;
    let messages: Vec<MessageBlock> = thread
        .messages
        .iter()
        .map(|m| {
            let card: Option<serde_json::Value> =
                m.card.as_deref().and_then(|c| serde_json::from_str(c).ok());
            let view = card.as_ref().map(|c| card_view(&tr, c));
            if let Some(view) = &view {
                open_questions = view.open_questions.clone();
                clarifying = view.clarifying_reply.clone();
            } else if m.direction == Direction::Outbound {
                open_questions.clear();
                clarifying = None;
            }
            MessageBlock {
                id: m.id.0,
                direction: m.direction.as_str(),
                author: m.author.clone(),
                when: tr.when(&m.sent_at),
                is_final: m.is_final,
                is_new: seen.is_some_and(|seen| m.id.0 > seen),
                segments: segments(&m.body, card.as_ref()),
                card: view,
            }
        })
        .collect();
    composer.seen = thread.messages.last().map_or(0, |m| m.id.0);
    Ok(RequestPage {
        chrome: Chrome::new(visitor, "inbox"),
        id,
        subject: request.subject.clone(),
        client_id: client.id.0,
        client: client.name,
        state: request.state.as_str(),
        due: tr.when_opt(&request.due_at),
        received: tr.when(&request.received_at),
        messages,
        sla: sla.map(|s| SlaBlock {
            first_response: tr.when_opt(&s.first_response_due),
            next_response: tr.when_opt(&s.next_response_due),
            resolution: tr.when_opt(&s.resolution_due),
            paused: s.paused,
            warning: s.warning,
            breaches: s
                .breaches
                .iter()
                .map(|b| format!("{} · {}", tr.tk("sla-", b.target.as_str()), tr.when(&b.due)))
                .collect(),
        }),
        commitments: commitments
            .into_iter()
            .map(|c| Tracked {
                late: c.done_at.is_none() && c.due_at < now,
                text: c.promise,
                due: tr.when(&c.due_at),
                done: c.done_at.is_some(),
            })
            .collect(),
        materials: materials
            .into_iter()
            .map(|m| Tracked {
                late: m.received_at.is_none() && m.due_at.is_some_and(|d| d < now),
                text: m.what,
                due: tr.when_opt(&m.due_at),
                done: m.received_at.is_some(),
            })
            .collect(),
        moves: manual_moves(request.state)
            .into_iter()
            .map(RequestState::as_str)
            .collect(),
        open_questions,
        clarifying_reply: clarifying,
        composer,
        alert,
        tr,
    })
}

#[derive(Deserialize)]
pub struct ReplyForm {
    pub body: String,
    /// The checkbox: present when ticked.
    #[serde(default)]
    pub r#final: Option<String>,
    /// The newest message id the writer had seen; 0 for an empty thread.
    pub seen: i64,
}

pub async fn reply(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
    Form(form): Form<ReplyForm>,
) -> Response {
    let acting = visitor.acting();
    let tr = visitor.tr();
    let is_final = form.r#final.is_some();
    let input = MessageInput {
        direction: Direction::Outbound,
        channel: None,
        author: None,
        body: form.body.clone(),
        is_final,
        sent_at: None,
        to: Vec::new(),
    };
    let seen = MessageId(form.seen);
    let outcome = state
        .app
        .add_reply_seen(&acting, RequestId(id), input, seen, state.now())
        .await;
    let (status, alert) = match outcome {
        Ok(added) => {
            return Redirect::to(&format!("/requests/{id}#m{}", added.message.id)).into_response();
        }
        Err(AppError::Store(StoreError::Stale { newer })) => {
            (StatusCode::CONFLICT, tr.count("reply-stale", newer))
        }
        Err(error) => {
            let page = PageError::of(&tr, error);
            if page.status == StatusCode::NOT_FOUND {
                return page.into_response();
            }
            (page.status, page.message)
        }
    };
    let composer = Composer {
        body: form.body,
        is_final,
        ..Composer::default()
    };
    match render(&state, &visitor, id, composer, Some(form.seen), Some(alert)).await {
        Ok(page) => (status, page).into_response(),
        Err(error) => error.into_response(),
    }
}

#[derive(Deserialize)]
pub struct StateForm {
    pub to: String,
}

pub async fn change_state(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
    Form(form): Form<StateForm>,
) -> Response {
    let acting = visitor.acting();
    let tr = visitor.tr();
    let Ok(to) = form.to.parse::<RequestState>() else {
        return PageError::invalid(tr.t1("error-filter", "field", "to"));
    };
    let input = TransitionInput {
        to,
        skip_final_reason: None,
    };
    let error = match state
        .app
        .transition_request(&acting, RequestId(id), input, None, state.now())
        .await
    {
        Ok(_) => return Redirect::to(&format!("/requests/{id}")).into_response(),
        Err(error) => PageError::of(&tr, error),
    };
    if error.status == StatusCode::NOT_FOUND {
        return error.into_response();
    }
    let composer = Composer::default();
    match render(&state, &visitor, id, composer, None, Some(error.message)).await {
        Ok(page) => (error.status, page).into_response(),
        Err(error) => error.into_response(),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "partials/outbound_card.html")]
pub struct OutboundCardPartial {
    pub tr: Tr,
    pub card: Option<OutboundCard>,
    pub dues: Vec<String>,
    pub ask_dues: Vec<String>,
}

#[derive(Deserialize)]
pub struct PreviewForm {
    #[serde(default)]
    pub body: String,
}

/// The outbound card of the reply being written (htmx only).
pub async fn outbound_card(
    State(state): State<AppState>,
    visitor: Visitor,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Form(form): Form<PreviewForm>,
) -> Response {
    let tr = visitor.tr();
    if !is_partial(&headers) {
        return PageError::new(StatusCode::BAD_REQUEST, tr.t("error-partial-only")).into_response();
    }
    let card = if form.body.trim().is_empty() {
        None
    } else {
        let acting = visitor.acting();
        match state
            .app
            .preview_reply(&acting, RequestId(id), form.body, state.now())
            .await
        {
            Ok(card) => Some(card),
            Err(AppError::Invalid { .. }) => None,
            Err(error) => return PageError::of(&tr, error).into_response(),
        }
    };
    let when = |due: &Option<jiff::ZonedDateTime>| {
        due.as_ref()
            .map(|d| tr.when(&d.timestamp()))
            .unwrap_or_else(|| tr.t("card-no-time"))
    };
    let dues = card
        .iter()
        .flat_map(|c| &c.commitments)
        .map(|p| when(&p.due))
        .collect();
    let ask_dues = card
        .iter()
        .flat_map(|c| &c.asks)
        .map(|a| when(&a.due))
        .collect();
    OutboundCardPartial {
        tr,
        card,
        dues,
        ask_dues,
    }
    .into_response()
}
