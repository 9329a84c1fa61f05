//! Numbers as clients write them: ASCII digits (full-width ones are normalised before),
//! kanji numerals (三, 十二, 二十五, 〇), 两, and small English number words.

/// Parses `text` as a whole number up to 9999; `None` when it is not one.
pub fn parse_number(text: &str) -> Option<u32> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    if text.bytes().all(|b| b.is_ascii_digit()) {
        return text.parse().ok().filter(|n| *n <= 9999);
    }
    if let Some(n) = english_number(text) {
        return Some(n);
    }
    cjk_number(text)
}

fn english_number(text: &str) -> Option<u32> {
    const WORDS: [&str; 13] = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve",
    ];
    let lower = text.to_ascii_lowercase();
    if lower == "a" || lower == "an" {
        return Some(1);
    }
    WORDS.iter().position(|w| *w == lower).map(|n| n as u32)
}

fn digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' => 0,
        '一' => 1,
        '二' | '两' | '兩' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// 十二 = 12, 二十五 = 25, 三十 = 30, 一〇 = 10 (digit by digit), 百 and 千 too.
fn cjk_number(text: &str) -> Option<u32> {
    let chars: Vec<char> = text.chars().collect();
    if !chars.iter().any(|c| matches!(c, '十' | '百' | '千')) {
        // Digit by digit: 二〇二六 = 2026.
        return chars
            .iter()
            .try_fold(0u32, |acc, c| Some(acc * 10 + digit(*c)?));
    }
    let (mut total, mut current) = (0u32, 0u32);
    for c in chars {
        match c {
            '十' | '百' | '千' => {
                let unit = match c {
                    '十' => 10,
                    '百' => 100,
                    _ => 1000,
                };
                total += current.max(1) * unit;
                current = 0;
            }
            _ => current = current * 10 + digit(c)?,
        }
    }
    Some(total + current)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_every_script() {
        for (text, n) in [
            ("3", 3),
            ("12", 12),
            ("三", 3),
            ("十", 10),
            ("十二", 12),
            ("二十五", 25),
            ("三十一", 31),
            ("两", 2),
            ("二〇二六", 2026),
            ("three", 3),
            ("a", 1),
        ] {
            assert_eq!(parse_number(text), Some(n), "{text}");
        }
        for text in ["", "x", "十x", "12345"] {
            assert_eq!(parse_number(text), None, "{text}");
        }
    }
}
