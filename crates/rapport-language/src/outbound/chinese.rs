//! Chinese promises and asks, read clause by clause. Chinese mail seldom names who acts
//! ("明天12点前给你终版", "正式版下周五交付", "新证书预计12月2日前完成安装"), so a phrase
//! list misses most promises. Each clause (up to a comma, semicolon or sentence end) is
//! read for its main action verb (the last one that is not done already, not a relative
//! clause "发您的文件", not a time clause "收到后") and who acts on it: us (我们, 我司),
//! the client (您, 贵司), the client asked (麻烦您, 请, 需要贵司), or no one named, when
//! the actor of the sentence's previous clause carries over.
//!
//! Our action promises. An action with no one named promises when it is addressed to the
//! client (发您, 给你), follows an acknowledgement (好的, 收到) or a future word (会, 将,
//! 预计), and otherwise only when a date is said for it (a *dated* anchor, dropped
//! without one). The client's action asks when they are asked or it comes back to us
//! (发我), and with a date or a softener (一下, 哈) otherwise. A question asks.
//! Done things (已, 刚, 了), negations, conditional offers (如果, 可以) and questions
//! promise nothing.

use super::patterns::{anchor, dated_anchor, question_anchor};
use crate::detect::Lang;
use crate::lexicon::{Category, Hit};
use crate::text::{Sentences, Text};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// Actions that can be promised or asked for; longer forms first.
static VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?:发给|發給|发送|發送|发布|發佈|發布|发出|發出|发过去|發過去|发到|發到|发群|發群|发|發",
        r"|给到|給到|给出|給出|给您|給您|给你|給你|俾你|交付|交给|交給|交到|提交|提供",
        r"|送到|送達|送达|送过去|送過去|送印|寄出|寄给|寄給|寄送|寄回|寄过来|寄過來|寄",
        r"|补发|補發|补上|補上|补充|補充|补全|補全|补齐|補齊",
        r"|顺延|順延|延到|改到|出一版|出第一版|出完整版|出方案|出报价|出報價|出结论|出結論|出初稿|出图|出圖|出稿|开出|開出|开具|開具|开好|開好",
        r"|上线|上線|完成|修复|修復|修好|处理|處理|安排|部署|推送|更新|跟进|跟進|联系|聯繫|聯絡",
        r"|通知|告诉|告訴|告知|汇报|匯報|报告|報告|反馈|反饋|同步|确认|確認|排查|检查|檢查|评估|評估",
        r"|整理|准备|準備|调整|調整|修改|改好|改完|做完|做好|弄好|搞定|设置|設置|設定|开通|開通|安装|安裝",
        r"|迁移|遷移|切换|切換|执行|執行|实施|實施|进行|進行|组织|組織|培训|培訓|打电话|打電話|打给|打給",
        r"|回电|回電|沟通|溝通|约您|約您|约你|約你|约时间|約時間|报价|報價|答复|答覆|回复|回覆|回你|回您|覆你|覆您",
        r"|跟你说|跟您说|跟你說|跟您說|跟您讲|跟你讲|同你講|話你知|演示|到场|到場|开始|開始|邀约|邀約|生效|退回",
        r"|上传|上傳|落实|落實|提醒|核对|核對|参考|參考|签一下|簽一下|签署|簽署|签字|簽字|回签|回簽|回传|回傳|审阅|審閱|审核|審核",
        r"|过一下|過一下|看一下|看下|试一下|試一下|试试|試試|体验|體驗|开一下|開一下|拍个照|拍個照|转知|轉知|转告|轉告",
        r"|校对|校對|协调|協調|指派|确定|確定|定下来|定下來|配合|提测|提測|测试|測試|出给|出給|話我知|话我知",
        r"|重启|重啟|完工|进场|進場|带来|帶來|带过来|帶過來|讲声|講聲|说一声|說一聲|给我|給我",
        // Going over to do it: 我下午过去现场看一下, 下週一下午兩點過去更換, 聽朝會上嚟換.
        r"|过去|過去|上嚟|更换|更換|替换|替換|扩大|擴大|扩展|擴展|执一执|執一執|解决|解決|选定|選定|出文档|出文檔",
        r"|上机|上機|上架|提审|提審|彩排|排练|排練|暂定|暫定|俾我哋|俾我|出\p{Han}{0,3}包",
        r"|睇吓|睇下|睇一睇",
        r"|[跑做弄整]出[来來]|出\p{Han}{0,3}版|送货|送貨|发货|發貨|移转|移轉|转移|轉移|讲解|講解|派[一二两兩三四几幾个個]",
        // A plan by its slot: 上线安排在12月10日, 我们定在中午12点半, 排在今天下午两点.
        r"|安排在|定在|排在",
        // A verb with its result: 装好, 修掉, 续上, 搞掂, 写完.
        r"|[装裝修改弄做搞整写寫画畫拍剪调調配续續补補换換测測跑排建搭录錄译譯填执執套][好完掉上定掂妥齐齊]",
        r"|下架|下线|下線|过一遍|過一遍",
        r"|给|給|出|交",
        r"|send|book|check|backup|upload|update|fix|whatsapp|WhatsApp|confirm)",
    ))
    .expect("Chinese verb pattern")
});

/// Whether the words name an action of the verb list.
pub(super) fn acts(words: &str) -> bool {
    VERB.is_match(words)
}

/// Verbs the client is asked to do; from us they promise nothing ("我先看一下").
const ASKED_ONLY: [&str; 19] = [
    "睇吓",
    "睇下",
    "睇一睇",
    "过一下",
    "過一下",
    "看一下",
    "看下",
    "试一下",
    "試一下",
    "试试",
    "試試",
    "体验",
    "體驗",
    "签一下",
    "簽一下",
    "审阅",
    "審閱",
    "参考",
    "參考",
];

/// Who acts: us, the client, or the client asked to.
static ACTOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?P<asked>麻烦|麻煩|烦请|煩請|劳烦|勞煩|辛苦|帮忙|幫忙|拜托|拜託|务必|務必|记得|記得|还请|還請|再请|再請|请|請",
        r"|需要贵|需要貴|需要您|需贵|需貴|需您|需請|需请|还得|還得|希望贵|希望貴|希望您|最好)",
        r"|(?P<us>我们|我們|我哋|我方|我司|本公司|咱们|咱們|我)",
        r"|(?P<client>(?:贵|貴)(?:公司|集团|集團|[司方店处處])|你们|你們|你哋|您|你)",
    ))
    .expect("Chinese actor pattern")
});

/// Words before a person that make it the object, not the actor: 发给您, 跟你说, 通知我们.
const OBJECT_BEFORE: [char; 27] = [
    '给', '給', '发', '發', '跟', '向', '为', '為', '帮', '幫', '和', '与', '與', '同', '让', '讓',
    '诉', '訴', '知', '找', '问', '問', '覆', '俾', '约', '約', '供',
];

/// How a clause goes on after the client when the client acts: a time, an adverb, an
/// auxiliary ("您明天中午前", "你先确认", "贵司在12月4日前"); else the client is only the
/// owner of a thing ("贵司服务器续费事宜已处理").
static CLIENT_ACTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(?:这边|這邊|那边|那邊|在|于|於|先|再|也|都|能|可以|需要|需|明|今|后|後|下|这|這|本|周|週|月|最晚|方便|尽快|盡快",
        r"|抽空|帮忙|幫忙|一|和|及|跟|把|将|將|[0-9])",
    ))
    .expect("Chinese client-acts pattern")
});

/// Before 请 when it asks nothing: 申请, 邀请, 敬请谅解.
const NOT_ASKING_BEFORE: [char; 5] = ['申', '邀', '敬', '聘', '宴'];

/// What makes a clause no promise: done already (已, 刚), going on (正在), thanks for
/// it (谢谢告知), a cause (因团建安排, not 原因), a purpose (为了按时完成), a proposal
/// (建议安排在), a question (是否需要), a summary to follow (汇报如下, 以下实施计划),
/// what someone else said (那边说).
static NOT_PROMISED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"已|刚|剛|曾|正在|谢谢|謝謝|感谢|感謝|多谢|多謝|(?:^|[^原根基])因|由于|由於|为了|為了|为确保|為確保",
        r"|以便|以免|是否|能否|可否|如下|以下|如附件|见附件|見附件|详见附件|詳見附件|附件是|附件為|附件为|随附|隨附",
        // What was planned before (原定今天提交的终稿需要延期) and what stands now.
        r"|原定|原訂|原计划|原計劃|原本|目前",
        // What someone else said must happen: 场地那边说周三之前必须交定金.
        r"|(?:那边|那邊|他们|他們|对方|對方|厂家|廠家|供应商|供應商|物业|物業|印厂|印廠|印刷厂|印刷廠|快递|快遞|原厂|原廠|厂商|廠商)(?:说|說|讲|講|表示|話|话|通知|回复|回覆)",
    ))
    .expect("Chinese not-promised pattern")
});

/// A question that requests an action: 能否, 可否, 能不能, 方便…吗, 麻烦…吗, 得唔得.
static REQUEST_QUESTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"能否|可否|能不能|可不可以|可唔可以|得唔得|麻烦|麻煩|烦请|煩請|方便|是否可以|是否能|定一下|帮忙|幫忙",
    )
    .expect("Chinese request question pattern")
});

/// What makes a request no ask: advice (建议), a standing invitation (欢迎, 随时).
static NOT_ASKED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"建议|建議|欢迎|歡迎|随时|隨時").expect("Chinese not-asked pattern")
});

/// A negation right before the verb: 不, 没, 无需, 无法.
static NEGATED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:不|没|沒|别|別|无需|無需|无法|無法|不用|不会|不會|不能|不需要|可能)\s*$")
        .expect("Chinese negation pattern")
});

/// Words that make the rest of a sentence an offer or a condition: 如果, 若, 如12月调价,
/// 如有异常, 可以 (我们可以另外报价). "方便的话" is only polite: it still asks.
static CONDITION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"如果|若|^\s*如|如有|如遇|如需|要是|假如|万一|萬一|可以|可(?:提供|安排|协助|協助)|有问题|有問題")
        .expect("Chinese condition pattern")
});

/// A step of the client's or someone else's that our action waits for: 付款后我们会…,
/// 您确认后…, 审核通过后…; it makes a promise conditional, not an ask.
static AFTER_THEIR_STEP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?:付款|到账|到賬|通过|通過)(?:后|後)",
        r"|(?:您|你)[^，,。]{0,6}(?:确认|確認|同意|批准|审核|審核|回复|回覆)(?:后|後)",
    ))
    .expect("Chinese after-their-step pattern")
});

/// Words that say the action lies ahead: 会, 将, 预计, 稍后 (not 会议, 开会).
static FUTURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?:^|[^开開周週例年大晚宴展聚学學都不])(?:会|會)(?:[^议議上后後谈談场場员員的计計话話]|$)",
        r"|将|將|预计|預計|计划|計劃|回头|回頭|晚点|晚點|稍后|稍後|马上|馬上|尽快|盡快|随后|隨後|届时|屆時|即将|即將|再",
    ))
    .expect("Chinese future pattern")
});

/// How a reply opens when it accepts work: 好的, 收到, 没问题.
static ACKNOWLEDGED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:好的|好嘞|好滴|好喔|好哦|好|收到|ok|OK|Ok|没问题|沒問題|明白|了解|行|嗯)")
        .expect("Chinese acknowledgement pattern")
});

/// Who acts on a clause's verb.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Actor {
    Nobody,
    Us,
    Client,
    Asked,
}

/// The persons named in `prefix`, folded into who acts after them.
fn actor_of(prefix: &str, mut actor: Actor) -> Actor {
    // Once asked in a clause, "我们" after it is who the client helps: 请确认是否需要我们协助.
    let mut asked_here = false;
    for caps in ACTOR.captures_iter(prefix) {
        let Some(whole) = caps.get(0) else { continue };
        let before = prefix[..whole.start()].chars().next_back();
        let after = prefix[whole.end()..].chars().next();
        if caps.name("asked").is_some() {
            let request = !whole.as_str().ends_with(['请', '請'])
                || before.is_none_or(|c| !NOT_ASKING_BEFORE.contains(&c));
            if request {
                actor = Actor::Asked;
                asked_here = true;
            }
            continue;
        }
        // 发给您, 您的, 您好: the person is no actor there.
        // (我们的同事 still acts: our colleague is us.)
        let owner = after == Some('的') && caps.name("us").is_none();
        if before.is_some_and(|c| OBJECT_BEFORE.contains(&c)) || owner || after == Some('好') {
            continue;
        }
        let rest = &prefix[whole.end()..];
        if caps.name("us").is_some() {
            if !asked_here {
                actor = Actor::Us;
            }
        } else if actor != Actor::Asked
            && (CLIENT_ACTS.is_match(rest) || VERB.find(rest).is_some_and(|v| v.start() == 0))
        {
            actor = Actor::Client;
        }
    }
    actor
}

/// What follows a verb, past an object pronoun: "发您了" -> "了".
fn after_object(rest: &str) -> &str {
    // "send 咗": a space after a verb in English.
    let rest = rest.trim_start_matches(' ');
    ["您", "你们", "你們", "你", "我们", "我們", "我", "一下"]
        .iter()
        .find_map(|p| rest.strip_prefix(p))
        .unwrap_or(rest)
}

/// Whether a verb's object is us: 发我, 发给我们, 返给我, 寄过来.
fn comes_back_to_us(verb: &str, rest: &str) -> bool {
    let rest = rest.strip_prefix(['给', '給']).unwrap_or(rest);
    (rest.starts_with('我') && !rest.starts_with("我们这边"))
        || verb.ends_with('我')
        || ["过来", "過來", "回来", "回來"]
            .iter()
            .any(|w| verb.ends_with(w) || rest.starts_with(w))
}

/// The clause's main verb: the last that is no relative clause ("发您的文件"), no time
/// clause ("收到后") and not done ("发了").
fn main_verbs(clause: &str) -> Vec<Range<usize>> {
    VERB.find_iter(clause)
        .map(|m| m.range())
        .filter(|r| {
            let verb = &clause[r.clone()];
            let rest = after_object(&clause[r.end..]);
            // 发了, 发您的文件, 收到后, 发布于今天14:20: done, described or a time, not an act.
            // 确认好了, 测试正常: done and checked. 经团队评估: "after evaluating", no act.
            // 截图发群里了: a clause that ends in 了 tells what was done (交不了 says it
            // cannot be, and the next clause says when it can).
            // (发您过目: sent for review, still to come.)
            let review = rest.starts_with("过目") || rest.starts_with("過目");
            let done = (rest
                .starts_with(['的', '后', '後', '了', '过', '過', '咗', '之', '于', '於'])
                && !review)
                || (rest.trim_end().ends_with(['了', '咗']) && !rest.starts_with('不'))
                || DONE_AFTER.iter().any(|w| rest.starts_with(w))
                || phrase_before(clause, r.start).contains(['经', '經']);
            // 等我check吓log先: a first step, the promise is the clause after it.
            let first_step = phrase_before(clause, r.start).starts_with('等')
                && phrase_after(clause, r.end).ends_with('先');
            // 发票, 发生, 开发, 转发: 发 inside another word.
            let inside = matches!(verb, "发" | "發")
                && (clause[..r.start]
                    .ends_with(['开', '開', '研', '出', '收', '批', '转', '轉', '头', '頭'])
                    || rest.starts_with([
                        '票', '生', '现', '現', '展', '言', '起', '烧', '燒', '挥', '揮',
                    ]));
            // 发布会, 测试环境, 感谢您的确认: a noun, not an action (确认时间 still acts).
            // "导一份最新的给我": what comes back to us after a 的 is still asked.
            let noun = (clause[..r.start].ends_with('的') && !verb.ends_with(['我', '您']))
                || (!TAKES_A_TIME.contains(&verb)
                    && NOUN_AFTER.iter().any(|w| rest.starts_with(w)));
            // 给您带来的不便 apologises; it gives nothing.
            let apology = ["带来", "帶來", "造成", "添"]
                .iter()
                .any(|w| rest.starts_with(w));
            // 同步在做, 处理中: going on, not promised (交中文稿 and 发中秋海报 still act).
            let ongoing = rest.starts_with("在做")
                || rest.starts_with("在弄")
                || (rest.starts_with('中')
                    && !rest[3..].starts_with([
                        '文', '英', '日', '国', '國', '秋', '午', '期', '旬', '心', '台',
                    ]));
            // A bare 给 or 出 acts only at the clause's end: "合同模板下午给~".
            let bare = matches!(verb, "给" | "給" | "出")
                && !rest.trim_start_matches(['~', '～', ' ']).is_empty();
            !(done || first_step || inside || noun || apology || ongoing || bare)
        })
        .collect()
}

/// What after a verb says it is done: 确认好了, 处理完了, 测试正常, 审核通过 (下周一前处理完毕
/// still promises).
const DONE_AFTER: [&str; 5] = ["好了", "完了", "正常", "通过", "通過"];

/// The part of the clause before `at`, from its last comma.
fn phrase_before(clause: &str, at: usize) -> &str {
    let before = &clause[..at];
    before
        .rfind([',', '，', '、'])
        .map_or(before, |i| {
            &before[i + before[i..].chars().next().map_or(1, char::len_utf8)..]
        })
        .trim_start()
}

/// The part of the clause after `at`, up to its next comma or end.
fn phrase_after(clause: &str, at: usize) -> &str {
    let after = &clause[at..];
    after
        .find([',', '，', '。', '、'])
        .map_or(after, |i| &after[..i])
        .trim_end()
}

/// What after a verb makes it part of a noun: 发布会, 上线时间, 测试环境.
const NOUN_AFTER: [&str; 23] = [
    "会", "會", "时", "時", "日", "单", "單", "页", "頁", "费", "費", "率", "记录", "記錄", "情况",
    "情況", "结果", "環境", "环境", "期间", "期間", "周期", "週期",
];

/// Verbs whose object can be a time or a date: 确认时间, 约时间.
const TAKES_A_TIME: [&str; 6] = ["确认", "確認", "确定", "確定", "调整", "調整"];

/// Whether a sentence asks something: it ends in a question mark or a question particle.
fn is_question(sentence: &str) -> bool {
    let end = sentence.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '。' | '~' | '～' | '!' | '.')
    });
    end.ends_with('?')
        || end.ends_with(['吗', '嗎', '么', '麼', '呢'])
        || end.ends_with("了没")
        || end.ends_with("了沒")
}

/// Whether a clause names an action: a time in a clause without one is said for the
/// next clause ("明天上午10点,我们安排一次线上会议").
pub(super) fn names_an_action(clause: &str) -> bool {
    !main_verbs(clause).is_empty()
        || ["到期", "截止", "关于", "關於"]
            .iter()
            .any(|w| clause.contains(w))
}

/// The promise and ask anchors of a Chinese reply's fresh text.
pub(super) fn anchors(text: &Text, sentences: &Sentences) -> Vec<Hit> {
    let mut hits = Vec::new();
    for part in &text.fresh {
        // A heading such as "【贵方待办】" or "需贵方配合事项:" names who acts in the lines
        // under it, up to a blank line.
        let mut section = Actor::Nobody;
        // Under "安排如下：" a dated item is our plan even when its verb is unknown:
        // "- 7月19日至7月23日：与贵司HR并行试算7月薪资".
        let mut plan = false;
        let mut at = part.start;
        while at < part.end {
            let sentence = sentences.around(&(at..at + 1));
            let sentence = sentence.start.max(part.start)..sentence.end.min(part.end);
            let words = &text.norm[sentence.clone()];
            if words.trim().is_empty() {
                section = Actor::Nobody;
                plan = false;
            } else if is_heading(words) {
                section = heading_actor(words);
                plan = PLAN_WORDS.iter().any(|w| words.contains(w));
            }
            let found = hits.len();
            read_sentence(text, sentence.clone(), section, &mut hits);
            if plan
                && section == Actor::Nobody
                && hits.len() == found
                && let Some(last) = dated_item(words)
            {
                let range = sentence.start + last.start..sentence.start + last.end;
                hits.push(dated_anchor(Category::Promise, Lang::Zh, range));
            }
            at = sentence.end.max(at + 1);
        }
    }
    hits
}

/// Words of a heading over a list of our dated steps.
const PLAN_WORDS: [&str; 12] = [
    "如下",
    "安排",
    "计划",
    "計劃",
    "排期",
    "时程",
    "時程",
    "进度",
    "進度",
    "时间表",
    "時間表",
    "日程",
];

/// The last character of a list item that says a date and then, after a colon, what
/// happens, unless it asks the client ("- 6月1日：请提供…").
fn dated_item(words: &str) -> Option<Range<usize>> {
    let item = words.trim_start();
    let marked = item.starts_with(['-', '•', '·', '*'])
        || item
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(c));
    let asks = [
        "请",
        "請",
        "麻烦",
        "麻煩",
        "需贵",
        "需貴",
        "需要贵",
        "需要貴",
    ]
    .iter()
    .any(|w| item.contains(w));
    if !marked || asks || !item.contains(':') {
        return None;
    }
    Some(last_char(words))
}

/// Where the last character of `words` before its closing marks lies: the anchor of an
/// item or a question, which the mark ends.
fn last_char(words: &str) -> Range<usize> {
    let body = words.trim_end_matches(|c: char| {
        c.is_whitespace() || c.is_ascii_punctuation() || "。~～".contains(c)
    });
    let last = body.chars().next_back().map_or(0, char::len_utf8);
    body.len() - last..body.len()
}

/// Who a to-do heading names: "【我方待办】" us, "需贵方配合事项:" the client, asked. A
/// greeting ("王经理您好:") or a summary ("本月计划如下:") names no one.
fn heading_actor(words: &str) -> Actor {
    let to_do = [
        "待办", "待辦", "事项", "事項", "配合", "协助", "協助", "分工", "负责", "負責",
    ];
    if !to_do.iter().any(|w| words.contains(w)) {
        return Actor::Nobody;
    }
    ACTOR
        .captures_iter(words)
        .last()
        .map_or(Actor::Nobody, |caps| {
            if caps.name("us").is_some() {
                Actor::Us
            } else {
                Actor::Asked
            }
        })
}

/// A line that introduces what follows: it ends in a colon or is a bracketed title.
fn is_heading(words: &str) -> bool {
    let line = words.trim();
    line.ends_with(':') || (line.starts_with('【') && line.ends_with('】'))
}

/// Words after a verb that make it a gentle request: 签一下, 发我哈, 寄过来就行.
const SOFTENERS: [&str; 9] = ["一下", "吧", "哈", "哦", "喔", "呀", "就行", "就好", "即可"];

fn softened(rest: &str) -> bool {
    let rest = after_object(rest);
    // 确认下尺寸 (确认一下), not 确认下周的排期.
    let short_down = rest.starts_with('下')
        && !rest[3..].starts_with(['周', '週', '午', '个', '個', '星', '月', '次', '班', '午']);
    short_down || SOFTENERS.iter().any(|s| rest.starts_with(s))
}

fn read_sentence(text: &Text, sentence: Range<usize>, section: Actor, hits: &mut Vec<Hit>) {
    let words = &text.norm[sentence.clone()];
    let content = words
        .chars()
        .filter(|c| !c.is_ascii_punctuation() && !c.is_whitespace())
        .count();
    if is_question(words) {
        // "fix我今天提PR，明早部署到预发环境，你们那边明天下午帮忙回归一下？": the clauses
        // before the question's own are statements.
        let statements = words.trim_end_matches(['?', '？', ' ']).rfind([',', '，']);
        // ("想跟您确认一下，…吗？" only leads into the question: no one of ours acts in it.)
        let ours = |at: &usize| {
            ACTOR
                .captures_iter(&words[..*at])
                .any(|caps| caps.name("us").is_some())
        };
        if let Some(at) = statements.filter(|at| *at > 0).filter(ours) {
            read_sentence(text, sentence.start..sentence.start + at, section, hits);
        }
        // "在吗?" greets; a longer question asks the client something, and one that
        // requests (能否在周五前定下来?) is due when its time says.
        if content >= 4 {
            let last = last_char(words);
            let range = sentence.start + last.start..sentence.start + last.end;
            hits.push(if REQUEST_QUESTION.is_match(words) {
                anchor(Category::Ask, Lang::Zh, range)
            } else {
                question_anchor(Lang::Zh, range)
            });
        }
        return;
    }
    let found = hits.len();
    read_clauses(text, sentence.clone(), section, hits);
    // "需要您这边确认的事项：" over "- 抽奖环节的奖品预算。": each item under it asks.
    let item = words.trim_start().starts_with(['-', '•', '*', '·']);
    if section == Actor::Asked && item && hits.len() == found && content >= 4 {
        let last = last_char(words);
        let range = sentence.start + last.start..sentence.start + last.end;
        hits.push(anchor(Category::Ask, Lang::Zh, range));
    }
}

/// The promises and asks of a sentence that is no question, clause by clause.
fn read_clauses(text: &Text, sentence: Range<usize>, section: Actor, hits: &mut Vec<Hit>) {
    let words = &text.norm[sentence.clone()];
    let acknowledged = ACKNOWLEDGED.is_match(words);
    let introduces = is_heading(words);
    let mut actor = section;
    let mut conditional = false;
    let mut waits = false;
    let mut clause_start = 0;
    for (end, _) in words
        .char_indices()
        .filter(|(_, c)| matches!(c, ',' | ';' | '。' | '!' | '\n'))
        .chain(std::iter::once((words.len(), ' ')))
    {
        let clause = &words[clause_start..end];
        let offset = sentence.start + clause_start;
        clause_start = end + words[end..].chars().next().map_or(0, char::len_utf8);
        // 可唔可以 / 可不可以 ask, 可以做 / 可以的 agree; they make nothing conditional.
        conditional |= CONDITION.is_match(clause)
            && !["可唔可以", "可不可以", "可以做", "可以的"]
                .iter()
                .any(|w| clause.contains(w));
        waits |= AFTER_THEIR_STEP.is_match(clause);
        let Some((verb, clause_actor)) = choose_verb(clause, actor) else {
            actor = actor_of(clause, actor);
            // "麻烦您明天上午10点把电脑开着", "你禮拜一前幫手試落張單": a request with a
            // verb the list does not know asks, when a time is said for it.
            if let Some(at) = verbless_request(clause).filter(|_| !conditional) {
                let end = offset + at;
                let last = clause[..at].chars().next_back().map_or(0, char::len_utf8);
                // "麻煩您那邊再用 iPhone 測一次": asked by name, it asks without a time too.
                let by_name = REQUEST_WORDS.iter().chain(&["请", "請"]).any(|w| {
                    clause
                        .match_indices(w)
                        .any(|(at, _)| clause[at + w.len()..].starts_with(['您', '你']))
                });
                hits.push(if by_name {
                    anchor(Category::Ask, Lang::Zh, end - last..end)
                } else {
                    dated_anchor(Category::Ask, Lang::Zh, end - last..end)
                });
            } else if let Some(needed) = NEEDED_FROM_CLIENT.find(clause) {
                // "这个数字我们需要在周一前拿到": what we need from the client, by its date.
                let end = offset + needed.end();
                let last = needed
                    .as_str()
                    .chars()
                    .next_back()
                    .map_or(0, char::len_utf8);
                hits.push(dated_anchor(Category::Ask, Lang::Zh, end - last..end));
            }
            continue;
        };
        actor = clause_actor;
        let prefix = &clause[..verb.start];
        let rest = &clause[verb.end..];
        let verb_text = &clause[verb.clone()];
        let range = offset + verb.start..offset + verb.end;
        let asked_only = ASKED_ONLY.contains(&verb_text);
        let to_us = actor != Actor::Us && comes_back_to_us(verb_text, rest);
        let asked = actor == Actor::Asked || to_us || (actor == Actor::Nobody && asked_only);
        if NEGATED.is_match(prefix) {
            continue;
        }
        // "如有任何疑问,请随时联系我" and "建议贵店先通知我们" invite and advise; they ask
        // for nothing due. ("方便的话把开票信息发我" still asks.)
        if asked && (conditional || NOT_ASKED.is_match(clause)) {
            continue;
        }
        if asked {
            hits.push(if softened(rest) || actor == Actor::Asked || to_us {
                anchor(Category::Ask, Lang::Zh, range)
            } else {
                dated_anchor(Category::Ask, Lang::Zh, range)
            });
            continue;
        }
        if conditional || waits || NOT_PROMISED.is_match(clause) || proposes(clause) {
            continue;
        }
        // "跟您同步一下…的进度：" introduces what follows; "…需要…" states a need.
        let needed = (introduces && REPORTS.contains(&verb_text))
            || NEEDS.iter().any(|w| clause.contains(w));
        if needed && matches!(actor, Actor::Us | Actor::Nobody) {
            continue;
        }
        // "我跟投放同学核对完，周五前给您一版说明": a step finished before the promise
        // counts only with its own time; so does a plan that heads a list ("我们拟分两步
        // 实施：", its steps below say when).
        // ("今晚的数据我们整理一下，明天中午前把复盘表发您": the same for a step softened
        // with 一下 when a later clause acts.)
        let later = || {
            let ahead = &words[end..words.floor_char_boundary((end + LOOK_AHEAD).min(words.len()))];
            VERB.is_match(ahead)
        };
        let step =
            matches!(rest.trim(), "完" | "好") || (rest.trim() == "一下" && later()) || introduces;
        match actor {
            Actor::Us if step => hits.push(dated_anchor(Category::Promise, Lang::Zh, range)),
            Actor::Us => hits.push(anchor(Category::Promise, Lang::Zh, range)),
            Actor::Client => hits.push(if softened(rest) {
                anchor(Category::Ask, Lang::Zh, range)
            } else {
                dated_anchor(Category::Ask, Lang::Zh, range)
            }),
            Actor::Asked => {}
            Actor::Nobody => {
                let addressed = ["您", "你", "俾你", "贵", "貴"]
                    .iter()
                    .any(|p| rest.starts_with(p) || verb_text.ends_with(p));
                hits.push(
                    if !step && (acknowledged || addressed || FUTURE.is_match(prefix)) {
                        anchor(Category::Promise, Lang::Zh, range)
                    } else {
                        dated_anchor(Category::Promise, Lang::Zh, range)
                    },
                );
            }
        }
    }
}

/// How far after a softened step (整理一下，…) a later action is looked for, in bytes.
const LOOK_AHEAD: usize = 120;

/// What we need to receive from the client: 我们需要在周一前拿到.
static NEEDED_FROM_CLIENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"需要在?[^，,。]{0,12}?(?:拿到|收到|得到)").expect("Chinese need pattern")
});

/// Verbs that report in this very mail when a line ends in a colon: 跟您同步一下…的进度：
const REPORTS: [&str; 10] = [
    "同步", "汇报", "匯報", "报告", "報告", "更新", "说明", "說明", "告知", "通知",
];

/// Whether a clause proposes rather than promises: 建议安排在周三, 我们建议先…, not the
/// noun in 修复建议 or 备货建议.
fn proposes(clause: &str) -> bool {
    clause.match_indices(['建']).any(|(at, _)| {
        let rest = &clause[at..];
        if !(rest.starts_with("建议") || rest.starts_with("建議")) {
            return false;
        }
        let before = clause[..at].chars().next_back();
        let after = rest[6..].chars().next();
        let noun = before.is_some_and(|c| {
            ('\u{4E00}'..='\u{9FFF}').contains(&c) && !"们們我司方并並也还還再都".contains(c)
        }) && !after.is_some_and(|c| "您你贵貴安在先尽儘采採使改".contains(c));
        !noun
    })
}

/// A need or what a step waits for, from us no promise: 日文版需要另外安排譯者,
/// 我們才能進行切版.
const NEEDS: [&str; 5] = ["需要", "才能", "才可以", "约需", "約需"];

/// Words that ask the client in so many words, whatever the verb after them.
const REQUEST_WORDS: [&str; 10] = [
    "麻烦", "麻煩", "烦请", "煩請", "劳烦", "勞煩", "帮忙", "幫忙", "幫手", "拜托",
];

/// What a request asks only out of politeness: 请查收, 敬请谅解, 请放心.
const POLITE_ONLY: [&str; 12] = [
    "查收", "谅解", "諒解", "见谅", "見諒", "知悉", "放心", "指教", "关照", "關照", "稍等", "稍候",
];

/// Where a verbless clause's request ends (its last character's end), when it asks: a
/// request word, or 请 not part of 申请 / 邀请, with something asked after it.
fn verbless_request(clause: &str) -> Option<usize> {
    let marker = REQUEST_WORDS
        .iter()
        .filter_map(|w| clause.find(w).map(|at| at + w.len()))
        .chain(clause.match_indices(['请', '請']).filter_map(|(at, w)| {
            let before = clause[..at].chars().next_back();
            before
                .is_none_or(|c| !NOT_ASKING_BEFORE.contains(&c))
                .then_some(at + w.len())
        }))
        .min()?;
    let asked = clause[marker..].trim_end();
    let content = asked.chars().filter(|c| c.is_alphanumeric()).count();
    let polite = POLITE_ONLY.iter().any(|w| asked.contains(w));
    (content >= 3 && !polite && !NOT_ASKED.is_match(clause)).then_some(marker + asked.len())
}

/// The clause's main verb and who acts on it: the last verb, unless it is one only the
/// client is asked to do and the client is not the actor ("明天再约您过一下" and
/// "明天先给您看一下" promise the 约 and the 给).
fn choose_verb(clause: &str, carried: Actor) -> Option<(Range<usize>, Actor)> {
    let mut verbs = main_verbs(clause).into_iter().rev();
    let last = verbs.next()?;
    let actor = actor_of(&clause[..last.start], carried);
    let ours = matches!(actor, Actor::Us | Actor::Nobody);
    if ours && ASKED_ONLY.contains(&&clause[last.clone()]) {
        if let Some(earlier) = verbs.next() {
            return Some((earlier.clone(), actor_of(&clause[..earlier.start], carried)));
        }
        if actor == Actor::Us {
            return None;
        }
    }
    Some((last, actor))
}

#[cfg(test)]
mod tests {
    use super::super::{OutboundCard, read_on_a_tuesday};

    /// Reads `text` as sent on Tuesday 2026-11-24 at 10:15 in Shanghai.
    fn read(text: &str) -> OutboundCard {
        read_on_a_tuesday(text, "Asia/Shanghai")
    }

    fn promised(card: &OutboundCard) -> Vec<Option<&str>> {
        card.commitments.iter().map(|c| c.date.as_deref()).collect()
    }

    fn asked(card: &OutboundCard) -> Vec<Option<&str>> {
        card.asks.iter().map(|a| a.date.as_deref()).collect()
    }

    #[test]
    fn promises_without_a_named_actor_count_with_their_date() {
        let card = read("好的，明天12点前给你终版");
        assert_eq!(promised(&card), vec![Some("2026-11-25")]);
        let card = read(
            "何总您好，\n数据看板第一版已经做好了，今天下午我们先远程给您演示一下；正式版下周五交付。",
        );
        assert_eq!(
            promised(&card),
            vec![Some("2026-11-24"), Some("2026-12-04")]
        );
        // No date and no one named: a statement, not a promise.
        assert!(read("正式版交付。").commitments.is_empty());
        let card = read("收到，我问下设计那边，稍后回你");
        assert_eq!(promised(&card), vec![None]);
    }

    #[test]
    fn done_things_relative_clauses_offers_and_questions_promise_nothing() {
        for text in [
            "张总好，盖章版合同已收到，非常感谢！",
            "昨天发您的课程页面设计稿，您看过了吗？",
            "若覺得偏暗，我們可以再調整一版送印。",
            "如无问题我们将以此版本为准执行。",
            "给您带来的不便，敬请谅解。",
            "好的，了解，谢谢告知。",
            "现将本周进展汇报如下：",
        ] {
            assert!(
                read(text).commitments.is_empty(),
                "{text}: {:?}",
                read(text).commitments
            );
        }
    }

    #[test]
    fn the_client_asked_or_sending_to_us_asks() {
        let card =
            read("刘姐好，logo的矢量源文件麻烦今天发我一下，我明天上午把包装展开图出给您看。");
        assert_eq!(asked(&card), vec![Some("2026-11-24")]);
        assert_eq!(promised(&card), vec![Some("2026-11-25")]);
        let card = read("您先把报错截图发我，我这边排查一下。");
        assert_eq!(asked(&card), vec![None]);
        assert_eq!(promised(&card), vec![None]);
        let card = read("刘总，上次说的预算定了吗？");
        assert_eq!(asked(&card), vec![None]);
        // The client's own thing is no ask: 贵司服务器 owns, it does not act.
        let card = read("贵司服务器续费事宜已处理完毕，发票将于11月30日前开具并邮寄至贵司财务部。");
        assert!(card.asks.is_empty(), "{:?}", card.asks);
        assert_eq!(promised(&card), vec![Some("2026-11-30")]);
    }

    #[test]
    fn a_heading_names_who_acts_under_it() {
        let card = read(
            "【我方待办】\n1. 支付模块联调：周五前完成\n\n【贵方待办】\n1. 提供生产环境的VPN账号：明天下班前",
        );
        assert_eq!(promised(&card), vec![Some("2026-11-27")]);
        assert_eq!(asked(&card), vec![Some("2026-11-25")]);
    }

    #[test]
    fn bare_hand_over_and_take_down_verbs_promise() {
        let card = read("那份日文合同大概8页，我们3个工作日内交中文稿。");
        assert_eq!(promised(&card), vec![Some("2026-11-27")]);
        let card = read("網站的聖誕節橫幅將於11月27日晚上8時上線，並於11月30日自動下架。");
        assert_eq!(
            promised(&card),
            vec![Some("2026-11-27"), Some("2026-11-30")]
        );
    }

    #[test]
    fn a_step_done_or_a_first_step_is_no_promise_of_its_own() {
        let card = read("王经理，年会彩排的时间跟酒店确认好了：11月27日下午2点，宴会厅B。");
        assert!(card.commitments.is_empty(), "{:?}", card.commitments);
        let card = read("郑老师，投影仪下午换了根新的HDMI线，测试正常。");
        assert!(card.commitments.is_empty(), "{:?}", card.commitments);
        let card = read("收到，等我check吓server log先，聽日下晝三點前覆你。");
        assert_eq!(promised(&card), vec![Some("2026-11-25")]);
    }

    #[test]
    fn a_request_asks_whatever_its_verb_and_a_bare_clock_keeps_the_day_said_before_it() {
        let card = read(
            "李老师您好，VPN连不上的问题我们需要远程看一下。麻烦您明天上午10点把电脑开着并保持联网，10点整我们远程登录排查。",
        );
        assert_eq!(asked(&card), vec![Some("2026-11-25")]);
        assert_eq!(promised(&card), vec![Some("2026-11-25")]);
        let card = read("Mandy，checkout 頁面啲錯字我哋聽日執好佢，你禮拜五前幫手試落張單睇吓。");
        assert_eq!(asked(&card), vec![Some("2026-11-27")]);
        // Politeness asks for nothing.
        let card = read("报价单已发您邮箱，请查收。");
        assert!(card.asks.is_empty(), "{:?}", card.asks);
    }

    #[test]
    fn what_was_done_or_what_someone_else_said_promises_nothing() {
        let card = read("字体授权的事我问过方正了，商用的话这款得单独买，报价我截图发群里了。");
        assert!(card.commitments.is_empty(), "{:?}", card.commitments);
        let card =
            read("场地那边说周三之前必须交定金，您这边财务走流程的话，最好今天就把申请提了。");
        assert!(card.commitments.is_empty(), "{:?}", card.commitments);
        // 交不了 says it cannot be; the next clause says when it can.
        let card = read("字幕文件周四交不了，最快周五中午。");
        assert_eq!(promised(&card), vec![Some("2026-11-27")]);
    }
}
