//! Running the real `rapport` binary from tests: servers on random ports, CLI calls.

#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::Duration;

pub const BIN: &str = env!("CARGO_BIN_EXE_rapport");

/// A fresh, empty directory under the system's temp dir.
pub fn temp_dir(label: &str) -> PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    let dir = std::env::temp_dir().join(format!("rapport-{label}-{}-{nanos}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs `rapport ARGS` against `data_dir` and waits for it.
pub fn rapport(data_dir: &Path, database_url: Option<&str>, args: &[&str]) -> Output {
    let mut command = Command::new(BIN);
    command
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env_remove("RAPPORT_DATABASE_URL")
        .env("RAPPORT_LOG", "warn");
    if let Some(url) = database_url {
        command.arg("--database-url").arg(url);
    }
    command.output().unwrap()
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A `rapport serve` process; killed when dropped.
pub struct Server {
    pub child: Child,
    pub base: String,
    /// Everything the server printed on stdout before it listened.
    pub banner: String,
}

impl Server {
    // The child is waited for in `Drop`, which clippy cannot see.
    #[allow(clippy::zombie_processes)]
    pub fn start(data_dir: &Path, database_url: Option<&str>, extra: &[&str]) -> Server {
        let mut command = Command::new(BIN);
        command
            .arg("--data-dir")
            .arg(data_dir)
            .args(["serve", "--listen", "127.0.0.1:0"])
            .args(extra)
            .env_remove("RAPPORT_DATABASE_URL")
            .env("RAPPORT_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit());
        if let Some(url) = database_url {
            command.arg("--database-url").arg(url);
        }
        let mut child = command.spawn().unwrap();
        let mut reader = BufReader::new(child.stdout.take().unwrap());
        let mut banner = String::new();
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).unwrap() == 0 {
                let status = child.wait().unwrap();
                panic!("rapport serve exited ({status}) before listening; it printed:\n{banner}");
            }
            banner.push_str(&line);
            if let Some(rest) = line.trim().strip_prefix("rapport listening on ") {
                let base = rest.split_whitespace().next().unwrap().to_owned();
                // Keep draining stdout so the server never blocks on a full pipe.
                std::thread::spawn(move || for _ in reader.lines() {});
                return Server {
                    child,
                    base,
                    banner,
                };
            }
        }
    }

    pub fn kill_hard(&mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }

    /// Sends SIGTERM and waits for a clean exit.
    pub fn terminate(&mut self) -> std::process::ExitStatus {
        let pid = self.child.id().to_string();
        Command::new("kill").args(["-TERM", &pid]).status().unwrap();
        for _ in 0..100 {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("rapport serve did not stop within 10 s of SIGTERM");
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Creates an admin and a token with the CLI; returns the token.
pub fn admin_token(data_dir: &Path, database_url: Option<&str>) -> String {
    let added = rapport(
        data_dir,
        database_url,
        &[
            "user",
            "add",
            "--admin",
            "--name",
            "Admin",
            "--email",
            "admin@example.com",
        ],
    );
    assert!(added.status.success(), "{}", stderr(&added));
    let token = rapport(
        data_dir,
        database_url,
        &["token", "create", "--user", "admin@example.com"],
    );
    assert!(token.status.success(), "{}", stderr(&token));
    stdout(&token).trim().to_owned()
}
