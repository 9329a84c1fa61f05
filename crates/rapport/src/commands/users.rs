//! `rapport user` and `rapport token`.

use super::{OrCli, parse};
use crate::cli::{TokenCommand, UserCommand};
use crate::output::{print_json, table};
use anyhow::Context;
use jiff::Timestamp;
use rapport_app::views::{TokenView, UserView};
use rapport_app::{Acting, App, UserInput};
use rapport_domain::{Role, TokenId};
use std::io::Read;

pub async fn user(
    app: &App,
    acting: &Acting,
    command: UserCommand,
    json: bool,
) -> anyhow::Result<()> {
    match command {
        UserCommand::Add {
            name,
            email,
            admin,
            role,
            password_file,
        } => {
            let password = password_file.as_deref().map(read_password).transpose()?;
            let role: Role = if admin {
                Role::Admin
            } else {
                parse("role", &role)?
            };
            let input = UserInput {
                name,
                email: parse("email", &email)?,
                role,
            };
            let user = app
                .create_user(acting, input, Timestamp::now())
                .await
                .cli()?;
            if let Some(password) = password {
                app.set_password(acting, user.id, &password, Timestamp::now())
                    .await
                    .cli()
                    .with_context(|| {
                        format!("user {} was created without a password", user.email)
                    })?;
            }
            if json {
                return print_json(&UserView::from(user));
            }
            println!(
                "created user {} <{}> ({}) with id {}",
                user.name, user.email, user.role, user.id
            );
        }
        UserCommand::CalendarLink { user } => {
            let user = app.find_user(acting, &user).await.cli()?;
            let secret = app
                .calendar_link(acting, user.id, Timestamp::now())
                .await
                .cli()?;
            let path = format!("/calendar/{secret}.ics");
            if json {
                return print_json(&serde_json::json!({ "path": path }));
            }
            println!("subscribe to https://<this server>{path} (keep it secret)");
        }
        UserCommand::Set {
            user,
            time_zone,
            manager,
            no_manager,
            role,
        } => {
            let mut user = app.find_user(acting, &user).await.cli()?;
            if let Some(role) = role {
                let role: Role = parse("role", &role)?;
                user = app
                    .set_user_role(acting, user.id, role, Timestamp::now())
                    .await
                    .cli()?;
            }
            let time_zone = match time_zone {
                Some(zone) => Some(parse("time-zone", &zone)?),
                None => user.time_zone.clone(),
            };
            let manager = match manager {
                Some(who) => Some(app.find_user(acting, &who).await.cli()?.id),
                None if no_manager => None,
                None => user.manager_id,
            };
            let user = app
                .set_user_work(acting, user.id, time_zone, manager, Timestamp::now())
                .await
                .cli()?;
            if json {
                return print_json(&UserView::from(user));
            }
            println!(
                "{} <{}> works in {}, manager {}",
                user.name,
                user.email,
                user.time_zone
                    .as_ref()
                    .map_or("the clients' time zones", |z| z.as_str()),
                user.manager_id
                    .map_or("none".to_owned(), |m| format!("user {m}"))
            );
        }
        UserCommand::SetPassword {
            user,
            password_file,
        } => {
            let password = read_password(&password_file)?;
            let user = app.find_user(acting, &user).await.cli()?;
            app.set_password(acting, user.id, &password, Timestamp::now())
                .await
                .cli()?;
            println!(
                "password set for {} <{}>; their sessions ended",
                user.name, user.email
            );
        }
        UserCommand::Disable { user } => switch_account(app, acting, &user, true, json).await?,
        UserCommand::Enable { user } => switch_account(app, acting, &user, false, json).await?,
        UserCommand::SignOut { user } => {
            let user = app.find_user(acting, &user).await.cli()?;
            let ended = app
                .sign_out_everywhere(acting, user.id, Timestamp::now())
                .await
                .cli()?;
            println!(
                "{} <{}> signed out of {ended} session(s)",
                user.name, user.email
            );
        }
        UserCommand::ResetSecondFactor { user } => {
            let user = app.find_user(acting, &user).await.cli()?;
            let user = app
                .remove_second_factor(acting, user.id, None, Timestamp::now())
                .await
                .cli()?;
            if json {
                return print_json(&UserView::from(user));
            }
            println!(
                "two-step sign-in of {} <{}> is off; their sessions ended",
                user.name, user.email
            );
        }
        UserCommand::RequireSecondFactor { roles } => {
            let roles = roles
                .iter()
                .map(|r| parse::<Role>("role", r))
                .collect::<anyhow::Result<Vec<_>>>()?;
            app.set_second_factor_roles(acting, &roles, Timestamp::now())
                .await
                .cli()?;
            let names: Vec<&str> = roles.iter().map(|r| r.as_str()).collect();
            if json {
                return print_json(&serde_json::json!({ "roles": names }));
            }
            match names.is_empty() {
                true => println!("no role must sign in with two steps"),
                false => println!(
                    "{} must sign in with two steps from their next sign-in",
                    names.join(", ")
                ),
            }
        }
        UserCommand::List => {
            let users = app.list_users(acting).await.cli()?;
            if json {
                return print_json(&users.into_iter().map(UserView::from).collect::<Vec<_>>());
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

async fn switch_account(
    app: &App,
    acting: &Acting,
    who: &str,
    disabled: bool,
    json: bool,
) -> anyhow::Result<()> {
    let user = app.find_user(acting, who).await.cli()?;
    let user = app
        .set_user_disabled(acting, user.id, disabled, Timestamp::now())
        .await
        .cli()?;
    if json {
        return print_json(&UserView::from(user));
    }
    let state = if disabled {
        "turned off; their sessions ended"
    } else {
        "turned on"
    };
    println!("{} <{}> {state}", user.name, user.email);
    Ok(())
}

/// A password from a file or standard input, without the newline that ends the line.
fn read_password(path: &std::path::Path) -> anyhow::Result<String> {
    let text = if path.as_os_str() == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .context("failed to read the password from standard input")?;
        text
    } else {
        std::fs::read_to_string(path)
            .with_context(|| format!("failed to read the password from {}", path.display()))?
    };
    let line = text.strip_suffix('\n').unwrap_or(&text);
    Ok(line.strip_suffix('\r').unwrap_or(line).to_owned())
}

pub async fn token(
    app: &App,
    acting: &Acting,
    command: TokenCommand,
    json: bool,
) -> anyhow::Result<()> {
    match command {
        TokenCommand::Create { user, name } => {
            let user = app.find_user(acting, &user).await.cli()?;
            let issued = app
                .issue_token(acting, user.id, &name, Timestamp::now())
                .await
                .cli()?;
            if json {
                print_json(
                    &serde_json::json!({"id": issued.id, "user_id": user.id, "name": name, "token": issued.token}),
                )?;
            } else {
                println!("{}", issued.token);
                eprintln!(
                    "token for {} <{}>; it is shown only now, store it safely",
                    user.name, user.email
                );
            }
        }
        TokenCommand::List { user } => {
            let of = match user {
                Some(who) => Some(app.find_user(acting, &who).await.cli()?.id),
                None => None,
            };
            let tokens = app.list_tokens(acting, of).await.cli()?;
            if json {
                return print_json(&tokens.into_iter().map(TokenView::from).collect::<Vec<_>>());
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
            let token = app
                .revoke_token(acting, TokenId(id), Timestamp::now())
                .await
                .cli()?;
            if json {
                return print_json(&TokenView::from(token));
            }
            println!("revoked token {} ({})", token.id, token.name);
        }
    }
    Ok(())
}
