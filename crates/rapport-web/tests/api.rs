//! The HTTP API end to end: a real server on a random port, a fresh database per test,
//! every test run on SQLite and on PostgreSQL.

use jiff::Timestamp;
use rapport_app::{Acting, App, UserInput};
use rapport_domain::{Clock, EmailAddress, Role, TokenId};
use rapport_store::scratch::scratch_database_url;
use rapport_store::{Backend, Store};
use rapport_web::AppState;
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::sync::{Arc, Mutex};

/// A clock the test sets by hand.
struct TestClock(Mutex<Timestamp>);

impl Clock for TestClock {
    fn now(&self) -> Timestamp {
        *self.0.lock().unwrap()
    }
}

struct TestApp {
    base: String,
    token: String,
    http: reqwest::Client,
    backend: Backend,
    app: App,
}

fn t0() -> Timestamp {
    "2026-11-24T01:00:00Z".parse().unwrap()
}

/// A new user with one API token: the token's text and id.
async fn user_with_token(
    app: &App,
    name: &str,
    email: &str,
    role: Role,
    label: &str,
) -> (String, TokenId) {
    let system = Acting::system("test");
    let input = UserInput {
        name: name.into(),
        email: EmailAddress::parse(email).unwrap(),
        role,
    };
    let user = app.create_user(&system, input, t0()).await.unwrap();
    let issued = app
        .issue_token(&system, user.id, label, t0())
        .await
        .unwrap();
    (issued.token, issued.id)
}

impl TestApp {
    async fn spawn(backend: Backend) -> Self {
        let url = scratch_database_url(backend).await.unwrap();
        let mail_folder = std::env::temp_dir().join(format!(
            "rapport-api-mail-{}-{}",
            std::process::id(),
            url.rsplit('/').nth(1).unwrap_or("db")
        ));
        let app = App::new(Store::open(&url).await.unwrap())
            .with_mail(rapport_app::MailSettings {
                blobs: rapport_mail::Blobs::new(mail_folder),
                limits: rapport_mail::Limits::default(),
                outgoing: None,
                ca_file: None,
            })
            .with_sealing_key(rapport_app::SealingKey::generate().unwrap());
        let (token, _) =
            user_with_token(&app, "Admin", "admin@example.com", Role::Admin, "test").await;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let state = AppState::new(app.clone(), Arc::new(TestClock(Mutex::new(t0()))));
        tokio::spawn(rapport_web::serve(listener, state, std::future::pending()));
        Self {
            base,
            token,
            http: reqwest::Client::new(),
            backend,
            app,
        }
    }

    /// A request to `path` with the admin's token.
    fn request(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        self.http
            .request(method, format!("{}{path}", self.base))
            .bearer_auth(&self.token)
    }

    async fn get(&self, path: &str) -> (StatusCode, Value) {
        let response = self
            .request(reqwest::Method::GET, path)
            .send()
            .await
            .unwrap();
        (
            response.status(),
            response.json().await.unwrap_or(Value::Null),
        )
    }

    async fn delete(&self, path: &str) -> StatusCode {
        let response = self.request(reqwest::Method::DELETE, path).send().await;
        response.unwrap().status()
    }

    async fn put(&self, path: &str, body: Value) -> (StatusCode, Value) {
        let response = self
            .request(reqwest::Method::PUT, path)
            .header("content-type", "application/json")
            .body(body.to_string())
            .send()
            .await
            .unwrap();
        (
            response.status(),
            response.json().await.unwrap_or(Value::Null),
        )
    }

    async fn post(&self, path: &str, body: Value) -> (StatusCode, Value) {
        self.post_raw(path, body.to_string(), None).await
    }

    async fn post_raw(&self, path: &str, body: String, key: Option<&str>) -> (StatusCode, Value) {
        let mut request = self
            .request(reqwest::Method::POST, path)
            .header("content-type", "application/json")
            .body(body);
        if let Some(key) = key {
            request = request.header("idempotency-key", key);
        }
        let response = request.send().await.unwrap();
        (
            response.status(),
            response.json().await.unwrap_or(Value::Null),
        )
    }

    /// Everything a refused request must leave untouched.
    async fn snapshot(&self) -> Value {
        json!({
            "clients": self.get("/api/v1/clients").await.1,
            "requests": self.get("/api/v1/requests?limit=200").await.1,
            "activity": self.get("/api/v1/activity?limit=200").await.1,
        })
    }

    async fn client_with_request(&self) -> (i64, i64) {
        let (status, client) = self
            .post("/api/v1/clients", json!({"name": "悦澜(上海)化妆品有限公司", "time_zone": "Asia/Shanghai", "languages": ["zh-Hans"]}))
            .await;
        assert_eq!(status, StatusCode::CREATED, "{client}");
        let client_id = client["id"].as_i64().unwrap();
        let (status, request) = self
            .post(
                "/api/v1/requests",
                json!({"client_id": client_id, "subject": "双十二小红书投放方案"}),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{request}");
        (client_id, request["id"].as_i64().unwrap())
    }
}

macro_rules! on_every_backend {
    (|$app:ident| $body:block) => {
        for backend in [Backend::Sqlite, Backend::Postgres] {
            let $app = TestApp::spawn(backend).await;
            $body
        }
    };
}

fn error_code(body: &Value) -> &str {
    body["error"]["code"].as_str().unwrap_or("<no error code>")
}

#[tokio::test]
async fn nothing_but_health_answers_without_a_token() {
    on_every_backend!(|app| {
        let anonymous = reqwest::Client::new();
        for path in [
            "/api/v1/requests",
            "/api/v1/clients",
            "/api/v1/openapi.json",
            "/api/v1/today",
            "/api/v1/materials",
            "/api/v1/nothing",
        ] {
            let response = anonymous
                .get(format!("{}{path}", app.base))
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "{path}");
            assert_eq!(response.headers()["www-authenticate"], "Bearer");
            let body: Value = response.json().await.unwrap();
            assert_eq!(error_code(&body), "unauthorized");
        }
        let wrong = anonymous
            .get(format!("{}/api/v1/requests", app.base))
            .bearer_auth("rpt_0000")
            .send()
            .await
            .unwrap();
        assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
        for path in ["/healthz", "/readyz"] {
            assert_eq!(
                anonymous
                    .get(format!("{}{path}", app.base))
                    .send()
                    .await
                    .unwrap()
                    .status(),
                StatusCode::OK,
                "{path}"
            );
        }
        let ready: Value = anonymous
            .get(format!("{}/readyz", app.base))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(ready["database"], app.backend.as_str());
    });
}

#[tokio::test]
async fn a_request_goes_from_intake_to_closing_with_its_final_communication() {
    on_every_backend!(|app| {
        let (client_id, id) = app.client_with_request().await;
        let (status, client) = app.get(&format!("/api/v1/clients/{client_id}")).await;
        assert_eq!(
            (status, client["calendar"].as_str()),
            (StatusCode::OK, Some("cn")),
            "calendar follows the zone"
        );
        let (status, boss) = app
            .post(
                &format!("/api/v1/clients/{client_id}/contacts"),
                json!({"name": "王志强", "email": "wang@yuelan.example.cn", "role": "市场总监"}),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{boss}");
        let (status, sender) = app
            .post(
                &format!("/api/v1/clients/{client_id}/contacts"),
                json!({"name": "林悦", "email": "lin@yuelan.example.cn", "role": "市场专员", "reports_to": boss["id"]}),
            )
            .await;
        assert_eq!(
            (status, &sender["reports_to"]),
            (StatusCode::CREATED, &boss["id"])
        );

        let path = format!("/api/v1/requests/{id}");
        let inbound = json!({"direction": "inbound", "author": "林悦", "channel": "email", "body": "您好！我们总监要求下周五前给出方案，麻烦尽快。"});
        let (status, added) = app.post(&format!("{path}/messages"), inbound).await;
        assert_eq!(
            (status, added["request"]["state"].as_str()),
            (StatusCode::CREATED, Some("new")),
            "{added}"
        );
        for to in ["in_progress", "resolved"] {
            let (status, body) = app
                .post(&format!("{path}/transitions"), json!({"to": to}))
                .await;
            assert_eq!(
                (status, body["state"].as_str()),
                (StatusCode::CREATED, Some(to)),
                "{body}"
            );
        }
        let (status, refused) = app
            .post(&format!("{path}/transitions"), json!({"to": "closed"}))
            .await;
        assert_eq!(
            (status, error_code(&refused)),
            (StatusCode::CONFLICT, "final_communication_missing")
        );

        let final_reply = json!({"direction": "outbound", "final": true, "body": "林经理您好，方案已定稿并发送。请问是否满意？如无问题我们将关闭此工单。"});
        let (status, added) = app.post(&format!("{path}/messages"), final_reply).await;
        assert_eq!(
            (status, added["request"]["state"].as_str()),
            (StatusCode::CREATED, Some("final_sent")),
            "{added}"
        );
        assert_eq!(added["message"]["author"], "Admin");
        let (status, closed) = app
            .post(&format!("{path}/transitions"), json!({"to": "closed"}))
            .await;
        assert_eq!(
            (status, closed["state"].as_str()),
            (StatusCode::CREATED, Some("closed"))
        );

        let (status, thread) = app.get(&path).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(thread["messages"].as_array().unwrap().len(), 2);
        assert_eq!(thread["messages"][1]["final"], true);
        let (_, trail) = app
            .get(&format!(
                "/api/v1/activity?subject_type=request&subject_id={id}"
            ))
            .await;
        let actions: Vec<_> = trail["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| (a["after"].clone(), a["actor_name"].clone()))
            .collect();
        assert_eq!(actions[0], (json!("closed"), json!("Admin")));
        assert_eq!(
            actions.len(),
            5,
            "created + in_progress + resolved + final_sent + closed: {trail}"
        );
    });
}

#[tokio::test]
async fn bad_input_gets_a_precise_error_and_changes_nothing() {
    on_every_backend!(|app| {
        let (client_id, id) = app.client_with_request().await;
        let before = app.snapshot().await;
        let cases: Vec<(String, String, StatusCode, &str, Option<&str>)> = vec![
            (
                "/api/v1/clients".to_owned(),
                "{\"name\": \"x\",".into(),
                StatusCode::BAD_REQUEST,
                "invalid_json",
                None,
            ),
            (
                "/api/v1/clients".to_owned(),
                "".into(),
                StatusCode::BAD_REQUEST,
                "invalid_json",
                None,
            ),
            (
                "/api/v1/clients".to_owned(),
                json!({"name": "x", "time_zone": "Asia/Tokio"}).to_string(),
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_field",
                Some("time_zone"),
            ),
            (
                "/api/v1/clients".to_owned(),
                json!({"name": "x", "time_zone": "UTC", "languages": ["ja", "日本語"]}).to_string(),
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_field",
                Some("languages[1]"),
            ),
            (
                "/api/v1/clients".to_owned(),
                json!({"name": "  ", "time_zone": "UTC"}).to_string(),
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_field",
                Some("name"),
            ),
            (
                "/api/v1/clients".to_owned(),
                json!({"time_zone": "UTC"}).to_string(),
                StatusCode::UNPROCESSABLE_ENTITY,
                "missing_field",
                Some("name"),
            ),
            (
                "/api/v1/requests".to_owned(),
                json!({"client_id": "one", "subject": "x"}).to_string(),
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_field",
                Some("client_id"),
            ),
            (
                "/api/v1/requests".to_owned(),
                json!({"client_id": 999, "subject": "x"}).to_string(),
                StatusCode::UNPROCESSABLE_ENTITY,
                "unknown_reference",
                Some("client_id"),
            ),
            (
                "/api/v1/requests".to_owned(),
                json!({"client_id": client_id, "subject": "x", "due_at": "next friday"})
                    .to_string(),
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_field",
                Some("due_at"),
            ),
            (
                "/api/v1/requests".to_owned(),
                json!({"client_id": client_id, "subject": "x", "sujbect": "x"}).to_string(),
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_field",
                Some("sujbect"),
            ),
            (
                "/api/v1/requests/999/transitions".to_owned(),
                json!({"to": "in_progress"}).to_string(),
                StatusCode::NOT_FOUND,
                "not_found",
                None,
            ),
            (
                format!("/api/v1/requests/{id}/transitions"),
                json!({"to": "closed"}).to_string(),
                StatusCode::CONFLICT,
                "final_communication_missing",
                Some("to"),
            ),
            (
                format!("/api/v1/requests/{id}/transitions"),
                json!({"to": "resolved"}).to_string(),
                StatusCode::CONFLICT,
                "transition_not_allowed",
                Some("to"),
            ),
            (
                format!("/api/v1/requests/{id}/transitions"),
                json!({"to": "done"}).to_string(),
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_field",
                Some("to"),
            ),
            (
                format!("/api/v1/requests/{id}/messages"),
                json!({"direction": "inbound", "body": "hi"}).to_string(),
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_field",
                Some("author"),
            ),
            (
                format!("/api/v1/requests/{id}/messages"),
                json!({"direction": "note", "body": "x", "final": true}).to_string(),
                StatusCode::CONFLICT,
                "final_must_be_outbound",
                Some("final"),
            ),
            (
                format!("/api/v1/clients/{client_id}/contacts"),
                json!({"name": "x", "email": "not-an-address"}).to_string(),
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_field",
                Some("email"),
            ),
            (
                format!("/api/v1/clients/{client_id}/contacts"),
                json!({"name": "x", "email": "x@y.cn", "reports_to": 999}).to_string(),
                StatusCode::UNPROCESSABLE_ENTITY,
                "unknown_reference",
                Some("reports_to"),
            ),
        ];
        for (path, body, status, code, field) in cases {
            let (got_status, got) = app.post_raw(&path, body.clone(), None).await;
            assert_eq!(
                (got_status, error_code(&got)),
                (status, code),
                "{path} {body}: {got}"
            );
            assert_eq!(
                got["error"]["field"].as_str(),
                field,
                "{path} {body}: {got}"
            );
            assert!(!got["error"]["message"].as_str().unwrap().is_empty());
        }
        let (status, body) = app.get("/api/v1/requests?state=done").await;
        assert_eq!(
            (status, body["error"]["field"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("state"))
        );
        let (status, _) = app.get("/api/v1/requests?limit=0").await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        let (status, _) = app.get("/api/v1/requests?client=abc").await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert_eq!(
            app.snapshot().await,
            before,
            "a refused request changed the database"
        );
    });
}

#[tokio::test]
async fn wrong_media_type_and_oversized_bodies_are_refused() {
    on_every_backend!(|app| {
        let response = app
            .request(reqwest::Method::POST, "/api/v1/clients")
            .body(json!({"name": "x", "time_zone": "UTC"}).to_string())
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
        let huge = json!({"name": "x".repeat(3 * 1024 * 1024), "time_zone": "UTC"}).to_string();
        let (status, body) = app.post_raw("/api/v1/clients", huge, None).await;
        assert_eq!(
            (status, error_code(&body)),
            (StatusCode::PAYLOAD_TOO_LARGE, "unreadable_body")
        );
        assert_eq!(app.get("/api/v1/clients").await.1, json!([]));
    });
}

#[tokio::test]
async fn an_idempotency_key_makes_a_retry_safe() {
    on_every_backend!(|app| {
        let (client_id, _) = app.client_with_request().await;
        let body = json!({"client_id": client_id, "subject": "請盡快回覆報價"}).to_string();
        let (first_status, first) = app
            .post_raw("/api/v1/requests", body.clone(), Some("k-1"))
            .await;
        let (again_status, again) = app
            .post_raw("/api/v1/requests", body.clone(), Some("k-1"))
            .await;
        assert_eq!(
            (first_status, again_status),
            (StatusCode::CREATED, StatusCode::CREATED)
        );
        assert_eq!(first, again);
        let (_, list) = app.get("/api/v1/requests").await;
        assert_eq!(
            list["items"].as_array().unwrap().len(),
            2,
            "one created by the helper, one by the key"
        );
        let other = json!({"client_id": client_id, "subject": "another"}).to_string();
        let (status, error) = app.post_raw("/api/v1/requests", other, Some("k-1")).await;
        assert_eq!(
            (status, error_code(&error)),
            (StatusCode::UNPROCESSABLE_ENTITY, "idempotency_key_reused")
        );
    });
}

#[tokio::test]
async fn lists_page_with_a_cursor() {
    on_every_backend!(|app| {
        let (client_id, first_id) = app.client_with_request().await;
        for n in 0..4 {
            app.post(
                "/api/v1/requests",
                json!({"client_id": client_id, "subject": format!("r{n}")}),
            )
            .await;
        }
        let (_, page1) = app.get("/api/v1/requests?limit=2").await;
        let cursor = page1["next_cursor"].as_str().unwrap().to_owned();
        let (_, page2) = app
            .get(&format!("/api/v1/requests?limit=2&cursor={cursor}"))
            .await;
        let (_, page3) = app
            .get(&format!(
                "/api/v1/requests?limit=2&cursor={}",
                page2["next_cursor"].as_str().unwrap()
            ))
            .await;
        let ids: Vec<i64> = [&page1, &page2, &page3]
            .iter()
            .flat_map(|p| {
                p["items"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|r| r["id"].as_i64().unwrap())
            })
            .collect();
        assert_eq!(ids.len(), 5);
        assert!(
            ids.windows(2).all(|w| w[0] > w[1]),
            "newest first without repeats: {ids:?}"
        );
        assert_eq!(*ids.last().unwrap(), first_id);
        assert_eq!(page3["next_cursor"], Value::Null);
        let (_, filtered) = app
            .get(&format!(
                "/api/v1/requests?client={client_id}&state=new&limit=200"
            ))
            .await;
        assert_eq!(filtered["items"].as_array().unwrap().len(), 5);
    });
}

#[tokio::test]
async fn commitments_are_tracked_until_kept() {
    on_every_backend!(|app| {
        let (client_id, id) = app.client_with_request().await;
        // The test clock says 2026-11-24T01:00Z, i.e. 09:00 in Shanghai.
        let late = json!({"client_id": client_id, "request_id": id, "promise": "今早8点前发您报价", "due_at": "2026-11-24T08:00:00+08:00"});
        let later = json!({"client_id": client_id, "promise": "我明天下午回复您", "due_at": "2026-11-25T15:00:00+08:00"});
        let (status, late) = app.post("/api/v1/commitments", late).await;
        assert_eq!(
            (status, &late["overdue"]),
            (StatusCode::CREATED, &json!(true)),
            "{late}"
        );
        let (status, later) = app.post("/api/v1/commitments", later).await;
        assert_eq!(
            (status, &later["overdue"]),
            (StatusCode::CREATED, &json!(false)),
            "{later}"
        );
        let (status, kept) = app
            .post(
                &format!("/api/v1/commitments/{}/complete", late["id"]),
                json!({}),
            )
            .await;
        assert_eq!(
            (status, kept["done_at"].as_str()),
            (StatusCode::OK, Some("2026-11-24T01:00:00Z")),
            "{kept}"
        );
        let (_, open) = app
            .get(&format!("/api/v1/commitments?client={client_id}"))
            .await;
        assert_eq!(
            open.as_array()
                .unwrap()
                .iter()
                .map(|c| &c["id"])
                .collect::<Vec<_>>(),
            vec![&later["id"]]
        );
        let (_, all) = app.get("/api/v1/commitments?open=false").await;
        assert_eq!(all.as_array().unwrap().len(), 2);
    });
}

#[tokio::test]
async fn our_replies_promises_and_asks_are_tracked() {
    on_every_backend!(|app| {
        let (client_id, id) = app.client_with_request().await;
        let reply = json!({"direction": "outbound", "body": "王经理您好，方案我们明天下午3点前发给您。另外麻烦您周四前提供一下产品图片。请问首页用哪一版？"});
        let (status, added) = app
            .post(&format!("/api/v1/requests/{id}/messages"), reply)
            .await;
        assert_eq!(status, StatusCode::CREATED, "{added}");
        let (_, promised) = app.get(&format!("/api/v1/commitments?request={id}")).await;
        let promised = promised.as_array().unwrap();
        assert_eq!(promised.len(), 1, "{promised:?}");
        assert_eq!(promised[0]["source"], "detected");
        assert_eq!(promised[0]["vague"], false);
        assert_eq!(promised[0]["due_at"], "2026-11-25T07:00:00Z");
        let said: Vec<&str> = promised[0]["evidence"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|s| s["text"].as_str())
            .collect();
        assert!(
            said.contains(&"发给") && said.iter().any(|s| s.contains("3点")),
            "{said:?}"
        );
        // The request to send is awaited; the question is not.
        let (_, awaited) = app.get(&format!("/api/v1/materials?request={id}")).await;
        let awaited = awaited.as_array().unwrap();
        assert_eq!(awaited.len(), 1, "{awaited:?}");
        assert_eq!(awaited[0]["due_at"], "2026-11-26T10:00:00Z");
        assert_eq!(awaited[0]["source"], "detected");
        // By hand, with a clear refusal of a bad body and of an unknown request.
        let (status, error) = app
            .post("/api/v1/materials", json!({"request_id": id, "what": "  "}))
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{error}");
        let (status, _) = app
            .post(
                "/api/v1/materials",
                json!({"request_id": id, "what": "VI手册", "colour": 1}),
            )
            .await;
        assert!(status.is_client_error(), "unknown field: {status}");
        let (status, _) = app
            .post(
                "/api/v1/materials",
                json!({"request_id": 999_999, "what": "VI手册"}),
            )
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, manual) = app
            .post(
                "/api/v1/materials",
                json!({"request_id": id, "what": "最新的品牌VI手册"}),
            )
            .await;
        assert_eq!(
            (status, &manual["source"]),
            (StatusCode::CREATED, &json!("manual")),
            "{manual}"
        );
        let (status, received) = app
            .post(
                &format!("/api/v1/materials/{}/received", manual["id"]),
                json!({}),
            )
            .await;
        assert_eq!(
            (status, received["received_at"].as_str()),
            (StatusCode::OK, Some("2026-11-24T01:00:00Z")),
            "{received}"
        );
        // The detected ask, due Thursday: a reminder drafted in the client's Chinese.
        let (status, draft) = app
            .get(&format!("/api/v1/materials/{}/reminder", awaited[0]["id"]))
            .await;
        assert_eq!(
            (status, &draft["language"]),
            (StatusCode::OK, &json!("zh")),
            "{draft}"
        );
        assert!(
            draft["body"]
                .as_str()
                .unwrap()
                .contains("11月26日（周四）前"),
            "{draft}"
        );
        // Received, or with no due time: nothing to remind of.
        let (status, _) = app
            .get(&format!("/api/v1/materials/{}/reminder", manual["id"]))
            .await;
        assert_eq!(status, StatusCode::CONFLICT);
        let (status, _) = app
            .post("/api/v1/materials/999999/received", json!({}))
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (_, everything) = app
            .get(&format!(
                "/api/v1/materials?client={client_id}&awaited=false"
            ))
            .await;
        assert_eq!(everything.as_array().unwrap().len(), 2);
        // A promise already late comes first on Today.
        let late = json!({"client_id": client_id, "request_id": id, "promise": "今早8点前发您报价", "due_at": "2026-11-24T08:00:00+08:00"});
        let (status, _) = app.post("/api/v1/commitments", late).await;
        assert_eq!(status, StatusCode::CREATED);
        let (status, today) = app.get("/api/v1/today").await;
        assert_eq!(status, StatusCode::OK, "{today}");
        assert_eq!(today["items"][0]["kind"], "commitment_overdue", "{today}");
        assert_eq!(today["items"][0]["request_id"], json!(id), "{today}");
        // The final communication's draft, in the client's Chinese.
        let (status, draft) = app.get(&format!("/api/v1/requests/{id}/final-draft")).await;
        assert_eq!(
            (status, &draft["language"]),
            (StatusCode::OK, &json!("zh")),
            "{draft}"
        );
        assert!(
            draft["body"]
                .as_str()
                .unwrap()
                .contains("“双十二小红书投放方案”"),
            "{draft}"
        );
    });
}

#[tokio::test]
async fn sla_clocks_run_in_working_time_under_the_engagements_policy() {
    on_every_backend!(|app| {
        let policy = json!({"name": "Standard", "first_response_minutes": 240, "next_response_minutes": 480, "resolution_minutes": 1620});
        let (status, created) = app.post("/api/v1/sla-policies", policy.clone()).await;
        assert_eq!(
            (status, &created["warn_at_percent"]),
            (StatusCode::CREATED, &json!(75)),
            "{created}"
        );
        let (status, _) = app.post("/api/v1/sla-policies", policy).await;
        assert_eq!(status, StatusCode::CONFLICT, "a name is taken once");
        let (status, error) = app
            .post("/api/v1/sla-policies", json!({"name": "Fast", "first_response_minutes": 0, "next_response_minutes": 60, "resolution_minutes": 60}))
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{error}");
        let (client_id, _) = app.client_with_request().await;
        let (status, engagement) = app
            .post(
                &format!("/api/v1/clients/{client_id}/engagements"),
                json!({"name": "官网运维", "sla_policy_id": "Standard"}),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{engagement}");
        // A cadence is given as its intervals or as a shorthand, and checked.
        let (status, kept) = app
            .post(
                &format!("/api/v1/clients/{client_id}/engagements"),
                json!({"name": "小红书代运营", "cadence": {"report_every_days": 5, "meeting_every_weeks": 2}}),
            )
            .await;
        assert_eq!(
            (status, &kept["cadence"]),
            (
                StatusCode::CREATED,
                &json!({"report_every_days": 5, "check_in_after_days": null, "meeting_every_weeks": 2})
            ),
            "{kept}"
        );
        let (status, weekly) = app
            .post(
                &format!("/api/v1/clients/{client_id}/engagements"),
                json!({"name": "周报", "cadence": "weekly"}),
            )
            .await;
        assert_eq!(
            weekly["cadence"]["report_every_days"], 5,
            "{status} {weekly}"
        );
        for (cadence, field) in [
            (
                json!({"meeting_every_weeks": 0}),
                "cadence.meeting_every_weeks",
            ),
            (json!("daily"), "cadence"),
        ] {
            let (status, error) = app
                .post(
                    &format!("/api/v1/clients/{client_id}/engagements"),
                    json!({"name": "错误的节奏", "cadence": cadence}),
                )
                .await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{error}");
            assert_eq!(error["error"]["field"], field, "{error}");
        }
        let (status, _) = app
            .post(
                &format!("/api/v1/engagements/{}/report-sent", kept["id"]),
                json!({}),
            )
            .await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        let (status, request) = app
            .post(
                "/api/v1/requests",
                json!({"client_id": client_id, "engagement_id": engagement["id"], "subject": "首页打不开"}),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{request}");
        let id = request["id"].as_i64().unwrap();
        // Received Tuesday 09:00 in Shanghai: the first reply is due at 13:00.
        let (_, thread) = app.get(&format!("/api/v1/requests/{id}")).await;
        let sla = &thread["request"]["sla"];
        assert_eq!(
            sla["first_response_due"], "2026-11-24T05:00:00Z",
            "{thread}"
        );
        assert_eq!(sla["resolution_due"], "2026-11-26T10:00:00Z", "{thread}");
        assert_eq!(
            (&sla["paused"], &sla["breaches"]),
            (&json!(false), &json!([]))
        );
        // Our reply meets the first response.
        let reply = json!({"direction": "outbound", "body": "您好，已收到，我们正在排查。"});
        let (status, _) = app
            .post(&format!("/api/v1/requests/{id}/messages"), reply)
            .await;
        assert_eq!(status, StatusCode::CREATED);
        let (_, thread) = app.get(&format!("/api/v1/requests/{id}")).await;
        assert_eq!(
            thread["request"]["sla"]["first_response_due"],
            Value::Null,
            "{thread}"
        );
        // A request taken by phone yesterday at 16:00 is timed from then: two working
        // hours on Monday, two on Tuesday.
        let by_phone = json!({"client_id": client_id, "engagement_id": engagement["id"],
            "subject": "电话：后台登录报错", "received_at": "2026-11-23T16:00:00+08:00"});
        let (status, request) = app.post("/api/v1/requests", by_phone).await;
        assert_eq!(status, StatusCode::CREATED, "{request}");
        assert_eq!(request["received_at"], "2026-11-23T08:00:00Z", "{request}");
        let (_, thread) = app
            .get(&format!("/api/v1/requests/{}", request["id"]))
            .await;
        assert_eq!(
            thread["request"]["sla"]["first_response_due"], "2026-11-24T03:00:00Z",
            "{thread}"
        );
        let tomorrow = json!({"client_id": client_id, "subject": "明天的事", "received_at": "2026-11-25T09:00:00+08:00"});
        let (status, error) = app.post("/api/v1/requests", tomorrow).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{error}");
        assert_eq!(error["error"]["field"], "received_at", "{error}");
        let (_, listed) = app.get("/api/v1/sla-policies").await;
        assert_eq!(listed[0]["name"], "Standard");
        // Received Monday 09:00 and not answered: the engine records the breach and,
        // with no assignee and no manager on the client, tells the admin.
        let missed = json!({"client_id": client_id, "engagement_id": engagement["id"],
            "subject": "发票抬头有误", "received_at": "2026-11-23T09:00:00+08:00"});
        let (_, missed) = app.post("/api/v1/requests", missed).await;
        let round = app
            .app
            .run_due_jobs(&Acting::system("test"), Some(t0()))
            .await
            .unwrap();
        assert_eq!(round.breaches, 1, "{round:?}");
        let (status, told) = app.get("/api/v1/notifications?unread=true").await;
        assert_eq!(status, StatusCode::OK, "{told}");
        let item = &told["items"][0];
        assert_eq!(
            (&item["kind"], &item["request_id"]),
            (&json!("sla_breached"), &missed["id"]),
            "{told}"
        );
        let (status, _) = app
            .post(
                &format!("/api/v1/notifications/{}/read", item["id"]),
                json!({}),
            )
            .await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        let (_, told) = app.get("/api/v1/notifications?unread=true").await;
        assert_eq!(told["items"], json!([]));
        let (status, _) = app
            .post("/api/v1/notifications/999999/read", json!({}))
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    });
}

#[tokio::test]
async fn an_engagements_terms_change_as_a_whole_and_its_clocks_follow() {
    on_every_backend!(|app| {
        let mut ids = Vec::new();
        for (name, first) in [("Standard", 240), ("Fast", 60)] {
            let policy = json!({"name": name, "first_response_minutes": first, "next_response_minutes": 480, "resolution_minutes": 1620});
            let (status, created) = app.post("/api/v1/sla-policies", policy).await;
            assert_eq!(status, StatusCode::CREATED);
            ids.push(created["id"].as_i64().unwrap());
        }
        let (client_id, _) = app.client_with_request().await;
        let (_, engagement) = app
            .post(
                &format!("/api/v1/clients/{client_id}/engagements"),
                json!({"name": "官网运维", "sla_policy_id": "Standard", "cadence": "weekly"}),
            )
            .await;
        let terms = format!("/api/v1/engagements/{}/terms", engagement["id"]);
        let received = json!({"client_id": client_id, "engagement_id": engagement["id"],
            "subject": "首页打不开", "received_at": "2026-11-24T09:00:00+08:00"});
        let (_, request) = app.post("/api/v1/requests", received).await;
        let thread = format!("/api/v1/requests/{}", request["id"]);
        // Tuesday 09:00 in Shanghai under Standard: the first reply is due at 13:00.
        let due = |thread: &Value| thread["request"]["sla"]["first_response_due"].clone();
        assert_eq!(
            due(&app.get(&thread).await.1),
            json!("2026-11-24T05:00:00Z")
        );

        let (status, changed) = app
            .put(
                &terms,
                json!({"sla_policy_id": "Fast", "cadence": {"check_in_after_days": 10},
                    "working_hours": "10:00-19:00", "auto_close_after_days": 5}),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{changed}");
        assert_eq!(
            changed["cadence"],
            json!({"report_every_days": null, "check_in_after_days": 10, "meeting_every_weeks": null}),
            "the terms are replaced as a whole"
        );
        assert_eq!(changed["working_hours"], "10:00-19:00", "{changed}");
        // Under Fast and the engagement's own hours, the clock starts at 10:00: due 11:00.
        assert_eq!(
            due(&app.get(&thread).await.1),
            json!("2026-11-24T03:00:00Z")
        );

        for (body, field) in [
            (json!({"sla_policy_id": "Nope"}), "sla_policy_id"),
            (json!({"working_hours": "nine to five"}), "working_hours"),
            (json!({"auto_close_after_days": 0}), "auto_close_after_days"),
            (
                json!({"cadence": {"meeting_every_weeks": 60}}),
                "cadence.meeting_every_weeks",
            ),
        ] {
            let (status, error) = app.put(&terms, body).await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{error}");
            assert_eq!(error["error"]["field"], field, "{error}");
        }
        let (_, kept) = app
            .get(&format!("/api/v1/engagements/{}", engagement["id"]))
            .await;
        assert_eq!(
            kept["sla_policy_id"], "Fast",
            "a refused change changes nothing"
        );
        let (status, _) = app.put("/api/v1/engagements/999999/terms", json!({})).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (_, trail) = app
            .get(&format!(
                "/api/v1/activity?subject_type=engagement&subject_id={}",
                engagement["id"]
            ))
            .await;
        let entry = trail["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["action"] == "terms_set")
            .expect("the change is in the audit trail");
        assert_eq!(
            entry["before"], "sla Standard, report every 5 working days",
            "{entry}"
        );

        // A policy renamed and tightened: the engagement follows its new name, the
        // request's clock its new target (30 working minutes from 10:00).
        let express = json!({"name": "Express", "first_response_minutes": 30, "next_response_minutes": 120, "resolution_minutes": 600});
        let (status, renamed) = app
            .put(&format!("/api/v1/sla-policies/{}", ids[1]), express.clone())
            .await;
        assert_eq!(status, StatusCode::OK, "{renamed}");
        let (_, kept) = app
            .get(&format!("/api/v1/engagements/{}", engagement["id"]))
            .await;
        assert_eq!(kept["sla_policy_id"], "Express", "{kept}");
        assert_eq!(
            due(&app.get(&thread).await.1),
            json!("2026-11-24T02:30:00Z")
        );
        let (status, _) = app.put("/api/v1/sla-policies/999999", express).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        // One in use is not deleted; an unused one is.
        let in_use = app
            .delete(&format!("/api/v1/sla-policies/{}", ids[1]))
            .await;
        assert_eq!(in_use, StatusCode::CONFLICT);
        let unused = app
            .delete(&format!("/api/v1/sla-policies/{}", ids[0]))
            .await;
        assert_eq!(unused, StatusCode::NO_CONTENT);
        let (_, listed) = app.get("/api/v1/sla-policies").await;
        assert_eq!(listed.as_array().unwrap().len(), 1, "{listed}");
    });
}

#[tokio::test]
async fn the_openapi_document_describes_the_api() {
    on_every_backend!(|app| {
        let (status, doc) = app.get("/api/v1/openapi.json").await;
        assert_eq!(status, StatusCode::OK);
        assert!(doc["openapi"].as_str().unwrap().starts_with('3'));
        for path in [
            "/api/v1/requests",
            "/api/v1/requests/{id}/transitions",
            "/api/v1/clients",
            "/api/v1/activity",
            "/api/v1/materials",
            "/api/v1/today",
            "/api/v1/requests/{id}/final-draft",
            "/api/v1/clients/{id}/standing",
            "/api/v1/notifications",
            "/api/v1/engagements/{id}/report-sent",
        ] {
            assert!(doc["paths"][path].is_object(), "{path} missing");
        }
        assert!(doc["components"]["securitySchemes"]["bearer"].is_object());
        assert!(doc["components"]["schemas"]["RequestView"].is_object());
    });
}

#[tokio::test]
async fn messages_are_decoded_in_the_clients_zone_and_calendar() {
    on_every_backend!(|app| {
        let (status, client) = app
            .post("/api/v1/clients", json!({"name": "株式会社ひだまり食品", "time_zone": "Asia/Tokyo", "languages": ["ja"]}))
            .await;
        assert_eq!(status, StatusCode::CREATED, "{client}");
        let (_, request) = app
            .post(
                "/api/v1/requests",
                json!({"client_id": client["id"], "subject": "役員会資料"}),
            )
            .await;
        // Sent Friday 2026-11-20 17:00 in Tokyo; Monday the 23rd is a holiday there.
        let mail = "いつもお世話になっております。\n部長から、3営業日以内に役員会用の資料をご用意いただきたいと言われまして、なる早でお願いできますでしょうか。";
        let (status, added) = app
            .post(
                &format!("/api/v1/requests/{}/messages", request["id"]),
                json!({"direction": "inbound", "author": "小林 由美", "body": mail, "sent_at": "2026-11-20T17:00:00+09:00"}),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{added}");
        let card = &added["message"]["card"];
        assert_eq!(card["language"], "ja");
        assert_eq!(card["deadline"]["date"], "2026-11-26", "{card}");
        assert_eq!(card["deadline"]["due"], "2026-11-26T18:00:00+09:00");
        assert_eq!(card["requester"]["role"], "director");
        assert_eq!(card["purpose"]["purpose"], "board_meeting");
        let (_, thread) = app
            .get(&format!("/api/v1/requests/{}", request["id"]))
            .await;
        assert_eq!(
            &thread["messages"][0]["card"], card,
            "the card is stored with the message"
        );
        let (_, note) = app
            .post(
                &format!("/api/v1/requests/{}/messages", request["id"]),
                json!({"direction": "note", "body": "至急案件"}),
            )
            .await;
        assert!(
            note["message"]["card"].is_null(),
            "only inbound messages are decoded"
        );
    });
}

#[tokio::test]
async fn the_decode_endpoint_returns_a_card_with_evidence() {
    on_every_backend!(|app| {
        let text = "您好！我们总监要求下周五前给出方案，麻烦尽快。";
        let (status, card) = app
            .post("/api/v1/decode", json!({"id": "x-1", "text": text, "sent_at": "2026-11-24T10:00:00+08:00", "tz": "Asia/Shanghai"}))
            .await;
        assert_eq!(status, StatusCode::OK, "{card}");
        assert_eq!(card["language"], "zh");
        assert_eq!(card["deadline"]["date"], "2026-12-04");
        let evidence = &card["deadline"]["evidence"][0];
        let (start, end) = (
            evidence["start"].as_u64().unwrap() as usize,
            evidence["end"].as_u64().unwrap() as usize,
        );
        let quoted: String = text.chars().skip(start).take(end - start).collect();
        assert_eq!(
            quoted,
            evidence["text"].as_str().unwrap(),
            "offsets are characters of the text as given"
        );
        assert_eq!(card["urgency"]["level"], "urgent");
        for (body, field) in [
            (
                json!({"text": "  ", "sent_at": "2026-11-24T10:00:00+08:00", "tz": "Asia/Shanghai"}),
                "text",
            ),
            (
                json!({"text": "x", "sent_at": "2026-11-24T10:00:00+08:00", "tz": "Mars/Base"}),
                "tz",
            ),
            (
                json!({"text": "x", "sent_at": "yesterday", "tz": "UTC"}),
                "sent_at",
            ),
            (
                json!({"text": "x", "sent_at": "2026-11-24T10:00:00Z", "tz": "UTC", "calendar": "fr"}),
                "calendar",
            ),
        ] {
            let (status, error) = app.post("/api/v1/decode", body).await;
            assert_eq!(
                (status, error["error"]["field"].as_str()),
                (StatusCode::UNPROCESSABLE_ENTITY, Some(field)),
                "{error}"
            );
        }
    });
}

#[tokio::test]
async fn a_token_is_listed_without_its_secret_and_revoked_at_once() {
    on_every_backend!(|app| {
        let (agent_token, agent_token_id) =
            user_with_token(&app.app, "李 娜", "li.na@example.cn", Role::Agent, "laptop").await;
        let as_agent = |method: reqwest::Method, path: &str| {
            app.http
                .request(method, format!("{}{path}", app.base))
                .bearer_auth(&agent_token)
        };

        // The admin sees every token; an agent only their own; nobody sees a secret.
        let (status, all) = app.get("/api/v1/tokens").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(all.as_array().unwrap().len(), 2, "{all}");
        assert!(
            !all.to_string().contains(&agent_token[4..]),
            "no secret in {all}"
        );
        let own: Value = as_agent(reqwest::Method::GET, "/api/v1/tokens")
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(own.as_array().unwrap().len(), 1, "{own}");
        assert_eq!(own[0]["name"], "laptop");

        // An agent cannot revoke the admin's token, nor learn that it exists.
        let admin_token_id = all
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["name"] == "test")
            .unwrap()["id"]
            .as_i64()
            .unwrap();
        let refused = as_agent(
            reqwest::Method::DELETE,
            &format!("/api/v1/tokens/{admin_token_id}"),
        )
        .send()
        .await
        .unwrap();
        assert_eq!(refused.status(), StatusCode::NOT_FOUND);

        // Revoking one's own token works at once on this server, and only once.
        let path = format!("/api/v1/tokens/{}", agent_token_id.0);
        let revoked = as_agent(reqwest::Method::DELETE, &path)
            .send()
            .await
            .unwrap();
        assert_eq!(revoked.status(), StatusCode::OK);
        let body: Value = revoked.json().await.unwrap();
        assert!(body["revoked_at"].is_string(), "{body}");
        let after = as_agent(reqwest::Method::GET, "/api/v1/tokens")
            .send()
            .await
            .unwrap();
        assert_eq!(after.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(app.delete(&path).await, StatusCode::CONFLICT);
        assert_eq!(
            app.delete("/api/v1/tokens/999999").await,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            app.get("/api/v1/tokens").await.0,
            StatusCode::OK,
            "the admin's token still works"
        );
    });
}

#[tokio::test]
async fn an_agent_token_reaches_only_the_clients_they_work() {
    on_every_backend!(|app| {
        let (mine, my_request) = app.client_with_request().await;
        let (_, other) = app
            .post("/api/v1/clients", json!({"name": "Cedar Lane Outfitters, Inc.", "time_zone": "America/New_York", "languages": ["en"]}))
            .await;
        let (_, their_request) = app
            .post(
                "/api/v1/requests",
                json!({"client_id": other["id"], "subject": "Q1 campaign report"}),
            )
            .await;
        let (agent_token, _) = user_with_token(
            &app.app,
            "陈静",
            "chen.jing@example.cn",
            Role::Agent,
            "laptop",
        )
        .await;
        let agent_id = app
            .app
            .authenticate(&agent_token)
            .await
            .unwrap()
            .unwrap()
            .id
            .0;
        let (status, members) = app
            .post(
                &format!("/api/v1/clients/{mine}/members"),
                json!({"user_id": agent_id}),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{members}");
        assert_eq!(members[0]["email"], "chen.jing@example.cn");
        let as_agent = |method: reqwest::Method, path: &str| {
            app.http
                .request(method, format!("{}{path}", app.base))
                .bearer_auth(&agent_token)
        };
        let get = async |path: &str| {
            let response = as_agent(reqwest::Method::GET, path).send().await.unwrap();
            (
                response.status(),
                response.json::<Value>().await.unwrap_or(Value::Null),
            )
        };

        let (status, clients) = get("/api/v1/clients").await;
        assert_eq!(status, StatusCode::OK);
        let ids: Vec<_> = clients
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_i64().unwrap())
            .collect();
        assert_eq!(ids, vec![mine]);
        let (status, body) = get(&format!("/api/v1/requests/{}", their_request["id"])).await;
        assert_eq!(
            (status, error_code(&body)),
            (StatusCode::NOT_FOUND, "not_found"),
            "{body}"
        );
        let (status, _) = get(&format!("/api/v1/clients/{}", other["id"])).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (_, page) = get("/api/v1/requests").await;
        assert_eq!(page["items"].as_array().unwrap().len(), 1, "{page}");
        // An agent may not end memberships; a manager or admin may, and then the client
        // is gone from the agent's view.
        let path = format!("/api/v1/clients/{mine}/members/{agent_id}");
        let refused = as_agent(reqwest::Method::DELETE, &path)
            .send()
            .await
            .unwrap();
        assert_eq!(refused.status(), StatusCode::FORBIDDEN);
        assert_eq!(app.delete(&path).await, StatusCode::NO_CONTENT);
        assert_eq!(app.delete(&path).await, StatusCode::NOT_FOUND);
        let (_, clients) = get("/api/v1/clients").await;
        assert_eq!(clients.as_array().unwrap().len(), 0);
        let (status, members) = app
            .post(
                &format!("/api/v1/clients/{mine}/members"),
                json!({"user_id": agent_id}),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{members}");

        let refused = as_agent(reqwest::Method::POST, "/api/v1/clients")
            .header("content-type", "application/json")
            .body(json!({"name": "x", "time_zone": "UTC"}).to_string())
            .send()
            .await
            .unwrap();
        assert_eq!(refused.status(), StatusCode::FORBIDDEN);
        let body: Value = refused.json().await.unwrap();
        assert_eq!(error_code(&body), "forbidden");

        let moved = as_agent(
            reqwest::Method::POST,
            &format!("/api/v1/requests/{my_request}/transitions"),
        )
        .header("content-type", "application/json")
        .body(json!({"to": "in_progress"}).to_string())
        .send()
        .await
        .unwrap();
        assert_eq!(moved.status(), StatusCode::CREATED);
        let (_, trail) = app
            .get(&format!(
                "/api/v1/activity?subject_type=request&subject_id={my_request}"
            ))
            .await;
        assert_eq!(trail["items"][0]["actor_user_id"], agent_id, "{trail}");
        assert_eq!(trail["items"][0]["actor_name"], "陈静");
        let (status, _) = get("/api/v1/activity").await;
        assert_eq!(
            status,
            StatusCode::FORBIDDEN,
            "an agent reads the trail of one subject"
        );
    });
}

#[tokio::test]
async fn the_decode_endpoint_reads_a_reply_of_ours() {
    on_every_backend!(|app| {
        let draft =
            "林经理您好，很遗憾上线要推迟。由于你们没有按时提供素材，我们保证下周一定能上线。";
        let (status, card) = app
            .post(
                "/api/v1/decode",
                json!({"text": draft, "sent_at": "2026-11-24T10:00:00+08:00", "tz": "Asia/Shanghai",
                       "direction": "outbound", "technical": false,
                       "reply_to": "请问新的上线时间是哪天？"}),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{card}");
        assert_eq!(card["language"], "zh");
        let rules: Vec<&str> = card["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["rule"].as_str().unwrap())
            .collect();
        for rule in ["blame", "over_promise"] {
            assert!(rules.contains(&rule), "{rule} in {rules:?}");
        }
        // "下周一定能上线" is a (badly worded) dated plan, so a next step is not missing.
        assert_eq!(card["commitments"][0]["date"], "2026-12-04", "{card}");
        let (status, card) = app
            .post(
                "/api/v1/decode",
                json!({"text": "明日の15時までに修正版をお送りいたします。", "sent_at": "2026-11-24T10:00:00+09:00",
                       "tz": "Asia/Tokyo", "direction": "outbound"}),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{card}");
        assert_eq!(card["commitments"][0]["due"], "2026-11-25T15:00:00+09:00");
        let (status, error) = app
            .post(
                "/api/v1/decode",
                json!({"text": "x", "sent_at": "2026-11-24T10:00:00Z", "tz": "UTC", "direction": "sideways"}),
            )
            .await;
        assert_eq!(
            (status, error["error"]["field"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("direction"))
        );
    });
}

#[tokio::test]
async fn mail_arrives_with_its_envelope_and_unknown_senders_wait_in_triage() {
    on_every_backend!(|app| {
        let (status, body) = app
            .post(
                "/api/v1/clients",
                json!({"name": "x", "time_zone": "Asia/Tokyo", "domains": ["163.com"]}),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(body["error"]["field"], "domains");
        let (status, client) = app
            .post("/api/v1/clients", json!({"name": "株式会社ひだまり食品", "time_zone": "Asia/Tokyo", "domains": ["hidamari.example.jp"]}))
            .await;
        assert_eq!(status, StatusCode::CREATED, "{client}");
        assert_eq!(client["domains"], json!(["hidamari.example.jp"]));
        let id = client["id"].as_i64().unwrap();
        let (status, other) = app
            .post("/api/v1/clients", json!({"name": "別会社", "time_zone": "Asia/Tokyo", "domains": ["hidamari.example.jp"]}))
            .await;
        assert_eq!(status, StatusCode::CONFLICT, "{other}");
        let (status, client) = app
            .post(
                &format!("/api/v1/clients/{id}/domains"),
                json!({"domain": "hidamari-group.example.jp"}),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{client}");
        assert_eq!(
            client["domains"],
            json!(["hidamari.example.jp", "hidamari-group.example.jp"])
        );

        let raw = "From: =?UTF-8?B?5bCP5p6XIOeUsee+jg==?= <y.kobayashi@hidamari.example.jp>\r\n\
                   To: sato@agency.example\r\nCc: k.yamada@hidamari.example.jp\r\n\
                   Subject: =?ISO-2022-JP?B?GyRCOC1AOTFtTGobKEI=?=\r\nMessage-ID: <api1@hidamari.example.jp>\r\n\
                   Date: Thu, 03 Dec 2026 10:00:00 +0900\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n\
                   --b\r\nContent-Type: text/plain\r\n\r\n\u{82}\u{a8}\u{90}\u{a2}\u{98}\x62\u{82}\u{c9}\u{82}\u{c8}\u{82}\u{c1}\u{82}\u{c4}\u{82}\u{a8}\u{82}\u{e8}\u{82}\u{dc}\u{82}\u{b7}\u{81}\x42\r\n\
                   --b\r\nContent-Type: text/csv\r\nContent-Disposition: attachment; filename=\"list.csv\"\r\n\r\na,b\r\n1,2\r\n--b--\r\n";
        let raw: Vec<u8> = raw.chars().map(|c| c as u32 as u8).collect();
        let system = Acting::system("test");
        let (outcome, _) = app.app.ingest_mail(&system, raw, t0()).await.unwrap();
        let rapport_app::Ingested::NewRequest { request_id, .. } = outcome else {
            panic!("{outcome:?}")
        };
        let (status, thread) = app.get(&format!("/api/v1/requests/{request_id}")).await;
        assert_eq!(status, StatusCode::OK, "{thread}");
        let message = &thread["messages"][0];
        assert_eq!(
            message["from"],
            json!({"name": "小林 由美", "address": "y.kobayashi@hidamari.example.jp"})
        );
        assert_eq!(message["cc"][0]["address"], "k.yamada@hidamari.example.jp");
        assert_eq!(message["message_id"], "api1@hidamari.example.jp");
        assert_eq!(message["auto"], false);
        assert_eq!(message["channel"], "email");
        // Shift_JIS without a label: detected, and said so.
        assert_eq!(message["body"], "お世話になっております。");
        assert_eq!(message["warnings"][0]["code"], "charset_missing");
        let attachment = &message["attachments"][0];
        assert_eq!(attachment["filename"], "list.csv");
        let sha = attachment["sha256"].as_str().unwrap();
        let download = app
            .request(
                reqwest::Method::GET,
                &format!("/api/v1/messages/{}/attachments/{sha}", message["id"]),
            )
            .send()
            .await
            .unwrap();
        assert_eq!(download.status(), StatusCode::OK);
        assert!(
            download.headers()["content-disposition"]
                .to_str()
                .unwrap()
                .starts_with("attachment;")
        );
        assert_eq!(download.headers()["x-content-type-options"], "nosniff");
        assert_eq!(download.bytes().await.unwrap().as_ref(), b"a,b\r\n1,2");
        let (status, _) = app
            .get(&format!(
                "/api/v1/messages/{}/attachments/{}",
                message["id"],
                "0".repeat(64)
            ))
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let original = app
            .request(
                reqwest::Method::GET,
                &format!("/api/v1/messages/{}/raw", message["id"]),
            )
            .send()
            .await
            .unwrap();
        assert_eq!(original.status(), StatusCode::OK);
        assert_eq!(original.headers()["content-type"], "message/rfc822");
        assert!(
            original
                .bytes()
                .await
                .unwrap()
                .starts_with(b"From: =?UTF-8?B?")
        );

        let stranger =
            b"From: tom@newcorp.example.com\r\nSubject: quote\r\n\r\nCan you quote a site?\r\n"
                .to_vec();
        app.app.ingest_mail(&system, stranger, t0()).await.unwrap();
        let (status, triage) = app.get("/api/v1/triage").await;
        assert_eq!(status, StatusCode::OK, "{triage}");
        let item = &triage["items"][0];
        assert_eq!(item["from"]["address"], "tom@newcorp.example.com");
        assert_eq!(item["subject"], "quote");
        assert_eq!(item["body"], "Can you quote a site?");
        assert_eq!(item["reason"], "unknown_sender");
        let path = format!("/api/v1/triage/{}/assign", item["id"]);
        let (status, body) = app.post(&path, json!({"client_id": 9999})).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(body["error"]["field"], "client_id");
        let (status, assigned) = app.post(&path, json!({"client_id": id})).await;
        assert_eq!(status, StatusCode::CREATED, "{assigned}");
        assert_eq!(assigned["request"]["client_id"], id);
        let (status, again) = app.post(&path, json!({"client_id": id})).await;
        assert_eq!(status, StatusCode::CONFLICT, "{again}");
        assert_eq!(app.get("/api/v1/triage").await.1["items"], json!([]));

        let (agent, _) =
            user_with_token(&app.app, "陈静", "chen@example.cn", Role::Agent, "agent").await;
        let refused = app
            .http
            .get(format!("{}/api/v1/triage", app.base))
            .bearer_auth(agent)
            .send()
            .await
            .unwrap();
        assert_eq!(refused.status(), StatusCode::FORBIDDEN);

        let (status, mailboxes) = app.get("/api/v1/mailboxes").await;
        assert_eq!((status, mailboxes), (StatusCode::OK, json!([])));
        let (status, body) = app.post("/api/v1/mailboxes/999/sync", json!({})).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
        // Added with its password, which is kept sealed and never shown.
        let mailbox =
            json!({"imap_url": "imaps://desk@imap.example.com/INBOX", "password": "s3cret-imap"});
        let (status, added) = app.post("/api/v1/mailboxes", mailbox.clone()).await;
        assert_eq!(status, StatusCode::CREATED, "{added}");
        assert_eq!(added["password_file"], Value::Null);
        assert!(!added.to_string().contains("s3cret"));
        let (status, _) = app.post("/api/v1/mailboxes", mailbox).await;
        assert_eq!(status, StatusCode::CONFLICT, "read once");
        for body in [
            json!({"imap_url": "imap://desk@imap.example.com/INBOX", "password": "x"}),
            json!({"imap_url": "imaps://desk@imap2.example.com/INBOX", "password": ""}),
        ] {
            let (status, error) = app.post("/api/v1/mailboxes", body).await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{error}");
        }
        let (_, mailboxes) = app.get("/api/v1/mailboxes").await;
        assert_eq!(mailboxes.as_array().unwrap().len(), 1, "{mailboxes}");
    });
}

#[tokio::test]
async fn calendar_hours_and_closed_days_move_every_clock() {
    on_every_backend!(|app| {
        let policy = json!({"name": "Standard", "first_response_minutes": 240, "next_response_minutes": 480, "resolution_minutes": 1620});
        app.post("/api/v1/sla-policies", policy).await;
        let (client_id, _) = app.client_with_request().await;
        let engagement = |body: Value| {
            let app = &app;
            async move {
                let (status, engagement) = app
                    .post(&format!("/api/v1/clients/{client_id}/engagements"), body)
                    .await;
                assert_eq!(status, StatusCode::CREATED, "{engagement}");
                engagement
            }
        };
        let plain = engagement(json!({"name": "官网运维", "sla_policy_id": "Standard"})).await;
        let late = engagement(json!({"name": "海外店铺", "sla_policy_id": "Standard", "working_hours": "13:00-22:00"})).await;
        assert_eq!(late["working_hours"], "13:00-22:00");
        let first_due = |engagement: Value| {
            let app = &app;
            async move {
                let body = json!({"client_id": client_id, "engagement_id": engagement["id"], "subject": "首页打不开"});
                let (_, request) = app.post("/api/v1/requests", body).await;
                let (_, thread) = app
                    .get(&format!("/api/v1/requests/{}", request["id"]))
                    .await;
                thread["request"]["sla"]["first_response_due"].clone()
            }
        };
        // Received Tuesday 09:00 in Shanghai: four working hours are up at 13:00.
        assert_eq!(first_due(plain.clone()).await, "2026-11-24T05:00:00Z");
        // The desk works 10:00-19:00: 14:00.
        let (status, _) = app
            .put(
                "/api/v1/calendars/cn/hours",
                json!({"working_hours": "10:00-19:00"}),
            )
            .await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        assert_eq!(first_due(plain.clone()).await, "2026-11-24T06:00:00Z");
        // Closed for the company's annual meeting that Tuesday: Wednesday 14:00.
        let (status, _) = app
            .post(
                "/api/v1/calendars/cn/closed-days",
                json!({"date": "2026-11-24", "name": "公司年会"}),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED);
        assert_eq!(first_due(plain.clone()).await, "2026-11-25T06:00:00Z");
        let (_, calendars) = app.get("/api/v1/calendars").await;
        let cn = calendars
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == "cn")
            .unwrap()
            .clone();
        assert_eq!(
            (&cn["working_hours"], &cn["closed_days"][0]["name"]),
            (&json!("10:00-19:00"), &json!("公司年会"))
        );
        assert_eq!(
            app.delete("/api/v1/calendars/cn/closed-days/2026-11-24")
                .await,
            StatusCode::NO_CONTENT
        );
        assert_eq!(first_due(plain).await, "2026-11-24T06:00:00Z");
        // An engagement's own hours: 13:00-17:00 that day.
        assert_eq!(first_due(late).await, "2026-11-24T09:00:00Z");
        // Unknown calendars, bad hours and bad dates are refused.
        let (status, _) = app
            .put(
                "/api/v1/calendars/fr/hours",
                json!({"working_hours": "09:00-17:00"}),
            )
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, error) = app
            .put(
                "/api/v1/calendars/jp/hours",
                json!({"working_hours": "18:00-09:00"}),
            )
            .await;
        assert_eq!(
            (status, &error["error"]["field"]),
            (StatusCode::UNPROCESSABLE_ENTITY, &json!("working_hours"))
        );
        assert_eq!(
            app.delete("/api/v1/calendars/jp/closed-days/2026-13-01")
                .await,
            StatusCode::UNPROCESSABLE_ENTITY
        );
    });
}

#[tokio::test]
async fn a_persons_calendar_feed_opens_with_its_secret_address_only() {
    on_every_backend!(|app| {
        let (client_id, request_id) = app.client_with_request().await;
        let promise = json!({"client_id": client_id, "request_id": request_id,
            "promise": "方案明天下午3点前发给您", "due_at": "2026-11-25T15:00:00+08:00"});
        let (status, _) = app.post("/api/v1/commitments", promise).await;
        assert_eq!(status, StatusCode::CREATED);
        let (status, link) = app.post("/api/v1/calendar-link", json!({})).await;
        assert_eq!(status, StatusCode::CREATED, "{link}");
        let path = link["path"].as_str().unwrap().to_owned();
        assert!(
            path.starts_with("/calendar/cal_") && path.ends_with(".ics"),
            "{path}"
        );
        // A calendar program sends no token: the address is the credential.
        let feed = reqwest::get(format!("{}{path}", app.base)).await.unwrap();
        assert_eq!(feed.status(), StatusCode::OK);
        assert_eq!(
            feed.headers()["content-type"],
            "text/calendar; charset=utf-8"
        );
        let text = feed.text().await.unwrap().replace("\r\n ", "");
        assert!(text.starts_with("BEGIN:VCALENDAR\r\n"), "{text}");
        assert!(
            text.contains("SUMMARY:Promised: 方案明天下午3点前发给您"),
            "{text}"
        );
        assert!(text.contains("DTEND:20261125T070000Z"), "{text}");
        // A new address retires the old one; made-up addresses are not found.
        let (_, again) = app.post("/api/v1/calendar-link", json!({})).await;
        assert_ne!(again["path"], link["path"]);
        for wrong in [
            path.as_str(),
            "/calendar/cal_0000.ics",
            "/calendar/anything",
        ] {
            let response = reqwest::get(format!("{}{wrong}", app.base)).await.unwrap();
            assert_eq!(response.status(), StatusCode::NOT_FOUND, "{wrong}");
        }
        // Everything else still needs a token.
        let response = reqwest::get(format!("{}/api/v1/today", app.base))
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    });
}

#[tokio::test]
async fn late_materials_flag_the_deadline_that_depends_on_them() {
    on_every_backend!(|app| {
        let (client_id, _) = app.client_with_request().await;
        let body = json!({"client_id": client_id, "subject": "官网改版上线", "due_at": "2026-11-30T18:00:00+08:00"});
        let (_, request) = app.post("/api/v1/requests", body).await;
        let id = request["id"].as_i64().unwrap();
        // The photos were due yesterday and have not come.
        let photos =
            json!({"request_id": id, "what": "产品高清图", "due_at": "2026-11-23T18:00:00+08:00"});
        let (status, created) = app.post("/api/v1/materials", photos).await;
        assert_eq!(status, StatusCode::CREATED, "{created}");
        let (_, thread) = app.get(&format!("/api/v1/requests/{id}")).await;
        let risks = &thread["request"]["deadline_at_risk"];
        assert_eq!(risks[0]["what"], "产品高清图", "{thread}");
        let (_, today) = app.get("/api/v1/today").await;
        let line = today["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["kind"] == "materials_overdue")
            .expect("the late photos are on Today")
            .clone();
        let reason = line["reason"].as_str().unwrap();
        assert!(
            reason.contains("the deadline of \"官网改版上线\""),
            "{reason}"
        );
        // Received: no longer a risk.
        let material = created["id"].clone();
        app.post(&format!("/api/v1/materials/{material}/received"), json!({}))
            .await;
        let (_, thread) = app.get(&format!("/api/v1/requests/{id}")).await;
        assert_eq!(thread["request"]["deadline_at_risk"], json!([]));
    });
}

#[tokio::test]
async fn requests_filter_by_what_the_decoder_read() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let (_, client) = app
        .post(
            "/api/v1/clients",
            json!({"name": "ひだまり", "time_zone": "Asia/Tokyo", "languages": ["ja"]}),
        )
        .await;
    for (subject, body) in [
        ("見積", "至急、見積書をお願いします。"),
        ("Deck", "No rush: send the deck when you can."),
    ] {
        let (_, request) = app
            .post(
                "/api/v1/requests",
                json!({"client_id": client["id"], "subject": subject}),
            )
            .await;
        let path = format!("/api/v1/requests/{}/messages", request["id"]);
        let (status, _) = app
            .post(
                &path,
                json!({"direction": "inbound", "author": "client", "body": body}),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED);
    }
    let subjects = |page: &Value| -> Vec<String> {
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["subject"].as_str().unwrap().to_owned())
            .collect()
    };
    let (status, urgent) = app.get("/api/v1/requests?urgency=urgent").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(subjects(&urgent), ["見積"]);
    let (_, english) = app.get("/api/v1/requests?language=en").await;
    assert_eq!(subjects(&english), ["Deck"]);
    for (bad, status) in [
        ("urgency=soon", StatusCode::UNPROCESSABLE_ENTITY),
        ("language=fr", StatusCode::UNPROCESSABLE_ENTITY),
        ("due_before=tomorrow", StatusCode::BAD_REQUEST),
    ] {
        let (answer, body) = app.get(&format!("/api/v1/requests?{bad}")).await;
        assert_eq!(answer, status, "{bad}: {body}");
    }
}
