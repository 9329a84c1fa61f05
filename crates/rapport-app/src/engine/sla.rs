//! SLA clocks of the requests under a policy whose standing may have changed (changed
//! since, or past the moment their clocks change on their own): each breach is recorded
//! once with its cause, and an unmet one is told to whoever is responsible and the
//! client's managers; a warning is told to whoever is responsible.

use super::Sweep;
use super::sweep::About;
use crate::AppError;
use rapport_domain::{NotificationKind, RequestId, SlaStanding, SlaTarget};

/// How many requests one page of the sweep reads.
const PAGE: u32 = 500;

fn cause(target: SlaTarget) -> &'static str {
    match target {
        SlaTarget::FirstResponse => "no first reply within the first-response target",
        SlaTarget::NextResponse => "the client's message waited past the next-response target",
        SlaTarget::Resolution => "not resolved within the resolution target",
    }
}

impl Sweep<'_> {
    pub(crate) async fn sla(&mut self) -> Result<(), AppError> {
        self.app.store.clear_closed_sla_standings().await?;
        let mut after = RequestId(0);
        loop {
            let page = self
                .app
                .store
                .requests_under_sla(after, self.now, PAGE)
                .await?;
            let Some(last) = page.last() else { break };
            after = last.id;
            for request in page {
                let thread = self.app.store.thread(request.id).await?;
                let Some(status) = self.app.sla_of(&thread, self.now).await? else {
                    // The policy it names is gone: nothing to watch until the request changes.
                    self.app
                        .store
                        .set_sla_standing(&request, SlaStanding::Ok, None, None, self.now)
                        .await?;
                    continue;
                };
                let (standing, due) = status.standing();
                self.app
                    .store
                    .set_sla_standing(&request, standing, due, status.next_change, self.now)
                    .await?;
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
                    if self
                        .app
                        .store
                        .record_breach(request.id, breach.target, breach.due, cause, self.now)
                        .await?
                    {
                        self.breaches += 1;
                    }
                    // One met late is on the record; only a running one needs a person.
                    if breach.met_at.is_some() {
                        continue;
                    }
                    let mut people = self.responsible(&request).await?;
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
                    let people = self.responsible(&request).await?;
                    let warning = about(
                        NotificationKind::SlaWarning,
                        format!("SLA warning: the next target is due {due}."),
                        format!("sla_warning:r{}:{}", request.id, due.as_millisecond()),
                    );
                    self.tell(&people, &warning).await?;
                }
            }
        }
        Ok(())
    }
}
