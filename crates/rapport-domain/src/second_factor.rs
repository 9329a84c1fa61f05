//! Two-step sign-in: time-based one-time codes as every authenticator app reads them
//! (RFC 6238: 30-second steps, six digits, HMAC-SHA1, the secret in base32), the
//! single-use recovery codes that stand in for a lost phone, and where a half-finished
//! sign-in may go. The HMAC itself is computed by the caller; the rules are here.

use crate::text_enum;
use jiff::{SignedDuration, Timestamp};

/// A code changes every this many seconds.
pub const TOTP_STEP_SECS: i64 = 30;
/// Codes one step early or late are taken: phones' clocks drift.
pub const TOTP_SKEW_STEPS: i64 = 1;
/// The secret's length in bytes (160 bits, as RFC 4226 recommends for HMAC-SHA1).
pub const TOTP_SECRET_BYTES: usize = 20;
/// How many recovery codes a person gets at a time.
pub const RECOVERY_CODES: usize = 10;
/// A password-checked browser has this long to type its code ...
pub const CODE_STAGE_TTL: SignedDuration = SignedDuration::from_mins(10);
/// ... or, when its role requires a second factor it has not set up, to set it up.
pub const ENROLL_STAGE_TTL: SignedDuration = SignedDuration::from_mins(30);

text_enum!(
    /// How far a browser session got: signed in, or past the password and owing its
    /// second factor (its code, or setting one up because the role requires it).
    SessionStage, "session stage" {
        Full => "full",
        Code => "code",
        Enroll => "enroll",
    }
);

/// The 30-second step `at` falls in.
pub fn totp_step(at: Timestamp) -> i64 {
    at.as_second().div_euclid(TOTP_STEP_SECS)
}

/// The steps a code typed at `at` may belong to, newest first, leaving out the last one
/// used and those before it: a code works once.
pub fn acceptable_steps(at: Timestamp, last_used: Option<i64>) -> Vec<i64> {
    let now = totp_step(at);
    (now - TOTP_SKEW_STEPS..=now + TOTP_SKEW_STEPS)
        .rev()
        .filter(|step| last_used.is_none_or(|last| *step > last))
        .collect()
}

/// The step as the eight big-endian bytes the HMAC signs.
pub fn step_message(step: i64) -> [u8; 8] {
    step.to_be_bytes()
}

/// The six-digit code of an HMAC-SHA1 digest (RFC 4226's dynamic truncation).
pub fn code_of_digest(digest: &[u8; 20]) -> String {
    let offset = usize::from(digest[19] & 0x0f);
    let bytes = [
        digest[offset] & 0x7f,
        digest[offset + 1],
        digest[offset + 2],
        digest[offset + 3],
    ];
    format!("{:06}", u32::from_be_bytes(bytes) % 1_000_000)
}

/// What a person typed as a code, as digits and letters only: spaces and dashes go,
/// full-width digits and letters (typed with a Japanese or Chinese input method on)
/// become ASCII, letters upper case.
pub fn normalize_code(typed: &str) -> String {
    typed
        .chars()
        .filter_map(|c| {
            let c = match c {
                '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => {
                    char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
                }
                c => c,
            };
            c.is_ascii_alphanumeric().then(|| c.to_ascii_uppercase())
        })
        .collect()
}

/// Whether a normalised code is a six-digit one-time code (else it may be a recovery code).
pub fn is_totp_code(code: &str) -> bool {
    code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit())
}

const BASE32: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// RFC 4648 base32 without padding, the form authenticator apps take a secret in.
pub fn base32(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(5) * 8);
    for chunk in bytes.chunks(5) {
        let mut block = [0u8; 5];
        block[..chunk.len()].copy_from_slice(chunk);
        let bits = block.iter().fold(0u64, |acc, b| (acc << 8) | u64::from(*b));
        let chars = (chunk.len() * 8).div_ceil(5);
        for n in 0..chars {
            let index = (bits >> (35 - 5 * n)) & 0x1f;
            out.push(char::from(BASE32[index as usize]));
        }
    }
    out
}

/// The bytes of an RFC 4648 base32 text (padding, spaces and case ignored); none when
/// a character is not base32.
pub fn decode_base32(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 5 / 8);
    let (mut bits, mut count) = (0u32, 0);
    for c in text.chars().filter(|c| !matches!(c, '=' | ' ')) {
        let c = c.to_ascii_uppercase() as u8;
        let value = BASE32.iter().position(|b| *b == c)? as u32;
        bits = (bits << 5) | value;
        count += 5;
        if count >= 8 {
            count -= 8;
            out.push((bits >> count) as u8);
            bits &= (1 << count) - 1;
        }
    }
    Some(out)
}

/// A recovery code: fifty random bits as ten base32 characters in two groups of five,
/// easy to read aloud and to type.
pub fn recovery_code(random: &[u8; 7]) -> String {
    let text = base32(random);
    format!("{}-{}", &text[..5], &text[5..10])
}

/// The `otpauth://` address an authenticator app scans from the QR code.
pub fn otpauth_uri(issuer: &str, account: &str, secret: &[u8]) -> String {
    let issuer = percent_encode(issuer);
    format!(
        "otpauth://totp/{issuer}:{account}?secret={secret}&issuer={issuer}&algorithm=SHA1&digits=6&period={TOTP_STEP_SECS}",
        account = percent_encode(account),
        secret = base32(secret),
    )
}

fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'@' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base32_follows_rfc_4648() {
        assert_eq!(base32(b""), "");
        assert_eq!(base32(b"f"), "MY");
        assert_eq!(base32(b"fo"), "MZXQ");
        assert_eq!(base32(b"foo"), "MZXW6");
        assert_eq!(base32(b"foob"), "MZXW6YQ");
        assert_eq!(base32(b"fooba"), "MZXW6YTB");
        assert_eq!(base32(b"foobar"), "MZXW6YTBOI");
        for text in [&b""[..], b"f", b"fo", b"foo", b"foob", b"fooba", b"foobar"] {
            assert_eq!(decode_base32(&base32(text)).unwrap(), text);
        }
        assert_eq!(decode_base32("mzxw 6ytb oi==").unwrap(), b"foobar");
        assert_eq!(decode_base32("MZ1"), None);
    }

    #[test]
    fn steps_are_thirty_seconds_and_a_used_one_is_not_taken_again() {
        let at = Timestamp::from_second(59).unwrap();
        assert_eq!(totp_step(at), 1);
        assert_eq!(acceptable_steps(at, None), vec![2, 1, 0]);
        assert_eq!(acceptable_steps(at, Some(1)), vec![2]);
        assert_eq!(acceptable_steps(at, Some(2)), Vec::<i64>::new());
    }

    #[test]
    fn truncation_gives_rfc_4226s_codes() {
        // RFC 4226 appendix D: HMAC-SHA1 of counter 0 with "12345678901234567890".
        let digest: [u8; 20] = [
            0xcc, 0x93, 0xcf, 0x18, 0x50, 0x8d, 0x94, 0x93, 0x4c, 0x64, 0xb6, 0x5d, 0x8b, 0xa7,
            0x66, 0x7f, 0xb7, 0xcd, 0xe4, 0xb0,
        ];
        assert_eq!(code_of_digest(&digest), "755224");
    }

    #[test]
    fn typed_codes_are_normalised() {
        assert_eq!(normalize_code(" 123 456 "), "123456");
        assert_eq!(normalize_code("１２３４５６"), "123456");
        assert_eq!(normalize_code("abcde-fghij"), "ABCDEFGHIJ");
        assert!(is_totp_code("123456") && !is_totp_code("12345") && !is_totp_code("ABCDEF"));
    }

    #[test]
    fn recovery_codes_and_addresses_read_well() {
        assert_eq!(recovery_code(&[0; 7]), "AAAAA-AAAAA");
        let uri = otpauth_uri("Rapport", "佐藤 <sato@example.jp>", b"foobar");
        assert!(uri.starts_with("otpauth://totp/Rapport:%E4%BD%90"), "{uri}");
        assert!(uri.contains("secret=MZXW6YTBOI&issuer=Rapport"), "{uri}");
    }
}
