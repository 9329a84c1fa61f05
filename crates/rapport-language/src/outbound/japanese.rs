//! Japanese promises and asks: a sentence that ends in a humble or plain volitional verb
//! promises; a question, a request for a named action or a wish asks.

use super::patterns::{anchor, dated_anchor, question_anchor};
use crate::detect::Lang;
use crate::lexicon::{Category, Hit};
use crate::text::{Sentences, Text};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// A Japanese sentence that ends in a humble or plain volitional verb: 再発行いたします。
/// 作っておきますね。反映させていただきます。確認させてください。修正は本日中に入れます。
/// 反映する予定です。明日やっときます。拡張しちゃいますね。 (お願いいたします and
/// 失礼いたします are no promise: see `JA_NOT_PROMISED`).
static JA_PROMISE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?:いたします|致します|します|ておきます|でおきます|ておく|でおく|[とど]きます|ちゃいます|じゃいます|させていただきます|させて頂きます|させてください|させて下さい|終わらせます",
        r"|[てで]いきます|(?:送り|書き|入れ|進め|作り|出し|直し|返し|伺い|上げ|載せ|投げ|回し|戻し|当て|差し替え|貼り|調べ|決め|見|聞き",
        r"|まとめ|仕上げ|届け|変え|止め|切り替え|始め|行い|組み|やり|揃え|済ませ|片付け|固め|詰め|渡し|つなぎ|繋ぎ|入り)ます",
        r"|(?:完了|反映|終了|稼働|移行|公開|確定|完成)させます",
        r"|(?:する|いたす|行う|[るうく])予定(?:です|でございます|となっております))",
        // A chat line may end in an emoji: 明日午前中に本番反映します🙏
        // 完了させますので、…: the promise, then why it matters to the client.
        r"(?:(?:ね|ので|よ|わ|な)?[\p{Extended_Pictographic}\x{FE0F}\x{200D}]*(?:[。！!]|\n|$)|ので[、,])",
    ))
    .expect("Japanese promise pattern")
});

/// A plan by its noun, a promise only with a date said for it: 明日１０時にストア公開予定です,
/// 納品は１２月１８日（金）を予定しております, and a hedged one: 明日の昼までには送れると思います.
static JA_DATED_PLAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        concat!(
            r"予定(?:です|でございます|となっております|となります|しております|としております|にしております)",
            // A hedged plan: 送れると思います, 出せるかと, 公開の見込みです, 入るつもりです,
            // 月曜までずれ込みそうです.
            r"|(?:かと思います|と思います|かと存じます|かと|見込みです|見込みとなります|つもりです|そうです)[\p{Extended_Pictographic}\x{FE0F}\x{200D}]*(?:[。！!]|\n|$)",
            // Our deliverable's day stated as a fact: 納品は3月24日（水）となります,
            // リリースは来週中に延期となります.
            r"|(?:納品|リリース|公開|発送|お届け|提出|完了|作業|配信開始|開始)(?:日|予定日)?[はが][^。\n]{0,40}?(?:となります|になります|となる見込みです|からです)",
        ),
    )
    .expect("Japanese plan pattern")
});

/// Whether a line introduces a list of our dated steps: 作業日程は下記のとおり予定しております,
/// 以下のとおり進めてまいります, 今後のスケジュールについてご連絡いたします; not a list of what
/// was done (以下の点を変更しております).
fn introduces_our_steps(line: &str) -> bool {
    let has = |words: &[&str]| words.iter().any(|w| line.contains(w));
    !line.contains("候補") && has(&["スケジュール", "日程", "予定", "計画"])
        || (has(&["下記", "以下", "次のとおり", "次の通り"])
            && !has(&[
                "しております",
                "いたしました",
                "しました",
                "済みです",
                "済みとなります",
                "完了です",
            ]))
}

/// What a sentence says when it only introduces the list below it (下記のとおり対応いたします).
const JA_INTRODUCES_LIST: [&str; 5] = ["下記", "以下の", "以下のとおり", "次のとおり", "次の通り"];

/// What makes a list item the client's, not ours: ご入稿ください, ご確認いただく.
const JA_CLIENT_ITEM: [&str; 6] = ["いただ", "ください", "下さい", "お願い", "貴社", "御社"];

/// The words of `JA_CLIENT_ITEM` that ask in so many words, so the asks read them.
const JA_ASKED_IN_WORDS: [&str; 4] = ["いただ", "ください", "下さい", "お願い"];

/// What asks the client in Japanese beyond the lexicon's fixed forms: a question
/// ("〜でよろしいでしょうか"), a request for a named action ("議事録のご確認をお願いします",
/// "ご検討のほどよろしくお願いいたします", "差し替えてください"), a wish
/// ("ご判断いただけますと助かります"). The closing "よろしくお願いいたします" asks nothing.
static JA_ASK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?P<question>(?:でしょうか|ましょうか|ですか|ますか|ませんか|でございますか)[?]?\s*(?:[。]|\n|$)|か[?]|ます[?])",
        r"|(?:を|だけ|のほど[、,]?\s*(?:よろしく)?|ご[^\s。、,をのにはが]{1,6}|お[^\s。、,をのにはが]{1,6})お願い(?:いたします|致します|します|申し上げます)",
        r"|(?:て|で)(?:ください|下さい)|(?:ご|お)[^\s。、,をのにはが]{1,6}(?:ください|下さい)",
        r"|(?:いただけ|頂け|もらえ|貰え|お願いでき)(?:ますと|ると|れば)(?:大変|とても|非常に)?(?:助かります|幸いです|ありがたいです|有難いです|嬉しいです|うれしいです)",
        r"|いただけないでしょうか|いただきたく|(?:いただく|頂く)必要が(?:あります|ございます)",
        // A request with its time: 承認を、3月23日（火）までにお願いいたします, 10時開始でお願いします.
        r"|(?:まで|までに|で|に|よう)お願い(?:いたします|致します|します|申し上げます)",
        // 確認お願いします: a named action, asked without を.
        r"|[\p{Han}]{2}お願い(?:いたします|致します|します)",
    ))
    .expect("Japanese ask pattern")
});

/// Requests that ask for no action ("ご理解のほど", "ご査収ください", "お待ちください") or
/// invite without a need ("お気軽にご連絡ください", "ご不明な点がございましたら").
const JA_NOT_ASKED: [&str; 14] = [
    "理解",
    "了承",
    "容赦",
    "協力",
    "査収",
    "お待ち",
    "安心",
    "放念",
    "自愛",
    "お気軽",
    "いつでも",
    "ございましたら",
    "不明な点",
    "お過ごし",
];

/// What comes before いたします when it promises nothing.
const JA_NOT_PROMISED: [&str; 12] = [
    "発生",
    "おかけ",
    "願い",
    "失礼",
    "感謝",
    "申し上げ",
    "恐縮",
    "安心",
    "了承",
    "承知",
    "お待ち",
    "拝察",
];

pub(super) fn anchors(text: &Text, sentences: &Sentences) -> Vec<Hit> {
    let mut hits = Vec::new();
    for part in &text.fresh {
        let fresh = &text.norm[part.clone()];
        for found in JA_PROMISE.find_iter(fresh) {
            let before = &fresh[..found.start()];
            let tail: String = before
                .chars()
                .rev()
                .take(4)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            // 〜とさせていただきます declares ("確定とさせていただきます"); 御礼申し上げます
            // thanks; neither promises anything.
            // (…7月14日（水）のご提出とさせていただきます reschedules: it promises.)
            let delivers = [
                "提出と",
                "納品と",
                "お届けと",
                "報告と",
                "公開と",
                "リリースと",
            ]
            .iter()
            .any(|w| before.trim_end_matches("させて").ends_with(w));
            let declares = !delivers
                && (before.ends_with('と')
                    || tail.ends_with("とさせて")
                    || before.ends_with("申し"));
            if declares || JA_NOT_PROMISED.iter().any(|w| tail.contains(w)) {
                continue;
            }
            // 下記のとおり対応いたします: the items below hold the promises.
            let range = part.start + found.start()..part.start + found.end();
            let sentence = &text.norm[sentences.around(&range)];
            if JA_INTRODUCES_LIST.iter().any(|w| sentence.contains(w))
                || (found.as_str().contains("予定") && by_supplier(sentence))
            {
                continue;
            }
            // "１点確認させてください。…でよろしいでしょうか。" asks leave to ask the question
            // that follows; it owes nothing later.
            if found.as_str().contains("させてくださ") || found.as_str().contains("させて下さ")
            {
                let mut next = sentences.around(&(range.start..range.start + 1));
                for _ in 0..3 {
                    next = sentences.around(&(next.end..next.end + 1));
                    if !text.norm[next.clone()].trim().is_empty() {
                        break;
                    }
                }
                let asks = text.norm[next].trim_end().trim_end_matches('。');
                if asks.ends_with(['?', 'か']) {
                    continue;
                }
            }
            let verb = found
                .as_str()
                .trim_end_matches(['。', '！', '!', '\n', 'ね', '、', ','])
                .trim_end_matches("ので");
            let verb_range = part.start + found.start()..part.start + found.start() + verb.len();
            chained_steps(&text.norm, sentences, &verb_range, &mut hits);
            hits.push(anchor(Category::Promise, Lang::Ja, verb_range));
        }
        for found in JA_DATED_PLAN.find_iter(fresh) {
            let said = found.as_str().trim_end_matches(|c: char| {
                matches!(c, '。' | '！' | '!' | '\n' | '\u{FE0F}' | '\u{200D}')
                    || c as u32 >= 0x1F000
            });
            let range = part.start + found.start()..part.start + found.start() + said.len();
            if by_supplier(&text.norm[sentences.around(&range)]) {
                continue;
            }
            hits.push(dated_anchor(Category::Promise, Lang::Ja, range));
        }
        schedule(fresh, part.start, &mut hits);
        for caps in JA_ASK.captures_iter(fresh) {
            let Some(found) = caps.get(0) else { continue };
            let range = part.start + found.start()..part.start + found.end();
            let sentence = &text.norm[sentences.around(&range)];
            // 何卒お願いいたします closes the mail; 変更させてください asks leave for our own step.
            if found.as_str().starts_with("何卒")
                || (found.as_str().starts_with('て') && fresh[..found.start()].ends_with('せ'))
                || JA_NOT_ASKED.iter().any(|w| sentence.contains(w))
            {
                continue;
            }
            // 〜いただけますでしょうか, 〜もらえますか: a request put as a question, due when
            // its time says (明日中にご確認いただけますでしょうか).
            let request = requests(&fresh[..found.start()]);
            hits.push(if caps.name("question").is_some() && !request {
                question_anchor(Lang::Ja, range)
            } else {
                anchor(Category::Ask, Lang::Ja, range)
            });
        }
    }
    hits
}

/// 製造元からの入荷は…の予定, 印刷所から…届く予定です, トラックは6時半着の予定: a supplier's
/// or courier's time, not ours.
fn by_supplier(sentence: &str) -> bool {
    ["入荷", "届く", "到着", "着の予定", "着予定"]
        .iter()
        .any(|w| sentence.contains(w))
}

/// Whether a question ends a request: 〜いただけますでしょうか, 〜もらえますか,
/// お願いできますか, お願いしていいですか.
fn requests(before: &str) -> bool {
    let stem = before
        .trim_end_matches("ません")
        .trim_end_matches("ます")
        .trim_end_matches("ない");
    ["いただけ", "頂け", "もらえ", "貰え", "くれ", "お願いでき"]
        .iter()
        .any(|w| stem.ends_with(w))
        || [
            "お願いしていい",
            "お願いしてもいい",
            "お願いしてよろしい",
            "お願いしてもよろしい",
        ]
        .iter()
        .any(|w| before.ends_with(w))
}

/// Steps chained before a promise's verb in its sentence, each with its own time:
/// "今日の18時までに修正入れて、明日の朝イチで本番に反映します", "本日中に弊社で行い、明日再申請
/// いたします". Each clause that ends in a verb's joining form counts with its own date.
fn chained_steps(text: &str, sentences: &Sentences, verb: &Range<usize>, hits: &mut Vec<Hit>) {
    let sentence = sentences.around(verb);
    let mut start = sentence.start;
    for (at, comma) in text[sentence.start..verb.start].match_indices(['、', ',']) {
        let end = sentence.start + at;
        let clause = &text[start..end];
        start = end + comma.len();
        let joins = JOINING_ENDS.iter().any(|e| clause.ends_with(e))
            && !NOT_JOINING.iter().any(|e| clause.ends_with(e));
        let theirs = JA_CLIENT_ITEM.iter().any(|w| clause.contains(w));
        if joins && !theirs {
            let last = clause.chars().next_back().map_or(0, char::len_utf8);
            hits.push(dated_anchor(Category::Promise, Lang::Ja, end - last..end));
        }
    }
}

/// How a verb ends when another clause follows it: 入れて, 読んで, 実施し, 行い, 仕上げ,
/// 済ませ, 揃え, まとめ.
const JOINING_ENDS: [&str; 12] = [
    "て", "んで", "し", "行い", "伺い", "げ", "せ", "え", "め", "り", "き", "おき",
];

/// Clause ends that give a reason or a condition, not a step: 完了させますので, 〜ですし.
const NOT_JOINING: [&str; 6] = ["ので", "ですし", "ますし", "ため", "たし", "なし"];

/// The items of a list of our dated steps under a line that introduces it
/// (作業日程は下記のとおり…, then ・データ移行：１１月２１日（土）, ① 試作版を来週火曜日にご共有):
/// each is a promise with its date. Items the client is asked to do are left to the asks.
fn schedule(fresh: &str, offset: usize, hits: &mut Vec<Hit>) {
    // Whose list is open: ours (`Some(true)`), the client's (【御社にてご対応いただきたい事項】).
    let mut side: Option<bool> = None;
    // A note between a list's intro and its items (作業中は…ご注意ください) leaves it open.
    let mut grace = 0;
    // The last item was a heading alone (■作業日時): the line under it is its value.
    let mut heading = false;
    let mut at = 0;
    for line in fresh.split_inclusive('\n') {
        let start = at;
        at += line.len();
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        if let Some(named) = side_heading(trimmed) {
            side = named;
            heading = false;
            continue;
        }
        let open = side.is_some();
        // 【作業日時】 over its value, like ■作業日時.
        let bracketed = trimmed
            .strip_prefix('【')
            .and_then(|rest| rest.strip_suffix('】'));
        if open && bracketed.is_some_and(names_work) {
            heading = true;
            continue;
        }
        // Under an open list, "日時：12月15日（火）23:00～翌2:00" and the value line
        // under a heading item are items too.
        let item = list_item(trimmed)
            .or_else(|| (open && (heading || labelled_value(trimmed))).then_some(trimmed));
        heading = open
            && item.is_some_and(|i| {
                i.chars().count() <= 8 && !i.contains(['：', ':']) && names_work(i)
            });
        match item {
            Some(item) if open => {
                let offered = item.contains("候補") || item.ends_with(['？', '?']);
                if offered {
                    continue;
                }
                let theirs = side == Some(false)
                    || JA_CLIENT_ITEM.iter().any(|w| item.contains(w))
                    || CLIENT_MARKS.iter().any(|w| item.trim_end().ends_with(w));
                let asked_in_words = JA_ASKED_IN_WORDS.iter().any(|w| item.contains(w));
                let lead = (line.len() - line.trim_start().len()) + (trimmed.len() - item.len());
                let first = item.chars().next().map_or(0, char::len_utf8);
                let begin = offset + start + lead;
                if theirs {
                    // Asked items are read by the asks unless the list alone says so.
                    if side == Some(false) || !asked_in_words {
                        hits.push(dated_anchor(Category::Ask, Lang::Ja, begin..begin + first));
                    }
                    continue;
                }
                hits.push(dated_anchor(
                    Category::Promise,
                    Lang::Ja,
                    begin..begin + first,
                ));
            }
            Some(_) => {}
            None if introduces_our_steps(trimmed) => {
                side = Some(true);
                grace = 1;
            }
            None if grace > 0 => grace -= 1,
            None => side = None,
        }
    }
}

/// How a list item says it is the client's to do: ・3月18日（木） フィードバックご返送（高橋様）.
const CLIENT_MARKS: [&str; 6] = ["様）", "様)", "（貴社）", "(貴社)", "（御社）", "(御社)"];

/// A heading that names whose items follow: 【弊社対応】 ours, 【御社にてご対応いただきたい
/// 事項】 the client's; `None` when the line is no such heading.
fn side_heading(line: &str) -> Option<Option<bool>> {
    let bracketed = line.starts_with(['【', '［', '[', '＜', '<', '■', '◆'])
        && line.chars().count() <= 30
        && !line.contains('。');
    if !bracketed {
        return None;
    }
    let has = |words: &[&str]| words.iter().any(|w| line.contains(w));
    if has(&[
        "御社",
        "貴社",
        "お客様",
        "ご対応いただ",
        "お願いしたい",
        "ご依頼事項",
    ]) {
        Some(Some(false))
    } else if has(&["弊社", "当社", "私ども", "当方"]) {
        Some(Some(true))
    } else {
        None
    }
}

/// A line that is a short label of our work and its value: 日時：…, 作業日程: … (not
/// 休業期間：…, a notice of days off).
fn labelled_value(line: &str) -> bool {
    line.find(['：', ':']).is_some_and(|at| {
        let label = &line[..at];
        (1..=8).contains(&label.chars().count()) && names_work(label)
    })
}

/// Labels under which we state when our work happens.
fn names_work(label: &str) -> bool {
    [
        "日時",
        "作業",
        "実施",
        "日程",
        "納品",
        "提出",
        "公開",
        "リリース",
    ]
    .iter()
    .any(|w| label.contains(w))
}

/// A list item's text without its mark: ・, ①, １．, (2), 3)
fn list_item(line: &str) -> Option<&str> {
    let first = line.chars().next()?;
    let rest = if matches!(
        first,
        '・' | '●' | '■' | '◆' | '□' | '○' | '-' | '－' | '＊' | '*' | '•'
    ) || ('①'..='⑳').contains(&first)
    {
        &line[first.len_utf8()..]
    } else {
        let open = line.trim_start_matches(['(', '（']);
        let digits = open
            .find(|c: char| !(c.is_ascii_digit() || ('０'..='９').contains(&c)))
            .filter(|n| *n > 0)?;
        let after = &open[digits..];
        let mark = after.chars().next()?;
        if !matches!(mark, '.' | '．' | '、' | ')' | '）') {
            return None;
        }
        &after[mark.len_utf8()..]
    };
    let rest = rest.trim_start();
    (!rest.is_empty()).then_some(rest)
}
