//! Conversions between database columns and domain values, and a small WHERE builder.

use crate::StoreError;
use jiff::Timestamp;
use sqlx::any::AnyArguments;
use sqlx::query::Query;
use sqlx::{Any, Arguments};
use std::fmt::Display;
use std::str::FromStr;

/// Times are stored as Unix milliseconds: portable across both backends and sortable.
pub(crate) fn millis(t: Timestamp) -> i64 {
    t.as_millisecond()
}

pub(crate) fn timestamp(ms: i64) -> Result<Timestamp, StoreError> {
    Timestamp::from_millisecond(ms).map_err(|e| StoreError::Corrupt(format!("time {ms}: {e}")))
}

pub(crate) fn opt_timestamp(ms: Option<i64>) -> Result<Option<Timestamp>, StoreError> {
    ms.map(timestamp).transpose()
}

/// Parses a text column into a domain value, reporting corrupt data instead of panicking.
pub(crate) fn parse<T>(text: &str) -> Result<T, StoreError>
where
    T: FromStr,
    T::Err: Display,
{
    text.parse()
        .map_err(|e: T::Err| StoreError::Corrupt(e.to_string()))
}

/// A yes/no column: `boolean` on PostgreSQL, integer 0 / 1 on SQLite.
pub(crate) fn flag(row: &sqlx::any::AnyRow, column: &str) -> Result<bool, StoreError> {
    use sqlx::Row;
    match row.try_get::<bool, _>(column) {
        Ok(value) => Ok(value),
        Err(_) => Ok(row.try_get::<i64, _>(column)? != 0),
    }
}

pub(crate) fn to_json_list<T: serde::Serialize>(items: &[T]) -> String {
    serde_json::to_string(items).unwrap_or_else(|_| "[]".to_owned())
}

pub(crate) fn from_json_list<T: serde::de::DeserializeOwned>(
    text: &str,
) -> Result<Vec<T>, StoreError> {
    serde_json::from_str(text).map_err(|e| StoreError::Corrupt(format!("list column: {e}")))
}

/// One bound value of a dynamically built query.
pub(crate) enum Arg {
    Int(i64),
    Text(String),
}

/// Builds `where a = $1 and b = $2 ...` for optional filters, numbering placeholders.
#[derive(Default)]
pub(crate) struct Conditions {
    clauses: Vec<String>,
    args: Vec<Arg>,
}

impl Conditions {
    /// Adds `<expression> $n`, e.g. `push("state =", Arg::Text(..))` or `push("id <", ..)`.
    pub(crate) fn push(&mut self, expression: &str, arg: Arg) {
        self.args.push(arg);
        self.clauses
            .push(format!("{expression} ${}", self.args.len()));
    }

    /// A condition whose one argument goes where `template` says `{}`.
    pub(crate) fn push_around(&mut self, template: &str, arg: Arg) {
        self.args.push(arg);
        self.clauses
            .push(template.replace("{}", &format!("${}", self.args.len())));
    }

    /// A condition with no argument.
    pub(crate) fn push_fixed(&mut self, clause: &str) {
        self.clauses.push(clause.to_owned());
    }

    /// Keeps only rows whose `client_id` is a client `user` is a member of.
    pub(crate) fn push_member(&mut self, user: rapport_domain::UserId) {
        self.push_member_of("client_id", user);
    }

    /// Keeps only rows whose `column` names a client `user` is a member of.
    pub(crate) fn push_member_of(&mut self, column: &str, user: rapport_domain::UserId) {
        self.push_around(
            &format!("{column} in (select client_id from client_members where user_id = {{}})"),
            Arg::Int(user.0),
        );
    }

    /// The filters every list of tracked items shares (commitments, materials): a client,
    /// a request, the clients a user is a member of, and `open` (`done_at`,
    /// `received_at`) still null when `open_only`.
    pub(crate) fn tracked(
        client: Option<rapport_domain::ClientId>,
        request: Option<rapport_domain::RequestId>,
        member: Option<rapport_domain::UserId>,
        open: &str,
        open_only: bool,
    ) -> Self {
        let mut conditions = Self::default();
        if let Some(client) = client {
            conditions.push("client_id =", Arg::Int(client.0));
        }
        if let Some(request) = request {
            conditions.push("request_id =", Arg::Int(request.0));
        }
        if let Some(member) = member {
            conditions.push_member(member);
        }
        if open_only {
            conditions.clauses.push(format!("{open} is null"));
        }
        conditions
    }

    /// The `where ...` clause (empty without conditions) and the next free placeholder number.
    pub(crate) fn sql(&self) -> (String, usize) {
        let clause = if self.clauses.is_empty() {
            String::new()
        } else {
            format!(" where {}", self.clauses.join(" and "))
        };
        (clause, self.args.len() + 1)
    }

    /// Binds the arguments to `sql`, whose text comes from this crate and placeholders only.
    pub(crate) fn bind(self, sql: String) -> Query<'static, Any, AnyArguments> {
        let mut args = AnyArguments::default();
        for arg in self.args {
            // Adding a plain integer or string to AnyArguments cannot fail.
            let _ = match arg {
                Arg::Int(v) => args.add(v),
                Arg::Text(v) => args.add(v),
            };
        }
        sqlx::query_with(sqlx::AssertSqlSafe(sql), args)
    }
}

/// `$1, $2, ..., $n`.
pub(crate) fn placeholders(n: usize) -> String {
    (1..=n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `rows` groups of `width` placeholders numbered on from `$1`, the last of each group
/// repeated (a row's creation time is also its `updated_at`): `($1, $2, $2), ($3, $4, $4)`.
pub(crate) fn value_rows(rows: usize, width: usize) -> String {
    (0..rows)
        .map(|row| {
            let places: Vec<String> = (1..=width)
                .chain([width])
                .map(|n| format!("${}", row * width + n))
                .collect();
            format!("({})", places.join(", "))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// `rows` groups of `width` placeholders numbered on from `$2`, each closed by `$1`: the
/// value every row shares (the moment written), `($2, $3, $1), ($4, $5, $1)`.
pub(crate) fn rows_sharing_first(rows: usize, width: usize) -> String {
    (0..rows)
        .map(|row| {
            let places: Vec<String> = (0..width)
                .map(|n| format!("${}", 2 + row * width + n))
                .collect();
            format!("({}, $1)", places.join(", "))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// `items` cut into runs of at most `max_rows` whose `size` adds up to at most
/// `max_bytes` (an item larger than that alone), so that no multi-row statement grows
/// too large.
pub(crate) fn batches<T>(
    items: &[T],
    max_rows: usize,
    max_bytes: usize,
    size: impl Fn(&T) -> usize,
) -> Vec<std::ops::Range<usize>> {
    let mut runs = Vec::new();
    let mut start = 0;
    while start < items.len() {
        let mut end = start + 1;
        let mut bytes = size(&items[start]);
        while end < items.len() && end - start < max_rows && bytes + size(&items[end]) <= max_bytes
        {
            bytes += size(&items[end]);
            end += 1;
        }
        runs.push(start..end);
        start = end;
    }
    runs
}

/// How many ids one `in (...)` list holds: within every backend's limit on parameters.
pub(crate) const IN_LIST: usize = 500;

/// The rows `template` gives for `ids`, its `{ids}` standing for a list of at most
/// `IN_LIST` of them: one statement per few hundred ids, in the order each returns.
pub(crate) async fn rows_for_ids(
    pool: &sqlx::AnyPool,
    template: &str,
    ids: impl IntoIterator<Item = i64>,
) -> Result<Vec<sqlx::any::AnyRow>, StoreError> {
    let ids: Vec<i64> = ids.into_iter().collect();
    let mut rows = Vec::new();
    for chunk in ids.chunks(IN_LIST) {
        let sql = template.replace("{ids}", &placeholders(chunk.len()));
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
        for id in chunk {
            query = query.bind(*id);
        }
        rows.extend(query.fetch_all(pool).await?);
    }
    Ok(rows)
}
