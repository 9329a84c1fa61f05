//! A client's posture and health from its mail against its own baseline, on SQLite and
//! on PostgreSQL: incidents in the last days put a steady client in trouble, the engine
//! keeps the day's reading, and Today offers the play.

mod support;

use jiff::{Timestamp, ToSpan};
use rapport_app::*;
use rapport_domain::*;
use rapport_store::scratch::scratch_database_url;
use rapport_store::{Backend, Store};
use support::{client_input, request_input};

/// Monday 2026-12-07, 10:00 in Tokyo.
fn now() -> Timestamp {
    "2026-12-07T01:00:00Z".parse().unwrap()
}

fn message(direction: Direction, body: &str, at: Timestamp) -> MessageInput {
    MessageInput {
        direction,
        channel: Some(Channel::Email),
        author: (direction == Direction::Inbound).then(|| "小林 由美".to_owned()),
        body: body.into(),
        is_final: false,
        sent_at: Some(at),
        to: Vec::new(),
    }
}

#[tokio::test]
async fn incidents_put_a_steady_client_in_trouble_and_today_offers_the_play() {
    for backend in [Backend::Sqlite, Backend::Postgres] {
        let url = scratch_database_url(backend).await.unwrap();
        let app = App::new(Store::open(&url).await.unwrap());
        let system = Acting::system("test");
        let start = now() - (24 * 7 * 16).hours();
        let client = app
            .create_client(
                &system,
                client_input("株式会社ひだまり食品", "Asia/Tokyo", "ja"),
                None,
                start,
            )
            .await
            .unwrap()
            .value;
        // A request every week for four months, answered the next day.
        for week in (1..16).rev() {
            let at = now() - (24 * 7 * week).hours();
            let input = RequestInput {
                received_at: Some(at),
                ..request_input(client.id, None, &format!("バナー制作 第{week}週"))
            };
            let request = app
                .create_request(&system, input, None, at)
                .await
                .unwrap()
                .value;
            let ask = message(
                Direction::Inbound,
                "いつもお世話になっております。来月のバナーをお願いできますでしょうか。",
                at,
            );
            app.add_message(&system, request.id, ask, None, at)
                .await
                .unwrap();
            let answer = message(Direction::Outbound, "承知いたしました。", at + 24.hours());
            app.add_message(&system, request.id, answer, None, at + 24.hours())
                .await
                .unwrap();
        }
        let standing = app
            .client_standing(&system, client.id, now())
            .await
            .unwrap();
        assert_eq!(
            standing.posture.posture,
            Posture::Steady,
            "{backend:?}: {standing:?}"
        );
        assert_eq!(standing.health.score, 100, "{standing:?}");

        // This week the site broke, twice.
        let down = now() - 48.hours();
        let input = RequestInput {
            received_at: Some(down),
            ..request_input(client.id, None, "本番サイトの障害")
        };
        let request = app
            .create_request(&system, input, None, down)
            .await
            .unwrap()
            .value;
        for (hours, body) in [
            (
                0,
                "本番サイトが今朝から表示されません。至急確認していただけますか。",
            ),
            (
                20,
                "またエラーが出て注文が入りません。昨日もお伝えしましたよね？どうなっているのでしょうか。",
            ),
        ] {
            let at = down + hours.hours();
            app.add_message(
                &system,
                request.id,
                message(Direction::Inbound, body, at),
                None,
                at,
            )
            .await
            .unwrap();
        }
        let standing = app
            .client_standing(&system, client.id, now())
            .await
            .unwrap();
        assert_eq!(standing.posture.posture, Posture::InTrouble, "{standing:?}");
        assert!(
            standing.posture.reasons[0]
                .to_string()
                .starts_with("2 incident or complaint message(s)"),
            "{standing:?}"
        );

        // The engine keeps the day's reading; Today offers the play for the client.
        app.run_due_jobs(&system, Some(now())).await.unwrap();
        let standing = app
            .client_standing(&system, client.id, now())
            .await
            .unwrap();
        assert_eq!(standing.history.len(), 1);
        assert_eq!(standing.history[0].day, "2026-12-07");
        let today = app.today(&system, None, now()).await.unwrap();
        let play = today
            .iter()
            .find(|l| l.item.kind == AgendaKind::PosturePlay)
            .expect("a play for the client in trouble");
        assert_eq!(play.item.client_id, Some(client.id));
        let reason = play.reason.as_deref().unwrap();
        assert!(
            reason.starts_with("in_trouble: 2 incident") && reason.contains("Mobilise to help"),
            "{reason}"
        );
    }
}
