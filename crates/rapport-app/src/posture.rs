//! A client's posture (pushing, quiet, tired, in trouble) with its play, and its health
//! with every reason and its history: read from the client's mail and our record with
//! it, by the domain's rules.

use crate::{Acting, App, AppError};
use jiff::Timestamp;
use rapport_domain::{
    Action, ClientId, ClientSignals, Health, MailSignal, POSTURE_BASELINE, POSTURE_WINDOW,
    PostureReading, RequestKind, client_health, read_posture,
};
use rapport_store::{ClientActivity, ClientMail, HealthDay};
use std::collections::HashMap;

/// How many days of health history a client's page shows.
pub const HISTORY_DAYS: u32 = 90;

/// A client's standing now, and how its health went.
#[derive(Debug, Clone)]
pub struct ClientStanding {
    pub posture: PostureReading,
    pub health: Health,
    /// Oldest first, one reading per day the engine ran.
    pub history: Vec<HealthDay>,
}

/// A message as posture reads it: urgency and kind from the filed card, tone and scope
/// from the card itself.
fn mail_signal(mail: &ClientMail) -> MailSignal {
    let card: Option<serde_json::Value> = mail
        .card
        .as_deref()
        .and_then(|c| serde_json::from_str(c).ok());
    let field = |path: &[&str]| {
        let mut value = card.as_ref()?;
        for key in path {
            value = value.get(key)?;
        }
        value.as_str().map(str::to_owned)
    };
    MailSignal {
        at: mail.at,
        inbound: mail.inbound,
        urgent: mail.urgency.as_deref() == Some("urgent"),
        negative: matches!(
            field(&["tone", "label"]).as_deref(),
            Some("frustrated" | "angry")
        ),
        kind: mail
            .kind
            .as_deref()
            .and_then(|k| k.parse::<RequestKind>().ok()),
        out_of_scope: field(&["scope", "verdict"]).as_deref() == Some("out"),
    }
}

fn signals(activity: ClientActivity) -> ClientSignals {
    ClientSignals {
        requests: activity.requests,
        mail: activity.mail.iter().map(mail_signal).collect(),
        unmet_breaches: activity.unmet_breaches,
        breaches_in_window: activity.breaches_since_window,
        overdue_commitments: activity.overdue_commitments,
        skipped_finals: activity.skipped_finals,
    }
}

impl App {
    /// The client's posture and health at `now`, read fresh.
    pub(crate) async fn read_client(
        &self,
        client: ClientId,
        now: Timestamp,
    ) -> Result<(PostureReading, Health), AppError> {
        let mut read = self.read_clients(&[client], now).await?;
        Ok(read
            .remove(&client)
            .expect("every client asked for is read"))
    }

    /// The posture and health of each of these clients at `now`, read together.
    pub(crate) async fn read_clients(
        &self,
        clients: &[ClientId],
        now: Timestamp,
    ) -> Result<HashMap<ClientId, (PostureReading, Health)>, AppError> {
        let window = now - POSTURE_WINDOW;
        let activity = self
            .store
            .client_activity(clients, window - POSTURE_BASELINE, window, now)
            .await?;
        Ok(activity
            .into_iter()
            .map(|(client, activity)| {
                let signals = signals(activity);
                (
                    client,
                    (read_posture(&signals, now), client_health(&signals, now)),
                )
            })
            .collect())
    }

    /// A client's posture with its play, its health with its reasons, and the history.
    pub async fn client_standing(
        &self,
        acting: &Acting,
        client: ClientId,
        now: Timestamp,
    ) -> Result<ClientStanding, AppError> {
        let missing = move || AppError::not_found("client", client.0);
        self.may_on_client(acting, Action::ReadClient, client, missing)
            .await?;
        let (posture, health) = self.read_client(client, now).await?;
        let history = self.store.health_history(client, HISTORY_DAYS).await?;
        Ok(ClientStanding {
            posture,
            health,
            history,
        })
    }
}
