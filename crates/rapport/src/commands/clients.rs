//! `rapport client`: clients, their contacts, engagements and members.

use super::{OrCli, parse};
use crate::cli::{ClientCommand, TermsArgs};
use crate::output::{opt, print_json, table};
use jiff::Timestamp;
use rapport_app::views::{ClientView, ContactView, EngagementView, StandingView, UserView};
use rapport_app::{Acting, App, ClientInput, ContactInput, EngagementInput};
use rapport_domain::{
    Cadence, ClientId, ContactId, EngagementId, EngagementTerms, LanguageTag, TimeZoneName,
    WorkingHours,
};

pub async fn client(
    app: &App,
    acting: &Acting,
    command: ClientCommand,
    json: bool,
) -> anyhow::Result<()> {
    let now = Timestamp::now();
    match command {
        ClientCommand::List => {
            let clients = app.list_clients(acting).await.cli()?;
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
                        c.calendar.to_string(),
                    ]
                })
                .collect();
            print!(
                "{}",
                table(&["ID", "NAME", "TIME ZONE", "LANGUAGES", "CALENDAR"], &rows)
            );
        }
        ClientCommand::Show { id } => show(app, acting, ClientId(id), json).await?,
        ClientCommand::Add {
            name,
            time_zone,
            languages,
            calendar,
            domains,
        } => {
            let time_zone: TimeZoneName = parse("time-zone", &time_zone)?;
            let languages = languages
                .iter()
                .map(|l| parse("languages", l))
                .collect::<anyhow::Result<Vec<LanguageTag>>>()?;
            let input = ClientInput {
                name,
                time_zone,
                languages,
                calendar,
                domains,
            };
            let client = app
                .create_client(acting, input, None, now)
                .await
                .cli()?
                .value;
            if json {
                return print_json(&ClientView::from(client));
            }
            println!("created client {} with id {}", client.name, client.id);
        }
        ClientCommand::AddDomain { client, domain } => {
            let client = app
                .add_client_domain(acting, ClientId(client), &domain, now)
                .await
                .cli()?;
            if json {
                return print_json(&ClientView::from(client));
            }
            let domains: Vec<&str> = client.domains.iter().map(|d| d.as_str()).collect();
            println!(
                "client {} now takes mail from: {}",
                client.id,
                domains.join(", ")
            );
        }
        ClientCommand::AddContact {
            client,
            name,
            email,
            role,
            technical,
            reports_to,
        } => {
            let input = ContactInput {
                client_id: ClientId(client),
                name,
                email: parse("email", &email)?,
                role,
                technical,
                reports_to: reports_to.map(ContactId),
            };
            let contact = app
                .create_contact(acting, input, None, now)
                .await
                .cli()?
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
            terms,
        } => {
            let terms = apply_terms(terms, EngagementTerms::default())?;
            let input = EngagementInput {
                client_id: ClientId(client),
                name,
                scope_included: included,
                scope_excluded: excluded,
                extra_rate,
                hour_budget,
                sla_policy_id: terms.sla_policy_id,
                auto_close_after_days: terms.auto_close_after_days,
                working_hours: terms.working_hours,
                cadence: terms.cadence,
            };
            let engagement = app
                .create_engagement(acting, input, None, now)
                .await
                .cli()?
                .value;
            if json {
                return print_json(&EngagementView::from(engagement));
            }
            println!(
                "created engagement {} with id {}",
                engagement.name, engagement.id
            );
        }
        ClientCommand::SetTerms {
            engagement,
            clear,
            terms,
        } => {
            let id = EngagementId(engagement);
            let base = match clear {
                true => EngagementTerms::default(),
                false => app.get_engagement(acting, id).await.cli()?.terms(),
            };
            let terms = apply_terms(terms, base)?;
            let engagement = app
                .set_engagement_terms(acting, id, terms, now)
                .await
                .cli()?;
            if json {
                return print_json(&EngagementView::from(engagement));
            }
            println!(
                "engagement {} is served under: {}",
                engagement.name,
                engagement.terms()
            );
        }
        ClientCommand::Standing { id } => {
            let standing: StandingView = app
                .client_standing(acting, ClientId(id), now)
                .await
                .cli()?
                .into();
            if json {
                return print_json(&standing);
            }
            println!("posture: {}", standing.posture.replace('_', " "));
            standing.reasons.iter().for_each(|r| println!("  {r}"));
            println!("play: {}", standing.play);
            println!("health: {}/100", standing.health.score);
            for reason in &standing.health.reasons {
                println!("  {:>4}  {}", reason.points, reason.why);
            }
            if !standing.history.is_empty() {
                let days: Vec<String> = standing
                    .history
                    .iter()
                    .map(|d| format!("{} {}", d.day, d.score))
                    .collect();
                println!("history: {}", days.join(", "));
            }
        }
        ClientCommand::ReportSent { engagement } => {
            app.report_sent(acting, EngagementId(engagement), now)
                .await
                .cli()?;
            if json {
                return print_json(
                    &serde_json::json!({ "engagement": engagement, "report_sent": true }),
                );
            }
            println!("progress report of engagement {engagement} recorded as sent");
        }
        ClientCommand::AddMember { client, user } => {
            let user = app.find_user(acting, &user).await.cli()?;
            let added = app
                .add_client_member(acting, ClientId(client), user.id, now)
                .await
                .cli()?;
            let members = app
                .list_client_members(acting, ClientId(client))
                .await
                .cli()?;
            if json {
                return print_json(&members.into_iter().map(UserView::from).collect::<Vec<_>>());
            }
            let verb = if added { "now works" } else { "already worked" };
            println!("{} <{}> {verb} client {client}", user.name, user.email);
        }
        ClientCommand::RemoveMember { client, user } => {
            let user = app.find_user(acting, &user).await.cli()?;
            let removed = app
                .remove_client_member(acting, ClientId(client), user.id, now)
                .await
                .cli()?;
            let verb = if removed {
                "no longer works"
            } else {
                "did not work"
            };
            println!("{} <{}> {verb} client {client}", user.name, user.email);
        }
    }
    Ok(())
}

async fn show(app: &App, acting: &Acting, id: ClientId, json: bool) -> anyhow::Result<()> {
    let client = app.get_client(acting, id).await.cli()?;
    let contacts = app.list_contacts(acting, id).await.cli()?;
    let engagements = app.list_engagements(acting, id).await.cli()?;
    let members = app.list_client_members(acting, id).await.cli()?;
    if json {
        return print_json(&serde_json::json!({
            "client": ClientView::from(client),
            "contacts": contacts.into_iter().map(ContactView::from).collect::<Vec<_>>(),
            "engagements": engagements.into_iter().map(EngagementView::from).collect::<Vec<_>>(),
            "members": members.into_iter().map(UserView::from).collect::<Vec<_>>(),
        }));
    }
    println!(
        "{} (#{}), {}, calendar {}",
        client.name, client.id, client.time_zone, client.calendar
    );
    if !client.domains.is_empty() {
        let domains: Vec<&str> = client.domains.iter().map(|d| d.as_str()).collect();
        println!("mail from: {}", domains.join(", "));
    }
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
            cadence_words(&e.cadence),
            opt(e.extra_rate)
        );
        e.scope_included.iter().for_each(|s| println!("  + {s}"));
        e.scope_excluded.iter().for_each(|s| println!("  - {s}"));
    }
    if !members.is_empty() {
        let names: Vec<String> = members
            .iter()
            .map(|u| format!("{} <{}>", u.name, u.email))
            .collect();
        println!("\nWorked by {}", names.join(", "));
    }
    Ok(())
}

/// An engagement's cadence in a few words: "report every 5 working days, check-in after 14 days".
fn cadence_words(cadence: &Cadence) -> String {
    let mut words = Vec::new();
    if let Some(n) = cadence.report_every_days {
        words.push(format!("report every {n} working days"));
    }
    if let Some(n) = cadence.check_in_after_days {
        words.push(format!("check-in after {n} quiet days"));
    }
    if let Some(n) = cadence.meeting_every_weeks {
        words.push(format!("meeting every {n} weeks"));
    }
    if words.is_empty() {
        "no cadence".to_owned()
    } else {
        words.join(", ")
    }
}

/// The terms the flags give, over `base`: a flag left out keeps what `base` has.
fn apply_terms(args: TermsArgs, base: EngagementTerms) -> anyhow::Result<EngagementTerms> {
    let mut terms = base;
    if let Some(text) = args.cadence {
        let shorthand = Cadence::shorthand(&text).ok_or_else(|| {
            anyhow::anyhow!("invalid --cadence: {text:?}; use weekly, biweekly or monthly")
        })?;
        terms.cadence.report_every_days = shorthand.report_every_days;
    }
    let cadence = &mut terms.cadence;
    cadence.report_every_days = args.report_every.or(cadence.report_every_days);
    cadence.check_in_after_days = args.check_in_after.or(cadence.check_in_after_days);
    cadence.meeting_every_weeks = args.meeting_every.or(cadence.meeting_every_weeks);
    terms.auto_close_after_days = args.auto_close_after.or(terms.auto_close_after_days);
    if let Some(hours) = args.hours {
        terms.working_hours = Some(parse::<WorkingHours>("hours", &hours)?);
    }
    terms.sla_policy_id = args.sla.or(terms.sla_policy_id);
    Ok(terms)
}
