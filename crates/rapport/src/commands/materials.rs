//! `rapport materials`: what the client is to send us, until it arrives.

use super::{OrCli, parse};
use crate::cli::MaterialsCommand;
use crate::output::{print_json, table};
use jiff::Timestamp;
use rapport_app::views::{DraftView, MaterialView};
use rapport_app::{Acting, App, MaterialInput, MaterialQuery};
use rapport_domain::{MaterialId, RequestId};

pub async fn materials(
    app: &App,
    acting: &Acting,
    command: MaterialsCommand,
    json: bool,
) -> anyhow::Result<()> {
    let now = Timestamp::now();
    match command {
        MaterialsCommand::Add { request, what, due } => {
            let input = MaterialInput {
                request_id: RequestId(request),
                what,
                due_at: due.map(|d| parse("due", &d)).transpose()?,
            };
            let material = app
                .create_material(acting, input, None, now)
                .await
                .cli()?
                .value;
            show(vec![material], json, now)
        }
        MaterialsCommand::List { request, all } => {
            let query = MaterialQuery {
                request: request.map(RequestId),
                awaited_only: !all,
                ..MaterialQuery::default()
            };
            let materials = app.list_materials(acting, query).await.cli()?;
            show(materials, json, now)
        }
        MaterialsCommand::Remind { id } => {
            let draft = app
                .material_reminder(acting, MaterialId(id), now)
                .await
                .cli()?;
            show_draft(draft, json)
        }
        MaterialsCommand::Received { id } => {
            let material = app
                .receive_material(acting, MaterialId(id), now)
                .await
                .cli()?;
            show(vec![material], json, now)
        }
    }
}

fn show(
    materials: Vec<rapport_domain::Material>,
    json: bool,
    now: Timestamp,
) -> anyhow::Result<()> {
    let views: Vec<MaterialView> = materials
        .into_iter()
        .map(|m| MaterialView::new(m, now))
        .collect();
    if json {
        return print_json(&serde_json::json!({ "items": views }));
    }
    let rows: Vec<Vec<String>> = views
        .iter()
        .map(|m| {
            vec![
                m.id.to_string(),
                m.request_id.to_string(),
                m.due_at
                    .map(|t| t.to_string())
                    .unwrap_or_else(|| "-".into()),
                if m.received_at.is_some() {
                    "received".into()
                } else if m.overdue {
                    "overdue".into()
                } else {
                    "awaited".into()
                },
                m.source.clone(),
                m.what.chars().take(60).collect(),
            ]
        })
        .collect();
    print!(
        "{}",
        table(&["ID", "REQUEST", "DUE", "STATE", "SOURCE", "WHAT"], &rows)
    );
    Ok(())
}

/// A draft as JSON, or its text to read and paste.
pub(super) fn show_draft(draft: rapport_app::Draft, json: bool) -> anyhow::Result<()> {
    if json {
        return print_json(&DraftView::from(draft));
    }
    println!("Subject: {}\n\n{}", draft.subject, draft.body);
    Ok(())
}
