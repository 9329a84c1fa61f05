//! Materials reminder days (three and one working days before the due date, and the
//! day): whoever is responsible for the request hears that the reminder's draft is ready,
//! once per reminder day; a day missed while the desk was down is still told, late.

use super::Sweep;
use super::sweep::About;
use crate::AppError;
use jiff::SignedDuration;
use rapport_domain::{NotificationKind, reminder_due};
use rapport_store::MaterialFilter;

/// How far ahead a due date can be and still have a reminder day now: three working days
/// before it, with the longest holiday runs (Golden Week, 春节, 国庆) in between.
const LOOK_AHEAD: SignedDuration = SignedDuration::from_hours(24 * 21);

impl Sweep<'_> {
    pub(crate) async fn materials(&mut self) -> Result<(), AppError> {
        let awaited = self
            .app
            .store
            .list_materials(&MaterialFilter {
                client: None,
                request: None,
                member: None,
                awaited_only: true,
                due_before: Some(self.now + LOOK_AHEAD),
                assignee: None,
            })
            .await?;
        for material in awaited {
            let client = self.client(material.client_id).await?;
            let calendar = &*self.app.client_calendar(&client).await?;
            let Some(day) = reminder_due(&material, calendar, &client.time_zone.zone(), self.now)
            else {
                continue;
            };
            let Some(due) = material.due_at else { continue };
            let request = self.app.store.get_request(material.request_id).await?;
            let people = self.responsible(&request).await?;
            let about = About {
                kind: NotificationKind::MaterialsReminder,
                client_id: material.client_id,
                request_id: Some(material.request_id),
                subject_id: material.id.0,
                title: material.what.clone(),
                reason: format!(
                    "{day} is a reminder day for what {} is to send by {due}; the reminder is drafted.",
                    client.name
                ),
                key: format!("materials_reminder:m{}:{day}", material.id),
            };
            self.tell(&people, &about).await?;
        }
        Ok(())
    }
}
