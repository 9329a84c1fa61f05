//! Text whose charset label is missing, unknown or wrong: detected, never read as lossy
//! UTF-8. ISO-2022-JP is told by its escape sequences; other legacy encodings by
//! chardetng, the detector Firefox uses for unlabelled pages.

use encoding_rs::{Encoding, ISO_2022_JP, UTF_8};

/// How a label relates to the bytes it describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Label {
    /// A charset the decoders know, other than US-ASCII and UTF-8.
    Known,
    /// UTF-8, which mail-parser reads without a decoder: wrong when invalid bytes follow.
    Utf8,
    /// US-ASCII (or no different in practice): wrong when 8-bit bytes follow.
    Ascii,
    Missing,
    Unknown,
}

impl Label {
    pub(crate) fn of(label: Option<&str>) -> Self {
        let Some(label) = label.map(str::trim).filter(|l| !l.is_empty()) else {
            return Self::Missing;
        };
        let lower = label.to_ascii_lowercase();
        if matches!(
            lower.as_str(),
            "us-ascii" | "ascii" | "us_ascii" | "ansi_x3.4-1968" | "iso646-us"
        ) {
            return Self::Ascii;
        }
        if matches!(
            lower.as_str(),
            "utf-8" | "utf8" | "unicode-1-1-utf-8" | "x-unicode20utf8"
        ) {
            return Self::Utf8;
        }
        if mail_parser::decoders::charsets::map::charset_decoder(label.as_bytes()).is_some() {
            Self::Known
        } else {
            Self::Unknown
        }
    }
}

/// The encoding the bytes are most likely in, for text with no usable label.
pub(crate) fn detect(bytes: &[u8]) -> &'static Encoding {
    if bytes.is_ascii() {
        // Pure 7-bit text: ISO-2022-JP announces itself by escapes, all else is ASCII.
        return if has_iso_2022_jp_escapes(bytes) {
            ISO_2022_JP
        } else {
            UTF_8
        };
    }
    if std::str::from_utf8(bytes).is_ok() {
        return UTF_8;
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Allow);
    detector.feed(bytes, true);
    detector.guess(None, chardetng::Utf8Detection::Allow)
}

/// ESC $ B, ESC $ @ (JIS X 0208), ESC ( J (JIS Roman) or ESC ( I (half-width katakana).
fn has_iso_2022_jp_escapes(bytes: &[u8]) -> bool {
    bytes.windows(3).any(|w| {
        matches!(
            w,
            [0x1b, b'$', b'B'] | [0x1b, b'$', b'@'] | [0x1b, b'(', b'J'] | [0x1b, b'(', b'I']
        )
    })
}

/// Text labelled UTF-8 that is not all UTF-8 (a signature pasted from a windows-1252
/// document is the usual cause): the valid runs as UTF-8, each stray byte as windows-1252,
/// so neither the CJK text nor the accents are lost.
pub(crate) fn decode_mostly_utf8(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        out.push_str(chunk.valid());
        out.push_str(
            &encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(chunk.invalid())
                .0,
        );
    }
    out
}

/// Decodes bytes in a detected encoding; the name says which, for the warning.
pub(crate) fn decode_detected(bytes: &[u8]) -> (String, &'static str) {
    let encoding = detect(bytes);
    let (text, _, _) = encoding.decode(bytes);
    (text.into_owned(), encoding.name())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_sorted_by_what_they_promise() {
        assert_eq!(Label::of(Some("Shift_JIS")), Label::Known);
        assert_eq!(Label::of(Some("gb2312")), Label::Known);
        assert_eq!(Label::of(Some("US-ASCII")), Label::Ascii);
        assert_eq!(Label::of(Some("UTF-8")), Label::Utf8);
        assert_eq!(Label::of(None), Label::Missing);
        assert_eq!(Label::of(Some(" ")), Label::Missing);
        assert_eq!(Label::of(Some("x-unknown-bogus")), Label::Unknown);
    }

    #[test]
    fn legacy_text_is_detected_not_read_as_utf8() {
        let sjis = encoding_rs::SHIFT_JIS
            .encode("お世話になっております。見積書を送付いたします。")
            .0;
        assert_eq!(
            decode_detected(&sjis).0,
            "お世話になっております。見積書を送付いたします。"
        );
        let gbk = encoding_rs::GBK
            .encode("您好，请查收附件中的报价单，谢谢！")
            .0;
        assert_eq!(
            decode_detected(&gbk).0,
            "您好，请查收附件中的报价单，谢谢！"
        );
        let jis = ISO_2022_JP.encode("よろしくお願いいたします").0;
        assert!(jis.is_ascii());
        assert_eq!(
            decode_detected(&jis),
            ("よろしくお願いいたします".to_owned(), "ISO-2022-JP")
        );
        assert_eq!(decode_detected("plain text".as_bytes()).1, "UTF-8");
    }

    #[test]
    fn stray_latin_bytes_in_utf8_keep_both() {
        let mut bytes = "納品物 “final” – ".as_bytes().to_vec();
        bytes.extend_from_slice(b"pi\xe8ces");
        assert_eq!(decode_mostly_utf8(&bytes), "納品物 “final” – pièces");
    }
}
