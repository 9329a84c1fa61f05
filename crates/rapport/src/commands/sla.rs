//! `rapport sla`: service levels in working time.

use super::OrCli;
use crate::cli::SlaCommand;
use crate::output::{print_json, table};
use jiff::Timestamp;
use rapport_app::views::SlaPolicyView;
use rapport_app::{Acting, App, SlaPolicyInput};
use rapport_domain::policy_target_minutes;

pub async fn sla(
    app: &App,
    acting: &Acting,
    command: SlaCommand,
    json: bool,
) -> anyhow::Result<()> {
    let policies = match command {
        SlaCommand::Add {
            name,
            first_response,
            next_response,
            resolution,
            warn_at,
        } => {
            let minutes = |flag: &str, text: &str| -> anyhow::Result<i64> {
                policy_target_minutes(text).map_err(|e| anyhow::anyhow!("invalid --{flag}: {e}"))
            };
            let input = SlaPolicyInput {
                name,
                first_response_minutes: minutes("first-response", &first_response)?,
                next_response_minutes: minutes("next-response", &next_response)?,
                resolution_minutes: minutes("resolution", &resolution)?,
                warn_at_percent: Some(warn_at),
            };
            vec![
                app.create_sla_policy(acting, input, Timestamp::now())
                    .await
                    .cli()?,
            ]
        }
        SlaCommand::Edit {
            id,
            name,
            first_response,
            next_response,
            resolution,
            warn_at,
        } => {
            let current = app
                .list_sla_policies(acting)
                .await
                .cli()?
                .into_iter()
                .find(|p| p.id == id)
                .ok_or_else(|| anyhow::anyhow!("no SLA policy has the id {id}"))?;
            let minutes = |flag: &str, text: Option<String>, now: jiff::SignedDuration| {
                text.map_or(Ok(now.as_mins()), |t| {
                    policy_target_minutes(&t).map_err(|e| anyhow::anyhow!("invalid --{flag}: {e}"))
                })
            };
            let t = current.targets;
            let input = SlaPolicyInput {
                name: name.unwrap_or(current.name),
                first_response_minutes: minutes(
                    "first-response",
                    first_response,
                    t.first_response,
                )?,
                next_response_minutes: minutes("next-response", next_response, t.next_response)?,
                resolution_minutes: minutes("resolution", resolution, t.resolution)?,
                warn_at_percent: Some(warn_at.unwrap_or(i64::from(t.warn_at_percent))),
            };
            vec![
                app.update_sla_policy(acting, id, input, Timestamp::now())
                    .await
                    .cli()?,
            ]
        }
        SlaCommand::Remove { id } => {
            app.delete_sla_policy(acting, id, Timestamp::now())
                .await
                .cli()?;
            if json {
                return print_json(&serde_json::json!({ "deleted": id }));
            }
            println!("SLA policy {id} deleted");
            return Ok(());
        }
        SlaCommand::List => app.list_sla_policies(acting).await.cli()?,
    };
    let views: Vec<SlaPolicyView> = policies.into_iter().map(Into::into).collect();
    if json {
        return print_json(&serde_json::json!({ "items": views }));
    }
    let rows: Vec<Vec<String>> = views
        .iter()
        .map(|p| {
            vec![
                p.id.to_string(),
                p.name.clone(),
                format!("{} min", p.first_response_minutes),
                format!("{} min", p.next_response_minutes),
                format!("{} min", p.resolution_minutes),
                format!("{}%", p.warn_at_percent),
            ]
        })
        .collect();
    print!(
        "{}",
        table(
            &[
                "ID",
                "NAME",
                "FIRST RESPONSE",
                "NEXT RESPONSE",
                "RESOLUTION",
                "WARN AT"
            ],
            &rows
        )
    );
    Ok(())
}
