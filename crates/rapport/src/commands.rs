//! The management commands: users, tokens, clients, requests, straight on the database.

use crate::cli::{ClientCommand, RequestCommand, TokenCommand, UserCommand};
use crate::output::{opt, print_json, table, truncate};
use anyhow::{Context, bail};
use jiff::Timestamp;
use rapport_domain::*;
use rapport_store::{RequestFilter, Store};
use rapport_web::views::{
    ClientView, CommitmentView, ContactView, EngagementView, MessageView, RequestView, ThreadView,
};

/// The actor of changes made from the shell.
pub fn cli_actor() -> Actor {
    let who = std::env::var("USER").unwrap_or_else(|_| "unknown".to_owned());
    Actor::System {
        name: format!("cli ({who})"),
    }
}

fn parse<T: std::str::FromStr>(what: &str, text: &str) -> anyhow::Result<T>
where
    T::Err: std::fmt::Display,
{
    text.parse()
        .map_err(|e: T::Err| anyhow::anyhow!("invalid --{what}: {e}"))
}

pub async fn user(store: &Store, command: UserCommand, json: bool) -> anyhow::Result<()> {
    match command {
        UserCommand::Add {
            name,
            email,
            admin,
            role,
        } => {
            let role: Role = if admin {
                Role::Admin
            } else {
                parse("role", &role)?
            };
            if name.trim().is_empty() {
                bail!("--name cannot be empty");
            }
            let new = NewUser {
                name,
                email: parse("email", &email)?,
                role,
            };
            let user = store
                .create_user(&new, &cli_actor(), Timestamp::now())
                .await?;
            if json {
                print_json(&user)?;
            } else {
                println!(
                    "created user {} <{}> ({}) with id {}",
                    user.name, user.email, user.role, user.id
                );
            }
        }
        UserCommand::List => {
            let users = store.list_users().await?;
            if json {
                return print_json(&users);
            }
            let rows: Vec<_> = users
                .iter()
                .map(|u| {
                    vec![
                        u.id.to_string(),
                        u.name.clone(),
                        u.email.to_string(),
                        u.role.to_string(),
                    ]
                })
                .collect();
            print!("{}", table(&["ID", "NAME", "EMAIL", "ROLE"], &rows));
        }
    }
    Ok(())
}

/// Finds a user by e-mail address or numeric id.
async fn find_user(store: &Store, who: &str) -> anyhow::Result<User> {
    if let Ok(id) = who.parse::<i64>() {
        return Ok(store.get_user(UserId(id)).await?);
    }
    let email = parse::<EmailAddress>("user", who)?;
    store
        .find_user_by_email(&email)
        .await?
        .with_context(|| format!("no user with e-mail {email}; see `rapport user list`"))
}

/// Creates a token for `user` and returns its text (only the hash is stored).
pub async fn issue_token(store: &Store, user: &User, name: &str) -> anyhow::Result<String> {
    let (token, hash) =
        rapport_web::auth::generate_token().context("failed to read random bytes for the token")?;
    store
        .create_api_token(user.id, name, &hash, &cli_actor(), Timestamp::now())
        .await?;
    Ok(token)
}

pub async fn token(store: &Store, command: TokenCommand, json: bool) -> anyhow::Result<()> {
    match command {
        TokenCommand::Create { user, name } => {
            let user = find_user(store, &user).await?;
            let token = issue_token(store, &user, &name).await?;
            if json {
                print_json(&serde_json::json!({"user_id": user.id, "name": name, "token": token}))?;
            } else {
                println!("{token}");
                eprintln!(
                    "token for {} <{}>; it is shown only now, store it safely",
                    user.name, user.email
                );
            }
        }
        TokenCommand::List { user } => {
            let user = match user {
                Some(who) => Some(find_user(store, &who).await?.id),
                None => None,
            };
            let tokens = store.list_api_tokens(user).await?;
            if json {
                return print_json(&tokens);
            }
            let rows: Vec<_> = tokens
                .iter()
                .map(|t| {
                    vec![
                        t.id.to_string(),
                        t.user_id.to_string(),
                        t.name.clone(),
                        t.created_at.to_string(),
                        t.revoked_at.map_or("-".into(), |at| at.to_string()),
                    ]
                })
                .collect();
            print!(
                "{}",
                table(&["ID", "USER", "NAME", "CREATED", "REVOKED"], &rows)
            );
        }
        TokenCommand::Revoke { id } => {
            let token = store
                .revoke_api_token(TokenId(id), &cli_actor(), Timestamp::now())
                .await?;
            if json {
                return print_json(&token);
            }
            println!("revoked token {} ({})", token.id, token.name);
        }
    }
    Ok(())
}

pub async fn client(store: &Store, command: ClientCommand, json: bool) -> anyhow::Result<()> {
    let now = Timestamp::now();
    match command {
        ClientCommand::List => {
            let clients = store.list_clients().await?;
            if json {
                return print_json(
                    &clients
                        .into_iter()
                        .map(ClientView::from)
                        .collect::<Vec<_>>(),
                );
            }
            let rows: Vec<_> = clients
                .iter()
                .map(|c| {
                    let languages: Vec<&str> =
                        c.languages.iter().map(LanguageTag::as_str).collect();
                    vec![
                        c.id.to_string(),
                        c.name.clone(),
                        c.time_zone.to_string(),
                        languages.join(","),
                        c.calendar_id.clone(),
                    ]
                })
                .collect();
            print!(
                "{}",
                table(&["ID", "NAME", "TIME ZONE", "LANGUAGES", "CALENDAR"], &rows)
            );
        }
        ClientCommand::Show { id } => {
            let client = store.get_client(ClientId(id)).await?;
            let contacts = store.list_contacts(client.id).await?;
            let engagements = store.list_engagements(client.id).await?;
            if json {
                return print_json(&serde_json::json!({
                    "client": ClientView::from(client),
                    "contacts": contacts.into_iter().map(ContactView::from).collect::<Vec<_>>(),
                    "engagements": engagements.into_iter().map(EngagementView::from).collect::<Vec<_>>(),
                }));
            }
            println!(
                "{} (#{}), {}, calendar {}",
                client.name, client.id, client.time_zone, client.calendar_id
            );
            println!("\nContacts");
            let rows: Vec<_> = contacts
                .iter()
                .map(|c| {
                    vec![
                        c.id.to_string(),
                        c.name.clone(),
                        c.email.to_string(),
                        opt(c.role.as_ref()),
                        opt(c.reports_to),
                    ]
                })
                .collect();
            print!(
                "{}",
                table(&["ID", "NAME", "EMAIL", "ROLE", "REPORTS TO"], &rows)
            );
            for e in engagements {
                println!(
                    "\nEngagement #{}: {} ({}, extras {})",
                    e.id,
                    e.name,
                    opt(e.cadence),
                    opt(e.extra_rate)
                );
                e.scope_included.iter().for_each(|s| println!("  + {s}"));
                e.scope_excluded.iter().for_each(|s| println!("  - {s}"));
            }
        }
        ClientCommand::Add {
            name,
            time_zone,
            languages,
            calendar,
        } => {
            let time_zone: TimeZoneName = parse("time-zone", &time_zone)?;
            let languages = languages
                .iter()
                .map(|l| parse("languages", l))
                .collect::<anyhow::Result<Vec<LanguageTag>>>()?;
            let calendar_id = BusinessCalendar::for_zone(&time_zone, calendar.as_deref())
                .map_err(|e| anyhow::anyhow!("invalid --calendar: {e}"))?
                .id
                .clone();
            if name.trim().is_empty() {
                bail!("--name cannot be empty");
            }
            let new = NewClient {
                name,
                time_zone,
                languages,
                calendar_id,
            };
            let client = store
                .create_client(&new, &cli_actor(), None, now)
                .await?
                .value;
            if json {
                return print_json(&ClientView::from(client));
            }
            println!("created client {} with id {}", client.name, client.id);
        }
        ClientCommand::AddContact {
            client,
            name,
            email,
            role,
            technical,
            reports_to,
        } => {
            let new = NewContact {
                client_id: ClientId(client),
                name,
                email: parse("email", &email)?,
                role,
                technical,
                reports_to: reports_to.map(ContactId),
            };
            let contact = store
                .create_contact(&new, &cli_actor(), None, now)
                .await?
                .value;
            if json {
                return print_json(&ContactView::from(contact));
            }
            println!("created contact {} with id {}", contact.name, contact.id);
        }
        ClientCommand::AddEngagement {
            client,
            name,
            included,
            excluded,
            extra_rate,
            hour_budget,
            cadence,
        } => {
            let new = NewEngagement {
                client_id: ClientId(client),
                name,
                scope_included: included,
                scope_excluded: excluded,
                extra_rate,
                hour_budget,
                sla_policy_id: None,
                cadence: cadence.map(|c| parse("cadence", &c)).transpose()?,
            };
            let engagement = store
                .create_engagement(&new, &cli_actor(), None, now)
                .await?
                .value;
            if json {
                return print_json(&EngagementView::from(engagement));
            }
            println!(
                "created engagement {} with id {}",
                engagement.name, engagement.id
            );
        }
    }
    Ok(())
}

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

fn print_request(request: &Request) {
    print!(
        "{}",
        table(
            &["ID", "STATE", "CLIENT", "ASSIGNEE", "DUE (UTC)", "SUBJECT"],
            &request_rows(std::slice::from_ref(request))
        )
    );
}

pub async fn request(store: &Store, command: RequestCommand, json: bool) -> anyhow::Result<()> {
    let now = Timestamp::now();
    let actor = cli_actor();
    match command {
        RequestCommand::List {
            state,
            client,
            assignee,
            limit,
        } => {
            let filter = RequestFilter {
                state: state.map(|s| parse("state", &s)).transpose()?,
                client: client.map(ClientId),
                assignee: assignee.map(UserId),
                before_id: None,
                limit,
            };
            let requests = store.list_requests(&filter).await?;
            if json {
                return print_json(
                    &requests
                        .into_iter()
                        .map(RequestView::from)
                        .collect::<Vec<_>>(),
                );
            }
            print!(
                "{}",
                table(
                    &["ID", "STATE", "CLIENT", "ASSIGNEE", "DUE (UTC)", "SUBJECT"],
                    &request_rows(&requests)
                )
            );
        }
        RequestCommand::Show { id } => {
            let thread = store.thread(RequestId(id)).await?;
            let commitments = store
                .list_commitments(None, Some(RequestId(id)), false)
                .await?;
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
        }
        RequestCommand::Create {
            client,
            subject,
            engagement,
            assignee,
            due,
        } => {
            if subject.trim().is_empty() {
                bail!("--subject cannot be empty");
            }
            let new = NewRequest {
                client_id: ClientId(client),
                engagement_id: engagement.map(EngagementId),
                subject,
                assignee_id: assignee.map(UserId),
                due_at: due.map(|d| parse("due", &d)).transpose()?,
            };
            let request = store.create_request(&new, &actor, None, now).await?.value;
            if json {
                return print_json(&RequestView::from(request));
            }
            print_request(&request);
        }
        RequestCommand::Transition {
            id,
            to,
            skip_final_reason,
        } => {
            let to = parse("to", &to)?;
            let request = store
                .transition_request(
                    RequestId(id),
                    to,
                    skip_final_reason.as_deref(),
                    &actor,
                    None,
                    now,
                )
                .await?
                .value;
            if json {
                return print_json(&RequestView::from(request));
            }
            print_request(&request);
        }
        RequestCommand::Message {
            id,
            direction,
            body,
            file,
            author,
            channel,
            r#final,
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
            add_message(
                store,
                id,
                parse("direction", &direction)?,
                parse("channel", &channel)?,
                author,
                body,
                r#final,
                json,
            )
            .await?;
        }
        RequestCommand::Note { id, body } => {
            add_message(
                store,
                id,
                Direction::Note,
                Channel::Api,
                None,
                body,
                false,
                json,
            )
            .await?;
        }
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
async fn add_message(
    store: &Store,
    id: i64,
    direction: Direction,
    channel: Channel,
    author: Option<String>,
    body: String,
    is_final: bool,
    json: bool,
) -> anyhow::Result<()> {
    if body.trim().is_empty() {
        bail!("the message text is empty");
    }
    let actor = cli_actor();
    let author = match (author, direction) {
        (Some(a), _) => a,
        (None, Direction::Inbound) => {
            bail!("an inbound message needs --author (the client's name or address)")
        }
        (None, _) => actor.name().to_owned(),
    };
    let now = Timestamp::now();
    let card =
        rapport_web::cards::card_for_message(store, RequestId(id), direction, &body, now).await?;
    let new = NewMessage {
        direction,
        channel,
        author,
        body,
        is_final,
        sent_at: now,
        card,
    };
    let message = store
        .add_message(RequestId(id), &new, &actor, None, now)
        .await?
        .value;
    let request = store.get_request(RequestId(id)).await?;
    if json {
        return print_json(
            &serde_json::json!({"message": MessageView::from(message), "request": RequestView::from(request)}),
        );
    }
    println!(
        "added message {} to request {}; the request is {}",
        message.id, request.id, request.state
    );
    Ok(())
}
