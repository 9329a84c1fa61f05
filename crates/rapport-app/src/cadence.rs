//! An engagement's cadence on Today: a progress report, a check-in after a quiet spell,
//! the regular meeting, each due by the domain's rules and drafted in the client's
//! language from the period's activity (done, next, what we need from the client).

use crate::drafts::{Draft, client_language};
use crate::today::AgendaLine;
use crate::{Acting, App, AppError};
use jiff::Timestamp;
use jiff::civil::Date;
use rapport_domain::{
    Action, AgendaKind, Client, Engagement, EngagementId, UserId, cadence_item, check_in_due,
    meeting_due, opening, report_due,
};
use rapport_language::drafts::{check_in, meeting_proposal, progress_report, subject};
use rapport_store::{CommitmentFilter, MaterialFilter};

impl App {
    /// Records that an engagement's progress report went out: the next one is due the
    /// engagement's interval after now.
    pub async fn report_sent(
        &self,
        acting: &Acting,
        engagement: EngagementId,
        now: Timestamp,
    ) -> Result<(), AppError> {
        let found = self.store.get_engagement(engagement).await?;
        let missing = move || AppError::not_found("engagement", engagement.0);
        self.may_on_client(acting, Action::WorkRequests, found.client_id, missing)
            .await?;
        Ok(self
            .store
            .record_report_sent(engagement, acting.actor(), now)
            .await?)
    }

    /// The cadence lines due at `now` for the engagements of the clients `scope` works
    /// (all when none), each with its draft. The clients and the last reports are read in
    /// bulk; only a due progress report reads more (what it reports).
    pub(crate) async fn cadence_lines(
        &self,
        scope: Option<UserId>,
        now: Timestamp,
    ) -> Result<Vec<AgendaLine>, AppError> {
        let engagements = self.store.engagements_with_cadence(scope).await?;
        if engagements.is_empty() {
            return Ok(Vec::new());
        }
        let clients = self
            .clients_by_id(engagements.iter().map(|e| e.client_id))
            .await?;
        let ids: Vec<EngagementId> = engagements.iter().map(|e| e.id).collect();
        let reports = self.store.last_reports(&ids).await?;
        let mut lines = Vec::new();
        for engagement in &engagements {
            let Some(client) = clients.get(&engagement.client_id) else {
                continue;
            };
            let calendar = &*self.client_calendar(client).await?;
            let zone = client.time_zone.zone();
            let cadence = engagement.cadence;
            let mut due_lines = Vec::new();
            if let Some(every) = cadence.report_every_days {
                let last = reports.get(&engagement.id).copied();
                let since = last.unwrap_or(engagement.created_at);
                let due = report_due(every, since, calendar, &zone);
                if due <= now {
                    due_lines.push((AgendaKind::ProgressReportDue, due, last));
                }
            }
            if let Some(after) = cadence.check_in_after_days {
                let last = client.last_contact_at.unwrap_or(engagement.created_at);
                let due = check_in_due(after, last);
                if due <= now {
                    due_lines.push((AgendaKind::CheckInDue, due, None));
                }
            }
            if let Some(weeks) = cadence.meeting_every_weeks {
                let start = engagement.created_at.to_zoned_datetime(zone.clone()).date();
                let today = now.to_zoned_datetime(zone.clone()).date();
                if let Some(day) = meeting_due(weeks, start, today) {
                    let opens = opening(day, calendar, &zone);
                    due_lines.push((AgendaKind::MeetingDue, opens, None));
                }
            }
            for (kind, due, since) in due_lines {
                let draft = self
                    .cadence_draft(kind, engagement, client, since, due)
                    .await?;
                lines.push(AgendaLine {
                    item: cadence_item(kind, engagement, due),
                    draft: Some(draft),
                    reason: None,
                });
            }
        }
        Ok(lines)
    }

    /// The draft of a cadence line: the progress report from what was kept since the last
    /// one (`since`), what is promised next and what the client is to send; the check-in;
    /// the meeting proposal for the day `due` falls on.
    async fn cadence_draft(
        &self,
        kind: AgendaKind,
        engagement: &Engagement,
        client: &Client,
        since: Option<Timestamp>,
        due: Timestamp,
    ) -> Result<Draft, AppError> {
        let language = client_language(client);
        let zone = client.time_zone.zone();
        let day = |t: Timestamp| -> Date { t.to_zoned_datetime(zone.clone()).date() };
        let name = &engagement.name;
        let (key, body) = match kind {
            AgendaKind::ProgressReportDue => {
                let promises = self
                    .store
                    .list_commitments(&CommitmentFilter {
                        client: Some(client.id),
                        request: None,
                        member: None,
                        open_only: false,
                        due_before: None,
                        owner: None,
                        changed_since: None,
                    })
                    .await?;
                let since = since.unwrap_or(engagement.created_at);
                let done: Vec<String> = promises
                    .iter()
                    .filter(|c| c.done_at.is_some_and(|d| d >= since))
                    .map(|c| c.promise.clone())
                    .collect();
                let next: Vec<(String, Option<Date>)> = promises
                    .iter()
                    .filter(|c| c.done_at.is_none())
                    .map(|c| (c.promise.clone(), Some(day(c.due_at))))
                    .collect();
                let needs: Vec<(String, Option<Date>)> = self
                    .store
                    .list_materials(&MaterialFilter {
                        client: Some(client.id),
                        request: None,
                        member: None,
                        awaited_only: true,
                        due_before: None,
                        assignee: None,
                    })
                    .await?
                    .into_iter()
                    .map(|m| (m.what, m.due_at.map(day)))
                    .collect();
                (
                    "report_subject",
                    progress_report(language, name, &done, &next, &needs),
                )
            }
            AgendaKind::CheckInDue => ("checkin_subject", check_in(language, name)),
            _ => ("meeting_subject", meeting_proposal(language, day(due))),
        };
        Ok(Draft {
            language: language.as_str(),
            subject: subject(language, key, name),
            body,
            late: None,
        })
    }
}
