//! Requests whose final communication went unanswered for their engagement's working
//! days close on their own; the audit trail names the rule as the actor. A request the
//! client answered stays open for a person to read the answer.

use super::Sweep;
use crate::{Acting, AppError, TransitionInput};
use rapport_domain::{RequestState, auto_close_due};
use rapport_store::StoreError;

impl Sweep<'_> {
    pub(crate) async fn auto_close(&mut self) -> Result<(), AppError> {
        for (request, days, last_client) in self.app.store.requests_to_auto_close().await? {
            let client = self.client(request.client_id).await?;
            let calendar = &*self.app.client_calendar(&client).await?;
            let zone = client.time_zone.zone();
            if !auto_close_due(&request, last_client, days, calendar, &zone, self.now) {
                continue;
            }
            let rule = Acting::system(format!(
                "auto-close: no reply {days} working days after the final communication"
            ));
            let close = TransitionInput {
                to: RequestState::Closed,
                skip_final_reason: None,
            };
            match self
                .app
                .transition_request(&rule, request.id, close, None, self.now)
                .await
            {
                Ok(_) => self.closed += 1,
                // Moved on meanwhile (reopened, a person closed it): nothing to close.
                Err(AppError::Store(StoreError::Rule(_))) => {}
                Err(error) => return Err(error),
            }
        }
        Ok(())
    }
}
