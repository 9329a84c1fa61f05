//! Fuzz target: any bytes must parse as mail without panicking (mail-parser's own panics
//! are caught and reported as a warning), with the raw bytes kept whole, a hash that is
//! the bytes' own, and text free of NUL and carriage returns.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rapport_mail::{Limits, parse, sha256_hex};

fuzz_target!(|data: &[u8]| {
    let mail = parse(data, &Limits { max_attachment_bytes: 4096 });
    assert_eq!(mail.raw, data);
    assert_eq!(mail.raw_sha256, sha256_hex(data));
    assert!(!mail.text.contains(['\0', '\r']));
    for attachment in &mail.attachments {
        assert_eq!(attachment.content.is_some(), attachment.size <= 4096);
    }
});
