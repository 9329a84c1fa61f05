//! `rapport calendar`: working hours and the desk's own closed days.

use super::{OrCli, parse};
use crate::cli::CalendarCommand;
use crate::output::{print_json, table};
use jiff::Timestamp;
use jiff::civil::Date;
use rapport_app::{Acting, App};
use rapport_domain::{CalendarId, ClosedDay, WorkingHours};

pub async fn calendar(
    app: &App,
    acting: &Acting,
    command: CalendarCommand,
    json: bool,
) -> anyhow::Result<()> {
    let now = Timestamp::now();
    match command {
        CalendarCommand::List => {
            let calendars = app.list_calendars(acting).await.cli()?;
            let rows: Vec<serde_json::Value> = calendars
                .iter()
                .map(|c| {
                    serde_json::json!({
                        "id": c.id.as_str(),
                        "working_hours": c.apply().hours().text(),
                        "closed_days": c.closed.iter()
                            .map(|d| serde_json::json!({"date": d.date.to_string(), "name": d.name}))
                            .collect::<Vec<_>>(),
                    })
                })
                .collect();
            if json {
                return print_json(&rows);
            }
            let lines: Vec<Vec<String>> = calendars
                .iter()
                .map(|c| {
                    let closed: Vec<String> = c
                        .closed
                        .iter()
                        .map(|d| format!("{} {}", d.date, d.name))
                        .collect();
                    vec![
                        c.id.to_string(),
                        c.apply().hours().text(),
                        closed.join(", "),
                    ]
                })
                .collect();
            print!("{}", table(&["CALENDAR", "HOURS", "CLOSED DAYS"], &lines));
        }
        CalendarCommand::Hours { id, hours } => {
            let id: CalendarId = parse("calendar", &id)?;
            let hours: WorkingHours = parse("hours", &hours)?;
            app.set_calendar_hours(acting, id, hours, now).await.cli()?;
            println!("{id} works {}", hours.text());
        }
        CalendarCommand::Close { id, date, name } => {
            let id: CalendarId = parse("calendar", &id)?;
            let date: Date = parse("date", &date)?;
            let closed = app
                .close_calendar_day(acting, id, ClosedDay { date, name }, now)
                .await
                .cli()?;
            if closed {
                println!("{date} is closed on {id}");
            } else {
                println!("{date} was closed on {id} already");
            }
        }
        CalendarCommand::Reopen { id, date } => {
            let id: CalendarId = parse("calendar", &id)?;
            let date: Date = parse("date", &date)?;
            if !app.reopen_calendar_day(acting, id, date, now).await.cli()? {
                anyhow::bail!("{date} is not a closed day of this desk on {id}");
            }
            println!("{date} is open again on {id}");
        }
    }
    Ok(())
}
