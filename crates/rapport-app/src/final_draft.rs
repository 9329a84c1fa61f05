//! The final communication's draft: what was done (the promises kept on the request),
//! whether it is what the client needed and whether we may close, and the next step, in
//! the client's language.

use crate::materials::client_language;
use crate::{Acting, App, AppError, CommitmentQuery};
use rapport_domain::{Action, RequestId};
use rapport_language::drafts::final_communication;

/// A drafted message to review and send.
#[derive(Debug, Clone)]
pub struct Draft {
    /// `ja`, `zh` or `en`.
    pub language: &'static str,
    pub text: String,
}

impl App {
    pub async fn final_draft(&self, acting: &Acting, id: RequestId) -> Result<Draft, AppError> {
        let request = self
            .workable_request(acting, id, Action::WorkRequests)
            .await?;
        let client = self.store.get_client(request.client_id).await?;
        let query = CommitmentQuery {
            request: Some(id),
            ..CommitmentQuery::default()
        };
        let kept: Vec<String> = self
            .list_commitments(acting, query)
            .await?
            .into_iter()
            .filter(|c| c.done_at.is_some())
            .map(|c| c.promise)
            .collect();
        let language = client_language(&client);
        Ok(Draft {
            language: language.as_str(),
            text: final_communication(language, &request.subject, &kept),
        })
    }
}
