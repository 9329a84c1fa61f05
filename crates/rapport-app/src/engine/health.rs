//! Every client's posture and health, read and kept for the day (UTC): the history a
//! client's chart draws and the postures Today offers a play for.

use super::Sweep;
use crate::AppError;
use rapport_store::HealthDay;

/// How many clients one statement group reads.
const CHUNK: usize = 200;

impl Sweep<'_> {
    pub(crate) async fn health(&mut self) -> Result<(), AppError> {
        let day = self
            .now
            .to_zoned_datetime(jiff::tz::TimeZone::UTC)
            .date()
            .to_string();
        let clients = self.app.store.client_ids().await?;
        for chunk in clients.chunks(CHUNK) {
            let mut read = self.app.read_clients(chunk, self.now).await?;
            let readings: Vec<HealthDay> = chunk
                .iter()
                .filter_map(|id| read.remove(id).map(|reading| (*id, reading)))
                .map(|(client_id, (posture, health))| HealthDay {
                    client_id,
                    day: day.clone(),
                    health,
                    posture: posture.posture,
                    posture_reasons: posture.reasons.iter().map(ToString::to_string).collect(),
                })
                .collect();
            self.app.store.save_health_days(&readings, self.now).await?;
        }
        Ok(())
    }
}
