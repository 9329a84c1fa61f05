//! `rapport eval`: the decoder measured against labelled data.
//!
//! `decoder`: per-field accuracy on the development set (`eval/devset/*.jsonl`), per
//! language (purpose apart, in `purpose.rs`). `outbound`: the outbound reader's promises and asks (`outbound.rs`); `lint`:
//! the composer's linter on labelled drafts (`lint.rs`); `purpose`: what deliverables are
//! for (`purpose.rs`). `train-kinds`: the decoder's kind model from a labelled set. `time`: agreement with Duckling's time corpus (instant rows, date grain)
//! or chrono's test phrases, read from `../shared/eval/time_expressions/`.

use crate::cli::EvalCommand;
use crate::decode::sent_in_zone;
use anyhow::Context;
use jiff::civil::{Date, DateTime};
use rapport_domain::{BusinessCalendar, CalendarId, TimeZoneName};
use rapport_language::text::normalize_char;
use rapport_language::time::resolve_all;
use rapport_language::{Card, DecodeInput, decode};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

mod lint;
mod outbound;
mod purpose;

pub fn run(command: &EvalCommand) -> anyhow::Result<()> {
    match command {
        EvalCommand::Decoder { set, errors } => eval_decoder(set, *errors),
        EvalCommand::Time { tsv, errors } => eval_time(tsv, *errors),
        EvalCommand::TrainKinds { set } => train_kinds(set),
        EvalCommand::Outbound { set, errors } => outbound::eval_outbound(set, *errors),
        EvalCommand::Lint { set, errors } => lint::eval_lint(set, *errors),
        EvalCommand::Purpose { set, errors } => purpose::eval_purpose(set, *errors),
    }
}

/// One labelled message of a set: what every set holds, and its labels `E`.
#[derive(Deserialize)]
pub(super) struct Labelled<E> {
    pub(super) id: String,
    pub(super) text: String,
    pub(super) sent_at: String,
    pub(super) tz: String,
    pub(super) expect: E,
}

impl<E> Labelled<E> {
    /// The decoder's card for this inbound message, as sent in its zone on its calendar.
    pub(super) fn decoded(&self) -> anyhow::Result<Card> {
        let zone = TimeZoneName::parse(&self.tz)?;
        let sent = sent_in_zone(&self.sent_at, &zone)?;
        decode(&DecodeInput {
            text: &self.text,
            sent_at: &sent,
            calendar: CalendarId::choose(&zone, None)?.calendar(),
            scope: None,
        })
        .with_context(|| format!("{}: decoding failed", self.id))
    }
}

#[derive(Deserialize)]
struct Expect {
    language: String,
    deadline: Option<ExpectDeadline>,
    urgency: ExpectUrgency,
    requester: Option<String>,
    kinds: Vec<String>,
    tone: String,
}

#[derive(Deserialize)]
struct ExpectDeadline {
    date: Option<String>,
    time: Option<String>,
    vague: bool,
}

#[derive(Deserialize)]
struct ExpectUrgency {
    stated: bool,
    level: String,
}

/// Hits and trials of one field in one language.
#[derive(Default, Clone, Copy)]
pub(super) struct Score {
    pub(super) hits: usize,
    pub(super) trials: usize,
}

impl Score {
    pub(super) fn add(&mut self, hit: bool) {
        self.trials += 1;
        self.hits += usize::from(hit);
    }

    pub(super) fn show(self) -> String {
        if self.trials == 0 {
            return "-".to_owned();
        }
        format!(
            "{:.1}% ({}/{})",
            100.0 * self.hits as f64 / self.trials as f64,
            self.hits,
            self.trials
        )
    }
}

pub(super) fn files_in(set: &Path) -> anyhow::Result<Vec<PathBuf>> {
    if set.is_dir() {
        let mut files: Vec<PathBuf> = std::fs::read_dir(set)
            .with_context(|| format!("failed to read {}", set.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
            .collect();
        files.sort();
        Ok(files)
    } else {
        Ok(vec![set.to_owned()])
    }
}

const FIELDS: [&str; 11] = [
    "language",
    "deadline present",
    "deadline date",
    "deadline time",
    "vague flag",
    "urgency level",
    "urgency stated",
    "requester",
    "kind top-1",
    "kind top-1 labelled",
    "tone",
];

/// Every line of a set (a .jsonl file or a folder of them) as a `T`, in file order.
pub(super) fn items_of<T: serde::de::DeserializeOwned>(set: &Path) -> anyhow::Result<Vec<T>> {
    let mut items = Vec::new();
    for file in files_in(set)? {
        let text = std::fs::read_to_string(&file)
            .with_context(|| format!("failed to read {}", file.display()))?;
        for (index, line) in text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
        {
            items.push(serde_json::from_str(line).with_context(|| {
                format!("{}:{}: not a labelled item", file.display(), index + 1)
            })?);
        }
    }
    Ok(items)
}

/// Prints the kind model trained on a labelled set (each item's first kind).
fn train_kinds(set: &Path) -> anyhow::Result<()> {
    let items = items_of::<Labelled<Expect>>(set)?;
    anyhow::ensure!(
        !items.is_empty(),
        "{} holds no labelled items",
        set.display()
    );
    let examples = items.iter().filter_map(|item| {
        let kind = item.expect.kinds.first()?;
        Some((item.text.as_str(), kind.as_str()))
    });
    print!("{}", rapport_language::train_kind_model(examples));
    Ok(())
}

fn eval_decoder(set: &Path, show_errors: bool) -> anyhow::Result<()> {
    let mut scores: BTreeMap<String, BTreeMap<&str, Score>> = BTreeMap::new();
    let mut n = 0;
    for item in items_of::<Labelled<Expect>>(set)? {
        let card = item.decoded()?;
        n += 1;
        let lang = item.expect.language.clone();
        let checks = check(&item.expect, &card);
        for (field, hit) in &checks {
            for key in [lang.as_str(), "all"] {
                scores
                    .entry(key.to_owned())
                    .or_default()
                    .entry(field)
                    .or_default()
                    .add(*hit);
            }
            if show_errors && !hit {
                eprintln!(
                    "{} {field}: expected {}, got {}",
                    item.id,
                    expected_of(&item.expect, field),
                    got_of(&card, field)
                );
            }
        }
    }
    println!("decoder evaluation on {} ({n} messages)\n", set.display());
    let languages: Vec<&String> = scores
        .keys()
        .filter(|k| *k != "all")
        .chain(scores.keys().filter(|k| *k == "all"))
        .collect();
    print!("{:<21}", "field");
    for l in &languages {
        print!("{:<22}", l);
    }
    println!();
    for field in FIELDS {
        print!("{field:<21}");
        for l in &languages {
            print!(
                "{:<22}",
                scores[*l].get(field).copied().unwrap_or_default().show()
            );
        }
        println!();
    }
    Ok(())
}

fn check(expect: &Expect, card: &Card) -> Vec<(&'static str, bool)> {
    let mut checks = vec![
        ("language", card.language.as_str() == expect.language),
        (
            "deadline present",
            card.deadline.is_some() == expect.deadline.is_some(),
        ),
        (
            "urgency level",
            card.urgency.level.as_str() == expect.urgency.level,
        ),
        (
            "urgency stated",
            card.urgency.stated == expect.urgency.stated,
        ),
        (
            "requester",
            card.requester.as_ref().map(|r| r.role.as_str()) == expect.requester.as_deref(),
        ),
        (
            "kind top-1",
            card.kinds.first().map(|k| k.kind.as_str()) == expect.kinds.first().map(String::as_str),
        ),
        // Multi-label messages ("new work, files attached"): the first kind is one of those
        // the message was labelled with.
        (
            "kind top-1 labelled",
            card.kinds
                .first()
                .is_some_and(|k| expect.kinds.iter().any(|e| e == k.kind.as_str())),
        ),
        ("tone", card.tone.label.as_str() == expect.tone),
    ];
    let expected_vague = expect.deadline.as_ref().is_some_and(|d| d.vague);
    checks.push((
        "vague flag",
        card.deadline.as_ref().is_some_and(|d| d.vague) == expected_vague,
    ));
    if let Some(date) = expect.deadline.as_ref().and_then(|d| d.date.as_deref()) {
        checks.push((
            "deadline date",
            card.deadline.as_ref().and_then(|d| d.date.as_deref()) == Some(date),
        ));
    }
    if let Some(time) = expect.deadline.as_ref().and_then(|d| d.time.as_deref()) {
        let got = card
            .deadline
            .as_ref()
            .filter(|d| d.time_stated)
            .and_then(|d| d.due.as_ref())
            .map(|d| d.strftime("%H:%M").to_string());
        checks.push(("deadline time", got.as_deref() == Some(time)));
    }
    checks
}

fn expected_of(e: &Expect, field: &str) -> String {
    match field {
        "language" => e.language.clone(),
        "deadline present" | "deadline date" | "deadline time" | "vague flag" => {
            match &e.deadline {
                Some(d) => format!("{:?} {:?} vague={}", d.date, d.time, d.vague),
                None => "none".into(),
            }
        }
        "urgency level" | "urgency stated" => {
            format!("{} stated={}", e.urgency.level, e.urgency.stated)
        }
        "requester" => format!("{:?}", e.requester),
        "kind top-1" | "kind top-1 labelled" => format!("{:?}", e.kinds),
        "tone" => e.tone.clone(),
        _ => String::new(),
    }
}

fn got_of(card: &Card, field: &str) -> String {
    match field {
        "language" => card.language.as_str().to_owned(),
        "deadline present" | "deadline date" | "deadline time" | "vague flag" => {
            match &card.deadline {
                Some(d) => format!(
                    "{:?} {:?} vague={} from {:?}",
                    d.date, d.due, d.vague, d.phrase
                ),
                None => "none".into(),
            }
        }
        "urgency level" | "urgency stated" => {
            format!("{} stated={}", card.urgency.level, card.urgency.stated)
        }
        "requester" => format!(
            "{:?}",
            card.requester.as_ref().map(|r| (&r.role, &r.phrase))
        ),
        "kind top-1" | "kind top-1 labelled" => format!(
            "{:?}",
            card.kinds
                .iter()
                .map(|k| k.kind.as_str())
                .collect::<Vec<_>>()
        ),
        "tone" => card.tone.label.to_string(),
        _ => String::new(),
    }
}

/// Scores a row where nothing should be found, and names what was found instead.
fn negative<T: std::fmt::Debug>(
    negatives: &mut BTreeMap<String, Score>,
    lang: &str,
    phrase: &str,
    got: Option<T>,
    show_errors: bool,
) {
    negatives
        .entry(lang.to_owned())
        .or_default()
        .add(got.is_none());
    if show_errors && let Some(found) = got {
        eprintln!("{lang}\t{phrase}\texpected nothing\tgot {found:?}");
    }
}

/// Whether two dates agree as far as a Duckling row's grain reaches (a day at most).
fn same_at_grain(expected: Date, got: Date, grain: &str) -> bool {
    match grain {
        "Year" => expected.year() == got.year(),
        "Quarter" => {
            expected.year() == got.year() && (expected.month() - 1) / 3 == (got.month() - 1) / 3
        }
        "Month" => (expected.year(), expected.month()) == (got.year(), got.month()),
        "Week" => {
            expected.iso_week_date() == got.iso_week_date() || {
                let monday = |d: Date| d.iso_week_date().first_of_week().ok();
                monday(expected) == monday(got)
            }
        }
        _ => expected == got,
    }
}

/// The first time expression in `phrase`, resolved at `now` with weekends only.
fn first_resolved(phrase: &str, now: DateTime) -> Option<(Date, Option<jiff::civil::Time>)> {
    let norm: String = phrase.chars().map(normalize_char).collect();
    let found = resolve_all(&norm, now, &BusinessCalendar::weekends_only());
    found.into_iter().next().map(|r| (r.date, r.time))
}

fn eval_time(tsv: &Path, show_errors: bool) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(tsv)
        .with_context(|| format!("failed to read {}", tsv.display()))?;
    let mut lines = text.lines();
    let header: Vec<&str> = lines
        .next()
        .context("the file is empty")?
        .split('\t')
        .collect();
    let column = |name: &str| header.iter().position(|h| *h == name);
    let mut scores: BTreeMap<String, Score> = BTreeMap::new();
    let mut negatives: BTreeMap<String, Score> = BTreeMap::new();
    let mut skipped = 0;
    if let (Some(kind_col), Some(start_col)) = (column("kind"), column("start")) {
        // Duckling: instant rows at date grain, CONTESTED rows skipped.
        let (lang_col, phrase_col, ref_col, note_col, grain_col) = (
            column("lang").context("lang")?,
            column("phrase").context("phrase")?,
            column("ref_time").context("ref_time")?,
            column("note"),
            column("grain"),
        );
        for line in lines {
            let row: Vec<&str> = line.split('\t').collect();
            let get = |i: usize| row.get(i).copied().unwrap_or("");
            if note_col.is_some_and(|c| get(c).contains("CONTESTED")) {
                skipped += 1;
                continue;
            }
            let reference: jiff::Timestamp = get(ref_col).parse().context("ref_time")?;
            let now = reference
                .to_zoned_datetime(jiff::tz::TimeZone::fixed(jiff::tz::offset(-2)))
                .datetime();
            let got = first_resolved(get(phrase_col), now);
            match get(kind_col) {
                "instant" => {
                    // Years before the common era do not parse; they count as misses.
                    let expected: Option<Date> =
                        get(start_col).get(..10).and_then(|s| s.parse().ok());
                    let hit = match (expected, got) {
                        (Some(expected), Some((date, _))) => {
                            same_at_grain(expected, date, grain_col.map_or("Day", get))
                        }
                        _ => false,
                    };
                    scores.entry(get(lang_col).to_owned()).or_default().add(hit);
                    if show_errors && !hit {
                        let (lang, phrase) = (get(lang_col), get(phrase_col));
                        eprintln!(
                            "{lang}\t{phrase}\texpected {}\tgot {:?}",
                            get(start_col),
                            got.map(|g| g.0)
                        );
                    }
                }
                "none" => negative(
                    &mut negatives,
                    get(lang_col),
                    get(phrase_col),
                    got.map(|g| g.0),
                    show_errors,
                ),
                _ => {}
            }
        }
        println!(
            "Duckling time corpus {}: instant rows, date grain ({skipped} CONTESTED rows skipped)",
            tsv.display()
        );
    } else {
        // chrono: the components the test treats as certain.
        let (lang_col, phrase_col, ref_col, expect_col, known_col) = (
            column("lang").context("lang")?,
            column("phrase").context("phrase")?,
            column("ref_time").context("ref_time")?,
            column("expect").context("expect")?,
            column("start_known").context("start_known")?,
        );
        for line in lines {
            let row: Vec<&str> = line.split('\t').collect();
            let get = |i: usize| row.get(i).copied().unwrap_or("");
            let reference = get(ref_col);
            // "NOW" rows check only what chrono treats as certain; any day serves.
            let now = reference
                .get(..19)
                .and_then(|r| r.parse::<DateTime>().ok())
                .or_else(|| {
                    reference
                        .get(..10)
                        .and_then(|r| r.parse::<Date>().ok())
                        .map(|d| d.at(12, 0, 0, 0))
                })
                .unwrap_or(jiff::civil::date(2026, 11, 24).at(12, 0, 0, 0));
            let phrase = get(phrase_col).replace("\\n", "\n");
            let got = first_resolved(&phrase, now);
            if get(expect_col) == "none" {
                let phrase = phrase.replace('\n', " ");
                negative(&mut negatives, get(lang_col), &phrase, got, show_errors);
                continue;
            }
            let known: serde_json::Value = serde_json::from_str(get(known_col)).unwrap_or_default();
            let hit = got.is_some_and(|(date, time)| {
                let same = |key: &str, value: i64| {
                    known
                        .get(key)
                        .and_then(|v| v.as_i64())
                        .is_none_or(|v| v == value)
                };
                same("year", i64::from(date.year()))
                    && same("month", i64::from(date.month()))
                    && same("day", i64::from(date.day()))
                    && time.is_none_or(|t| {
                        same("hour", i64::from(t.hour())) && same("minute", i64::from(t.minute()))
                    })
            });
            scores.entry(get(lang_col).to_owned()).or_default().add(hit);
            if show_errors && !hit {
                eprintln!(
                    "{}\t{}\texpected {}\tgot {:?}",
                    get(lang_col),
                    phrase.replace('\n', " "),
                    get(known_col),
                    got
                );
            }
        }
        println!(
            "chrono test phrases {}: certain components of the first result",
            tsv.display()
        );
    }
    for (lang, score) in &scores {
        println!("  {lang}: agreement {}", score.show());
    }
    for (lang, score) in &negatives {
        println!(
            "  {lang}: nothing found where nothing should be {}",
            score.show()
        );
    }
    Ok(())
}

/// Reads a labelled reply of ours as sent at `sent_at` in `tz`, on that zone's calendar.
pub(super) fn read_reply(
    text: &str,
    sent_at: &str,
    tz: &str,
    technical: bool,
    reply_to: Option<&str>,
) -> anyhow::Result<rapport_language::OutboundCard> {
    let zone = TimeZoneName::parse(tz)?;
    let sent = sent_in_zone(sent_at, &zone)?;
    Ok(rapport_language::read_outbound(
        &rapport_language::OutboundInput {
            text,
            sent_at: &sent,
            calendar: CalendarId::choose(&zone, None)?.calendar(),
            technical,
            reply_to,
        },
    )?)
}
