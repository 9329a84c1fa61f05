//! Two-step sign-in: setting up a one-time-code app, the code after the password,
//! recovery codes, turning it off (or an admin's reset for a lost phone), and the roles
//! an admin requires it of.
//!
//! A password-checked browser holds a session in stage `code` (or `enroll` when its
//! role requires a second factor it has not set up) that opens nothing else; passing
//! the step makes a new, full session and ends the staged one.

use crate::accounts::{SignedIn, Throttles};
use crate::bytes::fill_random;
use crate::tokens::sha256_hex;
use crate::{Acting, App, AppError};
use jiff::Timestamp;
use rapport_domain::{
    Action, RECOVERY_CODES, Role, SessionStage, TOTP_SECRET_BYTES, User, UserId, WebSession,
    acceptable_steps, base32, code_of_digest, decode_base32, is_totp_code, normalize_code,
    otpauth_uri, recovery_code, step_message, totp_step,
};
use ring::hmac;

/// What an authenticator app is given: the secret as text and the address its QR code
/// carries.
#[derive(Debug, Clone)]
pub struct SecondFactorSetup {
    pub secret: String,
    pub uri: String,
}

/// Where a person stands with two-step sign-in.
#[derive(Debug, Clone)]
pub struct SecondFactorStatus {
    pub on_since: Option<Timestamp>,
    /// A setup started and not yet confirmed.
    pub setup: Option<SecondFactorSetup>,
    pub recovery_codes_left: i64,
    /// Whether the person's role must use it (then it cannot be turned off).
    pub required: bool,
}

/// The code an authenticator app shows at `at` for a base32 secret.
pub fn one_time_code(secret_base32: &str, at: Timestamp) -> Option<String> {
    Some(code_at(&decode_base32(secret_base32)?, totp_step(at)))
}

fn code_at(secret: &[u8], step: i64) -> String {
    let key = hmac::Key::new(hmac::HMAC_SHA1_FOR_LEGACY_USE_ONLY, secret);
    let tag = hmac::sign(&key, &step_message(step));
    let digest: [u8; 20] = tag.as_ref().try_into().expect("HMAC-SHA1 is 20 bytes");
    code_of_digest(&digest)
}

fn recovery_hash(normalized: &str) -> String {
    sha256_hex(&[b"recovery:", normalized.as_bytes()])
}

/// New recovery codes as shown once, and their hashes as kept.
fn new_recovery_codes() -> Result<(Vec<String>, Vec<String>), AppError> {
    let mut codes = Vec::with_capacity(RECOVERY_CODES);
    for _ in 0..RECOVERY_CODES {
        let mut random = [0u8; 7];
        fill_random(&mut random)?;
        codes.push(recovery_code(&random));
    }
    let hashes = codes
        .iter()
        .map(|c| recovery_hash(&normalize_code(c)))
        .collect();
    Ok((codes, hashes))
}

/// What a person's sealed secret is bound to: their id.
fn owner(user: &User) -> [u8; 8] {
    user.id.0.to_be_bytes()
}

fn wrong_code() -> AppError {
    AppError::invalid("code", "the code is wrong or was used already")
}

impl App {
    fn setup_of(&self, user: &User, sealed: &str) -> Result<SecondFactorSetup, AppError> {
        let secret = self.sealing()?.open(sealed, &owner(user))?;
        Ok(SecondFactorSetup {
            secret: base32(&secret),
            uri: otpauth_uri("Rapport", user.email.as_str(), &secret),
        })
    }

    /// The stage a session starts in once the password proved right.
    pub(crate) async fn stage_after_password(&self, user: &User) -> Result<SessionStage, AppError> {
        Ok(if user.second_factor_at.is_some() {
            SessionStage::Code
        } else if self.store.second_factor_roles().await?.contains(&user.role) {
            SessionStage::Enroll
        } else {
            SessionStage::Full
        })
    }

    pub async fn second_factor_status(
        &self,
        acting: &Acting,
    ) -> Result<SecondFactorStatus, AppError> {
        let user = self.acting_user(acting).await?;
        let stored = self.store.second_factor_of(user.id).await?;
        let setup = match &stored {
            Some(s) if s.confirmed_at.is_none() => Some(self.setup_of(&user, &s.sealed_secret)?),
            _ => None,
        };
        Ok(SecondFactorStatus {
            on_since: user.second_factor_at,
            setup,
            recovery_codes_left: self.store.unused_recovery_codes(user.id).await?,
            required: self.store.second_factor_roles().await?.contains(&user.role),
        })
    }

    /// Starts setting up one's own second factor with a new secret.
    pub async fn begin_second_factor(
        &self,
        acting: &Acting,
        now: Timestamp,
    ) -> Result<SecondFactorSetup, AppError> {
        let user = self.acting_user(acting).await?;
        if user.second_factor_at.is_some() {
            return Err(AppError::invalid(
                "second_factor",
                "two-step sign-in is on already; turn it off first to use another app",
            ));
        }
        let mut secret = [0u8; TOTP_SECRET_BYTES];
        fill_random(&mut secret)?;
        let sealed = self.sealing()?.seal(&secret, &owner(&user))?;
        self.store
            .begin_second_factor(user.id, &sealed, now)
            .await?;
        self.setup_of(&user, &sealed)
    }

    /// Confirms a setup with the app's first code; the recovery codes, shown once.
    pub async fn confirm_second_factor(
        &self,
        acting: &Acting,
        code: &str,
        now: Timestamp,
    ) -> Result<(User, Vec<String>), AppError> {
        let user = self.acting_user(acting).await?;
        let Some(stored) = self.store.second_factor_of(user.id).await? else {
            return Err(AppError::invalid("second_factor", "start the setup first"));
        };
        if stored.confirmed_at.is_some() {
            return Err(AppError::invalid(
                "second_factor",
                "two-step sign-in is on already",
            ));
        }
        let secret = self.sealing()?.open(&stored.sealed_secret, &owner(&user))?;
        let code = normalize_code(code);
        let step = acceptable_steps(now, None)
            .into_iter()
            .find(|step| crate::tokens::same_secret(&code_at(&secret, *step), &code))
            .ok_or_else(wrong_code)?;
        let (codes, hashes) = new_recovery_codes()?;
        let user = self
            .store
            .confirm_second_factor(user.id, step, &hashes, acting.actor(), now)
            .await?;
        Ok((user, codes))
    }

    /// New recovery codes for one's own second factor; the old ones stop working.
    pub async fn renew_recovery_codes(
        &self,
        acting: &Acting,
        now: Timestamp,
    ) -> Result<Vec<String>, AppError> {
        let user = self.acting_user(acting).await?;
        if user.second_factor_at.is_none() {
            return Err(AppError::invalid(
                "second_factor",
                "two-step sign-in is off",
            ));
        }
        let (codes, hashes) = new_recovery_codes()?;
        self.store
            .renew_recovery_codes(user.id, &hashes, acting.actor(), now)
            .await?;
        Ok(codes)
    }

    /// Whether `typed` is a current one-time code or an unused recovery code of `user`;
    /// either is used up by passing.
    async fn check_code(&self, user: &User, typed: &str, now: Timestamp) -> Result<bool, AppError> {
        let code = normalize_code(typed);
        let Some(stored) = self.store.second_factor_of(user.id).await? else {
            return Ok(false);
        };
        if stored.confirmed_at.is_none() {
            return Ok(false);
        }
        if !is_totp_code(&code) {
            return Ok(code.len() == 10
                && self
                    .store
                    .use_recovery_code(user.id, &recovery_hash(&code), now)
                    .await?);
        }
        let secret = self.sealing()?.open(&stored.sealed_secret, &owner(user))?;
        for step in acceptable_steps(now, stored.last_step) {
            if crate::tokens::same_secret(&code_at(&secret, step), &code) {
                return Ok(self.store.use_code_step(user.id, step).await?);
            }
        }
        Ok(false)
    }

    /// The second step of signing in: a session in stage `code` and the code typed.
    /// Failures count in the same throttle as wrong passwords.
    pub async fn pass_second_factor(
        &self,
        session: &WebSession,
        user: &User,
        code: &str,
        address: Option<&str>,
        now: Timestamp,
    ) -> Result<SignedIn, AppError> {
        if session.stage != SessionStage::Code {
            return Err(AppError::invalid(
                "second_factor",
                "this session does not owe a code",
            ));
        }
        let keys = Throttles::keys(&user.email, address);
        self.throttles
            .attempt(&keys, now)
            .map_err(|retry_after_secs| AppError::Throttled { retry_after_secs })?;
        if !self.check_code(user, code, now).await? {
            return Err(wrong_code());
        }
        self.throttles.succeeded(&keys);
        self.promote_session(session, user, now).await
    }

    /// The full session that replaces one in stage `enroll` once its second factor is
    /// set up.
    pub async fn finish_enrollment(
        &self,
        session: &WebSession,
        user: &User,
        now: Timestamp,
    ) -> Result<SignedIn, AppError> {
        if session.stage != SessionStage::Enroll || user.second_factor_at.is_none() {
            return Err(AppError::invalid(
                "second_factor",
                "set up two-step sign-in first",
            ));
        }
        self.promote_session(session, user, now).await
    }

    /// A new, full session in place of a staged one (a new secret: the staged cookie
    /// opens nothing more).
    async fn promote_session(
        &self,
        session: &WebSession,
        user: &User,
        now: Timestamp,
    ) -> Result<SignedIn, AppError> {
        let signed_in = self
            .open_session(
                user,
                SessionStage::Full,
                session.address.as_deref(),
                session.user_agent.as_deref(),
                now,
            )
            .await?;
        self.store.end_session(session.id).await?;
        Ok(signed_in)
    }

    /// Turns a second factor off: one's own with a current code (not when the role
    /// requires it), or anyone's as an admin's reset, which signs them out everywhere.
    pub async fn remove_second_factor(
        &self,
        acting: &Acting,
        user: UserId,
        code: Option<&str>,
        now: Timestamp,
    ) -> Result<User, AppError> {
        let own = acting.user_id() == Some(user);
        if !own {
            acting.may(Action::ManageUsers)?;
            return Ok(self
                .store
                .remove_second_factor(user, true, acting.actor(), now)
                .await?);
        }
        let me = self.acting_user(acting).await?;
        if self.store.second_factor_roles().await?.contains(&me.role) {
            return Err(AppError::invalid(
                "second_factor",
                "your role must sign in with a second factor; an admin can reset it",
            ));
        }
        if !self.check_code(&me, code.unwrap_or(""), now).await? {
            return Err(wrong_code());
        }
        Ok(self
            .store
            .remove_second_factor(user, false, acting.actor(), now)
            .await?)
    }

    pub async fn second_factor_roles(&self) -> Result<Vec<Role>, AppError> {
        Ok(self.store.second_factor_roles().await?)
    }

    /// Which roles must sign in with a second factor (admins only). It applies from
    /// each person's next sign-in.
    pub async fn set_second_factor_roles(
        &self,
        acting: &Acting,
        roles: &[Role],
        now: Timestamp,
    ) -> Result<(), AppError> {
        acting.may(Action::ManageUsers)?;
        Ok(self
            .store
            .set_second_factor_roles(roles, acting.actor(), now)
            .await?)
    }

    async fn acting_user(&self, acting: &Acting) -> Result<User, AppError> {
        let id = acting
            .user_id()
            .ok_or_else(|| AppError::Forbidden("only a person has a second factor".into()))?;
        Ok(self.store.get_user(id).await?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_match_rfc_6238s_sha1_vectors() {
        // RFC 6238 appendix B, the last six of the eight digits.
        let secret = base32(b"12345678901234567890");
        for (second, code) in [
            (59, "287082"),
            (1_111_111_109, "081804"),
            (1_234_567_890, "005924"),
            (2_000_000_000, "279037"),
        ] {
            let at = Timestamp::from_second(second).unwrap();
            assert_eq!(one_time_code(&secret, at).unwrap(), code, "at {second}");
        }
    }

    #[test]
    fn recovery_codes_are_distinct_and_kept_as_hashes() {
        let (codes, hashes) = new_recovery_codes().unwrap();
        assert_eq!(codes.len(), RECOVERY_CODES);
        let distinct: std::collections::HashSet<_> = codes.iter().collect();
        assert_eq!(distinct.len(), RECOVERY_CODES);
        assert!(
            codes
                .iter()
                .all(|c| c.len() == 11 && c.as_bytes()[5] == b'-')
        );
        assert_eq!(
            hashes[0],
            recovery_hash(&normalize_code(&codes[0].to_lowercase()))
        );
    }
}
