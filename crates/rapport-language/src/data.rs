//! The decoder's data files, checked line by line. The loaders read only well-formed
//! lines; `check_data` reports every other one with its file and line, and a test fails
//! on any, so a typo in a lexicon is caught before it ships instead of silently skipped.

use crate::card::audience_and_format;
use crate::lexicon::Category;
use crate::time::movable;
use rapport_domain::{LintRule, OpenQuestion, RequestKind, ToneLabel};

/// A wrong line in a data file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataError {
    pub file: &'static str,
    /// 1-based; 0 when the file as a whole lacks something.
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for DataError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

/// The lines of a data file that hold data, with their 1-based line numbers.
pub(crate) fn data_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.starts_with('#') && !line.trim().is_empty())
        .map(|(index, line)| (index + 1, line))
}

const LANGUAGES: [&str; 3] = ["en", "ja", "zh"];
const REGISTERS: [&str; 2] = ["polite", "casual"];

/// The labels each phrase category may carry; `None`: checked by a function below.
fn labels_of(category: &str) -> Option<&'static [&'static str]> {
    Some(match category {
        "urgency" => &["urgent", "low"],
        "vague" => &["vague"],
        "requester" => &["boss", "director", "ceo", "executives"],
        "polite" => &["polite"],
        "cue" => &["after", "before", "around"],
        "request" => &["closing", "marker", "promise", "wants"],
        _ => return None,
    })
}

fn check_label(category: &str, label: &str) -> Result<(), String> {
    let known = match (category, labels_of(category)) {
        (_, Some(labels)) => labels.contains(&label),
        ("purpose", None) => audience_and_format(label).0 != "unknown",
        ("tone", None) => label.parse::<ToneLabel>().is_ok(),
        _ => return Err(format!("unknown category {category:?}")),
    };
    if known {
        Ok(())
    } else {
        Err(format!("unknown {category} label {label:?}"))
    }
}

struct Checker {
    errors: Vec<DataError>,
}

impl Checker {
    fn lines<'t>(
        &mut self,
        file: &'static str,
        text: &'t str,
        fields: usize,
    ) -> Vec<(usize, Vec<&'t str>)> {
        let mut rows = Vec::new();
        for (line, raw) in data_lines(text) {
            let row: Vec<&str> = raw.split('\t').collect();
            if row.len() != fields {
                self.fail(
                    file,
                    line,
                    format!("{} tab-separated fields, expected {fields}", row.len()),
                );
            } else if row.iter().any(|field| field.trim().is_empty()) {
                self.fail(file, line, "an empty field".into());
            } else {
                rows.push((line, row));
            }
        }
        rows
    }

    fn fail(&mut self, file: &'static str, line: usize, message: String) {
        self.errors.push(DataError {
            file,
            line,
            message,
        });
    }

    fn language(&mut self, file: &'static str, line: usize, lang: &str) {
        if !LANGUAGES.contains(&lang) {
            self.fail(
                file,
                line,
                format!("unknown language {lang:?}; expected en, ja or zh"),
            );
        }
    }
}

/// Every wrong line of every data file the decoder compiles in.
pub fn check_data() -> Vec<DataError> {
    let mut c = Checker { errors: Vec::new() };
    let file = "lexicons/phrases.tsv";
    for (line, row) in c.lines(file, include_str!("../lexicons/phrases.tsv"), 4) {
        if let Err(message) = check_label(row[0], row[1]) {
            c.fail(file, line, message);
        }
        c.language(file, line, row[2]);
    }
    let file = "lexicons/kinds.tsv";
    for (line, row) in c.lines(file, include_str!("../lexicons/kinds.tsv"), 4) {
        if row[0].parse::<RequestKind>().is_err() {
            c.fail(file, line, format!("unknown kind {:?}", row[0]));
        }
        c.language(file, line, row[1]);
        if !row[2]
            .parse::<f32>()
            .is_ok_and(|w| w.is_finite() && w > 0.0)
        {
            c.fail(
                file,
                line,
                format!("the weight {:?} is not a positive number", row[2]),
            );
        }
    }
    check_replies(&mut c);
    check_outbound(&mut c);
    let file = "lexicons/script.tsv";
    let sets = [
        "ja_kanji",
        "ja_words",
        "zh_simplified",
        "zh_traditional",
        "zh_function",
    ];
    for (line, row) in c.lines(file, include_str!("../lexicons/script.tsv"), 2) {
        if !sets.contains(&row[0]) {
            c.fail(file, line, format!("unknown character set {:?}", row[0]));
        }
    }
    let file = "lexicons/movable_holidays.tsv";
    for (line, row) in c.lines(file, include_str!("../lexicons/movable_holidays.tsv"), 2) {
        if movable::date_in(row[0], 2026).is_none() {
            c.fail(
                file,
                line,
                format!("no rule computes the holiday {:?}", row[0]),
            );
        }
    }
    let file = "lexicons/holidays.tsv";
    for (line, row) in c.lines(file, include_str!("../lexicons/holidays.tsv"), 3) {
        let date = match (row[0].parse::<i8>(), row[1].parse::<i8>()) {
            // 2024 is a leap year: 2/29 is a valid fixed date.
            (Ok(month), Ok(day)) => jiff::civil::Date::new(2024, month, day).ok(),
            _ => None,
        };
        if date.is_none() {
            c.fail(
                file,
                line,
                format!("{}/{} is not a month and day", row[0], row[1]),
            );
        }
    }
    c.errors
}

/// The outbound lexicon, the jargon glossary, and the linter's words for every rule in
/// every language.
fn check_outbound(c: &mut Checker) {
    let file = "lexicons/outbound.tsv";
    for (line, row) in c.lines(file, include_str!("../lexicons/outbound.tsv"), 3) {
        let outbound = Category::parse(row[0]).is_some_and(Category::is_outbound);
        if !outbound {
            c.fail(file, line, format!("unknown rule {:?}", row[0]));
        }
        c.language(file, line, row[1]);
    }
    let file = "lexicons/jargon.tsv";
    for (line, row) in c.lines(file, include_str!("../lexicons/jargon.tsv"), 3) {
        c.language(file, line, row[0]);
    }
    let file = "lexicons/lint.tsv";
    let rows = c.lines(file, include_str!("../lexicons/lint.tsv"), 4);
    for (line, row) in &rows {
        if row[0].parse::<LintRule>().is_err() {
            c.fail(file, *line, format!("unknown lint rule {:?}", row[0]));
        }
        c.language(file, *line, row[1]);
    }
    for rule in LintRule::ALL {
        for lang in LANGUAGES {
            if !rows
                .iter()
                .any(|(_, row)| row[0] == rule.as_str() && row[1] == lang)
            {
                c.fail(file, 0, format!("no {lang} words for the rule {rule}"));
            }
        }
    }
}

/// Every language and register has every sentence a clarifying reply can need, and every
/// language the polite sentences of a materials reminder, with their placeholders.
fn check_replies(c: &mut Checker) {
    let file = "lexicons/replies.tsv";
    let mut keys = vec!["open", "close"];
    keys.extend(OpenQuestion::ALL.iter().map(|q| q.as_str()));
    let drafts = crate::drafts::DRAFT_PARTS;
    let rows = c.lines(file, include_str!("../lexicons/replies.tsv"), 4);
    for (line, row) in &rows {
        c.language(file, *line, row[0]);
        if !REGISTERS.contains(&row[1]) {
            c.fail(
                file,
                *line,
                format!("unknown register {:?}; expected polite or casual", row[1]),
            );
        }
        let draft = drafts.iter().find(|(key, _)| *key == row[2]);
        if !keys.contains(&row[2]) && draft.is_none() {
            c.fail(file, *line, format!("unknown sentence {:?}", row[2]));
        }
        for placeholder in draft.map_or(&[][..], |(_, p)| *p) {
            if !row[3].contains(placeholder) {
                c.fail(file, *line, format!("{} needs {placeholder}", row[2]));
            }
        }
    }
    for lang in LANGUAGES {
        for (key, _) in drafts {
            let found = rows
                .iter()
                .any(|(_, row)| row[0] == lang && row[1] == "polite" && row[2] == key);
            if !found {
                c.fail(file, 0, format!("no {lang} polite sentence for {key:?}"));
            }
        }
    }
    for lang in LANGUAGES {
        for register in REGISTERS {
            for key in &keys {
                let found = rows
                    .iter()
                    .any(|(_, row)| row[0] == lang && row[1] == register && row[2] == *key);
                if !found {
                    c.fail(
                        file,
                        0,
                        format!("no {lang} {register} sentence for {key:?}"),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_data_file_is_well_formed() {
        let errors: Vec<String> = check_data().iter().map(ToString::to_string).collect();
        assert!(errors.is_empty(), "{}", errors.join("\n"));
    }

    #[test]
    fn a_wrong_line_is_named_by_file_and_line() {
        let mut c = Checker { errors: Vec::new() };
        let rows = c.lines(
            "x.tsv",
            "# comment\nurgency\turgent\ten\tASAP\n\nurgency\ten\tASAP\n",
            4,
        );
        assert_eq!(rows.len(), 1);
        assert_eq!(
            c.errors[0].to_string(),
            "x.tsv:4: 3 tab-separated fields, expected 4"
        );
        assert_eq!(
            check_label("urgnecy", "urgent"),
            Err("unknown category \"urgnecy\"".into())
        );
        assert_eq!(
            check_label("tone", "sad"),
            Err("unknown tone label \"sad\"".into())
        );
        assert!(check_label("purpose", "board_meeting").is_ok());
    }
}
