//! A naive Bayes model of message kinds over words, word pairs and CJK character n-grams
//! of the fresh text, trained from the labelled development set and compiled in from
//! `lexicons/kind_model.tsv` (rebuilt with `rapport eval train-kinds eval/devset`).
//!
//! It reads the wording the phrase lexicon has no entry for; `kinds.rs` adds its
//! probabilities to the lexicon's shares. Deterministic, and explainable: the features
//! that raise a kind most are its evidence.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;
use std::sync::LazyLock;

/// The kinds, in the model file's column order.
pub const KINDS: [&str; 9] = [
    "question",
    "new_work",
    "change_request",
    "incident",
    "complaint",
    "material_delivery",
    "approval",
    "payment",
    "small_talk",
];

/// Additive smoothing of feature counts.
const ALPHA: f64 = 0.1;
/// Features seen in fewer training messages than this are left out of the model.
const MIN_MESSAGES: u32 = 2;

fn is_cjk(c: char) -> bool {
    c as u32 > 0x2E80
}

/// A feature's hash from its kind tag and characters, computed the same way from a key
/// of the model file and from the text, so decoding builds no strings.
fn feature_hash(tag: char, chars: impl Iterator<Item = char>) -> u64 {
    let mix =
        |h: u64, v: u32| (h.rotate_left(5) ^ u64::from(v)).wrapping_mul(0x517c_c1b7_2722_0a95);
    chars.fold(mix(0, tag as u32), |h, c| mix(h, c as u32))
}

/// The hash of a model file key: `w:word`, `b:word word`, `c1:字` to `c3:字字字`, `Q?`.
fn key_hash(key: &str) -> u64 {
    match key.split_once(':') {
        Some(("w", rest)) => feature_hash('w', rest.chars()),
        Some(("b", rest)) => feature_hash('b', rest.chars()),
        Some((n, rest)) if n.starts_with('c') => {
            feature_hash(n.chars().nth(1).unwrap_or('0'), rest.chars())
        }
        _ => feature_hash('Q', key.chars()),
    }
}

/// The features of a (fresh, normalised) text: lower-cased ASCII words and word pairs,
/// CJK character 1- to 3-grams (across punctuation, which CJK text is written without
/// spaces around), and whether a question mark appears: each feature's hash and where
/// it was seen go to `found`. With `keys`, also their keys as written to the model file.
///
/// `found` answers whether the model knows the feature: a longer n-gram or word pair is
/// offered only when its first part is known, since a pruned model that lacks "AB"
/// (seen in too few messages) lacks "ABC" too. Training answers yes to all.
fn features(
    text: &str,
    mut keys: Option<&mut Vec<String>>,
    mut found: impl FnMut(u64, Range<usize>) -> bool,
) {
    let mut words: Vec<Range<usize>> = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        let word_char = c.is_ascii_alphabetic() || c == '\'';
        match (start, word_char) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                words.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    let lower = |range: &Range<usize>| text[range.clone()].chars().map(|c| c.to_ascii_lowercase());
    for (n, word) in words.iter().enumerate() {
        if let Some(keys) = keys.as_deref_mut() {
            keys.push(format!("w:{}", lower(word).collect::<String>()));
        }
        if !found(feature_hash('w', lower(word)), word.clone()) {
            continue;
        }
        if let Some(next) = words.get(n + 1) {
            let pair = || lower(word).chain([' ']).chain(lower(next));
            if let Some(keys) = keys.as_deref_mut() {
                keys.push(format!("b:{}", pair().collect::<String>()));
            }
            found(feature_hash('b', pair()), word.start..next.end);
        }
    }
    let cjk: Vec<(usize, char)> = text.char_indices().filter(|(_, c)| is_cjk(*c)).collect();
    for i in 0..cjk.len() {
        for (n, tag) in [(1, '1'), (2, '2'), (3, '3')] {
            let Some(window) = cjk.get(i..i + n) else {
                break;
            };
            let (first, last) = (window[0].0, window[n - 1]);
            if let Some(keys) = keys.as_deref_mut() {
                keys.push(format!(
                    "c{n}:{}",
                    window.iter().map(|(_, c)| *c).collect::<String>()
                ));
            }
            let known = found(
                feature_hash(tag, window.iter().map(|(_, c)| *c)),
                first..last.0 + last.1.len_utf8(),
            );
            if !known {
                break;
            }
        }
    }
    if text.contains(['?', '？']) {
        found(key_hash("Q?"), 0..0);
        if let Some(keys) = keys {
            keys.push("Q?".into());
        }
    }
}

/// Hashes that are already hashes: the model's map needs no second hashing.
#[derive(Default)]
struct Prehashed(u64);

impl Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// The model file for labelled messages `(text as written, primary kind)`: per kind the
/// number of messages, and per feature the number of messages of each kind holding it.
/// Features are read from the fresh text exactly as the decoder reads it.
pub fn train<'a>(examples: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let mut messages = [0u32; 9];
    let mut counts: BTreeMap<String, [u32; 9]> = BTreeMap::new();
    for (raw, kind) in examples {
        let Some(k) = KINDS.iter().position(|known| *known == kind) else {
            continue;
        };
        messages[k] += 1;
        let fresh = crate::text::Text::new(raw).fresh_text();
        let mut keys = Vec::new();
        features(&fresh, Some(&mut keys), |_, _| true);
        for key in keys.into_iter().collect::<BTreeSet<_>>() {
            counts.entry(key).or_insert([0; 9])[k] += 1;
        }
    }
    counts.retain(|_, per_kind| per_kind.iter().sum::<u32>() >= MIN_MESSAGES);
    let row = |values: &[u32; 9]| {
        values
            .iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join("\t")
    };
    let mut file = String::from(
        "# Kind model: messages per kind, then per feature the number of training messages of each kind holding it.\n",
    );
    file.push_str(&format!("kinds\t{}\n", KINDS.join("\t")));
    file.push_str(&format!("messages\t{}\n", row(&messages)));
    for (key, per_kind) in &counts {
        // Keys never hold tabs or line breaks: words are letters, n-grams CJK characters.
        file.push_str(&format!("{key}\t{}\n", row(per_kind)));
    }
    file
}

struct Model {
    /// Log prior of each kind.
    prior: [f32; 9],
    /// Per feature hash, its row in `likelihood`: a small map, so the many features the
    /// model does not know are missed in cache.
    rows: HashMap<u64, u32, BuildHasherDefault<Prehashed>>,
    /// Per feature: log P(feature | kind).
    likelihood: Vec<[f32; 9]>,
}

fn parse(text: &str) -> Option<Model> {
    let mut messages = [0f64; 9];
    let mut rows: Vec<(String, [f64; 9])> = Vec::new();
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let mut fields = line.split('\t');
        let key = fields.next()?;
        if key == "kinds" {
            continue;
        }
        let mut values = [0f64; 9];
        for value in &mut values {
            *value = fields.next()?.parse().ok()?;
        }
        if key == "messages" {
            messages = values;
        } else {
            rows.push((key.to_owned(), values));
        }
    }
    let total_messages: f64 = messages.iter().sum();
    if total_messages == 0.0 {
        return None;
    }
    let mut totals = [0f64; 9];
    for (_, values) in &rows {
        for k in 0..9 {
            totals[k] += values[k];
        }
    }
    let vocabulary = rows.len() as f64;
    let prior = messages.map(|m| ((m + ALPHA) / (total_messages + 9.0 * ALPHA)).ln() as f32);
    let mut index = HashMap::default();
    let mut likelihood = Vec::with_capacity(rows.len());
    for (key, values) in rows {
        let mut logs = [0f32; 9];
        for k in 0..9 {
            logs[k] = ((values[k] + ALPHA) / (totals[k] + ALPHA * vocabulary)).ln() as f32;
        }
        index.insert(key_hash(&key), u32::try_from(likelihood.len()).ok()?);
        likelihood.push(logs);
    }
    Some(Model {
        prior,
        rows: index,
        likelihood,
    })
}

static MODEL: LazyLock<Option<Model>> =
    LazyLock::new(|| parse(include_str!("../lexicons/kind_model.tsv")));

/// What the model says of a text: the probability of each kind, and for each kind the
/// byte ranges of the features that favour it most.
pub struct Reading {
    pub probability: [f32; 9],
    pub evidence: [Vec<Range<usize>>; 9],
}

/// The model's reading of a fresh, normalised text; `None` when no model is compiled in.
pub fn read(fresh: &str) -> Option<Reading> {
    let model = MODEL.as_ref()?;
    // Only features the model knows count, each once, wherever it first appears.
    let mut seen = vec![0u64; model.likelihood.len().div_ceil(64)];
    let mut known: Vec<(u32, Range<usize>)> = Vec::new();
    features(fresh, None, |hash, range| {
        let Some(&row) = model.rows.get(&hash) else {
            return false;
        };
        let (word, bit) = (row as usize / 64, 1u64 << (row % 64));
        if seen[word] & bit == 0 {
            seen[word] |= bit;
            known.push((row, range));
        }
        true
    });
    let mut score = model.prior;
    let mut favour: [Vec<(f32, Range<usize>)>; 9] = Default::default();
    for (row, range) in known {
        let logs = &model.likelihood[row as usize];
        for k in 0..9 {
            score[k] += logs[k];
        }
        if range.is_empty() {
            continue;
        }
        // The kind this feature favours most, and by how much over the runner-up.
        let (mut best, mut second) = (0, 1);
        if logs[second] > logs[best] {
            std::mem::swap(&mut best, &mut second);
        }
        for k in 2..9 {
            if logs[k] > logs[best] {
                second = best;
                best = k;
            } else if logs[k] > logs[second] {
                second = k;
            }
        }
        let margin = logs[best] - logs[second];
        if margin > 1.0 {
            favour[best].push((margin, range));
        }
    }
    let best = score.iter().copied().fold(f32::MIN, f32::max);
    let exp = score.map(|s| (s - best).exp());
    let total: f32 = exp.iter().sum();
    let probability = exp.map(|e| e / total);
    let evidence = favour.map(|mut list| {
        list.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.start.cmp(&b.1.start)));
        list.into_iter().take(3).map(|(_, range)| range).collect()
    });
    Some(Reading {
        probability,
        evidence,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn features_cover_words_pairs_and_cjk_ngrams() {
        let mut keys = Vec::new();
        let mut hashes = Vec::new();
        features("Please fix 至急", Some(&mut keys), |hash, _| {
            hashes.push(hash);
            true
        });
        for key in ["w:please", "b:please fix", "c1:至", "c2:至急"] {
            let at = keys.iter().position(|k| k == key);
            assert!(at.is_some(), "{key} in {keys:?}");
            assert_eq!(hashes[at.unwrap()], key_hash(key), "{key} hashes alike");
        }
    }

    #[test]
    fn a_trained_model_reads_its_kinds_back() {
        let examples = [
            ("the site is down again", "incident"),
            ("the server is down", "incident"),
            ("please send the invoice", "payment"),
            ("the invoice is attached", "payment"),
            ("サイトが落ちています", "incident"),
            ("サイトが表示されません", "incident"),
        ];
        let model = parse(&train(examples)).unwrap();
        let score = |text: &str, kind: usize| {
            let mut s = model.prior[kind];
            let mut hashes = BTreeSet::new();
            features(text, None, |hash, _| {
                hashes.insert(hash);
                true
            });
            for hash in hashes {
                if let Some(&row) = model.rows.get(&hash) {
                    s += model.likelihood[row as usize][kind];
                }
            }
            s
        };
        assert!(score("is the site down?", 3) > score("is the site down?", 7));
        assert!(score("invoice please", 7) > score("invoice please", 3));
        assert!(score("サイトが落ちた", 3) > score("サイトが落ちた", 7));
    }
}
