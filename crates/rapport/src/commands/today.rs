//! `rapport today`: the agenda of what needs a person now.

use super::{OrCli, moment, person};
use crate::output::{print_json, table, truncate};
use rapport_app::views::AgendaItemView;
use rapport_app::{Acting, App};

pub async fn today(
    app: &App,
    acting: &Acting,
    user: Option<String>,
    now: Option<String>,
    json: bool,
) -> anyhow::Result<()> {
    let now = moment(now)?;
    let user = person(app, acting, user).await?;
    let items: Vec<AgendaItemView> = app
        .today(acting, user, now)
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
                truncate(&i.title, 60),
            ]
        })
        .collect();
    print!("{}", table(&["WHY", "REQUEST", "DUE", "WHAT"], &rows));
    Ok(())
}
