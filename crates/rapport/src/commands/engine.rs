//! `rapport notifications` and `rapport jobs`: what the proactive engine told people, and
//! its recurring jobs.

use super::{OrCli, moment, parse, person};
use crate::cli::{JobsCommand, NotificationsCommand};
use crate::output::{print_json, table, truncate};
use jiff::Timestamp;
use rapport_app::views::NotificationView;
use rapport_app::{Acting, App};
use rapport_domain::NotificationId;

pub async fn notifications(
    app: &App,
    acting: &Acting,
    command: NotificationsCommand,
    json: bool,
) -> anyhow::Result<()> {
    match command {
        NotificationsCommand::List { user, unread, now } => {
            let now = moment(now)?;
            let user = person(app, acting, user).await?;
            let items: Vec<NotificationView> = app
                .list_notifications(acting, user, unread, now)
                .await
                .cli()?
                .into_iter()
                .map(Into::into)
                .collect();
            if json {
                return print_json(&serde_json::json!({ "items": items }));
            }
            if items.is_empty() {
                println!("No notifications.");
                return Ok(());
            }
            let rows: Vec<Vec<String>> = items
                .iter()
                .map(|n| {
                    vec![
                        n.id.to_string(),
                        if n.read_at.is_some() { "" } else { "*" }.to_owned(),
                        n.kind.replace('_', " "),
                        n.request_id.map(|r| format!("#{r}")).unwrap_or_default(),
                        truncate(&n.title, 40),
                        n.reason.clone(),
                    ]
                })
                .collect();
            print!(
                "{}",
                table(&["ID", "NEW", "WHAT", "REQUEST", "ABOUT", "WHY"], &rows)
            );
        }
        NotificationsCommand::Read { id } => {
            app.read_notification(acting, NotificationId(id), Timestamp::now())
                .await
                .cli()?;
            if json {
                return print_json(&serde_json::json!({ "id": id, "read": true }));
            }
            println!("notification {id} read");
        }
    }
    Ok(())
}

pub async fn jobs(
    app: &App,
    acting: &Acting,
    command: JobsCommand,
    json: bool,
) -> anyhow::Result<()> {
    match command {
        JobsCommand::Run { now } => {
            let now = now.map(|n| parse("now", &n)).transpose()?;
            let round = app.run_due_jobs(acting, now).await.cli()?;
            if json {
                return print_json(&round);
            }
            let ran: Vec<String> = round
                .timings
                .iter()
                .map(|t| format!("{} in {} ms", t.job, t.millis))
                .collect();
            println!(
                "ran {} ({} notifications, {} SLA breaches recorded)",
                if ran.is_empty() {
                    "nothing due".to_owned()
                } else {
                    ran.join(", ")
                },
                round.notified,
                round.breaches
            );
            for (job, error) in &round.failed {
                eprintln!("job {job} failed: {error}");
            }
            if !round.failed.is_empty() {
                anyhow::bail!("{} job(s) failed", round.failed.len());
            }
        }
        JobsCommand::List => {
            let jobs = app.list_jobs(acting).await.cli()?;
            if json {
                return print_json(&jobs);
            }
            let rows: Vec<Vec<String>> = jobs
                .iter()
                .map(|j| {
                    vec![
                        j.name.to_string(),
                        j.run_at.to_string(),
                        j.last_run_at.map(|t| t.to_string()).unwrap_or_default(),
                        j.runs.to_string(),
                        j.last_error.clone().unwrap_or_default(),
                    ]
                })
                .collect();
            print!(
                "{}",
                table(
                    &["JOB", "NEXT RUN", "LAST RUN", "RUNS", "LAST ERROR"],
                    &rows
                )
            );
        }
    }
    Ok(())
}
