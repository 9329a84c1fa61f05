//! `LanguageTag`: a BCP 47 tag such as `ja`, `zh-Hans` or `en-GB`, normalised.

use std::fmt;

/// A well-formed language tag: primary language, optional script and region.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct LanguageTag(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a language tag; use a BCP 47 tag such as ja, zh-Hans, zh-TW or en")]
pub struct LanguageTagError(pub String);

impl LanguageTag {
    pub fn parse(text: &str) -> Result<Self, LanguageTagError> {
        let text = text.trim();
        let err = || LanguageTagError(text.to_owned());
        let mut parts = text.split(['-', '_']);
        let primary = parts
            .next()
            .filter(|p| (2..=3).contains(&p.len()))
            .ok_or_else(err)?;
        if !primary.chars().all(|c| c.is_ascii_alphabetic()) {
            return Err(err());
        }
        let mut tag = primary.to_ascii_lowercase();
        for part in parts {
            let normalised = match part.len() {
                // Script subtag: title case (Hans, Hant, Latn).
                4 if part.chars().all(|c| c.is_ascii_alphabetic()) => {
                    let lower = part.to_ascii_lowercase();
                    lower[..1].to_ascii_uppercase() + &lower[1..]
                }
                // Region subtag: upper case letters or three digits.
                2 if part.chars().all(|c| c.is_ascii_alphabetic()) => part.to_ascii_uppercase(),
                3 if part.chars().all(|c| c.is_ascii_digit()) => part.to_owned(),
                // Variants and extensions are kept as written, lower-cased.
                1..=8 if part.chars().all(|c| c.is_ascii_alphanumeric()) => {
                    part.to_ascii_lowercase()
                }
                _ => return Err(err()),
            };
            tag.push('-');
            tag.push_str(&normalised);
        }
        Ok(Self(tag))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The primary language subtag: `zh` for `zh-Hant-TW`.
    pub fn primary(&self) -> &str {
        self.0.split('-').next().unwrap_or(&self.0)
    }
}

impl std::str::FromStr for LanguageTag {
    type Err = LanguageTagError;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::parse(text)
    }
}

impl TryFrom<String> for LanguageTag {
    type Error = LanguageTagError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<LanguageTag> for String {
    fn from(value: LanguageTag) -> Self {
        value.0
    }
}

impl fmt::Display for LanguageTag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_normalised() {
        for (input, expected) in [
            ("ja", "ja"),
            ("ZH-hans", "zh-Hans"),
            ("zh_tw", "zh-TW"),
            ("en-gb", "en-GB"),
            ("zh-Hant-HK", "zh-Hant-HK"),
            ("es-419", "es-419"),
        ] {
            assert_eq!(
                LanguageTag::parse(input).unwrap().as_str(),
                expected,
                "{input}"
            );
        }
        assert_eq!(LanguageTag::parse("zh-Hant-TW").unwrap().primary(), "zh");
    }

    #[test]
    fn malformed_tags_are_refused() {
        for input in [
            "",
            "j",
            "japanese",
            "日本語",
            "en-",
            "zh--CN",
            "en-toolongvariant",
        ] {
            assert!(LanguageTag::parse(input).is_err(), "{input}");
        }
    }
}
