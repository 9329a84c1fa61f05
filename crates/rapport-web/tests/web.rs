//! The web desk end to end over HTTP: sessions, sign-in throttling, CSRF, roles, the
//! "something new arrived" answer, languages; a real server on a random port and a fresh
//! database per test, on SQLite and PostgreSQL. The journeys in a real browser are in
//! `crates/rapport/tests/browser.rs`.

#[macro_use]
mod desk;

use desk::*;
use jiff::SignedDuration;
use rapport_app::Acting;
use rapport_domain::{Clock, RequestState, Role};
use rapport_store::Backend;
use reqwest::StatusCode;
#[tokio::test]
async fn anonymous_visits_go_to_sign_in_and_tokens_still_open_the_api() {
    let desk = Desk::spawn(Backend::Sqlite).await;
    let mut anonymous = desk.browser("en");
    for path in [
        "/",
        "/today",
        "/inbox",
        "/settings",
        "/requests/1",
        "/no-such-page",
    ] {
        let page = anonymous.get(path).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{path}");
        assert!(
            page.location().starts_with("/sign-in"),
            "{path}: {}",
            page.location()
        );
    }
    assert_eq!(
        anonymous.get("/inbox?state=new").await.location(),
        "/sign-in?next=/inbox%3Fstate%3Dnew"
    );
    let post = anonymous
        .post("/requests/1/state", &[("to", "in_progress")], &[])
        .await;
    assert_eq!(post.status, StatusCode::SEE_OTHER);
    let sign_in = anonymous.get("/sign-in").await;
    assert_eq!(sign_in.status, StatusCode::OK);
    let csp = sign_in.headers["content-security-policy"].to_str().unwrap();
    assert!(
        csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'"),
        "{csp}"
    );
    assert_eq!(sign_in.headers["referrer-policy"], "same-origin");
    assert!(!sign_in.body.contains("<script>"), "no inline script");
    assert_eq!(sign_in.headers["cache-control"], "no-store");
    assert!(
        !sign_in.headers.contains_key("strict-transport-security"),
        "plain HTTP"
    );
    let behind_tls = reqwest::Client::new()
        .get(format!("{}/sign-in", desk.base))
        .header("x-forwarded-proto", "https")
        .send()
        .await
        .unwrap();
    assert_eq!(
        behind_tls.headers()["strict-transport-security"],
        "max-age=31536000"
    );
    let css = anonymous.get("/assets/desk.css").await;
    assert_eq!(css.status, StatusCode::OK);
    assert_eq!(css.headers["cache-control"], "public, max-age=3600");
    // The API answers a token, not a cookie.
    let system = Acting::system("test");
    let token = desk
        .app
        .issue_token(&system, desk.admin.id, "test", t0())
        .await
        .unwrap()
        .token;
    let api = reqwest::Client::new()
        .get(format!("{}/api/v1/requests", desk.base))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(api.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_session_opens_at_sign_in_and_ends_at_sign_out() {
    on_every_backend!(|desk| {
        let mut browser = desk.browser("en");
        let wrong = browser
            .sign_in("sato@example.com", "not-the-password")
            .await;
        assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
        assert!(
            wrong.body.contains("Wrong e-mail address or password"),
            "{}",
            wrong.body
        );
        let unknown = browser.sign_in("nobody@example.com", PASSWORD).await;
        assert_eq!(unknown.status, StatusCode::UNAUTHORIZED);
        let right = browser.sign_in("sato@example.com", PASSWORD).await;
        assert_eq!(right.status, StatusCode::SEE_OTHER);
        assert_eq!(right.location(), "/inbox");
        let cookie = right
            .headers
            .get_all("set-cookie")
            .iter()
            .map(|v| v.to_str().unwrap().to_owned())
            .find(|c| c.starts_with("rapport_session="))
            .unwrap();
        assert!(
            cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
            "{cookie}"
        );
        let secret = cookie.split(['=', ';']).nth(1).unwrap();
        assert_eq!(secret.len(), 64, "256 random bits in hex");
        let inbox = browser.get("/inbox").await;
        assert_eq!(inbox.status, StatusCode::OK);
        assert!(inbox.body.contains("プレスリリース配信のご相談"));
        assert!(
            !inbox.body.contains("Not yours"),
            "client B is not the agent's"
        );
        let sessions = desk
            .app
            .sessions(&Acting::user(&desk.agent), desk.agent.id)
            .await
            .unwrap();
        assert_eq!(sessions.len(), 1);
        let csrf = inbox.csrf();
        let out = browser.post("/sign-out", &[("csrf", &csrf)], &[]).await;
        assert_eq!(out.status, StatusCode::SEE_OTHER);
        assert_eq!(browser.get("/inbox").await.status, StatusCode::SEE_OTHER);
        let sessions = desk
            .app
            .sessions(&Acting::user(&desk.agent), desk.agent.id)
            .await
            .unwrap();
        assert!(sessions.is_empty());
        // A session ends when idle past its timeout.
        let mut again = desk.signed_in(&desk.agent).await;
        assert_eq!(again.get("/today").await.status, StatusCode::OK);
        desk.clock.advance(SignedDuration::from_hours(5));
        assert_eq!(again.get("/today").await.status, StatusCode::SEE_OTHER);
    });
}

#[tokio::test]
async fn a_state_change_needs_the_sessions_token_and_the_same_site() {
    on_every_backend!(|desk| {
        let mut browser = desk.signed_in(&desk.agent).await;
        let path = format!("/requests/{}", desk.ours);
        let page = browser.get(&path).await;
        assert_eq!(page.status, StatusCode::OK);
        let csrf = page.csrf();
        let action = format!("{path}/state");
        let refused = [
            browser.post(&action, &[("to", "in_progress")], &[]).await,
            browser
                .post(&action, &[("to", "in_progress"), ("csrf", "0000")], &[])
                .await,
            browser
                .post(
                    &action,
                    &[("to", "in_progress"), ("csrf", &csrf)],
                    &[("sec-fetch-site", "cross-site")],
                )
                .await,
            browser
                .post(
                    &action,
                    &[("to", "in_progress"), ("csrf", &csrf)],
                    &[("origin", "https://evil.example")],
                )
                .await,
        ];
        for page in refused {
            assert_eq!(page.status, StatusCode::FORBIDDEN, "{}", page.body);
        }
        let system = Acting::system("test");
        let request = desk.app.get_request(&system, desk.ours).await.unwrap();
        assert_eq!(request.state, RequestState::New, "nothing changed");
        let done = browser
            .post(
                &action,
                &[("to", "in_progress"), ("csrf", &csrf)],
                &[("sec-fetch-site", "same-origin")],
            )
            .await;
        assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
        let request = desk.app.get_request(&system, desk.ours).await.unwrap();
        assert_eq!(request.state, RequestState::InProgress);
    });
}

#[tokio::test]
async fn repeated_wrong_passwords_make_sign_in_wait_then_let_the_person_in() {
    let desk = Desk::spawn(Backend::Sqlite).await;
    let mut browser = desk.browser("ja");
    // Five failures are free...
    for _ in 0..5 {
        let page = browser
            .sign_in("sato@example.com", "wrong-password-1")
            .await;
        assert_eq!(page.status, StatusCode::UNAUTHORIZED);
    }
    // ... then the next try waits a minute.
    let page = browser.sign_in("sato@example.com", PASSWORD).await;
    assert_eq!(
        page.status,
        StatusCode::TOO_MANY_REQUESTS,
        "even the right password waits"
    );
    let retry: u64 = page.headers["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=120).contains(&retry), "{retry}");
    assert!(page.body.contains("分後にもう一度"), "{}", page.body);
    // A burst of guesses sent at once is counted as it arrives, not after the slow
    // password check: no more than the free five get through to a check.
    let form = browser.get("/sign-in").await;
    let csrf = form.csrf();
    let cookie = browser.cookie_header();
    let mut burst = tokio::task::JoinSet::new();
    for n in 0..20 {
        let (http, url) = (browser.http.clone(), format!("{}/sign-in", desk.base));
        let body = format!("email=burst%40example.com&password=guess-{n}-xxxx&csrf={csrf}");
        let cookie = cookie.clone();
        burst.spawn(async move {
            let response = http
                .post(url)
                .header("content-type", "application/x-www-form-urlencoded")
                .header("cookie", cookie)
                .body(body)
                .send()
                .await
                .unwrap();
            response.status()
        });
    }
    let statuses = burst.join_all().await;
    let checked = statuses
        .iter()
        .filter(|s| **s == StatusCode::UNAUTHORIZED)
        .count();
    let held = statuses
        .iter()
        .filter(|s| **s == StatusCode::TOO_MANY_REQUESTS)
        .count();
    assert_eq!((checked, held), (5, 15), "{statuses:?}");
    // Another account is not held up by this one's failures.
    assert_eq!(
        browser.sign_in("chen@example.com", PASSWORD).await.status,
        StatusCode::SEE_OTHER
    );
    desk.clock.advance(SignedDuration::from_mins(3));
    assert_eq!(
        browser.sign_in("sato@example.com", PASSWORD).await.status,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn an_agent_cannot_open_another_clients_request() {
    on_every_backend!(|desk| {
        let mut browser = desk.signed_in(&desk.agent).await;
        let own = browser.get(&format!("/requests/{}", desk.ours)).await;
        assert_eq!(own.status, StatusCode::OK);
        let csrf = own.csrf();
        let other = browser.get(&format!("/requests/{}", desk.theirs)).await;
        assert_eq!(other.status, StatusCode::NOT_FOUND);
        assert!(!other.body.contains("Not yours"));
        let missing = browser.get("/requests/999999").await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND);
        assert_eq!(other.body, missing.body, "refused exactly as a missing one");
        let reply = browser
            .post(
                &format!("/requests/{}/reply", desk.theirs),
                &[("body", "hello"), ("seen", "0"), ("csrf", &csrf)],
                &[],
            )
            .await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND);
        let system = Acting::system("test");
        let thread = desk.app.thread(&system, desk.theirs).await.unwrap();
        assert_eq!(thread.messages.len(), 1, "nothing was added");
    });
}

#[tokio::test]
async fn two_agents_replying_to_one_request_see_that_something_new_arrived() {
    on_every_backend!(|desk| {
        let path = format!("/requests/{}", desk.ours);
        let mut first = desk.signed_in(&desk.agent).await;
        let mut second = desk.signed_in(&desk.colleague).await;
        let first_page = first.get(&path).await;
        let second_page = second.get(&path).await;
        let seen = field_value(&first_page.body, "seen");
        assert_eq!(seen, field_value(&second_page.body, "seen"));
        let reply = format!("{path}/reply");
        let sent = first
            .post(
                &reply,
                &[
                    ("body", "承知いたしました。明日中にご連絡いたします。"),
                    ("seen", &seen),
                    ("csrf", &first_page.csrf()),
                ],
                &[],
            )
            .await;
        assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
        let stale = second
            .post(
                &reply,
                &[
                    ("body", "確認して折り返しご連絡します。"),
                    ("seen", &seen),
                    ("csrf", &second_page.csrf()),
                ],
                &[],
            )
            .await;
        assert_eq!(stale.status, StatusCode::CONFLICT);
        assert!(
            stale.body.contains("arrived while you were writing"),
            "{}",
            stale.body
        );
        assert!(
            stale.body.contains("明日中にご連絡いたします"),
            "the new reply is shown"
        );
        assert!(stale.body.contains("is-new"), "and marked new");
        assert!(
            stale.body.contains("確認して折り返しご連絡します。"),
            "the draft is kept"
        );
        let system = Acting::system("test");
        assert_eq!(
            desk.app
                .thread(&system, desk.ours)
                .await
                .unwrap()
                .messages
                .len(),
            2
        );
        // Having read it, the second agent sends.
        let newer = field_value(&stale.body, "seen");
        assert_ne!(newer, seen);
        let sent = second
            .post(
                &reply,
                &[
                    ("body", "確認して折り返しご連絡します。"),
                    ("seen", &newer),
                    ("csrf", &second_page.csrf()),
                ],
                &[],
            )
            .await;
        assert_eq!(sent.status, StatusCode::SEE_OTHER);
        let thread = desk.app.thread(&system, desk.ours).await.unwrap();
        assert_eq!(thread.messages.len(), 3);
        assert_eq!(thread.messages[2].author, "陈静");
    });
}

#[tokio::test]
async fn pages_speak_the_readers_language() {
    let desk = Desk::spawn(Backend::Sqlite).await;
    for (accept, lang, word) in [
        ("ja-JP,ja;q=0.9,en;q=0.8", "ja", "受信箱"),
        ("zh-Hans", "zh-CN", "收件箱"),
        ("zh-CN,zh;q=0.9", "zh-CN", "收件箱"),
        ("fr-FR,en;q=0.5", "en", "Inbox"),
    ] {
        let mut browser = desk.browser(accept);
        let page = browser.get("/sign-in").await;
        assert!(
            page.body.contains(&format!("<html lang=\"{lang}\">")),
            "{accept}"
        );
        browser.sign_in("sato@example.com", PASSWORD).await;
        let inbox = browser.get("/inbox").await;
        assert!(inbox.body.contains(word), "{accept}");
        assert!(!inbox.body.contains('\u{2068}'), "no bidi isolation marks");
    }
    // The person's own setting wins over the browser's.
    let mut browser = desk.browser("ja");
    browser.sign_in("sato@example.com", PASSWORD).await;
    let settings = browser.get("/settings").await;
    let saved = browser
        .post(
            "/settings/language",
            &[("language", "zh-CN"), ("csrf", &settings.csrf())],
            &[],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let today = browser.get("/today").await;
    assert!(today.body.contains("<html lang=\"zh-CN\">"));
}

#[tokio::test]
async fn turning_an_account_off_ends_its_sessions() {
    on_every_backend!(|desk| {
        let mut browser = desk.signed_in(&desk.agent).await;
        assert_eq!(browser.get("/today").await.status, StatusCode::OK);
        let admin = Acting::user(&desk.admin);
        desk.app
            .set_user_disabled(&admin, desk.agent.id, true, t0())
            .await
            .unwrap();
        assert_eq!(browser.get("/today").await.status, StatusCode::SEE_OTHER);
        assert_eq!(
            browser.sign_in("sato@example.com", PASSWORD).await.status,
            StatusCode::UNAUTHORIZED
        );
        desk.app
            .set_user_disabled(&admin, desk.agent.id, false, t0())
            .await
            .unwrap();
        assert_eq!(
            browser.sign_in("sato@example.com", PASSWORD).await.status,
            StatusCode::SEE_OTHER
        );
    });
}

#[tokio::test]
async fn the_request_page_marks_the_decoded_evidence_and_reads_the_reply_being_written() {
    let desk = Desk::spawn(Backend::Sqlite).await;
    let mut browser = desk.signed_in(&desk.agent).await;
    let path = format!("/requests/{}", desk.ours);
    let page = browser.get(&path).await;
    assert!(
        page.body.contains("<mark class=\"ev-deadline\""),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("来週の金曜日"),
        "the deadline's words are shown"
    );
    assert!(page.body.contains("<mark class=\"ev-requester\""));
    let csrf = page.csrf();
    let card = format!("{path}/outbound-card");
    let body = [("body", "明日の15時までに修正版をお送りいたします。")];
    let plain = browser.post(&card, &body, &[("x-csrf-token", &csrf)]).await;
    assert_eq!(
        plain.status,
        StatusCode::BAD_REQUEST,
        "partials answer htmx only"
    );
    let partial = browser
        .post(
            &card,
            &body,
            &[("x-csrf-token", &csrf), ("hx-request", "true")],
        )
        .await;
    assert_eq!(partial.status, StatusCode::OK);
    assert!(
        partial.body.contains("修正版をお送りいたします"),
        "{}",
        partial.body
    );
    assert!(!partial.body.contains("<html"), "a fragment, not a page");
    let without_token = browser.post(&card, &body, &[("hx-request", "true")]).await;
    assert_eq!(without_token.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_materials_reminder_on_today_opens_the_composer_with_its_draft() {
    let desk = Desk::spawn(Backend::Sqlite).await;
    let system = Acting::system("test");
    let input = rapport_app::MaterialInput {
        request_id: desk.ours,
        what: "商品写真（高解像度）".into(),
        due_at: Some(t0() + SignedDuration::from_hours(24)),
    };
    let material = desk
        .app
        .create_material(&system, input, None, t0())
        .await
        .unwrap()
        .value;
    let mut browser = desk.signed_in(&desk.agent).await;
    let path = format!(
        "/requests/{}?compose=reminder&material={}",
        desk.ours, material.id
    );
    let page = browser.get(&path).await;
    assert_eq!(page.status, StatusCode::OK);
    let composer = page.body.split("id=\"reply-body\"").nth(1).unwrap();
    let text = composer.split("</textarea>").next().unwrap();
    assert!(text.contains("商品写真（高解像度）"), "{text}");
    // Another client's materials are not the agent's to draft.
    let theirs = rapport_app::MaterialInput {
        request_id: desk.theirs,
        what: "Signed contract".into(),
        due_at: Some(t0() + SignedDuration::from_hours(24)),
    };
    let other = desk
        .app
        .create_material(&system, theirs, None, t0())
        .await
        .unwrap()
        .value;
    let path = format!(
        "/requests/{}?compose=reminder&material={}",
        desk.ours, other.id
    );
    assert_eq!(browser.get(&path).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_inbox_filters_by_what_the_decoder_read_and_keeps_saved_views() {
    on_every_backend!(|desk| {
        let mut admin = desk.signed_in(&desk.admin).await;
        let urgent = admin.get("/inbox?urgency=urgent").await;
        assert_eq!(urgent.status, StatusCode::OK);
        assert!(
            urgent.body.contains("プレスリリース配信のご相談"),
            "至急 reads as urgent"
        );
        assert!(!urgent.body.contains("Not yours"));
        let english = admin.get("/inbox?language=en").await;
        assert!(english.body.contains("Not yours"));
        assert!(!english.body.contains("プレスリリース配信のご相談"));
        let by_due = admin.get("/inbox?sort=due&due=week").await;
        assert_eq!(by_due.status, StatusCode::OK);
        assert_eq!(
            admin.get("/inbox?state=bogus").await.status,
            StatusCode::BAD_REQUEST
        );
        let csrf = urgent.csrf();
        let saved = admin
            .post(
                "/inbox/views",
                &[
                    ("name", "至急の依頼"),
                    ("query", "urgency=urgent"),
                    ("csrf", &csrf),
                ],
                &[],
            )
            .await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER);
        assert_eq!(saved.location(), "/inbox?urgency=urgent");
        let inbox = admin.get("/inbox").await;
        assert!(
            inbox.body.contains(">至急の依頼</a>"),
            "the view is offered"
        );
        let views = desk
            .app
            .saved_views(&Acting::user(&desk.admin))
            .await
            .unwrap();
        assert_eq!(views.len(), 1);
        // Views are one's own: another person cannot delete it.
        let mut agent = desk.signed_in(&desk.agent).await;
        let theirs = agent.get("/inbox").await;
        assert!(!theirs.body.contains("至急の依頼"));
        let path = format!("/inbox/views/{}/delete", views[0].id);
        let refused = agent.post(&path, &[("csrf", &theirs.csrf())], &[]).await;
        assert_eq!(refused.status, StatusCode::NOT_FOUND);
        let deleted = admin.post(&path, &[("csrf", &csrf)], &[]).await;
        assert_eq!(deleted.status, StatusCode::SEE_OTHER);
        assert!(
            desk.app
                .saved_views(&Acting::user(&desk.admin))
                .await
                .unwrap()
                .is_empty()
        );
    });
}

#[tokio::test]
async fn settings_make_tokens_and_an_admin_adds_people_and_closes_days() {
    on_every_backend!(|desk| {
        let mut admin = desk.signed_in(&desk.admin).await;
        let settings = admin.get("/settings").await;
        assert_eq!(settings.status, StatusCode::OK);
        let csrf = settings.csrf();
        // A token is shown once, and works for the API.
        let made = admin
            .post(
                "/settings/tokens",
                &[("name", "laptop"), ("csrf", &csrf)],
                &[],
            )
            .await;
        assert_eq!(made.status, StatusCode::OK);
        let start = made.body.find("rpt_").expect("the token is shown");
        let token: String = made.body[start..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        let api = reqwest::Client::new()
            .get(format!("{}/api/v1/requests", desk.base))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert_eq!(api.status(), StatusCode::OK);
        assert!(
            !admin.get("/settings").await.body.contains(&token),
            "shown only once"
        );
        // A new person, with a password, signs in.
        let added = admin
            .post(
                "/settings/users",
                &[
                    ("name", "王芳"),
                    ("email", "wang@example.com"),
                    ("role", "agent"),
                    ("password", PASSWORD),
                    ("csrf", &csrf),
                ],
                &[],
            )
            .await;
        assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
        let mut wang = desk.browser("zh-CN");
        assert_eq!(
            wang.sign_in("wang@example.com", PASSWORD).await.status,
            StatusCode::SEE_OTHER
        );
        // Made a member of client A, the new agent opens its request.
        let request = format!("/requests/{}", desk.ours);
        assert_eq!(wang.get(&request).await.status, StatusCode::NOT_FOUND);
        let member = admin
            .post(
                &format!("/clients/{}/members", desk.client),
                &[("user", "wang@example.com"), ("csrf", &csrf)],
                &[],
            )
            .await;
        assert_eq!(member.status, StatusCode::SEE_OTHER, "{}", member.body);
        assert_eq!(wang.get(&request).await.status, StatusCode::OK);
        let wang_id = desk
            .app
            .find_user(&Acting::system("test"), "wang@example.com")
            .await
            .unwrap()
            .id;
        let removed = admin
            .post(
                &format!("/clients/{}/members/{wang_id}/remove", desk.client),
                &[("csrf", &csrf)],
                &[],
            )
            .await;
        assert_eq!(removed.status, StatusCode::SEE_OTHER);
        assert_eq!(wang.get(&request).await.status, StatusCode::NOT_FOUND);
        // Roles change, but never one's own.
        let promoted = admin
            .post(
                &format!("/settings/users/{wang_id}/role"),
                &[("role", "manager"), ("csrf", &csrf)],
                &[],
            )
            .await;
        assert_eq!(promoted.status, StatusCode::SEE_OTHER);
        let wang_now = desk
            .app
            .find_user(&Acting::system("test"), "wang@example.com")
            .await
            .unwrap();
        assert_eq!(wang_now.role, Role::Manager);
        let own = admin
            .post(
                &format!("/settings/users/{}/role", desk.admin.id),
                &[("role", "agent"), ("csrf", &csrf)],
                &[],
            )
            .await;
        assert_eq!(own.status, StatusCode::UNPROCESSABLE_ENTITY);
        let weak = admin
            .post(
                "/settings/users",
                &[
                    ("name", "Weak"),
                    ("email", "weak@example.com"),
                    ("role", "agent"),
                    ("password", "password1"),
                    ("csrf", &csrf),
                ],
                &[],
            )
            .await;
        assert_eq!(
            weak.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "a common password is refused"
        );
        // A closed day shows and opens again.
        let closed = admin
            .post(
                "/settings/calendars/jp/closed-days",
                &[
                    ("date", "2026-12-29"),
                    ("name", "年末休業"),
                    ("csrf", &csrf),
                ],
                &[],
            )
            .await;
        assert_eq!(closed.status, StatusCode::SEE_OTHER, "{}", closed.body);
        assert!(admin.get("/settings").await.body.contains("年末休業"));
        let reopened = admin
            .post(
                "/settings/calendars/jp/closed-days/2026-12-29/reopen",
                &[("csrf", &csrf)],
                &[],
            )
            .await;
        assert_eq!(reopened.status, StatusCode::SEE_OTHER);
        assert!(!admin.get("/settings").await.body.contains("年末休業"));
        // Working hours and SLA policies, typed as people write them; a bad one changes
        // nothing.
        let csrf = admin.get("/settings").await.csrf();
        for (hours, status) in [
            ("nine to five", StatusCode::UNPROCESSABLE_ENTITY),
            ("10:00－19:00", StatusCode::SEE_OTHER),
        ] {
            let answer = admin
                .post(
                    "/settings/calendars/jp/hours",
                    &[("hours", hours), ("csrf", &csrf)],
                    &[],
                )
                .await;
            assert_eq!(answer.status, status, "{hours}: {}", answer.body);
        }
        assert!(
            admin
                .get("/settings")
                .await
                .body
                .contains("value=\"10:00-19:00\"")
        );
        for (first, status) in [
            ("4x", StatusCode::UNPROCESSABLE_ENTITY),
            ("4h", StatusCode::SEE_OTHER),
        ] {
            let answer = admin
                .post(
                    "/settings/sla-policies",
                    &[
                        ("name", "Premium 優先"),
                        ("first_response", first),
                        ("next_response", "1d4h"),
                        ("resolution", "3d"),
                        ("warn_at", "80"),
                        ("csrf", &csrf),
                    ],
                    &[],
                )
                .await;
            assert_eq!(answer.status, status, "{first}: {}", answer.body);
        }
        let policies = desk
            .app
            .list_sla_policies(&Acting::system("test"))
            .await
            .unwrap();
        assert_eq!(policies.len(), 1, "the refused one was not added");
        assert_eq!(
            policies[0].targets.first_response,
            SignedDuration::from_hours(4)
        );
        assert_eq!(
            policies[0].targets.next_response,
            SignedDuration::from_hours(13)
        );
        assert_eq!(
            policies[0].targets.resolution,
            SignedDuration::from_hours(27)
        );
        assert_eq!(policies[0].targets.warn_at_percent, 80);
        let page = admin.get("/settings").await;
        assert!(
            page.body.contains("value=\"13h\""),
            "typed back as working time"
        );
        let action = format!("/settings/sla-policies/{}", policies[0].id);
        let changed = admin
            .post(
                &action,
                &[
                    ("name", "Premium"),
                    ("first_response", "2h"),
                    ("next_response", "13h"),
                    ("resolution", "27h"),
                    ("warn_at", "80"),
                    ("csrf", &csrf),
                ],
                &[],
            )
            .await;
        assert_eq!(changed.status, StatusCode::SEE_OTHER, "{}", changed.body);
        let policies = desk
            .app
            .list_sla_policies(&Acting::system("test"))
            .await
            .unwrap();
        assert_eq!(policies[0].name, "Premium");
        assert_eq!(
            policies[0].targets.first_response,
            SignedDuration::from_hours(2)
        );
        let deleted = admin
            .post(&format!("{action}/delete"), &[("csrf", &csrf)], &[])
            .await;
        assert_eq!(deleted.status, StatusCode::SEE_OTHER, "{}", deleted.body);
        assert!(
            desk.app
                .list_sla_policies(&Acting::system("test"))
                .await
                .unwrap()
                .is_empty()
        );
        // A mailbox with its password typed in: kept sealed, never in the clear.
        for (url, status) in [
            (
                "imap://desk@mail.example.com/INBOX",
                StatusCode::UNPROCESSABLE_ENTITY,
            ),
            ("imaps://desk@imap.example.com/INBOX", StatusCode::SEE_OTHER),
        ] {
            let answer = admin
                .post(
                    "/settings/mailboxes",
                    &[
                        ("url", url),
                        ("password", "メール用の秘密"),
                        ("csrf", &csrf),
                    ],
                    &[],
                )
                .await;
            assert_eq!(answer.status, status, "{url}: {}", answer.body);
        }
        let mailboxes = desk
            .app
            .list_mailboxes(&Acting::system("test"))
            .await
            .unwrap();
        assert_eq!(mailboxes.len(), 1);
        assert!(
            matches!(&mailboxes[0].password, rapport_domain::MailboxPassword::Sealed(s) if !s.contains("秘密")),
            "{:?}",
            mailboxes[0].password
        );
        assert!(
            admin
                .get("/settings")
                .await
                .body
                .contains("imaps://desk@imap.example.com")
        );
        // An agent has none of the admin's part, and its actions are refused.
        let mut agent = desk.signed_in(&desk.agent).await;
        let theirs = agent.get("/settings").await;
        assert!(!theirs.body.contains("id=\"admin\""));
        let refused = agent
            .post(
                "/settings/users",
                &[
                    ("name", "X"),
                    ("email", "x@example.com"),
                    ("role", "admin"),
                    ("csrf", &theirs.csrf()),
                ],
                &[],
            )
            .await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        let refused = agent
            .post(
                "/settings/calendars/jp/hours",
                &[("hours", "08:00-20:00"), ("csrf", &theirs.csrf())],
                &[],
            )
            .await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
    });
}

#[tokio::test]
async fn what_the_engine_told_a_person_is_listed_in_their_language_and_marked_read() {
    let desk = Desk::spawn(Backend::Sqlite).await;
    let system = Acting::system("test");
    let promise = rapport_app::CommitmentInput {
        client_id: desk.client,
        request_id: Some(desk.ours),
        owner_id: Some(desk.agent.id),
        promise: "構成案を本日中にお送りします".into(),
        due_at: t0() + SignedDuration::from_hours(1),
    };
    desk.app
        .create_commitment(&system, promise, None, t0())
        .await
        .unwrap();
    let later = t0() + SignedDuration::from_hours(72);
    desk.app.run_due_jobs(&system, Some(later)).await.unwrap();
    desk.clock.advance(SignedDuration::from_hours(96));
    let mut browser = desk.browser("ja");
    browser.sign_in("sato@example.com", PASSWORD).await;
    let page = browser.get("/notifications").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("構成案を本日中にお送りします"),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("期限を過ぎた約束"),
        "the kind in Japanese"
    );
    let badge = "<span class=\"count\" title=\"未読 1 件\">1<";
    assert!(page.body.contains(badge), "the unread count: {}", page.body);
    let notices = desk
        .app
        .list_notifications(&Acting::user(&desk.agent), None, true, desk.clock.now())
        .await
        .unwrap();
    assert_eq!(notices.len(), 1);
    let read = browser
        .post(
            &format!("/notifications/{}/read", notices[0].id),
            &[("csrf", &page.csrf())],
            &[],
        )
        .await;
    assert_eq!(read.status, StatusCode::SEE_OTHER);
    let unread = desk
        .app
        .list_notifications(&Acting::user(&desk.agent), None, true, desk.clock.now())
        .await
        .unwrap();
    assert!(unread.is_empty());
    let today = browser.get("/today").await;
    assert!(!today.body.contains("class=\"count\""), "nothing unread");
}

#[tokio::test]
async fn a_manager_changes_how_an_engagement_is_served_on_the_client_page() {
    let desk = Desk::spawn(Backend::Sqlite).await;
    let system = Acting::system("test");
    let policy = rapport_app::SlaPolicyInput {
        name: "優先サポート".into(),
        first_response_minutes: 60,
        next_response_minutes: 240,
        resolution_minutes: 1080,
        warn_at_percent: None,
    };
    let policy = desk
        .app
        .create_sla_policy(&system, policy, t0())
        .await
        .unwrap();
    let input = rapport_app::EngagementInput {
        client_id: desk.client,
        name: "広報支援".into(),
        scope_included: vec!["プレスリリース作成".into()],
        scope_excluded: Vec::new(),
        extra_rate: None,
        hour_budget: None,
        sla_policy_id: None,
        auto_close_after_days: None,
        working_hours: None,
        cadence: Default::default(),
    };
    let engagement = desk
        .app
        .create_engagement(&system, input, None, t0())
        .await
        .unwrap()
        .value;
    let client_page = format!("/clients/{}", desk.client);
    let action = format!("{client_page}/engagements/{}/terms", engagement.id);
    let mut admin = desk.signed_in(&desk.admin).await;
    let page = admin.get(&client_page).await;
    assert!(
        page.body.contains(&format!("action=\"{action}\"")),
        "{}",
        page.body
    );
    let policy_id = policy.id.to_string();
    let mut form = vec![
        ("sla", policy_id.as_str()),
        ("hours", "10:00-19:00"),
        ("report_every", "five"),
        ("check_in_after", ""),
        ("meeting_every", "2"),
        ("auto_close", ""),
    ];
    let csrf = page.csrf();
    form.push(("csrf", &csrf));
    let refused = admin.post(&action, &form, &[]).await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
    form[2].1 = "5";
    let saved = admin.post(&action, &form, &[]).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert_eq!(
        saved.location(),
        format!("{client_page}#engagement-{}", engagement.id)
    );
    let terms = desk
        .app
        .get_engagement(&system, engagement.id)
        .await
        .unwrap()
        .terms();
    assert_eq!(terms.sla_policy_id, Some(policy_id.clone()));
    assert_eq!(terms.cadence.report_every_days, Some(5));
    assert_eq!(terms.cadence.meeting_every_weeks, Some(2));
    assert_eq!(terms.cadence.check_in_after_days, None);
    let page = admin.get(&client_page).await;
    assert!(page.body.contains("<dd>優先サポート</dd>"), "{}", page.body);
    // An agent who works the client reads the terms but may not change them.
    let mut agent = desk.signed_in(&desk.agent).await;
    let page = agent.get(&client_page).await;
    assert!(page.body.contains("<dd>10:00-19:00</dd>"));
    assert!(!page.body.contains(&format!("action=\"{action}\"")));
    let csrf = page.csrf();
    let refused = agent
        .post(&action, &[("sla", ""), ("csrf", &csrf)], &[])
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
}
