//! Today: the agenda of what needs a person now, from the clients the actor works.

use crate::{Acting, App, AppError, CommitmentQuery, MaterialQuery, RequestQuery};
use jiff::Timestamp;
use rapport_domain::{
    Action, AgendaItem, RequestState, commitment_item, material_item, order_agenda, request_item,
    triage_item,
};

/// How many requests of one state the agenda reads at most.
const REQUESTS_PER_STATE: u32 = 500;

impl App {
    /// Open promises overdue or due within a day, resolved requests owing their final
    /// communication, materials overdue or due within a day, mail from unknown senders
    /// (for those who sort it), and requests waiting on the client, most consequential
    /// first.
    pub async fn today(
        &self,
        acting: &Acting,
        now: Timestamp,
    ) -> Result<Vec<AgendaItem>, AppError> {
        let mut items = Vec::new();
        let commitments = CommitmentQuery {
            open_only: true,
            ..CommitmentQuery::default()
        };
        for commitment in self.list_commitments(acting, commitments).await? {
            items.extend(commitment_item(&commitment, now));
        }
        let materials = MaterialQuery {
            awaited_only: true,
            ..MaterialQuery::default()
        };
        for material in self.list_materials(acting, materials).await? {
            items.extend(material_item(&material, now));
        }
        for state in [RequestState::Resolved, RequestState::Clarifying] {
            let query = RequestQuery {
                state: Some(state),
                client: None,
                assignee: None,
                before_id: None,
                limit: REQUESTS_PER_STATE,
            };
            for request in self.list_requests(acting, query).await? {
                items.extend(request_item(&request));
            }
        }
        // Mail from unknown senders, for those who sort it.
        if acting.may(Action::ManageMail).is_ok() {
            for item in self.list_triage(acting, false, REQUESTS_PER_STATE).await? {
                items.extend(triage_item(&item));
            }
        }
        order_agenda(&mut items);
        Ok(items)
    }
}
