//! `/api/v1/clients`, their contacts, engagements and members.

use super::created;
use crate::AppState;
use crate::auth::CurrentUser;
use crate::error::{ApiError, ErrorBody};
use crate::extract::{Id, Write};
use axum::Json;
use axum::extract::State;
use axum::response::Response;
use rapport_app::views::{
    CadenceView, ClientView, ContactView, EngagementView, StandingView, UserView,
};
use rapport_app::{AppError, ClientInput, ContactInput, EngagementInput};
use rapport_domain::{
    Cadence, ClientId, ContactId, EmailAddress, EngagementId, EngagementTerms, LanguageTag,
    TimeZoneName, UserId, WorkingHours,
};
use serde::Deserialize;
use utoipa::ToSchema;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateClient {
    /// The organisation's name as the client writes it (株式会社ひだまり食品).
    pub name: String,
    /// IANA time zone, e.g. `Asia/Tokyo`.
    #[schema(value_type = String, example = "Asia/Tokyo")]
    pub time_zone: TimeZoneName,
    /// BCP 47 tags of the languages the client works in.
    #[serde(default)]
    #[schema(value_type = Vec<String>, example = json!(["ja"]))]
    pub languages: Vec<LanguageTag>,
    /// `jp`, `cn` or `none`; defaults from the time zone.
    pub calendar: Option<String>,
    /// Mail domains the client's people write from (`example.co.jp`); free-mail domains are refused.
    #[serde(default)]
    pub domains: Vec<String>,
}

#[utoipa::path(post, path = "/api/v1/clients", tag = "clients", request_body = CreateClient,
    params(("Idempotency-Key" = Option<String>, Header, description = "makes retries safe")),
    responses((status = 201, body = ClientView), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create_client(
    State(state): State<AppState>,
    input: Write<CreateClient>,
) -> Result<Response, ApiError> {
    let body = input.body;
    let new = ClientInput {
        name: body.name,
        time_zone: body.time_zone,
        languages: body.languages,
        calendar: body.calendar,
        domains: body.domains,
    };
    let outcome = state
        .app
        .create_client(
            &input.user.acting(),
            new,
            input.idempotency.as_ref(),
            state.now(),
        )
        .await?;
    Ok(created(outcome, ClientView::from))
}

#[utoipa::path(get, path = "/api/v1/clients", tag = "clients", responses((status = 200, body = Vec<ClientView>)))]
pub async fn list_clients(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Json<Vec<ClientView>>, ApiError> {
    let clients = state.app.list_clients(&user.acting()).await?;
    Ok(Json(clients.into_iter().map(Into::into).collect()))
}

#[utoipa::path(get, path = "/api/v1/clients/{id}", tag = "clients", params(("id" = i64, Path)),
    responses((status = 200, body = ClientView), (status = 404, body = ErrorBody)))]
pub async fn get_client(
    State(state): State<AppState>,
    user: CurrentUser,
    Id(id): Id,
) -> Result<Json<ClientView>, ApiError> {
    let client = state.app.get_client(&user.acting(), ClientId(id)).await?;
    Ok(Json(client.into()))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AddDomain {
    /// `example.co.jp`: mail from a new address there joins this client.
    pub domain: String,
}

#[utoipa::path(post, path = "/api/v1/clients/{id}/domains", tag = "clients", request_body = AddDomain,
    params(("id" = i64, Path)),
    responses((status = 201, body = ClientView, description = "the client after the change"),
        (status = 409, body = ErrorBody, description = "the domain belongs to another client"),
        (status = 422, body = ErrorBody)))]
pub async fn add_domain(
    State(state): State<AppState>,
    Id(client): Id,
    input: Write<AddDomain>,
) -> Result<(axum::http::StatusCode, Json<ClientView>), ApiError> {
    let client = state
        .app
        .add_client_domain(
            &input.user.acting(),
            ClientId(client),
            &input.body.domain,
            state.now(),
        )
        .await?;
    Ok((axum::http::StatusCode::CREATED, Json(client.into())))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateContact {
    pub name: String,
    #[schema(value_type = String)]
    pub email: EmailAddress,
    /// Job title in the client's language (広報部 部長, 市场总监).
    pub role: Option<String>,
    /// Whether technical vocabulary is fine with this person.
    #[serde(default)]
    pub technical: bool,
    /// Id of the contact this one reports to, at the same client.
    pub reports_to: Option<i64>,
}

#[utoipa::path(post, path = "/api/v1/clients/{id}/contacts", tag = "clients", request_body = CreateContact,
    params(("id" = i64, Path), ("Idempotency-Key" = Option<String>, Header)),
    responses((status = 201, body = ContactView), (status = 422, body = ErrorBody)))]
pub async fn create_contact(
    State(state): State<AppState>,
    Id(client): Id,
    input: Write<CreateContact>,
) -> Result<Response, ApiError> {
    let body = input.body;
    let new = ContactInput {
        client_id: ClientId(client),
        name: body.name,
        email: body.email,
        role: body.role,
        technical: body.technical,
        reports_to: body.reports_to.map(ContactId),
    };
    let outcome = state
        .app
        .create_contact(
            &input.user.acting(),
            new,
            input.idempotency.as_ref(),
            state.now(),
        )
        .await?;
    Ok(created(outcome, ContactView::from))
}

#[utoipa::path(get, path = "/api/v1/clients/{id}/contacts", tag = "clients", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<ContactView>), (status = 404, body = ErrorBody)))]
pub async fn list_contacts(
    State(state): State<AppState>,
    user: CurrentUser,
    Id(id): Id,
) -> Result<Json<Vec<ContactView>>, ApiError> {
    let contacts = state
        .app
        .list_contacts(&user.acting(), ClientId(id))
        .await?;
    Ok(Json(contacts.into_iter().map(Into::into).collect()))
}

#[utoipa::path(get, path = "/api/v1/contacts/{id}", tag = "clients", params(("id" = i64, Path)),
    responses((status = 200, body = ContactView), (status = 404, body = ErrorBody)))]
pub async fn get_contact(
    State(state): State<AppState>,
    user: CurrentUser,
    Id(id): Id,
) -> Result<Json<ContactView>, ApiError> {
    let contact = state.app.get_contact(&user.acting(), ContactId(id)).await?;
    Ok(Json(contact.into()))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateEngagement {
    pub name: String,
    #[serde(default)]
    pub scope_included: Vec<String>,
    #[serde(default)]
    pub scope_excluded: Vec<String>,
    /// Price of work outside scope, as the contract states it.
    pub extra_rate: Option<String>,
    pub hour_budget: Option<f64>,
    pub sla_policy_id: Option<String>,
    /// The intervals `{"report_every_days", "check_in_after_days", "meeting_every_weeks"}`,
    /// or the shorthand `weekly`, `biweekly` or `monthly` (a report every 5, 10 or 20
    /// working days).
    pub cadence: Option<CadenceInput>,
    /// Close a request this many working days after its final communication when the
    /// client has not replied (1 to 60); absent: a person closes it.
    pub auto_close_after_days: Option<u32>,
    /// The engagement's own working hours for its SLA clocks (`10:00-19:00`); absent: the
    /// calendar's.
    pub working_hours: Option<String>,
}

#[derive(Deserialize, ToSchema)]
#[serde(untagged)]
pub enum CadenceInput {
    Shorthand(String),
    Intervals(CadenceView),
}

impl CadenceInput {
    fn parse(self) -> Result<Cadence, ApiError> {
        match self {
            CadenceInput::Intervals(view) => Ok(view.into()),
            CadenceInput::Shorthand(text) => Cadence::shorthand(&text).ok_or_else(|| {
                AppError::invalid(
                    "cadence",
                    format!(
                        "unknown cadence {text:?}: use weekly, biweekly, monthly or the intervals"
                    ),
                )
                .into()
            }),
        }
    }
}

#[utoipa::path(post, path = "/api/v1/clients/{id}/engagements", tag = "clients", request_body = CreateEngagement,
    params(("id" = i64, Path), ("Idempotency-Key" = Option<String>, Header)),
    responses((status = 201, body = EngagementView), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create_engagement(
    State(state): State<AppState>,
    Id(client): Id,
    input: Write<CreateEngagement>,
) -> Result<Response, ApiError> {
    let body = input.body;
    let new = EngagementInput {
        client_id: ClientId(client),
        name: body.name,
        scope_included: body.scope_included,
        scope_excluded: body.scope_excluded,
        extra_rate: body.extra_rate,
        hour_budget: body.hour_budget,
        sla_policy_id: body.sla_policy_id,
        auto_close_after_days: body.auto_close_after_days,
        working_hours: parse_hours(body.working_hours.as_deref())?,
        cadence: body
            .cadence
            .map(CadenceInput::parse)
            .transpose()?
            .unwrap_or_default(),
    };
    let outcome = state
        .app
        .create_engagement(
            &input.user.acting(),
            new,
            input.idempotency.as_ref(),
            state.now(),
        )
        .await?;
    Ok(created(outcome, EngagementView::from))
}

#[utoipa::path(get, path = "/api/v1/clients/{id}/engagements", tag = "clients", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<EngagementView>), (status = 404, body = ErrorBody)))]
pub async fn list_engagements(
    State(state): State<AppState>,
    user: CurrentUser,
    Id(id): Id,
) -> Result<Json<Vec<EngagementView>>, ApiError> {
    let engagements = state
        .app
        .list_engagements(&user.acting(), ClientId(id))
        .await?;
    Ok(Json(engagements.into_iter().map(Into::into).collect()))
}

/// The client's posture (with its play) and health (with its reasons and history).
#[utoipa::path(get, path = "/api/v1/clients/{id}/standing", tag = "clients", params(("id" = i64, Path)),
    responses((status = 200, body = StandingView), (status = 404, body = ErrorBody)))]
pub async fn client_standing(
    State(state): State<AppState>,
    user: CurrentUser,
    Id(id): Id,
) -> Result<Json<StandingView>, ApiError> {
    let standing = state
        .app
        .client_standing(&user.acting(), ClientId(id), state.now())
        .await?;
    Ok(Json(standing.into()))
}

/// The engagement's progress report went out (drafted on Today): the next one is due its
/// interval from now.
#[utoipa::path(post, path = "/api/v1/engagements/{id}/report-sent", tag = "clients", params(("id" = i64, Path)),
    responses((status = 204), (status = 404, body = ErrorBody)))]
pub async fn report_sent(
    State(state): State<AppState>,
    user: CurrentUser,
    Id(id): Id,
) -> Result<axum::http::StatusCode, ApiError> {
    state
        .app
        .report_sent(&user.acting(), EngagementId(id), state.now())
        .await?;
    Ok(axum::http::StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/api/v1/engagements/{id}", tag = "clients", params(("id" = i64, Path)),
    responses((status = 200, body = EngagementView), (status = 404, body = ErrorBody)))]
pub async fn get_engagement(
    State(state): State<AppState>,
    user: CurrentUser,
    Id(id): Id,
) -> Result<Json<EngagementView>, ApiError> {
    let engagement = state
        .app
        .get_engagement(&user.acting(), EngagementId(id))
        .await?;
    Ok(Json(engagement.into()))
}

/// How an engagement is served, as a whole: what is absent is none.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EngagementTermsBody {
    /// The SLA policy its requests are held to, by id or name.
    pub sla_policy_id: Option<String>,
    /// As in creating an engagement: the intervals or `weekly`, `biweekly`, `monthly`.
    pub cadence: Option<CadenceInput>,
    pub auto_close_after_days: Option<u32>,
    /// The engagement's own working hours (`10:00-19:00`).
    pub working_hours: Option<String>,
}

impl EngagementTermsBody {
    fn parse(self) -> Result<EngagementTerms, ApiError> {
        Ok(EngagementTerms {
            sla_policy_id: self.sla_policy_id,
            working_hours: parse_hours(self.working_hours.as_deref())?,
            cadence: self
                .cadence
                .map(CadenceInput::parse)
                .transpose()?
                .unwrap_or_default(),
            auto_close_after_days: self.auto_close_after_days,
        })
    }
}

fn parse_hours(text: Option<&str>) -> Result<Option<WorkingHours>, ApiError> {
    text.map(WorkingHours::parse)
        .transpose()
        .map_err(|e| AppError::invalid("working_hours", e.to_string()).into())
}

/// Changes how an engagement is served; its requests' SLA clocks follow at once.
#[utoipa::path(put, path = "/api/v1/engagements/{id}/terms", tag = "clients", request_body = EngagementTermsBody,
    params(("id" = i64, Path)),
    responses((status = 200, body = EngagementView), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn set_engagement_terms(
    State(state): State<AppState>,
    Id(id): Id,
    input: Write<EngagementTermsBody>,
) -> Result<Json<EngagementView>, ApiError> {
    let terms = input.body.parse()?;
    let engagement = state
        .app
        .set_engagement_terms(&input.user.acting(), EngagementId(id), terms, state.now())
        .await?;
    Ok(Json(engagement.into()))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AddMember {
    /// The user who will work this client.
    pub user_id: i64,
}

#[utoipa::path(post, path = "/api/v1/clients/{id}/members", tag = "clients", request_body = AddMember,
    params(("id" = i64, Path)),
    responses((status = 201, body = Vec<UserView>, description = "the client's members after the change"),
        (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn add_member(
    State(state): State<AppState>,
    Id(client): Id,
    input: Write<AddMember>,
) -> Result<(axum::http::StatusCode, Json<Vec<UserView>>), ApiError> {
    let acting = input.user.acting();
    state
        .app
        .add_client_member(
            &acting,
            ClientId(client),
            UserId(input.body.user_id),
            state.now(),
        )
        .await?;
    let members = state
        .app
        .list_client_members(&acting, ClientId(client))
        .await?;
    Ok((
        axum::http::StatusCode::CREATED,
        Json(members.into_iter().map(Into::into).collect()),
    ))
}

#[utoipa::path(get, path = "/api/v1/clients/{id}/members", tag = "clients", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<UserView>), (status = 404, body = ErrorBody)))]
pub async fn list_members(
    State(state): State<AppState>,
    user: CurrentUser,
    Id(id): Id,
) -> Result<Json<Vec<UserView>>, ApiError> {
    let members = state
        .app
        .list_client_members(&user.acting(), ClientId(id))
        .await?;
    Ok(Json(members.into_iter().map(Into::into).collect()))
}

/// Ends a user's membership of the client: an agent no longer sees it.
#[utoipa::path(delete, path = "/api/v1/clients/{id}/members/{user_id}", tag = "clients",
    params(("id" = i64, Path), ("user_id" = i64, Path)),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn remove_member(
    State(state): State<AppState>,
    user: CurrentUser,
    axum::extract::Path((client, member)): axum::extract::Path<(String, String)>,
) -> Result<axum::http::StatusCode, ApiError> {
    let (client, member) = (
        ClientId(crate::extract::parse_id(&client)?),
        UserId(crate::extract::parse_id(&member)?),
    );
    if state
        .app
        .remove_client_member(&user.acting(), client, member, state.now())
        .await?
    {
        Ok(axum::http::StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::not_found(format!(
            "user {member} is not a member of client {client}"
        )))
    }
}
