//! Personal API tokens: issued once as text, stored only as SHA-256 hashes.
//!
//! Tokens carry 256 random bits, so a fast hash is enough: nobody can guess one, and a
//! stolen database yields no usable token.

use crate::bytes::{fill_random, hex};
use crate::{Acting, App, AppError};
use jiff::Timestamp;
use rapport_domain::{Action, ApiToken, TokenId, User, UserId};
use sha2::{Digest, Sha256};

/// Every token starts with this, so leaked tokens are easy to recognise in logs and scans.
pub const TOKEN_PREFIX: &str = "rpt_";

/// A token just made: its text, shown once, and its id.
#[derive(Debug, Clone)]
pub struct IssuedToken {
    pub id: TokenId,
    pub token: String,
}

pub fn hash_token(token: &str) -> String {
    sha256_hex(&[token.as_bytes()])
}

/// The SHA-256 of `parts` one after the other, in lower-case hex: token hashes here,
/// request fingerprints for Idempotency-Keys at the API.
pub fn sha256_hex(parts: &[&[u8]]) -> String {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part);
    }
    hex(&hasher.finalize())
}

/// Compares two secrets in time that does not depend on where they differ.
pub fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// 256 random bits in hex after `prefix`: a secret.
pub(crate) fn random_token(prefix: &str) -> Result<String, AppError> {
    Ok(format!("{prefix}{}", random_hex(32)?))
}

/// 256 random bits in hex, for a secret a front door holds (a form's binding token).
pub fn random_secret() -> Result<String, AppError> {
    random_hex(32)
}

/// `bytes` random bytes in hex (a Message-ID no one can guess takes 8).
pub(crate) fn random_hex(bytes: usize) -> Result<String, AppError> {
    let mut buffer = vec![0u8; bytes];
    fill_random(&mut buffer)?;
    Ok(hex(&buffer))
}

fn missing_token(id: TokenId) -> impl FnOnce() -> AppError {
    move || AppError::not_found("API token", id.0)
}

impl App {
    /// Makes a token for `user`: one's own, or anyone's for an admin or the system.
    pub async fn issue_token(
        &self,
        acting: &Acting,
        user: UserId,
        label: &str,
        now: Timestamp,
    ) -> Result<IssuedToken, AppError> {
        acting.may_on_owned(Action::UseToken, user, || {
            AppError::not_found("user", user.0)
        })?;
        let label = crate::text::required("name", label, 100)?;
        let token = random_token(TOKEN_PREFIX)?;
        let id = self
            .store
            .create_api_token(user, &label, &hash_token(&token), acting.actor(), now)
            .await?;
        Ok(IssuedToken { id, token })
    }

    /// The user a presented token belongs to, if it exists and is not revoked.
    pub async fn authenticate(&self, token: &str) -> Result<Option<User>, AppError> {
        self.authenticate_hash(&hash_token(token)).await
    }

    /// `authenticate` for a caller that already holds the token's hash (`hash_token`).
    pub async fn authenticate_hash(&self, hash: &str) -> Result<Option<User>, AppError> {
        Ok(self.store.user_for_token(hash).await?)
    }

    /// Tokens, newest first: the actor's own, or (admins, the system) everyone's or `of`'s.
    pub async fn list_tokens(
        &self,
        acting: &Acting,
        of: Option<UserId>,
    ) -> Result<Vec<ApiToken>, AppError> {
        let whose = match of {
            Some(user) => {
                acting.may_on_owned(Action::UseToken, user, || {
                    AppError::not_found("user", user.0)
                })?;
                Some(user)
            }
            None if acting.may_on_others(Action::UseToken) => None,
            None => acting.user_id(),
        };
        Ok(self.store.list_api_tokens(whose).await?)
    }

    /// Revokes a token; someone else's is answered as a missing one unless one is an admin.
    pub async fn revoke_token(
        &self,
        acting: &Acting,
        id: TokenId,
        now: Timestamp,
    ) -> Result<ApiToken, AppError> {
        let token = self.store.get_api_token(id).await?;
        acting.may_on_owned(Action::UseToken, token.user_id, missing_token(id))?;
        Ok(self.store.revoke_api_token(id, acting.actor(), now).await?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_hex_sha256() {
        assert_eq!(
            hash_token("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
