//! The golden mail corpus: every `tests/corpus/mail/NNN.eml` parses to what `NNN.json`
//! beside it says. A mismatch writes `NNN.actual` next to it for review.

use rapport_mail::{InboundMail, Limits, Mailbox, parse};
use serde_json::{Value, json};
use std::path::Path;

fn mailbox(m: &Mailbox) -> Value {
    json!({"name": m.name, "address": m.address})
}

/// The parsed message in the corpus's JSON shape.
fn golden(mail: &InboundMail) -> Value {
    let mut codes: Vec<&str> = mail.warnings.iter().map(|w| w.code.as_str()).collect();
    codes.sort_unstable();
    codes.dedup();
    json!({
        "message_id": mail.message_id,
        "in_reply_to": mail.in_reply_to,
        "references": mail.references,
        "from": mail.from.as_ref().map(mailbox),
        "to": mail.to.iter().map(mailbox).collect::<Vec<_>>(),
        "cc": mail.cc.iter().map(mailbox).collect::<Vec<_>>(),
        "subject": mail.subject,
        "date": mail.date.map(|d| d.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()),
        "text": mail.text,
        "auto": mail.auto.map(|a| a.as_str()),
        "attachments": mail.attachments.iter().map(|a| json!({
            "filename": a.filename, "content_type": a.content_type, "size": a.size, "sha256": a.sha256,
        })).collect::<Vec<_>>(),
        "warnings": codes,
    })
}

#[test]
fn every_corpus_message_parses_to_its_golden_file() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/mail");
    let mut files: Vec<_> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "eml"))
        .collect();
    files.sort();
    assert!(
        files.len() >= 40,
        "the corpus is missing: {} messages",
        files.len()
    );
    let mut failures = Vec::new();
    for eml in &files {
        let raw = std::fs::read(eml).unwrap();
        let actual = golden(&parse(&raw, &Limits::default()));
        let expected: Value =
            serde_json::from_str(&std::fs::read_to_string(eml.with_extension("json")).unwrap())
                .unwrap();
        let actual_path = eml.with_extension("actual");
        if actual == expected {
            let _ = std::fs::remove_file(&actual_path);
        } else {
            std::fs::write(
                &actual_path,
                serde_json::to_string_pretty(&actual).unwrap() + "\n",
            )
            .unwrap();
            failures.push(eml.file_name().unwrap().to_string_lossy().into_owned());
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} differ (see .actual): {failures:?}",
        failures.len(),
        files.len()
    );
}
