//! The mailbox watchers of `rapport serve`: one task per IMAP mailbox that files what is
//! new, then waits with IDLE (or a minute's sleep where the server has no IDLE), and
//! reconnects with a growing pause after an error. New mailboxes are picked up each minute.

use rapport_app::{Acting, App};
use std::collections::HashSet;
use std::time::Duration;

const CHECK_FOR_NEW_MAILBOXES: Duration = Duration::from_secs(60);
const IDLE_FOR: Duration = Duration::from_secs(25 * 60);
const POLL_EVERY: Duration = Duration::from_secs(60);
const MAX_PAUSE: Duration = Duration::from_secs(300);

pub async fn watch_mailboxes(app: App) {
    let system = Acting::system("mailbox watcher");
    let mut watching = HashSet::new();
    loop {
        match app.list_mailboxes(&system).await {
            Ok(mailboxes) => {
                for mailbox in mailboxes {
                    if watching.insert(mailbox.id) {
                        tokio::spawn(watch(app.clone(), system.clone(), mailbox.id));
                    }
                }
            }
            Err(error) => tracing::error!(%error, "the mailboxes could not be listed"),
        }
        tokio::time::sleep(CHECK_FOR_NEW_MAILBOXES).await;
    }
}

async fn watch(app: App, system: Acting, id: i64) {
    let mut pause = Duration::from_secs(2);
    loop {
        match watch_connected(&app, &system, id).await {
            Ok(()) => pause = Duration::from_secs(2),
            Err(error) => {
                tracing::warn!(mailbox = id, %error, pause_s = pause.as_secs(), "mailbox; reconnecting after a pause");
                tokio::time::sleep(pause).await;
                pause = (pause * 2).min(MAX_PAUSE);
            }
        }
    }
}

/// Reads and waits on one connection until it fails.
async fn watch_connected(app: &App, system: &Acting, id: i64) -> Result<(), rapport_app::AppError> {
    let (mailbox, mut session) = app.open_mailbox(system, id).await?;
    loop {
        let sync = app.sync_session(system, &mailbox, &mut session).await?;
        if sync.fetched > 0 {
            tracing::info!(
                mailbox = id,
                stored = sync.stored,
                duplicates = sync.duplicates,
                "mail read"
            );
        }
        if session.supports_idle() {
            session = session
                .idle(IDLE_FOR)
                .await
                .map_err(|e| rapport_app::AppError::Unavailable(e.0))?;
        } else {
            tokio::time::sleep(POLL_EVERY).await;
        }
    }
}
