//! SLA clocks of the requests under a policy whose standing may have changed (changed
//! since, or past the moment their clocks change on their own): each breach is recorded
//! once with its cause, and an unmet one is told to whoever is responsible and the
//! client's managers; a warning is told to whoever is responsible.

use super::sweep::About;
use super::{CLOCK_MARGIN, Sweep};
use crate::AppError;
use crate::sla::SlaTermsCache;
use jiff::Timestamp;
use rapport_domain::{NotificationKind, Request, RequestId, SlaStanding, SlaStatus, SlaTarget};
use rapport_store::{Breach, SlaStandingRow};

/// How many requests one page of the sweep reads.
const PAGE: usize = 500;

fn cause(target: SlaTarget) -> &'static str {
    match target {
        SlaTarget::FirstResponse => "no first reply within the first-response target",
        SlaTarget::NextResponse => "the client's message waited past the next-response target",
        SlaTarget::Resolution => "not resolved within the resolution target",
    }
}

impl Sweep<'_> {
    /// Reads the clocks of the requests changed since `last_run` (the sweep's last run
    /// that went through; every open request when none) or past their moment.
    pub(crate) async fn sla(&mut self, last_run: Option<Timestamp>) -> Result<(), AppError> {
        let since = last_run.map(|at| at.min(self.now) - CLOCK_MARGIN);
        let candidates = self.app.store.sla_candidates(since, self.now).await?;
        let mut terms = SlaTermsCache::default();
        for ids in candidates.chunks(PAGE) {
            let page = self.app.store.requests_under_sla(ids, self.now).await?;
            terms.load(self.app, &page).await?;
            let ids: Vec<RequestId> = page.iter().map(|r| r.id).collect();
            let mut histories = self.app.store.sla_histories(&ids).await?;
            let mut standings = Vec::with_capacity(page.len());
            let mut breaches = Vec::new();
            for request in &page {
                let row = |standing, due, check_at| SlaStandingRow {
                    request,
                    standing,
                    due,
                    check_at,
                };
                // A policy gone since: nothing to watch until the request changes.
                let Some(terms) = terms.terms(self.app, request).await? else {
                    standings.push(row(SlaStanding::Ok, None, None));
                    continue;
                };
                let history = histories.remove(&request.id).unwrap_or_default();
                let status = terms.clocks(request, &history, self.now);
                let (standing, due) = status.standing();
                standings.push(row(standing, due, status.next_change));
                breaches.extend(status.breaches.iter().map(|b| Breach {
                    request: request.id,
                    target: b.target,
                    due: b.due,
                    cause: cause(b.target),
                }));
                self.tell_sla(request, &status, standing, due).await?;
            }
            // Kept after the people were told: a run cut short reads the page again, and
            // the keys of breaches and notifications keep anything from happening twice.
            let new = self.app.store.record_breaches(&breaches, self.now).await?;
            self.breaches += u32::try_from(new).unwrap_or(u32::MAX);
            self.flush().await?;
            self.app
                .store
                .set_sla_standings(&standings, self.now)
                .await?;
        }
        Ok(())
    }

    /// Tells who must act on an unmet breach or a warning.
    async fn tell_sla(
        &mut self,
        request: &Request,
        status: &SlaStatus,
        standing: SlaStanding,
        due: Option<Timestamp>,
    ) -> Result<(), AppError> {
        let about = |kind, reason: String, key: String| About {
            kind,
            client_id: request.client_id,
            request_id: Some(request.id),
            subject_id: request.id.0,
            title: request.subject.clone(),
            reason,
            key,
        };
        for breach in &status.breaches {
            let cause = cause(breach.target);
            // One met late is on the record; only a running one needs a person.
            if breach.met_at.is_some() {
                continue;
            }
            let mut people = self.responsible(request).await?;
            for manager in self.client_managers(request.client_id).await? {
                if !people.contains(&manager) {
                    people.push(manager);
                }
            }
            let breached = about(
                NotificationKind::SlaBreached,
                format!("SLA breached: {cause} (due {}).", breach.due),
                format!(
                    "sla_breached:r{}:{}:{}",
                    request.id,
                    breach.target,
                    breach.due.as_millisecond()
                ),
            );
            self.tell(&people, &breached).await?;
        }
        if let (SlaStanding::Warning, Some(due)) = (standing, due) {
            let people = self.responsible(request).await?;
            let warning = about(
                NotificationKind::SlaWarning,
                format!("SLA warning: the next target is due {due}."),
                format!("sla_warning:r{}:{}", request.id, due.as_millisecond()),
            );
            self.tell(&people, &warning).await?;
        }
        Ok(())
    }
}
