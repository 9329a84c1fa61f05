//! `rapport today`: the agenda of what needs a person now.

use super::OrCli;
use crate::output::{print_json, table};
use jiff::Timestamp;
use rapport_app::views::AgendaItemView;
use rapport_app::{Acting, App};

pub async fn today(app: &App, acting: &Acting, json: bool) -> anyhow::Result<()> {
    let items: Vec<AgendaItemView> = app
        .today(acting, Timestamp::now())
        .await
        .cli()?
        .into_iter()
        .map(Into::into)
        .collect();
    if json {
        return print_json(&serde_json::json!({ "items": items }));
    }
    if items.is_empty() {
        println!("Nothing needs you now.");
        return Ok(());
    }
    let rows: Vec<Vec<String>> = items
        .iter()
        .map(|i| {
            vec![
                i.kind.replace('_', " "),
                i.request_id.map(|r| format!("#{r}")).unwrap_or_default(),
                i.due_at.map(|t| t.to_string()).unwrap_or_default(),
                i.title.chars().take(60).collect(),
            ]
        })
        .collect();
    print!("{}", table(&["WHY", "REQUEST", "DUE", "WHAT"], &rows));
    Ok(())
}
