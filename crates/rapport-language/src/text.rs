//! `Text`: a message normalised for matching, with every match mapped back to character
//! offsets in the text as given.
//!
//! Normalisation is one character for one character (full-width ASCII to ASCII, the
//! ideographic space to a space, wave dashes to `~`), so the n-th character of the
//! normalised text is the n-th character of the original.

use serde::Serialize;
use std::ops::Range;

/// A piece of the original text: character offsets `[start, end)` and the text itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

pub struct Text<'a> {
    pub original: &'a str,
    /// The normalised text that every matcher reads.
    pub norm: String,
    /// `(byte in norm, chars before it, byte in original)` about every 64 bytes of
    /// `norm`, so offsets convert without rescanning the whole text.
    checkpoints: Vec<(usize, usize, usize)>,
    /// Byte ranges of `norm` written by the sender now: quoted history, forwarded
    /// headers and signatures are left out.
    pub fresh: Vec<Range<usize>>,
}

/// At most `bytes` bytes of `text` before `at` (fewer to keep whole characters): what
/// a check looks back at near a phrase, so that checking every phrase stays linear.
pub(crate) fn tail(text: &str, at: usize, bytes: usize) -> &str {
    &text[text.ceil_char_boundary(at.saturating_sub(bytes))..at]
}

/// Maps full-width forms to their ASCII twins; keeps every other character.
pub fn normalize_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        '〜' => '~',
        _ => c,
    }
}

const CHECKPOINT: usize = 64;

impl<'a> Text<'a> {
    pub fn new(original: &'a str) -> Self {
        let norm: String = original.chars().map(normalize_char).collect();
        let mut checkpoints = Vec::with_capacity(norm.len() / CHECKPOINT + 1);
        let mut original_byte = 0;
        for ((chars, (byte, _)), c) in norm.char_indices().enumerate().zip(original.chars()) {
            if checkpoints
                .last()
                .is_none_or(|&(last, _, _)| byte >= last + CHECKPOINT)
            {
                checkpoints.push((byte, chars, original_byte));
            }
            original_byte += c.len_utf8();
        }
        let fresh = crate::quoted::fresh_ranges(&norm);
        Self {
            original,
            norm,
            checkpoints,
            fresh,
        }
    }

    /// The character index and the original byte offset of byte `byte` of `norm`.
    fn locate(&self, byte: usize) -> (usize, usize) {
        let slot = self.checkpoints.partition_point(|&(b, _, _)| b <= byte);
        let (from, mut chars, mut original_byte) = if slot == 0 {
            (0, 0, 0)
        } else {
            self.checkpoints[slot - 1]
        };
        for (c, o) in self.norm[from..byte]
            .chars()
            .zip(self.original[original_byte..].chars())
        {
            let _ = c;
            chars += 1;
            original_byte += o.len_utf8();
        }
        (chars, original_byte)
    }

    /// The span of `norm[range]`, in characters of the original text.
    pub fn span(&self, range: Range<usize>) -> Span {
        let (start, from) = self.locate(range.start);
        let (end, to) = self.locate(range.end);
        Span {
            start,
            end,
            text: self.original[from..to].to_owned(),
        }
    }

    /// The fresh parts of `norm`, joined by newlines.
    pub fn fresh_text(&self) -> String {
        let parts: Vec<&str> = self.fresh.iter().map(|r| &self.norm[r.clone()]).collect();
        parts.join("\n")
    }

    /// The byte range of `norm` that a byte range of `fresh_text()` came from, when it
    /// lies within one fresh part.
    pub fn norm_range_of_fresh(&self, range: Range<usize>) -> Option<Range<usize>> {
        let mut offset = 0;
        for part in &self.fresh {
            let len = part.end - part.start;
            if range.start >= offset && range.end <= offset + len {
                return Some(part.start + range.start - offset..part.start + range.end - offset);
            }
            // Parts are joined by one line break.
            offset += len + 1;
        }
        None
    }

    /// Whether a byte range of `norm` lies in text the sender wrote now.
    pub fn is_fresh(&self, range: &Range<usize>) -> bool {
        self.fresh
            .iter()
            .any(|f| f.start <= range.start && range.end <= f.end)
    }
}

/// Where the sentences of a text end, found once: a sentence runs up to the nearest
/// sentence end or line break on either side of what it holds.
pub(crate) struct Sentences {
    /// Each sentence end or line break: its byte offset and the offset just after it.
    ends: Vec<(usize, usize)>,
    len: usize,
}

/// A pictograph that can end a chat sentence (🙏, 🙇, 👍, ☺).
fn is_emoji(c: char) -> bool {
    ('\u{1F300}'..='\u{1FAFF}').contains(&c) || ('\u{2600}'..='\u{27BF}').contains(&c)
}

/// Whether the point at `at` closes "a.m." or "p.m." inside a sentence: "by 6 a.m. Monday
/// 7/19", "at 7 a.m. on Thursday" (not "... by 9 a.m. Thanks!").
fn clock_goes_on(text: &str, at: usize) -> bool {
    let before = tail(text, at, 4).to_ascii_lowercase();
    if !(before.ends_with(" a.m") || before.ends_with(" p.m")) {
        return false;
    }
    let next = text[at + 1..]
        .strip_prefix(' ')
        .and_then(|rest| rest.split(|c: char| !c.is_alphanumeric()).next())
        .unwrap_or("");
    let lower = next.to_ascii_lowercase();
    next.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
        || WEEKDAYS_AND_MONTHS.iter().any(|w| lower.starts_with(w))
}

/// How English weekday and month names start.
const WEEKDAYS_AND_MONTHS: [&str; 19] = [
    "mon", "tue", "wed", "thu", "fri", "sat", "sun", "jan", "feb", "mar", "apr", "may", "jun",
    "jul", "aug", "sep", "oct", "nov", "dec",
];

impl Sentences {
    pub(crate) fn new(text: &str) -> Self {
        // A point inside a word or number ("PHP 8.3", "status.example.cn", "e.g") ends
        // no sentence.
        let ends = text
            .char_indices()
            .filter(|&(at, c)| {
                (matches!(c, '.' | '!' | '?' | '\n' | '。' | '！' | '？')
                    && !(c == '.' && text[at + 1..].starts_with(|n: char| n.is_alphanumeric()))
                    && !(c == '.' && clock_goes_on(text, at)))
                    // A chat line's emoji before a space ends its sentence: "まだです🙇 確認します".
                    || (is_emoji(c)
                        && text[at + c.len_utf8()..].starts_with(|n: char| n.is_whitespace()))
            })
            .map(|(at, c)| (at, at + c.len_utf8()))
            .collect();
        Self {
            ends,
            len: text.len(),
        }
    }

    /// The byte range of the sentence holding `range`.
    pub(crate) fn around(&self, range: &Range<usize>) -> Range<usize> {
        // The last end wholly before `range.start`, the first starting at or after its end.
        let before = self
            .ends
            .partition_point(|(_, after)| *after <= range.start);
        let start = before.checked_sub(1).map_or(0, |i| self.ends[i].1);
        let after = self.ends.partition_point(|(at, _)| *at < range.end);
        let end = self.ends.get(after).map_or(self.len, |(_, after)| *after);
        start..end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_forms_normalise_without_moving_offsets() {
        let text = Text::new("１２月３日（木）までに ＡＳＡＰ");
        assert_eq!(text.norm, "12月3日(木)までに ASAP");
        let at = text.norm.find("ASAP").unwrap();
        let span = text.span(at..at + 4);
        assert_eq!(
            (span.start, span.end, span.text.as_str()),
            (12, 16, "ＡＳＡＰ")
        );
    }

    #[test]
    fn char_indices_are_right_across_checkpoints() {
        let original = "前置き".repeat(50) + "deadline" + &"あ".repeat(100);
        let text = Text::new(&original);
        let at = text.norm.find("deadline").unwrap();
        assert_eq!(text.locate(at).0, 150);
        assert_eq!(text.span(at..at + 8).text, "deadline");
        assert_eq!(text.locate(text.norm.len()).0, original.chars().count());
        for (byte, _) in text.norm.char_indices() {
            assert_eq!(text.locate(byte).0, text.norm[..byte].chars().count());
        }
    }
}
