//! The clarifying reply's sentences per language and register (`lexicons/replies.tsv`).

use crate::detect::Lang;
use std::collections::HashMap;
use std::sync::LazyLock;

static PARTS: LazyLock<HashMap<(&'static str, &'static str, &'static str), &'static str>> =
    LazyLock::new(|| {
        include_str!("../lexicons/replies.tsv")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|line| {
                let mut fields = line.splitn(4, '\t');
                Some((
                    (fields.next()?, fields.next()?, fields.next()?),
                    fields.next()?,
                ))
            })
            .collect()
    });

/// One sentence of a reply: `key` is `open`, `close` or an open-question code.
pub fn part(language: Lang, register: &str, key: &str) -> Option<&'static str> {
    PARTS.get(&(language.as_str(), register, key)).copied()
}
