//! Language detection for en / ja / zh, built for short business text.
//!
//! General-purpose detectors call kanji-only Japanese Chinese ("会議室予約", "本日中").
//! Here kana decide first; without kana, Japanese-only character forms (対, 様, 々) and
//! words (御社, 予約, 来週) weigh against Chinese-only forms and function words
//! (们, 这, 您, 吗); Latin words count for English.

use std::sync::LazyLock;

/// One of the three languages the decoder reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    En,
    Ja,
    Zh,
}

impl Lang {
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ja => "ja",
            Lang::Zh => "zh",
        }
    }
}

/// A set of characters from the CJK blocks, as a bitmap: lookups on every character of
/// every message must not hash.
#[derive(Default)]
struct CharSet {
    bits: Vec<u64>,
}

impl CharSet {
    const BASE: u32 = 0x3000;

    fn extend(&mut self, chars: impl Iterator<Item = char>) {
        for c in chars {
            let Some(i) = (c as u32).checked_sub(Self::BASE) else {
                continue;
            };
            let (word, bit) = ((i / 64) as usize, i % 64);
            if self.bits.len() <= word {
                self.bits.resize(word + 1, 0);
            }
            self.bits[word] |= 1 << bit;
        }
    }

    fn contains(&self, c: &char) -> bool {
        let Some(i) = (*c as u32).checked_sub(Self::BASE) else {
            return false;
        };
        self.bits
            .get((i / 64) as usize)
            .is_some_and(|w| w & (1 << (i % 64)) != 0)
    }
}

struct Script {
    ja_kanji: CharSet,
    ja_words: Vec<String>,
    zh_simplified: CharSet,
    zh_traditional: CharSet,
    zh_function: CharSet,
}

static SCRIPT: LazyLock<Script> = LazyLock::new(|| {
    let mut script = Script {
        ja_kanji: CharSet::default(),
        ja_words: Vec::new(),
        zh_simplified: CharSet::default(),
        zh_traditional: CharSet::default(),
        zh_function: CharSet::default(),
    };
    for line in include_str!("../lexicons/script.tsv")
        .lines()
        .filter(|l| !l.starts_with('#'))
    {
        let Some((kind, entries)) = line.split_once('\t') else {
            continue;
        };
        match kind {
            "ja_kanji" => script.ja_kanji.extend(entries.chars()),
            "ja_words" => script
                .ja_words
                .extend(entries.split_whitespace().map(str::to_owned)),
            "zh_simplified" => script.zh_simplified.extend(entries.chars()),
            "zh_traditional" => script.zh_traditional.extend(entries.chars()),
            "zh_function" => script.zh_function.extend(entries.chars()),
            _ => {}
        }
    }
    script
});

fn is_kana(c: char) -> bool {
    matches!(c, '\u{3041}'..='\u{309F}' | '\u{30A1}'..='\u{30FA}' | '\u{30FC}' | '\u{FF66}'..='\u{FF9F}')
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}' | '々')
}

/// The dominant language and every language with a real share of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detection {
    pub language: Lang,
    pub languages: Vec<Lang>,
}

/// Detects the language of `text` (already normalised).
pub fn detect(text: &str) -> Detection {
    let script = &*SCRIPT;
    let (mut kana, mut han, mut latin_words, mut ja, mut zh, mut function) =
        (0usize, 0usize, 0usize, 0usize, 0usize, 0usize);
    let mut in_word = 0usize;
    for c in text.chars() {
        if c.is_ascii_alphabetic() {
            in_word += 1;
            continue;
        }
        if in_word >= 2 {
            latin_words += 1;
        }
        in_word = 0;
        if is_kana(c) {
            kana += 1;
        } else if is_han(c) {
            han += 1;
            if script.ja_kanji.contains(&c) {
                ja += 2;
            }
            if script.zh_simplified.contains(&c) || script.zh_traditional.contains(&c) {
                zh += 2;
            }
            if script.zh_function.contains(&c) {
                zh += 1;
                function += 1;
            }
        }
    }
    if in_word >= 2 {
        latin_words += 1;
    }
    if han > 0 && kana == 0 {
        ja += script
            .ja_words
            .iter()
            .filter(|w| text.contains(w.as_str()))
            .count()
            * 3;
    }
    // A Chinese message may quote a Japanese name or form field (株式会社さくら薬局,
    // 「ご来店人数」): a few kana among many Chinese function words stay Chinese.
    let chinese_grammar = zh >= 10 && zh > ja * 3 && kana * 10 < han;
    let japanese = kana > 0
        && (kana * 10 >= han || kana >= 3)
        && !(kana <= 2 && zh >= 6 && zh > ja * 2)
        && !chinese_grammar;
    let cjk = if japanese || (kana == 0 && han > 0 && ja > zh) {
        Lang::Ja
    } else {
        Lang::Zh
    };
    let cjk_units = kana + han;
    // A Latin word carries about as much as three CJK characters; a Chinese function
    // word counts double, since the English words borrowed into a Chinese sentence are
    // nouns and the grammar stays Chinese ("logo嘅AI檔send咗俾你").
    let language = if cjk_units == 0 || latin_words * 3 > cjk_units + 2 * function {
        Lang::En
    } else {
        cjk
    };
    let mut languages = Vec::new();
    if latin_words >= 3 || (language == Lang::En && latin_words > 0) || cjk_units == 0 {
        languages.push(Lang::En);
    }
    if cjk_units > 0 {
        languages.push(cjk);
    }
    languages.sort();
    Detection {
        language,
        languages,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_kanji_heavy_texts() {
        for (text, expected) in [
            ("至急お願いします", Lang::Ja),
            ("本日中", Lang::Ja),
            ("会議室予約", Lang::Ja),
            ("本日中に対応願います", Lang::Ja),
            ("御社宛", Lang::Ja),
            ("請盡快回覆", Lang::Zh),
            ("请尽快回复", Lang::Zh),
            ("加急处理", Lang::Zh),
            ("今天下班前给我", Lang::Zh),
            ("收到，谢谢", Lang::Zh),
            (
                "下个月我们要去大阪拜访一家日本药妆连锁（株式会社さくら薬局），想请贵司帮忙做一份中日双语的提案PPT，希望下周三能看到初稿，谢谢！",
                Lang::Zh,
            ),
            (
                "Hi 阿哲，\n\n官網日文版的預約表單想再加兩個欄位：「ご希望の受取日」和「ご来店人数」，另外把電話號碼改成非必填。\n麻煩3個工作天內完成，謝謝！\n\n林佩君",
                Lang::Zh,
            ),
            ("至急", Lang::Zh),
            ("ASAP pls", Lang::En),
            ("ok", Lang::En),
        ] {
            assert_eq!(detect(text).language, expected, "{text}");
        }
    }

    #[test]
    fn mixed_text_reports_every_language() {
        let d = detect("Please send the deck by Friday. 株式会社ひだまり食品 広報部");
        assert_eq!(d.language, Lang::En);
        assert_eq!(d.languages, vec![Lang::En, Lang::Ja]);
        let d = detect("来週の金曜日までにLPのデザイン案をお願いします");
        assert_eq!(
            (d.language, d.languages.clone()),
            (Lang::Ja, vec![Lang::Ja])
        );
        let d = detect("这个campaign的KPI需要下周五前给到我们总监，麻烦尽快");
        assert_eq!(d.language, Lang::Zh);
    }
}
