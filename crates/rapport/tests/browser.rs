//! The web desk in a real browser: `browser/journey.mjs` (npm's playwright-core driving
//! Debian's chromium) walks the main journey in Japanese, Chinese and English against
//! `rapport serve --demo`, makes the security checks a browser can make, and saves a
//! screenshot of every page in every language under `browser/screenshots/`.
//!
//! Needs what `.ci/run` installs: `apt-get install chromium fonts-noto-cjk` and
//! `npm ci --prefix browser`. Without them this test fails and says so.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use support::*;

fn browser_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../browser")
}

/// Sets a demo user's password through the CLI, reading it from standard input.
fn set_password(data: &Path, email: &str, password: &str) {
    use std::io::Write;
    let mut child = Command::new(BIN)
        .arg("--data-dir")
        .arg(data)
        .args([
            "user",
            "set-password",
            "--user",
            email,
            "--password-file",
            "-",
        ])
        .env_remove("RAPPORT_DATABASE_URL")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    writeln!(child.stdin.take().unwrap(), "{password}").unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "set-password failed: {}",
        stderr(&output)
    );
}

#[test]
fn the_main_journey_in_three_languages_in_a_real_browser() {
    let dir = browser_dir();
    let chromium = std::env::var("RAPPORT_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    assert!(
        Path::new(&chromium).exists(),
        "no browser at {chromium}: run .ci/run, or apt-get install chromium fonts-noto-cjk"
    );
    assert!(
        dir.join("node_modules/playwright-core").exists(),
        "playwright-core is not installed: run .ci/run, or npm ci --prefix browser"
    );
    let data = temp_dir("browser");
    let server = Server::start(&data, None, &["--demo", "--no-jobs"]);
    let admin_password = std::fs::read_to_string(data.join("demo-password")).unwrap();
    let admin_password = admin_password.trim();
    assert!(
        server.banner.contains(admin_password),
        "the password is printed too"
    );
    let agent_password = "tall-cedar-lantern-7";
    for agent in [
        "chen.jing@demo.rapport.example",
        "james.carter@demo.rapport.example",
    ] {
        set_password(&data, agent, agent_password);
    }
    let passwords = serde_json::json!({
        "admin@demo.rapport.example": admin_password,
        "chen.jing@demo.rapport.example": agent_password,
        "james.carter@demo.rapport.example": agent_password,
    });
    let screenshots = dir.join("screenshots");
    let _ = std::fs::remove_dir_all(&screenshots);
    std::fs::create_dir_all(&screenshots).unwrap();
    let output = Command::new("node")
        .arg(dir.join("journey.mjs"))
        .arg(&server.base)
        .arg(passwords.to_string())
        .arg(&screenshots)
        .current_dir(&dir)
        .env("RAPPORT_CHROMIUM", &chromium)
        .output()
        .expect("node runs (apt-get install nodejs)");
    println!("{}", stdout(&output));
    assert!(
        output.status.success(),
        "the journey failed:\n{}\n{}",
        stdout(&output),
        stderr(&output)
    );
    for lang in ["ja", "zh-CN", "en"] {
        for page in [
            "sign-in",
            "today",
            "inbox",
            "request",
            "client",
            "settings",
            "notifications",
        ] {
            let file = screenshots.join(format!("{lang}-{page}.png"));
            let size = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
            assert!(size > 10_000, "{} is missing or empty", file.display());
        }
    }
}
