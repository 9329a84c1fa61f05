//! Decoder speed: latency of a typical 1 KB email per language, single-core throughput
//! over a mixed corpus, and how time grows with a text dense with time phrases. `cargo bench -p rapport-language`; figures go to
//! BENCHMARKS.md. Plain `std::time` with warm-up and medians: the decoder is
//! deterministic, so repeated runs agree closely.

use rapport_domain::BusinessCalendar;
use rapport_language::{DecodeInput, OutboundInput, decode, read_outbound};
use std::hint::black_box;
use std::time::{Duration, Instant};

const JA: &str = "株式会社ブライトリンク\n佐藤様\n\nいつもお世話になっております。ひだまり食品の小林です。\n\
先日はお打ち合わせのお時間をいただき、ありがとうございました。\n\
部長の山田から、来週の金曜日までに役員会で使う資料をご用意いただきたいと言われまして、なる早でご対応いただけますでしょうか。\n\
資料は10月の施策の振り返りと、12月のキャンペーン案の2本立てを想定しております。\n\
必要なデータは追ってお送りいたします。\n\nお忙しいところ恐縮ですが、何卒よろしくお願いいたします。\n\n\
――――――――――\n株式会社ひだまり食品\n広報部 主任 小林 由美\nTEL: 03-0000-1234\n";
const ZH: &str = "陈经理您好！\n\n辛苦了。我们总监要求下周五前给出双十二的小红书投放方案，周一要给领导汇报，麻烦尽快。\n\
预算大概在20万左右，重点是新品精华液，KPI以互动量和笔记收藏为主。\n\
另外上次的10月复盘报告数据和后台对不上，麻烦再核对一下，最好明天下午3点前给我。\n\n\
谢谢！\n林悦\n悦澜(上海)化妆品有限公司 市场部\n手机：138-0000-0000\n\n\
发件人: 陈静\n发送时间: 2026年11月16日 10:02\n主题: 10月复盘\n";
const EN: &str = "Hi James,\n\nHope you had a good weekend. My boss needs the traffic and uptime numbers for the board meeting on Thursday, \
so could you send them over by EOD Wednesday? A one-page summary would be ideal - she'll forward it as is.\n\n\
Also, the checkout page threw a few 500 errors again this morning; can someone take a look ASAP?\n\n\
Thanks so much,\nMegan Brooks\nDigital Manager, Cedar Lane Outfitters\nMobile: +1 212 555 0100\n\n\
On Mon, Nov 16, 2026 at 10:02 AM James Carter <james@demo.rapport.example> wrote:\n> We'll have the report ready by December 3rd.\n";

const REPLY_JA: &str = "小林様\n\nいつもお世話になっております。ブライトリンクの佐藤です。\n\
役員会用の資料の件、承知いたしました。明日の15時までに構成案をお送りいたします。\n\
恐れ入りますが、10月の施策データを11月27日までにご共有いただけますでしょうか。\n\
データを早めにいただけますと、グラフの確認にお時間を取れるため、より確実にご用意できます。\n\
ご不明な点がございましたら、お気軽にお知らせください。\n\n何卒よろしくお願いいたします。\n\n\
――――――――――\n株式会社ブライトリンク\n佐藤 美咲\n\n> 部長から、来週の金曜日までに役員会で使う資料をご用意いただきたいと言われまして\n";
const REPLY_ZH: &str = "林经理您好！\n\n收到，双十二的小红书投放方案我们明天下午3点前发给您。\n\
麻烦您在周四前提供一下新品精华液的产品图和卖点资料，这样我们可以提前做好内容排期。\n\
10月复盘报告的数据我这边核对后，稍后回复您。\n\n谢谢！\n陈静\n\n> 我们总监要求下周五前给出方案，麻烦尽快。\n";
const REPLY_EN: &str = "Hi Megan,\n\nThanks for the heads-up. I'll send the traffic and uptime summary by 3pm Wednesday, \
one page, ready to forward.\n\nOn the checkout errors: we found the cause this morning and the fix goes live tonight. \
I'll confirm once it's done. Could you let us know by Thursday whether the board wants the numbers monthly or weekly?\n\n\
Best,\nJames\n\nOn Mon, Nov 16, 2026 at 10:02 AM Megan Brooks wrote:\n> My boss needs the traffic and uptime numbers for the board meeting on Thursday.\n";

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

/// The median time of `run` over 2,000 runs after 200 warm-up runs.
fn latency(run: impl Fn()) -> Duration {
    for _ in 0..200 {
        run();
    }
    median(
        (0..2000)
            .map(|_| {
                let start = Instant::now();
                run();
                start.elapsed()
            })
            .collect(),
    )
}

/// A text of about `bytes` dense with what costs the decoder most: time phrases, urgency,
/// numeric dates, quoted lines and full-width digits, few sentence ends.
fn dense_text(bytes: usize) -> String {
    const PARTS: [&str; 10] = [
        "来週の金曜日まで",
        "至急",
        "12/3",
        "> 来週の金曜日までにお願いします\n",
        "１２月３日",
        "お願いします",
        "明天下午3点前",
        "by Friday 3pm",
        "尽快",
        "２０２６年１月５日",
    ];
    let mut text = String::with_capacity(bytes + 64);
    let mut state: u32 = 7;
    while text.len() < bytes {
        // A fixed linear congruential sequence: the same text on every run.
        state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        text.push_str(PARTS[(state >> 16) as usize % PARTS.len()]);
        text.push(' ');
    }
    text
}

/// A reply of about `bytes` dense with promises, asks, event days and quoted lines, in
/// the two languages whose readers go clause by clause.
fn dense_reply(bytes: usize) -> String {
    const PARTS: [&str; 10] = [
        "明日までに修正版をお送りいたします。",
        "我明天下午3点前把方案发您，",
        "麻烦您周三前回复一下。",
        "作業当日中にご報告いたします。",
        "> 来週の金曜日までにお願いします\n",
        "12月3日（木）の定例会でご説明いたします。",
        "正式版下周五交付；",
        "ご確認のほどよろしくお願いいたします。",
        "如果需要，我们可以再出一版，",
        "撮影翌日の17時までに共有いたします。\n",
    ];
    let mut text = String::with_capacity(bytes + 64);
    let mut state: u32 = 11;
    while text.len() < bytes {
        state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        text.push_str(PARTS[(state >> 16) as usize % PARTS.len()]);
    }
    text
}

fn main() {
    let calendars = [
        BusinessCalendar::japan(),
        BusinessCalendar::china(),
        BusinessCalendar::weekends_only(),
    ];
    let sent = |zone: &str| {
        "2026-11-24T01:15:00Z"
            .parse::<jiff::Timestamp>()
            .unwrap()
            .to_zoned_datetime(jiff::tz::TimeZone::get(zone).unwrap())
    };
    let cases = [
        (JA, "Asia/Tokyo", &calendars[0]),
        (ZH, "Asia/Shanghai", &calendars[1]),
        (EN, "America/New_York", &calendars[2]),
    ];
    println!("decoder latency (median of 2,000 runs after 200 warm-up runs)");
    let mut corpus_bytes = 0usize;
    for (text, zone, calendar) in cases {
        let at = sent(zone);
        let input = DecodeInput {
            text,
            sent_at: &at,
            calendar,
            scope: None,
        };
        let took = latency(|| {
            black_box(decode(black_box(&input)).unwrap());
        });
        println!(
            "  {zone:<18} {:>5} bytes  {:>8.1} µs",
            text.len(),
            took.as_secs_f64() * 1e6
        );
        corpus_bytes += text.len();
    }
    // Throughput: the three mails in turn, on one core.
    let inputs: Vec<_> = cases
        .iter()
        .map(|(text, zone, calendar)| (*text, sent(zone), *calendar))
        .collect();
    let rounds = 3000;
    let start = Instant::now();
    for _ in 0..rounds {
        for (text, at, calendar) in &inputs {
            black_box(
                decode(&DecodeInput {
                    text,
                    sent_at: at,
                    calendar,
                    scope: None,
                })
                .unwrap(),
            );
        }
    }
    let elapsed = start.elapsed();
    let megabytes = (corpus_bytes * rounds) as f64 / 1e6;
    println!(
        "throughput on one core: {:.1} MB/s ({megabytes:.1} MB in {:.2} s)",
        megabytes / elapsed.as_secs_f64(),
        elapsed.as_secs_f64()
    );
    println!("outbound reader latency (median of 2,000 runs after 200 warm-up runs)");
    for (text, zone, calendar) in [
        (REPLY_JA, "Asia/Tokyo", &calendars[0]),
        (REPLY_ZH, "Asia/Shanghai", &calendars[1]),
        (REPLY_EN, "America/New_York", &calendars[2]),
    ] {
        let at = sent(zone);
        let input = OutboundInput {
            text,
            sent_at: &at,
            calendar,
            technical: false,
            reply_to: None,
        };
        let took = latency(|| {
            black_box(read_outbound(black_box(&input)).unwrap());
        });
        println!(
            "  {zone:<18} {:>5} bytes  {:>8.1} µs",
            text.len(),
            took.as_secs_f64() * 1e6
        );
    }
    // Growth with length: time per KB should stay flat as the text doubles.
    println!("dense text (median of 5 runs after 1 warm-up)");
    let at = sent("Asia/Tokyo");
    for kb in [125, 250, 500, 1000] {
        let text = dense_text(kb * 1000);
        let input = DecodeInput {
            text: &text,
            sent_at: &at,
            calendar: &calendars[0],
            scope: None,
        };
        black_box(decode(&input).unwrap());
        let samples: Vec<Duration> = (0..5)
            .map(|_| {
                let start = Instant::now();
                black_box(decode(black_box(&input)).unwrap());
                start.elapsed()
            })
            .collect();
        let took = median(samples).as_secs_f64();
        println!(
            "  {kb:>5} KB  {:>7.1} ms  {:>6.1} µs per KB",
            took * 1e3,
            took * 1e6 / kb as f64
        );
    }
    // The outbound reader on replies dense with promises, asks, event days and quotes.
    println!("outbound reader, dense reply (median of 5 runs after 1 warm-up)");
    for (zone, calendar) in [
        ("Asia/Tokyo", &calendars[0]),
        ("Asia/Shanghai", &calendars[1]),
    ] {
        let at = sent(zone);
        for kb in [125, 250, 500, 1000] {
            let text = dense_reply(kb * 1000);
            let input = OutboundInput {
                text: &text,
                sent_at: &at,
                calendar,
                technical: false,
                reply_to: None,
            };
            black_box(read_outbound(&input).unwrap());
            let samples: Vec<Duration> = (0..5)
                .map(|_| {
                    let start = Instant::now();
                    black_box(read_outbound(black_box(&input)).unwrap());
                    start.elapsed()
                })
                .collect();
            let took = median(samples).as_secs_f64();
            println!(
                "  {zone:<14} {kb:>5} KB  {:>7.1} ms  {:>6.1} µs per KB",
                took * 1e3,
                took * 1e6 / kb as f64
            );
        }
    }
}
