//! The authorization policy as users meet it, per role, on SQLite and on PostgreSQL:
//! admins manage users, managers manage clients, agents work only the clients they are
//! members of, and what an agent may not see answers exactly as if it did not exist.

mod support;

use jiff::{Timestamp, ToSpan};
use rapport_app::*;
use rapport_domain::*;
use rapport_store::scratch::scratch_database_url;
use rapport_store::{Backend, Store, StoreError};
use support::engagement_input;

fn t0() -> Timestamp {
    "2026-11-24T01:00:00Z".parse().unwrap()
}

/// A desk with two clients; the agent works only the first.
struct Desk {
    app: App,
    admin: Acting,
    manager: Acting,
    agent: Acting,
    agent_user: User,
    manager_user: User,
    mine: Client,
    theirs: Client,
    my_request: Request,
    their_request: Request,
}

async fn user(app: &App, name: &str, email: &str, role: Role) -> User {
    let input = UserInput {
        name: name.into(),
        email: EmailAddress::parse(email).unwrap(),
        role,
    };
    app.create_user(&Acting::system("test"), input, t0())
        .await
        .unwrap()
}

fn client_input(name: &str, zone: &str, language: &str) -> ClientInput {
    ClientInput {
        name: name.into(),
        time_zone: TimeZoneName::parse(zone).unwrap(),
        languages: vec![LanguageTag::parse(language).unwrap()],
        calendar: None,
        domains: Vec::new(),
    }
}

fn request_input(client: ClientId, subject: &str) -> RequestInput {
    RequestInput {
        client_id: client,
        engagement_id: None,
        subject: subject.into(),
        assignee_id: None,
        due_at: None,
        received_at: None,
    }
}

fn inbound(body: &str) -> MessageInput {
    MessageInput {
        direction: Direction::Inbound,
        channel: Some(Channel::Email),
        author: Some("小林 由美".into()),
        body: body.into(),
        is_final: false,
        sent_at: None,
        to: Vec::new(),
    }
}

async fn desk(backend: Backend) -> Desk {
    let url = scratch_database_url(backend).await.unwrap();
    let app = App::new(Store::open(&url).await.unwrap());
    let admin = Acting::user(&user(&app, "Admin", "admin@example.com", Role::Admin).await);
    let manager_user = user(&app, "佐藤 美咲", "sato@example.jp", Role::Manager).await;
    let agent_user = user(&app, "陈静", "chen.jing@example.cn", Role::Agent).await;
    let manager = Acting::user(&manager_user);
    let agent = Acting::user(&agent_user);
    let mine = app
        .create_client(
            &manager,
            client_input("株式会社ひだまり食品", "Asia/Tokyo", "ja"),
            None,
            t0(),
        )
        .await
        .unwrap()
        .value;
    let theirs = app
        .create_client(
            &manager,
            client_input("悦澜(上海)化妆品有限公司", "Asia/Shanghai", "zh-Hans"),
            None,
            t0(),
        )
        .await
        .unwrap()
        .value;
    app.add_client_member(&manager, mine.id, agent_user.id, t0())
        .await
        .unwrap();
    let my_request = app
        .create_request(
            &manager,
            request_input(mine.id, "新商品リリースの件"),
            None,
            t0(),
        )
        .await
        .unwrap()
        .value;
    let their_request = app
        .create_request(
            &manager,
            request_input(theirs.id, "双十二小红书投放方案"),
            None,
            t0(),
        )
        .await
        .unwrap()
        .value;
    Desk {
        app,
        admin,
        manager,
        agent,
        agent_user,
        manager_user,
        mine,
        theirs,
        my_request,
        their_request,
    }
}

macro_rules! on_every_backend {
    (|$desk:ident| $body:block) => {
        for backend in [Backend::Sqlite, Backend::Postgres] {
            let $desk = desk(backend).await;
            $body
        }
    };
}

fn is_forbidden<T: std::fmt::Debug>(result: Result<T, AppError>) -> bool {
    matches!(result, Err(AppError::Forbidden(_)))
}

/// The error as the caller sees it, to compare a hidden subject with a missing one.
fn message<T: std::fmt::Debug>(result: Result<T, AppError>) -> String {
    result.unwrap_err().to_string()
}

#[tokio::test]
async fn an_agent_sees_only_the_clients_they_work() {
    on_every_backend!(|d| {
        let listed = d.app.list_clients(&d.agent).await.unwrap();
        assert_eq!(
            listed.iter().map(|c| c.id).collect::<Vec<_>>(),
            vec![d.mine.id]
        );
        assert_eq!(d.app.list_clients(&d.manager).await.unwrap().len(), 2);

        // Another client's things answer exactly as missing ones do.
        let hidden = message(d.app.get_client(&d.agent, d.theirs.id).await);
        assert_eq!(hidden, format!("no client with id {}", d.theirs.id));
        let hidden = message(d.app.thread(&d.agent, d.their_request.id).await);
        let missing = message(d.app.thread(&d.agent, RequestId(999_999)).await);
        assert_eq!(
            hidden.replace(&d.their_request.id.to_string(), "N"),
            missing.replace("999999", "N")
        );
        assert!(matches!(
            d.app
                .add_message(
                    &d.agent,
                    d.their_request.id,
                    inbound("至急お願いします"),
                    None,
                    t0()
                )
                .await,
            Err(AppError::Store(StoreError::NotFound {
                what: "request",
                ..
            }))
        ));
        let to = TransitionInput {
            to: RequestState::InProgress,
            skip_final_reason: None,
        };
        assert!(matches!(
            d.app
                .transition_request(&d.agent, d.their_request.id, to.clone(), None, t0())
                .await,
            Err(AppError::Store(StoreError::NotFound { .. }))
        ));
        let unknown = message(
            d.app
                .create_request(&d.agent, request_input(ClientId(999_999), "x"), None, t0())
                .await,
        );
        let hidden = message(
            d.app
                .create_request(&d.agent, request_input(d.theirs.id, "x"), None, t0())
                .await,
        );
        assert_eq!(unknown, "no client with id 999999");
        assert_eq!(hidden, format!("no client with id {}", d.theirs.id));

        // Lists hold only the clients they work.
        let requests = d
            .app
            .list_requests(
                &d.agent,
                RequestQuery {
                    limit: 50,
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        assert_eq!(
            requests.iter().map(|r| r.id).collect::<Vec<_>>(),
            vec![d.my_request.id]
        );
        let all = d
            .app
            .list_requests(
                &d.manager,
                RequestQuery {
                    limit: 50,
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        assert_eq!(all.len(), 2);

        // Their own client's work goes through, and the audit trail names them.
        let added = d
            .app
            .add_message(
                &d.agent,
                d.my_request.id,
                inbound("お世話になっております。明日までにご確認いただけますか。"),
                None,
                t0(),
            )
            .await
            .unwrap();
        assert!(added.message.card.is_some(), "inbound mail is decoded");
        let moved = d
            .app
            .transition_request(&d.agent, d.my_request.id, to, None, t0())
            .await
            .unwrap();
        assert_eq!(moved.value.state, RequestState::InProgress);
        let trail = d
            .app
            .list_activity(
                &d.agent,
                ActivityQuery {
                    subject_type: Some(SubjectType::Request),
                    subject_id: Some(d.my_request.id.0),
                    limit: 10,
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        assert_eq!(trail[0].actor.user_id(), Some(d.agent_user.id), "{trail:?}");
        assert_eq!(trail[0].after.as_deref(), Some("in_progress"));
        let their_trail = d
            .app
            .list_activity(
                &d.agent,
                ActivityQuery {
                    subject_type: Some(SubjectType::Request),
                    subject_id: Some(d.their_request.id.0),
                    limit: 10,
                    ..Default::default()
                },
            )
            .await;
        assert!(matches!(
            their_trail,
            Err(AppError::Store(StoreError::NotFound { .. }))
        ));
        assert!(is_forbidden(
            d.app
                .list_activity(
                    &d.agent,
                    ActivityQuery {
                        limit: 10,
                        ..Default::default()
                    }
                )
                .await
        ));
        assert!(
            d.app
                .list_activity(
                    &d.manager,
                    ActivityQuery {
                        limit: 10,
                        ..Default::default()
                    }
                )
                .await
                .is_ok()
        );
    });
}

#[tokio::test]
async fn each_role_manages_what_it_owns() {
    on_every_backend!(|d| {
        let new_client = || client_input("Cedar Lane Outfitters, Inc.", "America/New_York", "en");
        let refused = d
            .app
            .create_client(&d.agent, new_client(), None, t0())
            .await;
        assert_eq!(
            message(refused),
            "a user with role agent may not create clients; ask a manager (or an admin)"
        );
        assert!(
            d.app
                .create_client(&d.manager, new_client(), None, t0())
                .await
                .is_ok()
        );

        let engagement = EngagementInput {
            scope_included: vec!["プレスリリース作成".into()],
            ..engagement_input(d.mine.id, "広報サポート")
        };
        assert!(is_forbidden(
            d.app
                .create_engagement(&d.agent, engagement.clone(), None, t0())
                .await
        ));
        let hidden = EngagementInput {
            client_id: d.theirs.id,
            ..engagement.clone()
        };
        assert!(matches!(
            d.app.create_engagement(&d.agent, hidden, None, t0()).await,
            Err(AppError::Store(StoreError::NotFound { what: "client", .. }))
        ));
        assert!(
            d.app
                .create_engagement(&d.manager, engagement, None, t0())
                .await
                .is_ok()
        );

        assert!(is_forbidden(
            d.app
                .add_client_member(&d.agent, d.mine.id, d.manager_user.id, t0())
                .await
        ));
        let staff = UserInput {
            name: "James Carter".into(),
            email: EmailAddress::parse("james@example.com").unwrap(),
            role: Role::Agent,
        };
        assert!(is_forbidden(
            d.app.create_user(&d.manager, staff.clone(), t0()).await
        ));
        assert!(is_forbidden(d.app.list_users(&d.agent).await));
        assert!(d.app.create_user(&d.admin, staff, t0()).await.is_ok());

        // An agent takes work for themselves; giving it to others is a manager's call.
        let for_me = RequestInput {
            assignee_id: Some(d.agent_user.id),
            ..request_input(d.mine.id, "月次レポートの修正")
        };
        assert!(
            d.app
                .create_request(&d.agent, for_me.clone(), None, t0())
                .await
                .is_ok()
        );
        let for_boss = RequestInput {
            assignee_id: Some(d.manager_user.id),
            ..for_me
        };
        assert!(is_forbidden(
            d.app.create_request(&d.agent, for_boss, None, t0()).await
        ));

        // Commitments follow the same lines.
        let promise = CommitmentInput {
            client_id: d.mine.id,
            request_id: Some(d.my_request.id),
            owner_id: None,
            promise: "明日の15時までにご連絡いたします".into(),
            due_at: t0() + 30.hours(),
        };
        let kept = d
            .app
            .create_commitment(&d.agent, promise.clone(), None, t0())
            .await
            .unwrap()
            .value;
        assert_eq!(
            kept.owner_id, d.agent_user.id,
            "the actor owns it by default"
        );
        let theirs = CommitmentInput {
            client_id: d.theirs.id,
            request_id: None,
            ..promise.clone()
        };
        assert!(
            d.app
                .create_commitment(&d.manager, theirs.clone(), None, t0())
                .await
                .is_ok()
        );
        assert!(matches!(
            d.app.create_commitment(&d.agent, theirs, None, t0()).await,
            Err(AppError::Store(StoreError::InvalidReference {
                field: "client_id",
                ..
            }))
        ));
        let visible = d
            .app
            .list_commitments(&d.agent, CommitmentQuery::default())
            .await
            .unwrap();
        assert_eq!(
            visible.iter().map(|c| c.id).collect::<Vec<_>>(),
            vec![kept.id]
        );
        assert_eq!(
            d.app
                .list_commitments(&d.manager, CommitmentQuery::default())
                .await
                .unwrap()
                .len(),
            2
        );
        let system = CommitmentInput {
            owner_id: None,
            ..promise
        };
        let error = d
            .app
            .create_commitment(&Acting::system("cli"), system, None, t0())
            .await;
        assert!(
            matches!(error, Err(AppError::Invalid { ref field, .. }) if field == "owner_id"),
            "{error:?}"
        );
    });
}

#[tokio::test]
async fn tokens_belong_to_their_user() {
    on_every_backend!(|d| {
        let system = Acting::system("cli");
        let admin_id = d.admin.user_id().unwrap();
        let admin_token = d
            .app
            .issue_token(&system, admin_id, "laptop", t0())
            .await
            .unwrap();
        let agent_token = d
            .app
            .issue_token(&d.agent, d.agent_user.id, "phone", t0())
            .await
            .unwrap();
        assert!(admin_token.token.starts_with("rpt_") && admin_token.token.len() == 68);
        assert!(matches!(
            d.app.issue_token(&d.agent, admin_id, "stolen", t0()).await,
            Err(AppError::Store(StoreError::NotFound { what: "user", .. }))
        ));
        let own = d.app.list_tokens(&d.agent, None).await.unwrap();
        assert_eq!(
            own.iter().map(|t| t.id).collect::<Vec<_>>(),
            vec![agent_token.id]
        );
        assert_eq!(d.app.list_tokens(&d.admin, None).await.unwrap().len(), 2);
        let hidden = message(d.app.revoke_token(&d.agent, admin_token.id, t0()).await);
        assert_eq!(hidden, format!("no API token with id {}", admin_token.id));
        let who = d
            .app
            .authenticate(&agent_token.token)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(who.id, d.agent_user.id);
        d.app
            .revoke_token(&d.agent, agent_token.id, t0())
            .await
            .unwrap();
        assert!(
            d.app
                .authenticate(&agent_token.token)
                .await
                .unwrap()
                .is_none()
        );
    });
}

#[tokio::test]
async fn input_is_validated_once_for_every_front_door() {
    on_every_backend!(|d| {
        let blank = request_input(d.mine.id, " \u{3000}");
        assert_eq!(
            message(d.app.create_request(&d.manager, blank, None, t0()).await),
            "subject cannot be empty"
        );
        let anonymous = MessageInput {
            author: None,
            ..inbound("请尽快回复")
        };
        let error = d
            .app
            .add_message(&d.manager, d.my_request.id, anonymous, None, t0())
            .await;
        assert!(
            matches!(error, Err(AppError::Invalid { ref field, .. }) if field == "author"),
            "{error:?}"
        );
        let empty = MessageInput {
            body: "  \n".into(),
            ..inbound("")
        };
        assert_eq!(
            message(
                d.app
                    .add_message(&d.manager, d.my_request.id, empty, None, t0())
                    .await
            ),
            "body cannot be empty"
        );
        let contact = ContactInput {
            client_id: d.mine.id,
            name: "  山田 健一 ".into(),
            email: EmailAddress::parse("yamada@example.jp").unwrap(),
            role: Some("  ".into()),
            technical: false,
            reports_to: None,
        };
        let stored = d
            .app
            .create_contact(&d.agent, contact, None, t0())
            .await
            .unwrap()
            .value;
        assert_eq!((stored.name.as_str(), stored.role), ("山田 健一", None));
        let thread = d.app.thread(&d.manager, d.my_request.id).await.unwrap();
        assert!(
            thread.messages.is_empty(),
            "refused messages left nothing behind"
        );
    });
}

#[tokio::test]
async fn a_replayed_message_answers_from_what_was_stored() {
    on_every_backend!(|d| {
        let key = rapport_store::IdempotencyKey {
            user_id: d.manager_user.id,
            key: "mail-1".into(),
            fingerprint: "f".into(),
        };
        let mail = "部長から、3営業日以内に役員会用の資料をご用意いただきたいと言われました。";
        let first = d
            .app
            .add_message(&d.manager, d.my_request.id, inbound(mail), Some(&key), t0())
            .await
            .unwrap();
        let again = d
            .app
            .add_message(
                &d.manager,
                d.my_request.id,
                inbound(mail),
                Some(&key),
                t0() + 1.hours(),
            )
            .await
            .unwrap();
        assert!(!first.replayed && again.replayed);
        assert_eq!(first.message, again.message);
        let card: serde_json::Value =
            serde_json::from_str(first.message.card.as_deref().unwrap()).unwrap();
        assert_eq!(
            card["deadline"]["date"], "2026-11-27",
            "three business days in Tokyo: {card}"
        );
        let thread = d.app.thread(&d.manager, d.my_request.id).await.unwrap();
        assert_eq!(thread.messages.len(), 1);
        // The card's facts are filed as columns and read back with the message.
        let facts = thread.messages[0]
            .card_facts
            .clone()
            .expect("facts of an inbound card");
        assert_eq!(
            (facts.version, facts.language.as_str()),
            (CARD_VERSION, "ja")
        );
        assert_eq!(facts.urgency, UrgencyLevel::Normal);
        assert_eq!(
            facts.deadline_due,
            Some("2026-11-27T09:00:00Z".parse().unwrap())
        );
        assert_eq!(
            facts.primary_kind.map(|k| k.as_str()),
            card["kinds"][0]["kind"].as_str()
        );
    });
}
