//! `TimeZoneName`: an IANA zone name known to the embedded time-zone database.

use std::fmt;

/// An IANA time zone such as `Asia/Tokyo`, checked against the bundled tzdb.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct TimeZoneName(String);

/// The name is not in the time-zone database.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown time zone {0:?}; use an IANA name such as Asia/Tokyo, Asia/Shanghai or Europe/London"
)]
pub struct UnknownTimeZone(pub String);

impl TimeZoneName {
    pub fn parse(text: &str) -> Result<Self, UnknownTimeZone> {
        let text = text.trim();
        match jiff::tz::TimeZone::get(text) {
            // The tzdb lookup is case-insensitive; keep the canonical spelling.
            Ok(zone) => Ok(Self(zone.iana_name().unwrap_or(text).to_owned())),
            Err(_) => Err(UnknownTimeZone(text.to_owned())),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The zone's rules; the name was checked at construction, so this cannot fail.
    pub fn zone(&self) -> jiff::tz::TimeZone {
        jiff::tz::TimeZone::get(&self.0).unwrap_or(jiff::tz::TimeZone::UTC)
    }
}

impl std::str::FromStr for TimeZoneName {
    type Err = UnknownTimeZone;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::parse(text)
    }
}

impl TryFrom<String> for TimeZoneName {
    type Error = UnknownTimeZone;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<TimeZoneName> for String {
    fn from(value: TimeZoneName) -> Self {
        value.0
    }
}

impl fmt::Display for TimeZoneName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_zones_parse_to_their_canonical_name() {
        assert_eq!(
            TimeZoneName::parse("Asia/Tokyo").unwrap().as_str(),
            "Asia/Tokyo"
        );
        assert_eq!(
            TimeZoneName::parse("asia/shanghai").unwrap().as_str(),
            "Asia/Shanghai"
        );
        assert_eq!(TimeZoneName::parse("UTC").unwrap().as_str(), "UTC");
    }

    #[test]
    fn unknown_zones_are_refused_with_the_name() {
        let err = TimeZoneName::parse("Mars/Olympus_Mons").unwrap_err();
        assert!(err.to_string().contains("Mars/Olympus_Mons"));
        assert!(TimeZoneName::parse("").is_err());
        assert!(TimeZoneName::parse("+09:00").is_err());
    }
}
