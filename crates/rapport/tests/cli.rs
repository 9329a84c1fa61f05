//! The `rapport` command line: management commands, JSON output, clear refusals.

mod support;

use serde_json::Value;
use support::*;

#[test]
fn a_desk_is_set_up_and_worked_from_the_shell() {
    let data = temp_dir("cli");
    let added = rapport(
        &data,
        None,
        &[
            "--json",
            "client",
            "add",
            "--name",
            "北京星河传媒",
            "--time-zone",
            "Asia/Shanghai",
            "--languages",
            "zh-Hans,en",
        ],
    );
    assert!(added.status.success(), "{}", stderr(&added));
    let client: Value = serde_json::from_str(&stdout(&added)).unwrap();
    assert_eq!(
        (client["calendar"].as_str(), client["languages"][0].as_str()),
        (Some("cn"), Some("zh-Hans"))
    );
    let id = client["id"].to_string();

    let created = rapport(
        &data,
        None,
        &[
            "--json",
            "request",
            "create",
            "--client",
            &id,
            "--subject",
            "周报数据核对",
            "--due",
            "2026-12-04T18:00:00+08:00",
        ],
    );
    assert!(created.status.success(), "{}", stderr(&created));
    let request: Value = serde_json::from_str(&stdout(&created)).unwrap();
    assert_eq!(request["due_at"], "2026-12-04T10:00:00Z");
    let rid = request["id"].to_string();

    for to in ["in_progress", "resolved"] {
        assert!(
            rapport(&data, None, &["request", "transition", &rid, "--to", to])
                .status
                .success()
        );
    }
    let refused = rapport(
        &data,
        None,
        &["request", "transition", &rid, "--to", "closed"],
    );
    assert!(!refused.status.success());
    assert!(
        stderr(&refused).contains("final communication has not been sent"),
        "{}",
        stderr(&refused)
    );

    let final_sent = rapport(
        &data,
        None,
        &[
            "request",
            "message",
            &rid,
            "--direction",
            "outbound",
            "--final",
            "--body",
            "数据已核对完毕，请问是否可以结单？",
        ],
    );
    assert!(final_sent.status.success(), "{}", stderr(&final_sent));
    assert!(stdout(&final_sent).contains("final_sent"));
    assert!(
        rapport(
            &data,
            None,
            &["request", "transition", &rid, "--to", "closed"]
        )
        .status
        .success()
    );

    let listed = rapport(&data, None, &["request", "list"]);
    assert!(
        stdout(&listed).contains("closed") && stdout(&listed).contains("周报数据核对"),
        "{}",
        stdout(&listed)
    );
    let shown = rapport(&data, None, &["request", "show", &rid]);
    assert!(stdout(&shown).contains("[final]"), "{}", stdout(&shown));
}

#[test]
fn bad_input_exits_non_zero_with_the_reason() {
    let data = temp_dir("cli-bad");
    for (args, expected) in [
        (
            vec!["client", "add", "--name", "x", "--time-zone", "Asia/Tokio"],
            "unknown time zone \"Asia/Tokio\"",
        ),
        (
            vec![
                "client",
                "add",
                "--name",
                "x",
                "--time-zone",
                "UTC",
                "--calendar",
                "fr",
            ],
            "invalid --calendar",
        ),
        (vec!["request", "show", "999"], "no request with id 999"),
        (
            vec!["request", "list", "--state", "done"],
            "unknown request state \"done\"",
        ),
        (
            vec!["token", "create", "--user", "nobody@example.com"],
            "no user with e-mail nobody@example.com",
        ),
        (
            vec!["user", "add", "--name", "x", "--email", "not-an-address"],
            "not an e-mail address",
        ),
    ] {
        let output = rapport(&data, None, &args);
        assert!(!output.status.success(), "{args:?} succeeded");
        assert!(
            stderr(&output).contains(expected),
            "{args:?}: {}",
            stderr(&output)
        );
    }
    let config = data.join("rapport.toml");
    std::fs::write(&config, "lisen = \"127.0.0.1:1\"\n").unwrap();
    let output = rapport(
        &data,
        None,
        &["--config", config.to_str().unwrap(), "migrate"],
    );
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("unknown field `lisen`"),
        "{}",
        stderr(&output)
    );
    let output = rapport(&data, Some("mysql://x/y"), &["migrate"]);
    assert!(
        stderr(&output).contains("unsupported database url"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn tokens_are_shown_once_and_stored_hashed() {
    let data = temp_dir("cli-token");
    let token = admin_token(&data, None);
    assert!(token.starts_with("rpt_") && token.len() == 68, "{token}");
    let database = std::fs::read(data.join("rapport.db")).unwrap();
    let wal = std::fs::read(data.join("rapport.db-wal")).unwrap_or_default();
    let needle = token.as_bytes();
    for bytes in [&database, &wal] {
        assert!(
            !bytes.windows(needle.len()).any(|w| w == needle),
            "the plain token is in the database files"
        );
    }
    // Listed by label and date only; revoked once, refused the second time.
    let listed = rapport(&data, None, &["--json", "token", "list"]);
    assert!(listed.status.success(), "{}", stderr(&listed));
    let tokens: Value = serde_json::from_str(&stdout(&listed)).unwrap();
    assert!(!stdout(&listed).contains(&token[4..]));
    let id = tokens[0]["id"].as_i64().unwrap().to_string();
    let revoked = rapport(&data, None, &["token", "revoke", &id]);
    assert!(revoked.status.success(), "{}", stderr(&revoked));
    assert!(stdout(&revoked).contains("revoked token"));
    let again = rapport(&data, None, &["token", "revoke", &id]);
    assert!(!again.status.success());
    assert!(
        stderr(&again).contains("already revoked"),
        "{}",
        stderr(&again)
    );
    let listed: Value =
        serde_json::from_str(&stdout(&rapport(&data, None, &["--json", "token", "list"]))).unwrap();
    assert!(listed[0]["revoked_at"].is_string(), "{listed}");
}

#[test]
fn decode_reads_a_message_and_streams_json_lines_in_order() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new(BIN)
        .args([
            "decode",
            "--now",
            "2026-11-24T10:00:00+09:00",
            "--tz",
            "Asia/Tokyo",
            "--json",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all("来週の金曜日までにお願いします".as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success());
    let card: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(card["deadline"]["date"], "2026-12-04");

    let good = |id: usize| {
        serde_json::json!({"id": id, "text": "请下周五前回复", "sent_at": "2026-11-24T10:00:00+08:00", "tz": "Asia/Shanghai"}).to_string()
    };
    let mut input = Vec::new();
    for id in 0..1200 {
        let line = match id {
            7 => "{not json".to_owned(),
            8 => serde_json::json!({"id": 8, "text": "x", "sent_at": "2026-11-24T10:00:00Z", "tz": "Mars/Base"}).to_string(),
            9 => serde_json::json!({"id": 9, "text": "", "sent_at": "2026-11-24T10:00:00Z", "tz": "UTC"}).to_string(),
            _ => good(id),
        };
        input.extend_from_slice(line.as_bytes());
        input.push(b'\n');
    }
    input.extend_from_slice(b"\xff\xfe invalid utf-8\n");
    let mut child = Command::new(BIN)
        .args(["decode", "--jsonl", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(&input).unwrap());
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert!(output.status.success());
    let lines: Vec<Value> = stdout(&output)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 1201, "one output line per input line");
    assert_eq!(lines[0]["card"]["deadline"]["date"], "2026-12-04");
    assert!(
        lines[7]["error"]
            .as_str()
            .unwrap()
            .contains("line 8 is not a valid input object"),
        "{}",
        lines[7]
    );
    assert!(
        lines[8]["error"]
            .as_str()
            .unwrap()
            .contains("unknown time zone"),
        "{}",
        lines[8]
    );
    assert_eq!(lines[9]["error"], "the text is empty");
    assert!(
        lines[1200]["error"]
            .as_str()
            .unwrap()
            .contains("not valid UTF-8"),
        "{}",
        lines[1200]
    );
    for (i, line) in lines
        .iter()
        .enumerate()
        .take(1200)
        .filter(|(i, _)| ![7, 8, 9].contains(i))
    {
        assert_eq!(line["id"], i, "input order kept");
    }
}

#[test]
fn a_reader_that_stops_early_ends_the_command_quietly() {
    use std::io::BufRead;
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let mut child = std::process::Command::new(BIN)
        .args(["eval", "train-kinds", &format!("{root}/eval/devset")])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Read one line, as `| head -1` would, and close the pipe.
    let mut first = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.starts_with("# Kind model"), "{first}");
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(output.status.code(), Some(141), "{stderr}");
}

#[test]
fn the_compiled_kind_model_is_the_one_the_dev_set_trains() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let output = std::process::Command::new(BIN)
        .args(["eval", "train-kinds", &format!("{root}/eval/devset")])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let compiled = std::fs::read_to_string(format!(
        "{root}/crates/rapport-language/lexicons/kind_model.tsv"
    ))
    .unwrap();
    assert!(
        String::from_utf8_lossy(&output.stdout) == compiled,
        "retrain: rapport eval train-kinds eval/devset > crates/rapport-language/lexicons/kind_model.tsv"
    );
    let refused = std::process::Command::new(BIN)
        .args(["eval", "train-kinds", "/nonexistent/set"])
        .output()
        .unwrap();
    assert!(!refused.status.success());
}

#[test]
fn as_a_user_the_shell_has_that_users_rights() {
    let data = temp_dir("cli-as");
    let ok = |args: &[&str]| {
        let output = rapport(&data, None, args);
        assert!(output.status.success(), "{args:?}: {}", stderr(&output));
        stdout(&output)
    };
    ok(&[
        "user",
        "add",
        "--name",
        "陈静",
        "--email",
        "chen@example.cn",
        "--role",
        "agent",
    ]);
    for (name, zone) in [
        ("悦澜(上海)化妆品有限公司", "Asia/Shanghai"),
        ("株式会社ひだまり食品", "Asia/Tokyo"),
    ] {
        ok(&["client", "add", "--name", name, "--time-zone", zone]);
    }
    let added = ok(&[
        "client",
        "add-member",
        "--client",
        "1",
        "--user",
        "chen@example.cn",
    ]);
    assert!(added.contains("now works client 1"), "{added}");
    let listed: Value = serde_json::from_str(&ok(&[
        "--json",
        "--as",
        "chen@example.cn",
        "client",
        "list",
    ]))
    .unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 1, "{listed}");
    assert_eq!(listed[0]["name"], "悦澜(上海)化妆品有限公司");
    let shown = ok(&["client", "show", "1"]);
    assert!(shown.contains("Worked by 陈静"), "{shown}");

    for (args, expected) in [
        (
            vec![
                "--as",
                "chen@example.cn",
                "client",
                "add",
                "--name",
                "x",
                "--time-zone",
                "UTC",
            ],
            "a user with role agent may not create clients",
        ),
        (
            vec!["--as", "chen@example.cn", "client", "show", "2"],
            "no client with id 2",
        ),
        (
            vec!["--as", "nobody@example.cn", "client", "list"],
            "no user with e-mail nobody@example.cn",
        ),
        (
            vec!["client", "add", "--name", " ", "--time-zone", "UTC"],
            "invalid --name: name cannot be empty",
        ),
    ] {
        let output = rapport(&data, None, &args);
        assert!(!output.status.success(), "{args:?} succeeded");
        assert!(
            stderr(&output).contains(expected),
            "{args:?}: {}",
            stderr(&output)
        );
    }
    // Promoted to manager, chen sees every client; removed from one, an agent again sees
    // none of it.
    ok(&[
        "user",
        "set",
        "--user",
        "chen@example.cn",
        "--role",
        "manager",
    ]);
    let all = ok(&["--json", "--as", "chen@example.cn", "client", "list"]);
    assert_eq!(
        serde_json::from_str::<Value>(&all)
            .unwrap()
            .as_array()
            .unwrap()
            .len(),
        2
    );
    ok(&[
        "user",
        "set",
        "--user",
        "chen@example.cn",
        "--role",
        "agent",
    ]);
    let removed = ok(&[
        "client",
        "remove-member",
        "--client",
        "1",
        "--user",
        "chen@example.cn",
    ]);
    assert!(removed.contains("no longer works client 1"), "{removed}");
    let none = ok(&["--json", "--as", "chen@example.cn", "client", "list"]);
    assert_eq!(none.trim(), "[]");
    // Two-step sign-in: an admin requires it of roles and resets a person's; an agent
    // may do neither, and a role that does not exist is refused.
    let required = ok(&["user", "require-second-factor", "admin", "manager"]);
    assert!(
        required.contains("admin, manager must sign in"),
        "{required}"
    );
    for args in [
        &["--as", "chen@example.cn", "user", "require-second-factor"][..],
        &["user", "require-second-factor", "owner"][..],
        &[
            "--as",
            "chen@example.cn",
            "user",
            "reset-second-factor",
            "--user",
            "1",
        ][..],
    ] {
        let output = rapport(&data, None, args);
        assert!(!output.status.success(), "{args:?} succeeded");
    }
    let reset = ok(&["user", "reset-second-factor", "--user", "chen@example.cn"]);
    assert!(reset.contains("is off"), "{reset}");
    let none = ok(&["--json", "user", "require-second-factor"]);
    assert_eq!(
        serde_json::from_str::<Value>(&none).unwrap()["roles"],
        serde_json::json!([])
    );
}

#[test]
fn decode_outbound_reads_our_promises_and_streams_them() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let dir = temp_dir("outbound");
    let draft = dir.join("draft.txt");
    std::fs::write(&draft, "Hi Megan,\nI'll send the revised deck by 3pm tomorrow. Could you send the logo files by Dec 3?\nWe'll deploy it to staging tonight.\n").unwrap();
    let client = dir.join("client.txt");
    std::fs::write(&client, "What is the total budget for the campaign?").unwrap();
    let output = Command::new(BIN)
        .args([
            "decode",
            "--outbound",
            "--json",
            "--non-technical",
            "--now",
            "2026-11-24T10:15:00-05:00",
            "--tz",
            "America/New_York",
            "--reply-to",
        ])
        .arg(&client)
        .arg(&draft)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let card: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        card["commitments"][0]["due"], "2026-11-25T15:00:00-05:00",
        "{card}"
    );
    assert_eq!(card["asks"][0]["date"], "2026-12-03");
    let rules: Vec<&str> = card["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert!(
        rules.contains(&"jargon") && rules.contains(&"unanswered_question"),
        "{rules:?}"
    );

    let mut child = Command::new(BIN)
        .args(["decode", "--outbound", "--jsonl", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let lines = [
        serde_json::json!({"id": "a", "text": "确认后稍后回复您。", "sent_at": "2026-11-24T10:00:00+08:00", "tz": "Asia/Shanghai"}).to_string(),
        "{not json".to_owned(),
        serde_json::json!({"id": "c", "text": "明日までにご連絡いたします。", "sent_at": "2026-11-24T10:00:00+09:00", "tz": "Asia/Tokyo"}).to_string(),
    ];
    child
        .stdin
        .take()
        .unwrap()
        .write_all(lines.join("\n").as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success());
    let out: Vec<Value> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(out.len(), 3);
    assert_eq!(
        out[0]["card"]["commitments"][0]["vague"], true,
        "{}",
        out[0]
    );
    assert!(
        out[1]["error"].as_str().unwrap().contains("line 2"),
        "{}",
        out[1]
    );
    assert_eq!(out[2]["card"]["commitments"][0]["date"], "2026-11-25");
    let refused = rapport(&dir, None, &["decode", "--non-technical", "-"]);
    assert!(
        !refused.status.success(),
        "--non-technical needs --outbound"
    );
}

#[test]
fn the_outbound_lint_and_purpose_sets_are_measured_per_language() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    for (set, field) in [
        ("eval/outbound", "commitments exact"),
        ("eval/lint", "good drafts left alone"),
        ("eval/purpose", "labelled purpose recall"),
    ] {
        let output = std::process::Command::new(BIN)
            .args(["eval", set.rsplit('/').next().unwrap()])
            .arg(root.join(set))
            .output()
            .unwrap();
        assert!(output.status.success(), "{set}: {}", stderr(&output));
        let printed = stdout(&output);
        assert!(
            printed.contains(field) && printed.contains("en"),
            "{printed}"
        );
    }
}

#[test]
fn materials_are_asked_for_and_received_from_the_shell() {
    let data = temp_dir("cli-materials");
    let json = |args: &[&str]| -> Value {
        let out = rapport(&data, None, args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        serde_json::from_str(&stdout(&out)).unwrap()
    };
    let client = json(&[
        "--json",
        "client",
        "add",
        "--name",
        "株式会社ひだまり食品",
        "--time-zone",
        "Asia/Tokyo",
        "--languages",
        "ja",
    ]);
    let request = json(&[
        "--json",
        "request",
        "create",
        "--client",
        &client["id"].to_string(),
        "--subject",
        "新商品LP",
    ]);
    let rid = request["id"].to_string();
    let added = json(&[
        "--json",
        "materials",
        "add",
        "--request",
        &rid,
        "--what",
        "ロゴデータ（AI/SVG）",
        "--due",
        "2026-12-03T18:00:00+09:00",
    ]);
    let item = &added["items"][0];
    assert_eq!(
        (&item["source"], &item["due_at"]),
        (&Value::from("manual"), &Value::from("2026-12-03T09:00:00Z"))
    );
    let listed = json(&["--json", "materials", "list", "--request", &rid]);
    assert_eq!(listed["items"].as_array().unwrap().len(), 1);
    // Due 3 December, so late on any day after: first on Today.
    let today = json(&["--json", "today"]);
    assert_eq!(today["items"][0]["kind"], "materials_overdue", "{today}");
    // Past due: the reminder, in the client's Japanese, says it has not arrived.
    let reminder = json(&["--json", "materials", "remind", &item["id"].to_string()]);
    let text = reminder["body"].as_str().unwrap();
    assert_eq!(reminder["late"], true, "{reminder}");
    assert!(
        text.contains("「ロゴデータ（AI/SVG）」") && text.contains("12月3日（木）"),
        "{text}"
    );
    let received = json(&["--json", "materials", "received", &item["id"].to_string()]);
    assert!(
        received["items"][0]["received_at"].is_string(),
        "{received}"
    );
    let listed = json(&["--json", "materials", "list", "--request", &rid]);
    assert!(
        listed["items"].as_array().unwrap().is_empty(),
        "received ones leave the list"
    );
    // A bad date is refused with the flag named, and nothing is added.
    let refused = rapport(
        &data,
        None,
        &[
            "materials",
            "add",
            "--request",
            &rid,
            "--what",
            "写真",
            "--due",
            "next week",
        ],
    );
    assert!(!refused.status.success());
    assert!(stderr(&refused).contains("--due"), "{}", stderr(&refused));
    let all = json(&["--json", "materials", "list", "--request", &rid, "--all"]);
    assert_eq!(all["items"].as_array().unwrap().len(), 1);
}

#[test]
fn sla_policies_are_written_in_working_time() {
    let data = temp_dir("cli-sla");
    let add = |name: &str, first: &str| {
        rapport(
            &data,
            None,
            &[
                "--json",
                "sla",
                "add",
                "--name",
                name,
                "--first-response",
                first,
                "--next-response",
                "1d",
                "--resolution",
                "3d",
            ],
        )
    };
    let out = add("Standard", "4h");
    assert!(out.status.success(), "{}", stderr(&out));
    let policy: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let item = &policy["items"][0];
    assert_eq!(
        (
            &item["first_response_minutes"],
            &item["next_response_minutes"],
            &item["resolution_minutes"]
        ),
        (&Value::from(240), &Value::from(540), &Value::from(1620))
    );
    let refused = add("Fast", "soon");
    assert!(!refused.status.success());
    assert!(
        stderr(&refused).contains("--first-response"),
        "{}",
        stderr(&refused)
    );
    let taken = add("Standard", "2h");
    assert!(!taken.status.success(), "a name is taken once");
    // An engagement names it; an unknown name is refused with the flag named.
    let client = rapport(
        &data,
        None,
        &[
            "--json",
            "client",
            "add",
            "--name",
            "Northgate Media",
            "--time-zone",
            "Europe/London",
            "--languages",
            "en",
        ],
    );
    let client: Value = serde_json::from_str(&stdout(&client)).unwrap();
    let id = client["id"].to_string();
    let named = rapport(
        &data,
        None,
        &[
            "client",
            "add-engagement",
            "--client",
            &id,
            "--name",
            "Retainer",
            "--sla",
            "Standard",
        ],
    );
    assert!(named.status.success(), "{}", stderr(&named));
    let unknown = rapport(
        &data,
        None,
        &[
            "client",
            "add-engagement",
            "--client",
            &id,
            "--name",
            "Ads",
            "--sla",
            "Gold",
        ],
    );
    assert!(!unknown.status.success());
    assert!(
        stderr(&unknown).contains("invalid --sla:"),
        "{}",
        stderr(&unknown)
    );
    let listed = rapport(&data, None, &["--json", "sla", "list"]);
    let listed: Value = serde_json::from_str(&stdout(&listed)).unwrap();
    assert_eq!(listed["items"].as_array().unwrap().len(), 1);
    // An engagement's terms change: only what is passed, or from none with --clear.
    let set_terms = |args: &[&str]| {
        let base = ["--json", "client", "set-terms", "--engagement", "1"];
        rapport(&data, None, &[&base[..], args].concat())
    };
    let changed = set_terms(&["--check-in-after", "10", "--hours", "10:00-19:00"]);
    assert!(changed.status.success(), "{}", stderr(&changed));
    let changed: Value = serde_json::from_str(&stdout(&changed)).unwrap();
    assert_eq!(changed["sla_policy_id"], "Standard", "kept: {changed}");
    assert_eq!(changed["cadence"]["check_in_after_days"], 10);
    assert_eq!(changed["working_hours"], "10:00-19:00");
    let cleared = set_terms(&["--clear", "--cadence", "weekly"]);
    let cleared: Value = serde_json::from_str(&stdout(&cleared)).unwrap();
    assert_eq!(
        (&cleared["sla_policy_id"], &cleared["working_hours"]),
        (&Value::Null, &Value::Null),
        "{cleared}"
    );
    assert_eq!(cleared["cadence"]["report_every_days"], 5);
    // A policy changed flag by flag and renamed; one in use is not deleted.
    let edited = rapport(
        &data,
        None,
        &[
            "--json",
            "sla",
            "edit",
            "1",
            "--first-response",
            "2h",
            "--name",
            "Gold",
        ],
    );
    assert!(edited.status.success(), "{}", stderr(&edited));
    let edited: Value = serde_json::from_str(&stdout(&edited)).unwrap();
    assert_eq!(edited["items"][0]["first_response_minutes"], 120);
    assert_eq!(edited["items"][0]["resolution_minutes"], 1620, "kept");
    set_terms(&["--sla", "Gold"]);
    let in_use = rapport(&data, None, &["sla", "remove", "1"]);
    assert!(!in_use.status.success());
    assert!(
        stderr(&in_use).contains("engagement"),
        "{}",
        stderr(&in_use)
    );
    let refused = set_terms(&["--meeting-every", "99"]);
    assert!(!refused.status.success());
    assert!(
        stderr(&refused).contains("meeting_every_weeks"),
        "{}",
        stderr(&refused)
    );
}

#[test]
fn the_proactive_engine_runs_from_the_shell_and_tells_the_assignee() {
    let data = temp_dir("cli-engine");
    let json = |args: &[&str]| -> Value {
        let out = rapport(&data, None, args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        serde_json::from_str(&stdout(&out)).unwrap()
    };
    let manager = json(&[
        "--json",
        "user",
        "add",
        "--name",
        "佐藤 美咲",
        "--email",
        "sato@agency.example",
        "--role",
        "manager",
    ]);
    let agent = json(&[
        "--json",
        "user",
        "add",
        "--name",
        "田中 健",
        "--email",
        "tanaka@agency.example",
    ]);
    let set = json(&[
        "--json",
        "user",
        "set",
        "--user",
        "tanaka@agency.example",
        "--time-zone",
        "Asia/Tokyo",
        "--manager",
        "sato@agency.example",
    ]);
    assert_eq!(
        (&set["time_zone"], &set["manager_id"]),
        (&Value::from("Asia/Tokyo"), &manager["id"])
    );
    let refused = rapport(
        &data,
        None,
        &[
            "user",
            "set",
            "--user",
            "tanaka@agency.example",
            "--time-zone",
            "Asia/Edo",
        ],
    );
    assert!(!refused.status.success());
    assert!(
        stderr(&refused).contains("--time-zone"),
        "{}",
        stderr(&refused)
    );
    let client = json(&[
        "--json",
        "client",
        "add",
        "--name",
        "株式会社ひだまり食品",
        "--time-zone",
        "Asia/Tokyo",
        "--languages",
        "ja",
    ]);
    let request = json(&[
        "--json",
        "request",
        "create",
        "--client",
        &client["id"].to_string(),
        "--subject",
        "バナー差し替え",
        "--assignee",
        &agent["id"].to_string(),
    ]);
    let rid = request["id"].to_string();
    for to in ["in_progress", "resolved"] {
        json(&["--json", "request", "transition", &rid, "--to", to]);
    }
    // Monday 10:00 in Tokyo: the final communication is owed.
    let now = "2026-12-07T10:00:00+09:00";
    let round = json(&["--json", "jobs", "run", "--now", now]);
    assert_eq!(
        round["ran"].as_array().unwrap().len(),
        8,
        "every job is due at first: {round}"
    );
    assert_eq!(round["notified"], 1, "{round}");
    let timed: Vec<&Value> = round["timings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| &t["job"])
        .collect();
    let ran: Vec<&Value> = round["ran"].as_array().unwrap().iter().collect();
    assert_eq!(
        timed, ran,
        "each job's time, in the order they ran: {round}"
    );
    assert!(round["timings"][0]["millis"].is_u64(), "{round}");
    let again = json(&["--json", "jobs", "run", "--now", now]);
    assert_eq!(
        again["ran"],
        Value::Array(Vec::new()),
        "nothing is due twice"
    );
    let told = json(&[
        "--json",
        "notifications",
        "list",
        "--user",
        "tanaka@agency.example",
        "--now",
        now,
    ]);
    let item = &told["items"][0];
    assert_eq!(
        (&item["kind"], &item["request_id"]),
        (&Value::from("final_communication_pending"), &request["id"])
    );
    let jobs = json(&["--json", "jobs", "list"]);
    assert!(
        jobs.as_array()
            .unwrap()
            .iter()
            .all(|j| j["last_run_at"].is_string()),
        "{jobs}"
    );
}

#[test]
fn calendars_take_the_desks_hours_and_closed_days_from_the_shell() {
    let data = temp_dir("cli-calendar");
    let ok = |args: &[&str]| {
        let out = rapport(&data, None, args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        stdout(&out)
    };
    ok(&["calendar", "hours", "jp", "10:00-19:00"]);
    ok(&[
        "calendar",
        "close",
        "jp",
        "2026-12-29",
        "--name",
        "年末休業",
    ]);
    let listed: Value = serde_json::from_str(&ok(&["--json", "calendar", "list"])).unwrap();
    let jp = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "jp")
        .unwrap();
    assert_eq!(jp["working_hours"], "10:00-19:00");
    assert_eq!(jp["closed_days"][0]["name"], "年末休業");
    let refused = rapport(&data, None, &["calendar", "hours", "jp", "9 to 5"]);
    assert!(!refused.status.success());
    assert!(stderr(&refused).contains("--hours"), "{}", stderr(&refused));
    ok(&["calendar", "reopen", "jp", "2026-12-29"]);
    let again = rapport(&data, None, &["calendar", "reopen", "jp", "2026-12-29"]);
    assert!(
        !again.status.success(),
        "a day not closed cannot be reopened"
    );
}
