//! Every client's posture and health, read and kept for the day (UTC): the history a
//! client's chart draws and the postures Today offers a play for.

use super::Sweep;
use crate::AppError;
use rapport_store::HealthDay;

impl Sweep<'_> {
    pub(crate) async fn health(&mut self) -> Result<(), AppError> {
        let day = self
            .now
            .to_zoned_datetime(jiff::tz::TimeZone::UTC)
            .date()
            .to_string();
        for client in self.app.store.list_clients(None).await? {
            let (posture, health) = self.app.read_client(client.id, self.now).await?;
            let reading = HealthDay {
                client_id: client.id,
                day: day.clone(),
                health,
                posture: posture.posture,
                posture_reasons: posture.reasons.iter().map(ToString::to_string).collect(),
            };
            self.app.store.save_health_day(&reading, self.now).await?;
        }
        Ok(())
    }
}
