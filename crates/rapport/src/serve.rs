//! `rapport serve`: bind, optionally load the demo desk, serve until SIGTERM or Ctrl-C.

use crate::config::Config;
use anyhow::Context;
use jiff::Timestamp;
use rapport_app::{App, SystemClock};
use rapport_store::Store;
use rapport_web::AppState;
use std::sync::Arc;

/// How `rapport serve` was asked to run.
pub struct Options {
    /// Load the demo desk into an empty database.
    pub demo: bool,
    /// Run the proactive engine's jobs here.
    pub jobs: bool,
    pub secure_cookies: bool,
    pub trusted_proxies: Vec<std::net::IpAddr>,
}

pub async fn run(config: &Config, store: Store, options: Options) -> anyhow::Result<()> {
    if options.demo {
        prepare_demo(config, &store).await?;
    }
    let listener = tokio::net::TcpListener::bind(&config.listen)
        .await
        .with_context(|| format!("failed to listen on {}; is another server running there? try --listen 127.0.0.1:PORT", config.listen))?;
    let address = listener.local_addr()?;
    if !address.ip().is_loopback() {
        tracing::warn!(%address, "listening beyond loopback: the desk is reachable from the network");
    }
    // Printed on stdout so scripts and tests can wait for it.
    println!(
        "rapport listening on http://{address} ({} database)",
        store.backend().as_str()
    );
    let app = App::new(store.clone())
        .with_mail(config.mail_settings()?)
        .with_sealing_key(config.sealing_key()?);
    // The background work stops before the database closes under it.
    let mut background = tokio::task::JoinSet::new();
    if config.smtp_url.is_some() {
        background.spawn(send_mail_forever(app.clone()));
    }
    background.spawn(crate::mailboxes::watch_mailboxes(app.clone()));
    if options.jobs {
        background.spawn(run_jobs_forever(app.clone()));
    }
    let mut state = AppState::new(app, Arc::new(SystemClock));
    state.web.secure_cookies = options.secure_cookies;
    state.web.trusted_proxies = options.trusted_proxies;
    let served = rapport_web::serve(listener, state, shutdown_signal()).await;
    background.shutdown().await;
    served.context("the server failed")?;
    store.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// The outbox worker: sends what is due every few seconds, for as long as the server runs.
async fn send_mail_forever(app: App) {
    let system = rapport_app::Acting::system("mail sender");
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(3));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        match app.send_due_mail(&system, Timestamp::now()).await {
            Ok(round) if round != rapport_app::SendRound::default() => {
                tracing::info!(
                    sent = round.sent,
                    deferred = round.deferred,
                    failed = round.failed,
                    "outbox"
                )
            }
            Ok(_) => {}
            Err(error) => tracing::error!(%error, "the outbox could not be read"),
        }
    }
}

/// The proactive engine: runs the jobs that are due on the database's clock, for as long
/// as the server runs; other servers on the same database share the work.
async fn run_jobs_forever(app: App) {
    let system = rapport_app::Acting::system("scheduler");
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(30));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        match app.run_due_jobs(&system, None).await {
            Ok(round) if !round.ran.is_empty() => tracing::info!(
                ran = ?round.ran,
                notified = round.notified,
                breaches = round.breaches,
                failed = round.failed.len(),
                "jobs"
            ),
            Ok(_) => {}
            Err(error) => tracing::error!(%error, "the jobs could not be run"),
        }
    }
}

/// Loads the demo desk into an empty database, and writes its admin's API token to
/// `<data-dir>/demo-token` and web password to `<data-dir>/demo-password`; on a desk that
/// has data, it leaves the data alone.
async fn prepare_demo(config: &Config, store: &Store) -> anyhow::Result<()> {
    let token_path = config.data_dir.join("demo-token");
    let password_path = config.data_dir.join("demo-password");
    if !store.is_empty().await? {
        match std::fs::read_to_string(&token_path) {
            Ok(_) => println!(
                "demo data already loaded; the API token is in {} and the password of {} in {}",
                token_path.display(),
                crate::demo::ADMIN_EMAIL,
                password_path.display()
            ),
            Err(_) => println!("the database already holds data, so the demo desk was not loaded"),
        }
        return Ok(());
    }
    config.ensure_data_dir()?;
    let loaded = crate::demo::load(&App::new(store.clone()), Timestamp::now())
        .await
        .context("failed to load the demo desk")?;
    write_secret(&token_path, &loaded.token)?;
    write_secret(&password_path, &loaded.password)?;
    let admin = crate::demo::ADMIN_EMAIL;
    println!(
        "demo desk loaded; sign in at http://{}/ as {admin} with password:\n{}",
        config.listen, loaded.password
    );
    println!("API token for {admin}:\n{}", loaded.token);
    println!(
        "(written to {} and {})",
        password_path.display(),
        token_path.display()
    );
    Ok(())
}

fn write_secret(path: &std::path::Path, text: &str) -> anyhow::Result<()> {
    crate::config::write_secret_file(path, text, true)
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}
