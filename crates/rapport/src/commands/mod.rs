//! The management commands: each turns what the user typed into one action of the
//! application layer and prints its result as a table or, with `--json`, as the API's view.

mod calendars;
mod clients;
mod engine;
mod mail;
mod materials;
mod requests;
mod sla;
mod today;
mod users;

pub use calendars::calendar;
pub use clients::client;
pub use engine::{jobs, notifications};
pub use mail::{ingest, mailbox, outbox, triage};
pub use materials::materials;
pub use requests::request;
pub use sla::sla;
pub use today::today;
pub use users::{token, user};

use rapport_app::{Acting, AppError};

/// The actor of changes made from the shell without `--as`: the system, all rights.
pub fn cli_actor() -> Acting {
    let who = std::env::var("USER").unwrap_or_else(|_| "unknown".to_owned());
    Acting::system(format!("cli ({who})"))
}

/// Parses a flag's text into a domain value, naming the flag when it is wrong.
fn parse<T: std::str::FromStr>(flag: &str, text: &str) -> anyhow::Result<T>
where
    T::Err: std::fmt::Display,
{
    text.parse()
        .map_err(|e: T::Err| anyhow::anyhow!("invalid --{flag}: {e}"))
}

/// `--now` as given (RFC 3339), or now.
fn moment(now: Option<String>) -> anyhow::Result<jiff::Timestamp> {
    now.map_or_else(|| Ok(jiff::Timestamp::now()), |now| parse("now", &now))
}

/// The person `--user` names (e-mail address or id), if it names one.
async fn person(
    app: &rapport_app::App,
    acting: &Acting,
    user: Option<String>,
) -> anyhow::Result<Option<rapport_domain::UserId>> {
    match user {
        Some(who) => Ok(Some(app.find_user(acting, &who).await.cli()?.id)),
        None => Ok(None),
    }
}

/// An application error in the shell's terms: a bad field is named by its flag, in the
/// same words the API uses for it.
pub trait OrCli<T> {
    fn cli(self) -> anyhow::Result<T>;
}

impl<T> OrCli<T> for Result<T, AppError> {
    fn cli(self) -> anyhow::Result<T> {
        self.map_err(|error| match error {
            AppError::Invalid { field, message } => {
                anyhow::anyhow!("invalid --{}: {message}", flag_of(&field))
            }
            other => anyhow::Error::new(other),
        })
    }
}

/// The command-line flag that carries an input field (`client_id` is `--client`).
fn flag_of(field: &str) -> String {
    let (name, index) = match field.find('[') {
        Some(at) => field.split_at(at),
        None => (field, ""),
    };
    let flag = match name {
        "client_id" => "client",
        "engagement_id" => "engagement",
        "assignee_id" => "assignee",
        "scope_included" => "include",
        "scope_excluded" => "exclude",
        "domains" => "domain",
        "sla_policy_id" => "sla",
        "auto_close_after_days" => "auto_close_after",
        "cadence.report_every_days" => "report_every",
        "cadence.check_in_after_days" => "check_in_after",
        "cadence.meeting_every_weeks" => "meeting_every",
        other => other,
    };
    format!("{}{index}", flag.replace('_', "-"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_named_by_their_flags() {
        assert_eq!(flag_of("time_zone"), "time-zone");
        assert_eq!(flag_of("client_id"), "client");
        assert_eq!(flag_of("scope_included[2]"), "include[2]");
        let error: anyhow::Result<()> =
            Err(AppError::invalid("calendar", "unknown calendar \"fr\"")).cli();
        assert_eq!(
            error.unwrap_err().to_string(),
            "invalid --calendar: unknown calendar \"fr\""
        );
    }
}
