//! `rapport request`: list, show, create, move, add messages.

use super::{OrCli, parse};
use crate::cli::RequestCommand;
use crate::output::{opt, print_json, table, truncate};
use anyhow::{Context, bail};
use jiff::Timestamp;
use rapport_app::views::{CommitmentView, MessageAdded, RequestView, ThreadView};
use rapport_app::{
    Acting, App, CommitmentQuery, MessageInput, RequestInput, RequestQuery, TransitionInput,
};
use rapport_domain::{ClientId, Direction, EngagementId, Request, RequestId, UserId};

fn request_rows(requests: &[Request]) -> Vec<Vec<String>> {
    requests
        .iter()
        .map(|r| {
            vec![
                r.id.to_string(),
                r.state.to_string(),
                r.client_id.to_string(),
                opt(r.assignee_id),
                r.due_at.map_or_else(
                    || "-".to_owned(),
                    |d| d.strftime("%Y-%m-%d %H:%M").to_string(),
                ),
                truncate(&r.subject, 48),
            ]
        })
        .collect()
}

const REQUEST_HEADERS: [&str; 6] = ["ID", "STATE", "CLIENT", "ASSIGNEE", "DUE (UTC)", "SUBJECT"];

fn print_request(request: Request, json: bool) -> anyhow::Result<()> {
    if json {
        return print_json(&RequestView::from(request));
    }
    print!(
        "{}",
        table(
            &REQUEST_HEADERS,
            &request_rows(std::slice::from_ref(&request))
        )
    );
    Ok(())
}

pub async fn request(
    app: &App,
    acting: &Acting,
    command: RequestCommand,
    json: bool,
) -> anyhow::Result<()> {
    let now = Timestamp::now();
    match command {
        RequestCommand::List {
            state,
            client,
            assignee,
            limit,
        } => {
            let query = RequestQuery {
                state: state.map(|s| parse("state", &s)).transpose()?,
                client: client.map(ClientId),
                assignee: assignee.map(UserId),
                before_id: None,
                limit,
                ..Default::default()
            };
            let requests = app.list_requests(acting, query).await.cli()?;
            if json {
                return print_json(
                    &requests
                        .into_iter()
                        .map(RequestView::from)
                        .collect::<Vec<_>>(),
                );
            }
            print!("{}", table(&REQUEST_HEADERS, &request_rows(&requests)));
        }
        RequestCommand::Show { id } => show(app, acting, RequestId(id), json, now).await?,
        RequestCommand::FinalDraft { id } => {
            let draft = app.final_draft(acting, RequestId(id)).await.cli()?;
            super::materials::show_draft(draft, json)?;
        }
        RequestCommand::Create {
            client,
            subject,
            engagement,
            assignee,
            due,
            received,
        } => {
            let input = RequestInput {
                client_id: ClientId(client),
                engagement_id: engagement.map(EngagementId),
                subject,
                assignee_id: assignee.map(UserId),
                due_at: due.map(|d| parse("due", &d)).transpose()?,
                received_at: received.map(|r| parse("received", &r)).transpose()?,
            };
            let request = app
                .create_request(acting, input, None, now)
                .await
                .cli()?
                .value;
            print_request(request, json)?;
        }
        RequestCommand::Transition {
            id,
            to,
            skip_final_reason,
        } => {
            let input = TransitionInput {
                to: parse("to", &to)?,
                skip_final_reason,
            };
            let request = app
                .transition_request(acting, RequestId(id), input, None, now)
                .await
                .cli()?
                .value;
            print_request(request, json)?;
        }
        RequestCommand::Message {
            id,
            direction,
            body,
            file,
            author,
            channel,
            r#final,
            to,
        } => {
            let body = match (body, file) {
                (Some(body), _) => body,
                (None, Some(path)) if path.as_os_str() == "-" => {
                    std::io::read_to_string(std::io::stdin())?
                }
                (None, Some(path)) => std::fs::read_to_string(&path)
                    .with_context(|| format!("failed to read {}", path.display()))?,
                (None, None) => {
                    bail!("give the message text with --body TEXT or --file PATH (- for stdin)")
                }
            };
            let input = MessageInput {
                direction: parse("direction", &direction)?,
                channel: Some(parse("channel", &channel)?),
                author,
                body,
                is_final: r#final,
                sent_at: None,
                to,
            };
            add_message(app, acting, RequestId(id), input, json, now).await?;
        }
        RequestCommand::Note { id, body } => {
            let input = MessageInput {
                direction: Direction::Note,
                channel: None,
                author: None,
                body,
                is_final: false,
                sent_at: None,
                to: Vec::new(),
            };
            add_message(app, acting, RequestId(id), input, json, now).await?;
        }
    }
    Ok(())
}

async fn show(
    app: &App,
    acting: &Acting,
    id: RequestId,
    json: bool,
    now: Timestamp,
) -> anyhow::Result<()> {
    let thread = app.thread(acting, id).await.cli()?;
    let query = CommitmentQuery {
        request: Some(id),
        ..CommitmentQuery::default()
    };
    let commitments = app.list_commitments(acting, query).await.cli()?;
    if json {
        return print_json(&serde_json::json!({
            "thread": ThreadView::from(thread),
            "commitments": commitments.into_iter().map(|c| CommitmentView::new(c, now)).collect::<Vec<_>>(),
        }));
    }
    let r = &thread.request;
    println!(
        "#{} {}\nstate {}, client {}, due {}",
        r.id,
        r.subject,
        r.state,
        r.client_id,
        opt(r.due_at)
    );
    for m in &thread.messages {
        let mark = if m.is_final { " [final]" } else { "" };
        println!(
            "\n--- {} {} via {} by {} at {}{mark}",
            m.id, m.direction, m.channel, m.author, m.sent_at
        );
        println!("{}", m.body.trim_end());
    }
    if !commitments.is_empty() {
        println!("\nCommitments");
        for c in commitments {
            let status = if c.done_at.is_some() {
                "done"
            } else if c.is_overdue(now) {
                "OVERDUE"
            } else {
                "open"
            };
            println!("  [{status}] {} (due {})", c.promise, c.due_at);
        }
    }
    Ok(())
}

async fn add_message(
    app: &App,
    acting: &Acting,
    id: RequestId,
    input: MessageInput,
    json: bool,
    now: Timestamp,
) -> anyhow::Result<()> {
    let added = app.add_message(acting, id, input, None, now).await.cli()?;
    if json {
        return print_json(&MessageAdded::from(added));
    }
    println!(
        "added message {} to request {}; the request is {}",
        added.message.id, added.request.id, added.request.state
    );
    Ok(())
}
