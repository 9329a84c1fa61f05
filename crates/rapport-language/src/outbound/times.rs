//! The times a reply of ours says for its promises and asks: the resolver's future times,
//! less those that name no due moment, plus the days said relative to an event.

use super::{OutboundInput, chinese};
use crate::deadline::future_times;
use crate::detect::Lang;
use crate::text::{Text, tail};
use crate::time::{DateOrder, Resolved};
use jiff::ToSpan;
use jiff::civil::Time;

/// Days named relative to the date said before them: "作業当日中", "撮影翌日の17時",
/// "前日までに", "当天上午8点", "それまでに".
const EVENT_DAYS: [(&str, i8); 26] = [
    ("before then", 0),
    ("到时候", 0),
    ("到時候", 0),
    ("到时", 0),
    ("到時", 0),
    ("当晚", 0),
    ("當晚", 0),
    ("当日", 0),
    ("當日", 0),
    ("その日", 0),
    ("それまで", 0),
    ("the same day", 0),
    ("at that time", 0),
    ("by then", 0),
    ("届时", 0),
    ("屆時", 0),
    ("当天", 0),
    ("當天", 0),
    ("同日", 0),
    ("翌日", 1),
    ("次日", 1),
    ("第二天", 1),
    ("隔天", 1),
    ("翌天", 1),
    ("前日", -1),
    ("前一天", -1),
];

/// Whether the words name the day said before them ("到时候", "届时", "the same day").
pub(super) fn refers_back(words: &str) -> bool {
    EVENT_DAYS
        .iter()
        .any(|(w, shift)| *shift == 0 && *w == words)
}

pub(super) fn due_times(text: &Text, input: &OutboundInput, language: Lang) -> Vec<Resolved> {
    let order = DateOrder::for_client(input.sent_at.time_zone(), language);
    let sent = input.sent_at;
    let mut times: Vec<Resolved> = future_times(text, sent, input.calendar, order)
        .into_iter()
        // A bare month or year ("11月度のレポート", "the 2026 budget") names a period, not
        // a due date; a bare clock time ("16時までに") or half day ("this afternoon",
        // 下午) still is one.
        .filter(|t| {
            t.weakness < 2
                || (t.weakness == 2 && (t.time.is_some() || half_day(&text.norm[t.range.clone()])))
        })
        // Earlier today is past: "原帖发布于今天14:20", written at 18:40.
        .filter(|t| t.date != sent.date() || t.time.is_none_or(|time| time >= sent.time()))
        .filter(|t| !names_no_due(&text.norm, t, language))
        .collect();
    if language == Lang::En {
        // "the 6/4 payroll", "the year-end giving segmentation": the date names the thing.
        times.retain(|t| {
            !names_a_numbered_thing(&text.norm, t) && !names_a_period_thing(&text.norm, t)
        });
    }
    add_event_days(&text.norm, &mut times);
    end_windows(&text.norm, &mut times);
    carry_dates(&mut times);
    if language == Lang::En {
        // "the kickoff invite for next week by Monday": a time after "for" names the
        // thing; the deadline phrase says when it is due.
        for time in &mut times {
            let before = tail(&text.norm, time.range.start, 8).to_ascii_lowercase();
            // ("Can you have the talent there for 8:30?": a clock after "for" is when.)
            let clock = time.weakness == 2 && time.time.is_some();
            if !clock
                && (before.ends_with("for ")
                    || before.ends_with("for the ")
                    || in_a_for_phrase(&text.norm, time))
            {
                time.weakness = time.weakness.saturating_add(1);
            }
        }
        times.retain(|t| t.weakness < 3);
    }
    times
}

/// "send over an invite for a 30-minute debrief on Thursday at 2pm": a time inside a "for
/// a …" phrase names the thing sent, unless a deadline word leads it ("for the deck by
/// Friday").
fn in_a_for_phrase(text: &str, time: &Resolved) -> bool {
    let before = tail(text, time.range.start, 40).to_ascii_lowercase();
    let deadline = ["by ", "before ", "until ", "no later than "]
        .iter()
        .any(|w| before.ends_with(w));
    let phrase = [" for a ", " for an ", " for the "]
        .iter()
        .filter_map(|w| before.rfind(w))
        .max()
        .map(|at| &before[at..]);
    !deadline && phrase.is_some_and(|p| !p.contains(['.', ',', ';', '!', '?']))
}

/// "the year-end giving segmentation": a period before a noun names the thing.
fn names_a_period_thing(text: &str, time: &Resolved) -> bool {
    let said = text[time.range.clone()].to_ascii_lowercase();
    let after = &text[time.range.end..];
    said.ends_with("-end")
        && after.starts_with(' ')
        && after[1..].starts_with(|c: char| c.is_ascii_lowercase())
}

/// "the 6/4 payroll", "on the 3rd floor": a numbered date before a noun names the thing.
fn names_a_numbered_thing(text: &str, time: &Resolved) -> bool {
    let said = text[time.range.clone()].to_ascii_lowercase();
    let before = tail(text, time.range.start, 4).to_ascii_lowercase();
    let numbered = said.bytes().any(|b| b.is_ascii_digit())
        && (said.starts_with("on the ") || said.starts_with("the ") || before.ends_with("the "));
    let next = text[time.range.end..]
        .strip_prefix(' ')
        .and_then(|rest| rest.split(|c: char| !c.is_ascii_alphabetic()).next())
        .unwrap_or("");
    numbered && next.starts_with(|c: char| c.is_ascii_lowercase()) && !TIME_WORDS.contains(&next)
}

/// Words after a date that go on about the time, not name a thing.
const TIME_WORDS: [&str; 21] = [
    "morning",
    "afternoon",
    "evening",
    "night",
    "at",
    "by",
    "before",
    "until",
    "and",
    "or",
    "to",
    "from",
    "of",
    "in",
    "for",
    "then",
    "if",
    "so",
    "as",
    "latest",
    "is",
];

/// Of the two readings of a clock time whose half of the day is open, the first after
/// `from` on the same day, else (or on the next day) the earlier one.
fn soonest_after(from: Time, to: Time, next_day: bool) -> Time {
    let morning = to.saturating_sub((i64::from(to.hour()) / 12 * 12).hours());
    let evening = morning.saturating_add(12.hours());
    if !next_day && morning <= from && evening > from {
        evening
    } else {
        morning
    }
}

/// "ET", "AEDT", "JST": two to five capitals.
fn is_zone_abbreviation(word: &str) -> bool {
    (2..=5).contains(&word.len()) && word.bytes().all(|b| b.is_ascii_uppercase())
}

/// What joins the two ends of a window: "22:00～翌2:00", "between 10pm and 1am",
/// "from Saturday 11 PM until Sunday 3 AM", "9点至12点".
const WINDOW_JOINS: [&str; 11] = [
    "～", "〜", "~", "-", "–", "—", "至", "到", "to", "until", "and",
];

/// A window's work is done at its end: the start of "12月15日 23:00～翌2:00" gives way to
/// its end, and an end said as a bare clock time takes the start's day, or the next day
/// when it is earlier than the start or said with 翌 ("22:00～翌2:00", "10pm to 1am").
fn end_windows(text: &str, times: &mut Vec<Resolved>) {
    let mut starts = Vec::new();
    for at in 1..times.len() {
        let (start, end) = (&times[at - 1], &times[at]);
        let Some(between) = text.get(start.range.end..end.range.start) else {
            continue;
        };
        let between = between.trim();
        let next_day = between.ends_with('翌');
        // A zone said after the start ("11:00 PM ET until") is no part of the join.
        let join = between
            .trim_end_matches('翌')
            .split_whitespace()
            .filter(|w| !is_zone_abbreviation(w))
            .collect::<Vec<_>>();
        if !matches!(join[..], [j] if WINDOW_JOINS.iter().any(|w| j.eq_ignore_ascii_case(w))) {
            continue;
        }
        let (Some(from), Some(mut to)) = (start.time, end.time) else {
            continue;
        };
        let mut date = end.date;
        if end.weakness == 2 || next_day {
            // "22:00～翌2:00", "晚上10点到11点半": an end written without its half of the
            // day is the reading that comes soonest after the start.
            if end.half_day_open {
                to = soonest_after(from, to, next_day);
            }
            let day = if next_day || to < from {
                start.date.tomorrow().ok()
            } else {
                Some(start.date)
            };
            date = day.unwrap_or(date);
        }
        times[at].time = Some(to);
        times[at].date = date;
        starts.push(at - 1);
    }
    let mut at = 0;
    times.retain(|_| {
        at += 1;
        starts.binary_search(&(at - 1)).is_err()
    });
}

/// How close a bare clock time must follow a dated phrase to share its day, in bytes.
const CARRIED: usize = 60;

/// A bare clock time right after a later day takes that day: "麻烦您明天上午10点把电脑开着，
/// 10点整我们远程登录" (the 10点整 is tomorrow's, not today's), and so does the next one
/// after it ("明日の…9時半までに…。こちらは8時に入って").
fn carry_dates(times: &mut [Resolved]) {
    let mut dated = false;
    for at in 1..times.len() {
        let (before, time) = (&times[at - 1], &times[at]);
        dated = before.weakness < 2 || dated;
        let apart = time.range.start.saturating_sub(before.range.end);
        // "当天下午1点半", "当日13時": a clock right after a day is that day's.
        let clock = time.time.is_some() && (time.weakness == 2 || apart <= 3);
        if clock && dated && apart <= CARRIED && before.date >= time.date {
            times[at].date = times[at - 1].date;
        } else {
            dated = false;
        }
    }
}

/// A half of the day said alone: "this afternoon", 下午, 午前中.
fn half_day(said: &str) -> bool {
    let lower = said.to_ascii_lowercase();
    [
        "morning",
        "afternoon",
        "下午",
        "上午",
        "中午",
        "午前",
        "午後",
        "夕方",
    ]
    .iter()
    .any(|w| lower.contains(w))
}

/// A Japanese "2点" counts things, it is no clock time; "明日10時からのMTG" names when a
/// meeting starts, not when what is promised about it is due; a Chinese time before "…的"
/// names a thing.
fn names_no_due(text: &str, time: &Resolved, language: Lang) -> bool {
    let said = &text[time.range.clone()];
    let counted = said.ends_with('点')
        && said
            .trim_end_matches('点')
            .chars()
            .all(|c| c.is_ascii_digit());
    // "想跟您确认两点：" counts points.
    let points = ["两点", "几点", "三点", "兩點", "幾點", "三點"].contains(&said)
        && text[time.range.end..].starts_with([':', '：']);
    let modifies = language == Lang::Zh && (names_a_thing(&text[time.range.end..]) || points);
    // "6月5日（土）開催の新製品発表会": the day the thing is held, not what is due.
    let held = ["からの", "開催の", "実施の", "発売の"]
        .iter()
        .any(|w| text[time.range.end..].starts_with(w));
    (language == Lang::Ja && (counted || held)) || modifies
}

/// Whether a Chinese time is part of a noun after it: "这周直播的排品表", "清明预热的投放计划"
/// name the thing, not when it is due.
fn names_a_thing(after: &str) -> bool {
    // Cantonese: "下個禮拜三嗰個 event", "今日嘅 feedback".
    if after.starts_with('嗰') || after.starts_with('嘅') {
        return true;
    }
    let mut chars = after.chars();
    let lead = chars
        .by_ref()
        .take(5)
        .take_while(|c| *c != '的' && *c != '嘅')
        .collect::<Vec<_>>();
    let han = |c: &char| ('\u{4E00}'..='\u{9FFF}').contains(c) && !FUNCTION_WORDS.contains(c);
    let said = lead.iter().map(|c| c.len_utf8()).sum::<usize>();
    (1..=4).contains(&lead.len())
        && lead.iter().all(han)
        && after[said..].starts_with(['的', '嘅'])
        && !chinese::acts(&after[..said])
}

/// Characters that make the words before a "的" a clause of the sentence, not a noun's
/// name: 明天把产品的尺寸, 将于12月14日发送至您的邮箱.
const FUNCTION_WORDS: [char; 16] = [
    '把', '将', '將', '给', '給', '跟', '和', '向', '对', '對', '至', '到', '您', '你', '我', '让',
];

/// The date an event day counts from: the last date said before it with the event's
/// name in its line ("撮影は12月16日" for "撮影翌日"), else the last date said before it.
fn event_date<'t>(
    text: &str,
    newlines: &[usize],
    times: &'t [Resolved],
    day: &std::ops::Range<usize>,
) -> Option<&'t Resolved> {
    // The dates before it, nearest first, a bounded look back: text order is kept.
    let before = times.partition_point(|t| t.range.end <= day.start);
    let mut earlier = times[..before]
        .iter()
        .rev()
        .filter(|t| {
            !EVENT_DAYS
                .iter()
                .any(|(w, _)| text[t.range.clone()].contains(w))
        })
        .take(LOOK_BACK);
    let name: String = text[..day.start]
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric() && !c.is_ascii_digit())
        .take(2)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let line_of = |t: &Resolved| {
        let at = newlines.partition_point(|&n| n < t.range.start);
        let start = at.checked_sub(1).map_or(0, |p| newlines[p] + 1);
        let end = newlines.get(at).map_or(text.len(), |&n| n.max(t.range.end));
        &text[start..end]
    };
    let nearest = earlier.clone().next();
    let named = (name.chars().count() == 2)
        .then(|| earlier.find(|t| line_of(t).contains(&name)))
        .flatten();
    named.or(nearest)
}

/// How many earlier dates an event day looks back over for its event.
const LOOK_BACK: usize = 32;

/// Adds the days said relative to an earlier date ("12月8日...作業当日中に") in place of
/// whatever the resolver read there.
fn add_event_days(text: &str, times: &mut Vec<Resolved>) {
    let newlines: Vec<usize> = text.match_indices('\n').map(|(at, _)| at).collect();
    let mut found = Vec::new();
    for (word, shift) in EVENT_DAYS {
        for (at, _) in text.match_indices(word) {
            let range = at..at + word.len();
            let Some(base) = event_date(text, &newlines, times, &range) else {
                continue;
            };
            let Ok(date) = base.date.checked_add(i64::from(shift).days()) else {
                continue;
            };
            found.push(Resolved {
                range,
                date,
                time: None,
                weakness: 0,
                half_day_open: false,
            });
        }
    }
    // Whatever the resolver read inside an event day gives way to it; of two event days
    // at one place (到时候 and its 到时) the longer stands.
    found.sort_by_key(|d| (d.range.start, std::cmp::Reverse(d.range.end)));
    let mut reach = 0;
    found.retain(|d| {
        let inside = d.range.end <= reach;
        reach = reach.max(d.range.end);
        !inside
    });
    times.retain(|t| {
        let at = found.partition_point(|d| d.range.end <= t.range.start);
        found.get(at).is_none_or(|d| t.range.end <= d.range.start)
    });
    times.extend(found);
    times.sort_by_key(|t| t.range.start);
}
