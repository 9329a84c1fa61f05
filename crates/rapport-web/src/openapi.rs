//! The OpenAPI 3 document, generated from the handlers' annotations.

use crate::AppState;
use crate::routes::{
    activity, calendar_feed, calendars, clients, commitments, decode, mailboxes, materials,
    notifications, outbox, requests, sla, today, tokens, triage,
};
use axum::Json;
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

#[derive(OpenApi)]
#[openapi(
    info(title = "Rapport API", description = "The client-work desk: clients, requests, threads, commitments, materials, audit trail."),
    modifiers(&BearerAuth),
    security(("bearer" = []))
)]
struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)),
        );
    }
}

pub(crate) fn api_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(clients::list_clients, clients::create_client))
        .routes(routes!(clients::get_client))
        .routes(routes!(clients::list_contacts, clients::create_contact))
        .routes(routes!(clients::get_contact))
        .routes(routes!(
            clients::list_engagements,
            clients::create_engagement
        ))
        .routes(routes!(clients::get_engagement))
        .routes(routes!(clients::set_engagement_terms))
        .routes(routes!(clients::report_sent))
        .routes(routes!(clients::client_standing))
        .routes(routes!(clients::list_members, clients::add_member))
        .routes(routes!(clients::remove_member))
        .routes(routes!(clients::add_domain))
        .routes(routes!(requests::list_requests, requests::create_request))
        .routes(routes!(requests::get_request))
        .routes(routes!(requests::transition_request))
        .routes(routes!(requests::add_message))
        .routes(routes!(requests::download_attachment))
        .routes(routes!(requests::raw_message))
        .routes(routes!(requests::final_draft))
        .routes(routes!(triage::list_triage))
        .routes(routes!(triage::get_triage))
        .routes(routes!(triage::assign_triage))
        .routes(routes!(outbox::list_outbox))
        .routes(routes!(outbox::retry_outbox))
        .routes(routes!(mailboxes::list_mailboxes, mailboxes::add_mailbox))
        .routes(routes!(mailboxes::sync_mailbox))
        .routes(routes!(
            commitments::list_commitments,
            commitments::create_commitment
        ))
        .routes(routes!(commitments::complete_commitment))
        .routes(routes!(
            materials::list_materials,
            materials::create_material
        ))
        .routes(routes!(materials::receive_material))
        .routes(routes!(materials::material_reminder))
        .routes(routes!(today::today))
        .routes(routes!(calendar_feed::calendar_link))
        .routes(routes!(calendars::list_calendars))
        .routes(routes!(calendars::set_hours))
        .routes(routes!(calendars::close_day))
        .routes(routes!(calendars::reopen_day))
        .routes(routes!(notifications::list_notifications))
        .routes(routes!(notifications::read_notification))
        .routes(routes!(sla::list_sla_policies, sla::create_sla_policy))
        .routes(routes!(sla::update_sla_policy, sla::delete_sla_policy))
        .routes(routes!(activity::list_activity))
        .routes(routes!(decode::decode_message))
        .routes(routes!(tokens::list_tokens))
        .routes(routes!(tokens::revoke_token))
}

/// The document as served at `/api/v1/openapi.json` and printed by `rapport openapi`.
pub fn openapi_document() -> utoipa::openapi::OpenApi {
    let (_, document) = api_router().split_for_parts();
    document
}

pub(crate) async fn serve_document() -> Json<utoipa::openapi::OpenApi> {
    Json(openapi_document())
}
