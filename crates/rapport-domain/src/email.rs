//! `EmailAddress`: an address checked once, where it enters the system.

use std::fmt;

/// A syntactically plausible e-mail address, trimmed, with its domain lower-cased.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct EmailAddress(String);

/// Why a text is not an e-mail address.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EmailAddressError {
    #[error("an e-mail address cannot be empty")]
    Empty,
    #[error("{0:?} is not an e-mail address: it needs exactly one '@' with text on both sides")]
    Shape(String),
    #[error("{0:?} is not an e-mail address: it contains a space or a control character")]
    Whitespace(String),
    #[error("{0:?} is not an e-mail address: the part after '@' is not a domain name")]
    Domain(String),
    #[error("an e-mail address is at most 254 characters")]
    TooLong,
}

impl EmailAddress {
    /// Parses `text` as typed by a person or found in a header.
    pub fn parse(text: &str) -> Result<Self, EmailAddressError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(EmailAddressError::Empty);
        }
        if text.len() > 254 {
            return Err(EmailAddressError::TooLong);
        }
        if text.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(EmailAddressError::Whitespace(text.to_owned()));
        }
        let Some((local, domain)) = text.split_once('@') else {
            return Err(EmailAddressError::Shape(text.to_owned()));
        };
        if local.is_empty() || domain.is_empty() || domain.contains('@') {
            return Err(EmailAddressError::Shape(text.to_owned()));
        }
        let domain_ok = domain.split('.').all(|label| {
            !label.is_empty()
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        });
        if !domain_ok {
            return Err(EmailAddressError::Domain(text.to_owned()));
        }
        Ok(Self(format!("{local}@{}", domain.to_lowercase())))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::str::FromStr for EmailAddress {
    type Err = EmailAddressError;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::parse(text)
    }
}

impl TryFrom<String> for EmailAddress {
    type Error = EmailAddressError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<EmailAddress> for String {
    fn from(value: EmailAddress) -> Self {
        value.0
    }
}

impl fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_real_addresses_and_lowercases_the_domain() {
        for (input, expected) in [
            ("tanaka@Example.JP", "tanaka@example.jp"),
            (
                "  li.na+ads@media.example.cn ",
                "li.na+ads@media.example.cn",
            ),
            ("ops@localhost", "ops@localhost"),
            ("担当@例え.jp", "担当@例え.jp"),
        ] {
            assert_eq!(EmailAddress::parse(input).unwrap().as_str(), expected);
        }
    }

    #[test]
    fn rejects_non_addresses_with_the_reason() {
        assert_eq!(EmailAddress::parse(" "), Err(EmailAddressError::Empty));
        assert!(matches!(
            EmailAddress::parse("tanaka"),
            Err(EmailAddressError::Shape(_))
        ));
        assert!(matches!(
            EmailAddress::parse("a@b@c"),
            Err(EmailAddressError::Shape(_))
        ));
        assert!(matches!(
            EmailAddress::parse("@x.jp"),
            Err(EmailAddressError::Shape(_))
        ));
        assert!(matches!(
            EmailAddress::parse("a b@x.jp"),
            Err(EmailAddressError::Whitespace(_))
        ));
        assert!(matches!(
            EmailAddress::parse("a@x..jp"),
            Err(EmailAddressError::Domain(_))
        ));
        let long = format!("{}@x.jp", "a".repeat(260));
        assert_eq!(EmailAddress::parse(&long), Err(EmailAddressError::TooLong));
    }
}
