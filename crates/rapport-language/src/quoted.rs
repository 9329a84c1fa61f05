//! Which parts of a message the sender wrote now: quoted history (`>` lines, "On ...
//! wrote:", "-----Original Message-----", 差出人:, 发件人:), forwarded headers and
//! signatures are set aside, so their dates never become the deadline.

use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// A line where the earlier conversation begins; everything after it is history.
static HISTORY_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)^\s*(?:",
        r"-{2,}\s*(?:original message|forwarded message|原始邮件|原始郵件|転送されたメッセージ|元のメッセージ)",
        r"|_{5,}\s*$",
        r"|on\s.{4,200}(?-u:\b)wrote:\s*$",
        r"|在.{4,120}写道[:：]?\s*$",
        r"|.{0,60}\d{4}年\d{1,2}月\d{1,2}日.{0,80}<[^>\s]+@[^>\s]+>.{0,20}[:：]\s*$",
        r"|(?:begin forwarded message|転送メッセージ|以下转发|-+\s*转发)",
        r")"
    ))
    .expect("history pattern")
});

/// Whether a line holds a word `HISTORY_START` needs: its long repetitions of any
/// character make the regex cost hundreds of instructions a byte, so lines without one of
/// these are not given to it (a text dense with dates has many lines).
fn may_start_history(line: &str) -> bool {
    let lower = |needle: &[u8]| {
        line.as_bytes()
            .windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle))
    };
    ["写道", "@", "--", "__", "転送", "转发"]
        .iter()
        .any(|w| line.contains(w))
        || lower(b"wrote")
        || lower(b"forwarded")
}

/// A header line of a quoted or forwarded message ("From:", 差出人:, 发件人:).
static HEADER_FROM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*\*?(?:from|差出人|送信者|发件人|寄件者|寄件人)\s*\*?\s*[:：]")
        .expect("from")
});
static HEADER_OTHER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*\*?(?:sent|date|to|subject|送信日時|日時|件名|宛先|发送时间|发送日期|时间|主题|收件人|寄件日期|主旨)\s*\*?\s*[:：]")
        .expect("header")
});

/// A line that opens a signature block.
static SIGNATURE_RULE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(?:--|[-=_―─━—＿*■□◆◇☆★~・]{5,})\s*$").expect("rule"));

/// Contact details: a labelled phone or address field or a postal mark. A line with these
/// belongs to a signature, not to the request.
static CONTACT_FIELD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:^|\s|\|)(?:tel|phone|mobile|mob|fax|cell|direct|office|m|p|t|f|e|email|e-mail|web|電話|携帯|手机|手機|电话|微信|座机|座機|传真|傳真|電郵|邮箱|郵箱)\s*[:：]|〒",
    )
    .expect("contact field")
});

/// An e-mail or web address: a contact line when little else is written beside it.
static ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)[^\s@]+@[^\s@]+\.[a-z]{2,}|https?://\S*|www\.\S*").expect("address")
});

/// A phone number: nine or more digits in a run of digits, spaces and `+().-`.
fn has_phone_number(line: &str) -> bool {
    let mut digits = 0;
    for c in line.chars() {
        match c {
            '0'..='9' => digits += 1,
            ' ' | '+' | '(' | ')' | '.' | '-' => {}
            _ => digits = 0,
        }
        if digits >= 9 {
            return true;
        }
    }
    false
}

fn is_contact_line(line: &str) -> bool {
    if CONTACT_FIELD.is_match(line) {
        return true;
    }
    // A sentence that happens to hold a number or an address ("Call me right away on
    // 415-555-0199", "send it to ap@example.com by the end of the month") is still the
    // request: these mark a contact line only when little else is written beside them.
    let address = ADDRESS.is_match(line);
    if !address && !has_phone_number(line) {
        return false;
    }
    let rest = if address {
        ADDRESS.replace_all(line, "")
    } else {
        line.into()
    };
    // Counted in display columns: a CJK character says as much as two Latin letters.
    let prose: usize = rest
        .chars()
        .filter(|c| !c.is_ascii_digit() && !matches!(c, ' ' | '+' | '(' | ')' | '.' | '-'))
        .map(|c| if c as u32 > 0x2E80 { 2 } else { 1 })
        .sum();
    // Twelve CJK characters in a row make a sentence ("进展更新将于今天11:30前发布在状态页:
    // https://..."), not a company name beside its address.
    let mut run = 0;
    let sentence = rest.chars().any(|c| {
        run = if c as u32 > 0x2E80 { run + 1 } else { 0 };
        run >= 12
    });
    prose <= 50 && !sentence
}

/// Byte ranges of `norm` holding what the sender wrote now.
pub fn fresh_ranges(norm: &str) -> Vec<Range<usize>> {
    let lines: Vec<Range<usize>> = line_ranges(norm);
    let text = |i: usize| &norm[lines[i].clone()];
    let mut end = lines.len();
    for i in 0..lines.len() {
        let line = text(i);
        let wrote_on_next = line
            .trim_start()
            .get(..3)
            .is_some_and(|p| p.eq_ignore_ascii_case("on "))
            && i + 1 < lines.len()
            && text(i + 1).trim().eq_ignore_ascii_case("wrote:");
        let quoted_header = HEADER_FROM.is_match(line)
            && (i + 1..(i + 5).min(lines.len())).any(|j| HEADER_OTHER.is_match(text(j)));
        if (may_start_history(line) && HISTORY_START.is_match(line))
            || wrote_on_next
            || quoted_header
        {
            end = i;
            break;
        }
        if SIGNATURE_RULE.is_match(line)
            && (i + 1..(i + 9).min(lines.len())).any(|j| is_contact_line(text(j)))
        {
            end = i;
            break;
        }
    }
    let mut fresh: Vec<Range<usize>> = Vec::new();
    for range in &lines[..end] {
        let line = &norm[range.clone()];
        let trimmed = line.trim_start();
        if trimmed.starts_with('>') || trimmed.starts_with('＞') || is_contact_line(line) {
            continue;
        }
        match fresh.last_mut() {
            // Join with the previous range across the newline between them.
            Some(last) if last.end + 1 >= range.start => last.end = range.end,
            _ => fresh.push(range.clone()),
        }
    }
    fresh.retain(|range| !range.is_empty());
    fresh
}

fn line_ranges(text: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut start = 0;
    for (i, byte) in text.bytes().enumerate() {
        if byte == b'\n' {
            let end = if i > start && text.as_bytes()[i - 1] == b'\r' {
                i - 1
            } else {
                i
            };
            ranges.push(start..end);
            start = i + 1;
        }
    }
    ranges.push(start..text.len());
    ranges
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fresh_text(text: &str) -> String {
        fresh_ranges(text)
            .iter()
            .map(|r| &text[r.clone()])
            .collect::<Vec<_>>()
            .join("|")
    }

    #[test]
    fn history_and_signatures_are_set_aside() {
        let cases = [
            (
                "Can you send it by Friday?\n\nOn Mon, Nov 16, 2026 at 10:02 AM Jane <jane@x.com> wrote:\n> due Dec 3",
                "Can you send it by Friday?\n",
            ),
            (
                "Thanks\nOn Mon, Nov 16, 2026 at 10:02 AM Jane <jane@x.com>\nwrote:\n> old",
                "Thanks",
            ),
            (
                "See below.\n-----Original Message-----\nFrom: A\nSent: Monday\n",
                "See below.",
            ),
            (
                "よろしくお願いします。\n\n差出人: 山田\n送信日時: 2026年11月16日 10:02\n件名: 見積",
                "よろしくお願いします。\n",
            ),
            (
                "麻烦尽快。\n\n发件人: 林悦\n发送时间: 2026年11月16日\n主题: 方案",
                "麻烦尽快。\n",
            ),
            (
                "明天给我。\n在 2026年11月16日 10:02，林悦 <lin@x.cn> 写道：\n> 旧的",
                "明天给我。",
            ),
            (
                "来週金曜までにお願いします。\n\n――――――――――\n株式会社ひだまり食品\nTEL: 03-0000-1234",
                "来週金曜までにお願いします。\n",
            ),
            ("ok\n> quoted line\nnew line", "ok|new line"),
            ("Best,\nJane\nMobile: +1 212 555 0100\n", "Best,\nJane"),
        ];
        for (input, expected) in cases {
            assert_eq!(fresh_text(input), expected, "{input:?}");
        }
    }

    #[test]
    fn a_sentence_with_a_phone_number_is_still_fresh() {
        let text = "Seriously?? The site has been down for 3 hours and nobody is answering the phone. Call me right away. 415-555-0199";
        assert_eq!(fresh_text(text), text);
        assert_eq!(
            fresh_text("Thanks\nKylie Brennan | Head of Comms | +61 2 9555 0101"),
            "Thanks"
        );
    }

    #[test]
    fn a_rule_without_contact_details_is_not_a_signature() {
        assert_eq!(
            fresh_text("Part one\n-----\nPart two by Friday"),
            "Part one\n-----\nPart two by Friday"
        );
    }
}
