//! The `rapport` command: parse what the user typed, resolve the configuration, dispatch.

mod cli;
mod commands;
mod config;
mod decode;
mod demo;
mod eval;
mod mailboxes;
mod output;
mod serve;

use anyhow::Context;
use clap::Parser;
use cli::{Cli, Command};
use commands::OrCli;
use config::Config;
use rapport_app::{Acting, App};
use rapport_store::Store;
use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    quiet_on_closed_pipe();
    let cli = Cli::parse();
    match run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

/// A reader that stops early (`rapport today | head`) closes the pipe, and printing to
/// it fails: stop at once and quietly, with the status of a program the broken pipe
/// stopped (128 + SIGPIPE), not a panic and its backtrace.
fn quiet_on_closed_pipe() {
    let report = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let payload = info.payload();
        let message = payload
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| payload.downcast_ref::<&str>().copied())
            .unwrap_or("");
        if message.starts_with("failed printing to stdout") && message.contains("Broken pipe") {
            std::process::exit(141);
        }
        report(info);
    }));
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    let listen = match &cli.command {
        Command::Serve { listen, .. } => listen.clone(),
        _ => None,
    };
    let config = Config::load(&cli.global.overrides(listen))?;
    init_logging(&config.log);
    for name in config::unknown_variables() {
        tracing::warn!(
            "unknown environment variable {name} is ignored; known: {}",
            config::KNOWN_VARIABLES.join(", ")
        );
    }
    let json = cli.global.json;
    // Commands that need no database.
    match &cli.command {
        Command::Openapi => {
            let document = rapport_web::openapi_document();
            println!("{}", serde_json::to_string_pretty(&document)?);
            return Ok(());
        }
        Command::Decode {
            file,
            now,
            tz,
            calendar,
            jsonl,
            outbound,
            non_technical,
            reply_to,
        } => {
            return if *jsonl {
                decode::decode_jsonl(file.as_deref(), *outbound)
            } else {
                let reading = decode::Reading {
                    outbound: *outbound,
                    technical: !non_technical,
                    reply_to: reply_to.as_deref(),
                };
                decode::decode_one(
                    file.as_deref(),
                    now.as_deref(),
                    tz,
                    calendar.as_deref(),
                    &reading,
                    json,
                )
            };
        }
        Command::Eval(command) => return eval::run(command),
        _ => {}
    }
    let store = open_store(&config).await?;
    let mut app = App::new(store.clone()).with_mail(config.mail_settings()?);
    // Mailboxes may keep their passwords sealed with the desk's key (made on first use).
    if matches!(cli.command, Command::Mailbox(_)) {
        app = app.with_sealing_key(config.sealing_key()?);
    }
    let acting = match &cli.global.as_user {
        None => commands::cli_actor(),
        Some(who) => Acting::user(
            &app.find_user(&commands::cli_actor(), who)
                .await
                .cli()
                .context("--as names no user of this desk")?,
        ),
    };
    match cli.command {
        Command::Serve {
            demo,
            no_jobs,
            secure_cookies,
            trusted_proxy,
            ..
        } => {
            let options = serve::Options {
                demo,
                jobs: !no_jobs,
                secure_cookies,
                trusted_proxies: trusted_proxy,
            };
            serve::run(&config, store, options).await
        }
        Command::Migrate => {
            let applied = store.migrate().await?;
            println!("database is up to date ({applied} migration(s) applied now)");
            Ok(())
        }
        Command::User(command) => commands::user(&app, &acting, command, json).await,
        Command::Token(command) => commands::token(&app, &acting, command, json).await,
        Command::Client(command) => commands::client(&app, &acting, command, json).await,
        Command::Request(command) => commands::request(&app, &acting, command, json).await,
        Command::Ingest { paths } => commands::ingest(&app, &acting, paths, json).await,
        Command::Triage(command) => commands::triage(&app, &acting, command, json).await,
        Command::Outbox(command) => commands::outbox(&app, &acting, command, json).await,
        Command::Mailbox(command) => commands::mailbox(&app, &acting, command, json).await,
        Command::Materials(command) => commands::materials(&app, &acting, command, json).await,
        Command::Today { user, now } => commands::today(&app, &acting, user, now, json).await,
        Command::Sla(command) => commands::sla(&app, &acting, command, json).await,
        Command::Notifications(command) => {
            commands::notifications(&app, &acting, command, json).await
        }
        Command::Jobs(command) => commands::jobs(&app, &acting, command, json).await,
        Command::Calendar(command) => commands::calendar(&app, &acting, command, json).await,
        Command::Openapi | Command::Decode { .. } | Command::Eval(_) => Ok(()),
    }
}

/// Opens the database, creating the data directory and applying migrations first.
async fn open_store(config: &Config) -> anyhow::Result<Store> {
    if config.database_url.starts_with("sqlite:") {
        config.ensure_data_dir()?;
    }
    Store::open(&config.database_url).await.with_context(|| {
        format!(
            "failed to open the database at {}",
            rapport_store::redact(&config.database_url)
        )
    })
}

fn init_logging(filter: &str) {
    let filter = tracing_subscriber::EnvFilter::try_new(filter).unwrap_or_else(|_| {
        eprintln!("warning: invalid log filter {filter:?}; using info");
        tracing_subscriber::EnvFilter::new("info")
    });
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
}
