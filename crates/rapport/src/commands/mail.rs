//! `rapport ingest` (mail from files, with a progress bar and a summary) and
//! `rapport triage` (mail from unknown senders).

use super::OrCli;
use crate::cli::{MailboxCommand, OutboxCommand, TriageCommand};
use crate::output::{print_json, table};
use anyhow::Context;
use jiff::Timestamp;
use rapport_app::views::{MailboxView, MessageAdded, OutboxView, TriageView};
use rapport_app::{Acting, App, AppError, Ingested, PasswordInput, TriageAssignment};
use rapport_domain::{ClientId, RequestId};
use rapport_mail::{InboundMail, MailFile, SourceError, read_sources};
use std::collections::VecDeque;
use std::io::IsTerminal;
use std::path::PathBuf;
use tokio::task::JoinHandle;

/// Messages parsed ahead of those being stored: both cores parse while one stores.
const PARSE_AHEAD: usize = 192;
/// Messages filed in one transaction.
const BATCH: usize = 128;

/// What an ingest run did, as `--json` prints it.
#[derive(Debug, Default, serde::Serialize)]
pub struct Summary {
    /// Messages stored: threaded + new_requests + triaged.
    pub stored: u64,
    /// Messages received before, so nothing new was stored.
    pub duplicates: u64,
    /// Stored messages that joined an existing request.
    pub threaded: u64,
    pub new_requests: u64,
    pub triaged: u64,
    /// Messages that could not be stored at all (each named on stderr).
    pub failed: u64,
}

impl Summary {
    fn fail(&mut self, bar: &indicatif::ProgressBar, origin: &str, error: &dyn std::fmt::Display) {
        self.failed += 1;
        bar.suspend(|| eprintln!("failed: {origin}: {error}"));
    }

    fn count(&mut self, outcome: &Ingested) {
        match outcome {
            Ingested::Duplicate => self.duplicates += 1,
            Ingested::Threaded { .. } => self.threaded += 1,
            Ingested::NewRequest { .. } => self.new_requests += 1,
            Ingested::Triaged { .. } => self.triaged += 1,
        }
        if !matches!(outcome, Ingested::Duplicate) {
            self.stored += 1;
        }
    }
}

type Parsing = (String, u64, JoinHandle<Result<InboundMail, AppError>>);

/// Reads every message under `paths` and files each one; exits non-zero when any failed.
pub async fn ingest(
    app: &App,
    acting: &Acting,
    paths: Vec<PathBuf>,
    json: bool,
) -> anyhow::Result<()> {
    let (total_bytes, messages) =
        read_sources(&paths).map_err(|e| anyhow::anyhow!("cannot read {e}"))?;
    let bar = progress_bar(total_bytes, json);
    // The files are read on a thread of their own, a few messages ahead.
    let (sender, mut receiver) =
        tokio::sync::mpsc::channel::<Result<MailFile, SourceError>>(PARSE_AHEAD);
    let reader = tokio::task::spawn_blocking(move || {
        for message in messages {
            if sender.blocking_send(message).is_err() {
                return;
            }
        }
    });
    let mut summary = Summary::default();
    let mut parsing: VecDeque<Parsing> = VecDeque::new();
    loop {
        let incoming = if parsing.len() < PARSE_AHEAD {
            receiver.recv().await
        } else {
            None
        };
        let done = incoming.is_none();
        match incoming {
            Some(Ok(file)) => {
                let (app, acting) = (app.clone(), acting.clone());
                let size = file.bytes.len() as u64;
                let task = tokio::spawn(async move { app.receive_mail(&acting, file.bytes).await });
                parsing.push_back((file.origin, size, task));
            }
            Some(Err(error)) => {
                summary.failed += 1;
                bar.suspend(|| eprintln!("failed: {error}"));
            }
            None => {}
        }
        if done || parsing.len() >= PARSE_AHEAD {
            if parsing.is_empty() {
                break;
            }
            let take = parsing.len().min(BATCH);
            let mut batch = Vec::with_capacity(take);
            for (origin, size, task) in parsing.drain(..take) {
                bar.inc(size);
                match task.await {
                    Ok(Ok(mail)) => batch.push((origin, mail)),
                    Ok(Err(error)) => summary.fail(&bar, &origin, &error),
                    Err(error) => {
                        summary.fail(&bar, &origin, &format!("the parser stopped: {error}"))
                    }
                }
            }
            file_batch(app, acting, batch, &mut summary, &bar).await;
        }
    }
    reader.await.ok();
    bar.finish_and_clear();
    if json {
        print_json(&summary)?;
    } else {
        println!(
            "{} stored ({} threaded, {} new requests, {} triaged), {} duplicates, {} failed",
            summary.stored,
            summary.threaded,
            summary.new_requests,
            summary.triaged,
            summary.duplicates,
            summary.failed
        );
    }
    if summary.failed > 0 {
        anyhow::bail!(
            "{} message(s) could not be stored; they are named above",
            summary.failed
        );
    }
    Ok(())
}

/// Files a batch in one transaction; when that fails, each mail on its own, so only the
/// mail that cannot be stored is counted as failed and named.
async fn file_batch(
    app: &App,
    acting: &Acting,
    batch: Vec<(String, InboundMail)>,
    summary: &mut Summary,
    bar: &indicatif::ProgressBar,
) {
    let (origins, mails): (Vec<String>, Vec<InboundMail>) = batch.into_iter().unzip();
    match app.file_mails(acting, &mails, Timestamp::now()).await {
        Ok(outcomes) => outcomes.iter().for_each(|outcome| summary.count(outcome)),
        Err(error) if mails.len() == 1 => summary.fail(bar, &origins[0], &error),
        Err(_) => {
            for (origin, mail) in origins.iter().zip(&mails) {
                match app.file_mail(acting, mail, Timestamp::now()).await {
                    Ok(outcome) => summary.count(&outcome),
                    Err(error) => summary.fail(bar, origin, &error),
                }
            }
        }
    }
}

/// A bar on a terminal only, so `--json` and redirected output stay clean.
fn progress_bar(total_bytes: u64, json: bool) -> indicatif::ProgressBar {
    if json || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(total_bytes);
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} ({eta})",
    ) {
        bar.set_style(style);
    }
    bar
}

pub async fn triage(
    app: &App,
    acting: &Acting,
    command: TriageCommand,
    json: bool,
) -> anyhow::Result<()> {
    match command {
        TriageCommand::List { all, limit } => {
            let items = app.list_triage(acting, all, limit).await.cli()?;
            if json {
                let items: Vec<TriageView> = items.into_iter().map(Into::into).collect();
                return print_json(&serde_json::json!({ "items": items }));
            }
            let rows: Vec<_> = items
                .iter()
                .map(|t| {
                    vec![
                        t.id.to_string(),
                        t.reason.to_string(),
                        t.mail
                            .from
                            .as_ref()
                            .map(|f| f.address.clone())
                            .unwrap_or_default(),
                        t.mail.subject.chars().take(60).collect(),
                        t.received_at.to_string(),
                        t.request_id.map(|r| r.to_string()).unwrap_or_default(),
                    ]
                })
                .collect();
            print!(
                "{}",
                table(
                    &["ID", "REASON", "FROM", "SUBJECT", "RECEIVED", "REQUEST"],
                    &rows
                )
            );
        }
        TriageCommand::Show { id } => {
            let item = app.get_triage(acting, id).await.cli()?;
            if json {
                return print_json(&TriageView::from(item));
            }
            let from = item
                .mail
                .from
                .as_ref()
                .map(|f| f.address.as_str())
                .unwrap_or("(unknown)");
            println!(
                "#{} {} from {from}, received {}",
                item.id, item.reason, item.received_at
            );
            println!("subject: {}", item.mail.subject);
            for warning in &item.mail.warnings {
                println!("warning: {} ({})", warning.detail, warning.code);
            }
            println!("\n{}", item.body);
        }
        TriageCommand::Assign {
            id,
            client,
            request,
        } => {
            let assignment = TriageAssignment {
                client_id: ClientId(client),
                request_id: request.map(RequestId),
            };
            let (message, request) = app
                .assign_triage(acting, id, assignment, Timestamp::now())
                .await
                .cli()?;
            if json {
                return print_json(&MessageAdded {
                    message: message.into(),
                    request: request.into(),
                });
            }
            println!(
                "triaged message {id} is now message {} of request {}",
                message.id, request.id
            );
        }
    }
    Ok(())
}

pub async fn outbox(
    app: &App,
    acting: &Acting,
    command: OutboxCommand,
    json: bool,
) -> anyhow::Result<()> {
    match command {
        OutboxCommand::List { state, limit } => {
            let state = state.map(|s| super::parse("state", &s)).transpose()?;
            let items = app.list_outbox(acting, state, limit).await.cli()?;
            if json {
                let items: Vec<OutboxView> = items.into_iter().map(Into::into).collect();
                return print_json(&serde_json::json!({ "items": items }));
            }
            let rows: Vec<_> = items
                .iter()
                .map(|o| {
                    vec![
                        o.id.to_string(),
                        o.state.to_string(),
                        o.request_id.to_string(),
                        o.recipients.join(", "),
                        o.attempts.to_string(),
                        o.next_attempt_at.map(|t| t.to_string()).unwrap_or_default(),
                        o.last_answer
                            .clone()
                            .unwrap_or_default()
                            .chars()
                            .take(60)
                            .collect(),
                    ]
                })
                .collect();
            print!(
                "{}",
                table(
                    &[
                        "ID",
                        "STATE",
                        "REQUEST",
                        "TO",
                        "ATTEMPTS",
                        "NEXT TRY",
                        "LAST ANSWER"
                    ],
                    &rows
                )
            );
        }
        OutboxCommand::Send => {
            let round = app.send_due_mail(acting, Timestamp::now()).await.cli()?;
            if json {
                return print_json(&round);
            }
            println!(
                "{} sent, {} to try again later, {} failed",
                round.sent, round.deferred, round.failed
            );
        }
        OutboxCommand::Retry { id } => {
            let item = app.retry_outbox(acting, id, Timestamp::now()).await.cli()?;
            if json {
                return print_json(&OutboxView::from(item));
            }
            println!("outgoing mail {id} is queued again");
        }
    }
    Ok(())
}

pub async fn mailbox(
    app: &App,
    acting: &Acting,
    command: MailboxCommand,
    json: bool,
) -> anyhow::Result<()> {
    match command {
        MailboxCommand::Add {
            imap_url,
            password_file,
            password_stdin,
        } => {
            let password = match password_file {
                Some(file) if !password_stdin => PasswordInput::File(file),
                _ => {
                    let mut text = String::new();
                    std::io::Read::read_to_string(&mut std::io::stdin(), &mut text)
                        .context("failed to read the password from standard input")?;
                    PasswordInput::Typed(text)
                }
            };
            let mailbox = app
                .add_mailbox(acting, &imap_url, password, Timestamp::now())
                .await
                .cli()?;
            if json {
                return print_json(&MailboxView::from(mailbox));
            }
            println!("mailbox {} added: {}", mailbox.id, mailbox.url);
        }
        MailboxCommand::List => {
            let mailboxes = app.list_mailboxes(acting).await.cli()?;
            if json {
                return print_json(
                    &mailboxes
                        .into_iter()
                        .map(MailboxView::from)
                        .collect::<Vec<_>>(),
                );
            }
            let rows: Vec<_> = mailboxes
                .iter()
                .map(|m| {
                    vec![
                        m.id.to_string(),
                        m.url.clone(),
                        m.last_uid.to_string(),
                        m.last_sync_at.map(|t| t.to_string()).unwrap_or_default(),
                        m.last_error.clone().unwrap_or_default(),
                    ]
                })
                .collect();
            print!(
                "{}",
                table(&["ID", "URL", "LAST UID", "LAST SYNC", "LAST ERROR"], &rows)
            );
        }
        MailboxCommand::Sync { id } => {
            let ids = match id {
                Some(id) => vec![id],
                None => app
                    .list_mailboxes(acting)
                    .await
                    .cli()?
                    .into_iter()
                    .map(|m| m.id)
                    .collect(),
            };
            let mut results = Vec::new();
            let mut failed = 0;
            for id in ids {
                match app.sync_mailbox(acting, id).await {
                    Ok(sync) => results.push(serde_json::json!({"id": id, "sync": sync})),
                    Err(error) => {
                        failed += 1;
                        eprintln!("failed: {error}");
                        results.push(serde_json::json!({"id": id, "error": error.to_string()}));
                    }
                }
            }
            if json {
                print_json(&results)?;
            } else {
                for result in &results {
                    println!("{result}");
                }
            }
            if failed > 0 {
                anyhow::bail!("{failed} mailbox(es) could not be read");
            }
        }
    }
    Ok(())
}
