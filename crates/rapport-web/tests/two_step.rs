//! Two-step sign-in over HTTP on SQLite and PostgreSQL: setting up an authenticator app,
//! the code after the password (each code once), recovery codes, the throttle on
//! guessing codes, a role an admin requires it of, and an admin's reset.

#[macro_use]
mod desk;

use desk::*;
use jiff::SignedDuration;
use rapport_app::one_time_code;
use rapport_domain::Clock;
use rapport_store::Backend;
use reqwest::StatusCode;

/// The text between `start` and the next `end`, for each occurrence.
fn all_between<'a>(html: &'a str, start: &str, end: &str) -> Vec<&'a str> {
    html.split(start)
        .skip(1)
        .filter_map(|part| part.split_once(end).map(|(inside, _)| inside))
        .collect()
}

/// A code from the app that is not the right one now.
fn wrong(code: &str) -> &'static str {
    if code == "000000" { "111111" } else { "000000" }
}

/// Sets up a second factor for the signed-in `browser`; its secret and recovery codes.
async fn set_up(desk: &Desk, browser: &mut Browser) -> (String, Vec<String>) {
    let page = browser.get("/settings/second-factor").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let started = browser
        .post(
            "/settings/second-factor/start",
            &[("csrf", &page.csrf())],
            &[],
        )
        .await;
    assert_eq!(started.location(), "/settings/second-factor");
    let page = browser.get("/settings/second-factor").await;
    assert!(page.body.contains("<svg"), "a QR code: {}", page.body);
    let secret: String = all_between(&page.body, "<code class=\"secret\">", "</code>")[0]
        .split_whitespace()
        .collect();
    let code = one_time_code(&secret, desk.clock.now()).unwrap();
    let csrf = page.csrf();
    let refused = browser
        .post(
            "/settings/second-factor/confirm",
            &[("csrf", &csrf), ("code", wrong(&code))],
            &[],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("role=\"alert\""), "{}", refused.body);
    let confirmed = browser
        .post(
            "/settings/second-factor/confirm",
            &[("csrf", &csrf), ("code", &code)],
            &[],
        )
        .await;
    assert_eq!(confirmed.status, StatusCode::OK, "{}", confirmed.body);
    let codes: Vec<String> = all_between(&confirmed.body, "<li><code>", "</code>")
        .into_iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(codes.len(), 10, "{}", confirmed.body);
    (secret, codes)
}

/// A new browser past the password of `email`: it owes its code.
async fn password_only(desk: &Desk, email: &str) -> Browser {
    let mut browser = desk.browser("en");
    let page = browser.sign_in(email, PASSWORD).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(page.location(), "/sign-in/code?next=/inbox");
    browser
}

async fn type_code(browser: &mut Browser, code: &str) -> Page {
    let form = browser.get("/sign-in/code").await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.body);
    browser
        .post(
            "/sign-in/code",
            &[("csrf", &form.csrf()), ("code", code), ("next", "/inbox")],
            &[],
        )
        .await
}

#[tokio::test]
async fn a_second_factor_is_set_up_asked_after_the_password_and_each_code_works_once() {
    on_every_backend!(|desk| {
        let mut first = desk.signed_in(&desk.agent).await;
        let (secret, recovery) = set_up(&desk, &mut first).await;
        let settings = first.get("/settings").await;
        assert!(
            settings.body.contains("<span class=\"badge ok\">On</span>"),
            "{}",
            settings.body
        );

        // The password alone opens nothing but the code page.
        let mut second = password_only(&desk, desk.agent.email.as_str()).await;
        for path in ["/inbox", "/today", "/settings", "/settings/second-factor"] {
            let page = second.get(path).await;
            assert_eq!(page.status, StatusCode::SEE_OTHER, "{path}");
            assert_eq!(page.location(), "/sign-in/code", "{path}");
        }
        // The code used to confirm the setup is spent; the next one opens the desk.
        let used = one_time_code(&secret, desk.clock.now()).unwrap();
        let replay = type_code(&mut second, &used).await;
        assert_eq!(replay.status, StatusCode::UNAUTHORIZED, "{}", replay.body);
        desk.clock.advance(SignedDuration::from_secs(30));
        let fresh = one_time_code(&secret, desk.clock.now()).unwrap();
        let passed = type_code(&mut second, &fresh).await;
        assert_eq!(passed.status, StatusCode::SEE_OTHER, "{}", passed.body);
        assert_eq!(passed.location(), "/inbox");
        assert_eq!(second.get("/inbox").await.status, StatusCode::OK);
        // The same code in another browser is refused.
        let mut third = password_only(&desk, desk.agent.email.as_str()).await;
        assert_eq!(
            type_code(&mut third, &fresh).await.status,
            StatusCode::UNAUTHORIZED
        );

        // A recovery code, typed in lower case without its dash, works once.
        let typed = recovery[3].replace('-', "").to_lowercase();
        let passed = type_code(&mut third, &typed).await;
        assert_eq!(passed.status, StatusCode::SEE_OTHER, "{}", passed.body);
        let mut fourth = password_only(&desk, desk.agent.email.as_str()).await;
        assert_eq!(
            type_code(&mut fourth, &recovery[3]).await.status,
            StatusCode::UNAUTHORIZED
        );

        // Guessing codes is throttled like guessing passwords.
        let mut answers = Vec::new();
        for _ in 0..8 {
            answers.push(type_code(&mut fourth, "123 456").await);
        }
        let throttled = answers
            .iter()
            .find(|p| p.status == StatusCode::TOO_MANY_REQUESTS)
            .expect("a 429 after repeated wrong codes");
        assert!(throttled.headers.contains_key("retry-after"));
    });
}

#[tokio::test]
async fn a_role_an_admin_requires_it_of_sets_it_up_at_sign_in_and_an_admin_resets_it() {
    on_every_backend!(|desk| {
        // An agent may not reset someone else's.
        let mut agent = desk.signed_in(&desk.agent).await;
        let page = agent.get("/settings").await;
        let refused = agent
            .post(
                &format!("/settings/users/{}/second-factor/reset", desk.admin.id),
                &[("csrf", &page.csrf())],
                &[],
            )
            .await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);

        let mut admin = desk.signed_in(&desk.admin).await;
        let settings = admin.get("/settings").await;
        let required = admin
            .post(
                "/settings/second-factor/roles",
                &[("csrf", &settings.csrf()), ("agent", "on")],
                &[],
            )
            .await;
        assert_eq!(required.status, StatusCode::SEE_OTHER, "{}", required.body);

        // An agent without a second factor must set one up before anything else.
        let mut chen = desk.browser("zh-CN");
        let page = chen.sign_in(desk.colleague.email.as_str(), PASSWORD).await;
        assert_eq!(page.location(), "/settings/second-factor");
        assert_eq!(
            chen.get("/today").await.location(),
            "/settings/second-factor"
        );
        let page = chen.get("/settings/second-factor").await;
        assert!(page.body.contains("两步验证"), "{}", page.body);
        assert!(!page.body.contains("href=\"/inbox\""), "no navigation yet");
        let (_, _) = set_up(&desk, &mut chen).await;
        assert_eq!(chen.get("/today").await.status, StatusCode::OK);
        // Required: it cannot be turned off by its owner.
        let page = chen.get("/settings/second-factor").await;
        assert!(!page.body.contains("/settings/second-factor/off"));

        // The admin resets it (a lost phone): the agent is signed out everywhere and sets
        // it up again at the next sign-in.
        let settings = admin.get("/settings").await;
        assert!(settings.body.contains(&format!(
            "/settings/users/{}/second-factor/reset",
            desk.colleague.id
        )));
        let reset = admin
            .post(
                &format!("/settings/users/{}/second-factor/reset", desk.colleague.id),
                &[("csrf", &settings.csrf())],
                &[],
            )
            .await;
        assert_eq!(reset.status, StatusCode::SEE_OTHER, "{}", reset.body);
        assert!(chen.get("/today").await.location().starts_with("/sign-in"));
        let mut again = desk.browser("en");
        let page = again.sign_in(desk.colleague.email.as_str(), PASSWORD).await;
        assert_eq!(page.location(), "/settings/second-factor");
    });
}

#[tokio::test]
async fn its_owner_turns_it_off_with_a_current_code() {
    let desk = Desk::spawn(Backend::Sqlite).await;
    let mut browser = desk.signed_in(&desk.agent).await;
    let (secret, _) = set_up(&desk, &mut browser).await;
    let page = browser.get("/settings/second-factor").await;
    let csrf = page.csrf();
    desk.clock.advance(SignedDuration::from_secs(30));
    let code = one_time_code(&secret, desk.clock.now()).unwrap();
    let refused = browser
        .post(
            "/settings/second-factor/off",
            &[("csrf", &csrf), ("code", wrong(&code))],
            &[],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let off = browser
        .post(
            "/settings/second-factor/off",
            &[("csrf", &csrf), ("code", &code)],
            &[],
        )
        .await;
    assert_eq!(off.status, StatusCode::SEE_OTHER, "{}", off.body);
    let mut next = desk.browser("en");
    let page = next.sign_in(desk.agent.email.as_str(), PASSWORD).await;
    assert_eq!(page.location(), "/inbox", "the password is enough again");
}
