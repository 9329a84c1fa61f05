//! A request's SLA clocks under its engagement's policy, on SQLite and on PostgreSQL: the
//! events come from the thread and the audit trail, waiting on the client pauses them.

mod support;

use jiff::{Timestamp, ToSpan};
use rapport_app::*;
use rapport_domain::*;
use rapport_store::scratch::scratch_database_url;
use rapport_store::{Backend, Store};
use support::{client_input, request_input};

/// Tuesday 2026-11-24, 09:00 in Shanghai.
fn t0() -> Timestamp {
    "2026-11-24T01:00:00Z".parse().unwrap()
}

#[tokio::test]
async fn waiting_on_the_client_stops_the_clocks_and_credits_the_time_back() {
    for backend in [Backend::Sqlite, Backend::Postgres] {
        let url = scratch_database_url(backend).await.unwrap();
        let app = App::new(Store::open(&url).await.unwrap());
        let system = Acting::system("test");
        let hours = |h: i64| h * 60;
        app.create_sla_policy(
            &system,
            SlaPolicyInput {
                name: "Standard".into(),
                first_response_minutes: hours(4),
                next_response_minutes: hours(8),
                resolution_minutes: hours(27),
                warn_at_percent: None,
            },
            t0(),
        )
        .await
        .unwrap();
        let client = app
            .create_client(
                &system,
                client_input("悦澜化妆品", "Asia/Shanghai", "zh-Hans"),
                None,
                t0(),
            )
            .await
            .unwrap()
            .value;
        let engagement = app
            .create_engagement(
                &system,
                EngagementInput {
                    client_id: client.id,
                    name: "官网运维".into(),
                    scope_included: Vec::new(),
                    scope_excluded: Vec::new(),
                    extra_rate: None,
                    hour_budget: None,
                    sla_policy_id: Some("Standard".into()),
                    auto_close_after_days: None,
                    working_hours: None,
                    cadence: Cadence::default(),
                },
                None,
                t0(),
            )
            .await
            .unwrap()
            .value;
        // An engagement cannot name a policy that does not exist.
        let unknown = app
            .create_engagement(
                &system,
                EngagementInput {
                    client_id: client.id,
                    name: "広告運用".into(),
                    scope_included: Vec::new(),
                    scope_excluded: Vec::new(),
                    extra_rate: None,
                    hour_budget: None,
                    sla_policy_id: Some("Gold".into()),
                    auto_close_after_days: None,
                    working_hours: None,
                    cadence: Cadence::default(),
                },
                None,
                t0(),
            )
            .await;
        assert!(
            matches!(&unknown, Err(AppError::Invalid { field, .. }) if field == "sla_policy_id"),
            "{unknown:?}"
        );
        let request = app
            .create_request(
                &system,
                request_input(client.id, Some(engagement.id), "首页打不开"),
                None,
                t0(),
            )
            .await
            .unwrap()
            .value;
        let shanghai = |local: &str| {
            local
                .parse::<jiff::civil::DateTime>()
                .unwrap()
                .to_zoned_datetime(jiff::tz::TimeZone::get("Asia/Shanghai").unwrap())
                .unwrap()
                .timestamp()
        };
        let sla = app
            .request_sla(&system, request.id, t0())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            sla.resolution_due,
            Some(shanghai("2026-11-26T18:00")),
            "{backend:?}"
        );
        // We ask the client something at 10:00 and wait a working day (9 hours).
        let to = |state| TransitionInput {
            to: state,
            skip_final_reason: None,
        };
        let asked = t0() + 1.hours();
        app.transition_request(
            &system,
            request.id,
            to(RequestState::Clarifying),
            None,
            asked,
        )
        .await
        .unwrap();
        let sla = app
            .request_sla(&system, request.id, asked + 2.hours())
            .await
            .unwrap()
            .unwrap();
        assert!(
            sla.paused && sla.resolution_due.is_none(),
            "{backend:?}: {sla:?}"
        );
        let answered = asked + 24.hours();
        app.transition_request(
            &system,
            request.id,
            to(RequestState::InProgress),
            None,
            answered,
        )
        .await
        .unwrap();
        let sla = app
            .request_sla(&system, request.id, answered)
            .await
            .unwrap()
            .unwrap();
        assert!(!sla.paused);
        assert_eq!(
            sla.resolution_due,
            Some(shanghai("2026-11-27T18:00")),
            "{backend:?}"
        );
        // A request without a policy has no clocks.
        let plain = app
            .create_request(&system, request_input(client.id, None, "发票"), None, t0())
            .await
            .unwrap()
            .value;
        assert!(
            app.request_sla(&system, plain.id, t0())
                .await
                .unwrap()
                .is_none()
        );
    }
}
