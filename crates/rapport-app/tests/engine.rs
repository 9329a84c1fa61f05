//! The proactive engine on SQLite and on PostgreSQL: its sweeps tell the right people
//! once, in their working hours; a job runs on one server at a time, resumes after a
//! server died holding it, and two servers on one database never run a job twice.

mod support;

use jiff::{Timestamp, ToSpan};
use rapport_app::*;
use rapport_domain::*;
use rapport_store::scratch::scratch_database_url;
use rapport_store::{Backend, Store};
use support::{client_input, engagement_input, request_input};

/// Monday 2026-12-07, 10:00 in Tokyo.
fn t0() -> Timestamp {
    "2026-12-07T01:00:00Z".parse().unwrap()
}

fn system() -> Acting {
    Acting::system("scheduler")
}

fn at(text: &str) -> Timestamp {
    text.parse().unwrap()
}

struct Desk {
    app: App,
    store: Store,
    url: String,
    agent: User,
    manager: User,
    /// Assigned to the agent, under the SLA policy, received Friday 10:00 and never answered.
    request: Request,
}

async fn user(app: &App, name: &str, email: &str, role: Role) -> User {
    let input = UserInput {
        name: name.into(),
        email: EmailAddress::parse(email).unwrap(),
        role,
    };
    let system = Acting::system("test");
    app.create_user(&system, input, t0() - 240.hours())
        .await
        .unwrap()
}

async fn desk(backend: Backend) -> Desk {
    let url = scratch_database_url(backend).await.unwrap();
    let store = Store::open(&url).await.unwrap();
    let app = App::new(store.clone());
    let system = Acting::system("test");
    let before = t0() - 240.hours();
    let manager = user(&app, "佐藤 美咲", "sato@agency.example", Role::Manager).await;
    let agent = user(&app, "田中 健", "tanaka@agency.example", Role::Agent).await;
    user(&app, "管理者", "admin@agency.example", Role::Admin).await;
    let tokyo = TimeZoneName::parse("Asia/Tokyo").unwrap();
    let agent = app
        .set_user_work(&system, agent.id, Some(tokyo), Some(manager.id), before)
        .await
        .unwrap();
    app.create_sla_policy(
        &system,
        SlaPolicyInput {
            name: "Standard".into(),
            first_response_minutes: 240,
            next_response_minutes: 480,
            resolution_minutes: 3 * 540,
            warn_at_percent: None,
        },
        before,
    )
    .await
    .unwrap();
    let client = app
        .create_client(
            &system,
            client_input("株式会社ひだまり食品", "Asia/Tokyo", "ja"),
            None,
            before,
        )
        .await
        .unwrap()
        .value;
    for member in [&manager, &agent] {
        app.add_client_member(&system, client.id, member.id, before)
            .await
            .unwrap();
    }
    let engagement = app
        .create_engagement(
            &system,
            EngagementInput {
                sla_policy_id: Some("Standard".into()),
                ..engagement_input(client.id, "サイト運用")
            },
            None,
            before,
        )
        .await
        .unwrap()
        .value;
    let friday = at("2026-12-04T01:00:00Z");
    let request = app
        .create_request(
            &system,
            RequestInput {
                assignee_id: Some(agent.id),
                received_at: Some(friday),
                ..request_input(client.id, Some(engagement.id), "新商品LPの修正")
            },
            None,
            friday,
        )
        .await
        .unwrap()
        .value;
    let acting = Acting::user(&agent);
    // A promise due Friday 18:00, not kept.
    app.create_commitment(
        &acting,
        CommitmentInput {
            client_id: client.id,
            request_id: Some(request.id),
            owner_id: None,
            promise: "修正版を金曜日中にお送りします".into(),
            due_at: at("2026-12-04T09:00:00Z"),
        },
        None,
        friday,
    )
    .await
    .unwrap();
    // Logo files due Wednesday 18:00: the first reminder day was Friday.
    app.create_material(
        &acting,
        MaterialInput {
            request_id: request.id,
            what: "ロゴデータ（AI形式）".into(),
            due_at: Some(at("2026-12-09T09:00:00Z")),
        },
        None,
        friday,
    )
    .await
    .unwrap();
    // A resolved request whose final communication has not gone out.
    let done = app
        .create_request(
            &acting,
            RequestInput {
                assignee_id: Some(agent.id),
                ..request_input(client.id, None, "バナー差し替え")
            },
            None,
            friday,
        )
        .await
        .unwrap()
        .value;
    for to in [RequestState::InProgress, RequestState::Resolved] {
        let input = TransitionInput {
            to,
            skip_final_reason: None,
        };
        app.transition_request(&acting, done.id, input, None, friday)
            .await
            .unwrap();
    }
    Desk {
        app,
        store,
        url,
        agent,
        manager,
        request,
    }
}

async fn kinds(d: &Desk, who: &User, now: Timestamp) -> Vec<&'static str> {
    let mut kinds: Vec<&'static str> = d
        .app
        .list_notifications(&Acting::user(who), None, false, now)
        .await
        .unwrap()
        .iter()
        .map(|n| n.kind.as_str())
        .collect();
    kinds.sort();
    kinds
}

/// The agent promises `text` on the desk's request, due at `due`, recorded at `now`.
async fn promise(d: &Desk, text: &str, due: Timestamp, now: Timestamp) {
    let input = CommitmentInput {
        client_id: d.request.client_id,
        request_id: Some(d.request.id),
        owner_id: None,
        promise: text.into(),
        due_at: due,
    };
    d.app
        .create_commitment(&Acting::user(&d.agent), input, None, now)
        .await
        .unwrap();
}

macro_rules! on_every_backend {
    (|$d:ident| $body:block) => {
        for backend in [Backend::Sqlite, Backend::Postgres] {
            let $d = desk(backend).await;
            $body
        }
    };
}

#[tokio::test]
async fn the_sweeps_tell_the_owner_the_manager_and_the_assignee_once() {
    on_every_backend!(|d| {
        let round = d.app.run_due_jobs(&system(), Some(t0())).await.unwrap();
        assert_eq!(round.ran.len(), JobName::ALL.len(), "{round:?}");
        assert!(round.failed.is_empty(), "{round:?}");
        assert_eq!((round.notified, round.breaches), (6, 1), "{round:?}");
        assert_eq!(
            kinds(&d, &d.agent, t0()).await,
            [
                "commitment_overdue",
                "final_communication_pending",
                "materials_reminder",
                "sla_breached"
            ]
        );
        // The manager hears of the broken promise and of the missed SLA.
        assert_eq!(
            kinds(&d, &d.manager, t0()).await,
            ["commitment_overdue", "sla_breached"]
        );
        let escalated = d
            .app
            .list_notifications(&Acting::user(&d.manager), None, false, t0())
            .await
            .unwrap();
        let escalation = escalated
            .iter()
            .find(|n| n.kind == NotificationKind::CommitmentOverdue)
            .unwrap();
        assert!(escalation.reason.starts_with("Escalated"), "{escalation:?}");
        assert_eq!(escalation.request_id, Some(d.request.id));

        // The sweep's standing puts the missed SLA on the agent's Today, between the broken
        // promise and the final communication owed.
        let agenda = d
            .app
            .today(&Acting::user(&d.agent), Some(d.agent.id), t0())
            .await
            .unwrap();
        let lines: Vec<_> = agenda
            .iter()
            .map(|l| (l.item.kind, l.item.request_id))
            .collect();
        assert_eq!(
            lines[..2],
            [
                (AgendaKind::CommitmentOverdue, Some(d.request.id)),
                (AgendaKind::SlaBreached, Some(d.request.id)),
            ]
        );
        assert_eq!(lines[2].0, AgendaKind::FinalCommunicationPending);
        // The office was closed that Friday: counted from Monday 09:00, the first reply is
        // due at 13:00, and the next sweep takes the breach off Today.
        d.app
            .close_calendar_day(
                &system(),
                CalendarId::Japan,
                ClosedDay {
                    date: jiff::civil::date(2026, 12, 4),
                    name: "臨時休業".into(),
                },
                t0(),
            )
            .await
            .unwrap();
        d.app
            .run_due_jobs(&system(), Some(t0() + 6.minutes()))
            .await
            .unwrap();
        let agenda = d
            .app
            .today(
                &Acting::user(&d.agent),
                Some(d.agent.id),
                t0() + 6.minutes(),
            )
            .await
            .unwrap();
        assert!(
            !agenda
                .iter()
                .any(|l| l.item.kind == AgendaKind::SlaBreached),
            "{agenda:?}"
        );
        d.app
            .reopen_calendar_day(
                &system(),
                CalendarId::Japan,
                jiff::civil::date(2026, 12, 4),
                t0(),
            )
            .await
            .unwrap();
        d.app
            .run_due_jobs(&system(), Some(t0() + 12.minutes()))
            .await
            .unwrap();
        // Nothing is due again at once; the next runs tell nobody twice.
        let again = d.app.run_due_jobs(&system(), Some(t0())).await.unwrap();
        assert_eq!(again, JobRound::default());
        let later = d
            .app
            .run_due_jobs(&system(), Some(t0() + 20.minutes()))
            .await
            .unwrap();
        assert_eq!(
            later.ran,
            [
                JobName::NotificationMail,
                JobName::AutoClose,
                JobName::Materials,
                JobName::Commitments,
                JobName::Sla,
            ],
            "longest due first; the hourly job is not due yet"
        );
        assert_eq!((later.notified, later.breaches), (0, 0), "{later:?}");

        // A person reads theirs, and no one else's.
        let first = d
            .app
            .list_notifications(&Acting::user(&d.agent), None, true, t0())
            .await
            .unwrap()[0]
            .id;
        d.app
            .read_notification(&Acting::user(&d.agent), first, t0())
            .await
            .unwrap();
        let unread = d
            .app
            .list_notifications(&Acting::user(&d.agent), None, true, t0())
            .await
            .unwrap();
        assert_eq!(unread.len(), 3);
        assert!(
            d.app
                .read_notification(&Acting::user(&d.manager), unread[0].id, t0())
                .await
                .is_err()
        );
        assert!(
            d.app
                .list_notifications(&Acting::user(&d.manager), Some(d.agent.id), false, t0())
                .await
                .is_err()
        );
    });
}

#[tokio::test]
async fn a_promise_recorded_overdue_after_the_last_run_is_still_told() {
    on_every_backend!(|d| {
        d.app.run_due_jobs(&system(), Some(t0())).await.unwrap();
        // Ten minutes later a promise due three days ago is recorded (an import of old
        // mail): the sweep reads only what fell due or changed since its last run, and
        // this changed.
        let later = t0() + jiff::SignedDuration::from_mins(10);
        let acting = Acting::user(&d.agent);
        promise(
            &d,
            "見積書を木曜日にお送りします",
            at("2026-12-04T01:00:00Z"),
            later,
        )
        .await;
        let round = d.app.run_due_jobs(&system(), Some(later)).await.unwrap();
        assert!(round.ran.contains(&JobName::Commitments), "{round:?}");
        let told = d
            .app
            .list_notifications(&acting, None, false, later)
            .await
            .unwrap();
        assert!(
            told.iter()
                .any(|n| n.title == "見積書を木曜日にお送りします"
                    && n.kind == NotificationKind::CommitmentOverdue),
            "{told:?}"
        );
    });
}

#[tokio::test]
async fn what_arises_at_night_waits_for_the_persons_morning() {
    on_every_backend!(|d| {
        d.app.run_due_jobs(&system(), Some(t0())).await.unwrap();
        // Monday 23:00 in Tokyo a promise due at 22:30 is overdue.
        let night = at("2026-12-07T14:00:00Z");
        let acting = Acting::user(&d.agent);
        promise(
            &d,
            "本日中に見積もりをお送りします",
            at("2026-12-07T13:30:00Z"),
            t0(),
        )
        .await;
        let round = d.app.run_due_jobs(&system(), Some(night)).await.unwrap();
        assert!(round.notified >= 2, "{round:?}");
        let tonight = d
            .app
            .list_notifications(&acting, None, true, night)
            .await
            .unwrap();
        assert!(
            tonight
                .iter()
                .all(|n| n.title != "本日中に見積もりをお送りします"),
            "{tonight:?}"
        );
        // Tuesday 09:00 in Tokyo it is there.
        let morning = at("2026-12-08T00:00:00Z");
        let shown = d
            .app
            .list_notifications(&acting, None, true, morning)
            .await
            .unwrap();
        let promise = shown
            .iter()
            .find(|n| n.title == "本日中に見積もりをお送りします")
            .expect("delivered in the morning");
        assert_eq!(promise.deliver_at, morning);
    });
}

#[tokio::test]
async fn a_job_held_by_a_server_that_died_runs_once_its_lease_lapses() {
    on_every_backend!(|d| {
        d.store.ensure_jobs(t0()).await.unwrap();
        // A server claims the first job and dies before finishing it.
        let held = d
            .store
            .claim_due_job(t0(), t0() + JOB_LEASE)
            .await
            .unwrap()
            .unwrap();
        let round = d
            .app
            .run_due_jobs(&system(), Some(t0() + 1.minutes()))
            .await
            .unwrap();
        assert!(!round.ran.contains(&held.name), "{round:?}");
        assert_eq!(round.ran.len(), JobName::ALL.len() - 1);
        // Its lease lapsed: another server takes it over, and the dead one's late finish
        // changes nothing.
        let after = t0() + JOB_LEASE + 1.minutes();
        let round = d.app.run_due_jobs(&system(), Some(after)).await.unwrap();
        assert!(round.ran.contains(&held.name), "{round:?}");
        assert!(
            !d.store
                .finish_job(held, after, after + 1.hours(), None)
                .await
                .unwrap()
        );
        let jobs = d.store.list_jobs().await.unwrap();
        let job = jobs.iter().find(|j| j.name == held.name).unwrap();
        assert_eq!(job.last_run_at, Some(after));
        assert_eq!(job.run_at, held.name.next_run(after));
    });
}

#[tokio::test]
async fn two_servers_on_one_database_never_run_a_job_twice() {
    for backend in [Backend::Sqlite, Backend::Postgres] {
        let d = desk(backend).await;
        let other = App::new(Store::open(&d.url).await.unwrap());
        let mut runs = std::collections::HashMap::<JobName, u32>::new();
        let mut notified = 0;
        let scheduler = system();
        for minute in (0..=60).step_by(5) {
            let now = t0() + (minute as i64).minutes();
            let (one, two) = tokio::join!(
                d.app.run_due_jobs(&scheduler, Some(now)),
                other.run_due_jobs(&scheduler, Some(now))
            );
            for round in [one.unwrap(), two.unwrap()] {
                notified += round.notified;
                for name in round.ran {
                    *runs.entry(name).or_default() += 1;
                }
            }
        }
        // Every 5 minutes for an hour: 13 runs; every 15: 5; hourly: 2.
        assert_eq!(runs[&JobName::Sla], 13, "{backend:?} {runs:?}");
        assert_eq!(runs[&JobName::Commitments], 13);
        assert_eq!(runs[&JobName::Materials], 5);
        assert_eq!(runs[&JobName::AutoClose], 5);
        assert_eq!(runs[&JobName::Health], 2);
        assert_eq!(runs[&JobName::NotificationMail], 13);
        assert_eq!(runs[&JobName::FinalCommunication], 2);
        assert_eq!(notified, 6, "told once, whichever server ran it");
    }
}

#[tokio::test]
async fn an_unanswered_final_communication_closes_after_the_engagements_working_days() {
    on_every_backend!(|d| {
        let system = Acting::system("test");
        let engagement = d
            .app
            .create_engagement(
                &system,
                EngagementInput {
                    auto_close_after_days: Some(2),
                    ..engagement_input(d.request.client_id, "保守")
                },
                None,
                t0(),
            )
            .await
            .unwrap()
            .value;
        let message = |direction, body: &str, is_final| MessageInput {
            direction,
            channel: Some(Channel::Api),
            author: None,
            body: body.into(),
            is_final,
            sent_at: None,
            to: Vec::new(),
        };
        // Two requests get their final communication on Monday at 10:00; the client
        // answers one of them.
        let mut ids = Vec::new();
        for subject in ["フォームの修正", "画像の差し替え"] {
            let request = d
                .app
                .create_request(
                    &system,
                    request_input(d.request.client_id, Some(engagement.id), subject),
                    None,
                    t0(),
                )
                .await
                .unwrap()
                .value;
            for to in [RequestState::InProgress, RequestState::Resolved] {
                let input = TransitionInput {
                    to,
                    skip_final_reason: None,
                };
                d.app
                    .transition_request(&system, request.id, input, None, t0())
                    .await
                    .unwrap();
            }
            let done = message(
                Direction::Outbound,
                "対応が完了いたしました。クローズしてもよろしいでしょうか。",
                true,
            );
            d.app
                .add_message(&system, request.id, done, None, t0())
                .await
                .unwrap();
            ids.push(request.id);
        }
        let thanks = MessageInput {
            author: Some("小林 由美".into()),
            ..message(
                Direction::Inbound,
                "ありがとうございます。一点だけ確認させてください。",
                false,
            )
        };
        d.app
            .add_message(&system, ids[1], thanks, None, t0() + 1.hours())
            .await
            .unwrap();
        // Two working days run to Wednesday 10:00.
        let round = d
            .app
            .run_due_jobs(&system, Some(at("2026-12-09T00:59:00Z")))
            .await
            .unwrap();
        assert_eq!(round.closed, 0, "{round:?}");
        let round = d
            .app
            .run_due_jobs(&system, Some(at("2026-12-09T01:15:00Z")))
            .await
            .unwrap();
        assert_eq!(round.closed, 1, "{round:?}");
        let closed = d.app.thread(&system, ids[0]).await.unwrap().request;
        assert_eq!(closed.state, RequestState::Closed);
        let answered = d.app.thread(&system, ids[1]).await.unwrap().request;
        assert_ne!(answered.state, RequestState::Closed);
        // The audit trail names the rule that closed it.
        let trail = d
            .app
            .list_activity(
                &system,
                ActivityQuery {
                    subject_type: Some(SubjectType::Request),
                    subject_id: Some(ids[0].0),
                    before_id: None,
                    limit: 50,
                },
            )
            .await
            .unwrap();
        let closing = trail
            .iter()
            .find(|a| a.after.as_deref() == Some("closed"))
            .expect("the close is in the trail");
        assert!(
            closing
                .actor
                .name()
                .starts_with("auto-close: no reply 2 working days"),
            "{closing:?}"
        );
    });
}

/// The SLA sweep reads only what changed since its last run, yet a policy given to an
/// engagement afterwards reaches the requests it already had, and a closed request keeps
/// no standing.
#[tokio::test]
async fn the_sla_sweep_follows_changes_and_new_policies() {
    on_every_backend!(|d| {
        let system = system();
        let client = d.request.client_id;
        let later = d
            .app
            .create_engagement(
                &system,
                engagement_input(client, "保守"),
                None,
                t0() - 240.hours(),
            )
            .await
            .unwrap()
            .value;
        let old = d
            .app
            .create_request(
                &system,
                RequestInput {
                    assignee_id: Some(d.agent.id),
                    received_at: Some(t0() - 120.hours()),
                    ..request_input(client, Some(later.id), "サーバー証明書の更新")
                },
                None,
                t0() - 120.hours(),
            )
            .await
            .unwrap()
            .value;
        let attention = |store: Store| async move {
            let mut ids: Vec<RequestId> = store
                .sla_attention(None, None)
                .await
                .unwrap()
                .into_iter()
                .map(|(r, _, _)| r.id)
                .collect();
            ids.sort();
            ids
        };
        d.app.run_due_jobs(&system, Some(t0())).await.unwrap();
        assert_eq!(attention(d.store.clone()).await, vec![d.request.id]);

        // The engagement gets the policy; the request itself does not change.
        let terms = EngagementTerms {
            sla_policy_id: Some("Standard".into()),
            ..later.terms()
        };
        d.app
            .set_engagement_terms(&system, later.id, terms, t0() + 1.minutes())
            .await
            .unwrap();
        let round = d
            .app
            .run_due_jobs(&system, Some(t0() + 6.minutes()))
            .await
            .unwrap();
        assert!(round.ran.contains(&JobName::Sla), "{round:?}");
        assert_eq!(
            attention(d.store.clone()).await,
            vec![d.request.id, old.id],
            "the request under the new policy is breached"
        );

        // Closed: its standing goes with it, before any sweep.
        let close = TransitionInput {
            to: RequestState::Closed,
            skip_final_reason: Some("先方の担当者が退職され、連絡先がありません".into()),
        };
        d.app
            .transition_request(&system, old.id, close, None, t0() + 7.minutes())
            .await
            .unwrap();
        assert_eq!(attention(d.store.clone()).await, vec![d.request.id]);
    });
}
