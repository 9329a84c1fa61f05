//! The client page: contacts and who reports to whom, engagements with their scope,
//! awaited materials, posture with its play, and health with its history drawn.

use super::engagements::EngagementRow;
use super::i18n::Tr;
use super::session::Visitor;
use super::{Chrome, PageError};
use crate::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use rapport_app::{AppError, MaterialQuery};
use rapport_domain::ClientId;

#[derive(Template, WebTemplate)]
#[template(path = "client.html")]
pub struct ClientPage {
    pub tr: Tr,
    pub chrome: Chrome,
    pub id: i64,
    pub name: String,
    /// Who works this client, and whether the reader may add someone.
    pub members: Vec<(i64, String, String)>,
    pub manages: bool,
    pub time_zone: String,
    pub languages: String,
    pub domains: String,
    pub contacts: Vec<ContactRow>,
    pub engagements: Vec<EngagementRow>,
    /// The SLA policies an engagement may name: id and name.
    pub policies: Vec<(i64, String)>,
    pub materials: Vec<(String, String)>,
    pub posture: &'static str,
    pub posture_reasons: Vec<String>,
    pub health: u8,
    pub health_reasons: Vec<(i32, String)>,
    pub chart: Chart,
}

pub struct ContactRow {
    pub name: String,
    pub email: String,
    pub role: String,
    pub reports_to: String,
    pub technical: bool,
}

/// The health history as an SVG polyline (no script, no inline style).
pub struct Chart {
    pub points: String,
    pub first_day: String,
    pub last_day: String,
    pub days: usize,
}

const CHART_WIDTH: f64 = 600.0;
const CHART_HEIGHT: f64 = 120.0;

fn chart(history: &[(String, u8)]) -> Chart {
    let step = if history.len() > 1 {
        CHART_WIDTH / (history.len() - 1) as f64
    } else {
        0.0
    };
    let points = history
        .iter()
        .enumerate()
        .map(|(i, (_, score))| {
            let y = CHART_HEIGHT - f64::from(*score) / 100.0 * CHART_HEIGHT;
            format!("{:.1},{:.1}", i as f64 * step, y)
        })
        .collect::<Vec<_>>()
        .join(" ");
    Chart {
        points,
        first_day: history.first().map(|h| h.0.clone()).unwrap_or_default(),
        last_day: history.last().map(|h| h.0.clone()).unwrap_or_default(),
        days: history.len(),
    }
}

pub async fn page(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
) -> Result<ClientPage, PageError> {
    let tr = visitor.tr();
    let acting = visitor.acting();
    let fail = |e: AppError| PageError::of(&tr, e);
    let id = ClientId(id);
    let client = state.app.get_client(&acting, id).await.map_err(fail)?;
    let contacts = state.app.list_contacts(&acting, id).await.map_err(fail)?;
    let engagements = state
        .app
        .list_engagements(&acting, id)
        .await
        .map_err(fail)?;
    let policies = state.app.list_sla_policies(&acting).await.map_err(fail)?;
    let query = MaterialQuery {
        client: Some(id),
        awaited_only: true,
        ..Default::default()
    };
    let materials = state
        .app
        .list_materials(&acting, query)
        .await
        .map_err(fail)?;
    let standing = state
        .app
        .client_standing(&acting, id, state.now())
        .await
        .map_err(fail)?;
    let members = state
        .app
        .list_client_members(&acting, id)
        .await
        .map_err(fail)?;
    let name_of = |contact: Option<rapport_domain::ContactId>| {
        contact
            .and_then(|c| contacts.iter().find(|x| x.id == c))
            .map_or_else(String::new, |c| c.name.clone())
    };
    let history: Vec<(String, u8)> = standing
        .history
        .iter()
        .map(|h| (h.day.clone(), h.health.score))
        .collect();
    Ok(ClientPage {
        chrome: Chrome::new(&visitor, "inbox"),
        id: id.0,
        members: members
            .into_iter()
            .map(|u| (u.id.0, u.name, u.email.to_string()))
            .collect(),
        manages: visitor.user.role != rapport_domain::Role::Agent,
        name: client.name,
        time_zone: client.time_zone.as_str().to_owned(),
        languages: client
            .languages
            .iter()
            .map(|l| l.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        domains: client
            .domains
            .iter()
            .map(|d| d.to_string())
            .collect::<Vec<_>>()
            .join(", "),
        contacts: contacts
            .iter()
            .map(|c| ContactRow {
                name: c.name.clone(),
                email: c.email.to_string(),
                role: c.role.clone().unwrap_or_default(),
                reports_to: name_of(c.reports_to),
                technical: c.technical,
            })
            .collect(),
        engagements: engagements
            .into_iter()
            .map(|e| EngagementRow::new(e, &policies))
            .collect(),
        policies: policies.iter().map(|p| (p.id, p.name.clone())).collect(),
        materials: materials
            .into_iter()
            .map(|m| (m.what, tr.when_opt(&m.due_at)))
            .collect(),
        posture: standing.posture.posture.as_str(),
        posture_reasons: standing
            .posture
            .reasons
            .iter()
            .map(|r| tr.reason(r.code, &r.figures, &r.to_string()))
            .collect(),
        health: standing.health.score,
        health_reasons: standing
            .health
            .reasons
            .into_iter()
            .map(|r| (r.points, tr.reason(&r.code, &r.figures, &r.why)))
            .collect(),
        chart: chart(&history),
        tr,
    })
}

#[derive(serde::Deserialize)]
pub struct MemberForm {
    /// The person's e-mail address.
    pub user: String,
}

/// Makes a person a member of the client (managers and admins).
pub async fn add_member(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
    axum::Form(form): axum::Form<MemberForm>,
) -> axum::response::Response {
    let acting = visitor.acting();
    let result = async {
        let user = state.app.find_user(&acting, &form.user).await?;
        state
            .app
            .add_client_member(&acting, ClientId(id), user.id, state.now())
            .await
    }
    .await;
    super::redirect_or(&visitor, result, &format!("/clients/{id}#members"))
}

/// Ends a person's membership of the client (managers and admins).
pub async fn remove_member(
    State(state): State<AppState>,
    visitor: Visitor,
    Path((id, user)): Path<(i64, i64)>,
) -> axum::response::Response {
    let acting = visitor.acting();
    let removed = state
        .app
        .remove_client_member(
            &acting,
            ClientId(id),
            rapport_domain::UserId(user),
            state.now(),
        )
        .await;
    super::redirect_or(&visitor, removed, &format!("/clients/{id}#members"))
}
