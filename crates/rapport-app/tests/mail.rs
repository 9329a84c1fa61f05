//! Receiving mail as the desk does, on SQLite and on PostgreSQL: threading by Message-ID
//! and by a reply's subject within one client, new requests for known senders, triage
//! for the rest, automatic mail that moves nothing, and the same message never twice.

use jiff::{Timestamp, ToSpan};
use rapport_app::*;
use rapport_domain::*;
use rapport_mail::{Blobs, Limits};
use rapport_store::scratch::scratch_database_url;
use rapport_store::{Backend, Store, StoreError};

fn now() -> Timestamp {
    "2026-12-04T03:00:00Z".parse().unwrap()
}

struct Desk {
    app: App,
    system: Acting,
    hidamari: Client,
    yuelan: Client,
}

async fn desk(backend: Backend, max_attachment_bytes: u64) -> Desk {
    let url = scratch_database_url(backend).await.unwrap();
    let folder = std::env::temp_dir().join(format!(
        "rapport-mail-test-{}-{}",
        std::process::id(),
        url.len() ^ (now().as_nanosecond() as usize) ^ rand_suffix()
    ));
    let app = App::new(Store::open(&url).await.unwrap()).with_mail(MailSettings {
        blobs: Blobs::new(folder),
        limits: Limits {
            max_attachment_bytes,
        },
        outgoing: None,
        ca_file: None,
    });
    let system = Acting::system("test");
    let client = |name: &str, zone: &str, domain: &str| ClientInput {
        name: name.into(),
        time_zone: TimeZoneName::parse(zone).unwrap(),
        languages: Vec::new(),
        calendar: None,
        domains: vec![domain.into()],
    };
    let hidamari = app
        .create_client(
            &system,
            client("株式会社ひだまり食品", "Asia/Tokyo", "hidamari.example.jp"),
            None,
            now(),
        )
        .await
        .unwrap()
        .value;
    let yuelan = app
        .create_client(
            &system,
            client("悦澜化妆品", "Asia/Shanghai", "yuelan.example.cn"),
            None,
            now(),
        )
        .await
        .unwrap()
        .value;
    Desk {
        app,
        system,
        hidamari,
        yuelan,
    }
}

fn rand_suffix() -> usize {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

macro_rules! on_every_backend {
    (|$desk:ident| $body:block) => {
        for backend in [Backend::Sqlite, Backend::Postgres] {
            let $desk = desk(backend, 25 * 1024 * 1024).await;
            $body
        }
    };
}

/// A raw message: `headers` are extra lines such as `In-Reply-To: <x>`.
fn mail(from: &str, subject: &str, id: &str, headers: &[&str], body: &str) -> Vec<u8> {
    let mut raw = format!("From: {from}\r\nTo: sato@agency.example\r\nSubject: {subject}\r\n");
    if !id.is_empty() {
        raw.push_str(&format!("Message-ID: <{id}>\r\n"));
    }
    raw.push_str(
        "Date: Thu, 03 Dec 2026 10:00:00 +0900\r\nContent-Type: text/plain; charset=utf-8\r\n",
    );
    for header in headers {
        raw.push_str(header);
        raw.push_str("\r\n");
    }
    raw.push_str("\r\n");
    raw.push_str(body);
    raw.into_bytes()
}

async fn ingest(d: &Desk, raw: Vec<u8>) -> Ingested {
    d.app.ingest_mail(&d.system, raw, now()).await.unwrap().0
}

fn request_of(outcome: &Ingested) -> i64 {
    match outcome {
        Ingested::Threaded { request_id, .. } | Ingested::NewRequest { request_id, .. } => {
            *request_id
        }
        other => panic!("expected a request, got {other:?}"),
    }
}

#[tokio::test]
async fn mail_threads_by_message_id_then_by_a_replys_subject_within_the_client() {
    on_every_backend!(|d| {
        let first = ingest(
            &d,
            mail(
                "小林 由美 <y.kobayashi@hidamari.example.jp>",
                "新商品リリースの件",
                "m1@hidamari.example.jp",
                &[],
                "お世話になっております。来週金曜日までに原稿をお願いできますか。",
            ),
        )
        .await;
        assert!(matches!(first, Ingested::NewRequest { .. }), "{first:?}");
        let request = request_of(&first);
        // The request was received when the mail was sent, not when it was read.
        let opened = d.app.thread(&d.system, RequestId(request)).await.unwrap();
        assert_eq!(
            opened.request.received_at,
            "2026-12-03T01:00:00Z".parse::<Timestamp>().unwrap()
        );
        // The new address at the client's domain became a contact.
        let contacts = d.app.list_contacts(&d.system, d.hidamari.id).await.unwrap();
        assert_eq!(contacts.len(), 1);
        assert_eq!(contacts[0].name, "小林 由美");

        // In-Reply-To names our stored message.
        let reply = ingest(
            &d,
            mail(
                "y.kobayashi@hidamari.example.jp",
                "Re: 新商品リリースの件",
                "m2@hidamari.example.jp",
                &["In-Reply-To: <m1@hidamari.example.jp>"],
                "追記です。",
            ),
        )
        .await;
        assert_eq!(request_of(&reply), request);
        assert!(matches!(reply, Ingested::Threaded { .. }));
        // Only References, the parent last.
        let referenced = ingest(
            &d,
            mail(
                "y.kobayashi@hidamari.example.jp",
                "Re: 別件",
                "m3@hidamari.example.jp",
                &["References: <unknown@x> <m2@hidamari.example.jp>"],
                "続きです。",
            ),
        )
        .await;
        assert_eq!(request_of(&referenced), request);
        // Outlook dropped References: a reply subject joins within the client.
        for subject in [
            "RE: 新商品リリースの件",
            "返信：新商品リリースの件",
            "Re[2]: RE：新商品リリースの件",
        ] {
            let outlook = ingest(
                &d,
                mail(
                    "y.kobayashi@hidamari.example.jp",
                    subject,
                    "",
                    &[],
                    "承知しました。",
                ),
            )
            .await;
            assert_eq!(request_of(&outlook), request, "{subject}");
        }
        // The same subject without a reply prefix is new work, not this thread.
        let fresh = ingest(
            &d,
            mail(
                "y.kobayashi@hidamari.example.jp",
                "新商品リリースの件",
                "m4@hidamari.example.jp",
                &[],
                "別の商品です。",
            ),
        )
        .await;
        assert!(matches!(fresh, Ingested::NewRequest { .. }));
        assert_ne!(request_of(&fresh), request);
        let thread = d.app.thread(&d.system, RequestId(request)).await.unwrap();
        assert_eq!(thread.messages.len(), 6);
        assert!(
            thread
                .messages
                .iter()
                .all(|m| m.channel == Channel::Email && m.mail.is_some())
        );
        // The first message was decoded in the client's zone: next Friday, end of day in Tokyo.
        let card = thread.messages[0].card_facts.as_ref().unwrap();
        assert_eq!(
            card.deadline_due.unwrap().to_string(),
            "2026-12-11T09:00:00Z"
        );
    });
}

#[tokio::test]
async fn the_same_subject_from_two_clients_never_joins_one_request() {
    on_every_backend!(|d| {
        let theirs = ingest(
            &d,
            mail(
                "王志强 <wang@yuelan.example.cn>",
                "报价单",
                "c1@yuelan.example.cn",
                &[],
                "请发报价单。",
            ),
        )
        .await;
        let ours = ingest(
            &d,
            mail(
                "伊藤 <ito@hidamari.example.jp>",
                "报价单",
                "j1@hidamari.example.jp",
                &[],
                "見積書をお願いします。",
            ),
        )
        .await;
        assert_ne!(request_of(&theirs), request_of(&ours));
        // QQ Mail drops References: "回复：" with a full-width colon joins the sender's own client only.
        let qq = ingest(
            &d,
            mail(
                "wang@yuelan.example.cn",
                "回复：报价单",
                "",
                &[],
                "收到，谢谢。",
            ),
        )
        .await;
        assert_eq!(request_of(&qq), request_of(&theirs));
        let jp = ingest(
            &d,
            mail(
                "ito@hidamari.example.jp",
                "Re: 报价单",
                "",
                &[],
                "確認しました。",
            ),
        )
        .await;
        assert_eq!(request_of(&jp), request_of(&ours));
    });
}

#[tokio::test]
async fn a_reply_reopens_a_closed_request_but_automatic_mail_moves_nothing() {
    on_every_backend!(|d| {
        let first = ingest(
            &d,
            mail(
                "k.yamada@hidamari.example.jp",
                "月次レポート",
                "r1@hidamari.example.jp",
                &[],
                "レポートをお願いします。",
            ),
        )
        .await;
        let id = RequestId(request_of(&first));
        for (to, reason) in [
            (RequestState::InProgress, None),
            (RequestState::Resolved, None),
            (RequestState::Closed, Some("電話で完了を確認")),
        ] {
            let input = TransitionInput {
                to,
                skip_final_reason: reason.map(str::to_owned),
            };
            d.app
                .transition_request(&d.system, id, input, None, now())
                .await
                .unwrap();
        }
        let out_of_office = ingest(
            &d,
            mail(
                "k.yamada@hidamari.example.jp",
                "自動応答: 月次レポート",
                "oof@hidamari.example.jp",
                &[
                    "In-Reply-To: <r1@hidamari.example.jp>",
                    "Auto-Submitted: auto-replied",
                ],
                "不在にしております。",
            ),
        )
        .await;
        assert!(
            matches!(
                out_of_office,
                Ingested::Threaded {
                    automatic: true,
                    ..
                }
            ),
            "{out_of_office:?}"
        );
        assert_eq!(
            d.app.thread(&d.system, id).await.unwrap().request.state,
            RequestState::Closed
        );
        let reply = ingest(
            &d,
            mail(
                "k.yamada@hidamari.example.jp",
                "Re: 月次レポート",
                "r2@hidamari.example.jp",
                &["In-Reply-To: <r1@hidamari.example.jp>"],
                "一点修正をお願いします。",
            ),
        )
        .await;
        assert_eq!(request_of(&reply), id.0);
        assert_eq!(
            d.app.thread(&d.system, id).await.unwrap().request.state,
            RequestState::Reopened
        );
        // A bounce that answers no thread waits in triage and opens nothing.
        let bounce = ingest(
            &d,
            mail(
                "MAILER-DAEMON@mx.hidamari.example.jp",
                "Undelivered Mail Returned to Sender",
                "b1@mx",
                &[],
                "could not deliver",
            ),
        )
        .await;
        assert!(
            matches!(
                bounce,
                Ingested::Triaged {
                    reason: TriageReason::Automatic,
                    ..
                }
            ),
            "{bounce:?}"
        );
    });
}

#[tokio::test]
async fn unknown_senders_wait_in_triage_until_a_manager_assigns_them() {
    on_every_backend!(|d| {
        let raw = mail(
            "Tom Baker <tom@newcorp.example.com>",
            "Website quote",
            "t1@newcorp.example.com",
            &[],
            "Could you quote a website by Friday?",
        );
        let triaged = ingest(&d, raw).await;
        let Ingested::Triaged { triage_id, reason } = triaged else {
            panic!("{triaged:?}")
        };
        assert_eq!(reason, TriageReason::UnknownSender);
        // It is on Today for those who sort mail, with no client yet.
        let today: Vec<AgendaItem> = d
            .app
            .today(&d.system, None, now())
            .await
            .unwrap()
            .into_iter()
            .map(|l| l.item)
            .collect();
        assert!(
            today.iter().any(|i| i.kind == AgendaKind::Triage
                && i.subject_id == triage_id
                && i.title == "Website quote"
                && i.client_id.is_none()),
            "{today:?}"
        );
        let waiting = d.app.list_triage(&d.system, false, 100).await.unwrap();
        assert_eq!(waiting.len(), 1);
        assert_eq!(
            waiting[0].mail.from.as_ref().unwrap().address,
            "tom@newcorp.example.com"
        );
        assert!(
            d.app
                .list_requests(
                    &d.system,
                    RequestQuery {
                        limit: 50,
                        ..Default::default()
                    }
                )
                .await
                .unwrap()
                .is_empty()
        );

        let assignment = TriageAssignment {
            client_id: d.yuelan.id,
            request_id: None,
        };
        let (message, request) = d
            .app
            .assign_triage(&d.system, triage_id, assignment.clone(), now())
            .await
            .unwrap();
        assert_eq!(request.client_id, d.yuelan.id);
        assert_eq!(request.subject, "Website quote");
        assert!(message.card.is_some(), "assigned mail is decoded");
        let today: Vec<AgendaItem> = d
            .app
            .today(&d.system, None, now())
            .await
            .unwrap()
            .into_iter()
            .map(|l| l.item)
            .collect();
        assert!(
            !today.iter().any(|i| i.kind == AgendaKind::Triage),
            "assigned mail leaves Today: {today:?}"
        );
        let again = d
            .app
            .assign_triage(&d.system, triage_id, assignment, now())
            .await;
        assert!(
            matches!(again, Err(AppError::Store(StoreError::Conflict { .. }))),
            "{again:?}"
        );
        assert!(
            d.app
                .list_triage(&d.system, false, 100)
                .await
                .unwrap()
                .is_empty()
        );
        // The sender is now a contact: their next mail goes straight to the client.
        let next = ingest(
            &d,
            mail(
                "tom@newcorp.example.com",
                "Another thing",
                "t2@newcorp.example.com",
                &[],
                "Also a logo.",
            ),
        )
        .await;
        assert!(matches!(next, Ingested::NewRequest { .. }), "{next:?}");
    });
}

#[tokio::test]
async fn the_same_message_is_stored_once_and_message_ids_do_not_dedupe() {
    on_every_backend!(|d| {
        let raw = mail(
            "y.kobayashi@hidamari.example.jp",
            "資料送付",
            "same@hidamari.example.jp",
            &[],
            "資料です。",
        );
        let first = ingest(&d, raw.clone()).await;
        assert_eq!(ingest(&d, raw).await, Ingested::Duplicate);
        // A sender reusing a Message-ID for different mail still gets it stored.
        let other = ingest(
            &d,
            mail(
                "y.kobayashi@hidamari.example.jp",
                "資料送付",
                "same@hidamari.example.jp",
                &[],
                "別の資料です。",
            ),
        )
        .await;
        // Stored, as new work: a reused Message-ID is no reply.
        assert!(matches!(other, Ingested::NewRequest { .. }), "{other:?}");
        assert_ne!(request_of(&other), request_of(&first));
        let thread = d
            .app
            .thread(&d.system, RequestId(request_of(&first)))
            .await
            .unwrap();
        assert_eq!(thread.messages.len(), 1);
    });
}

#[tokio::test]
async fn only_managers_and_the_system_take_in_mail_and_see_triage() {
    on_every_backend!(|d| {
        let agent = d
            .app
            .create_user(
                &d.system,
                UserInput {
                    name: "陈静".into(),
                    email: EmailAddress::parse("chen@agency.example").unwrap(),
                    role: Role::Agent,
                },
                now(),
            )
            .await
            .unwrap();
        let agent = Acting::user(&agent);
        let raw = mail("tom@newcorp.example.com", "x", "x@y", &[], "x");
        assert!(matches!(
            d.app.ingest_mail(&agent, raw, now()).await,
            Err(AppError::Forbidden(_))
        ));
        assert!(matches!(
            d.app.list_triage(&agent, false, 10).await,
            Err(AppError::Forbidden(_))
        ));
    });
}

#[tokio::test]
async fn attachments_are_kept_by_hash_and_oversized_ones_only_described() {
    for backend in [Backend::Sqlite, Backend::Postgres] {
        let d = desk(backend, 1024).await;
        let small = "JVBERi0xLjQK".to_owned(); // "%PDF-1.4\n"
        let large = "QUFBQUFB".repeat(400); // 2,400 bytes decoded
        let raw = format!(
            "From: y.kobayashi@hidamari.example.jp\r\nSubject: 見積書\r\nMessage-ID: <att@hidamari.example.jp>\r\n\
             Date: Thu, 03 Dec 2026 10:00:00 +0900\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n\
             --b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n見積書を添付します。\r\n\
             --b\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename*=UTF-8''%E8%A6%8B%E7%A9%8D.pdf\r\n\
             Content-Transfer-Encoding: base64\r\n\r\n{small}\r\n\
             --b\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=big.bin\r\n\
             Content-Transfer-Encoding: base64\r\n\r\n{large}\r\n--b--\r\n"
        );
        let outcome = ingest(&d, raw.into_bytes()).await;
        let thread = d
            .app
            .thread(&d.system, RequestId(request_of(&outcome)))
            .await
            .unwrap();
        let mail = thread.messages[0].mail.clone().unwrap();
        assert_eq!(mail.attachments.len(), 2);
        let (pdf, big) = (&mail.attachments[0], &mail.attachments[1]);
        assert_eq!(
            (pdf.filename.as_str(), pdf.size, pdf.stored),
            ("見積.pdf", 9, true)
        );
        assert_eq!((big.size, big.stored), (2400, false));
        assert!(
            mail.warnings
                .iter()
                .any(|w| w.code == "attachment_too_large")
        );
        let message = thread.messages[0].id;
        let (_, bytes) = d
            .app
            .attachment(&d.system, message, &pdf.sha256)
            .await
            .unwrap();
        assert_eq!(bytes, b"%PDF-1.4\n");
        assert!(matches!(
            d.app.attachment(&d.system, message, &big.sha256).await,
            Err(AppError::Gone(_))
        ));
        assert!(
            d.app
                .attachment(&d.system, message, &"0".repeat(64))
                .await
                .is_err()
        );
    }
}

#[tokio::test]
async fn a_fifty_megabyte_attachment_is_described_and_its_mail_kept_whole() {
    let d = desk(Backend::Sqlite, 25 * 1024 * 1024).await;
    // 57 bytes per base64 line: just over 50 MiB decoded.
    let lines = 50 * 1024 * 1024 / 57 + 1;
    let mut raw = String::with_capacity(lines * 78 + 1024);
    raw.push_str(
        "From: y.kobayashi@hidamari.example.jp\r\nSubject: 動画素材\r\nMessage-ID: <big@hidamari.example.jp>\r\n\
         Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n\
         撮影素材を送ります。\r\n--b\r\nContent-Type: video/mp4\r\nContent-Disposition: attachment; filename=shoot.mp4\r\n\
         Content-Transfer-Encoding: base64\r\n\r\n",
    );
    for _ in 0..lines {
        raw.push_str(
            "QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB\r\n",
        );
    }
    raw.push_str("--b--\r\n");
    let size = raw.len();
    let outcome = ingest(&d, raw.into_bytes()).await;
    let thread = d
        .app
        .thread(&d.system, RequestId(request_of(&outcome)))
        .await
        .unwrap();
    let message = &thread.messages[0];
    assert_eq!(message.body, "撮影素材を送ります。");
    let mail = message.mail.clone().unwrap();
    let video = &mail.attachments[0];
    assert_eq!(
        (video.filename.as_str(), video.size, video.stored),
        ("shoot.mp4", lines as u64 * 57, false)
    );
    assert!(
        mail.warnings
            .iter()
            .any(|w| w.code == "attachment_too_large")
    );
    assert_eq!(
        d.app
            .raw_message(&d.system, message.id)
            .await
            .unwrap()
            .len(),
        size
    );
}

#[tokio::test]
async fn a_batch_files_in_arrival_order_as_one_mail_at_a_time_would() {
    on_every_backend!(|d| {
        let parse = |raw: Vec<u8>| rapport_mail::parse(&raw, &Limits::default());
        let parent = mail(
            "y.kobayashi@hidamari.example.jp",
            "入稿データ",
            "p1@hidamari.example.jp",
            &[],
            "データを送ります。",
        );
        let batch = vec![
            parse(parent.clone()),
            parse(mail(
                "y.kobayashi@hidamari.example.jp",
                "Re: 入稿データ",
                "p2@hidamari.example.jp",
                &["In-Reply-To: <p1@hidamari.example.jp>"],
                "追加です。",
            )),
            parse(mail(
                "k.yamada@hidamari.example.jp",
                "RE: 入稿データ",
                "",
                &[],
                "部長の山田です。",
            )),
            parse(mail(
                "tom@newcorp.example.com",
                "hello",
                "t1@newcorp.example.com",
                &[],
                "Hi.",
            )),
            parse(mail(
                "tom@newcorp.example.com",
                "Re: hello",
                "t2@newcorp.example.com",
                &["In-Reply-To: <t1@newcorp.example.com>"],
                "Again.",
            )),
            parse(parent),
        ];
        let filed = d.app.file_mails(&d.system, &batch, now()).await.unwrap();
        let request = request_of(&filed[0]);
        assert!(matches!(filed[0], Ingested::NewRequest { .. }));
        assert!(
            matches!(filed[1], Ingested::Threaded { .. }) && request_of(&filed[1]) == request,
            "{filed:?}"
        );
        assert!(
            matches!(filed[2], Ingested::Threaded { .. }) && request_of(&filed[2]) == request,
            "{filed:?}"
        );
        assert!(matches!(filed[3], Ingested::Triaged { .. }), "{filed:?}");
        assert!(
            matches!(filed[4], Ingested::Triaged { .. }),
            "a reply to a triaged mail waits too: {filed:?}"
        );
        assert_eq!(filed[5], Ingested::Duplicate);
        let thread = d.app.thread(&d.system, RequestId(request)).await.unwrap();
        assert_eq!(thread.messages.len(), 3);
        // Both new senders at the client's domain became contacts, once each.
        assert_eq!(
            d.app
                .list_contacts(&d.system, d.hidamari.id)
                .await
                .unwrap()
                .len(),
            2
        );
    });
}

#[tokio::test]
async fn a_clients_mail_with_an_attachment_brings_the_materials_awaited() {
    for backend in [Backend::Sqlite, Backend::Postgres] {
        let d = desk(backend, 1024 * 1024).await;
        let first = mail(
            "y.kobayashi@hidamari.example.jp",
            "新商品LPの件",
            "lp-1@hidamari.example.jp",
            &[],
            "新商品のLPをお願いしたく、ご連絡いたしました。",
        );
        let request = RequestId(request_of(&ingest(&d, first).await));
        let awaited = d
            .app
            .create_material(
                &d.system,
                MaterialInput {
                    request_id: request,
                    what: "商品写真の高解像度データ".into(),
                    due_at: Some(now() + 48.hours()),
                },
                None,
                now(),
            )
            .await
            .unwrap()
            .value;
        // A reply without an attachment brings nothing; automatic mail brings nothing.
        let words = mail(
            "y.kobayashi@hidamari.example.jp",
            "Re: 新商品LPの件",
            "lp-2@hidamari.example.jp",
            &["In-Reply-To: <lp-1@hidamari.example.jp>"],
            "承知しました。写真は明日お送りします。",
        );
        ingest(&d, words).await;
        let listed = |awaited_only| MaterialQuery {
            request: Some(request),
            awaited_only,
            ..MaterialQuery::default()
        };
        assert_eq!(
            d.app
                .list_materials(&d.system, listed(true))
                .await
                .unwrap()
                .len(),
            1,
            "{backend:?}"
        );
        let photos = "From: y.kobayashi@hidamari.example.jp\r\nSubject: Re: 新商品LPの件\r\nMessage-ID: <lp-3@hidamari.example.jp>\r\n\
             In-Reply-To: <lp-1@hidamari.example.jp>\r\nDate: Thu, 03 Dec 2026 11:00:00 +0900\r\n\
             Content-Type: multipart/mixed; boundary=b\r\n\r\n\
             --b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n写真データをお送りします。\r\n\
             --b\r\nContent-Type: image/jpeg\r\nContent-Disposition: attachment; filename=photo.jpg\r\n\
             Content-Transfer-Encoding: base64\r\n\r\n/9j/4AAQ\r\n--b--\r\n";
        ingest(&d, photos.as_bytes().to_vec()).await;
        assert!(
            d.app
                .list_materials(&d.system, listed(true))
                .await
                .unwrap()
                .is_empty(),
            "{backend:?}"
        );
        let all = d
            .app
            .list_materials(&d.system, listed(false))
            .await
            .unwrap();
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].id, awaited.id);
        assert_eq!(all[0].received_at, Some(now()), "{backend:?}");
        // Marking it again by hand changes nothing.
        let again = d
            .app
            .receive_material(&d.system, awaited.id, now() + 1.hours())
            .await
            .unwrap();
        assert_eq!(again.received_at, Some(now()));
    }
}
