//! Today: the agenda of what needs a person now, from the clients the actor works, or of
//! one person (their promises, their requests); each line that proposes a message comes
//! with its draft in the client's language.

use crate::drafts::Draft;
use crate::{Acting, App, AppError, CommitmentQuery, MaterialQuery, RequestQuery};
use jiff::Timestamp;
use rapport_domain::{
    Action, AgendaItem, AgendaKind, Client, ClientId, MaterialId, RequestId, RequestState,
    SlaStanding, UserId, agenda_order, commitment_item, material_item, posture_item, request_item,
    sla_item, triage_item,
};
use std::collections::HashMap;

/// How many requests of one state the agenda reads at most.
const REQUESTS_PER_STATE: u32 = 500;

/// One line of the agenda and, when it proposes a message, its draft.
#[derive(Debug, Clone)]
pub struct AgendaLine {
    pub item: AgendaItem,
    pub draft: Option<Draft>,
    /// Why, when the line says more than its kind (a posture's reading and play).
    pub reason: Option<String>,
}

impl App {
    /// Broken promises, missed service levels, final communications owed, late
    /// materials, service levels near their limit, mail from unknown senders (for those
    /// who sort it), promises due within a day, materials reminder days and requests
    /// waiting on the client, most consequential first. `user`: only that person's
    /// (the promises they made, the requests assigned to them); the actor's whole scope
    /// otherwise.
    pub async fn today(
        &self,
        acting: &Acting,
        user: Option<UserId>,
        now: Timestamp,
    ) -> Result<Vec<AgendaLine>, AppError> {
        // Whose scope: the person asked about (oneself, or anyone for a manager), else
        // the actor's.
        let (scope, sorts_mail) = match user {
            Some(id) => {
                let person = self.find_user(acting, &id.to_string()).await?;
                let theirs = Acting::user(&person);
                (
                    theirs.member_scope(),
                    theirs.may(Action::ManageMail).is_ok(),
                )
            }
            None => (
                acting.member_scope(),
                acting.may(Action::ManageMail).is_ok(),
            ),
        };
        let mut items = Vec::new();
        let commitments = CommitmentQuery {
            open_only: true,
            owner: user,
            ..CommitmentQuery::default()
        };
        for commitment in self.tracked_commitments(scope, commitments).await? {
            items.extend(commitment_item(&commitment, now));
        }
        let mut clients: HashMap<ClientId, Client> = HashMap::new();
        let materials = MaterialQuery {
            awaited_only: true,
            assignee: user,
            ..MaterialQuery::default()
        };
        for material in self.tracked_materials(scope, materials).await? {
            let client = match clients.get(&material.client_id) {
                Some(client) => client,
                None => {
                    let client = self.store.get_client(material.client_id).await?;
                    clients.entry(material.client_id).or_insert(client)
                }
            };
            let calendar = self.client_calendar(client).await?;
            items.extend(material_item(
                &material,
                &calendar,
                &client.time_zone.zone(),
                now,
            ));
        }
        for (request, standing, due) in self.store.sla_attention(scope, user).await? {
            items.push(sla_item(&request, standing == SlaStanding::Breached, due));
        }
        for state in [RequestState::Resolved, RequestState::Clarifying] {
            let query = RequestQuery {
                state: Some(state),
                client: None,
                assignee: user,
                before_id: None,
                limit: REQUESTS_PER_STATE,
            };
            for request in self.scoped_requests(scope, query).await? {
                items.extend(request_item(&request));
            }
        }
        if sorts_mail {
            for item in self.store.list_triage(false, REQUESTS_PER_STATE).await? {
                items.extend(triage_item(&item));
            }
        }
        let mut lines = self.cadence_lines(scope, now).await?;
        for reading in self.store.postures_to_play(scope).await? {
            let client = self.store.get_client(reading.client_id).await?;
            lines.push(AgendaLine {
                item: posture_item(client.id, &client.name),
                draft: None,
                reason: Some(format!(
                    "{}: {}. {}",
                    reading.posture,
                    reading.posture_reasons.join("; "),
                    reading.posture.play()
                )),
            });
        }
        let system = Acting::system("today");
        for item in items {
            // The lines were read within the actor's scope; the drafts read the same.
            let draft = match item.kind {
                AgendaKind::FinalCommunicationPending => Some(
                    self.final_draft(&system, RequestId(item.subject_id))
                        .await?,
                ),
                AgendaKind::MaterialsReminder | AgendaKind::MaterialsOverdue => Some(
                    self.material_reminder(&system, MaterialId(item.subject_id), now)
                        .await?,
                ),
                _ => None,
            };
            lines.push(AgendaLine {
                item,
                draft,
                reason: None,
            });
        }
        lines.sort_by_key(|line| agenda_order(&line.item));
        Ok(lines)
    }
}
