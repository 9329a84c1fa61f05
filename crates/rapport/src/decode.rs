//! `rapport decode`: one message to a card, or a JSON-lines stream of them on every core;
//! a client's message by default, a reply of ours with `--outbound`.

use anyhow::Context;
use jiff::{Timestamp, ZonedDateTime};
use rapport_domain::{CalendarId, TimeZoneName};
use rapport_language::{Card, DecodeInput, OutboundCard, OutboundInput, decode, read_outbound};
use serde::Deserialize;
use std::io::{BufRead, Read, Write};
use std::path::Path;

/// The longest JSON line `--jsonl` accepts; longer ones get an error and are skipped.
const MAX_LINE_BYTES: usize = 4 * 1024 * 1024;

/// The moment a message was sent, seen from the client's zone.
pub fn sent_in_zone(sent_at: &str, zone: &TimeZoneName) -> anyhow::Result<ZonedDateTime> {
    let instant: Timestamp = sent_at.parse().with_context(|| {
        format!(
            "{sent_at:?} is not an RFC 3339 time with an offset, e.g. 2026-11-24T10:15:00+09:00"
        )
    })?;
    Ok(instant.to_zoned_datetime(zone.zone()))
}

/// How to read the text: as a client's message, or as a reply of ours.
pub struct Reading<'a> {
    pub outbound: bool,
    /// Outbound: whether the recipient is technical.
    pub technical: bool,
    /// Outbound: the client message being answered.
    pub reply_to: Option<&'a Path>,
}

fn utf8(bytes: Vec<u8>, what: &str) -> anyhow::Result<String> {
    String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!(
            "{what} is not valid UTF-8 (at byte {}); convert it first",
            e.utf8_error().valid_up_to()
        )
    })
}

fn read_input(file: Option<&Path>) -> anyhow::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    match file {
        None => std::io::stdin()
            .read_to_end(&mut bytes)
            .context("failed to read standard input")?,
        Some(path) if path.as_os_str() == "-" => std::io::stdin()
            .read_to_end(&mut bytes)
            .context("failed to read standard input")?,
        Some(path) => {
            bytes = std::fs::read(path)
                .with_context(|| format!("failed to read {}", path.display()))?;
            bytes.len()
        }
    };
    Ok(bytes)
}

/// Decodes one message and prints its card.
pub fn decode_one(
    file: Option<&Path>,
    now: Option<&str>,
    tz: &str,
    calendar: Option<&str>,
    reading: &Reading,
    json: bool,
) -> anyhow::Result<()> {
    let zone = TimeZoneName::parse(tz)?;
    let calendar = CalendarId::choose(&zone, calendar)?.calendar();
    let sent = match now {
        Some(now) => sent_in_zone(now, &zone)?,
        None => Timestamp::now().to_zoned_datetime(zone.zone()),
    };
    let text = utf8(read_input(file)?, "the input")?;
    if reading.outbound {
        let reply_to = match reading.reply_to {
            Some(path) => Some(utf8(
                std::fs::read(path)
                    .with_context(|| format!("failed to read {}", path.display()))?,
                "the --reply-to file",
            )?),
            None => None,
        };
        let card = read_outbound(&OutboundInput {
            text: &text,
            sent_at: &sent,
            calendar,
            technical: reading.technical,
            reply_to: reply_to.as_deref(),
        })?;
        if json {
            println!("{}", serde_json::to_string_pretty(&card)?);
        } else {
            print!("{}", outbound_summary(&card));
        }
        return Ok(());
    }
    let card = decode(&DecodeInput {
        text: &text,
        sent_at: &sent,
        calendar,
        scope: None,
    })?;
    if json {
        println!("{}", serde_json::to_string_pretty(&card)?);
    } else {
        print!("{}", summary(&card));
    }
    Ok(())
}

fn summary(card: &Card) -> String {
    let quote = |s: &str| format!("\u{300c}{}\u{300d}", s.replace('\n', " "));
    let mut out = String::new();
    let languages: Vec<&str> = card.languages.iter().map(|l| l.as_str()).collect();
    out += &format!(
        "language    {} ({})\n",
        card.language.as_str(),
        languages.join(", ")
    );
    let kinds: Vec<String> = card
        .kinds
        .iter()
        .map(|k| format!("{} {:.2}", k.kind, k.score))
        .collect();
    out += &format!("kinds       {}\n", kinds.join(", "));
    let evidence: Vec<String> = card
        .urgency
        .evidence
        .iter()
        .map(|s| quote(&s.text))
        .collect();
    out += &format!(
        "urgency     {} {}\n",
        card.urgency.level,
        evidence.join(" ")
    );
    match &card.deadline {
        Some(d) if d.vague => {
            out += &format!(
                "deadline    vague {} (ask when exactly)\n",
                quote(&d.phrase)
            )
        }
        Some(d) => {
            out += &format!(
                "deadline    {} {}\n",
                d.due.as_ref().map_or("-".into(), |due| due
                    .strftime("%Y-%m-%dT%H:%M:%S%:z")
                    .to_string()),
                quote(&d.phrase)
            )
        }
        None => out += "deadline    none stated\n",
    }
    if let Some(r) = &card.requester {
        out += &format!("requester   {} {}\n", r.role, quote(&r.phrase));
    }
    if let Some(p) = &card.purpose {
        out += &format!(
            "purpose     {} for {}: {}\n",
            p.purpose, p.audience, p.suggested_format
        );
    }
    out += &format!(
        "tone        {} ({})\n",
        card.tone.label, card.tone.politeness
    );
    if !card.open_questions.is_empty() {
        out += &format!(
            "open        {}\n",
            card.open_questions
                .iter()
                .map(|q| q.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    if let Some(reply) = &card.clarifying_reply {
        out += "\nsuggested reply:\n";
        for line in reply.lines() {
            out += &format!("  {line}\n");
        }
    }
    out
}

/// The outbound card for people: promises, asks, findings.
fn outbound_summary(card: &OutboundCard) -> String {
    let due = |due: &Option<ZonedDateTime>| {
        due.as_ref().map_or_else(
            || "no time said".to_owned(),
            |d| d.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string(),
        )
    };
    let mut out = format!("language    {}\n", card.language.as_str());
    for promise in &card.commitments {
        out += &format!("promise     {}  {}\n", due(&promise.due), promise.promise);
    }
    for ask in &card.asks {
        out += &format!("ask         {}  {}\n", due(&ask.due), ask.what);
    }
    for finding in &card.findings {
        let said: Vec<&str> = finding.evidence.iter().map(|s| s.text.as_str()).collect();
        out += &format!(
            "finding     {}: {} [{}]\n            {}\n",
            finding.rule,
            finding.message,
            said.join(" / "),
            finding.suggestion
        );
    }
    out
}

#[derive(Deserialize)]
struct JsonlInput {
    id: Option<serde_json::Value>,
    text: String,
    sent_at: String,
    tz: String,
    calendar: Option<String>,
    /// Outbound: whether the recipient is technical (default true).
    technical: Option<bool>,
    /// Outbound: the client message being answered.
    reply_to: Option<String>,
}

/// One input line's outcome, serialised in input order.
fn decode_line(line: &[u8], number: usize, outbound: bool) -> serde_json::Value {
    let fallback_id = serde_json::json!(format!("line {number}"));
    let input: JsonlInput = match std::str::from_utf8(line)
        .map_err(|e| {
            format!(
                "line {number} is not valid UTF-8 (at byte {})",
                e.valid_up_to()
            )
        })
        .and_then(|text| {
            serde_json::from_str(text)
                .map_err(|e| format!("line {number} is not a valid input object: {e}"))
        }) {
        Ok(input) => input,
        Err(error) => return serde_json::json!({"id": fallback_id, "error": error}),
    };
    let id = input.id.clone().unwrap_or(fallback_id);
    let outcome = (|| -> anyhow::Result<serde_json::Value> {
        let zone = TimeZoneName::parse(&input.tz)?;
        let calendar = CalendarId::choose(&zone, input.calendar.as_deref())?.calendar();
        let sent = sent_in_zone(&input.sent_at, &zone)?;
        if outbound {
            let card = read_outbound(&OutboundInput {
                text: &input.text,
                sent_at: &sent,
                calendar,
                technical: input.technical.unwrap_or(true),
                reply_to: input.reply_to.as_deref(),
            })?;
            return Ok(serde_json::to_value(card)?);
        }
        let card: Card = decode(&DecodeInput {
            text: &input.text,
            sent_at: &sent,
            calendar,
            scope: None,
        })?;
        Ok(serde_json::to_value(card)?)
    })();
    match outcome {
        Ok(card) => serde_json::json!({"id": id, "card": card}),
        Err(error) => serde_json::json!({"id": id, "error": format!("{error:#}")}),
    }
}

/// Reads one line of at most `MAX_LINE_BYTES`; a longer one is drained and reported.
fn read_bounded_line(
    reader: &mut impl BufRead,
    line: &mut Vec<u8>,
) -> std::io::Result<Option<bool>> {
    line.clear();
    let read = reader
        .by_ref()
        .take(MAX_LINE_BYTES as u64 + 1)
        .read_until(b'\n', line)?;
    if read == 0 {
        return Ok(None);
    }
    if line.len() > MAX_LINE_BYTES && line.last() != Some(&b'\n') {
        let mut rest = Vec::new();
        while reader.read_until(b'\n', &mut rest)? > 0 && rest.last() != Some(&b'\n') {
            rest.clear();
        }
        return Ok(Some(false));
    }
    Ok(Some(true))
}

/// Streams JSON lines through the decoder, in order, on every core, in bounded memory.
pub fn decode_jsonl(file: Option<&Path>, outbound: bool) -> anyhow::Result<()> {
    let input: Box<dyn Read> = match file {
        None => Box::new(std::io::stdin()),
        Some(path) if path.as_os_str() == "-" => Box::new(std::io::stdin()),
        Some(path) => Box::new(
            std::fs::File::open(path)
                .with_context(|| format!("failed to open {}", path.display()))?,
        ),
    };
    let mut reader = std::io::BufReader::with_capacity(1 << 20, input);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    const BATCH: usize = 512;
    let mut number = 0;
    let mut done = false;
    while !done {
        // A batch of raw lines; each is decoded independently.
        let mut batch: Vec<(usize, Result<Vec<u8>, ()>)> = Vec::with_capacity(BATCH);
        while batch.len() < BATCH {
            let mut line = Vec::new();
            match read_bounded_line(&mut reader, &mut line)? {
                None => {
                    done = true;
                    break;
                }
                Some(fits) => {
                    number += 1;
                    if line.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    batch.push((number, if fits { Ok(line) } else { Err(()) }));
                }
            }
        }
        let chunk = batch.len().div_ceil(workers).max(1);
        let results: anyhow::Result<Vec<Vec<String>>> = std::thread::scope(|scope| {
            let handles: Vec<_> = batch
                .chunks(chunk)
                .map(|part| {
                    scope.spawn(move || {
                        part.iter()
                            .map(|(n, line)| match line {
                                Ok(line) => decode_line(line, *n, outbound).to_string(),
                                Err(()) => serde_json::json!({"id": format!("line {n}"), "error": format!("line {n} is longer than {MAX_LINE_BYTES} bytes")}).to_string(),
                            })
                            .collect()
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| {
                    h.join()
                        .map_err(|_| anyhow::anyhow!("a decoder thread failed"))
                })
                .collect()
        });
        let results = results?;
        for line in results.into_iter().flatten() {
            writeln!(out, "{line}")?;
        }
        out.flush()?;
    }
    Ok(())
}
