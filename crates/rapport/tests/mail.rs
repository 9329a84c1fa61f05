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
