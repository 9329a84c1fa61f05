//! Today: the agenda of what needs a person now, from the clients the actor works, or of
//! one person (their promises, their requests); each line that proposes a message comes
//! with its draft in the client's language.

use crate::drafts::{Draft, final_draft_of, reminder_draft_of};
use crate::{Acting, App, AppError, CommitmentQuery, MaterialQuery, RequestQuery};
use jiff::Timestamp;
use rapport_domain::{
    Action, AgendaItem, AgendaKind, Client, ClientId, Material, MaterialId, Request, RequestId,
    RequestState, SlaStanding, UserId, agenda_order, commitment_item, material_item, posture_item,
    request_item, sla_item, triage_item,
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
                let person = self.user_by_id(acting, id).await?;
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
        let materials = MaterialQuery {
            awaited_only: true,
            assignee: user,
            ..MaterialQuery::default()
        };
        let materials = self.tracked_materials(scope, materials).await?;
        let mut resolved = HashMap::new();
        for state in [RequestState::Resolved, RequestState::Clarifying] {
            let query = RequestQuery {
                state: Some(state),
                client: None,
                assignee: user,
                before_id: None,
                limit: REQUESTS_PER_STATE,
                ..Default::default()
            };
            for request in self.scoped_requests(scope, query).await? {
                items.extend(request_item(&request));
                if state == RequestState::Resolved {
                    resolved.insert(request.id, request);
                }
            }
        }
        let postures = self.store.postures_to_play(scope).await?;
        // Every client the lines and their drafts speak of, read once.
        let ids = (materials.iter().map(|m| m.client_id))
            .chain(resolved.values().map(|r| r.client_id))
            .chain(postures.iter().map(|p| p.client_id));
        let clients = self.clients_by_id(ids).await?;
        let mut awaited = HashMap::new();
        for material in materials {
            let Some(client) = clients.get(&material.client_id) else {
                continue;
            };
            let calendar = self.client_calendar(client).await?;
            if let Some(item) = material_item(&material, &calendar, &client.time_zone.zone(), now) {
                items.push(item);
                awaited.insert(material.id, material);
            }
        }
        for (request, standing, due) in self.store.sla_attention(scope, user).await? {
            items.push(sla_item(&request, standing == SlaStanding::Breached, due));
        }
        if sorts_mail {
            for item in self.store.list_triage(false, REQUESTS_PER_STATE).await? {
                items.extend(triage_item(&item));
            }
        }
        let mut lines = self.cadence_lines(scope, now).await?;
        for reading in postures {
            let Some(client) = clients.get(&reading.client_id) else {
                continue;
            };
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
        // The drafts the lines propose, from what was read plus two bulk reads.
        let owed: Vec<RequestId> = items
            .iter()
            .filter(|i| i.kind == AgendaKind::FinalCommunicationPending)
            .filter_map(|i| i.request_id)
            .collect();
        let kept = self.store.kept_promises(&owed).await?;
        let reminded: Vec<RequestId> = awaited.values().map(|m| m.request_id).collect();
        let subjects = self.store.request_subjects(&reminded).await?;
        let drafting = Drafting {
            resolved: &resolved,
            awaited: &awaited,
            clients: &clients,
            kept,
            subjects,
            now,
        };
        lines.extend(items.into_iter().map(|item| drafting.line(item)));
        lines.sort_by_key(|line| agenda_order(&line.item));
        Ok(lines)
    }
}

/// What the agenda read, from which each line gets its draft and, for late materials,
/// the deadline that depends on them.
struct Drafting<'a> {
    resolved: &'a HashMap<RequestId, Request>,
    awaited: &'a HashMap<MaterialId, Material>,
    clients: &'a HashMap<ClientId, Client>,
    kept: HashMap<RequestId, Vec<String>>,
    subjects: HashMap<RequestId, (String, Option<Timestamp>)>,
    now: Timestamp,
}

impl Drafting<'_> {
    fn line(&self, item: AgendaItem) -> AgendaLine {
        let material = self.awaited.get(&MaterialId(item.subject_id));
        let draft = match item.kind {
            AgendaKind::FinalCommunicationPending => item
                .request_id
                .and_then(|id| self.resolved.get(&id))
                .and_then(|request| {
                    let client = self.clients.get(&request.client_id)?;
                    let kept = self.kept.get(&request.id).map_or(&[][..], Vec::as_slice);
                    Some(final_draft_of(client, request, kept))
                }),
            AgendaKind::MaterialsReminder | AgendaKind::MaterialsOverdue => {
                material.and_then(|material| {
                    let client = self.clients.get(&material.client_id)?;
                    let (subject, _) = self.subjects.get(&material.request_id)?;
                    let due = material.due_at?;
                    Some(reminder_draft_of(client, subject, material, due, self.now))
                })
            }
            _ => None,
        };
        // Late materials put the request's own deadline at risk: say which.
        let reason = material
            .filter(|_| item.kind == AgendaKind::MaterialsOverdue)
            .and_then(|m| self.subjects.get(&m.request_id))
            .and_then(|(subject, due)| {
                let due = (*due)?;
                let sent_by = item.due_at.map_or_else(String::new, |d| d.to_string());
                Some(format!(
                    "The client was to send this by {sent_by}; the deadline of \"{subject}\", {due}, depends on it."
                ))
            });
        AgendaLine {
            item,
            draft,
            reason,
        }
    }
}
