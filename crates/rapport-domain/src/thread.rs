//! Which request a mail joins when its mailer dropped References (Outlook, QQ Mail):
//! the subject a thread is known by, with the reply and forward prefixes of every
//! language our clients write in taken off (Re, AW, 回复, 答复, 回覆, 返信, 転送, ...
//! with ASCII or full-width colons, counted or repeated) and leading bracketed tags.

/// Reply and forward prefixes, lower-case. A prefix counts only before a colon.
const PREFIXES: [&str; 23] = [
    "re", "fwd", "fw", "aw", "wg", "sv", "vs", "tr", "rv", "rif", "antw", "doorst", "réf", "回复",
    "答复", "转发", "回覆", "轉寄", "轉發", "答覆", "返信", "転送", "返复",
];

/// The thread key of `subject`: prefixes and leading tags off, spaces collapsed,
/// lower-case. Empty when nothing is left, and an empty key never joins a thread.
pub fn thread_subject(subject: &str) -> String {
    split_subject(subject).0
}

/// Whether `subject` says it answers or forwards earlier mail (`Re:`, `回复：`, ...):
/// only such a subject may join a thread by its subject alone.
pub fn is_reply_subject(subject: &str) -> bool {
    split_subject(subject).1
}

fn split_subject(subject: &str) -> (String, bool) {
    let mut rest = subject.trim();
    let mut replied = false;
    loop {
        let before = rest;
        rest = strip_tag(rest).unwrap_or(rest).trim_start();
        if let Some(after) = strip_prefix(rest) {
            rest = after.trim_start();
            replied = true;
        }
        if rest == before {
            break;
        }
    }
    let mut key = String::with_capacity(rest.len());
    for word in rest.split_whitespace() {
        if !key.is_empty() {
            key.push(' ');
        }
        key.extend(word.chars().flat_map(char::to_lowercase));
    }
    (key, replied)
}

/// `[tag]`, `［tag］` or `【tag】` at the start, when something follows it.
fn strip_tag(text: &str) -> Option<&str> {
    let close = match text.chars().next()? {
        '[' => ']',
        '［' => '］',
        '【' => '】',
        _ => return None,
    };
    let end = text.find(close)?;
    let rest = &text[end + close.len_utf8()..];
    (!rest.trim().is_empty()).then_some(rest)
}

/// A reply or forward prefix with its colon: `Re:`, `RE :`, `Re[2]:`, `Re(3):`, `回复：`.
fn strip_prefix(text: &str) -> Option<&str> {
    let word_end = text
        .char_indices()
        .find(|&(_, c)| matches!(c, ':' | '：' | '[' | '(' | ' ' | '\u{3000}'))
        .map(|(at, _)| at)?;
    let word = text[..word_end].to_lowercase();
    if !PREFIXES.contains(&word.as_str()) {
        return None;
    }
    let mut rest = &text[word_end..];
    if let Some(counted) = rest.strip_prefix(['[', '(']) {
        let close = counted.find([']', ')'])?;
        if !counted[..close].chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        rest = &counted[close + 1..];
    }
    rest.trim_start_matches([' ', '\u{3000}'])
        .strip_prefix([':', '：'])
}

#[cfg(test)]
mod tests {
    use super::{is_reply_subject, thread_subject};

    #[test]
    fn prefixes_of_every_language_come_off() {
        let cases = [
            ("Re: Banner sizes", "banner sizes"),
            ("RE: RE: Banner  sizes", "banner sizes"),
            ("Fwd: FW: banner sizes", "banner sizes"),
            ("AW: WG: Angebot", "angebot"),
            ("Re[2]: Banner sizes", "banner sizes"),
            ("Re(3): Banner sizes", "banner sizes"),
            ("回复：关于618活动方案", "关于618活动方案"),
            ("回复: 回复：关于618活动方案", "关于618活动方案"),
            ("答复: 关于618活动方案", "关于618活动方案"),
            ("转发：关于618活动方案", "关于618活动方案"),
            ("回覆：報價單", "報價單"),
            ("轉寄: 報價單", "報價單"),
            ("返信：お見積りの件", "お見積りの件"),
            ("Re: 返信: 転送：お見積りの件", "お見積りの件"),
            ("RE：お見積りの件", "お見積りの件"),
            ("[EXTERNAL] Re: Invoice 2026-11", "invoice 2026-11"),
            (
                "【重要】Re: 新商品リリースについて",
                "新商品リリースについて",
            ),
            ("Re: [#1234] Server down", "server down"),
            ("Re:", ""),
            ("[tag]", "[tag]"),
        ];
        for (subject, key) in cases {
            assert_eq!(thread_subject(subject), key, "{subject}");
        }
    }

    #[test]
    fn words_that_only_look_like_prefixes_stay() {
        assert_eq!(
            thread_subject("Regarding the banner"),
            "regarding the banner"
        );
        assert_eq!(
            thread_subject("Reply needed: banner"),
            "reply needed: banner"
        );
        assert_eq!(thread_subject("回复率报告"), "回复率报告");
        assert_eq!(thread_subject("Re [draft]: x"), "re [draft]: x");
    }

    #[test]
    fn only_a_reply_or_forward_subject_may_join_by_subject() {
        assert!(is_reply_subject("RE: 見積依頼"));
        assert!(is_reply_subject("[EXT] 回复：报价"));
        assert!(!is_reply_subject("見積依頼"));
        assert!(!is_reply_subject("[EXT] Invoice"));
    }
}
