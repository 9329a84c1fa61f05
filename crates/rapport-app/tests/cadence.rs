//! An engagement's cadence on Today, on SQLite and on PostgreSQL: the progress report due
//! working days after the last one, drafted from what was kept, what is promised next and
//! what the client is to send; the check-in after a quiet spell; the regular meeting in
//! the days before it.

mod support;

use jiff::{Timestamp, ToSpan};
use rapport_app::*;
use rapport_domain::*;
use rapport_store::scratch::scratch_database_url;
use rapport_store::{Backend, Store};
use support::{client_input, engagement_input, request_input};

fn at(text: &str) -> Timestamp {
    text.parse().unwrap()
}

/// Monday 2026-11-02, 09:00 in Shanghai: the engagement starts.
fn start() -> Timestamp {
    at("2026-11-02T01:00:00Z")
}

async fn cadence_lines(app: &App, now: Timestamp) -> Vec<AgendaLine> {
    app.today(&Acting::system("test"), None, now)
        .await
        .unwrap()
        .into_iter()
        .filter(|l| {
            matches!(
                l.item.kind,
                AgendaKind::ProgressReportDue | AgendaKind::CheckInDue | AgendaKind::MeetingDue
            )
        })
        .collect()
}

fn kinds(lines: &[AgendaLine]) -> Vec<AgendaKind> {
    lines.iter().map(|l| l.item.kind).collect()
}

#[tokio::test]
async fn reports_check_ins_and_meetings_come_up_with_their_drafts() {
    for backend in [Backend::Sqlite, Backend::Postgres] {
        let url = scratch_database_url(backend).await.unwrap();
        let app = App::new(Store::open(&url).await.unwrap());
        let system = Acting::system("test");
        let client = app
            .create_client(
                &system,
                client_input("悦澜化妆品", "Asia/Shanghai", "zh-Hans"),
                None,
                start(),
            )
            .await
            .unwrap()
            .value;
        let engagement = app
            .create_engagement(
                &system,
                EngagementInput {
                    cadence: Cadence {
                        report_every_days: Some(5),
                        check_in_after_days: Some(7),
                        meeting_every_weeks: Some(2),
                    },
                    ..engagement_input(client.id, "小红书代运营")
                },
                None,
                start(),
            )
            .await
            .unwrap()
            .value;
        let request = app
            .create_request(
                &system,
                request_input(client.id, Some(engagement.id), "双十二笔记排期"),
                None,
                start(),
            )
            .await
            .unwrap()
            .value;
        // The client last wrote Tuesday 11-03 at 10:00.
        let wrote = at("2026-11-03T02:00:00Z");
        app.add_message(
            &system,
            request.id,
            MessageInput {
                direction: Direction::Inbound,
                channel: Some(Channel::Api),
                author: Some("王经理".into()),
                body: "排期表收到了，我们内部再看一下。".into(),
                is_final: false,
                sent_at: Some(wrote),
                to: Vec::new(),
            },
            None,
            wrote,
        )
        .await
        .unwrap();
        let owner = app
            .create_user(
                &system,
                UserInput {
                    name: "李娜".into(),
                    email: EmailAddress::parse("lina@agency.example").unwrap(),
                    role: Role::Agent,
                },
                start(),
            )
            .await
            .unwrap();
        let promise = |text: &str, due: Timestamp| CommitmentInput {
            client_id: client.id,
            request_id: Some(request.id),
            owner_id: Some(owner.id),
            promise: text.into(),
            due_at: due,
        };
        let kept = app
            .create_commitment(
                &system,
                promise("11月5日前发您第一版笔记文案", at("2026-11-05T10:00:00Z")),
                None,
                start(),
            )
            .await
            .unwrap()
            .value;
        app.complete_commitment(&system, kept.id, at("2026-11-05T08:00:00Z"))
            .await
            .unwrap();
        app.create_commitment(
            &system,
            promise("12月4日前完成达人名单", at("2026-12-04T10:00:00Z")),
            None,
            start(),
        )
        .await
        .unwrap();
        app.create_material(
            &system,
            MaterialInput {
                request_id: request.id,
                what: "新品的高清产品图".into(),
                due_at: Some(at("2026-11-20T10:00:00Z")),
            },
            None,
            start(),
        )
        .await
        .unwrap();

        // Friday 11-06: nothing is due yet.
        assert!(
            cadence_lines(&app, at("2026-11-06T02:00:00Z"))
                .await
                .is_empty()
        );
        // Tuesday 11-10, 11:00: the report was due Monday (five working days in), and a
        // week without contact calls for a check-in.
        let tuesday = at("2026-11-10T03:00:00Z");
        let lines = cadence_lines(&app, tuesday).await;
        assert_eq!(
            kinds(&lines),
            [AgendaKind::ProgressReportDue, AgendaKind::CheckInDue],
            "{backend:?}"
        );
        let report = &lines[0];
        assert_eq!(report.item.due_at, Some(at("2026-11-09T01:00:00Z")));
        assert_eq!(report.item.client_id, Some(client.id));
        let draft = report.draft.as_ref().unwrap();
        assert_eq!(
            (draft.language, draft.subject.as_str()),
            ("zh", "【进展同步】小红书代运营")
        );
        for part in [
            "上次同步以来已完成：\n・11月5日前发您第一版笔记文案",
            "接下来我们会推进：\n・12月4日前完成达人名单（12月4日（周五））",
            "需要您这边协助的：\n・新品的高清产品图（11月20日（周五））",
        ] {
            assert!(draft.body.contains(part), "{part}\n{}", draft.body);
        }
        let check_in = lines[1].draft.as_ref().unwrap();
        assert!(
            check_in.body.contains("“小红书代运营”"),
            "{}",
            check_in.body
        );

        // The report goes out: the next is due five working days later.
        app.report_sent(&system, engagement.id, tuesday)
            .await
            .unwrap();
        let lines = cadence_lines(&app, tuesday + 1.minutes()).await;
        assert_eq!(kinds(&lines), [AgendaKind::CheckInDue]);
        let lines = cadence_lines(&app, at("2026-11-17T02:00:00Z")).await;
        assert!(kinds(&lines).contains(&AgendaKind::ProgressReportDue));

        // Thursday 11-12: the meeting of Monday 11-16 comes up, proposed in Chinese.
        let lines = cadence_lines(&app, at("2026-11-12T02:00:00Z")).await;
        let meeting = lines
            .iter()
            .find(|l| l.item.kind == AgendaKind::MeetingDue)
            .expect("the meeting is four days away");
        assert_eq!(meeting.item.due_at, Some(at("2026-11-16T01:00:00Z")));
        let body = &meeting.draft.as_ref().unwrap().body;
        assert!(body.contains("下次例会计划在11月16日（周一）"), "{body}");
    }
}
