//! `/api/v1/requests`: create, list, read with thread, move through the lifecycle, add messages.

use super::{PageParams, created, created_view, page, parse_enum};
use crate::AppState;
use crate::auth::CurrentUser;
use crate::error::{ApiError, ErrorBody};
use crate::extract::{Id, Params, Write};
use axum::Json;
use axum::extract::State;
use axum::response::Response;
use jiff::Timestamp;
use rapport_app::views::{DraftView, MaterialView, MessageAdded, Page, RequestView, ThreadView};
use rapport_app::{MessageInput, RequestInput, RequestQuery, TransitionInput};
use rapport_domain::{Channel, ClientId, Direction, EngagementId, RequestId, RequestState, UserId};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateRequest {
    pub client_id: i64,
    pub engagement_id: Option<i64>,
    pub subject: String,
    pub assignee_id: Option<i64>,
    /// RFC 3339 with an offset, e.g. `2026-12-04T18:00:00+09:00`.
    #[schema(value_type = Option<String>, format = DateTime)]
    pub due_at: Option<Timestamp>,
    /// When the client's request reached us (a call, a chat); now when absent. The SLA
    /// clocks start here.
    #[schema(value_type = Option<String>, format = DateTime)]
    pub received_at: Option<Timestamp>,
}

#[utoipa::path(post, path = "/api/v1/requests", tag = "requests", request_body = CreateRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "makes retries safe")),
    responses((status = 201, body = RequestView), (status = 422, body = ErrorBody)))]
pub async fn create_request(
    State(state): State<AppState>,
    input: Write<CreateRequest>,
) -> Result<Response, ApiError> {
    let body = input.body;
    let new = RequestInput {
        client_id: ClientId(body.client_id),
        engagement_id: body.engagement_id.map(EngagementId),
        subject: body.subject,
        assignee_id: body.assignee_id.map(UserId),
        due_at: body.due_at,
        received_at: body.received_at,
    };
    let outcome = state
        .app
        .create_request(
            &input.user.acting(),
            new,
            input.idempotency.as_ref(),
            state.now(),
        )
        .await?;
    Ok(created(outcome, RequestView::from))
}

#[derive(Deserialize, IntoParams)]
pub struct RequestParams {
    /// Only requests in this state.
    pub state: Option<String>,
    /// Only requests of this client id.
    pub client: Option<i64>,
    /// Only requests assigned to this user id.
    pub assignee: Option<i64>,
    /// Only requests with a client message the decoder read at this urgency: `urgent`,
    /// `normal` or `low`.
    pub urgency: Option<String>,
    /// Only requests with a client message in this language: `ja`, `zh` or `en`.
    pub language: Option<String>,
    /// Only open requests (final communication not sent) due before this moment (RFC 3339).
    #[param(value_type = Option<String>, format = DateTime)]
    pub due_before: Option<Timestamp>,
    /// Items per page, 1 to 200; 50 when absent.
    pub limit: Option<u32>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/requests", tag = "requests", params(RequestParams),
    responses((status = 200, body = Page<RequestView>), (status = 400, body = ErrorBody)))]
pub async fn list_requests(
    State(state): State<AppState>,
    user: CurrentUser,
    Params(query): Params<RequestParams>,
) -> Result<Json<Page<RequestView>>, ApiError> {
    let (limit, before_id) = PageParams {
        limit: query.limit,
        cursor: query.cursor,
    }
    .resolve()?;
    let query = RequestQuery {
        state: query
            .state
            .as_deref()
            .map(|s| parse_enum("state", s))
            .transpose()?,
        client: query.client.map(ClientId),
        assignee: query.assignee.map(UserId),
        urgency: query
            .urgency
            .as_deref()
            .map(|u| parse_enum("urgency", u))
            .transpose()?,
        language: query.language,
        due_before: query.due_before,
        before_id,
        limit: limit + 1,
        ..Default::default()
    };
    let rows = state.app.list_requests(&user.acting(), query).await?;
    Ok(Json(page(rows, limit, |r| r.id.0, RequestView::from)))
}

#[utoipa::path(get, path = "/api/v1/requests/{id}", tag = "requests", params(("id" = i64, Path)),
    responses((status = 200, body = ThreadView), (status = 404, body = ErrorBody)))]
pub async fn get_request(
    State(state): State<AppState>,
    user: CurrentUser,
    Id(id): Id,
) -> Result<Json<ThreadView>, ApiError> {
    let acting = user.acting();
    let thread = state.app.thread(&acting, RequestId(id)).await?;
    let now = state.now();
    let sla = state.app.sla_of(&thread, now).await?;
    let risks = state.app.deadline_risks(&thread, now).await?;
    let mut view: ThreadView = thread.into();
    view.request.sla = sla.map(Into::into);
    view.request.deadline_at_risk = Some(
        risks
            .into_iter()
            .map(|m| MaterialView::new(m, now))
            .collect(),
    );
    Ok(Json(view))
}

/// The final communication drafted in the client's language: what was done (the
/// promises kept on the request), whether it is what the client needed and whether we
/// may close, the next step; to review and send with `final`.
#[utoipa::path(get, path = "/api/v1/requests/{id}/final-draft", tag = "requests", params(("id" = i64, Path)),
    responses((status = 200, body = DraftView), (status = 404, body = ErrorBody)))]
pub async fn final_draft(
    State(state): State<AppState>,
    user: CurrentUser,
    Id(id): Id,
) -> Result<Json<DraftView>, ApiError> {
    let draft = state.app.final_draft(&user.acting(), RequestId(id)).await?;
    Ok(Json(draft.into()))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TransitionBody {
    /// The state to move to.
    #[schema(value_type = String, example = "in_progress")]
    pub to: RequestState,
    /// Only when closing without the final communication: why, in writing. It is audited.
    pub skip_final_reason: Option<String>,
}

#[utoipa::path(post, path = "/api/v1/requests/{id}/transitions", tag = "requests", request_body = TransitionBody,
    params(("id" = i64, Path), ("Idempotency-Key" = Option<String>, Header)),
    responses((status = 201, body = RequestView), (status = 409, body = ErrorBody, description = "the lifecycle refuses the move")))]
pub async fn transition_request(
    State(state): State<AppState>,
    Id(id): Id,
    input: Write<TransitionBody>,
) -> Result<Response, ApiError> {
    let body = input.body;
    let transition = TransitionInput {
        to: body.to,
        skip_final_reason: body.skip_final_reason,
    };
    let outcome = state
        .app
        .transition_request(
            &input.user.acting(),
            RequestId(id),
            transition,
            input.idempotency.as_ref(),
            state.now(),
        )
        .await?;
    Ok(created(outcome, RequestView::from))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MessageBody {
    /// `inbound` (from the client), `outbound` (to the client) or `note` (internal).
    #[schema(value_type = String, example = "outbound")]
    pub direction: Direction,
    /// `email`, `chat`, `phone`, `web` or `api`; `api` when absent.
    #[schema(value_type = Option<String>)]
    pub channel: Option<Channel>,
    /// Who wrote it; the calling user for outbound messages and notes when absent.
    pub author: Option<String>,
    pub body: String,
    /// This outbound message is the final communication (what was done, satisfied?, may we close).
    #[serde(default)]
    pub r#final: bool,
    /// When it was sent; now when absent.
    #[schema(value_type = Option<String>, format = DateTime)]
    pub sent_at: Option<Timestamp>,
    /// An outbound `email` goes out through the outbox when the desk sends mail: to these
    /// addresses, or to whoever sent the thread's last client mail when absent.
    #[serde(default)]
    pub to: Vec<String>,
}

#[utoipa::path(post, path = "/api/v1/requests/{id}/messages", tag = "requests", request_body = MessageBody,
    params(("id" = i64, Path), ("Idempotency-Key" = Option<String>, Header)),
    responses((status = 201, body = MessageAdded), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn add_message(
    State(state): State<AppState>,
    Id(id): Id,
    input: Write<MessageBody>,
) -> Result<Response, ApiError> {
    let body = input.body;
    let message = MessageInput {
        direction: body.direction,
        channel: body.channel,
        author: body.author,
        body: body.body,
        is_final: body.r#final,
        sent_at: body.sent_at,
        to: body.to,
    };
    let outcome = state
        .app
        .add_message(
            &input.user.acting(),
            RequestId(id),
            message,
            input.idempotency.as_ref(),
            state.now(),
        )
        .await?;
    Ok(created_view(outcome.replayed, MessageAdded::from(outcome)))
}

#[utoipa::path(get, path = "/api/v1/messages/{id}/attachments/{sha256}", tag = "requests",
    params(("id" = i64, Path), ("sha256" = String, Path, description = "the attachment's sha256 from the message")),
    responses((status = 200, description = "the attachment's bytes, as a download"),
        (status = 404, body = ErrorBody), (status = 410, body = ErrorBody, description = "over the size limit: only described")))]
pub async fn download_attachment(
    State(state): State<AppState>,
    user: CurrentUser,
    axum::extract::Path((id, sha256)): axum::extract::Path<(String, String)>,
) -> Result<Response, ApiError> {
    let id = crate::extract::parse_id(&id)?;
    let (meta, bytes) = state
        .app
        .attachment(&user.acting(), rapport_domain::MessageId(id), &sha256)
        .await?;
    Ok(download(meta.content_type, &meta.filename, bytes))
}

#[utoipa::path(get, path = "/api/v1/messages/{id}/raw", tag = "requests", params(("id" = i64, Path)),
    responses((status = 200, description = "the message exactly as it arrived by mail (message/rfc822)"),
        (status = 404, body = ErrorBody)))]
pub async fn raw_message(
    State(state): State<AppState>,
    user: CurrentUser,
    Id(id): Id,
) -> Result<Response, ApiError> {
    let raw = state
        .app
        .raw_message(&user.acting(), rapport_domain::MessageId(id))
        .await?;
    Ok(download(
        "message/rfc822".to_owned(),
        &format!("message-{id}.eml"),
        raw,
    ))
}

/// Bytes as a download, never rendered: an HTML attachment must not run as our page.
fn download(content_type: String, filename: &str, bytes: Vec<u8>) -> Response {
    use axum::http::header;
    use axum::response::IntoResponse;
    let ascii_name = filename.replace(
        |c: char| !c.is_ascii_graphic() && c != ' ' || c == '"' || c == '\\',
        "_",
    );
    let disposition = format!(
        "attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{}",
        percent_encode(filename)
    );
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CONTENT_DISPOSITION, disposition),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_owned()),
        ],
        bytes,
    )
        .into_response()
}

/// RFC 5987 value characters kept, every other byte as `%XX`.
fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}
