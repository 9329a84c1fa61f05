//! The web desk's test harness: a real server on a random port over a fresh database
//! (SQLite or PostgreSQL) with an admin, two agents of one client and a request of
//! another client, and a cookie-keeping HTTP client that does not follow redirects.
#![allow(dead_code)] // each test file uses its own part

use jiff::{SignedDuration, Timestamp};
use rapport_app::{Acting, App, ClientInput, MessageInput, RequestInput, UserInput};
use rapport_domain::{
    Channel, ClientId, Clock, Direction, EmailAddress, LanguageTag, RequestId, Role, TimeZoneName,
    User,
};
use rapport_store::scratch::scratch_database_url;
use rapport_store::{Backend, Store};
use rapport_web::AppState;
use rapport_web::ui::session::encode_component;
use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use std::sync::{Arc, Mutex};

pub const PASSWORD: &str = "tall-cedar-lantern-7";

/// A clock the test moves by hand.
#[derive(Clone)]
pub struct TestClock(pub Arc<Mutex<Timestamp>>);

impl Clock for TestClock {
    fn now(&self) -> Timestamp {
        *self.0.lock().unwrap()
    }
}

impl TestClock {
    pub fn advance(&self, by: SignedDuration) {
        let mut now = self.0.lock().unwrap();
        *now += by;
    }
}

pub fn t0() -> Timestamp {
    "2026-12-07T01:00:00Z".parse().unwrap()
}

/// A server with an admin, two agents of client A, and client B nobody of them works.
pub struct Desk {
    pub base: String,
    pub app: App,
    pub clock: TestClock,
    pub admin: User,
    pub agent: User,
    pub colleague: User,
    /// Client A, worked by the two agents.
    pub client: ClientId,
    /// A request of client A, with a Japanese client message in it.
    pub ours: RequestId,
    /// A request of client B.
    pub theirs: RequestId,
}

pub async fn user(app: &App, name: &str, email: &str, role: Role) -> User {
    let system = Acting::system("test");
    let input = UserInput {
        name: name.into(),
        email: EmailAddress::parse(email).unwrap(),
        role,
    };
    let user = app.create_user(&system, input, t0()).await.unwrap();
    app.set_password(&system, user.id, PASSWORD, t0())
        .await
        .unwrap();
    user
}

pub async fn client(app: &App, name: &str) -> ClientId {
    let input = ClientInput {
        name: name.into(),
        time_zone: TimeZoneName::parse("Asia/Tokyo").unwrap(),
        languages: vec![LanguageTag::parse("ja").unwrap()],
        calendar: None,
        domains: Vec::new(),
    };
    let system = Acting::system("test");
    app.create_client(&system, input, None, t0())
        .await
        .unwrap()
        .value
        .id
}

pub async fn request(app: &App, client: ClientId, subject: &str, body: &str) -> RequestId {
    let system = Acting::system("test");
    let input = RequestInput {
        client_id: client,
        engagement_id: None,
        subject: subject.into(),
        assignee_id: None,
        due_at: None,
        received_at: None,
    };
    let id = app
        .create_request(&system, input, None, t0())
        .await
        .unwrap()
        .value
        .id;
    let message = MessageInput {
        direction: Direction::Inbound,
        channel: Some(Channel::Email),
        author: Some("小林 由美".into()),
        body: body.into(),
        is_final: false,
        sent_at: None,
        to: Vec::new(),
    };
    app.add_message(&system, id, message, None, t0())
        .await
        .unwrap();
    id
}

impl Desk {
    pub async fn spawn(backend: Backend) -> Self {
        let url = scratch_database_url(backend).await.unwrap();
        let app = App::new(Store::open(&url).await.unwrap())
            .with_sealing_key(rapport_app::SealingKey::generate().unwrap());
        let admin = user(&app, "Admin", "admin@example.com", Role::Admin).await;
        let agent = user(&app, "佐藤 美咲", "sato@example.com", Role::Agent).await;
        let colleague = user(&app, "陈静", "chen@example.com", Role::Agent).await;
        let a = client(&app, "株式会社ひだまり食品").await;
        let b = client(&app, "Other Client").await;
        let system = Acting::system("test");
        for member in [&agent, &colleague] {
            app.add_client_member(&system, a, member.id, t0())
                .await
                .unwrap();
        }
        let ours = request(
            &app,
            a,
            "プレスリリース配信のご相談",
            "部長の山田から、来週の金曜日までに配信したいと言われております。至急ご確認いただけますでしょうか。",
        )
        .await;
        let theirs = request(&app, b, "Not yours", "Please call me back.").await;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let clock = TestClock(Arc::new(Mutex::new(t0() + SignedDuration::from_mins(5))));
        let state = AppState::new(app.clone(), Arc::new(clock.clone()));
        tokio::spawn(rapport_web::serve(listener, state, std::future::pending()));
        Self {
            base,
            app,
            clock,
            admin,
            agent,
            colleague,
            client: a,
            ours,
            theirs,
        }
    }

    pub fn browser(&self, accept_language: &str) -> Browser {
        Browser {
            base: self.base.clone(),
            http: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            cookies: Vec::new(),
            accept_language: accept_language.to_owned(),
        }
    }

    /// A browser signed in as `user`.
    pub async fn signed_in(&self, user: &User) -> Browser {
        let mut browser = self.browser("en");
        let page = browser.sign_in(user.email.as_str(), PASSWORD).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
        browser
    }
}

pub struct Page {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Page {
    pub fn location(&self) -> &str {
        self.headers
            .get("location")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    /// The first form's CSRF token.
    pub fn csrf(&self) -> String {
        field_value(&self.body, "csrf")
    }
}

pub fn field_value(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html
        .find(&marker)
        .unwrap_or_else(|| panic!("no {name} field in {html}"))
        + marker.len();
    html[start..].split('"').next().unwrap().to_owned()
}

/// A cookie-keeping HTTP client that does not follow redirects.
pub struct Browser {
    pub base: String,
    pub http: reqwest::Client,
    pub cookies: Vec<(String, String)>,
    pub accept_language: String,
}

impl Browser {
    pub fn cookie_header(&self) -> String {
        self.cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    pub async fn send(&mut self, request: reqwest::RequestBuilder) -> Page {
        let response = request
            .header("cookie", self.cookie_header())
            .header("accept-language", &self.accept_language)
            .send()
            .await
            .unwrap();
        for set in response.headers().get_all("set-cookie") {
            let set = set.to_str().unwrap();
            let (pair, _) = set.split_once(';').unwrap_or((set, ""));
            let (name, value) = pair.split_once('=').unwrap();
            self.cookies.retain(|(k, _)| k != name);
            if !value.is_empty() {
                self.cookies.push((name.to_owned(), value.to_owned()));
            }
        }
        Page {
            status: response.status(),
            headers: response.headers().clone(),
            body: response.text().await.unwrap(),
        }
    }

    pub async fn get(&mut self, path: &str) -> Page {
        let request = self.http.get(format!("{}{path}", self.base));
        self.send(request).await
    }

    pub async fn post(
        &mut self,
        path: &str,
        form: &[(&str, &str)],
        headers: &[(&str, &str)],
    ) -> Page {
        let body = form
            .iter()
            .map(|(k, v)| format!("{k}={}", encode_component(v)))
            .collect::<Vec<_>>()
            .join("&");
        let mut request = self
            .http
            .post(format!("{}{path}", self.base))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        self.send(request).await
    }

    pub async fn sign_in(&mut self, email: &str, password: &str) -> Page {
        let form = self.get("/sign-in?next=/inbox").await;
        let csrf = form.csrf();
        self.post(
            "/sign-in",
            &[
                ("email", email),
                ("password", password),
                ("csrf", &csrf),
                ("next", "/inbox"),
            ],
            &[],
        )
        .await
    }
}

macro_rules! on_every_backend {
    (|$desk:ident| $body:block) => {
        for backend in [Backend::Sqlite, Backend::Postgres] {
            let $desk = Desk::spawn(backend).await;
            $body
        }
    };
}
