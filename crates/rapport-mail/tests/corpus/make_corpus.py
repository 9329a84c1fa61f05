#!/usr/bin/env python3
"""Regenerate the golden mail corpus in ./mail (NNN.eml + NNN.json).

Standard library only. Run from anywhere:

    python3 crates/rapport-mail/tests/corpus/make_corpus.py

Every message is built byte by byte here (charsets, transfer encodings, folding),
and the expected JSON beside it is derived from the same inputs: the expected text
is the encoded bytes decoded again with the WHATWG reading of the label (which is
what encoding_rs does), not the string we started from. Where the two differ
(for instance a Linux user's WAVE DASH U+301C written in EUC-JP comes back as
FULLWIDTH TILDE U+FF5E) the JSON holds the WHATWG reading.

`--check-dump FILE` also writes every (charset, bytes, expected text) triple used,
so an independent decoder can verify the expectations.
"""

import base64
import hashlib
import io
import json
import os
import struct
import sys
import zipfile
import zlib
from datetime import datetime, timedelta, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "mail")

CRLF = b"\r\n"
CHECKS = []  # (charset, bytes, decoded text) for --check-dump


# ---------------------------------------------------------------------------
# Charsets
# ---------------------------------------------------------------------------

# Windows (WideCharToMultiByte, code page 932) writes these IBM extension
# kanji in the 0xFA-0xFC rows; Python's cp932 codec picks the NEC-selected
# duplicates (0xED/0xEE rows). Both decode to the same character.
SJIS_OVERRIDE = {"髙": b"\xfb\xfc", "﨑": b"\xfa\xb1"}


def sjis(text):
    out = bytearray()
    for ch in text:
        out += SJIS_OVERRIDE.get(ch) or ch.encode("cp932")
    return bytes(out)


def sjis_to_jis(b):
    s1, s2 = b
    if s1 >= 0xE0:
        s1 -= 0x40
    j1 = (s1 - 0x81) * 2 + 0x21
    if s2 >= 0x9F:
        j1 += 1
        j2 = s2 - 0x9F + 0x21
    else:
        j2 = s2 - 0x40 + 0x21 - (1 if s2 > 0x7F else 0)
    if not (0x21 <= j1 <= 0x7E and 0x21 <= j2 <= 0x7E):
        raise ValueError("not in JIS X 0208 / NEC row 13: %r" % b)
    return bytes([j1, j2])


def jis_to_sjis(j1, j2):
    if j1 % 2:
        s2 = j2 + 0x1F + (1 if j2 >= 0x60 else 0)
    else:
        s2 = j2 + 0x7E
    s1 = (j1 + 1) // 2 + 0x70
    if s1 >= 0xA0:
        s1 += 0x40
    return bytes([s1, s2])


ESC = {"ascii": b"\x1b(B", "kana": b"\x1b(I", "jis": b"\x1b$B"}


def iso2022jp(text):
    """ISO-2022-JP as Outlook (CP50221) writes it: JIS X 0208 including the
    NEC row 13 (①, ㈱ ...) after ESC $ B, half-width katakana after ESC ( I."""
    out = bytearray()
    mode = "ascii"
    for ch in text:
        if ch in SJIS_OVERRIDE:
            raise ValueError("IBM extension kanji has no ISO-2022-JP form: " + ch)
        b = ch.encode("cp932")
        if len(b) == 1 and b[0] < 0x80:
            want, payload = "ascii", b
        elif len(b) == 1:
            want, payload = "kana", bytes([b[0] - 0x80])
        else:
            want, payload = "jis", sjis_to_jis(b)
        if want != mode:
            out += ESC[want]
            mode = want
        out += payload
    if mode != "ascii":
        out += ESC["ascii"]
    return bytes(out)


def eucjp(text):
    out = bytearray()
    for ch in text:
        b = ch.encode("cp932")
        if len(b) == 1 and b[0] < 0x80:
            out += b
        elif len(b) == 1:
            out += bytes([0x8E, b[0]])
        else:
            j = sjis_to_jis(b)
            out += bytes([j[0] | 0x80, j[1] | 0x80])
    return bytes(out)


def dec_iso2022jp(data):
    out = []
    mode = "ascii"
    i = 0
    while i < len(data):
        if data[i] == 0x1B:
            mode = {b"\x1b(B": "ascii", b"\x1b(J": "ascii", b"\x1b(I": "kana",
                    b"\x1b$B": "jis", b"\x1b$@": "jis"}[bytes(data[i:i + 3])]
            i += 3
        elif mode == "ascii":
            out.append(chr(data[i]))
            i += 1
        elif mode == "kana":
            out.append(chr(0xFF61 + data[i] - 0x21))
            i += 1
        else:
            out.append(jis_to_sjis(data[i], data[i + 1]).decode("cp932"))
            i += 2
    return "".join(out)


def dec_eucjp(data):
    out = []
    i = 0
    while i < len(data):
        c = data[i]
        if c < 0x80:
            out.append(chr(c))
            i += 1
        elif c == 0x8E:
            out.append(chr(0xFF61 + data[i + 1] - 0xA1))
            i += 2
        else:
            out.append(jis_to_sjis(c & 0x7F, data[i + 1] & 0x7F).decode("cp932"))
            i += 2
    return "".join(out)


def enc(text, charset):
    cs = charset.lower()
    if cs == "iso-2022-jp":
        return iso2022jp(text)
    if cs in ("shift_jis", "x-unknown", "us-ascii-sjis"):
        return sjis(text)
    if cs == "euc-jp":
        return eucjp(text)
    if cs in ("gb2312", "gbk"):
        return text.encode("gbk")
    if cs == "gb18030":
        return text.encode("gb18030")
    if cs in ("big5", "big5-hkscs"):
        return text.encode("big5hkscs")
    if cs in ("windows-1252", "iso-8859-1"):
        return text.encode("cp1252")
    if cs in ("utf-8", "us-ascii-utf8"):
        return text.encode("utf-8")
    if cs == "us-ascii":
        return text.encode("ascii")
    raise ValueError(charset)


def dec(data, charset):
    """The WHATWG (encoding_rs) reading of `data` under `charset`.

    Python's cp932 decoder agrees with WHATWG Shift_JIS on every defined
    two-byte code (0x8160 is U+FF5E in both), and its gbk/big5hkscs decoders
    agree on every character used here; make_corpus --check-dump lets an
    independent decoder confirm it."""
    cs = charset.lower()
    if cs == "iso-2022-jp":
        text = dec_iso2022jp(data)
    elif cs == "shift_jis":
        text = data.decode("cp932")
    elif cs == "euc-jp":
        text = dec_eucjp(data)
    elif cs in ("gb2312", "gbk", "gb18030"):
        text = data.decode("gb18030")
    elif cs in ("big5", "big5-hkscs"):
        text = data.decode("big5hkscs")
    elif cs in ("windows-1252", "iso-8859-1"):
        text = data.decode("cp1252")
    elif cs in ("utf-8", "us-ascii"):
        text = data.decode("utf-8", "replace")
    else:
        raise ValueError(charset)
    CHECKS.append((cs, data, text))
    return text


def win1252_byte(c):
    """One byte read as WHATWG windows-1252 (the five bytes Python's cp1252 leaves
    undefined are the C1 controls of the same value there)."""
    try:
        return bytes([c]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(c)


def dec_mostly_utf8(data):
    """Text labelled UTF-8 that is not all UTF-8: the valid runs as UTF-8 and each
    stray byte as windows-1252 (the parser's reading, which also warns
    charset_mislabeled). Not a WHATWG reading, so nothing goes to --check-dump."""
    out = []
    i = 0
    while i < len(data):
        try:
            out.append(data[i:].decode("utf-8"))
            break
        except UnicodeDecodeError as e:
            out.append(data[i:i + e.start].decode("utf-8"))
            out.extend(win1252_byte(c) for c in data[i + e.start:i + e.end])
            i += e.end
    return "".join(out)


def roundtrip(text, charset):
    """Encode with the sender's charset, return (bytes, what the reader gets)."""
    data = enc(text, charset)
    real = {"x-unknown": "shift_jis", "us-ascii-sjis": "shift_jis",
            "us-ascii-utf8": "utf-8"}.get(charset.lower(), charset)
    return data, dec(data, real)


# ---------------------------------------------------------------------------
# Transfer encodings, RFC 2047, RFC 2231
# ---------------------------------------------------------------------------

def crlf(text):
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


def b64body(data, width=76):
    s = base64.b64encode(data).decode("ascii")
    return "".join(s[i:i + width] + "\r\n" for i in range(0, len(s), width)).encode("ascii")


def qpbody(data, width=76):
    """Quoted-printable with soft breaks at `width`, like Apple Mail and Outlook:
    a soft break may fall between the bytes of one multi-byte character."""
    lines = data.split(CRLF)
    out = []
    for line in lines:
        toks = []
        for j, c in enumerate(line):
            if c in (0x20, 0x09):
                toks.append("=%02X" % c if j == len(line) - 1 else chr(c))
            elif 33 <= c <= 126 and c != 0x3D:
                toks.append(chr(c))
            else:
                toks.append("=%02X" % c)
        cur = ""
        for t in toks:
            if len(cur) + len(t) > width - 1:
                out.append(cur + "=")
                cur = ""
            cur += t
        out.append(cur)
    return "\r\n".join(out).encode("ascii")


def ew_words(text, charset, mode="B", maxlen=66, label=None):
    """Split `text` into RFC 2047 encoded words no longer than `maxlen`,
    never splitting a character. Returns (words, decoded text)."""
    label = label or charset
    words, decoded = [], []
    i = 0
    while i < len(text):
        j = i + 1
        best = None
        while j <= len(text):
            chunk = text[i:j]
            data = enc(chunk, charset)
            word = _ew(data, label, mode)
            if len(word) > maxlen:
                break
            best = (j, word, data)
            j += 1
        if best is None:
            raise ValueError("character too long for an encoded word")
        j, word, data = best
        words.append(word)
        decoded.append(dec(data, charset))
        i = j
    return words, "".join(decoded)


def _ew(data, label, mode):
    if mode == "B":
        return "=?%s?B?%s?=" % (label, base64.b64encode(data).decode("ascii"))
    out = []
    for c in data:
        if c == 0x20:
            out.append("_")
        elif (0x30 <= c <= 0x39 or 0x41 <= c <= 0x5A or 0x61 <= c <= 0x7A
              or c in b"!*+-/"):
            out.append(chr(c))
        else:
            out.append("=%02X" % c)
    return "=?%s?Q?%s?=" % (label, "".join(out))


def ew1(text, charset, mode="B", label=None):
    words, decoded = ew_words(text, charset, mode, maxlen=10 ** 6, label=label)
    assert len(words) == 1
    return words[0], decoded


def fold(words, indent=" "):
    return ("\r\n" + indent).join(words)


def pct(data):
    safe = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-."
    return "".join(chr(c) if c in safe else "%%%02X" % c for c in data)


# ---------------------------------------------------------------------------
# Small attachment payloads
# ---------------------------------------------------------------------------

def tiny_pdf(title):
    return ("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
            "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
            "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n"
            "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>\nendobj\n"
            "4 0 obj\n<< /Title (" + title + ") /Producer (rapport corpus) >>\nendobj\n"
            "trailer\n<< /Root 1 0 R /Info 4 0 R >>\n%%EOF\n").encode("latin-1")


def tiny_png(w, h, rgb):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    raw = b"".join(b"\x00" + bytes(rgb) * w for _ in range(h))
    # a stored (uncompressed) deflate block keeps the bytes independent of zlib's version
    stored = b"\x78\x01\x01" + struct.pack("<HH", len(raw), len(raw) ^ 0xFFFF) + raw
    stored += struct.pack(">I", zlib.adler32(raw))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", stored) + chunk(b"IEND", b""))


def tiny_zip(files):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
        for name, data in files:
            z.writestr(zipfile.ZipInfo(name, date_time=(2026, 11, 30, 9, 0, 0)), data)
    return buf.getvalue()


def tiny_xlsx(sheet_text):
    return tiny_zip([
        ("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
        ("xl/worksheets/sheet1.xml", '<?xml version="1.0" encoding="UTF-8"?><worksheet><!-- ' + sheet_text + ' --></worksheet>'),
    ])


def tiny_docx(doc_text):
    return tiny_zip([
        ("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
        ("word/document.xml", '<?xml version="1.0" encoding="UTF-8"?><w:document><!-- ' + doc_text + ' --></w:document>'),
    ])


def att(filename, content_type, data):
    return {"filename": filename, "content_type": content_type, "size": len(data),
            "sha256": hashlib.sha256(data).hexdigest()}


def unnamed_att(n, content_type, data):
    """A part without a file name that is still an attachment (the machine-readable
    parts of a multipart/report): named after its place `n` (from 1) among the
    message's attachments, `message-N.eml` for message/rfc822, else `attachment-N`."""
    name = "message-%d.eml" % n if content_type == "message/rfc822" else "attachment-%d" % n
    return att(name, content_type, data)


# ---------------------------------------------------------------------------
# Headers, dates, message assembly
# ---------------------------------------------------------------------------

DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def date(y, mo, d, h, mi, s, tz_minutes, style="pad", comment=None):
    """(Date header value, expected UTC RFC 3339)."""
    tz = timezone(timedelta(minutes=tz_minutes))
    dt = datetime(y, mo, d, h, mi, s, tzinfo=tz)
    sign = "+" if tz_minutes >= 0 else "-"
    off = "%s%02d%02d" % (sign, abs(tz_minutes) // 60, abs(tz_minutes) % 60)
    day = {"pad": "%02d" % d, "nopad": "%d" % d, "postfix": "%2d" % d}[style]
    value = "%s, %s %s %d %02d:%02d:%02d %s" % (DAYS[dt.weekday()], day, MONTHS[mo - 1], y, h, mi, s, off)
    if comment:
        value += " (" + comment + ")"
    return value, dt.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def thread_index(seed):
    return base64.b64encode(b"\x01" + hashlib.sha256(seed.encode()).digest()[:21]).decode("ascii")


def head(*pairs):
    """Header block from (name, value) pairs; value is str or bytes (raw)."""
    out = bytearray()
    for name, value in pairs:
        if isinstance(value, str):
            value = value.encode("utf-8")
        sep = b":" if value.startswith(CRLF) or not value else b": "
        out += name.encode("ascii") + sep + value + CRLF
    return bytes(out)


def part(headers, body):
    return head(*headers) + CRLF + body


def multipart(boundary, parts, preamble=None, close=True):
    b = boundary.encode("ascii")
    out = bytearray()
    if preamble:
        out += preamble.encode("ascii") + CRLF + CRLF
    for p in parts:
        out += b"--" + b + CRLF + p
        if not p.endswith(CRLF):
            out += CRLF
        out += CRLF
    if close:
        out += b"--" + b + b"--" + CRLF
    return bytes(out)


def text_part(text, charset, cte, label=None, ctype="text/plain", extra_ct="", more=()):
    """A text part. Returns (part bytes, expected decoded text)."""
    data, decoded = roundtrip(crlf(text), charset)
    body = {"base64": b64body, "quoted-printable": qpbody}.get(cte, lambda x: x)(data)
    ct = ctype
    if label is not None:
        ct += '; charset="%s"' % label if '"' not in label else "; charset=" + label
    ct += extra_ct
    headers = [("Content-Type", ct), ("Content-Transfer-Encoding", cte)] + list(more)
    return part(headers, body), decoded


def expect_text(s):
    return s.replace("\r\n", "\n").replace("\r", "\n").rstrip()


def addr(name, address):
    """The parser lower-cases addresses (MAILER-DAEMON@host reads mailer-daemon@host)."""
    return {"name": name, "address": address.lower()}


def expected(message_id=None, in_reply_to=(), references=(), from_=None, to=(), cc=(),
             subject="", date=None, text="", auto=None, attachments=(), warnings=()):
    return {
        "message_id": message_id,
        "in_reply_to": list(in_reply_to),
        "references": list(references),
        "from": from_,
        "to": list(to),
        "cc": list(cc),
        "subject": subject,
        "date": date,
        "text": expect_text(text),
        "auto": auto,
        "attachments": list(attachments),
        "warnings": sorted(set(warnings)),
    }


MESSAGES = []


def message(case):
    def register(fn):
        MESSAGES.append((case, fn))
        return fn
    return register


# Our side: Aoba Tech (アオバテック / 青叶科技 / 青葉科技), an IT vendor.
SUPPORT = ("support@aoba-tech.example")
SATO = "sato.ken@aoba-tech.example"
LIMING = "li.ming@aoba-tech.example"
KELVIN = "kelvin.chan@aoba-tech.example"
YATING = "yating.chang@aoba-tech.example"
EMMA = "emma.clarke@aoba-tech.example"
JULIEN = "julien.moreau@aoba-tech.example"
ANDRE = "andre.lefevre@aoba-tech.example"


def rcvd(frm, by, when, ident):
    return ("Received", "from %s\r\n\tby %s with ESMTPS id %s\r\n\tfor <%s>; %s" % (frm, by, ident, SUPPORT, when))


# ---------------------------------------------------------------------------
# 1. Japanese charsets
# ---------------------------------------------------------------------------

@message("ISO-2022-JP 7bit, Outlook: NEC row 13 (①②③, ㈱) and half-width katakana; RFC 2047 ISO-2022-JP subject and name")
def m_iso2022jp_nec():
    d, dz = date(2026, 11, 30, 10, 23, 45, 540)
    name_w, name = ew1("山田 花子", "iso-2022-jp")
    to_w, to_name = ew1("アオバテック サポート", "iso-2022-jp")
    subj_w, subj = ew_words("【ご確認】請求書の宛名変更とお振込先について", "iso-2022-jp")
    body = """アオバテック株式会社
サポートご担当者様

いつもお世話になっております。
㈱山田商事 経理部の山田です。

来月ご請求分より、下記の3点を変更していただけますでしょうか。

①請求書の宛名：「㈱山田商事」→「山田商事ホールディングス㈱」
②送付先：本社 経理部（住所の変更はございません）
③ご担当者名：山田 花子

また、お振込先について念のため確認させてください。
弊社の振込システムでは、御社の口座名義が
「ｱｵﾊﾞﾃﾂｸ(ｶ」
と表示されております。こちらで間違いございませんでしょうか。

お手数をおかけしますが、よろしくお願いいたします。

――――――――――――――――――――
山田商事ホールディングス株式会社
経理部　山田 花子
TEL：03-1234-5678
――――――――――――――――――――
"""
    p, text = text_part(body, "iso-2022-jp", "7bit", label="iso-2022-jp")
    mid = "000001dd6a2b$3c4d5e60$b4e81b20$@yamada-shoji.example.co.jp"
    raw = head(
        ("Return-Path", "<yamada.hanako@yamada-shoji.example.co.jp>"),
        rcvd("mail.yamada-shoji.example.co.jp (mail.yamada-shoji.example.co.jp [203.0.113.21])",
             "mx1.aoba-tech.example (Postfix)", "Mon, 30 Nov 2026 10:23:47 +0900 (JST)", "4B1F21E0A31"),
        ("From", name_w + " <yamada.hanako@yamada-shoji.example.co.jp>"),
        ("To", to_w + " <" + SUPPORT + ">"),
        ("Subject", fold(subj_w)),
        ("Date", d),
        ("Message-ID", "<" + mid + ">"),
        ("MIME-Version", "1.0"),
        ("X-Mailer", "Microsoft Outlook 16.0"),
        ("Thread-Index", thread_index("001")),
        ("Content-Language", "ja"),
    ) + p
    return raw, expected(
        message_id=mid, from_=addr(name, "yamada.hanako@yamada-shoji.example.co.jp"),
        to=[addr(to_name, SUPPORT)], subject=subj, date=dz, text=text)


@message("Shift_JIS label with CP932 characters (髙 as 0xFBFC, ～ as 0x8160), base64; Shift_JIS encoded words")
def m_sjis_b64():
    d, dz = date(2026, 11, 30, 11, 2, 9, 540)
    name_w, name = ew1("髙橋 誠", "shift_jis", label="shift_jis")
    to_w, to_name = ew1("佐藤 健", "shift_jis", label="shift_jis")
    subj_w, subj = ew_words("打ち合わせ日程のご相談（12/3～12/4）", "shift_jis", label="shift_jis")
    body = """アオバテック株式会社
佐藤様

いつもお世話になっております。
山田商事の髙橋です。

先日ご依頼した在庫管理システムの改修について、
一度お打ち合わせのお時間をいただけないでしょうか。

候補日は以下のとおりです。
・12月3日（木）10:00～12:00
・12月4日（金）14:00～17:00

場所は弊社会議室、またはTeamsでも構いません。
ご都合のよい日時をお知らせいただけますと幸いです。

よろしくお願いいたします。

--
山田商事ホールディングス株式会社
情報システム部　髙橋 誠
〒103-0027 東京都中央区日本橋1-2-3
TEL 03-1234-5680
"""
    p, text = text_part(body, "shift_jis", "base64", label="Shift_JIS")
    mid = "000501dd6a33$8e2f4a10$aa8dde30$@yamada-shoji.example.co.jp"
    raw = head(
        ("From", name_w + " <takahashi.makoto@yamada-shoji.example.co.jp>"),
        ("To", to_w + " <" + SATO + ">"),
        ("Subject", fold(subj_w)),
        ("Date", d),
        ("Message-ID", "<" + mid + ">"),
        ("MIME-Version", "1.0"),
        ("X-Mailer", "Microsoft Outlook 16.0"),
        ("Thread-Index", thread_index("002")),
        ("Content-Language", "ja"),
    ) + p
    return raw, expected(
        message_id=mid, from_=addr(name, "takahashi.makoto@yamada-shoji.example.co.jp"),
        to=[addr(to_name, SATO)], subject=subj, date=dz, text=text)


def outlook_html(text, charset_label):
    esc = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    paras = "".join('<p class=MsoNormal>%s<o:p></o:p></p>\n' % (l if l else "&nbsp;") for l in esc.split("\n"))
    return ('<html xmlns:o="urn:schemas-microsoft-com:office:office">\n<head>\n'
            '<meta http-equiv=Content-Type content="text/html; charset=%s">\n'
            '<style><!--\np.MsoNormal {margin:0mm; font-size:10.5pt; font-family:"Yu Gothic",sans-serif;}\n--></style>\n'
            '</head>\n<body lang=JA link="#0563C1" vlink="#954F72">\n<div class=WordSection1>\n%s</div>\n</body>\n</html>\n'
            % (charset_label, paras))


@message("Shift_JIS quoted-printable, Outlook multipart/alternative: the text/plain part is kept; 﨑 (0xFAB1) and ～")
def m_sjis_qp_alt():
    d, dz = date(2026, 12, 1, 9, 41, 30, 540)
    name_w, name = ew1("山﨑 由美", "shift_jis", label="shift_jis")
    subj_w, subj = ew_words("見積書（No.2026-1187）についてのご相談", "shift_jis", label="shift_jis")
    body = """株式会社アオバテック
佐藤 様

お世話になっております。中村製作所の山﨑です。

先週お送りいただいた見積書（No.2026-1187）の件で、2点ご相談させてください。

1. 保守費用について、月額ではなく年額一括でのお支払いは可能でしょうか。
2. 納期を1月15日～1月末に調整いただくことはできますでしょうか。

社内稟議の締切が12月10日のため、それまでにご回答いただけますと助かります。
何卒よろしくお願い申し上げます。

株式会社中村製作所
総務部 山﨑 由美
TEL：052-123-4567
"""
    plain, text = text_part(body, "shift_jis", "quoted-printable", label="shift_jis")
    html, _ = text_part(outlook_html(body, "shift_jis"), "shift_jis", "quoted-printable",
                        label="shift_jis", ctype="text/html")
    boundary = "----=_NextPart_000_0019_01DD6B10.2A7C4E90"
    mid = "001801dd6b10$2a7c4e90$7f74ebb0$@nakamura-ss.example.co.jp"
    raw = head(
        ("From", name_w + " <yamazaki.yumi@nakamura-ss.example.co.jp>"),
        ("To", '"Sato Ken" <' + SATO + ">"),
        ("Subject", fold(subj_w)),
        ("Date", d),
        ("Message-ID", "<" + mid + ">"),
        ("MIME-Version", "1.0"),
        ("Content-Type", 'multipart/alternative;\r\n\tboundary="%s"' % boundary),
        ("X-Mailer", "Microsoft Outlook 16.0"),
        ("Thread-Index", thread_index("003")),
        ("Content-Language", "ja"),
    ) + CRLF + multipart(boundary, [plain, html], preamble="This is a multipart message in MIME format.")
    return raw, expected(
        message_id=mid, from_=addr(name, "yamazaki.yumi@nakamura-ss.example.co.jp"),
        to=[addr("Sato Ken", SATO)], subject=subj, date=dz, text=text)


@message("EUC-JP 8bit from a Linux box (Heirloom mailx); WAVE DASH 〜 reads back as ～ (WHATWG); a text/plain attachment")
def m_eucjp():
    d, dz = date(2026, 12, 2, 6, 48, 12, 540)
    subj_w, subj = ew_words("夜間バッチ異常終了のご連絡（出荷データ連携）", "euc-jp", label="EUC-JP")
    name_w, name = ew1("小林 拓也", "euc-jp", label="EUC-JP")
    body = """アオバテック株式会社
サポートご担当者様

北星物流の小林です。お世話になっております。

本日 02:00〜02:30 の夜間バッチ（出荷データ連携）が異常終了しました。
サーバー上のログを添付しますのでご確認ください。

・対象サーバー：hs-batch01
・ジョブ名：SHIP_EXPORT_DAILY
・終了コード：137

朝の出荷作業に影響が出るため、8時までに再実行の可否をご連絡いただけますか。
よろしくお願いします。

--
株式会社北星物流 情報システム課
小林 拓也（内線 4312）
"""
    tp, text = text_part(body, "euc-jp", "8bit", label=None, extra_ct="; charset=EUC-JP")
    log = crlf("2026-12-02 02:00:01 INFO  SHIP_EXPORT_DAILY start\n"
               "2026-12-02 02:14:37 INFO  exported 18342 rows to /data/export/ship_20261202.csv\n"
               "2026-12-02 02:29:58 ERROR upload failed: connection reset by peer (sftp.aoba-tech.example:22)\n"
               "2026-12-02 02:30:00 FATAL killed (exit 137)\n").encode("ascii")
    ap = part([("Content-Type", "text/plain; charset=us-ascii"),
               ("Content-Transfer-Encoding", "7bit"),
               ("Content-Disposition", 'attachment;\r\n filename="batch_error.log"')], log)
    boundary = "=_6a4f1e2c.Kq3vXyZ8mP0dR7sT1uW4bN6hJ9cF2gL5aE8iO0"
    mid = "6a4f1e2c.5b7d.kobayashi@hs-batch01.hokusei-logi.example.co.jp"
    raw = head(
        ("Return-Path", "<kobayashi@hokusei-logi.example.co.jp>"),
        ("Date", d),
        ("From", name_w + " <kobayashi@hokusei-logi.example.co.jp>"),
        ("To", SUPPORT),
        ("Subject", fold(subj_w)),
        ("Message-ID", "<" + mid + ">"),
        ("User-Agent", "Heirloom mailx 12.5 7/5/10"),
        ("MIME-Version", "1.0"),
        ("Content-Type", 'multipart/mixed;\r\n boundary="%s"' % boundary),
    ) + CRLF + multipart(boundary, [tp, ap], preamble="This is a multi-part message in MIME format.")
    return raw, expected(
        message_id=mid, from_=addr(name, "kobayashi@hokusei-logi.example.co.jp"),
        to=[addr(None, SUPPORT)], subject=subj, date=dz, text=text,
        attachments=[att("batch_error.log", "text/plain", log)])


# ---------------------------------------------------------------------------
# 2. Chinese charsets
# ---------------------------------------------------------------------------

def simple_html(text, charset_label, wrap="div"):
    esc = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    lines = "".join("<%s>%s</%s>" % (wrap, l if l else "<br>", wrap) for l in esc.split("\n"))
    return ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=%s"></head>'
            '<body>%s</body></html>\n' % (charset_label, lines))


@message("GB2312 label on GBK text (喆, 镕, 昇 are not in GB2312), Foxmail reply '回复: ' with quoted encoded-word names and a GB2312 encoded file name")
def m_gb2312_gbk():
    d, dz = date(2026, 11, 30, 14, 5, 33, 480)
    from_w, from_name = ew1("王喆", "gb2312")
    to_w, to_name = ew1("李明", "gb2312")
    cc_w, cc_name = ew1("刘镕", "gb2312")
    subj_w, subj = ew_words("回复: 关于二期需求变更的确认", "gb2312")
    body = """李经理，您好！

收到，谢谢您的及时回复。

关于二期的需求变更，我们内部又讨论了一下，最终确认如下：
1. 订单导出功能增加“按门店筛选”；
2. 报表里的金额统一保留两位小数；
3. 登录页面的公司名称改为“上海昇达科技有限公司”。

详细内容请见附件的变更清单。刘镕这边会负责后续的测试，有问题可以直接联系他。
麻烦您评估一下工作量和排期，下周三之前给我们一个答复，谢谢！

祝好！

王喆
上海昇达科技有限公司 信息部
电话：021-6123-4567

发件人：李明
发送时间：2026-11-27 17:45
收件人：王喆
主题：关于二期需求变更的确认

王经理，您好！
关于二期的需求变更，麻烦您那边确认一下最终的范围，我们好安排排期。
谢谢！
李明
"""
    plain, text = text_part(body, "gb2312", "base64", label="gb2312")
    html, _ = text_part(simple_html(body, "gb2312"), "gb2312", "base64", label="gb2312", ctype="text/html")
    inner = "----=_002_NextPart781645123310_=----"
    alt = part([("Content-Type", 'multipart/alternative;\r\n\tboundary="%s"' % inner)],
               multipart(inner, [plain, html]))
    xlsx = tiny_xlsx("shengda change list v2")
    fname_w, fname = ew1("昇达科技_二期需求变更清单.xlsx", "gb2312")
    ap = part([("Content-Type", 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;\r\n\tname="%s"' % fname_w),
               ("Content-Transfer-Encoding", "base64"),
               ("Content-Disposition", 'attachment;\r\n\tfilename="%s"' % fname_w)], b64body(xlsx))
    outer = "----=_001_NextPart572182624333_=----"
    mid = "202611301405330127846@shengda-tech.example.cn"
    parent = "000001dd5f2e$1a2b3c40$4e5f6a70$@aoba-tech.example"
    raw = head(
        ("Date", d),
        ("From", '"%s" <wangzhe@shengda-tech.example.cn>' % from_w),
        ("To", '"%s" <%s>' % (to_w, LIMING)),
        ("Cc", '"%s" <liurong@shengda-tech.example.cn>' % cc_w),
        ("Subject", fold(subj_w)),
        ("References", "<" + parent + ">"),
        ("In-Reply-To", "<" + parent + ">"),
        ("X-Priority", "3"),
        ("X-GUID", "8E2B61F4-7A3C-4D19-B0E5-3F6A9C1D2E47"),
        ("X-Has-Attach", "yes"),
        ("X-Mailer", "Foxmail 7.2.25.228[cn]"),
        ("Mime-Version", "1.0"),
        ("Message-ID", "<" + mid + ">"),
        ("Content-Type", 'multipart/mixed;\r\n\tboundary="%s"' % outer),
    ) + CRLF + multipart(outer, [alt, ap], preamble="This is a multi-part message in MIME format.")
    return raw, expected(
        message_id=mid, in_reply_to=[parent], references=[parent],
        from_=addr(from_name, "wangzhe@shengda-tech.example.cn"),
        to=[addr(to_name, LIMING)], cc=[addr(cc_name, "liurong@shengda-tech.example.cn")],
        subject=subj, date=dz, text=text,
        attachments=[att(fname, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx)])


@message("GBK label, Coremail (163.com) webmail, base64 text/plain + text/html; Date with a (CST) comment")
def m_gbk():
    d, dz = date(2026, 12, 1, 9, 15, 30, 480, style="nopad", comment="CST")
    from_w, from_name = ew1("张磊", "gbk", label="GBK")
    subj_w, subj = ew_words("网站后台登录报错，麻烦尽快处理", "gbk", label="GBK")
    body = """您好：

我是杭州禾木文化的张磊，我们公司的官网是贵司去年开发的。
从今天上午开始，后台登录的时候一直提示“系统繁忙，请稍后再试”，换了浏览器和电脑也一样，前台页面访问正常。

我们下午要更新双十二的活动页面，麻烦尽快帮忙看一下，谢谢！

张磊
杭州禾木文化传播有限公司
手机：139-0571-2345
"""
    plain, text = text_part(body, "gbk", "base64", label=None, extra_ct="; charset=GBK")
    html, _ = text_part(simple_html(body, "GBK"), "gbk", "base64", label=None, ctype="text/html", extra_ct="; charset=GBK")
    boundary = "----=_Part_318234_1402456789.1796085330123"
    mid = "4f6e1a2b.7c3d.19cd8f3a2b1.Coremail.zhanglei_hemu@163.com"
    raw = head(
        ("Date", d),
        ("From", from_w + " <zhanglei_hemu@163.com>"),
        ("To", SUPPORT),
        ("Message-ID", "<" + mid + ">"),
        ("Subject", fold(subj_w)),
        ("MIME-Version", "1.0"),
        ("Content-Type", "multipart/alternative; \r\n\tboundary=\"%s\"" % boundary),
        ("X-Coremail-Locale", "zh_CN"),
        ("X-Originating-IP", "[115.236.40.17]"),
        ("X-Mailer", "Coremail Webmail Server Version XT5.0.14 build 20240801(9da6c2ba)\r\n Copyright (c) 2002-2026 www.mailtech.cn 163com"),
        ("X-CM-TRANSID", "_____wD3d2lfW0xnq3kIAA--.41218S2"),
    ) + CRLF + multipart(boundary, [plain, html])
    return raw, expected(
        message_id=mid, from_=addr(from_name, "zhanglei_hemu@163.com"), to=[addr(None, SUPPORT)],
        subject=subj, date=dz, text=text)


@message("GB18030 label with four-byte characters (𪚥 U+2A6A5, 𠮷 U+20BB7), QQ Mail reply '回复：' (full-width colon) with no In-Reply-To or References")
def m_gb18030():
    d, dz = date(2026, 11, 30, 16, 2, 11, 480)
    from_w, from_name = ew1("陈静", "gb18030")
    to_w, to_name = ew1("李明", "gb18030")
    subj_w, subj = ew_words("回复：客户名单导入后生僻字显示成问号", "gb18030")
    body = """李工，您好：

刚才按您说的把浏览器缓存清了，又重新导入了一遍，还是不行。
有几个客户的名字里有生僻字，比如“陈𪚥”“王𠮷”，在客户列表里显示成了“陈?”“王?”，导出的Excel里也是问号。

我们这边用的是Windows 10 + Chrome，导入的文件是UTF-8编码的CSV。
麻烦帮忙看一下是哪里的问题，这几个客户下周要签合同，挺急的。

谢谢！

陈静


------------------ 原始邮件 ------------------
发件人: "李明"<li.ming@aoba-tech.example>;
发送时间: 2026年11月30日(星期一) 下午3:20
收件人: "陈静"<3011223344@qq.com>;
主题: 客户名单导入后生僻字显示成问号

陈小姐您好，
请先清除浏览器缓存后再试一次导入，如果还有问题请告诉我。
李明
"""
    plain, text = text_part(body, "gb18030", "base64", label="gb18030")
    html, _ = text_part(simple_html(body, "gb18030"), "gb18030", "base64", label="gb18030", ctype="text/html")
    boundary = "----=_NextPart_674B2F3E_0A1B2C3D_5E6F7A8B"
    mid = "tencent_8D2A6F1E4B3C7A9D0E5F1A2B3C4D5E6F7A08@qq.com"
    raw = head(
        ("X-QQ-FEAT", "3C3mTtvqjyY8f9vB1fjHh0lQz5G7Xm2kP4sT9wR6uY1eA3cD5fG8hJ0kL2nM4pQ6"),
        ("X-QQ-SSF", "00010000000000F000000000000000Z"),
        ("X-QQ-mid", "xmqq7tH1q2w3e4r5t6y7u8i9o0p1a2s3d4f5g6h7j8k9l0"),
        ("From", '"%s" <3011223344@qq.com>' % from_w),
        ("To", '"%s" <%s>' % (to_w, LIMING)),
        ("Subject", fold(subj_w)),
        ("Mime-Version", "1.0"),
        ("Content-Type", 'multipart/alternative;\r\n\tboundary="%s"' % boundary),
        ("Content-Transfer-Encoding", "8Bit"),
        ("Date", d),
        ("X-Priority", "3"),
        ("Message-ID", "<" + mid + ">"),
        ("X-QQ-MIME", "TCMime 1.0 by Tencent"),
        ("X-Mailer", "QQMail 2.x"),
        ("X-QQ-Mailer", "QQMail 2.x"),
    ) + CRLF + multipart(boundary, [plain, html])
    return raw, expected(
        message_id=mid, from_=addr(from_name, "3011223344@qq.com"), to=[addr(to_name, LIMING)],
        subject=subj, date=dz, text=text)


@message("Big5 label with HKSCS characters (哋 咗 嘅 啲 嘢 喺 嚟 㗎), Hong Kong client writing Cantonese, Exchange Online headers")
def m_big5_hk():
    d, dz = date(2026, 12, 1, 10, 42, 8, 480, style="nopad")
    subj_w, subj = ew_words("急！網站張訂單form由今朝開始send唔到", "big5", label="big5")
    body = """Hi Kelvin,

唔好意思又要搵你。我哋個網站張訂單form由今朝開始send唔到，撳完submit之後成個page白咗，乜嘢error都冇顯示。

有幾個客打電話嚟問，話填咗成張form先發覺send唔到，好嬲。我哋呢邊冇改過任何嘢㗎。

可唔可以今日之內幫我哋睇吓？如果要暫時收埋張form都得，話我知就得。

Thanks!
Candy

Candy Wong
Customer Service Manager
樂富貿易有限公司
Tel: +852 2345 6789
"""
    p, text = text_part(body, "big5", "base64", label="big5")
    mid = "HK0PR03MB51237A1B2C3D4E5F6A7B8C9D0E1F2A3B4C5D6@HK0PR03MB5123.apcprd03.prod.outlook.com"
    raw = head(
        ("From", "Candy Wong <candy.wong@lokfu-trading.example.com.hk>"),
        ("To", "Kelvin Chan <" + KELVIN + ">"),
        ("Subject", fold(subj_w)),
        ("Thread-Topic", fold(subj_w)),
        ("Thread-Index", thread_index("008")),
        ("Date", d),
        ("Message-ID", "\r\n <" + mid + ">"),
        ("Accept-Language", "zh-HK, en-US"),
        ("Content-Language", "zh-HK"),
        ("X-MS-Has-Attach", ""),
        ("X-MS-TNEF-Correlator", ""),
        ("Content-Type", 'text/plain; charset="big5"'),
        ("Content-Transfer-Encoding", "base64"),
        ("MIME-Version", "1.0"),
    )
    # text_part already wrote Content-Type; reuse only its body
    body_bytes = p.split(CRLF + CRLF, 1)[1]
    raw = raw + CRLF + body_bytes
    return raw, expected(
        message_id=mid, from_=addr("Candy Wong", "candy.wong@lokfu-trading.example.com.hk"),
        to=[addr("Kelvin Chan", KELVIN)], subject=subj, date=dz, text=text)


@message("big5-hkscs label, 8bit, Hong Kong client (Cantonese particles in written Chinese), Thunderbird")
def m_big5hkscs():
    d, dz = date(2026, 12, 2, 18, 20, 45, 480)
    from_w, from_name = ew1("黃志強", "big5-hkscs")
    subj_w, subj = ew_words("報價單嘅幾個問題", "big5-hkscs")
    body = """Kelvin：

你好！收到你哋嘅報價單，有幾點想問清楚：

1. 個維護費係咪已經包埋伺服器租用？
2. 如果第二期先加手機app，價錢會唔會有調整？
3. 付款可唔可以分三期？

我哋老闆下個禮拜一開會傾呢單嘢，麻煩你喺星期五之前覆我。

唔該晒！

黃志強
永安工程顧問有限公司
電話：2891 2345
"""
    p, text = text_part(body, "big5-hkscs", "8bit", label=None, extra_ct="; charset=Big5-HKSCS")
    mid = "5b1e7c2a-93d4-4f8e-a6b0-2c7d9e1f3a45@wingon-eng.example.com.hk"
    raw = head(
        ("Message-ID", "<" + mid + ">"),
        ("Date", d),
        ("MIME-Version", "1.0"),
        ("User-Agent", "Mozilla Thunderbird"),
        ("Content-Language", "zh-HK"),
        ("To", "Kelvin Chan <" + KELVIN + ">"),
        ("From", from_w + " <ck.wong@wingon-eng.example.com.hk>"),
        ("Subject", fold(subj_w)),
    ) + p
    return raw, expected(
        message_id=mid, from_=addr(from_name, "ck.wong@wingon-eng.example.com.hk"),
        to=[addr("Kelvin Chan", KELVIN)], subject=subj, date=dz, text=text)


@message("Big5 (Taiwan), Outlook, multipart/mixed with a Big5 RFC 2047 attachment name")
def m_big5_tw():
    d, dz = date(2026, 12, 2, 11, 5, 0, 480)
    from_w, from_name = ew1("林志明", "big5")
    to_w, to_name = ew1("張雅婷", "big5")
    subj_w, subj = ew_words("電子發票系統上線時程確認", "big5")
    body = """雅婷您好：

感謝您昨天撥冗開會。

關於電子發票系統的上線時程，我們主管確認後，希望可以調整如下：
一、12月15日（二）完成使用者測試
二、12月22日（二）正式上線

附件是更新後的驗收項目清單，再麻煩您協助確認。
若時程上有困難，也請不吝告知，我們再一起討論。

謝謝您！

林志明 Jimmy Lin
信義科技股份有限公司 資訊部
Tel: (02) 2345-6789 #123
"""
    tp, text = text_part(body, "big5", "base64", label="big5")
    xlsx = tiny_xlsx("hsinyi acceptance checklist")
    fname_w, fname = ew1("驗收項目清單.xlsx", "big5")
    ap = part([("Content-Type", 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;\r\n\tname="%s"' % fname_w),
               ("Content-Transfer-Encoding", "base64"),
               ("Content-Disposition", 'attachment;\r\n\tfilename="%s"' % fname_w)], b64body(xlsx))
    boundary = "----=_NextPart_000_0042_01DD6BF1.7E3A9C20"
    mid = "004101dd6bf1$7e3a9c20$7aafd460$@hsinyi-tech.example.com.tw"
    raw = head(
        ("From", from_w + " <chihming.lin@hsinyi-tech.example.com.tw>"),
        ("To", to_w + " <" + YATING + ">"),
        ("Subject", fold(subj_w)),
        ("Date", d),
        ("Message-ID", "<" + mid + ">"),
        ("MIME-Version", "1.0"),
        ("Content-Type", 'multipart/mixed;\r\n\tboundary="%s"' % boundary),
        ("X-Mailer", "Microsoft Outlook 16.0"),
        ("Thread-Index", thread_index("010")),
        ("Content-Language", "zh-tw"),
    ) + CRLF + multipart(boundary, [tp, ap], preamble="This is a multipart message in MIME format.")
    return raw, expected(
        message_id=mid, from_=addr(from_name, "chihming.lin@hsinyi-tech.example.com.tw"),
        to=[addr(to_name, YATING)], subject=subj, date=dz, text=text,
        attachments=[att(fname, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx)])


# ---------------------------------------------------------------------------
# 3. UTF-8 and Western charsets
# ---------------------------------------------------------------------------

@message("UTF-8 8bit plain text (US client, Thunderbird): curly quotes, em dash")
def m_utf8_8bit():
    d, dz = date(2026, 11, 30, 8, 14, 52, -480)
    body = """Hi Emma,

Quick one before the holiday rush: since yesterday’s update, the donation
form isn’t sending receipts. Donors get the “Thank you” page, but no email
arrives — I tested with two of my own addresses.

Could you take a look today? Our Giving Tuesday campaign starts at 9 a.m.
Pacific tomorrow (Dec 1), so it’s pretty time-sensitive.

Thanks so much!
Rachel

—
Rachel Nguyen | Development Coordinator
Cascade Food Bank Alliance
(206) 555-0143
"""
    p, text = text_part(body, "utf-8", "8bit", label=None, extra_ct="; charset=UTF-8")
    mid = "c3a9f1e2-4b7d-4e08-9a61-5d2f8b0c7e13@cascadefood.example.org"
    subj_w, subj = ew_words("Donation form — receipts not sending", "utf-8", label="UTF-8")
    raw = head(
        ("Message-ID", "<" + mid + ">"),
        ("Date", d),
        ("MIME-Version", "1.0"),
        ("User-Agent", "Mozilla Thunderbird"),
        ("Content-Language", "en-US"),
        ("To", "Emma Clarke <" + EMMA + ">"),
        ("From", "Rachel Nguyen <rachel@cascadefood.example.org>"),
        ("Subject", fold(subj_w)),
    ) + p
    return raw, expected(
        message_id=mid, from_=addr("Rachel Nguyen", "rachel@cascadefood.example.org"),
        to=[addr("Emma Clarke", EMMA)], subject=subj, date=dz, text=text)


@message("UTF-8 base64, Gmail multipart/alternative (Japanese client on Gmail): the text/plain part is kept")
def m_utf8_b64_gmail():
    d, dz = date(2026, 12, 1, 21, 7, 36, 540)
    from_w, from_name = ew1("鈴木太郎", "utf-8", label="UTF-8")
    subj_w, subj = ew_words("ホームページの予約フォームについて", "utf-8", label="UTF-8")
    body = """アオバテック
佐藤様

お世話になっております。すずき整骨院の鈴木です。

ホームページの予約フォームですが、昨日から予約が入っても通知メールが届かなくなっています。
スマホからテストで予約してみましたが、やはり届きませんでした。

年末で予約が増える時期なので、お手数ですが早めに見ていただけると助かります。
よろしくお願いします。

すずき整骨院
鈴木 太郎
"""
    plain, text = text_part(body, "utf-8", "base64", label="UTF-8")
    esc = body.replace("&", "&amp;").replace("<", "&lt;")
    html_src = '<div dir="ltr">' + "".join("<div>%s</div>" % (l or "<br>") for l in esc.split("\n")) + "</div>\n"
    html, _ = text_part(html_src, "utf-8", "base64", label="UTF-8", ctype="text/html")
    boundary = "000000000000a4f3b2062d1c9e4f"
    mid = "CAK7x9mQe4ZpV3tN1rW8yB2cD6fH0jL5sA9gU3oE7iT1xR2k@mail.gmail.com"
    raw = head(
        ("MIME-Version", "1.0"),
        ("From", from_w + " <suzuki.seikotsuin.2026@gmail.com>"),
        ("Date", d),
        ("Message-ID", "<" + mid + ">"),
        ("Subject", fold(subj_w)),
        ("To", SATO),
        ("Content-Type", 'multipart/alternative; boundary="%s"' % boundary),
    ) + CRLF + multipart(boundary, [plain, html])
    return raw, expected(
        message_id=mid, from_=addr(from_name, "suzuki.seikotsuin.2026@gmail.com"),
        to=[addr(None, SATO)], subject=subj, date=dz, text=text)


@message("windows-1252 quoted-printable (French client, Outlook): é, € (0x80), ’ (0x92), NBSP; windows-1252 Q subject")
def m_cp1252_fr():
    d, dz = date(2026, 12, 1, 15, 32, 4, 60)
    subj_w, subj = ew_words("Devis n° 2026-114 – questions avant validation", "windows-1252", mode="Q", label="windows-1252")
    body = """Bonjour Julien,

Merci pour l’envoi du devis. Avant de le faire valider par notre direction, j’aurais deux questions :

1. Le montant de 4\u00a0850\u00a0€ HT inclut-il la maintenance pour la première année ?
2. Est-il possible de décaler la mise en production à fin janvier ? Notre équipe marketing sera très occupée en décembre.

Pourriez-vous me répondre d’ici jeudi ? Nous aimerions signer avant les fêtes.

Bien cordialement,

Sophie Martin
Responsable communication
Atelier Lumière
Tél. : +33 1 42 68 53 00
"""
    p, text = text_part(body, "windows-1252", "quoted-printable", label="windows-1252")
    mid = "002c01dd6b97$a1b2c3d0$e5f60718$@atelier-lumiere.example.fr"
    raw = head(
        ("From", '"Sophie Martin" <s.martin@atelier-lumiere.example.fr>'),
        ("To", '"Julien Moreau" <' + JULIEN + ">"),
        ("Subject", fold(subj_w)),
        ("Date", d),
        ("Message-ID", "<" + mid + ">"),
        ("MIME-Version", "1.0"),
        ("X-Mailer", "Microsoft Outlook 16.0"),
        ("Thread-Index", thread_index("013")),
        ("Content-Language", "fr"),
    ) + p
    return raw, expected(
        message_id=mid, from_=addr("Sophie Martin", "s.martin@atelier-lumiere.example.fr"),
        to=[addr("Julien Moreau", JULIEN)], subject=subj, date=dz, text=text)


@message("windows-1252 8bit (German client, Claws Mail): „“ – € ß, ISO-8859-1 Q-encoded display name")
def m_cp1252_de():
    d, dz = date(2026, 12, 2, 8, 55, 21, 60)
    from_w, from_name = ew1("Jürgen Müller", "iso-8859-1", mode="Q", label="ISO-8859-1")
    subj_w, subj = ew_words("Wartungsvertrag 2027 – Rückfrage zur Verlängerung", "windows-1252", mode="Q", label="windows-1252")
    body = """Sehr geehrte Damen und Herren,

unser Wartungsvertrag (Vertragsnr. WV-2024-0381) läuft zum 31.12.2026
aus. Wir möchten ihn grundsätzlich um ein weiteres Jahr verlängern,
hätten aber vorher zwei Fragen:

– Bleibt die monatliche Pauschale bei 1.200 € netto, oder ist eine
  Preisanpassung geplant?
– Ist die „Rufbereitschaft am Wochenende“ weiterhin enthalten?

Für eine kurze Rückmeldung bis Freitag wären wir Ihnen dankbar, da unser
Budget für 2027 nächste Woche freigegeben wird.

Mit freundlichen Grüßen

Jürgen Müller
IT-Leitung
Müller Maschinenbau GmbH
Industriestraße 12, 73430 Aalen
Tel. +49 7361 12345-20
"""
    p, text = text_part(body, "windows-1252", "8bit", label=None, extra_ct="; charset=windows-1252")
    mid = "20261202085521.3f9a1c7e@mueller-maschinenbau.example.de"
    raw = head(
        ("Date", d),
        ("From", from_w + " <j.mueller@mueller-maschinenbau.example.de>"),
        ("To", "support@aoba-tech.example"),
        ("Subject", fold(subj_w)),
        ("Message-ID", "<" + mid + ">"),
        ("Organization", "=?ISO-8859-1?Q?M=FCller_Maschinenbau_GmbH?="),
        ("X-Mailer", "Claws Mail 4.1.1 (GTK 3.24.38; x86_64-pc-linux-gnu)"),
        ("MIME-Version", "1.0"),
    ) + p
    return raw, expected(
        message_id=mid, from_=addr(from_name, "j.mueller@mueller-maschinenbau.example.de"),
        to=[addr(None, SUPPORT)], subject=subj, date=dz, text=text)


@message("ISO-8859-1 label on windows-1252 bytes (€ 0x80, “ ” 0x93/0x94): WHATWG reads the label as windows-1252; Outlook 'RE:' reply (Spain)")
def m_latin1_label():
    d, dz = date(2026, 12, 2, 10, 11, 47, 60)
    subj_w, subj = ew_words("Presupuesto campaña de Navidad", "iso-8859-1", mode="Q", label="iso-8859-1")
    body = """Hola Julien,

Gracias por la propuesta. La hemos revisado con el equipo y en general nos parece bien, pero el importe total (3.600 €) supera un poco lo previsto.

¿Sería posible quitar el módulo de “cupones” y dejarlo para una segunda fase? Así podríamos ajustarnos al presupuesto.

Necesitaríamos tener la web lista el 14 de diciembre, así que te agradecería una respuesta lo antes posible. Si te resulta más fácil, lo hablamos por teléfono mañana por la mañana.

Un saludo,

Lucía Fernández
Marketing · Grupo Olivar
Tel. +34 954 123 456
"""
    p, text = text_part(body, "iso-8859-1", "quoted-printable", label="iso-8859-1")
    from_w, from_name = ew1("Lucía Fernández", "iso-8859-1", mode="Q")
    mid = "003a01dd6c2e$9b8c7d60$d2a57820$@grupo-olivar.example.es"
    parent = "AM9PR08MB6412C1D2E3F4A5B6C7D8E9F0A1B2C3D4E5F6@AM9PR08MB6412.eurprd08.prod.outlook.com"
    raw = head(
        ("From", from_w + " <lucia.fernandez@grupo-olivar.example.es>"),
        ("To", "'Julien Moreau' <" + JULIEN + ">"),
        ("References", "<" + parent + ">"),
        ("In-Reply-To", "<" + parent + ">"),
        ("Subject", "RE: " + fold(subj_w)),
        ("Date", d),
        ("Message-ID", "<" + mid + ">"),
        ("MIME-Version", "1.0"),
        ("X-Mailer", "Microsoft Outlook 16.0"),
        ("Thread-Index", thread_index("015")),
        ("Content-Language", "es"),
    ) + p
    return raw, expected(
        message_id=mid, in_reply_to=[parent], references=[parent],
        from_=addr(from_name, "lucia.fernandez@grupo-olivar.example.es"),
        to=[addr("'Julien Moreau'", JULIEN)], subject="RE: " + subj, date=dz, text=text)


@message("UTF-8 quoted-printable with soft line breaks that split multi-byte characters (Apple Mail, Taiwan client)")
def m_utf8_qp_apple():
    d, dz = date(2026, 12, 3, 14, 5, 12, 480)
    from_w, from_name = ew1("陳怡君", "utf-8", label="utf-8")
    to_w, to_name = ew1("張雅婷", "utf-8", label="utf-8")
    subj_w, subj = ew_words("官網改版第二次修改意見", "utf-8", label="utf-8")
    body = """雅婷你好，

附上我們對官網改版的第二次修改意見，麻煩你轉給設計師：

1. 首頁主視覺的文字太小了，手機版幾乎看不清楚，希望可以放大一點，或者改成深色底白字。
2. 「關於我們」頁面的團隊照片請換成我們上週寄給你的新版本（檔名是 team_2026_final.jpg）。
3. 聯絡表單送出後，希望可以跳轉到感謝頁，而不是只有一行小小的提示文字。

另外想確認一下，原本說好的上線日期 12/18 還來得及嗎？如果需要我們這邊提供什麼資料，請直接跟我說。

謝謝你！

陳怡君
明德設計有限公司｜行銷企劃
02-2712-3456 分機 21
"""
    data, text = roundtrip(crlf(body), "utf-8")
    qp = qpbody(data)
    # make sure at least one soft break falls inside a UTF-8 sequence
    lines = qp.split(b"=\r\n")
    assert any(nxt[:1] == b"=" and 0x80 <= int(nxt[1:3], 16) < 0xC0 for nxt in lines[1:]), \
        "a soft break must fall inside a UTF-8 sequence"
    mid = "7C2E9A41-3B5D-4F86-A1C0-9E8D7F6A5B4C@mingde-design.example.com.tw"
    raw = head(
        ("From", from_w + " <yichun.chen@mingde-design.example.com.tw>"),
        ("Content-Type", "text/plain;\r\n\tcharset=utf-8"),
        ("Content-Transfer-Encoding", "quoted-printable"),
        ("Mime-Version", "1.0 (Mac OS X Mail 16.0 \\(3826.200.121\\))"),
        ("Subject", fold(subj_w)),
        ("Message-Id", "<" + mid + ">"),
        ("Date", d),
        ("To", to_w + " <" + YATING + ">"),
        ("X-Mailer", "Apple Mail (2.3826.200.121)"),
    ) + CRLF + qp
    return raw, expected(
        message_id=mid, from_=addr(from_name, "yichun.chen@mingde-design.example.com.tw"),
        to=[addr(to_name, YATING)], subject=subj, date=dz, text=text)


# ---------------------------------------------------------------------------
# 4. Headers: RFC 2047 everywhere, raw UTF-8 (RFC 6532)
# ---------------------------------------------------------------------------

@message("RFC 2047 in every header: ISO-2022-JP / GB2312 / UTF-8 names in From, To, Cc (B and Q, a comma inside a Q word, a quoted encoded word), mailing-list tag + long ISO-2022-JP subject folded over several words")
def m_rfc2047_all():
    d, dz = date(2026, 12, 3, 9, 30, 0, 540)
    from_w, from_name = ew1("石川 直樹", "iso-2022-jp", label="ISO-2022-JP")
    sato_w, sato_name = ew1("佐藤 健", "iso-2022-jp", label="ISO-2022-JP")
    li_w, li_name = ew1("李明", "gb2312", label="GB2312")
    emma_w, emma_name = ew1("Clarke, Emma", "utf-8", mode="Q", label="UTF-8")
    andre_w, andre_name = ew1("André Lefèvre", "utf-8", mode="Q", label="utf-8")
    ono_w, ono_name = ew1("小野 美咲", "utf-8", label="utf-8")
    title = "【至急】基幹システム移行プロジェクト：12月度定例会議の議題および事前確認事項について（第3回）"
    subj_w, subj_title = ew_words(title, "iso-2022-jp", maxlen=60, label="ISO-2022-JP")
    assert len(subj_w) >= 3
    subj = "[kikan-pj:0421] " + subj_title
    body = """各位

お疲れさまです。関東電気の石川です。

12月度の定例会議（12/8 14:00～）の議題案を共有します。

1. データ移行リハーサルの結果報告（アオバテック様）
2. 本番切替手順書のレビュー
3. 年末年始の問い合わせ窓口について

事前に確認しておきたい点があれば、12/4（金）までにこのメールに返信してください。

石川
"""
    p, text = text_part(body, "iso-2022-jp", "7bit", label="ISO-2022-JP")
    mid = "000c01dd6d1a$55e3b0a0$01e811e0$@kanto-denki.example.co.jp"
    raw = head(
        ("Return-Path", "<kikan-pj-admin@kanto-denki.example.co.jp>"),
        ("From", from_w + " <ishikawa.naoki@kanto-denki.example.co.jp>"),
        ("To", sato_w + " <" + SATO + ">,\r\n\t" + li_w + " <" + LIMING + ">,\r\n\t" + emma_w + " <" + EMMA + ">"),
        ("Cc", andre_w + " <" + ANDRE + ">,\r\n\t\"" + ono_w + "\" <ono.misaki@kanto-denki.example.co.jp>,\r\n\tkikan-pj@kanto-denki.example.co.jp"),
        ("Subject", "[kikan-pj:0421] " + fold(subj_w)),
        ("Date", d),
        ("Message-ID", "<" + mid + ">"),
        ("List-Id", "<kikan-pj.kanto-denki.example.co.jp>"),
        ("X-ML-Name", "kikan-pj"),
        ("X-Mail-Count", "00421"),
        ("MIME-Version", "1.0"),
        ("X-Mailer", "Microsoft Outlook 16.0"),
        ("Thread-Index", thread_index("017")),
        ("Content-Language", "ja"),
    ) + p
    return raw, expected(
        message_id=mid, from_=addr(from_name, "ishikawa.naoki@kanto-denki.example.co.jp"),
        to=[addr(sato_name, SATO), addr(li_name, LIMING), addr(emma_name, EMMA)],
        cc=[addr(andre_name, ANDRE), addr(ono_name, "ono.misaki@kanto-denki.example.co.jp"),
            addr(None, "kikan-pj@kanto-denki.example.co.jp")],
        subject=subj, date=dz, text=text)


@message("RFC 2047 Q encoding: two charsets (UTF-8, ISO-8859-1) in one Subject with plain words between them, lowercase 'q', underscores; plain quoted name with comma; UTF-8 QP body")
def m_rfc2047_q():
    d, dz = date(2026, 12, 3, 10, 2, 40, 60)
    s1, t1 = ew1("Réservation en ligne : le bouton « Payer »", "utf-8", mode="Q", label="utf-8")
    s1 = s1.replace("?Q?", "?q?")
    s2, t2 = ew1("depuis la mise à jour", "iso-8859-1", mode="Q", label="iso-8859-1")
    subj = t1 + " ne fonctionne plus " + t2
    from_w, from_name = ew1("Renée Dubois", "iso-8859-1", mode="Q", label="iso-8859-1")
    andre_w, andre_name = ew1("André Lefèvre", "utf-8", mode="Q", label="utf-8")
    steph_w, steph_name = ew1("Stéphanie Peeters", "utf-8", mode="Q", label="utf-8")
    body = """Bonjour Julien, bonjour André,

Depuis la mise à jour d’hier soir, le bouton « Payer » de la page de réservation ne réagit plus : le client clique, rien ne se passe. Nous avons déjà perdu trois réservations ce matin.

Pouvez-vous regarder en priorité ? Stéphanie est en copie, elle peut vous donner accès au back-office si besoin.

Merci d’avance,
Renée Dubois
Brasserie du Sablon – Bruxelles
"""
    p, text = text_part(body, "utf-8", "quoted-printable", label=None, extra_ct="; charset=utf-8")
    mid = "1284675309.44817.1796288560123.JavaMail.zimbra@brasserie-sablon.example.be"
    raw = head(
        ("Date", d),
        ("From", from_w + " <r.dubois@brasserie-sablon.example.be>"),
        ("To", '"Moreau, Julien" <' + JULIEN + ">, " + andre_w + "\r\n <" + ANDRE + ">"),
        ("Cc", '"' + steph_w + '" <s.peeters@brasserie-sablon.example.be>,\r\n compta@brasserie-sablon.example.be'),
        ("Message-ID", "<" + mid + ">"),
        ("Subject", s1 + " ne fonctionne plus\r\n " + s2),
        ("MIME-Version", "1.0"),
        ("X-Mailer", "Zimbra 9.0.0_GA_4546 (ZimbraWebClient - FF120 (Win)/9.0.0_GA_4546)"),
        ("Thread-Index", thread_index("018")),
        ("Thread-Topic", "=?utf-8?Q?R=C3=A9servation?= en ligne"),
    ) + p
    return raw, expected(
        message_id=mid, from_=addr(from_name, "r.dubois@brasserie-sablon.example.be"),
        to=[addr("Moreau, Julien", JULIEN), addr(andre_name, ANDRE)],
        cc=[addr(steph_name, "s.peeters@brasserie-sablon.example.be"),
            addr(None, "compta@brasserie-sablon.example.be")],
        subject=subj, date=dz, text=text)


@message("Raw UTF-8 headers (RFC 6532): Subject, From and To display names and an attachment file name in raw UTF-8")
def m_rfc6532():
    d, dz = date(2026, 12, 2, 16, 40, 18, 480)
    body = """李经理您好：

我们在贵司开发的在线报名系统里开具发票时，发现发票抬头只能填写30个字。我们学校的全称是“开元职业技术学院继续教育学院（培训中心）”，超过了字数限制，导致无法开票。截图见附件。

能否把字数限制放宽到50个字？财务那边月底要统一开票，希望本周内可以修改好。

辛苦了！

赵晓燕
开元职业技术学院 继续教育学院
电话：0571-8888-1234
"""
    tp, text = text_part(body, "utf-8", "8bit", label=None, extra_ct="; charset=UTF-8")
    png = tiny_png(6, 4, (220, 53, 69))
    ap = part([("Content-Type", 'image/png; name="发票抬头截图.png"'),
               ("Content-Disposition", 'attachment; filename="发票抬头截图.png"'),
               ("Content-Transfer-Encoding", "base64")], b64body(png))
    boundary = "=_b7c1e0a4f2d95e3b8a6c1d0f9e8a7b6c"
    mid = "b7c1e0a4f2d95e3b8a6c1d0f@kaiyuan-edu.example.cn"
    subj = "关于在线报名系统发票抬头字数限制的问题"
    raw = head(
        ("MIME-Version", "1.0"),
        ("Date", d),
        ("From", "赵晓燕 <zhaoxiaoyan@kaiyuan-edu.example.cn>"),
        ("To", '"李明" <' + LIMING + ">"),
        ("Subject", subj),
        ("Message-ID", "<" + mid + ">"),
        ("User-Agent", "Roundcube Webmail/1.6.9"),
        ("Content-Type", 'multipart/mixed;\r\n boundary="%s"' % boundary),
    ) + CRLF + multipart(boundary, [tp, ap])
    return raw, expected(
        message_id=mid, from_=addr("赵晓燕", "zhaoxiaoyan@kaiyuan-edu.example.cn"),
        to=[addr("李明", LIMING)], subject=subj, date=dz, text=text,
        attachments=[att("发票抬头截图.png", "image/png", png)])


# ---------------------------------------------------------------------------
# 5. Attachment file names
# ---------------------------------------------------------------------------

@message("RFC 2231 continuations (Thunderbird): filename*0*=UTF-8''... split in the middle of a UTF-8 character, and plain filename*0=/filename*1= for an ASCII name")
def m_rfc2231_cont():
    d, dz = date(2026, 12, 3, 17, 22, 5, 540)
    from_w, from_name = ew1("森 千尋", "utf-8", label="UTF-8")
    sato_w, sato_name = ew1("佐藤 健", "utf-8", label="UTF-8")
    subj_w, subj = ew_words("発注書および要件定義書（最新版）の送付", "utf-8", label="UTF-8")
    body = """アオバテック株式会社
佐藤様

いつもお世話になっております。森デザイン事務所の森です。

ウェブサイトリニューアルの件、発注書と要件定義書の最新版をお送りします。
要件定義書は、先日の打ち合わせでいただいたご指摘を反映しております。

内容をご確認のうえ、問題なければ発注書にご捺印いただき、PDFでご返送ください。

どうぞよろしくお願いいたします。

森デザイン事務所
森 千尋
"""
    tp, text = text_part(body, "utf-8", "8bit", label=None, extra_ct="; charset=UTF-8; format=flowed")
    pdf_name = "発注書_2026年12月分_森デザイン事務所.pdf"
    raw_name = pdf_name.encode("utf-8")
    # cut where the next byte is a UTF-8 continuation byte, i.e. inside a character
    cuts = [next(i for i in range(at, len(raw_name)) if 0x80 <= raw_name[i] < 0xC0) for at in (20, 45)]
    segs = [raw_name[:cuts[0]], raw_name[cuts[0]:cuts[1]], raw_name[cuts[1]:]]
    assert any(s and 0x80 <= s[0] < 0xC0 for s in segs[1:]), "a segment must start mid-character"
    cont = ";\r\n filename*0*=UTF-8''" + pct(segs[0]) + "".join(
        ";\r\n filename*%d*=%s" % (i, pct(s)) for i, s in enumerate(segs[1:], 1))
    name_w, _ = ew_words(pdf_name, "utf-8", maxlen=60, label="UTF-8")
    pdf = tiny_pdf("Purchase order 2026-12 Mori Design Office")
    ap1 = part([("Content-Type", 'application/pdf;\r\n name="' + "\r\n ".join(name_w) + '"'),
                ("Content-Disposition", "attachment" + cont),
                ("Content-Transfer-Encoding", "base64")], b64body(pdf))
    docx_name = "Website_Renewal_Requirements_v3_final_2026-11-30.docx"
    docx = tiny_docx("requirements v3 final")
    ap2 = part([("Content-Type", "application/vnd.openxmlformats-officedocument.wordprocessingml.document;\r\n"
                 ' name="Website_Renewal_Requirements_v3_final_2026-11-30.docx"'),
                ("Content-Disposition", 'attachment;\r\n filename*0="Website_Renewal_Requirements_v3_";\r\n'
                 ' filename*1="final_2026-11-30.docx"'),
                ("Content-Transfer-Encoding", "base64")], b64body(docx))
    boundary = "------------q7Rk2mVx9LcT4nWb8sHa3uEj"
    mid = "0b6d2f41-8e7c-4a39-b5d1-7f2e9c3a6b80@mori-design.example.jp"
    raw = head(
        ("Content-Type", 'multipart/mixed; boundary="%s"' % boundary),
        ("Message-ID", "<" + mid + ">"),
        ("Date", d),
        ("MIME-Version", "1.0"),
        ("User-Agent", "Mozilla Thunderbird"),
        ("Content-Language", "ja"),
        ("To", sato_w + " <" + SATO + ">"),
        ("From", from_w + " <chihiro@mori-design.example.jp>"),
        ("Subject", fold(subj_w)),
    ) + CRLF + multipart(boundary, [tp, ap1, ap2], preamble="This is a multi-part message in MIME format.")
    return raw, expected(
        message_id=mid, from_=addr(from_name, "chihiro@mori-design.example.jp"),
        to=[addr(sato_name, SATO)], subject=subj, date=dz, text=text,
        attachments=[att(pdf_name, "application/pdf", pdf),
                     att(docx_name, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx)])


@message("RFC 2231 single filename*=utf-8''%E8%A6%8B... (Apple Mail, inline disposition), trailing empty text/plain part after the attachment")
def m_rfc2231_apple():
    d, dz = date(2026, 12, 4, 9, 12, 30, 540)
    from_w, from_name = ew1("小川 彩", "utf-8", label="utf-8")
    subj_w, subj = ew_words("改訂版お見積書の送付", "utf-8", label="utf-8")
    body = """アオバテック株式会社
佐藤様

お世話になっております。小川会計事務所の小川です。

先日の打ち合わせ内容を反映した見積書（改訂版）を添付いたします。
前回から、クラウド会計ソフトとの連携費用を追加しております。

ご確認のほど、よろしくお願いいたします。
"""
    tp, text = text_part(body, "utf-8", "quoted-printable", label=None, extra_ct=";\r\n\tcharset=utf-8")
    tail = part([("Content-Transfer-Encoding", "7bit"),
                 ("Content-Type", "text/plain;\r\n\tcharset=us-ascii")], b"\r\n\r\n")
    fname = "見積書（改訂版）.pdf"
    pdf = tiny_pdf("Estimate revised Ogawa Accounting")
    name_w, _ = ew1(fname, "utf-8", label="utf-8")
    ap = part([("Content-Disposition", "inline;\r\n\tfilename*=utf-8''" + pct(fname.encode("utf-8"))),
               ("Content-Type", 'application/pdf;\r\n\tx-unix-mode=0644;\r\n\tname="' + name_w + '"'),
               ("Content-Transfer-Encoding", "base64")], b64body(pdf))
    boundary = "Apple-Mail=_6F3A1B2C-4D5E-4F60-8A9B-0C1D2E3F4A5B"
    mid = "A3F0C9B1-2D4E-4B6A-9C8D-7E1F0A2B3C4D@ogawa-kaikei.example.jp"
    raw = head(
        ("From", from_w + " <aya@ogawa-kaikei.example.jp>"),
        ("Content-Type", 'multipart/mixed;\r\n\tboundary="%s"' % boundary),
        ("Mime-Version", "1.0 (Mac OS X Mail 16.0 \\(3826.200.121\\))"),
        ("Subject", fold(subj_w)),
        ("Message-Id", "<" + mid + ">"),
        ("Date", d),
        ("To", SATO),
        ("X-Mailer", "Apple Mail (2.3826.200.121)"),
    ) + CRLF + multipart(boundary, [tp, ap, tail])
    return raw, expected(
        message_id=mid, from_=addr(from_name, "aya@ogawa-kaikei.example.jp"), to=[addr(None, SATO)],
        subject=subj, date=dz, text=text, attachments=[att(fname, "application/pdf", pdf)])


@message("RFC 2047 ISO-2022-JP attachment names (Outlook): a long name split over two encoded words inside the quotes, and ① (NEC row 13) in a name")
def m_rfc2047_jp_names():
    d, dz = date(2026, 12, 4, 13, 45, 10, 540)
    from_w, from_name = ew1("渡辺 裕子", "iso-2022-jp")
    sato_w, sato_name = ew1("佐藤 健", "iso-2022-jp")
    subj_w, subj = ew_words("【お見積りのお願い】次期会員サイト構築の件", "iso-2022-jp")
    body = """アオバテック株式会社
佐藤様

お世話になっております。東和システムの渡辺です。

次期会員サイト構築の件で、お見積りをお願いしたくご連絡いたしました。
要件の概要を添付の「見積依頼書」にまとめております。
あわせて、現行サイトのエラー画面のキャプチャもお送りします。

恐れ入りますが、12月11日（金）までに概算のお見積りをいただけますでしょうか。
ご不明な点がございましたら、お気軽にお問い合わせください。

よろしくお願いいたします。

東和システム株式会社
営業企画部　渡辺 裕子
TEL：045-123-4567
"""
    tp, text = text_part(body, "iso-2022-jp", "7bit", label="iso-2022-jp")
    n1 = "次期会員サイト構築_見積依頼書_東和システム株式会社_20261204.xlsx"
    n1_w, n1_dec = ew_words(n1, "iso-2022-jp", maxlen=75)
    assert len(n1_w) >= 2
    xlsx = tiny_xlsx("towa estimate request")
    n2 = "エラー画面キャプチャ①.png"
    n2_w, n2_dec = ew1(n2, "iso-2022-jp")
    png = tiny_png(8, 5, (30, 144, 255))
    q1 = '"' + "\r\n ".join(n1_w) + '"'
    ap1 = part([("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;\r\n\tname=" + q1),
                ("Content-Transfer-Encoding", "base64"),
                ("Content-Disposition", "attachment;\r\n\tfilename=" + q1)], b64body(xlsx))
    ap2 = part([("Content-Type", 'image/png;\r\n\tname="%s"' % n2_w),
                ("Content-Transfer-Encoding", "base64"),
                ("Content-Disposition", 'attachment;\r\n\tfilename="%s"' % n2_w)], b64body(png))
    boundary = "----=_NextPart_000_0077_01DD6C9A.4F1E2D30"
    mid = "007601dd6c9a$4f1e2d30$ed5a8790$@towa-sys.example.co.jp"
    raw = head(
        ("From", from_w + " <watanabe.yuko@towa-sys.example.co.jp>"),
        ("To", sato_w + " <" + SATO + ">"),
        ("Subject", fold(subj_w)),
        ("Date", d),
        ("Message-ID", "<" + mid + ">"),
        ("MIME-Version", "1.0"),
        ("Content-Type", 'multipart/mixed;\r\n\tboundary="%s"' % boundary),
        ("X-Mailer", "Microsoft Outlook 16.0"),
        ("Thread-Index", thread_index("022")),
        ("Content-Language", "ja"),
    ) + CRLF + multipart(boundary, [tp, ap1, ap2], preamble="This is a multipart message in MIME format.")
    return raw, expected(
        message_id=mid, from_=addr(from_name, "watanabe.yuko@towa-sys.example.co.jp"),
        to=[addr(sato_name, SATO)],
        subject=subj, date=dz, text=text,
        attachments=[att(n1_dec, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx),
                     att(n2_dec, "image/png", png)])


@message("Chinese Outlook reply '答复: ' with Thread-Index, In-Reply-To and References; GB2312 text in multipart/alternative; attachment name split over two GB2312 encoded words")
def m_outlook_cn_reply():
    d, dz = date(2026, 12, 1, 10, 3, 27, 480)
    from_w, from_name = ew1("周婷", "gb2312")
    to_w, to_name = ew1("李明", "gb2312")
    subj_w, subj = ew_words("答复: 【华信医疗】预约小程序验收问题汇总", "gb2312")
    body = """李经理：

您好！附件是第二轮验收发现的问题汇总，共12项，其中3项会影响上线，已经标红了，麻烦优先处理。

另外，昨天沟通的“预约成功后短信通知”功能，我们领导的意见是这次必须要有，希望能一起排进这次的修复计划里。

请在周五之前回复一下修复时间表，谢谢！

周婷
华信医疗科技有限公司 | 信息中心
电话：020-3888-6655

-----邮件原件-----
发件人: 李明 <li.ming@aoba-tech.example>
发送时间: 2026年11月30日 18:12
收件人: 周婷 <zhou.ting@huaxin-med.example.cn>
主题: 【华信医疗】预约小程序验收问题汇总

周经理您好，
第二轮验收辛苦了，请把发现的问题整理后发给我们，我们会尽快安排修复。
李明
"""
    plain, text = text_part(body, "gb2312", "base64", label="gb2312")
    html, _ = text_part(outlook_html(body, "gb2312"), "gb2312", "base64", label="gb2312", ctype="text/html")
    inner = "----=_NextPart_001_0031_01DD6B27.1C0E3A50"
    alt = part([("Content-Type", 'multipart/alternative;\r\n\tboundary="%s"' % inner)],
               multipart(inner, [plain, html]))
    fname = "验收问题汇总表（第二轮）_华信医疗_20261201.xlsx"
    fw, fdec = ew_words(fname, "gb2312", maxlen=50)
    assert len(fw) >= 2
    xlsx = tiny_xlsx("huaxin acceptance round 2")
    q = '"' + "\r\n ".join(fw) + '"'
    ap = part([("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;\r\n\tname=" + q),
               ("Content-Transfer-Encoding", "base64"),
               ("Content-Disposition", "attachment;\r\n\tfilename=" + q)], b64body(xlsx))
    outer = "----=_NextPart_000_0030_01DD6B27.1C0E3A50"
    mid = "003001dd6b27$1c0e3a50$542aaef0$@huaxin-med.example.cn"
    parent = "000201dd6ab0$7d3e1f20$77ba5d60$@aoba-tech.example"
    raw = head(
        ("From", from_w + " <zhou.ting@huaxin-med.example.cn>"),
        ("To", '"' + to_w + '" <' + LIMING + ">"),
        ("References", "<" + parent + ">"),
        ("In-Reply-To", "<" + parent + ">"),
        ("Subject", fold(subj_w)),
        ("Date", d),
        ("Message-ID", "<" + mid + ">"),
        ("MIME-Version", "1.0"),
        ("Content-Type", 'multipart/mixed;\r\n\tboundary="%s"' % outer),
        ("X-Mailer", "Microsoft Outlook 16.0"),
        ("Thread-Index", thread_index("023")),
        ("Content-Language", "zh-cn"),
    ) + CRLF + multipart(outer, [alt, ap], preamble="This is a multipart message in MIME format.")
    return raw, expected(
        message_id=mid, in_reply_to=[parent], references=[parent],
        from_=addr(from_name, "zhou.ting@huaxin-med.example.cn"), to=[addr(to_name, LIMING)],
        subject=subj, date=dz, text=text,
        attachments=[att(fdec, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx)])


# ---------------------------------------------------------------------------
# 6. Missing, unknown and wrong charset labels
# ---------------------------------------------------------------------------

@message("No charset label on a text/plain part whose bytes are Shift_JIS (legacy PHP system)")
def m_nolabel_sjis():
    d, dz = date(2026, 12, 2, 11, 18, 3, 540)
    subj_w, subj = ew_words("【至急】出荷指示書が印刷できません", "shift_jis", label="Shift_JIS")
    body = """アオバテック株式会社 御中

いつも大変お世話になっております。
丸栄食品の田中でございます。

本日11時頃より、受注管理システムの「出荷指示書印刷」ボタンを押すと
エラー画面が表示され、印刷ができない状態です。
エラーメッセージは「帳票の作成に失敗しました（コード：E-2031）」です。

午後の出荷に間に合わせたいため、大至急ご対応いただけますでしょうか。
何卒よろしくお願い申し上げます。

丸栄食品株式会社 物流課
田中 一郎
TEL：06-6123-4567
"""
    data, text = roundtrip(crlf(body), "shift_jis")
    mid = "20261202021803.6f2a9c1e40b7@maruei-foods.example.co.jp"
    raw = head(
        ("Return-Path", "<tanaka@maruei-foods.example.co.jp>"),
        ("To", SUPPORT),
        ("Subject", fold(subj_w)),
        ("From", "tanaka@maruei-foods.example.co.jp"),
        ("Date", d),
        ("Message-ID", "<" + mid + ">"),
        ("X-Mailer", "PHP/5.3.3"),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain"),
        ("Content-Transfer-Encoding", "8bit"),
    ) + CRLF + data
    return raw, expected(
        message_id=mid, from_=addr(None, "tanaka@maruei-foods.example.co.jp"), to=[addr(None, SUPPORT)],
        subject=subj, date=dz, text=text, warnings=["charset_missing"])


@message("No MIME headers at all, body in ISO-2022-JP escape sequences (old Japanese mailer)")
def m_nolabel_iso2022jp():
    d, dz = date(2026, 12, 1, 17, 3, 51, 540)
    subj_w, subj = ew_words("バナー文言差し替えのお願い", "iso-2022-jp", label="ISO-2022-JP")
    from_w, from_name = ew1("松本", "iso-2022-jp", label="ISO-2022-JP")
    body = """アオバテック
佐藤様

お世話になります。北斗印刷の松本です。

年賀状印刷の受付ページですが、12月から受付開始の予定です。
トップページのバナーを以下の文言に差し替えていただけますか。

「年賀状印刷 早割受付中！12月15日までのご注文で20％OFF」

よろしくお願いします。
松本
"""
    data, text = roundtrip(crlf(body), "iso-2022-jp")
    mid = "20261201170351.2F1C.A8E4B7D3@hokuto-print.example.jp"
    raw = head(
        ("Date", d),
        ("From", from_w + " <matsumoto@hokuto-print.example.jp>"),
        ("To", SATO),
        ("Subject", fold(subj_w)),
        ("Message-Id", "<" + mid + ">"),
        ("X-Mailer", "AL-Mail32 Version 1.13"),
    ) + CRLF + data
    return raw, expected(
        message_id=mid, from_=addr(from_name, "matsumoto@hokuto-print.example.jp"), to=[addr(None, SATO)],
        subject=subj, date=dz, text=text, warnings=["charset_missing"])


@message("No charset label on GBK bytes (in-house ERP notifier sending on behalf of a person)")
def m_nolabel_gbk():
    d, dz = date(2026, 12, 2, 15, 26, 44, 480)
    subj_w, subj = ew_words("仓库条码打印乱码，请尽快远程处理", "gbk", label="GBK")
    body = """李经理：

您好！我是宁波海星物流的孙伟。
我们仓库管理系统的条码打印从昨天下午开始出现乱码，打印出来的标签扫描不了。
重启了打印机和电脑都没有用，换了其他电脑打印也一样。
麻烦安排技术人员尽快远程看一下，今天晚上有一批货要发。

谢谢！
孙伟
宁波海星物流有限公司 仓储部
电话：0574-8765-4321
"""
    data, text = roundtrip(crlf(body), "gbk")
    mid = "1796196404512.31.erp@haixing-logistics.example.cn"
    raw = head(
        ("From", "sunwei@haixing-logistics.example.cn"),
        ("To", LIMING),
        ("Subject", fold(subj_w)),
        ("Date", d),
        ("Message-ID", "<" + mid + ">"),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain"),
        ("Content-Transfer-Encoding", "8bit"),
        ("X-Mailer", "ERP Notify 2.1"),
    ) + CRLF + data
    return raw, expected(
        message_id=mid, from_=addr(None, "sunwei@haixing-logistics.example.cn"), to=[addr(None, LIMING)],
        subject=subj, date=dz, text=text, warnings=["charset_missing"])


@message("Unknown charset label charset=\"x-unknown\" on Shift_JIS bytes (rewritten by a mail gateway)")
def m_unknown_label():
    d, dz = date(2026, 12, 3, 8, 50, 19, 540)
    subj_w, subj = ew_words("VPN接続ができなくなりました", "shift_jis", label="Shift_JIS")
    body = """アオバテック
サポート窓口 御中

お世話になっております。
ひまわり不動産の岡田です。

今朝から、在宅勤務用のVPNに接続できなくなりました。
「認証サーバーに接続できません」と表示されます。
社内の他の者も同じ状況で、5名ほどが業務できずに困っております。

お忙しいところ恐縮ですが、至急ご確認をお願いいたします。

ひまわり不動産株式会社
総務課　岡田 恵
"""
    data, text = roundtrip(crlf(body), "x-unknown")
    from_w, from_name = ew1("岡田 恵", "shift_jis", label="Shift_JIS")
    mid = "000a01dd6d02$e4c1b5a0$ae451fe0$@himawari-fudosan.example.co.jp"
    raw = head(
        ("From", from_w + " <okada.megumi@himawari-fudosan.example.co.jp>"),
        ("To", SUPPORT),
        ("Subject", fold(subj_w)),
        ("Date", d),
        ("Message-ID", "<" + mid + ">"),
        ("MIME-Version", "1.0"),
        ("Content-Type", 'text/plain; charset="x-unknown"'),
        ("Content-Transfer-Encoding", "8bit"),
        ("X-Mailer", "Microsoft Outlook 16.0"),
        ("X-Gateway-Rewritten", "charset"),
    ) + CRLF + data
    return raw, expected(
        message_id=mid, from_=addr(from_name, "okada.megumi@himawari-fudosan.example.co.jp"),
        to=[addr(None, SUPPORT)], subject=subj, date=dz, text=text, warnings=["charset_unknown"])


@message("charset=us-ascii label on text that is actually UTF-8 (CRM-generated mail)")
def m_usascii_utf8():
    d, dz = date(2026, 12, 2, 13, 4, 55, -300)
    body = """Hi Emma,

José from our Miami office says the “Export to CSV” button on the
reports page now produces a file with garbled accents — names like
“Peña” and “Gonçalves” come out wrong when the file is opened in Excel.

Could your team check whether the export still writes a UTF-8 BOM?
We need clean files for Friday’s board report.

Thanks,
Daniel Ortiz
IT Manager, Sunrise Realty Group
"""
    data, text = roundtrip(crlf(body), "us-ascii-utf8")
    mid = "0100018f4c2d9e1b-5a7c3e2f-8d41-4b6a-9f0e-1c2d3e4f5a6b-000000@sunrise-realty.example.com"
    raw = head(
        ("Return-Path", "<daniel.ortiz@sunrise-realty.example.com>"),
        ("From", "Daniel Ortiz <daniel.ortiz@sunrise-realty.example.com>"),
        ("To", "Emma Clarke <" + EMMA + ">"),
        ("Subject", "CSV export garbles accented names"),
        ("Date", d),
        ("Message-ID", "<" + mid + ">"),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=us-ascii"),
        ("Content-Transfer-Encoding", "7bit"),
        ("X-Mailer", "Sunrise CRM Mailer 3.4"),
    ) + CRLF + data
    return raw, expected(
        message_id=mid, from_=addr("Daniel Ortiz", "daniel.ortiz@sunrise-realty.example.com"),
        to=[addr("Emma Clarke", EMMA)], subject="CSV export garbles accented names", date=dz, text=text,
        warnings=["charset_mislabeled"])


@message("charset=us-ascii label on Shift_JIS bytes (old groupware)")
def m_usascii_sjis():
    d, dz = date(2026, 12, 4, 10, 30, 0, 540)
    subj_w, subj = ew_words("来週の作業日程について", "shift_jis", label="Shift_JIS")
    body = """アオバテック株式会社
佐藤様

お世話になっております。
大和建設の西村です。

来週予定しているネットワーク機器の入れ替え作業ですが、
現場の都合により、12月9日（水）の18時以降でお願いできますでしょうか。

作業時間中はインターネットが使えなくなる旨、社内には周知済みです。
ご確認のほど、よろしくお願いいたします。

大和建設株式会社 管理部
西村 浩二
"""
    data, text = roundtrip(crlf(body), "us-ascii-sjis")
    from_w, from_name = ew1("西村 浩二", "shift_jis", label="Shift_JIS")
    mid = "20261204013000.00003F2A.nishimura@yamato-kensetsu.example.co.jp"
    raw = head(
        ("Date", d),
        ("From", from_w + " <nishimura@yamato-kensetsu.example.co.jp>"),
        ("To", SATO),
        ("Subject", fold(subj_w)),
        ("Message-ID", "<" + mid + ">"),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=us-ascii"),
        ("Content-Transfer-Encoding", "7bit"),
        ("X-Mailer", "desknet's NEO"),
    ) + CRLF + data
    return raw, expected(
        message_id=mid, from_=addr(from_name, "nishimura@yamato-kensetsu.example.co.jp"),
        to=[addr(None, SATO)], subject=subj, date=dz, text=text, warnings=["charset_mislabeled"])


@message("UTF-8 label with invalid bytes: a mail gateway appended a Latin-1 disclaimer (é as 0xE9) to a UTF-8 body; valid runs read as UTF-8, each stray byte as windows-1252 (charset_mislabeled)")
def m_utf8_invalid():
    d, dz = date(2026, 12, 3, 16, 45, 2, 60)
    body = ("""Hi Emma,

Following up on ticket #4471: the nightly sync to the warehouse system
failed again last night (third time this week). The error in the log is
“timeout after 300 s”. Could you increase the timeout or split the batch?

Best regards,
Pierre Lambert
Logistique – Transports Lambert

""").replace("\n", "\r\n").encode("utf-8") + (
        "Ce message et ses pièces jointes sont confidentiels. Si vous n'êtes pas le destinataire,\r\n"
        "merci de le détruire. Transports Lambert SA, société anonyme au capital de 500 000 EUR.\r\n"
    ).encode("latin-1")
    text = dec_mostly_utf8(body)
    assert "\ufffd" not in text and "pièces" in text and "–" in text
    mid = "1a2b3c4d5e6f7081.lambert@transports-lambert.example.fr"
    raw = head(
        ("From", "Pierre Lambert <p.lambert@transports-lambert.example.fr>"),
        ("To", "Emma Clarke <" + EMMA + ">"),
        ("Subject", "Nightly sync failed again (ticket #4471)"),
        ("Date", d),
        ("Message-ID", "<" + mid + ">"),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Content-Transfer-Encoding", "8bit"),
        ("X-Disclaimer", "appended by MailGate 5.2"),
        ("X-Mailer", "Microsoft Outlook 16.0"),
    ) + CRLF + body
    return raw, expected(
        message_id=mid, from_=addr("Pierre Lambert", "p.lambert@transports-lambert.example.fr"),
        to=[addr("Emma Clarke", EMMA)], subject="Nightly sync failed again (ticket #4471)", date=dz,
        text=text, warnings=["charset_mislabeled"])


# ---------------------------------------------------------------------------
# 7. HTML
# ---------------------------------------------------------------------------

@message("HTML-only (US client via an order portal): <style>, <table>, &nbsp; &amp; &#8217; entities, <p> and <br>")
def m_html_only_en():
    d, dz = date(2026, 12, 1, 16, 20, 0, -360)
    html = """<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>Q1 order</title>
<style type="text/css">
body { font-family: Arial, Helvetica, sans-serif; font-size: 14px; color: #333333; }
table.po td, table.po th { border: 1px solid #cccccc; padding: 4px 8px; }
.muted { color: #888888; }
</style>
</head>
<body>
<p>Hi Emma,</p>
<p>Please find below the items for our Q1 order. Could you confirm pricing &amp; lead times by Friday?</p>
<table class="po" cellspacing="0">
<tr><th>Item</th><th>Qty</th><th>Unit price</th></tr>
<tr><td>Annual hosting &amp; SSL</td><td>1</td><td>$1,200.00</td></tr>
<tr><td>Support hours (block)</td><td>20</td><td>$95.00</td></tr>
</table>
<p>We&#8217;d like to have the PO approved before the holidays.<br>
Thanks in advance!</p>
<p>Best,<br>Mike Johnson<br>Operations Manager&nbsp;|&nbsp;Brightline Dental Group<br>(312)&nbsp;555-0187</p>
<p class="muted">Sent via Brightline Purchasing Portal</p>
</body>
</html>
"""
    p, _ = text_part(html, "utf-8", "quoted-printable", label="utf-8", ctype="text/html")
    text = """Hi Emma,

Please find below the items for our Q1 order. Could you confirm pricing & lead times by Friday?

Item\tQty\tUnit price
Annual hosting & SSL\t1\t$1,200.00
Support hours (block)\t20\t$95.00

We\u2019d like to have the PO approved before the holidays.
Thanks in advance!

Best,
Mike Johnson
Operations Manager | Brightline Dental Group
(312) 555-0187

Sent via Brightline Purchasing Portal
"""
    mid = "5f8e2a1c9b3d47e6a0c1d2e3f4a5b6c7@portal.brightline-dental.example"
    raw = head(
        ("Date", d),
        ("To", "Emma Clarke <" + EMMA + ">"),
        ("From", "Mike Johnson <mike.johnson@brightline-dental.example>"),
        ("Subject", "Q1 order - pricing and lead times"),
        ("Message-ID", "<" + mid + ">"),
        ("X-Mailer", "PHPMailer 6.9.1 (https://github.com/PHPMailer/PHPMailer)"),
        ("MIME-Version", "1.0"),
    ) + p
    return raw, expected(
        message_id=mid, from_=addr("Mike Johnson", "mike.johnson@brightline-dental.example"),
        to=[addr("Emma Clarke", EMMA)], subject="Q1 order - pricing and lead times", date=dz, text=text)


@message("HTML-only Japanese (Cybozu Office), base64 UTF-8: <div>/<br> lines, numeric entities &#12300; &#12301; &#12316;, a link")
def m_html_only_ja():
    d, dz = date(2026, 12, 3, 15, 12, 40, 540)
    subj_w, subj = ew_words("出荷指示書の様式変更サンプルについて", "utf-8", label="UTF-8")
    html = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
<style>div{font-family:"MS PGothic",sans-serif;font-size:10pt}</style></head>
<body>
<div>アオバテック株式会社<br>佐藤様</div>
<div><br></div>
<div>いつもお世話になっております。<br>丸栄食品の田中です。</div>
<div><br></div>
<div>先日ご相談した&#12300;出荷指示書&#12301;の様式変更について、<br>サンプルを作成しましたので、以下の共有フォルダからご確認ください。</div>
<div><a href="https://files.maruei-foods.example.co.jp/share/shipping-form-v2">共有フォルダ（出荷指示書_v2）</a></div>
<div><br></div>
<div>変更点は&lt;備考欄の拡大&gt;と&lt;QRコードの追加&gt;の2点です。<br>打ち合わせは12/10（木）14:00&#12316;15:00でいかがでしょうか。</div>
<div><br></div>
<div>よろしくお願いいたします。</div>
<div>&nbsp;</div>
<div>丸栄食品株式会社 物流課<br>田中 一郎</div>
</body></html>
"""
    p, _ = text_part(html, "utf-8", "base64", label=None, ctype="text/html", extra_ct="; charset=UTF-8")
    from_w, from_name = ew1("田中 一郎", "utf-8", label="UTF-8")
    text = """アオバテック株式会社
佐藤様

いつもお世話になっております。
丸栄食品の田中です。

先日ご相談した「出荷指示書」の様式変更について、
サンプルを作成しましたので、以下の共有フォルダからご確認ください。
共有フォルダ（出荷指示書_v2）

変更点は<備考欄の拡大>と<QRコードの追加>の2点です。
打ち合わせは12/10（木）14:00\u301c15:00でいかがでしょうか。

よろしくお願いいたします。

丸栄食品株式会社 物流課
田中 一郎
"""
    mid = "cbof.20261203151240.8c21.tanaka@maruei-foods.example.co.jp"
    raw = head(
        ("Date", d),
        ("From", from_w + " <tanaka@maruei-foods.example.co.jp>"),
        ("To", SATO),
        ("Subject", fold(subj_w)),
        ("Message-ID", "<" + mid + ">"),
        ("MIME-Version", "1.0"),
        ("X-Mailer", "Cybozu Office 10"),
    ) + p
    return raw, expected(
        message_id=mid, from_=addr(from_name, "tanaka@maruei-foods.example.co.jp"), to=[addr(None, SATO)],
        subject=subj, date=dz, text=text)


# ---------------------------------------------------------------------------
# 8. Automatic mail
# ---------------------------------------------------------------------------

@message("Japanese out-of-office (不在通知) from Sieve vacation: Auto-Submitted: auto-replied (vacation), also Precedence: bulk and Return-Path: <>")
def m_auto_vacation_ja():
    d, dz = date(2026, 12, 2, 9, 0, 14, 540)
    subj_w, subj = ew_words("【不在通知】Re: 打ち合わせ日程のご相談（12/3～12/4）", "utf-8", label="UTF-8")
    from_w, from_name = ew1("髙橋 誠", "utf-8", label="UTF-8")
    body = """誠に恐れ入りますが、12月2日（水）から12月4日（金）まで出張のため不在にしております。
12月7日（月）より順次対応させていただきます。

お急ぎの場合は、情報システム部 代表アドレス（sys@yamada-shoji.example.co.jp）
または 03-1234-5680 までご連絡ください。

山田商事ホールディングス株式会社
情報システム部　髙橋 誠
"""
    p, text = text_part(body, "utf-8", "8bit", label="utf-8")
    mid = "dovecot-sieve-1796169614-204851-0@mail.yamada-shoji.example.co.jp"
    parent = "5e0d2b7a-91c4-4f3e-8a26-b1c9d0e7f342@aoba-tech.example"
    raw = head(
        ("Return-Path", "<>"),
        ("Delivered-To", SATO),
        ("Message-ID", "<" + mid + ">"),
        ("Date", d),
        ("X-Sieve", "Pigeonhole Sieve 0.5.21 (f6cd4b8e)"),
        ("From", from_w + " <takahashi.makoto@yamada-shoji.example.co.jp>"),
        ("To", "<" + SATO + ">"),
        ("Subject", fold(subj_w)),
        ("In-Reply-To", "<" + parent + ">"),
        ("References", "<" + parent + ">"),
        ("Auto-Submitted", "auto-replied (vacation)"),
        ("Precedence", "bulk"),
        ("MIME-Version", "1.0"),
    ) + p
    return raw, expected(
        message_id=mid, in_reply_to=[parent], references=[parent],
        from_=addr(from_name, "takahashi.makoto@yamada-shoji.example.co.jp"), to=[addr(None, SATO)],
        subject=subj, date=dz, text=text, auto="auto_submitted")


@message("Chinese auto-reply (自动回复) with X-Autoreply: yes only")
def m_auto_xautoreply():
    d, dz = date(2026, 12, 3, 9, 1, 2, 480)
    subj_w, subj = ew_words("自动回复: Re: 关于二期需求变更的确认", "gb2312", label="GB2312")
    from_w, from_name = ew1("王喆", "gb2312", label="GB2312")
    body = """您好，

我目前正在休假，12月7日返回，期间邮件回复可能不及时。
紧急事务请联系刘镕（liurong@shengda-tech.example.cn，电话：021-6123-4568）。

谢谢！
王喆
"""
    p, text = text_part(body, "gb2312", "base64", label="GB2312")
    mid = "autoreply.1796259662.31807@shengda-tech.example.cn"
    raw = head(
        ("Return-Path", "<wangzhe@shengda-tech.example.cn>"),
        ("Date", d),
        ("From", from_w + " <wangzhe@shengda-tech.example.cn>"),
        ("To", LIMING),
        ("Subject", fold(subj_w)),
        ("Message-ID", "<" + mid + ">"),
        ("X-Autoreply", "yes"),
        ("MIME-Version", "1.0"),
    ) + p
    return raw, expected(
        message_id=mid, from_=addr(from_name, "wangzhe@shengda-tech.example.cn"), to=[addr(None, LIMING)],
        subject=subj, date=dz, text=text, auto="autoreply_header")


@message("Newsletter with Precedence: bulk, List-Unsubscribe, To: undisclosed-recipients:; (empty group), GMT date, multipart/alternative")
def m_auto_precedence():
    d, dz = date(2026, 12, 1, 16, 12, 44, 0)
    d = d.replace("+0000", "GMT")
    body = """Cloudnest product update - December 2026

Hi there,

Here's what's new in Cloudnest this month:

* Scheduled backups can now run every 15 minutes on Business plans.
* The status page supports custom domains.
* We're retiring the legacy v1 API on March 31, 2027. Please migrate to v2.

Read the full changelog: https://cloudnest.example/changelog/2026-12

You're receiving this email because you have a Cloudnest account.
Unsubscribe: https://cloudnest.example/u/7f3a9c1e2b
Cloudnest Inc., 500 Market St, San Francisco, CA 94105
"""
    plain, text = text_part(body, "utf-8", "7bit", label="UTF-8")
    html_src = "<html><body>" + "".join("<p>%s</p>" % l for l in body.replace("&", "&amp;").split("\n\n")) + "</body></html>\n"
    html, _ = text_part(html_src, "utf-8", "quoted-printable", label="UTF-8", ctype="text/html")
    boundary = "b1_7f3a9c1e2b4d6f8091a2b3c4d5e6f708"
    mid = "20261201161244.7f3a9c1e2b.news@mail.cloudnest.example"
    raw = head(
        ("Return-Path", "<bounces+7f3a9c1e2b@mail.cloudnest.example>"),
        ("Date", d),
        ("From", "Cloudnest Updates <news@mail.cloudnest.example>"),
        ("To", "undisclosed-recipients:;"),
        ("Subject", "What's new in Cloudnest - December 2026"),
        ("Message-ID", "<" + mid + ">"),
        ("Precedence", "bulk"),
        ("List-Unsubscribe", "<https://cloudnest.example/u/7f3a9c1e2b>, <mailto:unsubscribe@mail.cloudnest.example?subject=7f3a9c1e2b>"),
        ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
        ("MIME-Version", "1.0"),
        ("Content-Type", 'multipart/alternative; boundary="%s"' % boundary),
    ) + CRLF + multipart(boundary, [plain, html])
    return raw, expected(
        message_id=mid, from_=addr("Cloudnest Updates", "news@mail.cloudnest.example"), to=[],
        subject="What's new in Cloudnest - December 2026", date=dz, text=text, auto="precedence")


@message("Read receipt (Outlook, Japanese): multipart/report; report-type=disposition-notification (a delivery report, also Return-Path: <>); the notification part is an attachment")
def m_auto_read_receipt():
    d, dz = date(2026, 12, 1, 15, 40, 22, 540)
    name_w, name = ew1("山田 花子", "iso-2022-jp")
    sato_w, sato_name = ew1("佐藤 健", "iso-2022-jp")
    orig_subj = "RE: 【ご確認】請求書の宛名変更とお振込先について"
    subj_w, subj = ew_words("開封済み: " + orig_subj, "iso-2022-jp")
    human = """メッセージ

  宛先: 山田 花子
  件名: RE: 【ご確認】請求書の宛名変更とお振込先について
  送信日時: 2026/12/01 14:58

は 2026/12/01 15:40 に開封されました。
"""
    hp, text = text_part(human, "iso-2022-jp", "7bit", label="iso-2022-jp")
    orig_mid = "000301dd6b41$0c2d3e40$246fbac0$@aoba-tech.example"
    mdn = crlf("Reporting-UA: yamada-shoji.example.co.jp; Microsoft Outlook 16.0\n"
               "Final-Recipient: rfc822;yamada.hanako@yamada-shoji.example.co.jp\n"
               "Original-Message-ID: <" + orig_mid + ">\n"
               "Disposition: manual-action/MDN-sent-manually; displayed\n").encode("ascii")
    np_ = part([("Content-Type", "message/disposition-notification")], mdn)
    boundary = "----=_NextPart_000_0090_01DD6B45.9F2A3B40"
    mid = "009001dd6b45$9f2a3b40$dd7eb1c0$@yamada-shoji.example.co.jp"
    raw = head(
        ("Return-Path", "<>"),
        ("From", name_w + " <yamada.hanako@yamada-shoji.example.co.jp>"),
        ("To", sato_w + " <" + SATO + ">"),
        ("Subject", fold(subj_w)),
        ("Date", d),
        ("Message-ID", "<" + mid + ">"),
        ("MIME-Version", "1.0"),
        ("Content-Type", 'multipart/report;\r\n\treport-type=disposition-notification;\r\n\tboundary="%s"' % boundary),
        ("X-Mailer", "Microsoft Outlook 16.0"),
        ("Thread-Index", thread_index("036")),
        ("Content-Language", "ja"),
    ) + CRLF + multipart(boundary, [hp, np_], preamble="This is a multipart message in MIME format.")
    return raw, expected(
        message_id=mid, from_=addr(name, "yamada.hanako@yamada-shoji.example.co.jp"),
        to=[addr(sato_name, SATO)],
        subject=subj, date=dz, text=text, auto="delivery_report",
        attachments=[unnamed_att(1, "message/disposition-notification", mdn)])


@message("Postfix bounce: multipart/report; report-type=delivery-status from MAILER-DAEMON (also Auto-Submitted and Return-Path: <>), comment as display name, Postfix date with two spaces; the report parts are attachments")
def m_auto_dsn():
    d, dz = date(2026, 12, 1, 11, 15, 33, 540, style="postfix", comment="JST")
    notice = """This is the mail system at host mx1.aoba-tech.example.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients. It's attached below.

For further assistance, please send mail to postmaster.

If you do so, please include this problem report. You can
delete your own text from the attached returned message.

                   The mail system

<takahasi.makoto@yamada-shoji.example.co.jp>: host
    mx.yamada-shoji.example.co.jp[203.0.113.25] said: 550 5.1.1
    <takahasi.makoto@yamada-shoji.example.co.jp>: Recipient address rejected:
    User unknown in virtual mailbox table (in reply to RCPT TO command)
"""
    np_, text = text_part(notice, "utf-8", "7bit", label=None, extra_ct="; charset=us-ascii",
                          more=[("Content-Description", "Notification")])
    ds = crlf("Reporting-MTA: dns; mx1.aoba-tech.example\n"
              "X-Postfix-Queue-ID: 4B2C31E0A5F\n"
              "X-Postfix-Sender: rfc822; sato.ken@aoba-tech.example\n"
              "Arrival-Date: Tue,  1 Dec 2026 11:15:31 +0900 (JST)\n"
              "\n"
              "Final-Recipient: rfc822; takahasi.makoto@yamada-shoji.example.co.jp\n"
              "Original-Recipient: rfc822;takahasi.makoto@yamada-shoji.example.co.jp\n"
              "Action: failed\n"
              "Status: 5.1.1\n"
              "Remote-MTA: dns; mx.yamada-shoji.example.co.jp\n"
              "Diagnostic-Code: smtp; 550 5.1.1 <takahasi.makoto@yamada-shoji.example.co.jp>:\n"
              "    Recipient address rejected: User unknown in virtual mailbox table\n").encode("ascii")
    dp = part([("Content-Description", "Delivery report"), ("Content-Type", "message/delivery-status")], ds)
    osubj, _ = ew_words("Re: 打ち合わせ日程のご相談（12/3～12/4）", "utf-8", label="UTF-8")
    orig = crlf("Return-Path: <sato.ken@aoba-tech.example>\n"
                "Received: from [192.0.2.44] (unknown [192.0.2.44])\n"
                "\tby mx1.aoba-tech.example (Postfix) with ESMTPSA id 4B2C31E0A5F\n"
                "\tfor <takahasi.makoto@yamada-shoji.example.co.jp>; Tue,  1 Dec 2026 11:15:31 +0900 (JST)\n"
                "Message-ID: <5e0d2b7a-91c4-4f3e-8a26-b1c9d0e7f342@aoba-tech.example>\n"
                "Date: Tue, 1 Dec 2026 11:15:29 +0900\n"
                "From: Ken Sato <sato.ken@aoba-tech.example>\n"
                "To: takahasi.makoto@yamada-shoji.example.co.jp\n"
                "Subject: " + "\n ".join(osubj) + "\n"
                "Content-Type: text/plain; charset=UTF-8\n").encode("ascii")
    op = part([("Content-Description", "Undelivered Message Headers"), ("Content-Type", "text/rfc822-headers")], orig)
    boundary = "4B2C31E0A5F.1796091333/mx1.aoba-tech.example"
    mid = "20261201021533.4B2C31E0A60@mx1.aoba-tech.example"
    raw = head(
        ("Return-Path", "<>"),
        ("X-Original-To", SATO),
        ("Delivered-To", SATO),
        ("Received", "by mx1.aoba-tech.example (Postfix)\r\n\tid 4B2C31E0A60; Tue,  1 Dec 2026 11:15:33 +0900 (JST)"),
        ("Date", d),
        ("From", "MAILER-DAEMON@mx1.aoba-tech.example (Mail Delivery System)"),
        ("Subject", "Undelivered Mail Returned to Sender"),
        ("To", SATO),
        ("Auto-Submitted", "auto-replied"),
        ("MIME-Version", "1.0"),
        ("Content-Type", "multipart/report; report-type=delivery-status;\r\n\tboundary=\"%s\"" % boundary),
        ("Content-Transfer-Encoding", "8bit"),
        ("Message-Id", "<" + mid + ">"),
    ) + CRLF + multipart(boundary, [np_, dp, op], preamble="This is a MIME-encapsulated message.")
    return raw, expected(
        message_id=mid, from_=addr("Mail Delivery System", "MAILER-DAEMON@mx1.aoba-tech.example"),
        to=[addr(None, SATO)], subject="Undelivered Mail Returned to Sender", date=dz, text=text,
        auto="delivery_report",
        attachments=[unnamed_att(1, "message/delivery-status", ds),
                     unnamed_att(2, "text/rfc822-headers", orig)])


@message("qmail bounce: plain text 'failure notice' from MAILER-DAEMON, no MIME, no Message-ID, Return-Path: <>")
def m_auto_mailer_daemon():
    # qmail writes its bounce Date in UTC as "-0000" and without a weekday
    d, dz = "1 Dec 2026 08:30:11 -0000", "2026-12-01T08:30:11Z"
    osubj, _ = ew_words("Re: バナー文言差し替えのお願い", "utf-8", label="UTF-8")
    obody = b64body(crlf("北斗印刷\n松本様\n\nお世話になっております。アオバテックの佐藤です。\n"
                         "トップページのバナーを差し替えました。ご確認ください。\n").encode("utf-8")).decode("ascii")
    body = """Hi. This is the qmail-send program at mail.hokuto-print.example.jp.
I'm afraid I wasn't able to deliver your message to the following addresses.
This is a permanent error; I've given up. Sorry it didn't work out.

<matumoto@hokuto-print.example.jp>:
Sorry, no mailbox here by that name. (#5.1.1)

--- Below this line is a copy of the message.

Return-Path: <sato.ken@aoba-tech.example>
Received: (qmail 18234 invoked from network); 1 Dec 2026 08:30:10 -0000
Received: from mx1.aoba-tech.example (HELO mx1.aoba-tech.example) (192.0.2.10)
  by mail.hokuto-print.example.jp with SMTP; 1 Dec 2026 08:30:10 -0000
Message-ID: <8d1e4c2a-7b3f-4e90-a5c6-2f1d0b9e8a73@aoba-tech.example>
Date: Tue, 1 Dec 2026 17:30:08 +0900
From: Ken Sato <sato.ken@aoba-tech.example>
To: matumoto@hokuto-print.example.jp
Subject: """ + "\n ".join(osubj) + """
MIME-Version: 1.0
Content-Type: text/plain; charset=UTF-8
Content-Transfer-Encoding: base64

""" + obody.replace("\r\n", "\n")
    data, text = roundtrip(crlf(body), "us-ascii")
    raw = head(
        ("Return-Path", "<>"),
        ("Received", "from mail.hokuto-print.example.jp (mail.hokuto-print.example.jp [198.51.100.7])\r\n"
                     "\tby mx1.aoba-tech.example (Postfix) with SMTP id 7D2E41E0B12\r\n"
                     "\tfor <sato.ken@aoba-tech.example>; Tue,  1 Dec 2026 17:30:12 +0900 (JST)"),
        ("Date", d),
        ("From", "MAILER-DAEMON@mail.hokuto-print.example.jp"),
        ("To", SATO),
        ("Subject", "failure notice"),
    ) + CRLF + data
    return raw, expected(
        message_id=None, from_=addr(None, "MAILER-DAEMON@mail.hokuto-print.example.jp"), to=[addr(None, SATO)],
        subject="failure notice", date=dz, text=text, auto="mailer_daemon", warnings=["missing_message_id"])


@message("Outlook out-of-office (US) whose only automatic signal is X-Auto-Response-Suppress: All; multipart/alternative")
def m_auto_ars():
    d, dz = date(2026, 12, 4, 15, 2, 7, -360)
    body = """Thank you for your email. I'm out of the office until Monday, December 7, with limited access to email.

For urgent matters, please contact Laura Kim at laura.kim@brightline-dental.example or (312) 555-0190.

Best regards,
Mike
"""
    plain, text = text_part(body, "utf-8", "7bit", label="us-ascii")
    html_src = "<html><body>" + "".join("<p>%s</p>" % l.replace("\n", "<br>") for l in body.split("\n\n")) + "</body></html>\n"
    html, _ = text_part(html_src, "utf-8", "quoted-printable", label="us-ascii", ctype="text/html")
    boundary = "_000_BN8PR12MB3587F0E1D2C3B4A59687A6B5C4D3E2F1BN8PR12MB3587namp_"
    mid = "BN8PR12MB3587F0E1D2C3B4A59687A6B5C4D3E2F1@BN8PR12MB3587.namprd12.prod.outlook.com"
    parent = "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d@aoba-tech.example"
    raw = head(
        ("From", "Mike Johnson <mike.johnson@brightline-dental.example>"),
        ("To", "Emma Clarke <" + EMMA + ">"),
        ("Subject", "Automatic reply: Formal quote for Q1 order"),
        ("Thread-Topic", "Formal quote for Q1 order"),
        ("Thread-Index", thread_index("039")),
        ("Date", d),
        ("Message-ID", "\r\n\t<" + mid + ">"),
        ("References", "<" + parent + ">"),
        ("In-Reply-To", "<" + parent + ">"),
        ("X-MS-Has-Attach", ""),
        ("X-Auto-Response-Suppress", "All"),
        ("X-MS-TNEF-Correlator", ""),
        ("Content-Type", 'multipart/alternative;\r\n\tboundary="%s"' % boundary),
        ("MIME-Version", "1.0"),
    ) + CRLF + multipart(boundary, [plain, html])
    return raw, expected(
        message_id=mid, in_reply_to=[parent], references=[parent],
        from_=addr("Mike Johnson", "mike.johnson@brightline-dental.example"), to=[addr("Emma Clarke", EMMA)],
        subject="Automatic reply: Formal quote for Q1 order", date=dz, text=text, auto="auto_response_suppress")


@message("Auto-Submitted: no on an ordinary message from a person: NOT automatic")
def m_auto_submitted_no():
    d, dz = date(2026, 12, 3, 11, 48, 0, 60)
    body = """Hi Emma,

Could we move tomorrow's call to 15:00 CET? Something came up in the
morning. Same Teams link is fine.

Thanks,
Anouk

--
Anouk de Vries
Head of Digital, Van Dijk Bloemen B.V.
"""
    p, text = text_part(body, "utf-8", "7bit", label="us-ascii")
    mid = "d41f7b2e-6c8a-4e3d-b915-0a2c7e9f1b34@vandijk-bloemen.example.nl"
    raw = head(
        ("Return-Path", "<anouk@vandijk-bloemen.example.nl>"),
        ("Message-ID", "<" + mid + ">"),
        ("Date", d),
        ("From", "Anouk de Vries <anouk@vandijk-bloemen.example.nl>"),
        ("To", "Emma Clarke <" + EMMA + ">"),
        ("Subject", "Tomorrow's call"),
        ("Auto-Submitted", "no"),
        ("User-Agent", "Roundcube Webmail/1.6.9"),
        ("MIME-Version", "1.0"),
    ) + p
    return raw, expected(
        message_id=mid, from_=addr("Anouk de Vries", "anouk@vandijk-bloemen.example.nl"),
        to=[addr("Emma Clarke", EMMA)], subject="Tomorrow's call", date=dz, text=text, auto=None)


# ---------------------------------------------------------------------------
# 9. Threading shapes
# ---------------------------------------------------------------------------

@message("Outlook reply 'RE: ' with In-Reply-To but no References; Thread-Index, Thread-Topic; quoted original below")
def m_thread_outlook_re():
    d, dz = date(2026, 12, 1, 17, 45, 30, -360)
    body = """Hi Emma,

Thanks for the quick turnaround. The pricing works for us. Please go ahead and send the formal quote to accounts@brightline-dental.example so we can raise the PO.

One more thing: can the 20 support hours roll over into Q2 if we don't use them all?

Thanks,
Mike

From: Emma Clarke <emma.clarke@aoba-tech.example>
Sent: Tuesday, December 1, 2026 4:12 PM
To: Mike Johnson <mike.johnson@brightline-dental.example>
Subject: RE: Q1 order - pricing and lead times

Hi Mike,

Pricing is as listed; lead time is two weeks from the PO date.

Best,
Emma
"""
    p, text = text_part(body, "utf-8", "7bit", label="us-ascii")
    mid = "000f01dd6b7a$2d4c6e80$87e54b80$@brightline-dental.example"
    parent = "AM0PR02MB5761E2D3C4B5A69788796A5B4C3D2E1F@AM0PR02MB5761.eurprd02.prod.outlook.com"
    raw = head(
        ("From", '"Mike Johnson" <mike.johnson@brightline-dental.example>'),
        ("To", '"Emma Clarke" <' + EMMA + ">"),
        ("In-Reply-To", "<" + parent + ">"),
        ("Subject", "RE: Q1 order - pricing and lead times"),
        ("Date", d),
        ("Message-ID", "<" + mid + ">"),
        ("MIME-Version", "1.0"),
        ("X-Mailer", "Microsoft Outlook 16.0"),
        ("Thread-Topic", "Q1 order - pricing and lead times"),
        ("Thread-Index", "AQHbQ1l2" + thread_index("041")[8:]),
        ("Content-Language", "en-us"),
    ) + p
    return raw, expected(
        message_id=mid, in_reply_to=[parent], references=[],
        from_=addr("Mike Johnson", "mike.johnson@brightline-dental.example"), to=[addr("Emma Clarke", EMMA)],
        subject="RE: Q1 order - pricing and lead times", date=dz, text=text)


@message("Japanese reply chain from Outlook on the web: Subject '返信: Re: ...', References with three ids folded over lines, In-Reply-To")
def m_thread_owa_ja():
    d, dz = date(2026, 12, 1, 1, 58, 4, 0)
    subj_w, subj = ew_words("返信: Re: 【お見積り】在庫管理システム改修の件", "utf-8", label="utf-8")
    from_w, from_name = ew1("髙橋 誠", "utf-8", label="utf-8")
    to_w, to_name = ew1("佐藤 健", "utf-8", label="utf-8")
    body = """佐藤様

お世話になっております。髙橋です。

お見積りの件、社内で承認が下りましたので、正式に発注させていただきます。
注文書は経理の山田より別途お送りいたします。

キックオフの日程については、前回いただいた候補のうち
12月8日（火）15:00～ でお願いできますでしょうか。

引き続きよろしくお願いいたします。

髙橋

________________________________
差出人: 佐藤 健 <sato.ken@aoba-tech.example>
送信日時: 2026年11月30日 17:48
宛先: 髙橋 誠 <takahashi.makoto@yamada-shoji.example.co.jp>
件名: Re: 【お見積り】在庫管理システム改修の件

髙橋様

お世話になっております。アオバテックの佐藤です。
修正版のお見積りをお送りいたします。ご確認のほどよろしくお願いいたします。

佐藤
"""
    plain, text = text_part(body, "utf-8", "base64", label="utf-8")
    html, _ = text_part(simple_html(body, "utf-8"), "utf-8", "base64", label="utf-8", ctype="text/html")
    boundary = "_000_TYCPR01MB87650A1B2C3D4E5F60718293A4B5C6D7TYCPR01MB8765jpnp_"
    mid = "TYCPR01MB87650A1B2C3D4E5F60718293A4B5C6D7@TYCPR01MB8765.jpnprd01.prod.outlook.com"
    refs = ["000501dd6a33$8e2f4a10$aa8dde30$@yamada-shoji.example.co.jp",
            "2f6c1a9e-3d7b-4c52-8e10-9b4a7d6c5e21@aoba-tech.example",
            "7b3e9d2c-14a6-4f8e-b0c5-6d2e1f9a8b73@aoba-tech.example"]
    raw = head(
        ("From", from_w + " <takahashi.makoto@yamada-shoji.example.co.jp>"),
        ("To", to_w + " <" + SATO + ">"),
        ("Subject", fold(subj_w)),
        ("Thread-Topic", fold(ew_words("【お見積り】在庫管理システム改修の件", "utf-8", label="utf-8")[0])),
        ("Thread-Index", thread_index("042")),
        ("Date", d),
        ("Message-ID", "\r\n <" + mid + ">"),
        ("References", "<" + refs[0] + ">\r\n <" + refs[1] + ">\r\n <" + refs[2] + ">"),
        ("In-Reply-To", "<" + refs[2] + ">"),
        ("Accept-Language", "ja-JP, en-US"),
        ("Content-Language", "ja-JP"),
        ("X-MS-Has-Attach", ""),
        ("X-MS-TNEF-Correlator", ""),
        ("Content-Type", 'multipart/alternative;\r\n\tboundary="%s"' % boundary),
        ("MIME-Version", "1.0"),
    ) + CRLF + multipart(boundary, [plain, html])
    return raw, expected(
        message_id=mid, in_reply_to=[refs[2]], references=refs,
        from_=addr(from_name, "takahashi.makoto@yamada-shoji.example.co.jp"), to=[addr(to_name, SATO)],
        subject=subj, date=dz, text=text)


@message("Gnus-style reply: In-Reply-To with a trailing phrase, References with ids run together and tab folding; ISO-2022-JP body with a '>' quote")
def m_thread_gnus():
    d, dz = date(2026, 12, 1, 9, 12, 55, 540)
    subj_w, subj = ew_words("Re: サーバー移行後のcronジョブについて", "iso-2022-jp", label="iso-2022-jp")
    from_w, from_name = ew1("阿部 智也", "iso-2022-jp", label="iso-2022-jp")
    body = """佐藤さん

阿部です。ご連絡ありがとうございます。

> 移行後のサーバーでは、cronの実行ユーザーを変更しております。

了解しました。こちらでジョブの設定を確認したところ、
バックアップ用のスクリプトだけ旧ユーザーのパスを参照していました。
修正して手動で実行したところ、正常に完了しました。

念のため、明朝のバックアップ結果も確認しておきます。

--
阿部 智也 <abe@lab.tohoku-inst.example.ac.jp>
"""
    p, text = text_part(body, "iso-2022-jp", "7bit", label=None, extra_ct="; charset=iso-2022-jp")
    mid = "87o7x2k3qz.fsf@lab.tohoku-inst.example.ac.jp"
    r1 = "87zg4a1b2c.fsf@lab.tohoku-inst.example.ac.jp"
    r2 = "20261130.174812.1729384756102938475.sato.ken@aoba-tech.example"
    raw = head(
        ("From", from_w + " <abe@lab.tohoku-inst.example.ac.jp>"),
        ("To", "Ken Sato <" + SATO + ">"),
        ("Subject", fold(subj_w)),
        ("References", "<" + r1 + ">\r\n\t<" + r2 + "><" + r2.replace("174812", "180301") + ">"),
        ("Date", d),
        ("In-Reply-To", "<" + r2.replace("174812", "180301") + "> (Ken Sato's message of \"Mon, 30 Nov 2026\r\n\t18:03:01 +0900\")"),
        ("Message-ID", "<" + mid + ">"),
        ("User-Agent", "Gnus/5.13 (Gnus v5.13) Emacs/29.1 (gnu/linux)"),
        ("MIME-Version", "1.0"),
    ) + p
    r3 = r2.replace("174812", "180301")
    return raw, expected(
        message_id=mid, in_reply_to=[r3], references=[r1, r2, r3],
        from_=addr(from_name, "abe@lab.tohoku-inst.example.ac.jp"), to=[addr("Ken Sato", SATO)],
        subject=subj, date=dz, text=text)


# ---------------------------------------------------------------------------
# 10. Malformed
# ---------------------------------------------------------------------------

@message("Truncated MIME: multipart/mixed cut in the middle of the attachment's base64, no closing boundary")
def m_truncated():
    d, dz = date(2026, 12, 4, 18, 2, 41, 540)
    subj_w, subj = ew_words("契約書ドラフトの送付", "utf-8", label="UTF-8")
    from_w, from_name = ew1("藤井 亮", "utf-8", label="UTF-8")
    body = """アオバテック株式会社
佐藤様

お世話になっております。藤井です。
保守契約書のドラフトをお送りします。
条文の修正箇所には赤字でコメントを入れております。

ご確認よろしくお願いいたします。

藤井 亮
"""
    tp, text = text_part(body, "utf-8", "base64", label="UTF-8")
    pdf = tiny_pdf("Maintenance contract draft Fujii") + b"0123456789abcdef" * 8
    b64 = b64body(pdf)
    lines = b64.split(CRLF)
    keep = lines[:3]
    cut = lines[3][:40]
    assert len(cut) % 4 == 0
    truncated_b64 = CRLF.join(keep) + CRLF + cut
    partial = base64.b64decode(b"".join(keep) + cut)
    ap = part([("Content-Type", 'application/pdf; name="contract_draft_v2.pdf"'),
               ("Content-Disposition", 'attachment; filename="contract_draft_v2.pdf"'),
               ("Content-Transfer-Encoding", "base64")], truncated_b64)
    boundary = "Apple-Mail=_2B8E4C1A-7D3F-4A60-9E21-5C0B8D7F6A43"
    mid = "2B8E4C1A-7D3F-4A60-9E21-5C0B8D7F6A44@fujii-law.example.jp"
    raw = head(
        ("From", from_w + " <fujii@fujii-law.example.jp>"),
        ("Content-Type", 'multipart/mixed;\r\n\tboundary="%s"' % boundary),
        ("Mime-Version", "1.0 (Mac OS X Mail 16.0 \\(3826.200.121\\))"),
        ("Subject", fold(subj_w)),
        ("Message-Id", "<" + mid + ">"),
        ("Date", d),
        ("To", SATO),
        ("X-Mailer", "Apple Mail (2.3826.200.121)"),
    ) + CRLF + multipart(boundary, [tp, ap], close=False)
    # drop what multipart() added after the cut part: the message just stops
    raw = raw[:raw.rindex(cut) + len(cut)]
    return raw, expected(
        message_id=mid, from_=addr(from_name, "fujii@fujii-law.example.jp"), to=[addr(None, SATO)],
        subject=subj, date=dz, text=text,
        attachments=[att("contract_draft_v2.pdf", "application/pdf", partial)],
        warnings=["encoding_problem"])


@message("Missing From (monitoring script at the client's site)")
def m_missing_from():
    d, dz = date(2026, 12, 2, 3, 15, 0, 540)
    body = """[ALERT] disk usage on fs01.office.kawada-dental.example.jp

/dev/sdb1  /srv/backup  95% used (1.8T of 1.9T)

Threshold: 90%
Checked at: 2026-12-02 03:15:00 JST
"""
    p, text = text_part(body, "utf-8", "7bit", label="us-ascii")
    mid = "20261202031500.GA4711@fs01.office.kawada-dental.example.jp"
    raw = head(
        ("Return-Path", "<root@fs01.office.kawada-dental.example.jp>"),
        ("To", SUPPORT),
        ("Subject", "[ALERT] fs01 /srv/backup 95% used"),
        ("Date", d),
        ("Message-ID", "<" + mid + ">"),
        ("MIME-Version", "1.0"),
    ) + p
    return raw, expected(
        message_id=mid, from_=None, to=[addr(None, SUPPORT)], subject="[ALERT] fs01 /srv/backup 95% used",
        date=dz, text=text, warnings=["missing_from"])


@message("Missing Date (Chinese client, Java application relay that adds none)")
def m_missing_date():
    body = """李经理：

您好！下周一（12月7日）上午十点的需求评审会，我们这边会有四个人参加，麻烦提前把会议链接发给我们。

另外，上次说的测试账号能不能多开两个？谢谢！

黄丽
"""
    p, text = text_part(body, "utf-8", "base64", label="UTF-8")
    subj_w, subj = ew_words("下周一需求评审会的参会人员", "utf-8", label="UTF-8")
    from_w, from_name = ew1("黄丽", "utf-8", label="UTF-8")
    mid = "1796283318821.7.JavaMail.app@oa.ruitong-auto.example.cn"
    raw = head(
        ("From", from_w + " <huangli@ruitong-auto.example.cn>"),
        ("To", LIMING),
        ("Message-ID", "<" + mid + ">"),
        ("Subject", fold(subj_w)),
        ("MIME-Version", "1.0"),
        ("X-Mailer", "JavaMail 1.6.2"),
    ) + p
    return raw, expected(
        message_id=mid, from_=addr(from_name, "huangli@ruitong-auto.example.cn"), to=[addr(None, LIMING)],
        subject=subj, date=None, text=text, warnings=["missing_date"])


@message("Missing Message-ID (PHP mb_send_mail through a relay that adds none), ISO-2022-JP")
def m_missing_mid():
    d, dz = date(2026, 12, 3, 20, 14, 9, 540)
    subj_w, subj = ew_words("お問い合わせフォームの件", "iso-2022-jp", label="ISO-2022-JP")
    body = """アオバテック株式会社
ご担当者様

いつもお世話になっております。
さくら歯科クリニックの井上です。

ホームページのお問い合わせフォームから送信すると、
「送信エラー」と表示されるとの連絡が患者様からありました。
お手すきの際にご確認いただけますと幸いです。

さくら歯科クリニック
井上
"""
    p, text = text_part(body, "iso-2022-jp", "7bit", label="ISO-2022-JP")
    raw = head(
        ("To", SUPPORT),
        ("Subject", fold(subj_w)),
        ("From", "inoue@sakura-dental.example.jp"),
        ("Date", d),
        ("MIME-Version", "1.0"),
        ("X-Mailer", "PHP/8.1.2"),
    ) + p
    return raw, expected(
        message_id=None, from_=addr(None, "inoue@sakura-dental.example.jp"), to=[addr(None, SUPPORT)],
        subject=subj, date=dz, text=text, warnings=["missing_message_id"])


@message("Localized Date: weekday and month written in Japanese by a localized strftime ('火, 01 12月 2026 10:15:00 +0900'), raw UTF-8 in the header; still parsed")
def m_localized_date():
    d = "火, 01 12月 2026 10:15:00 +0900"
    _, dz = date(2026, 12, 1, 10, 15, 0, 540)  # the same instant, read from the localized form
    subj_w, subj = ew_words("月次レポートの送付", "utf-8", label="UTF-8")
    body = """アオバテック株式会社
佐藤様

お世話になっております。
11月分のアクセス解析レポートの数値をお送りします。

・セッション数：12,480
・問い合わせ件数：37
・資料請求件数：15

ご確認をお願いいたします。

ミナト工業 広報部
"""
    p, text = text_part(body, "utf-8", "base64", label="UTF-8")
    mid = "report.20261201011500.3321@minato-kogyo.example.co.jp"
    raw = head(
        ("Date", d),
        ("From", "koho@minato-kogyo.example.co.jp"),
        ("To", SATO),
        ("Subject", fold(subj_w)),
        ("Message-ID", "<" + mid + ">"),
        ("MIME-Version", "1.0"),
        ("X-Mailer", "PHP/7.4.33"),
    ) + p
    return raw, expected(
        message_id=mid, from_=addr(None, "koho@minato-kogyo.example.co.jp"), to=[addr(None, SATO)],
        subject=subj, date=dz, text=text)


@message("NUL bytes inside a UTF-8 body (text pasted from a broken export); removed from the text")
def m_nul():
    d, dz = date(2026, 12, 4, 11, 20, 0, 540)
    body = ("アオバテック株式会社\r\n佐藤様\r\n\r\nお世話になっております。丸栄食品の田中です。\r\n\r\n"
            "昨日の受注データを貼り付けます。\r\n"
            "受注番号\tお客様名\t数量\r\n"
            "A-10231\t山本商店\t12\r\n"
            "A-10232\t\x00\x00\x00\t8\r\n"
            "A-10233\t有限会社\x00マルイチ\t30\r\n\r\n"
            "2行目のお客様名が空欄になっており、システムから出力した時点で欠けているようです。\r\n"
            "原因を調べていただけますでしょうか。\r\n\r\n田中\r\n")
    data = body.encode("utf-8")
    text = dec(data, "utf-8").replace("\x00", "")
    from_w, from_name = ew1("田中 一郎", "utf-8", label="UTF-8")
    subj_w, subj = ew_words("受注データの欠落について", "utf-8", label="UTF-8")
    mid = "3c9f1a2e-8b7d-4e6c-a5f0-1d2e3c4b5a69@maruei-foods.example.co.jp"
    raw = head(
        ("From", from_w + " <tanaka@maruei-foods.example.co.jp>"),
        ("To", SATO),
        ("Subject", fold(subj_w)),
        ("Date", d),
        ("Message-ID", "<" + mid + ">"),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Content-Transfer-Encoding", "8bit"),
        ("User-Agent", "Mozilla Thunderbird"),
    ) + CRLF + data
    return raw, expected(
        message_id=mid, from_=addr(from_name, "tanaka@maruei-foods.example.co.jp"), to=[addr(None, SATO)],
        subject=subj,
        date=dz, text=text, warnings=["nul_bytes"])


@message("Header lines ending in a bare LF (inserted by a filter) among CRLF lines; parses as usual")
def m_bare_lf():
    d, dz = date(2026, 12, 2, 14, 33, 18, -300)
    body = """Hi Emma,

The SSL certificate on shop.lakeside-outfitters.example expires on
December 12. Can you renew it this week? Last year it took a few days
for the validation email to come through.

Thanks,
Greg Miller
Lakeside Outfitters
"""
    p, text = text_part(body, "utf-8", "7bit", label="us-ascii")
    mid = "CAF3kq1x7Yb2Zt9nR4mW8pL0sD6hJ3cV5gB1eQ7uT2oN9iK4a@mail.gmail.com"
    raw = (b"Return-Path: <greg@lakeside-outfitters.example>\r\n"
           b"X-Spam-Status: No, score=-0.1 required=5.0\n"
           b"X-Spam-Checker-Version: SpamAssassin 4.0.1 on mx1.aoba-tech.example\n"
           b"MIME-Version: 1.0\r\n"
           b"From: Greg Miller <greg@lakeside-outfitters.example>\r\n"
           b"Date: " + d.encode() + b"\n"
           b"Message-ID: <" + mid.encode() + b">\r\n"
           b"Subject: SSL certificate renewal\r\n"
           b"To: Emma Clarke <" + EMMA.encode() + b">\n") + p
    return raw, expected(
        message_id=mid, from_=addr("Greg Miller", "greg@lakeside-outfitters.example"),
        to=[addr("Emma Clarke", EMMA)], subject="SSL certificate renewal", date=dz, text=text)


@message("Only headers, no body (not even the blank line): the whole request is in the Subject")
def m_headers_only():
    d, dz = date(2026, 12, 3, 7, 58, 2, 540)
    subj_w, subj = ew_words("本日の打ち合わせは15時からに変更でお願いします（件名のみ失礼します）", "iso-2022-jp", maxlen=70, label="ISO-2022-JP")
    from_w, from_name = ew1("髙橋", "utf-8", label="UTF-8")
    mid = "F1E2D3C4-B5A6-4978-8695-A4B3C2D1E0F9@yamada-shoji.example.co.jp"
    raw = head(
        ("From", from_w + " <takahashi.makoto@yamada-shoji.example.co.jp>"),
        ("Content-Type", "text/plain; charset=iso-2022-jp"),
        ("Content-Transfer-Encoding", "7bit"),
        ("Mime-Version", "1.0 (1.0)"),
        ("Date", d),
        ("Subject", fold(subj_w)),
        ("Message-Id", "<" + mid + ">"),
        ("To", SATO),
        ("X-Mailer", "iPhone Mail (22B91)"),
    )
    return raw, expected(
        message_id=mid, from_=addr(from_name, "takahashi.makoto@yamada-shoji.example.co.jp"), to=[addr(None, SATO)],
        subject=subj, date=dz, text="", warnings=["no_text_body"])


@message("Empty attachment (0 bytes, base64 with no content) next to a normal text part")
def m_empty_attachment():
    d, dz = date(2026, 12, 4, 16, 10, 55, 480)
    from_w, from_name = ew1("吴晓明", "gb2312")
    subj_w, subj = ew_words("导出日志（附件）", "gb2312")
    body = """李经理：

按照您的要求，把昨天的导出日志发给您，请查收。
如果附件打不开请告诉我。

吴晓明
"""
    tp, text = text_part(body, "gb2312", "base64", label="gb2312")
    ap = part([("Content-Type", 'text/csv; name="export_20261203.csv"'),
               ("Content-Transfer-Encoding", "base64"),
               ("Content-Disposition", 'attachment; filename="export_20261203.csv"')], b"")
    boundary = "----=_001_NextPart827364519204_=----"
    mid = "202612041610552173615@jiahe-retail.example.cn"
    raw = head(
        ("Date", d),
        ("From", '"%s" <wuxiaoming@jiahe-retail.example.cn>' % from_w),
        ("To", LIMING),
        ("Subject", fold(subj_w)),
        ("X-Has-Attach", "yes"),
        ("X-Mailer", "Foxmail 7.2.25.228[cn]"),
        ("Mime-Version", "1.0"),
        ("Message-ID", "<" + mid + ">"),
        ("Content-Type", 'multipart/mixed;\r\n\tboundary="%s"' % boundary),
    ) + CRLF + multipart(boundary, [tp, ap], preamble="This is a multi-part message in MIME format.")
    return raw, expected(
        message_id=mid, from_=addr(from_name, "wuxiaoming@jiahe-retail.example.cn"), to=[addr(None, LIMING)],
        subject=subj, date=dz, text=text, attachments=[att("export_20261203.csv", "text/csv", b"")])


@message("Attachment only, no text part at all (scan-to-mail from a multifunction printer)")
def m_attachment_only():
    d, dz = date(2026, 12, 4, 10, 2, 33, 540)
    pdf = tiny_pdf("Scanned document 20261204100233")
    ap = part([("Content-Type", 'application/pdf; name="20261204100233.pdf"'),
               ("Content-Transfer-Encoding", "base64"),
               ("Content-Disposition", 'attachment; filename="20261204100233.pdf"')], b64body(pdf))
    boundary = "=-=-=RICOH_IM_C3000_20261204100233=-=-="
    mid = "20261204100233.0001.scanner@nakamura-ss.example.co.jp"
    raw = head(
        ("Date", d),
        ("From", "scanner-3f@nakamura-ss.example.co.jp"),
        ("To", SATO),
        ("Subject", "Scanned from RICOH IM C3000 [2026-12-04 10:02]"),
        ("Message-ID", "<" + mid + ">"),
        ("MIME-Version", "1.0"),
        ("X-Mailer", "RICOH IM C3000"),
        ("Content-Type", 'multipart/mixed; boundary="%s"' % boundary),
    ) + CRLF + multipart(boundary, [ap])
    return raw, expected(
        message_id=mid, from_=addr(None, "scanner-3f@nakamura-ss.example.co.jp"), to=[addr(None, SATO)],
        subject="Scanned from RICOH IM C3000 [2026-12-04 10:02]", date=dz, text="",
        attachments=[att("20261204100233.pdf", "application/pdf", pdf)], warnings=["no_text_body"])


# ---------------------------------------------------------------------------

def main():
    args = sys.argv[1:]
    dump = None
    if args[:1] == ["--check-dump"]:
        dump = args[1]
    os.makedirs(OUT, exist_ok=True)
    for name in os.listdir(OUT):
        if name.endswith((".eml", ".json")):
            os.remove(os.path.join(OUT, name))
    index = []
    for n, (case, fn) in enumerate(MESSAGES, 1):
        raw, exp = fn()
        stem = "%03d" % n
        with open(os.path.join(OUT, stem + ".eml"), "wb") as f:
            f.write(raw)
        with open(os.path.join(OUT, stem + ".json"), "w", encoding="utf-8", newline="\n") as f:
            f.write(json.dumps(exp, ensure_ascii=False, indent=2) + "\n")
        index.append((stem, case))
    for stem, case in index:
        print(stem, case)
    if dump:
        with open(dump, "w", encoding="utf-8") as f:
            json.dump([[cs, data.hex(), text] for cs, data, text in CHECKS], f, ensure_ascii=False)


if __name__ == "__main__":
    main()
