//! Signing in to the web desk: passwords (argon2id), browser sessions, the sign-in
//! throttle, each person's language, and turning an account off.
//!
//! A session's secret travels only in its cookie; the desk keeps its SHA-256, as it
//! does for API tokens. Failed sign-ins are counted per account and per address in
//! memory: a restart forgets them, which costs an attacker nothing they could not get
//! by waiting fifteen minutes.

use crate::tokens::{hash_token, random_hex};
use crate::{Acting, App, AppError};
use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use jiff::Timestamp;
use rapport_domain::{
    Action, CODE_STAGE_TTL, ENROLL_STAGE_TTL, EmailAddress, LanguageTag, SESSION_ABSOLUTE,
    SESSION_IDLE, SessionId, SessionStage, SignInThrottle, User, UserId, WebSession,
    check_password,
};
use rapport_store::NewSession;
use std::collections::HashMap;
use std::sync::Mutex;

/// Failures an account may have in fifteen minutes before sign-in waits.
const FREE_FAILURES_PER_ACCOUNT: usize = 5;
/// ... and an address, which may be an office behind one router.
const FREE_FAILURES_PER_ADDRESS: usize = 20;

/// A sign-in as the browser sent it.
#[derive(Debug, Clone)]
pub struct SignInInput {
    pub email: String,
    pub password: String,
    /// The client's network address, for the throttle and the sessions list.
    pub address: Option<String>,
    pub user_agent: Option<String>,
}

/// A successful sign-in: the session, and its secret for the cookie (shown once).
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub secret: String,
    pub session: WebSession,
    pub user: User,
}

/// Failed sign-ins per account (`a:` + address) and per network address (`n:` + address).
#[derive(Debug, Default)]
pub(crate) struct Throttles(Mutex<HashMap<String, SignInThrottle>>);

impl Throttles {
    /// The keys a sign-in by `email` from `address` counts under, the account's first
    /// (`succeeded` resets it).
    pub(crate) fn keys(email: &EmailAddress, address: Option<&str>) -> Vec<(String, usize)> {
        let mut keys = vec![(format!("a:{email}"), FREE_FAILURES_PER_ACCOUNT)];
        if let Some(address) = address {
            keys.push((
                format!("n:{}", network_of(address)),
                FREE_FAILURES_PER_ADDRESS,
            ));
        }
        keys
    }

    /// Either the seconds to wait, or the attempt counted as a failure of every key until
    /// its password proves right: counting it before the slow check means a burst of
    /// guesses sent at once is throttled like guesses sent one by one.
    pub(crate) fn attempt(&self, keys: &[(String, usize)], now: Timestamp) -> Result<(), u64> {
        let mut map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let wait = keys
            .iter()
            .filter_map(|(key, _)| map.get_mut(key)?.retry_after(now))
            .max();
        if let Some(wait) = wait {
            return Err(wait.as_secs().max(1) as u64);
        }
        if map.len() > 100_000 {
            map.retain(|_, throttle| !throttle.is_idle(now));
        }
        for (key, free) in keys {
            map.entry(key.clone())
                .or_insert_with(|| SignInThrottle::new(*free))
                .failed(now);
        }
        Ok(())
    }

    /// The password was right: the account starts afresh, the address is forgiven this
    /// attempt.
    pub(crate) fn succeeded(&self, keys: &[(String, usize)]) {
        let mut map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        for (n, (key, _)) in keys.iter().enumerate() {
            if n == 0 {
                map.remove(key);
            } else if let Some(throttle) = map.get_mut(key) {
                throttle.forgive();
            }
        }
    }
}

/// The argon2id hash of `password` as a PHC string (salt and parameters inside).
fn hash_password(password: &str) -> Result<String, AppError> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|hash| hash.to_string())
        .map_err(|e| AppError::Internal(format!("could not hash a password: {e}")))
}

fn verify_password(password: &str, phc: &str) -> bool {
    Argon2::default()
        .verify_password(password.as_bytes(), phc)
        .is_ok()
}

/// Hashing is tens of milliseconds of one core: off the async workers.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, AppError> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| AppError::Internal(format!("a password worker failed: {e}")))
}

fn wrong_credentials() -> AppError {
    AppError::Unauthenticated("wrong e-mail address or password".into())
}

impl App {
    /// Checks an address and password and opens a session. A wrong address and a wrong
    /// password are answered alike, after the same work.
    pub async fn sign_in(&self, input: SignInInput, now: Timestamp) -> Result<SignedIn, AppError> {
        let email = EmailAddress::parse(&input.email).map_err(|_| wrong_credentials())?;
        let keys = Throttles::keys(&email, input.address.as_deref());
        self.throttles
            .attempt(&keys, now)
            .map_err(|retry_after_secs| AppError::Throttled { retry_after_secs })?;
        let found = self.store.password_of(&email).await?;
        // Without an account, verify against a hash of nothing: the same time either way.
        let stored = found.as_ref().and_then(|(_, hash)| hash.clone());
        let password = input.password.clone();
        let verified = blocking(move || match stored {
            Some(hash) => verify_password(&password, &hash),
            None => {
                let _ = verify_password(&password, dummy_hash());
                false
            }
        })
        .await?;
        let user = match found {
            Some((user, _)) if verified && user.disabled_at.is_none() => user,
            _ => return Err(wrong_credentials()),
        };
        let stage = self.stage_after_password(&user).await?;
        if stage == SessionStage::Code {
            // The code still counts against the account: knowing the password must not
            // reset the throttle on guessing the code.
            self.throttles.succeeded(&keys[1..]);
        } else {
            self.throttles.succeeded(&keys);
        }
        self.open_session(
            &user,
            stage,
            input.address.as_deref(),
            input.user_agent.as_deref(),
            now,
        )
        .await
    }

    /// A new session for `user` in `stage`, with its secret for the cookie.
    pub(crate) async fn open_session(
        &self,
        user: &User,
        stage: SessionStage,
        address: Option<&str>,
        user_agent: Option<&str>,
        now: Timestamp,
    ) -> Result<SignedIn, AppError> {
        let secret = random_hex(32)?;
        let csrf = random_hex(32)?;
        let secret_hash = hash_token(&secret);
        let lifetime = match stage {
            SessionStage::Full => SESSION_ABSOLUTE,
            SessionStage::Code => CODE_STAGE_TTL,
            SessionStage::Enroll => ENROLL_STAGE_TTL,
        };
        let new = NewSession {
            user: user.id,
            secret_hash: &secret_hash,
            csrf: &csrf,
            address,
            user_agent: user_agent.map(|ua| cut(ua, 300)),
            expires_at: now + lifetime,
            stage,
        };
        let session = self
            .store
            .create_session(&new, Acting::user(user).actor(), now)
            .await?;
        Ok(SignedIn {
            secret,
            session,
            user: user.clone(),
        })
    }

    /// The live session a cookie's secret opens, and its user. A lapsed session is
    /// ended here; a live one's last-seen time is written at most once a minute.
    pub async fn session(
        &self,
        secret: &str,
        now: Timestamp,
    ) -> Result<Option<(WebSession, User)>, AppError> {
        let Some((session, user)) = self.store.session_by_secret(&hash_token(secret)).await? else {
            return Ok(None);
        };
        if !session.live_at(now) {
            self.store.end_session(session.id).await?;
            return Ok(None);
        }
        if session.needs_touch(now) {
            self.store.touch_session(session.id, now).await?;
        }
        Ok(Some((session, user)))
    }

    /// Ends one session: one's own, or anyone's for an admin.
    pub async fn end_session(&self, acting: &Acting, id: SessionId) -> Result<(), AppError> {
        let session = self.store.get_session(id).await?;
        acting.may_on_owned(Action::UseToken, session.user_id, || {
            AppError::not_found("session", id.0)
        })?;
        Ok(self.store.end_session(id).await?)
    }

    /// A person's sessions, most recently used first: one's own, or anyone's for an admin.
    pub async fn sessions(
        &self,
        acting: &Acting,
        user: UserId,
    ) -> Result<Vec<WebSession>, AppError> {
        acting.may_on_owned(Action::UseToken, user, || {
            AppError::not_found("user", user.0)
        })?;
        Ok(self.store.list_sessions(user).await?)
    }

    /// Signs a person out of every browser; how many sessions ended.
    pub async fn sign_out_everywhere(
        &self,
        acting: &Acting,
        user: UserId,
        now: Timestamp,
    ) -> Result<u64, AppError> {
        acting.may_on_owned(Action::UseToken, user, || {
            AppError::not_found("user", user.0)
        })?;
        Ok(self
            .store
            .end_sessions_of(user, acting.actor(), now)
            .await?)
    }

    /// Sets a password (one's own, or anyone's for an admin); every session of that
    /// person ends.
    pub async fn set_password(
        &self,
        acting: &Acting,
        user: UserId,
        password: &str,
        now: Timestamp,
    ) -> Result<(), AppError> {
        if acting.user_id() != Some(user) {
            acting.may(Action::ManageUsers)?;
        }
        check_password(password).map_err(|e| AppError::invalid("password", e.to_string()))?;
        let password = password.to_owned();
        let hash = blocking(move || hash_password(&password)).await??;
        Ok(self
            .store
            .set_password_hash(user, &hash, acting.actor(), now)
            .await?)
    }

    /// The language a person reads the desk in (one's own, or anyone's for an admin);
    /// none: their browser's.
    pub async fn set_user_language(
        &self,
        acting: &Acting,
        user: UserId,
        language: Option<LanguageTag>,
        now: Timestamp,
    ) -> Result<User, AppError> {
        if acting.user_id() != Some(user) {
            acting.may(Action::ManageUsers)?;
        }
        Ok(self
            .store
            .set_user_language(user, language.as_ref(), acting.actor(), now)
            .await?)
    }

    /// Turns an account off (it signs in nowhere, its sessions end, its tokens stop
    /// working) or on again. Admins only, and never oneself.
    pub async fn set_user_disabled(
        &self,
        acting: &Acting,
        user: UserId,
        disabled: bool,
        now: Timestamp,
    ) -> Result<User, AppError> {
        acting.may(Action::ManageUsers)?;
        if disabled && acting.user_id() == Some(user) {
            return Err(AppError::invalid(
                "user",
                "you cannot turn off your own account",
            ));
        }
        Ok(self
            .store
            .set_user_disabled(user, disabled, acting.actor(), now)
            .await?)
    }

    /// Forgets sessions that lapsed; run by the scheduler.
    pub(crate) async fn purge_sessions(&self, now: Timestamp) -> Result<u64, AppError> {
        Ok(self.store.purge_sessions(now, now - SESSION_IDLE).await?)
    }
}

/// A valid argon2id hash of a random password, made once.
fn dummy_hash() -> &'static str {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HASH.get_or_init(|| {
        let password = random_hex(16).unwrap_or_default();
        hash_password(&password).unwrap_or_default()
    })
}

/// The network an address stands for in the throttle: itself for IPv4, its /64 for IPv6
/// (one subscriber's share, which an attacker can walk through address by address).
fn network_of(address: &str) -> String {
    match address.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V6(v6)) => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
        _ => address.to_owned(),
    }
}

fn cut(text: &str, max: usize) -> &str {
    match text.char_indices().nth(max) {
        Some((at, _)) => &text[..at],
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ipv6_addresses_are_throttled_by_their_64() {
        assert_eq!(network_of("2001:db8:1:2:aaaa::1"), "2001:db8:1:2::/64");
        assert_eq!(network_of("2001:db8:1:2:bbbb::9"), "2001:db8:1:2::/64");
        assert_eq!(network_of("203.0.113.7"), "203.0.113.7");
    }

    #[test]
    fn a_hash_verifies_its_password_and_no_other() {
        let hash = hash_password("長いパスワードです").unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("長いパスワードです", &hash));
        assert!(!verify_password("長いパスワードでず", &hash));
        assert!(!verify_password("anything", "not a hash"));
    }
}
