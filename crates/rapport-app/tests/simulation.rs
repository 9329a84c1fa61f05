//! Ninety days of a desk with three clients (Japanese, Chinese, English), played on
//! SQLite with a fixed clock: requests arrive, are answered, resolved and closed on each
//! client's rhythm, over Japan's and China's holidays and China's working Sundays; the
//! proactive engine runs every few hours. On chosen days Today and each client's posture
//! and health say what a person would expect, and nothing ever reaches anyone at night.

mod support;

use jiff::civil::{Time, date};
use jiff::{Timestamp, ToSpan};
use rapport_app::*;
use rapport_domain::*;
use rapport_store::scratch::scratch_database_url;
use rapport_store::{Backend, Store};
use support::client_input;

struct Client3 {
    client: Client,
    agent: User,
    engagement: Engagement,
    author: &'static str,
}

struct Desk {
    app: App,
    system: Acting,
    manager: User,
    ja: Client3,
    zh: Client3,
    en: Client3,
}

async fn setup() -> Desk {
    let url = scratch_database_url(Backend::Sqlite).await.unwrap();
    let app = App::new(Store::open(&url).await.unwrap());
    let system = Acting::system("simulation");
    let start: Timestamp = "2026-08-31T00:00:00Z".parse().unwrap();
    app.create_sla_policy(
        &system,
        SlaPolicyInput {
            name: "Standard".into(),
            first_response_minutes: 240,
            next_response_minutes: 540,
            resolution_minutes: 5 * 540,
            warn_at_percent: None,
        },
        start,
    )
    .await
    .unwrap();
    let user = |name: &str, email: &str, role: Role| {
        let app = app.clone();
        let input = UserInput {
            name: name.into(),
            email: EmailAddress::parse(email).unwrap(),
            role,
        };
        async move {
            app.create_user(&Acting::system("simulation"), input, start)
                .await
                .unwrap()
        }
    };
    let manager = user("佐藤 美咲", "sato@agency.example", Role::Manager).await;
    let mut three = Vec::new();
    for (name, zone, language, agent, email, author) in [
        (
            "株式会社ひだまり食品",
            "Asia/Tokyo",
            "ja",
            "田中 健",
            "tanaka@agency.example",
            "小林 由美",
        ),
        (
            "悦澜化妆品",
            "Asia/Shanghai",
            "zh-Hans",
            "李娜",
            "lina@agency.example",
            "王经理",
        ),
        (
            "Northgate Media",
            "Europe/London",
            "en",
            "Sam Reed",
            "sam@agency.example",
            "Olivia Grant",
        ),
    ] {
        let agent = user(agent, email, Role::Agent).await;
        let agent = app
            .set_user_work(
                &system,
                agent.id,
                Some(TimeZoneName::parse(zone).unwrap()),
                Some(manager.id),
                start,
            )
            .await
            .unwrap();
        let client = app
            .create_client(&system, client_input(name, zone, language), None, start)
            .await
            .unwrap()
            .value;
        for member in [&manager, &agent] {
            app.add_client_member(&system, client.id, member.id, start)
                .await
                .unwrap();
        }
        let engagement = app
            .create_engagement(
                &system,
                EngagementInput {
                    client_id: client.id,
                    name: format!("{name} retainer"),
                    scope_included: Vec::new(),
                    scope_excluded: Vec::new(),
                    extra_rate: None,
                    hour_budget: None,
                    sla_policy_id: Some("Standard".into()),
                    auto_close_after_days: Some(3),
                    working_hours: None,
                    cadence: Cadence {
                        report_every_days: Some(5),
                        check_in_after_days: Some(14),
                        meeting_every_weeks: None,
                    },
                },
                None,
                start,
            )
            .await
            .unwrap()
            .value;
        three.push(Client3 {
            client,
            agent,
            engagement,
            author,
        });
    }
    let en = three.pop().unwrap();
    let zh = three.pop().unwrap();
    let ja = three.pop().unwrap();
    Desk {
        app,
        system,
        manager,
        ja,
        zh,
        en,
    }
}

/// `hour`:00 on `day` in the client's zone.
fn local(c: &Client3, day: jiff::civil::Date, hour: i8) -> Timestamp {
    day.to_datetime(Time::constant(hour, 0, 0, 0))
        .to_zoned_datetime(c.client.time_zone.zone())
        .unwrap()
        .timestamp()
}

/// One request from the client: asked at 10:00, answered at 11:00 (unless `unanswered`),
/// resolved and given its final communication two working days later at 16:00.
async fn one_request(
    d: &Desk,
    c: &Client3,
    day: jiff::civil::Date,
    body: &str,
    unanswered: bool,
) -> RequestId {
    let asked = local(c, day, 10);
    let request = d
        .app
        .create_request(
            &d.system,
            RequestInput {
                client_id: c.client.id,
                engagement_id: Some(c.engagement.id),
                subject: body.chars().take(20).collect(),
                assignee_id: Some(c.agent.id),
                due_at: None,
                received_at: Some(asked),
            },
            None,
            asked,
        )
        .await
        .unwrap()
        .value;
    let message = |direction, body: &str, at, is_final| MessageInput {
        direction,
        channel: Some(Channel::Email),
        author: (direction == Direction::Inbound).then(|| c.author.to_owned()),
        body: body.into(),
        is_final,
        sent_at: Some(at),
        to: Vec::new(),
    };
    d.app
        .add_message(
            &d.system,
            request.id,
            message(Direction::Inbound, body, asked, false),
            None,
            asked,
        )
        .await
        .unwrap();
    if unanswered {
        return request.id;
    }
    let agent = Acting::user(&c.agent);
    let answered = asked + 1.hours();
    d.app
        .add_message(
            &agent,
            request.id,
            message(Direction::Outbound, "OK.", answered, false),
            None,
            answered,
        )
        .await
        .unwrap();
    let calendar = c.client.calendar.calendar();
    let done_day = calendar.nth_business_day_after(day, 2);
    let done = local(c, done_day, 16);
    for to in [RequestState::InProgress, RequestState::Resolved] {
        let input = TransitionInput {
            to,
            skip_final_reason: None,
        };
        d.app
            .transition_request(&agent, request.id, input, None, done)
            .await
            .unwrap();
    }
    d.app
        .add_message(
            &agent,
            request.id,
            message(Direction::Outbound, "完了しました。Done.", done, true),
            None,
            done,
        )
        .await
        .unwrap();
    request.id
}

#[tokio::test]
async fn ninety_days_of_three_clients() {
    let d = setup().await;
    let first = date(2026, 9, 1);
    let mut unanswered = None;
    let mut checked = Vec::new();
    for offset in 0..90 {
        let day = first.checked_add(offset.days()).unwrap();
        // Requests arrive on each client's working days (China's 调休 Sundays included).
        let ja_works = d.ja.client.calendar.calendar().is_business_day(day);
        let zh_works = d.zh.client.calendar.calendar().is_business_day(day);
        let en_works = d.en.client.calendar.calendar().is_business_day(day);
        // Japan: one request a week, on Mondays.
        if ja_works && day.weekday() == jiff::civil::Weekday::Monday {
            one_request(
                &d,
                &d.ja,
                day,
                "来月のバナーを作成していただけますでしょうか。",
                false,
            )
            .await;
        }
        // A Japanese request in November that nobody answers.
        if day == date(2026, 11, 10) {
            unanswered =
                Some(one_request(&d, &d.ja, day, "至急、価格表の修正をお願いします。", true).await);
        }
        // China: weekly, then every working day (urgent) in the two weeks before 双十一.
        let rush = day >= date(2026, 10, 26) && day <= date(2026, 11, 8);
        if zh_works && (rush || day.weekday() == jiff::civil::Weekday::Wednesday) {
            let body = if rush {
                "双十一主图今天必须上线，辛苦尽快处理！"
            } else {
                "麻烦更新一下下周的笔记排期。"
            };
            one_request(&d, &d.zh, day, body, false).await;
        }
        // The English client writes every Tuesday until the end of September, then stops.
        if en_works && day.weekday() == jiff::civil::Weekday::Tuesday && day < date(2026, 10, 1) {
            one_request(
                &d,
                &d.en,
                day,
                "Could you refresh the landing page copy for next week?",
                false,
            )
            .await;
        }
        // The engine runs four times a day.
        for hour in [1, 7, 13, 19] {
            let at = day
                .to_datetime(Time::constant(hour, 0, 0, 0))
                .to_zoned_datetime(jiff::tz::TimeZone::UTC)
                .unwrap()
                .timestamp();
            let round = d.app.run_due_jobs(&d.system, Some(at)).await.unwrap();
            assert!(round.failed.is_empty(), "{day} {hour}h: {round:?}");
        }
        let evening = day
            .to_datetime(Time::constant(20, 0, 0, 0))
            .to_zoned_datetime(jiff::tz::TimeZone::UTC)
            .unwrap()
            .timestamp();
        // Chosen days.
        if day == date(2026, 11, 6) {
            // China's rush: pushing, and Today offers the play.
            let zh = d
                .app
                .client_standing(&d.system, d.zh.client.id, evening)
                .await
                .unwrap();
            assert_eq!(zh.posture.posture, Posture::Pushing, "{zh:?}");
            let today = d
                .app
                .today(&Acting::user(&d.zh.agent), None, evening)
                .await
                .unwrap();
            assert!(
                today.iter().any(|l| l.item.kind == AgendaKind::PosturePlay
                    && l.item.client_id == Some(d.zh.client.id)),
                "{today:?}"
            );
            checked.push("zh pushing");
        }
        if day == date(2026, 11, 3) {
            // The English client has been silent for five weeks: quiet, its health down
            // for the silence, and a check-in due with its draft.
            let en = d
                .app
                .client_standing(&d.system, d.en.client.id, evening)
                .await
                .unwrap();
            assert_eq!(en.posture.posture, Posture::Quiet, "{en:?}");
            assert!(en.health.score < 100, "{en:?}");
            assert!(
                en.health
                    .reasons
                    .iter()
                    .any(|r| r.why.starts_with("no message from the client")),
                "{en:?}"
            );
            let today = d
                .app
                .today(&Acting::user(&d.en.agent), None, evening)
                .await
                .unwrap();
            let check_in = today
                .iter()
                .find(|l| l.item.kind == AgendaKind::CheckInDue)
                .expect("a check-in for the silent client");
            assert_eq!(check_in.draft.as_ref().unwrap().language, "en");
            // The Japanese client, answered within the day all along, is steady and whole.
            let ja = d
                .app
                .client_standing(&d.system, d.ja.client.id, evening)
                .await
                .unwrap();
            assert_eq!(
                (ja.posture.posture, ja.health.score),
                (Posture::Steady, 100),
                "{ja:?}"
            );
            checked.push("en quiet, ja steady");
        }
        if day == date(2026, 11, 11) {
            // The unanswered Japanese request broke its first-response target: on the
            // agent's Today, and the client's health pays for it.
            let today = d
                .app
                .today(&Acting::user(&d.ja.agent), Some(d.ja.agent.id), evening)
                .await
                .unwrap();
            assert!(
                today
                    .iter()
                    .any(|l| l.item.kind == AgendaKind::SlaBreached
                        && l.item.request_id == unanswered),
                "{today:?}"
            );
            let ja = d
                .app
                .client_standing(&d.system, d.ja.client.id, evening)
                .await
                .unwrap();
            assert!(ja.health.score <= 90, "{ja:?}");
            checked.push("ja breach");
        }
    }
    assert_eq!(checked, ["en quiet, ja steady", "zh pushing", "ja breach"]);

    // Every request whose final communication went unanswered was closed by the rule.
    let closed = d
        .app
        .list_requests(
            &d.system,
            RequestQuery {
                state: Some(RequestState::Closed),
                limit: 500,
                ..RequestQuery::default()
            },
        )
        .await
        .unwrap();
    assert!(closed.len() > 30, "{}", closed.len());
    // Each client has a reading for every day of the play.
    for c in [&d.ja, &d.zh, &d.en] {
        let history = d
            .app
            .client_standing(
                &d.system,
                c.client.id,
                "2026-11-30T20:00:00Z".parse().unwrap(),
            )
            .await
            .unwrap()
            .history;
        assert_eq!(history.len(), 90, "{}", c.client.name);
    }
    // Nothing reached anyone outside their working hours or on their days off.
    for person in [&d.manager, &d.ja.agent, &d.zh.agent, &d.en.agent] {
        let told = d
            .app
            .list_notifications(
                &Acting::user(person),
                None,
                false,
                "2026-12-31T00:00:00Z".parse().unwrap(),
            )
            .await
            .unwrap();
        let zone = person
            .time_zone
            .clone()
            .map_or(jiff::tz::TimeZone::UTC, |z| z.zone());
        let calendar = person
            .time_zone
            .as_ref()
            .map_or(CalendarId::WeekendsOnly, |z| {
                CalendarId::choose(z, None).unwrap()
            })
            .calendar();
        for n in &told {
            if person.time_zone.is_none() {
                continue;
            }
            let at = n.deliver_at.to_zoned_datetime(zone.clone());
            assert!(
                calendar.is_business_day(at.date()),
                "{} on a day off: {n:?}",
                person.name
            );
            assert!(
                at.time() >= calendar.day_start && at.time() < calendar.day_end,
                "{} outside working hours: {n:?}",
                person.name
            );
        }
        if person.id == d.ja.agent.id {
            assert!(
                told.iter().any(|n| n.kind == NotificationKind::SlaBreached),
                "{told:?}"
            );
        }
    }
}
