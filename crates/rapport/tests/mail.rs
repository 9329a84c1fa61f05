//! `rapport ingest` and `rapport triage` as a user runs them: .eml files, mbox files and
//! Maildir folders in, a summary out, nothing stored twice, a clear failure for what
//! cannot be read, and third-party mail (the mail-parser crate's own test messages) all
//! stored or triaged.

mod support;

use serde_json::Value;
use std::path::{Path, PathBuf};
use support::*;

fn json(output: &std::process::Output) -> Value {
    assert!(output.status.success(), "{}", stderr(output));
    serde_json::from_str(&stdout(output)).unwrap_or_else(|e| panic!("{e}: {}", stdout(output)))
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text.replace('\n', "\r\n")).unwrap();
}

#[test]
fn ingest_threads_triages_and_never_stores_twice() {
    let data = temp_dir("cli-ingest");
    let mail = data.join("mail-in");
    let added = rapport(
        &data,
        None,
        &[
            "--json",
            "client",
            "add",
            "--name",
            "株式会社ひだまり食品",
            "--time-zone",
            "Asia/Tokyo",
            "--domain",
            "hidamari.example.jp",
            "--domain",
            "HIDAMARI-group.example.jp",
        ],
    );
    assert_eq!(
        json(&added)["domains"],
        serde_json::json!(["hidamari.example.jp", "hidamari-group.example.jp"])
    );
    let refused = rapport(
        &data,
        None,
        &[
            "client",
            "add",
            "--name",
            "x",
            "--time-zone",
            "UTC",
            "--domain",
            "qq.com",
        ],
    );
    assert!(
        stderr(&refused).contains("invalid --domain: qq.com is a free-mail domain"),
        "{}",
        stderr(&refused)
    );

    // A Maildir with a request and its Outlook reply, an mbox with an unknown sender and
    // an out-of-office reply, and one .eml file.
    write(
        &mail.join("Maildir/cur/1.host:2,S"),
        "From: 小林 <kobayashi@hidamari.example.jp>\nSubject: 見積依頼\nMessage-ID: <q1@hidamari.example.jp>\nDate: Thu, 03 Dec 2026 10:00:00 +0900\n\n見積書を来週水曜日までにお願いします。\n",
    );
    write(
        &mail.join("Maildir/new/2.host"),
        "From: kobayashi@hidamari.example.jp\nSubject: RE: 見積依頼\nDate: Thu, 03 Dec 2026 11:00:00 +0900\nThread-Index: AdtFabc=\n\n追記です。\n",
    );
    std::fs::write(mail.join("inbox.mbox"), "From x Thu Dec  3 10:00:00 2026\nFrom: stranger@elsewhere.example\nSubject: hello\n\nWho handles web design?\n\nFrom y Thu Dec  3 10:00:00 2026\nFrom: ito@hidamari-group.example.jp\nSubject: Out of office\nAuto-Submitted: auto-replied\n\n不在です。\n").unwrap();
    write(
        &mail.join("single.eml"),
        "From: ito@hidamari-group.example.jp\nSubject: 新規のご相談\nMessage-ID: <s1@hidamari-group.example.jp>\n\nサイト改修のご相談です。\n",
    );
    let paths = [
        mail.join("Maildir"),
        mail.join("inbox.mbox"),
        mail.join("single.eml"),
    ];
    let args = |json: bool| {
        let mut args: Vec<String> = if json { vec!["--json".into()] } else { vec![] };
        args.push("ingest".into());
        args.extend(paths.iter().map(|p| p.display().to_string()));
        args
    };
    let run = |json: bool| {
        let args = args(json);
        rapport(
            &data,
            None,
            &args.iter().map(String::as_str).collect::<Vec<_>>(),
        )
    };
    let summary = json(&run(true));
    assert_eq!(
        summary,
        serde_json::json!({"stored": 5, "duplicates": 0, "threaded": 1, "new_requests": 2, "triaged": 2, "failed": 0})
    );
    let again = run(false);
    assert!(again.status.success());
    assert_eq!(
        stdout(&again).trim(),
        "0 stored (0 threaded, 0 new requests, 0 triaged), 5 duplicates, 0 failed"
    );

    let triage = json(&rapport(&data, None, &["--json", "triage", "list"]));
    let items = triage["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(items[0]["from"]["address"], "stranger@elsewhere.example");
    assert_eq!(items[0]["reason"], "unknown_sender");
    assert_eq!(items[1]["reason"], "automatic");
    let id = items[0]["id"].to_string();
    let assigned = json(&rapport(
        &data,
        None,
        &["--json", "triage", "assign", &id, "--client", "1"],
    ));
    assert_eq!(assigned["request"]["client_id"], 1);
    assert_eq!(
        assigned["message"]["from"]["address"],
        "stranger@elsewhere.example"
    );
    let twice = rapport(&data, None, &["triage", "assign", &id, "--client", "1"]);
    assert!(
        stderr(&twice).contains("already assigned"),
        "{}",
        stderr(&twice)
    );

    // A path that is not there fails at once; an unreadable file is named and counted.
    let missing = rapport(&data, None, &["ingest", "/nonexistent/mail"]);
    assert!(!missing.status.success());
    assert!(
        stderr(&missing).contains("/nonexistent/mail"),
        "{}",
        stderr(&missing)
    );
}

/// The folder of third-party messages: mail-parser 1.0.1's own test mail where CI put it
/// (`RAPPORT_THIRD_PARTY_MAIL`), else the copy in the mail-parser package this build uses.
fn third_party_mail() -> PathBuf {
    if let Some(dir) = std::env::var_os("RAPPORT_THIRD_PARTY_MAIL") {
        return PathBuf::from(dir);
    }
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(std::env::var_os("HOME").unwrap()).join(".cargo"));
    let registry = cargo_home.join("registry/src");
    for index in std::fs::read_dir(&registry).unwrap() {
        let candidate = index
            .unwrap()
            .path()
            .join("mail-parser-0.11.9/resources/eml");
        if candidate.is_dir() {
            return candidate;
        }
    }
    panic!(
        "no third-party mail: set RAPPORT_THIRD_PARTY_MAIL or build once so cargo unpacks mail-parser"
    );
}

#[test]
fn third_party_mail_is_all_stored_or_triaged() {
    let source = third_party_mail();
    // Only the messages: the folder also holds the crate's expected JSON.
    let data = temp_dir("cli-third-party");
    let inbox = data.join("inbox");
    let mut count = 0;
    for folder in std::fs::read_dir(&source).unwrap() {
        let folder = folder.unwrap().path();
        if !folder.is_dir() {
            continue;
        }
        for file in std::fs::read_dir(&folder).unwrap() {
            let file = file.unwrap().path();
            if file.extension().is_some_and(|e| e == "eml") {
                let name = format!(
                    "{}-{}",
                    folder.file_name().unwrap().to_string_lossy(),
                    file.file_name().unwrap().to_string_lossy()
                );
                std::fs::create_dir_all(&inbox).unwrap();
                std::fs::copy(&file, inbox.join(name)).unwrap();
                count += 1;
            }
        }
    }
    assert!(
        count >= 100,
        "only {count} third-party messages in {}",
        source.display()
    );
    let summary = json(&rapport(
        &data,
        None,
        &["--json", "ingest", inbox.to_str().unwrap()],
    ));
    assert_eq!(summary["failed"], 0, "{summary}");
    // Some messages are byte-for-byte copies of others in the crate's set.
    let stored = summary["stored"].as_u64().unwrap() + summary["duplicates"].as_u64().unwrap();
    assert_eq!(stored, count as u64, "{summary}");
    assert_eq!(
        summary["triaged"], summary["stored"],
        "no client knows these senders: {summary}"
    );
}

#[test]
fn the_golden_corpus_goes_in_through_the_command_line() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../rapport-mail/tests/corpus/mail");
    let data = temp_dir("cli-corpus");
    let inbox = data.join("inbox");
    std::fs::create_dir_all(&inbox).unwrap();
    for file in std::fs::read_dir(&corpus).unwrap() {
        let file = file.unwrap().path();
        if file.extension().is_some_and(|e| e == "eml") {
            std::fs::copy(&file, inbox.join(file.file_name().unwrap())).unwrap();
        }
    }
    let summary = json(&rapport(
        &data,
        None,
        &["--json", "ingest", inbox.to_str().unwrap()],
    ));
    assert_eq!(summary["failed"], 0, "{summary}");
    assert!(summary["stored"].as_u64().unwrap() >= 50, "{summary}");
}

/// The test SMTP server (aiosmtpd, `support/smtp_sink.py`); stopped when dropped.
struct SmtpSink {
    child: std::process::Child,
    port: u16,
    folder: PathBuf,
}

impl SmtpSink {
    fn start(folder: PathBuf) -> SmtpSink {
        Self::start_with(folder, &[])
    }

    /// An SMTP server over TLS (smtps) with this certificate and key.
    fn start_tls(folder: PathBuf, cert: &Path, key: &Path) -> SmtpSink {
        Self::start_with(folder, &[cert, key])
    }

    fn start_with(folder: PathBuf, tls: &[&Path]) -> SmtpSink {
        use std::io::BufRead;
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/smtp_sink.py");
        let mut child = std::process::Command::new("python3")
            .arg(script)
            .arg(&folder)
            .args(tls)
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("python3 runs the SMTP sink (pip install aiosmtpd)");
        let mut line = String::new();
        std::io::BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let port = line
            .trim()
            .strip_prefix("listening ")
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| {
                panic!("the SMTP sink did not start (is aiosmtpd installed?): {line:?}")
            });
        SmtpSink {
            child,
            port,
            folder,
        }
    }

    /// The raw bytes and the envelope of the `n`th message received (1-based).
    fn received(&self, n: usize) -> (String, Value) {
        let raw = std::fs::read_to_string(self.folder.join(format!("{n:03}.eml"))).unwrap();
        let envelope = std::fs::read_to_string(self.folder.join(format!("{n:03}.json"))).unwrap();
        (raw, serde_json::from_str(&envelope).unwrap())
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn replies_go_out_through_the_outbox_to_a_real_smtp_server() {
    let data = temp_dir("cli-smtp");
    let sink = SmtpSink::start(data.join("received"));
    let config = data.join("rapport.toml");
    std::fs::write(
        &config,
        format!("smtp_url = \"smtp://127.0.0.1:{}\"\nmail_from = \"佐藤 美咲 <sato@brightlink.example>\"\n", sink.port),
    )
    .unwrap();
    let config = config.to_str().unwrap();
    let desk = |args: &[&str]| {
        let mut all = vec!["--config", config];
        all.extend_from_slice(args);
        rapport(&data, None, &all)
    };
    json(&desk(&[
        "--json",
        "client",
        "add",
        "--name",
        "ひだまり食品",
        "--time-zone",
        "Asia/Tokyo",
        "--languages",
        "ja",
        "--domain",
        "hidamari.example.jp",
    ]));
    let inbound = data.join("q1.eml");
    write(
        &inbound,
        "From: =?UTF-8?B?5bCP5p6X?= <kobayashi@hidamari.example.jp>\nSubject: =?UTF-8?B?6KaL56mN5L6d6aC8?=\nMessage-ID: <q1@hidamari.example.jp>\nReferences: <root@hidamari.example.jp>\nDate: Thu, 03 Dec 2026 10:00:00 +0900\n\n見積書をお願いします。\n",
    );
    json(&desk(&["--json", "ingest", inbound.to_str().unwrap()]));

    let reply = json(&desk(&[
        "--json",
        "request",
        "message",
        "1",
        "--direction",
        "outbound",
        "--channel",
        "email",
        "--body",
        "小林様\n\n見積書を明日15時までにお送りいたします。\n\n佐藤",
    ]));
    let our_id = reply["message"]["message_id"].as_str().unwrap().to_owned();
    assert!(
        our_id.starts_with("rapport-r1-") && our_id.ends_with("@brightlink.example"),
        "{our_id}"
    );
    let pending = json(&desk(&["--json", "outbox", "list"]));
    assert_eq!(pending["items"][0]["state"], "pending");
    assert_eq!(
        pending["items"][0]["recipients"],
        serde_json::json!(["kobayashi@hidamari.example.jp"])
    );

    let round = json(&desk(&["--json", "outbox", "send"]));
    assert_eq!(
        round,
        serde_json::json!({"sent": 1, "deferred": 0, "failed": 0})
    );
    let (raw, envelope) = sink.received(1);
    assert_eq!(
        envelope,
        serde_json::json!({"mail_from": "sato@brightlink.example", "rcpt_tos": ["kobayashi@hidamari.example.jp"]})
    );
    for header in [
        format!("Message-ID: <{our_id}>\r\n"),
        "In-Reply-To: <q1@hidamari.example.jp>\r\n".to_owned(),
        "References: <root@hidamari.example.jp> <q1@hidamari.example.jp>\r\n".to_owned(),
        "Content-Language: ja\r\n".to_owned(),
    ] {
        assert!(raw.contains(&header), "{header:?} missing from:\n{raw}");
    }
    let received = rapport_mail::parse(raw.as_bytes(), &rapport_mail::Limits::default());
    assert_eq!(received.subject, "Re: 見積依頼");
    assert_eq!(received.to[0].address, "kobayashi@hidamari.example.jp");
    assert_eq!(received.from.unwrap().name.as_deref(), Some("佐藤 美咲"));
    assert!(
        received
            .text
            .contains("見積書を明日15時までにお送りいたします。")
    );
    let sent = json(&desk(&["--json", "outbox", "list", "--state", "sent"]));
    assert_eq!(
        sent["items"][0]["last_answer"],
        "250 2.0.0 queued as sink-1"
    );

    // The client answers our mail with a fresh subject: its In-Reply-To names our request.
    let answer = data.join("a1.eml");
    write(
        &answer,
        &format!(
            "From: kobayashi@hidamari.example.jp\nSubject: ありがとうございます\nMessage-ID: <a1@hidamari.example.jp>\nIn-Reply-To: <{our_id}>\n\n承知しました。\n"
        ),
    );
    let summary = json(&desk(&["--json", "ingest", answer.to_str().unwrap()]));
    assert_eq!(summary["threaded"], 1, "{summary}");

    // Refused for good (550) fails at once; refused for now (451) waits for another try.
    for to in ["nobody@refuse.example", "busy@later.example"] {
        json(&desk(&[
            "--json",
            "request",
            "message",
            "1",
            "--direction",
            "outbound",
            "--channel",
            "email",
            "--to",
            to,
            "--body",
            "テスト",
        ]));
    }
    let round = json(&desk(&["--json", "outbox", "send"]));
    assert_eq!(
        round,
        serde_json::json!({"sent": 0, "deferred": 1, "failed": 1})
    );
    let failed = json(&desk(&["--json", "outbox", "list", "--state", "failed"]));
    assert!(
        failed["items"][0]["last_answer"]
            .as_str()
            .unwrap()
            .contains("550"),
        "{failed}"
    );
    let waiting = json(&desk(&["--json", "outbox", "list", "--state", "pending"]));
    assert_eq!(waiting["items"][0]["attempts"], 1);
    assert!(
        waiting["items"][0]["next_attempt_at"].is_string(),
        "{waiting}"
    );
    let id = failed["items"][0]["id"].to_string();
    let retried = json(&desk(&["--json", "outbox", "retry", &id]));
    assert_eq!(retried["state"], "pending");
    let again = desk(&["outbox", "retry", &id]);
    assert!(
        stderr(&again).contains("only a failed one is retried"),
        "{}",
        stderr(&again)
    );

    // Header injection through a recipient is refused before anything is stored.
    let injected = desk(&[
        "request",
        "message",
        "1",
        "--direction",
        "outbound",
        "--channel",
        "email",
        "--to",
        "a@b.example\r\nBcc: victim@example.com",
        "--body",
        "x",
    ]);
    assert!(!injected.status.success());
    assert!(
        stderr(&injected).contains("invalid --to"),
        "{}",
        stderr(&injected)
    );
}

#[test]
fn notifications_reach_their_person_by_mail_once() {
    let data = temp_dir("cli-notify-mail");
    let sink = SmtpSink::start(data.join("received"));
    let config = data.join("rapport.toml");
    std::fs::write(
        &config,
        format!("smtp_url = \"smtp://127.0.0.1:{}\"\nmail_from = \"Rapport <desk@brightlink.example>\"\n", sink.port),
    )
    .unwrap();
    let config = config.to_str().unwrap();
    let desk = |args: &[&str]| {
        let mut all = vec!["--config", config, "--json"];
        all.extend_from_slice(args);
        json(&rapport(&data, None, &all))
    };
    let user = desk(&[
        "user",
        "add",
        "--name",
        "佐藤 美咲",
        "--email",
        "sato@brightlink.example",
    ]);
    let client = desk(&[
        "client",
        "add",
        "--name",
        "ひだまり食品",
        "--time-zone",
        "Asia/Tokyo",
        "--languages",
        "ja",
    ]);
    let request = desk(&[
        "request",
        "create",
        "--client",
        &client["id"].to_string(),
        "--subject",
        "バナー差し替え",
        "--assignee",
        &user["id"].to_string(),
    ]);
    let id = request["id"].to_string();
    for to in ["in_progress", "resolved"] {
        desk(&["request", "transition", &id, "--to", to]);
    }
    // Monday 10:00 in Tokyo: the final communication is owed, and its person hears by mail.
    let round = desk(&["jobs", "run", "--now", "2026-12-07T10:00:00+09:00"]);
    assert_eq!(round["mailed"], 1, "{round}");
    let (raw, envelope) = sink.received(1);
    assert_eq!(
        envelope["rcpt_tos"],
        serde_json::json!(["sato@brightlink.example"])
    );
    let mail = rapport_mail::parse(raw.as_bytes(), &rapport_mail::Limits::default());
    assert_eq!(
        mail.subject,
        "[Rapport] Final communication owed: バナー差し替え"
    );
    assert!(
        mail.text.contains(&format!("Request #{id}")),
        "{}",
        mail.text
    );
    // The next runs mail nothing twice.
    let round = desk(&["jobs", "run", "--now", "2026-12-07T10:05:00+09:00"]);
    assert_eq!(round["mailed"], 0, "{round}");
}

#[path = "support/dovecot.rs"]
mod dovecot;

fn client_mail(n: usize, extra: &str) -> String {
    format!(
        "From: person{n}@hidamari.example.jp\nSubject: 相談 {n}\nMessage-ID: <imap{n}@hidamari.example.jp>\nDate: Thu, 03 Dec 2026 10:00:00 +0900\n{extra}\nご相談です。来週金曜日までにお願いします。\n"
    )
}

#[test]
fn a_mailbox_password_typed_in_is_kept_sealed_and_logs_in() {
    use std::io::Write;
    let data = temp_dir("cli-imap-sealed");
    let imap = dovecot::Dovecot::start(&data);
    json(&rapport(
        &data,
        None,
        &[
            "--json",
            "client",
            "add",
            "--name",
            "ひだまり食品",
            "--time-zone",
            "Asia/Tokyo",
            "--domain",
            "hidamari.example.jp",
        ],
    ));
    imap.append(&[client_mail(1, "")]);
    let url = format!("imap://desk@127.0.0.1:{}/INBOX", imap.port);
    let mut add = std::process::Command::new(BIN)
        .args([
            "--data-dir",
            data.to_str().unwrap(),
            "--json",
            "mailbox",
            "add",
        ])
        .args(["--imap-url", &url, "--password-stdin"])
        .env("RAPPORT_LOG", "warn")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    writeln!(add.stdin.take().unwrap(), "{}", imap.password).unwrap();
    let added = add.wait_with_output().unwrap();
    assert!(added.status.success(), "{}", stderr(&added));
    let added: Value = serde_json::from_slice(&added.stdout).unwrap();
    assert_eq!(added["password_file"], Value::Null, "{added}");
    // Neither the database nor its journal holds the password in the clear.
    for entry in std::fs::read_dir(&data).unwrap() {
        let path = entry.unwrap().path();
        if path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("rapport.db")
        {
            let bytes = std::fs::read(&path).unwrap();
            let clear = imap.password.as_bytes();
            assert!(
                !bytes.windows(clear.len()).any(|w| w == clear),
                "{}",
                path.display()
            );
        }
    }
    let synced = json(&rapport(&data, None, &["--json", "mailbox", "sync"]));
    assert_eq!(synced[0]["sync"]["stored"], 1, "{synced}");
    // Another key does not open it: the failure says so and nothing is read.
    std::fs::write(data.join("desk.key"), format!("{}\n", "ab".repeat(32))).unwrap();
    imap.append(&[client_mail(2, "")]);
    let failed = rapport(&data, None, &["mailbox", "sync"]);
    assert!(!failed.status.success());
    assert!(
        stderr(&failed).contains("does not open"),
        "{}",
        stderr(&failed)
    );
}

#[test]
fn an_imap_mailbox_is_read_once_and_marked_seen_after_each_commit() {
    let data = temp_dir("cli-imap");
    let imap = dovecot::Dovecot::start(&data);
    let password = data.join("imap-password");
    std::fs::write(&password, format!("{}\n", imap.password)).unwrap();
    json(&rapport(
        &data,
        None,
        &[
            "--json",
            "client",
            "add",
            "--name",
            "ひだまり食品",
            "--time-zone",
            "Asia/Tokyo",
            "--domain",
            "hidamari.example.jp",
        ],
    ));
    imap.append(&[
        client_mail(1, ""),
        client_mail(2, "In-Reply-To: <imap1@hidamari.example.jp>\n"),
        "From: tom@newcorp.example.com\nSubject: quote\nMessage-ID: <t1@newcorp.example.com>\n\nCan you quote a site?\n".to_owned(),
    ]);
    let url = format!("imap://desk@127.0.0.1:{}/INBOX", imap.port);
    let refused = rapport(
        &data,
        None,
        &[
            "mailbox",
            "add",
            "--imap-url",
            "imap://desk@mail.example.com/INBOX",
            "--password-file",
            password.to_str().unwrap(),
        ],
    );
    assert!(
        stderr(&refused).contains("in the clear"),
        "{}",
        stderr(&refused)
    );
    json(&rapport(
        &data,
        None,
        &[
            "--json",
            "mailbox",
            "add",
            "--imap-url",
            &url,
            "--password-file",
            password.to_str().unwrap(),
        ],
    ));

    let first = json(&rapport(&data, None, &["--json", "mailbox", "sync"]));
    assert_eq!(
        first[0]["sync"],
        serde_json::json!({"fetched": 3, "stored": 3, "duplicates": 0, "threaded": 1, "new_requests": 1, "triaged": 1}),
        "{first}"
    );
    assert_eq!(imap.seen(), (3, 3));
    imap.append(&[client_mail(3, ""), client_mail(4, "")]);
    let second = json(&rapport(&data, None, &["--json", "mailbox", "sync"]));
    assert_eq!(
        second[0]["sync"]["fetched"], 2,
        "only what is new: {second}"
    );
    let listed = json(&rapport(&data, None, &["--json", "mailbox", "list"]));
    assert_eq!(listed[0]["last_uid"], 5);
    assert_eq!(listed[0]["last_error"], Value::Null);
    assert!(
        !listed[0].to_string().contains(imap.password),
        "the password is never stored"
    );

    // A wrong password is reported on the mailbox and by the exit status.
    std::fs::write(&password, "wrong\n").unwrap();
    let failed = rapport(&data, None, &["mailbox", "sync"]);
    assert!(!failed.status.success());
    let listed = json(&rapport(&data, None, &["--json", "mailbox", "list"]));
    assert!(
        listed[0]["last_error"].as_str().unwrap().contains("login"),
        "{listed}"
    );
    std::fs::write(&password, imap.password).unwrap();

    // The server watches the mailbox; killed in the middle, restarted, nothing is lost or doubled.
    let burst: Vec<String> = (100..400).map(|n| client_mail(n, "")).collect();
    imap.append(&burst);
    let requests = || {
        let listed = json(&rapport(
            &data,
            None,
            &["--json", "request", "list", "--limit", "1000"],
        ));
        listed.as_array().unwrap().len()
    };
    let mut server = Server::start(&data, None, &[]);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while requests() < 60 && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    server.kill_hard();
    let at_kill = requests();
    assert!(
        at_kill < 303,
        "the kill came after everything was read ({at_kill}); the test proves nothing"
    );
    let _server = Server::start(&data, None, &[]);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    while requests() < 303 && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    // 1 + 2 earlier requests (mails 1, 3, 4) and 300 new ones, each once.
    assert_eq!(requests(), 303, "killed at {at_kill}");
    assert_eq!(imap.seen(), (305, 305));
    // Mail that arrives while the server waits is read at once: IDLE, not the minute's poll.
    imap.append(&[client_mail(500, ""), client_mail(501, "")]);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while requests() < 305 && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert_eq!(
        requests(),
        305,
        "new mail was not read while the server waited"
    );
}

/// A CA and a certificate for 127.0.0.1 it signed, made with openssl: (ca, cert, key).
fn test_certificates(folder: &Path) -> (PathBuf, PathBuf, PathBuf) {
    let run = |args: &[&str]| {
        let status = std::process::Command::new("openssl")
            .args(args)
            .current_dir(folder)
            .output()
            .unwrap();
        assert!(
            status.status.success(),
            "openssl {args:?}: {}",
            String::from_utf8_lossy(&status.stderr)
        );
    };
    std::fs::create_dir_all(folder).unwrap();
    run(&[
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem",
        "-days",
        "2",
        "-subj",
        "/CN=Rapport Test CA",
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign",
    ]);
    run(&[
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "server.key",
        "-out",
        "server.csr",
        "-subj",
        "/CN=127.0.0.1",
    ]);
    std::fs::write(
        folder.join("ext.cnf"),
        "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n",
    )
    .unwrap();
    run(&[
        "x509",
        "-req",
        "-in",
        "server.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-out",
        "server.pem",
        "-days",
        "2",
        "-extfile",
        "ext.cnf",
    ]);
    (
        folder.join("ca.pem"),
        folder.join("server.pem"),
        folder.join("server.key"),
    )
}

#[test]
fn an_imaps_mailbox_is_read_over_tls_and_an_unknown_certificate_refused() {
    let data = temp_dir("cli-imaps");
    let (ca, cert, key) = test_certificates(&data.join("tls"));
    let imap = dovecot::Dovecot::start_tls(&data, &cert, &key);
    let password = data.join("imap-password");
    std::fs::write(&password, imap.password).unwrap();
    json(&rapport(
        &data,
        None,
        &[
            "--json",
            "client",
            "add",
            "--name",
            "ひだまり食品",
            "--time-zone",
            "Asia/Tokyo",
            "--domain",
            "hidamari.example.jp",
        ],
    ));
    imap.append(&[client_mail(1, "")]);
    let url = format!("imaps://desk@127.0.0.1:{}/INBOX", imap.port);
    json(&rapport(
        &data,
        None,
        &[
            "--json",
            "mailbox",
            "add",
            "--imap-url",
            &url,
            "--password-file",
            password.to_str().unwrap(),
        ],
    ));

    // A certificate no public root and no configured CA vouches for is refused.
    let refused = rapport(&data, None, &["mailbox", "sync"]);
    assert!(!refused.status.success());
    let listed = json(&rapport(&data, None, &["--json", "mailbox", "list"]));
    assert!(
        listed[0]["last_error"].as_str().unwrap().contains("TLS"),
        "{listed}"
    );

    // With the private CA configured, the mail is read over TLS.
    let config = data.join("rapport.toml");
    std::fs::write(&config, format!("mail_ca_file = \"{}\"\n", ca.display())).unwrap();
    let synced = json(&rapport(
        &data,
        None,
        &[
            "--config",
            config.to_str().unwrap(),
            "--json",
            "mailbox",
            "sync",
        ],
    ));
    assert_eq!(synced[0]["sync"]["fetched"], 1, "{synced}");
    assert_eq!(imap.seen(), (1, 1));
}

#[test]
fn replies_go_out_over_smtps_to_a_server_a_private_ca_vouches_for() {
    let data = temp_dir("cli-smtps");
    let (ca, cert, key) = test_certificates(&data.join("tls"));
    let sink = SmtpSink::start_tls(data.join("received"), &cert, &key);
    let settings = format!(
        "smtp_url = \"smtps://127.0.0.1:{}\"\nmail_from = \"desk@brightlink.example\"\n",
        sink.port
    );
    let without_ca = data.join("without-ca.toml");
    std::fs::write(&without_ca, &settings).unwrap();
    let with_ca = data.join("with-ca.toml");
    std::fs::write(
        &with_ca,
        format!("{settings}mail_ca_file = \"{}\"\n", ca.display()),
    )
    .unwrap();
    let desk = |config: &Path, args: &[&str]| {
        let mut all = vec!["--config", config.to_str().unwrap()];
        all.extend_from_slice(args);
        rapport(&data, None, &all)
    };
    json(&desk(
        &without_ca,
        &[
            "--json",
            "client",
            "add",
            "--name",
            "Cedarlane",
            "--time-zone",
            "Europe/London",
        ],
    ));
    json(&desk(
        &without_ca,
        &[
            "--json",
            "request",
            "create",
            "--client",
            "1",
            "--subject",
            "Migration plan",
        ],
    ));
    let reply = |config: &Path| {
        json(&desk(
            config,
            &[
                "--json",
                "request",
                "message",
                "1",
                "--direction",
                "outbound",
                "--channel",
                "email",
                "--to",
                "megan@cedarlane.example.com",
                "--body",
                "The plan is attached.",
            ],
        ))
    };
    // Without the CA the server's certificate is refused: the mail waits, with the reason.
    reply(&without_ca);
    let round = json(&desk(&without_ca, &["--json", "outbox", "send"]));
    assert_eq!(
        round,
        serde_json::json!({"sent": 0, "deferred": 1, "failed": 0})
    );
    let waiting = json(&desk(
        &without_ca,
        &["--json", "outbox", "list", "--state", "pending"],
    ));
    assert!(
        waiting["items"][0]["last_answer"]
            .as_str()
            .unwrap()
            .to_lowercase()
            .contains("certificate"),
        "{waiting}"
    );
    // With it, the mail goes out over TLS.
    reply(&with_ca);
    let round = json(&desk(&with_ca, &["--json", "outbox", "send"]));
    assert_eq!(
        round,
        serde_json::json!({"sent": 1, "deferred": 0, "failed": 0})
    );
    let (raw, envelope) = sink.received(1);
    assert_eq!(
        envelope["rcpt_tos"],
        serde_json::json!(["megan@cedarlane.example.com"])
    );
    assert!(raw.contains("Subject: Migration plan\r\n"), "{raw}");
}
