//! Bytes as text, and random bytes: the hex of hashes, secrets and sealed values.

use crate::AppError;

/// Lower-case hex.
pub(crate) fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut out, b| {
            let _ = write!(out, "{b:02x}");
            out
        })
}

/// The bytes of a hex text; none when it is not hex.
pub(crate) fn decode_hex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

pub(crate) fn fill_random(buffer: &mut [u8]) -> Result<(), AppError> {
    getrandom::fill(buffer).map_err(|e| AppError::Internal(format!("no random bytes: {e}")))
}
