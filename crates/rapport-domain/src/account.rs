//! Signing in to the web desk: which passwords are accepted, how long a browser session
//! lives, and when repeated failures make sign-in wait.

use crate::{SessionId, UserId};
use jiff::{SignedDuration, Timestamp};
use std::collections::VecDeque;

pub const PASSWORD_MIN_CHARS: usize = 8;
pub const PASSWORD_MAX_CHARS: usize = 128;

/// Passwords found at the top of every leaked-password list, lower case, one per line.
const COMMON_PASSWORDS: &str = include_str!("../data/common-passwords.txt");

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PasswordError {
    #[error("a password needs at least {PASSWORD_MIN_CHARS} characters")]
    TooShort,
    #[error("a password has at most {PASSWORD_MAX_CHARS} characters")]
    TooLong,
    #[error("this password is among the most common ones and is guessed first; choose another")]
    Common,
}

/// A password is 8 to 128 characters (not bytes: ８文字 counts as 8) and not one of the
/// passwords attackers try first.
pub fn check_password(password: &str) -> Result<(), PasswordError> {
    let chars = password.chars().count();
    if chars < PASSWORD_MIN_CHARS {
        return Err(PasswordError::TooShort);
    }
    if chars > PASSWORD_MAX_CHARS {
        return Err(PasswordError::TooLong);
    }
    let lower = password.to_lowercase();
    if COMMON_PASSWORDS.lines().any(|common| common == lower) {
        return Err(PasswordError::Common);
    }
    Ok(())
}

/// A session ends this long after it was last seen.
pub const SESSION_IDLE: SignedDuration = SignedDuration::from_hours(4);
/// ... and this long after sign-in, however busy: a working day, then sign in again.
pub const SESSION_ABSOLUTE: SignedDuration = SignedDuration::from_hours(12);
/// Last-seen times are written at most this often, not on every page.
pub const SESSION_TOUCH: SignedDuration = SignedDuration::from_mins(1);

/// A signed-in browser, as the desk keeps it (never its secret).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct WebSession {
    pub id: SessionId,
    pub user_id: UserId,
    /// The token every form and partial update of this session carries.
    #[serde(skip)]
    pub csrf: String,
    pub address: Option<String>,
    pub user_agent: Option<String>,
    pub created_at: Timestamp,
    pub last_seen_at: Timestamp,
    pub expires_at: Timestamp,
    /// Signed in, or past the password and owing a second factor.
    pub stage: crate::SessionStage,
}

impl WebSession {
    /// Within both its idle and its absolute timeout.
    pub fn live_at(&self, now: Timestamp) -> bool {
        now < self.expires_at && now < self.last_seen_at + SESSION_IDLE
    }

    /// Whether its last-seen time is old enough to be written again.
    pub fn needs_touch(&self, now: Timestamp) -> bool {
        now >= self.last_seen_at + SESSION_TOUCH
    }
}

/// Failures count for this long.
pub const THROTTLE_WINDOW: SignedDuration = SignedDuration::from_mins(15);
/// The longest wait, so the real person is never locked out for long.
const THROTTLE_MAX_WAIT: SignedDuration = SignedDuration::from_mins(15);

/// Failed sign-ins of one account or from one address. Once `free` failures are in the
/// window, the next try waits one minute after the last failure, doubling with each
/// further failure up to fifteen minutes.
#[derive(Debug, Clone)]
pub struct SignInThrottle {
    free: usize,
    failures: VecDeque<Timestamp>,
}

impl SignInThrottle {
    pub fn new(free: usize) -> Self {
        Self {
            free,
            failures: VecDeque::new(),
        }
    }

    /// How long until a try is allowed; `None`: now.
    pub fn retry_after(&mut self, now: Timestamp) -> Option<SignedDuration> {
        self.forget_before(now);
        let over = self.failures.len().checked_sub(self.free)?;
        let last = *self.failures.back()?;
        let minutes = 1i64 << over.min(4);
        let wait = SignedDuration::from_mins(minutes).min(THROTTLE_MAX_WAIT);
        let ready = last + wait;
        (ready > now).then(|| ready.duration_since(now))
    }

    pub fn failed(&mut self, now: Timestamp) {
        self.forget_before(now);
        self.failures.push_back(now);
    }

    /// Takes back the newest failure: an attempt counted before its password was checked
    /// turned out right.
    pub fn forgive(&mut self) {
        self.failures.pop_back();
    }

    /// No failure within the window: the entry can be dropped.
    pub fn is_idle(&mut self, now: Timestamp) -> bool {
        self.forget_before(now);
        self.failures.is_empty()
    }

    fn forget_before(&mut self, now: Timestamp) {
        while self
            .failures
            .front()
            .is_some_and(|at| *at + THROTTLE_WINDOW <= now)
        {
            self.failures.pop_front();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(minutes: i64) -> Timestamp {
        Timestamp::from_second(1_800_000_000).unwrap() + SignedDuration::from_mins(minutes)
    }

    #[test]
    fn passwords_are_counted_in_characters_and_common_ones_refused() {
        assert_eq!(check_password("short"), Err(PasswordError::TooShort));
        assert_eq!(check_password("パスワード長い文字"), Ok(()));
        assert_eq!(check_password("密码要八个字"), Err(PasswordError::TooShort));
        assert_eq!(
            check_password(&"x".repeat(129)),
            Err(PasswordError::TooLong)
        );
        assert_eq!(check_password("Password1"), Err(PasswordError::Common));
        assert_eq!(check_password("qwertyuiop"), Err(PasswordError::Common));
        assert_eq!(check_password("tall-cedar-lantern"), Ok(()));
    }

    #[test]
    fn sessions_end_when_idle_or_at_their_absolute_end() {
        let session = WebSession {
            id: SessionId(1),
            user_id: UserId(1),
            csrf: String::new(),
            address: None,
            user_agent: None,
            created_at: at(0),
            last_seen_at: at(0),
            expires_at: at(0) + SESSION_ABSOLUTE,
            stage: crate::SessionStage::Full,
        };
        assert!(session.live_at(at(239)));
        assert!(!session.live_at(at(240)));
        let busy = WebSession {
            last_seen_at: at(12 * 60 - 1),
            ..session.clone()
        };
        assert!(busy.live_at(at(12 * 60 - 1)));
        assert!(!busy.live_at(at(12 * 60)));
        assert!(!session.needs_touch(at(0)));
        assert!(session.needs_touch(at(1)));
    }

    #[test]
    fn the_throttle_waits_longer_with_each_failure_and_forgets_after_the_window() {
        let mut throttle = SignInThrottle::new(3);
        for minute in 0..2 {
            throttle.failed(at(minute));
            assert_eq!(throttle.retry_after(at(minute)), None);
        }
        // The third failure uses up the free ones: one minute after it.
        throttle.failed(at(2));
        assert_eq!(
            throttle.retry_after(at(2)),
            Some(SignedDuration::from_mins(1))
        );
        assert_eq!(throttle.retry_after(at(3)), None);
        throttle.failed(at(3));
        assert_eq!(
            throttle.retry_after(at(3)),
            Some(SignedDuration::from_mins(2))
        );
        for _ in 0..10 {
            throttle.failed(at(5));
        }
        assert_eq!(
            throttle.retry_after(at(5)),
            Some(SignedDuration::from_mins(15))
        );
        assert!(!throttle.is_idle(at(19)));
        assert!(throttle.is_idle(at(20)));
        assert_eq!(throttle.retry_after(at(20)), None);
    }
}
