//! The promises in our replies become commitments and their asks materials requests, on
//! SQLite and on PostgreSQL: each promise owned by the author, due when it says (or one
//! working day later, marked vague), with the words that made it; the next reply keeps
//! the vague ones; hand-made ones stay. Today lists what of it needs a person now.

mod support;

use jiff::{Timestamp, ToSpan};
use rapport_app::*;
use rapport_domain::*;
use rapport_store::scratch::scratch_database_url;
use rapport_store::{Backend, Store};
use support::{client_input, request_input};

/// Tuesday 2026-11-24, 10:00 in Tokyo.
fn t0() -> Timestamp {
    "2026-11-24T01:00:00Z".parse().unwrap()
}

fn reply(body: &str) -> MessageInput {
    MessageInput {
        direction: Direction::Outbound,
        channel: Some(Channel::Api),
        author: None,
        body: body.into(),
        is_final: false,
        sent_at: None,
        to: Vec::new(),
    }
}

struct Desk {
    app: App,
    agent: Acting,
    agent_id: UserId,
    request: Request,
}

async fn desk(backend: Backend, zone: &str, language: &str) -> Desk {
    let url = scratch_database_url(backend).await.unwrap();
    let app = App::new(Store::open(&url).await.unwrap());
    let system = Acting::system("test");
    let user = app
        .create_user(
            &system,
            UserInput {
                name: "佐藤 美咲".into(),
                email: EmailAddress::parse("sato@example.jp").unwrap(),
                role: Role::Manager,
            },
            t0(),
        )
        .await
        .unwrap();
    let agent = Acting::user(&user);
    let client = app
        .create_client(
            &agent,
            client_input("株式会社ひだまり食品", zone, language),
            None,
            t0(),
        )
        .await
        .unwrap()
        .value;
    let request = app
        .create_request(
            &agent,
            request_input(client.id, None, "新商品LPの修正"),
            None,
            t0(),
        )
        .await
        .unwrap()
        .value;
    Desk {
        app,
        agent,
        agent_id: user.id,
        request,
    }
}

async fn commitments(desk: &Desk) -> Vec<Commitment> {
    desk.app
        .list_commitments(
            &desk.agent,
            CommitmentQuery {
                request: Some(desk.request.id),
                ..CommitmentQuery::default()
            },
        )
        .await
        .unwrap()
}

fn at(local: &str, zone: &str) -> Timestamp {
    local
        .parse::<jiff::civil::DateTime>()
        .unwrap()
        .to_zoned_datetime(jiff::tz::TimeZone::get(zone).unwrap())
        .unwrap()
        .timestamp()
}

#[tokio::test]
async fn the_promises_of_a_reply_become_commitments_of_its_author() {
    for backend in [Backend::Sqlite, Backend::Postgres] {
        let desk = desk(backend, "Asia/Tokyo", "ja").await;
        let body = "小林様\n\nお世話になっております。\n修正版は明日の15時までにお送りいたします。\n\
                    価格表の件は社内で確認のうえ、改めてご連絡いたします。\n\nよろしくお願いいたします。";
        let outcome = desk
            .app
            .add_message(&desk.agent, desk.request.id, reply(body), None, t0())
            .await
            .unwrap();
        let found = commitments(&desk).await;
        assert_eq!(found.len(), 2, "{backend:?}: {found:?}");
        // Listed by due time: the vague one is due first here.
        let dated = found.iter().find(|c| !c.vague).unwrap();
        assert_eq!(dated.source, Source::Detected);
        assert_eq!(dated.owner_id, desk.agent_id);
        assert_eq!(dated.message_id, Some(outcome.message.id));
        assert_eq!(dated.due_at, at("2026-11-25T15:00", "Asia/Tokyo"));
        assert!(!dated.vague);
        assert!(dated.promise.contains("明日の15時までにお送りいたします"));
        // The evidence points into the message body, in characters.
        let chars: Vec<char> = body.chars().collect();
        for span in &dated.evidence {
            let said: String = chars[span.start..span.end].iter().collect();
            assert_eq!(said, span.text, "{backend:?}");
        }
        assert!(dated.evidence.iter().any(|s| s.text.contains("15時")));
        // No time said: due one working day later, and marked so.
        let vague = found.iter().find(|c| c.vague).unwrap();
        assert_eq!(vague.due_at, at("2026-11-25T10:00", "Asia/Tokyo"));
    }
}

#[tokio::test]
async fn the_next_reply_keeps_a_promise_to_get_back_and_hand_made_ones_stay() {
    for backend in [Backend::Sqlite, Backend::Postgres] {
        let desk = desk(backend, "Asia/Shanghai", "zh-Hans").await;
        let manual = desk
            .app
            .create_commitment(
                &desk.agent,
                CommitmentInput {
                    client_id: desk.request.client_id,
                    request_id: Some(desk.request.id),
                    owner_id: None,
                    promise: "周五前寄样品".into(),
                    due_at: t0() + 72.hours(),
                },
                None,
                t0(),
            )
            .await
            .unwrap()
            .value;
        assert_eq!(manual.source, Source::Manual);
        let first = "收到，我这边确认一下，稍后回复您。方案我们明天下午3点前发给您。";
        desk.app
            .add_message(&desk.agent, desk.request.id, reply(first), None, t0())
            .await
            .unwrap();
        let open: Vec<_> = commitments(&desk)
            .await
            .into_iter()
            .filter(|c| c.done_at.is_none())
            .collect();
        assert_eq!(open.len(), 3, "{backend:?}: {open:?}");
        // A later reply keeps "稍后回复您"; the dated promise and the hand-made one stay.
        let later = t0() + 2.hours();
        desk.app
            .add_message(
                &desk.agent,
                desk.request.id,
                reply("刘总，价格已确认，见附件。"),
                None,
                later,
            )
            .await
            .unwrap();
        let all = commitments(&desk).await;
        let kept: Vec<_> = all.iter().filter(|c| c.done_at.is_some()).collect();
        assert_eq!(kept.len(), 1, "{backend:?}: {all:?}");
        assert!(kept[0].vague && kept[0].done_at == Some(later));
        assert!(all.iter().any(|c| c.id == manual.id && c.done_at.is_none()));
        // A note is no reply: it keeps nothing and promises nothing.
        let note = MessageInput {
            direction: Direction::Note,
            ..reply("明天我会再跟进一下。")
        };
        desk.app
            .add_message(&desk.agent, desk.request.id, note, None, later)
            .await
            .unwrap();
        assert_eq!(commitments(&desk).await.len(), all.len(), "{backend:?}");
    }
}

#[tokio::test]
async fn the_system_owns_no_promise() {
    let desk = desk(Backend::Sqlite, "Europe/London", "en").await;
    desk.app
        .add_message(
            &Acting::system("import"),
            desk.request.id,
            reply("I'll send the revised deck by 3pm tomorrow."),
            None,
            t0(),
        )
        .await
        .unwrap();
    assert!(commitments(&desk).await.is_empty());
}

#[tokio::test]
async fn the_asks_of_a_reply_become_materials_awaited() {
    for backend in [Backend::Sqlite, Backend::Postgres] {
        let desk = desk(backend, "Asia/Shanghai", "zh-Hans").await;
        let body = "王经理您好，\n\n落地页线框图本周五前提交给您。\n\
                    另外，麻烦您在周四前提供产品图片的高清素材，以免影响设计进度。\n\n李婷";
        let outcome = desk
            .app
            .add_message(&desk.agent, desk.request.id, reply(body), None, t0())
            .await
            .unwrap();
        let awaited = desk
            .app
            .list_materials(
                &desk.agent,
                MaterialQuery {
                    request: Some(desk.request.id),
                    awaited_only: true,
                    ..MaterialQuery::default()
                },
            )
            .await
            .unwrap();
        assert_eq!(awaited.len(), 1, "{backend:?}: {awaited:?}");
        let material = &awaited[0];
        assert_eq!(material.source, Source::Detected);
        assert_eq!(material.message_id, Some(outcome.message.id));
        assert!(material.what.contains("产品图片的高清素材"));
        // Thursday 2026-11-26, end of the business day in Shanghai.
        assert_eq!(
            material.due_at,
            Some(at("2026-11-26T18:00", "Asia/Shanghai"))
        );
        assert!(!material.evidence.is_empty());
        // The promise in the same reply is a commitment, not a material.
        assert_eq!(commitments(&desk).await.len(), 1, "{backend:?}");
    }
}

#[tokio::test]
async fn today_lists_what_needs_a_person_by_consequence() {
    for backend in [Backend::Sqlite, Backend::Postgres] {
        let desk = desk(backend, "Asia/Tokyo", "ja").await;
        let app = &desk.app;
        let move_to = |to: RequestState| TransitionInput {
            to,
            skip_final_reason: None,
        };
        // A promise already late, one due the day after tomorrow (not today's concern).
        app.create_commitment(
            &desk.agent,
            CommitmentInput {
                client_id: desk.request.client_id,
                request_id: Some(desk.request.id),
                owner_id: None,
                promise: "本日朝までに見積書をお送りします".into(),
                due_at: t0() - 1.hours(),
            },
            None,
            t0(),
        )
        .await
        .unwrap();
        app.add_message(
            &desk.agent,
            desk.request.id,
            reply("明後日までに修正版をお送りいたします。"),
            None,
            t0(),
        )
        .await
        .unwrap();
        // Materials due this evening.
        app.create_material(
            &desk.agent,
            MaterialInput {
                request_id: desk.request.id,
                what: "ロゴデータ（AI形式）".into(),
                due_at: Some(t0() + 8.hours()),
            },
            None,
            t0(),
        )
        .await
        .unwrap();
        // A request resolved without its final communication, one waiting on the client.
        let subject = |s: &str| request_input(desk.request.client_id, None, s);
        let done = app
            .create_request(&desk.agent, subject("バナー差し替え"), None, t0())
            .await
            .unwrap()
            .value;
        for to in [RequestState::InProgress, RequestState::Resolved] {
            app.transition_request(&desk.agent, done.id, move_to(to), None, t0())
                .await
                .unwrap();
        }
        let asking = app
            .create_request(&desk.agent, subject("採用ページ"), None, t0())
            .await
            .unwrap()
            .value;
        app.transition_request(
            &desk.agent,
            asking.id,
            move_to(RequestState::Clarifying),
            None,
            t0(),
        )
        .await
        .unwrap();

        let agenda = app.today(&desk.agent, None, t0()).await.unwrap();
        let lines: Vec<_> = agenda
            .iter()
            .map(|l| (l.item.kind, l.item.request_id))
            .collect();
        assert_eq!(
            lines,
            vec![
                (AgendaKind::CommitmentOverdue, Some(desk.request.id)),
                (AgendaKind::FinalCommunicationPending, Some(done.id)),
                (AgendaKind::MaterialsReminder, Some(desk.request.id)),
                (AgendaKind::ClarificationPending, Some(asking.id)),
            ],
            "{backend:?}"
        );
        // The lines that propose a message carry its draft, in the client's Japanese.
        let drafts: Vec<_> = agenda
            .iter()
            .map(|l| l.draft.as_ref().map(|d| (d.language, d.subject.as_str())))
            .collect();
        assert_eq!(
            drafts,
            vec![
                None,
                Some(("ja", "Re: バナー差し替え")),
                Some(("ja", "Re: 新商品LPの修正")),
                None
            ]
        );
        // One person's agenda is theirs: someone else has nothing on it.
        let other = app
            .create_user(
                &Acting::system("test"),
                UserInput {
                    name: "高橋 翔".into(),
                    email: EmailAddress::parse("takahashi@example.jp").unwrap(),
                    role: Role::Agent,
                },
                t0(),
            )
            .await
            .unwrap();
        let theirs = app.today(&desk.agent, Some(other.id), t0()).await.unwrap();
        assert!(theirs.is_empty(), "{theirs:?}");
        let mine = app
            .today(&desk.agent, Some(desk.agent_id), t0())
            .await
            .unwrap();
        assert_eq!(mine[0].item.kind, AgendaKind::CommitmentOverdue, "{mine:?}");
        // Kept promises and received materials leave the agenda.
        let late = &agenda[0].item;
        app.complete_commitment(&desk.agent, CommitmentId(late.subject_id), t0())
            .await
            .unwrap();
        app.receive_material(&desk.agent, MaterialId(agenda[2].item.subject_id), t0())
            .await
            .unwrap();
        let agenda = app.today(&desk.agent, None, t0()).await.unwrap();
        assert_eq!(agenda.len(), 2, "{backend:?}: {agenda:?}");
        // The final communication owed is one draft away: what was kept, may we close.
        let kept = app
            .create_commitment(
                &desk.agent,
                CommitmentInput {
                    client_id: desk.request.client_id,
                    request_id: Some(done.id),
                    owner_id: None,
                    promise: "差し替え後のバナーを本日中に公開します".into(),
                    due_at: t0() + 6.hours(),
                },
                None,
                t0(),
            )
            .await
            .unwrap()
            .value;
        app.complete_commitment(&desk.agent, kept.id, t0())
            .await
            .unwrap();
        let draft = app.final_draft(&desk.agent, done.id).await.unwrap();
        assert_eq!(draft.language, "ja");
        assert!(
            draft.body.contains("「バナー差し替え」の件"),
            "{}",
            draft.body
        );
        assert!(
            draft
                .body
                .contains("・差し替え後のバナーを本日中に公開します"),
            "{}",
            draft.body
        );
        assert!(
            draft
                .body
                .contains("完了とさせていただいてもよろしいでしょうか"),
            "{}",
            draft.body
        );
    }
}

#[tokio::test]
async fn a_long_reply_is_read_off_the_request_threads_with_the_same_result() {
    let desk = desk(Backend::Sqlite, "Asia/Tokyo", "ja").await;
    let body = format!(
        "修正版は明日の15時までにお送りいたします。\n{}",
        "> 以前のメールの引用です。\n".repeat(2000)
    );
    assert!(body.len() > 32 * 1024);
    desk.app
        .add_message(&desk.agent, desk.request.id, reply(&body), None, t0())
        .await
        .unwrap();
    let found = commitments(&desk).await;
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].due_at, at("2026-11-25T15:00", "Asia/Tokyo"));
}
