//! IMAP mailboxes: added by an admin (the URL, and a file the password is read from or
//! the password itself, kept sealed with the desk's key),
//! read by `sync_mailbox` (every message above the last UID stored is filed like any
//! mail, then marked seen on the server, then counted as read: a crash in between stores
//! nothing twice, since the same bytes are stored once), and watched by `rapport serve`.

use crate::{Acting, App, AppError, Ingested};
use jiff::Timestamp;
use rapport_domain::{Action, ImapMailbox, MailboxPassword};
use rapport_mail::{ImapSession, ImapUrl, imap_connect};
use std::path::{Path, PathBuf};

/// How the password of a mailbox being added is given.
#[derive(Debug, Clone)]
pub enum PasswordInput {
    /// A file, read at each connection.
    File(PathBuf),
    /// The password itself, kept sealed with the desk's key.
    Typed(String),
}

/// What one pass over a mailbox did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct MailboxSync {
    pub fetched: u32,
    pub stored: u32,
    pub duplicates: u32,
    pub threaded: u32,
    pub new_requests: u32,
    pub triaged: u32,
}

/// Messages fetched per round trip.
const FETCH_BATCH: usize = 100;

impl App {
    /// Adds a mailbox to read.
    pub async fn add_mailbox(
        &self,
        acting: &Acting,
        url: &str,
        password: PasswordInput,
        now: Timestamp,
    ) -> Result<ImapMailbox, AppError> {
        acting.may(Action::ManageSettings)?;
        let url = ImapUrl::parse(url)
            .map_err(|e| AppError::invalid("imap_url", e.0))?
            .to_string();
        let password = match password {
            PasswordInput::File(file) => {
                let path = std::fs::canonicalize(&file).map_err(|e| {
                    AppError::invalid(
                        "password_file",
                        format!("cannot read {}: {e}", file.display()),
                    )
                })?;
                read_password(&path)
                    .map_err(|message| AppError::invalid("password_file", message))?;
                MailboxPassword::File(path.display().to_string())
            }
            PasswordInput::Typed(text) => {
                let text = text.trim_end_matches(['\r', '\n']);
                if text.is_empty() || text.chars().count() > 1000 {
                    return Err(AppError::invalid(
                        "password",
                        "the mailbox's password is 1 to 1000 characters",
                    ));
                }
                MailboxPassword::Sealed(self.sealing()?.seal(text.as_bytes(), url.as_bytes())?)
            }
        };
        Ok(self
            .store
            .create_mailbox(&url, &password, acting.actor(), now)
            .await?
            .value)
    }

    /// The password a connection to `mailbox` logs in with.
    fn password_of(&self, mailbox: &ImapMailbox) -> Result<String, String> {
        match &mailbox.password {
            MailboxPassword::File(path) => read_password(Path::new(path)),
            MailboxPassword::Sealed(sealed) => self
                .sealing()
                .and_then(|key| key.open(sealed, mailbox.url.as_bytes()))
                .map_err(|e| e.to_string())
                .and_then(|bytes| {
                    String::from_utf8(bytes).map_err(|_| "the sealed password is not text".into())
                }),
        }
    }

    pub async fn list_mailboxes(&self, acting: &Acting) -> Result<Vec<ImapMailbox>, AppError> {
        acting.may(Action::ManageMail)?;
        Ok(self.store.list_mailboxes().await?)
    }

    /// Connects to a mailbox, logged in and selected, for `sync_session` and IDLE.
    pub async fn open_mailbox(
        &self,
        acting: &Acting,
        id: i64,
    ) -> Result<(ImapMailbox, ImapSession), AppError> {
        acting.may(Action::ManageMail)?;
        let mailbox = self.store.get_mailbox(id).await?;
        let connected = async {
            let url = ImapUrl::parse(&mailbox.url).map_err(|e| e.0)?;
            let password = self.password_of(&mailbox)?;
            let ca_file = self.mail.as_deref().and_then(|m| m.ca_file.as_deref());
            imap_connect(&url, &password, ca_file)
                .await
                .map_err(|e| e.0)
        }
        .await;
        match connected {
            Ok(session) => Ok((mailbox, session)),
            Err(message) => {
                self.store
                    .mailbox_synced(id, Some(&message), Timestamp::now())
                    .await?;
                Err(AppError::Unavailable(format!(
                    "mailbox {}: {message}",
                    mailbox.url
                )))
            }
        }
    }

    /// Files every message of the session's mailbox above the last UID stored.
    pub async fn sync_session(
        &self,
        acting: &Acting,
        mailbox: &ImapMailbox,
        session: &mut ImapSession,
    ) -> Result<MailboxSync, AppError> {
        acting.may(Action::ManageMail)?;
        let mut sync = MailboxSync::default();
        // UIDs under another UIDVALIDITY name other messages: read all again (what was
        // stored before is recognised by its bytes and stored once).
        let current = self.store.get_mailbox(mailbox.id).await?;
        let mut last_uid = match current.uid_validity {
            Some(validity) if validity == session.uid_validity => current.last_uid,
            _ => 0,
        };
        let outcome = async {
            loop {
                let batch = session
                    .fetch_after(last_uid, FETCH_BATCH)
                    .await
                    .map_err(|e| e.0)?;
                if batch.is_empty() {
                    return Ok::<(), String>(());
                }
                for (uid, raw) in batch {
                    sync.fetched += 1;
                    let (ingested, _) = self
                        .ingest_mail(acting, raw, Timestamp::now())
                        .await
                        .map_err(|e| format!("message UID {uid} could not be stored: {e}"))?;
                    match ingested {
                        Ingested::Duplicate => sync.duplicates += 1,
                        Ingested::Threaded { .. } => sync.threaded += 1,
                        Ingested::NewRequest { .. } => sync.new_requests += 1,
                        Ingested::Triaged { .. } => sync.triaged += 1,
                    }
                    if ingested != Ingested::Duplicate {
                        sync.stored += 1;
                    }
                    // Only after its transaction committed.
                    session.mark_seen(uid).await.map_err(|e| e.0)?;
                    self.store
                        .mailbox_progress(mailbox.id, session.uid_validity, uid, Timestamp::now())
                        .await
                        .map_err(|e| e.to_string())?;
                    last_uid = uid;
                }
            }
        }
        .await;
        let error = outcome.as_ref().err().map(String::as_str);
        self.store
            .mailbox_synced(mailbox.id, error, Timestamp::now())
            .await?;
        match outcome {
            Ok(()) => Ok(sync),
            Err(message) => Err(AppError::Unavailable(format!(
                "mailbox {}: {message}",
                mailbox.url
            ))),
        }
    }

    /// One pass over a mailbox: connect, file what is new, log out.
    pub async fn sync_mailbox(&self, acting: &Acting, id: i64) -> Result<MailboxSync, AppError> {
        let (mailbox, mut session) = self.open_mailbox(acting, id).await?;
        let sync = self.sync_session(acting, &mailbox, &mut session).await;
        session.logout().await;
        sync
    }
}

fn read_password(path: &Path) -> Result<String, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read the password from {}: {e}", path.display()))?;
    let password = text.trim_end_matches(['\r', '\n']);
    if password.is_empty() {
        return Err(format!("{} is empty", path.display()));
    }
    Ok(password.to_owned())
}
