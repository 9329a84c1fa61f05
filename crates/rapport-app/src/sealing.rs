//! The desk's key for the few secrets it must read back (one-time-code secrets and
//! mailbox passwords typed in, which cannot be hashed like passwords and tokens). It
//! lives outside the database, so a copy of the database alone gives neither away.
//!
//! Sealing is ChaCha20-Poly1305 with a random nonce; what the secret belongs to (a
//! person's id, a mailbox's URL) is bound in as associated data, so a sealed secret
//! copied onto another row does not open.

use crate::AppError;
use crate::bytes::{decode_hex, fill_random, hex};
use ring::aead::{Aad, CHACHA20_POLY1305, LessSafeKey, NONCE_LEN, Nonce, UnboundKey};

const VERSION: &str = "v1.";

/// 256 bits, as 64 hex digits in its file.
#[derive(Clone)]
pub struct SealingKey([u8; 32]);

impl std::fmt::Debug for SealingKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SealingKey(..)")
    }
}

impl SealingKey {
    pub fn generate() -> Result<Self, AppError> {
        let mut key = [0u8; 32];
        fill_random(&mut key)?;
        Ok(Self(key))
    }

    /// The key from its file's text: 64 hex digits, surrounding white space ignored.
    pub fn from_hex(text: &str) -> Result<Self, String> {
        let text = text.trim();
        let bytes = decode_hex(text)
            .filter(|b| b.len() == 32)
            .ok_or_else(|| format!("a key is 64 hex digits; this is {} characters", text.len()))?;
        let mut key = [0u8; 32];
        key.copy_from_slice(&bytes);
        Ok(Self(key))
    }

    pub fn to_hex(&self) -> String {
        hex(&self.0)
    }

    fn aead(&self) -> LessSafeKey {
        LessSafeKey::new(
            UnboundKey::new(&CHACHA20_POLY1305, &self.0).expect("a 32-byte ChaCha20 key"),
        )
    }

    /// `plain` sealed for `owner`, as text for a column.
    pub(crate) fn seal(&self, plain: &[u8], owner: &[u8]) -> Result<String, AppError> {
        let mut nonce = [0u8; NONCE_LEN];
        fill_random(&mut nonce)?;
        let mut data = plain.to_vec();
        self.aead()
            .seal_in_place_append_tag(
                Nonce::assume_unique_for_key(nonce),
                Aad::from(owner),
                &mut data,
            )
            .map_err(|_| AppError::Internal("could not seal a secret".into()))?;
        let mut out = nonce.to_vec();
        out.extend_from_slice(&data);
        Ok(format!("{VERSION}{}", hex(&out)))
    }

    /// What `seal` sealed for `owner`; an error when it was sealed with another key or
    /// for someone else.
    pub(crate) fn open(&self, sealed: &str, owner: &[u8]) -> Result<Vec<u8>, AppError> {
        let refused = || {
            AppError::Internal(
                "a sealed secret does not open with this desk's key (was the key file replaced?)"
                    .into(),
            )
        };
        let bytes = sealed
            .strip_prefix(VERSION)
            .and_then(decode_hex)
            .filter(|b| b.len() > NONCE_LEN)
            .ok_or_else(refused)?;
        let (nonce, data) = bytes.split_at(NONCE_LEN);
        let nonce = Nonce::try_assume_unique_for_key(nonce).map_err(|_| refused())?;
        let mut data = data.to_vec();
        let plain = self
            .aead()
            .open_in_place(nonce, Aad::from(owner), &mut data)
            .map_err(|_| refused())?;
        Ok(plain.to_vec())
    }
}

impl crate::App {
    /// Gives the desk its key for sealed secrets; without one, second factors and typed
    /// mailbox passwords are unavailable.
    pub fn with_sealing_key(mut self, key: SealingKey) -> Self {
        self.sealing = Some(std::sync::Arc::new(key));
        self
    }

    pub(crate) fn sealing(&self) -> Result<&SealingKey, AppError> {
        self.sealing.as_deref().ok_or_else(|| {
            AppError::Unavailable(
                "this desk has no key for sealed secrets (rapport serve makes one)".into(),
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_secret_opens_only_with_its_key_and_for_its_owner() {
        let key = SealingKey::generate().unwrap();
        let sealed = key.seal(b"twenty bytes secret!", b"7").unwrap();
        assert!(sealed.starts_with("v1.") && !sealed.contains("twenty"));
        assert_eq!(key.open(&sealed, b"7").unwrap(), b"twenty bytes secret!");
        assert!(key.open(&sealed, b"8").is_err(), "another owner");
        let other = SealingKey::generate().unwrap();
        assert!(other.open(&sealed, b"7").is_err(), "another key");
        assert_ne!(
            sealed,
            key.seal(b"twenty bytes secret!", b"7").unwrap(),
            "fresh nonce"
        );
        assert!(key.open("v1.zz", b"7").is_err() && key.open("", b"7").is_err());
    }

    #[test]
    fn keys_round_trip_through_their_file_text() {
        let key = SealingKey::generate().unwrap();
        let again = SealingKey::from_hex(&format!("{}\n", key.to_hex())).unwrap();
        assert_eq!(again.0, key.0);
        assert!(SealingKey::from_hex("abc").is_err());
        assert!(SealingKey::from_hex(&"g".repeat(64)).is_err());
    }
}
