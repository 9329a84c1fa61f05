//! The demo desk: three clients in Japanese, Chinese and English, replayed through the
//! same actions of the application layer as real work, with times relative to now.
//! Each request is worked by its assignee, who is made a member of its client first.

use anyhow::{Context, bail};
use jiff::{SignedDuration, Timestamp};
use rapport_app::{
    Acting, App, ClientInput, CommitmentInput, ContactInput, EngagementInput, MessageInput,
    RequestInput, SlaPolicyInput, TransitionInput, UserInput,
};
use rapport_domain::*;
use serde::Deserialize;
use std::collections::HashMap;

const DESK: &str = include_str!("../demo/desk.json");

#[derive(Deserialize)]
struct Desk {
    /// Service levels the engagements name, targets in working minutes.
    sla_policies: Vec<DemoSlaPolicy>,
    users: Vec<DemoUser>,
    clients: Vec<DemoClient>,
}

#[derive(Deserialize)]
struct DemoSlaPolicy {
    name: String,
    first_response: i64,
    next_response: i64,
    resolution: i64,
}

#[derive(Deserialize)]
struct DemoUser {
    key: String,
    name: String,
    email: String,
    role: String,
    /// Where the person works: the desk shows them times there.
    time_zone: Option<String>,
}

#[derive(Deserialize)]
struct DemoClient {
    name: String,
    time_zone: String,
    languages: Vec<String>,
    calendar: String,
    #[serde(default)]
    domains: Vec<String>,
    contacts: Vec<DemoContact>,
    engagements: Vec<DemoEngagement>,
    requests: Vec<DemoRequest>,
}

#[derive(Deserialize)]
struct DemoContact {
    key: String,
    name: String,
    email: String,
    role: Option<String>,
    technical: bool,
    reports_to: Option<String>,
}

#[derive(Deserialize)]
struct DemoEngagement {
    key: String,
    name: String,
    scope_included: Vec<String>,
    scope_excluded: Vec<String>,
    extra_rate: Option<String>,
    hour_budget: Option<f64>,
    sla_policy: Option<String>,
    /// weekly, biweekly or monthly: the progress report's interval.
    cadence: Option<String>,
    check_in_after_days: Option<u32>,
    meeting_every_weeks: Option<u32>,
    auto_close_after_days: Option<u32>,
}

#[derive(Deserialize)]
struct DemoRequest {
    subject: String,
    engagement: Option<String>,
    assignee: Option<String>,
    state: String,
    due_in_hours: Option<f64>,
    skip_final_reason: Option<String>,
    messages: Vec<DemoMessage>,
    commitments: Vec<DemoCommitment>,
}

#[derive(Deserialize)]
struct DemoMessage {
    direction: String,
    channel: String,
    author: String,
    body: String,
    hours_ago: f64,
    r#final: bool,
}

#[derive(Deserialize)]
struct DemoCommitment {
    promise: String,
    owner: String,
    due_in_hours: f64,
    done: bool,
}

/// A demo offset in hours (fractions allowed) as a duration.
fn hours(h: f64) -> SignedDuration {
    SignedDuration::from_secs((h * 3600.0).round() as i64)
}

fn lookup<'a, T>(map: &'a HashMap<String, T>, key: &str, what: &str) -> anyhow::Result<&'a T> {
    map.get(key)
        .with_context(|| format!("demo data names an unknown {what} {key:?}"))
}

/// The demo admin's address.
pub const ADMIN_EMAIL: &str = "admin@demo.rapport.example";

/// The demo admin's credentials, made fresh at each load.
pub struct DemoAdmin {
    pub token: String,
    pub password: String,
}

/// Loads the demo desk and returns fresh credentials for its admin.
pub async fn load(app: &App, now: Timestamp) -> anyhow::Result<DemoAdmin> {
    let desk: Desk = serde_json::from_str(DESK).context("the embedded demo data is not valid")?;
    let system = Acting::system("demo loader");
    for p in &desk.sla_policies {
        let input = SlaPolicyInput {
            name: p.name.clone(),
            first_response_minutes: p.first_response,
            next_response_minutes: p.next_response,
            resolution_minutes: p.resolution,
            warn_at_percent: None,
        };
        app.create_sla_policy(&system, input, now).await?;
    }
    let mut users = HashMap::new();
    for u in &desk.users {
        let input = UserInput {
            name: u.name.clone(),
            email: EmailAddress::parse(&u.email)?,
            role: u.role.parse()?,
        };
        let mut user = app.create_user(&system, input, now).await?;
        if let Some(zone) = &u.time_zone {
            let zone = Some(TimeZoneName::parse(zone)?);
            user = app.set_user_work(&system, user.id, zone, None, now).await?;
        }
        users.insert(u.key.clone(), user);
    }
    for c in &desk.clients {
        load_client(app, c, &users, &system, now)
            .await
            .with_context(|| format!("loading demo client {}", c.name))?;
    }
    let admin = desk
        .users
        .iter()
        .find(|u| u.role == "admin")
        .context("the demo data has no admin")?;
    let admin = lookup(&users, &admin.key, "user")?;
    let token = app.issue_token(&system, admin.id, "demo", now).await?.token;
    // Four groups of five hex digits: easy to type, 80 random bits.
    let secret = rapport_app::random_secret()?;
    let password = secret.as_bytes()[..20]
        .chunks(5)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join("-");
    app.set_password(&system, admin.id, &password, now).await?;
    Ok(DemoAdmin { token, password })
}

async fn load_client(
    app: &App,
    c: &DemoClient,
    users: &HashMap<String, User>,
    system: &Acting,
    now: Timestamp,
) -> anyhow::Result<()> {
    let input = ClientInput {
        name: c.name.clone(),
        time_zone: TimeZoneName::parse(&c.time_zone)?,
        languages: c
            .languages
            .iter()
            .map(|l| LanguageTag::parse(l))
            .collect::<Result<_, _>>()?,
        calendar: Some(c.calendar.clone()),
        domains: c.domains.clone(),
    };
    let client = app.create_client(system, input, None, now).await?.value;
    for key in c.requests.iter().filter_map(|r| r.assignee.as_deref()) {
        let user = lookup(users, key, "user")?;
        app.add_client_member(system, client.id, user.id, now)
            .await?;
    }

    // Bosses first, so that `reports_to` always names a contact that exists.
    let mut contacts: HashMap<String, Contact> = HashMap::new();
    while contacts.len() < c.contacts.len() {
        let before = contacts.len();
        for p in &c.contacts {
            let boss = match &p.reports_to {
                Some(key) => match contacts.get(key) {
                    Some(boss) => Some(boss.id),
                    None => continue,
                },
                None => None,
            };
            if contacts.contains_key(&p.key) {
                continue;
            }
            let input = ContactInput {
                client_id: client.id,
                name: p.name.clone(),
                email: EmailAddress::parse(&p.email)?,
                role: p.role.clone(),
                technical: p.technical,
                reports_to: boss,
            };
            contacts.insert(
                p.key.clone(),
                app.create_contact(system, input, None, now).await?.value,
            );
        }
        if contacts.len() == before {
            bail!("demo contacts report to each other in a circle or to an unknown contact");
        }
    }

    let mut engagements = HashMap::new();
    for e in &c.engagements {
        let input = EngagementInput {
            client_id: client.id,
            name: e.name.clone(),
            scope_included: e.scope_included.clone(),
            scope_excluded: e.scope_excluded.clone(),
            extra_rate: e.extra_rate.clone(),
            hour_budget: e.hour_budget,
            sla_policy_id: e.sla_policy.clone(),
            auto_close_after_days: e.auto_close_after_days,
            working_hours: None,
            cadence: Cadence {
                check_in_after_days: e.check_in_after_days,
                meeting_every_weeks: e.meeting_every_weeks,
                ..match e.cadence.as_deref() {
                    Some(text) => Cadence::shorthand(text)
                        .ok_or_else(|| anyhow::anyhow!("unknown cadence {text:?}"))?,
                    None => Cadence::default(),
                }
            },
        };
        engagements.insert(
            e.key.clone(),
            app.create_engagement(system, input, None, now).await?.value,
        );
    }

    for r in &c.requests {
        load_request(app, &client, r, users, &contacts, &engagements, now)
            .await
            .with_context(|| format!("loading demo request {:?}", r.subject))?;
    }
    Ok(())
}

/// Replays a request's history: it is created at its first message, moved along the
/// lifecycle as the thread unfolds, and ends in the state the demo data names.
async fn load_request(
    app: &App,
    client: &Client,
    r: &DemoRequest,
    users: &HashMap<String, User>,
    contacts: &HashMap<String, Contact>,
    engagements: &HashMap<String, Engagement>,
    now: Timestamp,
) -> anyhow::Result<()> {
    let target: RequestState = r.state.parse()?;
    let assignee = r
        .assignee
        .as_deref()
        .map(|k| lookup(users, k, "user"))
        .transpose()?;
    let acting = match assignee {
        Some(user) => Acting::user(user),
        None => Acting::system("demo loader"),
    };
    let opened_at = now - hours(r.messages.first().map_or(0.0, |m| m.hours_ago));
    let input = RequestInput {
        client_id: client.id,
        engagement_id: r
            .engagement
            .as_deref()
            .map(|k| lookup(engagements, k, "engagement").map(|e| e.id))
            .transpose()?,
        subject: r.subject.clone(),
        assignee_id: assignee.map(|u| u.id),
        due_at: r.due_in_hours.map(|h| now + hours(h)),
        received_at: None,
    };
    let id = app
        .create_request(&acting, input, None, opened_at)
        .await?
        .value
        .id;
    let mut state = RequestState::New;
    let step = async |to: RequestState,
                      reason: Option<&str>,
                      at: Timestamp|
           -> anyhow::Result<RequestState> {
        let input = TransitionInput {
            to,
            skip_final_reason: reason.map(str::to_owned),
        };
        app.transition_request(&acting, id, input, None, at).await?;
        Ok(to)
    };
    state = match target {
        RequestState::New => state,
        RequestState::Clarifying => step(RequestState::Clarifying, None, opened_at).await?,
        _ => step(RequestState::InProgress, None, opened_at).await?,
    };
    for m in &r.messages {
        let at = now - hours(m.hours_ago);
        if m.r#final && state != RequestState::Resolved && state != RequestState::FinalSent {
            step(RequestState::Resolved, None, at).await?;
        }
        let direction: Direction = m.direction.parse()?;
        let author = match direction {
            Direction::Inbound => lookup(contacts, &m.author, "contact")?.name.clone(),
            _ => lookup(users, &m.author, "user")?.name.clone(),
        };
        let input = MessageInput {
            direction,
            channel: Some(m.channel.parse()?),
            author: Some(author),
            body: m.body.clone(),
            is_final: m.r#final,
            sent_at: Some(at),
            // The demo desk never sends mail: its loader has no outgoing settings.
            to: Vec::new(),
        };
        state = app
            .add_message(&acting, id, input, None, at)
            .await?
            .request
            .state;
        if m.r#final && matches!(target, RequestState::Closed | RequestState::Reopened) {
            state = step(RequestState::Closed, None, at).await?;
        }
    }
    let last_at = now - hours(r.messages.last().map_or(0.0, |m| m.hours_ago));
    if state != target {
        match target {
            RequestState::WaitingOnClient | RequestState::Resolved => {
                step(target, None, last_at).await?;
            }
            RequestState::Closed => {
                step(target, r.skip_final_reason.as_deref(), last_at).await?;
            }
            _ => bail!("the thread does not lead to state {target} (it ends in {state})"),
        }
    }
    for promise in &r.commitments {
        let owner = lookup(users, &promise.owner, "user")?;
        let due_at = now + hours(promise.due_in_hours);
        let input = CommitmentInput {
            client_id: client.id,
            request_id: Some(id),
            owner_id: Some(owner.id),
            promise: promise.promise.clone(),
            due_at,
        };
        let made_at = last_at.min(due_at);
        let commitment = app
            .create_commitment(&acting, input, None, made_at)
            .await?
            .value;
        if promise.done {
            app.complete_commitment(&acting, commitment.id, commitment.due_at.min(now))
                .await?;
        }
    }
    Ok(())
}
