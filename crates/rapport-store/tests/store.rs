//! The store's behaviour, asserted on SQLite and on PostgreSQL alike.

use jiff::{Timestamp, ToSpan};
use rapport_domain::*;
use rapport_store::scratch::scratch_database_url;
use rapport_store::{
    ActivityFilter, Backend, CommitmentFilter, IdempotencyKey, RequestFilter, Store, StoreError,
};

fn t0() -> Timestamp {
    "2026-11-24T01:00:00Z".parse().unwrap()
}

fn system() -> Actor {
    Actor::System {
        name: "test".into(),
    }
}

/// Runs `body` once on a fresh database of each backend.
macro_rules! on_every_backend {
    (|$store:ident| $body:block) => {
        for backend in [Backend::Sqlite, Backend::Postgres] {
            let url = scratch_database_url(backend).await.expect("scratch database");
            let $store = Store::open(&url).await.expect("open store");
            $body
            $store.close().await;
        }
    };
}

struct Desk {
    client: Client,
    engagement: Engagement,
    agent: User,
}

/// Creates a client in `zone`, writing in `language`, on that zone's calendar.
async fn client(store: &Store, name: &str, zone: &str, language: &str) -> Client {
    let time_zone = TimeZoneName::parse(zone).unwrap();
    let new = NewClient {
        name: name.into(),
        calendar: CalendarId::choose(&time_zone, None).unwrap(),
        time_zone,
        languages: vec![LanguageTag::parse(language).unwrap()],
        domains: Vec::new(),
    };
    store
        .create_client(&new, &system(), None, t0())
        .await
        .unwrap()
        .value
}

async fn desk(store: &Store) -> Desk {
    let client = client(store, "株式会社ひだまり食品", "Asia/Tokyo", "ja").await;
    let engagement = store
        .create_engagement(
            &NewEngagement {
                client_id: client.id,
                name: "広報・Web運用サポート".into(),
                scope_included: vec!["プレスリリース作成".into(), "Webサイト更新".into()],
                scope_excluded: vec!["SNS運用代行".into()],
                extra_rate: Some("12,000 JPY / hour".into()),
                hour_budget: Some(40.0),
                sla_policy_id: Some("standard".into()),
                auto_close_after_days: None,
                working_hours: None,
                cadence: Cadence::shorthand("monthly").unwrap(),
            },
            &system(),
            None,
            t0(),
        )
        .await
        .unwrap()
        .value;
    let agent = store
        .create_user(
            &NewUser {
                name: "佐藤 美咲".into(),
                email: EmailAddress::parse("sato@example.jp").unwrap(),
                role: Role::Manager,
            },
            &system(),
            t0(),
        )
        .await
        .unwrap();
    Desk {
        client,
        engagement,
        agent,
    }
}

fn new_request(desk: &Desk, subject: &str) -> NewRequest {
    NewRequest {
        client_id: desk.client.id,
        engagement_id: Some(desk.engagement.id),
        subject: subject.into(),
        assignee_id: Some(desk.agent.id),
        due_at: Some(t0() + 48.hours()),
        received_at: None,
    }
}

/// A new request worked through to `resolved`.
async fn resolved_request(store: &Store, desk: &Desk, subject: &str) -> RequestId {
    let id = store
        .create_request(&new_request(desk, subject), &system(), None, t0())
        .await
        .unwrap()
        .value
        .id;
    for to in [RequestState::InProgress, RequestState::Resolved] {
        store
            .transition_request(id, to, None, &system(), None, t0())
            .await
            .unwrap();
    }
    id
}

fn message(direction: Direction, body: &str, is_final: bool) -> NewMessage {
    NewMessage {
        direction,
        channel: Channel::Email,
        author: "小林 由美".into(),
        body: body.into(),
        is_final,
        sent_at: t0(),
        card: None,
        mail: None,
        send: None,
        promises: Vec::new(),
        asks: Vec::new(),
        seen_up_to: None,
    }
}

#[tokio::test]
async fn objects_round_trip_with_their_text_intact() {
    on_every_backend!(|store| {
        let desk = desk(&store).await;
        assert_eq!(store.get_client(desk.client.id).await.unwrap(), desk.client);
        assert_eq!(
            store.get_engagement(desk.engagement.id).await.unwrap(),
            desk.engagement
        );
        let boss = store
            .create_contact(
                &NewContact {
                    client_id: desk.client.id,
                    name: "山田 健一".into(),
                    email: EmailAddress::parse("yamada@hidamari.example.jp").unwrap(),
                    role: Some("広報部 部長".into()),
                    technical: false,
                    reports_to: None,
                },
                &system(),
                None,
                t0(),
            )
            .await
            .unwrap()
            .value;
        let sender = store
            .create_contact(
                &NewContact {
                    client_id: desk.client.id,
                    name: "小林 由美".into(),
                    email: EmailAddress::parse("kobayashi@hidamari.example.jp").unwrap(),
                    role: Some("広報部 主任".into()),
                    technical: true,
                    reports_to: Some(boss.id),
                },
                &system(),
                None,
                t0(),
            )
            .await
            .unwrap()
            .value;
        assert_eq!(
            store.list_contacts(desk.client.id).await.unwrap(),
            vec![boss, sender.clone()]
        );
        assert!(sender.technical);

        let request = store
            .create_request(
                &new_request(&desk, "新商品プレスリリース"),
                &system(),
                None,
                t0(),
            )
            .await
            .unwrap()
            .value;
        assert_eq!(request.state, RequestState::New);
        assert_eq!(request.due_at, Some(t0() + 48.hours()));
        store
            .add_message(
                request.id,
                &message(
                    Direction::Inbound,
                    "至急お願いします。部長から言われまして…",
                    false,
                ),
                &system(),
                None,
                t0(),
            )
            .await
            .unwrap();
        let thread = store.thread(request.id).await.unwrap();
        assert_eq!(thread.messages.len(), 1);
        assert_eq!(
            thread.messages[0].body,
            "至急お願いします。部長から言われまして…"
        );

        let activity = store
            .list_activity(&ActivityFilter {
                subject_type: Some(SubjectType::Request),
                limit: 10,
                ..Default::default()
            })
            .await
            .unwrap();
        assert_eq!(activity.len(), 1);
        assert_eq!(activity[0].action, "created");
        assert_eq!(activity[0].actor, system());
    });
}

#[tokio::test]
async fn closing_before_the_final_communication_is_refused_and_changes_nothing() {
    on_every_backend!(|store| {
        let desk = desk(&store).await;
        let id = resolved_request(&store, &desk, "月次レポート").await;
        let before = store
            .list_activity(&ActivityFilter {
                limit: 100,
                ..Default::default()
            })
            .await
            .unwrap();
        let refused = store
            .transition_request(id, RequestState::Closed, None, &system(), None, t0())
            .await;
        assert!(
            matches!(
                refused,
                Err(StoreError::Rule(TransitionError::FinalCommunicationMissing))
            ),
            "{refused:?}"
        );
        assert_eq!(
            store.get_request(id).await.unwrap().state,
            RequestState::Resolved
        );
        assert_eq!(
            store
                .list_activity(&ActivityFilter {
                    limit: 100,
                    ..Default::default()
                })
                .await
                .unwrap(),
            before
        );

        // The final communication moves it to final_sent; then it may close.
        let at = t0() + 1.hour();
        let final_message = NewMessage {
            sent_at: at,
            ..message(
                Direction::Outbound,
                "ご確認いただけましたら、本件クローズとさせていただきます。",
                true,
            )
        };
        store
            .add_message(id, &final_message, &system(), None, at)
            .await
            .unwrap();
        let request = store.get_request(id).await.unwrap();
        assert_eq!(
            (request.state, request.final_sent_at),
            (RequestState::FinalSent, Some(at))
        );
        let closed = store
            .transition_request(id, RequestState::Closed, None, &system(), None, at)
            .await
            .unwrap()
            .value;
        assert_eq!(
            (closed.state, closed.closed_at),
            (RequestState::Closed, Some(at))
        );

        // A client reply reopens it, and a new final communication will be owed.
        store
            .add_message(
                id,
                &message(
                    Direction::Inbound,
                    "もう一点だけ修正をお願いできますか。",
                    false,
                ),
                &system(),
                None,
                at,
            )
            .await
            .unwrap();
        let reopened = store.get_request(id).await.unwrap();
        assert_eq!(
            (reopened.state, reopened.final_sent_at, reopened.closed_at),
            (RequestState::Reopened, None, None)
        );
    });
}

#[tokio::test]
async fn skipping_the_final_communication_needs_a_reason_that_is_audited() {
    on_every_backend!(|store| {
        let desk = desk(&store).await;
        let id = store
            .create_request(&new_request(&desk, "重复工单"), &system(), None, t0())
            .await
            .unwrap()
            .value
            .id;
        let closed = store
            .transition_request(
                id,
                RequestState::Closed,
                Some("与 #12 重复，已在 #12 中回复客户"),
                &system(),
                None,
                t0(),
            )
            .await
            .unwrap()
            .value;
        assert_eq!(closed.state, RequestState::Closed);
        let trail = store
            .list_activity(&ActivityFilter {
                subject_type: Some(SubjectType::Request),
                subject_id: Some(id.0),
                limit: 10,
                ..Default::default()
            })
            .await
            .unwrap();
        assert_eq!(trail[0].action, "final_skipped");
        assert_eq!(trail[0].before.as_deref(), Some("new"));
        assert_eq!(trail[0].after.as_deref(), Some("closed"));
        assert_eq!(
            trail[0].note.as_deref(),
            Some("与 #12 重复，已在 #12 中回复客户")
        );
    });
}

#[tokio::test]
async fn lists_filter_and_page_newest_first() {
    on_every_backend!(|store| {
        let desk = desk(&store).await;
        let mut ids = Vec::new();
        for n in 0..7 {
            ids.push(
                store
                    .create_request(
                        &new_request(&desk, &format!("request {n}")),
                        &system(),
                        None,
                        t0(),
                    )
                    .await
                    .unwrap()
                    .value
                    .id,
            );
        }
        store
            .transition_request(
                ids[2],
                RequestState::Clarifying,
                None,
                &system(),
                None,
                t0(),
            )
            .await
            .unwrap();
        let page = |before_id| RequestFilter {
            limit: 3,
            before_id,
            ..Default::default()
        };
        let first: Vec<_> = store
            .list_requests(&page(None))
            .await
            .unwrap()
            .iter()
            .map(|r| r.id)
            .collect();
        assert_eq!(first, vec![ids[6], ids[5], ids[4]]);
        let second: Vec<_> = store
            .list_requests(&page(Some(ids[4].0)))
            .await
            .unwrap()
            .iter()
            .map(|r| r.id)
            .collect();
        assert_eq!(second, vec![ids[3], ids[2], ids[1]]);
        let clarifying = store
            .list_requests(&RequestFilter {
                state: Some(RequestState::Clarifying),
                client: Some(desk.client.id),
                assignee: Some(desk.agent.id),
                limit: 50,
                ..Default::default()
            })
            .await
            .unwrap();
        assert_eq!(
            clarifying.iter().map(|r| r.id).collect::<Vec<_>>(),
            vec![ids[2]]
        );
        let nobody = store
            .list_requests(&RequestFilter {
                assignee: Some(UserId(999)),
                limit: 50,
                ..Default::default()
            })
            .await
            .unwrap();
        assert!(nobody.is_empty());
    });
}

#[tokio::test]
async fn unknown_references_are_refused_and_nothing_is_written() {
    on_every_backend!(|store| {
        let desk = desk(&store).await;
        let bad = [
            (
                NewRequest {
                    client_id: ClientId(999),
                    ..new_request(&desk, "x")
                },
                "client_id",
            ),
            (
                NewRequest {
                    engagement_id: Some(EngagementId(999)),
                    ..new_request(&desk, "x")
                },
                "engagement_id",
            ),
            (
                NewRequest {
                    assignee_id: Some(UserId(999)),
                    ..new_request(&desk, "x")
                },
                "assignee_id",
            ),
        ];
        for (new, expected_field) in bad {
            match store.create_request(&new, &system(), None, t0()).await {
                Err(StoreError::InvalidReference { field, .. }) => {
                    assert_eq!(field, expected_field)
                }
                other => panic!("expected an invalid reference, got {other:?}"),
            }
        }
        assert!(
            store
                .list_requests(&RequestFilter {
                    limit: 10,
                    ..Default::default()
                })
                .await
                .unwrap()
                .is_empty()
        );
        assert!(matches!(
            store.get_request(RequestId(999)).await,
            Err(StoreError::NotFound {
                what: "request",
                id: 999
            })
        ));
        assert!(matches!(
            store
                .transition_request(
                    RequestId(999),
                    RequestState::InProgress,
                    None,
                    &system(),
                    None,
                    t0()
                )
                .await,
            Err(StoreError::NotFound { .. })
        ));
    });
}

#[tokio::test]
async fn an_idempotency_key_replays_instead_of_acting_twice() {
    on_every_backend!(|store| {
        let desk = desk(&store).await;
        let key = IdempotencyKey {
            user_id: desk.agent.id,
            key: "retry-1".into(),
            fingerprint: "body-a".into(),
        };
        let first = store
            .create_request(&new_request(&desk, "once"), &system(), Some(&key), t0())
            .await
            .unwrap();
        let again = store
            .create_request(&new_request(&desk, "once"), &system(), Some(&key), t0())
            .await
            .unwrap();
        assert!(!first.replayed && again.replayed);
        assert_eq!(first.value, again.value);
        assert_eq!(
            store
                .list_requests(&RequestFilter {
                    limit: 10,
                    ..Default::default()
                })
                .await
                .unwrap()
                .len(),
            1
        );
        let other_body = IdempotencyKey {
            fingerprint: "body-b".into(),
            ..key.clone()
        };
        assert!(matches!(
            store
                .create_request(
                    &new_request(&desk, "twice"),
                    &system(),
                    Some(&other_body),
                    t0()
                )
                .await,
            Err(StoreError::IdempotencyMismatch { .. })
        ));
        // The same key text from another user is that user's own key.
        let admin = store
            .create_user(
                &NewUser {
                    name: "Admin".into(),
                    email: EmailAddress::parse("admin@example.com").unwrap(),
                    role: Role::Admin,
                },
                &system(),
                t0(),
            )
            .await
            .unwrap();
        let theirs = IdempotencyKey {
            user_id: admin.id,
            ..other_body
        };
        assert!(
            !store
                .create_request(
                    &new_request(&desk, "theirs"),
                    &system(),
                    Some(&theirs),
                    t0()
                )
                .await
                .unwrap()
                .replayed
        );
    });
}

#[tokio::test]
async fn tokens_find_their_user_and_emails_are_unique() {
    on_every_backend!(|store| {
        let desk = desk(&store).await;
        store
            .create_api_token(desk.agent.id, "laptop", "hash-1", &system(), t0())
            .await
            .unwrap();
        assert_eq!(
            store.user_for_token("hash-1").await.unwrap(),
            Some(desk.agent.clone())
        );
        assert_eq!(store.user_for_token("hash-2").await.unwrap(), None);

        // A revoked token stays listed with its date, stops authenticating, and is audited.
        let second = store
            .create_api_token(desk.agent.id, "phone", "hash-3", &system(), t0())
            .await
            .unwrap();
        let revoked = store
            .revoke_api_token(second, &system(), t0())
            .await
            .unwrap();
        assert_eq!(revoked.revoked_at, Some(t0()));
        assert_eq!(store.user_for_token("hash-3").await.unwrap(), None);
        assert!(store.user_for_token("hash-1").await.unwrap().is_some());
        let again = store.revoke_api_token(second, &system(), t0()).await;
        assert!(
            matches!(again, Err(StoreError::Conflict { .. })),
            "{again:?}"
        );
        let missing = store.revoke_api_token(TokenId(9999), &system(), t0()).await;
        assert!(
            matches!(missing, Err(StoreError::NotFound { .. })),
            "{missing:?}"
        );
        let listed = store.list_api_tokens(Some(desk.agent.id)).await.unwrap();
        assert_eq!(
            listed
                .iter()
                .map(|t| (t.name.as_str(), t.revoked_at.is_some()))
                .collect::<Vec<_>>(),
            [("phone", true), ("laptop", false)]
        );
        let trail = store
            .list_activity(&ActivityFilter {
                subject_type: Some(SubjectType::Token),
                subject_id: Some(second.0),
                limit: 10,
                ..Default::default()
            })
            .await
            .unwrap();
        assert_eq!(
            trail.iter().map(|a| a.action.as_str()).collect::<Vec<_>>(),
            ["revoked", "created"]
        );

        let duplicate = store
            .create_user(
                &NewUser {
                    name: "x".into(),
                    email: desk.agent.email.clone(),
                    role: Role::Agent,
                },
                &system(),
                t0(),
            )
            .await;
        assert!(
            matches!(duplicate, Err(StoreError::Conflict { .. })),
            "{duplicate:?}"
        );
    });
}

#[tokio::test]
async fn commitments_stay_open_until_kept() {
    on_every_backend!(|store| {
        let desk = desk(&store).await;
        let request = store
            .create_request(&new_request(&desk, "見積もり"), &system(), None, t0())
            .await
            .unwrap()
            .value;
        let promise = NewCommitment {
            client_id: desk.client.id,
            request_id: Some(request.id),
            owner_id: desk.agent.id,
            promise: "明日中にお見積もりをお送りします".into(),
            due_at: t0() + 24.hours(),
            source: Source::Manual,
            vague: false,
            evidence: Vec::new(),
        };
        let c = store
            .create_commitment(&promise, &system(), None, t0())
            .await
            .unwrap()
            .value;
        assert!(!c.is_overdue(t0()) && c.is_overdue(t0() + 25.hours()));
        assert_eq!(
            store
                .list_commitments(&CommitmentFilter {
                    client: Some(desk.client.id),
                    open_only: true,
                    ..Default::default()
                })
                .await
                .unwrap(),
            vec![c.clone()]
        );
        let kept = store
            .complete_commitment(c.id, &system(), t0() + 2.hours())
            .await
            .unwrap();
        assert_eq!(kept.done_at, Some(t0() + 2.hours()));
        assert!(
            store
                .list_commitments(&CommitmentFilter {
                    request: Some(request.id),
                    open_only: true,
                    ..Default::default()
                })
                .await
                .unwrap()
                .is_empty()
        );
        assert_eq!(
            store
                .list_commitments(&CommitmentFilter::default())
                .await
                .unwrap()
                .len(),
            1
        );
        let wrong_request = NewCommitment {
            request_id: Some(RequestId(999)),
            ..promise
        };
        assert!(matches!(
            store
                .create_commitment(&wrong_request, &system(), None, t0())
                .await,
            Err(StoreError::InvalidReference {
                field: "request_id",
                ..
            })
        ));
    });
}

#[tokio::test]
async fn membership_bounds_what_a_member_scope_lists() {
    on_every_backend!(|store| {
        let desk = desk(&store).await;
        let other = client(
            &store,
            "悦澜(上海)化妆品有限公司",
            "Asia/Shanghai",
            "zh-Hans",
        )
        .await;
        let mine = store
            .create_request(&new_request(&desk, "新商品リリース"), &system(), None, t0())
            .await
            .unwrap()
            .value;
        let theirs = NewRequest {
            client_id: other.id,
            engagement_id: None,
            assignee_id: None,
            ..new_request(&desk, "双十二投放方案")
        };
        store
            .create_request(&theirs, &system(), None, t0())
            .await
            .unwrap();
        let me = desk.agent.id;
        assert!(store.list_clients(Some(me)).await.unwrap().is_empty());
        assert!(
            store
                .add_client_member(desk.client.id, me, &system(), t0())
                .await
                .unwrap()
        );
        assert!(
            !store
                .add_client_member(desk.client.id, me, &system(), t0())
                .await
                .unwrap(),
            "adding twice changes nothing"
        );
        assert!(store.is_client_member(desk.client.id, me).await.unwrap());
        assert!(!store.is_client_member(other.id, me).await.unwrap());
        let clients = store.list_clients(Some(me)).await.unwrap();
        assert_eq!(
            clients.iter().map(|c| c.id).collect::<Vec<_>>(),
            vec![desk.client.id]
        );
        assert_eq!(store.list_clients(None).await.unwrap().len(), 2);
        let requests = store
            .list_requests(&RequestFilter {
                member: Some(me),
                limit: 50,
                ..Default::default()
            })
            .await
            .unwrap();
        assert_eq!(
            requests.iter().map(|r| r.id).collect::<Vec<_>>(),
            vec![mine.id]
        );
        let members = store.list_client_members(desk.client.id).await.unwrap();
        assert_eq!(members.iter().map(|u| u.id).collect::<Vec<_>>(), vec![me]);
        let error = store
            .add_client_member(desk.client.id, UserId(999), &system(), t0())
            .await
            .unwrap_err();
        assert!(
            matches!(
                error,
                StoreError::InvalidReference {
                    field: "user_id",
                    ..
                }
            ),
            "{error}"
        );
        let trail = store
            .list_activity(&ActivityFilter {
                subject_type: Some(SubjectType::Membership),
                limit: 10,
                ..Default::default()
            })
            .await
            .unwrap();
        assert_eq!(trail.len(), 1, "one entry for the one change");
        assert_eq!(trail[0].after.as_deref(), Some(me.to_string().as_str()));
    });
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn client_replies_arriving_together_on_a_closed_request_all_land() {
    on_every_backend!(|store| {
        let desk = desk(&store).await;
        let id = resolved_request(&store, &desk, "LP制作").await;
        let final_message = message(
            Direction::Outbound,
            "納品いたしました。クローズしてよろしいでしょうか。",
            true,
        );
        store
            .add_message(id, &final_message, &system(), None, t0())
            .await
            .unwrap();
        store
            .transition_request(id, RequestState::Closed, None, &system(), None, t0())
            .await
            .unwrap();
        // Replies to a closed request, decided on together: the row lock (PostgreSQL)
        // or the single writer (SQLite) makes each decide on what the one before wrote.
        let mut replies = tokio::task::JoinSet::new();
        for n in 0..8 {
            let store = store.clone();
            let reply = message(
                Direction::Inbound,
                &format!("追加のご相談です ({n})"),
                false,
            );
            replies
                .spawn(async move { store.add_message(id, &reply, &system(), None, t0()).await });
        }
        while let Some(result) = replies.join_next().await {
            let result = result.unwrap();
            assert!(result.is_ok(), "{result:?}");
        }
        let thread = store.thread(id).await.unwrap();
        assert_eq!(thread.messages.len(), 9, "every reply is kept");
        assert_eq!(thread.request.state, RequestState::Reopened);
        let reopened = store
            .list_activity(&ActivityFilter {
                subject_type: Some(SubjectType::Request),
                subject_id: Some(id.0),
                limit: 100,
                ..Default::default()
            })
            .await
            .unwrap()
            .into_iter()
            .filter(|a| a.after.as_deref() == Some("reopened"))
            .count();
        assert_eq!(reopened, 1, "reopened once, not once per reply");
    });
}

#[tokio::test]
async fn a_reply_written_before_newer_messages_arrived_is_refused() {
    on_every_backend!(|store| {
        let desk = desk(&store).await;
        let id = resolved_request(&store, &desk, "ロゴデータの件").await;
        let client = message(
            Direction::Inbound,
            "ロゴデータはいつ頃いただけますか？",
            false,
        );
        store
            .add_message(id, &client, &system(), None, t0())
            .await
            .unwrap();
        let thread = store.thread(id).await.unwrap();
        let newest = thread.messages.last().unwrap().id;
        let reply = |seen| NewMessage {
            seen_up_to: Some(seen),
            ..message(Direction::Outbound, "確認いたします。", false)
        };
        let refused = store
            .add_message(id, &reply(MessageId(0)), &system(), None, t0())
            .await;
        let newer = thread.messages.len();
        assert!(
            matches!(refused, Err(StoreError::Stale { newer: n }) if n == newer),
            "{refused:?}"
        );
        assert_eq!(store.thread(id).await.unwrap().messages.len(), newer);
        store
            .add_message(id, &reply(newest), &system(), None, t0())
            .await
            .unwrap();
        assert_eq!(store.thread(id).await.unwrap().messages.len(), newer + 1);
    });
}
