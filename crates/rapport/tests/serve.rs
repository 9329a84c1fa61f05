//! The `rapport` binary as a user runs it: the demo desk, shutdown, crash safety, and
//! two servers sharing one PostgreSQL database.

mod support;

use rapport_store::Backend;
use rapport_store::scratch::scratch_database_url;
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::collections::HashSet;
use support::*;

async fn get(http: &reqwest::Client, base: &str, token: &str, path: &str) -> (StatusCode, Value) {
    let response = http
        .get(format!("{base}{path}"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    (response.status(), response.json().await.unwrap())
}

#[tokio::test]
async fn the_demo_desk_serves_its_requests_behind_the_token() {
    let data = temp_dir("demo");
    let mut server = Server::start(&data, None, &["--demo"]);
    let token = std::fs::read_to_string(data.join("demo-token"))
        .unwrap()
        .trim()
        .to_owned();
    assert!(server.banner.contains(&token), "the token is printed too");
    let http = reqwest::Client::new();
    let anonymous = http
        .get(format!("{}/api/v1/requests", server.base))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);

    let (status, page) = get(&http, &server.base, &token, "/api/v1/requests?limit=200").await;
    assert_eq!(status, StatusCode::OK);
    let requests = page["items"].as_array().unwrap();
    let states: HashSet<&str> = requests
        .iter()
        .map(|r| r["state"].as_str().unwrap())
        .collect();
    for state in [
        "new",
        "clarifying",
        "in_progress",
        "waiting_on_client",
        "resolved",
        "final_sent",
        "closed",
        "reopened",
    ] {
        assert!(states.contains(state), "no demo request is {state}");
    }
    let (_, clients) = get(&http, &server.base, &token, "/api/v1/clients").await;
    let zones: HashSet<&str> = clients
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["time_zone"].as_str().unwrap())
        .collect();
    assert!(
        zones.contains("Asia/Tokyo") && zones.contains("Asia/Shanghai"),
        "{zones:?}"
    );
    for client in clients.as_array().unwrap() {
        let (_, contacts) = get(
            &http,
            &server.base,
            &token,
            &format!("/api/v1/clients/{}/contacts", client["id"]),
        )
        .await;
        assert!(
            contacts
                .as_array()
                .unwrap()
                .iter()
                .any(|c| !c["reports_to"].is_null()),
            "a boss behind the sender at {}",
            client["name"]
        );
    }
    let (_, open) = get(&http, &server.base, &token, "/api/v1/commitments").await;
    assert!(
        open.as_array()
            .unwrap()
            .iter()
            .any(|c| c["overdue"] == true),
        "the demo has an overdue promise"
    );

    // Each demo agent works the client whose requests they handle, and only that one.
    let as_agent = rapport(
        &data,
        None,
        &[
            "--json",
            "--as",
            "chen.jing@demo.rapport.example",
            "client",
            "list",
        ],
    );
    assert!(as_agent.status.success(), "{}", stderr(&as_agent));
    let theirs: Value = serde_json::from_slice(&as_agent.stdout).unwrap();
    assert_eq!(theirs.as_array().unwrap().len(), 1, "{theirs}");
    assert_eq!(theirs[0]["time_zone"], "Asia/Shanghai");

    assert!(
        server.terminate().success(),
        "SIGTERM ends the server cleanly"
    );
    // A second start keeps the data and says where the token is.
    let again = Server::start(&data, None, &["--demo"]);
    assert!(again.banner.contains("already loaded"), "{}", again.banner);
    let (_, page) = get(&http, &again.base, &token, "/api/v1/requests?limit=200").await;
    assert_eq!(page["items"].as_array().unwrap().len(), requests.len());
}

/// Creates requests from several connections until `kill_after` are acknowledged,
/// kills the server with SIGKILL mid-burst, restarts it, and checks every
/// acknowledged request is there and nothing is half-written.
async fn acknowledged_writes_survive_sigkill(backend: Backend) {
    let data = temp_dir("kill");
    let url = match backend {
        Backend::Sqlite => None,
        Backend::Postgres => Some(scratch_database_url(backend).await.unwrap()),
    };
    let token = admin_token(&data, url.as_deref());
    let mut server = Server::start(&data, url.as_deref(), &[]);
    let http = reqwest::Client::new();
    let client: Value = http
        .post(format!("{}/api/v1/clients", server.base))
        .bearer_auth(&token)
        .json(&json!({"name": "Cedar Lane Outfitters", "time_zone": "America/New_York"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let (acked_tx, mut acked_rx) = tokio::sync::mpsc::unbounded_channel::<String>();
    let mut workers = Vec::new();
    for worker in 0..8 {
        let (http, base, token, acked) = (
            http.clone(),
            server.base.clone(),
            token.clone(),
            acked_tx.clone(),
        );
        let client_id = client["id"].clone();
        workers.push(tokio::spawn(async move {
            for n in 0..2000 {
                let subject = format!("burst {worker}-{n}");
                let sent = http
                    .post(format!("{base}/api/v1/requests"))
                    .bearer_auth(&token)
                    .json(&json!({"client_id": client_id, "subject": subject}))
                    .send()
                    .await;
                match sent {
                    Ok(response) if response.status() == StatusCode::CREATED => {
                        acked.send(subject).unwrap()
                    }
                    _ => return,
                }
            }
        }));
    }
    drop(acked_tx);
    let mut acked = HashSet::new();
    while acked.len() < 300 {
        acked.insert(
            acked_rx
                .recv()
                .await
                .expect("the burst ended before 300 acknowledgements"),
        );
    }
    server.kill_hard();
    for worker in workers {
        worker.await.unwrap();
    }
    while let Ok(subject) = acked_rx.try_recv() {
        acked.insert(subject);
    }

    let server = Server::start(&data, url.as_deref(), &[]);
    // A transaction the killed server had committing may still land for a moment after
    // the restart: read both counts until they settle (they only grow to their final value).
    let mut settle = 0;
    let (stored, created_entries) = loop {
        let mut stored = HashSet::new();
        let mut cursor = String::new();
        loop {
            let (status, page) = get(
                &http,
                &server.base,
                &token,
                &format!("/api/v1/requests?limit=200{cursor}"),
            )
            .await;
            assert_eq!(status, StatusCode::OK);
            stored.extend(
                page["items"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|r| r["subject"].as_str().unwrap().to_owned()),
            );
            match page["next_cursor"].as_str() {
                Some(next) => cursor = format!("&cursor={next}"),
                None => break,
            }
        }
        // Nothing half-written: every stored request has its audit entry from the same transaction.
        let mut created_entries = 0;
        let mut cursor = String::new();
        loop {
            let (_, page) = get(
                &http,
                &server.base,
                &token,
                &format!("/api/v1/activity?subject_type=request&limit=200{cursor}"),
            )
            .await;
            created_entries += page["items"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|a| a["action"] == "created")
                .count();
            match page["next_cursor"].as_str() {
                Some(next) => cursor = format!("&cursor={next}"),
                None => break,
            }
        }

        settle += 1;
        if created_entries == stored.len() || settle == 20 {
            break (stored, created_entries);
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    };
    let lost: Vec<_> = acked.difference(&stored).collect();
    assert!(
        lost.is_empty(),
        "{backend:?}: {} acknowledged creations lost, e.g. {:?}",
        lost.len(),
        lost.first()
    );
    assert_eq!(
        created_entries,
        stored.len(),
        "{backend:?}: requests without their audit entry"
    );
}

#[tokio::test]
async fn sigkill_during_a_burst_loses_no_acknowledged_write_on_sqlite() {
    acknowledged_writes_survive_sigkill(Backend::Sqlite).await;
}

#[tokio::test]
async fn sigkill_during_a_burst_loses_no_acknowledged_write_on_postgres() {
    acknowledged_writes_survive_sigkill(Backend::Postgres).await;
}

#[tokio::test]
async fn two_servers_share_one_postgres_database() {
    let data = temp_dir("pair");
    let url = scratch_database_url(Backend::Postgres).await.unwrap();
    let token = admin_token(&data, Some(&url));
    let (a, b) = (
        Server::start(&data, Some(&url), &[]),
        Server::start(&data, Some(&url), &[]),
    );
    let http = reqwest::Client::new();
    let post = |base: String, path: &'static str, body: Value| {
        let (http, token) = (http.clone(), token.clone());
        async move {
            let response = http
                .post(format!("{base}{path}"))
                .bearer_auth(&token)
                .json(&body)
                .send()
                .await
                .unwrap();
            (response.status(), response.json::<Value>().await.unwrap())
        }
    };
    let (_, client) = post(
        a.base.clone(),
        "/api/v1/clients",
        json!({"name": "株式会社ひだまり食品", "time_zone": "Asia/Tokyo"}),
    )
    .await;
    let (_, request) = post(
        b.base.clone(),
        "/api/v1/requests",
        json!({"client_id": client["id"], "subject": "至急：価格表記の修正"}),
    )
    .await;
    let (status, seen) = get(
        &http,
        &a.base,
        &token,
        &format!("/api/v1/requests/{}", request["id"]),
    )
    .await;
    assert_eq!(
        (status, &seen["request"]["subject"]),
        (StatusCode::OK, &json!("至急：価格表記の修正"))
    );

    // The same move sent to both servers at once happens exactly once.
    let path = format!("/api/v1/requests/{}/transitions", request["id"]);
    let path: &'static str = Box::leak(path.into_boxed_str());
    let (first, second) = tokio::join!(
        post(a.base.clone(), path, json!({"to": "in_progress"})),
        post(b.base.clone(), path, json!({"to": "in_progress"}))
    );
    let statuses = [first.0, second.0];
    assert_eq!(
        statuses
            .iter()
            .filter(|s| **s == StatusCode::CREATED)
            .count(),
        1,
        "{first:?} {second:?}"
    );
    assert!(
        statuses.contains(&StatusCode::CONFLICT),
        "{first:?} {second:?}"
    );
    let (_, trail) = get(
        &http,
        &b.base,
        &token,
        &format!(
            "/api/v1/activity?subject_type=request&subject_id={}",
            request["id"]
        ),
    )
    .await;
    let moves = trail["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["action"] == "transitioned")
        .count();
    assert_eq!(moves, 1);
}
