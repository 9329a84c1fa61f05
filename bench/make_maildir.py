#!/usr/bin/env python3
"""Writes N generated client mails into a Maildir for `rapport ingest` benchmarks.

Usage: bench/make_maildir.py N OUT_DIR. Three clients (Japanese, Chinese, English) write
new requests, replies that carry In-Reply-To, Outlook and QQ Mail replies that carry only
a reply subject, automatic replies and mail from unknown senders; bodies in UTF-8,
ISO-2022-JP, Shift_JIS and GBK, some with a small attachment. Deterministic for N.
"""
import base64
import os
import random
import sys
from email.header import Header

CLIENTS = [
    ("ja", "hikari.example.jp", "Asia/Tokyo", ["iso-2022-jp", "shift_jis", "utf-8"],
     ["新商品リリースの件", "月次レポートについて", "お見積りのお願い", "サイト改修のご相談", "バナー差し替え"],
     ["お世話になっております。\n{n}件目のご相談です。来週金曜日までに初稿をお送りいただけますでしょうか。\n部長の山田が役員会で使う予定です。\nよろしくお願いいたします。",
      "いつもありがとうございます。\n至急で恐縮ですが、明日の15時までにご確認いただけますと幸いです。\n資料を添付いたします。"]),
    ("zh", "yuelan.example.cn", "Asia/Shanghai", ["gbk", "utf-8"],
     ["关于双十一活动方案", "报价单确认", "公众号推文修改", "直播脚本"],
     ["您好！\n第{n}个需求：老板要求本周五下班前给到初稿，用于周一的管理层汇报。\n麻烦尽快安排，谢谢！",
      "王经理好，附件是最新的产品资料，请查收。明天上午10点前能否回复？"]),
    ("en", "cedarlane.example.com", "America/New_York", ["utf-8"],
     ["Server migration", "Invoice question", "Website outage", "Quarterly report"],
     ["Hi team,\nRequest {n}: could you send the revised plan by Thursday 3pm? My boss needs it for the board meeting.\nThanks,\nMegan",
      "Hello, the checkout page is down again. This is urgent, please call me ASAP."]),
]


def encode_body(text, charset):
    data = text.replace("\n", "\r\n").encode(charset)
    if charset == "iso-2022-jp":
        return data, "7bit"
    return base64.encodebytes(data), "base64"


def main():
    n, out = int(sys.argv[1]), sys.argv[2]
    rng = random.Random(n)
    for sub in ("cur", "new", "tmp"):
        os.makedirs(os.path.join(out, sub), exist_ok=True)
    sent = []  # (message-id, client index, subject)
    for i in range(n):
        c = rng.randrange(3)
        lang, domain, _, charsets, subjects, bodies = CLIENTS[c]
        charset = rng.choice(charsets)
        roll = rng.random()
        headers = []
        sender = f"person{rng.randrange(40)}@{domain}"
        if roll < 0.05:
            sender = f"someone{rng.randrange(1000)}@unknown{rng.randrange(50)}.example.org"
            subject = rng.choice(subjects)
        elif roll < 0.08:
            subject = "Automatic reply: " + rng.choice(subjects)
            headers.append("Auto-Submitted: auto-replied")
        elif roll < 0.40 and sent:
            parent_id, pc, psubject = sent[rng.randrange(max(0, len(sent) - 200), len(sent))]
            c = pc
            lang, domain, _, charsets, subjects, bodies = CLIENTS[c]
            charset = rng.choice(charsets)
            sender = f"person{rng.randrange(40)}@{domain}"
            prefix = {"ja": "RE: ", "zh": "回复：", "en": "Re: "}[lang]
            subject = prefix + psubject
            if rng.random() < 0.7:
                headers.append(f"In-Reply-To: <{parent_id}>")
                headers.append(f"References: <{parent_id}>")
        else:
            subject = f"{rng.choice(subjects)} #{i}"
        mid = f"m{i}.{rng.randrange(10**9)}@{domain}"
        body, cte = encode_body(rng.choice(bodies).format(n=i), charset)
        encoded_subject = Header(subject, charset if charset != "shift_jis" else "iso-2022-jp").encode()
        lines = [
            f"From: {sender}",
            "To: desk@agency.example",
            f"Subject: {encoded_subject}",
            f"Message-ID: <{mid}>",
            f"Date: Thu, {1 + i % 28:02d} Oct 2026 {i % 24:02d}:{i % 60:02d}:00 +0900",
            "MIME-Version: 1.0",
        ] + headers
        attach = rng.random() < 0.1
        if attach:
            boundary = f"b{i}"
            lines.append(f'Content-Type: multipart/mixed; boundary="{boundary}"')
            payload = (
                f"--{boundary}\r\nContent-Type: text/plain; charset={charset}\r\nContent-Transfer-Encoding: {cte}\r\n\r\n".encode()
                + body
                + f"\r\n--{boundary}\r\nContent-Type: application/pdf; name=\"brief-{i % 50}.pdf\"\r\nContent-Disposition: attachment; filename=\"brief-{i % 50}.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\n".encode()
                + base64.encodebytes(b"%PDF-1.4\n" + bytes([i % 50]) * 2000)
                + f"\r\n--{boundary}--\r\n".encode()
            )
        else:
            lines.append(f"Content-Type: text/plain; charset={charset}")
            lines.append(f"Content-Transfer-Encoding: {cte}")
            payload = body
        raw = ("\r\n".join(lines) + "\r\n\r\n").encode() + payload
        with open(os.path.join(out, "cur", f"{i:08d}.bench:2,S"), "wb") as f:
            f.write(raw)
        if "Auto-Submitted" not in "".join(headers) and not sender.startswith("someone"):
            sent.append((mid, c, subject.split(": ", 1)[-1].split("：", 1)[-1]))


if __name__ == "__main__":
    main()
