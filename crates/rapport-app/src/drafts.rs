//! Drafts of our messages, in the client's language: the final communication (what was
//! done, whether it is what the client needed and whether we may close, the next step)
//! here, the materials reminder with the materials.

use crate::{Acting, App, AppError, CommitmentQuery};
use jiff::Timestamp;
use rapport_domain::{Action, Client, Material, MaterialId, Request, RequestId, is_reply_subject};
use rapport_language::Lang;
use rapport_language::drafts::{final_communication, materials_reminder};

/// A drafted message to review and send.
#[derive(Debug, Clone)]
pub struct Draft {
    /// `ja`, `zh` or `en`: the client's first language, English when it is none of these.
    pub language: &'static str,
    /// The subject the mail would carry: the request's, as a reply.
    pub subject: String,
    pub body: String,
    /// For a reminder: past its due time, and the draft says it has not arrived.
    pub late: Option<bool>,
}

/// The subject of a reply on a request called `subject`.
pub(crate) fn reply_subject(subject: &str) -> String {
    if is_reply_subject(subject) {
        subject.to_owned()
    } else {
        format!("Re: {subject}")
    }
}

/// The language our drafts take with a client: its first language when the desk writes
/// it (ja, zh), else English.
pub(crate) fn client_language(client: &Client) -> Lang {
    match client.languages.first().map(|l| l.primary()) {
        Some("ja") => Lang::Ja,
        Some("zh") => Lang::Zh,
        _ => Lang::En,
    }
}

/// The final communication of `request` to `client`, listing the promises kept on it.
pub(crate) fn final_draft_of(client: &Client, request: &Request, kept: &[String]) -> Draft {
    let language = client_language(client);
    Draft {
        language: language.as_str(),
        subject: reply_subject(&request.subject),
        body: final_communication(language, &request.subject, kept),
        late: None,
    }
}

/// The reminder for `material` (due at `due`) on the request called `subject`: late once
/// past due.
pub(crate) fn reminder_draft_of(
    client: &Client,
    subject: &str,
    material: &Material,
    due: Timestamp,
    now: Timestamp,
) -> Draft {
    let language = client_language(client);
    let date = due.to_zoned_datetime(client.time_zone.zone()).date();
    let late = material.is_overdue(now);
    Draft {
        language: language.as_str(),
        subject: reply_subject(subject),
        body: materials_reminder(language, &material.what, date, late),
        late: Some(late),
    }
}

impl App {
    /// The gentle reminder for materials the client is to send, in their language: what,
    /// by when, and why sending early helps.
    pub async fn reminder_draft(
        &self,
        acting: &Acting,
        id: MaterialId,
        now: Timestamp,
    ) -> Result<Draft, AppError> {
        let material = self.store.get_material(id).await?;
        let request = self
            .workable_request(acting, material.request_id, Action::WorkRequests)
            .await
            .map_err(|_| AppError::not_found("materials request", id.0))?;
        let due = material.due_at.ok_or_else(|| {
            AppError::invalid(
                "material",
                "this materials request has no due date to remind of",
            )
        })?;
        let client = self.store.get_client(request.client_id).await?;
        Ok(reminder_draft_of(
            &client,
            &request.subject,
            &material,
            due,
            now,
        ))
    }

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
        Ok(final_draft_of(&client, &request, &kept))
    }
}
