//! Resolved requests whose final communication has not gone out: whoever is responsible
//! hears every working day (of the client's calendar) until it goes out.

use super::Sweep;
use super::sweep::About;
use crate::AppError;
use rapport_domain::{NotificationKind, RequestState};
use rapport_store::RequestFilter;

/// How many resolved requests one run reads at most.
const PAGE: u32 = 10_000;

impl Sweep<'_> {
    pub(crate) async fn final_communication(&mut self) -> Result<(), AppError> {
        let resolved = self
            .app
            .store
            .list_requests(&RequestFilter {
                state: Some(RequestState::Resolved),
                client: None,
                assignee: None,
                member: None,
                before_id: None,
                limit: PAGE,
                ..Default::default()
            })
            .await?;
        for request in resolved {
            let client = self.client(request.client_id).await?;
            let today = self.now.to_zoned_datetime(client.time_zone.zone()).date();
            if !self
                .app
                .client_calendar(&client)
                .await?
                .is_business_day(today)
            {
                continue;
            }
            let people = self.responsible(&request).await?;
            let about = About {
                kind: NotificationKind::FinalCommunicationPending,
                client_id: request.client_id,
                request_id: Some(request.id),
                subject_id: request.id.0,
                title: request.subject.clone(),
                reason: format!(
                    "Resolved, but {} has not been told what was done and asked whether it may be closed; the final communication is drafted.",
                    client.name
                ),
                key: format!("final_communication_pending:r{}:{today}", request.id),
            };
            self.tell(&people, &about).await?;
        }
        Ok(())
    }
}
