//! `/api/v1/clients`, their contacts and engagements.

use super::{created, required_text};
use crate::AppState;
use crate::auth::CurrentUser;
use crate::error::{ApiError, ErrorBody};
use crate::extract::{Id, Write};
use crate::views::{ClientView, ContactView, EngagementView};
use axum::Json;
use axum::extract::State;
use axum::response::Response;
use rapport_domain::{
    BusinessCalendar, Cadence, ClientId, ContactId, EmailAddress, EngagementId, LanguageTag,
    NewClient, NewContact, NewEngagement, TimeZoneName,
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
}

#[utoipa::path(post, path = "/api/v1/clients", tag = "clients", request_body = CreateClient,
    params(("Idempotency-Key" = Option<String>, Header, description = "makes retries safe")),
    responses((status = 201, body = ClientView), (status = 422, body = ErrorBody)))]
pub async fn create_client(
    State(state): State<AppState>,
    input: Write<CreateClient>,
) -> Result<Response, ApiError> {
    let body = input.body;
    required_text("name", &body.name, 300)?;
    let calendar = BusinessCalendar::for_zone(&body.time_zone, body.calendar.as_deref())
        .map_err(|e| ApiError::invalid_field("calendar", e.to_string()))?;
    let new = NewClient {
        name: body.name,
        time_zone: body.time_zone,
        languages: body.languages,
        calendar_id: calendar.id.clone(),
    };
    let outcome = state
        .store
        .create_client(
            &new,
            &input.user.actor(),
            input.idempotency.as_ref(),
            state.now(),
        )
        .await?;
    Ok(created(outcome, ClientView::from))
}

#[utoipa::path(get, path = "/api/v1/clients", tag = "clients", responses((status = 200, body = Vec<ClientView>)))]
pub async fn list_clients(
    State(state): State<AppState>,
    _: CurrentUser,
) -> Result<Json<Vec<ClientView>>, ApiError> {
    Ok(Json(
        state
            .store
            .list_clients()
            .await?
            .into_iter()
            .map(Into::into)
            .collect(),
    ))
}

#[utoipa::path(get, path = "/api/v1/clients/{id}", tag = "clients", params(("id" = i64, Path)),
    responses((status = 200, body = ClientView), (status = 404, body = ErrorBody)))]
pub async fn get_client(
    State(state): State<AppState>,
    _: CurrentUser,
    Id(id): Id,
) -> Result<Json<ClientView>, ApiError> {
    Ok(Json(state.store.get_client(ClientId(id)).await?.into()))
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
    required_text("name", &body.name, 300)?;
    state.store.get_client(ClientId(client)).await?;
    let new = NewContact {
        client_id: ClientId(client),
        name: body.name,
        email: body.email,
        role: body.role.filter(|r| !r.trim().is_empty()),
        technical: body.technical,
        reports_to: body.reports_to.map(ContactId),
    };
    let outcome = state
        .store
        .create_contact(
            &new,
            &input.user.actor(),
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
    _: CurrentUser,
    Id(id): Id,
) -> Result<Json<Vec<ContactView>>, ApiError> {
    Ok(Json(
        state
            .store
            .list_contacts(ClientId(id))
            .await?
            .into_iter()
            .map(Into::into)
            .collect(),
    ))
}

#[utoipa::path(get, path = "/api/v1/contacts/{id}", tag = "clients", params(("id" = i64, Path)),
    responses((status = 200, body = ContactView), (status = 404, body = ErrorBody)))]
pub async fn get_contact(
    State(state): State<AppState>,
    _: CurrentUser,
    Id(id): Id,
) -> Result<Json<ContactView>, ApiError> {
    Ok(Json(state.store.get_contact(ContactId(id)).await?.into()))
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
    /// `weekly`, `biweekly` or `monthly`.
    #[schema(value_type = Option<String>)]
    pub cadence: Option<Cadence>,
}

#[utoipa::path(post, path = "/api/v1/clients/{id}/engagements", tag = "clients", request_body = CreateEngagement,
    params(("id" = i64, Path), ("Idempotency-Key" = Option<String>, Header)),
    responses((status = 201, body = EngagementView), (status = 422, body = ErrorBody)))]
pub async fn create_engagement(
    State(state): State<AppState>,
    Id(client): Id,
    input: Write<CreateEngagement>,
) -> Result<Response, ApiError> {
    let body = input.body;
    required_text("name", &body.name, 300)?;
    if let Some(budget) = body.hour_budget
        && !(budget.is_finite() && budget >= 0.0)
    {
        return Err(ApiError::invalid_field(
            "hour_budget",
            "hour_budget must be zero or more",
        ));
    }
    let clean = |items: Vec<String>| {
        items
            .into_iter()
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect()
    };
    state.store.get_client(ClientId(client)).await?;
    let new = NewEngagement {
        client_id: ClientId(client),
        name: body.name,
        scope_included: clean(body.scope_included),
        scope_excluded: clean(body.scope_excluded),
        extra_rate: body.extra_rate,
        hour_budget: body.hour_budget,
        sla_policy_id: body.sla_policy_id,
        cadence: body.cadence,
    };
    let outcome = state
        .store
        .create_engagement(
            &new,
            &input.user.actor(),
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
    _: CurrentUser,
    Id(id): Id,
) -> Result<Json<Vec<EngagementView>>, ApiError> {
    Ok(Json(
        state
            .store
            .list_engagements(ClientId(id))
            .await?
            .into_iter()
            .map(Into::into)
            .collect(),
    ))
}

#[utoipa::path(get, path = "/api/v1/engagements/{id}", tag = "clients", params(("id" = i64, Path)),
    responses((status = 200, body = EngagementView), (status = 404, body = ErrorBody)))]
pub async fn get_engagement(
    State(state): State<AppState>,
    _: CurrentUser,
    Id(id): Id,
) -> Result<Json<EngagementView>, ApiError> {
    Ok(Json(
        state.store.get_engagement(EngagementId(id)).await?.into(),
    ))
}
