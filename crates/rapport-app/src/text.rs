//! Rules for the text fields of every input model, so the API and the CLI say the same.

use crate::AppError;

/// A required text field: trimmed, not empty, at most `max` characters.
pub(crate) fn required(field: &str, value: &str, max: usize) -> Result<String, AppError> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Err(AppError::invalid(field, format!("{field} cannot be empty")));
    }
    if trimmed.chars().count() > max {
        return Err(AppError::invalid(
            field,
            format!("{field} is longer than {max} characters"),
        ));
    }
    Ok(trimmed.to_owned())
}

/// An optional text field: trimmed; blank counts as absent.
pub(crate) fn optional(
    field: &str,
    value: Option<String>,
    max: usize,
) -> Result<Option<String>, AppError> {
    match value.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(text) => required(field, text, max).map(Some),
    }
}

/// A list of short texts: each trimmed, blanks dropped, each at most `max` characters.
pub(crate) fn items(field: &str, values: Vec<String>, max: usize) -> Result<Vec<String>, AppError> {
    let mut kept = Vec::with_capacity(values.len());
    for (index, value) in values.iter().enumerate() {
        if value.trim().is_empty() {
            continue;
        }
        kept.push(required(&format!("{field}[{index}]"), value, max)?);
    }
    Ok(kept)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_fields_are_trimmed_and_bounded() {
        assert_eq!(
            required("name", "  株式会社ひだまり食品 ", 300).unwrap(),
            "株式会社ひだまり食品"
        );
        let error = required("name", " \u{3000} ", 300).unwrap_err();
        assert_eq!(error.to_string(), "name cannot be empty");
        let error = required("subject", &"字".repeat(501), 500).unwrap_err();
        assert_eq!(error.to_string(), "subject is longer than 500 characters");
        assert_eq!(optional("role", Some("  ".into()), 300).unwrap(), None);
        assert_eq!(
            items(
                "scope_included",
                vec![" 月次レポート ".into(), "".into(), "SNS".into()],
                300
            )
            .unwrap(),
            vec!["月次レポート", "SNS"]
        );
        let error = items("scope_excluded", vec!["ok".into(), "x".repeat(301)], 300).unwrap_err();
        assert!(
            matches!(&error, AppError::Invalid { field, .. } if field == "scope_excluded[1]"),
            "{error:?}"
        );
    }
}
